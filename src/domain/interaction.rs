//! An interaction and everything one save of the "log a meeting" form carries: who took part on
//! both sides, the asks made, the commitments given and the follow-ups that result.
//!
//! Field names in error messages are the form's own: `date`, `asks.0.title`,
//! `commitments.1.due_date`, so the UI can put each message beside its field.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    check_length, tidy, AskStatus, CommitmentStatus, Direction, FollowUpKind, FollowUpStatus,
    InteractionKind, InteractionStatus, RecordInfo, Side,
};
use crate::ids::{
    AskId, CampaignId, CommitmentId, FollowUpId, InteractionId, PersonId, RepresentativeId,
};
use crate::time::{london_date, london_to_utc, parse_instant, parse_time, parse_uk_date};
use crate::{Error, Result};

/// A record named for people to read: its id and what it is called.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameRef {
    pub id: Uuid,
    pub name: String,
}

/// Someone on either side: one of our people, their office staff, or the representative.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PartyRef {
    /// `person` or `representative`.
    pub kind: &'static str,
    pub id: Uuid,
    pub name: String,
}

impl PartyRef {
    /// The form's value for this party: `person:ID` or `representative:ID`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind, self.id)
    }
}

// ----- what the form submits -----

/// One attendee: someone already on record, or a new person named in the form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AttendeeInput {
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// A person not yet on record: added with this save.
    #[serde(default)]
    pub new_name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
}

/// An ask raised in this interaction: an existing ask (by id) or a new one (by title).
#[derive(Debug, Clone, Deserialize)]
pub struct AskInput {
    #[serde(default)]
    pub id: Option<AskId>,
    /// Which representative it was put to; the first of the interaction's if not given.
    #[serde(default)]
    pub representative_id: Option<RepresentativeId>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    /// How it was received; a new ask is "made" unless the form says otherwise.
    #[serde(default)]
    pub status: Option<AskStatus>,
    #[serde(default)]
    pub stated_position: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
}

/// A promise given in this interaction, by a named person on either side.
#[derive(Debug, Clone, Deserialize)]
pub struct CommitmentInput {
    #[serde(default)]
    pub id: Option<CommitmentId>,
    /// Who promised: `person:ID`, `representative:ID`, or `new:NAME` for an attendee added in
    /// this same save.
    #[serde(default)]
    pub who: Option<String>,
    /// Whose promise it is; follows from `who` when not given.
    #[serde(default)]
    pub side: Option<Side>,
    #[serde(default)]
    pub description: Option<String>,
    /// `24/11/2026` or `2026-11-24`.
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub status: Option<CommitmentStatus>,
}

/// Something we must do next, owned by one of us.
#[derive(Debug, Clone, Deserialize)]
pub struct FollowUpInput {
    #[serde(default)]
    pub id: Option<FollowUpId>,
    #[serde(default)]
    pub kind: Option<FollowUpKind>,
    #[serde(default)]
    pub description: Option<String>,
    /// `person:ID` or `new:NAME`; the member using this computer if not given.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub status: Option<FollowUpStatus>,
}

/// Everything the "log a meeting" form submits; one save writes all of it, or nothing.
#[derive(Debug, Clone, Deserialize)]
pub struct InteractionInput {
    /// Set when editing an interaction already logged.
    #[serde(default)]
    pub id: Option<InteractionId>,
    pub kind: InteractionKind,
    pub direction: Direction,
    #[serde(default)]
    pub status: Option<InteractionStatus>,
    /// When, as a UK date (`24/11/2026`) and a London time (`14:30`)...
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    /// ...or as an instant (`2026-11-24T14:30:00Z`), as files and scripts give it.
    #[serde(default)]
    pub occurred_at: Option<String>,
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    #[serde(default)]
    pub place: Option<String>,
    /// The topics discussed, in a line.
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub private_impressions: Option<String>,
    /// For a planned meeting: what it is for, what we want them to hear, what to take.
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub key_messages: Option<String>,
    #[serde(default)]
    pub documents_to_bring: Option<String>,
    /// Someone one of us speaks for (a constituent with a case): a consent letter is needed.
    #[serde(default)]
    pub on_behalf_of_id: Option<PersonId>,
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// The letter, email or meeting this answers: a reply to our letter, a thank-you for a
    /// meeting. Reminders read it.
    #[serde(default)]
    pub in_reply_to_id: Option<InteractionId>,
    /// A campaign not yet on record, named in the form.
    #[serde(default)]
    pub new_campaign: Option<String>,
    #[serde(default)]
    pub representatives: Vec<RepresentativeId>,
    /// Their office staff who took part (the representatives themselves are listed above).
    #[serde(default)]
    pub their_attendees: Vec<AttendeeInput>,
    #[serde(default)]
    pub our_attendees: Vec<AttendeeInput>,
    #[serde(default)]
    pub asks: Vec<AskInput>,
    #[serde(default)]
    pub commitments: Vec<CommitmentInput>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpInput>,
}

