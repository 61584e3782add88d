//! The meeting description: serde types for the JSON input, and their validation.
//!
//! A description is parsed strictly (`deny_unknown_fields`) and then validated as a whole;
//! every problem names its JSON path and, where the source is at hand, its line and column.

mod date;
mod locate;
mod validate;

pub use date::{Date, Time};
pub use validate::{Problem, check_job_number, check_symbol as validate_symbol, validate};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The six official languages of the United Nations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text in one or more languages: either one string (the same in every version, such as a
/// proper name) or a map from language code to string.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

impl Text {
    /// The text for `lang`, if the description has it.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match self {
            Text::Same(s) => Some(s),
            Text::PerLang(map) => map.get(&lang).map(String::as_str),
        }
    }

    /// Every string in the value, with the language it is for (None: all).
    pub fn strings(&self) -> Vec<(Option<Lang>, &str)> {
        match self {
            Text::Same(s) => vec![(None, s.as_str())],
            Text::PerLang(map) => map.iter().map(|(l, s)| (Some(*l), s.as_str())).collect(),
        }
    }
}

/// The kind of document to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// "Provisional agenda and annotations" (临时议程说明).
    ProvisionalAgenda,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    General,
    Limited,
    Restricted,
}

/// One meeting description: everything needed to produce a document in each language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub kind: DocumentKind,
    /// The document symbol, e.g. `CTOC/COP/WG.3/2021/1`.
    pub symbol: String,
    pub distribution: Distribution,
    /// The date of issue shown in the masthead.
    pub date_of_issue: Date,
    pub original_language: Lang,
    /// The language versions to produce.
    pub languages: Vec<Lang>,
    /// The job number of each language version, e.g. `V.20-07396`.
    pub job_numbers: BTreeMap<Lang, String>,
    /// The body, e.g. the Conference of the Parties; `\n` marks masthead line breaks.
    pub body: Text,
    pub meeting: MeetingInfo,
    pub agenda: Vec<AgendaItem>,
    #[serde(default)]
    pub organization_of_work: Vec<WorkDay>,
}

/// The meeting the document is for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingInfo {
    /// The subsidiary body that meets, e.g. the Working Group on International Cooperation.
    pub name: Text,
    /// Which meeting of the body this is (12 = twelfth).
    pub number: Option<u32>,
    pub dates: DateRange,
    pub place: Text,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

/// An item of the provisional agenda, with its annotations.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub title: Text,
    #[serde(default)]
    pub sub_items: Vec<SubItem>,
    /// Annotation paragraphs for the item as a whole (after all sub-item headings).
    #[serde(default)]
    pub annotations: Vec<Text>,
    /// Documents before the meeting under this item.
    #[serde(default)]
    pub documentation: Vec<DocumentRef>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubItem {
    pub title: Text,
    /// Annotation paragraphs for this sub-item alone; when any sub-item has them, each
    /// sub-item gets its own heading in the annotations.
    #[serde(default)]
    pub annotations: Vec<Text>,
}

/// An entry of a documentation list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    pub description: Text,
    pub symbol: String,
}

/// A day of the proposed organization of work.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkDay {
    pub date: Date,
    pub sessions: Vec<WorkSession>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkSession {
    pub start: Time,
    pub end: Time,
    pub items: Vec<WorkItem>,
}

/// An agenda item taken up in a session.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkItem {
    /// The item reference: `2`, or `1(a)` for a sub-item.
    pub item: String,
    /// A shorter title to show instead of the agenda's.
    #[serde(default)]
    pub title: Option<Text>,
    /// The item continues from an earlier session: "(continued)" is added.
    #[serde(default)]
    pub continued: bool,
}

/// A parsed item reference: item number (1-based) and optional sub-item index (0-based).
pub fn parse_item_ref(s: &str) -> Option<(usize, Option<usize>)> {
    let (num, sub) = match s.find('(') {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    };
    let n: usize = num.trim().parse().ok().filter(|n| *n > 0)?;
    let sub = match sub {
        None => None,
        Some(p) => {
            let letter = p.strip_prefix('(')?.strip_suffix(')')?;
            let mut chars = letter.chars();
            let c = chars.next().filter(|c| c.is_ascii_lowercase())?;
            if chars.next().is_some() {
                return None;
            }
            Some((c as u8 - b'a') as usize)
        }
    };
    Some((n, sub))
}

impl Meeting {
    /// Parses a description, naming the JSON path, line and column of a syntax or type error.
    /// Does not validate; see [`validate`].
    pub fn from_json(source: &str) -> Result<Meeting, Problem> {
        let de = &mut serde_json::Deserializer::from_str(source);
        let parsed: Result<Meeting, _> = serde_path_to_error::deserialize(de);
        parsed.map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Problem {
                path: if path == "." {
                    "$".into()
                } else {
                    format!("$.{path}")
                },
                line: Some(inner.line()),
                column: Some(inner.column()),
                message: clean_serde_message(&inner.to_string()),
            }
        })
    }
}

/// serde_json appends " at line L column C" to its messages; the position is reported apart.
fn clean_serde_message(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_refs() {
        assert_eq!(parse_item_ref("2"), Some((2, None)));
        assert_eq!(parse_item_ref("1(a)"), Some((1, Some(0))));
        assert_eq!(parse_item_ref("1(b)"), Some((1, Some(1))));
        assert_eq!(parse_item_ref("0"), None);
        assert_eq!(parse_item_ref("1(ab)"), None);
        assert_eq!(parse_item_ref("x"), None);
    }
}
