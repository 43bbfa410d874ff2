//! Asks, commitments and follow-ups as lists, and their lives: every status change is a row of
//! `status_changes`, with the note and evidence given, so the history is never lost.

use rusqlite::{named_params, params, Connection, OptionalExtension, Row, ToSql};
use uuid::Uuid;

use super::{records, Writer};
use crate::domain::{
    AskFilter, AskStatus, AskView, CodeEnum, CommitmentFilter, CommitmentStatus, CommitmentView,
    FollowUpStatus, FollowUpView, Lifecycle, NameRef, PartyRef, RecordInfo, StatusChange,
    StatusChangeInput, SubjectKind,
};
use crate::ids::{InteractionId, PersonId, RepresentativeId, StatusChangeId};
use crate::{Error, Result};

/// One step in a record's life, as `record_status` writes it.
pub(crate) struct StatusStep<'a> {
    pub kind: SubjectKind,
    pub subject: Uuid,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub note: Option<&'a str>,
    pub evidence: Option<&'a str>,
    pub interaction: Option<InteractionId>,
}

impl<'a> StatusStep<'a> {
    pub fn new(
        kind: SubjectKind,
        subject: Uuid,
        from: Option<&'a str>,
        to: &'a str,
        interaction: Option<InteractionId>,
    ) -> Self {
        StatusStep {
            kind,
            subject,
            from,
            to,
            note: None,
            evidence: None,
            interaction,
        }
    }
}

/// Writes one step. A step taken at a meeting is dated when the meeting took place; one taken
/// on the Asks & commitments screen, now.
pub(crate) fn record_status(w: &Writer, step: &StatusStep) -> Result<()> {
    let id = StatusChangeId::new();
    w.tx.execute(
        "INSERT INTO status_changes (id, subject_kind, subject_id, from_status, to_status, note, evidence, interaction_id,
                                     changed_at, created_at, created_by, updated_at, updated_by)
         VALUES (:id, :kind, :subject, :from, :to, :note, :evidence, :interaction,
                 coalesce((SELECT occurred_at FROM interactions WHERE id = :interaction), :now), :now, :author, :now, :author)",
        named_params! {
            ":id": id, ":kind": step.kind, ":subject": &step.subject.as_bytes()[..], ":from": step.from, ":to": step.to,
            ":note": step.note, ":evidence": step.evidence, ":interaction": step.interaction, ":now": w.now,
            ":author": w.author,
        },
    )?;
    records::created(w, "status_changes", &id)
}

/// A status as people read it, whichever kind of record it belongs to.
fn status_label(kind: SubjectKind, code: &str) -> String {
    let label = match kind {
        SubjectKind::Ask => AskStatus::from_code(code).map(AskStatus::label),
        SubjectKind::Commitment => CommitmentStatus::from_code(code).map(CommitmentStatus::label),
        SubjectKind::FollowUp => FollowUpStatus::from_code(code).map(FollowUpStatus::label),
        _ => None,
    };
    label.map_or_else(|| code.to_owned(), str::to_owned)
}

