//! Flow: blocks become rows (lines, table rows, rules), and rows are distributed onto pages
//! with keep-with-next for headings, no widow or orphan lines, and table header rows repeated
//! on every page a table runs onto.

use super::fonts::FontBook;
use super::inline::{ParaFormat, SetLine, set_paragraph};
use super::linebreak::{Measure, min_content_width};
use super::prepare::{Dir, LangTag};
use super::shape::{MarkStyle, shape};
use super::{Item, Layout, LineRecord, OutlineEntry, Page, Role};
use crate::doc::{Block, Document, Figure, Inline, Note, PageSpec, ParaStyle, Table};
use crate::error::Error;
use crate::units::Pt;

mod ahead;
mod contents;

/// A unit of vertical flow: one line of text, one table row, or a rule.
#[derive(Clone, Debug, Default)]
struct Row {
    height: Pt,
    /// Space above the row, dropped at the top of a page.
    space_before: Pt,
    /// Items with y relative to the row's top.
    items: Vec<Item>,
    /// The page may not break after this row.
    keep: bool,
    /// The row must start a page.
    page_break_before: bool,
    /// The table the row belongs to (its header repeats after a page break).
    table: Option<usize>,
    outline: Option<(u8, String)>,
    record: Option<LineRecord>,
    /// Footnotes referenced in the row.
    notes: Vec<usize>,
}

/// What a page holds: rows of the flow, or a repeated table header.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Row(usize),
    Header(usize),
}

/// The text column's left edge. A right-to-left document is set on the mirror of the page's
/// frame: its column is indented from the right edge, and the wide frame of the head of title
/// reaches the right edge of the frame.
fn column_left(doc: &Document) -> Pt {
    if LangTag::parse(&doc.lang).dir() == Dir::Rtl {
        doc.spec.width - doc.spec.column_left - doc.spec.column_width
    } else {
        doc.spec.column_left
    }
}

pub fn flow(doc: &Document, book: &FontBook) -> Result<Layout, Error> {
    let mut b = RowBuilder {
        doc,
        book,
        lang: LangTag::parse(&doc.lang),
        rows: Vec::new(),
        headers: Vec::new(),
        pending_space: Pt::ZERO,
        break_next: false,
        current: None,
        ahead: ahead::Ahead::default(),
    };
    b.ahead = ahead::set_ahead(&b);
    for (i, block) in doc.blocks.iter().enumerate() {
        b.current = Some(i);
        b.block(block)?;
    }
    b.current = None;
    // Notes marked outside the flow (the reissue star on the masthead) go on page 1.
    if let Some(first) = b.rows.first_mut() {
        first.notes.splice(0..0, doc.first_page_notes.iter().copied());
    }
    let notes = b.notes()?;
    let rtl = b.lang.dir() == Dir::Rtl;
    let RowBuilder { mut rows, headers, .. } = b;
    let heights: Vec<Vec<Pt>> = notes.iter().map(|n| n.iter().map(|l| l.height).collect()).collect();
    let pages = paginate(doc, &rows, &headers, &heights);

    let mut layout = Layout {
        pages: Vec::new(),
        outline: Vec::new(),
        lines: Vec::new(),
        warnings: Vec::new(),
        lists: Vec::new(),
        contents: doc.blocks.iter().map(|b| matches!(b, Block::Contents(_))).collect(),
        figures: doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| if let Block::Figure(f) = b { Some((i, f.alt.clone())) } else { None })
            .collect(),
    };
    layout.lists = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para { style, .. } => doc.spec.styles.get(style).and_then(|s| s.list),
            _ => None,
        })
        .collect();
    layout.lines.extend(rows.iter_mut().filter_map(|row| row.record.take()));
    let fs = &doc.spec.footnotes;
    for (p, page) in pages.iter().enumerate() {
        let mut items = Vec::new();
        for &(slot, y) in &page.slots {
            match slot {
                // Each row of the flow stands on one page: its items move there.
                Slot::Row(i) => {
                    let row = &mut rows[i];
                    if let Some((level, title)) = row.outline.take() {
                        layout.outline.push(OutlineEntry { level, title, page: p, y });
                    }
                    items.extend(
                        std::mem::take(&mut row.items).into_iter().map(|it| it.translated(Pt::ZERO, y)),
                    );
                }
                Slot::Header(t) => items.extend(headers[t].items.iter().map(|it| {
                    let mut it = it.shifted(y);
                    // A header row repeated on a later page is pagination, not content.
                    if let Item::Text(run) = &mut it {
                        run.role = Role::Artifact;
                    }
                    it
                })),
            }
        }
        if !page.notes.is_empty() {
            // The notes sit at the foot of the body, under a short rule.
            let bottom = if p == 0 { doc.spec.first_body_bottom } else { doc.spec.body_bottom };
            let mut y = bottom - note_area(&page.notes, &heights, fs.rule_space);
            items.push(Item::Rect {
                // The short rule stands at the column's start edge.
                x: if rtl {
                    column_left(doc) + doc.spec.column_width - fs.rule_width
                } else {
                    column_left(doc)
                },
                y,
                w: fs.rule_width,
                h: fs.rule_thickness,
                role: Role::Artifact,
            });
            y += fs.rule_space;
            for &(n, l) in &page.notes {
                let line = &notes[n][l];
                items.extend(line.items.iter().map(|it| it.shifted(y)));
                layout.lines.push(line.record.clone());
                y += line.height;
            }
        }
        layout.pages.push(Page { width: doc.spec.width, height: doc.spec.height, items });
    }
    Ok(layout)
}

