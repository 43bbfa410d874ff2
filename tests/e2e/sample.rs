//! "Try it with sample data first" on the first-run screen: a made-up partnership in a file of
//! its own, a banner on every screen while it is open, and "Start my own record" back to the
//! person's own, still empty, record.

use crate::harness::{App, ENTER, TAB};

const BANNER: &str = "You are exploring sample data: nothing here is real.";
const SAMPLE_REPRESENTATIVES: [&str; 3] = ["Jane Smith", "Robert Hale", "Cllr Ade Bello"];

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_can_be_explored_then_left_for_an_empty_record_of_our_own() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;

    app.find("setup-form").await;
    app.screenshot("first-run-with-sample").await;
    app.click("setup-try-sample").await;

    // The sample's Today, with the banner above it.
    assert_eq!(app.text_of("sample-banner-text").await, BANNER);
    assert_eq!(
        app.text_of("org-name").await,
        "Riverside Big Local (sample data)"
    );
    assert_eq!(app.text_of("today-date").await, "24 November 2026");
    app.find("reminder").await;
    let reminders = app.texts("reminder").await;
    assert!(!reminders.is_empty());
    let representatives = app.texts("reminder-representative").await;
    assert!(
        !representatives.is_empty()
            && representatives
                .iter()
                .all(|name| SAMPLE_REPRESENTATIVES.contains(&name.as_str())),
        "the sample's representatives are on Today: {representatives:?}"
    );
    assert!(data.path().join("sample.sqlite3").exists());
    app.screenshot("sample-today").await;

    // A representative's profile, with the banner still there.
    app.find_css("[data-testid=reminder-representative]")
        .await
        .click()
        .await
        .unwrap();
    app.find("profile-view").await;
    let name = app.text_of("profile-name").await;
    assert_eq!(name, representatives[0]);
    assert!(app
        .text_of("profile-timeline")
        .await
        .contains("We talked about"));
    assert_eq!(app.text_of("sample-banner-text").await, BANNER);
    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Jane Smith").await;
    app.find("sample-banner").await;

    // Back to our own record: the first-run form, then an empty record of our own.
    app.click("sample-leave").await;
    app.find("setup-form").await;
    assert!(
        app.is_present("setup-try-sample").await,
        "the choice is still there"
    );
    assert!(!app.is_present("sample-banner").await);
    assert!(
        !data.path().join("sample.sqlite3").exists(),
        "the sample is put away"
    );
    app.fill("organisation_name", "Northfield Big Local").await;
    app.fill("member_name", "Amira Khan").await;
    app.click("setup-submit").await;
    assert_eq!(app.text_of("org-name").await, "Northfield Big Local");
    assert!(!app.is_present("sample-banner").await);
    app.find("today-view").await;
    assert!(
        app.find_all("reminder").await.is_empty(),
        "nothing of the sample is on our Today"
    );
    app.click("nav-representatives").await;
    app.find("representative-empty").await;
    app.click("nav-people").await;
    app.wait_until(
        "the people list shows only Amira",
        "return [...document.querySelectorAll('[data-testid=person-name]')].map(e => e.textContent).join('|') === 'Amira Khan'",
    )
    .await;
    app.quit().await;

    // Our own record holds nothing of the sample.
    let store = crate::harness::open_store(data.path());
    assert!(store.list_representatives().unwrap().is_empty());
    let people: Vec<_> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    assert_eq!(people, ["Amira Khan"]);
    assert_eq!(store.agenda().unwrap().due_now().count(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_while_exploring_the_sample_rapport_starts_again_at_the_first_run_screen() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;
    // Reached and chosen from the keyboard: Tab from the last field passes "Start using
    // Rapport", then lands on the sample.
    app.send_keys("field-member_name", TAB).await;
    app.wait_for_focus("setup-submit").await;
    app.type_here(TAB).await;
    app.wait_for_focus("setup-try-sample").await;
    app.type_here(ENTER).await;
    app.find("sample-banner").await;
    app.quit().await;

    let app = App::start(data.path()).await;
    app.find("setup-form").await;
    assert!(!app.is_present("sample-banner").await);
    assert!(
        !data.path().join("sample.sqlite3").exists(),
        "the sample left from last time is removed"
    );
    // The choice is still there, and makes a fresh sample.
    app.click("setup-try-sample").await;
    app.find("sample-banner").await;
    app.find("reminder").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sample_that_cannot_be_made_is_explained_and_the_first_run_form_still_works() {
    let data = tempfile::tempdir().unwrap();
    // Something in the way that Rapport cannot remove: a folder where the sample goes.
    std::fs::create_dir(data.path().join("sample.sqlite3")).unwrap();
    let app = App::start(data.path()).await;
    app.click("setup-try-sample").await;
    app.wait_until(
        "the problem is shown",
        "const m = document.querySelector('.setup-card .form-message'); return m && !m.hidden",
    )
    .await;
    let message = app.text_of("setup-form").await;
    assert!(
        message.contains(
            "Rapport could not make the sample data, so you are still on your own (empty) record."
        ),
        "{message}"
    );
    assert!(!app.is_present("sample-banner").await);
    app.wait_for_prop("setup-try-sample", "disabled", "false")
        .await;
    assert_eq!(
        app.text_of("setup-try-sample").await,
        "Try it with sample data first"
    );

    app.fill("organisation_name", "Northfield Big Local").await;
    app.fill("member_name", "Amira Khan").await;
    app.click("setup-submit").await;
    assert_eq!(app.text_of("org-name").await, "Northfield Big Local");
    app.quit().await;
}
