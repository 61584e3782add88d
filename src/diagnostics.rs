//! Diagnostics: a problem with an input and its place (JSON path, line, column). Neutral
//! vocabulary below every stage, so that errors and every stage can speak of input problems
//! without depending on the model.

use std::fmt;

/// One thing wrong with a description, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `$.agenda[1].title.zh`.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
