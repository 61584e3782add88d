//! The layout engine: shaping, line breaking, flow and page furniture.
//!
//! `layout` turns a [`Document`](crate::doc::Document) into [`Page`]s of positioned items.
//! It knows nothing of JSON or of PDF: its output is plain data that `pdf` writes out.
//! Coordinates are points from the top-left corner of the page, y growing downwards.

pub mod audit;
mod barcode;
mod classify;
pub(crate) mod emblem;
mod flow;
pub mod fonts;
pub mod frame;
mod furniture;
pub mod hyphenate;
mod inline;
pub mod linebreak;
mod mirror;
pub mod prepare;
mod qr;
pub mod shape;

pub use classify::{Class, class_of};
pub use fonts::FaceId;
pub(crate) use furniture::overfull_text_boxes;

use crate::doc::Document;
use crate::error::Error;
use crate::units::Pt;
use std::ops::Range;

/// A laid-out document.
#[derive(Clone, Debug)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// Headings for the PDF outline, in document order.
    pub outline: Vec<OutlineEntry>,
    /// Every line of every paragraph, for audits of the line-breaking rules.
    pub lines: Vec<LineRecord>,
    /// The list nesting level of each block of the tree (by index), for tagging.
    pub lists: Vec<Option<u8>>,
    /// Whether each block of the tree (by index) is a line of a contents table, for tagging.
    pub contents: Vec<bool>,
    /// The alternative text of each figure, by block of the tree, for its `Figure` element.
    pub figures: std::collections::BTreeMap<usize, String>,
    /// What the layout had to do against the rules and a reader should know: a piece of
    /// text wider than its column broken between two characters.
    pub warnings: Vec<Warning>,
}

/// Something the layout did as a last resort, with the place it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Index of the block (in the document tree) the text is in.
    pub block: Option<usize>,
    /// The end of the first line where it happened.
    pub excerpt: String,
    /// How many lines of the block it happened on.
    pub count: usize,
    pub message: &'static str,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.block {
            Some(b) => write!(f, "block {b}: {} (at \"…{}\"", self.message, self.excerpt)?,
            None => write!(f, "notes: {} (at \"…{}\"", self.message, self.excerpt)?,
        }
        match self.count {
            1 => write!(f, ")"),
            n => write!(f, ", and on {} more lines)", n - 1),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Page {
    pub width: Pt,
    pub height: Pt,
    pub items: Vec<Item>,
}

/// What an item is in the document's structure, kept for tagged PDF and for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Page furniture: masthead rules, running heads, footers, barcode, QR code.
    Artifact,
    /// Masthead text that belongs to the document (organization, symbol, distribution).
    Masthead,
    Heading(u8),
    Paragraph,
    Label,
    TableHeader,
    TableCell,
    /// A footnote reference mark in the text, and the note's lines at the page foot.
    NoteMark(usize),
    Footnote(usize),
    /// The image of a figure: the block of the document tree it draws, whose alternative
    /// text its `Figure` structure element carries.
    Figure(usize),
}

#[derive(Clone, Debug)]
pub enum Item {
    Text(TextRun),
    /// A filled rectangle (rules, barcode bars, QR modules).
    Rect {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        role: Role,
    },
    /// A vector shape (the recycle mark, an SVG emblem).
    Shape(Shape),
    /// A raster image (a PNG emblem), scaled into its box.
    Image {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        png: std::sync::Arc<Vec<u8>>,
        role: Role,
    },
    /// A clickable area, in the block (and table cell, or footnote) its text belongs to, so
    /// that its annotation is tagged inside the same structure element as its text.
    Link {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        uri: String,
        block: Option<usize>,
        cell: Option<(u32, u32)>,
        role: Role,
        /// A place in the document (page, top) the link goes to instead of `uri`, which then
        /// names the place (a contents entry's heading).
        dest: Option<(usize, Pt)>,
    },
}

impl Item {
    /// The item moved down by `dy`.
    pub fn shifted(&self, dy: Pt) -> Item {
        self.clone().translated(Pt::ZERO, dy)
    }

