//! A report body written in CommonMark, one file per language, read into report content.
//!
//! The convention (stated in the header comment of `examples/report/*.md`): `#` is a chapter,
//! `##` a section (in an annex, the annex's title); headings carry no numbers. Every other
//! top-level block is a paragraph, numbered by the engine; a bulleted list right after a
//! paragraph holds its sub-paragraphs, nested lists the next level; an ordered list keeps its
//! own numbers; `[^n]` are footnotes; `***` then `# Annex` starts the annexes; pipe tables.
//! A chapter heading may carry `{number=3 paragraph=36}` (a draft without chapter II keeps
//! the final numbers). HTML comments are notes to the author and are skipped; any other
//! construct (HTML, images, links, code) is a problem with its line and column, never dropped.
//!
//! The versions are then merged block by block into texts per language; versions whose
//! structure differs are a problem, as their paragraph numbers would differ.

use super::report::{Annex, Block, Chapter, Figure, List, Section, Table};
use super::rich::escape;
use super::{Lang, Paragraph, Text};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// A place in a CommonMark file: `file:line:column`.
type Pos = String;

/// One language's body.
#[derive(Debug, Default)]
pub struct Body {
    chapters: Vec<MdChapter>,
    annexes: Vec<MdAnnex>,
}

#[derive(Debug)]
struct MdChapter {
    title: String,
    at: Pos,
    number: Option<u32>,
    first_paragraph: Option<u32>,
    blocks: Vec<MdBlock>,
}

#[derive(Debug)]
struct MdAnnex {
    label: String,
    at: Pos,
    title: Option<(String, Pos)>,
    blocks: Vec<MdBlock>,
}

#[derive(Debug)]
enum MdBlock {
    Para(MdPara),
    Section {
        title: String,
        at: Pos,
        blocks: Vec<MdBlock>,
    },
    List {
        start: u32,
        at: Pos,
        items: Vec<MdPara>,
    },
    Table {
        at: Pos,
        caption: Option<MdPara>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// `![alt](file "caption")`, a paragraph of its own.
    Figure {
        at: Pos,
        file: String,
        alt: String,
        caption: String,
    },
}

#[derive(Debug)]
struct MdPara {
    text: String,
    at: Pos,
    subs: Vec<MdPara>,
}

impl MdBlock {
    fn at(&self) -> &str {
        match self {
            MdBlock::Para(p) => &p.at,
            MdBlock::Section { at, .. }
            | MdBlock::List { at, .. }
            | MdBlock::Table { at, .. }
            | MdBlock::Figure { at, .. } => at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            MdBlock::Para(_) => "a paragraph",
            MdBlock::Section { .. } => "a section",
            MdBlock::List { .. } => "a numbered list",
            MdBlock::Table { .. } => "a table",
            MdBlock::Figure { .. } => "a figure",
        }
    }
}

/// How deep sub-paragraphs go in a bulleted list: (a), (i), a., i.
const MAX_LEVELS: usize = super::MAX_SUBPARAGRAPH_LEVELS;

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    i: usize,
    errors: Vec<String>,
    /// Footnote definitions by label: their text in report markup.
    notes: BTreeMap<String, (String, Pos)>,
    /// Footnote references: label and place, in order.
    refs: Vec<(String, Pos)>,
    /// Where text was read: a `[^label]` there is a reference CommonMark did not take.
    text_ranges: Vec<Range<usize>>,
}

/// Reads the CommonMark `text` of file `file` (named in messages). Errors are messages that
/// start with `file:line:column:`.
pub fn parse(text: &str, file: &str) -> Result<Body, Vec<String>> {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<_> = Parser::new_ext(text, options).into_offset_iter().collect();
    let mut r = Reader {
        text,
        file,
        events,
        i: 0,
        errors: Vec::new(),
        notes: BTreeMap::new(),
        refs: Vec::new(),
        text_ranges: Vec::new(),
    };
    let mut body = r.body();
    r.resolve_notes(&mut body);
    if r.errors.is_empty() { Ok(body) } else { Err(r.errors) }
}

impl<'a> Reader<'a> {
    fn pos(&self, offset: usize) -> Pos {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!("{}:{line}:{column}", self.file)
    }

    fn error(&mut self, offset: usize, message: impl AsRef<str>) {
        let at = self.pos(offset);
        self.errors.push(format!("{at}: {}", message.as_ref()));
    }

    fn next(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        let e = self.events.get(self.i).cloned();
        self.i += 1;
        e
    }

