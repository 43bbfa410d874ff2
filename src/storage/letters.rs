//! Letter templates on record, and what the record says for a merge.
//!
//! The shipped templates live in the code (`letters::shipped`). The table holds only what the
//! group wrote: its own templates, and shipped ones it edited, kept under the shipped id so the
//! edit replaces the shipped words. Removing an edited shipped template brings the shipped words
//! back; removing the group's own deletes it softly, like any record.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use uuid::Uuid;

use super::{records, Writer};
use crate::domain::{
    ChannelKind, FollowUpKind, Interaction, Representative, RepresentativeKind, Side,
    TemplatePurpose,
};
use crate::letters::{self, Context, LetterFacts, MeetingFacts, Template};
use crate::time::{long_date_of, long_date_of_day};
use crate::{Error, Result};

/// What the template editor submits. A shipped template's id edits it; no id adds a new one.
#[derive(Debug, Clone, Deserialize)]
pub struct TemplateInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub name: Option<String>,
    pub purpose: TemplatePurpose,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
}

fn rows(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, purpose, coalesce(subject, ''), body FROM letter_templates
          WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, seq",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: Vec<u8> = row.get(0)?;
        Ok(Template {
            id: Uuid::from_slice(&id).unwrap_or_default(),
            name: row.get(1)?,
            purpose: row.get(2)?,
            subject: row.get(3)?,
            body: row.get(4)?,
            shipped: false,
            edited: false,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The shipped templates (as edited, if they were), then the group's own, by name.
pub(crate) fn templates(conn: &Connection) -> Result<Vec<Template>> {
    let mut own = rows(conn)?;
    let mut all = Vec::new();
    for shipped in letters::shipped() {
        match own.iter().position(|t| t.id == shipped.id) {
            Some(at) => {
                let edited = own.remove(at);
                all.push(Template {
                    shipped: true,
                    edited: true,
                    ..edited
                });
            }
            None => all.push(shipped),
        }
    }
    all.extend(own);
    Ok(all)
}

pub(crate) fn template(conn: &Connection, id: Uuid) -> Result<Template> {
    templates(conn)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(Error::NotFound { what: "template" })
}

/// Saves a template after checking its fields; returns its id.
pub(crate) fn save(w: &Writer, input: &TemplateInput) -> Result<Uuid> {
    let name = input
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                "name",
                "Give the template a name, such as “Thank-you after a surgery”.",
            )
        })?;
    let body = input
        .body
        .as_deref()
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| Error::invalid("body", "Write the letter itself: the body is empty."))?;
    let subject = input.subject.as_deref().map(str::trim).unwrap_or("");
    letters::check(subject, body)?;
    let shipped = letters::shipped();
    let id = match input.id {
        Some(id) if shipped.iter().any(|t| t.id == id) => id,
        Some(id) => {
            if !records::exists(w.tx, "letter_templates", &&id.as_bytes()[..])? {
                return Err(Error::NotFound { what: "template" });
            }
            id
        }
        None => Uuid::now_v7(),
    };
    let key = &id.as_bytes()[..];
    let row: Option<bool> =
        w.tx.query_row(
            "SELECT deleted_at IS NOT NULL FROM letter_templates WHERE id = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()?;
    match row {
        None => {
            w.tx.execute(
                "INSERT INTO letter_templates (id, name, purpose, subject, body, created_at, created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
                params![key, name, input.purpose, subject, body, w.now, w.author],
            )?;
            records::created(w, "letter_templates", &key)?;
        }
        Some(deleted) => {
            if deleted {
                records::set_deleted(w, "letter_templates", key, false)?;
            }
            records::updated(w, "letter_templates", &key, "template", || {
                w.tx.execute(
                    "UPDATE letter_templates SET name = ?1, purpose = ?2, subject = ?3, body = ?4 WHERE id = ?5",
                    params![name, input.purpose, subject, body, key],
                )?;
                Ok(())
            })?;
        }
    }
    Ok(id)
}

/// Deletes the group's own template, or brings back a shipped one's own words.
pub(crate) fn remove(w: &Writer, id: Uuid) -> Result<()> {
    let key = &id.as_bytes()[..];
    if records::exists(w.tx, "letter_templates", &key)? {
        records::set_deleted(w, "letter_templates", key, true)
    } else if letters::shipped().iter().any(|t| t.id == id) {
        Ok(())
    } else {
        Err(Error::NotFound { what: "template" })
    }
}

