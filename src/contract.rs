//! The one contract between validation and rendering: a description that `parse` accepts
//! renders. The model checks the description alone; this adds what only this build knows —
//! the characters its fonts have, the languages it has data for, and whether the symbol fits
//! the masthead — and is run by `parse` and by every render, except the render of a
//! description `accept_with_readers` already checked for the versions asked for. Checking the
//! masthead builds each version's document; a render keeps what the check built instead of
//! building it again.

use crate::doc::{Block, Document, Inline, TextSpec};
use crate::error::Error;
use crate::layout::fonts::{Coverage, FontBook};
use crate::layout::prepare::LangTag;
use crate::layout::shape::shape;
use crate::model::{self, Lang, Meeting, Problem};
use crate::page::{Field, SlotKind};
use crate::template;
use crate::units::Pt;

/// The documents the check built, one for each version it could build, for the render that
/// follows to take instead of building them again.
#[derive(Default)]
pub struct Checked {
    docs: Vec<(Lang, Document)>,
}

impl Checked {
    /// The document of version `lang`, if the check built it.
    pub(crate) fn take(&mut self, lang: Lang) -> Option<Document> {
        let at = self.docs.iter().position(|(l, _)| *l == lang)?;
        Some(self.docs.swap_remove(at).1)
    }
}

/// Every problem with rendering the versions `meeting` lists and the versions `langs`.
pub(crate) fn check(meeting: &Meeting, source: Option<&str>, langs: &[Lang]) -> Result<Checked, Error> {
    let has_language = |lang: Lang| !matches!(template::Locale::load(lang), Err(Error::Unsupported(_)));
    // Without the fonts (a broken build) coverage is left to the renderer, which says so.
    let book = FontBook::get().ok();
    let coverage = book.map(Coverage::new);
    let covers = |c: char| coverage.as_ref().is_none_or(|m| m.covers(c));
    let support = model::Support { covers: &covers, has_language: &has_language };
    let mut problems = model::validate_for(meeting, source, langs, support);
    let mut checked = Checked::default();
    if problems.is_empty()
        && let (Some(book), Some(coverage)) = (book, &coverage)
    {
        problems.extend(masthead_fits(meeting, source, langs, book, coverage, &mut checked.docs));
    }
    if problems.is_empty() { Ok(checked) } else { Err(Error::Invalid(problems)) }
}

/// The masthead of each version must hold the body's name in its box and the symbol in the
/// top row, right of the organization's name with an em of the symbol's size between them:
/// a symbol that does not fit would run over the name or off the page, a long name into the
/// text below. The limit of characters ([`model::MAX_SYMBOL_CHARS`]) does not
/// ensure it: 59 capital Ws do not fit. The documents built are kept in `built`.
fn masthead_fits(
    meeting: &Meeting,
    source: Option<&str>,
    langs: &[Lang],
    book: &FontBook,
    coverage: &Coverage,
    built: &mut Vec<(Lang, Document)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for lang in meeting.versions_with(langs) {
        // A document that does not build is the renderer's to report.
        let Ok(doc) = template::build(meeting, lang) else { continue };
        // The body's name must stand in its box above the thick rule.
        if let Some((_, needed, room)) = crate::layout::overfull_text_boxes(&doc, book).into_iter().next() {
            problems.push(problem_at(
                source,
                "$.body",
                format!(
                    "the body's name is too long for the masthead of the `{lang}` version: it takes {:.0} pt, and the masthead has {:.0} pt",
                    needed.0, room.0
                ),
            ));
        }
        let (needed, room) = symbol_room(&doc, book);
        if needed > room {
            problems.push(problem_at(
                source,
                "$.symbol",
                format!(
                    "the symbol is too wide for the masthead of the `{lang}` version: it needs {:.0} pt, and {:.0} pt are left beside “{}”",
                    needed.0, room.0, doc.masthead.organization
                ),
            ));
            break;
        }
        problems.extend(generated_text_drawable(&doc, lang, source, coverage));
        built.push((lang, doc));
    }
    if problems.is_empty() {
        let versions: Vec<(Lang, &Document)> = built.iter().map(|(l, d)| (*l, d)).collect();
        problems.extend(
            crate::parallel::compare(&versions).into_iter().map(|p| problem_at(source, "$", p.message)),
        );
    }
    problems
}

/// Every character a version prints must be drawable by an embedded face, never a silent empty
/// box. The description's own texts were checked where they stand, with their places (the
/// validator's `covers`, from this build's fonts); this checks the same rule on everything the
/// version prints, so that what the templates and language data add (labels, the masthead,
/// the distribution block, the job line, contents pages) is held to it too.
fn generated_text_drawable(
    doc: &Document,
    lang: Lang,
    source: Option<&str>,
    coverage: &Coverage,
) -> Option<Problem> {
    let m = &doc.masthead;
    let f = &doc.furniture;
    let mut texts: Vec<&str> =
        vec![&m.organization, &m.symbol_head, &m.symbol_tail, &m.body, &f.job_line, &doc.title];
    texts.extend(m.distribution.iter().map(String::as_str));
    for block in &doc.blocks {
        match block {
            Block::Para { label, inlines: runs, .. } => {
                texts.extend(label.as_deref());
                texts.extend(runs.iter().map(|i| i.text.as_str()));
            }
            Block::Contents(e) => {
                texts.extend(e.label.as_deref());
                texts.extend(e.inlines.iter().map(|i| i.text.as_str()));
                texts.extend([e.paragraphs.as_str(), e.page.as_str()]);
            }
            Block::Table(t) => {
                for cell in t.head.iter().chain(t.rows.iter().flat_map(|r| r.cells.iter())) {
                    texts.extend(cell.iter().map(|i| i.text.as_str()));
                }
            }
            // A figure prints no text of its own (its alternative text is metadata).
            Block::PageBreak | Block::ClosingRule | Block::Figure(_) => {}
        }
    }
    for note in &doc.notes {
        texts.push(&note.marker);
        texts.extend(note.inlines.iter().map(|i| i.text.as_str()));
    }
    let mut missing: Vec<String> = Vec::new();
    for text in texts {
        for c in text.chars().filter(|c| !c.is_control() && !coverage.covers(*c)) {
            let entry =
                format!("`{c}` (U+{:04X}) in “{}”", c as u32, text.chars().take(40).collect::<String>());
            if !missing.contains(&entry) {
                missing.push(entry);
            }
        }
    }
    (!missing.is_empty()).then(|| {
        problem_at(
            source,
            "$.languages",
            format!("the `{lang}` version prints characters no embedded font has: {}", missing.join("; ")),
        )
    })
}

