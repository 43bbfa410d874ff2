//! Reminders on Today: what is overdue, due today and due soon, each dealt with from the row
//! (marked done with an undo, snoozed to a date that survives a restart, a thank-you logged
//! from a prefilled form), the calendar file, the notification at start-up and the thresholds
//! in Settings.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{open_store, written, App};
use crate::logging::prepare;

const ARROW_DOWN: &str = "\u{E015}";
const ESCAPE: &str = "\u{E00C}";

/// How long a toast may take to appear.
const TOAST: Duration = Duration::from_secs(15);

/// Monday 30 November 2026, 9am in London: the day a snooze to "next week" ends.
const NEXT_MONDAY: &str = "2026-11-30T09:00:00Z";

/// Logs an interaction through the core, as the form would, and returns it as the UI reads it.
fn log(data: &Path, input: Value) -> Value {
    let mut store = open_store(data);
    let saved = store
        .save_interaction(&serde_json::from_value(input).unwrap())
        .unwrap();
    serde_json::to_value(saved).unwrap()
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_string()
}

/// The CSS selector of the reminder row with this key, within `section` if given.
fn row(section: Option<&str>, key: &str) -> String {
    let within = section.map_or(String::new(), |s| format!("[data-testid={s}] "));
    format!("{within}[data-testid=reminder][data-key='{key}']")
}

/// The text of the reminder row with `key` in `section`.
async fn row_text(app: &App, section: &str, key: &str) -> String {
    app.find_css(&row(Some(section), key))
        .await
        .text()
        .await
        .unwrap()
}

/// Whether the reminder row with `key` offers the button `testid`.
async fn row_has(app: &App, key: &str, testid: &str) -> bool {
    app.run(&format!(
        "return !!document.querySelector(\"{} [data-testid={testid}]\")",
        row(None, key)
    ))
    .await
        == json!(true)
}

/// Whether the reminder with `key` is listed in `section` (read from the page, so a row
/// scrolled out of view or in a closed `<details>` counts).
async fn listed_in(app: &App, section: &str, key: &str) -> bool {
    let script = format!(
        "return [...document.querySelectorAll('[data-testid={section}] [data-key]')].some(r => r.dataset.key === '{key}')"
    );
    app.run(&script).await == json!(true)
}

async fn wait_listed(app: &App, section: &str, key: &str, wanted: bool) {
    let script = format!(
        "return [...document.querySelectorAll('[data-testid={section}] [data-key]')].some(r => r.dataset.key === '{key}') === {wanted}"
    );
    let what = format!("{key} {} {section}", if wanted { "in" } else { "out of" });
    app.wait_until(&what, &script).await;
}

/// Clicks the button with `testid` on the reminder row with `key`.
async fn click_in_row(app: &App, key: &str, testid: &str) {
    app.find_css(&format!("{} [data-testid={testid}]", row(None, key)))
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {testid} on {key}: {e}"));
}

/// The `data-testid` of whatever has the keyboard focus.
async fn focused(app: &App) -> Value {
    app.run("return document.activeElement?.dataset.testid ?? null")
        .await
}