    /// Skips to the end of the element just started (after reporting it).
    fn skip_element(&mut self) {
        let mut depth = 1;
        while let Some((e, _)) = self.next() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn body(&mut self) -> Body {
        let mut body = Body::default();
        let mut in_annexes = false;
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let (title, _) = self.inlines(TagEnd::Heading(level));
                    let at = self.pos(range.start);
                    if id.is_some() || !classes.is_empty() {
                        self.error(
                            range.start,
                            "a heading takes no id or class: only {number=N paragraph=N}",
                        );
                    }
                    let mut number = None;
                    let mut first_paragraph = None;
                    for (key, value) in attrs {
                        let n = value.as_deref().and_then(|v| v.parse::<u32>().ok()).filter(|n| *n > 0);
                        match (key.as_ref(), n) {
                            ("number", Some(n)) if level == HeadingLevel::H1 && !in_annexes => number = Some(n),
                            ("paragraph", Some(n)) if level == HeadingLevel::H1 && !in_annexes => {
                                first_paragraph = Some(n)
                            }
                            _ => self.error(
                                range.start,
                                format!("`{key}` is not an attribute of this heading: a chapter heading may carry number=N and paragraph=N (whole numbers from 1)"),
                            ),
                        }
                    }
                    match level {
                        HeadingLevel::H1 if in_annexes => {
                            body.annexes.push(MdAnnex { label: title, at, title: None, blocks: Vec::new() })
                        }
                        HeadingLevel::H1 => body.chapters.push(MdChapter {
                            title,
                            at,
                            number,
                            first_paragraph,
                            blocks: Vec::new(),
                        }),
                        HeadingLevel::H2 => {
                            if in_annexes {
                                match body.annexes.last_mut() {
                                    Some(a) if a.title.is_none() && a.blocks.is_empty() => {
                                        a.title = Some((title, at))
                                    }
                                    _ => self.error(
                                        range.start,
                                        "an annex has one `##` title, right after its `#` heading",
                                    ),
                                }
                            } else {
                                match body.chapters.last_mut() {
                                    Some(c) => {
                                        c.blocks.push(MdBlock::Section { title, at, blocks: Vec::new() })
                                    }
                                    None => self.error(
                                        range.start,
                                        "a section (`##`) before the first chapter (`#`)",
                                    ),
                                }
                            }
                        }
                        _ => self.error(
                            range.start,
                            "only `#` (chapter) and `##` (section) headings are used in a report",
                        ),
                    }
                }
                Event::Rule => {
                    if in_annexes {
                        self.error(
                            range.start,
                            "the annexes have begun already: one `***` before the first annex",
                        );
                    }
                    in_annexes = true;
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.definition(label.to_string(), range.start)
                }
                Event::Start(Tag::HtmlBlock) => self.html_block(),
                Event::Start(tag) => {
                    let start = range.start;
                    let block = self.block(tag, start);
                    let Some(block) = block else { continue };
                    if in_annexes {
                        match body.annexes.last_mut() {
                            Some(a) => self.place(&mut a.blocks, block, start),
                            None => self.error(start, "after `***`, an annex starts with a `#` heading"),
                        }
                    } else {
                        match body.chapters.last_mut() {
                            Some(c) => match c.blocks.last_mut() {
                                Some(MdBlock::Section { blocks, .. }) => self.place(blocks, block, start),
                                _ => self.place(&mut c.blocks, block, start),
                            },
                            None => self.error(
                                start,
                                "text before the first chapter (`#`): a report's text is in chapters",
                            ),
                        }
                    }
                }
                other => {
                    let what = describe(&other);
                    self.error(range.start, format!("{what} cannot go in a report body"));
                }
            }
        }
        body
    }

    /// Puts a block in its container: a bulleted list becomes the sub-paragraphs of the
    /// paragraph before it.
    fn place(&mut self, blocks: &mut Vec<MdBlock>, block: Parsed, start: usize) {
        match block {
            // A paragraph `: caption` right before a table is its caption (as in Pandoc).
            Parsed::Block(MdBlock::Table { at, caption: None, head, rows }) => {
                let caption = match blocks.last() {
                    Some(MdBlock::Para(p)) if p.subs.is_empty() && p.text.starts_with(": ") => {
                        blocks.pop().and_then(|b| if let MdBlock::Para(p) = b { Some(p) } else { None })
                    }
                    _ => None,
                };
                let caption = caption.map(|p| MdPara { text: p.text[2..].to_string(), ..p });
                blocks.push(MdBlock::Table { at, caption, head, rows });
            }
            Parsed::Block(b) => blocks.push(b),
            Parsed::Bullets(items) => match blocks.last_mut() {
                Some(MdBlock::Para(p)) if p.subs.is_empty() => p.subs = items,
                _ => self.error(
                    start,
                    "a bulleted list holds the sub-paragraphs of the paragraph right before it; here there is none",
                ),
            },
        }
    }

    /// A block started by `tag`; None when it was reported.
    fn block(&mut self, tag: Tag<'a>, start: usize) -> Option<Parsed> {
        let at = self.pos(start);
        match tag {
            Tag::Paragraph => {
                if let Some(figure) = self.figure(&at, start) {
                    return figure.map(Parsed::Block);
                }
                let (text, _) = self.inlines(TagEnd::Paragraph);
                Some(Parsed::Block(MdBlock::Para(MdPara { text, at, subs: Vec::new() })))
            }
            Tag::List(None) => Some(Parsed::Bullets(self.items(1))),
            Tag::List(Some(first)) => {
                let items = self.items(0);
                let start = u32::try_from(first).ok().filter(|n| *n > 0).unwrap_or(1);
                Some(Parsed::Block(MdBlock::List { start, at, items }))
            }
            Tag::Table(_) => Some(Parsed::Block(self.table(at))),
            other => {
                let what = describe(&Event::Start(other));
                self.error(start, format!("{what} cannot go in a report body"));
                self.skip_element();
                None
            }
        }
    }

    /// A paragraph that is exactly one image `![alt](file "caption")`: a figure, or `None`
    /// inside when its caption or alternative text is missing (reported). `None` when the
    /// paragraph is something else (nothing is read; an image among text is refused there).
    fn figure(&mut self, at: &Pos, start: usize) -> Option<Option<MdBlock>> {
        let (Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url, title, .. }), _) =
            self.events.get(self.i)?.clone()
        else {
            return None;
        };
        let mut k = self.i + 1;
        let mut alt = String::new();
        loop {
            match &self.events.get(k)?.0 {
                Event::Text(t) => alt.push_str(t),
                Event::SoftBreak => alt.push(' '),
                Event::End(TagEnd::Image) => break,
                _ => return None,
            }
            k += 1;
        }
        if !matches!(self.events.get(k + 1)?.0, Event::End(TagEnd::Paragraph)) {
            return None;
        }
        self.i = k + 2;
        if title.trim().is_empty() || alt.trim().is_empty() {
            self.error(
                start,
                "a figure is `![alternative text](file \"caption\")`: both the text and the caption are required",
            );
            return Some(None);
        }
        let figure =
            MdBlock::Figure { at: at.clone(), file: dest_url.to_string(), alt, caption: escape(&title) };
        Some(Some(figure))
    }

    /// The items of a list whose items are at sub-paragraph `level` (0: a numbered list's own
    /// items); each item's text, then its nested bulleted list.
    fn items(&mut self, level: usize) -> Vec<MdPara> {
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let at = self.pos(range.start);
                    let mut item = MdPara { text: String::new(), at, subs: Vec::new() };
                    let mut paragraphs = 0;
                    while let Some((e, r)) = self.peek() {
                        match e {
                            Event::End(TagEnd::Item) => {
                                self.i += 1;
                                break;
                            }
                            Event::Start(Tag::Paragraph) => {
                                self.i += 1;
                                paragraphs += 1;
                                let (text, _) = self.inlines(TagEnd::Paragraph);
                                if paragraphs > 1 {
                                    self.error(r.start, "a list item holds one paragraph");
                                }
                                item.text.push_str(&text);
                            }
                            Event::Start(Tag::List(None)) => {
                                self.i += 1;
                                if level + 1 > MAX_LEVELS {
                                    self.error(
                                        r.start,
                                        "sub-paragraphs go four levels deep at most: (a), (i), a., i.",
                                    );
                                    self.skip_element();
                                } else {
                                    item.subs = self.items(level + 1);
                                }
                            }
                            Event::Start(Tag::List(Some(_))) => {
                                self.i += 1;
                                self.error(
                                    r.start,
                                    "a numbered list inside a list item: sub-items are a bulleted list",
                                );
                                self.skip_element();
                            }
                            _ => {
                                let (text, read) = self.inline_run();
                                item.text.push_str(&text);
                                if !read {
                                    self.unexpected(e, r.start, "a list item");
                                }
                            }
                        }
                    }
                    if item.text.trim().is_empty() {
                        self.error(range.start, "an empty list item");
                    }
                    items.push(item);
                }
                Event::End(TagEnd::List(_)) => break,
                other => {
                    let what = describe(&other);
                    self.error(range.start, format!("{what} cannot go in a list"));
                }
            }
        }
        items
    }

    /// Reports the construct at the cursor, which cannot go in `place`, and reads past it.
    fn unexpected(&mut self, event: Event<'a>, start: usize, place: &str) {
        let what = describe(&event);
        self.error(start, format!("{what} cannot go in {place}"));
        self.i += 1;
        if matches!(event, Event::Start(_)) {
            self.skip_element();
        }
    }

    fn peek(&self) -> Option<(Event<'a>, Range<usize>)> {
        self.events.get(self.i).cloned()
    }

    fn table(&mut self, _at: Pos) -> MdBlock {
        let mut head = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut in_head = false;
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::End(TagEnd::TableRow) => {}
                Event::Start(Tag::TableCell) => {
                    let (text, _) = self.inlines(TagEnd::TableCell);
                    if in_head {
                        head.push(text);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(text);
                    }
                }
                Event::End(TagEnd::Table) => break,
                other => {
                    let what = describe(&other);
                    self.error(range.start, format!("{what} cannot go in a table"));
                }
            }
        }
        MdBlock::Table { at: _at, caption: None, head, rows }
    }

    /// Inline content up to the end tag `end`, as report markup.
    fn inlines(&mut self, end: TagEnd) -> (String, bool) {
        let mut out = String::new();
        loop {
            match self.peek() {
                Some((Event::End(e), _)) if e == end => {
                    self.i += 1;
                    return (out, true);
                }
                None => return (out, false),
                Some((e, r)) => {
                    let (text, read) = self.inline_run();
                    out.push_str(&text);
                    if !read {
                        self.unexpected(e, r.start, "a paragraph or heading");
                    }
                }
            }
        }
    }

    /// Inline events from here until one that is not inline (left unread). Returns the text
    /// and whether anything was read.
    fn inline_run(&mut self) -> (String, bool) {
        let mut out = String::new();
        let mut read = false;
        while let Some((event, range)) = self.peek() {
            match event {
                Event::Text(t) => {
                    out.push_str(&escape(&t));
                    self.text_ranges.push(range.clone());
                }
                Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
                Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
                Event::SoftBreak => out.push_str(&soft_break(&out, self.text, range.end)),
                Event::FootnoteReference(label) => {
                    let at = self.pos(range.start);
                    out.push_str(&format!("\u{0}{}\u{0}", self.refs.len()));
                    self.refs.push((label.to_string(), at));
                }
                Event::InlineHtml(h) if h.trim_start().starts_with("<!--") => {}
                Event::Start(Tag::Image { .. }) => {
                    self.error(
                        range.start,
                        "an image is a figure, a paragraph of its own: `![alternative text](file \"caption\")`",
                    );
                    self.i += 1;
                    self.skip_element();
                    read = true;
                    continue;
                }
                Event::Start(Tag::Link { .. }) => {
                    let what = describe(&event);
                    self.error(
                        range.start,
                        format!(
                            "{what} cannot go in a report body: document symbols become links by themselves"
                        ),
                    );
                    self.i += 1;
                    self.skip_element();
                    read = true;
                    continue;
                }
                Event::Code(_)
                | Event::InlineHtml(_)
                | Event::HardBreak
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::TaskListMarker(_) => {
                    let what = describe(&event);
                    self.error(range.start, format!("{what} cannot go in a report body"));
                }
                Event::Start(Tag::Strikethrough | Tag::Superscript | Tag::Subscript) => {
                    let what = describe(&event);
                    self.error(range.start, format!("{what} cannot go in a report body"));
                    self.i += 1;
                    self.skip_element();
                    read = true;
                    continue;
                }
                _ => return (out, read),
            }
            self.i += 1;
            read = true;
        }
        (out, read)
    }

    fn definition(&mut self, label: String, start: usize) {
        let mut text = String::new();
        let mut paragraphs = 0;
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::Paragraph) => {
                    paragraphs += 1;
                    if paragraphs > 1 {
                        self.error(range.start, "a footnote holds one paragraph");
                    }
                    text.push_str(&self.inlines(TagEnd::Paragraph).0);
                }
                Event::End(TagEnd::FootnoteDefinition) => break,
                other => {
                    let what = describe(&other);
                    self.error(range.start, format!("{what} cannot go in a footnote"));
                    if matches!(other, Event::Start(_)) {
                        self.skip_element();
                    }
                }
            }
        }
        if text.contains('\u{0}') {
            self.error(start, "a footnote refers to another footnote");
        }
        let at = self.pos(start);
        if self.notes.insert(label.clone(), (text, at)).is_some() {
            self.error(start, format!("the footnote [^{label}] is defined twice"));
        }
    }

    /// HTML comments are the author's notes; any other HTML is reported.
    fn html_block(&mut self) {
        let mut html = String::new();
        let mut first = None;
        while let Some((event, range)) = self.next() {
            match event {
                Event::Html(h) => {
                    first.get_or_insert(range.start);
                    html.push_str(&h);
                }
                _ => break,
            }
        }
        let html = html.trim();
        let comment = html.starts_with("<!--") && html.ends_with("-->") && html.matches("-->").count() == 1;
        if !comment {
            self.error(
                first.unwrap_or_default(),
                "HTML cannot go in a report body (only comments, <!-- … -->)",
            );
        }
    }

    /// Puts each note's text where it is referenced (`^[…]`): each note once, and every
    /// note referenced.
    fn resolve_notes(&mut self, body: &mut Body) {
        let mut texts: Vec<Option<String>> = Vec::new();
        let mut used: BTreeMap<String, Pos> = BTreeMap::new();
        for (label, at) in self.refs.clone() {
            if let Some(first) = used.get(&label) {
                self.errors.push(format!(
                    "{at}: the footnote [^{label}] is referenced a second time (first at {first}): each note is referenced once"
                ));
                texts.push(None);
                continue;
            }
            used.insert(label.clone(), at.clone());
            match self.notes.get(&label) {
                Some((t, _)) => texts.push(Some(format!("^[{t}]"))),
                None => {
                    self.errors.push(format!("{at}: the footnote [^{label}] is not defined"));
                    texts.push(None);
                }
            }
        }
        for (label, (_, at)) in &self.notes {
            if !used.contains_key(label) {
                self.errors.push(format!("{at}: the footnote [^{label}] is defined but never referenced"));
            }
        }
        // CommonMark reads a reference to a note that is not defined as plain text: find it.
        let mut from = 0;
        while let Some(open) = self.text[from..].find("[^").map(|i| i + from) {
            from = open + 2;
            let Some(len) = self.text[from..].find(']') else { break };
            let label = &self.text[from..from + len];
            let definition = self.text[from + len + 1..].starts_with(':');
            let in_text = self.text_ranges.iter().any(|r| r.contains(&open));
            if in_text
                && !definition
                && !label.contains(char::is_whitespace)
                && !self.notes.contains_key(label)
            {
                let at = self.pos(open);
                self.errors.push(format!("{at}: the footnote [^{label}] is not defined"));
            }
        }
        let fill = |s: &mut String| {
            while let Some(open) = s.find('\u{0}') {
                let Some(len) = s[open + 1..].find('\u{0}') else { break };
                let index: usize = s[open + 1..open + 1 + len].parse().unwrap_or(usize::MAX);
                let note = texts.get(index).cloned().flatten().unwrap_or_default();
                s.replace_range(open..open + len + 2, &note);
            }
        };
        for chapter in &mut body.chapters {
            fill(&mut chapter.title);
            chapter.blocks.iter_mut().for_each(|b| fill_block(b, &fill));
        }
        for annex in &mut body.annexes {
            fill(&mut annex.label);
            if let Some((t, _)) = &mut annex.title {
                fill(t);
            }
            annex.blocks.iter_mut().for_each(|b| fill_block(b, &fill));
        }
    }
}

