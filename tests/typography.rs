//! Chinese typography over whole documents: the line audit over every line of every example,
//! the stress example at several column widths, and line starts read back by poppler.

mod common;
use common::*;
use ctoc_press::Lang;
use ctoc_press::doc::Typography;
use ctoc_press::layout::audit::{Breach, UNAVOIDABLE, audit, figures};
use ctoc_press::units::Pt;

/// Every Chinese example description.
fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".json"))
        .map(|n| format!("examples/{n}"))
        .collect();
    v.sort();
    v
}
const STRESS: &str = "examples/typography-stress.json";

/// The breaches of `lines`, apart from lines beyond the limits that no way of breaking their
/// paragraph could keep within them (those are printed, naming the line).
fn avoidable(what: &str, lines: &[ctoc_press::layout::LineRecord], t: &Typography) -> Vec<Breach> {
    let (unavoidable, real): (Vec<Breach>, Vec<Breach>) =
        audit(lines, true, t).into_iter().partition(|b| UNAVOIDABLE.contains(&b.rule));
    for b in &unavoidable {
        println!("{what}: line {} \"{}\": {}", b.line, b.text, b.rule);
    }
    real
}

#[test]
fn no_line_of_any_example_breaks_a_rule() {
    for path in examples() {
        let meeting = load(&path);
        let (doc, laid) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
        assert!(laid.lines.len() > 40, "{path}: {} lines", laid.lines.len());
        let breaches = avoidable(&path, &laid.lines, &doc.spec.typography);
        assert!(breaches.is_empty(), "{path}: {breaches:#?}");
        let f = figures(&laid.lines);
        println!("{path}: {f:?}");
        assert_eq!(f.compressed, 0, "{path}: punctuation compressed in mid-line");
        assert_eq!(f.orphans, 0, "{path}: a paragraph ends with a line of one character");
    }
}

/// The stress example with its column set to `mm` millimetres.
fn stress_at(mm: f32) -> (ctoc_press::doc::Document, ctoc_press::layout::Layout) {
    let meeting = ctoc_press::parse(&read(STRESS)).expect("valid example");
    let mut doc = ctoc_press::template::build(&meeting, Lang::Zh).expect("document tree");
    doc.spec.column_width = Pt(mm * 72.0 / 25.4);
    let laid = ctoc_press::layout::layout(&doc).expect("lays out");
    (doc, laid)
}

#[test]
fn the_stress_example_keeps_the_rules_and_limits_at_130_100_and_75_mm() {
    for mm in [130.0, 100.0, 75.0] {
        let (doc, laid) = stress_at(mm);
        let t = doc.spec.typography;
        let breaches = avoidable(&format!("{mm} mm"), &laid.lines, &t);
        assert!(breaches.is_empty(), "{mm} mm: {breaches:#?}");
        // At the full measure every line keeps the limits (URLs break between letters where
        // their marks leave holes, symbols before a solidus where nothing else keeps them).
        if mm == 130.0 {
            let all = audit(&laid.lines, true, &t);
            assert!(all.is_empty(), "{mm} mm: {all:#?}");
        }
        let within = laid.lines.iter().filter(|l| l.spacing.justified && !l.spacing.unavoidable).count();
        let beyond = laid.lines.iter().filter(|l| l.spacing.unavoidable).count();
        println!(
            "{mm} mm: {:?}, {within} justified lines within the limits, {beyond} beyond",
            figures(&laid.lines)
        );
        assert!(within > 30, "{mm} mm: {within} lines within the limits");
        assert!(laid.warnings.is_empty(), "{mm} mm: {:?}", laid.warnings);
        // Symbols broken before a solidus are named, and no breaking of their paragraph
        // without symbol breaks kept the limits (rule 3).
        for (i, l) in laid.lines.iter().enumerate() {
            if let Some(needed) = l.spacing.symbol_break {
                let next = laid.lines.get(i + 1).map_or(String::new(), |n| n.text.chars().take(16).collect());
                println!("{mm} mm: symbol broken: \"{}\" | \"{next}\"", l.text.trim_end());
                assert!(needed, "{mm} mm: a symbol broken where other breaks keep the limits: {}", l.text);
            }
        }
    }
}

