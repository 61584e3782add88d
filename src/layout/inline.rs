//! Setting one paragraph: shaping, breaking, and turning each line into positioned glyph runs,
//! link areas and a hanging label.

use super::classify::Class;
use super::fonts::FontBook;
use super::linebreak::Break;
use super::linebreak::{Measure, break_lines};
use super::prepare::{Dir, LangTag, visual_order};
use super::shape::{MarkStyle, ShapedGlyph, ShapedPara, add_hyphens, shape, shape_with_marks};
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
    /// The paragraph's language: its direction, and whether Chinese rules apply.
    pub lang: LangTag,
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
    let mut para = shape_with_marks(book, inlines, f.font, f.lang, f.marks);
    if f.typography.hyphenate.is_some() {
        add_hyphens(book, &mut para);
    }
    let measure = Measure {
        first: f.width - f.indent - f.first_indent,
        rest: f.width - f.indent,
        justify: f.align == Align::Justify,
        typography: f.typography,
    };
    let lines = break_lines(&para, measure);
    let baseline = baseline_in_line(f.font.size, f.leading);
    let rtl = para.dir == Dir::Rtl;
    let mut out = Vec::with_capacity(lines.len().max(1));
    for (n, line) in lines.iter().enumerate() {
        // Indents are measured from the start edge: the left in left-to-right text, the right
        // in right-to-left text (the line's items are always placed left to right).
        let first = if n == 0 { f.first_indent } else { Pt::ZERO };
        let inset = f.indent + first;
        let hyphen = if line.brk == Break::Hyphen && !line.last {
            line.end
                .checked_sub(1)
                .and_then(|k| para.units.get(k))
                .and_then(|u| para.hyphens.iter().find(|(face, _)| *face == u.face).map(|(_, g)| g))
        } else {
            None
        };
        let filled: Pt = line.advances[..content_end(&para, line.start, line.end) - line.start]
            .iter()
            .copied()
            .sum::<Pt>()
            + hyphen.map_or(Pt::ZERO, |g| g.advance);
        let slack = (f.width - inset - filled).max(Pt::ZERO);
        let from_start = match f.align {
            Align::Center => ((line.measure - line.natural) * 0.5).max(Pt::ZERO),
            Align::End => slack,
            Align::Justify | Align::Start => Pt::ZERO,
        };
        // (Summed in this order so that left-to-right positions stay bit-identical.)
        let x = if rtl { f.x + slack - from_start } else { f.x + f.indent + first + from_start };
        let span = Span { start: line.start, end: line.end, advances: &line.advances, hyphen };
        let mut items = runs(&para, span, x, baseline, f.role, Some(f.link_box));
        if n == 0
            && let Some(label) = label
        {
            let label_para = shape(book, &[Inline::text(label)], f.font, f.lang);
            let label_x =
                if rtl { f.x + f.width - f.label_at - natural_width(&label_para) } else { f.x + f.label_at };
            // The label comes first in the content stream, so that text extraction (and a
            // reader that follows the stream) reads "1. Organizational matters", not the reverse.
            let label_items = natural_line(&label_para, label_x, baseline, Role::Label);
            items.splice(0..0, label_items);
        }
        for item in &mut items {
            match item {
                Item::Text(run) => run.block = f.block,
                Item::Link { block, .. } => *block = f.block,
                _ => {}
            }
        }
        let mut text = line_text(&para, line.start, line.end);
        if hyphen.is_some() {
            text.push('-');
        }
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
                hyphenated: hyphen.is_some(),
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
                hyphenated: false,
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
    let lead = p.units.first().map_or(Pt::ZERO, |u| u.aki_before);
    // Labels and furniture carry no links: no clickable areas.
    let advances = natural_advances(p);
    let span = Span { start: 0, end: p.units.len(), advances: &advances, hyphen: None };
    runs(p, span, x + lead, baseline, role, None)
}

