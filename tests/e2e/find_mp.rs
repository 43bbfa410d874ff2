//! "Find my MP by postcode" on the Representatives screen, against a tiny fixture server on
//! 127.0.0.1 answering in the real shapes of postcodes.io and the UK Parliament Members API
//! (the app is pointed at it by RAPPORT_POSTCODES_URL and RAPPORT_MEMBERS_URL, so nothing
//! reaches the internet): a postcode finds its constituency and MP with the data's credits, the
//! MP is added in one click and listed with their seat; an unknown postcode is said beside the
//! box and a failing service above it, the typed postcode kept each time.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::harness::{set_up_data_dir, App, NOW};

const TOAST: Duration = Duration::from_secs(15);

/// Fixtures as in `tests/public/main.rs`.
const POSTCODE_B31: &str = r#"{"status":200,"result":{"postcode":"B31 2AB","quality":1,"country":"England","region":"West Midlands","parliamentary_constituency":"Birmingham Northfield","parliamentary_constituency_2024":"Birmingham Northfield","admin_district":"Birmingham","codes":{"admin_district":"E08000025","parliamentary_constituency":"E14001100","parliamentary_constituency_2024":"E14001100"}}}"#;
const POSTCODE_404: &str = r#"{"status":404,"error":"Postcode not found"}"#;
const TURNER: &str = r#"{"member":{"value":{"id":5123,"nameListAs":"Turner, Laurence","nameDisplayAs":"Laurence Turner","nameFullTitle":"Laurence Turner MP","nameAddressAs":null,"latestParty":{"id":15,"name":"Labour","abbreviation":"Lab","backgroundColour":"d50000","foregroundColour":"ffffff","isLordsMainParty":false,"isLordsSpiritualParty":false,"governmentType":1,"isIndependentParty":false},"gender":"M","latestHouseMembership":{"membershipFrom":"Birmingham Northfield","membershipFromId":4394,"house":1,"membershipStartDate":"2024-07-04T00:00:00","membershipEndDate":null,"membershipEndReason":null,"membershipStatus":{"statusIsActive":true,"statusDescription":"Current Member"}},"thumbnailUrl":"https://members-api.parliament.uk/api/Members/5123/Thumbnail"},"links":[]},"representation":{"membershipStartDate":"2024-07-04T00:00:00"}}"#;

fn seat(name: &str, member: &str) -> String {
    format!(
        r#"{{"items":[{{"value":{{"id":4394,"name":"{name}","startDate":"2024-07-04T00:00:00","endDate":null,"currentRepresentation":{member},"ongoingByElection":null}},"links":[]}},{{"value":{{"id":1200,"name":"{name} (old)","startDate":"2010-05-06T00:00:00","endDate":"2024-05-30T00:00:00","currentRepresentation":null}},"links":[]}}],"totalResults":2,"resultContext":"{name}","skip":0,"take":20}}"#
    )
}

/// A tiny HTTP server answering GETs by path (the query left off) from a fixed table; any other
/// path is a 404. Its thread lives as long as the test process.
fn serve(routes: Vec<(&'static str, u16, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let table: Arc<HashMap<&'static str, (u16, String)>> = Arc::new(
        routes
            .into_iter()
            .map(|(path, status, body)| (path, (status, body)))
            .collect(),
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let table = table.clone();
            std::thread::spawn(move || answer(stream, &table));
        }
    });
    base
}

fn answer(mut stream: TcpStream, table: &HashMap<&'static str, (u16, String)>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).unwrap_or(0) > 2 {
        header.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("");
    let (status, body) = table
        .get(path)
        .cloned()
        .unwrap_or((404, r#"{"status":404,"error":"Not found"}"#.to_owned()));
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=find-mp-dialog]')?.open")
        .await
        == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postcode_finds_the_mp_who_is_added_in_one_click_and_an_unknown_postcode_is_said_beside_the_box(
) {
    let base = serve(vec![
        ("/postcodes/B31%202AB", 200, POSTCODE_B31.to_owned()),
        ("/postcodes/B99%209ZZ", 404, POSTCODE_404.to_owned()),
        ("/postcodes/B30%203HX", 500, "oops".to_owned()),
        (
            "/api/Location/Constituency/Search",
            200,
            seat("Birmingham Northfield", TURNER),
        ),
    ]);
    let data = set_up_data_dir();
    let base_os = OsStr::new(&base);
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
    app.wait_for_toast("Added Laurence Turner.", TOAST).await;
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
    app.quit().await;
}