#[test]
fn the_stress_example_obeys_the_line_rules_at_every_width() {
    let meeting = ctoc_press::parse(&read(STRESS)).expect("valid example");
    let base = ctoc_press::template::build(&meeting, Lang::Zh).expect("document tree");
    let mut lines = 0;
    for ems in [12, 15, 18, 21, 25, 28, 31, 35, 40] {
        let mut doc = base.clone();
        doc.spec.column_width = Pt(10.5 * ems as f32);
        let laid = ctoc_press::layout::layout(&doc).expect("lays out");
        lines += laid.lines.len();
        // Very narrow columns cannot keep the spacing limits; the line rules hold at any width.
        let breaches: Vec<Breach> = audit(&laid.lines, true, &doc.spec.typography)
            .into_iter()
            .filter(|b| !UNAVOIDABLE.contains(&b.rule))
            .collect();
        assert!(breaches.is_empty(), "{ems} em: {breaches:#?}");
    }
    assert!(lines > 500, "{lines} lines checked");
}

#[test]
fn the_audit_sees_a_breach() {
    // The audit itself must fail on a bad line, or the tests above prove nothing.
    let meeting = ctoc_press::parse(&read(STRESS)).expect("valid example");
    let (doc, mut laid) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
    let victim = laid.lines.iter().position(|l| !l.last).expect("a line");
    laid.lines[victim].text.insert(0, '，');
    laid.lines[victim + 1].text.push('（');
    let breaches = audit(&laid.lines, true, &doc.spec.typography);
    assert!(breaches.len() >= 2, "{breaches:#?}");
    // A paragraph's last line cut down to one character and its stop: clreq's orphan.
    let last =
        (1..laid.lines.len()).find(|&i| laid.lines[i].last && !laid.lines[i - 1].last).expect("a paragraph");
    laid.lines[last].text = "议。".to_string();
    let breaches = audit(&laid.lines, true, &doc.spec.typography);
    assert!(
        breaches
            .iter()
            .any(|b| b.line == last && b.rule == "the last line of a paragraph is a single character"),
        "{breaches:#?}"
    );
    assert_eq!(figures(&laid.lines).orphans, 1);
}

/// Lines of the body column as poppler reads them: words grouped by page and baseline.
fn visual_lines(pdf: &std::path::Path) -> Vec<String> {
    let html = pdftotext(pdf, &["-bbox"]);
    let mut out = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words: Vec<(f32, f32, String)> = Vec::new();
        for chunk in page.split("<word ").skip(1) {
            let get = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let s = chunk.find(&key).map(|i| i + key.len()).unwrap_or(0);
                let e = chunk[s..].find('"').map(|i| i + s).unwrap_or(s);
                chunk[s..e].parse().unwrap_or(0.0)
            };
            let open = chunk.find('>').map(|i| i + 1).unwrap_or(0);
            let close = chunk.find("</word>").unwrap_or(chunk.len());
            words.push((get("yMax"), get("xMin"), chunk[open..close].to_string()));
        }
        words.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut current: Option<(f32, String)> = None;
        for (y, _, w) in words {
            match current.as_mut() {
                Some((cy, text)) if (y - *cy).abs() < 2.0 => text.push_str(&w),
                _ => {
                    if let Some((_, t)) = current.take() {
                        out.push(t);
                    }
                    current = Some((y, w));
                }
            }
        }
        if let Some((_, t)) = current {
            out.push(t);
        }
    }
    out
}

#[test]
fn no_visual_line_starts_with_a_prohibited_mark() {
    for path in examples() {
        let file = temp_file(&format!("typo-{}.pdf", path.replace('/', "_")), &render_example(&path));
        let lines = visual_lines(&file);
        assert!(lines.len() > 40);
        for line in &lines {
            let first = line.chars().next().unwrap_or(' ');
            assert!(
                !"，。、；：？！）》”’〕】".contains(first),
                "{path}: a line starts with {first}: {line}"
            );
            let last = line.chars().last().unwrap_or(' ');
            assert!(!"（《“‘〔【".contains(last), "{path}: a line ends with {last}: {line}");
        }
    }
}

