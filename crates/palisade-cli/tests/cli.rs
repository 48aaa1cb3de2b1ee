//! End-to-end tests of the `palisade` binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn palisade() -> Command {
    let mut c = Command::cargo_bin("palisade").expect("binary");
    c.env_remove("NO_COLOR").env("PALISADE_TEST", "1");
    c
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

fn json_scan(args: &[&str]) -> (i32, serde_json::Value) {
    let out = palisade()
        .arg("scan")
        .args(args)
        .args(["--format", "json", "--no-progress"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (code, v)
}

#[test]
fn scanning_the_examples_finds_located_failures_in_every_language() {
    let (code, v) = json_scan(&[examples().to_str().unwrap()]);
    assert_eq!(code, 1, "failing findings give exit 1");
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "rule_id",
            "title",
            "severity",
            "category",
            "status",
            "message",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        assert!(f["location"]["path"].as_str().unwrap().len() > 1);
        assert!(f["location"]["start_line"].as_u64().unwrap() >= 1);
        assert!(f["resource"]["address"].as_str().is_some());
        assert!(f["resource"]["type"].as_str().is_some());
    }
    let paths: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["location"]["path"].as_str())
        .collect();
    assert!(
        paths.iter().any(|p| p.starts_with("terraform/")),
        "terraform findings: {paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.starts_with("cloudformation/")),
        "cloudformation findings: {paths:?}"
    );
    // Module instances carry the module path and instance key.
    let addrs: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["resource"]["address"].as_str())
        .collect();
    assert!(
        addrs
            .iter()
            .any(|a| a.starts_with("module.data[\"assets\"].")),
        "module instance addresses: {addrs:?}"
    );
}

#[test]
fn reports_are_byte_identical_across_runs_and_thread_counts() {
    let ex = examples();
    let run = |threads: &str, fmt: &str| {
        palisade()
            .args([
                "scan",
                ex.to_str().unwrap(),
                "--no-progress",
                "--format",
                fmt,
                "--threads",
                threads,
            ])
            .output()
            .unwrap()
            .stdout
    };
    for fmt in ["json", "sarif", "text"] {
        let a = run("1", fmt);
        let b = run("2", fmt);
        let c = run("2", fmt);
        assert!(!a.is_empty());
        assert_eq!(a, b, "{fmt}: 1 vs 2 threads");
        assert_eq!(b, c, "{fmt}: two runs");
    }
}

#[test]
fn sarif_has_a_location_for_every_result() {
    let out = palisade()
        .args([
            "scan",
            examples().to_str().unwrap(),
            "--format",
            "sarif",
            "--no-progress",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut dedup = ids.clone();
    dedup.dedup();
    assert_eq!(ids, dedup, "rules are unique");
}

#[test]
fn output_file_and_text_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.txt");
    palisade()
        .args([
            "scan",
            examples().to_str().unwrap(),
            "--no-progress",
            "--output",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("terraform/main.tf"));
    assert!(
        !text.contains("\u{1b}["),
        "no colour when writing to a file"
    );
}

#[test]
fn a_clean_directory_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"x\" {\n  bucket = \"b\"\n}\n",
    );
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn usage_errors_exit_two() {
    palisade()
        .args(["scan", "--format", "xml"])
        .assert()
        .code(2);
    palisade()
        .args(["scan", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    palisade().args(["frobnicate"]).assert().code(2);
    palisade()
        .args(["scan", "--min-severity", "urgent", "."])
        .assert()
        .code(2);
}

#[test]
fn rules_and_rule_docs() {
    let out = palisade()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = v.as_array().unwrap();
    assert!(!rules.is_empty());
    for r in rules {
        assert!(r["id"].as_str().unwrap().starts_with("PAL-"));
        assert!(r["frameworks"].as_object().is_some());
    }
    palisade()
        .args(["rule", "PAL-S3-001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Why it matters"));
    palisade().args(["rule", "pal-s3-001"]).assert().success();
    palisade().args(["rule", "PAL-NOPE-999"]).assert().code(2);
}

#[test]
fn broken_input_is_a_diagnostic_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n",
    );
    write(
        dir.path(),
        "good/main.tf",
        "resource \"aws_s3_bucket\" \"g\" {\n  bucket = \"g\"\n}\n",
    );
    write(
        dir.path(),
        "cfn.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n",
    );
    std::fs::write(dir.path().join("bin.tf"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let (code, v) = json_scan(&[dir.path().to_str().unwrap()]);
    assert_eq!(
        code, 1,
        "the good file still has a finding; parse errors do not change the exit code"
    );
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d.to_string().contains("bad.tf")),
        "{diags:?}"
    );
    assert!(
        diags.iter().any(|d| d.to_string().contains("cfn.yaml")),
        "{diags:?}"
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["resource"]["address"] == "aws_s3_bucket.g")
    );
}

