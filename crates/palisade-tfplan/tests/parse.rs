use std::sync::Arc;

use palisade_model::{InstanceKey, Lookup, Mode, Model, Node, Parsed, Resource, SourceKind, Span};
use palisade_tfplan::{looks_like_plan, parse};

fn fixture() -> (Arc<str>, String) {
    let p = format!("{}/tests/fixtures/plan.json", env!("CARGO_MANIFEST_DIR"));
    (
        "plans/plan.json".into(),
        std::fs::read_to_string(p).unwrap(),
    )
}

fn nowhere(_: &str) -> Option<Span> {
    None
}

fn res<'a>(p: &'a Parsed, address: &str) -> &'a Resource {
    p.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("no {address}"))
}

#[test]
fn plan_with_module_for_each_and_unknowns() {
    let (path, text) = fixture();
    assert!(looks_like_plan(&text));
    let p = parse(path.clone(), &text, &nowhere);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let addrs: Vec<&str> = p.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addrs,
        [
            "aws_kms_key.logs",
            "module.buckets.aws_s3_bucket.this[\"logs\"]",
            "module.buckets.aws_s3_bucket.this[\"data\"]",
            "module.buckets.aws_s3_bucket_server_side_encryption_configuration.this[\"logs\"]",
            "module.buckets.aws_db_instance.db[0]",
            "data.aws_iam_policy_document.kms",
        ],
        "deleted resources are not planned; data sources come from prior_state"
    );

    let key = res(&p, "aws_kms_key.logs");
    assert_eq!(key.kind, SourceKind::TerraformPlan);
    assert_eq!(key.scope, path);
    assert_eq!(key.meta["region"], "eu-west-1");
    assert_eq!(key.meta["actions"], "create");
    assert_eq!((key.span.start_line, key.span.start_col), (9, 11));
    match key.attr("arn") {
        Lookup::Unknown(_, u) => assert_eq!(&*u.reason, "known after apply"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        key.attr("enable_key_rotation")
            .known()
            .and_then(Node::as_bool),
        Some(true)
    );
    assert_eq!(
        key.attr("policy").node().map(|n| n.refs.clone()),
        None,
        "policy is absent from the values: nothing to attach to"
    );

    let logs = res(&p, "module.buckets.aws_s3_bucket.this[\"logs\"]");
    assert_eq!(logs.module_path, ["buckets"]);
    assert_eq!(logs.instance, Some(InstanceKey::Key("logs".into())));
    assert_eq!(logs.base_address(), "module.buckets.aws_s3_bucket.this");
    assert_eq!(logs.meta["module_address"], "module.buckets");
    assert_eq!(logs.span.start_line, 24);
    assert!(logs.attr("versioning").is_unknown());
    assert_eq!(
        logs.attr("bucket").known().and_then(Node::as_str),
        Some("acme-logs")
    );
    assert!(
        logs.attr("bucket").known().unwrap().refs.is_empty(),
        "each.value is no resource"
    );

    let data = res(&p, "module.buckets.aws_s3_bucket.this[\"data\"]");
    assert_eq!(data.span.start_line, 35, "first occurrence: planned_values");
    assert!(data.attr("versioning").is_absent());

    let sse = res(
        &p,
        "module.buckets.aws_s3_bucket_server_side_encryption_configuration.this[\"logs\"]",
    );
    let bucket = sse.attr("bucket");
    assert!(bucket.is_unknown());
    assert_eq!(
        bucket.node().unwrap().refs,
        [
            "module.buckets.aws_s3_bucket.this[\"logs\"].id",
            "module.buckets.aws_s3_bucket.this[\"logs\"]",
            "module.buckets.aws_s3_bucket.this"
        ]
    );
    let by_default = "rule.0.apply_server_side_encryption_by_default.0";
    assert!(
        sse.attr(&format!("{by_default}.kms_master_key_id"))
            .is_unknown()
    );
    assert_eq!(
        sse.attr(&format!("{by_default}.sse_algorithm"))
            .known()
            .and_then(Node::as_str),
        Some("aws:kms")
    );

    let db = res(&p, "module.buckets.aws_db_instance.db[0]");
    assert_eq!(db.instance, Some(InstanceKey::Index(0)));
    assert_eq!(
        db.attr("password").known().and_then(Node::as_str),
        Some("hunter2")
    );
    assert_eq!(
        db.attr("kms_key_id").node().unwrap().refs,
        [
            "module.buckets.aws_kms_key.db.arn",
            "module.buckets.aws_kms_key.db"
        ]
    );

    let doc = res(&p, "data.aws_iam_policy_document.kms");
    assert_eq!(doc.mode, Mode::Data);
    assert_eq!(doc.span.start_line, 182);
    assert_eq!(doc.meta["region"], "eu-west-1");

    // The model links the SSE configuration to the bucket it names.
    let m = Model::new(p.resources.clone(), vec![]);
    let (bid, _) = m
        .ids()
        .map(|i| (i, m.get(i)))
        .find(|(_, r)| r.address == "module.buckets.aws_s3_bucket.this[\"logs\"]")
        .unwrap();
    let referrers: Vec<_> = m
        .referrers(
            bid,
            "aws_s3_bucket_server_side_encryption_configuration",
            "bucket",
        )
        .collect();
    assert_eq!(referrers.len(), 1);
}

