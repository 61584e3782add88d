//! Hyphenation of words by Liang's patterns (TeX's hyph-utf8, through the `hyphenation`
//! crate's dictionaries, committed in `data/hyphenation/` and embedded): where a word may be
//! broken with a hyphen at a line end.
//!
//! Which pattern set a document uses, and the shortest piece a break may leave before and
//! after it, are template settings ([`crate::doc::Hyphenation`], per language). What is never
//! hyphenated, whatever the patterns say, because a reader must find it whole (a name to
//! search for, a figure or a symbol to quote):
//! - a word with a digit, or in capitals only (an abbreviation: UNODC, SHERLOC);
//! - a word starting with a capital (a proper name: Interpol, Vienna);
//! - a word joined to another by a hyphen, apostrophe or solidus (its own marks break it);
//! - text inside links (symbols, URLs, e-mail addresses: see the line breaker's own rules).

use crate::doc::PatternSet;
use hyphenation::{Hyphenator, Language, Load, Standard};
use rust_embed::RustEmbed;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "data/hyphenation/"]
#[include = "*.bincode"]
struct Dictionaries;

/// The dictionary file and language of each pattern set.
fn source(set: PatternSet) -> (&'static str, Language) {
    match set {
        PatternSet::EnglishGb => ("en-gb", Language::EnglishGB),
        PatternSet::French => ("fr", Language::French),
        PatternSet::Spanish => ("es", Language::Spanish),
        PatternSet::Russian => ("ru", Language::Russian),
    }
}

/// A loaded pattern set, shared by every document and thread of the process.
fn dictionary(set: PatternSet) -> Option<&'static Standard> {
    static LOADED: [OnceLock<Option<Standard>>; 4] = [const { OnceLock::new() }; 4];
    let k = set as usize;
    LOADED
        .get(k)?
        .get_or_init(|| {
            let (file, language) = source(set);
            let bytes = Dictionaries::get(&format!("{file}.standard.bincode"))?;
            Standard::from_reader(language, &mut bytes.data.as_ref()).ok()
        })
        .as_ref()
}

/// Byte offsets in `text` where a word may be broken with a hyphen, by the pattern set `set`,
/// leaving at least `left` letters before and `right` letters after each break.
pub fn points(text: &str, set: PatternSet, left: usize, right: usize) -> Vec<usize> {
    let Some(dict) = dictionary(set) else { return Vec::new() };
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

    const EN: PatternSet = PatternSet::EnglishGb;

    fn split(text: &str, set: PatternSet, left: usize, right: usize) -> String {
        let mut out = text.to_string();
        for at in points(text, set, left, right).into_iter().rev() {
            out.insert(at, '-');
        }
        out
    }

    #[test]
    fn every_embedded_set_loads() {
        for set in [PatternSet::EnglishGb, PatternSet::French, PatternSet::Spanish, PatternSet::Russian] {
            assert!(dictionary(set).is_some(), "{set:?}");
        }
    }

    #[test]
    fn words_break_where_the_patterns_say() {
        assert_eq!(split("international cooperation", EN, 2, 3), "in-ter-na-tional co-oper-a-tion");
        assert_eq!(
            split("coopération internationale", PatternSet::French, 2, 3),
            "co-opé-ra-tion in-ter-na-tio-nale"
        );
        assert_eq!(
            split("cooperación internacional", PatternSet::Spanish, 2, 3),
            "coope-ra-ción in-ter-na-cio-nal"
        );
        assert_eq!(
            split("международное сотрудничество", PatternSet::Russian, 2, 2),
            "меж-ду-на-род-ное со-труд-ни-че-ство"
        );
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
            assert!(points(text, EN, 2, 3).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_minimum_pieces_are_kept() {
        // British patterns divide by etymology (OUP): in-vest-ig-a-tion. Three letters kept
        // on the left drop "in-"; five on the right drop "a-tion".
        assert_eq!(split("investigation", EN, 2, 3), "in-vest-ig-a-tion");
        assert_eq!(split("investigation", EN, 3, 5), "invest-ig-ation");
    }
}
