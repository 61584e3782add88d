//! Line breaking: break opportunities (UAX #14 tailored by the Chinese rules of clreq), a
//! box/glue/penalty model of the paragraph, Knuth–Plass optimal breaking over it, first-fit for
//! ragged text, and justification in clreq's order.
//!
//! Model. Each shaped unit (cluster) is a box; between two units is a junction carrying glue
//! (adjustable punctuation space, the quarter-em Han–Latin gap) and the kind of break it
//! allows. A junction's glue vanishes when the line breaks at it: that is the half-width trim
//! of a mark at the line end (GB/T 15834 §5.1.10), the dropped half em of an opening bracket at
//! the line start, and the Han–Latin gap that never shows at a line edge (clreq §"mixed text
//! composition").
//!
//! Justification (clreq §3.8 "line adjustment"). Word spaces widen first, up to half an em
//! (expansion step 1). Then (step 3) a justified line is widened
//! by adding one and the same amount, δ, at every inter-character position that may take space:
//! between Han characters, after closing and pause marks, before opening marks, at Han–Latin
//! gaps and in word spaces. Never inside a Latin word, number or symbol, never before a closing
//! or pause mark, after an opening mark, or around connectors, solidi and interpuncts (JLReq
//! §3.8's inseparability). A Han–Latin gap takes δ only up to the template's
//! `max_han_latin_gap`; the rest goes to the other positions. So no few gaps take all the space.
//! Punctuation is compressed only where clreq asks for it (adjacent marks, line edges) unless
//! the template turns on `compress_mid_line`. A line with no position that takes δ (a line of
//! a URL) is left short; what is left over counts as a gap at its end.
//!
//! Costs (demerits, added per line or per break). A line with adjustment ratio r (δ over the
//! template's letter-spacing limit, so r = 1 at the limit) costs (1 + 100 r³)², at most 10 201
//! within the limits. Then, from the ordinary to the last resort:
//!
//! | what | demerits | so that |
//! |---|---|---|
//! | (1) a normal break opportunity | 0 | |
//! | (2) a break inside a URL or e-mail address | [`URL_COST`] = 3 000 | preferred to a line letter-spaced beyond ~70 % of the limit |
//! | a last line of one character (and its marks) | [`ORPHAN_COST`] = 10⁶ | worse than any paragraph whose lines all keep the limits (up to ~100 lines), better than a symbol break |
//! | (3) a break inside a document symbol, before a `/` | [`SYMBOL_COST`] = 10⁷ | worse than any paragraph whose lines all keep the limits (up to ~1 000 lines) |
//! | (3′) a break inside a URL or e-mail address between two letters or digits | [`URL_LETTER_COST`] = 10⁸ | only where neither its marks nor symbol breaks keep the limits: a line of a URL has no position that may widen, so a URL that breaks only at its marks leaves holes of up to its longest piece at the line end |
//! | a line beyond the limits | [`BREACH_COST`] × (1 + min(r, 9)²), from 10⁹ | a hundred symbol breaks are preferred to one line beyond the limits |
//! | (4) a break between two grapheme clusters | [`CHARACTER_COST`] = 10¹¹ | only for a piece wider than the measure |
//! | a line wider than its measure | [`OVERFULL_COST`] = 10¹³ | never, when a character break can avoid it |
//!
//! Breaks of kind (4) are only searched when the paragraph cannot be set without an overfull
//! line; each line ending with one is reported ([`Line::character_break`]).
//!
//! When no way of breaking keeps every line within the limits, a minimax search finds the
//! least possible ratio of the paragraph's loosest line, R*, and the breaking is redone with
//! every line above R* costing [`CEILING_COST`]: the loosest line is then as tight as the text
//! allows, and only such lines are marked as beyond the limits unavoidably
//! ([`Spacing::unavoidable`]).
//!
//! Orphans (clreq §"adjustments of orphans and widows"): a paragraph's last line holding one
//! character, alone or with its punctuation ("议。"), costs [`ORPHAN_COST`]; clreq's remedy,
//! pulling the previous line's last character down and spreading that line, is what the
//! search then finds. Only when no breaking within the limits (with URL breaks) avoids it is
//! the orphan kept, and marked ([`Spacing::orphan_unavoidable`]).

use super::classify::{Class, has_aki, inseparable, no_line_end, no_line_start};
use super::shape::{ShapedPara, Unit};
use crate::doc::{Autospace, Typography};
use crate::units::Pt;

mod loose;

/// How a paragraph is set.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    /// Width available to the first line and to the others.
    pub first: Pt,
    pub rest: Pt,
    pub justify: bool,
    pub typography: Typography,
}

/// What kind of break a junction allows, from the ordinary opportunity to the last resort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// No break here.
    #[default]
    Never,
    /// A break opportunity of the text (UAX #14 tailored by clreq).
    Normal,
    /// Inside a word, where the language's hyphenation patterns allow: a hyphen is set at the
    /// line end.
    Hyphen,
    /// Inside a URL or an e-mail address, at one of its marks (no hyphen is added).
    Url,
    /// Inside a document symbol, before a solidus.
    Symbol,
    /// Inside a URL or an e-mail address, between two letters or digits (no hyphen is added).
    UrlLetter,
    /// Between any two grapheme clusters: the last resort for a piece wider than the measure.
    Character,
}

