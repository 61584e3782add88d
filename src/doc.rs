//! The document tree: the plain data that `template` hands to `layout`.
//!
//! Nothing here knows about JSON meeting descriptions (that is `model`) or about PDF (that is
//! `pdf`). A tree is a page specification (geometry and named styles, loaded from
//! `templates/`), the first-page masthead, the page furniture, and a flat list of blocks.

use crate::units::Pt;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole document, ready to lay out.
#[derive(Clone, Debug)]
pub struct Document {
    /// BCP 47 tag of the text, e.g. `zh-CN`; set on the PDF and used to pick shaping rules.
    pub lang: String,
    /// Document title for the PDF metadata.
    pub title: String,
    /// The document symbol, e.g. `CTOC/COP/WG.3/2021/1`.
    pub symbol: String,
    /// Date of issue as (year, month, day), for reproducible metadata.
    pub date: (u16, u8, u8),
    pub spec: PageSpec,
    pub masthead: Masthead,
    pub furniture: Furniture,
    pub blocks: Vec<Block>,
    /// Footnotes, referenced from inlines by index.
    pub notes: Vec<Note>,
    /// Notes whose marks stand outside the flow (the reissue star in the masthead): set at
    /// the foot of page 1.
    pub first_page_notes: Vec<usize>,
}

/// A footnote: the marker shown in the text and at the foot of the page, and its text.
#[derive(Clone, Debug)]
pub struct Note {
    pub marker: String,
    pub inlines: Vec<Inline>,
}

/// The first-page masthead: two rows between a thin and a thick rule.
#[derive(Clone, Debug)]
pub struct Masthead {
    /// "United Nations" or its translation (联合国).
    pub organization: String,
    /// The symbol, split at its first `/`: the organ part is set large.
    pub symbol_head: String,
    pub symbol_tail: String,
    /// The body's name; `\n` marks where its lines break.
    pub body: String,
    /// The four distribution lines (Distr.: …, date, version language, Original: …).
    pub distribution: Vec<String>,
    /// The emblem, when the user supplies one (its use is restricted: none is shipped).
    pub emblem: Option<Image>,
}

pub use crate::emblem::{Image, ImageFormat};

/// What appears at the foot and head of pages.
#[derive(Clone, Debug)]
pub struct Furniture {
    /// First-page job line, e.g. `V.20-07396 (C)`.
    pub job_line: String,
    /// Job number on later pages, e.g. `V.20-07396`.
    pub job_number: String,
    /// Code 39 payload (digits of the job number), e.g. `2007396`.
    pub barcode: String,
    /// QR code payload: the document's address.
    pub qr: String,
    /// Date stamps beside the job line, e.g. `290321  300321`; empty when there are none.
    pub date_stamps: String,
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq)]
pub struct Inline {
    pub text: String,
    /// A URI the run links to (cited document symbols link to their address).
    pub link: Option<String>,
    /// The run is the reference mark of this footnote (set as a superior figure).
    pub note: Option<usize>,
    /// Emphasis: the Latin letters of the run are set in the italic or bold face (Han stays
    /// upright, as no 楷体 face is embedded; bold Han takes the bold face).
    pub italic: bool,
    pub bold: bool,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Self {
        Inline { text: s.into(), link: None, note: None, italic: false, bold: false }
    }
}

/// The title a heading has in the outline: its label and its text, without footnote marks.
pub fn heading_title(label: Option<&str>, inlines: &[Inline]) -> String {
    let text: String = inlines
        .iter()
        .filter(|i| i.note.is_none())
        .map(|i| i.text.as_str())
        .collect::<String>()
        .replace('\n', " ");
    match label {
        Some(l) => format!("{l} {text}"),
        None => text,
    }
}

/// A block of the flow.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph in a named style; an optional label (number or letter) hangs before it.
    Para {
        style: String,
        label: Option<String>,
        inlines: Vec<Inline>,
        /// Outline (bookmark) level, for headings.
        outline: Option<u8>,
    },
    /// A table whose header row repeats on every page it runs onto.
    Table(Table),
    /// An image scaled to a share of the column, never split.
    Figure(Figure),
    /// The next block starts a new page.
    PageBreak,
    /// The short centred rule that ends a document.
    ClosingRule,
    /// A line of a contents table: a heading's label and title, dot leaders, the range of its
    /// paragraphs and its page, right-aligned in two columns.
    Contents(ContentsEntry),
}

/// A line of a contents table (UN Editorial Manual: "Contents", with the columns
/// "Paragraphs" and "Page"). The column heads are an entry without leaders.
#[derive(Clone, Debug)]
pub struct ContentsEntry {
    /// Paragraph style of the title (its indent sets the entry's level).
    pub style: String,
    pub label: Option<String>,
    pub inlines: Vec<Inline>,
    /// The range of the heading's paragraphs ("1–5"), empty where it has none.
    pub paragraphs: String,
    pub page: String,
    /// Dot leaders run from the title to the paragraph column.
    pub leader: bool,
    /// The block of the heading the entry names, which it links to.
    pub target: Option<usize>,
}

