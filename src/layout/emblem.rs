//! The emblem slot of the masthead: a user's PNG is placed as an image, a user's SVG is parsed
//! by usvg and its paths become vector shapes; either is fitted into the slot, centred, with
//! its proportions kept. The image was checked when it was made ([`crate::emblem`]); the
//! drawing limits below are checked here, where the slot is known, and by that check too.

use super::{Item, PathCmd, Rgb, Role, Shape};
use crate::emblem::{Image, ImageFormat};
use crate::error::Error;
use crate::units::Pt;
use usvg::tiny_skia_path::{PathSegment, Point, Transform};

/// Items that draw `image` fitted into the box (x, y, w, h).
pub fn place(image: &Image, x: Pt, y: Pt, w: Pt, h: Pt) -> Result<Vec<Item>, Error> {
    match image.format {
        ImageFormat::Png => {
            let (iw, ih) = png_size(&image.data)
                .ok_or_else(|| Error::Emblem("the emblem is not a readable PNG file".into()))?;
            let (fx, fy, fw, fh) = fit(iw as f32, ih as f32, x, y, w, h);
            Ok(vec![Item::Image {
                x: fx,
                y: fy,
                w: fw,
                h: fh,
                png: image.data.clone(),
                role: Role::Artifact,
            }])
        }
        ImageFormat::Svg => crate::emblem::svg::parse(&image.data)
            .and_then(|tree| svg_items(&tree, x, y, w, h))
            .map_err(|reason| Error::Emblem(format!("the emblem cannot be used: {reason}"))),
    }
}

/// The image's own width and height (pixels of a PNG, the view box of an SVG), for its
/// proportions.
pub fn size(image: &Image) -> Result<(f32, f32), Error> {
    match image.format {
        ImageFormat::Png => png_size(&image.data)
            .map(|(w, h)| (w as f32, h as f32))
            .ok_or_else(|| Error::Emblem("the image is not a readable PNG file".into())),
        ImageFormat::Svg => crate::emblem::svg::parse(&image.data)
            .map(|tree| (tree.size().width(), tree.size().height()))
            .map_err(|reason| Error::Emblem(format!("the image cannot be used: {reason}"))),
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    let ihdr = data.get(12..24)?;
    if &ihdr[0..4] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(ihdr[4..8].try_into().ok()?);
    let h = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// The largest box of the image's proportions inside (x, y, w, h), centred.
fn fit(iw: f32, ih: f32, x: Pt, y: Pt, w: Pt, h: Pt) -> (Pt, Pt, Pt, Pt) {
    let scale = (w.0 / iw).min(h.0 / ih);
    let (fw, fh) = (Pt(iw * scale), Pt(ih * scale));
    (x + (w - fw) * 0.5, y + (h - fh) * 0.5, fw, fh)
}

/// The most path commands an SVG emblem may draw, once usvg has turned its shapes into paths.
pub const MAX_DRAWN_COMMANDS: usize = 200_000;

/// The SVG's paths as shapes fitted into the box (x, y, w, h). Refused: more than
/// [`MAX_DRAWN_COMMANDS`], a point that is not finite or lies farther outside the fitted box
/// than the box's own size (art is not clipped to its view box, so it must stay near it), and
/// a stroke wider than the box.
pub fn svg_items(tree: &usvg::Tree, x: Pt, y: Pt, w: Pt, h: Pt) -> Result<Vec<Item>, String> {
    let size = tree.size();
    let (fx, fy, fw, fh) = fit(size.width(), size.height(), x, y, w, h);
    let scale = fw.0 / size.width();
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("its size {} × {} cannot be drawn", size.width(), size.height()));
    }
    let reach = fw.0.max(fh.0);
    let bounds = Bounds {
        x0: fx.0 - reach,
        y0: fy.0 - reach,
        x1: fx.0 + fw.0 + reach,
        y1: fy.0 + fh.0 + reach,
        stroke: reach,
    };
    let place = Transform::from_row(scale, 0.0, 0.0, scale, fx.0, fy.0);
    let mut items = Vec::new();
    let mut commands = 0;
    collect(tree.root(), place, &bounds, &mut commands, &mut items)?;
    Ok(items)
}

