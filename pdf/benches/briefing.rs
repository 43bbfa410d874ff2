//! How long the briefing pack takes for a representative with 1,000 interactions (target:
//! under 300 ms): `cargo bench -p rapport-pdf --bench briefing`. Prints the first run (which
//! also parses the embedded fonts, once per process) and the median of 20.

use std::time::{Duration, Instant};

use rapport_core::briefing::{to_html, BriefingRequest};
use rapport_core::domain::{InteractionInput, RepresentativeInput, RepresentativeKind, SetupInput};
use rapport_core::{Clock, Store};
use serde_json::json;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str("2026-11-24T09:00:00Z").unwrap());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    let amira = store.setup_status().unwrap().member.unwrap().id;
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id;
    let started = Instant::now();
    for n in 0..1000 {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        let year = 2023 + n / (28 * 12);
        let input: InteractionInput = serde_json::from_value(json!({
            "kind": if n % 4 == 0 { "surgery_meeting" } else { "email" },
            "direction": "we_contacted",
            "date": format!("{day:02}/{month:02}/{year}"), "time": "10:00",
            "subject": format!("Topic {n}"),
            "summary": format!("Meeting {n}: the survey results, the repairs backlog at the Grove flats and the bus timetable."),
            "private_impressions": "Friendly.",
            "representatives": [mp],
            "our_attendees": [{"person_id": amira}],
            "asks": if n % 33 == 0 { json!([{"title": format!("Ask {n}")}]) } else { json!([]) },
            "commitments": if n % 50 == 0 {
                json!([{"who": format!("representative:{mp}"), "description": format!("Promise {n}"), "due_date": "01/12/2026"}])
            } else { json!([]) }
        }))
        .unwrap();
        store.save_interaction(&input).unwrap();
    }
    eprintln!(
        "(logged 1,000 interactions in {:.1} s)",
        started.elapsed().as_secs_f64()
    );

    let request = BriefingRequest {
        representative_id: mp,
        meeting_id: None,
        include_private: false,
        recent: None,
    };
    let run = || {
        // Typst memoises by content; a real pack is made once, so each run starts cold.
        comemo::evict(0);
        let start = Instant::now();
        let pack = store.briefing(&request).unwrap();
        let assembled = start.elapsed();
        let pdf = rapport_pdf::briefing_pdf(&pack).unwrap();
        (assembled, start.elapsed(), pdf.len(), to_html(&pack).len())
    };
    let (assembled, first, bytes, html) = run();
    let mut runs: Vec<(Duration, Duration)> = (0..20)
        .map(|_| {
            let (a, t, _, _) = run();
            (a, t)
        })
        .collect();
    runs.sort_by_key(|(_, total)| *total);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (median_assembled, median) = runs[runs.len() / 2];
    println!("Briefing pack for a representative with 1,000 interactions ({bytes} bytes of PDF, {html} of HTML):");
    println!(
        "  first run: {:.1} ms (reading the record {:.1} ms; also parses the fonts, once per process)",
        ms(first),
        ms(assembled)
    );
    println!(
        "  median of 20: {:.1} ms (reading the record {:.1} ms, typesetting the rest)   slowest: {:.1} ms   (target: under 300 ms)",
        ms(median),
        ms(median_assembled),
        ms(runs[runs.len() - 1].1)
    );
}
