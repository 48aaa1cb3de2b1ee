//! `palisade iam`: who can do what to which resource, and why.
//!
//! Exit codes: 0 whatever the decision; 2 on usage or tool errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use palisade_iam::{
    Decision, Estate, EstateOptions, Evaluation, ExternalPrincipal, IamModel, Policy, PolicyKind,
    PolicyRefs, PolicySource, Request, StatementRef, estate_from_model, evaluate_external,
    evaluate_refs, find_escalations,
};
use palisade_scan::{FileKind, ScanOptions};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Args)]
pub struct IamArgs {
    #[command(subcommand)]
    cmd: IamCmd,
}

#[derive(Subcommand)]
enum IamCmd {
    /// Can this principal do this action on this resource? (from IaC)
    Can(CanArgs),
    /// Which principals can do this action on this resource? (from IaC)
    WhoCan(WhoCanArgs),
    /// Privilege-escalation paths of the principals declared in IaC.
    Escalations(EscArgs),
    /// Evaluate plain JSON policies, without IaC.
    Eval(EvalArgs),
}

#[derive(Args)]
struct Common {
    /// Account ID used for the ARNs of declared principals and resources; SCPs
    /// attached to another account id are not applied.
    #[arg(long, default_value = "123456789012")]
    account: String,
    /// Region used for the ARNs of declared resources.
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Files or directories to read (Terraform, plan JSON, CloudFormation, policy JSON).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
}

#[derive(Args)]
struct CanArgs {
    /// Terraform address, CloudFormation logical id, name or ARN of the principal.
    #[arg(long)]
    principal: String,
    #[arg(long)]
    action: String,
    /// Resource ARN (or the address of a declared resource with a policy).
    #[arg(long)]
    resource: String,
    /// Request context, KEY=VALUE; a key given several times is multi-valued.
    #[arg(long = "context")]
    context: Vec<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct WhoCanArgs {
    #[arg(long)]
    action: String,
    #[arg(long)]
    resource: String,
    #[arg(long = "context")]
    context: Vec<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct EscArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct EvalArgs {
    #[arg(long)]
    principal: String,
    #[arg(long)]
    action: String,
    #[arg(long)]
    resource: String,
    #[arg(long = "identity-policy")]
    identity_policy: Vec<PathBuf>,
    #[arg(long = "resource-policy")]
    resource_policy: Option<PathBuf>,
    #[arg(long)]
    boundary: Option<PathBuf>,
    /// SCP levels (root first); repeat for each level.
    #[arg(long)]
    scp: Vec<PathBuf>,
    #[arg(long = "session-policy")]
    session_policy: Option<PathBuf>,
    #[arg(long = "context")]
    context: Vec<String>,
    /// The context is the whole request: missing keys are absent, not unknown.
    #[arg(long)]
    context_complete: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(a: IamArgs) -> Result<u8> {
    match a.cmd {
        IamCmd::Can(a) => can(a),
        IamCmd::WhoCan(a) => who_can(a),
        IamCmd::Escalations(a) => escalations(a),
        IamCmd::Eval(a) => eval(a),
    }
}

fn context(pairs: &[String]) -> Result<BTreeMap<String, Vec<String>>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in pairs {
        let Some((k, v)) = p.split_once('=') else {
            bail!("--context {p:?}: expected KEY=VALUE");
        };
        m.entry(k.to_string()).or_default().push(v.to_string());
    }
    Ok(m)
}

fn load(path: &Path, kind: PolicyKind) -> Result<Policy> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let p = Policy::parse(&text, &PolicySource::new(&path.display().to_string(), kind));
    for d in &p.diagnostics {
        eprintln!("palisade: {}: {}", d.span, d.message);
    }
    Ok(p)
}

fn build(c: &Common) -> Result<IamModel> {
    let opts = ScanOptions {
        paths: c.paths.clone(),
        // `All` makes discovery list the other files (plain policy JSON);
        // `parse` runs no secrets detection.
        secrets: palisade_scan::SecretsMode::All,
        ..Default::default()
    };
    let (root, files, _, model, _) = palisade_scan::parse(&opts)?;
    let eopts = EstateOptions {
        account: c.account.clone(),
        region: c.region.clone(),
    };
    let read = |p: &str| std::fs::read_to_string(root.join(p)).ok();
    let mut m = estate_from_model(&model, &eopts, &read);
    for f in &files {
        if f.kind == FileKind::Other
            && f.path.ends_with(".json")
            && let Some(t) = read(&f.path)
            && palisade_iam::estate_from_model::looks_like_policy(&t)
        {
            m.add_policy_file(&f.path, &t, &eopts);
        }
    }
    Ok(m)
}

fn stmt_line(s: &StatementRef) -> String {
    let sid = s
        .sid
        .as_deref()
        .map(|s| format!(" {s:?}"))
        .unwrap_or_default();
    let idx = s.index.map(|i| format!(" #{i}")).unwrap_or_default();
    let eff = s.effect.map(|e| format!(" {e:?}")).unwrap_or_default();
    format!(
        "{}:{}  {}{idx}{sid}{eff} ({:?})",
        s.span.path, s.span.start_line, s.policy, s.kind
    )
}

fn print_eval(e: &Evaluation, indent: &str) {
    for s in &e.statements {
        println!("{indent}statement {}", stmt_line(s));
    }
    for u in &e.unknowns {
        for r in &u.reasons {
            println!("{indent}unknown   {}: {r}", stmt_line(&u.statement));
        }
    }
    for r in &e.reasons {
        println!("{indent}reason    {r}");
    }
}

/// The resource-based policy of a request: the target role's trust policy
/// for `sts:AssumeRole*` on a declared role, else the resource's policy.
fn governing<'a>(
    m: &'a IamModel,
    req: &Request,
    resource_policy: Option<&'a Policy>,
) -> Option<&'a Policy> {
    let is_assume = req
        .action
        .to_ascii_lowercase()
        .starts_with("sts:assumerole");
    let trust = if is_assume {
        m.estate
            .principals
            .iter()
            .find(|t| t.arn == req.resource_arn)
            .and_then(|t| t.trust.as_ref())
    } else {
        None
    };
    trust.or(resource_policy)
}

