//! The "Provisional agenda and annotations" (临时议程说明): masthead, meeting block, title,
//! the agenda list, the annotations with numbered paragraphs and documentation lists, and the
//! annex with the proposed organization of work.

use super::cite::cite_inlines;
use super::envelope;
use super::locale::{Locale, fill};
use super::notes::{Marks, Notes, strip_notes};
use super::spec;
use crate::doc::{Block, Document, Inline, PageSpec, Row, Table};
use crate::error::Error;
use crate::model::{AgendaItem, Lang, Meeting, Paragraph, Problem, Text, WorkItem, parse_item_ref};
use std::cell::RefCell;

pub fn build(m: &Meeting, lang: Lang) -> Result<Document, Error> {
    let loc = Locale::load(lang)?;
    let spec = spec::load("provisional-agenda", lang)?;
    let b = Builder { m, lang, loc: &loc, spec: &spec, notes: RefCell::new(Notes::default()) };

    let title = match &m.title {
        Some(title) => b.text(title, "$.title")?.to_string(),
        None => loc.word("provisional_agenda_and_annotations")?.to_string(),
    };
    let head = envelope::head(m, lang, &loc, &mut b.notes.borrow_mut(), &title)?;
    let (mut blocks, first_page_notes) = (head.blocks, head.first_page_notes);
    b.agenda_list(&mut blocks)?;
    b.annotations(&mut blocks)?;
    b.annex(&mut blocks)?;
    blocks.push(Block::ClosingRule);

    let notes = b.notes.into_inner().notes;
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}

fn heading(style: &str, label: Option<String>, text: &str, outline: Option<u8>) -> Block {
    Block::Para { style: style.into(), label, inlines: vec![Inline::text(strip_notes(text))], outline }
}

struct Builder<'a> {
    m: &'a Meeting,
    lang: Lang,
    loc: &'a Locale,
    spec: &'a PageSpec,
    notes: RefCell<Notes>,
}

