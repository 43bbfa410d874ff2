//! The `interactions` table and what one "log a meeting" save writes with it: participants on
//! both sides, asks, commitments and follow-ups. Saving an edit reconciles each list: rows kept
//! are updated, new rows added, rows the user removed are deleted softly.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, OptionalExtension, Row, ToSql};
use uuid::Uuid;

use super::tracking::{self, StatusStep};
use super::{campaigns, people, records, Writer};
use crate::domain::{
    AskStatus, CodeEnum, CommitmentStatus, FollowUpStatus, Interaction, InteractionSummary,
    Lifecycle, NameRef, Participant, PartyRef, PersonInput, PersonKind, RecordInfo, Side,
    SubjectKind, ValidAttendee, ValidInteraction, Who,
};
use crate::ids::{
    AskId, CampaignId, CommitmentId, FollowUpId, InteractionId, ParticipantId, PersonId,
    RepresentativeId,
};
use crate::time::{format_date, format_instant};
use crate::{Error, Result};

// ----- writing -----

/// Writes a checked interaction and everything with it; returns its id.
pub(crate) fn save(w: &Writer, v: &ValidInteraction) -> Result<InteractionId> {
    for rep in &v.representatives {
        if !records::exists(w.tx, "representatives", rep)? {
            return Err(Error::invalid(
                "representatives",
                "A representative you chose has been deleted. Remove them from the list and choose again.",
            ));
        }
    }
    if let Some(person) = &v.on_behalf_of_id {
        if !records::exists(w.tx, "people", person)? {
            return Err(Error::invalid(
                "on_behalf_of_id",
                "The person this meeting is on behalf of has been deleted. Choose them again.",
            ));
        }
    }
    if let Some(earlier) = &v.in_reply_to_id {
        if !records::exists(w.tx, "interactions", earlier)? {
            return Err(Error::invalid(
                "in_reply_to_id",
                "The letter or meeting this answers has been deleted, so it cannot be linked.",
            ));
        }
    }
    let campaign = match (v.campaign_id, &v.new_campaign) {
        (Some(id), _) => {
            if !records::exists(w.tx, "campaigns", &id)? {
                return Err(Error::invalid(
                    "campaign_id",
                    "That campaign has been deleted. Choose another or name a new one.",
                ));
            }
            Some(id)
        }
        (None, Some(name)) => Some(campaigns::find_or_create(w, name)?),
        (None, None) => None,
    };

    let id = match v.id {
        Some(id) => {
            update_row(w, id, v, campaign)?;
            id
        }
        None => {
            let id = InteractionId::new();
            insert_row(w, id, v, campaign)?;
            id
        }
    };

    let mut named = HashMap::new();
    let theirs = resolve_attendees(
        w,
        &v.their_attendees,
        PersonKind::Contact,
        "their_attendees",
        &mut named,
    )?;
    let ours = resolve_attendees(
        w,
        &v.our_attendees,
        PersonKind::Member,
        "our_attendees",
        &mut named,
    )?;
    sync_participants(w, id, &v.representatives, &theirs, &ours)?;
    if let [rep] = v.representatives[..] {
        for (person, role) in &theirs {
            note_office_staff(w, rep, *person, role.as_deref())?;
        }
    }

    let first_rep = v.representatives[0];
    save_asks(w, id, v, first_rep, campaign)?;
    save_commitments(w, id, v, &theirs, &mut named)?;
    save_follow_ups(w, id, v, first_rep, &mut named)?;
    Ok(id)
}

fn bind<'a>(
    id: &'a InteractionId,
    v: &'a ValidInteraction,
    occurred_at: &'a dyn ToSql,
    campaign: &'a Option<CampaignId>,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":id", id),
        (":kind", &v.kind),
        (":direction", &v.direction),
        (":status", &v.status),
        (":occurred_at", occurred_at),
        (":duration_minutes", &v.duration_minutes),
        (":place", &v.place),
        (":subject", &v.subject),
        (":summary", &v.summary),
        (":private_impressions", &v.private_impressions),
        (":campaign_id", campaign),
        (":in_reply_to_id", &v.in_reply_to_id),
        (":purpose", &v.purpose),
        (":key_messages", &v.key_messages),
        (":documents_to_bring", &v.documents_to_bring),
        (":on_behalf_of_id", &v.on_behalf_of_id),
    ]
}

