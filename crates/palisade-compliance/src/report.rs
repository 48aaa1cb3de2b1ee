//! Building the per-control compliance report.

use std::collections::{BTreeMap, BTreeSet};

use palisade_engine::{Finding, RuleInfo, Severity, Status};
use serde::Serialize;

use crate::Framework;

/// The verdict on one control.
///
/// Precedence: `fail` > `unknown` > `warn` > `pass`; a control with no rule
/// mapped to it is `not-covered`; one with rules but no result from any of
/// them is `no-resources`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlStatus {
    /// At least one failing finding.
    Fail,
    /// No failure, but at least one rule could not decide.
    Unknown,
    /// No failure or unknown, but a custom policy warned.
    Warn,
    /// Every result behind the control passed.
    Pass,
    /// Rules map to the control but none had anything to check.
    NoResources,
    /// No rule that ran maps to the control.
    NotCovered,
}

impl ControlStatus {
    pub const ALL: [ControlStatus; 6] = [
        ControlStatus::Fail,
        ControlStatus::Unknown,
        ControlStatus::Warn,
        ControlStatus::Pass,
        ControlStatus::NoResources,
        ControlStatus::NotCovered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ControlStatus::Fail => "fail",
            ControlStatus::Unknown => "unknown",
            ControlStatus::Warn => "warn",
            ControlStatus::Pass => "pass",
            ControlStatus::NoResources => "no-resources",
            ControlStatus::NotCovered => "not-covered",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            ControlStatus::Fail => "FAIL",
            ControlStatus::Unknown => "UNKNOWN",
            ControlStatus::Warn => "WARN",
            ControlStatus::Pass => "PASS",
            ControlStatus::NoResources => "NO RESOURCES",
            ControlStatus::NotCovered => "NOT COVERED",
        }
    }
}

impl std::fmt::Display for ControlStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which framework, at which version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameworkRef {
    pub id: String,
    pub name: String,
    pub version: String,
}

/// Counts over the controls of the framework.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every control of the framework.
    pub controls: usize,
    /// Controls at least one rule that ran maps to.
    pub covered: usize,
    /// Controls no rule maps to.
    pub not_covered: usize,
    /// Covered controls whose rules found nothing to check.
    pub no_resources: usize,
    /// Controls with at least one result (`covered - no_resources`).
    pub evaluated: usize,
    pub fail: usize,
    pub unknown: usize,
    pub warn: usize,
    pub pass: usize,
    /// `covered / controls` as a whole percentage, rounded down.
    pub coverage_percent: u32,
    /// `pass / evaluated` as a whole percentage, rounded down (0 when
    /// nothing was evaluated).
    pub pass_percent: u32,
    /// Findings behind the controls, by their status (each finding once).
    pub findings: FindingCounts,
}

/// Findings by status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    pub fail: usize,
    pub unknown: usize,
    pub warn: usize,
    pub pass: usize,
}

impl FindingCounts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Fail => self.fail += 1,
            Status::Unknown => self.unknown += 1,
            Status::Warn => self.warn += 1,
            Status::Pass => self.pass += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.fail + self.unknown + self.warn + self.pass
    }
}

/// A rule mapped to a control.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleRef {
    pub id: String,
    pub title: String,
    pub severity: Severity,
}

/// One resource behind a control, with the worst status of its results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResourceResult {
    pub address: String,
    #[serde(rename = "type")]
    pub rtype: String,
    /// The file the resource's results point at.
    pub path: String,
    pub status: ControlStatus,
}

/// One finding behind a control.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub rule_id: String,
    pub status: Status,
    pub severity: Severity,
    pub resource: String,
    pub path: String,
    pub line: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_reason: Option<String>,
    pub fingerprint: String,
}

/// The verdict on one control, with what it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ControlResult {
    pub id: String,
    pub title: String,
    pub description: String,
    pub status: ControlStatus,
    /// Rules that map to the control, sorted by id.
    pub rules: Vec<RuleRef>,
    pub counts: FindingCounts,
    /// Resources checked for the control, sorted by address and path.
    pub resources: Vec<ResourceResult>,
    /// The results, in report order (file, line, rule, resource).
    pub findings: Vec<FindingRef>,
}

/// The compliance report of one framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComplianceReport {
    pub framework: FrameworkRef,
    pub summary: Summary,
    /// Every control, in the framework's order.
    pub controls: Vec<ControlResult>,
    /// Mappings that name a control this framework does not have
    /// (`RULE-ID: control`); they count toward nothing.
    pub unknown_mappings: Vec<String>,
}

impl ComplianceReport {
    /// The result for one control.
    pub fn control(&self, id: &str) -> Option<&ControlResult> {
        self.controls.iter().find(|c| c.id == id)
    }
}

fn status_rank(s: Status) -> ControlStatus {
    match s {
        Status::Fail => ControlStatus::Fail,
        Status::Unknown => ControlStatus::Unknown,
        Status::Warn => ControlStatus::Warn,
        Status::Pass => ControlStatus::Pass,
    }
}

