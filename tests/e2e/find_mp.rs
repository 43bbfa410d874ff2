//! "Find my MP by postcode" on the Representatives screen, against a tiny fixture server on
//! 127.0.0.1 answering in the real shapes of postcodes.io and the UK Parliament Members API
//! (the app is pointed at it by RAPPORT_POSTCODES_URL and RAPPORT_MEMBERS_URL, so nothing
//! reaches the internet): a postcode finds its constituency and MP with the data's credits, the
//! MP is added in one click and listed with their seat; an unknown postcode is said beside the
//! box and a failing service above it, the typed postcode kept each time. A vacant seat says so
//! and offers nothing to add; a Scottish postcode shows its Scottish Parliament constituency
//! too; offline, the dialog says postcodes.io could not be reached. The server is the shared
//! fixture of `tests/fixtures/parliament.rs`.

use std::ffi::OsStr;
use std::net::TcpListener;
use std::time::Duration;

use serde_json::json;

use crate::harness::{set_up_data_dir, App, NOW};
use crate::parliament::{
    biography_reply, contact_entry, contact_reply, member, member_reply, ok, seat_search, status,
    turner, Server, POSTCODE_404, POSTCODE_B31, POSTCODE_EH1, SCOTLAND_EH1, SEARCH,
};

const TOAST: Duration = Duration::from_secs(15);

/// The target of the Members API's search for the seat called `name`, as Rapport asks for it.
fn search_for(name: &str) -> String {
    format!(
        "{SEARCH}?searchText={}&skip=0&take=20",
        name.replace(' ', "%20")
    )
}

/// Whether the element with this `data-testid` is there and shown (not `hidden`).
async fn displayed(app: &App, testid: &str) -> bool {
    match app.find_all(testid).await.first() {
        Some(element) => element.is_displayed().await.unwrap_or(false),
        None => false,
    }
}

