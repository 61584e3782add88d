//! Mirroring page furniture for right-to-left versions: a slot the template marks `mirror`
//! keeps its shape and moves to the mirror image of its place on the page (the Arabic
//! masthead: the wordmark, the organ's name and the emblem at the right, the symbol and the
//! Latin distribution block at the left). Glyph runs are moved, never flipped.

use super::{Item, PathCmd};
use crate::units::Pt;

/// The horizontal extent of `items` (left, right), if they have any.
pub fn extent(items: &[Item]) -> Option<(Pt, Pt)> {
    let mut span: Option<(Pt, Pt)> = None;
    let mut add = |a: Pt, b: Pt| {
        span = Some(match span {
            Some((l, r)) => (if a < l { a } else { l }, if b > r { b } else { r }),
            None => (a, b),
        });
    };
    for item in items {
        match item {
            Item::Text(r) => add(r.x, r.x + r.width()),
            Item::Rect { x, w, .. } | Item::Image { x, w, .. } | Item::Link { x, w, .. } => add(*x, *x + *w),
            Item::Shape(s) => {
                for cmd in &s.path {
                    match cmd {
                        PathCmd::Move(x, _) | PathCmd::Line(x, _) => add(*x, *x),
                        PathCmd::Cubic(x1, _, x2, _, x, _) => {
                            add(*x1, *x1);
                            add(*x2, *x2);
                            add(*x, *x);
                        }
                        PathCmd::Close => {}
                    }
                }
            }
        }
    }
    span
}

/// `items` moved together so that their extent is mirrored on a page `width` wide.
pub fn mirrored(items: Vec<Item>, width: Pt) -> Vec<Item> {
    let Some((left, right)) = extent(&items) else { return items };
    let dx = (width - right) - left;
    items.into_iter().map(|it| it.translated(dx, Pt::ZERO)).collect()
}
