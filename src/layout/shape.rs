//! Itemizing and shaping: a paragraph's inlines become shaped units (one per cluster), each in
//! the face its script asks for, with the full-width punctuation's adjustable half em split
//! off so that line breaking can compress it.

use super::classify::{Class, class_of, has_aki, is_wide};
use super::fonts::{FaceId, FontBook, faces_for};
use crate::doc::{Inline, TextSpec};
use crate::units::Pt;
use harfrust::{
    Direction, Feature, GlyphBuffer, Language, Script, ShapeOptions, ShapePlan, Tag, UnicodeBuffer, script,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;

/// A glyph as shaped, in points.
#[derive(Clone, Debug)]
pub struct ShapedGlyph {
    pub id: u16,
    pub advance: Pt,
    pub x_offset: Pt,
    pub y_offset: Pt,
}

/// One cluster: the smallest piece of text a line can break around.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Bytes of the paragraph text.
    pub range: Range<usize>,
    pub face: FaceId,
    pub size: Pt,
    pub glyphs: Vec<ShapedGlyph>,
    /// Width of the unit's box, without its adjustable space.
    pub width: Pt,
    /// Adjustable space (aki) of full-width punctuation before and after the box.
    pub aki_before: Pt,
    pub aki_after: Pt,
    /// Shift of the glyphs inside the box (opening marks whose leading space is split off).
    pub draw_offset: Pt,
    pub class: Class,
    pub first: char,
    pub last: char,
    /// Index into the paragraph's links.
    pub link: Option<usize>,
    /// The footnote this unit is the reference mark of (set small and raised).
    pub note: Option<usize>,
    /// Baseline shift upwards (superior figures).
    pub rise: Pt,
}

/// A shaped paragraph.
#[derive(Clone, Debug)]
pub struct ShapedPara {
    pub text: String,
    pub units: Vec<Unit>,
    pub links: Vec<String>,
    /// Whether the paragraph's language is Chinese (quotes and spacing follow clreq).
    pub cjk: bool,
}

/// A stretch of text shaped together: bytes, face, link and footnote.
type RunSpan = (Range<usize>, FaceId, Option<usize>, Option<usize>);

/// Size and rise of footnote reference marks, as fractions of the text size.
#[derive(Clone, Copy, Debug)]
pub struct MarkStyle {
    pub scale: f32,
    pub rise: f32,
}

impl Default for MarkStyle {
    fn default() -> Self {
        MarkStyle { scale: 0.62, rise: 0.36 }
    }
}

/// Shapes `inlines` in the font `spec`; `cjk` is true for Chinese text.
pub fn shape(book: &FontBook, inlines: &[Inline], spec: TextSpec, cjk: bool) -> ShapedPara {
    shape_with_marks(book, inlines, spec, cjk, MarkStyle::default())
}

/// Shapes `inlines`, setting footnote reference marks as `marks` says.
pub fn shape_with_marks(
    book: &FontBook,
    inlines: &[Inline],
    spec: TextSpec,
    cjk: bool,
    marks: MarkStyle,
) -> ShapedPara {
    let mut text = String::new();
    let mut links = Vec::new();
    let mut runs: Vec<RunSpan> = Vec::new();
    for inline in inlines {
        let link = inline.link.as_ref().map(|uri| {
            links.push(uri.clone());
            links.len() - 1
        });
        let (cjk_face, latin_face) =
            faces_for(spec.family, spec.bold || inline.bold, spec.italic || inline.italic);
        for c in inline.text.chars() {
            let start = text.len();
            text.push(c);
            let face = pick_face(book, c, cjk, cjk_face, latin_face);
            match runs.last_mut() {
                Some((r, f, l, n))
                    if *f == face
                        && *l == link
                        && *n == inline.note
                        && c != '\n'
                        && !text[r.clone()].ends_with('\n') =>
                {
                    r.end = text.len()
                }
                _ => runs.push((start..text.len(), face, link, inline.note)),
            }
        }
    }
    let mut units = Vec::new();
    for (range, face, link, note) in runs {
        let first = units.len();
        let size = if note.is_some() { spec.size * marks.scale } else { spec.size };
        shape_run(book, &text, range, face, size, cjk, link, &mut units);
        if note.is_some() {
            for u in &mut units[first..] {
                u.note = note;
                u.rise = spec.size * marks.rise;
            }
        }
    }
    ShapedPara { text, units, links, cjk }
}