/// Every URL and e-mail address of the stress example, with the target its link must have.
const ADDRESSES: [(&str, &str); 12] = [
    ("https://undocs.org/zh/CTOC/COP/WG.3/2021/1", "https://undocs.org/zh/CTOC/COP/WG.3/2021/1"),
    (
        "https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation.html",
        "https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation.html",
    ),
    (
        "www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation.html",
        "https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation.html",
    ),
    (
        "https://sherloc.unodc.org/cld/zh/v3/sherloc/index.html",
        "https://sherloc.unodc.org/cld/zh/v3/sherloc/index.html",
    ),
    (
        "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html?ref=ctoc-cop-wg3-2099-1&section=international-cooperation&lang=zh&view=provisional-agenda-annotations",
        "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html?ref=ctoc-cop-wg3-2099-1&section=international-cooperation&lang=zh&view=provisional-agenda-annotations",
    ),
    (
        "https://www.unodc.org/documents/treaties/organized_crime/2099/Questionnaire_zh.docx",
        "https://www.unodc.org/documents/treaties/organized_crime/2099/Questionnaire_zh.docx",
    ),
    (
        "https://www.unodc.org/cld/en/v3/sherloc/legdb/contacts.html",
        "https://www.unodc.org/cld/en/v3/sherloc/legdb/contacts.html",
    ),
    ("unodc-sherloc@un.org", "mailto:unodc-sherloc@un.org"),
    ("unodc-ctoc-cop@un.org", "mailto:unodc-ctoc-cop@un.org"),
    ("it-helpdesk.vienna@un.org", "mailto:it-helpdesk.vienna@un.org"),
    ("ctoc.questionnaire.responses@un.org", "mailto:ctoc.questionnaire.responses@un.org"),
    ("unodc-mlaextradition@un.org", "mailto:unodc-mlaextradition@un.org"),
];

#[test]
fn urls_and_addresses_read_back_exactly_and_link_to_their_targets() {
    let file = temp_file("typo-urls.pdf", &render_example(STRESS));
    // Lines joined: a URL broken across lines must come back whole (a hyphen at a line end
    // would be taken for a soft hyphen and dropped, so URLs never break after one).
    let text: String = pdftotext(&file, &[]).split('\n').collect();
    let qdf = qdf_text(&file);
    for (shown, target) in ADDRESSES {
        assert!(text.contains(shown), "{shown} is not in the text layer");
        assert!(qdf.contains(&format!("/URI ({target})")), "no link to {target}");
    }
    // Long URLs broke somewhere in the example: the test above covers broken ones.
    let (_, laid) =
        ctoc_press::lay_out(&ctoc_press::parse(&read(STRESS)).expect("valid"), Lang::Zh).expect("lays out");
    assert!(
        laid.lines.iter().any(|l| l.text.starts_with("-") || l.text.starts_with("/")),
        "no URL was broken"
    );
}

/// Every glyph's pen box lies within the column `[left, right]`.
fn glyphs_inside(laid: &ctoc_press::layout::Layout, left: f32, right: f32) {
    for page in &laid.pages {
        for item in &page.items {
            if let ctoc_press::layout::Item::Text(run) = item
                && run.block.is_some()
            {
                let end = run.x.0 + run.width().0;
                assert!(
                    run.x.0 >= left - 0.5 && end <= right + 0.5,
                    "{:?} runs from {} to {end}, column {left}..{right}",
                    run.text,
                    run.x.0
                );
            }
        }
    }
}

#[test]
fn a_long_url_stays_in_its_column_and_a_long_word_breaks_with_a_warning() {
    let url = "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html?ref=ctoc-cop-wg3-2099-1&section=international-cooperation&lang=zh&view=provisional-agenda-annotations";
    let word = "Abcdefghij".repeat(15);
    for (text, warned) in [(format!("资料见{url}。"), false), (format!("资料见{word}。"), true)] {
        let mut meeting: serde_json::Value = serde_json::from_str(&read(STRESS)).expect("json");
        meeting["agenda"][0]["annotations"][0]["zh"] = text.clone().into();
        // And in a table cell (the organization of work).
        meeting["organization_of_work"][0]["sessions"][0]["items"][0]["title"] =
            serde_json::json!({ "zh": text });
        let meeting = ctoc_press::parse(&meeting.to_string()).expect("valid");
        let (doc, laid) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
        let left = doc.spec.column_left.0;
        glyphs_inside(&laid, doc.spec.frame_left.0, left + doc.spec.column_width.0);
        let body = laid.lines.iter().filter(|l| l.text.contains("资料见")).count();
        assert!(body >= 1);
        if warned {
            assert!(!laid.warnings.is_empty(), "no warning for a word wider than the column");
            for w in &laid.warnings {
                assert!(w.block.is_some() && w.excerpt.contains("Abcde"), "{w}");
            }
        } else {
            assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
        }
    }
}
