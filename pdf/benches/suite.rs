//! The benchmark suite on the large sample dataset (`rapport-cli seed-demo --size large`):
//! 1,650 representatives, 5,000 people, 1,000,000 interactions over 15 years.
//!
//! Run with `cargo bench -p rapport-pdf --bench suite`. The dataset is generated once (a few
//! minutes; deterministic from the seed) into `target/rapport-bench/large-seed2026/`, the same
//! file the reminders bench uses. For each screen's query it prints the median of 20 runs of
//! the store's answer, the median of the best hand-written SQL giving the same answer over the
//! same file in the same run, their ratio, and the target beside each. The hand-written SQL
//! reads everything the screen shows (the `hand` module below says what each returns), and the
//! suite asserts that its answer is the store's, so the two cannot drift apart unnoticed.
//!
//! Two settings make a shorter run while working on it (the default run prints every figure):
//! - `RAPPORT_BENCH_SIZES=large` (or `small`; the default is `small,large`): which datasets;
//! - `RAPPORT_BENCH_SKIP_EXPORT=1`: leaves out the export and import of the whole database
//!   (about 3 minutes on the large one).
//!
//! It lives in rapport-pdf because it also typesets the briefing pack.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rapport_core::briefing::BriefingRequest;
use rapport_core::demo::DemoSize;
use rapport_core::domain::{CommitmentFilter, InteractionInput};
use rapport_core::ids::RepresentativeId;
use rapport_core::{Clock, Store};
use rusqlite::{Connection, OpenFlags, ToSql};
use serde_json::{json, Value as Json};

use hand::{objects, query, same, store_json, Rows};

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

/// The clock's instant as every record stores one (to the millisecond).
fn stored_now() -> String {
    chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
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
    let sizes = std::env::var("RAPPORT_BENCH_SIZES").unwrap_or_else(|_| "small,large".into());
    let wanted = |name: &str| sizes.split(',').any(|s| s.trim() == name);
    let export = std::env::var("RAPPORT_BENCH_SKIP_EXPORT").map_or(true, |v| v != "1");
    println!("Each figure: the median of {RUNS} runs after one warm-up (export and import: once).");
    println!("Cold start and memory of the whole app: scripts/app-figures.sh.");
    check_today(&database(DemoSize::Small));
    if wanted("small") {
        println!();
        measure(
            database(DemoSize::Small),
            "On the small sample (40 interactions)",
            export,
        );
    }
    if wanted("large") {
        println!();
        measure(
            database(DemoSize::Large),
            "On 1,000,000 interactions",
            export,
        );
    }
}

/// Today's hand-written SQL against the store in what the samples do not have: on a copy of the
/// small sample, other thresholds, a representative with a period of their own, a meeting with
/// three representatives awaiting its thank-you, and reminders of each kind snoozed or dismissed.
/// Not timed.
fn check_today(sample: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("rapport.sqlite3");
    Connection::open_with_flags(sample, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let mut store = Store::open(&copy)
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap());
    store.finish_check().unwrap();
    let mut settings = store.reminder_settings().unwrap();
    (settings.letter_reply_days, settings.thank_you_days) = (3, 3);
    (settings.contact_cadence_days, settings.ask_response_days) = (10, 5);
    store.save_reminder_settings(&settings).unwrap();
    let representatives = store.list_representatives().unwrap();
    let us = store.setup_status().unwrap().member.unwrap().id;
    let meeting: InteractionInput = serde_json::from_value(json!({
        "kind": "westminster_meeting", "direction": "we_contacted", "status": "held",
        "date": "19/11/2026", "time": "10:00", "subject": "Three of them",
        "representatives": representatives.iter().map(|r| r.id).collect::<Vec<_>>(),
        "our_attendees": [{"person_id": us}],
    }))
    .unwrap();
    store.save_interaction(&meeting).unwrap();
    let file = Connection::open(&copy).unwrap();
    file.execute(
        "UPDATE representatives SET contact_cadence_days = 4 WHERE id = ?1",
        [representatives[0].id],
    )
    .unwrap();
    let agenda = store.agenda().unwrap();
    let limits = rapport_core::domain::AgendaLimits::default();
    let key = |r: &rapport_core::domain::Reminder| rapport_core::domain::ReminderKey {
        rule: r.rule,
        subject_id: r.subject_id,
    };
    let listed: Vec<_> = [&agenda.overdue, &agenda.due_today, &agenda.next_week]
        .into_iter()
        .flatten()
        .collect();
    let in_force = listed.len();
    let (records, prompts): (Vec<_>, Vec<_>) = listed.into_iter().partition(|r| r.can_reschedule);
    // Every third of each left alone; the others snoozed (to two dates) or dismissed.
    for (n, r) in records.iter().enumerate() {
        if n % 3 < 2 {
            let until = ["2026-11-30", "2026-11-26"][n % 3];
            store.snooze_reminder(&key(r), until, &limits).unwrap();
        }
    }
    for (n, r) in prompts.iter().enumerate() {
        match n % 3 {
            0 => store.dismiss_reminder(&key(r), &limits).unwrap(),
            1 => store
                .snooze_reminder(&key(r), "2026-12-01", &limits)
                .unwrap(),
            _ => continue,
        };
    }
    // A snooze that is over, made after the one in force: the one in force still counts.
    file.execute(
        "INSERT INTO reminder_dismissals (id, rule, subject_id, dismissed_until, created_at,
                                          updated_at)
         SELECT randomblob(16), rule, subject_id, '2026-11-24', '2026-11-24T09:30:00.000Z',
                '2026-11-24T09:30:00.000Z'
           FROM reminder_dismissals WHERE dismissed_until IS NOT NULL",
        [],
    )
    .unwrap();
    let agenda = store.agenda().unwrap();
    let totals = agenda.totals;
    let shown = totals.overdue + totals.due_today + totals.next_week;
    assert!(totals.snoozed > 1 && shown > 1 && shown + totals.snoozed < in_force);
    let all = || {
        [
            &agenda.overdue,
            &agenda.due_today,
            &agenda.next_week,
            &agenda.snoozed,
        ]
        .into_iter()
        .flatten()
    };
    assert!(all().any(|r| r.title.contains(", ") && r.title.contains(" and ")));
    let raw = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let (today_sql, upcoming_sql) = (hand::today(), hand::upcoming());
    let now_text = stored_now();
    let params: &[(&str, &dyn ToSql)] = &[(":now", &now_text)];
    let (reminders, upcoming, any) = (
        query(&raw, &today_sql, params),
        query(&raw, &upcoming_sql, params),
        query(&raw, hand::ANY_REPRESENTATIVE, &[]),
    );
    same(
        "Today, with snoozes and dismissals",
        &store_json(serde_json::to_value(&agenda).unwrap(), hand::TODAY_WORDING),
        &hand::agenda_json(&raw, &today_sql, &reminders, &upcoming_sql, &upcoming, &any),
    );
    println!(
        "(Today's hand-written SQL is also checked with snoozes, dismissals and other settings: {} snoozed.)",
        agenda.totals.snoozed
    );
}

