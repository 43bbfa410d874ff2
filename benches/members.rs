//! How long it takes to swap in the list of every current MP (`Store::import_members`): the
//! first import of 650 MPs into an empty record, then a re-import after an election in which
//! 100 seats changed hands and 40 MPs changed party.
//!
//! Run with `cargo bench --bench members`. The network is not measured (the list is built in
//! memory); the fetch itself is 33 pages, three at a time. Prints the median and slowest of
//! 10 runs of each.

use std::time::{Duration, Instant};

use rapport_core::domain::SetupInput;
use rapport_core::public::Member;
use rapport_core::{Clock, Store};

fn members(election: bool) -> Vec<Member> {
    (0..650)
        .map(|i| {
            // After the election, seats 0..100 have a new MP; 100..140 changed party.
            let id = if election && i < 100 {
                9000 + i
            } else {
                6000 + i
            };
            Member {
                id,
                name: format!("Member {id}"),
                party: Some(
                    if election && (100..140).contains(&i) {
                        "Independent"
                    } else {
                        "Labour"
                    }
                    .into(),
                ),
                constituency: format!("Constituency {i:03}"),
                thumbnail_url: None,
                since: Some(
                    if election && i < 100 {
                        "2029-07-05"
                    } else {
                        "2024-07-04"
                    }
                    .into(),
                ),
            }
        })
        .collect()
}

fn store(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str("2029-07-10T09:00:00Z").unwrap());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Bench".into()),
            member_name: Some("Bench".into()),
        })
        .unwrap();
    store
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what}: median {:.1} ms, slowest {:.1} ms ({} runs)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
        times.len()
    );
}

fn main() {
    let (before, after) = (members(false), members(true));
    let (mut first, mut again) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let started = Instant::now();
        let summary = store.import_members(&before).unwrap();
        first.push(started.elapsed());
        assert_eq!(summary.added, 650);
        let started = Instant::now();
        let summary = store.import_members(&after).unwrap();
        again.push(started.elapsed());
        assert_eq!(
            (summary.added, summary.updated, summary.left),
            (100, 40, 100)
        );
    }
    report("First import of 650 MPs", first);
    report(
        "Re-import after an election (100 new MPs, 40 changes of party)",
        again,
    );
}
