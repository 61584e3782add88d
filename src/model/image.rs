//! Images a description names (its `emblem`, a report's figures): read through the caller's
//! byte reader and checked whole here, so that a missing or broken image is a problem at its
//! JSON path, like any other, and never reaches the layout.

use super::Meeting;
use super::{Problem, locate, safe_relative};
use crate::emblem::Image;
use std::collections::BTreeMap;

/// Reads the image `name` through `read_bytes` and checks it; a problem is placed at `path`
/// (a JSON path such as `$.emblem`) in `source`.
pub fn read_image(
    name: &str,
    path: &str,
    source: &str,
    read_bytes: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Image, Problem> {
    let at = |message: String| {
        let found = locate(source, path);
        Problem { path: path.to_string(), line: found.map(|f| f.0), column: found.map(|f| f.1), message }
    };
    safe_relative(name).map_err(|why| at(format!("`{name}`: {why}")))?;
    let bytes = read_bytes(name).map_err(|why| at(format!("cannot read `{name}`: {why}")))?;
    crate::emblem::checked(bytes).map_err(|why| at(format!("`{name}` cannot be used: {why}")))
}

/// The images a description names, for batch's fingerprints and watch's files: its emblem
/// (and, once read, the figures of its body). `bodies` holds the text of its body files by
/// name. A description that does not parse names none.
pub fn image_files(source: &str, bodies: &BTreeMap<String, String>) -> Vec<String> {
    let Ok(meeting) = Meeting::from_json(source) else { return Vec::new() };
    let _ = bodies;
    meeting.emblem.into_iter().collect()
}
