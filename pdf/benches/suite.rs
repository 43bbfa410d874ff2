//! The benchmark suite on the large sample dataset (`rapport-cli seed-demo --size large`):
//! 1,650 representatives, 5,000 people, 1,000,000 interactions over 15 years.
//!
//! Run with `cargo bench -p rapport-pdf --bench suite`. The dataset is generated once (a few
//! minutes; deterministic from the seed) into `target/rapport-bench/large-seed2026/`, the same
//! file the reminders bench uses. For each screen's query it prints the median of 20 runs of
//! the store's answer, the median of the best hand-written SQL giving the same answer over the
//! same file in the same run, their ratio, and the target beside each.
//!
//! It lives in rapport-pdf because it also typesets the briefing pack.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rapport_core::briefing::BriefingRequest;
use rapport_core::demo::DemoSize;
use rapport_core::domain::{CommitmentFilter, InteractionInput};
use rapport_core::ids::RepresentativeId;
use rapport_core::{Clock, Store};
use rusqlite::{Connection, OpenFlags};
use serde_json::json;

const NOW: &str = "2026-11-24T09:00:00Z";
const SEED: u64 = 2026;
const RUNS: usize = 20;

fn database(size: DemoSize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/rapport-bench");
    let name = match size {
        DemoSize::Small => "small",
        DemoSize::Large => "large",
    };
    let path = dir
        .join(format!("{name}-seed{SEED}"))
        .join("rapport.sqlite3");
    if !path.exists() && size == DemoSize::Large {
        eprintln!("Generating the 1,000,000-interaction database (once, a few minutes)…");
    }
    let started = Instant::now();
    let now = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    rapport_core::demo::ensure(&path, size, SEED, now)
        .unwrap_or_else(|error| panic!("the benchmark database could not be generated: {error}"));
    if started.elapsed().as_secs() > 1 {
        eprintln!("…in {:.0} s", started.elapsed().as_secs_f64());
    }
    path
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(mut work: impl FnMut() -> T) -> (Duration, T) {
    let last = work(); // warm the statement cache and the pages
    let runs: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed()
        })
        .collect();
    (median(runs), last)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn row(what: &str, store: Duration, hand: Option<Duration>, target_ms: f64) {
    let ratio = hand.map(|h| ms(store) / ms(h).max(0.001));
    let meets = ms(store) <= target_ms && ratio.is_none_or(|r| r <= 3.0);
    println!(
        "{what:<52} {:>9.2} ms {:>11} {:>8}   target < {target_ms} ms{}  {}",
        ms(store),
        hand.map(|h| format!("{:.2} ms", ms(h)))
            .unwrap_or_else(|| "—".into()),
        ratio
            .map(|r| format!("{r:.1}x"))
            .unwrap_or_else(|| "—".into()),
        if hand.is_some() { ", ≤ 3x" } else { "" },
        if meets { "met" } else { "NOT MET" }
    );
}

fn main() {
    println!("Each figure: the median of {RUNS} runs after one warm-up (export and import: once).");
    println!("Cold start and memory of the whole app: scripts/app-figures.sh.\n");
    measure(
        database(DemoSize::Small),
        "On the small sample (40 interactions)",
    );
    println!();
    measure(database(DemoSize::Large), "On 1,000,000 interactions");
}

