//! What the reminder rules read, and what the Today screen writes: snoozes, dismissals, new
//! due dates and the thresholds. The rules themselves are in `crate::reminders`.
//!
//! Each fact is one indexed query, so the cost grows with what is open or recent, not with
//! the years of history behind it: open follow-ups and commitments by due date; one latest
//! contact per representative (through `participants_by_representative_time`); the meetings
//! of the last month; the asks still marked "made".

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{records, settings, tracking, Writer};
use crate::domain::{
    Direction, InteractionKind, NameRef, ReminderKey, ReminderRule, ReminderSettings,
    StatusChangeInput, SubjectKind,
};
use crate::ids::uuid_from_sql;
use crate::reminders::{
    AskFact, CommitmentFact, ContactEvent, ContactFact, Dismissal, Facts, FollowUpFact,
    MeetingFact, Origin, LOOK_AHEAD_DAYS, THANK_YOU_LAPSES_AFTER_DAYS,
};
use crate::time::{format_date, format_instant, parse_date, parse_instant};
use crate::{Error, Result};

pub(crate) fn uuid(row: &Row, index: usize) -> rusqlite::Result<Uuid> {
    uuid_from_sql(row.get_ref(index)?).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Blob, e.into())
    })
}

fn maybe_uuid(row: &Row, index: usize) -> rusqlite::Result<Option<Uuid>> {
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => uuid(row, index).map(Some),
    }
}

fn name_at(row: &Row, id: usize) -> rusqlite::Result<Option<NameRef>> {
    Ok(match maybe_uuid(row, id)? {
        Some(id_value) => Some(NameRef {
            id: id_value,
            name: row.get(id + 1)?,
        }),
        None => None,
    })
}

/// The facts of the rows read: a row whose date cannot be read (`None`) is skipped rather than
/// failing the whole screen.
fn present<T>(
    rows: impl Iterator<Item = rusqlite::Result<Option<rusqlite::Result<T>>>>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for row in rows {
        if let Some(fact) = row? {
            out.push(fact?);
        }
    }
    Ok(out)
}

fn date_at(row: &Row, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row
        .get::<_, Option<String>>(index)?
        .and_then(|text| parse_date(&text)))
}

fn instant_at(row: &Row, index: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(row
        .get::<_, Option<String>>(index)?
        .and_then(|text| parse_instant(&text)))
}

fn origin_at(row: &Row, index: usize) -> rusqlite::Result<Option<Origin>> {
    let (Some(id), Some(at)) = (maybe_uuid(row, index)?, instant_at(row, index + 2)?) else {
        return Ok(None);
    };
    Ok(Some(Origin {
        id,
        kind: row.get(index + 1)?,
        at,
    }))
}

/// Everything the rules need at `now` (`today` being its London date).
pub(crate) fn facts(conn: &Connection, now: DateTime<Utc>, today: NaiveDate) -> Result<Facts> {
    let horizon = format_date(today + Days::new(LOOK_AHEAD_DAYS));
    let (contacts, names) = contacts(conn, &format_instant(now))?;
    Ok(Facts {
        follow_ups: follow_ups(conn, &horizon)?,
        commitments: commitments(conn, &horizon)?,
        contacts,
        meetings: meetings(conn, now, &names)?,
        asks: asks(conn, &names)?,
        dismissals: dismissals(conn, &format_date(today))?,
    })
}

/// Open follow-ups due by `horizon`: what the rules need, from the partial index of open ones
/// (named, since without statistics SQLite prefers the index on status and due date, which
/// visits every row). Who owns one,
/// whom it concerns and the meeting it came from are read by `add_details`, for the few listed.
fn follow_ups(conn: &Connection, horizon: &str) -> Result<Vec<FollowUpFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, description, due_date, snoozed_until
           FROM follow_ups INDEXED BY follow_ups_open
          WHERE status = 'open' AND deleted_at IS NULL AND due_date <= :horizon",
    )?;
    let rows = stmt.query_map(named_params! { ":horizon": horizon }, |row| {
        Ok(
            date_at(row, 3)?.map(|due| -> rusqlite::Result<FollowUpFact> {
                Ok(FollowUpFact {
                    id: uuid(row, 0)?,
                    kind: row.get(1)?,
                    description: row.get(2)?,
                    due,
                    snoozed_until: date_at(row, 4)?,
                    owner: None,
                    representative: None,
                    origin: None,
                })
            }),
        )
    })?;
    present(rows)
}

