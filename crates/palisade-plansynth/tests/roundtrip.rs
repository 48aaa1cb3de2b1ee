//! A synthesized plan reads back through `palisade-tfplan` as the resources
//! it was made from: same addresses, values, unknowns and reference edges.

use std::sync::Arc;

use palisade_model::{InstanceKey, Mode, Model, Node, Resource, ResourceId, SourceKind, Span};
use palisade_plansynth::{AWS_COMPUTED, Options, synthesize, synthesize_with};
use serde_json::json;

fn res(
    rtype: &str,
    name: &str,
    module: &[&str],
    key: Option<InstanceKey>,
    attrs: Node,
) -> Resource {
    let mut r = Resource::new(
        SourceKind::Terraform,
        rtype,
        name,
        Span::line("main.tf".into(), 1),
        attrs,
    );
    let prefix: String = module.iter().map(|m| format!("module.{m}.")).collect();
    r.address = format!(
        "{prefix}{rtype}.{name}{}",
        key.as_ref().map(|k| k.to_string()).unwrap_or_default()
    );
    r.module_path = module.iter().map(|m| m.to_string()).collect();
    r.instance = key;
    r.scope = "main.tf".into();
    r
}

fn unknown_ref(to: &str) -> Node {
    Node::unknown("known after apply", None).with_refs(vec![to.to_string()])
}

fn sample() -> Vec<Resource> {
    let bucket = res(
        "aws_s3_bucket",
        "b",
        &["store"],
        Some(InstanceKey::Key("logs".into())),
        Node::from_json(
            &json!({"bucket": "acme-logs", "tags": {"env": "prod"}}),
            None,
        ),
    );
    let mut ver = Node::from_json(
        &json!({"versioning_configuration": [{"status": "Enabled"}]}),
        None,
    );
    if let palisade_model::Value::Map(m) = &mut ver.value {
        m.insert(
            "bucket".into(),
            unknown_ref("module.store.aws_s3_bucket.b[\"logs\"].id"),
        );
    }
    let versioning = res("aws_s3_bucket_versioning", "v", &["store"], None, ver);
    let mut key = Node::from_json(&json!({"enable_key_rotation": true}), None);
    if let palisade_model::Value::Map(m) = &mut key.value {
        m.insert("arn".into(), Node::unknown("known after apply", None));
    }
    let kms = res("aws_kms_key", "k", &[], Some(InstanceKey::Index(0)), key);
    let mut doc = res(
        "aws_iam_policy_document",
        "p",
        &[],
        None,
        Node::from_json(&json!({"json": "{}"}), None),
    );
    doc.mode = Mode::Data;
    doc.address = "data.aws_iam_policy_document.p".into();
    let mut provider = res(
        "provider",
        "aws",
        &[],
        None,
        Node::from_json(&json!({}), None),
    );
    provider.mode = Mode::Meta;
    vec![bucket, versioning, kms, doc, provider]
}

fn read_back(plan: &serde_json::Value) -> Model {
    let text = serde_json::to_string_pretty(plan).expect("json");
    assert!(palisade_tfplan::looks_like_plan(&text));
    let p = palisade_tfplan::parse(Arc::from("plan.json"), &text, &|_| None);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    Model::new(p.resources, p.diagnostics)
}

#[test]
fn plan_shape_is_terraforms() {
    let plan = synthesize(&sample());
    assert_eq!(plan["format_version"], "1.2");
    let root = &plan["planned_values"]["root_module"];
    assert_eq!(root["resources"][0]["address"], "aws_kms_key.k[0]");
    assert_eq!(root["resources"][0]["index"], 0);
    assert_eq!(
        root["resources"][0]["provider_name"],
        "registry.terraform.io/hashicorp/aws"
    );
    let child = &root["child_modules"][0];
    assert_eq!(child["address"], "module.store");
    assert_eq!(child["resources"][0]["index"], "logs");
    let ver = &plan["resource_changes"][1];
    assert_eq!(ver["module_address"], "module.store");
    assert_eq!(ver["change"]["after"]["bucket"], serde_json::Value::Null);
    assert_eq!(
        ver["change"]["after_unknown"],
        json!({"versioning_configuration": [{}], "bucket": true})
    );
    let cfg = &plan["configuration"]["root_module"]["module_calls"]["store"]["module"];
    assert_eq!(
        cfg["resources"][1]["expressions"]["bucket"]["references"],
        json!([
            "aws_s3_bucket.b[\"logs\"].id",
            "aws_s3_bucket.b[\"logs\"]",
            "aws_s3_bucket.b"
        ])
    );
    assert_eq!(
        cfg["resources"][1]["expressions"]["versioning_configuration"][0]["status"]["constant_value"],
        "Enabled"
    );
    // Data sources read during the plan are in the prior state; meta
    // resources are nowhere.
    assert_eq!(
        plan["prior_state"]["values"]["root_module"]["resources"][0]["address"],
        "data.aws_iam_policy_document.p"
    );
    assert!(!plan.to_string().contains("provider.aws"));
}

#[test]
fn reads_back_with_the_same_values_unknowns_and_edges() {
    let src = sample();
    let m = read_back(&synthesize(&src));
    let addrs: Vec<&str> = m.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(addrs.len(), 4, "{addrs:?}");
    for r in src.iter().filter(|r| r.mode != Mode::Meta) {
        let back = m
            .resources
            .iter()
            .find(|x| x.address == r.address)
            .unwrap_or_else(|| panic!("{} missing", r.address));
        assert_eq!(back.kind, SourceKind::TerraformPlan);
        assert_eq!(back.mode, r.mode);
        assert_eq!(back.instance, r.instance);
        assert_eq!(back.attrs.to_json(), r.attrs.to_json(), "{}", r.address);
        assert_eq!(
            back.attrs.contains_unknown(),
            r.attrs.contains_unknown(),
            "exactly the model's unknowns: {}",
            r.address
        );
    }
    let kms = m
        .resources
        .iter()
        .find(|r| r.rtype == "aws_kms_key")
        .unwrap();
    assert!(kms.attr("arn").is_unknown());
    assert!(kms.attr("id").is_absent(), "nothing computed by default");
    let bucket = m
        .resources
        .iter()
        .position(|r| r.rtype == "aws_s3_bucket")
        .unwrap();
    let refs: Vec<_> = m
        .referrers(
            ResourceId(bucket as u32),
            "aws_s3_bucket_versioning",
            "bucket",
        )
        .collect();
    assert_eq!(refs.len(), 1, "the versioning resource links to its bucket");
}

#[test]
fn computed_attributes_are_known_after_apply_on_request() {
    let plan = synthesize_with(
        &sample(),
        &Options {
            computed: AWS_COMPUTED,
        },
    );
    let m = read_back(&plan);
    let kms = m
        .resources
        .iter()
        .find(|r| r.rtype == "aws_kms_key")
        .unwrap();
    assert!(kms.attr("id").is_unknown());
    assert!(kms.attr("tags_all").is_unknown());
    let doc = m.resources.iter().find(|r| r.mode == Mode::Data).unwrap();
    assert!(
        doc.attr("id").is_absent(),
        "data sources are read, not created"
    );
}
