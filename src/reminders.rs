//! The reminder rules: a pure function of the facts on record and the time now.
//!
//! `storage::reminders` reads the facts (open follow-ups and commitments, each representative's
//! latest contact, recent meetings, asks waiting for an answer, snoozes and dismissals) with a
//! few indexed queries; `agenda` decides, with no database and no clock of its own, what is
//! overdue, due today, due in the next seven days or snoozed. Days are counted on the London
//! calendar, so a letter posted at half past midnight in British Summer Time is dated the day
//! it was posted, and clock changes move no reminder.
//!
//! The rules (thresholds from `ReminderSettings`):
//! - a follow-up or commitment is listed from seven days before its due date;
//! - a letter or email we sent, still our latest contact with that representative after
//!   `letter_reply_days`, is to chase (a later letter replaces it; anything they sent, or any
//!   meeting or call, counts as an answer);
//! - a meeting with no thank-you logged (an email, letter or call we sent in reply to it, or a
//!   "send thank-you" follow-up for it) is prompted `thank_you_days` after it, until
//!   `THANK_YOU_LAPSES_AFTER_DAYS` have passed, when a thank-you is no longer timely;
//! - a representative we keep in touch with (their seat is one we cover, we have been in touch,
//!   or their record sets a period) and have not been in touch with for their period
//!   (`contact_cadence_days` unless their record sets one), counted from the latest contact or,
//!   with none, from when they were added; former holders of a seat are left alone;
//! - an ask still marked "made" `ask_response_days` after it was made.
//!
//! Rule-based prompts are listed from the day they fall due. Any reminder can be snoozed to a
//! date; a prompt dismissed stays away for good, except "time to check in", which comes back
//! when the next period without contact runs out.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use uuid::Uuid;

use crate::domain::{
    Agenda, AgendaLimits, AgendaTotals, CodeEnum, Direction, FollowUpKind, InteractionKind,
    InteractionSummary, NameRef, Notice, Reminder, ReminderAction, ReminderRule, ReminderSettings,
    Side, SnoozeChoices,
};
use crate::time::{format_date, london_date, long_date};

/// Follow-ups and commitments show this many days before they fall due.
pub const LOOK_AHEAD_DAYS: u64 = 7;
/// A thank-you prompt lapses this many days after the meeting.
pub const THANK_YOU_LAPSES_AFTER_DAYS: u64 = 30;

/// The interaction a follow-up or commitment came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub id: Uuid,
    pub kind: InteractionKind,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct FollowUpFact {
    pub id: Uuid,
    pub kind: FollowUpKind,
    pub description: String,
    pub due: NaiveDate,
    pub snoozed_until: Option<NaiveDate>,
    pub owner: Option<NameRef>,
    pub representative: Option<NameRef>,
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone)]
pub struct CommitmentFact {
    pub id: Uuid,
    pub side: Side,
    pub description: String,
    pub due: NaiveDate,
    /// Who promised.
    pub who: Option<NameRef>,
    pub representative: Option<NameRef>,
    pub origin: Option<Origin>,
}

/// An interaction as far as the contact rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEvent {
    pub id: Uuid,
    pub kind: InteractionKind,
    pub direction: Direction,
    pub at: DateTime<Utc>,
}

impl ContactEvent {
    /// A letter or email we sent, which waits for an answer.
    pub fn awaits_reply(&self) -> bool {
        self.direction == Direction::WeContacted
            && matches!(self.kind, InteractionKind::Letter | InteractionKind::Email)
    }
}

/// A representative we keep in touch with, and our latest contact with them.
#[derive(Debug, Clone)]
pub struct ContactFact {
    pub representative: NameRef,
    /// Their own stay-in-touch period, if their record sets one.
    pub cadence_days: Option<i64>,
    /// When they were added: the start of the count when there has been no contact.
    pub added_at: DateTime<Utc>,
    /// The latest interaction with them that happened (not planned, not cancelled).
    pub last: Option<ContactEvent>,
}

/// A meeting that happened recently, and whether a thank-you is on record for it.
#[derive(Debug, Clone)]
pub struct MeetingFact {
    pub id: Uuid,
    pub kind: InteractionKind,
    pub at: DateTime<Utc>,
    pub representatives: Vec<NameRef>,
    pub thanked: bool,
}

/// An ask still marked "made".
#[derive(Debug, Clone)]
pub struct AskFact {
    pub id: Uuid,
    pub title: String,
    pub representative: NameRef,
    pub made_at: DateTime<Utc>,
}

/// A snooze (with a date) or a dismissal (without) of a rule's reminder about a record.
#[derive(Debug, Clone)]
pub struct Dismissal {
    pub rule: ReminderRule,
    pub subject_id: Uuid,
    pub until: Option<NaiveDate>,
    pub at: DateTime<Utc>,
}

/// Everything the rules read.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub follow_ups: Vec<FollowUpFact>,
    pub commitments: Vec<CommitmentFact>,
    pub contacts: Vec<ContactFact>,
    pub meetings: Vec<MeetingFact>,
    pub asks: Vec<AskFact>,
    pub dismissals: Vec<Dismissal>,
}

/// Today's reminders from `facts` at `now`, every one of them, sorted into the Today screen's
/// sections. (The store lists a page of each: `Plan::agenda`.)
pub fn agenda(
    facts: &Facts,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
    upcoming_meetings: Vec<InteractionSummary>,
) -> Agenda {
    plan(facts.clone(), now, settings).agenda(&AgendaLimits::all(), upcoming_meetings)
}

/// Which facts a reminder comes from, to word it in full only when it is listed or notified:
/// a national programme's record has thousands in force, and Today lists a page of each section.
#[derive(Debug, Clone, Copy)]
enum Source {
    FollowUp(usize),
    Commitment(usize),
    Contact(usize),
    Meeting(usize),
    Ask(usize),
}