/// Open commitments with a due date by `horizon`, from one partial index; who gave one, whom it
/// concerns and where are read by `add_details`.
fn commitments(conn: &Connection, horizon: &str) -> Result<Vec<CommitmentFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, side, description, due_date
           FROM commitments INDEXED BY commitments_open
          WHERE status = 'open' AND deleted_at IS NULL AND due_date IS NOT NULL
            AND due_date <= :horizon",
    )?;
    let rows = stmt.query_map(named_params! { ":horizon": horizon }, |row| {
        Ok(
            date_at(row, 3)?.map(|due| -> rusqlite::Result<CommitmentFact> {
                Ok(CommitmentFact {
                    id: uuid(row, 0)?,
                    side: row.get(1)?,
                    description: row.get(2)?,
                    due,
                    who: None,
                    representative: None,
                    origin: None,
                })
            }),
        )
    })?;
    present(rows)
}

/// Every representative's name, by id (deleted ones too: what was said to them stays).
type Names = HashMap<Uuid, String>;

type Details = (Option<NameRef>, Option<NameRef>, Option<Origin>);

/// Who, with whom and where for record `id`, by `stmt` (their columns at 0, 2 and 4).
fn details(stmt: &mut rusqlite::CachedStatement, id: Uuid) -> Result<Option<Details>> {
    Ok(stmt
        .query_row([&id.as_bytes()[..]], |row| {
            Ok((name_at(row, 0)?, name_at(row, 2)?, origin_at(row, 4)?))
        })
        .optional()?)
}

/// Reads who, with whom and where for the follow-ups and commitments at these indexes of
/// `facts`: the reminders about to be shown.
pub(crate) fn add_details(
    conn: &Connection,
    facts: &mut Facts,
    follow_ups: &[usize],
    commitments: &[usize],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.full_name, r.id, r.full_name, i.id, i.kind, i.occurred_at
           FROM follow_ups f
           LEFT JOIN people o ON o.id = f.owner_id
           LEFT JOIN representatives r ON r.id = f.representative_id
           LEFT JOIN interactions i ON i.id = f.interaction_id
          WHERE f.id = ?1",
    )?;
    for &index in follow_ups {
        if let Some(f) = facts.follow_ups.get_mut(index) {
            if let Some((owner, representative, origin)) = details(&mut stmt, f.id)? {
                (f.owner, f.representative, f.origin) = (owner, representative, origin);
            }
        }
    }
    // Who promised: one of us or their office (a person), or the representative.
    // Which representative it concerns: theirs by name, else the interaction's first.
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(c.person_id, c.representative_id), COALESCE(p.full_name, wr.full_name),
                r.id, r.full_name, i.id, i.kind, i.occurred_at
           FROM commitments c
           LEFT JOIN people p ON p.id = c.person_id
           LEFT JOIN representatives wr ON wr.id = c.representative_id
           LEFT JOIN interactions i ON i.id = c.interaction_id
           LEFT JOIN representatives r ON r.id = COALESCE(c.representative_id,
                (SELECT ip.representative_id FROM interaction_participants ip
                  WHERE ip.interaction_id = c.interaction_id AND ip.representative_id IS NOT NULL
                    AND ip.deleted_at IS NULL
                  ORDER BY ip.seq LIMIT 1))
          WHERE c.id = ?1",
    )?;
    for &index in commitments {
        if let Some(c) = facts.commitments.get_mut(index) {
            if let Some((who, representative, origin)) = details(&mut stmt, c.id)? {
                (c.who, c.representative, c.origin) = (who, representative, origin);
            }
        }
    }
    Ok(())
}

