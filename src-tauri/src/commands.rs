//! The commands the window may call (each allowed in capabilities/main.json). Each is one line
//! over the core; errors cross as `{code, message, field}` so the UI switches on `code`.

use rapport_core::briefing::BriefingRequest;
use rapport_core::domain::{
    self, Agenda, AgendaLimits, AskFilter, AskView, Campaign, Catalogue, CommitmentFilter,
    CommitmentView, CoveredSeat, DeletedRecord, HistoryEntry, Interaction, InteractionInput,
    InteractionSummary, ListPage, NameQuery, Person, PersonInput, ReminderKey, ReminderSettings,
    Representative, RepresentativeInput, RepresentativeProfile, SearchHit, SeatHistory, SeatKind,
    SetupInput, SetupStatus, StatusChange, StatusChangeInput,
};
use rapport_core::ids::{InteractionId, PersonId, RepresentativeId, SeatId};
use rapport_core::interchange::csv::{CsvImport, CsvList, CsvPreview};
use rapport_core::public::{Member, PostcodeLookup, PublicData};
use rapport_core::storage::{AddedMember, Page};
use serde::Serialize;
use tauri::{AppHandle, State};
use uuid::Uuid;

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

impl CommandError {
    pub fn new(code: &'static str, message: String) -> CommandError {
        CommandError {
            code,
            message,
            field: None,
        }
    }

