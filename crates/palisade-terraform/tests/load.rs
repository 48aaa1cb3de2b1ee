use std::path::{Path, PathBuf};

use palisade_model::{InstanceKey, Lookup, Mode, Node, Parsed, Resource, Value};
use palisade_terraform::{TfOptions, load};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/estate")
}

fn dirs(root: &Path) -> Vec<PathBuf> {
    [
        "app",
        "modules/bucket",
        "broken",
        "jsonmod",
        "cycle/a",
        "cycle/b",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect()
}

fn load_fixture(opts: &TfOptions) -> Parsed {
    let root = fixture_root();
    load(&root, &dirs(&root), opts)
}

fn get<'a>(p: &'a Parsed, addr: &str) -> &'a Resource {
    p.resources
        .iter()
        .find(|r| r.address == addr)
        .unwrap_or_else(|| {
            let all: Vec<_> = p.resources.iter().map(|r| r.address.as_str()).collect();
            panic!("no resource {addr}; have {all:#?}")
        })
}

fn known_str<'a>(r: &'a Resource, path: &str) -> &'a str {
    match r.attr(path) {
        Lookup::Known(n) => n
            .as_str()
            .unwrap_or_else(|| panic!("{path} not a string: {n:?}")),
        other => panic!("{} {path}: {other:?}", r.address),
    }
}

fn render(n: &Node) -> String {
    match &n.value {
        Value::Unknown(u) => format!("<unknown: {}>", u.reason),
        Value::List(l) => format!("[{}]", l.iter().map(render).collect::<Vec<_>>().join(", ")),
        Value::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{k}: {}", render(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => serde_json::to_string(&n.to_json()).unwrap_or_default(),
    }
}

fn summary(p: &Parsed) -> String {
    let mut out = String::new();
    let mut rs: Vec<&Resource> = p.resources.iter().collect();
    rs.sort_by(|a, b| (&a.scope, &a.address).cmp(&(&b.scope, &b.address)));
    for r in rs {
        out.push_str(&format!(
            "[{}] {} ({:?}) @ {}:{}-{} calls={:?} meta={:?}\n",
            r.scope,
            r.address,
            r.mode,
            r.span.path,
            r.span.start_line,
            r.span.end_line,
            r.call_sites
                .iter()
                .map(|s| format!("{}:{}", s.path, s.start_line))
                .collect::<Vec<_>>(),
            r.meta
        ));
        if let Some(m) = r.attrs.as_map() {
            for (k, v) in m {
                let mut refs = Vec::new();
                v.walk(&mut String::new(), &mut |_, n| {
                    for x in &n.refs {
                        if !refs.contains(x) {
                            refs.push(x.clone());
                        }
                    }
                });
                out.push_str(&format!(
                    "    {k} = {} (line {}) refs={refs:?}\n",
                    render(v),
                    v.span.as_ref().map(|s| s.start_line).unwrap_or(0)
                ));
            }
        }
    }
    for d in &p.diagnostics {
        out.push_str(&format!("{d}\n"));
    }
    out
}

#[test]
fn snapshot_of_the_estate() {
    let p = load_fixture(&TfOptions::default());
    insta::assert_snapshot!(summary(&p));
}