impl Builder<'_> {
    fn text<'t>(&self, t: &'t Text, path: &str) -> Result<&'t str, Error> {
        t.get(self.lang).ok_or_else(|| Error::Template(format!("{path}: no `{}` text", self.lang)))
    }

    fn cite(&self, text: &str) -> Vec<Inline> {
        cite_inlines(&strip_notes(text), &|s| self.loc.undocs_url(s))
    }

    /// Inlines of a text that may carry footnotes (`^[…]`); `path` names it in errors.
    fn rich(&self, text: &str, path: &str, marks: Marks) -> Result<Vec<Inline>, Error> {
        let url = |s: &str| self.loc.undocs_url(s);
        self.notes.borrow_mut().inlines(text, &url, marks).map_err(|at| {
            let chars = text[..at].chars().count();
            Error::Invalid(vec![Problem {
                path: format!("{path}.{}", self.lang),
                line: None,
                column: None,
                message: format!("the footnote opened with ^[ after {chars} characters is not closed with ]"),
            }])
        })
    }

    fn item_label(&self, n: usize) -> String {
        fill(&self.loc.item_label, &[("n", &n.to_string())])
    }

    fn sub_label(&self, j: usize) -> String {
        fill(&self.loc.sub_item_label, &[("letter", &self.loc.letter(j + 1))])
    }

    /// The agenda list: "1. 组织事项：", "(a) 会议开幕；", "(b) 通过议程及工作安排。"
    fn agenda_list(&self, blocks: &mut Vec<Block>) -> Result<(), Error> {
        blocks.push(heading("section", None, self.loc.word("provisional_agenda")?, Some(1)));
        let p = &self.loc.list;
        for (i, item) in self.m.agenda.iter().enumerate() {
            let title = self.text(&item.title, &format!("$.agenda[{i}].title"))?;
            let end = if item.sub_items.is_empty() { &p.end } else { &p.intro };
            blocks.push(Block::Para {
                style: "agenda-item".into(),
                label: Some(self.item_label(i + 1)),
                inlines: self.cite(&format!("{title}{end}")),
                outline: None,
            });
            let n = item.sub_items.len();
            for (j, sub) in item.sub_items.iter().enumerate() {
                let t = self.text(&sub.title, &format!("$.agenda[{i}].sub_items[{j}].title"))?;
                let end = if j + 1 == n { &p.end } else { &p.separator };
                blocks.push(Block::Para {
                    style: "agenda-subitem".into(),
                    label: Some(self.sub_label(j)),
                    inlines: self.cite(&format!("{t}{end}")),
                    outline: None,
                });
            }
        }
        Ok(())
    }

    /// Sub-items annotated together repeat the agenda punctuation in their headings (less
    /// the final full stop); sub-items annotated one by one are plain headings.
    fn annotations(&self, blocks: &mut Vec<Block>) -> Result<(), Error> {
        blocks.push(heading("section", None, self.loc.word("annotations")?, Some(1)));
        let p = &self.loc.list;
        let mut number = 0;
        for (i, item) in self.m.agenda.iter().enumerate() {
            let at = format!("$.agenda[{i}]");
            let title = self.text(&item.title, &format!("{at}.title"))?;
            let joint = !item.sub_items.is_empty() && item.sub_items.iter().all(|s| s.annotations.is_empty());
            let item_title = if joint { format!("{title}{}", p.intro) } else { title.to_string() };
            blocks.push(Block::Para {
                style: "item-heading".into(),
                label: Some(self.item_label(i + 1)),
                inlines: self.rich(&item_title, &format!("{at}.title"), Marks::Figures)?,
                outline: Some(2),
            });
            let n = item.sub_items.len();
            for (j, sub) in item.sub_items.iter().enumerate() {
                let t = self.text(&sub.title, &format!("{at}.sub_items[{j}].title"))?;
                let t = if joint && j + 1 < n { format!("{t}{}", p.separator) } else { t.to_string() };
                blocks.push(Block::Para {
                    style: "subitem-heading".into(),
                    label: Some(self.sub_label(j)),
                    inlines: self.rich(&t, &format!("{at}.sub_items[{j}].title"), Marks::Figures)?,
                    outline: Some(3),
                });
                for (k, para) in sub.annotations.iter().enumerate() {
                    let path = format!("{at}.sub_items[{j}].annotations[{k}]");
                    number += 1;
                    self.paragraph(number, para, &path, blocks)?;
                }
            }
            for (k, para) in item.annotations.iter().enumerate() {
                let path = format!("{at}.annotations[{k}]");
                number += 1;
                self.paragraph(number, para, &path, blocks)?;
            }
            self.documentation(i, item, blocks)?;
        }
        Ok(())
    }

    /// A numbered paragraph, then its sub-paragraphs.
    fn paragraph(&self, n: usize, p: &Paragraph, path: &str, blocks: &mut Vec<Block>) -> Result<(), Error> {
        let text_path = if p.subparagraphs.is_empty() { path.to_string() } else { format!("{path}.text") };
        blocks.push(self.numbered(n, self.text(&p.text, &text_path)?, &text_path)?);
        self.subparagraphs(&p.subparagraphs, path, 1, blocks)
    }

    /// Sub-paragraphs at `level` (1: (a), 2: (i), 3: a., 4: i.), each set hanging from its label.
    fn subparagraphs(
        &self,
        subs: &[Paragraph],
        path: &str,
        level: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<(), Error> {
        for (m, sub) in subs.iter().enumerate() {
            let at = format!("{path}.subparagraphs[{m}]");
            let text_path = if sub.subparagraphs.is_empty() { at.clone() } else { format!("{at}.text") };
            blocks.push(Block::Para {
                style: format!("subpara-{level}"),
                label: Some(self.loc.subparagraph_label(level, m)?),
                inlines: self.rich(self.text(&sub.text, &text_path)?, &text_path, Marks::Figures)?,
                outline: None,
            });
            self.subparagraphs(&sub.subparagraphs, &at, level + 1, blocks)?;
        }
        Ok(())
    }

    fn numbered(&self, n: usize, text: &str, path: &str) -> Result<Block, Error> {
        Ok(Block::Para {
            style: "para".into(),
            label: Some(self.item_label(n)),
            inlines: self.rich(text, path, Marks::Figures)?,
            outline: None,
        })
    }

    fn documentation(&self, i: usize, item: &AgendaItem, blocks: &mut Vec<Block>) -> Result<(), Error> {
        if item.documentation.is_empty() {
            return Ok(());
        }
        blocks.push(heading("doc-label", None, self.loc.word("documentation")?, None));
        for (k, doc) in item.documentation.iter().enumerate() {
            let path = format!("$.agenda[{i}].documentation[{k}].description");
            let description = self.text(&doc.description, &path)?;
            let entry = fill(&self.loc.citation, &[("description", description), ("symbol", &doc.symbol)]);
            blocks.push(Block::Para {
                style: "doc-entry".into(),
                label: None,
                inlines: self.rich(&entry, &path, Marks::Figures)?,
                outline: None,
            });
        }
        Ok(())
    }

    fn annex(&self, blocks: &mut Vec<Block>) -> Result<(), Error> {
        let days = &self.m.organization_of_work;
        if days.is_empty() {
            return Ok(());
        }
        blocks.push(Block::PageBreak);
        blocks.push(heading("annex-label", None, self.loc.word("annex")?, Some(1)));
        blocks.push(heading("annex-title", None, self.loc.word("organization_of_work")?, Some(2)));
        let head = ["table_date_time", "table_item", "table_title"]
            .iter()
            .map(|k| Ok(vec![Inline::text(self.loc.word(k)?)]))
            .collect::<Result<Vec<_>, Error>>()?;
        let mut rows = Vec::new();
        for day in days {
            rows.push(Row { span: true, cells: vec![vec![Inline::text(self.loc.day_row(day.date))]] });
            for session in &day.sessions {
                for (k, work) in session.items.iter().enumerate() {
                    let time =
                        if k == 0 { self.loc.time_range(session.start, session.end) } else { String::new() };
                    let (item_ref, title) = self.work_item(work)?;
                    rows.push(Row {
                        span: false,
                        cells: vec![
                            vec![Inline::text(time)],
                            vec![Inline::text(item_ref)],
                            self.rich(&title, "$.organization_of_work", Marks::Letters)?,
                        ],
                    });
                }
            }
        }
        let columns = self.spec.tables.get("organization-of-work").cloned().ok_or_else(|| {
            Error::Template("the template has no column widths for `organization-of-work`".into())
        })?;
        blocks.push(Block::Table(Table { columns, head, rows }));
        Ok(())
    }

    /// The reference and title shown for an item in the organization of work. An item with
    /// sub-items lists them, one per line.
    fn work_item(&self, work: &WorkItem) -> Result<(String, String), Error> {
        let (n, sub) = parse_item_ref(&work.item)
            .ok_or_else(|| Error::Template(format!("`{}` is not an item reference", work.item)))?;
        let missing = || Error::Template(format!("the agenda has no item {}", work.item));
        let item = self.m.agenda.get(n.wrapping_sub(1)).ok_or_else(missing)?;
        let item_ref = match sub {
            Some(j) => {
                fill(&self.loc.item_ref, &[("n", &n.to_string()), ("letter", &self.loc.letter(j + 1))])
            }
            None => n.to_string(),
        };
        let title = match (&work.title, sub) {
            (Some(t), _) => self.text(t, "$.organization_of_work")?.to_string(),
            (None, Some(j)) => {
                strip_notes(self.text(&item.sub_items.get(j).ok_or_else(missing)?.title, "$.agenda")?)
            }
            (None, None) => {
                let p = &self.loc.list;
                let mut s = strip_notes(self.text(&item.title, "$.agenda")?);
                let count = item.sub_items.len();
                if count > 0 {
                    s.push_str(&p.intro);
                }
                for (j, st) in item.sub_items.iter().enumerate() {
                    let sep = if j + 1 < count { p.separator.as_str() } else { "" };
                    s.push('\n');
                    s.push_str(&format!(
                        "{} {}{sep}",
                        self.sub_label(j),
                        strip_notes(self.text(&st.title, "$.agenda")?)
                    ));
                }
                s
            }
        };
        let title = if work.continued { fill(&self.loc.continued, &[("title", &title)]) } else { title };
        Ok((item_ref, title))
    }
}