#[test]
fn fail_on_error_gates_parse_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.tf", "resource \"aws_s3_bucket\" \"b\" {\n");
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path())
        .assert()
        .code(0);
    palisade()
        .args(["scan", "--no-progress", "--fail-on-error"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn unknown_values_give_unknown_results_and_can_gate() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "palisade.toml",
        "only_rules = [\"PAL-S3-001\"]\n",
    );
    write(
        dir.path(),
        "main.tf",
        "variable \"algo\" {}\n\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = var.algo\n    }\n  }\n}\n",
    );
    let (code, v) = json_scan(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "unknown is not a failure: {}", v["findings"]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "PAL-S3-001")
        .expect("an unknown result");
    assert_eq!(f["status"], "unknown");
    assert!(
        f["unknown_reason"].as_str().unwrap().contains("algo"),
        "{f}"
    );
    palisade()
        .args(["scan", "--no-progress", "--fail-on-unknown"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn config_file_is_found_upward_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "palisade.toml", "min_severity = \"critical\"\n");
    write(
        dir.path(),
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    // PAL-S3-001 is medium: filtered by the config found upward.
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path().join("infra"))
        .assert()
        .code(0);
    palisade()
        .args(["scan", "--no-progress", "--min-severity", "low"])
        .arg(dir.path().join("infra"))
        .assert()
        .code(1);
    write(
        dir.path(),
        "palisade.toml",
        "min_severity = \"critical\"\nbogus_key = 1\n",
    );
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path().join("infra"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("palisade.toml:2"));
}

#[test]
fn gitignored_and_excluded_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "ignored/\n");
    write(
        dir.path(),
        "ignored/main.tf",
        "resource \"aws_s3_bucket\" \"i\" {\n  bucket = \"i\"\n}\n",
    );
    write(
        dir.path(),
        "vendor/main.tf",
        "resource \"aws_s3_bucket\" \"v\" {\n  bucket = \"v\"\n}\n",
    );
    palisade()
        .args(["scan", "--no-progress", "--exclude", "vendor"])
        .arg(dir.path())
        .assert()
        .code(0);
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path())
        .assert()
        .code(1);
    palisade()
        .args(["scan", "--no-progress", "--include", "ignored/**"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn secrets_are_found_in_every_file_and_redacted_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    // Built from parts so the repository holds no credential-looking literal.
    let secret = format!("{}{}", "Zt7qLw9Xb", "N3vKp2RmY5s");
    write(
        dir.path(),
        "app/settings.env",
        &format!("DB_PASSWORD={secret}\n"),
    );
    write(
        dir.path(),
        "main.tf",
        &format!("resource \"aws_db_instance\" \"d\" {{\n  password = \"{secret}\"\n}}\n"),
    );
    for fmt in ["json", "sarif", "text"] {
        let out = palisade()
            .args(["scan", "--no-progress", "--format", fmt])
            .arg(dir.path())
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(!s.contains(&secret), "{fmt} output leaks the secret");
        assert!(s.contains("PAL-SECRET-103"), "{fmt}: {s}");
    }
    let (_, v) = json_scan(&[dir.path().to_str().unwrap()]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "secrets")
        .filter_map(|f| f["location"]["path"].as_str())
        .collect();
    assert!(
        paths.contains(&"app/settings.env") && paths.contains(&"main.tf"),
        "{paths:?}"
    );
    let (_, v) = json_scan(&[dir.path().to_str().unwrap(), "--secrets", "iac"]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "secrets")
        .filter_map(|f| f["location"]["path"].as_str())
        .collect();
    assert_eq!(paths, ["main.tf"]);
    let (_, v) = json_scan(&[dir.path().to_str().unwrap(), "--secrets", "off"]);
    assert!(
        !v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["category"] == "secrets")
    );
}