/// A page being filled: its rows, and the footnote lines at its foot.
#[derive(Clone, Debug, Default)]
struct PageFill {
    slots: Vec<(Slot, Pt)>,
    /// Footnote lines as (note, line); lines carried over from the page before come first.
    notes: Vec<(usize, usize)>,
    carried: usize,
}

/// Bands stacked into one row, its items cell by cell: the order they are drawn in is the
/// order a reader without the tag tree reads them in.
fn join(bands: Vec<Row>) -> Row {
    let mut row = Row::default();
    for band in bands {
        let y = row.height;
        row.items.extend(band.items.iter().map(|it| it.shifted(y)));
        row.notes.extend(band.notes);
        row.height += band.height;
    }
    row.items.sort_by_key(|it| match it {
        Item::Text(run) => run.cell,
        Item::Link { cell, .. } => *cell,
        _ => None,
    });
    row
}

/// Height of the footnote area holding `lines`.
fn note_area(lines: &[(usize, usize)], heights: &[Vec<Pt>], rule_space: Pt) -> Pt {
    if lines.is_empty() {
        return Pt::ZERO;
    }
    rule_space + lines.iter().map(|&(n, l)| heights[n][l]).sum()
}

/// Distributes rows onto pages, with the footnotes each row references at the foot of the
/// same page; a note too long for the space left continues on the next page.
fn paginate(doc: &Document, rows: &[Row], headers: &[Row], heights: &[Vec<Pt>]) -> Vec<PageFill> {
    let spec = &doc.spec;
    let rule_space = spec.footnotes.rule_space;
    let mut pages: Vec<PageFill> = vec![PageFill::default()];
    let mut y = spec.first_body_top;
    let mut i = 0;
    let mut guard = 0usize;
    let mut carry: Vec<(usize, usize)> = Vec::new();
    while i < rows.len() {
        guard += 1;
        if guard > rows.len() * 4 + 100 {
            break; // cannot happen: each restart moves at least one row to a new page
        }
        let row = &rows[i];
        let body_bottom = if pages.len() == 1 { spec.first_body_bottom } else { spec.body_bottom };
        let Some(page) = pages.last_mut() else { break };
        let has_rows = page.slots.iter().any(|(s, _)| matches!(s, Slot::Row(_)));
        let sb = if has_rows { row.space_before } else { Pt::ZERO };
        let new_lines: Vec<(usize, usize)> = row
            .notes
            .iter()
            .flat_map(|&n| (0..heights.get(n).map_or(0, Vec::len)).map(move |l| (n, l)))
            .collect();
        let bottom_with = |k: usize| {
            let mut lines = page.notes.clone();
            lines.extend_from_slice(&new_lines[..k]);
            body_bottom - note_area(&lines, heights, rule_space)
        };
        let fits = y + sb + row.height <= bottom_with(new_lines.len());
        if fits && (!has_rows || !row.page_break_before) {
            page.slots.push((Slot::Row(i), y + sb));
            page.notes.extend(new_lines);
            y += sb + row.height;
            i += 1;
            continue;
        }
        // The row with the start of its notes, the rest of them continuing overleaf: the first
        // row of a page stands on it whatever follows (a note longer than the page); a later
        // row only where the page may break after it, so that a note never strands a line.
        let lines_fitting =
            |from: usize| (from..new_lines.len()).rev().find(|&k| y + sb + row.height <= bottom_with(k));
        let split = if !has_rows {
            Some(lines_fitting(0).unwrap_or(0))
        } else if !row.page_break_before && !row.keep {
            lines_fitting(1)
        } else {
            None
        };
        if let Some(k) = split {
            page.slots.push((Slot::Row(i), y + sb));
            page.notes.extend_from_slice(&new_lines[..k]);
            carry = new_lines[k..].to_vec();
            i += 1;
            y = start_page(&mut pages, &mut carry, rows, headers, i, spec, heights);
            continue;
        }
        // Break the page: before this row, or earlier where rows keep with what follows.
        let placed: Vec<usize> = page
            .slots
            .iter()
            .filter_map(|(s, _)| if let Slot::Row(r) = s { Some(*r) } else { None })
            .collect();
        let mut cut = placed.len();
        if !row.page_break_before {
            while cut > 1 && rows[placed[cut - 1]].keep {
                cut -= 1;
            }
            if rows[placed[cut - 1]].keep {
                cut = placed.len();
            }
        }
        let restart = placed.get(cut).copied().unwrap_or(i);
        page.slots.retain(|(s, _)| match s {
            Slot::Row(r) => *r < restart,
            Slot::Header(_) => true,
        });
        page.notes.truncate(page.carried);
        let kept: Vec<(usize, usize)> = page
            .slots
            .iter()
            .filter_map(|(s, _)| if let Slot::Row(r) = s { Some(*r) } else { None })
            .flat_map(|r| rows[r].notes.iter().copied())
            .flat_map(|n| (0..heights.get(n).map_or(0, Vec::len)).map(move |l| (n, l)))
            .collect();
        page.notes.extend(kept);
        i = restart;
        y = start_page(&mut pages, &mut carry, rows, headers, i, spec, heights);
    }
    pages
}

