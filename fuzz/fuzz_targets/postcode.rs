//! Any text as a typed postcode: no panic, and an accepted one is already in its tidy form.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(tidy) = rapport_core::postcode::normalise(text) {
        assert_eq!(
            rapport_core::postcode::normalise(&tidy).as_deref(),
            Ok(tidy.as_str())
        );
    }
});
