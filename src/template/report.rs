//! The report of a meeting: meeting block and title, chapters numbered I., II. (一., 二. in
//! Chinese, from `data/`), sections A., B., paragraphs numbered through the whole report,
//! sub-paragraphs (a) → (i), numbered lists, tables, footnotes, and annexes on new pages.

use super::cite::cite_inlines;
use super::envelope;
use super::locale::{Locale, fill};
use super::notes::{Marks, Notes};
use super::spec;
use crate::doc::{Block, Document, Figure, Inline, PageSpec, Row, Table};
use crate::error::Error;
use crate::model::{self, Annex, Chapter, Lang, Meeting, Paragraph, ReportBlock, Span, Text, parse_rich};

pub fn build(m: &Meeting, lang: Lang) -> Result<Document, Error> {
    let report =
        m.report.as_ref().ok_or_else(|| Error::Template("$.report: a report has no content".into()))?;
    let loc = Locale::load(lang)?;
    let spec = spec::load("report", lang)?;
    let mut b = Builder::new(lang, &loc, &spec, "$.report");

    let title_text =
        m.title.as_ref().ok_or_else(|| Error::Template("$.title: a report has no title".into()))?;
    let title = b.text(title_text, "$.title")?.to_string();
    let head = envelope::head(m, lang, &loc, &mut b.notes, &title)?;
    let first_page_notes = head.first_page_notes;
    b.blocks = head.blocks;
    b.chapters(&report.chapters)?;
    b.annexes(&report.annexes)?;
    if let Some(p) = &report.participants {
        super::participants::build(&mut b, p, "$.report.participants")?;
    }
    b.blocks.push(Block::ClosingRule);

    let (blocks, notes) = (b.blocks, b.notes.notes);
    envelope::document(m, lang, &loc, envelope::Content { title, spec, blocks, notes, first_page_notes })
}

/// Builds the body of a report or a note, and of the kinds that share its parts: chapters,
/// sections, numbered paragraphs, sub-paragraphs, footnotes, tables and annexes, numbering as
/// it goes, and recording its headings for a contents table.
pub(super) struct Builder<'a> {
    pub lang: Lang,
    pub loc: &'a Locale,
    pub spec: &'a PageSpec,
    /// The JSON path of the body (`$.report`, `$.note`), for problems.
    root: &'static str,
    pub notes: Notes,
    pub blocks: Vec<Block>,
    /// The number of the last numbered paragraph: numbers run through the whole report.
    pub paragraph: u32,
    /// The chapters, sections and annexes, in order.
    pub headings: Vec<Heading>,
    /// The number of the last table with a caption: numbers run through the document.
    tables: u32,
    /// The number of the last figure: numbers run through the document.
    figures: u32,
}

/// A heading of the body, for the contents table.
pub(super) struct Heading {
    /// Its index in [`Builder::blocks`].
    pub block: usize,
    /// 1 for a chapter or an annex, 2 for a section.
    pub level: u8,
    pub label: Option<String>,
    pub title: String,
    /// The first and last numbered paragraphs under it, if any.
    pub paragraphs: Option<(u32, u32)>,
    pub annex: bool,
}

/// Where a block stands: paragraphs are numbered in chapters, not in annexes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Chapter,
    Annex,
}

impl<'a> Builder<'a> {
    pub fn new(lang: Lang, loc: &'a Locale, spec: &'a PageSpec, root: &'static str) -> Self {
        Builder {
            lang,
            loc,
            spec,
            root,
            notes: Notes::default(),
            blocks: Vec::new(),
            paragraph: 0,
            headings: Vec::new(),
            tables: 0,
            figures: 0,
        }
    }

    /// Records the heading just pushed; [`Builder::close_heading`] completes it.
    fn open_heading(&mut self, level: u8, label: Option<String>, title: &str) -> usize {
        let block = self.blocks.len().saturating_sub(1);
        let paragraphs = Some((self.paragraph + 1, self.paragraph));
        self.headings.push(Heading {
            block,
            level,
            label,
            title: title.to_string(),
            paragraphs,
            annex: false,
        });
        self.headings.len() - 1
    }

    /// The paragraphs numbered since heading `h` opened are its range.
    fn close_heading(&mut self, h: usize) {
        let last = self.paragraph;
        if let Some(heading) = self.headings.get_mut(h) {
            heading.paragraphs =
                heading.paragraphs.filter(|(first, _)| *first <= last).map(|(f, _)| (f, last));
        }
    }

