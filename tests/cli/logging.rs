//! `rapport-cli log FILE.json` and `rapport-cli show representative NAME_OR_ID`.

use std::path::Path;

use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use rapport_core::{Clock, Store};
use serde_json::{json, Value};
use tempfile::TempDir;

use super::{init, path_str, rapport, stderr, stdout, succeed, FIXED_NOW};

/// A set-up folder with Jane Smith MP and Dev Patel; returns their ids.
pub(crate) fn prepare(dir: &Path) -> (String, String) {
    init(dir);
    let mut store = Store::open(&dir.join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str(FIXED_NOW).unwrap());
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.party = Some("Labour".into());
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id.to_string();
    let dev = store
        .save_person(&PersonInput::named("Dev Patel", PersonKind::Member))
        .unwrap()
        .id
        .to_string();
    store
        .save_representative(&RepresentativeInput::named(
            "Janet Jones",
            RepresentativeKind::Councillor,
        ))
        .unwrap();
    (mp, dev)
}

pub(crate) fn meeting(mp: &str, dev: &str) -> Value {
    json!({
        "kind": "surgery_meeting", "direction": "we_contacted", "occurred_at": "2026-11-20T14:30:00Z",
        "place": "Northfield library", "subject": "Bus route 42",
        "summary": "We explained how the cut to route 42 strands older residents at the Grove estate.",
        "private_impressions": "Warm, but wary of promising money.",
        "representatives": [mp],
        "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
        "our_attendees": [{"person_id": dev}],
        "asks": [{"title": "Write to the Transport Minister about route 42", "status": "agreed",
                  "stated_position": "Supports keeping the route"}],
        "commitments": [
            {"who": format!("representative:{mp}"), "description": "Write to the minister", "due_date": "2026-12-04"},
            {"who": format!("person:{dev}"), "description": "Send the residents' survey", "due_date": "2026-11-21"}
        ],
        "follow_ups": [{"kind": "send_thank_you", "description": "Send the thank-you email", "due_date": "2026-11-25"}]
    })
}

pub(crate) fn write(folder: &Path, name: &str, value: &Value) -> String {
    let path = folder.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path_str(&path).to_owned()
}

#[test]
fn a_meeting_logged_from_a_file_shows_on_the_representatives_profile() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));

    let logged = succeed(data.path(), &["log", &file]);
    assert!(
        logged.starts_with(
            "Logged the surgery meeting with Jane Smith on 20 November 2026 at 14:30: 1 ask, 2 commitments, 1 follow-up.\nId: "
        ),
        "{logged}"
    );

    let profile = succeed(data.path(), &["show", "representative", "jane smith"]);
    for expected in [
        "Jane Smith (MP), Labour\n",
        "Seat: Birmingham Northfield\n",
        "Office staff: Tom Reed (Caseworker)\n",
        "Relationship: 1 interaction; first contact 20 November 2026, last contact 20 November 2026.\n",
        "  20 November 2026 at 14:30  Surgery meeting: Bus route 42\n",
        "      Them: Jane Smith, Tom Reed.  Us: Dev Patel.\n",
        "  - Write to the Transport Minister about route 42 [Agreed] Their position: Supports keeping the route\n",
        "Their commitments\n  - Jane Smith: Write to the minister (due 4 December 2026)\n",
        "Our commitments\n  - Dev Patel: Send the residents' survey (due 21 November 2026, OVERDUE)\n",
        "  - Send the thank-you email (Amira Khan, due 25 November 2026)\n",
        "  - Birmingham Northfield, from an unrecorded date to now\n",
    ] {
        assert!(profile.contains(expected), "missing {expected:?} in:\n{profile}");
    }
    assert!(
        !profile.contains("wary"),
        "private impressions are not printed on the profile"
    );

    // The same profile by id, as JSON for scripts.
    let json: Value = serde_json::from_str(&succeed(
        data.path(),
        &["show", "representative", &mp, "--json"],
    ))
    .unwrap();
    assert_eq!(json["relationship"]["interaction_count"], 1);
    assert_eq!(json["commitments_ours"][0]["overdue"], true);
}

#[test]
fn a_bad_log_file_is_refused_naming_the_field_and_nothing_is_logged() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let export = |name| {
        let path = data.path().join(name);
        succeed(data.path(), &["export", "--out", path_str(&path)]);
        std::fs::read_to_string(path).unwrap()
    };
    let before = export("before.json");

    let mut bad = meeting(&mp, &dev);
    bad["follow_ups"][0]["due_date"] = json!("31/11/2026");
    let file = write(data.path(), "bad.json", &bad);
    let output = rapport(data.path(), &["log", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "rapport-cli: Nothing was logged. Field \"follow_ups.0.due_date\": “31/11/2026” is not a date. Enter it like 24/11/2026.\n"
    );

    let file = write(
        data.path(),
        "not-a-meeting.json",
        &json!({"kind": "séance"}),
    );
    let output = rapport(data.path(), &["log", &file]);
    assert!(
        stderr(&output).starts_with("rapport-cli: Nothing was logged."),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("is not an interaction to log: unknown variant `séance`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        export("after.json"),
        before,
        "the database is byte-for-byte as it was"
    );
}

#[test]
fn an_unknown_or_ambiguous_name_is_explained() {
    let data = TempDir::new().unwrap();
    prepare(data.path());
    let output = rapport(data.path(), &["show", "representative", "Keir"]);
    assert_eq!(
        stderr(&output),
        "rapport-cli: No representative is called “Keir”. Check the spelling, or give their id.\n"
    );
    let output = rapport(data.path(), &["show", "representative", "jan"]);
    assert_eq!(
        stderr(&output),
        "rapport-cli: “jan” matches 2 representatives: Jane Smith, Janet Jones. Give more of the name, or the id.\n"
    );
    assert!(stdout(&output).is_empty());
}