/// A figure's image and the text that stands for it (its caption is in the paragraphs
/// before it).
#[derive(Clone, Debug)]
pub struct Figure {
    pub image: Image,
    /// The image's width as a fraction of the column.
    pub width: f32,
    /// The alternative text of the `Figure` structure element.
    pub alt: String,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Column widths as fractions of the text column.
    pub columns: Vec<f32>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// A row that spans all columns (e.g. a day heading in the organization of work).
    pub span: bool,
    pub cells: Vec<Vec<Inline>>,
}

/// Page geometry and styles, as data from `templates/`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub width: Pt,
    pub height: Pt,
    /// The wide frame used by the masthead and running heads.
    pub frame_left: Pt,
    pub frame_right: Pt,
    /// The text column.
    pub column_left: Pt,
    pub column_width: Pt,
    /// Top of the body on later pages, and the bottom of the body on every page.
    pub body_top: Pt,
    pub body_bottom: Pt,
    /// Top and bottom of the body on the first page: below the masthead's thick rule, above
    /// the barcode, recycle mark and QR code.
    pub first_body_top: Pt,
    pub first_body_bottom: Pt,
    /// The page furniture, by name: a kind's template overrides or removes (`null`) a slot of
    /// the template it extends by naming it.
    pub slots: BTreeMap<String, crate::page::Slot>,
    pub table: TableSpec,
    /// Column widths of the tables a kind builds, by table name, as fractions of the column.
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<f32>>,
    /// How paragraphs may break across pages.
    pub breaks: BreakSpec,
    /// The clickable area of a link around its text.
    pub links: LinkBox,
    pub footnotes: FootnoteSpec,
    pub closing_rule: ClosingRuleSpec,
    /// Line-breaking strictness and Han–Latin spacing.
    #[serde(default)]
    pub typography: Typography,
    /// Hyphenation per language version (by language code); a language without an entry is
    /// not hyphenated.
    #[serde(default)]
    pub hyphenation: BTreeMap<String, Hyphenation>,
    /// Named paragraph styles (filled in per language from the template's style groups).
    #[serde(default)]
    pub styles: BTreeMap<String, ParaStyle>,
    /// The columns of a contents table, for kinds that have one.
    #[serde(default)]
    pub contents: Option<ContentsSpec>,
}

/// The two right-hand columns of a contents table and its dot leaders.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentsSpec {
    /// Width of the column of paragraph ranges, left of the page column.
    pub paragraphs: Pt,
    /// Width of the page column, at the right edge of the text column.
    pub page: Pt,
    /// Distance between two leader dots; dots stand on a grid of this step, so that the
    /// leaders of all lines line up.
    pub leader_step: Pt,
    /// The least space between a title, its leaders and the numbers.
    pub gap: Pt,
}

impl PageSpec {
    /// The edges slot positions are measured from.
    pub fn edges(&self) -> crate::page::Edges {
        crate::page::Edges {
            width: self.width,
            height: self.height,
            frame_left: self.frame_left,
            frame_right: self.frame_right,
            column_left: self.column_left,
        }
    }
}

/// Where a link's clickable area stands around its text, in fractions of the text size: its
/// top above the baseline, and its height (enough for ascenders and descenders of both the
/// Han and the Latin faces).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkBox {
    pub above: f32,
    pub height: f32,
}

/// The fewest lines of a paragraph that may stand at the foot of a page before a break
/// (`orphans`) and at the head of the next page after it (`widows`).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakSpec {
    pub orphans: usize,
    pub widows: usize,
}

impl BreakSpec {
    /// Whether a paragraph of `lines` lines may not break after its line `k` (0-based).
    pub fn keeps_after(self, k: usize, lines: usize) -> bool {
        k + 1 < lines && (k + 1 < self.orphans || lines - k - 1 < self.widows)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub top_rule: Pt,
    pub head_rule: Pt,
    pub bottom_rule: Pt,
    pub cell_padding: Pt,
    pub row_gap: Pt,
    pub head: String,
    pub cell: String,
    pub day: String,
}

/// The footnote area at the foot of the page.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FootnoteSpec {
    /// Paragraph style of the notes.
    pub style: String,
    /// The short rule above the notes: its width and thickness, and the space it takes.
    pub rule_width: Pt,
    pub rule_thickness: Pt,
    pub rule_space: Pt,
    /// Size and rise of reference marks in the text, as fractions of the text size.
    pub mark_scale: f32,
    pub mark_rise: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingRuleSpec {
    pub width: Pt,
    pub thickness: Pt,
    pub space_before: Pt,
}

/// A font and size for a single line of furniture.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    pub family: Family,
    #[serde(default)]
    pub bold: bool,
    /// Italic Latin text (UN table column heads); Han text stays upright, as no 楷体 face is
    /// embedded.
    #[serde(default)]
    pub italic: bool,
    pub size: Pt,
    #[serde(default)]
    pub leading: Option<Pt>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// 宋体 role for Han, Times role for Latin.
    Serif,
    /// 黑体 role for Han (headings).
    Sans,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Justify,
    /// Ragged, lines flush with the start edge (left in left-to-right text, right in
    /// right-to-left text); `left` is read as `start`.
    #[serde(alias = "left")]
    Start,
    /// Lines flush with the end edge.
    End,
    Center,
}

