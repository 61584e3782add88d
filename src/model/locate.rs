//! Finds the line and column of JSON paths in the source text, so that problems found after
//! parsing (bad dates, unknown item references) point at the place in the file; and measures
//! the nesting depth before serde parses anything.
//!
//! One forward pass over the bytes with an explicit stack: no recursion, so a hostile file
//! cannot exhaust the call stack here, and the cost is linear in the size of the source
//! however many paths are looked for. Malformed JSON ends the walk quietly; serde reports it.

use std::collections::HashMap;
use std::ops::ControlFlow;

/// Line and column (both 1-based; the column counts characters) where the value at `path`
/// (e.g. `$.agenda[1].title.zh`) starts in `source`. None when the path is not in the source.
pub fn locate(source: &str, path: &str) -> Option<(usize, usize)> {
    locate_all(source, &[path]).pop().flatten()
}

/// [`locate`] for many paths in one pass over the source.
pub fn locate_all(source: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    let offsets = offsets(source, paths, Anchor::Value);
    // Line and column of every offset in one pass, in order of offset.
    let mut order: Vec<(usize, usize)> =
        offsets.iter().enumerate().filter_map(|(i, o)| o.map(|o| (o, i))).collect();
    order.sort_unstable();
    let mut out = vec![None; paths.len()];
    // `chars` counts the characters between the start of the line and `scanned`.
    let (mut line, mut chars, mut scanned) = (1, 0, 0);
    for (offset, i) in order {
        let chunk = source.as_bytes().get(scanned..offset).unwrap_or_default();
        for b in chunk {
            if *b == b'\n' {
                line += 1;
                chars = 0;
            } else if b & 0xC0 != 0x80 {
                chars += 1;
            }
        }
        scanned = scanned.max(offset);
        out[i] = Some((line, chars + 1));
    }
    out
}

/// Like [`locate`], but for an object member points at its key rather than its value.
pub(crate) fn locate_key(source: &str, path: &str) -> Option<(usize, usize)> {
    offsets(source, &[path], Anchor::Key).pop().flatten().map(|o| line_col(source, o))
}