/// Evaluates a request for principal `k` of the estate.
fn evaluate_for(
    m: &IamModel,
    k: usize,
    req: &Request,
    resource_policy: Option<&Policy>,
) -> Evaluation {
    let est: &Estate = &m.estate;
    let p = &est.principals[k];
    let mut identity: Vec<&Policy> = p.identity.iter().collect();
    for g in &p.groups {
        if let Some(g) = est.groups.iter().find(|x| &x.arn == g) {
            identity.extend(g.identity.iter());
        }
    }
    let refs = PolicyRefs {
        identity,
        resource: governing(m, req, resource_policy),
        boundary: p.boundary.as_ref(),
        scps: est.scps.iter().collect(),
        session: None,
    };
    evaluate_refs(req, &refs)
}

fn request(
    m: &IamModel,
    principal: &str,
    action: &str,
    resource: &str,
    ctx: &BTreeMap<String, Vec<String>>,
) -> Request {
    let res = m.resource_arn(resource).unwrap_or_else(|| {
        m.find_principal(resource)
            .filter(|_| !resource.starts_with("arn:"))
            .map_or_else(|| resource.to_string(), |k| m.principals[k].arn.clone())
    });
    let mut req = Request::new(principal, action, &res);
    req.context = ctx.clone();
    req
}

