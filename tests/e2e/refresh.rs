//! "Refresh from Parliament" on an MP's profile, against the fixture server on 127.0.0.1 that
//! answers in the real shapes of the UK Parliament Members API (the app is pointed at it by
//! RAPPORT_MEMBERS_URL, so nothing reaches the internet): what Parliament says now is listed
//! beside the record and written only on Apply; after a by-election the MP becomes a former MP,
//! the new one is on record with the seat, and every interaction is kept; a failing service
//! changes nothing.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::harness::{log_interaction, open_store, set_up_data_dir, App, NOW};
use crate::parliament::{
    biography_reply, contact_entry, contact_reply, member, member_reply, ok, seat_search, status,
    web_entry, Server, SEARCH,
};
use crate::profile::click_text;

const ESCAPE: &str = "\u{E00C}";
const TOAST: Duration = Duration::from_secs(15);
const CREDIT: &str =
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.";

const MEMBER: &str = "/api/Members/5123";
const CONTACT: &str = "/api/Members/5123/Contact";
const BIOGRAPHY: &str = "/api/Members/5123/Biography";

const MINISTER: &str = "Parliamentary Under-Secretary of State (Department for Transport)";
const COMMITTEE: &str = "Transport Committee";
const EMAIL: &str = "laurence.turner.mp@parliament.uk";
const WEBSITE: &str = "https://www.laurenceturner.org.uk";
const SUBJECT: &str = "Bus route 42";

/// Laurence Turner, Labour MP for Birmingham Northfield since 4 July 2024, put on record from
/// Parliament's record (so linked to it), and one surgery meeting with him about bus route 42.
fn turner_on_record() -> tempfile::TempDir {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    let amira = store.setup_status().unwrap().member.unwrap().id.to_string();
    let turner = store
        .add_member(&rapport_core::public::Member {
            id: 5123,
            name: "Laurence Turner".into(),
            party: Some("Labour".into()),
            constituency: "Birmingham Northfield".into(),
            thumbnail_url: None,
            since: Some("2024-07-04".into()),
        })
        .unwrap()
        .representative
        .id
        .to_string();
    drop(store);
    log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "place": "Northfield library", "subject": SUBJECT,
            "summary": "We explained how the cut to route 42 strands older residents at the Grove estate.",
            "representatives": [turner],
            "our_attendees": [{"person_id": amira}],
        }),
    );
    data
}

/// Turner as Parliament's member record has him: Labour, Birmingham Northfield since
/// 4 July 2024, and `ended` if his membership has ended.
fn turner(ended: Option<&str>) -> String {
    member_reply(&member(
        5123,
        "Laurence Turner",
        "Labour",
        "Birmingham Northfield",
        "2024-07-04",
        ended,
    ))
}

/// His Parliamentary office (preferred) and his website.
fn turner_contact() -> String {
    contact_reply(&[
        contact_entry(
            "Parliamentary office",
            &["House of Commons", "London"],
            "SW1A 0AA",
            "020 7219 3000",
            EMAIL,
            true,
        ),
        web_entry("Website", WEBSITE),
    ])
}

/// A junior minister since 8 September 2025 and on the Transport Committee since
/// 21 October 2024.
fn turner_biography() -> String {
    biography_reply(
        &[(MINISTER, "2025-09-08", None)],
        &[],
        &[(COMMITTEE, "2024-10-21", None)],
    )
}

async fn start(data: &Path, server: &Server) -> App {
    App::start_with(
        data,
        NOW,
        &[("RAPPORT_MEMBERS_URL", OsStr::new(&server.base))],
    )
    .await
}

/// Opens Laurence Turner's profile from the Representatives screen.
async fn open_turner(app: &App) {
    app.click("nav-representatives").await;
    click_text(app, "representative-name", "Laurence Turner").await;
    app.find("profile-view").await;
    app.wait_for_text("profile-name", "Laurence Turner").await;
}

async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=refresh-dialog]')?.open")
        .await
        == json!(true)
}

