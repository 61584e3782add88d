//! Archival output: PDF/A-2b, checked with independent tools (poppler's pdfinfo reads the XMP
//! identification, qpdf the structure and the output intent), and byte-for-byte reproducible.

mod common;
use common::*;

fn render_archival() -> Vec<u8> {
    let meeting = ctoc_press::parse(&read(EXAMPLE)).expect("valid");
    let options = ctoc_press::Options { archival: true, ..Default::default() };
    ctoc_press::render(&meeting, &options).expect("renders as PDF/A").remove(0).pdf
}

#[test]
fn archival_output_identifies_as_pdf_a_2b() {
    let file = temp_file("archival.pdf", &render_archival());
    let (ok, meta) = tool("pdfinfo", &["-meta"], &file);
    assert!(ok, "{meta}");
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{meta}");
    assert!(meta.contains("<rdf:li>zh-CN</rdf:li>"), "the language is in the metadata");
    let (ok, check) = tool("qpdf", &["--check"], &file);
    assert!(ok, "{check}");

    let raw = qdf_text(&file);
    assert!(raw.contains("/OutputIntents"), "PDF/A needs an output intent");
    assert!(raw.contains("/GTS_PDFA1"), "the output intent is a PDF/A one");
}

#[test]
fn archival_output_is_reproducible() {
    assert!(render_archival() == render_archival(), "two archival renders differ");
}
