//! Pagination over the laid-out pages of every example: headings keep with what follows, no
//! paragraph leaves a single line on a page, footnotes sit on the page of their reference,
//! every table page starts with the header row; and the PDF outline, read back by qpdf, lists
//! every heading with its page.

mod common;
use common::*;
use ctoc_press::Lang;
use ctoc_press::doc::{Block, Document};
use ctoc_press::layout::{Item, Layout, Role, TextRun};
use std::collections::BTreeMap;

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| format!("examples/{}", p.file_name().and_then(|n| n.to_str()).unwrap_or_default()))
        .collect();
    v.sort();
    v
}

fn laid(path: &str) -> (Document, Layout) {
    let meeting = load(path);
    ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out")
}

fn runs(page: &ctoc_press::layout::Page) -> impl Iterator<Item = &TextRun> {
    page.items.iter().filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None })
}

fn is_heading(doc: &Document, block: usize) -> bool {
    matches!(doc.blocks.get(block), Some(Block::Para { outline: Some(_), .. }))
}

#[test]
fn no_heading_ends_a_page() {
    for path in examples() {
        let (doc, layout) = laid(&path);
        for (p, page) in layout.pages.iter().enumerate().take(layout.pages.len() - 1) {
            let last = runs(page)
                .filter(|r| r.block.is_some() && !matches!(r.role, Role::Footnote(_)))
                .max_by(|a, b| a.y.0.total_cmp(&b.y.0));
            if let Some(run) = last {
                let block = run.block.unwrap_or_default();
                assert!(
                    !is_heading(&doc, block),
                    "{path}: page {} ends with the heading {:?}",
                    p + 1,
                    run.text
                );
            }
        }
    }
}

#[test]
fn no_paragraph_leaves_one_line_on_a_page() {
    for path in examples() {
        let (doc, layout) = laid(&path);
        // block → page → distinct baselines
        let mut lines: BTreeMap<usize, BTreeMap<usize, Vec<i64>>> = BTreeMap::new();
        for (p, page) in layout.pages.iter().enumerate() {
            for run in runs(page).filter(|r| matches!(r.role, Role::Paragraph | Role::Heading(_))) {
                if let Some(b) = run.block {
                    let ys = lines.entry(b).or_default().entry(p).or_default();
                    let y = (run.y.0 * 10.0).round() as i64;
                    if !ys.contains(&y) {
                        ys.push(y);
                    }
                }
            }
        }
        let mut split = 0;
        for (block, pages) in &lines {
            if pages.len() > 1 {
                split += 1;
                assert!(matches!(doc.blocks[*block], Block::Para { .. }));
                for (p, ys) in pages {
                    assert!(
                        ys.len() >= 2,
                        "{path}: block {block} leaves {} line(s) on page {}",
                        ys.len(),
                        p + 1
                    );
                }
            }
        }
        if path.contains("long-report") {
            assert!(split > 0, "the long example splits some paragraph across pages");
        }
    }
}

#[test]
fn footnotes_sit_on_the_page_of_their_reference() {
    let mut seen = 0;
    for path in examples() {
        let (doc, layout) = laid(&path);
        let mut mark_page = BTreeMap::new();
        let mut note_pages: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (p, page) in layout.pages.iter().enumerate() {
            for run in runs(page) {
                match run.role {
                    Role::NoteMark(n) => {
                        mark_page.insert(n, p);
                    }
                    Role::Footnote(n) => note_pages.entry(n).or_default().push(p),
                    _ => {}
                }
            }
        }
        assert_eq!(mark_page.len(), doc.notes.len(), "{path}: every note has a mark in the text");
        for (n, p) in &mark_page {
            let pages = note_pages.get(n).unwrap_or_else(|| panic!("{path}: note {n} is not set"));
            assert_eq!(
                pages[0],
                *p,
                "{path}: note {} starts on page {} but its mark is on page {}",
                n + 1,
                pages[0] + 1,
                p + 1
            );
            for w in pages.windows(2) {
                assert!(
                    w[1] == w[0] || w[1] == w[0] + 1,
                    "{path}: note {} continues on a page that does not follow",
                    n + 1
                );
            }
            seen += 1;
        }
    }
    assert!(seen > 0, "the examples have footnotes");
}

