//! Templates: a document kind plus a locale turn a validated meeting description into a
//! document tree ([`crate::doc::Document`]). Everything generated — dates, times, numbering,
//! list punctuation, boilerplate words — is spelled here from structured data and `data/`.

mod agenda;
mod cite;
mod corrigendum;
mod envelope;
mod information;
pub mod locale;
mod mark_place;
mod note;
mod notes;
mod ordinal;
mod participants;
mod pattern;
mod report;
mod resolution;
mod spec;

pub use cite::cite_inlines;
pub use locale::Locale;

use crate::doc::Document;
use crate::error::Error;
use crate::model::{DocumentKind, Lang, Meeting};

/// (name, SHA-256) of the embedded language data and templates.
pub fn asset_digests() -> Vec<(String, [u8; 32])> {
    let mut v = locale::digests();
    v.extend(spec::digests());
    v
}

/// Builds the document tree of `meeting` in `lang`.
pub fn build(meeting: &Meeting, lang: Lang) -> Result<Document, Error> {
    build_paged(meeting, lang, &[])
}

/// [`build`], with the pages (0-based) that the headings listed in a contents table were
/// found on when the document was last laid out, in the table's order.
pub fn build_paged(meeting: &Meeting, lang: Lang, pages: &[usize]) -> Result<Document, Error> {
    let document = match meeting.kind {
        DocumentKind::ProvisionalAgenda => agenda::build(meeting, lang),
        DocumentKind::Report => report::build(meeting, lang),
        DocumentKind::Note => note::build(meeting, lang, pages),
        DocumentKind::Resolution => resolution::build(meeting, lang),
        DocumentKind::Corrigendum => corrigendum::build(meeting, lang),
        DocumentKind::Information => information::build(meeting, lang),
    }?;
    check_styles(&document)?;
    Ok(document)
}

/// Every style the tree names is in its template: a misnamed style is found where the tree
/// is built, with the name, not in the middle of layout.
fn check_styles(document: &Document) -> Result<(), Error> {
    let spec = &document.spec;
    let table = [&spec.table.head, &spec.table.cell, &spec.table.day, &spec.footnotes.style];
    let blocks = document.blocks.iter().filter_map(|b| match b {
        crate::doc::Block::Para { style, .. } => Some(style),
        _ => None,
    });
    match table.into_iter().chain(blocks).find(|name| !spec.styles.contains_key(name.as_str())) {
        Some(name) => Err(Error::Template(format!("the template has no style `{name}`"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_missing_from_the_template_is_named_when_the_tree_is_built() {
        let source = include_str!("../../examples/ctoc-cop-wg3-2021-1.json");
        let meeting = Meeting::from_json(source).expect("the seed parses");
        let mut document = build(&meeting, Lang::Zh).expect("the seed builds");
        assert!(check_styles(&document).is_ok());
        if let Some(crate::doc::Block::Para { style, .. }) = document.blocks.first_mut() {
            *style = "no-such-style".into();
        }
        let err = check_styles(&document).expect_err("refused");
        assert!(err.to_string().contains("`no-such-style`"), "{err}");
    }
}
