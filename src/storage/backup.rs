//! Backups and restore, so a dead laptop or a bad upgrade never costs a record.
//!
//! A backup is a whole, consistent copy made with SQLite's online backup API in one step
//! (`Backup::step(-1)`), which finishes even while another connection writes. Automatic
//! backups go in `backups/` beside the database, named by their UTC time and why they were
//! taken (`rapport-20261124T091500Z-daily.sqlite3`), and are pruned to a rotation: the newest
//! of each of the last 7 days, 4 weeks and 12 months that have one. A restore checks the chosen
//! file first (integrity, a schema this Rapport reads, Rapport's own tables), backs up the
//! database it replaces, and only then copies the file in.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::migrations::{self, LATEST_VERSION};
use crate::{Error, Result};

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first start of the day.
    Daily,
    /// Before a newer Rapport changed the file's schema.
    BeforeUpgrade,
    /// Before a restore replaced the database.
    BeforeRestore,
}

impl BackupReason {
    fn code(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeUpgrade => "before-upgrade",
            BackupReason::BeforeRestore => "before-restore",
        }
    }

    fn from_code(code: &str) -> Option<BackupReason> {
        match code {
            "daily" => Some(BackupReason::Daily),
            "before-upgrade" => Some(BackupReason::BeforeUpgrade),
            "before-restore" => Some(BackupReason::BeforeRestore),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupReason::Daily => "Daily",
            BackupReason::BeforeUpgrade => "Before an upgrade",
            BackupReason::BeforeRestore => "Before a restore",
        }
    }
}

/// One automatic backup on disk.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken, `YYYY-MM-DDTHH:MM:SS.000Z`.
    pub taken_at: String,
    pub reason: BackupReason,
    pub reason_label: &'static str,
    pub bytes: u64,
}

/// How many automatic backups to keep: the newest of each of the last `daily` days, `weekly`
/// weeks and `monthly` months that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Rotation {
    fn default() -> Rotation {
        Rotation {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// The folder the automatic backups of the database at `db` go in.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn file_name(at: DateTime<Utc>, reason: BackupReason) -> String {
    format!(
        "rapport-{}-{}.sqlite3",
        at.format("%Y%m%dT%H%M%SZ"),
        reason.code()
    )
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix("rapport-")?.strip_suffix(".sqlite3")?;
    let (stamp, reason) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
    Some((at.and_utc(), BackupReason::from_code(reason)?))
}

/// Copies the open database `conn` to `to` in one step, consistent even while others write.
/// A file already at `to` is replaced only once the copy is whole.
pub(crate) fn copy(conn: &Connection, to: &Path) -> Result<()> {
    let partial = to.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| -> Result<()> {
        let mut target = Connection::open(&partial).map_err(|source| Error::CannotOpen {
            path: partial.clone(),
            source,
        })?;
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut target)?;
            backup.step(-1)?;
        }
        // The copy is a plain file: no write-ahead log beside it to lose.
        target.pragma_update(None, "journal_mode", "DELETE")?;
        drop(target);
        std::fs::rename(&partial, to).map_err(|e| io_error(to, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::invalid(
        "backup",
        format!(
            "Rapport could not write {}: {e}. Check there is space, and that you may write there.",
            path.display()
        ),
    )
}

/// Takes an automatic backup of `conn` (the database at `db`) now, into the backups folder.
pub(crate) fn take(
    conn: &Connection,
    db: &Path,
    now: DateTime<Utc>,
    reason: BackupReason,
) -> Result<BackupFile> {
    let dir = folder(db);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let path = dir.join(file_name(now, reason));
    copy(conn, &path)?;
    described(&path)
}

/// A file SQLite keeps beside a database: `rapport.sqlite3-wal`, `rapport.sqlite3-shm`.
pub(crate) fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The backup just written at `path`.
fn described(path: &Path) -> Result<BackupFile> {
    describe(path).ok_or_else(|| io_error(path, std::io::Error::other("it vanished")))
}

fn describe(path: &Path) -> Option<BackupFile> {
    let (at, reason) = parse_name(path.file_name()?.to_str()?)?;
    Some(BackupFile {
        path: path.to_owned(),
        taken_at: at.format("%Y-%m-%dT%H:%M:%S.000Z").to_string(),
        reason,
        reason_label: reason.label(),
        bytes: std::fs::metadata(path).ok()?.len(),
    })
}

/// The automatic backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|entry| describe(&entry.path()))
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    found
}

/// Which of `backups` (newest first) the rotation keeps.
pub fn kept(backups: &[BackupFile], rotation: Rotation) -> Vec<PathBuf> {
    let mut keep = HashSet::new();
    let mut take_newest_of = |key: &dyn Fn(&DateTime<Utc>) -> (i32, u32), limit: usize| {
        let mut seen = Vec::new();
        for b in backups {
            let Some((at, _)) = b
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(parse_name)
            else {
                continue;
            };
            let k = key(&at);
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                keep.insert(b.path.clone());
            }
        }
    };
    take_newest_of(&|at| (at.year(), at.ordinal()), rotation.daily);
    take_newest_of(
        &|at| (at.iso_week().year(), at.iso_week().week()),
        rotation.weekly,
    );
    take_newest_of(&|at| (at.year(), at.month()), rotation.monthly);
    backups
        .iter()
        .filter(|b| keep.contains(&b.path))
        .map(|b| b.path.clone())
        .collect()
}

