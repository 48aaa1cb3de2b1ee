//! `palisade iam` on plain JSON policies, Terraform and CloudFormation.

use std::path::PathBuf;

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iam")
}

fn fx(p: &str) -> String {
    fixtures().join(p).display().to_string()
}

/// Runs palisade with `args`, returns (exit code, stdout as JSON).
fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::cargo_bin("palisade")
        .expect("binary")
        .args(args)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

fn text(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("palisade")
        .expect("binary")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

const BOB: &str = "arn:aws:iam::123456789012:user/bob";

fn eval(action: &str, policy: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let p = fx(policy);
    let mut args = vec![
        "iam",
        "eval",
        "--principal",
        BOB,
        "--action",
        action,
        "--resource",
        "arn:aws:s3:::bucket/key",
        "--identity-policy",
        &p,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    json(&args)
}

#[test]
fn eval_allow_and_explicit_deny_with_statement_lines() {
    let (code, v) = eval("s3:GetObject", "json/allow.json", &[]);
    assert_eq!(code, 0);
    assert_eq!(v["decision"], "Allowed");
    assert_eq!(v["statements"][0]["sid"], "All");
    assert_eq!(v["statements"][0]["span"]["start_line"], 4);

    let (code, v) = eval("s3:DeleteObject", "json/allow.json", &[]);
    assert_eq!(code, 0, "exit 0 whatever the decision");
    assert_eq!(v["decision"], "ExplicitDeny");
    assert_eq!(v["statements"][0]["sid"], "NoDelete");
    assert_eq!(v["statements"][0]["span"]["start_line"], 10);

    let (_, v) = eval("ec2:RunInstances", "json/allow.json", &[]);
    assert_eq!(v["decision"], "ImplicitDeny");
}

#[test]
fn eval_unknown_without_context_key_then_decided_with_it() {
    let (code, v) = eval("s3:GetObject", "json/ip.json", &[]);
    assert_eq!(code, 0);
    assert_eq!(v["decision"], "Unknown");
    let why = v["unknowns"][0]["reasons"][0].as_str().unwrap_or_default();
    assert!(why.contains("aws:SourceIp"), "{why}");

    let (_, v) = eval(
        "s3:GetObject",
        "json/ip.json",
        &["--context", "aws:SourceIp=10.1.2.3"],
    );
    assert_eq!(v["decision"], "Allowed");
    let (_, v) = eval(
        "s3:GetObject",
        "json/ip.json",
        &["--context", "aws:SourceIp=192.0.2.1"],
    );
    assert_eq!(v["decision"], "ImplicitDeny");
}

#[test]
fn eval_multi_valued_context() {
    // ForAllValues: every tag key must be team or env.
    let (_, v) = eval(
        "s3:PutObject",
        "json/ip.json",
        &[
            "--context",
            "aws:TagKeys=team",
            "--context",
            "aws:TagKeys=env",
        ],
    );
    assert_eq!(v["decision"], "Allowed");
    let (_, v) = eval(
        "s3:PutObject",
        "json/ip.json",
        &[
            "--context",
            "aws:TagKeys=team",
            "--context",
            "aws:TagKeys=owner",
        ],
    );
    assert_eq!(v["decision"], "ImplicitDeny");
}

#[test]
fn eval_boundary_and_unreadable_file() {
    let allow = fx("json/allow.json");
    let ip = fx("json/ip.json");
    let (_, v) = json(&[
        "iam",
        "eval",
        "--principal",
        BOB,
        "--action",
        "s3:DeleteObject",
        "--resource",
        "*",
        "--identity-policy",
        &ip,
        "--boundary",
        &allow,
        "--format",
        "json",
    ]);
    assert_eq!(v["decision"], "ExplicitDeny", "a boundary deny denies");
    let (code, _) = text(&[
        "iam",
        "eval",
        "--principal",
        BOB,
        "--action",
        "s3:GetObject",
        "--resource",
        "*",
        "--identity-policy",
        "/nonexistent/policy.json",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn can_on_terraform_cites_file_and_line() {
    let tf = fx("tf");
    let (code, v) = json(&[
        "iam",
        "can",
        "--principal",
        "aws_iam_role.deployer",
        "--action",
        "iam:PassRole",
        "--resource",
        "arn:aws:iam::123456789012:role/admin",
        "--format",
        "json",
        &tf,
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["decision"], "Allowed");
    assert_eq!(v["statements"][0]["sid"], "PassAnyRole");
    assert_eq!(v["statements"][0]["span"]["path"], "main.tf");
    assert_eq!(v["statements"][0]["span"]["start_line"], 19);

    // A group's data.aws_iam_policy_document deny, by user name.
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "alice",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data-bucket/secret/a",
        "--format",
        "json",
        &tf,
    ]);
    assert_eq!(v["decision"], "ExplicitDeny");
    assert_eq!(v["statements"][0]["sid"], "NoSecrets");
    assert_eq!(v["statements"][0]["span"]["start_line"], 79);

    // Unknown with the condition that needs a key, then decided.
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "arn:aws:iam::123456789012:role/deployer",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data-bucket/x",
        "--format",
        "json",
        &tf,
    ]);
    assert_eq!(v["decision"], "Unknown");
    assert_eq!(v["unknowns"][0]["statement"]["span"]["start_line"], 31);
    let (_, out) = text(&[
        "iam",
        "can",
        "--principal",
        "deployer",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data-bucket/x",
        "--context",
        "aws:SourceIp=10.0.0.1",
        &tf,
    ]);
    assert!(out.starts_with("Allowed"), "{out}");
    assert!(out.contains("main.tf:31"), "{out}");
}

#[test]
fn can_on_cloudformation_cites_file_and_line() {
    let cfn = fx("cfn");
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "AppRole",
        "--action",
        "dynamodb:DeleteTable",
        "--resource",
        "*",
        "--format",
        "json",
        &cfn,
    ]);
    assert_eq!(v["decision"], "ExplicitDeny");
    assert_eq!(v["statements"][0]["span"]["path"], "template.yaml");
    assert_eq!(v["statements"][0]["span"]["start_line"], 25);
    // ReadOnlyAccess (bundled AWS managed policy) grants reads.
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "AppRole",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::b/k",
        "--format",
        "json",
        &cfn,
    ]);
    assert_eq!(v["decision"], "Allowed");
    assert_eq!(
        v["statements"][0]["policy"],
        "arn:aws:iam::aws:policy/ReadOnlyAccess"
    );
    // A user through its group.
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "Ops",
        "--action",
        "ec2:RunInstances",
        "--resource",
        "*",
        "--format",
        "json",
        &cfn,
    ]);
    assert_eq!(v["decision"], "Allowed");
    assert_eq!(v["statements"][0]["span"]["start_line"], 44);
}

