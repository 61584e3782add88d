//! The meeting description: serde types for the JSON input, and their validation.
//!
//! A description is parsed strictly (`deny_unknown_fields`) and then validated as a whole;
//! every problem names its JSON path and, where the source is at hand, its line and column.

mod corrigendum;
mod date;
mod hint;
mod image;
mod information;
mod limits;
mod locate;
mod markdown;
mod note;
mod recover;
mod report;
mod resolution;
mod rich;
mod schema;
mod schema_path;
mod validate;
mod validate_kinds;
mod validate_report;
mod visible;

pub use corrigendum::{Correction, Corrigendum};
pub use date::{Date, Time};
pub use hint::hint;
pub use image::{image_files, read_image, resolve_figures};
pub use information::{Category, Delegation, Information, Member, Participants};
pub use limits::{MAX_DEPTH, MAX_INPUT_BYTES, check_limits, source_from_bytes};
use locate::char_column;
pub use locate::{locate, locate_all};
pub use recover::Recovered;
pub use report::{
    Annex, Block as ReportBlock, Chapter, Figure, List, Report, Section, Table, resolve_body, safe_relative,
};
pub use resolution::{Clause, Form, Resolution, Resolutions};
pub use rich::{MarkupError, Span, parse_rich, plain as rich_plain};
pub use schema::{schema, schema_json};
pub use schema_path::{Segment, enum_entries, example, example_at, names_at, schema_at, segments};
pub use validate::{
    MAX_PROBLEMS, MAX_SYMBOL_CHARS, Problem, Support, check_job_number, check_symbol as validate_symbol,
    strip_notes, validate, validate_for,
};
pub use visible::{bidi_control, is_visible, nothing_visible};

use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// The six official languages of the United Nations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(example = &"zh")]
pub enum Lang {
    /// Arabic.
    Ar,
    /// Chinese.
    Zh,
    /// English.
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
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
///
/// Deserialized by hand rather than as an untagged enum, so that a mistake inside the map (an
/// unknown language code, a number instead of a string, a language given twice) is reported
/// with its own message and path instead of "data did not match any variant".
#[derive(Clone, Debug)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an object from language code (ar, zh, en, fr, ru, es) to string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Same(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::Same(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                lang_map(map).map(Text::PerLang)
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

/// Reads an object from language code to string, rejecting a language given twice (which
/// serde would otherwise settle silently by keeping the last). Keys are read as strings so that
/// the path of a problem names the key (`$.body.de`).
fn lang_map<'de, A: MapAccess<'de>>(map: A) -> Result<BTreeMap<Lang, String>, A::Error> {
    lang_map_from(None, map)
}

/// [`lang_map`] whose first key has been read already.
fn lang_map_from<'de, A: MapAccess<'de>>(
    first: Option<String>,
    mut map: A,
) -> Result<BTreeMap<Lang, String>, A::Error> {
    let mut out = BTreeMap::new();
    let mut pending = first;
    while let Some(key) = match pending.take() {
        Some(k) => Some(k),
        None => map.next_key::<String>()?,
    } {
        let lang = Lang::ALL.into_iter().find(|l| l.code() == key);
        let wrong = match lang {
            None => {
                format!("unknown language code `{key}`, expected one of `ar`, `zh`, `en`, `fr`, `ru`, `es`")
            }
            Some(l) if out.contains_key(&l) => format!("language `{l}` is given twice"),
            Some(l) => {
                out.insert(l, map.next_value()?);
                continue;
            }
        };
        // Failing inside the value puts the key on the error's path.
        let never: std::convert::Infallible = map.next_value_seed(Fail(wrong))?;
        match never {}
    }
    Ok(out)
}

/// A value that is never accepted, with the message to give.
struct Fail(String);

impl<'de> DeserializeSeed<'de> for Fail {
    type Value = std::convert::Infallible;
    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<Self::Value, D::Error> {
        Err(de::Error::custom(self.0))
    }
}

/// An annotation paragraph: its text and, optionally, sub-paragraphs, which the document
/// letters (a), (b), … and, below them, (i), (ii), …; a., b., …; i., ii., … In JSON it is a
/// text (a string or an object from language code to string), or an object with `text` and
/// `subparagraphs`.
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub text: Text,
    pub subparagraphs: Vec<Paragraph>,
    /// The JSON gives the text under `text` (the object form), so that problems with it are
    /// reported at `….text`.
    pub text_field: bool,
}

