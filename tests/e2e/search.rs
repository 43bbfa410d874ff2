//! Search from anywhere with Ctrl+K, matched words highlighted and user text shown literally;
//! and Settings' "Recently deleted", which brings a whole meeting back.

use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use serde_json::json;

use crate::harness::{open_store, set_up_data_dir, App};

/// A folder with Jane Smith MP and one logged surgery meeting whose summary holds markup.
fn prepare() -> (tempfile::TempDir, String) {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id;
    store
        .save_person(&PersonInput::named("Siân Lloyd", PersonKind::Volunteer))
        .unwrap();
    let meeting = store
        .save_interaction(
            &serde_json::from_value(json!({
                "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
                "subject": "Bus route 42",
                "summary": "Route 42 <b>matters</b> to the Grove estate <script>document.body.dataset.pwned='yes'</script>",
                "representatives": [mp],
                "asks": [{"title": "Write to the Transport Minister about route 42"}]
            }))
            .unwrap(),
        )
        .unwrap();
    (data, meeting.summary.id.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_k_finds_a_meeting_and_an_ask_highlighting_the_words_and_opens_the_meeting() {
    let (data, _) = prepare();
    let app = App::start(data.path()).await;

    // Ctrl+K from Today: the search screen opens with its box focused.
    app.type_here("\u{E009}k\u{E000}").await;
    app.wait_until(
        "the search box has the focus",
        "return document.activeElement?.dataset.testid === 'search-box'",
    )
    .await;
    app.type_here("route").await;
    app.wait_until(
        "results are shown",
        "return document.querySelectorAll('[data-testid=search-hit]').length >= 2",
    )
    .await;
    let marks = app.run("return [...document.querySelectorAll('[data-testid=search-results] mark')].map(m => m.textContent)").await;
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().eq_ignore_ascii_case("route")),
        "{marks}"
    );
    let snippets = app.texts("search-hit-snippet").await.join("\n");
    assert!(
        snippets.contains("<b>matters</b>") || snippets.contains("<script>"),
        "markup shows as text: {snippets}"
    );
    assert_eq!(
        app.run("return document.body.dataset.pwned === undefined")
            .await,
        json!(true)
    );
    let titles = app.texts("search-hit-title").await;
    assert!(
        titles
            .iter()
            .any(|t| t == "Write to the Transport Minister about route 42"),
        "{titles:?}"
    );
    app.screenshot("search").await;

    // Accents are ignored; a person is found by name.
    app.fill_testid("search-box", "sian").await;
    app.wait_for_text("search-hit-title", "Siân Lloyd").await;

    // Enter opens the best match: the meeting.
    app.fill_testid("search-box", "grove estate").await;
    app.wait_until(
        "one result",
        "return document.querySelectorAll('[data-testid=search-hit]').length === 1",
    )
    .await;
    app.send_keys("search-box", crate::harness::ENTER).await;
    app.find("interaction-view").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deleted_meeting_is_restored_from_settings_with_everything_logged_with_it() {
    let (data, id) = prepare();
    {
        let mut store = open_store(data.path());
        store.delete_interaction(id.parse().unwrap()).unwrap();
    }
    let app = App::start(data.path()).await;
    app.click("nav-settings").await;
    app.wait_for_text(
        "deleted-label",
        "Surgery meeting with Jane Smith, 20 November 2026",
    )
    .await;
    // The seats the area covers: a blank name is explained; a seat is added and listed.
    app.click("cover-seat-add").await;
    assert!(app
        .text_of("error-seat_name")
        .await
        .contains("Enter the constituency or ward"));
    app.fill("seat_name", "Birmingham Northfield").await;
    app.click("cover-seat-add").await;
    app.wait_for_text("covered-seat", "Birmingham Northfield — held by Jane Smith")
        .await;
    app.screenshot("settings").await;
    app.click("deleted-restore").await;
    app.find("deleted-empty").await;

    app.click("nav-search").await;
    app.fill_testid("search-box", "minister").await;
    app.wait_for_text(
        "search-hit-title",
        "Write to the Transport Minister about route 42",
    )
    .await;
    app.quit().await;
}
