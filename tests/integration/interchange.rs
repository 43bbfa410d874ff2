use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use rapport_core::interchange::Interchange;
use rapport_core::Store;
use serde_json::Value;

use crate::{clock, set_up_store};

/// A small but complete record: people of both kinds, a representative with a seat that
/// changed, a deleted and a restored record, so tombstones and the audit trail are exercised.
fn realistic_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = set_up_store();
    let mut gp = PersonInput::named("Dr Lena Okafor", PersonKind::Contact);
    gp.organisation_name = Some("Bristol Road Surgery".into());
    gp.notes = Some("Wrote in support — \"quotes\", <b>tags</b>, emoji 🙂 and Welsh ŵ ŷ".into());
    let gp = store.save_person(&gp).unwrap();
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.seat_name = Some("Birmingham Northfield".into());
    mp.primary_contact_id = Some(gp.id);
    mp.contact_cadence_days = Some(60);
    let saved = store.save_representative(&mp).unwrap();
    let mut moved = mp.clone();
    moved.id = Some(saved.id);
    moved.seat_name = Some("Birmingham Selly Oak".into());
    store.save_representative(&moved).unwrap();
    let cllr = store
        .save_representative(&RepresentativeInput::named(
            "Cllr Tom Reid",
            RepresentativeKind::Councillor,
        ))
        .unwrap();
    store.delete_representative(cllr.id).unwrap();
    (dir, store)
}

fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(clock());
    (dir, store)
}

#[test]
fn export_then_import_into_an_empty_database_then_export_again_is_identical() {
    let (_a, source) = realistic_store();
    let first = source.export().unwrap().to_json();

    let (_b, mut target) = empty_store();
    let summary = target
        .import(&Interchange::from_json(&first).unwrap())
        .unwrap();
    assert_eq!(
        summary.records,
        Interchange::from_json(&first).unwrap().record_count()
    );
    let second = target.export().unwrap().to_json();
    assert_eq!(first, second);

    // The imported database is usable: same member, same records, deleted ones still hidden.
    assert_eq!(
        target.setup_status().unwrap().member.unwrap().full_name,
        "Amira Khan"
    );
    let reps = target.list_representatives().unwrap();
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0].seat.as_ref().unwrap().name, "Birmingham Selly Oak");
    assert_eq!(
        reps[0].primary_contact_name.as_deref(),
        Some("Dr Lena Okafor")
    );
}

#[test]
fn the_export_carries_tombstones_and_the_audit_trail() {
    let (_dir, store) = realistic_store();
    let file = store.export().unwrap();
    let deleted: Vec<_> = file.tables["representatives"]
        .iter()
        .filter(|r| !r["deleted_at"].is_null())
        .collect();
    assert_eq!(deleted.len(), 1);
    assert!(file.tables["audit_log"].len() >= 8);
    assert!(file.tables["people"][0]["id"].as_str().unwrap().len() == 36);
}

/// Breaks one field of one record, imports, and returns the error; checks nothing was written.
fn import_broken(table: &str, index: usize, field: &str, value: Value) -> rapport_core::Error {
    let (_a, source) = realistic_store();
    let mut file = source.export().unwrap();
    file.tables.get_mut(table).unwrap()[index].insert(field.to_owned(), value);
    let (_b, mut target) = empty_store();
    let err = target.import(&file).unwrap_err();
    assert_eq!(
        target.export().unwrap().record_count(),
        0,
        "a bad import changes nothing"
    );
    assert_eq!(err.code(), "import");
    err
}

fn check_import_error(table: &str, index: usize, field: &str, value: Value, expected: &[&str]) {
    let err = import_broken(table, index, field, value);
    let message = err.to_string();
    assert_eq!(err.field(), Some(field), "{message}");
    for part in expected {
        assert!(
            message.contains(part),
            "{message:?} should contain {part:?}"
        );
    }
}

