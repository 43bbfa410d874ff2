//! Backups from the window: the day's automatic backup on a thread of its own, "Back up now"
//! to a file the person chooses, and restore, which works even when the database could not be
//! opened (the startup screen offers the newest good backup).

use std::path::{Path, PathBuf};

use rapport_core::storage::backup::{self, BackupFile};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::CommandError;
use crate::state::{now, AppState};

type Reply<T> = Result<T, CommandError>;

/// In the background, so starting is not slowed by a large file: first the full integrity
/// check `Store::open` left for later (`check`: a large file that closed cleanly), then the
/// day's backup. A damaged file is not copied over a good day's backup: the store is closed
/// and the window starts again on the start-up screen, which offers the newest good backup.
pub fn daily(app: AppHandle, db: PathBuf, check: bool) {
    std::thread::spawn(move || {
        if check {
            // Not while the window draws its first screen: the check reads the whole large
            // file, a core's work for seconds.
            std::thread::sleep(std::time::Duration::from_secs(2));
            let state = app.state::<AppState>();
            let generation = state.generation();
            if let Err(error) = backup::check_integrity(&db) {
                eprintln!("Rapport: the database failed its check: {error}");
                if state.refuse_damaged(generation, CommandError::from(error)) {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.eval("window.location.reload()");
                    }
                }
                return;
            }
            // Sound: what people do is written from now on.
            let _ = state.with_same(generation, |store| {
                store.integrity_checked();
                Ok(())
            });
        }
        if let Err(error) = backup::automatic(&db, now()) {
            eprintln!("Rapport: the day's backup could not be taken: {error}");
        }
    });
}

#[derive(Serialize)]
pub struct Overview {
    backups: Vec<BackupFile>,
    folder: String,
    /// Why the database could not be opened, if it could not.
    problem: Option<CommandError>,
    /// Then: the newest backup that passes the checks, to offer.
    newest_good: Option<BackupFile>,
}

#[tauri::command(async)]
pub fn backups_overview(state: State<AppState>) -> Reply<Overview> {
    let backups = backup::list(state.path());
    let problem = state.problem();
    let newest_good = problem.as_ref().and_then(|_| {
        backups
            .iter()
            .find(|b| backup::check_file(&b.path).is_ok())
            .cloned()
    });
    Ok(Overview {
        folder: backup::folder(state.path()).display().to_string(),
        backups,
        problem,
        newest_good,
    })
}

/// Copies the database to a file the person chooses; the path, or `None` if they cancelled.
#[tauri::command(async)]
pub fn back_up_now(app: AppHandle, state: State<AppState>) -> Reply<Option<String>> {
    if state.exploring_sample() {
        return Err(CommandError::new(
            "sample",
            "You are exploring sample data, so there is nothing of yours to back up yet. \
             Choose “Start my own record” first."
                .into(),
        ));
    }
    let offered = format!("{} Rapport backup.sqlite3", now().format("%Y-%m-%d"));
    let Some(path) = crate::save::choose(&app, &offered, "backup", &["sqlite3"]) else {
        return Ok(None);
    };
    state.with(|store| store.back_up_to(&path))?;
    Ok(Some(path.display().to_string()))
}

#[derive(Serialize)]
pub struct Restored {
    restored: String,
    /// Where the database it replaced was kept.
    kept: Option<String>,
}

/// Restores a backup: `path` from the list, or none to choose a file. `None` if they cancelled.
#[tauri::command(async)]
pub fn restore_backup(
    app: AppHandle,
    state: State<AppState>,
    path: Option<String>,
) -> Reply<Option<Restored>> {
    let from = match path {
        Some(path) => PathBuf::from(path),
        None => match choose_file(&app) {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let kept = state.restore_from(&from)?;
    if let Some(problem) = state.problem() {
        return Err(problem);
    }
    Ok(Some(Restored {
        restored: from.display().to_string(),
        kept: kept.map(|k| k.path.display().to_string()),
    }))
}

fn choose_file(app: &AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Restore a Rapport backup")
        .add_filter("Rapport backup", &["sqlite3"])
        .blocking_pick_file()
        .and_then(|file| file.into_path().ok())
        .filter(|p: &PathBuf| Path::new(p).is_file())
}
