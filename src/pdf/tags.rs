//! The tag tree of a tagged (accessible) PDF, built from the roles the layout gives every
//! item: headings, paragraphs with their labels, links with their annotations, table header
//! and data cells, footnotes after the paragraph that refers to them; page furniture,
//! repeated table headers, rules, barcode and QR code are artifacts.
//!
//! Every link annotation must appear in the tree (PDF/UA-1 7.18.1; krilla refuses a tree
//! without it), so annotations are filed by the same owner as the text they cover: a block,
//! a table cell of a block, a footnote, or the masthead. Each owner holds its content in one
//! [`Content`], which is how a link inside a table cell or a footnote gets its `Link` element.

use crate::layout::{Role, TextRun};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use std::collections::BTreeMap;
use std::num::NonZeroU16;

/// The structure element that a piece of content (a glyph run or a link annotation) belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Masthead text: each run is a paragraph of its own.
    Masthead,
    /// A block of the document tree, or one cell of a table block.
    Block { block: usize, cell: Option<(u32, u32)> },
    /// A footnote's text at the page foot.
    Note(usize),
}

impl Owner {
    /// The owner of an item with this role, block and cell.
    pub fn of(role: Role, block: Option<usize>, cell: Option<(u32, u32)>) -> Owner {
        match (role, block) {
            (Role::Footnote(n), _) => Owner::Note(n),
            (_, Some(block)) => Owner::Block { block, cell },
            (_, None) => Owner::Masthead,
        }
    }
}

/// Whether an artifact run is page furniture at the head of the page (else at its foot).
fn is_header(run: &TextRun, page_height: f32) -> bool {
    run.y.0 < page_height / 2.0
}

/// What a glyph run is tagged as. Consecutive runs with equal tags share one marked-content
/// sequence: the lines of a paragraph, its face changes and its note marks are then one
/// `Span` of its element per page instead of one a run, which keeps the page's text in one
/// text object (a third of the content stream of a Chinese page was repeated `q … BT`
/// set-up) and the structure tree small. Masthead runs have no shareable tag: each is a
/// paragraph of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunTag<'a> {
    /// Page furniture, at the head of the page or not.
    Artifact { header: bool },
    /// Text of an element: its owner, whether it is the element's hanging label (an `Lbl`
    /// of its own), and the link it is the text of.
    Span { owner: Owner, label: bool, link: Option<&'a str> },
}

impl<'a> RunTag<'a> {
    /// The tag of `run` on a page `page_height` high; `None` if it shares its tag with no
    /// other run.
    pub fn of(run: &'a TextRun, page_height: f32) -> Option<RunTag<'a>> {
        if run.role == Role::Artifact {
            return Some(RunTag::Artifact { header: is_header(run, page_height) });
        }
        let owner = Owner::of(run.role, run.block, run.cell);
        if owner == Owner::Masthead {
            return None;
        }
        let label = run.role == Role::Label && run.cell.is_none();
        Some(RunTag::Span { owner, label, link: run.link.as_deref() })
    }
}

/// What an element holds, in reading order.
enum Child {
    Span(Identifier),
    /// A link: the spans of its text and its annotations.
    Link {
        uri: String,
        spans: Vec<Identifier>,
        annots: Vec<Identifier>,
    },
}

/// The content of one structure element.
#[derive(Default)]
struct Content {
    children: Vec<Child>,
}

impl Content {
    fn span(&mut self, id: Identifier, link: Option<&str>) {
        let Some(uri) = link else {
            self.children.push(Child::Span(id));
            return;
        };
        // Consecutive runs of one link (a face change, a line break) stay one link.
        match self.children.last_mut() {
            Some(Child::Link { uri: u, spans, .. }) if u == uri => spans.push(id),
            _ => {
                self.children.push(Child::Link { uri: uri.to_string(), spans: vec![id], annots: Vec::new() })
            }
        }
    }

    /// Files an annotation with the latest link of the same address; annotations are added
    /// after the page's text, so that link exists unless its text was not drawn.
    fn annotation(&mut self, uri: &str, id: Identifier) {
        let found = self.children.iter_mut().rev().find_map(|c| match c {
            Child::Link { uri: u, annots, .. } if u == uri => Some(annots),
            _ => None,
        });
        match found {
            Some(annots) => annots.push(id),
            None => {
                self.children.push(Child::Link { uri: uri.to_string(), spans: Vec::new(), annots: vec![id] })
            }
        }
    }

    fn push_into(self, group: &mut TagGroup) {
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
    }

