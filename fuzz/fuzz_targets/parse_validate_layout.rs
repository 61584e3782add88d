//! Any bytes through the parser, the validator and, for descriptions that validate, the
//! layout of the Chinese version: nothing may panic, overflow the stack or run out of memory,
//! and a description that validates must lay out (unless a character has no font).
//!
//! See `fuzz/README.md` for the command.

#![no_main]

use ctoc_press::model::{self, source_from_bytes};
use ctoc_press::{Error, Lang, Meeting};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = source_from_bytes(data) else { return };
    let Ok(meeting) = Meeting::from_json(source) else { return };
    let problems = model::validate(&meeting, Some(source));
    for p in &problems {
        // Problems are printed; formatting them must not fail either.
        let _ = p.to_string();
    }
    if problems.is_empty() {
        // A valid description may only be refused for characters no embedded font has.
        if let Err(e) = ctoc_press::lay_out(&meeting, Lang::Zh) {
            assert!(matches!(e, Error::Unsupported(_)), "a valid description does not lay out: {e}");
        }
    }
});
