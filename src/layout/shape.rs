//! Itemizing and shaping: a paragraph's inlines become shaped units (one per cluster), each in
//! the face its script asks for, with the full-width punctuation's adjustable half em split
//! off so that line breaking can compress it.

use super::classify::{Class, class_of, has_aki, is_wide};
use super::fonts::{FaceId, Faces, FontBook, faces_for};
use super::prepare::{Dir, LangTag, Prepared, shaping_script};
use crate::doc::{Inline, TextSpec};
use crate::units::Pt;
use harfrust::{
    Direction, Feature, GlyphBuffer, Language, Script, ShapeOptions, ShapePlan, Tag, UnicodeBuffer, script,
};
use smallvec::SmallVec;
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
    /// Inline: almost every cluster is one glyph, and a heap block for each was an allocation
    /// and a free for every character of Chinese text.
    pub glyphs: SmallVec<[ShapedGlyph; 1]>,
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
    /// Bidi embedding level (UAX #9): odd for right-to-left text.
    pub level: u8,
}

/// A shaped paragraph.
#[derive(Clone, Debug)]
pub struct ShapedPara {
    pub text: String,
    pub units: Vec<Unit>,
    pub links: Vec<String>,
    /// The paragraph's language (Chinese text follows clreq for quotes and spacing).
    pub lang: LangTag,
    /// The paragraph's base direction: where lines start.
    pub dir: Dir,
    /// The hyphen each face sets at a hyphenated line end; empty when the paragraph is not
    /// hyphenated ([`add_hyphens`]).
    pub hyphens: Vec<(FaceId, ShapedGlyph)>,
}

impl ShapedPara {
    /// Whether the paragraph's language is Chinese.
    pub fn chinese(&self) -> bool {
        self.lang.is_chinese()
    }

    /// The paragraph's level (UAX #9 P3).
    pub fn base_level(&self) -> u8 {
        u8::from(self.dir == Dir::Rtl)
    }
}

/// A stretch of text shaped together: one face, link, footnote, bidi level and script.
struct RunSpan {
    range: Range<usize>,
    face: FaceId,
    link: Option<usize>,
    note: Option<usize>,
    level: u8,
    script: unicode_script::Script,
}

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

/// Shapes `inlines` in the font `spec`, in a paragraph of language `lang`.
pub fn shape(book: &FontBook, inlines: &[Inline], spec: TextSpec, lang: LangTag) -> ShapedPara {
    shape_with_marks(book, inlines, spec, lang, MarkStyle::default())
}

/// Shapes `inlines`, setting footnote reference marks as `marks` says: the text is prepared
/// once (levels and scripts), then cut into runs of one face, link, note, level and script, and
/// each run shaped with its script, direction and the paragraph's language.
pub fn shape_with_marks(
    book: &FontBook,
    inlines: &[Inline],
    spec: TextSpec,
    lang: LangTag,
    marks: MarkStyle,
) -> ShapedPara {
    let chinese = lang.is_chinese();
    let bytes: usize = inlines.iter().map(|i| i.text.len()).sum();
    let mut text = String::with_capacity(bytes);
    let mut links = Vec::new();
    // (start byte, face, link, note) of each character.
    let count: usize = inlines.iter().map(|i| i.text.chars().count()).sum();
    let mut chars: Vec<(usize, FaceId, Option<usize>, Option<usize>)> = Vec::with_capacity(count);
    for inline in inlines {
        let link = inline.link.as_ref().map(|uri| {
            links.push(uri.clone());
            links.len() - 1
        });
        let faces = faces_for(spec.family, spec.bold || inline.bold, spec.italic || inline.italic);
        for c in inline.text.chars() {
            chars.push((text.len(), pick_face(book, c, chinese, faces), link, inline.note));
            text.push(c);
        }
    }
    let prepared = Prepared::new(&text, lang);
    let mut runs: Vec<RunSpan> = Vec::new();
    for (k, &(start, face, link, note)) in chars.iter().enumerate() {
        let end = chars.get(k + 1).map_or(text.len(), |c| c.0);
        let (level, script) = (prepared.level(start), prepared.script(start));
        let newline = text[start..end].starts_with('\n');
        match runs.last_mut() {
            Some(r)
                if r.face == face
                    && r.link == link
                    && r.note == note
                    && r.level == level
                    && r.script == script
                    && !newline
                    && !text[r.range.clone()].ends_with('\n') =>
            {
                r.range.end = end
            }
            _ => runs.push(RunSpan { range: start..end, face, link, note, level, script }),
        }
    }
    let mut units = Vec::with_capacity(chars.len());
    for run in runs {
        let first = units.len();
        let size = if run.note.is_some() { spec.size * marks.scale } else { spec.size };
        shape_run(book, &text, &run, size, lang, &mut units);
        for u in &mut units[first..] {
            u.level = run.level;
            if run.note.is_some() {
                u.note = run.note;
                u.rise = spec.size * marks.rise;
            }
        }
    }
    ShapedPara { text, units, links, lang, dir: prepared.dir, hyphens: Vec::new() }
}

