//! Suppressions, baselines and diff-aware scans, end to end through the CLI.

use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2025-06-01";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn palisade() -> Command {
    let mut c = Command::cargo_bin("palisade").unwrap();
    c.env("PALISADE_TODAY", TODAY).env("NO_COLOR", "1");
    c
}

/// Runs `scan --format json` and returns (exit code, report).
fn scan_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = palisade()
        .arg("scan")
        .arg(dir)
        .args(["--format", "json", "--no-progress"])
        .args(extra)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, v)
}

fn has_finding(v: &Value, rule: &str, address: &str) -> bool {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule_id"] == rule && f["resource"]["address"] == address)
}

fn suppressed<'a>(v: &'a Value, rule: &str, address: &str) -> Option<&'a Value> {
    v["suppressed"]
        .as_array()?
        .iter()
        .find(|f| f["rule_id"] == rule && f["resource"]["address"] == address)
}

fn diags<'a>(v: &'a Value, code: &str) -> Vec<&'a Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

const BUCKETS: &str = r#"# palisade:ignore PAL-S3-005 reason="access logs, versioning not needed" owner=team-a expires=2099-01-01
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}
"#;

#[test]
fn inline_comment_suppresses_one_resource() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    let (code, v) = scan_json(d.path(), &[]);
    assert_eq!(code, 1);
    assert!(!has_finding(&v, "PAL-S3-005", "aws_s3_bucket.logs"));
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.data"));
    // Other rules on the same resource are still reported.
    assert!(has_finding(&v, "PAL-S3-001", "aws_s3_bucket.logs"));
    let s = suppressed(&v, "PAL-S3-005", "aws_s3_bucket.logs").expect("suppressed entry");
    assert_eq!(s["suppression"]["kind"], "comment");
    assert_eq!(
        s["suppression"]["reason"],
        "access logs, versioning not needed"
    );
    assert_eq!(s["suppression"]["owner"], "team-a");
    assert_eq!(s["suppression"]["expires"], "2099-01-01");
    assert_eq!(s["suppression"]["location"]["path"], "main.tf");
    assert_eq!(s["suppression"]["location"]["start_line"], 1);
    assert!(diags(&v, "suppression-unused").is_empty());
    assert_eq!(v["schema_version"], "1.1");
}

#[test]
fn text_output_counts_suppressed() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    let out = palisade()
        .arg("scan")
        .arg(d.path())
        .arg("--no-progress")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("suppressed:  1 finding (1 comment"), "{text}");
}

#[test]
fn module_call_comment_applies_inside() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "// palisade:ignore PAL-S3-005 reason=\"vendored module\" owner=platform\nmodule \"store\" {\n  source = \"./store\"\n}\n\nresource \"aws_s3_bucket\" \"own\" {\n  bucket = \"own\"\n}\n",
    );
    write(
        d.path(),
        "store/main.tf",
        "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"store\"\n}\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    let s = suppressed(&v, "PAL-S3-005", "module.store.aws_s3_bucket.this")
        .expect("module resource suppressed");
    assert_eq!(s["suppression"]["owner"], "platform");
    assert!(!has_finding(
        &v,
        "PAL-S3-005",
        "module.store.aws_s3_bucket.this"
    ));
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.own"));
}

#[test]
fn instance_param_suppresses_one_for_each_instance() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "/* palisade:ignore PAL-S3-005 instance=\"a\" reason=\"a is scratch\" */\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"a\", \"b\"])\n  bucket   = each.key\n}\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(suppressed(&v, "PAL-S3-005", "aws_s3_bucket.b[\"a\"]").is_some());
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.b[\"b\"]"));
    assert!(!has_finding(&v, "PAL-S3-005", "aws_s3_bucket.b[\"a\"]"));
}

#[test]
fn count_instance_by_index() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"c\" {\n  # palisade:ignore PAL-S3-005 instance=1 reason=\"second is temporary\"\n  count  = 2\n  bucket = \"c${count.index}\"\n}\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(suppressed(&v, "PAL-S3-005", "aws_s3_bucket.c[1]").is_some());
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.c[0]"));
}

#[test]
fn cloudformation_metadata_and_comment() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "template.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      palisade:
        ignore:
          - id: PAL-S3-005
            reason: "scratch bucket"
            owner: team-data
            expires: "2099-12-31"
    Properties:
      BucketName: scratch
  # palisade:ignore PAL-S3-005 reason="archive, immutable"
  Other:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: other
