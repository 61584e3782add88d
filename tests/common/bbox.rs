//! Words and their boxes as poppler's `pdftotext -bbox` reports them, and template numbers
//! to compare them with.

use super::pdftotext;
use serde_json::Value;

/// A word as poppler reports it.
#[derive(Debug, Clone)]
pub struct Word {
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    pub text: String,
}

pub fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).map(|i| i + key.len()).expect("attribute");
    let end = tag[start..].find('"').expect("closing quote") + start;
    tag[start..end].parse().expect("number")
}

/// Words of each page, from `pdftotext -bbox`.
pub fn words(pdf: &std::path::Path) -> Vec<Vec<Word>> {
    let html = pdftotext(pdf, &["-bbox"]);
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut ws = Vec::new();
        for chunk in page.split("<word ").skip(1) {
            let Some(close) = chunk.find('>') else {
                continue;
            };
            let tag = &chunk[..close];
            let text_end = chunk.find("</word>").unwrap_or(chunk.len());
            ws.push(Word {
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
                text: chunk[close + 1..text_end].to_string(),
            });
        }
        pages.push(ws);
    }
    pages
}

/// Vertical metrics as poppler reports them: a word box is `k × size` tall and its bottom is
/// `d × size` below the baseline. For the CJK faces the box is the ideographic em box (1.0,
/// 0.12); for Liberation Serif it is its ascent and descent (0.909, 0.216).
pub fn size_and_baseline(w: &Word) -> (f32, f32) {
    let cjk = w.text.chars().next().is_some_and(|c| c as u32 >= 0x2E80);
    let (k, d) = if cjk { (1.0, 0.12) } else { (0.9092, 0.2158) };
    let size = (w.y_max - w.y_min) / k;
    (size, w.y_max - d * size)
}

pub fn find<'a>(ws: &'a [Word], text: &str) -> &'a Word {
    ws.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("no word {text:?} on the page"))
}

pub fn num(v: &Value, path: &[&str]) -> f32 {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_f64().unwrap_or_else(|| panic!("template has no number at {path:?}")) as f32
}

pub fn close(actual: f32, expected: f32, what: &str) {
    assert!((actual - expected).abs() <= 1.0, "{what}: {actual} is not within 1 pt of {expected}");
}
