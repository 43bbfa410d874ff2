//! The briefing pack as a reader sees it: the PDF's text read back by an independent tool
//! (`pdftotext`, from poppler-utils, which the test set-up installs), and the HTML page.

use std::path::Path;
use std::process::Command;

use rapport_core::briefing::{to_html, Briefing, BriefingRequest};
use rapport_core::domain::{
    InteractionInput, PersonInput, PersonKind, RepresentativeInput, RepresentativeKind, SetupInput,
};
use rapport_core::ids::{InteractionId, PersonId, RepresentativeId};
use rapport_core::{Clock, Store};
use serde_json::{json, Value};

const NOW: &str = "2026-11-24T09:00:00Z";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    mp: RepresentativeId,
    amira: PersonId,
    dev: PersonId,
    evans: PersonId,
}

fn store_in(dir: &Path) -> Store {
    Store::open(&dir.join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str(NOW).unwrap())
}

fn input(value: Value) -> InteractionInput {
    serde_json::from_value(value).unwrap()
}

/// Northfield Big Local, Jane Smith MP (with a post and a committee, as the Members API will
/// record them), and two of us.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    let amira = store.setup_status().unwrap().member.unwrap().id;
    let dev = store
        .save_person(&PersonInput::named("Dev Patel", PersonKind::Member))
        .unwrap()
        .id;
    let evans = store
        .save_person(&PersonInput::named("Margaret Evans", PersonKind::Contact))
        .unwrap()
        .id;
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.party = Some("Labour".into());
    mp.seat_name = Some("Birmingham Northfield".into());
    mp.interests = Some("Buses, housing repairs".into());
    mp.preferred_contact = Some("Email the constituency office".into());
    mp.surgery_pattern = Some("First Friday, Northfield library".into());
    mp.primary_contact_id = Some(amira);
    let mp = store.save_representative(&mp).unwrap().id;
    drop(store);
    // Posts and committees arrive from the Members API (a later issue); written here directly.
    let conn = rusqlite::Connection::open(dir.path().join("rapport.sqlite3")).unwrap();
    for (kind, title) in [
        (
            "government_post",
            "Parliamentary Under-Secretary for Local Transport",
        ),
        ("committee", "Transport Committee"),
    ] {
        conn.execute(
            "INSERT INTO offices (id, representative_id, kind, title, start_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '2025-01-10', ?5, ?5)",
            rusqlite::params![&uuid::Uuid::now_v7().as_bytes()[..], mp, kind, title, NOW],
        )
        .unwrap();
    }
    drop(conn);
    let store = store_in(dir.path());
    Fixture {
        _dir: dir,
        store,
        mp,
        amira,
        dev,
        evans,
    }
}

/// A surgery in October with what was said and promised, and a planned meeting on 28 November.
fn history(f: &mut Fixture) -> InteractionId {
    f.store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/10/2026", "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "summary": "We explained how the cut to route 42 strands older residents at the Grove estate.",
            "private_impressions": "Warm but wary of promising money.",
            "representatives": [f.mp],
            "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
            "our_attendees": [{"person_id": f.amira}, {"person_id": f.dev, "role": "Note-taker"}],
            "asks": [
                {"title": "Write to the Transport Minister about route 42", "status": "agreed",
                 "stated_position": "Supports keeping the route", "evidence": "Letter of 2 November"},
                {"title": "Table a written question on rural buses"}
            ],
            "commitments": [
                {"who": format!("representative:{}", f.mp), "description": "Write to the minister", "due_date": "04/12/2026"},
                {"who": format!("person:{}", f.dev), "description": "Send the residents' survey", "due_date": "20/11/2026"}
            ]
        })))
        .unwrap();
    f.store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "status": "planned",
            "date": "28/11/2026", "time": "10:00", "place": "Northfield library, room 2",
            "representatives": [f.mp],
            "our_attendees": [{"person_id": f.amira, "role": "Lead"}, {"person_id": f.dev, "role": "Note-taker"}],
            "purpose": "Ask for a bus shelter at the Grove estate.",
            "key_messages": "Older residents wait in the rain\nThe survey shows 140 daily users",
            "documents_to_bring": "Residents' survey\nPhotos of the stop",
            "on_behalf_of_id": f.evans,
            "asks": [{"title": "Fund a bus shelter at the Grove estate", "status": "planned"}]
        })))
        .unwrap()
        .summary
        .id
}

