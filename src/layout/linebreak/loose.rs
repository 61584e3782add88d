//! Lines certainly too loose, skipped by the optimal breaker where that provably changes no
//! break.
//!
//! In Chinese almost every character is a break opportunity, so the lines ending at a break
//! start at some 37 earlier ones, and most of those lines are far too short: beyond the
//! limits, each costs at least [`BREACH_COST`] × (1 + limit²). Knuth and Plass keep only
//! feasible breakpoints, whose lines' adjustment ratio is within the tolerance ρ ("Breaking
//! paragraphs into lines", 1981); here such lines stay possible, as a paragraph that cannot
//! keep the limits needs them, so they are skipped only when they cannot win:
//!
//! 1. *Certainly loose, in one stretch.* A bound that grows as the line starts earlier (prefix
//!    sums of non-negative widths and stretch) shows the line's ratio beyond the limit. For a
//!    given end the lines it certifies are the latest-starting ones, a contiguous run, found by
//!    bisection in O(log L) measurements instead of L.
//! 2. *Cannot win.* The lines starting before the run are measured first, as always; then a line of the
//!    run is measured only if the demerits up to its start plus the least a loose line costs
//!    do not exceed the best total so far (branch and bound). Of equal totals the line that
//!    starts latest is kept, as the original order (latest start first, replaced only by a
//!    strictly smaller total) keeps it, so every break is the same.
//!
//! 3. *Feasible first.* The search runs first without the certified lines at all. Every line
//!    beyond the limits costs at least [`least_loose`]; if the total found is below that, a
//!    breaking with a certified line cannot reach it, and by induction over the breaks every
//!    total below it, and the line chosen for it, is the full search's. So the result is the
//!    same, and the full search (1–2) runs only for a paragraph that cannot keep the limits.
//!    It matters because before a paragraph's last line almost no break is reachable within
//!    the limits (a Chinese line has only a character or two of play), so the bound of 2
//!    prunes little there.
//!
//! A run holding a forced break is never skipped (the search stops at one).

use super::{BREACH_COST, Ctx, Totals, content_end, demerits, is_forced, measure_of};

/// The ratio a certified line is beyond: the limit with a margin far above rounding.
const MARGIN: f64 = 1e-3;

/// What the breaker needs to skip certainly loose lines in one paragraph.
pub(super) struct Skip {
    /// How many of the candidates `1..=i` are forced breaks, by `i`.
    forced: Vec<u32>,
}

impl Skip {
    /// `None` when the bound is not monotone in the paragraph (a negative width or glue).
    pub(super) fn new(c: &Ctx, cands: &[usize]) -> Option<Skip> {
        // Not negative, and not NaN.
        let grows = |x: f32| x >= 0.0;
        let widths_grow = c.units.iter().all(|u| grows(u.width.0))
            && c.js.iter().all(|j| {
                grows(j.glue.0)
                    && match j.stretch {
                        super::Stretch::Capped(cap) => grows(cap.0),
                        _ => true,
                    }
            });
        if !widths_grow || !(c.m.rest.0 as f64).is_finite() {
            return None;
        }
        let n = c.units.len();
        let mut forced = Vec::with_capacity(cands.len());
        let mut count = 0u32;
        for (i, &k) in cands.iter().enumerate() {
            if i > 0 && is_forced(c.js, k, n) {
                count += 1;
            }
            forced.push(count);
        }
        Some(Skip { forced })
    }

