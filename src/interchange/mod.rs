//! The interchange format: every record of every table as JSON, lossless and versioned.
//! `docs/interchange.md` documents it for people; this module is its only reader and writer.
//!
//! Import is all or nothing: every record is checked (types, codes, dates, references between
//! records) before anything is written, the writes share one transaction, and the first
//! problem is reported with the table, record number, id and field.

pub(crate) mod tables;

use std::collections::{BTreeMap, HashSet};

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, ToSql, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

pub mod csv;

pub use tables::{table, Column, Kind, Table, TABLES};

use crate::time::{format_date, format_instant, parse_date, parse_instant};
use crate::{Error, Result};

/// What `format` must say, so a stray JSON file is recognised as not ours.
pub const FORMAT_NAME: &str = "rapport-interchange";
/// The interchange version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

pub type Record = Map<String, Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interchange {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    /// Table name to its records, each a JSON object keyed by column name.
    pub tables: BTreeMap<String, Vec<Record>>,
}

impl Interchange {
    /// Reads an interchange file's text, with a plain message if it is not one.
    pub fn from_json(text: &str) -> Result<Interchange> {
        let file: Interchange = serde_json::from_str(text)
            .map_err(|e| file_error(None, format!("is not a Rapport export ({e}).")))?;
        if file.format != FORMAT_NAME {
            return Err(file_error(
                Some("format"),
                format!("should be \"{FORMAT_NAME}\", not \"{}\".", file.format),
            ));
        }
        if file.version > FORMAT_VERSION || file.version == 0 {
            return Err(file_error(
                Some("version"),
                format!("is {}, but this Rapport reads versions 1 to {FORMAT_VERSION}. Install the latest Rapport.", file.version),
            ));
        }
        Ok(file)
    }

