//! Desubroutinized charstrings of one CFF face, kept from one subset to the next.
//!
//! Subsetting a CFF font inlines the subroutines every kept glyph calls and writes its
//! charstring again (see `subset_charstrings`). The result depends on the face and the glyph
//! only, not on which other glyphs are kept or in which order, so a program subsetting the
//! same face for many documents can keep it and skip the work for glyphs it has seen.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

/// Identifies the face a cache was first used with: a cache handed a different face is left
/// alone, so that it can never put one font's outlines into another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FaceKey {
    /// The index of the face in its collection.
    pub index: u32,
    /// The length of the `CFF ` table.
    pub cff_len: usize,
    /// The checksum of the `CFF ` table in the table directory.
    pub cff_checksum: u32,
}

/// A glyph's charstring with its subroutines inlined, as a subset writes it, and the font DICT
/// that the FDSelect gives the glyph in the original font (0 for a SID-keyed font).
#[derive(Clone, Debug)]
pub(crate) struct CachedGlyph {
    pub fd: u8,
    pub charstring: Arc<[u8]>,
}

/// Charstrings of one face by original glyph ID.
///
/// Bounded: at most one entry per glyph of the face (a glyph ID the font does not have fails
/// before it is stored), each the glyph's charstring with its subroutines inlined, so at most
/// the size of the whole face desubroutinized.
#[derive(Debug, Default)]
pub(crate) struct CharStringCache {
    inner: RwLock<Inner>,
    /// Taken by whoever looks up glyphs in order to make and store the missing ones.
    filling: Mutex<()>,
}

#[derive(Debug, Default)]
struct Inner {
    face: Option<FaceKey>,
    glyphs: FxHashMap<u16, CachedGlyph>,
}

impl CharStringCache {
    /// Whether the cache holds (or may now hold) the charstrings of `face`: the first face a
    /// cache sees is the only one it serves.
    pub fn serves(&self, face: FaceKey) -> bool {
        let known = self.inner.read().unwrap_or_else(PoisonError::into_inner).face;
        match known {
            Some(known) => known == face,
            None => {
                let mut inner =
                    self.inner.write().unwrap_or_else(PoisonError::into_inner);
                *inner.face.get_or_insert(face) == face
            }
        }
    }

    /// The right to make the glyphs a look-up finds missing and store them: a second
    /// thread subsetting the same face waits here and then finds them made.
    pub fn fill(&self) -> MutexGuard<'_, ()> {
        self.filling.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the cache holds every one of `gids` (for `face`, the face it serves).
    pub fn holds(&self, face: FaceKey, gids: &[u16]) -> bool {
        let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        inner.face == Some(face) && gids.iter().all(|gid| inner.glyphs.contains_key(gid))
    }

    /// The cached glyphs among `gids`, in their order (`None` where not cached yet), under one
    /// read lock held only for the look-ups.
    pub fn lookup(&self, gids: impl Iterator<Item = u16>) -> Vec<Option<CachedGlyph>> {
        let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        gids.map(|gid| inner.glyphs.get(&gid).cloned()).collect()
    }

    /// Stores newly compiled glyphs, under one write lock. A glyph that another thread
    /// stored meanwhile keeps its entry: both hold the same bytes.
    pub fn insert(&self, fresh: Vec<(u16, CachedGlyph)>) {
        if fresh.is_empty() {
            return;
        }
        let mut inner = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        for (gid, glyph) in fresh {
            inner.glyphs.entry(gid).or_insert(glyph);
        }
    }

    /// How many glyphs the cache holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(PoisonError::into_inner).glyphs.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::{cache_holds, prepare_cache, subset, subset_with_cache, GlyphRemapper, SubsetCache};

