//! Baseline files: the fingerprints of the findings a repository already
//! has, so that a scan reports only new ones.
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": "palisade 0.1.0",
//!   "findings": [
//!     {"fingerprint": "…", "rule_id": "PAL-S3-001", "resource": "aws_s3_bucket.b", "path": "main.tf"}
//!   ]
//! }
//! ```

use std::collections::BTreeSet;

use palisade_engine::{Finding, Status};
use serde::{Deserialize, Serialize};

/// The baseline format version this build writes and reads.
pub const VERSION: u32 = 1;

/// One baselined finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule_id: String,
    pub resource: String,
    pub path: String,
}

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub tool: String,
    pub findings: Vec<Entry>,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BaselineError {
    #[error("line {line}, column {column}: invalid baseline JSON: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unsupported baseline version {0} (this palisade reads version {VERSION})")]
    Version(u32),
    #[error("baseline entry {index} has an empty fingerprint")]
    EmptyFingerprint { index: usize },
}

/// Findings that belong in a baseline: failing, unknown and warning ones.
pub fn is_baselined_status(s: Status) -> bool {
    s != Status::Pass
}

impl Baseline {
    /// The baseline of these findings (passes left out), sorted by path,
    /// rule, resource and fingerprint, one entry per fingerprint.
    pub fn of(findings: &[Finding], tool_version: &str) -> Baseline {
        let mut seen = BTreeSet::new();
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| is_baselined_status(f.status))
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                resource: f.resource.address.clone(),
                path: f.location.path.to_string(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule_id, &a.resource, &a.fingerprint).cmp(&(
                &b.path,
                &b.rule_id,
                &b.resource,
                &b.fingerprint,
            ))
        });
        entries.retain(|e| seen.insert(e.fingerprint.clone()));
        Baseline {
            version: VERSION,
            tool: format!("palisade {tool_version}"),
            findings: entries,
        }
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        // The version first, so a future format gets a clear message.
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text)
            && let Some(n) = v.get("version").and_then(|x| x.as_u64())
            && n != u64::from(VERSION)
        {
            return Err(BaselineError::Version(n.min(u64::from(u32::MAX)) as u32));
        }
        let b: Baseline = serde_json::from_str(text).map_err(|e| {
            let (line, column) = json_position(text, e.line(), e.column());
            BaselineError::Json {
                line,
                column,
                message: strip_position(&e.to_string()),
            }
        })?;
        if b.version != VERSION {
            return Err(BaselineError::Version(b.version));
        }
        if let Some(index) = b
            .findings
            .iter()
            .position(|e| e.fingerprint.trim().is_empty())
        {
            return Err(BaselineError::EmptyFingerprint { index });
        }
        Ok(b)
    }

    /// Splits findings into new ones and those in the baseline; lists the
    /// baseline entries no current finding has (fixed).
    pub fn compare(&self, findings: Vec<Finding>) -> Comparison {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut c = Comparison::default();
        let mut present: BTreeSet<String> = BTreeSet::new();
        for f in findings {
            if is_baselined_status(f.status) && known.contains(f.fingerprint.as_str()) {
                present.insert(f.fingerprint.clone());
                c.unchanged.push(f);
            } else {
                c.new.push(f);
            }
        }
        c.fixed = self
            .findings
            .iter()
            .filter(|e| !present.contains(&e.fingerprint))
            .cloned()
            .collect();
        c
    }
}

/// serde_json appends " at line L column C"; the error carries them apart.
/// A 1-based line and character column from serde_json's position, whose
/// column counts bytes and is 0 just after a newline (at the end of a file
/// ending with one): that position is reported at the end of the line before.
fn json_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    let line_text = |n: usize| text.split('\n').nth(n.saturating_sub(1)).unwrap_or("");
    if column == 0 {
        if line <= 1 {
            return (1, 1);
        }
        let prev = line_text(line - 1).trim_end_matches('\r');
        return (line - 1, prev.chars().count() + 1);
    }
    let here = line_text(line);
    let mut end = column.min(here.len());
    while !here.is_char_boundary(end) {
        end += 1;
    }
    (line, here[..end].chars().count().max(1))
}

fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// The result of [`Baseline::compare`].
#[derive(Debug, Default)]
pub struct Comparison {
    pub new: Vec<Finding>,
    pub unchanged: Vec<Finding>,
    pub fixed: Vec<Entry>,
}