/// Demerits of a hyphenated line end: TeX's \hyphenpenalty of 50, squared as TeX adds it.
pub const HYPHEN_COST: f64 = 2_500.0;
/// Demerits of two hyphenated lines in a row (TeX's \doublehyphendemerits).
pub const DOUBLE_HYPHEN_COST: f64 = 10_000.0;
/// Demerits of a paragraph whose last line starts with the end of a hyphenated word (TeX's
/// \finalhyphendemerits).
pub const FINAL_HYPHEN_COST: f64 = 5_000.0;
/// Demerits of a break inside a URL or e-mail address.
pub const URL_COST: f64 = 3_000.0;
/// Demerits of a paragraph's last line holding a single character (clreq's orphan).
pub const ORPHAN_COST: f64 = 1e6;
/// Demerits of a break inside a document symbol.
pub const SYMBOL_COST: f64 = 1e7;
/// Demerits of a break inside a URL or e-mail address between two letters or digits.
pub const URL_LETTER_COST: f64 = 1e8;
/// Demerits of a line beyond the template's limits.
pub const BREACH_COST: f64 = 1e9;
/// Demerits of a break between two arbitrary characters.
pub const CHARACTER_COST: f64 = 1e11;
/// Demerits of a line wider than its measure.
pub const OVERFULL_COST: f64 = 1e13;
/// Demerits of a line looser than the paragraph's least possible loosest line, R*, when R* is
/// beyond the limits: above any number of lines beyond the limits up to R*.
pub const CEILING_COST: f64 = 1e12;

impl Break {
    fn cost(self) -> f64 {
        match self {
            Break::Never | Break::Normal => 0.0,
            Break::Hyphen => HYPHEN_COST,
            Break::Url => URL_COST,
            Break::Symbol => SYMBOL_COST,
            Break::UrlLetter => URL_LETTER_COST,
            Break::Character => CHARACTER_COST,
        }
    }
}

/// How a junction takes part in justification.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Stretch {
    /// It never widens.
    #[default]
    None,
    /// It takes the line's δ.
    Free,
    /// It takes the line's δ up to this much (a Han–Latin gap).
    Capped(Pt),
}

/// What a junction separates, for the audit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Gap {
    #[default]
    Other,
    /// Two Han characters: what is added here is letter-spacing.
    HanHan,
    /// A Han character and a Latin letter or digit.
    HanLatin,
}

/// Glue and breaking at a junction between two units.
#[derive(Clone, Copy, Debug, Default)]
pub struct Junction {
    /// Natural width.
    pub glue: Pt,
    /// The part of `glue` that is punctuation space (aki).
    pub aki: Pt,
    pub shrink: Pt,
    pub stretch: Stretch,
    pub gap: Gap,
    pub brk: Break,
    pub forced: bool,
    /// The width of the hyphen set when a line ends here ([`Break::Hyphen`]).
    pub hyphen: Pt,
}

impl Junction {
    /// Whether a line may end here (at any cost).
    pub fn breakable(&self) -> bool {
        self.brk != Break::Never
    }
}

/// The spacing of a set line, in em of the text size: what the audit checks against the
/// template's limits.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spacing {
    /// Largest space added between two Han characters.
    pub letter_spacing: f32,
    /// Largest gap between a Han character and a Latin letter or digit.
    pub han_latin: f32,
    /// Largest gap of any kind between two glyph boxes.
    pub gap: f32,
    /// Full-width marks compressed in mid-line beyond what adjacent marks call for.
    pub compressed: u32,
    /// Whether the line was justified (a justified paragraph's line other than its last).
    pub justified: bool,
    /// The line is beyond the limits because no way of breaking its paragraph keeps every
    /// line within them, and it is no looser than the paragraph's least possible loosest line.
    pub unavoidable: bool,
    /// The line is a paragraph's last line of a single character (clreq's orphan) because no
    /// breaking within the limits avoids it.
    pub orphan_unavoidable: bool,
    /// The line ends inside a document symbol (before a solidus): `Some(true)` when no
    /// breaking of its paragraph without symbol breaks keeps every line within the limits
    /// (in ragged text: when nothing else fits), which is the only case rule (3) allows.
    pub symbol_break: Option<bool>,
}

/// A laid-out line: units `start..end`, and the advance of each (its box, plus the glue after
/// it unless it ends the line, adjusted by justification).
#[derive(Clone, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub advances: Vec<Pt>,
    pub natural: Pt,
    pub measure: Pt,
    /// Adjustment ratio: positive when stretched (1 at the letter-spacing limit), negative
    /// when shrunk.
    pub ratio: f32,
    pub last: bool,
    /// The line could not take in more: its next break opportunity would overflow it.
    pub cannot_extend: bool,
    /// The kind of break that ends the line.
    pub brk: Break,
    pub spacing: Spacing,
}

impl Line {
    /// Whether the line ends with a break between two arbitrary characters (a piece of text
    /// wider than the measure).
    pub fn character_break(&self) -> bool {
        self.brk == Break::Character
    }
}

/// Han–Latin gap: a quarter em, shrinking to an eighth (clreq).
const HAN_LATIN_GAP: f32 = 0.25;
const HAN_LATIN_SHRINK: f32 = 0.125;
/// Latin text: word spaces stretch by half their width at ratio 1, and at most by this ratio
/// before the line counts as beyond the limits (TeX's tolerance).
pub const MAX_RATIO: f32 = 2.0;

fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && !super::classify::is_wide(c)
}

/// Where a URL or e-mail address may break, given the characters either side (the Chicago
/// Manual of Style 14.18, within the line rules): before `/ - _ # @ & =` (the mark then starts
/// the next line and shows the line goes on; a solidus may not end a line in GB style, and a
/// hyphen at a line end is taken for a soft hyphen and dropped by text extraction), after
/// `. @ ? & = ~ %` (which may not start a line). Never between two marks, and never inside
/// `://`.
fn url_break(a: char, b: char) -> bool {
    let before = |c: char| matches!(c, '/' | '-' | '_' | '#' | '@' | '&' | '=');
    let after = |c: char| matches!(c, '.' | '@' | '?' | '&' | '=' | '~' | '%');
    let mark = |c: char| before(c) || after(c) || c == ':';
    (before(b) && !mark(a)) || (after(a) && !mark(b))
}

