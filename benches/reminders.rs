//! How long the Today screen's reminders take on a national programme's database:
//! 1,000,000 interactions over 15 years with 1,650 representatives, 5,000 people, 300,000
//! follow-ups, 200,000 commitments and 100,000 asks (`rapport_core::demo`, size large).
//!
//! Run with `cargo bench --bench reminders`. The database is generated once (deterministically,
//! from the seed, in a few minutes) and kept at `target/rapport-bench/large-seed2026/`; delete
//! it to generate it afresh. Prints the median and slowest of 20 runs of `Store::agenda()`, and
//! the first, cold run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rapport_core::demo::{DemoSize, LARGE};
use rapport_core::{Clock, Store};

const NOW: &str = "2026-11-24T09:00:00Z";
const SEED: u64 = 2026;

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
        "Reminders (Store::agenda) on {} interactions, {} representatives:",
        LARGE.interactions, LARGE.representatives
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

/// The benchmark database (`rapport-cli seed-demo --size large`), generated if it is not there.
fn database() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/rapport-bench");
    let path = dir
        .join(format!("large-seed{SEED}").as_str())
        .join("rapport.sqlite3");
    if !path.exists() {
        eprintln!("Generating the 1,000,000-interaction database (once, a few minutes)…");
    }
    let started = Instant::now();
    let now = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    rapport_core::demo::ensure(&path, DemoSize::Large, SEED, now)
        .unwrap_or_else(|error| panic!("the benchmark database could not be generated: {error}"));
    if started.elapsed().as_secs() > 1 {
        eprintln!("…in {:.0} s", started.elapsed().as_secs_f64());
    }
    path
}
