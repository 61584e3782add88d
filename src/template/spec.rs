//! Page specifications from `templates/<kind>.json`: geometry shared by all languages, and
//! paragraph styles per script group.

use crate::doc::{PageSpec, ParaStyle};
use crate::error::Error;
use crate::memo::Memo;
use crate::model::Lang;
use rust_embed::RustEmbed;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.json"]
struct TemplateFiles;

/// (name, SHA-256) of every embedded file of this folder, for the engine's fingerprint.
pub(crate) fn digests() -> Vec<(String, [u8; 32])> {
    TemplateFiles::iter()
        .filter_map(|name| {
            TemplateFiles::get(&name).map(|f| (format!("templates/{name}"), f.metadata.sha256_hash()))
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    page: PageSpec,
    /// Styles by script group: `zh` for Chinese, `latin` for English, French and Spanish.
    styles: BTreeMap<String, BTreeMap<String, ParaStyle>>,
}

/// How many templates one may extend in a chain: far more than a base and a kind need, few
/// enough to stop a cycle at once.
const MAX_EXTENDS: usize = 8;

/// Loads the page specification of template `name` with the styles for `lang`. Each is read
/// once a process: the templates are embedded and never change, and parsing and merging their
/// JSON cost most of the template stage of every document (and of every layout pass of a
/// document with a contents table).
pub fn load(name: &str, lang: Lang) -> Result<PageSpec, Error> {
    static LOADED: Memo<(String, Lang), PageSpec> = Memo::new();
    LOADED.get((name.to_owned(), lang), || read(name, lang))
}

/// Reads the page specification of template `name` with the styles for `lang`.
fn read(name: &str, lang: Lang) -> Result<PageSpec, Error> {
    let value = resolve(name, 0)?;
    let mut t: TemplateFile =
        serde_json::from_value(value).map_err(|e| Error::Template(format!("templates/{name}.json: {e}")))?;
    let group = match lang {
        Lang::Zh => "zh",
        _ => "latin",
    };
    t.page.styles = t
        .styles
        .remove(group)
        .ok_or_else(|| Error::Template(format!("templates/{name}.json has no styles for `{group}`")))?;
    t.page.typography.hyphenate = t.page.hyphenation.get(lang.code()).copied();
    Ok(t.page)
}

/// The template `name` with the templates it extends merged under it.
fn resolve(name: &str, depth: usize) -> Result<Value, Error> {
    if depth > MAX_EXTENDS {
        return Err(Error::Template(format!(
            "templates/{name}.json: more than {MAX_EXTENDS} templates extend each other"
        )));
    }
    let file_name = format!("{name}.json");
    let file = TemplateFiles::get(&file_name)
        .ok_or_else(|| Error::Template(format!("there is no template templates/{file_name}")))?;
    let mut value: Value = serde_json::from_slice(&file.data)
        .map_err(|e| Error::Template(format!("templates/{file_name}: {e}")))?;
    let parent = match value.as_object_mut().and_then(|o| o.remove("extends")) {
        None => return Ok(without_nulls(value)),
        Some(Value::String(parent)) => parent,
        Some(_) => return Err(Error::Template(format!("templates/{file_name}: `extends` names a template"))),
    };
    let mut base = resolve(&parent, depth + 1)?;
    merge(&mut base, value);
    Ok(base)
}

/// Lays `over` onto `base`: objects merge key by key, anything else replaces what it
/// overrides, and `null` removes it (a kind without a QR code sets `"qr": null`).
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (key, value) in o {
                if value.is_null() {
                    b.remove(&key);
                } else if let Some(slot) = b.get_mut(&key) {
                    merge(slot, value);
                } else {
                    b.insert(key, without_nulls(value));
                }
            }
        }
        (slot, over) => *slot = without_nulls(over),
    }
}

/// A value with its `null` members removed: in a template, `null` only ever means "none".
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(o) => Value::Object(
            o.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_kind_overrides_and_removes_what_it_extends() {
        let mut base =
            json!({"page": {"width": 595, "slots": {"qr": {"size": 54}, "barcode": {"module": 0.6}}}});
        merge(&mut base, json!({"page": {"slots": {"qr": null, "barcode": {"module": 0.5}}}}));
        assert_eq!(base, json!({"page": {"width": 595, "slots": {"barcode": {"module": 0.5}}}}));
    }

    #[test]
    fn every_template_loads_for_every_script_group() {
        for name in ["un-a4", "provisional-agenda", "report", "note"] {
            for lang in [Lang::Zh, Lang::En] {
                let spec = load(name, lang).unwrap_or_else(|e| panic!("{name} ({lang:?}): {e}"));
                assert!(spec.slots.contains_key("symbol"), "{name}: the masthead symbol slot");
            }
        }
    }
}
