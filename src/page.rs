//! Page furniture as data: the named slots of a page template (`templates/*.json`). A slot
//! says what it shows (a text field of the document, a rule, the barcode, the QR code, the
//! emblem, the recycle mark), on which pages, and where, relative to the page or to the
//! frame. The layout places every slot whose content the document has; a kind's template
//! removes a slot it does not want by setting it to `null` (see `template::spec`).

use crate::doc::TextSpec;
use crate::units::Pt;
use serde::Deserialize;

/// Which pages carry a slot. Later pages are numbered from 1 with the first, so page 2 is
/// even: the UN mirrors running heads, even pages at the left, odd at the right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pages {
    First,
    Later,
    Odd,
    Even,
}

impl Pages {
    /// Whether page `index` (0-based) carries the slot.
    pub fn includes(self, index: usize) -> bool {
        let number = index + 1;
        match self {
            Pages::First => index == 0,
            Pages::Later => index > 0,
            Pages::Odd => index > 0 && number % 2 == 1,
            Pages::Even => number.is_multiple_of(2),
        }
    }
}

/// A coordinate: a number is measured from the page's left or top edge; an edge name with a
/// number is measured from that edge (rightwards and downwards positive, except
/// `page_bottom` and `page_right`, which measure inwards from the page's bottom and right
/// edges).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Pos {
    Page(Pt),
    Edge(Edge),
}

#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Edge {
    FrameLeft(Pt),
    FrameRight(Pt),
    ColumnLeft(Pt),
    PageRight(Pt),
    PageBottom(Pt),
}

/// The edges a [`Pos`] may be measured from.
#[derive(Clone, Copy, Debug)]
pub struct Edges {
    pub width: Pt,
    pub height: Pt,
    pub frame_left: Pt,
    pub frame_right: Pt,
    pub column_left: Pt,
}

impl Pos {
    /// The coordinate on the page.
    pub fn resolve(self, e: &Edges) -> Pt {
        match self {
            Pos::Page(v) => v,
            Pos::Edge(Edge::FrameLeft(d)) => e.frame_left + d,
            Pos::Edge(Edge::FrameRight(d)) => e.frame_right + d,
            Pos::Edge(Edge::ColumnLeft(d)) => e.column_left + d,
            Pos::Edge(Edge::PageRight(d)) => e.width - d,
            Pos::Edge(Edge::PageBottom(d)) => e.height - d,
        }
    }
}

/// Which side of `x` a line of text stands on: it starts at `x`, or it ends there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    #[default]
    Start,
    End,
}

/// A text of the document that a slot shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// "United Nations" in the version's language.
    Organization,
    /// The body's name, lines separated by `\n`.
    Body,
    /// The distribution block, one entry a line.
    Distribution,
    /// The symbol, for running heads.
    Symbol,
    /// The first-page job line with its language letter, e.g. `V.20-07396 (C)`.
    JobLine,
    /// The job number on later pages.
    JobNumber,
    /// The first page's date stamps (ddmmyy), where the description gives them.
    DateStamps,
    /// The page number, in the slot's `format`.
    PageNumber,
}

/// One slot of the page template.
#[derive(Clone, Debug, Deserialize)]
pub struct Slot {
    pub pages: Pages,
    /// Whether the slot moves to the mirror image of its place in a right-to-left version
    /// (the masthead of an Arabic document); a text box keeps its width and its lines start
    /// at its right edge.
    #[serde(default)]
    pub mirror: bool,
    #[serde(flatten)]
    pub kind: SlotKind,
}

/// What a slot draws, and where.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SlotKind {
    /// One line of text per entry of `field`, the first on `baseline`, the next one leading
    /// further down; each starting or ending at `x`.
    Text {
        field: Field,
        x: Pos,
        baseline: Pos,
        #[serde(default)]
        anchor: Anchor,
        font: TextSpec,
        /// For the page number: `{page}` and `{pages}` are replaced.
        #[serde(default)]
        format: Option<String>,
        /// Text that belongs to the document (tagged as such) rather than page furniture.
        #[serde(default)]
        content: bool,
    },
    /// The text of `field` set as a ragged paragraph in a box of `width` and at most
    /// `height`, from `top` (validation refuses a text that does not fit).
    TextBox { field: Field, x: Pos, top: Pos, width: Pt, height: Pt, font: TextSpec },
    /// The document symbol ending at `x`: the organ part up to the first `/` in `head`, the
    /// rest in `tail` (as the UN sets "CTOC/COP/WG.3/2021/1").
    Symbol { x: Pos, baseline: Pos, head: TextSpec, tail: TextSpec },
    /// A horizontal rule from `x` to `to`, `thickness` tall, its top at `y`.
    Rule { x: Pos, to: Pos, y: Pos, thickness: Pt },
    /// The Code 39 barcode of the job number: narrow bars `module` wide, wide bars three.
    Barcode { x: Pos, top: Pos, height: Pt, module: Pt },
    /// The QR code of the document's address, `size` square, its bottom at `bottom`.
    Qr { x: Pos, bottom: Pos, size: Pt },
    /// The emblem, when the document has one, fitted into the box.
    Emblem { x: Pos, y: Pos, width: Pt, height: Pt },
    /// The recycle mark: three chasing arrows `height` tall, and `words` beside them.
    Recycle { x: Pos, bottom: Pos, height: Pt, font: TextSpec, words: Vec<String> },
}
