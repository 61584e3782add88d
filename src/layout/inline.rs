//! Setting one paragraph: shaping, breaking, and turning each line into positioned glyph runs,
//! link areas and a hanging label.

use super::classify::Class;
use super::fonts::FontBook;
use super::linebreak::{Measure, break_lines};
use super::shape::{MarkStyle, ShapedPara, shape, shape_with_marks};
use super::{Item, LineRecord, PlacedGlyph, Role, TextRun};
use crate::doc::{Align, Inline, LinkBox, TextSpec, Typography};
use crate::units::Pt;

/// A set line: its height (the leading) and its items, with y relative to the line's top.
#[derive(Clone, Debug)]
pub struct SetLine {
    pub height: Pt,
    pub items: Vec<Item>,
    pub record: LineRecord,
    /// Footnotes referenced on this line.
    pub notes: Vec<usize>,
}

/// How to set a paragraph.
#[derive(Clone, Copy, Debug)]
pub struct ParaFormat {
    pub font: TextSpec,
    pub leading: Pt,
    /// Left edge of the text column the paragraph sits in.
    pub x: Pt,
    pub width: Pt,
    pub indent: Pt,
    pub first_indent: Pt,
    pub label_at: Pt,
    pub align: Align,
    pub cjk: bool,
    pub role: Role,
    /// The block being set, carried onto every glyph run.
    pub block: Option<usize>,
    pub typography: Typography,
    pub marks: MarkStyle,
    /// The clickable area of links around their text.
    pub link_box: LinkBox,
}

/// Where the baseline sits in a line box: the em box centred in the leading, with the
/// baseline 0.88 em below the em box's top (the ideographic em box of the CJK faces).
pub fn baseline_in_line(size: Pt, leading: Pt) -> Pt {
    (leading - size) * 0.5 + size * 0.88
}

/// Sets a paragraph into lines.
pub fn set_paragraph(
    book: &FontBook,
    inlines: &[Inline],
    label: Option<&str>,
    f: ParaFormat,
) -> Vec<SetLine> {
    let para = shape_with_marks(book, inlines, f.font, f.cjk, f.marks);
    let measure = Measure {
        first: f.width - f.indent - f.first_indent,
        rest: f.width - f.indent,
        justify: f.align == Align::Justify,
        typography: f.typography,
    };
    let lines = break_lines(&para, measure);
    let baseline = baseline_in_line(f.font.size, f.leading);
    let mut out = Vec::with_capacity(lines.len().max(1));
    for (n, line) in lines.iter().enumerate() {
        let start_x = f.x + f.indent + if n == 0 { f.first_indent } else { Pt::ZERO };
        let shift = match f.align {
            Align::Center => ((line.measure - line.natural) * 0.5).max(Pt::ZERO),
            _ => Pt::ZERO,
        };
        let mut items = runs(
            &para,
            line.start,
            line.end,
            &line.advances,
            start_x + shift,
            baseline,
            f.role,
            Some(f.link_box),
        );
        if n == 0
            && let Some(label) = label
        {
            let label_para = shape(book, &[Inline::text(label)], f.font, f.cjk);
            // The label comes first in the content stream, so that text extraction (and a
            // reader that follows the stream) reads "1. Organizational matters", not the reverse.
            let label_items = natural_line(&label_para, f.x + f.label_at, baseline, Role::Label);
            items.splice(0..0, label_items);
        }
        for item in &mut items {
            match item {
                Item::Text(run) => run.block = f.block,
                Item::Link { block, .. } => *block = f.block,
                _ => {}
            }
        }
        let text = line_text(&para, line.start, line.end);
        let mut notes: Vec<usize> = para.units[line.start..line.end].iter().filter_map(|u| u.note).collect();
        notes.dedup();
        out.push(SetLine {
            notes,
            height: f.leading,
            items,
            record: LineRecord {
                text,
                measure: line.measure,
                natural: line.natural,
                ratio: line.ratio,
                last: line.last,
                cannot_extend: line.cannot_extend,
                spacing: line.spacing,
                block: f.block,
                character_break: line.character_break(),
            },
        });
    }
    if out.is_empty() {
        out.push(SetLine {
            notes: Vec::new(),
            height: f.leading,
            items: Vec::new(),
            record: LineRecord {
                text: String::new(),
                measure: f.width,
                natural: Pt::ZERO,
                ratio: 0.0,
                last: true,
                cannot_extend: true,
                spacing: Default::default(),
                block: f.block,
                character_break: false,
            },
        });
    }
    out
}