/// How deep sub-paragraphs may go: (a) → (i) → a. → i. (UN Editorial Manual).
pub const MAX_SUBPARAGRAPH_LEVELS: usize = 4;

impl<'de> Deserialize<'de> for Paragraph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ParagraphVisitor;
        impl<'de> Visitor<'de> for ParagraphVisitor {
            type Value = Paragraph;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a text (a string, or an object from language code to string), or an object with `text` and `subparagraphs`",
                )
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Paragraph, E> {
                Ok(Paragraph { text: Text::Same(s.to_owned()), subparagraphs: Vec::new(), text_field: false })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Paragraph, A::Error> {
                let Some(first) = map.next_key::<String>()? else {
                    return Ok(Paragraph {
                        text: Text::PerLang(BTreeMap::new()),
                        subparagraphs: Vec::new(),
                        text_field: false,
                    });
                };
                if first != "text" && first != "subparagraphs" {
                    let text = Text::PerLang(lang_map_from(Some(first), map)?);
                    return Ok(Paragraph { text, subparagraphs: Vec::new(), text_field: false });
                }
                let (mut text, mut subparagraphs) = (None, None);
                let mut key = Some(first);
                while let Some(k) = key {
                    match k.as_str() {
                        "text" if text.is_none() => text = Some(map.next_value::<Text>()?),
                        "subparagraphs" if subparagraphs.is_none() => {
                            subparagraphs = Some(map.next_value::<Vec<Paragraph>>()?)
                        }
                        "text" | "subparagraphs" => {
                            let never: std::convert::Infallible =
                                map.next_value_seed(Fail(format!("`{k}` is given twice")))?;
                            match never {}
                        }
                        other => {
                            let never: std::convert::Infallible = map.next_value_seed(Fail(format!(
                                "unknown field `{other}`, expected `text` or `subparagraphs`"
                            )))?;
                            match never {}
                        }
                    }
                    key = map.next_key::<String>()?;
                }
                let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
                Ok(Paragraph { text, subparagraphs: subparagraphs.unwrap_or_default(), text_field: true })
            }
        }
        d.deserialize_any(ParagraphVisitor)
    }
}

/// `deserialize_with` for maps from language code to string (job numbers).
fn de_lang_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Lang, String>, D::Error> {
    struct MapVisitor;
    impl<'de> Visitor<'de> for MapVisitor {
        type Value = BTreeMap<Lang, String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object from language code (ar, zh, en, fr, ru, es) to string")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            lang_map(map)
        }
    }
    d.deserialize_map(MapVisitor)
}

/// Structs are JSON objects only. serde's derived structs also accept an array of the field
/// values in order, which the schema does not allow and no one writing a description means;
/// this reads an object and hands it to the derived code.
struct ObjectOnly<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ObjectOnly<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_map(self)
    }
}

/// `deserialize_with` for a struct-valued field: see [`ObjectOnly`].
fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectOnly(PhantomData))
}

/// `deserialize_with` for an optional struct-valued field: see [`ObjectOnly`].
fn object_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_map(ObjectOnly(PhantomData)).map(Some)
}

/// `deserialize_with` for a list of structs: see [`ObjectOnly`].
fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct SeqVisitor<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for SeqVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element_seed(ObjectOnly(PhantomData))? {
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(SeqVisitor(PhantomData))
}

/// `deserialize_with` for the meeting number, to say what is wanted in words rather than as
/// a Rust type (`u32`).
fn meeting_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    struct NumberVisitor;
    impl<'de> Visitor<'de> for NumberVisitor {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number from 1 (12: the twelfth meeting)")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            u32::try_from(n).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            u64::try_from(n)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(n), &self))
                .and_then(|n| self.visit_u64(n))
        }
    }
    d.deserialize_any(NumberVisitor)
}

/// The top level of a description: a [`Meeting`], as an object only.
struct Top(Meeting);

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d).map(Top)
    }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(example = &"provisional-agenda")]