    fn into_group(self, tag: impl Into<TagKind>) -> TagGroup {
        let mut group = TagGroup::new(tag);
        self.push_into(&mut group);
        group
    }
}

#[derive(Default)]
struct BlockTags {
    heading: Option<u8>,
    /// The block's text, for a heading's title.
    text: String,
    /// The spans of its hanging label (a paragraph number, an item's letter).
    labels: Vec<Identifier>,
    content: Content,
    /// Table cells by (row, column); row 0 is the header.
    cells: BTreeMap<(u32, u32), Content>,
    /// The drawing of a figure's image.
    figure: Vec<Identifier>,
}

/// Collects identifiers while the pages are drawn, then builds the tree.
#[derive(Default)]
pub struct Tagger {
    masthead: Vec<Content>,
    blocks: BTreeMap<usize, BlockTags>,
    notes: BTreeMap<usize, Content>,
    /// The block whose text carries each note's mark.
    note_block: BTreeMap<usize, usize>,
}

impl Tagger {
    /// Opens the content tag for a glyph run; the caller draws the run, and the runs after it
    /// that [`RunTag::of`] finds equal to it (see [`Tagger::continue_run`]), then calls
    /// `surface.end_tagged()`.
    pub fn start_run(&mut self, surface: &mut Surface, run: &TextRun, page_height: f32) {
        let artifact = |kind| ContentTag::Artifact(Artifact::new(kind, None));
        let tag = match run.role {
            Role::Artifact if is_header(run, page_height) => artifact(ArtifactType::Header),
            Role::Artifact => artifact(ArtifactType::Footer),
            _ => ContentTag::Span(SpanTag::empty()),
        };
        let is_span = matches!(tag, ContentTag::Span(_));
        let id = surface.start_tagged(tag);
        if !is_span {
            return;
        }
        let link = run.link.as_deref();
        match Owner::of(run.role, run.block, run.cell) {
            Owner::Masthead => {
                let mut content = Content::default();
                content.span(id, link);
                self.masthead.push(content);
            }
            Owner::Note(n) => self.notes.entry(n).or_default().span(id, link),
            Owner::Block { block: b, cell } => {
                self.block_text(b, run);
                let block = self.blocks.entry(b).or_default();
                if run.role == Role::Label && cell.is_none() {
                    block.labels.push(id);
                } else {
                    block.content_mut(cell).span(id, link);
                }
            }
        }
    }

    /// Files a glyph run drawn inside the content tag of the run before it (the two have an
    /// equal [`RunTag`]): its text counts for its block; its glyphs are already in the tag.
    pub fn continue_run(&mut self, run: &TextRun) {
        if run.role == Role::Artifact {
            return;
        }
        if let Owner::Block { block, .. } = Owner::of(run.role, run.block, run.cell) {
            self.block_text(block, run);
        }
    }

    /// Records what a run of block `b` says of its block: its heading level, the note it
    /// marks, and its text (for a heading's title).
    fn block_text(&mut self, b: usize, run: &TextRun) {
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
    }

    /// Records a piece of the drawing of the figure in `block`.
    pub fn figure(&mut self, block: usize, id: Identifier) {
        self.blocks.entry(block).or_default().figure.push(id);
    }

    /// Records a link annotation with the owner of the text it covers.
    pub fn link_annotation(&mut self, owner: Owner, uri: &str, id: Identifier) {
        match owner {
            Owner::Masthead => {
                let mut content = Content::default();
                content.annotation(uri, id);
                self.masthead.push(content);
            }
            Owner::Note(n) => self.notes.entry(n).or_default().annotation(uri, id),
            Owner::Block { block, cell } => {
                self.blocks.entry(block).or_default().content_mut(cell).annotation(uri, id)
            }
        }
    }

    /// The tree: masthead lines, then the blocks in document order, each followed by the notes
    /// it refers to. Blocks at a list level (`lists`, by block) become list items: `LI` with
    /// `Lbl` and `LBody`, consecutive items in one `L`, a deeper level nested in the `LBody` of
    /// the item before it (PDF/UA-1 7.6, ISO 32000-1 14.8.4.3.3). Lines of a contents table
    /// (`contents`, by block) become `TOCI`, consecutive ones one `TOC` (ISO 32000-1 14.8.4.3.2).
    /// A figure's drawing becomes a `Figure` element with its alternative text (`figures`, by
    /// block; PDF/UA-1 7.3).
    pub fn tree(self, lists: &[Option<u8>], contents: &[bool], figures: &BTreeMap<usize, String>) -> TagTree {
        let mut tree = TagTree::new();
        for content in self.masthead {
            tree.push(content.into_group(Tag::P));
        }
        let mut notes_after: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (note, block) in &self.note_block {
            notes_after.entry(*block).or_default().push(*note);
        }
        let mut notes = self.notes;
        let mut open = Lists::default();
        let mut toc: Option<TagGroup> = None;
        for (b, tags) in self.blocks {
            if contents.get(b).copied().unwrap_or(false) {
                open.close_to(&mut tree, 0);
                toc.get_or_insert_with(|| TagGroup::new(Tag::TOC)).push(tags.toc_item());
                continue;
            }
            if let Some(done) = toc.take() {
                tree.push(done);
            }
            if !tags.figure.is_empty() {
                open.close_to(&mut tree, 0);
                let mut group = TagGroup::new(Tag::Figure(figures.get(&b).cloned()));
                tags.figure.into_iter().for_each(|id| group.push(id));
                tree.push(group);
                continue;
            }
            let mut after: Vec<TagGroup> = Vec::new();
            for n in notes_after.remove(&b).unwrap_or_default() {
                if let Some(content) = notes.remove(&n) {
                    after.push(content.into_group(Tag::Note));
                }
            }
            match lists.get(b).copied().flatten() {
                Some(level) if tags.cells.is_empty() => {
                    open.item(&mut tree, level.max(1) as usize, tags.list_item(after));
                }
                _ => {
                    open.close_to(&mut tree, 0);
                    for group in tags.groups() {
                        tree.push(group);
                    }
                    after.into_iter().for_each(|g| tree.push(g));
                }
            }
        }
        open.close_to(&mut tree, 0);
        if let Some(done) = toc.take() {
            tree.push(done);
        }
        // Notes whose mark was not drawn in a block still belong in the tree.
        for (_, content) in notes {
            tree.push(content.into_group(Tag::Note));
        }
        tree
    }
}

/// The lists open while blocks are tagged: at each level, its `L` and its last item, whose
/// `LBody` may still receive a deeper list.
#[derive(Default)]
struct Lists {
    open: Vec<(TagGroup, Option<(TagGroup, TagGroup)>)>,
}

impl Lists {
    /// Adds an item (its `Lbl` and `LBody`) at `level`, opening and closing lists on the way.
    fn item(&mut self, tree: &mut TagTree, level: usize, (lbl, body): (TagGroup, TagGroup)) {
        self.close_to(tree, level);
        while self.open.len() < level {
            self.open.push((TagGroup::new(Tag::L(ListNumbering::None)), None));
        }
        if let Some((list, last)) = self.open.last_mut() {
            if let Some(done) = last.take() {
                list.push(li(done));
            }
            *last = Some((lbl, body));
        }
    }

