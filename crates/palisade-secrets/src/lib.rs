//! Hard-coded secrets detection for palisade.
//!
//! [`Scanner`] is built once from a [`Config`] and then scans file contents
//! with [`Scanner::scan_text`] from any number of threads. The pipeline:
//!
//! 1. skip allow-listed paths and binary files (NUL in the first 8 KiB);
//! 2. one case-insensitive Aho-Corasick automaton over every rule's keywords
//!    finds candidate lines;
//! 3. only the rules whose keywords occur on that line run their regex, on
//!    that line (or a bounded window: long minified lines, PEM blocks);
//! 4. entropy threshold, placeholder exclusions, per-rule validators and the
//!    user's allow-list patterns filter the candidates;
//! 5. overlapping matches keep the most specific rule.
//!
//! Findings never hold the secret: only a redacted prefix and a fingerprint.
//! The rule table is [`rules()`]; see `docs/secrets.md`.

pub mod examples;
mod rule;
mod rules;
mod scanner;
mod validate;

pub use palisade_engine::Severity;
pub use rule::{Candidate, FW_CREDENTIAL, FW_KEY, Frameworks, PEM_WINDOW, SecretRule};
pub use rules::rules;
pub use scanner::{
    BUILTIN_ALLOWED_PATHS, Config, Error, Scanner, SecretFinding, check_allow_path,
    check_allow_pattern, fingerprint, is_binary, redact,
};
pub use validate::{BUILTIN_ALLOWED_SECRETS, is_placeholder, shannon_entropy};
