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
    #[schemars(example = serde_json::json!({"zh": "奥地利、巴西和墨西哥", "en": "Austria, Brazil and Mexico"}))]
    pub sponsors: Option<Text>,
    /// The resolutions and decisions, in the order they are printed.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"form": "resolution", "title": {"zh": "加强国际合作以打击跨国有组织犯罪", "en": "Strengthening international cooperation to combat transnational organized crime"}, "organ": {"zh": "联合国打击跨国有组织犯罪公约缔约方会议", "en": "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime"}, "operative": [{"lead": {"zh": "敦促", "en": "Urges"}, "text": {"zh": "尚未批准或加入《公约》的国家考虑批准或加入《公约》；", "en": "States that have not yet done so to consider ratifying or acceding to the Convention;"}}]}]))]
    pub texts: Vec<Resolution>,
}

/// Whether a text is a resolution or a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(example = &"resolution")]
pub enum Form {
    /// A resolution: headed "Resolution 10/4" (第10/4号决议) when adopted, "draft
    /// resolution" (决议草案) after its sponsors when a draft.
    Resolution,
    /// A decision: headed "Decision 10/1" (第10/1号决定), or "draft decision" (决定草案).
    Decision,
}

/// One resolution or decision.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Resolution or decision: it names the text in its heading.
    #[schemars(example = &"resolution")]
    pub form: Form,
    /// The number of an adopted text, session and order: `10/4` prints "Resolution 10/4",
    /// 第10/4号决议. A draft has none.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[1-9][0-9]{0,2}/[1-9][0-9]{0,2}$"))]
    #[schemars(example = &"10/4")]
    pub number: Option<String>,
    /// The title ("Implementation of the United Nations Convention against …"), printed in
    /// bold under the heading.
    #[schemars(example = serde_json::json!({"zh": "加强国际合作以打击跨国有组织犯罪", "en": "Strengthening international cooperation to combat transnational organized crime"}))]
    pub title: Text,
    /// The organ that speaks: "The Conference of the Parties to the United Nations Convention
    /// against Transnational Organized Crime" (the comma after it comes from the language data).
    #[schemars(example = serde_json::json!({"zh": "联合国打击跨国有组织犯罪公约缔约方会议", "en": "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime"}))]
    pub organ: Text,
    /// Preambular paragraphs, unnumbered, each ending with a comma.
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"lead": {"zh": "深为关切", "en": "Deeply concerned"}, "text": {"zh": "跨国有组织犯罪对安全、稳定和可持续发展的不利影响，", "en": "about the negative impact of transnational organized crime on security, stability and sustainable development,"}}]))]
    pub preamble: Vec<Clause>,
    /// Operative paragraphs, numbered 1., 2. …; at least one.
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"lead": {"zh": "敦促", "en": "Urges"}, "text": {"zh": "尚未批准或加入《公约》的国家考虑批准或加入《公约》；", "en": "States that have not yet done so to consider ratifying or acceding to the Convention;"}}]))]
    pub operative: Vec<Clause>,
}

/// A preambular or operative paragraph: its opening words (a participle or adjective before
/// the preamble's text, a verb in the present tense before an operative paragraph), set in
/// italics where the language's UN style does so, and the rest, with its sub-paragraphs.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The opening words: "Recalling", "Decides"; 回顾, 决定.
    #[schemars(example = serde_json::json!({"zh": "回顾", "en": "Recalling"}))]
    pub lead: Text,
    /// What follows them; may hold `*italic*` and footnotes `^[…]`.
    #[schemars(example = serde_json::json!({"zh": "其关于《公约》及其议定书实施情况审议机制的2018年10月19日第9/1号决议，", "en": "its resolution 9/1 of 19 October 2018, on the establishment of the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto,"}))]
    pub text: Text,
    /// Sub-paragraphs (a), (b) … (a), b) in French and Spanish), each with its own (i), (ii) ….
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"zh": "引渡；", "en": "Extradition;"}, {"zh": "司法协助；", "en": "Mutual legal assistance;"}]))]
    pub subparagraphs: Vec<Paragraph>,
}

/// Whether `number` is a resolution or decision number as the schema says: `10/4`.
pub fn number_ok(number: &str) -> bool {
    let part =
        |s: &str| (1..=3).contains(&s.len()) && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit());
    number.split_once('/').is_some_and(|(a, b)| part(a) && part(b))
}
