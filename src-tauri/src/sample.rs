//! "Try it with sample data" on first run. The sample is a file of its own beside the person's
//! database (`sample.sqlite3`), made fresh each time it is chosen and dated around today, and
//! opened in place of their own (still empty) record; "Start my own record" closes it, removes
//! it and opens theirs again. Nothing of the sample is ever written into their record. A start
//! always opens their own record (a sample left by a session closed while exploring is removed),
//! so they come back to the first-run screen with the choice still there. See `AppState`.

use rapport_core::domain::SetupStatus;
use serde::Serialize;
use tauri::State;

use crate::commands::CommandError;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

#[derive(Serialize)]
pub struct SampleStatus {
    /// True while the window explores the sample rather than the person's own record.
    exploring: bool,
}

#[tauri::command(async)]
pub fn sample_status(state: State<AppState>) -> SampleStatus {
    SampleStatus {
        exploring: state.exploring_sample(),
    }
}

/// Makes a fresh sample and opens it: the sample's set-up (its group and member), to run the
/// app on. Refused once the person's own record is set up.
#[tauri::command(async)]
pub fn explore_sample(state: State<AppState>) -> Reply<SetupStatus> {
    state.explore_sample()?;
    state.with(|store| store.setup_status())
}

/// Leaves the sample for the person's own record: its set-up (empty until the first-run form
/// is filled in).
#[tauri::command(async)]
pub fn leave_sample(state: State<AppState>) -> Reply<SetupStatus> {
    state.leave_sample();
    state.with(|store| store.setup_status())
}