/// Deletes the automatic backups the rotation no longer keeps; returns how many.
pub(crate) fn prune(db: &Path, rotation: Rotation) -> usize {
    let all = list(db);
    let keep = kept(&all, rotation);
    let mut removed = 0;
    for b in all.iter().filter(|b| !keep.contains(&b.path)) {
        if std::fs::remove_file(&b.path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Checks that `file` is a whole Rapport database this version can open, without writing to
/// it: SQLite's integrity check, a schema version known here, and Rapport's own tables.
pub fn check_file(file: &Path) -> Result<u32> {
    let refuse = |why: String| {
        Error::invalid(
            "backup",
            format!(
                "{} cannot be restored: {why}. Nothing was changed.",
                file.display()
            ),
        )
    };
    if !file.is_file() {
        return Err(refuse("there is no such file".into()));
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refuse(format!("it could not be opened ({e})")))?;
    let version = migrations::version(&conn).map_err(|_| refuse("it is not a database".into()))?;
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|_| refuse("it is not a database, or it is damaged".into()))?;
    if result != "ok" {
        return Err(refuse(format!("it is damaged (SQLite reports: {result})")));
    }
    if version == 0 {
        return Err(refuse("it is not a Rapport database".into()));
    }
    if version > LATEST_VERSION {
        return Err(refuse(format!(
            "it was saved by a newer Rapport (data format {version}; this one reads up to {LATEST_VERSION}). Install the latest Rapport first"
        )));
    }
    let rapport: bool = conn
        .query_row(
            "SELECT count(*) = 3 FROM sqlite_schema WHERE type = 'table' AND name IN ('people', 'representatives', 'interactions')",
            [],
            |row| row.get(0),
        )
        .map_err(|_| refuse("it is not a Rapport database".into()))?;
    if !rapport {
        return Err(refuse("it is not a Rapport database".into()));
    }
    Ok(version)
}

/// Replaces the database at `db` (which nothing may have open) with the backup `from`, after
/// checking it and keeping a copy of what it replaces. Works when the database is too damaged
/// to open: the copy is then the file as it is, byte for byte. Returns that copy, if there was
/// a database to copy.
pub fn restore(db: &Path, from: &Path, now: DateTime<Utc>) -> Result<Option<BackupFile>> {
    check_file(from)?;
    let safety = if db.is_file() {
        Some(keep_before_restore(db, now)?)
    } else {
        None
    };
    // The backup is copied, through SQLite, to a new file beside the database, which then
    // takes the database's place in one rename. The old write-ahead log goes first: it belongs
    // to the file being replaced and must never be replayed into the restored one.
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let staged = db.with_extension("restoring");
    copy(&source, &staged)?;
    drop(source);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(db, suffix));
    }
    std::fs::rename(&staged, db).map_err(|e| io_error(db, e))?;
    Ok(safety)
}

/// A copy of the database about to be replaced: through SQLite when it can read the file, else
/// the file's bytes as they are (with its write-ahead log, if one is beside it).
fn keep_before_restore(db: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    let readable = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .filter(|conn| quick_check(conn).is_none());
    if let Some(conn) = readable {
        if let Ok(copy) = take(&conn, db, now, BackupReason::BeforeRestore) {
            return Ok(copy);
        }
    }
    let dir = folder(db);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let to = dir.join(file_name(now, BackupReason::BeforeRestore));
    std::fs::copy(db, &to).map_err(|e| io_error(&to, e))?;
    let wal = beside(db, "-wal");
    if wal.is_file() {
        std::fs::copy(&wal, beside(&to, "-wal")).map_err(|e| io_error(&to, e))?;
    }
    described(&to)
}