async fn wait_for_dialog_closed(app: &App) {
    app.wait_until(
        "the refresh dialog has closed",
        "return !document.querySelector('[data-testid=refresh-dialog]')",
    )
    .await;
}

/// Opens the dialog and waits for Parliament's answer: the rows of changes, as text.
async fn refresh_changes(app: &App) -> Vec<String> {
    app.click("profile-refresh").await;
    app.find("refresh-dialog").await;
    app.find("refresh-changes").await;
    app.texts("refresh-change").await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refresh_lists_posts_and_contact_details_then_applies_them_and_a_second_finds_nothing_to_change(
) {
    let server = Server::start(vec![
        (MEMBER, ok(&turner(None))),
        (CONTACT, ok(&turner_contact())),
        (BIOGRAPHY, ok(&turner_biography())),
    ]);
    let data = turner_on_record();
    let app = start(data.path(), &server).await;
    open_turner(&app).await;

    // Nothing from Parliament on the profile yet, beyond the link: no posts, no contact card.
    assert!(!app.is_present("profile-posts").await);
    assert!(!app.is_present("profile-contact").await);
    assert_eq!(app.text_of("profile-credit").await, CREDIT);

    // The dialog lists what Parliament says beside the record, changing nothing yet.
    let rows = refresh_changes(&app).await;
    app.wait_for_focus("refresh-apply").await;
    app.screenshot("refresh-changes").await;
    let row = |what: &str| {
        rows.iter()
            .find(|r| r.starts_with(what))
            .unwrap_or_else(|| panic!("no change for {what:?} in {rows:?}"))
            .clone()
    };
    let committee = row("Committee");
    assert!(
        committee.contains("Transport Committee, since 21 October 2024") && committee.contains('—'),
        "{committee}"
    );
    assert!(
        row("Government post").contains(&format!("{MINISTER}, since 8 September 2025")),
        "{rows:?}"
    );
    assert!(
        row("Email (Parliamentary office)").contains(EMAIL),
        "{rows:?}"
    );
    assert!(
        row("Phone (Parliamentary office)").contains("020 7219 3000"),
        "{rows:?}"
    );
    assert!(row("Website").contains(WEBSITE), "{rows:?}");
    assert!(
        row("Postal address (Parliamentary office)").contains("House of Commons, London, SW1A 0AA"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.starts_with("Party")), "{rows:?}");
    let headings = app
        .run("return [...document.querySelectorAll('[data-testid=refresh-changes] thead th')].map(t => t.textContent)")
        .await;
    assert_eq!(headings, json!(["What", "On record", "Parliament now"]));
    assert!(app
        .text_of("refresh-note")
        .await
        .starts_with("Nothing changes until you apply."));
    assert_eq!(app.text_of("refresh-credit").await, CREDIT);
    assert_eq!(app.text_of("refresh-cancel").await, "Cancel");

    // Apply: the dialog closes, the toast says so and the profile shows what was written.
    app.click("refresh-apply").await;
    wait_for_dialog_closed(&app).await;
    let toast = app.wait_for_toast("from Parliament", TOAST).await;
    assert!(
        toast.starts_with("Updated Laurence Turner from Parliament."),
        "{toast}"
    );
    app.wait_until(
        "the profile shows the posts",
        "return !!document.querySelector('[data-testid=profile-posts]')",
    )
    .await;
    let posts = app.text_of("profile-posts").await;
    assert!(
        posts.contains(MINISTER)
            && posts.contains(COMMITTEE)
            && posts.contains("since 21 October 2024"),
        "{posts}"
    );
    let contact = app.find("profile-contact").await;
    assert!(contact
        .text()
        .await
        .unwrap()
        .starts_with("How to reach them"));
    let channels = app.texts("profile-channel").await;
    assert_eq!(channels.len(), 4, "{channels:?}");
    // Preferred first: the Parliamentary office's address, phone and email; then the website.
    assert!(
        channels[..3].iter().all(|c| c.contains("Preferred")),
        "{channels:?}"
    );
    assert!(
        channels
            .iter()
            .any(|c| c.starts_with("Email · Parliamentary office") && c.contains(EMAIL)),
        "{channels:?}"
    );
    assert!(
        channels[3].starts_with("Website")
            && channels[3].contains(WEBSITE)
            && !channels[3].contains("Preferred"),
        "{channels:?}"
    );
    // Shown as text, never as a link that would load anything.
    let links = app
        .run("return document.querySelectorAll('[data-testid=profile-contact] a').length")
        .await;
    assert_eq!(links, json!(0));
    assert_eq!(app.text_of("profile-credit").await, CREDIT);
    assert_eq!(
        app.text_of("profile-sub").await,
        "MP · Labour · Birmingham Northfield"
    );
    app.wait_for_focus("profile-refresh").await;
    app.dismiss_toasts().await;
    app.screenshot("refresh-applied").await;

    // A second refresh finds the record matches.
    app.click("profile-refresh").await;
    app.wait_for_text(
        "refresh-none",
        "Parliament’s record matches yours: nothing to change.",
    )
    .await;
    assert!(!app.is_present("refresh-apply").await);
    assert_eq!(app.text_of("refresh-credit").await, CREDIT);
    app.wait_for_focus("refresh-close").await;
    app.screenshot("refresh-none").await;
    app.click("refresh-close").await;
    wait_for_dialog_closed(&app).await;
    app.wait_for_focus("profile-refresh").await;

    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_by_election_the_mp_becomes_a_former_mp_the_new_one_holds_the_seat_and_the_history_is_kept(
) {
    let brown = member(
        7001,
        "Beth Brown",
        "Green Party",
        "Birmingham Northfield",
        "2026-10-03",
        None,
    );
    // Each answer comes after a moment, long enough to see the dialog asking.
    let server = Server::start_slow(
        vec![
            (MEMBER, ok(&turner(Some("2026-10-01")))),
            (CONTACT, ok(&contact_reply(&[]))),
            (BIOGRAPHY, ok(&biography_reply(&[], &[], &[]))),
            (SEARCH, ok(&seat_search("Birmingham Northfield", &brown))),
        ],
        Duration::from_millis(800),
    );
    let data = turner_on_record();
    let app = start(data.path(), &server).await;
    open_turner(&app).await;

    app.click("profile-refresh").await;
    app.find("refresh-dialog").await;
    assert_eq!(
        app.text_of("refresh-busy").await,
        "Asking the UK Parliament Members API…"
    );
    app.wait_for_focus("refresh-cancel").await;
    assert_eq!(app.text_of("refresh-credit").await, CREDIT);
    app.screenshot("refresh-asking").await;
    app.find("refresh-changes").await;
    assert!(!app.is_present("refresh-busy").await);
    let rows = app.texts("refresh-change").await;
    assert!(
        rows.iter().any(|r| r.starts_with("Seat")
            && r.contains("MP for Birmingham Northfield")
            && r.contains("Left on 1 October 2026: now a former MP")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("MP for Birmingham Northfield")
                && r.contains("Beth Brown (Green Party), since 3 October 2026")),
        "{rows:?}"
    );
    app.screenshot("refresh-election").await;

    app.click("refresh-apply").await;
    wait_for_dialog_closed(&app).await;
    let toast = app.wait_for_toast("from Parliament", TOAST).await;
    assert!(
        toast.starts_with(
            "Updated Laurence Turner from Parliament: they are now a former MP, and the new MP is on record."
        ),
        "{toast}"
    );

    // Turner is a former MP now: no seat, the ended term kept, the meeting still his.
    app.wait_for_text("profile-former", "Former MP").await;
    let sub = app.text_of("profile-sub").await;
    assert!(
        sub.contains("Labour") && sub.ends_with("No seat now"),
        "{sub}"
    );
    assert!(!app.is_present("profile-seat").await);
    let terms = app.texts("profile-seat-term").await;
    assert_eq!(terms.len(), 1, "{terms:?}");
    assert!(
        terms[0].contains("Birmingham Northfield")
            && terms[0].contains("4 July 2024 to 1 October 2026"),
        "{terms:?}"
    );
    let timeline = app.texts("timeline-item").await;
    assert_eq!(timeline.len(), 1, "{timeline:?}");
    assert!(timeline[0].contains(SUBJECT), "{timeline:?}");
    app.dismiss_toasts().await;
    app.screenshot("refresh-former-mp").await;

    // The seat's history has them both: Beth Brown now, Laurence Turner before her.
    app.find_css("[data-testid=profile-seat-term] button")
        .await
        .click()
        .await
        .unwrap();
    app.find("seat-view").await;
    app.wait_for_text("seat-name", "Birmingham Northfield")
        .await;
    let holders = app.texts("seat-term").await;
    assert_eq!(holders.len(), 2, "{holders:?}");
    let holder = |name: &str| {
        holders
            .iter()
            .find(|h| h.contains(name))
            .unwrap_or_else(|| panic!("{name} is not in {holders:?}"))
            .clone()
    };
    let beth = holder("Beth Brown");
    assert!(
        beth.contains("Green Party") && beth.contains("3 October 2026") && beth.contains("now"),
        "{beth}"
    );
    let laurence = holder("Laurence Turner");
    assert!(
        laurence.contains("Labour")
            && laurence.contains("4 July 2024")
            && laurence.contains("1 October 2026"),
        "{laurence}"
    );
    assert!(
        app.text_of("seat-kind")
            .await
            .contains("held now by Beth Brown"),
        "the seat's holder"
    );

    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_service_is_said_in_the_dialog_and_changes_nothing() {
    let server = Server::start(vec![
        (MEMBER, ok(&turner(None))),
        (CONTACT, ok(&turner_contact())),
        (BIOGRAPHY, status(500, r#"{"status":500}"#)),
    ]);
    let data = turner_on_record();
    let app = start(data.path(), &server).await;
    open_turner(&app).await;

    app.click("profile-refresh").await;
    app.find("refresh-dialog").await;
    let message = app.text_of("refresh-message").await;
    assert!(
        message.contains("The UK Parliament Members API answered with an error (500).")
            && message.ends_with("Nothing was changed."),
        "{message}"
    );
    let role = app
        .run("return document.querySelector('[data-testid=refresh-message]').getAttribute('role')")
        .await;
    assert_eq!(role, json!("alert"));
    assert!(!app.is_present("refresh-apply").await);
    assert!(!app.is_present("refresh-changes").await);
    assert!(app.is_present("refresh-retry").await);
    assert_eq!(app.text_of("refresh-credit").await, CREDIT);
    app.screenshot("refresh-failed").await;

    // Close, and the profile is as it was.
    app.click("refresh-close").await;
    wait_for_dialog_closed(&app).await;
    app.wait_for_focus("profile-refresh").await;
    assert!(!app.is_present("profile-posts").await);
    assert!(!app.is_present("profile-contact").await);

    // Once the service answers again, "Try again" lists the changes; Escape closes the dialog
    // without applying them.
    app.click("profile-refresh").await;
    app.find("refresh-message").await;
    app.wait_for_focus("refresh-message").await;
    server.route(BIOGRAPHY, ok(&turner_biography()));
    app.click("refresh-retry").await;
    app.find("refresh-changes").await;
    let message_hidden = app
        .run("return document.querySelector('[data-testid=refresh-message]')?.hidden ?? true")
        .await;
    assert_eq!(message_hidden, json!(true));
    assert_eq!(app.texts("refresh-change").await.len(), 6);
    app.wait_for_focus("refresh-apply").await;
    app.press(ESCAPE).await;
    wait_for_dialog_closed(&app).await;
    assert!(!dialog_open(&app).await);
    app.wait_for_focus("profile-refresh").await;
    assert!(!app.is_present("profile-posts").await);
    assert!(!app.is_present("profile-contact").await);

    app.quit().await;
}
