//! Expression and function evaluation, through small generated modules.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use palisade_model::{Node, Parsed, Value};
use palisade_terraform::{TfOptions, load};

static N: AtomicUsize = AtomicUsize::new(0);

fn tmpdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "palisade-tf-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(files: &[(&str, &str)], opts: &TfOptions) -> Parsed {
    let d = tmpdir();
    let mut dirs = Vec::new();
    for (name, text) in files {
        let p = d.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        if name.ends_with(".tf") || name.ends_with(".tf.json") {
            let dir = p.parent().unwrap().to_path_buf();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    let out = load(&d, &dirs, opts);
    let _ = std::fs::remove_dir_all(&d);
    out
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

/// Evaluates each expression as attribute `v` of its own resource.
fn eval_all(prelude: &str, exprs: &[&str]) -> Vec<String> {
    let mut src = prelude.to_string();
    for (i, e) in exprs.iter().enumerate() {
        src.push_str(&format!("resource \"t\" \"e{i}\" {{\n  v = {e}\n}}\n"));
    }
    let p = run(&[("main.tf", &src)], &TfOptions::default());
    (0..exprs.len())
        .map(|i| {
            let r = p
                .resources
                .iter()
                .find(|r| r.address == format!("t.e{i}"))
                .unwrap_or_else(|| panic!("no t.e{i}: {:?}", p.diagnostics));
            render(r.attrs.as_map().unwrap().get("v").unwrap())
        })
        .collect()
}

const PRELUDE: &str = r#"
locals {
  m    = { a = 1, b = 2 }
  l    = ["x", "y", "z"]
  objs = [{ id = "i1", n = 1 }, { id = "i2", n = 2 }]
}
variable "unset" {}
resource "aws_s3_bucket" "c" {
  count  = 2
  bucket = "b-${count.index}"
}
"#;

#[test]
fn expressions_and_functions() {
    let cases: &[(&str, &str)] = &[
        ("1 + 2 * 3", "7"),
        ("10 / 4", "2.5"),
        ("!true || false", "false"),
        ("local.m[\"b\"]", "2"),
        ("local.l[1]", "\"y\""),
        ("local.objs[*].id", "[\"i1\", \"i2\"]"),
        ("local.objs.*.n", "[1, 2]"),
        (
            "[for k, v in local.m : \"${k}=${v}\"]",
            "[\"a=1\", \"b=2\"]",
        ),
        (
            "{ for s in local.l : s => upper(s) if s != \"y\" }",
            "{x: \"X\", z: \"Z\"}",
        ),
        (
            "{ for o in local.objs : \"k\" => o.id... }",
            "{k: [\"i1\", \"i2\"]}",
        ),
        ("\"%{ for s in local.l ~}${s}%{ endfor ~}\"", "\"xyz\""),
        (
            "\"a %{ if length(local.l) > 2 }big%{ else }small%{ endif }\"",
            "\"a big\"",
        ),
        ("merge(local.m, { c = 3 })", "{a: 1, b: 2, c: 3}"),
        ("concat(local.l, [\"w\"])", "[\"x\", \"y\", \"z\", \"w\"]"),
        ("lookup(local.m, \"q\", 9)", "9"),
        ("format(\"%s-%04d\", \"n\", 42)", "\"n-0042\""),
        ("formatlist(\"%s!\", local.l)", "[\"x!\", \"y!\", \"z!\"]"),
        ("join(\",\", split(\"-\", \"a-b-c\"))", "\"a,b,c\""),
        (
            "jsonencode({ a = [1, true, null] })",
            "\"{\\\"a\\\":[1,true,null]}\"",
        ),
        ("jsondecode(\"{\\\"k\\\": [1]}\").k[0]", "1"),
        ("yamlencode({ a = \"b\" })", "\"a: b\\n\""),
        ("try(local.m.nope, \"fallback\")", "\"fallback\""),
        ("can(local.m.nope)", "false"),
        ("can(local.m.a)", "true"),
        ("coalesce(\"\", null, \"c\")", "\"c\""),
        ("length(flatten([[1], [2, [3]]]))", "3"),
        ("distinct([1, 1, 2])", "[1, 2]"),
        ("contains(local.l, \"z\")", "true"),
        ("element(local.l, 4)", "\"y\""),
        ("keys(local.m)", "[\"a\", \"b\"]"),
        ("values(local.m)", "[1, 2]"),
        ("tostring(5)", "\"5\""),
        ("tonumber(\"5.5\")", "5.5"),
        ("title(\"hello world\")", "\"Hello World\""),
        ("trimspace(\"  x \")", "\"x\""),
        ("trimprefix(\"abc\", \"a\")", "\"bc\""),
        ("replace(\"a.b.c\", \".\", \"/\")", "\"a/b/c\""),
        ("replace(\"a1b22\", \"/[0-9]+/\", \"#\")", "\"a#b#\""),
        (
            "regex(\"^(\\\\w+)-(\\\\d+)$\", \"ab-12\")",
            "[\"ab\", \"12\"]",
        ),
        ("regexall(\"\\\\d\", \"a1b2\")", "[\"1\", \"2\"]"),
        ("substr(\"hello\", 1, 3)", "\"ell\""),
        ("min(3, 1, 2)", "1"),
        ("max(3, 1, 2)", "3"),
        ("range(3)", "[0, 1, 2]"),
        ("zipmap([\"a\"], [1])", "{a: 1}"),
        ("setsubtract([1, 2, 3], [2])", "[1, 3]"),
        ("sort([\"b\", \"a\"])", "[\"a\", \"b\"]"),
        ("compact([\"a\", \"\", null])", "[\"a\"]"),
        ("one([5])", "5"),
        ("alltrue([true, true])", "true"),
        ("sum([1, 2])", "3"),
        ("base64decode(base64encode(\"hi!\"))", "\"hi!\""),
        (
            "sha256(\"abc\")",
            "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
        ),
        ("md5(\"abc\")", "<unknown: function md5 not supported>"),
        ("cidrsubnet(\"10.0.0.0/16\", 8, 3)", "\"10.0.3.0/24\""),
        ("cidrhost(\"10.0.1.0/24\", 5)", "\"10.0.1.5\""),
        ("cidrnetmask(\"10.0.0.0/12\")", "\"255.240.0.0\""),
        (
            "timestamp()",
            "<unknown: timestamp() is known only at apply time>",
        ),
        ("nosuchfn(1)", "<unknown: function nosuchfn not supported>"),
        ("var.unset", "<unknown: variable \"unset\" has no value>"),
        (
            "\"${var.unset}-x\"",
            "<unknown: variable \"unset\" has no value>",
        ),
        (
            "upper(var.unset)",
            "<unknown: variable \"unset\" has no value>",
        ),
        ("var.unset ? 1 : 1", "1"),
        ("aws_s3_bucket.c[*].bucket", "[\"b-0\", \"b-1\"]"),
        (
            "aws_s3_bucket.c[1].arn",
            "<unknown: known after apply: aws_s3_bucket.c[1].arn>",
        ),
        ("basename(\"a/b/c.txt\")", "\"c.txt\""),
        ("dirname(\"a/b/c.txt\")", "\"a/b\""),
        ("<<EOT\nline ${1 + 1}\nEOT", "\"line 2\\n\""),
        ("fileexists(\"nope.txt\")", "false"),
        ("try(file(\"nope.txt\"), \"none\")", "\"none\""),
        ("startswith(\"abc\", \"ab\")", "true"),
        ("strcontains(\"abc\", \"d\")", "false"),
        ("slice(local.l, 1, 3)", "[\"y\", \"z\"]"),
        ("reverse([1, 2])", "[2, 1]"),
        ("abs(-2) + ceil(1.2) + floor(1.8)", "5"),
    ];
    let exprs: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let got = eval_all(PRELUDE, &exprs);
    let mut failures = Vec::new();
    for ((e, want), got) in cases.iter().zip(&got) {
        if got != want {
            failures.push(format!("{e}\n   want {want}\n   got  {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn refs_follow_values_through_functions_and_templates() {
    let p = run(
        &[(
            "main.tf",
            r#"
resource "aws_s3_bucket" "b" { bucket = "x" }
resource "t" "u" {
  a = "${aws_s3_bucket.b.arn}/*"
  j = jsonencode({ Resource = aws_s3_bucket.b.arn })
  m = { k = aws_s3_bucket.b.id }
  n = aws_s3_bucket.b.bucket
}
"#,
        )],
        &TfOptions::default(),
    );
    let r = p.resources.iter().find(|r| r.address == "t.u").unwrap();
    let m = r.attrs.as_map().unwrap();
    assert_eq!(m["a"].refs, vec!["aws_s3_bucket.b.arn"]);
    assert_eq!(
        m["a"].unknown_reason(),
        Some("known after apply: aws_s3_bucket.b.arn")
    );
    assert_eq!(m["j"].refs, vec!["aws_s3_bucket.b.arn"]);
    assert_eq!(
        m["m"].as_map().unwrap()["k"].refs,
        vec!["aws_s3_bucket.b.id"]
    );
    assert_eq!(m["n"].as_str(), Some("x"));
    assert_eq!(m["n"].refs, vec!["aws_s3_bucket.b.bucket"]);
}

#[test]
fn variable_precedence_cli_env_files() {
    let files = [
        (
            "main.tf",
            r#"
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "n" { type = number }
variable "l" {}
resource "t" "x" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  n = var.n
  l = var.l
}
"#,
        ),
        ("terraform.tfvars", "b = \"tfvars\"\nc = \"tfvars\"\n"),
        ("a.auto.tfvars.json", "{\"c\": \"auto-json\"}"),
        ("b.auto.tfvars", "c = \"auto-b\"\n"),
    ];
    let opts = TfOptions {
        var_files: vec![],
        vars: vec![
            ("d".into(), "cli".into()),
            ("n".into(), "42".into()),
            ("l".into(), "[1, 2]".into()),
        ],
        env: vec![
            ("TF_VAR_a".into(), "env".into()),
            ("d".into(), "env".into()),
        ],
    };
    let p = run(&files, &opts);
    let r = p.resources.iter().find(|r| r.address == "t.x").unwrap();
    let m = r.attrs.as_map().unwrap();
    assert_eq!(m["a"].as_str(), Some("env"));
    assert_eq!(m["b"].as_str(), Some("tfvars"));
    assert_eq!(
        m["c"].as_str(),
        Some("auto-b"),
        "auto files in lexical order"
    );
    assert_eq!(m["d"].as_str(), Some("cli"), "--var beats the environment");
    assert_eq!(m["n"].as_i64(), Some(42));
    assert_eq!(render(&m["l"]), "[1, 2]");
}

#[test]
fn installed_modules_via_modules_json() {
    let files = [
        (
            "main.tf",
            r#"
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "main"
}
resource "t" "x" { v = module.vpc.vpc_name }
"#,
        ),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}"#,
        ),
        (
            ".terraform/modules/vpc/main.tf",
            r#"
variable "name" {}
resource "aws_vpc" "this" { tags = { Name = var.name } }
output "vpc_name" { value = aws_vpc.this.tags.Name }
"#,
        ),
    ];
    let p = run(&files, &TfOptions::default());
    let addrs: Vec<&str> = p.resources.iter().map(|r| r.address.as_str()).collect();
    assert!(addrs.contains(&"module.vpc.aws_vpc.this"), "{addrs:?}");
    // The installed copy is not evaluated as a root of its own.
    assert!(!addrs.contains(&"aws_vpc.this"), "{addrs:?}");
    let x = p.resources.iter().find(|r| r.address == "t.x").unwrap();
    assert_eq!(x.attr("v").known().and_then(|n| n.as_str()), Some("main"));
    let vpc = p
        .resources
        .iter()
        .find(|r| r.address == "module.vpc.aws_vpc.this")
        .unwrap();
    assert_eq!(vpc.module_path, vec!["vpc".to_string()]);
    assert_eq!(vpc.span.path.as_ref(), ".terraform/modules/vpc/main.tf");
}

#[test]
fn huge_count_is_capped_with_a_diagnostic() {
    let p = run(
        &[(
            "main.tf",
            "resource \"t\" \"x\" {\n  count = 100000000\n}\n",
        )],
        &TfOptions::default(),
    );
    assert_eq!(p.resources.len(), 10_000);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == "tf-too-many-instances")
        .expect("diagnostic");
    assert_eq!(d.span.start_line, 2);
}

#[test]
fn deep_nesting_and_long_chains_do_not_crash() {
    let deep = format!(
        "resource \"t\" \"x\" {{\n  v = {}1{}\n}}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let p = run(&[("main.tf", &deep)], &TfOptions::default());
    assert!(p.diagnostics.iter().any(|d| d.code == "hcl-syntax"));
    let mut chain = String::from("locals {\n  l0 = 1\n");
    for i in 1..5000 {
        chain.push_str(&format!("  l{i} = local.l{} + 1\n", i - 1));
    }
    chain.push_str("}\nresource \"t\" \"y\" { v = local.l4999 }\n");
    let p = run(&[("main.tf", &chain)], &TfOptions::default());
    let y = p.resources.iter().find(|r| r.address == "t.y").unwrap();
    assert!(y.attr("v").is_unknown(), "deep chains end in an unknown");
}

#[test]
fn missing_module_dir_is_a_diagnostic() {
    let p = run(
        &[(
            "main.tf",
            "module \"m\" {\n  source = \"./nope\"\n}\nresource \"t\" \"x\" { v = module.m.out }\n",
        )],
        &TfOptions::default(),
    );
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.code == "tf-module-missing" && d.span.start_line == 1)
    );
    let x = p.resources.iter().find(|r| r.address == "t.x").unwrap();
    assert!(x.attr("v").is_unknown());
}