fn pack(f: &Fixture, meeting: Option<InteractionId>, include_private: bool) -> Briefing {
    f.store
        .briefing(&BriefingRequest {
            representative_id: f.mp,
            meeting_id: meeting,
            include_private,
            recent: None,
        })
        .unwrap()
}

/// The PDF's text as `pdftotext -layout` reads it: a table's or a list's row on one line.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pack.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext: scripts/install-deps.sh test installs poppler-utils");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Words separated by single spaces, so line breaks in the layout do not matter.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pack.pdf");
    std::fs::write(&file, pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn every_section_prints_for_a_planned_meeting_and_private_notes_stay_out() {
    let mut f = fixture();
    let meeting = history(&mut f);
    let briefing = pack(&f, Some(meeting), false);
    assert_eq!(briefing.file_name, "2026-11-28 Briefing - Jane Smith MP");
    let pdf = rapport_pdf::briefing_pdf(&briefing).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = flat(&pdf_text(&pdf));
    for expected in [
        // 1. Cover
        "NORTHFIELD BIG LOCAL",
        "Briefing: Jane Smith MP",
        "Surgery meeting, Saturday 28 November 2026 at 10:00, Northfield library, room 2",
        "When Saturday 28 November 2026 at 10:00",
        "From us Amira Khan (Lead), Dev Patel (Note-taker)",
        "Speaking for Margaret Evans",
        "Purpose Ask for a bus shelter at the Grove estate.",
        // 2. The representative
        "Party Labour",
        "Seat Birmingham Northfield",
        "Current posts Parliamentary Under-Secretary for Local Transport",
        "Committees Transport Committee",
        "Interests Buses, housing repairs",
        "Preferred contact Email the constituency office",
        "Office staff Tom Reed (Caseworker)",
        // 3. The relationship so far
        "First contact 20 October 2026",
        "Interactions logged 1",
        "Our primary contact Amira Khan",
        // 4. Recent interactions
        "Surgery meeting, 20 October 2026",
        "With Jane Smith, Tom Reed (Caseworker). From us: Amira Khan, Dev Patel (Note-taker)",
        "What was said: We explained how the cut to route 42 strands older residents at the Grove estate.",
        // 5. Asks, and what came of agreed ones
        // (Table cells wrap, so a row is checked a line at a time.)
        "Open asks",
        "Table a written question on rural Made — 20 October 2026",
        "What came of agreed asks",
        "Write to the Transport Minister Agreed Supports keeping the route Letter of 2",
        // 6. Outstanding commitments, theirs and ours
        "Theirs, to raise politely",
        "Write to the minister Jane Smith 4 December 2026",
        "Ours, to report back on",
        "Send the residents' survey Dev Patel 20 November 2026 (overdue)",
        // 7. Key messages and the ask
        "Older residents wait in the rain",
        "The survey shows 140 daily users",
        "The ask",
        "Fund a bus shelter at the Grove estate",
        // 8. Checklist
        "Residents' survey",
        "Photos of the stop",
        "A signed consent letter from Margaret Evans, as one of us speaks for them",
        "Permission before any photograph or press mention",
        // 9. Generated date and attribution
        "Generated on 24 November 2026 by Rapport for Northfield Big Local",
        "Private impressions are left out.",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "missing “{expected}” in:\n{text}");
    }
    assert!(
        !text.contains("Warm but wary"),
        "private impressions printed by default"
    );

    let private = flat(&pdf_text(
        &rapport_pdf::briefing_pdf(&pack(&f, Some(meeting), true)).unwrap(),
    ));
    assert!(private.contains("Private impressions: Warm but wary of promising money."));
    assert!(private.contains("This pack includes private impressions. Do not share it."));
}