/// Opens a new page for row `i`: carried footnote lines first, and the header of a table
/// that continues. Returns where the body starts. Carried lines that would leave no room for
/// row `i` (a note longer than a page) fill pages of notes alone first, so that no line is
/// pushed off the foot of a page.
fn start_page(
    pages: &mut Vec<PageFill>,
    carry: &mut Vec<(usize, usize)>,
    rows: &[Row],
    headers: &[Row],
    i: usize,
    spec: &PageSpec,
    heights: &[Vec<Pt>],
) -> Pt {
    let top = spec.body_top;
    let room = spec.body_bottom - top;
    let rule_space = spec.footnotes.rule_space;
    let header = rows.get(i).and_then(|row| {
        let continues = row.table.is_some() && i > 0 && rows[i - 1].table == row.table;
        row.table.filter(|_| continues)
    });
    let reserve = rows.get(i).map_or(Pt::ZERO, |r| r.height)
        + header.and_then(|t| headers.get(t)).map_or(Pt::ZERO, |h| h.height);
    while !carry.is_empty() && note_area(carry, heights, rule_space) > room - reserve {
        let mut k = carry.len();
        while k > 1 && note_area(&carry[..k], heights, rule_space) > room {
            k -= 1;
        }
        pages.push(PageFill { carried: k, notes: carry.drain(..k).collect(), ..PageFill::default() });
    }
    let mut page = PageFill { carried: carry.len(), notes: std::mem::take(carry), ..PageFill::default() };
    let mut y = top;
    if let Some(t) = header {
        page.slots.push((Slot::Header(t), y));
        y += headers[t].height;
    }
    pages.push(page);
    y
}

/// The space above and below a figure's image: the caption's own space is above it, this
/// keeps the image off the caption and the next paragraph.
const FIGURE_SPACE: Pt = Pt(6.0);

struct RowBuilder<'a> {
    doc: &'a Document,
    book: &'a FontBook,
    /// The document's language.
    lang: LangTag,
    rows: Vec<Row>,
    headers: Vec<Row>,
    pending_space: Pt,
    break_next: bool,
    /// The block being turned into rows.
    current: Option<usize>,
    /// Paragraphs and footnotes already set (a long document's, in parallel).
    ahead: ahead::Ahead,
}

