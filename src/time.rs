//! Time is read in one place, the `Clock`, and passed down, so tests can fix it.
//!
//! Instants are stored as UTC text with milliseconds (`2026-11-24T09:30:00.000Z`), which sorts
//! correctly as text; calendar dates as `YYYY-MM-DD`. What users see is UK-formatted by the UI.

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Europe::London;

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
        DateTime::parse_from_rfc3339(text.trim())
            .ok()
            .map(|at| Clock::Fixed(at.with_timezone(&Utc)))
    }
}

pub fn format_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A calendar date as it is stored: `2026-11-24`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// A stored date, `YYYY-MM-DD`. (`FromStr` reads exactly this form without parsing a format
/// string first: Today reads thousands of due dates.)
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// A date as people type it in the UK: `24/11/2026` (also `24/11/26`, `24.11.2026`), or the
/// ISO `2026-11-24` that files and scripts use.
pub fn parse_uk_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_date(text) {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let (day, month, mut year): (u32, u32, i32) =
        (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    if year < 100 && parts[2].len() == 2 {
        year += 2000;
    }
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A time of day typed as `14:30`, `14.30` or `9:05`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().replace('.', ":");
    NaiveTime::parse_from_str(&text, "%H:%M").ok()
}

/// The instant at which a London wall-clock time falls. In the October repeat hour the earlier
/// (summer time) reading is taken; a time skipped in March is read as an hour later, as clocks do.
pub fn london_to_utc(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = NaiveDateTime::new(date, time);
    match London.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => London
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(
                || Utc.from_utc_datetime(&local),
                |at| at.with_timezone(&Utc),
            ),
    }
}

/// The calendar day in London at `at`: what "today" means to our users.
pub fn london_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&London).date_naive()
}

/// "24 November 2026": how people read a date.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "24 November 2026" for a stored date (`2026-11-24`); the text itself if it is not one.
pub fn long_date_of_day(date: &str) -> String {
    parse_date(date).map_or_else(|| date.to_owned(), long_date)
}

/// "24 November 2026" for a stored instant, on the London calendar; the text itself if it is not one.
pub fn long_date_of(instant: &str) -> String {
    parse_instant(instant).map_or_else(|| instant.to_owned(), |at| long_date(london_date(at)))
}

/// "24 November 2026 at 14:30" for a stored instant, in London time.
pub fn long_date_time_of(instant: &str) -> String {
    match parse_instant(instant) {
        Some(at) => format!(
            "{} at {}",
            long_date(london_date(at)),
            at.with_timezone(&London).format("%H:%M")
        ),
        None => instant.to_owned(),
    }
}

/// "Friday 28 November 2026 at 10:00" for a stored instant, in London time.
pub fn long_day_time_of(instant: &str) -> String {
    match parse_instant(instant) {
        Some(at) => {
            let local = at.with_timezone(&London);
            format!(
                "{} {} at {}",
                local.format("%A"),
                long_date(local.date_naive()),
                local.format("%H:%M")
            )
        }
        None => instant.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_dates_are_read_day_first() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(parse_uk_date("24/11/2026"), day);
        assert_eq!(parse_uk_date(" 24/11/26 "), day);
        assert_eq!(parse_uk_date("24.11.2026"), day);
        assert_eq!(parse_uk_date("2026-11-24"), day);
        assert_eq!(parse_uk_date("11/24/2026"), None);
        assert_eq!(parse_uk_date("31/02/2026"), None);
        assert_eq!(parse_uk_date("tomorrow"), None);
    }

    #[test]
    fn london_times_follow_the_clock_changes() {
        let time = |t| parse_time(t).unwrap();
        let date = |d| parse_uk_date(d).unwrap();
        assert_eq!(
            format_instant(london_to_utc(date("24/11/2026"), time("14:30"))),
            "2026-11-24T14:30:00.000Z"
        );
        assert_eq!(
            format_instant(london_to_utc(date("01/06/2026"), time("10:00"))),
            "2026-06-01T09:00:00.000Z"
        );
        // 01:30 on 29 March 2026 never happened in London: read as 02:30 BST.
        assert_eq!(
            format_instant(london_to_utc(date("29/03/2026"), time("01:30"))),
            "2026-03-29T01:30:00.000Z"
        );
        // 01:30 on 25 October 2026 happened twice: the first (BST) is taken.
        assert_eq!(
            format_instant(london_to_utc(date("25/10/2026"), time("01:30"))),
            "2026-10-25T00:30:00.000Z"
        );
        assert_eq!(parse_time("9.05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(
            london_date(parse_instant("2026-06-30T23:30:00Z").unwrap()),
            date("01/07/2026")
        );
        assert_eq!(long_date_of("2026-06-30T23:30:00.000Z"), "1 July 2026");
        assert_eq!(
            long_date_time_of("2026-06-30T23:30:00.000Z"),
            "1 July 2026 at 00:30"
        );
    }

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
        assert_eq!(
            parse_date("2026-11-24"),
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("24/11/2026"), None);
    }
}
