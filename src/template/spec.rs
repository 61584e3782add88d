//! Page specifications from `templates/<kind>.json`: geometry shared by all languages, and
//! paragraph styles per script group.

use crate::doc::{PageSpec, ParaStyle};
use crate::error::Error;
use crate::model::Lang;
use rust_embed::RustEmbed;
use serde::Deserialize;
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

/// Loads the page specification of template `name` with the styles for `lang`.
pub fn load(name: &str, lang: Lang) -> Result<PageSpec, Error> {
    let file_name = format!("{name}.json");
    let file = TemplateFiles::get(&file_name)
        .ok_or_else(|| Error::Template(format!("there is no template templates/{file_name}")))?;
    let mut t: TemplateFile = serde_json::from_slice(&file.data)
        .map_err(|e| Error::Template(format!("templates/{file_name}: {e}")))?;
    let group = match lang {
        Lang::Zh => "zh",
        _ => "latin",
    };
    t.page.styles = t
        .styles
        .remove(group)
        .ok_or_else(|| Error::Template(format!("templates/{file_name} has no styles for `{group}`")))?;
    Ok(t.page)
}
