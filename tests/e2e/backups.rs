//! Backups and restore in the window: Settings lists the day's automatic backup and saves one
//! where the person chooses ("Back up now"), and restores a backup after asking, keeping what
//! it replaces as a backup; the window starts again on the restored records and says so. A
//! truncated or garbage database is refused at start and left exactly as it was, and the start-up
//! screen offers the newest backup that passes the checks, which brings the records back.

use std::path::Path;
use std::time::Duration;

use rapport_core::domain::{PersonInput, PersonKind};
use rapport_core::storage::backup;

use crate::harness::{open_store_at, set_up_data_dir, App, NOW};

/// A restore reopens the store and reloads the window: give it a little longer than a click.
const RESTORING: Duration = Duration::from_secs(30);

const ROTATION: &str = "Rapport keeps a copy of your records each day you open it: the last 7 days, 4 weeks and 12 months.";

/// The names in the People list.
async fn people(app: &App) -> Vec<String> {
    app.click("nav-people").await;
    app.wait_for_text("person-name", "Amira Khan").await;
    app.texts("person-name").await
}

/// Scrolls the element with this test id into the middle of the window (for a screenshot).
async fn scroll_to(app: &App, testid: &str) {
    app.find(testid).await;
    app.run(&format!(
        "document.querySelector('[data-testid={testid}]').scrollIntoView({{ block: 'center' }}); return true;"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_backs_up_now_and_restores_the_days_backup_after_asking_keeping_what_it_replaced()
{
    let data = set_up_data_dir();
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with(
        data.path(),
        NOW,
        &[("RAPPORT_SAVE_DIR", saves.path().as_os_str())],
    )
    .await;

    // The day's backup is taken on a thread of its own just after start; the card shows it
    // (asking again until it is there), with where backups are kept and how many.
    app.click("nav-settings").await;
    app.find("settings-backups").await;
    app.wait_for_text("backup-when", "24 November 2026 at 09:00")
        .await;
    let card = app.text_of("settings-backups").await;
    assert!(card.contains(ROTATION), "{card}");
    let folder = data.path().join("backups");
    assert_eq!(
        app.text_of("backups-path").await,
        folder.display().to_string()
    );
    let items = app.texts("backup-item").await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(items[0].contains("Daily"), "{items:?}");
    let size = app.text_of("backup-size").await;
    assert!(size.ends_with(" KB"), "{size}");
    assert_eq!(
        backup::list(&data.path().join("rapport.sqlite3")).len(),
        1,
        "one automatic backup on disk"
    );

    // Back up now saves a whole database where the person chose (here, the tests' folder).
    app.click("backup-now").await;
    let saved = saves.path().join("2026-11-24 Rapport backup.sqlite3");
    let toast = app.wait_for_toast("Backed up to", RESTORING).await;
    assert!(
        toast.contains(&saved.display().to_string()),
        "{toast} names {}",
        saved.display()
    );
    let bytes = std::fs::read(&saved).expect("the backup is saved");
    assert!(bytes.starts_with(b"SQLite format 3\0"), "a SQLite database");
    app.dismiss_toasts().await;
    scroll_to(&app, "settings-backups").await;
    app.screenshot("backups-settings").await;

    // Someone added after the day's backup…
    app.click("nav-people").await;
    app.wait_for_text("person-name", "Amira Khan").await;
    app.click("person-add").await;
    app.fill("full_name", "Priya Shah").await;
    app.click("person-save").await;
    app.wait_for_text("person-name", "Priya Shah").await;

    // …is gone once the day's backup is restored. The restore asks first; Cancel changes nothing
    // and the focus goes back to the button.
    app.click("nav-settings").await;
    app.click("backup-restore").await;
    let question = app.text_of("restore-confirm").await;
    assert!(
        question.contains(
            "Replace your records with the backup from 24 November 2026 at 09:00? \
             What you have now is kept as a backup first, so this can be undone."
        ),
        "{question}"
    );
    app.wait_for_focus("restore-confirm-no").await;
    app.screenshot("backups-restore-confirm").await;
    app.click("restore-confirm-no").await;
    app.wait_until(
        "the question is gone",
        "return !document.querySelector('[data-testid=restore-confirm]')",
    )
    .await;
    app.wait_for_focus("backup-restore").await;
    assert!(people(&app).await.contains(&"Priya Shah".to_string()));

    app.click("nav-settings").await;
    app.click("backup-restore").await;
    app.click("restore-confirm-yes").await;
    let toast = app
        .wait_for_toast(
            "Restored the backup from 24 November 2026 at 09:00.",
            RESTORING,
        )
        .await;
    assert!(
        toast.contains("Your records before it are kept as a backup."),
        "{toast}"
    );
    // The window started again on Settings, which now lists what the restore replaced.
    app.wait_for_text("backup-reason", "Before a restore").await;
    let reasons = app.texts("backup-reason").await;
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons.contains(&"Daily".to_string()), "{reasons:?}");
    scroll_to(&app, "settings-backups").await;
    app.screenshot("backups-after-restore").await;

    let names = people(&app).await;
    assert!(
        !names.contains(&"Priya Shah".to_string()),
        "the person added after the backup is gone: {names:?}"
    );
    app.quit().await;

    // What the restore replaced is kept, and it has Priya in it: the restore can be undone.
    let kept = backup::list(&data.path().join("rapport.sqlite3"))
        .into_iter()
        .find(|b| b.reason_label == "Before a restore")
        .expect("a Before a restore backup");
    let conn = rusqlite::Connection::open_with_flags(
        &kept.path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT full_name FROM people")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(names.contains(&"Priya Shah".to_string()), "{names:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_backup_is_refused_in_the_card_and_nothing_is_changed() {
    let data = set_up_data_dir();
    let folder = data.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("rapport-20261122T090000Z-daily.sqlite3"),
        "not a database at all",
    )
    .unwrap();

    let app = App::start(data.path()).await;
    app.click("nav-settings").await;
    app.wait_for_text("backup-when", "24 November 2026 at 09:00")
        .await;
    assert_eq!(
        app.texts("backup-when").await,
        ["24 November 2026 at 09:00", "22 November 2026 at 09:00"]
    );
    app.run(
        "document.querySelector('[aria-label=\"Restore the backup from 22 November 2026 at 09:00\"]').click(); return true;",
    )
    .await;
    app.click("restore-confirm-yes").await;
    app.find("backup-message").await;
    let message = app.text_of("backup-message").await;
    assert!(message.contains("cannot be restored"), "{message}");
    assert!(message.contains("Nothing was changed."), "{message}");
    assert_eq!(
        app.run(
            "return document.querySelector('[data-testid=backup-message]').getAttribute('role')"
        )
        .await,
        serde_json::json!("alert")
    );
    app.wait_for_focus("backup-message").await;
    assert!(!app.is_present("restore-confirm").await);
    scroll_to(&app, "settings-backups").await;
    app.screenshot("backups-refused").await;

    // Nothing was replaced, so nothing was kept either.
    assert_eq!(app.texts("backup-item").await.len(), 2);
    assert_eq!(people(&app).await, ["Amira Khan"]);
    app.quit().await;
    assert!(backup::list(&data.path().join("rapport.sqlite3"))
        .iter()
        .all(|b| b.reason_label == "Daily"));
}

/// A data folder with Olive Grant on record and backed up on 23 November, then Larry Dunn
/// added after the backup. Returns the folder and the database's path.
fn records_backed_up_the_day_before() -> (tempfile::TempDir, std::path::PathBuf) {
    let data = set_up_data_dir();
    {
        let mut store = open_store_at(data.path(), "2026-11-23T09:00:00Z");
        store
            .save_person(&PersonInput::named("Olive Grant", PersonKind::Contact))
            .unwrap();
        let taken = store.automatic_backup().unwrap().expect("the day's backup");
        assert_eq!(taken.taken_at, "2026-11-23T09:00:00.000Z");
        store
            .save_person(&PersonInput::named("Larry Dunn", PersonKind::Contact))
            .unwrap();
    }
    let path = data.path().join("rapport.sqlite3");
    assert!(
        !Path::new(&format!("{}-wal", path.display())).exists(),
        "the store closed cleanly, its log folded in"
    );
    (data, path)
}

/// Overwrites three pages in the middle of the file at `path` (the header and the schema left
/// whole), and returns what it then holds.
fn damage_the_middle(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    let middle = bytes.len() / page / 2 * page;
    bytes[middle..middle + 3 * page].fill(0xff);
    std::fs::write(path, &bytes).unwrap();
    bytes
}

/// Starts the app on `data`, whose database at `path` has been damaged (it holds `damaged`):
/// the start-up screen says so, leaves the file as it is and offers the backup from 23
/// November, which brings back the records as they were then.
async fn the_newest_good_backup_brings_the_records_back(
    data: &Path,
    path: &Path,
    damaged: &[u8],
    shot: &str,
) {
    let app = App::start(data).await;
    let message = app.text_of("startup-error").await;
    assert!(message.contains("is damaged"), "{message}");
    assert!(
        message.contains("Rapport has not written to it"),
        "{message}"
    );
    assert!(
        !app.is_present("setup-form").await,
        "no set-up is offered over someone's data"
    );
    app.wait_for_text(
        "startup-restore",
        "Restore the backup from 23 November 2026 at 09:00",
    )
    .await;
    app.wait_for_focus("startup-restore").await;
    assert!(app.is_present("startup-restore-file").await);
    let offer = app.text_of("startup-offer").await;
    assert!(
        offer.contains(
            "Rapport has not changed the file it could not open: it stays exactly as it is"
        ),
        "{offer}"
    );
    app.screenshot(shot).await;
    assert_eq!(
        std::fs::read(path).unwrap(),
        damaged,
        "the damaged file is not written to"
    );

    app.click("startup-restore").await;
    app.wait_until(
        "the window starts again, or says why it cannot",
        "return !!document.querySelector('[data-testid=toast]') \
           || document.querySelector('[data-testid=startup-restore-message]')?.hidden === false",
    )
    .await;
    let refused = app
        .run("return document.querySelector('[data-testid=startup-restore-message]')?.hidden === false")
        .await;
    if refused == serde_json::json!(true) {
        let refused = app.text_of("startup-restore-message").await;
        assert_eq!(
            std::fs::read(path).unwrap(),
            damaged,
            "a refused restore leaves the damaged file as it was"
        );
        panic!("the restore was refused: {refused}");
    }
    let toast = app
        .wait_for_toast(
            "Restored the backup from 23 November 2026 at 09:00.",
            RESTORING,
        )
        .await;
    assert!(
        toast.contains("Your records before it are kept as a backup."),
        "{toast}"
    );
    app.find("today-view").await;
    app.find("nav-today").await;
    let names = people(&app).await;
    assert!(names.contains(&"Olive Grant".to_string()), "{names:?}");
    assert!(!names.contains(&"Larry Dunn".to_string()), "{names:?}");
    app.screenshot(&format!("{shot}-restored")).await;
    app.quit().await;

    // The toast said the file it replaced is kept: it is, among the backups.
    let kept = backup::list(path)
        .into_iter()
        .filter(|b| b.reason_label == "Before a restore")
        .count();
    assert_eq!(kept, 1, "{:?}", backup::list(path));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_truncated_database_is_left_as_it_is_and_the_newest_good_backup_brings_the_records_back()
{
    let (data, path) = records_backed_up_the_day_before();
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let truncated = std::fs::read(&path).unwrap();
    the_newest_good_backup_brings_the_records_back(
        data.path(),
        &path,
        &truncated,
        "backups-startup-truncated",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_damaged_in_the_middle_is_left_as_it_is_and_the_newest_good_backup_brings_the_records_back(
) {
    let (data, path) = records_backed_up_the_day_before();
    let bytes = damage_the_middle(&path);
    the_newest_good_backup_brings_the_records_back(
        data.path(),
        &path,
        &bytes,
        "backups-startup-damaged",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbage_database_is_refused_at_start_and_left_unchanged() {
    let data = set_up_data_dir();
    let path = data.path().join("rapport.sqlite3");
    std::fs::write(&path, "hello").unwrap();

    let app = App::start(data.path()).await;
    let message = app.text_of("startup-error").await;
    assert!(
        message.contains("is not a Rapport database, or it is damaged"),
        "{message}"
    );
    assert!(!app.is_present("setup-form").await);
    // There is no backup to offer, only a file to choose.
    assert_eq!(
        app.text_of("startup-restore-file").await,
        "Choose a backup file…"
    );
    assert!(!app.is_present("startup-restore").await);
    let offer = app.text_of("startup-offer").await;
    assert!(
        offer.contains("no automatic backup on this computer that passes Rapport’s checks"),
        "{offer}"
    );
    app.screenshot("backups-startup-garbage").await;
    app.quit().await;

    assert_eq!(std::fs::read(&path).unwrap(), b"hello");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_database_damaged_in_the_middle_is_found_by_the_check_after_start() {
    let (data, path) = records_backed_up_the_day_before();
    // Past the size checked before the window opens: the full check runs in the background.
    let filler = rapport_core::storage::CHECK_ON_OPEN_UP_TO as i64 + (8 << 20);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE filler (b BLOB)").unwrap();
    conn.execute("INSERT INTO filler VALUES (zeroblob(?1))", [filler])
        .unwrap();
    drop(conn);
    let bytes = damage_the_middle(&path);
    // The window opens on the file at once; the check finds the damage and the window starts
    // again on the start-up screen, which brings the records back from the day before.
    the_newest_good_backup_brings_the_records_back(
        data.path(),
        &path,
        &bytes,
        "backups-startup-damaged-large",
    )
    .await;
}
