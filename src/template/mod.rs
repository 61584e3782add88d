//! Templates: a document kind plus a locale turn a validated meeting description into a
//! document tree ([`crate::doc::Document`]). Everything generated — dates, times, numbering,
//! list punctuation, boilerplate words — is spelled here from structured data and `data/`.

mod agenda;
mod cite;
mod envelope;
pub mod locale;
mod notes;
mod ordinal;
mod report;
mod spec;

pub use cite::cite_inlines;
pub use locale::Locale;

use crate::doc::Document;
use crate::error::Error;
use crate::model::{DocumentKind, Lang, Meeting};

/// (name, SHA-256) of the embedded language data and templates.
pub fn asset_digests() -> Vec<(String, [u8; 32])> {
    let mut v = locale::digests();
    v.extend(spec::digests());
    v
}

/// Builds the document tree of `meeting` in `lang`.
pub fn build(meeting: &Meeting, lang: Lang) -> Result<Document, Error> {
    match meeting.kind {
        DocumentKind::ProvisionalAgenda => agenda::build(meeting, lang),
        DocumentKind::Report => report::build(meeting, lang),
    }
}
