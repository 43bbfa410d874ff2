//! Time is read in one place, the `Clock`, and passed down, so tests can fix it.
//!
//! Instants are stored as UTC text with milliseconds (`2026-11-24T09:30:00.000Z`), which sorts
//! correctly as text; calendar dates as `YYYY-MM-DD`. What users see is UK-formatted by the UI.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// Always answers this instant: for tests and demonstrations.
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }

    /// A clock from an RFC 3339 instant such as `2026-11-24T09:00:00Z`; `None` if it is not one.
    pub fn fixed_from_str(text: &str) -> Option<Clock> {
        DateTime::parse_from_rfc3339(text.trim()).ok().map(|at| Clock::Fixed(at.with_timezone(&Utc)))
    }
}

pub fn format_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|at| at.with_timezone(&Utc))
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_as_sortable_utc_text() {
        let at = parse_instant("2026-03-29T00:59:59.5+00:00").unwrap();
        assert_eq!(format_instant(at), "2026-03-29T00:59:59.500Z");
        assert_eq!(parse_instant(&format_instant(at)), Some(at));
        // A local time with an offset is stored as the same instant in UTC.
        let bst = parse_instant("2026-06-01T10:00:00+01:00").unwrap();
        assert_eq!(format_instant(bst), "2026-06-01T09:00:00.000Z");
    }

    #[test]
    fn a_fixed_clock_answers_its_instant() {
        let clock = Clock::fixed_from_str("2026-11-24T09:00:00Z").unwrap();
        assert_eq!(format_instant(clock.now()), "2026-11-24T09:00:00.000Z");
        assert_eq!(Clock::fixed_from_str("24/11/2026"), None);
    }

    #[test]
    fn dates_are_iso_calendar_days() {
        assert_eq!(parse_date("2026-11-24"), NaiveDate::from_ymd_opt(2026, 11, 24));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("24/11/2026"), None);
    }
}
