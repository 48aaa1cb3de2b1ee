//! Policy parsing: spans of statements, located diagnostics, no panics.

use palisade_iam::{
    Decision, Policy, PolicyKind, PolicySet, PolicySource, PrincipalId, Request, catalogue,
    evaluate,
};

const TEXT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*"
    },
    {
      "Sid": "NoDelete",
      "Effect": "Deny",
      "Action": ["s3:DeleteObject"],
      "Resource": "*"
    }
  ]
}"#;

#[test]
fn statements_carry_line_ranges() {
    let p = Policy::parse(TEXT, &PolicySource::new("p.json", PolicyKind::Identity));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.statements.len(), 2);
    assert_eq!(
        (
            p.statements[0].span.start_line,
            p.statements[0].span.end_line
        ),
        (4, 9)
    );
    assert_eq!(
        (
            p.statements[1].span.start_line,
            p.statements[1].span.end_line
        ),
        (10, 15)
    );
    assert_eq!(&*p.statements[1].span.path, "p.json");
    let set = PolicySet {
        identity: vec![p],
        ..PolicySet::default()
    };
    let ev = evaluate(
        &Request::new(
            "arn:aws:iam::1:user/u",
            "s3:DeleteObject",
            "arn:aws:s3:::b/k",
        ),
        &set,
    );
    assert_eq!(ev.decision, Decision::ExplicitDeny);
    assert_eq!(ev.statements[0].span.start_line, 10);
    assert_eq!(ev.statements[0].index, Some(1));
    let j = serde_json::to_value(&ev).unwrap();
    assert_eq!(j["decision"], "ExplicitDeny");
    assert_eq!(j["statements"][0]["sid"], "NoDelete");
    assert_eq!(j["statements"][0]["span"]["start_line"], 10);
}

#[test]
fn embedded_policy_offsets_lines() {
    let src = PolicySource::new("main.tf", PolicyKind::Identity)
        .with_offset(20, 0)
        .with_id("aws_iam_policy.x");
    let p = Policy::parse(TEXT, &src);
    assert_eq!(p.statements[0].span.start_line, 24);
    assert_eq!(p.id, "aws_iam_policy.x");
}

#[test]
fn malformed_policies_give_located_diagnostics() {
    let cases: &[(&str, &str, u32)] = &[
        (
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",, }\n  ]\n}",
            "iam-policy-syntax",
            4,
        ),
        ("[1]", "iam-policy-shape", 1),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\n\"Effect\":\"Permit\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "iam-effect",
            2,
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\n\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}}",
            "iam-condition-operator",
            2,
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"x:y\",\"Resource\":\"*\"}}",
            "iam-action",
            1,
        ),
        (
            "{\"Version\":\"2013-01-01\",\"Statement\":[]}",
            "iam-policy-version",
            1,
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket\"}]}",
            "iam-resource-arn",
            1,
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}",
            "iam-principal",
            1,
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Principal\":{\"AWS\":\"bob\"}}]}",
            "iam-principal",
            1,
        ),
    ];
    for (i, (text, code, line)) in cases.iter().enumerate() {
        let kind = if i >= 7 {
            PolicyKind::Resource
        } else {
            PolicyKind::Identity
        };
        let p = Policy::parse(text, &PolicySource::new("bad.json", kind));
        let d = p
            .diagnostics
            .iter()
            .find(|d| d.code == *code)
            .unwrap_or_else(|| panic!("case {i}: no {code} in {:?}", p.diagnostics));
        assert_eq!(d.span.start_line, *line, "case {i}: {d}");
    }
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "{",
        "}",
        "null",
        "\"x\"",
        "{\"Statement\":null}",
        "{\"Statement\":[null, 1, \"x\", []]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[1,{}],\"Resource\":[null],\"Condition\":[]}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"999.1.1.1/99\"}}}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"${\",\"Condition\":{\"DateLessThan\":{\"k\":[\"x\"]}}}]}",
    ];
    let deep = "[".repeat(100_000);
    for t in inputs.iter().copied().chain([deep.as_str()]) {
        for kind in [
            PolicyKind::Identity,
            PolicyKind::Resource,
            PolicyKind::Trust,
        ] {
            let p = Policy::parse(t, &PolicySource::new("g.json", kind));
            let set = PolicySet {
                identity: vec![p.clone()],
                resource: Some(p),
                ..PolicySet::default()
            };
            let _ = evaluate(
                &Request::new("arn:aws:iam::1:user/u", "s3:GetObject", "arn:aws:s3:::b/k"),
                &set,
            );
        }
    }
}

#[test]
fn principals_and_unknown_actions() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:role/r"],"Service":"s3.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"},"Action":["s3:GetObjekt","s3:Get*","nosuch:Thing"],"Resource":"*"}]}"#;
    let p = Policy::parse(text, &PolicySource::new("r.json", PolicyKind::Resource));
    let pr = p.statements[0].principal.as_ref().unwrap();
    assert_eq!(pr.items.len(), 5);
    assert!(
        pr.items
            .contains(&PrincipalId::Service("s3.amazonaws.com".into()))
    );
    let lint = catalogue().lint_policy(&p);
    let codes: Vec<_> = lint
        .iter()
        .map(|d| (d.code.as_str(), d.message.contains("GetObjekt")))
        .collect();
    assert_eq!(
        codes,
        [("iam-unknown-action", true), ("iam-unknown-service", false)]
    );
}
