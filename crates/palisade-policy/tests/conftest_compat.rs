//! Conftest-style policies in both input modes.

use std::path::PathBuf;
use std::sync::Arc;

use palisade_engine::{Severity, Status};
use palisade_model::{Model, Node, Resource, SourceKind, Span};
use palisade_policy::{Input, LoadOptions, document_inputs, load, model_inputs, run_tests};

fn dir(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(p)
}

const K8S: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n          securityContext:\n            privileged: true\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: legacy\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: old\n          image: old:latest\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: public-gateway\nspec:\n  type: LoadBalancer\n";

fn k8s_inputs() -> Vec<Input> {
    let f = palisade_policy::inputs_doc("k8s/app.yaml", K8S, "kubernetes");
    document_inputs(&[f], false)
}

#[test]
fn document_mode_gives_conftest_verdicts() {
    let opts = LoadOptions {
        data: vec![dir("data")],
        ..Default::default()
    };
    let (set, errors) = load(&[dir("policies/conftest")], &opts);
    assert!(errors.is_empty(), "{errors:?}");
    let inputs = k8s_inputs();
    assert_eq!(inputs.len(), 4, "one input per YAML document");
    let out = set.eval(&inputs);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let msgs: Vec<(&str, &str)> = out
        .results
        .iter()
        .map(|r| (r.rule.as_str(), r.msg.as_str()))
        .collect();
    assert!(
        msgs.contains(&(
            "deny",
            "container `app` of Deployment `web` runs privileged"
        )),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("warn", "Deployment `web` does not set runAsNonRoot")),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("deny_latest", "container `app` uses a latest tag")),
        "{msgs:?}"
    );
    // The exception removes deny_latest for `legacy`.
    assert!(!msgs.iter().any(|(_, m)| m.contains("`old`")), "{msgs:?}");
    // The data file exempts public-gateway.
    assert!(
        msgs.contains(&(
            "violation",
            "Service `shop` is exposed through a load balancer"
        )),
        "{msgs:?}"
    );
    assert!(
        !msgs.iter().any(|(_, m)| m.contains("public-gateway")),
        "{msgs:?}"
    );
    // `package terraform` is not evaluated unless asked for.
    assert_eq!(out.results.len(), 4, "{msgs:?}");

    let findings = set.findings(&out, &inputs, None);
    let warn = findings
        .iter()
        .find(|f| f.message.contains("runAsNonRoot"))
        .unwrap();
    assert_eq!(warn.status, Status::Warn);
    assert_eq!(warn.severity, Severity::Low);
    let viol = findings
        .iter()
        .find(|f| f.rule_id == "main.violation")
        .unwrap();
    assert_eq!(
        viol.severity,
        Severity::High,
        "severity from the result object"
    );
    assert_eq!(viol.location.path.as_ref(), "k8s/app.yaml");
    assert_eq!(viol.location.start_line, 27, "located at the document");
}

#[test]
fn namespaces_and_hcl_documents() {
    let opts = LoadOptions {
        namespaces: vec!["terraform".into()],
        ..Default::default()
    };
    let (set, errors) = load(&[dir("policies/conftest")], &opts);
    assert!(errors.is_empty(), "{errors:?}");
    let tf =
        "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"x\"\n  acl    = \"public-read\"\n}\n";
    let inputs = document_inputs(
        &[palisade_policy::inputs_doc("main.tf", tf, "terraform")],
        false,
    );
    let out = set.eval(&inputs);
    assert_eq!(out.results.len(), 1, "{:?}", out.results);
    assert_eq!(out.results[0].msg, "bucket `site` has a public-read ACL");
    // With the model, a message naming a resource is located at it.
    let r = Resource::new(
        SourceKind::Terraform,
        "aws_s3_bucket",
        "site",
        Span::new("main.tf".into(), 1, 1, 4, 2),
        Node::from_json(&serde_json::json!({}), None),
    );
    let model = Model::new(vec![r], vec![]);
    let f = set.findings(&out, &inputs, Some(&model));
    assert_eq!(f[0].location.start_line, 1);
    assert_eq!(f[0].location.end_line, 4);

    let all = LoadOptions {
        all_namespaces: true,
        data: vec![dir("data")],
        ..Default::default()
    };
    let (set, _) = load(&[dir("policies/conftest")], &all);
    assert_eq!(
        set.selected_packages(),
        ["main".to_string(), "terraform".to_string()]
    );
}

#[test]
fn combine_passes_all_files_together() {
    let (set, _) = load(&[dir("policies/conftest")], &LoadOptions::default());
    let inputs = document_inputs(
        &[palisade_policy::inputs_doc(
            "a.yaml",
            "kind: Deployment\n",
            "kubernetes",
        )],
        true,
    );
    assert_eq!(inputs.len(), 1);
    assert!(inputs[0].value.is_array());
    assert!(set.eval(&inputs).results.is_empty());
}

