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
/// Rows and columns are scored alike, the columns as the rows of the transposed symbol, so
/// that every rule reads contiguous slices.
fn penalty(dark: &[bool], w: usize) -> u32 {
    // The crate's canvas is w × w; anything else has nothing to score.
    if w == 0 || dark.len() != w * w {
        return 0;
    }
    let mut columns = vec![false; dark.len()];
    for (y, row) in dark.chunks_exact(w).enumerate() {
        for (x, &d) in row.iter().enumerate() {
            columns[x * w + y] = d;
        }
    }
    let mut score = 0;
    for lines in [dark, &columns[..]] {
        let mut finder_like = 0;
        for line in lines.chunks_exact(w) {
            score += runs(line);
            finder_like += finders(line);
        }
        // The symbol's own finder patterns score 360 in each direction: not counted.
        score += finder_like.saturating_sub(360);
    }
    // N2: every 2×2 block of one colour, overlapping ones counted.
    for (top, bottom) in dark.chunks_exact(w).zip(dark.chunks_exact(w).skip(1)) {
        for x in 0..w - 1 {
            let c = top[x];
            if top[x + 1] == c && bottom[x] == c && bottom[x + 1] == c {
                score += 3;
            }
        }
    }
    // N4: the distance of the dark share from a half, in percent (unrounded).
    let share = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
    score + share.abs_diff(100) as u32
}

/// N1: every run of five or more modules of one colour along `line` scores its length less
/// two.
fn runs(line: &[bool]) -> u32 {
    let mut score = 0;
    for run in line.chunk_by(|a, b| a == b) {
        if run.len() >= 5 {
            score += run.len() as u32 - 2;
        }
    }
    score
}

/// N3: every dark-light-dark×3-light-dark pattern along `line` without four modules (or the
/// edge) of light on both sides scores 40.
fn finders(line: &[bool]) -> u32 {
    let w = line.len();
    let dark_in = |from: usize, to: usize| line[from..to.min(w)].contains(&true);
    let mut score = 0;
    for (j, m) in line.windows(7).enumerate() {
        // Dark, light, three dark, light, dark; most windows fail at the first or second.
        let pattern = m[0] && !m[1] && m[2] && m[3] && m[4] && !m[5] && m[6];
        if pattern && (!dark_in(j.saturating_sub(4), j) || !dark_in(j + 7, j + 11)) {
            score += 40;
        }
    }
    score
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
