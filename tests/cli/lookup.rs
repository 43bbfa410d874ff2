//! `rapport-cli lookup POSTCODE`: the wiring to the services (the services themselves are
//! tested against fixtures in tests/public). Nothing here reaches the internet.

use std::net::TcpListener;
use std::process::Command;

use tempfile::TempDir;

use super::parliament::*;
use super::{init, stderr, stdout, FIXED_NOW};

/// Runs rapport-cli with the services at `base`; returns (succeeded, stdout, stderr).
fn against(data: &TempDir, base: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .arg("--data-dir")
        .arg(data.path())
        .args(args)
        .env("RAPPORT_POSTCODES_URL", base)
        .env("RAPPORT_MEMBERS_URL", base)
        .env("RAPPORT_FIXED_NOW", FIXED_NOW)
        .output()
        .unwrap();
    (output.status.success(), stdout(&output), stderr(&output))
}

#[test]
fn refresh_prints_what_differs_and_writes_it_only_with_apply() {
    let data = TempDir::new().unwrap();
    init(data.path());
    let turner = turner();
    let server = Server::start(vec![
        ("/postcodes/B31%202AB".to_owned(), ok(POSTCODE_B31)),
        (
            SEARCH.to_owned(),
            ok(&seat_search("Birmingham Northfield", &turner)),
        ),
        ("/api/Members/5123".to_owned(), ok(&member_reply(&turner))),
        (
            "/api/Members/5123/Contact".to_owned(),
            ok(&contact_reply(&[])),
        ),
        (
            "/api/Members/5123/Biography".to_owned(),
            ok(&biography_reply(&[], &[], &[])),
        ),
    ]);
    let (added, out, err) = against(&data, &server.base, &["lookup", "B31 2AB", "--add"]);
    assert!(added, "{err}");
    assert!(
        out.contains(
            "Added Laurence Turner to your representatives, with their posts and contact details."
        ),
        "{out}"
    );
    let (_, out, _) = against(&data, &server.base, &["refresh", "Laurence Turner"]);
    assert!(
        out.starts_with("Laurence Turner: Parliament's record matches yours."),
        "{out}"
    );

    // Later Parliament lists a committee place and a website.
    server.route(
        "/api/Members/5123/Contact",
        ok(&contact_reply(&[web_entry(
            "Website",
            "https://www.example.org",
        )])),
    );
    server.route(
        "/api/Members/5123/Biography",
        ok(&biography_reply(
            &[],
            &[],
            &[("Transport Committee", "2024-10-21", None)],
        )),
    );
    let (differs, out, err) = against(&data, &server.base, &["refresh", "Laurence Turner"]);
    assert!(differs, "{err}");
    assert_eq!(
        out,
        "Laurence Turner: Parliament's record differs:\n  \
         Committee: — → Transport Committee, since 21 October 2024\n  \
         Website: — → https://www.example.org\n\
         Nothing was changed. Run again with --apply to make these changes.\n\
         Contains Parliamentary information licensed under the Open Parliament Licence v3.0.\n"
    );
    let (ok, out, _) = against(
        &data,
        &server.base,
        &["refresh", "Laurence Turner", "--apply"],
    );
    assert!(
        ok && out.starts_with("Laurence Turner: changed from Parliament's record:"),
        "{out}"
    );
    let (_, out, _) = against(&data, &server.base, &["refresh", "Laurence Turner"]);
    assert!(
        out.starts_with("Laurence Turner: Parliament's record matches yours."),
        "{out}"
    );
}

#[test]
fn import_mps_adds_every_current_mp_or_nothing() {
    let data = TempDir::new().unwrap();
    init(data.path());
    let empty = Server::start(members_pages(&[], 0));
    let (ok, _, err) = against(&data, &empty.base, &["import-mps"]);
    assert!(!ok);
    assert!(err.contains("dissolved for a general election"), "{err}");

    let full = Server::start(members_pages(&current_mps(650), 650));
    let (ok, out, err) = against(&data, &full.base, &["import-mps"]);
    assert!(ok, "{err}");
    assert!(err.contains("Fetched 650 of 650 MPs"), "{err}");
    assert!(
        out.starts_with("Imported 650 current MPs: 650 added, 0 linked to a record you had typed, 0 updated, 0 now former MPs.\n"),
        "{out}"
    );
}

#[test]
fn a_bad_postcode_or_no_network_is_explained() {
    let data = TempDir::new().unwrap();
    init(data.path());
    // A local port nothing listens on stands in for the services: as good as offline.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let run = |postcode: &str| {
        Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["lookup", postcode])
            .env("RAPPORT_POSTCODES_URL", &base)
            .env("RAPPORT_MEMBERS_URL", &base)
            .output()
            .unwrap()
    };
    let output = run("B31 2AB");
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        "rapport-cli: Rapport could not reach postcodes.io. Check this computer is online, then try again.\n"
    );
    let output = run("hello");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not a UK postcode"),
        "{}",
        stderr(&output)
    );
}