pub enum DocumentKind {
    /// "Provisional agenda and annotations" (临时议程说明).
    ProvisionalAgenda,
    /// The report of a meeting: chapters of numbered paragraphs and annexes (`report`).
    Report,
    /// A note or background paper by the Secretariat: contents, then a report's body (`note`).
    Note,
    /// Draft or adopted resolutions and decisions (`resolution`).
    Resolution,
    /// A corrigendum to a document, symbol `…/Corr.N` (`corrigendum`).
    Corrigendum,
    /// Information for participants, lists of participants, other INF documents (`information`).
    Information,
}

/// The distribution printed in the masthead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(example = &"general")]
pub enum Distribution {
    /// For general distribution ("Distr.: General").
    General,
    /// Limited distribution, such as draft reports (…/L.1).
    Limited,
    /// Restricted distribution.
    Restricted,
}

/// One meeting description: everything needed to produce a document in each language.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("allOf" = [
    {
        "if": { "properties": { "kind": { "const": "provisional-agenda" } } },
        "then": { "required": ["agenda"], "properties": { "agenda": { "minItems": 1 } } }
    },
    {
        "if": { "properties": { "kind": { "const": "report" } } },
        "then": { "required": ["report", "title"] }
    },
    {
        "if": { "properties": { "kind": { "const": "note" } } },
        "then": { "required": ["note"] }
    },
    {
        "if": { "properties": { "kind": { "const": "resolution" } } },
        "then": { "required": ["resolutions"] }
    },
    {
        "if": { "properties": { "kind": { "const": "corrigendum" } } },
        "then": { "required": ["corrigendum", "title"] }
    },
    {
        "if": { "properties": { "kind": { "const": "information" } } },
        "then": { "required": ["information", "title"] }
    }
]))]
pub struct Meeting {
    /// The JSON Schema an editor checks the description against, for completion and hover
    /// help (e.g. `data/meeting.schema.json`); the press ignores it.
    #[serde(default, rename = "$schema")]
    #[schemars(example = &"../data/meeting.schema.json")]
    pub json_schema: Option<String>,
    /// The kind of document: it decides the title, the parts and the fields that are required.
    #[schemars(example = &"provisional-agenda")]
    pub kind: DocumentKind,
    /// The document symbol, e.g. `CTOC/COP/WG.3/2021/1`.
    #[schemars(regex(pattern = schema::SYMBOL_PATTERN), length(max = MAX_SYMBOL_CHARS))]
    #[schemars(example = &"CTOC/COP/WG.3/2021/1")]
    pub symbol: String,
    /// Who the document is for, printed in the masthead.
    #[schemars(example = &"general")]
    pub distribution: Distribution,
    /// The date of issue shown in the masthead.
    #[schemars(example = &"2020-12-11")]
    pub date_of_issue: Date,
    /// The language the document was written in (the masthead says "Original: English").
    #[schemars(example = &"en")]
    pub original_language: Lang,
    /// The language versions to produce.
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!(["zh", "en"]))]
    pub languages: Vec<Lang>,
    /// The job number of each language version, e.g. `V.20-07396`.
    #[serde(deserialize_with = "de_lang_map")]
    #[schemars(schema_with = "schema::job_numbers")]
    #[schemars(example = serde_json::json!({"zh": "V.20-07396", "en": "V.20-07395"}))]
    pub job_numbers: BTreeMap<Lang, String>,
    /// The body, e.g. the Conference of the Parties; `\n` marks masthead line breaks.
    #[schemars(example = serde_json::json!({"zh": "联合国打击跨国有组织犯罪公约\n缔约方会议", "en": "Conference of the Parties to the\nUnited Nations Convention against\nTransnational Organized Crime"}))]
    pub body: Text,
    /// The meeting the document is for: the body that meets, when and where.
    #[serde(deserialize_with = "object")]
    #[schemars(example = serde_json::json!({"name": {"zh": "国际合作工作组", "en": "Working Group on International Cooperation"}, "number": 12, "dates": {"start": "2021-03-25", "end": "2021-03-26"}, "place": {"zh": "维也纳", "en": "Vienna"}}))]
    pub meeting: MeetingInfo,
    /// The agenda items: required for (and only for) the provisional agenda.
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"title": {"en": "Organizational matters"}}]))]
    pub agenda: Vec<AgendaItem>,
    /// The proposed organization of work: the days of the meeting, their sessions and the items taken up (a table in an annex).
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"date": "2021-03-25", "sessions": [{"start": "10:00", "end": "13:00", "items": [{"item": "1(a)"}]}]}]))]
    pub organization_of_work: Vec<WorkDay>,
    /// A note on the document's title, marked with an asterisk (e.g. why the document was
    /// submitted late).
    #[serde(default)]
    #[schemars(example = serde_json::json!({"en": "The present document was submitted late owing to consultations."}))]
    pub title_note: Option<Text>,
    /// The agenda item the document is issued under, printed under the head of title as
    /// "Item 2 of the provisional agenda*" with a note giving the agenda's symbol.
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"item": "2", "agenda": "CTOC/COP/WG.3/2021/1"}))]
    pub agenda_item: Option<AgendaItemRef>,
    /// The title, where it is not the kind's usual one (e.g. "Annotated provisional agenda",
    /// 临时议程和说明).
    #[serde(default)]
    #[schemars(example = serde_json::json!({"zh": "国际合作工作组2021年3月25日和26日在维也纳举行的会议的报告", "en": "Report on the meeting of the Working Group on International Cooperation held in Vienna on 25 and 26 March 2021"}))]
    pub title: Option<Text>,
    /// The day a document was reissued for technical reasons: the masthead's symbol carries a
    /// star, and the foot of page 1 the note that says so.
    #[serde(default)]
    #[schemars(example = &"2021-01-15")]
    pub reissued: Option<Date>,
    /// A paper issued in English only (a conference room paper): the distribution block says
    /// "English only" in place of the version's language.
    #[serde(default)]
    #[schemars(example = false)]
    pub english_only: bool,
    /// Date stamps printed after the job line on a version's first page, as the UN prints
    /// them (ddmmyy): e.g. when the original reached the translators and when the version was
    /// issued.
    #[serde(default, deserialize_with = "de_date_stamps")]
    #[schemars(schema_with = "schema::date_stamps")]
    #[schemars(example = serde_json::json!({"zh": ["2021-03-29", "2021-03-30"]}))]
    pub date_stamps: BTreeMap<Lang, Vec<Date>>,
    /// An image (PNG or SVG) for the emblem slot of the masthead, named relative to the
    /// description's folder; the command line's `--emblem` overrides it for one run.
    #[serde(default)]
    #[schemars(length(max = 255))]
    #[schemars(example = &"emblem.svg")]
    pub emblem: Option<String>,
    /// The emblem read from `emblem` and checked, filled in by [`crate::parse_with_readers`].
    #[serde(skip)]
    #[schemars(skip)]
    pub emblem_image: Option<crate::emblem::Image>,
    /// The content of a report (`"kind": "report"`).
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"chapters": [{"title": {"zh": "会议安排", "en": "Organization of the meeting"}, "blocks": [{"paragraph": {"zh": "会议于2021年3月25日开幕。", "en": "The meeting was opened on 25 March 2021."}}]}]}))]
    pub report: Option<Report>,
    /// The content of a note by the Secretariat (`"kind": "note"`): a report's body, under
    /// its own key.
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"chapters": [{"title": {"zh": "导言", "en": "Introduction"}, "blocks": [{"paragraph": {"zh": "本说明由秘书处编写。", "en": "The present note was prepared by the Secretariat."}}]}]}))]
    pub note: Option<Report>,
    /// The resolutions and decisions of a resolution document (`"kind": "resolution"`).
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"sponsors": {"zh": "奥地利、巴西和墨西哥", "en": "Austria, Brazil and Mexico"}, "texts": [{"form": "resolution", "title": {"zh": "加强国际合作以打击跨国有组织犯罪", "en": "Strengthening international cooperation to combat transnational organized crime"}, "organ": {"zh": "联合国打击跨国有组织犯罪公约缔约方会议", "en": "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime"}, "preamble": [{"lead": {"zh": "深为关切", "en": "Deeply concerned"}, "text": {"zh": "跨国有组织犯罪对安全、稳定和可持续发展的不利影响，", "en": "about the negative impact of transnational organized crime on security, stability and sustainable development,"}}], "operative": [{"lead": {"zh": "敦促", "en": "Urges"}, "text": {"zh": "尚未批准或加入《公约》的国家考虑批准或加入《公约》；", "en": "States that have not yet done so to consider ratifying or acceding to the Convention;"}}]}]}))]
    pub resolutions: Option<Resolutions>,
    /// The corrections of a corrigendum (`"kind": "corrigendum"`); `title` is the title of
    /// the document corrected.
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"corrections": [{"place": {"zh": "第3段", "en": "Paragraph 3"}, "for": {"zh": "2021年3月25日", "en": "25 March 2021"}, "read": {"zh": "2021年3月25日和26日", "en": "25 and 26 March 2021"}}, {"place": {"zh": "第7段", "en": "Paragraph 7"}, "instruction": {"zh": "删除最后一句。", "en": "Delete the last sentence."}}]}))]
    pub corrigendum: Option<Corrigendum>,
    /// The content of an information document (`"kind": "information"`).
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = serde_json::json!({"chapters": [{"title": {"zh": "会期和地点", "en": "Dates and venue"}, "blocks": [{"paragraph": {"zh": "会议每天上午10时至下午1时和下午3时至6时举行。", "en": "Meetings will be held daily from 10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m."}}]}], "participants": information::participants_example()}))]
    pub information: Option<Information>,
}

