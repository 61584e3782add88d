//! Problems shown as a compiler shows them: the file, line and column, the source line with
//! the place underlined, the JSON path, the message and a hint ([`crate::model::hint`]).
//! A problem found in a CommonMark body file is shown at its place in that file.
//!
//! The drawing is annotate-snippets', the renderer rustc and cargo use.

use crate::diagnostics::Problem;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Where a problem in a body file is: the file (as the description names it), line, column,
/// and the message without that prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The place in a body file a message begins with (`report.zh.md:3:5: …`), if it does.
pub fn origin(message: &str) -> Option<Origin> {
    // The first `:L:C: ` with L and C numbers: a file name may hold colons, a message too.
    let mut search = 0;
    while let Some(i) = message[search..].find(':').map(|i| i + search) {
        search = i + 1;
        let rest = &message[i + 1..];
        let Some((line, rest)) = rest.split_once(':') else { break };
        let Some((column, text)) = rest.split_once(": ") else { continue };
        if let (Ok(line), Ok(column)) = (line.parse(), column.parse())
            && i > 0
        {
            return Some(Origin { file: message[..i].to_string(), line, column, message: text.to_string() });
        }
    }
    None
}

/// The problems of `file` drawn for a person. `source` is the description's text; `body`
/// gives the text of a body file it names, where it can be read. `color`: with ANSI colours.
pub fn render(
    file: &str,
    source: Option<&str>,
    problems: &[Problem],
    body: &dyn Fn(&str) -> Option<String>,
    color: bool,
) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for p in problems {
        out.push_str(&renderer.render(&[group(file, source, p, body)]));
        out.push_str("\n\n");
    }
    out
}

fn group<'a>(
    file: &'a str,
    source: Option<&'a str>,
    p: &'a Problem,
    body: &dyn Fn(&str) -> Option<String>,
) -> Group<'a> {
    let at_path = format!("at `{}`", p.path);
    let origin = origin(&p.message);
    let title = origin.as_ref().map_or(p.message.clone(), |o| o.message.clone());
    let mut group = Group::with_title(Level::ERROR.primary_title(title));
    match (&origin, p.line, p.column, source) {
        (Some(o), ..) if body(&o.file).is_some() => {
            let text = body(&o.file).unwrap_or_default();
            // Named from the description's folder, shown as the description is.
            let shown = match std::path::Path::new(file).parent() {
                Some(folder) if !folder.as_os_str().is_empty() => folder.join(&o.file).display().to_string(),
                _ => o.file.clone(),
            };
            group = group.element(excerpt(&shown, &text, o.line, o.column, at_path));
        }
        (_, Some(line), Some(column), Some(source)) => {
            group = group.element(excerpt(file, source, line, column, at_path));
        }
        _ => {
            group = group.element(annotate_snippets::Origin::path(file.to_string()));
            group = group.element(Level::NOTE.message(at_path));
        }
    }
    if let Some(o) = &origin {
        group = group.element(Level::NOTE.message(format!("in `{}`, named at `{}`", o.file, p.path)));
    }
    if let Some(hint) = crate::model::hint(p) {
        group = group.element(Level::HELP.message(hint));
    }
    group
}

/// The source line `line` of `text`, the place at `column` (in characters) underlined.
fn excerpt(
    file: &str,
    text: &str,
    line: usize,
    column: usize,
    label: String,
) -> Snippet<'static, annotate_snippets::Annotation<'static>> {
    let row = text.split('\n').nth(line.saturating_sub(1)).unwrap_or_default().trim_end_matches('\r');
    let start = row.char_indices().nth(column.saturating_sub(1)).map_or(row.len(), |(i, _)| i);
    let span = start..start + token_len(&row[start..]);
    Snippet::source(row.to_string())
        .line_start(line)
        .path(file.to_string())
        .annotation(AnnotationKind::Primary.span(span).label(label))
}

/// The length in bytes of the JSON token at the start of `rest`: a whole string, one bracket,
/// or a number or word.
fn token_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    match bytes.first() {
        None => 0,
        Some(b'"') => {
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            rest.len()
        }
        Some(b'{' | b'[' | b'}' | b']') => 1,
        Some(_) => rest
            .char_indices()
            .find(|(_, c)| matches!(c, ',' | '}' | ']' | ' ' | '\t'))
            .map_or(rest.len(), |(i, _)| i)
            .max(rest.chars().next().map_or(0, char::len_utf8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_from_messages() {
        let o = origin("report.zh.md:3:5: a table needs a header").expect("an origin");
        assert_eq!(
            (o.file.as_str(), o.line, o.column, o.message.as_str()),
            ("report.zh.md", 3, 5, "a table needs a header")
        );
        assert_eq!(origin("the text is empty"), None);
        assert_eq!(origin("`x`: 3:4 is not a time"), None);
    }

    #[test]
    fn tokens_are_whole() {
        assert_eq!(token_len("\"a\\\"b\", 1"), 6);
        assert_eq!(token_len("12,"), 2);
        assert_eq!(token_len("{ \"a\": 1 }"), 1);
        assert_eq!(token_len("中"), 3);
        assert_eq!(token_len(""), 0);
    }
}