    /// Closes the lists deeper than `level`, each into the `LBody` of the item it follows.
    fn close_to(&mut self, tree: &mut TagTree, level: usize) {
        while self.open.len() > level {
            let Some((mut list, last)) = self.open.pop() else { break };
            if let Some(done) = last {
                list.push(li(done));
            }
            match self.open.last_mut() {
                Some((_, Some((_, body)))) => body.push(list),
                Some((parent, None)) => parent.push(list),
                None => tree.push(list),
            }
        }
    }
}

fn li((lbl, body): (TagGroup, TagGroup)) -> TagGroup {
    let mut item = TagGroup::new(Tag::LI);
    if !lbl.children.is_empty() {
        item.push(lbl);
    }
    item.push(body);
    item
}

impl BlockTags {
    fn content_mut(&mut self, cell: Option<(u32, u32)>) -> &mut Content {
        match cell {
            Some(cell) => self.cells.entry(cell).or_default(),
            None => &mut self.content,
        }
    }

    /// The block as an item of a contents table: its label and its text and numbers.
    fn toc_item(self) -> TagGroup {
        let mut item = TagGroup::new(Tag::TOCI);
        self.labels.into_iter().for_each(|id| item.push(id));
        self.content.push_into(&mut item);
        item
    }

    /// The block as a list item: its label, and its content with the notes it refers to.
    fn list_item(self, notes: Vec<TagGroup>) -> (TagGroup, TagGroup) {
        let mut lbl = TagGroup::new(Tag::Lbl);
        self.labels.into_iter().for_each(|id| lbl.push(id));
        let mut body = self.content.into_group(Tag::LBody);
        notes.into_iter().for_each(|n| body.push(n));
        (lbl, body)
    }

    /// The block's elements: a table, a heading or a paragraph (a table block with content
    /// outside its cells keeps that content in a paragraph after the table).
    fn groups(self) -> Vec<TagGroup> {
        let mut groups = Vec::new();
        let has_cells = !self.cells.is_empty();
        if has_cells {
            groups.push(table(self.cells));
        }
        if has_cells && self.content.children.is_empty() && self.labels.is_empty() {
            return groups;
        }
        let tag: TagKind = match self.heading {
            Some(level) => Tag::Hn(
                NonZeroU16::new(level.into()).unwrap_or(NonZeroU16::MIN),
                Some(self.text.replace('\n', " ")),
            )
            .into(),
            None => Tag::P.into(),
        };
        let mut group = TagGroup::new(tag);
        self.labels.into_iter().for_each(|id| group.push(id));
        self.content.push_into(&mut group);
        groups.push(group);
        groups
    }
}

fn table(cells: BTreeMap<(u32, u32), Content>) -> TagGroup {
    let mut head = TagGroup::new(Tag::THead);
    let mut body = TagGroup::new(Tag::TBody);
    let mut rows: BTreeMap<u32, Vec<(u32, Content)>> = BTreeMap::new();
    for ((r, c), content) in cells {
        rows.entry(r).or_default().push((c, content));
    }
    for (r, row_cells) in rows {
        let mut tr = TagGroup::new(Tag::TR);
        for (_, content) in row_cells {
            let tag: TagKind = if r == 0 { Tag::TH(TableHeaderScope::Column).into() } else { Tag::TD.into() };
            tr.push(Node::from(content.into_group(tag)));
        }
        if r == 0 { head.push(tr) } else { body.push(tr) }
    }
    let mut table = TagGroup::new(Tag::Table);
    table.push(head);
    table.push(body);
    table
}