#[test]
fn custom_rego_policies_run_with_the_builtin_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  tags = {\n    service = \"x\"\n  }\n}\n",
    );
    write(
        dir.path(),
        "policy/tags.rego",
        "package main\n\nimport rego.v1\n\n# METADATA\n# title: Buckets carry an owner tag\n# custom:\n#   id: ACME-001\n#   severity: high\ndeny contains {\"msg\": sprintf(\"%s has no owner tag\", [input.address]), \"attribute\": \"tags\"} if {\n  input.type == \"aws_s3_bucket\"\n  not input.attributes.tags.owner\n}\n\nwarn contains \"bucket seen\" if input.type == \"aws_s3_bucket\"\n",
    );
    let infra = dir.path().join("infra");
    let policy = dir.path().join("policy");
    let (code, v) = json_scan(&[
        infra.to_str().unwrap(),
        "--policy",
        policy.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let f = v["findings"].as_array().unwrap();
    let custom = f
        .iter()
        .find(|x| x["rule_id"] == "ACME-001")
        .expect("custom finding");
    assert_eq!(custom["status"], "fail");
    assert_eq!(custom["severity"], "high");
    assert_eq!(
        custom["location"]["start_line"], 3,
        "located at the tags attribute"
    );
    assert!(f.iter().any(|x| x["status"] == "warn"));
    assert!(
        f.iter().any(|x| x["rule_id"] == "PAL-S3-001"),
        "built-in rules still run"
    );
    let (_, v) = json_scan(&[
        infra.to_str().unwrap(),
        "--policy",
        policy.to_str().unwrap(),
        "--policy-only",
    ]);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["rule_id"] == "ACME-001"
                || x["status"] == "warn"
                || x["category"] == "secrets")
    );
    // SARIF declares the custom rule.
    let out = palisade()
        .args(["scan", "--no-progress", "--format", "sarif", "--policy"])
        .arg(&policy)
        .arg(&infra)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "ACME-001")
    );
    // A broken policy: exit 2, unless findings already fail and --keep-going.
    write(
        dir.path(),
        "policy/broken.rego",
        "package main\n\ndeny contains msg if {\n  input.x ==\n}\n",
    );
    palisade()
        .args(["scan", "--no-progress", "--policy"])
        .arg(&policy)
        .arg(&infra)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.rego"));
    palisade()
        .args(["scan", "--no-progress", "--keep-going", "--policy"])
        .arg(&policy)
        .arg(&infra)
        .assert()
        .code(1);
}

