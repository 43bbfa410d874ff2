//! Crash safety: a writer process saves records one transaction at a time and says each one it
//! has committed; it is killed with SIGKILL at a random moment, twenty times over. Every write
//! it reported must be there afterwards, nothing half-written, and the file must pass
//! `PRAGMA integrity_check`.
//!
//! The writer is this test binary run again with `RAPPORT_CRASH_WRITER` naming its folder, so
//! the harness needs no other program.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rapport_core::domain::{PersonInput, PersonKind, SetupInput};
use rapport_core::{Clock, Store};

const TRIALS: u64 = 20;

/// The writer: runs only when the harness starts it.
#[test]
fn crash_writer() {
    let Some(dir) = std::env::var_os("RAPPORT_CRASH_WRITER") else {
        return;
    };
    let db = Path::new(&dir).join("rapport.sqlite3");
    let mut store = Store::open(&db)
        .unwrap()
        .with_clock(Clock::fixed_from_str(crate::NOW).unwrap());
    if store.setup_status().unwrap().member.is_none() {
        store
            .set_up(&SetupInput {
                organisation_name: Some("Crash test".into()),
                member_name: Some("Writer".into()),
            })
            .unwrap();
    }
    let start: usize = std::env::var("RAPPORT_CRASH_FROM")
        .unwrap()
        .parse()
        .unwrap();
    for n in start.. {
        let mut person = PersonInput::named(&format!("Committed {n}"), PersonKind::Member);
        person.notes = Some("x".repeat(2_000)); // enough to span pages
        store.save_person(&person).unwrap();
        println!("committed {n}");
    }
}

/// A small deterministic generator (xorshift64*), so the kill times repeat run to run.
fn dice(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn no_committed_write_is_lost_when_the_writer_is_killed() {
    if std::env::var_os("RAPPORT_CRASH_WRITER").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rapport.sqlite3");
    let mut reported: Vec<usize> = Vec::new();
    let mut roll = dice(2026);
    let mut lost_trials = 0;
    for trial in 0..TRIALS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("RAPPORT_CRASH_WRITER", dir.path())
            .env("RAPPORT_CRASH_FROM", (trial * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines, heard) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("committed ") {
                    let _ = lines.send(n.parse::<usize>().unwrap());
                }
            }
        });
        // Wait for the first commit, then kill it at a random moment within 250 ms.
        let first = heard
            .recv_timeout(Duration::from_secs(30))
            .expect("the writer commits");
        let mut this_trial = vec![first];
        let deadline = Instant::now() + Duration::from_millis(roll() % 250);
        while Instant::now() < deadline {
            if let Ok(n) = heard.recv_timeout(Duration::from_millis(1)) {
                this_trial.push(n);
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        this_trial.extend(heard.try_iter());
        reported.extend(&this_trial);

        // Every reported write is there; the file is sound; nothing is half-written.
        let store = Store::open(&db).expect("the file opens after the kill");
        let names: std::collections::HashSet<String> = store
            .list_people()
            .unwrap()
            .into_iter()
            .map(|p| p.full_name)
            .collect();
        let missing = reported
            .iter()
            .filter(|n| !names.contains(&format!("Committed {n}")))
            .count();
        if missing > 0 {
            lost_trials += 1;
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "trial {trial}");
        let (people, created): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM people WHERE full_name LIKE 'Committed %'),
                        (SELECT count(*) FROM audit_log a JOIN people p ON p.id = a.subject_id
                          WHERE a.subject_table = 'people' AND a.action = 'create' AND p.full_name LIKE 'Committed %')",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            people, created,
            "trial {trial}: a person without its audit entry"
        );
    }
    assert_eq!(
        lost_trials, 0,
        "{lost_trials} of {TRIALS} trials lost a committed write"
    );
    println!(
        "crash safety: {TRIALS} of {TRIALS} trials lost no committed write ({} writes reported)",
        reported.len()
    );
}
