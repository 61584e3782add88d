//! The inline markup of report texts: `*italic*`, `**bold**`, `^[footnote]`, and `\` to take
//! the next character as it is. A report body written in CommonMark is turned into texts in
//! this markup, so that the JSON and CommonMark forms of a report become the same content.

/// A stretch of text with one emphasis, or a footnote reference with the note's spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text { text: String, italic: bool, bold: bool },
    Note(Vec<Span>),
}

/// Why a text's markup cannot be read: the message, and the character count where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    pub at: usize,
    pub message: String,
}

/// Reads `s` into spans. Emphasis toggles: `**` turns bold on or off, `*` italic; both must be
/// off again at the end of the text and of each note. Notes do not nest.
pub fn parse_rich(s: &str) -> Result<Vec<Span>, MarkupError> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    spans(&chars, &mut i, false)
}

fn spans(chars: &[char], i: &mut usize, in_note: bool) -> Result<Vec<Span>, MarkupError> {
    let mut out = Vec::new();
    let (mut italic, mut bold) = (false, false);
    let (mut italic_at, mut bold_at) = (0, 0);
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Span>, italic: bool, bold: bool| {
        if !text.is_empty() {
            out.push(Span::Text { text: std::mem::take(text), italic, bold });
        }
    };
    while let Some(&c) = chars.get(*i) {
        match c {
            '\\' => {
                let Some(&next) = chars.get(*i + 1) else {
                    return Err(MarkupError { at: *i, message: "the text ends with a lone `\\`".into() });
                };
                text.push(next);
                *i += 2;
            }
            '*' if chars.get(*i + 1) == Some(&'*') => {
                flush(&mut text, &mut out, italic, bold);
                bold = !bold;
                bold_at = *i;
                *i += 2;
            }
            '*' => {
                flush(&mut text, &mut out, italic, bold);
                italic = !italic;
                italic_at = *i;
                *i += 1;
            }
            '^' if chars.get(*i + 1) == Some(&'[') => {
                if in_note {
                    return Err(MarkupError {
                        at: *i,
                        message: "a footnote holds another: footnotes cannot be nested".into(),
                    });
                }
                flush(&mut text, &mut out, italic, bold);
                let open = *i;
                *i += 2;
                let note = spans(chars, i, true)?;
                if chars.get(*i) != Some(&']') {
                    return Err(MarkupError {
                        at: open,
                        message: format!(
                            "the footnote opened with ^[ after {open} characters is not closed with ]"
                        ),
                    });
                }
                *i += 1;
                if plain(&note).trim().is_empty() {
                    return Err(MarkupError {
                        at: open,
                        message: format!("the footnote opened with ^[ after {open} characters is empty"),
                    });
                }
                out.push(Span::Note(note));
            }
            ']' if in_note => break,
            _ => {
                text.push(c);
                *i += 1;
            }
        }
    }
    flush(&mut text, &mut out, italic, bold);
    let what = if in_note { "the footnote" } else { "the text" };
    if bold {
        return Err(MarkupError {
            at: bold_at,
            message: format!("bold opened with ** is not closed in {what}"),
        });
    }
    if italic {
        return Err(MarkupError {
            at: italic_at,
            message: format!("italic opened with * is not closed in {what}"),
        });
    }
    Ok(out)
}

/// The text of spans as read, without notes or markup.
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| match s {
            Span::Text { text, .. } => Some(text.as_str()),
            Span::Note(_) => None,
        })
        .collect()
}

/// `s` with the characters that are markup taken as they are (`\` before each).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '^' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, italic: bool, bold: bool) -> Span {
        Span::Text { text: text.into(), italic, bold }
    }

    #[test]
    fn emphasis_notes_and_escapes() {
        assert_eq!(
            parse_rich("a *b* **c** ^[see *Treaty Series*]d").expect("valid"),
            [
                t("a ", false, false),
                t("b", true, false),
                t(" ", false, false),
                t("c", false, true),
                t(" ", false, false),
                Span::Note(vec![t("see ", false, false), t("Treaty Series", true, false)]),
                t("d", false, false),
            ]
        );
        assert_eq!(parse_rich(&escape("2*3 ^[x] \\")).expect("valid"), [t("2*3 ^[x] \\", false, false)]);
        assert_eq!(parse_rich("***x***").expect("valid"), [t("x", true, true)]);
    }

    #[test]
    fn unclosed_markup_is_an_error() {
        assert_eq!(parse_rich("ab *c").unwrap_err().at, 3);
        assert!(parse_rich("**c").unwrap_err().message.contains("bold"));
        assert!(parse_rich("x^[note").unwrap_err().message.contains("not closed"));
        assert!(parse_rich("x^[a ^[b]]").unwrap_err().message.contains("nested"));
        assert!(parse_rich("x^[ ]").unwrap_err().message.contains("empty"));
        assert!(parse_rich("x^[*a]").unwrap_err().message.contains("italic"));
    }
}
