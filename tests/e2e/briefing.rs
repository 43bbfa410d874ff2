//! Planning a meeting and taking a briefing pack for it: a meeting planned from Today with the
//! keyboard (who of us will go and in what role, the purpose, key messages, documents and the
//! ask) shows under the upcoming meetings; the pack is saved from the meeting as a PDF (private
//! impressions only when ticked) and from the profile as a web page, and a bad number is refused
//! beside its field with the dialog still open.

use std::path::Path;
use std::time::Duration;

use rapport_core::domain::{PersonInput, PersonKind};
use serde_json::json;

use crate::harness::{log_interaction, open_store, pdf_text, saved, App, ENTER};
use crate::logging::prepare;

const ESCAPE: &str = "\u{E00C}";
/// Making a PDF in a debug build takes a few seconds: the toast may be slow to come.
const MAKING: Duration = Duration::from_secs(90);

const PRIVATE: &str = "Warm but wary of promising money";
const PURPOSE: &str = "Ask Jane to back the campaign to restore the evening 42";
const FIRST_MESSAGE: &str = "Three hundred residents rely on the evening 42";
const SECOND_MESSAGE: &str = "The Grove estate has no other bus after 7pm";

/// Adds Olive Grant, a constituent whose case we take to the MP, and returns her id.
fn a_constituent(data: &Path) -> String {
    let mut store = open_store(data);
    store
        .save_person(&PersonInput::named("Olive Grant", PersonKind::Contact))
        .unwrap()
        .id
        .to_string()
}

/// A held surgery on 16 November (with a private impression) and a surgery planned for
/// Saturday 28 November at 10:00. Returns the folder, Jane's id and the planned meeting's id.
fn a_meeting_to_prepare() -> (tempfile::TempDir, String, String) {
    let (data, mp, amira, dev) = prepare();
    let olive = a_constituent(data.path());
    log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "16/11/2026", "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "summary": "Jane heard how the cut to route 42 strands older residents at the Grove estate.",
            "private_impressions": PRIVATE,
            "representatives": [mp],
            "our_attendees": [{"person_id": amira}],
        }),
    );
    let planned = log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "status": "planned",
            "date": "28/11/2026", "time": "10:00", "place": "Northfield library",
            "subject": "The evening 42",
            "purpose": PURPOSE,
            "key_messages": format!("{FIRST_MESSAGE}\n{SECOND_MESSAGE}"),
            "documents_to_bring": "The petition, signed\nThe residents’ survey",
            "on_behalf_of_id": olive,
            "representatives": [mp],
            "our_attendees": [{"person_id": amira, "role": "Lead"}, {"person_id": dev, "role": "Note-taker"}],
            "asks": [{"title": "Write to Transport for West Midlands about the evening 42", "status": "planned"}],
        }),
    );
    let id = planned["id"].as_str().unwrap().to_string();
    (data, mp, id)
}

