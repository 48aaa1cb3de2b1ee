use std::sync::Arc;

use palisade_kubernetes::{is_unrendered_template, looks_like_kubernetes, parse};
use palisade_model::{Level, Node, Parsed, Resource, SourceKind, Value};

fn fixture(name: &str) -> (Arc<str>, String) {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    (name.into(), std::fs::read_to_string(p).unwrap())
}

fn res<'a>(p: &'a Parsed, address: &str) -> &'a Resource {
    p.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("no {address} in {:?}", addresses(p)))
}

fn addresses(p: &Parsed) -> Vec<&str> {
    p.resources.iter().map(|r| r.address.as_str()).collect()
}

#[test]
fn multi_document_manifest() {
    let (path, text) = fixture("app.yaml");
    assert!(looks_like_kubernetes(&text));
    assert!(
        !is_unrendered_template(&text),
        "{{ in a block scalar is data"
    );
    let p = parse(path.clone(), &text);
    assert_eq!(
        addresses(&p),
        [
            "Namespace/shop",
            "Deployment/shop/web",
            "ClusterRole/reader",
            "RoleBinding/default/read-pods",
            "ConfigMap/monitoring/alerts-",
        ]
    );
    let ns = res(&p, "Namespace/shop");
    assert!(!ns.meta.contains_key("namespace"));
    assert_eq!(ns.meta["apiVersion"], "v1");

    let d = res(&p, "Deployment/shop/web");
    assert_eq!(d.rtype, "Deployment");
    assert_eq!(d.name, "web");
    assert_eq!(d.kind, SourceKind::Kubernetes);
    assert_eq!(&*d.scope, "k8s");
    assert_eq!(d.span.path, path);
    assert_eq!(d.span.start_line, 7);
    assert_eq!(d.meta["namespace"], "shop");
    assert_eq!(d.meta["apiVersion"], "apps/v1");
    let pod = "spec.template.spec";
    assert_eq!(
        d.attr(&format!("{pod}.hostNetwork")).known().unwrap().value,
        Value::Bool(true),
        "YAML 1.1 `yes`"
    );
    let sc = d
        .attr(&format!("{pod}.containers.0.securityContext.privileged"))
        .known()
        .unwrap();
    assert_eq!(sc.value, Value::Bool(true), "YAML 1.1 `on`");
    assert_eq!(sc.span.as_ref().unwrap().start_line, 29);
    assert_eq!(
        d.attr(&format!("{pod}.volumes.0.configMap.defaultMode"))
            .known()
            .and_then(Node::as_i64),
        Some(0o644),
        "YAML 1.1 octal"
    );
    assert_eq!(
        d.attr("spec.template.metadata.labels.app")
            .known()
            .and_then(Node::as_str),
        Some("web"),
        "merge key applied"
    );
    assert_eq!(
        d.attr("spec.selector.matchLabels.app")
            .known()
            .and_then(Node::as_str),
        Some("web"),
        "alias expanded"
    );

    let rb = res(&p, "RoleBinding/default/read-pods");
    assert_eq!(rb.meta["namespace"], "default");
    assert_eq!(rb.span.start_line, 51, "a List item's span is the item");
    let cm = res(&p, "ConfigMap/monitoring/alerts-");
    assert_eq!(cm.name, "alerts-");
    assert!(
        cm.attr("data.rules\\.yaml").is_absent(),
        "dotted keys are not paths"
    );
    let data = cm.attr("data").known().unwrap().as_map().unwrap();
    assert!(
        data["rules.yaml"]
            .as_str()
            .unwrap()
            .contains("{{ $labels.instance }}")
    );

    // The foo: bar document is not Kubernetes: a note, not an error.
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(p.diagnostics[0].level, Level::Note);
    assert_eq!(p.diagnostics[0].span.start_line, 78);
}

#[test]
fn json_list_kind() {
    let (path, text) = fixture("list.json");
    assert!(looks_like_kubernetes(&text));
    let p = parse(path, &text);
    assert_eq!(addresses(&p), ["Pod/ns1/a", "Pod/default/b"]);
    assert_eq!(res(&p, "Pod/default/b").span.start_line, 7);
    assert!(p.diagnostics.is_empty());
}

#[test]
fn helm_templates_are_skipped_but_plain_chart_files_parse() {
    let (path, text) = fixture("chart/templates/deployment.yaml");
    assert!(is_unrendered_template(&text));
    let p = parse(path, &text);
    assert!(p.resources.is_empty());
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].level, Level::Warning);
    assert_eq!(
        p.diagnostics[0].message,
        "unrendered Helm template; render with `helm template` first"
    );

    let (path, text) = fixture("chart/templates/plain.yaml");
    assert!(!is_unrendered_template(&text));
    let p = parse(path, &text);
    assert_eq!(addresses(&p), ["ServiceAccount/default/plain"]);
}

#[test]
fn bad_input() {
    let p = parse(
        "bad.yaml".into(),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n",
    );
    assert_eq!(addresses(&p), ["Pod/default/ok"]);
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].code, "yaml-syntax");
    assert_eq!(p.diagnostics[0].level, Level::Error);
    assert!(p.diagnostics[0].span.start_line >= 8);

    let p = parse("n.yaml".into(), "apiVersion: v1\nkind: Secret\n");
    assert_eq!(p.resources[0].name, "unnamed-1");
    assert_eq!(p.diagnostics[0].code, "k8s-no-name");

    assert!(!looks_like_kubernetes("foo: bar\n"));
    let p = parse("x.yaml".into(), "- a\n- b\n");
    assert!(p.resources.is_empty());
    assert_eq!(p.diagnostics[0].level, Level::Note);
}