fn insert_row(
    w: &Writer,
    id: InteractionId,
    v: &ValidInteraction,
    campaign: Option<CampaignId>,
) -> Result<()> {
    let occurred_at = format_instant(v.occurred_at);
    let mut params = bind(&id, v, &occurred_at, &campaign);
    params.extend([(":now", &w.now as &dyn ToSql), (":author", &w.author)]);
    w.tx.execute(
        "INSERT INTO interactions (id, kind, direction, status, occurred_at, duration_minutes, place, subject, summary,
                                   private_impressions, campaign_id, in_reply_to_id, purpose, key_messages,
                                   documents_to_bring, on_behalf_of_id, created_at, created_by, updated_at, updated_by)
         VALUES (:id, :kind, :direction, :status, :occurred_at, :duration_minutes, :place, :subject, :summary,
                 :private_impressions, :campaign_id, :in_reply_to_id, :purpose, :key_messages,
                 :documents_to_bring, :on_behalf_of_id, :now, :author, :now, :author)",
        &*params,
    )?;
    records::created(w, "interactions", &id)
}

fn update_row(
    w: &Writer,
    id: InteractionId,
    v: &ValidInteraction,
    campaign: Option<CampaignId>,
) -> Result<()> {
    let occurred_at = format_instant(v.occurred_at);
    records::updated(w, "interactions", &id, "interaction", || {
        w.tx.execute(
            "UPDATE interactions
                SET kind = :kind, direction = :direction, status = :status, occurred_at = :occurred_at,
                    duration_minutes = :duration_minutes, place = :place, subject = :subject, summary = :summary,
                    private_impressions = :private_impressions, campaign_id = :campaign_id,
                    in_reply_to_id = :in_reply_to_id, purpose = :purpose, key_messages = :key_messages,
                    documents_to_bring = :documents_to_bring, on_behalf_of_id = :on_behalf_of_id
              WHERE id = :id AND deleted_at IS NULL",
            &*bind(&id, v, &occurred_at, &campaign),
        )?;
        Ok(())
    })
}

/// The person named `name` in this save: the one already added under that name (ignoring
/// case), or a new person of `kind` added now and remembered in `named`.
fn named_person(
    w: &Writer,
    named: &mut HashMap<String, PersonId>,
    name: &str,
    kind: PersonKind,
    role: Option<&str>,
    field: &str,
) -> Result<PersonId> {
    if let Some(id) = named.get(&name.to_lowercase()) {
        return Ok(*id);
    }
    let mut input = PersonInput::named(name, kind);
    input.role_title = role.map(str::to_owned);
    let input = input
        .validated()
        .map_err(|e| Error::invalid(field, e.to_string()))?;
    let id = PersonId::new();
    people::insert(w, id, &input)?;
    named.insert(name.to_lowercase(), id);
    Ok(id)
}

/// Attendees as people on record: new names are added now (ours as members, theirs as
/// contacts) and remembered in `named`, so commitments in the same save can name them.
fn resolve_attendees(
    w: &Writer,
    list: &[ValidAttendee],
    new_kind: PersonKind,
    field: &str,
    named: &mut HashMap<String, PersonId>,
) -> Result<Vec<(PersonId, Option<String>)>> {
    let mut out = Vec::with_capacity(list.len());
    for (index, attendee) in list.iter().enumerate() {
        let id = match &attendee.person {
            Who::Person(id) => {
                if !records::exists(w.tx, "people", id)? {
                    return Err(Error::invalid(
                        field,
                        "Someone you chose has been deleted. Remove them and choose again.",
                    ));
                }
                *id
            }
            Who::New(name) => named_person(
                w,
                named,
                name,
                new_kind,
                attendee.role.as_deref(),
                &format!("{field}.{index}.new_name"),
            )?,
            Who::Representative(_) => unreachable!("attendees are people"),
        };
        out.push((id, attendee.role.clone()));
    }
    Ok(out)
}

