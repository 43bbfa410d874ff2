//! The "try it with sample data" file: made fresh each time, dated around today, and only ever
//! a sample is removed.

use rapport_core::demo::{self, SAMPLE_FILE, SAMPLE_MARK};
use rapport_core::Store;

use crate::{clock, set_up_store};

fn open(path: &std::path::Path) -> Store {
    Store::open(path).unwrap().with_clock(clock())
}

#[test]
fn a_fresh_sample_is_a_marked_partnership_with_something_to_do_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SAMPLE_FILE);
    let made = demo::fresh_sample(&path, clock().now()).unwrap();
    assert!(
        made.representatives >= 3 && made.interactions >= 40,
        "{made:?}"
    );

    let store = open(&path);
    let status = store.setup_status().unwrap();
    assert!(status.organisation.unwrap().name.ends_with(SAMPLE_MARK));
    assert!(
        status.member.is_some(),
        "the sample is set up, ready to explore"
    );
    let agenda = store.agenda().unwrap();
    assert!(
        agenda.due_now().count() + agenda.next_week.len() > 0,
        "Today has something to show: {agenda:?}"
    );
    drop(store);
    // Nothing of the sample went into the backups the person's own record keeps.
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn trying_again_replaces_the_earlier_sample_with_a_fresh_one_dated_around_the_new_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SAMPLE_FILE);
    demo::fresh_sample(&path, clock().now()).unwrap();
    {
        // Explored: a representative deleted, the file left with its write-ahead log.
        let mut store = open(&path);
        let first = store.list_representatives().unwrap()[0].id;
        store.delete_representative(first).unwrap();
        assert_eq!(store.list_representatives().unwrap().len(), 2);
    }
    let later = clock().now() + chrono::Duration::days(30);
    demo::fresh_sample(&path, later).unwrap();
    let store = open(&path).with_clock(rapport_core::Clock::Fixed(later));
    assert_eq!(store.list_representatives().unwrap().len(), 3);
    assert_eq!(store.agenda().unwrap().date, "2026-12-24");
}

#[test]
fn removing_a_sample_takes_its_write_ahead_log_too_and_is_quiet_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SAMPLE_FILE);
    demo::remove_sample(&path).unwrap();
    demo::fresh_sample(&path, clock().now()).unwrap();
    drop(open(&path));
    demo::remove_sample(&path).unwrap();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn someones_own_record_is_never_removed_or_replaced_as_a_sample() {
    let (dir, store) = set_up_store();
    let own = store.path().unwrap().to_owned();
    drop(store);
    let sample = dir.path().join(SAMPLE_FILE);
    std::fs::copy(&own, &sample).unwrap();

    for refused in [
        demo::remove_sample(&sample).unwrap_err(),
        demo::fresh_sample(&sample, clock().now()).unwrap_err(),
    ] {
        assert_eq!(refused.code(), "invalid");
        let message = refused.to_string();
        assert!(
            message.contains("“Northfield Big Local”, not sample data"),
            "{message}"
        );
    }
    let kept = open(&sample);
    assert_eq!(
        kept.setup_status().unwrap().organisation.unwrap().name,
        "Northfield Big Local"
    );
}

#[test]
fn a_leftover_that_is_not_a_database_at_all_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SAMPLE_FILE);
    std::fs::write(&path, b"half-written").unwrap();
    demo::fresh_sample(&path, clock().now()).unwrap();
    assert_eq!(open(&path).list_representatives().unwrap().len(), 3);
}
