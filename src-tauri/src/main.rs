//! Rapport's desktop shell. It owns the window and the open store; every command converts its
//! arguments, calls one core function and maps the error to `{code, message, field}`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backups;
mod commands;
mod letters;
mod members;
mod notify;
mod sample;
mod save;
mod state;

use tauri::Manager;

fn main() {
    let mut builder = tauri::Builder::default();
    // One app per data folder: a second start on the default folder focuses the first. With
    // RAPPORT_DATA_DIR (tests, portable use) each folder is its own app, and two on one folder
    // still write safely (the store waits its turn).
    if std::env::var_os("RAPPORT_DATA_DIR").is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                draw_without_gpu(&window)?;
            }
            let data_dir = state::data_dir(app.path().app_data_dir().ok())?;
            let state = state::AppState::open(&data_dir);
            // A database that could not be opened is not copied over a good day's backup.
            let daily = state.problem().is_none().then(|| {
                let check = state
                    .with(|store| Ok(store.check_deferred()))
                    .unwrap_or(false);
                (state.path().to_owned(), check)
            });
            app.manage(state);
            if let Some((db, check)) = daily {
                backups::daily(app.handle().clone(), db, check);
            }
            app.manage(members::MembersImportJob::default());
            notify::watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::setup_status,
            commands::set_up,
            commands::catalogue,
            commands::list_people,
            commands::people_page,
            commands::get_person,
            commands::save_person,
            commands::delete_person,
            commands::restore_person,
            commands::list_representatives,
            commands::representatives_page,
            commands::get_representative,
            commands::save_representative,
            commands::delete_representative,
            commands::restore_representative,
            commands::save_interaction,
            commands::get_interaction,
            commands::list_interactions,
            commands::delete_interaction,
            commands::list_campaigns,
            commands::representative_profile,
            commands::representative_timeline,
            commands::seat_history,
            commands::covered_seats,
            commands::cover_seat,
            commands::uncover_seat,
            commands::list_asks,
            commands::list_commitments,
            commands::asks_page,
            commands::commitments_page,
            commands::change_status,
            commands::status_history,
            commands::record_history,
            commands::deleted_records,
            commands::restore_record,
            commands::search,
            commands::agenda,
            commands::complete_reminder,
            commands::reopen_reminder,
            commands::snooze_reminder,
            commands::undo_reminder,
            commands::dismiss_reminder,
            commands::reschedule_reminder,
            commands::reminder_settings,
            commands::save_reminder_settings,
            commands::export_calendar,
            commands::export_briefing,
            commands::csv_preview,
            commands::import_csv,
            commands::export_csv,
            commands::lookup_postcode,
            commands::add_member,
            backups::backups_overview,
            backups::back_up_now,
            backups::restore_backup,
            members::refresh_preview,
            members::apply_refresh,
            members::members_import_status,
            members::start_members_import,
            members::cancel_members_import,
            letters::letter_templates,
            letters::save_letter_template,
            letters::remove_letter_template,
            letters::draft_letter,
            letters::email_letter,
            letters::save_letter_pdf,
            letters::log_letter_sent,
            letters::organisation_address,
            letters::set_organisation_address,
            sample::sample_status,
            sample::explore_sample,
            sample::leave_sample,
        ])
        .run(tauri::generate_context!())
        .expect("Rapport could not start its window");
}

/// Has WebKitGTK draw the page on the CPU rather than through OpenGL. Rapport is forms, lists
/// and text: nothing it draws needs the GPU, and with acceleration WebKit keeps an OpenGL
/// context, its buffers and the shaders compiled for them in the web process. Measured with
/// `scripts/app-figures.sh` (release build under Xvfb, where the OpenGL is Mesa's llvmpipe), the
/// app with its WebKit processes went from 387 to 280 MB (PSS) after start on the large
/// dataset and from 471 to 333 MB after five screens, and started 110 to 170 ms sooner
/// (docs/performance.md, "Memory"). The e2e tests have always seen this rendering: their
/// harness turns off WebKit's DMA-BUF renderer, and without it WebKit chooses this policy.
///
/// A setting of this web view rather than `WEBKIT_DISABLE_COMPOSITING_MODE`, which programs
/// Rapport opens (a mail client or PDF viewer built on WebKitGTK) would inherit. Tauri builds
/// the window and starts loading the page before `setup`, so the web process begins in
/// accelerated mode and leaves it at once, which leaves 8 to 11 MB behind. `setup` runs on the
/// main thread, so `with_webview` calls this at once.
#[cfg(target_os = "linux")]
fn draw_without_gpu(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })
}

#[cfg(not(target_os = "linux"))]
fn draw_without_gpu(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}
