//! Logging a meeting with the keyboard (pickers, repeatable rows, an error beside its field that
//! keeps everything typed), reading it back, editing it, deleting it and bringing it back.

use fantoccini::Locator;
use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use serde_json::json;

use crate::harness::{open_store, set_up_data_dir, App, ARROW_DOWN, ENTER};

const CTRL: &str = "\u{E009}";
const NO_MODIFIERS: &str = "\u{E000}";

/// A folder with Jane Smith MP and Dev Patel, a member, besides Amira Khan (set up already).
/// Returns the folder and the ids of Jane Smith, Amira and Dev.
pub fn prepare() -> (tempfile::TempDir, String, String, String) {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.party = Some("Labour".into());
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id.to_string();
    let dev = store
        .save_person(&PersonInput::named("Dev Patel", PersonKind::Member))
        .unwrap()
        .id
        .to_string();
    let amira = store.setup_status().unwrap().member.unwrap().id.to_string();
    (data, mp, amira, dev)
}

/// Chooses a name in a picker with the keyboard: type, ArrowDown, Enter.
async fn pick(app: &App, picker: &str, typed: &str) {
    app.send_keys(&format!("picker-{picker}"), typed).await;
    app.wait_until(
        "the picker lists matches",
        "return document.querySelectorAll('[data-testid=picker-option]').length > 0",
    )
    .await;
    app.send_keys(&format!("picker-{picker}"), ARROW_DOWN).await;
    app.send_keys(&format!("picker-{picker}"), ENTER).await;
}