/// The junctions of a shaped paragraph.
pub fn junctions(p: &ShapedPara, m: Measure) -> Vec<Junction> {
    let uax14 = Offsets::of(&p.text, unicode_linebreak::linebreaks(&p.text).map(|(i, _)| i));
    // URLs and e-mail addresses are the links the template made of them: a link whose target
    // is its own text (a document symbol links elsewhere).
    let mut link_text: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    for u in &p.units {
        if let Some(l) = u.link {
            link_text.entry(l).or_default().push_str(&p.text[u.range.clone()]);
        }
    }
    let is_address = |u: &Unit| {
        u.link.is_some_and(|l| {
            let (Some(target), Some(text)) = (p.links.get(l), link_text.get(&l)) else { return false };
            let bare = target.strip_prefix("mailto:").or_else(|| target.strip_prefix("https://"));
            target == text || bare == Some(text.as_str())
        })
    };
    // Never inside a grapheme cluster (a base and its combining marks, an emoji sequence).
    let graphemes = Offsets::of(
        &p.text,
        unicode_segmentation::UnicodeSegmentation::grapheme_indices(p.text.as_str(), true).map(|(i, _)| i),
    );
    let hyphens = match m.typography.hyphenate {
        Some(h) if !p.hyphens.is_empty() => Offsets::of(
            &p.text,
            super::hyphenate::points(&p.text, h.patterns, h.left as usize, h.right as usize),
        ),
        _ => Offsets::default(),
    };
    let hyphen_of = |u: &Unit| p.hyphens.iter().find(|(f, _)| *f == u.face).map(|(_, g)| g.advance);
    let units = &p.units;
    let mut out = Vec::with_capacity(units.len().saturating_sub(1));
    for w in units.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let at = a.range.end;
        let mut j = junction(a, b, p.chinese(), m, uax14.contains(at));
        if !graphemes.contains(at) || b.class == Class::Newline {
            j.brk = Break::Never;
        } else if inseparable(a.last, b.first) {
            // A two-em dash or an ellipsis stays whole (JLReq §3.1.10), unless a run of them is
            // wider than the measure: then, like any other piece, it breaks between characters
            // as the last resort rather than running off the page.
            j.brk = Break::Character;
        } else if let Some(width) = hyphen_of(a).filter(|_| {
            !j.forced
                && j.brk == Break::Never
                && hyphens.contains(at)
                && a.link.is_none()
                && b.link.is_none()
                && a.note.is_none()
                && b.note.is_none()
        }) {
            j.brk = Break::Hyphen;
            j.hyphen = width;
        } else if !j.forced && j.brk == Break::Never {
            let in_url = a.link == b.link && is_address(a);
            j.brk = if in_url && url_break(a.last, b.first) {
                Break::Url
            } else if in_url && a.last.is_ascii_alphanumeric() && b.first.is_ascii_alphanumeric() {
                Break::UrlLetter
            } else if !in_url && b.first == '/' && a.class == Class::Latin && a.last != '/' {
                Break::Symbol
            } else {
                Break::Character
            };
        }
        out.push(j);
    }
    out
}

/// A set of byte offsets into a paragraph's text, looked up in O(1): the junctions ask it
/// once for every unit, where a tree cost a search and its nodes an allocation each.
#[derive(Default)]
struct Offsets(Vec<bool>);

impl Offsets {
    fn of(text: &str, offsets: impl IntoIterator<Item = usize>) -> Offsets {
        let mut set = vec![false; text.len() + 1];
        for i in offsets {
            if let Some(x) = set.get_mut(i) {
                *x = true;
            }
        }
        Offsets(set)
    }

