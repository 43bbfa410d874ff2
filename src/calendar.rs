//! Calendar export: meetings, follow-ups and commitment due dates as an iCalendar (`.ics`)
//! file, written by the `icalendar` crate so folding, escaping and line endings follow RFC 5545.
//!
//! Each entry's UID is made from its record's id, so importing a newer export updates the
//! entries already in a calendar instead of adding copies; SEQUENCE (the record's number of
//! recorded changes) and LAST-MODIFIED tell the calendar which copy is newer. Finished
//! follow-ups and commitments stay in the file, marked done, and cancelled meetings and
//! dropped promises are marked cancelled, so a re-import brings calendars up to date.
//! Private impressions never leave the app this way.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use uuid::Uuid;

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "rapport.invalid";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A meeting, from its start to its end.
    At {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// A due date: an all-day entry.
    Day(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryStatus {
    Planned,
    Confirmed,
    Cancelled,
}

/// One calendar entry, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `meeting`, `follow-up` or `commitment`: the first part of the UID.
    pub kind: &'static str,
    pub id: Uuid,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub when: When,
    pub status: EntryStatus,
    pub last_modified: DateTime<Utc>,
    pub sequence: u32,
}

impl Entry {
    /// `meeting-0190…@rapport.invalid`: the same record gives the same UID in every export.
    pub fn uid(&self) -> String {
        format!("{}-{}@{UID_DOMAIN}", self.kind, self.id)
    }
}

/// The whole file, stamped `exported_at` (the DTSTAMP of every entry).
pub fn to_ics(entries: &[Entry], organisation: &str, exported_at: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Rapport//Rapport reminders//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(&format!("{organisation}: Rapport"))
        .description("Meetings, follow-ups and promised dates exported from Rapport.");
    for entry in entries {
        let mut event = icalendar::Event::new();
        event
            .uid(&entry.uid())
            .timestamp(exported_at)
            .last_modified(entry.last_modified)
            .sequence(entry.sequence)
            .summary(&entry.summary)
            .status(match entry.status {
                EntryStatus::Planned => EventStatus::Tentative,
                EntryStatus::Confirmed => EventStatus::Confirmed,
                EntryStatus::Cancelled => EventStatus::Cancelled,
            });
        match entry.when {
            When::At { start, end } => {
                event.starts(start).ends(end);
            }
            When::Day(day) => {
                event.all_day(day);
                // A due date is a reminder, not time taken: it does not block the day.
                event.add_property("TRANSP", "TRANSPARENT");
            }
        }
        if let Some(text) = &entry.description {
            event.description(text);
        }
        if let Some(place) = &entry.location {
            event.location(place);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;

    fn entry(kind: &'static str, when: When) -> Entry {
        Entry {
            kind,
            id: Uuid::parse_str("0190f5a2-0000-7000-8000-000000000001").unwrap(),
            summary: "Surgery meeting with Jane Smith; bus route 42, \"urgent\"".into(),
            description: Some("Topics: buses\nand damp".into()),
            location: Some("Northfield library, Room 2".into()),
            when,
            status: EntryStatus::Confirmed,
            last_modified: parse_instant("2026-11-20T10:00:00Z").unwrap(),
            sequence: 2,
        }
    }

    #[test]
    fn entries_carry_stable_uids_and_escaped_text() {
        let start = parse_instant("2026-11-27T10:00:00Z").unwrap();
        let meeting = entry(
            "meeting",
            When::At {
                start,
                end: start + chrono::Duration::minutes(30),
            },
        );
        let due = entry(
            "follow-up",
            When::Day(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        );
        let text = to_ics(
            &[meeting, due],
            "Northfield Big Local",
            parse_instant("2026-11-24T09:00:00Z").unwrap(),
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(
            text.contains("UID:meeting-0190f5a2-0000-7000-8000-000000000001@rapport.invalid\r\n")
        );
        assert!(
            text.contains("UID:follow-up-0190f5a2-0000-7000-8000-000000000001@rapport.invalid\r\n")
        );
        assert!(text.contains("DTSTART:20261127T100000Z\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261130\r\n"), "{text}");
        assert!(text.contains("DTSTAMP:20261124T090000Z\r\n"), "{text}");
        assert!(text.contains("SEQUENCE:2\r\n"));
        // Commas, semicolons and line breaks are escaped, as RFC 5545 asks.
        assert!(
            text.contains("Jane Smith\\; bus route 42\\, \"urgent\""),
            "{text}"
        );
        assert!(
            text.contains("DESCRIPTION:Topics: buses\\nand damp"),
            "{text}"
        );
    }
}
