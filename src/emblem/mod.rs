//! The user's emblem: read from a file with limits and checked whole before it is used, so that
//! neither layout nor PDF writing ever meets an image it cannot draw.
//!
//! Limits (an emblem fills a slot about two centimetres wide, so they are generous):
//! - the file: a regular file of at most [`MAX_FILE_BYTES`] (10 MiB);
//! - PNG: at most [`png::MAX_PIXELS`] (40 megapixels) and [`png::MAX_DECODED_BYTES`] (160 MiB)
//!   once decoded, both read from the header before any decoding, then decoded once to prove
//!   the file whole;
//! - SVG: parsed with no access to files or the network, and limited in elements, nesting,
//!   numbers and path commands (see [`svg`]).

pub mod png;
pub mod svg;

use crate::error::Error;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The largest emblem file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// An image supplied by the user, checked: only [`Image::from_bytes`] and [`load`] make one.
#[derive(Clone, Debug)]
pub struct Image {
    pub(crate) format: ImageFormat,
    pub(crate) data: Arc<Vec<u8>>,
}

/// The formats an emblem may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl Image {
    /// Recognises PNG and SVG data by their content and checks them against the limits.
    pub fn from_bytes(data: Vec<u8>) -> Result<Image, Error> {
        checked(data).map_err(|reason| Error::Emblem(format!("the emblem cannot be used: {reason}")))
    }

    /// The image's format.
    pub fn format(&self) -> ImageFormat {
        self.format
    }
}

/// The image in `data`, or why it cannot be used.
pub(crate) fn checked(data: Vec<u8>) -> Result<Image, String> {
    let format = sniff(&data).ok_or("it is neither a PNG nor an SVG file")?;
    match format {
        ImageFormat::Png => png::check(&data)?,
        ImageFormat::Svg => svg::check(&data)?,
    }
    Ok(Image { format, data: Arc::new(data) })
}

fn sniff(data: &[u8]) -> Option<ImageFormat> {
    if data.starts_with(png::SIGNATURE) {
        return Some(ImageFormat::Png);
    }
    let head = String::from_utf8_lossy(&data[..data.len().min(4096)]).to_ascii_lowercase();
    let svg = head.trim_start_matches('\u{feff}').trim_start().starts_with('<') && head.contains("<svg");
    svg.then_some(ImageFormat::Svg)
}

/// Reads and checks the emblem at `path`. Anything but a regular file (a device such as
/// `/dev/zero`, a FIFO, a socket, a folder) is refused from its metadata before it is opened,
/// and the file is opened without blocking, so that a FIFO put in its place cannot hang us.
pub fn load(path: &Path) -> Result<Image, Error> {
    read_limited(path)
        .and_then(checked)
        .map_err(|reason| Error::Emblem(format!("the emblem {} cannot be used: {reason}", path.display())))
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    regular_and_small(&meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| format!("cannot read it: {e}"))?;
    // The file may have been replaced since the first look: look again at what was opened.
    regular_and_small(&file.metadata().map_err(|e| format!("cannot read it: {e}"))?)?;
    let mut data = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut data).map_err(|e| format!("cannot read it: {e}"))?;
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(data)
}

fn regular_and_small(meta: &std::fs::Metadata) -> Result<(), String> {
    if !meta.is_file() {
        return Err("it is not a regular file (a folder, device, FIFO or socket)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> String {
    format!("it is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))
}