/// Someone on their side at a meeting with one representative works in that representative's
/// office: remember it (once), so the profile lists their staff.
fn note_office_staff(
    w: &Writer,
    rep: RepresentativeId,
    person: PersonId,
    role: Option<&str>,
) -> Result<()> {
    let known: bool = w.tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM office_staff WHERE representative_id = ?1 AND person_id = ?2 AND deleted_at IS NULL)",
        params![rep, person],
        |row| row.get(0),
    )?;
    if known {
        return Ok(());
    }
    let id = Uuid::now_v7();
    w.tx.execute(
        "INSERT INTO office_staff (id, representative_id, person_id, role, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
        params![&id.as_bytes()[..], rep, person, role, w.now, w.author],
    )?;
    records::created(w, "office_staff", &&id.as_bytes()[..])
}

/// Makes the interaction's participants exactly these, keeping rows that stay.
fn sync_participants(
    w: &Writer,
    id: InteractionId,
    reps: &[RepresentativeId],
    theirs: &[(PersonId, Option<String>)],
    ours: &[(PersonId, Option<String>)],
) -> Result<()> {
    // (side, is_representative, uuid) -> (participant id, role)
    let mut existing: HashMap<(Side, bool, Uuid), (ParticipantId, Option<String>)> = HashMap::new();
    {
        let mut stmt = w.tx.prepare_cached(
            "SELECT id, side, person_id, representative_id, role FROM interaction_participants
              WHERE interaction_id = ?1 AND deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let person: Option<PersonId> = row.get(2)?;
            let rep: Option<RepresentativeId> = row.get(3)?;
            let key = match (person, rep) {
                (Some(p), _) => (row.get(1)?, false, p.0),
                (None, Some(r)) => (row.get(1)?, true, r.0),
                (None, None) => continue,
            };
            existing.insert(key, (row.get(0)?, row.get(4)?));
        }
    }
    let wanted = reps
        .iter()
        .map(|r| ((Side::Theirs, true, r.0), None))
        .chain(
            theirs
                .iter()
                .map(|(p, role)| ((Side::Theirs, false, p.0), role.clone())),
        )
        .chain(
            ours.iter()
                .map(|(p, role)| ((Side::Ours, false, p.0), role.clone())),
        );
    for (key, role) in wanted {
        match existing.remove(&key) {
            Some((pid, old_role)) => {
                if old_role != role {
                    records::updated(w, "interaction_participants", &pid, "participant", || {
                        w.tx.execute(
                            "UPDATE interaction_participants SET role = ?1 WHERE id = ?2",
                            params![role, pid],
                        )?;
                        Ok(())
                    })?;
                }
            }
            None => {
                let (side, is_rep, uuid) = key;
                let pid = ParticipantId::new();
                let (person, rep) = if is_rep {
                    (None, Some(RepresentativeId(uuid)))
                } else {
                    (Some(PersonId(uuid)), None)
                };
                w.tx.execute(
                    "INSERT INTO interaction_participants (id, interaction_id, side, person_id, representative_id, role,
                                                           created_at, created_by, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)",
                    params![pid, id, side, person, rep, role, w.now, w.author],
                )?;
                records::created(w, "interaction_participants", &pid)?;
            }
        }
    }
    for (pid, _) in existing.into_values() {
        records::set_deleted(w, "interaction_participants", pid, true)?;
    }
    Ok(())
}

/// Records a status step taken at this interaction: the first status, or a change.
fn step<S: CodeEnum + PartialEq>(
    w: &Writer,
    kind: SubjectKind,
    subject: Uuid,
    from: Option<S>,
    to: S,
    evidence: Option<&str>,
    interaction: InteractionId,
) -> Result<()> {
    if from == Some(to) {
        return Ok(());
    }
    let from = from.map(|s| s.code());
    tracking::record_status(
        w,
        &StatusStep {
            evidence,
            ..StatusStep::new(kind, subject, from, to.code(), Some(interaction))
        },
    )
}

/// A row that names a commitment or follow-up of another interaction (or a deleted one).
fn not_here(field: &str, noun: &str) -> Error {
    Error::invalid(
        field,
        format!("This {noun} belongs to another meeting, or has been deleted. Remove it here."),
    )
}

