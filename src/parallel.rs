//! The parallel check: the language versions of one description are one document, so they must
//! agree on what translation never changes — the numbered paragraphs, the footnotes each
//! paragraph calls, and the documents it cites. A translator's slip (a paragraph merged with
//! the next, a lost note, a symbol mistyped) is found here, before anyone proofreads six
//! versions side by side.
//!
//! The check reads the document trees the templates built (what layout sets, in reading
//! order), so that it sees generated text too. A version's content is cut into segments: the
//! text before the first heading or numbered paragraph, each heading, and each numbered
//! paragraph with what follows it up to the next heading or numbered paragraph (its
//! sub-paragraphs, tables and lists). A numbered paragraph is a labelled paragraph whose label
//! holds a number in Western digits, as UN documents number paragraphs in every language (`12.`,
//! `12 -` in Arabic);
//! chapter numerals (I., 一.) and sub-paragraph letters (a), а), أ) are translated and are not
//! compared.

use crate::diagnostics::Problem;
use crate::doc::{Block, Document, Inline, heading_title};
use crate::model::Lang;

/// What one segment of a version holds that every version must share.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    kind: Kind,
    /// Footnote calls, in order of appearance.
    notes: usize,
    /// Cited document symbols, in order of appearance.
    symbols: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// The text before the first heading or numbered paragraph (the agenda-item reference,
    /// the title and what else a kind sets first).
    Start,
    /// A heading, with its text in this version.
    Heading(String),
    /// A numbered paragraph and what follows it up to the next segment.
    Paragraph(u64),
}

impl Segment {
    fn new(kind: Kind) -> Segment {
        Segment { kind, notes: 0, symbols: Vec::new() }
    }
}

/// Every disagreement between the versions `docs`, each a problem naming the paragraph and the
/// versions; the first version is the reference the others are compared with.
pub fn compare(docs: &[(Lang, &Document)]) -> Vec<Problem> {
    let Some(((first_lang, first), rest)) = docs.split_first() else { return Vec::new() };
    let reference = segments(first);
    let mut problems = Vec::new();
    for (lang, doc) in rest {
        let other = segments(doc);
        problems.extend(differences((*first_lang, &reference), (*lang, &other)));
    }
    problems
}

fn problem(message: String) -> Problem {
    Problem { path: "$".into(), line: None, column: None, message }
}

/// A version's segments grouped under their headings: the heading (none for the start) and
/// the paragraph numbers below it.
fn sections(segments: &[Segment]) -> Vec<(Option<&str>, Vec<u64>)> {
    let mut out: Vec<(Option<&str>, Vec<u64>)> = vec![(None, Vec::new())];
    for segment in segments {
        match &segment.kind {
            Kind::Heading(title) => out.push((Some(title), Vec::new())),
            Kind::Paragraph(n) => {
                if let Some(last) = out.last_mut() {
                    last.1.push(*n);
                }
            }
            Kind::Start => {}
        }
    }
    out
}

fn range(numbers: &[u64]) -> String {
    match (numbers.first(), numbers.last()) {
        (Some(a), Some(b)) if a == b => format!("paragraph {a}"),
        (Some(a), Some(b)) => format!("paragraphs {a}–{b}"),
        _ => "no numbered paragraph".into(),
    }
}