#[test]
fn every_table_page_starts_with_the_header_row() {
    for path in examples() {
        let (_, layout) = laid(&path);
        for (p, page) in layout.pages.iter().enumerate() {
            // Row 0 of a table is its header (tagged as an artifact where it is repeated).
            let top = runs(page).filter(|r| r.cell.is_some()).min_by(|a, b| a.y.0.total_cmp(&b.y.0));
            if let Some(run) = top {
                assert_eq!(
                    run.cell.map(|c| c.0),
                    Some(0),
                    "{path}: page {} has table rows but no header on top",
                    p + 1
                );
            }
        }
    }
}

/// (title, page from 1) of every outline entry, depth first, as qpdf reads them.
fn qpdf_outline(value: &serde_json::Value, out: &mut Vec<(String, u64)>) {
    if let Some(items) = value.as_array() {
        for item in items {
            let title = item["title"].as_str().unwrap_or_default().to_string();
            out.push((title, item["destpageposfrom1"].as_u64().unwrap_or(0)));
            qpdf_outline(&item["kids"], out);
        }
    }
}

#[test]
fn the_outline_lists_every_heading_with_its_page() {
    for path in examples() {
        let (doc, layout) = laid(&path);
        let mut expected = Vec::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            if let Block::Para { label, inlines, outline: Some(_), .. } = block {
                let title = ctoc_press::doc::heading_title(label.as_deref(), inlines);
                let page = layout
                    .pages
                    .iter()
                    .position(|pg| runs(pg).any(|r| r.block == Some(b)))
                    .expect("the heading is on a page");
                expected.push((title, page as u64 + 1));
            }
        }
        let meeting = load(&path);
        // The Chinese version, the one `laid` lays out (the six-language example lists Arabic
        // first).
        let options = ctoc_press::Options { languages: Some(vec![Lang::Zh]), ..Default::default() };
        let pdf = ctoc_press::render(&meeting, &options).expect("renders").remove(0).pdf;
        let file = temp_file(&format!("outline-{}.pdf", path.replace('/', "_")), &pdf);
        let (ok, json) = tool("qpdf", &["--json", "--json-key=outlines"], &file);
        assert!(ok, "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).expect("qpdf JSON");
        let mut actual = Vec::new();
        qpdf_outline(&value["outlines"], &mut actual);
        assert_eq!(actual, expected, "{path}");
    }
}

#[test]
fn metadata_names_the_document() {
    let file = temp_file("flow-meta.pdf", &render_example(EXAMPLE));
    let (ok, info) = tool("pdfinfo", &[], &file);
    assert!(ok);
    assert!(
        info.lines().any(|l| l.starts_with("Title:")
            && l.contains("CTOC/COP/WG.3/2021/1")
            && l.contains("临时议程说明")),
        "{info}"
    );
    assert!(info.lines().any(|l| l.starts_with("Subject:") && l.contains("CTOC/COP/WG.3/2021/1")), "{info}");
    let (_, meta) = tool("pdfinfo", &["-meta"], &file);
    assert!(meta.contains("zh-CN"), "the language is zh-CN");
}

#[test]
fn table_columns_widen_for_what_cannot_break() {
    // Columns far too narrow for "1(a)" or "10": the layout widens them, so no cell's text
    // runs into the next cell.
    let meeting = ctoc_press::parse(&read(EXAMPLE)).expect("valid");
    let mut doc = ctoc_press::template::build(&meeting, Lang::Zh).expect("tree");
    for block in &mut doc.blocks {
        if let Block::Table(t) = block {
            t.columns = vec![0.02, 0.02, 0.96];
        }
    }
    let layout = ctoc_press::layout::layout(&doc).expect("lays out");
    let right = doc.spec.column_left + doc.spec.column_width;
    let mut cells = 0;
    for page in &layout.pages {
        let table: Vec<&TextRun> = runs(page).filter(|r| r.cell.is_some()).collect();
        for a in &table {
            cells += 1;
            assert!(a.x.0 + a.width().0 <= right.0 + 0.5, "{:?} runs past the column", a.text);
            for b in &table {
                let same_line = (a.y.0 - b.y.0).abs() < 0.5;
                let other_cell = a.cell.map(|c| c.1) != b.cell.map(|c| c.1);
                let overlap = a.x.0 < b.x.0 + b.width().0 - 0.5 && b.x.0 < a.x.0 + a.width().0 - 0.5;
                assert!(!(same_line && other_cell && overlap), "{:?} overlaps {:?}", a.text, b.text);
            }
        }
    }
    assert!(cells > 20);
}
