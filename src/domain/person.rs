use serde::{Deserialize, Serialize};

use super::{check_length, tidy, LawfulBasis, PersonKind, RecordInfo};
use crate::ids::PersonId;
use crate::{postcode, Error, Result};

/// One of us (member, volunteer, staff) or another contact (a caseworker, a GP, a headteacher).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub full_name: String,
    pub kind: PersonKind,
    pub role_title: Option<String>,
    pub organisation_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub lawful_basis: Option<LawfulBasis>,
    pub consent_notes: Option<String>,
    pub notes: Option<String>,
    pub record: RecordInfo,
}

/// What the person form submits. Blank text means "not given".
#[derive(Debug, Clone, Deserialize)]
pub struct PersonInput {
    #[serde(default)]
    pub id: Option<PersonId>,
    #[serde(default)]
    pub full_name: Option<String>,
    pub kind: PersonKind,
    #[serde(default)]
    pub role_title: Option<String>,
    #[serde(default)]
    pub organisation_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub lawful_basis: Option<LawfulBasis>,
    #[serde(default)]
    pub consent_notes: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl PersonInput {
    pub fn named(full_name: &str, kind: PersonKind) -> PersonInput {
        PersonInput {
            id: None,
            full_name: Some(full_name.to_owned()),
            kind,
            role_title: None,
            organisation_name: None,
            email: None,
            phone: None,
            address: None,
            postcode: None,
            lawful_basis: None,
            consent_notes: None,
            notes: None,
        }
    }

    /// The input trimmed and checked, with the postcode in its standard form.
    pub(crate) fn validated(&self) -> Result<PersonInput> {
        let full_name = tidy(&self.full_name);
        if full_name.is_none() {
            return Err(Error::invalid("full_name", "Enter the person's full name."));
        }
        let email = tidy(&self.email);
        if let Some(email) = &email {
            if !looks_like_email(email) {
                return Err(Error::invalid(
                    "email",
                    format!("\"{email}\" is not an email address. Enter one like name@example.org, or leave it blank."),
                ));
            }
        }
        let postcode = match tidy(&self.postcode) {
            None => None,
            Some(text) => Some(
                postcode::normalise(&text)
                    .map_err(|e| Error::invalid("postcode", e.to_string()))?,
            ),
        };
        let tidied = PersonInput {
            id: self.id,
            full_name,
            kind: self.kind,
            role_title: tidy(&self.role_title),
            organisation_name: tidy(&self.organisation_name),
            email,
            phone: tidy(&self.phone),
            address: tidy(&self.address),
            postcode,
            lawful_basis: self.lawful_basis,
            consent_notes: tidy(&self.consent_notes),
            notes: tidy(&self.notes),
        };
        check_length("full_name", "The name", &tidied.full_name)?;
        check_length("address", "The address", &tidied.address)?;
        check_length("consent_notes", "The consent notes", &tidied.consent_notes)?;
        check_length("notes", "The notes", &tidied.notes)?;
        Ok(tidied)
    }
}

/// A light check that catches typing slips; the mail system is the real judge.
fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_email(text: &str, ok: bool) {
        assert_eq!(looks_like_email(text), ok, "{text}");
    }

    #[test]
    fn email_check_catches_slips() {
        check_email("jo@example.org", true);
        check_email("jo.bloggs+mp@northfield.org.uk", true);
        check_email("jo@example", false);
        check_email("jo example.org", false);
        check_email("@example.org", false);
        check_email("jo@.org", false);
        check_email("jo @example.org", false);
    }

    #[test]
    fn validation_names_the_field_and_normalises_the_postcode() {
        let blank = PersonInput::named("   ", PersonKind::Member);
        let err = blank.validated().unwrap_err();
        assert_eq!(err.field(), Some("full_name"));

        let mut input = PersonInput::named(" Amira Khan ", PersonKind::Member);
        input.postcode = Some("b15 2tt".into());
        input.notes = Some("   ".into());
        let tidied = input.validated().unwrap();
        assert_eq!(tidied.full_name.as_deref(), Some("Amira Khan"));
        assert_eq!(tidied.postcode.as_deref(), Some("B15 2TT"));
        assert_eq!(tidied.notes, None);

        input.postcode = Some("NOT A CODE".into());
        assert_eq!(input.validated().unwrap_err().field(), Some("postcode"));
    }
}
