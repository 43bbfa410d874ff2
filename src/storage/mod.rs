//! The `Store` owns the database connection and opens every transaction. All SQL in Rapport
//! lives in this module's children: one module per table or aggregate. Functions that read take
//! `&Connection`; functions that write take a `Writer`, which carries the open transaction, the
//! time and the author, so every write is stamped and audited the same way.

pub mod backup;
mod calendar;
mod campaigns;
mod fold;
mod history;
mod interactions;
pub(crate) mod kept_state;
mod letters;
mod migrations;
mod organisations;
mod people;
mod profile;
mod public;
mod records;
mod reminders;
mod representatives;
mod search;
mod seats;
mod settings;
mod tracking;

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction};

use serde::Serialize;
use uuid::Uuid;

use crate::briefing::{self, Briefing, BriefingRequest};
use crate::domain::{
    Agenda, AgendaLimits, AskFilter, AskView, Campaign, CommitmentFilter, CommitmentView,
    CoveredSeat, DeletedRecord, HistoryEntry, Interaction, InteractionInput, InteractionSummary,
    ListPage, NameQuery, Notice, Person, PersonInput, ReminderKey, ReminderSettings,
    Representative, RepresentativeInput, RepresentativeProfile, SearchHit, SeatHistory, SeatKind,
    SetupInput, SetupStatus, StatusChange, StatusChangeInput,
};
use crate::domain::{CodeEnum, InteractionStatus};
use crate::ids::{InteractionId, PersonId, RepresentativeId, SeatId};
use crate::interchange::csv::{self, CheckedRows, CsvImport, CsvList, CsvPreview};
use crate::interchange::{self, ImportSummary, Interchange};
use crate::reminders::{NewlyDue, Plan};
use crate::time::{format_date, format_instant, london_date, parse_uk_date, Clock};
use crate::{Error, Result};

pub use letters::TemplateInput;
pub use migrations::LATEST_VERSION;
pub use public::{LastMembersImport, MembersImport, RefreshChange, RefreshOutcome};

/// The setting that names the member using this computer: the author of every entry.
const CURRENT_MEMBER: &str = "current_member_id";

pub struct Store {
    conn: Connection,
    clock: Clock,
    author: Option<PersonId>,
    /// The database file; none in memory.
    path: Option<std::path::PathBuf>,
    /// True when the file was too large to check in full before opening and closed cleanly
    /// last time: `check_integrity` is left to the caller, off the start-up path.
    check_deferred: bool,
    /// Nothing is written until that check has passed (`integrity_checked`).
    writes_held: bool,
}

/// A file up to this size is checked in full (`PRAGMA quick_check`) every time it is opened: a
/// group's record of a few megabytes checks in milliseconds. A larger one (a national
/// programme's, which can take seconds, or half a minute from a cold disk) is checked in full
/// on open only after an unclean shutdown; otherwise `Store::check_deferred` says so and the
/// desktop app checks it in the background.
pub const CHECK_ON_OPEN_UP_TO: u64 = 64 * 1024 * 1024;

/// What a write needs besides its data: the open transaction, the time and who is writing.
pub(crate) struct Writer<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: String,
    pub author: PersonId,
}

