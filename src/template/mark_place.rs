//! Where a footnote mark stands against the punctuation that ends its phrase. English and
//! Chinese UN documents set it after the mark ("…the Convention.¹", “……公约。¹”); French and
//! Spanish ones before it ("…la Convention¹.", "…la Convención¹."), as French and Spanish
//! typography place the call (the Imprimerie nationale's *Lexique des règles typographiques*,
//! the RAE's *Ortografía*). A language's data say which
//! (`note_mark_before_punctuation`); the text is written one way for every language, mark after
//! punctuation, and moved here.

use crate::doc::{Block, Inline};

/// Marks of the punctuation a call moves in front of, with the narrow no-break space French
/// sets before `; : ! ?`.
fn is_closing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…' | '\u{202F}' | '\u{A0}')
}

/// Moves every footnote mark of `blocks` in front of the punctuation it follows.
pub fn marks_before_punctuation(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Para { inlines, .. } => move_marks(inlines),
            Block::Table(t) => {
                for cell in t.head.iter_mut().chain(t.rows.iter_mut().flat_map(|r| r.cells.iter_mut())) {
                    move_marks(cell);
                }
            }
            _ => {}
        }
    }
}

fn move_marks(inlines: &mut Vec<Inline>) {
    let mut i = 1;
    while i < inlines.len() {
        if inlines[i].note.is_some() && inlines[i - 1].note.is_none() {
            let text = &inlines[i - 1].text;
            let kept = text.trim_end_matches(is_closing_punctuation).len();
            // Only a phrase's end moves: a lone space before a mark is not punctuation.
            let moved = &text[kept..];
            if moved.chars().any(|c| !matches!(c, '\u{202F}' | '\u{A0}')) {
                let moved = moved.to_string();
                let before = &mut inlines[i - 1];
                before.text.truncate(kept);
                let after = Inline { text: moved, link: None, note: None, ..before.clone() };
                let empty = before.text.is_empty();
                match inlines.get_mut(i + 1) {
                    Some(next)
                        if next.note.is_none()
                            && next.link.is_none()
                            && next.italic == after.italic
                            && next.bold == after.bold =>
                    {
                        next.text.insert_str(0, &after.text)
                    }
                    _ => inlines.insert(i + 1, after),
                }
                if empty {
                    inlines.remove(i - 1);
                    continue;
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(n: usize) -> Inline {
        Inline { note: Some(n), ..Inline::text(n.to_string()) }
    }

    fn texts(inlines: &[Inline]) -> Vec<String> {
        inlines
            .iter()
            .map(|i| if i.note.is_some() { format!("[{}]", i.text) } else { i.text.clone() })
            .collect()
    }

    /// The texts of `inlines` after their marks are moved, a mark shown as `[n]`.
    fn moved(mut inlines: Vec<Inline>) -> Vec<String> {
        move_marks(&mut inlines);
        texts(&inlines)
    }

    #[test]
    fn a_mark_moves_before_the_full_stop_and_the_french_spaced_colon() {
        assert_eq!(
            moved(vec![Inline::text("la Convention."), mark(1), Inline::text(" Les États")]),
            ["la Convention", "[1]", ". Les États"]
        );
        assert_eq!(
            moved(vec![Inline::text("le point suivant\u{202F}:"), mark(2)]),
            ["le point suivant", "[2]", "\u{202F}:"]
        );
    }

    #[test]
    fn a_mark_after_a_word_or_a_space_stays() {
        assert_eq!(
            moved(vec![Inline::text("la Convention"), mark(1), Inline::text(", et")]),
            ["la Convention", "[1]", ", et"]
        );
        assert_eq!(moved(vec![Inline::text("voir "), mark(3)]), ["voir ", "[3]"]);
    }

    #[test]
    fn punctuation_alone_before_a_mark_goes_after_it_whole() {
        assert_eq!(
            moved(vec![Inline { italic: true, ..Inline::text("Convención") }, Inline::text("."), mark(1)]),
            ["Convención", "[1]", "."]
        );
    }
}
