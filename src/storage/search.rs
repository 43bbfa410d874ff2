//! Full-text search over everything people type, through the FTS5 table `search_index` that
//! migration 0002's triggers keep in step with every write.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::domain::{
    AskStatus, CodeEnum, InteractionKind, PersonKind, RepresentativeKind, SearchHit, SubjectKind,
};
use crate::time::{long_date, long_date_of, long_date_of_day, parse_date};
use crate::Result;

/// The words of what the user typed, as the query treats them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// A typed word as an FTS5 prefix phrase, with FTS5's own syntax (quotes, `AND`, `*`, `:`)
/// taken literally. Every word must match, each as a prefix.
fn prefix_phrase(word: &str) -> String {
    format!("\"{}\"*", word.replace('"', "\"\""))
}

/// The indexed terms that begin with a word.
enum Terms {
    Nothing,
    One(String),
    Several,
}

/// The first indexed term from `?1` to `?2`. `temp.search_terms` lists the index's terms one row
/// per occurrence, in term order, from where `term >=` says: one row is one seek, however common
/// the term. (It starts `term >` at the same place, so that would walk every occurrence of `?1`.)
const TERMS: &str = "SELECT term FROM temp.search_terms WHERE term >= ?1 AND term <= ?2 LIMIT 1";

/// Which indexed terms begin with `token` (already as the tokenizer writes it), or `None` when
/// the index cannot be asked (then the caller keeps the prefix).
fn terms_starting(conn: &Connection, token: &str) -> Option<Terms> {
    let mut stmt = match conn.prepare_cached(TERMS) {
        Ok(stmt) => stmt,
        Err(_) => {
            // Once per connection; in `temp`, so it is never part of the file.
            conn.execute_batch(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms
                   USING fts5vocab(main, search_index, instance)",
            )
            .ok()?;
            conn.prepare_cached(TERMS).ok()?
        }
    };
    // Every term that begins with `token` sorts from `token` to `token` followed by the last code
    // point; every term after `t` sorts at or after `t` followed by U+0001 (terms hold no NUL).
    let last = format!("{token}\u{10FFFF}");
    let mut at = |from: &str| -> Option<Option<String>> {
        stmt.query_row(params![from, last], |row| row.get::<_, String>(0))
            .optional()
            .ok()
    };
    let Some(first) = at(token)? else {
        return Some(Terms::Nothing);
    };
    if !first.starts_with(token) {
        return None;
    }
    Some(match at(&format!("{first}\u{1}"))? {
        None => Terms::One(first),
        Some(_) => Terms::Several,
    })
}

/// The FTS5 query for what the user typed: each word as a [`prefix_phrase`], except that a word
/// only one indexed term begins with is written as that term. That matches, marks and ranks exactly
/// the same records, but FTS5 answers a prefix by first gathering every record holding any term
/// with that prefix (30 ms for a word in a million records, however few records the whole query
/// matches), and a plain term by reading only what it needs. `None` when nothing can match.
///
/// Only words of ASCII letters and digits are narrowed: the tokenizer (`unicode61`, see the
/// test below) writes those as one lowercase term, so the look-up asks for the same prefix
/// FTS5 would expand. Other words keep their prefix.
fn narrowed_query(conn: &Connection, text: &str) -> Result<Option<String>> {
    let mut phrases = Vec::new();
    for word in words(text) {
        if !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            phrases.push(prefix_phrase(word));
            continue;
        }
        match terms_starting(conn, &word.to_ascii_lowercase()) {
            Some(Terms::Nothing) => return Ok(None),
            Some(Terms::One(term)) if term.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                phrases.push(format!("\"{term}\""))
            }
            _ => phrases.push(prefix_phrase(word)),
        }
    }
    Ok((!phrases.is_empty()).then(|| phrases.join(" ")))
}

/// Above this many matching records, there are too many to rank by relevance quickly (ranking
/// scores every match): they are shown newest first instead.
const COMMON_DOCS: i64 = 20_000;

/// Whether the query matches more than `common` records: counted in the index's own order and
/// stopped one past the limit, so a rare query costs next to nothing and a common one a bounded
/// walk.
fn too_common(conn: &Connection, query: &str, common: i64) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 LIMIT ?2)",
    )?;
    let found: i64 = stmt.query_row(params![query, common + 1], |row| row.get(0))?;
    Ok(found > common)
}

/// The best matches, names and titles weighing more than notes. (Ordering by FTS5's own `rank`
/// column with `rank MATCH 'bm25(5.0, 1.0)'` instead, which marks only the rows returned,
/// measured about 1.6 times slower on the large sample, for a rare word and for 10,000 matches.)
const RANKED: &str = "SELECT kind, subject_id, highlight(search_index, 0, char(2), char(3)),
        snippet(search_index, 1, char(2), char(3), '…', 16), bm25(search_index, 5.0, 1.0) AS rank
   FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2";

