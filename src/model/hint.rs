//! Hints for problems, drawn from the schema: the allowed name nearest to a misspelt one
//! (edit distance), the values of an enumeration with what each means, an example of the
//! value wanted.

use super::Problem;
use super::schema_path::{Segment, enum_entries, example_at, names_at, schema_at, segments};

/// A hint for `problem`, where one helps.
pub fn hint(problem: &Problem) -> Option<String> {
    let path = segments(&problem.path)?;
    let message = problem.message.as_str();
    if let Some(name) = quoted_after(message, "unknown field `") {
        let (_, parent) = path.split_last()?;
        return nearest_or_list(name, &names_at(parent), "the fields allowed here");
    }
    if let Some(code) = quoted_after(message, "unknown language code `").or_else(|| {
        message.strip_prefix('`').and_then(|m| m.split_once("` is not a language code")).map(|s| s.0)
    }) {
        return Some(with_meanings(code, &lang_entries()));
    }
    if let Some(value) = quoted_after(message, "unknown variant `") {
        let entries = schema_at(&path).map(enum_entries).unwrap_or_default();
        return (!entries.is_empty()).then(|| with_meanings(value, &entries));
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')) {
        let mut at = path.clone();
        at.push(Segment::Key(field.to_string()));
        return example_at(&at).map(|e| format!("add it, e.g. `\"{field}\": {}`", short(&e)));
    }
    let patterned = schema_at(&path)
        .map(|n| {
            n.get("pattern").is_some()
                || n.get("$ref").is_some_and(|r| r == "#/$defs/Date" || r == "#/$defs/Time")
        })
        .unwrap_or(false);
    if message.starts_with("invalid ") || (patterned && message.starts_with('`')) {
        return example_at(&path).map(|e| format!("for example `{}`", short(&e)));
    }
    None
}

/// The text between `prefix` and the next backquote.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split_once('`').map(|s| s.0)
}

/// The language codes and their names, from the schema.
fn lang_entries() -> Vec<(String, Option<String>)> {
    let path = [Segment::Key("languages".into()), Segment::Index(0)];
    schema_at(&path).map(enum_entries).unwrap_or_default()
}

/// "did you mean `x`?" when an allowed name is near `wrong`, else the allowed names.
fn nearest_or_list(wrong: &str, allowed: &[String], what: &str) -> Option<String> {
    if allowed.is_empty() {
        return None;
    }
    match nearest(wrong, allowed) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!(
            "{what}: {}",
            allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The allowed name closest to `wrong` by Damerau–Levenshtein distance, if within a third of
/// its length (at least 1): near enough to be a slip of the keyboard.
fn nearest<'a>(wrong: &str, allowed: &'a [String]) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(1);
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&wrong.to_lowercase(), a), a))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.as_str())
}

/// The values allowed, each with its meaning, after a "did you mean" when one is near.
fn with_meanings(wrong: &str, entries: &[(String, Option<String>)]) -> String {
    let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    let list = entries
        .iter()
        .map(|(v, m)| match m {
            Some(m) => format!("`{v}` ({})", m.trim_end_matches('.')),
            None => format!("`{v}`"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    match nearest(wrong, &names) {
        Some(best) => format!("did you mean `{best}`? the values allowed: {list}"),
        None => format!("the values allowed: {list}"),
    }
}

/// A value as compact JSON, cut short when long.
fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 70 {
        text
    } else {
        format!("{}…", text.chars().take(69).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, message: &str) -> Problem {
        Problem { path: path.into(), line: None, column: None, message: message.into() }
    }

    #[test]
    fn hints_name_the_nearest_field_and_the_codes() {
        let h = hint(&problem("$.meeting.plaec", "unknown field `plaec`, expected one of …"));
        assert_eq!(h.as_deref(), Some("did you mean `place`?"));
        let h = hint(&problem("$.agenda[0].titel", "unknown field `titel`, expected …"));
        assert_eq!(h.as_deref(), Some("did you mean `title`?"));
        let h =
            hint(&problem("$.body.cn", "unknown language code `cn`, expected one of …")).unwrap_or_default();
        assert!(h.contains("`zh` (Chinese)") && h.contains("`ar` (Arabic)"), "{h}");
        let h =
            hint(&problem("$.languages[1]", "unknown variant `ch`, expected one of …")).unwrap_or_default();
        assert!(h.starts_with("did you mean `zh`?"), "{h}");
        let h = hint(&problem("$", "missing field `symbol`")).unwrap_or_default();
        assert_eq!(h, "add it, e.g. `\"symbol\": \"CTOC/COP/WG.3/2021/1\"`");
        let h =
            hint(&problem("$.date_of_issue", "`2020-12-32` is not a calendar date: December has 31 days"));
        assert_eq!(h.as_deref(), Some("for example `\"2020-12-11\"`"));
        assert_eq!(hint(&problem("$.meeting.dates.end", "the meeting ends before it starts")), None);
    }
}
