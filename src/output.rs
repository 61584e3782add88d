//! Writing output files: whole or not at all, and never over something that is not an earlier
//! output.
//!
//! A file is written to a new temporary file in the target folder (created with `create_new`,
//! named after the process and a counter, so two writers never share one), synced, then renamed
//! over the destination; on every error the temporary file is removed. A batch defers the syncs
//! ([`Durability::Deferred`]) and makes all its files durable at once ([`sync_folder`]): one
//! sync per file cost a third of a batch's time.
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

/// When a written file reaches the disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// The file and its name are synced before the write returns.
    Synced,
    /// Left to the operating system; the caller syncs its files together with [`sync_folder`].
    /// A crash of the program loses nothing; a crash of the system before that sync may leave
    /// an empty or old file under the name, which the caller must be able to detect.
    Deferred,
}

/// Writes `bytes` to `path` through a temporary file and a rename, after
/// [`check_destination`]; the folder is created if missing. Synced before it returns.
pub fn write_atomically(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), OutputError> {
    write_atomically_with(path, bytes, inputs, Durability::Synced)
}

/// [`write_atomically`], synced as `durability` says.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    durability: Durability,
) -> Result<(), OutputError> {
    check_destination(path, inputs)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let (mut temp, mut file) = TempFile::create(dir)?;
    file.write_all(bytes)?;
    if durability == Durability::Synced {
        file.sync_all()?;
    }
    drop(file);
    fs::rename(&temp.path, path)?;
    temp.armed = false;
    if durability == Durability::Synced {
        sync_names(dir);
    }
    Ok(())
}

/// Makes the files written into `dir` with [`Durability::Deferred`] (`files`) durable, and
/// their names. On Linux one `syncfs` writes back the whole file system, the folder and every
/// file in it included, where a sync per file waits for the disk once per file; elsewhere each
/// file is synced, then the folder.
pub fn sync_folder(dir: &Path, files: impl IntoIterator<Item = impl AsRef<Path>>) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = files;
        let d = File::open(dir)?;
        // SAFETY: `d` is an open descriptor for the duration of the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        for file in files {
            File::open(file)?.sync_all()?;
        }
        sync_names(dir);
    }
    Ok(())
}

/// Syncs the folder, which makes the renames into it durable. Some file systems cannot sync a
/// folder, and the files are in place either way, so a failure here is not reported.
fn sync_names(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_files_are_in_place_at_once_and_a_missing_folder_cannot_be_synced() {
        let dir = std::env::temp_dir().join(format!("ctoc-press-sync-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let file = dir.join("a.pdf");
        write_atomically_with(&file, b"%PDF-", &[], Durability::Deferred).expect("write");
        assert_eq!(fs::read(&file).expect("read"), b"%PDF-");
        assert_eq!(fs::read_dir(&dir).expect("list").count(), 1, "no temporary file is left");
        sync_folder(&dir, [&file]).expect("sync");
        let missing = dir.join("missing");
        assert!(sync_folder(&missing, [missing.join("a.pdf")]).is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