#[test]
fn a_bad_record_is_named_with_its_table_number_and_field_and_nothing_is_imported() {
    check_import_error(
        "people",
        1,
        "kind",
        "wizard".into(),
        &[
            "people record 2",
            "\"wizard\" should be one of: member, volunteer",
        ],
    );
    check_import_error(
        "people",
        0,
        "full_name",
        Value::Null,
        &["people record 1", "is required"],
    );
    check_import_error(
        "offices",
        0,
        "start_date",
        "24/11/2026".into(),
        &["offices record 1", "should be a date like 2026-11-24"],
    );
    check_import_error(
        "representatives",
        0,
        "contact_cadence_days",
        "sixty".into(),
        &["should be a whole number"],
    );
    check_import_error(
        "representatives",
        0,
        "primary_contact_id",
        "0192f1c4-7b1e-7cc0-8000-000000000000".into(),
        &["refers to people record 0192f1c4-7b1e-7cc0-8000-000000000000, which is not in the file"],
    );
    check_import_error(
        "seats",
        0,
        "favourite_colour",
        "teal".into(),
        &["is not a field of seats"],
    );
    check_import_error("people", 0, "id", "not-an-id".into(), &["needs an id"]);
}

#[test]
fn a_duplicate_id_is_refused() {
    let (_a, source) = realistic_store();
    let mut file = source.export().unwrap();
    let people = file.tables.get_mut("people").unwrap();
    let copy = people[0].clone();
    people.push(copy);
    let (_b, mut target) = empty_store();
    let err = target.import(&file).unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");
    assert_eq!(target.export().unwrap().record_count(), 0);
}

#[test]
fn importing_into_a_database_that_already_has_records_is_refused() {
    let (_a, source) = realistic_store();
    let file = source.export().unwrap();
    let (_b, mut target) = set_up_store();
    let before = target.export().unwrap();
    let err = target.import(&file).unwrap_err();
    assert!(err.to_string().contains("already has records"), "{err}");
    assert_eq!(target.export().unwrap(), before);
}

#[test]
fn an_unknown_table_or_a_newer_format_is_refused() {
    let (_a, source) = realistic_store();
    let mut file = source.export().unwrap();
    file.tables.insert("spaceships".into(), vec![]);
    let (_b, mut target) = empty_store();
    assert!(target
        .import(&file)
        .unwrap_err()
        .to_string()
        .contains("\"spaceships\", which is not a table"));

    let mut newer: Value = serde_json::from_str(&source.export().unwrap().to_json()).unwrap();
    newer["version"] = 2.into();
    let err = Interchange::from_json(&newer.to_string()).unwrap_err();
    assert!(err.to_string().contains("\"version\" is 2"), "{err}");
}

#[test]
fn dates_and_times_written_loosely_are_stored_in_their_standard_form() {
    let (_a, source) = realistic_store();
    let mut file = source.export().unwrap();
    file.tables.get_mut("offices").unwrap()[0].insert("start_date".into(), "2026-1-5".into());
    file.tables.get_mut("seats").unwrap()[0]
        .insert("created_at".into(), "2026-06-01T10:00:00+01:00".into());
    let (_b, mut target) = empty_store();
    target.import(&file).unwrap();
    let back = target.export().unwrap();
    assert_eq!(back.tables["offices"][0]["start_date"], "2026-01-05");
    assert_eq!(
        back.tables["seats"][0]["created_at"],
        "2026-06-01T09:00:00.000Z"
    );
}

mod hostile {
    //! A real export with bytes changed at random: reading and importing never panic, and an
    //! import that is refused leaves the database empty. (`fuzz/` runs the same check under
    //! libFuzzer for longer; see docs/fuzzing.md.)

    use proptest::prelude::*;
    use rapport_core::interchange::Interchange;
    use rapport_core::Store;
    use std::sync::OnceLock;

    fn export_text() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(|| {
            let (_dir, store) = super::realistic_store();
            serde_json::to_string(&store.export().unwrap()).unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

        #[test]
        fn a_damaged_export_never_panics_and_a_refused_one_writes_nothing(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)
        ) {
            let mut bytes = export_text().as_bytes().to_vec();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()); };
            let Ok(file) = Interchange::from_json(&text) else { return Ok(()); };
            let mut store = Store::open_in_memory().unwrap();
            if store.import(&file).is_err() {
                prop_assert_eq!(store.export().unwrap().record_count(), 0);
            }
        }
    }
}