/// A reminder in force, as far as sorting it needs: its rule, subject, title and dates.
#[derive(Debug, Clone)]
struct Candidate {
    rule: ReminderRule,
    subject_id: Uuid,
    title: String,
    due: NaiveDate,
    /// Only for one in the snoozed section: the day it comes back.
    snoozed_until: Option<NaiveDate>,
    source: Source,
}

impl Candidate {
    fn key(&self) -> String {
        key(self.rule, self.subject_id)
    }
}

/// Every reminder in force at a moment, sorted into the Today screen's sections: overdue, due
/// today and in the next seven days by due date, snoozed by the date each comes back (then by
/// title). Each is worded from the facts only when listed; `agenda` lists a page of each section.
#[derive(Debug, Clone)]
pub struct Plan {
    today: NaiveDate,
    settings: ReminderSettings,
    facts: Facts,
    overdue: Vec<Candidate>,
    due_today: Vec<Candidate>,
    next_week: Vec<Candidate>,
    snoozed: Vec<Candidate>,
}

/// The reminder rules applied to `facts` at `now`.
pub fn plan(facts: Facts, now: DateTime<Utc>, settings: &ReminderSettings) -> Plan {
    let today = london_date(now);
    let horizon = today + Days::new(LOOK_AHEAD_DAYS);
    let dismissals = Dismissals::of(&facts.dismissals);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut add = |rule, subject_id, title, due, snoozed_until, source| {
        candidates.push(Candidate {
            rule,
            subject_id,
            title,
            due,
            snoozed_until,
            source,
        })
    };

    for (index, f) in facts.follow_ups.iter().enumerate() {
        if f.due <= horizon {
            let title = f.description.clone();
            let source = Source::FollowUp(index);
            add(
                ReminderRule::FollowUpDue,
                f.id,
                title,
                f.due,
                f.snoozed_until,
                source,
            );
        }
    }
    for (index, c) in facts.commitments.iter().enumerate() {
        if c.due <= horizon {
            let snooze = dismissals.of_subject(ReminderRule::CommitmentDue, c.id, None);
            let source = Source::Commitment(index);
            let title = commitment_title(c);
            add(
                ReminderRule::CommitmentDue,
                c.id,
                title,
                c.due,
                snooze.flatten(),
                source,
            );
        }
    }
    // A rule-based prompt: dismissed ones (`Some(None)`) are left out.
    let mut rule_based =
        |rule, subject_id, title: &dyn Fn() -> String, due, since, source| match dismissals
            .of_subject(rule, subject_id, since)
        {
            Some(None) => {}
            snooze => add(rule, subject_id, title(), due, snooze.flatten(), source),
        };
    for (index, contact) in facts.contacts.iter().enumerate() {
        let due = contact_dues(contact, today, settings);
        let since = Some(contact.last.as_ref().map_or(contact.added_at, |l| l.at));
        let source = Source::Contact(index);
        if let (Some(last), Some(due)) = (&contact.last, due.letter) {
            let title = || chase_title(contact, last);
            rule_based(
                ReminderRule::UnansweredLetter,
                last.id,
                &title,
                due,
                since,
                source,
            );
        }
        if let Some(due) = due.check_in {
            let title = || check_in_title(contact);
            let rep = contact.representative.id;
            rule_based(
                ReminderRule::NoRecentContact,
                rep,
                &title,
                due,
                since,
                source,
            );
        }
    }
    for (index, m) in facts.meetings.iter().enumerate() {
        if let Some(due) = thank_you_due(m, today, settings) {
            let title = || thank_you_title(m);
            let source = Source::Meeting(index);
            rule_based(
                ReminderRule::ThankYouMissing,
                m.id,
                &title,
                due,
                None,
                source,
            );
        }
    }
    for (index, a) in facts.asks.iter().enumerate() {
        if let Some(due) = ask_due(a, today, settings) {
            let title = || ask_title(a);
            let source = Source::Ask(index);
            rule_based(ReminderRule::AskNoResponse, a.id, &title, due, None, source);
        }
    }

    let mut plan = Plan {
        today,
        settings: *settings,
        facts: Facts::default(),
        overdue: Vec::new(),
        due_today: Vec::new(),
        next_week: Vec::new(),
        snoozed: Vec::new(),
    };
    for mut c in candidates {
        match c.snoozed_until {
            Some(until) if until > today => plan.snoozed.push(c),
            _ => {
                c.snoozed_until = None;
                match c.due.cmp(&today) {
                    Ordering::Less => plan.overdue.push(c),
                    Ordering::Equal => plan.due_today.push(c),
                    Ordering::Greater => plan.next_week.push(c),
                }
            }
        }
    }
    for list in [&mut plan.overdue, &mut plan.due_today, &mut plan.next_week] {
        list.sort_unstable_by(|a, b| {
            (a.due, &a.title, a.subject_id).cmp(&(b.due, &b.title, b.subject_id))
        });
    }
    plan.snoozed.sort_unstable_by(|a, b| {
        (a.snoozed_until, &a.title, a.subject_id).cmp(&(b.snoozed_until, &b.title, b.subject_id))
    });
    plan.facts = facts;
    plan
}

