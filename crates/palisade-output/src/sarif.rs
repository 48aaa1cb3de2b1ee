//! SARIF 2.1.0, shaped for GitHub code scanning.
//!
//! Built with plain serde structs (fixed field order, so byte-identical
//! output). Validated by `scripts/validate-sarif.sh` (Microsoft's SARIF
//! multitool, `--rule-kind "Gh;Sarif"`).

use std::collections::BTreeMap;

use palisade_engine::{Finding, RuleInfo, Severity, Status};
use palisade_model::{Diagnostic, Span};
use serde::Serialize;

use crate::json::unique_rules;
use crate::{Report, level_str, sorted_diagnostics, sorted_findings};

/// The `partialFingerprints` key that carries [`Finding::fingerprint`].
pub const SARIF_FINGERPRINT_KEY: &str = "palisadeFingerprint/v1";

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const INFORMATION_URI: &str = "https://palisade.dev";
/// GitHub ignores related locations past this many per result.
const MAX_RELATED: usize = 1000;

// ---------------------------------------------------------------------------
// The SARIF object model (only what palisade writes).

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    results: Vec<SResult<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RunProperties<'a>>,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    summary: &'a serde_json::Value,
}

#[derive(Serialize)]
struct BaseId {
    description: Text,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    semantic_version: Option<&'a str>,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

fn text(s: impl Into<String>) -> Text {
    Text { text: s.into() }
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: DefaultConfiguration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    tags: Vec<String>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    frameworks: BTreeMap<String, Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
    properties: InvocationProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InvocationProperties {
    files_scanned: usize,
    resources_scanned: usize,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text,
    descriptor: DescriptorRef<'a>,
    locations: [Location; 1],
}

#[derive(Serialize)]
struct DescriptorRef<'a> {
    id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    /// Absent means "to the end of `end_line`".
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    /// Not written yet: the place for inline (`inSource`) and baseline or
    /// config (`external`) suppressions once the engine reports them. GitHub
    /// closes alerts whose result carries a suppression.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties<'a>,
}

/// A SARIF `suppression` object (§3.35).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppression {
    /// `inSource` or `external`.
    kind: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    properties: SuppressionProperties,
}

#[derive(Serialize)]
struct SuppressionProperties {
    /// comment, annotation, metadata, config or baseline.
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
}

/// The SARIF suppressions of a suppressed finding: `inSource` for comments,
/// annotations and CloudFormation Metadata, `external` for palisade.toml
/// and baselines; status `accepted`; the reason as justification.
fn suppressions_of(s: Option<&crate::SuppressedFinding>) -> Vec<Suppression> {
    let Some(s) = s else {
        return Vec::new();
    };
    let a = &s.suppression;
    vec![Suppression {
        kind: if a.kind.is_in_source() {
            "inSource"
        } else {
            "external"
        },
        status: "accepted",
        justification: Some(a.reason.clone()),
        location: Some(location_of(&a.location)),
        properties: SuppressionProperties {
            source: a.kind.as_str(),
            owner: a.owner.clone(),
            expires: a.expires.clone(),
        },
    }]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    status: &'static str,
    severity: &'static str,
    category: &'static str,
    resource_type: &'a str,
    resource_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_locations_dropped: Option<usize>,
}

// ---------------------------------------------------------------------------
// Mappings.

/// The SARIF level of a severity for a failing result (and a rule's
/// `defaultConfiguration.level`): critical and high → `error`, medium →
/// `warning`, low and info → `note`.
fn severity_level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The SARIF `level` of a result.
///
/// - `fail`: from the severity (critical/high → `error`, medium →
///   `warning`, low/info → `note`);
/// - `warn` (a custom policy's warning): like `fail` but never above
///   `warning`;
/// - `unknown`: `note` (the reason goes into the message);
/// - `pass`: `none` (with `kind: "pass"`).
pub fn sarif_level(f: &Finding) -> &'static str {
    match f.status {
        Status::Fail => severity_level(f.severity),
        Status::Warn => match severity_level(f.severity) {
            "error" => "warning",
            l => l,
        },
        Status::Unknown => "note",
        Status::Pass => "none",
    }
}

