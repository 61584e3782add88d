//! Patterns from the language data whose placeholders stand for runs of inlines rather than
//! plain strings: "{for} “{old}” {read} “{new}”", where `old` and `new` carry their own
//! emphasis and footnotes and `for` and `read` are set in italics.

use crate::doc::Inline;

/// `pattern` with each `{key}` replaced by the inlines given for it; the text between
/// placeholders is set upright. A placeholder without inlines is kept as written, so that a
/// mistake in the data shows in the output rather than vanishing.
pub(super) fn inlines(pattern: &str, parts: &[(&str, Vec<Inline>)]) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = pattern;
    let mut literal = String::new();
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after
            .find('}')
            .and_then(|close| parts.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, v)));
        match found {
            Some((close, value)) => {
                if !literal.is_empty() {
                    out.push(Inline::text(std::mem::take(&mut literal)));
                }
                out.extend(value.iter().cloned());
                rest = &after[close + 1..];
            }
            None => {
                literal.push('{');
                rest = after;
            }
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Inline::text(literal));
    }
    out
}

/// `text` as one run, in italics when `italic`.
pub(super) fn run(text: &str, italic: bool) -> Vec<Inline> {
    vec![Inline { italic, ..Inline::text(text) }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_their_runs_and_literals_stay_upright() {
        let out = inlines(
            "{for} “{old}” {read} “{new}”{x}",
            &[
                ("for", run("For", true)),
                ("old", run("a", false)),
                ("read", run("read", true)),
                ("new", run("b", false)),
            ],
        );
        let texts: Vec<(&str, bool)> = out.iter().map(|i| (i.text.as_str(), i.italic)).collect();
        assert_eq!(
            texts,
            [
                ("For", true),
                (" “", false),
                ("a", false),
                ("” ", false),
                ("read", true),
                (" “", false),
                ("b", false),
                ("”{x}", false)
            ]
        );
    }
}
