//! Public data against fixtures in the real shapes of postcodes.io and the UK Parliament
//! Members API, served on 127.0.0.1 through the real HTTP client: every path gives the right
//! result or a plain message, and nothing reaches the internet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rapport_core::domain::{RepresentativeKind, SetupInput};
use rapport_core::public::PublicData;
use rapport_core::{Clock, Store};
use rapport_net::HttpFetch;

/// One canned answer: status, extra headers, body.
type Answer = (u16, Vec<(&'static str, String)>, String);

/// A tiny HTTP server answering GETs from a table of path → answers (each used in turn, the
/// last repeated), counting requests. "hang" as a body holds the connection without answering.
struct Server {
    base: String,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(routes: Vec<(&'static str, Vec<Answer>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let table: Arc<Mutex<HashMap<&'static str, Vec<Answer>>>> =
            Arc::new(Mutex::new(routes.into_iter().collect()));
        let seen = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let table = table.clone();
                let seen = seen.clone();
                std::thread::spawn(move || answer(stream, &table, &seen));
            }
        });
        Server { base, hits }
    }

    fn hits(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

fn answer(
    mut stream: TcpStream,
    table: &Mutex<HashMap<&'static str, Vec<Answer>>>,
    seen: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    reader.read_line(&mut request).unwrap();
    let target = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut header = String::new();
    let mut agent = String::new();
    while reader.read_line(&mut header).unwrap_or(0) > 2 {
        if header.to_lowercase().starts_with("user-agent:") {
            agent = header.trim().to_owned();
        }
        header.clear();
    }
    seen.lock().unwrap().push(format!("{target} {agent}"));
    let path = target.split('?').next().unwrap_or("").to_owned();
    let (status, headers, body) = {
        let mut table = table.lock().unwrap();
        match table.get_mut(path.as_str()) {
            Some(answers) if answers.len() > 1 => answers.remove(0),
            Some(answers) => answers[0].clone(),
            None => (
                404,
                vec![],
                "{\"status\":404,\"error\":\"Not found\"}".to_owned(),
            ),
        }
    };
    if body == "hang" {
        std::thread::sleep(Duration::from_secs(5));
        return;
    }
    let mut response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&body);
    let _ = stream.write_all(response.as_bytes());
}

fn ok(body: &str) -> Vec<Answer> {
    vec![(200, vec![], body.to_owned())]
}

const POSTCODE_B31: &str = r#"{"status":200,"result":{"postcode":"B31 2AB","quality":1,"country":"England","region":"West Midlands","parliamentary_constituency":"Birmingham Northfield","parliamentary_constituency_2024":"Birmingham Northfield","admin_district":"Birmingham","codes":{"admin_district":"E08000025","parliamentary_constituency":"E14001100","parliamentary_constituency_2024":"E14001100"}}}"#;
const POSTCODE_404: &str = r#"{"status":404,"error":"Postcode not found"}"#;
const POSTCODE_EH1: &str = r#"{"status":200,"result":{"postcode":"EH1 1YZ","country":"Scotland","parliamentary_constituency_2024":"Edinburgh South West","codes":{"parliamentary_constituency_2024":"S14000110"}}}"#;
const SCOTLAND_EH1: &str = r#"{"status":200,"result":{"postcode":"EH1 1YZ","scottish_parliamentary_constituency":"Edinburgh Central","codes":{"scottish_parliamentary_constituency":"S16000104"}}}"#;

fn seat(name: &str, member: &str) -> String {
    format!(
        r#"{{"items":[{{"value":{{"id":4394,"name":"{name}","startDate":"2024-07-04T00:00:00","endDate":null,"currentRepresentation":{member},"ongoingByElection":null}},"links":[]}},{{"value":{{"id":1200,"name":"{name} (old)","startDate":"2010-05-06T00:00:00","endDate":"2024-05-30T00:00:00","currentRepresentation":null}},"links":[]}}],"totalResults":2,"resultContext":"{name}","skip":0,"take":20}}"#
    )
}

const TURNER: &str = r#"{"member":{"value":{"id":5123,"nameListAs":"Turner, Laurence","nameDisplayAs":"Laurence Turner","nameFullTitle":"Laurence Turner MP","nameAddressAs":null,"latestParty":{"id":15,"name":"Labour","abbreviation":"Lab","backgroundColour":"d50000","foregroundColour":"ffffff","isLordsMainParty":false,"isLordsSpiritualParty":false,"governmentType":1,"isIndependentParty":false},"gender":"M","latestHouseMembership":{"membershipFrom":"Birmingham Northfield","membershipFromId":4394,"house":1,"membershipStartDate":"2024-07-04T00:00:00","membershipEndDate":null,"membershipEndReason":null,"membershipStatus":{"statusIsActive":true,"statusDescription":"Current Member"}},"thumbnailUrl":"https://members-api.parliament.uk/api/Members/5123/Thumbnail"},"links":[]},"representation":{"membershipStartDate":"2024-07-04T00:00:00"}}"#;

const SEARCH: &str = "/api/Location/Constituency/Search";

/// The services at the fixture server, with a short timeout and no real waiting.
fn public(server: &Server, _: &HttpFetch) -> PublicData<'static> {
    let fetch: &'static HttpFetch = Box::leak(Box::new(HttpFetch::with_timeout(
        Duration::from_millis(800),
    )));
    let mut data = PublicData::new(fetch);
    data.postcodes_base = server.base.clone();
    data.members_base = server.base.clone();
    data.pause = |_| {};
    data
}