/// `"RDS storage must be encrypted"` → `"RdsStorageMustBeEncrypted"`: the
/// rule's SARIF `name`, a Pascal-case identifier (words capitalised, the
/// rest of each word lower-cased, one-letter words such as "a" dropped so
/// that no two capitals meet). Falls back to the alphanumerics of
/// `fallback` when the title has none.
pub fn pascal_case(title: &str, fallback: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let mut cs = word.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        let mut cs = fallback.chars().filter(|c| c.is_ascii_alphanumeric());
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        out.push_str("Rule");
    }
    out
}

/// A relative, percent-encoded URI for a scan-root-relative path.
/// Absolute paths become `file://` URIs (without a base id).
fn uri_of(path: &str) -> (String, Option<&'static str>) {
    let p = path.replace('\\', "/");
    let (rel, base) = if p.starts_with('/') {
        (false, None)
    } else if p.len() >= 2
        && p.as_bytes().get(1) == Some(&b':')
        && p.as_bytes()[0].is_ascii_alphabetic()
    {
        // Windows drive path.
        (false, None)
    } else {
        (true, Some(SRCROOT))
    };
    let mut trimmed = p.as_str();
    while let Some(t) = trimmed.strip_prefix("./") {
        trimmed = t;
    }
    let mut out = String::with_capacity(trimmed.len() + 8);
    if !rel {
        out.push_str("file://");
        if !trimmed.starts_with('/') {
            out.push('/');
        }
    }
    for b in trimmed.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if !rel => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    (out, base)
}

fn region_of(s: &Span) -> Region {
    let start_line = s.start_line.max(1);
    let start_column = s.start_col.max(1);
    let end_line = s.end_line.max(start_line);
    let end_column = if end_line == start_line {
        (s.end_col > start_column).then_some(s.end_col)
    } else {
        (s.end_col > 1).then_some(s.end_col)
    };
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

fn location_of(s: &Span) -> Location {
    let (uri, uri_base_id) = uri_of(&s.path);
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri, uri_base_id },
            region: region_of(s),
        },
        logical_locations: Vec::new(),
        message: None,
    }
}

fn is_absolute_uri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn non_empty<'s>(s: &'s str, fallback: &'s str) -> &'s str {
    if s.trim().is_empty() { fallback } else { s }
}

fn descriptor(r: &RuleInfo) -> Descriptor {
    let description = non_empty(&r.description, &r.title).to_string();
    let help_text = non_empty(&r.help, &description).to_string();
    let help_uri = is_absolute_uri(&r.help_uri).then(|| r.help_uri.clone());
    let mut md = format!("**{}** ({})\n\n{}", r.title, r.id, description);
    if help_text != description {
        md.push_str(&format!("\n\n{help_text}"));
    }
    if !r.frameworks.is_empty() {
        md.push_str("\n\nFrameworks:\n");
        for (fw, controls) in &r.frameworks {
            md.push_str(&format!("\n- {fw}: {}", controls.join(", ")));
        }
    }
    if let Some(u) = &help_uri {
        md.push_str(&format!("\n\n[Documentation]({u})"));
    }
    let mut tags = vec!["security".to_string(), r.category.as_str().to_string()];
    for fw in r.frameworks.keys() {
        if !tags.contains(fw) {
            tags.push(fw.clone());
        }
    }
    Descriptor {
        id: r.id.clone(),
        name: pascal_case(&r.title, &r.id),
        short_description: text(non_empty(&r.title, &r.id)),
        full_description: text(description),
        help: Help {
            text: help_text,
            markdown: md,
        },
        help_uri,
        default_configuration: DefaultConfiguration {
            level: severity_level(r.severity),
        },
        properties: DescriptorProperties {
            tags,
            security_severity: r.severity.score(),
            precision: if r.builtin { "high" } else { "medium" },
            problem_severity: match severity_level(r.severity) {
                "note" => "recommendation",
                l => l,
            },
            frameworks: r.frameworks.clone(),
        },
    }
}