    fn contains(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

fn junction(a: &Unit, b: &Unit, cjk: bool, m: Measure, uax14: bool) -> Junction {
    let t = m.typography;
    let strictness = t.strictness;
    let mut j = Junction { forced: a.class == Class::Newline, ..Junction::default() };
    let em = if a.face.is_cjk() { a.size } else { b.size };

    // Break opportunity: UAX #14, with Chinese quotes as opening/closing marks (clreq), then
    // the prohibitions, which always win.
    let quote_break = cjk && (matches!(b.first, '“' | '‘') || matches!(a.last, '”' | '’'));
    let latin_run =
        a.class == Class::Latin && b.class == Class::Latin && !a.face.is_cjk() && !b.face.is_cjk();
    let normal = (uax14 || quote_break)
        && !j.forced
        && b.class != Class::Newline
        && !no_line_end(a.last, cjk, strictness)
        && !no_line_start(b.first, cjk, strictness)
        && !inseparable(a.last, b.first)
        // A footnote mark stays with the text it follows.
        && b.note.is_none()
        // A Latin word, number or document symbol is never broken inside.
        && !latin_run;
    if normal {
        j.brk = Break::Normal;
    }
    if j.forced {
        return j;
    }

    // Punctuation space; two adjacent marks keep one half em between them (2 em → 1.5 em).
    let aki = a.aki_after + b.aki_before;
    let aki = if has_aki(a.class) && has_aki(b.class) { (aki - em * 0.5).max(Pt::ZERO) } else { aki };
    j.glue = aki;
    j.aki = aki;
    if t.compress_mid_line {
        j.shrink = aki;
    }

    if cjk {
        let han_latin = a.note.is_none()
            && b.note.is_none()
            && ((a.class == Class::Han && !b.face.is_cjk() && is_latin_alnum(b.first))
                || (b.class == Class::Han && !a.face.is_cjk() && is_latin_alnum(a.last)));
        if han_latin {
            j.gap = Gap::HanLatin;
            match t.autospace {
                Autospace::Quarter => {
                    j.glue += em * HAN_LATIN_GAP;
                    j.shrink += em * (HAN_LATIN_GAP - HAN_LATIN_SHRINK);
                    j.stretch = Stretch::Capped((em * (t.max_han_latin_gap - HAN_LATIN_GAP)).max(Pt::ZERO));
                }
                Autospace::FixedQuarter => j.glue += em * HAN_LATIN_GAP,
                Autospace::None => j.stretch = Stretch::Capped(em * t.max_han_latin_gap),
            }
        } else if stretchable(a, b) {
            j.stretch = Stretch::Free;
            if a.class == Class::Han && b.class == Class::Han {
                j.gap = Gap::HanHan;
            }
        }
    }
    j
}

/// Whether justification may add space between `a` and `b` (clreq §3.8 expansion, JLReq
/// §3.8 inseparability).
fn stretchable(a: &Unit, b: &Unit) -> bool {
    use Class::*;
    let inside_latin = !a.face.is_cjk() && !b.face.is_cjk();
    !inside_latin
        && !matches!(a.class, Open | Connector | Solidus | MiddleDot | Space | Newline)
        && !matches!(b.class, Close | Pause | End | Connector | Solidus | MiddleDot | Space | Newline)
        && b.note.is_none()
        && !inseparable(a.last, b.first)
}

/// Prefix sums over boxes and junctions, so that any line's width is O(1). The sums of one
/// position are kept together (one cache line for a line's end, one for its start): the
/// breaker reads them for every candidate line, and eleven separate arrays cost eleven
/// cache misses.
struct Sums {
    /// Width, shrink, positions that take δ freely, and how much word spaces may widen
    /// before anything else does (Chinese text), of the boxes.
    units: Vec<[f64; 4]>,
    /// Width, shrink, positions that take δ freely, positions that take it up to a cap, and
    /// those caps, of the junctions.
    junctions: Vec<[f64; 5]>,
    /// The hyphen a line ending after unit `k` sets, by `k`.
    hyphen: Vec<f64>,
}

fn prefix<const N: usize>(values: impl ExactSizeIterator<Item = [f64; N]>) -> Vec<[f64; N]> {
    let mut out = Vec::with_capacity(values.len() + 1);
    out.push([0.0; N]);
    let mut acc = [0.0; N];
    for v in values {
        for (a, x) in acc.iter_mut().zip(v) {
            *a += x;
        }
        out.push(acc);
    }
    out
}

/// Shrink of a word space, and whether it takes δ.
fn space_glue(u: &Unit) -> (f64, f64) {
    if u.class == Class::Space { (u.width.0 as f64 / 3.0, 1.0) } else { (0.0, 0.0) }
}

/// Word spaces in Chinese text are the first place for stretch (clreq §3.8, expansion step
/// 1): each widens up to half an em before δ is spread over the other positions.
const SPACE_GROWS_TO: f64 = 0.5;

/// How much a word space may widen before δ goes anywhere else.
fn space_room(u: &Unit, cjk: bool) -> f64 {
    if cjk && u.class == Class::Space {
        (SPACE_GROWS_TO * u.size.0 as f64 - u.width.0 as f64).max(0.0)
    } else {
        0.0
    }
}

/// Free, capped, cap of a junction.
fn stretch_parts(j: &Junction) -> (f64, f64, f64) {
    match j.stretch {
        Stretch::None => (0.0, 0.0, 0.0),
        Stretch::Free => (1.0, 0.0, 0.0),
        Stretch::Capped(c) => (0.0, 1.0, c.0 as f64),
    }
}

/// A line's natural width, shrink, and its positions that take δ.
#[derive(Clone, Copy, Debug)]
struct Extent {
    width: f64,
    shrink: f64,
    free: f64,
    capped: f64,
    caps: f64,
    room: f64,
}

/// How a line is widened to its measure.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Fill {
    /// The δ added at every position that takes it.
    delta: f64,
    /// What is left over when the line has no position that takes δ freely.
    left: f64,
    /// The share of their room by which word spaces widen first.
    grow: f64,
}

impl Extent {
    /// How the line fills `delta` points: word spaces first, up to their room, then δ at
    /// every position; what is left over when the line has no position that takes δ freely
    /// (a line inside a URL, a single long word): such a line is left short, like a ragged
    /// one, rather than spaced inside its words.
    fn fill(&self, delta: f64) -> Fill {
        if delta <= 0.0 {
            return Fill::default();
        }
        if delta <= self.room {
            return Fill { grow: delta / self.room, ..Fill::default() };
        }
        let grow = if self.room > 0.0 { 1.0 } else { 0.0 };
        let delta = delta - self.room;
        let all = self.free + self.capped;
        if all == 0.0 {
            return Fill { left: delta, grow, ..Fill::default() };
        }
        let even = delta / all;
        let cap = if self.capped > 0.0 { self.caps / self.capped } else { f64::INFINITY };
        if even <= cap {
            Fill { delta: even, left: 0.0, grow }
        } else if self.free > 0.0 {
            Fill { delta: (delta - self.caps) / self.free, left: 0.0, grow }
        } else {
            Fill { delta: cap, left: delta - self.caps, grow }
        }
    }
}

impl Sums {
    fn new(units: &[Unit], js: &[Junction], cjk: bool) -> Sums {
        Sums {
            units: prefix(units.iter().map(|u| {
                let (shrink, free) = space_glue(u);
                [u.width.0 as f64, shrink, free, space_room(u, cjk)]
            })),
            junctions: prefix(js.iter().map(|j| {
                let (free, capped, caps) = stretch_parts(j);
                [j.glue.0 as f64, j.shrink.0 as f64, free, capped, caps]
            })),
            hyphen: std::iter::once(0.0)
                .chain(js.iter().map(|j| if j.brk == Break::Hyphen { j.hyphen.0 as f64 } else { 0.0 }))
                .chain(std::iter::once(0.0))
                .collect(),
        }
    }

