//! Finding names as people type them: case and accents ignored (NFD, marks dropped, lower
//! case), so "sian" finds "Siân" and "OKAFOR" finds "Okafor". The words are folded once in
//! Rust; each row's text is folded by two SQL functions registered on every connection the
//! `Store` opens:
//!
//! - `rapport_match(words, text, …)`: true when every word of `words` (folded, separated by
//!   spaces, as `Words` gives them) occurs in one of the texts after folding. NULL texts are
//!   skipped; no words matches everything, without reading the texts.
//! - `rapport_kind_label(set, code)`: the label people read for a kind's stored code (`set` is
//!   `'person'` or `'representative'`), so "volunteer" or "councillor" finds by kind as well.
//!
//! Both are deterministic and direct-only (never run from a view, trigger or the schema).

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::domain::{CodeEnum, PersonKind, RepresentativeKind};

/// At most this many words of a query are looked for; the rest are ignored (a pasted paragraph
/// would otherwise cost every row a long search).
const MOST_WORDS: usize = 32;

/// Lower case without accents or other combining marks (NFD, marks dropped, then lower case);
/// curly apostrophes read as straight ones, so "o'brien" finds "O’Brien".
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    // Each character's canonical decomposition (NFD without the reordering of marks, which
    // are all dropped), lower-cased.
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| match d {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
            d if is_combining_mark(d) => {}
            d => out.extend(d.to_lowercase()),
        });
    }
}

/// A query's words, folded: what `rapport_match` is given as its first argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Words(String);

impl Words {
    pub(crate) fn of(text: &str) -> Words {
        let folded = fold(text);
        let words: Vec<&str> = folded.split_whitespace().take(MOST_WORDS).collect();
        Words(words.join(" "))
    }

    /// The folded words separated by single spaces; empty when nothing was typed.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Registers `rapport_match` and `rapport_kind_label` on `conn`.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_DIRECTONLY;
    conn.create_scalar_function("rapport_match", -1, flags, matches)?;
    conn.create_scalar_function("rapport_kind_label", 2, flags, kind_label)?;
    Ok(())
}

fn matches(ctx: &mut Context<'_>) -> rusqlite::Result<bool> {
    if ctx.is_empty() {
        return Ok(true);
    }
    // The words are the same for every row of a statement: split them once.
    let words = ctx.get_or_create_aux(0, |value| -> rusqlite::Result<Vec<String>> {
        Ok(match value {
            ValueRef::Text(bytes) => String::from_utf8_lossy(bytes)
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        })
    })?;
    if words.is_empty() {
        return Ok(true);
    }
    let mut haystack = String::new();
    for index in 1..ctx.len() {
        if let ValueRef::Text(bytes) = ctx.get_raw(index) {
            // Separated, so a word never matches across two fields.
            haystack.push('\u{1F}');
            fold_into(&String::from_utf8_lossy(bytes), &mut haystack);
        }
    }
    Ok(words.iter().all(|word| haystack.contains(word.as_str())))
}

fn kind_label(ctx: &mut Context<'_>) -> rusqlite::Result<Option<&'static str>> {
    let (ValueRef::Text(set), ValueRef::Text(code)) = (ctx.get_raw(0), ctx.get_raw(1)) else {
        return Ok(None);
    };
    let Ok(code) = std::str::from_utf8(code) else {
        return Ok(None);
    };
    Ok(match set {
        b"person" => PersonKind::from_code(code).map(PersonKind::label),
        b"representative" => RepresentativeKind::from_code(code).map(RepresentativeKind::label),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Siân Évans-Ó Dálaigh"), "sian evans-o dalaigh");
        assert_eq!(fold("OKAFOR"), "okafor");
        assert_eq!(fold("O’Brien"), "o'brien");
        assert_eq!(fold("Zoë Ångström"), "zoe angstrom");
        // Precomposed and decomposed forms fold alike.
        assert_eq!(fold("Sia\u{0302}n"), fold("Si\u{00E2}n"));
    }

    #[test]
    fn words_are_folded_and_capped() {
        assert_eq!(Words::of("  Siân   OKAFOR ").as_str(), "sian okafor");
        assert_eq!(Words::of(" \t ").as_str(), "");
        let many = "a ".repeat(100);
        assert_eq!(Words::of(&many).as_str().split(' ').count(), MOST_WORDS);
    }

    #[test]
    fn the_sql_functions_match_every_word_in_any_field() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let check = |words: &str, a: Option<&str>, b: Option<&str>| -> bool {
            conn.query_row(
                "SELECT rapport_match(?1, ?2, ?3)",
                rusqlite::params![Words::of(words).as_str(), a, b],
                |row| row.get(0),
            )
            .unwrap()
        };
        assert!(check("sian", Some("Siân Williams"), None));
        assert!(check(
            "williams CHAIR",
            Some("Siân Williams"),
            Some("Chair")
        ));
        assert!(!check(
            "williams treasurer",
            Some("Siân Williams"),
            Some("Chair")
        ));
        assert!(check("", None, None));
        assert!(!check("x", None, None));
        // Not across fields.
        assert!(!check("schair", Some("Williams"), Some("Chair")));
        // Odd values (numbers, blobs, invalid UTF-8) never fail the query.
        let odd: bool = conn
            .query_row(
                "SELECT rapport_match('a', 12, x'FF00', NULL) OR rapport_match(NULL, 'a')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(odd);
        let label: Option<String> = conn
            .query_row(
                "SELECT rapport_kind_label('representative', 'mp')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(label.as_deref(), Some("MP"));
        let none: Option<String> = conn
            .query_row(
                "SELECT rapport_kind_label('person', 'nonsense')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(none, None);
    }
}
