//! Preparing a paragraph's text before shaping, once: the language and base direction of the
//! paragraph, each character's bidi embedding level (UAX #9 rules P2–I2, by `unicode-bidi`) and
//! its script (UAX #24 script property, by `unicode-script`, with characters common to scripts
//! resolved to their neighbours' script). Shaping reads the script, direction and language of a
//! run from here; the line setter reorders a line for display from the levels (UAX #9 rule L2).
//! Typst's inline layout prepares a paragraph the same way (`inline/prepare.rs`).

use unicode_bidi::{BidiInfo, Level};
use unicode_script::{Script, UnicodeScript};

/// A writing direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    /// The direction of text at embedding `level` (UAX #9: odd levels are right-to-left).
    pub fn of_level(level: u8) -> Dir {
        if level % 2 == 1 { Dir::Rtl } else { Dir::Ltr }
    }
}

/// A BCP 47 language tag (the document's, or a span's), kept inline so that it is `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LangTag {
    bytes: [u8; 16],
    len: u8,
    /// What the primary subtag says, found once: shaping and breaking ask for every unit.
    chinese: bool,
    rtl: bool,
}

impl std::fmt::Debug for LangTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Primary language subtags of languages written right to left.
const RTL_LANGUAGES: [&str; 9] = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"];

impl LangTag {
    /// The tag `tag`; tags are ASCII, and one longer than 16 bytes keeps its first 16.
    pub fn parse(tag: &str) -> LangTag {
        let mut bytes = [0u8; 16];
        let mut len = 0;
        for (slot, b) in bytes.iter_mut().zip(tag.bytes().filter(u8::is_ascii)) {
            *slot = b;
            len += 1;
        }
        let mut lang = LangTag { bytes, len, chinese: false, rtl: false };
        let primary = lang.as_str().split('-').next().unwrap_or("");
        (lang.chinese, lang.rtl) = (
            primary.eq_ignore_ascii_case("zh"),
            RTL_LANGUAGES.iter().any(|l| primary.eq_ignore_ascii_case(l)),
        );
        lang
    }

    /// The tag as written.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("und")
    }

    /// Whether Chinese typography applies (clreq punctuation, spacing and breaking).
    pub fn is_chinese(&self) -> bool {
        self.chinese
    }

    /// The base direction of a paragraph in this language.
    pub fn dir(&self) -> Dir {
        if self.rtl { Dir::Rtl } else { Dir::Ltr }
    }
}

/// A paragraph's text with its levels and scripts, byte by byte.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The paragraph's language.
    pub lang: LangTag,
    /// The paragraph's base direction (from its language).
    pub dir: Dir,
    /// Bidi embedding level of each byte of the text (UAX #9 X1–I2).
    levels: Vec<u8>,
    /// Resolved script of each byte of the text.
    scripts: Vec<Script>,
}

impl Prepared {
    /// Resolves the levels and scripts of `text` in a paragraph of `lang`.
    pub fn new(text: &str, lang: LangTag) -> Prepared {
        let dir = lang.dir();
        // Left-to-right text without a right-to-left character, an Arabic number or an
        // explicit embedding is all at level 0: every European number follows `sos` or an L
        // (W7) and no rule raises a level (I1), so the levels are left empty, which reads as
        // the paragraph's level everywhere.
        let levels = if dir == Dir::Ltr && !text.chars().any(may_raise_level) {
            Vec::new()
        } else {
            let base = if dir == Dir::Rtl { Level::rtl() } else { Level::ltr() };
            BidiInfo::new(text, Some(base)).levels.iter().map(Level::number).collect()
        };
        Prepared { lang, dir, levels, scripts: scripts(text) }
    }

    /// The embedding level of the character at byte `at`.
    pub fn level(&self, at: usize) -> u8 {
        self.levels.get(at).copied().unwrap_or(self.base_level())
    }

    /// The resolved script of the character at byte `at`.
    pub fn script(&self, at: usize) -> Script {
        self.scripts.get(at).copied().unwrap_or(Script::Common)
    }

    /// The paragraph's level (UAX #9 P3): 1 for a right-to-left paragraph, 0 otherwise.
    pub fn base_level(&self) -> u8 {
        u8::from(self.dir == Dir::Rtl)
    }
}

/// Whether `c` may lie in a block whose bidi class is R, AL or AN (DerivedBidiClass.txt:
/// Hebrew to Arabic Extended, the Hebrew and Arabic presentation forms, and the right-to-left
/// blocks of planes 1), or is RLM or an explicit embedding, override or isolate. A superset:
/// a character outside these is L, EN or neutral in every version of UCD.
fn may_raise_level(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
}

