//! A statement whose Effect is unknown may be a Deny or an Allow: it is listed
//! once among the unknowns, with each reason once.

use std::collections::BTreeMap;

use palisade_iam::{Decision, Policy, PolicyKind, PolicySet, PolicySource, Request, evaluate};

#[test]
fn a_statement_with_an_unknown_effect_is_one_unknown() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": 5, "Resource": "*"},
    {"Effect": "Maybe", "Action": "s3:GetObject", "Resource": "*"}
  ]
}"#;
    let mut set = PolicySet::default();
    set.identity.push(Policy::parse(
        text,
        &PolicySource::new("bad.json", PolicyKind::Identity),
    ));
    let req = Request {
        principal_arn: "arn:aws:iam::123456789012:user/bob".into(),
        action: "s3:GetObject".into(),
        resource_arn: "arn:aws:s3:::bucket/key".into(),
        context: BTreeMap::new(),
        principal_account: None,
        resource_account: None,
        context_complete: false,
    };
    let ev = evaluate(&req, &set);
    assert_eq!(ev.decision, Decision::Unknown);
    assert_eq!(ev.unknowns.len(), 1, "{:?}", ev.unknowns);
    let reasons = &ev.unknowns[0].reasons;
    assert!(!reasons.is_empty());
    let mut distinct = reasons.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), reasons.len(), "{reasons:?}");
}