    /// The item moved right by `dx` and down by `dy`.
    pub fn translated(mut self, dx: Pt, dy: Pt) -> Item {
        match &mut self {
            Item::Text(r) => {
                r.x += dx;
                r.y += dy;
            }
            Item::Rect { x, y, .. } | Item::Link { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Shape(shape) => {
                for cmd in &mut shape.path {
                    match cmd {
                        PathCmd::Move(x, y) | PathCmd::Line(x, y) => {
                            *x += dx;
                            *y += dy;
                        }
                        PathCmd::Cubic(x1, y1, x2, y2, x, y) => {
                            *x1 += dx;
                            *y1 += dy;
                            *x2 += dx;
                            *y2 += dy;
                            *x += dx;
                            *y += dy;
                        }
                        PathCmd::Close => {}
                    }
                }
            }
        }
        self
    }
}

/// A colour, 8 bits per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// A path command, in page coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathCmd {
    Move(Pt, Pt),
    Line(Pt, Pt),
    Cubic(Pt, Pt, Pt, Pt, Pt, Pt),
    Close,
}

/// A filled and/or stroked path.
#[derive(Clone, Debug)]
pub struct Shape {
    pub path: Vec<PathCmd>,
    pub fill: Option<Rgb>,
    pub stroke: Option<(Rgb, Pt)>,
    /// Even-odd fill rule instead of non-zero winding.
    pub even_odd: bool,
    pub role: Role,
}

/// A run of glyphs in one face and size, on one baseline.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// Pen position at the start of the run.
    pub x: Pt,
    /// Baseline.
    pub y: Pt,
    pub face: FaceId,
    pub size: Pt,
    pub glyphs: Vec<PlacedGlyph>,
    /// The source text the glyphs came from (for text extraction).
    pub text: String,
    pub role: Role,
    /// Index of the block (in the document tree) the run belongs to.
    pub block: Option<usize>,
    /// The address the run links to (a run holds the text of at most one link).
    pub link: Option<String>,
    /// Row and column of the table cell the run is in (row 0: the header).
    pub cell: Option<(u32, u32)>,
}

impl TextRun {
    /// Width of the run (sum of advances).
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

#[derive(Clone, Debug)]
pub struct PlacedGlyph {
    pub id: u16,
    /// Advance including any justification space after the glyph.
    pub advance: Pt,
    pub x_offset: Pt,
    pub y_offset: Pt,
    /// Byte range of the glyph's cluster in the run's `text`.
    pub range: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: Pt,
}

/// One laid-out line, as text and geometry, for audits.
#[derive(Clone, Debug)]
pub struct LineRecord {
    pub text: String,
    /// Width the line was set to, and the width its content has at natural spacing.
    pub measure: Pt,
    pub natural: Pt,
    /// Adjustment ratio (positive: stretched; negative: shrunk), 0 for unjustified lines.
    pub ratio: f32,
    /// Whether the line ends its paragraph or a forced break.
    pub last: bool,
    /// Whether the line could not take in more text (its next break would overflow it).
    pub cannot_extend: bool,
    /// Its spacing, for the audit of the justification limits.
    pub spacing: linebreak::Spacing,
    /// The block the line belongs to.
    pub block: Option<usize>,
    /// Whether the line ends with a break between two arbitrary characters.
    pub character_break: bool,
    /// Whether the line ends inside a word, with a hyphen.
    pub hyphenated: bool,
}

/// Lays out a document into pages.
pub fn layout(doc: &Document) -> Result<Layout, Error> {
    let book = fonts::FontBook::get()?;
    let mut layout = flow::flow(doc, book)?;
    // One warning a block, with the first place and the count: a long token breaks on
    // every line it fills.
    let mut warnings: Vec<Warning> = Vec::new();
    for line in layout.lines.iter().filter(|l| l.character_break) {
        match warnings.iter_mut().find(|w| w.block == line.block) {
            Some(w) => w.count += 1,
            None => {
                let chars: Vec<char> = line.text.chars().collect();
                warnings.push(Warning {
                    block: line.block,
                    excerpt: chars[chars.len().saturating_sub(24)..].iter().collect(),
                    count: 1,
                    message: "a piece of text wider than its column was broken between two characters",
                });
            }
        }
    }
    layout.warnings = warnings;
    let total = layout.pages.len();
    for (i, page) in layout.pages.iter_mut().enumerate() {
        furniture::decorate(doc, book, page, i, total)?;
    }
    frame::check(&doc.spec, &layout)?;
    Ok(layout)
}
