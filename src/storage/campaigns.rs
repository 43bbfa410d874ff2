//! The `campaigns` table: the campaigns and topics interactions and asks serve.

use rusqlite::{params, Connection, OptionalExtension};

use super::{records, Writer};
use crate::domain::{Campaign, CampaignScope};
use crate::ids::CampaignId;
use crate::Result;

/// The campaign called `name` (ignoring case), recorded now as a local one if it is new.
pub(crate) fn find_or_create(w: &Writer, name: &str) -> Result<CampaignId> {
    let existing: Option<CampaignId> = w
        .tx
        .query_row(
            "SELECT id FROM campaigns WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY seq LIMIT 1",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = CampaignId::new();
    w.tx.execute(
        "INSERT INTO campaigns (id, name, scope, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)",
        params![id, name, CampaignScope::Local, w.now, w.author],
    )?;
    records::created(w, "campaigns", &id)?;
    Ok(id)
}

/// Every campaign not deleted, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Campaign>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Campaign {
            id: row.get(0)?,
            name: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
