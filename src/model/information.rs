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
    pub chapters: Vec<Chapter>,
    /// Annexes, each on a new page, before the list of participants.
    #[serde(default)]
    pub annexes: Vec<Annex>,
    /// The list of participants: after the chapters, or alone.
    #[serde(default, deserialize_with = "object_option")]
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
    pub annex: Option<Text>,
    /// "List of participants", 与会者名单.
    pub title: Text,
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    pub categories: Vec<Category>,
}

/// A category of participants and its delegations.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// "States parties to the Convention", 公约缔约国.
    pub title: Text,
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    pub delegations: Vec<Delegation>,
}

/// A State's or organization's delegation.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// The State or organization: "Austria", 奥地利.
    pub name: Text,
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    pub members: Vec<Member>,
}

/// A member of a delegation: the name with its title ("Mr. Peter Huber", Peter Huber先生) and
/// the function ("Ambassador, Permanent Representative to the United Nations (Vienna)").
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: Text,
    #[serde(default)]
    pub function: Option<Text>,
}
