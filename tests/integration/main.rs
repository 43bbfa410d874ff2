//! Integration tests over rapport-core's public API, each on its own temporary database.
//! One binary; its modules mirror `src/`.

mod backup;
mod crash;
mod csv;
mod demo;
mod interchange;
mod letters;
mod lists;
mod logging;
mod reminders;
mod search;
mod storage;
mod story;

use rapport_core::domain::SetupInput;
use rapport_core::{Clock, Store};

pub const NOW: &str = "2026-11-24T09:00:00Z";

pub fn clock() -> Clock {
    Clock::fixed_from_str(NOW).unwrap()
}

/// A store in a fresh temporary folder, set up for Northfield Big Local as Amira Khan.
pub fn set_up_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(clock());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    (dir, store)
}
