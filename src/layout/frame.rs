//! The check that no text is lost: after layout, every glyph must lie inside the page's text
//! frame. Body text (paragraphs, headings, labels, table cells, footnotes) must also lie
//! between the top and the bottom of the body; masthead and furniture must lie on the page.
//! Text outside is text a reader never sees, so a violation is an error, never a PDF.

use super::{Item, Layout, Role, TextRun};
use crate::doc::PageSpec;
use crate::error::Error;
use crate::units::Pt;

/// How far a glyph's pen box may stray over an edge: rounding in justification, and optical
/// overhang of punctuation, stay well within half a point.
const TOLERANCE: f32 = 0.5;

/// Checks every text run of every page against the frame of `spec`.
pub fn check(spec: &PageSpec, layout: &Layout) -> Result<(), Error> {
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            if let Some(problem) = outside(spec, p, page.width, page.height, run) {
                return Err(Error::OutsideFrame {
                    page: p + 1,
                    text: run.text.chars().take(60).collect(),
                    problem,
                });
            }
        }
    }
    Ok(())
}

/// Why `run` lies outside the frame, if it does.
fn outside(spec: &PageSpec, page: usize, width: Pt, height: Pt, run: &TextRun) -> Option<String> {
    let (left, right) = extent(run);
    let body = !matches!(run.role, Role::Artifact | Role::Masthead);
    let (frame_left, frame_right) =
        if body { (spec.frame_left, spec.frame_right) } else { (Pt::ZERO, width) };
    if left.0 < frame_left.0 - TOLERANCE || right.0 > frame_right.0 + TOLERANCE {
        return Some(format!(
            "it runs from x = {:.1} to {:.1} pt, the frame from {:.1} to {:.1} pt",
            left.0, right.0, frame_left.0, frame_right.0
        ));
    }
    let (top, bottom) = if !body {
        (Pt::ZERO, height)
    } else if page == 0 {
        (spec.first_body_top, spec.first_body_bottom)
    } else {
        (spec.body_top, spec.body_bottom)
    };
    // The baseline must sit in the body, and so must the top of the em box, 0.88 em above
    // the baseline (as lines are set: `inline::baseline_in_line`).
    if run.y.0 - run.size.0 * 0.88 < top.0 - TOLERANCE || run.y.0 > bottom.0 + TOLERANCE {
        return Some(format!(
            "its baseline is at y = {:.1} pt, the body from {:.1} to {:.1} pt",
            run.y.0, top.0, bottom.0
        ));
    }
    None
}

/// The run's advance box: from its pen position to the end of its last advance. Glyph offsets
/// are left out on purpose: a mark trimmed at a line edge (an opening bracket at the start, a
/// comma at the end, as clreq adjusts punctuation at line edges) is drawn half an em outside its trimmed advance, where its
/// blank half lies, so its ink stays inside the box.
fn extent(run: &TextRun) -> (Pt, Pt) {
    (run.x, run.x + run.glyphs.iter().map(|g| g.advance.max(Pt::ZERO)).sum())
}