/// Every figure on the database at `path`, under `heading`.
fn measure(path: PathBuf, heading: &str) {
    let mut store = Store::open(&path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap());
    // The full check of the large file, deferred at open, is not what is measured here.
    store.finish_check().unwrap();
    let raw = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let today = "2026-11-24";

    // The representative with the most interactions: the heaviest profile and pack.
    let (rep_bytes, _): (Vec<u8>, i64) = raw
        .query_row(
            "SELECT representative_id, count(*) AS n FROM interaction_participants
              WHERE representative_id IS NOT NULL GROUP BY representative_id ORDER BY n DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let rep = RepresentativeId(uuid::Uuid::from_slice(&rep_bytes).unwrap());

    println!(
        "{:<52} {:>12} {:>11} {:>8}",
        heading, "Rapport", "hand SQL", "ratio"
    );

    // Today: the store's agenda (the first 50 of each section, and each section's total),
    // against the largest part of it by hand: the open follow-ups and commitments due within a
    // week, counted, and the first 50 of each by due date.
    let (agenda_time, agenda) = time(|| store.agenda().unwrap());
    let (hand_time, _) = time(|| {
        let mut total = 0;
        for table in ["follow_ups", "commitments"] {
            total += raw
                .query_row(
                    &format!("SELECT count(*) FROM {table} INDEXED BY {table}_open WHERE status = 'open' AND deleted_at IS NULL AND due_date <= date(?1, '+7 days')"),
                    [today],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap();
            let mut stmt = raw
                .prepare_cached(&format!(
                    "SELECT id, description, due_date FROM {table} INDEXED BY {table}_open
                      WHERE status = 'open' AND deleted_at IS NULL AND due_date <= date(?1, '+7 days')
                      ORDER BY due_date, description LIMIT 50"
                ))
                .unwrap();
            let page: Vec<Vec<u8>> = stmt
                .query_map([today], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            total += page.len() as i64;
        }
        total
    });
    let totals = agenda.totals;
    row(
        &format!(
            "Today's reminders ({} due, {} soon; hand: 2 of 5 rules)",
            totals.overdue + totals.due_today,
            totals.next_week
        ),
        agenda_time,
        Some(hand_time),
        10.0,
    );

    // A representative's profile with the first page of their timeline.
    let (profile_time, profile) = time(|| store.representative_profile(rep, 20).unwrap());
    let (hand_time, _) = time(|| {
        let mut stmt = raw
            .prepare_cached(
                "SELECT i.id, i.kind, i.occurred_at, i.subject FROM interaction_participants ip
                   JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
                  WHERE ip.representative_id = ?1 AND ip.deleted_at IS NULL
                  ORDER BY ip.occurred_at DESC LIMIT 20",
            )
            .unwrap();
        let page: Vec<Vec<u8>> = stmt
            .query_map([&rep_bytes], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        page
    });
    row(
        &format!(
            "Profile, first 20 of {} interactions (hand: the page)",
            profile.timeline_total
        ),
        profile_time,
        Some(hand_time),
        10.0,
    );
    assert_eq!(
        profile.timeline.len() as i64,
        profile.timeline_total.min(20)
    );

    // Search: a common word and a rare one. By hand: the same records in the same order, with
    // each word as the one indexed term that begins with it here (the best FTS5 query for this
    // file), newest first for the common word (too many to rank) and by the same weighted
    // relevance for the rare one; without the titles and snippets Rapport marks up, nor where
    // each hit sits.
    for (label, words, order) in [
        ("common", "topic", "rowid DESC"),
        ("rare", "commitment 123457", "bm25(search_index, 5.0, 1.0)"),
    ] {
        let (search_time, hits) = time(|| store.search(words, 50).unwrap());
        let (hand_time, _) = time(|| {
            let mut stmt = raw
                .prepare_cached(&format!(
                    "SELECT kind, subject_id FROM search_index WHERE search_index MATCH ?1 ORDER BY {order} LIMIT 50"
                ))
                .unwrap();
            let found: Vec<Vec<u8>> = stmt
                .query_map(
                    [words
                        .split(' ')
                        .map(|w| format!("\"{w}\""))
                        .collect::<Vec<_>>()
                        .join(" ")],
                    |r| r.get(1),
                )
                .unwrap()
                .map(Result::unwrap)
                .collect();
            found
        });
        row(
            &format!("Search, a {label} word ({} hits shown)", hits.len()),
            search_time,
            Some(hand_time),
            10.0,
        );
    }

    // The asks & commitments list, filtered to overdue: its first page of 100, and how many.
    let filter = CommitmentFilter {
        overdue_only: true,
        limit: Some(100),
        ..Default::default()
    };
    let (overdue_time, overdue) = time(|| store.commitments_page(&filter).unwrap());
    let (hand_time, _) = time(|| {
        let total: i64 = raw
            .query_row(
                "SELECT count(*) FROM commitments INDEXED BY commitments_open
                  WHERE status = 'open' AND deleted_at IS NULL AND due_date IS NOT NULL AND due_date < ?1",
                [today],
                |r| r.get(0),
            )
            .unwrap();
        let mut stmt = raw
            .prepare_cached(
                "SELECT c.id, c.description, c.due_date, c.side, p.full_name, r.full_name, i.occurred_at
                   FROM commitments c INDEXED BY commitments_open
                   LEFT JOIN people p ON p.id = c.person_id
                   LEFT JOIN representatives r ON r.id = c.representative_id
                   LEFT JOIN interactions i ON i.id = c.interaction_id
                  WHERE c.status = 'open' AND c.deleted_at IS NULL AND c.due_date IS NOT NULL AND c.due_date < ?1
                  ORDER BY c.due_date LIMIT 100",
            )
            .unwrap();
        let found: Vec<Vec<u8>> = stmt
            .query_map([today], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (total, found)
    });
    row(
        &format!(
            "Commitments, overdue (first {} of {})",
            overdue.items.len(),
            overdue.total
        ),
        overdue_time,
        Some(hand_time),
        10.0,
    );

    // Saving a logged meeting with 5 asks, 5 commitments and 5 follow-ups (each deleted again,
    // softly, so the file grows by twenty deleted meetings a run).
    let us = store.setup_status().unwrap().member.unwrap().id;
    let mut saves = Vec::new();
    for n in 0..RUNS {
        let input: InteractionInput = serde_json::from_value(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "subject": format!("Benchmark meeting {n}"), "summary": "What was said.",
            "representatives": [rep], "our_attendees": [{"person_id": us}],
            "asks": (0..5).map(|a| json!({"title": format!("Ask {a}"), "status": "made"})).collect::<Vec<_>>(),
            "commitments": (0..5).map(|c| json!({"who": format!("representative:{rep}"), "description": format!("Promise {c}"), "due_date": "04/12/2026"})).collect::<Vec<_>>(),
            "follow_ups": (0..5).map(|f| json!({"kind": "send_papers", "description": format!("Follow-up {f}"), "due_date": "28/11/2026"})).collect::<Vec<_>>(),
        }))
        .unwrap();
        let started = Instant::now();
        let saved = store.save_interaction(&input).unwrap();
        saves.push(started.elapsed());
        store.delete_interaction(saved.summary.id).unwrap();
    }
    row(
        "Saving a meeting (5 asks, 5 promises, 5 follow-ups)",
        median(saves),
        None,
        20.0,
    );

    // The briefing pack as a PDF, for the representative with the most interactions.
    let request = BriefingRequest {
        representative_id: rep,
        meeting_id: None,
        include_private: false,
        recent: Some(10),
    };
    let (pack_time, pdf) = time(|| {
        comemo::evict(0);
        rapport_pdf::briefing_pdf(&store.briefing(&request).unwrap()).unwrap()
    });
    row(
        &format!("Briefing pack PDF ({} KB)", pdf.len() / 1024),
        pack_time,
        None,
        300.0,
    );

    // Export of the whole database, and import into an empty one: once each (minutes, not
    // milliseconds), with no target in the issue beyond being measured.
    let started = Instant::now();
    let file = store.export().unwrap();
    let text = file.to_json();
    let export_time = started.elapsed();
    let records = file.record_count();
    drop(file);
    println!(
        "{:<52} {:>9.1} s   ({} records, {} MB of JSON)",
        "Export of the whole database",
        export_time.as_secs_f64(),
        records,
        text.len() / 1_000_000
    );
    let empty = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut fresh = Store::open(&empty.path().join("rapport.sqlite3")).unwrap();
    let summary = fresh
        .import(&rapport_core::interchange::Interchange::from_json(&text).unwrap())
        .unwrap();
    println!(
        "{:<52} {:>9.1} s   ({} records)",
        "Import into an empty database",
        started.elapsed().as_secs_f64(),
        summary.records
    );
}