/// A problem at `path`, placed in `source` when there is one.
fn problem_at(source: Option<&str>, path: &str, message: String) -> Problem {
    let at = source.and_then(|s| model::locate(s, path));
    Problem { path: path.into(), line: at.map(|a| a.0), column: at.map(|a| a.1), message }
}

/// The width the symbol needs in the masthead and the room it has: from the end of the
/// organization's name, an em of the symbol's small size apart, to where the symbol ends. A
/// template without a masthead symbol slot needs no room.
fn symbol_room(doc: &Document, book: &FontBook) -> (Pt, Pt) {
    let lang = LangTag::parse(&doc.lang);
    let latin = LangTag::parse("en");
    let spec = &doc.spec;
    let edges = spec.edges();
    let width = |text: &str, spec: TextSpec, lang: LangTag| -> Pt {
        let para = shape(book, &[Inline::text(text)], spec, lang);
        para.units.iter().map(|u| u.width + u.aki_before + u.aki_after).fold(Pt::ZERO, |a, b| a + b)
    };
    let symbol = spec.slots.values().find_map(|s| match &s.kind {
        SlotKind::Symbol { x, head, tail, .. } => Some((x.resolve(&edges), *head, *tail)),
        _ => None,
    });
    let Some((right, head, tail)) = symbol else { return (Pt::ZERO, Pt::ZERO) };
    let organization_end = spec
        .slots
        .values()
        .find_map(|s| match &s.kind {
            SlotKind::Text { field: Field::Organization, x, font, .. } => {
                Some(x.resolve(&edges) + width(&doc.masthead.organization, *font, lang))
            }
            _ => None,
        })
        .unwrap_or(spec.frame_left);
    let needed =
        width(&doc.masthead.symbol_head, head, latin) + width(&doc.masthead.symbol_tail, tail, latin);
    (needed, right - organization_end - tail.size)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts given once for every language, so that every version builds.
    fn same_everywhere(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map)
                if map.contains_key("zh") && map.values().all(|x| x.is_string()) =>
            {
                *v = map["zh"].clone();
            }
            serde_json::Value::Object(map) => map.values_mut().for_each(same_everywhere),
            serde_json::Value::Array(list) => list.iter_mut().for_each(same_everywhere),
            _ => {}
        }
    }

    #[test]
    fn symbols_fit_the_masthead_or_are_refused() {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../examples/ctoc-cop-wg3-2021-1.json")).expect("JSON");
        same_everywhere(&mut v);
        v["job_numbers"] = serde_json::json!({
            "zh": "V.20-07396", "en": "V.20-07397", "fr": "V.20-07398", "es": "V.20-07399", "ru": "V.20-07400"
        });
        let meeting: Meeting = serde_json::from_value(v).expect("a description");
        let book = FontBook::get().expect("fonts");
        for lang in [Lang::Zh, Lang::En, Lang::Fr, Lang::Es, Lang::Ru] {
            let mut m = meeting.clone();
            // One of the longest symbols the UN issues.
            m.symbol = "E/CN.15/2011/L.3/Add.2/Rev.1/Corr.1".into();
            let doc = template::build(&m, lang).expect("builds");
            let (needed, room) = symbol_room(&doc, book);
            assert!(needed < room, "{lang}: {needed:?} > {room:?}");
            assert!(check(&m, None, &[lang]).is_ok());
            m.symbol = format!("W/{}", "W".repeat(57));
            let doc = template::build(&m, lang).expect("builds");
            let (needed, room) = symbol_room(&doc, book);
            assert!(needed > room, "{lang}: {needed:?} <= {room:?}");
            let Err(Error::Invalid(problems)) = check(&m, None, &[lang]) else { panic!("{lang}: accepted") };
            assert_eq!(problems[0].path, "$.symbol");
            assert!(problems[0].message.contains("too wide for the masthead"), "{}", problems[0].message);
        }
    }

    #[test]
    fn what_the_templates_add_is_checked_for_drawable_characters() {
        let meeting: Meeting = serde_json::from_str(include_str!("../examples/ctoc-cop-wg3-2021-1.json"))
            .expect("a description");
        let book = FontBook::get().expect("fonts");
        let mut doc = template::build(&meeting, Lang::Zh).expect("builds");
        assert!(generated_text_drawable(&doc, Lang::Zh, None, &Coverage::new(book)).is_none());
        // A word of the language data no embedded face has (an Egyptian hieroglyph).
        doc.masthead.distribution[0].push('\u{13000}');
        let problem = generated_text_drawable(&doc, Lang::Zh, None, &Coverage::new(book)).expect("refused");
        assert_eq!(problem.path, "$.languages");
        assert!(problem.message.contains("U+13000"), "{}", problem.message);
    }
}
