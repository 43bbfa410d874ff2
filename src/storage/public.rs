//! Public data on record: an MP added from the Members API, a refresh of one MP's record, and
//! the list of every current MP.
//!
//! A refresh is planned first, as `Step`s read from the record and Parliament's answer. The
//! same plan words the changes for the person to check and, once they agree, is written in
//! one transaction, so what they saw is what is applied. Nothing typed by a person is
//! removed: posts and contact details written by an earlier refresh are ended or replaced,
//! while typed ones are only ended when Parliament says that post has ended.

use std::collections::HashSet;

use rusqlite::{named_params, Connection};
use serde::Serialize;

use super::{records, representatives, seats, settings, Writer};
use crate::domain::{
    ChannelKind, CodeEnum, OfficeKind, Representative, RepresentativeInput, RepresentativeKind,
    SeatKind,
};
use crate::ids::{OfficeId, RepresentativeId};
use crate::public::{same_person, Member, PublicChannel, PublicPost, Refresh};
use crate::time::long_date_of_day;
use crate::Result;

/// Where a record from the Members API says it came from.
pub(crate) const SOURCE: &str = "members_api";

/// One difference between the record and Parliament's, in words: what, as on record, as
/// Parliament has it now.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RefreshChange {
    pub what: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a refresh wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RefreshOutcome {
    pub changes: Vec<RefreshChange>,
    /// Who holds their old seat now, when that changed.
    pub successor: Option<RepresentativeId>,
}

/// What an import of every current MP did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct MembersImport {
    /// Current MPs in Parliament's list.
    pub listed: usize,
    /// Put on record for the first time.
    pub added: usize,
    /// Already on record, typed by a person, and now linked to Parliament's record.
    pub linked: usize,
    /// On record, with a new name, party or seat.
    pub updated: usize,
    /// On record as an MP, and no longer in Parliament's list: now former MPs.
    pub left: usize,
}

/// When the list of every MP was last imported, and how many it held.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LastMembersImport {
    pub at: String,
    pub listed: usize,
}

const IMPORTED_AT: &str = "public.members_imported_at";
const IMPORTED_COUNT: &str = "public.members_count";

enum Step {
    Link(i64),
    Rename(String, String),
    Party(Option<String>, Option<String>),
    EndSeat(OfficeId, String, String),
    Holder(String, Member),
    Vacant(String),
    BeginSeat(String, Option<String>),
    AddPost(PublicPost),
    EndPost(OfficeId, OfficeKind, String, String),
    AddChannel(PublicChannel),
    DropChannel(Vec<u8>, ChannelKind, Option<String>, String),
}

impl Step {
    fn change(&self) -> RefreshChange {
        let change = |what: String, before: Option<String>, after: Option<String>| RefreshChange {
            what,
            before,
            after,
        };
        let since = |date: &Option<String>| match date {
            Some(date) => format!(", since {}", long_date_of_day(date)),
            None => String::new(),
        };
        match self {
            Step::Link(id) => change(
                "Parliament’s record".into(),
                Some("Not linked".into()),
                Some(format!("Linked (member {id})")),
            ),
            Step::Rename(from, to) => change("Name".into(), Some(from.clone()), Some(to.clone())),
            Step::Party(from, to) => change("Party".into(), from.clone(), to.clone()),
            Step::EndSeat(_, seat, on) => change(
                "Seat".into(),
                Some(format!("MP for {seat}")),
                Some(format!("Left on {}: now a former MP", long_date_of_day(on))),
            ),
            Step::Holder(seat, member) => change(
                format!("MP for {seat}"),
                None,
                Some(format!(
                    "{}{}{}",
                    member.name,
                    member
                        .party
                        .as_ref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default(),
                    since(&member.since)
                )),
            ),
            Step::Vacant(seat) => change(
                format!("MP for {seat}"),
                None,
                Some("Vacant: no MP until a by-election".into()),
            ),
            Step::BeginSeat(seat, start) => change(
                "Seat".into(),
                None,
                Some(format!("MP for {seat}{}", since(start))),
            ),
            Step::AddPost(post) => change(
                post.kind.label().into(),
                None,
                Some(format!("{}{}", post.title, since(&post.start_date))),
            ),
            Step::EndPost(_, kind, title, on) => change(
                kind.label().into(),
                Some(title.clone()),
                Some(format!("Ended on {}", long_date_of_day(on))),
            ),
            Step::AddChannel(c) => change(
                channel_what(c.kind, Some(&c.label)),
                None,
                Some(c.value.clone()),
            ),
            Step::DropChannel(_, kind, label, value) => change(
                channel_what(*kind, label.as_deref()),
                Some(value.clone()),
                Some("No longer listed".into()),
            ),
        }
    }
}

