//! A representative's profile, read before a meeting, and the seat's history that survives an
//! election.

use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use rapport_core::ids::RepresentativeId;
use rapport_core::{Clock, Store};
use serde_json::json;
use std::path::Path;

use crate::harness::{set_up_data_dir, App, NOW};

fn store_at(data: &Path, now: &str) -> Store {
    Store::open(&data.join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str(now).unwrap())
}

/// Birmingham Northfield: Peter Lowe held the seat until the election of 4 July 2024, when
/// Jane Smith (Labour) won it. Since then Northfield Big Local (Amira Khan and Dev Patel) has
/// phoned her office about the community garden, and met her at a surgery about bus route 42
/// with her caseworker Tom Reed. One promise on each side is past its date (today is
/// 24 November 2026).
pub fn prepare() -> (tempfile::TempDir, RepresentativeId) {
    let data = set_up_data_dir();
    let amira = store_at(data.path(), NOW)
        .list_people()
        .unwrap()
        .into_iter()
        .find(|p| p.full_name == "Amira Khan")
        .unwrap()
        .id;

    let mut lowe = RepresentativeInput::named("Peter Lowe", RepresentativeKind::Mp);
    lowe.party = Some("Conservative".into());
    lowe.seat_name = Some("Birmingham Northfield".into());
    let lowe_id = store_at(data.path(), "2019-12-13T10:00:00Z")
        .save_representative(&lowe)
        .unwrap()
        .id;

    // The day after the election: he loses the seat, she takes it.
    let mut after = store_at(data.path(), "2024-07-05T10:00:00Z");
    lowe.id = Some(lowe_id);
    lowe.seat_name = None;
    after.save_representative(&lowe).unwrap();
    let mut jane = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    jane.party = Some("Labour".into());
    jane.seat_name = Some("Birmingham Northfield".into());
    jane.form_of_address = Some("Dear Ms Smith".into());
    jane.interests = Some("Buses and transport, youth services, housing repairs".into());
    jane.preferred_contact =
        Some("Email the constituency office; Tom Reed replies within a week".into());
    jane.surgery_pattern = Some("First and third Friday, Northfield library, 2–4pm".into());
    jane.notes = Some("Grew up on the Grove estate. Prefers one page and real stories.".into());
    jane.primary_contact_id = Some(amira);
    let mp = after.save_representative(&jane).unwrap().id;
    drop(after);

    let mut store = store_at(data.path(), NOW);
    let dev = store
        .save_person(&PersonInput::named("Dev Patel", PersonKind::Member))
        .unwrap()
        .id;
    let log = |store: &mut Store, value: serde_json::Value| {
        store
            .save_interaction(&serde_json::from_value(value).unwrap())
            .unwrap();
    };
    log(
        &mut store,
        json!({
            "kind": "phone_call", "direction": "we_contacted", "date": "15/10/2026", "time": "11:00",
            "subject": "The Grove estate community garden",
            "summary": "Amira called the constituency office to introduce Northfield Big Local and invite Jane to the garden's opening.",
            "representatives": [mp],
            "our_attendees": [{"person_id": amira}],
            "asks": [{"title": "Visit the Grove estate community garden", "status": "declined",
                      "stated_position": "Diary full until the new year"}],
            "commitments": [{"who": format!("representative:{mp}"), "description": "Reply with dates for a visit in the new year",
                             "due_date": "30/10/2026"}]
        }),
    );
    log(
        &mut store,
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "summary": "We explained how the cut to route 42 strands older residents at the Grove estate, and brought the survey of 212 households.",
            "new_campaign": "Save the 42",
            "representatives": [mp],
            "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
            "our_attendees": [{"person_id": amira}, {"person_id": dev, "role": "Note-taker"}],
            "asks": [{"title": "Write to the Transport Minister about bus route 42", "status": "made",
                      "stated_position": "Sympathetic; wants the passenger numbers first"}],
            "commitments": [
                {"who": format!("representative:{mp}"), "description": "Ask the Combined Authority for route 42 passenger numbers",
                 "due_date": "04/12/2026"},
                {"who": format!("person:{dev}"), "description": "Send the residents' survey results", "due_date": "21/11/2026"}
            ],
            "follow_ups": [{"kind": "send_thank_you", "description": "Send the thank-you email to Jane and Tom", "due_date": "22/11/2026"}]
        }),
    );
    drop(store);
    (data, mp)
}

