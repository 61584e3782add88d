//! Chinese typography over whole documents: the line audit over every line of every example,
//! the stress example at several column widths, and line starts read back by poppler.

mod common;
use common::*;
use ctoc_press::Lang;
use ctoc_press::doc::Strictness;
use ctoc_press::layout::audit::audit;
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

#[test]
fn no_line_of_any_example_breaks_a_rule() {
    for path in examples() {
        let meeting = ctoc_press::parse(&read(&path)).expect("valid example");
        let (_, laid) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
        assert!(laid.lines.len() > 40, "{path}: {} lines", laid.lines.len());
        let breaches = audit(&laid.lines, true, Strictness::Gb);
        assert!(breaches.is_empty(), "{path}: {breaches:#?}");
    }
}

#[test]
fn the_stress_example_obeys_the_rules_at_every_width() {
    let meeting = ctoc_press::parse(&read(STRESS)).expect("valid example");
    let base = ctoc_press::template::build(&meeting, Lang::Zh).expect("document tree");
    let mut lines = 0;
    for ems in [12, 15, 18, 21, 25, 28, 31, 35, 40] {
        let mut doc = base.clone();
        doc.spec.column_width = Pt(10.5 * ems as f32);
        let laid = ctoc_press::layout::layout(&doc).expect("lays out");
        lines += laid.lines.len();
        let breaches = audit(&laid.lines, true, Strictness::Gb);
        assert!(breaches.is_empty(), "{ems} em: {breaches:#?}");
    }
    assert!(lines > 500, "{lines} lines checked");
}

#[test]
fn the_audit_sees_a_breach() {
    // The audit itself must fail on a bad line, or the tests above prove nothing.
    let meeting = ctoc_press::parse(&read(STRESS)).expect("valid example");
    let (_, mut laid) = ctoc_press::lay_out(&meeting, Lang::Zh).expect("lays out");
    let victim = laid.lines.iter().position(|l| !l.last).expect("a line");
    laid.lines[victim].text.insert(0, '，');
    laid.lines[victim + 1].text.push('（');
    let breaches = audit(&laid.lines, true, Strictness::Gb);
    assert!(breaches.len() >= 2, "{breaches:#?}");
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
