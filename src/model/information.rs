//! The content of an information document (`"kind": "information"`: information for
//! participants, lists of participants and other INF documents): chapters of numbered
//! paragraphs as in a report, annexes, and a list of participants grouped by State or
//! organization.

use super::report::{Annex, Chapter};
use super::{Text, object_option, objects};
use schemars::JsonSchema;
use serde::Deserialize;

/// An information document's content.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Information {
    /// Chapters (I., II. …; 一., 二. … in Chinese) with paragraphs numbered through the
    /// document, as a report's.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"title": {"zh": "会期和地点", "en": "Dates and venue"}, "blocks": [{"paragraph": {"zh": "联合国打击跨国有组织犯罪公约缔约方会议第十届会议将于2020年10月12日至16日在维也纳国际中心M会议楼举行。", "en": "The tenth session of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime will be held at the Vienna International Centre, Board Room M, from 12 to 16 October 2020."}}]}]))]
    pub chapters: Vec<Chapter>,
    /// Annexes, each on a new page, before the list of participants.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"label": {"zh": "附件", "en": "Annex"}, "title": {"zh": "维也纳国际中心平面图", "en": "Plan of the Vienna International Centre"}, "blocks": []}]))]
    pub annexes: Vec<Annex>,
    /// The list of participants: after the chapters, or alone.
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = participants_example())]
    pub participants: Option<Participants>,
}

/// A list of participants: categories (States parties, signatory States, United Nations
/// entities, intergovernmental organizations …) in the order the UN lists them, each with
/// its States or organizations in alphabetical order of their English names.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    /// When the list is an annex: its label ("Annex", 附件); it then starts a new page.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"zh": "附件", "en": "Annex"}))]
    pub annex: Option<Text>,
    /// The list's title, printed in bold over it: "List of participants", 与会者名单.
    #[schemars(example = serde_json::json!({"zh": "与会者名单", "en": "List of participants"}))]
    pub title: Text,
    /// The categories, each under its own heading, in the UN's order; at least one.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"title": {"zh": "公约缔约国", "en": "States parties to the Convention"}, "delegations": [{"name": {"zh": "奥地利", "en": "Austria"}, "members": [{"name": {"zh": "Peter Huber先生", "en": "Mr. Peter Huber"}, "function": {"zh": "联邦司法部国际刑事事务司司长", "en": "Director, International Criminal Matters, Federal Ministry of Justice"}}]}]}]))]
    pub categories: Vec<Category>,
}

/// A category of participants and its delegations.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The category's heading: "States parties to the Convention", 公约缔约国.
    #[schemars(example = serde_json::json!({"zh": "公约缔约国", "en": "States parties to the Convention"}))]
    pub title: Text,
    /// Its delegations, in alphabetical order of their English names; at least one.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"name": {"zh": "奥地利", "en": "Austria"}, "members": [{"name": {"zh": "Peter Huber先生", "en": "Mr. Peter Huber"}, "function": {"zh": "联邦司法部国际刑事事务司司长", "en": "Director, International Criminal Matters, Federal Ministry of Justice"}}]}]))]
    pub delegations: Vec<Delegation>,
}

/// A State's or organization's delegation.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// The State or organization, printed in bold over its members: "Austria", 奥地利.
    #[schemars(example = serde_json::json!({"zh": "奥地利", "en": "Austria"}))]
    pub name: Text,
    /// The members of the delegation, head first; at least one.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"name": {"zh": "Peter Huber先生", "en": "Mr. Peter Huber"}, "function": {"zh": "联邦司法部国际刑事事务司司长", "en": "Director, International Criminal Matters, Federal Ministry of Justice"}}]))]
    pub members: Vec<Member>,
}

/// A member of a delegation: the name with its title ("Mr. Peter Huber", Peter Huber先生) and
/// the function ("Ambassador, Permanent Representative to the United Nations (Vienna)").
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The name with its title, as it is written in each language: "Mr. Peter Huber", Peter
    /// Huber先生.
    #[schemars(example = serde_json::json!({"zh": "Peter Huber先生", "en": "Mr. Peter Huber"}))]
    pub name: Text,
    /// The function, printed after the name and a comma.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"zh": "联邦司法部国际刑事事务司司长", "en": "Director, International Criminal Matters, Federal Ministry of Justice"}))]
    pub function: Option<Text>,
}

/// A list of participants as the schema shows it (for an information document and a
/// report's annex alike).
pub fn participants_example() -> serde_json::Value {
    serde_json::json!({"annex": {"zh": "附件", "en": "Annex"}, "title": {"zh": "与会者名单", "en": "List of participants"}, "categories": [{"title": {"zh": "公约缔约国", "en": "States parties to the Convention"}, "delegations": [{"name": {"zh": "奥地利", "en": "Austria"}, "members": [{"name": {"zh": "Peter Huber先生", "en": "Mr. Peter Huber"}, "function": {"zh": "联邦司法部国际刑事事务司司长", "en": "Director, International Criminal Matters, Federal Ministry of Justice"}}]}]}]})
}
