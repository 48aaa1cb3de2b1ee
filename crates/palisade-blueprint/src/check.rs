//! Classification and conformance checks.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use palisade_engine::{Category, Finding, FindingResource, Related, Status, fingerprint};
use palisade_model::{Diagnostic, Lookup, Model, Resource, ResourceId, SourceKind, Span};
use palisade_views::Tri;
use palisade_views::Views;
use palisade_views::aws::iam::{PolicyKind, wildcard_match};
use palisade_views::aws::util;
use palisade_views::datastore::{self, DataStore, Encryption};
use serde::Serialize;

use crate::rules::rule_info;
use crate::spec::{AtRest, Blueprint, DefaultTier, Located, Need, PublicAccess, suggest};
use crate::{glob_match, stores};

/// A resource's tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TierOf {
    Tier {
        name: String,
    },
    /// The classification tag's value is unresolved.
    Unknown {
        reason: String,
    },
    Unclassified,
}

/// Why a resource has its tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    Tag {
        key: String,
        value: String,
        span: Span,
    },
    UnknownTag {
        key: String,
        reason: String,
        span: Span,
    },
    Rule {
        number: usize,
        span: Span,
    },
    Default {
        span: Span,
    },
    None,
}

impl Reason {
    /// Where the tier was decided (IaC tag or blueprint line).
    pub fn span(&self) -> Option<&Span> {
        match self {
            Reason::Tag { span, .. }
            | Reason::UnknownTag { span, .. }
            | Reason::Rule { span, .. }
            | Reason::Default { span } => Some(span),
            Reason::None => None,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Tag { key, value, span } => {
                write!(f, "tag {key}={value} at {}:{}", span.path, span.start_line)
            }
            Reason::UnknownTag { key, reason, span } => write!(
                f,
                "tag {key} at {}:{} is unresolved ({reason})",
                span.path, span.start_line
            ),
            Reason::Rule { number, span } => write!(
                f,
                "classification rule #{number} at {}:{}",
                span.path, span.start_line
            ),
            Reason::Default { span } => {
                write!(f, "the default tier at {}:{}", span.path, span.start_line)
            }
            Reason::None => f.write_str("no classification tag, rule or default applies"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Classification {
    pub tier: TierOf,
    pub reason: Reason,
    /// A tag value naming no tier (located on the resource's tag).
    pub warnings: Vec<Diagnostic>,
}

/// Counts of results.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Failing results: the seed's measure.
    pub invalid: usize,
    pub unknown: usize,
    pub passed: usize,
}

impl Counts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Fail | Status::Warn => self.invalid += 1,
            Status::Unknown => self.unknown += 1,
            Status::Pass => self.passed += 1,
        }
    }
}

/// Invalid configurations per tier and per requirement.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub blueprint: String,
    pub invalid_configurations: usize,
    pub unknown: usize,
    pub passed: usize,
    /// Data stores per tier (`(unclassified)`, `(unknown)` included).
    pub data_stores: BTreeMap<String, usize>,
    /// Results per tier (`(no tier)` for estate-wide and untiered ones).
    pub by_tier: BTreeMap<String, Counts>,
    /// Results per requirement (`encryption_at_rest`, `ownership.required_tags`...).
    pub by_requirement: BTreeMap<String, Counts>,
}

impl Summary {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// Plain text, for the scan summary.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "Blueprint {}: {} invalid configuration(s), {} unknown, {} passed\n",
            self.blueprint, self.invalid_configurations, self.unknown, self.passed
        );
        s.push_str("  per tier:\n");
        for (t, c) in &self.by_tier {
            let n = self.data_stores.get(t).copied().unwrap_or(0);
            let _ = writeln!(
                s,
                "    {t:<16} {:>4} invalid {:>4} unknown {:>4} passed  ({n} data store(s))",
                c.invalid, c.unknown, c.passed
            );
        }
        s.push_str("  per requirement:\n");
        for (r, c) in &self.by_requirement {
            let _ = writeln!(
                s,
                "    {r:<40} {:>4} invalid {:>4} unknown {:>4} passed",
                c.invalid, c.unknown, c.passed
            );
        }
        s
    }

    /// Markdown tables.
    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "### Blueprint `{}`\n\n**{} invalid configuration(s)**, {} unknown, {} passed.\n\n| Tier | Data stores | Invalid | Unknown | Passed |\n|---|---:|---:|---:|---:|\n",
            self.blueprint, self.invalid_configurations, self.unknown, self.passed
        );
        for (t, c) in &self.by_tier {
            let n = self.data_stores.get(t).copied().unwrap_or(0);
            let _ = writeln!(
                s,
                "| {t} | {n} | {} | {} | {} |",
                c.invalid, c.unknown, c.passed
            );
        }
        s.push_str("\n| Requirement | Invalid | Unknown | Passed |\n|---|---:|---:|---:|\n");
        for (r, c) in &self.by_requirement {
            let _ = writeln!(
                s,
                "| `{r}` | {} | {} | {} |",
                c.invalid, c.unknown, c.passed
            );
        }
        s
    }
}

/// What [`check`] returns.
#[derive(Clone, Debug)]
pub struct BlueprintOutcome {
    /// Fail, unknown and pass results, in report order.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Warnings about the estate against the blueprint: a rule matching
    /// nothing, a tag value naming no tier.
    pub diagnostics: Vec<Diagnostic>,
}

/// One result with what the summary and `explain` need.
struct Res {
    finding: Finding,
    requirement: String,
    tier: String,
}

const NO_TIER: &str = "(no tier)";

// ---------------------------------------------------------------------------
// Classification

/// The tier of resource `id` and why.
pub fn classify(bp: &Blueprint, model: &Model, views: &Views, id: ResourceId) -> Classification {
    classify_inner(bp, model, views, id, &mut Vec::new())
}

