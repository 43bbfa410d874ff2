//! A record's history as people read it, from the audit trail: who recorded it, and each later
//! change field by field. Also the records deleted softly, and bringing them back.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{interactions, records, search, Writer};
use crate::domain::{AuditAction, DeletedRecord, FieldChange, HistoryEntry, SubjectKind};
use crate::ids::InteractionId;
use crate::interchange::tables::{self, Kind, Table};
use crate::time::{long_date_of_day, long_date_time_of};
use crate::{Error, Result};

/// The tables whose records people can open, delete and restore, with what each holds and the
/// SQL for a record's name.
const RESTORABLE: &[(&str, SubjectKind, &str)] = &[
    ("people", SubjectKind::Person, "t.full_name"),
    (
        "representatives",
        SubjectKind::Representative,
        "t.full_name",
    ),
    (
        "interactions",
        SubjectKind::Interaction,
        "coalesce(t.subject, '')",
    ),
    ("asks", SubjectKind::Ask, "t.title"),
    ("commitments", SubjectKind::Commitment, "t.description"),
    ("follow_ups", SubjectKind::FollowUp, "t.description"),
    ("campaigns", SubjectKind::Campaign, "t.name"),
];

fn known_table(name: &str) -> Result<&'static Table> {
    tables::table(name)
        .filter(|t| t.key == "id" && t.name != "audit_log")
        .ok_or_else(|| Error::invalid("table", format!("Rapport keeps no history for “{name}”.")))
}

/// "primary_contact_id" -> "Primary contact".
fn field_label(column: &str) -> String {
    let special = match column {
        "occurred_at" => Some("When"),
        "subject" => Some("Topics"),
        "deleted_at" => Some("Deleted"),
        _ => None,
    };
    if let Some(label) = special {
        return label.to_owned();
    }
    let words = column
        .strip_suffix("_id")
        .unwrap_or(column)
        .replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A stored value as people read it: names for references, labels for codes, UK dates.
fn display(conn: &Connection, kind: Kind, value: &Value) -> Result<Option<String>> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::Bool(b) => return Ok(Some(if *b { "Yes" } else { "No" }.to_owned())),
        Value::Number(n) => return Ok(Some(n.to_string())),
        Value::String(text) => text,
        other => return Ok(Some(other.to_string())),
    };
    Ok(Some(match kind {
        Kind::Code(choices) => choices()
            .into_iter()
            .find(|c| c.code == text)
            .map_or_else(|| text.clone(), |c| c.label.to_owned()),
        Kind::Date => long_date_of_day(text),
        Kind::Instant => long_date_time_of(text),
        Kind::Ref(table) => {
            name_of(conn, table, text)?.unwrap_or_else(|| "a record since removed".to_owned())
        }
        _ => text.clone(),
    }))
}

/// The name of a referenced record, for people to read.
fn name_of(conn: &Connection, table: &str, id: &str) -> Result<Option<String>> {
    let Ok(id) = Uuid::parse_str(id) else {
        return Ok(None);
    };
    if table == "interactions" {
        return Ok(Some(search::interaction_line(conn, id)?));
    }
    let column = match table {
        "people" | "representatives" => "full_name",
        "seats" | "campaigns" | "organisations" => "name",
        "asks" => "title",
        "commitments" | "follow_ups" => "description",
        _ => return Ok(None),
    };
    Ok(conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE id = ?1"),
            [&id.as_bytes()[..]],
            |row| row.get(0),
        )
        .optional()?)
}

