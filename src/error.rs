//! The one error type callers see. Each case has a stable `code()` the UI switches on, and a
//! message in plain English that says what to do.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the user can fix; `field` names the form field the message belongs next to.
    #[error("{message}")]
    Invalid { field: String, message: String },

    #[error("That {what} no longer exists. It may have been deleted on another screen.")]
    NotFound { what: &'static str },

    #[error("Rapport has not been set up on this computer yet: give your organisation's name and your own name first.")]
    NotSetUp,

    #[error(
        "This database was saved by a newer version of Rapport (data format {found}; this version reads up to {supported}). \
         Install the latest Rapport to open it. The file has not been changed."
    )]
    TooNew { found: u32, supported: u32 },

    #[error("{} is not a Rapport database, or it is damaged. Nothing was changed.", path.display())]
    NotADatabase { path: PathBuf },

    #[error(
        "The database {} is damaged (SQLite's check found: {detail}). Rapport has not written to it. \
         Restore the newest good backup to carry on; the damaged file is kept as it is.",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },

    /// A large database opened without its full check (`Store::check_deferred`): nothing is
    /// written until the check has passed.
    #[error(
        "Rapport is still checking your database before it changes anything (a large one takes a few seconds). \
         Try again in a moment: nothing you typed is lost."
    )]
    Checking,

    #[error("Could not open {}: {source}. Check that the folder exists and that you may write to it.", path.display())]
    CannotOpen {
        path: PathBuf,
        source: rusqlite::Error,
    },

    /// A bad interchange file. `record` says which record ("people record 3, id …") and
    /// `field` which field, when the problem is in one.
    #[error("Nothing was imported. {}", import_message(record.as_deref(), field.as_deref(), message))]
    Import {
        record: Option<String>,
        field: Option<String>,
        message: String,
    },

    #[error("Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn import_message(record: Option<&str>, field: Option<&str>, message: &str) -> String {
    match (record, field) {
        (Some(record), Some(field)) => format!("In {record}, field \"{field}\" {message}"),
        (Some(record), None) => format!("{record} {message}"),
        (None, Some(field)) => format!("The file's \"{field}\" {message}"),
        (None, None) => format!("The file {message}"),
    }
}

impl Error {
    /// A stable, machine-readable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::NotSetUp => "not_set_up",
            Error::TooNew { .. } => "too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::Damaged { .. } => "damaged",
            Error::Checking => "checking",
            Error::CannotOpen { .. } => "cannot_open",
            Error::Import { .. } => "import",
            Error::Sqlite(_) => "database",
        }
    }

    /// The form field a validation message belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Import { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Error {
        Error::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}
