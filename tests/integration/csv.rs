//! CSV import and export of people and representatives: a preview, column mapping, every
//! problem named by line and column, and all rows or none.

use proptest::prelude::*;
use rapport_core::domain::{PersonKind, RepresentativeKind};
use rapport_core::interchange::csv::CsvList;
use rapport_core::Store;

use crate::set_up_store;

fn mapping(names: &[&str]) -> Vec<Option<String>> {
    names
        .iter()
        .map(|n| (!n.is_empty()).then(|| n.to_string()))
        .collect()
}

const PEOPLE: &str = "Name,Email,Postcode,Kind,Shoe size\n\
Amy Lee,amy@example.org,b31 2ab,Volunteer,5\n\
\"Rhys, ap Gwyn\",rhys@example.org,,member,9\n\
Ola Nowak,,CF10 1AA,,7\n";

#[test]
fn a_good_file_imports_every_row_after_a_preview_that_guesses_the_columns() {
    let (_dir, mut store) = set_up_store();
    let preview = store.csv_preview(CsvList::People, PEOPLE).unwrap();
    assert_eq!(
        preview.headers,
        ["Name", "Email", "Postcode", "Kind", "Shoe size"]
    );
    assert_eq!(
        preview.mapping,
        [
            Some("full_name"),
            Some("email"),
            Some("postcode"),
            Some("kind"),
            None
        ]
    );
    assert_eq!(preview.rows, 3);
    assert_eq!(preview.sample[1][0], "Rhys, ap Gwyn");

    let outcome = store
        .import_csv(
            CsvList::People,
            PEOPLE,
            &mapping(&["full_name", "email", "postcode", "kind", ""]),
        )
        .unwrap();
    assert_eq!(outcome.imported, 3);
    assert!(outcome.problems.is_empty());
    let people = store.list_people().unwrap();
    let amy = people.iter().find(|p| p.full_name == "Amy Lee").unwrap();
    assert_eq!(amy.kind, PersonKind::Volunteer);
    assert_eq!(
        amy.postcode.as_deref(),
        Some("B31 2AB"),
        "postcodes are tidied as in the form"
    );
    let ola = people.iter().find(|p| p.full_name == "Ola Nowak").unwrap();
    assert_eq!(
        ola.kind,
        PersonKind::Contact,
        "no kind given: another contact"
    );
}

#[test]
fn a_file_with_a_bad_row_imports_nothing_and_names_the_row_and_column() {
    let (_dir, mut store) = set_up_store();
    let before = store.list_people().unwrap().len();
    let text = "Full name,Email,Postcode\n\
Amy Lee,amy@example.org,B31 2AB\n\
Bob Stone,bob@example.org,NOT A POSTCODE\n\
,nobody@example.org,\n\
Cat Jones,cat-at-example,B31 2AB\n";
    let outcome = store
        .import_csv(
            CsvList::People,
            text,
            &mapping(&["full_name", "email", "postcode"]),
        )
        .unwrap();
    assert_eq!(outcome.imported, 0);
    let lines: Vec<String> = outcome.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].starts_with("Line 3, column 3 (“Postcode”): "),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("Line 4, column 1 (“Full name”): Enter the person's full name."),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("Line 5, column 2 (“Email”): "),
        "{}",
        lines[2]
    );
    assert_eq!(
        store.list_people().unwrap().len(),
        before,
        "nothing was written"
    );
}

#[test]
fn a_mapping_without_names_or_with_a_field_twice_is_refused() {
    let (_dir, mut store) = set_up_store();
    let err = store
        .import_csv(
            CsvList::People,
            PEOPLE,
            &mapping(&["", "email", "", "", ""]),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Choose the column that holds the full name."
    );
    let err = store
        .import_csv(
            CsvList::People,
            PEOPLE,
            &mapping(&["full_name", "email", "email", "", ""]),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Two columns are set to “Email”. Choose one."
    );
    let err = store.csv_preview(CsvList::People, "").unwrap_err();
    assert!(err.to_string().starts_with("The file is empty."), "{err}");
}

