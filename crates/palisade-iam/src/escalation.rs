//! Privilege escalation: a catalogue of techniques (data in
//! `data/escalations.json`), each step evaluated with the evaluator, and a
//! search for multi-step paths from a principal to admin-equivalent power.

use std::collections::{BTreeMap, VecDeque};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::eval::{Decision, PolicyRefs, PrincipalKind, Request, StatementRef, evaluate_refs};
use crate::policy::{Effect, Policy};
use crate::truth::Truth;

static DATA: &str = include_str!("../data/escalations.json");

/// What a technique acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// The actor itself.
    #[serde(rename = "self")]
    SelfTarget,
    /// A managed policy attached to the actor (or its groups).
    Policy,
    /// A group the actor is a member of.
    OwnGroup,
    /// Any group.
    Group,
    /// Another IAM user.
    User,
    /// A role.
    Role,
}

/// What a technique yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Yield {
    /// Admin-equivalent power for the actor.
    Admin,
    /// The target principal's permissions.
    Principal,
    /// The target becomes admin-equivalent.
    TargetAdmin,
    /// The target group's permissions.
    Group,
    /// The actor's permissions boundary goes away.
    DropBoundary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub action: String,
    /// Resource template: `{target}`, `{self}`, `{partition}`, `{account}`,
    /// `{region}` placeholders.
    pub resource: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Technique {
    pub id: String,
    pub title: String,
    pub target: TargetKind,
    pub yields: Yield,
    pub requires: Vec<Requirement>,
    /// For role techniques: the service the role must trust
    /// (`lambda.amazonaws.com`), or `@trust` for `sts:AssumeRole` (the
    /// role's trust policy is evaluated as the resource policy).
    #[serde(default)]
    pub service: Option<String>,
    /// Only for actors of this kind (`user`, `role`).
    #[serde(default)]
    pub actor: Option<String>,
    /// An assumption the technique makes about existing resources.
    #[serde(default)]
    pub assumes: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize)]
struct TechniqueFile {
    techniques: Vec<Technique>,
}

/// The bundled technique catalogue.
pub fn techniques() -> &'static [Technique] {
    static T: OnceLock<Vec<Technique>> = OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str::<TechniqueFile>(DATA)
            .map(|f| f.techniques)
            .unwrap_or_default()
    })
}

/// A principal of the estate.
#[derive(Clone, Debug, Default)]
pub struct Principal {
    /// `arn:aws:iam::123456789012:user/alice` or `...:role/deploy`.
    pub arn: String,
    /// Inline and attached managed policies (not those of its groups).
    pub identity: Vec<Policy>,
    pub boundary: Option<Policy>,
    /// For roles: the trust policy.
    pub trust: Option<Policy>,
    /// ARNs of the groups a user belongs to.
    pub groups: Vec<String>,
    /// ARNs of the customer managed policies attached to it.
    pub managed_policy_arns: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Group {
    pub arn: String,
    pub identity: Vec<Policy>,
    pub managed_policy_arns: Vec<String>,
}

/// The principals to analyse.
#[derive(Clone, Debug, Default)]
pub struct Estate {
    pub principals: Vec<Principal>,
    pub groups: Vec<Group>,
    /// SCP levels applying to every principal (see [`crate::PolicySet::scps`]).
    pub scps: Vec<Policy>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub technique: String,
    pub title: String,
    pub actor: String,
    pub target: Option<String>,
    pub yields: Yield,
    /// Statements that allow each required action.
    pub grants: Vec<StatementRef>,
    /// Why the step is uncertain (unknown conditions); empty if certain.
    pub unknowns: Vec<String>,
    pub assumes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EscalationPath {
    pub principal: String,
    pub steps: Vec<Step>,
    /// True if every step is certainly allowed.
    pub certain: bool,
}

/// Actions probed to decide admin-equivalence: all must be allowed on `*`.
pub const ADMIN_SENTINELS: &[&str] = &[
    "iam:PutRolePolicy",
    "iam:AttachUserPolicy",
    "iam:CreateAccessKey",
    "s3:GetObject",
    "ec2:RunInstances",
    "kms:Decrypt",
    "organizations:ListAccounts",
];

fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
}
fn partition_of(arn: &str) -> &str {
    arn.split(':').nth(1).unwrap_or("aws")
}

fn is_user(arn: &str) -> bool {
    matches!(PrincipalKind::parse(arn), PrincipalKind::User { .. })
}
fn is_role(arn: &str) -> bool {
    matches!(PrincipalKind::parse(arn), PrincipalKind::Role { .. })
}

struct Ctx<'a> {
    estate: &'a Estate,
    groups: BTreeMap<&'a str, &'a Group>,
}

