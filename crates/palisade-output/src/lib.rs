//! Report renderers for palisade: human text, a versioned JSON document and
//! SARIF 2.1.0 (for GitHub code scanning and other SARIF consumers).
//!
//! This is the only crate that knows SARIF. It reads engine types
//! ([`Finding`], [`RuleInfo`], [`Status`], [`Severity`]) and model
//! [`Diagnostic`]s and writes bytes; it never decides what a result is.
//!
//! # Usage
//!
//! ```
//! use palisade_output::{Report, TextOptions, write_json, write_sarif, write_text};
//!
//! let report = Report {
//!     tool_version: "0.1.0",
//!     findings: &[],
//!     rules: &[],
//!     diagnostics: &[],
//!     files_scanned: 0,
//!     resources_scanned: 0,
//!     extra_summary: None,
//!     suppressed: &[],
//!     baseline: None,
//! };
//! let mut out = Vec::new();
//! write_json(&report, &mut out).unwrap();
//! write_sarif(&report, &mut out).unwrap();
//! let opts = TextOptions { color: false, context_lines: 1 };
//! write_text(&report, &opts, &|_path| None, &mut out).unwrap();
//! ```
//!
//! # Guarantees
//!
//! - Output is deterministic and byte-identical for the same [`Report`]:
//!   findings are re-sorted by [`Finding::sort_key`] (then status), rules by
//!   id, diagnostics by location; no timestamps, no absolute paths, no
//!   hash-map order.
//! - Every rule id that a finding names appears exactly once in the SARIF
//!   `tool.driver.rules` (a descriptor is synthesised from the finding when
//!   the caller did not pass its [`RuleInfo`]; duplicate `RuleInfo` ids keep
//!   the first).
//! - Every SARIF result has a physical location with a relative URI under
//!   `%SRCROOT%` and a region whose lines and columns are at least 1.
//! - Text output escapes control and bidi characters found in scanned files
//!   or messages, so a hostile file cannot drive the terminal.
//!
//! The JSON schema is `docs/json-schema/report-v1.json` (version
//! [`JSON_SCHEMA_VERSION`]); `docs/output.md` describes every field of the
//! three formats.

mod github;
mod gitlab;
mod json;
mod junit;
mod markdown;
mod sarif;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use palisade_engine::{Category, Finding, RuleInfo, Severity, Status};
use palisade_model::{Diagnostic, Level};

pub use github::{
    escape_data as github_escape_data, escape_property as github_escape_property, write_github,
};
pub use gitlab::{
    GITLAB_DEFAULT_TIME, GITLAB_SAST_VERSION, write_gitlab_sast, write_gitlab_sast_at,
};
pub use json::{JSON_SCHEMA_VERSION, write_json};
pub use junit::write_junit;
pub use markdown::{MARKDOWN_TOP, write_markdown, write_markdown_with};
pub use palisade_suppress::SuppressedFinding;
pub use palisade_suppress::baseline::Summary as BaselineSummary;
pub use sarif::{SARIF_FINGERPRINT_KEY, pascal_case, sarif_level, write_sarif};
pub use text::write_text;

/// Everything a renderer needs. Borrowed: building one is free.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// palisade's version, e.g. `env!("CARGO_PKG_VERSION")` of the CLI. It
    /// should start with a digit (SARIF validators warn otherwise).
    pub tool_version: &'a str,
    /// The findings to report, already filtered by the caller (passes are
    /// normally left out). Any order: renderers sort them.
    pub findings: &'a [Finding],
    /// Every rule that ran (built-in and custom). Any order: renderers sort
    /// by id and keep the first of duplicate ids.
    pub rules: &'a [RuleInfo],
    /// Problems with the input (parse errors...).
    pub diagnostics: &'a [Diagnostic],
    pub files_scanned: usize,
    pub resources_scanned: usize,
    /// Extra summary data for later features (blueprint counts...). Written
    /// as `summary.extra` in JSON and `runs[0].properties.summary` in SARIF.
    pub extra_summary: Option<serde_json::Value>,
    /// Findings covered by a suppression or a baseline: reported apart
    /// (JSON `suppressed`, SARIF results with `suppressions`), never
    /// silently dropped. Any order.
    pub suppressed: &'a [SuppressedFinding],
    /// The baseline or diff-base comparison, when one was used.
    pub baseline: Option<&'a BaselineSummary>,
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
    Github,
    GitlabSast,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Markdown,
        Format::Github,
        Format::GitlabSast,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Github => "github",
            Format::GitlabSast => "gitlab-sast",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`Format::from_str`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown output format `{}` (expected text, json, sarif, junit, markdown, github or gitlab-sast)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Options of the text renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Source lines shown before and after the offending lines.
    pub context_lines: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            context_lines: 1,
        }
    }
}