#[test]
fn addresses_instances_spans_refs_and_diagnostics() {
    let p = load_fixture(&TfOptions::default());
    // Child module instantiated twice with for_each, not evaluated standalone.
    assert!(
        !p.resources
            .iter()
            .any(|r| r.scope.as_ref() == "modules/bucket")
    );
    let logs = get(&p, "module.buckets[\"logs\"].aws_s3_bucket.this");
    assert_eq!(logs.module_path, vec!["buckets".to_string()]);
    assert_eq!(logs.scope.as_ref(), "app");
    assert_eq!(logs.span.path.as_ref(), "modules/bucket/main.tf");
    assert_eq!((logs.span.start_line, logs.span.end_line), (9, 11));
    assert_eq!(logs.call_sites.len(), 1);
    assert_eq!(logs.call_sites[0].start_line, 32);
    assert_eq!(known_str(logs, "bucket"), "prod-palisade-logs");
    assert_eq!(
        logs.meta.get("region").map(String::as_str),
        Some("eu-west-1")
    );
    // A value flowing through a module input keeps its refs.
    let ver = get(&p, "module.buckets[\"data\"].aws_s3_bucket_versioning.v");
    let b = ver.attr("bucket").node().unwrap();
    assert_eq!(b.refs, vec!["aws_s3_bucket.b.id".to_string()]);
    assert_eq!(
        b.unknown_reason(),
        Some("known after apply: aws_s3_bucket.b.id")
    );
    assert_eq!(b.span.as_ref().unwrap().start_line, 14);
    assert_eq!(known_str(ver, "versioning_configuration.status"), "Enabled");
    // count instances
    let web1 = get(&p, "aws_instance.web[1]");
    assert_eq!(web1.instance, Some(InstanceKey::Index(1)));
    assert_eq!(known_str(web1, "instance_type"), "t3.large");
    // dynamic blocks expand like plan JSON
    let sg = get(&p, "aws_security_group.sg");
    assert_eq!(
        sg.attr("ingress").node().unwrap().as_list().unwrap().len(),
        2
    );
    assert_eq!(known_str(sg, "ingress.1.cidr_blocks.0"), "10.0.1.0/24");
    assert_eq!(
        sg.attr("ingress.1")
            .node()
            .unwrap()
            .span
            .as_ref()
            .unwrap()
            .start_line,
        56
    );
    // policy documents render to known JSON
    let pol = get(&p, "aws_iam_policy.static");
    let doc: serde_json::Value = serde_json::from_str(known_str(pol, "policy")).unwrap();
    assert_eq!(
        doc["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"],
        "false"
    );
    let pd = get(&p, "data.aws_iam_policy_document.p");
    assert_eq!(pd.mode, Mode::Data);
    // Unknown resource ARNs leave the rest of the document readable: it
    // stays structured, only the first resource unknown.
    let json = match pd.attr("json") {
        Lookup::Known(n) => n,
        other => panic!("policy document json not readable: {other:?}"),
    };
    assert!(json.contains_unknown());
    match json.path("Statement.0.Principal.AWS") {
        Lookup::Known(n) => assert_eq!(n.value, Value::String("*".into())),
        other => panic!("principal: {other:?}"),
    }
    assert!(json.path("Statement.0.Resource.0").is_unknown());
    assert!(matches!(json.path("Statement.0.Sid"), Lookup::Known(_)));
    // for_each over unknown keeps the resource, with a warning
    let ue = get(&p, "aws_s3_bucket.unknown_each");
    assert_eq!(ue.instance, None);
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.code == "tf-unknown-for-each" && d.span.start_line == 98)
    );
    // provider alias region, heredoc with directives
    let west = get(&p, "aws_s3_bucket.west");
    assert_eq!(
        west.meta.get("region").map(String::as_str),
        Some("us-west-2")
    );
    assert_eq!(
        known_str(west, "policy"),
        "{\n  \"name\": \"PROD\", \"prod\": true\n}\n"
    );
    // optional() defaults of object types
    assert_eq!(
        known_str(get(&p, "aws_s3_bucket.b"), "tags.Owner"),
        "platform"
    );
    // meta resources
    let tf = get(&p, "terraform.settings");
    assert_eq!(tf.mode, Mode::Meta);
    assert_eq!(tf.meta.get("lock_file").map(String::as_str), Some("true"));
    assert_eq!(known_str(tf, "required_providers.aws.version"), "~> 5.0");
    let vpc = get(&p, "module.vpc");
    assert_eq!(known_str(vpc, "version"), "5.1.0");
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.code == "tf-module-not-installed")
    );
    // bad files: the rest of the dir still loads
    assert_eq!(known_str(get(&p, "aws_s3_bucket.ok"), "bucket"), "fine");
    let syn = p
        .diagnostics
        .iter()
        .find(|d| d.code == "hcl-syntax")
        .unwrap();
    assert_eq!(
        (syn.span.path.as_ref(), syn.span.start_line),
        ("broken/bad.tf", 2)
    );
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.code == "tf-encoding" && d.span.path.as_ref() == "broken/latin1.tf")
    );
    // module cycles and local cycles
    assert!(p.diagnostics.iter().any(|d| d.code == "tf-module-cycle"));
    assert!(p.diagnostics.iter().any(|d| d.code == "tf-cycle"));
    // .tf.json
    let j = get(&p, "aws_s3_bucket.j[1]");
    assert_eq!(known_str(j, "bucket"), "from-json-bucket");
}

#[test]
fn output_is_deterministic() {
    let a = summary(&load_fixture(&TfOptions::default()));
    let b = summary(&load_fixture(&TfOptions::default()));
    assert_eq!(a, b);
}
