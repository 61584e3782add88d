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
    #[schemars(example = serde_json::json!(["zh"]))]
    pub versions: Vec<Lang>,
    /// The corrections, in the order of the places they correct; at least one.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"place": {"zh": "序言部分第2段", "en": "Second preambular paragraph"}, "for": {"zh": "2018年10月19日", "en": "19 October 2018"}, "read": {"zh": "2018年10月19日和2020年10月16日", "en": "19 October 2018 and 16 October 2020"}}]))]
    pub corrections: Vec<Correction>,
}

/// One correction: where, then either the text to replace and its replacement ("For …
/// read …", 将“…”改为“…”) or an instruction in words ("Delete the last sentence").
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Where the correction is, printed as its heading: "Paragraph 5, second sentence",
    /// 第5段第二句.
    #[schemars(example = serde_json::json!({"zh": "执行部分第1段", "en": "Operative paragraph 1"}))]
    pub place: Text,
    /// The text as it stands in the document, printed after "For" (将“…”).
    #[serde(default, rename = "for")]
    #[schemars(example = serde_json::json!({"zh": "2018年10月19日", "en": "19 October 2018"}))]
    pub old: Option<Text>,
    /// The text to read instead, printed after "read" (改为“…”); with `for`.
    #[serde(default, rename = "read")]
    #[schemars(example = serde_json::json!({"zh": "2018年10月19日和2020年10月16日", "en": "19 October 2018 and 16 October 2020"}))]
    pub new: Option<Text>,
    /// A correction in words, in place of `for` and `read`, printed as it is given.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"zh": "删除最后一句。", "en": "Delete the last sentence."}))]
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
