//! Flow: blocks become rows (lines, table rows, rules), and rows are distributed onto pages
//! with keep-with-next for headings, no widow or orphan lines, and table header rows repeated
//! on every page a table runs onto.

use super::fonts::FontBook;
use super::inline::{ParaFormat, SetLine, set_paragraph};
use super::{Item, Layout, LineRecord, OutlineEntry, Page, Role};
use crate::doc::{Block, Document, Inline, ParaStyle, Table};
use crate::error::Error;
use crate::units::Pt;

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
}

/// What a page holds: rows of the flow, or a repeated table header.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Row(usize),
    Header(usize),
}

pub fn flow(doc: &Document, book: &FontBook) -> Result<Layout, Error> {
    let cjk = doc.lang.starts_with("zh");
    let mut b = RowBuilder {
        doc,
        book,
        cjk,
        rows: Vec::new(),
        headers: Vec::new(),
        pending_space: Pt::ZERO,
        break_next: false,
    };
    for block in &doc.blocks {
        b.block(block)?;
    }
    let RowBuilder { rows, headers, .. } = b;
    let pages = paginate(doc, &rows, &headers);

    let mut layout = Layout { pages: Vec::new(), outline: Vec::new(), lines: Vec::new() };
    for row in &rows {
        if let Some(r) = &row.record {
            layout.lines.push(r.clone());
        }
    }
    for (p, slots) in pages.iter().enumerate() {
        let mut items = Vec::new();
        for &(slot, y) in slots {
            let row = match slot {
                Slot::Row(i) => &rows[i],
                Slot::Header(t) => &headers[t],
            };
            if let (Slot::Row(_), Some((level, title))) = (slot, &row.outline) {
                layout.outline.push(OutlineEntry { level: *level, title: title.clone(), page: p, y });
            }
            items.extend(row.items.iter().map(|it| shift(it, y)));
        }
        layout.pages.push(Page { width: doc.spec.width, height: doc.spec.height, items });
    }
    Ok(layout)
}

fn shift(item: &Item, dy: Pt) -> Item {
    let mut it = item.clone();
    match &mut it {
        Item::Text(r) => r.y += dy,
        Item::Rect { y, .. } | Item::Link { y, .. } => *y += dy,
        Item::Polygon { points, .. } => points.iter_mut().for_each(|(_, y)| *y += dy),
    }
    it
}

/// Distributes rows onto pages; returns each page's slots with their top y.
fn paginate(doc: &Document, rows: &[Row], headers: &[Row]) -> Vec<Vec<(Slot, Pt)>> {
    let spec = &doc.spec;
    let mut pages: Vec<Vec<(Slot, Pt)>> = vec![Vec::new()];
    let mut y = spec.masthead.flow_top;
    let mut i = 0;
    let mut guard = 0usize;
    while i < rows.len() {
        guard += 1;
        if guard > rows.len() * 4 + 100 {
            break; // cannot happen: each restart moves at least one row to a new page
        }
        let row = &rows[i];
        let page = pages.last_mut().map(|p| p.as_slice()).unwrap_or(&[]);
        let has_rows = page.iter().any(|(s, _)| matches!(s, Slot::Row(_)));
        let sb = if has_rows { row.space_before } else { Pt::ZERO };
        let overflow = y + sb + row.height > spec.body_bottom;
        if has_rows && (row.page_break_before || overflow) {
            let placed: Vec<usize> =
                page.iter().filter_map(|(s, _)| if let Slot::Row(r) = s { Some(*r) } else { None }).collect();
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
            if let Some(p) = pages.last_mut() {
                p.retain(|(s, _)| match s {
                    Slot::Row(r) => *r < restart,
                    Slot::Header(_) => true,
                });
            }
            i = restart;
            let mut new_page = Vec::new();
            y = spec.body_top;
            let continues_table = rows[i].table.is_some() && i > 0 && rows[i - 1].table == rows[i].table;
            if let (true, Some(t)) = (continues_table, rows[i].table) {
                new_page.push((Slot::Header(t), y));
                y += headers[t].height;
            }
            pages.push(new_page);
            continue;
        }
        if let Some(p) = pages.last_mut() {
            p.push((Slot::Row(i), y + sb));
        }
        y += sb + row.height;
        i += 1;
    }
    pages
}

struct RowBuilder<'a> {
    doc: &'a Document,
    book: &'a FontBook,
    cjk: bool,
    rows: Vec<Row>,
    headers: Vec<Row>,
    pending_space: Pt,
    break_next: bool,
}

