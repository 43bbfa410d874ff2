//! Desktop notifications of what is due: one when the app opens (including what fell due while
//! it was closed), then one whenever something falls due while it runs. Clicking one opens
//! Today. The rules and the words are the core's (`Store::opening_notice`,
//! `Store::newly_due`); this module only watches the clock and shows them.
//!
//! `RAPPORT_NOTIFICATION_LOG=<file>` (tests only) appends each notification to the file as a
//! JSON line instead of showing it.

use std::io::Write;
use std::time::Duration;

use rapport_core::domain::Notice;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How long after start the opening notice is worked out.
const AFTER_START: Duration = Duration::from_secs(2);

/// How often the watch looks at the clock. Reminders fall due at midnight, London time.
const LOOK_EVERY: Duration = Duration::from_secs(60);

/// Starts the watch on its own thread.
pub fn watch(app: AppHandle) {
    std::thread::Builder::new()
        .name("reminder-watch".into())
        .spawn(move || run(app))
        .expect("the reminder watch thread starts");
}

fn run(app: AppHandle) {
    // The window draws Today first: the notice waits until it has, rather than computing the
    // same agenda at the same moment on a 2-core machine.
    std::thread::sleep(AFTER_START);
    let state = app.state::<AppState>();
    match state.with(|store| store.opening_notice()) {
        Ok(Some(notice)) => show(&app, &notice),
        Ok(None) => {}
        Err(error) => eprintln!("Rapport: reminders could not be read: {}", error.message()),
    }
    let Ok(first) = state.with(|store| store.newly_due(None)) else {
        return;
    };
    let mut day = first.date;
    let mut seen = first.due_now;
    loop {
        std::thread::sleep(LOOK_EVERY);
        // The sample's reminders are made up: nothing about them reaches the desktop.
        if state.exploring_sample() {
            continue;
        }
        let Ok(look) = state.with(|store| store.newly_due(Some(&seen))) else {
            continue;
        };
        if look.date != day {
            // The notice is there only if notifications are on.
            if let Some(notice) = &look.notice {
                show(&app, notice);
            }
            day = look.date;
        }
        // What became due during the day (a follow-up logged for today) was seen being made.
        seen = look.due_now;
    }
}

fn show(app: &AppHandle, notice: &Notice) {
    if let Some(path) = std::env::var_os("RAPPORT_NOTIFICATION_LOG") {
        let line = serde_json::json!({ "title": notice.title, "body": notice.body });
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| writeln!(file, "{line}"));
        if let Err(error) = written {
            eprintln!("Rapport: could not log a notification: {error}");
        }
        return;
    }
    show_on_desktop(app, notice);
}

#[cfg(target_os = "linux")]
fn show_on_desktop(app: &AppHandle, notice: &Notice) {
    // The body may carry simple markup on this desktop, so user text in it is escaped.
    let body = notice
        .body
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let shown = notify_rust::Notification::new()
        .appname("Rapport")
        .summary(&notice.title)
        .body(&body)
        .icon("org.rapport.desktop")
        // "default" is what the desktop sends when the notification itself is clicked.
        .action("default", "Open Today")
        .show();
    match shown {
        Ok(handle) => {
            let app = app.clone();
            std::thread::spawn(move || {
                handle.wait_for_action(|action| {
                    if action == "default" {
                        open_today(&app);
                    }
                });
            });
        }
        Err(error) => eprintln!("Rapport: the desktop did not take a notification: {error}"),
    }
}

#[cfg(not(target_os = "linux"))]
fn show_on_desktop(app: &AppHandle, notice: &Notice) {
    use tauri_plugin_notification::NotificationExt;
    if let Err(error) = app
        .notification()
        .builder()
        .title(&notice.title)
        .body(&notice.body)
        .show()
    {
        eprintln!("Rapport: the desktop did not take a notification: {error}");
    }
}

/// Brings the window forward on the Today screen.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn open_today(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.eval("window.location.hash = '#today'");
    }
}
