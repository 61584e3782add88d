//! Images a description names (its `emblem`, a report's figures): read through the caller's
//! byte reader and checked whole here, so that a missing or broken image is a problem at its
//! JSON path, like any other, and never reaches the layout.

use super::Meeting;
use super::report::{Block, Figure, Report};
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

/// Reads the image of every figure of `report` (whose JSON path is `root`) through
/// `read_bytes`; a figure read from a CommonMark file is reported at its place there too.
pub fn resolve_figures(
    report: &mut Report,
    root: &str,
    source: &str,
    read_bytes: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let origins = report.origins.clone();
    let mut each = |f: &mut Figure, path: String| match read_image(&f.file, &path, source, read_bytes) {
        Ok(image) => f.image = Some(image),
        Err(mut p) => {
            if let Some(at) = origins.get(&path) {
                p.message = format!("{at}: {}", p.message);
            }
            problems.push(p);
        }
    };
    for (i, c) in report.chapters.iter_mut().enumerate() {
        figures_in(&mut c.blocks, &format!("{root}.chapters[{i}].blocks"), &mut each);
    }
    for (i, a) in report.annexes.iter_mut().enumerate() {
        figures_in(&mut a.blocks, &format!("{root}.annexes[{i}].blocks"), &mut each);
    }
    problems
}

/// Calls `each` with every figure of `blocks` (sections included) and the JSON path of its
/// `file`.
fn figures_in(blocks: &mut [Block], path: &str, each: &mut dyn FnMut(&mut Figure, String)) {
    for (j, block) in blocks.iter_mut().enumerate() {
        match block {
            Block::Figure(f) => each(f, format!("{path}[{j}].figure.file")),
            Block::Section(s) => figures_in(&mut s.blocks, &format!("{path}[{j}].section.blocks"), each),
            Block::Paragraph(_) | Block::List(_) | Block::Table(_) => {}
        }
    }
}

/// The images a description names, for batch's fingerprints and watch's files: its emblem
/// and the figures of its body, inline or in its CommonMark files (`bodies`: their text by
/// name). A description or body file that does not parse names none.
pub fn image_files(source: &str, bodies: &BTreeMap<String, String>) -> Vec<String> {
    let Ok(mut meeting) = Meeting::from_json(source) else { return Vec::new() };
    let mut names: Vec<String> = meeting.emblem.clone().into_iter().collect();
    if let Some((_, report)) = meeting.body_mut() {
        let mut collect = |f: &mut Figure, _: String| names.push(f.file.clone());
        for c in &mut report.chapters {
            figures_in(&mut c.blocks, "", &mut collect);
        }
        for a in &mut report.annexes {
            figures_in(&mut a.blocks, "", &mut collect);
        }
        for name in report.body_files.values() {
            if let Some(Ok(body)) = bodies.get(name).map(|text| super::markdown::parse(text, name)) {
                names.extend(body.figure_files());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}