/// The advance of each unit at natural spacing: punctuation keeps its full width.
fn natural_advances(p: &ShapedPara) -> Vec<Pt> {
    (0..p.units.len())
        .map(|k| {
            let next_before = p.units.get(k + 1).map_or(Pt::ZERO, |u| u.aki_before);
            p.units[k].width + p.units[k].aki_after + next_before
        })
        .collect()
}

/// The width of a whole shaped text set by [`natural_line`], without trailing spaces.
pub fn natural_width(p: &ShapedPara) -> Pt {
    let end = content_end(p, 0, p.units.len());
    let lead = p.units.first().map_or(Pt::ZERO, |u| u.aki_before);
    lead + natural_advances(p)[..end].iter().copied().sum()
}

/// The units `start..end` of a line in display order, left to right (UAX #9 rule L2 over the
/// units' levels; the line's trailing white space is already cut off, rule L1).
fn display_order(p: &ShapedPara, start: usize, end: usize) -> Vec<usize> {
    let levels: Vec<u8> = p.units[start..end].iter().map(|u| u.level).collect();
    if levels.iter().all(|l| *l == 0) {
        return (start..end).collect();
    }
    visual_order(&levels).into_iter().map(|k| start + k).collect()
}

/// The units a line sets, their advances, and the hyphen it ends with, if hyphenated.
struct Span<'a> {
    start: usize,
    end: usize,
    advances: &'a [Pt],
    hyphen: Option<&'a ShapedGlyph>,
}

/// Glyph runs (one per face and size) and, with a `link_box`, link areas for the units of
/// `span`.
fn runs(p: &ShapedPara, span: Span, x: Pt, baseline: Pt, role: Role, link_box: Option<LinkBox>) -> Vec<Item> {
    let Span { start, end, advances, hyphen } = span;
    let mut items = Vec::new();
    let mut current: Option<TextRun> = None;
    let mut run_rtl = false;
    let mut links: Vec<(usize, Pt, Pt)> = Vec::new();
    let mut pen = x;
    let last = content_end(p, start, end);
    for k in display_order(p, start, last) {
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
        let rtl = u.level % 2 == 1;
        let same = current
            .as_ref()
            .is_some_and(|r| r.face == u.face && r.size == u.size && r.link == link && run_rtl == rtl);
        if !same {
            if let Some(r) = current.take() {
                items.push(Item::Text(finish(r, run_rtl)));
            }
            run_rtl = rtl;
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
    // A hyphenated line ends with a hyphen in the face of its last letter. Its text is a soft
    // hyphen (PDF 1.7, 14.8.2.2.3), so that the word is extracted and searched whole.
    if let (Some(glyph), Some(run)) = (hyphen, current.as_mut()) {
        let text_start = run.text.len();
        run.text.push('\u{AD}');
        run.glyphs.push(PlacedGlyph {
            id: glyph.id,
            advance: glyph.advance,
            x_offset: Pt::ZERO,
            y_offset: Pt::ZERO,
            range: text_start..run.text.len(),
        });
    }
    if let Some(r) = current.take() {
        items.push(Item::Text(finish(r, run_rtl)));
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

/// A finished glyph run. The glyphs of a right-to-left run were collected in display order,
/// cluster by cluster; its text is put back in logical order (clusters reversed), each glyph
/// keeping the range of its own cluster, so that the source text of the run reads as written.
fn finish(mut run: TextRun, rtl: bool) -> TextRun {
    if !rtl {
        return run;
    }
    let mut clusters: Vec<std::ops::Range<usize>> = Vec::new();
    for g in &run.glyphs {
        if clusters.last() != Some(&g.range) {
            clusters.push(g.range.clone());
        }
    }
    let mut text = String::with_capacity(run.text.len());
    let mut moved: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for old in clusters.iter().rev() {
        let start = text.len();
        text.push_str(run.text.get(old.clone()).unwrap_or(""));
        moved.push((old.clone(), start..text.len()));
    }
    for g in &mut run.glyphs {
        if let Some((_, new)) = moved.iter().find(|(old, _)| *old == g.range) {
            g.range = new.clone();
        }
    }
    run.text = text;
    run
}