impl<'a> Ctx<'a> {
    /// Identity policies of a principal, including its groups' and extra
    /// ones.
    fn refs(&self, p: &'a Principal, extra: Option<&'a Group>, boundary: bool) -> PolicyRefs<'a> {
        let mut identity: Vec<&Policy> = p.identity.iter().collect();
        for g in &p.groups {
            if let Some(g) = self.groups.get(g.as_str()) {
                identity.extend(g.identity.iter());
            }
        }
        if let Some(g) = extra {
            identity.extend(g.identity.iter());
        }
        PolicyRefs {
            identity,
            resource: None,
            boundary: if boundary { p.boundary.as_ref() } else { None },
            scps: self.estate.scps.iter().collect(),
            session: None,
        }
    }
}

/// Whether the refs allow every sentinel action on `*`.
fn admin_truth(arn: &str, refs: &PolicyRefs<'_>) -> (Truth, Vec<StatementRef>) {
    let mut t = Truth::Yes;
    let mut grants = Vec::new();
    for a in ADMIN_SENTINELS {
        let req = Request::new(arn, a, "*");
        let e = evaluate_refs(&req, refs);
        let d = decision_truth(&e.decision, &e.unknowns);
        if d.is_yes() {
            for s in e.statements {
                if !grants.contains(&s) {
                    grants.push(s);
                }
            }
        }
        t = t.and(d);
        if t.is_no() {
            break;
        }
    }
    (t, grants)
}

fn decision_truth(d: &Decision, unknowns: &[crate::eval::UnknownCause]) -> Truth {
    match d {
        Decision::Allowed => Truth::Yes,
        Decision::ImplicitDeny | Decision::ExplicitDeny => Truth::No,
        Decision::Unknown => Truth::Maybe(
            unknowns
                .iter()
                .flat_map(|u| {
                    u.reasons.iter().map(move |r| {
                        format!(
                            "{} #{}: {r}",
                            u.statement.policy,
                            u.statement.index.map_or(0, |i| i)
                        )
                    })
                })
                .collect(),
        ),
    }
}

/// Is the principal admin-equivalent? (All [`ADMIN_SENTINELS`] allowed.)
pub fn is_admin_equivalent(estate: &Estate, principal: &Principal) -> Truth {
    let ctx = Ctx::new(estate);
    admin_truth(&principal.arn, &ctx.refs(principal, None, true)).0
}

impl<'a> Ctx<'a> {
    fn new(estate: &'a Estate) -> Self {
        Ctx {
            estate,
            groups: estate.groups.iter().map(|g| (g.arn.as_str(), g)).collect(),
        }
    }
}

/// Quick filter: does some Allow statement name this action at all?
fn may_allow(refs: &PolicyRefs<'_>, action: &str) -> bool {
    refs.identity.iter().any(|p| {
        p.broken.is_some()
            || p.statements.iter().any(|s| {
                s.effect != Some(Effect::Deny)
                    && match &s.action {
                        Some(a) => {
                            a.items.iter().any(|x| x.pattern.matches_plain(action)) != a.negated
                        }
                        None => true,
                    }
            })
    })
}

fn fill(template: &str, actor: &str, target: &str) -> String {
    let acct_src = if target.starts_with("arn:") {
        target
    } else {
        actor
    };
    template
        .replace("{target}", target)
        .replace("{self}", actor)
        .replace("{partition}", partition_of(actor))
        .replace("{account}", account_of(acct_src))
        .replace("{region}", "us-east-1")
}

/// Trust policy allows the service to assume the role?
fn trusts_service(role: &Principal, service: &str) -> Truth {
    let Some(trust) = &role.trust else {
        return Truth::maybe(format!("the trust policy of {} is not known", role.arn));
    };
    let req = Request::new(service, "sts:AssumeRole", &role.arn);
    let refs = PolicyRefs {
        resource: Some(trust),
        ..PolicyRefs::default()
    };
    let e = evaluate_refs(&req, &refs);
    decision_truth(&e.decision, &e.unknowns)
}