impl Plan {
    /// Today on the London calendar, `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        format_date(self.today)
    }

    /// The first of each section, as many as `limits` says, with each section's total.
    pub fn agenda(
        &self,
        limits: &AgendaLimits,
        upcoming_meetings: Vec<InteractionSummary>,
    ) -> Agenda {
        let page = |list: &[Candidate], limit: usize| -> Vec<Reminder> {
            list.iter().take(limit).map(|c| self.word(c)).collect()
        };
        Agenda {
            date: self.date(),
            overdue: page(&self.overdue, limits.overdue),
            due_today: page(&self.due_today, limits.due_today),
            next_week: page(&self.next_week, limits.next_week),
            snoozed: page(&self.snoozed, limits.snoozed),
            totals: AgendaTotals {
                overdue: self.overdue.len(),
                due_today: self.due_today.len(),
                next_week: self.next_week.len(),
                snoozed: self.snoozed.len(),
            },
            upcoming_meetings,
            snooze_choices: snooze_choices(self.today),
            has_representatives: false,
        }
    }

    /// Everything due now, overdue first, unworded.
    fn due_now(&self) -> impl Iterator<Item = &Candidate> {
        self.overdue.iter().chain(&self.due_today)
    }

    /// The keys of everything due now.
    pub fn due_now_keys(&self) -> HashSet<String> {
        self.due_now().map(Candidate::key).collect()
    }

    /// The follow-ups and commitments (as indexes into the facts) behind the reminders `limits`
    /// lists, and behind those due now whose keys are not in `seen` (when given): the ones whose
    /// details (who, with whom, which meeting) are worth reading.
    pub fn wanted(
        &self,
        limits: &AgendaLimits,
        seen: Option<&HashSet<String>>,
    ) -> (Vec<usize>, Vec<usize>) {
        let listed = [
            (&self.overdue, limits.overdue),
            (&self.due_today, limits.due_today),
            (&self.next_week, limits.next_week),
            (&self.snoozed, limits.snoozed),
        ]
        .into_iter()
        .flat_map(|(list, limit)| list.iter().take(limit));
        let fresh = seen
            .into_iter()
            .flat_map(|seen| self.due_now().filter(|c| !seen.contains(&c.key())));
        let (mut follow_ups, mut commitments) = (Vec::new(), Vec::new());
        for c in listed.chain(fresh) {
            match c.source {
                Source::FollowUp(i) => follow_ups.push(i),
                Source::Commitment(i) => commitments.push(i),
                _ => {}
            }
        }
        (follow_ups, commitments)
    }

    /// The facts the reminders were worded from, to add the details of those `wanted` lists.
    pub fn facts_mut(&mut self) -> &mut Facts {
        &mut self.facts
    }

    /// The reminder in full, worded from the facts as they are now (with any details read since).
    fn word(&self, c: &Candidate) -> Reminder {
        let (today, settings, facts) = (self.today, &self.settings, &self.facts);
        let mut reminder = match c.source {
            Source::FollowUp(i) => Some(follow_up(&facts.follow_ups[i], today)),
            Source::Commitment(i) => Some(commitment(&facts.commitments[i], today)),
            Source::Contact(i) => contact_rules(&facts.contacts[i], today, settings)
                .into_iter()
                .find(|r| r.rule == c.rule),
            Source::Meeting(i) => thank_you(&facts.meetings[i], today, settings),
            Source::Ask(i) => ask_waiting(&facts.asks[i], today, settings),
        }
        .unwrap_or_else(|| {
            // Unreachable: a candidate comes from a rule that words it. Still, show what it is.
            let action = ReminderAction::MarkDone;
            base(
                c.rule,
                c.subject_id,
                c.title.clone(),
                String::new(),
                c.due,
                today,
                action,
            )
        });
        reminder.snoozed_until = c.snoozed_until.map(format_date);
        reminder
    }
}

/// The snoozes and dismissals on record, by subject.
struct Dismissals<'a>(HashMap<Uuid, Vec<&'a Dismissal>>);

impl<'a> Dismissals<'a> {
    fn of(all: &'a [Dismissal]) -> Self {
        let mut by_subject: HashMap<Uuid, Vec<&Dismissal>> = HashMap::new();
        for d in all {
            by_subject.entry(d.subject_id).or_default().push(d);
        }
        Dismissals(by_subject)
    }

    /// The snooze or dismissal in force for this reminder: `None` if there is none, `Some(None)`
    /// if it is dismissed, `Some(Some(date))` if snoozed to a date (which may have passed).
    /// With `since`, only those made after it count: a new period starts afresh.
    fn of_subject(
        &self,
        rule: ReminderRule,
        subject: Uuid,
        since: Option<DateTime<Utc>>,
    ) -> Option<Option<NaiveDate>> {
        self.0
            .get(&subject)?
            .iter()
            .filter(|d| d.rule == rule)
            .filter(|d| since.is_none_or(|since| d.at >= since))
            .max_by_key(|d| d.at)
            .map(|d| d.until)
    }
}

/// What a watch on the clock learns at each look (`Store::newly_due`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewlyDue {
    /// Today on the London calendar, `YYYY-MM-DD`.
    pub date: String,
    /// The keys of everything due now.
    pub due_now: HashSet<String>,
    /// What is due now that was not due at the last look.
    pub notice: Option<Notice>,
}

/// The notification when the app opens: how much is due, the first few things, and how many
/// fell due since the reminders were last looked at on `last_seen`. `None` if nothing is due.
pub fn opening_notice(plan: &Plan, last_seen: Option<NaiveDate>) -> Option<Notice> {
    let due = crate::domain::due_in_words(plan.overdue.len(), plan.due_today.len())?;
    let mut body = listed(plan.due_now().map(|c| c.title.as_str()));
    if let Some(seen) = last_seen.filter(|seen| *seen < plan.today) {
        let fell_due = plan.due_now().filter(|c| c.due > seen).count();
        if fell_due > 0 {
            body.push_str(&format!("\n{fell_due} fell due while Rapport was closed."));
        }
    }
    Some(Notice {
        title: format!("Rapport: {due}"),
        body,
    })
}

