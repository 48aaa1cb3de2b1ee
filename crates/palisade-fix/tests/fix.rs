use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use palisade_engine::{Finding, Status};
use palisade_fix::{Applicability, Journal, fix_loop, registry, revert};

fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join(name);
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    (dir, dst)
}

fn scan(root: &Path) -> (Vec<Finding>, palisade_model::Model) {
    let opts = palisade_scan::ScanOptions {
        paths: vec![root.to_path_buf()],
        secrets: palisade_scan::SecretsMode::Off,
        ..Default::default()
    };
    let out = palisade_scan::scan(&opts, &palisade_rules::all()).unwrap();
    (out.findings, out.model)
}

fn failing(root: &Path) -> BTreeSet<(String, String)> {
    scan(root)
        .0
        .into_iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| (f.rule_id, f.resource.address))
        .collect()
}

fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_key_is_a_rule_id_and_there_are_enough() {
    let ids: BTreeSet<&str> = palisade_rules::all().iter().map(|r| r.id).collect();
    let mut seen = BTreeSet::new();
    for d in registry() {
        assert!(ids.contains(d.rule_id), "{} is not a rule id", d.rule_id);
        assert!(seen.insert(d.rule_id), "{} declared twice", d.rule_id);
        assert!(
            d.explanation.len() > 20,
            "{}: explanation too short",
            d.rule_id
        );
    }
    assert!(registry().len() >= 25, "{} fixes", registry().len());
    let safe = registry()
        .iter()
        .filter(|d| d.applicability == Applicability::Safe)
        .count();
    assert!(safe >= 25, "{safe} safe fixes");
}

#[test]
fn safe_fixes_remove_findings_and_keep_comments() {
    let (_d, root) = copy_fixture("mixed");
    let before = failing(&root);
    let expect_fixed = [
        ("PAL-KMS-001", "aws_kms_key.data"),
        ("PAL-S3-004", "aws_s3_bucket.logs"),
        ("PAL-S3-005", "aws_s3_bucket.logs"),
        ("PAL-EC2-001", "aws_instance.web"),
        ("PAL-RDS-002", "aws_db_instance.main"),
        ("PAL-RDS-004", "aws_db_instance.main"),
        ("PAL-CT-001", "aws_cloudtrail.org"),
        ("PAL-CT-002", "aws_cloudtrail.org"),
        ("PAL-ECR-001", "aws_ecr_repository.app"),
        ("PAL-K8S-004", "Deployment/payments/api"),
        ("PAL-K8S-015", "Deployment/payments/api"),
        ("PAL-K8S-016", "Deployment/payments/api"),
        ("PAL-K8S-018", "Deployment/payments/api"),
        ("PAL-K8S-019", "Deployment/payments/api"),
        ("PAL-K8S-029", "Deployment/payments/api"),
        ("PAL-K8S-030", "Deployment/payments/api"),
        ("PAL-KMS-001", "Key"),
        ("PAL-RDS-002", "Db"),
        ("PAL-RDS-004", "Db"),
    ];
    for (r, a) in expect_fixed {
        assert!(
            before.contains(&(r.to_string(), a.to_string())),
            "fixture should fail {r} on {a}"
        );
    }
    let original = snapshot(&root);
    let out = fix_loop(&root, false, &mut || Some(scan(&root))).unwrap();
    assert!(out.unresolved.is_empty(), "{:?}", out.unresolved);
    let after = failing(&root);
    for (r, a) in expect_fixed {
        assert!(
            !after.contains(&(r.to_string(), a.to_string())),
            "{r} on {a} still fails:\n{}",
            std::fs::read_to_string(root.join("pod.yaml")).unwrap()
        );
    }
    // Unsafe fixes were not applied.
    assert!(after.contains(&("PAL-RDS-001".into(), "aws_db_instance.main".into())));
    assert!(after.contains(&("PAL-SC-006".into(), "Dockerfile".into())));
    assert!(
        !out.entries
            .iter()
            .any(|e| e.applicability == Applicability::Unsafe)
    );
    // Nothing new fails, except what only applies once a fixed setting is on:
    // MFA delete (PAL-S3-008) is judged on versioned buckets, and the fix of
    // PAL-S3-005 turned versioning on.
    let unlocked = ("PAL-S3-008".to_string(), "aws_s3_bucket.logs".to_string());
    let new: Vec<_> = after
        .difference(&before)
        .filter(|f| **f != unlocked)
        .collect();
    assert!(new.is_empty(), "new findings: {new:?}");

    let tf = std::fs::read_to_string(root.join("main.tf")).unwrap();
    assert!(tf.starts_with("# Storage for the payments service.\n"));
    assert!(tf.contains(
        "  description = \"payments data\" # owned by team-pay\n  enable_key_rotation = true\n"
    ));
    assert!(tf.contains("  publicly_accessible = false   # temporary\n"));
    assert!(tf.contains("resource \"aws_s3_bucket_public_access_block\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n"));
    assert!(tf.contains("    http_endpoint = \"enabled\"\n    http_tokens = \"required\"\n  }"));
    let pod = std::fs::read_to_string(root.join("pod.yaml")).unwrap();
    assert!(pod.contains("        - name: api   # main container\n"));
    assert!(pod.contains("            privileged: false  # needed? no\n"));
    assert!(pod.contains("drop: [ALL, NET_RAW]"));
    let cfn = std::fs::read_to_string(root.join("stack.yaml")).unwrap();
    assert!(
        cfn.contains("      Description: queue key   # keep me\n      EnableKeyRotation: true\n")
    );

    // The journal explains every change and reverts byte for byte.
    let mut j = Journal::new("test", root.clone());
    j.entries = out.entries.clone();
    for e in &j.entries {
        assert!(!e.explanation.is_empty());
        assert_ne!(e.before, e.after);
        assert_ne!(e.hash_before, e.hash_after);
    }
    let j2: Journal = serde_json::from_str(&j.to_json()).unwrap();
    assert_eq!(j2, j);
    let r = revert(&j2).unwrap();
    assert_eq!(r.entries, j.entries.len());
    assert_eq!(snapshot(&root), original);
}

#[test]
fn unsafe_fixes_apply_when_asked() {
    let (_d, root) = copy_fixture("mixed");
    let out = fix_loop(&root, true, &mut || Some(scan(&root))).unwrap();
    let after = failing(&root);
    assert!(!after.contains(&("PAL-RDS-001".into(), "aws_db_instance.main".into())));
    assert!(!after.contains(&("PAL-SC-006".into(), "Dockerfile".into())));
    assert!(out.entries.iter().any(|e| e.rule_id == "PAL-SC-006"));
    let df = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    assert!(df.starts_with("FROM nginx:1.25\nRUN echo hi\n"));
    assert!(df.ends_with("USER 65532:65532\n"));
}

#[test]
fn revert_refuses_a_changed_file() {
    let (_d, root) = copy_fixture("mixed");
    let out = fix_loop(&root, false, &mut || Some(scan(&root))).unwrap();
    let mut j = Journal::new("test", root.clone());
    j.entries = out.entries;
    let tf = root.join("main.tf");
    let mut t = std::fs::read_to_string(&tf).unwrap();
    t.push_str("# edited by hand\n");
    std::fs::write(&tf, &t).unwrap();
    let pod_before = std::fs::read(root.join("pod.yaml")).unwrap();
    let e = revert(&j).unwrap_err().to_string();
    assert!(e.contains("main.tf") && e.contains("changed since"), "{e}");
    // Nothing was reverted, not even the untouched files.
    assert_eq!(std::fs::read(root.join("pod.yaml")).unwrap(), pod_before);
}
