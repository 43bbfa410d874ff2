//! `rapport-cli reminders` (the Today screen for scripts and cron) and `rapport-cli ics`.

use serde_json::Value;
use tempfile::TempDir;

use super::logging::{meeting, prepare, write};
use super::{path_str, rapport, stderr, stdout, succeed};

#[test]
fn reminders_print_what_today_shows_as_text_and_as_json() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    succeed(data.path(), &["log", &file]);

    let text = succeed(data.path(), &["reminders"]);
    assert_eq!(
        text,
        "Reminders for 24 November 2026

Overdue (1)
  • Send the residents' survey (due 21 November 2026, 3 days overdue)
    Dev Patel promised this for us at the surgery meeting on 20 November 2026; due 21 November 2026.
    For: Dev Patel

Next 7 days (1)
  • Send the thank-you email (due 25 November 2026)
    Send thank-you agreed after the surgery meeting with Jane Smith on 20 November 2026; due 25 November 2026.
    For: Amira Khan
"
    );

    let json: Value =
        serde_json::from_str(&succeed(data.path(), &["reminders", "--format", "json"])).unwrap();
    assert_eq!(json["date"], "2026-11-24");
    assert_eq!(json["overdue"][0]["rule"], "commitment_due");
    assert_eq!(json["overdue"][0]["days_overdue"], 3);
    assert_eq!(json["next_week"][0]["rule"], "follow_up_due");

    // As of a later day: the follow-up is due, and Jane Smith's own promise is a week away.
    let later = succeed(data.path(), &["reminders", "--as-of", "27/11/2026"]);
    assert!(
        later.starts_with("Reminders for 27 November 2026\n"),
        "{later}"
    );
    assert!(
        later.contains("Overdue (2)")
            && later.contains("Chase: Write to the minister (due 4 December 2026)"),
        "{later}"
    );
}

#[test]
fn a_bad_as_of_date_is_explained() {
    let data = TempDir::new().unwrap();
    prepare(data.path());
    let output = rapport(data.path(), &["reminders", "--as-of", "31/02/2026"]);
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        "rapport-cli: --as-of wants a date like 24/11/2026, not \"31/02/2026\".\n"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn ics_writes_a_calendar_file_with_one_entry_per_record() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    succeed(data.path(), &["log", &file]);

    let out = data.path().join("rapport.ics");
    let output = rapport(data.path(), &["ics", "--out", path_str(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!("Wrote 4 calendar entries to {}.\n", out.display())
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        text.contains("SUMMARY:Surgery meeting with Jane Smith\r\n"),
        "{text}"
    );
    assert!(text.contains("SUMMARY:Follow-up: Send the thank-you email\r\n"));
    assert!(text.contains("SUMMARY:Their promise: Write to the minister\r\n"));
    assert!(
        !text.contains("Warm, but wary"),
        "private impressions stay in the app"
    );

    // The same records give the same file: UIDs and all.
    let again = succeed(data.path(), &["ics", "--out", "-"]);
    assert_eq!(again, text);
}
