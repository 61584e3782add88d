//! Values read once a process from embedded data (templates, language data): the files are
//! compiled in and never change, so every document after the first takes a copy instead of
//! parsing them again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock};

/// A table of values by key, each made once (failures are not kept: they are made again).
pub(crate) struct Memo<K, V>(OnceLock<Mutex<HashMap<K, V>>>);

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// An empty table, for a `static`.
    pub(crate) const fn new() -> Self {
        Memo(OnceLock::new())
    }

    /// The value of `key`, made by `make` the first time.
    pub(crate) fn get<E>(&self, key: K, make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        let table = self.0.get_or_init(Mutex::default);
        if let Some(value) = table.lock().ok().and_then(|t| t.get(&key).cloned()) {
            return Ok(value);
        }
        let value = make()?;
        if let Ok(mut t) = table.lock() {
            t.insert(key, value.clone());
        }
        Ok(value)
    }
}
