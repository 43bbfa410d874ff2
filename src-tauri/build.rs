// Our own commands are listed here so Tauri generates an `allow-…` permission for each; the
// window may call only those granted in capabilities/main.json (as `allow-<name-in-kebab-case>`).
// Keep in step with main.rs.
const COMMANDS: &[&str] = &[
    "setup_status",
    "set_up",
    "catalogue",
    "list_people",
    "save_person",
    "delete_person",
    "restore_person",
    "list_representatives",
    "save_representative",
    "delete_representative",
    "restore_representative",
    "save_interaction",
    "get_interaction",
    "list_interactions",
    "delete_interaction",
    "list_campaigns",
    "representative_profile",
    "representative_timeline",
    "seat_history",
    "covered_seats",
    "cover_seat",
    "uncover_seat",
    "list_asks",
    "list_commitments",
    "change_status",
    "status_history",
    "record_history",
    "deleted_records",
    "restore_record",
    "search",
    "agenda",
    "complete_reminder",
    "reopen_reminder",
    "snooze_reminder",
    "undo_reminder",
    "dismiss_reminder",
    "reschedule_reminder",
    "reminder_settings",
    "save_reminder_settings",
    "export_calendar",
    "export_briefing",
    "csv_preview",
    "import_csv",
    "export_csv",
    "lookup_postcode",
    "add_member",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("Tauri build step failed");
}
