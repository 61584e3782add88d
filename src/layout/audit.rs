//! The line audit: checks laid-out lines against the line-breaking rules and reports every
//! breach, so that tests (and users) can run it over whole documents.

use super::LineRecord;
use super::classify::{Strictness, inseparable, no_line_end, no_line_start};
use super::linebreak::MAX_RATIO;

/// One breach of a rule by one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Breach {
    /// Index of the line in the layout's line list.
    pub line: usize,
    pub text: String,
    pub rule: &'static str,
}

/// Checks every line; `cjk` tells whether the text is Chinese.
pub fn audit(lines: &[LineRecord], cjk: bool, strictness: Strictness) -> Vec<Breach> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let mut breach = |rule| out.push(Breach { line: i, text: l.text.clone(), rule });
        let text = l.text.trim_end_matches([' ', '\n']);
        if let Some(first) = text.chars().next()
            && no_line_start(first, cjk, strictness)
        {
            breach("a line starts with a mark that may not start a line");
        }
        if !l.last {
            if let Some(last) = text.chars().last()
                && no_line_end(last, cjk, strictness)
            {
                breach("a line ends with a mark that may not end a line");
            }
            if l.ratio > MAX_RATIO && !l.cannot_extend {
                breach("a line is stretched beyond the maximum ratio though it could take in more");
            }
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
    }
    out
}
