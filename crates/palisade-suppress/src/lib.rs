//! Suppressions and baselines for palisade, done once for every input
//! language.
//!
//! A suppression says "this rule may fail here, because…", with a required
//! reason, an optional owner and an optional expiry date. They come from:
//!
//! - inline comments `# palisade:ignore RULE[,RULE] reason="…"
//!   expires=YYYY-MM-DD owner=… [instance=KEY]` in Terraform (`#`, `//`,
//!   `/* */`), YAML (CloudFormation, Kubernetes) and Dockerfiles;
//! - CloudFormation `Metadata: { palisade: { ignore: [ {id, reason,
//!   expires, owner} ] } }`;
//! - Kubernetes annotations `palisade.dev/ignore: "RULE reason=… ; RULE2 …"`;
//! - `[[suppress]]` tables of `palisade.toml` ([`ConfigEntry`]).
//!
//! [`collect`] finds and validates them against the model; [`apply`] moves
//! the findings they cover to a separate suppressed list (never dropped) and
//! reports expired, unused and forbidden ones as diagnostics. Nothing is
//! suppressed by accident: an invalid suppression is reported and ignored.
//!
//! [`baseline`] holds the baseline file format.

pub mod baseline;
pub mod date;
pub mod directive;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};
use palisade_engine::{Finding, Severity, Status};
use palisade_model::{Diagnostic, InstanceKey, Mode, Model, Resource, SourceKind, Span};
use serde::{Deserialize, Serialize};

pub use date::{Date, TODAY_ENV};
pub use directive::{CommentStyle, Directive, MARKER};

/// The annotation key of Kubernetes suppressions.
pub const K8S_ANNOTATION: &str = "palisade.dev/ignore";

/// Diagnostic codes.
pub mod codes {
    /// A malformed suppression (syntax, missing reason, bad date, unknown
    /// rule, unattached comment): an error, and nothing is suppressed.
    pub const INVALID: &str = "suppression-invalid";
    /// An expired suppression: a warning; it no longer suppresses.
    pub const EXPIRED: &str = "suppression-expired";
    /// A suppression that matched no finding: a warning.
    pub const UNUSED: &str = "suppression-unused";
    /// A suppression of a rule or severity that configuration forbids to
    /// suppress: an error; the finding is reported.
    pub const FORBIDDEN: &str = "suppression-forbidden";
}

/// Where a suppression was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An inline `palisade:ignore` comment.
    Comment,
    /// A Kubernetes `palisade.dev/ignore` annotation.
    Annotation,
    /// A CloudFormation `Metadata.palisade.ignore` entry.
    Metadata,
    /// A `[[suppress]]` table of `palisade.toml`.
    Config,
    /// A baseline file entry.
    Baseline,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Comment => "comment",
            Kind::Annotation => "annotation",
            Kind::Metadata => "metadata",
            Kind::Config => "config",
            Kind::Baseline => "baseline",
        }
    }
    /// Declared in the scanned source itself?
    pub fn is_in_source(self) -> bool {
        matches!(self, Kind::Comment | Kind::Annotation | Kind::Metadata)
    }
}

/// Why a finding was suppressed (what reports show).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub kind: Kind,
    pub reason: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub expires: Option<String>,
    /// Where the suppression is declared (a baseline: the file, line 1).
    pub location: Span,
}

/// A finding and the suppression that covers it.
#[derive(Clone, Debug, PartialEq)]
pub struct SuppressedFinding {
    pub finding: Finding,
    pub suppression: Applied,
}

/// A `[[suppress]]` table of `palisade.toml`. Every selector given must
/// match; at least one of `rule`, `path`, `resource`, `fingerprint` is
/// required.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigEntry {
    /// A rule id or glob (`PAL-S3-*`).
    pub rule: Option<String>,
    /// A glob on the finding's file path (relative to the scan root).
    pub path: Option<String>,
    /// A glob on the resource address (`module.legacy.*`).
    pub resource: Option<String>,
    /// A finding fingerprint.
    pub fingerprint: Option<String>,
    pub reason: Option<String>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub expires: Option<String>,
    /// The line of the table in its file (set by the loader; 0 = unknown).
    #[serde(skip)]
    pub line: u32,
}

