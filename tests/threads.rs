//! A document is laid out and written on several threads: its language versions rendered
//! side by side (`ctoc_press::render`), a long one's paragraphs set in parallel
//! (src/layout/flow/ahead.rs), page streams deflated and fonts subset on rayon's pool
//! (vendor/krilla). The bytes must not depend on how many threads there are or on which
//! finished first. In a test binary of its own, so that it sets the global pool's size.

mod common;
use common::*;

/// The global pool with three workers, whatever the machine has: each test of this binary
/// asks for it before it renders, and the first builds it.
fn three_workers() {
    let _ = rayon::ThreadPoolBuilder::new().num_threads(3).build_global();
    assert_eq!(rayon::current_num_threads(), 3);
}

/// Every language version `path` lists, rendered on a pool of one worker (where a document's
/// work stays on its worker, as in a batch) and three times from a thread outside any pool
/// (spread over the global pool's three workers): the same bytes each time.
fn same_bytes_on_one_thread_and_on_three(path: &str) {
    three_workers();
    let meeting = load(path);
    let render = || -> Vec<Vec<u8>> {
        ctoc_press::render(&meeting, &ctoc_press::Options::default())
            .expect("renders")
            .into_iter()
            .map(|r| r.pdf)
            .collect()
    };
    // On a pool's worker a document's work stays on that worker (as in a batch): one thread.
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool").install(render);
    assert_eq!(one.len(), meeting.languages.len());
    for _ in 0..3 {
        assert!(render() == one, "{path}: the same bytes on three threads as on one");
    }
}

#[test]
fn the_long_example_is_the_same_bytes_on_one_thread_and_on_three() {
    same_bytes_on_one_thread_and_on_three("examples/long-report.json");
}

#[test]
fn six_language_versions_are_the_same_bytes_on_one_thread_and_on_three() {
    same_bytes_on_one_thread_and_on_three("examples/ctoc-cop-wg3-2021-1-all.json");
}