/// Changes the status of an ask, commitment or follow-up, keeping the step in its history. The
/// same status with a note (or a new position) is kept as a note in the history.
pub(crate) fn change_status(w: &Writer, input: &StatusChangeInput) -> Result<()> {
    let (table, what) = match input.subject_kind {
        SubjectKind::Ask => ("asks", "ask"),
        SubjectKind::Commitment => ("commitments", "commitment"),
        SubjectKind::FollowUp => ("follow_ups", "follow-up"),
        _ => {
            return Err(Error::invalid(
                "status",
                "Only asks, commitments and follow-ups have a status to change.",
            ))
        }
    };
    let subject = &input.id.as_bytes()[..];
    let from: String =
        w.tx.query_row(
            &format!("SELECT status FROM {table} WHERE id = ?1 AND deleted_at IS NULL"),
            [subject],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound { what })?;
    match input.subject_kind {
        SubjectKind::Ask => check_codes::<AskStatus>(&from, &input.status)?,
        SubjectKind::Commitment => check_codes::<CommitmentStatus>(&from, &input.status)?,
        _ => check_codes::<FollowUpStatus>(&from, &input.status)?,
    }
    let to = input.status.as_str();
    if from == to
        && input.note.is_none()
        && input.evidence.is_none()
        && input.stated_position.is_none()
    {
        return Ok(());
    }
    records::updated(w, table, &subject, what, || {
        match input.subject_kind {
            SubjectKind::Ask => w.tx.execute(
                "UPDATE asks SET status = ?1, stated_position = coalesce(?2, stated_position), evidence = coalesce(?3, evidence)
                  WHERE id = ?4",
                params![to, input.stated_position, input.evidence, subject],
            )?,
            SubjectKind::FollowUp => w.tx.execute(
                "UPDATE follow_ups SET status = ?1, done_at = CASE WHEN ?1 = status THEN done_at WHEN ?1 = 'done' THEN ?2 END
                  WHERE id = ?3",
                params![to, w.now, subject],
            )?,
            _ => w.tx.execute("UPDATE commitments SET status = ?1 WHERE id = ?2", params![to, subject])?,
        };
        Ok(())
    })?;
    let note = input
        .note
        .as_deref()
        .or(input.stated_position.as_deref().filter(|_| from == to));
    record_status(
        w,
        &StatusStep {
            note,
            evidence: input.evidence.as_deref(),
            ..StatusStep::new(input.subject_kind, input.id, Some(&from), to, None)
        },
    )
}

/// Checks a move between two stored codes of the lifecycle `S`.
fn check_codes<S: Lifecycle>(from: &str, to: &str) -> Result<()> {
    let unknown = || Error::invalid("status", "Choose a status from the list.");
    let from = S::from_code(from).ok_or_else(unknown)?;
    from.check_move(S::from_code(to).ok_or_else(unknown)?, "status")
}