#[test]
fn a_postcode_finds_its_constituency_and_mp_who_is_added_once() {
    let server = Server::start(vec![
        ("/postcodes/B31%202AB", ok(POSTCODE_B31)),
        (SEARCH, ok(&seat("Birmingham Northfield", TURNER))),
    ]);
    let found = public(&server, &HttpFetch::new())
        .lookup(" b312ab ")
        .unwrap();
    assert_eq!(found.postcode, "B31 2AB");
    assert_eq!(found.constituency, "Birmingham Northfield");
    assert_eq!(found.constituency_code.as_deref(), Some("E14001100"));
    assert_eq!(found.scottish_constituency, None);
    let member = found.member.clone().unwrap();
    assert_eq!(member.id, 5123);
    assert_eq!(member.name, "Laurence Turner");
    assert_eq!(member.party.as_deref(), Some("Labour"));
    assert_eq!(member.since.as_deref(), Some("2024-07-04"));
    assert!(found
        .credits
        .iter()
        .any(|c| c.contains("Open Parliament Licence v3.0")));
    let hits = server.hits();
    assert!(hits[1]
        .starts_with("/api/Location/Constituency/Search?searchText=Birmingham%20Northfield&"));
    assert!(
        hits.iter()
            .all(|h| h.to_lowercase().contains("user-agent: rapport/")),
        "{hits:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str("2026-11-24T09:00:00Z").unwrap());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    let outcome = store.add_member(&member).unwrap();
    assert!(outcome.added);
    let added = outcome.representative;
    assert_eq!(added.kind, RepresentativeKind::Mp);
    assert_eq!(added.parliament_member_id, Some(5123));
    assert_eq!(added.seat.as_ref().unwrap().name, "Birmingham Northfield");
    let again = store.add_member(&member).unwrap();
    assert!(!again.added);
    assert_eq!(
        again.representative.id, added.id,
        "the same MP is not added twice"
    );
    assert_eq!(store.list_representatives().unwrap().len(), 1);
}

#[test]
fn an_unknown_or_mistyped_postcode_is_explained() {
    let server = Server::start(vec![(
        "/postcodes/ZZ1%201ZZ",
        vec![(404, vec![], POSTCODE_404.into())],
    )]);
    let data = public(&server, &HttpFetch::new());
    let err = data.lookup("B99 9ZZ").unwrap_err();
    assert_eq!(err.field(), Some("postcode"));
    assert_eq!(
        err.to_string(),
        "postcodes.io does not know the postcode B99 9ZZ. Check it, or try a neighbour's."
    );
    let err = data.lookup("not a postcode").unwrap_err();
    assert_eq!(err.field(), Some("postcode"));
    assert_eq!(server.hits().len(), 1, "a malformed postcode is never sent");
}

#[test]
fn a_scottish_postcode_also_names_its_holyrood_constituency() {
    let server = Server::start(vec![
        ("/postcodes/EH1%201YZ", ok(POSTCODE_EH1)),
        ("/scotland/postcodes/EH1%201YZ", ok(SCOTLAND_EH1)),
        (SEARCH, ok(&seat("Edinburgh South West", TURNER))),
    ]);
    let found = public(&server, &HttpFetch::new())
        .lookup("EH1 1YZ")
        .unwrap();
    assert_eq!(found.constituency, "Edinburgh South West");
    assert_eq!(
        found.scottish_constituency.as_deref(),
        Some("Edinburgh Central")
    );
}

#[test]
fn a_vacant_seat_or_no_match_is_said_plainly() {
    let server = Server::start(vec![
        ("/postcodes/B31%202AB", ok(POSTCODE_B31)),
        (
            SEARCH,
            vec![
                (200, vec![], seat("Birmingham Northfield", "null")),
                (
                    200,
                    vec![],
                    r#"{"items":[],"totalResults":0,"skip":0,"take":20}"#.into(),
                ),
            ],
        ),
    ]);
    let data = public(&server, &HttpFetch::new());
    let vacant = data.lookup("B31 2AB").unwrap();
    assert_eq!(vacant.member, None);
    let err = data.lookup("B31 2AB").unwrap_err();
    assert_eq!(
        err.to_string(),
        "The UK Parliament Members API has no current constituency called Birmingham Northfield."
    );
}

#[test]
fn a_429_is_waited_out_once_then_reported_as_busy() {
    let busy = (429, vec![("Retry-After", "1".to_owned())], "{}".to_owned());
    let server = Server::start(vec![
        ("/postcodes/B31%202AB", ok(POSTCODE_B31)),
        (
            SEARCH,
            vec![
                busy.clone(),
                (200, vec![], seat("Birmingham Northfield", TURNER)),
            ],
        ),
    ]);
    let found = public(&server, &HttpFetch::new())
        .lookup("B31 2AB")
        .unwrap();
    assert!(found.member.is_some(), "answered after one wait");

    let server = Server::start(vec![("/postcodes/B31%202AB", vec![busy])]);
    let err = public(&server, &HttpFetch::new())
        .lookup("B31 2AB")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Postcodes.io is busy. Try again in a minute."
    );
    assert_eq!(server.hits().len(), 2);
}

#[test]
fn a_server_that_does_not_answer_or_cannot_be_reached_is_explained() {
    let server = Server::start(vec![(
        "/postcodes/B31%202AB",
        vec![(200, vec![], "hang".into())],
    )]);
    let err = public(&server, &HttpFetch::new())
        .lookup("B31 2AB")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Postcodes.io took too long to answer. Try again in a minute."
    );

    // A port nothing listens on: as good as offline.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let fetch = HttpFetch::with_timeout(Duration::from_millis(800));
    let mut data = PublicData::new(&fetch);
    data.postcodes_base = base;
    let err = data.lookup("B31 2AB").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Rapport could not reach postcodes.io. Check this computer is online, then try again."
    );
}

#[test]
fn an_answer_in_an_unknown_shape_changes_nothing_and_says_so() {
    let server = Server::start(vec![(
        "/postcodes/B31%202AB",
        ok("<html>maintenance</html>"),
    )]);
    let err = public(&server, &HttpFetch::new())
        .lookup("B31 2AB")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Postcodes.io sent an answer Rapport does not understand. Nothing was changed."
    );
}