/// A named paragraph style.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParaStyle {
    pub font: TextSpec,
    /// Baseline-to-baseline distance.
    pub leading: Pt,
    #[serde(default)]
    pub space_before: Pt,
    #[serde(default)]
    pub space_after: Pt,
    /// Left edge of the text, relative to the text column (may be negative: the wide frame).
    #[serde(default)]
    pub indent: Pt,
    /// Extra indent of the first line (2 em for Chinese body text).
    #[serde(default)]
    pub first_indent: Pt,
    /// Where a label (paragraph number, item number, letter) starts, relative to the text
    /// column; the text after a label starts at `indent + first_indent`.
    #[serde(default)]
    pub label_at: Pt,
    pub align: Align,
    /// Keep this block on the page of the next one (headings).
    #[serde(default)]
    pub keep_with_next: bool,
    /// The block is an item of a list at this nesting level (1 outermost): tagged as `LI`
    /// with its label as `Lbl`, consecutive items grouped in `L`, a deeper level nested in
    /// the item before it.
    #[serde(default)]
    pub list: Option<u8>,
}

/// Strictness of the line-start and line-end prohibitions (clreq "prohibition rules").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    /// Pause/stop, closing marks, connectors and interpuncts never start a line; opening marks
    /// never end one.
    Basic,
    /// Basic, and a solidus never ends a line.
    #[default]
    Gb,
    /// GB, and two-em dashes and ellipses never start a line.
    Strict,
}

/// Space between Han and Latin letters or digits (clreq "mixed text composition").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Autospace {
    /// A quarter em, shrinking to an eighth and stretching to the template's `max_han_latin_gap`.
    #[default]
    Quarter,
    /// A quarter em that neither shrinks nor stretches.
    FixedQuarter,
    /// No extra space.
    None,
}

/// Chinese typography settings of a template: prohibitions, Han–Latin spacing, and the limits
/// of justification (clreq §3.8 "line adjustment"). Lengths are in em of the text size.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Typography {
    #[serde(default)]
    pub strictness: Strictness,
    #[serde(default)]
    pub autospace: Autospace,
    /// Largest space a justified line may add between two Han characters.
    #[serde(default = "default_letter_spacing")]
    pub max_letter_spacing: f32,
    /// Largest gap between a Han character and a Latin letter or digit (clreq allows 1/8 to
    /// 1/2 em; many styles stop at 1/3).
    #[serde(default = "default_han_latin_gap")]
    pub max_han_latin_gap: f32,
    /// Largest gap of any kind in a justified line.
    #[serde(default = "default_max_gap")]
    pub max_gap: f32,
    /// Whether justification may compress full-width punctuation in mid-line (clreq's
    /// reduction order, step 5). Off for the UN style: only adjacent marks and marks at line
    /// edges lose their half em.
    #[serde(default)]
    pub compress_mid_line: bool,
    /// Hyphenation of this version's words: the template's `hyphenation` entry for the
    /// document's language, set when the template is loaded.
    #[serde(skip)]
    pub hyphenate: Option<Hyphenation>,
}

/// How a language's words are hyphenated: the pattern set, and the fewest letters a break
/// leaves before and after it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Hyphenation {
    pub patterns: PatternSet,
    pub left: u8,
    pub right: u8,
}

/// The hyphenation patterns this build embeds (see `data/hyphenation/README.md`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum PatternSet {
    #[serde(rename = "en-gb")]
    EnglishGb,
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "es")]
    Spanish,
    #[serde(rename = "ru")]
    Russian,
}

fn default_letter_spacing() -> f32 {
    0.15
}

fn default_han_latin_gap() -> f32 {
    1.0 / 3.0
}

fn default_max_gap() -> f32 {
    1.0
}

impl Default for Typography {
    fn default() -> Self {
        Typography {
            strictness: Strictness::default(),
            autospace: Autospace::default(),
            max_letter_spacing: default_letter_spacing(),
            max_han_latin_gap: default_han_latin_gap(),
            max_gap: default_max_gap(),
            compress_mid_line: false,
            hyphenate: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BreakSpec;

    #[test]
    fn breaks_leave_at_least_the_orphans_before_and_the_widows_after() {
        let two = BreakSpec { orphans: 2, widows: 2 };
        // Five lines: breaks after the second and third lines only.
        let allowed: Vec<usize> = (0..5).filter(|&k| !two.keeps_after(k, 5)).collect();
        assert_eq!(allowed, [1, 2, 4]);
        let three = BreakSpec { orphans: 3, widows: 3 };
        assert_eq!((0..6).filter(|&k| !three.keeps_after(k, 6)).collect::<Vec<_>>(), [2, 5]);
        // A line alone can always be followed by a break; the last line never keeps.
        assert!(!two.keeps_after(0, 1));
    }
}
