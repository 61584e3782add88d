//! The embedded faces and the choice of face for each character.
//!
//! Fonts are compiled into the binary (`rust-embed`), so rendering needs no font files on the
//! machine. They are parsed once per process; the book is shared by every document rendered.

use crate::doc::Family;
use crate::error::Error;
use harfrust::{FontRef, ShaperData};
use read_fonts::TableProvider;
use read_fonts::tables::cmap::CmapSubtable;
use rust_embed::RustEmbed;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(RustEmbed)]
#[folder = "fonts/"]
#[include = "*.otf"]
#[include = "*.ttf"]
struct FontFiles;

/// (name, SHA-256) of every embedded file of this folder, for the engine's fingerprint.
pub(crate) fn digests() -> Vec<(String, [u8; 32])> {
    FontFiles::iter()
        .filter_map(|name| FontFiles::get(&name).map(|f| (format!("fonts/{name}"), f.metadata.sha256_hash())))
        .collect()
}

/// The faces the engine uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    /// Noto Serif CJK SC: body Han text (宋体 role).
    SerifCjk,
    SerifCjkBold,
    /// Noto Sans CJK SC: headings (黑体 role).
    SansCjk,
    SansCjkBold,
    /// Liberation Serif: Latin text and digits (Times New Roman role).
    Latin,
    LatinBold,
    LatinItalic,
    /// Noto Naskh Arabic: Arabic-script text.
    Arabic,
    ArabicBold,
}

impl FaceId {
    pub const ALL: [FaceId; 9] = [
        FaceId::SerifCjk,
        FaceId::SerifCjkBold,
        FaceId::SansCjk,
        FaceId::SansCjkBold,
        FaceId::Latin,
        FaceId::LatinBold,
        FaceId::LatinItalic,
        FaceId::Arabic,
        FaceId::ArabicBold,
    ];

    pub fn file(self) -> &'static str {
        match self {
            FaceId::SerifCjk => "NotoSerifCJKsc-Regular.otf",
            FaceId::SerifCjkBold => "NotoSerifCJKsc-Bold.otf",
            FaceId::SansCjk => "NotoSansCJKsc-Regular.otf",
            FaceId::SansCjkBold => "NotoSansCJKsc-Bold.otf",
            FaceId::Latin => "LiberationSerif-Regular.ttf",
            FaceId::LatinBold => "LiberationSerif-Bold.ttf",
            FaceId::LatinItalic => "LiberationSerif-Italic.ttf",
            FaceId::Arabic => "NotoNaskhArabic-Regular.ttf",
            FaceId::ArabicBold => "NotoNaskhArabic-Bold.ttf",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Whether the face is one of the CJK faces (full-width punctuation, clreq spacing).
    pub fn is_cjk(self) -> bool {
        matches!(self, FaceId::SerifCjk | FaceId::SerifCjkBold | FaceId::SansCjk | FaceId::SansCjkBold)
    }
}

/// The faces of one family and weight, one per script group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Faces {
    pub cjk: FaceId,
    pub latin: FaceId,
    /// Naskh has no italic: Arabic italic text stays upright, as Arabic typography has no
    /// slanted style.
    pub arabic: FaceId,
}

/// The faces for a family and weight.
pub fn faces_for(family: Family, bold: bool, italic: bool) -> Faces {
    let arabic = if bold { FaceId::ArabicBold } else { FaceId::Arabic };
    if italic && !bold {
        let cjk = if family == Family::Sans { FaceId::SansCjk } else { FaceId::SerifCjk };
        return Faces { cjk, latin: FaceId::LatinItalic, arabic };
    }
    let (cjk, latin) = match (family, bold) {
        (Family::Serif, false) => (FaceId::SerifCjk, FaceId::Latin),
        (Family::Serif, true) => (FaceId::SerifCjkBold, FaceId::LatinBold),
        (Family::Sans, false) => (FaceId::SansCjk, FaceId::Latin),
        (Family::Sans, true) => (FaceId::SansCjkBold, FaceId::LatinBold),
    };
    Faces { cjk, latin, arabic }
}

/// A parsed face.
pub struct Face {
    pub id: FaceId,
    pub data: &'static [u8],
    pub font: FontRef<'static>,
    pub shaper: ShaperData,
    pub units_per_em: f32,
    /// The cmap's subtables in the order of its encoding records, read once: looking a
    /// character up is the hottest font call (coverage, fallback), and reading the table
    /// again for each character cost more than the look-up.
    subtables: Vec<CmapSubtable<'static>>,
    /// What [`Face::has`] found for each character of the Basic Multilingual Plane, two bits
    /// each (looked up, has a glyph), shared by every thread: the choice of face asks it for
    /// every character of a text, and a text repeats a few hundred characters; a look-up in
    /// the cmap is a binary search over hundreds of segments.
    seen: Box<[AtomicU64]>,
}

