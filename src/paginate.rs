//! Laying out a document whose contents table prints the pages of its headings. The pages
//! are known only once the document is laid out, and printing them can move the headings (a
//! two-digit page number takes more room than a one-digit one): the document is built and laid
//! out again with the pages found, until they no longer change (a fixed point), within
//! [`MAX_PASSES`].

use crate::doc::{Block, Document, Image};
use crate::error::Error;
use crate::layout::{self, Item, Layout};
use crate::model::{Lang, Meeting};
use crate::template;
use std::collections::BTreeMap;

/// Passes before giving up: the first pass guesses page 1 everywhere, the second prints the
/// real pages, and a third settles the rare heading that the second moved.
pub const MAX_PASSES: usize = 5;

/// Builds and lays out the `lang` version until its contents table is right.
pub(crate) fn lay_out(
    meeting: &Meeting,
    lang: Lang,
    emblem: Option<&Image>,
) -> Result<(Document, Layout), Error> {
    let mut pages: Vec<usize> = Vec::new();
    for _ in 0..MAX_PASSES {
        let mut document = template::build_paged(meeting, lang, &pages)?;
        document.masthead.emblem = emblem.cloned();
        crate::check_coverage(&document)?;
        let laid = layout::layout(&document)?;
        let found = heading_pages(&document, &laid);
        if found == pages || !has_contents(&document) {
            return Ok((document, laid));
        }
        pages = found;
    }
    Err(Error::Layout(format!(
        "the pages of the contents table did not settle after {MAX_PASSES} layouts: a heading moves whenever its page number is printed"
    )))
}

fn has_contents(document: &Document) -> bool {
    document.blocks.iter().any(|b| matches!(b, Block::Contents(e) if e.target.is_some()))
}

/// The page (0-based) each contents entry's heading starts on, in the table's order: the
/// first page holding text of the heading's block.
pub fn heading_pages(document: &Document, laid: &Layout) -> Vec<usize> {
    let mut first_page: BTreeMap<usize, usize> = BTreeMap::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item
                && let Some(block) = run.block
            {
                first_page.entry(block).or_insert(p);
            }
        }
    }
    document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Contents(e) => e.target,
            _ => None,
        })
        .map(|target| first_page.get(&target).copied().unwrap_or(0))
        .collect()
}
