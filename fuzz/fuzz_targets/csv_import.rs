//! Any bytes as a CSV file of people: the preview and the import never panic, and an import
//! that finds a problem writes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::domain::SetupInput;
use rapport_core::interchange::csv::CsvList;
use rapport_core::Store;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut store = Store::open_in_memory().unwrap();
    store
        .set_up(&SetupInput {
            organisation_name: Some("Fuzz".into()),
            member_name: Some("Fuzz".into()),
        })
        .unwrap();
    let before = store.list_people().unwrap().len();
    let _ = store.csv_preview(CsvList::People, &text);
    let mapping: Vec<Option<String>> = ["full_name", "email", "postcode", "kind", "lawful_basis"]
        .iter()
        .map(|f| Some(f.to_string()))
        .collect();
    match store.import_csv(CsvList::People, &text, &mapping) {
        Ok(outcome) if !outcome.problems.is_empty() => {
            assert_eq!(outcome.imported, 0);
            assert_eq!(store.list_people().unwrap().len(), before);
        }
        Ok(_) => {}
        Err(_) => assert_eq!(store.list_people().unwrap().len(), before),
    }
});
