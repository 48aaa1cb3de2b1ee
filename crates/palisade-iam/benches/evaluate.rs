//! `cargo bench -p palisade-iam`: one request against 1,000 identity
//! policies (plus boundary, SCP and resource policy); target < 1 ms.

use std::hint::black_box;
use std::time::Instant;

use palisade_iam::escalation::{Estate, Principal, find_escalations};
use palisade_iam::{Policy, PolicyKind, PolicySet, PolicySource, Request, evaluate};

fn main() {
    let mut set = PolicySet::default();
    for i in 0..1000 {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[
 {{"Sid":"S{i}a","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::bucket-{i}/*"}},
 {{"Sid":"S{i}b","Effect":"Allow","Action":"ec2:Describe*","Resource":"*","Condition":{{"StringEquals":{{"aws:RequestedRegion":"eu-west-1"}}}}}},
 {{"Sid":"S{i}c","Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::*:user/${{aws:username}}"}}
]}}"#
        );
        set.identity.push(Policy::parse(
            &text,
            &PolicySource::new(&format!("p{i}.json"), PolicyKind::Identity),
        ));
    }
    let full =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    set.boundary = Some(Policy::parse(
        full,
        &PolicySource::new("b.json", PolicyKind::Boundary),
    ));
    set.scps = vec![Policy::parse(
        full,
        &PolicySource::new("scp.json", PolicyKind::Scp),
    )];
    let req = Request::new(
        "arn:aws:iam::111122223333:user/alice",
        "s3:GetObject",
        "arn:aws:s3:::bucket-999/key",
    )
    .with_context("aws:RequestedRegion", "eu-west-1");
    // warm up
    for _ in 0..20 {
        black_box(evaluate(black_box(&req), black_box(&set)));
    }
    let n = 500;
    let t = Instant::now();
    let mut last = None;
    for _ in 0..n {
        last = Some(evaluate(black_box(&req), black_box(&set)));
    }
    let per = t.elapsed() / n;
    let d = last.map(|e| e.decision);
    println!(
        "evaluate: 1 request x 1000 identity policies (3000 statements): {per:?} per evaluation ({d:?})"
    );
    if per.as_micros() >= 1000 {
        println!("WARNING: above the 1 ms target");
    }

    escalations();
}

fn escalations() {
    let mut estate = Estate::default();
    let src = |n: &str, k| PolicySource::new(n, k);
    for i in 0..1000 {
        let text = if i % 50 == 0 {
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]}"#.to_string()
        } else {
            format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["s3:Get*","sts:AssumeRole"],"Resource":["arn:aws:s3:::b{i}/*","arn:aws:iam::111122223333:role/r{i}"]}}]}}"#
            )
        };
        estate.principals.push(Principal {
            arn: format!("arn:aws:iam::111122223333:user/u{i}"),
            identity: vec![Policy::parse(
                &text,
                &src(&format!("u{i}.json"), PolicyKind::Identity),
            )],
            ..Principal::default()
        });
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:user/u{i}"}},"Action":"sts:AssumeRole"}},{{"Effect":"Allow","Principal":{{"Service":"lambda.amazonaws.com"}},"Action":"sts:AssumeRole"}}]}}"#
        );
        let perms = if i == 7 {
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.to_string()
        } else {
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:*","logs:*"],"Resource":"*"}]}"#.to_string()
        };
        estate.principals.push(Principal {
            arn: format!("arn:aws:iam::111122223333:role/r{i}"),
            identity: vec![Policy::parse(
                &perms,
                &src(&format!("r{i}.json"), PolicyKind::Identity),
            )],
            trust: Some(Policy::parse(
                &trust,
                &src(&format!("r{i}-trust.json"), PolicyKind::Trust),
            )),
            ..Principal::default()
        });
    }
    let t = Instant::now();
    let paths = find_escalations(black_box(&estate));
    println!(
        "escalations: {} principals: {:?} ({} paths)",
        estate.principals.len(),
        t.elapsed(),
        paths.len()
    );
}
