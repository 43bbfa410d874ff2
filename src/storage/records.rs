//! What every record shares: the audit trail of creates, changes, deletes and restores, each
//! with who, when, and the record before and after.

use rusqlite::ToSql;
use serde_json::Value;
use uuid::Uuid;

use super::Writer;
use crate::domain::AuditAction;
use crate::interchange::row_json;
use crate::{Error, Result};

fn audit(
    w: &Writer,
    table: &'static str,
    id: &dyn ToSql,
    action: AuditAction,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO audit_log (id, subject_table, subject_id, action, changed_at, changed_by, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            &Uuid::now_v7().as_bytes()[..],
            table,
            id,
            action,
            w.now,
            w.author,
            before.map(Value::to_string),
            after.map(Value::to_string),
        ],
    )?;
    Ok(())
}

/// Whether `table` holds record `id`, not deleted. `table` is one of Rapport's own names.
pub(crate) fn exists(conn: &rusqlite::Connection, table: &str, id: &dyn ToSql) -> Result<bool> {
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}

/// Records the creation of `table`'s record `id`, just inserted.
pub(crate) fn created(w: &Writer, table: &'static str, id: &dyn ToSql) -> Result<()> {
    let after = row_json(w.tx, table, id)?;
    audit(w, table, id, AuditAction::Create, None, after.as_ref())
}

/// Runs `change` on record `id`; if it changed anything, stamps the record and audits it.
pub(crate) fn updated(
    w: &Writer,
    table: &'static str,
    id: &dyn ToSql,
    what: &'static str,
    change: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let before = row_json(w.tx, table, id)?
        .filter(|row| row["deleted_at"].is_null())
        .ok_or(Error::NotFound { what })?;
    change()?;
    let unstamped = row_json(w.tx, table, id)?;
    if unstamped.as_ref() == Some(&before) {
        return Ok(());
    }
    stamp(w, table, id)?;
    let after = row_json(w.tx, table, id)?;
    audit(
        w,
        table,
        id,
        AuditAction::Update,
        Some(&before),
        after.as_ref(),
    )
}

/// Soft-deletes (or restores) a record: it is hidden, never erased, and the trail says who did it.
pub(crate) fn set_deleted(
    w: &Writer,
    table: &'static str,
    id: impl ToSql,
    deleted: bool,
) -> Result<()> {
    let before = row_json(w.tx, table, &id)?.ok_or(Error::NotFound { what: "record" })?;
    let was_deleted = !before["deleted_at"].is_null();
    if was_deleted == deleted {
        return Ok(());
    }
    let deleted_at = deleted.then_some(w.now.as_str());
    w.tx.execute(
        &format!("UPDATE {table} SET deleted_at = ?1 WHERE id = ?2"),
        rusqlite::params![deleted_at, id],
    )?;
    stamp(w, table, &id)?;
    let after = row_json(w.tx, table, &id)?;
    let action = if deleted {
        AuditAction::Delete
    } else {
        AuditAction::Restore
    };
    audit(w, table, &id, action, Some(&before), after.as_ref())
}

fn stamp(w: &Writer, table: &'static str, id: &dyn ToSql) -> Result<()> {
    w.tx.execute(
        &format!("UPDATE {table} SET updated_at = ?1, updated_by = ?2 WHERE id = ?3"),
        rusqlite::params![w.now, w.author, id],
    )?;
    Ok(())
}