/// The life of one record, oldest first.
pub(crate) fn history(conn: &Connection, subject: Uuid) -> Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sc.id, sc.subject_kind, sc.from_status, sc.to_status, sc.note, sc.evidence, sc.interaction_id,
                sc.changed_at, p.full_name
           FROM status_changes sc LEFT JOIN people p ON p.id = sc.created_by
          WHERE sc.subject_id = ?1 AND sc.deleted_at IS NULL
          ORDER BY sc.changed_at, sc.seq",
    )?;
    let rows = stmt.query_map([&subject.as_bytes()[..]], |row| {
        let kind: SubjectKind = row.get(1)?;
        Ok(StatusChange {
            id: row.get(0)?,
            from_status: row
                .get::<_, Option<String>>(2)?
                .map(|code| status_label(kind, &code)),
            to_status: status_label(kind, &row.get::<_, String>(3)?),
            note: row.get(4)?,
            evidence: row.get(5)?,
            interaction_id: row.get(6)?,
            changed_at: row.get(7)?,
            changed_by: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn record_info(row: &Row, first: usize) -> rusqlite::Result<RecordInfo> {
    Ok(RecordInfo {
        created_at: row.get(first)?,
        created_by: row.get(first + 1)?,
        updated_at: row.get(first + 2)?,
        updated_by: row.get(first + 3)?,
    })
}

fn name_ref(row: &Row, id: usize) -> rusqlite::Result<Option<NameRef>> {
    Ok(match row.get_ref(id)?.as_blob_or_null()? {
        Some(bytes) => Some(NameRef {
            id: Uuid::from_slice(bytes).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(id, rusqlite::types::Type::Blob, e.into())
            })?,
            name: row.get::<_, Option<String>>(id + 1)?.unwrap_or_default(),
        }),
        None => None,
    })
}

// ----- asks -----

const ASKS: &str = "
    SELECT a.id, a.title, a.detail, a.status, a.stated_position, a.evidence, a.representative_id, r.full_name,
           camp.id, camp.name, a.interaction_id, i.occurred_at,
           (SELECT max(sc.changed_at) FROM status_changes sc WHERE sc.subject_id = a.id AND sc.deleted_at IS NULL),
           a.created_at, cb.full_name, a.updated_at, ub.full_name
      FROM asks a
      JOIN representatives r ON r.id = a.representative_id
      LEFT JOIN campaigns camp ON camp.id = a.campaign_id
      LEFT JOIN interactions i ON i.id = a.interaction_id
      LEFT JOIN people cb ON cb.id = a.created_by
      LEFT JOIN people ub ON ub.id = a.updated_by
     WHERE a.deleted_at IS NULL";

fn ask_from_row(row: &Row) -> rusqlite::Result<AskView> {
    let status: AskStatus = row.get(3)?;
    Ok(AskView {
        id: row.get(0)?,
        title: row.get(1)?,
        detail: row.get(2)?,
        status,
        open: status.is_open(),
        stated_position: row.get(4)?,
        evidence: row.get(5)?,
        representative: name_ref(row, 6)?.unwrap_or(NameRef {
            id: Uuid::nil(),
            name: String::new(),
        }),
        campaign: name_ref(row, 8)?,
        interaction_id: row.get(10)?,
        made_on: row.get(11)?,
        status_changed_at: row.get(12)?,
        record: record_info(row, 13)?,
    })
}

/// Open asks first, then settled ones, each newest made first (the meeting's time, else when
/// recorded: `listed_at`, migration 0006), in the order of the index `asks_by_listing`, so a
/// page of the whole list is read from it rather than sorted.
const ASK_ORDER: &str =
    "ORDER BY a.status IN ('done', 'dropped', 'declined'), a.listed_at DESC, a.seq DESC";

/// The asks query with a condition for each filter given, and its parameters. Only the filters
/// given become conditions, so each can use its index: an "(:x IS NULL OR …)" condition cannot,
/// and made the profile walk every ask (the benchmark suite found it).
fn asks_matching<'a>(
    filter: &'a AskFilter,
    base: &str,
) -> (String, Vec<(&'static str, &'a dyn ToSql)>) {
    let mut sql = base.to_owned();
    let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
    if let Some(status) = &filter.status {
        sql.push_str(" AND a.status = :status");
        params.push((":status", status));
    }
    if filter.open_only {
        sql.push_str(" AND a.status NOT IN ('done', 'dropped', 'declined')");
    }
    if let Some(rep) = &filter.representative_id {
        sql.push_str(" AND a.representative_id = :rep");
        params.push((":rep", rep));
    }
    if let Some(campaign) = &filter.campaign_id {
        sql.push_str(" AND a.campaign_id = :campaign");
        params.push((":campaign", campaign));
    }
    if let Some(id) = &filter.id {
        sql.push_str(" AND a.id = :id");
        params.push((":id", id));
    }
    (sql, params)
}

/// Appended to a list's query, bound to `page_of`: one statement for every page.
const PAGE: &str = " LIMIT :limit OFFSET :offset";

/// A filter's page as `PAGE`'s values: no limit is -1 (SQLite's "all").
fn page_of(limit: Option<u32>, offset: Option<u32>) -> [i64; 2] {
    [limit.map_or(-1, i64::from), i64::from(offset.unwrap_or(0))]
}

/// The number `sql` (a count) gives with `params`.
fn count(conn: &Connection, sql: &str, params: &[(&str, &dyn ToSql)]) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(sql)?
        .query_row(params, |row| row.get(0))?;
    Ok(n as usize)
}

