//! Page furniture: the first-page masthead and footer (job line, Code 39 barcode, recycle mark,
//! QR code), and the running header and footer of later pages, mirrored on even and odd pages.
//! All positions and sizes come from the template (`templates/*.json`).

use super::barcode::code39;
use super::fonts::FontBook;
use super::inline::{ParaFormat, natural_line, set_paragraph};
use super::qr;
use super::shape::shape;
use super::{Item, Page, PathCmd, Rgb, Role, Shape};
use crate::doc::{Align, Document, Inline, TextSpec};
use crate::error::Error;
use crate::units::Pt;

/// Adds the furniture of page `index` (0-based) of `total` pages, in reading order: what
/// stands above the body (the masthead, the running head) is drawn before the body, what
/// stands below it after, so that text extraction without tags reads the page top down.
pub fn decorate(
    doc: &Document,
    book: &FontBook,
    page: &mut Page,
    index: usize,
    total: usize,
) -> Result<(), Error> {
    let cjk = doc.lang.starts_with("zh");
    let (head, mut foot) =
        if index == 0 { first_page(doc, book, cjk)? } else { running(doc, book, cjk, index, total) };
    page.items.splice(0..0, head);
    page.items.append(&mut foot);
    Ok(())
}

/// One line of text with its natural spacing, starting at `x` on `baseline`.
fn line(
    book: &FontBook,
    text: &str,
    spec: TextSpec,
    x: Pt,
    baseline: Pt,
    role: Role,
    cjk: bool,
) -> Vec<Item> {
    natural_line(&shape(book, &[Inline::text(text)], spec, cjk), x, baseline, role)
}

fn width(items: &[Item]) -> Pt {
    items.iter().map(|i| if let Item::Text(r) = i { r.width() } else { Pt::ZERO }).sum()
}

/// A line ending at `right`.
fn line_right(
    book: &FontBook,
    text: &str,
    spec: TextSpec,
    right: Pt,
    baseline: Pt,
    role: Role,
    cjk: bool,
) -> Vec<Item> {
    let w = width(&line(book, text, spec, Pt::ZERO, baseline, role, cjk));
    line(book, text, spec, right - w, baseline, role, cjk)
}

fn rect(x: Pt, y: Pt, w: Pt, h: Pt) -> Item {
    Item::Rect { x, y, w, h, role: Role::Artifact }
}

