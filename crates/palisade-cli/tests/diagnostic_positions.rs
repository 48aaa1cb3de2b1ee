//! Bad input is reported with the file, line and reason: an invalid secrets
//! allow-list in palisade.toml, an IAM policy with unknown statements.

use assert_cmd::Command;

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("palisade")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn invalid_secrets_allow_pattern_names_the_file_key_and_line() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("palisade.toml"),
        "secrets = \"all\"\nsecrets_allow_patterns = [\n  \"^dummy-\",\n  \"(unclosed\",\n]\n",
    )
    .unwrap();
    std::fs::write(d.path().join("main.tf"), "locals {\n  a = 1\n}\n").unwrap();
    let (code, _, err) = run(d.path(), &["scan", "."]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("palisade.toml:4:"), "{err}");
    assert!(err.contains("secrets_allow_patterns"), "{err}");
    assert!(err.contains("\"(unclosed\""), "{err}");
    assert!(err.contains("unclosed group"), "{err}");
}

#[test]
fn invalid_secrets_allow_path_names_the_file_key_and_line() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("palisade.toml"),
        "secrets_allow_paths = [\"a[\"]\n",
    )
    .unwrap();
    std::fs::write(d.path().join("main.tf"), "locals {\n  a = 1\n}\n").unwrap();
    let (code, _, err) = run(d.path(), &["scan", "."]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("palisade.toml:1:"), "{err}");
    assert!(err.contains("secrets_allow_paths"), "{err}");
}

#[test]
fn iam_eval_prints_each_unknown_once() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("bad.json"),
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": 5, "Resource": "*"},
    {"Effect": "Maybe", "Action": "s3:GetObject", "Resource": "*"}
  ]
}
"#,
    )
    .unwrap();
    let (code, out, err) = run(
        d.path(),
        &[
            "iam",
            "eval",
            "--principal",
            "arn:aws:iam::123456789012:user/bob",
            "--action",
            "s3:GetObject",
            "--resource",
            "arn:aws:s3:::bucket/key",
            "--identity-policy",
            "bad.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let unknown: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("unknown "))
        .collect();
    assert!(!unknown.is_empty(), "{out}");
    let mut distinct = unknown.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), unknown.len(), "{out}");
    assert!(out.contains("bad.json:5"), "{out}");
}
