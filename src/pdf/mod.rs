//! Writes laid-out pages to PDF with krilla: subset CID fonts with ToUnicode from our own glyph
//! runs, link annotations, the outline from headings, and document metadata. Output is
//! deterministic: the same layout gives the same bytes.

use crate::error::Error;
use crate::layout::fonts::{FaceId, FontBook};
use crate::layout::{Item, Layout, PathCmd, Rgb, Role, Shape, TextRun};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::tagging::{Artifact, ArtifactType, ContentTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use tags::{RunTag, Tagger};

mod objstm;
mod tags;

pub use objstm::pack as pack_object_streams;

/// Document-level information for the PDF.
#[derive(Clone, Debug)]
pub struct Info {
    pub title: String,
    pub subject: String,
    pub lang: String,
    pub date: (u16, u8, u8),
    /// PDF/A-2a and PDF/UA-1: krilla validates the document against them and refuses what
    /// breaks them.
    pub archival: bool,
}

/// krilla's view of every embedded face, read once per process and shared by every document
/// and thread: reading a face (its metrics, names and outline tables) costs more than
/// writing a short document. A krilla font is a cheap handle (an `Arc`).
fn krilla_fonts() -> Result<&'static BTreeMap<FaceId, Font>, Error> {
    static FONTS: OnceLock<Result<BTreeMap<FaceId, Font>, String>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let book = FontBook::get().map_err(|e| match e {
            Error::Font(message) => message,
            other => other.to_string(),
        })?;
        let mut fonts = BTreeMap::new();
        for id in FaceId::ALL {
            let data: &'static [u8] = book.face(id).data;
            let font =
                Font::new(data.into(), 0).ok_or_else(|| format!("krilla cannot read {}", id.file()))?;
            fonts.insert(id, font);
        }
        Ok(fonts)
    });
    fonts.as_ref().map_err(|e| Error::Font(e.clone()))
}

/// Reads the faces the writer embeds (see [`crate::warm_up`]).
pub fn warm_up() -> Result<(), Error> {
    krilla_fonts().map(|_| ())
}

/// Serializes `layout` to PDF bytes: [`write_plain`] with its dictionaries packed into
/// compressed object streams ([`pack_object_streams`]).
pub fn write(layout: &Layout, info: &Info) -> Result<Vec<u8>, Error> {
    pack_object_streams(&write_plain(layout, info)?)
}

