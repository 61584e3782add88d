//! What every kind of document carries around its content: the masthead (organization,
//! symbol, body, distribution block) and the furniture's texts and codes (job line, job
//! number, barcode, QR code), spelled from the description and the language data.

use super::cite::cite_inlines;
use super::locale::{Locale, fill};
use super::notes::{Marks, Notes};
use crate::doc::{Block, Document, Furniture, Inline, Masthead, Note, PageSpec};
use crate::error::Error;
use crate::model::{Lang, Meeting, Text};

/// What every kind sets above its content: the head of title (the body's name, the session,
/// dates and place, the agenda item), then the title with its note.
pub(super) struct Head {
    pub blocks: Vec<Block>,
    /// Notes marked outside the flow (the reissue star), for the foot of page 1.
    pub first_page_notes: Vec<usize>,
}

/// The head of title and the title of the `lang` version. Asterisk notes are numbered in
/// the order their marks stand: the reissue star on the masthead's symbol, the agenda item,
/// the title.
pub(super) fn head(
    m: &Meeting,
    lang: Lang,
    loc: &Locale,
    notes: &mut Notes,
    title: &str,
) -> Result<Head, Error> {
    let text = |t: &Text, path: &str| -> Result<String, Error> {
        t.get(lang).map(str::to_string).ok_or_else(|| Error::Template(format!("{path}: no `{lang}` text")))
    };
    let para = |style: &str, inlines: Vec<Inline>, outline: Option<u8>| Block::Para {
        style: style.into(),
        label: None,
        inlines,
        outline,
    };
    let mut first_page_notes = Vec::new();
    if let Some(day) = m.reissued {
        let note = fill(loc.word("reissued")?, &[("date", &loc.date(day))]);
        first_page_notes.push(notes.standalone(vec![Inline::text(note)], Marks::Asterisks));
    }
    let mt = &m.meeting;
    let mut blocks = vec![para("meeting-body", vec![Inline::text(text(&mt.name, "$.meeting.name")?)], None)];
    if let Some(n) = mt.session {
        blocks.push(para("meeting-place", vec![Inline::text(loc.session.spell(n))], None));
    }
    let dates = loc.date_range(mt.dates.start, mt.dates.end);
    let line = fill(&loc.meeting_line, &[("dates", &dates), ("place", &text(&mt.place, "$.meeting.place")?)]);
    blocks.push(para("meeting-place", vec![Inline::text(line)], None));
    if let Some(item) = &m.agenda_item {
        // The mark stands where the language puts it: after "agenda" (临时议程*项目2), or
        // at the end (Item 2 of the provisional agenda*).
        let words = fill(loc.word("agenda_item")?, &[("item", &item.item)]);
        let (before, after) = words.split_once("{mark}").unwrap_or((&words, ""));
        let note = cite_inlines(&fill(loc.word("agenda_item_note")?, &[("symbol", &item.agenda)]), &|s| {
            loc.undocs_url(s)
        });
        let mut inlines = notes.append(before, note, Marks::Asterisks);
        if !after.is_empty() {
            inlines.push(Inline::text(after));
        }
        blocks.push(para("agenda-item-ref", inlines, None));
    }
    let title_inlines = match &m.title_note {
        Some(note) => {
            let note = cite_inlines(&text(note, "$.title_note")?, &|s| loc.undocs_url(s));
            notes.append(title, note, Marks::Asterisks)
        }
        None => vec![Inline::text(title)],
    };
    blocks.push(para("title", title_inlines, Some(1)));
    Ok(Head { blocks, first_page_notes })
}

/// The document of the `lang` version of `m`: its content, with the envelope around it.
pub(super) struct Content {
    pub title: String,
    pub spec: PageSpec,
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    pub first_page_notes: Vec<usize>,
}

