//! The open store, shared by all commands, and where it lives on disk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rapport_core::{Clock, Store};

use crate::commands::CommandError;

/// The data folder: `RAPPORT_DATA_DIR` if set (tests, portable use), else the OS's per-user one.
pub fn data_dir(os_default: Option<PathBuf>) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = match std::env::var_os("RAPPORT_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => os_default
            .ok_or("no per-user data folder is known on this system; set RAPPORT_DATA_DIR")?,
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("could not create the data folder {}: {e}", dir.display()))?;
    Ok(dir)
}

pub struct AppState {
    /// The store, or why it could not be opened (shown to the user instead of the app).
    store: Mutex<Result<Store, CommandError>>,
    /// The database file.
    path: PathBuf,
}

impl AppState {
    pub fn open(data_dir: &Path) -> AppState {
        let path = data_dir.join("rapport.sqlite3");
        AppState {
            store: Mutex::new(open_store(&path)),
            path,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the store could not be opened, if it could not.
    pub fn problem(&self) -> Option<CommandError> {
        let guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().err().cloned()
    }

    /// Replaces the database with the backup `from` (checked first; what it replaces is kept in
    /// `backups/`), with the store closed meanwhile, then opens it again. If the restore is
    /// refused, the database is as it was and is opened again as it was.
    pub fn restore_from(
        &self,
        from: &Path,
    ) -> Result<Option<rapport_core::storage::backup::BackupFile>, CommandError> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        // Close the database: nothing may have it open while it is replaced.
        *guard = Err(CommandError::new(
            "busy",
            "Rapport is restoring a backup.".into(),
        ));
        let result = rapport_core::storage::backup::restore(&self.path, from, now())
            .map_err(CommandError::from);
        *guard = open_store(&self.path);
        result
    }

    /// Runs `work` on the open store.
    pub fn with<T>(
        &self,
        work: impl FnOnce(&mut Store) -> rapport_core::Result<T>,
    ) -> Result<T, CommandError> {
        let mut guard = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => work(store).map_err(CommandError::from),
            Err(error) => Err(error.clone()),
        }
    }
}

fn open_store(path: &Path) -> Result<Store, CommandError> {
    Store::open(path)
        .map(|store| store.with_clock(clock()))
        .map_err(CommandError::from)
}

/// Now, by the clock the store uses.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    clock().now()
}

/// The system clock, unless `RAPPORT_FIXED_NOW` (used only by tests) fixes the time.
fn clock() -> Clock {
    std::env::var("RAPPORT_FIXED_NOW")
        .ok()
        .and_then(|at| Clock::fixed_from_str(&at))
        .unwrap_or(Clock::System)
}
