//! A long document is laid out and written on several threads: its paragraphs set in
//! parallel (src/layout/flow/ahead.rs), its page streams deflated and its fonts subset on
//! rayon's pool (vendor/krilla). The bytes must not depend on how many threads there are or
//! on which finished first. Alone in its test binary, so that it sets the global pool's size.

mod common;
use common::*;

#[test]
fn the_long_example_is_the_same_bytes_on_one_thread_and_on_three() {
    // The global pool with three workers, whatever the machine has (this binary's only test
    // builds it first).
    rayon::ThreadPoolBuilder::new().num_threads(3).build_global().expect("the global pool");
    let meeting = load("examples/long-report.json");
    let render = || -> Vec<Vec<u8>> {
        ctoc_press::render(&meeting, &ctoc_press::Options::default())
            .expect("renders")
            .into_iter()
            .map(|r| r.pdf)
            .collect()
    };
    // On a pool's worker a document's work stays on that worker (as in a batch): one thread.
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool").install(render);
    assert!(one.iter().all(|pdf| pdf.len() > 100_000), "a long document");
    for _ in 0..3 {
        // From a thread outside any pool: spread over the global pool's three workers.
        assert!(render() == one, "the same bytes on three threads as on one");
    }
}
