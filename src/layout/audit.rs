//! The line audit: checks laid-out lines against the line-breaking rules and the template's
//! justification limits, and reports every breach, so that tests (and users) can run it over
//! whole documents. [`figures`] sums up a document's spacing.

use super::LineRecord;
use super::classify::{Class, class_of, has_aki, inseparable, no_line_end, no_line_start};
use crate::doc::Typography;

/// One breach of a rule by one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Breach {
    /// Index of the line in the layout's line list.
    pub line: usize,
    pub text: String,
    pub rule: &'static str,
}

/// Limits exceeded where no way of breaking the paragraph keeps every line within them: the
/// line is as good as the text allows (the paragraph needs rewording, or the template looser
/// limits).
pub const UNAVOIDABLE: [&str; 4] = [
    "letter-spacing above the limit, and no breaks keep the limits",
    "a Han–Latin gap above the limit, and no breaks keep the limits",
    "a gap above the limit in a justified line, and no breaks keep the limits",
    "a last line of a single character, and no breaks within the limits avoid it",
];

/// Slack for rounding, in em.
const EPSILON: f32 = 0.002;

/// Checks every line; `cjk` tells whether the text is Chinese.
pub fn audit(lines: &[LineRecord], cjk: bool, t: &Typography) -> Vec<Breach> {
    let strictness = t.strictness;
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let mut breach = |rule| out.push(Breach { line: i, text: l.text.clone(), rule });
        let text = l.text.trim_end_matches([' ', '\n']);
        if let Some(first) = text.chars().next()
            && no_line_start(first, cjk, strictness)
        {
            breach("a line starts with a mark that may not start a line");
        }
        if !l.last
            && let Some(last) = text.chars().last()
            && no_line_end(last, cjk, strictness)
        {
            breach("a line ends with a mark that may not end a line");
        }
        if l.natural.0 - l.measure.0 > 0.5 && l.ratio < -1.0 {
            breach("a line overflows its measure");
        }
        if let (Some(prev), Some(first)) = (i.checked_sub(1).and_then(|p| lines.get(p)), text.chars().next())
            && !prev.last
            && let Some(last) = prev.text.chars().last()
            && inseparable(last, first)
        {
            breach("a two-em dash or ellipsis is split across lines");
        }
        let s = &l.spacing;
        let mut limit = |rule, unavoidable| breach(if s.unavoidable { unavoidable } else { rule });
        if s.letter_spacing > t.max_letter_spacing + EPSILON {
            limit("letter-spacing above the limit", UNAVOIDABLE[0]);
        }
        if s.han_latin > t.max_han_latin_gap + EPSILON {
            limit("a Han–Latin gap above the limit", UNAVOIDABLE[1]);
        }
        if s.justified && s.gap > t.max_gap + EPSILON {
            limit("a gap above the limit in a justified line", UNAVOIDABLE[2]);
        }
        if s.compressed > 0 && !t.compress_mid_line {
            breach("punctuation compressed in mid-line");
        }
        if l.last && s.letter_spacing > EPSILON {
            breach("the last line of a paragraph is stretched");
        }
        let follows =
            i.checked_sub(1).and_then(|p| lines.get(p)).is_some_and(|p| !p.last && p.block == l.block);
        if l.last && follows && orphan(text, cjk) {
            breach(if s.orphan_unavoidable {
                UNAVOIDABLE[3]
            } else {
                "the last line of a paragraph is a single character"
            });
        }
    }
    out
}

/// Whether a paragraph's last line holds a single character, alone or with punctuation
/// (clreq's orphan, §"adjustments of orphans and widows").
fn orphan(text: &str, cjk: bool) -> bool {
    text.chars()
        .filter(|&c| !c.is_whitespace() && !has_aki(class_of(c, cjk)) && class_of(c, cjk) != Class::Space)
        .count()
        <= 1
}

/// A document's spacing figures: the largest of each measure over its lines, in em.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    pub lines: usize,
    pub letter_spacing: f32,
    pub han_latin: f32,
    /// Largest gap of any kind in a justified line.
    pub gap: f32,
    /// Full-width marks compressed in mid-line.
    pub compressed: u32,
    /// Paragraphs whose last line is a single character (clreq's orphan).
    pub orphans: u32,
}

/// The spacing figures of `lines`.
pub fn figures(lines: &[LineRecord]) -> Figures {
    let mut prev: Option<&LineRecord> = None;
    lines.iter().fold(Figures::default(), |f, l| {
        let s = &l.spacing;
        let follows = prev.replace(l).is_some_and(|p| !p.last && p.block == l.block);
        let orphan = l.last && follows && orphan(l.text.trim_end(), true);
        Figures {
            orphans: f.orphans + u32::from(orphan),
            lines: f.lines + 1,
            letter_spacing: f.letter_spacing.max(s.letter_spacing),
            han_latin: f.han_latin.max(s.han_latin),
            gap: if s.justified { f.gap.max(s.gap) } else { f.gap },
            compressed: f.compressed + s.compressed,
        }
    })
}
