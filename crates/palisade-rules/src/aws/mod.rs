//! AWS rules, one file each, grouped by service.

mod s3_encryption;

use palisade_engine::Rule;

pub static RULES: &[&Rule] = &[&s3_encryption::RULE];
