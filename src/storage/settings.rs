//! Key-value settings: thresholds, preferences, the member using this computer.

use rusqlite::{params, Connection, OptionalExtension};

use super::Writer;
use crate::Result;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub(crate) fn set(w: &Writer, key: &str, value: &str) -> Result<()> {
    w.tx.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, value, w.now],
    )?;
    Ok(())
}
