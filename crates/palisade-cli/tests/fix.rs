//! `palisade fix` end to end.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const TF: &str = "# The key for payments data.\nresource \"aws_kms_key\" \"data\" {\n  description = \"payments\" # owned by team-pay\n  enable_key_rotation = false\n}\n\nresource \"aws_db_instance\" \"main\" {\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.micro\"\n  storage_encrypted   = false\n  deletion_protection = true\n  publicly_accessible = false\n  backup_retention_period = 7\n  iam_database_authentication_enabled = true\n}\n";

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: pay\nspec:\n  containers:\n    - name: api  # main\n      image: registry.example.com/api:1.0\n";

fn palisade() -> Command {
    let mut c = Command::cargo_bin("palisade").unwrap();
    c.env_remove("GITHUB_SHA").env("NO_COLOR", "1");
    c
}

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("main.tf"), TF).unwrap();
    std::fs::write(d.path().join("pod.yaml"), POD).unwrap();
    d
}

fn failing(dir: &Path) -> Vec<(String, String)> {
    let out = palisade()
        .args([
            "scan",
            "--no-progress",
            "--secrets",
            "off",
            "--format",
            "json",
        ])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "fail")
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"]["address"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(v: &[(String, String)], rule: &str, res: &str) -> bool {
    v.iter().any(|(r, a)| r == rule && a == res)
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let d = setup();
    palisade()
        .args(["fix", "--dry-run"])
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("--- a/main.tf\n+++ b/main.tf\n"))
        .stdout(predicate::str::contains(
            "-  enable_key_rotation = false\n+  enable_key_rotation = true\n",
        ))
        .stdout(predicate::str::contains("+        runAsNonRoot: true\n"))
        .stderr(predicate::str::contains(
            "would fix PAL-KMS-001 aws_kms_key.data",
        ))
        .stderr(predicate::str::contains("dry run: nothing was written"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("main.tf")).unwrap(),
        TF
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("pod.yaml")).unwrap(),
        POD
    );
    assert!(!d.path().join(".palisade").exists());
}

#[test]
fn apply_rescan_journal_and_revert() {
    let d = setup();
    let before = failing(d.path());
    assert!(has(&before, "PAL-KMS-001", "aws_kms_key.data"));
    assert!(has(&before, "PAL-K8S-016", "Pod/pay/api"));
    assert!(has(&before, "PAL-RDS-001", "aws_db_instance.main"));
    let journal = d.path().join("journal.json");
    palisade()
        .args(["fix", "--journal"])
        .arg(&journal)
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "fixed PAL-KMS-001 aws_kms_key.data at main.tf:4 (safe)",
        ))
        .stderr(predicate::str::contains(
            "skipped unsafe fix PAL-RDS-001 aws_db_instance.main",
        ))
        .stderr(predicate::str::contains("palisade fix --revert"));
    let after = failing(d.path());
    for rule in [
        "PAL-K8S-015",
        "PAL-K8S-016",
        "PAL-K8S-018",
        "PAL-K8S-019",
        "PAL-K8S-029",
        "PAL-K8S-030",
    ] {
        assert!(!has(&after, rule, "Pod/pay/api"), "{rule} still fails");
    }
    assert!(!has(&after, "PAL-KMS-001", "aws_kms_key.data"));
    // Unsafe fix skipped without --unsafe.
    assert!(has(&after, "PAL-RDS-001", "aws_db_instance.main"));
    let tf = std::fs::read_to_string(d.path().join("main.tf")).unwrap();
    assert!(tf.starts_with("# The key for payments data.\n"));
    assert!(tf.contains(
        "  description = \"payments\" # owned by team-pay\n  enable_key_rotation = true\n"
    ));
    assert!(tf.contains("  storage_encrypted   = false\n"));
    let pod = std::fs::read_to_string(d.path().join("pod.yaml")).unwrap();
    assert!(pod.contains("    - name: api  # main\n"));

    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&journal).unwrap()).unwrap();
    let entries = j["entries"].as_array().unwrap();
    let kms = entries
        .iter()
        .find(|e| e["rule_id"] == "PAL-KMS-001")
        .unwrap();
    assert_eq!(kms["resource"], "aws_kms_key.data");
    assert_eq!(kms["file"], "main.tf");
    assert_eq!(kms["before"], "false");
    assert_eq!(kms["after"], "true");
    assert!(kms["explanation"].as_str().unwrap().contains("rotation"));
    assert_eq!(kms["hash_before"].as_str().unwrap().len(), 64);

    palisade()
        .args(["fix", "--revert"])
        .arg(&journal)
        .assert()
        .success()
        .stdout(predicate::str::contains("reverted"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("main.tf")).unwrap(),
        TF
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("pod.yaml")).unwrap(),
        POD
    );
}

