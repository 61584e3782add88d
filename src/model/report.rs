//! The content of a report of a meeting (`"kind": "report"`): chapters of numbered
//! paragraphs, sections, lists and tables, and annexes; written inline in the description or
//! as a CommonMark file per language (`body_files`), which [`resolve_body`] turns into the
//! same content.

use super::information::Participants;
use super::{Lang, Paragraph, Problem, Text, de_lang_map, locate, markdown, object_option};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A report's title and body.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The body as a CommonMark file per language, relative to the description's folder (no
    /// `..`, no absolute path): `{"zh": "report.zh.md", "en": "report.en.md"}`. Instead of
    /// `chapters` and `annexes`, not with them.
    #[serde(default, deserialize_with = "de_lang_map")]
    #[schemars(with = "BTreeMap<Lang, String>")]
    #[schemars(example = serde_json::json!({"zh": "report.zh.md", "en": "report.en.md"}))]
    pub body_files: BTreeMap<Lang, String>,
    /// The numbered chapters (I., II. …; 一.、二. … in Chinese).
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"title": {"en": "Organization of the meeting"}, "blocks": []}]))]
    pub chapters: Vec<Chapter>,
    /// The annexes, after the chapters, each on a new page; their paragraphs are not numbered.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"label": {"en": "Annex"}, "title": {"en": "List of participants"}, "blocks": []}]))]
    pub annexes: Vec<Annex>,
    /// The list of participants (issue 10's optional annex), after the annexes; set as in an
    /// information document.
    #[serde(default, deserialize_with = "object_option")]
    #[schemars(example = super::information::participants_example())]
    pub participants: Option<Participants>,
    /// Where texts read from `body_files` came from: content path → `file:line:column`, so
    /// that problems found in them name the place in the CommonMark file.
    #[serde(skip)]
    #[schemars(skip)]
    pub origins: BTreeMap<String, String>,
}

/// A chapter: its title and what it holds.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The title of the chapter.
    #[schemars(example = serde_json::json!({"zh": "会议安排", "en": "Organization of the meeting"}))]
    pub title: Text,
    /// The chapter's number when it is not the one after the previous chapter's: a draft
    /// (…/L.1) without chapter II numbers its next chapter 3 (III.).
    #[serde(default)]
    #[schemars(range(min = 1))]
    #[schemars(example = 3)]
    pub number: Option<u32>,
    /// The number of the chapter's first paragraph when it is not the one after the previous
    /// paragraph's, so that a draft keeps the final report's paragraph numbers.
    #[serde(default)]
    #[schemars(range(min = 1))]
    #[schemars(example = 12)]
    pub first_paragraph: Option<u32>,
    /// What the chapter holds: paragraphs, sections, lists and tables.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"paragraph": {"en": "The meeting was opened on 25 March 2021."}}]))]
    pub blocks: Vec<Block>,
}

/// An annex: its label ("Annex", "附件", "Annex I"), its title, and its blocks.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// The label of the annex: "Annex", "Annex I", 附件.
    #[schemars(example = serde_json::json!({"zh": "附件", "en": "Annex"}))]
    pub label: Text,
    /// The title of the annex.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"en": "List of participants"}))]
    pub title: Option<Text>,
    /// What the annex holds; its paragraphs are not numbered.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"paragraph": {"en": "Algeria, Argentina, Austria"}}]))]
    pub blocks: Vec<Block>,
}

/// A block of a chapter, section or annex. Texts may hold `*italic*`, `**bold**` and
/// footnotes `^[…]`; `\` takes the next character as it is.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph, numbered through the whole report (not in annexes), with its
    /// sub-paragraphs (a), (b) … and (i), (ii) ….
    Paragraph(Paragraph),
    /// A section of a chapter (A., B. …), holding paragraphs, lists and tables.
    Section(Section),
    /// A list numbered 1., 2. … of its own (such as the agenda as adopted); it takes no
    /// paragraph number.
    List(List),
    /// A table with a header row.
    Table(Table),
    /// A figure: an image (PNG or SVG) beside the description, under its number ("Figure I",
    /// 图一) and caption.
    Figure(Figure),
}

/// A figure: an image file with its caption and the text that stands for it for readers who
/// cannot see it. Figures are numbered through the document in roman numerals, as UN
/// documents number them ("Figure I", 图一). In CommonMark, a paragraph of its own
/// `![alt](file "caption")` in each language's file.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The image, a PNG or SVG file named relative to the description's folder (no `..`, no
    /// absolute path). An SVG draws no text: its text would need fonts (`text` is refused).
    #[schemars(length(min = 1, max = 255))]
    #[schemars(example = &"note/fig1.svg")]
    pub file: String,
    /// The figure's title, printed above it under its number.
    #[schemars(example = serde_json::json!({"zh": "2019-2023年各区域缉获的枪支", "en": "Firearms seized by region, 2019–2023"}))]
    pub caption: Text,
    /// What the image shows, in words: the alternative text of the PDF's `Figure` element,
    /// read out by screen readers.
    #[schemars(example = serde_json::json!({"zh": "条形图：非洲最多，大洋洲最少。", "en": "Bar chart: most seizures in Africa, fewest in Oceania."}))]
    pub alt: Text,
    /// The image's width as a fraction of the column (the whole column when absent).
    #[serde(default)]
    #[schemars(range(min = 0.1, max = 1.0))]
    #[schemars(example = 0.8)]
    pub width: Option<f32>,
    /// The image read from `file` and checked, filled in when the description is parsed.
    #[serde(skip)]
    #[schemars(skip)]
    pub image: Option<crate::emblem::Image>,
}