// ----- checked input, ready to store -----

/// A reference to a party as the form gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Who {
    Person(PersonId),
    Representative(RepresentativeId),
    /// A person named in this save's attendees (or new with it).
    New(String),
}

impl Who {
    fn parse(text: &str) -> Option<Who> {
        let (kind, rest) = text.split_once(':')?;
        match kind {
            "person" => rest.parse().ok().map(Who::Person),
            "representative" => rest.parse().ok().map(Who::Representative),
            "new" => tidy(&Some(rest.to_owned())).map(Who::New),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ValidAttendee {
    pub person: Who,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ValidAsk {
    pub id: Option<AskId>,
    pub representative_id: Option<RepresentativeId>,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub status: Option<AskStatus>,
    pub stated_position: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ValidCommitment {
    pub id: Option<CommitmentId>,
    pub who: Who,
    pub side: Option<Side>,
    pub description: String,
    pub due_date: Option<NaiveDate>,
    pub status: CommitmentStatus,
}

#[derive(Debug, Clone)]
pub(crate) struct ValidFollowUp {
    pub id: Option<FollowUpId>,
    pub kind: FollowUpKind,
    pub description: String,
    pub owner: Option<Who>,
    pub due_date: NaiveDate,
    pub status: FollowUpStatus,
}

#[derive(Debug, Clone)]
pub(crate) struct ValidInteraction {
    pub id: Option<InteractionId>,
    pub kind: InteractionKind,
    pub direction: Direction,
    pub status: InteractionStatus,
    pub occurred_at: DateTime<Utc>,
    pub duration_minutes: Option<i64>,
    pub place: Option<String>,
    pub subject: Option<String>,
    pub summary: Option<String>,
    pub private_impressions: Option<String>,
    pub purpose: Option<String>,
    pub key_messages: Option<String>,
    pub documents_to_bring: Option<String>,
    pub on_behalf_of_id: Option<PersonId>,
    pub campaign_id: Option<CampaignId>,
    pub new_campaign: Option<String>,
    pub in_reply_to_id: Option<InteractionId>,
    pub representatives: Vec<RepresentativeId>,
    pub their_attendees: Vec<ValidAttendee>,
    pub our_attendees: Vec<ValidAttendee>,
    pub asks: Vec<ValidAsk>,
    pub commitments: Vec<ValidCommitment>,
    pub follow_ups: Vec<ValidFollowUp>,
}

fn parse_due(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    match tidy(value) {
        None => Ok(None),
        Some(text) => parse_uk_date(&text).map(Some).ok_or_else(|| {
            Error::invalid(
                field,
                format!("“{text}” is not a date. Enter it like 24/11/2026."),
            )
        }),
    }
}

fn attendees(side: &str, list: &[AttendeeInput]) -> Result<Vec<ValidAttendee>> {
    let mut out: Vec<ValidAttendee> = Vec::with_capacity(list.len());
    for (index, attendee) in list.iter().enumerate() {
        let person = match (attendee.person_id, tidy(&attendee.new_name)) {
            (Some(id), _) => Who::Person(id),
            (None, Some(name)) => {
                check_length(
                    &format!("{side}.{index}.new_name"),
                    "The name",
                    &Some(name.clone()),
                )?;
                Who::New(name)
            }
            (None, None) => continue,
        };
        if out.iter().any(|a| a.person == person) {
            continue;
        }
        out.push(ValidAttendee {
            person,
            role: tidy(&attendee.role),
        });
    }
    Ok(out)
}

impl InteractionInput {
    /// The input trimmed and checked against everything that needs no database. `now` decides
    /// what counts as the future.
    pub(crate) fn validated(&self, now: DateTime<Utc>) -> Result<ValidInteraction> {
        let occurred_at = self.when()?;
        let status = self.status.unwrap_or(InteractionStatus::Held);
        if status == InteractionStatus::Held && london_date(occurred_at) > london_date(now) {
            return Err(Error::invalid(
                "date",
                "This is logged as having happened, but the date is in the future. Check the date.",
            ));
        }
        if self.representatives.is_empty() {
            return Err(Error::invalid(
                "representatives",
                "Choose at least one representative: who was this with?",
            ));
        }
        if let Some(minutes) = self.duration_minutes {
            if !(1..=24 * 60).contains(&minutes) {
                return Err(Error::invalid(
                    "duration_minutes",
                    "Enter how long it lasted in minutes, from 1 to 1440, or leave it blank.",
                ));
            }
        }
        let mut representatives = self.representatives.clone();
        representatives.dedup();
        for (field, label, value) in [
            ("place", "The place", &self.place),
            ("subject", "The topics", &self.subject),
            ("summary", "The summary", &self.summary),
            (
                "private_impressions",
                "The private impressions",
                &self.private_impressions,
            ),
            ("new_campaign", "The campaign name", &self.new_campaign),
            ("purpose", "The purpose", &self.purpose),
            ("key_messages", "The key messages", &self.key_messages),
            (
                "documents_to_bring",
                "The documents to bring",
                &self.documents_to_bring,
            ),
        ] {
            check_length(field, label, value)?;
        }

        let asks = self
            .asks
            .iter()
            .enumerate()
            .map(|(i, ask)| validated_ask(i, ask))
            .collect::<Result<Vec<_>>>()?;
        let asks = asks.into_iter().flatten().collect();
        let commitments = self
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| validated_commitment(i, c))
            .collect::<Result<Vec<_>>>()?;
        let follow_ups = self
            .follow_ups
            .iter()
            .enumerate()
            .map(|(i, f)| validated_follow_up(i, f))
            .collect::<Result<Vec<_>>>()?;

        Ok(ValidInteraction {
            id: self.id,
            kind: self.kind,
            direction: self.direction,
            status,
            occurred_at,
            duration_minutes: self.duration_minutes,
            place: tidy(&self.place),
            subject: tidy(&self.subject),
            summary: tidy(&self.summary),
            private_impressions: tidy(&self.private_impressions),
            purpose: tidy(&self.purpose),
            key_messages: tidy(&self.key_messages),
            documents_to_bring: tidy(&self.documents_to_bring),
            on_behalf_of_id: self.on_behalf_of_id,
            campaign_id: self.campaign_id,
            new_campaign: if self.campaign_id.is_some() {
                None
            } else {
                tidy(&self.new_campaign)
            },
            in_reply_to_id: self
                .in_reply_to_id
                .filter(|earlier| Some(*earlier) != self.id),
            representatives,
            their_attendees: attendees("their_attendees", &self.their_attendees)?,
            our_attendees: attendees("our_attendees", &self.our_attendees)?,
            asks,
            commitments: commitments.into_iter().flatten().collect(),
            follow_ups: follow_ups.into_iter().flatten().collect(),
        })
    }

    fn when(&self) -> Result<DateTime<Utc>> {
        if let Some(text) = tidy(&self.occurred_at) {
            return parse_instant(&text).ok_or_else(|| {
                Error::invalid(
                    "occurred_at",
                    format!("“{text}” is not a time. Give it like 2026-11-24T14:30:00Z."),
                )
            });
        }
        let date = tidy(&self.date)
            .ok_or_else(|| Error::invalid("date", "Enter the date, like 24/11/2026."))?;
        let date = parse_uk_date(&date).ok_or_else(|| {
            Error::invalid(
                "date",
                format!("“{date}” is not a date. Enter it like 24/11/2026."),
            )
        })?;
        let time = match tidy(&self.time) {
            None => return Err(Error::invalid("time", "Enter the time, like 14:30.")),
            Some(text) => parse_time(&text).ok_or_else(|| {
                Error::invalid(
                    "time",
                    format!("“{text}” is not a time. Enter it like 14:30."),
                )
            })?,
        };
        Ok(london_to_utc(date, time))
    }
}

/// A row the user left entirely blank is skipped rather than refused.
fn validated_ask(index: usize, ask: &AskInput) -> Result<Option<ValidAsk>> {
    let title = tidy(&ask.title);
    if ask.id.is_none() && title.is_none() {
        if tidy(&ask.stated_position).is_none() && tidy(&ask.detail).is_none() {
            return Ok(None);
        }
        return Err(Error::invalid(
            &format!("asks.{index}.title"),
            "Say what was asked, or remove this ask.",
        ));
    }
    check_length(&format!("asks.{index}.title"), "The ask", &title)?;
    check_length(
        &format!("asks.{index}.stated_position"),
        "Their position",
        &ask.stated_position,
    )?;
    Ok(Some(ValidAsk {
        id: ask.id,
        representative_id: ask.representative_id,
        title,
        detail: tidy(&ask.detail),
        status: ask.status,
        stated_position: tidy(&ask.stated_position),
        evidence: tidy(&ask.evidence),
    }))
}

fn validated_commitment(index: usize, c: &CommitmentInput) -> Result<Option<ValidCommitment>> {
    let field = |name: &str| format!("commitments.{index}.{name}");
    let description = tidy(&c.description);
    let who = tidy(&c.who);
    let Some(description) = description else {
        if who.is_none() && tidy(&c.due_date).is_none() && c.id.is_none() {
            return Ok(None);
        }
        return Err(Error::invalid(
            &field("description"),
            "Say what was promised, or remove this commitment.",
        ));
    };
    check_length(
        &field("description"),
        "The commitment",
        &Some(description.clone()),
    )?;
    let who = who.ok_or_else(|| Error::invalid(&field("who"), "Choose who made this promise."))?;
    let who = Who::parse(&who).ok_or_else(|| {
        Error::invalid(&field("who"), "Choose who made this promise from the list.")
    })?;
    if matches!(who, Who::Representative(_)) && c.side == Some(Side::Ours) {
        return Err(Error::invalid(
            &field("who"),
            "A representative's promise is on their side, not ours.",
        ));
    }
    Ok(Some(ValidCommitment {
        id: c.id,
        who,
        side: c.side,
        description,
        due_date: parse_due(&field("due_date"), &c.due_date)?,
        status: c.status.unwrap_or(CommitmentStatus::Open),
    }))
}

fn validated_follow_up(index: usize, f: &FollowUpInput) -> Result<Option<ValidFollowUp>> {
    let field = |name: &str| format!("follow_ups.{index}.{name}");
    let Some(description) = tidy(&f.description) else {
        if tidy(&f.due_date).is_none() && f.id.is_none() {
            return Ok(None);
        }
        return Err(Error::invalid(
            &field("description"),
            "Say what must be done, or remove this follow-up.",
        ));
    };
    check_length(
        &field("description"),
        "The follow-up",
        &Some(description.clone()),
    )?;
    let due_date = parse_due(&field("due_date"), &f.due_date)?.ok_or_else(|| {
        Error::invalid(&field("due_date"), "Enter when it is due, like 01/12/2026.")
    })?;
    let owner = match tidy(&f.owner) {
        None => None,
        Some(text) => match Who::parse(&text) {
            Some(Who::Representative(_)) | None => {
                return Err(Error::invalid(
                    &field("owner"),
                    "Choose one of us to own this follow-up.",
                ));
            }
            who => who,
        },
    };
    Ok(Some(ValidFollowUp {
        id: f.id,
        kind: f.kind.unwrap_or(FollowUpKind::Other),
        description,
        owner,
        due_date,
        status: f.status.unwrap_or(FollowUpStatus::Open),
    }))
}

// ----- what screens read -----

/// One line of a timeline or list: the interaction, who took part, and what it was about.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InteractionSummary {
    pub id: InteractionId,
    pub kind: InteractionKind,
    pub direction: Direction,
    pub status: InteractionStatus,
    pub occurred_at: String,
    pub place: Option<String>,
    pub subject: Option<String>,
    pub summary: Option<String>,
    pub campaign: Option<NameRef>,
    pub representatives: Vec<NameRef>,
    /// Their office staff who took part, with the representatives above.
    pub their_attendees: Vec<NameRef>,
    pub our_attendees: Vec<NameRef>,
}

/// An interaction with everything logged with it, as the detail view and the edit form read it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Interaction {
    #[serde(flatten)]
    pub summary: InteractionSummary,
    pub duration_minutes: Option<i64>,
    pub private_impressions: Option<String>,
    /// The letter, email or meeting this answers.
    pub in_reply_to_id: Option<InteractionId>,
    /// For a planned meeting.
    pub purpose: Option<String>,
    pub key_messages: Option<String>,
    pub documents_to_bring: Option<String>,
    /// Whom one of us speaks for at it (a consent letter is needed).
    pub on_behalf_of: Option<NameRef>,
    /// Attendees with the role they took, for the edit form.
    pub participants: Vec<Participant>,
    /// Asks made here, and asks made earlier whose status changed here.
    pub asks: Vec<AskView>,
    pub commitments: Vec<CommitmentView>,
    pub follow_ups: Vec<FollowUpView>,
    pub record: RecordInfo,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Participant {
    pub side: Side,
    pub party: PartyRef,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AskView {
    pub id: AskId,
    pub title: String,
    pub detail: Option<String>,
    pub status: AskStatus,
    pub open: bool,
    pub stated_position: Option<String>,
    pub evidence: Option<String>,
    pub representative: NameRef,
    pub campaign: Option<NameRef>,
    /// The interaction it was first made in, and when.
    pub interaction_id: Option<InteractionId>,
    pub made_on: Option<String>,
    /// When its status last changed.
    pub status_changed_at: Option<String>,
    pub record: RecordInfo,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommitmentView {
    pub id: CommitmentId,
    pub side: Side,
    pub who: Option<PartyRef>,
    pub description: String,
    pub due_date: Option<String>,
    pub status: CommitmentStatus,
    /// Derived from the due date and `today`; never stored.
    pub overdue: bool,
    pub interaction_id: Option<InteractionId>,
    pub interaction_on: Option<String>,
    /// The representatives of the interaction it was given in.
    pub representatives: Vec<NameRef>,
    pub campaign: Option<NameRef>,
    pub record: RecordInfo,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FollowUpView {
    pub id: FollowUpId,
    pub kind: FollowUpKind,
    pub description: String,
    pub owner: Option<NameRef>,
    pub representative: Option<NameRef>,
    pub interaction_id: Option<InteractionId>,
    pub due_date: String,
    pub snoozed_until: Option<String>,
    pub status: FollowUpStatus,
    pub overdue: bool,
    pub record: RecordInfo,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;

    fn now() -> DateTime<Utc> {
        parse_instant("2026-11-24T09:00:00Z").unwrap()
    }

    fn input() -> InteractionInput {
        serde_json::from_value(serde_json::json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "representatives": [RepresentativeId::new()],
        }))
        .unwrap()
    }

    #[test]
    fn a_uk_date_and_london_time_become_one_instant() {
        let valid = input().validated(now()).unwrap();
        assert_eq!(
            crate::time::format_instant(valid.occurred_at),
            "2026-11-20T14:30:00.000Z"
        );
        assert_eq!(valid.status, InteractionStatus::Held);
    }

    #[test]
    fn each_problem_points_at_its_field() {
        let check = |change: &dyn Fn(&mut InteractionInput), field: &str| {
            let mut bad = input();
            change(&mut bad);
            let err = bad.validated(now()).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        };
        check(&|i| i.date = Some("32/11/2026".into()), "date");
        check(&|i| i.date = Some("25/11/2026".into()), "date");
        check(&|i| i.time = Some("2.30pm".into()), "time");
        check(&|i| i.representatives.clear(), "representatives");
        check(
            &|i| {
                i.commitments =
                    serde_json::from_str(r#"[{"description":"Write to the minister"}]"#).unwrap()
            },
            "commitments.0.who",
        );
        check(
            &|i| {
                i.follow_ups =
                    serde_json::from_str(r#"[{"description":"Send thanks","due_date":"soon"}]"#)
                        .unwrap()
            },
            "follow_ups.0.due_date",
        );
        check(
            &|i| {
                i.asks =
                    serde_json::from_str(r#"[{"title":""},{"stated_position":"Keen"}]"#).unwrap()
            },
            "asks.1.title",
        );
    }

    #[test]
    fn blank_rows_are_skipped_and_repeated_attendees_kept_once() {
        let mut i = input();
        let person = PersonId::new();
        i.asks = serde_json::from_str(r#"[{"title":"  "}]"#).unwrap();
        i.commitments = serde_json::from_str(r#"[{"description":""}]"#).unwrap();
        i.our_attendees = vec![
            AttendeeInput {
                person_id: Some(person),
                ..Default::default()
            },
            AttendeeInput {
                person_id: Some(person),
                ..Default::default()
            },
            AttendeeInput::default(),
        ];
        let valid = i.validated(now()).unwrap();
        assert!(valid.asks.is_empty() && valid.commitments.is_empty());
        assert_eq!(valid.our_attendees.len(), 1);
    }

    #[test]
    fn who_is_read_from_the_forms_values() {
        let id = PersonId::new();
        assert_eq!(Who::parse(&format!("person:{id}")), Some(Who::Person(id)));
        assert_eq!(
            Who::parse("new: Sam Patel "),
            Some(Who::New("Sam Patel".into()))
        );
        assert_eq!(Who::parse("new:  "), None);
        assert_eq!(Who::parse("wizard:1"), None);
    }
}
