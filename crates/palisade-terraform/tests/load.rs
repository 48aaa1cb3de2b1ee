use std::path::{Path, PathBuf};

use palisade_model::{InstanceKey, Lookup, Mode, Node, Parsed, Resource, Value};
use palisade_terraform::{TfOptions, load};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/estate")
}

fn dirs(root: &Path) -> Vec<PathBuf> {
    ["app", "modules/bucket", "broken", "jsonmod", "cycle/a", "cycle/b"]
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
        Lookup::Known(n) => n.as_str().unwrap_or_else(|| panic!("{path} not a string: {n:?}")),
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
fn debug_print() {
    let p = load_fixture(&TfOptions::default());
    println!("{}", summary(&p));
}