/// The notification while the app runs: what is due now that was not due at the last look
/// (`seen` holds the keys due then). `None` if nothing new fell due.
pub fn newly_due_notice(plan: &Plan, seen: &HashSet<String>) -> Option<Notice> {
    let fresh: Vec<Reminder> = plan
        .due_now()
        .filter(|c| !seen.contains(&c.key()))
        .map(|c| plan.word(c))
        .collect();
    match fresh.as_slice() {
        [] => None,
        [one] => Some(Notice {
            title: format!("Now due: {}", one.title),
            body: one.why.clone(),
        }),
        many => Some(Notice {
            title: format!("{} reminders are now due", many.len()),
            body: listed(many.iter().map(|r| r.title.as_str())),
        }),
    }
}

/// Up to three titles, one a line, and how many more.
fn listed<'a>(titles: impl Iterator<Item = &'a str>) -> String {
    let titles: Vec<&str> = titles.collect();
    let mut lines: Vec<String> = titles.iter().take(3).map(|t| format!("• {t}")).collect();
    if titles.len() > 3 {
        lines.push(format!(
            "…and {} more on the Today screen.",
            titles.len() - 3
        ));
    }
    lines.join("\n")
}

/// Tomorrow, and the Monday after today.
pub fn snooze_choices(today: NaiveDate) -> SnoozeChoices {
    let to_monday = 7 - u64::from(today.weekday().num_days_from_monday());
    debug_assert_eq!((today + Days::new(to_monday)).weekday(), Weekday::Mon);
    SnoozeChoices {
        tomorrow: format_date(today + Days::new(1)),
        next_week: format_date(today + Days::new(to_monday)),
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// A reminder's key: its rule and what it is about, `rule:uuid`.
fn key(rule: ReminderRule, subject_id: Uuid) -> String {
    format!("{}:{subject_id}", rule.code())
}

fn base(
    rule: ReminderRule,
    subject_id: Uuid,
    title: String,
    why: String,
    due: NaiveDate,
    today: NaiveDate,
    action: ReminderAction,
) -> Reminder {
    let rule_based = !matches!(
        rule,
        ReminderRule::FollowUpDue | ReminderRule::CommitmentDue
    );
    Reminder {
        key: key(rule, subject_id),
        rule,
        subject_id,
        title,
        why,
        due_date: format_date(due),
        days_overdue: days_between(due, today).max(0),
        snoozed_until: None,
        representative: None,
        interaction_id: None,
        owner: None,
        side: None,
        action,
        action_label: action.label(),
        can_reschedule: !rule_based,
        can_dismiss: rule_based,
    }
}

/// "the surgery meeting with Jane Smith on 20 November 2026"
fn origin_words(origin: &Option<Origin>, representative: &Option<NameRef>) -> Option<String> {
    let origin = origin.as_ref()?;
    let with = representative
        .as_ref()
        .map(|r| format!(" with {}", r.name))
        .unwrap_or_default();
    Some(format!(
        "the {}{with} on {}",
        origin.kind.label().to_lowercase(),
        long_date(london_date(origin.at))
    ))
}

fn follow_up(f: &FollowUpFact, today: NaiveDate) -> Reminder {
    let why = match origin_words(&f.origin, &f.representative) {
        Some(origin) => format!(
            "{} agreed after {origin}; due {}.",
            f.kind.label(),
            long_date(f.due)
        ),
        None => format!("{}; due {}.", f.kind.label(), long_date(f.due)),
    };
    let mut r = base(
        ReminderRule::FollowUpDue,
        f.id,
        f.description.clone(),
        why,
        f.due,
        today,
        ReminderAction::MarkDone,
    );
    r.representative = f.representative.clone();
    r.interaction_id = f.origin.as_ref().map(|o| o.id);
    r.owner = f.owner.clone();
    r
}

fn commitment_title(c: &CommitmentFact) -> String {
    match c.side {
        Side::Ours => c.description.clone(),
        Side::Theirs => format!("Chase: {}", c.description),
    }
}

fn commitment(c: &CommitmentFact, today: NaiveDate) -> Reminder {
    let who = c.who.as_ref().map_or("Someone", |w| w.name.as_str());
    let at = origin_words(&c.origin, &None)
        .map(|o| format!(" at {o}"))
        .unwrap_or_default();
    let title = commitment_title(c);
    let why = match c.side {
        Side::Ours => format!("{who} promised this for us{at}; due {}.", long_date(c.due)),
        Side::Theirs => format!(
            "{who} promised this{at}, due {}. A polite reminder keeps it moving.",
            long_date(c.due)
        ),
    };
    let mut r = base(
        ReminderRule::CommitmentDue,
        c.id,
        title,
        why,
        c.due,
        today,
        ReminderAction::MarkDone,
    );
    r.representative = c.representative.clone();
    r.interaction_id = c.origin.as_ref().map(|o| o.id);
    r.owner = c.who.clone();
    r.side = Some(c.side);
    r
}

/// When a representative's contact prompts fall due, if they do by `today`: "no reply yet"
/// to our latest letter, and "time to check in".
struct ContactDues {
    letter: Option<NaiveDate>,
    check_in: Option<NaiveDate>,
}

fn contact_dues(
    contact: &ContactFact,
    today: NaiveDate,
    settings: &ReminderSettings,
) -> ContactDues {
    let letter = contact
        .last
        .as_ref()
        .filter(|l| l.awaits_reply())
        .map(|last| london_date(last.at) + Days::new(settings.letter_reply_days.max(0) as u64))
        .filter(|due| *due <= today);
    let cadence = contact
        .cadence_days
        .filter(|d| *d > 0)
        .unwrap_or(settings.contact_cadence_days)
        .max(1) as u64;
    let since = london_date(contact.last.as_ref().map_or(contact.added_at, |l| l.at));
    let check_in = Some(since + Days::new(cadence)).filter(|due| *due <= today);
    ContactDues { letter, check_in }
}

fn chase_title(contact: &ContactFact, last: &ContactEvent) -> String {
    let what = last.kind.label().to_lowercase();
    format!(
        "Chase {}: no reply to our {what}",
        contact.representative.name
    )
}

fn check_in_title(contact: &ContactFact) -> String {
    format!("Check in with {}", contact.representative.name)
}

/// "No reply yet" and "time to check in", from a representative's latest contact.
fn contact_rules(
    contact: &ContactFact,
    today: NaiveDate,
    settings: &ReminderSettings,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    let rep = &contact.representative;
    let dues = contact_dues(contact, today, settings);
    if let (Some(last), Some(due)) = (&contact.last, dues.letter) {
        let sent = london_date(last.at);
        let what = last.kind.label().to_lowercase();
        let mut r = base(
            ReminderRule::UnansweredLetter,
            last.id,
            chase_title(contact, last),
            format!(
                "We sent the {what} on {} and no reply is logged after {} days.",
                long_date(sent),
                days_between(sent, today)
            ),
            due,
            today,
            ReminderAction::LogReply,
        );
        r.representative = Some(rep.clone());
        r.interaction_id = Some(last.id);
        out.push(r);
    }
    if let Some(due) = dues.check_in {
        let why = match &contact.last {
            Some(last) => {
                let on = london_date(last.at);
                format!(
                    "The last contact logged was on {}, {} days ago.",
                    long_date(on),
                    days_between(on, today)
                )
            }
            None => format!(
                "No contact is logged since they were added on {}.",
                long_date(london_date(contact.added_at))
            ),
        };
        let mut r = base(
            ReminderRule::NoRecentContact,
            rep.id,
            check_in_title(contact),
            why,
            due,
            today,
            ReminderAction::LogContact,
        );
        r.representative = Some(rep.clone());
        out.push(r);
    }
    out
}

/// When a meeting's thank-you prompt is due, if it is in force `today`: none is logged, it
/// was due `thank_you_days` after the meeting, and it has not lapsed.
fn thank_you_due(
    m: &MeetingFact,
    today: NaiveDate,
    settings: &ReminderSettings,
) -> Option<NaiveDate> {
    if m.thanked || m.representatives.is_empty() {
        return None;
    }
    let held = london_date(m.at);
    let due = held + Days::new(settings.thank_you_days.max(0) as u64);
    let lapses = held + Days::new(THANK_YOU_LAPSES_AFTER_DAYS);
    (due <= today && today <= lapses).then_some(due)
}

fn thank_you_title(m: &MeetingFact) -> String {
    let names: Vec<&str> = m.representatives.iter().map(|r| r.name.as_str()).collect();
    format!("Send a thank-you to {}", names_in_words(&names))
}

fn thank_you(m: &MeetingFact, today: NaiveDate, settings: &ReminderSettings) -> Option<Reminder> {
    let due = thank_you_due(m, today, settings)?;
    let mut r = base(
        ReminderRule::ThankYouMissing,
        m.id,
        thank_you_title(m),
        format!(
            "No thank-you is logged for the {} on {}. Thank them, listing what each side agreed.",
            m.kind.label().to_lowercase(),
            long_date(london_date(m.at))
        ),
        due,
        today,
        ReminderAction::LogThankYou,
    );
    r.representative = m.representatives.first().cloned();
    r.interaction_id = Some(m.id);
    Some(r)
}

/// When an ask still marked "made" is due to be chased, if it is by `today`.
fn ask_due(a: &AskFact, today: NaiveDate, settings: &ReminderSettings) -> Option<NaiveDate> {
    let due = london_date(a.made_at) + Days::new(settings.ask_response_days.max(0) as u64);
    (due <= today).then_some(due)
}

fn ask_title(a: &AskFact) -> String {
    format!("No response yet: {}", a.title)
}

fn ask_waiting(a: &AskFact, today: NaiveDate, settings: &ReminderSettings) -> Option<Reminder> {
    let due = ask_due(a, today, settings)?;
    let made = london_date(a.made_at);
    let mut r = base(
        ReminderRule::AskNoResponse,
        a.id,
        ask_title(a),
        format!(
            "Asked of {} on {}, {} days ago, and still marked “Made”.",
            a.representative.name,
            long_date(made),
            days_between(made, today)
        ),
        due,
        today,
        ReminderAction::RecordResponse,
    );
    r.representative = Some(a.representative.clone());
    Some(r)
}

/// "A", "A and B", "A, B and C".
fn names_in_words(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{london_to_utc, parse_instant};
    use chrono::NaiveTime;

    fn at(text: &str) -> DateTime<Utc> {
        parse_instant(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Noon in London on `date`.
    fn noon(date: &str) -> DateTime<Utc> {
        london_to_utc(day(date), NaiveTime::from_hms_opt(12, 0, 0).unwrap())
    }

    fn name(text: &str) -> NameRef {
        NameRef {
            id: Uuid::now_v7(),
            name: text.to_owned(),
        }
    }

    fn settings() -> ReminderSettings {
        ReminderSettings::default()
    }

    fn run(facts: &Facts, now: DateTime<Utc>) -> Agenda {
        agenda(facts, now, &settings(), Vec::new())
    }

    /// Which section each reminder is in: "overdue", "today", "soon", "snoozed".
    fn sections(agenda: &Agenda) -> Vec<(&'static str, ReminderRule, String)> {
        let mut out = Vec::new();
        for (section, list) in [
            ("overdue", &agenda.overdue),
            ("today", &agenda.due_today),
            ("soon", &agenda.next_week),
            ("snoozed", &agenda.snoozed),
        ] {
            for r in list {
                out.push((section, r.rule, r.title.clone()));
            }
        }
        out
    }

    fn follow_up_due(due: &str, snoozed_until: Option<&str>) -> FollowUpFact {
        FollowUpFact {
            id: Uuid::now_v7(),
            kind: FollowUpKind::SendPapers,
            description: "Send the survey".into(),
            due: day(due),
            snoozed_until: snoozed_until.map(day),
            owner: Some(name("Amira Khan")),
            representative: Some(name("Jane Smith")),
            origin: Some(Origin {
                id: Uuid::now_v7(),
                kind: InteractionKind::SurgeryMeeting,
                at: noon("2026-11-20"),
            }),
        }
    }

    fn letter(sent: DateTime<Utc>) -> ContactFact {
        ContactFact {
            representative: name("Jane Smith"),
            cadence_days: None,
            added_at: at("2020-01-01T00:00:00Z"),
            last: Some(ContactEvent {
                id: Uuid::now_v7(),
                kind: InteractionKind::Letter,
                direction: Direction::WeContacted,
                at: sent,
            }),
        }
    }

    fn rules(agenda: &Agenda, rule: ReminderRule) -> Vec<&'static str> {
        sections(agenda)
            .into_iter()
            .filter(|(_, r, _)| *r == rule)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn a_follow_up_moves_from_next_week_to_today_to_overdue() {
        let facts = Facts {
            follow_ups: vec![follow_up_due("2026-11-24", None)],
            ..Facts::default()
        };
        assert!(sections(&run(&facts, noon("2026-11-16"))).is_empty());
        assert_eq!(
            rules(&run(&facts, noon("2026-11-17")), ReminderRule::FollowUpDue),
            ["soon"]
        );
        let today = run(&facts, noon("2026-11-24"));
        assert_eq!(rules(&today, ReminderRule::FollowUpDue), ["today"]);
        assert_eq!(today.due_today[0].days_overdue, 0);
        assert_eq!(
            today.due_today[0].why,
            "Send promised papers agreed after the surgery meeting with Jane Smith on 20 November 2026; due 24 November 2026."
        );
        let late = run(&facts, noon("2026-11-27"));
        assert_eq!(rules(&late, ReminderRule::FollowUpDue), ["overdue"]);
        assert_eq!(late.overdue[0].days_overdue, 3);
        assert!(late.overdue[0].can_reschedule && !late.overdue[0].can_dismiss);
    }

    #[test]
    fn a_snoozed_follow_up_is_away_until_its_date_and_then_back_as_overdue() {
        let facts = Facts {
            follow_ups: vec![follow_up_due("2026-11-23", Some("2026-11-30"))],
            ..Facts::default()
        };
        let tuesday = run(&facts, noon("2026-11-24"));
        assert_eq!(rules(&tuesday, ReminderRule::FollowUpDue), ["snoozed"]);
        assert_eq!(
            tuesday.snoozed[0].snoozed_until.as_deref(),
            Some("2026-11-30")
        );
        // The last minute of Sunday in London is still snoozed; Monday brings it back.
        assert_eq!(
            rules(
                &run(&facts, at("2026-11-29T23:59:00Z")),
                ReminderRule::FollowUpDue
            ),
            ["snoozed"]
        );
        let monday = run(&facts, at("2026-11-30T00:00:00Z"));
        assert_eq!(rules(&monday, ReminderRule::FollowUpDue), ["overdue"]);
        assert_eq!(monday.overdue[0].snoozed_until, None);
    }

    #[test]
    fn snoozed_until_tomorrow_is_gone_today_and_back_tomorrow() {
        let facts = Facts {
            follow_ups: vec![follow_up_due("2026-11-24", Some("2026-11-25"))],
            ..Facts::default()
        };
        assert_eq!(
            rules(&run(&facts, noon("2026-11-24")), ReminderRule::FollowUpDue),
            ["snoozed"]
        );
        assert_eq!(
            rules(&run(&facts, noon("2026-11-25")), ReminderRule::FollowUpDue),
            ["overdue"]
        );
    }

    #[test]
    fn commitments_say_whose_promise_it_is_and_snooze_through_dismissals() {
        let mut ours = CommitmentFact {
            id: Uuid::now_v7(),
            side: Side::Ours,
            description: "Send the residents' survey".into(),
            due: day("2026-11-23"),
            who: Some(name("Dev Patel")),
            representative: Some(name("Jane Smith")),
            origin: None,
        };
        let mut theirs = ours.clone();
        theirs.id = Uuid::now_v7();
        theirs.side = Side::Theirs;
        theirs.description = "Write to the bus company".into();
        theirs.who = Some(name("Jane Smith"));
        ours.due = day("2026-11-24");
        let facts = Facts {
            commitments: vec![ours.clone(), theirs.clone()],
            dismissals: vec![Dismissal {
                rule: ReminderRule::CommitmentDue,
                subject_id: ours.id,
                until: Some(day("2026-11-26")),
                at: noon("2026-11-24"),
            }],
            ..Facts::default()
        };
        let agenda = run(&facts, noon("2026-11-24"));
        assert_eq!(agenda.overdue[0].title, "Chase: Write to the bus company");
        assert_eq!(agenda.overdue[0].side, Some(Side::Theirs));
        assert_eq!(agenda.snoozed[0].title, "Send the residents' survey");
        assert_eq!(
            rules(
                &run(&facts, noon("2026-11-26")),
                ReminderRule::CommitmentDue
            ),
            ["overdue", "overdue"]
        );
    }

    #[test]
    fn a_letter_is_chased_on_day_14_not_day_13() {
        let facts = Facts {
            contacts: vec![letter(noon("2026-11-10"))],
            ..Facts::default()
        };
        assert!(rules(
            &run(&facts, noon("2026-11-23")),
            ReminderRule::UnansweredLetter
        )
        .is_empty());
        let day14 = run(&facts, noon("2026-11-24"));
        assert_eq!(rules(&day14, ReminderRule::UnansweredLetter), ["today"]);
        let r = &day14.due_today[0];
        assert_eq!(r.title, "Chase Jane Smith: no reply to our letter");
        assert_eq!(
            r.why,
            "We sent the letter on 10 November 2026 and no reply is logged after 14 days."
        );
        assert_eq!(r.action, ReminderAction::LogReply);
        assert!(r.can_dismiss && !r.can_reschedule);
        assert_eq!(
            rules(
                &run(&facts, noon("2026-11-25")),
                ReminderRule::UnansweredLetter
            ),
            ["overdue"]
        );
    }

    #[test]
    fn anything_after_the_letter_that_is_not_our_letter_is_an_answer() {
        let mut contact = letter(noon("2026-10-01"));
        contact.last.as_mut().unwrap().direction = Direction::TheyContacted;
        let facts = Facts {
            contacts: vec![contact],
            ..Facts::default()
        };
        assert!(rules(
            &run(&facts, noon("2026-11-24")),
            ReminderRule::UnansweredLetter
        )
        .is_empty());
    }

    #[test]
    fn the_letter_rule_counts_days_on_the_london_calendar_across_the_october_change() {
        // 00:30 BST on Tuesday 13 October is 23:30 UTC on the 12th: the letter is dated the 13th.
        let facts = Facts {
            contacts: vec![letter(at("2026-10-12T23:30:00Z"))],
            ..Facts::default()
        };
        // Day 13 runs to midnight GMT on 26 October (the clocks went back on the 25th).
        assert!(rules(
            &run(&facts, at("2026-10-26T23:59:00Z")),
            ReminderRule::UnansweredLetter
        )
        .is_empty());
        let day14 = run(&facts, at("2026-10-27T00:00:00Z"));
        assert_eq!(rules(&day14, ReminderRule::UnansweredLetter), ["today"]);
        assert_eq!(day14.due_today[0].due_date, "2026-10-27");
    }

    #[test]
    fn the_thank_you_rule_counts_days_on_the_london_calendar_across_the_march_change() {
        // A meeting at 23:30 GMT on Saturday 28 March 2026; the clocks go forward that night.
        let meeting = MeetingFact {
            id: Uuid::now_v7(),
            kind: InteractionKind::Event,
            at: at("2026-03-28T23:30:00Z"),
            representatives: vec![name("Jane Smith"), name("Tom Reid")],
            thanked: false,
        };
        let facts = Facts {
            meetings: vec![meeting.clone()],
            ..Facts::default()
        };
        // Day 1, Sunday 29 March, ends at 23:00 UTC: midnight in British Summer Time.
        assert!(rules(
            &run(&facts, at("2026-03-29T22:59:00Z")),
            ReminderRule::ThankYouMissing
        )
        .is_empty());
        let day2 = run(&facts, at("2026-03-29T23:00:00Z"));
        assert_eq!(rules(&day2, ReminderRule::ThankYouMissing), ["today"]);
        assert_eq!(
            day2.due_today[0].title,
            "Send a thank-you to Jane Smith and Tom Reid"
        );
        assert_eq!(day2.due_today[0].due_date, "2026-03-30");

        let thanked = Facts {
            meetings: vec![MeetingFact {
                thanked: true,
                ..meeting
            }],
            ..Facts::default()
        };
        assert!(sections(&run(&thanked, at("2026-03-31T12:00:00Z"))).is_empty());
    }

    #[test]
    fn a_thank_you_prompt_lapses_after_thirty_days() {
        let facts = Facts {
            meetings: vec![MeetingFact {
                id: Uuid::now_v7(),
                kind: InteractionKind::SurgeryMeeting,
                at: noon("2026-10-01"),
                representatives: vec![name("Jane Smith")],
                thanked: false,
            }],
            ..Facts::default()
        };
        assert_eq!(
            rules(
                &run(&facts, noon("2026-10-31")),
                ReminderRule::ThankYouMissing
            ),
            ["overdue"]
        );
        assert!(sections(&run(&facts, noon("2026-11-01"))).is_empty());
    }

    #[test]
    fn check_in_after_the_period_and_a_dismissal_lasts_until_the_next_contact() {
        let mut contact = letter(noon("2026-08-25"));
        contact.last.as_mut().unwrap().direction = Direction::TheyContacted;
        let rep = contact.representative.id;
        let mut facts = Facts {
            contacts: vec![contact.clone()],
            ..Facts::default()
        };
        // 91 days from 25 August is 24 November.
        assert!(rules(
            &run(&facts, noon("2026-11-23")),
            ReminderRule::NoRecentContact
        )
        .is_empty());
        let due = run(&facts, noon("2026-11-24"));
        assert_eq!(rules(&due, ReminderRule::NoRecentContact), ["today"]);
        assert_eq!(due.due_today[0].subject_id, rep);
        assert_eq!(
            due.due_today[0].why,
            "The last contact logged was on 25 August 2026, 91 days ago."
        );

        facts.dismissals.push(Dismissal {
            rule: ReminderRule::NoRecentContact,
            subject_id: rep,
            until: None,
            at: noon("2026-11-24"),
        });
        assert!(sections(&run(&facts, noon("2027-01-10"))).is_empty());

        // A contact after the dismissal starts a new period; when that runs out, it is back.
        facts.contacts[0].last.as_mut().unwrap().at = noon("2026-12-01");
        assert!(sections(&run(&facts, noon("2027-02-28"))).is_empty());
        assert_eq!(
            rules(
                &run(&facts, noon("2027-03-02")),
                ReminderRule::NoRecentContact
            ),
            ["today"]
        );
    }

    #[test]
    fn a_representatives_own_period_wins_and_no_contact_counts_from_when_they_were_added() {
        let facts = Facts {
            contacts: vec![ContactFact {
                representative: name("Cllr Ade Bello"),
                cadence_days: Some(30),
                added_at: noon("2026-10-25"),
                last: None,
            }],
            ..Facts::default()
        };
        assert!(sections(&run(&facts, noon("2026-11-23"))).is_empty());
        let due = run(&facts, noon("2026-11-24"));
        assert_eq!(
            due.due_today[0].why,
            "No contact is logged since they were added on 25 October 2026."
        );
    }

    #[test]
    fn a_dismissed_prompt_stays_away_and_a_snoozed_one_comes_back() {
        let contact = letter(noon("2026-11-01"));
        let letter_id = contact.last.as_ref().unwrap().id;
        let mut facts = Facts {
            contacts: vec![contact],
            dismissals: vec![Dismissal {
                rule: ReminderRule::UnansweredLetter,
                subject_id: letter_id,
                until: Some(day("2026-11-25")),
                at: noon("2026-11-24"),
            }],
            ..Facts::default()
        };
        assert_eq!(
            rules(
                &run(&facts, noon("2026-11-24")),
                ReminderRule::UnansweredLetter
            ),
            ["snoozed"]
        );
        assert_eq!(
            rules(
                &run(&facts, noon("2026-11-25")),
                ReminderRule::UnansweredLetter
            ),
            ["overdue"]
        );
        facts.dismissals.push(Dismissal {
            rule: ReminderRule::UnansweredLetter,
            subject_id: letter_id,
            until: None,
            at: noon("2026-11-25"),
        });
        assert!(rules(
            &run(&facts, noon("2027-06-01")),
            ReminderRule::UnansweredLetter
        )
        .is_empty());
    }

    #[test]
    fn an_ask_waits_its_days_before_it_is_chased() {
        let facts = Facts {
            asks: vec![AskFact {
                id: Uuid::now_v7(),
                title: "Table a written question on route 42".into(),
                representative: name("Jane Smith"),
                made_at: noon("2026-10-27"),
            }],
            ..Facts::default()
        };
        assert!(sections(&run(&facts, noon("2026-11-23"))).is_empty());
        let due = run(&facts, noon("2026-11-24"));
        assert_eq!(
            due.due_today[0].title,
            "No response yet: Table a written question on route 42"
        );
        assert_eq!(due.due_today[0].action, ReminderAction::RecordResponse);
    }

    #[test]
    fn the_opening_notice_counts_what_fell_due_while_the_app_was_closed() {
        let facts = Facts {
            follow_ups: vec![
                follow_up_due("2026-11-18", None),
                follow_up_due("2026-11-21", None),
                follow_up_due("2026-11-23", None),
                follow_up_due("2026-11-24", None),
                follow_up_due("2026-11-25", None),
            ],
            ..Facts::default()
        };
        let tuesday = plan(facts, noon("2026-11-24"), &settings());
        let notice = opening_notice(&tuesday, Some(day("2026-11-20"))).unwrap();
        assert_eq!(notice.title, "Rapport: 3 overdue and 1 due today");
        assert_eq!(
            notice.body,
            "• Send the survey\n• Send the survey\n• Send the survey\n…and 1 more on the Today screen.\n3 fell due while Rapport was closed."
        );
        // Looked at today already: nothing "fell due while closed".
        let again = opening_notice(&tuesday, Some(day("2026-11-24"))).unwrap();
        assert!(!again.body.contains("closed"), "{}", again.body);
        assert_eq!(
            opening_notice(
                &plan(Facts::default(), noon("2026-11-24"), &settings()),
                None
            ),
            None
        );
    }

    #[test]
    fn a_notice_while_running_names_only_what_newly_fell_due() {
        let facts = Facts {
            follow_ups: vec![
                follow_up_due("2026-11-24", None),
                follow_up_due("2026-11-25", None),
            ],
            ..Facts::default()
        };
        let tuesday = plan(facts.clone(), noon("2026-11-24"), &settings());
        let seen = tuesday.due_now_keys();
        assert_eq!(newly_due_notice(&tuesday, &seen), None);
        let wednesday = plan(facts, at("2026-11-25T00:00:30Z"), &settings());
        let notice = newly_due_notice(&wednesday, &seen).unwrap();
        assert_eq!(notice.title, "Now due: Send the survey");
        assert!(
            notice.body.contains("due 25 November 2026"),
            "{}",
            notice.body
        );
    }

    #[test]
    fn next_week_means_the_coming_monday() {
        assert_eq!(snooze_choices(day("2026-11-24")).next_week, "2026-11-30");
        assert_eq!(snooze_choices(day("2026-11-29")).next_week, "2026-11-30");
        assert_eq!(snooze_choices(day("2026-11-30")).next_week, "2026-12-07");
        assert_eq!(snooze_choices(day("2026-12-31")).tomorrow, "2027-01-01");
    }

    #[test]
    fn due_in_words_counts_what_is_due_now() {
        let facts = Facts {
            follow_ups: vec![
                follow_up_due("2026-11-20", None),
                follow_up_due("2026-11-21", None),
                follow_up_due("2026-11-24", None),
                follow_up_due("2026-11-26", None),
            ],
            ..Facts::default()
        };
        let agenda = run(&facts, noon("2026-11-24"));
        assert_eq!(
            agenda.due_in_words().as_deref(),
            Some("2 overdue and 1 due today")
        );
        assert_eq!(
            run(&Facts::default(), noon("2026-11-24")).due_in_words(),
            None
        );
    }
}
