//! Terraform language rules: facts of the configuration itself (variable
//! declarations) rather than of a cloud resource.

mod tf_variable_secret_default;

use palisade_engine::Rule;

pub static RULES: &[&Rule] = &[&tf_variable_secret_default::RULE];