/// The representatives we keep in touch with, each with our latest contact. Former holders of
/// a seat are left out; so is anyone we have never met, whose seat we do not cover and whose
/// record sets no period (a list of every MP, imported, must not ask us to call them all).
///
/// Each latest contact is kept by triggers in `representative_contacts` (migration 0007). One
/// dated after `now` (a meeting logged with a future date, or a clock set back in a test) is
/// looked for again before `now`. Seats are read once, grouped by representative.
fn contacts(conn: &Connection, now: &str) -> Result<(Vec<ContactFact>, Names)> {
    // Whether each representative who has held a seat holds one now, and one we cover.
    let mut seats: HashMap<Uuid, (bool, bool)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.representative_id, o.end_date IS NULL,
                o.end_date IS NULL AND EXISTS (
                    SELECT 1 FROM organisation_seats os
                     WHERE os.seat_id = o.seat_id AND os.deleted_at IS NULL)
           FROM offices o
          WHERE o.kind = 'seat' AND o.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let entry = seats.entry(uuid(row, 0)?).or_default();
        entry.0 |= row.get::<_, bool>(1)?;
        entry.1 |= row.get::<_, bool>(2)?;
    }
    // Each representative's kept latest contact, read in one pass rather than one lookup each.
    let mut kept: HashMap<Uuid, (Uuid, InteractionKind, Direction, String)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT representative_id, interaction_id, kind, direction, occurred_at
           FROM representative_contacts WHERE interaction_id IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (Some(rep), Some(id)) = (maybe_uuid(row, 0)?, maybe_uuid(row, 1)?) else {
            continue;
        };
        kept.insert(rep, (id, row.get(2)?, row.get(3)?, row.get(4)?));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, full_name, contact_cadence_days, created_at, deleted_at IS NULL
           FROM representatives",
    )?;
    let mut out = Vec::new();
    let mut names = Names::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let representative = NameRef {
            id: uuid(row, 0)?,
            name: row.get(1)?,
        };
        names.insert(representative.id, representative.name.clone());
        // Not deleted, and not a former holder of a seat.
        let (seated, covered) = match seats.get(&representative.id) {
            Some(&(seated, covered)) => (Some(seated), covered),
            None => (None, false),
        };
        let in_touch = row.get::<_, bool>(4)? && seated != Some(false);
        let Some(added_at) = instant_at(row, 3)?.filter(|_| in_touch) else {
            continue;
        };
        // The kept latest contact, unless it is dated after now.
        let last = match kept.remove(&representative.id) {
            Some((id, kind, direction, at)) if at.as_str() <= now => {
                parse_instant(&at).map(|at| ContactEvent {
                    id,
                    kind,
                    direction,
                    at,
                })
            }
            Some(_) => latest_contact_before(conn, representative.id, now)?,
            None => None,
        };
        let cadence_days: Option<i64> = row.get(2)?;
        if last.is_none() && !covered && cadence_days.is_none() {
            continue;
        }
        out.push(ContactFact {
            representative,
            cadence_days,
            added_at,
            last,
        });
    }
    Ok((out, names))
}

/// The latest held interaction with representative `id` at or before `now`: for the rare one
/// whose kept latest contact is dated after `now`.
fn latest_contact_before(conn: &Connection, id: Uuid, now: &str) -> Result<Option<ContactEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.kind, i.direction, p.occurred_at
           FROM interaction_participants p
           JOIN interactions i ON i.id = p.interaction_id
          WHERE p.representative_id = ?1 AND p.occurred_at <= ?2
            AND p.deleted_at IS NULL AND i.status = 'held' AND i.deleted_at IS NULL
          ORDER BY p.occurred_at DESC, p.seq DESC
          LIMIT 1",
    )?;
    let found = stmt
        .query_row(params![&id.as_bytes()[..], now], |row| {
            Ok(match instant_at(row, 3)? {
                Some(at) => Some(ContactEvent {
                    id: uuid(row, 0)?,
                    kind: row.get(1)?,
                    direction: row.get(2)?,
                    at,
                }),
                None => None,
            })
        })
        .optional()?;
    Ok(found.flatten())
}

