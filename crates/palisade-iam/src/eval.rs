//! The evaluator: AWS's documented policy evaluation logic, three-valued.

use std::collections::BTreeMap;
use std::ops::Not;

use palisade_model::Span;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::pattern::{Resolved, glob, glob_arn};
use crate::policy::{Effect, Policy, PolicyKind, PrincipalId, Statement};
use crate::truth::Truth;

/// One request to authorize.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Request {
    /// The caller: an IAM user, role or assumed-role session, federated
    /// user or account root ARN, or a service principal
    /// (`lambda.amazonaws.com`).
    pub principal_arn: String,
    pub action: String,
    /// The resource ARN, or `*` for actions without resource-level
    /// permissions.
    pub resource_arn: String,
    /// Condition keys (names are case-insensitive) to their values; a key
    /// with several values is multi-valued.
    pub context: BTreeMap<String, Vec<String>>,
    /// Defaults to the account in `principal_arn`.
    pub principal_account: Option<String>,
    /// Defaults to the account in `resource_arn`, else the principal's.
    pub resource_account: Option<String>,
    /// When true, a key absent from `context` is absent from the request
    /// (AWS's own semantics); when false (default), it is not known, and
    /// conditions that need it are unknown.
    pub context_complete: bool,
}

impl Request {
    pub fn new(principal_arn: &str, action: &str, resource_arn: &str) -> Self {
        Request {
            principal_arn: principal_arn.to_string(),
            action: action.to_string(),
            resource_arn: resource_arn.to_string(),
            ..Request::default()
        }
    }
    /// Adds one value of a context key (call again for multi-valued keys).
    pub fn with_context(mut self, key: &str, value: &str) -> Self {
        self.context
            .entry(key.to_string())
            .or_default()
            .push(value.to_string());
        self
    }
}

/// All the policies that apply to one request.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    /// The principal's identity-based policies (user, its groups, or role).
    pub identity: Vec<Policy>,
    /// The resource's resource-based policy (a trust policy for
    /// `sts:AssumeRole*`).
    pub resource: Option<Policy>,
    pub boundary: Option<Policy>,
    /// One policy per level of the organization (root, OUs, account); each
    /// must allow. Several SCPs attached at one level: [`Policy::union`].
    pub scps: Vec<Policy>,
    pub session: Option<Policy>,
}

/// Borrowed form of [`PolicySet`], to evaluate without cloning policies.
#[derive(Clone, Debug, Default)]
pub struct PolicyRefs<'a> {
    pub identity: Vec<&'a Policy>,
    pub resource: Option<&'a Policy>,
    pub boundary: Option<&'a Policy>,
    pub scps: Vec<&'a Policy>,
    pub session: Option<&'a Policy>,
}

impl PolicySet {
    pub fn refs(&self) -> PolicyRefs<'_> {
        PolicyRefs {
            identity: self.identity.iter().collect(),
            resource: self.resource.as_ref(),
            boundary: self.boundary.as_ref(),
            scps: self.scps.iter().collect(),
            session: self.session.as_ref(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Decision {
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
    Unknown,
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Decision::Allowed => "Allowed",
            Decision::ImplicitDeny => "ImplicitDeny",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::Unknown => "Unknown",
        })
    }
}

/// A statement that took part in a decision.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StatementRef {
    pub policy: String,
    pub kind: PolicyKind,
    /// `None` for a whole policy (one that could not be parsed).
    pub index: Option<usize>,
    pub sid: Option<String>,
    pub effect: Option<Effect>,
    pub span: Span,
}

impl StatementRef {
    pub fn of(p: &Policy, s: &Statement) -> Self {
        StatementRef {
            policy: p.id.clone(),
            kind: p.kind,
            index: Some(s.index),
            sid: s.sid.clone(),
            effect: s.effect,
            span: s.span.clone(),
        }
    }
    fn whole(p: &Policy) -> Self {
        StatementRef {
            policy: p.id.clone(),
            kind: p.kind,
            index: None,
            sid: None,
            effect: None,
            span: p.span.clone(),
        }
    }
}

/// A statement whose applicability is unknown, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnknownCause {
    pub statement: StatementRef,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub decision: Decision,
    /// The statements that decided: the matching denies for ExplicitDeny,
    /// the allows that together grant for Allowed; empty for ImplicitDeny.
    pub statements: Vec<StatementRef>,
    /// Statements that could apply but whose conditions (or structure)
    /// could not be decided.
    pub unknowns: Vec<UnknownCause>,
    /// Human-readable explanation of the decision.
    pub reasons: Vec<String>,
}

