//! The record of what a batch made: the manifest, and a journal that keeps it current while the
//! batch runs.
//!
//! Each finished document appends one JSON line to `<manifest>.journal` before it is reported,
//! so a batch killed at any moment has recorded every document it finished (a torn last line is
//! ignored: that document is simply made again). The line is not synced: the operating system
//! keeps it when the program dies, and a line lost with the system only means that document is
//! made again. Nor can a line that outlived its output mislead: an output counts as current
//! only when the file on disk still has the SHA-256 recorded. The next batch
//! on the folder replays the journal into the manifest, written atomically, before it starts;
//! a batch that ends does the same with everything it made. The manifest itself is only ever
//! replaced whole, so it is valid JSON at every moment.

use super::{Entry, write_atomically};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The journal file of a manifest.
pub fn journal_name(manifest: &str) -> String {
    format!("{manifest}.journal")
}

/// One line of the journal: the outputs of one finished input.
#[derive(Serialize, Deserialize)]
struct Line {
    input: String,
    entries: Vec<Entry>,
}

/// Puts `new`, the outputs of `input`, in place of what `entries` held for that input or for
/// those files.
pub fn replace(entries: &mut Vec<Entry>, input: &str, new: &[Entry]) {
    entries.retain(|e| e.input != input && !new.iter().any(|n| n.output == e.output));
    entries.extend(new.iter().cloned());
}

/// The manifest of a batch while it runs.
#[derive(Debug)]
pub struct Record {
    manifest: PathBuf,
    journal_path: PathBuf,
    journal: Mutex<File>,
    /// What the manifest and any journal left by a killed batch recorded.
    pub previous: Vec<Entry>,
}

fn io(what: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io(format!("cannot {what} {}: {e}", path.display()))
}

fn write_manifest(path: &Path, entries: &[Entry]) -> Result<(), Error> {
    let json = serde_json::to_vec_pretty(entries).map_err(|e| io("write", path, e))?;
    write_atomically(path, &json).map_err(|e| io("write", path, e))
}

impl Record {
    /// Reads the manifest `name` in `out_dir`, folds in the journal a killed batch left, and
    /// starts an empty journal. Only one batch may hold a manifest's record (see `lock`).
    pub fn open(out_dir: &Path, name: &str) -> Result<Record, Error> {
        let manifest = out_dir.join(name);
        let journal_path = out_dir.join(journal_name(name));
        // An unreadable or damaged manifest records nothing: its inputs are rendered again.
        let mut previous: Vec<Entry> =
            std::fs::read(&manifest).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        if let Ok(text) = std::fs::read_to_string(&journal_path) {
            let lines: Vec<Line> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
            for line in &lines {
                replace(&mut previous, &line.input, &line.entries);
            }
            if !lines.is_empty() {
                write_manifest(&manifest, &previous)?;
            }
        }
        let journal = File::create(&journal_path).map_err(|e| io("create", &journal_path, e))?;
        Ok(Record { manifest, journal_path, journal: Mutex::new(journal), previous })
    }

    /// Records that `input` made `entries`, written to the journal before returning.
    pub fn append(&self, input: &str, entries: &[Entry]) -> Result<(), Error> {
        let mut line = serde_json::to_string(&Line { input: input.to_string(), entries: entries.to_vec() })
            .map_err(|e| io("write", &self.journal_path, e))?;
        line.push('\n');
        // A worker that panicked while holding the lock left no half line: write_all is the
        // only thing done under it, and a torn line is ignored on replay anyway.
        let mut file = self.journal.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        file.write_all(line.as_bytes()).map_err(|e| io("write", &self.journal_path, e))
    }

    /// Writes the manifest `entries` and removes the journal they include.
    pub fn finish(self, entries: &[Entry]) -> Result<(), Error> {
        write_manifest(&self.manifest, entries)?;
        drop(self.journal);
        std::fs::remove_file(&self.journal_path).map_err(|e| io("remove", &self.journal_path, e))
    }
}
