//! What a reader can see of a text, and the characters the engine cannot honour yet. A text
//! that validates must leave a mark on the page: a title of one zero-width space would print
//! as a bare number and a full stop, a place of one soft hyphen as nothing at all.

use unicode_general_category::{GeneralCategory as G, get_general_category};

/// Whether a character leaves a mark on the page by itself.
///
/// Not visible: white space (Unicode `White_Space`, which holds the separators Zs, Zl and Zp),
/// controls (Cc), format characters (Cf: zero-width space, joiners, soft hyphen, byte order
/// mark, bidirectional controls), combining marks without width of their own (Mn, Me: they
/// draw on a base character, and marks alone show nothing a reader can use), and the letters
/// Unicode makes default-ignorable (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0).
/// Everything else is visible: letters, digits, punctuation, symbols, spacing marks (Mc), and
/// private-use or unassigned code points (no embedded font draws these; that is reported
/// apart).
pub fn is_visible(c: char) -> bool {
    if c.is_whitespace() || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}') {
        return false;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::NonspacingMark
            | G::EnclosingMark
            | G::SpaceSeparator
            | G::LineSeparator
            | G::ParagraphSeparator
    )
}

/// Why a text shows nothing, or None when some character of it is visible ([`is_visible`]).
pub fn nothing_visible(s: &str) -> Option<String> {
    if s.chars().any(is_visible) {
        return None;
    }
    let mut hidden: Vec<String> = Vec::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        let code = format!("U+{:04X}", u32::from(c));
        if !hidden.contains(&code) && hidden.len() < 5 {
            hidden.push(code);
        }
    }
    Some(if hidden.is_empty() {
        "the text is empty".to_string()
    } else {
        format!(
            "the text has nothing visible: only white space and invisible characters ({})",
            hidden.join(", ")
        )
    })
}

/// The name of a bidirectional formatting character (Unicode Bidirectional Algorithm, UAX #9
/// §2: explicit embeddings and overrides, isolates, and the implicit marks), or None.
pub fn bidi_control(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_characters() {
        for c in ['中', 'a', '1', '。', '-', '☃', '\u{0903}', '\u{E000}'] {
            assert!(is_visible(c), "U+{:04X}", u32::from(c));
        }
        for c in [
            ' ', '\u{3000}', '\u{A0}', '\u{200B}', '\u{AD}', '\u{FEFF}', '\u{200D}', '\u{301}', '\u{20DD}',
            '\u{2028}', '\u{3164}', '\n',
        ] {
            assert!(!is_visible(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn texts_with_nothing_visible() {
        assert_eq!(nothing_visible("维也纳"), None);
        assert_eq!(nothing_visible("\u{200B}维"), None);
        assert_eq!(nothing_visible(" \n "), Some("the text is empty".into()));
        assert_eq!(
            nothing_visible("\u{200B}\u{AD}\u{200B}"),
            Some(
                "the text has nothing visible: only white space and invisible characters (U+200B, U+00AD)"
                    .into()
            )
        );
    }

    #[test]
    fn bidi_controls() {
        assert_eq!(bidi_control('\u{202E}'), Some("RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!(bidi_control('\u{200B}'), None);
        let all: Vec<char> = ('\u{0}'..='\u{FFFF}').filter(|c| bidi_control(*c).is_some()).collect();
        assert_eq!(all.len(), 12);
    }
}