/// Evaluates one technique for actor → target.
fn try_technique(
    ctx: &Ctx<'_>,
    t: &Technique,
    actor: &Principal,
    refs: &PolicyRefs<'_>,
    target: &str,
    target_principal: Option<&Principal>,
) -> Option<Step> {
    let mut truth = Truth::Yes;
    let mut grants = Vec::new();
    if let (Some(svc), Some(tp)) = (&t.service, target_principal)
        && svc != "@trust"
    {
        truth = truth.and(trusts_service(tp, svc));
        if truth.is_no() {
            return None;
        }
    }
    for r in &t.requires {
        let resource = fill(&r.resource, &actor.arn, target);
        let mut req = Request::new(&actor.arn, &r.action, &resource);
        if r.action.eq_ignore_ascii_case("iam:PassRole")
            && let Some(svc) = t.service.as_deref().filter(|s| !s.starts_with('@'))
        {
            req = req.with_context("iam:PassedToService", svc);
        }
        let mut refs = refs.clone();
        if t.service.as_deref() == Some("@trust") && r.action.eq_ignore_ascii_case("sts:AssumeRole")
        {
            refs.resource = target_principal.and_then(|p| p.trust.as_ref());
            if refs.resource.is_none() {
                truth = truth.and(Truth::maybe(format!(
                    "the trust policy of {target} is not known"
                )));
            }
        }
        let e = evaluate_refs(&req, &refs);
        let d = decision_truth(&e.decision, &e.unknowns);
        if d.is_yes() {
            grants.extend(e.statements);
        } else if d.is_maybe() {
            grants.extend(e.unknowns.iter().map(|u| u.statement.clone()));
        }
        truth = truth.and(d);
        if truth.is_no() {
            return None;
        }
    }
    let _ = ctx;
    Some(Step {
        technique: t.id.clone(),
        title: t.title.clone(),
        actor: actor.arn.clone(),
        target: (target != actor.arn).then(|| target.to_string()),
        yields: t.yields,
        grants,
        unknowns: truth.reasons().to_vec(),
        assumes: t.assumes.clone(),
    })
}

enum Edge {
    /// actor → admin directly.
    Admin(Step),
    /// actor gains principal `usize`.
    Become(usize, Step),
    /// actor makes principal `usize` admin.
    MakeAdmin(usize, Step),
}

/// Finds escalation paths to admin-equivalent power for every principal
/// that is not already admin-equivalent. Paths whose steps are all certain
/// are preferred; otherwise a path with unknown steps is reported with
/// `certain: false`.
pub fn find_escalations(estate: &Estate) -> Vec<EscalationPath> {
    let ctx = Ctx::new(estate);
    let techs = techniques();
    let n = estate.principals.len();
    let admin: Vec<(Truth, Vec<StatementRef>)> = estate
        .principals
        .iter()
        .map(|p| admin_truth(&p.arn, &ctx.refs(p, None, true)))
        .collect();
    let mut edges: Vec<Vec<Edge>> = (0..n).map(|_| Vec::new()).collect();
    for (ai, actor) in estate.principals.iter().enumerate() {
        if admin[ai].0.is_yes() {
            continue;
        }
        let refs = ctx.refs(actor, None, true);
        let user = is_user(&actor.arn);
        for t in techs {
            match t.actor.as_deref() {
                Some("user") if !user => continue,
                Some("role") if !is_role(&actor.arn) => continue,
                _ => {}
            }
            if !t.requires.iter().all(|r| may_allow(&refs, &r.action)) {
                continue;
            }
            match t.target {
                TargetKind::SelfTarget => {
                    let Some(step) = try_technique(&ctx, t, actor, &refs, &actor.arn, None) else {
                        continue;
                    };
                    if t.yields == Yield::DropBoundary {
                        if actor.boundary.is_none() {
                            continue;
                        }
                        let (a, _) = admin_truth(&actor.arn, &ctx.refs(actor, None, false));
                        if a.is_no() {
                            continue;
                        }
                        let mut step = step;
                        step.unknowns.extend(a.reasons().iter().cloned());
                        edges[ai].push(Edge::Admin(step));
                    } else {
                        edges[ai].push(Edge::Admin(step));
                    }
                }
                TargetKind::Policy => {
                    let mut arns: Vec<&str> = actor
                        .managed_policy_arns
                        .iter()
                        .map(String::as_str)
                        .collect();
                    for g in &actor.groups {
                        if let Some(g) = ctx.groups.get(g.as_str()) {
                            arns.extend(g.managed_policy_arns.iter().map(String::as_str));
                        }
                    }
                    for arn in arns {
                        if let Some(step) = try_technique(&ctx, t, actor, &refs, arn, None) {
                            edges[ai].push(Edge::Admin(step));
                            break;
                        }
                    }
                }
                TargetKind::OwnGroup => {
                    for g in &actor.groups {
                        if let Some(step) = try_technique(&ctx, t, actor, &refs, g, None) {
                            edges[ai].push(Edge::Admin(step));
                            break;
                        }
                    }
                }
                TargetKind::Group => {
                    for g in &estate.groups {
                        if actor.groups.contains(&g.arn) {
                            continue;
                        }
                        let (a, _) = admin_truth(&actor.arn, &ctx.refs(actor, Some(g), true));
                        if a.is_no() {
                            continue;
                        }
                        if let Some(mut step) = try_technique(&ctx, t, actor, &refs, &g.arn, None) {
                            step.unknowns.extend(a.reasons().iter().cloned());
                            edges[ai].push(Edge::Admin(step));
                            break;
                        }
                    }
                }
                TargetKind::User | TargetKind::Role => {
                    for (xi, x) in estate.principals.iter().enumerate() {
                        if xi == ai {
                            continue;
                        }
                        let kind_ok = if t.target == TargetKind::User {
                            is_user(&x.arn)
                        } else {
                            is_role(&x.arn)
                        };
                        if !kind_ok {
                            continue;
                        }
                        if let Some(step) = try_technique(&ctx, t, actor, &refs, &x.arn, Some(x)) {
                            edges[ai].push(match t.yields {
                                Yield::TargetAdmin => Edge::MakeAdmin(xi, step),
                                _ => Edge::Become(xi, step),
                            });
                        }
                    }
                }
            }
        }
    }

    let mut out = Vec::new();
    for (pi, p) in estate.principals.iter().enumerate() {
        if admin[pi].0.is_yes() {
            continue;
        }
        let found = search(pi, &admin, &edges, true).or_else(|| search(pi, &admin, &edges, false));
        if let Some(steps) = found {
            let certain = steps.iter().all(|s| s.unknowns.is_empty());
            out.push(EscalationPath {
                principal: p.arn.clone(),
                steps,
                certain,
            });
        }
    }
    out
}

