//! Public data against fixtures in the real shapes of postcodes.io and the UK Parliament
//! Members API, served on 127.0.0.1 through the real HTTP client: every path gives the right
//! result or a plain message, and nothing reaches the internet.

use std::net::TcpListener;
use std::time::Duration;

use rapport_core::domain::{RepresentativeKind, SetupInput};
use rapport_core::public::PublicData;
use rapport_core::{Clock, Store};
use rapport_net::HttpFetch;

mod members;
#[path = "../fixtures/parliament.rs"]
mod parliament;

use parliament::*;

fn seat(name: &str, member: &str) -> String {
    seat_search(name, member)
}

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
        (SEARCH, ok(&seat("Birmingham Northfield", &turner()))),
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
    let server = Server::start(vec![("/postcodes/ZZ1%201ZZ", status(404, POSTCODE_404))]);
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
        (SEARCH, ok(&seat("Edinburgh South West", &turner()))),
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
                (200, vec![], seat("Birmingham Northfield", &turner())),
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