    pub fn message(&self) -> &str {
        &self.message
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

/// A page of the people matching what was typed: `{ items, total }`.
#[tauri::command(async)]
pub fn people_page(state: State<AppState>, query: NameQuery) -> Reply<ListPage<Person>> {
    state.with(|store| store.people_page(&query))
}

#[tauri::command(async)]
pub fn get_person(state: State<AppState>, id: PersonId) -> Reply<Person> {
    state.with(|store| store.person(id))
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

/// A page of the representatives matching what was typed: `{ items, total }`.
#[tauri::command(async)]
pub fn representatives_page(
    state: State<AppState>,
    query: NameQuery,
) -> Reply<ListPage<Representative>> {
    state.with(|store| store.representatives_page(&query))
}

#[tauri::command(async)]
pub fn get_representative(state: State<AppState>, id: RepresentativeId) -> Reply<Representative> {
    state.with(|store| store.representative(id))
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

#[tauri::command(async)]
pub fn save_interaction(state: State<AppState>, input: InteractionInput) -> Reply<Interaction> {
    state.with(|store| store.save_interaction(&input))
}

#[tauri::command(async)]
pub fn get_interaction(state: State<AppState>, id: InteractionId) -> Reply<Interaction> {
    state.with(|store| store.interaction(id))
}

#[tauri::command(async)]
pub fn list_interactions(
    state: State<AppState>,
    representative_id: Option<RepresentativeId>,
    limit: i64,
    offset: i64,
) -> Reply<Page<InteractionSummary>> {
    state.with(|store| store.list_interactions(representative_id, limit, offset))
}

#[tauri::command(async)]
pub fn delete_interaction(state: State<AppState>, id: InteractionId) -> Reply<()> {
    state.with(|store| store.delete_interaction(id))
}

#[tauri::command(async)]
pub fn list_campaigns(state: State<AppState>) -> Reply<Vec<Campaign>> {
    state.with(|store| store.list_campaigns())
}

#[tauri::command(async)]
pub fn representative_profile(
    state: State<AppState>,
    id: RepresentativeId,
    timeline_limit: i64,
) -> Reply<RepresentativeProfile> {
    state.with(|store| store.representative_profile(id, timeline_limit))
}

#[tauri::command(async)]
pub fn representative_timeline(
    state: State<AppState>,
    id: RepresentativeId,
    limit: i64,
    offset: i64,
) -> Reply<Page<InteractionSummary>> {
    state.with(|store| store.representative_timeline(id, limit, offset))
}

#[tauri::command(async)]
pub fn seat_history(state: State<AppState>, id: SeatId) -> Reply<SeatHistory> {
    state.with(|store| store.seat_history(id))
}

#[tauri::command(async)]
pub fn covered_seats(state: State<AppState>) -> Reply<Vec<CoveredSeat>> {
    state.with(|store| store.covered_seats())
}

#[tauri::command(async)]
pub fn cover_seat(state: State<AppState>, name: String, kind: SeatKind) -> Reply<Vec<CoveredSeat>> {
    state.with(|store| store.cover_seat(&name, kind))
}

#[tauri::command(async)]
pub fn uncover_seat(state: State<AppState>, id: SeatId) -> Reply<Vec<CoveredSeat>> {
    state.with(|store| store.uncover_seat(id))
}

#[tauri::command(async)]
pub fn list_asks(state: State<AppState>, filter: AskFilter) -> Reply<Vec<AskView>> {
    state.with(|store| store.list_asks(&filter))
}

#[tauri::command(async)]
pub fn list_commitments(
    state: State<AppState>,
    filter: CommitmentFilter,
) -> Reply<Vec<CommitmentView>> {
    state.with(|store| store.list_commitments(&filter))
}

/// A page of the asks matching `filter` (its `limit` and `offset`), with how many match.
#[tauri::command(async)]
pub fn asks_page(state: State<AppState>, filter: AskFilter) -> Reply<ListPage<AskView>> {
    state.with(|store| store.asks_page(&filter))
}

/// A page of the commitments matching `filter`, with how many match.
#[tauri::command(async)]
pub fn commitments_page(
    state: State<AppState>,
    filter: CommitmentFilter,
) -> Reply<ListPage<CommitmentView>> {
    state.with(|store| store.commitments_page(&filter))
}

#[tauri::command(async)]
pub fn change_status(state: State<AppState>, input: StatusChangeInput) -> Reply<Vec<StatusChange>> {
    state.with(|store| store.change_status(&input))
}

#[tauri::command(async)]
pub fn status_history(state: State<AppState>, id: Uuid) -> Reply<Vec<StatusChange>> {
    state.with(|store| store.status_history(id))
}

#[tauri::command(async)]
pub fn record_history(state: State<AppState>, table: String, id: Uuid) -> Reply<Vec<HistoryEntry>> {
    state.with(|store| store.record_history(&table, id))
}

#[tauri::command(async)]
pub fn deleted_records(state: State<AppState>, limit: i64) -> Reply<Vec<DeletedRecord>> {
    state.with(|store| store.deleted_records(limit))
}

#[tauri::command(async)]
pub fn restore_record(state: State<AppState>, table: String, id: Uuid) -> Reply<()> {
    state.with(|store| store.restore_record(&table, id))
}

#[tauri::command(async)]
pub fn search(state: State<AppState>, text: String, limit: i64) -> Reply<Vec<SearchHit>> {
    state.with(|store| store.search(&text, limit))
}

#[tauri::command(async)]
pub fn agenda(state: State<AppState>, limits: Option<AgendaLimits>) -> Reply<Agenda> {
    state.with(|store| store.agenda_with(&limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn complete_reminder(
    state: State<AppState>,
    key: ReminderKey,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.complete_reminder(&key, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn reopen_reminder(
    state: State<AppState>,
    key: ReminderKey,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.reopen_reminder(&key, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn snooze_reminder(
    state: State<AppState>,
    key: ReminderKey,
    until: String,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.snooze_reminder(&key, &until, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn undo_reminder(
    state: State<AppState>,
    key: ReminderKey,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.undo_reminder(&key, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn dismiss_reminder(
    state: State<AppState>,
    key: ReminderKey,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.dismiss_reminder(&key, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn reschedule_reminder(
    state: State<AppState>,
    key: ReminderKey,
    date: String,
    limits: Option<AgendaLimits>,
) -> Reply<Agenda> {
    state.with(|store| store.reschedule_reminder(&key, &date, &limits.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn reminder_settings(state: State<AppState>) -> Reply<ReminderSettings> {
    state.with(|store| store.reminder_settings())
}

#[tauri::command(async)]
pub fn save_reminder_settings(
    state: State<AppState>,
    settings: ReminderSettings,
) -> Reply<ReminderSettings> {
    state.with(|store| store.save_reminder_settings(&settings))
}

/// Asks where to save the calendar (a native dialog), then writes it; the path, or `None` if
/// the user cancelled.
#[tauri::command(async)]
pub fn export_calendar(app: AppHandle, state: State<AppState>) -> Reply<Option<String>> {
    let name = state.with(|store| Ok(store.calendar_file_name()))?;
    let Some(path) = crate::save::choose(&app, &name, "calendar", &["ics"]) else {
        return Ok(None);
    };
    let text = state.with(|store| store.calendar())?;
    let saved = crate::save::write(&path, text, "calendar")?;
    Ok(Some(saved))
}

/// Makes the briefing pack (`format` "pdf" or "html"), asks where to save it (a native dialog,
/// offering a name like "2026-11-28 Briefing - Jane Smith MP.pdf"), writes it and opens it in
/// the system's viewer. The path, or `None` if the user cancelled.
#[tauri::command(async)]
pub fn export_briefing(
    app: AppHandle,
    state: State<AppState>,
    request: BriefingRequest,
    format: String,
) -> Reply<Option<String>> {
    let pack = state.with(|store| store.briefing(&request))?;
    let (extension, kind) = match format.as_str() {
        "html" => ("html", "web page"),
        _ => ("pdf", "PDF"),
    };
    let offered = format!("{}.{extension}", pack.file_name);
    let Some(path) = crate::save::choose(&app, &offered, kind, &[extension]) else {
        return Ok(None);
    };
    let bytes = if extension == "pdf" {
        rapport_pdf::briefing_pdf(&pack).map_err(|error| CommandError {
            code: "pdf",
            message: error.to_string(),
            field: None,
        })?
    } else {
        rapport_core::briefing::to_html(&pack).into_bytes()
    };
    let saved = crate::save::write(&path, bytes, "briefing pack")?;
    crate::save::open(&app, &path);
    Ok(Some(saved))
}

#[tauri::command(async)]
pub fn csv_preview(state: State<AppState>, list: CsvList, text: String) -> Reply<CsvPreview> {
    state.with(|store| store.csv_preview(list, &text))
}

#[tauri::command(async)]
pub fn import_csv(
    state: State<AppState>,
    list: CsvList,
    text: String,
    mapping: Vec<Option<String>>,
) -> Reply<CsvImport> {
    state.with(|store| store.import_csv(list, &text, &mapping))
}

/// Asks where to save the list as CSV, then writes it; the path, or `None` if cancelled.
#[tauri::command(async)]
pub fn export_csv(app: AppHandle, state: State<AppState>, list: CsvList) -> Reply<Option<String>> {
    let text = state.with(|store| store.export_csv(list))?;
    let offered = match list {
        CsvList::People => "Rapport people.csv",
        CsvList::Representatives => "Rapport representatives.csv",
    };
    let Some(path) = crate::save::choose(&app, offered, "CSV file", &["csv"]) else {
        return Ok(None);
    };
    let saved = crate::save::write(&path, text, "list")?;
    Ok(Some(saved))
}

/// Finds the constituency and current MP for a postcode (postcodes.io and the UK Parliament
/// Members API: the only requests the app makes, and only when asked).
#[tauri::command(async)]
pub fn lookup_postcode(postcode: String) -> Reply<PostcodeLookup> {
    let fetch = rapport_net::HttpFetch::new();
    let public = PublicData::from_env(&fetch);
    public.lookup(&postcode).map_err(CommandError::from)
}

/// Puts an MP found by `lookup_postcode` on record (once), with their posts, committees and
/// contact details when Parliament gives them; if it does not, the MP is added all the same
/// and `details_missing` says why.
#[tauri::command(async)]
pub fn add_member(state: State<AppState>, member: Member) -> Reply<AddedMember> {
    let fetch = rapport_net::HttpFetch::new();
    match PublicData::from_env(&fetch).member_record(member.id) {
        Ok(record) => state.with(|store| store.add_member_with(&member, &record)),
        Err(why) => {
            let mut added = state.with(|store| store.add_member(&member))?;
            if added.added {
                added.details_missing = Some(why.to_string());
            }
            Ok(added)
        }
    }
}
