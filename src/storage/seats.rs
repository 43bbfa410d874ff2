//! The `seats` and `offices` tables: constituencies and wards, and who held them when.
//! A representative's current seat is the seat office with no end date.

use chrono::NaiveDate;
use rusqlite::{named_params, params, Connection, OptionalExtension};

use super::{records, Writer};
use crate::domain::{CoveredSeat, NameRef, OfficeKind, SeatKind};
use crate::ids::{OfficeId, OrganisationId, RepresentativeId, SeatId};
use crate::time::{format_date, london_date, parse_instant};
use crate::{Error, Result};

/// The seat called `name` of this kind, recorded now if it is new. Names match ignoring case.
fn find_or_create(w: &Writer, name: &str, kind: SeatKind) -> Result<SeatId> {
    let existing: Option<SeatId> = w
        .tx
        .query_row(
            "SELECT id FROM seats WHERE name = ?1 COLLATE NOCASE AND kind = ?2 AND deleted_at IS NULL ORDER BY seq LIMIT 1",
            params![name, kind],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = SeatId::new();
    w.tx.execute(
        "INSERT INTO seats (id, name, kind, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)",
        params![id, name, kind, w.now, w.author],
    )?;
    records::created(w, "seats", &id)?;
    Ok(id)
}

/// Makes `seat_name` the representative's current seat. A different seat (or none) ends the
/// current term on `today`; the old term stays on record, with the seat's history.
pub(crate) fn set_current_seat(
    w: &Writer,
    representative: RepresentativeId,
    seat_name: Option<&str>,
    kind: SeatKind,
    today: NaiveDate,
) -> Result<()> {
    let current: Option<(OfficeId, SeatId, String)> =
        w.tx.query_row(
            "SELECT id, seat_id, created_at FROM offices
              WHERE representative_id = ?1 AND kind = ?2 AND end_date IS NULL AND deleted_at IS NULL
              ORDER BY seq DESC LIMIT 1",
            params![representative, OfficeKind::Seat],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let wanted = match seat_name {
        Some(name) => Some((find_or_create(w, name, kind)?, name)),
        None => None,
    };
    if let (Some((office, held, recorded)), Some((seat, name))) = (&current, wanted) {
        if *held == seat {
            return Ok(());
        }
        // A seat changed on the day its term was recorded is a correction (a typo, the wrong
        // constituency picked), not an election: fix the term rather than end it.
        if parse_instant(recorded).map(london_date) == Some(today) {
            return records::updated(w, "offices", office, "office", || {
                w.tx.execute(
                    "UPDATE offices SET seat_id = ?1, title = ?2 WHERE id = ?3",
                    params![seat, name, office],
                )?;
                Ok(())
            });
        }
    }
    let today = format_date(today);
    if let Some((office, ..)) = current {
        end_term(w, office, &today)?;
    }
    if let Some((seat, name)) = wanted {
        // A change of seat, or of a seat's holder, starts today. A first seat for a seat new
        // to the record has no known start.
        let held_before: bool = w.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM offices WHERE seat_id = ?1 AND kind = ?2 AND deleted_at IS NULL)",
            params![seat, OfficeKind::Seat],
            |row| row.get(0),
        )?;
        let start = (current.is_some() || held_before).then_some(today.as_str());
        insert_office(
            w,
            representative,
            OfficeKind::Seat,
            name,
            Some(seat),
            start,
            "typed",
        )?;
    }
    Ok(())
}