impl Face {
    /// Glyph id of `c`, if the face has one: the first subtable that maps it, as
    /// [`read_fonts::tables::cmap::Cmap::map_codepoint`] does.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.subtables.iter().find_map(|t| t.map_codepoint(c)).map(|g| g.to_u32() as u16).filter(|g| *g != 0)
    }

    pub fn has(&self, c: char) -> bool {
        let code = c as usize;
        let Some(word) = self.seen.get(code / 32) else { return self.glyph(c).is_some() };
        let shift = (code % 32) * 2;
        let bits = word.load(Ordering::Relaxed) >> shift;
        if bits & 1 != 0 {
            return bits & 2 != 0;
        }
        let has = self.glyph(c).is_some();
        // Both bits in one atomic operation: whoever sees the first sees the second.
        word.fetch_or((1 | u64::from(has) << 1) << shift, Ordering::Relaxed);
        has
    }
}

/// All faces, parsed once.
pub struct FontBook {
    faces: Vec<Face>,
}

static BOOK: OnceLock<Result<FontBook, String>> = OnceLock::new();

impl FontBook {
    /// The process-wide book of embedded faces.
    pub fn get() -> Result<&'static FontBook, Error> {
        BOOK.get_or_init(FontBook::load).as_ref().map_err(|e| Error::Font(e.clone()))
    }

    fn load() -> Result<FontBook, String> {
        let mut faces = Vec::new();
        for id in FaceId::ALL {
            let file =
                FontFiles::get(id.file()).ok_or_else(|| format!("fonts/{} is not embedded", id.file()))?;
            // Embedded data is static in release builds; leaking an owned copy (debug builds
            // without embedding) happens once per process.
            let data: &'static [u8] = match file.data {
                std::borrow::Cow::Borrowed(b) => b,
                std::borrow::Cow::Owned(v) => Box::leak(v.into_boxed_slice()),
            };
            let font = FontRef::new(data).map_err(|e| format!("fonts/{}: {e}", id.file()))?;
            let units_per_em =
                font.head().map_err(|e| format!("fonts/{}: {e}", id.file()))?.units_per_em() as f32;
            let shaper = ShaperData::new(&font);
            let cmap = font.cmap().map_err(|e| format!("fonts/{}: {e}", id.file()))?;
            let subtables =
                cmap.encoding_records().iter().filter_map(|r| r.subtable(cmap.offset_data()).ok()).collect();
            let seen = (0..0x10000 / 32).map(|_| AtomicU64::new(0)).collect();
            faces.push(Face { id, data, font, shaper, units_per_em, subtables, seen });
        }
        Ok(FontBook { faces })
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }

    /// Whether any embedded face can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        c.is_control() || self.faces.iter().any(|f| f.has(c))
    }
}

/// [`FontBook::covers`] remembering the characters of the Basic Multilingual Plane it found
/// drawable (a bit each, 8 KB). A description's text repeats a few thousand distinct
/// characters a hundred thousand times; a cmap look-up in each face in turn for every one of
/// them was most of the time checking a long description took.
pub struct Coverage<'a> {
    book: &'a FontBook,
    drawable: std::cell::RefCell<Vec<u64>>,
}

impl<'a> Coverage<'a> {
    pub fn new(book: &'a FontBook) -> Self {
        Coverage { book, drawable: std::cell::RefCell::new(vec![0; 0x10000 / 64]) }
    }

    /// Whether any embedded face can draw `c`: the same answer as [`FontBook::covers`].
    pub fn covers(&self, c: char) -> bool {
        let code = c as usize;
        let (word, bit) = (code / 64, 1u64 << (code % 64));
        let mut drawable = self.drawable.borrow_mut();
        if drawable.get(word).is_some_and(|w| w & bit != 0) {
            return true;
        }
        let covered = self.book.covers(c);
        if covered && let Some(w) = drawable.get_mut(word) {
            *w |= bit;
        }
        covered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A face's memo of looked-up characters answers as its cmap does, the first time and
    /// again, for characters across the whole Basic Multilingual Plane and beyond it, asked
    /// from two threads at once.
    #[test]
    fn a_face_remembers_what_its_cmap_says() {
        let book = FontBook::get().expect("fonts");
        let sample: Vec<char> = (0..0x11000u32)
            .step_by(5)
            .chain("联合国，。《》Convention Конвенция اتفاقية\u{13000}\u{20000}".chars().map(u32::from))
            .filter_map(char::from_u32)
            .collect();
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..2 {
                        for id in FaceId::ALL {
                            let face = book.face(id);
                            for &c in &sample {
                                assert_eq!(face.has(c), face.glyph(c).is_some(), "{id:?} U+{:04X}", c as u32);
                            }
                        }
                    }
                });
            }
        });
        let han = book.face(FaceId::SerifCjk);
        assert!(han.has('联') && !han.has('\u{0378}'), "the sample has characters drawn and not");
    }

    /// The memo answers as the book does, the first time and again, for characters the faces
    /// draw (Han, Latin, Cyrillic, Arabic) and characters none draws (Thai, a hieroglyph
    /// outside the BMP, an unassigned code point).
    #[test]
    fn coverage_answers_as_the_book_does() {
        let book = FontBook::get().expect("fonts");
        let coverage = Coverage::new(book);
        let sample: Vec<char> = "联合国 Convention Конвенция اتفاقية ภาษา\u{13000}\u{0378}".chars().collect();
        assert!(sample.iter().any(|c| !book.covers(*c)), "the sample has undrawable characters");
        for _ in 0..2 {
            for &c in &sample {
                assert_eq!(coverage.covers(c), book.covers(c), "U+{:04X}", c as u32);
            }
        }
    }
}
