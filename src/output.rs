//! Writing output files: whole or not at all, and never over something that is not an earlier
//! output.
//!
//! A file is written to a new temporary file in the target folder (created with `create_new`,
//! named after the process and a counter, so two writers never share one), synced, then renamed
//! over the destination; on every error the temporary file is removed.
//!
//! Refused destinations: a folder, a device, a FIFO, a socket, an input of the run (the same
//! file, also through another name or a hard link), and a symbolic link. A link is refused
//! whatever it points to, rather than followed or replaced: following it would write wherever
//! it points, replacing it would silently turn it into a file; name its target instead.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Why a file was not written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The destination must not be written over (a usage error).
    #[error("{0}")]
    Refused(String),
    /// The file system failed (full disk, no permission…).
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<OutputError> for io::Error {
    fn from(e: OutputError) -> io::Error {
        match e {
            OutputError::Refused(reason) => io::Error::new(io::ErrorKind::InvalidInput, reason),
            OutputError::Io(e) => e,
        }
    }
}

/// Checks that `path` may be written: it does not exist, or it is a regular file that is none
/// of `inputs`.
pub fn check_destination(path: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let kind = meta.file_type();
    let refused = |what: &str| Err(OutputError::Refused(format!("it is {what}; refusing to write over it")));
    if kind.is_symlink() {
        return refused("a symbolic link (name the file it points to instead)");
    }
    if kind.is_dir() {
        return refused("a folder");
    }
    if !kind.is_file() {
        return refused("a device, FIFO or socket, not a regular file");
    }
    for input in inputs {
        if fs::metadata(input).is_ok_and(|m| same_file(&m, &meta)) {
            return refused("the input file");
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Writes `bytes` to `path` through a temporary file and a rename, after
/// [`check_destination`]; the folder is created if missing.
pub fn write_atomically(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), OutputError> {
    check_destination(path, inputs)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let (mut temp, mut file) = TempFile::create(dir)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp.path, path)?;
    temp.armed = false;
    // The rename is durable once the folder is synced; some file systems cannot sync a folder,
    // and the file is in place either way, so a failure here is not reported.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Numbers temporary files within this process; the process id tells processes apart.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temporary file that removes itself unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    armed: bool,
}

impl TempFile {
    fn create(dir: &Path) -> io::Result<(TempFile, File)> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("ctoc-press-{}-{n}.tmp", std::process::id()));
            // A name left by an earlier process with the same id is skipped, never reused.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((TempFile { path, armed: true }, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 1000 => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}