/// The masthead, and the first-page footer.
fn first_page(doc: &Document, book: &FontBook, cjk: bool) -> Result<(Vec<Item>, Vec<Item>), Error> {
    let spec = &doc.spec;
    let m = &spec.masthead;
    let mh = &doc.masthead;
    let frame_width = spec.frame_right - spec.frame_left;
    let mut items = Vec::new();

    // Row 1: organization at the left, the symbol at the right (organ large, rest small).
    items.extend(line(
        book,
        &mh.organization,
        m.organization,
        m.organization_x,
        m.top_baseline,
        Role::Masthead,
        cjk,
    ));
    let tail = line(book, &mh.symbol_tail, m.symbol_tail, Pt::ZERO, m.top_baseline, Role::Masthead, false);
    let tail_x = spec.frame_right - width(&tail);
    items.extend(line_right(
        book,
        &mh.symbol_head,
        m.symbol_head,
        tail_x,
        m.top_baseline,
        Role::Masthead,
        false,
    ));
    items.extend(line(book, &mh.symbol_tail, m.symbol_tail, tail_x, m.top_baseline, Role::Masthead, false));
    items.push(rect(spec.frame_left, m.thin_rule_y, frame_width, m.thin_rule_width));

    // Row 2: the body's name, and the distribution block.
    let leading = m.body.leading.unwrap_or(m.body.size * 1.2);
    let format = ParaFormat {
        font: m.body,
        leading,
        x: m.body_x,
        width: m.body_width,
        indent: Pt::ZERO,
        first_indent: Pt::ZERO,
        label_at: Pt::ZERO,
        align: Align::Left,
        cjk,
        role: Role::Masthead,
        block: None,
        typography: spec.typography,
        marks: Default::default(),
    };
    let mut y = m.body_top;
    for l in set_paragraph(book, &[Inline::text(&mh.body)], None, format) {
        items.extend(l.items.iter().map(|it| it.shifted(y)));
        y += l.height;
    }
    let dist_leading = m.distribution.leading.unwrap_or(m.distribution.size * 1.2);
    for (k, text) in mh.distribution.iter().enumerate() {
        let baseline = m.distribution_baseline + dist_leading * k as f32;
        items.extend(line(book, text, m.distribution, m.distribution_x, baseline, Role::Masthead, false));
    }
    items.push(rect(spec.frame_left, m.thick_rule_y, frame_width, m.thick_rule_width));
    if let Some(image) = &mh.emblem {
        items.extend(super::emblem::place(image, m.emblem_x, m.emblem_y, m.emblem_width, m.emblem_height)?);
    }

    // Footer: job line, barcode, recycle mark, QR code.
    let mut foot = Vec::new();
    let f = &spec.first_footer;
    let furn = &doc.furniture;
    foot.extend(line(book, &furn.job_line, f.job, f.job_x, f.job_baseline, Role::Artifact, false));
    let bars = code39(&furn.barcode, f.barcode_module)
        .ok_or_else(|| Error::Layout(format!("the barcode payload `{}` is not all digits", furn.barcode)))?;
    for (x, w) in bars {
        foot.push(rect(f.barcode_x + x, f.barcode_top, w, f.barcode_height));
    }
    foot.extend(recycle_mark(book, doc));
    let qr_top = spec.height - f.qr_bottom - f.qr_size;
    for (x, y, w, h) in qr::modules(&furn.qr, f.qr_size)? {
        foot.push(rect(f.qr_x + x, qr_top + y, w, h));
    }
    Ok((items, foot))
}

/// Three chasing arrows around a triangle, and the words "Please recycle".
fn recycle_mark(book: &FontBook, doc: &Document) -> Vec<Item> {
    let f = &doc.spec.first_footer;
    let bottom = doc.spec.height - f.recycle_bottom;
    let side = f.recycle_height;
    let (cx, cy) = (f.recycle_x + side * 0.5, bottom - side * 0.5);
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
    let text_x = f.recycle_x + side * 1.2;
    let size = f.recycle.size;
    items.extend(line(
        book,
        "Please",
        f.recycle,
        text_x,
        bottom - side * 0.5 - size * 0.1,
        Role::Artifact,
        false,
    ));
    items.extend(line(
        book,
        "recycle",
        f.recycle,
        text_x,
        bottom - side * 0.5 + size * 0.9,
        Role::Artifact,
        false,
    ));
    items
}

/// Running header and footer of later pages: symbol and page number at the left on even pages,
/// at the right on odd pages; the job number on the other side.
fn running(doc: &Document, book: &FontBook, cjk: bool, index: usize, total: usize) -> (Vec<Item>, Vec<Item>) {
    let spec = &doc.spec;
    let r = &spec.running;
    let even = (index + 1).is_multiple_of(2);
    let (near, far) =
        if even { (spec.frame_left, spec.frame_right) } else { (spec.frame_right, spec.frame_left) };
    // A line starting at the left edge of the frame, or ending at its right edge.
    let at = |text: &str, font: TextSpec, edge: Pt, baseline: Pt| {
        if edge == spec.frame_left {
            line(book, text, font, edge, baseline, Role::Artifact, cjk)
        } else {
            line_right(book, text, font, edge, baseline, Role::Artifact, cjk)
        }
    };
    let mut head = at(&doc.symbol, r.header, near, r.header_baseline);
    head.push(rect(spec.frame_left, r.rule_y, spec.frame_right - spec.frame_left, r.rule_width));
    let mut foot = at(&format!("{}/{}", index + 1, total), r.page_number, near, r.footer_baseline);
    foot.extend(at(&doc.furniture.job_number, r.job_number, far, r.footer_baseline));
    (head, foot)
}