/// The `[suppressions]` table of `palisade.toml`: what may be suppressed.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Rule ids or globs that may never be suppressed.
    #[serde(default)]
    pub forbid_rules: Vec<String>,
    /// Severities that may never be suppressed (`critical`, `high`…).
    #[serde(default)]
    pub forbid_severities: Vec<String>,
    /// Every suppression must name an owner.
    #[serde(default)]
    pub require_owner: bool,
    /// Only `palisade.toml` suppressions count: inline comments,
    /// annotations and CloudFormation Metadata are reported and ignored.
    #[serde(default)]
    pub forbid_inline: bool,
}

/// What a suppression covers.
#[derive(Clone, Debug)]
enum Selector {
    /// Resources by (address, source kind, file of the declaration).
    Resources(BTreeSet<(String, SourceKind, String)>),
    Config {
        path: Option<GlobMatcher>,
        resource: Option<GlobMatcher>,
        fingerprint: Option<String>,
    },
}

/// One validated suppression.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub kind: Kind,
    /// Where it is declared.
    pub location: Span,
    /// Rule ids or globs as written.
    pub rules: Vec<String>,
    pub reason: String,
    pub owner: Option<String>,
    pub expires: Option<Date>,
    matchers: Vec<GlobMatcher>,
    selector: Selector,
}

impl Suppression {
    fn applied(&self) -> Applied {
        Applied {
            kind: self.kind,
            reason: self.reason.clone(),
            owner: self.owner.clone(),
            expires: self.expires.map(|d| d.to_string()),
            location: self.location.clone(),
        }
    }

    fn covers_rule(&self, id: &str) -> bool {
        self.matchers.iter().any(|m| m.is_match(id))
    }

    fn covers(&self, f: &Finding, ambiguous: &BTreeSet<(String, SourceKind)>) -> bool {
        if !self.covers_rule(&f.rule_id) {
            return false;
        }
        match &self.selector {
            Selector::Resources(keys) => {
                let addr = f.resource.address.as_str();
                let kind = f.resource.kind;
                if ambiguous.contains(&(addr.to_string(), kind)) {
                    keys.contains(&(addr.to_string(), kind, f.location.path.to_string()))
                } else {
                    keys.range((addr.to_string(), kind, String::new())..)
                        .next()
                        .is_some_and(|(a, k, _)| a == addr && *k == kind)
                }
            }
            Selector::Config {
                path,
                resource,
                fingerprint,
            } => {
                path.as_ref().is_none_or(|g| g.is_match(&*f.location.path))
                    && resource
                        .as_ref()
                        .is_none_or(|g| g.is_match(&f.resource.address))
                    && fingerprint
                        .as_ref()
                        .is_none_or(|fp| fp.eq_ignore_ascii_case(&f.fingerprint))
            }
        }
    }
}

/// What [`collect`] needs.
pub struct Input<'a> {
    pub model: &'a Model,
    /// The text of a scanned file by its path relative to the scan root.
    pub read: &'a dyn Fn(&str) -> Option<String>,
    /// `[[suppress]]` entries.
    pub config: &'a [ConfigEntry],
    /// The configuration file's path as reports should show it.
    pub config_path: &'a str,
    pub policy: &'a Policy,
    /// Every rule id that exists (built-in and custom).
    pub known_rules: &'a [&'a str],
    pub today: Date,
}

/// Validated suppressions plus what was wrong with the others.
#[derive(Debug, Default)]
pub struct Collected {
    pub suppressions: Vec<Suppression>,
    /// Expired suppressions (valid otherwise): they do not suppress.
    pub expired: Vec<Suppression>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of [`apply`].
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings still reported.
    pub findings: Vec<Finding>,
    pub suppressed: Vec<SuppressedFinding>,
    pub diagnostics: Vec<Diagnostic>,
}

fn glob(pattern: &str, case_insensitive: bool) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .literal_separator(false)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("invalid glob {pattern:?}: {}", e.kind()))
}

/// The raw fields of a suppression before validation.
struct Raw<'a> {
    kind: Kind,
    location: Span,
    rules: Vec<String>,
    reason: Option<&'a str>,
    owner: Option<&'a str>,
    expires: Option<&'a str>,
}

