//! Limits on what is parsed at all, checked before serde sees the text, so that a hostile or
//! broken file cannot exhaust memory or the stack.

use super::Problem;
use super::locate::{line_col, too_deep};

/// The largest description accepted: 8 MiB (the seed document is 12 KiB).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of objects and arrays accepted. A meeting description needs 8 levels
/// (the title of an item of a session of a day of the organization of work).
pub const MAX_DEPTH: usize = 64;

fn too_large() -> Problem {
    Problem {
        path: "$".into(),
        line: None,
        column: None,
        message: format!("the description is larger than {MAX_INPUT_BYTES} bytes (8 MiB), the limit"),
    }
}

/// The text of a description read as bytes: at most [`MAX_INPUT_BYTES`], UTF-8 (a leading
/// byte order mark is dropped).
pub fn source_from_bytes(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        // The prefix up to `at` is valid UTF-8, so it can be measured as text.
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let (line, column) = line_col(valid, at);
        Problem {
            path: "$".into(),
            line: Some(line),
            column: Some(column),
            message: format!(
                "the file is not UTF-8 text: byte 0x{:02X} cannot start or continue a character",
                bytes.get(at).copied().unwrap_or_default()
            ),
        }
    })
}

/// Checks the size and the nesting depth of a description before it is parsed.
pub fn check_limits(source: &str) -> Result<(), Problem> {
    if source.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    match too_deep(source, MAX_DEPTH) {
        None => Ok(()),
        Some((path, line, column)) => Err(Problem {
            path,
            line: Some(line),
            column: Some(column),
            message: format!(
                "objects and arrays nest more than {MAX_DEPTH} levels deep here; a meeting description needs 8"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        let p = check_limits(&big).unwrap_err();
        assert_eq!(p.path, "$");
        assert_eq!(p.message, "the description is larger than 8388608 bytes (8 MiB), the limit");
        assert!(source_from_bytes(big.as_bytes()).is_err());
        assert!(check_limits(&big[1..]).is_ok());
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check_limits(&ok).is_ok());
        let deep = format!("{{\"agenda\": {}", "[".repeat(1_000_000));
        let p = check_limits(&deep).unwrap_err();
        assert_eq!((p.line, p.column), (Some(1), Some(11 + MAX_DEPTH)));
        assert!(p.path.starts_with("$.agenda[0][0]"), "{}", p.path);
    }

    #[test]
    fn utf8() {
        assert_eq!(source_from_bytes(b"\xEF\xBB\xBF{}"), Ok("{}"));
        let p = source_from_bytes("{\n \"a\": \"中\u{0}".as_bytes()).map(|_| ());
        assert!(p.is_ok());
        let p = source_from_bytes(b"{\n \"a\": \"\xE4\xB8\xAD\xFF\"}").unwrap_err();
        assert_eq!((p.line, p.column), (Some(2), Some(9)));
        assert!(p.message.contains("0xFF"), "{}", p.message);
    }
}
