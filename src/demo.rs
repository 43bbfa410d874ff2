//! Sample data, generated deterministically from a seed.
//!
//! - `Small` is a believable partnership to try Rapport with: a fictional Big Local area, its
//!   members, two fictional MPs and a councillor, and two years of meetings, letters, asks and
//!   promises. Everything is marked as fictional (the organisation's name says "sample data" and
//!   every person's and representative's notes say so). It is written through the store, as a
//!   person's records would be.
//! - `Large` is a national programme, for the benchmarks: 650 MPs and 1,000 other
//!   representatives, 5,000 people, 1,000,000 interactions, 200,000 commitments, 300,000
//!   follow-ups and 100,000 asks over 15 years. It is written straight into SQLite (through the
//!   same tables, triggers and indexes) so it takes minutes, not hours; its ids are made from the
//!   seed too, so two runs give the same file contents.

use std::path::Path;

use chrono::{DateTime, Duration as Span, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::json;

use crate::domain::{
    CodeEnum, InteractionInput, PersonInput, PersonKind, RepresentativeInput, RepresentativeKind,
    SeatKind, SetupInput, StatusChangeInput, SubjectKind,
};
use crate::time::format_instant;
use crate::{Clock, Error, Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoSize {
    Small,
    Large,
}

/// How much was generated.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct DemoSummary {
    pub people: usize,
    pub representatives: usize,
    pub interactions: usize,
    pub commitments: usize,
    pub follow_ups: usize,
    pub asks: usize,
}

/// The large dataset's sizes.
pub const LARGE: DemoSummary = DemoSummary {
    people: 5_000,
    representatives: 1_650,
    interactions: 1_000_000,
    commitments: 200_000,
    follow_ups: 300_000,
    asks: 100_000,
};
const LARGE_MPS: usize = 650;
const LARGE_YEARS: i64 = 15;

/// A small deterministic generator (xorshift64*), so a seed always gives the same data.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn roll(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.roll() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, per_thousand: u64) -> bool {
        self.roll() % 1000 < per_thousand
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// A UUID v7 for a record made at `at`, its random part from the dice.
    fn id(&mut self, at: DateTime<Utc>) -> [u8; 16] {
        let millis = at.timestamp_millis().max(0) as u64;
        let random = self.roll().to_be_bytes();
        let more = self.roll().to_be_bytes();
        let mut id = [0u8; 16];
        id[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
        id[6] = 0x70 | (random[0] & 0x0F);
        id[7] = random[1];
        id[8] = 0x80 | (random[2] & 0x3F);
        id[9..16].copy_from_slice(&more[..7]);
        id
    }
}

/// Writes sample data into a new database at `path` (which must not exist yet), as if it were
/// `now`. Returns how much was written.
pub fn generate(path: &Path, size: DemoSize, seed: u64, now: DateTime<Utc>) -> Result<DemoSummary> {
    if path.exists() {
        return Err(Error::invalid(
            "out",
            format!(
                "{} already exists. Sample data goes into a new, empty folder so nothing of yours is mixed with it.",
                path.display()
            ),
        ));
    }
    match size {
        DemoSize::Small => small(path, seed, now),
        DemoSize::Large => large(path, seed, now),
    }
}

/// The sample data at `path`, generated first if it is not there yet (the benchmarks keep one
/// large file between runs). A generation that fails leaves no half-written file behind.
pub fn ensure(path: &Path, size: DemoSize, seed: u64, now: DateTime<Utc>) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::invalid(
                "out",
                format!("Could not make the folder {}: {e}", dir.display()),
            )
        })?;
    }
    generate(path, size, seed, now).inspect_err(|_| {
        let _ = std::fs::remove_file(path);
    })?;
    Ok(())
}

const FICTIONAL: &str = "Fictional: sample data to try Rapport with. Not a real person.";

/// What a sample's organisation name ends with, so a sample is never taken for someone's record.
pub const SAMPLE_MARK: &str = "(sample data)";

