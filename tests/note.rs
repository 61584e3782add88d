//! A note by the Secretariat (`"kind": "note"`), read back from its PDFs: every contents
//! entry's page is the page pdftotext finds its heading on and its paragraph range holds the
//! paragraphs numbered under it; the table is tagged TOC / TOCI; the head of title sits where
//! the template puts it; the note renders through batch; bad note content is refused.

#[path = "common/cli.rs"]
mod cli;
mod common;
use cli::{ctoc_press, fresh_dir, stderr};
use common::*;
use ctoc_press::{Error, Lang};
use serde_json::{Value, json};

const NOTE: &str = "examples/note-firearms-2024.json";

/// Each version's PDF file.
fn rendered(tag: &str) -> Vec<(Lang, std::path::PathBuf)> {
    let meeting = load(NOTE);
    ctoc_press::render(&meeting, &Default::default())
        .expect("renders")
        .into_iter()
        .map(|r| (r.lang, temp_file(&format!("note-{tag}-{}.pdf", r.lang.code()), &r.pdf)))
        .collect()
}

/// A line of the contents table: the heading's text as printed there (label and title,
/// joined over the lines it wraps onto), its paragraph range and its page.
#[derive(Debug)]
struct Entry {
    heading: String,
    range: Option<(u32, u32)>,
    page: usize,
}

fn contents_title(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "目录" } else { "Contents" }
}

fn is_leader_line(line: &str) -> bool {
    line.contains(". . .") || line.contains("...")
}

/// The contents entries of a version's layout text: the lines from the contents title to the
/// last line with leaders; an entry ends on its line with leaders, the page last, the range
/// (`5–10`, `5-10` or `27`) before it.
fn entries(pages: &[&str], contents_title: &str) -> Vec<Entry> {
    let lines: Vec<(usize, &str)> =
        pages.iter().take(3).enumerate().flat_map(|(p, t)| t.lines().map(move |l| (p, l))).collect();
    let start = lines.iter().position(|(_, l)| l.trim() == contents_title).expect("the contents title");
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut page = lines[start].0;
    let mut head_to_skip = false;
    for &(p, line) in &lines[start + 1..] {
        if p != page {
            // What came since the last entry was the foot of the page; the new page's first
            // line is its running head.
            (page, head_to_skip) = (p, true);
            pending.clear();
        }
        if line.trim().is_empty() || line.contains("Paragraphs") || line.contains("段次") {
            continue;
        }
        if std::mem::take(&mut head_to_skip) {
            continue;
        }
        if !is_leader_line(line) {
            // The first lines of an entry that wraps.
            pending.push_str(line.trim());
            continue;
        }
        let cut = line.find(". .").or_else(|| line.find("..")).unwrap_or(line.len());
        let heading = format!("{pending}{}", &line[..cut]);
        pending.clear();
        let numbers: Vec<&str> = line[cut..].split_whitespace().filter(|w| !w.contains('.')).collect();
        let page = numbers.last().and_then(|p| p.parse().ok()).expect("a page number");
        let range = match numbers.len() {
            2 => {
                let r = numbers[0];
                let (a, b) = r.split_once(['–', '-']).unwrap_or((r, r));
                Some((a.parse().expect("first paragraph"), b.parse().expect("last paragraph")))
            }
            _ => None,
        };
        out.push(Entry { heading: strip_ws(&heading), range, page });
    }
    out
}

/// A section's entry: its label is a Latin capital A–H and a full stop (chapters are I., II.
/// or 一., 二.).
fn is_section(heading: &str) -> bool {
    let mut c = heading.chars();
    matches!((c.next(), c.next()), (Some('A'..='H'), Some('.')))
}

/// The numbers that start lines (`12.` then a space): paragraph numbers.
fn paragraph_number(line: &str) -> Option<u32> {
    let l = line.trim_start();
    let (n, rest) = l.split_once('.')?;
    (rest.starts_with(' ') && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| n.parse().ok())?
}

