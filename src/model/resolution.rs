//! The content of a resolution document (`"kind": "resolution"`): one or more resolutions or
//! decisions, drafts (L documents, with their sponsors) or adopted texts (with their numbers),
//! each the organ's name, unnumbered preambular paragraphs and numbered operative paragraphs.

use super::{Paragraph, Text, objects};
use schemars::JsonSchema;
use serde::Deserialize;

/// The texts of a resolution document.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolutions {
    /// The sponsors of a draft ("Austria, Brazil and Mexico"), printed before its title as
    /// "Austria, Brazil and Mexico: draft resolution".
    #[serde(default)]
    pub sponsors: Option<Text>,
    /// The resolutions and decisions, in the order they are printed.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    pub texts: Vec<Resolution>,
}

/// Whether a text is a resolution or a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Resolution,
    Decision,
}

/// One resolution or decision.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub form: Form,
    /// The number of an adopted text, session and order: `10/4` prints "Resolution 10/4",
    /// 第10/4号决议. A draft has none.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[1-9][0-9]{0,2}/[1-9][0-9]{0,2}$"))]
    pub number: Option<String>,
    /// The title ("Implementation of the United Nations Convention against …").
    pub title: Text,
    /// The organ that speaks: "The Conference of the Parties to the United Nations Convention
    /// against Transnational Organized Crime" (the comma after it comes from the language data).
    pub organ: Text,
    /// Preambular paragraphs, unnumbered.
    #[serde(default, deserialize_with = "objects")]
    pub preamble: Vec<Clause>,
    /// Operative paragraphs, numbered 1., 2. …
    #[serde(default, deserialize_with = "objects")]
    pub operative: Vec<Clause>,
}

/// A preambular or operative paragraph: its opening words (a participle or adjective before
/// the preamble's text, a verb in the present tense before an operative paragraph), set in
/// italics where the language's UN style does so, and the rest, with its sub-paragraphs.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The opening words: "Recalling", "Decides"; 回顾, 决定.
    pub lead: Text,
    /// What follows them; may hold `*italic*` and footnotes `^[…]`.
    pub text: Text,
    #[serde(default)]
    pub subparagraphs: Vec<Paragraph>,
}

/// Whether `number` is a resolution or decision number as the schema says: `10/4`.
pub fn number_ok(number: &str) -> bool {
    let part =
        |s: &str| (1..=3).contains(&s.len()) && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit());
    number.split_once('/').is_some_and(|(a, b)| part(a) && part(b))
}
