//! A corrigendum (`"kind": "corrigendum"`): the title of the document corrected (the
//! envelope's title), "Corrigendum" (更正), the sentence naming the language versions it
//! concerns ("Chinese and English only", 仅涉及中文本和英文本), and the corrections, numbered
//! when there are several: the place ("Paragraph 5, second sentence", 第5段第二句), then
//! "For “…” read “…”" (将“…”改为“…”) or an instruction in words.

use super::envelope;
use super::locale::{Locale, fill};
use super::pattern::{self, run};
use super::report::Builder;
use super::spec;
use crate::doc::{Block, Document, Inline};
use crate::error::Error;
use crate::model::{Lang, Meeting};

const KIND: &str = "corrigendum";

pub fn build(m: &Meeting, lang: Lang) -> Result<Document, Error> {
    let corrigendum =
        m.corrigendum.as_ref().ok_or_else(|| Error::Template("$.corrigendum: no corrections".into()))?;
    let loc = Locale::load(lang)?;
    let spec = spec::load(KIND, lang)?;
    let word = |key: &str| loc.kind_word(KIND, key);
    let mut b = Builder::new(lang, &loc, &spec, "$.corrigendum");
    let title = b
        .text(
            m.title.as_ref().ok_or_else(|| Error::Template("$.title: a corrigendum has no title".into()))?,
            "$.title",
        )?
        .to_string();
    let head = envelope::head(m, lang, &loc, &mut b.notes, &title)?;
    let first_page_notes = head.first_page_notes;
    b.blocks = head.blocks;
    b.para("corrigendum-title", None, vec![Inline::text(word("title")?)], Some(2));
    if !corrigendum.versions.is_empty() {
        let names = corrigendum
            .versions
            .iter()
            .map(|l| word(&format!("version_{l}")).map(str::to_string))
            .collect::<Result<Vec<_>, Error>>()?;
        let listed = series(&names, word("comma")?, word("and")?);
        b.para(
            "corrigendum-versions",
            None,
            vec![Inline::text(fill(word("versions")?, &[("languages", &listed)]))],
            None,
        );
    }
    let italic = word("italic")? == "true";
    let numbered = corrigendum.corrections.len() > 1;
    for (i, c) in corrigendum.corrections.iter().enumerate() {
        let at = format!("$.corrigendum.corrections[{i}]");
        let place = b.text(&c.place, &format!("{at}.place"))?.to_string();
        let label = numbered.then(|| fill(&loc.item_label, &[("n", &(i + 1).to_string())]));
        b.para("correction-place", label, vec![Inline::text(place)], None);
        let inlines = match (&c.old, &c.new, &c.instruction) {
            (Some(old), Some(new), _) => {
                let old = b.rich(old, &format!("{at}.for"))?;
                let new = b.rich(new, &format!("{at}.read"))?;
                pattern::inlines(
                    word("replace")?,
                    &[
                        ("for", run(word("for")?, italic)),
                        ("old", old),
                        ("read", run(word("read")?, italic)),
                        ("new", new),
                    ],
                )
            }
            (_, _, Some(words)) => b.rich(words, &format!("{at}.instruction"))?,
            _ => return Err(Error::Template(format!("{at}: neither `for` and `read` nor an instruction"))),
        };
        b.para("correction", None, inlines, None);
    }
    b.blocks.push(Block::ClosingRule);
    let (blocks, notes) = (b.blocks, b.notes.notes);
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}

/// Names joined as a series: "Arabic, Chinese and English"; 中文本、英文本和法文本.
fn series(names: &[String], comma: &str, and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(comma)),
    }
}

#[cfg(test)]
mod tests {
    use super::series;

    #[test]
    fn series_join_with_commas_and_a_final_and() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(series(&names(&["Chinese"]), ", ", " and "), "Chinese");
        assert_eq!(
            series(&names(&["Arabic", "Chinese", "English"]), ", ", " and "),
            "Arabic, Chinese and English"
        );
        assert_eq!(series(&names(&["中文本", "英文本"]), "、", "和"), "中文本和英文本");
    }
}
