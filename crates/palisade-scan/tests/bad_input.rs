//! Bad input at scale: one tree holding a 100 MB file, a YAML alias bomb,
//! 10,000-deep nesting in HCL, YAML and JSON, a symlink loop, a module
//! cycle, a `for_each` over an unknown value, non-UTF-8 bytes and a file of
//! one 5 MB line. Each gives a diagnostic naming its file (and line where it
//! means something); the good files still yield their findings; nothing
//! panics; the output is the same on every run.

use std::path::Path;
use std::time::{Duration, Instant};

use palisade_engine::Status;
use palisade_model::Diagnostic;
use palisade_scan::{ScanOptions, ScanOutput, scan};

const DEPTH: usize = 10_000;

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn build_tree(root: &Path) {
    // Good files, with findings that must survive the bad ones.
    write(
        root,
        "good/main.tf",
        r#"resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = false
}
"#,
    );
    write(
        root,
        "good/pod.yaml",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: apps
spec:
  containers:
    - name: c
      image: nginx:1.25
      securityContext:
        privileged: true
"#,
    );

    // 100 MB, sparse (no disk used): over the size cap.
    let f = std::fs::File::create(root.join("huge.yaml")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();

    // YAML alias bomb (a billion laughs) in a Kubernetes manifest.
    let mut bomb =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n");
    bomb.push_str("  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    write(root, "bomb/bomb.yaml", bomb);

    // 10,000-deep nesting, one of each syntax.
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    write(
        root,
        "deep/tf/main.tf",
        format!("locals {{\n  x = {open}1{close}\n}}\n"),
    );
    write(
        root,
        "deep/k8s.yaml",
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: {open}1{close}\n"
        ),
    );
    write(
        root,
        "deep/cfn.json",
        format!(
            "{{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\"Resources\": {{\"Q\": {{\"Type\": \"AWS::SQS::Queue\",\n\"Properties\": {{\"Tags\": {open}1{close}}}}}}}}}\n"
        ),
    );

    // Module cycle: a calls b, b calls a.
    write(
        root,
        "cycle/a/main.tf",
        "module \"b\" {\n  source = \"../b\"\n}\n",
    );
    write(
        root,
        "cycle/b/main.tf",
        "module \"a\" {\n  source = \"../a\"\n}\n",
    );

    // for_each over a value only known after apply.
    write(
        root,
        "unknown/main.tf",
        r#"data "aws_availability_zones" "az" {}

resource "aws_subnet" "s" {
  for_each   = toset(data.aws_availability_zones.az.names)
  vpc_id     = "vpc-1"
  cidr_block = "10.0.0.0/24"
}
"#,
    );

    // Non-UTF-8 bytes on line 4.
    write(
        root,
        "latin1/cm.yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n".as_slice(),
    );

    // One line of 5 MB: a CloudFormation template written without newlines.
    let mut line = String::from(
        "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueName\": \"",
    );
    line.push_str(&"q".repeat(5 * 1024 * 1024));
    line.push_str("\"}}}}");
    write(root, "oneline/stack.json", line);

    // Symlink loop: loop/self -> loop.
    std::fs::create_dir_all(root.join("loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop/self")).unwrap();
}

fn run(root: &Path) -> ScanOutput {
    let opts = ScanOptions {
        paths: vec![root.to_path_buf()],
        ..Default::default()
    };
    scan(&opts, &palisade_rules::all()).expect("scan runs")
}

fn diags_for<'a>(out: &'a ScanOutput, path: &str) -> Vec<&'a Diagnostic> {
    out.diagnostics()
        .iter()
        .filter(|d| d.span.path.as_ref() == path)
        .collect()
}

fn has_diag(out: &ScanOutput, path: &str, code_part: &str) -> bool {
    diags_for(out, path)
        .iter()
        .any(|d| d.code.contains(code_part) || d.message.contains(code_part))
}

fn dump(out: &ScanOutput) -> String {
    out.diagnostics()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.code, d.span.path, d.span.start_line, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn bad_input_is_diagnosed_and_the_rest_scans() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    build_tree(&root);

    let t = Instant::now();
    let out = run(&root);
    let took = t.elapsed();
    let all = dump(&out);
    assert!(
        took < Duration::from_secs(60),
        "scan took {took:?}; diagnostics:\n{all}"
    );

    // The good files still give their findings.
    let failing = |path: &str, rule: &str| {
        out.findings.iter().any(|f| {
            f.status == Status::Fail && f.location.path.as_ref() == path && f.rule_id == rule
        })
    };
    let rule_of = |pred: &dyn Fn(&str) -> bool| {
        palisade_rules::all()
            .into_iter()
            .filter(|r| pred(r.title))
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    let kms = rule_of(&|t| t.to_lowercase().contains("rotat"));
    let privileged = rule_of(&|t| t.to_lowercase().contains("privileged"));
    assert!(
        kms.iter().any(|r| failing("good/main.tf", r)),
        "no KMS rotation finding in good/main.tf; diagnostics:\n{all}"
    );
    assert!(
        privileged.iter().any(|r| failing("good/pod.yaml", r)),
        "no privileged finding in good/pod.yaml; diagnostics:\n{all}"
    );

    // 100 MB: skipped by the size cap, never read.
    assert!(
        has_diag(&out, "huge.yaml", "file-too-large"),
        "huge.yaml:\n{all}"
    );

    // Alias bomb: stopped by the expansion budget, at the file.
    assert!(
        has_diag(&out, "bomb/bomb.yaml", "alias"),
        "bomb.yaml:\n{all}"
    );

    // Deep nesting: each file named, with a line.
    for p in ["deep/tf/main.tf", "deep/k8s.yaml", "deep/cfn.json"] {
        let d = diags_for(&out, p);
        assert!(!d.is_empty(), "no diagnostic for {p}:\n{all}");
        assert!(d.iter().all(|d| d.span.start_line >= 1), "{p}: {d:?}");
    }

    // Module cycle.
    assert!(
        out.diagnostics()
            .iter()
            .any(|d| d.code == "tf-module-cycle" && d.span.path.starts_with("cycle/")),
        "module cycle:\n{all}"
    );

    // for_each over an unknown value: located on the resource's line.
    let fe: Vec<_> = diags_for(&out, "unknown/main.tf")
        .into_iter()
        .filter(|d| d.code == "tf-unknown-for-each")
        .collect();
    assert!(!fe.is_empty(), "unknown for_each:\n{all}");
    assert!(
        fe.iter().all(|d| (3..=4).contains(&d.span.start_line)),
        "{fe:?}"
    );

    // Non-UTF-8: the file and the line of the bad byte.
    let nu = diags_for(&out, "latin1/cm.yaml");
    assert!(
        nu.iter()
            .any(|d| d.message.contains("UTF-8") && d.span.start_line == 4),
        "non-UTF-8:\n{all}"
    );

    // One 5 MB line: read whole, its resource is in the model.
    assert!(
        out.model
            .resources
            .iter()
            .any(|r| r.span.path.as_ref() == "oneline/stack.json"),
        "one-line template not parsed:\n{all}"
    );

    // Symlink loop: named, not followed forever.
    #[cfg(unix)]
    assert!(
        out.diagnostics()
            .iter()
            .any(|d| d.span.path.starts_with("loop") && d.message.contains("loop")),
        "symlink loop:\n{all}"
    );

    // Deterministic: a second run gives the same findings and diagnostics.
    let again = run(&root);
    let key = |o: &ScanOutput| {
        o.findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {:?} {}",
                    f.rule_id, f.location.path, f.status, f.fingerprint
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&out), key(&again));
    assert_eq!(all, dump(&again));
}
