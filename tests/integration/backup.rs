//! Backups and restore: the day's automatic backup and its rotation, a backup before an
//! upgrade, backup then restore giving back exactly what was backed up, a backup taken while
//! another connection writes, and damaged or foreign files refused with nothing changed.

use std::path::Path;

use rapport_core::domain::{PersonInput, PersonKind, SetupInput};
use rapport_core::storage::backup::{self, BackupReason};
use rapport_core::{Clock, Error, Store};

use crate::set_up_store;

fn store_at(path: &Path, now: &str) -> Store {
    Store::open(path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(now).unwrap())
}

fn add_people(store: &mut Store, from: usize, to: usize) {
    for n in from..to {
        store
            .save_person(&PersonInput::named(
                &format!("Person {n}"),
                PersonKind::Member,
            ))
            .unwrap();
    }
}

#[test]
fn the_days_backup_is_taken_once_and_the_folder_keeps_to_the_rotation() {
    let (dir, store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    let first = store
        .automatic_backup()
        .unwrap()
        .expect("the first start of the day backs up");
    assert_eq!(first.reason, BackupReason::Daily);
    assert!(first.path.starts_with(dir.path().join("backups")));
    assert!(store.automatic_backup().unwrap().is_none(), "once a day");
    drop(store);

    // Forty days of starts, one a day: seven days, four weeks and the months are kept.
    for day in 1..=40 {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00Z").unwrap()
            + chrono::Duration::days(day);
        let store = store_at(&db, &at.to_rfc3339());
        assert!(store.automatic_backup().unwrap().is_some());
    }
    let left = backup::list(&db);
    assert!(left.len() <= 7 + 4 + 12, "{} backups kept", left.len());
    assert!(left.len() >= 9, "{} backups kept", left.len());
    assert_eq!(left[0].taken_at, "2027-01-03T09:00:00.000Z", "newest first");
    for b in &left {
        assert_eq!(
            backup::check_file(&b.path).unwrap(),
            rapport_core::storage::LATEST_VERSION
        );
    }
}

#[test]
fn backup_then_restore_gives_back_exactly_what_was_backed_up() {
    let (dir, mut store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    add_people(&mut store, 0, 20);
    let copy = dir.path().join("manual.sqlite3");
    store.back_up_to(&copy).unwrap();
    let at_backup = store.export().unwrap();

    add_people(&mut store, 20, 30);
    assert_ne!(store.export().unwrap(), at_backup);
    drop(store);

    let safety = backup::restore(&db, &copy, chrono::Utc::now())
        .unwrap()
        .unwrap();
    assert_eq!(safety.reason, BackupReason::BeforeRestore);
    let restored = store_at(&db, crate::NOW);
    assert_eq!(restored.export().unwrap(), at_backup);
    // What the restore replaced is kept, and can itself be restored.
    let replaced = Store::open(&safety.path).unwrap();
    assert_eq!(replaced.list_people().unwrap().len(), 31);
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_whole() {
    let (dir, mut store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    add_people(&mut store, 0, 5);
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut other = store_at(&db, crate::NOW);
            add_people(&mut other, 100, 400);
        })
    };
    let copies: Vec<_> = (0..5)
        .map(|n| {
            std::thread::sleep(std::time::Duration::from_millis(40));
            let copy = dir.path().join(format!("during-{n}.sqlite3"));
            store.back_up_to(&copy).unwrap();
            copy
        })
        .collect();
    writer.join().unwrap();
    for copy in copies {
        backup::check_file(&copy).unwrap();
        let opened = Store::open(&copy).unwrap();
        let people = opened.list_people().unwrap().len();
        // Every person in the copy has the audit entry written in the same transaction.
        let audited = opened
            .export()
            .unwrap()
            .tables
            .get("audit_log")
            .map(|rows| {
                rows.iter()
                    .filter(|r| r["subject_table"] == "people" && r["action"] == "create")
                    .count()
            })
            .unwrap();
        assert_eq!(people, audited, "{}", copy.display());
    }
}

#[test]
fn a_damaged_foreign_or_newer_file_is_not_restored_and_nothing_changes() {
    let (dir, mut store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    add_people(&mut store, 0, 3);
    let before = store.export().unwrap();
    drop(store);
    let bytes_before = std::fs::read(&db).unwrap();

    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, b"this is not a database at all, just some words").unwrap();
    let err = backup::restore(&db, &garbage, chrono::Utc::now()).unwrap_err();
    assert!(err.to_string().contains("cannot be restored"), "{err}");

    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x); PRAGMA user_version = 2;")
        .unwrap();
    let err = backup::restore(&db, &foreign, chrono::Utc::now()).unwrap_err();
    assert!(err.to_string().contains("not a Rapport database"), "{err}");

    let newer = dir.path().join("newer.sqlite3");
    std::fs::copy(&db, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let err = backup::restore(&db, &newer, chrono::Utc::now()).unwrap_err();
    assert!(
        err.to_string().contains("saved by a newer Rapport"),
        "{err}"
    );

    let missing =
        backup::restore(&db, &dir.path().join("nope.sqlite3"), chrono::Utc::now()).unwrap_err();
    assert!(
        missing.to_string().contains("there is no such file"),
        "{missing}"
    );

    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes_before,
        "the database is untouched"
    );
    assert!(
        backup::list(&db).is_empty(),
        "no safety copy either: nothing was replaced"
    );
    assert_eq!(store_at(&db, crate::NOW).export().unwrap(), before);
}

