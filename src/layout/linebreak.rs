//! Line breaking: break opportunities (UAX #14 tailored by the Chinese rules of clreq), a
//! box/glue/penalty model of the paragraph, Knuth–Plass optimal breaking over it, first-fit for
//! ragged text and as the fallback, and justification in clreq's order.
//!
//! Model. Each shaped unit (cluster) is a box; between two units is a junction carrying glue
//! (adjustable punctuation space, the quarter-em Han–Latin gap, a tiny stretch between Han
//! characters) and a flag saying whether a line may break there. A junction's glue vanishes
//! when the line breaks at it: that is the half-width trim of a mark at the line end
//! (GB/T 15834 §5.1.10), the dropped half em of an opening bracket at the line start, and the
//! Han–Latin gap that never shows at a line edge (clreq §"mixed text composition").

use super::classify::{Class, Strictness, has_aki, inseparable, no_line_end, no_line_start};
use super::shape::{ShapedPara, Unit};
use crate::doc::Autospace;
use crate::units::Pt;

/// How a paragraph is set.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    /// Width available to the first line and to the others.
    pub first: Pt,
    pub rest: Pt,
    pub justify: bool,
    pub strictness: Strictness,
    pub autospace: Autospace,
}

/// Glue and breaking at a junction between two units.
#[derive(Clone, Copy, Debug, Default)]
pub struct Junction {
    pub glue: Pt,
    /// Stretch of the first tier (Han–Latin gaps), used before the second (Han gaps).
    pub stretch1: Pt,
    pub stretch2: Pt,
    pub shrink: Pt,
    pub breakable: bool,
    pub forced: bool,
    /// Cost of breaking here (a break inside a URL is allowed but not liked).
    pub penalty: f32,
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
    pub ratio: f32,
    pub last: bool,
    /// The line could not take in more: its next break opportunity would overflow it, so a
    /// loose line here is forced, not chosen.
    pub cannot_extend: bool,
}

/// Stretch of a Han–Han gap, in em: the expansion of last resort (xeCJK's `CJKglue`).
const HAN_STRETCH: f32 = 0.1;
/// Han–Latin gap: a quarter em, shrinking to an eighth, stretching to a half (clreq).
const HAN_LATIN_GAP: f32 = 0.25;
const HAN_LATIN_SHRINK: f32 = 0.125;
const HAN_LATIN_STRETCH: f32 = 0.25;
/// Demerits added when the last line holds a single character (clreq's orphan).
const ORPHAN_PENALTY: f64 = 2000.0;
/// Lines stretched beyond this ratio are treated as very bad, not forbidden.
pub const MAX_RATIO: f32 = 2.0;

fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && !super::classify::is_wide(c)
}

/// Cost of a break inside a URL.
const URL_BREAK_PENALTY: f32 = 50.0;

/// Byte spans of URLs in `text`: they may break before `/ ? & =` and after `-`, unlike
/// document symbols.
fn url_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("://").map(|i| i + from) {
        let start = text[..i].rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |k| k + 1);
        let end = text[i..].find(|c: char| c.is_whitespace() || !c.is_ascii()).map_or(text.len(), |k| k + i);
        spans.push(start..end);
        from = end.max(i + 3);
    }
    spans
}

/// The junctions of a shaped paragraph.
pub fn junctions(p: &ShapedPara, m: Measure) -> Vec<Junction> {
    let uax14: std::collections::BTreeSet<usize> =
        unicode_linebreak::linebreaks(&p.text).map(|(i, _)| i).collect();
    let urls = url_spans(&p.text);
    // Never inside a grapheme cluster (a base and its combining marks, an emoji sequence).
    let graphemes: std::collections::BTreeSet<usize> =
        unicode_segmentation::UnicodeSegmentation::grapheme_indices(p.text.as_str(), true)
            .map(|(i, _)| i)
            .collect();
    let units = &p.units;
    let mut out = Vec::with_capacity(units.len().saturating_sub(1));
    for w in units.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let mut j = junction(a, b, p.cjk, m, uax14.contains(&a.range.end));
        let at = a.range.end;
        if !graphemes.contains(&at) {
            j.breakable = false;
        }
        let in_url = urls.iter().any(|u| u.start < at && at < u.end);
        let before_mark = matches!(b.first, '/' | '?' | '&' | '=') && !matches!(a.last, '/' | ':');
        if in_url && graphemes.contains(&at) && (before_mark || (a.last == '-' && b.first != '-')) {
            j.breakable = true;
            j.penalty = URL_BREAK_PENALTY;
        }
        out.push(j);
    }
    out
}