/// Serializes `layout` to PDF bytes as krilla writes them: every object a plain indirect
/// object, with a classic cross-reference table.
pub fn write_plain(layout: &Layout, info: &Info) -> Result<Vec<u8>, Error> {
    let fonts = krilla_fonts()?;
    if rayon::current_thread_index().is_none() {
        prepare_subsets(layout, fonts);
    }

    let mut settings = SerializeSettings::default();
    if info.archival {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_A)
            .with_accessibility_validator(krilla::configure::Accessibility::UA1)
            .finish()
            .map_err(|e| Error::Template(format!("the PDF/A and PDF/UA configuration is refused: {e:?}")))?;
    }
    let mut doc = Document::new_with(settings);
    let mut tagger = Tagger::default();
    for page in &layout.pages {
        let settings = PageSettings::from_wh(page.width.0, page.height.0).ok_or_else(|| {
            Error::Template(format!("the page size {} × {} pt is not valid", page.width.0, page.height.0))
        })?;
        let mut p = doc.start_page_with(settings);
        let mut links = Vec::new();
        {
            let mut surface = p.surface();
            // The content tag left open by the last run: `Some(tag)` if the next run may
            // continue it, `Some(None)` if it is open but not shareable.
            let mut open: Option<Option<RunTag>> = None;
            for item in &page.items {
                match item {
                    Item::Text(run) => {
                        if let Some(font) = fonts.get(&run.face) {
                            let tag = RunTag::of(run, page.height.0);
                            match &open {
                                Some(Some(last)) if Some(last) == tag.as_ref() => tagger.continue_run(run),
                                _ => {
                                    if open.is_some() {
                                        surface.end_tagged();
                                    }
                                    tagger.start_run(&mut surface, run, page.height.0);
                                }
                            }
                            open = Some(tag);
                            draw_run(&mut surface, run, font.clone());
                        }
                    }
                    Item::Rect { .. } | Item::Shape(_) | Item::Image { .. } => {
                        if open.take().is_some() {
                            surface.end_tagged();
                        }
                        // Decoded before the tag opens: an error must not leave a tag open.
                        let image = match item {
                            Item::Image { png, .. } => {
                                // Smoothing when scaled up, except in PDF/A, where an image
                                // may not ask for interpolation (ISO 19005-2, 6.2.8).
                                let interpolate = !info.archival;
                                Some(Image::from_png(png.as_ref().clone().into(), interpolate).map_err(
                                    |e| Error::Unsupported(format!("the PNG image cannot be embedded: {e}")),
                                )?)
                            }
                            _ => None,
                        };
                        // A figure's image belongs to its `Figure` element; rules, bars, QR
                        // modules, the recycle mark and the emblem are artifacts.
                        match item {
                            Item::Image { role: Role::Figure(b), .. }
                            | Item::Shape(Shape { role: Role::Figure(b), .. }) => {
                                let id = surface.start_tagged(ContentTag::Other);
                                tagger.figure(*b, id);
                            }
                            _ => {
                                surface.start_tagged(ContentTag::Artifact(Artifact::new(
                                    ArtifactType::Layout,
                                    None,
                                )));
                            }
                        }
                        draw_graphic(&mut surface, item, image);
                        surface.end_tagged();
                    }
                    Item::Link { x, y, w, h, uri, block, cell, role, dest } => links.push((
                        (*x, *y, *w, *h),
                        uri.clone(),
                        *dest,
                        tags::Owner::of(*role, *block, *cell),
                    )),
                }
            }
            if open.is_some() {
                surface.end_tagged();
            }
            surface.finish();
        }
        for ((x, y, w, h), uri, dest, owner) in links {
            if let Some(rect) = Rect::from_xywh(x.0, y.0, w.0, h.0) {
                let target = match dest {
                    Some((page, top)) => {
                        Target::Destination(XyzDestination::new(page, Point::from_xy(0.0, top.0)).into())
                    }
                    None => Target::Action(LinkAction::new(uri.clone()).into()),
                };
                let id = p.add_tagged_annotation(Annotation::new_link(
                    LinkAnnotation::new(rect, target),
                    Some(uri.clone()),
                ));
                tagger.link_annotation(owner, &uri, id);
            }
        }
        p.finish();
    }

    doc.set_tag_tree(tagger.tree(&layout.lists, &layout.contents, &layout.figures));
    doc.set_outline(outline(layout));
    let (y, m, d) = info.date;
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .description(info.subject.clone())
            .language(info.lang.clone())
            .creator("ctoc-press".to_string())
            .producer(format!("ctoc-press {}", env!("CARGO_PKG_VERSION")))
            .creation_date(DateTime::new(y).month(m).day(d)),
    );
    doc.finish().map_err(|source| Error::Pdf { source })
}

/// Starts, on rayon's pool, the subsetting work that depends only on the glyphs each face
/// draws (krilla's `Font::prepare_subset`), so that it is done while the pages are drawn and
/// writing the fonts at the end mostly copies: a first document's CFF subsets are most of
/// a short render. Not on a pool's worker (a batch, or language versions side by side): every
/// core is busy there already, and the work would only be moved, not overlapped.
fn prepare_subsets(layout: &Layout, fonts: &'static BTreeMap<FaceId, Font>) {
    let mut glyphs: BTreeMap<FaceId, Vec<GlyphId>> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let ids = run.glyphs.iter().map(|g| GlyphId::new(u32::from(g.id)));
                glyphs.entry(run.face).or_default().extend(ids);
            }
        }
    }
    for (face, mut ids) in glyphs {
        let Some(font) = fonts.get(&face).cloned() else { continue };
        ids.sort_unstable_by_key(GlyphId::to_u32);
        ids.dedup();
        // After the first documents of a process the caches mostly hold the glyphs already.
        if font.subset_prepared(&ids) {
            continue;
        }
        // A panic in a spawned job would end the process: this one is only caught and
        // dropped, since writing the font does the same work again and reports it there.
        rayon::spawn(move || {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| font.prepare_subset(&ids)));
        });
    }
}

