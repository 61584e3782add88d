//! The PDF's dictionaries live in compressed object streams with a cross-reference stream
//! (issue 14), and nothing else changes: every object keeps its number and its value, the
//! text, the tag tree, the fonts, the page count and the document information read the same,
//! as qpdf, pdftotext, pdfinfo and pdffonts see them.

mod common;

use common::{EXAMPLE, load, pdftotext, temp_file, tool};
use ctoc_press::{Lang, Options};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// krilla's plain output and the packed one for version `lang` of `example`, as files whose
/// names start with `prefix` (tests run in parallel: each writes files of its own).
fn plain_and_packed(prefix: &str, example: &str, lang: Lang, archival: bool) -> (PathBuf, PathBuf) {
    let meeting = load(example);
    let options = Options { archival, ..Default::default() };
    let (doc, laid) = ctoc_press::lay_out_with(&meeting, lang, &options).expect("lays out");
    let info = ctoc_press::pdf::Info {
        title: doc.title.clone(),
        subject: doc.symbol.clone(),
        lang: doc.lang.clone(),
        date: doc.date,
        archival,
    };
    let plain = ctoc_press::pdf::write_plain(&laid, &info).expect("writes");
    let packed = ctoc_press::pdf::write(&laid, &info).expect("writes");
    assert_eq!(ctoc_press::pdf::write(&laid, &info).expect("writes"), packed, "the same bytes twice");
    assert_eq!(ctoc_press::pdf::pack_object_streams(&plain).expect("packs"), packed);
    assert!(packed.len() < plain.len(), "packed {} bytes, plain {}", packed.len(), plain.len());
    let stem = format!("{prefix}-{}-{}-{archival}", example.replace('/', "_"), lang.code());
    (temp_file(&format!("{stem}-plain.pdf"), &plain), temp_file(&format!("{stem}-packed.pdf"), &packed))
}

/// Every object and the trailer as qpdf reads them, streams with their raw (still encoded) data.
fn objects(file: &Path) -> Map<String, Value> {
    let (ok, out) = tool("qpdf", &["--json", "--json-stream-data=inline", "--decode-level=none"], file);
    assert!(ok, "qpdf --json failed on {file:?}: {out}");
    let json: Value = serde_json::from_str(&out).expect("qpdf prints JSON");
    match &json["qpdf"][1] {
        Value::Object(objects) => objects.clone(),
        other => panic!("no objects in qpdf's JSON: {other}"),
    }
}

/// How qpdf's cross-reference listing says each object is stored: (compressed, uncompressed).
fn storage(file: &Path) -> (usize, usize) {
    let (ok, out) = tool("qpdf", &["--show-xref"], file);
    assert!(ok, "{out}");
    (out.matches(": compressed;").count(), out.matches(": uncompressed;").count())
}

fn check(example: &str, lang: Lang, archival: bool) {
    let (plain, packed) = plain_and_packed("objstm", example, lang, archival);
    let (ok, out) = tool("qpdf", &["--check"], &packed);
    assert!(ok && out.contains("No syntax or stream encoding errors") && !out.contains("WARNING"), "{out}");

    let (compressed, uncompressed) = storage(&packed);
    assert_eq!(storage(&plain).0, 0, "krilla's own output has no object streams");
    assert!(compressed > 100, "{compressed} objects in object streams, {uncompressed} outside");

    // The same objects under the same numbers; what is new is only object streams and the
    // cross-reference stream, which carries the old trailer's entries.
    let before = objects(&plain);
    let after = objects(&packed);
    for (key, value) in &before {
        if key == "trailer" {
            continue;
        }
        assert_eq!(after.get(key), Some(value), "{key} changed");
    }
    let new: Vec<&Value> = after.iter().filter(|(k, _)| !before.contains_key(*k)).map(|(_, v)| v).collect();
    assert!(!new.is_empty());
    for value in &new {
        let kind = &value["stream"]["dict"]["/Type"];
        assert!(kind == "/ObjStm" || kind == "/XRef", "an unexpected new object {value}");
    }
    for key in ["/Root", "/Info", "/ID"] {
        assert_eq!(after["trailer"]["value"][key], before["trailer"]["value"][key], "{key}");
    }
    // The catalog and the structure tree root are among the packed objects.
    let root = before["trailer"]["value"]["/Root"].as_str().expect("a root reference").to_string();
    let tree =
        before[&format!("obj:{root}")]["value"]["/StructTreeRoot"].as_str().expect("tagged").to_string();
    let (_, xref) = tool("qpdf", &["--show-xref"], &packed);
    for reference in [&root, &tree] {
        let number = reference.split(' ').next().unwrap_or_default();
        assert!(xref.contains(&format!("\n{number}/0: compressed;")), "{reference} is not packed");
    }

    assert_eq!(pdftotext(&packed, &[]), pdftotext(&plain, &[]), "the same text");
    assert_eq!(pdftotext(&packed, &["-layout"]), pdftotext(&plain, &["-layout"]));
    let (ok, fonts) = tool("pdffonts", &[], &packed);
    assert!(ok && fonts.lines().count() > 3, "{fonts}");
    assert_eq!(fonts, tool("pdffonts", &[], &plain).1, "the same fonts");
    let info = |file: &Path| {
        let (ok, out) = tool("pdfinfo", &[], file);
        assert!(ok, "{out}");
        out.lines().filter(|l| !l.starts_with("File size:")).map(str::to_string).collect::<Vec<_>>()
    };
    let packed_info = info(&packed);
    assert_eq!(packed_info, info(&plain));
    assert!(packed_info.iter().any(|l| l.starts_with("Pages:") && !l.ends_with(" 0")), "{packed_info:?}");
    assert!(packed_info.contains(&"Tagged:          yes".to_string()), "{packed_info:?}");
}

#[test]
fn the_seed_is_packed_and_reads_the_same() {
    check(EXAMPLE, Lang::Zh, false);
}

#[test]
fn the_six_language_seed_is_packed_and_reads_the_same() {
    check("examples/ctoc-cop-wg3-2021-1-all.json", Lang::En, false);
    check("examples/ctoc-cop-wg3-2021-1-all.json", Lang::Ar, true);
}

#[test]
fn the_archival_seed_is_packed_and_reads_the_same() {
    check(EXAMPLE, Lang::Zh, true);
}

/// The tag tree with its text, as poppler reads it (only on the seed: poppler takes seconds on
/// the larger trees).
#[test]
fn the_packed_seed_has_the_same_tag_tree() {
    let (plain, packed) = plain_and_packed("objstm-tags", EXAMPLE, Lang::Zh, true);
    let (ok, tree) = tool("pdfinfo", &["-struct-text"], &packed);
    assert!(ok && tree.lines().count() > 100, "{tree}");
    assert_eq!(tree, tool("pdfinfo", &["-struct-text"], &plain).1);
}

#[test]
fn the_long_report_is_packed_and_reads_the_same() {
    check("examples/long-report.json", Lang::Zh, false);
}
