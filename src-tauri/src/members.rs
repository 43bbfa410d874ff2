//! Refreshing an MP from Parliament, and importing every current MP in the background with
//! progress the window polls for and a cancel. The requests are made here, by the shell, and
//! only when the person asks; the store is locked only to read the record and to write the
//! checked result, never while waiting on the network.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rapport_core::ids::RepresentativeId;
use rapport_core::public::{PublicData, Refresh, PARLIAMENT_CREDIT};
use rapport_core::storage::{LastMembersImport, MembersImport, RefreshChange, RefreshOutcome};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::commands::CommandError;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

/// What Parliament holds now, and how it differs from the record, to show before applying.
#[derive(Serialize)]
pub struct RefreshPreview {
    /// Handed back unchanged to `apply_refresh`, so what was shown is what is applied.
    refresh: Refresh,
    changes: Vec<RefreshChange>,
    credit: &'static str,
}

/// Asks the Members API about one representative and words what would change.
#[tauri::command(async)]
pub fn refresh_preview(state: State<AppState>, id: RepresentativeId) -> Reply<RefreshPreview> {
    let representative = state.with(|store| store.representative(id))?;
    let fetch = rapport_net::HttpFetch::new();
    let refresh = PublicData::from_env(&fetch).refresh(&representative)?;
    let changes = state.with(|store| store.refresh_changes(id, &refresh))?;
    Ok(RefreshPreview {
        refresh,
        changes,
        credit: PARLIAMENT_CREDIT,
    })
}

/// Writes a refresh the person has seen and agreed to: all of it, or nothing.
#[tauri::command(async)]
pub fn apply_refresh(
    state: State<AppState>,
    id: RepresentativeId,
    refresh: Refresh,
) -> Reply<RefreshOutcome> {
    state.with(|store| store.apply_refresh(id, &refresh))
}

/// The import of every current MP: at most one at a time.
#[derive(Default)]
pub struct MembersImportJob {
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
}

#[derive(Default, Clone, Serialize)]
struct Progress {
    running: bool,
    fetched: usize,
    total: usize,
    /// The last run's result, once it has finished.
    summary: Option<MembersImport>,
    error: Option<CommandError>,
}

/// Where the import stands, and when every MP was last imported.
#[derive(Serialize)]
pub struct MembersImportStatus {
    #[serde(flatten)]
    progress: Progress,
    last: Option<LastMembersImport>,
    credit: &'static str,
}

fn status(state: &AppState, job: &MembersImportJob) -> Reply<MembersImportStatus> {
    let progress = job
        .progress
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    Ok(MembersImportStatus {
        progress,
        last: state.with(|store| store.last_members_import())?,
        credit: PARLIAMENT_CREDIT,
    })
}

#[tauri::command]
pub fn members_import_status(
    state: State<AppState>,
    job: State<MembersImportJob>,
) -> Reply<MembersImportStatus> {
    status(&state, &job)
}

/// Starts fetching every current MP in the background (unless already under way); the
/// window follows it with `members_import_status`.
#[tauri::command]
pub fn start_members_import(
    app: AppHandle,
    state: State<AppState>,
    job: State<MembersImportJob>,
) -> Reply<MembersImportStatus> {
    {
        let mut progress = job.progress.lock().unwrap_or_else(|p| p.into_inner());
        if progress.running {
            drop(progress);
            return status(&state, &job);
        }
        *progress = Progress {
            running: true,
            ..Progress::default()
        };
        job.cancel.store(false, Ordering::SeqCst);
    }
    let (progress, cancel) = (job.progress.clone(), job.cancel.clone());
    // Written only into the record it was started on (not, say, the sample's MPs into theirs).
    let generation = state.generation();
    std::thread::spawn(move || {
        let fetch = rapport_net::HttpFetch::new();
        let public = PublicData::from_env(&fetch);
        let follow = |fetched, total| {
            let mut p = progress.lock().unwrap_or_else(|p| p.into_inner());
            p.fetched = fetched;
            p.total = total;
        };
        let result = public
            .current_members(&follow, &cancel)
            .map_err(CommandError::from)
            .and_then(|members| {
                app.state::<AppState>()
                    .with_same(generation, |store| store.import_members(&members))
            });
        let mut p = progress.lock().unwrap_or_else(|p| p.into_inner());
        p.running = false;
        match result {
            Ok(summary) => p.summary = Some(summary),
            Err(error) => p.error = Some(error),
        }
    });
    status(&state, &job)
}

/// Asks a running import to stop before its next pages; nothing is written.
#[tauri::command]
pub fn cancel_members_import(job: State<MembersImportJob>) {
    job.cancel.store(true, Ordering::SeqCst);
}
