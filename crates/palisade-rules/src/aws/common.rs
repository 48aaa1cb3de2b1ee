//! Helpers shared by the AWS rules: walking policy statements and network
//! rules with three-valued results.

use palisade_engine::{Ctx, Sink};
use palisade_model::Span;
use palisade_views::Tri;
use palisade_views::aws::ec2::{Direction, NetRule};
use palisade_views::aws::iam::{Policy, PolicyKind, Statement};

/// The verdict of one statement or one rule element.
pub enum V {
    Pass,
    Fail(Span, String),
    Unknown(String, Span),
}

/// Checks every policy selected by `filter`, one result per policy: the
/// first failing statement fails it; otherwise an unreadable statement makes
/// it unknown; otherwise it passes.
pub fn each_policy(
    cx: &Ctx<'_>,
    out: &mut Sink,
    filter: impl Fn(&Policy) -> bool,
    stmt: impl Fn(&Policy, &Statement) -> V,
) {
    for p in cx.views.aws.iam.policies.iter().filter(|p| filter(p)) {
        match &p.doc {
            Tri::Absent(_) => {}
            Tri::Unknown(why, s) => {
                out.unknown(
                    p.resource,
                    s.clone(),
                    &p.attr,
                    why.clone(),
                    "the policy document could not be read",
                );
            }
            Tri::Known(doc, _) => {
                let mut unknown: Option<(String, Span)> = doc.unknown.clone();
                let mut failed = false;
                for st in &doc.statements {
                    match stmt(p, st) {
                        V::Pass => {}
                        V::Fail(s, m) => {
                            out.fail(p.resource, s, &p.attr, m)
                                .related(p.span.clone(), "policy document");
                            failed = true;
                            break;
                        }
                        V::Unknown(w, s) => {
                            if unknown.is_none() {
                                unknown = Some((w, s));
                            }
                        }
                    }
                }
                if failed {
                    continue;
                }
                match unknown {
                    Some((w, s)) => {
                        out.unknown(p.resource, s, &p.attr, w, "a statement could not be read");
                    }
                    None => {
                        out.pass(p.resource, p.span.clone(), &p.attr);
                    }
                }
            }
        }
    }
}

pub fn identity(p: &Policy) -> bool {
    p.kind == PolicyKind::Identity
}

/// Effect known `Allow` → continue; `Deny` → pass; unknown → unknown.
pub fn allow_or(st: &Statement) -> Option<V> {
    match &st.effect {
        Tri::Known(_, _) if st.is_allow() => None,
        Tri::Known(_, _) => Some(V::Pass),
        Tri::Unknown(w, s) => Some(V::Unknown(w.clone(), s.clone())),
        Tri::Absent(_) => Some(V::Pass),
    }
}

/// Condition keys that narrow who a public principal really is.
pub const NARROWING_KEYS: &[&str] = &[
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceorgid",
    "aws:userid",
    "aws:username",
    "aws:calledvia",
    "kms:callervia",
    "kms:viaservice",
    "kms:calleraccount",
    "s3:dataaccesspointaccount",
];

/// An `Allow` to everyone (`*`) with no condition narrowing the caller.
pub fn public_statement(st: &Statement) -> V {
    if let Some(v) = allow_or(st) {
        return v;
    }
    if let Some(s) = st.principals.public() {
        if let Some((w, cs)) = &st.condition_unknown {
            return V::Unknown(w.clone(), cs.clone());
        }
        let narrowed = st
            .conditions
            .iter()
            .any(|c| NARROWING_KEYS.contains(&c.key.as_str()));
        if !narrowed {
            return V::Fail(
                s.clone(),
                "the policy allows any principal (`*`) without a condition that narrows the caller"
                    .into(),
            );
        }
        return V::Pass;
    }
    if let Some((w, s)) = &st.principals.opaque {
        return V::Unknown(w.clone(), s.clone());
    }
    V::Pass
}

/// Direction of a network rule: known equal to `d`.
fn direction_is(r: &NetRule, d: Direction) -> Tri<bool> {
    r.direction.clone().map(|x| x == d)
}

/// Judges every ingress (or egress) rule that is open to the internet on
/// one of `ports` (or on all ports when `ports` is empty). NACL deny rules
/// pass.
pub fn open_ports(
    cx: &Ctx<'_>,
    out: &mut Sink,
    nacl: bool,
    dir: Direction,
    ports: &[i64],
    what: &str,
) {
    for r in cx.views.aws.ec2.rules.iter().filter(|r| r.nacl == nacl) {
        let attr = if r.attr.is_empty() {
            "cidr_blocks"
        } else {
            r.attr.as_str()
        };
        let verdict = match net_verdict(r, dir, ports) {
            V::Fail(..) if denied_earlier(r, &cx.views.aws.ec2.rules, dir, ports) => V::Pass,
            v => v,
        };
        match verdict {
            V::Pass => {
                if !matches!(direction_is(r, dir), Tri::Known(false, _)) {
                    out.pass(r.resource, r.span.clone(), attr);
                }
            }
            V::Fail(s, port) => {
                out.fail(
                    r.resource,
                    s,
                    attr,
                    format!("{what} ({port}) is open to the internet"),
                )
                .related(r.span.clone(), "rule");
            }
            V::Unknown(w, s) => {
                out.unknown(
                    r.resource,
                    s,
                    attr,
                    w,
                    format!("{what} may be open to the internet"),
                );
            }
        }
    }
}

