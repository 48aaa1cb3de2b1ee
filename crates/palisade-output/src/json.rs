//! The versioned JSON report (`docs/json-schema/report-v1.json`).
//!
//! Every object is a struct with a fixed field order, so the bytes do not
//! depend on serde_json's `preserve_order` feature.

use std::collections::BTreeMap;

use palisade_engine::{Finding, Related, RuleInfo};
use palisade_model::{Diagnostic, Span};
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::{Counts, Report, SEVERITIES, STATUSES, level_str, sorted_diagnostics, sorted_findings};

/// The `schema_version` of the JSON report. Additive changes bump the minor
/// number; removing or changing a field bumps the major one (and the schema
/// file name).
pub const JSON_SCHEMA_VERSION: &str = "1.1";

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: &'static str,
    tool: Tool<'a>,
    summary: Summary<'a>,
    findings: Vec<JFinding<'a>>,
    /// Findings covered by a suppression or baseline (since 1.1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<JSuppressed<'a>>,
    /// Baseline or diff-base comparison (since 1.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a crate::BaselineSummary>,
    diagnostics: Vec<JDiagnostic<'a>>,
    rules: Vec<JRule<'a>>,
}

#[derive(Serialize)]
struct JSuppression<'a> {
    kind: &'static str,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<&'a str>,
    location: Location<'a>,
}

#[derive(Serialize)]
struct JSuppressed<'a> {
    #[serde(flatten)]
    finding: JFinding<'a>,
    suppression: JSuppression<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    total: usize,
    by_status: Ordered,
    by_severity: Ordered,
    by_category: Ordered,
    files_scanned: usize,
    resources_scanned: usize,
    rules_run: usize,
    diagnostics: Ordered,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<&'a serde_json::Value>,
}

/// A JSON object with keys in the given order.
struct Ordered(Vec<(&'static str, usize)>);

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
pub(crate) struct Location<'a> {
    path: &'a str,
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl<'a> Location<'a> {
    pub(crate) fn of(s: &'a Span) -> Self {
        Location {
            path: &s.path,
            start_line: s.start_line,
            start_column: s.start_col,
            end_line: s.end_line,
            end_column: s.end_col,
        }
    }
}

#[derive(Serialize)]
struct JResource<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    rtype: &'a str,
    kind: &'static str,
    module_path: &'a [String],
}

#[derive(Serialize)]
struct JRelated<'a> {
    location: Location<'a>,
    message: &'a str,
}

impl<'a> JRelated<'a> {
    fn of(r: &'a Related) -> Self {
        JRelated {
            location: Location::of(&r.span),
            message: &r.message,
        }
    }
}

#[derive(Serialize)]
struct JFinding<'a> {
    rule_id: &'a str,
    title: &'a str,
    severity: &'static str,
    category: &'static str,
    status: &'static str,
    resource: JResource<'a>,
    location: Location<'a>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_reason: Option<&'a str>,
    frameworks: &'a BTreeMap<String, Vec<String>>,
    related_locations: Vec<JRelated<'a>>,
    fingerprint: &'a str,
}

impl<'a> JFinding<'a> {
    fn of(f: &'a Finding) -> Self {
        JFinding {
            rule_id: &f.rule_id,
            title: &f.title,
            severity: f.severity.as_str(),
            category: f.category.as_str(),
            status: f.status.as_str(),
            resource: JResource {
                address: &f.resource.address,
                rtype: &f.resource.rtype,
                kind: f.resource.kind.as_str(),
                module_path: &f.resource.module_path,
            },
            location: Location::of(&f.location),
            message: &f.message,
            unknown_reason: f.unknown_reason.as_deref(),
            frameworks: &f.frameworks,
            related_locations: f.related.iter().map(JRelated::of).collect(),
            fingerprint: &f.fingerprint,
        }
    }
}

#[derive(Serialize)]
struct JDiagnostic<'a> {
    level: &'static str,
    code: &'a str,
    message: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct JRule<'a> {
    id: &'a str,
    title: &'a str,
    severity: &'static str,
    category: &'static str,
    frameworks: &'a BTreeMap<String, Vec<String>>,
    help_uri: &'a str,
    builtin: bool,
}

/// Rules sorted by id, first of duplicate ids kept.
pub(crate) fn unique_rules(rules: &[RuleInfo]) -> Vec<&RuleInfo> {
    let mut m: BTreeMap<&str, &RuleInfo> = BTreeMap::new();
    for r in rules {
        m.entry(r.id.as_str()).or_insert(r);
    }
    m.into_values().collect()
}

/// Writes the JSON report (pretty-printed, two-space indent, trailing
/// newline). See `docs/output.md` for every field.
pub fn write_json(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = Counts::of(r);
    let rules = unique_rules(r.rules);
    let doc = Doc {
        schema_version: JSON_SCHEMA_VERSION,
        tool: Tool {
            name: "palisade",
            version: r.tool_version,
        },
        summary: Summary {
            total: c.total,
            by_status: Ordered(
                STATUSES
                    .iter()
                    .zip(c.by_status)
                    .map(|(s, n)| (s.as_str(), n))
                    .collect(),
            ),
            by_severity: Ordered(
                SEVERITIES
                    .iter()
                    .zip(c.by_severity)
                    .map(|(s, n)| (s.as_str(), n))
                    .collect(),
            ),
            by_category: Ordered(
                c.by_category
                    .iter()
                    .map(|(k, n)| (k.as_str(), *n))
                    .collect(),
            ),
            files_scanned: r.files_scanned,
            resources_scanned: r.resources_scanned,
            rules_run: rules.len(),
            diagnostics: Ordered(vec![
                ("error", c.diagnostics[0]),
                ("warning", c.diagnostics[1]),
                ("note", c.diagnostics[2]),
            ]),
            extra: r.extra_summary.as_ref(),
        },
        findings: sorted_findings(r).into_iter().map(JFinding::of).collect(),
        suppressed: crate::sorted_suppressed(r)
            .into_iter()
            .map(|s| JSuppressed {
                finding: JFinding::of(&s.finding),
                suppression: JSuppression {
                    kind: s.suppression.kind.as_str(),
                    reason: &s.suppression.reason,
                    owner: s.suppression.owner.as_deref(),
                    expires: s.suppression.expires.as_deref(),
                    location: Location::of(&s.suppression.location),
                },
            })
            .collect(),
        baseline: r.baseline,
        diagnostics: sorted_diagnostics(r)
            .into_iter()
            .map(|d: &Diagnostic| JDiagnostic {
                level: level_str(d.level),
                code: &d.code,
                message: &d.message,
                location: Location::of(&d.span),
            })
            .collect(),
        rules: rules
            .into_iter()
            .map(|x| JRule {
                id: &x.id,
                title: &x.title,
                severity: x.severity.as_str(),
                category: x.category.as_str(),
                frameworks: &x.frameworks,
                help_uri: &x.help_uri,
                builtin: x.builtin,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}