fn junction(a: &Unit, b: &Unit, cjk: bool, m: Measure, uax14: bool) -> Junction {
    let strictness = m.strictness;
    let mut j = Junction { forced: a.class == Class::Newline, ..Junction::default() };
    let em = if a.face.is_cjk() { a.size } else { b.size };

    // Break opportunity: UAX #14, with Chinese quotes as opening/closing marks (clreq), then
    // the prohibitions, which always win.
    let quote_break = cjk && (matches!(b.first, '“' | '‘') || matches!(a.last, '”' | '’'));
    let latin_run =
        a.class == Class::Latin && b.class == Class::Latin && !a.face.is_cjk() && !b.face.is_cjk();
    j.breakable = (uax14 || quote_break)
        && !j.forced
        && b.class != Class::Newline
        && !no_line_end(a.last, cjk, strictness)
        && !no_line_start(b.first, cjk, strictness)
        && !inseparable(a.last, b.first)
        // A footnote mark stays with the text it follows.
        && b.note.is_none()
        // A Latin word, number or document symbol is never broken inside.
        && !latin_run;
    if j.forced {
        return j;
    }

    // Punctuation space; two adjacent marks keep one half em between them (2 em → 1.5 em).
    let aki = a.aki_after + b.aki_before;
    let aki = if has_aki(a.class) && has_aki(b.class) { (aki - em * 0.5).max(Pt::ZERO) } else { aki };
    j.glue = aki;
    j.shrink = aki;

    if cjk {
        let han_latin = a.note.is_none()
            && b.note.is_none()
            && ((a.class == Class::Han && is_latin_alnum(b.first) && !b.face.is_cjk())
                || (is_latin_alnum(a.last) && !a.face.is_cjk() && b.class == Class::Han));
        if han_latin {
            match m.autospace {
                Autospace::Quarter => {
                    j.glue += em * HAN_LATIN_GAP;
                    j.shrink += em * (HAN_LATIN_GAP - HAN_LATIN_SHRINK);
                    j.stretch1 += em * HAN_LATIN_STRETCH;
                }
                Autospace::FixedQuarter => j.glue += em * HAN_LATIN_GAP,
                Autospace::None => {}
            }
        } else if a.face.is_cjk() && b.face.is_cjk() && !inseparable(a.last, b.first) {
            j.stretch2 += em * HAN_STRETCH;
        }
    }
    j
}

/// Prefix sums over boxes and junctions, so that any line's width is O(1).
struct Sums {
    width: Vec<f64>,
    stretch1: Vec<f64>,
    stretch2: Vec<f64>,
    shrink: Vec<f64>,
    jwidth: Vec<f64>,
    jstretch1: Vec<f64>,
    jstretch2: Vec<f64>,
    jshrink: Vec<f64>,
}

fn prefix(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut acc = 0.0;
    for v in values {
        acc += v;
        out.push(acc);
    }
    out
}

/// Width, stretch (two tiers) and shrink a space contributes.
fn space_glue(u: &Unit) -> (f64, f64, f64) {
    if u.class == Class::Space {
        let w = u.width.0 as f64;
        (w * 0.5, 0.0, w / 3.0)
    } else {
        (0.0, 0.0, 0.0)
    }
}

impl Sums {
    fn new(units: &[Unit], js: &[Junction]) -> Sums {
        Sums {
            width: prefix(units.iter().map(|u| u.width.0 as f64)),
            stretch1: prefix(units.iter().map(|u| space_glue(u).0)),
            stretch2: prefix(units.iter().map(|u| space_glue(u).1)),
            shrink: prefix(units.iter().map(|u| space_glue(u).2)),
            jwidth: prefix(js.iter().map(|j| j.glue.0 as f64)),
            jstretch1: prefix(js.iter().map(|j| j.stretch1.0 as f64)),
            jstretch2: prefix(js.iter().map(|j| j.stretch2.0 as f64)),
            jshrink: prefix(js.iter().map(|j| j.shrink.0 as f64)),
        }
    }

    /// (natural width, stretch tier 1, stretch tier 2, shrink) of the line `a..b`, without a
    /// trailing space.
    fn line(&self, units: &[Unit], a: usize, b: usize) -> (f64, f64, f64, f64) {
        let mut end = b;
        while end > a + 1 && matches!(units[end - 1].class, Class::Space | Class::Newline) {
            end -= 1;
        }
        let jb = end.saturating_sub(1).max(a);
        let w = self.width[end] - self.width[a] + self.jwidth[jb] - self.jwidth[a];
        let y1 = self.stretch1[end] - self.stretch1[a] + self.jstretch1[jb] - self.jstretch1[a];
        let y2 = self.stretch2[end] - self.stretch2[a] + self.jstretch2[jb] - self.jstretch2[a];
        let z = self.shrink[end] - self.shrink[a] + self.jshrink[jb] - self.jshrink[a];
        (w, y1, y2, z)
    }
}