fn net_verdict(r: &NetRule, dir: Direction, ports: &[i64]) -> V {
    match direction_is(r, dir) {
        Tri::Known(true, _) => {}
        Tri::Known(false, _) | Tri::Absent(_) => return V::Pass,
        Tri::Unknown(w, s) => return V::Unknown(w, s),
    }
    match r.is_allow() {
        Tri::Known(true, _) => {}
        Tri::Known(false, _) | Tri::Absent(_) => return V::Pass,
        Tri::Unknown(w, s) => return V::Unknown(w, s),
    }
    let world = r.open_to_world();
    let mut unknown = match world {
        Tri::Known(false, _) | Tri::Absent(_) => return V::Pass,
        Tri::Known(true, _) => None,
        Tri::Unknown(w, s) => Some((w, s)),
    };
    let wspan = r.world().map(|(_, s)| s.clone()).unwrap_or(r.span.clone());
    let covered = if ports.is_empty() {
        match r.all_ports() {
            Tri::Known(true, _) => Some("all ports".to_string()),
            Tri::Unknown(w, s) => {
                unknown.get_or_insert((w, s));
                None
            }
            _ => None,
        }
    } else {
        let mut hit = None;
        for p in ports {
            match r.covers_port(*p) {
                Tri::Known(true, _) => {
                    hit = Some(format!("port {p}"));
                    break;
                }
                Tri::Unknown(w, s) => {
                    unknown.get_or_insert((w, s));
                }
                _ => {}
            }
        }
        hit
    };
    match (covered, unknown) {
        (Some(p), None) => V::Fail(wspan, p),
        (Some(p), Some(_)) if r.world().is_some() => V::Fail(wspan, p),
        (_, Some((w, s))) => {
            // Unknown only matters if the rest could still make it fail.
            if r.world().is_none() && ports_covered_known_false(r, ports) {
                V::Pass
            } else {
                V::Unknown(w, s)
            }
        }
        (None, None) => V::Pass,
    }
}

/// A network ACL evaluates its rules by increasing number and the first
/// match decides: an allow from the internet is harmless when a deny of
/// the internet with a lower number in the same ACL and direction covers
/// every port of interest that the allow opens.
fn denied_earlier(r: &NetRule, all: &[NetRule], dir: Direction, ports: &[i64]) -> bool {
    let (true, Some(acl), Tri::Known(n, _)) = (r.nacl, r.group, &r.rule_no) else {
        return false;
    };
    let same_protocol = |d: &NetRule| match (&d.protocol, &r.protocol) {
        (Tri::Known(dp, _), _) if dp == "-1" || dp == "all" => true,
        (Tri::Known(dp, _), Tri::Known(rp, _)) => dp == rp,
        _ => false,
    };
    let denies: Vec<&NetRule> = all
        .iter()
        .filter(|d| {
            d.nacl
                && d.group == Some(acl)
                && matches!(direction_is(d, dir), Tri::Known(true, _))
                && matches!(&d.action, Tri::Known(a, _) if a == "deny")
                && matches!(&d.rule_no, Tri::Known(m, _) if m < n)
                && matches!(d.open_to_world(), Tri::Known(true, _))
                && same_protocol(d)
        })
        .collect();
    if ports.is_empty() {
        return denies
            .iter()
            .any(|d| matches!(d.all_ports(), Tri::Known(true, _)));
    }
    ports
        .iter()
        .filter(|p| matches!(r.covers_port(**p), Tri::Known(true, _)))
        .all(|p| {
            denies
                .iter()
                .any(|d| matches!(d.covers_port(*p), Tri::Known(true, _)))
        })
}

fn ports_covered_known_false(r: &NetRule, ports: &[i64]) -> bool {
    if ports.is_empty() {
        return matches!(r.all_ports(), Tri::Known(false, _));
    }
    ports
        .iter()
        .all(|p| matches!(r.covers_port(*p), Tri::Known(false, _)))
}

/// Remote administration ports.
pub const ADMIN_PORTS: &[i64] = &[22, 3389];
/// Database and cache ports.
pub const DB_PORTS: &[i64] = &[
    1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 7000, 7001, 8020, 9042, 9160, 9200, 9300,
    11211, 27017, 27018, 27019, 50070,
];
/// Other remote-access and legacy cleartext ports.
pub const OTHER_REMOTE_PORTS: &[i64] = &[
    20, 21, 23, 135, 137, 138, 139, 445, 2375, 2376, 5500, 5800, 5900, 5985, 5986, 6443, 10250,
];

/// Scopes (configurations) that turn EBS encryption by default on with
/// `aws_ebs_encryption_by_default` (whose `enabled` defaults to true).
pub fn ebs_default_scopes(cx: &Ctx<'_>) -> Vec<std::sync::Arc<str>> {
    cx.model
        .of_type("aws_ebs_encryption_by_default")
        .filter(|(_, r)| r.attr("enabled").known().and_then(|n| n.as_bool()) != Some(false))
        .filter(|(_, r)| !r.attr("enabled").is_unknown())
        .map(|(_, r)| r.scope.clone())
        .collect()
}