/// The lines of `file` once it has at least one, waiting for the app to write it.
fn lines_of(file: &Path) -> Vec<String> {
    written(file)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// A week of work with Jane Smith: a surgery on 16 November with no thank-you yet and a
/// follow-up that fell due yesterday, a promise of ours due today and one of hers due on
/// Friday, and a Westminster meeting planned for Thursday. Returns the folder and the
/// follow-up's id.
fn a_busy_week() -> (tempfile::TempDir, String) {
    let (data, mp, amira, dev) = prepare();
    let meeting = log(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "16/11/2026", "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "summary": "Jane heard how the cut to route 42 strands older residents at the Grove estate.",
            "representatives": [mp],
            "our_attendees": [{"person_id": amira}, {"person_id": dev}],
            "commitments": [
                {"who": format!("person:{dev}"), "description": "Send Tom Reed the bus survey results", "due_date": "24/11/2026"},
                {"who": format!("representative:{mp}"), "description": "Ask the council about damp in the Grove flats", "due_date": "27/11/2026"}
            ],
            "follow_ups": [{"kind": "send_papers", "description": "Send Jane the petition about the evening 42",
                            "owner": format!("person:{amira}"), "due_date": "23/11/2026"}]
        }),
    );
    log(
        data.path(),
        json!({
            "kind": "westminster_meeting", "direction": "we_contacted", "status": "planned",
            "date": "26/11/2026", "time": "11:00", "place": "Portcullis House",
            "subject": "Hand in the route 42 petition",
            "representatives": [mp], "our_attendees": [{"person_id": amira}]
        }),
    );
    let follow_up = id_of(&meeting["follow_ups"][0]);
    (data, follow_up)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_overdue_follow_up_is_snoozed_to_next_week_and_comes_back_then() {
    let (data, follow_up) = a_busy_week();
    let key = format!("follow_up_due:{follow_up}");
    let notes = data.path().join("notifications.jsonl");
    let app = App::start_with(
        data.path(),
        crate::harness::NOW,
        &[("RAPPORT_NOTIFICATION_LOG", notes.as_os_str())],
    )
    .await;

    // Yesterday's follow-up is overdue, and says so in words.
    app.find("today-overdue").await;
    let overdue = app.find_css(&row(Some("today-overdue"), &key)).await;
    let text = overdue.text().await.unwrap();
    assert!(
        text.contains("Send Jane the petition about the evening 42"),
        "{text}"
    );
    assert!(
        text.contains("1 day overdue (due Monday 23 November)"),
        "{text}"
    );
    assert!(text.contains("For Amira Khan"), "{text}");
    assert!(text.contains("Jane Smith"), "{text}");
    assert!(
        text.contains("Overdue"),
        "a word, not only a colour: {text}"
    );
    assert!(app.text_of("today-overdue").await.contains("Overdue"));
    // Each section in its place: the promise due today, hers due on Friday, the meeting.
    let due = app.text_of("today-due").await;
    assert!(
        due.contains("Send Tom Reed the bus survey results") && due.contains("Ours to do"),
        "{due}"
    );
    let soon = app.text_of("today-soon").await;
    assert!(
        soon.contains("Ask the council about damp in the Grove flats")
            && soon.contains("Due Friday 27 November")
            && soon.contains("Theirs: chase politely"),
        "{soon}"
    );
    let meetings = app.text_of("today-meetings").await;
    assert!(
        meetings.contains("Thursday 26 November 2026 at 11:00")
            && meetings.contains("Westminster meeting")
            && meetings.contains("Jane Smith")
            && meetings.contains("Portcullis House"),
        "{meetings}"
    );
    assert!(!app.is_present("today-clear").await);

    // The start-up notification said something is overdue.
    let lines = lines_of(&notes);
    let first: Value = serde_json::from_str(&lines[0]).expect("a JSON line");
    let said = format!("{} {}", first["title"], first["body"]).to_lowercase();
    assert!(said.contains("overdue"), "{lines:?}");

    // The Snooze menu opens on its first choice; arrows move within it, Escape closes it and
    // gives the focus back to the button.
    click_in_row(&app, &key, "reminder-snooze").await;
    app.wait_for_focus("snooze-tomorrow").await;
    assert_eq!(
        app.text_of("snooze-tomorrow").await,
        "Tomorrow (Wed 25 Nov)"
    );
    assert_eq!(
        app.text_of("snooze-next-week").await,
        "Next week (Mon 30 Nov)"
    );
    let expanded = app
        .find_css(&format!(
            "{} [data-testid=reminder-snooze]",
            row(None, &key)
        ))
        .await
        .attr("aria-expanded")
        .await
        .unwrap();
    assert_eq!(expanded.as_deref(), Some("true"));
    app.screenshot("today-snooze-menu").await;
    app.type_here(ARROW_DOWN).await;
    app.wait_for_focus("snooze-next-week").await;
    app.type_here(ESCAPE).await;
    app.wait_for_focus("reminder-snooze").await;
    assert!(!app.is_present("snooze-menu").await);
    assert_eq!(
        app.run("return document.activeElement.closest('[data-testid=reminder]').dataset.key")
            .await,
        json!(key)
    );

    // "Pick a date…" asks for one; today is refused beside the box, which keeps it.
    click_in_row(&app, &key, "reminder-snooze").await;
    app.click("snooze-pick").await;
    app.wait_for_focus("field-until").await;
    app.type_here("24/11/2026").await;
    app.click("snooze-confirm").await;
    let refusal = app.text_of("error-until").await;
    assert!(!refusal.is_empty(), "a reason beside the date");
    assert_eq!(app.value_of("until").await, "24/11/2026");
    app.wait_for_focus("field-until").await;
    app.screenshot("today-snooze-pick").await;
    app.type_here(ESCAPE).await;
    app.wait_for_focus("reminder-snooze").await;
    assert!(!app.is_present("field-until").await);

    // Next week: gone from every list of things due, listed under Snoozed until Monday.
    click_in_row(&app, &key, "reminder-snooze").await;
    app.click("snooze-next-week").await;
    app.wait_for_toast("Snoozed until Monday 30 November.", TOAST)
        .await;
    wait_listed(&app, "today-snoozed", &key, true).await;
    for section in ["today-overdue", "today-due", "today-soon"] {
        assert!(!listed_in(&app, section, &key).await, "{key} in {section}");
    }
    let snoozed = app
        .run("return document.querySelector('[data-testid=today-snoozed]').textContent")
        .await;
    let snoozed = snoozed.as_str().unwrap();
    assert!(
        snoozed.contains("Snoozed (1)")
            && snoozed.contains("Send Jane the petition about the evening 42")
            && snoozed.contains("comes back on Monday 30 November"),
        "{snoozed}"
    );
    // Every section at once, for people to look at: the top, then the foot with what is
    // snoozed opened.
    app.dismiss_toasts().await;
    app.click("today-snoozed-summary").await;
    app.find("reminder-unsnooze").await;
    app.run("document.querySelector('[data-testid=today-view]').scrollTop = 0; return true")
        .await;
    app.screenshot("today").await;
    app.run("const v = document.querySelector('[data-testid=today-view]'); v.scrollTop = v.scrollHeight; return true")
        .await;
    app.screenshot("today-snoozed").await;
    app.quit().await;

    // A week on, it is back, overdue.
    let app = App::start_with(data.path(), NEXT_MONDAY, &[]).await;
    app.find("today-overdue").await;
    wait_listed(&app, "today-overdue", &key, true).await;
    let text = row_text(&app, "today-overdue", &key).await;
    assert!(
        text.contains("7 days overdue (due Monday 23 November)"),
        "{text}"
    );
    assert!(!listed_in(&app, "today-snoozed", &key).await);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_due_today_is_marked_done_from_today_and_undo_brings_it_back() {
    let (data, mp, amira, dev) = prepare();
    let meeting = log(
        data.path(),
        json!({
            "kind": "phone_call", "direction": "we_contacted", "date": "23/11/2026", "time": "10:00",
            "subject": "The Grove estate community garden",
            "representatives": [mp], "our_attendees": [{"person_id": amira}],
            "commitments": [
                {"who": format!("person:{dev}"), "description": "Send the garden photos to her office", "due_date": "24/11/2026"},
                {"who": format!("person:{amira}"), "description": "Book the community room for the visit", "due_date": "24/11/2026"}
            ]
        }),
    );
    let photos = format!("commitment_due:{}", id_of(&meeting["commitments"][0]));
    let room = format!("commitment_due:{}", id_of(&meeting["commitments"][1]));
    let app = App::start(data.path()).await;

    app.find("today-due").await;
    wait_listed(&app, "today-due", &photos, true).await;
    assert!(listed_in(&app, "today-due", &room).await);
    let text = row_text(&app, "today-due", &photos).await;
    assert!(
        text.contains("Due today") && text.contains("For Dev Patel"),
        "{text}"
    );
    assert!(text.contains("Open the meeting"), "{text}");
    let action = app
        .find_css(&format!(
            "{} [data-testid=reminder-action]",
            row(None, &photos)
        ))
        .await;
    assert_eq!(action.text().await.unwrap(), "Mark done");

    click_in_row(&app, &photos, "reminder-action").await;
    wait_listed(&app, "today-due", &photos, false).await;
    app.wait_for_toast("Marked done.", TOAST).await;
    // The focus moves on to the next promise, not to the top of the page.
    app.wait_until(
        "the focus on the next reminder",
        &format!("return document.activeElement?.dataset.key === '{room}'"),
    )
    .await;
    assert_eq!(focused(&app).await, json!("reminder"));

    app.click("toast-action").await;
    wait_listed(&app, "today-due", &photos, true).await;
    assert!(listed_in(&app, "today-due", &room).await);

    // A promise's date can be moved: an impossible date is refused beside the box, a real one
    // moves it to the coming week.
    click_in_row(&app, &room, "reminder-reschedule").await;
    app.wait_for_focus("field-date").await;
    assert_eq!(app.value_of("date").await, "24/11/2026");
    app.fill("date", "31/11/2026").await;
    app.click("reschedule-save").await;
    assert!(!app.text_of("error-date").await.is_empty());
    assert_eq!(app.value_of("date").await, "31/11/2026");
    app.screenshot("today-reschedule").await;
    app.fill("date", "01/12/2026").await;
    app.click("reschedule-save").await;
    wait_listed(&app, "today-soon", &room, true).await;
    app.wait_for_toast("Now due Tuesday 1 December.", TOAST)
        .await;
    app.dismiss_toasts().await;

    // Done for good this time, and it stays done after a fresh look.
    click_in_row(&app, &photos, "reminder-action").await;
    wait_listed(&app, "today-due", &photos, false).await;
    app.click("nav-asks").await;
    app.find("asks-view").await;
    app.click("nav-today").await;
    app.find("today-soon").await;
    wait_listed(&app, "today-soon", &room, true).await;
    assert!(!listed_in(&app, "today-view", &photos).await);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_with_no_thank_you_is_prompted_and_logging_the_thank_you_clears_it() {
    let (data, mp, amira, _) = prepare();
    let meeting = log(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "representatives": [mp],
            "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
            "our_attendees": [{"person_id": amira}]
        }),
    );
    let key = format!("thank_you_missing:{}", id_of(&meeting));
    let app = App::start(data.path()).await;

    app.find("today-overdue").await;
    wait_listed(&app, "today-overdue", &key, true).await;
    let text = row_text(&app, "today-overdue", &key).await;
    assert!(text.contains("Send a thank-you to Jane Smith"), "{text}");
    assert!(text.contains("20 November 2026"), "{text}");
    let action = app
        .find_css(&format!(
            "{} [data-testid=reminder-action]",
            row(None, &key)
        ))
        .await;
    assert_eq!(action.text().await.unwrap(), "Log the thank-you");
    // A prompt can be dismissed, not rescheduled.
    assert!(row_has(&app, &key, "reminder-dismiss").await);
    assert!(!row_has(&app, &key, "reminder-reschedule").await);

    action.click().await.unwrap();
    app.find("log-form").await;
    app.wait_for_text("log-title", "Log the thank-you").await;
    assert_eq!(
        app.value_of("subject").await,
        "Thank-you for the surgery meeting on 20 November 2026"
    );
    assert_eq!(app.value_of("kind").await, "email");
    assert_eq!(app.value_of("direction").await, "we_contacted");
    assert_eq!(app.value_of("date").await, "24/11/2026");
    assert_eq!(app.value_of("summary").await, "");
    let chips: Vec<String> = serde_json::from_value(
        app.run("return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent)")
            .await,
    )
    .unwrap();
    assert!(chips.iter().any(|c| c == "Jane Smith"), "{chips:?}");
    app.screenshot("log-thank-you").await;

    app.fill(
        "summary",
        "Thanked Jane and Tom; listed the survey and the letter to TfWM.",
    )
    .await;
    app.click("log-save").await;
    app.find("interaction-view").await;

    app.click("nav-today").await;
    app.find("today-view").await;
    app.wait_until(
        "Today drawn",
        "return !!document.querySelector('[data-testid=today-clear], [data-testid=today-overdue], [data-testid=today-due], [data-testid=today-soon]')",
    )
    .await;
    wait_listed(&app, "today-body", &key, false).await;
    assert!(!listed_in(&app, "today-view", &key).await);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unanswered_letter_is_dismissed_and_undone_then_its_reply_is_logged() {
    let (data, mp, amira, _) = prepare();
    let letter = log(
        data.path(),
        json!({
            "kind": "letter", "direction": "we_contacted", "date": "04/11/2026", "time": "12:00",
            "subject": "Damp in the Grove flats",
            "representatives": [mp], "our_attendees": [{"person_id": amira}]
        }),
    );
    let key = format!("unanswered_letter:{}", id_of(&letter));
    let app = App::start(data.path()).await;

    app.find("today-overdue").await;
    wait_listed(&app, "today-overdue", &key, true).await;
    let text = row_text(&app, "today-overdue", &key).await;
    assert!(text.contains("Jane Smith"), "{text}");
    assert!(text.contains("4 November 2026"), "{text}");

    // Dismissed, it goes; Undo brings it back.
    click_in_row(&app, &key, "reminder-dismiss").await;
    app.wait_for_toast("Dismissed. It will not come back.", TOAST)
        .await;
    app.wait_until(
        "the letter is no longer listed",
        &format!("return !document.querySelector(\"[data-key='{key}']\")"),
    )
    .await;
    app.find("today-clear").await;
    app.screenshot("today-clear").await;
    app.click("toast-action").await;
    wait_listed(&app, "today-overdue", &key, true).await;

    // Its action opens the form ready for the reply.
    let action = app
        .find_css(&format!(
            "{} [data-testid=reminder-action]",
            row(None, &key)
        ))
        .await;
    assert_eq!(action.text().await.unwrap(), "Log the reply");
    app.dismiss_toasts().await;
    action.click().await.unwrap();
    app.find("log-form").await;
    app.wait_for_text("log-title", "Log the reply").await;
    assert_eq!(
        app.value_of("subject").await,
        "Reply to our letter of 4 November 2026"
    );
    assert_eq!(app.value_of("kind").await, "letter");
    assert_eq!(app.value_of("direction").await, "they_contacted");
    assert_eq!(app.value_of("status").await, "held");
    app.fill(
        "summary",
        "Jane has asked the council's housing team to inspect the flats.",
    )
    .await;
    app.click("log-save").await;
    app.find("interaction-view").await;

    app.click("nav-today").await;
    app.find("today-clear").await;
    assert!(!listed_in(&app, "today-view", &key).await);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn export_to_calendar_writes_an_ics_file_with_what_is_due() {
    let (data, mp, amira, _) = prepare();
    log(
        data.path(),
        json!({
            "kind": "phone_call", "direction": "we_contacted", "date": "23/11/2026", "time": "10:00",
            "subject": "Bus route 42",
            "representatives": [mp], "our_attendees": [{"person_id": amira}],
            "follow_ups": [{"kind": "send_papers", "description": "Send Jane the bus survey results",
                            "owner": format!("person:{amira}"), "due_date": "27/11/2026"}]
        }),
    );
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with(
        data.path(),
        crate::harness::NOW,
        &[("RAPPORT_SAVE_DIR", saves.path().as_os_str())],
    )
    .await;
    app.find("today-soon").await;
    assert_eq!(app.text_of("today-ics").await, "Export to calendar");
    app.click("today-ics").await;
    app.wait_for_toast("Calendar saved to", TOAST).await;
    let toast = app
        .texts("toast")
        .await
        .into_iter()
        .find(|t| t.contains("Calendar saved to"))
        .unwrap();

    let files: Vec<_> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new("ics")))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        toast.contains(&files[0].display().to_string()),
        "{toast} names {}",
        files[0].display()
    );
    // Long lines are folded (CRLF and a space); unfold them to read the text.
    let ics = std::fs::read_to_string(&files[0])
        .unwrap()
        .replace("\r\n ", "")
        .replace("\r\n\t", "");
    assert!(ics.contains("BEGIN:VCALENDAR"), "{ics}");
    assert!(ics.contains("Send Jane the bus survey results"), "{ics}");
    // The button is ready for another go.
    app.wait_until(
        "the button is back",
        "const b = document.querySelector('[data-testid=today-ics]'); return !b.disabled && b.textContent === 'Export to calendar'",
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reminder_thresholds_are_checked_beside_their_field_and_kept() {
    let (data, _, _, _) = prepare();
    let app = App::start(data.path()).await;
    // Nothing is due yet: Today says so calmly.
    app.find("today-clear").await;
    assert!(app
        .text_of("today-clear")
        .await
        .starts_with("Nothing is due."));

    app.click("nav-settings").await;
    app.find("reminder-settings").await;
    assert_eq!(app.value_of("letter_reply_days").await, "14");
    assert_eq!(app.value_of("thank_you_days").await, "2");
    assert_eq!(app.value_of("contact_cadence_days").await, "91");
    assert_eq!(app.value_of("ask_response_days").await, "28");
    let on = app
        .find("field-notifications")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(on.as_deref(), Some("true"));

    // Nought days is refused beside its field, which keeps what was typed.
    app.fill("letter_reply_days", "0").await;
    app.click("reminder-settings-save").await;
    let message = app.text_of("error-letter_reply_days").await;
    assert!(!message.is_empty(), "a message beside the field");
    app.wait_for_focus("field-letter_reply_days").await;
    assert_eq!(app.value_of("letter_reply_days").await, "0");
    let invalid = app
        .find("field-letter_reply_days")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    app.screenshot("settings-reminders-error").await;

    // A sensible number saves, with notifications turned off, and both survive leaving.
    app.fill("letter_reply_days", "21").await;
    app.click("field-notifications").await;
    app.click("reminder-settings-save").await;
    app.wait_for_toast("Reminder settings saved.", TOAST).await;
    app.click("nav-today").await;
    app.find("today-view").await;
    app.click("nav-settings").await;
    app.find("reminder-settings").await;
    app.wait_until(
        "the saved settings are shown",
        "return document.querySelector('[data-testid=field-letter_reply_days]')?.value === '21'",
    )
    .await;
    let on = app
        .find("field-notifications")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(on.as_deref(), Some("false"));
    assert!(
        app.run("return document.querySelector('[data-testid=error-letter_reply_days]').hidden")
            .await
            == json!(true)
    );
    app.quit().await;
}

/// How many reminder rows `section` lists now.
async fn rows_in(app: &App, section: &str) -> usize {
    app.run(&format!(
        "return document.querySelectorAll('[data-testid={section}] [data-testid=reminder]').length"
    ))
    .await
    .as_u64()
    .unwrap() as usize
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_overdue_list_comes_fifty_at_a_time_and_stays_shown_after_an_action() {
    let (data, mp, amira, _) = prepare();
    // 120 follow-ups overdue, one a day from 1 July: more than a page.
    let follow_ups: Vec<Value> = (0..120)
        .map(|n| {
            let due = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
                + chrono::Days::new(n as u64);
            json!({"kind": "send_papers", "description": format!("Send paper {:03}", n + 1),
                   "owner": format!("person:{amira}"), "due_date": due.format("%d/%m/%Y").to_string()})
        })
        .collect();
    let meeting = log(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "23/11/2026", "time": "10:00",
            "subject": "A long list of papers", "representatives": [mp],
            "our_attendees": [{"person_id": amira}], "follow_ups": follow_ups
        }),
    );
    let key = |n: usize| format!("follow_up_due:{}", id_of(&meeting["follow_ups"][n]));
    let app = App::start(data.path()).await;

    app.find("today-overdue").await;
    wait_listed(&app, "today-overdue", &key(0), true).await;
    assert_eq!(rows_in(&app, "today-overdue").await, 50);
    let heading = app
        .find_css("#today-section-overdue")
        .await
        .text()
        .await
        .unwrap();
    assert!(heading.contains("120"), "the total is counted: {heading}");
    assert!(app.text_of("today-body").await.contains("120 overdue"));
    assert_eq!(app.text_of("today-show-more").await, "Show 50 more of 70");

    // The next fifty come from the core, and the focus goes to the first of them.
    app.click("today-show-more").await;
    wait_listed(&app, "today-overdue", &key(50), true).await;
    assert_eq!(rows_in(&app, "today-overdue").await, 100);
    app.wait_until(
        "the focus on the 51st reminder",
        &format!(
            "return document.activeElement?.dataset.key === '{}'",
            key(50)
        ),
    )
    .await;
    assert_eq!(app.text_of("today-show-more").await, "Show 20 more of 20");

    // Marked done far down the list: the list stays as long, and the focus moves on.
    click_in_row(&app, &key(74), "reminder-action").await;
    wait_listed(&app, "today-overdue", &key(74), false).await;
    app.wait_for_toast("Marked done.", TOAST).await;
    assert_eq!(rows_in(&app, "today-overdue").await, 100);
    assert!(listed_in(&app, "today-overdue", &key(100)).await);
    app.wait_until(
        "the focus on the next reminder",
        &format!(
            "return document.activeElement?.dataset.key === '{}'",
            key(75)
        ),
    )
    .await;
    app.click("today-show-more").await;
    wait_listed(&app, "today-overdue", &key(119), true).await;
    assert_eq!(rows_in(&app, "today-overdue").await, 119);
    assert!(!app.is_present("today-show-more").await);
    app.screenshot("today-show-more").await;
    app.quit().await;
}
