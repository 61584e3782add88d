//! `ctoc-press new KIND`: a valid starting description for each document kind, built from
//! the model rather than copied: the fields the schema requires (for every kind and for this
//! one), each with the schema's example; texts in the languages asked for; then what the
//! kind's own function adds, in the words of the language data (`data/*.json`).
//!
//! A kind is registered with one entry in [`KINDS`]; a kind without an entry still gets the
//! schema's part, which is valid when the schema's examples are.

use crate::error::Error;
use crate::model::{self, Lang, Segment};
use crate::template::Locale;
use serde_json::{Map, Value, json};

/// A word of the language data (by its key in `words`) in each language asked for, as a text.
pub type Words<'a> = &'a dyn Fn(&str) -> Value;

/// A document kind's addition to the starting description.
pub struct Kind {
    /// The kind as the description names it (`"kind"`).
    pub name: &'static str,
    /// Adds to or changes the schema's part, in the words of the language data.
    pub fill: fn(&mut Map<String, Value>, Words),
}

/// The registered kinds, one entry each.
pub const KINDS: &[Kind] = &[
    Kind { name: "provisional-agenda", fill: provisional_agenda },
    Kind { name: "report", fill: report },
    Kind { name: "note", fill: note },
    Kind { name: "resolution", fill: resolution },
    Kind { name: "corrigendum", fill: corrigendum },
    Kind { name: "information", fill: information },
];

/// The provisional agenda: titled in the words of the language data, so that the author sees
/// where a title other than the kind's usual one goes.
fn provisional_agenda(m: &mut Map<String, Value>, words: Words) {
    m.insert("title".into(), words("provisional_agenda_and_annotations"));
}

/// A report: an annex after the chapters, labelled in each language.
fn report(m: &mut Map<String, Value>, words: Words) {
    annex_after_chapters(m, "report", words);
}

/// A note by the Secretariat: a report's body under `note`, so an annex as in a report.
fn note(m: &mut Map<String, Value>, words: Words) {
    annex_after_chapters(m, "note", words);
}

fn annex_after_chapters(m: &mut Map<String, Value>, key: &str, words: Words) {
    if let Some(Value::Object(body)) = m.get_mut(key) {
        body.insert("annexes".into(), json!([{ "label": words("annex"), "blocks": [] }]));
    }
}

/// A resolution document: the schema's example is a draft with its sponsors, which is an L
/// document of limited distribution (…/L.1).
fn resolution(m: &mut Map<String, Value>, _: Words) {
    m.insert("distribution".into(), "limited".into());
    symbol_with(m, "L.1");
}

/// A corrigendum: its symbol is the corrected document's with `/Corr.1`.
fn corrigendum(m: &mut Map<String, Value>, _: Words) {
    if let Some(symbol) = m.get("symbol").and_then(Value::as_str) {
        m.insert("symbol".into(), format!("{symbol}/Corr.1").into());
    }
}

/// An information document (…/INF/1): titled "Information for participants" and its list
/// of participants an annex, in the words of the language data.
fn information(m: &mut Map<String, Value>, words: Words) {
    symbol_with(m, "INF/1");
    m.insert("title".into(), words("information_for_participants"));
    if let Some(Value::Object(list)) = m.get_mut("information").and_then(|i| i.get_mut("participants")) {
        list.insert("annex".into(), words("annex"));
    }
}

/// The schema's example symbol with `tail` in place of its last part (`…/2021/1` → `…/2021/L.1`).
fn symbol_with(m: &mut Map<String, Value>, tail: &str) {
    if let Some(symbol) = m.get("symbol").and_then(Value::as_str) {
        let base = symbol.rsplit_once('/').map_or(symbol, |(b, _)| b);
        m.insert("symbol".into(), format!("{base}/{tail}").into());
    }
}

/// The kinds the model has (the values of `kind` in the schema).
pub fn kinds() -> Vec<String> {
    let path = [Segment::Key("kind".into())];
    model::schema_at(&path).map(model::enum_entries).unwrap_or_default().into_iter().map(|e| e.0).collect()
}

