//! Checks of a report's content that serde's types cannot express.

use super::report::{Annex, Block, Chapter, Report};
use super::validate::{Checker, Markup};

impl Checker<'_> {
    pub(super) fn report(&mut self, r: &Report) {
        if self.m.title.is_none() {
            self.problem(
                "$.title",
                "a report needs its `title` (e.g. \"Report on the meeting of … held in Vienna on …\")",
            );
        }
        self.body("$.report", r);
    }

    /// The body of a report or a note, under `root` (`$.report`, `$.note`).
    pub(super) fn body(&mut self, root: &str, r: &Report) {
        if !r.body_files.is_empty() {
            self.problem(
                format!("{root}.body_files"),
                "the body files have not been read: `parse` reads no files; use `parse_with_files`, or the command line, which reads them",
            );
            return;
        }
        if r.chapters.is_empty() {
            self.problem(format!("{root}.chapters"), "the body has at least one chapter");
        }
        self.chapters(root, &r.chapters, &r.annexes);
        if let Some(p) = &r.participants {
            self.participants(&format!("{root}.participants"), p);
        }
    }

    /// Chapters and annexes under `root` (`$.report`, `$.information`): titles, chapter and
    /// paragraph numbers that increase, and their blocks.
    pub(super) fn chapters(&mut self, root: &str, chapters: &[Chapter], annexes: &[Annex]) {
        let (mut chapter, mut paragraph) = (0u32, 0u32);
        for (i, c) in chapters.iter().enumerate() {
            let at = format!("{root}.chapters[{i}]");
            self.plain_text(&format!("{at}.title"), &c.title);
            if let Some(n) = c.number {
                if n <= chapter {
                    self.problem(
                        format!("{at}.number"),
                        format!("chapter {n} comes after chapter {chapter}: chapter numbers increase"),
                    );
                }
                chapter = n;
            } else {
                chapter += 1;
            }
            if let Some(p) = c.first_paragraph {
                if p == 0 {
                    self.problem(format!("{at}.first_paragraph"), "paragraphs are numbered from 1");
                } else if p <= paragraph {
                    self.problem(
                        format!("{at}.first_paragraph"),
                        format!(
                            "paragraph {p} would come after paragraph {paragraph}: paragraph numbers increase"
                        ),
                    );
                }
                paragraph = p.saturating_sub(1);
            }
            paragraph += self.blocks(&format!("{at}.blocks"), &c.blocks, true);
        }
        for (i, a) in annexes.iter().enumerate() {
            let at = format!("{root}.annexes[{i}]");
            self.plain_text(&format!("{at}.label"), &a.label);
            if let Some(t) = &a.title {
                self.plain_text(&format!("{at}.title"), t);
            }
            self.blocks(&format!("{at}.blocks"), &a.blocks, true);
        }
    }

    /// Checks `blocks`; returns how many paragraphs they number.
    fn blocks(&mut self, path: &str, blocks: &[Block], sections: bool) -> u32 {
        let mut count = 0;
        for (j, block) in blocks.iter().enumerate() {
            let at = format!("{path}[{j}]");
            match block {
                Block::Paragraph(p) => {
                    self.paragraph(&format!("{at}.paragraph"), p, 0, Markup::Rich);
                    count += 1;
                }
                Block::Section(s) => {
                    if !sections {
                        self.problem(format!("{at}.section"), "a section holds no sections");
                    }
                    self.plain_text(&format!("{at}.section.title"), &s.title);
                    count += self.blocks(&format!("{at}.section.blocks"), &s.blocks, false);
                }
                Block::List(l) => {
                    if l.items.is_empty() {
                        self.problem(format!("{at}.list.items"), "the list has no items");
                    }
                    if l.start == 0 {
                        self.problem(format!("{at}.list.start"), "lists are numbered from 1");
                    }
                    for (k, item) in l.items.iter().enumerate() {
                        let item_at = format!("{at}.list.items[{k}]");
                        let deep = item
                            .subparagraphs
                            .iter()
                            .any(|s| s.subparagraphs.iter().any(|t| !t.subparagraphs.is_empty()));
                        if deep {
                            self.problem(&item_at, "the items of a numbered list have sub-items two levels deep at most: (a), (i)");
                        }
                        self.paragraph(&item_at, item, 0, Markup::Rich);
                    }
                }
                Block::Figure(f) => {
                    self.text_at(&format!("{at}.figure.caption"), &f.caption, Markup::Rich);
                    self.plain_text(&format!("{at}.figure.alt"), &f.alt);
                    if f.width.is_some_and(|w| !(0.1..=1.0).contains(&w)) {
                        self.problem(
                            format!("{at}.figure.width"),
                            "the width is a fraction of the column, from 0.1 to 1",
                        );
                    }
                }
                Block::Table(t) => {
                    if let Some(caption) = &t.caption {
                        self.text_at(&format!("{at}.table.caption"), caption, Markup::Rich);
                    }
                    if t.head.is_empty() {
                        self.problem(format!("{at}.table.head"), "the table has no columns");
                    }
                    for (c, cell) in t.head.iter().enumerate() {
                        self.text_at(&format!("{at}.table.head[{c}]"), cell, Markup::Rich);
                    }
                    for (r, row) in t.rows.iter().enumerate() {
                        if row.len() != t.head.len() {
                            self.problem(
                                format!("{at}.table.rows[{r}]"),
                                format!(
                                    "the row has {} cell(s) and the table {} column(s)",
                                    row.len(),
                                    t.head.len()
                                ),
                            );
                        }
                        for (c, cell) in row.iter().enumerate() {
                            self.text_at(&format!("{at}.table.rows[{r}][{c}]"), cell, Markup::Rich);
                        }
                    }
                }
            }
        }
        count
    }
}