/// Validates the common fields; `Err` is the diagnostic to report.
fn validate(
    raw: Raw<'_>,
    selector: Selector,
    input: &Input<'_>,
    out: &mut Collected,
) -> Option<()> {
    let err = |msg: String| Diagnostic::error(codes::INVALID, msg, raw.location.clone());
    let what = format!("{} suppression", raw.kind.as_str());
    if input.policy.forbid_inline && raw.kind.is_in_source() {
        out.diagnostics.push(Diagnostic::error(
            codes::FORBIDDEN,
            format!(
                "{what} of {} ignored: configuration forbids inline suppressions (use [[suppress]] in palisade.toml)",
                raw.rules.join(",")
            ),
            raw.location.clone(),
        ));
        return None;
    }
    if raw.rules.is_empty() {
        out.diagnostics
            .push(err(format!("{what} names no rule id")));
        return None;
    }
    let reason = raw.reason.map(str::trim).unwrap_or("");
    if reason.is_empty() {
        out.diagnostics.push(err(format!(
            "{what} of {} has no reason (add reason=\"…\"); not applied",
            raw.rules.join(",")
        )));
        return None;
    }
    let owner = raw.owner.map(str::trim).filter(|s| !s.is_empty());
    if input.policy.require_owner && owner.is_none() {
        out.diagnostics.push(err(format!(
            "{what} of {} has no owner and configuration requires one (add owner=…); not applied",
            raw.rules.join(",")
        )));
        return None;
    }
    let expires = match raw.expires.map(str::trim) {
        None => None,
        Some(s) => match Date::parse(s) {
            Ok(d) => Some(d),
            Err(e) => {
                out.diagnostics
                    .push(err(format!("{what}: expires: {e}; not applied")));
                return None;
            }
        },
    };
    let mut matchers = Vec::new();
    for r in &raw.rules {
        let is_glob = r.contains(['*', '?', '[']);
        let m = match glob(r, true) {
            Ok(m) => m,
            Err(e) => {
                out.diagnostics
                    .push(err(format!("{what}: {e}; not applied")));
                return None;
            }
        };
        let known = input.known_rules.iter().any(|k| m.is_match(k));
        if !known {
            out.diagnostics.push(err(format!(
                "{what}: {} {r:?} matches no known rule; not applied",
                if is_glob {
                    "pattern"
                } else {
                    "unknown rule id"
                }
            )));
            return None;
        }
        matchers.push(m);
    }
    let s = Suppression {
        kind: raw.kind,
        location: raw.location,
        rules: raw.rules,
        reason: reason.to_string(),
        owner: owner.map(str::to_string),
        expires,
        matchers,
        selector,
    };
    if expires.is_some_and(|d| d < input.today) {
        out.expired.push(s);
    } else {
        out.suppressions.push(s);
    }
    Some(())
}

/// The key of a resource for matching findings.
fn key(r: &Resource) -> (String, SourceKind, String) {
    (r.address.clone(), r.kind, r.span.path.to_string())
}

/// Does an instance filter (`a`, `0`) name this key?
fn instance_matches(k: &InstanceKey, want: &str) -> bool {
    match k {
        InstanceKey::Index(i) => want.parse::<u64>().ok() == Some(*i),
        InstanceKey::Key(s) => s == want,
    }
}

/// The resources a directive at `line` of `path` covers: those whose block
/// starts on the next code line, else the innermost containing the line.
/// Module calls extend to every resource instantiated through them.
#[allow(clippy::too_many_arguments)]
fn targets(
    model: &Model,
    by_file: &BTreeMap<&str, Vec<usize>>,
    path: &str,
    lines: &[&str],
    line: u32,
    own_line: bool,
    style: CommentStyle,
    instance: Option<&str>,
) -> Result<BTreeSet<(String, SourceKind, String)>, String> {
    let empty = Vec::new();
    let in_file = by_file.get(path).unwrap_or(&empty);
    let res = |i: usize| &model.resources[i];
    let mut chosen: Vec<usize> = Vec::new();
    if own_line {
        // The next line that is not blank or a comment.
        let mut next = None;
        for (i, l) in lines.iter().enumerate().skip(line as usize) {
            if !directive::skippable(l, style) {
                next = Some(i as u32 + 1);
                break;
            }
        }
        if let Some(n) = next {
            chosen = in_file
                .iter()
                .copied()
                .filter(|i| res(*i).span.start_line == n)
                .collect();
        }
    }
    if chosen.is_empty() {
        let containing: Vec<usize> = in_file
            .iter()
            .copied()
            .filter(|i| {
                let s = &res(*i).span;
                s.start_line <= line && line <= s.end_line
            })
            .collect();
        let size = |i: usize| {
            let s = &res(i).span;
            s.end_line.saturating_sub(s.start_line)
        };
        if let Some(min) = containing.iter().map(|i| size(*i)).min() {
            chosen = containing.into_iter().filter(|i| size(*i) == min).collect();
        }
    }
    if chosen.is_empty() {
        return Err("is not on or just above a resource, module call or object".into());
    }
    let mut keys = BTreeSet::new();
    let mut matched_instance = false;
    for i in chosen {
        let r = res(i);
        let is_module =
            r.kind == SourceKind::Terraform && r.mode == Mode::Meta && r.rtype == "module";
        if is_module {
            // Everything instantiated through this module block.
            let prefix = instance.map(|k| {
                let k = match k.parse::<u64>() {
                    Ok(n) => InstanceKey::Index(n),
                    Err(_) => InstanceKey::Key(k.to_string()),
                };
                format!("{}{k}.", r.address)
            });
            if instance.is_none() {
                keys.insert(key(r));
            }
            for inner in &model.resources {
                if inner.call_sites.contains(&r.span)
                    && prefix
                        .as_ref()
                        .is_none_or(|p| inner.address.starts_with(p.as_str()))
                {
                    matched_instance = true;
                    keys.insert(key(inner));
                }
            }
        } else if let Some(want) = instance {
            if r.instance
                .as_ref()
                .is_some_and(|k| instance_matches(k, want))
            {
                matched_instance = true;
                keys.insert(key(r));
            }
        } else {
            keys.insert(key(r));
        }
    }
    if let Some(want) = instance
        && !matched_instance
    {
        return Err(format!(
            "instance={want:?} matches no instance of the resource or module below"
        ));
    }
    Ok(keys)
}