#[test]
fn can_unknown_principal_is_a_usage_error() {
    let (code, _) = text(&[
        "iam",
        "can",
        "--principal",
        "nobody",
        "--action",
        "s3:GetObject",
        "--resource",
        "*",
        &fx("tf"),
    ]);
    assert_eq!(code, 2);
}

#[test]
fn who_can_lists_allowed_and_unknown_principals() {
    let (code, v) = json(&[
        "iam",
        "who-can",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data-bucket/x",
        "--format",
        "json",
        &fx("tf"),
    ]);
    assert_eq!(code, 0);
    let names = |k: &str| -> Vec<String> {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x["address"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        names("allowed"),
        vec!["aws_iam_role.admin", "aws_iam_user.alice"]
    );
    assert_eq!(names("unknown"), vec!["aws_iam_role.deployer"]);
    assert_eq!(v["allowed"][1]["statements"][0]["span"]["start_line"], 74);
}

#[test]
fn escalations_find_passrole_lambda_and_a_deny_stops_it() {
    let (code, v) = json(&["iam", "escalations", "--format", "json", &fx("tf")]);
    assert_eq!(code, 0);
    let paths = v["paths"].as_array().cloned().unwrap_or_default();
    let p = paths
        .iter()
        .find(|p| p["address"] == "aws_iam_role.deployer")
        .expect("a path from the deployer");
    let step = &p["steps"][0];
    assert_eq!(step["technique"], "passrole-lambda-invoke");
    assert_eq!(step["target"], "arn:aws:iam::123456789012:role/admin");
    let lines: Vec<_> = step["grants"]
        .as_array()
        .map(|g| g.iter().map(|s| s["span"]["start_line"].clone()).collect())
        .unwrap_or_default();
    assert!(lines.contains(&19.into()), "PassRole statement: {lines:?}");
    assert!(lines.contains(&25.into()), "Lambda statement: {lines:?}");

    let (_, v) = json(&["iam", "escalations", "--format", "json", &fx("tf-deny")]);
    assert!(
        v["paths"]
            .as_array()
            .is_some_and(|a| a.iter().all(|p| p["address"] != "aws_iam_role.deployer")),
        "an explicit deny on iam:PassRole stops the path: {v}"
    );
    let (_, out) = text(&["iam", "escalations", &fx("tf")]);
    assert!(out.contains("granted by main.tf:19"), "{out}");
}

#[test]
fn plain_policy_files_are_principals() {
    let (_, v) = json(&[
        "iam",
        "can",
        "--principal",
        "allow.json",
        "--action",
        "s3:GetObject",
        "--resource",
        "*",
        "--format",
        "json",
        &fx("json"),
    ]);
    assert_eq!(v["decision"], "Allowed");
    assert_eq!(v["statements"][0]["span"]["path"], "allow.json");
}

fn can_json(
    dir: &str,
    principal: &str,
    action: &str,
    resource: &str,
    extra: &[&str],
) -> serde_json::Value {
    let d = fx(dir);
    let mut args = vec![
        "iam",
        "can",
        "--principal",
        principal,
        "--action",
        action,
        "--resource",
        resource,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    args.push(&d);
    let (code, v) = json(&args);
    assert_eq!(code, 0, "{v}");
    v
}

#[test]
fn scp_from_terraform_denies_an_allow() {
    let admin_role = "arn:aws:iam::123456789012:role/admin";
    // Without the SCP (fixture tf) PassRole is allowed.
    let v = can_json("tf", "deployer", "iam:PassRole", admin_role, &[]);
    assert_eq!(v["decision"], "Allowed");
    let v = can_json("tf-scp", "deployer", "iam:PassRole", admin_role, &[]);
    assert_eq!(v["decision"], "ExplicitDeny", "{v}");
    assert_eq!(v["statements"][0]["kind"], "scp");
    assert_eq!(v["statements"][0]["sid"], "NoPassRole");
    assert_eq!(v["statements"][0]["span"]["path"], "scp.tf");
    assert_eq!(v["statements"][0]["span"]["start_line"], 10);
    // A deny-only SCP leaves the rest allowed (FullAWSAccess assumed).
    let v = can_json("tf-scp", "admin", "ec2:RunInstances", "*", &[]);
    assert_eq!(v["decision"], "Allowed", "{v}");
}

#[test]
fn scp_attached_to_an_account_applies_with_that_account() {
    let v = can_json(
        "tf-scp",
        "admin",
        "s3:GetObject",
        "arn:aws:s3:::data-bucket/x",
        &[],
    );
    assert_eq!(v["decision"], "Allowed", "{v}");
    let v = can_json(
        "tf-scp",
        "admin",
        "s3:GetObject",
        "arn:aws:s3:::data-bucket/x",
        &["--account", "111111111111"],
    );
    assert_eq!(v["decision"], "ExplicitDeny", "{v}");
    assert_eq!(v["statements"][0]["sid"], "NoS3");
    let (_, w) = json(&[
        "iam",
        "who-can",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data-bucket/x",
        "--account",
        "111111111111",
        "--format",
        "json",
        &fx("tf-scp"),
    ]);
    assert_eq!(w["allowed"], serde_json::json!([]), "{w}");
    assert_eq!(w["unknown"], serde_json::json!([]), "{w}");
}

#[test]
fn scp_with_unknown_content_makes_the_decision_unknown() {
    let v = can_json("tf-scp-unknown", "admin", "ec2:RunInstances", "*", &[]);
    assert_eq!(v["decision"], "Unknown", "{v}");
    let reasons = v["unknowns"].to_string();
    assert!(
        reasons.contains("aws_organizations_policy.from_var"),
        "{reasons}"
    );
}

#[test]
fn scp_deny_stops_the_escalation_path() {
    let (_, v) = json(&["iam", "escalations", "--format", "json", &fx("tf-scp")]);
    assert!(
        v["paths"]
            .as_array()
            .is_some_and(|a| a.iter().all(|p| p["address"] != "aws_iam_role.deployer")),
        "the SCP deny on iam:PassRole stops the path: {v}"
    );
    let (_, out) = text(&["iam", "escalations", &fx("tf-scp")]);
    assert!(out.contains("No privilege-escalation path found"), "{out}");
}

fn who_can_json(action: &str, resource: &str) -> serde_json::Value {
    let (code, v) = json(&[
        "iam",
        "who-can",
        "--action",
        action,
        "--resource",
        resource,
        "--format",
        "json",
        &fx("tf-external"),
    ]);
    assert_eq!(code, 0);
    v
}

fn ext(v: &serde_json::Value, k: &str) -> Vec<String> {
    v["external"][k]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["principal"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn who_can_lists_external_principals_of_a_bucket_policy() {
    let v = who_can_json("s3:GetObject", "arn:aws:s3:::ext-data/k");
    assert_eq!(v["allowed"][0]["address"], "aws_iam_role.reader");
    assert_eq!(ext(&v, "allowed"), Vec::<String>::new());
    // The estate's own account is not an external principal.
    assert_eq!(
        ext(&v, "unknown"),
        vec![
            "arn:aws:iam::999999999999:root",
            "arn:aws:iam::888888888888:role/auditor"
        ]
    );
    let u = &v["external"]["unknown"][0];
    assert_eq!(u["kind"], "account");
    assert_eq!(u["cross_account"], true);
    assert_eq!(u["decision"], "Unknown");
    assert!(
        u["reasons"]
            .to_string()
            .contains("the other account's policies are not in the estate"),
        "{u}"
    );

    // The resource policy alone denies the auditor role on private/*.
    let v = who_can_json("s3:GetObject", "arn:aws:s3:::ext-data/private/k");
    assert_eq!(ext(&v, "unknown"), vec!["arn:aws:iam::999999999999:root"]);

    // Anyone, on public/*: allowed by the resource policy alone.
    let v = who_can_json("s3:GetObject", "arn:aws:s3:::ext-data/public/k");
    assert_eq!(ext(&v, "allowed"), vec!["*"]);
    assert_eq!(v["external"]["allowed"][0]["kind"], "anyone");
    assert_eq!(
        v["external"]["allowed"][0]["statements"][0]["sid"],
        "Public"
    );

    // An action the resource policy does not grant lists nobody external.
    let v = who_can_json("s3:PutObject", "arn:aws:s3:::ext-data/k");
    assert_eq!(ext(&v, "allowed"), Vec::<String>::new());
    assert_eq!(ext(&v, "unknown"), Vec::<String>::new());
}

#[test]
fn who_can_lists_external_principals_of_kms_and_lambda_policies() {
    let v = who_can_json("kms:Decrypt", "aws_kms_key.k");
    assert_eq!(
        ext(&v, "unknown"),
        vec!["arn:aws:iam::444455556666:role/decrypter"]
    );
    assert_eq!(v["external"]["unknown"][0]["kind"], "role");
    assert_eq!(v["external"]["unknown"][0]["account"], "444455556666");
    let v = who_can_json(
        "lambda:InvokeFunction",
        "arn:aws:lambda:us-east-1:123456789012:function:worker",
    );
    assert_eq!(ext(&v, "allowed"), vec!["events.amazonaws.com"]);
    assert_eq!(v["external"]["allowed"][0]["kind"], "service");
    // Another action: the permission does not grant it.
    let v = who_can_json(
        "lambda:UpdateFunctionCode",
        "arn:aws:lambda:us-east-1:123456789012:function:worker",
    );
    assert_eq!(ext(&v, "allowed"), Vec::<String>::new());

    let (_, out) = text(&[
        "iam",
        "who-can",
        "--action",
        "kms:Decrypt",
        "--resource",
        "aws_kms_key.k",
        &fx("tf-external"),
    ]);
    assert!(out.contains("External principals"), "{out}");
    assert!(
        out.contains(
            "arn:aws:iam::444455556666:role/decrypter (role, account 444455556666, cross-account)"
        ),
        "{out}"
    );
}