impl Store {
    /// Opens (creating if need be) the database file at `path` and brings its schema up to date.
    /// A file from a newer Rapport, or one that is not a database, is refused and left unchanged.
    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(e, path))?;
        Store::from_connection(conn, path, Clock::System)
    }

    /// A private database in memory: for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::from_connection(
            Connection::open_in_memory()?,
            Path::new(":memory:"),
            Clock::System,
        )
    }

    /// The database file, unless the store is in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Takes the day's automatic backup into `backups/` beside the database, unless one was
    /// already taken today (London time), then prunes the folder to the rotation. Returns the
    /// backup taken, if one was.
    pub fn automatic_backup(&self) -> Result<Option<backup::BackupFile>> {
        match &self.path {
            Some(path) => backup::automatic(path, self.clock.now()),
            None => Ok(None),
        }
    }

    /// Copies the whole database to `to` (a manual backup), consistent even while it is written.
    pub fn back_up_to(&self, to: &Path) -> Result<()> {
        backup::copy(&self.conn, to)
    }

    /// The automatic backups beside the database, newest first.
    pub fn backups(&self) -> Vec<backup::BackupFile> {
        self.path.as_deref().map(backup::list).unwrap_or_default()
    }

    /// Uses `clock` for every timestamp this store writes from now on.
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    fn from_connection(mut conn: Connection, path: &Path, clock: Clock) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        fold::register(&conn)?;
        // Read the version, and check the file, before anything that could write to it
        // (journal mode included): a damaged file is never written to.
        let found = migrations::version(&conn).map_err(|e| classify_open_error(e, path))?;
        if found > LATEST_VERSION {
            return Err(Error::TooNew {
                found,
                supported: LATEST_VERSION,
            });
        }
        let on_disk = path != Path::new(":memory:");
        let check_deferred = on_disk && found > 0 && !check_on_open(path);
        if on_disk && found > 0 && !check_deferred {
            backup::sound(&conn, path)?;
            if found < LATEST_VERSION {
                // A newer Rapport is about to change the schema: keep the file as it was.
                backup::take(
                    &conn,
                    path,
                    chrono::Utc::now(),
                    backup::BackupReason::BeforeUpgrade,
                )?;
            }
        }
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // 32 MiB of page cache (SQLite's default is 2 MiB): on a national programme's file
        // the Today screen's index probes halve in time. A small file never fills it.
        conn.pragma_update(None, "cache_size", -32 * 1024)?;
        migrations::run(&mut conn)?;
        let author = settings::get(&conn, CURRENT_MEMBER)?.and_then(|id| id.parse().ok());
        Ok(Store {
            conn,
            clock,
            author,
            path: on_disk.then(|| path.to_owned()),
            check_deferred,
            writes_held: check_deferred,
        })
    }

    /// True when the file was opened without the full check (it is large and was closed
    /// cleanly): run `backup::check_integrity` on its path, on a thread of its own.
    pub fn check_deferred(&self) -> bool {
        self.check_deferred
    }

    /// Says the deferred check has passed: writes are no longer held.
    pub fn integrity_checked(&mut self) {
        self.writes_held = false;
    }

    /// Runs the deferred check now, on this connection (for a script, which can wait), and
    /// releases writes if it passes. Does nothing if the file was checked when it was opened.
    pub fn finish_check(&mut self) -> Result<()> {
        if !self.writes_held {
            return Ok(());
        }
        backup::sound(
            &self.conn,
            self.path.as_deref().unwrap_or(Path::new(":memory:")),
        )?;
        self.integrity_checked();
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn connection_for_tests(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(migrations::version(&self.conn)?)
    }

    /// Runs `work` in one transaction, stamped with the clock's time and the current member.
    fn write<T>(&mut self, work: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        if self.writes_held {
            return Err(Error::Checking);
        }
        let author = self.author.ok_or(Error::NotSetUp)?;
        let now = format_instant(self.clock.now());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let result = work(&Writer {
            tx: &tx,
            now,
            author,
        })?;
        tx.commit()?;
        Ok(result)
    }

    // ----- first run -----

    pub fn setup_status(&self) -> Result<SetupStatus> {
        let organisation = organisations::ours(&self.conn)?;
        let member = match self.author {
            Some(id) => people::find(&self.conn, id)?,
            None => None,
        };
        Ok(SetupStatus {
            organisation,
            member,
            now: format_instant(self.clock.now()),
        })
    }

    /// First run: records our organisation and the member using this computer.
    pub fn set_up(&mut self, input: &SetupInput) -> Result<SetupStatus> {
        let (organisation_name, member_name) = input.validated()?;
        if self.setup_status()?.is_set_up() {
            return Err(Error::invalid(
                "organisation_name",
                "Rapport is already set up on this computer.",
            ));
        }
        let member = PersonId::new();
        self.author = Some(member);
        let result = self.write(|w| {
            let input =
                PersonInput::named(&member_name, crate::domain::PersonKind::Member).validated()?;
            people::insert(w, member, &input)?;
            organisations::insert(w, &organisation_name)?;
            settings::set(w, CURRENT_MEMBER, &member.to_string())
        });
        if let Err(error) = result {
            self.author = None;
            return Err(error);
        }
        self.setup_status()
    }

    // ----- people -----

    pub fn list_people(&self) -> Result<Vec<Person>> {
        people::list(&self.conn)
    }

    /// A page of the people whose name, role, organisation, email or kind holds every word of
    /// `query.text` (case and accents ignored: "sian" finds "Siân") and who are of one of
    /// `query.kinds`, in `list_people`'s order, with how many match in all. Empty text matches
    /// everyone, and no kinds every kind.
    pub fn people_page(&self, query: &NameQuery) -> Result<ListPage<Person>> {
        let words = fold::Words::of(&query.text);
        let kinds = &query.kinds;
        Ok(ListPage {
            items: people::page(&self.conn, &words, kinds, query.limit, query.offset)?,
            total: people::count(&self.conn, &words, kinds)?,
        })
    }

    pub fn person(&self, id: PersonId) -> Result<Person> {
        people::find(&self.conn, id)?.ok_or(Error::NotFound { what: "person" })
    }

    /// Adds a person (no id) or updates one (with id).
    pub fn save_person(&mut self, input: &PersonInput) -> Result<Person> {
        let input = input.validated()?;
        let id = self.write(|w| match input.id {
            Some(id) => people::update(w, id, &input).map(|()| id),
            None => {
                let id = PersonId::new();
                people::insert(w, id, &input).map(|()| id)
            }
        })?;
        self.person(id)
    }

    pub fn delete_person(&mut self, id: PersonId) -> Result<()> {
        if Some(id) == self.author {
            return Err(Error::invalid(
                "id",
                "You cannot delete yourself: you are the member using this computer.",
            ));
        }
        self.write(|w| records::set_deleted(w, "people", id, true))
    }

    pub fn restore_person(&mut self, id: PersonId) -> Result<Person> {
        self.write(|w| records::set_deleted(w, "people", id, false))?;
        self.person(id)
    }

    // ----- representatives -----

    pub fn list_representatives(&self) -> Result<Vec<Representative>> {
        representatives::list(&self.conn)
    }

    /// A page of the representatives whose name, party, seat or office ("MP", "Former MP")
    /// holds every word of `query.text` (case and accents ignored), in `list_representatives`'
    /// order, with how many match in all. Empty text matches everyone.
    pub fn representatives_page(&self, query: &NameQuery) -> Result<ListPage<Representative>> {
        let words = fold::Words::of(&query.text);
        Ok(ListPage {
            items: representatives::page(&self.conn, &words, query.limit, query.offset)?,
            total: representatives::count(&self.conn, &words)?,
        })
    }

    pub fn representative(&self, id: RepresentativeId) -> Result<Representative> {
        representatives::find(&self.conn, id)?.ok_or(Error::NotFound {
            what: "representative",
        })
    }

    /// The representative with this id, or whose name this is (ignoring case), or whose name
    /// alone contains it. Several matches are refused with their names, so the user can choose.
    pub fn find_representative(&self, name_or_id: &str) -> Result<Representative> {
        let wanted = name_or_id.trim();
        if let Ok(id) = wanted.parse::<RepresentativeId>() {
            return self.representative(id);
        }
        let all = self.list_representatives()?;
        let lower = wanted.to_lowercase();
        let exact: Vec<&Representative> = all
            .iter()
            .filter(|r| r.full_name.to_lowercase() == lower)
            .collect();
        let found = if exact.is_empty() {
            all.iter()
                .filter(|r| !lower.is_empty() && r.full_name.to_lowercase().contains(&lower))
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::invalid(
                "representative",
                format!(
                    "No representative is called “{wanted}”. Check the spelling, or give their id."
                ),
            )),
            many => {
                Err(Error::invalid(
                    "representative",
                    format!(
                    "“{wanted}” matches {} representatives: {}. Give more of the name, or the id.",
                    many.len(),
                    many.iter().map(|r| r.full_name.as_str()).collect::<Vec<_>>().join(", ")
                ),
                ))
            }
        }
    }

    /// Adds a representative (no id) or updates one (with id). A changed seat ends the old term
    /// and starts a new one, so the seat's history is kept.
    pub fn save_representative(&mut self, input: &RepresentativeInput) -> Result<Representative> {
        let input = input.validated()?;
        if let Some(contact) = input.primary_contact_id {
            self.person(contact).map_err(|_| {
                Error::invalid(
                    "primary_contact_id",
                    "The primary contact you chose no longer exists. Choose another.",
                )
            })?;
        }
        let today = self.clock.now().date_naive();
        let id = self.write(|w| {
            let id = match input.id {
                Some(id) => {
                    representatives::update(w, id, &input)?;
                    id
                }
                None => {
                    let id = RepresentativeId::new();
                    representatives::insert(w, id, &input)?;
                    id
                }
            };
            seats::set_current_seat(
                w,
                id,
                input.seat_name.as_deref(),
                input.effective_seat_kind(),
                today,
            )?;
            Ok(id)
        })?;
        self.representative(id)
    }

    pub fn delete_representative(&mut self, id: RepresentativeId) -> Result<()> {
        self.write(|w| records::set_deleted(w, "representatives", id, true))
    }

    pub fn restore_representative(&mut self, id: RepresentativeId) -> Result<Representative> {
        self.write(|w| records::set_deleted(w, "representatives", id, false))?;
        self.representative(id)
    }

    // ----- interactions: logging a meeting -----

    /// Today on the London calendar, as stored dates are written.
    fn today(&self) -> String {
        format_date(london_date(self.clock.now()))
    }

    /// Logs an interaction (no id) or saves an edit (with id), with its participants, asks,
    /// commitments and follow-ups, in one transaction: all of it, or nothing.
    pub fn save_interaction(&mut self, input: &InteractionInput) -> Result<Interaction> {
        let valid = input.validated(self.clock.now())?;
        let id = self.write(|w| interactions::save(w, &valid))?;
        self.interaction(id)
    }

    pub fn interaction(&self, id: InteractionId) -> Result<Interaction> {
        interactions::find(&self.conn, id, &self.today())?.ok_or(Error::NotFound {
            what: "interaction",
        })
    }

    /// Interactions, newest first, a page at a time; with one representative's only if given.
    pub fn list_interactions(
        &self,
        representative: Option<RepresentativeId>,
        limit: i64,
        offset: i64,
    ) -> Result<Page<InteractionSummary>> {
        let (items, total) = interactions::list(
            &self.conn,
            representative,
            limit.clamp(1, 500),
            offset.max(0),
        )?;
        Ok(Page { items, total })
    }

    /// Deletes an interaction with everything logged with it; `restore_record` brings it all back.
    pub fn delete_interaction(&mut self, id: InteractionId) -> Result<()> {
        self.write(|w| interactions::set_deleted(w, id, true))
    }

    pub fn list_campaigns(&self) -> Result<Vec<Campaign>> {
        campaigns::list(&self.conn)
    }

    // ----- profiles and seats -----

    /// Everything the profile screen shows, with the newest `timeline_limit` interactions.
    pub fn representative_profile(
        &self,
        id: RepresentativeId,
        timeline_limit: i64,
    ) -> Result<RepresentativeProfile> {
        profile::profile(&self.conn, id, &self.today(), timeline_limit.clamp(1, 500))
    }

    /// A page of a representative's timeline, newest first.
    pub fn representative_timeline(
        &self,
        id: RepresentativeId,
        limit: i64,
        offset: i64,
    ) -> Result<Page<InteractionSummary>> {
        let (items, total) = profile::timeline(&self.conn, id, limit.clamp(1, 500), offset.max(0))?;
        Ok(Page { items, total })
    }

    /// Who held a seat when.
    pub fn seat_history(&self, id: SeatId) -> Result<SeatHistory> {
        profile::seat_history(&self.conn, id)
    }

    /// The seats our area covers (it can straddle two constituencies), with their holders.
    pub fn covered_seats(&self) -> Result<Vec<CoveredSeat>> {
        seats::covered(&self.conn)
    }

    /// Adds a seat to those our area covers, by name.
    pub fn cover_seat(&mut self, name: &str, kind: SeatKind) -> Result<Vec<CoveredSeat>> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid(
                "seat_name",
                "Enter the constituency or ward, for example \"Rochester and Strood\".",
            ));
        }
        let organisation = organisations::ours(&self.conn)?.ok_or(Error::NotSetUp)?.id;
        self.write(|w| seats::cover(w, organisation, name, kind))?;
        self.covered_seats()
    }

    pub fn uncover_seat(&mut self, seat: SeatId) -> Result<Vec<CoveredSeat>> {
        let organisation = organisations::ours(&self.conn)?.ok_or(Error::NotSetUp)?.id;
        self.write(|w| seats::uncover(w, organisation, seat))?;
        self.covered_seats()
    }

    // ----- asks, commitments and follow-ups -----

    pub fn list_asks(&self, filter: &AskFilter) -> Result<Vec<AskView>> {
        tracking::list_asks(&self.conn, filter)
    }

    pub fn list_commitments(&self, filter: &CommitmentFilter) -> Result<Vec<CommitmentView>> {
        tracking::list_commitments(&self.conn, filter, &self.today())
    }

    /// A page of the asks matching `filter` (its `limit` and `offset`), with how many match.
    pub fn asks_page(&self, filter: &AskFilter) -> Result<ListPage<AskView>> {
        Ok(ListPage {
            items: tracking::list_asks(&self.conn, filter)?,
            total: tracking::count_asks(&self.conn, filter)?,
        })
    }

    /// A page of the commitments matching `filter`, with how many match.
    pub fn commitments_page(&self, filter: &CommitmentFilter) -> Result<ListPage<CommitmentView>> {
        let today = self.today();
        Ok(ListPage {
            items: tracking::list_commitments(&self.conn, filter, &today)?,
            total: tracking::count_commitments(&self.conn, filter, &today)?,
        })
    }

    /// Moves an ask, commitment or follow-up to a new status, keeping the step (with its note
    /// and evidence) in the history. A move its life does not allow is refused.
    pub fn change_status(&mut self, input: &StatusChangeInput) -> Result<Vec<StatusChange>> {
        let input = input.tidied()?;
        self.write(|w| tracking::change_status(w, &input))?;
        self.status_history(input.id)
    }

    /// The statuses an ask, commitment or follow-up has had, oldest first.
    pub fn status_history(&self, id: Uuid) -> Result<Vec<StatusChange>> {
        tracking::history(&self.conn, id)
    }

    // ----- reminders: the Today screen -----

    /// What is overdue, due today and due in the next seven days, what is snoozed, and the
    /// meetings coming up: the reminder rules applied to the record as it stands now. Each
    /// section lists its first `AgendaLimits::PAGE` reminders, with its total.
    pub fn agenda(&self) -> Result<Agenda> {
        self.agenda_with(&AgendaLimits::default())
    }

    /// The agenda listing as many of each section as `limits` says ("Show more" on Today).
    pub fn agenda_with(&self, limits: &AgendaLimits) -> Result<Agenda> {
        let mut plan = self.reminder_plan(&reminders::load_settings(&self.conn)?)?;
        let (follow_ups, commitments) = plan.wanted(limits, None);
        reminders::add_details(&self.conn, plan.facts_mut(), &follow_ups, &commitments)?;
        let ids = reminders::upcoming_meeting_ids(&self.conn, self.clock.now(), UPCOMING_MEETINGS)?;
        let upcoming = interactions::summaries(&self.conn, &ids)?;
        let mut agenda = plan.agenda(limits, upcoming);
        agenda.has_representatives = representatives::any(&self.conn)?;
        Ok(agenda)
    }

    /// Every reminder in force now, sorted and worded from the facts, without the details of
    /// each follow-up and commitment (`agenda_with` adds them to those it lists).
    fn reminder_plan(&self, settings: &ReminderSettings) -> Result<Plan> {
        let now = self.clock.now();
        let facts = reminders::facts(&self.conn, now, london_date(now))?;
        Ok(crate::reminders::plan(facts, now, settings))
    }

    /// For a watch on the clock: today's date, the keys of what is due now, and the notice of
    /// what is due now that was not due when `seen` was taken. No notice at the first look
    /// (`seen` is `None`: nothing is new yet), when nothing is new, or when notifications are
    /// off.
    pub fn newly_due(&self, seen: Option<&HashSet<String>>) -> Result<NewlyDue> {
        let settings = reminders::load_settings(&self.conn)?;
        let mut plan = self.reminder_plan(&settings)?;
        let notice = match seen {
            Some(seen) if settings.notifications => {
                let none = AgendaLimits {
                    overdue: 0,
                    due_today: 0,
                    next_week: 0,
                    snoozed: 0,
                };
                let (follow_ups, commitments) = plan.wanted(&none, Some(seen));
                reminders::add_details(&self.conn, plan.facts_mut(), &follow_ups, &commitments)?;
                crate::reminders::newly_due_notice(&plan, seen)
            }
            _ => None,
        };
        Ok(NewlyDue {
            date: plan.date(),
            notice,
            due_now: plan.due_now_keys(),
        })
    }

    /// Hides a reminder until `until` (a UK or ISO date after today); it comes back that day.
    pub fn snooze_reminder(
        &mut self,
        key: &ReminderKey,
        until: &str,
        limits: &AgendaLimits,
    ) -> Result<Agenda> {
        let until = self.later_date("until", until)?;
        self.check_reminder(key)?;
        self.write(|w| reminders::snooze(w, key, until))?;
        self.agenda_with(limits)
    }

    /// Dismisses a rule-based prompt for good ("time to check in" comes back after the next
    /// period without contact). Follow-ups and commitments are marked done instead.
    pub fn dismiss_reminder(&mut self, key: &ReminderKey, limits: &AgendaLimits) -> Result<Agenda> {
        self.check_reminder(key)?;
        self.write(|w| reminders::dismiss(w, key))?;
        self.agenda_with(limits)
    }

    /// Takes back a snooze or a dismissal.
    pub fn undo_reminder(&mut self, key: &ReminderKey, limits: &AgendaLimits) -> Result<Agenda> {
        self.check_reminder(key)?;
        self.write(|w| reminders::undo(w, key))?;
        self.agenda_with(limits)
    }

    /// Gives a follow-up or commitment a new due date (today or later).
    pub fn reschedule_reminder(
        &mut self,
        key: &ReminderKey,
        date: &str,
        limits: &AgendaLimits,
    ) -> Result<Agenda> {
        let due = self.date_from_today("date", date)?;
        self.check_reminder(key)?;
        self.write(|w| reminders::reschedule(w, key, due))?;
        self.agenda_with(limits)
    }

    /// Marks the follow-up or commitment behind a reminder done, keeping the step in its history.
    pub fn complete_reminder(
        &mut self,
        key: &ReminderKey,
        limits: &AgendaLimits,
    ) -> Result<Agenda> {
        self.check_reminder(key)?;
        self.write(|w| reminders::set_done(w, key, true))?;
        self.agenda_with(limits)
    }

    /// Opens again a follow-up or commitment marked done by mistake.
    pub fn reopen_reminder(&mut self, key: &ReminderKey, limits: &AgendaLimits) -> Result<Agenda> {
        self.check_reminder(key)?;
        self.write(|w| reminders::set_done(w, key, false))?;
        self.agenda_with(limits)
    }

    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        reminders::load_settings(&self.conn)
    }

    pub fn save_reminder_settings(
        &mut self,
        settings: &ReminderSettings,
    ) -> Result<ReminderSettings> {
        let settings = settings.validated()?;
        self.write(|w| reminders::save_settings(w, &settings))?;
        self.reminder_settings()
    }

    /// The notification to show when the app opens: what is due, and how much of it fell due
    /// since the reminders were last looked at. Marks them looked at today. `None` when nothing
    /// is due or notifications are off.
    pub fn opening_notice(&mut self) -> Result<Option<Notice>> {
        let today = london_date(self.clock.now());
        let last_seen = reminders::last_seen(&self.conn)?;
        if self.author.is_some() && !self.writes_held && last_seen != Some(today) {
            self.write(|w| reminders::set_last_seen(w, today))?;
        }
        let settings = reminders::load_settings(&self.conn)?;
        if !settings.notifications {
            return Ok(None);
        }
        let plan = self.reminder_plan(&settings)?;
        Ok(crate::reminders::opening_notice(&plan, last_seen))
    }

    /// A reminder about a record that has since gone is refused in words.
    fn check_reminder(&self, key: &ReminderKey) -> Result<()> {
        if reminders::subject_exists(&self.conn, key)? {
            Ok(())
        } else {
            Err(Error::invalid(
                "key",
                "That reminder is about a record that has been deleted. The list is up to date now.",
            ))
        }
    }

    fn typed_date(field: &str, text: &str) -> Result<chrono::NaiveDate> {
        parse_uk_date(text).ok_or_else(|| {
            let text = text.trim();
            if text.is_empty() {
                Error::invalid(field, "Enter a date, like 30/11/2026.")
            } else {
                Error::invalid(
                    field,
                    format!("“{text}” is not a date. Enter it like 30/11/2026."),
                )
            }
        })
    }

    /// A typed date after today, for a snooze.
    fn later_date(&self, field: &str, text: &str) -> Result<chrono::NaiveDate> {
        let date = Store::typed_date(field, text)?;
        if date <= london_date(self.clock.now()) {
            return Err(Error::invalid(
                field,
                "Choose a date after today: the reminder comes back on that day.",
            ));
        }
        Ok(date)
    }

    /// A typed date today or later, for a new due date.
    fn date_from_today(&self, field: &str, text: &str) -> Result<chrono::NaiveDate> {
        let date = Store::typed_date(field, text)?;
        if date < london_date(self.clock.now()) {
            return Err(Error::invalid(
                field,
                "That date has passed. Choose today or a later date.",
            ));
        }
        Ok(date)
    }

    /// Meetings, follow-ups and commitment due dates from a year ago on, as an iCalendar file.
    pub fn calendar(&self) -> Result<String> {
        let now = self.clock.now();
        let since = london_date(now) - chrono::Days::new(365);
        let organisation = organisations::ours(&self.conn)?
            .map(|o| o.name)
            .unwrap_or_else(|| "Our group".to_owned());
        let entries = calendar::entries(&self.conn, since)?;
        Ok(crate::calendar::to_ics(&entries, &organisation, now))
    }

    /// The name a calendar export is offered under.
    pub fn calendar_file_name(&self) -> String {
        format!(
            "{} Rapport calendar.ics",
            format_date(london_date(self.clock.now()))
        )
    }

    // ----- public data -----

    /// Adds an MP found in the UK Parliament Members API, with their seat and party; if they
    /// are already on record (by their member id), that record is returned unchanged, and
    /// `added` says which. Anyone else on record as holding the seat leaves it.
    pub fn add_member(&mut self, member: &crate::public::Member) -> Result<AddedMember> {
        let today = self.today();
        let (id, added) = self.write(|w| public::record_member(w, member, &today))?;
        Ok(AddedMember {
            representative: self.representative(id)?,
            added,
            details_missing: None,
        })
    }

    /// As `add_member`, and in the same transaction their posts, committees and contact
    /// details from their member record (`PublicData::member_record`), so one click adds the
    /// lot. An MP already on record is left unchanged (a refresh updates them).
    pub fn add_member_with(
        &mut self,
        member: &crate::public::Member,
        record: &crate::public::MemberRecord,
    ) -> Result<AddedMember> {
        let today = self.today();
        let refresh = crate::public::Refresh {
            record: Some(record.clone()),
            seat_change: None,
        };
        let (id, added) = self.write(|w| {
            let (id, added) = public::record_member(w, member, &today)?;
            if added {
                let rep = representatives::find(w.tx, id)?.ok_or(Error::NotFound {
                    what: "representative",
                })?;
                public::apply(w, &rep, &refresh, &today)?;
            }
            Ok((id, added))
        })?;
        Ok(AddedMember {
            representative: self.representative(id)?,
            added,
            details_missing: None,
        })
    }

    /// What a refresh from Parliament (`PublicData::refresh`) would change on this
    /// representative's record, in words, changing nothing.
    pub fn refresh_changes(
        &self,
        id: RepresentativeId,
        refresh: &crate::public::Refresh,
    ) -> Result<Vec<RefreshChange>> {
        let rep = self.representative(id)?;
        public::changes(&self.conn, &rep, refresh, &self.today())
    }

    /// Makes those changes, all or none: a new party or name, posts and committees started
    /// and ended as dated offices, contact details replaced, and, when someone else holds
    /// their seat now, their term ended (they become a former MP, every interaction kept) and
    /// the new MP put on record with the seat.
    pub fn apply_refresh(
        &mut self,
        id: RepresentativeId,
        refresh: &crate::public::Refresh,
    ) -> Result<RefreshOutcome> {
        let rep = self.representative(id)?;
        let today = self.today();
        self.write(|w| public::apply(w, &rep, refresh, &today))
    }

    /// Brings the record into line with the list of every current MP: added, linked to the
    /// typed record of the same person and seat, or updated; those no longer listed become
    /// former MPs. The list is checked first (`public::check_members`), and a short or empty
    /// one changes nothing.
    pub fn import_members(&mut self, members: &[crate::public::Member]) -> Result<MembersImport> {
        crate::public::check_members(members, members.len())?;
        let today = self.today();
        self.write(|w| public::import_members(w, members, &today))
    }

    /// When every current MP was last imported.
    pub fn last_members_import(&self) -> Result<Option<LastMembersImport>> {
        public::last_import(&self.conn)
    }

    // ----- letters -----

    /// The letter templates: the shipped ones (as the group edited them, if it did), then the
    /// group's own.
    pub fn letter_templates(&self) -> Result<Vec<crate::letters::Template>> {
        letters::templates(&self.conn)
    }

    /// Saves a template (a shipped one's id edits it); a field Rapport does not know is
    /// refused with its name.
    pub fn save_letter_template(
        &mut self,
        input: &TemplateInput,
    ) -> Result<crate::letters::Template> {
        let id = self.write(|w| letters::save(w, input))?;
        letters::template(&self.conn, id)
    }

    /// Deletes the group's own template, or brings back a shipped one's own words.
    pub fn remove_letter_template(&mut self, id: Uuid) -> Result<Vec<crate::letters::Template>> {
        self.write(|w| letters::remove(w, id))?;
        self.letter_templates()
    }

    /// A template merged with the record for a letter to a representative, about a meeting
    /// (a thank-you) or a letter (a chase) when given. Nothing is written.
    pub fn draft_letter(&self, request: &LetterRequest) -> Result<ComposedLetter> {
        let rep = self.representative(request.representative_id)?;
        let template = letters::template(&self.conn, request.template_id)?;
        let with_them = |i: &Interaction, what: &str| -> Result<()> {
            if i.summary.representatives.iter().any(|r| r.id == rep.id.0) {
                Ok(())
            } else {
                Err(Error::invalid(
                    what,
                    format!(
                        "That {what} was not with {}. Choose one of theirs.",
                        rep.full_name
                    ),
                ))
            }
        };
        let meeting = match request.meeting_id {
            Some(id) => {
                let meeting = self.interaction(id)?;
                with_them(&meeting, "meeting")?;
                Some(letters::meeting_facts(&meeting))
            }
            None => None,
        };
        let letter = match request.letter_id {
            Some(id) => {
                let letter = self.interaction(id)?;
                with_them(&letter, "letter")?;
                Some(letters::letter_facts(&letter))
            }
            None => None,
        };
        let today = crate::time::long_date(london_date(self.clock.now()));
        let context = letters::context(&self.conn, &rep, self.author, today, meeting, letter)?;
        let draft = crate::letters::merge(&template, &context)?;
        let email = letters::address_of(&self.conn, &rep, crate::domain::ChannelKind::Email)?;
        Ok(ComposedLetter {
            template,
            draft,
            representative_id: rep.id,
            representative_name: rep.full_name,
            email,
            in_reply_to_id: request.meeting_id.or(request.letter_id),
        })
    }

    /// A draft laid out as a letter for print: our address block, the date, theirs.
    pub fn letter_document(
        &self,
        representative: RepresentativeId,
        draft: &crate::letters::Draft,
    ) -> Result<crate::letters::LetterDocument> {
        crate::letters::check_draft(draft)?;
        let rep = self.representative(representative)?;
        let (organisation, address) = letters::organisation(&self.conn)?;
        let mut from = vec![organisation];
        from.extend(
            address
                .as_deref()
                .map(letters::address_lines)
                .unwrap_or_default(),
        );
        let mut to = vec![match rep.kind {
            crate::domain::RepresentativeKind::Mp if !rep.former => format!("{} MP", rep.full_name),
            _ => rep.full_name.clone(),
        }];
        let postal =
            letters::address_of(&self.conn, &rep, crate::domain::ChannelKind::PostalAddress)?;
        to.extend(
            postal
                .as_deref()
                .map(letters::address_lines)
                .unwrap_or_default(),
        );
        let today = london_date(self.clock.now());
        Ok(crate::letters::LetterDocument {
            from,
            to: to.clone(),
            date: crate::time::long_date(today),
            subject: draft.subject.clone(),
            body: draft.body.clone(),
            file_name: format!("{} Letter - {}.pdf", format_date(today), to[0]),
        })
    }

    /// The `mailto:` address that opens the draft in the mail program, to their email if known.
    pub fn letter_mailto(
        &self,
        representative: RepresentativeId,
        draft: &crate::letters::Draft,
    ) -> Result<String> {
        crate::letters::check_draft(draft)?;
        let rep = self.representative(representative)?;
        let email = letters::address_of(&self.conn, &rep, crate::domain::ChannelKind::Email)?;
        Ok(crate::letters::mailto(email.as_deref(), draft))
    }

    /// Records a letter or email as sent by us now: an interaction the reminders read (a
    /// thank-you ends the meeting's prompt, a letter starts the wait for a reply).
    pub fn log_letter_sent(&mut self, sent: &SentLetter) -> Result<Interaction> {
        use crate::domain::InteractionKind;
        if !matches!(sent.kind, InteractionKind::Letter | InteractionKind::Email) {
            return Err(Error::invalid(
                "kind",
                "A letter is logged as a letter or an email.",
            ));
        }
        crate::letters::check_draft(&crate::letters::Draft {
            subject: sent.subject.clone(),
            body: sent.body.clone(),
        })?;
        let now = self.clock.now();
        let local = now.with_timezone(&chrono_tz::Europe::London);
        let mut input = serde_json::json!({
            "kind": sent.kind,
            "direction": "we_contacted",
            "date": local.format("%d/%m/%Y").to_string(),
            "time": local.format("%H:%M").to_string(),
            "subject": sent.subject,
            "summary": sent.body,
            "representatives": [sent.representative_id],
            "in_reply_to_id": sent.in_reply_to_id,
        });
        if let Some(author) = self.author {
            input["our_attendees"] = serde_json::json!([{ "person_id": author }]);
        }
        let input: InteractionInput = serde_json::from_value(input)
            .map_err(|e| Error::invalid("kind", format!("The letter could not be logged: {e}.")))?;
        self.save_interaction(&input)
    }

    /// Our organisation's postal address, for the top of a letter.
    pub fn organisation_address(&self) -> Result<Option<String>> {
        Ok(letters::organisation(&self.conn)?.1)
    }

    pub fn set_organisation_address(&mut self, address: Option<&str>) -> Result<Option<String>> {
        let organisation = organisations::ours(&self.conn)?.ok_or(Error::NotSetUp)?;
        let address = address
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        self.write(|w| {
            records::updated(w, "organisations", &organisation.id, "organisation", || {
                w.tx.execute(
                    "UPDATE organisations SET address = ?1 WHERE id = ?2",
                    rusqlite::params![address, organisation.id],
                )?;
                Ok(())
            })
        })?;
        self.organisation_address()
    }

    // ----- CSV lists -----

    /// The columns of a CSV file, which field each seems to hold, and its first rows.
    pub fn csv_preview(&self, list: CsvList, text: &str) -> Result<CsvPreview> {
        csv::preview(list, text)
    }

    /// Imports every row of a CSV file, its columns read as `mapping` says, or none of them:
    /// if any row has a problem, nothing is written and every problem is listed.
    pub fn import_csv(
        &mut self,
        list: CsvList,
        text: &str,
        mapping: &[Option<String>],
    ) -> Result<CsvImport> {
        let rows = match csv::check(list, text, mapping)? {
            Ok(rows) => rows,
            Err(problems) => {
                return Ok(CsvImport {
                    imported: 0,
                    problems,
                })
            }
        };
        let imported = rows.len();
        let today = self.clock.now().date_naive();
        self.write(|w| {
            match &rows {
                CheckedRows::People(people) => {
                    for person in people {
                        people::insert(w, PersonId::new(), person)?;
                    }
                }
                CheckedRows::Representatives(reps) => {
                    for rep in reps {
                        let id = RepresentativeId::new();
                        representatives::insert(w, id, rep)?;
                        seats::set_current_seat(
                            w,
                            id,
                            rep.seat_name.as_deref(),
                            rep.effective_seat_kind(),
                            today,
                        )?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(CsvImport {
            imported,
            problems: Vec::new(),
        })
    }

    /// A list as CSV, with the headings the import reads.
    pub fn export_csv(&self, list: CsvList) -> Result<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows = match list {
            CsvList::People => self
                .list_people()?
                .iter()
                .map(|p| {
                    vec![
                        p.full_name.clone(),
                        p.kind.label().to_owned(),
                        opt(&p.role_title),
                        opt(&p.organisation_name),
                        opt(&p.email),
                        opt(&p.phone),
                        opt(&p.address),
                        opt(&p.postcode),
                        p.lawful_basis
                            .map(|b| b.label().to_owned())
                            .unwrap_or_default(),
                        opt(&p.consent_notes),
                        opt(&p.notes),
                    ]
                })
                .collect(),
            CsvList::Representatives => self
                .list_representatives()?
                .iter()
                .map(|r| {
                    vec![
                        r.full_name.clone(),
                        r.kind.label().to_owned(),
                        opt(&r.party),
                        r.seat.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                        opt(&r.form_of_address),
                        opt(&r.interests),
                        opt(&r.preferred_contact),
                        opt(&r.surgery_pattern),
                        opt(&r.notes),
                        r.contact_cadence_days
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        };
        csv::write(list, rows)
    }

    // ----- the briefing pack -----

    /// The briefing pack for a representative, and for a meeting with them if one is given:
    /// every section of PRODUCT.md's pack, worded; private impressions only if asked for.
    pub fn briefing(&self, request: &BriefingRequest) -> Result<Briefing> {
        let recent = request.recent.unwrap_or(briefing::DEFAULT_RECENT);
        if !(1..=200).contains(&recent) {
            return Err(Error::invalid(
                "recent",
                "List between 1 and 200 recent interactions.",
            ));
        }
        let rep = request.representative_id;
        // A few more than asked for, as planned meetings at the head of the timeline are skipped.
        let profile = self.representative_profile(rep, recent + 10)?;
        let meeting = match request.meeting_id {
            Some(id) => {
                let meeting = self.interaction(id)?;
                if !meeting
                    .summary
                    .representatives
                    .iter()
                    .any(|r| r.id == rep.0)
                {
                    return Err(Error::invalid(
                        "meeting_id",
                        "That meeting is not with this representative. Choose one of theirs.",
                    ));
                }
                Some(meeting)
            }
            None => None,
        };
        let recent: Vec<Interaction> = profile
            .timeline
            .iter()
            .filter(|t| t.status == InteractionStatus::Held)
            .take(recent as usize)
            .map(|t| self.interaction(t.id))
            .collect::<Result<_>>()?;
        let organisation = organisations::ours(&self.conn)?
            .map(|o| o.name)
            .unwrap_or_else(|| "Our group".to_owned());
        Ok(briefing::assemble(&briefing::Sources {
            organisation: &organisation,
            today: london_date(self.clock.now()),
            profile: &profile,
            meeting: meeting.as_ref(),
            recent: &recent,
            include_private: request.include_private,
        }))
    }

    // ----- history, deleted records, search -----

    /// Who recorded a record and every later change, oldest first.
    pub fn record_history(&self, table: &str, id: Uuid) -> Result<Vec<HistoryEntry>> {
        history::record_history(&self.conn, table, id)
    }

    /// Records deleted softly, newest first, which `restore_record` can bring back.
    pub fn deleted_records(&self, limit: i64) -> Result<Vec<DeletedRecord>> {
        history::deleted_records(&self.conn, limit.clamp(1, 1000))
    }

    pub fn restore_record(&mut self, table: &str, id: Uuid) -> Result<()> {
        self.write(|w| history::restore(w, table, id))
    }

    /// The best matches for `text` over names, notes, summaries, impressions, asks, commitments
    /// and follow-ups, ranked, with matched words marked.
    pub fn search(&self, text: &str, limit: i64) -> Result<Vec<SearchHit>> {
        search::search(&self.conn, text, limit.clamp(1, 200))
    }

    // ----- interchange -----

    /// Every record of every table, in the documented interchange format.
    pub fn export(&self) -> Result<Interchange> {
        interchange::export(&self.conn, format_instant(self.clock.now()))
    }

    /// Imports a whole interchange file into this (empty) database, all or nothing.
    pub fn import(&mut self, file: &Interchange) -> Result<ImportSummary> {
        if self.writes_held {
            return Err(Error::Checking);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let summary = interchange::import(&tx, file)?;
        tx.commit()?;
        self.author = settings::get(&self.conn, CURRENT_MEMBER)?.and_then(|id| id.parse().ok());
        Ok(summary)
    }
}

/// An MP put on record from the Members API, or found already there (`added` false).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AddedMember {
    pub representative: Representative,
    pub added: bool,
    /// Why their posts and contact details could not be fetched, when they could not: the MP
    /// is added all the same, and a refresh can fetch them later.
    pub details_missing: Option<String>,
}

/// Which letter to draft: a template, to whom, and the meeting (a thank-you) or the letter
/// (a chase) it is about.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct LetterRequest {
    pub template_id: Uuid,
    pub representative_id: RepresentativeId,
    #[serde(default)]
    pub meeting_id: Option<InteractionId>,
    #[serde(default)]
    pub letter_id: Option<InteractionId>,
}

/// A draft, with what sending it needs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ComposedLetter {
    pub template: crate::letters::Template,
    pub draft: crate::letters::Draft,
    pub representative_id: RepresentativeId,
    pub representative_name: String,
    /// Their email, preferred first, when one is on record.
    pub email: Option<String>,
    /// The meeting or letter this answers, for logging it as sent.
    pub in_reply_to_id: Option<InteractionId>,
}

/// A letter or email the person sent, to log.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SentLetter {
    pub representative_id: RepresentativeId,
    pub kind: crate::domain::InteractionKind,
    pub subject: String,
    pub body: String,
    #[serde(default)]
    pub in_reply_to_id: Option<InteractionId>,
}

/// How many planned meetings the Today screen lists.
const UPCOMING_MEETINGS: i64 = 10;

/// One page of a longer list, and how many there are in all.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// Turns SQLite's failures to open into messages about the file.
fn classify_open_error(error: rusqlite::Error, path: &Path) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_owned(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
            path: path.to_owned(),
            detail: error.to_string(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            Error::CannotOpen {
                path: path.to_owned(),
                source: error,
            }
        }
        _ => Error::Sqlite(error),
    }
}

/// Whether the file at `path` is checked in full before it is opened: when it is small, or when
/// the last session left a write-ahead log behind (it did not close cleanly).
fn check_on_open(path: &Path) -> bool {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    size(path) <= CHECK_ON_OPEN_UP_TO || size(&backup::beside(path, "-wal")) > 0
}