    /// The line `a..b`, without a trailing space.
    fn line(&self, units: &[Unit], a: usize, b: usize) -> Extent {
        let end = content_end(units, a, b);
        let jb = end.saturating_sub(1).max(a);
        let (ue, ua) = (&self.units[end], &self.units[a]);
        let (je, ja) = (&self.junctions[jb], &self.junctions[a]);
        let u = |i: usize| ue[i] - ua[i];
        let j = |i: usize| je[i] - ja[i];
        Extent {
            width: u(0) + j(0) + self.hyphen.get(b).copied().unwrap_or(0.0),
            shrink: u(1) + j(1),
            free: u(2) + j(2),
            // Boxes are never capped: only junctions count here.
            capped: j(3),
            caps: j(4),
            room: u(3),
        }
    }
}

/// End of the line's content: trailing spaces and newlines hang outside the measure.
fn content_end(units: &[Unit], a: usize, b: usize) -> usize {
    let mut end = b;
    while end > a + 1 && matches!(units[end - 1].class, Class::Space | Class::Newline) {
        end -= 1;
    }
    end
}

/// Width a ragged line needs: a full-width mark at its end keeps its full width.
fn ragged_width(units: &[Unit], e: &Extent, a: usize, b: usize) -> f64 {
    let end = content_end(units, a, b);
    e.width + units.get(end.wrapping_sub(1)).map_or(0.0, |u| u.aki_after.0 as f64)
}

/// The widest piece of the paragraph that no line break can split (its min-content width):
/// a table column narrower than this would overflow. URLs count at their break points, and no
/// piece counts as wider than half the measure.
pub fn min_content_width(p: &ShapedPara, m: Measure) -> Pt {
    let units = &p.units;
    if units.is_empty() {
        return Pt::ZERO;
    }
    let js = junctions(p, m);
    let sums = Sums::new(units, &js, p.chinese());
    let n = units.len();
    let mut widest: f64 = 0.0;
    let mut a = 0;
    for b in 1..=n {
        if is_candidate(&js, b, n, Break::Url) {
            widest = widest.max(sums.line(units, a, b).width);
            a = b;
        }
    }
    // A piece wider than half the measure breaks between characters rather than widen its
    // column over the others.
    Pt((widest as f32).min(m.rest.0 * 0.5))
}

/// Breaks a shaped paragraph into lines: Knuth–Plass for justified text, first-fit for ragged
/// text; a piece wider than the measure breaks between two characters as the last resort.
pub fn break_lines(p: &ShapedPara, m: Measure) -> Vec<Line> {
    let units = &p.units;
    if units.is_empty() {
        return Vec::new();
    }
    let js = junctions(p, m);
    let sums = Sums::new(units, &js, p.chinese());
    let mut ctx = Ctx::new(p, &js, &sums, m);
    let limit = ctx.limit;
    let mut least = None;
    let breaks = if m.justify {
        let (breaks, overfull) = optimal(&ctx, Break::UrlLetter);
        if overfull {
            optimal(&ctx, Break::Character).0
        } else if loosest(&ctx, &breaks) > limit + 1e-6 {
            // Beyond the limits: as tight as the text allows in the loosest line.
            let r = ctx.least_loosest(Break::UrlLetter, true);
            least = Some(r);
            if r > limit + 1e-6 && loosest(&ctx, &breaks) > r + 1e-6 {
                ctx.ceiling = r;
                optimal(&ctx, Break::UrlLetter).0
            } else {
                breaks
            }
        } else {
            breaks
        }
    } else {
        first_fit(units, &js, &sums, m)
    };
    let mut lines = set_lines(&ctx, &breaks);
    if let Some(r) = least.filter(|&r| r > limit + 1e-6) {
        for l in &mut lines {
            let ratio = l.ratio as f64;
            l.spacing.unavoidable = ratio > limit + 1e-6 && ratio <= r + 1e-4;
        }
    }
    if lines.iter().any(|l| l.brk == Break::Symbol) {
        let needed = !m.justify || ctx.least_loosest(Break::Url, true) > limit + 1e-6;
        for l in lines.iter_mut().filter(|l| l.brk == Break::Symbol) {
            l.spacing.symbol_break = Some(needed);
        }
    }
    if m.justify && lines.iter().any(|l| is_orphan(units, &js, l.start, l.end)) {
        let kept = ctx.least_loosest(Break::Url, false) > limit + 1e-6;
        for l in &mut lines {
            l.spacing.orphan_unavoidable = kept && is_orphan(units, &js, l.start, l.end);
        }
    }
    lines
}

/// The loosest line's ratio when the paragraph breaks at `breaks`.
fn loosest(c: &Ctx, breaks: &[usize]) -> f64 {
    let n = c.units.len();
    let mut a = 0;
    let mut worst = f64::NEG_INFINITY;
    for &b in breaks {
        worst = worst.max(c.line_ratio(a, b, n).unwrap_or(f64::INFINITY));
        a = b;
    }
    worst
}

/// Whether the line `a..b` is the last of its paragraph (or before a forced break), follows
/// another line of it, and holds a single character apart from punctuation: clreq's orphan.
fn is_orphan(units: &[Unit], js: &[Junction], a: usize, b: usize) -> bool {
    let n = units.len();
    a > 0
        && !is_forced(js, a, n)
        && is_forced(js, b, n)
        && units[a..b]
            .iter()
            .filter(|u| !has_aki(u.class) && !matches!(u.class, Class::Space | Class::Newline))
            .count()
            <= 1
}

/// The δ (in points) at which a line's adjustment ratio is 1: the letter-spacing limit in
/// Chinese, half a word space in Latin text.
fn stretch_unit(p: &ShapedPara, m: Measure) -> f64 {
    let size = p.units.iter().map(|u| u.size.0).fold(0.0f32, f32::max) as f64;
    if p.chinese() {
        (m.typography.max_letter_spacing as f64 * size).max(1e-6)
    } else {
        let space =
            p.units.iter().find(|u| u.class == Class::Space).map_or(size * 0.25, |u| u.width.0 as f64);
        (space * 0.5).max(1e-6)
    }
}

fn measure_of(m: Measure, line_start: usize) -> f64 {
    (if line_start == 0 { m.first } else { m.rest }).0 as f64
}

/// Whether a line may end after unit `k`, using breaks up to `upto`.
fn is_candidate(js: &[Junction], k: usize, n: usize, upto: Break) -> bool {
    k == n || (k > 0 && (js[k - 1].forced || (js[k - 1].breakable() && js[k - 1].brk <= upto)))
}

fn is_forced(js: &[Junction], k: usize, n: usize) -> bool {
    k == n || (k > 0 && js[k - 1].forced)
}

/// Greedy breaking for ragged text: each line takes as much as fits at natural spacing with
/// the ordinary breaks; if none fits, the next kind of break is tried, down to the last resort.
fn first_fit(units: &[Unit], js: &[Junction], sums: &Sums, m: Measure) -> Vec<usize> {
    let n = units.len();
    let mut breaks = Vec::new();
    let mut a = 0;
    while a < n {
        let measure = measure_of(m, a);
        let mut chosen = None;
        for upto in
            [Break::Normal, Break::Hyphen, Break::Url, Break::Symbol, Break::UrlLetter, Break::Character]
        {
            let mut best = None;
            for b in a + 1..=n {
                if !is_candidate(js, b, n, upto) {
                    continue;
                }
                let fits = ragged_width(units, &sums.line(units, a, b), a, b) <= measure + 0.01;
                if fits {
                    best = Some(b);
                }
                if !fits || is_forced(js, b, n) {
                    break;
                }
            }
            if best.is_some() {
                chosen = best;
                break;
            }
        }
        // Nothing fits even one character: the line takes one piece and overflows.
        let b = chosen
            .unwrap_or_else(|| (a + 1..=n).find(|&k| is_candidate(js, k, n, Break::Character)).unwrap_or(n));
        breaks.push(b);
        a = b;
    }
    mend_orphans(units, js, sums, m, &mut breaks);
    breaks
}

/// clreq's remedy for an orphan in ragged text: the previous line gives up its last piece to
/// the last line, where that fits.
fn mend_orphans(units: &[Unit], js: &[Junction], sums: &Sums, m: Measure, breaks: &mut [usize]) {
    let n = units.len();
    for i in 1..breaks.len() {
        let start = if i >= 2 { breaks[i - 2] } else { 0 };
        let (a, b) = (breaks[i - 1], breaks[i]);
        if !is_orphan(units, js, a, b) {
            continue;
        }
        let fits = |k: usize| ragged_width(units, &sums.line(units, k, b), k, b) <= measure_of(m, k) + 0.01;
        if let Some(k) =
            (start + 1..a).rev().find(|&k| is_candidate(js, k, n, Break::Normal)).filter(|&k| fits(k))
        {
            breaks[i - 1] = k;
        }
    }
}

/// What the optimal breaker needs to know.
struct Ctx<'a> {
    units: &'a [Unit],
    js: &'a [Junction],
    sums: &'a Sums,
    m: Measure,
    unit_stretch: f64,
    /// The largest ratio within the limits.
    limit: f64,
    /// What a short line may leave over within the limits: the largest gap allowed.
    short_unit: f64,
    /// Whether the text is Chinese.
    cjk: bool,
    /// Lines looser than this cost [`CEILING_COST`] (infinite unless no breaking keeps the
    /// limits).
    ceiling: f64,
}