/// A rule descriptor for a finding whose rule the caller did not list.
fn synthesised_rule(f: &Finding) -> RuleInfo {
    RuleInfo {
        id: f.rule_id.clone(),
        title: f.title.clone(),
        severity: f.severity,
        category: f.category,
        frameworks: (*f.frameworks).clone(),
        description: f.title.clone(),
        help: String::new(),
        help_uri: String::new(),
        builtin: false,
    }
}

/// The rules of the run: every given rule plus one for each rule id a
/// finding names but `rules` lacks; unique ids, sorted.
fn run_rules(r: &Report) -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = r.rules.to_vec();
    let mut known: std::collections::BTreeSet<&str> =
        r.rules.iter().map(|x| x.id.as_str()).collect();
    for f in r
        .findings
        .iter()
        .chain(r.suppressed.iter().map(|s| &s.finding))
    {
        if known.insert(f.rule_id.as_str()) {
            all.push(synthesised_rule(f));
        }
    }
    unique_rules(&all).into_iter().cloned().collect()
}

fn result<'a>(
    f: &'a Finding,
    rule_index: usize,
    sup: Option<&crate::SuppressedFinding>,
) -> SResult<'a> {
    let base = non_empty(&f.message, &f.title);
    let message = match (&f.status, &f.unknown_reason) {
        (Status::Unknown, Some(why)) => format!("{base} (unknown: {why})"),
        (Status::Unknown, None) => format!("{base} (unknown)"),
        _ => base.to_string(),
    };
    let mut loc = location_of(&f.location);
    loc.logical_locations.push(LogicalLocation {
        name: f.resource.address.clone(),
        fully_qualified_name: f.resource.address.clone(),
        kind: "resource",
    });
    let related: Vec<Location> = f
        .related
        .iter()
        .take(MAX_RELATED)
        .enumerate()
        .map(|(i, rel)| {
            let mut l = location_of(&rel.span);
            l.id = Some(i + 1);
            l.message = Some(text(non_empty(&rel.message, "related location")));
            l
        })
        .collect();
    SResult {
        rule_id: &f.rule_id,
        rule_index,
        kind: (f.status == Status::Pass).then_some("pass"),
        level: sarif_level(f),
        message: text(message),
        locations: [loc],
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(SARIF_FINGERPRINT_KEY, f.fingerprint.as_str())]),
        suppressions: suppressions_of(sup),
        properties: ResultProperties {
            status: f.status.as_str(),
            severity: f.severity.as_str(),
            category: f.category.as_str(),
            resource_type: &f.resource.rtype,
            resource_kind: f.resource.kind.as_str(),
            unknown_reason: f.unknown_reason.as_deref(),
            related_locations_dropped: (f.related.len() > MAX_RELATED)
                .then(|| f.related.len() - MAX_RELATED),
        },
    }
}

fn notification(d: &Diagnostic) -> Notification<'_> {
    Notification {
        level: level_str(d.level),
        message: text(non_empty(&d.message, &d.code)),
        descriptor: DescriptorRef { id: &d.code },
        locations: [location_of(&d.span)],
    }
}

