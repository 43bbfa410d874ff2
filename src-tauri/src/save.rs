//! Where the user wants a file saved: the native save dialog, asked from Rust so the window
//! needs no dialog permission. `RAPPORT_SAVE_DIR=<dir>` (tests only) skips the dialog and
//! saves under the offered name in that folder, and nothing is opened afterwards.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The path chosen, or `None` if the user cancelled.
pub fn choose(
    app: &AppHandle,
    offered_name: &str,
    kind: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("RAPPORT_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(offered_name));
    }
    app.dialog()
        .file()
        .set_title(format!("Save the {kind}"))
        .set_file_name(offered_name)
        .add_filter(kind, extensions)
        .blocking_save_file()
        .and_then(|path| path.into_path().ok())
}

/// Writes `bytes` to `path`, the file the person chose; the path as they should see it, or why
/// the `what` ("calendar", "letter", …) could not be saved.
pub fn write(
    path: &std::path::Path,
    bytes: impl AsRef<[u8]>,
    what: &str,
) -> Result<String, crate::commands::CommandError> {
    std::fs::write(path, bytes).map_err(|error| {
        crate::commands::CommandError::new(
            "io",
            format!(
                "The {what} could not be saved to {}: {error}. Choose another folder.",
                path.display()
            ),
        )
    })?;
    Ok(path.display().to_string())
}

/// Opens a file just saved in the system's own viewer (a PDF reader, a browser). A failure is
/// only logged: the file is saved, and its path is shown to the user.
pub fn open(app: &AppHandle, path: &std::path::Path) {
    use tauri_plugin_opener::OpenerExt;
    if std::env::var_os("RAPPORT_SAVE_DIR").is_some() {
        return;
    }
    if let Err(error) = app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
    {
        eprintln!("Rapport: could not open {}: {error}", path.display());
    }
}

/// Opens a `mailto:` address in the system's mail program. Under tests (`RAPPORT_SAVE_DIR`)
/// the address is written to `mailto.txt` there instead, so nothing is launched.
pub fn open_mail(app: &AppHandle, url: &str) -> Result<(), String> {
    use tauri_plugin_opener::OpenerExt;
    if let Some(dir) = std::env::var_os("RAPPORT_SAVE_DIR") {
        return std::fs::write(PathBuf::from(dir).join("mailto.txt"), url)
            .map_err(|e| e.to_string());
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|error| error.to_string())
}
