//! How long the Today screen's reminders take on a national programme's database:
//! 1,000,000 interactions over 15 years with 1,650 representatives, 5,000 people, 300,000
//! follow-ups, 200,000 commitments and 100,000 asks.
//!
//! Run with `cargo bench --bench reminders`. The database is generated once (deterministically,
//! straight into SQLite, in about a minute and a half) and kept at
//! `target/rapport-bench/reminders-1m.sqlite3`; delete it to generate it afresh.
//! Prints the median and slowest of 20 runs of `Store::agenda()`, and the first, cold run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use rapport_core::domain::SetupInput;
use rapport_core::{Clock, Store};
use rusqlite::{params, Connection};
use uuid::Uuid;

const NOW: &str = "2026-11-24T09:00:00Z";
const INTERACTIONS: usize = 1_000_000;
const MPS: usize = 650;
const OTHER_REPRESENTATIVES: usize = 1_000;
const PEOPLE: usize = 5_000;
const FOLLOW_UPS: usize = 300_000;
const COMMITMENTS: usize = 200_000;
const ASKS: usize = 100_000;
const YEARS: i64 = 15;
/// Bump when the generated data changes, so an old file is not measured by mistake.
const DATA_VERSION: &str = "reminders-1m-v1";

/// A small deterministic generator (xorshift64*), so every run measures the same data.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, per_thousand: u64) -> bool {
        self.next() % 1000 < per_thousand
    }
}

fn id() -> [u8; 16] {
    *Uuid::now_v7().as_bytes()
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn main() {
    let path = database();
    let store = Store::open(&path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap());

    let cold = Instant::now();
    let agenda = store.agenda().unwrap();
    let cold = cold.elapsed();

    let mut runs: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            let again = store.agenda().unwrap();
            assert_eq!(again.date, agenda.date);
            start.elapsed()
        })
        .collect();
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "Reminders (Store::agenda) on {INTERACTIONS} interactions, {} representatives:",
        MPS + OTHER_REPRESENTATIVES
    );
    println!(
        "  found: {} overdue, {} due today, {} in the next 7 days, {} snoozed, {} upcoming meetings",
        agenda.overdue.len(),
        agenda.due_today.len(),
        agenda.next_week.len(),
        agenda.snoozed.len(),
        agenda.upcoming_meetings.len()
    );
    println!("  first run (cold statement cache): {:.1} ms", ms(cold));
    println!(
        "  median of 20: {:.1} ms   slowest: {:.1} ms   (target: well under 1000 ms)",
        ms(runs[runs.len() / 2]),
        ms(runs[runs.len() - 1])
    );

    let start = Instant::now();
    let ics = store.calendar().unwrap();
    println!(
        "Calendar export (a year back on): {} entries, {:.1} KiB, {:.1} ms",
        ics.matches("BEGIN:VEVENT").count(),
        ics.len() as f64 / 1024.0,
        ms(start.elapsed())
    );
}

/// The benchmark database, generated if it is not there yet.
fn database() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/rapport-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("reminders-1m.sqlite3");
    if path.exists() {
        let conn = Connection::open(&path).unwrap();
        let version: Option<String> = conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'bench.data_version'",
                [],
                |row| row.get(0),
            )
            .ok();
        if version.as_deref() == Some(DATA_VERSION) {
            return path;
        }
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let started = Instant::now();
    eprintln!("Generating the 1,000,000-interaction database (once)…");
    generate(&path);
    eprintln!("…generated in {:.0} s", started.elapsed().as_secs_f64());
    path
}