"#,
    );
    let (_, v) = scan_json(d.path(), &[]);
    let s = suppressed(&v, "PAL-S3-005", "Bucket").expect("metadata suppression");
    assert_eq!(s["suppression"]["kind"], "metadata");
    assert_eq!(s["suppression"]["owner"], "team-data");
    let o = suppressed(&v, "PAL-S3-005", "Other").expect("comment suppression");
    assert_eq!(o["suppression"]["kind"], "comment");
    assert!(has_finding(&v, "PAL-S3-001", "Bucket"));
}

#[test]
fn kubernetes_annotation_and_comment() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "pod.yaml",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    palisade.dev/ignore: "PAL-K8S-015 reason=legacy owner=team-web; PAL-K8S-016 reason=\"needs it\" expires=2099-01-01"
spec:
  containers:
    - name: web
      image: nginx:1.25
---
# palisade:ignore PAL-K8S-015 reason="batch job"
apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  containers:
    - name: job
      image: nginx:1.25
"#,
    );
    let (_, v) = scan_json(d.path(), &[]);
    let a = suppressed(&v, "PAL-K8S-015", "Pod/default/web").expect("annotation");
    assert_eq!(a["suppression"]["kind"], "annotation");
    assert_eq!(a["suppression"]["owner"], "team-web");
    assert!(suppressed(&v, "PAL-K8S-016", "Pod/default/web").is_some());
    let c = suppressed(&v, "PAL-K8S-015", "Pod/default/job").expect("comment");
    assert_eq!(c["suppression"]["kind"], "comment");
    assert!(has_finding(&v, "PAL-K8S-016", "Pod/default/job"));
}

#[test]
fn config_tables_by_address_and_fingerprint() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\nresource \"aws_s3_bucket\" \"data\" {\n  bucket = \"data\"\n}\n",
    );
    // The fingerprint of data's PAL-S3-001 finding.
    let (_, v0) = scan_json(d.path(), &[]);
    let fp = v0["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "PAL-S3-001" && f["resource"]["address"] == "aws_s3_bucket.data")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    write(
        d.path(),
        "palisade.toml",
        &format!(
            "[[suppress]]\nrule = \"PAL-S3-00[56]\"\nresource = \"aws_s3_bucket.l*\"\nreason = \"logs bucket\"\nowner = \"sec\"\nexpires = \"2099-01-01\"\n\n[[suppress]]\nfingerprint = \"{fp}\"\nreason = \"accepted risk RISK-12\"\n"
        ),
    );
    let (_, v) = scan_json(d.path(), &[]);
    let s = suppressed(&v, "PAL-S3-005", "aws_s3_bucket.logs").expect("by address");
    assert_eq!(s["suppression"]["kind"], "config");
    assert_eq!(s["suppression"]["location"]["path"], "palisade.toml");
    assert_eq!(s["suppression"]["location"]["start_line"], 1);
    assert!(suppressed(&v, "PAL-S3-006", "aws_s3_bucket.logs").is_some());
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.data"));
    let f = suppressed(&v, "PAL-S3-001", "aws_s3_bucket.data").expect("by fingerprint");
    assert_eq!(f["suppression"]["location"]["start_line"], 8);
    assert!(has_finding(&v, "PAL-S3-001", "aws_s3_bucket.logs"));
}

#[test]
fn expired_suppression_is_reported_and_not_applied() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"old\" {\n  # palisade:ignore PAL-S3-005 reason=\"migration\" owner=bob expires=2025-05-31\n  bucket = \"old\"\n}\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.old"));
    assert!(v.get("suppressed").is_none());
    let e = diags(&v, "suppression-expired");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["location"]["path"], "main.tf");
    assert_eq!(e[0]["location"]["start_line"], 2);
    assert!(e[0]["message"].as_str().unwrap().contains("2025-05-31"));
    // On its expiry day it still applies.
    let out = palisade()
        .env("PALISADE_TODAY", "2025-05-31")
        .arg("scan")
        .arg(d.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(suppressed(&v, "PAL-S3-005", "aws_s3_bucket.old").is_some());
}

