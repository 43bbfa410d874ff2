//! UK postcodes: normalise what people type ("sw1a0aa", " SW1A  0AA ") to the standard form
//! ("SW1A 0AA"), and refuse what cannot be a postcode, saying why.
//!
//! The shapes follow the Royal Mail format: an outward code (A9, A99, AA9, AA99, A9A or AA9A)
//! and an inward code (9AA), plus the special GIR 0AA. It checks the format, not that the
//! postcode exists; that needs the network and is done only when the user asks.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeError {
    typed: String,
    reason: &'static str,
}

impl fmt::Display for PostcodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a UK postcode: {}. Enter one like SW1A 0AA, or leave it blank.",
            self.typed, self.reason
        )
    }
}

impl std::error::Error for PostcodeError {}

/// Letters never used in the inward code's last two places.
const INWARD_FORBIDDEN: &[char] = &['C', 'I', 'K', 'M', 'O', 'V'];

pub fn normalise(typed: &str) -> Result<String, PostcodeError> {
    let fail = |reason| PostcodeError {
        typed: typed.trim().chars().take(20).collect(),
        reason,
    };
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if compact.is_empty() {
        return Err(fail("it is empty"));
    }
    if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(fail("it may contain only letters, digits and spaces"));
    }
    if !(5..=7).contains(&compact.len()) {
        return Err(fail("it should be 5 to 7 letters and digits"));
    }
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".to_owned());
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_chars: Vec<char> = inward.chars().collect();
    if !inward_chars[0].is_ascii_digit()
        || !inward_chars[1..]
            .iter()
            .all(|c| c.is_ascii_alphabetic() && !INWARD_FORBIDDEN.contains(c))
    {
        return Err(fail(
            "the last part should be a digit and two letters, like 0AA",
        ));
    }
    if !outward_is_valid(outward) {
        return Err(fail(
            "the first part should look like B1, B15, SW1, SW1A or W1A",
        ));
    }
    Ok(format!("{outward} {inward}"))
}

fn outward_is_valid(outward: &str) -> bool {
    let c: Vec<char> = outward.chars().collect();
    let letter = |ch: char| ch.is_ascii_alphabetic();
    let digit = |ch: char| ch.is_ascii_digit();
    let first_ok = |ch: char| letter(ch) && !matches!(ch, 'Q' | 'V' | 'X');
    let second_ok = |ch: char| letter(ch) && !matches!(ch, 'I' | 'J' | 'Z');
    match c.as_slice() {
        [a, n] => first_ok(*a) && digit(*n),
        [a, n, m] if digit(*n) => first_ok(*a) && (digit(*m) || "ABCDEFGHJKPSTUW".contains(*m)),
        [a, b, n] => first_ok(*a) && second_ok(*b) && digit(*n),
        [a, b, n, m] => {
            first_ok(*a) && second_ok(*b) && digit(*n) && (digit(*m) || "ABEHMNPRVWXY".contains(*m))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;

    fn check(typed: &str, expected: Option<&str>) {
        assert_eq!(normalise(typed).ok().as_deref(), expected, "{typed:?}");
    }

    #[test]
    fn accepts_every_shape_in_any_case_and_spacing() {
        check("M1 1AE", Some("M1 1AE"));
        check("b33 8th", Some("B33 8TH"));
        check("CR26XH", Some("CR2 6XH"));
        check("dn55 1pt", Some("DN55 1PT"));
        check("W1A 0AX", Some("W1A 0AX"));
        check("  sw1a   0aa ", Some("SW1A 0AA"));
        check("EC1A 1BB", Some("EC1A 1BB"));
        check("gir 0aa", Some("GIR 0AA"));
        check("EH99 1SP", Some("EH99 1SP"));
    }

    #[test]
    fn refuses_what_cannot_be_a_postcode() {
        check("", None);
        check("SW1A", None);
        check("SW1A 0AAA", None);
        check("SW1A-0AA", None);
        check("QW1 1AA", None); // Q never starts a postcode
        check("SW1A 0CA", None); // C never in the inward letters
        check("12345", None);
        check("<script>", None);
        check("Ⅻ1 1AA", None);
    }

    #[test]
    fn the_message_says_what_to_fix() {
        let message = normalise("SW1A 0CA").unwrap_err().to_string();
        assert!(
            message.contains("SW1A 0CA") && message.contains("like SW1A 0AA"),
            "{message}"
        );
    }
}