/// Adds an unknown cause once: a statement whose Effect is unknown may be
/// both a Deny and an Allow, and is listed once with each reason once.
fn add_unknown(unknowns: &mut Vec<UnknownCause>, u: &UnknownCause) {
    match unknowns.iter_mut().find(|x| x.statement == u.statement) {
        Some(x) => {
            for r in &u.reasons {
                if !x.reasons.contains(r) {
                    x.reasons.push(r.clone());
                }
            }
        }
        None => unknowns.push(u.clone()),
    }
}

/// How a resource-policy statement names the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Grant {
    /// The account (ID or root ARN): delegation, the identity side must
    /// also allow.
    Account,
    /// The role ARN of the calling session: limited by boundary and
    /// session policy.
    RoleArn,
    /// The user, the session, `*`, a service: granted on its own.
    Direct,
}

/// What a request principal is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalKind {
    User {
        account: String,
        name: String,
    },
    Role {
        account: String,
        name: String,
    },
    AssumedRole {
        account: String,
        role: String,
        session: String,
    },
    FederatedUser {
        account: String,
        name: String,
    },
    Root {
        account: String,
    },
    Service(String),
    Other,
}

impl PrincipalKind {
    pub fn parse(arn: &str) -> PrincipalKind {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        if let [_, _, svc, _, account, res] = parts.as_slice()
            && parts.first() == Some(&"arn")
        {
            let account = account.to_string();
            match (*svc, *res) {
                ("iam", "root") => return PrincipalKind::Root { account },
                ("iam", r) if r.starts_with("user/") => {
                    let name = r.rsplit('/').next().unwrap_or("").to_string();
                    return PrincipalKind::User { account, name };
                }
                ("iam", r) if r.starts_with("role/") => {
                    let name = r.rsplit('/').next().unwrap_or("").to_string();
                    return PrincipalKind::Role { account, name };
                }
                ("sts", r) if r.starts_with("assumed-role/") => {
                    let mut it = r.splitn(3, '/').skip(1);
                    let role = it.next().unwrap_or("").to_string();
                    let session = it.next().unwrap_or("").to_string();
                    return PrincipalKind::AssumedRole {
                        account,
                        role,
                        session,
                    };
                }
                ("sts", r) if r.starts_with("federated-user/") => {
                    let name = r.split_once('/').map(|x| x.1).unwrap_or("").to_string();
                    return PrincipalKind::FederatedUser { account, name };
                }
                _ => return PrincipalKind::Other,
            }
        }
        if arn.ends_with(".amazonaws.com") || arn.ends_with(".amazonaws.com.cn") {
            return PrincipalKind::Service(arn.to_string());
        }
        PrincipalKind::Other
    }
    pub fn account(&self) -> Option<&str> {
        match self {
            PrincipalKind::User { account, .. }
            | PrincipalKind::Role { account, .. }
            | PrincipalKind::AssumedRole { account, .. }
            | PrincipalKind::FederatedUser { account, .. }
            | PrincipalKind::Root { account } => Some(account),
            _ => None,
        }
    }
}

fn arn_account(arn: &str) -> Option<&str> {
    let mut it = arn.splitn(6, ':');
    if it.next() != Some("arn") {
        return None;
    }
    let acct = it.nth(3)?;
    (!acct.is_empty()).then_some(acct)
}

fn arn_partition(arn: &str) -> &str {
    arn.split(':').nth(1).unwrap_or("aws")
}

struct Req<'a> {
    req: &'a Request,
    kind: PrincipalKind,
    principal_account: Option<String>,
    ctx: Context,
    complete: bool,
    has_boundary: bool,
}