/// The widest piece of the paragraph that no line break can split (its min-content width):
/// a table column narrower than this would overflow.
pub fn min_content_width(p: &ShapedPara, m: Measure) -> Pt {
    let units = &p.units;
    if units.is_empty() {
        return Pt::ZERO;
    }
    let js = junctions(p, m);
    let sums = Sums::new(units, &js);
    let n = units.len();
    let mut widest: f64 = 0.0;
    let mut a = 0;
    for b in 1..=n {
        if is_candidate(&js, b, n) {
            widest = widest.max(sums.line(units, a, b).0);
            a = b;
        }
    }
    Pt(widest as f32)
}

/// Breaks a shaped paragraph into lines: Knuth–Plass for justified text, first-fit for ragged
/// text; lines that cannot fit (a word wider than the measure) overflow rather than fail.
pub fn break_lines(p: &ShapedPara, m: Measure) -> Vec<Line> {
    let units = &p.units;
    if units.is_empty() {
        return Vec::new();
    }
    let js = junctions(p, m);
    let sums = Sums::new(units, &js);
    let breaks = if m.justify { optimal(units, &js, &sums, m) } else { first_fit(units, &js, &sums, m) };
    set_lines(units, &js, &sums, &breaks, m)
}

fn measure_of(m: Measure, line_start: usize) -> f64 {
    (if line_start == 0 { m.first } else { m.rest }).0 as f64
}

fn is_candidate(js: &[Junction], k: usize, n: usize) -> bool {
    k == n || (k > 0 && (js[k - 1].breakable || js[k - 1].forced))
}

fn is_forced(js: &[Junction], k: usize, n: usize) -> bool {
    k == n || (k > 0 && js[k - 1].forced)
}

/// Greedy breaking for ragged text: each line takes as much as fits at natural spacing.
fn first_fit(units: &[Unit], js: &[Junction], sums: &Sums, m: Measure) -> Vec<usize> {
    let n = units.len();
    let mut breaks = Vec::new();
    let mut a = 0;
    while a < n {
        let measure = measure_of(m, a);
        let mut best = None;
        for b in a + 1..=n {
            if !is_candidate(js, b, n) {
                continue;
            }
            // Ragged lines keep their natural spacing: nothing is pushed in to fit more.
            let (w, _, _, _) = sums.line(units, a, b);
            let fits = w <= measure + 0.01;
            if fits || best.is_none() {
                best = Some(b);
            }
            if !fits || is_forced(js, b, n) {
                break;
            }
        }
        let b = best.unwrap_or(n);
        breaks.push(b);
        a = b;
    }
    breaks
}

/// Knuth–Plass total-fit breaking over the candidate breaks, O(n·L) with prefix sums. A first
/// pass refuses lines stretched beyond [`MAX_RATIO`] that could have taken in more (TeX's
/// tolerance); if that leaves no way through, a second pass accepts them.
fn optimal(units: &[Unit], js: &[Junction], sums: &Sums, m: Measure) -> Vec<usize> {
    optimal_pass(units, js, sums, m, true)
        .unwrap_or_else(|| optimal_pass(units, js, sums, m, false).unwrap_or_default())
}

fn optimal_pass(
    units: &[Unit],
    js: &[Junction],
    sums: &Sums,
    m: Measure,
    tolerant: bool,
) -> Option<Vec<usize>> {
    let n = units.len();
    let cands: Vec<usize> = (0..=n).filter(|&k| k == 0 || is_candidate(js, k, n)).collect();
    let mut best = vec![f64::INFINITY; cands.len()];
    let mut from = vec![0usize; cands.len()];
    best[0] = 0.0;
    for bi in 1..cands.len() {
        let b = cands[bi];
        let last = is_forced(js, b, n);
        for ai in (0..bi).rev() {
            let a = cands[ai];
            let measure = measure_of(m, a);
            let (w, y1, y2, z) = sums.line(units, a, b);
            let overfull = w - z > measure + 0.01;
            let nearest = ai + 1 == bi;
            if overfull && !nearest {
                break;
            }
            if best[ai].is_finite() {
                let ratio = ratio_of(w, y1 + y2, z, measure, last);
                let extendable = !last
                    && cands.get(bi + 1).is_some_and(|&k| {
                        let (w2, _, _, z2) = sums.line(units, a, k);
                        w2 - z2 <= measure + 0.01
                    });
                let refused = tolerant && !overfull && ratio > MAX_RATIO as f64 && extendable;
                if !refused {
                    let d =
                        if overfull { 1e12 } else { demerits(units, a, b, n, ratio) + break_cost(js, b, n) };
                    let total = best[ai] + d;
                    if total < best[bi] {
                        best[bi] = total;
                        from[bi] = ai;
                    }
                }
            }
            // No line may run across a forced break.
            if ai > 0 && is_forced(js, a, n) {
                break;
            }
        }
    }
    if !best[cands.len() - 1].is_finite() {
        return None;
    }
    let mut breaks = Vec::new();
    let mut i = cands.len() - 1;
    while i > 0 {
        breaks.push(cands[i]);
        i = from[i];
    }
    breaks.reverse();
    Some(breaks)
}