fn fill_block(block: &mut MdBlock, fill: &dyn Fn(&mut String)) {
    fn para(p: &mut MdPara, fill: &dyn Fn(&mut String)) {
        fill(&mut p.text);
        p.subs.iter_mut().for_each(|s| para(s, fill));
    }
    match block {
        MdBlock::Para(p) => para(p, fill),
        MdBlock::Section { title, blocks, .. } => {
            fill(title);
            blocks.iter_mut().for_each(|b| fill_block(b, fill));
        }
        MdBlock::List { items, .. } => items.iter_mut().for_each(|p| para(p, fill)),
        MdBlock::Figure { caption, .. } => fill(caption),
        MdBlock::Table { caption, head, rows, .. } => {
            if let Some(c) = caption {
                fill(&mut c.text);
            }
            head.iter_mut().chain(rows.iter_mut().flatten()).for_each(fill)
        }
    }
}

/// What a block turned out to be: a block, or a bulleted list of sub-paragraphs.
enum Parsed {
    Block(MdBlock),
    Bullets(Vec<MdPara>),
}

/// A line break inside a paragraph is a space between Latin words and nothing between Han
/// characters (clreq: no spaces in Chinese running text).
fn soft_break(before: &str, text: &str, after: usize) -> String {
    let prev = before.chars().last();
    let next = text.get(after..).and_then(|t| t.trim_start().chars().next());
    match (prev, next) {
        (Some(a), Some(b)) if is_wide(a) || is_wide(b) => String::new(),
        _ => " ".into(),
    }
}

