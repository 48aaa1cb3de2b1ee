use std::sync::Arc;

use palisade_model::{Level, Node, Value};
use palisade_yaml::{Options, load, load_with, tag_of};

fn p() -> Arc<str> {
    "f.yaml".into()
}

fn line(n: &Node) -> u32 {
    n.span.as_ref().map(|s| s.start_line).unwrap_or(0)
}

#[test]
fn multi_document_with_positions() {
    let text = "a: 1\nb:\n  c: [x, 'y', 2.5]\n---\n- true\n- null\n- \"s\"\n---\n";
    let (docs, diags) = load(&p(), text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 2, "the empty third document is dropped");
    let d = &docs[0];
    assert_eq!(d.path("a").known().and_then(Node::as_i64), Some(1));
    let c = d.path("b.c").known().unwrap();
    assert_eq!(line(c), 3);
    let y = d.path("b.c.1").known().unwrap();
    assert_eq!(y.as_str(), Some("y"));
    let sp = y.span.as_ref().unwrap();
    assert_eq!((sp.start_line, sp.start_col), (3, 10));
    assert_eq!(d.path("b.c.2").known().and_then(Node::as_f64), Some(2.5));
    // A block value's span starts at its key.
    assert_eq!(line(d.path("b").known().unwrap()), 2);
    assert_eq!(docs[1].path("0").known().unwrap().value, Value::Bool(true));
    assert_eq!(docs[1].path("1").known().unwrap().value, Value::Null);
    assert_eq!(docs[1].path("2").known().and_then(Node::as_str), Some("s"));
}

#[test]
fn yaml12_by_default_yaml11_on_request() {
    let text = "a: yes\nb: off\nc: 0644\nd: 0o17\ne: y\nf: 'yes'\n";
    let (docs, _) = load(&p(), text);
    let d = &docs[0];
    assert_eq!(d.path("a").known().and_then(Node::as_str), Some("yes"));
    assert_eq!(d.path("c").known().and_then(Node::as_i64), Some(644));
    assert_eq!(d.path("d").known().and_then(Node::as_i64), Some(15));
    let o = Options {
        yaml11: true,
        ..Options::default()
    };
    let (docs, _) = load_with(&p(), text, &o);
    let d = &docs[0];
    assert_eq!(d.path("a").known().unwrap().value, Value::Bool(true));
    assert_eq!(d.path("b").known().unwrap().value, Value::Bool(false));
    assert_eq!(d.path("c").known().and_then(Node::as_i64), Some(420));
    assert_eq!(d.path("e").known().and_then(Node::as_str), Some("y"));
    assert_eq!(d.path("f").known().and_then(Node::as_str), Some("yes"));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "\
base: &base
  image: nginx
  port: 80
list: &l [1, 2]
svc:
  <<: *base
  port: 8080
multi:
  <<: [*base, {extra: 1, image: other}]
copy: *l
";
    let (docs, diags) = load(&p(), text);
    assert!(diags.is_empty(), "{diags:?}");
    let d = &docs[0];
    assert_eq!(
        d.path("svc.image").known().and_then(Node::as_str),
        Some("nginx")
    );
    assert_eq!(
        d.path("svc.port").known().and_then(Node::as_i64),
        Some(8080)
    );
    assert!(d.path("svc.<<").is_absent());
    assert_eq!(
        d.path("multi.image").known().and_then(Node::as_str),
        Some("nginx")
    );
    assert_eq!(
        d.path("multi.extra").known().and_then(Node::as_i64),
        Some(1)
    );
    assert_eq!(d.path("copy.1").known().and_then(Node::as_i64), Some(2));
}

#[test]
fn tags_become_single_key_maps() {
    let text = "a: !Ref Param\nb: !GetAtt [R, Arn]\nc: !Sub\n  - x${y}\n  - {y: 1}\nd: !!str 123\ne: !GetAZs ''\n";
    let (docs, diags) = load(&p(), text);
    assert!(diags.is_empty(), "{diags:?}");
    let d = &docs[0];
    let (t, v) = tag_of(d.path("a").known().unwrap()).unwrap();
    assert_eq!((t, v.as_str()), ("!Ref", Some("Param")));
    let (t, v) = tag_of(d.path("b").known().unwrap()).unwrap();
    assert_eq!(t, "!GetAtt");
    assert_eq!(v.as_list().map(|l| l.len()), Some(2));
    let (t, v) = tag_of(d.path("c").known().unwrap()).unwrap();
    assert_eq!(t, "!Sub");
    assert_eq!(line(v), 3);
    assert_eq!(d.path("d").known().and_then(Node::as_str), Some("123"));
    assert!(tag_of(d.path("d").known().unwrap()).is_none());
    let (t, v) = tag_of(d.path("e").known().unwrap()).unwrap();
    assert_eq!((t, v.as_str()), ("!GetAZs", Some("")));
}

