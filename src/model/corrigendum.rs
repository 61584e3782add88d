//! The content of a corrigendum (`"kind": "corrigendum"`, symbol `…/Corr.N`): the language
//! versions it concerns and its corrections, each a place and what to read there.

use super::{Lang, Text, objects};
use schemars::JsonSchema;
use serde::Deserialize;

/// A corrigendum's corrections.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Corrigendum {
    /// The language versions the corrections concern when not all of them: `["zh"]` prints
    /// "Chinese only" (仅涉及中文本) under the title. Every version produced must be one of
    /// them.
    #[serde(default)]
    pub versions: Vec<Lang>,
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    pub corrections: Vec<Correction>,
}

/// One correction: where, then either the text to replace and its replacement ("For …
/// read …", 将“…”改为“…”) or an instruction in words ("Delete the last sentence").
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// "Paragraph 5, second sentence", 第5段第二句.
    pub place: Text,
    /// The text as it stands in the document.
    #[serde(default, rename = "for")]
    pub old: Option<Text>,
    /// The text to read instead.
    #[serde(default, rename = "read")]
    pub new: Option<Text>,
    /// A correction in words, in place of `for` and `read`.
    #[serde(default)]
    pub instruction: Option<Text>,
}

/// Whether the last component of `symbol` is `Corr.N`.
pub fn is_corrigendum_symbol(symbol: &str) -> bool {
    let body = symbol.strip_suffix('*').unwrap_or(symbol);
    body.rsplit('/')
        .next()
        .and_then(|last| last.strip_prefix("Corr."))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