fn classify_inner(
    bp: &Blueprint,
    model: &Model,
    views: &Views,
    id: ResourceId,
    matched: &mut Vec<usize>,
) -> Classification {
    let r = model.get(id);
    let mut warnings = Vec::new();
    if let Some(tag) = &bp.classification.tag {
        let tags = match views.datastores.get(id) {
            Some(d) => d.tags.clone(),
            None => datastore::tags(model, r),
        };
        let value = match &tags {
            Tri::Known(m, s) => m.get(&tag.value).cloned().unwrap_or(Tri::Absent(s.clone())),
            Tri::Unknown(w, s) => Tri::Unknown(w.clone(), s.clone()),
            Tri::Absent(s) => Tri::Absent(s.clone()),
        };
        match value {
            Tri::Known(v, span) => {
                if bp.tiers.contains_key(&v) {
                    return Classification {
                        tier: TierOf::Tier { name: v.clone() },
                        reason: Reason::Tag {
                            key: tag.value.clone(),
                            value: v,
                            span,
                        },
                        warnings,
                    };
                }
                let hint = suggest(&v, bp.tiers.keys().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                let names: Vec<&str> = bp.tiers.keys().map(String::as_str).collect();
                warnings.push(Diagnostic::warning(
                    "blueprint-unknown-tier-tag",
                    format!(
                        "{}: tag {}={v} names no tier of the blueprint{hint} (tiers: {}); classification falls back to the rules and the default",
                        r.address,
                        tag.value,
                        names.join(", ")
                    ),
                    span,
                ));
            }
            Tri::Unknown(why, span) => {
                return Classification {
                    tier: TierOf::Unknown {
                        reason: format!("tag {} is unresolved: {why}", tag.value),
                    },
                    reason: Reason::UnknownTag {
                        key: tag.value.clone(),
                        reason: why,
                        span,
                    },
                    warnings,
                };
            }
            Tri::Absent(_) => {}
        }
    }
    for rule in &bp.classification.rules {
        if rule_matches(&rule.matcher, r, views.datastores.get(id)) {
            matched.push(rule.number);
            return Classification {
                tier: TierOf::Tier {
                    name: rule.tier.value.clone(),
                },
                reason: Reason::Rule {
                    number: rule.number,
                    span: rule.span.clone(),
                },
                warnings,
            };
        }
    }
    match &bp.classification.default {
        Some(Located {
            value: DefaultTier::Tier(t),
            span,
        }) => Classification {
            tier: TierOf::Tier { name: t.clone() },
            reason: Reason::Default { span: span.clone() },
            warnings,
        },
        Some(Located {
            value: DefaultTier::Finding,
            span,
        }) => Classification {
            tier: TierOf::Unclassified,
            reason: Reason::Default { span: span.clone() },
            warnings,
        },
        None => Classification {
            tier: TierOf::Unclassified,
            reason: Reason::None,
            warnings,
        },
    }
}

fn rule_matches(m: &crate::spec::Match, r: &Resource, ds: Option<&DataStore>) -> bool {
    let ok = |p: &Option<String>, text: &str| p.as_deref().is_none_or(|p| glob_match(p, text));
    ok(&m.rtype, &r.rtype)
        && ok(&m.address, &r.address)
        && ok(&m.module, &r.module_path.join("."))
        && ok(&m.name, &r.name)
        && ok(
            &m.namespace,
            r.meta.get("namespace").map_or("", String::as_str),
        )
        && ok(&m.file, &r.span.path)
        && ok(&m.service, ds.map_or("", |d| d.service.as_str()))
}

// ---------------------------------------------------------------------------
// Checks

struct Ctx<'a> {
    bp: &'a Blueprint,
    model: &'a Model,
    views: &'a Views,
    out: Vec<Res>,
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        rule_id: &str,
        status: Status,
        r: &Resource,
        _id: Option<ResourceId>,
        location: Span,
        requirement: &str,
        tier: &str,
        message: String,
        unknown_reason: Option<String>,
        related: Vec<Related>,
    ) {
        let Some(def) = rule_info(rule_id) else {
            return;
        };
        let fp = fingerprint(rule_id, &r.scope, &r.address, requirement);
        self.out.push(Res {
            finding: Finding {
                rule_id: rule_id.to_string(),
                title: def.title.to_string(),
                severity: def.severity,
                category: Category::Blueprint,
                status,
                resource: FindingResource::of(r),
                location,
                message,
                unknown_reason,
                frameworks: Default::default(),
                related,
                fingerprint: fp,
            },
            requirement: requirement.to_string(),
            tier: tier.to_string(),
        });
    }

    /// The tier that declared a requirement (for "inherited from").
    fn origin(&self, tier: &str, span: &Span) -> String {
        let mut cur = self.bp.tier(tier);
        let mut n = 0;
        while let Some(t) = cur {
            n += 1;
            if n > 256 {
                break;
            }
            let own = &t.own;
            let spans = [
                own.encryption_at_rest.as_ref().map(|x| &x.span),
                own.encryption_in_transit.as_ref().map(|x| &x.span),
                own.key_rotation.as_ref().map(|x| &x.span),
                own.public_access.as_ref().map(|x| &x.span),
                own.access_logging.as_ref().map(|x| &x.span),
                own.versioning.as_ref().map(|x| &x.span),
                own.object_lock.as_ref().map(|x| &x.span),
                own.backup_retention_days.as_ref().map(|x| &x.span),
                own.deletion_protection.as_ref().map(|x| &x.span),
                own.log_retention_days.as_ref().map(|x| &x.span),
                own.allowed_regions.as_ref().map(|x| &x.span),
            ];
            if spans.iter().flatten().any(|s| *s == span) {
                return if t.name == tier {
                    format!("tier `{tier}`")
                } else {
                    format!("tier `{tier}` (inherited from `{}`)", t.name)
                };
            }
            cur = t.inherits.as_ref().and_then(|i| self.bp.tier(&i.value));
        }
        format!("tier `{tier}`")
    }
}

