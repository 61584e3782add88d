//! ctoc-press: JSON meeting descriptions in, print-ready UN documents (PDF) out.
//!
//! The pipeline runs one way through four stages with plain data between them:
//! [`model`] (JSON in, validated) → [`template`] (a document kind and a locale make a
//! [`doc::Document`]) → [`layout`] (shaping, line breaking, pages) → [`pdf`] (bytes).
//!
//! ```no_run
//! let source = std::fs::read_to_string("examples/ctoc-cop-wg3-2021-1.json").unwrap();
//! let meeting = ctoc_press::parse(&source).unwrap();
//! for doc in ctoc_press::render(&meeting, &ctoc_press::Options::default()).unwrap() {
//!     std::fs::write(format!("{}.pdf", doc.lang), &doc.pdf).unwrap();
//! }
//! ```

pub mod batch;
mod contract;
pub mod diagnostics;
pub mod doc;
pub mod emblem;
pub mod error;
pub mod explain;
pub mod input;
pub mod layout;
mod memo;
pub mod model;
pub mod output;
pub mod page;
mod paginate;
pub mod parallel;
pub mod pdf;
pub mod starter;
pub mod template;
pub mod units;
pub mod watch;

pub use error::Error;
pub use model::{Lang, Meeting, Problem};

/// A fingerprint of this engine: its version and every embedded template, language file and
/// font. Batch runs compare it, so that outputs made by another build (a changed template, a
/// renamed body in the data) are made again.
pub fn engine_digest() -> &'static str {
    static DIGEST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIGEST.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let mut files = template::asset_digests();
        files.extend(layout::fonts::digests());
        files.sort();
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        for (name, digest) in files {
            h.update(name.as_bytes());
            h.update(digest);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// What to render.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Render only these language versions (default: all the description asks for).
    pub languages: Option<Vec<Lang>>,
    /// Write archival, accessible PDF/A-2a and PDF/UA-1 (validated by the PDF writer) instead
    /// of plain tagged PDF 1.7.
    pub archival: bool,
    /// An image (PNG or SVG) for the emblem slot of the masthead.
    pub emblem: Option<doc::Image>,
}

/// One rendered language version.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub lang: Lang,
    pub symbol: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// What the layout did as a last resort (see [`layout::Warning`]).
    pub warnings: Vec<layout::Warning>,
}

/// Parses and validates a meeting description for the language versions it lists; every
/// problem is reported with its JSON path, line and column. A description that parses renders.
pub fn parse(source: &str) -> Result<Meeting, Error> {
    parse_for(source, &[])
}

/// [`parse`] for rendering the versions `langs` as well as those the description lists
/// (`render --lang en`): a text missing in one of them is reported at its place.
pub fn parse_for(source: &str, langs: &[Lang]) -> Result<Meeting, Error> {
    parse_with_files(source, langs, &|_| {
        Err("`parse` reads no files: use `parse_with_files` (or the command line, which reads them)".into())
    })
}

