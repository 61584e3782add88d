//! Reading the files a description names (a report's CommonMark `body_files`, its emblem and
//! figures), with the
//! same limits as the description itself: the library's `parse` does no I/O, so the command
//! line and batch hand it this reader.
//!
//! A named file must be a regular file (a FIFO would block, a device never end), within
//! [`MAX_INPUT_BYTES`] (checked from its metadata, then by reading at most one byte more),
//! UTF-8, and inside the description's folder: the name is relative without `..`
//! ([`model::safe_relative`]), and the real path, symbolic links resolved, must stay under the
//! folder's real path, so that a description cannot make the renderer print another file.

use crate::model::{self, MAX_INPUT_BYTES};
use std::io::Read;
use std::path::Path;

/// A reader of files named relative to `folder`, for [`crate::parse_with_files`].
pub fn files_beside(folder: &Path) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |name| read_beside(folder, name).map(|(text, _)| text)
}

/// A reader of binary files (images) named relative to `folder`, for
/// [`crate::parse_with_readers`]: the same confinement and limits as [`files_beside`], with
/// no decoding (the images are checked by [`crate::emblem::Image::from_bytes`]).
pub fn bytes_beside(folder: &Path) -> impl Fn(&str) -> Result<Vec<u8>, String> + '_ {
    move |name| read_bytes_beside(folder, name)
}

/// The text of `name`, relative to `folder`, and its bytes (for fingerprints).
pub fn read_beside(folder: &Path, name: &str) -> Result<(String, Vec<u8>), String> {
    let bytes = read_bytes_beside(folder, name)?;
    let text = model::source_from_bytes(&bytes).map_err(|p| match (p.line, p.column) {
        (Some(l), Some(c)) => format!("{l}:{c}: {}", p.message),
        _ => p.message,
    })?;
    Ok((text.to_string(), bytes))
}

/// The bytes of `name`, relative to `folder`, confined to the folder and within the limit.
pub fn read_bytes_beside(folder: &Path, name: &str) -> Result<Vec<u8>, String> {
    model::safe_relative(name)?;
    let root = folder.canonicalize().map_err(|e| format!("the description's folder: {e}"))?;
    let path = root.join(name).canonicalize().map_err(|e| e.to_string())?;
    if !path.starts_with(&root) {
        return Err("the file is outside the description's folder (through a symbolic link)".into());
    }
    let meta = std::fs::metadata(&path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(format!("the file is larger than {MAX_INPUT_BYTES} bytes (8 MiB), the limit"));
    }
    let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!("the file is larger than {MAX_INPUT_BYTES} bytes (8 MiB), the limit"));
    }
    Ok(bytes)
}

/// Reads the description at `path` and the files it names; parses and validates it for its
/// versions and `langs`.
pub fn load(path: &Path, langs: &[model::Lang]) -> Result<model::Meeting, crate::Error> {
    let invalid = |message: String| {
        crate::Error::Invalid(vec![model::Problem { path: "$".into(), line: None, column: None, message }])
    };
    let meta = std::fs::metadata(path).map_err(|e| invalid(format!("cannot read the file: {e}")))?;
    if !meta.is_file() {
        return Err(invalid("not a regular file".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| invalid(format!("cannot read the file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| invalid(format!("cannot read the file: {e}")))?;
    let source = model::source_from_bytes(&bytes).map_err(|p| crate::Error::Invalid(vec![p]))?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::parse_with_readers(source, langs, &files_beside(folder), &bytes_beside(folder))
}
