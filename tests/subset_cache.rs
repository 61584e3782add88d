//! krilla's fonts keep the charstrings the subsetter has desubroutinized for one document to
//! reuse in the next (vendor/subsetter/PATCHES.md): a document must come out the same bytes
//! whichever documents the process rendered before it.

mod common;
use common::*;

#[test]
fn a_document_renders_the_same_whatever_came_before() {
    // The command line renders in a fresh process: every font's cache is empty.
    let cold = render_with_cli(EXAMPLE, "subset-cache-cold.pdf");

    let first = render_example(EXAMPLE);
    // Documents drawing other glyphs of the same faces (and many of the seed's) in between.
    render_example("examples/long-report.json");
    render_example("examples/typography-stress.json");
    let warm = render_example(EXAMPLE);
    assert!(first == cold, "an in-process render differs from a fresh process's");
    assert!(warm == cold, "a render after other documents differs from a fresh process's");
}