/// The script of each byte: a character of the Common or Inherited script (spaces, digits,
/// punctuation, combining marks) takes the script of the character before it, or, at the start
/// of the text, of the first character that has one (UAX #24 §5.1, the usual resolution for
/// choosing a shaping script).
fn scripts(text: &str) -> Vec<Script> {
    let first = text.chars().map(script_of).find(|s| !is_shared(*s)).unwrap_or(Script::Common);
    let mut current = first;
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let s = script_of(c);
        if !is_shared(s) {
            current = s;
        }
        out.extend(std::iter::repeat_n(current, c.len_utf8()));
    }
    out
}

/// The script property of `c`, without the table search for the characters most text is
/// made of: ASCII (Latin letters, the rest Common) and the CJK Unified Ideographs block (Han
/// throughout since Unicode 14). `unicode-script` answers for every other character; a test
/// holds the shortcut to its answers.
fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' => Script::Latin,
        '\0'..='\x7F' => Script::Common,
        '\u{4E00}'..='\u{9FFF}' => Script::Han,
        _ => c.script(),
    }
}

fn is_shared(s: Script) -> bool {
    matches!(s, Script::Common | Script::Inherited | Script::Unknown)
}

/// The harfrust script of `s` (ISO 15924 code).
pub fn shaping_script(s: Script) -> Option<harfrust::Script> {
    s.short_name().parse::<harfrust::Script>().ok()
}

/// The visual order of the items of one line (UAX #9 rule L2): `levels` holds each item's
/// level in logical order, after rule L1 (trailing white space at the paragraph level). The
/// result lists item indices from left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels.iter().map(|l| Level::new(*l).unwrap_or_else(|_| Level::ltr())).collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_with_a_symbol_and_digits() {
        let text = "انظر A/72/100 في 2021.";
        let p = Prepared::new(text, LangTag::parse("ar"));
        assert_eq!(p.dir, Dir::Rtl);
        assert_eq!(p.level(0), 1, "Arabic letters at the paragraph's level");
        let a = text.find('A').unwrap_or(0);
        assert_eq!(p.level(a), 2, "a Latin symbol is embedded left to right");
        let d = text.rfind("2021").unwrap_or(0);
        assert_eq!(p.level(d), 2, "digits are left to right");
        assert_eq!(p.script(0), Script::Arabic);
        assert_eq!(p.script(a), Script::Latin);
        assert_eq!(p.script(d - 1), Script::Arabic, "the space after في stays Arabic");
    }

    #[test]
    fn english_is_left_to_right_and_chinese_is_chinese() {
        let p = Prepared::new("The item 2 (a).", LangTag::parse("en"));
        assert!((0..15).all(|i| p.level(i) == 0));
        assert!(LangTag::parse("zh-Hans").is_chinese());
        assert!(!LangTag::parse("en").is_chinese());
        assert_eq!(LangTag::parse("ar").dir(), Dir::Rtl);
    }

    /// Where the levels are not computed, they are what UAX #9 gives: every character outside
    /// the right-to-left blocks, in left-to-right text, is at level 0.
    #[test]
    fn left_to_right_text_is_level_zero_without_the_algorithm() {
        let outside = (0u32..0x3_0000).filter_map(char::from_u32).filter(|&c| {
            !may_raise_level(c) && !matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
        });
        let text: String = outside.flat_map(|c| ['1', c, '2', ' ', c]).collect();
        let info = BidiInfo::new(&text, Some(Level::ltr()));
        assert_eq!(info.paragraphs.len(), 1);
        let raised: Vec<char> =
            text.char_indices().filter(|&(i, _)| info.levels[i].number() != 0).map(|(_, c)| c).collect();
        assert!(raised.is_empty(), "raised: {:?}", &raised[..raised.len().min(20)]);
        assert!(Prepared::new("abc", LangTag::parse("en")).levels.is_empty());
        assert!(!Prepared::new("a \u{05D0}", LangTag::parse("en")).levels.is_empty());
    }

    #[test]
    fn the_script_shortcut_is_the_tables_answer() {
        for c in ('\0'..='\x7F').chain('\u{4E00}'..='\u{9FFF}') {
            assert_eq!(script_of(c), c.script(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn rule_l2_reverses_odd_levels() {
        // An Arabic word, a Latin symbol, an Arabic word: the symbol stays left to right.
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 0, 0]), vec![0, 1, 2]);
    }
}