impl<'a> Ctx<'a> {
    fn new(p: &'a ShapedPara, js: &'a [Junction], sums: &'a Sums, m: Measure) -> Ctx<'a> {
        let size = p.units.iter().map(|u| u.size.0).fold(0.0f32, f32::max) as f64;
        Ctx {
            units: &p.units,
            js,
            sums,
            m,
            unit_stretch: stretch_unit(p, m),
            limit: if p.chinese() { 1.0 } else { MAX_RATIO as f64 },
            short_unit: (m.typography.max_gap as f64 * size).max(1e-6),
            ceiling: f64::INFINITY,
            cjk: p.chinese(),
        }
    }

    /// Adjustment ratio of the line `a..b`, or `None` if it overflows its measure.
    fn line_ratio(&self, a: usize, b: usize, n: usize) -> Option<f64> {
        let measure = measure_of(self.m, a);
        let e = self.sums.line(self.units, a, b);
        if e.width - e.shrink > measure + 0.01 {
            return None;
        }
        let delta = measure - e.width;
        Some(if delta < 0.0 {
            -(-delta / e.shrink.max(1e-9)).min(1.0)
        } else if is_forced(self.js, b, n) {
            0.0
        } else {
            // A short line (no position takes δ) is within the limits while what is left over
            // is at most the largest gap allowed.
            let Fill { delta: d, left, .. } = e.fill(delta);
            (d / self.unit_stretch).max(left / self.short_unit * self.limit).min(100.0)
        })
    }

    /// Demerits of the line `a..b` (without the cost of its break), and whether it overflows.
    fn line_cost(&self, a: usize, b: usize, n: usize) -> (f64, bool) {
        let Some(ratio) = self.line_ratio(a, b, n) else { return (OVERFULL_COST, true) };
        // Beyond the limit the line costs more than any symbol break; growing with the square
        // of the ratio, two lines just beyond the limit are preferred to one hole, and the
        // cost stays below a character break's.
        let breach =
            if ratio > self.limit + 1e-6 { BREACH_COST * (1.0 + ratio.min(9.0).powi(2)) } else { 0.0 };
        let ceiling = if ratio > self.ceiling + 1e-6 { CEILING_COST } else { 0.0 };
        let orphan = if is_orphan(self.units, self.js, a, b) { ORPHAN_COST } else { 0.0 };
        let hyphenated = |k: usize| k > 0 && k < n && self.js[k - 1].brk == Break::Hyphen;
        let hyphens = match (hyphenated(a), hyphenated(b)) {
            (true, true) => DOUBLE_HYPHEN_COST,
            (true, false) if is_forced(self.js, b, n) => FINAL_HYPHEN_COST,
            _ => 0.0,
        };
        (demerits(ratio.min(self.limit)) + breach + ceiling + orphan + hyphens, false)
    }

    /// The least, over every way of breaking the paragraph (with breaks up to `upto`, and
    /// with or without an orphan), of its loosest line's ratio: a minimax search independent
    /// of the demerits. Above the limit, no set of breaks keeps every line within the limits.
    fn least_loosest(&self, upto: Break, orphans: bool) -> f64 {
        let n = self.units.len();
        let cands: Vec<usize> = (0..=n).filter(|&k| k == 0 || is_candidate(self.js, k, n, upto)).collect();
        let mut best = vec![f64::INFINITY; cands.len()];
        best[0] = f64::NEG_INFINITY;
        for bi in 1..cands.len() {
            for ai in (0..bi).rev() {
                let (a, b) = (cands[ai], cands[bi]);
                let Some(r) = self.line_ratio(a, b, n) else { break };
                if orphans || !is_orphan(self.units, self.js, a, b) {
                    best[bi] = best[bi].min(best[ai].max(r));
                }
                if ai > 0 && is_forced(self.js, a, n) {
                    break;
                }
            }
        }
        best[cands.len() - 1]
    }
}

/// Knuth–Plass total-fit breaking over the candidate breaks up to `upto`, O(n·L) with prefix
/// sums. Returns the breaks and whether a line overflows its measure. Lines certainly too loose
/// are skipped where that provably changes nothing ([`loose`]).
fn optimal(c: &Ctx, upto: Break) -> (Vec<usize>, bool) {
    optimal_with(c, upto, true)
}

/// [`optimal`], with or without skipping the lines certainly too loose (without: the
/// reference the tests hold the skipping to).
fn optimal_with(c: &Ctx, upto: Break, skip_loose: bool) -> (Vec<usize>, bool) {
    let n = c.units.len();
    let cands: Vec<usize> = (0..=n).filter(|&k| k == 0 || is_candidate(c.js, k, n, upto)).collect();
    let cost = |bi: usize| {
        let b = cands[bi];
        if b < n { c.js[b - 1].brk.cost() } else { 0.0 }
    };
    let Some(skip) = skip_loose.then(|| loose::Skip::new(c, &cands)).flatten() else {
        let mut t = Totals::new(cands.len());
        for bi in 1..cands.len() {
            t.relax(c, &cands, bi, bi, cost(bi));
        }
        return t.breaks(&cands);
    };
    let runs = skip.runs(c, &cands);
    // Without the certainly loose lines first: when that total is below what any loose line
    // costs, no breaking with one can match it, and every total and choice on its path is
    // the full search's ([`loose`], 3).
    let mut t = Totals::new(cands.len());
    for (bi, run) in runs.iter().enumerate().skip(1) {
        t.relax(c, &cands, bi, run.unwrap_or(bi), cost(bi));
    }
    if t.best[cands.len() - 1] < loose::least_loose(c) {
        return t.breaks(&cands);
    }
    let mut t = Totals::new(cands.len());
    for (bi, run) in runs.iter().enumerate().skip(1) {
        match *run {
            Some(first_loose) => {
                t.relax(c, &cands, bi, first_loose, cost(bi));
                t.relax_loose(c, &cands, bi, first_loose, cost(bi));
            }
            None => t.relax(c, &cands, bi, bi, cost(bi)),
        }
    }
    t.breaks(&cands)
}

/// The least demerits of the paragraph up to each candidate break, where the last line comes
/// from, and whether a line overflows on the way.
struct Totals {
    best: Vec<f64>,
    from: Vec<usize>,
    overfull: Vec<bool>,
}

impl Totals {
    /// Nothing reached yet but the paragraph's start.
    fn new(candidates: usize) -> Totals {
        let mut best = vec![f64::INFINITY; candidates];
        if let Some(start) = best.first_mut() {
            *start = 0.0;
        }
        Totals { best, from: vec![0usize; candidates], overfull: vec![false; candidates] }
    }

