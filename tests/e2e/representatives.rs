use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};

use crate::harness::{open_store, set_up_data_dir, App};

/// The foundation's first story: first run, add a representative, restart, still there.
#[tokio::test(flavor = "multi_thread")]
async fn first_run_then_a_representative_added_through_the_form_survives_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;

    app.find("setup-form").await;
    app.screenshot("first-run").await;
    app.fill("organisation_name", "Northfield Big Local").await;
    app.fill("member_name", "Amira Khan").await;
    app.click("setup-submit").await;
    assert_eq!(app.text_of("org-name").await, "Northfield Big Local");
    // Today follows the app's clock: 24 November 2026, 9am in London.
    assert_eq!(app.text_of("today-date").await, "24 November 2026");
    assert!(app.text_of("member-name").await.contains("Amira Khan"));

    app.click("nav-representatives").await;
    app.find("representative-empty").await;
    app.click("representative-add").await;
    app.fill("full_name", "Jane Smith").await;
    app.fill("party", "Labour").await;
    app.fill("seat_name", "Birmingham Northfield").await;
    app.pick("primary_contact_id", "amira").await;
    app.click("representative-save").await;
    app.wait_for_text("representative-name", "Jane Smith").await;
    app.screenshot("representatives").await;
    app.quit().await;

    let app = App::start(data.path()).await;
    assert!(
        !app.is_present("setup-form").await,
        "set-up is asked only once"
    );
    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Jane Smith").await;
    let row = app.texts("representative-row").await.join("\n");
    assert!(
        row.contains("Labour")
            && row.contains("Birmingham Northfield")
            && row.contains("Amira Khan"),
        "{row}"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn saving_a_representative_with_an_empty_name_shows_why_beside_the_field_and_keeps_what_was_typed(
) {
    let data = set_up_data_dir();
    let app = App::start(data.path()).await;
    app.click("nav-representatives").await;
    app.click("representative-add").await;
    app.fill("party", "Green").await;
    app.fill("seat_name", "Bristol Central").await;
    app.fill("notes", "Met at the <b>summer fair</b>").await;
    app.click("representative-save").await;

    let message = app.text_of("error-full_name").await;
    assert!(
        message.contains("Enter the representative's full name"),
        "{message}"
    );
    let invalid = app
        .find("field-full_name")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    assert_eq!(app.value_of("party").await, "Green");
    assert_eq!(app.value_of("seat_name").await, "Bristol Central");
    assert_eq!(app.value_of("notes").await, "Met at the <b>summer fair</b>");
    assert!(
        app.find_all("representative-row").await.is_empty(),
        "nothing was saved"
    );
    app.screenshot("representative-empty-name").await;

    // Fixing the one field saves everything that was typed.
    app.fill("full_name", "Carla Denyer").await;
    app.click("representative-save").await;
    app.wait_for_text("representative-name", "Carla Denyer")
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_representative_is_edited_then_deleted_and_brought_back_with_undo() {
    let data = set_up_data_dir();
    let app = App::start(data.path()).await;
    app.click("nav-representatives").await;
    app.click("representative-add").await;
    app.fill("full_name", "Tom Reid").await;
    app.choose("kind", "Councillor").await;
    app.click("representative-save").await;
    app.wait_for_text("representative-name", "Tom Reid").await;

    // The name opens the profile; "Edit" beside it, the editor.
    app.click("representative-name").await;
    app.wait_for_text("profile-name", "Tom Reid").await;
    app.click("profile-back").await;
    // The list is drawn again once it has loaded; click whichever "Edit" is there then.
    app.find("representative-edit").await;
    app.run("document.querySelector('[data-testid=representative-edit]').click(); return true;")
        .await;
    assert_eq!(app.value_of("full_name").await, "Tom Reid");
    app.fill("party", "Liberal Democrat").await;
    app.fill("seat_name", "Weoley and Selly Oak").await;
    app.click("representative-save").await;
    app.wait_until("the edit shows in the list", "return [...document.querySelectorAll('[data-testid=representative-row]')].some(r => r.textContent.includes('Liberal Democrat') && r.textContent.includes('Weoley and Selly Oak'))").await;

    app.click("representative-edit").await;
    assert_eq!(app.value_of("party").await, "Liberal Democrat");
    app.click("representative-delete").await;
    app.find("representative-empty").await;
    let toasts = app.texts("toast").await;
    assert!(
        toasts.iter().any(|t| t.contains("Deleted Tom Reid")),
        "{toasts:?}"
    );
    app.click("toast-action").await;
    app.wait_for_text("representative-name", "Tom Reid").await;
    app.quit().await;
}

/// "Our primary contact" is found by typing, the core searching everyone on record (here far
/// more than a page), and saved as before; editing again shows who was chosen.
#[tokio::test(flavor = "multi_thread")]
async fn the_primary_contact_is_found_by_typing_among_hundreds_of_people_and_saved() {
    let data = set_up_data_dir();
    let (sian, jane) = {
        let mut store = open_store(data.path());
        for n in 0..250 {
            store
                .save_person(&PersonInput::named(
                    &format!("Person {n:03}"),
                    PersonKind::Volunteer,
                ))
                .unwrap();
        }
        let mut sian = PersonInput::named("Siân Williams", PersonKind::Member);
        sian.role_title = Some("Chair".into());
        let sian = store.save_person(&sian).unwrap();
        let mut jane = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
        jane.party = Some("Labour".into());
        jane.seat_name = Some("Birmingham Northfield".into());
        (sian, store.save_representative(&jane).unwrap())
    };

    let app = App::start(data.path()).await;
    app.click("nav-representatives").await;
    app.wait_for_text("representative-name", "Jane Smith").await;
    app.click("representative-edit").await;
    assert_eq!(app.value_of("full_name").await, "Jane Smith");
    assert!(app.find_all("chip").await.is_empty(), "no one chosen yet");

    // A few letters, and the core lists who matches; the list shows their kind and role.
    app.send_keys("picker-primary_contact_id", "person 1").await;
    app.wait_until(
        "the core's matches are listed",
        "return document.querySelectorAll('[data-testid=picker-option]').length === 8",
    )
    .await;
    app.screenshot("representative-primary-contact-picker")
        .await;
    app.run("const f = document.querySelector('[data-testid=picker-primary_contact_id]'); f.value = ''; f.dispatchEvent(new Event('input')); return true;").await;

    app.pick("primary_contact_id", "sian chair").await;
    assert_eq!(chips(&app).await, ["Siân Williams"]);
    app.click("representative-save").await;
    app.wait_until(
        "the row shows the primary contact",
        "return [...document.querySelectorAll('[data-testid=representative-row]')].some(r => r.textContent.includes('Siân Williams'))",
    )
    .await;
    let store = open_store(data.path());
    assert_eq!(
        store.representative(jane.id).unwrap().primary_contact_id,
        Some(sian.id)
    );

    // Editing again shows her; removing her saves no one.
    app.click("representative-edit").await;
    app.wait_until(
        "her name is on the chip",
        "return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent).join() === 'Siân Williams'",
    )
    .await;
    app.screenshot("representative-primary-contact-chosen")
        .await;
    app.click("chip-remove").await;
    app.click("representative-save").await;
    app.wait_until(
        "the row no longer shows a primary contact",
        "return [...document.querySelectorAll('[data-testid=representative-row]')].every(r => !r.textContent.includes('Siân Williams'))",
    )
    .await;
    assert_eq!(
        open_store(data.path())
            .representative(jane.id)
            .unwrap()
            .primary_contact_id,
        None
    );
    app.quit().await;
}

/// The names on the chosen chips (read from the page: WebDriver reads a chip's text as empty).
async fn chips(app: &App) -> Vec<String> {
    serde_json::from_value(
        app.run("return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent)")
            .await,
    )
    .unwrap()
}