pub(crate) fn list_asks(conn: &Connection, filter: &AskFilter) -> Result<Vec<AskView>> {
    let page = page_of(filter.limit, filter.offset);
    let (mut sql, mut params) = asks_matching(filter, ASKS);
    sql.push(' ');
    sql.push_str(ASK_ORDER);
    sql.push_str(PAGE);
    params.extend([(":limit", &page[0] as &dyn ToSql), (":offset", &page[1])]);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(&*params, ask_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many asks match `filter` (its page aside).
pub(crate) fn count_asks(conn: &Connection, filter: &AskFilter) -> Result<usize> {
    // Counted without the joins the list shows: the conditions are all on the ask itself.
    let base = "SELECT count(*) FROM asks a WHERE a.deleted_at IS NULL";
    let (sql, params) = asks_matching(filter, base);
    count(conn, &sql, &params)
}

/// Asks made in this interaction, and earlier asks whose status changed in it.
pub(crate) fn asks_of_interaction(conn: &Connection, id: InteractionId) -> Result<Vec<AskView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ASKS} AND (a.interaction_id = :id OR a.id IN (SELECT subject_id FROM status_changes
                                                         WHERE interaction_id = :id AND subject_kind = 'ask'
                                                           AND deleted_at IS NULL))
         ORDER BY a.seq"
    ))?;
    let rows = stmt.query_map(named_params! { ":id": id }, ask_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ----- commitments -----

const COMMITMENTS: &str = "
    SELECT c.id, c.side, c.person_id, p.full_name, c.representative_id, r.full_name, c.description, c.due_date,
           c.status, c.interaction_id, i.occurred_at, camp.id, camp.name,
           c.created_at, cb.full_name, c.updated_at, ub.full_name,
           (SELECT json_group_array(json_array(hex(rr.id), rr.full_name) ORDER BY rr.full_name COLLATE NOCASE)
              FROM interaction_participants ip JOIN representatives rr ON rr.id = ip.representative_id
             WHERE ip.interaction_id = c.interaction_id AND ip.deleted_at IS NULL)
      FROM commitments c
      LEFT JOIN people p ON p.id = c.person_id
      LEFT JOIN representatives r ON r.id = c.representative_id
      LEFT JOIN interactions i ON i.id = c.interaction_id
      LEFT JOIN campaigns camp ON camp.id = i.campaign_id
      LEFT JOIN people cb ON cb.id = c.created_by
      LEFT JOIN people ub ON ub.id = c.updated_by
     WHERE c.deleted_at IS NULL";

/// The commitments concerning the representative `:subject`: theirs by name, or made at an
/// interaction they took part in. Found from the representative's side (their commitments and
/// their interactions' commitments, by index), not by testing every commitment: with the status
/// condition written `+c.status`, SQLite drives from this list (a profile's open commitments went
/// from 6.6 to 2.4 ms on the large dataset).
pub(crate) const CONCERNING_SUBJECT: &str = "c.id IN (
        SELECT id FROM commitments WHERE representative_id = :subject
        UNION ALL
        SELECT c2.id FROM interaction_participants ip JOIN commitments c2 ON c2.interaction_id = ip.interaction_id
         WHERE ip.representative_id = :subject AND ip.deleted_at IS NULL)";

/// Open commitments first, soonest due first; undated ones after dated ones.
const COMMITMENT_ORDER: &str = "ORDER BY c.status <> 'open', c.due_date IS NULL, c.due_date, c.seq";

fn commitment_from_row(row: &Row, today: &str) -> Result<CommitmentView> {
    let who = match (name_ref(row, 2)?, name_ref(row, 4)?) {
        (Some(p), _) => Some(PartyRef {
            kind: "person",
            id: p.id,
            name: p.name,
        }),
        (None, Some(r)) => Some(PartyRef {
            kind: "representative",
            id: r.id,
            name: r.name,
        }),
        (None, None) => None,
    };
    let status: CommitmentStatus = row.get(8)?;
    let due_date: Option<String> = row.get(7)?;
    let interaction_id: Option<InteractionId> = row.get(9)?;
    Ok(CommitmentView {
        id: row.get(0)?,
        side: row.get(1)?,
        who,
        description: row.get(6)?,
        overdue: status == CommitmentStatus::Open && due_date.as_deref().is_some_and(|d| d < today),
        due_date,
        status,
        interaction_id,
        interaction_on: row.get(10)?,
        representatives: names_from_json(row, 17)?,
        campaign: name_ref(row, 11)?,
        record: record_info(row, 13)?,
    })
}