impl RowBuilder<'_> {
    fn style(&self, name: &str) -> Result<&ParaStyle, Error> {
        self.doc
            .spec
            .styles
            .get(name)
            .ok_or_else(|| Error::Template(format!("the template has no style `{name}`")))
    }

    fn format(&self, s: &ParaStyle, x: Pt, width: Pt, role: Role) -> ParaFormat {
        ParaFormat {
            font: s.font,
            leading: s.leading,
            x,
            width,
            indent: s.indent,
            first_indent: s.first_indent,
            label_at: s.label_at,
            align: s.align,
            cjk: self.cjk,
            role,
            typography: self.doc.spec.typography,
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
            Block::PageBreak => {
                self.break_next = true;
                self.pending_space = Pt::ZERO;
                Ok(())
            }
            Block::ClosingRule => {
                let spec = &self.doc.spec;
                let c = &spec.closing_rule;
                let x = spec.column_left + (spec.column_width - c.width) * 0.5;
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

    fn para(
        &mut self,
        style: &str,
        label: Option<&str>,
        inlines: &[Inline],
        outline: Option<u8>,
    ) -> Result<(), Error> {
        let s = self.style(style)?.clone();
        let spec = &self.doc.spec;
        let role = match outline {
            Some(level) => Role::Heading(level),
            None => Role::Paragraph,
        };
        let lines = set_paragraph(
            self.book,
            inlines,
            label,
            self.format(&s, spec.column_left, spec.column_width, role),
        );
        let n = lines.len();
        let title: String = inlines.iter().map(|i| i.text.as_str()).collect();
        for (k, line) in lines.into_iter().enumerate() {
            // Headings keep with what follows; a paragraph never leaves one line alone at the
            // foot or head of a page (two lines at least on each side of a break).
            let keep = s.keep_with_next || (n >= 2 && (k == 0 || k + 2 == n));
            let SetLine { height, items, record } = line;
            self.push(Row {
                height,
                space_before: if k == 0 { s.space_before } else { Pt::ZERO },
                items,
                keep,
                outline: if k == 0 { outline.map(|l| (l, title.replace('\n', " "))) } else { None },
                record: Some(record),
                ..Row::default()
            });
        }
        self.pending_space = s.space_after;
        Ok(())
    }

    /// Sets a row of cells side by side; returns the row with its height.
    fn cells(&self, table: &Table, cells: &[Vec<Inline>], style: &ParaStyle, span: bool, role: Role) -> Row {
        let spec = &self.doc.spec;
        let pad = spec.table.cell_padding;
        let mut x = spec.column_left;
        let mut items = Vec::new();
        let mut height = Pt::ZERO;
        for (c, inlines) in cells.iter().enumerate() {
            let frac = if span { 1.0 } else { table.columns.get(c).copied().unwrap_or(0.0) };
            let width = spec.column_width * frac;
            let lines =
                set_paragraph(self.book, inlines, None, self.format(style, x + pad, width - pad * 2.0, role));
            let mut y = spec.table.row_gap;
            for line in lines {
                items.extend(line.items.iter().map(|it| shift(it, y)));
                y += line.height;
            }
            height = height.max(y + spec.table.row_gap);
            x += width;
        }
        Row { height, items, ..Row::default() }
    }

    fn table(&mut self, t: &Table) -> Result<(), Error> {
        let id = self.headers.len();
        let ts = self.doc.spec.table.clone();
        let (head_style, cell_style, day_style) =
            (self.style(&ts.head)?.clone(), self.style(&ts.cell)?.clone(), self.style(&ts.day)?.clone());
        let (left, width) = (self.doc.spec.column_left, self.doc.spec.column_width);
        let rule = |y: Pt, h: Pt| Item::Rect { x: left, y, w: width, h, role: Role::Artifact };

        let mut head = self.cells(t, &t.head, &head_style, false, Role::TableHeader);
        head.items.push(rule(Pt::ZERO, ts.top_rule));
        head.items.push(rule(head.height - ts.head_rule, ts.head_rule));
        head.keep = true;
        head.table = Some(id);
        head.space_before = head_style.space_before;
        self.headers.push(head.clone());
        self.push(head);

        let count = t.rows.len();
        for (k, r) in t.rows.iter().enumerate() {
            let style = if r.span { &day_style } else { &cell_style };
            let mut row = self.cells(t, &r.cells, style, r.span, Role::TableCell);
            if k + 1 == count {
                row.items.push(rule(row.height, ts.bottom_rule));
                row.height += ts.bottom_rule;
            }
            row.keep = r.span;
            row.table = Some(id);
            self.push(row);
        }
        self.pending_space = cell_style.space_after;
        Ok(())
    }
}