    /// A CID-keyed CFF face with local subroutines in several font DICTs, and a second one.
    /// These are the fonts of the project vendoring this crate (upstream would use its own
    /// test fonts).
    fn font(name: &str) -> Vec<u8> {
        let path = format!("{}/../../fonts/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("test font {path}: {e}"))
    }

    fn mapper(gids: &[u16]) -> GlyphRemapper {
        let mut mapper = GlyphRemapper::new();
        for &gid in gids {
            mapper.remap(gid);
        }
        mapper
    }

    /// Glyphs spread over the face (so over several font DICTs), in descending order.
    fn spread(start: u16, step: u16, count: u16) -> Vec<u16> {
        (0..count)
            .map(|i| start + (i * step) % (count * step))
            .rev()
            .collect()
    }

    #[test]
    fn cached_subsets_are_the_uncached_bytes() {
        let data = font("NotoSansCJKsc-Regular.otf");
        let first = mapper(&spread(1, 97, 150));
        let second = mapper(&spread(40, 61, 200));
        let cold = subset(&data, 0, &first).unwrap();
        let other = subset(&data, 0, &second).unwrap();

        let cache = SubsetCache::new();
        assert_eq!(subset_with_cache(&data, 0, &first, &cache).unwrap(), cold);
        let held = cache.cff.len();
        assert_eq!(held, usize::from(first.num_gids()));
        // Warm: every glyph from the cache.
        assert_eq!(subset_with_cache(&data, 0, &first, &cache).unwrap(), cold);
        assert_eq!(cache.cff.len(), held);
        // Partly warm: another set of glyphs, in another order.
        assert_eq!(subset_with_cache(&data, 0, &second, &cache).unwrap(), other);
        assert!(cache.cff.len() > held);
        assert!(cache.cff.len() < held + usize::from(second.num_gids()));
    }

    #[test]
    fn prepared_glyphs_are_subset_from_the_cache() {
        let data = font("NotoSerifCJKsc-Regular.otf");
        let glyphs = spread(5, 71, 180);
        let kept = mapper(&glyphs);
        let expected = subset(&data, 0, &kept).unwrap();

        let cache = SubsetCache::new();
        assert!(!cache_holds(&data, 0, &glyphs, &cache));
        prepare_cache(&data, 0, &glyphs, &cache).unwrap();
        assert!(cache_holds(&data, 0, &glyphs, &cache));
        assert!(!cache_holds(&data, 0, &[glyphs[0], 7000], &cache));
        // Every kept glyph (with .notdef, which a subset always keeps) is made.
        let held = cache.cff.len();
        assert_eq!(held, usize::from(kept.num_gids()));
        assert_eq!(subset_with_cache(&data, 0, &kept, &cache).unwrap(), expected);
        assert_eq!(cache.cff.len(), held);
        // Preparing again adds nothing; a subset of fewer glyphs is still its own bytes.
        prepare_cache(&data, 0, &glyphs, &cache).unwrap();
        assert_eq!(cache.cff.len(), held);
        let fewer = mapper(&glyphs[..40]);
        assert_eq!(
            subset_with_cache(&data, 0, &fewer, &cache).unwrap(),
            subset(&data, 0, &fewer).unwrap()
        );
    }

    #[test]
    fn prepare_and_subset_side_by_side() {
        let data = font("NotoSansCJKsc-Bold.otf");
        let glyphs = spread(9, 43, 400);
        let kept = mapper(&glyphs);
        let expected = subset(&data, 0, &kept).unwrap();
        let cache = SubsetCache::new();
        std::thread::scope(|s| {
            let (data, cache, glyphs) = (&data, &cache, &glyphs);
            s.spawn(move || prepare_cache(data, 0, glyphs, cache).unwrap());
            assert_eq!(subset_with_cache(data, 0, &kept, cache).unwrap(), expected);
        });
        assert_eq!(cache.cff.len(), usize::from(kept.num_gids()));
    }

    #[test]
    fn nothing_to_prepare_in_a_truetype_font() {
        let data = font("LiberationSerif-Regular.ttf");
        let cache = SubsetCache::new();
        prepare_cache(&data, 0, &[36, 37, 38], &cache).unwrap();
        assert_eq!(cache.cff.len(), 0);
    }

    #[test]
    fn cache_bound_to_its_first_face() {
        let sans = font("NotoSansCJKsc-Regular.otf");
        let serif = font("NotoSerifCJKsc-Regular.otf");
        let glyphs = mapper(&spread(3, 89, 120));
        let cache = SubsetCache::new();
        subset_with_cache(&sans, 0, &glyphs, &cache).unwrap();
        let held = cache.cff.len();
        // The same glyph IDs of another face: its own outlines, and the cache untouched.
        let expected = subset(&serif, 0, &glyphs).unwrap();
        assert_eq!(subset_with_cache(&serif, 0, &glyphs, &cache).unwrap(), expected);
        assert_ne!(expected, subset(&sans, 0, &glyphs).unwrap());
        assert_eq!(cache.cff.len(), held);
    }

    #[test]
    fn cache_shared_between_threads() {
        let data = font("NotoSerifCJKsc-Regular.otf");
        let sets: Vec<GlyphRemapper> =
            (0..4).map(|i| mapper(&spread(1 + i * 7, 53 + i, 150))).collect();
        let expected: Vec<_> =
            sets.iter().map(|m| subset(&data, 0, m).unwrap()).collect();
        let cache = SubsetCache::new();
        std::thread::scope(|s| {
            for (set, want) in sets.iter().zip(&expected) {
                let (data, cache) = (&data, &cache);
                s.spawn(move || {
                    for _ in 0..3 {
                        assert_eq!(
                            &subset_with_cache(data, 0, set, cache).unwrap(),
                            want
                        );
                    }
                });
            }
        });
    }
}