/// Meetings held in the last month (when a thank-you can still be timely) with no thank-you
/// on record, from `thank_you_pending`, kept by triggers (migration 0007) with each meeting's
/// kind and representatives: nothing we sent in reply to it, no "send thank-you" follow-up for
/// it (open ones remind on their own), and no letter or email we sent one of its
/// representatives after it.
fn meetings(conn: &Connection, now: DateTime<Utc>, names: &Names) -> Result<Vec<MeetingFact>> {
    let since =
        format_instant(now - chrono::Duration::days(THANK_YOU_LAPSES_AFTER_DAYS as i64 + 2));
    let mut stmt = conn.prepare_cached(
        "SELECT interaction_id, kind, occurred_at, representative_ids
           FROM thank_you_pending
          WHERE occurred_at >= :since AND occurred_at <= :now",
    )?;
    let mut out: Vec<MeetingFact> = Vec::new();
    let mut rows = stmt.query(named_params! { ":since": since, ":now": format_instant(now) })?;
    while let Some(row) = rows.next()? {
        let Some(at) = instant_at(row, 2)? else {
            continue;
        };
        let ids: Option<String> = row.get(3)?;
        let representatives = ids
            .iter()
            .flat_map(|ids| ids.split(','))
            .filter_map(|hex| Uuid::try_parse(hex).ok())
            .filter_map(|id| {
                names.get(&id).map(|name| NameRef {
                    id,
                    name: name.clone(),
                })
            })
            .collect();
        out.push(MeetingFact {
            id: uuid(row, 0)?,
            kind: row.get(1)?,
            at,
            representatives,
            thanked: false,
        });
    }
    Ok(out)
}

/// Asks still marked "made", with when they were made (their latest step to "made"), from the
/// partial index of them (named, as SQLite would otherwise take the index on status alone).
fn asks(conn: &Connection, names: &Names) -> Result<Vec<AskFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.title, a.representative_id,
                COALESCE((SELECT max(s.changed_at) FROM status_changes s
                           WHERE s.subject_id = a.id AND s.to_status = 'made' AND s.deleted_at IS NULL),
                         a.created_at)
           FROM asks a INDEXED BY asks_made
          WHERE a.status = 'made' AND a.deleted_at IS NULL",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (Some(made_at), Some(rep)) = (instant_at(row, 3)?, maybe_uuid(row, 2)?) else {
            continue;
        };
        let Some(name) = names.get(&rep) else {
            continue;
        };
        out.push(AskFact {
            id: uuid(row, 0)?,
            title: row.get(1)?,
            representative: NameRef {
                id: rep,
                name: name.clone(),
            },
            made_at,
        });
    }
    Ok(out)
}

/// Dismissals, and snoozes not yet over.
fn dismissals(conn: &Connection, today: &str) -> Result<Vec<Dismissal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rule, subject_id, dismissed_until, created_at
           FROM reminder_dismissals
          WHERE deleted_at IS NULL AND (dismissed_until IS NULL OR dismissed_until > :today)",
    )?;
    let rows = stmt.query_map(named_params! { ":today": today }, |row| {
        Ok(
            instant_at(row, 3)?.map(|at| -> rusqlite::Result<Dismissal> {
                Ok(Dismissal {
                    rule: row.get(0)?,
                    subject_id: uuid(row, 1)?,
                    until: date_at(row, 2)?,
                    at,
                })
            }),
        )
    })?;
    present(rows)
}