#[test]
fn empty_sections_say_so_in_one_line() {
    let f = fixture();
    let text = flat(&pdf_text(
        &rapport_pdf::briefing_pdf(&pack(&f, None, false)).unwrap(),
    ));
    for expected in [
        "No meeting planned: the relationship as it stands",
        "No meeting is planned. This pack sets out the relationship as it stands.",
        "No contact is logged with them yet.",
        "No interactions are logged with them yet.",
        "No asks are open.",
        "No ask has been agreed yet.",
        "Nothing they promised is outstanding.",
        "Nothing we promised is outstanding.",
        "No key messages or asks are recorded for this meeting.",
    ] {
        assert!(text.contains(expected), "missing “{expected}” in:\n{text}");
    }
}

const HOSTILE: &str = "#set page(paper: \"a0\") *bold* _under_ $x^2$ <script>alert('x')</script> \\ back\\slash @ref // not a comment [link](x) 🚌🌧️ Llanelwedd ŵ ŷ Ŵ Ŷ, Gàidhlig: àèìòù ÀÈÌÒÙ";

#[test]
fn hostile_text_prints_literally_in_pdf_and_html() {
    let mut f = fixture();
    f.store
        .save_interaction(&input(json!({
            "kind": "email", "direction": "they_contacted", "date": "01/11/2026", "time": "09:00",
            "subject": HOSTILE, "summary": HOSTILE, "representatives": [f.mp]
        })))
        .unwrap();
    let briefing = pack(&f, None, false);
    let text = pdf_text(&rapport_pdf::briefing_pdf(&briefing).unwrap());
    let flat_text = flat(&text);
    assert!(
        flat_text.contains(&format!("What was said: {}", flat(HOSTILE))),
        "not literal:\n{text}"
    );

    let html = to_html(&briefing);
    assert!(!html.contains("<script>alert"), "raw markup in the HTML");
    assert!(html.contains(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; \\ back\\slash @ref // not a comment [link](x) 🚌🌧️ Llanelwedd ŵ ŷ Ŵ Ŷ"
    ));
}