/// Every figure on the database at `path`, under `heading`; the export and import if `export`.
fn measure(path: PathBuf, heading: &str, export: bool) {
    let mut store = Store::open(&path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap());
    // The full check of the large file, deferred at open, is not what is measured here.
    store.finish_check().unwrap();
    let raw = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    // The store's page cache (32 MiB), so both read the file from the same memory; room for
    // every hand-written statement, prepared once.
    raw.pragma_update(None, "cache_size", -32 * 1024).unwrap();
    raw.set_prepared_statement_cache_capacity(64);
    hand::check_london_dates(&raw);
    // The clock's instant as records store one, and today's date.
    let now_text = stored_now();
    let today = hand::london_date(&raw, &now_text);

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

    // Today: every rule applied to everything open or recent, each section's total and its
    // first 50, the meetings coming up, and whether any representative is on record.
    let params: &[(&str, &dyn ToSql)] = &[(":now", &now_text)];
    let (agenda_time, agenda) = time(|| store.agenda().unwrap());
    let (today_sql, upcoming_sql) = (hand::today(), hand::upcoming());
    let (hand_time, (reminders, upcoming, any)) = time(|| {
        (
            query(&raw, &today_sql, params),
            query(&raw, &upcoming_sql, params),
            query(&raw, hand::ANY_REPRESENTATIVE, &[]),
        )
    });
    same(
        "Today",
        &store_json(serde_json::to_value(&agenda).unwrap(), hand::TODAY_WORDING),
        &hand::agenda_json(&raw, &today_sql, &reminders, &upcoming_sql, &upcoming, &any),
    );
    let totals = agenda.totals;
    row(
        &format!(
            "Today's reminders ({} due, {} soon)",
            totals.overdue + totals.due_today,
            totals.next_week
        ),
        agenda_time,
        Some(hand_time),
        10.0,
    );

    // A representative's profile with the first page of their timeline.
    let params: &[(&str, &dyn ToSql)] = &[(":rep", &rep_bytes), (":today", &today)];
    let (profile_time, profile) = time(|| store.representative_profile(rep, 20).unwrap());
    let profile_sql = hand::profile();
    let (hand_time, parts) = time(|| {
        profile_sql
            .iter()
            .map(|sql| query(&raw, sql, params))
            .collect::<Vec<Rows>>()
    });
    same(
        "Profile",
        &store_json(serde_json::to_value(&profile).unwrap(), &["public_credit"]),
        &hand::profile_json(&raw, &profile_sql, &parts),
    );
    row(
        &format!(
            "Profile, first 20 of {} interactions",
            profile.timeline_total
        ),
        profile_time,
        Some(hand_time),
        10.0,
    );

    // Search: a common word and a rare one, each as the one indexed term that begins with it in
    // this file (which Rapport finds by looking in the index's terms; the hand-written query is
    // written knowing them).
    let search_sql = hand::search();
    for (label, words) in [("common", "topic"), ("rare", "commitment 123457")] {
        let (search_time, hits) = time(|| store.search(words, 50).unwrap());
        let terms = words
            .split(' ')
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ");
        let params: &[(&str, &dyn ToSql)] = &[(":q", &terms)];
        let (hand_time, found) = time(|| query(&raw, &search_sql, params));
        same(
            &format!("Search for {words:?}"),
            &store_json(serde_json::to_value(&hits).unwrap(), &["context"]),
            &Json::Array(objects(&raw, &search_sql, &found)),
        );
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
    let params: &[(&str, &dyn ToSql)] = &[(":today", &today)];
    let (overdue_time, overdue) = time(|| store.commitments_page(&filter).unwrap());
    let overdue_sql = hand::overdue();
    let (hand_time, (count, page)) = time(|| {
        (
            query(&raw, hand::OVERDUE_COUNT, params),
            query(&raw, &overdue_sql, params),
        )
    });
    same(
        "Overdue commitments",
        &store_json(serde_json::to_value(&overdue).unwrap(), &[]),
        &json!({ "total": hand::int(&count[0][0]), "items": objects(&raw, &overdue_sql, &page) }),
    );
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

    if !export {
        println!("(export and import left out: RAPPORT_BENCH_SKIP_EXPORT=1)");
        return;
    }
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

/// The hand-written SQL, and the comparison of its answers with the store's.
///
/// Each query is plain SQL over the read-only connection, using any index or derived table in
/// the schema; it returns every field the screen shows, in the screen's order. Its rows are read
/// as SQLite gives them (`Rows`) inside the timed runs. What is Rust rather than SQL, said
/// honestly: the statements' parameters (the instant now; today's date comes from SQL); putting
/// the rows into the answer's shape when compared, outside the timed runs (Today's rows into
/// their sections; the profile's nine statements into its parts: current offices and seat
/// terms, open and settled asks, their commitments and ours); and the sentences that say why
/// each reminder is there and where each search hit sits, which Rust words from fields these
/// queries return (`_` columns) and which are not compared. Nothing of the answer comes from
/// rapport-core; its date functions only check the SQL's London dates.
mod hand {
    use rusqlite::types::Value;
    use rusqlite::{Connection, ToSql};
    use serde_json::{json, Map, Value as Json};

    /// A statement's rows as SQLite gave them.
    pub type Rows = Vec<Vec<Value>>;

    /// The rows of `sql` with those of `params` it names.
    pub fn query(conn: &Connection, sql: &str, params: &[(&str, &dyn ToSql)]) -> Rows {
        let mut stmt = conn
            .prepare_cached(sql)
            .unwrap_or_else(|e| panic!("{e}\n{sql}"));
        for (name, value) in params {
            if let Some(index) = stmt.parameter_index(name).unwrap() {
                stmt.raw_bind_parameter(index, value).unwrap();
            }
        }
        let columns = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            out.push((0..columns).map(|i| row.get(i).unwrap()).collect());
        }
        out
    }

    // ----- the queries -----

    /// Whether the instant in the column `x` (UTC, as Rapport stores it:
    /// `2026-11-24T09:00:00.000Z`) falls in British Summer Time: from 01:00 UTC on the last Sunday
    /// of March, the 31st less (5y/4 + 4) mod 7, to 01:00 UTC on the last Sunday of October, the
    /// 31st less (5y/4 + 1) mod 7 (for years 1900 to 2099).
    fn summer(x: &str) -> String {
        format!(
            "(substr({x}, 6) >= '03-' || (31 - (CAST(substr({x}, 1, 4) AS INTEGER) * 5 / 4 + 4) % 7) || 'T01'
              AND substr({x}, 6) < '10-' || (31 - (CAST(substr({x}, 1, 4) AS INTEGER) * 5 / 4 + 1) % 7) || 'T01')"
        )
    }

    /// The London calendar date of the instant in the column `x`.
    fn london(x: &str) -> String {
        format!(
            "(CASE WHEN {} THEN date({x}, '+1 hour') ELSE substr({x}, 1, 10) END)",
            summer(x)
        )
    }

    /// The date `modifier` (`'+14 days'`) after the London calendar date of the instant in the
    /// column `x`, in Today's statement: the summer time of this year is worked out once (`p`).
    fn london_plus(x: &str, modifier: &str) -> String {
        format!(
            "(CASE WHEN ({x} >= p.summer_from AND {x} < p.summer_to)
                        OR (substr({x}, 1, 4) <> p.year AND {})
                   THEN date({x}, '+1 hour', {modifier}) ELSE date({x}, {modifier}) END)",
            summer(x)
        )
    }

    /// The instant (UTC, as stored) at which the London calendar date `d` begins: 23:00 UTC the
    /// day before in summer time, else midnight UTC. An instant is on or before the London date
    /// `d` exactly when it is before the start of the next day, so a rule can compare stored
    /// instants with one worked-out instant rather than working out each one's London date.
    fn midnight(d: &str) -> String {
        let eve = format!("(date({d}, '-1 day') || 'T23:00:00.000Z')");
        format!(
            "(CASE WHEN {} = {d} THEN {eve} ELSE {d} || 'T00:00:00.000Z' END)",
            london(&eve)
        )
    }

    /// The London calendar date of the instant `at`, by `london`.
    pub fn london_date(conn: &Connection, at: &str) -> String {
        conn.query_row(&format!("SELECT {}", london("?1")), [at], |r| r.get(0))
            .unwrap()
    }

    /// Checks `london` and `midnight` against Rapport's own London dates, either side of both
    /// clock changes.
    pub fn check_london_dates(conn: &Connection) {
        for day in [
            "2026-03-29",
            "2026-03-30",
            "2026-07-01",
            "2026-10-25",
            "2026-10-26",
        ] {
            let sql = format!("SELECT {}", midnight("?1"));
            let start: String = conn.query_row(&sql, [day], |r| r.get(0)).unwrap();
            let date = rapport_core::time::parse_date(day).unwrap();
            let midnight = rapport_core::time::london_to_utc(date, chrono::NaiveTime::MIN);
            assert_eq!(start, rapport_core::time::format_instant(midnight), "{day}");
        }
        for at in [
            "2026-03-29T00:59:59.999Z",
            "2026-03-29T01:00:00.000Z",
            "2026-07-01T23:30:00.000Z",
            "2026-10-24T23:30:00.000Z",
            "2026-10-25T00:59:59.999Z",
            "2026-10-25T01:00:00.000Z",
            "2011-12-12T23:59:00.000Z",
        ] {
            let sql_date = london_date(conn, at);
            let instant = rapport_core::time::parse_instant(at).unwrap();
            let date = rapport_core::time::london_date(instant);
            assert_eq!(sql_date, rapport_core::time::format_date(date), "{at}");
        }
    }

    /// A reminder setting (`reminders.KEY`), or its default when unset or not a whole number.
    fn setting(key: &str, default: i64) -> String {
        format!(
            "coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'reminders.{key}'
                        AND CAST(CAST(value AS INTEGER) AS TEXT) = value), {default})"
        )
    }

    /// The snooze or dismissal in force for rule `rule` about `subject` (made at or after `since`,
    /// if given): NULL if none, '' if dismissed for good, else the date it is snoozed to. A snooze
    /// that is over no longer counts; the latest one made wins. Looked up only when any is in
    /// force (`p.dismissals`, worked out once).
    fn dismissal(rule: &str, subject: &str, since: Option<&str>) -> String {
        let since = since.map_or(String::new(), |s| format!(" AND d.created_at >= {s}"));
        format!(
            "CASE WHEN p.dismissals THEN
                (SELECT coalesce(d.dismissed_until, '') FROM reminder_dismissals d
                  WHERE d.subject_id = {subject} AND d.rule = '{rule}' AND d.deleted_at IS NULL
                    AND (d.dismissed_until IS NULL OR d.dismissed_until > p.today){since}
                  ORDER BY d.created_at DESC, d.seq DESC LIMIT 1) END"
        )
    }

    /// Today, in one statement: every reminder in force at `:now` under each of the five rules
    /// (follow-ups and commitments due within a week, letters with no reply, representatives not
    /// in touch for their period, meetings with no thank-you, asks with no response), with
    /// snoozes and dismissals, sorted into the four sections (overdue, due today, next week,
    /// snoozed), each by due date (snoozed: by the date it comes back), then title, then id. One
    /// row for each of the first 50 of each section, with the section's total and everything the
    /// reminder shows (title, dates, representative, owner, the interaction to open) or is worded
    /// from (`_` columns).
    ///
    /// How: each representative's latest contact and the meetings awaiting a thank-you are read
    /// from the tables triggers keep (migration 0007), the open follow-ups and commitments and
    /// the asks still "made" from their partial indexes. A prompt is due N days after the London
    /// date of an instant exactly when the instant is before the London midnight that begins the
    /// day after today less N days: those instants are worked out once (`p`), so only the
    /// prompts in force get a London date. The prompts are kept (`prompts`); the follow-ups and
    /// commitments, thousands, are not: a section's first 50 are among each source's first 50 in
    /// that section, which their indexes give in due-date order.
    pub fn today() -> String {
        // Our latest contact with the representative `r` as kept in `k`, unless it is dated after
        // now: then the latest held one before now.
        let last = |kept: &str, found: &str| {
            format!(
                "CASE WHEN k.interaction_id IS NULL OR k.occurred_at IS NULL THEN NULL
                      WHEN k.occurred_at <= p.now THEN k.{kept}
                      ELSE (SELECT {found} FROM interaction_participants pp
                              JOIN interactions i ON i.id = pp.interaction_id
                             WHERE pp.representative_id = r.id AND pp.occurred_at <= p.now
                               AND pp.deleted_at IS NULL AND i.status = 'held' AND i.deleted_at IS NULL
                             ORDER BY pp.occurred_at DESC, pp.seq DESC LIMIT 1) END"
            )
        };
        // The representatives named in `ids` (hex, comma-separated, in the order they were added),
        // as `j` (the place in the list) and `r`.
        let listed = |ids: &str| {
            format!(
                "json_each('[\"' || replace({ids}, ',', '\",\"') || '\"]') j
                 JOIN representatives r ON r.id = unhex(j.value)"
            )
        };
        // Their names in words ("A", "A and B", "A, B and C"); straight from the one when there is
        // one.
        let names = |ids: &str| {
            format!(
                "CASE WHEN instr({ids}, ',') = 0
                      THEN (SELECT r.full_name FROM representatives r WHERE r.id = unhex({ids}))
                      ELSE (SELECT group_concat(name || CASE WHEN n < total - 1 THEN ', '
                                                             WHEN n = total - 1 THEN ' and ' ELSE '' END,
                                                '' ORDER BY n)
                              FROM (SELECT r.full_name AS name, row_number() OVER (ORDER BY j.key) AS n,
                                           count(*) OVER () AS total
                                      FROM {})) END",
                listed(ids)
            )
        };
        // The first of them on record.
        let first = |ids: &str| {
            format!(
                "CASE WHEN instr({ids}, ',') = 0 THEN unhex({ids})
                      ELSE (SELECT r.id FROM {} ORDER BY j.key LIMIT 1) END",
                listed(ids)
            )
        };
        // The section of a reminder due on `due` and snoozed to `snooze`: 0 overdue, 1 due today,
        // 2 in the next week, 3 snoozed.
        let section = |due: &str, snooze: &str| {
            format!(
                "CASE WHEN {snooze} > p.today THEN 3 WHEN {due} < p.today THEN 0
                      WHEN {due} = p.today THEN 1 ELSE 2 END"
            )
        };
        // The open follow-ups, and the open commitments with their snoozes, due within a week
        // (with `more` conditions), as reminders.
        let follow_ups = |more: &str| {
            format!(
                "SELECT 'follow_up_due' AS rule, f.id AS subject, f.description AS title,
                        f.due_date AS due, f.snoozed_until AS snooze, NULL AS rep_id, NULL AS rep_name,
                        NULL AS interaction_id, NULL AS kind, NULL AS at, NULL AS reps, {} AS section
                   FROM p, follow_ups f INDEXED BY follow_ups_open
                  WHERE f.status = 'open' AND f.deleted_at IS NULL AND f.due_date <= p.horizon {more}",
                section("f.due_date", "f.snoozed_until")
            )
        };
        let commitments = |more: &str| {
            format!(
                "SELECT 'commitment_due' AS rule, c.id AS subject,
                        CASE c.side WHEN 'theirs' THEN 'Chase: ' || c.description ELSE c.description END AS title,
                        c.due_date AS due, c.snooze AS snooze, NULL AS rep_id, NULL AS rep_name,
                        NULL AS interaction_id, NULL AS kind, NULL AS at, NULL AS reps, {} AS section
                   FROM p, (SELECT c.*, nullif({}, '') AS snooze
                              FROM p, commitments c INDEXED BY commitments_open
                             WHERE c.status = 'open' AND c.deleted_at IS NULL AND c.due_date IS NOT NULL
                               AND c.due_date <= p.horizon) c
                  WHERE 1 {more}",
                section("c.due_date", "c.snooze"),
                dismissal("commitment_due", "c.id", None)
            )
        };
        // Each section's first 50: of each source's first 50 in it (their due dates bounding the
        // index's range), the first 50.
        let pages = (0..4)
            .map(|n| {
                let (key, range) = match n {
                    0 => ("due", "< p.today"),
                    1 => ("due", "= p.today"),
                    2 => ("due", "> p.today"),
                    _ => ("snooze", "<= p.horizon"),
                };
                let first_50 = |source: String| {
                    format!("SELECT * FROM ({source} ORDER BY {key}, title, subject LIMIT 50)")
                };
                format!(
                    "SELECT * FROM (SELECT * FROM ({} UNION ALL {} UNION ALL {})
                                     ORDER BY {key}, title, subject LIMIT 50)",
                    first_50(follow_ups(&format!(
                        "AND f.due_date {range} AND section = {n}"
                    ))),
                    first_50(commitments(&format!(
                        "AND c.due_date {range} AND section = {n}"
                    ))),
                    first_50(format!("SELECT * FROM prompts WHERE section = {n}")),
                )
            })
            .collect::<Vec<_>>()
            .join("\n UNION ALL ");
        format!(
            "WITH p AS MATERIALIZED (
                SELECT *, {letter_before} AS letter_before, {thanks_before} AS thanks_before,
                       {thanks_from} AS thanks_from, {check_in_before} AS check_in_before,
                       {ask_before} AS ask_before,
                       '+' || letter_days || ' days' AS letter_after,
                       '+' || thank_days || ' days' AS thanks_after,
                       '+' || cadence_days || ' days' AS check_in_after,
                       '+' || ask_days || ' days' AS ask_after,
                       year || '-03-' || (31 - (CAST(year AS INTEGER) * 5 / 4 + 4) % 7) || 'T01:00:00.000Z'
                           AS summer_from,
                       year || '-10-' || (31 - (CAST(year AS INTEGER) * 5 / 4 + 1) % 7) || 'T01:00:00.000Z'
                           AS summer_to
                  FROM (SELECT *, date(today, '+7 days') AS horizon, substr(today, 1, 4) AS year,
                               strftime('%Y-%m-%dT%H:%M:%fZ', now, '-32 days') AS since,
                               EXISTS (SELECT 1 FROM reminder_dismissals
                                        WHERE deleted_at IS NULL
                                          AND (dismissed_until IS NULL OR dismissed_until > today))
                                   AS dismissals
                          FROM (SELECT :now AS now, {today} AS today,
                                       max(0, {letter_days}) AS letter_days,
                                       max(0, {thank_days}) AS thank_days,
                                       max(1, {cadence_days}) AS cadence_days,
                                       max(0, {ask_days}) AS ask_days))
            ),
            seats AS MATERIALIZED (
                SELECT o.representative_id AS rep, max(o.end_date IS NULL) AS seated,
                       max(o.end_date IS NULL AND EXISTS (
                           SELECT 1 FROM organisation_seats os
                            WHERE os.seat_id = o.seat_id AND os.deleted_at IS NULL)) AS covered
                  FROM offices o WHERE o.kind = 'seat' AND o.deleted_at IS NULL
                 GROUP BY o.representative_id
            ),
            contacts AS MATERIALIZED (
                SELECT * FROM (
                    SELECT r.id AS rep, r.full_name AS name, r.created_at AS added_at,
                           CASE WHEN r.contact_cadence_days > 0 THEN max(1, r.contact_cadence_days) END AS cadence,
                           r.contact_cadence_days IS NOT NULL AS has_cadence,
                           coalesce(s.covered, 0) AS covered,
                           {last_id} AS last_id, {last_kind} AS last_kind,
                           {last_direction} AS last_direction, {last_at} AS last_at
                      FROM p, representatives r
                      LEFT JOIN seats s ON s.rep = r.id
                      LEFT JOIN representative_contacts k ON k.representative_id = r.id
                     WHERE r.deleted_at IS NULL AND coalesce(s.seated, 1))
                 WHERE last_id IS NOT NULL OR covered OR has_cadence
            ),
            meetings AS MATERIALIZED (
                SELECT t.interaction_id, t.kind, t.occurred_at, t.representative_ids,
                       {meeting_names} AS names
                  FROM p, thank_you_pending t
                 WHERE t.occurred_at >= p.since AND t.occurred_at <= p.now
                   AND t.occurred_at >= p.thanks_from AND t.occurred_at < p.thanks_before
            ),
            made AS MATERIALIZED (
                SELECT a.id, a.title, a.representative_id,
                       coalesce((SELECT max(s.changed_at) FROM status_changes s
                                  WHERE s.subject_id = a.id AND s.to_status = 'made'
                                    AND s.deleted_at IS NULL), a.created_at) AS made_at
                  FROM asks a INDEXED BY asks_made
                 WHERE a.status = 'made' AND a.deleted_at IS NULL
            ),
            prompts AS MATERIALIZED (
                SELECT c.*, {prompt_section} AS section FROM p, (
                    SELECT 'unanswered_letter' AS rule, c.last_id AS subject,
                           'Chase ' || c.name || ': no reply to our ' || c.last_kind AS title,
                           {letter_due} AS due, {letter_dismissal} AS snooze,
                           c.rep AS rep_id, c.name AS rep_name, c.last_id AS interaction_id,
                           c.last_kind AS kind, c.last_at AS at, NULL AS reps
                      FROM p, contacts c
                     WHERE +c.last_direction = 'we_contacted' AND +c.last_kind IN ('letter', 'email')
                       AND c.last_at < p.letter_before
                    UNION ALL
                    SELECT 'no_recent_contact', c.rep, 'Check in with ' || c.name, {check_in_due},
                           {check_in_dismissal},
                           c.rep, c.name, NULL, c.last_kind, coalesce(c.last_at, c.added_at), NULL
                      FROM p, contacts c
                     WHERE coalesce(c.last_at, c.added_at) < CASE WHEN c.cadence IS NULL THEN p.check_in_before
                                                                 ELSE {own_check_in_before} END
                    UNION ALL
                    SELECT 'thank_you_missing', m.interaction_id, 'Send a thank-you to ' || m.names,
                           {thanks_due}, {thanks_dismissal},
                           NULL, NULL, m.interaction_id, m.kind, m.occurred_at, m.representative_ids
                      FROM p, meetings m
                     WHERE m.names IS NOT NULL
                    UNION ALL
                    SELECT 'ask_no_response', a.id, 'No response yet: ' || a.title,
                           {ask_due}, {ask_dismissal},
                           a.representative_id, r.full_name, NULL, NULL, a.made_at, NULL
                      FROM p, made a JOIN representatives r ON r.id = a.representative_id
                     WHERE a.made_at < p.ask_before) c
                 WHERE c.snooze IS NOT ''
            ),
            totals AS MATERIALIZED (
                SELECT section, sum(n) AS total FROM (
                    SELECT section, count(*) AS n FROM ({all_follow_ups}) GROUP BY section
                    UNION ALL
                    SELECT section, count(*) FROM ({all_commitments}) GROUP BY section
                    UNION ALL
                    SELECT section, count(*) FROM prompts GROUP BY section)
                 GROUP BY section
            ),
            listed AS ({pages})
            SELECT k.section AS _section, t.total AS _total, k.rule AS rule, k.subject AS subject_id,
                   k.title AS title, k.due AS due_date,
                   CAST(max(0, julianday(p.today) - julianday(k.due)) AS INTEGER) AS days_overdue,
                   CASE WHEN k.section = 3 THEN k.snooze END AS snoozed_until,
                   CASE k.rule WHEN 'follow_up_due' THEN fr.id WHEN 'commitment_due' THEN cr.id
                               WHEN 'thank_you_missing' THEN tr.id ELSE k.rep_id END AS \"representative.id\",
                   CASE k.rule WHEN 'follow_up_due' THEN fr.full_name WHEN 'commitment_due' THEN cr.full_name
                               WHEN 'thank_you_missing' THEN tr.full_name ELSE k.rep_name END AS \"representative.name\",
                   CASE k.rule WHEN 'follow_up_due' THEN fi.id WHEN 'commitment_due' THEN ci.id
                               ELSE k.interaction_id END AS interaction_id,
                   CASE k.rule WHEN 'follow_up_due' THEN o.id
                               WHEN 'commitment_due' THEN coalesce(c.person_id, c.representative_id) END AS \"owner.id\",
                   CASE k.rule WHEN 'follow_up_due' THEN o.full_name
                               WHEN 'commitment_due' THEN coalesce(cp.full_name, cw.full_name) END AS \"owner.name\",
                   c.side AS side,
                   f.kind AS _follow_up_kind,
                   CASE k.rule WHEN 'follow_up_due' THEN fi.kind WHEN 'commitment_due' THEN ci.kind
                               ELSE k.kind END AS _interaction_kind,
                   CASE k.rule WHEN 'follow_up_due' THEN fi.occurred_at WHEN 'commitment_due' THEN ci.occurred_at
                               ELSE k.at END AS _at
              FROM p, listed k
              JOIN totals t ON t.section = k.section
              LEFT JOIN follow_ups f ON k.rule = 'follow_up_due' AND f.id = k.subject
              LEFT JOIN people o ON o.id = f.owner_id
              LEFT JOIN representatives fr ON fr.id = f.representative_id
              LEFT JOIN interactions fi ON fi.id = f.interaction_id
              LEFT JOIN commitments c ON k.rule = 'commitment_due' AND c.id = k.subject
              LEFT JOIN people cp ON cp.id = c.person_id
              LEFT JOIN representatives cw ON cw.id = c.representative_id
              LEFT JOIN interactions ci ON ci.id = c.interaction_id
              LEFT JOIN representatives cr ON cr.id = coalesce(c.representative_id,
                   (SELECT ip.representative_id FROM interaction_participants ip
                     WHERE ip.interaction_id = c.interaction_id AND ip.representative_id IS NOT NULL
                       AND ip.deleted_at IS NULL
                     ORDER BY ip.seq LIMIT 1))
              LEFT JOIN representatives tr ON k.rule = 'thank_you_missing' AND tr.id = {first_k}
             ORDER BY k.section, CASE WHEN k.section = 3 THEN k.snooze ELSE k.due END, k.title, k.subject",
            letter_days = setting("letter_reply_days", 14),
            thank_days = setting("thank_you_days", 2),
            cadence_days = setting("contact_cadence_days", 91),
            ask_days = setting("ask_response_days", 28),
            today = london(":now"),
            letter_before = midnight("date(today, '-' || letter_days || ' days', '+1 day')"),
            thanks_before = midnight("date(today, '-' || thank_days || ' days', '+1 day')"),
            thanks_from = midnight("date(today, '-30 days')"),
            check_in_before = midnight("date(today, '-' || cadence_days || ' days', '+1 day')"),
            ask_before = midnight("date(today, '-' || ask_days || ' days', '+1 day')"),
            own_check_in_before = midnight("date(p.today, '-' || c.cadence || ' days', '+1 day')"),
            last_id = last("interaction_id", "i.id"),
            last_kind = last("kind", "i.kind"),
            last_direction = last("direction", "i.direction"),
            last_at = last("occurred_at", "pp.occurred_at"),
            meeting_names = names("t.representative_ids"),
            first_k = first("k.reps"),
            letter_due = london_plus("c.last_at", "p.letter_after"),
            check_in_due = london_plus(
                "coalesce(c.last_at, c.added_at)",
                "CASE WHEN c.cadence IS NULL THEN p.check_in_after ELSE '+' || c.cadence || ' days' END"
            ),
            thanks_due = london_plus("m.occurred_at", "p.thanks_after"),
            ask_due = london_plus("a.made_at", "p.ask_after"),
            prompt_section = section("c.due", "c.snooze"),
            letter_dismissal = dismissal("unanswered_letter", "c.last_id", Some("c.last_at")),
            check_in_dismissal = dismissal(
                "no_recent_contact",
                "c.rep",
                Some("coalesce(c.last_at, c.added_at)")
            ),
            thanks_dismissal = dismissal("thank_you_missing", "m.interaction_id", None),
            ask_dismissal = dismissal("ask_no_response", "a.id", None),
            all_follow_ups = follow_ups(""),
            all_commitments = commitments(""),
        )
    }

    /// An interaction summary's columns, for interactions `i` with their campaign `camp` and
    /// their participants grouped in `parts` (`participants`).
    const SUMMARY: &str =
        "i.id AS id, i.kind AS kind, i.direction AS direction, i.status AS status,
        i.occurred_at AS occurred_at, i.place AS place, i.subject AS subject, i.summary AS summary,
        camp.id AS \"campaign.id\", camp.name AS \"campaign.name\",
        coalesce(parts.representatives, '[]') AS \"representatives[]\",
        coalesce(parts.theirs, '[]') AS \"their_attendees[]\",
        coalesce(parts.ours, '[]') AS \"our_attendees[]\"";

    /// The participants of the interactions `ids` (a subquery), one row each: the
    /// representatives, their other attendees and ours, each as a JSON list by name.
    fn participants(ids: &str) -> String {
        let list = |id: &str, name: &str, side: &str, person: &str| {
            format!(
                "json_group_array(json_object('id', hex({id}), 'name', coalesce({name}, ''))
                                  ORDER BY coalesce(r.full_name, p.full_name) COLLATE NOCASE)
                     FILTER (WHERE ip.side = '{side}' AND ip.person_id IS {person})"
            )
        };
        format!(
            "(SELECT ip.interaction_id,
                     {} AS representatives, {} AS theirs, {} AS ours
                FROM interaction_participants ip
                LEFT JOIN people p ON p.id = ip.person_id
                LEFT JOIN representatives r ON r.id = ip.representative_id
               WHERE ip.interaction_id IN ({ids}) AND ip.deleted_at IS NULL
               GROUP BY ip.interaction_id)",
            list("ip.representative_id", "r.full_name", "theirs", "NULL"),
            list("ip.person_id", "p.full_name", "theirs", "NOT NULL"),
            list("ip.person_id", "p.full_name", "ours", "NOT NULL"),
        )
    }

    /// The next 10 planned meetings from `:now`, soonest first, each summarised with who takes
    /// part.
    pub fn upcoming() -> String {
        format!(
            "WITH page AS MATERIALIZED (
                SELECT i.* FROM interactions i
                 WHERE i.status = 'planned' AND i.occurred_at >= :now AND i.deleted_at IS NULL
                 ORDER BY i.occurred_at LIMIT 10)
             SELECT {SUMMARY} FROM page i
               LEFT JOIN campaigns camp ON camp.id = i.campaign_id
               LEFT JOIN {} parts ON parts.interaction_id = i.id
              ORDER BY i.occurred_at, i.seq",
            participants("SELECT id FROM page")
        )
    }

    /// Whether any representative is on record.
    pub const ANY_REPRESENTATIVE: &str =
        "SELECT EXISTS (SELECT 1 FROM representatives WHERE deleted_at IS NULL)";

    /// Who made a change, for a record `x`'s `record` field.
    fn record(x: &str) -> String {
        format!(
            "{x}.created_at AS \"record.created_at\", cb.full_name AS \"record.created_by\",
             {x}.updated_at AS \"record.updated_at\", ub.full_name AS \"record.updated_by\""
        )
    }

    /// Commitments `c` from `table` (then `rest`: conditions, order, limit) as the lists show
    /// them: who gave each, its meeting and when, that meeting's representatives (a JSON list by
    /// name) and campaign, and whether it is overdue at `:today`.
    fn commitments(table: &str, rest: &str) -> String {
        format!(
            "SELECT c.id AS id, c.side AS side,
                    CASE WHEN c.person_id IS NOT NULL THEN 'person'
                         WHEN c.representative_id IS NOT NULL THEN 'representative' END AS \"who.kind\",
                    coalesce(c.person_id, c.representative_id) AS \"who.id\",
                    CASE WHEN c.person_id IS NOT NULL THEN coalesce(p.full_name, '')
                         ELSE coalesce(r.full_name, '') END AS \"who.name\",
                    c.description AS description, c.due_date AS due_date, c.status AS status,
                    coalesce(c.status = 'open' AND c.due_date < :today, 0) AS overdue,
                    c.interaction_id AS interaction_id, i.occurred_at AS interaction_on,
                    CASE WHEN c.interaction_id IS NULL THEN '[]' ELSE
                        (SELECT json_group_array(json_object('id', hex(rr.id), 'name', rr.full_name)
                                                 ORDER BY rr.full_name COLLATE NOCASE)
                           FROM interaction_participants ip
                           JOIN representatives rr ON rr.id = ip.representative_id
                          WHERE ip.interaction_id = c.interaction_id AND ip.deleted_at IS NULL)
                    END AS \"representatives[]\",
                    camp.id AS \"campaign.id\", camp.name AS \"campaign.name\", {record}
               FROM {table}
               LEFT JOIN people p ON p.id = c.person_id
               LEFT JOIN representatives r ON r.id = c.representative_id
               LEFT JOIN interactions i ON i.id = c.interaction_id
               LEFT JOIN campaigns camp ON camp.id = i.campaign_id
               LEFT JOIN people cb ON cb.id = c.created_by
               LEFT JOIN people ub ON ub.id = c.updated_by
              {rest}",
            record = record("c"),
        )
    }

    /// How many commitments are overdue at `:today` (open, due before today), from the partial
    /// index of open ones.
    pub const OVERDUE_COUNT: &str = "SELECT count(*) FROM commitments INDEXED BY commitments_open
        WHERE status = 'open' AND deleted_at IS NULL AND due_date IS NOT NULL AND due_date < :today";

    /// The first 100 commitments overdue at `:today`, by due date, in full (`commitments`).
    pub fn overdue() -> String {
        commitments(
            "commitments c INDEXED BY commitments_open",
            "WHERE c.status = 'open' AND c.deleted_at IS NULL AND c.due_date IS NOT NULL
               AND c.due_date < :today
             ORDER BY c.due_date, c.seq LIMIT 100",
        )
    }

    /// The profile of representative `:rep` at `:today`, in nine statements: the
    /// representative (with their current seat, whether a former holder, their primary contact
    /// and who made changes); their offices, seats first; how to reach them; their office staff;
    /// the counts (the first, last and number of held interactions, and all of them, in one
    /// pass); the newest 20 interactions, each summarised with who took part; their asks, open
    /// first, each newest made first, with when its status last changed; the open commitments
    /// concerning them (theirs by name, or given at a meeting they attended: each read once,
    /// from both sides), soonest due first; and the open follow-ups about them (from the index by
    /// representative: SQLite would otherwise walk every open follow-up by due date).
    pub fn profile() -> Vec<String> {
        let from_rep = "FROM interaction_participants ip
                        JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
                       WHERE ip.representative_id = :rep AND ip.deleted_at IS NULL";
        vec![
            format!(
                "SELECT r.id AS id, r.full_name AS full_name, r.form_of_address AS form_of_address,
                        r.kind AS kind, r.party AS party,
                        s.id AS \"seat.id\", s.name AS \"seat.name\", s.kind AS \"seat.kind\",
                        s.id IS NULL AND EXISTS (SELECT 1 FROM offices o3 WHERE o3.representative_id = r.id
                                                   AND o3.kind = 'seat' AND o3.deleted_at IS NULL) AS former,
                        r.parliament_member_id AS parliament_member_id, r.interests AS interests,
                        r.preferred_contact AS preferred_contact, r.surgery_pattern AS surgery_pattern,
                        r.notes AS notes, r.primary_contact_id AS primary_contact_id,
                        pc.full_name AS primary_contact_name, r.contact_cadence_days AS contact_cadence_days,
                        {}
                   FROM representatives r
                   LEFT JOIN offices o ON o.seq = (
                        SELECT o2.seq FROM offices o2
                         WHERE o2.representative_id = r.id AND o2.kind = 'seat'
                           AND o2.end_date IS NULL AND o2.deleted_at IS NULL
                         ORDER BY o2.seq DESC LIMIT 1)
                   LEFT JOIN seats s ON s.id = o.seat_id
                   LEFT JOIN people pc ON pc.id = r.primary_contact_id AND pc.deleted_at IS NULL
                   LEFT JOIN people cb ON cb.id = r.created_by
                   LEFT JOIN people ub ON ub.id = r.updated_by
                  WHERE r.id = :rep AND r.deleted_at IS NULL",
                record("r")
            ),
            "SELECT o.id AS id, o.kind AS kind, o.title AS title, s.id AS \"seat.id\",
                    s.name AS \"seat.name\", o.start_date AS start_date, o.end_date AS end_date
               FROM offices o LEFT JOIN seats s ON s.id = o.seat_id
              WHERE o.representative_id = :rep AND o.deleted_at IS NULL
              ORDER BY o.kind <> 'seat', o.end_date IS NOT NULL, coalesce(o.start_date, '') DESC, o.seq DESC"
                .into(),
            "SELECT kind, label, value, is_preferred <> 0 AS is_preferred,
                    coalesce(source = 'members_api', 0) AS from_parliament
               FROM contact_channels
              WHERE representative_id = :rep AND deleted_at IS NULL ORDER BY is_preferred DESC, seq"
                .into(),
            "SELECT p.id AS \"person.id\", p.full_name AS \"person.name\", s.role AS role
               FROM office_staff s JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL
              WHERE s.representative_id = :rep AND s.deleted_at IS NULL AND s.end_date IS NULL
              ORDER BY p.full_name COLLATE NOCASE"
                .into(),
            format!(
                "SELECT min(CASE WHEN i.status = 'held' THEN ip.occurred_at END) AS first_contact,
                        max(CASE WHEN i.status = 'held' THEN ip.occurred_at END) AS last_contact,
                        count(DISTINCT CASE WHEN i.status = 'held' THEN i.id END) AS interaction_count,
                        count(DISTINCT i.id) AS timeline_total
                   {from_rep}"
            ),
            format!(
                "WITH page AS MATERIALIZED (
                    SELECT i.*, ip.occurred_at AS at {from_rep}
                     ORDER BY ip.occurred_at DESC, i.seq DESC LIMIT 20)
                 SELECT {SUMMARY} FROM page i
                   LEFT JOIN campaigns camp ON camp.id = i.campaign_id
                   LEFT JOIN {} parts ON parts.interaction_id = i.id
                  ORDER BY i.at DESC, i.seq DESC",
                participants("SELECT id FROM page")
            ),
            format!(
                "SELECT a.id AS id, a.title AS title, a.detail AS detail, a.status AS status,
                        a.status NOT IN ('done', 'dropped', 'declined') AS open,
                        a.stated_position AS stated_position, a.evidence AS evidence,
                        a.representative_id AS \"representative.id\", r.full_name AS \"representative.name\",
                        camp.id AS \"campaign.id\", camp.name AS \"campaign.name\",
                        a.interaction_id AS interaction_id, i.occurred_at AS made_on,
                        (SELECT max(sc.changed_at) FROM status_changes sc
                          WHERE sc.subject_id = a.id AND sc.deleted_at IS NULL) AS status_changed_at,
                        {}
                   FROM asks a JOIN representatives r ON r.id = a.representative_id
                   LEFT JOIN campaigns camp ON camp.id = a.campaign_id
                   LEFT JOIN interactions i ON i.id = a.interaction_id
                   LEFT JOIN people cb ON cb.id = a.created_by
                   LEFT JOIN people ub ON ub.id = a.updated_by
                  WHERE a.deleted_at IS NULL AND a.representative_id = :rep
                  ORDER BY a.status IN ('done', 'dropped', 'declined'), a.listed_at DESC, a.seq DESC",
                record("a")
            ),
            commitments(
                "(SELECT c.* FROM commitments c
                   WHERE c.representative_id = :rep AND +c.status = 'open' AND c.deleted_at IS NULL
                  UNION
                  SELECT c.* FROM interaction_participants ip
                    JOIN commitments c ON c.interaction_id = ip.interaction_id
                   WHERE ip.representative_id = :rep AND ip.deleted_at IS NULL
                     AND +c.status = 'open' AND c.deleted_at IS NULL) c",
                "ORDER BY c.due_date IS NULL, c.due_date, c.seq",
            ),
            format!(
                "SELECT f.id AS id, f.kind AS kind, f.description AS description,
                        f.owner_id AS \"owner.id\", coalesce(o.full_name, '') AS \"owner.name\",
                        f.representative_id AS \"representative.id\",
                        coalesce(r.full_name, '') AS \"representative.name\",
                        f.interaction_id AS interaction_id, f.due_date AS due_date,
                        f.snoozed_until AS snoozed_until, f.status AS status,
                        coalesce(f.status = 'open' AND f.due_date < :today, 0) AS overdue, {}
                   FROM follow_ups f INDEXED BY follow_ups_by_representative
                   LEFT JOIN people o ON o.id = f.owner_id
                   LEFT JOIN representatives r ON r.id = f.representative_id
                   LEFT JOIN people cb ON cb.id = f.created_by
                   LEFT JOIN people ub ON ub.id = f.updated_by
                  WHERE f.deleted_at IS NULL AND f.status = 'open' AND f.representative_id = :rep
                  ORDER BY f.due_date, f.seq",
                record("f")
            ),
        ]
    }

    /// A search for the FTS5 query `:q`, in one statement: if more than 20,000 records match
    /// (counted in the index's order, stopping at 20,001), the newest 50, unranked; else the best
    /// 50 by relevance, names and titles weighing five times notes. Each with its title and a
    /// snippet of its notes, the words found marked, the screen it opens (its interaction or
    /// representative) and what the line saying where it sits is worded from (`_` columns).
    pub fn search() -> String {
        // The one of the two orders wanted has a limit of 50, the other 0 (so it is not run).
        let hits = |rank: &str, order: &str, newest: bool| {
            let (common, rare) = if newest { (50, 0) } else { (0, 50) };
            format!(
                "SELECT kind, subject_id, highlight(search_index, 0, char(2), char(3)) AS title,
                        snippet(search_index, 1, char(2), char(3), '…', 16) AS snippet, {rank} AS rank
                   FROM search_index WHERE search_index MATCH :q ORDER BY {order}
                  LIMIT CASE WHEN (SELECT n FROM n) > 20000 THEN {common} ELSE {rare} END"
            )
        };
        format!(
            "WITH n AS MATERIALIZED (
                SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH :q LIMIT 20001)
            ),
            hits AS (SELECT * FROM ({newest}) UNION ALL SELECT * FROM ({ranked}))
            SELECT h.kind AS kind, h.subject_id AS id, coalesce(h.title, '') AS title,
                   coalesce(h.snippet, '') AS snippet,
                   CASE h.kind WHEN 'interaction' THEN h.subject_id
                               WHEN 'ask' THEN CASE WHEN ar.id IS NOT NULL THEN a.interaction_id END
                               WHEN 'commitment' THEN c.interaction_id
                               WHEN 'follow_up' THEN f.interaction_id END AS interaction_id,
                   CASE h.kind WHEN 'representative' THEN r.id
                               WHEN 'ask' THEN CASE WHEN ar.id IS NOT NULL THEN a.representative_id END
                               WHEN 'follow_up' THEN f.representative_id END AS representative_id,
                   h.rank AS rank,
                   i.kind AS _interaction_kind, i.occurred_at AS _interaction_at,
                   CASE WHEN i.id IS NOT NULL THEN
                       (SELECT group_concat(rr.full_name, ' and ') FROM interaction_participants ip
                          JOIN representatives rr ON rr.id = ip.representative_id
                         WHERE ip.interaction_id = i.id
                           AND (ip.deleted_at IS NULL OR ip.deleted_at = i.deleted_at)) END AS _with,
                   r.kind AS _representative_kind, r.party AS _party,
                   pe.kind AS _person_kind, pe.role_title AS _role_title,
                   ar.full_name AS _asked_of, a.status AS _ask_status,
                   coalesce(cp.full_name, cr.full_name) AS _promised_by, c.due_date AS _commitment_due,
                   f.due_date AS _follow_up_due
              FROM hits h
              LEFT JOIN interactions i ON h.kind = 'interaction' AND i.id = h.subject_id
              LEFT JOIN representatives r ON h.kind = 'representative' AND r.id = h.subject_id
              LEFT JOIN people pe ON h.kind = 'person' AND pe.id = h.subject_id
              LEFT JOIN asks a ON h.kind = 'ask' AND a.id = h.subject_id
              LEFT JOIN representatives ar ON ar.id = a.representative_id
              LEFT JOIN commitments c ON h.kind = 'commitment' AND c.id = h.subject_id
              LEFT JOIN people cp ON cp.id = c.person_id
              LEFT JOIN representatives cr ON cr.id = c.representative_id
              LEFT JOIN follow_ups f ON h.kind = 'follow_up' AND f.id = h.subject_id
             WHERE length(h.subject_id) = 16",
            newest = hits("0.0", "rowid DESC", true),
            ranked = hits("bm25(search_index, 5.0, 1.0)", "rank", false),
        )
    }

    // ----- the comparison -----

    /// The parts of Today's answer that are not Rust's wording or date arithmetic: `why`, the
    /// key (the rule and id, compared apart), the buttons, today's date and the snooze dates.
    pub const TODAY_WORDING: &[&str] = &[
        "why",
        "key",
        "action",
        "action_label",
        "can_reschedule",
        "can_dismiss",
        "date",
        "snooze_choices",
    ];

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    /// `value` as the hand-written SQL writes it: ids as upper-case hex, true and false as 1
    /// and 0, without the keys in `leave_out`.
    fn normal(value: Json, leave_out: &[&str]) -> Json {
        match value {
            Json::Bool(b) => Json::from(i64::from(b)),
            Json::String(s) if s.len() == 36 && uuid::Uuid::try_parse(&s).is_ok() => {
                Json::String(s.replace('-', "").to_uppercase())
            }
            Json::Array(items) => {
                Json::Array(items.into_iter().map(|x| normal(x, leave_out)).collect())
            }
            Json::Object(map) => Json::Object(
                map.into_iter()
                    .filter(|(k, _)| !leave_out.contains(&k.as_str()))
                    .map(|(k, x)| (k, normal(x, leave_out)))
                    .collect(),
            ),
            other => other,
        }
    }

    /// `value` (built from hand-written rows) with its ids and flags written the same way.
    pub fn plain(value: Json) -> Json {
        normal(value, &[])
    }

    /// The store's answer as JSON, as the hand-written SQL writes it, without `leave_out`.
    pub fn store_json(answer: Json, leave_out: &[&str]) -> Json {
        normal(answer, leave_out)
    }

    /// The rows of `sql` as JSON objects keyed by column: `a.b` is `b` of the object `a` (none
    /// when its id, or all of it, is null); `x[]` is a JSON list SQLite built; `_x` is left out.
    pub fn objects(conn: &Connection, sql: &str, rows: &Rows) -> Vec<Json> {
        let stmt = conn.prepare_cached(sql).unwrap();
        let names: Vec<String> = stmt.column_names().map(String::from).collect();
        rows.iter().map(|row| object(&names, row)).collect()
    }

    fn object(names: &[String], row: &[Value]) -> Json {
        let mut top = Map::new();
        for (name, value) in names.iter().zip(row) {
            if name.starts_with('_') {
                continue;
            }
            let (key, value) = match (name.strip_suffix("[]"), value) {
                (Some(key), Value::Text(list)) => (key, serde_json::from_str(list).unwrap()),
                (Some(key), _) => (key, json!([])),
                (None, value) => (name.as_str(), scalar(value)),
            };
            match key.split_once('.') {
                Some((outer, inner)) => {
                    top.entry(outer)
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                        .unwrap()
                        .insert(inner.into(), value);
                }
                None => {
                    top.insert(key.into(), value);
                }
            }
        }
        for value in top.values_mut() {
            if let Json::Object(inner) = value {
                let none = match inner.get("id") {
                    Some(id) => id.is_null(),
                    None => inner.values().all(Json::is_null),
                };
                if none {
                    *value = Json::Null;
                }
            }
        }
        plain(Json::Object(top))
    }

    fn scalar(value: &Value) -> Json {
        match value {
            Value::Null => Json::Null,
            Value::Integer(n) => Json::from(*n),
            Value::Real(x) => Json::from(*x),
            Value::Text(t) => Json::from(t.as_str()),
            Value::Blob(b) => Json::from(hex(b)),
        }
    }

    pub fn int(value: &Value) -> i64 {
        match value {
            Value::Integer(n) => *n,
            other => panic!("not a number: {other:?}"),
        }
    }

    /// Today's answer from the hand-written rows: the sections, their totals, the meetings
    /// coming up and whether there are representatives.
    pub fn agenda_json(
        conn: &Connection,
        today_sql: &str,
        reminders: &Rows,
        upcoming_sql: &str,
        upcoming: &Rows,
        any: &Rows,
    ) -> Json {
        let mut sections = vec![Vec::new(); 4];
        let mut totals = [0; 4];
        for (row, reminder) in reminders.iter().zip(objects(conn, today_sql, reminders)) {
            let section = int(&row[0]) as usize;
            totals[section] = int(&row[1]);
            sections[section].push(reminder);
        }
        let [overdue, due_today, next_week, snoozed] =
            <[Vec<Json>; 4]>::try_from(sections).unwrap();
        json!({
            "overdue": overdue, "due_today": due_today, "next_week": next_week, "snoozed": snoozed,
            "totals": {
                "overdue": totals[0], "due_today": totals[1], "next_week": totals[2], "snoozed": totals[3],
            },
            "upcoming_meetings": objects(conn, upcoming_sql, upcoming),
            "has_representatives": int(&any[0][0]),
        })
    }

    /// The profile from the rows of `profile()`'s statements, split into its parts.
    pub fn profile_json(conn: &Connection, sql: &[String], parts: &[Rows]) -> Json {
        let part = |n: usize| objects(conn, &sql[n], &parts[n]);
        let representative = part(0).remove(0);
        let offices = part(1);
        let mut counts = part(4).remove(0);
        let timeline_total = counts
            .as_object_mut()
            .unwrap()
            .remove("timeline_total")
            .unwrap();
        let primary = match (
            &representative["primary_contact_id"],
            &representative["primary_contact_name"],
        ) {
            (Json::Null, _) | (_, Json::Null) => Json::Null,
            (id, name) => json!({ "id": id, "name": name }),
        };
        counts["primary_contact"] = primary;
        let (open_asks, settled_asks): (Vec<Json>, Vec<Json>) =
            part(6).into_iter().partition(|a| a["open"] == 1);
        let (theirs, ours): (Vec<Json>, Vec<Json>) =
            part(7).into_iter().partition(|c| c["side"] == "theirs");
        json!({
            "representative": representative,
            "current_offices": offices.iter().filter(|o| o["end_date"].is_null()).collect::<Vec<_>>(),
            "seat_terms": offices.iter().filter(|o| o["kind"] == "seat").collect::<Vec<_>>(),
            "contact_channels": part(2),
            "relationship": counts,
            "office_staff": part(3),
            "timeline": part(5),
            "timeline_total": timeline_total,
            "open_asks": open_asks,
            "settled_asks": settled_asks,
            "commitments_theirs": theirs,
            "commitments_ours": ours,
            "follow_ups": part(8),
        })
    }

    /// Panics, saying where, unless the hand-written answer is the store's.
    pub fn same(what: &str, store: &Json, hand: &Json) {
        if let Some(difference) = difference("", store, hand) {
            panic!("{what}: the hand-written SQL's answer is not the store's: at {difference}");
        }
    }

    fn difference(path: &str, store: &Json, hand: &Json) -> Option<String> {
        match (store, hand) {
            (Json::Object(x), Json::Object(y)) => x.keys().chain(y.keys()).find_map(|key| {
                let at = format!("{path}.{key}");
                match (x.get(key), y.get(key)) {
                    (Some(a), Some(b)) => difference(&at, a, b),
                    (a, b) => Some(format!("{at}: store {a:?}, hand {b:?}")),
                }
            }),
            (Json::Array(x), Json::Array(y)) => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(n, (a, b))| difference(&format!("{path}[{n}]"), a, b))
                .or_else(|| {
                    (x.len() != y.len())
                        .then(|| format!("{path}: store {} items, hand {}", x.len(), y.len()))
                }),
            _ => (store != hand).then(|| format!("{path}: store {store}, hand {hand}")),
        }
    }
}