impl<'a> Req<'a> {
    fn new(req: &'a Request, has_boundary: bool) -> Self {
        let kind = PrincipalKind::parse(&req.principal_arn);
        let principal_account = req
            .principal_account
            .clone()
            .or_else(|| kind.account().map(str::to_string));
        let mut ctx = Context::from_map(&req.context);
        if let Some(a) = &principal_account {
            ctx.set_default("aws:principalaccount", a.clone());
        }
        let part = arn_partition(&req.principal_arn).to_string();
        match &kind {
            PrincipalKind::User { name, .. } => {
                ctx.set_default("aws:username", name.clone());
                ctx.set_default("aws:principaltype", "User".into());
                ctx.set_default("aws:principalarn", req.principal_arn.clone());
            }
            PrincipalKind::AssumedRole { account, role, .. } => {
                ctx.set_default("aws:principaltype", "AssumedRole".into());
                ctx.set_default(
                    "aws:principalarn",
                    format!("arn:{part}:iam::{account}:role/{role}"),
                );
            }
            PrincipalKind::Role { .. } => {
                ctx.set_default("aws:principaltype", "AssumedRole".into());
                ctx.set_default("aws:principalarn", req.principal_arn.clone());
            }
            PrincipalKind::FederatedUser { .. } => {
                ctx.set_default("aws:principaltype", "FederatedUser".into());
                ctx.set_default("aws:principalarn", req.principal_arn.clone());
            }
            PrincipalKind::Root { .. } => {
                ctx.set_default("aws:principaltype", "Account".into());
                ctx.set_default("aws:principalarn", req.principal_arn.clone());
            }
            PrincipalKind::Service(s) => {
                ctx.set_default("aws:principalservicename", s.clone());
            }
            PrincipalKind::Other => {}
        }
        if let Some(a) = req
            .resource_account
            .as_deref()
            .or_else(|| arn_account(&req.resource_arn))
        {
            ctx.set_default("aws:resourceaccount", a.to_string());
        }
        Req {
            req,
            kind,
            principal_account,
            ctx,
            complete: req.context_complete,
            has_boundary,
        }
    }

    fn resource_account(&self) -> Option<&str> {
        self.req
            .resource_account
            .as_deref()
            .or_else(|| arn_account(&self.req.resource_arn))
    }

    fn cross_account(&self) -> bool {
        match (self.principal_account.as_deref(), self.resource_account()) {
            (Some(p), Some(r)) => p != r,
            _ => false,
        }
    }

    /// Does principal id `p` name the caller, and how?
    fn principal_match(&self, p: &PrincipalId) -> Option<Grant> {
        let arn = self.req.principal_arn.as_str();
        match p {
            PrincipalId::Any => Some(Grant::Direct),
            PrincipalId::Service(s) | PrincipalId::Federated(s) | PrincipalId::CanonicalUser(s) => {
                s.eq_ignore_ascii_case(arn).then_some(Grant::Direct)
            }
            PrincipalId::Aws(s) => {
                let is_account_id = s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
                let root_of = if is_account_id {
                    Some(s.as_str())
                } else {
                    match PrincipalKind::parse(s) {
                        PrincipalKind::Root { .. } => arn_account(s),
                        _ => None,
                    }
                };
                if let Some(acct) = root_of {
                    if let PrincipalKind::Root { account } = &self.kind
                        && account == acct
                    {
                        return Some(Grant::Direct);
                    }
                    return (self.principal_account.as_deref() == Some(acct))
                        .then_some(Grant::Account);
                }
                if s == arn {
                    return Some(match self.kind {
                        PrincipalKind::Role { .. } => Grant::RoleArn,
                        _ => Grant::Direct,
                    });
                }
                if let PrincipalKind::AssumedRole { account, role, .. } = &self.kind
                    && let PrincipalKind::Role {
                        account: a2,
                        name: n2,
                    } = PrincipalKind::parse(s)
                    && &a2 == account
                    && &n2 == role
                {
                    return Some(Grant::RoleArn);
                }
                None
            }
        }
    }
}

/// Result of matching one statement.
struct StMatch {
    truth: Truth,
    grant: Grant,
}