/// Shapes the hyphen of every face the paragraph's text (not its footnote marks) is set in,
/// so that the line breaker can measure a hyphenated line and draw its hyphen.
pub fn add_hyphens(book: &FontBook, p: &mut ShapedPara) {
    for u in p.units.iter().filter(|u| u.note.is_none() && !u.face.is_cjk()) {
        if p.hyphens.iter().any(|(f, _)| *f == u.face) {
            continue;
        }
        let props = RunProps { script: None, dir: Dir::Ltr, lang: p.lang };
        let out = run_shaper(book, "-", u.face, props, &[]);
        let (Some(info), Some(pos)) = (out.glyph_infos().first(), out.glyph_positions().first()) else {
            continue;
        };
        if info.glyph_id == 0 {
            continue;
        }
        let scale = u.size.0 / book.face(u.face).units_per_em;
        let glyph = ShapedGlyph {
            id: info.glyph_id as u16,
            advance: Pt(pos.x_advance as f32 * scale),
            x_offset: Pt::ZERO,
            y_offset: Pt::ZERO,
        };
        p.hyphens.push((u.face, glyph));
    }
}

/// Whether `c` belongs to the Arabic script's blocks.
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn pick_face(book: &FontBook, c: char, chinese: bool, faces: Faces) -> FaceId {
    let wide = is_wide(c) || (chinese && matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·'));
    if is_arabic(c) && book.face(faces.arabic).has(c) {
        faces.arabic
    } else if wide {
        if book.face(faces.cjk).has(c) { faces.cjk } else { faces.latin }
    } else if book.face(faces.latin).has(c) || c.is_control() || c == ' ' {
        faces.latin
    } else if book.face(faces.arabic).has(c) {
        faces.arabic
    } else {
        faces.cjk
    }
}

fn buffer(text: &str, script: Option<harfrust::Script>, dir: Dir, lang: LangTag) -> UnicodeBuffer {
    let mut buf = UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(if dir == Dir::Rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    buf.set_script(script.unwrap_or(script::LATIN));
    // zh-Hans selects Simplified Chinese punctuation forms where the font has regional ones.
    let tag = if lang.is_chinese() { "zh-Hans" } else { lang.as_str() };
    if let Ok(lang) = Language::from_str(tag) {
        buf.set_language(lang);
    }
    buf
}

/// What a run is shaped as: its script, direction and language.
#[derive(Clone, Copy)]
struct RunProps {
    script: Option<harfrust::Script>,
    dir: Dir,
    lang: LangTag,
}

/// What a shape plan is made for: a face, the buffer's script, direction and language, and
/// the features asked for.
type PlanKey = (FaceId, Script, Direction, Option<Language>, Vec<Feature>);

thread_local! {
    /// Shape plans, made once per thread for each key: making one (collecting and compiling
    /// the font's features for the language) cost more than shaping a short run with it.
    static PLANS: RefCell<Vec<(PlanKey, ShapePlan)>> = const { RefCell::new(Vec::new()) };
}

fn run_shaper(
    book: &FontBook,
    text: &str,
    face: FaceId,
    props: RunProps,
    features: &[Feature],
) -> GlyphBuffer {
    let f = book.face(face);
    let shaper = f.shaper.shaper(&f.font).build();
    let buf = buffer(text, props.script, props.dir, props.lang);
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

/// The script a run in `face` is shaped as: Han in the CJK faces (whatever the neighbours of a
/// shared character are), Latin for shared characters of Chinese text drawn in the Latin face,
/// the resolved script otherwise.
fn run_script(face: FaceId, script: unicode_script::Script) -> Option<harfrust::Script> {
    match script {
        _ if face.is_cjk() => Some(script::HAN),
        // Digits and Latin punctuation of Chinese text, and a text of shared characters only
        // (a label "1."), are drawn by the Latin face as Latin.
        unicode_script::Script::Han | unicode_script::Script::Common | unicode_script::Script::Inherited => {
            Some(script::LATIN)
        }
        _ => shaping_script(script),
    }
}

fn shape_run(book: &FontBook, text: &str, span: &RunSpan, size: Pt, lang: LangTag, units: &mut Vec<Unit>) {
    let (range, face, link) = (span.range.clone(), span.face, span.link);
    let run = &text[range.clone()];
    if run == "\n" {
        units.push(Unit {
            range,
            face,
            size,
            glyphs: SmallVec::new(),
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
            level: span.level,
        });
        return;
    }
    let scale = size.0 / book.face(face).units_per_em;
    let props = RunProps { script: run_script(face, span.script), dir: Dir::of_level(span.level), lang };
    let out = run_shaper(book, run, face, props, &[]);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // Glyphs of one cluster, in the shaper's (visual) order; the clusters themselves in
    // logical order, so that units follow the text and a line can be reordered for display.
    let mut groups: Vec<(usize, Range<usize>)> = Vec::new();
    for (k, info) in infos.iter().enumerate() {
        let cluster = info.cluster as usize;
        match groups.last_mut() {
            Some((c, r)) if *c == cluster => r.end = k + 1,
            _ => groups.push((cluster, k..k + 1)),
        }
    }
    if props.dir == Dir::Rtl {
        groups.reverse();
    }
    let chinese = lang.is_chinese();
    for (g, (cluster, glyph_range)) in groups.iter().enumerate() {
        let cluster = *cluster;
        let end = groups.get(g + 1).map_or(run.len(), |n| n.0);
        // Clusters come in logical order now; guard anyway.
        let end = end.max(cluster).min(run.len());
        let glyphs: SmallVec<[ShapedGlyph; 1]> = glyph_range
            .clone()
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
        let class = class_of(first, chinese);
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
            level: span.level,
        };
        if face.is_cjk() && has_aki(class) && piece.chars().count() == 1 {
            split_aki(book, &mut unit, props);
        }
        units.push(unit);
    }
}

thread_local! {
    /// Half-width forms per (face, char): (advance, x offset) in font units.
    static HALT: RefCell<HashMap<(FaceId, char), (i32, i32)>> = RefCell::new(HashMap::new());
}

/// Splits a full-width mark into a half-width box and its adjustable half em, reading the
/// half-width form from the font's `halt` feature where it has one.
fn split_aki(book: &FontBook, unit: &mut Unit, props: RunProps) {
    let full = unit.width;
    if full <= Pt::ZERO {
        return;
    }
    let face = book.face(unit.face);
    let scale = unit.size.0 / face.units_per_em;
    let (advance, offset) = HALT.with(|cache| {
        *cache.borrow_mut().entry((unit.face, unit.first)).or_insert_with(|| {
            let feature = [Feature::new(Tag::new(b"halt"), 1, ..)];
            let out = run_shaper(book, &unit.first.to_string(), unit.face, props, &feature);
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