    /// The first of the candidates before `bi` from which every line to candidate `bi` is
    /// certainly loose (the run `first..bi`), or `None` when there is none to skip. `near` is
    /// a guess at the answer (the previous end's, moved on); any guess gives the same answer,
    /// a good one in fewer measurements.
    pub(super) fn first_loose(
        &self,
        c: &Ctx,
        cands: &[usize],
        bi: usize,
        near: Option<usize>,
    ) -> Option<usize> {
        let n = c.units.len();
        let b = cands[bi];
        let top = bi.checked_sub(1).filter(|&t| t >= 1)?;
        // A line to a forced break is never stretched; and the bound holds for lines whose
        // content ends at the same place, so none may be only the spaces before `b`.
        if is_forced(c.js, b, n) || cands[top] >= content_end(c.units, 0, b) {
            return None;
        }
        let loose = |ai: usize| certainly_loose(c, cands[ai], b);
        if !loose(top) {
            return None;
        }
        // The first line from the start has its own measure: never in the run. The run's
        // first line is the boundary of a monotone test (loose from some start on): galloping
        // from the guess brackets it, bisection finds it (Bentley and Yao's unbounded search).
        let guess = near.unwrap_or(top).clamp(1, top);
        let (mut lo, mut hi);
        if loose(guess) {
            (lo, hi) = (1, guess);
            let mut step = 1;
            while hi > 1 {
                let probe = hi.saturating_sub(step).max(1);
                if !loose(probe) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
                step *= 2;
            }
        } else {
            lo = guess + 1;
            let mut step = 1;
            loop {
                let probe = (guess + step).min(top);
                if probe == top || loose(probe) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
                step *= 2;
            }
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if loose(mid) { hi = mid } else { lo = mid + 1 }
        }
        (self.forced[top] == self.forced[lo - 1]).then_some(lo)
    }

    /// [`Skip::first_loose`] of every candidate, in order: each end's run starts about one
    /// candidate after the previous end's, so that is the guess.
    pub(super) fn runs(&self, c: &Ctx, cands: &[usize]) -> Vec<Option<usize>> {
        let mut near = None;
        (0..cands.len())
            .map(|bi| {
                let run = self.first_loose(c, cands, bi, near);
                near = run.map(|first| first + 1);
                run
            })
            .collect()
    }
}

/// Whether the line `a..b` (a ≥ 1, not to a forced break) is beyond the limits: its ratio is
/// above `limit + MARGIN` in every case of [`super::Extent::fill`], because its measure
/// exceeds its natural width plus what its word spaces, its positions that take δ (at that
/// ratio) and its capped gaps can add, plus what a line without such positions may leave
/// over. Every term grows as `a` moves back, so the lines certified for one end are a run.
fn certainly_loose(c: &Ctx, a: usize, b: usize) -> bool {
    let e = c.sums.line(c.units, a, b);
    let ratio = c.limit + MARGIN;
    let room =
        e.room + ratio / c.limit * c.short_unit + c.unit_stretch * ratio * (e.free + e.capped) + e.caps;
    e.width + room < measure_of(c.m, a)
}

impl Totals {
    /// Tries the lines to candidate `bi` from the run `first..bi` of certainly loose ones,
    /// after the others: a line is measured only if the least it can total (the demerits up
    /// to its start, plus [`least_loose`], plus the break's `cost`) does not exceed the best
    /// so far. The result is the original order's: the least total, and of equal totals the
    /// line that starts latest.
    pub(super) fn relax_loose(&mut self, c: &Ctx, cands: &[usize], bi: usize, first: usize, cost: f64) {
        let (n, b) = (c.units.len(), cands[bi]);
        let floor = least_loose(c);
        for ai in (first..bi).rev() {
            let before = self.best[ai];
            if !before.is_finite() || before + floor + cost > self.best[bi] {
                continue;
            }
            let (d, over) = c.line_cost(cands[ai], b, n);
            let total = before + d + cost;
            if total < self.best[bi] || (total == self.best[bi] && ai > self.from[bi]) {
                self.best[bi] = total;
                self.from[bi] = ai;
                self.overfull[bi] = self.overfull[ai] || over;
            }
        }
    }
}

