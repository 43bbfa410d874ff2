use rapport_core::domain::{PersonInput, PersonKind};

use crate::harness::{open_store, set_up_data_dir, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_person_is_added_after_a_mistyped_postcode_is_corrected_and_their_text_shows_literally() {
    let data = set_up_data_dir();
    let app = App::start(data.path()).await;
    app.click("nav-people").await;
    app.wait_for_text("person-name", "Amira Khan").await;

    app.click("person-add").await;
    let hostile = "<img src=x onerror=\"document.body.dataset.pwned='yes'\">Dr Lena Okafor";
    app.fill("full_name", hostile).await;
    app.choose("kind", "Other contact").await;
    app.fill("organisation_name", "Bristol Road Surgery").await;
    app.fill("postcode", "B31 2XQQ").await;
    app.click("person-save").await;
    let message = app.text_of("error-postcode").await;
    assert!(message.contains("is not a UK postcode"), "{message}");
    assert_eq!(
        app.value_of("organisation_name").await,
        "Bristol Road Surgery"
    );

    app.fill("postcode", "b31 2lp").await;
    app.click("person-save").await;
    app.wait_for_text("person-name", hostile).await;
    app.wait_until(
        "no injected script ran",
        "return document.body.dataset.pwned === undefined",
    )
    .await;
    assert!(app.find_all("person-row").await.len() == 2);

    app.screenshot("people").await;
    app.quit().await;
}

/// A national programme's People list is read from the core a page at a time: the filter asks
/// the core as someone types (finding a person the page never drew, accents and all), "Show
/// more" fetches the next page, and `#people/edit/ID` opens a person who is not on the page.
#[tokio::test(flavor = "multi_thread")]
async fn the_people_list_searches_the_core_as_you_type_and_pages_through_hundreds() {
    let data = set_up_data_dir();
    let zoe = {
        let mut store = open_store(data.path());
        for n in 0..300 {
            let mut input = PersonInput::named(&format!("Person {n:03}"), PersonKind::Volunteer);
            input.role_title = Some("Driver".into());
            store.save_person(&input).unwrap();
        }
        let mut sian = PersonInput::named("Siân Williams", PersonKind::Contact);
        sian.organisation_name = Some("Northfield Surgery".into());
        store.save_person(&sian).unwrap();
        store
            .save_person(&PersonInput::named("Zoë Ångström", PersonKind::Staff))
            .unwrap()
    };

    let app = App::start(data.path()).await;
    app.click("nav-people").await;
    // Amira Khan, the 300 volunteers, Siân and Zoë: 303, of which the first 200 are drawn.
    app.wait_for_text("person-count", "200 of 303 people shown")
        .await;
    assert_eq!(app.find_all("person-row").await.len(), 200);
    let names = app.texts("person-name").await;
    assert!(
        !names.iter().any(|n| n.starts_with("Siân")),
        "beyond the first page"
    );
    assert_eq!(
        app.text_of("person-show-more").await,
        "Show 103 more of 103"
    );
    app.run("document.querySelector('[data-testid=person-show-more]').scrollIntoView({ block: 'center' }); return true;")
        .await;
    app.screenshot("people-first-page").await;

    // Typing asks the core: Siân was never drawn, and is found without her accent.
    app.fill_testid("person-filter", "sian north").await;
    app.wait_for_text("person-name", "Siân Williams").await;
    app.wait_for_text("person-count", "1 of 303 people").await;
    assert_eq!(app.find_all("person-row").await.len(), 1);
    assert!(!app.is_present("person-show-more").await);
    app.screenshot("people-filtered").await;

    // Every word, in any field: Person 029, 129, 229 and 290 to 299.
    app.fill_testid("person-filter", "DRIVER person 29").await;
    app.wait_for_text("person-count", "13 of 303 people").await;

    app.fill_testid("person-filter", "nobody by that name")
        .await;
    app.find("person-no-match").await;
    assert!(app
        .text_of("person-no-match")
        .await
        .contains("No people match “nobody by that name”."));
    assert!(!app.is_present("person-empty").await);
    app.screenshot("people-no-match").await;

    // Cleared, the first page again; "Show more" brings the rest, the focus on the first of them.
    app.run("const f = document.querySelector('[data-testid=person-filter]'); f.value = ''; f.dispatchEvent(new Event('input')); return true;").await;
    app.wait_for_text("person-show-more", "Show 103 more of 103")
        .await;
    app.run("document.querySelector('[data-testid=person-show-more]').scrollIntoView({ block: 'center' }); return true;")
        .await;
    app.click("person-show-more").await;
    app.wait_until(
        "the next 103, the focus on the first of them",
        "return document.querySelectorAll('[data-testid=person-row]').length === 303 \
           && document.activeElement === document.querySelectorAll('[data-testid=person-name]')[200]",
    )
    .await;
    assert_eq!(app.text_of("person-count").await, "303 people");
    assert!(!app.is_present("person-show-more").await);
    app.screenshot("people-all-pages").await;

    // A person not on the page opens by route, read from the core by id.
    app.fill_testid("person-filter", "person 00").await;
    app.wait_for_text("person-count", "12 of 303 people").await;
    app.run(&format!(
        "location.hash = '#people/edit/{}'; return true;",
        zoe.id
    ))
    .await;
    app.wait_until(
        "Zoë's details are open",
        "return document.querySelector('[data-testid=field-full_name]')?.value === 'Zoë Ångström'",
    )
    .await;
    app.fill("role_title", "Development worker").await;
    app.click("person-save").await;
    app.wait_for_toast("Saved Zoë Ångström.", std::time::Duration::from_secs(10))
        .await;
    let store = open_store(data.path());
    assert_eq!(
        store.person(zoe.id).unwrap().role_title.as_deref(),
        Some("Development worker")
    );
    app.quit().await;
}