/// Where a heading starts in the body: (page, line) of the first line, outside the contents,
/// from which the heading's text follows (it may wrap over up to three lines). An annex
/// entry prints "Annex I. Title" (附件一　标题) where the body has the label above the title.
fn find_heading(lines: &[(usize, &str)], heading: &str) -> Option<usize> {
    let needle = match heading.strip_prefix("Annex") {
        Some(rest) => format!("Annex{}", rest.replacen('.', "", 1)),
        None => heading.to_string(),
    };
    (0..lines.len()).find(|&k| {
        let first = strip_ws(lines[k].1);
        if first.is_empty() || !(needle.starts_with(&first) || first.starts_with(&needle)) {
            return false;
        }
        let joined: String = lines[k..(k + 3).min(lines.len())].iter().map(|(_, l)| strip_ws(l)).collect();
        joined.starts_with(&needle)
    })
}

#[test]
fn contents_pages_and_paragraph_ranges_match_the_body() {
    for (lang, file) in rendered("contents") {
        let text = pdftotext(&file, &["-layout"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let entries = entries(&pages, contents_title(lang));
        assert_eq!(entries.len(), 19, "{lang}: 6 chapters, 11 sections and 2 annexes: {entries:#?}");
        // The body: every line after the last line of the table, with its page (1-based).
        let all: Vec<(usize, &str)> =
            pages.iter().enumerate().flat_map(|(p, t)| t.lines().map(move |l| (p + 1, l))).collect();
        let last_leader = all.iter().rposition(|(_, l)| is_leader_line(l)).expect("leaders");
        let body = &all[last_leader + 1..];
        let starts: Vec<usize> = entries
            .iter()
            .map(|e| find_heading(body, &e.heading).unwrap_or_else(|| panic!("{lang}: no heading {e:?}")))
            .collect();
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(body[starts[i]].0, e.page, "{lang}: the page of {}", e.heading);
            // The paragraphs under the heading: up to the next heading, or for a chapter up
            // to the next chapter or annex (its range takes in its sections').
            let end = (i + 1..entries.len())
                .find(|&j| is_section(&e.heading) || !is_section(&entries[j].heading))
                .map_or(body.len(), |j| starts[j]);
            let numbers: Vec<u32> =
                body[starts[i]..end].iter().filter_map(|(_, l)| paragraph_number(l)).collect();
            let found = numbers.first().map(|&a| (a, *numbers.last().unwrap_or(&a)));
            assert_eq!(e.range, found, "{lang}: the paragraphs of {}", e.heading);
        }
    }
}

fn template(name: &str) -> Value {
    serde_json::from_str(&read(&format!("templates/{name}.json"))).expect("template JSON")
}

#[test]
fn the_masthead_and_the_contents_columns_stand_where_the_templates_put_them() {
    let (base, note) = (template("un-a4"), template("note"));
    let slot = &base["page"]["slots"]["distribution"];
    let right = num(&base["page"], &["column_left"]) + num(&base["page"], &["column_width"]);
    let page_column = num(&note["page"]["contents"], &["page"]);
    for (lang, file) in rendered("masthead") {
        let pages = words(&file);
        let p1 = &pages[0];
        // The masthead: the symbol ends at the frame, the distribution block at its slot.
        close(find(p1, "/COP/WG.6/2024/2").x_max, num(&base["page"], &["frame_right"]), "symbol right edge");
        let distr = find(p1, "Distr.:");
        close(distr.x_min, num(slot, &["x"]), "distribution x");
        close(size_and_baseline(distr).1, num(slot, &["baseline"]), "distribution baseline");
        // The contents: the page column's head and every page number end at the column's
        // right edge; the paragraph column's head ends a page column before it.
        let (paragraphs, page) = if lang == Lang::Zh { ("段次", "页次") } else { ("Paragraphs", "Page") };
        close(find(p1, page).x_max, right, "page head right edge");
        close(find(p1, paragraphs).x_max, right - page_column, "paragraphs head right edge");
        let head_y = find(p1, page).y_max;
        let numbers: Vec<&Word> = p1
            .iter()
            .filter(|w| w.y_min > head_y && w.x_min > right - page_column && w.text.parse::<u32>().is_ok())
            .collect();
        assert!(numbers.len() >= 15, "{lang}: page numbers of the contents on page 1: {numbers:?}");
        for w in numbers {
            close(w.x_max, right, &format!("{lang}: page number {} right edge", w.text));
        }
    }
}

#[test]
fn the_contents_table_is_tagged_toc_with_one_toci_a_line() {
    for (lang, file) in rendered("tags") {
        let out =
            std::process::Command::new("pdfinfo").arg("-struct-text").arg(&file).output().expect("pdfinfo");
        let tree = String::from_utf8_lossy(&out.stdout).into_owned();
        let element = |name: &str| tree.lines().filter(|l| l.trim() == name).count();
        assert_eq!(element("TOC"), 1, "{lang}: one TOC");
        // The column heads and 19 entries; the leaders are artifacts, not text.
        assert_eq!(element("TOCI"), 20, "{lang}");
        let at = tree.lines().position(|l| l.trim() == "TOC").expect("TOC");
        let toc: Vec<&str> = tree.lines().skip(at).take(12).collect();
        assert!(!toc.iter().any(|l| l.contains("..")), "{lang}: leaders in the tree: {toc:?}");
        let first = if lang == Lang::Zh { "\"导言\"" } else { "\"Introduction\"" };
        assert!(toc.iter().any(|l| l.trim() == first), "{lang}: {toc:?}");
    }
}

#[test]
fn a_note_renders_the_same_bytes_twice_and_through_batch() {
    let dir = fresh_dir("note-batch");
    std::fs::create_dir_all(dir.join("inputs/note")).expect("mkdir");
    for f in [
        "note-firearms-2024.json",
        "note/firearms-2024.en.md",
        "note/firearms-2024.zh.md",
        "note/seizures-by-region-2022.svg",
    ] {
        std::fs::copy(root().join("examples").join(f), dir.join("inputs").join(f)).expect("copy example");
    }
    let out = ctoc_press(&[
        "batch",
        dir.join("inputs").to_str().expect("path"),
        "--out-dir",
        dir.join("out").to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let single = load(NOTE);
    for r in ctoc_press::render(&single, &Default::default()).expect("renders") {
        let name = format!("CTOC_COP_WG.6_2024_2-{}.pdf", r.lang.code());
        let batch = std::fs::read(dir.join("out").join(&name)).expect("batch output");
        assert!(batch == r.pdf, "{name}: the batch and a single render differ");
        assert!(r.pages >= 10, "{name}: {} pages", r.pages);
    }
}

/// The note example's JSON with `changes` applied, parsed with its body files.
fn parse_changed(changes: Value) -> Result<ctoc_press::Meeting, Error> {
    let mut v: Value = serde_json::from_str(&read(NOTE)).expect("JSON");
    for (key, value) in changes.as_object().expect("an object of changes") {
        match value {
            Value::Null => drop(v.as_object_mut().and_then(|o| o.remove(key))),
            _ => v[key] = value.clone(),
        }
    }
    let folder = root().join("examples");
    let (files, images) =
        (ctoc_press::input::files_beside(&folder), ctoc_press::input::bytes_beside(&folder));
    ctoc_press::parse_with_readers(&v.to_string(), &[], &files, &images)
}

fn problems(result: Result<ctoc_press::Meeting, Error>) -> Vec<(String, String)> {
    match result {
        Err(Error::Invalid(problems)) => problems.into_iter().map(|p| (p.path, p.message)).collect(),
        Err(other) => panic!("expected problems, got {other}"),
        Ok(_) => panic!("expected problems, the description was accepted"),
    }
}

#[test]
fn note_content_belongs_to_a_note_and_a_note_has_it() {
    let without = problems(parse_changed(json!({"note": null})));
    assert!(without.iter().any(|(path, m)| path == "$" && m.contains("needs its `note`")), "{without:?}");
    let on_a_report = problems(parse_changed(json!({"kind": "report"})));
    assert!(on_a_report.iter().any(|(path, _)| path == "$.note"), "{on_a_report:?}");
    let report_content = problems(parse_changed(json!({"report": {"chapters": []}})));
    assert!(report_content.iter().any(|(path, m)| path == "$.report" && m.contains("under `note`")));
    // A problem in a note's body file is placed at the note's key and in the file.
    let missing =
        problems(parse_changed(json!({"note": {"body_files": {"zh": "note/firearms-2024.zh.md"}}})));
    assert!(missing.iter().any(|(path, m)| path == "$.note.body_files" && m.contains("`en`")), "{missing:?}");
}

#[test]
fn a_text_of_a_note_body_file_is_reported_at_its_line() {
    let dir = fresh_dir("note-bad-body");
    let en = read("examples/note/firearms-2024.en.md").replacen(
        "In its resolution",
        "<b>In</b> its resolution",
        1,
    );
    std::fs::write(dir.join("en.md"), en).expect("write");
    std::fs::write(dir.join("zh.md"), read("examples/note/firearms-2024.zh.md")).expect("write");
    let mut v: Value = serde_json::from_str(&read(NOTE)).expect("JSON");
    v["note"] = json!({"body_files": {"zh": "zh.md", "en": "en.md"}});
    let result = ctoc_press::parse_with_files(&v.to_string(), &[], &ctoc_press::input::files_beside(&dir));
    let found = problems(result);
    assert!(
        found.iter().any(|(path, m)| path == "$.note.body_files.en" && m.starts_with("en.md:")),
        "{found:?}"
    );
}

/// The page (1-based) each internal link annotation goes to, in the file's order: the
/// `/Dest` of `/Link` annotations, read from qpdf's QDF form, whose comments name the pages.
fn link_destinations(file: &std::path::Path) -> Vec<usize> {
    let qdf = qdf_text(file);
    let objects: Vec<&str> = qdf.split("\nendobj").collect();
    let number = |chunk: &str| -> Option<String> {
        let line = chunk.lines().find(|l| l.ends_with(" 0 obj"))?;
        Some(line.trim_end_matches(" 0 obj").trim().to_string())
    };
    let find = |n: &str| objects.iter().find(|o| number(o).as_deref() == Some(n)).copied();
    let page_of = |n: &str| -> Option<usize> {
        let chunk = find(n)?;
        let comment = chunk.lines().find(|l| l.starts_with("%% Page "))?;
        comment.trim_start_matches("%% Page ").trim().parse().ok()
    };
    objects
        .iter()
        .filter(|o| o.contains("/Subtype /Link") && o.contains("/Dest "))
        .filter_map(|o| {
            let dest = o.lines().find_map(|l| l.trim().strip_prefix("/Dest "))?.trim_end_matches(" 0 R");
            let array = find(dest)?;
            let page = array.lines().find_map(|l| l.trim().strip_suffix(" 0 R"))?;
            page_of(page)
        })
        .collect()
}

#[test]
fn contents_entries_link_to_their_headings_and_the_archival_render_validates() {
    for (lang, file) in rendered("links") {
        let text = pdftotext(&file, &["-layout"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let expected: Vec<usize> = entries(&pages, contents_title(lang)).iter().map(|e| e.page).collect();
        assert_eq!(link_destinations(&file), expected, "{lang}: the pages the contents links go to");
    }
    // krilla validates PDF/A-2a and PDF/UA-1 when it writes: the TOC, its links and their
    // annotations must pass.
    let options = ctoc_press::Options { archival: true, ..Default::default() };
    let archival = ctoc_press::render(&load(NOTE), &options).expect("archival render");
    assert_eq!(archival.len(), 2);
}

#[test]
fn captioned_tables_are_numbered_and_the_annex_table_runs_over_pages_under_its_head() {
    for (lang, file) in rendered("tables") {
        let text = pdftotext(&file, &["-layout"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let (label, head) = if lang == Lang::Zh {
            ("表", "条款主题指导性问题")
        } else {
            ("Table ", "ArticleSubjectGuidingquestions")
        };
        let numbers: Vec<(usize, String)> = pages
            .iter()
            .enumerate()
            .flat_map(|(p, t)| t.lines().map(move |l| (p, l.trim().to_string())))
            .filter(|(_, l)| {
                l.strip_prefix(label).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        let labels: Vec<&str> = numbers.iter().map(|(_, l)| l.as_str()).collect();
        let expected: Vec<String> = (1..=3).map(|n| format!("{label}{n}")).collect();
        assert_eq!(labels, expected, "{lang}: table numbers");
        // The third table's head stands on its first page and is repeated on each page it runs onto.
        let first = numbers[2].0;
        let with_head: Vec<usize> = (0..pages.len()).filter(|&p| strip_ws(pages[p]).contains(head)).collect();
        assert!(
            with_head.len() >= 2 && with_head[0] == first,
            "{lang}: the head is on pages {with_head:?}, the table starts on {first}"
        );
    }
}