fn statement_match(r: &Req<'_>, p: &Policy, s: &Statement, effect: Effect) -> StMatch {
    let mut grant = Grant::Direct;
    // Action
    let action_t = match &s.action {
        Some(a) => {
            let any = a
                .items
                .iter()
                .any(|x| x.pattern.matches_plain(&r.req.action));
            Truth::from_bool(any != a.negated)
        }
        None => Truth::maybe("the statement has no valid Action"),
    };
    if action_t.is_no() {
        return StMatch {
            truth: Truth::No,
            grant,
        };
    }
    // Resource
    let res_t = match &s.resource {
        Some(res) => {
            let mut t = Truth::No;
            for x in &res.items {
                let m = match x.pattern.resolve(&r.ctx) {
                    Resolved::Els(e) => {
                        if x.pattern.is_star() {
                            Truth::Yes
                        } else if r.req.resource_arn.starts_with("arn:") {
                            Truth::from_bool(glob_arn(&e, &r.req.resource_arn))
                        } else {
                            Truth::from_bool(glob(&e, r.req.resource_arn.as_bytes(), false))
                        }
                    }
                    Resolved::Missing(_) if r.complete => Truth::No,
                    Resolved::Missing(k) => Truth::maybe(format!(
                        "policy variable ${{{k}}} in Resource {:?} has no value in the request context",
                        x.raw
                    )),
                    Resolved::MultiValued(k) => Truth::maybe(format!(
                        "policy variable ${{{k}}} in Resource {:?} is multi-valued",
                        x.raw
                    )),
                };
                t = t.or(m);
                if t.is_yes() {
                    break;
                }
            }
            if res.negated { t.not() } else { t }
        }
        None => Truth::Yes,
    };
    let mut truth = action_t.and(res_t);
    if truth.is_no() {
        return StMatch { truth, grant };
    }
    // Principal (resource and trust policies)
    if p.kind.has_principal() {
        let pt = match &s.principal {
            Some(pr) => {
                let best = pr.items.iter().filter_map(|x| r.principal_match(x)).max();
                if pr.negated {
                    // NotPrincipal: everyone but the listed. With Deny, the
                    // docs say it always denies a principal with a
                    // permissions boundary.
                    if effect == Effect::Deny && r.has_boundary {
                        Truth::Yes
                    } else {
                        Truth::from_bool(best.is_none())
                    }
                } else {
                    match best {
                        Some(g) => {
                            grant = g;
                            Truth::Yes
                        }
                        None => Truth::No,
                    }
                }
            }
            None => Truth::maybe("the statement has no valid Principal"),
        };
        truth = truth.and(pt);
        if truth.is_no() {
            return StMatch { truth, grant };
        }
    }
    for c in &s.conditions {
        truth = truth.and(c.eval(&r.ctx, r.complete));
        if truth.is_no() {
            return StMatch { truth, grant };
        }
    }
    if !s.problems.is_empty() {
        truth = truth.and(Truth::Maybe(s.problems.clone()));
    }
    StMatch { truth, grant }
}

/// Results of one policy.
#[derive(Default)]
struct PolicyResult {
    allow_yes: Vec<(StatementRef, Grant)>,
    allow_maybe: Vec<(UnknownCause, Grant)>,
    deny_yes: Vec<StatementRef>,
    deny_maybe: Vec<UnknownCause>,
}

impl PolicyResult {
    fn allow(&self, min: Grant, only: Option<Grant>) -> Truth {
        let ok = |g: &Grant| match only {
            Some(o) => *g == o,
            None => *g >= min,
        };
        if self.allow_yes.iter().any(|(_, g)| ok(g)) {
            Truth::Yes
        } else {
            let reasons: Vec<String> = self
                .allow_maybe
                .iter()
                .filter(|(_, g)| ok(g))
                .flat_map(|(u, _)| u.reasons.iter().cloned())
                .collect();
            if reasons.is_empty() && !self.allow_maybe.iter().any(|(_, g)| ok(g)) {
                Truth::No
            } else {
                Truth::Maybe(reasons)
            }
        }
    }
    fn any_allow(&self) -> Truth {
        self.allow(Grant::Account, None)
    }
    fn deny(&self) -> Truth {
        if !self.deny_yes.is_empty() {
            Truth::Yes
        } else if self.deny_maybe.is_empty() {
            Truth::No
        } else {
            Truth::Maybe(
                self.deny_maybe
                    .iter()
                    .flat_map(|u| u.reasons.clone())
                    .collect(),
            )
        }
    }
}

