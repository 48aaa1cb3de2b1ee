//! `palisade.toml`: the same settings as the command line, found upward
//! from the scanned path. Command-line flags win over the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

pub const FILE_NAME: &str = "palisade.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Output format: text, json or sarif.
    pub format: Option<String>,
    pub output: Option<PathBuf>,
    pub min_severity: Option<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub var_files: Vec<PathBuf>,
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    pub fail_on_unknown: Option<bool>,
    pub fail_on_error: Option<bool>,
    /// Rule ids to skip entirely.
    #[serde(default)]
    pub skip_rules: Vec<String>,
    /// When set, only these rule ids run.
    #[serde(default)]
    pub only_rules: Vec<String>,
    /// Registries container images may come from (supply-chain rules).
    #[serde(default)]
    pub allowed_registries: Vec<String>,
    pub max_file_size_mb: Option<u64>,
    /// The architecture blueprint (relative to this file).
    pub blueprint: Option<PathBuf>,
    /// Where to look for hard-coded secrets: off, iac or all (default).
    pub secrets: Option<String>,
    /// Path globs where secrets are not reported.
    #[serde(default)]
    pub secrets_allow_paths: Vec<toml::Spanned<String>>,
    /// Regular expressions; matching secrets are not reported.
    #[serde(default)]
    pub secrets_allow_patterns: Vec<toml::Spanned<String>>,
    /// Custom Rego policy directories, optionally pinned by content hash.
    #[serde(default)]
    pub policies: Vec<crate::policy_cmd::PolicySource>,
    /// `model` (default) or `document`.
    pub policy_input: Option<String>,
    /// Packages whose rules produce results (default `main`).
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// Data files for the policies.
    #[serde(default)]
    pub policy_data: Vec<PathBuf>,
    /// Free-form settings for rules.
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// `[[suppress]]` tables: suppressions by rule, path, resource address
    /// or fingerprint, each with reason, owner and expiry.
    #[serde(default)]
    pub suppress: Vec<toml::Spanned<palisade_suppress::ConfigEntry>>,
    /// `[suppressions]`: rules and severities that may not be suppressed.
    #[serde(default)]
    pub suppressions: palisade_suppress::Policy,
    /// Where the file was found (set after loading).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// Finds `palisade.toml` in `start` or its ancestors.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_file() {
        start.parent()?.to_path_buf()
    } else {
        start
    };
    loop {
        let c = dir.join(FILE_NAME);
        if c.is_file() {
            return Some(c);
        }
        dir = dir.parent()?.to_path_buf();
    }
}

pub fn load(path: &Path) -> Result<Config> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut c: Config = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        anyhow::anyhow!(
            "{}:{line}: invalid configuration: {}",
            path.display(),
            e.message()
        )
    })?;
    check_secrets_allow_lists(path, &text, &c)?;
    // Paths in the file are relative to the file.
    let base = path.parent().unwrap_or(Path::new("."));
    c.var_files = c
        .var_files
        .into_iter()
        .map(|p| if p.is_absolute() { p } else { base.join(p) })
        .collect();
    c.output = c
        .output
        .map(|p| if p.is_absolute() { p } else { base.join(p) });
    for s in &mut c.policies {
        if !s.path.is_absolute() {
            s.path = base.join(&s.path);
        }
    }
    c.policy_data = c
        .policy_data
        .into_iter()
        .map(|p| if p.is_absolute() { p } else { base.join(p) })
        .collect();
    c.blueprint = c
        .blueprint
        .map(|p| if p.is_absolute() { p } else { base.join(p) });
    c.path = Some(path.to_path_buf());
    Ok(c)
}

/// Checks the secrets allow-lists when the file is read, so a bad entry is
/// reported with the file, line and key that hold it.
fn check_secrets_allow_lists(path: &Path, text: &str, c: &Config) -> Result<()> {
    let line_of = |v: &toml::Spanned<String>| {
        let start = v.span().start.min(text.len());
        text.get(..start).map_or(1, |t| t.matches('\n').count() + 1)
    };
    for v in &c.secrets_allow_paths {
        if let Err(palisade_secrets::Error::Glob { glob, reason }) =
            palisade_secrets::check_allow_path(v.get_ref())
        {
            anyhow::bail!(
                "{}:{}: invalid configuration: secrets_allow_paths: {glob:?} is not a valid path glob: {reason}",
                path.display(),
                line_of(v)
            );
        }
    }
    for v in &c.secrets_allow_patterns {
        if let Err(palisade_secrets::Error::Pattern { pattern, reason }) =
            palisade_secrets::check_allow_pattern(v.get_ref())
        {
            // The regex error is a multi-line picture; its last line says why.
            let why = reason
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty())
                .unwrap_or("invalid")
                .trim_start_matches("error: ");
            anyhow::bail!(
                "{}:{}: invalid configuration: secrets_allow_patterns: {pattern:?} is not a valid regular expression: {why}",
                path.display(),
                line_of(v)
            );
        }
    }
    Ok(())
}

/// Loads the explicit config, or the one found upward from `start`.
pub fn resolve(explicit: Option<&Path>, start: &Path) -> Result<Config> {
    match explicit {
        Some(p) => load(p),
        None => match find(start) {
            Some(p) => load(&p),
            None => Ok(Config::default()),
        },
    }
}