/// A starting description of `kind` in the languages `langs` (the first is taken as the
/// original when English is not among them), as pretty-printed JSON.
pub fn starter(kind: &str, langs: &[Lang]) -> Result<String, Error> {
    let known = kinds();
    if !known.iter().any(|k| k == kind) {
        return Err(Error::Unsupported(format!(
            "`{kind}` is not a document kind; the kinds are {}",
            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )));
    }
    let langs = if langs.is_empty() { &[Lang::En][..] } else { langs };
    let locales =
        langs.iter().map(|l| Locale::load(*l).map(|loc| (*l, loc))).collect::<Result<Vec<_>, _>>()?;
    let mut m = match model::example(model::schema_at(&[]).unwrap_or(&Value::Null), 0) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    m.insert("kind".into(), kind.into());
    for field in required_for(kind) {
        if !m.contains_key(&field)
            && let Some(example) = model::example_at(&[Segment::Key(field.clone())])
        {
            m.insert(field, example);
        }
    }
    m.insert("languages".into(), langs.iter().map(|l| Value::from(l.code())).collect());
    let original = if langs.contains(&Lang::En) { Lang::En } else { langs[0] };
    m.insert("original_language".into(), original.code().into());
    m.insert("job_numbers".into(), job_numbers(m.get("job_numbers"), langs));
    for (key, value) in m.iter_mut() {
        if key != "job_numbers" {
            texts_for(value, langs);
        }
    }
    let words = |key: &str| -> Value {
        let each =
            locales.iter().map(|(l, loc)| (l.code().to_string(), Value::from(loc.word(key).unwrap_or(key))));
        Value::Object(each.collect())
    };
    if let Some(k) = KINDS.iter().find(|k| k.name == kind) {
        (k.fill)(&mut m, &words);
    }
    let mut out = Map::new();
    out.insert("$schema".into(), "meeting.schema.json".into());
    out.extend(m);
    let mut text =
        serde_json::to_string_pretty(&Value::Object(out)).map_err(|e| Error::Template(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The fields the schema requires of `kind` beyond those of every description (its
/// `if kind … then required` conditions).
fn required_for(kind: &str) -> Vec<String> {
    let Some(conditions) = model::schema_at(&[]).and_then(|s| s.get("allOf")).and_then(Value::as_array)
    else {
        return Vec::new();
    };
    conditions
        .iter()
        .filter(|c| c.pointer("/if/properties/kind/const").and_then(Value::as_str) == Some(kind))
        .filter_map(|c| c.pointer("/then/required").and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// A job number for each language, counting on from the schema's example.
fn job_numbers(example: Option<&Value>, langs: &[Lang]) -> Value {
    let first = example.and_then(|e| e.as_object()).and_then(|e| e.values().next()).and_then(Value::as_str);
    let (prefix, number) = first
        .and_then(|f| f.rsplit_once('-'))
        .and_then(|(p, n)| n.parse::<u32>().ok().map(|n| (p.to_string(), n)))
        .unwrap_or(("V.21".into(), 1));
    let each = langs
        .iter()
        .enumerate()
        .map(|(i, l)| (l.code().to_string(), format!("{prefix}-{:05}", number + i as u32).into()));
    Value::Object(each.collect())
}

/// Every text (an object from language code to string) made one for exactly `langs`: the
/// example's text in that language, else its English one.
fn texts_for(value: &mut Value, langs: &[Lang]) {
    match value {
        Value::Object(map) if !map.is_empty() && map.iter().all(|(k, v)| is_code(k) && v.is_string()) => {
            let pick = |l: Lang| {
                map.get(l.code()).or_else(|| map.get("en")).or_else(|| map.values().next()).cloned()
            };
            let each: Map<String, Value> =
                langs.iter().filter_map(|l| pick(*l).map(|t| (l.code().to_string(), t))).collect();
            *map = each;
        }
        Value::Object(map) => map.values_mut().for_each(|v| texts_for(v, langs)),
        Value::Array(list) => list.iter_mut().for_each(|v| texts_for(v, langs)),
        _ => {}
    }
}

fn is_code(key: &str) -> bool {
    Lang::ALL.iter().any(|l| l.code() == key)
}