/// Finds and validates every suppression: comments in the files of the
/// model's resources, Kubernetes annotations, CloudFormation Metadata and
/// configuration entries. Invalid ones become error diagnostics.
pub fn collect(input: &Input<'_>) -> Collected {
    let mut out = Collected::default();
    let model = input.model;
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in model.resources.iter().enumerate() {
        by_file.entry(&r.span.path).or_default().push(i);
    }
    // Inline comments.
    for (path, _) in by_file.iter() {
        let style = CommentStyle::of_path(path);
        if style == CommentStyle::None {
            continue;
        }
        let Some(text) = (input.read)(path) else {
            continue;
        };
        if !text.contains(MARKER) {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        let arc: Arc<str> = Arc::from(*path);
        for found in directive::scan(&text, style) {
            let loc = Span::new(arc.clone(), found.line, found.col, found.line, found.col);
            let d = match found.result {
                Ok(d) => d,
                Err(e) => {
                    out.diagnostics.push(Diagnostic::error(
                        codes::INVALID,
                        format!("malformed suppression comment: {e}; nothing suppressed"),
                        loc,
                    ));
                    continue;
                }
            };
            let keys = match targets(
                model,
                &by_file,
                path,
                &lines,
                found.line,
                found.own_line,
                style,
                d.instance.as_deref(),
            ) {
                Ok(k) => k,
                Err(e) => {
                    out.diagnostics.push(Diagnostic::error(
                        codes::INVALID,
                        format!(
                            "suppression comment of {} {e}; nothing suppressed",
                            d.rules.join(",")
                        ),
                        loc,
                    ));
                    continue;
                }
            };
            validate(
                Raw {
                    kind: Kind::Comment,
                    location: loc,
                    rules: d.rules,
                    reason: d.reason.as_deref(),
                    owner: d.owner.as_deref(),
                    expires: d.expires.as_deref(),
                },
                Selector::Resources(keys),
                input,
                &mut out,
            );
        }
    }
    // Kubernetes annotations and CloudFormation Metadata.
    for r in &model.resources {
        match r.kind {
            SourceKind::Kubernetes => annotations(r, input, &mut out),
            SourceKind::CloudFormation => metadata(r, input, &mut out),
            _ => {}
        }
    }
    // Configuration entries.
    let cfg_path: Arc<str> = Arc::from(input.config_path);
    for e in input.config {
        let loc = Span::line(cfg_path.clone(), e.line.max(1));
        let err = |m: String| Diagnostic::error(codes::INVALID, m, loc.clone());
        if e.rule.is_none() && e.path.is_none() && e.resource.is_none() && e.fingerprint.is_none() {
            out.diagnostics.push(err(
                "[[suppress]] needs at least one of rule, path, resource, fingerprint; not applied"
                    .into(),
            ));
            continue;
        }
        let mut g = |p: &Option<String>, ci: bool| -> Result<Option<GlobMatcher>, ()> {
            match p {
                None => Ok(None),
                Some(s) => glob(s, ci).map(Some).map_err(|m| {
                    out.diagnostics
                        .push(err(format!("[[suppress]]: {m}; not applied")));
                }),
            }
        };
        let (Ok(path), Ok(resource)) = (g(&e.path, false), g(&e.resource, false)) else {
            continue;
        };
        validate(
            Raw {
                kind: Kind::Config,
                location: loc.clone(),
                rules: vec![e.rule.clone().unwrap_or_else(|| "*".into())],
                reason: e.reason.as_deref(),
                owner: e.owner.as_deref(),
                expires: e.expires.as_deref(),
            },
            Selector::Config {
                path,
                resource,
                fingerprint: e.fingerprint.clone(),
            },
            input,
            &mut out,
        );
    }
    out
}

fn annotations(r: &Resource, input: &Input<'_>, out: &mut Collected) {
    let Some(ann) = r.attr("metadata.annotations").known() else {
        return;
    };
    let Some(node) = ann.get(K8S_ANNOTATION).known() else {
        return;
    };
    let loc = node.span.clone().unwrap_or_else(|| r.span.clone());
    let Some(text) = node.as_str() else {
        out.diagnostics.push(Diagnostic::error(
            codes::INVALID,
            format!("annotation {K8S_ANNOTATION} must be a string; nothing suppressed"),
            loc,
        ));
        return;
    };
    for part in text.split(';').filter(|p| !p.trim().is_empty()) {
        match directive::parse(part) {
            Ok(d) if d.instance.is_some() => out.diagnostics.push(Diagnostic::error(
                codes::INVALID,
                "annotation suppressions take no instance=; nothing suppressed".to_string(),
                loc.clone(),
            )),
            Ok(d) => {
                validate(
                    Raw {
                        kind: Kind::Annotation,
                        location: loc.clone(),
                        rules: d.rules,
                        reason: d.reason.as_deref(),
                        owner: d.owner.as_deref(),
                        expires: d.expires.as_deref(),
                    },
                    Selector::Resources(BTreeSet::from([key(r)])),
                    input,
                    out,
                );
            }
            Err(e) => out.diagnostics.push(Diagnostic::error(
                codes::INVALID,
                format!("malformed {K8S_ANNOTATION} annotation: {e}; nothing suppressed"),
                loc.clone(),
            )),
        }
    }
}

/// The line of the resource's `palisade` Metadata key, for locations.
fn metadata_line(r: &Resource, input: &Input<'_>) -> Span {
    if let Some(text) = (input.read)(&r.span.path) {
        for (i, l) in text.lines().enumerate() {
            let n = i as u32 + 1;
            if n >= r.span.start_line && n <= r.span.end_line && l.contains("palisade") {
                return Span::line(r.span.path.clone(), n);
            }
        }
    }
    r.span.clone()
}

fn metadata(r: &Resource, input: &Input<'_>, out: &mut Collected) {
    let Some(text) = r.meta.get("metadata") else {
        return;
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let Some(p) = v.get("palisade") else {
        return;
    };
    let loc = metadata_line(r, input);
    let bad = |m: &str| {
        Diagnostic::error(
            codes::INVALID,
            format!("Metadata.palisade: {m}; nothing suppressed"),
            loc.clone(),
        )
    };
    let Some(list) = p.get("ignore") else {
        out.diagnostics.push(bad("expected an `ignore` list"));
        return;
    };
    let Some(list) = list.as_array() else {
        out.diagnostics.push(bad("`ignore` must be a list"));
        return;
    };
    for item in list {
        let Some(obj) = item.as_object() else {
            out.diagnostics
                .push(bad("each `ignore` entry must be a map with id and reason"));
            continue;
        };
        if let Some(k) = obj
            .keys()
            .find(|k| !matches!(k.as_str(), "id" | "reason" | "owner" | "expires"))
        {
            out.diagnostics.push(bad(&format!(
                "unknown key {k:?} (expected id, reason, owner, expires)"
            )));
            continue;
        }
        let s = |k: &str| obj.get(k).and_then(|v| v.as_str());
        let rules: Vec<String> = match obj.get("id") {
            Some(serde_json::Value::String(s)) => s
                .split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str())
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        };
        validate(
            Raw {
                kind: Kind::Metadata,
                location: loc.clone(),
                rules,
                reason: s("reason"),
                owner: s("owner"),
                expires: s("expires"),
            },
            Selector::Resources(BTreeSet::from([key(r)])),
            input,
            out,
        );
    }
}

fn is_forbidden(
    f: &Finding,
    policy: &Policy,
    forbid_rules: &[GlobMatcher],
    forbid_sev: &[Severity],
) -> Option<String> {
    let _ = policy;
    if forbid_rules.iter().any(|m| m.is_match(&f.rule_id)) {
        return Some(format!("rule {} may not be suppressed", f.rule_id));
    }
    if forbid_sev.contains(&f.severity) {
        return Some(format!(
            "{} findings may not be suppressed",
            f.severity.as_str()
        ));
    }
    None
}

/// Moves the findings covered by a suppression to the suppressed list.
/// Passes are never suppressed. `ran` are the rules that ran (an unused
/// suppression of only rules that did not run is not reported). Reports
/// expired, forbidden and unused suppressions.
pub fn apply(
    findings: Vec<Finding>,
    collected: Collected,
    model: &Model,
    policy: &Policy,
    ran: &[&str],
) -> Outcome {
    let mut out = Outcome {
        diagnostics: collected.diagnostics,
        ..Outcome::default()
    };
    // (address, kind) declared in more than one file.
    let mut files: BTreeMap<(String, SourceKind), BTreeSet<&str>> = BTreeMap::new();
    for r in &model.resources {
        files
            .entry((r.address.clone(), r.kind))
            .or_default()
            .insert(&r.span.path);
    }
    let ambiguous: BTreeSet<(String, SourceKind)> = files
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, _)| k)
        .collect();
    let mut forbid_rules = Vec::new();
    for p in &policy.forbid_rules {
        if let Ok(m) = glob(p, true) {
            forbid_rules.push(m);
        }
    }
    let forbid_sev: Vec<Severity> = policy
        .forbid_severities
        .iter()
        .filter_map(|s| Severity::parse(s))
        .collect();

    let sups = &collected.suppressions;
    let mut used = vec![false; sups.len()];
    let mut forbidden_hit = vec![false; sups.len()];
    let mut expired_hit = vec![false; collected.expired.len()];
    let mut forbidden_seen: BTreeSet<(usize, String)> = BTreeSet::new();
    for f in findings {
        if f.status == Status::Pass {
            out.findings.push(f);
            continue;
        }
        for (i, e) in collected.expired.iter().enumerate() {
            if e.covers(&f, &ambiguous) {
                expired_hit[i] = true;
            }
        }
        let mut chosen = None;
        for (i, s) in sups.iter().enumerate() {
            if !s.covers(&f, &ambiguous) {
                continue;
            }
            if let Some(why) = is_forbidden(&f, policy, &forbid_rules, &forbid_sev) {
                forbidden_hit[i] = true;
                if forbidden_seen.insert((i, f.rule_id.clone())) {
                    out.diagnostics.push(Diagnostic::error(
                        codes::FORBIDDEN,
                        format!(
                            "{} suppression ignored: {why} (configuration [suppressions])",
                            s.kind.as_str()
                        ),
                        s.location.clone(),
                    ));
                }
                continue;
            }
            used[i] = true;
            if chosen.is_none() {
                chosen = Some(i);
            }
        }
        match chosen {
            Some(i) => out.suppressed.push(SuppressedFinding {
                finding: f,
                suppression: sups[i].applied(),
            }),
            None => out.findings.push(f),
        }
    }
    for (i, e) in collected.expired.iter().enumerate() {
        out.diagnostics.push(Diagnostic::warning(
            codes::EXPIRED,
            format!(
                "{} suppression of {} expired on {}{}; it no longer suppresses{}",
                e.kind.as_str(),
                e.rules.join(","),
                e.expires.map(|d| d.to_string()).unwrap_or_default(),
                e.owner
                    .as_ref()
                    .map(|o| format!(" (owner {o})"))
                    .unwrap_or_default(),
                if expired_hit[i] {
                    " and its findings are reported"
                } else {
                    ""
                }
            ),
            e.location.clone(),
        ));
    }
    for (i, s) in sups.iter().enumerate() {
        if used[i] || forbidden_hit[i] {
            continue;
        }
        let any_ran = ran.iter().any(|r| s.covers_rule(r));
        if !any_ran {
            continue;
        }
        out.diagnostics.push(Diagnostic::warning(
            codes::UNUSED,
            format!(
                "{} suppression of {} matched no finding; remove it",
                s.kind.as_str(),
                s.rules.join(",")
            ),
            s.location.clone(),
        ));
    }
    out
}
