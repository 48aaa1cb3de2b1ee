//! End-to-end tests of the architecture blueprint through the `palisade`
//! binary: `scan` with a blueprint (Terraform, plan JSON, CloudFormation,
//! Kubernetes), bad blueprints, and `blueprint init | explain | validate`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/blueprints")
        .join(name)
}

fn palisade() -> Command {
    let mut c = Command::cargo_bin("palisade").expect("binary");
    c.env("NO_COLOR", "1").env("PALISADE_TEST", "1");
    c
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], cwd: Option<&Path>) -> Run {
    let mut c = palisade();
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    let out = c.args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn scan_json(path: &Path, extra: &[&str]) -> (i32, Value) {
    let p = path.to_str().unwrap();
    let mut args = vec!["scan", p, "--format", "json", "--no-progress"];
    args.extend_from_slice(extra);
    let r = run(&args, None);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\nstderr: {}", r.stdout, r.stderr));
    (r.code, v)
}

fn findings(v: &Value) -> Vec<&Value> {
    v["findings"].as_array().expect("findings").iter().collect()
}

/// `status rule address` of every PAL-BP finding, sorted and deduplicated,
/// as in the examples' expected-findings.txt.
fn bp_lines(v: &Value) -> String {
    let mut lines: Vec<String> = findings(v)
        .into_iter()
        .filter(|f| f["rule_id"].as_str().unwrap_or("").starts_with("PAL-BP-"))
        .filter(|f| f["status"] != "pass")
        .map(|f| {
            format!(
                "{} {} {}",
                f["status"].as_str().unwrap(),
                f["rule_id"].as_str().unwrap(),
                f["resource"]["address"].as_str().unwrap()
            )
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines.join("\n") + "\n"
}

fn find<'a>(v: &'a Value, rule: &str, address: &str) -> &'a Value {
    findings(v)
        .into_iter()
        .find(|f| f["rule_id"] == rule && f["resource"]["address"] == address)
        .unwrap_or_else(|| panic!("no {rule} on {address}"))
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(example(name).join("expected-findings.txt")).unwrap()
}

// ---------------------------------------------------------------------------
// scan on each example estate

#[test]
fn fintech_terraform_gives_the_expected_findings_with_both_locations() {
    let (code, v) = scan_json(&example("fintech"), &[]);
    assert_eq!(code, 1, "failing findings exit 1");
    assert_eq!(bp_lines(&v), expected("fintech"));

    // The resource line and the blueprint line that set the requirement.
    let f = find(
        &v,
        "PAL-BP-DELETION-PROTECTION",
        "module.payments.aws_db_instance.cards",
    );
    assert_eq!(f["status"], "fail");
    assert_eq!(f["category"], "blueprint");
    assert_eq!(f["location"]["path"], "terraform/modules/payments/main.tf");
    assert_eq!(f["location"]["start_line"], 10);
    let rel = &f["related_locations"][0]["location"];
    assert_eq!(rel["path"], "palisade.blueprint.yaml");
    assert_eq!(rel["start_line"], 22, "deletion_protection: required");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("cardholder"), "{msg}");
    assert!(
        msg.contains("palisade.blueprint.yaml:29"),
        "tier from rule: {msg}"
    );

    // Every blueprint rule is in the report's rules.
    let rules: Vec<&str> = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for id in ["PAL-BP-CMK", "PAL-BP-REGION", "PAL-BP-KEY-ADMIN"] {
        assert!(rules.contains(&id), "{id} in rules");
    }
}

#[test]
fn json_summary_counts_invalid_configurations_per_tier_and_requirement() {
    let (_, v) = scan_json(&example("fintech"), &[]);
    let s = &v["summary"]["extra"]["blueprint"];
    let fails = expected("fintech")
        .lines()
        .filter(|l| l.starts_with("fail "))
        .count();
    assert_eq!(s["blueprint"], "palisade.blueprint.yaml");
    assert_eq!(s["invalid_configurations"], fails);
    assert_eq!(s["by_requirement"]["deletion_protection"]["invalid"], 1);
    assert_eq!(s["by_requirement"]["backup_retention_days"]["invalid"], 1);
    assert!(s["by_tier"]["cardholder"]["invalid"].as_u64().unwrap() >= 3);
    assert!(s["by_tier"]["confidential"]["invalid"].as_u64().unwrap() >= 1);
    let per_tier: u64 = s["by_tier"]
        .as_object()
        .unwrap()
        .values()
        .map(|c| c["invalid"].as_u64().unwrap())
        .sum();
    assert_eq!(per_tier, fails as u64, "tiers partition the failures");
}

