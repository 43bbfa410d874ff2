//! Hostile text: names, notes, a subject and a summary holding markup and script are saved
//! through the core, then every screen that shows them is opened. On each, nothing ran (no
//! `window.__pwned`), no element was made from the text (no `<img src=x>`, no inline script),
//! and the text shows literally, quotes, ampersands and angle brackets included.

use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use serde_json::{json, Value};

use crate::harness::{log_interaction, open_store, set_up_data_dir, App};

const IMG: &str = r#"<img src=x onerror="window.__pwned=1">"#;
const SCRIPT: &str = "<script>window.__pwned=2</script>";
const QUOTES: &str = r#""quotes" & ampersands"#;

/// What each screen must show literally, whichever of the payloads it holds.
fn person_name() -> String {
    format!("Hattie {IMG} Hostile")
}
fn representative_name() -> String {
    format!("Rhodri {SCRIPT} Pwned")
}
fn subject() -> String {
    format!("Pwned subject {IMG} {QUOTES}")
}
fn summary() -> String {
    format!("Pwned summary {SCRIPT} {QUOTES}")
}

/// Checks the page as it is now: nothing ran, nothing was made from the text, and the page's
/// visible text holds each of `shown` literally (waiting for it to be drawn).
async fn safe_and_literal(app: &App, place: &str, shown: &[&str]) {
    for text in shown {
        let literal = serde_json::to_string(text).unwrap();
        app.wait_until(
            &format!("{place} shows {text:?} literally"),
            &format!("return document.body.innerText.includes({literal})"),
        )
        .await;
    }
    let found = app
        .run(
            "return {
               pwned: window.__pwned === undefined ? null : String(window.__pwned),
               img: document.querySelectorAll('img[src=\"x\"], img[onerror]').length,
               inline_scripts: document.querySelectorAll('script:not([src])').length,
               handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
             };",
        )
        .await;
    assert_eq!(
        found,
        json!({ "pwned": Value::Null, "img": 0, "inline_scripts": 0, "handlers": 0 }),
        "on {place}"
    );
}

/// A data folder holding the hostile person, representative and meetings (one held, one
/// planned for Saturday, so Today lists it).
fn hostile_records() -> tempfile::TempDir {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    let mut person = PersonInput::named(&person_name(), PersonKind::Contact);
    person.role_title = Some(QUOTES.into());
    person.organisation_name = Some(SCRIPT.into());
    person.notes = Some(format!("{IMG}\n{SCRIPT}\n{QUOTES}"));
    let person = store.save_person(&person).unwrap().id.to_string();
    let mut rep = RepresentativeInput::named(&representative_name(), RepresentativeKind::Mp);
    rep.party = Some(QUOTES.into());
    rep.seat_name = Some(format!("Seat {IMG}"));
    rep.interests = Some(format!("{SCRIPT} {QUOTES}"));
    rep.notes = Some(format!("{IMG} {SCRIPT}"));
    let rep = store.save_representative(&rep).unwrap().id.to_string();
    let amira = store.setup_status().unwrap().member.unwrap().id.to_string();
    drop(store);
    log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "16/11/2026", "time": "14:30",
            "place": QUOTES, "subject": subject(), "summary": summary(),
            "private_impressions": IMG,
            "on_behalf_of_id": person,
            "representatives": [rep],
            "our_attendees": [{"person_id": amira, "role": SCRIPT}],
            "asks": [{"title": format!("Ask {IMG}"), "status": "made"}],
        }),
    );
    log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "status": "planned",
            "date": "28/11/2026", "time": "10:00", "place": QUOTES,
            "subject": subject(),
            "purpose": format!("Purpose {SCRIPT}"),
            "representatives": [rep],
            "our_attendees": [{"person_id": amira}],
        }),
    );
    data
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_notes_subjects_and_summaries_show_literally_and_never_run() {
    let data = hostile_records();
    let app = App::start(data.path()).await;
    let person = person_name();
    let rep = representative_name();
    let subject = subject();
    let summary = summary();

    // Today: the planned meeting, and the reminders about the held one.
    app.find("today-view").await;
    app.find("today-meeting").await;
    safe_and_literal(&app, "Today", &[&subject, &rep]).await;
    app.screenshot("xss-today").await;

    // People: the list, then the person's editor (what is in its boxes is the text itself).
    app.click("nav-people").await;
    app.wait_for_text("person-name", &person).await;
    safe_and_literal(&app, "People", &[&person, QUOTES, SCRIPT]).await;
    app.run(&format!(
        "[...document.querySelectorAll('[data-testid=person-name]')].find(b => b.textContent === {}).click(); return true;",
        serde_json::to_string(&person).unwrap()
    ))
    .await;
    app.find("person-form").await;
    assert_eq!(app.value_of("full_name").await, person);
    assert_eq!(
        app.value_of("notes").await,
        format!("{IMG}\n{SCRIPT}\n{QUOTES}")
    );
    assert_eq!(app.value_of("role_title").await, QUOTES);
    safe_and_literal(&app, "the person's editor", &[&person]).await;
    app.screenshot("xss-people").await;
    app.click("person-cancel").await;

    // Representatives: the list, then the profile with its timeline.
    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", &rep).await;
    safe_and_literal(&app, "Representatives", &[&rep, QUOTES]).await;
    app.click("representative-name").await;
    app.wait_for_text("profile-name", &rep).await;
    app.find("timeline-item").await;
    safe_and_literal(
        &app,
        "the profile",
        &[&rep, QUOTES, &format!("Seat {IMG}"), &subject],
    )
    .await;
    app.screenshot("xss-profile").await;

    // Interactions: the list, then the held meeting's detail.
    app.click("nav-interactions").await;
    app.find("interaction-row").await;
    safe_and_literal(&app, "Interactions", &[&subject, &rep]).await;
    app.run(
        "[...document.querySelectorAll('[data-testid=interaction-row]')].find(r => r.textContent.includes('16 November 2026')).click(); return true;",
    )
    .await;
    app.find("interaction-view").await;
    app.wait_for_text("interaction-title", &format!("Surgery meeting with {rep}"))
        .await;
    safe_and_literal(
        &app,
        "the meeting's detail",
        &[&subject, &summary, IMG, &person, &format!("Ask {IMG}")],
    )
    .await;
    app.screenshot("xss-interaction").await;

    // Search: the hits, with the matched words marked.
    app.click("nav-search").await;
    app.fill_testid("search-box", "pwned").await;
    app.find("search-hit").await;
    app.wait_until(
        "the meeting is found",
        "return document.querySelectorAll('[data-testid=search-hit]').length >= 2",
    )
    .await;
    let hits = app.texts("search-hit").await.join("\n");
    assert!(
        hits.contains("<img src=x onerror=") || hits.contains("<script>"),
        "{hits}"
    );
    safe_and_literal(&app, "Search", &["<img src=x onerror=", "<script>"]).await;
    app.screenshot("xss-search").await;

    // Last, after everything has had time to load and fail: still nothing ran.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.click("nav-today").await;
    app.find("today-meeting").await;
    safe_and_literal(&app, "Today again", &[&subject]).await;
    app.quit().await;
}
