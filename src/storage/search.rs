//! Full-text search over everything people type, through the FTS5 table `search_index` that
//! migration 0002's triggers keep in step with every write.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::domain::{CodeEnum, InteractionKind, SearchHit, SubjectKind};
use crate::time::{long_date, long_date_of, long_date_of_day, parse_date};
use crate::Result;

/// The words of what the user typed, as the query treats them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The FTS5 query for what the user typed: every word must match, each as a prefix, with
/// FTS5's own syntax (quotes, `AND`, `*`, `:`) taken literally.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = words(text)
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
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
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    // Newest first is the index's own order, so the search stops after `limit` matches.
    let order = if too_common(conn, &query, common)? {
        "rowid DESC"
    } else {
        "rank"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT kind, subject_id, highlight(search_index, 0, char(2), char(3)),
                snippet(search_index, 1, char(2), char(3), '…', 16), bm25(search_index, 5.0, 1.0) AS rank
           FROM search_index WHERE search_index MATCH ?1 ORDER BY {order} LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![query, limit], |row| {
        Ok((
            row.get::<_, SubjectKind>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, f64>(4)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (kind, id, title, snippet, rank) = row?;
        let Ok(id) = Uuid::from_slice(&id) else {
            continue;
        };
        let place = locate(conn, kind, id)?;
        hits.push(SearchHit {
            kind,
            id,
            title: title.unwrap_or_default(),
            snippet: snippet.unwrap_or_default(),
            context: place.context,
            interaction_id: place.interaction,
            representative_id: place.representative,
            rank,
        });
    }
    Ok(hits)
}

struct Place {
    context: String,
    interaction: Option<Uuid>,
    representative: Option<Uuid>,
}

fn uuid(bytes: Option<Vec<u8>>) -> Option<Uuid> {
    bytes.and_then(|b| Uuid::from_slice(&b).ok())
}

/// Where a hit sits, in words, and which screen shows it.
fn locate(conn: &Connection, kind: SubjectKind, id: Uuid) -> Result<Place> {
    let key = &id.as_bytes()[..];
    let none = Place {
        context: kind.label().to_owned(),
        interaction: None,
        representative: None,
    };
    let place = match kind {
        SubjectKind::Interaction => Some(Place { context: interaction_line(conn, id)?, interaction: Some(id), representative: None }),
        SubjectKind::Representative => conn
            .query_row(
                "SELECT r.kind, r.party FROM representatives r WHERE r.id = ?1",
                [key],
                |row| Ok((row.get::<_, crate::domain::RepresentativeKind>(0)?, row.get::<_, Option<String>>(1)?)),
            )
            .optional()?
            .map(|(k, party)| Place {
                context: [Some(k.label().to_owned()), party].into_iter().flatten().collect::<Vec<_>>().join(", "),
                interaction: None,
                representative: Some(id),
            }),
        SubjectKind::Person => conn
            .query_row("SELECT kind, role_title FROM people WHERE id = ?1", [key], |row| {
                Ok((row.get::<_, crate::domain::PersonKind>(0)?, row.get::<_, Option<String>>(1)?))
            })
            .optional()?
            .map(|(k, role)| Place {
                context: [Some(k.label().to_owned()), role].into_iter().flatten().collect::<Vec<_>>().join(", "),
                interaction: None,
                representative: None,
            }),
        SubjectKind::Ask => conn
            .query_row(
                "SELECT r.full_name, a.status, a.interaction_id, a.representative_id FROM asks a
                   JOIN representatives r ON r.id = a.representative_id WHERE a.id = ?1",
                [key],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, crate::domain::AskStatus>(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?
            .map(|(rep, status, interaction, representative)| Place {
                context: format!("Ask to {rep}: {}", status.label()),
                interaction: uuid(interaction),
                representative: uuid(representative),
            }),
        SubjectKind::Commitment => conn
            .query_row(
                "SELECT coalesce(p.full_name, r.full_name), c.due_date, c.interaction_id FROM commitments c
                   LEFT JOIN people p ON p.id = c.person_id LEFT JOIN representatives r ON r.id = c.representative_id
                  WHERE c.id = ?1",
                [key],
                |row| Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?, row.get(2)?)),
            )
            .optional()?
            .map(|(who, due, interaction)| Place {
                context: format!(
                    "Promised by {}{}",
                    who.unwrap_or_else(|| "someone".into()),
                    due.and_then(|d| parse_date(&d)).map(|d| format!(", due {}", long_date(d))).unwrap_or_default()
                ),
                interaction: uuid(interaction),
                representative: None,
            }),
        SubjectKind::FollowUp => conn
            .query_row("SELECT due_date, interaction_id, representative_id FROM follow_ups WHERE id = ?1", [key], |row| {
                Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?
            .map(|(due, interaction, representative)| Place {
                context: format!("Follow-up, due {}", long_date_of_day(&due)),
                interaction: uuid(interaction),
                representative: uuid(representative),
            }),
        SubjectKind::Seat | SubjectKind::Campaign | SubjectKind::Organisation => None,
    };
    Ok(place.unwrap_or(none))
}

/// "Surgery meeting with Jane Smith, 20 November 2026" (for a deleted one too, as it was).
pub(crate) fn interaction_line(conn: &Connection, id: Uuid) -> Result<String> {
    let row: Option<(InteractionKind, String, Option<String>)> = conn
        .query_row(
            "SELECT i.kind, i.occurred_at,
                    (SELECT group_concat(r.full_name, ' and ') FROM interaction_participants ip
                       JOIN representatives r ON r.id = ip.representative_id
                      WHERE ip.interaction_id = i.id AND (ip.deleted_at IS NULL OR ip.deleted_at = i.deleted_at))
               FROM interactions i WHERE i.id = ?1",
            [&id.as_bytes()[..]],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        Some((kind, at, Some(reps))) => {
            format!("{} with {reps}, {}", kind.label(), long_date_of(&at))
        }
        Some((kind, at, None)) => format!("{}, {}", kind.label(), long_date_of(&at)),
        None => "Interaction".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::{fts_query, search_with};
    use crate::domain::{PersonInput, PersonKind, SetupInput};
    use crate::Store;

    #[test]
    fn a_word_in_very_many_records_lists_the_newest_matches_first() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .set_up(&SetupInput {
                organisation_name: Some("Northfield Big Local".into()),
                member_name: Some("Amira Khan".into()),
            })
            .unwrap();
        for n in 0..30 {
            let mut person = PersonInput::named(&format!("Volunteer {n}"), PersonKind::Volunteer);
            person.notes = Some(
                if n == 7 {
                    "volunteer volunteer volunteer"
                } else {
                    ""
                }
                .into(),
            );
            store.save_person(&person).unwrap();
        }
        let conn = store.connection_for_tests();
        // Ranked by relevance (all equal here, so in the order they were written).
        let ranked = search_with(conn, "volunteer", 5, 1_000).unwrap();
        assert_eq!(
            ranked[0].title.replace(['\u{2}', '\u{3}'], ""),
            "Volunteer 0"
        );
        // Too common to rank: the newest five, newest first.
        let newest = search_with(conn, "volunt", 5, 10).unwrap();
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
