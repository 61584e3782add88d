//! Advisory locks on the output folder, so that batches sharing it never lose each other's work.
//!
//! Two lock files in the folder (`flock`, released by the system when a process ends, even by
//! SIGKILL):
//! - `<manifest>.lock`, held exclusively for the whole run: two batches that write the same
//!   manifest run one after the other, the second waiting (a scheduler's retry would only
//!   redo what the wait gives for free). Shards write their own manifests, so they run together.
//! - `batch.lock`, held shared by every batch while it runs. A batch that finds itself alone
//!   (it can take this lock exclusively) removes the temporary files a killed batch left; no
//!   other batch can be writing one at that moment.

use crate::Error;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The folder-wide lock file's name.
pub const FOLDER_LOCK: &str = "batch.lock";

/// The lock file of a manifest.
pub fn manifest_lock_name(manifest: &str) -> String {
    format!("{manifest}.lock")
}

/// Held while a batch runs; dropping it releases both locks.
#[derive(Debug)]
pub struct Lock {
    _manifest: File,
    _folder: File,
}

fn open(path: &Path) -> Result<File, Error> {
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::Io(format!("cannot open the lock file {}: {e}", path.display())))
}

fn failed(path: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("cannot lock {}: {e}", path.display()))
}

impl Lock {
    /// Takes the locks of `manifest` in `out_dir`, calling `waiting` with the lock file's path
    /// if another batch holds it, and `alone` (before any work) if no other batch runs in the
    /// folder.
    pub fn acquire(
        out_dir: &Path,
        manifest: &str,
        waiting: &dyn Fn(&Path),
        alone: &dyn Fn(),
    ) -> Result<Lock, Error> {
        let manifest_path: PathBuf = out_dir.join(manifest_lock_name(manifest));
        let manifest_file = open(&manifest_path)?;
        match manifest_file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting(&manifest_path);
                manifest_file.lock().map_err(|e| failed(&manifest_path, e))?;
            }
            Err(TryLockError::Error(e)) => return Err(failed(&manifest_path, e)),
        }
        // Always taken after the manifest's lock, and held exclusively only while nothing else
        // is waited for, so two batches cannot wait for each other.
        let folder_path = out_dir.join(FOLDER_LOCK);
        let folder_file = open(&folder_path)?;
        match folder_file.try_lock() {
            Ok(()) => {
                alone();
                folder_file.unlock().map_err(|e| failed(&folder_path, e))?;
            }
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(failed(&folder_path, e)),
        }
        folder_file.lock_shared().map_err(|e| failed(&folder_path, e))?;
        Ok(Lock { _manifest: manifest_file, _folder: folder_file })
    }
}