    /// Pretty JSON with a final newline, stable from run to run (keys sorted, records by id).
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).expect("interchange values are plain JSON");
        text.push('\n');
        text
    }

    pub fn record_count(&self) -> usize {
        self.tables.values().map(Vec::len).sum()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportSummary {
    pub records: usize,
    pub tables: BTreeMap<String, usize>,
}

/// A problem with the file as a whole, or with one of its top-level fields.
fn file_error(field: Option<&str>, message: String) -> Error {
    Error::Import {
        record: None,
        field: field.map(str::to_owned),
        message,
    }
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every table's records, ordered by key so the output is stable.
pub(crate) fn export(conn: &Connection, exported_at: String) -> Result<Interchange> {
    let mut out = BTreeMap::new();
    for table in TABLES {
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            column_list(table),
            table.name,
            table.key
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut records = Vec::new();
        while let Some(row) = rows.next()? {
            records.push(record_from_row(table, row)?);
        }
        out.insert(table.name.to_owned(), records);
    }
    Ok(Interchange {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        exported_at,
        tables: out,
    })
}

fn record_from_row(table: &Table, row: &rusqlite::Row) -> Result<Record> {
    let mut record = Map::new();
    for (i, column) in table.columns.iter().enumerate() {
        let value = match (row.get_ref(i)?, column.kind) {
            (ValueRef::Null, _) => Value::Null,
            (ValueRef::Blob(bytes), Kind::Id | Kind::Ref(_) | Kind::AnyId) => {
                match Uuid::from_slice(bytes) {
                    Ok(id) => Value::String(id.hyphenated().to_string()),
                    Err(_) => return Err(corrupt(table, column)),
                }
            }
            (ValueRef::Integer(n), Kind::Bool) => Value::Bool(n != 0),
            (ValueRef::Integer(n), Kind::Int) => Value::from(n),
            (ValueRef::Text(text), _) => Value::String(String::from_utf8_lossy(text).into_owned()),
            _ => return Err(corrupt(table, column)),
        };
        record.insert(column.name.to_owned(), value);
    }
    Ok(record)
}

fn corrupt(table: &Table, column: &Column) -> Error {
    Error::Sqlite(rusqlite::Error::InvalidColumnType(
        0,
        format!("{}.{}", table.name, column.name),
        rusqlite::types::Type::Blob,
    ))
}

/// One record as JSON, deleted or not: the audit trail's "before" and "after".
pub(crate) fn row_json(
    conn: &Connection,
    table_name: &'static str,
    key: &dyn ToSql,
) -> Result<Option<Value>> {
    let table = table(table_name).expect("every audited table is in the interchange list");
    let sql = format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        column_list(table),
        table.name,
        table.key
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([key])?;
    match rows.next()? {
        Some(row) => Ok(Some(Value::Object(record_from_row(table, row)?))),
        None => Ok(None),
    }
}

/// Checks the whole file, then writes every record in `tx`. The database must be empty.
pub(crate) fn import(tx: &Transaction, file: &Interchange) -> Result<ImportSummary> {
    for name in file.tables.keys() {
        if table(name).is_none() {
            return Err(file_error(
                Some("tables"),
                format!("list \"{name}\", which is not a table Rapport knows."),
            ));
        }
    }
    ensure_empty(tx)?;

    // Every id in the file, by table, so references can be checked before writing.
    let mut ids: BTreeMap<&str, HashSet<Uuid>> = BTreeMap::new();
    for table in TABLES {
        let mut seen = HashSet::new();
        for (index, record) in records_of(file, table).iter().enumerate() {
            if table.key == "id" {
                let id = match record.get("id") {
                    Some(Value::String(text)) => Uuid::parse_str(text).ok(),
                    _ => None,
                };
                let id = id.ok_or_else(|| {
                    record_error(
                        table,
                        index,
                        record,
                        Some("id"),
                        "needs an id like 0192f1c4-7b1e-7cc0-8000-000000000000.",
                    )
                })?;
                if !seen.insert(id) {
                    return Err(record_error(
                        table,
                        index,
                        record,
                        Some("id"),
                        "appears twice in this table.",
                    ));
                }
            }
        }
        ids.insert(table.name, seen);
    }

    let mut summary = ImportSummary {
        records: 0,
        tables: BTreeMap::new(),
    };
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    // What Today keeps is built once at the end, not worked out again for every row.
    crate::storage::kept_state::pause(tx)?;
    for table in TABLES {
        let records = records_of(file, table);
        let placeholders = vec!["?"; table.columns.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({placeholders})",
            table.name,
            column_list(table)
        );
        let mut stmt = tx.prepare(&sql)?;
        for (index, record) in records.iter().enumerate() {
            let values = record_values(table, index, record, &ids)?;
            stmt.execute(rusqlite::params_from_iter(values))
                .map_err(|e| {
                    record_error(
                        table,
                        index,
                        record,
                        None,
                        &format!("breaks a rule of the database ({e})."),
                    )
                })?;
        }
        summary.records += records.len();
        summary.tables.insert(table.name.to_owned(), records.len());
    }
    crate::storage::kept_state::rebuild_and_resume(tx)?;
    Ok(summary)
}

fn records_of<'f>(file: &'f Interchange, table: &Table) -> &'f [Record] {
    file.tables
        .get(table.name)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn ensure_empty(conn: &Connection) -> Result<()> {
    for table in TABLES {
        let count: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {}", table.name), [], |row| {
                row.get(0)
            })?;
        if count > 0 {
            return Err(file_error(
                None,
                "cannot go into this database, which already has records. Import into a new, empty data folder.".into(),
            ));
        }
    }
    Ok(())
}

fn record_error(
    table: &Table,
    index: usize,
    record: &Record,
    field: Option<&str>,
    message: &str,
) -> Error {
    let key = record
        .get(table.key)
        .and_then(Value::as_str)
        .map(|k| format!(", {} {k}", table.key))
        .unwrap_or_default();
    Error::Import {
        record: Some(format!("{} record {}{key}", table.name, index + 1)),
        field: field.map(str::to_owned),
        message: message.to_owned(),
    }
}