/// Checks the estate against the blueprint.
pub fn check(bp: &Blueprint, model: &Model, views: &Views) -> BlueprintOutcome {
    let mut cx = Ctx {
        bp,
        model,
        views,
        out: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    let mut matched = Vec::new();
    let mut data_stores: BTreeMap<String, usize> = BTreeMap::new();
    let mut tier_of: BTreeMap<ResourceId, String> = BTreeMap::new();
    for ds in stores(views) {
        let c = classify_inner(bp, model, views, ds.id, &mut matched);
        diagnostics.extend(c.warnings.iter().cloned());
        let key = match &c.tier {
            TierOf::Tier { name } => name.clone(),
            TierOf::Unknown { .. } => "(unknown)".to_string(),
            TierOf::Unclassified => "(unclassified)".to_string(),
        };
        *data_stores.entry(key.clone()).or_default() += 1;
        tier_of.insert(ds.id, key);
        check_store(&mut cx, ds, &c);
    }
    for rule in &bp.classification.rules {
        if !matched.contains(&rule.number) {
            diagnostics.push(Diagnostic::warning(
                "blueprint-rule-unused",
                format!(
                    "classification rule #{} matches no data store of the scan (tier `{}`)",
                    rule.number, rule.tier.value
                ),
                rule.span.clone(),
            ));
        }
    }
    ownership(&mut cx, &tier_of);
    logging(&mut cx);
    keys(&mut cx);

    let mut res = cx.out;
    res.sort_by(|a, b| {
        a.finding
            .sort_key()
            .cmp(&b.finding.sort_key())
            .then(a.finding.status.cmp(&b.finding.status))
    });
    let mut summary = Summary {
        blueprint: bp.path.to_string(),
        data_stores,
        ..Summary::default()
    };
    for r in &res {
        let s = r.finding.status;
        match s {
            Status::Fail | Status::Warn => summary.invalid_configurations += 1,
            Status::Unknown => summary.unknown += 1,
            Status::Pass => summary.passed += 1,
        }
        summary.by_tier.entry(r.tier.clone()).or_default().add(s);
        summary
            .by_requirement
            .entry(r.requirement.clone())
            .or_default()
            .add(s);
    }
    diagnostics.sort();
    diagnostics.dedup();
    BlueprintOutcome {
        findings: res.into_iter().map(|r| r.finding).collect(),
        summary,
        diagnostics,
    }
}

fn describe_enc(e: &Encryption) -> String {
    match e {
        Encryption::None => "not encrypted".into(),
        Encryption::ProviderManaged => "encrypted with a provider-managed key".into(),
        Encryption::CustomerManaged { key: Some(k) } => {
            format!("encrypted with customer-managed key {k}")
        }
        Encryption::CustomerManaged { key: None } => "encrypted with a customer-managed key".into(),
    }
}

fn check_store(cx: &mut Ctx<'_>, ds: &DataStore, c: &Classification) {
    let r = cx.model.get(ds.id);
    let class_related = |tier: &str| -> Option<Related> {
        c.reason.span().map(|s| Related {
            span: s.clone(),
            message: format!("tier `{tier}` from {}", c.reason),
        })
    };
    let tier = match &c.tier {
        TierOf::Tier { name } => name.clone(),
        TierOf::Unknown { reason } => {
            cx.emit(
                "PAL-BP-CLASSIFICATION",
                Status::Unknown,
                r,
                Some(ds.id),
                c.reason.span().cloned().unwrap_or(r.span.clone()),
                "classification",
                "(unknown)",
                format!(
                    "{}: the data tier cannot be determined ({reason}), so its requirements cannot be checked",
                    r.address
                ),
                Some(reason.clone()),
                cx.bp
                    .classification
                    .tag
                    .iter()
                    .map(|t| Related {
                        span: t.span.clone(),
                        message: format!("the tier comes from the `{}` tag", t.value),
                    })
                    .collect(),
            );
            return;
        }
        TierOf::Unclassified => {
            if let Reason::Default { span } = &c.reason {
                let tag = cx
                    .bp
                    .classification
                    .tag
                    .as_ref()
                    .map(|t| format!("no `{}` tag naming a tier, ", t.value))
                    .unwrap_or_default();
                cx.emit(
                    "PAL-BP-UNCLASSIFIED",
                    Status::Fail,
                    r,
                    Some(ds.id),
                    r.span.clone(),
                    "classification",
                    "(unclassified)",
                    format!(
                        "{} ({}) has no data tier: {tag}no classification rule matches, and the blueprint makes unclassified data stores a finding",
                        r.address,
                        ds.service.as_str()
                    ),
                    None,
                    vec![Related {
                        span: span.clone(),
                        message: "unclassified data stores are findings".into(),
                    }],
                );
            }
            return;
        }
    };
    let Some(t) = cx.bp.tier(&tier) else { return };
    let req = t.resolved.clone();
    let why = c.reason.to_string();

    // A helper closure-like macro to keep each requirement short.
    macro_rules! judge {
        ($rule:expr, $key:expr, $loc:expr, $fact:expr, $shown:expr, $ok:expr, $expect:expr, $found:expr) => {{
            let loc: &Located<_> = $loc;
            let origin = cx.origin(&tier, &loc.span);
            let mut related = vec![Related {
                span: loc.span.clone(),
                message: format!("`{}: {}` set by {origin}", $key, $shown),
            }];
            related.extend(class_related(&tier));
            let head = format!(
                "{}: {} requires {} ({}: {})",
                r.address, origin, $expect, "tier from", why
            );
            match $fact {
                Tri::Known(v, s) => {
                    let ok: bool = $ok(Some(&v));
                    let found: String = $found(Some(&v));
                    let (st, msg) = if ok {
                        (Status::Pass, format!("{head}; it is {found}"))
                    } else {
                        (Status::Fail, format!("{head}, but it is {found}"))
                    };
                    cx.emit(
                        $rule,
                        st,
                        r,
                        Some(ds.id),
                        s,
                        $key,
                        &tier,
                        msg,
                        None,
                        related,
                    );
                }
                Tri::Absent(s) => {
                    let ok: bool = $ok(None);
                    let found: String = $found(None);
                    let (st, msg) = if ok {
                        (Status::Pass, format!("{head}; it is {found}"))
                    } else {
                        (Status::Fail, format!("{head}, but it is {found}"))
                    };
                    cx.emit(
                        $rule,
                        st,
                        r,
                        Some(ds.id),
                        s,
                        $key,
                        &tier,
                        msg,
                        None,
                        related,
                    );
                }
                Tri::Unknown(w, s) => {
                    cx.emit(
                        $rule,
                        Status::Unknown,
                        r,
                        Some(ds.id),
                        s,
                        $key,
                        &tier,
                        format!("{head}; cannot tell: {w}"),
                        Some(w.clone()),
                        related,
                    );
                }
            }
        }};
    }
    fn yes(b: Option<&bool>) -> bool {
        b.copied().unwrap_or(false)
    }
    fn shown_bool(on: &'static str, off: &'static str) -> impl Fn(Option<&bool>) -> String {
        move |b| {
            if yes(b) {
                on.to_string()
            } else {
                off.to_string()
            }
        }
    }

    if let (Some(l), Some(fact)) = (&req.encryption_at_rest, &ds.encryption_at_rest) {
        let (rule, expect, shown) = match l.value {
            AtRest::Required => (
                "PAL-BP-ENCRYPTION-AT-REST",
                "encryption at rest",
                "required",
            ),
            AtRest::CustomerManagedKey => (
                "PAL-BP-CMK",
                "encryption at rest with a customer-managed KMS key",
                "customer-managed-key",
            ),
            AtRest::Optional => ("", "", ""),
        };
        if !rule.is_empty() {
            let cmk = l.value == AtRest::CustomerManagedKey;
            judge!(
                rule,
                "encryption_at_rest",
                l,
                fact.clone(),
                shown,
                |e: Option<&Encryption>| match e {
                    Some(Encryption::CustomerManaged { .. }) => true,
                    Some(Encryption::ProviderManaged) => !cmk,
                    _ => false,
                },
                expect,
                |e: Option<&Encryption>| e.map_or("not encrypted".into(), describe_enc)
            );
        }
    }
    macro_rules! need {
        ($field:ident, $fact:ident, $rule:literal, $expect:literal, $on:literal, $off:literal) => {
            if let (Some(l), Some(fact)) = (&req.$field, &ds.$fact) {
                if l.value == Need::Required {
                    judge!(
                        $rule,
                        stringify!($field),
                        l,
                        fact.clone(),
                        "required",
                        yes,
                        $expect,
                        shown_bool($on, $off)
                    );
                }
            }
        };
    }
    need!(
        encryption_in_transit,
        encryption_in_transit,
        "PAL-BP-ENCRYPTION-IN-TRANSIT",
        "encryption in transit",
        "enforced",
        "not enforced"
    );
    need!(
        key_rotation,
        key_rotation,
        "PAL-BP-KEY-ROTATION",
        "key rotation",
        "rotated",
        "not rotated"
    );
    need!(
        access_logging,
        access_logging,
        "PAL-BP-ACCESS-LOGGING",
        "access logging",
        "logged",
        "not logged"
    );
    need!(
        versioning,
        versioning,
        "PAL-BP-VERSIONING",
        "versioning",
        "versioned",
        "not versioned"
    );
    need!(
        object_lock,
        object_lock,
        "PAL-BP-OBJECT-LOCK",
        "object lock",
        "object-locked",
        "not object-locked"
    );
    need!(
        deletion_protection,
        deletion_protection,
        "PAL-BP-DELETION-PROTECTION",
        "deletion protection",
        "protected from deletion",
        "not protected from deletion"
    );
    if let (Some(l), Some(fact)) = (&req.public_access, &ds.public_access)
        && l.value == PublicAccess::Forbidden
    {
        judge!(
            "PAL-BP-PUBLIC-ACCESS",
            "public_access",
            l,
            fact.clone(),
            "forbidden",
            |b: Option<&bool>| !yes(b),
            "no public access",
            |b: Option<&bool>| if yes(b) {
                "publicly accessible (or not blocked)".to_string()
            } else {
                "not public".to_string()
            }
        );
    }
    if let (Some(l), Some(fact)) = (&req.backup_retention_days, &ds.backup_retention_days) {
        let min = l.value;
        judge!(
            "PAL-BP-BACKUP-RETENTION",
            "backup_retention_days",
            l,
            fact.clone(),
            min,
            |d: Option<&i64>| d.copied().unwrap_or(0) >= min,
            format!("backups kept at least {min} day(s)"),
            |d: Option<&i64>| match d.copied().unwrap_or(0) {
                datastore::RETAINED_FOREVER => "kept until deleted".to_string(),
                n => format!("{n} day(s)"),
            }
        );
    }
    if let (Some(l), Some(fact)) = (&req.log_retention_days, &ds.log_retention_days) {
        let min = l.value;
        judge!(
            "PAL-BP-LOG-RETENTION",
            "log_retention_days",
            l,
            fact.clone(),
            min,
            |d: Option<&i64>| matches!(d.copied().unwrap_or(0), 0)
                || d.copied().unwrap_or(0) >= min,
            format!("logs kept at least {min} day(s)"),
            |d: Option<&i64>| match d.copied().unwrap_or(0) {
                0 => "kept forever".to_string(),
                n => format!("kept {n} day(s)"),
            }
        );
    }
    if let (Some(l), Some(fact)) = (&req.allowed_regions, &ds.region) {
        let allowed = l.value.clone();
        let list = allowed.join(", ");
        judge!(
            "PAL-BP-REGION",
            "allowed_regions",
            l,
            fact.clone(),
            format!("[{list}]"),
            |g: Option<&String>| g.is_some_and(|g| allowed.iter().any(|a| glob_match(a, g))),
            format!("a region in [{list}]"),
            |g: Option<&String>| format!("in {}", g.map_or("no region", String::as_str))
        );
    }
}

// ---------------------------------------------------------------------------
// Ownership

/// Resource types that take tags even when none are written.
const TAGGABLE: &[&str] = &[
    "aws_instance",
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_lambda_function",
    "aws_iam_role",
    "aws_kms_key",
    "aws_eks_cluster",
    "aws_lb",
    "aws_cloudtrail",
    "aws_ecs_cluster",
    "aws_ecs_service",
    "aws_cloudfront_distribution",
    "aws_api_gateway_rest_api",
    "aws_launch_template",
    "AWS::EC2::Instance",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::SecurityGroup",
    "AWS::Lambda::Function",
    "AWS::IAM::Role",
    "AWS::KMS::Key",
    "AWS::EKS::Cluster",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::CloudTrail::Trail",
    "AWS::ECS::Cluster",
    "AWS::ECS::Service",
];

/// Kubernetes kinds that must carry the ownership labels.
const LABELLED: &[&str] = &[
    "Namespace",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "Job",
    "CronJob",
    "Pod",
    "Service",
    "Ingress",
    "PersistentVolumeClaim",
    "Secret",
];

fn taggable(cx: &Ctx<'_>, id: ResourceId, r: &Resource) -> bool {
    if r.mode != palisade_model::Mode::Managed {
        return false;
    }
    if cx.views.datastores.get(id).is_some() {
        return true;
    }
    match r.kind {
        SourceKind::Kubernetes => LABELLED.contains(&r.rtype.as_str()),
        SourceKind::Dockerfile | SourceKind::File => false,
        SourceKind::CloudFormation => {
            r.rtype.starts_with("AWS::")
                && (TAGGABLE.contains(&r.rtype.as_str()) || !r.attr("Tags").is_absent())
        }
        _ => {
            r.rtype.starts_with("aws_")
                && (TAGGABLE.contains(&r.rtype.as_str()) || !r.attr("tags").is_absent())
        }
    }
}

fn ownership(cx: &mut Ctx<'_>, tier_of: &BTreeMap<ResourceId, String>) {
    let o = cx.bp.ownership.clone();
    if o.required_tags.is_empty() && o.allowed_values.is_empty() {
        return;
    }
    let model = cx.model;
    for id in model.ids() {
        let r = model.get(id);
        if !taggable(cx, id, r) {
            continue;
        }
        let tier = tier_of.get(&id).cloned().unwrap_or_else(|| NO_TIER.into());
        let tags = match cx.views.datastores.get(id) {
            Some(d) => d.tags.clone(),
            None => datastore::tags(model, r),
        };
        let word = if r.kind == SourceKind::Kubernetes {
            "label"
        } else {
            "tag"
        };
        let get = |k: &str| match &tags {
            Tri::Known(m, s) => m.get(k).cloned().unwrap_or(Tri::Absent(s.clone())),
            Tri::Unknown(w, s) => Tri::Unknown(w.clone(), s.clone()),
            Tri::Absent(_) => Tri::Absent(r.span.clone()),
        };
        for req in &o.required_tags {
            let key = &req.value;
            let rel = vec![Related {
                span: req.span.clone(),
                message: format!("`ownership.required_tags` requires `{key}`"),
            }];
            let requirement = format!("ownership.required_tags.{key}");
            match get(key) {
                Tri::Known(v, s) => cx.emit(
                    "PAL-BP-OWNERSHIP-TAG",
                    Status::Pass,
                    r,
                    Some(id),
                    s,
                    &requirement,
                    &tier,
                    format!("{}: has {word} {key}={v}", r.address),
                    None,
                    rel,
                ),
                Tri::Absent(s) => cx.emit(
                    "PAL-BP-OWNERSHIP-TAG",
                    Status::Fail,
                    r,
                    Some(id),
                    s,
                    &requirement,
                    &tier,
                    format!(
                        "{}: the blueprint requires every taggable resource to carry the {word} `{key}`, and it has none",
                        r.address
                    ),
                    None,
                    rel,
                ),
                Tri::Unknown(w, s) => cx.emit(
                    "PAL-BP-OWNERSHIP-TAG",
                    Status::Unknown,
                    r,
                    Some(id),
                    s,
                    &requirement,
                    &tier,
                    format!("{}: cannot tell whether it carries the {word} `{key}`: {w}", r.address),
                    Some(w),
                    rel,
                ),
            }
        }
        for av in &o.allowed_values {
            let rel = vec![Related {
                span: av.span.clone(),
                message: format!("`ownership.allowed_values.{}` = `{}`", av.tag, av.pattern),
            }];
            let requirement = format!("ownership.allowed_values.{}", av.tag);
            match get(&av.tag) {
                Tri::Known(v, s) => {
                    let ok = av.regex.is_match(&v);
                    cx.emit(
                        "PAL-BP-OWNERSHIP-VALUE",
                        if ok { Status::Pass } else { Status::Fail },
                        r,
                        Some(id),
                        s,
                        &requirement,
                        &tier,
                        if ok {
                            format!(
                                "{}: {word} {}={v} matches `{}`",
                                r.address, av.tag, av.pattern
                            )
                        } else {
                            format!(
                                "{}: {word} {}={v} does not match the allowed pattern `{}`",
                                r.address, av.tag, av.pattern
                            )
                        },
                        None,
                        rel,
                    )
                }
                Tri::Unknown(w, s) => cx.emit(
                    "PAL-BP-OWNERSHIP-VALUE",
                    Status::Unknown,
                    r,
                    Some(id),
                    s,
                    &requirement,
                    &tier,
                    format!(
                        "{}: cannot tell the value of {word} `{}`: {w}",
                        r.address, av.tag
                    ),
                    Some(w),
                    rel,
                ),
                // A missing tag is the required_tags check's business.
                Tri::Absent(_) => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Logging minimums

fn has_aws(model: &Model) -> bool {
    model.resources.iter().any(|r| {
        r.mode == palisade_model::Mode::Managed
            && (r.rtype.starts_with("aws_") || r.rtype.starts_with("AWS::"))
    })
}

fn logging(cx: &mut Ctx<'_>) {
    let lg = cx.bp.logging.clone();
    let model = cx.model;
    let views = cx.views;
    if let Some(ct) = &lg.cloudtrail {
        let trails = &views.aws.cloudtrails;
        if let Some(all) = ct.all_regions.as_ref().filter(|a| a.value) {
            let rel = vec![Related {
                span: all.span.clone(),
                message: "`logging.cloudtrail.all_regions: true`".into(),
            }];
            if trails.is_empty() {
                if has_aws(model) {
                    estate_finding(
                        cx,
                        "PAL-BP-CLOUDTRAIL-ALL-REGIONS",
                        all.span.clone(),
                        "logging.cloudtrail.all_regions",
                        "the blueprint requires a CloudTrail trail in all regions, and the scanned estate defines no trail".into(),
                    );
                }
            } else if let Some(t) = trails
                .iter()
                .find(|t| t.multi_region.known() == Some(&true))
            {
                let r = model.get(t.id);
                cx.emit(
                    "PAL-BP-CLOUDTRAIL-ALL-REGIONS",
                    Status::Pass,
                    r,
                    Some(t.id),
                    t.multi_region.span().clone(),
                    "logging.cloudtrail.all_regions",
                    NO_TIER,
                    format!("{} is a multi-region trail", r.address),
                    None,
                    rel,
                );
            } else {
                for t in trails {
                    let r = model.get(t.id);
                    let (st, why) = match &t.multi_region {
                        Tri::Unknown(w, _) => (Status::Unknown, Some(w.clone())),
                        _ => (Status::Fail, None),
                    };
                    cx.emit(
                        "PAL-BP-CLOUDTRAIL-ALL-REGIONS",
                        st,
                        r,
                        Some(t.id),
                        t.multi_region.span().clone(),
                        "logging.cloudtrail.all_regions",
                        NO_TIER,
                        format!(
                            "{}: the blueprint requires CloudTrail in all regions, and no trail of the estate is multi-region (`is_multi_region_trail`)",
                            r.address
                        ),
                        why,
                        rel.clone(),
                    );
                }
            }
        }
        if let Some(v) = ct.log_file_validation.as_ref().filter(|a| a.value) {
            for t in trails {
                let r = model.get(t.id);
                let rel = vec![Related {
                    span: v.span.clone(),
                    message: "`logging.cloudtrail.log_file_validation: true`".into(),
                }];
                let (st, why) = match &t.log_file_validation {
                    Tri::Known(true, _) => (Status::Pass, None),
                    Tri::Unknown(w, _) => (Status::Unknown, Some(w.clone())),
                    _ => (Status::Fail, None),
                };
                cx.emit(
                    "PAL-BP-CLOUDTRAIL-VALIDATION",
                    st,
                    r,
                    Some(t.id),
                    t.log_file_validation.span().clone(),
                    "logging.cloudtrail.log_file_validation",
                    NO_TIER,
                    format!(
                        "{}: the blueprint requires CloudTrail log file validation{}",
                        r.address,
                        if st == Status::Pass { "; it is on" } else { "" }
                    ),
                    why,
                    rel,
                );
            }
        }
        if let Some(days) = &ct.retention_days {
            for t in trails {
                trail_retention(cx, t.id, days);
            }
        }
    }
    if let Some(l) = lg
        .vpc_flow_logs
        .as_ref()
        .filter(|l| l.value == Need::Required)
    {
        for v in &views.aws.ec2.vpcs {
            let r = model.get(v.id);
            let rel = vec![Related {
                span: l.span.clone(),
                message: "`logging.vpc_flow_logs: required`".into(),
            }];
            let (st, why) = match &v.flow_logs {
                Tri::Known(true, _) => (Status::Pass, None),
                Tri::Unknown(w, _) => (Status::Unknown, Some(w.clone())),
                _ => (Status::Fail, None),
            };
            cx.emit(
                "PAL-BP-VPC-FLOW-LOGS",
                st,
                r,
                Some(v.id),
                v.flow_logs.span().clone(),
                "logging.vpc_flow_logs",
                NO_TIER,
                format!(
                    "{}: the blueprint requires flow logs on every VPC{}",
                    r.address,
                    if st == Status::Pass {
                        "; it has one"
                    } else {
                        ""
                    }
                ),
                why,
                rel,
            );
        }
    }
    if let Some(l) = lg
        .audit_bucket_object_lock
        .as_ref()
        .filter(|l| l.value == Need::Required)
    {
        for t in &views.aws.cloudtrails {
            let tr = model.get(t.id);
            let rel = vec![Related {
                span: l.span.clone(),
                message: "`logging.audit_bucket_object_lock: required`".into(),
            }];
            match trail_bucket(cx, t.id) {
                Tri::Known(bid, _) => {
                    let Some(b) = views.aws.s3_buckets.iter().find(|b| b.id == bid) else {
                        continue;
                    };
                    let r = model.get(bid);
                    let (st, why) = match &b.object_lock {
                        Tri::Known(true, _) => (Status::Pass, None),
                        Tri::Unknown(w, _) => (Status::Unknown, Some(w.clone())),
                        _ => (Status::Fail, None),
                    };
                    cx.emit(
                        "PAL-BP-AUDIT-OBJECT-LOCK",
                        st,
                        r,
                        Some(bid),
                        b.object_lock.span().clone(),
                        "logging.audit_bucket_object_lock",
                        NO_TIER,
                        format!(
                            "{}: the audit log bucket of {} must be immutable (object lock){}",
                            r.address,
                            tr.address,
                            if st == Status::Pass { "; it is" } else { "" }
                        ),
                        why,
                        rel,
                    );
                }
                Tri::Unknown(w, _) => {
                    cx.emit(
                        "PAL-BP-AUDIT-OBJECT-LOCK",
                        Status::Unknown,
                        tr,
                        Some(t.id),
                        tr.span_of(if util::is_cfn(tr) {
                            "S3BucketName"
                        } else {
                            "s3_bucket_name"
                        }),
                        "logging.audit_bucket_object_lock",
                        NO_TIER,
                        format!(
                            "{}: cannot tell whether the trail's bucket is object-locked: {w}",
                            tr.address
                        ),
                        Some(w),
                        rel,
                    );
                }
                Tri::Absent(_) => {}
            }
        }
    }
}

/// The bucket a trail writes to: known (its id), or unknown with the reason.
fn trail_bucket(cx: &Ctx<'_>, trail: ResourceId) -> Tri<ResourceId> {
    let model = cx.model;
    let r = model.get(trail);
    let path = if util::is_cfn(r) {
        "S3BucketName"
    } else {
        "s3_bucket_name"
    };
    if let Some((bid, _)) =
        util::targets(model, trail, path, &["aws_s3_bucket", "AWS::S3::Bucket"]).first()
    {
        return Tri::Known(*bid, r.span.clone());
    }
    match r.attr(path) {
        Lookup::Known(n) => {
            if let Some(name) = n.as_str()
                && let Some(b) = cx
                    .views
                    .aws
                    .s3_buckets
                    .iter()
                    .find(|b| b.name.known().map(String::as_str) == Some(name))
            {
                return Tri::Known(b.id, r.span.clone());
            }
            Tri::Unknown(
                "the trail's bucket is not defined in the scanned files".into(),
                r.span.clone(),
            )
        }
        Lookup::Unknown(_, u) => Tri::Unknown(
            format!("the trail's bucket is unresolved: {}", u.reason),
            r.span.clone(),
        ),
        Lookup::Absent => Tri::Absent(r.span.clone()),
    }
}

/// The shortest expiration configured on a trail's logs (bucket lifecycle
/// rules, CloudWatch log group retention) against the floor.
fn trail_retention(cx: &mut Ctx<'_>, trail: ResourceId, days: &Located<i64>) {
    let model = cx.model;
    let tr = model.get(trail);
    let rel = vec![Related {
        span: days.span.clone(),
        message: format!("`logging.cloudtrail.retention_days: {}`", days.value),
    }];
    let mut shortest: Option<(i64, Span)> = None;
    let mut unknown: Option<(String, Span)> = None;
    let mut consider = |d: Tri<i64>| match d {
        Tri::Known(n, s) if n > 0 && shortest.as_ref().is_none_or(|(m, _)| n < *m) => {
            shortest = Some((n, s));
        }
        Tri::Unknown(w, s) if unknown.is_none() => {
            unknown = Some((w, s));
        }
        _ => {}
    };
    match trail_bucket(cx, trail) {
        Tri::Known(bid, _) => {
            let b = model.get(bid);
            if util::is_cfn(b) {
                if let Some(rules) = b.attr("LifecycleConfiguration.Rules").known() {
                    for rule in rules.items() {
                        let s = rule.span.clone().unwrap_or(b.span.clone());
                        consider(Tri::int(
                            rule.get("ExpirationInDays"),
                            &s,
                            "ExpirationInDays",
                        ));
                    }
                }
            } else {
                if let Some(rules) = b.attr("lifecycle_rule").known() {
                    for rule in rules.items() {
                        let s = rule.span.clone().unwrap_or(b.span.clone());
                        consider(Tri::int(
                            rule.path("expiration.days"),
                            &s,
                            "expiration.days",
                        ));
                    }
                }
                for (_, lc) in util::referrers(
                    model,
                    bid,
                    &["aws_s3_bucket_lifecycle_configuration"],
                    "bucket",
                ) {
                    if let Some(rules) = lc.attr("rule").known() {
                        for rule in rules.items() {
                            let s = rule.span.clone().unwrap_or(lc.span.clone());
                            consider(Tri::int(
                                rule.path("expiration.days"),
                                &s,
                                "expiration.days",
                            ));
                        }
                    }
                }
            }
        }
        Tri::Unknown(w, s) => consider(Tri::Unknown(w, s)),
        Tri::Absent(_) => {}
    }
    let lg_path = if util::is_cfn(tr) {
        "CloudWatchLogsLogGroupArn"
    } else {
        "cloud_watch_logs_group_arn"
    };
    for (gid, _) in util::targets(
        model,
        trail,
        lg_path,
        &["aws_cloudwatch_log_group", "AWS::Logs::LogGroup"],
    ) {
        if let Some(g) = cx.views.aws.data.log_groups.iter().find(|g| g.id == gid) {
            consider(g.retention_days.clone());
        }
    }
    let min = days.value;
    match (shortest, unknown) {
        (Some((n, s)), _) if n < min => cx.emit(
            "PAL-BP-CLOUDTRAIL-RETENTION",
            Status::Fail,
            tr,
            Some(trail),
            s,
            "logging.cloudtrail.retention_days",
            NO_TIER,
            format!(
                "{}: the blueprint requires CloudTrail logs be kept at least {min} days, but they expire after {n}",
                tr.address
            ),
            None,
            rel,
        ),
        (_, Some((w, s))) => cx.emit(
            "PAL-BP-CLOUDTRAIL-RETENTION",
            Status::Unknown,
            tr,
            Some(trail),
            s,
            "logging.cloudtrail.retention_days",
            NO_TIER,
            format!(
                "{}: cannot tell how long CloudTrail logs are kept: {w}",
                tr.address
            ),
            Some(w),
            rel,
        ),
        (s, None) => cx.emit(
            "PAL-BP-CLOUDTRAIL-RETENTION",
            Status::Pass,
            tr,
            Some(trail),
            s.map(|(_, s)| s).unwrap_or(tr.span.clone()),
            "logging.cloudtrail.retention_days",
            NO_TIER,
            format!("{}: CloudTrail logs are kept at least {min} days", tr.address),
            None,
            rel,
        ),
    }
}

/// A result on no resource (the estate lacks something): located at the
/// blueprint line, on a pseudo-resource named after the requirement.
fn estate_finding(cx: &mut Ctx<'_>, rule_id: &str, span: Span, requirement: &str, message: String) {
    let kind = cx
        .model
        .resources
        .iter()
        .find(|r| r.rtype.starts_with("aws_") || r.rtype.starts_with("AWS::"))
        .map_or(SourceKind::Terraform, |r| r.kind);
    let mut pseudo = Resource::new(
        kind,
        "palisade_blueprint",
        requirement,
        span.clone(),
        palisade_model::Node::map(Default::default(), None),
    );
    pseudo.address = format!("blueprint.{requirement}");
    let related = vec![Related {
        span: span.clone(),
        message: format!("`{requirement}` is set here"),
    }];
    cx.emit(
        rule_id,
        Status::Fail,
        &pseudo,
        None,
        span,
        requirement,
        NO_TIER,
        message,
        None,
        related,
    );
}

// ---------------------------------------------------------------------------
// Keys

const ADMIN_ACTIONS: &[&str] = &[
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:CreateGrant",
];

fn keys(cx: &mut Ctx<'_>) {
    let k = cx.bp.keys.clone();
    let model = cx.model;
    let views = cx.views;
    if let Some(rot) = k.rotation.as_ref().filter(|r| r.value == Need::Required) {
        for key in &views.aws.kms_keys {
            if key.symmetric().known() == Some(&false) {
                continue;
            }
            let r = model.get(key.id);
            let rel = vec![Related {
                span: rot.span.clone(),
                message: "`keys.rotation: required`".into(),
            }];
            let (st, why) = match &key.rotation {
                Tri::Known(true, _) => (Status::Pass, None),
                Tri::Unknown(w, _) => (Status::Unknown, Some(w.clone())),
                _ => (Status::Fail, None),
            };
            cx.emit(
                "PAL-BP-KMS-ROTATION",
                st,
                r,
                Some(key.id),
                key.rotation.span().clone(),
                "keys.rotation",
                NO_TIER,
                format!(
                    "{}: the blueprint requires every KMS key to rotate{}",
                    r.address,
                    if st == Status::Pass { "; it does" } else { "" }
                ),
                why,
                rel,
            );
        }
    }
    if let Some(admins) = &k.administrators {
        let key_ids: Vec<ResourceId> = views.aws.kms_keys.iter().map(|k| k.id).collect();
        for p in &views.aws.iam.policies {
            if p.kind != PolicyKind::Resource {
                continue;
            }
            let is_key_policy = key_ids.contains(&p.resource)
                || p.owner.is_some_and(|o| key_ids.contains(&o))
                || p.rtype == "aws_kms_key_policy";
            if !is_key_policy {
                continue;
            }
            let r = model.get(p.resource);
            let rel = vec![Related {
                span: admins.span.clone(),
                message: "`keys.administrators` lists who may administer keys".into(),
            }];
            let requirement = "keys.administrators";
            let doc = match &p.doc {
                Tri::Known(d, _) => d,
                Tri::Unknown(w, s) => {
                    cx.emit(
                        "PAL-BP-KEY-ADMIN",
                        Status::Unknown,
                        r,
                        Some(p.resource),
                        s.clone(),
                        requirement,
                        NO_TIER,
                        format!("{}: cannot read the key policy: {w}", r.address),
                        Some(w.clone()),
                        rel,
                    );
                    continue;
                }
                Tri::Absent(_) => continue,
            };
            let mut bad: Vec<(String, Span)> = Vec::new();
            let mut unknown: Option<(String, Span)> = doc.unknown.clone();
            for st in &doc.statements {
                if !st.is_allow() {
                    continue;
                }
                let admin = ADMIN_ACTIONS
                    .iter()
                    .any(|a| st.action_matching(a).is_some());
                if !admin {
                    if let Some(u) = &st.actions.unknown {
                        unknown.get_or_insert(u.clone());
                    }
                    continue;
                }
                if let Some(u) = &st.principals.unknown {
                    unknown.get_or_insert(u.clone());
                }
                for (kind, who, s) in &st.principals.values {
                    if kind != "AWS" && kind != "*" {
                        continue;
                    }
                    let ok = admins.value.iter().any(|a| wildcard_match(&a.value, who));
                    if !ok {
                        bad.push((who.clone(), s.clone()));
                    }
                }
            }
            if let Some((who, s)) = bad.first() {
                let all: Vec<&str> = bad.iter().map(|(w, _)| w.as_str()).collect();
                cx.emit(
                    "PAL-BP-KEY-ADMIN",
                    Status::Fail,
                    r,
                    Some(p.resource),
                    s.clone(),
                    requirement,
                    NO_TIER,
                    format!(
                        "{}: the key policy grants key administration to {} which the blueprint's `keys.administrators` does not list (first: {who})",
                        r.address,
                        all.join(", ")
                    ),
                    None,
                    rel,
                );
            } else if let Some((w, s)) = unknown {
                cx.emit(
                    "PAL-BP-KEY-ADMIN",
                    Status::Unknown,
                    r,
                    Some(p.resource),
                    s,
                    requirement,
                    NO_TIER,
                    format!("{}: cannot tell who administers the key: {w}", r.address),
                    Some(w),
                    rel,
                );
            } else {
                cx.emit(
                    "PAL-BP-KEY-ADMIN",
                    Status::Pass,
                    r,
                    Some(p.resource),
                    p.span.clone(),
                    requirement,
                    NO_TIER,
                    format!(
                        "{}: only listed administrators administer the key",
                        r.address
                    ),
                    None,
                    rel,
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Explain

/// One requirement's result for one resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainedResult {
    pub requirement: String,
    pub rule_id: String,
    pub status: Status,
    pub message: String,
    /// Where the evidence is (the attribute, or the resource).
    pub evidence: Span,
    /// The blueprint line that set the requirement.
    pub set_at: Option<Span>,
}

/// A resource against the blueprint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    pub address: String,
    #[serde(rename = "type")]
    pub rtype: String,
    pub location: Span,
    /// The data store service, when it is one.
    pub service: Option<String>,
    pub classification: Option<Classification>,
    pub results: Vec<ExplainedResult>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({}) at {}:{}",
            self.address, self.rtype, self.location.path, self.location.start_line
        )?;
        match (&self.service, &self.classification) {
            (Some(s), Some(c)) => {
                let tier = match &c.tier {
                    TierOf::Tier { name } => format!("tier `{name}`"),
                    TierOf::Unknown { reason } => format!("tier unknown ({reason})"),
                    TierOf::Unclassified => "unclassified".to_string(),
                };
                writeln!(f, "  data store: {s}")?;
                writeln!(f, "  {tier} — from {}", c.reason)?;
                for w in &c.warnings {
                    writeln!(f, "  warning: {}", w.message)?;
                }
            }
            _ => writeln!(
                f,
                "  not a data store: only ownership and estate-wide requirements apply"
            )?,
        }
        if self.results.is_empty() {
            writeln!(f, "  no requirement of the blueprint applies")?;
        }
        for r in &self.results {
            writeln!(
                f,
                "  [{:<7}] {:<36} {}",
                r.status.as_str(),
                r.requirement,
                r.rule_id
            )?;
            writeln!(f, "            {}", r.message)?;
            write!(
                f,
                "            evidence: {}:{}",
                r.evidence.path, r.evidence.start_line
            )?;
            match &r.set_at {
                Some(s) => writeln!(f, "; required by {}:{}", s.path, s.start_line)?,
                None => writeln!(f)?,
            }
        }
        Ok(())
    }
}

/// Explains one resource (by address, with or without instance key):
/// its tier, why, and every requirement's status with evidence. `None` when
/// no resource has that address.
pub fn explain(bp: &Blueprint, model: &Model, views: &Views, address: &str) -> Option<Explanation> {
    let id = crate::find_resource(model, address)?;
    let r = model.get(id);
    let ds = views.datastores.get(id);
    let outcome = check(bp, model, views);
    let results = outcome
        .findings
        .iter()
        .filter(|f| f.resource.address == r.address && f.resource.rtype == r.rtype)
        .map(|f| ExplainedResult {
            requirement: requirement_of(f),
            rule_id: f.rule_id.clone(),
            status: f.status,
            message: f.message.clone(),
            evidence: f.location.clone(),
            set_at: f.related.first().map(|x| x.span.clone()),
        })
        .collect();
    Some(Explanation {
        address: r.address.clone(),
        rtype: r.rtype.clone(),
        location: r.span.clone(),
        service: ds.map(|d| d.service.as_str().to_string()),
        classification: ds.map(|_| classify(bp, model, views, id)),
        results,
    })
}

fn requirement_of(f: &Finding) -> String {
    let key = rule_info(&f.rule_id).map_or("", |d| d.key);
    key.strip_prefix("tiers.*.").unwrap_or(key).to_string()
}