fn eval_policy(r: &Req<'_>, p: &Policy) -> PolicyResult {
    let mut out = PolicyResult::default();
    if let Some(b) = &p.broken {
        let u = UnknownCause {
            statement: StatementRef::whole(p),
            reasons: vec![format!("policy {} could not be read: {b}", p.id)],
        };
        out.allow_maybe.push((u.clone(), Grant::Direct));
        out.deny_maybe.push(u);
        return out;
    }
    for s in &p.statements {
        let effects: &[Effect] = match s.effect {
            Some(Effect::Allow) => &[Effect::Allow],
            Some(Effect::Deny) => &[Effect::Deny],
            None => &[Effect::Allow, Effect::Deny],
        };
        for &e in effects {
            let m = statement_match(r, p, s, e);
            let m = if s.effect.is_none() && !m.truth.is_no() {
                StMatch {
                    truth: m
                        .truth
                        .and(Truth::maybe("the statement has no valid Effect")),
                    grant: m.grant,
                }
            } else {
                m
            };
            match (e, m.truth) {
                (_, Truth::No) => {}
                (Effect::Allow, Truth::Yes) => {
                    out.allow_yes.push((StatementRef::of(p, s), m.grant))
                }
                (Effect::Deny, Truth::Yes) => out.deny_yes.push(StatementRef::of(p, s)),
                (Effect::Allow, Truth::Maybe(reasons)) => out.allow_maybe.push((
                    UnknownCause {
                        statement: StatementRef::of(p, s),
                        reasons,
                    },
                    m.grant,
                )),
                (Effect::Deny, Truth::Maybe(reasons)) => out.deny_maybe.push(UnknownCause {
                    statement: StatementRef::of(p, s),
                    reasons,
                }),
            }
        }
    }
    out
}

/// Evaluates one request against a set of policies.
pub fn evaluate(req: &Request, policies: &PolicySet) -> Evaluation {
    evaluate_refs(req, &policies.refs())
}

