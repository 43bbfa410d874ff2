//! `rapport-cli lookup POSTCODE`: the wiring to the services (the services themselves are
//! tested against fixtures in tests/public). Nothing here reaches the internet.

use std::net::TcpListener;
use std::process::Command;

use tempfile::TempDir;

use super::{init, stderr};

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
