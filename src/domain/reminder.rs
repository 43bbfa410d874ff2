//! Reminders as people read them: what to do, why it is asked of them, by when, and what the
//! Today screen offers to do about it. The rules that make them are in `crate::reminders`.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{InteractionSummary, NameRef, ReminderRule, Side};
use crate::{Error, Result};

/// What finishing a reminder means: the button the Today screen shows first.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ReminderAction {
    /// A follow-up or commitment: mark it done.
    MarkDone,
    /// A letter with no reply: log the reply when it comes (or chase it).
    LogReply,
    /// A meeting with no thank-you: log the thank-you sent.
    LogThankYou,
    /// A representative not heard from: log a contact.
    LogContact,
    /// An ask with no response: record what they said.
    RecordResponse,
}

impl ReminderAction {
    pub fn label(self) -> &'static str {
        match self {
            ReminderAction::MarkDone => "Mark done",
            ReminderAction::LogReply => "Log the reply",
            ReminderAction::LogThankYou => "Log the thank-you",
            ReminderAction::LogContact => "Log a contact",
            ReminderAction::RecordResponse => "Record their response",
        }
    }
}

/// One thing to do, with why it is asked and a link to the record behind it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Reminder {
    /// `rule:subject_id`: the same reminder has the same key from one day to the next.
    pub key: String,
    pub rule: ReminderRule,
    /// The follow-up, commitment, interaction (letter or meeting), representative or ask.
    pub subject_id: Uuid,
    /// What to do, in a line.
    pub title: String,
    /// Why the reminder exists, in a sentence.
    pub why: String,
    /// When it is (or was) due: `YYYY-MM-DD` on the London calendar.
    pub due_date: String,
    /// Days past the due date; 0 when due today or later.
    pub days_overdue: i64,
    /// Set while it is snoozed: it comes back on this date.
    pub snoozed_until: Option<String>,
    pub representative: Option<NameRef>,
    /// The meeting or letter it comes from, to open.
    pub interaction_id: Option<Uuid>,
    /// Who is to do it: a follow-up's owner, or who gave a commitment.
    pub owner: Option<NameRef>,
    /// For commitments: ours to do, or theirs to chase.
    pub side: Option<Side>,
    pub action: ReminderAction,
    pub action_label: &'static str,
    /// Follow-ups and commitments have a due date to move; rule-based prompts do not.
    pub can_reschedule: bool,
    /// Rule-based prompts can be dismissed; follow-ups and commitments are marked done instead.
    pub can_dismiss: bool,
}

/// The Today screen: what is overdue, due today and due in the next seven days, what is
/// snoozed, and the meetings coming up.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Agenda {
    /// Today on the London calendar, `YYYY-MM-DD`.
    pub date: String,
    pub overdue: Vec<Reminder>,
    pub due_today: Vec<Reminder>,
    pub next_week: Vec<Reminder>,
    pub snoozed: Vec<Reminder>,
    /// How many each section holds in all: a section lists at most its `AgendaLimits`, the
    /// first by due date (by return date when snoozed).
    pub totals: AgendaTotals,
    /// Planned meetings from now on, soonest first.
    pub upcoming_meetings: Vec<InteractionSummary>,
    /// The dates the snooze buttons offer.
    pub snooze_choices: SnoozeChoices,
    /// Whether any representative is on record (with none, Today says how to begin).
    pub has_representatives: bool,
}

/// How many reminders each section of the agenda holds in all.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct AgendaTotals {
    pub overdue: usize,
    pub due_today: usize,
    pub next_week: usize,
    pub snoozed: usize,
}

/// How many reminders each section of the agenda lists: the Today screen draws a page at a time
/// (a national programme can have thousands due) and asks for more with "Show more".
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct AgendaLimits {
    pub overdue: usize,
    pub due_today: usize,
    pub next_week: usize,
    pub snoozed: usize,
}

impl AgendaLimits {
    /// What the Today screen draws first.
    pub const PAGE: usize = 50;

    /// Every reminder in every section: for a script or a report.
    pub fn all() -> AgendaLimits {
        AgendaLimits {
            overdue: usize::MAX,
            due_today: usize::MAX,
            next_week: usize::MAX,
            snoozed: usize::MAX,
        }
    }
}

impl Default for AgendaLimits {
    fn default() -> Self {
        AgendaLimits {
            overdue: Self::PAGE,
            due_today: Self::PAGE,
            next_week: Self::PAGE,
            snoozed: Self::PAGE,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SnoozeChoices {
    pub tomorrow: String,
    /// The Monday after today.
    pub next_week: String,
}

impl Agenda {
    /// Everything due now, overdue first: what a notification or a script reports.
    pub fn due_now(&self) -> impl Iterator<Item = &Reminder> {
        self.overdue.iter().chain(&self.due_today)
    }

    /// "2 overdue and 1 due today", or `None` when nothing is due.
    pub fn due_in_words(&self) -> Option<String> {
        due_in_words(self.totals.overdue, self.totals.due_today)
    }
}

/// "2 overdue and 1 due today", or `None` when nothing is due.
pub(crate) fn due_in_words(overdue: usize, due_today: usize) -> Option<String> {
    let parts: Vec<String> = [(overdue, "overdue"), (due_today, "due today")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// Which reminder an action on the Today screen is about.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub struct ReminderKey {
    pub rule: ReminderRule,
    pub subject_id: Uuid,
}

/// The thresholds of the rules, and whether the desktop notifies.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Chase a letter or email we sent after this many days with no reply.
    pub letter_reply_days: i64,
    /// Send a thank-you within this many days of a meeting.
    pub thank_you_days: i64,
    /// Check in with a representative after this many days with no contact, unless their
    /// record sets a period of its own.
    pub contact_cadence_days: i64,
    /// Chase an ask still marked "made" after this many days.
    pub ask_response_days: i64,
    /// Desktop notifications on start and when something falls due.
    pub notifications: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            letter_reply_days: 14,
            thank_you_days: 2,
            contact_cadence_days: 91,
            ask_response_days: 28,
            notifications: true,
        }
    }
}

impl ReminderSettings {
    /// Every threshold within sense, or the first that is not, named by its field.
    pub(crate) fn validated(&self) -> Result<ReminderSettings> {
        let checks = [
            (
                "letter_reply_days",
                self.letter_reply_days,
                1,
                365,
                "Chase a letter or email after",
            ),
            (
                "thank_you_days",
                self.thank_you_days,
                0,
                30,
                "Send a thank-you within",
            ),
            (
                "contact_cadence_days",
                self.contact_cadence_days,
                7,
                3650,
                "Check in with a representative after",
            ),
            (
                "ask_response_days",
                self.ask_response_days,
                1,
                365,
                "Chase an ask with no response after",
            ),
        ];
        for (field, value, low, high, what) in checks {
            if !(low..=high).contains(&value) {
                return Err(Error::invalid(
                    field,
                    format!("“{what}” must be between {low} and {high} days."),
                ));
            }
        }
        Ok(*self)
    }
}

/// A desktop notification's text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}
