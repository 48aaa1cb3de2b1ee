//! The request context: condition keys (case-insensitive names) to values.

use std::collections::BTreeMap;

/// Context keys with lowercased names; multi-valued.
#[derive(Clone, Debug, Default)]
pub struct Context {
    map: BTreeMap<String, Vec<String>>,
}

impl Context {
    pub fn from_map(m: &BTreeMap<String, Vec<String>>) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in m {
            map.entry(k.to_ascii_lowercase())
                .or_default()
                .extend(v.iter().cloned());
        }
        Context { map }
    }
    /// Values of a lowercased key.
    pub fn get(&self, key_lc: &str) -> Option<&[String]> {
        self.map.get(key_lc).map(Vec::as_slice)
    }
    pub fn contains(&self, key_lc: &str) -> bool {
        self.map.contains_key(key_lc)
    }
    /// Sets a key only if absent (for derived keys).
    pub fn set_default(&mut self, key_lc: &str, v: String) {
        self.map
            .entry(key_lc.to_string())
            .or_insert_with(|| vec![v]);
    }
}
