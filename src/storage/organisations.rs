//! The `organisations` table: our group (one per database for now).

use rusqlite::{params, Connection, OptionalExtension};

use super::{records, Writer};
use crate::domain::Organisation;
use crate::ids::OrganisationId;
use crate::Result;

/// Our organisation: the first one recorded and not deleted.
pub(crate) fn ours(conn: &Connection) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row(
            "SELECT id, name FROM organisations WHERE deleted_at IS NULL ORDER BY seq LIMIT 1",
            [],
            |row| {
                Ok(Organisation {
                    id: row.get(0)?,
                    name: row.get(1)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert(w: &Writer, name: &str) -> Result<OrganisationId> {
    let id = OrganisationId::new();
    w.tx.execute(
        "INSERT INTO organisations (id, name, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?3, ?4)",
        params![id, name, w.now, w.author],
    )?;
    records::created(w, "organisations", &id)?;
    Ok(id)
}
