//! The typed policy model and its parser (with source spans).

use std::sync::Arc;

use palisade_model::{Diagnostic, LineIndex, Span};
use serde::Serialize;

use crate::condition::{Condition, parse_operator};
use crate::json::{self, JKind, JVal};
use crate::pattern::Pattern;

/// Which kind of policy a document is; decides how it takes part in
/// evaluation and which elements it must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyKind {
    Identity,
    Resource,
    Trust,
    Boundary,
    Scp,
    Session,
}

impl PolicyKind {
    /// Resource and trust policies name principals.
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyKind::Resource | PolicyKind::Trust)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Action`/`NotAction`, `Resource`/`NotResource`, `Principal`/`NotPrincipal`:
/// a list of items, possibly negated.
#[derive(Clone, Debug, PartialEq)]
pub struct Elem<T> {
    pub negated: bool,
    pub items: Vec<T>,
    pub span: Span,
}

/// An action pattern such as `s3:Get*` (matched case-insensitively).
#[derive(Clone, Debug, PartialEq)]
pub struct ActionPattern {
    pub raw: String,
    pub pattern: Pattern,
}

/// A resource ARN pattern (case-sensitive, may hold policy variables).
#[derive(Clone, Debug, PartialEq)]
pub struct ResourcePattern {
    pub raw: String,
    pub pattern: Pattern,
}

/// One principal of a `Principal`/`NotPrincipal` element.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "value")]
pub enum PrincipalId {
    /// `"*"` or `{"AWS": "*"}`: everyone, including anonymous.
    Any,
    /// An account ID, an account root ARN, or an IAM/STS principal ARN.
    Aws(String),
    Service(String),
    Federated(String),
    CanonicalUser(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// 0-based position in the `Statement` list.
    pub index: usize,
    pub sid: Option<String>,
    /// `None` when missing or invalid (the statement is then *unknown*).
    pub effect: Option<Effect>,
    pub action: Option<Elem<ActionPattern>>,
    pub resource: Option<Elem<ResourcePattern>>,
    pub principal: Option<Elem<PrincipalId>>,
    pub conditions: Vec<Condition>,
    /// Structural problems: a statement with problems is never silently
    /// ignored, it makes the evaluation unknown where it could apply.
    pub problems: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// A name for reports: file path, resource address, policy name or ARN.
    pub id: String,
    pub kind: PolicyKind,
    pub version: Option<String>,
    pub statements: Vec<Statement>,
    pub span: Span,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the document could not be read at all: it then makes any
    /// evaluation it takes part in unknown.
    pub broken: Option<String>,
}

/// Where a policy text comes from.
#[derive(Clone, Debug)]
pub struct PolicySource {
    pub path: Arc<str>,
    pub id: String,
    pub kind: PolicyKind,
    /// Added to every line (for a policy embedded in another file: the
    /// line of the embedding minus one).
    pub line_offset: u32,
    /// Added to columns on the first line only.
    pub col_offset: u32,
}

impl PolicySource {
    pub fn new(path: &str, kind: PolicyKind) -> Self {
        PolicySource {
            path: path.into(),
            id: path.to_string(),
            kind,
            line_offset: 0,
            col_offset: 0,
        }
    }
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }
    pub fn with_offset(mut self, line_offset: u32, col_offset: u32) -> Self {
        self.line_offset = line_offset;
        self.col_offset = col_offset;
        self
    }
}

impl Policy {
    /// Parses policy JSON. Never fails: problems are diagnostics (and
    /// `broken` when nothing could be read).
    pub fn parse(text: &str, src: &PolicySource) -> Policy {
        Parser::new(text, src).run()
    }

    /// Parses a policy given as a JSON value (e.g. from `jsonencode`); all
    /// spans are `span`.
    pub fn from_value(v: &serde_json::Value, id: &str, kind: PolicyKind, span: Span) -> Policy {
        let text = serde_json::to_string(v).unwrap_or_else(|_| "null".to_string());
        let src = PolicySource::new(&span.path, kind).with_id(id);
        let mut p = Policy::parse(&text, &src);
        p.span = span.clone();
        for s in &mut p.statements {
            s.span = span.clone();
            if let Some(a) = &mut s.action {
                a.span = span.clone();
            }
            if let Some(r) = &mut s.resource {
                r.span = span.clone();
            }
            if let Some(pr) = &mut s.principal {
                pr.span = span.clone();
            }
            for c in &mut s.conditions {
                c.span = span.clone();
            }
        }
        for d in &mut p.diagnostics {
            d.span = span.clone();
        }
        p
    }

    /// A policy made of the statements of several (e.g. the SCPs attached
    /// at one level of an organization, which are unioned).
    pub fn union(id: &str, kind: PolicyKind, parts: &[Policy]) -> Policy {
        let mut statements = Vec::new();
        let mut diagnostics = Vec::new();
        let mut broken = None;
        for p in parts {
            statements.extend(p.statements.iter().cloned());
            diagnostics.extend(p.diagnostics.iter().cloned());
            if broken.is_none() {
                broken.clone_from(&p.broken);
            }
        }
        let span = parts
            .first()
            .map(|p| p.span.clone())
            .unwrap_or_else(|| Span::line(Arc::from(id), 1));
        Policy {
            id: id.to_string(),
            kind,
            version: parts.first().and_then(|p| p.version.clone()),
            statements,
            span,
            diagnostics,
            broken,
        }
    }

    /// True if policy variables are substituted (`Version` 2012-10-17).
    pub fn variables_enabled(version: Option<&str>) -> bool {
        version == Some("2012-10-17")
    }
}

struct Parser<'a> {
    text: &'a str,
    src: &'a PolicySource,
    idx: LineIndex,
    diags: Vec<Diagnostic>,
}

const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

impl<'a> Parser<'a> {
    fn new(text: &'a str, src: &'a PolicySource) -> Self {
        Parser {
            text,
            src,
            idx: LineIndex::new(text),
            diags: Vec::new(),
        }
    }

    fn span(&self, r: &std::ops::Range<usize>) -> Span {
        let mut s = self.idx.span(&self.src.path, r.clone());
        if s.start_line == 1 {
            s.start_col += self.src.col_offset;
        }
        if s.end_line == 1 {
            s.end_col += self.src.col_offset;
        }
        s.start_line += self.src.line_offset;
        s.end_line += self.src.line_offset;
        s
    }

    fn err(&mut self, code: &str, msg: String, r: &std::ops::Range<usize>) {
        let s = self.span(r);
        self.diags.push(Diagnostic::error(code, msg, s));
    }
    fn warn(&mut self, code: &str, msg: String, r: &std::ops::Range<usize>) {
        let s = self.span(r);
        self.diags.push(Diagnostic::warning(code, msg, s));
    }

    fn run(mut self) -> Policy {
        let whole = 0..self.text.len();
        let mut policy = Policy {
            id: self.src.id.clone(),
            kind: self.src.kind,
            version: None,
            statements: Vec::new(),
            span: self.span(&whole),
            diagnostics: Vec::new(),
            broken: None,
        };
        let root = match json::parse(self.text) {
            Ok(v) => v,
            Err(e) => {
                let r = e.offset..e.offset + 1;
                let msg = format!("malformed policy JSON: {}", e.message);
                self.err("iam-policy-syntax", msg.clone(), &r);
                policy.broken = Some(msg);
                policy.diagnostics = self.diags;
                return policy;
            }
        };
        let JKind::Object(members) = &root.kind else {
            let msg = format!("a policy must be a JSON object, found {}", root.type_name());
            self.err("iam-policy-shape", msg.clone(), &root.range);
            policy.broken = Some(msg);
            policy.diagnostics = self.diags;
            return policy;
        };
        let mut seen = std::collections::BTreeSet::new();
        for (k, _) in members {
            if !seen.insert(k.name.as_str()) {
                self.warn(
                    "iam-duplicate-key",
                    format!("duplicate key {:?}: the last one is used", k.name),
                    &k.range,
                );
            }
            if !matches!(k.name.as_str(), "Version" | "Id" | "Statement") {
                self.warn(
                    "iam-unknown-element",
                    format!("unknown policy element {:?}", k.name),
                    &k.range,
                );
            }
        }
        if let Some(v) = root.get("Version") {
            match v.as_str() {
                Some(s @ ("2012-10-17" | "2008-10-17")) => policy.version = Some(s.to_string()),
                _ => {
                    self.err(
                        "iam-policy-version",
                        "Version must be \"2012-10-17\" or \"2008-10-17\"".into(),
                        &v.range,
                    );
                    policy.version = v.as_str().map(str::to_string);
                }
            }
        } else {
            self.warn(
                "iam-policy-version",
                "no Version: policy variables are not substituted (treated as 2008-10-17)".into(),
                &(root.range.start..root.range.start + 1),
            );
        }
        let vars = Policy::variables_enabled(policy.version.as_deref());
        match root.get("Statement") {
            None => {
                let msg = "a policy needs a Statement element".to_string();
                self.err(
                    "iam-policy-shape",
                    msg.clone(),
                    &(root.range.start..root.range.start + 1),
                );
                policy.broken = Some(msg);
            }
            Some(st) => match &st.kind {
                JKind::Array(items) => {
                    for (i, s) in items.iter().enumerate() {
                        let stmt = self.statement(i, s, vars);
                        policy.statements.push(stmt);
                    }
                }
                JKind::Object(_) => {
                    let stmt = self.statement(0, st, vars);
                    policy.statements.push(stmt);
                }
                _ => {
                    let msg = format!(
                        "Statement must be an object or an array, found {}",
                        st.type_name()
                    );
                    self.err("iam-policy-shape", msg.clone(), &st.range);
                    policy.broken = Some(msg);
                }
            },
        }
        policy.diagnostics = self.diags;
        policy
    }

    fn strings(&mut self, v: &JVal, what: &str, problems: &mut Vec<String>) -> Vec<String> {
        let mut out = Vec::new();
        let mut one = |this: &mut Self, x: &JVal| match &x.kind {
            JKind::String(s) => out.push(s.clone()),
            _ => {
                let m = format!("{what} values must be strings, found {}", x.type_name());
                this.err("iam-element-type", m.clone(), &x.range);
                problems.push(m);
            }
        };
        match &v.kind {
            JKind::Array(items) => {
                if items.is_empty() {
                    let m = format!("{what} is an empty list");
                    self.warn("iam-empty-element", m, &v.range);
                }
                for x in items {
                    one(self, x);
                }
            }
            _ => one(self, v),
        }
        out
    }

    fn statement(&mut self, index: usize, v: &JVal, vars: bool) -> Statement {
        let span = self.span(&v.range);
        let mut st = Statement {
            index,
            sid: None,
            effect: None,
            action: None,
            resource: None,
            principal: None,
            conditions: Vec::new(),
            problems: Vec::new(),
            span,
        };
        let JKind::Object(members) = &v.kind else {
            let m = format!("a statement must be an object, found {}", v.type_name());
            self.err("iam-statement-shape", m.clone(), &v.range);
            st.problems.push(m);
            return st;
        };
        let mut seen = std::collections::BTreeSet::new();
        for (k, _) in members {
            if !seen.insert(k.name.as_str()) {
                self.warn(
                    "iam-duplicate-key",
                    format!("duplicate key {:?}: the last one is used", k.name),
                    &k.range,
                );
            }
            if !STATEMENT_KEYS.contains(&k.name.as_str()) {
                let m = format!("unknown statement element {:?}", k.name);
                self.err("iam-unknown-element", m.clone(), &k.range);
                st.problems.push(m);
            }
        }
        if let Some(s) = v.get("Sid") {
            match s.as_str() {
                Some(x) => st.sid = Some(x.to_string()),
                None => self.warn("iam-element-type", "Sid must be a string".into(), &s.range),
            }
        }
        match v.get("Effect") {
            Some(e) => match e.as_str() {
                Some("Allow") => st.effect = Some(Effect::Allow),
                Some("Deny") => st.effect = Some(Effect::Deny),
                _ => {
                    let m = "Effect must be \"Allow\" or \"Deny\"".to_string();
                    self.err("iam-effect", m.clone(), &e.range);
                    st.problems.push(m);
                }
            },
            None => {
                let m = "statement has no Effect".to_string();
                self.err("iam-effect", m.clone(), &v.range);
                st.problems.push(m);
            }
        }
        // Action / NotAction
        match (v.get("Action"), v.get("NotAction")) {
            (Some(_), Some(n)) => {
                let m = "a statement cannot have both Action and NotAction".to_string();
                self.err("iam-action", m.clone(), &n.range);
                st.problems.push(m);
            }
            (None, None) => {
                let m = "statement has neither Action nor NotAction".to_string();
                self.err("iam-action", m.clone(), &v.range);
                st.problems.push(m);
            }
            (a, n) => {
                let (negated, x) = match (a, n) {
                    (Some(a), _) => (false, a),
                    (_, Some(n)) => (true, n),
                    _ => unreachable_pair(),
                };
                let what = if negated { "NotAction" } else { "Action" };
                let items: Vec<ActionPattern> = self
                    .strings(x, what, &mut st.problems)
                    .into_iter()
                    .map(|raw| {
                        if raw != "*" && !raw.contains(':') {
                            self.warn(
                                "iam-action-format",
                                format!("action {raw:?} is not of the form service:Action"),
                                &x.range,
                            );
                        }
                        ActionPattern {
                            pattern: Pattern::new(&raw, false, true),
                            raw,
                        }
                    })
                    .collect();
                st.action = Some(Elem {
                    negated,
                    items,
                    span: self.span(&x.range),
                });
            }
        }
        // Resource / NotResource
        match (v.get("Resource"), v.get("NotResource")) {
            (Some(_), Some(n)) => {
                let m = "a statement cannot have both Resource and NotResource".to_string();
                self.err("iam-resource", m.clone(), &n.range);
                st.problems.push(m);
            }
            (None, None) => {
                if !matches!(
                    self.src.kind,
                    PolicyKind::Trust | PolicyKind::Resource | PolicyKind::Scp
                ) {
                    let m = "statement has neither Resource nor NotResource".to_string();
                    self.err("iam-resource", m.clone(), &v.range);
                    st.problems.push(m);
                }
            }
            (a, n) => {
                let (negated, x) = match (a, n) {
                    (Some(a), _) => (false, a),
                    (_, Some(n)) => (true, n),
                    _ => unreachable_pair(),
                };
                let what = if negated { "NotResource" } else { "Resource" };
                let items: Vec<ResourcePattern> = self
                    .strings(x, what, &mut st.problems)
                    .into_iter()
                    .map(|raw| {
                        if raw != "*" && !raw.starts_with("arn:") {
                            self.warn(
                                "iam-resource-arn",
                                format!("resource {raw:?} is neither \"*\" nor an ARN"),
                                &x.range,
                            );
                        } else if raw.starts_with("arn:") && raw.splitn(6, ':').count() < 6 {
                            self.warn(
                                "iam-resource-arn",
                                format!("resource ARN {raw:?} has fewer than six fields"),
                                &x.range,
                            );
                        }
                        ResourcePattern {
                            pattern: Pattern::new(&raw, vars, false),
                            raw,
                        }
                    })
                    .collect();
                st.resource = Some(Elem {
                    negated,
                    items,
                    span: self.span(&x.range),
                });
            }
        }
        // Principal / NotPrincipal
        match (v.get("Principal"), v.get("NotPrincipal")) {
            (Some(_), Some(n)) => {
                let m = "a statement cannot have both Principal and NotPrincipal".to_string();
                self.err("iam-principal", m.clone(), &n.range);
                st.problems.push(m);
            }
            (None, None) => {
                if self.src.kind.has_principal() {
                    let m =
                        "a resource-based or trust policy statement needs a Principal".to_string();
                    self.err("iam-principal", m.clone(), &v.range);
                    st.problems.push(m);
                }
            }
            (a, n) => {
                let (negated, x) = match (a, n) {
                    (Some(a), _) => (false, a),
                    (_, Some(n)) => (true, n),
                    _ => unreachable_pair(),
                };
                if !self.src.kind.has_principal() {
                    self.warn(
                        "iam-principal",
                        "Principal is only meaningful in resource-based and trust policies; ignored".into(),
                        &x.range,
                    );
                } else {
                    let items = self.principals(x, &mut st.problems);
                    st.principal = Some(Elem {
                        negated,
                        items,
                        span: self.span(&x.range),
                    });
                }
            }
        }
        if let Some(c) = v.get("Condition") {
            self.conditions(c, vars, &mut st);
        }
        st
    }

    fn principals(&mut self, x: &JVal, problems: &mut Vec<String>) -> Vec<PrincipalId> {
        let mut out = Vec::new();
        match &x.kind {
            JKind::String(s) if s == "*" => out.push(PrincipalId::Any),
            JKind::Object(members) => {
                for (k, v) in members {
                    let vals = self.strings(v, "Principal", problems);
                    for s in vals {
                        let p = match k.name.as_str() {
                            "AWS" if s == "*" => PrincipalId::Any,
                            "AWS" => {
                                let ok = (s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()))
                                    || (s.starts_with("arn:") && s.splitn(6, ':').count() == 6);
                                if !ok {
                                    self.warn(
                                        "iam-principal",
                                        format!("AWS principal {s:?} is neither an account ID nor an ARN"),
                                        &v.range,
                                    );
                                }
                                if s.contains('*') || s.contains('?') {
                                    self.warn(
                                        "iam-principal",
                                        format!("wildcards are not supported in principal {s:?} (matched literally)"),
                                        &v.range,
                                    );
                                }
                                PrincipalId::Aws(s)
                            }
                            "Service" => PrincipalId::Service(s),
                            "Federated" => PrincipalId::Federated(s),
                            "CanonicalUser" => PrincipalId::CanonicalUser(s),
                            other => {
                                let m = format!("unknown principal type {other:?}");
                                self.err("iam-principal", m.clone(), &k.range);
                                problems.push(m);
                                continue;
                            }
                        };
                        out.push(p);
                    }
                }
            }
            _ => {
                let m = format!(
                    "Principal must be \"*\" or an object, found {}",
                    x.type_name()
                );
                self.err("iam-principal", m.clone(), &x.range);
                problems.push(m);
            }
        }
        out
    }

    fn conditions(&mut self, c: &JVal, vars: bool, st: &mut Statement) {
        let JKind::Object(ops) = &c.kind else {
            let m = format!("Condition must be an object, found {}", c.type_name());
            self.err("iam-condition", m.clone(), &c.range);
            st.problems.push(m);
            return;
        };
        for (opk, body) in ops {
            let op = parse_operator(&opk.name);
            if op.is_none() {
                self.err(
                    "iam-condition-operator",
                    format!("unknown condition operator {:?}: the statement is unknown wherever it applies", opk.name),
                    &opk.range,
                );
            }
            let JKind::Object(keys) = &body.kind else {
                let m = format!("condition operator {:?} needs an object of keys", opk.name);
                self.err("iam-condition", m.clone(), &body.range);
                st.problems.push(m);
                continue;
            };
            for (key, vals) in keys {
                let mut values = Vec::new();
                let mut bad = false;
                let items: Vec<&JVal> = match &vals.kind {
                    JKind::Array(a) => a.iter().collect(),
                    _ => vec![vals],
                };
                for x in items {
                    match x.scalar_string() {
                        Some(s) => values.push(s),
                        None => bad = true,
                    }
                }
                if bad {
                    let m = format!(
                        "condition values for {:?} must be strings, numbers or booleans",
                        key.name
                    );
                    self.err("iam-condition", m.clone(), &vals.range);
                    st.problems.push(m);
                }
                let span = self.span(&(opk.range.start..vals.range.end));
                match Condition::new(&opk.name, op, &key.name, values, vars, span) {
                    Ok(cond) => st.conditions.push(cond),
                    Err(m) => {
                        self.err("iam-condition", m.clone(), &vals.range);
                        st.problems.push(m);
                    }
                }
            }
        }
    }
}

#[inline]
fn unreachable_pair() -> (bool, &'static JVal) {
    // Only reached for (None, None), handled before.
    static NULL: std::sync::OnceLock<JVal> = std::sync::OnceLock::new();
    (
        false,
        NULL.get_or_init(|| JVal {
            kind: JKind::Null,
            range: 0..0,
        }),
    )
}
