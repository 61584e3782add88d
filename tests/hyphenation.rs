//! Hyphenation: the template's setting per language, lines set with and without it (the figures
//! that chose each language's default), the hyphen drawn at the line end, and the word read back
//! whole from the PDF.

mod common;
use common::*;
use ctoc_press::Lang;
use ctoc_press::layout::LineRecord;

/// The versions of the examples in hyphenated languages: the seed in English, French, Spanish
/// and Russian, and the English reports and agenda.
fn versions() -> Vec<(String, ctoc_press::Meeting, Lang)> {
    let mut out = Vec::new();
    let meeting = load("examples/ctoc-cop-wg3-2021-1-all.json");
    for lang in [Lang::En, Lang::Fr, Lang::Es, Lang::Ru] {
        out.push((format!("seed {lang}"), meeting.clone(), lang));
    }
    for path in
        ["examples/report-wg3-2021.json", "examples/report-wg3-2021-l1.json", "examples/irg-2022-agenda.json"]
    {
        out.push((format!("{path} en"), load(path), Lang::En));
    }
    out
}

#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    justified: usize,
    /// Word spaces widened by more than half their width (ratio above 1).
    loose: usize,
    /// Beyond TeX's tolerance (ratio above 2).
    very_loose: usize,
    hyphenated: usize,
    /// Hyphenated lines directly after another hyphenated line.
    consecutive: usize,
}

fn figures(lines: &[LineRecord]) -> Figures {
    let mut f = Figures::default();
    let mut previous = false;
    for l in lines {
        if l.spacing.justified {
            f.justified += 1;
            f.loose += (l.ratio > 1.0) as usize;
            f.very_loose += (l.ratio > 2.0) as usize;
        }
        f.hyphenated += l.hyphenated as usize;
        f.consecutive += (l.hyphenated && previous) as usize;
        previous = l.hyphenated;
    }
    f
}

fn lay_out(meeting: &ctoc_press::Meeting, lang: Lang, hyphenate: bool) -> Vec<LineRecord> {
    let mut doc = ctoc_press::template::build(meeting, lang).expect("document tree");
    if !hyphenate {
        doc.spec.typography.hyphenate = None;
    }
    ctoc_press::layout::layout(&doc).expect("lays out").lines
}

#[test]
fn every_latin_version_is_hyphenated_by_its_own_patterns() {
    for (name, meeting, lang) in versions() {
        let doc = ctoc_press::template::build(&meeting, lang).expect("document tree");
        let h = doc.spec.typography.hyphenate.unwrap_or_else(|| panic!("{name}: no hyphenation"));
        let expected = match lang {
            Lang::En => "EnglishGb",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
            Lang::Ru => "Russian",
            _ => unreachable!(),
        };
        assert_eq!(format!("{:?}", h.patterns), expected, "{name}");
    }
    // Chinese text is not hyphenated: its Latin words are names and symbols.
    let doc = ctoc_press::template::build(&load(EXAMPLE), Lang::Zh).expect("document tree");
    assert!(doc.spec.typography.hyphenate.is_none());
}

/// Prints the figures behind each language's default (`cargo test --test hyphenation --
/// --nocapture`) and checks what hyphenation is for: fewer loose lines, never more.
#[test]
fn hyphenation_leaves_fewer_loose_lines() {
    let mut total = [Figures::default(); 2];
    for (name, meeting, lang) in versions() {
        let without = figures(&lay_out(&meeting, lang, false));
        let with = figures(&lay_out(&meeting, lang, true));
        println!("{name}: without {without:?}\n{name}: with    {with:?}");
        assert_eq!(without.hyphenated, 0, "{name}");
        assert!(with.loose <= without.loose, "{name}: {with:?} against {without:?}");
        assert!(with.very_loose <= without.very_loose, "{name}: {with:?} against {without:?}");
        for (t, f) in total.iter_mut().zip([without, with]) {
            t.justified += f.justified;
            t.loose += f.loose;
            t.very_loose += f.very_loose;
            t.hyphenated += f.hyphenated;
            t.consecutive += f.consecutive;
        }
    }
    println!("all: without {:?}\nall: with    {:?}", total[0], total[1]);
    assert!(total[1].loose < total[0].loose, "{total:?}");
    assert!(total[1].hyphenated > 0);
}

#[test]
fn the_hyphen_is_drawn_and_the_word_reads_back_whole() {
    let meeting = load("examples/report-wg3-2021.json");
    let lines = lay_out(&meeting, Lang::En, true);
    let hyphenated: Vec<&LineRecord> = lines.iter().filter(|l| l.hyphenated).collect();
    assert!(!hyphenated.is_empty());
    for l in &hyphenated {
        assert!(l.text.ends_with('-'), "{}", l.text);
        assert!(!l.last, "a paragraph's last line is never hyphenated: {}", l.text);
    }
    let out = ctoc_press::render(
        &meeting,
        &ctoc_press::Options { languages: Some(vec![Lang::En]), ..Default::default() },
    )
    .expect("renders");
    let pdf = temp_file("hyphenation-report-en.pdf", &out[0].pdf);
    // The hyphen's text is a soft hyphen: with it removed and lines joined, every word of the
    // source is back whole.
    let text = pdftotext(&pdf, &[]).replace("\u{AD}\n", "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for l in &hyphenated {
        // The line's last words, with the hyphen removed, are followed by the rest of the word.
        let body = l.text.trim_end_matches('-');
        let tail: String = body.chars().rev().take(18).collect::<Vec<_>>().into_iter().rev().collect();
        let tail = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = text.find(&tail).unwrap_or_else(|| panic!("“{tail}” not read back"));
        let next = text[at + tail.len()..].chars().next();
        assert!(next.is_some_and(char::is_alphabetic), "“{tail}” is not joined to the rest of its word");
    }
    assert!(
        !pdftotext(&pdf, &[]).contains("-\n"),
        "a hyphen of the hyphenation is extracted as a hard hyphen"
    );
}