/// "- Write to the minister (Jane Smith), by 4 December 2026".
fn action(description: &str, who: Option<&str>, due: Option<&str>) -> String {
    let mut line = description.trim().to_owned();
    if let Some(who) = who {
        line.push_str(&format!(" ({who})"));
    }
    if let Some(due) = due {
        line.push_str(&format!(", by {}", long_date_of_day(due)));
    }
    line
}

/// What a meeting says for a thank-you: its date and topics, and the actions each side agreed
/// (commitments still open or done, and our follow-ups that are actions rather than reminders).
pub(crate) fn meeting_facts(meeting: &Interaction) -> MeetingFacts {
    let mut theirs = Vec::new();
    let mut ours = Vec::new();
    for c in meeting
        .commitments
        .iter()
        .filter(|c| c.status != crate::domain::CommitmentStatus::Released)
    {
        let who = c.who.as_ref().map(|w| w.name.as_str());
        match c.side {
            Side::Theirs => theirs.push(action(&c.description, None, c.due_date.as_deref())),
            Side::Ours => ours.push(action(&c.description, who, c.due_date.as_deref())),
        }
    }
    for f in &meeting.follow_ups {
        let reminder = matches!(
            f.kind,
            FollowUpKind::SendThankYou | FollowUpKind::ChaseReply | FollowUpKind::CheckIn
        );
        if !reminder && f.status != crate::domain::FollowUpStatus::Dropped {
            let who = f.owner.as_ref().map(|o| o.name.as_str());
            ours.push(action(&f.description, who, Some(&f.due_date)));
        }
    }
    MeetingFacts {
        date: long_date_of(&meeting.summary.occurred_at),
        subject: meeting.summary.subject.clone(),
        their_actions: theirs,
        our_actions: ours,
        spoken_for: meeting.on_behalf_of.as_ref().map(|p| p.name.clone()),
    }
}

pub(crate) fn letter_facts(letter: &Interaction) -> LetterFacts {
    LetterFacts {
        date: long_date_of(&letter.summary.occurred_at),
        subject: letter.summary.subject.clone(),
    }
}

/// Our organisation's name and address.
pub(crate) fn organisation(conn: &Connection) -> Result<(String, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT name, address FROM organisations WHERE deleted_at IS NULL ORDER BY seq LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or_default())
}

/// The signatory: the member writing, with their role.
pub(crate) fn signatory(
    conn: &Connection,
    author: Option<crate::ids::PersonId>,
) -> Result<(String, Option<String>)> {
    let Some(author) = author else {
        return Err(Error::NotSetUp);
    };
    Ok(conn.query_row(
        "SELECT full_name, role_title FROM people WHERE id = ?1",
        [author],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// The merge's context for a letter to `rep`.
pub(crate) fn context(
    conn: &Connection,
    rep: &Representative,
    author: Option<crate::ids::PersonId>,
    today: String,
    meeting: Option<MeetingFacts>,
    letter: Option<LetterFacts>,
) -> Result<Context> {
    let (organisation, _) = organisation(conn)?;
    let (signatory, signatory_role) = signatory(conn, author)?;
    Ok(Context {
        representative_name: rep.full_name.clone(),
        salutation: rep
            .form_of_address
            .clone()
            .unwrap_or_else(|| format!("Dear {}", rep.full_name)),
        seat: rep.seat.as_ref().map(|s| s.name.clone()),
        organisation,
        signatory,
        signatory_role,
        today,
        meeting,
        letter,
    })
}

/// Their email and postal address from their contact details: the preferred one of each kind,
/// else the first.
pub(crate) fn address_of(
    conn: &Connection,
    rep: &Representative,
    kind: ChannelKind,
) -> Result<Option<String>> {
    let found: Option<String> = conn
        .query_row(
            "SELECT value FROM contact_channels WHERE representative_id = ?1 AND kind = ?2 AND deleted_at IS NULL
              ORDER BY is_preferred DESC, seq LIMIT 1",
            params![rep.id, kind],
            |row| row.get(0),
        )
        .optional()?;
    Ok(found.or_else(|| {
        // Every MP can be written to at the House of Commons.
        (kind == ChannelKind::PostalAddress && rep.kind == RepresentativeKind::Mp)
            .then(|| "House of Commons, London, SW1A 0AA".to_owned())
    }))
}

/// Splits an address typed on one line ("1 High St, Northfield, B31 2AB") or several into lines.
pub(crate) fn address_lines(address: &str) -> Vec<String> {
    address
        .split(['\n', ','])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