/// The first container nested more than `max` levels deep: its path and line and column.
pub(crate) fn too_deep(source: &str, max: usize) -> Option<(String, usize, usize)> {
    let mut found = None;
    walk(source, |v| {
        if v.depth > max {
            found = Some((v.path.to_string(), v.offset));
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    found.map(|(path, offset)| {
        let (l, c) = line_col(source, offset);
        (path, l, c)
    })
}

#[derive(Clone, Copy)]
enum Anchor {
    Value,
    Key,
}

fn offsets(source: &str, paths: &[&str], anchor: Anchor) -> Vec<Option<usize>> {
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in paths.iter().enumerate() {
        wanted.entry(p).or_default().push(i);
    }
    let mut out = vec![None; paths.len()];
    let mut left = wanted.len();
    walk(source, |v| {
        if let Some(indices) = wanted.remove(v.path) {
            let at = match anchor {
                Anchor::Key => v.key_offset.unwrap_or(v.offset),
                Anchor::Value => v.offset,
            };
            for i in indices {
                out[i] = Some(at);
            }
            left -= 1;
            if left == 0 {
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    });
    out
}

/// Line and column (1-based; the column in characters) of a byte offset.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = &source[..end];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// serde_json reports a line and a column counted in bytes (the column of the last byte it
/// read); this turns them into the character column a person sees in an editor.
pub(crate) fn char_column(source: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = source.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column.max(1);
    };
    let mut end = byte_column.saturating_sub(1).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count() + 1
}

/// One value met by [`walk`].
struct Visit<'p> {
    /// Its JSON path, e.g. `$.agenda[0].title`.
    path: &'p str,
    /// Byte offset of its first character.
    offset: usize,
    /// Byte offset of its key, when it is an object member.
    key_offset: Option<usize>,
    /// Nesting level: 1 for the top-level object, 2 for a container inside it, and so on;
    /// scalars count as the level of the container holding them.
    depth: usize,
}

enum Frame {
    Object { base: usize },
    Array { base: usize, index: usize },
}

/// Calls `visit` for every value of `source` in document order, until it breaks or the JSON
/// turns out malformed.
fn walk(source: &str, mut visit: impl FnMut(&Visit) -> ControlFlow<()>) {
    let mut w = Walker { src: source.as_bytes(), source, pos: 0 };
    let mut path = String::from("$");
    let mut stack: Vec<Frame> = Vec::new();
    let mut key_offset = None;
    'value: loop {
        w.skip_ws();
        let Some(first) = w.peek() else { return };
        let container = matches!(first, b'{' | b'[');
        let v = Visit { path: &path, offset: w.pos, key_offset, depth: stack.len() + usize::from(container) };
        if visit(&v).is_break() {
            return;
        }
        match first {
            b'{' => {
                w.pos += 1;
                stack.push(Frame::Object { base: path.len() });
                w.skip_ws();
                if w.peek() == Some(b'}') {
                    w.pos += 1;
                    stack.pop();
                } else {
                    match w.member_key(&mut path) {
                        Some(k) => key_offset = Some(k),
                        None => return,
                    }
                    continue 'value;
                }
            }
            b'[' => {
                w.pos += 1;
                stack.push(Frame::Array { base: path.len(), index: 0 });
                w.skip_ws();
                if w.peek() == Some(b']') {
                    w.pos += 1;
                    stack.pop();
                } else {
                    path.push_str("[0]");
                    key_offset = None;
                    continue 'value;
                }
            }
            b'"' => {
                if w.string().is_none() {
                    return;
                }
            }
            _ => w.scalar(),
        }
        // The value is complete: move on to the next member or element, closing containers.
        loop {
            let Some(frame) = stack.last_mut() else {
                return;
            };
            w.skip_ws();
            match (frame, w.peek()) {
                (Frame::Object { base }, Some(b',')) => {
                    path.truncate(*base);
                    w.pos += 1;
                    match w.member_key(&mut path) {
                        Some(k) => key_offset = Some(k),
                        None => return,
                    }
                    continue 'value;
                }
                (Frame::Array { base, index }, Some(b',')) => {
                    path.truncate(*base);
                    w.pos += 1;
                    *index += 1;
                    path.push_str(&format!("[{index}]"));
                    key_offset = None;
                    continue 'value;
                }
                (Frame::Object { base }, Some(b'}')) | (Frame::Array { base, .. }, Some(b']')) => {
                    path.truncate(*base);
                    w.pos += 1;
                    stack.pop();
                }
                _ => return,
            }
        }
    }
}

struct Walker<'a> {
    src: &'a [u8],
    source: &'a str,
    pos: usize,
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips a string starting at the cursor; returns the byte range of its contents.
    fn string(&mut self) -> Option<(usize, usize)> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some((start, self.pos - 1));
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    fn scalar(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.pos += 1;
        }
    }

    /// Reads `"key":` and appends `.key` to the path; returns the key's offset.
    fn member_key(&mut self, path: &mut String) -> Option<usize> {
        self.skip_ws();
        let at = self.pos;
        let (start, end) = self.string()?;
        let raw = self.source.get(start..end)?;
        if raw.contains('\\') {
            let quoted = self.source.get(start - 1..end + 1)?;
            let key: String = serde_json::from_str(quoted).ok()?;
            path.push('.');
            path.push_str(&key);
        } else {
            path.push('.');
            path.push_str(raw);
        }
        self.skip_ws();
        if self.peek() != Some(b':') {
            return None;
        }
        self.pos += 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let src = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": {\"zh\": \"中文\", \"en\": \"E\"}\n}";
        assert_eq!(locate(src, "$.a[1].b"), Some((2, 18)));
        assert_eq!(locate(src, "$.c.en"), Some((3, 27)));
        assert_eq!(locate(src, "$.c"), Some((3, 8)));
        assert_eq!(locate(src, "$"), Some((1, 1)));
        assert_eq!(locate(src, "$.missing"), None);
        assert_eq!(locate(src, "$.a[5]"), None);
        assert_eq!(locate_key(src, "$.c.en"), Some((3, 21)));
        assert_eq!(
            locate_all(src, &["$.c.en", "$.nope", "$.a[0]", "$.c.en"]),
            vec![Some((3, 27)), None, Some((2, 9)), Some((3, 27))]
        );
    }

    #[test]
    fn escaped_keys_and_strings() {
        let src = r#"{"a\"b": "x\"]}", "c\u0064": [[], {}, "y"]}"#;
        assert_eq!(locate(src, "$.a\"b"), Some((1, 10)));
        assert_eq!(locate(src, "$.cd[2]"), Some((1, 39)));
    }

    #[test]
    fn malformed_json_ends_the_walk_quietly() {
        for src in ["{\"a\" 1}", "[", "", "{\"a\": \"unterminated", "}}}", "{\"a\": [1 2]}"] {
            assert_eq!(locate(src, "$.a[1]"), None, "{src}");
        }
        // Values are found as they start, before the rest of the file is read.
        assert_eq!(locate("{\"a\": [1, 2", "$.a[1]"), Some((1, 11)));
    }

    #[test]
    fn depth() {
        assert_eq!(too_deep("{\"a\": [[1]]}", 3), None);
        assert_eq!(too_deep("{\"a\": [[1, [2]]]}", 3), Some(("$.a[0][1]".to_string(), 1, 12)));
        let deep = "[".repeat(100_000);
        assert_eq!(too_deep(&deep, 64).map(|d| d.2), Some(65));
    }

    #[test]
    fn columns_count_characters() {
        let src = "{\"中文\": x}";
        // serde_json would say column 12 in bytes for the `x`.
        assert_eq!(char_column(src, 1, 12), 8);
        assert_eq!(line_col(src, 11), (1, 8));
        assert_eq!(char_column(src, 5, 3), 3);
        assert_eq!(char_column(src, 1, 0), 1);
    }
}
