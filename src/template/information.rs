//! An information document (`"kind": "information"`): chapters of numbered paragraphs and
//! annexes as in a report, then the list of participants (an annex on a new page, or part of
//! the text): categories, each State's or organization's delegation, and its members with
//! their functions ("Mr. Peter Huber, Ambassador …").

use super::envelope;
use super::locale::{Locale, fill};
use super::report::Builder;
use super::spec;
use crate::doc::{Block, Document, Inline};
use crate::error::Error;
use crate::model::{Lang, Meeting, Participants};

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
        participants(&mut b, p)?;
    }
    b.blocks.push(Block::ClosingRule);
    let (blocks, notes) = (b.blocks, b.notes.notes);
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}

/// The list of participants: its label and title, then for each category its heading, and
/// for each delegation its name and its members, one a line.
fn participants(b: &mut Builder, p: &Participants) -> Result<(), Error> {
    let root = "$.information.participants";
    let member_pattern = b.loc.kind_word(KIND, "member")?.to_string();
    if let Some(label) = &p.annex {
        b.blocks.push(Block::PageBreak);
        let label = b.text(label, &format!("{root}.annex"))?.to_string();
        b.para("annex-label", None, vec![Inline::text(label)], Some(1));
    }
    let title = b.text(&p.title, &format!("{root}.title"))?.to_string();
    let style = if p.annex.is_some() { "annex-title" } else { "participants-title" };
    b.para(style, None, vec![Inline::text(title)], Some(if p.annex.is_some() { 2 } else { 1 }));
    for (c, category) in p.categories.iter().enumerate() {
        let at = format!("{root}.categories[{c}]");
        let heading = b.text(&category.title, &format!("{at}.title"))?.to_string();
        b.para("participants-category", None, vec![Inline::text(heading)], Some(3));
        for (d, delegation) in category.delegations.iter().enumerate() {
            let dat = format!("{at}.delegations[{d}]");
            let name = b.text(&delegation.name, &format!("{dat}.name"))?.to_string();
            b.para("participants-delegation", None, vec![Inline::text(name)], None);
            for (k, member) in delegation.members.iter().enumerate() {
                let name = b.text(&member.name, &format!("{dat}.members[{k}].name"))?.to_string();
                let line = match &member.function {
                    Some(f) => {
                        let function = b.text(f, &format!("{dat}.members[{k}].function"))?;
                        fill(&member_pattern, &[("name", &name), ("function", function)])
                    }
                    None => name,
                };
                b.para("participant", None, vec![Inline::text(line)], None);
            }
        }
    }
    Ok(())
}