#[test]
fn revert_refuses_changed_files() {
    let d = setup();
    let journal = d.path().join("j.json");
    palisade()
        .args(["fix", "--journal"])
        .arg(&journal)
        .arg(d.path())
        .assert()
        .success();
    let p = d.path().join("main.tf");
    let edited = std::fs::read_to_string(&p).unwrap() + "# hand edit\n";
    std::fs::write(&p, &edited).unwrap();
    palisade()
        .args(["fix", "--revert"])
        .arg(&journal)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "main.tf: changed since palisade fix wrote it",
        ));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), edited);
}

#[test]
fn unsafe_fixes_with_flag_and_rule_filter() {
    let d = setup();
    palisade()
        .args(["fix", "--unsafe", "--rule", "PAL-RDS-001"])
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "fixed PAL-RDS-001 aws_db_instance.main at main.tf:10 (unsafe)",
        ));
    let after = failing(d.path());
    assert!(!has(&after, "PAL-RDS-001", "aws_db_instance.main"));
    // Only the chosen rule was fixed.
    assert!(has(&after, "PAL-KMS-001", "aws_kms_key.data"));
    assert!(d.path().join(".palisade/fix-journal.json").is_file());
}

#[test]
fn bad_input_is_a_clear_error() {
    let d = setup();
    palisade()
        .args(["fix", "--rule", "PAL-IAM-001"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no automatic fix"));
    let j = d.path().join("bad.json");
    std::fs::write(&j, "{not json").unwrap();
    palisade()
        .args(["fix", "--revert"])
        .arg(&j)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a palisade fix journal"));
}

#[test]
fn ci_formats_through_the_cli() {
    let d = setup();
    for (fmt, needle) in [
        ("junit", "<testsuites name=\"palisade\""),
        ("markdown", "## palisade"),
        ("github", "::error file=main.tf,line=4"),
        ("gitlab-sast", "\"category\": \"sast\""),
    ] {
        palisade()
            .args(["scan", "--no-progress", "--secrets", "off", "--format", fmt])
            .arg(d.path())
            .assert()
            .code(1)
            .stdout(predicate::str::contains(needle));
    }
}

#[test]
fn a_second_fix_run_keeps_the_first_journal() {
    let d = setup();
    let tf = d.path().join("main.tf");
    palisade()
        .args(["fix", "--rule", "PAL-KMS-001"])
        .arg(d.path())
        .assert()
        .success();
    let after_first = std::fs::read_to_string(&tf).unwrap();
    palisade()
        .args(["fix", "--unsafe", "--rule", "PAL-RDS-001"])
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("fix-journal-2.json"));
    let first = d.path().join(".palisade/fix-journal.json");
    let second = d.path().join(".palisade/fix-journal-2.json");
    let j1 = std::fs::read_to_string(&first).unwrap();
    assert!(
        j1.contains("PAL-KMS-001") && !j1.contains("PAL-RDS-001"),
        "{j1}"
    );
    assert!(
        std::fs::read_to_string(&second)
            .unwrap()
            .contains("PAL-RDS-001")
    );
    // Reverting the newest then the oldest restores the original file.
    for j in [&second, &first] {
        palisade()
            .args(["fix", "--revert"])
            .arg(j)
            .assert()
            .success();
        if j == &second {
            assert_eq!(std::fs::read_to_string(&tf).unwrap(), after_first);
        }
    }
    assert_eq!(std::fs::read_to_string(&tf).unwrap(), TF);
}