/// [`parse_for`] for a description that names other files (a report's `body_files`):
/// `read` gives the text of a file named relative to the description's folder. The library
/// reads nothing itself; [`input::files_beside`] is a reader with the command line's limits.
pub fn parse_with_files(
    source: &str,
    langs: &[Lang],
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Meeting, Error> {
    parse_with_readers(source, langs, read, &|_| {
        Err("no reader of images was given: use `parse_with_readers` (or the command line)".into())
    })
}

/// [`parse_with_files`] for a description that also names images (its `emblem`, figures):
/// `read_bytes` gives the bytes of a file named relative to the description's folder;
/// [`input::bytes_beside`] is a reader with the command line's limits.
pub fn parse_with_readers(
    source: &str,
    langs: &[Lang],
    read: &dyn Fn(&str) -> Result<String, String>,
    read_bytes: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Meeting, Error> {
    accept_with_readers(source, langs, read, read_bytes).map(|accepted| accepted.meeting)
}

/// A description that [`parse_with_readers`] accepted, with the documents its check built for
/// the versions it checked, for [`render_accepted`] to lay out instead of checking and
/// building them again.
pub struct Accepted {
    meeting: Meeting,
    checked: contract::Checked,
    /// The versions the check covered: the description's and those asked for.
    versions: Vec<Lang>,
}

impl Accepted {
    /// The description.
    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    /// Drops the documents the check built, for a program that holds many accepted
    /// descriptions before it renders them: [`render_accepted`] builds them again, but still
    /// does not check again.
    pub fn drop_documents(&mut self) {
        self.checked = contract::Checked::default();
    }
}

/// [`parse_with_readers`], keeping what its check built (see [`Accepted`]).
pub fn accept_with_readers(
    source: &str,
    langs: &[Lang],
    read: &dyn Fn(&str) -> Result<String, String>,
    read_bytes: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Accepted, Error> {
    let read_all = Meeting::from_json_all(source);
    // A tree holding placeholders is not checked further: see `Recovered::placeholders`.
    let meeting = read_all.meeting.clone().filter(|_| !read_all.placeholders);
    let Some(mut meeting) = meeting else { return Err(Error::Invalid(read_all.problems)) };
    let checked = check_built(&mut meeting, source, langs, read, read_bytes);
    if read_all.problems.is_empty() {
        let versions = meeting.versions_with(langs);
        return checked.map(|checked| Accepted { meeting, checked, versions });
    }
    // The tree was built from a repaired value: the checks' problems join the structural ones,
    // except where a placeholder stands.
    let mut problems = read_all.problems.clone();
    if let Err(Error::Invalid(more)) = checked {
        problems.extend(more.into_iter().filter(|p| !read_all.touches_repair(&p.path)));
    }
    problems.sort_by_key(|p| (p.line.is_none(), p.line, p.column));
    Err(Error::Invalid(problems))
}

/// Reads the body files of a built description and checks it (validation and contract).
fn check_built(
    meeting: &mut Meeting,
    source: &str,
    langs: &[Lang],
    read: &dyn Fn(&str) -> Result<String, String>,
    read_bytes: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<contract::Checked, Error> {
    let versions = meeting.versions_with(langs);
    let mut problems = Vec::new();
    if let Some(name) = meeting.emblem.clone() {
        match model::read_image(&name, "$.emblem", source, read_bytes) {
            Ok(image) => meeting.emblem_image = Some(image),
            Err(p) => problems.push(p),
        }
    }
    if let Some((root, body)) = meeting.body_mut() {
        match model::resolve_body(body, root, Some(source), &versions, read) {
            Ok(()) => problems.extend(model::resolve_figures(body, root, source, read_bytes)),
            Err(more) => problems.extend(more),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    contract::check(meeting, Some(source), langs)
}

/// Renders every language version asked for. The versions are checked together, once, and
/// each is laid out from the document the check built. Several versions are rendered in
/// parallel on rayon's pool (each is independent of the others, so the bytes are the same),
/// except on a pool's worker: a batch already keeps every core busy, and a worker waiting
/// for a version would take up other documents on its own stack. Of several failures, the
/// first version's is returned.
pub fn render(meeting: &Meeting, options: &Options) -> Result<Vec<Rendered>, Error> {
    let langs = options.languages.clone().unwrap_or_else(|| meeting.languages.clone());
    let label = langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ");
    let checked = guarded(meeting, &label, || contract::check(meeting, None, &langs))?;
    render_checked(meeting, langs, checked, options)
}

/// [`render`] of a description accepted by [`accept_with_readers`]: not checked again if
/// its check covered every version asked for.
pub fn render_accepted(accepted: Accepted, options: &Options) -> Result<Vec<Rendered>, Error> {
    let Accepted { meeting, checked, versions } = accepted;
    let langs = options.languages.clone().unwrap_or_else(|| meeting.languages.clone());
    if !langs.iter().all(|l| versions.contains(l)) {
        return render(&meeting, options);
    }
    render_checked(&meeting, langs, checked, options)
}

/// Renders the versions `langs` of a checked description (see [`render`]).
fn render_checked(
    meeting: &Meeting,
    langs: Vec<Lang>,
    mut checked: contract::Checked,
    options: &Options,
) -> Result<Vec<Rendered>, Error> {
    use rayon::prelude::*;
    let versions: Vec<(Lang, Option<doc::Document>)> =
        langs.into_iter().map(|lang| (lang, checked.take(lang))).collect();
    let render = |(lang, built): (Lang, Option<doc::Document>)| {
        guarded(meeting, lang.code(), || render_built(meeting, lang, built, options))
    };
    let rendered: Vec<Result<Rendered, Error>> =
        if versions.len() > 1 && rayon::current_thread_index().is_none() {
            versions.into_par_iter().map(render).collect()
        } else {
            versions.into_iter().map(render).collect()
        };
    rendered.into_iter().collect()
}

/// Reads now what every render reads once a process: the embedded faces, for shaping and
/// for the PDF writer (a few milliseconds, most of it the first touch of the font data).
/// Rendering does it when first needed; a program that is about to render (the command
/// line, before it has read its input) can start it on another thread instead.
pub fn warm_up() {
    let _ = layout::fonts::FontBook::get();
    let _ = pdf::warm_up();
}

/// Builds the document tree and lays it out, without writing PDF.
pub fn lay_out(meeting: &Meeting, lang: Lang) -> Result<(doc::Document, layout::Layout), Error> {
    lay_out_with(meeting, lang, &Options::default())
}

/// [`lay_out`] with options (the emblem).
pub fn lay_out_with(
    meeting: &Meeting,
    lang: Lang,
    options: &Options,
) -> Result<(doc::Document, layout::Layout), Error> {
    // What validation refuses, rendering refuses too (the same check).
    let built = contract::check(meeting, None, &[lang])?.take(lang);
    lay_out_built(meeting, lang, built, options)
}

/// Lays out version `lang` from the document the check built (`built`), or builds it.
fn lay_out_built(
    meeting: &Meeting,
    lang: Lang,
    built: Option<doc::Document>,
    options: &Options,
) -> Result<(doc::Document, layout::Layout), Error> {
    // `--emblem` overrides the description's `emblem` for one run.
    let emblem = options.emblem.as_ref().or(meeting.emblem_image.as_ref());
    paginate::lay_out(meeting, lang, emblem, built)
}

/// Renders one language version. A panic in the engine or in a library it uses is contained
/// here and returned as [`Error::Internal`] naming the document, so that a caller rendering
/// many documents goes on with the others.
pub fn render_one(meeting: &Meeting, lang: Lang, options: &Options) -> Result<Rendered, Error> {
    guarded(meeting, lang.code(), || {
        let built = contract::check(meeting, None, &[lang])?.take(lang);
        render_built(meeting, lang, built, options)
    })
}

/// Runs `work`, a panic in it returned as [`Error::Internal`] naming the document.
fn guarded<T>(meeting: &Meeting, langs: &str, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        Err(Error::Internal {
            document: format!("{} ({langs})", meeting.symbol),
            message: error::panic_message(payload.as_ref()),
        })
    })
}

/// Renders version `lang`, checked, from the document the check built (or builds it).
fn render_built(
    meeting: &Meeting,
    lang: Lang,
    built: Option<doc::Document>,
    options: &Options,
) -> Result<Rendered, Error> {
    let (document, laid) = lay_out_built(meeting, lang, built, options)?;
    let info = pdf::Info {
        title: document.title.clone(),
        subject: document.symbol.clone(),
        lang: document.lang.clone(),
        date: document.date,
        archival: options.archival,
    };
    let bytes = pdf::write(&laid, &info)?;
    Ok(Rendered {
        lang,
        symbol: meeting.symbol.clone(),
        pdf: bytes,
        pages: laid.pages.len(),
        warnings: laid.warnings,
    })
}
