//! `ctoc-press watch`: renders a description again whenever it, or a body file it names,
//! changes, so that a PDF viewer open on the output shows each edit.
//!
//! The folders of the watched files are watched rather than the files, because editors save
//! by writing a new file and renaming it over the old one. Events are gathered until the
//! files have been quiet for [`QUIET`] (an editor's save is several events), then the
//! description is rendered once. The PDF is written atomically ([`crate::output`]), so a
//! viewer that reloads on change never reads half a file. A description with problems is
//! reported and the last good PDF kept.

use crate::error::Error;
use crate::model::{Lang, Meeting, Problem};
use crate::{Options, input, output};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long the files must be quiet after a change before rendering.
pub const QUIET: Duration = Duration::from_millis(200);

/// What one round of watching did.
pub enum Round {
    /// The PDF was written: its path and page count.
    Rendered { output: PathBuf, pages: usize },
    /// The description has problems; `source` is its text, when it could be read.
    Invalid { source: Option<String>, problems: Vec<Problem> },
    /// Rendering or writing failed.
    Failed(String),
}

/// Renders `input` to `out` now and after every change, calling `report` after each round.
/// Returns only when watching fails.
pub fn watch(
    input: &Path,
    out: &Path,
    lang: Option<Lang>,
    options: &Options,
    report: &mut dyn FnMut(Round),
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file is an event too (the renders' own reads among them): only a change
        // to a file's content or name counts.
        if let Ok(event) = event
            && changes_content(&event.kind)
        {
            // The receiver gone means watching has ended; nothing to do.
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Error::Io(format!("cannot watch {}: {e}", input.display())))?;
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        let files = watched_files(input);
        for folder in files.iter().filter_map(|f| f.parent()) {
            if folders.insert(folder.to_path_buf()) {
                watcher
                    .watch(folder, RecursiveMode::NonRecursive)
                    .map_err(|e| Error::Io(format!("cannot watch {}: {e}", folder.display())))?;
            }
        }
        report(round(input, out, lang, options));
        // Wait for a change to one of the files, then for quiet.
        loop {
            let paths = rx.recv().map_err(|_| Error::Io("the file watcher stopped".into()))?;
            if paths.iter().any(|p| files.contains(&absolute(p))) {
                break;
            }
        }
        while rx.recv_timeout(QUIET).is_ok() {}
    }
}

/// Whether an event may change what a render reads.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// The description and the body files and images it names, as absolute paths.
fn watched_files(input: &Path) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::from([absolute(input)]);
    let folder = input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(source) = std::fs::read_to_string(input) else { return files };
    let mut bodies = BTreeMap::new();
    if let Ok(m) = Meeting::from_json(&source)
        && let Some((_, body)) = m.body()
    {
        for name in body.body_files.values() {
            files.insert(absolute(&folder.join(name)));
            if let Ok((text, _)) = input::read_beside(folder, name) {
                bodies.insert(name.clone(), text);
            }
        }
    }
    files.extend(crate::model::image_files(&source, &bodies).iter().map(|name| absolute(&folder.join(name))));
    files
}

/// `path` made absolute without resolving links (the file may be gone between two saves).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// One render of `input` into `out`.
fn round(input: &Path, out: &Path, lang: Option<Lang>, options: &Options) -> Round {
    let langs: Vec<Lang> = lang.into_iter().collect();
    let meeting = match input::load(input, &langs) {
        Ok(m) => m,
        Err(Error::Invalid(problems)) => {
            let source = std::fs::read_to_string(input).ok();
            return Round::Invalid { source, problems };
        }
        Err(e) => return Round::Failed(e.to_string()),
    };
    let Some(lang) = lang.or_else(|| meeting.languages.first().copied()) else {
        return Round::Failed("the description lists no language".into());
    };
    match crate::render_one(&meeting, lang, options) {
        Ok(doc) => match output::write_atomically(out, &doc.pdf, &[input]) {
            Ok(()) => Round::Rendered { output: out.to_path_buf(), pages: doc.pages },
            Err(e) => Round::Failed(format!("cannot write {}: {e}", out.display())),
        },
        Err(Error::Invalid(problems)) => {
            Round::Invalid { source: std::fs::read_to_string(input).ok(), problems }
        }
        Err(e) => Round::Failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emblem_a_description_names_is_watched() {
        let dir = std::env::temp_dir().join(format!("ctoc-watch-emblem-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ctoc-cop-wg3-2021-1.json");
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(example).expect("example")).expect("JSON");
        v["emblem"] = "art/emblem.svg".into();
        let input = dir.join("doc.json");
        std::fs::write(&input, v.to_string()).expect("write");
        let files = watched_files(&input);
        assert!(files.contains(&absolute(&dir.join("art/emblem.svg"))), "{files:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_figures_of_a_commonmark_body_are_watched() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let files = watched_files(&examples.join("note-firearms-2024.json"));
        let figure = absolute(&examples.join("note/seizures-by-region-2022.svg"));
        assert!(files.contains(&figure), "{files:?}");
    }
}