/// A section: its title and blocks.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The title of the section.
    #[schemars(example = serde_json::json!({"en": "Opening of the meeting"}))]
    pub title: Text,
    /// What the section holds: paragraphs, lists and tables.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"paragraph": {"en": "The meeting was opened on 25 March 2021."}}]))]
    pub blocks: Vec<Block>,
}

/// A numbered list whose items may have sub-items (a), (b) ….
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The number of the first item.
    #[serde(default = "one")]
    #[schemars(range(min = 1))]
    #[schemars(example = 1)]
    pub start: u32,
    /// The items of the list.
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"en": "Opening of the meeting"}, {"en": "Adoption of the agenda"}]))]
    pub items: Vec<Paragraph>,
}

fn one() -> u32 {
    1
}

/// A table: a header row and rows of cells, all with the same number of columns. A cell
/// that is a document symbol links to the document.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's title, printed above it under its number ("Table 1", 表1): tables with a
    /// caption are numbered through the document. In CommonMark, a paragraph `: caption`
    /// right before the table.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"zh": "2019-2023年缉获的枪支", "en": "Firearms seized, 2019–2023"}))]
    pub caption: Option<Text>,
    /// The header row: one text per column.
    #[schemars(length(min = 1))]
    #[schemars(example = serde_json::json!([{"en": "Symbol"}, {"en": "Title"}]))]
    pub head: Vec<Text>,
    /// The rows, each with as many cells as the header.
    #[schemars(example = serde_json::json!([[{"en": "CTOC/COP/WG.3/2021/1"}, {"en": "Annotated provisional agenda"}]]))]
    pub rows: Vec<Vec<Text>>,
}

/// Replaces the report's `body_files` by the content they hold. `read` gives the text of a
/// file named relative to the description's folder (the caller reads it, with its limits);
/// `langs` are the versions to render. Problems are placed at `<root>.body_files.<lang>`
/// (`root`: `$.report` or `$.note`), their messages naming the file, line and column in it.
pub fn resolve_body(
    report: &mut Report,
    root: &str,
    source: Option<&str>,
    langs: &[Lang],
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(), Vec<Problem>> {
    if report.body_files.is_empty() {
        return Ok(());
    }
    let at = |path: &str, message: String| {
        let found = source.and_then(|s| locate(s, path));
        Problem { path: path.to_string(), line: found.map(|f| f.0), column: found.map(|f| f.1), message }
    };
    let mut problems = Vec::new();
    if !report.chapters.is_empty() || !report.annexes.is_empty() {
        problems.push(at(
            &format!("{root}.body_files"),
            "the body is given both as files and as `chapters` or `annexes`: give one of the two".into(),
        ));
    }
    for lang in langs {
        if !report.body_files.contains_key(lang) {
            problems.push(at(
                &format!("{root}.body_files"),
                format!("no CommonMark file for the `{lang}` version, which is asked for"),
            ));
        }
    }
    let mut bodies = Vec::new();
    for (lang, name) in &report.body_files {
        let path = format!("{root}.body_files.{lang}");
        if let Err(why) = safe_relative(name) {
            problems.push(at(&path, format!("`{name}`: {why}")));
            continue;
        }
        match read(name) {
            Err(why) => problems.push(at(&path, format!("cannot read `{name}`: {why}"))),
            Ok(text) => match markdown::parse(&text, name) {
                Ok(body) => bodies.push((*lang, name.as_str(), body)),
                Err(errors) => problems.extend(errors.into_iter().map(|e| at(&path, e))),
            },
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    match markdown::merge(&bodies) {
        Ok((chapters, annexes, origins)) => {
            report.chapters = chapters;
            report.annexes = annexes;
            // The merge names report paths; a note's texts are under `$.note`.
            report.origins =
                origins.into_iter().map(|(path, at)| (path.replacen("$.report", root, 1), at)).collect();
            report.body_files.clear();
            Ok(())
        }
        Err(errors) => {
            let path = format!("{root}.body_files");
            Err(errors.into_iter().map(|e| at(&path, e)).collect())
        }
    }
}

/// A file named from a description must stay in the description's folder or below it: a
/// relative path of plain names, so that a description cannot make the renderer read (and
/// print) `/etc/passwd` or `../../secret`.
pub fn safe_relative(name: &str) -> Result<(), String> {
    use std::path::{Component, Path};
    if name.is_empty() {
        return Err("the file name is empty".into());
    }
    for component in Path::new(name).components() {
        match component {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err(
                    "a file named by the description must be in its folder or below it: `..` is not allowed"
                        .into(),
                );
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(
                    "a file is named relative to the description's folder, not by an absolute path".into()
                );
            }
        }
    }
    Ok(())
}