/// Writes `r` in `format`. `text` and `source` are only used by
/// [`Format::Text`] (see [`write_text`]).
pub fn write(
    r: &Report,
    format: Format,
    text: &TextOptions,
    source: &dyn Fn(&str) -> Option<String>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => write_text(r, text, source, w),
        Format::Json => write_json(r, w),
        Format::Sarif => write_sarif(r, w),
        Format::Junit => write_junit(r, w),
        Format::Markdown => write_markdown(r, w),
        Format::Github => write_github(r, w),
        Format::GitlabSast => write_gitlab_sast(r, w),
    }
}

// ---------------------------------------------------------------------------
// Shared helpers.

/// The findings in report order.
pub(crate) fn sorted_findings<'a>(r: &Report<'a>) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = r.findings.iter().collect();
    v.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.status.cmp(&b.status))
            .then_with(|| a.message.cmp(&b.message))
    });
    v
}

/// The suppressed findings in report order.
pub(crate) fn sorted_suppressed<'a>(r: &Report<'a>) -> Vec<&'a SuppressedFinding> {
    let mut v: Vec<&SuppressedFinding> = r.suppressed.iter().collect();
    v.sort_by(|a, b| {
        a.finding
            .sort_key()
            .cmp(&b.finding.sort_key())
            .then(a.finding.status.cmp(&b.finding.status))
            .then_with(|| a.finding.message.cmp(&b.finding.message))
    });
    v
}

/// The diagnostics in report order.
pub(crate) fn sorted_diagnostics<'a>(r: &Report<'a>) -> Vec<&'a Diagnostic> {
    let mut v: Vec<&Diagnostic> = r.diagnostics.iter().collect();
    v.sort_by(|a, b| {
        (&a.span, a.level, &a.code, &a.message).cmp(&(&b.span, b.level, &b.code, &b.message))
    });
    v
}

/// Counts shared by the text and JSON summaries.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub total: usize,
    /// Indexed like [`STATUSES`].
    pub by_status: [usize; 4],
    /// Non-pass findings, indexed like [`SEVERITIES`].
    pub by_severity: [usize; 5],
    /// Non-pass findings, in [`Category::ALL`] order, zero counts left out.
    pub by_category: Vec<(Category, usize)>,
    /// error, warning, note.
    pub diagnostics: [usize; 3],
}

/// Report order of statuses.
pub(crate) const STATUSES: [Status; 4] =
    [Status::Fail, Status::Unknown, Status::Warn, Status::Pass];
/// Report order of severities (most severe first).
pub(crate) const SEVERITIES: [Severity; 5] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

impl Counts {
    pub fn of(r: &Report) -> Counts {
        let mut c = Counts {
            total: r.findings.len(),
            ..Counts::default()
        };
        let mut cats: BTreeMap<Category, usize> = BTreeMap::new();
        for f in r.findings {
            if let Some(i) = STATUSES.iter().position(|s| *s == f.status) {
                c.by_status[i] += 1;
            }
            if f.status == Status::Pass {
                continue;
            }
            if let Some(i) = SEVERITIES.iter().position(|s| *s == f.severity) {
                c.by_severity[i] += 1;
            }
            *cats.entry(f.category).or_default() += 1;
        }
        c.by_category = Category::ALL
            .into_iter()
            .filter_map(|k| cats.get(&k).map(|n| (k, *n)))
            .collect();
        for d in r.diagnostics {
            let i = match d.level {
                Level::Error => 0,
                Level::Warning => 1,
                Level::Note => 2,
            };
            c.diagnostics[i] += 1;
        }
        c
    }
}

pub(crate) fn level_str(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_parses() {
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
        assert_eq!("text".parse::<Format>(), Ok(Format::Text));
        assert!("xml".parse::<Format>().is_err());
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
    }
}
