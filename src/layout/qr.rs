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
/// Rows and columns are scored alike, the columns as the rows of the transposed symbol. Each
/// line is a bit set (dark = 1), so that a rule tests a whole line in a few word operations
/// rather than module by module: eight masks are scored for every document.
fn penalty(dark: &[bool], w: usize) -> u32 {
    // The crate's canvas is w × w (at most 177); anything else has nothing to score.
    if w == 0 || w > Line::BITS || dark.len() != w * w {
        return 0;
    }
    let mut rows = vec![Line::default(); w];
    let mut columns = vec![Line::default(); w];
    for (y, row) in dark.chunks_exact(w).enumerate() {
        for (x, _) in row.iter().enumerate().filter(|(_, d)| **d) {
            rows[y].set(x);
            columns[x].set(y);
        }
    }
    // Where a module has a next one along its line.
    let pairs = Line::first(w - 1);
    let mut score = 0;
    for lines in [&rows, &columns] {
        let mut finder_like = 0;
        for line in lines {
            score += runs(*line, pairs);
            finder_like += finders(*line);
        }
        // The symbol's own finder patterns score 360 in each direction: not counted.
        score += finder_like.saturating_sub(360);
    }
    // N2: every 2×2 block of one colour, overlapping ones counted: x where both rows keep
    // their colour from x to x + 1 and the two rows agree at x.
    for (top, bottom) in rows.iter().zip(rows.iter().skip(1)) {
        let blocks = top.same_as_next() & bottom.same_as_next() & !(*top ^ *bottom) & pairs;
        score += 3 * blocks.count();
    }
    // N4: the distance of the dark share from a half, in percent (unrounded).
    let share = rows.iter().map(|r| r.count() as usize).sum::<usize>() * 200 / dark.len();
    score + share.abs_diff(100) as u32
}

/// N1: every run of five or more modules of one colour along `line` scores its length less
/// two. A run of L modules is a run of L − 1 ones in "same colour as the next module"; the
/// windows of four such ones count L − 4 for it, and its first window adds the other 2.
/// `pairs` holds the modules that have a next one.
fn runs(line: Line, pairs: Line) -> u32 {
    let same = line.same_as_next() & pairs;
    let four = same & same.down(1) & same.down(2) & same.down(3);
    four.count() + 2 * (four & !four.up(1)).count()
}

/// N3: every dark-light-dark×3-light-dark pattern along `line` without four modules (or the
/// edge) of light on both sides scores 40. Modules past either end read as light.
fn finders(line: Line) -> u32 {
    let b = line;
    let pattern = b & !b.down(1) & b.down(2) & b.down(3) & b.down(4) & !b.down(5) & b.down(6);
    let dark_before = b.up(1) | b.up(2) | b.up(3) | b.up(4);
    let dark_after = b.down(7) | b.down(8) | b.down(9) | b.down(10);
    40 * (pattern & !(dark_before & dark_after)).count()
}

/// One row or column of a symbol as bits, module i at bit i (version 40 is 177 wide).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Line([u64; 3]);

impl Line {
    const BITS: usize = 192;

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Bits 0 to n − 1.
    fn first(n: usize) -> Line {
        let mut l = Line::default();
        for (k, word) in l.0.iter_mut().enumerate() {
            let below = n.saturating_sub(k * 64).min(64);
            *word = if below == 64 { u64::MAX } else { (1u64 << below) - 1 };
        }
        l
    }

    /// Bit i holds module i + k (beyond the end: 0).
    fn down(self, k: u32) -> Line {
        let [a, b, c] = self.0;
        Line([a >> k | b << (64 - k), b >> k | c << (64 - k), c >> k])
    }

    /// Bit i holds module i − k (before the start: 0).
    fn up(self, k: u32) -> Line {
        let [a, b, c] = self.0;
        Line([a << k, b << k | a >> (64 - k), c << k | b >> (64 - k)])
    }

    /// Bit i set where module i has the colour of module i + 1 (valid below the width − 1).
    fn same_as_next(self) -> Line {
        !(self ^ self.down(1))
    }

    fn count(self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }
}

impl std::ops::BitAnd for Line {
    type Output = Line;
    fn bitand(self, o: Line) -> Line {
        Line([self.0[0] & o.0[0], self.0[1] & o.0[1], self.0[2] & o.0[2]])
    }
}

impl std::ops::BitOr for Line {
    type Output = Line;
    fn bitor(self, o: Line) -> Line {
        Line([self.0[0] | o.0[0], self.0[1] | o.0[1], self.0[2] | o.0[2]])
    }
}

impl std::ops::BitXor for Line {
    type Output = Line;
    fn bitxor(self, o: Line) -> Line {
        Line([self.0[0] ^ o.0[0], self.0[1] ^ o.0[1], self.0[2] ^ o.0[2]])
    }
}

impl std::ops::Not for Line {
    type Output = Line;
    fn not(self) -> Line {
        Line(self.0.map(|w| !w))
    }
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

    /// The bit-set score is the module-by-module score, on the eight masked symbols of many
    /// data lengths and on random grids of every width up to version 40's 177, sparse to dense.
    #[test]
    fn the_bit_set_penalty_is_the_module_by_module_penalty() {
        for len in (1..300).step_by(13) {
            let data = vec![b'7'; len];
            let bits = qrcode::bits::encode_auto(&data, EcLevel::M).expect("encodes");
            let version = bits.version();
            let (codewords, correction) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).expect("codewords");
            let mut canvas = Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &correction);
            let w = version.width() as usize;
            for mask in MASKS {
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
                assert_eq!(penalty(&dark, w), reference_penalty(&dark, w), "{len} bytes, {mask:?}");
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for w in 1..=177 {
            for density in [1, 8, 16, 30] {
                let dark: Vec<bool> = (0..w * w).map(|_| next() % 32 < density).collect();
                assert_eq!(penalty(&dark, w), reference_penalty(&dark, w), "width {w}, density {density}/32");
            }
        }
    }

    fn reference_penalty(dark: &[bool], w: usize) -> u32 {
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
                score += reference_runs(line);
                finder_like += reference_finders(line);
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
    fn reference_runs(line: &[bool]) -> u32 {
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
    fn reference_finders(line: &[bool]) -> u32 {
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
}