/// The seats our organisation covers, each with who holds it now.
pub(crate) fn covered(conn: &Connection) -> Result<Vec<CoveredSeat>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.kind, r.id, r.full_name
           FROM organisation_seats os
           JOIN seats s ON s.id = os.seat_id AND s.deleted_at IS NULL
           LEFT JOIN offices o ON o.seq = (SELECT o2.seq FROM offices o2
                                            WHERE o2.seat_id = s.id AND o2.kind = 'seat' AND o2.end_date IS NULL
                                              AND o2.deleted_at IS NULL ORDER BY o2.seq DESC LIMIT 1)
           LEFT JOIN representatives r ON r.id = o.representative_id AND r.deleted_at IS NULL
          WHERE os.deleted_at IS NULL
          ORDER BY s.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |row| {
        let holder = match row.get::<_, Option<RepresentativeId>>(3)? {
            Some(id) => Some(NameRef {
                id: id.0,
                name: row.get(4)?,
            }),
            None => None,
        };
        Ok(CoveredSeat {
            id: row.get(0)?,
            name: row.get(1)?,
            kind: row.get(2)?,
            holder,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records that our organisation covers the seat called `name` (added if new).
pub(crate) fn cover(
    w: &Writer,
    organisation: OrganisationId,
    name: &str,
    kind: SeatKind,
) -> Result<SeatId> {
    let seat = find_or_create(w, name, kind)?;
    let already: Option<Vec<u8>> = w
        .tx
        .query_row(
            "SELECT id FROM organisation_seats WHERE organisation_id = ?1 AND seat_id = ?2 AND deleted_at IS NULL",
            params![organisation, seat],
            |row| row.get(0),
        )
        .optional()?;
    if already.is_none() {
        let id = uuid::Uuid::now_v7();
        w.tx.execute(
            "INSERT INTO organisation_seats (id, organisation_id, seat_id, created_at, created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)",
            params![&id.as_bytes()[..], organisation, seat, w.now, w.author],
        )?;
        records::created(w, "organisation_seats", &&id.as_bytes()[..])?;
    }
    Ok(seat)
}

/// Our organisation no longer covers this seat (its history stays).
pub(crate) fn uncover(w: &Writer, organisation: OrganisationId, seat: SeatId) -> Result<()> {
    let link: Vec<u8> = w
        .tx
        .query_row(
            "SELECT id FROM organisation_seats WHERE organisation_id = ?1 AND seat_id = ?2 AND deleted_at IS NULL",
            params![organisation, seat],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound { what: "seat" })?;
    records::set_deleted(w, "organisation_seats", link, true)
}

/// Starts a term in the seat called `name` from `start` (a date, when known), recorded from
/// `source`. Anyone else on record as holding that seat now has left it: their term ends on
/// `start`, or `today` when the start is not known. Nothing happens if they hold it already.
pub(crate) fn begin_term(
    w: &Writer,
    representative: RepresentativeId,
    name: &str,
    kind: SeatKind,
    start: Option<&str>,
    source: &str,
    today: &str,
) -> Result<()> {
    let seat = find_or_create(w, name, kind)?;
    let holders: Vec<(OfficeId, RepresentativeId)> = {
        let mut stmt = w.tx.prepare_cached(
            "SELECT id, representative_id FROM offices
              WHERE seat_id = ?1 AND kind = ?2 AND end_date IS NULL AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map(params![seat, OfficeKind::Seat], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if holders.iter().any(|(_, holder)| *holder == representative) {
        return Ok(());
    }
    for (office, _) in holders {
        end_term(w, office, start.unwrap_or(today))?;
    }
    insert_office(
        w,
        representative,
        OfficeKind::Seat,
        name,
        Some(seat),
        start,
        source,
    )
}

/// Records an office held: a seat term (with its seat) or a post or committee place, from
/// `start` when known, saying where the record came from (`typed`, `members_api`).
pub(crate) fn insert_office(
    w: &Writer,
    representative: RepresentativeId,
    kind: OfficeKind,
    title: &str,
    seat: Option<SeatId>,
    start: Option<&str>,
    source: &str,
) -> Result<()> {
    let office = OfficeId::new();
    w.tx.execute(
        "INSERT INTO offices (id, representative_id, kind, title, seat_id, start_date, source,
                              created_at, created_by, updated_at, updated_by)
         VALUES (:id, :rep, :kind, :title, :seat, :start, :source, :now, :author, :now, :author)",
        named_params! {
            ":id": office, ":rep": representative, ":kind": kind, ":title": title,
            ":seat": seat, ":start": start, ":source": source, ":now": w.now, ":author": w.author,
        },
    )?;
    records::created(w, "offices", &office)
}

/// Ends a term (or a post) on `on`, keeping it on record.
pub(crate) fn end_term(w: &Writer, office: OfficeId, on: &str) -> Result<()> {
    records::updated(w, "offices", &office, "office", || {
        w.tx.execute(
            "UPDATE offices SET end_date = ?1 WHERE id = ?2 AND end_date IS NULL",
            params![on, office],
        )?;
        Ok(())
    })
}

/// The representative's current seat office, with the seat's name.
pub(crate) fn current_term(
    conn: &Connection,
    representative: RepresentativeId,
) -> Result<Option<(OfficeId, String)>> {
    Ok(conn
        .query_row(
            "SELECT o.id, s.name FROM offices o JOIN seats s ON s.id = o.seat_id
              WHERE o.representative_id = ?1 AND o.kind = ?2 AND o.end_date IS NULL AND o.deleted_at IS NULL
              ORDER BY o.seq DESC LIMIT 1",
            params![representative, OfficeKind::Seat],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}