fn draw_graphic(surface: &mut krilla::surface::Surface, item: &Item, image: Option<Image>) {
    match item {
        Item::Rect { x, y, w, h, .. } => {
            // Edges, not widths, are rounded: rules that meet stay meeting.
            let (left, top) = (hundredths(x.0), hundredths(y.0));
            let (right, bottom) = (hundredths(x.0 + w.0), hundredths(y.0 + h.0));
            if let Some(rect) = Rect::from_ltrb(left, top, right, bottom) {
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    surface.draw_path(&path);
                }
            }
        }
        Item::Shape(shape) => draw_shape(surface, shape),
        Item::Image { x, y, w, h, .. } => {
            if let (Some(image), Some(size)) = (image, Size::from_wh(w.0, h.0)) {
                surface.push_transform(&Transform::from_translate(x.0, y.0));
                surface.draw_image(image, size);
                surface.pop();
            }
        }
        Item::Text(_) | Item::Link { .. } => {}
    }
}

fn rgb(c: Rgb) -> krilla::paint::Paint {
    krilla::color::rgb::Color::new(c.0, c.1, c.2).into()
}

fn draw_shape(surface: &mut krilla::surface::Surface, shape: &Shape) {
    let mut pb = PathBuilder::new();
    for cmd in &shape.path {
        match *cmd {
            PathCmd::Move(x, y) => pb.move_to(hundredths(x.0), hundredths(y.0)),
            PathCmd::Line(x, y) => pb.line_to(hundredths(x.0), hundredths(y.0)),
            PathCmd::Cubic(x1, y1, x2, y2, x, y) => pb.cubic_to(
                hundredths(x1.0),
                hundredths(y1.0),
                hundredths(x2.0),
                hundredths(y2.0),
                hundredths(x.0),
                hundredths(y.0),
            ),
            PathCmd::Close => pb.close(),
        }
    }
    let Some(path) = pb.finish() else { return };
    surface.set_fill(shape.fill.map(|c| Fill {
        paint: rgb(c),
        opacity: NormalizedF32::ONE,
        rule: if shape.even_odd { FillRule::EvenOdd } else { FillRule::NonZero },
    }));
    surface.set_stroke(shape.stroke.map(|(c, w)| Stroke { paint: rgb(c), width: w.0, ..Stroke::default() }));
    surface.draw_path(&path);
    // Rules, bars and text are black: back to the default fill, no stroke.
    surface.set_fill(Some(Fill::default()));
    surface.set_stroke(None);
}

fn draw_run(surface: &mut krilla::surface::Surface, run: &TextRun, font: Font) {
    let size = run.size.0;
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| KrillaGlyph {
            glyph_id: GlyphId::new(g.id as u32),
            text_range: g.range.clone(),
            x_advance: g.advance.0 / size,
            x_offset: g.x_offset.0 / size,
            y_offset: g.y_offset.0 / size,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let origin = Point::from_xy(hundredths(run.x.0), hundredths(run.y.0));
    surface.draw_glyphs(origin, &glyphs, font, &run.text, size, false);
}

/// A coordinate to a hundredth of a point (3.5 µm, a sixth of a pixel at 2,400 dpi): f32
/// would print up to five more digits, noise no compressor shrinks, in every operator.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// A nested outline from the heading entries (levels 1–3).
fn outline(layout: &Layout) -> Outline {
    let mut root = Outline::new();
    // Stack of open nodes with their levels; children are attached when a node closes.
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    fn close(stack: &mut Vec<(u8, OutlineNode)>, root: &mut Outline) {
        if let Some((_, node)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => root.push_child(node),
            }
        }
    }
    for e in &layout.outline {
        while stack.last().is_some_and(|(l, _)| *l >= e.level) {
            close(&mut stack, &mut root);
        }
        let dest = XyzDestination::new(e.page, Point::from_xy(0.0, e.y.0));
        stack.push((e.level, OutlineNode::new(e.title.clone(), dest)));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    root
}
