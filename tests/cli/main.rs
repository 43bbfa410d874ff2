//! End-to-end tests of the `rapport-cli` binary: each runs the real program against a fresh data
//! folder, the way a person or a script would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

mod backup;
mod briefing;
mod csv;
mod demo;
mod letters;
mod logging;
mod lookup;
#[path = "../fixtures/parliament.rs"]
mod parliament;
mod reminders;

/// Every run uses the same instant, so two exports of the same records are byte-identical.
const FIXED_NOW: &str = "2026-11-24T09:00:00Z";

fn rapport(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("RAPPORT_FIXED_NOW", FIXED_NOW)
        .env_remove("RAPPORT_DATA_DIR")
        .output()
        .expect("the rapport-cli binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a command that must succeed, and returns what it printed to standard output.
fn succeed(data_dir: &Path, args: &[&str]) -> String {
    let output = rapport(data_dir, args);
    assert!(
        output.status.success(),
        "rapport-cli {args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output)
}

fn init(data_dir: &Path) {
    succeed(
        data_dir,
        &[
            "init",
            "--organisation",
            "Northfield Big Local",
            "--member",
            "Amira Khan",
        ],
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Exports `data_dir` into `folder`, returning the file's path.
fn export_to(data_dir: &Path, folder: &Path, name: &str) -> PathBuf {
    let file = folder.join(name);
    succeed(data_dir, &["export", "--out", path_str(&file)]);
    file
}

#[test]
fn init_then_status_shows_the_organisation_and_member() {
    let data = TempDir::new().unwrap();
    let dir = data.path().join("not yet made");

    let output = rapport(
        &dir,
        &[
            "init",
            "--organisation",
            "  Northfield Big Local ",
            "--member",
            "Amira Khan",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Set up Rapport for Northfield Big Local; entries will be recorded as Amira Khan.\n"
    );
    assert!(dir.join("rapport.sqlite3").is_file());

    let status = succeed(&dir, &["status"]);
    assert!(
        status.contains("Organisation: Northfield Big Local\n"),
        "{status}"
    );
    assert!(status.contains("Member: Amira Khan\n"), "{status}");
    let version = format!(
        "Schema version: {}\n",
        rapport_core::storage::LATEST_VERSION
    );
    assert!(status.contains(&version), "{status}");
    assert!(
        status.contains(&format!("Data folder: {}\n", dir.display())),
        "{status}"
    );
}

#[test]
fn a_second_init_is_refused_and_changes_nothing() {
    let data = TempDir::new().unwrap();
    init(data.path());

    let output = rapport(
        data.path(),
        &[
            "init",
            "--organisation",
            "Other Group",
            "--member",
            "Someone Else",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("rapport-cli: Rapport is already set up"),
        "{}",
        stderr(&output)
    );
    assert!(succeed(data.path(), &["status"]).contains("Organisation: Northfield Big Local\n"));
}

#[test]
fn export_then_import_into_an_empty_folder_round_trips_byte_for_byte() {
    let files = TempDir::new().unwrap();
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    init(first.path());

    let exported = export_to(first.path(), files.path(), "first.json");
    let output = rapport(second.path(), &["import", path_str(&exported)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("Imported "),
        "{}",
        stdout(&output)
    );
    let again = export_to(second.path(), files.path(), "second.json");

    let (first_bytes, second_bytes) = (
        std::fs::read(&exported).unwrap(),
        std::fs::read(&again).unwrap(),
    );
    assert!(!first_bytes.is_empty());
    assert!(first_bytes == second_bytes, "the two exports differ");
    // The imported database knows who its member is, just like the original.
    assert!(succeed(second.path(), &["status"]).contains("Member: Amira Khan\n"));
}

#[test]
fn export_to_standard_output_writes_the_json_there_and_the_summary_to_stderr() {
    let data = TempDir::new().unwrap();
    init(data.path());

    let output = rapport(data.path(), &["export", "--out", "-"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let file: Value =
        serde_json::from_slice(&output.stdout).expect("standard output is the JSON export alone");
    assert_eq!(file["format"], "rapport-interchange");
    assert!(
        stderr(&output).starts_with("Exported "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).ends_with(" to standard output.\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_bad_record_is_named_and_nothing_is_imported() {
    let files = TempDir::new().unwrap();
    let source = TempDir::new().unwrap();
    let target = TempDir::new().unwrap();
    init(source.path());

    let exported = export_to(source.path(), files.path(), "good.json");
    let mut file: Value = serde_json::from_slice(&std::fs::read(&exported).unwrap()).unwrap();
    file["tables"]["people"][0]["kind"] = Value::from("wizard");
    let bad = files.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    let output = rapport(target.path(), &["import", path_str(&bad)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.starts_with("rapport-cli: Nothing was imported."),
        "{message}"
    );
    assert!(message.contains("people record 1"), "{message}");
    assert!(message.contains("\"kind\""), "{message}");
    assert!(message.contains("wizard"), "{message}");

    let after: Value =
        serde_json::from_str(&succeed(target.path(), &["export", "--out", "-"])).unwrap();
    assert_eq!(
        after["tables"]["people"],
        Value::Array(vec![]),
        "no person was imported"
    );
    assert_eq!(
        after["tables"]["organisations"],
        Value::Array(vec![]),
        "no organisation was imported"
    );
}

#[test]
fn importing_garbage_fails_with_a_plain_message() {
    let files = TempDir::new().unwrap();
    let data = TempDir::new().unwrap();
    let garbage = files.path().join("shopping list.txt");
    std::fs::write(&garbage, "eggs, milk, bread\n").unwrap();

    let output = rapport(data.path(), &["import", path_str(&garbage)]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("rapport-cli: Nothing was imported."),
        "{message}"
    );
    assert!(message.contains("not a Rapport export"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn a_missing_import_file_is_named_in_the_message() {
    let files = TempDir::new().unwrap();
    let data = TempDir::new().unwrap();
    let missing = files.path().join("missing.json");

    let output = rapport(data.path(), &["import", path_str(&missing)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "rapport-cli: Could not read {}: ",
            missing.display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_export_to_a_missing_folder_fails_naming_the_file() {
    let data = TempDir::new().unwrap();
    init(data.path());
    let missing_folder = data.path().join("no such folder").join("export.json");

    let output = rapport(data.path(), &["export", "--out", path_str(&missing_folder)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "rapport-cli: Could not write {}: ",
            missing_folder.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(!missing_folder.exists());
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_and_left_unchanged() {
    let data = TempDir::new().unwrap();
    init(data.path());
    let database = data.path().join("rapport.sqlite3");
    {
        let conn = rusqlite::Connection::open(&database).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&database).unwrap();

    let output = rapport(data.path(), &["status"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("newer version of Rapport"),
        "{}",
        stderr(&output)
    );
    assert!(
        std::fs::read(&database).unwrap() == before,
        "the database file was changed"
    );
}

#[test]
fn the_data_folder_can_come_from_the_environment() {
    let data = TempDir::new().unwrap();
    init(data.path());

    let output = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .arg("status")
        .env("RAPPORT_DATA_DIR", data.path())
        .output()
        .expect("the rapport-cli binary runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Organisation: Northfield Big Local\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn usage_errors_exit_with_code_two() {
    let data = TempDir::new().unwrap();
    assert_eq!(
        rapport(data.path(), &["init", "--organisation", "Only half"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(rapport(data.path(), &["frobnicate"]).status.code(), Some(2));
}
