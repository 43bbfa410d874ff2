//! Any bytes as an interchange (export) file: reading and importing never panic, and an import
//! that is refused leaves the database empty. The corpus starts from a real export
//! (docs/fuzzing.md), so the fuzzer explores files that are nearly right.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::interchange::Interchange;
use rapport_core::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = Interchange::from_json(text) else {
        return;
    };
    let mut store = Store::open_in_memory().unwrap();
    if store.import(&file).is_err() {
        let after = store.export().unwrap();
        assert_eq!(after.record_count(), 0, "a refused import wrote something");
    }
});