#[test]
fn bad_suppressions_are_located_errors_and_suppress_nothing() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        r#"# palisade:ignore PAL-S3-005 owner=alice
resource "aws_s3_bucket" "a" {
  bucket = "a"
}
# palisade:ignore PAL-NOPE-999 reason="typo"
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
# palisade:ignore PAL-S3-005 reason="x" expires=2025-02-30
resource "aws_s3_bucket" "c" {
  bucket = "c"
}
# palisade:ignore PAL-S3-005 reason="unterminated
resource "aws_s3_bucket" "d" {
  bucket = "d"
}
"#,
    );
    let (code, v) = scan_json(d.path(), &["--fail-on-error"]);
    assert_eq!(code, 1);
    for r in ["a", "b", "c", "d"] {
        assert!(
            has_finding(&v, "PAL-S3-005", &format!("aws_s3_bucket.{r}")),
            "{r} must not be suppressed"
        );
    }
    assert!(v.get("suppressed").is_none());
    let errs = diags(&v, "suppression-invalid");
    let lines: Vec<u64> = errs
        .iter()
        .map(|d| d["location"]["start_line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![1, 5, 9, 13], "{errs:#?}");
    let msgs: Vec<&str> = errs
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(msgs[0].contains("no reason"), "{}", msgs[0]);
    assert!(msgs[1].contains("PAL-NOPE-999"), "{}", msgs[1]);
    assert!(msgs[2].contains("2025-02-30"), "{}", msgs[2]);
    assert!(msgs[3].contains("unterminated"), "{}", msgs[3]);
    assert!(errs.iter().all(|d| d["level"] == "error"));
}

#[test]
fn forbidden_rules_and_severities_are_reported_and_ignored() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    write(
        d.path(),
        "palisade.toml",
        "[suppressions]\nforbid_rules = [\"PAL-S3-005\"]\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.logs"));
    let f = diags(&v, "suppression-forbidden");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["location"]["start_line"], 1);
    assert!(diags(&v, "suppression-unused").is_empty());

    // By severity: PAL-S3-005 is medium.
    write(
        d.path(),
        "palisade.toml",
        "[suppressions]\nforbid_severities = [\"medium\"]\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.logs"));
    assert_eq!(diags(&v, "suppression-forbidden").len(), 1);

    // require_owner: a suppression without one is invalid.
    write(
        d.path(),
        "palisade.toml",
        "[suppressions]\nrequire_owner = true\n",
    );
    write(
        d.path(),
        "main.tf",
        "# palisade:ignore PAL-S3-005 reason=\"x\"\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.a"));
    assert!(
        diags(&v, "suppression-invalid")[0]["message"]
            .as_str()
            .unwrap()
            .contains("owner")
    );

    // An unknown severity in the policy is a configuration error.
    write(
        d.path(),
        "palisade.toml",
        "[suppressions]\nforbid_severities = [\"urgent\"]\n",
    );
    palisade()
        .arg("scan")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("urgent"));
}

#[test]
fn unused_suppressions_are_reported() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "# palisade:ignore PAL-S3-005 reason=\"stale\"\nresource \"aws_s3_bucket\" \"v\" {\n  bucket = \"v\"\n  versioning {\n    enabled = true\n  }\n}\n",
    );
    write(
        d.path(),
        "palisade.toml",
        "[[suppress]]\nresource = \"aws_s3_bucket.gone\"\nreason = \"deleted\"\n",
    );
    let (_, v) = scan_json(d.path(), &[]);
    let u = diags(&v, "suppression-unused");
    let places: Vec<(String, u64)> = u
        .iter()
        .map(|d| {
            (
                d["location"]["path"].as_str().unwrap().to_string(),
                d["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        places.contains(&("palisade.toml".to_string(), 1)),
        "{places:?}"
    );
    // PAL-S3-005 passes on a versioned bucket, so the comment is unused.
    if !has_finding(&v, "PAL-S3-005", "aws_s3_bucket.v") {
        assert!(places.contains(&("main.tf".to_string(), 1)), "{places:?}");
    }
}

#[test]
fn sarif_carries_suppressions() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    let out = palisade()
        .arg("scan")
        .arg(d.path())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let sup: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(sup.len(), 1);
    assert_eq!(sup[0]["ruleId"], "PAL-S3-005");
    let s = &sup[0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["status"], "accepted");
    assert_eq!(s["justification"], "access logs, versioning not needed");
    assert_eq!(s["properties"]["owner"], "team-a");
    // Unsuppressed results carry none.
    assert!(
        results
            .iter()
            .filter(|r| r.get("suppressions").is_none())
            .count()
            > 1
    );
}

#[test]
fn baseline_create_use_and_fixed() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    let base = d.path().join("baseline.json");
    palisade()
        .args(["baseline", "create"])
        .arg(d.path())
        .arg("-o")
        .arg(&base)
        .assert()
        .code(0);
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    assert!(b["tool"].as_str().unwrap().starts_with("palisade "));
    let entries = b["findings"].as_array().unwrap();
    assert!(entries.len() >= 4);
    assert!(
        entries
            .iter()
            .all(|e| e["fingerprint"].as_str().unwrap().len() == 24 && e["path"] == "main.tf")
    );

    // Nothing new: exit 0, everything in `suppressed` as baseline.
    let (code, v) = scan_json(d.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["baseline"]["new"], 0);
    assert_eq!(
        v["baseline"]["unchanged"].as_u64().unwrap() as usize,
        entries.len()
    );
    let s = suppressed(&v, "PAL-S3-005", "aws_s3_bucket.a").unwrap();
    assert_eq!(s["suppression"]["kind"], "baseline");

    // Remove b, add c: c's findings are new, b's are fixed.
    write(
        d.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\nresource \"aws_s3_bucket\" \"c\" {\n  bucket = \"c\"\n}\n",
    );
    let (code, v) = scan_json(d.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.c"));
    assert!(!has_finding(&v, "PAL-S3-005", "aws_s3_bucket.a"));
    let fixed = v["baseline"]["fixed"].as_array().unwrap();
    assert!(!fixed.is_empty());
    assert!(fixed.iter().all(|e| e["resource"] == "aws_s3_bucket.b"));
    assert_eq!(v["baseline"]["mode"], "baseline");

    // Text output has a baseline line.
    let out = palisade()
        .arg("scan")
        .arg(d.path())
        .arg("--baseline")
        .arg(&base)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("baseline:") && text.contains("fixed"),
        "{text}"
    );
}