/// Han, kana, CJK punctuation and full-width forms: the characters set without spaces
/// between them.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Names a construct for a message.
fn describe(event: &Event) -> String {
    match event {
        Event::Start(tag) => match tag {
            Tag::BlockQuote(_) => "a block quote".into(),
            Tag::CodeBlock(_) => "a code block".into(),
            Tag::HtmlBlock => "HTML".into(),
            Tag::Heading { .. } => "a heading".into(),
            Tag::List(_) => "a list".into(),
            Tag::Table(_) => "a table".into(),
            Tag::Image { .. } => "an image".into(),
            Tag::Link { .. } => "a link".into(),
            Tag::Strikethrough => "struck-through text".into(),
            Tag::FootnoteDefinition(_) => "a footnote definition".into(),
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                "a definition list".into()
            }
            Tag::MetadataBlock(_) => "a metadata block".into(),
            other => format!("{other:?}").to_lowercase(),
        },
        Event::Code(_) => "code".into(),
        Event::Html(_) | Event::InlineHtml(_) => "HTML".into(),
        Event::HardBreak => "a hard line break".into(),
        Event::Rule => "a thematic break".into(),
        Event::InlineMath(_) | Event::DisplayMath(_) => "mathematics".into(),
        Event::TaskListMarker(_) => "a task-list box".into(),
        Event::FootnoteReference(_) => "a footnote reference".into(),
        Event::Text(_) => "text".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}

