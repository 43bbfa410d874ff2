//! What the record says about itself: who recorded it, every later change, and the records
//! deleted softly that can be brought back. Also the shape of a search hit.

use serde::Serialize;
use uuid::Uuid;

use super::{AuditAction, SubjectKind};

/// One field that changed, with its label and the values as people read them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One entry in a record's history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HistoryEntry {
    pub action: AuditAction,
    pub changed_at: String,
    pub changed_by: Option<String>,
    /// For a change: the fields that changed. Empty for create, delete and restore.
    pub changes: Vec<FieldChange>,
}

/// A record deleted softly, which can be restored.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeletedRecord {
    pub table: &'static str,
    pub kind: SubjectKind,
    pub id: Uuid,
    /// What it is called: a name, an ask's title, "Surgery meeting, 20 November 2026".
    pub label: String,
    pub deleted_at: String,
    pub deleted_by: Option<String>,
}

/// One search result. `title` and `snippet` mark matched words between U+0002 and U+0003, so
/// the UI can highlight them without ever treating the text as markup.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub kind: SubjectKind,
    pub id: Uuid,
    pub title: String,
    pub snippet: String,
    /// Where it sits: "Surgery meeting with Jane Smith, 20 November 2026".
    pub context: String,
    /// The screen to open: the interaction for asks, commitments and follow-ups made in one,
    /// the representative for a representative.
    pub interaction_id: Option<Uuid>,
    pub representative_id: Option<Uuid>,
    pub rank: f64,
}
