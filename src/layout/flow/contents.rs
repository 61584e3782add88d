//! A line of a contents table as the UN prints it: the heading's label and title, set in the
//! width left of two right-hand columns; on the title's last line, dot leaders from the end of
//! the title to the paragraph range, the range right-aligned in its column, and the page
//! right-aligned at the edge of the text column.

use super::super::inline::{SetLine, baseline_in_line, natural_line, set_paragraph};
use super::super::shape::shape;
use super::super::{Item, PlacedGlyph, Role, TextRun};
use super::{Row, RowBuilder};
use crate::doc::{ContentsEntry, ContentsSpec, Inline, TextSpec};
use crate::error::Error;
use crate::units::Pt;

impl RowBuilder<'_> {
    pub(super) fn contents(&mut self, entry: &ContentsEntry) -> Result<(), Error> {
        let s = self.style(&entry.style)?.clone();
        let spec = &self.doc.spec;
        let columns = spec.contents.ok_or_else(|| {
            Error::Template("the template has a contents table but no `page.contents` columns".into())
        })?;
        let right = spec.column_left + spec.column_width;
        let title_width = spec.column_width - columns.paragraphs - columns.page;
        let format = self.format(&s, spec.column_left, title_width, Role::Paragraph);
        let lines = set_paragraph(self.book, &entry.inlines, entry.label.as_deref(), format);
        let n = lines.len();
        let baseline = baseline_in_line(s.font.size, s.leading);
        for (k, line) in lines.into_iter().enumerate() {
            let SetLine { height, mut items, record, notes } = line;
            if k + 1 == n {
                // The numbers stand on the title's last line.
                let page = self.number(&entry.page, s.font, right, baseline);
                let range_right = right - columns.page;
                let range = self.number(&entry.paragraphs, s.font, range_right, baseline);
                if entry.leader {
                    let from = items.iter().filter_map(text_end).fold(spec.column_left, Pt::max);
                    let to = range.first().or(page.first()).and_then(text_start).unwrap_or(range_right);
                    items.extend(self.leader(
                        s.font,
                        from + columns.gap,
                        to - columns.gap,
                        baseline,
                        columns,
                    ));
                }
                items.extend(range);
                items.extend(page);
            }
            let keep = s.keep_with_next || k + 1 < n;
            self.push(Row {
                height,
                space_before: if k == 0 { s.space_before } else { Pt::ZERO },
                items,
                keep,
                record: Some(record),
                notes,
                ..Row::default()
            });
        }
        self.pending_space = s.space_after;
        Ok(())
    }

    /// `text` set at its natural width, ending at `right`.
    fn number(&self, text: &str, font: TextSpec, right: Pt, baseline: Pt) -> Vec<Item> {
        if text.is_empty() {
            return Vec::new();
        }
        let para = shape(self.book, &[Inline::text(text)], font, self.lang);
        let width: Pt = natural_line(&para, Pt::ZERO, baseline, Role::Paragraph)
            .iter()
            .filter_map(|it| if let Item::Text(run) = it { Some(run.width()) } else { None })
            .fold(Pt::ZERO, |a, b| a + b);
        let mut items = natural_line(&para, right - width, baseline, Role::Paragraph);
        for item in &mut items {
            if let Item::Text(run) = item {
                run.block = self.current;
            }
        }
        items
    }

    /// Dots between `from` and `to`, on a grid of `leader_step` from the column's left edge,
    /// so that leaders line up from line to line. Leaders are artifacts: a reader hears the
    /// title and the numbers, not the dots.
    fn leader(&self, font: TextSpec, from: Pt, to: Pt, baseline: Pt, columns: ContentsSpec) -> Option<Item> {
        let step = columns.leader_step;
        if step <= Pt::ZERO || to <= from {
            return None;
        }
        let left = self.doc.spec.column_left;
        let first = ((from - left).0 / step.0).ceil();
        let last = ((to - left).0 / step.0).floor() - 1.0;
        if last < first {
            return None;
        }
        let para = shape(self.book, &[Inline::text(".")], font, self.lang);
        let dot =
            natural_line(&para, Pt::ZERO, baseline, Role::Artifact).into_iter().find_map(|it| match it {
                Item::Text(run) => Some(run),
                _ => None,
            })?;
        let glyph = dot.glyphs.first()?.clone();
        let count = (last - first) as usize + 1;
        let glyphs =
            (0..count).map(|i| PlacedGlyph { advance: step, range: i..i + 1, ..glyph.clone() }).collect();
        Some(Item::Text(TextRun {
            x: left + step * first,
            glyphs,
            text: ".".repeat(count),
            block: self.current,
            ..dot
        }))
    }
}

fn text_end(item: &Item) -> Option<Pt> {
    match item {
        Item::Text(run) => Some(run.x + run.width()),
        _ => None,
    }
}

fn text_start(item: &Item) -> Option<Pt> {
    match item {
        Item::Text(run) => Some(run.x),
        _ => None,
    }
}
