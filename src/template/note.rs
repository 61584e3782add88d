//! A note or background paper by the Secretariat: the head of title with the agenda item and
//! its note, the title ("Note by the Secretariat", 秘书处的说明, or the paper's own), a
//! contents table, then a report's body (chapters, sections, numbered paragraphs, tables,
//! footnotes, annexes), built by the report's [`Builder`].
//!
//! The contents table names each chapter, section and annex with the range of its paragraphs
//! and its page. Pages are known only after layout: the caller lays the document out with
//! the pages of the pass before (`pages`) until they no longer change (see
//! `crate::paginate`).

use super::envelope;
use super::locale::{Locale, fill};
use super::report::{Builder, Heading};
use super::spec;
use crate::doc::{Block, ContentsEntry, Document, Inline};
use crate::error::Error;
use crate::model::{Lang, Meeting};

/// The document of the `lang` version; `pages` gives the page (0-based) of each contents
/// entry's heading as the previous layout found it, in entry order; entries beyond it show
/// page 1.
pub fn build(m: &Meeting, lang: Lang, pages: &[usize]) -> Result<Document, Error> {
    let note = m.note.as_ref().ok_or_else(|| Error::Template("$.note: a note has no content".into()))?;
    let loc = Locale::load(lang)?;
    let spec = spec::load("note", lang)?;
    let title = match &m.title {
        Some(t) => {
            t.get(lang).ok_or_else(|| Error::Template(format!("$.title: no `{lang}` text")))?.to_string()
        }
        None => word(&loc, "title")?.to_string(),
    };
    let mut b = Builder::new(lang, &loc, &spec, "$.note");
    let head = envelope::head(m, lang, &loc, &mut b.notes, &title)?;
    b.chapters(&note.chapters)?;
    b.annexes(&note.annexes)?;
    b.blocks.push(Block::ClosingRule);

    let mut blocks = head.blocks;
    if m.title.is_some() {
        // A paper with a title of its own says under it whose it is.
        let byline = Inline::text(word(&loc, "title")?);
        blocks.push(Block::Para {
            style: "note-byline".into(),
            label: None,
            inlines: vec![byline],
            outline: None,
        });
    }
    let contents = contents(&loc, &b.headings, blocks.len(), pages)?;
    let (body, notes) = (b.blocks, b.notes.notes);
    blocks.extend(contents);
    blocks.extend(body);
    let content = envelope::Content { title, spec, blocks, notes, first_page_notes: head.first_page_notes };
    envelope::document(m, lang, &loc, content)
}

/// A word of the note's own, from the `note` table of the language data.
fn word<'l>(loc: &'l Locale, key: &str) -> Result<&'l str, Error> {
    loc.note.get(key).map(String::as_str).ok_or_else(|| {
        Error::Template(format!("the language data of `{}` have no note word `{key}`", loc.tag))
    })
}

/// The contents table's blocks: its title, the column heads, and one entry a heading. `before`
/// is the number of blocks ahead of the table, so that each entry knows its heading's block.
fn contents(loc: &Locale, headings: &[Heading], before: usize, pages: &[usize]) -> Result<Vec<Block>, Error> {
    let mut blocks = vec![
        Block::Para {
            style: "contents-title".into(),
            label: None,
            inlines: vec![Inline::text(word(loc, "contents")?)],
            outline: None,
        },
        Block::Contents(ContentsEntry {
            style: "contents-head".into(),
            label: None,
            inlines: Vec::new(),
            paragraphs: word(loc, "paragraphs")?.into(),
            page: word(loc, "page")?.into(),
            leader: false,
            target: None,
        }),
    ];
    let offset = before + blocks.len() + headings.len();
    for (i, h) in headings.iter().enumerate() {
        let paragraphs = match h.paragraphs {
            Some((first, last)) if first == last => first.to_string(),
            Some((first, last)) => {
                fill(word(loc, "range")?, &[("first", &first.to_string()), ("last", &last.to_string())])
            }
            None => String::new(),
        };
        // An annex is listed as its label and title on one line: "Annex  Survey …".
        let (style, label, title) = match (h.annex, h.level) {
            (true, _) => ("contents-annex", None, annex_entry(loc, h)?),
            (false, 1) => ("contents-1", h.label.clone(), h.title.clone()),
            (false, _) => ("contents-2", h.label.clone(), h.title.clone()),
        };
        blocks.push(Block::Contents(ContentsEntry {
            style: style.into(),
            label,
            inlines: vec![Inline::text(title)],
            paragraphs,
            page: (pages.get(i).copied().unwrap_or(0) + 1).to_string(),
            leader: true,
            target: Some(offset + h.block),
        }));
    }
    Ok(blocks)
}

/// An annex's entry: its label and title on one line ("Annex. Survey …").
fn annex_entry(loc: &Locale, h: &Heading) -> Result<String, Error> {
    let label = h.label.as_deref().unwrap_or_default();
    if h.title.is_empty() {
        return Ok(label.to_string());
    }
    Ok(fill(word(loc, "annex_entry")?, &[("label", label), ("title", &h.title)]))
}