/// `{"zh": ["2021-03-29", "2021-03-30"]}`: language codes to dates.
fn de_date_stamps<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Lang, Vec<Date>>, D::Error> {
    let raw: BTreeMap<String, Vec<Date>> = BTreeMap::deserialize(d)?;
    raw.into_iter()
        .map(|(code, dates)| match Lang::ALL.iter().find(|l| l.code() == code) {
            Some(lang) => Ok((*lang, dates)),
            None => {
                Err(de::Error::custom(format!("`{code}` is not a language code (ar, zh, en, fr, ru, es)")))
            }
        })
        .collect()
}

/// The meeting the document is for.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInfo {
    /// The subsidiary body that meets, e.g. the Working Group on International Cooperation.
    #[schemars(example = serde_json::json!({"zh": "国际合作工作组", "en": "Working Group on International Cooperation"}))]
    pub name: Text,
    /// Which meeting of the body this is (12 = twelfth). Not printed in the head: the heads of
    /// CTOC working-group documents carry no meeting line (docs/research/reports.md).
    #[serde(default, deserialize_with = "meeting_number")]
    #[schemars(range(min = 1))]
    #[schemars(example = 12)]
    pub number: Option<u32>,
    /// Which session of the body this is, for bodies that meet in sessions (the
    /// Implementation Review Group's sixth session): printed under the body's name as
    /// "Sixth session", 第六届会议.
    #[serde(default, deserialize_with = "meeting_number")]
    #[schemars(range(min = 1))]
    #[schemars(example = 6)]
    pub session: Option<u32>,
    /// The first and the last day of the meeting.
    #[serde(deserialize_with = "object")]
    #[schemars(example = serde_json::json!({"start": "2021-03-25", "end": "2021-03-26"}))]
    pub dates: DateRange,
    /// Where the meeting is held.
    #[schemars(example = serde_json::json!({"zh": "维也纳", "en": "Vienna"}))]
    pub place: Text,
}

