//! The blueprint file: its types and its located parser.

use std::collections::BTreeSet;
use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{Diagnostic, Node, Span, Value};
use serde::Serialize;

/// A value with the blueprint line that set it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// A yes/no requirement (`required`, or `optional` to lift an inherited one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    Required,
    Optional,
}

/// `encryption_at_rest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AtRest {
    Required,
    CustomerManagedKey,
    Optional,
}

/// `public_access`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublicAccess {
    Forbidden,
    Allowed,
}

/// The requirements of a tier (own or resolved through `inherits`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Requirements {
    pub encryption_at_rest: Option<Located<AtRest>>,
    pub encryption_in_transit: Option<Located<Need>>,
    pub key_rotation: Option<Located<Need>>,
    pub public_access: Option<Located<PublicAccess>>,
    pub access_logging: Option<Located<Need>>,
    pub versioning: Option<Located<Need>>,
    pub object_lock: Option<Located<Need>>,
    pub backup_retention_days: Option<Located<i64>>,
    pub deletion_protection: Option<Located<Need>>,
    pub log_retention_days: Option<Located<i64>>,
    pub allowed_regions: Option<Located<Vec<String>>>,
}

impl Requirements {
    /// `self` over `parent`: a requirement the tier sets wins.
    fn over(&self, parent: &Requirements) -> Requirements {
        fn pick<T: Clone>(a: &Option<T>, b: &Option<T>) -> Option<T> {
            a.clone().or_else(|| b.clone())
        }
        Requirements {
            encryption_at_rest: pick(&self.encryption_at_rest, &parent.encryption_at_rest),
            encryption_in_transit: pick(&self.encryption_in_transit, &parent.encryption_in_transit),
            key_rotation: pick(&self.key_rotation, &parent.key_rotation),
            public_access: pick(&self.public_access, &parent.public_access),
            access_logging: pick(&self.access_logging, &parent.access_logging),
            versioning: pick(&self.versioning, &parent.versioning),
            object_lock: pick(&self.object_lock, &parent.object_lock),
            backup_retention_days: pick(&self.backup_retention_days, &parent.backup_retention_days),
            deletion_protection: pick(&self.deletion_protection, &parent.deletion_protection),
            log_retention_days: pick(&self.log_retention_days, &parent.log_retention_days),
            allowed_regions: pick(&self.allowed_regions, &parent.allowed_regions),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tier {
    pub name: String,
    /// Where the tier is declared.
    pub span: Span,
    pub description: Option<String>,
    pub inherits: Option<Located<String>>,
    /// What the tier itself sets.
    pub own: Requirements,
    /// Its requirements with inheritance applied.
    pub resolved: Requirements,
}

/// What a classification rule matches; every given field must match.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Match {
    /// Resource type glob (`aws_dynamodb_table`, `AWS::RDS::*`, `Secret`).
    #[serde(rename = "type")]
    pub rtype: Option<String>,
    /// Address glob (`module.payments.*`, a CloudFormation logical id,
    /// `Secret/payments/*`).
    pub address: Option<String>,
    /// Module path glob, names joined with `.` (`payments`, `payments.*`).
    pub module: Option<String>,
    /// Name glob (the name part of the address).
    pub name: Option<String>,
    /// Kubernetes namespace glob.
    pub namespace: Option<String>,
    /// Source file glob (relative path).
    pub file: Option<String>,
    /// Data store service (`s3`, `rds`, `dynamodb`, `k8s-secret`...).
    pub service: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassRule {
    /// 1-based position in `classification.rules`.
    pub number: usize,
    pub span: Span,
    pub matcher: Match,
    pub tier: Located<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefaultTier {
    Tier(String),
    /// Every unclassified data store is a finding.
    Finding,
}

#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct ClassificationSpec {
    pub tag: Option<Located<String>>,
    pub rules: Vec<ClassRule>,
    pub default: Option<Located<DefaultTier>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AllowedValue {
    pub tag: String,
    pub pattern: String,
    #[serde(skip)]
    pub regex: regex_lite::Regex,
    pub span: Span,
}

impl PartialEq for AllowedValue {
    fn eq(&self, o: &Self) -> bool {
        self.tag == o.tag && self.pattern == o.pattern && self.span == o.span
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Ownership {
    pub required_tags: Vec<Located<String>>,
    pub allowed_values: Vec<AllowedValue>,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CloudTrailSpec {
    pub span: Span,
    pub all_regions: Option<Located<bool>>,
    pub log_file_validation: Option<Located<bool>>,
    pub retention_days: Option<Located<i64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Logging {
    pub cloudtrail: Option<CloudTrailSpec>,
    pub vpc_flow_logs: Option<Located<Need>>,
    /// The bucket CloudTrail writes to must have object lock.
    pub audit_bucket_object_lock: Option<Located<Need>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Keys {
    /// Every (symmetric) KMS key rotates.
    pub rotation: Option<Located<Need>>,
    /// Principal ARN globs allowed to administer keys.
    pub administrators: Option<Located<Vec<Located<String>>>>,
}

/// A loaded, validated blueprint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blueprint {
    pub path: Arc<str>,
    pub version: i64,
    /// In declaration order.
    pub tiers: IndexMap<String, Tier>,
    /// Whether `tiers` was omitted and the built-in tiers are used.
    pub builtin_tiers: bool,
    pub classification: ClassificationSpec,
    pub ownership: Ownership,
    pub logging: Logging,
    pub keys: Keys,
}

impl Blueprint {
    pub fn tier(&self, name: &str) -> Option<&Tier> {
        self.tiers.get(name)
    }
    /// The span of line 1 (for estate-level results).
    pub fn file_span(&self) -> Span {
        Span::line(self.path.clone(), 1)
    }
}

// ---------------------------------------------------------------------------
// Parsing

const TOP: &[&str] = &[
    "version",
    "tiers",
    "classification",
    "ownership",
    "logging",
    "keys",
];
const TIER: &[&str] = &[
    "inherits",
    "description",
    "encryption_at_rest",
    "encryption_in_transit",
    "key_rotation",
    "public_access",
    "access_logging",
    "versioning",
    "object_lock",
    "backup_retention_days",
    "deletion_protection",
    "log_retention_days",
    "allowed_regions",
];
const CLASSIFICATION: &[&str] = &["tag", "rules", "default", "unclassified"];
const RULE: &[&str] = &["match", "tier"];
const MATCH: &[&str] = &[
    "type",
    "address",
    "module",
    "name",
    "namespace",
    "file",
    "service",
];
const OWNERSHIP: &[&str] = &["required_tags", "allowed_values"];
const LOGGING: &[&str] = &["cloudtrail", "vpc_flow_logs", "audit_bucket_object_lock"];
const CLOUDTRAIL: &[&str] = &["all_regions", "log_file_validation", "retention_days"];
const KEYS: &[&str] = &["rotation", "administrators"];

/// Names that cannot be tiers.
const RESERVED: &[&str] = &["finding"];

/// The built-in tiers used when `tiers` is omitted.
pub const BUILTIN_TIERS: &str = "public: {}
internal:
  encryption_at_rest: required
confidential:
  inherits: internal
  encryption_at_rest: customer-managed-key
  encryption_in_transit: required
  public_access: forbidden
  access_logging: required
  versioning: required
  backup_retention_days: 7
  log_retention_days: 365
regulated:
  inherits: confidential
  object_lock: required
  deletion_protection: required
";

struct P<'a> {
    path: &'a Arc<str>,
    diags: Vec<Diagnostic>,
}

fn span_of(n: &Node, path: &Arc<str>) -> Span {
    n.span
        .clone()
        .unwrap_or_else(|| Span::line(path.clone(), 1))
}

/// Levenshtein distance, for "did you mean".
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            let v = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The closest candidate, if close enough to be a typo.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= max)
        .min()
        .map(|(_, c)| c)
}

fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match suggest(word, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}

impl<'a> P<'a> {
    fn err(&mut self, code: &str, msg: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::error(code, msg, span));
    }
    fn warn(&mut self, code: &str, msg: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::warning(code, msg, span));
    }
    fn span(&self, n: &Node) -> Span {
        span_of(n, self.path)
    }

    /// The entries of a map, reporting unknown keys (with a suggestion).
    fn map<'n>(&mut self, n: &'n Node, what: &str, allowed: &[&str]) -> Vec<(&'n str, &'n Node)> {
        match &n.value {
            Value::Map(m) => {
                let mut out = Vec::new();
                for (k, v) in m {
                    if allowed.contains(&k.as_str()) {
                        out.push((k.as_str(), v));
                    } else {
                        let hint = did_you_mean(k, allowed.iter().copied());
                        let sp = self.span(v);
                        self.err(
                            "blueprint-unknown-key",
                            format!(
                                "unknown key `{k}` in {what}{hint} (expected one of: {})",
                                allowed.join(", ")
                            ),
                            sp,
                        );
                    }
                }
                out
            }
            Value::Null => Vec::new(),
            _ => {
                let sp = self.span(n);
                self.err("blueprint-type", format!("{what} must be a map"), sp);
                Vec::new()
            }
        }
    }

    fn string(&mut self, n: &Node, what: &str) -> Option<Located<String>> {
        match &n.value {
            Value::String(s) => Some(Located {
                value: s.clone(),
                span: self.span(n),
            }),
            _ => {
                let sp = self.span(n);
                self.err("blueprint-type", format!("{what} must be a string"), sp);
                None
            }
        }
    }

    fn int(&mut self, n: &Node, what: &str) -> Option<Located<i64>> {
        match (&n.value, n.as_i64()) {
            (Value::Number(_), Some(v)) if v >= 0 => Some(Located {
                value: v,
                span: self.span(n),
            }),
            _ => {
                let sp = self.span(n);
                self.err(
                    "blueprint-type",
                    format!("{what} must be a whole number of days (0 or more)"),
                    sp,
                );
                None
            }
        }
    }

    fn boolean(&mut self, n: &Node, what: &str) -> Option<Located<bool>> {
        match &n.value {
            Value::Bool(b) => Some(Located {
                value: *b,
                span: self.span(n),
            }),
            _ => {
                let sp = self.span(n);
                self.err(
                    "blueprint-type",
                    format!("{what} must be true or false"),
                    sp,
                );
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        n: &Node,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<Located<T>> {
        let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        let s = match &n.value {
            Value::String(s) => s.clone(),
            Value::Bool(true) if names.contains(&"required") => "required".into(),
            Value::Bool(false) if names.contains(&"optional") => "optional".into(),
            _ => {
                let sp = self.span(n);
                self.err(
                    "blueprint-value",
                    format!("{what} must be one of: {}", names.join(", ")),
                    sp,
                );
                return None;
            }
        };
        match options.iter().find(|(k, _)| *k == s) {
            Some((_, v)) => Some(Located {
                value: *v,
                span: self.span(n),
            }),
            None => {
                let hint = did_you_mean(&s, names.iter().copied());
                let sp = self.span(n);
                self.err(
                    "blueprint-value",
                    format!(
                        "`{s}` is not a valid {what}{hint} (expected one of: {})",
                        names.join(", ")
                    ),
                    sp,
                );
                None
            }
        }
    }

    fn need(&mut self, n: &Node, what: &str) -> Option<Located<Need>> {
        self.choice(
            n,
            what,
            &[("required", Need::Required), ("optional", Need::Optional)],
        )
    }

    fn strings(&mut self, n: &Node, what: &str) -> Option<Vec<Located<String>>> {
        match &n.value {
            Value::List(l) => {
                let mut out = Vec::new();
                for x in l {
                    if let Some(s) = self.string(x, &format!("each entry of {what}")) {
                        out.push(s);
                    }
                }
                Some(out)
            }
            Value::String(_) => self.string(n, what).map(|s| vec![s]),
            _ => {
                let sp = self.span(n);
                self.err(
                    "blueprint-type",
                    format!("{what} must be a list of strings"),
                    sp,
                );
                None
            }
        }
    }

    fn requirements(
        &mut self,
        tier: &str,
        n: &Node,
    ) -> (Requirements, Option<Located<String>>, Option<String>) {
        let mut r = Requirements::default();
        let mut inherits = None;
        let mut description = None;
        for (k, v) in self.map(n, &format!("tier `{tier}`"), TIER) {
            let what = format!("`{k}`");
            match k {
                "inherits" => inherits = self.string(v, "`inherits`"),
                "description" => description = self.string(v, "`description`").map(|s| s.value),
                "encryption_at_rest" => {
                    r.encryption_at_rest = self.choice(
                        v,
                        &what,
                        &[
                            ("required", AtRest::Required),
                            ("customer-managed-key", AtRest::CustomerManagedKey),
                            ("optional", AtRest::Optional),
                        ],
                    )
                }
                "public_access" => {
                    r.public_access = self.choice(
                        v,
                        &what,
                        &[
                            ("forbidden", PublicAccess::Forbidden),
                            ("allowed", PublicAccess::Allowed),
                        ],
                    )
                }
                "encryption_in_transit" => r.encryption_in_transit = self.need(v, &what),
                "key_rotation" => r.key_rotation = self.need(v, &what),
                "access_logging" => r.access_logging = self.need(v, &what),
                "versioning" => r.versioning = self.need(v, &what),
                "object_lock" => r.object_lock = self.need(v, &what),
                "deletion_protection" => r.deletion_protection = self.need(v, &what),
                "backup_retention_days" => r.backup_retention_days = self.int(v, &what),
                "log_retention_days" => r.log_retention_days = self.int(v, &what),
                "allowed_regions" => {
                    r.allowed_regions = self.strings(v, &what).map(|l| Located {
                        value: l.into_iter().map(|s| s.value).collect(),
                        span: self.span(v),
                    })
                }
                _ => {}
            }
        }
        (r, inherits, description)
    }

    fn tiers(&mut self, n: &Node) -> IndexMap<String, Tier> {
        let mut tiers = IndexMap::new();
        let Some(m) = n.as_map() else {
            let sp = self.span(n);
            self.err("blueprint-type", "`tiers` must be a map of tier names", sp);
            return tiers;
        };
        for (name, v) in m {
            let span = self.span(v);
            if RESERVED.contains(&name.as_str()) {
                self.err(
                    "blueprint-reserved-tier",
                    format!("`{name}` is reserved (it means \"report a finding\") and cannot name a tier"),
                    span.clone(),
                );
                continue;
            }
            let (own, inherits, description) = self.requirements(name, v);
            tiers.insert(
                name.clone(),
                Tier {
                    name: name.clone(),
                    span,
                    description,
                    inherits,
                    resolved: own.clone(),
                    own,
                },
            );
        }
        self.resolve_inheritance(&mut tiers);
        tiers
    }

    fn resolve_inheritance(&mut self, tiers: &mut IndexMap<String, Tier>) {
        // Validate parents and detect cycles.
        let names: Vec<String> = tiers.keys().cloned().collect();
        let mut broken: BTreeSet<String> = BTreeSet::new();
        for name in &names {
            let Some(t) = tiers.get(name) else { continue };
            if let Some(p) = &t.inherits
                && !tiers.contains_key(&p.value)
            {
                let hint = did_you_mean(&p.value, names.iter().map(String::as_str));
                self.err(
                    "blueprint-unknown-tier",
                    format!(
                        "tier `{name}` inherits `{}`, which is not a tier{hint} (tiers: {})",
                        p.value,
                        names.join(", ")
                    ),
                    p.span.clone(),
                );
                broken.insert(name.clone());
            }
        }
        for name in &names {
            let mut chain = vec![name.clone()];
            let mut cur = name.clone();
            while let Some(p) = tiers.get(&cur).and_then(|t| t.inherits.clone()) {
                if !tiers.contains_key(&p.value) {
                    break;
                }
                if chain.contains(&p.value) {
                    if p.value == *name {
                        chain.push(p.value.clone());
                        let sp = tiers
                            .get(name)
                            .and_then(|t| t.inherits.as_ref())
                            .map(|i| i.span.clone())
                            .unwrap_or(p.span.clone());
                        self.err(
                            "blueprint-inheritance-cycle",
                            format!("tier inheritance forms a cycle: {}", chain.join(" → ")),
                            sp,
                        );
                    }
                    broken.insert(name.clone());
                    break;
                }
                chain.push(p.value.clone());
                cur = p.value.clone();
                if chain.len() > 256 {
                    break;
                }
            }
        }
        // Resolve, parents first (chains are acyclic for the rest).
        for name in &names {
            if broken.contains(name) {
                continue;
            }
            let mut chain = Vec::new();
            let mut cur = Some(name.clone());
            while let Some(c) = cur {
                let Some(t) = tiers.get(&c) else { break };
                chain.push(t.own.clone());
                cur = t.inherits.as_ref().map(|i| i.value.clone());
                if chain.len() > 256 {
                    break;
                }
            }
            let mut resolved = Requirements::default();
            for own in chain.iter().rev() {
                resolved = own.over(&resolved);
            }
            if let Some(t) = tiers.get_mut(name) {
                t.resolved = resolved;
            }
        }
    }

    fn check_tier_ref(&mut self, tiers: &IndexMap<String, Tier>, t: &Located<String>, what: &str) {
        if !tiers.contains_key(&t.value) {
            let hint = did_you_mean(&t.value, tiers.keys().map(String::as_str));
            let names: Vec<&str> = tiers.keys().map(String::as_str).collect();
            self.err(
                "blueprint-unknown-tier",
                format!(
                    "{what} names tier `{}`, which is not defined{hint} (tiers: {})",
                    t.value,
                    names.join(", ")
                ),
                t.span.clone(),
            );
        }
    }

    fn classification(&mut self, n: &Node, tiers: &IndexMap<String, Tier>) -> ClassificationSpec {
        let mut c = ClassificationSpec::default();
        for (k, v) in self.map(n, "`classification`", CLASSIFICATION) {
            match k {
                "tag" => c.tag = self.string(v, "`classification.tag`"),
                "rules" => {
                    let Some(list) = v.as_list() else {
                        let sp = self.span(v);
                        self.err(
                            "blueprint-type",
                            "`classification.rules` must be a list",
                            sp,
                        );
                        continue;
                    };
                    for (i, rn) in list.iter().enumerate() {
                        let number = i + 1;
                        let span = self.span(rn);
                        let mut matcher = None;
                        let mut tier = None;
                        for (rk, rv) in
                            self.map(rn, &format!("classification rule #{number}"), RULE)
                        {
                            match rk {
                                "match" => matcher = Some(self.matcher(rv, number)),
                                "tier" => tier = self.string(rv, "`tier`"),
                                _ => {}
                            }
                        }
                        let (Some(matcher), Some(tier)) = (matcher, tier) else {
                            self.err(
                                "blueprint-rule",
                                format!(
                                    "classification rule #{number} needs both `match` and `tier`"
                                ),
                                span,
                            );
                            continue;
                        };
                        self.check_tier_ref(
                            tiers,
                            &tier,
                            &format!("classification rule #{number}"),
                        );
                        c.rules.push(ClassRule {
                            number,
                            span,
                            matcher,
                            tier,
                        });
                    }
                }
                "default" => {
                    if let Some(s) = self.string(v, "`classification.default`") {
                        if s.value == "finding" {
                            c.default = Some(Located {
                                value: DefaultTier::Finding,
                                span: s.span,
                            });
                        } else {
                            self.check_tier_ref(tiers, &s, "`classification.default`");
                            c.default = Some(Located {
                                value: DefaultTier::Tier(s.value),
                                span: s.span,
                            });
                        }
                    }
                }
                "unclassified" => {
                    if let Some(s) = self.string(v, "`classification.unclassified`") {
                        if s.value == "finding" {
                            if c.default.is_some() {
                                self.err(
                                    "blueprint-conflict",
                                    "set either `default` or `unclassified: finding`, not both",
                                    s.span.clone(),
                                );
                            }
                            c.default = Some(Located {
                                value: DefaultTier::Finding,
                                span: s.span,
                            });
                        } else {
                            self.err(
                                "blueprint-value",
                                format!("`unclassified` must be `finding` (got `{}`); use `default: TIER` for a default tier", s.value),
                                s.span,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        c
    }

    fn matcher(&mut self, n: &Node, number: usize) -> Match {
        let mut m = Match::default();
        let entries = self.map(
            n,
            &format!("`match` of classification rule #{number}"),
            MATCH,
        );
        if entries.is_empty() {
            let sp = self.span(n);
            self.err(
                "blueprint-rule",
                format!(
                    "`match` of classification rule #{number} is empty: it would match everything"
                ),
                sp,
            );
        }
        for (k, v) in entries {
            let s = self.string(v, &format!("`match.{k}`")).map(|s| s.value);
            match k {
                "type" => m.rtype = s,
                "address" => m.address = s,
                "module" => m.module = s,
                "name" => m.name = s,
                "namespace" => m.namespace = s,
                "file" => m.file = s,
                "service" => m.service = s,
                _ => {}
            }
        }
        m
    }

    fn ownership(&mut self, n: &Node) -> Ownership {
        let mut o = Ownership {
            span: Some(self.span(n)),
            ..Ownership::default()
        };
        for (k, v) in self.map(n, "`ownership`", OWNERSHIP) {
            match k {
                "required_tags" => {
                    o.required_tags = self.strings(v, "`required_tags`").unwrap_or_default()
                }
                "allowed_values" => {
                    let Some(m) = v.as_map() else {
                        let sp = self.span(v);
                        self.err(
                            "blueprint-type",
                            "`allowed_values` must map tag names to regular expressions",
                            sp,
                        );
                        continue;
                    };
                    for (tag, pv) in m {
                        let Some(p) = self.string(pv, &format!("`allowed_values.{tag}`")) else {
                            continue;
                        };
                        match regex_lite::Regex::new(&p.value) {
                            Ok(regex) => o.allowed_values.push(AllowedValue {
                                tag: tag.clone(),
                                pattern: p.value,
                                regex,
                                span: p.span,
                            }),
                            Err(e) => self.err(
                                "blueprint-regex",
                                format!(
                                    "`allowed_values.{tag}` is not a valid regular expression: {e}"
                                ),
                                p.span,
                            ),
                        }
                    }
                }
                _ => {}
            }
        }
        o
    }

    fn logging(&mut self, n: &Node) -> Logging {
        let mut l = Logging::default();
        for (k, v) in self.map(n, "`logging`", LOGGING) {
            match k {
                "cloudtrail" => {
                    let mut c = CloudTrailSpec {
                        span: self.span(v),
                        all_regions: None,
                        log_file_validation: None,
                        retention_days: None,
                    };
                    if matches!(v.value, Value::String(ref s) if s == "required") {
                        c.all_regions = Some(Located {
                            value: true,
                            span: c.span.clone(),
                        });
                    } else {
                        for (ck, cv) in self.map(v, "`logging.cloudtrail`", CLOUDTRAIL) {
                            match ck {
                                "all_regions" => c.all_regions = self.boolean(cv, "`all_regions`"),
                                "log_file_validation" => {
                                    c.log_file_validation =
                                        self.boolean(cv, "`log_file_validation`")
                                }
                                "retention_days" => {
                                    c.retention_days = self.int(cv, "`retention_days`")
                                }
                                _ => {}
                            }
                        }
                    }
                    l.cloudtrail = Some(c);
                }
                "vpc_flow_logs" => l.vpc_flow_logs = self.need(v, "`vpc_flow_logs`"),
                "audit_bucket_object_lock" => {
                    l.audit_bucket_object_lock = self.need(v, "`audit_bucket_object_lock`")
                }
                _ => {}
            }
        }
        l
    }

    fn keys(&mut self, n: &Node) -> Keys {
        let mut k = Keys::default();
        for (key, v) in self.map(n, "`keys`", KEYS) {
            match key {
                "rotation" => k.rotation = self.need(v, "`keys.rotation`"),
                "administrators" => {
                    k.administrators = self.strings(v, "`keys.administrators`").map(|l| Located {
                        value: l,
                        span: self.span(v),
                    })
                }
                _ => {}
            }
        }
        k
    }
}

/// Parses blueprint text. Returns the blueprint unless there were errors
/// (warnings do not prevent it), plus every located problem.
pub fn parse(path: Arc<str>, text: &str) -> (Option<Blueprint>, Vec<Diagnostic>) {
    let (docs, ydiags) = palisade_yaml::load(&path, text);
    let mut p = P {
        path: &path,
        diags: ydiags
            .into_iter()
            .map(|mut d| {
                if d.code == "yaml-syntax" {
                    d.message = format!("malformed blueprint: {}", d.message);
                }
                d
            })
            .collect(),
    };
    let file_span = Span::line(path.clone(), 1);
    if docs.len() > 1 {
        p.err(
            "blueprint-documents",
            "a blueprint is one YAML document; found several",
            docs.get(1)
                .map(|d| span_of(d, &path))
                .unwrap_or(file_span.clone()),
        );
    }
    let Some(root) = docs.first() else {
        if !p
            .diags
            .iter()
            .any(|d| d.level == palisade_model::Level::Error)
        {
            p.err(
                "blueprint-empty",
                "the blueprint is empty (expected `version: 1` and tiers)",
                file_span,
            );
        }
        return (None, p.diags);
    };
    let entries = p.map(root, "the blueprint", TOP);
    if root.as_map().is_none() {
        return (None, p.diags);
    }
    let get = |k: &str| entries.iter().find(|(x, _)| *x == k).map(|(_, v)| *v);
    let version = match get("version") {
        None => {
            p.err(
                "blueprint-version",
                "missing `version: 1`",
                span_of(root, &path),
            );
            0
        }
        Some(v) => match v.as_i64() {
            Some(1) if matches!(v.value, Value::Number(_)) => 1,
            _ => {
                let sp = p.span(v);
                p.err(
                    "blueprint-version",
                    "unsupported blueprint version (this palisade reads `version: 1`)",
                    sp,
                );
                0
            }
        },
    };
    let (tiers, builtin_tiers) = match get("tiers") {
        Some(t) => (p.tiers(t), false),
        None => {
            // Built-in tiers, located at line 1 of the blueprint.
            let (docs, _) = palisade_yaml::load(&path, BUILTIN_TIERS);
            let mut sub = P {
                path: &path,
                diags: Vec::new(),
            };
            let mut t = docs.first().map(|d| sub.tiers(d)).unwrap_or_default();
            for tier in t.values_mut() {
                relocate(tier, &file_span);
            }
            (t, true)
        }
    };
    let classification = match get("classification") {
        Some(c) => p.classification(c, &tiers),
        None => {
            p.warn(
                "blueprint-no-classification",
                "no `classification`: data stores get no tier, so tier requirements are not checked",
                span_of(root, &path),
            );
            ClassificationSpec::default()
        }
    };
    let ownership = get("ownership").map(|o| p.ownership(o)).unwrap_or_default();
    let logging = get("logging").map(|l| p.logging(l)).unwrap_or_default();
    let keys = get("keys").map(|k| p.keys(k)).unwrap_or_default();
    let mut diags = p.diags;
    diags.sort();
    diags.dedup();
    let bp = Blueprint {
        path: path.clone(),
        version,
        tiers,
        builtin_tiers,
        classification,
        ownership,
        logging,
        keys,
    };
    if diags
        .iter()
        .any(|d| d.level == palisade_model::Level::Error)
    {
        (None, diags)
    } else {
        (Some(bp), diags)
    }
}

fn relocate(t: &mut Tier, s: &Span) {
    t.span = s.clone();
    for r in [&mut t.own, &mut t.resolved] {
        macro_rules! at {
            ($($f:ident),*) => {$(if let Some(x) = &mut r.$f { x.span = s.clone(); })*};
        }
        at!(
            encryption_at_rest,
            encryption_in_transit,
            key_rotation,
            public_access,
            access_logging,
            versioning,
            object_lock,
            backup_retention_days,
            deletion_protection,
            log_retention_days,
            allowed_regions
        );
    }
}

#[cfg(test)]
pub(crate) fn suggest_for_test(w: &str) -> Option<&'static str> {
    suggest(w, TOP.iter().copied())
}

/// Every map of the blueprint with its allowed keys (JSON pointer of the
/// schema object → keys), so the schema can be checked against the parser.
pub fn known_keys() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("/properties", TOP),
        ("/$defs/tier/properties", TIER),
        ("/properties/classification/properties", CLASSIFICATION),
        (
            "/properties/classification/properties/rules/items/properties",
            RULE,
        ),
        (
            "/properties/classification/properties/rules/items/properties/match/properties",
            MATCH,
        ),
        ("/properties/ownership/properties", OWNERSHIP),
        ("/properties/logging/properties", LOGGING),
        (
            "/properties/logging/properties/cloudtrail/oneOf/1/properties",
            CLOUDTRAIL,
        ),
        ("/properties/keys/properties", KEYS),
    ]
}