#[test]
fn corrupt_baseline_is_a_located_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    let base = d.path().join("bad.json");
    std::fs::write(&base, "{\n  \"version\": 1,\n  \"tool\": \"x\",\n  \"findings\": [\n    {\"fingerprint\": 12}\n  ]\n}\n").unwrap();
    palisade()
        .arg("scan")
        .arg(d.path())
        .arg("--baseline")
        .arg(&base)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.json:5:"))
        .stderr(predicates::str::contains("corrupt baseline"));
    std::fs::write(&base, "{\"version\": 7, \"tool\": \"x\", \"findings\": []}").unwrap();
    palisade()
        .arg("scan")
        .arg(d.path())
        .arg("--baseline")
        .arg(&base)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("version 7"));
    palisade()
        .arg("scan")
        .arg(d.path())
        .arg("--baseline")
        .arg(d.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.json"));
}

fn git(dir: &Path, args: &[&str]) {
    let st = StdCommand::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn diff_base_reports_only_new_findings() {
    let d = tempfile::tempdir().unwrap();
    let repo = d.path();
    git(repo, &["init", "-q"]);
    write(
        repo,
        "infra/main.tf",
        "resource \"aws_s3_bucket\" \"old\" {\n  bucket = \"old\"\n}\nresource \"aws_s3_bucket\" \"gone\" {\n  bucket = \"gone\"\n}\n",
    );
    write(repo, "README", "x\n");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    git(repo, &["tag", "base"]);
    write(
        repo,
        "infra/main.tf",
        "# moved down a line\n\nresource \"aws_s3_bucket\" \"old\" {\n  bucket = \"old\"\n}\nresource \"aws_s3_bucket\" \"new\" {\n  bucket = \"new\"\n}\n",
    );
    git(repo, &["commit", "-q", "-am", "change"]);

    let (code, v) = scan_json(&repo.join("infra"), &["--diff-base", "base"]);
    assert_eq!(code, 1);
    assert!(has_finding(&v, "PAL-S3-005", "aws_s3_bucket.new"));
    assert!(
        !has_finding(&v, "PAL-S3-005", "aws_s3_bucket.old"),
        "moved code is not new"
    );
    assert_eq!(v["baseline"]["mode"], "diff-base");
    assert_eq!(v["baseline"]["source"], "base");
    assert!(v["baseline"]["unchanged"].as_u64().unwrap() > 0);
    let fixed = v["baseline"]["fixed"].as_array().unwrap();
    assert!(fixed.iter().any(|e| e["resource"] == "aws_s3_bucket.gone"));
    // The temporary worktree is cleaned up.
    let wt = StdCommand::new("git")
        .arg("-C")
        .arg(repo)
        .args(["worktree", "list"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&wt.stdout).lines().count(), 1);

    // Against HEAD nothing is new.
    let (code, v) = scan_json(&repo.join("infra"), &["--diff-base", "HEAD"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["baseline"]["new"], 0);

    // Unknown revision: a clear error, exit 2.
    palisade()
        .arg("scan")
        .arg(repo.join("infra"))
        .args(["--diff-base", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown git revision \"no-such-rev\"",
        ));
}

#[test]
fn diff_base_outside_git_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.tf", BUCKETS);
    palisade()
        .arg("scan")
        .arg(d.path())
        .args(["--diff-base", "HEAD"])
        .env("GIT_CEILING_DIRECTORIES", d.path().parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
}
