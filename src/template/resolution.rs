//! Resolutions and decisions (`"kind": "resolution"`): for a draft, the sponsors line
//! ("Austria, Brazil and Mexico: draft resolution"); for an adopted text, its label
//! ("Resolution 10/4", 第10/4号决议); then the title, the organ's name, unnumbered preambular
//! paragraphs and operative paragraphs numbered 1., 2. with sub-paragraphs (a), (i). Opening
//! words, the organ and the sponsors line's "draft resolution" are set in italics where the
//! language's data say so (`resolution.italic`: English, French, Spanish; not Chinese).

use super::envelope;
use super::locale::{Locale, fill};
use super::pattern::{self, run};
use super::report::Builder;
use super::spec;
use crate::doc::{Block, Document, Inline};
use crate::error::Error;
use crate::model::{Clause, Form, Lang, Meeting, Resolution};

const KIND: &str = "resolution";

pub fn build(m: &Meeting, lang: Lang) -> Result<Document, Error> {
    let texts = m
        .resolutions
        .as_ref()
        .ok_or_else(|| Error::Template("$.resolutions: a resolution document has no texts".into()))?;
    let loc = Locale::load(lang)?;
    let spec = spec::load(KIND, lang)?;
    let italic = loc.kind_word(KIND, "italic")? == "true";
    let mut b = Builder::new(lang, &loc, &spec, "$.resolutions");
    // One text without a title of the document's own: its title is the document's.
    let single = match (&m.title, texts.texts.as_slice()) {
        (None, [only]) => Some(only),
        _ => None,
    };
    let title = match (&m.title, single) {
        (Some(t), _) => b.text(t, "$.title")?.to_string(),
        (None, Some(only)) => b.text(&only.title, "$.resolutions.texts[0].title")?.to_string(),
        (None, None) => return Err(Error::Template("$.title: several texts need a title".into())),
    };
    let head = envelope::head(m, lang, &loc, &mut b.notes, &title)?;
    let first_page_notes = head.first_page_notes;
    b.blocks = head.blocks;
    if let Some(sponsors) = &texts.sponsors {
        // The sponsors line stands between the head of title and the title.
        let form = texts.texts.first().map_or(Form::Resolution, |t| t.form);
        let word =
            loc.kind_word(KIND, if form == Form::Decision { "draft_decision" } else { "draft_resolution" })?;
        let line = pattern::inlines(
            loc.kind_word(KIND, "sponsors")?,
            &[
                ("sponsors", run(b.text(sponsors, "$.resolutions.sponsors")?, false)),
                ("draft", run(word, italic)),
            ],
        );
        let at = b.blocks.len().saturating_sub(1);
        b.blocks
            .insert(at, Block::Para { style: "sponsors".into(), label: None, inlines: line, outline: None });
    }
    for (i, t) in texts.texts.iter().enumerate() {
        text(&mut b, t, &format!("$.resolutions.texts[{i}]"), single.is_none(), italic)?;
    }
    b.blocks.push(Block::ClosingRule);
    let (blocks, notes) = (b.blocks, b.notes.notes);
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}

/// One resolution or decision: its label and title when the document holds several, the
/// organ, the preamble and the operative paragraphs (numbered from 1 in each text).
fn text(b: &mut Builder, t: &Resolution, at: &str, heading: bool, italic: bool) -> Result<(), Error> {
    let loc = b.loc;
    if let Some(number) = &t.number {
        let key = if t.form == Form::Decision { "label_decision" } else { "label_resolution" };
        let label = fill(loc.kind_word(KIND, key)?, &[("number", number)]);
        b.para("resolution-label", None, vec![Inline::text(label)], Some(2));
    }
    if heading {
        let title = b.text(&t.title, &format!("{at}.title"))?.to_string();
        let outline = if t.number.is_some() { None } else { Some(2) };
        b.para("resolution-title", None, vec![Inline::text(title)], outline);
    }
    let organ = b.text(&t.organ, &format!("{at}.organ"))?.to_string();
    let organ = pattern::inlines(loc.kind_word(KIND, "organ")?, &[("organ", run(&organ, italic))]);
    b.para("organ", None, organ, None);
    for (k, c) in t.preamble.iter().enumerate() {
        clause(b, c, &format!("{at}.preamble[{k}]"), "preamble", None, italic)?;
    }
    for (k, c) in t.operative.iter().enumerate() {
        let label = fill(&loc.item_label, &[("n", &(k + 1).to_string())]);
        clause(b, c, &format!("{at}.operative[{k}]"), "operative", Some(label), italic)?;
    }
    Ok(())
}

/// A paragraph: its opening words (italic where the language's style says), the rest of its
/// text, then its sub-paragraphs (a), (i) ….
fn clause(
    b: &mut Builder,
    c: &Clause,
    at: &str,
    style: &str,
    label: Option<String>,
    italic: bool,
) -> Result<(), Error> {
    let lead = b.text(&c.lead, &format!("{at}.lead"))?.to_string();
    let rest = b.rich(&c.text, &format!("{at}.text"))?;
    let inlines =
        pattern::inlines(b.loc.kind_word(KIND, "clause")?, &[("lead", run(&lead, italic)), ("text", rest)]);
    b.para(style, label, inlines, None);
    b.subparagraphs(&c.subparagraphs, at, "subpara", 1)
}