/// The newest matches, in the index's own order, so FTS5 stops after `limit`. They are not
/// ranked (rank 0): `bm25()` would count every record holding each word to weigh it.
const NEWEST: &str = "SELECT kind, subject_id, highlight(search_index, 0, char(2), char(3)),
        snippet(search_index, 1, char(2), char(3), '…', 16), 0.0
   FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2";

/// The best `limit` matches for `text`, names and titles weighing more than notes; when very
/// many records match, the newest `limit` of them.
pub(crate) fn search(conn: &Connection, text: &str, limit: i64) -> Result<Vec<SearchHit>> {
    search_with(conn, text, limit, COMMON_DOCS)
}

pub(crate) fn search_with(
    conn: &Connection,
    text: &str,
    limit: i64,
    common: i64,
) -> Result<Vec<SearchHit>> {
    let Some(query) = narrowed_query(conn, text)? else {
        return Ok(Vec::new());
    };
    let sql = if too_common(conn, &query, common)? {
        NEWEST
    } else {
        RANKED
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![query, limit], |row| {
        Ok((
            row.get::<_, SubjectKind>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, f64>(4)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (kind, id, title, snippet, rank) = row?;
        if let Ok(id) = Uuid::from_slice(&id) {
            found.push((kind, id, title, snippet, rank));
        }
    }
    let mut places = places(conn, found.iter().map(|&(kind, id, ..)| (kind, id)))?;
    Ok(found
        .into_iter()
        .map(|(kind, id, title, snippet, rank)| {
            let place = places
                .remove(&(kind, id))
                .unwrap_or_else(|| Place::of(kind, id));
            SearchHit {
                kind,
                id,
                title: title.unwrap_or_default(),
                snippet: snippet.unwrap_or_default(),
                context: place.context,
                interaction_id: place.interaction,
                representative_id: place.representative,
                rank,
            }
        })
        .collect())
}

/// Where a hit sits, in words, and which screen shows it.
struct Place {
    context: String,
    interaction: Option<Uuid>,
    representative: Option<Uuid>,
}

impl Place {
    /// A hit whose record says no more: its kind; an interaction opens itself.
    fn of(kind: SubjectKind, id: Uuid) -> Place {
        Place {
            context: kind.label().to_owned(),
            interaction: (kind == SubjectKind::Interaction).then_some(id),
            representative: None,
        }
    }
}

fn uuid(bytes: Option<Vec<u8>>) -> Option<Uuid> {
    bytes.and_then(|b| Uuid::from_slice(&b).ok())
}

/// The records behind the hits of one kind, as `WHERE x.id IN (SELECT id FROM ids)`: the ids
/// go in as one JSON array of hex strings, so each kind takes one parameterised query however
/// many hits it has.
const IDS: &str = "WITH ids(id) AS (SELECT unhex(value) FROM json_each(?1))";

/// Where each hit sits, in one query per kind of record among them.
fn places(
    conn: &Connection,
    hits: impl Iterator<Item = (SubjectKind, Uuid)>,
) -> Result<HashMap<(SubjectKind, Uuid), Place>> {
    let mut by_kind: HashMap<SubjectKind, Vec<String>> = HashMap::new();
    for (kind, id) in hits {
        by_kind
            .entry(kind)
            .or_default()
            .push(format!("\"{}\"", id.simple()));
    }
    let mut places = HashMap::new();
    for (kind, ids) in by_kind {
        place_kind(conn, kind, &format!("[{}]", ids.join(",")), &mut places)?;
    }
    Ok(places)
}

/// Places the hits of one kind (`ids` as [`IDS`] takes them) into `places`.
fn place_kind(
    conn: &Connection,
    kind: SubjectKind,
    ids: &str,
    places: &mut HashMap<(SubjectKind, Uuid), Place>,
) -> Result<()> {
    let sql = match kind {
        SubjectKind::Interaction => {
            format!("{IDS} SELECT i.id, {INTERACTION_LINE} FROM interactions i WHERE i.id IN ids")
        }
        SubjectKind::Representative => {
            format!("{IDS} SELECT r.id, r.kind, r.party FROM representatives r WHERE r.id IN ids")
        }
        SubjectKind::Person => {
            format!("{IDS} SELECT p.id, p.kind, p.role_title FROM people p WHERE p.id IN ids")
        }
        SubjectKind::Ask => format!(
            "{IDS} SELECT a.id, r.full_name, a.status, a.interaction_id, a.representative_id
                     FROM asks a JOIN representatives r ON r.id = a.representative_id
                    WHERE a.id IN ids"
        ),
        SubjectKind::Commitment => format!(
            "{IDS} SELECT c.id, coalesce(p.full_name, r.full_name), c.due_date, c.interaction_id
                     FROM commitments c LEFT JOIN people p ON p.id = c.person_id
                     LEFT JOIN representatives r ON r.id = c.representative_id
                    WHERE c.id IN ids"
        ),
        SubjectKind::FollowUp => format!(
            "{IDS} SELECT f.id, f.due_date, f.interaction_id, f.representative_id
                     FROM follow_ups f WHERE f.id IN ids"
        ),
        SubjectKind::Seat | SubjectKind::Campaign | SubjectKind::Organisation => return Ok(()),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([ids])?;
    while let Some(row) = rows.next()? {
        let Some(id) = uuid(row.get(0)?) else {
            continue;
        };
        let place = match kind {
            SubjectKind::Interaction => Place {
                context: interaction_words(row.get(1)?, &row.get::<_, String>(2)?, row.get(3)?),
                interaction: Some(id),
                representative: None,
            },
            SubjectKind::Representative => Place {
                context: listed(row.get::<_, RepresentativeKind>(1)?.label(), row.get(2)?),
                interaction: None,
                representative: Some(id),
            },
            SubjectKind::Person => Place {
                context: listed(row.get::<_, PersonKind>(1)?.label(), row.get(2)?),
                interaction: None,
                representative: None,
            },
            SubjectKind::Ask => Place {
                context: format!(
                    "Ask to {}: {}",
                    row.get::<_, String>(1)?,
                    row.get::<_, AskStatus>(2)?.label()
                ),
                interaction: uuid(row.get(3)?),
                representative: uuid(row.get(4)?),
            },
            SubjectKind::Commitment => Place {
                context: format!(
                    "Promised by {}{}",
                    row.get::<_, Option<String>>(1)?
                        .unwrap_or_else(|| "someone".into()),
                    row.get::<_, Option<String>>(2)?
                        .and_then(|d| parse_date(&d))
                        .map(|d| format!(", due {}", long_date(d)))
                        .unwrap_or_default()
                ),
                interaction: uuid(row.get(3)?),
                representative: None,
            },
            SubjectKind::FollowUp => Place {
                context: format!(
                    "Follow-up, due {}",
                    long_date_of_day(&row.get::<_, String>(1)?)
                ),
                interaction: uuid(row.get(2)?),
                representative: uuid(row.get(3)?),
            },
            SubjectKind::Seat | SubjectKind::Campaign | SubjectKind::Organisation => continue,
        };
        places.insert((kind, id), place);
    }
    Ok(())
}

/// "Member of Parliament, Labour": a kind and what is known beside it.
fn listed(kind: &str, detail: Option<String>) -> String {
    [Some(kind.to_owned()), detail]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// An interaction `i`'s kind, time and representatives (for a deleted one, those it had).
const INTERACTION_LINE: &str = "i.kind, i.occurred_at,
        (SELECT group_concat(r.full_name, ' and ') FROM interaction_participants ip
           JOIN representatives r ON r.id = ip.representative_id
          WHERE ip.interaction_id = i.id AND (ip.deleted_at IS NULL OR ip.deleted_at = i.deleted_at))";

/// "Surgery meeting with Jane Smith, 20 November 2026".
fn interaction_words(kind: InteractionKind, at: &str, reps: Option<String>) -> String {
    match reps {
        Some(reps) => format!("{} with {reps}, {}", kind.label(), long_date_of(at)),
        None => format!("{}, {}", kind.label(), long_date_of(at)),
    }
}

/// "Surgery meeting with Jane Smith, 20 November 2026" (for a deleted one too, as it was).
pub(crate) fn interaction_line(conn: &Connection, id: Uuid) -> Result<String> {
    let row: Option<(InteractionKind, String, Option<String>)> = conn
        .prepare_cached(&format!(
            "SELECT {INTERACTION_LINE} FROM interactions i WHERE i.id = ?1"
        ))?
        .query_row([&id.as_bytes()[..]], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    Ok(match row {
        Some((kind, at, reps)) => interaction_words(kind, &at, reps),
        None => "Interaction".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::{narrowed_query, prefix_phrase, search_with, words, RANKED};
    use crate::domain::{PersonInput, PersonKind, SetupInput};
    use crate::Store;

    /// A store set up with one person per name, each with the notes given.
    fn store_with(people: &[(&str, &str)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .set_up(&SetupInput {
                organisation_name: Some("Northfield Big Local".into()),
                member_name: Some("Amira Khan".into()),
            })
            .unwrap();
        for (name, notes) in people {
            let mut person = PersonInput::named(name, PersonKind::Volunteer);
            person.notes = Some((*notes).into());
            store.save_person(&person).unwrap();
        }
        store
    }

    /// The query as typed, every word a prefix.
    fn fts_query(text: &str) -> Option<String> {
        let words: Vec<String> = words(text).map(prefix_phrase).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    #[test]
    fn a_word_in_very_many_records_lists_the_newest_matches_first() {
        let names: Vec<String> = (0..30).map(|n| format!("Volunteer {n}")).collect();
        let people: Vec<(&str, &str)> = names
            .iter()
            .enumerate()
            .map(|(n, name)| {
                let notes = if n == 7 {
                    "volunteer volunteer volunteer"
                } else {
                    ""
                };
                (name.as_str(), notes)
            })
            .collect();
        let store = store_with(&people);
        let conn = store.connection_for_tests();
        // Ranked by relevance (all equal here, so in the order they were written).
        let ranked = search_with(conn, "volunteer", 5, 1_000).unwrap();
        assert_eq!(
            ranked[0].title.replace(['\u{2}', '\u{3}'], ""),
            "Volunteer 0"
        );
        assert!(ranked.iter().all(|hit| hit.rank < 0.0));
        // Too common to rank: the newest five, newest first, unranked.
        let newest = search_with(conn, "volunt", 5, 10).unwrap();
        assert!(newest.iter().all(|hit| hit.rank == 0.0));
        let titles: Vec<String> = newest
            .iter()
            .map(|h| h.title.replace(['\u{2}', '\u{3}'], ""))
            .collect();
        assert_eq!(
            titles,
            [
                "Volunteer 29",
                "Volunteer 28",
                "Volunteer 27",
                "Volunteer 26",
                "Volunteer 25"
            ]
        );
        // A rare word beside a common one keeps the ranking.
        assert_eq!(
            search_with(conn, "volunteer 7", 5, 10).unwrap()[0]
                .title
                .replace(['\u{2}', '\u{3}'], ""),
            "Volunteer 7"
        );
    }

    #[test]
    fn a_word_only_one_term_begins_with_is_asked_for_as_that_term() {
        let store = store_with(&[
            (
                "Siân Lloyd",
                "Bus route 42, the routes committee and the roof",
            ),
            ("Tom Reed", "Roofer; routing for the bus"),
        ]);
        let conn = store.connection_for_tests();
        let narrowed = |text| narrowed_query(conn, text).unwrap();
        // "roofer" is the only term after "roofe"; several begin with "rout" and "roof".
        assert_eq!(narrowed("ROOFE rout"), Some("\"roofer\" \"rout\"*".into()));
        assert_eq!(narrowed("roof bus"), Some("\"roof\"* \"bus\"".into()));
        // Words with other characters keep their prefix; a word no term begins with matches
        // nothing, so neither does the query.
        assert_eq!(narrowed("Siân 42"), Some("\"Siân\"* \"42\"".into()));
        assert_eq!(narrowed("O'Brien"), Some("\"O'Brien\"*".into()));
        assert_eq!(narrowed("bus zebra"), None);
        assert_eq!(narrowed(" ** () "), None);

        // Narrowed or not, the same records, marked and ranked the same.
        let mut stmt = conn.prepare(RANKED).unwrap();
        let mut hits = |query: &str| -> Vec<(String, Option<String>, Option<String>, f64)> {
            stmt.query_map(rusqlite::params![query, 10], |row| {
                Ok((row.get(0)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        };
        for text in ["roofe", "Roofe rout", "bus", "lloyd bus", "42", "committee"] {
            let plain = hits(&fts_query(text).unwrap());
            assert!(!plain.is_empty(), "{text}");
            assert_eq!(hits(&narrowed(text).unwrap()), plain, "{text}");
        }
    }

    #[test]
    fn the_index_writes_ascii_words_as_one_lowercase_term() {
        // `narrowed_query` relies on this tokenizer: with another (a stemmer, say), a typed word
        // would no longer be the prefix FTS5 looks up.
        let store = store_with(&[]);
        let sql: String = store
            .connection_for_tests()
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'search_index'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(
            sql.contains("tokenize = 'unicode61 remove_diacritics 2'"),
            "{sql}"
        );
    }

    #[test]
    fn typed_words_become_a_safe_prefix_query() {
        assert_eq!(fts_query("bus route"), Some("\"bus\"* \"route\"*".into()));
        assert_eq!(
            fts_query("  \"quoted\" OR *  "),
            Some("\"quoted\"* \"OR\"*".into())
        );
        assert_eq!(fts_query("O'Brien"), Some("\"O'Brien\"*".into()));
        assert_eq!(fts_query(" ** () "), None);
    }
}
