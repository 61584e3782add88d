//! Paragraphs set ahead of the flow, in parallel. Setting a paragraph (shaping, line
//! breaking, placing its runs on its lines) depends on the paragraph and its style alone,
//! never on where the flow puts it, so a long document's body paragraphs and footnotes are
//! set first on every core and the flow then takes them in order. Each paragraph is set by
//! the same code from the same input on whichever thread, so the PDF is the same bytes.
//!
//! The work goes to rayon's global pool, and only from a thread that is not itself a pool's
//! worker: a batch renders one document a worker and already keeps every core busy, and a
//! worker waiting for its paragraphs would take up other documents on its own stack.

use super::RowBuilder;
use crate::doc::Block;
use crate::layout::inline::SetLine;
use rayon::prelude::*;

/// Below this much paragraph text (bytes of UTF-8) a document is set on the calling thread
/// alone, as a one-page corrigendum (2 KB) is: too few paragraphs to share out. The seed
/// (5 KB of Chinese) renders about 6% sooner with its paragraphs set in parallel (median of
/// seven alternating loops of 100), the 33-page example (91 KB) about 15%.
const PARALLEL_FROM: usize = 4 * 1024;

/// The lines of each block that is a paragraph (by block) and of each footnote, set ahead;
/// `None` where a paragraph is left to the flow (a short document, a style the template
/// lacks, which the flow reports).
#[derive(Default)]
pub(super) struct Ahead {
    pub blocks: Vec<Option<Vec<SetLine>>>,
    pub notes: Vec<Option<Vec<SetLine>>>,
}

pub(super) fn set_ahead(b: &RowBuilder) -> Ahead {
    let doc = b.doc;
    let text: usize = doc
        .blocks
        .iter()
        .filter_map(|block| if let Block::Para { inlines, .. } = block { Some(inlines) } else { None })
        .chain(doc.notes.iter().map(|n| &n.inlines))
        .flatten()
        .map(|i| i.text.len())
        .sum();
    if text < PARALLEL_FROM || rayon::current_thread_index().is_some() || rayon::current_num_threads() < 2 {
        return Ahead::default();
    }
    let blocks = doc
        .blocks
        .par_iter()
        .enumerate()
        .map(|(i, block)| {
            let Block::Para { style, label, inlines, outline } = block else { return None };
            let s = b.style(style).ok()?;
            Some(b.set_body_paragraph(Some(i), s, label.as_deref(), inlines, *outline))
        })
        .collect();
    let notes = match b.style(&doc.spec.footnotes.style) {
        Ok(s) => doc.notes.par_iter().enumerate().map(|(i, n)| Some(b.set_note(i, s, n))).collect(),
        Err(_) => Vec::new(),
    };
    Ahead { blocks, notes }
}