/// Extra demerits of breaking at candidate `b`.
fn break_cost(js: &[Junction], b: usize, n: usize) -> f64 {
    if b < n && b > 0 { (js[b - 1].penalty as f64).powi(2) } else { 0.0 }
}

/// Adjustment ratio of a line: positive when stretched, negative when shrunk.
fn ratio_of(w: f64, y: f64, z: f64, measure: f64, last: bool) -> f64 {
    if w > measure {
        -((w - measure) / z.max(1e-9)).min(1.0)
    } else if last {
        0.0
    } else if y > 1e-9 {
        ((measure - w) / y).min(10.0)
    } else if measure - w < 0.01 {
        0.0
    } else {
        10.0
    }
}

fn demerits(units: &[Unit], a: usize, b: usize, n: usize, ratio: f64) -> f64 {
    // Shrinking (push-in) is preferred to stretching (push-out): clreq, JLReq §3.8.2.
    let badness = if ratio < 0.0 { 50.0 * ratio.abs().powi(3) } else { 100.0 * ratio.powi(3) };
    let mut extra = 0.0;
    if b == n && n > 1 {
        let chars = units[a..b].iter().filter(|u| !has_aki(u.class) && u.class != Class::Space).count();
        if chars <= 1 {
            extra += ORPHAN_PENALTY;
        }
    }
    // Fewer lines win ties between equal-looking solutions.
    (1.0 + badness).powi(2) + extra + 1.0
}

/// Sets each line: the advance of every unit after justification.
fn set_lines(units: &[Unit], js: &[Junction], sums: &Sums, breaks: &[usize], m: Measure) -> Vec<Line> {
    let n = units.len();
    let mut lines = Vec::with_capacity(breaks.len());
    let mut a = 0;
    for &b in breaks {
        let measure = measure_of(m, a);
        let (w, y1, y2, z) = sums.line(units, a, b);
        let last = is_forced(js, b, n);
        let delta = measure - w;
        // Shares of the adjustment: stretch tier 1 first, then tier 2; or shrink.
        let (r1, r2, rz) = if delta < 0.0 {
            // Too wide (possible on any line, justified or not): push in.
            (0.0, 0.0, if z > 1e-9 { (-delta / z).min(1.0) } else { 0.0 })
        } else if !m.justify || last {
            (0.0, 0.0, 0.0)
        } else if delta <= y1 || y2 <= 1e-9 {
            (if y1 > 1e-9 { delta / y1 } else { 0.0 }, 0.0, 0.0)
        } else {
            (1.0, (delta - y1) / y2, 0.0)
        };
        let mut advances = Vec::with_capacity(b - a);
        let mut content_end = b;
        while content_end > a + 1 && matches!(units[content_end - 1].class, Class::Space | Class::Newline) {
            content_end -= 1;
        }
        for k in a..b {
            let u = &units[k];
            if k >= content_end {
                advances.push(Pt::ZERO);
                continue;
            }
            let (s1, s2, sz) = space_glue(u);
            let mut adv = u.width.0 as f64 + s1 * r1 + s2 * r2 - sz * rz;
            if k + 1 < content_end {
                let j = &js[k];
                adv += j.glue.0 as f64 + j.stretch1.0 as f64 * r1 + j.stretch2.0 as f64 * r2
                    - j.shrink.0 as f64 * rz;
            }
            advances.push(Pt(adv as f32));
        }
        let ratio = if delta < 0.0 {
            if z > 1e-9 { delta / z } else { -1.0 }
        } else if !m.justify || last {
            0.0
        } else if y1 + y2 > 1e-9 {
            delta / (y1 + y2)
        } else {
            0.0
        };
        let next = (b + 1..=n).find(|&k| is_candidate(js, k, n));
        let cannot_extend = next.is_none_or(|k| {
            let (w2, _, _, z2) = sums.line(units, a, k);
            w2 - z2 > measure + 0.01
        });
        lines.push(Line {
            start: a,
            end: b,
            advances,
            natural: Pt(w as f32),
            measure: Pt(measure as f32),
            ratio: ratio as f32,
            last,
            cannot_extend,
        });
        a = b;
    }
    lines
}

#[cfg(test)]
mod tests;