#[test]
fn representatives_export_and_import_back_the_same() {
    let (_dir, mut store) = set_up_store();
    let text = "Full name,Office,Party,Seat,Check in every (days)\n\
Jane Smith,MP,Labour,Birmingham Northfield,60\n\
Ade Bello,Councillor,Green,Northfield ward,\n";
    let preview = store.csv_preview(CsvList::Representatives, text).unwrap();
    let names: Vec<Option<String>> = preview
        .mapping
        .iter()
        .map(|m| m.map(str::to_owned))
        .collect();
    let outcome = store
        .import_csv(CsvList::Representatives, text, &names)
        .unwrap();
    assert_eq!(outcome.imported, 2, "{:?}", outcome.problems);
    let reps = store.list_representatives().unwrap();
    let jane = reps.iter().find(|r| r.full_name == "Jane Smith").unwrap();
    assert_eq!(jane.kind, RepresentativeKind::Mp);
    assert_eq!(jane.seat.as_ref().unwrap().name, "Birmingham Northfield");
    assert_eq!(jane.contact_cadence_days, Some(60));

    let exported = store.export_csv(CsvList::Representatives).unwrap();
    assert!(exported.starts_with(
        "Full name,Office,Party,Seat,How letters open,Interests,Preferred contact,Surgeries,Notes,Check in every (days)\n"
    ));
    let copy_dir = tempfile::tempdir().unwrap();
    let mut copy = Store::open(&copy_dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(crate::clock());
    copy.set_up(&rapport_core::domain::SetupInput {
        organisation_name: Some("Copy".into()),
        member_name: Some("Amira Khan".into()),
    })
    .unwrap();
    let preview = copy
        .csv_preview(CsvList::Representatives, &exported)
        .unwrap();
    assert!(
        preview.mapping.iter().all(Option::is_some),
        "every heading is recognised"
    );
    let names: Vec<Option<String>> = preview
        .mapping
        .iter()
        .map(|m| m.map(str::to_owned))
        .collect();
    copy.import_csv(CsvList::Representatives, &exported, &names)
        .unwrap();
    assert_eq!(copy.export_csv(CsvList::Representatives).unwrap(), exported);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any text at all: a preview, an import and a check never panic, and an import that
    /// reports a problem writes nothing.
    #[test]
    fn no_csv_input_panics_and_a_refused_one_writes_nothing(text in ".{0,400}", raw in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut store = Store::open_in_memory().unwrap().with_clock(crate::clock());
        store.set_up(&rapport_core::domain::SetupInput {
            organisation_name: Some("Fuzz".into()),
            member_name: Some("Amira Khan".into()),
        }).unwrap();
        for text in [text, String::from_utf8_lossy(&raw).into_owned()] {
            let before = store.list_people().unwrap().len();
            let _ = store.csv_preview(CsvList::People, &text);
            let map = mapping(&["full_name", "email", "postcode", "kind", "lawful_basis"]);
            if let Ok(outcome) = store.import_csv(CsvList::People, &text, &map) {
                if !outcome.problems.is_empty() {
                    prop_assert_eq!(outcome.imported, 0);
                    prop_assert_eq!(store.list_people().unwrap().len(), before);
                }
            }
            let _ = store.import_csv(CsvList::Representatives, &text, &mapping(&["full_name", "kind", "contact_cadence_days"]));
        }
    }

    /// Any text as a postcode: no panic, and what is accepted is already in its tidy form.
    #[test]
    fn no_postcode_panics_and_a_tidy_one_stays_tidy(text in "\\PC{0,16}", near in "[A-Za-z]{1,2}[0-9]{1,2}[A-Za-z]? ?[0-9][A-Za-z]{2}") {
        for typed in [text, near] {
            if let Ok(tidy) = rapport_core::postcode::normalise(&typed) {
                prop_assert_eq!(rapport_core::postcode::normalise(&tidy).unwrap(), tidy);
            }
        }
    }
}