#[test]
fn caller_locations_win() {
    let (path, text) = fixture();
    let locate = |a: &str| -> Option<Span> {
        match a {
            "module.buckets.aws_s3_bucket.this" => {
                Some(Span::new("modules/buckets/main.tf".into(), 3, 1, 9, 2))
            }
            "module.buckets" => Some(Span::line("main.tf".into(), 20)),
            "data.aws_iam_policy_document.kms" => Some(Span::line("main.tf".into(), 1)),
            _ => None,
        }
    };
    let p = parse(path, &text, &locate);
    let logs = res(&p, "module.buckets.aws_s3_bucket.this[\"logs\"]");
    assert_eq!(&*logs.span.path, "modules/buckets/main.tf");
    assert_eq!(logs.call_sites, [Span::line("main.tf".into(), 20)]);
    assert_eq!(
        &*res(&p, "data.aws_iam_policy_document.kms").span.path,
        "main.tf"
    );
    assert_eq!(&*res(&p, "aws_kms_key.logs").span.path, "plans/plan.json");
}

#[test]
fn minified_plan_is_located_by_column() {
    let (path, text) = fixture();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let min = serde_json::to_string(&v).unwrap();
    let p = parse(path, &min, &nowhere);
    assert_eq!(p.resources.len(), 6);
    let key = res(&p, "aws_kms_key.logs");
    let at = min.find("\"address\":\"aws_kms_key.logs\"").unwrap();
    assert_eq!(
        (key.span.start_line, key.span.start_col),
        (1, at as u32 + 1)
    );
}

#[test]
fn fallbacks_and_bad_input() {
    // Only resource_changes.
    let text = r#"{"format_version":"1.2","resource_changes":[
      {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",
       "change":{"actions":["create"],"after":{"bucket":"x"},"after_unknown":{"arn":true}}},
      {"address":"aws_s3_bucket.gone","mode":"managed","type":"aws_s3_bucket","name":"gone",
       "change":{"actions":["delete"],"after":null,"after_unknown":{}}}]}"#;
    let p = parse("p.json".into(), text, &nowhere);
    assert_eq!(p.resources.len(), 1);
    assert!(p.resources[0].attr("arn").is_unknown());
    assert_eq!(p.resources[0].span.start_line, 2);

    // A state shown as JSON.
    let text = r#"{"format_version":"1.0","terraform_version":"1.7.5","values":{"root_module":{"resources":[
      {"address":"aws_s3_bucket.s","mode":"managed","type":"aws_s3_bucket","name":"s","values":{"bucket":"s"}}]}}}"#;
    assert!(looks_like_plan(text));
    let p = parse("s.json".into(), text, &nowhere);
    assert_eq!(
        p.resources[0].attr("bucket").known().and_then(Node::as_str),
        Some("s")
    );

    let p = parse("x.json".into(), "{\n  \"a\": [1,\n}", &nowhere);
    assert!(p.resources.is_empty());
    assert_eq!(p.diagnostics[0].code, "plan-json");
    assert_eq!(p.diagnostics[0].span.start_line, 3);

    let p = parse("pkg.json".into(), r#"{"name": "left-pad"}"#, &nowhere);
    assert_eq!(p.diagnostics[0].code, "plan-not-a-plan");
    assert!(!looks_like_plan(r#"{"name": "left-pad"}"#));
}