/// A list of `[hex id, name]` pairs, as `json_group_array` gives them, read as names.
fn names_from_json(row: &Row, index: usize) -> rusqlite::Result<Vec<NameRef>> {
    let text: String = row.get(index)?;
    let bad = |e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e)
    };
    let pairs: Vec<(String, String)> = serde_json::from_str(&text).map_err(|e| bad(e.into()))?;
    pairs
        .into_iter()
        .map(|(id, name)| {
            Ok(NameRef {
                id: Uuid::parse_str(&id).map_err(|e| bad(e.into()))?,
                name,
            })
        })
        .collect()
}

/// Commitments matching `condition` (SQL over `c`, `i` with the `:subject` parameter).
pub(crate) fn commitments_where(
    conn: &Connection,
    condition: &str,
    subject: &dyn ToSql,
    today: &str,
) -> Result<Vec<CommitmentView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{COMMITMENTS} AND ({condition}) {COMMITMENT_ORDER}"
    ))?;
    let mut rows = stmt.query(named_params! { ":subject": subject })?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(commitment_from_row(row, today)?);
    }
    Ok(out)
}

/// Who promised, from a filter's `person:ID` or `representative:ID`.
fn owner_of(filter: &CommitmentFilter) -> Result<(Option<PersonId>, Option<RepresentativeId>)> {
    let refuse = || Error::invalid("owner", "Choose whose promises to show from the list.");
    Ok(
        match filter.owner.as_deref().and_then(|o| o.split_once(':')) {
            Some(("person", id)) => (Some(id.parse().map_err(|_| refuse())?), None),
            Some(("representative", id)) => (None, Some(id.parse().map_err(|_| refuse())?)),
            Some(_) => return Err(refuse()),
            None => (None, None),
        },
    )
}

/// The commitments query with a condition for each filter given (see `asks_matching`).
fn commitments_matching<'a>(
    filter: &'a CommitmentFilter,
    owner: &'a (Option<PersonId>, Option<RepresentativeId>),
    today: &'a &'a str,
    base: &str,
) -> (String, Vec<(&'static str, &'a dyn ToSql)>) {
    let mut sql = base.to_owned();
    let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
    if let Some(status) = &filter.status {
        sql.push_str(" AND c.status = :status");
        params.push((":status", status));
    }
    if let Some(side) = &filter.side {
        sql.push_str(" AND c.side = :side");
        params.push((":side", side));
    }
    if let Some(rep) = &filter.representative_id {
        sql.push_str(" AND ");
        sql.push_str(&CONCERNING_SUBJECT.replace(":subject", ":rep"));
        params.push((":rep", rep));
    }
    if let Some(campaign) = &filter.campaign_id {
        sql.push_str(" AND i.campaign_id = :campaign");
        params.push((":campaign", campaign));
    }
    if let Some(person) = &owner.0 {
        sql.push_str(" AND c.person_id = :owner_person");
        params.push((":owner_person", person));
    }
    if let Some(rep) = &owner.1 {
        sql.push_str(" AND c.representative_id = :owner_rep");
        params.push((":owner_rep", rep));
    }
    if filter.overdue_only {
        // Read from the partial index of open, dated commitments (migration 0005), which needs
        // every condition of its own. Without statistics SQLite prefers the index on status and
        // due date, then reads each row to test its deletion: 3 ms to count 2,251 overdue ones
        // on the large dataset, against 0.1 ms.
        sql = sql.replacen(
            "FROM commitments c",
            "FROM commitments c INDEXED BY commitments_open",
            1,
        );
        sql.push_str(" AND c.status = 'open' AND c.due_date IS NOT NULL AND c.due_date < :today");
        params.push((":today", today));
    }
    if let Some(id) = &filter.id {
        sql.push_str(" AND c.id = :id");
        params.push((":id", id));
    }
    (sql, params)
}

pub(crate) fn list_commitments(
    conn: &Connection,
    filter: &CommitmentFilter,
    today: &str,
) -> Result<Vec<CommitmentView>> {
    let owner = owner_of(filter)?;
    let page = page_of(filter.limit, filter.offset);
    let (mut sql, mut params) = commitments_matching(filter, &owner, &today, COMMITMENTS);
    sql.push(' ');
    // Overdue ones are all open and dated: by due date alone, the order the index on status
    // and due date gives, so a page stops after its rows rather than sorting them all.
    sql.push_str(if filter.overdue_only {
        "ORDER BY c.due_date, c.seq"
    } else {
        COMMITMENT_ORDER
    });
    sql.push_str(PAGE);
    params.extend([(":limit", &page[0] as &dyn ToSql), (":offset", &page[1])]);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(&*params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(commitment_from_row(row, today)?);
    }
    Ok(out)
}