fn can(a: CanArgs) -> Result<u8> {
    let ctx = context(&a.context)?;
    let m = build(&a.common)?;
    let Some(k) = m.find_principal(&a.principal) else {
        bail!(
            "no principal {:?} in the scanned files (give a Terraform address, CloudFormation logical id, name or ARN)",
            a.principal
        );
    };
    let info = &m.principals[k];
    let req = request(&m, &info.arn, &a.action, &a.resource, &ctx);
    let rp = m
        .resource_policy(&a.resource)
        .or_else(|| m.resource_policy(&req.resource_arn));
    let e = evaluate_for(&m, k, &req, rp.as_ref());
    match a.common.format {
        Format::Json => {
            let v = serde_json::json!({
                "principal": {"arn": info.arn, "address": info.address, "location": info.span.to_string()},
                "action": req.action,
                "resource": req.resource_arn,
                "decision": e.decision,
                "statements": e.statements,
                "unknowns": e.unknowns,
                "reasons": e.reasons,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            println!(
                "{}: {} ({}) {} {}",
                e.decision, info.address, info.arn, req.action, req.resource_arn
            );
            print_eval(&e, "  ");
        }
    }
    Ok(0)
}

fn who_can(a: WhoCanArgs) -> Result<u8> {
    let ctx = context(&a.context)?;
    let m = build(&a.common)?;
    let mut allowed = Vec::new();
    let mut unknown = Vec::new();
    for (k, info) in m.principals.iter().enumerate() {
        let req = request(&m, &info.arn, &a.action, &a.resource, &ctx);
        let rp = m
            .resource_policy(&a.resource)
            .or_else(|| m.resource_policy(&req.resource_arn));
        let e = evaluate_for(&m, k, &req, rp.as_ref());
        match e.decision {
            Decision::Allowed => allowed.push((info, e)),
            Decision::Unknown => unknown.push((info, e)),
            _ => {}
        }
    }
    // Principals named only in the resource (or trust) policy.
    let req0 = request(&m, "*", &a.action, &a.resource, &ctx);
    let rp0 = m
        .resource_policy(&a.resource)
        .or_else(|| m.resource_policy(&req0.resource_arn));
    let mut ext_allowed: Vec<(ExternalPrincipal, Evaluation)> = Vec::new();
    let mut ext_unknown: Vec<(ExternalPrincipal, Evaluation)> = Vec::new();
    if let Some(gp) = governing(&m, &req0, rp0.as_ref()) {
        for x in m.external_principals(gp, &a.common.account) {
            let e = evaluate_external(&x, &req0, gp, &a.common.account);
            match e.decision {
                Decision::Allowed => ext_allowed.push((x, e)),
                Decision::Unknown => ext_unknown.push((x, e)),
                _ => {}
            }
        }
    }
    match a.common.format {
        Format::Json => {
            let j = |v: &[(&palisade_iam::PrincipalInfo, Evaluation)]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|(i, e)| {
                        serde_json::json!({"arn": i.arn, "address": i.address, "location": i.span.to_string(),
                            "decision": e.decision, "statements": e.statements, "unknowns": e.unknowns})
                    })
                    .collect()
            };
            let x = |v: &[(ExternalPrincipal, Evaluation)]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|(p, e)| {
                        serde_json::json!({"principal": p.id, "arn": p.arn, "kind": p.kind,
                            "account": p.account, "cross_account": p.cross_account,
                            "decision": e.decision, "statements": e.statements,
                            "unknowns": e.unknowns, "reasons": e.reasons})
                    })
                    .collect()
            };
            let v = serde_json::json!({"action": a.action, "resource": a.resource,
                "allowed": j(&allowed), "unknown": j(&unknown),
                "external": {"allowed": x(&ext_allowed), "unknown": x(&ext_unknown)}});
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            println!("Allowed ({}):", allowed.len());
            for (i, e) in &allowed {
                println!("  {} ({}) at {}", i.address, i.arn, i.span);
                print_eval(e, "    ");
            }
            println!("Unknown ({}):", unknown.len());
            for (i, e) in &unknown {
                println!("  {} ({}) at {}", i.address, i.arn, i.span);
                print_eval(e, "    ");
            }
            if !ext_allowed.is_empty() || !ext_unknown.is_empty() {
                println!("External principals (named only in the resource policy):");
                for (title, v) in [("Allowed", &ext_allowed), ("Unknown", &ext_unknown)] {
                    println!("  {title} ({}):", v.len());
                    for (p, e) in v {
                        let acct = match (&p.account, p.cross_account) {
                            (Some(a), true) => format!(", account {a}, cross-account"),
                            (Some(a), false) => format!(", account {a}"),
                            _ => String::new(),
                        };
                        println!("    {} ({}{acct})", p.id, p.kind);
                        print_eval(e, "      ");
                    }
                }
            }
        }
    }
    Ok(0)
}

