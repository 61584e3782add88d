//! The library's error type.

use crate::diagnostics::Problem;
use thiserror::Error;

/// Everything that can go wrong between a JSON description and PDF bytes.
#[derive(Debug, Error)]
pub enum Error {
    /// The description is not valid JSON of the expected shape, or fails validation.
    #[error("{} problem(s) in the meeting description:\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
    /// A language, kind or character the embedded data or fonts do not cover.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The embedded templates or language data are inconsistent (a bug in this build).
    #[error("template error: {0}")]
    Template(String),
    /// An embedded font could not be read.
    #[error("font error: {0}")]
    Font(String),
    /// The layout could not place something (e.g. a table row taller than a page).
    #[error("layout error: {0}")]
    Layout(String),
    /// Laid-out text lies outside the page's text frame: it would be lost in print, so no PDF
    /// is written.
    #[error("layout error: text would be lost on page {page}: “{text}”: {problem}")]
    OutsideFrame { page: usize, text: String, problem: String },
    /// A bug: the engine or a library it uses panicked while making this document. The panic
    /// is contained, so a batch goes on with the other documents.
    #[error("internal error while rendering {document} (a bug; please report it with the input): {message}")]
    Internal { document: String, message: String },
    /// The PDF writer refused the document (for archival output, the PDF/A or PDF/UA
    /// validation lists what breaks them).
    #[error("PDF error: {source}{}", validation_details(source))]
    Pdf { source: krilla::error::KrillaError },
    /// The PDF writer's output could not be repacked into object streams (a bug in this build
    /// or in the writer, never the input's fault).
    #[error("PDF error: the written PDF cannot be packed into object streams: {0}")]
    ObjectStreams(String),
    /// The emblem file cannot be used (unreadable, too large, damaged, beyond the limits); the
    /// message names the file when it is known.
    #[error("{0}")]
    Emblem(String),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(String),
}

impl Error {
    /// True when the input is at fault (exit code 2) rather than the renderer (exit code 1).
    pub fn is_input_error(&self) -> bool {
        matches!(self, Error::Invalid(_) | Error::Unsupported(_) | Error::Emblem(_))
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
}

/// The message a panic was raised with, for [`Error::Internal`].
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// What PDF/A or PDF/UA validation found, one problem a line (krilla names them only in its
/// `Debug` form).
fn validation_details(error: &krilla::error::KrillaError) -> String {
    match error {
        krilla::error::KrillaError::Validation(problems) => {
            problems.iter().map(|(problem, _)| format!("\n  {problem:?}")).collect()
        }
        _ => String::new(),
    }
}
