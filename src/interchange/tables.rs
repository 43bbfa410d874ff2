//! The shape of every table as the interchange format carries it: column names in schema order
//! (without the local `seq`) and what each holds. Export, import validation and the audit
//! trail's before/after records all read this one description; a test checks it against the
//! live schema, so a column added by a migration cannot be forgotten here.

use crate::domain::*;

#[derive(Clone, Copy)]
pub enum Kind {
    /// The record's own UUID.
    Id,
    /// A UUID that must name a record of this table.
    Ref(&'static str),
    /// A UUID of a record in a table named by another column (tags, status changes, audit).
    AnyId,
    Text,
    Int,
    Bool,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A UTC instant, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    Instant,
    /// One of a closed set of codes, each with its label.
    Code(fn() -> Vec<Choice>),
    /// The name of a table in this list.
    TableName,
}

#[derive(Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub optional: bool,
}

pub struct Table {
    pub name: &'static str,
    /// The column that identifies a record: `id`, or `key` for settings.
    pub key: &'static str,
    pub columns: &'static [Column],
}

const fn req(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        optional: false,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        optional: true,
    }
}

fn codes<E: CodeEnum>() -> Vec<Choice> {
    E::choices()
}

const PEOPLE: Kind = Kind::Ref("people");

/// A domain table: `id`, its own columns, then the authorship and tombstone columns.
macro_rules! record_table {
    ($name:literal, [$($column:expr),* $(,)?] $(, added later: [$($later:expr),* $(,)?])?) => {
        Table {
            name: $name,
            key: "id",
            columns: &[
                req("id", Kind::Id),
                $($column,)*
                req("created_at", Kind::Instant),
                opt("created_by", PEOPLE),
                req("updated_at", Kind::Instant),
                opt("updated_by", PEOPLE),
                opt("deleted_at", Kind::Instant),
                // Columns a later migration appended, after the record's own.
                $($($later,)*)?
            ],
        }
    };
}