#[test]
fn templates_keep_the_known_pieces_of_unknown_strings() {
    use palisade_model::Part;
    let p = run(
        &[(
            "main.tf",
            r#"
data "aws_caller_identity" "c" {}
variable "env" { type = string }
locals { base = "app-${var.env}" }
resource "t" "u" {
  root  = "arn:aws:iam::${data.aws_caller_identity.c.account_id}:root"
  name  = "${local.base}-logs"
  cond  = "x-%{ if var.env == "p" }a%{ endif }"
}
"#,
        )],
        &TfOptions::default(),
    );
    let r = p.resources.iter().find(|r| r.address == "t.u").unwrap();
    let parts = |k: &str| match &r.attrs.as_map().unwrap()[k].value {
        Value::Unknown(u) => u.parts.as_deref().map(<[Part]>::to_vec),
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(
        parts("root"),
        Some(vec![
            Part::Lit("arn:aws:iam::".into()),
            Part::Hole("data.aws_caller_identity.c.account_id".into()),
            Part::Lit(":root".into()),
        ])
    );
    assert_eq!(
        parts("name"),
        Some(vec![
            Part::Lit("app-".into()),
            Part::Hole("var.env".into()),
            Part::Lit("-logs".into()),
        ]),
        "the pieces of an interpolated partly-known string are spliced in"
    );
    assert_eq!(parts("cond"), None, "an unknown directive: no shape");
}

#[test]
fn variable_blocks_are_meta_resources_with_their_default() {
    let p = run(
        &[(
            "main.tf",
            r#"
variable "password" {
  type      = string
  default   = "Aa1234321Bb"
  sensitive = true
}
variable "region" {}
"#,
        )],
        &TfOptions::default(),
    );
    let v = p
        .resources
        .iter()
        .find(|r| r.address == "var.password")
        .expect("a variable resource");
    assert_eq!(v.rtype, "variable");
    assert_eq!(v.mode, palisade_model::Mode::Meta);
    assert_eq!(v.span.start_line, 2);
    let d = v.attr("default").known().unwrap();
    assert_eq!(d.as_str(), Some("Aa1234321Bb"));
    assert_eq!(d.span.as_ref().map(|s| s.start_line), Some(4));
    assert_eq!(
        v.attr("sensitive").known().and_then(Node::as_bool),
        Some(true)
    );
    assert_eq!(
        v.attr("type").known().and_then(Node::as_str),
        Some("string")
    );
    let r = p
        .resources
        .iter()
        .find(|r| r.address == "var.region")
        .unwrap();
    assert!(r.attr("default").is_absent());
}
