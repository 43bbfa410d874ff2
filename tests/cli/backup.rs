//! `rapport-cli backup`, `backups` and `restore`, and the tool writing beside another writer.

use std::path::Path;

use rapport_core::domain::{PersonInput, PersonKind};
use rapport_core::{Clock, Store};
use tempfile::TempDir;

use super::logging::{meeting, prepare, write};
use super::{path_str, rapport, stderr, stdout, succeed, FIXED_NOW};

fn export(data: &Path, name: &str) -> String {
    let file = data.join(name);
    succeed(data, &["export", "--out", path_str(&file)]);
    let text = std::fs::read_to_string(&file).unwrap();
    // The export's own time differs run to run; the records must not.
    text.lines()
        .filter(|l| !l.contains("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn backup_then_restore_gives_back_the_same_records() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let copy = data.path().join("safe-copy.sqlite3");
    let output = rapport(data.path(), &["backup", "--out", path_str(&copy)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).starts_with(&format!("Backed up the database to {} (", copy.display())));
    let before = export(data.path(), "before.json");

    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    succeed(data.path(), &["log", &file]);
    assert_ne!(export(data.path(), "changed.json"), before);

    let restored = succeed(data.path(), &["restore", path_str(&copy)]);
    assert!(
        restored.starts_with("Kept the database it replaced as "),
        "{restored}"
    );
    assert!(restored.contains("Restored "), "{restored}");
    assert_eq!(export(data.path(), "after.json"), before);
    let listed = succeed(data.path(), &["backups"]);
    assert!(listed.contains("Before a restore"), "{listed}");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes() {
    let data = TempDir::new().unwrap();
    prepare(data.path());
    let before = export(data.path(), "before.json");
    let junk = data.path().join("junk.sqlite3");
    std::fs::write(&junk, "hello").unwrap();
    let output = rapport(data.path(), &["restore", path_str(&junk)]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("cannot be restored"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    assert_eq!(export(data.path(), "after.json"), before);
}

#[test]
fn the_tool_and_another_writer_work_on_one_database_at_once() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let db = data.path().join("rapport.sqlite3");
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&db)
            .unwrap()
            .with_clock(Clock::fixed_from_str(FIXED_NOW).unwrap());
        for n in 0..300 {
            store
                .save_person(&PersonInput::named(
                    &format!("Busy {n}"),
                    PersonKind::Member,
                ))
                .unwrap();
        }
    });
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    for _ in 0..8 {
        succeed(data.path(), &["log", &file]);
    }
    writer.join().unwrap();
    let store = Store::open(&data.path().join("rapport.sqlite3")).unwrap();
    assert_eq!(
        store
            .list_people()
            .unwrap()
            .iter()
            .filter(|p| p.full_name.starts_with("Busy "))
            .count(),
        300
    );
    let profile = store.find_representative("Jane Smith").unwrap();
    assert_eq!(
        store
            .representative_profile(profile.id, 1)
            .unwrap()
            .timeline_total,
        8
    );
}
