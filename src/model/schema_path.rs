//! The generated schema read as a map of the description: what may stand at a JSON path, the
//! names allowed there, and an example value for it. Repairs ([`super::recover`]), hints and
//! the starting descriptions of `ctoc-press new` use it, so that they follow the serde types
//! without a list of fields of their own.

use serde_json::{Map, Value};
use std::sync::OnceLock;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// The steps of a path in the notation of [`super::Problem::path`] (`$.agenda[1].title.zh`).
/// None for a path not in that notation.
pub fn segments(path: &str) -> Option<Vec<Segment>> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            out.push(Segment::Index(after[..end].parse().ok()?));
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            out.push(Segment::Key(after[..end].to_string()));
            rest = &after[end..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// The schema, generated once.
fn root() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(super::schema)
}

/// The definition a `$ref` names, followed until a schema that is not only a reference.
fn resolve(mut node: &'static Value) -> &'static Value {
    for _ in 0..16 {
        let Some(name) = node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/"))
        else {
            break;
        };
        match root().get("$defs").and_then(|d| d.get(name)) {
            Some(def) => node = def,
            None => break,
        }
    }
    node
}

/// The branches a value may take: the node itself and, recursively, its `oneOf`, `anyOf` and
/// `allOf` parts (not the `then` of a condition, which only narrows).
fn branches(node: &'static Value, out: &mut Vec<&'static Value>, depth: usize) {
    let node = resolve(node);
    out.push(node);
    if depth > 8 {
        return;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for part in node.get(key).and_then(Value::as_array).into_iter().flatten() {
            branches(part, out, depth + 1);
        }
    }
}

fn child(node: &'static Value, segment: &Segment) -> Option<&'static Value> {
    let mut all = Vec::new();
    branches(node, &mut all, 0);
    match segment {
        Segment::Key(k) => all
            .iter()
            .find_map(|b| b.get("properties").and_then(|p| p.get(k.as_str())))
            .or_else(|| all.iter().find_map(|b| b.get("additionalProperties").filter(|a| a.is_object()))),
        Segment::Index(_) => all.iter().find_map(|b| match b.get("items") {
            Some(Value::Array(prefix)) => prefix.first(),
            other => other,
        }),
    }
}

/// The schema of the value at `path`, as written where it is used (a property's schema keeps
/// its own description and examples beside its `$ref`).
pub fn schema_at(path: &[Segment]) -> Option<&'static Value> {
    let mut node = root();
    for segment in path {
        node = child(node, segment)?;
    }
    Some(node)
}

/// An example value for the place `path`: the schema's example there, or one made from it.
pub fn example_at(path: &[Segment]) -> Option<Value> {
    schema_at(path).map(|n| example(n, 0))
}

/// An example of a schema: its first `examples` entry (or that of the definition it names),
/// else its default, else a value built from its shape, with the required members of an object.
pub fn example(node: &'static Value, depth: usize) -> Value {
    if let Some(e) = node.get("examples").and_then(|e| e.get(0)) {
        return e.clone();
    }
    let node = resolve(node);
    for key in ["examples", "default"] {
        if let Some(e) = node.get(key) {
            return if key == "examples" { e.get(0).cloned().unwrap_or(Value::Null) } else { e.clone() };
        }
    }
    if let Some(c) = node.get("const") {
        return c.clone();
    }
    if let Some(first) = node.get("enum").and_then(|e| e.get(0)) {
        return first.clone();
    }
    if let Some(first) = ["oneOf", "anyOf"].iter().find_map(|k| node.get(*k).and_then(|b| b.get(0))) {
        return example(first, depth + 1);
    }
    let ty = match node.get("type") {
        Some(Value::Array(types)) => types.iter().find(|t| *t != "null").and_then(Value::as_str),
        Some(t) => t.as_str(),
        None => None,
    };
    match ty {
        Some("object") if depth < 16 => {
            let mut out = Map::new();
            let required = node.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
            for name in required.iter().filter_map(Value::as_str) {
                if let Some(p) = node.get("properties").and_then(|p| p.get(name)) {
                    out.insert(name.to_string(), example(p, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("object") => Value::Object(Map::new()),
        Some("array") => Value::Array(Vec::new()),
        Some("integer" | "number") => node.get("minimum").cloned().unwrap_or(Value::from(1)),
        Some("boolean") => Value::Bool(false),
        Some("string") => Value::String(String::new()),
        _ => Value::Null,
    }
}

/// The names allowed at `path`: an object's member names, or the values of an enumeration
/// (for a map keyed by language code, the codes).
pub fn names_at(path: &[Segment]) -> Vec<String> {
    let Some(node) = schema_at(path) else { return Vec::new() };
    let mut all = Vec::new();
    branches(node, &mut all, 0);
    let mut names: Vec<String> = Vec::new();
    for b in &all {
        if let Some(props) = b.get("properties").and_then(Value::as_object) {
            names.extend(props.keys().cloned());
        }
    }
    if names.is_empty() {
        let keys = all.iter().find_map(|b| b.get("propertyNames"));
        names = keys.map(enum_values).unwrap_or_else(|| enum_values(node));
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// The values of an enumeration schema, with their descriptions where it has them.
pub fn enum_values(node: &'static Value) -> Vec<String> {
    enum_entries(node).into_iter().map(|(v, _)| v).collect()
}

/// The values of an enumeration and what each means (`zh`, "Chinese").
pub fn enum_entries(node: &'static Value) -> Vec<(String, Option<String>)> {
    let mut all = Vec::new();
    branches(node, &mut all, 0);
    let mut out = Vec::new();
    for b in all {
        if let Some(values) = b.get("enum").and_then(Value::as_array) {
            let text = b.get("description").and_then(Value::as_str).map(str::to_string);
            out.extend(values.iter().filter_map(Value::as_str).map(|v| (v.to_string(), text.clone())));
        } else if let Some(c) = b.get("const").and_then(Value::as_str) {
            let text = b.get("description").and_then(Value::as_str).map(str::to_string);
            out.push((c.to_string(), text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_segments() {
        assert_eq!(
            segments("$.agenda[1].title.zh"),
            Some(vec![
                Segment::Key("agenda".into()),
                Segment::Index(1),
                Segment::Key("title".into()),
                Segment::Key("zh".into())
            ])
        );
        assert_eq!(segments("$"), Some(vec![]));
        assert_eq!(segments("agenda"), None);
        assert_eq!(segments("$[x]"), None);
    }

    #[test]
    fn the_schema_answers_for_nested_places() {
        let path = segments("$.meeting").unwrap_or_default();
        let names = names_at(&path);
        assert!(names.contains(&"place".to_string()), "{names:?}");
        let codes = names_at(&segments("$.body").unwrap_or_default());
        assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
        let date = example_at(&segments("$.meeting.dates.start").unwrap_or_default());
        assert!(date.as_ref().and_then(Value::as_str).is_some_and(|d| super::super::Date::parse(d).is_ok()));
        let item = example_at(&segments("$.agenda[0]").unwrap_or_default());
        assert!(item.as_ref().and_then(|i| i.get("title")).is_some(), "{item:?}");
    }
}
