//! The records a calendar export carries: meetings, follow-ups and commitments with a due
//! date, from a year back on (older ones are history, not diary).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{named_params, Connection, Row};

use super::reminders::uuid;
use crate::calendar::{Entry, EntryStatus, When};
use crate::domain::{CodeEnum, InteractionKind, InteractionStatus};
use crate::time::{format_date, parse_date, parse_instant};
use crate::Result;

/// A meeting with no recorded length is put in the calendar as an hour.
const DEFAULT_MINUTES: i64 = 60;

/// How many recorded changes a record has had: its SEQUENCE.
const SEQUENCE: &str =
    "(SELECT count(*) FROM audit_log a WHERE a.subject_id = x.id AND a.action <> 'create')";

fn modified(row: &Row, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    Ok(parse_instant(&row.get::<_, String>(index)?).unwrap_or_default())
}

pub(crate) fn entries(conn: &Connection, since: NaiveDate) -> Result<Vec<Entry>> {
    let since_day = format_date(since);
    let mut out = Vec::new();

    let mut meetings = conn.prepare(&format!(
        "SELECT x.id, x.kind, x.status, x.occurred_at, x.duration_minutes, x.place, x.subject, x.updated_at,
                {SEQUENCE},
                (SELECT group_concat(name, ', ') FROM (
                    SELECT r.full_name AS name FROM interaction_participants ip
                      JOIN representatives r ON r.id = ip.representative_id
                     WHERE ip.interaction_id = x.id AND ip.deleted_at IS NULL ORDER BY ip.seq))
           FROM interactions x
          WHERE x.occurred_at >= :since AND x.deleted_at IS NULL
            AND x.kind IN ('surgery_meeting', 'westminster_meeting', 'project_visit', 'event', 'other_meeting')
          ORDER BY x.occurred_at"
    ))?;
    let mut rows = meetings.query(named_params! { ":since": since_day })?;
    while let Some(row) = rows.next()? {
        let Some(start) = parse_instant(&row.get::<_, String>(3)?) else {
            continue;
        };
        let kind: InteractionKind = row.get(1)?;
        let status: InteractionStatus = row.get(2)?;
        let minutes: Option<i64> = row.get(4)?;
        let with: Option<String> = row.get(9)?;
        out.push(Entry {
            kind: "meeting",
            id: uuid(row, 0)?,
            summary: match &with {
                Some(names) => format!("{} with {names}", kind.label()),
                None => kind.label().to_owned(),
            },
            description: row
                .get::<_, Option<String>>(6)?
                .map(|topics| format!("Topics: {topics}")),
            location: row.get(5)?,
            when: When::At {
                start,
                end: start + Duration::minutes(minutes.unwrap_or(DEFAULT_MINUTES)),
            },
            status: match status {
                InteractionStatus::Planned => EntryStatus::Planned,
                InteractionStatus::Held => EntryStatus::Confirmed,
                InteractionStatus::Cancelled => EntryStatus::Cancelled,
            },
            last_modified: modified(row, 7)?,
            sequence: row.get(8)?,
        });
    }

    let mut follow_ups = conn.prepare(&format!(
        "SELECT x.id, x.description, x.due_date, x.status, x.updated_at, {SEQUENCE}, r.full_name, o.full_name
           FROM follow_ups x
           LEFT JOIN representatives r ON r.id = x.representative_id
           LEFT JOIN people o ON o.id = x.owner_id
          WHERE x.due_date >= :since AND x.deleted_at IS NULL
          ORDER BY x.due_date"
    ))?;
    let mut rows = follow_ups.query(named_params! { ":since": since_day })?;
    while let Some(row) = rows.next()? {
        let Some(day) = parse_date(&row.get::<_, String>(2)?) else {
            continue;
        };
        let status: String = row.get(3)?;
        let description: String = row.get(1)?;
        let about = [
            row.get::<_, Option<String>>(6)?
                .map(|r| format!("About: {r}")),
            row.get::<_, Option<String>>(7)?
                .map(|o| format!("For: {o}")),
        ];
        out.push(Entry {
            kind: "follow-up",
            id: uuid(row, 0)?,
            summary: match status.as_str() {
                "done" => format!("Done: {description}"),
                _ => format!("Follow-up: {description}"),
            },
            description: joined(&about),
            location: None,
            when: When::Day(day),
            status: if status == "dropped" {
                EntryStatus::Cancelled
            } else {
                EntryStatus::Confirmed
            },
            last_modified: modified(row, 4)?,
            sequence: row.get(5)?,
        });
    }

    let mut commitments = conn.prepare(&format!(
        "SELECT x.id, x.description, x.due_date, x.status, x.updated_at, {SEQUENCE}, x.side,
                COALESCE(p.full_name, r.full_name)
           FROM commitments x
           LEFT JOIN people p ON p.id = x.person_id
           LEFT JOIN representatives r ON r.id = x.representative_id
          WHERE x.due_date IS NOT NULL AND x.due_date >= :since AND x.deleted_at IS NULL
          ORDER BY x.due_date"
    ))?;
    let mut rows = commitments.query(named_params! { ":since": since_day })?;
    while let Some(row) = rows.next()? {
        let Some(day) = parse_date(&row.get::<_, String>(2)?) else {
            continue;
        };
        let status: String = row.get(3)?;
        let description: String = row.get(1)?;
        let side: String = row.get(6)?;
        let who: Option<String> = row.get(7)?;
        let whose = if side == "theirs" {
            "Their promise"
        } else {
            "Our promise"
        };
        out.push(Entry {
            kind: "commitment",
            id: uuid(row, 0)?,
            summary: match status.as_str() {
                "done" => format!("Done: {description}"),
                _ => format!("{whose}: {description}"),
            },
            description: who.map(|w| format!("Promised by {w}.")),
            location: None,
            when: When::Day(day),
            status: if status == "released" {
                EntryStatus::Cancelled
            } else {
                EntryStatus::Confirmed
            },
            last_modified: modified(row, 4)?,
            sequence: row.get(5)?,
        });
    }
    Ok(out)
}

fn joined(lines: &[Option<String>]) -> Option<String> {
    let lines: Vec<&str> = lines.iter().flatten().map(String::as_str).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}
