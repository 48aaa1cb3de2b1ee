//! Table-driven evaluation cases (tests/cases/evaluation.json, written from
//! the AWS IAM User Guide by tests/cases/gen_cases.py).

use std::collections::BTreeMap;

use palisade_iam::{Decision, Policy, PolicyKind, PolicySet, PolicySource, Request, evaluate};
use serde_json::Value;

fn policy(v: &Value, name: &str, kind: PolicyKind) -> Policy {
    let text = match v {
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap(),
    };
    Policy::parse(&text, &PolicySource::new(name, kind))
}

fn decision(s: &str) -> Decision {
    match s {
        "Allowed" => Decision::Allowed,
        "ImplicitDeny" => Decision::ImplicitDeny,
        "ExplicitDeny" => Decision::ExplicitDeny,
        "Unknown" => Decision::Unknown,
        other => panic!("bad expectation {other}"),
    }
}

#[test]
fn evaluation_cases() {
    let text = include_str!("cases/evaluation.json");
    let doc: Value = serde_json::from_str(text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let rule = c["rule"].as_str().unwrap();
        let mut set = PolicySet::default();
        for (j, p) in c["identity"].as_array().unwrap().iter().enumerate() {
            set.identity.push(policy(
                p,
                &format!("identity{j}.json"),
                PolicyKind::Identity,
            ));
        }
        if let Some(p) = c.get("resource_policy") {
            let kind = if c.get("resource_policy_is_trust").and_then(Value::as_bool) == Some(true) {
                PolicyKind::Trust
            } else {
                PolicyKind::Resource
            };
            set.resource = Some(policy(p, "resource.json", kind));
        }
        if let Some(p) = c.get("boundary") {
            set.boundary = Some(policy(p, "boundary.json", PolicyKind::Boundary));
        }
        if let Some(p) = c.get("session") {
            set.session = Some(policy(p, "session.json", PolicyKind::Session));
        }
        if let Some(ps) = c.get("scps").and_then(Value::as_array) {
            for (j, p) in ps.iter().enumerate() {
                set.scps
                    .push(policy(p, &format!("scp{j}.json"), PolicyKind::Scp));
            }
        }
        let mut context = BTreeMap::new();
        if let Some(ctx) = c.get("context").and_then(Value::as_object) {
            for (k, v) in ctx {
                let vals = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect();
                context.insert(k.clone(), vals);
            }
        }
        let req = Request {
            principal_arn: c["principal"].as_str().unwrap().into(),
            action: c["action"].as_str().unwrap().into(),
            resource_arn: c["resource"].as_str().unwrap().into(),
            context,
            principal_account: c
                .get("principal_account")
                .and_then(Value::as_str)
                .map(Into::into),
            resource_account: c
                .get("resource_account")
                .and_then(Value::as_str)
                .map(Into::into),
            context_complete: c
                .get("context_complete")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        };
        let ev = evaluate(&req, &set);
        let want = decision(c["expect"].as_str().unwrap());
        if ev.decision != want {
            failures.push(format!(
                "#{i} {rule}: expected {want}, got {} (reasons {:?}, unknowns {:?})",
                ev.decision, ev.reasons, ev.unknowns
            ));
            continue;
        }
        // Unknown results always name why; decided results cite statements.
        match ev.decision {
            Decision::Unknown => {
                if ev.unknowns.is_empty() || ev.unknowns.iter().any(|u| u.reasons.is_empty()) {
                    failures.push(format!("#{i} {rule}: unknown without reasons"));
                }
            }
            Decision::Allowed | Decision::ExplicitDeny => {
                if ev.statements.is_empty() {
                    failures.push(format!("#{i} {rule}: no deciding statement"));
                }
            }
            Decision::ImplicitDeny => {
                if !ev.statements.is_empty() {
                    failures.push(format!("#{i} {rule}: implicit deny cites statements"));
                }
            }
        }
        if let Some(sid) = c.get("decided_by").and_then(Value::as_str)
            && !ev.statements.iter().any(|s| s.sid.as_deref() == Some(sid))
        {
            failures.push(format!("#{i} {rule}: {sid} not among {:?}", ev.statements));
        }
        // The JSON form carries the decision.
        let j = serde_json::to_value(&ev).unwrap();
        assert_eq!(j["decision"], Value::String(want.to_string()));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
