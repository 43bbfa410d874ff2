//! Settings: importing every current MP (see members.rs in the shell), against the fixture
//! server of `tests/fixtures/parliament.rs` answering as the UK Parliament Members API (the app
//! is pointed at it by RAPPORT_MEMBERS_URL, so nothing reaches the internet). The import shows
//! its progress and can be cancelled, which changes nothing; run again, it adds every MP, links
//! one typed by hand, and makes an MP no longer listed a former MP, which the Representatives
//! list says. While Parliament is dissolved the list is empty, and nothing is changed.

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use rapport_core::domain::{RepresentativeInput, RepresentativeKind};
use rapport_core::public::Member;
use serde_json::json;

use crate::harness::{open_store, set_up_data_dir, App, NOW};
use crate::parliament::{current_mps, members_pages, Server};

/// Long enough for 650 MPs fetched a page at a time, slowly, then written.
const IMPORT: Duration = Duration::from_secs(60);

/// Waits up to `within` for an element with `testid` whose text contains `text`; returns it.
async fn wait_for_text_containing(app: &App, testid: &str, text: &str, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let texts = app.texts(testid).await;
        if let Some(found) = texts.iter().find(|t| t.contains(text)) {
            return found.clone();
        }
        assert!(
            Instant::now() < deadline,
            "no [data-testid={testid}] containing {text:?} within {within:?}; saw {texts:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn shown(app: &App, testid: &str) -> bool {
    for element in app.find_all(testid).await {
        if element.is_displayed().await.unwrap_or(false) {
            return true;
        }
    }
    false
}

/// Whether every control of the list screen's toolbar sits on one line.
async fn toolbar_on_one_line(app: &App, view: &str) -> bool {
    app.run(&format!(
        "const bar = document.querySelector('[data-testid={view}] .toolbar');
         const items = [...bar.querySelectorAll('input, button')].map(e => e.getBoundingClientRect());
         const tops = items.map(r => r.top), bottoms = items.map(r => r.bottom);
         return items.length > 0 && Math.max(...tops) < Math.min(...bottoms);"
    ))
    .await
        == json!(true)
}

/// An MP Rapport took from Parliament once, who is not in today's list.
fn gill_furniss() -> Member {
    Member {
        id: 4001,
        name: "Gill Furniss".into(),
        party: Some("Labour".into()),
        constituency: "Sheffield Brightside and Hillsborough".into(),
        thumbnail_url: None,
        since: Some("2016-05-05".into()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_current_mp_is_imported_with_progress_after_a_cancel_that_changed_nothing() {
    let server = Server::start_slow(
        members_pages(&current_mps(650), 650),
        Duration::from_millis(150),
    );
    let data = set_up_data_dir();
    {
        let mut store = open_store(data.path());
        store.add_member(&gill_furniss()).unwrap();
        // Typed by hand, and in Parliament's list: linked, not added twice.
        let mut typed = RepresentativeInput::named("Member 002", RepresentativeKind::Mp);
        typed.party = Some("Labour".into());
        typed.seat_name = Some("Constituency 002".into());
        store.save_representative(&typed).unwrap();
    }
    let app = App::start_with(
        data.path(),
        NOW,
        &[("RAPPORT_MEMBERS_URL", OsStr::new(&server.base))],
    )
    .await;

    app.click("nav-settings").await;
    app.find("settings-members").await;
    app.wait_for_text("members-last", "Not imported yet.").await;
    let section = app.text_of("settings-members").await;
    assert!(
        section.contains("MPs from Parliament")
            && section.contains("Adds every current MP to your representatives")
            && section.contains("only when you press the button"),
        "{section}"
    );
    assert_eq!(
        app.text_of("members-credit").await,
        "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
    );
    assert!(!shown(&app, "members-progress").await);
    assert!(!shown(&app, "members-summary").await);

    // Started, it shows how far it has got, and the focus waits on Cancel.
    app.click("members-import-start").await;
    let progress =
        wait_for_text_containing(&app, "members-progress-text", "of 650 MPs…", IMPORT).await;
    assert!(progress.starts_with("Fetched "), "{progress}");
    assert_eq!(
        app.prop_of("members-import-start", "disabled").await,
        "true"
    );
    let bar = app
        .run("const p = document.querySelector('[data-testid=members-progress]'); return [p.max, p.value];")
        .await;
    assert!(
        bar[0] == json!(650) && bar[1].as_f64().unwrap() > 0.0,
        "{bar}"
    );
    app.wait_for_focus("members-import-cancel").await;
    app.screenshot("members-import-progress").await;

    // Cancelled: said so, nothing written, the button back.
    app.click("members-import-cancel").await;
    assert_eq!(
        app.run("return document.querySelector('[data-testid=members-import-cancel]').textContent")
            .await,
        json!("Cancelling…")
    );
    let message = wait_for_text_containing(&app, "members-message", "cancelled", IMPORT).await;
    assert_eq!(message, "The import was cancelled. Nothing was changed.");
    assert_eq!(
        app.run(
            "return document.querySelector('[data-testid=members-message]').getAttribute('role')"
        )
        .await,
        json!("alert")
    );
    assert!(!shown(&app, "members-progress").await);
    assert_eq!(
        app.prop_of("members-import-start", "disabled").await,
        "false"
    );
    app.wait_for_focus("members-import-start").await;
    assert_eq!(app.text_of("members-last").await, "Not imported yet.");
    app.screenshot("members-import-cancelled").await;

    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Gill Furniss")
        .await;
    let rows = app.texts("representative-row").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| !r.contains("Former")), "{rows:?}");

    // Started again, and followed from another screen and back: the progress is picked up.
    app.click("nav-settings").await;
    app.click("members-import-start").await;
    wait_for_text_containing(&app, "members-progress-text", "of 650 MPs…", IMPORT).await;
    app.click("nav-today").await;
    app.find("today-view").await;
    app.click("nav-settings").await;
    let progress =
        wait_for_text_containing(&app, "members-progress-text", "of 650 MPs…", IMPORT).await;
    assert!(progress.starts_with("Fetched "), "{progress}");
    assert!(shown(&app, "members-progress").await);
    assert_eq!(
        app.prop_of("members-import-start", "disabled").await,
        "true"
    );

    let summary =
        wait_for_text_containing(&app, "members-summary", "Imported 650 current MPs", IMPORT).await;
    assert_eq!(
        summary,
        "Imported 650 current MPs: 649 added and 1 linked to a record you had typed. \
         1 MP you had on record is no longer listed and is now a former MP."
    );
    assert_eq!(
        app.run(
            "return document.querySelector('[data-testid=members-summary]').getAttribute('role')"
        )
        .await,
        json!("status")
    );
    assert!(!shown(&app, "members-message").await);
    assert!(!shown(&app, "members-progress").await);
    assert_eq!(
        app.text_of("members-last").await,
        "Last imported on 24 November 2026: 650 MPs."
    );
    assert_eq!(
        app.prop_of("members-import-start", "disabled").await,
        "false"
    );
    app.screenshot("members-import-done").await;

    // Every MP is listed with their seat; the one no longer in Parliament's list as former.
    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Member 001").await;
    // 650 MPs and one former MP, drawn 200 at a time.
    assert_eq!(
        app.text_of("representative-count").await,
        "200 of 651 representatives shown"
    );
    let rows = app.texts("representative-row").await;
    assert_eq!(rows.len(), 200);
    assert!(
        rows.iter().any(|r| r.contains("Member 001")
            && r.contains("Constituency 001")
            && r.contains("MP · Conservative")),
        "{:?}",
        &rows[..3]
    );
    assert_eq!(
        rows.iter().filter(|r| r.contains("Member 002")).count(),
        1,
        "the typed record is linked, not doubled"
    );
    let furniss = rows.iter().find(|r| r.contains("Gill Furniss")).unwrap();
    assert!(furniss.contains("Former MP · Labour"), "{furniss}");
    assert!(!furniss.contains("Sheffield"), "{furniss}");
    assert_eq!(
        app.run("return [...document.querySelectorAll('[data-testid=representative-row]')].filter(r => r.classList.contains('former')).length")
            .await,
        json!(1)
    );
    app.fill_testid("representative-filter", "former").await;
    app.wait_until(
        "the filter keeps the former MP alone",
        "return document.querySelectorAll('[data-testid=representative-row]').length === 1",
    )
    .await;
    assert!(app
        .text_of("representative-row")
        .await
        .contains("Gill Furniss"));
    app.run("const f = document.querySelector('[data-testid=representative-filter]'); f.value = ''; f.dispatchEvent(new Event('input')); return true;").await;
    app.wait_for_text("representative-show-more", "Show 200 more of 451")
        .await;
    app.run("document.querySelector('[data-testid=representative-show-more]').scrollIntoView({ block: 'center' }); return true;")
        .await;
    app.click("representative-show-more").await;
    app.wait_until(
        "the next 200, the focus on the first of them",
        "return document.querySelectorAll('[data-testid=representative-row]').length === 400 \
           && document.activeElement === document.querySelectorAll('[data-testid=representative-name]')[200]",
    )
    .await;

    // The toolbar fits on one line in the window's usual 1200 pixels, and in 1280, here and on
    // People.
    assert!(
        toolbar_on_one_line(&app, "representatives-view").await,
        "the Representatives toolbar wraps at 1200 pixels"
    );
    app.screenshot("members-import-representatives-1200").await;
    app.client.set_window_size(1280, 800).await.unwrap();
    app.wait_until(
        "the window is 1280 pixels wide",
        "return window.innerWidth >= 1270",
    )
    .await;
    assert!(
        toolbar_on_one_line(&app, "representatives-view").await,
        "the Representatives toolbar wraps at 1280 pixels"
    );
    app.screenshot("members-import-representatives").await;
    app.click("nav-people").await;
    app.wait_for_text("person-name", "Amira Khan").await;
    assert!(
        toolbar_on_one_line(&app, "people-view").await,
        "the People toolbar wraps at 1280 pixels"
    );
    app.screenshot("people-1280").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn while_parliament_is_dissolved_the_import_changes_nothing_and_says_why() {
    let server = Server::start(members_pages(&[], 0));
    let data = set_up_data_dir();
    open_store(data.path()).add_member(&gill_furniss()).unwrap();
    let app = App::start_with(
        data.path(),
        NOW,
        &[("RAPPORT_MEMBERS_URL", OsStr::new(&server.base))],
    )
    .await;

    app.click("nav-settings").await;
    app.click("members-import-start").await;
    let message = wait_for_text_containing(&app, "members-message", "dissolved", IMPORT).await;
    assert!(message.contains("the list you had is kept"), "{message}");
    assert!(!shown(&app, "members-summary").await);
    assert!(!shown(&app, "members-progress").await);
    assert_eq!(app.text_of("members-last").await, "Not imported yet.");
    assert_eq!(
        app.prop_of("members-import-start", "disabled").await,
        "false"
    );
    assert!(app
        .text_of("members-credit")
        .await
        .contains("Open Parliament Licence"));
    app.screenshot("members-import-dissolved").await;

    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Gill Furniss")
        .await;
    let rows = app.texts("representative-row").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("MP · Labour")
            && rows[0].contains("Sheffield Brightside and Hillsborough")
            && !rows[0].contains("Former"),
        "{rows:?}"
    );
    app.quit().await;
}