/// Baseline or diff-base counts for reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// `baseline` or `diff-base`.
    pub mode: &'static str,
    /// The baseline file or the git revision.
    pub source: String,
    pub new: usize,
    pub unchanged: usize,
    pub fixed: Vec<Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_engine::{Category, FindingResource, Severity};
    use palisade_model::{SourceKind, Span};

    fn finding(fp: &str, rule: &str, status: Status) -> Finding {
        Finding {
            rule_id: rule.into(),
            title: "t".into(),
            severity: Severity::High,
            category: Category::ALL[0],
            status,
            resource: FindingResource {
                address: "aws_s3_bucket.b".into(),
                rtype: "aws_s3_bucket".into(),
                kind: SourceKind::Terraform,
                module_path: vec![],
            },
            location: Span::line("main.tf".into(), 3),
            message: "m".into(),
            unknown_reason: None,
            frameworks: Default::default(),
            related: vec![],
            fingerprint: fp.into(),
        }
    }

    #[test]
    fn round_trip_sorted_without_passes() {
        let fs = vec![
            finding("bb", "PAL-2", Status::Fail),
            finding("aa", "PAL-1", Status::Unknown),
            finding("cc", "PAL-3", Status::Pass),
            finding("aa", "PAL-1", Status::Unknown),
        ];
        let b = Baseline::of(&fs, "0.1.0");
        assert_eq!(b.findings.len(), 2);
        assert_eq!(b.findings[0].rule_id, "PAL-1");
        assert_eq!(b.tool, "palisade 0.1.0");
        let back = Baseline::parse(&b.to_json()).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn compare_splits() {
        let b = Baseline::of(
            &[
                finding("aa", "PAL-1", Status::Fail),
                finding("zz", "PAL-9", Status::Fail),
            ],
            "x",
        );
        let c = b.compare(vec![
            finding("aa", "PAL-1", Status::Fail),
            finding("bb", "PAL-2", Status::Fail),
        ]);
        assert_eq!(c.new.len(), 1);
        assert_eq!(c.new[0].fingerprint, "bb");
        assert_eq!(c.unchanged.len(), 1);
        assert_eq!(c.fixed.len(), 1);
        assert_eq!(c.fixed[0].fingerprint, "zz");
    }

    #[test]
    fn corrupt_file_positions_are_one_based() {
        let at = |t: &str| match Baseline::parse(t) {
            Err(BaselineError::Json { line, column, .. }) => (line, column),
            other => panic!("{other:?}"),
        };
        // serde_json says 2:0 and 4:0: the end of the file, after a newline.
        assert_eq!(at("{\n"), (1, 2));
        assert_eq!(at("{\n  \"version\": 1,\n  \"findings\": [\n"), (3, 16));
        assert_eq!(at("{\r\n"), (1, 2));
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("\n"), (1, 1));
        // Columns count characters, not bytes.
        assert_eq!(at("{\"version\": 1, \"tool\": \"é\" x}"), (1, 28));
        assert_eq!(at("{\"version\": 1\n\"findings\": []}\n"), (2, 1));
        for t in ["{", "{\n\n", "[1,\n", "{\"a\": \"é", "\u{feff}"] {
            let (line, column) = at(t);
            assert!(line >= 1 && column >= 1, "{t:?}: {line}:{column}");
        }
    }

    #[test]
    fn corrupt_files_are_located() {
        let e = Baseline::parse("{\n  \"version\": 1,\n  \"tool\": \"x\",\n  \"findings\": [\n    {\"fingerprint\": 3}\n  ]\n}").unwrap_err();
        match e {
            BaselineError::Json { line, .. } => assert_eq!(line, 5),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Baseline::parse("{\"version\": 2, \"tool\": \"x\", \"findings\": []}"),
            Err(BaselineError::Version(2))
        ));
        assert!(matches!(
            Baseline::parse("not json"),
            Err(BaselineError::Json { line: 1, .. })
        ));
        assert!(matches!(
            Baseline::parse(
                "{\"version\":1,\"tool\":\"x\",\"findings\":[{\"fingerprint\":\" \",\"rule_id\":\"a\",\"resource\":\"r\",\"path\":\"p\"}]}"
            ),
            Err(BaselineError::EmptyFingerprint { index: 0 })
        ));
    }
}
