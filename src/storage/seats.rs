//! The `seats` and `offices` tables: constituencies and wards, and who held them when.
//! A representative's current seat is the seat office with no end date.

use chrono::NaiveDate;
use rusqlite::{named_params, params, OptionalExtension};

use super::{records, Writer};
use crate::domain::{OfficeKind, SeatKind};
use crate::ids::{OfficeId, RepresentativeId, SeatId};
use crate::Result;

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
    let current: Option<(OfficeId, SeatId)> = w
        .tx
        .query_row(
            "SELECT id, seat_id FROM offices
              WHERE representative_id = ?1 AND kind = ?2 AND end_date IS NULL AND deleted_at IS NULL
              ORDER BY seq DESC LIMIT 1",
            params![representative, OfficeKind::Seat],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let wanted = match seat_name {
        Some(name) => Some((find_or_create(w, name, kind)?, name)),
        None => None,
    };
    if let (Some((_, held)), Some((seat, _))) = (current, wanted) {
        if held == seat {
            return Ok(());
        }
    }
    let today = today.format("%Y-%m-%d").to_string();
    if let Some((office, _)) = current {
        records::updated(w, "offices", &office, "office", || {
            w.tx.execute("UPDATE offices SET end_date = ?1 WHERE id = ?2", params![today, office])?;
            Ok(())
        })?;
    }
    if let Some((seat, name)) = wanted {
        // A first seat has no known start; a change of seat starts today.
        let start = current.map(|_| today.clone());
        let office = OfficeId::new();
        w.tx.execute(
            "INSERT INTO offices (id, representative_id, kind, title, seat_id, start_date, source,
                                  created_at, created_by, updated_at, updated_by)
             VALUES (:id, :rep, :kind, :title, :seat, :start, 'typed', :now, :author, :now, :author)",
            named_params! {
                ":id": office, ":rep": representative, ":kind": OfficeKind::Seat, ":title": name,
                ":seat": seat, ":start": start, ":now": w.now, ":author": w.author,
            },
        )?;
        records::created(w, "offices", &office)?;
    }
    Ok(())
}
