//! The JSON Schema (draft 2020-12) of a meeting description, generated from the serde types
//! with schemars; `ctoc-press schema` prints it and `data/meeting.schema.json` is a copy kept
//! in sync by a test.
//!
//! The schema describes the shape: fields, types, the language codes, the form of dates,
//! times, symbols, job numbers and item references. The checks that relate one field to
//! another (calendar dates, ranges in order, a text for each language asked for, references
//! into the agenda) are the validator's; the schema cannot say them.

use super::{Date, Lang, Meeting, Paragraph, Text, Time};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

/// A document symbol: an organ or series in capitals, then `/`-separated body parts (`COP`,
/// `WG.3`, `CRP.4`), numbers (`2021`, `1`) and modifiers (`Add.1`, `Corr.1`, `Rev.2`); a
/// trailing `*` marks a reissue. Mirrors [`super::validate::check_symbol`].
pub const SYMBOL_PATTERN: &str = concat!(
    "^[A-Z]+",
    "(/([A-Z][A-Z0-9]*(-[A-Z0-9]+)?(\\.[0-9]+)?|[0-9]+|(Add|Corr|Rev|Amend|Summary)\\.[0-9]+))+",
    "\\*?$"
);

/// A job number: optional office prefix, two year digits, dash, five digits. Mirrors
/// [`super::validate::check_job_number`].
pub const JOB_NUMBER_PATTERN: &str = "^([A-Z]+\\.)?[0-9]{2}-[0-9]{5}$";

/// An agenda item reference: `2`, or `1(a)` for a sub-item. Mirrors [`super::parse_item_ref`].
pub const ITEM_REF_PATTERN: &str = "^[1-9][0-9]*(\\([a-z]\\))?$";

/// The schema as a JSON value.
pub fn schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let mut schema = generator.into_root_schema_for::<Meeting>();
    schema.insert("title".into(), "UN meeting description (ctoc-press input)".into());
    schema.to_value()
}

/// The schema as pretty-printed JSON with a final newline: the text of
/// `data/meeting.schema.json`.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD (ISO 8601), year 1900–2999; it must exist (no 2021-02-30).",
            "type": "string",
            "format": "date",
            "examples": ["2021-03-25"],
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl JsonSchema for Time {
    fn schema_name() -> Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A clock time, HH:MM on the 24-hour clock (00:00 to 23:59).",
            "type": "string",
            "examples": ["10:00"],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
        })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let lang = generator.subschema_for::<Lang>();
        json_schema!({
            "description": "Text in one or more languages: one string, the same in every version (e.g. a proper name), or an object from language code to string. A text is needed for each language version asked for.",
            "examples": [{ "zh": "维也纳", "en": "Vienna" }],
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "propertyNames": lang,
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1
                }
            ]
        })
    }
}

impl JsonSchema for Paragraph {
    fn schema_name() -> Cow<'static, str> {
        "Paragraph".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let this = generator.subschema_for::<Paragraph>();
        let mut text_field = text.clone();
        text_field.insert("description".into(), "The text of the paragraph.".into());
        text_field.insert(
            "examples".into(),
            serde_json::json!([{ "en": "The Working Group will have before it:" }]),
        );
        json_schema!({
            "description": "An annotation paragraph: a text, or an object with its text and sub-paragraphs (lettered (a), (b), …; then (i), (ii), …; a., b., …; i., ii., …; four levels at most).",
            "examples": [{ "en": "The meeting will be opened at 10 a.m." }],
            "anyOf": [
                text,
                {
                    "type": "object",
                    "properties": {
                        "text": text_field,
                        "subparagraphs": {
                            "description": "The sub-paragraphs, lettered (a), (b), …",
                            "examples": [[{ "en": "A note by the Secretariat" }, { "en": "A report of the meeting" }]],
                            "type": "array",
                            "items": this
                        }
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// `schema_with` for `date_stamps`.
pub(super) fn date_stamps(generator: &mut SchemaGenerator) -> Schema {
    let lang = generator.subschema_for::<Lang>();
    let date = generator.subschema_for::<super::Date>();
    json_schema!({
        "type": "object",
        "propertyNames": lang,
        "additionalProperties": { "type": "array", "items": date, "maxItems": 4 }
    })
}

/// `schema_with` for `job_numbers`.
pub(super) fn job_numbers(generator: &mut SchemaGenerator) -> Schema {
    let lang = generator.subschema_for::<Lang>();
    json_schema!({
        "type": "object",
        "propertyNames": lang,
        "additionalProperties": {
            "type": "string",
            "pattern": JOB_NUMBER_PATTERN
        }
    })
}