fn content_end(p: &ShapedPara, start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && matches!(p.units[e - 1].class, Class::Space | Class::Newline) {
        e -= 1;
    }
    e
}

fn line_text(p: &ShapedPara, start: usize, end: usize) -> String {
    let e = content_end(p, start, end);
    if e <= start {
        return String::new();
    }
    p.text[p.units[start].range.start..p.units[e - 1].range.end].to_string()
}

/// A whole shaped text as one line at its natural spacing (punctuation keeps its full
/// width), starting at `x` on `baseline`: labels and page furniture.
pub fn natural_line(p: &ShapedPara, x: Pt, baseline: Pt, role: Role) -> Vec<Item> {
    let n = p.units.len();
    let advances: Vec<Pt> = (0..n)
        .map(|k| {
            let next_before = p.units.get(k + 1).map_or(Pt::ZERO, |u| u.aki_before);
            p.units[k].width + p.units[k].aki_after + next_before
        })
        .collect();
    let lead = p.units.first().map_or(Pt::ZERO, |u| u.aki_before);
    // Labels and furniture carry no links: no clickable areas.
    runs(p, 0, n, &advances, x + lead, baseline, role, None)
}

/// Glyph runs (one per face and size) and, with a `link_box`, link areas for units
/// `start..end`.
#[allow(clippy::too_many_arguments)]
fn runs(
    p: &ShapedPara,
    start: usize,
    end: usize,
    advances: &[Pt],
    x: Pt,
    baseline: Pt,
    role: Role,
    link_box: Option<LinkBox>,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut current: Option<TextRun> = None;
    let mut links: Vec<(usize, Pt, Pt)> = Vec::new();
    let mut pen = x;
    let last = content_end(p, start, end);
    for k in start..last {
        let u = &p.units[k];
        let advance = advances.get(k - start).copied().unwrap_or(u.width);
        if u.class == Class::Newline {
            pen += advance;
            continue;
        }
        if let Some(li) = u.link {
            match links.last_mut() {
                Some((l, _, x1)) if *l == li => *x1 = pen + advance,
                _ => links.push((li, pen, pen + advance)),
            }
        }
        let link = u.link.and_then(|li| p.links.get(li)).cloned();
        let same = current.as_ref().is_some_and(|r| r.face == u.face && r.size == u.size && r.link == link);
        if !same {
            if let Some(r) = current.take() {
                items.push(Item::Text(r));
            }
            current = Some(TextRun {
                x: pen,
                y: baseline,
                face: u.face,
                size: u.size,
                glyphs: Vec::new(),
                text: String::new(),
                role: u.note.map_or(role, Role::NoteMark),
                block: None,
                link,
                cell: None,
            });
        }
        if let Some(run) = current.as_mut() {
            let text_start = run.text.len();
            run.text.push_str(&p.text[u.range.clone()]);
            let range = text_start..run.text.len();
            let count = u.glyphs.len();
            let mut used = Pt::ZERO;
            for (g, glyph) in u.glyphs.iter().enumerate() {
                let adv = if g + 1 == count { advance - used } else { glyph.advance };
                used += adv;
                run.glyphs.push(PlacedGlyph {
                    id: glyph.id,
                    advance: adv,
                    x_offset: glyph.x_offset + if g == 0 { u.draw_offset } else { Pt::ZERO },
                    y_offset: glyph.y_offset + u.rise,
                    range: range.clone(),
                });
            }
        }
        pen += advance;
    }
    if let Some(r) = current.take() {
        items.push(Item::Text(r));
    }
    let Some(link_box) = link_box else { return items };
    for (li, x0, x1) in links {
        if let Some(uri) = p.links.get(li) {
            let size = p.units.get(start).map(|u| u.size).unwrap_or(Pt(10.0));
            items.push(Item::Link {
                x: x0,
                y: baseline - size * link_box.above,
                w: x1 - x0,
                h: size * link_box.height,
                uri: uri.clone(),
                block: None,
                cell: None,
                role,
                dest: None,
            });
        }
    }
    items
}
