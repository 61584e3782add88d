//! Descriptions built from the fuzz bytes by the structured generator of `fuzz/contract.rs`
//! (the seed example with symbols, URLs, e-mail addresses, footnotes and long tokens in every
//! text position), parsed, validated and, when valid, rendered whole: a description that
//! validates must render, and nothing may panic.
//!
//! See `fuzz/README.md` for the command.

#![no_main]

#[path = "../contract.rs"]
mod contract;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(generated) = contract::generate(data) else { return };
    if let Err(gap) = contract::check(generated.json.as_bytes(), generated.archival) {
        panic!("{gap}\n{}", generated.json);
    }
});