fn pick_face(book: &FontBook, c: char, cjk: bool, cjk_face: FaceId, latin_face: FaceId) -> FaceId {
    let wide = is_wide(c) || (cjk && matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·'));
    if wide {
        if book.face(cjk_face).has(c) { cjk_face } else { latin_face }
    } else if book.face(latin_face).has(c) || c.is_control() || c == ' ' {
        latin_face
    } else {
        cjk_face
    }
}

fn buffer(text: &str, face: FaceId, cjk: bool) -> UnicodeBuffer {
    let mut buf = UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(Direction::LeftToRight);
    if face.is_cjk() {
        buf.set_script(script::HAN);
    } else {
        buf.set_script(script::LATIN);
    }
    // zh-Hans selects Simplified Chinese punctuation forms where the font has regional ones.
    if let Ok(lang) = Language::from_str(if cjk { "zh-Hans" } else { "en" }) {
        buf.set_language(lang);
    }
    buf
}

/// What a shape plan is made for: a face, the buffer's script, direction and language, and
/// the features asked for.
type PlanKey = (FaceId, Script, Direction, Option<Language>, Vec<Feature>);

thread_local! {
    /// Shape plans, made once per thread for each key: making one (collecting and compiling
    /// the font's features for the language) cost more than shaping a short run with it.
    static PLANS: RefCell<Vec<(PlanKey, ShapePlan)>> = const { RefCell::new(Vec::new()) };
}

fn run_shaper(book: &FontBook, text: &str, face: FaceId, cjk: bool, features: &[Feature]) -> GlyphBuffer {
    let f = book.face(face);
    let shaper = f.shaper.shaper(&f.font).build();
    let buf = buffer(text, face, cjk);
    let key: PlanKey = (face, buf.script(), buf.direction(), buf.language(), features.to_vec());
    PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let at = match plans.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let plan = ShapePlan::new(&shaper, key.2, Some(key.1), key.3.as_ref(), features);
                plans.push((key, plan));
                plans.len() - 1
            }
        };
        shaper.shape(buf, ShapeOptions::new().features(features).plan(Some(&plans[at].1)))
    })
}

#[allow(clippy::too_many_arguments)]
fn shape_run(
    book: &FontBook,
    text: &str,
    range: Range<usize>,
    face: FaceId,
    size: Pt,
    cjk: bool,
    link: Option<usize>,
    units: &mut Vec<Unit>,
) {
    let run = &text[range.clone()];
    if run == "\n" {
        units.push(Unit {
            range,
            face,
            size,
            glyphs: Vec::new(),
            width: Pt::ZERO,
            aki_before: Pt::ZERO,
            aki_after: Pt::ZERO,
            draw_offset: Pt::ZERO,
            class: Class::Newline,
            first: '\n',
            last: '\n',
            link,
            note: None,
            rise: Pt::ZERO,
        });
        return;
    }
    let scale = size.0 / book.face(face).units_per_em;
    let out = run_shaper(book, run, face, cjk, &[]);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i + 1;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            j += 1;
        }
        let end = if j < infos.len() { infos[j].cluster as usize } else { run.len() };
        // Clusters come in logical order for left-to-right text; guard anyway.
        let end = end.max(cluster).min(run.len());
        let glyphs: Vec<ShapedGlyph> = (i..j)
            .map(|k| ShapedGlyph {
                id: infos[k].glyph_id as u16,
                advance: Pt(positions[k].x_advance as f32 * scale),
                x_offset: Pt(positions[k].x_offset as f32 * scale),
                y_offset: Pt(positions[k].y_offset as f32 * scale),
            })
            .collect();
        let piece = &run[cluster..end];
        let first = piece.chars().next().unwrap_or(' ');
        let last = piece.chars().last().unwrap_or(' ');
        let class = class_of(first, cjk);
        let full: Pt = glyphs.iter().map(|g| g.advance).sum();
        let mut unit = Unit {
            range: range.start + cluster..range.start + end,
            face,
            size,
            glyphs,
            width: full,
            aki_before: Pt::ZERO,
            aki_after: Pt::ZERO,
            draw_offset: Pt::ZERO,
            class,
            first,
            last,
            link,
            note: None,
            rise: Pt::ZERO,
        };
        if face.is_cjk() && has_aki(class) && piece.chars().count() == 1 {
            split_aki(book, &mut unit, cjk);
        }
        units.push(unit);
        i = j;
    }
}

thread_local! {
    /// Half-width forms per (face, char): (advance, x offset) in font units.
    static HALT: RefCell<HashMap<(FaceId, char), (i32, i32)>> = RefCell::new(HashMap::new());
}

/// Splits a full-width mark into a half-width box and its adjustable half em, reading the
/// half-width form from the font's `halt` feature where it has one.
fn split_aki(book: &FontBook, unit: &mut Unit, cjk: bool) {
    let full = unit.width;
    if full <= Pt::ZERO {
        return;
    }
    let face = book.face(unit.face);
    let scale = unit.size.0 / face.units_per_em;
    let (advance, offset) = HALT.with(|cache| {
        *cache.borrow_mut().entry((unit.face, unit.first)).or_insert_with(|| {
            let feature = [Feature::new(Tag::new(b"halt"), 1, ..)];
            let out = run_shaper(book, &unit.first.to_string(), unit.face, cjk, &feature);
            out.glyph_positions().first().map(|p| (p.x_advance, p.x_offset)).unwrap_or((0, 0))
        })
    });
    let half = Pt(advance as f32 * scale);
    let offset = Pt(offset as f32 * scale);
    let (half, offset) = if half > Pt::ZERO && half < full * 0.99 {
        (half, offset)
    } else if unit.class == Class::Open {
        (full * 0.5, -(full * 0.5))
    } else {
        (full * 0.5, Pt::ZERO)
    };
    let aki = full - half;
    if offset < Pt::ZERO || unit.class == Class::Open {
        unit.aki_before = aki;
        unit.draw_offset = offset;
    } else {
        unit.aki_after = aki;
    }
    unit.width = half;
}
