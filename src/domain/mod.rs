//! Domain types in the users' words: what a record is, what a form may submit, and the rules an
//! input must pass before it is stored. No SQL here.

mod enums;
mod history;
mod interaction;
mod lifecycle;
mod organisation;
mod person;
mod profile;
mod reminder;
mod representative;
mod tracking;

pub use enums::*;
pub use history::{DeletedRecord, FieldChange, HistoryEntry, SearchHit};
pub use interaction::{
    AskInput, AskView, AttendeeInput, CommitmentInput, CommitmentView, FollowUpInput, FollowUpView,
    Interaction, InteractionInput, InteractionSummary, NameRef, Participant, PartyRef,
};
pub(crate) use interaction::{ValidAttendee, ValidInteraction, Who};
pub use lifecycle::Lifecycle;
pub use organisation::{Organisation, SetupInput, SetupStatus};
pub use person::{Person, PersonInput};
pub use profile::{
    ContactChannel, CoveredSeat, Office, Relationship, RepresentativeProfile, SeatHistory,
    SeatTerm, StaffMember,
};
pub(crate) use reminder::due_in_words;
pub use reminder::{
    Agenda, AgendaLimits, AgendaTotals, Notice, Reminder, ReminderAction, ReminderKey,
    ReminderSettings, SnoozeChoices,
};
pub use representative::{Representative, RepresentativeInput, SeatRef};
pub use tracking::{
    AskFilter, Campaign, CommitmentFilter, ListPage, NameQuery, StatusChange, StatusChangeInput,
};

use serde::Serialize;

/// Who recorded a record and who changed it last, as people read it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RecordInfo {
    pub created_at: String,
    pub created_by: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// Every closed set the UI offers, so labels are written once, here.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    pub person_kinds: Vec<Choice>,
    pub lawful_bases: Vec<Choice>,
    pub seat_kinds: Vec<Choice>,
    pub representative_kinds: Vec<Choice>,
    pub office_kinds: Vec<Choice>,
    pub channel_kinds: Vec<Choice>,
    pub interaction_kinds: Vec<Choice>,
    pub directions: Vec<Choice>,
    pub ask_statuses: Vec<Choice>,
    pub commitment_statuses: Vec<Choice>,
    pub follow_up_kinds: Vec<Choice>,
    pub follow_up_statuses: Vec<Choice>,
    pub interaction_statuses: Vec<Choice>,
    pub sides: Vec<Choice>,
    pub template_purposes: Vec<Choice>,
}

pub fn catalogue() -> Catalogue {
    Catalogue {
        person_kinds: PersonKind::choices(),
        lawful_bases: LawfulBasis::choices(),
        seat_kinds: SeatKind::choices(),
        representative_kinds: RepresentativeKind::choices(),
        office_kinds: OfficeKind::choices(),
        channel_kinds: ChannelKind::choices(),
        interaction_kinds: InteractionKind::choices(),
        directions: Direction::choices(),
        ask_statuses: AskStatus::choices(),
        commitment_statuses: CommitmentStatus::choices(),
        follow_up_kinds: FollowUpKind::choices(),
        follow_up_statuses: FollowUpStatus::choices(),
        interaction_statuses: InteractionStatus::choices(),
        sides: Side::choices(),
        template_purposes: TemplatePurpose::choices(),
    }
}

/// Trims a form value; blank means "not given".
pub(crate) fn tidy(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Longest text we accept in one field: generous for notes, small enough to stop a pasted file.
pub(crate) const MAX_TEXT: usize = 100_000;

pub(crate) fn check_length(field: &str, label: &str, value: &Option<String>) -> crate::Result<()> {
    match value {
        Some(v) if v.chars().count() > MAX_TEXT => Err(crate::Error::invalid(
            field,
            format!(
                "{label} is too long ({} characters). Shorten it to under {MAX_TEXT}.",
                v.chars().count()
            ),
        )),
        _ => Ok(()),
    }
}
