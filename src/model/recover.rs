//! Every structural problem of a description in one run: serde stops at its first error, so
//! after it the description is read as a JSON value, the faulty part repaired (an unknown key
//! dropped, a wrong or missing value replaced by the schema's example for that place), and
//! the value read again, until it builds or nothing more can be repaired.
//!
//! The messages are serde's own, from the same serde types that build the tree, and the
//! placeholders come from the schema generated from those types: a document kind added to the
//! model is covered without code here. The repaired paths are kept, so that the checks run on
//! the repaired tree can leave out what a placeholder would make them say.

use super::locate::{self, locate};
use super::schema_path::{Segment, example_at, segments};
use super::{MAX_PROBLEMS, Meeting, Problem, Top};
use serde_json::Value;

/// What reading a description found.
pub struct Recovered {
    /// The tree, built from the description or from its repaired value; None when it could
    /// not be repaired.
    pub meeting: Option<Meeting>,
    /// The structural problems, in the order found (empty when the description built as it is).
    pub problems: Vec<Problem>,
    /// The JSON paths replaced or dropped by repairs: later checks say nothing at or below them.
    pub repaired: Vec<String>,
    /// Whether a repair put a value of its own into the tree (not only dropped unknown keys):
    /// the tree is then not the author's, and checks that relate one field to another would
    /// speak of the placeholders (a placeholder `languages` asks for texts elsewhere).
    pub placeholders: bool,
}

impl Recovered {
    /// Whether a problem at `path` concerns a repaired place (the same path, one inside it, or
    /// one holding it).
    pub fn touches_repair(&self, path: &str) -> bool {
        self.repaired.iter().any(|r| related(r, path))
    }
}

/// Reads `source`, whose first error serde reported as `first`, collecting the rest.
pub(super) fn recover(source: &str, first: Problem) -> Recovered {
    let mut out =
        Recovered { meeting: None, problems: Vec::new(), repaired: Vec::new(), placeholders: false };
    // A syntax error leaves no value to repair (the parse stopped there).
    let Ok(mut value) = serde_json::from_str::<Value>(source) else {
        out.problems.push(first);
        return out;
    };
    let mut problem = first;
    loop {
        let repaired = repair(&mut value, &problem);
        out.problems.push(problem);
        let Some((path, placeholder)) = repaired else { return out };
        out.repaired.push(path);
        out.placeholders |= placeholder;
        match serde_path_to_error::deserialize::<_, Top>(&value) {
            Ok(Top(meeting)) => {
                out.meeting = Some(meeting);
                return out;
            }
            Err(e) => {
                let next = value_problem(source, e);
                // A placeholder that did not take, or a problem met again: stop, or the loop
                // would not end.
                let again = out.repaired.iter().any(|r| inside(r, &next.path))
                    || out.problems.iter().any(|p| p.path == next.path && p.message == next.message);
                if again || out.problems.len() >= MAX_PROBLEMS {
                    return out;
                }
                problem = next;
            }
        }
    }
}

/// A problem from reading the JSON value: serde's message, placed in the source at the value
/// (for an unknown key, at the key).
fn value_problem(source: &str, e: serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let path = super::json_path(e.path());
    let message = super::clean_serde_message(&e.into_inner().to_string());
    let at = if is_unknown_key(&message) { locate::locate_key(source, &path) } else { locate(source, &path) };
    Problem { path, line: at.map(|a| a.0), column: at.map(|a| a.1), message }
}

/// The messages that are about a member's key rather than its value.
fn is_unknown_key(message: &str) -> bool {
    message.starts_with("unknown field") || message.starts_with("unknown language code")
}

/// Repairs `value` so that `problem` is gone; returns the path repaired and whether a
/// placeholder was put there, or None when it cannot be (the problem is the whole
/// description, or the path is not in the value).
fn repair(value: &mut Value, problem: &Problem) -> Option<(String, bool)> {
    let path = segments(&problem.path)?;
    if let Some(field) = missing_field(&problem.message) {
        let mut at = path.clone();
        at.push(Segment::Key(field.to_string()));
        let example = example_at(&at)?;
        node_mut(value, &path)?.as_object_mut()?.insert(field.to_string(), example);
        return Some((format!("{}.{field}", problem.path), true));
    }
    let (last, parent) = path.split_last()?;
    if problem.message.ends_with("is given twice") || problem.message.starts_with("duplicate field") {
        // Reading the value kept one of the two already.
        return Some((problem.path.clone(), false));
    }
    if is_unknown_key(&problem.message) {
        let Segment::Key(key) = last else { return None };
        node_mut(value, parent)?.as_object_mut()?.remove(key.as_str())?;
        return Some((problem.path.clone(), false));
    }
    let example = example_at(&path)?;
    *node_mut(value, &path)? = example;
    Some((problem.path.clone(), true))
}

/// The field of serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

fn node_mut<'v>(mut value: &'v mut Value, path: &[Segment]) -> Option<&'v mut Value> {
    for segment in path {
        value = match segment {
            Segment::Key(k) => value.as_object_mut()?.get_mut(k.as_str())?,
            Segment::Index(i) => value.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(value)
}

/// Whether one path is the other or lies inside it.
fn related(a: &str, b: &str) -> bool {
    inside(a, b) || inside(b, a)
}

/// Whether `inner` is `outer` or lies inside it.
fn inside(outer: &str, inner: &str) -> bool {
    inner.strip_prefix(outer).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_relate_by_containment_only() {
        assert!(related("$.a", "$.a"));
        assert!(related("$.a", "$.a.b"));
        assert!(related("$.a[1].b", "$.a"));
        assert!(!related("$.a", "$.ab"));
        assert!(!related("$.a[1]", "$.a[10]"));
    }
}