/// Whether the briefing dialog is open.
async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=briefing-dialog]')?.open")
        .await
        == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_is_planned_from_today_with_the_keyboard_and_shows_under_upcoming_meetings() {
    let (data, _, _, _) = prepare();
    a_constituent(data.path());
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    // Today offers "Plan a meeting": the form is planned, dated tomorrow, with no time yet.
    app.click("today-plan").await;
    app.wait_for_text("log-title", "Plan a meeting").await;
    assert_eq!(app.value_of("status").await, "planned");
    assert_eq!(app.value_of("date").await, "25/11/2026");
    assert_eq!(app.value_of("time").await, "");
    assert!(app.find("log-planning").await.is_displayed().await.unwrap());

    app.fill("date", "28/11/2026").await;
    app.fill("time", "10:00").await;
    app.fill("place", "Northfield library").await;
    app.pick("representatives", "jane").await;
    // Dev comes as note-taker: the role box on his chip, reached with the keyboard.
    app.pick("our_attendees", "dev").await;
    app.wait_for_focus("picker-our_attendees").await;
    app.find_css("[data-testid=chip-role][aria-label='Role of Dev Patel']")
        .await
        .send_keys("note-taker")
        .await
        .unwrap();

    app.fill("purpose", PURPOSE).await;
    app.fill(
        "key_messages",
        &format!("{FIRST_MESSAGE}{ENTER}{SECOND_MESSAGE}"),
    )
    .await;
    app.fill("documents_to_bring", "The petition, signed").await;
    app.pick("on_behalf_of", "olive").await;

    // A new ask starts as "Planned" while the meeting is.
    app.click("ask-add").await;
    app.wait_for_focus("field-asks.0.title").await;
    app.type_here("Write to Transport for West Midlands about the evening 42")
        .await;
    assert_eq!(app.value_of("asks.0.status").await, "planned");

    app.run("document.querySelector('[data-testid=log-view]').scrollTop = 0; return true")
        .await;
    app.screenshot("log-plan").await;
    app.run("document.querySelector('#log-plan').scrollIntoView({block: 'start'}); return true")
        .await;
    app.screenshot("log-plan-planning").await;

    app.click("log-save").await;
    app.find("interaction-view").await;
    app.wait_for_toast(
        "Planned the meeting with Jane Smith.",
        Duration::from_secs(15),
    )
    .await;
    assert_eq!(app.text_of("interaction-purpose").await, PURPOSE);
    // One key message a line, each an item of the list.
    assert_eq!(
        app.run("return [...document.querySelectorAll('[data-testid=interaction-key-messages] li')].map(l => l.textContent)")
            .await,
        json!([FIRST_MESSAGE, SECOND_MESSAGE])
    );
    assert_eq!(
        app.text_of("interaction-documents").await,
        "The petition, signed"
    );
    assert!(app
        .text_of("interaction-on-behalf-of")
        .await
        .starts_with("Olive Grant"));
    let ours = app.text_of("interaction-our-side").await;
    assert!(ours.contains("Dev Patel, note-taker"), "{ours}");
    assert_eq!(app.text_of("ask-status").await, "Planned");
    app.screenshot("interaction-planned").await;

    // Today lists it under the upcoming meetings.
    app.click("nav-today").await;
    app.find("today-meetings").await;
    let meetings = app.texts("today-meeting").await;
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert!(
        meetings[0].contains("Saturday 28 November 2026 at 10:00"),
        "{meetings:?}"
    );
    assert!(meetings[0].contains("Jane Smith"), "{meetings:?}");
    assert!(meetings[0].contains("Northfield library"), "{meetings:?}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_briefing_pack_is_saved_as_a_pdf_from_the_meeting_leaving_out_private_notes_unless_ticked(
) {
    let (data, _, meeting) = a_meeting_to_prepare();
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    // From Today's upcoming meeting to its detail, then "Briefing pack".
    app.click("today-meeting").await;
    app.find("interaction-plan").await;
    app.click("interaction-briefing").await;
    app.find("briefing-dialog").await;
    assert_eq!(app.text_of("briefing-title").await, "Briefing pack");
    assert_eq!(app.value_of("meeting_id").await, meeting);
    let chosen = app
        .run("const s = document.querySelector('[data-testid=field-meeting_id]'); return s.selectedOptions[0].textContent")
        .await;
    assert_eq!(
        chosen,
        json!("Saturday 28 November 2026 at 10:00 · Surgery meeting · Northfield library")
    );
    assert_eq!(app.checked("briefing-private").await, json!(false));
    assert_eq!(app.checked("briefing-format-pdf").await, json!(true));
    assert_eq!(app.value_of("recent").await, "10");
    app.screenshot("briefing-dialog").await;

    // Escape closes it and the focus goes back to the button.
    app.type_here(ESCAPE).await;
    app.wait_until(
        "the dialog is closed",
        "return !document.querySelector('[data-testid=briefing-dialog]')",
    )
    .await;
    app.wait_for_focus("interaction-briefing").await;

    // Save as a PDF: the file has the offered name and no private impression.
    app.click("interaction-briefing").await;
    app.find("briefing-dialog").await;
    app.click("briefing-save").await;
    let toast = app.wait_for_toast("Briefing pack saved to", MAKING).await;
    let name = "2026-11-28 Briefing - Jane Smith MP.pdf";
    let file = saves.path().join(name);
    assert_eq!(saved(saves.path(), "pdf"), vec![file.clone()]);
    assert!(
        toast.contains(&file.display().to_string()),
        "{toast} names {}",
        file.display()
    );
    assert!(!dialog_open(&app).await);
    app.wait_for_focus("interaction-briefing").await;
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    let text = pdf_text(&file);
    for wanted in [
        "Jane Smith",
        PURPOSE,
        FIRST_MESSAGE,
        SECOND_MESSAGE,
        "The residents’ survey",
        "consent letter from Olive Grant",
    ] {
        assert!(text.contains(wanted), "{wanted:?} in the pack: {text}");
    }
    assert!(!text.contains(PRIVATE), "no private notes: {text}");

    // Again with "Include private notes" ticked: now the impression is in it.
    std::fs::remove_file(&file).unwrap();
    app.dismiss_toasts().await;
    app.click("interaction-briefing").await;
    app.find("briefing-dialog").await;
    app.click("briefing-private").await;
    assert_eq!(app.checked("briefing-private").await, json!(true));
    app.click("briefing-save").await;
    app.wait_for_toast("Briefing pack saved to", MAKING).await;
    assert_eq!(saved(saves.path(), "pdf"), vec![file.clone()]);
    let text = pdf_text(&file);
    assert!(text.contains(PRIVATE), "private notes when ticked: {text}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_briefing_pack_is_saved_as_a_web_page_from_the_profile_and_a_bad_number_is_refused_beside_it(
) {
    let (data, mp, meeting) = a_meeting_to_prepare();
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    app.run(&format!(
        "location.hash = '#representative/{mp}'; return true"
    ))
    .await;
    app.find("profile-briefing").await;
    app.screenshot("profile-briefing").await;
    app.click("profile-briefing").await;
    app.find("briefing-dialog").await;
    // Their soonest planned meeting is chosen; the relationship as it stands is the other choice.
    assert_eq!(app.value_of("meeting_id").await, meeting);
    app.choose("meeting_id", "No meeting: the relationship as it stands")
        .await;
    app.click("briefing-format-html").await;

    // No interactions at all is refused beside the field, and nothing chosen is lost.
    app.fill("recent", "0").await;
    app.click("briefing-save").await;
    let message = app.text_of("error-recent").await;
    assert!(message.contains("between 1 and 200"), "{message}");
    assert!(dialog_open(&app).await);
    app.wait_for_focus("field-recent").await;
    assert_eq!(
        app.find("field-recent")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert_eq!(app.value_of("meeting_id").await, "");
    assert_eq!(app.checked("briefing-format-html").await, json!(true));
    assert!(saved(saves.path(), "html").is_empty());
    app.screenshot("briefing-dialog-refused").await;

    app.fill("recent", "5").await;
    app.click("briefing-save").await;
    app.wait_for_toast("Briefing pack saved to", MAKING).await;
    assert!(!dialog_open(&app).await);
    app.wait_for_focus("profile-briefing").await;
    // With no meeting, the pack is dated today.
    let file = saves
        .path()
        .join("2026-11-24 Briefing - Jane Smith MP.html");
    assert_eq!(saved(saves.path(), "html"), vec![file.clone()]);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Briefing: Jane Smith MP"), "{html}");
    assert!(!html.contains(PRIVATE), "{html}");

    // "Plan a meeting" on the profile starts a plan with her chosen.
    app.click("profile-plan").await;
    app.wait_for_text("log-title", "Plan a meeting").await;
    let chosen = app
        .run("return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent)")
        .await;
    assert!(
        chosen.as_array().unwrap().iter().any(|c| c == "Jane Smith"),
        "{chosen}"
    );
    app.click("log-cancel").await;
    app.find("profile-view").await;
    app.quit().await;
}
