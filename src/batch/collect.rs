//! Finding the inputs of a batch: files as named, folders searched for `*.json`.
//!
//! Every path is looked at through its metadata before anything is opened, because opening a
//! FIFO blocks until someone writes to it, and reading a huge file costs its size in memory.
//! Folders reached through symbolic links are searched once, by canonical path, so a link loop
//! ends; the output folder is never searched, so a batch never reads its own manifest. A path
//! that cannot be read is reported and the search goes on.

use super::{Outcome, Status};
use crate::Error;
use crate::model::{MAX_INPUT_BYTES, Problem};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the search found.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Canonical paths of the description files, sorted and without duplicates, so that every
    /// machine of a sharded run sees the same list and `./in` names the same inputs as `in`.
    pub files: Vec<PathBuf>,
    /// Paths that were named or found but cannot be inputs (unreadable, not regular files,
    /// too large), each as a failed outcome.
    pub problems: Vec<Outcome>,
    /// Paths skipped for a reason that loses nothing (a folder already searched).
    pub notes: Vec<String>,
}

/// An input error about a whole file, at JSON path `$`.
pub(super) fn file_problem(message: String) -> Error {
    Error::Invalid(vec![Problem { path: "$".into(), line: None, column: None, message }])
}

struct Search {
    /// The output folder, canonical (if it exists yet): never searched.
    exclude: Option<PathBuf>,
    /// Folders searched so far, canonical.
    searched: BTreeSet<PathBuf>,
    found: Inputs,
}

impl Search {
    fn problem(&mut self, path: &Path, message: String) {
        self.found
            .problems
            .push(Outcome { input: path.to_path_buf(), status: Status::Failed(file_problem(message)) });
    }

    /// `named`: given on the command line, where a file is taken whatever its extension.
    fn visit(&mut self, path: &Path, named: bool) {
        let is_json = path.extension().is_some_and(|e| e == "json");
        // `metadata` follows links: a link is what it points to.
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                if named || is_json {
                    self.problem(path, format!("cannot read this path: {e}"));
                }
                return;
            }
        };
        if meta.is_dir() {
            self.folder(path);
        } else if meta.is_file() {
            if named || is_json {
                self.file(path, meta.len());
            }
        } else if named || is_json {
            self.problem(path, "not a regular file (a FIFO, socket or device); not read".into());
        }
    }

    fn folder(&mut self, path: &Path) {
        let canonical = match std::fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => return self.problem(path, format!("cannot read this folder: {e}")),
        };
        if self.exclude.as_ref().is_some_and(|out| canonical.starts_with(out)) {
            return;
        }
        if !self.searched.insert(canonical.clone()) {
            self.found.notes.push(format!(
                "{} is {}, already searched (a symbolic link loop or a second name); not searched again",
                path.display(),
                canonical.display()
            ));
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return self.problem(path, format!("cannot read this folder: {e}")),
        };
        for entry in entries {
            match entry {
                Ok(entry) => self.visit(&entry.path(), false),
                Err(e) => self.problem(path, format!("cannot list this folder: {e}")),
            }
        }
    }

    fn file(&mut self, path: &Path, len: u64) {
        if len > MAX_INPUT_BYTES as u64 {
            return self.problem(
                path,
                format!("the file is {len} bytes, larger than the limit of {MAX_INPUT_BYTES} bytes (8 MiB); not read"),
            );
        }
        match std::fs::canonicalize(path) {
            Ok(c) => self.found.files.push(c),
            Err(e) => self.problem(path, format!("cannot read this path: {e}")),
        }
    }
}

/// The inputs named by `paths`: files as given, folders searched for `*.json` (recursively,
/// following links to folders once each), skipping `out_dir`.
pub fn collect_inputs(paths: &[PathBuf], out_dir: &Path) -> Inputs {
    let mut search = Search {
        exclude: std::fs::canonicalize(out_dir).ok(),
        searched: BTreeSet::new(),
        found: Inputs::default(),
    };
    for path in paths {
        search.visit(path, true);
    }
    let mut found = search.found;
    found.files.sort();
    found.files.dedup();
    found
}
