//! Page furniture: the named slots of the page template (`crate::page`) placed on each page —
//! the masthead, the first-page footer (job line, Code 39 barcode, recycle mark, QR code), the
//! running heads and feet, mirrored on even and odd pages. Every position and size comes from
//! the template; every text from the document.

use super::barcode::code39;
use super::fonts::FontBook;
use super::inline::{ParaFormat, SetLine, natural_line, set_paragraph};
use super::prepare::{Dir, LangTag};
use super::qr;
use super::shape::shape;
use super::{Item, Page, PathCmd, Rgb, Role, Shape};
use crate::doc::{Align, Document, Inline, TextSpec};
use crate::error::Error;
use crate::page::{Anchor, Edges, Field, Slot, SlotKind};
use crate::units::Pt;

/// Adds the furniture of page `index` (0-based) of `total` pages, in reading order: slots
/// above the middle of the page (the masthead, the running head) are drawn before the body,
/// top to bottom and left to right, the others after it, so that text extraction without
/// tags reads the page top down.
pub fn decorate(
    doc: &Document,
    book: &FontBook,
    page: &mut Page,
    index: usize,
    total: usize,
) -> Result<(), Error> {
    let spec = &doc.spec;
    let edges = spec.edges();
    let mut slots: Vec<(Pt, Pt, &Slot)> = spec
        .slots
        .values()
        .filter(|slot| slot.pages.includes(index))
        .map(|slot| {
            let (x, y) = reference(&slot.kind, &edges);
            (y, x, slot)
        })
        .collect();
    slots.sort_by(|a, b| a.0.0.total_cmp(&b.0.0).then(a.1.0.total_cmp(&b.1.0)));
    let (mut head, mut foot) = (Vec::new(), Vec::new());
    let mirror = LangTag::parse(&doc.lang).dir() == Dir::Rtl;
    for (y, _, slot) in slots {
        let flip = mirror && slot.mirror;
        let items = place(doc, book, &slot.kind, &edges, index, total, flip)?;
        // A text box and the emblem mirror their box (a text box's lines already start at the
        // right); the others move as a whole.
        let items = if flip && !matches!(slot.kind, SlotKind::TextBox { .. } | SlotKind::Emblem { .. }) {
            super::mirror::mirrored(items, spec.width)
        } else {
            items
        };
        if y.0 < spec.height.0 / 2.0 { head.extend(items) } else { foot.extend(items) }
    }
    page.items.splice(0..0, head);
    page.items.append(&mut foot);
    Ok(())
}

/// Where a slot stands, for the drawing order: its left (or anchor) x and its top or baseline.
fn reference(kind: &SlotKind, e: &Edges) -> (Pt, Pt) {
    match kind {
        SlotKind::Text { x, baseline: y, .. }
        | SlotKind::Symbol { x, baseline: y, .. }
        | SlotKind::TextBox { x, top: y, .. }
        | SlotKind::Rule { x, y, .. }
        | SlotKind::Barcode { x, top: y, .. }
        | SlotKind::Emblem { x, y, .. } => (x.resolve(e), y.resolve(e)),
        SlotKind::Qr { x, bottom, size } => (x.resolve(e), bottom.resolve(e) - *size),
        SlotKind::Recycle { x, bottom, height, .. } => (x.resolve(e), bottom.resolve(e) - *height),
    }
}

/// The lines of a text field in this document, none when it has no such text.
fn field(doc: &Document, field: Field, format: Option<&str>, index: usize, total: usize) -> Vec<String> {
    let m = &doc.masthead;
    let f = &doc.furniture;
    let lines = match field {
        Field::Organization => vec![m.organization.clone()],
        Field::Body => m.body.split('\n').map(str::to_string).collect(),
        Field::Distribution => m.distribution.clone(),
        Field::Symbol => vec![doc.symbol.clone()],
        Field::JobLine => vec![f.job_line.clone()],
        Field::JobNumber => vec![f.job_number.clone()],
        Field::DateStamps => vec![f.date_stamps.clone()],
        Field::PageNumber => vec![
            format
                .unwrap_or("{page}/{pages}")
                .replace("{page}", &(index + 1).to_string())
                .replace("{pages}", &total.to_string()),
        ],
    };
    // A blank line keeps its place (the English version's distribution block has no
    // language line, and "Original: English" stays on the fourth); a field of blank lines
    // only is absent.
    if lines.iter().all(|l| l.trim().is_empty()) { Vec::new() } else { lines }
}

/// Whether a field is Latin text whatever the version's language: the distribution block
/// (English in the Chinese and Russian versions, as the UN prints it) and the job line.
fn latin(field: Field) -> bool {
    matches!(field, Field::Distribution | Field::JobLine | Field::DateStamps)
}