/// The names on the chosen chips (read from the page: some are scrolled out of view).
async fn chips(app: &App) -> Vec<String> {
    let names = app
        .run("return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent)")
        .await;
    serde_json::from_value(names).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_surgery_meeting_is_logged_with_the_keyboard_a_bad_date_is_shown_beside_its_field_and_the_detail_shows_it_all(
) {
    let (data, _, _, _) = prepare();
    let app = App::start(data.path()).await;

    // Ctrl+L opens the form from anywhere; the date and time start at London's now, and the
    // member using this computer is already among our attendees.
    app.find("today-view").await;
    app.type_here(&format!("{CTRL}l{NO_MODIFIERS}")).await;
    app.find("log-form").await;
    assert_eq!(app.value_of("date").await, "24/11/2026");
    assert_eq!(app.value_of("time").await, "09:00");
    assert_eq!(chips(&app).await, vec!["Amira Khan".to_string()]);

    app.choose("kind", "Surgery meeting").await;
    app.fill("date", "20/11/2026").await;
    app.fill("time", "14:30").await;
    app.fill("place", "Northfield library").await;
    app.fill("subject", "Bus route 42; damp in the Grove flats")
        .await;
    pick(&app, "campaign", "Better buses for Northfield").await;

    // Who was there: the MP, her caseworker (new, added inline with a role), and Dev.
    pick(&app, "representatives", "jane").await;
    let options_for_tom = {
        app.send_keys("picker-their_attendees", "Tom Reed").await;
        app.wait_until("the add-new option", "return [...document.querySelectorAll('[data-testid=picker-option]')].some(o => o.textContent.includes('Add “Tom Reed” as a new person'))").await;
        app.texts("picker-option").await
    };
    assert_eq!(
        options_for_tom.last().map(String::as_str),
        Some("Add “Tom Reed” as a new person")
    );
    app.send_keys("picker-their_attendees", ARROW_DOWN).await;
    app.send_keys("picker-their_attendees", ENTER).await;
    app.wait_for_focus("picker-their_attendees").await;
    app.fill_testid("chip-role", "Caseworker").await;
    pick(&app, "our_attendees", "dev").await;
    let chosen = chips(&app).await;
    for name in [
        "Better buses for Northfield",
        "Jane Smith",
        "Tom Reed",
        "Amira Khan",
        "Dev Patel",
    ] {
        assert!(chosen.iter().any(|c| c == name), "{name} in {chosen:?}");
    }

    app.fill(
        "summary",
        "Jane listened to our case on the 42 bus and the damp in the Grove flats. She had not heard about the cut to the evening service.",
    )
    .await;
    app.fill(
        "private_impressions",
        "Warm on the buses, guarded on housing: she may not want to cross the council.",
    )
    .await;

    // One new ask, two commitments (one each side) and one follow-up, with the first
    // commitment's date impossible.
    app.click("ask-add").await;
    app.wait_for_focus("field-asks.0.title").await;
    app.type_here("Write to Transport for West Midlands about the evening 42")
        .await;
    app.choose("asks.0.status", "Agreed").await;
    app.fill(
        "asks.0.stated_position",
        "Will write this week and share the reply",
    )
    .await;

    app.click("commitment-add").await;
    app.choose("commitments.0.who", "Tom Reed").await;
    app.fill(
        "commitments.0.description",
        "Send us a copy of the letter to TfWM",
    )
    .await;
    app.fill("commitments.0.due_date", "31/11/2026").await;
    app.click("commitment-add").await;
    app.choose("commitments.1.who", "Dev Patel").await;
    app.fill(
        "commitments.1.description",
        "Send the residents’ survey of the Grove flats",
    )
    .await;
    app.fill("commitments.1.due_date", "22/11/2026").await;

    app.click("follow-up-add").await;
    app.choose("follow_ups.0.kind", "Send thank-you").await;
    app.fill(
        "follow_ups.0.description",
        "Thank Jane and Tom, and attach the bus petition",
    )
    .await;
    app.choose("follow_ups.0.owner", "Amira Khan").await;
    app.fill("follow_ups.0.due_date", "27/11/2026").await;
    app.screenshot("log-form-rows").await;
    app.run("document.querySelector('[data-testid=log-view]').scrollTop = 0")
        .await;
    app.screenshot("log-form").await;

    // Ctrl+Enter saves; the bad date is refused beside its own field, which takes the focus,
    // and nothing typed is lost.
    app.type_here(&format!("{CTRL}{ENTER}{NO_MODIFIERS}")).await;
    let message = app.text_of("error-commitments.0.due_date").await;
    assert!(message.contains("31/11/2026"), "{message}");
    assert!(message.contains("not a date"), "{message}");
    app.wait_for_focus("field-commitments.0.due_date").await;
    let invalid = app
        .find("field-commitments.0.due_date")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    assert_eq!(app.value_of("place").await, "Northfield library");
    assert!(app.value_of("summary").await.starts_with("Jane listened"));
    assert!(app
        .value_of("private_impressions")
        .await
        .starts_with("Warm on the buses"));
    assert_eq!(
        app.value_of("asks.0.title").await,
        "Write to Transport for West Midlands about the evening 42"
    );
    assert_eq!(app.value_of("commitments.0.due_date").await, "31/11/2026");
    assert_eq!(
        app.value_of("commitments.1.description").await,
        "Send the residents’ survey of the Grove flats"
    );
    assert_eq!(app.value_of("follow_ups.0.due_date").await, "27/11/2026");
    assert_eq!(chips(&app).await.len(), 5);
    assert_eq!(
        app.run("return document.querySelector('[data-testid=chip-role]').value")
            .await,
        json!("Caseworker")
    );
    assert!(app.is_present("log-form").await, "still on the form");

    // Fixing the one field saves it all, and the meeting is shown.
    app.fill("commitments.0.due_date", "04/12/2026").await;
    app.click("log-save").await;
    app.find("interaction-view").await;
    app.wait_for_text("interaction-title", "Surgery meeting with Jane Smith")
        .await;
    let toasts = app.texts("toast").await;
    assert!(
        toasts
            .iter()
            .any(|t| t.contains("Saved the meeting with Jane Smith.")),
        "{toasts:?}"
    );
    assert_eq!(
        app.text_of("interaction-when").await,
        "20 November 2026 at 14:30"
    );
    let facts = app.text_of("interaction-facts").await;
    for text in [
        "Northfield library",
        "Bus route 42; damp in the Grove flats",
        "We contacted them",
        "Better buses for Northfield",
    ] {
        assert!(facts.contains(text), "{text} in {facts}");
    }
    let theirs = app.text_of("interaction-their-side").await;
    assert!(
        theirs.contains("Jane Smith") && theirs.contains("Tom Reed, Caseworker"),
        "{theirs}"
    );
    let ours = app.text_of("interaction-our-side").await;
    assert!(
        ours.contains("Amira Khan") && ours.contains("Dev Patel"),
        "{ours}"
    );
    assert!(app
        .text_of("interaction-summary")
        .await
        .contains("evening service"));
    assert!(app
        .text_of("interaction-private")
        .await
        .contains("guarded on housing"));
    let asks = app.texts("interaction-ask").await;
    assert_eq!(asks.len(), 1, "{asks:?}");
    assert!(asks[0].contains("Write to Transport for West Midlands about the evening 42"));
    assert!(
        asks[0].contains("Agreed") && asks[0].contains("Will write this week"),
        "{asks:?}"
    );
    let commitments = app.texts("interaction-commitment").await;
    assert_eq!(commitments.len(), 2, "{commitments:?}");
    let tom = commitments
        .iter()
        .find(|c| c.contains("Tom Reed"))
        .expect("Tom's promise");
    assert!(
        tom.contains("their side") && tom.contains("4 December 2026") && !tom.contains("Overdue"),
        "{tom}"
    );
    let dev = commitments
        .iter()
        .find(|c| c.contains("Dev Patel"))
        .expect("Dev's promise");
    assert!(
        dev.contains("our side") && dev.contains("22 November 2026") && dev.contains("Overdue"),
        "{dev}"
    );
    let follow_ups = app.texts("interaction-follow-up").await;
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert!(
        follow_ups[0].contains("Send thank-you")
            && follow_ups[0].contains("Amira Khan")
            && follow_ups[0].contains("27 November 2026"),
        "{follow_ups:?}"
    );
    assert!(app
        .text_of("interaction-record")
        .await
        .contains("Recorded by Amira Khan"));
    app.run("document.querySelectorAll('[data-testid=toast] [aria-label=Dismiss]').forEach(b => b.click())").await;
    app.screenshot("interaction-detail").await;
    app.run("const v = document.querySelector('[data-testid=interaction-view]'); v.scrollTop = v.scrollHeight").await;
    app.screenshot("interaction-detail-items").await;

    // The list shows it, newest first, with who was there.
    app.click("nav-interactions").await;
    let rows = app.texts("interaction-row").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("20 November 2026")
            && rows[0].contains("Surgery meeting")
            && rows[0].contains("Jane Smith")
            && rows[0].contains("Amira Khan and Dev Patel"),
        "{rows:?}"
    );
    app.screenshot("interactions").await;

    // All of it is on the MP's profile...
    app.click("nav-representatives").await;
    app.click("representative-name").await;
    app.wait_for_text("profile-name", "Jane Smith").await;
    let relationship = app.text_of("profile-relationship").await;
    assert!(
        relationship.contains("20 November 2026") && relationship.contains('1'),
        "{relationship}"
    );
    let timeline = app.texts("timeline-item").await;
    assert_eq!(timeline.len(), 1, "{timeline:?}");
    assert!(
        timeline[0].contains("Bus route 42")
            && timeline[0].contains("Tom Reed")
            && timeline[0].contains("Dev Patel"),
        "{timeline:?}"
    );
    let asks = app.texts("profile-ask").await;
    assert!(
        asks.iter()
            .any(|a| a.contains("Write to Transport for West Midlands") && a.contains("Agreed")),
        "{asks:?}"
    );
    let theirs = app.texts("profile-commitment-theirs").await;
    assert!(
        theirs.len() == 1 && theirs[0].contains("Send us a copy of the letter to TfWM"),
        "{theirs:?}"
    );
    let ours = app.texts("profile-commitment-ours").await;
    assert!(
        ours.len() == 1 && ours[0].contains("residents’ survey") && ours[0].contains("Overdue"),
        "{ours:?}"
    );
    let follow_ups = app.texts("profile-follow-up").await;
    assert!(
        follow_ups.len() == 1 && follow_ups[0].contains("Thank Jane and Tom"),
        "{follow_ups:?}"
    );
    assert!(app.text_of("profile-staff").await.contains("Tom Reed"));

    // ...and in search, from anywhere with Ctrl+K: the meeting, the ask, the promise and the
    // new caseworker.
    app.type_here(&format!("{CTRL}k{NO_MODIFIERS}")).await;
    app.wait_for_focus("search-box").await;
    app.type_here("evening").await;
    app.wait_until(
        "two results",
        "return document.querySelectorAll('[data-testid=search-hit]').length === 2",
    )
    .await;
    let titles = app.texts("search-hit-title").await;
    assert!(
        titles
            .iter()
            .any(|t| t == "Write to Transport for West Midlands about the evening 42"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t == "Bus route 42; damp in the Grove flats"),
        "{titles:?}"
    );
    app.fill_testid("search-box", "tfwm").await;
    app.wait_for_text("search-hit-title", "Send us a copy of the letter to TfWM")
        .await;
    app.fill_testid("search-box", "tom reed").await;
    app.wait_for_text("search-hit-title", "Tom Reed").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_logged_meeting_is_edited_then_deleted_and_brought_back_with_undo() {
    let (data, mp, amira, dev) = prepare();
    {
        let mut store = open_store(data.path());
        store
            .save_interaction(
                &serde_json::from_value(json!({
                    "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
                    "place": "Northfield library", "subject": "Bus route 42",
                    "summary": "First draft of the summary.",
                    "representatives": [mp],
                    "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
                    "our_attendees": [{"person_id": amira}, {"person_id": dev}],
                    "asks": [{"title": "Write to Transport for West Midlands"}],
                    "commitments": [
                        {"who": "new:Tom Reed", "description": "Send us the letter", "due_date": "04/12/2026"},
                        {"who": format!("person:{dev}"), "description": "Send the residents’ survey", "due_date": "01/12/2026"}
                    ],
                    "follow_ups": [{"kind": "send_thank_you", "description": "Thank Jane", "due_date": "27/11/2026"}]
                }))
                .unwrap(),
            )
            .unwrap();
    }
    let app = App::start(data.path()).await;
    app.click("nav-interactions").await;
    app.click("interaction-link").await;
    app.wait_for_text("interaction-title", "Surgery meeting with Jane Smith")
        .await;
    app.click("interaction-edit").await;

    // The form is filled from the record.
    app.find("log-form").await;
    assert_eq!(app.value_of("date").await, "20/11/2026");
    assert_eq!(app.value_of("time").await, "14:30");
    assert_eq!(app.value_of("summary").await, "First draft of the summary.");
    assert_eq!(
        app.value_of("asks.0.title").await,
        "Write to Transport for West Midlands"
    );
    // Commitments come in the core's order; find Tom's row.
    let toms = if app.value_of("commitments.0.description").await == "Send us the letter" {
        0
    } else {
        1
    };
    assert_eq!(
        app.value_of(&format!("commitments.{toms}.description"))
            .await,
        "Send us the letter"
    );
    assert_eq!(
        app.value_of(&format!("commitments.{toms}.due_date")).await,
        "04/12/2026"
    );
    assert_eq!(app.value_of("follow_ups.0.due_date").await, "27/11/2026");
    let chosen = chips(&app).await;
    for name in ["Jane Smith", "Tom Reed", "Amira Khan", "Dev Patel"] {
        assert!(chosen.iter().any(|c| c == name), "{name} in {chosen:?}");
    }

    // Change the summary and remove Tom's commitment: Dev's becomes commitments.0.
    app.fill(
        "summary",
        "Jane agreed to write to TfWM about the evening 42.",
    )
    .await;
    let selector = format!(
        "[data-testid=rows-commitments] > li:nth-child({}) [data-testid=row-remove]",
        toms + 1
    );
    app.client
        .find(Locator::Css(&selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        app.value_of("commitments.0.description").await,
        "Send the residents’ survey"
    );
    assert!(!app.is_present("field-commitments.1.description").await);
    app.click("log-save").await;

    app.find("interaction-view").await;
    app.wait_until(
        "the edited summary is shown",
        "return document.querySelector('[data-testid=interaction-summary]')?.textContent === 'Jane agreed to write to TfWM about the evening 42.'",
    )
    .await;
    let commitments = app.texts("interaction-commitment").await;
    assert_eq!(commitments.len(), 1, "{commitments:?}");
    assert!(commitments[0].contains("Dev Patel"), "{commitments:?}");

    // Delete, then Undo from the toast.
    app.click("interaction-delete").await;
    app.find("interactions-empty").await;
    let toasts = app.texts("toast").await;
    assert!(
        toasts
            .iter()
            .any(|t| t.contains("Deleted the surgery meeting with Jane Smith.")),
        "{toasts:?}"
    );
    app.click("toast-action").await;
    app.find("interaction-row").await;
    app.click("interaction-link").await;
    app.wait_until(
        "the restored meeting keeps its edit",
        "return document.querySelector('[data-testid=interaction-summary]')?.textContent === 'Jane agreed to write to TfWM about the evening 42.'",
    )
    .await;
    // (Not the commitment count: the core restores what was deleted at the same instant as the
    // meeting, and under the tests' fixed clock the commitment removed by the edit was too.)
    assert_eq!(app.texts("interaction-ask").await.len(), 1);
    assert!(app
        .texts("interaction-commitment")
        .await
        .iter()
        .any(|c| c.contains("Dev Patel")));
    app.quit().await;
}