fn differences((a_lang, a): (Lang, &[Segment]), (b_lang, b): (Lang, &[Segment])) -> Vec<Problem> {
    let (a_sections, b_sections) = (sections(a), sections(b));
    // Out of step: name the first section (under the same heading in both versions, counted
    // in order) whose numbered paragraphs differ. Paragraphs are numbered through the
    // document, so one merged or split paragraph shifts every number after it; its section
    // is where a translator must look.
    for (k, (x, y)) in a_sections.iter().zip(&b_sections).enumerate() {
        if x.1 != y.1 {
            let under = match (x.0, y.0) {
                (Some(t), Some(u)) => format!("under heading {k} (“{t}” in `{a_lang}`, “{u}” in `{b_lang}`)"),
                _ => "before the first heading".into(),
            };
            return vec![problem(format!(
                "the versions are not parallel: {under}, the `{a_lang}` version has {} ({}) and the `{b_lang}` version {} ({})",
                x.1.len(),
                range(&x.1),
                y.1.len(),
                range(&y.1)
            ))];
        }
    }
    if a_sections.len() != b_sections.len() {
        return vec![problem(format!(
            "the versions are not parallel: the `{a_lang}` version has {} headings and the `{b_lang}` version {}",
            a_sections.len() - 1,
            b_sections.len() - 1
        ))];
    }
    let place = |s: &Segment, k: usize| match &s.kind {
        Kind::Start => "the text before the first heading".to_string(),
        Kind::Heading(t) => format!("heading {k} (“{t}” in `{a_lang}`)"),
        Kind::Paragraph(n) => format!("paragraph {n}"),
    };
    let mut problems = Vec::new();
    let mut headings = 0;
    for (x, y) in a.iter().zip(b) {
        if matches!(x.kind, Kind::Heading(_)) {
            headings += 1;
        }
        if x.notes != y.notes {
            problems.push(problem(format!(
                "{}: {} footnote call{} in the `{a_lang}` version, {} in the `{b_lang}` version",
                place(x, headings),
                x.notes,
                if x.notes == 1 { "" } else { "s" },
                y.notes
            )));
        }
        if let Some((p, q)) = first_difference(&x.symbols, &y.symbols) {
            problems.push(problem(format!(
                "{}: the `{a_lang}` version cites {} where the `{b_lang}` version cites {}",
                place(x, headings),
                p.map_or("no further document", String::as_str),
                q.map_or("no further document", String::as_str)
            )));
        }
    }
    problems
}

/// The first place where two lists differ, and what each has there.
fn first_difference<'a>(
    a: &'a [String],
    b: &'a [String],
) -> Option<(Option<&'a String>, Option<&'a String>)> {
    (0..a.len().max(b.len())).map(|k| (a.get(k), b.get(k))).find(|(x, y)| x != y)
}

/// The segments of a version, in reading order.
fn segments(doc: &Document) -> Vec<Segment> {
    let mut out = vec![Segment::new(Kind::Start)];
    for block in &doc.blocks {
        let inlines: Vec<&Inline> = match block {
            Block::Para { label, inlines, outline, .. } => {
                if let Some(n) = label.as_deref().and_then(paragraph_number) {
                    out.push(Segment::new(Kind::Paragraph(n)));
                } else if outline.is_some() {
                    out.push(Segment::new(Kind::Heading(heading_title(label.as_deref(), inlines))));
                }
                inlines.iter().collect()
            }
            Block::Table(t) => {
                t.head.iter().chain(t.rows.iter().flat_map(|r| r.cells.iter())).flatten().collect()
            }
            // A contents table repeats the headings; they are compared where they stand.
            Block::PageBreak | Block::ClosingRule | Block::Contents(_) | Block::Figure(_) => Vec::new(),
        };
        let Some(current) = out.last_mut() else { continue };
        for inline in inlines {
            cited(inline, &mut current.symbols);
            if let Some(k) = inline.note {
                current.notes += 1;
                // A note's citations belong to the paragraph that calls it.
                for inline in doc.notes.get(k).map_or(&[][..], |n| n.inlines.as_slice()) {
                    cited(inline, &mut current.symbols);
                }
            }
        }
    }
    out
}

/// Adds the symbol `inline` cites, if it cites one.
fn cited(inline: &Inline, symbols: &mut Vec<String>) {
    if inline.link.is_some() && is_symbol(&inline.text) {
        symbols.push(inline.text.clone());
    }
}

/// The number of a numbered paragraph's label (`12.`, `12`), if it is one.
fn paragraph_number(label: &str) -> Option<u64> {
    // `12.` in most languages, `12 -` in Arabic.
    let digits = label.trim().trim_end_matches(['.', '。', '．', '-', ' ', '\u{a0}']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A cited document symbol (not a URL or an e-mail address, whose text may be translated).
fn is_symbol(text: &str) -> bool {
    text.contains('/') && !text.contains("://") && !text.contains('@') && !text.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers_are_western_digits_only() {
        assert_eq!(paragraph_number("12."), Some(12));
        assert_eq!(paragraph_number("3"), Some(3));
        assert_eq!(paragraph_number("4 -"), Some(4));
        assert_eq!(paragraph_number("I."), None);
        assert_eq!(paragraph_number("一."), None);
        assert_eq!(paragraph_number("(a)"), None);
        assert_eq!(paragraph_number(""), None);
        assert_eq!(paragraph_number("99999999999999999999999."), None);
    }
}