/// The items of one slot on page `index`; `mirror` puts a text box at the mirror image of its
/// place.
#[allow(clippy::too_many_arguments)]
fn place(
    doc: &Document,
    book: &FontBook,
    kind: &SlotKind,
    e: &Edges,
    index: usize,
    total: usize,
    mirror: bool,
) -> Result<Vec<Item>, Error> {
    let lang = LangTag::parse(&doc.lang);
    let mut items = Vec::new();
    match kind {
        SlotKind::Text { field: which, x, baseline, anchor, font, format, content } => {
            let role = if *content { Role::Masthead } else { Role::Artifact };
            let leading = font.leading.unwrap_or(font.size * 1.2);
            let lang = if latin(*which) { LangTag::parse("en") } else { lang };
            for (k, text) in field(doc, *which, format.as_deref(), index, total).iter().enumerate() {
                if text.trim().is_empty() {
                    continue;
                }
                let y = baseline.resolve(e) + leading * k as f32;
                items.extend(line_at(book, text, *font, x.resolve(e), *anchor, y, role, lang));
            }
        }
        SlotKind::TextBox { field: which, x, top, width, font, .. } => {
            let mut y = top.resolve(e);
            let x = if mirror { e.width - x.resolve(e) - *width } else { x.resolve(e) };
            for l in text_box(doc, book, *which, x, *width, *font) {
                items.extend(l.items.iter().map(|it| it.shifted(y)));
                y += l.height;
            }
        }
        SlotKind::Symbol { x, baseline, head: head_font, tail: tail_font } => {
            let m = &doc.masthead;
            let (right, y) = (x.resolve(e), baseline.resolve(e));
            let tail =
                line(book, &m.symbol_tail, *tail_font, Pt::ZERO, y, Role::Masthead, LangTag::parse("en"));
            let tail_x = right - width(&tail);
            items.extend(line_at(
                book,
                &m.symbol_head,
                *head_font,
                tail_x,
                Anchor::End,
                y,
                Role::Masthead,
                LangTag::parse("en"),
            ));
            items.extend(line(
                book,
                &m.symbol_tail,
                *tail_font,
                tail_x,
                y,
                Role::Masthead,
                LangTag::parse("en"),
            ));
        }
        SlotKind::Rule { x, to, y, thickness } => {
            let (x0, x1) = (x.resolve(e), to.resolve(e));
            items.push(rect(x0, y.resolve(e), x1 - x0, *thickness));
        }
        SlotKind::Barcode { x, top, height, module } => {
            let payload = &doc.furniture.barcode;
            let bars = code39(payload, *module)
                .ok_or_else(|| Error::Layout(format!("the barcode payload `{payload}` is not all digits")))?;
            let (x0, y0) = (x.resolve(e), top.resolve(e));
            items.push(rects(bars.into_iter().map(|(bx, w)| (x0 + bx, y0, w, *height))));
        }
        SlotKind::Qr { x, bottom, size } => {
            let (x0, y0) = (x.resolve(e), bottom.resolve(e) - *size);
            let modules = qr::modules(&doc.furniture.qr, *size)?;
            items.push(rects(modules.into_iter().map(|(mx, my, w, h)| (x0 + mx, y0 + my, w, h))));
        }
        SlotKind::Emblem { x, y, width, height } => {
            if let Some(image) = &doc.masthead.emblem {
                let x = if mirror { e.width - x.resolve(e) - *width } else { x.resolve(e) };
                items.extend(super::emblem::place(image, x, y.resolve(e), *width, *height)?);
            }
        }
        SlotKind::Recycle { x, bottom, height, font, words } => {
            items.extend(recycle_mark(book, x.resolve(e), bottom.resolve(e), *height, *font, words));
        }
    }
    Ok(items)
}

/// The lines of a text-box slot's text, set ragged in `width` from `x`.
fn text_box(doc: &Document, book: &FontBook, which: Field, x: Pt, width: Pt, font: TextSpec) -> Vec<SetLine> {
    let text = field(doc, which, None, 0, 1).join("\n");
    if text.is_empty() {
        return Vec::new();
    }
    let format = ParaFormat {
        font,
        leading: font.leading.unwrap_or(font.size * 1.2),
        x,
        width,
        indent: Pt::ZERO,
        first_indent: Pt::ZERO,
        label_at: Pt::ZERO,
        align: Align::Start,
        lang: LangTag::parse(&doc.lang),
        role: Role::Masthead,
        block: None,
        // The masthead and running heads name things whole: never hyphenated.
        typography: crate::doc::Typography { hyphenate: None, ..doc.spec.typography },
        link_box: doc.spec.links,
        marks: Default::default(),
    };
    set_paragraph(book, &[Inline::text(text)], None, format)
}

/// Text-box slots whose text is taller than the box: (field, height needed, height given).
pub(crate) fn overfull_text_boxes(doc: &Document, book: &FontBook) -> Vec<(Field, Pt, Pt)> {
    let edges = doc.spec.edges();
    doc.spec
        .slots
        .values()
        .filter_map(|slot| match &slot.kind {
            SlotKind::TextBox { field, x, width, height, font, .. } => {
                let lines = text_box(doc, book, *field, x.resolve(&edges), *width, *font);
                let needed: Pt = lines.iter().map(|l| l.height).sum();
                (needed > *height).then_some((*field, needed, *height))
            }
            _ => None,
        })
        .collect()
}