#[test]
fn policy_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/main.rego",
        "package main\n\nimport rego.v1\n\ndeny contains \"privileged\" if input.privileged\n",
    );
    write(
        dir.path(),
        "p/main_test.rego",
        "package main\n\nimport rego.v1\n\ntest_denies if { deny[\"privileged\"] with input as {\"privileged\": true} }\n\ntest_allows if { count(deny) == 0 with input as {} }\n",
    );
    let p = dir.path().join("p");
    palisade()
        .args(["policy", "test", "-v"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 passed, 0 failed"));
    write(
        dir.path(),
        "p/more_test.rego",
        "package main\n\nimport rego.v1\n\ntest_wrong if { count(deny) == 1 with input as {} }\n",
    );
    palisade()
        .args(["policy", "test"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL: data.main.test_wrong"));
    write(dir.path(), "in.json", "{\"privileged\": true}");
    palisade()
        .args(["policy", "eval", "--input"])
        .arg(dir.path().join("in.json"))
        .args(["--query", "data.main.deny"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("privileged"));
    let hash = palisade()
        .args(["policy", "hash"])
        .arg(&p)
        .output()
        .unwrap();
    let hash = String::from_utf8(hash.stdout).unwrap().trim().to_string();
    assert!(hash.starts_with("sha256:"));
    // Pinned in palisade.toml: a mismatch is an error.
    write(
        dir.path(),
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    write(
        dir.path(),
        "infra/palisade.toml",
        &format!("[[policies]]\npath = \"../p\"\nsha256 = \"{hash}\"\n"),
    );
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path().join("infra"))
        .assert()
        .code(1);
    write(
        dir.path(),
        "p/main.rego",
        "package main\n\nimport rego.v1\n\ndeny contains \"changed\" if input.privileged\n",
    );
    palisade()
        .args(["scan", "--no-progress"])
        .arg(dir.path().join("infra"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pinned hash"));
    palisade()
        .args(["policy", "fmt", "--check"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("opa fmt"));
    palisade()
        .args(["policy", "lint"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no METADATA"));
}

#[test]
fn compliance_report_for_every_framework() {
    let ex = examples();
    for fw in [
        "soc2",
        "hipaa",
        "gdpr",
        "cis-aws",
        "nist-800-53",
        "pci-dss",
        "cis-k8s",
        "pss",
    ] {
        let out = palisade()
            .args([
                "report",
                "compliance",
                "--framework",
                fw,
                "--format",
                "json",
            ])
            .arg(&ex)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{fw}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let s = &v["summary"];
        let controls = s["controls"].as_u64().unwrap();
        assert!(controls >= 15, "{fw}: {controls} controls");
        assert_eq!(
            s["covered"].as_u64().unwrap() + s["not_covered"].as_u64().unwrap(),
            controls,
            "{fw}: coverage adds up"
        );
        assert!(
            s["fail"].as_u64().unwrap() > 0,
            "{fw}: the example estate fails some control"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    palisade()
        .args([
            "report",
            "compliance",
            "--framework",
            "soc2",
            "--format",
            "html",
            "--output",
        ])
        .arg(&html)
        .arg(&ex)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(
        !page.contains("<script src") && !page.contains("<link "),
        "self-contained"
    );
    palisade()
        .args([
            "report",
            "compliance",
            "--framework",
            "soc2",
            "--format",
            "markdown",
        ])
        .arg(&ex)
        .assert()
        .success()
        .stdout(predicate::str::contains("CC6.1"));
    palisade()
        .args(["report", "compliance", "--framework", "iso27001"])
        .arg(&ex)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown framework"));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    let bin = assert_cmd::cargo::cargo_bin("palisade");
    let ex = examples();
    let ex = ex.to_str().unwrap();
    // `palisade scan . --format json | head`: the JSON and SARIF writers
    // report the closed pipe through serde_json; still no error, exit 0.
    for args in [
        vec!["rules", "--format", "json"],
        vec!["scan", ex, "--format", "json", "--no-progress"],
        vec!["scan", ex, "--format", "sarif", "--no-progress"],
    ] {
        let mut child = std::process::Command::new(&bin)
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn conftest_document_mode_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "k8s/app.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
    );
    write(
        dir.path(),
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"x\"\n  acl    = \"public-read\"\n}\n",
    );
    // An unchanged Conftest policy, Rego v0 syntax, in two packages.
    write(
        dir.path(),
        "policy/k8s.rego",
        "package kubernetes\n\ndeny[msg] {\n  input.kind == \"Pod\"\n  input.spec.containers[_].securityContext.privileged\n  msg := sprintf(\"Pod %s is privileged\", [input.metadata.name])\n}\n",
    );
    write(
        dir.path(),
        "policy/tf.rego",
        "package terraform\n\ndeny[msg] {\n  some name\n  b := input.resource.aws_s3_bucket[name]\n  b.acl == \"public-read\"\n  msg := sprintf(\"bucket `%s` is public\", [name])\n}\n",
    );
    write(
        dir.path(),
        "policy/combined.rego",
        "package combined\n\nwarn[msg] {\n  count(input) > 1\n  msg := sprintf(\"%d files\", [count(input)])\n}\n",
    );
    let root = dir.path().to_str().unwrap().to_string();
    let policy = dir.path().join("policy");
    let policy = policy.to_str().unwrap();
    let base = [
        root.as_str(),
        "--policy-only",
        "--secrets",
        "off",
        "--policy",
        policy,
        "--policy-input",
        "document",
    ];

    // Only `main` by default: nothing here.
    let (code, v) = json_scan(&base);
    assert_eq!(code, 0, "{v}");
    let mut args = base.to_vec();
    args.extend(["--namespace", "kubernetes", "--namespace", "terraform"]);
    let (code, v) = json_scan(&args);
    assert_eq!(code, 1);
    let f = v["findings"].as_array().unwrap();
    let k = f
        .iter()
        .find(|x| x["rule_id"] == "kubernetes.deny")
        .expect("k8s verdict");
    assert_eq!(k["message"], "Pod web is privileged");
    assert_eq!(k["location"]["path"], "k8s/app.yaml");
    let t = f
        .iter()
        .find(|x| x["rule_id"] == "terraform.deny")
        .expect("terraform verdict");
    assert_eq!(t["message"], "bucket `site` is public");
    assert_eq!(t["location"]["path"], "infra/main.tf");
    assert_eq!(
        t["location"]["start_line"], 1,
        "located at the resource the message names"
    );
    let mut args = base.to_vec();
    args.extend(["--all-namespaces", "--combine"]);
    let (_, v) = json_scan(&args);
    let f = v["findings"].as_array().unwrap();
    assert!(
        f.iter()
            .any(|x| x["rule_id"] == "combined.warn" && x["message"] == "2 files"),
        "{f:?}"
    );
}

#[test]
fn fingerprints_survive_moving_code_and_change_with_the_resource() {
    let dir = tempfile::tempdir().unwrap();
    let bucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n";
    let key = "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n";
    let prints = |dir: &Path| -> Vec<(String, String, u64)> {
        let (_, v) = json_scan(&[dir.to_str().unwrap(), "--secrets", "off"]);
        let mut p: Vec<_> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().to_string(),
                    f["fingerprint"].as_str().unwrap().to_string(),
                    f["location"]["start_line"].as_u64().unwrap(),
                )
            })
            .collect();
        p.sort();
        p
    };
    write(dir.path(), "main.tf", &format!("{bucket}\n{key}"));
    let before = prints(dir.path());
    assert!(before.len() >= 2);
    // Move the key above the bucket, add comments and blank lines.
    write(
        dir.path(),
        "main.tf",
        &format!("# platform team\n\n{key}\n\n\n{bucket}"),
    );
    let after = prints(dir.path());
    let fp = |v: &[(String, String, u64)]| {
        v.iter()
            .map(|(r, f, _)| (r.clone(), f.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fp(&before),
        fp(&after),
        "same fingerprints after moving code"
    );
    let lines = |v: &[(String, String, u64)]| v.iter().map(|(_, _, l)| *l).collect::<Vec<_>>();
    assert_ne!(lines(&before), lines(&after), "the lines did move");
    // Renaming the resource is a different finding.
    write(
        dir.path(),
        "main.tf",
        &format!("{}\n{key}", bucket.replace("\"b\" {", "\"logs\" {")),
    );
    let renamed = prints(dir.path());
    assert_ne!(fp(&before), fp(&renamed));
}

#[test]
fn code_scanning_formats_use_repository_paths_json_keeps_scan_root_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    let infra = dir.path().join("infra");
    let out = palisade()
        .args([
            "scan",
            "--no-progress",
            "--secrets",
            "off",
            "--format",
            "sarif",
        ])
        .arg(&infra)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
    assert_eq!(uri, "infra/main.tf");
    let gh = palisade()
        .args([
            "scan",
            "--no-progress",
            "--secrets",
            "off",
            "--format",
            "github",
        ])
        .arg(&infra)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&gh.stdout).contains("file=infra/main.tf"));
    let (_, v) = json_scan(&[infra.to_str().unwrap(), "--secrets", "off"]);
    assert_eq!(
        v["findings"][0]["location"]["path"], "main.tf",
        "JSON paths stay relative to the scanned root"
    );
}

#[test]
fn an_include_that_matches_nothing_is_said() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    let (code, v) = json_scan(&[dir.path().to_str().unwrap(), "--include", "infar/**"]);
    assert_eq!(code, 0);
    let d = v["diagnostics"].as_array().unwrap();
    assert!(
        d.iter().any(|x| x["code"] == "include-matched-nothing"
            && x["message"].as_str().unwrap().contains("infar/**")),
        "{d:?}"
    );
}

#[test]
fn conftest_dockerfile_policies_see_the_instruction_list() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app/Dockerfile",
        "FROM openjdk:8-jdk-alpine\nRUN apk add curl\nCMD [\"java\", \"-jar\", \"app.jar\"]\n",
    );
    write(
        dir.path(),
        "policy/images.rego",
        "package main\n\nbanned := [\"openjdk\"]\n\ndeny[msg] {\n  input[i].Cmd == \"from\"\n  val := input[i].Value\n  contains(val[0], banned[_])\n  msg := sprintf(\"banned base image %s\", [val])\n}\n",
    );
    let policy = dir.path().join("policy");
    let (code, v) = json_scan(&[
        dir.path().join("app").to_str().unwrap(),
        "--policy-only",
        "--secrets",
        "off",
        "--policy",
        policy.to_str().unwrap(),
        "--policy-input",
        "document",
    ]);
    assert_eq!(code, 1, "{v}");
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0]["message"],
        "banned base image [\"openjdk:8-jdk-alpine\"]"
    );
    assert_eq!(f[0]["location"]["path"], "Dockerfile");
}