impl Body {
    /// The image files its figures name, in order.
    pub fn figure_files(&self) -> Vec<String> {
        fn walk(blocks: &[MdBlock], out: &mut Vec<String>) {
            for b in blocks {
                match b {
                    MdBlock::Figure { file, .. } => out.push(file.clone()),
                    MdBlock::Section { blocks, .. } => walk(blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        self.chapters.iter().for_each(|c| walk(&c.blocks, &mut out));
        self.annexes.iter().for_each(|a| walk(&a.blocks, &mut out));
        out
    }
}

/// Content paths → places in the CommonMark files.
pub type Origins = BTreeMap<String, String>;

/// One version's body, with its language and file name.
pub type Version<'a> = (Lang, &'a str, Body);

/// Merges the versions into one content whose texts hold every language. The structure
/// must be the same in every version: the same chapters, sections, paragraphs, sub-paragraphs,
/// lists and table cells in the same order, so that paragraph numbers match.
pub fn merge(versions: &[Version]) -> Result<(Vec<Chapter>, Vec<Annex>, Origins), Vec<String>> {
    let mut m = Merger { versions, errors: Vec::new(), origins: BTreeMap::new() };
    let chapters = m.chapters();
    let annexes = m.annexes();
    if m.errors.is_empty() { Ok((chapters, annexes, m.origins)) } else { Err(m.errors) }
}

struct Merger<'a> {
    versions: &'a [Version<'a>],
    errors: Vec<String>,
    origins: Origins,
}

impl Merger<'_> {
    /// A text from one string per version, noting where each came from under `path`.
    fn text(&mut self, path: &str, parts: &[(&str, &str)]) -> Text {
        let mut map = BTreeMap::new();
        for ((lang, _, _), (text, at)) in self.versions.iter().zip(parts) {
            map.insert(*lang, text.to_string());
            self.origins.insert(format!("{path}.{lang}"), at.to_string());
            self.origins.entry(path.to_string()).or_insert_with(|| at.to_string());
        }
        Text::PerLang(map)
    }

