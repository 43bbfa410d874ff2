//! The `representatives` table, read together with each one's current seat and primary contact.

use rusqlite::{named_params, Connection, OptionalExtension, Row, ToSql};

use super::fold::Words;
use super::{records, Writer};
use crate::domain::{OfficeKind, RecordInfo, Representative, RepresentativeInput, SeatRef};
use crate::ids::RepresentativeId;
use crate::Result;

/// A representative who held a seat and holds none now is a former one (`s` is the current
/// seat, as `seat_joins!` finds it).
macro_rules! former {
    () => {
        "(s.id IS NULL AND EXISTS (SELECT 1 FROM offices o3 WHERE o3.representative_id = r.id
                                      AND o3.kind = :seat_kind AND o3.deleted_at IS NULL))"
    };
}

/// The current seat is the latest seat office with no end date.
macro_rules! seat_joins {
    () => {
        "
      LEFT JOIN offices o ON o.seq = (
               SELECT o2.seq FROM offices o2
                WHERE o2.representative_id = r.id AND o2.kind = :seat_kind
                  AND o2.end_date IS NULL AND o2.deleted_at IS NULL
                ORDER BY o2.seq DESC LIMIT 1)
      LEFT JOIN seats s ON s.id = o.seat_id"
    };
}

const SELECT: &str = concat!(
    "
    SELECT r.id, r.full_name, r.form_of_address, r.kind, r.party, r.parliament_member_id, r.interests,
           r.preferred_contact, r.surgery_pattern, r.notes, r.primary_contact_id, pc.full_name,
           r.contact_cadence_days, s.id, s.name, s.kind,
           r.created_at, cb.full_name, r.updated_at, ub.full_name, ",
    former!(),
    "
      FROM representatives r",
    seat_joins!(),
    "
      LEFT JOIN people pc ON pc.id = r.primary_contact_id AND pc.deleted_at IS NULL
      LEFT JOIN people cb ON cb.id = r.created_by
      LEFT JOIN people ub ON ub.id = r.updated_by"
);

/// Whether a representative holds every word typed: in their name, party, seat or office
/// ("MP", and "Former" for a former one), case and accents ignored (see `fold.rs`).
const MATCHES: &str = concat!(
    "(:words = '' OR rapport_match(:words, r.full_name, r.party, s.name,
        rapport_kind_label('representative', r.kind), CASE WHEN ",
    former!(),
    " THEN 'Former' END))"
);

fn from_row(row: &Row) -> rusqlite::Result<Representative> {
    let seat = match row.get(13)? {
        Some(id) => Some(SeatRef {
            id,
            name: row.get(14)?,
            kind: row.get(15)?,
        }),
        None => None,
    };
    Ok(Representative {
        id: row.get(0)?,
        full_name: row.get(1)?,
        form_of_address: row.get(2)?,
        kind: row.get(3)?,
        party: row.get(4)?,
        parliament_member_id: row.get(5)?,
        interests: row.get(6)?,
        preferred_contact: row.get(7)?,
        surgery_pattern: row.get(8)?,
        notes: row.get(9)?,
        primary_contact_id: row.get(10)?,
        primary_contact_name: row.get(11)?,
        contact_cadence_days: row.get(12)?,
        seat,
        former: row.get(20)?,
        record: RecordInfo {
            created_at: row.get(16)?,
            created_by: row.get(17)?,
            updated_at: row.get(18)?,
            updated_by: row.get(19)?,
        },
    })
}

/// Every representative not deleted, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Representative>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.deleted_at IS NULL ORDER BY r.full_name COLLATE NOCASE, r.id"
    ))?;
    let reps = stmt
        .query_map(named_params! { ":seat_kind": OfficeKind::Seat }, from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(reps)
}

/// A page of the representatives not deleted who match `words`, in `list`'s order: at most
/// `limit` (none: all) after skipping `offset`.
pub(crate) fn page(
    conn: &Connection,
    words: &Words,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Result<Vec<Representative>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.deleted_at IS NULL AND {MATCHES}
          ORDER BY r.full_name COLLATE NOCASE, r.id LIMIT :limit OFFSET :offset"
    ))?;
    let reps = stmt
        .query_map(
            named_params! {
                ":seat_kind": OfficeKind::Seat,
                ":words": words.as_str(),
                ":limit": limit.map_or(-1, i64::from),
                ":offset": i64::from(offset.unwrap_or(0)),
            },
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(reps)
}

