//! Following asks, commitments and follow-ups through their lives: the filters of the "Asks &
//! commitments" screen and the status changes recorded with a note and evidence.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{check_length, tidy, AskStatus, CommitmentStatus, PersonKind, Side, SubjectKind};
use crate::ids::{
    AskId, CampaignId, CommitmentId, InteractionId, RepresentativeId, StatusChangeId,
};
use crate::Result;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AskFilter {
    #[serde(default)]
    pub status: Option<AskStatus>,
    /// Only asks still in play.
    #[serde(default)]
    pub open_only: bool,
    #[serde(default)]
    pub representative_id: Option<RepresentativeId>,
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// Only this ask (to read one again after a change).
    #[serde(default)]
    pub id: Option<AskId>,
    /// At most this many, after skipping `offset`: a list pages.
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CommitmentFilter {
    #[serde(default)]
    pub status: Option<CommitmentStatus>,
    #[serde(default)]
    pub side: Option<Side>,
    #[serde(default)]
    pub representative_id: Option<RepresentativeId>,
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// Who promised: `person:ID` or `representative:ID`.
    #[serde(default)]
    pub owner: Option<String>,
    /// Open and past the due date.
    #[serde(default)]
    pub overdue_only: bool,
    /// Only this commitment (to read one again after a change).
    #[serde(default)]
    pub id: Option<CommitmentId>,
    /// At most this many, after skipping `offset`: a list pages.
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: Option<u32>,
}

/// What the People and Representatives lists ask for as someone types: the records whose
/// words hold every word of `text` (case and accents ignored), a page at a time.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NameQuery {
    /// What was typed; empty lists everyone.
    #[serde(default)]
    pub text: String,
    /// Only people of these kinds (the log form's "Their office staff" wants contacts, "From
    /// our group" every other kind); empty is every kind. Representatives ignore it.
    #[serde(default)]
    pub kinds: Vec<PersonKind>,
    /// At most this many, after skipping `offset`; none is all of them.
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: Option<u32>,
}

/// A page of a list, and how many the whole list holds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub total: usize,
}

/// A change of status asked for from the "Asks & commitments" screen.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusChangeInput {
    pub subject_kind: SubjectKind,
    pub id: Uuid,
    /// The new status's code.
    pub status: String,
    #[serde(default)]
    pub note: Option<String>,
    /// A written question number, a letter, a link.
    #[serde(default)]
    pub evidence: Option<String>,
    /// For asks: what they now say about it.
    #[serde(default)]
    pub stated_position: Option<String>,
}

impl StatusChangeInput {
    pub(crate) fn tidied(&self) -> Result<StatusChangeInput> {
        check_length("note", "The note", &self.note)?;
        check_length("evidence", "The evidence", &self.evidence)?;
        check_length("stated_position", "Their position", &self.stated_position)?;
        Ok(StatusChangeInput {
            subject_kind: self.subject_kind,
            id: self.id,
            status: self.status.trim().to_owned(),
            note: tidy(&self.note),
            evidence: tidy(&self.evidence),
            stated_position: tidy(&self.stated_position),
        })
    }
}

/// One step in the life of an ask, commitment or follow-up.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusChange {
    pub id: StatusChangeId,
    /// Labels, as people read them; `from` is empty for the first status.
    pub from_status: Option<String>,
    pub to_status: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub interaction_id: Option<InteractionId>,
    pub changed_at: String,
    pub changed_by: Option<String>,
}

/// A campaign or topic, as pickers list it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Campaign {
    pub id: CampaignId,
    pub name: String,
}