#[test]
fn text_report_ends_with_the_blueprint_summary() {
    let r = run(
        &[
            "scan",
            example("fintech").to_str().unwrap(),
            "--no-progress",
        ],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let at = r
        .stdout
        .find("Blueprint palisade.blueprint.yaml: 14 invalid configuration(s)")
        .unwrap_or_else(|| panic!("{}", r.stdout));
    let tail = &r.stdout[at..];
    assert!(tail.contains("per tier:"));
    assert!(tail.contains("cardholder"));
    assert!(tail.contains("per requirement:"));
    assert!(tail.contains("deletion_protection"));
    // The finding itself is in the report above.
    assert!(r.stdout[..at].contains("PAL-BP-DELETION-PROTECTION"));
}

#[test]
fn sarif_has_related_locations_on_the_blueprint_line() {
    let r = run(
        &[
            "scan",
            example("fintech").to_str().unwrap(),
            "--format",
            "sarif",
            "--no-progress",
        ],
        None,
    );
    let v: Value = serde_json::from_str(&r.stdout).expect("SARIF");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let res = results
        .iter()
        .find(|x| {
            x["ruleId"] == "PAL-BP-DELETION-PROTECTION"
                && x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("modules/payments/main.tf"))
        })
        .expect("the deletion protection result");
    assert_eq!(
        res["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );
    let rel = &res["relatedLocations"][0]["physicalLocation"];
    // SARIF paths are relative to the repository (examples/blueprints/fintech/
    // in this repository's checkout), or to the scanned root outside one.
    let uri = rel["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri == "palisade.blueprint.yaml"
            || uri == "examples/blueprints/fintech/palisade.blueprint.yaml",
        "{uri}"
    );
    assert_eq!(rel["region"]["startLine"], 22);
    let rule_ids: Vec<&str> = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(rule_ids.contains(&"PAL-BP-DELETION-PROTECTION"));
}

#[test]
fn healthcare_cloudformation_and_terraform_with_unknown_regions() {
    let (_, v) = scan_json(&example("healthcare"), &[]);
    assert_eq!(bp_lines(&v), expected("healthcare"));
    // CloudFormation resource, located in the template.
    let f = find(&v, "PAL-BP-DELETION-PROTECTION", "PatientDb");
    assert_eq!(f["location"]["path"], "cloudformation/records.yaml");
    assert_eq!(
        f["related_locations"][0]["location"]["path"],
        "palisade.blueprint.yaml"
    );
    assert_eq!(
        f["related_locations"][0]["location"]["start_line"], 18,
        "deletion_protection: required in the phi tier"
    );
    // The stack's region is unknown: unknown, never fail.
    let f = find(&v, "PAL-BP-REGION", "PatientDb");
    assert_eq!(f["status"], "unknown");
    assert!(f["unknown_reason"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn saas_kubernetes_and_modules_with_a_rule_that_matches_nothing() {
    let (_, v) = scan_json(&example("saas"), &[]);
    assert_eq!(bp_lines(&v), expected("saas"));
    let f = find(&v, "PAL-BP-OWNERSHIP-TAG", "Secret/tenant-acme/api-keys");
    assert_eq!(f["location"]["path"], "kubernetes/tenants.yaml");
    // Warnings of the blueprint check go into the report's diagnostics.
    let diags = v["diagnostics"].as_array().unwrap();
    let unused = diags
        .iter()
        .find(|d| d["code"] == "blueprint-rule-unused")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(unused["location"]["path"], "palisade.blueprint.yaml");
    assert!(unused["location"]["start_line"].as_u64().unwrap() > 1);
}

// ---------------------------------------------------------------------------
// plan JSON, unknown values, finding the blueprint

const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.7.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.records",
          "mode": "managed",
          "type": "aws_s3_bucket",
          "name": "records",
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "schema_version": 0,
          "values": {"bucket": "acme-records", "force_destroy": false,
                     "tags": {"data_class": "regulated", "owner": "team-data"}},
          "sensitive_values": {"tags": {}}
        },
        {
          "address": "aws_db_instance.main",
          "mode": "managed",
          "type": "aws_db_instance",
          "name": "main",
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "schema_version": 2,
          "values": {"identifier": "main", "engine": "postgres", "instance_class": "db.t3.micro",
                     "storage_encrypted": false, "deletion_protection": false,
                     "backup_retention_period": 1, "tags": {"owner": "team-data"}},
          "sensitive_values": {"tags": {}}
        }
      ]
    }
  },
  "resource_changes": [],
  "configuration": {"root_module": {}}
}
"#;

