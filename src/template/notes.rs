//! Inline footnotes: `^[note text]` written in a description's text becomes a reference mark
//! in the text and a note at the foot of the page.

use super::cite::cite_inlines;
use super::locale::letters;
use crate::doc::{Inline, Note};

/// How reference marks are numbered: figures in the main text, letters in tables and annexes
/// (UN Editorial Manual, footnote indicators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    Figures,
    Letters,
    /// *, **, *** — notes on the title and the agenda-item line.
    Asterisks,
}

/// The notes of a document and the counters of each numbering.
#[derive(Debug, Default)]
pub struct Notes {
    pub notes: Vec<Note>,
    figures: usize,
    letters: usize,
    asterisks: usize,
}

impl Notes {
    fn next_mark(&mut self, marks: Marks) -> String {
        match marks {
            Marks::Figures => {
                self.figures += 1;
                self.figures.to_string()
            }
            Marks::Letters => {
                self.letters += 1;
                letters(self.letters)
            }
            Marks::Asterisks => {
                self.asterisks += 1;
                "*".repeat(self.asterisks)
            }
        }
    }

    /// A note whose mark stands outside the flow (the reissue star on the masthead's
    /// symbol): its index, for the document's page-1 notes.
    pub fn standalone(&mut self, note: Vec<Inline>, marks: Marks) -> usize {
        let marker = self.next_mark(marks);
        self.notes.push(Note { marker, inlines: note });
        self.notes.len() - 1
    }

    /// A note attached to the end of a text shown without notes of its own (a title): the
    /// text, then the mark.
    pub fn append(&mut self, text: &str, note: Vec<Inline>, marks: Marks) -> Vec<Inline> {
        vec![Inline::text(text), self.reference(note, marks)]
    }

    /// Keeps a note and returns its reference mark.
    pub fn reference(&mut self, note: Vec<Inline>, marks: Marks) -> Inline {
        let mark = self.next_mark(marks);
        let index = self.notes.len();
        self.notes.push(Note { marker: mark.clone(), inlines: note });
        Inline { text: mark, link: None, note: Some(index), italic: false, bold: false }
    }

    /// Splits `text` into inlines: text with cited symbols linked, and a reference mark for
    /// each note, whose text is kept in the document's notes. An unclosed `^[` is an error,
    /// returned as the byte offset where it opens.
    pub fn inlines(
        &mut self,
        text: &str,
        url: &dyn Fn(&str) -> String,
        marks: Marks,
    ) -> Result<Vec<Inline>, usize> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(open) = rest.find("^[") {
            let body_start = open + 2;
            let close = rest[body_start..].find(']').map(|c| c + body_start).ok_or(offset + open)?;
            out.extend(cite_inlines(&rest[..open], url));
            let mark = self.next_mark(marks);
            let index = self.notes.len();
            self.notes
                .push(Note { marker: mark.clone(), inlines: cite_inlines(&rest[body_start..close], url) });
            out.push(Inline { text: mark, link: None, note: Some(index), italic: false, bold: false });
            offset += close + 1;
            rest = &rest[close + 1..];
        }
        out.extend(cite_inlines(rest, url));
        Ok(out)
    }
}

/// The text without its notes, for places that repeat a text shown elsewhere with its notes
/// (the agenda list repeats the item titles of the annotations); validation uses the same.
pub use crate::model::strip_notes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_become_marks() {
        let mut notes = Notes::default();
        let url = |s: &str| s.to_string();
        let v = notes
            .inlines("正文。^[见CTOC/COP/2020/10。]又一句^[第二条。]", &url, Marks::Figures)
            .expect("closed");
        let marks: Vec<_> = v.iter().filter(|i| i.note.is_some()).map(|i| i.text.as_str()).collect();
        assert_eq!(marks, ["1", "2"]);
        assert_eq!(notes.notes.len(), 2);
        assert_eq!(notes.notes[0].inlines[1].link.as_deref(), Some("CTOC/COP/2020/10"));
        let v = notes.inlines("表^[注。]", &url, Marks::Letters).expect("closed");
        assert_eq!(v[1].text, "a");
        assert_eq!(notes.inlines("坏^[没有结尾", &url, Marks::Figures), Err(3));
    }

    #[test]
    fn stripping_and_letters() {
        assert_eq!(strip_notes("标题^[注]文字"), "标题文字");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
    }
}
