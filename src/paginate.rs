//! Laying out a document whose contents table prints the pages of its headings. The pages
//! are known only once the document is laid out, and printing them can move the headings (a
//! two-digit page number takes more room than a one-digit one): the document is built and laid
//! out again with the pages found, until they no longer change (a fixed point), within
//! [`MAX_PASSES`].

use crate::doc::{Block, Document, Image};
use crate::error::Error;
use crate::layout::{self, Item, Layout, Role};
use crate::model::{Lang, Meeting};
use crate::template;
use crate::units::Pt;
use std::collections::BTreeMap;

/// Passes before giving up: the first pass guesses page 1 everywhere, the second prints the
/// real pages, and a third settles the rare heading that the second moved.
pub const MAX_PASSES: usize = 5;

/// Builds and lays out the `lang` version until its contents table is right. `built` is the
/// version as validation built it (with no pages known), which the first pass lays out.
pub(crate) fn lay_out(
    meeting: &Meeting,
    lang: Lang,
    emblem: Option<&Image>,
    mut built: Option<Document>,
) -> Result<(Document, Layout), Error> {
    let mut pages: Vec<usize> = Vec::new();
    for _ in 0..MAX_PASSES {
        let mut document = match built.take() {
            Some(document) => document,
            None => template::build_paged(meeting, lang, &pages)?,
        };
        document.masthead.emblem = emblem.cloned();
        let mut laid = layout::layout(&document)?;
        let found = heading_pages(&document, &laid);
        if found == pages || !has_contents(&document) {
            link_entries(&document, &mut laid);
            return Ok((document, laid));
        }
        pages = found;
    }
    Err(Error::Layout(format!(
        "the pages of the contents table did not settle after {MAX_PASSES} layouts: a heading moves whenever its page number is printed"
    )))
}

/// Makes each contents entry a link to its heading: a clickable area over the entry's line(s)
/// that goes to the top of the heading's first line. Its name (the heading's text) is what
/// an assistive reader announces for the link.
fn link_entries(document: &Document, laid: &mut Layout) {
    let links = document.spec.links;
    let tops = first_lines(laid, links.above);
    // The box of each block's lines on the page it starts on.
    let mut boxes: BTreeMap<usize, (usize, Pt, Pt)> = BTreeMap::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item
                && let Some(block) = run.block
            {
                let top = run.y - run.size * links.above;
                let bottom = top + run.size * links.height;
                let entry = boxes.entry(block).or_insert((p, top, bottom));
                if entry.0 == p {
                    entry.1 = entry.1.min(top);
                    entry.2 = entry.2.max(bottom);
                }
            }
        }
    }
    let spec = &document.spec;
    for (b, block) in document.blocks.iter().enumerate() {
        let Block::Contents(entry) = block else { continue };
        let (Some(target), Some(&(page, top, bottom))) = (entry.target, boxes.get(&b)) else { continue };
        let Some(&dest) = tops.get(&target) else { continue };
        let name = crate::doc::heading_title(entry.label.as_deref(), &entry.inlines);
        if let Some(on) = laid.pages.get_mut(page) {
            on.items.push(Item::Link {
                x: spec.column_left,
                y: top,
                w: spec.column_width,
                h: bottom - top,
                uri: name,
                block: Some(b),
                cell: None,
                role: Role::Paragraph,
                dest: Some(dest),
            });
        }
    }
}

fn has_contents(document: &Document) -> bool {
    document.blocks.iter().any(|b| matches!(b, Block::Contents(e) if e.target.is_some()))
}

/// The page (0-based) each contents entry's heading starts on, in the table's order: the
/// first page holding text of the heading's block.
pub fn heading_pages(document: &Document, laid: &Layout) -> Vec<usize> {
    let firsts = first_lines(laid, document.spec.links.above);
    document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Contents(e) => e.target,
            _ => None,
        })
        .map(|target| firsts.get(&target).map_or(0, |f| f.0))
        .collect()
}

/// Where each block's text starts: its page (0-based) and the top of its first line (its
/// baseline less `above` of its size).
fn first_lines(laid: &Layout, above: f32) -> BTreeMap<usize, (usize, Pt)> {
    let mut firsts = BTreeMap::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item
                && let Some(block) = run.block
            {
                firsts.entry(block).or_insert((p, run.y - run.size * above));
            }
        }
    }
    firsts
}