/// What changed between two snapshots of a record, leaving out the stamp columns.
fn changes(
    conn: &Connection,
    table: &Table,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> Result<Vec<FieldChange>> {
    let mut out = Vec::new();
    for column in table.columns {
        if matches!(
            column.name,
            "id" | "created_at" | "created_by" | "updated_at" | "updated_by" | "deleted_at"
        ) {
            continue;
        }
        let (old, new) = (
            before.get(column.name).unwrap_or(&Value::Null),
            after.get(column.name).unwrap_or(&Value::Null),
        );
        if old != new {
            out.push(FieldChange {
                field: field_label(column.name),
                before: display(conn, column.kind, old)?,
                after: display(conn, column.kind, new)?,
            });
        }
    }
    Ok(out)
}

/// Every entry of a record's history, oldest first.
pub(crate) fn record_history(
    conn: &Connection,
    table_name: &str,
    id: Uuid,
) -> Result<Vec<HistoryEntry>> {
    let table = known_table(table_name)?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.action, a.changed_at, p.full_name, a.before_json, a.after_json
           FROM audit_log a LEFT JOIN people p ON p.id = a.changed_by
          WHERE a.subject_id = ?1 AND a.subject_table = ?2
          ORDER BY a.changed_at, a.seq",
    )?;
    let rows = stmt.query_map(params![&id.as_bytes()[..], table.name], |row| {
        Ok((
            row.get::<_, AuditAction>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (action, changed_at, changed_by, before, after) = row?;
        let parse = |json: Option<String>| {
            json.and_then(|j| serde_json::from_str::<Map<String, Value>>(&j).ok())
                .unwrap_or_default()
        };
        let changes = match action {
            AuditAction::Update => changes(conn, table, &parse(before), &parse(after))?,
            _ => Vec::new(),
        };
        if action == AuditAction::Update && changes.is_empty() {
            continue;
        }
        out.push(HistoryEntry {
            action,
            changed_at,
            changed_by,
            changes,
        });
    }
    Ok(out)
}

/// Records deleted softly, newest first. What was deleted along with an interaction is
/// restored with it, so it is not listed separately.
pub(crate) fn deleted_records(conn: &Connection, limit: i64) -> Result<Vec<DeletedRecord>> {
    let mut out = Vec::new();
    for (table, kind, name) in RESTORABLE {
        let along = if matches!(*table, "asks" | "commitments" | "follow_ups") {
            "AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.id = t.interaction_id AND i.deleted_at = t.deleted_at)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT t.id, {name}, t.deleted_at, p.full_name FROM {table} t LEFT JOIN people p ON p.id = t.updated_by
              WHERE t.deleted_at IS NOT NULL {along} ORDER BY t.deleted_at DESC LIMIT ?1"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([limit], |row| {
            Ok((
                row.get::<_, Vec<u8>>(0)?,
                row.get::<_, String>(1)?,
                row.get(2)?,
                row.get(3)?,
            ))
        })?;
        for row in rows {
            let (id, label, deleted_at, deleted_by) = row?;
            let Ok(id) = Uuid::from_slice(&id) else {
                continue;
            };
            let label = if *kind == SubjectKind::Interaction {
                search::interaction_line(conn, id)?
            } else {
                label
            };
            out.push(DeletedRecord {
                table,
                kind: *kind,
                id,
                label,
                deleted_at,
                deleted_by,
            });
        }
    }
    out.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
    out.truncate(limit.max(0) as usize);
    Ok(out)
}

/// Brings a deleted record back; an interaction comes back with everything deleted with it.
pub(crate) fn restore(w: &Writer, table_name: &str, id: Uuid) -> Result<()> {
    let Some((table, ..)) = RESTORABLE.iter().find(|(t, ..)| *t == table_name) else {
        return Err(Error::invalid(
            "table",
            format!("Records of “{table_name}” cannot be restored here."),
        ));
    };
    if *table == "interactions" {
        return interactions::set_deleted(w, InteractionId(id), false);
    }
    records::set_deleted(w, table, &id.as_bytes()[..], false)
}

#[cfg(test)]
mod tests {
    use super::field_label;

    #[test]
    fn columns_read_as_words() {
        assert_eq!(field_label("primary_contact_id"), "Primary contact");
        assert_eq!(field_label("stated_position"), "Stated position");
        assert_eq!(field_label("occurred_at"), "When");
    }
}