/// Where the drawing may reach, in page points.
struct Bounds {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    stroke: f32,
}

impl Bounds {
    fn check(&self, (x, y): (Pt, Pt)) -> Result<(Pt, Pt), String> {
        let inside = (self.x0..=self.x1).contains(&x.0) && (self.y0..=self.y1).contains(&y.0);
        inside.then_some((x, y)).ok_or_else(|| "it draws far outside its view box".to_string())
    }
}

fn color(paint: &usvg::Paint) -> Rgb {
    let c = match paint {
        usvg::Paint::Color(c) => *c,
        // Gradients and patterns are drawn in their first colour: emblems are flat art.
        usvg::Paint::LinearGradient(g) => {
            g.stops().first().map(|s| s.color()).unwrap_or(usvg::Color::black())
        }
        usvg::Paint::RadialGradient(g) => {
            g.stops().first().map(|s| s.color()).unwrap_or(usvg::Color::black())
        }
        usvg::Paint::Pattern(_) => usvg::Color::black(),
    };
    Rgb(c.red, c.green, c.blue)
}

fn collect(
    group: &usvg::Group,
    place: Transform,
    bounds: &Bounds,
    commands: &mut usize,
    items: &mut Vec<Item>,
) -> Result<(), String> {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect(g, place, bounds, commands, items)?,
            usvg::Node::Path(p) if p.is_visible() => {
                *commands += p.data().len();
                if *commands > MAX_DRAWN_COMMANDS {
                    return Err(format!("it draws more than {MAX_DRAWN_COMMANDS} path commands"));
                }
                let t = p.abs_transform().post_concat(place);
                items.push(Item::Shape(shape(p, t, bounds)?));
            }
            _ => {}
        }
    }
    Ok(())
}

fn shape(p: &usvg::Path, t: Transform, bounds: &Bounds) -> Result<Shape, String> {
    let map = |pt: Point| {
        let mut q = [pt];
        t.map_points(&mut q);
        bounds.check((Pt(q[0].x), Pt(q[0].y)))
    };
    let mut path = Vec::new();
    let mut last = Point::zero();
    for seg in p.data().segments() {
        match seg {
            PathSegment::MoveTo(a) => {
                let (x, y) = map(a)?;
                path.push(PathCmd::Move(x, y));
                last = a;
            }
            PathSegment::LineTo(a) => {
                let (x, y) = map(a)?;
                path.push(PathCmd::Line(x, y));
                last = a;
            }
            PathSegment::QuadTo(c, a) => {
                // The cubic with the same curve as the quadratic.
                let c1 =
                    Point::from_xy(last.x + (c.x - last.x) * 2.0 / 3.0, last.y + (c.y - last.y) * 2.0 / 3.0);
                let c2 = Point::from_xy(a.x + (c.x - a.x) * 2.0 / 3.0, a.y + (c.y - a.y) * 2.0 / 3.0);
                let ((x1, y1), (x2, y2), (x, y)) = (map(c1)?, map(c2)?, map(a)?);
                path.push(PathCmd::Cubic(x1, y1, x2, y2, x, y));
                last = a;
            }
            PathSegment::CubicTo(c1, c2, a) => {
                let ((x1, y1), (x2, y2), (x, y)) = (map(c1)?, map(c2)?, map(a)?);
                path.push(PathCmd::Cubic(x1, y1, x2, y2, x, y));
                last = a;
            }
            PathSegment::Close => path.push(PathCmd::Close),
        }
    }
    let fill = p.fill().map(|f| color(f.paint()));
    let even_odd = p.fill().is_some_and(|f| f.rule() == usvg::FillRule::EvenOdd);
    let scale = (t.sx * t.sx + t.ky * t.ky).sqrt();
    let stroke = match p.stroke() {
        Some(s) => {
            let width = s.width().get() * scale;
            if !(width.is_finite() && width <= bounds.stroke) {
                return Err("a stroke is wider than the whole emblem".into());
            }
            Some((color(s.paint()), Pt(width)))
        }
        None => None,
    };
    Ok(Shape { path, fill, stroke, even_odd, role: Role::Artifact })
}
