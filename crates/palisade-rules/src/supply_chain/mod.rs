//! Supply-chain rules.

use palisade_engine::Rule;

pub static RULES: &[&Rule] = &[];
