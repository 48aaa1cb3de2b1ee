//! No AWS view or rule panics on odd shapes: resources of every type the
//! AWS rules read, filled with random values (lists where maps are expected,
//! numbers as strings, unknowns, nulls, dangling references) built from the
//! attribute names the views use. Checks are called directly, without the
//! engine's panic guard, so a panic fails the test.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use palisade_engine::{Ctx, Settings, Sink};
use palisade_model::{Model, Node, Resource, SourceKind, Span, Value};
use palisade_views::Views;

const VIEW_SOURCES: &[&str] = &[
    include_str!("../../palisade-views/src/aws/apigw.rs"),
    include_str!("../../palisade-views/src/aws/cloudfront.rs"),
    include_str!("../../palisade-views/src/aws/cloudtrail.rs"),
    include_str!("../../palisade-views/src/aws/data.rs"),
    include_str!("../../palisade-views/src/aws/ec2.rs"),
    include_str!("../../palisade-views/src/aws/ecs.rs"),
    include_str!("../../palisade-views/src/aws/eks.rs"),
    include_str!("../../palisade-views/src/aws/elb.rs"),
    include_str!("../../palisade-views/src/aws/governance.rs"),
    include_str!("../../palisade-views/src/aws/iam.rs"),
    include_str!("../../palisade-views/src/aws/kms.rs"),
    include_str!("../../palisade-views/src/aws/lambda.rs"),
    include_str!("../../palisade-views/src/aws/misc.rs"),
    include_str!("../../palisade-views/src/aws/rds.rs"),
    include_str!("../../palisade-views/src/aws/s3.rs"),
    include_str!("../../palisade-views/src/aws/sagemaker.rs"),
];

/// Every identifier-like path segment quoted in the view sources.
fn vocabulary() -> Vec<String> {
    let mut set = BTreeSet::new();
    for src in VIEW_SOURCES {
        for (i, part) in src.split('"').enumerate() {
            if i % 2 == 0 || part.len() > 80 {
                continue;
            }
            for seg in part.split('.') {
                if !seg.is_empty()
                    && seg.len() < 60
                    && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && seg.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                {
                    set.insert(seg.to_string());
                }
            }
        }
    }
    set.into_iter().collect()
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SCALARS: &[&str] = &[
    "*",
    "0.0.0.0/0",
    "::/0",
    "true",
    "false",
    "22",
    "-1",
    "tcp",
    "Allow",
    "Deny",
    "NONE",
    "Enabled",
    "{\"Statement\": [1, {\"Effect\": \"Allow\"}]}",
    "[{\"name\": 3}]",
    "",
    "all",
    "HTTP",
    "host",
    "AES256",
    "aws:kms",
];

fn node(r: &mut Rng, vocab: &[String], addresses: &[String], depth: usize) -> Node {
    let span = Some(Span::line("f".into(), 1 + r.below(50) as u32));
    let choice = if depth >= 4 { r.below(6) } else { r.below(9) };
    let mut n = match choice {
        0 => Node::null(span),
        1 => Node::bool(r.below(2) == 0, span),
        2 => Node::new(Value::Number((r.below(70000) as i64 - 5).into()), span),
        3 | 4 => Node::string(SCALARS[r.below(SCALARS.len())], span),
        5 => Node::unknown("known after apply", span),
        6 => Node::list(
            (0..r.below(4))
                .map(|_| node(r, vocab, addresses, depth + 1))
                .collect(),
            span,
        ),
        _ => Node::map(map(r, vocab, addresses, depth + 1), span),
    };
    if !addresses.is_empty() && r.below(5) == 0 {
        n.refs = vec![format!("{}.id", addresses[r.below(addresses.len())])];
    }
    n
}

fn map(
    r: &mut Rng,
    vocab: &[String],
    addresses: &[String],
    depth: usize,
) -> IndexMap<String, Node> {
    let mut m = IndexMap::new();
    for _ in 0..r.below(8) {
        let k = vocab[r.below(vocab.len())].clone();
        let v = node(r, vocab, addresses, depth);
        m.insert(k, v);
    }
    m
}

#[test]
fn aws_views_and_rules_never_panic_on_odd_shapes() {
    let vocab = vocabulary();
    assert!(vocab.len() > 200, "vocabulary: {}", vocab.len());
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for rule in palisade_rules::aws::RULES {
        types.extend(rule.resource_types.iter().copied());
    }
    let types: Vec<&str> = types.into_iter().collect();
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut results = 0;
    for round in 0..40 {
        let mut resources = Vec::new();
        let mut addresses = Vec::new();
        for (i, t) in types.iter().enumerate() {
            addresses.push(format!("{t}.r{i}"));
        }
        for (i, t) in types.iter().enumerate() {
            let kind = if t.starts_with("AWS::") {
                SourceKind::CloudFormation
            } else if round % 2 == 0 {
                SourceKind::Terraform
            } else {
                SourceKind::TerraformPlan
            };
            let attrs = Node::map(map(&mut r, &vocab, &addresses, 0), None);
            let mut res = Resource::new(
                kind,
                *t,
                format!("r{i}"),
                Span::line("f".into(), i as u32 + 1),
                attrs,
            );
            res.scope = "f".into();
            resources.push(res);
        }
        let model = Model::new(resources, vec![]);
        let views = Views::build(&model);
        let settings = Settings::default();
        let cx = Ctx {
            model: &model,
            views: &views,
            settings: &settings,
        };
        for rule in palisade_rules::aws::RULES {
            let mut sink = Sink::default();
            (rule.check)(&cx, &mut sink);
            results += sink.results.len();
        }
    }
    assert!(
        results > 1000,
        "the random resources were judged: {results}"
    );
}
