//! `cargo bench -p palisade-iam`: one request against 1,000 identity
//! policies (plus boundary, SCP and resource policy); target < 1 ms.

use std::hint::black_box;
use std::time::Instant;

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
}