/// Ids of `table`'s records made in this interaction, not deleted.
fn made_here<T: rusqlite::types::FromSql>(
    w: &Writer,
    table: &str,
    id: InteractionId,
) -> Result<Vec<T>> {
    let mut stmt = w.tx.prepare(&format!(
        "SELECT id FROM {table} WHERE interaction_id = ?1 AND deleted_at IS NULL"
    ))?;
    let ids = stmt
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn save_asks(
    w: &Writer,
    id: InteractionId,
    v: &ValidInteraction,
    first_rep: RepresentativeId,
    campaign: Option<CampaignId>,
) -> Result<()> {
    let before: Vec<AskId> = made_here(w, "asks", id)?;
    let mut kept = Vec::new();
    for (index, ask) in v.asks.iter().enumerate() {
        let field = |name: &str| format!("asks.{index}.{name}");
        let rep = ask.representative_id.unwrap_or(first_rep);
        if ask.representative_id.is_some() && !records::exists(w.tx, "representatives", &rep)? {
            return Err(Error::invalid(
                &field("representative_id"),
                "That representative has been deleted. Choose another.",
            ));
        }
        match ask.id {
            None => {
                let ask_id = AskId::new();
                let status = ask.status.unwrap_or(AskStatus::Made);
                w.tx.execute(
                    "INSERT INTO asks (id, representative_id, campaign_id, interaction_id, title, detail, status,
                                       stated_position, evidence, created_at, created_by, updated_at, updated_by)
                     VALUES (:id, :rep, :campaign, :interaction, :title, :detail, :status, :position, :evidence,
                             :now, :author, :now, :author)",
                    named_params! {
                        ":id": ask_id, ":rep": rep, ":campaign": campaign, ":interaction": id, ":title": ask.title,
                        ":detail": ask.detail, ":status": status, ":position": ask.stated_position,
                        ":evidence": ask.evidence, ":now": w.now, ":author": w.author,
                    },
                )?;
                records::created(w, "asks", &ask_id)?;
                step(
                    w,
                    SubjectKind::Ask,
                    ask_id.0,
                    None,
                    status,
                    ask.evidence.as_deref(),
                    id,
                )?;
            }
            Some(ask_id) => {
                kept.push(ask_id);
                let current: Option<(AskStatus, Option<InteractionId>)> = w
                    .tx
                    .query_row("SELECT status, interaction_id FROM asks WHERE id = ?1 AND deleted_at IS NULL", [ask_id], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .optional()?;
                let Some((status, made_in)) = current else {
                    return Err(Error::invalid(
                        &field("title"),
                        "That ask has been deleted. Remove it from this meeting.",
                    ));
                };
                let to = ask.status.unwrap_or(status);
                status.check_move(to, &field("status"))?;
                let made_here = made_in == Some(id);
                records::updated(w, "asks", &ask_id, "ask", || {
                    w.tx.execute(
                        "UPDATE asks SET status = :status,
                                title = CASE WHEN :made_here THEN coalesce(:title, title) ELSE title END,
                                detail = CASE WHEN :made_here THEN :detail ELSE coalesce(:detail, detail) END,
                                representative_id = CASE WHEN :made_here THEN :rep ELSE representative_id END,
                                stated_position = coalesce(:position, stated_position),
                                evidence = coalesce(:evidence, evidence)
                          WHERE id = :id",
                        named_params! {
                            ":status": to, ":made_here": made_here, ":title": ask.title, ":detail": ask.detail,
                            ":rep": rep, ":position": ask.stated_position, ":evidence": ask.evidence, ":id": ask_id,
                        },
                    )?;
                    Ok(())
                })?;
                step(
                    w,
                    SubjectKind::Ask,
                    ask_id.0,
                    Some(status),
                    to,
                    ask.evidence.as_deref(),
                    id,
                )?;
            }
        }
    }
    for ask_id in before.into_iter().filter(|a| !kept.contains(a)) {
        records::set_deleted(w, "asks", ask_id, true)?;
    }
    Ok(())
}

/// Who made a promise, as the columns store it: (side, person, representative).
fn resolve_who(
    w: &Writer,
    who: &Who,
    side: Option<Side>,
    theirs: &[(PersonId, Option<String>)],
    named: &mut HashMap<String, PersonId>,
    field: &str,
) -> Result<(Side, Option<PersonId>, Option<RepresentativeId>)> {
    match who {
        Who::Representative(rep) => {
            if !records::exists(w.tx, "representatives", rep)? {
                return Err(Error::invalid(
                    field,
                    "That representative has been deleted. Choose someone else.",
                ));
            }
            Ok((Side::Theirs, None, Some(*rep)))
        }
        Who::Person(person) => {
            let kind: Option<PersonKind> =
                w.tx.query_row(
                    "SELECT kind FROM people WHERE id = ?1 AND deleted_at IS NULL",
                    [person],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(kind) = kind else {
                return Err(Error::invalid(
                    field,
                    "That person has been deleted. Choose someone else.",
                ));
            };
            let on_their_side =
                theirs.iter().any(|(p, _)| p == person) || kind == PersonKind::Contact;
            Ok((
                side.unwrap_or(if on_their_side {
                    Side::Theirs
                } else {
                    Side::Ours
                }),
                Some(*person),
                None,
            ))
        }
        Who::New(name) => {
            let kind = if side == Some(Side::Theirs) {
                PersonKind::Contact
            } else {
                PersonKind::Member
            };
            let id = named_person(w, named, name, kind, None, field)?;
            let on_their_side = theirs.iter().any(|(p, _)| *p == id);
            Ok((
                side.unwrap_or(if on_their_side {
                    Side::Theirs
                } else {
                    Side::Ours
                }),
                Some(id),
                None,
            ))
        }
    }
}

fn save_commitments(
    w: &Writer,
    id: InteractionId,
    v: &ValidInteraction,
    theirs: &[(PersonId, Option<String>)],
    named: &mut HashMap<String, PersonId>,
) -> Result<()> {
    let before: Vec<CommitmentId> = made_here(w, "commitments", id)?;
    let mut kept = Vec::new();
    for (index, c) in v.commitments.iter().enumerate() {
        let (side, person, rep) = resolve_who(
            w,
            &c.who,
            c.side,
            theirs,
            named,
            &format!("commitments.{index}.who"),
        )?;
        let due = c.due_date.map(format_date);
        match c.id {
            Some(cid) if before.contains(&cid) => {
                kept.push(cid);
                let status: CommitmentStatus = w.tx.query_row(
                    "SELECT status FROM commitments WHERE id = ?1",
                    [cid],
                    |row| row.get(0),
                )?;
                status.check_move(c.status, &format!("commitments.{index}.status"))?;
                records::updated(w, "commitments", &cid, "commitment", || {
                    w.tx.execute(
                        "UPDATE commitments SET side = ?1, person_id = ?2, representative_id = ?3, description = ?4,
                                due_date = ?5, status = ?6 WHERE id = ?7",
                        params![side, person, rep, c.description, due, c.status, cid],
                    )?;
                    Ok(())
                })?;
                step(
                    w,
                    SubjectKind::Commitment,
                    cid.0,
                    Some(status),
                    c.status,
                    None,
                    id,
                )?;
            }
            Some(_) => {
                return Err(not_here(
                    &format!("commitments.{index}.description"),
                    "commitment",
                ))
            }
            None => {
                let cid = CommitmentId::new();
                w.tx.execute(
                    "INSERT INTO commitments (id, interaction_id, side, person_id, representative_id, description, due_date,
                                              status, created_at, created_by, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)",
                    params![cid, id, side, person, rep, c.description, due, c.status, w.now, w.author],
                )?;
                records::created(w, "commitments", &cid)?;
                step(w, SubjectKind::Commitment, cid.0, None, c.status, None, id)?;
            }
        }
    }
    for cid in before.into_iter().filter(|c| !kept.contains(c)) {
        records::set_deleted(w, "commitments", cid, true)?;
    }
    Ok(())
}

fn save_follow_ups(
    w: &Writer,
    id: InteractionId,
    v: &ValidInteraction,
    rep: RepresentativeId,
    named: &mut HashMap<String, PersonId>,
) -> Result<()> {
    let before: Vec<FollowUpId> = made_here(w, "follow_ups", id)?;
    let mut kept = Vec::new();
    for (index, f) in v.follow_ups.iter().enumerate() {
        let field = format!("follow_ups.{index}.owner");
        let owner = match &f.owner {
            None => w.author,
            Some(who) => resolve_who(w, who, Some(Side::Ours), &[], named, &field)?
                .1
                .unwrap_or(w.author),
        };
        let due = format_date(f.due_date);
        let done_at = (f.status == FollowUpStatus::Done).then_some(w.now.as_str());
        match f.id {
            Some(fid) if before.contains(&fid) => {
                kept.push(fid);
                let status: FollowUpStatus = w.tx.query_row(
                    "SELECT status FROM follow_ups WHERE id = ?1",
                    [fid],
                    |row| row.get(0),
                )?;
                status.check_move(f.status, &format!("follow_ups.{index}.status"))?;
                records::updated(w, "follow_ups", &fid, "follow-up", || {
                    w.tx.execute(
                        "UPDATE follow_ups SET kind = ?1, description = ?2, owner_id = ?3, due_date = ?4, status = ?5,
                                done_at = CASE WHEN ?5 = status THEN done_at ELSE ?6 END WHERE id = ?7",
                        params![f.kind, f.description, owner, due, f.status, done_at, fid],
                    )?;
                    Ok(())
                })?;
                step(
                    w,
                    SubjectKind::FollowUp,
                    fid.0,
                    Some(status),
                    f.status,
                    None,
                    id,
                )?;
            }
            Some(_) => {
                return Err(not_here(
                    &format!("follow_ups.{index}.description"),
                    "follow-up",
                ))
            }
            None => {
                let fid = FollowUpId::new();
                w.tx.execute(
                    "INSERT INTO follow_ups (id, kind, description, owner_id, representative_id, interaction_id, due_date,
                                             status, done_at, created_at, created_by, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11)",
                    params![fid, f.kind, f.description, owner, rep, id, due, f.status, done_at, w.now, w.author],
                )?;
                records::created(w, "follow_ups", &fid)?;
                step(w, SubjectKind::FollowUp, fid.0, None, f.status, None, id)?;
            }
        }
    }
    for fid in before.into_iter().filter(|f| !kept.contains(f)) {
        records::set_deleted(w, "follow_ups", fid, true)?;
    }
    Ok(())
}