impl RowBuilder<'_> {
    /// Each footnote set as lines in the footnote style, its marker hanging before it.
    fn notes(&mut self) -> Result<Vec<Vec<SetLine>>, Error> {
        let spec = &self.doc.spec;
        let style = self.style(&spec.footnotes.style)?.clone();
        let mut ahead = std::mem::take(&mut self.ahead.notes);
        Ok(self
            .doc
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| match ahead.get_mut(i).and_then(Option::take) {
                Some(lines) => lines,
                None => self.set_note(i, &style, n),
            })
            .collect())
    }

    /// The lines of a paragraph of block `block` set across the column, a heading of level
    /// `outline` or body text.
    fn set_body_paragraph(
        &self,
        block: Option<usize>,
        s: &ParaStyle,
        label: Option<&str>,
        inlines: &[Inline],
        outline: Option<u8>,
    ) -> Vec<SetLine> {
        let role = outline.map_or(Role::Paragraph, Role::Heading);
        let format = self.format_for(s, column_left(self.doc), self.doc.spec.column_width, role, block);
        set_paragraph(self.book, inlines, label, format)
    }

    /// The lines of footnote `i` in the footnote style `s`, its marker hanging before it.
    fn set_note(&self, i: usize, s: &ParaStyle, note: &Note) -> Vec<SetLine> {
        let format =
            self.format_for(s, column_left(self.doc), self.doc.spec.column_width, Role::Footnote(i), None);
        set_paragraph(self.book, &note.inlines, Some(&note.marker), format)
    }

    fn style(&self, name: &str) -> Result<&ParaStyle, Error> {
        self.doc
            .spec
            .styles
            .get(name)
            .ok_or_else(|| Error::Template(format!("the template has no style `{name}`")))
    }

    fn format(&self, s: &ParaStyle, x: Pt, width: Pt, role: Role) -> ParaFormat {
        self.format_for(s, x, width, role, self.current)
    }

    /// The format of a paragraph of block `block` in style `s`.
    fn format_for(&self, s: &ParaStyle, x: Pt, width: Pt, role: Role, block: Option<usize>) -> ParaFormat {
        ParaFormat {
            font: s.font,
            leading: s.leading,
            x,
            width,
            indent: s.indent,
            first_indent: s.first_indent,
            label_at: s.label_at,
            align: s.align,
            lang: self.lang,
            role,
            typography: self.doc.spec.typography,
            block,
            link_box: self.doc.spec.links,
            marks: MarkStyle {
                scale: self.doc.spec.footnotes.mark_scale,
                rise: self.doc.spec.footnotes.mark_rise,
            },
        }
    }

    fn push(&mut self, mut row: Row) {
        row.space_before += self.pending_space;
        self.pending_space = Pt::ZERO;
        row.page_break_before |= std::mem::take(&mut self.break_next);
        self.rows.push(row);
    }

    fn block(&mut self, block: &Block) -> Result<(), Error> {
        match block {
            Block::Para { style, label, inlines, outline } => {
                self.para(style, label.as_deref(), inlines, *outline)
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Contents(entry) => self.contents(entry),
            Block::PageBreak => {
                self.break_next = true;
                self.pending_space = Pt::ZERO;
                Ok(())
            }
            Block::ClosingRule => {
                let spec = &self.doc.spec;
                let c = &spec.closing_rule;
                let x = column_left(self.doc) + (spec.column_width - c.width) * 0.5;
                if let Some(last) = self.rows.last_mut() {
                    last.keep = true;
                }
                self.push(Row {
                    height: c.space_before + c.thickness,
                    items: vec![Item::Rect {
                        x,
                        y: c.space_before,
                        w: c.width,
                        h: c.thickness,
                        role: Role::Artifact,
                    }],
                    ..Row::default()
                });
                Ok(())
            }
        }
    }

    /// A figure: its image scaled to its share of the column, centred, in one row that is
    /// never split. An image taller than a page's body is scaled down to fit it, so that it
    /// stays inside the page frame.
    fn figure(&mut self, f: &Figure) -> Result<(), Error> {
        let spec = &self.doc.spec;
        let (iw, ih) = super::emblem::size(&f.image)?;
        let room = (spec.body_bottom - spec.body_top).min(spec.first_body_bottom - spec.first_body_top);
        let gap = FIGURE_SPACE;
        let mut w = spec.column_width * f.width.clamp(0.1, 1.0);
        let mut h = Pt(w.0 * ih / iw.max(f32::EPSILON));
        if h > room - gap * 2.0 {
            let scale = (room - gap * 2.0).0 / h.0.max(f32::EPSILON);
            (w, h) = (w * scale, h * scale);
        }
        let x = column_left(self.doc) + (spec.column_width - w) * 0.5;
        let block = self.current.unwrap_or_default();
        let mut items = super::emblem::place(&f.image, x, gap, w, h)?;
        for item in &mut items {
            match item {
                Item::Image { role, .. } => *role = Role::Figure(block),
                Item::Shape(shape) => shape.role = Role::Figure(block),
                _ => {}
            }
        }
        self.push(Row { height: gap * 2.0 + h, items, ..Row::default() });
        Ok(())
    }

    fn para(
        &mut self,
        style: &str,
        label: Option<&str>,
        inlines: &[Inline],
        outline: Option<u8>,
    ) -> Result<(), Error> {
        let s = self.style(style)?.clone();
        let ahead = self.current.and_then(|i| self.ahead.blocks.get_mut(i)).and_then(Option::take);
        let lines = match ahead {
            Some(lines) => lines,
            None => self.set_body_paragraph(self.current, &s, label, inlines, outline),
        };
        let n = lines.len();
        let title = crate::doc::heading_title(label, inlines);
        for (k, line) in lines.into_iter().enumerate() {
            // Headings keep with what follows; a paragraph leaves no fewer lines at the foot or
            // the head of a page than the template's orphans and widows.
            let keep = s.keep_with_next || self.doc.spec.breaks.keeps_after(k, n);
            let SetLine { height, items, record, notes } = line;
            self.push(Row {
                height,
                space_before: if k == 0 { s.space_before } else { Pt::ZERO },
                items,
                keep,
                outline: if k == 0 { outline.map(|l| (l, title.clone())) } else { None },
                record: Some(record),
                notes,
                ..Row::default()
            });
        }
        self.pending_space = s.space_after;
        Ok(())
    }

    /// Sets a row of cells side by side, as bands of one line of every cell each (the cells
    /// of a row share one style, so their lines lie on one grid). The first band holds the
    /// gap above the row, the last the gap below it.
    fn cells(
        &self,
        widths: &[Pt],
        cells: &[Vec<Inline>],
        style: &ParaStyle,
        span: bool,
        role: Role,
        row: u32,
    ) -> Vec<Row> {
        let spec = &self.doc.spec;
        let pad = spec.table.cell_padding;
        let gap = spec.table.row_gap;
        // Columns follow the text's direction: the first at the right in a right-to-left
        // document.
        let rtl = self.lang.dir() == Dir::Rtl;
        let mut x = if rtl { column_left(self.doc) + spec.column_width } else { column_left(self.doc) };
        let mut bands: Vec<Row> = Vec::new();
        for (c, inlines) in cells.iter().enumerate() {
            let width = if span { spec.column_width } else { widths.get(c).copied().unwrap_or(Pt::ZERO) };
            if rtl {
                x -= width;
            }
            let lines =
                set_paragraph(self.book, inlines, None, self.format(style, x + pad, width - pad * 2.0, role));
            for (k, line) in lines.into_iter().enumerate() {
                if bands.len() <= k {
                    bands.push(Row::default());
                }
                let band = &mut bands[k];
                let top = if k == 0 { gap } else { Pt::ZERO };
                band.items.extend(line.items.iter().map(|it| {
                    let mut it = it.shifted(top);
                    match &mut it {
                        Item::Text(run) => run.cell = Some((row, c as u32)),
                        Item::Link { cell, .. } => *cell = Some((row, c as u32)),
                        _ => {}
                    }
                    it
                }));
                band.notes.extend(line.notes.iter().copied());
                band.height = band.height.max(top + line.height);
            }
            if !rtl {
                x += width;
            }
        }
        if bands.is_empty() {
            bands.push(Row { height: gap, ..Row::default() });
        }
        if let Some(last) = bands.last_mut() {
            last.height += gap;
        }
        bands
    }

    /// The bands of a table row as rows of the flow: one row that never splits, or, where the
    /// row is taller than the body of a page below the repeated table head, one row per band,
    /// breakable as a paragraph's lines are (no widow, no orphan).
    fn table_rows(&self, bands: Vec<Row>, fits: Pt) -> Vec<Row> {
        let total: Pt = bands.iter().map(|b| b.height).sum();
        if total <= fits || bands.len() < 2 {
            return vec![join(bands)];
        }
        let n = bands.len();
        bands
            .into_iter()
            .enumerate()
            .map(|(k, mut band)| {
                band.keep = self.doc.spec.breaks.keeps_after(k, n);
                band
            })
            .collect()
    }

    /// Column widths: the template's proportions, widened where a cell holds a piece no break
    /// can split (a symbol, a time), the width taken from the columns with room to spare.
    fn column_widths(&self, t: &Table, head: &ParaStyle, cell: &ParaStyle) -> Vec<Pt> {
        let spec = &self.doc.spec;
        let pad = spec.table.cell_padding * 2.0;
        let mut widths: Vec<Pt> = t.columns.iter().map(|f| spec.column_width * *f).collect();
        let measure = Measure {
            first: spec.column_width,
            rest: spec.column_width,
            justify: false,
            typography: spec.typography,
        };
        let mut need = vec![Pt::ZERO; widths.len()];
        let rows = std::iter::once((&t.head, head))
            .chain(t.rows.iter().filter(|r| !r.span).map(|r| (&r.cells, cell)));
        for (cells, style) in rows {
            for (c, inlines) in cells.iter().enumerate().take(need.len()) {
                let shaped = shape(self.book, inlines, style.font, self.lang);
                need[c] = need[c].max(min_content_width(&shaped, measure) + pad);
            }
        }
        let deficit: Pt = widths.iter().zip(&need).map(|(w, n)| (*n - *w).max(Pt::ZERO)).sum();
        let slack: Pt = widths.iter().zip(&need).map(|(w, n)| (*w - *n).max(Pt::ZERO)).sum();
        if deficit > Pt::ZERO && slack > Pt::ZERO {
            let take = deficit.min(slack) / slack.0;
            for (w, n) in widths.iter_mut().zip(&need) {
                if *n > *w {
                    *w = *n;
                } else {
                    *w -= (*w - *n) * take.0;
                }
            }
        }
        widths
    }

    fn table(&mut self, t: &Table) -> Result<(), Error> {
        let id = self.headers.len();
        let ts = self.doc.spec.table.clone();
        let (head_style, cell_style, day_style) =
            (self.style(&ts.head)?.clone(), self.style(&ts.cell)?.clone(), self.style(&ts.day)?.clone());
        let (left, width) = (column_left(self.doc), self.doc.spec.column_width);
        let rule = |y: Pt, h: Pt| Item::Rect { x: left, y, w: width, h, role: Role::Artifact };

        let widths = self.column_widths(t, &head_style, &cell_style);
        let mut head = join(self.cells(&widths, &t.head, &head_style, false, Role::TableHeader, 0));
        head.items.push(rule(Pt::ZERO, ts.top_rule));
        head.items.push(rule(head.height - ts.head_rule, ts.head_rule));
        head.keep = true;
        head.table = Some(id);
        head.space_before = head_style.space_before;
        self.headers.push(head.clone());
        self.push(head);

        // A row taller than this is split: it could not stand whole on any page.
        let spec = &self.doc.spec;
        let fits = spec.body_bottom - spec.body_top - self.headers[id].height;
        let count = t.rows.len();
        for (k, r) in t.rows.iter().enumerate() {
            let style = if r.span { &day_style } else { &cell_style };
            let bands = self.cells(&widths, &r.cells, style, r.span, Role::TableCell, k as u32 + 1);
            let mut rows = self.table_rows(bands, fits);
            let whole = rows.len() == 1;
            if let Some(last) = rows.last_mut() {
                if k + 1 == count {
                    last.items.push(rule(last.height, ts.bottom_rule));
                    last.height += ts.bottom_rule;
                }
                // A day heading keeps with the first row of its day.
                last.keep |= r.span;
            }
            for mut row in rows {
                row.keep |= whole && r.span;
                row.table = Some(id);
                self.push(row);
            }
        }
        self.pending_space = cell_style.space_after;
        Ok(())
    }
}