    pub fn text<'t>(&self, t: &'t Text, path: &str) -> Result<&'t str, Error> {
        t.get(self.lang).ok_or_else(|| Error::Template(format!("{path}: no `{}` text", self.lang)))
    }

    /// Inlines of a report text: emphasis, footnotes (figures) and cited symbols as links.
    pub fn rich(&mut self, t: &Text, path: &str) -> Result<Vec<Inline>, Error> {
        let s = self.text(t, path)?;
        let spans = parse_rich(s).map_err(|e| {
            Error::Invalid(vec![model::Problem {
                path: format!("{path}.{}", self.lang),
                line: None,
                column: None,
                message: e.message,
            }])
        })?;
        Ok(self.inlines(&spans))
    }

    fn inlines(&mut self, spans: &[Span]) -> Vec<Inline> {
        let url = |s: &str| self.loc.undocs_url(s);
        let mut out = Vec::new();
        for span in spans {
            match span {
                Span::Text { text, italic, bold } => {
                    out.extend(cite_inlines(text, &url).into_iter().map(|i| Inline {
                        italic: *italic,
                        bold: *bold,
                        ..i
                    }))
                }
                Span::Note(note) => {
                    let note = self.inlines(note);
                    out.push(self.notes.reference(note, Marks::Figures));
                }
            }
        }
        out
    }

    pub fn para(&mut self, style: &str, label: Option<String>, inlines: Vec<Inline>, outline: Option<u8>) {
        self.blocks.push(Block::Para { style: style.into(), label, inlines, outline });
    }

    pub fn chapters(&mut self, chapters: &[Chapter]) -> Result<(), Error> {
        let mut number = 0;
        for (i, c) in chapters.iter().enumerate() {
            let at = format!("{}.chapters[{i}]", self.root);
            number = c.number.map_or(number + 1, |n| n as usize);
            if let Some(p) = c.first_paragraph {
                self.paragraph = p.saturating_sub(1);
            }
            let title = self.text(&c.title, &format!("{at}.title"))?.to_string();
            let label = self.loc.chapter_label(number);
            self.para("chapter", Some(label.clone()), vec![Inline::text(title.clone())], Some(1));
            let h = self.open_heading(1, Some(label), &title);
            self.blocks_of(&c.blocks, &format!("{at}.blocks"), Part::Chapter, 2)?;
            self.close_heading(h);
        }
        Ok(())
    }

    pub fn annexes(&mut self, annexes: &[Annex]) -> Result<(), Error> {
        for (i, a) in annexes.iter().enumerate() {
            let at = format!("{}.annexes[{i}]", self.root);
            self.blocks.push(Block::PageBreak);
            let label = self.text(&a.label, &format!("{at}.label"))?.to_string();
            self.para("annex-label", None, vec![Inline::text(label.clone())], Some(1));
            let mut title = String::new();
            if let Some(t) = &a.title {
                title = self.text(t, &format!("{at}.title"))?.to_string();
                self.para("annex-title", None, vec![Inline::text(title.clone())], Some(2));
            }
            // The contents table names an annex by its label and title: "Annex", then the title.
            let block = self.blocks.len().saturating_sub(if a.title.is_some() { 2 } else { 1 });
            self.headings.push(Heading {
                block,
                level: 1,
                label: Some(label),
                title,
                paragraphs: None,
                annex: true,
            });
            self.blocks_of(&a.blocks, &format!("{at}.blocks"), Part::Annex, 2)?;
        }
        Ok(())
    }

    /// Blocks of a chapter, annex or section; `level` is the outline level of a section.
    fn blocks_of(&mut self, blocks: &[ReportBlock], path: &str, part: Part, level: u8) -> Result<(), Error> {
        let mut section = 0;
        for (j, block) in blocks.iter().enumerate() {
            let at = format!("{path}[{j}]");
            match block {
                ReportBlock::Paragraph(p) => {
                    let label = match part {
                        Part::Chapter => {
                            self.paragraph += 1;
                            Some(fill(&self.loc.item_label, &[("n", &self.paragraph.to_string())]))
                        }
                        Part::Annex => None,
                    };
                    let style = if label.is_some() { "para" } else { "annex-para" };
                    self.paragraph_block(style, label, p, &format!("{at}.paragraph"))?;
                }
                ReportBlock::Section(s) => {
                    section += 1;
                    let title = self.text(&s.title, &format!("{at}.section.title"))?.to_string();
                    let label = self.loc.section_label(section);
                    self.para("section", Some(label.clone()), vec![Inline::text(title.clone())], Some(level));
                    // Sections of annexes are not in the contents table.
                    let h = (part == Part::Chapter).then(|| self.open_heading(2, Some(label), &title));
                    self.blocks_of(&s.blocks, &format!("{at}.section.blocks"), part, level + 1)?;
                    if let Some(h) = h {
                        self.close_heading(h);
                    }
                }
                ReportBlock::List(l) => {
                    for (k, item) in l.items.iter().enumerate() {
                        let n = l.start as usize + k;
                        let label = fill(&self.loc.item_label, &[("n", &n.to_string())]);
                        self.paragraph_block(
                            "list-item",
                            Some(label),
                            item,
                            &format!("{at}.list.items[{k}]"),
                        )?;
                    }
                }
                ReportBlock::Table(t) => self.table(t, &format!("{at}.table"))?,
                ReportBlock::Figure(f) => self.figure(f, &format!("{at}.figure"))?,
            }
        }
        Ok(())
    }

    /// A paragraph, then its sub-paragraphs (a), (i) … each hanging from its label.
    fn paragraph_block(
        &mut self,
        style: &str,
        label: Option<String>,
        p: &Paragraph,
        path: &str,
    ) -> Result<(), Error> {
        let text_path = if p.text_field { format!("{path}.text") } else { path.to_string() };
        let inlines = self.rich(&p.text, &text_path)?;
        self.para(style, label, inlines, None);
        // The sub-items of a numbered list hang one step further in than sub-paragraphs.
        let prefix = if style == "list-item" { "list-sub" } else { "subpara" };
        self.subparagraphs(&p.subparagraphs, path, prefix, 1)
    }

    pub fn subparagraphs(
        &mut self,
        subs: &[Paragraph],
        path: &str,
        prefix: &str,
        level: usize,
    ) -> Result<(), Error> {
        for (k, sub) in subs.iter().enumerate() {
            let at = format!("{path}.subparagraphs[{k}]");
            let text_path = if sub.text_field { format!("{at}.text") } else { at.clone() };
            let inlines = self.rich(&sub.text, &text_path)?;
            let label = self.loc.subparagraph_label(level, k)?;
            self.para(&format!("{prefix}-{level}"), Some(label), inlines, None);
            self.subparagraphs(&sub.subparagraphs, &at, prefix, level + 1)?;
        }
        Ok(())
    }

    /// A figure: "Figure I" (图一) and its title above the image, both kept with it, so that
    /// the caption never stands on another page than its figure.
    fn figure(&mut self, f: &model::Figure, path: &str) -> Result<(), Error> {
        let image = f.image.clone().ok_or_else(|| {
            Error::Template(format!("{path}.file: the image `{}` has not been read", f.file))
        })?;
        self.figures += 1;
        let pattern = self.loc.note.get("figure").map_or("{ROMAN}", String::as_str);
        let number = crate::template::locale::numbered(pattern, self.figures as usize);
        self.para("table-number", None, vec![Inline::text(number)], None);
        let title = self.rich(&f.caption, &format!("{path}.caption"))?;
        self.para("table-title", None, title, None);
        let alt = self.text(&f.alt, &format!("{path}.alt"))?.to_string();
        self.blocks.push(Block::Figure(Figure { image, width: f.width.unwrap_or(1.0), alt }));
        Ok(())
    }

    /// A table; its column widths come from the template (`page.tables`, `columns-N` for N
    /// columns), else from what the columns hold ([`content_widths`]).
    fn table(&mut self, t: &model::Table, path: &str) -> Result<(), Error> {
        if let Some(caption) = &t.caption {
            // "Table 1" (表1) above the table, its title under it, both kept with the table.
            self.tables += 1;
            let pattern = self.loc.note.get("table").map_or("{n}", String::as_str);
            let number = fill(pattern, &[("n", &self.tables.to_string())]);
            self.para("table-number", None, vec![Inline::text(number)], None);
            let title = self.rich(caption, &format!("{path}.caption"))?;
            self.para("table-title", None, title, None);
        }
        let n = t.head.len();
        let columns = match self.spec.tables.get(&format!("columns-{n}")) {
            Some(widths) if widths.len() == n => widths.clone(),
            _ => content_widths(t, self.lang),
        };
        let head = t
            .head
            .iter()
            .enumerate()
            .map(|(c, cell)| self.rich(cell, &format!("{path}.head[{c}]")))
            .collect::<Result<Vec<_>, Error>>()?;
        let mut rows = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, cell)| self.rich(cell, &format!("{path}.rows[{r}][{c}]")))
                .collect::<Result<Vec<_>, Error>>()?;
            rows.push(Row { span: false, cells });
        }
        self.blocks.push(Block::Table(Table { columns, head, rows }));
        Ok(())
    }
}

