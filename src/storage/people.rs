//! The `people` table: our members and other contacts.

use rusqlite::{named_params, Connection, OptionalExtension, Row, ToSql};

use super::fold::Words;
use super::{records, Writer};
use crate::domain::{CodeEnum, Person, PersonInput, PersonKind, RecordInfo};
use crate::ids::PersonId;
use crate::Result;

const SELECT: &str = "
    SELECT p.id, p.full_name, p.kind, p.role_title, p.organisation_name, p.email, p.phone, p.address,
           p.postcode, p.lawful_basis, p.consent_notes, p.notes,
           p.created_at, cb.full_name, p.updated_at, ub.full_name
      FROM people p
      LEFT JOIN people cb ON cb.id = p.created_by
      LEFT JOIN people ub ON ub.id = p.updated_by";

fn from_row(row: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        full_name: row.get(1)?,
        kind: row.get(2)?,
        role_title: row.get(3)?,
        organisation_name: row.get(4)?,
        email: row.get(5)?,
        phone: row.get(6)?,
        address: row.get(7)?,
        postcode: row.get(8)?,
        lawful_basis: row.get(9)?,
        consent_notes: row.get(10)?,
        notes: row.get(11)?,
        record: RecordInfo {
            created_at: row.get(12)?,
            created_by: row.get(13)?,
            updated_at: row.get(14)?,
            updated_by: row.get(15)?,
        },
    })
}

/// Everyone not deleted, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE p.deleted_at IS NULL ORDER BY p.full_name COLLATE NOCASE, p.id"
    ))?;
    let people = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}

/// Whether a person holds every word typed: in their name, role, organisation, email or kind
/// (case and accents ignored; see `fold.rs`), and is of one of the kinds asked for (`:kinds`,
/// a JSON array of kind codes bound as a parameter). No words: everyone; no kinds: every kind.
const MATCHES: &str = "(:words = '' OR rapport_match(:words, p.full_name, p.role_title,
    p.organisation_name, p.email, rapport_kind_label('person', p.kind)))
    AND (:kinds = '[]' OR p.kind IN (SELECT value FROM json_each(:kinds)))";

/// The kinds asked for as the JSON array `MATCHES` reads: their codes, `[]` for every kind.
fn kinds_json(kinds: &[PersonKind]) -> String {
    let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    serde_json::Value::from(codes).to_string()
}

/// A page of the people not deleted who match `words` and are of one of `kinds` (none: any),
/// in `list`'s order: at most `limit` (none: all) after skipping `offset`.
pub(crate) fn page(
    conn: &Connection,
    words: &Words,
    kinds: &[PersonKind],
    limit: Option<u32>,
    offset: Option<u32>,
) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE p.deleted_at IS NULL AND {MATCHES}
          ORDER BY p.full_name COLLATE NOCASE, p.id LIMIT :limit OFFSET :offset"
    ))?;
    let people = stmt
        .query_map(
            named_params! {
                ":words": words.as_str(),
                ":kinds": kinds_json(kinds),
                ":limit": limit.map_or(-1, i64::from),
                ":offset": i64::from(offset.unwrap_or(0)),
            },
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}

/// How many people not deleted match `words` and are of one of `kinds` (none: any).
pub(crate) fn count(conn: &Connection, words: &Words, kinds: &[PersonKind]) -> Result<usize> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COUNT(*) FROM people p WHERE p.deleted_at IS NULL AND {MATCHES}"
    ))?;
    let count: i64 = stmt.query_row(
        named_params! { ":words": words.as_str(), ":kinds": kinds_json(kinds) },
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// One person, unless deleted.
pub(crate) fn find(conn: &Connection, id: PersonId) -> Result<Option<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE p.id = ?1 AND p.deleted_at IS NULL"
    ))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// The form's columns, bound once for both insert and update.
fn bind<'a>(id: &'a PersonId, input: &'a PersonInput) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":id", id),
        (":full_name", &input.full_name),
        (":kind", &input.kind),
        (":role_title", &input.role_title),
        (":organisation_name", &input.organisation_name),
        (":email", &input.email),
        (":phone", &input.phone),
        (":address", &input.address),
        (":postcode", &input.postcode),
        (":lawful_basis", &input.lawful_basis),
        (":consent_notes", &input.consent_notes),
        (":notes", &input.notes),
    ]
}

pub(crate) fn insert(w: &Writer, id: PersonId, input: &PersonInput) -> Result<()> {
    let mut params = bind(&id, input);
    params.extend([(":now", &w.now as &dyn ToSql), (":author", &w.author)]);
    w.tx.execute(
        "INSERT INTO people (id, full_name, kind, role_title, organisation_name, email, phone, address, postcode,
                             lawful_basis, consent_notes, notes, created_at, created_by, updated_at, updated_by)
         VALUES (:id, :full_name, :kind, :role_title, :organisation_name, :email, :phone, :address, :postcode,
                 :lawful_basis, :consent_notes, :notes, :now, :author, :now, :author)",
        &*params,
    )?;
    records::created(w, "people", &id)
}

pub(crate) fn update(w: &Writer, id: PersonId, input: &PersonInput) -> Result<()> {
    records::updated(w, "people", &id, "person", || {
        w.tx.execute(
            "UPDATE people SET full_name = :full_name, kind = :kind, role_title = :role_title,
                    organisation_name = :organisation_name, email = :email, phone = :phone, address = :address,
                    postcode = :postcode, lawful_basis = :lawful_basis, consent_notes = :consent_notes, notes = :notes
              WHERE id = :id AND deleted_at IS NULL",
            &*bind(&id, input),
        )?;
        Ok(())
    })
}
