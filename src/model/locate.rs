//! Finds the line and column of a JSON path in the source text, so that problems found after
//! parsing (bad dates, unknown item references) point at the place in the file.

/// Line and column (both 1-based) where the value at `path` (e.g. `$.agenda[1].title.zh`)
/// starts in `source`. None when the path is not in the source.
pub fn locate(source: &str, path: &str) -> Option<(usize, usize)> {
    let segments = parse_path(path)?;
    let mut s = Scanner {
        src: source.as_bytes(),
        pos: 0,
    };
    s.skip_ws();
    for seg in &segments {
        match seg {
            Segment::Key(key) => s.enter_key(key)?,
            Segment::Index(i) => s.enter_index(*i)?,
        }
    }
    Some(line_col(source, s.pos))
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source.as_bytes()[..offset.min(source.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

enum Segment {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let rest = path.strip_prefix('$')?;
    let mut out = Vec::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '.' => {
                let mut key = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c == '.' || c == '[' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                out.push(Segment::Key(key));
            }
            '[' => {
                let mut num = String::new();
                for (_, c) in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    num.push(c);
                }
                out.push(Segment::Index(num.parse().ok()?));
            }
            _ => return None,
        }
    }
    Some(out)
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    /// Reads a string starting at the cursor; returns its decoded text.
    fn string(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => {
                    let raw = std::str::from_utf8(self.src.get(start..self.pos)?).ok()?;
                    return serde_json::from_str(raw).ok();
                }
                _ => {}
            }
        }
        None
    }

    /// Skips one value of any kind.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                loop {
                    self.skip_ws();
                    if self.peek()? == close {
                        self.pos += 1;
                        return Some(());
                    }
                    if open == b'{' {
                        self.string()?;
                        self.eat(b':')?;
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn enter_key(&mut self, key: &str) -> Option<()> {
        self.eat(b'{')?;
        loop {
            self.skip_ws();
            if self.peek()? == b'}' {
                return None;
            }
            let k = self.string()?;
            self.eat(b':')?;
            self.skip_ws();
            if k == key {
                return Some(());
            }
            self.skip_value()?;
            self.skip_ws();
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }

    fn enter_index(&mut self, index: usize) -> Option<()> {
        self.eat(b'[')?;
        for _ in 0..index {
            self.skip_value()?;
            self.eat(b',')?;
        }
        self.skip_ws();
        (self.peek()? != b']').then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn finds_nested_values() {
        let src = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": {\"zh\": \"中文\", \"en\": \"E\"}\n}";
        assert_eq!(locate(src, "$.a[1].b"), Some((2, 18)));
        assert_eq!(locate(src, "$.c.en"), Some((3, 27)));
        assert_eq!(locate(src, "$.c"), Some((3, 8)));
        assert_eq!(locate(src, "$.missing"), None);
        assert_eq!(locate(src, "$.a[5]"), None);
    }
}