#[test]
fn a_long_history_makes_a_well_formed_multi_page_pack() {
    let mut f = fixture();
    for n in 0..200 {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 10;
        let asks: Vec<Value> = if n < 30 {
            vec![
                json!({"title": format!("Ask number {} about the estate's repairs and the bus timetable", n + 1)}),
            ]
        } else {
            vec![]
        };
        f.store
            .save_interaction(&input(json!({
                "kind": if n % 3 == 0 { "surgery_meeting" } else { "email" },
                "direction": "we_contacted",
                "date": format!("{day:02}/{month:02}/2026"), "time": "10:00",
                "subject": format!("Topic {n}"),
                "summary": format!("Meeting {n}: we went through the survey results, the repairs backlog at the Grove flats and the bus timetable, and agreed to write again before the next surgery."),
                "representatives": [f.mp],
                "our_attendees": [{"person_id": f.amira}],
                "asks": asks
            })))
            .unwrap();
    }
    let mut request = BriefingRequest {
        representative_id: f.mp,
        meeting_id: None,
        include_private: false,
        recent: Some(40),
    };
    let briefing = f.store.briefing(&request).unwrap();
    let pdf = rapport_pdf::briefing_pdf(&briefing).unwrap();
    let count = pages(&pdf);
    assert!(count >= 5, "{count} pages");
    let text = pdf_text(&pdf);
    assert!(text.contains(&format!("Page {count} of {count}")), "{text}");
    let flat_text = flat(&text);
    assert!(flat_text.contains("Recent interactions (the latest 40 of 200)"));
    assert!(flat_text.contains("Ask number 30 about the"), "{text}");
    // The asks table breaks across pages with its header repeated.
    assert!(
        text.matches("Their position").count() >= 2,
        "header not repeated"
    );

    // Page images for the README, when asked: RAPPORT_DOCS_IMAGES=1.
    if std::env::var_os("RAPPORT_DOCS_IMAGES").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        let file = docs.join("briefing-sample.pdf");
        std::fs::write(&file, &pdf).unwrap();
        // The first page, and the page where the asks table breaks with its header repeated.
        let breaks = (1..=count)
            .find(|page| {
                let words = Command::new("pdftotext")
                    .args(["-f", &page.to_string(), "-l", &page.to_string()])
                    .arg(&file)
                    .arg("-")
                    .output()
                    .unwrap();
                let words = String::from_utf8_lossy(&words.stdout).into_owned();
                words.contains("Their position") && !words.contains("Open asks")
            })
            .unwrap();
        for (page, name) in [(1, "briefing-page-1"), (breaks, "briefing-page-asks")] {
            let status = Command::new("pdftoppm")
                .args([
                    "-png",
                    "-r",
                    "70",
                    "-singlefile",
                    "-f",
                    &page.to_string(),
                    "-l",
                    &page.to_string(),
                ])
                .arg(&file)
                .arg(docs.join(name))
                .status()
                .unwrap();
            assert!(status.success());
        }
        std::fs::remove_file(file).unwrap();
    }

    request.recent = Some(0);
    let err = f.store.briefing(&request).unwrap_err();
    assert_eq!(err.field(), Some("recent"));
}

#[test]
fn a_meeting_with_someone_else_is_refused() {
    let mut f = fixture();
    let meeting = history(&mut f);
    let other = f
        .store
        .save_representative(&RepresentativeInput::named(
            "Cllr Ade Bello",
            RepresentativeKind::Councillor,
        ))
        .unwrap()
        .id;
    let err = f
        .store
        .briefing(&BriefingRequest {
            representative_id: other,
            meeting_id: Some(meeting),
            include_private: false,
            recent: None,
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("meeting_id"));
}

#[test]
fn a_letter_is_an_a4_page_with_both_addresses_and_hostile_text_printed_literally() {
    let letter = rapport_core::letters::LetterDocument {
        from: vec!["Northfield Big Local".into(), "The Grove Centre".into(), "B31 3AA".into()],
        to: vec!["Jane Smith MP".into(), "House of Commons".into(), "London".into(), "SW1A 0AA".into()],
        date: "24 November 2026".into(),
        subject: format!("About {HOSTILE}"),
        body: format!("Dear Ms Smith\n\nFirst paragraph: {HOSTILE}\nsame paragraph, next line.\n\nYours sincerely,\n\nAmira Khan"),
        file_name: "2026-11-24 Letter - Jane Smith MP.pdf".into(),
    };
    let pdf = rapport_pdf::letter_pdf(&letter).unwrap();
    assert_eq!(pages(&pdf), 1);
    let text = pdf_text(&pdf);
    let flat_text = flat(&text);
    for expected in [
        "Northfield Big Local",
        "The Grove Centre",
        "Jane Smith MP",
        "House of Commons",
        "SW1A 0AA",
        "24 November 2026",
        "Dear Ms Smith",
        "Yours sincerely,",
        "Amira Khan",
    ] {
        assert!(flat_text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(
        flat_text.contains(&format!("About {}", flat(HOSTILE))),
        "not literal:\n{text}"
    );
    assert!(
        flat_text.contains(&format!(
            "First paragraph: {} same paragraph, next line.",
            flat(HOSTILE)
        )),
        "not literal:\n{text}"
    );
    // A4: 595 × 842 points.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("595.276 x 841.89 pts (A4)"));
}