/// Like [`evaluate`], with borrowed policies.
pub fn evaluate_refs(req: &Request, policies: &PolicyRefs<'_>) -> Evaluation {
    let r = Req::new(req, policies.boundary.is_some());
    let identity: Vec<PolicyResult> = policies
        .identity
        .iter()
        .map(|p| eval_policy(&r, p))
        .collect();
    let resource = policies.resource.map(|p| eval_policy(&r, p));
    let boundary = policies.boundary.map(|p| eval_policy(&r, p));
    let scps: Vec<PolicyResult> = policies.scps.iter().map(|p| eval_policy(&r, p)).collect();
    let session = policies.session.map(|p| eval_policy(&r, p));

    let all: Vec<&PolicyResult> = identity
        .iter()
        .chain(resource.iter())
        .chain(boundary.iter())
        .chain(scps.iter())
        .chain(session.iter())
        .collect();

    // 1. Explicit deny anywhere.
    let deny = all.iter().fold(Truth::No, |t, p| t.or(p.deny()));
    if deny.is_yes() {
        return Evaluation {
            decision: Decision::ExplicitDeny,
            statements: all
                .iter()
                .flat_map(|p| p.deny_yes.iter().cloned())
                .collect(),
            unknowns: Vec::new(),
            reasons: vec!["an explicit Deny applies".into()],
        };
    }

    // 2. Allow components.
    let scp_t = scps.iter().fold(Truth::Yes, |t, p| t.and(p.any_allow()));
    let id_t = identity.iter().fold(Truth::No, |t, p| t.or(p.any_allow()));
    let bnd_t = boundary
        .as_ref()
        .map_or(Truth::Yes, PolicyResult::any_allow);
    let sess_t = session.as_ref().map_or(Truth::Yes, PolicyResult::any_allow);
    let res_direct = resource
        .as_ref()
        .map_or(Truth::No, |p| p.allow(Grant::Direct, Some(Grant::Direct)));
    let res_role = resource
        .as_ref()
        .map_or(Truth::No, |p| p.allow(Grant::RoleArn, Some(Grant::RoleArn)));
    let res_any = resource.as_ref().map_or(Truth::No, PolicyResult::any_allow);
    let cross = r.cross_account();
    let trust = policies
        .resource
        .is_some_and(|p| p.kind == PolicyKind::Trust);

    let identity_path = id_t.clone().and(bnd_t.clone()).and(sess_t.clone());
    let allowed = if cross {
        scp_t
            .clone()
            .and(identity_path.clone())
            .and(res_any.clone())
    } else {
        let role_path = res_role.clone().and(bnd_t.clone()).and(sess_t.clone());
        // A role trust policy must always allow: in the same account an
        // identity-based allow alone does not let a principal assume a role.
        let id_side = if trust {
            identity_path.clone().and(res_any.clone())
        } else {
            identity_path.clone()
        };
        scp_t
            .clone()
            .and(res_direct.clone().or(role_path).or(id_side))
    };

    let mut reasons = Vec::new();
    let mut unknowns: Vec<UnknownCause> = Vec::new();
    let collect_unknowns = |unknowns: &mut Vec<UnknownCause>| {
        for p in &all {
            for u in &p.deny_maybe {
                add_unknown(unknowns, u);
            }
            for (u, _) in &p.allow_maybe {
                add_unknown(unknowns, u);
            }
        }
    };

    if allowed.is_no() {
        if !scp_t.is_yes() {
            for (p, res) in policies.scps.iter().zip(&scps) {
                if res.any_allow().is_no() {
                    reasons.push(format!("the SCP {} does not allow the action", p.id));
                }
            }
        }
        if id_t.is_no() {
            reasons.push("no identity-based policy allows the action".into());
        }
        if bnd_t.is_no() {
            reasons.push("the permissions boundary does not allow the action".into());
        }
        if sess_t.is_no() {
            reasons.push("the session policy does not allow the action".into());
        }
        if (cross || trust) && res_any.is_no() {
            reasons.push(
                "cross-account request: the resource-based policy does not allow the principal"
                    .into(),
            );
        } else if !cross && resource.is_some() && res_direct.is_no() && res_role.is_no() {
            reasons.push(
                "the resource-based policy does not grant to the principal on its own".into(),
            );
        }
        if deny.is_maybe() {
            reasons.push("an explicit Deny may also apply (its conditions are unknown)".into());
            for p in &all {
                for u in &p.deny_maybe {
                    add_unknown(&mut unknowns, u);
                }
            }
        }
        return Evaluation {
            decision: Decision::ImplicitDeny,
            statements: Vec::new(),
            unknowns,
            reasons,
        };
    }
    if deny.is_maybe() || allowed.is_maybe() {
        collect_unknowns(&mut unknowns);
        if deny.is_maybe() {
            reasons.push("an explicit Deny may apply: its applicability is unknown".into());
        }
        if allowed.is_maybe() {
            reasons.push("whether an Allow applies is unknown".into());
        }
        return Evaluation {
            decision: Decision::Unknown,
            statements: Vec::new(),
            unknowns,
            reasons,
        };
    }
    // Allowed: cite the grants that decided.
    let mut statements = Vec::new();
    let yes = |p: &PolicyResult, min: Grant, only: Option<Grant>| -> Vec<StatementRef> {
        p.allow_yes
            .iter()
            .filter(|(_, g)| match only {
                Some(o) => *g == o,
                None => *g >= min,
            })
            .map(|(s, _)| s.clone())
            .collect()
    };
    let limits = |statements: &mut Vec<StatementRef>| {
        if let Some(b) = &boundary {
            statements.extend(yes(b, Grant::Account, None));
        }
        if let Some(s) = &session {
            statements.extend(yes(s, Grant::Account, None));
        }
    };
    if cross {
        for p in &identity {
            statements.extend(yes(p, Grant::Account, None));
        }
        limits(&mut statements);
        if let Some(res) = &resource {
            statements.extend(yes(res, Grant::Account, None));
        }
        reasons.push(
            "cross-account: allowed by the identity side and the resource-based policy".into(),
        );
    } else if res_direct.is_yes() {
        if let Some(res) = &resource {
            statements.extend(yes(res, Grant::Direct, Some(Grant::Direct)));
        }
        reasons.push("a resource-based policy grants to the principal directly".into());
    } else if res_role.is_yes() && bnd_t.is_yes() && sess_t.is_yes() && !identity_path.is_yes() {
        if let Some(res) = &resource {
            statements.extend(yes(res, Grant::RoleArn, Some(Grant::RoleArn)));
        }
        limits(&mut statements);
        reasons.push(
            "a resource-based policy grants to the role (within the boundary and session policy)"
                .into(),
        );
    } else {
        for p in &identity {
            statements.extend(yes(p, Grant::Account, None));
        }
        limits(&mut statements);
        if trust && let Some(res) = &resource {
            statements.extend(yes(res, Grant::Account, None));
        }
        reasons.push("an identity-based policy allows the action".into());
    }
    for p in &scps {
        statements.extend(yes(p, Grant::Account, None));
    }
    Evaluation {
        decision: Decision::Allowed,
        statements,
        unknowns,
        reasons,
    }
}