/// How many representatives not deleted match `words`.
pub(crate) fn count(conn: &Connection, words: &Words) -> Result<usize> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COUNT(*) FROM representatives r {} WHERE r.deleted_at IS NULL AND {MATCHES}",
        seat_joins!()
    ))?;
    let count: i64 = stmt.query_row(
        named_params! { ":seat_kind": OfficeKind::Seat, ":words": words.as_str() },
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Whether any representative is on record.
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM representatives WHERE deleted_at IS NULL)",
        [],
        |row| row.get(0),
    )?)
}

/// One representative, unless deleted.
pub(crate) fn find(conn: &Connection, id: RepresentativeId) -> Result<Option<Representative>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.id = :id AND r.deleted_at IS NULL"
    ))?;
    Ok(stmt
        .query_row(
            named_params! { ":seat_kind": OfficeKind::Seat, ":id": id },
            from_row,
        )
        .optional()?)
}

/// The form's columns, bound once for both insert and update.
fn bind<'a>(
    id: &'a RepresentativeId,
    input: &'a RepresentativeInput,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":id", id),
        (":full_name", &input.full_name),
        (":form_of_address", &input.form_of_address),
        (":kind", &input.kind),
        (":party", &input.party),
        (":interests", &input.interests),
        (":preferred_contact", &input.preferred_contact),
        (":surgery_pattern", &input.surgery_pattern),
        (":notes", &input.notes),
        (":primary_contact_id", &input.primary_contact_id),
        (":contact_cadence_days", &input.contact_cadence_days),
    ]
}

pub(crate) fn insert(w: &Writer, id: RepresentativeId, input: &RepresentativeInput) -> Result<()> {
    let mut params = bind(&id, input);
    params.extend([(":now", &w.now as &dyn ToSql), (":author", &w.author)]);
    w.tx.execute(
        "INSERT INTO representatives (id, full_name, form_of_address, kind, party, interests, preferred_contact,
                                      surgery_pattern, notes, primary_contact_id, contact_cadence_days,
                                      created_at, created_by, updated_at, updated_by)
         VALUES (:id, :full_name, :form_of_address, :kind, :party, :interests, :preferred_contact,
                 :surgery_pattern, :notes, :primary_contact_id, :contact_cadence_days, :now, :author, :now, :author)",
        &*params,
    )?;
    records::created(w, "representatives", &id)
}

pub(crate) fn update(w: &Writer, id: RepresentativeId, input: &RepresentativeInput) -> Result<()> {
    records::updated(w, "representatives", &id, "representative", || {
        w.tx.execute(
            "UPDATE representatives
                SET full_name = :full_name, form_of_address = :form_of_address, kind = :kind, party = :party,
                    interests = :interests, preferred_contact = :preferred_contact, surgery_pattern = :surgery_pattern,
                    notes = :notes, primary_contact_id = :primary_contact_id, contact_cadence_days = :contact_cadence_days
              WHERE id = :id AND deleted_at IS NULL",
            &*bind(&id, input),
        )?;
        Ok(())
    })
}

/// The representative recorded with this UK Parliament member id, if any.
pub(crate) fn by_parliament_id(conn: &Connection, member: i64) -> Result<Option<RepresentativeId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM representatives WHERE parliament_member_id = ?1 AND deleted_at IS NULL",
            [member],
            |row| row.get(0),
        )
        .optional()?)
}

/// Records which UK Parliament member a representative is (from the Members API).
pub(crate) fn set_parliament_id(w: &Writer, id: RepresentativeId, member: i64) -> Result<()> {
    set_column(w, id, "parliament_member_id", &member)
}

/// Sets one of the representative's own columns (`column` is one of Rapport's names, never
/// user text), stamped and audited if it changed.
pub(crate) fn set_column(
    w: &Writer,
    id: RepresentativeId,
    column: &'static str,
    value: &dyn ToSql,
) -> Result<()> {
    records::updated(w, "representatives", &id, "representative", || {
        w.tx.execute(
            &format!(
                "UPDATE representatives SET {column} = ?1 WHERE id = ?2 AND deleted_at IS NULL"
            ),
            rusqlite::params![value, id],
        )?;
        Ok(())
    })
}
