//! A representative's profile and a seat's history, read in one place so the profile screen,
//! the CLI and the briefing pack agree.

use rusqlite::{named_params, Connection, OptionalExtension};

use super::{interactions, representatives, tracking};
use crate::domain::{
    ContactChannel, NameRef, Office, OfficeKind, Relationship, RepresentativeProfile, SeatHistory,
    SeatTerm, StaffMember,
};
use crate::ids::{InteractionId, PersonId, RepresentativeId, SeatId};
use crate::{Error, Result};

/// Interactions this representative took part in (not deleted), found from their side: each
/// participant row carries its interaction's time (migration 0003), so this is one index range
/// for the representative, never a pass over every interaction. The benchmark suite found the
/// pass (0.5 to 0.7 s a query on a million interactions).
const FROM_REP: &str = "FROM interaction_participants ip
                         JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
                        WHERE ip.representative_id = :rep AND ip.deleted_at IS NULL";

pub(crate) fn offices(
    conn: &Connection,
    rep: RepresentativeId,
    current_only: bool,
    kind: Option<OfficeKind>,
) -> Result<Vec<Office>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.kind, o.title, s.id, s.name, o.start_date, o.end_date
           FROM offices o LEFT JOIN seats s ON s.id = o.seat_id
          WHERE o.representative_id = :rep AND o.deleted_at IS NULL
            AND (NOT :current OR o.end_date IS NULL) AND (:kind IS NULL OR o.kind = :kind)
          ORDER BY o.kind <> 'seat', o.end_date IS NOT NULL, coalesce(o.start_date, '') DESC, o.seq DESC",
    )?;
    let rows = stmt.query_map(
        named_params! { ":rep": rep, ":current": current_only, ":kind": kind },
        |row| {
            let seat = match row.get::<_, Option<SeatId>>(3)? {
                Some(id) => Some(NameRef {
                    id: id.0,
                    name: row.get(4)?,
                }),
                None => None,
            };
            Ok(Office {
                id: row.get(0)?,
                kind: row.get(1)?,
                title: row.get(2)?,
                seat,
                start_date: row.get(5)?,
                end_date: row.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How to reach them, preferred first, then in the order recorded.
pub(crate) fn contact_channels(
    conn: &Connection,
    rep: RepresentativeId,
) -> Result<Vec<ContactChannel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, label, value, is_preferred, source = 'members_api' FROM contact_channels
          WHERE representative_id = ?1 AND deleted_at IS NULL ORDER BY is_preferred DESC, seq",
    )?;
    let rows = stmt.query_map([rep], |row| {
        Ok(ContactChannel {
            kind: row.get(0)?,
            label: row.get(1)?,
            value: row.get(2)?,
            is_preferred: row.get(3)?,
            from_parliament: row.get::<_, Option<bool>>(4)?.unwrap_or(false),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Their office staff now (no end date), by name.
pub(crate) fn office_staff(conn: &Connection, rep: RepresentativeId) -> Result<Vec<StaffMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.full_name, s.role FROM office_staff s JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL
          WHERE s.representative_id = ?1 AND s.deleted_at IS NULL AND s.end_date IS NULL
          ORDER BY p.full_name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([rep], |row| {
        Ok(StaffMember {
            person: NameRef {
                id: row.get::<_, PersonId>(0)?.0,
                name: row.get(1)?,
            },
            role: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn relationship(
    conn: &Connection,
    rep: RepresentativeId,
    primary: Option<(PersonId, String)>,
) -> Result<Relationship> {
    let (first, last, count) = conn.query_row(
        &format!("SELECT min(ip.occurred_at), max(ip.occurred_at), count(DISTINCT i.id) {FROM_REP} AND i.status = 'held'"),
        named_params! { ":rep": rep },
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    Ok(Relationship {
        first_contact: first,
        last_contact: last,
        interaction_count: count,
        primary_contact: primary.map(|(id, name)| NameRef { id: id.0, name }),
    })
}

/// The newest `limit` interactions with this representative after skipping `offset`, and how many in all.
pub(crate) fn timeline(
    conn: &Connection,
    rep: RepresentativeId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<crate::domain::InteractionSummary>, i64)> {
    let total: i64 = conn.query_row(
        &format!("SELECT count(DISTINCT i.id) {FROM_REP}"),
        named_params! { ":rep": rep },
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id {FROM_REP} ORDER BY ip.occurred_at DESC, i.seq DESC LIMIT :limit OFFSET :offset"
    ))?;
    let ids: Vec<InteractionId> = stmt
        .query_map(
            named_params! { ":rep": rep, ":limit": limit, ":offset": offset },
            |row| row.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((interactions::summaries(conn, &ids)?, total))
}

pub(crate) fn profile(
    conn: &Connection,
    rep: RepresentativeId,
    today: &str,
    timeline_limit: i64,
) -> Result<RepresentativeProfile> {
    let representative = representatives::find(conn, rep)?.ok_or(Error::NotFound {
        what: "representative",
    })?;
    let primary = representative
        .primary_contact_id
        .zip(representative.primary_contact_name.clone());
    let asks = tracking::list_asks(
        conn,
        &crate::domain::AskFilter {
            representative_id: Some(rep),
            ..Default::default()
        },
    )?;
    let (open_asks, settled_asks) = asks.into_iter().partition(|a| a.open);
    let commitments = tracking::commitments_where(
        conn,
        &format!("+c.status = 'open' AND {}", tracking::CONCERNING_SUBJECT),
        &rep,
        today,
    )?;
    let (commitments_theirs, commitments_ours) = commitments
        .into_iter()
        .partition(|c| c.side == crate::domain::Side::Theirs);
    let (timeline, timeline_total) = timeline(conn, rep, timeline_limit, 0)?;
    Ok(RepresentativeProfile {
        current_offices: offices(conn, rep, true, None)?,
        seat_terms: offices(conn, rep, false, Some(OfficeKind::Seat))?,
        contact_channels: contact_channels(conn, rep)?,
        public_credit: representative
            .parliament_member_id
            .map(|_| crate::public::PARLIAMENT_CREDIT),
        relationship: relationship(conn, rep, primary)?,
        office_staff: office_staff(conn, rep)?,
        timeline,
        timeline_total,
        open_asks,
        settled_asks,
        commitments_theirs,
        commitments_ours,
        follow_ups: tracking::follow_ups_where(
            conn,
            "f.status = 'open' AND f.representative_id = :subject",
            &rep,
            today,
        )?,
        representative,
    })
}

/// Who held a seat when, newest first, with how many interactions we logged with each.
pub(crate) fn seat_history(conn: &Connection, seat: SeatId) -> Result<SeatHistory> {
    let (name, kind) = conn
        .query_row(
            "SELECT name, kind FROM seats WHERE id = ?1 AND deleted_at IS NULL",
            [seat],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { what: "seat" })?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.full_name, r.party, o.start_date, o.end_date,
                (SELECT count(*) FROM interactions i
                  WHERE EXISTS (SELECT 1 FROM interaction_participants ip
                                 WHERE ip.interaction_id = i.id AND ip.representative_id = r.id AND ip.deleted_at IS NULL)
                    AND i.deleted_at IS NULL AND i.status = 'held')
           FROM offices o JOIN representatives r ON r.id = o.representative_id
          WHERE o.seat_id = ?1 AND o.kind = 'seat' AND o.deleted_at IS NULL
          ORDER BY o.end_date IS NOT NULL, coalesce(o.end_date, '9999') DESC, coalesce(o.start_date, '') DESC, o.seq DESC",
    )?;
    let terms = stmt
        .query_map([seat], |row| {
            Ok(SeatTerm {
                representative: NameRef {
                    id: row.get::<_, RepresentativeId>(0)?.0,
                    name: row.get(1)?,
                },
                party: row.get(2)?,
                start_date: row.get(3)?,
                end_date: row.get(4)?,
                interaction_count: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SeatHistory {
        id: seat,
        name,
        kind,
        terms,
    })
}
