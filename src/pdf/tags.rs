//! The tag tree of a tagged (accessible) PDF, built from the roles the layout gives every
//! item: headings, paragraphs with their labels, links with their annotations, table header
//! and data cells, footnotes after the paragraph that refers to them; page furniture,
//! repeated table headers, rules, barcode and QR code are artifacts.

use crate::layout::{Role, TextRun};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use std::collections::BTreeMap;
use std::num::NonZeroU16;

/// What a block holds, in reading order.
enum Child {
    Span(Identifier),
    /// A link: the spans of its text and its annotations.
    Link {
        uri: String,
        spans: Vec<Identifier>,
        annots: Vec<Identifier>,
    },
}

#[derive(Default)]
struct BlockTags {
    heading: Option<u8>,
    /// The block's text, for a heading's title.
    text: String,
    children: Vec<Child>,
    /// Table cells by (row, column); row 0 is the header.
    cells: BTreeMap<(u32, u32), Vec<Identifier>>,
}

/// Collects identifiers while the pages are drawn, then builds the tree.
#[derive(Default)]
pub struct Tagger {
    masthead: Vec<Identifier>,
    blocks: BTreeMap<usize, BlockTags>,
    notes: BTreeMap<usize, Vec<Identifier>>,
    /// The block whose text carries each note's mark.
    note_block: BTreeMap<usize, usize>,
}

impl Tagger {
    /// Opens the content tag for a glyph run; the caller draws the run and calls
    /// `surface.end_tagged()`.
    pub fn start_run(&mut self, surface: &mut Surface, run: &TextRun, page_height: f32) {
        let artifact = |kind| ContentTag::Artifact(Artifact::new(kind, None));
        let tag = match (run.role, run.block) {
            (Role::Artifact, _) if run.y.0 < page_height / 2.0 => artifact(ArtifactType::Header),
            (Role::Artifact, _) => artifact(ArtifactType::Footer),
            _ => ContentTag::Span(SpanTag::empty()),
        };
        let is_span = matches!(tag, ContentTag::Span(_));
        let id = surface.start_tagged(tag);
        if !is_span {
            return;
        }
        match (run.role, run.block) {
            (Role::Footnote(n), _) => self.notes.entry(n).or_default().push(id),
            (_, Some(b)) => {
                if let Role::NoteMark(n) = run.role {
                    self.note_block.entry(n).or_insert(b);
                }
                let block = self.blocks.entry(b).or_default();
                if let Role::Heading(level) = run.role {
                    block.heading = Some(level);
                }
                // Labels come first in the stream: "1." then "组织事项" makes "1. 组织事项".
                match run.role {
                    Role::NoteMark(_) => {}
                    Role::Label => {
                        block.text.push_str(&run.text);
                        block.text.push(' ');
                    }
                    _ => block.text.push_str(&run.text),
                }
                if let Some(cell) = run.cell {
                    block.cells.entry(cell).or_default().push(id);
                } else if let Some(uri) = &run.link {
                    block.add_link_span(uri, id);
                } else {
                    block.children.push(Child::Span(id));
                }
            }
            (_, None) => self.masthead.push(id),
        }
    }

    /// Records a link annotation of `block`.
    pub fn link_annotation(&mut self, block: Option<usize>, uri: &str, id: Identifier) {
        match block {
            Some(b) => {
                let tags = self.blocks.entry(b).or_default();
                match tags.children.iter_mut().rev().find_map(|c| match c {
                    Child::Link { uri: u, annots, .. } if u == uri => Some(annots),
                    _ => None,
                }) {
                    Some(annots) => annots.push(id),
                    None => tags.children.push(Child::Link {
                        uri: uri.to_string(),
                        spans: Vec::new(),
                        annots: vec![id],
                    }),
                }
            }
            None => self.masthead.push(id),
        }
    }

    /// The tree: masthead lines, then the blocks in document order, each followed by the notes
    /// it refers to.
    pub fn tree(self) -> TagTree {
        let mut tree = TagTree::new();
        for id in self.masthead {
            let mut p = TagGroup::new(Tag::P);
            p.push(id);
            tree.push(p);
        }
        let mut notes_after: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (note, block) in &self.note_block {
            notes_after.entry(*block).or_default().push(*note);
        }
        let mut notes = self.notes;
        for (b, tags) in self.blocks {
            tree.push(tags.group());
            for n in notes_after.remove(&b).unwrap_or_default() {
                if let Some(ids) = notes.remove(&n) {
                    let mut note = TagGroup::new(Tag::Note);
                    ids.into_iter().for_each(|id| note.push(id));
                    tree.push(note);
                }
            }
        }
        // Notes whose mark is not in a block (none today) still belong in the tree.
        for (_, ids) in notes {
            let mut note = TagGroup::new(Tag::Note);
            ids.into_iter().for_each(|id| note.push(id));
            tree.push(note);
        }
        tree
    }
}

impl BlockTags {
    fn add_link_span(&mut self, uri: &str, id: Identifier) {
        match self.children.last_mut() {
            Some(Child::Link { uri: u, spans, .. }) if u == uri => spans.push(id),
            _ => {
                self.children.push(Child::Link { uri: uri.to_string(), spans: vec![id], annots: Vec::new() })
            }
        }
    }

    fn group(self) -> TagGroup {
        if !self.cells.is_empty() {
            return table(self.cells);
        }
        let mut group = match self.heading {
            Some(level) => TagGroup::new(Tag::Hn(
                NonZeroU16::new(level.into()).unwrap_or(NonZeroU16::MIN),
                Some(self.text.replace('\n', " ")),
            )),
            None => TagGroup::new(Tag::P),
        };
        for child in self.children {
            match child {
                Child::Span(id) => group.push(id),
                Child::Link { spans, annots, .. } => {
                    let mut link = TagGroup::new(Tag::Link);
                    spans.into_iter().chain(annots).for_each(|id| link.push(id));
                    group.push(link);
                }
            }
        }
        group
    }
}

fn table(cells: BTreeMap<(u32, u32), Vec<Identifier>>) -> TagGroup {
    let mut head = TagGroup::new(Tag::THead);
    let mut body = TagGroup::new(Tag::TBody);
    let mut rows: BTreeMap<u32, Vec<(u32, Vec<Identifier>)>> = BTreeMap::new();
    for ((r, c), ids) in cells {
        rows.entry(r).or_default().push((c, ids));
    }
    for (r, row_cells) in rows {
        let mut tr = TagGroup::new(Tag::TR);
        for (_, ids) in row_cells {
            let mut cell = if r == 0 {
                TagGroup::new(Tag::TH(TableHeaderScope::Column))
            } else {
                TagGroup::new(Tag::TD)
            };
            ids.into_iter().for_each(|id| cell.push(Node::from(id)));
            tr.push(cell);
        }
        if r == 0 { head.push(tr) } else { body.push(tr) }
    }
    let mut table = TagGroup::new(Tag::Table);
    table.push(head);
    table.push(body);
    table
}