/// One record's values in column order, each checked against its column.
fn record_values(
    table: &Table,
    index: usize,
    record: &Record,
    ids: &BTreeMap<&str, HashSet<Uuid>>,
) -> Result<Vec<SqlValue>> {
    if let Some(extra) = record
        .keys()
        .find(|k| !table.columns.iter().any(|c| c.name == k.as_str()))
    {
        return Err(record_error(
            table,
            index,
            record,
            Some(extra),
            &format!("is not a field of {}.", table.name),
        ));
    }
    let fail = |column: &Column, message: String| {
        record_error(table, index, record, Some(column.name), &message)
    };
    let mut values = Vec::with_capacity(table.columns.len());
    for column in table.columns {
        let value = record.get(column.name).unwrap_or(&Value::Null);
        if value.is_null() {
            if column.optional {
                values.push(SqlValue::Null);
                continue;
            }
            return Err(fail(column, "is required.".into()));
        }
        let as_text = || {
            value
                .as_str()
                .ok_or_else(|| fail(column, "should be text.".into()))
        };
        let as_uuid = || {
            value
                .as_str()
                .and_then(|t| Uuid::parse_str(t).ok())
                .ok_or_else(|| {
                    fail(
                        column,
                        "should be an id like 0192f1c4-7b1e-7cc0-8000-000000000000.".into(),
                    )
                })
        };
        let sql = match column.kind {
            Kind::Id | Kind::AnyId => SqlValue::Blob(as_uuid()?.as_bytes().to_vec()),
            Kind::Ref(target) => {
                let id = as_uuid()?;
                if !ids.get(target).is_some_and(|set| set.contains(&id)) {
                    return Err(fail(
                        column,
                        format!("refers to {target} record {id}, which is not in the file."),
                    ));
                }
                SqlValue::Blob(id.as_bytes().to_vec())
            }
            Kind::Text => SqlValue::Text(as_text()?.to_owned()),
            Kind::Int => SqlValue::Integer(
                value
                    .as_i64()
                    .ok_or_else(|| fail(column, "should be a whole number.".into()))?,
            ),
            Kind::Bool => SqlValue::Integer(
                value
                    .as_bool()
                    .ok_or_else(|| fail(column, "should be true or false.".into()))?
                    as i64,
            ),
            Kind::Date => {
                let text = as_text()?;
                let date = parse_date(text).ok_or_else(|| {
                    fail(
                        column,
                        format!("\"{text}\" should be a date like 2026-11-24."),
                    )
                })?;
                SqlValue::Text(format_date(date))
            }
            Kind::Instant => {
                let text = as_text()?;
                let at = parse_instant(text).ok_or_else(|| {
                    fail(
                        column,
                        format!("\"{text}\" should be a time like 2026-11-24T09:30:00.000Z."),
                    )
                })?;
                SqlValue::Text(format_instant(at))
            }
            Kind::Code(codes) => {
                let text = as_text()?;
                let allowed: Vec<&str> = codes().iter().map(|c| c.code).collect();
                if !allowed.contains(&text) {
                    return Err(fail(
                        column,
                        format!("\"{text}\" should be one of: {}.", allowed.join(", ")),
                    ));
                }
                SqlValue::Text(text.to_owned())
            }
            Kind::TableName => {
                let text = as_text()?;
                if tables::table(text).is_none() {
                    return Err(fail(
                        column,
                        format!("\"{text}\" is not a table Rapport knows."),
                    ));
                }
                SqlValue::Text(text.to_owned())
            }
        };
        values.push(sql);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns kept by triggers from other records (migrations 0003 and 0006): rebuilt, never
    /// exported.
    const DERIVED_COLUMNS: &[(&str, &str)] = &[
        ("interaction_participants", "occurred_at"),
        ("asks", "listed_at"),
    ];

    /// Tables kept by triggers from other records (migration 0007), and the flag that pauses
    /// them during a load: rebuilt, never exported.
    const DERIVED_TABLES: &[&str] = &[
        "representative_contacts",
        "thank_you_pending",
        "kept_state_paused",
    ];

    #[test]
    fn the_description_matches_the_live_schema() {
        let store = crate::Store::open_in_memory().unwrap();
        let conn = store.connection_for_tests();
        let mut live: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        live.retain(|table| !DERIVED_TABLES.contains(&table.as_str()));
        live.sort();
        let mut described: Vec<String> = TABLES.iter().map(|t| t.name.to_owned()).collect();
        described.sort();
        assert_eq!(
            live, described,
            "every table is carried by the interchange format"
        );

        for table in TABLES {
            let columns: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}') WHERE name <> 'seq' ORDER BY cid",
                    table.name
                ))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let columns: Vec<String> = columns
                .into_iter()
                .filter(|c| !DERIVED_COLUMNS.contains(&(table.name, c.as_str())))
                .collect();
            let described: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
            assert_eq!(columns, described, "columns of {}", table.name);
        }
    }

    #[test]
    fn a_stray_json_file_is_refused_with_a_plain_message() {
        let err = Interchange::from_json("{\"hello\": 1}").unwrap_err();
        assert_eq!(err.code(), "import");
        assert!(err.to_string().contains("not a Rapport export"), "{err}");

        let newer = r#"{"format":"rapport-interchange","version":99,"exported_at":"2026-11-24T09:00:00.000Z","tables":{}}"#;
        let err = Interchange::from_json(newer).unwrap_err();
        assert!(err.to_string().contains("\"version\" is 99"), "{err}");
    }
}