/// How many commitments match `filter` (its page aside).
// Commitments counted without the joins the list shows, but the meeting's when filtered by
// campaign.
const COMMITMENTS_COUNT: &str = "SELECT count(*) FROM commitments c WHERE c.deleted_at IS NULL";
const COMMITMENTS_COUNT_BY_CAMPAIGN: &str = "SELECT count(*) FROM commitments c
    LEFT JOIN interactions i ON i.id = c.interaction_id WHERE c.deleted_at IS NULL";

pub(crate) fn count_commitments(
    conn: &Connection,
    filter: &CommitmentFilter,
    today: &str,
) -> Result<usize> {
    let owner = owner_of(filter)?;
    let base = if filter.campaign_id.is_some() {
        COMMITMENTS_COUNT_BY_CAMPAIGN
    } else {
        COMMITMENTS_COUNT
    };
    let (sql, params) = commitments_matching(filter, &owner, &today, base);
    count(conn, &sql, &params)
}

// ----- follow-ups -----

const FOLLOW_UPS: &str = "
    SELECT f.id, f.kind, f.description, f.owner_id, o.full_name, f.representative_id, r.full_name, f.interaction_id,
           f.due_date, f.snoozed_until, f.status, f.created_at, cb.full_name, f.updated_at, ub.full_name
      FROM follow_ups f
      LEFT JOIN people o ON o.id = f.owner_id
      LEFT JOIN representatives r ON r.id = f.representative_id
      LEFT JOIN people cb ON cb.id = f.created_by
      LEFT JOIN people ub ON ub.id = f.updated_by
     WHERE f.deleted_at IS NULL";

/// Follow-ups matching `condition` (SQL over `f` with the `:subject` parameter), soonest first.
pub(crate) fn follow_ups_where(
    conn: &Connection,
    condition: &str,
    subject: &dyn ToSql,
    today: &str,
) -> Result<Vec<FollowUpView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{FOLLOW_UPS} AND ({condition}) ORDER BY f.status <> 'open', f.due_date, f.seq"
    ))?;
    let rows = stmt.query_map(named_params! { ":subject": subject }, |row| {
        let status: FollowUpStatus = row.get(10)?;
        let due_date: String = row.get(8)?;
        Ok(FollowUpView {
            id: row.get(0)?,
            kind: row.get(1)?,
            description: row.get(2)?,
            owner: name_ref(row, 3)?,
            representative: name_ref(row, 5)?,
            interaction_id: row.get(7)?,
            overdue: status == FollowUpStatus::Open && due_date.as_str() < today,
            due_date,
            snoozed_until: row.get(9)?,
            status,
            record: record_info(row, 11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overdue list and its count read the partial index of open, dated commitments, with
    /// every other filter too: each query `commitments_matching` builds names it, and SQLite's
    /// plan for it uses it (the list's base and both of the count's).
    #[test]
    fn overdue_commitments_are_read_from_the_partial_index_of_open_ones() {
        let store = crate::Store::open_in_memory().unwrap();
        let conn = store.connection_for_tests();
        let filter = CommitmentFilter {
            overdue_only: true,
            ..Default::default()
        };
        let owner = (None, None);
        let today = "2026-11-24";
        for base in [
            COMMITMENTS,
            COMMITMENTS_COUNT,
            COMMITMENTS_COUNT_BY_CAMPAIGN,
        ] {
            let (sql, params) = commitments_matching(&filter, &owner, &today, base);
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(&*params, |row| row.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                plan.iter()
                    .any(|step| step.contains("USING INDEX commitments_open ")),
                "{plan:?}"
            );
        }
    }
}