/// The first and the last day of the meeting.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// The first day.
    #[schemars(example = &"2021-03-25")]
    pub start: Date,
    /// The last day (the same as the first for a one-day meeting).
    #[schemars(example = &"2021-03-26")]
    pub end: Date,
}

/// An item of the provisional agenda, with its annotations.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// The title of the item.
    #[schemars(example = serde_json::json!({"zh": "组织事项", "en": "Organizational matters"}))]
    pub title: Text,
    /// The sub-items (a), (b), … of the item.
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"title": {"en": "Opening of the meeting"}}]))]
    pub sub_items: Vec<SubItem>,
    /// Annotation paragraphs for the item as a whole (after all sub-item headings).
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"en": "The meeting will be opened at 10 a.m."}]))]
    pub annotations: Vec<Paragraph>,
    /// Documents before the meeting under this item.
    #[serde(default, deserialize_with = "objects")]
    #[schemars(example = serde_json::json!([{"description": {"en": "Report of the Secretariat"}, "symbol": "CTOC/COP/WG.3/2020/2"}]))]
    pub documentation: Vec<DocumentRef>,
}

/// A sub-item of an agenda item: (a), (b), …
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubItem {
    /// The title of the sub-item.
    #[schemars(example = serde_json::json!({"zh": "会议开幕", "en": "Opening of the meeting"}))]
    pub title: Text,
    /// Annotation paragraphs for this sub-item alone; when any sub-item has them, each
    /// sub-item gets its own heading in the annotations.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"en": "The meeting will be opened at 10 a.m."}]))]
    pub annotations: Vec<Paragraph>,
}