/// The whole document: `content` inside the masthead and furniture of the `lang` version.
pub(super) fn document(
    m: &Meeting,
    lang: Lang,
    loc: &Locale,
    mut content: Content,
) -> Result<Document, Error> {
    let (masthead, furniture) = build(m, lang, loc)?;
    if loc.note_mark_before_punctuation {
        super::mark_place::marks_before_punctuation(&mut content.blocks);
    }
    Ok(Document {
        lang: loc.tag.clone(),
        title: format!("{} {}", m.symbol, content.title),
        symbol: m.symbol.clone(),
        date: (m.date_of_issue.year, m.date_of_issue.month, m.date_of_issue.day),
        spec: content.spec,
        masthead,
        furniture,
        blocks: content.blocks,
        notes: content.notes,
        first_page_notes: content.first_page_notes,
    })
}

/// The masthead and furniture of the `lang` version of `m`.
pub(super) fn build(m: &Meeting, lang: Lang, loc: &Locale) -> Result<(Masthead, Furniture), Error> {
    // The distribution block is in English in the Chinese, Russian and Arabic versions and in
    // the version's own language in the English, French and Spanish ones (`masthead_from`).
    let other = match loc.masthead_from.as_deref() {
        Some(code) if code != lang.code() => Some(Locale::load(
            Lang::ALL
                .into_iter()
                .find(|l| l.code() == code)
                .ok_or_else(|| Error::Template(format!("masthead_from `{code}` is not a language")))?,
        )?),
        _ => None,
    };
    let mh: &Locale = other.as_deref().unwrap_or(loc);
    // A document reissued for technical reasons carries a star after its symbol.
    let symbol = if m.reissued.is_some() { format!("{}*", m.symbol) } else { m.symbol.clone() };
    let (symbol_head, symbol_tail) = match symbol.find('/') {
        Some(i) => (symbol[..i].to_string(), symbol[i..].to_string()),
        None => (symbol.clone(), String::new()),
    };
    let masthead_word = |key: &str, value: &str| -> Result<String, Error> {
        let pattern = mh
            .masthead
            .get(key)
            .ok_or_else(|| Error::Template(format!("the language data have no masthead pattern `{key}`")))?;
        Ok(fill(pattern, &[("value", value)]))
    };
    let distribution_key = format!("{:?}", m.distribution).to_lowercase();
    let distribution = mh.distribution.get(&distribution_key).cloned().unwrap_or_default();
    let original = mh.language_names.get(m.original_language.code()).cloned().unwrap_or_default();
    let body = m.body.get(lang).ok_or_else(|| Error::Template(format!("$.body: no `{lang}` text")))?;
    let masthead = Masthead {
        organization: loc.organization.clone(),
        symbol_head,
        symbol_tail,
        body: body.to_string(),
        distribution: vec![
            masthead_word("distribution", &distribution)?,
            mh.date(m.date_of_issue),
            if m.english_only { masthead_word("english_only", "")? } else { loc.masthead_language.clone() },
            masthead_word("original", &original)?,
        ],
        emblem: None,
    };

    let job = m
        .job_numbers
        .get(&lang)
        .ok_or_else(|| Error::Template(format!("no job number for the `{lang}` version")))?;
    let furniture = Furniture {
        job_line: format!("{job} ({})", loc.job_letter),
        job_number: job.clone(),
        barcode: barcode_payload(job),
        qr: loc.undocs_url(m.symbol.trim_end_matches('*')),
        date_stamps: m
            .date_stamps
            .get(&lang)
            .map(|dates| {
                let stamp = |d: &crate::model::Date| format!("{:02}{:02}{:02}", d.day, d.month, d.year % 100);
                dates.iter().map(stamp).collect::<Vec<_>>().join("  ")
            })
            .unwrap_or_default(),
    };
    Ok((masthead, furniture))
}

/// The barcode carries the job number's digits without the office prefix or punctuation:
/// V.20-07396 → 2007396.
fn barcode_payload(job: &str) -> String {
    let digits = job.rsplit('.').next().unwrap_or(job);
    digits.chars().filter(char::is_ascii_digit).collect()
}
