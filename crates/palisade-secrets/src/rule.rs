//! The declaration of a secret rule.

use std::collections::BTreeMap;
use std::fmt;

use palisade_engine::{Category, RuleInfo, Severity};

/// What a validator sees of one regex match.
#[derive(Clone, Copy)]
pub struct Candidate<'a> {
    /// The secret itself (the rule's secret capture group).
    pub secret: &'a [u8],
    /// Whether the secret is directly preceded by a quote character.
    pub quoted: bool,
    /// The byte right after the secret, if any.
    pub next: Option<u8>,
}

impl fmt::Debug for Candidate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidate")
            .field("secret", &crate::redact(self.secret))
            .field("quoted", &self.quoted)
            .finish()
    }
}

/// The window of PEM-style rules: a 16 KiB RSA key fits with room to spare.
pub const PEM_WINDOW: usize = 64 * 1024;

/// Framework id → control ids.
pub type Frameworks = &'static [(&'static str, &'static [&'static str])];

/// Credentials (tokens, passwords, API keys).
pub const FW_CREDENTIAL: Frameworks = &[
    ("soc2", &["CC6.1"]),
    ("pci-dss", &["8.3.2", "8.6.2"]),
    ("nist-800-53", &["IA-5(7)"]),
];

/// Private cryptographic keys.
pub const FW_KEY: Frameworks = &[
    ("soc2", &["CC6.1"]),
    ("pci-dss", &["3.6.1", "8.3.2"]),
    ("nist-800-53", &["IA-5(7)", "SC-12"]),
];

/// One secret-detection rule: everything about it in one declaration.
///
/// The secret is the regex group named `s` if there is one, else the first
/// capture group that took part in the match, else the whole match.
pub struct SecretRule {
    /// `PAL-SECRET-NNN`. Never reused.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub description: &'static str,
    /// Case-insensitive literals; the regex runs only on lines holding one.
    pub keywords: &'static [&'static str],
    /// `regex` crate syntax, compiled with Unicode off (ASCII classes).
    pub regex: &'static str,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub entropy: Option<f32>,
    /// Extra check on a candidate; `false` drops it.
    pub validator: Option<fn(&Candidate<'_>) -> bool>,
    /// Free-form values (passwords, generic assignments): apply the strict
    /// placeholder / reference exclusions.
    pub freeform: bool,
    /// 0: the match lies on the keyword's line. Otherwise the match may run
    /// up to this many bytes past the start of that line (PEM blocks), but
    /// still starts on it.
    pub window: usize,
    pub frameworks: Frameworks,
    /// Examples that must yield exactly one finding of this rule. `«alpha:n»`
    /// stands for `n` deterministic random characters (see [`crate::examples`]).
    pub true_positives: &'static [&'static str],
    /// Examples that must yield no finding at all.
    pub false_positives: &'static [&'static str],
}

impl fmt::Debug for SecretRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretRule").field("id", &self.id).finish()
    }
}

impl SecretRule {
    /// Metadata in the engine's shape, for `palisade rules` and SARIF.
    pub fn info(&self) -> RuleInfo {
        RuleInfo {
            id: self.id.to_string(),
            title: self.title.to_string(),
            severity: self.severity,
            category: Category::Secrets,
            frameworks: self
                .frameworks
                .iter()
                .map(|(f, c)| (f.to_string(), c.iter().map(|x| x.to_string()).collect()))
                .collect::<BTreeMap<_, _>>(),
            description: self.description.to_string(),
            help: format!(
                "{}\n\nFix: remove the secret from the file, rotate it (treat it as leaked: it is in \
                 version-control history), and load it at run time from a secret manager or an \
                 environment variable.",
                self.description
            ),
            help_uri: format!("https://palisade.dev/rules/{}", self.id),
            builtin: true,
        }
    }
}

pub(crate) const BASE: SecretRule = SecretRule {
    id: "",
    title: "",
    severity: Severity::High,
    description: "",
    keywords: &[],
    regex: "",
    entropy: None,
    validator: None,
    freeform: false,
    window: 0,
    frameworks: FW_CREDENTIAL,
    true_positives: &[],
    false_positives: &[],
};