fn generate(path: &Path) {
    let now = DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc);
    let mut store = Store::open(path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap());
    store
        .set_up(&SetupInput {
            organisation_name: Some("National Programme (benchmark)".into()),
            member_name: Some("Bench Member".into()),
        })
        .unwrap();
    store
        .cover_seat("Seat 1", rapport_core::domain::SeatKind::Westminster)
        .unwrap();
    drop(store);

    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let tx = conn.transaction().unwrap();
    let mut dice = Dice(0x5EED_CAFE_F00D_D00D);
    let created = stamp(now - Span::days(365 * YEARS));

    // Representatives: 650 MPs, each holding a seat (the first, "Seat 1", is the one covered),
    // and 1,000 others (councillors, officials) without one.
    let covered_seat: Vec<u8> = tx
        .query_row("SELECT id FROM seats WHERE name = 'Seat 1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut reps: Vec<[u8; 16]> = Vec::new();
    for n in 0..MPS + OTHER_REPRESENTATIVES {
        let rep = id();
        tx.execute(
            "INSERT INTO representatives (id, full_name, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![&rep[..], format!("Representative {n}"), if n < MPS { "mp" } else { "councillor" }, created],
        )
        .unwrap();
        if n < MPS {
            let seat: Vec<u8> = if n == 0 {
                covered_seat.clone()
            } else {
                let seat = id();
                tx.execute(
                    "INSERT INTO seats (id, name, kind, created_at, updated_at) VALUES (?1, ?2, 'westminster', ?3, ?3)",
                    params![&seat[..], format!("Seat {}", n + 1), created],
                )
                .unwrap();
                seat.to_vec()
            };
            tx.execute(
                "INSERT INTO offices (id, representative_id, kind, title, seat_id, start_date, created_at, updated_at)
                 VALUES (?1, ?2, 'seat', 'Member of Parliament', ?3, '2024-07-04', ?4, ?4)",
                params![&id()[..], &rep[..], seat, created],
            )
            .unwrap();
        }
        reps.push(rep);
    }
    let mut people: Vec<[u8; 16]> = Vec::new();
    for n in 0..PEOPLE {
        let person = id();
        tx.execute(
            "INSERT INTO people (id, full_name, kind, created_at, updated_at) VALUES (?1, ?2, 'member', ?3, ?3)",
            params![&person[..], format!("Person {n}"), created],
        )
        .unwrap();
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
    let span_minutes = 60 * 24 * 365 * YEARS;
    let mut interactions: Vec<([u8; 16], usize, DateTime<Utc>)> = Vec::with_capacity(INTERACTIONS);
    {
        let mut add = tx
            .prepare(
                "INSERT INTO interactions (id, kind, direction, status, occurred_at, subject, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?5)",
            )
            .unwrap();
        let mut take_part = tx
            .prepare(
                "INSERT INTO interaction_participants (id, interaction_id, side, person_id, representative_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .unwrap();
        for n in 0..INTERACTIONS {
            let at = now - Span::minutes((span_minutes * n as i64) / INTERACTIONS as i64)
                + Span::days(14);
            let status = if at > now { "planned" } else { "held" };
            let kind = kinds[dice.below(kinds.len())];
            let direction = if dice.chance(700) {
                "we_contacted"
            } else {
                "they_contacted"
            };
            let interaction = id();
            let when = stamp(at);
            add.execute(params![
                &interaction[..],
                kind,
                direction,
                status,
                when,
                format!("Topic {}", n % 97)
            ])
            .unwrap();
            let rep = dice.below(reps.len());
            take_part
                .execute(params![
                    &id()[..],
                    &interaction[..],
                    "theirs",
                    None::<Vec<u8>>,
                    &reps[rep][..],
                    when
                ])
                .unwrap();
            take_part
                .execute(params![
                    &id()[..],
                    &interaction[..],
                    "ours",
                    &people[dice.below(PEOPLE)][..],
                    None::<Vec<u8>>,
                    when
                ])
                .unwrap();
            interactions.push((interaction, rep, at));
        }
    }

    // Follow-ups and commitments: due a week to a month after their interaction; all but the
    // last few months' are finished, as in a group that keeps its record up to date.
    let recent = now - Span::days(120);
    {
        let mut add = tx
            .prepare(
                "INSERT INTO follow_ups (id, kind, description, owner_id, representative_id, interaction_id, due_date, status, created_at, updated_at)
                 VALUES (?1, 'send_papers', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )
            .unwrap();
        for n in 0..FOLLOW_UPS {
            let (interaction, rep, at) = &interactions[dice.below(INTERACTIONS)];
            let due = (*at + Span::days(7 + dice.below(24) as i64))
                .format("%Y-%m-%d")
                .to_string();
            let status = if *at > recent && dice.chance(600) {
                "open"
            } else {
                "done"
            };
            add.execute(params![
                &id()[..],
                format!("Follow-up {n}"),
                &people[dice.below(PEOPLE)][..],
                &reps[*rep][..],
                &interaction[..],
                due,
                status,
                stamp(*at)
            ])
            .unwrap();
        }
    }
    {
        let mut add = tx
            .prepare(
                "INSERT INTO commitments (id, interaction_id, side, person_id, representative_id, description, due_date, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )
            .unwrap();
        for n in 0..COMMITMENTS {
            let (interaction, rep, at) = &interactions[dice.below(INTERACTIONS)];
            let due = (*at + Span::days(7 + dice.below(24) as i64))
                .format("%Y-%m-%d")
                .to_string();
            let status = if *at > recent && dice.chance(600) {
                "open"
            } else {
                "done"
            };
            let ours = dice.chance(500);
            add.execute(params![
                &id()[..],
                &interaction[..],
                if ours { "ours" } else { "theirs" },
                ours.then(|| people[dice.below(PEOPLE)].to_vec()),
                (!ours).then(|| reps[*rep].to_vec()),
                format!("Commitment {n}"),
                due,
                status,
                stamp(*at)
            ])
            .unwrap();
        }
    }
    {
        let mut add = tx
            .prepare(
                "INSERT INTO asks (id, representative_id, interaction_id, title, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .unwrap();
        let settled = [
            "agreed",
            "declined",
            "done",
            "dropped",
            "under_consideration",
        ];
        for n in 0..ASKS {
            let (interaction, rep, at) = &interactions[dice.below(INTERACTIONS)];
            let status = if *at > recent && dice.chance(500) {
                "made"
            } else {
                settled[dice.below(settled.len())]
            };
            add.execute(params![
                &id()[..],
                &reps[*rep][..],
                &interaction[..],
                format!("Ask {n}"),
                status,
                stamp(*at)
            ])
            .unwrap();
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('bench.data_version', ?1, ?2)",
        params![DATA_VERSION, NOW],
    )
    .unwrap();
    tx.commit().unwrap();
    // No ANALYZE: the app does not run it, so neither does the benchmark.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}
