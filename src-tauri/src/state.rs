//! The open store, shared by all commands, and where it lives on disk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rapport_core::{demo, Clock, Store};

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
    /// The open store (the person's own, or the sample), or why it could not be opened.
    open: Mutex<Open>,
    /// The person's own database file.
    path: PathBuf,
    /// The sample's file beside it, for "Try it with sample data" (`demo::SAMPLE_FILE`).
    sample: PathBuf,
}

/// Which database is open, and the store on it.
struct Open {
    /// The store, or why it could not be opened (shown to the user instead of the app).
    store: Result<Store, CommandError>,
    /// True while the window explores the sample rather than the person's own record.
    sample: bool,
    /// Counts each change of database, so work begun on one is never finished on another.
    generation: u64,
}

impl AppState {
    /// Opens the person's own database in `data_dir`. A sample left there by a session closed
    /// while exploring is removed: each start begins on their own record.
    pub fn open(data_dir: &Path) -> AppState {
        let path = data_dir.join("rapport.sqlite3");
        let sample = data_dir.join(demo::SAMPLE_FILE);
        if let Err(error) = demo::remove_sample(&sample) {
            eprintln!("Rapport: the sample data left from last time stays: {error}");
        }
        AppState {
            open: Mutex::new(Open {
                store: open_store(&path),
                sample: false,
                generation: 0,
            }),
            path,
            sample,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The person's own database file (also while the sample is being explored).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the store could not be opened, if it could not.
    pub fn problem(&self) -> Option<CommandError> {
        self.lock().store.as_ref().err().cloned()
    }

    /// Whether the window is exploring the sample rather than the person's own record.
    pub fn exploring_sample(&self) -> bool {
        self.lock().sample
    }

    /// Which database is open now: `with_same` refuses work begun on another.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Makes a fresh sample (dated around now) and opens it in place of the person's own
    /// record, which is not touched. Only before their own record is set up; if anything goes
    /// wrong their own record stays open.
    pub fn explore_sample(&self) -> Result<(), CommandError> {
        let mut open = self.lock();
        if open.sample {
            return Ok(());
        }
        let set_up = match &open.store {
            Ok(store) => store.setup_status().map_err(CommandError::from)?,
            Err(error) => return Err(error.clone()),
        };
        if set_up.organisation.is_some() && set_up.member.is_some() {
            return Err(CommandError::new(
                "invalid",
                "Your own record is already set up, so the sample data is not needed: \
                 everything you see is your group’s own."
                    .into(),
            ));
        }
        demo::fresh_sample(&self.sample, now()).map_err(|error| {
            CommandError::new(
                "sample",
                format!(
                    "Rapport could not make the sample data, so you are still on your own \
                     (empty) record. {error}"
                ),
            )
        })?;
        let sample = open_store(&self.sample).map_err(|error| {
            let _ = demo::remove_sample(&self.sample);
            CommandError::new(
                "sample",
                format!(
                    "Rapport could not open the sample data, so you are still on your own \
                     (empty) record. {}",
                    error.message()
                ),
            )
        })?;
        *open = Open {
            store: Ok(sample),
            sample: true,
            generation: open.generation + 1,
        };
        Ok(())
    }

    /// Closes the sample and opens the person's own record again; the sample is removed.
    pub fn leave_sample(&self) {
        let mut open = self.lock();
        if open.sample {
            self.back_to_own(&mut open);
        }
    }

    /// Opens the person's own record in place of whatever is open, and removes the sample
    /// (which nothing has open any more). A sample that cannot be removed now is replaced by
    /// the next try, or removed at the next start.
    fn back_to_own(&self, open: &mut Open) {
        let was_sample = open.sample;
        *open = Open {
            store: open_store(&self.path),
            sample: false,
            generation: open.generation + 1,
        };
        if was_sample {
            if let Err(error) = demo::remove_sample(&self.sample) {
                eprintln!("Rapport: the sample data could not be removed yet: {error}");
            }
        }
    }

    /// Replaces the database with the backup `from` (checked first; what it replaces is kept in
    /// `backups/`), with the store closed meanwhile, then opens it again. If the restore is
    /// refused, the database is as it was and is opened again as it was. A restore made while
    /// exploring the sample puts the backup in place of the person's own record and opens that
    /// (a refused one leaves the sample open).
    pub fn restore_from(
        &self,
        from: &Path,
    ) -> Result<Option<rapport_core::storage::backup::BackupFile>, CommandError> {
        let mut open = self.lock();
        if !open.sample {
            // Close the database: nothing may have it open while it is replaced.
            open.store = Err(CommandError::new(
                "busy",
                "Rapport is restoring a backup.".into(),
            ));
        }
        let result = rapport_core::storage::backup::restore(&self.path, from, now())
            .map_err(CommandError::from);
        if !(open.sample && result.is_err()) {
            self.back_to_own(&mut open);
        }
        result
    }

    /// Closes the store found damaged by the check made after opening it (`error`), if it is
    /// still the one open at `generation` and not the sample. True if it was closed.
    pub fn refuse_damaged(&self, generation: u64, error: CommandError) -> bool {
        let mut open = self.lock();
        if open.generation != generation || open.sample {
            return false;
        }
        open.store = Err(error);
        true
    }

    /// Runs `work` on the open store.
    pub fn with<T>(
        &self,
        work: impl FnOnce(&mut Store) -> rapport_core::Result<T>,
    ) -> Result<T, CommandError> {
        match self.lock().store.as_mut() {
            Ok(store) => work(store).map_err(CommandError::from),
            Err(error) => Err(error.clone()),
        }
    }

    /// Runs `work` on the open store if it is still the one open at `generation`: work begun
    /// on the sample is never finished on the person's own record, or the other way round.
    pub fn with_same<T>(
        &self,
        generation: u64,
        work: impl FnOnce(&mut Store) -> rapport_core::Result<T>,
    ) -> Result<T, CommandError> {
        let mut open = self.lock();
        if open.generation != generation {
            return Err(CommandError::new(
                "switched",
                "Rapport moved between the sample data and your own record while this was \
                 under way, so nothing was written. Please do it again."
                    .into(),
            ));
        }
        match open.store.as_mut() {
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