/// Is `v` a semantic version (`MAJOR.MINOR.PATCH[-pre][+build]`)?
fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Writes the report as a SARIF 2.1.0 log with one run (pretty-printed,
/// trailing newline). See `docs/output.md` for the mapping.
pub fn write_sarif(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rules = run_rules(r);
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let idx = |id: &str| index.get(id).copied().unwrap_or(0);
    let mut results: Vec<SResult> = sorted_findings(r)
        .into_iter()
        .map(|f| result(f, idx(&f.rule_id), None))
        .collect();
    results.extend(
        crate::sorted_suppressed(r)
            .into_iter()
            .map(|s| result(&s.finding, idx(&s.finding.rule_id), Some(s))),
    );
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "palisade",
                    version: r.tool_version,
                    semantic_version: is_semver(r.tool_version).then_some(r.tool_version),
                    information_uri: INFORMATION_URI,
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: sorted_diagnostics(r)
                    .into_iter()
                    .map(notification)
                    .collect(),
                properties: InvocationProperties {
                    files_scanned: r.files_scanned,
                    resources_scanned: r.resources_scanned,
                },
            }],
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseId {
                    description: text("The root directory of the scan."),
                },
            )]),
            results,
            properties: r
                .extra_summary
                .as_ref()
                .map(|summary| RunProperties { summary }),
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn span(sl: u32, sc: u32, el: u32, ec: u32) -> Span {
        Span::new(Arc::from("a b/c.tf"), sl, sc, el, ec)
    }

    #[test]
    fn severity_levels() {
        assert_eq!(severity_level(Severity::Critical), "error");
        assert_eq!(severity_level(Severity::High), "error");
        assert_eq!(severity_level(Severity::Medium), "warning");
        assert_eq!(severity_level(Severity::Low), "note");
        assert_eq!(severity_level(Severity::Info), "note");
    }

    #[test]
    fn pascal_names() {
        assert_eq!(
            pascal_case("S3 buckets must be encrypted", "PAL-S3-001"),
            "S3BucketsMustBeEncrypted"
        );
        assert_eq!(pascal_case("no-public ACL's", "x"), "NoPublicAcl");
        assert_eq!(pascal_case("A rule for a VPC", "x"), "RuleForVpc");
        assert_eq!(pascal_case("", "PAL-X-9"), "Palx9");
        assert_eq!(pascal_case("", ""), "Rule");
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri_of("a b/c.tf"), ("a%20b/c.tf".into(), Some(SRCROOT)));
        assert_eq!(
            uri_of("./x/y:z.yaml"),
            ("x/y%3Az.yaml".into(), Some(SRCROOT))
        );
        assert_eq!(uri_of("dir\\f.tf"), ("dir/f.tf".into(), Some(SRCROOT)));
        assert_eq!(uri_of("é.tf").0, "%C3%A9.tf");
        assert_eq!(uri_of("/abs/f.tf"), ("file:///abs/f.tf".into(), None));
        assert_eq!(uri_of("C:/x/f.tf"), ("file:///C:/x/f.tf".into(), None));
        assert_eq!(uri_of(""), (".".into(), Some(SRCROOT)));
    }

    #[test]
    fn regions_are_at_least_one() {
        let r = region_of(&span(0, 0, 0, 0));
        assert_eq!(
            r,
            Region {
                start_line: 1,
                start_column: 1,
                end_line: 1,
                end_column: None
            }
        );
        // Whole-line span: no end column (to end of line).
        assert_eq!(region_of(&span(4, 1, 4, 1)).end_column, None);
        assert_eq!(region_of(&span(4, 3, 4, 9)).end_column, Some(9));
        assert_eq!(region_of(&span(4, 3, 6, 2)).end_column, Some(2));
        assert_eq!(region_of(&span(4, 3, 6, 1)).end_column, None);
    }

    #[test]
    fn absolute_uri_check() {
        assert!(is_absolute_uri("https://palisade.dev/rules/X"));
        assert!(!is_absolute_uri(""));
        assert!(!is_absolute_uri("rules/X"));
        assert!(!is_absolute_uri("1http://x"));
    }

    #[test]
    fn semver_check() {
        assert!(is_semver("0.1.0"));
        assert!(is_semver("1.2.3-rc.1+abc"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("dev"));
    }
}