const PLAN_BLUEPRINT: &str = "version: 1
tiers:
  internal:
    encryption_at_rest: required
  regulated:
    inherits: internal
    deletion_protection: required
    backup_retention_days: 7
    versioning: required
classification:
  tag: data_class
  rules:
    - match: { type: aws_db_instance }
      tier: regulated
  default: internal
ownership:
  required_tags: [owner]
";

#[test]
fn plan_json_estate() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.json", PLAN);
    write(dir.path(), "palisade.blueprint.yaml", PLAN_BLUEPRINT);
    let (code, v) = scan_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let db = find(&v, "PAL-BP-DELETION-PROTECTION", "aws_db_instance.main");
    assert_eq!(db["status"], "fail");
    assert_eq!(db["location"]["path"], "plan.json");
    assert_eq!(
        db["related_locations"][0]["location"]["start_line"], 7,
        "deletion_protection: required"
    );
    assert_eq!(
        find(&v, "PAL-BP-ENCRYPTION-AT-REST", "aws_db_instance.main")["status"],
        "fail"
    );
    assert_eq!(
        find(&v, "PAL-BP-BACKUP-RETENTION", "aws_db_instance.main")["status"],
        "fail"
    );
    // The bucket's tier comes from its tag.
    let b = find(&v, "PAL-BP-VERSIONING", "aws_s3_bucket.records");
    assert_eq!(b["status"], "fail");
    assert!(b["message"].as_str().unwrap().contains("regulated"));
    let s = &v["summary"]["extra"]["blueprint"];
    assert!(s["by_tier"]["regulated"]["invalid"].as_u64().unwrap() >= 4);
    assert_eq!(s["data_stores"]["regulated"], 2);
}

#[test]
fn unknown_region_is_unknown_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"variable "region" {}
provider "aws" {
  region = var.region
}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  tags = {
    data_class = "confidential"
    owner      = "team-data"
  }
}
"#,
    );
    write(
        dir.path(),
        "palisade.blueprint.yaml",
        "version: 1
tiers:
  confidential:
    allowed_regions: [eu-west-1]
classification:
  tag: data_class
",
    );
    let (_, v) = scan_json(dir.path(), &[]);
    let f = find(&v, "PAL-BP-REGION", "aws_s3_bucket.data");
    assert_eq!(f["status"], "unknown", "{f:#}");
    assert!(f["unknown_reason"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(
        v["summary"]["extra"]["blueprint"]["invalid_configurations"],
        0
    );
    assert_eq!(
        v["summary"]["extra"]["blueprint"]["by_requirement"]["allowed_regions"]["unknown"],
        1
    );
}

const SMALL_TF: &str = r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  tags = {
    data_class = "confidential"
  }
}
"#;

const SMALL_BP: &str = "version: 1
tiers:
  confidential:
    versioning: required
classification:
  tag: data_class
";

#[test]
fn no_blueprint_means_no_blueprint_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", SMALL_TF);
    let (_, v) = scan_json(dir.path(), &[]);
    assert!(bp_lines(&v).trim().is_empty());
    assert!(v["summary"]["extra"]["blueprint"].is_null());
}

#[test]
fn blueprint_from_flag_and_from_palisade_toml() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "infra/main.tf", SMALL_TF);
    write(dir.path(), "arch/bp.yaml", SMALL_BP);
    // --blueprint outside the scan root: shown as given.
    let bp = dir.path().join("arch/bp.yaml");
    let (_, v) = scan_json(
        &dir.path().join("infra"),
        &["--blueprint", bp.to_str().unwrap()],
    );
    let f = find(&v, "PAL-BP-VERSIONING", "aws_s3_bucket.data");
    assert_eq!(f["status"], "fail");
    assert!(
        f["related_locations"][0]["location"]["path"]
            .as_str()
            .unwrap()
            .ends_with("arch/bp.yaml")
    );
    // `blueprint = "…"` in palisade.toml, relative to the toml.
    write(
        dir.path(),
        "palisade.toml",
        "blueprint = \"arch/bp.yaml\"\n",
    );
    let (_, v) = scan_json(dir.path(), &[]);
    let f = find(&v, "PAL-BP-VERSIONING", "aws_s3_bucket.data");
    assert_eq!(
        f["related_locations"][0]["location"]["path"],
        "arch/bp.yaml"
    );
    assert_eq!(f["related_locations"][0]["location"]["start_line"], 4);
    // Beside palisade.toml when scanning a subdirectory.
    let dir2 = tempfile::tempdir().unwrap();
    write(dir2.path(), "palisade.toml", "");
    write(dir2.path(), "palisade.blueprint.yaml", SMALL_BP);
    write(dir2.path(), "infra/main.tf", SMALL_TF);
    let (_, v) = scan_json(&dir2.path().join("infra"), &[]);
    assert_eq!(
        find(&v, "PAL-BP-VERSIONING", "aws_s3_bucket.data")["status"],
        "fail"
    );
}

