//! What the reminder rules read, and what the Today screen writes: snoozes, dismissals, new
//! due dates and the thresholds. The rules themselves are in `crate::reminders`.
//!
//! Each fact is one indexed query, so the cost grows with what is open or recent, not with
//! the years of history behind it: open follow-ups and commitments by due date; one latest
//! contact per representative (through `participants_by_representative_time`); the meetings
//! of the last month; the asks still marked "made".

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{records, settings, tracking, Writer};
use crate::domain::{
    NameRef, ReminderKey, ReminderRule, ReminderSettings, StatusChangeInput, SubjectKind,
};
use crate::ids::uuid_from_sql;
use crate::reminders::{
    AskFact, CommitmentFact, ContactEvent, ContactFact, Dismissal, Facts, FollowUpFact,
    MeetingFact, Origin, LOOK_AHEAD_DAYS, THANK_YOU_LAPSES_AFTER_DAYS,
};
use crate::time::{format_date, format_instant, parse_date, parse_instant};
use crate::{Error, Result};

/// The kinds of interaction a thank-you follows.
const MEETING_KINDS: &str =
    "('surgery_meeting', 'westminster_meeting', 'project_visit', 'event', 'other_meeting')";

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
    let now_text = format_instant(now);
    Ok(Facts {
        follow_ups: follow_ups(conn, &horizon)?,
        commitments: commitments(conn, &horizon)?,
        contacts: contacts(conn, &now_text)?,
        meetings: meetings(conn, now)?,
        asks: asks(conn)?,
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
/// (MATERIALIZED: inlined, the latest contact of each representative was looked up twice.)
fn contacts(conn: &Connection, now: &str) -> Result<Vec<ContactFact>> {
    let mut stmt = conn.prepare_cached(
        "WITH candidates AS MATERIALIZED (
            SELECT r.id, r.full_name, r.contact_cadence_days, r.created_at,
                   (SELECT p.interaction_id
                      FROM interaction_participants p
                      JOIN interactions i ON i.id = p.interaction_id
                     WHERE p.representative_id = r.id AND p.occurred_at <= :now
                       AND p.deleted_at IS NULL AND i.status = 'held' AND i.deleted_at IS NULL
                     ORDER BY p.occurred_at DESC
                     LIMIT 1) AS last_id,
                   EXISTS (SELECT 1 FROM offices o
                            WHERE o.representative_id = r.id AND o.kind = 'seat' AND o.deleted_at IS NULL
                              AND o.end_date IS NULL) AS seated,
                   EXISTS (SELECT 1 FROM offices o
                            WHERE o.representative_id = r.id AND o.kind = 'seat' AND o.deleted_at IS NULL) AS ever_seated,
                   EXISTS (SELECT 1 FROM offices o
                             JOIN organisation_seats os ON os.seat_id = o.seat_id AND os.deleted_at IS NULL
                            WHERE o.representative_id = r.id AND o.kind = 'seat' AND o.deleted_at IS NULL
                              AND o.end_date IS NULL) AS covered
              FROM representatives r
             WHERE r.deleted_at IS NULL)
         SELECT c.id, c.full_name, c.contact_cadence_days, c.created_at,
                i.id, i.kind, i.direction, i.occurred_at
           FROM candidates c
           LEFT JOIN interactions i ON i.id = c.last_id
          WHERE (c.seated OR NOT c.ever_seated)
            AND (c.covered OR c.last_id IS NOT NULL OR c.contact_cadence_days IS NOT NULL)",
    )?;
    let rows = stmt.query_map(named_params! { ":now": now }, |row| {
        let last = match (maybe_uuid(row, 4)?, instant_at(row, 7)?) {
            (Some(id), Some(at)) => Some(ContactEvent {
                id,
                kind: row.get(5)?,
                direction: row.get(6)?,
                at,
            }),
            _ => None,
        };
        Ok(
            instant_at(row, 3)?.map(|added_at| -> rusqlite::Result<ContactFact> {
                Ok(ContactFact {
                    representative: NameRef {
                        id: uuid(row, 0)?,
                        name: row.get(1)?,
                    },
                    cadence_days: row.get(2)?,
                    added_at,
                    last,
                })
            }),
        )
    })?;
    present(rows)
}

/// Meetings held in the last month (when a thank-you can still be timely), and whether one is
/// on record: anything we sent in reply to it, a "send thank-you" follow-up for it (open ones
/// remind on their own), or a letter or email we sent one of its representatives after it.
/// (`+t.status` keeps SQLite on the reply index: by status alone it would walk every meeting.)
/// The letters are found once, as each representative's latest letter or email from us since
/// the month began (a letter after a meeting in it is one of them), rather than per meeting.
fn meetings(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<MeetingFact>> {
    let since =
        format_instant(now - chrono::Duration::days(THANK_YOU_LAPSES_AFTER_DAYS as i64 + 2));
    let mut stmt = conn.prepare_cached(&format!(
        "WITH letters AS MATERIALIZED (
            SELECT lp.representative_id AS rid, max(lp.occurred_at) AS last_at
              FROM interactions l
              JOIN interaction_participants lp ON lp.interaction_id = l.id
             WHERE l.status = 'held' AND l.occurred_at > :since
               AND l.kind IN ('letter', 'email') AND l.direction = 'we_contacted' AND l.deleted_at IS NULL
               AND lp.representative_id IS NOT NULL AND lp.deleted_at IS NULL
             GROUP BY lp.representative_id)
         SELECT i.id, i.kind, i.occurred_at,
                EXISTS (SELECT 1 FROM interactions t
                         WHERE t.in_reply_to_id = i.id AND t.direction = 'we_contacted'
                           AND +t.status = 'held' AND t.deleted_at IS NULL)
                OR EXISTS (SELECT 1 FROM follow_ups f
                            WHERE f.interaction_id = i.id AND f.kind = 'send_thank_you' AND f.deleted_at IS NULL)
                OR EXISTS (SELECT 1 FROM interaction_participants mp
                             JOIN letters ON letters.rid = mp.representative_id AND letters.last_at > i.occurred_at
                            WHERE mp.interaction_id = i.id AND mp.representative_id IS NOT NULL
                              AND mp.deleted_at IS NULL)
           FROM interactions i
          WHERE i.status = 'held' AND i.occurred_at >= :since AND i.occurred_at <= :now
            AND i.kind IN {MEETING_KINDS} AND i.deleted_at IS NULL"
    ))?;
    let mut reps = conn.prepare_cached(
        "SELECT r.id, r.full_name
           FROM interaction_participants ip
           JOIN representatives r ON r.id = ip.representative_id
          WHERE ip.interaction_id = ?1 AND ip.deleted_at IS NULL
          ORDER BY ip.seq",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query(named_params! { ":since": since, ":now": format_instant(now) })?;
    while let Some(row) = rows.next()? {
        let Some(at) = instant_at(row, 2)? else {
            continue;
        };
        let id = uuid(row, 0)?;
        let thanked: bool = row.get(3)?;
        let representatives = if thanked {
            Vec::new()
        } else {
            reps.query_map([&id.as_bytes()[..]], |r| {
                Ok(NameRef {
                    id: uuid(r, 0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        out.push(MeetingFact {
            id,
            kind: row.get(1)?,
            at,
            representatives,
            thanked,
        });
    }
    Ok(out)
}

/// Asks still marked "made", with when they were made (their latest step to "made").
fn asks(conn: &Connection) -> Result<Vec<AskFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.title, r.id, r.full_name,
                COALESCE((SELECT max(s.changed_at) FROM status_changes s
                           WHERE s.subject_id = a.id AND s.to_status = 'made' AND s.deleted_at IS NULL),
                         a.created_at)
           FROM asks a
           JOIN representatives r ON r.id = a.representative_id
          WHERE a.status = 'made' AND a.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(
            instant_at(row, 4)?.map(|made_at| -> rusqlite::Result<AskFact> {
                Ok(AskFact {
                    id: uuid(row, 0)?,
                    title: row.get(1)?,
                    representative: NameRef {
                        id: uuid(row, 2)?,
                        name: row.get(3)?,
                    },
                    made_at,
                })
            }),
        )
    })?;
    present(rows)
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