/// The file, beside the person's own database, that "Try it with sample data" explores. The
/// sample is never written into their own record.
pub const SAMPLE_FILE: &str = "sample.sqlite3";

/// The seed of the sample offered on first run, so everyone meets the same partnership.
pub const SAMPLE_SEED: u64 = 2026;

/// Writes a fresh small sample at `path` to explore, dated around `now`. A sample left there
/// earlier is removed first (see `remove_sample`), so each try starts clean with its dates
/// around today; a generation that fails leaves no file behind.
pub fn fresh_sample(path: &Path, now: DateTime<Utc>) -> Result<DemoSummary> {
    remove_sample(path)?;
    generate(path, DemoSize::Small, SAMPLE_SEED, now).inspect_err(|_| {
        let _ = remove_sample(path);
    })
}

/// Removes the sample at `path`, with its write-ahead log, if there is one (nothing there is
/// not an error). The file must not be open. Refuses, removing nothing, if the file holds a
/// group's record that is not marked as sample data: only a sample is ever removed.
pub fn remove_sample(path: &Path) -> Result<()> {
    if let Some(name) = organisation_name(path) {
        if !name.ends_with(SAMPLE_MARK) {
            return Err(Error::invalid(
                "sample",
                format!(
                    "{} holds the record of “{name}”, not sample data, so Rapport has left it alone. \
                     Move it somewhere safe, then try the sample again.",
                    path.display()
                ),
            ));
        }
    }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::invalid(
                    "sample",
                    format!(
                        "Could not remove the old sample data ({}): {e}.",
                        Path::new(&file).display()
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// The name of the organisation recorded in the database at `path`, if it is a Rapport
/// database that has one. Read without opening a `Store`, which could migrate the file and
/// back it up into the person's own backups.
fn organisation_name(path: &Path) -> Option<String> {
    if !path.exists() {
        return None;
    }
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE).ok()?;
    conn.query_row(
        "SELECT name FROM organisations WHERE deleted_at IS NULL ORDER BY seq LIMIT 1",
        [],
        |row| row.get(0),
    )
    .ok()
}

fn small(path: &Path, seed: u64, now: DateTime<Utc>) -> Result<DemoSummary> {
    let mut dice = Dice::new(seed);
    let mut store = Store::open(path)?.with_clock(Clock::Fixed(now));
    store.set_up(&SetupInput {
        organisation_name: Some(format!("Riverside Big Local {SAMPLE_MARK}")),
        member_name: Some("Sam Okoro (sample)".into()),
    })?;
    store.set_organisation_address(Some("The Riverside Centre\n1 Mill Lane\nRiverside RV1 1AA"))?;
    store.cover_seat("Riverside and Mill Green", SeatKind::Westminster)?;

    let mut summary = DemoSummary::default();
    let mut ours = Vec::new();
    for (name, role) in [
        ("Amira Khan", "Chair"),
        ("Dev Patel", "Treasurer"),
        ("Grace Mensah", "Youth lead"),
        ("Tom Reilly", "Volunteer"),
        ("Priya Shah", "Volunteer"),
        ("Owen Jones", "Secretary"),
    ] {
        let mut person = PersonInput::named(name, PersonKind::Member);
        person.role_title = Some(role.into());
        person.notes = Some(FICTIONAL.into());
        ours.push(store.save_person(&person)?.id);
        summary.people += 1;
    }
    for (name, organisation) in [
        ("Dr Lena Okafor", "Mill Lane Surgery"),
        ("Mrs Joan Price", "Resident, Grove flats"),
        ("Kwame Asante", "Riverside Primary School"),
    ] {
        let mut person = PersonInput::named(name, PersonKind::Contact);
        person.organisation_name = Some(organisation.into());
        person.notes = Some(FICTIONAL.into());
        store.save_person(&person)?;
        summary.people += 1;
    }

    let mut reps = Vec::new();
    for (name, kind, party, seat, address) in [
        (
            "Jane Smith",
            RepresentativeKind::Mp,
            "Labour",
            "Riverside and Mill Green",
            "Dear Ms Smith",
        ),
        (
            "Robert Hale",
            RepresentativeKind::Mp,
            "Conservative",
            "Hill Ward and Northby",
            "Dear Mr Hale",
        ),
        (
            "Cllr Ade Bello",
            RepresentativeKind::Councillor,
            "Green Party",
            "Mill Green ward",
            "Dear Councillor Bello",
        ),
    ] {
        let mut rep = RepresentativeInput::named(name, kind);
        rep.party = Some(party.into());
        rep.seat_name = Some(seat.into());
        rep.form_of_address = Some(address.into());
        rep.interests = Some("Buses, housing, youth services".into());
        rep.notes = Some(FICTIONAL.replace("person", "representative"));
        rep.primary_contact_id = Some(ours[0]);
        reps.push(store.save_representative(&rep)?.id);
        summary.representatives += 1;
    }

    let topics = [
        "Bus route 42",
        "The Grove flats",
        "Youth club funding",
        "Mill Lane surgery hours",
        "Riverside park lighting",
        "Air quality by the school",
    ];
    let kinds = [
        "surgery_meeting",
        "letter",
        "email",
        "phone_call",
        "project_visit",
        "event",
    ];
    // Forty interactions over two years, the newest a few days ago.
    for n in 0..40usize {
        let days_ago = 730 - (n as i64 * 730 / 40) + 3;
        let at = now - Span::days(days_ago);
        let local = at.with_timezone(&chrono_tz::Europe::London);
        let kind = dice.pick(&kinds);
        let rep = reps[if dice.chance(700) {
            0
        } else {
            dice.below(reps.len())
        }];
        let topic = dice.pick(&topics);
        let meeting = !matches!(kind, "letter" | "email" | "phone_call");
        let mut input = json!({
            "kind": kind,
            "direction": if kind == "letter" && dice.chance(400) { "they_contacted" } else { "we_contacted" },
            "date": local.format("%d/%m/%Y").to_string(),
            "time": if meeting { "14:30".to_owned() } else { local.format("%H:%M").to_string() },
            "subject": topic,
            "summary": format!("We talked about {}: what residents told us, and what could be done next.", topic.to_lowercase()),
            "representatives": [rep],
            "our_attendees": [{"person_id": ours[dice.below(ours.len())]}],
        });
        if meeting {
            input["place"] = json!("The Riverside Centre");
            input["asks"] = json!([{"title": format!("Raise {} with the council", topic.to_lowercase()),
                                     "status": dice.pick(&["made", "agreed", "under_consideration", "declined"])}]);
            input["commitments"] = json!([
                {"who": format!("representative:{rep}"), "description": format!("Write to the council about {}", topic.to_lowercase()),
                 "due_date": (at + Span::days(14)).format("%d/%m/%Y").to_string()},
                {"who": format!("person:{}", ours[dice.below(ours.len())]), "description": "Send the residents' survey",
                 "due_date": (at + Span::days(7)).format("%d/%m/%Y").to_string()}
            ]);
            input["follow_ups"] = json!([{"kind": "send_papers", "description": "Post the petition to the office",
                                          "due_date": (at + Span::days(10)).format("%d/%m/%Y").to_string()}]);
            summary.asks += 1;
            summary.commitments += 2;
            summary.follow_ups += 1;
        }
        let input: InteractionInput = serde_json::from_value(input)
            .map_err(|e| Error::invalid("demo", format!("sample interaction {n}: {e}")))?;
        let logged = store.save_interaction(&input)?;
        summary.interactions += 1;
        // A group that keeps its record up to date: what is more than six weeks old is done,
        // and asks made then have had their answer.
        if days_ago > 42 {
            let done = |kind, id: uuid::Uuid, status: &str| StatusChangeInput {
                subject_kind: kind,
                id,
                status: status.to_owned(),
                note: None,
                evidence: None,
                stated_position: None,
            };
            for c in &logged.commitments {
                store.change_status(&done(SubjectKind::Commitment, c.id.0, "done"))?;
            }
            for f in &logged.follow_ups {
                store.change_status(&done(SubjectKind::FollowUp, f.id.0, "done"))?;
            }
            for a in logged.asks.iter().filter(|a| a.status.code() == "made") {
                let answer = if dice.chance(600) {
                    "agreed"
                } else {
                    "declined"
                };
                store.change_status(&done(SubjectKind::Ask, a.id.0, answer))?;
            }
        }
    }
    Ok(summary)
}

/// A large-dataset follow-up's or commitment's due date, a week to a month after its
/// interaction `at`, and its status: all but those of the last few months (after `recent`) are
/// finished, as in a group that keeps its record up to date.
fn due_and_status(
    dice: &mut Dice,
    at: DateTime<Utc>,
    recent: DateTime<Utc>,
) -> (String, &'static str) {
    let due = (at + Span::days(7 + dice.below(24) as i64))
        .format("%Y-%m-%d")
        .to_string();
    let status = if at > recent && dice.chance(600) {
        "open"
    } else {
        "done"
    };
    (due, status)
}

fn stamp(at: DateTime<Utc>) -> String {
    format_instant(at)
}

fn large(path: &Path, seed: u64, now: DateTime<Utc>) -> Result<DemoSummary> {
    let mut store = Store::open(path)?.with_clock(Clock::Fixed(now));
    store.set_up(&SetupInput {
        organisation_name: Some(format!("National Programme {SAMPLE_MARK}")),
        member_name: Some("Sample Member".into()),
    })?;
    store.cover_seat("Seat 1", SeatKind::Westminster)?;
    drop(store);

    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    crate::storage::kept_state::pause(&tx)?;
    let mut dice = Dice::new(seed);
    let created_at = now - Span::days(365 * LARGE_YEARS);
    let created = stamp(created_at);

    // Representatives: 650 MPs, each holding a seat (the first, "Seat 1", is the one covered),
    // and 1,000 others (councillors, officials) without one.
    let covered_seat: Vec<u8> =
        tx.query_row("SELECT id FROM seats WHERE name = 'Seat 1'", [], |r| {
            r.get(0)
        })?;
    let mut reps: Vec<[u8; 16]> = Vec::with_capacity(LARGE.representatives);
    for n in 0..LARGE.representatives {
        let rep = dice.id(created_at);
        let mp = n < LARGE_MPS;
        tx.execute(
            "INSERT INTO representatives (id, full_name, kind, party, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![&rep[..], format!("Representative {n}"), if mp { "mp" } else { "councillor" },
                    ["Labour", "Conservative", "Liberal Democrat", "Green Party", "Independent"][n % 5], created],
        )?;
        if mp {
            let seat: Vec<u8> = if n == 0 {
                covered_seat.clone()
            } else {
                let seat = dice.id(created_at);
                tx.execute(
                    "INSERT INTO seats (id, name, kind, created_at, updated_at) VALUES (?1, ?2, 'westminster', ?3, ?3)",
                    params![&seat[..], format!("Seat {}", n + 1), created],
                )?;
                seat.to_vec()
            };
            tx.execute(
                "INSERT INTO offices (id, representative_id, kind, title, seat_id, start_date, created_at, updated_at)
                 VALUES (?1, ?2, 'seat', 'Member of Parliament', ?3, '2024-07-04', ?4, ?4)",
                params![&dice.id(created_at)[..], &rep[..], seat, created],
            )?;
        }
        reps.push(rep);
    }
    let mut people: Vec<[u8; 16]> = Vec::with_capacity(LARGE.people);
    for n in 0..LARGE.people {
        let person = dice.id(created_at);
        tx.execute(
            "INSERT INTO people (id, full_name, kind, created_at, updated_at) VALUES (?1, ?2, 'member', ?3, ?3)",
            params![&person[..], format!("Person {n}"), created],
        )?;
        people.push(person);
    }

    // Interactions spread evenly over 15 years, each with one representative and one of us.
    let kinds = [
        "surgery_meeting",
        "westminster_meeting",
        "project_visit",
        "event",
        "phone_call",
        "letter",
        "email",
        "email",
        "letter",
        "other_meeting",
    ];
    let span_minutes = 60 * 24 * 365 * LARGE_YEARS;
    let total = LARGE.interactions;
    let mut interactions: Vec<([u8; 16], usize, DateTime<Utc>)> = Vec::with_capacity(total);
    {
        let mut add = tx.prepare(
            "INSERT INTO interactions (id, kind, direction, status, occurred_at, subject, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?5)",
        )?;
        let mut take_part = tx.prepare(
            "INSERT INTO interaction_participants (id, interaction_id, side, person_id, representative_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        for n in 0..total {
            let at = now - Span::minutes((span_minutes * n as i64) / total as i64) + Span::days(14);
            let status = if at > now { "planned" } else { "held" };
            let kind = kinds[dice.below(kinds.len())];
            let direction = if dice.chance(700) {
                "we_contacted"
            } else {
                "they_contacted"
            };
            let interaction = dice.id(at);
            let when = stamp(at);
            add.execute(params![
                &interaction[..],
                kind,
                direction,
                status,
                when,
                format!("Topic {}", n % 97)
            ])?;
            let rep = dice.below(reps.len());
            take_part.execute(params![
                &dice.id(at)[..],
                &interaction[..],
                "theirs",
                None::<Vec<u8>>,
                &reps[rep][..],
                when
            ])?;
            let us = dice.below(people.len());
            take_part.execute(params![
                &dice.id(at)[..],
                &interaction[..],
                "ours",
                &people[us][..],
                None::<Vec<u8>>,
                when
            ])?;
            interactions.push((interaction, rep, at));
        }
    }

    // Follow-ups and commitments: due a week to a month after their interaction; all but the
    // last few months' are finished, as in a group that keeps its record up to date.
    let recent = now - Span::days(120);
    {
        let mut add = tx.prepare(
            "INSERT INTO follow_ups (id, kind, description, owner_id, representative_id, interaction_id, due_date, status, created_at, updated_at)
             VALUES (?1, 'send_papers', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        for n in 0..LARGE.follow_ups {
            let (interaction, rep, at) = interactions[dice.below(total)];
            let (due, status) = due_and_status(&mut dice, at, recent);
            let owner = dice.below(people.len());
            add.execute(params![
                &dice.id(at)[..],
                format!("Follow-up {n}"),
                &people[owner][..],
                &reps[rep][..],
                &interaction[..],
                due,
                status,
                stamp(at)
            ])?;
        }
    }
    {
        let mut add = tx.prepare(
            "INSERT INTO commitments (id, interaction_id, side, person_id, representative_id, description, due_date, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        for n in 0..LARGE.commitments {
            let (interaction, rep, at) = interactions[dice.below(total)];
            let (due, status) = due_and_status(&mut dice, at, recent);
            let ours = dice.chance(500);
            let person = dice.below(people.len());
            add.execute(params![
                &dice.id(at)[..],
                &interaction[..],
                if ours { "ours" } else { "theirs" },
                ours.then(|| people[person].to_vec()),
                (!ours).then(|| reps[rep].to_vec()),
                format!("Commitment {n}"),
                due,
                status,
                stamp(at)
            ])?;
        }
    }
    {
        let mut add = tx.prepare(
            "INSERT INTO asks (id, representative_id, interaction_id, title, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        let settled = [
            "agreed",
            "declined",
            "done",
            "dropped",
            "under_consideration",
        ];
        for n in 0..LARGE.asks {
            let (interaction, rep, at) = interactions[dice.below(total)];
            let status = if at > recent && dice.chance(500) {
                "made"
            } else {
                settled[dice.below(settled.len())]
            };
            add.execute(params![
                &dice.id(at)[..],
                &reps[rep][..],
                &interaction[..],
                format!("Ask {n}"),
                status,
                stamp(at)
            ])?;
        }
    }
    crate::storage::kept_state::rebuild_and_resume(&tx)?;
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(LARGE)
}
