//! Hyphenation of words by Liang's patterns (TeX's hyph-utf8, through the `hyphenation`
//! crate's dictionaries, committed in `data/hyphenation/` and embedded): where a word may be
//! broken with a hyphen at a line end.
//!
//! Which pattern set a document uses, and the shortest piece a break may leave before and
//! after it, are template settings ([`crate::doc::Hyphenation`]). What is never hyphenated,
//! whatever the patterns say (the UN Editorial Manual: names of States, symbols, figures and
//! abbreviations are not divided):
//! - a word with a digit, or in capitals only (an abbreviation: UNODC, SHERLOC);
//! - a word starting with a capital (a proper name: Interpol, Vienna);
//! - a word joined to another by a hyphen, apostrophe or solidus (its own marks break it);
//! - text inside links (symbols, URLs, e-mail addresses: see the line breaker's own rules).

use hyphenation::{Hyphenator, Language, Load, Standard};
use rust_embed::RustEmbed;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "data/hyphenation/"]
#[include = "*.bincode"]
struct Dictionaries;

/// The pattern sets this build embeds, by the name a template gives them.
const SETS: [(&str, Language); 4] = [
    ("en-gb", Language::EnglishGB),
    ("fr", Language::French),
    ("es", Language::Spanish),
    ("ru", Language::Russian),
];

/// Whether `name` is a pattern set this build has.
pub fn known(name: &str) -> bool {
    SETS.iter().any(|(n, _)| *n == name)
}

/// The names of the embedded pattern sets, for messages.
pub fn names() -> Vec<&'static str> {
    SETS.iter().map(|(n, _)| *n).collect()
}

/// A loaded pattern set, shared by every document and thread of the process.
fn dictionary(name: &str) -> Option<&'static Standard> {
    static LOADED: [OnceLock<Option<Standard>>; 4] = [const { OnceLock::new() }; 4];
    let k = SETS.iter().position(|(n, _)| *n == name)?;
    LOADED[k]
        .get_or_init(|| {
            let (file, language) = SETS[k];
            let bytes = Dictionaries::get(&format!("{file}.standard.bincode"))?;
            Standard::from_reader(language, &mut bytes.data.as_ref()).ok()
        })
        .as_ref()
}

/// Byte offsets in `text` where a word may be broken with a hyphen, by the pattern set `name`,
/// leaving at least `left` letters before and `right` letters after each break. An unknown
/// set (refused when the template is loaded) gives none.
pub fn points(text: &str, name: &str, left: usize, right: usize) -> Vec<usize> {
    let Some(dict) = dictionary(name) else { return Vec::new() };
    let mut out = Vec::new();
    let bytes = text.len();
    for (start, word) in unicode_segmentation::UnicodeSegmentation::unicode_word_indices(text) {
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let joined = |c: Option<char>| matches!(c, Some('-' | '‐' | '\'' | '’' | '/' | '.' | '@' | '_'));
        if joined(before) || joined(after) || !hyphenable(word) {
            continue;
        }
        let letters = word.chars().count();
        if letters < left + right {
            continue;
        }
        for at in dict.hyphenate(word).breaks {
            let (l, r) = (word[..at].chars().count(), word[at..].chars().count());
            if l >= left && r >= right && start + at < bytes {
                out.push(start + at);
            }
        }
    }
    out
}

/// Whether a word may be hyphenated at all: letters only, not an abbreviation or a name.
fn hyphenable(word: &str) -> bool {
    // A capital anywhere marks a name or an abbreviation.
    !word.is_empty() && word.chars().all(|c| c.is_alphabetic() && !c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, set: &str, left: usize, right: usize) -> String {
        let mut out = text.to_string();
        for at in points(text, set, left, right).into_iter().rev() {
            out.insert(at, '-');
        }
        out
    }

    #[test]
    fn every_embedded_set_loads() {
        for name in names() {
            assert!(dictionary(name).is_some(), "{name}");
        }
        assert!(dictionary("de").is_none());
    }

    #[test]
    fn words_break_where_the_patterns_say() {
        assert_eq!(split("international cooperation", "en-gb", 2, 3), "in-ter-na-tional co-oper-a-tion");
        assert_eq!(split("coopération internationale", "fr", 2, 3), "co-opé-ra-tion in-ter-na-tio-nale");
        assert_eq!(split("cooperación internacional", "es", 2, 3), "coope-ra-ción in-ter-na-cio-nal");
        assert_eq!(split("международное сотрудничество", "ru", 2, 2), "меж-ду-на-род-ное со-труд-ни-че-ство");
    }

    #[test]
    fn names_abbreviations_figures_and_joined_words_stay_whole() {
        for text in [
            "Interpol",
            "UNODC",
            "SHERLOC",
            "COVID-19",
            "well-established",
            "2021",
            "www.unodc.org/documents",
        ] {
            assert!(points(text, "en-gb", 2, 3).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_minimum_pieces_are_kept() {
        // British patterns divide by etymology (OUP): in-vest-ig-a-tion. Three letters kept
        // on the left drop "in-"; five on the right drop "a-tion".
        assert_eq!(split("investigation", "en-gb", 2, 3), "in-vest-ig-a-tion");
        assert_eq!(split("investigation", "en-gb", 3, 5), "invest-ig-ation");
    }
}