#[test]
fn model_mode_results_are_located_at_the_attribute_with_metadata() {
    let path: Arc<str> = "main.tf".into();
    let tags = Node::from_json(
        &serde_json::json!({"service": "x"}),
        Some(&Span::new(path.clone(), 3, 3, 3, 30)),
    );
    let mut attrs = Node::from_json(
        &serde_json::json!({"bucket": "b"}),
        Some(&Span::new(path.clone(), 2, 3, 2, 15)),
    );
    if let palisade_model::Value::Map(m) = &mut attrs.value {
        m.insert("tags".into(), tags);
    }
    let bucket = Resource::new(
        SourceKind::Terraform,
        "aws_s3_bucket",
        "b",
        Span::new(path.clone(), 1, 1, 4, 2),
        attrs,
    );
    let model = Model::new(vec![bucket], vec![]);
    let (set, errors) = load(&[dir("policies/model")], &LoadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    let inputs = model_inputs(&model);
    assert_eq!(inputs[0].value["location"]["start_line"], 1);
    assert_eq!(inputs[0].value["schema_version"], "1");
    let out = set.eval(&inputs);
    let findings = set.findings(&out, &inputs, Some(&model));
    assert_eq!(findings.len(), 2, "{findings:?}");
    let deny = findings
        .iter()
        .find(|f| f.rule_id == "ACME-TAG-001")
        .expect("id from METADATA");
    assert_eq!(deny.status, Status::Fail);
    assert_eq!(deny.severity, Severity::High);
    assert_eq!(deny.title, "Data stores carry an owner tag");
    assert_eq!(deny.frameworks["soc2"], vec!["CC6.1".to_string()]);
    assert_eq!(
        deny.location.start_line, 3,
        "located at the attribute the result names"
    );
    assert_eq!(deny.resource.address, "aws_s3_bucket.b");
    let warn = findings
        .iter()
        .find(|f| f.rule_id == "ACME-VER-001")
        .unwrap();
    assert_eq!(warn.status, Status::Warn);
    let infos = set.rule_infos();
    assert_eq!(
        infos.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["ACME-TAG-001", "ACME-VER-001"]
    );
}

#[test]
fn a_broken_policy_is_reported_with_its_line_and_the_rest_still_runs() {
    let (set, errors) = load(&[dir("policies/broken")], &LoadOptions::default());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("syntax.rego"));
    assert!(errors[0].line >= 4, "{errors:?}");
    let inputs = vec![Input {
        value: serde_json::json!({"always": true}),
        span: Span::line("x.json".into(), 1),
        resource: None,
    }];
    let out = set.eval(&inputs);
    assert_eq!(out.results.len(), 1);
}

#[test]
fn runaway_policies_are_stopped_and_reported() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("slow.rego"), "package main\nimport rego.v1\n\ndeny contains \"slow\" if {\n  count([x | some x in numbers.range(1, 50000000); x % 7 == 0]) > 0\n}\n").unwrap();
    let opts = LoadOptions {
        timeout: std::time::Duration::from_millis(200),
        ..Default::default()
    };
    let (set, errors) = load(&[d.path().to_path_buf()], &opts);
    assert!(errors.is_empty(), "{errors:?}");
    let inputs = vec![Input {
        value: serde_json::json!({}),
        span: Span::line("x.json".into(), 1),
        resource: None,
    }];
    let t = std::time::Instant::now();
    let out = set.eval(&inputs);
    assert!(out.results.is_empty());
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(out.errors[0].path.ends_with("slow.rego"));
    assert!(t.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn policy_tests_run_like_opa_test() {
    let report = run_tests(&[dir("policies/conftest")], &[dir("data")], None);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let outcome = |n: &str| {
        report
            .tests
            .iter()
            .find(|t| t.name == n)
            .map(|t| t.outcome.as_str())
    };
    assert_eq!(outcome("test_privileged_denied"), Some("pass"));
    assert_eq!(outcome("test_unprivileged_allowed"), Some("pass"));
    assert_eq!(outcome("test_this_one_fails"), Some("fail"));
    assert_eq!(report.passed(), 2);
    assert_eq!(report.failed(), 1);
    assert!(!report.ok());
    assert!(report.coverage_percent() > 0.0 && report.coverage_percent() <= 100.0);
    let filtered = run_tests(&[dir("policies/conftest")], &[dir("data")], Some("allowed"));
    assert_eq!(filtered.tests.len(), 1);
}

#[test]
fn inputs_no_package_can_match_are_not_built() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.rego"), "package main\nimport rego.v1\n\ndeny contains \"b\" if {\n  input.type == \"aws_s3_bucket\"\n  not input.attributes.tags.owner\n}\n").unwrap();
    let (set, errors) = load(&[d.path().to_path_buf()], &LoadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    let types = set.input_types().expect("guarded");
    assert_eq!(types.into_iter().collect::<Vec<_>>(), ["aws_s3_bucket"]);
    let mk = |t: &str, n: &str, line: u32| {
        Resource::new(
            SourceKind::Terraform,
            t,
            n,
            Span::line("main.tf".into(), line),
            Node::from_json(&serde_json::json!({}), None),
        )
    };
    let model = Model::new(
        vec![mk("aws_s3_bucket", "b", 1), mk("aws_kms_key", "k", 5)],
        vec![],
    );
    let inputs = palisade_policy::model_inputs_of(&model, set.input_types().as_ref());
    assert_eq!(inputs.len(), 1);
    let f = set.findings(&set.eval(&inputs), &inputs, Some(&model));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].resource.address, "aws_s3_bucket.b");
    // An unguarded rule may match anything: every input is built.
    std::fs::write(
        d.path().join("b.rego"),
        "package main\nimport rego.v1\n\nwarn contains \"any\" if input.address\n",
    )
    .unwrap();
    let (set, _) = load(&[d.path().to_path_buf()], &LoadOptions::default());
    assert!(set.input_types().is_none());
}