/// Takes the day's automatic backup of the database at `db`, unless one was taken on the same
/// London day as `now`, then prunes the folder to the rotation. It reads through a connection of
/// its own, so the app can take it on a thread of its own while people carry on working.
pub fn automatic(db: &Path, now: DateTime<Utc>) -> Result<Option<BackupFile>> {
    let today = crate::time::london_date(now);
    let taken_today = list(db).iter().any(|b| {
        crate::time::parse_instant(&b.taken_at).map(crate::time::london_date) == Some(today)
    });
    if taken_today || !db.is_file() {
        return Ok(None);
    }
    let conn =
        Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            Error::CannotOpen {
                path: db.to_owned(),
                source,
            }
        })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let taken = take(&conn, db, now, BackupReason::Daily)?;
    prune(db, Rotation::default());
    Ok(Some(taken))
}

/// The full check `Store::open` leaves to the caller on a large file (`Store::check_deferred`):
/// `PRAGMA quick_check` through a read-only connection of its own, so people can carry on
/// working meanwhile. `Error::Damaged` says what SQLite found.
pub fn check_integrity(db: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    sound(&conn, db)
}

/// `PRAGMA quick_check` on `conn`, open on the file `db`: `Error::Damaged` with what SQLite
/// found, unless it is sound.
pub(crate) fn sound(conn: &Connection, db: &Path) -> Result<()> {
    match quick_check(conn) {
        None => Ok(()),
        Some(detail) => Err(Error::Damaged {
            path: db.to_owned(),
            detail,
        }),
    }
}

/// `PRAGMA quick_check` on an open file: `None` when it is sound, else what SQLite found.
pub(crate) fn quick_check(conn: &Connection) -> Option<String> {
    match conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)) {
        Ok(result) if result == "ok" => None,
        Ok(result) => Some(brief(&result)),
        Err(e) => Some(e.to_string()),
    }
}

/// The first few of the problems SQLite lists, one a line: a damaged page can make it list
/// thousands, which would bury the message about what to do.
fn brief(found: &str) -> String {
    const SHOWN: usize = 3;
    let lines: Vec<&str> = found
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .collect();
    let mut out = lines
        .iter()
        .take(SHOWN)
        .map(|l| l.chars().take(120).collect::<String>())
        .collect::<Vec<_>>()
        .join("; ");
    if lines.len() > SHOWN {
        out.push_str(&format!("; and {} more", lines.len() - SHOWN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_problems_is_cut_to_the_first_few() {
        let found = "*** in database main ***\nPage 9326: never used\nPage 9327: never used\nPage 9328: never used\nPage 9329: never used\nPage 9330: never used";
        assert_eq!(
            brief(found),
            "Page 9326: never used; Page 9327: never used; Page 9328: never used; and 2 more"
        );
        assert_eq!(
            brief("row 3 missing from index x"),
            "row 3 missing from index x"
        );
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn names_carry_the_time_and_the_reason() {
        let name = file_name(at("2026-11-24T09:15:00Z"), BackupReason::BeforeUpgrade);
        assert_eq!(name, "rapport-20261124T091500Z-before-upgrade.sqlite3");
        assert_eq!(
            parse_name(&name),
            Some((at("2026-11-24T09:15:00Z"), BackupReason::BeforeUpgrade))
        );
        assert_eq!(parse_name("rapport-x-daily.sqlite3"), None);
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn the_rotation_keeps_seven_days_four_weeks_and_twelve_months() {
        // A backup every day for two years, newest first.
        let start = at("2026-11-24T09:00:00Z");
        let backups: Vec<BackupFile> = (0..730)
            .map(|n| {
                let when = start - chrono::Duration::days(n);
                BackupFile {
                    path: PathBuf::from(file_name(when, BackupReason::Daily)),
                    taken_at: when.to_rfc3339(),
                    reason: BackupReason::Daily,
                    reason_label: "Daily",
                    bytes: 1,
                }
            })
            .collect();
        let keep = kept(&backups, Rotation::default());
        let days: Vec<String> = keep
            .iter()
            .map(|p| p.to_str().unwrap()[8..16].to_owned())
            .collect();
        // 7 days (18–24 Nov), the newest of the 4 weeks (the 24th, 22nd, 15th, 8th: Sundays end
        // ISO weeks) and of the 12 months (the 24th, 31 Oct, 30 Sep, … 31 Dec 2025).
        assert_eq!(
            days,
            [
                "20261124", "20261123", "20261122", "20261121", "20261120", "20261119", "20261118",
                "20261115", "20261108", "20261031", "20260930", "20260831", "20260731", "20260630",
                "20260531", "20260430", "20260331", "20260228", "20260131", "20251231"
            ]
        );
    }
}