/// The least demerits of a line beyond the limits, as [`Ctx::line_cost`] adds them: those of
/// the limit plus the breach's at the limit (every term of a line's demerits is non-negative,
/// and floating-point addition is monotone, so no sum that starts with more is less).
pub(super) fn least_loose(c: &Ctx) -> f64 {
    demerits(c.limit) + BREACH_COST * (1.0 + c.limit.min(9.0).powi(2))
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::Skip;
    use crate::doc::{Family, Inline, TextSpec};
    use crate::layout::fonts::FontBook;
    use crate::layout::prepare::LangTag;
    use crate::layout::shape::{add_hyphens, shape};

    const SIZE: f32 = 10.0;

    /// The paragraphs of a CommonMark example, markup and all (it is only text to break).
    fn paragraphs(md: &str) -> Vec<String> {
        md.split("\n\n")
            .map(|p| p.trim().replace('\n', " "))
            .filter(|p| p.chars().count() > 20 && !p.starts_with("<!--"))
            .collect()
    }

    fn shaped(text: &str, lang: &str) -> ShapedPara {
        let book = FontBook::get().expect("embedded fonts");
        let spec =
            TextSpec { family: Family::Serif, bold: false, italic: false, size: Pt(SIZE), leading: None };
        let link = "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html?ref=ctoc-cop-wg3";
        let mut p = shape(
            book,
            &[Inline::text(text), Inline { link: Some(link.into()), ..Inline::text(link) }],
            spec,
            LangTag::parse(lang),
        );
        add_hyphens(book, &mut p);
        p
    }

    /// Every paragraph of the report and note examples, Chinese and English (hyphenated), at
    /// measures from far too narrow (lines beyond the limits needed, and breaks between
    /// characters) to wide: the breaks with the loose lines skipped are those found measuring
    /// every line, in each of the breaker's passes.
    #[test]
    fn skipping_loose_lines_changes_no_break() {
        let hyphenate =
            Some(crate::doc::Hyphenation { patterns: crate::doc::PatternSet::EnglishGb, left: 2, right: 3 });
        let (mut paras, mut skipped, mut candidates) = (0, 0, 0);
        for (md, lang) in [
            (include_str!("../../../examples/report/wg3-2021-report.zh.md"), "zh-Hans"),
            (include_str!("../../../examples/note/firearms-2024.zh.md"), "zh-Hans"),
            (include_str!("../../../examples/report/wg3-2021-report.en.md"), "en"),
        ] {
            for text in paragraphs(md) {
                let p = shaped(&text, lang);
                paras += 1;
                for ems in [3.0, 9.5, 21.0, 37.0] {
                    let typography = Typography { hyphenate, ..Typography::default() };
                    let m = Measure {
                        first: Pt((ems - 2.0) * SIZE),
                        rest: Pt(ems * SIZE),
                        justify: true,
                        typography,
                    };
                    let js = junctions(&p, m);
                    let sums = Sums::new(&p.units, &js, p.chinese());
                    let mut c = Ctx::new(&p, &js, &sums, m);
                    for upto in [Break::UrlLetter, Break::Character] {
                        assert_eq!(
                            optimal_with(&c, upto, true),
                            optimal_with(&c, upto, false),
                            "{ems} em: {text}"
                        );
                    }
                    c.ceiling = c.least_loosest(Break::UrlLetter, true);
                    assert_eq!(
                        optimal_with(&c, Break::UrlLetter, true),
                        optimal_with(&c, Break::UrlLetter, false),
                        "{ems} em, ceiling {}: {text}",
                        c.ceiling
                    );
                    if ems == 37.0 && lang != "en" {
                        let n = p.units.len();
                        let cands: Vec<usize> = (0..=n)
                            .filter(|&k| k == 0 || is_candidate(&js, k, n, Break::UrlLetter))
                            .collect();
                        let skip = Skip::new(&c, &cands).expect("non-negative widths");
                        candidates += cands.len();
                        let runs = skip.runs(&c, &cands);
                        let unguessed: Vec<Option<usize>> =
                            (0..cands.len()).map(|bi| skip.first_loose(&c, &cands, bi, None)).collect();
                        assert_eq!(runs, unguessed, "the guess changes a run: {text}");
                        skipped += runs.iter().filter(|r| r.is_some()).count();
                    }
                }
            }
        }
        assert!(paras > 150, "{paras} paragraphs");
        // The skipping is not idle: most Chinese breaks have a run of loose lines to skip.
        assert!(skipped * 2 > candidates, "{skipped} of {candidates} breaks skip loose lines");
    }
}