async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=find-mp-dialog]')?.open")
        .await
        == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postcode_finds_the_mp_who_is_added_in_one_click_and_an_unknown_postcode_is_said_beside_the_box(
) {
    let server = Server::start(vec![
        ("/postcodes/B31%202AB".to_owned(), ok(POSTCODE_B31)),
        ("/postcodes/B99%209ZZ".to_owned(), status(404, POSTCODE_404)),
        ("/postcodes/B30%203HX".to_owned(), status(500, "oops")),
        ("/postcodes/EH1%201YZ".to_owned(), ok(POSTCODE_EH1)),
        ("/scotland/postcodes/EH1%201YZ".to_owned(), ok(SCOTLAND_EH1)),
        // Turner's member record, so one click adds his posts and contact details too.
        ("/api/Members/5123".to_owned(), ok(&member_reply(&turner()))),
        (
            "/api/Members/5123/Contact".to_owned(),
            ok(&contact_reply(&[contact_entry(
                "Constituency office",
                &["1 Bristol Road South", "Birmingham"],
                "B31 2AB",
                "0121 000 0000",
                "office@example.org",
                true,
            )])),
        ),
        (
            "/api/Members/5123/Biography".to_owned(),
            ok(&biography_reply(
                &[],
                &[],
                &[("Transport Committee", "2024-10-21", None)],
            )),
        ),
        (
            search_for("Birmingham Northfield"),
            ok(&seat_search("Birmingham Northfield", &turner())),
        ),
        (
            search_for("Edinburgh South West"),
            ok(&seat_search(
                "Edinburgh South West",
                &member(
                    5301,
                    "Scott Arthur",
                    "Labour",
                    "Edinburgh South West",
                    "2024-07-04",
                    None,
                ),
            )),
        ),
    ]);
    let data = set_up_data_dir();
    let base_os = OsStr::new(&server.base);
    let app = App::start_with(
        data.path(),
        NOW,
        &[
            ("RAPPORT_POSTCODES_URL", base_os),
            ("RAPPORT_MEMBERS_URL", base_os),
        ],
    )
    .await;

    app.click("nav-representatives").await;
    app.find("representatives-view").await;
    app.click("representative-find-mp").await;
    app.find("find-mp-dialog").await;
    app.wait_for_focus("find-mp-postcode").await;
    let privacy = app.text_of("find-mp-privacy").await;
    assert!(
        privacy.contains("postcodes.io")
            && privacy.contains("UK Parliament")
            && privacy.contains("only now"),
        "{privacy}"
    );

    // A postcode as people type it finds the constituency, the MP and the credits.
    app.fill_testid("find-mp-postcode", "b31 2ab").await;
    app.click("find-mp-search").await;
    app.find("find-mp-result").await;
    assert_eq!(
        app.text_of("find-mp-constituency").await,
        "B31 2AB is in Birmingham Northfield"
    );
    assert_eq!(
        app.text_of("find-mp-member").await,
        "Laurence Turner, Labour, MP since 4 July 2024"
    );
    assert!(!app.is_present("find-mp-scottish").await);
    let credits = app.text_of("find-mp-credits").await;
    assert!(
        credits.contains(
            "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
        ),
        "{credits}"
    );
    assert_eq!(
        app.text_of("find-mp-add").await,
        "Add Laurence Turner to your representatives"
    );
    assert_eq!(app.prop_of("find-mp-search", "disabled").await, "false");
    // No photograph: the window loads nothing from the internet.
    assert_eq!(
        app.run("return document.querySelectorAll('[data-testid=find-mp-dialog] img').length")
            .await,
        json!(0)
    );
    app.screenshot("find-mp").await;

    // One click adds the MP; the dialog closes and the list shows them in their seat.
    app.click("find-mp-add").await;
    app.wait_for_toast(
        "Added Laurence Turner, with their posts and contact details.",
        TOAST,
    )
    .await;
    app.wait_until(
        "the dialog closes",
        "return !document.querySelector('[data-testid=find-mp-dialog]')",
    )
    .await;
    app.wait_for_text("representative-name", "Laurence Turner")
        .await;
    let rows = app.texts("representative-row").await;
    assert!(
        rows.iter()
            .any(|r| r.contains("Laurence Turner") && r.contains("Birmingham Northfield")),
        "{rows:?}"
    );
    app.wait_for_focus("representative-find-mp").await;
    assert_eq!(
        app.text_of("representatives-credit").await,
        "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
    );
    let store = crate::harness::open_store(data.path());
    let turner = store.find_representative("Laurence Turner").unwrap();
    let profile = store.representative_profile(turner.id, 5).unwrap();
    assert_eq!(
        profile.contact_channels.len(),
        3,
        "address, phone and email"
    );
    assert!(profile
        .current_offices
        .iter()
        .any(|o| o.title == "Transport Committee"));
    drop(store);

    // An unknown postcode: said beside the box, the typed text kept.
    app.click("representative-find-mp").await;
    app.find("find-mp-dialog").await;
    app.fill_testid("find-mp-postcode", "B99 9ZZ").await;
    app.click("find-mp-search").await;
    let error = app.text_of("error-postcode").await;
    assert!(
        error.contains("postcodes.io does not know the postcode B99 9ZZ"),
        "{error}"
    );
    assert_eq!(app.prop_of("find-mp-postcode", "value").await, "B99 9ZZ");
    assert_eq!(
        app.run("return document.querySelector('[data-testid=find-mp-postcode]').getAttribute('aria-invalid')")
            .await,
        json!("true")
    );
    assert!(!app.is_present("find-mp-add").await);
    assert!(
        !displayed(&app, "find-mp-result").await,
        "no empty result box"
    );
    assert!(dialog_open(&app).await);

    // A service that fails: said above the box, the typed text kept.
    app.fill_testid("find-mp-postcode", "b30 3hx").await;
    app.click("find-mp-search").await;
    let message = app.text_of("find-mp-message").await;
    assert!(
        message.contains("answered with an error (500)"),
        "{message}"
    );
    assert_eq!(app.prop_of("find-mp-postcode", "value").await, "b30 3hx");
    assert_eq!(
        app.run("return document.querySelector('[data-testid=error-postcode]').hidden")
            .await,
        json!(true)
    );

    app.click("find-mp-close").await;
    app.wait_until(
        "the dialog closes",
        "return !document.querySelector('[data-testid=find-mp-dialog]')",
    )
    .await;
    assert_eq!(
        app.texts("representative-name").await,
        vec!["Laurence Turner"]
    );
    app.screenshot("find-mp-added").await;

    // A vacant seat (its MP has died or stood down, a by-election to come): said, and nothing
    // to add.
    server.route(
        search_for("Birmingham Northfield"),
        ok(&seat_search("Birmingham Northfield", "null")),
    );
    app.click("representative-find-mp").await;
    app.find("find-mp-dialog").await;
    app.fill_testid("find-mp-postcode", "B31 2AB").await;
    app.click("find-mp-search").await;
    app.find("find-mp-result").await;
    assert_eq!(
        app.text_of("find-mp-constituency").await,
        "B31 2AB is in Birmingham Northfield"
    );
    assert_eq!(
        app.text_of("find-mp-vacant").await,
        "The seat has no MP at present."
    );
    assert!(!app.is_present("find-mp-add").await);
    assert!(!app.is_present("find-mp-member").await);
    assert!(app
        .text_of("find-mp-credits")
        .await
        .contains("postcodes.io"));
    app.screenshot("find-mp-vacant").await;

    // A Scottish postcode: its Westminster seat and MP, and its Scottish Parliament constituency.
    app.fill_testid("find-mp-postcode", "eh1 1yz").await;
    app.click("find-mp-search").await;
    app.wait_for_text("find-mp-constituency", "EH1 1YZ is in Edinburgh South West")
        .await;
    assert_eq!(
        app.text_of("find-mp-scottish").await,
        "For the Scottish Parliament it is in Edinburgh Central."
    );
    assert_eq!(
        app.text_of("find-mp-member").await,
        "Scott Arthur, Labour, MP since 4 July 2024"
    );
    assert_eq!(
        app.text_of("find-mp-add").await,
        "Add Scott Arthur to your representatives"
    );
    assert!(!app.is_present("find-mp-vacant").await);
    app.screenshot("find-mp-scottish").await;

    app.click("find-mp-close").await;
    app.wait_until(
        "the dialog closes",
        "return !document.querySelector('[data-testid=find-mp-dialog]')",
    )
    .await;
    assert_eq!(
        app.texts("representative-name").await,
        vec!["Laurence Turner"]
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_the_dialog_says_postcodes_io_could_not_be_reached_and_keeps_the_postcode() {
    // A port nothing listens on: taken, then let go.
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let data = set_up_data_dir();
    let app = App::start_with(
        data.path(),
        NOW,
        &[
            ("RAPPORT_POSTCODES_URL", OsStr::new(&closed)),
            ("RAPPORT_MEMBERS_URL", OsStr::new(&closed)),
        ],
    )
    .await;

    app.click("nav-representatives").await;
    app.click("representative-find-mp").await;
    app.find("find-mp-dialog").await;
    app.fill_testid("find-mp-postcode", "b31 2ab").await;
    app.click("find-mp-search").await;
    let message = app.text_of("find-mp-message").await;
    assert!(
        message.contains("Rapport could not reach postcodes.io")
            && message.contains("Check this computer is online"),
        "{message}"
    );
    app.wait_for_focus("find-mp-message").await;
    assert_eq!(app.prop_of("find-mp-postcode", "value").await, "b31 2ab");
    assert_eq!(
        app.run("return document.querySelector('[data-testid=error-postcode]').hidden")
            .await,
        json!(true)
    );
    assert!(
        !displayed(&app, "find-mp-result").await,
        "no empty result box"
    );
    assert_eq!(app.prop_of("find-mp-search", "disabled").await, "false");
    assert_eq!(app.text_of("find-mp-search").await, "Find");
    assert!(dialog_open(&app).await);
    app.screenshot("find-mp-offline").await;

    app.click("find-mp-close").await;
    app.find("representative-empty").await;
    app.quit().await;
}