/// Deletes (or restores) an interaction softly with everything logged with it. A restore brings
/// back only what was deleted with it, at the same moment.
pub(crate) fn set_deleted(w: &Writer, id: InteractionId, deleted: bool) -> Result<()> {
    let when: Option<String> =
        w.tx.query_row(
            "SELECT deleted_at FROM interactions WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "interaction",
        })?;
    for table in [
        "interaction_participants",
        "asks",
        "commitments",
        "follow_ups",
    ] {
        // Deleting takes what is live; restoring takes what went at the same moment.
        let wanted = if deleted { None } else { when.as_deref() };
        let children: Vec<Vec<u8>> = {
            let mut stmt = w.tx.prepare(&format!(
                "SELECT id FROM {table} WHERE interaction_id = ?1 AND deleted_at IS ?2"
            ))?;
            let rows = stmt.query_map(params![id, wanted], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for child in children {
            records::set_deleted(w, table, child, deleted)?;
        }
    }
    records::set_deleted(w, "interactions", id, deleted)
}

// ----- reading -----

/// The columns `summary_from_row` reads, in order; `find` selects the same ones first.
const SUMMARY: &str = "
    SELECT i.id, i.kind, i.direction, i.status, i.occurred_at, i.place, i.subject, i.summary, c.id, c.name
      FROM interactions i
      LEFT JOIN campaigns c ON c.id = i.campaign_id";

fn summary_from_row(conn: &Connection, row: &Row) -> Result<InteractionSummary> {
    let id: InteractionId = row.get(0)?;
    summary_with(row, id, &participants(conn, id)?)
}

/// The summary of the interaction in `row`, whose participants are already read.
fn summary_with(
    row: &Row,
    id: InteractionId,
    participants: &[Participant],
) -> Result<InteractionSummary> {
    let campaign = match row.get::<_, Option<CampaignId>>(8)? {
        Some(cid) => Some(NameRef {
            id: cid.0,
            name: row.get(9)?,
        }),
        None => None,
    };
    let pick = |side: Side, rep: bool| {
        participants
            .iter()
            .filter(|p| p.side == side && (p.party.kind == "representative") == rep)
            .map(|p| NameRef {
                id: p.party.id,
                name: p.party.name.clone(),
            })
            .collect()
    };
    Ok(InteractionSummary {
        id,
        kind: row.get(1)?,
        direction: row.get(2)?,
        status: row.get(3)?,
        occurred_at: row.get(4)?,
        place: row.get(5)?,
        subject: row.get(6)?,
        summary: row.get(7)?,
        campaign,
        representatives: pick(Side::Theirs, true),
        their_attendees: pick(Side::Theirs, false),
        our_attendees: pick(Side::Ours, false),
    })
}

/// Who took part, representatives first, then by name.
pub(crate) fn participants(conn: &Connection, id: InteractionId) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ip.side, ip.role, ip.person_id, p.full_name, ip.representative_id, r.full_name
           FROM interaction_participants ip
           LEFT JOIN people p ON p.id = ip.person_id
           LEFT JOIN representatives r ON r.id = ip.representative_id
          WHERE ip.interaction_id = ?1 AND ip.deleted_at IS NULL
          ORDER BY ip.representative_id IS NULL, coalesce(r.full_name, p.full_name) COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([id], |row| {
        let party = match row.get::<_, Option<PersonId>>(2)? {
            Some(person) => PartyRef {
                kind: "person",
                id: person.0,
                name: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
            },
            None => PartyRef {
                kind: "representative",
                id: row.get::<_, RepresentativeId>(4)?.0,
                name: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            },
        };
        Ok(Participant {
            side: row.get(0)?,
            role: row.get(1)?,
            party,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Interactions matching `filter`, newest first, a page at a time; and how many match in all.
pub(crate) fn list(
    conn: &Connection,
    representative: Option<RepresentativeId>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<InteractionSummary>, i64)> {
    let filter = "WHERE i.deleted_at IS NULL
                    AND (:rep IS NULL OR EXISTS (SELECT 1 FROM interaction_participants ip
                                                  WHERE ip.interaction_id = i.id AND ip.representative_id = :rep
                                                    AND ip.deleted_at IS NULL))";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM interactions i {filter}"),
        named_params! { ":rep": representative },
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY} {filter} ORDER BY i.occurred_at DESC, i.seq DESC LIMIT :limit OFFSET :offset"
    ))?;
    let mut rows =
        stmt.query(named_params! { ":rep": representative, ":limit": limit, ":offset": offset })?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(summary_from_row(conn, row)?);
    }
    Ok((out, total))
}

