use crate::harness::{set_up_data_dir, App};

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