/// Every table, in the order import writes them (the file itself lists tables alphabetically).
pub static TABLES: &[Table] = &[
    record_table!(
        "people",
        [
            req("full_name", Kind::Text),
            req("kind", Kind::Code(codes::<PersonKind>)),
            opt("role_title", Kind::Text),
            opt("organisation_name", Kind::Text),
            opt("email", Kind::Text),
            opt("phone", Kind::Text),
            opt("address", Kind::Text),
            opt("postcode", Kind::Text),
            opt("lawful_basis", Kind::Code(codes::<LawfulBasis>)),
            opt("consent_notes", Kind::Text),
            opt("notes", Kind::Text),
        ]
    ),
    record_table!(
        "organisations",
        [
            req("name", Kind::Text),
            opt("address", Kind::Text),
            opt("notes", Kind::Text),
        ]
    ),
    record_table!(
        "seats",
        [
            req("name", Kind::Text),
            req("kind", Kind::Code(codes::<SeatKind>)),
            opt("area_code", Kind::Text),
            opt("notes", Kind::Text),
        ]
    ),
    record_table!(
        "organisation_seats",
        [
            req("organisation_id", Kind::Ref("organisations")),
            req("seat_id", Kind::Ref("seats")),
        ]
    ),
    record_table!(
        "representatives",
        [
            req("full_name", Kind::Text),
            opt("form_of_address", Kind::Text),
            req("kind", Kind::Code(codes::<RepresentativeKind>)),
            opt("party", Kind::Text),
            opt("parliament_member_id", Kind::Int),
            opt("interests", Kind::Text),
            opt("preferred_contact", Kind::Text),
            opt("surgery_pattern", Kind::Text),
            opt("notes", Kind::Text),
            opt("primary_contact_id", PEOPLE),
            opt("contact_cadence_days", Kind::Int),
        ]
    ),
    record_table!(
        "offices",
        [
            req("representative_id", Kind::Ref("representatives")),
            req("kind", Kind::Code(codes::<OfficeKind>)),
            req("title", Kind::Text),
            opt("seat_id", Kind::Ref("seats")),
            opt("start_date", Kind::Date),
            opt("end_date", Kind::Date),
            opt("source", Kind::Text),
        ]
    ),
    record_table!(
        "contact_channels",
        [
            req("representative_id", Kind::Ref("representatives")),
            req("kind", Kind::Code(codes::<ChannelKind>)),
            opt("label", Kind::Text),
            req("value", Kind::Text),
            req("is_preferred", Kind::Bool),
        ],
        added later: [opt("source", Kind::Text)]
    ),
    record_table!(
        "office_staff",
        [
            req("representative_id", Kind::Ref("representatives")),
            req("person_id", PEOPLE),
            opt("role", Kind::Text),
            opt("start_date", Kind::Date),
            opt("end_date", Kind::Date),
        ]
    ),
    record_table!(
        "campaigns",
        [
            req("name", Kind::Text),
            req("scope", Kind::Code(codes::<CampaignScope>)),
            opt("description", Kind::Text),
        ]
    ),
    record_table!(
        "interactions",
        [
            req("kind", Kind::Code(codes::<InteractionKind>)),
            req("direction", Kind::Code(codes::<Direction>)),
            req("status", Kind::Code(codes::<InteractionStatus>)),
            req("occurred_at", Kind::Instant),
            opt("duration_minutes", Kind::Int),
            opt("place", Kind::Text),
            opt("subject", Kind::Text),
            opt("summary", Kind::Text),
            opt("private_impressions", Kind::Text),
            opt("purpose", Kind::Text),
            opt("key_messages", Kind::Text),
            opt("documents_to_bring", Kind::Text),
            opt("on_behalf_of_id", PEOPLE),
            opt("in_reply_to_id", Kind::Ref("interactions")),
            opt("campaign_id", Kind::Ref("campaigns")),
        ]
    ),
    record_table!(
        "interaction_participants",
        [
            req("interaction_id", Kind::Ref("interactions")),
            req("side", Kind::Code(codes::<Side>)),
            opt("person_id", PEOPLE),
            opt("representative_id", Kind::Ref("representatives")),
            opt("role", Kind::Text),
        ]
    ),
    record_table!(
        "attachments",
        [
            req("interaction_id", Kind::Ref("interactions")),
            req("file_name", Kind::Text),
            opt("media_type", Kind::Text),
            opt("size_bytes", Kind::Int),
            opt("sha256", Kind::Text),
            opt("stored_path", Kind::Text),
        ]
    ),
    record_table!(
        "asks",
        [
            req("representative_id", Kind::Ref("representatives")),
            opt("campaign_id", Kind::Ref("campaigns")),
            opt("interaction_id", Kind::Ref("interactions")),
            req("title", Kind::Text),
            opt("detail", Kind::Text),
            req("status", Kind::Code(codes::<AskStatus>)),
            opt("stated_position", Kind::Text),
            opt("evidence", Kind::Text),
        ]
    ),
    record_table!(
        "commitments",
        [
            opt("interaction_id", Kind::Ref("interactions")),
            opt("ask_id", Kind::Ref("asks")),
            req("side", Kind::Code(codes::<Side>)),
            opt("person_id", PEOPLE),
            opt("representative_id", Kind::Ref("representatives")),
            req("description", Kind::Text),
            opt("due_date", Kind::Date),
            req("status", Kind::Code(codes::<CommitmentStatus>)),
        ]
    ),
    record_table!(
        "follow_ups",
        [
            req("kind", Kind::Code(codes::<FollowUpKind>)),
            req("description", Kind::Text),
            opt("owner_id", PEOPLE),
            opt("representative_id", Kind::Ref("representatives")),
            opt("interaction_id", Kind::Ref("interactions")),
            opt("commitment_id", Kind::Ref("commitments")),
            req("due_date", Kind::Date),
            opt("snoozed_until", Kind::Date),
            req("status", Kind::Code(codes::<FollowUpStatus>)),
            opt("done_at", Kind::Instant),
        ]
    ),
    record_table!(
        "status_changes",
        [
            req("subject_kind", Kind::Code(codes::<SubjectKind>)),
            req("subject_id", Kind::AnyId),
            opt("from_status", Kind::Text),
            req("to_status", Kind::Text),
            opt("note", Kind::Text),
            opt("evidence", Kind::Text),
            opt("interaction_id", Kind::Ref("interactions")),
            req("changed_at", Kind::Instant),
        ]
    ),
    record_table!("tags", [req("name", Kind::Text),]),
    record_table!(
        "taggings",
        [
            req("tag_id", Kind::Ref("tags")),
            req("subject_kind", Kind::Code(codes::<SubjectKind>)),
            req("subject_id", Kind::AnyId),
        ]
    ),
    record_table!(
        "letter_templates",
        [
            req("name", Kind::Text),
            req("purpose", Kind::Code(codes::<TemplatePurpose>)),
            opt("subject", Kind::Text),
            req("body", Kind::Text),
        ]
    ),
    record_table!(
        "reminder_dismissals",
        [
            req("rule", Kind::Code(codes::<ReminderRule>)),
            req("subject_id", Kind::AnyId),
            opt("dismissed_until", Kind::Date),
        ]
    ),
    Table {
        name: "settings",
        key: "key",
        columns: &[
            req("key", Kind::Text),
            req("value", Kind::Text),
            req("updated_at", Kind::Instant),
        ],
    },
    Table {
        name: "audit_log",
        key: "id",
        columns: &[
            req("id", Kind::Id),
            req("subject_table", Kind::TableName),
            req("subject_id", Kind::AnyId),
            req("action", Kind::Code(codes::<AuditAction>)),
            req("changed_at", Kind::Instant),
            opt("changed_by", PEOPLE),
            opt("before_json", Kind::Text),
            opt("after_json", Kind::Text),
        ],
    },
];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