#[test]
fn missing_blueprint_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", SMALL_TF);
    let r = run(
        &[
            "scan",
            dir.path().to_str().unwrap(),
            "--blueprint",
            dir.path().join("nope.yaml").to_str().unwrap(),
            "--no-progress",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nope.yaml"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no report without the blueprint");
    // The same for a `blueprint` setting that names no file.
    write(
        dir.path(),
        "palisade.toml",
        "blueprint = \"missing.yaml\"\n",
    );
    let r = run(
        &["scan", dir.path().to_str().unwrap(), "--no-progress"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("missing.yaml"), "{}", r.stderr);
}

/// A bad blueprint stops the scan with exit 2 and a located error.
fn bad(blueprint: &str, expect: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", SMALL_TF);
    write(dir.path(), "palisade.blueprint.yaml", blueprint);
    let r = run(
        &["scan", dir.path().to_str().unwrap(), "--no-progress"],
        None,
    );
    assert_eq!(r.code, 2, "stdout {} stderr {}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "no report: {}", r.stdout);
    for e in expect {
        assert!(r.stderr.contains(e), "{e:?} in {}", r.stderr);
    }
}

#[test]
fn malformed_blueprint_exits_2_with_file_line() {
    bad(
        "version: 1\ntiers:\n  internal: {\n    encryption_at_rest: required\n",
        &["palisade.blueprint.yaml:", "error[yaml-syntax]"],
    );
}

#[test]
fn unknown_tier_in_inherits_exits_2_with_file_line() {
    bad(
        "version: 1\ntiers:\n  internal: {}\n  confidential:\n    inherits: internl\n",
        &[
            "palisade.blueprint.yaml:5:",
            "error[blueprint-unknown-tier]",
            "internal",
        ],
    );
}

#[test]
fn inheritance_cycle_exits_2_with_file_line() {
    bad(
        "version: 1\ntiers:\n  a:\n    inherits: b\n  b:\n    inherits: a\n",
        &[
            "palisade.blueprint.yaml:",
            "error[blueprint-inheritance-cycle]",
        ],
    );
}

// ---------------------------------------------------------------------------
// blueprint validate

#[test]
fn validate_reports_a_typo_with_file_line_and_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "palisade.blueprint.yaml",
        "version: 1\ntires:\n  internal: {}\n",
    );
    // Default: the blueprint found from the current directory.
    let r = run(&["blueprint", "validate"], Some(dir.path()));
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("palisade.blueprint.yaml:2:1: error[blueprint-unknown-key]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("did you mean `tiers`"), "{}", r.stdout);
}

#[test]
fn validate_accepts_the_examples() {
    for name in ["fintech", "healthcare", "saas"] {
        let f = example(name).join("palisade.blueprint.yaml");
        let r = run(&["blueprint", "validate", f.to_str().unwrap()], None);
        assert_eq!(r.code, 0, "{name}: {} {}", r.stdout, r.stderr);
        assert!(r.stdout.contains("OK: "), "{}", r.stdout);
        assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    }
    let r = run(&["blueprint", "validate", "/nonexistent/bp.yaml"], None);
    assert_eq!(r.code, 2);
}

// ---------------------------------------------------------------------------
// blueprint init

#[test]
fn init_writes_a_loadable_blueprint_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"provider "aws" {
  region = "eu-west-1"
}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  tags = {
    owner      = "team-data"
    data_class = "confidential"
  }
}
resource "aws_db_instance" "main" {
  engine = "postgres"
  tags = {
    owner = "team-data"
  }
}
"#,
    );
    let d = dir.path().to_str().unwrap();
    let r = run(&["blueprint", "init", d], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bp = dir.path().join("palisade.blueprint.yaml");
    let text = std::fs::read_to_string(&bp).unwrap();
    assert!(text.contains("version: 1"), "{text}");
    assert!(text.contains("eu-west-1"), "regions in use: {text}");
    assert!(text.contains('#'), "commented: {text}");

    // It loads, and a scan applies it.
    let r = run(&["blueprint", "validate", bp.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    let (_, v) = scan_json(dir.path(), &[]);
    assert!(v["summary"]["extra"]["blueprint"].is_object());

    // It exists now: refused without --force.
    let r = run(&["blueprint", "init", d], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&bp).unwrap(), text);
    let r = run(&["blueprint", "init", d, "--force"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // To standard output, or to another file.
    let r = run(&["blueprint", "init", d, "--output", "-"], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, text);
    let other = dir.path().join("other.yaml");
    let r = run(
        &["blueprint", "init", d, "--output", other.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), text);
}

// ---------------------------------------------------------------------------
// blueprint explain

#[test]
fn explain_shows_tier_reason_and_requirement_statuses() {
    let d = example("fintech");
    let r = run(
        &[
            "blueprint",
            "explain",
            "module.payments.aws_db_instance.cards",
            d.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let o = &r.stdout;
    assert!(o.contains("tier `cardholder`"), "{o}");
    assert!(o.contains("palisade.blueprint.yaml:29"), "the rule: {o}");
    assert!(o.contains("[fail   ] deletion_protection"), "{o}");
    assert!(o.contains("[pass   ]"), "{o}");
    assert!(
        o.contains("evidence: terraform/modules/payments/main.tf:10; required by palisade.blueprint.yaml:22"),
        "{o}"
    );

    // JSON.
    let r = run(
        &[
            "blueprint",
            "explain",
            "module.payments.aws_db_instance.cards",
            d.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["address"], "module.payments.aws_db_instance.cards");
    let res = v["results"].as_array().unwrap();
    let dp = res
        .iter()
        .find(|x| x["rule_id"] == "PAL-BP-DELETION-PROTECTION")
        .unwrap();
    assert_eq!(dp["status"], "fail");
    assert_eq!(dp["set_at"]["start_line"], 22);

    // No such resource: exit 2.
    let r = run(
        &[
            "blueprint",
            "explain",
            "aws_s3_bucket.nope",
            d.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("aws_s3_bucket.nope"), "{}", r.stderr);
}

#[test]
fn explain_with_an_explicit_blueprint_and_a_kubernetes_resource() {
    let d = example("saas");
    let bp = d.join("palisade.blueprint.yaml");
    let r = run(
        &[
            "blueprint",
            "explain",
            "Secret/tenant-acme/api-keys",
            d.to_str().unwrap(),
            "--blueprint",
            bp.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("PAL-BP-OWNERSHIP-TAG"), "{}", r.stdout);
    assert!(
        r.stdout.contains("kubernetes/tenants.yaml:"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_baseline_covers_blueprint_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", SMALL_TF);
    write(dir.path(), "palisade.blueprint.yaml", SMALL_BP);
    let d = dir.path().to_str().unwrap();
    let base = dir.path().join("baseline.json");
    let r = run(
        &[
            "baseline",
            "create",
            d,
            "-o",
            base.to_str().unwrap(),
            "--no-progress",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(text.contains("PAL-BP-VERSIONING"), "{text}");
    let (code, v) = scan_json(dir.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 0, "everything is in the baseline: {v:#}");
    assert!(bp_lines(&v).trim().is_empty(), "{}", bp_lines(&v));
}

#[test]
fn markdown_report_ends_with_the_blueprint_tables() {
    let r = run(
        &[
            "scan",
            example("fintech").to_str().unwrap(),
            "--format",
            "markdown",
            "--no-progress",
        ],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let at = r
        .stdout
        .find("### Blueprint `palisade.blueprint.yaml`")
        .unwrap_or_else(|| panic!("{}", r.stdout));
    let tail = &r.stdout[at..];
    assert!(tail.contains("**14 invalid configuration(s)**"), "{tail}");
    assert!(tail.contains("| cardholder |"), "{tail}");
    assert!(tail.contains("| `deletion_protection` | 1 |"), "{tail}");
}

fn git(dir: &Path, args: &[&str]) {
    let st = std::process::Command::new("git")
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
fn diff_base_reports_only_new_blueprint_findings() {
    let d = tempfile::tempdir().unwrap();
    let repo = d.path();
    git(repo, &["init", "-q"]);
    write(repo, "main.tf", SMALL_TF);
    write(repo, "palisade.blueprint.yaml", SMALL_BP);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    write(
        repo,
        "main.tf",
        &format!("{SMALL_TF}{}", SMALL_TF.replace("\"data\"", "\"more\"")),
    );
    let (code, v) = scan_json(repo, &["--diff-base", "HEAD"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(
        bp_lines(&v),
        "fail PAL-BP-VERSIONING aws_s3_bucket.more\n",
        "the old bucket's finding is not new"
    );
}
