use rapport_core::domain::{
    PersonInput, PersonKind, RepresentativeInput, RepresentativeKind, SetupInput,
};
use rapport_core::{Clock, Error, Store};

use crate::{clock, set_up_store};

#[test]
fn a_new_database_is_not_set_up_until_the_first_run_form_is_filled() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(clock());
    assert!(!store.setup_status().unwrap().is_set_up());

    let err = store
        .save_person(&PersonInput::named("Someone", PersonKind::Member))
        .unwrap_err();
    assert!(matches!(err, Error::NotSetUp), "{err}");

    let err = store
        .set_up(&SetupInput {
            organisation_name: Some("  ".into()),
            member_name: Some("Amira".into()),
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("organisation_name"));

    let status = store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    assert_eq!(status.organisation.unwrap().name, "Northfield Big Local");
    assert_eq!(status.member.unwrap().full_name, "Amira Khan");

    let again = store.set_up(&SetupInput {
        organisation_name: Some("Other".into()),
        member_name: Some("Other".into()),
    });
    assert!(again.is_err(), "set-up happens once");
}

#[test]
fn the_database_is_reopened_with_its_member_and_records() {
    let (dir, mut store) = set_up_store();
    store
        .save_representative(&RepresentativeInput::named(
            "Jane Smith",
            RepresentativeKind::Mp,
        ))
        .unwrap();
    drop(store);

    let store = Store::open(&dir.path().join("rapport.sqlite3")).unwrap();
    assert_eq!(
        store.setup_status().unwrap().member.unwrap().full_name,
        "Amira Khan"
    );
    let names: Vec<_> = store
        .list_representatives()
        .unwrap()
        .into_iter()
        .map(|r| r.full_name)
        .collect();
    assert_eq!(names, ["Jane Smith"]);
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_and_left_byte_for_byte_unchanged() {
    let (dir, store) = set_up_store();
    drop(store);
    let path = dir.path().join("rapport.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).err().expect("a newer schema is refused");
    assert_eq!(err.code(), "too_new");
    assert!(
        err.to_string().contains("newer version of Rapport"),
        "{err}"
    );
    assert!(err.to_string().contains("has not been changed"), "{err}");

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    let junk = b"These are my meeting notes, not a database. ".repeat(100);
    std::fs::write(&path, &junk).unwrap();

    let err = Store::open(&path).err().expect("junk is refused");
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn saving_a_representative_with_an_empty_name_names_the_field_and_stores_nothing() {
    let (_dir, mut store) = set_up_store();
    let err = store
        .save_representative(&RepresentativeInput::named("   ", RepresentativeKind::Mp))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(err.field(), Some("full_name"));
    assert!(store.list_representatives().unwrap().is_empty());
}

#[test]
fn a_representative_keeps_the_history_of_their_seat() {
    let (_dir, mut store) = set_up_store();
    let mut input = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    input.party = Some("Labour".into());
    input.seat_name = Some("Birmingham Northfield".into());
    let rep = store.save_representative(&input).unwrap();
    assert_eq!(rep.seat.as_ref().unwrap().name, "Birmingham Northfield");
    assert_eq!(rep.record.created_by.as_deref(), Some("Amira Khan"));

    // Saving again with the same seat (any case) keeps the same term.
    input.id = Some(rep.id);
    input.seat_name = Some("birmingham northfield".into());
    let same = store.save_representative(&input).unwrap();
    assert_eq!(
        same.seat.as_ref().unwrap().id,
        rep.seat.as_ref().unwrap().id
    );

    // A change on the day the term was recorded is a correction: the term is fixed, not ended.
    input.seat_name = Some("Birmingham Northfeild".into());
    store.save_representative(&input).unwrap();
    input.seat_name = Some("Birmingham Northfield".into());
    store.save_representative(&input).unwrap();
    assert_eq!(store.export().unwrap().tables["offices"].len(), 1);

    // A boundary change months later: the old term ends that day, the new one starts it; both stay.
    let mut store = store.with_clock(Clock::fixed_from_str("2027-05-07T09:00:00Z").unwrap());
    input.seat_name = Some("Birmingham Selly Oak".into());
    let moved = store.save_representative(&input).unwrap();
    assert_eq!(moved.seat.as_ref().unwrap().name, "Birmingham Selly Oak");
    let offices = &store.export().unwrap().tables["offices"];
    assert_eq!(offices.len(), 2);
    let ended: Vec<_> = offices
        .iter()
        .filter(|o| o["end_date"] == "2027-05-07")
        .collect();
    let started: Vec<_> = offices
        .iter()
        .filter(|o| o["start_date"] == "2027-05-07")
        .collect();
    assert_eq!((ended.len(), started.len()), (1, 1));
    assert_eq!(ended[0]["title"], "Birmingham Northfield");

    // The seat remembers both holders' terms.
    let northfield = offices
        .iter()
        .find(|o| o["title"] == "Birmingham Northfield")
        .unwrap()["seat_id"]
        .as_str()
        .unwrap();
    let terms = store
        .seat_history(northfield.parse().unwrap())
        .unwrap()
        .terms;
    assert_eq!(terms.len(), 1);
    assert_eq!(terms[0].end_date.as_deref(), Some("2027-05-07"));
}

#[test]
fn people_are_validated_tidied_and_kept_in_name_order() {
    let (_dir, mut store) = set_up_store();
    let mut input = PersonInput::named("  Dr Lena Okafor ", PersonKind::Contact);
    input.postcode = Some("b31 2lp".into());
    input.email = Some("lena@example.org".into());
    let saved = store.save_person(&input).unwrap();
    assert_eq!(saved.full_name, "Dr Lena Okafor");
    assert_eq!(saved.postcode.as_deref(), Some("B31 2LP"));

    input.email = Some("lena at example".into());
    let err = store.save_person(&input).unwrap_err();
    assert_eq!(err.field(), Some("email"));

    let names: Vec<_> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    assert_eq!(names, ["Amira Khan", "Dr Lena Okafor"]);
}

#[test]
fn edits_and_deletes_are_audited_and_deleted_records_can_be_restored() {
    let (dir, mut store) = set_up_store();
    let mut input = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    let rep = store.save_representative(&input).unwrap();

    // Later in the day, another change.
    let mut store = reopen_at(&dir, store, "2026-11-24T15:30:00Z");
    input.id = Some(rep.id);
    input.party = Some("Labour".into());
    let changed = store.save_representative(&input).unwrap();
    assert_eq!(changed.record.updated_at, "2026-11-24T15:30:00.000Z");
    assert_eq!(changed.record.created_at, "2026-11-24T09:00:00.000Z");

    // Saving without a change writes no audit entry.
    store.save_representative(&input).unwrap();

    store.delete_representative(rep.id).unwrap();
    assert!(store.list_representatives().unwrap().is_empty());
    assert_eq!(
        store.representative(rep.id).unwrap_err().code(),
        "not_found"
    );
    let restored = store.restore_representative(rep.id).unwrap();
    assert_eq!(restored.party.as_deref(), Some("Labour"));

    let audit = &store.export().unwrap().tables["audit_log"];
    let actions: Vec<_> = audit
        .iter()
        .filter(|entry| entry["subject_table"] == "representatives")
        .map(|entry| entry["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["create", "update", "delete", "restore"]);
    let update = audit
        .iter()
        .find(|e| e["action"] == "update" && e["subject_table"] == "representatives")
        .unwrap();
    let before: serde_json::Value =
        serde_json::from_str(update["before_json"].as_str().unwrap()).unwrap();
    let after: serde_json::Value =
        serde_json::from_str(update["after_json"].as_str().unwrap()).unwrap();
    assert_eq!(before["party"], serde_json::Value::Null);
    assert_eq!(after["party"], "Labour");
    assert_eq!(after["updated_by"], update["changed_by"]);
}

#[test]
fn the_member_using_this_computer_cannot_be_deleted() {
    let (_dir, mut store) = set_up_store();
    let me = store.setup_status().unwrap().member.unwrap();
    assert_eq!(store.delete_person(me.id).unwrap_err().code(), "invalid");
}

fn reopen_at(dir: &tempfile::TempDir, store: Store, at: &str) -> Store {
    drop(store);
    Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str(at).unwrap())
}
