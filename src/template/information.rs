//! An information document (`"kind": "information"`): chapters of numbered paragraphs and
//! annexes as in a report, then the list of participants (an annex on a new page, or part of
//! the text, `participants.rs`).

use super::envelope;
use super::locale::Locale;
use super::participants;
use super::report::Builder;
use super::spec;
use crate::doc::{Block, Document};
use crate::error::Error;
use crate::model::{Lang, Meeting};

const KIND: &str = "information";

pub fn build(m: &Meeting, lang: Lang) -> Result<Document, Error> {
    let info = m.information.as_ref().ok_or_else(|| Error::Template("$.information: no content".into()))?;
    let loc = Locale::load(lang)?;
    let spec = spec::load(KIND, lang)?;
    let mut b = Builder::new(lang, &loc, &spec, "$.information");
    let title = b
        .text(m.title.as_ref().ok_or_else(|| Error::Template("$.title: no title".into()))?, "$.title")?
        .to_string();
    let head = envelope::head(m, lang, &loc, &mut b.notes, &title)?;
    let first_page_notes = head.first_page_notes;
    b.blocks = head.blocks;
    b.chapters(&info.chapters)?;
    b.annexes(&info.annexes)?;
    if let Some(p) = &info.participants {
        participants::build(&mut b, p, "$.information.participants")?;
    }
    b.blocks.push(Block::ClosingRule);
    let (blocks, notes) = (b.blocks, b.notes.notes);
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}