/// Builds the report of `framework` from the rules that ran and all their
/// findings, passes included. The output depends only on its inputs' content,
/// not on their order.
pub fn build(framework: &Framework, rules: &[RuleInfo], findings: &[Finding]) -> ComplianceReport {
    // control id -> rule ids that map to it (from the rules and, for rules
    // missing from `rules`, from the findings' own mappings).
    let mut by_control: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut unknown = BTreeSet::new();
    let mut rule_meta: BTreeMap<&str, RuleRef> = BTreeMap::new();

    for r in rules {
        rule_meta.entry(r.id.as_str()).or_insert_with(|| RuleRef {
            id: r.id.clone(),
            title: r.title.clone(),
            severity: r.severity,
        });
        if let Some(ctrls) = r.frameworks.get(&framework.id) {
            for c in ctrls {
                if let Some(ctrl) = framework.control(c) {
                    by_control
                        .entry(ctrl.id.as_str())
                        .or_default()
                        .insert(r.id.as_str());
                } else {
                    unknown.insert(format!("{}: {}", r.id, c));
                }
            }
        }
    }
    for f in findings {
        rule_meta
            .entry(f.rule_id.as_str())
            .or_insert_with(|| RuleRef {
                id: f.rule_id.clone(),
                title: f.title.clone(),
                severity: f.severity,
            });
        if let Some(ctrls) = f.frameworks.get(&framework.id) {
            for c in ctrls {
                if let Some(ctrl) = framework.control(c) {
                    by_control
                        .entry(ctrl.id.as_str())
                        .or_default()
                        .insert(f.rule_id.as_str());
                } else {
                    unknown.insert(format!("{}: {}", f.rule_id, c));
                }
            }
        }
    }

    // rule id -> its findings, in the deterministic report order.
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.status.cmp(&b.status))
            .then(a.message.cmp(&b.message))
    });
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in sorted {
        by_rule.entry(f.rule_id.as_str()).or_default().push(f);
    }

    let mut summary = Summary {
        controls: framework.controls.len(),
        ..Summary::default()
    };
    let mut counted: BTreeSet<(&str, &str, &str, Status, u32)> = BTreeSet::new();
    let mut out = Vec::with_capacity(framework.controls.len());
    for ctrl in &framework.controls {
        let rule_ids = by_control.get(ctrl.id.as_str());
        let rules_ref: Vec<RuleRef> = rule_ids
            .into_iter()
            .flatten()
            .filter_map(|id| rule_meta.get(id).cloned())
            .collect();
        let mut fs: Vec<&Finding> = rule_ids
            .into_iter()
            .flatten()
            .filter_map(|id| by_rule.get(id))
            .flatten()
            .copied()
            .collect();
        fs.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.status.cmp(&b.status))
                .then(a.message.cmp(&b.message))
        });

        let mut counts = FindingCounts::default();
        let mut resources: BTreeMap<(&str, &str), (&str, ControlStatus)> = BTreeMap::new();
        for f in &fs {
            counts.add(f.status);
            let key = (
                f.fingerprint.as_str(),
                f.rule_id.as_str(),
                &*f.location.path,
                f.status,
                f.location.start_line,
            );
            if counted.insert(key) {
                summary.findings.add(f.status);
            }
            let st = status_rank(f.status);
            resources
                .entry((f.resource.address.as_str(), &*f.location.path))
                .and_modify(|(_, s)| {
                    if st < *s {
                        *s = st;
                    }
                })
                .or_insert((f.resource.rtype.as_str(), st));
        }

        let status = if rules_ref.is_empty() {
            ControlStatus::NotCovered
        } else if fs.is_empty() {
            ControlStatus::NoResources
        } else {
            fs.iter()
                .map(|f| status_rank(f.status))
                .min()
                .unwrap_or(ControlStatus::NoResources)
        };
        match status {
            ControlStatus::Fail => summary.fail += 1,
            ControlStatus::Unknown => summary.unknown += 1,
            ControlStatus::Warn => summary.warn += 1,
            ControlStatus::Pass => summary.pass += 1,
            ControlStatus::NoResources => summary.no_resources += 1,
            ControlStatus::NotCovered => summary.not_covered += 1,
        }

        out.push(ControlResult {
            id: ctrl.id.clone(),
            title: ctrl.title.clone(),
            description: ctrl.description.clone(),
            status,
            rules: rules_ref,
            counts,
            resources: resources
                .into_iter()
                .map(|((address, path), (rtype, status))| ResourceResult {
                    address: address.to_string(),
                    rtype: rtype.to_string(),
                    path: path.to_string(),
                    status,
                })
                .collect(),
            findings: fs
                .iter()
                .map(|f| FindingRef {
                    rule_id: f.rule_id.clone(),
                    status: f.status,
                    severity: f.severity,
                    resource: f.resource.address.clone(),
                    path: f.location.path.to_string(),
                    line: f.location.start_line,
                    message: f.message.clone(),
                    unknown_reason: f.unknown_reason.clone(),
                    fingerprint: f.fingerprint.clone(),
                })
                .collect(),
        });
    }
    summary.covered = summary.controls - summary.not_covered;
    summary.evaluated = summary.covered - summary.no_resources;
    summary.coverage_percent = percent(summary.covered, summary.controls);
    summary.pass_percent = percent(summary.pass, summary.evaluated);

    ComplianceReport {
        framework: FrameworkRef {
            id: framework.id.clone(),
            name: framework.name.clone(),
            version: framework.version.clone(),
        },
        summary,
        controls: out,
        unknown_mappings: unknown.into_iter().collect(),
    }
}

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    u32::try_from(part.saturating_mul(100) / whole).unwrap_or(100)
}