#[test]
fn malformed_yaml_keeps_earlier_documents_and_locates_the_error() {
    let text = "a: 1\n---\nb: [1, 2\nc: 3\n";
    let (docs, diags) = load(&p(), text);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].path("a").known().and_then(Node::as_i64), Some(1));
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.level, Level::Error);
    assert_eq!(d.code, "yaml-syntax");
    assert!(d.span.start_line >= 3, "{d}");
    assert!(d.span.start_col >= 1);
    assert!(d.message.starts_with("YAML syntax error"), "{d}");
}

#[test]
fn alias_bomb_is_capped() {
    let text = "\
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
";
    let start = std::time::Instant::now();
    let (docs, diags) = load(&p(), text);
    assert!(docs.is_empty());
    assert!(
        diags
            .iter()
            .any(|d| d.code == "yaml-alias-limit"
                && d.message.contains("yaml alias expansion limit"))
    );
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn deep_nesting_is_capped() {
    // saphyr-parser refuses deep flow nesting itself: a located syntax error,
    // the documents before it kept.
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let (docs, diags) = load(&p(), &format!("x: 1\n---\ny: {deep}\n"));
    assert_eq!(docs.len(), 1, "{diags:?}");
    assert_eq!(docs[0].path("x").known().and_then(Node::as_i64), Some(1));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].span.start_line, 3);

    // Our own cap turns the too-deep collection into an unknown value.
    let o = Options {
        max_depth: 10,
        ..Options::default()
    };
    let deep = format!("{}1{}", "[".repeat(50), "]".repeat(50));
    let (docs, diags) = load_with(&p(), &format!("x: 1\ny: {deep}\nz: 2\n"), &o);
    assert_eq!(docs.len(), 1, "{diags:?}");
    assert!(diags.iter().any(|d| d.code == "yaml-depth-limit"));
    assert_eq!(docs[0].path("z").known().and_then(Node::as_i64), Some(2));
    assert!(docs[0].path(&format!("y{}", ".0".repeat(20))).is_unknown());

    let mut block = String::new();
    for i in 0..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let (docs, diags) = load(&p(), &block);
    assert_eq!(docs.len(), 1, "{diags:?}");
    assert!(diags.iter().any(|d| d.code == "yaml-depth-limit"));
}

#[test]
fn json_with_tabs_and_positions() {
    let text = "{\n\t\"Resources\": {\n\t\t\"B\": {\"Type\": \"AWS::S3::Bucket\", \"N\": 12345678901234}\n\t}\n}\n";
    let (docs, diags) = load(&p(), text);
    assert!(diags.is_empty(), "{diags:?}");
    let b = docs[0].path("Resources.B.Type").known().unwrap();
    assert_eq!(b.as_str(), Some("AWS::S3::Bucket"));
    assert_eq!(line(b), 3);
    assert_eq!(
        docs[0].path("Resources.B.N").known().and_then(Node::as_i64),
        Some(12345678901234)
    );
}

#[test]
fn duplicate_keys_warn() {
    let (docs, diags) = load(&p(), "a: 1\na: 2\n");
    assert_eq!(docs[0].path("a").known().and_then(Node::as_i64), Some(2));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "yaml-duplicate-key");
    assert_eq!(diags[0].span.start_line, 1);
}

#[test]
fn multibyte_columns_count_chars() {
    let (docs, _) = load(&p(), "é: ü\nk: v\n");
    let v = docs[0].path("é").known().unwrap();
    assert_eq!(v.span.as_ref().unwrap().start_col, 1, "covers its key");
    let k = docs[0].path("k").known().unwrap();
    assert_eq!(k.span.as_ref().unwrap().start_line, 2);
}