#[test]
fn a_truncated_database_is_refused_on_open_and_left_as_it_was() {
    let (dir, mut store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    add_people(&mut store, 0, 300);
    drop(store);
    let whole = std::fs::read(&db).unwrap();
    std::fs::write(&db, &whole[..whole.len() / 2]).unwrap();
    let cut = std::fs::read(&db).unwrap();
    let err = Store::open(&db).err().expect("a truncated file is refused");
    assert!(
        matches!(err, Error::Damaged { .. } | Error::NotADatabase { .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("Rapport has not written to it")
            || err.to_string().contains("Nothing was changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), cut, "not a byte written");
}

#[test]
fn an_upgrade_backs_up_the_file_as_it_was_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rapport.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    drop(store);
    // Make it a version-3 file, as an older Rapport left it.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER contacts_follow_participant;
             DROP TRIGGER contacts_follow_interaction; DROP TRIGGER thanks_follow_new_interaction;
             DROP TRIGGER thanks_follow_interaction; DROP TRIGGER thanks_follow_new_follow_up;
             DROP TRIGGER thanks_follow_follow_up; DROP TRIGGER thanks_follow_new_participant;
             DROP TRIGGER thanks_follow_participant; DROP TABLE representative_contacts;
             DROP VIEW thank_you_waiting; DROP TABLE thank_you_pending; DROP TABLE kept_state_paused; DROP INDEX asks_made;
             DROP INDEX asks_by_listing; DROP TRIGGER asks_take_time;
             DROP TRIGGER asks_follow_interaction; DROP TRIGGER asks_follow_time;
             ALTER TABLE asks DROP COLUMN listed_at;
             DROP INDEX follow_ups_open; DROP INDEX commitments_open;
             ALTER TABLE contact_channels DROP COLUMN source; PRAGMA user_version = 3;",
        )
        .unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        rapport_core::storage::LATEST_VERSION
    );
    let backups = backup::list(&db);
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeUpgrade);
    assert_eq!(
        backup::check_file(&backups[0].path).unwrap(),
        3,
        "the copy is the old file"
    );
}

#[test]
fn a_backup_restores_over_a_truncated_or_garbage_database_and_keeps_it_as_it_was() {
    for damage in ["truncated", "garbage"] {
        let (dir, mut store) = set_up_store();
        let db = dir.path().join("rapport.sqlite3");
        add_people(&mut store, 0, 200);
        let copy = dir.path().join("good.sqlite3");
        store.back_up_to(&copy).unwrap();
        let good = store.export().unwrap();
        drop(store);
        let whole = std::fs::read(&db).unwrap();
        let broken = match damage {
            "truncated" => whole[..whole.len() / 2].to_vec(),
            _ => b"hello".to_vec(),
        };
        std::fs::write(&db, &broken).unwrap();
        assert!(Store::open(&db).is_err(), "{damage}: refused on open");

        let kept = backup::restore(&db, &copy, chrono::Utc::now())
            .unwrap()
            .unwrap();
        assert_eq!(
            std::fs::read(&kept.path).unwrap(),
            broken,
            "{damage}: kept byte for byte"
        );
        assert_eq!(
            store_at(&db, crate::NOW).export().unwrap(),
            good,
            "{damage}"
        );
    }
}

#[test]
fn a_large_file_closed_cleanly_is_checked_off_the_start_up_path_and_after_a_crash_on_open() {
    let (dir, mut store) = set_up_store();
    let db = dir.path().join("rapport.sqlite3");
    add_people(&mut store, 0, 50);
    drop(store);
    // Past the size checked on every open: a national programme's file.
    let filler = rapport_core::storage::CHECK_ON_OPEN_UP_TO as i64 + (4 << 20);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE filler (b BLOB)").unwrap();
    conn.execute("INSERT INTO filler VALUES (zeroblob(?1))", [filler])
        .unwrap();
    drop(conn);
    assert!(
        !std::path::PathBuf::from(format!("{}-wal", db.display())).exists(),
        "closed cleanly"
    );

    // Sound: opened at once, with writes held until the deferred check passes.
    let mut store = Store::open(&db).unwrap();
    assert!(store.check_deferred());
    let held = store
        .save_person(&PersonInput::named("Too Soon", PersonKind::Member))
        .unwrap_err();
    assert!(matches!(held, Error::Checking), "{held}");
    assert!(
        held.to_string().contains("nothing you typed is lost"),
        "{held}"
    );
    backup::check_integrity(&db).unwrap();
    store.integrity_checked();
    store
        .save_person(&PersonInput::named("In Time", PersonKind::Member))
        .unwrap();
    drop(store);
    let mut script = Store::open(&db).unwrap();
    script.finish_check().unwrap();
    script
        .save_person(&PersonInput::named("From a script", PersonKind::Member))
        .unwrap();
    drop(script);

    // Damaged in the middle: still opened at once (the check is deferred), and the deferred
    // check finds it.
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = (bytes.len() / 2) & !4095;
    bytes[middle..middle + 4096].fill(0xFF);
    std::fs::write(&db, &bytes).unwrap();
    let mut store = Store::open(&db).unwrap();
    assert!(store.check_deferred());
    assert!(matches!(store.finish_check(), Err(Error::Damaged { .. })));
    drop(store);
    let err = backup::check_integrity(&db).unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err}");

    // After an unclean shutdown (a write-ahead log left behind) the large file is checked in
    // full before it is opened, and refused.
    std::fs::write(&db, &bytes).unwrap();
    std::fs::write(
        std::path::PathBuf::from(format!("{}-wal", db.display())),
        b"left by a crash",
    )
    .unwrap();
    let err = Store::open(&db).err().expect("a damaged file is refused");
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
}
