//! The commands the window may call (each allowed in capabilities/main.json). Each is one line
//! over the core; errors cross as `{code, message, field}` so the UI switches on `code`.

use rapport_core::domain::{
    self, Catalogue, Person, PersonInput, Representative, RepresentativeInput, SetupInput,
    SetupStatus,
};
use rapport_core::ids::{PersonId, RepresentativeId};
use serde::Serialize;
use tauri::State;

use crate::state::AppState;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    code: &'static str,
    message: String,
    field: Option<String>,
}

impl From<rapport_core::Error> for CommandError {
    fn from(error: rapport_core::Error) -> Self {
        CommandError {
            code: error.code(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
        }
    }
}

type Reply<T> = Result<T, CommandError>;

#[tauri::command(async)]
pub fn setup_status(state: State<AppState>) -> Reply<SetupStatus> {
    state.with(|store| store.setup_status())
}

#[tauri::command(async)]
pub fn set_up(state: State<AppState>, input: SetupInput) -> Reply<SetupStatus> {
    state.with(|store| store.set_up(&input))
}

#[tauri::command(async)]
pub fn catalogue() -> Catalogue {
    domain::catalogue()
}

#[tauri::command(async)]
pub fn list_people(state: State<AppState>) -> Reply<Vec<Person>> {
    state.with(|store| store.list_people())
}

#[tauri::command(async)]
pub fn save_person(state: State<AppState>, input: PersonInput) -> Reply<Person> {
    state.with(|store| store.save_person(&input))
}

#[tauri::command(async)]
pub fn delete_person(state: State<AppState>, id: PersonId) -> Reply<()> {
    state.with(|store| store.delete_person(id))
}

#[tauri::command(async)]
pub fn restore_person(state: State<AppState>, id: PersonId) -> Reply<Person> {
    state.with(|store| store.restore_person(id))
}

#[tauri::command(async)]
pub fn list_representatives(state: State<AppState>) -> Reply<Vec<Representative>> {
    state.with(|store| store.list_representatives())
}

#[tauri::command(async)]
pub fn save_representative(
    state: State<AppState>,
    input: RepresentativeInput,
) -> Reply<Representative> {
    state.with(|store| store.save_representative(&input))
}

#[tauri::command(async)]
pub fn delete_representative(state: State<AppState>, id: RepresentativeId) -> Reply<()> {
    state.with(|store| store.delete_representative(id))
}

#[tauri::command(async)]
pub fn restore_representative(
    state: State<AppState>,
    id: RepresentativeId,
) -> Reply<Representative> {
    state.with(|store| store.restore_representative(id))
}