/// Column widths, as fractions of the column, from what each column holds: a column takes a
/// share of the width in proportion to the average length of its cells, and never less than
/// its longest word needs nor a tenth of the table (the "auto" table layout of CSS 2.1 §17.5.2.2
/// in spirit, measured in characters, a wide character counting as two). A column of article
/// numbers then stays narrow beside one of questions, instead of each taking a third.
fn content_widths(t: &model::Table, lang: Lang) -> Vec<f32> {
    let n = t.head.len().max(1);
    // CJK ideographs, kana, Hangul and full-width forms all lie at or above U+2E80.
    let length = |s: &str| s.chars().map(|c| if c >= '\u{2E80}' { 2.0 } else { 1.0 }).sum::<f32>();
    let mut weights = vec![4.0f32; n];
    for (c, weight) in weights.iter_mut().enumerate() {
        let cells: Vec<&str> =
            t.rows.iter().filter_map(|r| r.get(c)).filter_map(|cell| cell.get(lang)).collect();
        let average = cells.iter().map(|s| length(s)).sum::<f32>() / cells.len().max(1) as f32;
        let word = cells
            .iter()
            .chain(t.head.get(c).and_then(|h| h.get(lang)).as_ref())
            .flat_map(|s| s.split_whitespace())
            .map(length)
            .fold(0.0f32, f32::max);
        *weight = weight.max(average).max(word);
    }
    let total: f32 = weights.iter().sum();
    let shares: Vec<f32> = weights.iter().map(|w| (w / total).max(0.1)).collect();
    let sum: f32 = shares.iter().sum();
    shares.iter().map(|s| s / sum).collect()
}