/// Clicks the element with `testid` that shows exactly `text`.
pub async fn click_text(app: &App, testid: &str, text: &str) {
    app.wait_for_text(testid, text).await;
    let script = format!(
        "const el = [...document.querySelectorAll('[data-testid={testid}]')].find(e => e.textContent.trim() === {text:?}); el.click(); return true;"
    );
    app.run(&script).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_shows_the_relationship_what_is_open_on_both_sides_and_the_seat_history() {
    let (data, _) = prepare();
    let app = App::start(data.path()).await;
    app.click("nav-representatives").await;
    click_text(&app, "representative-name", "Jane Smith").await;

    app.find("profile-view").await;
    assert_eq!(app.text_of("profile-name").await, "Jane Smith");
    assert_eq!(
        app.text_of("profile-sub").await,
        "MP · Labour · Birmingham Northfield"
    );
    assert!(app.text_of("rel-primary").await.contains("Amira Khan"));
    assert!(app.text_of("rel-first").await.contains("15 October 2026"));
    assert!(app.text_of("rel-last").await.contains("20 November 2026"));
    let count = app.text_of("rel-count").await;
    assert!(
        count.contains('2') && count.contains("logged so far"),
        "{count}"
    );

    // The timeline, newest first, with who came on each side.
    let timeline = app.texts("timeline-item").await;
    assert_eq!(timeline.len(), 2, "{timeline:?}");
    assert!(
        timeline[0].contains("20 November 2026") && timeline[0].contains("Surgery meeting"),
        "{timeline:?}"
    );
    assert!(
        timeline[0].contains("Bus route 42") && timeline[0].contains("Northfield library"),
        "{timeline:?}"
    );
    assert!(
        timeline[0].contains("Jane Smith and Tom Reed"),
        "{timeline:?}"
    );
    assert!(
        timeline[0].contains("Amira Khan and Dev Patel"),
        "{timeline:?}"
    );
    assert!(
        timeline[0].contains("strands older residents"),
        "{timeline:?}"
    );
    assert!(
        timeline[1].contains("15 October 2026") && timeline[1].contains("Phone call"),
        "{timeline:?}"
    );
    assert!(
        !app.is_present("timeline-more").await,
        "everything is shown"
    );

    let open = app.texts("profile-ask").await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(
        open[0].contains("Write to the Transport Minister about bus route 42"),
        "{open:?}"
    );
    assert!(
        open[0].contains("Made") && open[0].contains("wants the passenger numbers first"),
        "{open:?}"
    );
    let settled = app.texts("profile-settled-ask").await.join("\n");
    assert!(
        settled.contains("Visit the Grove estate community garden") && settled.contains("Declined"),
        "{settled}"
    );

    let theirs = app.texts("profile-commitment-theirs").await;
    assert_eq!(theirs.len(), 2, "{theirs:?}");
    let late = theirs
        .iter()
        .find(|c| c.contains("Reply with dates"))
        .unwrap();
    assert!(
        late.contains("Overdue") && late.contains("30 October 2026") && late.contains("Jane Smith"),
        "{late}"
    );
    let on_time = theirs
        .iter()
        .find(|c| c.contains("passenger numbers"))
        .unwrap();
    assert!(
        !on_time.contains("Overdue") && on_time.contains("4 December 2026"),
        "{on_time}"
    );
    let ours = app.texts("profile-commitment-ours").await;
    assert_eq!(ours.len(), 1, "{ours:?}");
    assert!(
        ours[0].contains("Dev Patel")
            && ours[0].contains("survey results")
            && ours[0].contains("Overdue"),
        "{ours:?}"
    );
    let follow_ups = app.texts("profile-follow-up").await;
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert!(
        follow_ups[0].contains("Send the thank-you email") && follow_ups[0].contains("Amira Khan"),
        "{follow_ups:?}"
    );

    let about = app.text_of("profile-about").await;
    assert!(
        about.contains("Northfield library, 2–4pm") && about.contains("Grove estate"),
        "{about}"
    );
    assert!(app
        .text_of("profile-staff")
        .await
        .contains("Tom Reed · Caseworker"));
    let seats = app.texts("profile-seat-term").await;
    assert_eq!(seats.len(), 1, "{seats:?}");
    assert!(
        seats[0].contains("Birmingham Northfield") && seats[0].contains("Since 5 July 2024"),
        "{seats:?}"
    );
    app.screenshot("profile").await;
    app.run("document.querySelector('[data-testid=profile-timeline-section]').scrollIntoView(); return true;").await;
    app.screenshot("profile-timeline").await;

    // The seat keeps who held it before the election.
    app.click("profile-seat").await;
    app.find("seat-view").await;
    assert_eq!(app.text_of("seat-name").await, "Birmingham Northfield");
    assert!(app
        .text_of("seat-kind")
        .await
        .contains("UK Parliament constituency"));
    let terms = app.texts("seat-term").await;
    assert_eq!(terms.len(), 2, "{terms:?}");
    for expected in ["Jane Smith", "Labour", "5 July 2024", "now", "2"] {
        assert!(terms[0].contains(expected), "{expected}: {terms:?}");
    }
    for expected in [
        "Peter Lowe",
        "Conservative",
        "Not recorded",
        "5 July 2024",
        "0",
    ] {
        assert!(terms[1].contains(expected), "{expected}: {terms:?}");
    }
    app.screenshot("seat").await;

    // Back to her profile, then "Edit details" opens the editor on her record.
    click_text(&app, "seat-holder", "Jane Smith").await;
    app.wait_for_text("profile-name", "Jane Smith").await;
    app.click("profile-edit").await;
    app.find("representative-form").await;
    assert_eq!(app.value_of("full_name").await, "Jane Smith");
    assert_eq!(
        app.value_of("surgery_pattern").await,
        "First and third Friday, Northfield library, 2–4pm"
    );

    // An interaction on the timeline opens its detail.
    click_text(&app, "representative-open", "See profile").await;
    app.wait_for_text("profile-name", "Jane Smith").await;

    // An open ask opens in Asks & commitments, ready for its status to change; her name there
    // leads back to the profile.
    app.find("profile-ask-title").await;
    app.run("document.querySelector('[data-testid=profile-ask-title]').click(); return true;")
        .await;
    app.find("asks-view").await;
    app.wait_for_text(
        "detail-title",
        "Write to the Transport Minister about bus route 42",
    )
    .await;
    assert_eq!(app.value_of("status").await, "made");
    app.click("detail-representative").await;
    app.wait_for_text("profile-name", "Jane Smith").await;
    app.find("timeline-item").await;
    app.run("document.querySelector('[data-testid=timeline-item]').click(); return true;")
        .await;
    app.find("interaction-view").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_representative_with_no_contact_yet_says_so_and_a_long_timeline_shows_more_on_request() {
    let data = set_up_data_dir();
    let mut store = store_at(data.path(), NOW);
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id;
    store
        .save_representative(&RepresentativeInput::named(
            "Ann Shah",
            RepresentativeKind::Councillor,
        ))
        .unwrap();
    for day in 1..=23 {
        store
            .save_interaction(
                &serde_json::from_value(json!({
                    "kind": "email", "direction": "they_contacted", "date": format!("{day:02}/10/2026"), "time": "09:00",
                    "subject": format!("Weekly update {day}"), "representatives": [mp]
                }))
                .unwrap(),
            )
            .unwrap();
    }
    drop(store);

    let app = App::start(data.path()).await;
    app.click("nav-representatives").await;
    click_text(&app, "representative-name", "Ann Shah").await;
    app.wait_for_text("profile-name", "Ann Shah").await;
    assert!(app
        .text_of("profile-relationship")
        .await
        .contains("No contact logged yet"));
    assert!(app
        .text_of("timeline-empty")
        .await
        .contains("No contact logged yet"));
    assert!(app
        .text_of("profile-asks-empty")
        .await
        .contains("Asks are recorded when you log a meeting"));

    app.click("profile-back").await;
    click_text(&app, "representative-name", "Jane Smith").await;
    app.wait_for_text("profile-name", "Jane Smith").await;
    assert_eq!(app.find_all("timeline-item").await.len(), 20);
    assert!(app.text_of("timeline-more").await.contains("3 earlier"));
    app.click("timeline-more").await;
    app.wait_until(
        "all 23 are shown",
        "return document.querySelectorAll('[data-testid=timeline-item]').length === 23",
    )
    .await;
    assert!(!app.is_present("timeline-more").await);
    let last = app.texts("timeline-date").await;
    assert_eq!(last.last().map(String::as_str), Some("1 October 2026"));
    app.quit().await;
}