/// One interaction with everything logged with it, unless deleted.
pub(crate) fn find(
    conn: &Connection,
    id: InteractionId,
    today: &str,
) -> Result<Option<Interaction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.kind, i.direction, i.status, i.occurred_at, i.place, i.subject, i.summary, c.id, c.name,
                i.duration_minutes, i.private_impressions, i.created_at, cb.full_name, i.updated_at, ub.full_name,
                i.in_reply_to_id, i.purpose, i.key_messages, i.documents_to_bring, ob.id, ob.full_name
           FROM interactions i
           LEFT JOIN campaigns c ON c.id = i.campaign_id
           LEFT JOIN people ob ON ob.id = i.on_behalf_of_id
           LEFT JOIN people cb ON cb.id = i.created_by
           LEFT JOIN people ub ON ub.id = i.updated_by
          WHERE i.id = ?1 AND i.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([id])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let participants = participants(conn, id)?;
    Ok(Some(Interaction {
        summary: summary_with(row, id, &participants)?,
        duration_minutes: row.get(10)?,
        private_impressions: row.get(11)?,
        in_reply_to_id: row.get(16)?,
        purpose: row.get(17)?,
        key_messages: row.get(18)?,
        documents_to_bring: row.get(19)?,
        on_behalf_of: match row.get::<_, Option<PersonId>>(20)? {
            Some(person) => Some(NameRef {
                id: person.0,
                name: row.get(21)?,
            }),
            None => None,
        },
        participants,
        asks: tracking::asks_of_interaction(conn, id)?,
        commitments: tracking::commitments_where(conn, "c.interaction_id = :subject", &id, today)?,
        follow_ups: tracking::follow_ups_where(conn, "f.interaction_id = :subject", &id, today)?,
        record: RecordInfo {
            created_at: row.get(12)?,
            created_by: row.get(13)?,
            updated_at: row.get(14)?,
            updated_by: row.get(15)?,
        },
    }))
}

/// Summaries of these interactions, in the order given.
pub(crate) fn summaries(
    conn: &Connection,
    ids: &[InteractionId],
) -> Result<Vec<InteractionSummary>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY} WHERE i.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut rows = stmt.query([id])?;
        if let Some(row) = rows.next()? {
            out.push(summary_from_row(conn, row)?);
        }
    }
    Ok(out)
}
