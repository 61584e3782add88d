//! The QR code on the first page, drawn as vector modules (error correction level M).
//!
//! The `qrcode` crate encodes the data and places it; the mask is chosen here. ISO/IEC 18004
//! §7.8.3 picks, of the eight mask patterns, the one whose symbol scores the least penalty
//! (runs of one colour, 2×2 blocks, finder-like patterns, dark/light balance). The crate's own
//! scoring is the same rules, but it allocates a closure for every module it tests and took
//! about a tenth of a one-page document's render; this is the same score, with the crate's
//! reading of the rules (so that the same mask, and the same symbol, comes out), over a plain
//! grid.

use crate::error::Error;
use crate::units::Pt;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// The mask patterns in the order the crate tries them; of equal scores the first wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Dark modules of the QR code for `data` as rectangles (x, y, w, h) inside a square of side
/// `size`, runs of dark modules in a row merged into one rectangle.
pub fn modules(data: &str, size: Pt) -> Result<Vec<(Pt, Pt, Pt, Pt)>, Error> {
    let fail = |e: qrcode::types::QrError| Error::Layout(format!("QR code for `{data}`: {e}"));
    let (n, dark) = symbol(data.as_bytes(), EcLevel::M).map_err(fail)?;
    let module = size / n as f32;
    let mut rects = Vec::new();
    for (row, line) in dark.chunks(n).enumerate() {
        let mut col = 0;
        while col < n {
            if line[col] {
                let start = col;
                while col < n && line[col] {
                    col += 1;
                }
                rects.push((
                    module * start as f32,
                    module * row as f32,
                    module * (col - start) as f32,
                    module,
                ));
            } else {
                col += 1;
            }
        }
    }
    Ok(rects)
}

/// The symbol's width in modules and its modules, row by row, `true` for dark.
fn symbol(data: &[u8], ec: EcLevel) -> Result<(usize, Vec<bool>), qrcode::types::QrError> {
    let bits = qrcode::bits::encode_auto(data, ec)?;
    let version = bits.version();
    let (codewords, correction) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec)?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &correction);
    let width = version.width().max(0) as usize;
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(least, _)| score < *least) {
            best = Some((score, dark));
        }
    }
    Ok((width, best.map(|(_, dark)| dark).unwrap_or_default()))
}

/// The penalty of a masked symbol (ISO/IEC 18004 §7.8.3.1, as the `qrcode` crate scores it).
fn penalty(dark: &[bool], w: usize) -> u32 {
    let at = |x: usize, y: usize| dark[y * w + x];
    let across = |i: usize, k: usize| at(k, i);
    let down = |i: usize, k: usize| at(i, k);
    let mut score = runs(w, across) + runs(w, down) + finders(w, across) + finders(w, down);
    // N2: every 2×2 block of one colour, overlapping ones counted.
    for y in 0..w.saturating_sub(1) {
        for x in 0..w - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    // N4: the distance of the dark share from a half, in percent (unrounded).
    let share = dark.iter().filter(|&&d| d).count() * 200 / dark.len().max(1);
    score + share.abs_diff(100) as u32
}

/// N1: every run of five or more modules of one colour along the lines `get(i, ·)` scores
/// its length less two.
fn runs(w: usize, get: impl Fn(usize, usize) -> bool) -> u32 {
    let mut score = 0;
    for i in 0..w {
        let mut run = 0;
        for k in 0..=w {
            if k > 0 && k < w && get(i, k) == get(i, k - 1) {
                run += 1;
                continue;
            }
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    score
}

/// N3: every dark-light-dark×3-light-dark pattern along the lines `get(i, ·)` without four
/// modules (or the edge) of light on both sides scores 40; the symbol's own finder patterns,
/// which score 360 in each direction, are not counted.
fn finders(w: usize, get: impl Fn(usize, usize) -> bool) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score: u32 = 0;
    for i in 0..w {
        for j in 0..w.saturating_sub(6) {
            if (0..7).any(|k| get(i, j + k) != PATTERN[k]) {
                continue;
            }
            let dark_in = |from: usize, to: usize| (from..to.min(w)).any(|k| get(i, k));
            if !dark_in(j.saturating_sub(4), j) || !dark_in(j + 7, j + 11) {
                score += 40;
            }
        }
    }
    score.saturating_sub(360)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The symbol is the crate's own, mask and all, for data of many lengths (versions 1 to
    /// 10 and more).
    #[test]
    fn the_same_symbol_as_the_crate() {
        for len in (1..400).step_by(7) {
            let data: String =
                "https://undocs.org/zh/CTOC/COP/WG.3/2021/1?".chars().cycle().take(len).collect();
            let code =
                qrcode::QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).expect("encodes");
            let theirs: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
            let (width, ours) = symbol(data.as_bytes(), EcLevel::M).expect("encodes");
            assert_eq!(width, code.width());
            assert!(ours == theirs, "{len} bytes: a different symbol");
        }
    }
}