/// Planned meetings from `now` on, soonest first.
pub(crate) fn upcoming_meeting_ids(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<crate::ids::InteractionId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM interactions
          WHERE status = 'planned' AND occurred_at >= ?1 AND deleted_at IS NULL
          ORDER BY occurred_at LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![format_instant(now), limit], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ----- acting on a reminder -----

fn is_record_rule(rule: ReminderRule) -> bool {
    matches!(
        rule,
        ReminderRule::FollowUpDue | ReminderRule::CommitmentDue
    )
}

/// Replaces the snooze or dismissal in force for `key` with one until `until` (for good if
/// `None`).
fn set_dismissal(w: &Writer, key: &ReminderKey, until: Option<NaiveDate>) -> Result<()> {
    clear_dismissals(w, key)?;
    let id = Uuid::now_v7();
    w.tx.execute(
        "INSERT INTO reminder_dismissals (id, rule, subject_id, dismissed_until, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
        params![
            &id.as_bytes()[..],
            key.rule,
            &key.subject_id.as_bytes()[..],
            until.map(format_date),
            w.now,
            w.author,
        ],
    )?;
    records::created(w, "reminder_dismissals", &&id.as_bytes()[..])
}

fn clear_dismissals(w: &Writer, key: &ReminderKey) -> Result<()> {
    let ids: Vec<Vec<u8>> = w
        .tx
        .prepare_cached(
            "SELECT id FROM reminder_dismissals WHERE rule = ?1 AND subject_id = ?2 AND deleted_at IS NULL",
        )?
        .query_map(params![key.rule, &key.subject_id.as_bytes()[..]], |row| {
            row.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        records::set_deleted(w, "reminder_dismissals", id, true)?;
    }
    Ok(())
}

/// Sets a follow-up's snooze date (or clears it).
fn set_follow_up_snooze(w: &Writer, id: Uuid, until: Option<NaiveDate>) -> Result<()> {
    let until = until.map(format_date);
    let key = &id.as_bytes()[..];
    records::updated(w, "follow_ups", &key, "follow-up", || {
        w.tx.execute(
            "UPDATE follow_ups SET snoozed_until = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            params![until, key],
        )?;
        Ok(())
    })
}

pub(crate) fn snooze(w: &Writer, key: &ReminderKey, until: NaiveDate) -> Result<()> {
    match key.rule {
        ReminderRule::FollowUpDue => set_follow_up_snooze(w, key.subject_id, Some(until)),
        _ => set_dismissal(w, key, Some(until)),
    }
}

pub(crate) fn dismiss(w: &Writer, key: &ReminderKey) -> Result<()> {
    if is_record_rule(key.rule) {
        return Err(Error::invalid(
            "key",
            "A follow-up or commitment is not dismissed: mark it done, or snooze it.",
        ));
    }
    set_dismissal(w, key, None)
}

/// Undoes a snooze or a dismissal.
pub(crate) fn undo(w: &Writer, key: &ReminderKey) -> Result<()> {
    match key.rule {
        ReminderRule::FollowUpDue => set_follow_up_snooze(w, key.subject_id, None),
        _ => clear_dismissals(w, key),
    }
}

pub(crate) fn reschedule(w: &Writer, key: &ReminderKey, due: NaiveDate) -> Result<()> {
    let due = format_date(due);
    let id = &key.subject_id.as_bytes()[..];
    match key.rule {
        ReminderRule::FollowUpDue => records::updated(w, "follow_ups", &id, "follow-up", || {
            w.tx.execute(
                "UPDATE follow_ups SET due_date = ?1, snoozed_until = NULL WHERE id = ?2 AND deleted_at IS NULL",
                params![due, id],
            )?;
            Ok(())
        }),
        ReminderRule::CommitmentDue => {
            records::updated(w, "commitments", &id, "commitment", || {
                w.tx.execute(
                    "UPDATE commitments SET due_date = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    params![due, id],
                )?;
                Ok(())
            })?;
            clear_dismissals(w, key)
        }
        _ => Err(Error::invalid(
            "date",
            "Only a follow-up or a commitment has a due date to change. Snooze this reminder instead.",
        )),
    }
}

/// Marks a follow-up or commitment done (or, with `done` false, open again).
pub(crate) fn set_done(w: &Writer, key: &ReminderKey, done: bool) -> Result<()> {
    let (subject_kind, status) = match (key.rule, done) {
        (ReminderRule::FollowUpDue, true) => (SubjectKind::FollowUp, "done"),
        (ReminderRule::FollowUpDue, false) => (SubjectKind::FollowUp, "open"),
        (ReminderRule::CommitmentDue, true) => (SubjectKind::Commitment, "done"),
        (ReminderRule::CommitmentDue, false) => (SubjectKind::Commitment, "open"),
        _ => {
            return Err(Error::invalid(
                "key",
                "This reminder is finished by logging what happened, or dismissed.",
            ))
        }
    };
    tracking::change_status(
        w,
        &StatusChangeInput {
            subject_kind,
            id: key.subject_id,
            status: status.to_owned(),
            note: Some(if done {
                "Marked done on the Today screen.".to_owned()
            } else {
                "Opened again on the Today screen.".to_owned()
            }),
            evidence: None,
            stated_position: None,
        },
    )?;
    if done {
        clear_dismissals(w, key)?;
    }
    Ok(())
}

// ----- thresholds -----

const LETTER_REPLY_DAYS: &str = "reminders.letter_reply_days";
const THANK_YOU_DAYS: &str = "reminders.thank_you_days";
const CONTACT_CADENCE_DAYS: &str = "reminders.contact_cadence_days";
const ASK_RESPONSE_DAYS: &str = "reminders.ask_response_days";
const NOTIFICATIONS: &str = "reminders.notifications";
const LAST_SEEN: &str = "reminders.last_seen_date";

pub(crate) fn load_settings(conn: &Connection) -> Result<ReminderSettings> {
    let defaults = ReminderSettings::default();
    let number = |key: &str, default: i64| -> Result<i64> {
        Ok(settings::get(conn, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    Ok(ReminderSettings {
        letter_reply_days: number(LETTER_REPLY_DAYS, defaults.letter_reply_days)?,
        thank_you_days: number(THANK_YOU_DAYS, defaults.thank_you_days)?,
        contact_cadence_days: number(CONTACT_CADENCE_DAYS, defaults.contact_cadence_days)?,
        ask_response_days: number(ASK_RESPONSE_DAYS, defaults.ask_response_days)?,
        notifications: settings::get(conn, NOTIFICATIONS)?
            .map_or(defaults.notifications, |v| v != "off"),
    })
}

pub(crate) fn save_settings(w: &Writer, s: &ReminderSettings) -> Result<()> {
    settings::set(w, LETTER_REPLY_DAYS, &s.letter_reply_days.to_string())?;
    settings::set(w, THANK_YOU_DAYS, &s.thank_you_days.to_string())?;
    settings::set(w, CONTACT_CADENCE_DAYS, &s.contact_cadence_days.to_string())?;
    settings::set(w, ASK_RESPONSE_DAYS, &s.ask_response_days.to_string())?;
    settings::set(w, NOTIFICATIONS, if s.notifications { "on" } else { "off" })
}

/// The last day the reminders were shown to someone: what "fell due while you were away" counts from.
pub(crate) fn last_seen(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(settings::get(conn, LAST_SEEN)?.and_then(|d| parse_date(&d)))
}

pub(crate) fn set_last_seen(w: &Writer, day: NaiveDate) -> Result<()> {
    settings::set(w, LAST_SEEN, &format_date(day))
}

/// Whether `key`'s record exists, for a plain message before acting on a stale screen.
pub(crate) fn subject_exists(conn: &Connection, key: &ReminderKey) -> Result<bool> {
    let table = match key.rule {
        ReminderRule::FollowUpDue => "follow_ups",
        ReminderRule::CommitmentDue => "commitments",
        ReminderRule::UnansweredLetter | ReminderRule::ThankYouMissing => "interactions",
        ReminderRule::NoRecentContact => "representatives",
        ReminderRule::AskNoResponse => "asks",
    };
    records::exists(conn, table, &&key.subject_id.as_bytes()[..])
}
