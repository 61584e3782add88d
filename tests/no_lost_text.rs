//! No text is lost and no input crashes the writer: a document symbol in a table cell becomes a
//! link tagged inside its cell (it used to panic in the PDF writer), a table row taller than a
//! page splits across pages under its repeated head, and the frame check refuses any layout
//! that puts text outside the page's text frame.

mod common;
use common::*;
use ctoc_press::layout::{Item, Role};
use ctoc_press::{Error, Lang, Options};
use serde_json::Value;

/// The seed with the title of the organization of work's second session set to `title`.
fn seed_with_session_title(title: &str) -> ctoc_press::Meeting {
    let mut v: Value = serde_json::from_str(&read(EXAMPLE)).expect("the seed is JSON");
    v["organization_of_work"][0]["sessions"][1]["items"][0]["title"] = serde_json::json!({ "zh": title });
    ctoc_press::parse(&v.to_string()).expect("the changed seed is valid")
}

fn render(meeting: &ctoc_press::Meeting, archival: bool) -> Vec<u8> {
    let options = Options { archival, ..Options::default() };
    let out = ctoc_press::render(meeting, &options).expect("renders");
    out.into_iter().next().expect("one language version").pdf
}

#[test]
fn a_symbol_in_a_table_cell_is_a_link_tagged_in_its_cell() {
    let meeting =
        seed_with_session_title("最后确定并通过工作组第十一次会议提出的建议（CTOC/COP/WG.3/2020/4）");
    for archival in [false, true] {
        let pdf = temp_file(&format!("cell-link-{archival}.pdf"), &render(&meeting, archival));
        let text = pdftotext(&pdf, &[]);
        assert!(text.contains("CTOC/COP/WG.3/2020/4"), "the cited symbol is read back");
        let (ok, json) = tool("qpdf", &["--json"], &pdf);
        assert!(ok, "qpdf reads the file");
        let json: Value = serde_json::from_str(&json).expect("qpdf JSON");
        let objects = json["qpdf"][1].as_object().expect("objects");
        let target = "https://undocs.org/zh/CTOC/COP/WG.3/2020/4";
        let link_annots: Vec<&Value> = objects
            .values()
            .filter_map(|o| o.get("value"))
            .filter(|o| o["/Subtype"] == "/Link")
            .filter(|o| {
                let uri = o["/A"]["/URI"].as_str().unwrap_or_default();
                uri.contains(target)
            })
            .collect();
        // The symbol appears in the annotations table and once in the annex table's cell.
        assert!(!link_annots.is_empty(), "a link annotation to {target}");
        for a in link_annots {
            assert!(a.get("/StructParent").is_some(), "the annotation is in the tag tree: {a}");
        }
    }
}

#[test]
fn a_row_taller_than_a_page_splits_under_its_repeated_head() {
    // Characters the seed does not have, so that each one read back belongs to this row.
    let sentence = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳申酉戌亥。";
    let meeting = seed_with_session_title(&sentence.repeat(200));
    let (_, layout) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
    // Every page that holds a table cell of the row starts its table part with the head.
    let mut pages_with_row = 0;
    for page in &layout.pages {
        let runs: Vec<_> =
            page.items.iter().filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None }).collect();
        let cells: Vec<_> =
            runs.iter().filter(|r| r.role == Role::TableCell && r.text.contains('癸')).collect();
        if cells.is_empty() {
            continue;
        }
        pages_with_row += 1;
        let top_cell = cells.iter().map(|r| r.y.0).fold(f32::MAX, f32::min);
        let head_above = runs.iter().any(|r| r.cell.is_some_and(|(row, _)| row == 0) && r.y.0 < top_cell);
        assert!(head_above, "the table head stands above the row's part on every page");
    }
    assert!(pages_with_row >= 3, "a row of 4,800 characters runs over several pages, got {pages_with_row}");
    // Every character of the row is read back (pdftotext interleaves the columns of a
    // table, so characters are counted, not sentences).
    let text = pdftotext(&temp_file("tall-row.pdf", &render(&meeting, false)), &[]);
    for c in sentence.chars().filter(|c| !c.is_ascii_punctuation() && *c != '，' && *c != '。') {
        assert_eq!(text.chars().filter(|&x| x == c).count(), 200, "every `{c}` of the row is read back");
    }
}

#[test]
fn the_frame_check_refuses_text_outside_the_frame() {
    let meeting = ctoc_press::parse(&read(EXAMPLE)).expect("valid");
    let (doc, layout) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
    assert!(ctoc_press::layout::frame::check(&doc.spec, &layout).is_ok(), "the seed lies inside its frame");
    // Move one body line below the bottom of the body, and one over the right edge.
    let (bottom, right) = (doc.spec.body_bottom.0, doc.spec.frame_right.0);
    for (x, y) in [(None, Some(bottom + 12.0)), (Some(right - 10.0), None)] {
        let mut moved = layout.clone();
        let page = moved.pages.last_mut().expect("a page");
        let run = page
            .items
            .iter_mut()
            .rev()
            .find_map(|i| match i {
                Item::Text(r) if r.role == Role::Paragraph || r.role == Role::TableCell => Some(r),
                _ => None,
            })
            .expect("a body line");
        run.x.0 = x.unwrap_or(run.x.0);
        run.y.0 = y.unwrap_or(run.y.0);
        match ctoc_press::layout::frame::check(&doc.spec, &moved) {
            Err(Error::OutsideFrame { page, .. }) => assert_eq!(page, layout.pages.len()),
            other => panic!("moved to ({x:?}, {y:?}): expected OutsideFrame, got {other:?}"),
        }
    }
}

#[test]
fn a_note_longer_than_a_page_continues_over_pages_of_notes() {
    let mut v: Value = serde_json::from_str(&read(EXAMPLE)).expect("the seed is JSON");
    let note = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳申酉戌亥。".repeat(160);
    v["agenda"][1]["annotations"][0] = serde_json::json!({ "zh": format!("正文^[{note}]。") });
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    let (doc, layout) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
    assert!(ctoc_press::layout::frame::check(&doc.spec, &layout).is_ok());
    let pdf = temp_file("long-note.pdf", &render(&meeting, false));
    let text = pdftotext(&pdf, &[]);
    for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳申酉戌亥".chars() {
        assert_eq!(text.chars().filter(|&x| x == c).count(), 160, "every `{c}` of the note is read back");
    }
}

#[test]
fn a_title_note_longer_than_a_page_continues_overleaf() {
    // The title's note is referenced from a row that stands first on its page, so the note
    // has no row before it to give way: it takes the room left and continues.
    let mut v: Value = serde_json::from_str(&read(EXAMPLE)).expect("the seed is JSON");
    let note = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳申酉戌亥。".repeat(160);
    v["title_note"] = serde_json::json!({ "zh": note });
    v["reissued"] = serde_json::json!("2021-01-15");
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    let text = pdftotext(&temp_file("long-title-note.pdf", &render(&meeting, false)), &[]);
    for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳申酉戌亥".chars() {
        assert_eq!(text.chars().filter(|&x| x == c).count(), 160, "every `{c}` of the note is read back");
    }
}