    /// The breaks of the best way to the paragraph's end, and whether a line on it overflows.
    fn breaks(&self, cands: &[usize]) -> (Vec<usize>, bool) {
        let mut breaks = Vec::new();
        let mut i = cands.len() - 1;
        let any_overfull = self.overfull[i];
        while i > 0 {
            breaks.push(cands[i]);
            i = self.from[i];
        }
        breaks.reverse();
        (breaks, any_overfull)
    }

    /// Tries the lines ending at candidate `bi` that start at the candidates before `below`,
    /// nearest first, until a line overflows or crosses a forced break.
    fn relax(&mut self, c: &Ctx, cands: &[usize], bi: usize, below: usize, cost: f64) {
        let (n, b) = (c.units.len(), cands[bi]);
        for ai in (0..below).rev() {
            let a = cands[ai];
            let (d, over) = c.line_cost(a, b, n);
            if over && ai + 1 != bi {
                break;
            }
            if self.best[ai].is_finite() {
                let total = self.best[ai] + d + cost;
                if total < self.best[bi] {
                    self.best[bi] = total;
                    self.from[bi] = ai;
                    self.overfull[bi] = self.overfull[ai] || over;
                }
            }
            // No line may run across a forced break.
            if ai > 0 && is_forced(c.js, a, n) {
                break;
            }
        }
    }
}

fn demerits(ratio: f64) -> f64 {
    // Shrinking (push-in) is preferred to stretching (push-out): clreq, JLReq §3.8.2.
    let badness = if ratio < 0.0 { 50.0 * ratio.abs().powi(3) } else { 100.0 * ratio.powi(3) };
    // Fewer lines win ties between equal-looking solutions.
    (1.0 + badness).powi(2) + 1.0
}

/// Sets each line: the advance of every unit after justification.
fn set_lines(c: &Ctx, breaks: &[usize]) -> Vec<Line> {
    let (units, js, sums, m) = (c.units, c.js, c.sums, c.m);
    let n = units.len();
    let mut lines = Vec::with_capacity(breaks.len());
    let mut a = 0;
    for &b in breaks {
        let measure = measure_of(m, a);
        let e = sums.line(units, a, b);
        let last = is_forced(js, b, n);
        let justified = m.justify && !last;
        // Ragged lines keep the full width of a mark at their end, when it fits.
        let tail = if !m.justify && ragged_width(units, &e, a, b) <= measure + 0.01 {
            ragged_width(units, &e, a, b) - e.width
        } else {
            0.0
        };
        let delta = measure - e.width;
        // Too wide (possible on any line, justified or not): push in. Justified: widen by δ.
        let rz = if delta < 0.0 && e.shrink > 1e-9 { (-delta / e.shrink).min(1.0) } else { 0.0 };
        let Fill { delta: d, left, grow } = if justified { e.fill(delta) } else { Fill::default() };
        let end = content_end(units, a, b);
        let mut advances = Vec::with_capacity(b - a);
        let mut spacing = Spacing { justified, ..Spacing::default() };
        // Pen position where the last glyph box ended, for the gap measure.
        let mut pen = 0.0;
        let mut box_end: Option<f64> = None;
        for k in a..b {
            let u = &units[k];
            if k >= end {
                advances.push(Pt::ZERO);
                continue;
            }
            let em = u.size.0 as f64;
            let (sz, takes) = space_glue(u);
            let mut adv = u.width.0 as f64 + takes * d + grow * space_room(u, c.cjk) - sz * rz;
            if u.class != Class::Space && u.class != Class::Newline {
                if let Some(prev) = box_end {
                    spacing.gap = spacing.gap.max(((pen - prev) / em) as f32);
                }
                box_end = Some(pen + u.width.0 as f64);
            }
            if k + 1 < end {
                let j = &js[k];
                let added = match j.stretch {
                    Stretch::None => 0.0,
                    Stretch::Free => d,
                    Stretch::Capped(cap) => d.min(cap.0 as f64),
                };
                let glue = j.glue.0 as f64 + added - j.shrink.0 as f64 * rz;
                match j.gap {
                    Gap::HanHan => {
                        spacing.letter_spacing =
                            spacing.letter_spacing.max(((glue - j.glue.0 as f64) / em) as f32)
                    }
                    Gap::HanLatin => spacing.han_latin = spacing.han_latin.max((glue / em) as f32),
                    Gap::Other => {}
                }
                if j.aki > Pt::ZERO && glue < j.glue.0 as f64 - 0.01 {
                    spacing.compressed += 1;
                }
                adv += glue;
            } else if k + 1 == end {
                adv += tail;
            }
            pen += adv;
            advances.push(Pt(adv as f32));
        }
        // A justified line with nothing to take δ is left short: what is left over is a gap
        // at its end, and counts as in `Ctx::line_ratio`.
        if left > 0.0 {
            let em = units[a..end].iter().map(|u| u.size.0).fold(0.0f32, f32::max).max(1e-3) as f64;
            spacing.gap = spacing.gap.max((left / em) as f32);
        }
        let ratio = if delta < 0.0 {
            if e.shrink > 1e-9 { delta / e.shrink } else { -1.0 }
        } else {
            (d / c.unit_stretch).max(left / c.short_unit * c.limit)
        };
        let next = (b + 1..=n).find(|&k| is_candidate(js, k, n, Break::Normal));
        let cannot_extend = next.is_none_or(|k| {
            let e2 = sums.line(units, a, k);
            e2.width - e2.shrink > measure + 0.01
        });
        lines.push(Line {
            start: a,
            end: b,
            advances,
            natural: Pt((e.width + tail) as f32),
            measure: Pt(measure as f32),
            ratio: ratio as f32,
            last,
            cannot_extend,
            brk: if b < n && b > 0 { js[b - 1].brk } else { Break::Normal },
            spacing,
        });
        a = b;
    }
    lines
}

#[cfg(test)]
mod tests;