/// The agenda item a document is issued under.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemRef {
    /// The item as the agenda numbers it, e.g. `2` or `2 (a)`.
    #[schemars(length(min = 1, max = 20))]
    #[schemars(example = &"2")]
    pub item: String,
    /// The symbol of the provisional agenda, e.g. `CTOC/COP/WG.3/2021/1`.
    #[schemars(regex(pattern = schema::SYMBOL_PATTERN), length(max = MAX_SYMBOL_CHARS))]
    #[schemars(example = &"CTOC/COP/WG.3/2021/1")]
    pub agenda: String,
}

/// An entry of a documentation list.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// What the document is, as the list names it.
    #[schemars(example = serde_json::json!({"en": "Background paper prepared by the Secretariat"}))]
    pub description: Text,
    /// The symbol of the document, e.g. `CTOC/COP/WG.3/2020/2`.
    #[schemars(regex(pattern = schema::SYMBOL_PATTERN), length(max = MAX_SYMBOL_CHARS))]
    #[schemars(example = &"CTOC/COP/WG.3/2020/2")]
    pub symbol: String,
}

/// A day of the proposed organization of work.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkDay {
    /// The day.
    #[schemars(example = &"2021-03-25")]
    pub date: Date,
    /// The sessions of the day, in order (morning, afternoon).
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"start": "10:00", "end": "13:00", "items": [{"item": "1(a)"}]}]))]
    pub sessions: Vec<WorkSession>,
}

/// A morning or afternoon session of a day of the organization of work.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkSession {
    /// When the session starts.
    #[schemars(example = &"10:00")]
    pub start: Time,
    /// When the session ends.
    #[schemars(example = &"13:00")]
    pub end: Time,
    /// The agenda items taken up, in order.
    #[serde(deserialize_with = "objects")]
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"item": "1(a)"}, {"item": "2"}]))]
    pub items: Vec<WorkItem>,
}

/// An agenda item taken up in a session.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItem {
    /// The item reference: `2`, or `1(a)` for a sub-item.
    #[schemars(regex(pattern = schema::ITEM_REF_PATTERN))]
    #[schemars(example = &"1(a)")]
    pub item: String,
    /// A shorter title to show instead of the agenda's.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"en": "Adoption of the agenda"}))]
    pub title: Option<Text>,
    /// The item continues from an earlier session: "(continued)" is added.
    #[serde(default)]
    #[schemars(example = false)]
    pub continued: bool,
}

/// A parsed item reference: item number (1-based) and optional sub-item index (0-based).
/// The forms are `2` and `1(a)`: digits without a leading zero, then a lowercase letter in
/// parentheses; nothing else (no spaces, no signs).
pub fn parse_item_ref(s: &str) -> Option<(usize, Option<usize>)> {
    let (num, sub) = match s.find('(') {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    };
    if num.is_empty() || num.starts_with('0') || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = num.parse().ok()?;
    let sub = match sub {
        None => None,
        Some(p) => match p.as_bytes() {
            [b'(', letter @ b'a'..=b'z', b')'] => Some(usize::from(letter - b'a')),
            _ => return None,
        },
    };
    Some((n, sub))
}

impl Meeting {
    /// The versions it lists followed by those of `langs` it does not, each once: what a
    /// check for rendering `langs` covers.
    pub fn versions_with(&self, langs: &[Lang]) -> Vec<Lang> {
        let mut versions: Vec<Lang> = Vec::new();
        for lang in self.languages.iter().chain(langs) {
            if !versions.contains(lang) {
                versions.push(*lang);
            }
        }
        versions
    }