/// BFS over "become" edges from `start`; returns the shortest path found.
fn search(
    start: usize,
    admin: &[(Truth, Vec<StatementRef>)],
    edges: &[Vec<Edge>],
    certain_only: bool,
) -> Option<Vec<Step>> {
    let ok = |s: &Step| !certain_only || s.unknowns.is_empty();
    let n = edges.len();
    let mut parent: Vec<Option<(usize, &Step)>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    let mut q = VecDeque::new();
    if let Some(s) = seen.get_mut(start) {
        *s = true;
    }
    q.push_back(start);
    while let Some(u) = q.pop_front() {
        order.push(u);
        for e in edges.get(u).map(Vec::as_slice).unwrap_or(&[]) {
            if let Edge::Become(x, s) = e
                && ok(s)
                && !seen.get(*x).copied().unwrap_or(true)
            {
                seen[*x] = true;
                parent[*x] = Some((u, s));
                q.push_back(*x);
            }
        }
    }
    let path_to = |mut x: usize| -> Vec<Step> {
        let mut steps = Vec::new();
        while let Some((u, s)) = parent.get(x).copied().flatten() {
            steps.push(s.clone());
            x = u;
        }
        steps.reverse();
        steps
    };
    for &q in &order {
        if q != start {
            let (t, grants) = &admin[q];
            if t.is_yes() || (!certain_only && t.is_maybe()) {
                let mut steps = path_to(q);
                if let Some(last) = steps.last_mut() {
                    if t.is_maybe() {
                        last.unknowns.extend(t.reasons().iter().cloned());
                    }
                    for g in grants {
                        if !last.grants.contains(g) {
                            last.grants.push(g.clone());
                        }
                    }
                }
                return Some(steps);
            }
        }
        for e in edges.get(q).map(Vec::as_slice).unwrap_or(&[]) {
            match e {
                Edge::Admin(s) if ok(s) => {
                    let mut steps = path_to(q);
                    steps.push(s.clone());
                    return Some(steps);
                }
                Edge::MakeAdmin(x, s) if ok(s) && seen.get(*x).copied().unwrap_or(false) => {
                    let mut steps = path_to(q);
                    steps.push(s.clone());
                    steps.extend(path_to(*x));
                    return Some(steps);
                }
                _ => {}
            }
        }
    }
    None
}
