//! Archival output: PDF/A-2a and PDF/UA-1 (tagged), checked with independent tools (poppler's
//! pdfinfo reads the XMP identification and the logical structure, qpdf the file and the output
//! intent), and byte-for-byte reproducible.

mod common;
use common::*;

fn render_archival() -> Vec<u8> {
    let meeting = ctoc_press::parse(&read(EXAMPLE)).expect("valid");
    let options = ctoc_press::Options { archival: true, ..Default::default() };
    ctoc_press::render(&meeting, &options).expect("renders as PDF/A").remove(0).pdf
}

#[test]
fn archival_output_identifies_as_pdf_a_2a_and_pdf_ua_1() {
    let file = temp_file("archival.pdf", &render_archival());
    let (ok, meta) = tool("pdfinfo", &["-meta"], &file);
    assert!(ok, "{meta}");
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "{meta}");
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
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

/// The logical structure as poppler reads it (`pdfinfo -struct-text`).
fn structure(file: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo").arg("-struct-text").arg(file).output().expect("pdfinfo");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_document_is_tagged_with_its_structure() {
    let file = temp_file("archival-struct.pdf", &render_example(EXAMPLE));
    let (_, info) = tool("pdfinfo", &[], &file);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.contains("yes")), "{info}");
    let tree = structure(&file);
    let element = |name: &str| tree.lines().filter(|l| l.trim_start().starts_with(name)).count();
    assert!(element("H1 ") >= 4 && element("H2 ") >= 5 && element("H3 ") >= 4, "headings:\n{tree}");
    assert!(element("P ") > 20, "paragraphs");
    assert!(element("Link ") >= 5, "links with their annotations");
    assert_eq!(element("Table "), 1);
    assert_eq!(element("TH:"), 3, "one header row");
    assert!(element("TD") >= 16, "data cells");
    // Reading order: the title comes first among the headings, with its text inside.
    let title = tree.lines().position(|l| l.contains("\"临时议程说明\"")).expect("title text in the tree");
    let first_h1 = tree.lines().position(|l| l.trim_start().starts_with("H1 ")).expect("an H1");
    assert_eq!(title, first_h1 + 1);
    // Running heads and page numbers are artifacts, not content.
    assert!(!tree.contains("\"2/4\""), "page numbers are artifacts");

    let long = temp_file("archival-struct-long.pdf", &render_example("examples/long-report.json"));
    let tree = structure(&long);
    assert!(
        tree.lines().filter(|l| l.trim_start().starts_with("Note")).count() >= 50,
        "footnotes are Note elements"
    );
}

/// The structure element behind a qpdf reference (`"12 0 R"`), and its type.
fn elem<'a>(objects: &'a serde_json::Value, reference: &serde_json::Value) -> Option<&'a serde_json::Value> {
    let key = format!("obj:{}", reference.as_str()?);
    objects.get(&key).map(|o| &o["value"])
}

fn kids<'a>(objects: &'a serde_json::Value, e: &'a serde_json::Value) -> Vec<&'a serde_json::Value> {
    match &e["/K"] {
        serde_json::Value::Array(list) => list.iter().filter_map(|k| elem(objects, k)).collect(),
        k => elem(objects, k).into_iter().collect(),
    }
}

#[test]
fn the_agenda_is_tagged_as_a_list_with_nested_sub_items() {
    let file = temp_file("archival-lists.pdf", &render_archival());
    let (ok, json) = tool("qpdf", &["--json", "--json-output"], &file);
    assert!(ok, "qpdf reads the file");
    let json: serde_json::Value = serde_json::from_str(&json).expect("qpdf JSON");
    let objects = &json["qpdf"][1];
    let lists: Vec<&serde_json::Value> = objects
        .as_object()
        .expect("objects")
        .values()
        .map(|o| &o["value"])
        .filter(|v| v["/S"] == "/L")
        .collect();
    // The agenda: five items, each an LI with its number as Lbl; items 1 and 2 hold a list of
    // two sub-items in their LBody.
    let agenda = lists.iter().find(|l| kids(objects, l).len() == 5).expect("a list of the five agenda items");
    let items = kids(objects, agenda);
    assert!(items.iter().all(|li| li["/S"] == "/LI"));
    let nested: Vec<usize> = items
        .iter()
        .map(|li| {
            let parts = kids(objects, li);
            assert_eq!(
                parts.first().map(|p| p["/S"].clone()),
                Some("/Lbl".into()),
                "each item starts with its label"
            );
            let body = parts.iter().find(|p| p["/S"] == "/LBody").expect("an LBody");
            kids(objects, body).iter().filter(|k| k["/S"] == "/L").map(|l| kids(objects, l).len()).sum()
        })
        .collect();
    assert_eq!(nested, [2, 2, 0, 0, 0], "sub-items nest in their item");
}
