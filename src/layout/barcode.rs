//! Code 39 bars for the job number on the first page, drawn as vector rectangles.

use crate::units::Pt;

/// Bar and space widths of each character, bar first: 1 = wide, 0 = narrow.
fn pattern(c: char) -> Option<[u8; 9]> {
    Some(match c {
        '0' => [0, 0, 0, 1, 1, 0, 1, 0, 0],
        '1' => [1, 0, 0, 1, 0, 0, 0, 0, 1],
        '2' => [0, 0, 1, 1, 0, 0, 0, 0, 1],
        '3' => [1, 0, 1, 1, 0, 0, 0, 0, 0],
        '4' => [0, 0, 0, 1, 1, 0, 0, 0, 1],
        '5' => [1, 0, 0, 1, 1, 0, 0, 0, 0],
        '6' => [0, 0, 1, 1, 1, 0, 0, 0, 0],
        '7' => [0, 0, 0, 1, 0, 0, 1, 0, 1],
        '8' => [1, 0, 0, 1, 0, 0, 1, 0, 0],
        '9' => [0, 0, 1, 1, 0, 0, 1, 0, 0],
        '*' => [0, 1, 0, 0, 1, 0, 1, 0, 0],
        _ => return None,
    })
}

/// Ratio of a wide element to a narrow one.
const WIDE: f32 = 3.0;

/// The bars of `*payload*` as (x, width) pairs from the symbol's left edge, in points.
/// Returns None if the payload has a character other than a digit.
pub fn code39(payload: &str, module: Pt) -> Option<Vec<(Pt, Pt)>> {
    let mut bars = Vec::new();
    let mut x = Pt::ZERO;
    let framed = format!("*{payload}*");
    for c in framed.chars() {
        let p = pattern(c)?;
        for (k, wide) in p.iter().enumerate() {
            let w = if *wide == 1 { module * WIDE } else { module };
            if k % 2 == 0 {
                bars.push((x, w));
            }
            x += w;
        }
        x += module; // inter-character gap
    }
    Some(bars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_has_three_wide_elements() {
        for c in "0123456789*".chars() {
            let p = pattern(c).expect("pattern");
            assert_eq!(p.iter().filter(|w| **w == 1).count(), 3, "{c}");
        }
    }

    #[test]
    fn bars_for_a_job_number() {
        let bars = code39("2007396", Pt(1.0)).expect("digits");
        // Nine characters with start and stop, five bars each.
        assert_eq!(bars.len(), 45);
        assert!(code39("20-07", Pt(1.0)).is_none());
    }
}