/// "Email (Constituency office)".
fn channel_what(kind: ChannelKind, label: Option<&str>) -> String {
    match label {
        Some(label) if !label.eq_ignore_ascii_case(kind.label()) => {
            format!("{} ({label})", kind.label())
        }
        _ => kind.label().into(),
    }
}

const POST_KINDS: [OfficeKind; 3] = [
    OfficeKind::GovernmentPost,
    OfficeKind::OppositionPost,
    OfficeKind::Committee,
];

struct HeldPost {
    id: OfficeId,
    kind: OfficeKind,
    title: String,
    from_parliament: bool,
}

fn held_posts(conn: &Connection, rep: RepresentativeId) -> Result<Vec<HeldPost>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, source FROM offices
          WHERE representative_id = ?1 AND kind IN ('government_post', 'opposition_post', 'committee')
            AND end_date IS NULL AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = stmt.query_map([rep], |row| {
        Ok(HeldPost {
            id: row.get(0)?,
            kind: row.get(1)?,
            title: row.get(2)?,
            from_parliament: row.get::<_, Option<String>>(3)?.as_deref() == Some(SOURCE),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

struct HeldChannel {
    id: Vec<u8>,
    kind: ChannelKind,
    label: Option<String>,
    value: String,
    preferred: bool,
    from_parliament: bool,
}

fn held_channels(conn: &Connection, rep: RepresentativeId) -> Result<Vec<HeldChannel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, label, value, is_preferred, source FROM contact_channels
          WHERE representative_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = stmt.query_map([rep], |row| {
        Ok(HeldChannel {
            id: row.get(0)?,
            kind: row.get(1)?,
            label: row.get(2)?,
            value: row.get(3)?,
            preferred: row.get(4)?,
            from_parliament: row.get::<_, Option<String>>(5)?.as_deref() == Some(SOURCE),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn same_title(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The steps that bring `rep`'s record into line with Parliament's answer.
fn plan(
    conn: &Connection,
    rep: &Representative,
    refresh: &Refresh,
    today: &str,
) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    let term = seats::current_term(conn, rep.id)?;
    if let Some(record) = &refresh.record {
        let member = &record.member;
        if rep.parliament_member_id != Some(member.id) {
            steps.push(Step::Link(member.id));
        }
        if !same_person(&rep.full_name, &member.name) {
            steps.push(Step::Rename(rep.full_name.clone(), member.name.clone()));
        }
        if member.party.is_some() && rep.party != member.party {
            steps.push(Step::Party(rep.party.clone(), member.party.clone()));
        }
    }
    let mut seat_ends = false;
    if let Some(change) = &refresh.seat_change {
        if let Some((office, seat)) = term.as_ref().filter(|(_, s)| same_title(s, &change.seat)) {
            let on = change
                .left_on
                .clone()
                .or_else(|| change.holder.as_ref().and_then(|h| h.since.clone()))
                .unwrap_or_else(|| today.to_owned());
            steps.push(Step::EndSeat(*office, seat.clone(), on));
            seat_ends = true;
        }
        match &change.holder {
            Some(holder) => {
                let holds = match representatives::by_parliament_id(conn, holder.id)? {
                    Some(id) => seats::current_term(conn, id)?
                        .is_some_and(|(_, seat)| same_title(&seat, &change.seat)),
                    None => false,
                };
                if !holds {
                    steps.push(Step::Holder(change.seat.clone(), holder.clone()));
                }
            }
            None => steps.push(Step::Vacant(change.seat.clone())),
        }
    }
    let Some(record) = &refresh.record else {
        return Ok(steps);
    };
    let holds_now = !seat_ends
        && term
            .as_ref()
            .is_some_and(|(_, seat)| same_title(seat, &record.member.constituency));
    if record.current && !holds_now {
        steps.push(Step::BeginSeat(
            record.member.constituency.clone(),
            record.member.since.clone(),
        ));
    }

    // Posts and committees: what is held now and not on record starts; what Parliament wrote
    // before and no longer lists as held ends, on the day it says, else today.
    let held = held_posts(conn, rep.id)?;
    let listed_now = |kind: OfficeKind, title: &str| {
        record
            .posts
            .iter()
            .any(|p| p.kind == kind && p.end_date.is_none() && same_title(&p.title, title))
    };
    for post in record.posts.iter().filter(|p| p.end_date.is_none()) {
        if !held
            .iter()
            .any(|h| h.kind == post.kind && same_title(&h.title, &post.title))
            && POST_KINDS.contains(&post.kind)
        {
            steps.push(Step::AddPost(post.clone()));
        }
    }
    for h in &held {
        if listed_now(h.kind, &h.title) {
            continue;
        }
        let ended = record
            .posts
            .iter()
            .filter(|p| p.kind == h.kind && same_title(&p.title, &h.title))
            .filter_map(|p| p.end_date.clone())
            .max();
        match ended {
            Some(on) => steps.push(Step::EndPost(h.id, h.kind, h.title.clone(), on)),
            None if h.from_parliament => steps.push(Step::EndPost(
                h.id,
                h.kind,
                h.title.clone(),
                today.to_owned(),
            )),
            None => {}
        }
    }

    // Contact details: Parliament's replace what it gave before; typed ones stay.
    let channels = held_channels(conn, rep.id)?;
    for c in &record.channels {
        let known = channels.iter().any(|h| {
            h.kind == c.kind
                && h.value.trim() == c.value.trim()
                && (!h.from_parliament
                    || (h.label.as_deref() == Some(c.label.as_str()) && h.preferred == c.preferred))
        });
        if !known {
            steps.push(Step::AddChannel(c.clone()));
        }
    }
    for h in channels.iter().filter(|h| h.from_parliament) {
        let listed = record.channels.iter().any(|c| {
            h.kind == c.kind
                && h.value.trim() == c.value.trim()
                && h.label.as_deref() == Some(c.label.as_str())
                && h.preferred == c.preferred
        });
        if !listed {
            steps.push(Step::DropChannel(
                h.id.clone(),
                h.kind,
                h.label.clone(),
                h.value.clone(),
            ));
        }
    }
    Ok(steps)
}

/// The changes a refresh would make, in words, without making them.
pub(crate) fn changes(
    conn: &Connection,
    rep: &Representative,
    refresh: &Refresh,
    today: &str,
) -> Result<Vec<RefreshChange>> {
    Ok(plan(conn, rep, refresh, today)?
        .iter()
        .map(Step::change)
        .collect())
}

/// Makes the changes; the caller's transaction holds them all or none.
pub(crate) fn apply(
    w: &Writer,
    rep: &Representative,
    refresh: &Refresh,
    today: &str,
) -> Result<RefreshOutcome> {
    let steps = plan(w.tx, rep, refresh, today)?;
    let mut successor = None;
    for step in &steps {
        match step {
            Step::Link(id) => representatives::set_parliament_id(w, rep.id, *id)?,
            Step::Rename(_, name) => representatives::set_column(w, rep.id, "full_name", name)?,
            Step::Party(_, party) => representatives::set_column(w, rep.id, "party", party)?,
            Step::EndSeat(office, _, on) => seats::end_term(w, *office, on)?,
            Step::Holder(_, member) => successor = Some(record_member(w, member, today)?.0),
            Step::Vacant(_) => {}
            Step::BeginSeat(seat, start) => seats::begin_term(
                w,
                rep.id,
                seat,
                SeatKind::Westminster,
                start.as_deref(),
                SOURCE,
                today,
            )?,
            Step::AddPost(post) => seats::insert_office(
                w,
                rep.id,
                post.kind,
                &post.title,
                None,
                post.start_date.as_deref(),
                SOURCE,
            )?,
            Step::EndPost(office, _, _, on) => seats::end_term(w, *office, on)?,
            Step::AddChannel(channel) => add_channel(w, rep.id, channel)?,
            Step::DropChannel(id, ..) => {
                records::set_deleted(w, "contact_channels", id.clone(), true)?
            }
        }
    }
    Ok(RefreshOutcome {
        changes: steps.iter().map(Step::change).collect(),
        successor,
    })
}

fn add_channel(w: &Writer, rep: RepresentativeId, channel: &PublicChannel) -> Result<()> {
    let id = uuid::Uuid::now_v7();
    let id = &id.as_bytes()[..];
    w.tx.execute(
        "INSERT INTO contact_channels (id, representative_id, kind, label, value, is_preferred, source,
                                       created_at, created_by, updated_at, updated_by)
         VALUES (:id, :rep, :kind, :label, :value, :preferred, :source, :now, :author, :now, :author)",
        named_params! {
            ":id": id, ":rep": rep, ":kind": channel.kind, ":label": channel.label,
            ":value": channel.value, ":preferred": channel.preferred, ":source": SOURCE,
            ":now": w.now, ":author": w.author,
        },
    )?;
    records::created(w, "contact_channels", &id)
}

/// The member's record: found by their member id, or put on record now with their seat from
/// the day their membership began. Says whether they were added.
pub(crate) fn record_member(
    w: &Writer,
    member: &Member,
    today: &str,
) -> Result<(RepresentativeId, bool)> {
    if let Some(id) = representatives::by_parliament_id(w.tx, member.id)? {
        return Ok((id, false));
    }
    let mut input = RepresentativeInput::named(&member.name, RepresentativeKind::Mp);
    input.party = member.party.clone();
    let input = input.validated()?;
    let id = RepresentativeId::new();
    representatives::insert(w, id, &input)?;
    representatives::set_parliament_id(w, id, member.id)?;
    seats::begin_term(
        w,
        id,
        &member.constituency,
        SeatKind::Westminster,
        member.since.as_deref(),
        SOURCE,
        today,
    )?;
    Ok((id, true))
}

/// Brings the record into line with a checked list of every current MP (see
/// `public::check_members`): each is added, linked to a typed record of the same person and
/// seat, or updated; MPs on record who are not in the list leave their seat today.
pub(crate) fn import_members(w: &Writer, members: &[Member], today: &str) -> Result<MembersImport> {
    let mut summary = MembersImport {
        listed: members.len(),
        ..MembersImport::default()
    };
    // Typed MPs not yet linked, with their seat now, to match by name and seat.
    let mut unlinked: Vec<(RepresentativeId, String, Option<String>)> = {
        let mut stmt = w.tx.prepare(
            "SELECT id, full_name FROM representatives
              WHERE kind = 'mp' AND parliament_member_id IS NULL AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let found: Vec<(RepresentativeId, String)> = rows.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(found.len());
        for (id, name) in found {
            out.push((id, name, seats::current_term(w.tx, id)?.map(|(_, s)| s)));
        }
        out
    };
    let holding: Vec<(OfficeId, i64)> = {
        let mut stmt = w.tx.prepare(
            "SELECT o.id, r.parliament_member_id FROM representatives r
               JOIN offices o ON o.representative_id = r.id AND o.kind = 'seat'
                             AND o.end_date IS NULL AND o.deleted_at IS NULL
               JOIN seats s ON s.id = o.seat_id AND s.kind = ?1
              WHERE r.parliament_member_id IS NOT NULL AND r.deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([SeatKind::Westminster], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut listed = HashSet::with_capacity(members.len());
    for member in members {
        listed.insert(member.id);
        let existing = representatives::by_parliament_id(w.tx, member.id)?;
        let id = match existing {
            Some(id) => id,
            None => {
                let typed = unlinked.iter().position(|(_, name, seat)| {
                    same_person(name, &member.name)
                        && seat
                            .as_deref()
                            .is_none_or(|s| same_title(s, &member.constituency))
                });
                match typed {
                    Some(at) => {
                        let (id, ..) = unlinked.remove(at);
                        representatives::set_parliament_id(w, id, member.id)?;
                        summary.linked += 1;
                        id
                    }
                    None => {
                        record_member(w, member, today)?;
                        summary.added += 1;
                        continue;
                    }
                }
            }
        };
        let rep = representatives::find(w.tx, id)?.ok_or(crate::Error::NotFound {
            what: "representative",
        })?;
        let mut changed = false;
        if !same_person(&rep.full_name, &member.name) {
            representatives::set_column(w, id, "full_name", &member.name)?;
            changed = true;
        }
        if member.party.is_some() && rep.party != member.party {
            representatives::set_column(w, id, "party", &member.party)?;
            changed = true;
        }
        match seats::current_term(w.tx, id)? {
            Some((_, seat)) if same_title(&seat, &member.constituency) => {}
            term => {
                if let Some((office, _)) = term {
                    seats::end_term(w, office, member.since.as_deref().unwrap_or(today))?;
                }
                seats::begin_term(
                    w,
                    id,
                    &member.constituency,
                    SeatKind::Westminster,
                    member.since.as_deref(),
                    SOURCE,
                    today,
                )?;
                changed = true;
            }
        }
        if changed && existing.is_some() {
            summary.updated += 1;
        }
    }
    // Linked MPs who held a Westminster seat before, and are not in the list, have left: their
    // term ended when the new MP's began, or ends today.
    for (office, member) in holding {
        if !listed.contains(&member) {
            seats::end_term(w, office, today)?;
            summary.left += 1;
        }
    }
    settings::set(w, IMPORTED_AT, &w.now)?;
    settings::set(w, IMPORTED_COUNT, &members.len().to_string())?;
    Ok(summary)
}

/// When every MP was last imported, if ever.
pub(crate) fn last_import(conn: &Connection) -> Result<Option<LastMembersImport>> {
    let at = settings::get(conn, IMPORTED_AT)?;
    let listed = settings::get(conn, IMPORTED_COUNT)?.and_then(|n| n.parse().ok());
    Ok(at
        .zip(listed)
        .map(|(at, listed)| LastMembersImport { at, listed }))
}