fn escalations(a: EscArgs) -> Result<u8> {
    let m = build(&a.common)?;
    let paths = find_escalations(&m.estate);
    let addr = |arn: &str| {
        m.principals
            .iter()
            .find(|p| p.arn == arn)
            .map_or_else(|| arn.to_string(), |p| p.address.clone())
    };
    match a.common.format {
        Format::Json => {
            let v: Vec<serde_json::Value> = paths
                .iter()
                .map(|p| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("address".into(), addr(&p.principal).into());
                    }
                    v
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({"paths": v}))?
            );
        }
        Format::Text => {
            if paths.is_empty() {
                println!(
                    "No privilege-escalation path found ({} principals).",
                    m.principals.len()
                );
            }
            for p in &paths {
                println!(
                    "{} ({}){}:",
                    addr(&p.principal),
                    p.principal,
                    if p.certain { "" } else { " [uncertain]" }
                );
                for (i, s) in p.steps.iter().enumerate() {
                    let target = s
                        .target
                        .as_deref()
                        .map(|t| format!(" -> {}", addr(t)))
                        .unwrap_or_default();
                    println!(
                        "  {}. {} [{}]{target}: {:?}",
                        i + 1,
                        s.title,
                        s.technique,
                        s.yields
                    );
                    let mut seen = Vec::new();
                    for g in &s.grants {
                        let l = stmt_line(g);
                        if !seen.contains(&l) {
                            println!("     granted by {l}");
                            seen.push(l);
                        }
                    }
                    for u in &s.unknowns {
                        println!("     unknown: {u}");
                    }
                    if let Some(x) = &s.assumes {
                        println!("     assumes: {x}");
                    }
                }
            }
        }
    }
    Ok(0)
}

fn eval(a: EvalArgs) -> Result<u8> {
    let ctx = context(&a.context)?;
    let identity = a
        .identity_policy
        .iter()
        .map(|p| load(p, PolicyKind::Identity))
        .collect::<Result<Vec<_>>>()?;
    let resource = a
        .resource_policy
        .as_deref()
        .map(|p| load(p, PolicyKind::Resource))
        .transpose()?;
    let boundary = a
        .boundary
        .as_deref()
        .map(|p| load(p, PolicyKind::Boundary))
        .transpose()?;
    let scps = a
        .scp
        .iter()
        .map(|p| load(p, PolicyKind::Scp))
        .collect::<Result<Vec<_>>>()?;
    let session = a
        .session_policy
        .as_deref()
        .map(|p| load(p, PolicyKind::Session))
        .transpose()?;
    let mut req = Request::new(&a.principal, &a.action, &a.resource);
    req.context = ctx;
    req.context_complete = a.context_complete;
    let refs = PolicyRefs {
        identity: identity.iter().collect(),
        resource: resource.as_ref(),
        boundary: boundary.as_ref(),
        scps: scps.iter().collect(),
        session: session.as_ref(),
    };
    let e = evaluate_refs(&req, &refs);
    match a.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&e)?),
        Format::Text => {
            println!("{}", e.decision);
            print_eval(&e, "  ");
        }
    }
    Ok(0)
}