    /// Whether every version has as many `what` as the first; if not, says so.
    fn same_count(&mut self, what: &str, counts: &[(usize, &str)]) -> bool {
        let Some(&(first, first_at)) = counts.first() else { return true };
        for &(n, at) in &counts[1..] {
            if n != first {
                self.errors.push(format!(
                    "the versions differ: {first_at} has {first} {what}, {at} has {n}; every version has the same structure, so that paragraph numbers match"
                ));
                return false;
            }
        }
        true
    }

    fn chapters(&mut self) -> Vec<Chapter> {
        let versions = self.versions;
        let counts: Vec<(usize, &str)> = versions.iter().map(|(_, f, b)| (b.chapters.len(), *f)).collect();
        if !self.same_count("chapter(s)", &counts) {
            return Vec::new();
        }
        let n = counts.first().map_or(0, |c| c.0);
        (0..n)
            .map(|i| {
                let path = format!("$.report.chapters[{i}]");
                let each: Vec<&MdChapter> = versions.iter().map(|(_, _, b)| &b.chapters[i]).collect();
                let titles: Vec<(&str, &str)> = each.iter().map(|c| (c.title.as_str(), c.at.as_str())).collect();
                let title = self.text(&format!("{path}.title"), &titles);
                for c in &each[1..] {
                    if (c.number, c.first_paragraph) != (each[0].number, each[0].first_paragraph) {
                        self.errors.push(format!(
                            "the versions differ: the chapter at {} and the one at {} carry different numbers {{number=… paragraph=…}}",
                            each[0].at, c.at
                        ));
                    }
                }
                let blocks: Vec<&[MdBlock]> = each.iter().map(|c| c.blocks.as_slice()).collect();
                let blocks = self.blocks(&format!("{path}.blocks"), &blocks);
                Chapter { title, number: each[0].number, first_paragraph: each[0].first_paragraph, blocks }
            })
            .collect()
    }