    /// Parses a description, naming the JSON path, line and column of a syntax or type error.
    /// The size and nesting limits ([`MAX_INPUT_BYTES`], [`MAX_DEPTH`]) are checked first.
    /// Does not validate; see [`validate`].
    pub fn from_json(source: &str) -> Result<Meeting, Problem> {
        Self::from_json_first(source).map_err(|(p, _)| p)
    }

    /// Parses a description and reports every structural problem (type errors, unknown and
    /// missing fields, bad values) in one run, not only serde's first; see [`Recovered`].
    pub fn from_json_all(source: &str) -> Recovered {
        match Self::from_json_first(source) {
            Ok(meeting) => Recovered {
                meeting: Some(meeting),
                problems: Vec::new(),
                repaired: Vec::new(),
                placeholders: false,
            },
            Err((first, true)) => {
                let mut found = recover::recover(source, first);
                // In the order of the file, as a person reads and fixes it.
                found.problems.sort_by_key(|p| (p.line.is_none(), p.line, p.column));
                found
            }
            Err((first, false)) => {
                Recovered { meeting: None, problems: vec![first], repaired: Vec::new(), placeholders: false }
            }
        }
    }

    /// [`Meeting::from_json`], saying of an error whether it is about the data (so that the
    /// rest of the file can still be read) rather than the syntax or the limits.
    fn from_json_first(source: &str) -> Result<Meeting, (Problem, bool)> {
        check_limits(source).map_err(|p| (p, false))?;
        let mut de = serde_json::Deserializer::from_str(source);
        let Top(meeting) = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let data = e.inner().classify() == serde_json::error::Category::Data;
            (serde_problem(source, e), data)
        })?;
        // Nothing but white space may follow the description.
        de.end().map_err(|e| {
            let (line, column) = (e.line(), char_column(source, e.line(), e.column()));
            let problem = Problem {
                path: "$".into(),
                line: Some(line),
                column: Some(column),
                message: clean_serde_message(&e.to_string()),
            };
            (problem, false)
        })?;
        Ok(meeting)
    }
}

/// A serde error as a problem: the JSON path from serde_path_to_error; for a wrong value, the
/// place where that value (or, for an unknown field, its key) starts, else where serde stopped.
fn serde_problem(source: &str, e: serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let path = json_path(e.path());
    let inner = e.into_inner();
    let mut message = clean_serde_message(&inner.to_string());
    if inner.classify() == serde_json::error::Category::Eof {
        message = format!("the file ends too early: {message}");
    }
    let mut at = (inner.line(), char_column(source, inner.line(), inner.column()));
    // A duplicate is best shown where serde met it, the second time; `locate` finds the first.
    let duplicate = message.starts_with("duplicate field") || message.ends_with("is given twice");
    if inner.classify() == serde_json::error::Category::Data && !duplicate {
        let found = if message.starts_with("unknown field") || message.starts_with("unknown language") {
            locate::locate_key(source, &path)
        } else {
            locate(source, &path)
        };
        if let Some(found) = found {
            at = found;
        }
    }
    Problem { path, line: Some(at.0), column: Some(at.1), message }
}

/// A serde_path_to_error path in the notation of [`Problem::path`]: `$.agenda[1].title.zh`.
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    out
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
        assert_eq!(parse_item_ref("12(z)"), Some((12, Some(25))));
        for bad in
            [" 2", "02", "+2", "2 ", "1(A)", "1()", "1(a", "(a)", "", "1(é)", "99999999999999999999999"]
        {
            assert_eq!(parse_item_ref(bad), None, "{bad}");
        }
        assert_eq!(parse_item_ref("2"), Some((2, None)));
        assert_eq!(parse_item_ref("1(a)"), Some((1, Some(0))));
        assert_eq!(parse_item_ref("1(b)"), Some((1, Some(1))));
        assert_eq!(parse_item_ref("0"), None);
        assert_eq!(parse_item_ref("1(ab)"), None);
        assert_eq!(parse_item_ref("x"), None);
    }
}
