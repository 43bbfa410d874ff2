//! Letters: templates, drafts from the record, and the three ways a draft leaves (copied by
//! the window itself, opened in the mail program, saved as a PDF letter), then logged as sent.

use rapport_core::domain::Interaction;
use rapport_core::ids::RepresentativeId;
use rapport_core::letters::{Draft, Field, Template, FIELDS};
use rapport_core::storage::{ComposedLetter, LetterRequest, SentLetter, TemplateInput};
use serde::Serialize;
use tauri::{AppHandle, State};
use uuid::Uuid;

use crate::commands::CommandError;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

/// The templates, and the merge fields the editor lists beside them.
#[derive(Serialize)]
pub struct Templates {
    templates: Vec<Template>,
    fields: &'static [Field],
}

#[tauri::command]
pub fn letter_templates(state: State<AppState>) -> Reply<Templates> {
    Ok(Templates {
        templates: state.with(|store| store.letter_templates())?,
        fields: FIELDS,
    })
}

#[tauri::command]
pub fn save_letter_template(state: State<AppState>, input: TemplateInput) -> Reply<Template> {
    state.with(|store| store.save_letter_template(&input))
}

#[tauri::command]
pub fn remove_letter_template(state: State<AppState>, id: Uuid) -> Reply<Vec<Template>> {
    state.with(|store| store.remove_letter_template(id))
}

#[tauri::command]
pub fn draft_letter(state: State<AppState>, request: LetterRequest) -> Reply<ComposedLetter> {
    state.with(|store| store.draft_letter(&request))
}

/// Opens the draft in the mail program, addressed to their email when it is on record.
#[tauri::command]
pub fn email_letter(
    app: AppHandle,
    state: State<AppState>,
    representative_id: RepresentativeId,
    draft: Draft,
) -> Reply<()> {
    let url = state.with(|store| store.letter_mailto(representative_id, &draft))?;
    crate::save::open_mail(&app, &url).map_err(|why| CommandError::new(
        "io",
        format!("The mail program could not be opened ({why}). Copy the letter instead, and paste it into an email."),
    ))
}

/// Lays the draft out as an A4 letter, asks where to save the PDF, writes it and opens it.
/// The path, or `None` if the person cancelled.
#[tauri::command(async)]
pub fn save_letter_pdf(
    app: AppHandle,
    state: State<AppState>,
    representative_id: RepresentativeId,
    draft: Draft,
) -> Reply<Option<String>> {
    let document = state.with(|store| store.letter_document(representative_id, &draft))?;
    let Some(path) = crate::save::choose(&app, &document.file_name, "letter", &["pdf"]) else {
        return Ok(None);
    };
    let bytes = rapport_pdf::letter_pdf(&document)
        .map_err(|error| CommandError::new("pdf", error.to_string()))?;
    let saved = crate::save::write(&path, bytes, "letter")?;
    crate::save::open(&app, &path);
    Ok(Some(saved))
}

/// Records the letter or email as sent by us now.
#[tauri::command]
pub fn log_letter_sent(state: State<AppState>, sent: SentLetter) -> Reply<Interaction> {
    state.with(|store| store.log_letter_sent(&sent))
}

#[tauri::command]
pub fn organisation_address(state: State<AppState>) -> Reply<Option<String>> {
    state.with(|store| store.organisation_address())
}

#[tauri::command]
pub fn set_organisation_address(
    state: State<AppState>,
    address: Option<String>,
) -> Reply<Option<String>> {
    state.with(|store| store.set_organisation_address(address.as_deref()))
}