    fn annexes(&mut self) -> Vec<Annex> {
        let versions = self.versions;
        let counts: Vec<(usize, &str)> = versions.iter().map(|(_, f, b)| (b.annexes.len(), *f)).collect();
        if !self.same_count("annex(es)", &counts) {
            return Vec::new();
        }
        let n = counts.first().map_or(0, |c| c.0);
        (0..n)
            .map(|i| {
                let path = format!("$.report.annexes[{i}]");
                let each: Vec<&MdAnnex> = versions.iter().map(|(_, _, b)| &b.annexes[i]).collect();
                let labels: Vec<(&str, &str)> =
                    each.iter().map(|a| (a.label.as_str(), a.at.as_str())).collect();
                let label = self.text(&format!("{path}.label"), &labels);
                let titles: Vec<(&str, &str)> = each
                    .iter()
                    .filter_map(|a| a.title.as_ref().map(|(t, at)| (t.as_str(), at.as_str())))
                    .collect();
                let title = match titles.len() {
                    0 => None,
                    k if k == each.len() => Some(self.text(&format!("{path}.title"), &titles)),
                    _ => {
                        self.errors.push(format!(
                            "the versions differ: the annex at {} has a `##` title in some versions only",
                            each[0].at
                        ));
                        None
                    }
                };
                let blocks: Vec<&[MdBlock]> = each.iter().map(|a| a.blocks.as_slice()).collect();
                let blocks = self.blocks(&format!("{path}.blocks"), &blocks);
                Annex { label, title, blocks }
            })
            .collect()
    }

    fn blocks(&mut self, path: &str, each: &[&[MdBlock]]) -> Vec<Block> {
        let Some(first) = each.first() else { return Vec::new() };
        let mut out = Vec::new();
        for j in 0..first.len().max(each.iter().map(|b| b.len()).max().unwrap_or(0)) {
            let here: Vec<Option<&MdBlock>> = each.iter().map(|b| b.get(j)).collect();
            let Some(Some(a)) = here.first() else {
                self.missing_block(&here);
                return out;
            };
            if let Some((k, other)) = here
                .iter()
                .enumerate()
                .skip(1)
                .find(|(_, b)| b.is_none_or(|b| std::mem::discriminant(b) != std::mem::discriminant(*a)))
            {
                let file = self.versions[k].1;
                let theirs =
                    other.map_or(format!("{file} has nothing"), |b| format!("{} has {}", b.at(), b.kind()));
                self.errors.push(format!(
                    "the versions differ: {} has {}, where {theirs}; every version has the same structure, so that paragraph numbers match",
                    a.at(),
                    a.kind()
                ));
                return out;
            }
            let all: Vec<&MdBlock> = here.into_iter().flatten().collect();
            let at = format!("{path}[{j}]");
            out.push(self.block(&at, &all));
        }
        out
    }

    fn missing_block(&mut self, here: &[Option<&MdBlock>]) {
        if let Some(b) = here.iter().flatten().next() {
            self.errors.push(format!(
                "the versions differ: {} has {} that {} has not; every version has the same structure, so that paragraph numbers match",
                b.at(),
                b.kind(),
                self.versions[0].1
            ));
        }
    }