/// One line of text with its natural spacing, starting at `x` on `baseline`.
fn line(
    book: &FontBook,
    text: &str,
    spec: TextSpec,
    x: Pt,
    baseline: Pt,
    role: Role,
    lang: LangTag,
) -> Vec<Item> {
    natural_line(&shape(book, &[Inline::text(text)], spec, lang), x, baseline, role)
}

fn width(items: &[Item]) -> Pt {
    items.iter().map(|i| if let Item::Text(r) = i { r.width() } else { Pt::ZERO }).sum()
}

/// A line starting at `x`, or ending there.
#[allow(clippy::too_many_arguments)]
fn line_at(
    book: &FontBook,
    text: &str,
    spec: TextSpec,
    x: Pt,
    anchor: Anchor,
    baseline: Pt,
    role: Role,
    lang: LangTag,
) -> Vec<Item> {
    let x = match anchor {
        Anchor::Start => x,
        Anchor::End => x - width(&line(book, text, spec, Pt::ZERO, baseline, role, lang)),
    };
    line(book, text, spec, x, baseline, role, lang)
}

fn rect(x: Pt, y: Pt, w: Pt, h: Pt) -> Item {
    Item::Rect { x, y, w, h, role: Role::Artifact }
}

/// Black rectangles (x, y, w, h) that do not overlap, as one shape of one subpath each: a
/// barcode's bars or a QR code's modules are one path filled once, one marked artifact,
/// instead of a graphics state, a fill and a marked-content sequence per bar (which made
/// the first page's content stream four times as long as its text).
fn rects(rects: impl Iterator<Item = (Pt, Pt, Pt, Pt)>) -> Item {
    let mut path = Vec::new();
    for (x, y, w, h) in rects {
        path.extend([
            PathCmd::Move(x, y),
            PathCmd::Line(x + w, y),
            PathCmd::Line(x + w, y + h),
            PathCmd::Line(x, y + h),
            PathCmd::Close,
        ]);
    }
    Item::Shape(Shape { path, fill: Some(Rgb(0, 0, 0)), stroke: None, even_odd: false, role: Role::Artifact })
}

/// Three chasing arrows in a square of `side` standing on `bottom`, and `words` beside them,
/// one a line, centred on the arrows.
fn recycle_mark(book: &FontBook, x: Pt, bottom: Pt, side: Pt, font: TextSpec, words: &[String]) -> Vec<Item> {
    let (cx, cy) = (x + side * 0.5, bottom - side * 0.5);
    let r = side.0 * 0.42;
    let mut items = Vec::new();
    for k in 0..3 {
        let a0 = (k as f32) * 120.0_f32.to_radians() - 90.0_f32.to_radians();
        // An arrow along the arc from a0 to a0 + 80°, as a thick bent shaft with a head.
        let mut pts: Vec<(Pt, Pt)> = Vec::new();
        let steps = 6;
        let (inner, outer) = (r * 0.72, r);
        for s in 0..=steps {
            let a = a0 + (s as f32 / steps as f32) * 75.0_f32.to_radians();
            pts.push((cx + Pt(outer * a.cos()), cy + Pt(outer * a.sin())));
        }
        let tip = a0 + 100.0_f32.to_radians();
        let head_base = a0 + 75.0_f32.to_radians();
        pts.push((
            cx + Pt((outer + r * 0.14) * head_base.cos()),
            cy + Pt((outer + r * 0.14) * head_base.sin()),
        ));
        pts.push((cx + Pt((inner + outer) * 0.5 * tip.cos()), cy + Pt((inner + outer) * 0.5 * tip.sin())));
        pts.push((
            cx + Pt((inner - r * 0.14) * head_base.cos()),
            cy + Pt((inner - r * 0.14) * head_base.sin()),
        ));
        for s in (0..=steps).rev() {
            let a = a0 + (s as f32 / steps as f32) * 75.0_f32.to_radians();
            pts.push((cx + Pt(inner * a.cos()), cy + Pt(inner * a.sin())));
        }
        let mut path: Vec<PathCmd> = pts
            .iter()
            .enumerate()
            .map(|(k, &(x, y))| if k == 0 { PathCmd::Move(x, y) } else { PathCmd::Line(x, y) })
            .collect();
        path.push(PathCmd::Close);
        items.push(Item::Shape(Shape {
            path,
            fill: Some(Rgb(0, 0, 0)),
            stroke: None,
            even_odd: false,
            role: Role::Artifact,
        }));
    }
    let text_x = x + side * 1.2;
    let size = font.size;
    // Centred on the arrows: the baselines 0.4 em below the centre, as for two lines.
    let first = cy + size * (0.4 - 0.5 * (words.len() as f32 - 1.0));
    for (k, word) in words.iter().enumerate() {
        items.extend(line(
            book,
            word,
            font,
            text_x,
            first + size * k as f32,
            Role::Artifact,
            LangTag::parse("en"),
        ));
    }
    items
}
