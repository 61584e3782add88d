//! The content of a note or background paper by the Secretariat (`"kind": "note"`). Its body
//! is a report's (chapters, sections, numbered paragraphs, lists, tables, footnotes, annexes,
//! inline or as CommonMark files), given under the key `note`; what the note adds — the
//! contents table — is generated from that body, so the model needs no more.

use super::{Meeting, Report};

impl Meeting {
    /// The report-like body the description holds, with the JSON path of its key: a
    /// report's `$.report` or a note's `$.note`.
    pub fn body(&self) -> Option<(&'static str, &Report)> {
        match (&self.report, &self.note) {
            (Some(r), _) => Some(("$.report", r)),
            (None, Some(n)) => Some(("$.note", n)),
            (None, None) => None,
        }
    }

    /// [`Meeting::body`], to fill in its `body_files`.
    pub fn body_mut(&mut self) -> Option<(&'static str, &mut Report)> {
        match (&mut self.report, &mut self.note) {
            (Some(r), _) => Some(("$.report", r)),
            (None, Some(n)) => Some(("$.note", n)),
            (None, None) => None,
        }
    }
}