    /// Blocks of one kind, one per version.
    fn block(&mut self, path: &str, all: &[&MdBlock]) -> Block {
        match all[0] {
            MdBlock::Figure { file, at, .. } => {
                let mut captions = Vec::new();
                let mut alts = Vec::new();
                for b in all {
                    if let MdBlock::Figure { file: other, at: other_at, alt, caption } = b {
                        if other != file {
                            self.errors.push(format!(
                                "the versions differ: the figure at {at} shows `{file}`, the one at {other_at} `{other}`; a figure has one image in every version"
                            ));
                        }
                        captions.push((caption.as_str(), other_at.as_str()));
                        alts.push((alt.as_str(), other_at.as_str()));
                    }
                }
                self.origins.insert(format!("{path}.figure.file"), at.clone());
                Block::Figure(Figure {
                    file: file.clone(),
                    caption: self.text(&format!("{path}.figure.caption"), &captions),
                    alt: self.text(&format!("{path}.figure.alt"), &alts),
                    width: None,
                    image: None,
                })
            }
            MdBlock::Para(_) => {
                let paras: Vec<&MdPara> = all
                    .iter()
                    .filter_map(|b| if let MdBlock::Para(p) = b { Some(p) } else { None })
                    .collect();
                Block::Paragraph(self.paragraph(&format!("{path}.paragraph"), &paras))
            }
            MdBlock::Section { .. } => {
                let mut titles = Vec::new();
                let mut blocks = Vec::new();
                for b in all {
                    if let MdBlock::Section { title, at, blocks: bs } = b {
                        titles.push((title.as_str(), at.as_str()));
                        blocks.push(bs.as_slice());
                    }
                }
                let title = self.text(&format!("{path}.section.title"), &titles);
                let blocks = self.blocks(&format!("{path}.section.blocks"), &blocks);
                Block::Section(Section { title, blocks })
            }
            MdBlock::List { start, .. } => {
                let start = *start;
                let mut lists = Vec::new();
                for b in all {
                    if let MdBlock::List { items, at, start: s } = b {
                        if *s != start {
                            self.errors.push(format!(
                                "the versions differ: the list at {at} starts at {s}, not {start}"
                            ));
                        }
                        lists.push((items.as_slice(), at.as_str()));
                    }
                }
                let counts: Vec<(usize, &str)> = lists.iter().map(|(i, at)| (i.len(), *at)).collect();
                let items = if self.same_count("list item(s)", &counts) {
                    (0..counts[0].0)
                        .map(|k| {
                            let each: Vec<&MdPara> = lists.iter().map(|(i, _)| &i[k]).collect();
                            self.paragraph(&format!("{path}.list.items[{k}]"), &each)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Block::List(List { start, items })
            }
            MdBlock::Table { .. } => {
                let mut tables = Vec::new();
                let mut captions: Vec<Option<(&str, &str)>> = Vec::new();
                for b in all {
                    if let MdBlock::Table { at, head, rows, caption } = b {
                        tables.push((at.as_str(), head, rows));
                        captions.push(caption.as_ref().map(|c| (c.text.as_str(), c.at.as_str())));
                    }
                }
                let caption = match captions.iter().flatten().count() {
                    0 => None,
                    n if n == captions.len() => {
                        let parts: Vec<(&str, &str)> = captions.iter().flatten().copied().collect();
                        Some(self.text(&format!("{path}.table.caption"), &parts))
                    }
                    _ => {
                        self.errors.push(format!(
                            "the versions differ: the table at {} has a `: caption` in some versions only",
                            tables[0].0
                        ));
                        None
                    }
                };
                let counts: Vec<(usize, &str)> = tables.iter().map(|(at, _, r)| (r.len(), *at)).collect();
                let mut head = Vec::new();
                let mut rows = Vec::new();
                if self.same_count("table row(s)", &counts) {
                    let cells: Vec<(usize, &str)> = tables.iter().map(|(at, h, _)| (h.len(), *at)).collect();
                    if self.same_count("column(s)", &cells) {
                        for c in 0..cells[0].0 {
                            let parts: Vec<(&str, &str)> =
                                tables.iter().map(|(at, h, _)| (h[c].as_str(), *at)).collect();
                            head.push(self.text(&format!("{path}.table.head[{c}]"), &parts));
                        }
                        for r in 0..counts[0].0 {
                            let mut row = Vec::new();
                            for c in 0..tables[0].2[r].len() {
                                let parts: Vec<(&str, &str)> = tables
                                    .iter()
                                    .map(|(at, _, rs)| (rs[r].get(c).map_or("", String::as_str), *at))
                                    .collect();
                                row.push(self.text(&format!("{path}.table.rows[{r}][{c}]"), &parts));
                            }
                            rows.push(row);
                        }
                    }
                }
                Block::Table(Table { caption, head, rows })
            }
        }
    }

    fn paragraph(&mut self, path: &str, each: &[&MdPara]) -> Paragraph {
        let has_subs = !each[0].subs.is_empty();
        let text_path = if has_subs { format!("{path}.text") } else { path.to_string() };
        let parts: Vec<(&str, &str)> = each.iter().map(|p| (p.text.as_str(), p.at.as_str())).collect();
        let text = self.text(&text_path, &parts);
        let counts: Vec<(usize, &str)> = each.iter().map(|p| (p.subs.len(), p.at.as_str())).collect();
        let subparagraphs = if self.same_count("sub-paragraph(s)", &counts) {
            (0..counts[0].0)
                .map(|k| {
                    let subs: Vec<&MdPara> = each.iter().map(|p| &p.subs[k]).collect();
                    self.paragraph(&format!("{path}.subparagraphs[{k}]"), &subs)
                })
                .collect()
        } else {
            Vec::new()
        };
        Paragraph { text, subparagraphs, text_field: has_subs }
    }
}
