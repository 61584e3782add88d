//! Any bytes through the parser and the validator and, for descriptions that validate, the
//! whole render of every version they list (layout, PDF writing, tagging; archival PDF/A for
//! one input in four): nothing may panic, overflow the stack or run out of memory, and a
//! description that validates must render.
//!
//! See `fuzz/README.md` for the command.

#![no_main]

// The structured generator in it is the other target's.
#[allow(dead_code)]
#[path = "../contract.rs"]
mod contract;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(gap) = contract::check(data, data.len() % 4 == 0) {
        panic!("{gap}");
    }
});
