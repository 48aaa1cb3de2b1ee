//! A fixture report shared by the tests and the `sample-sarif` example.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use palisade_engine::{Category, Finding, FindingResource, Related, RuleInfo, Severity, Status};
use palisade_model::{Diagnostic, SourceKind, Span};
use palisade_output::Report;

pub const MAIN_TF: &str = r#"resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  acl    = "public-read"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

module "db" {
  source = "./db"
}
"#;

pub const DB_TF: &str = "resource \"aws_db_instance\" \"this\" {\n  engine            = \"postgres\"\n  storage_encrypted = var.encrypt\n\tpublicly_accessible = true # \u{1b}[31mred\u{1b}[0m\n}\n";

pub const DEPLOY_YAML: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          securityContext:\n            privileged: true\n";

pub fn source(path: &str) -> Option<String> {
    match path {
        "main.tf" => Some(MAIN_TF.to_string()),
        "modules/db/main.tf" => Some(DB_TF.to_string()),
        "k8s/deploy.yaml" => Some(DEPLOY_YAML.to_string()),
        _ => None,
    }
}

fn span(path: &str, sl: u32, sc: u32, el: u32, ec: u32) -> Span {
    Span::new(Arc::from(path), sl, sc, el, ec)
}

fn fw(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect()
}

fn rule(
    id: &str,
    title: &str,
    severity: Severity,
    category: Category,
    frameworks: BTreeMap<String, Vec<String>>,
    builtin: bool,
) -> RuleInfo {
    RuleInfo {
        id: id.into(),
        title: title.into(),
        severity,
        category,
        frameworks,
        description: format!("Checks that: {}.", title.to_lowercase()),
        help: "Public data can be read by anyone.\n\nFix: set the ACL to private.".into(),
        help_uri: if builtin {
            format!("https://palisade.dev/rules/{id}")
        } else {
            String::new()
        },
        builtin,
    }
}

pub fn rules() -> Vec<RuleInfo> {
    vec![
        // Deliberately unsorted, with a duplicate id.
        rule(
            "PAL-S3-002",
            "S3 bucket ACLs must not grant public access",
            Severity::High,
            Category::Data,
            fw(&[("cis-aws", &["2.1.5"]), ("pci-dss", &["1.3.1", "7.1"])]),
            true,
        ),
        rule(
            "PAL-RDS-001",
            "RDS storage must be encrypted",
            Severity::Medium,
            Category::Encryption,
            fw(&[("cis-aws", &["2.3.1"])]),
            true,
        ),
        rule(
            "PAL-K8S-001",
            "Containers must not run privileged",
            Severity::Critical,
            Category::Kubernetes,
            fw(&[]),
            true,
        ),
        rule(
            "PAL-S3-002",
            "duplicate that must be dropped",
            Severity::Info,
            Category::Data,
            fw(&[]),
            true,
        ),
        rule(
            "CUSTOM-TAGS",
            "Resources must be tagged",
            Severity::Low,
            Category::Custom,
            fw(&[]),
            false,
        ),
        rule(
            "PAL-LOG-001",
            "S3 buckets should log access",
            Severity::Info,
            Category::Logging,
            fw(&[]),
            true,
        ),
    ]
}

fn res(address: &str, rtype: &str, kind: SourceKind, module_path: &[&str]) -> FindingResource {
    FindingResource {
        address: address.into(),
        rtype: rtype.into(),
        kind,
        module_path: module_path.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn findings() -> Vec<Finding> {
    let all = rules();
    let info = |id: &str| {
        all.iter()
            .find(|r| r.id == id)
            .cloned()
            .expect("fixture rule")
    };
    let s3 = info("PAL-S3-002");
    let rds = info("PAL-RDS-001");
    let k8s = info("PAL-K8S-001");
    let tags = info("CUSTOM-TAGS");
    let mk = |r: &RuleInfo,
              status: Status,
              resource: FindingResource,
              location: Span,
              message: &str,
              fp: &str| Finding {
        rule_id: r.id.clone(),
        title: r.title.clone(),
        severity: r.severity,
        category: r.category,
        status,
        resource,
        location,
        message: message.into(),
        unknown_reason: None,
        frameworks: std::sync::Arc::new(r.frameworks.clone()),
        related: Vec::new(),
        fingerprint: fp.into(),
    };
    let bucket = res(
        "aws_s3_bucket.logs",
        "aws_s3_bucket",
        SourceKind::Terraform,
        &[],
    );
    let mut public = mk(
        &s3,
        Status::Fail,
        bucket.clone(),
        span("main.tf", 3, 3, 3, 25),
        "bucket ACL `public-read` lets anyone list and read objects",
        "0a1b2c3d4e5f60718293a4b5",
    );
    public.related.push(Related {
        span: span("main.tf", 6, 1, 9, 2),
        message: "bucket policy attached here".into(),
    });
    let mut rds_unknown = mk(
        &rds,
        Status::Unknown,
        res(
            "module.db.aws_db_instance.this",
            "aws_db_instance",
            SourceKind::Terraform,
            &["db"],
        ),
        span("modules/db/main.tf", 3, 3, 3, 34),
        "cannot tell: RDS storage is not encrypted",
        "1111aaaa2222bbbb3333cccc",
    );
    rds_unknown.unknown_reason = Some("var.encrypt has no default and no value was given".into());
    rds_unknown.related.push(Related {
        span: span("main.tf", 11, 1, 11, 13),
        message: "module called here".into(),
    });
    let privileged = mk(
        &k8s,
        Status::Fail,
        res(
            "Deployment/default/web",
            "Deployment",
            SourceKind::Kubernetes,
            &[],
        ),
        span("k8s/deploy.yaml", 12, 13, 12, 29),
        "container `web` runs privileged",
        "cafebabe0000111122223333",
    );
    // A whole-resource, multi-line span (a warn from a custom policy).
    let untagged = mk(
        &tags,
        Status::Warn,
        bucket,
        span("main.tf", 1, 1, 4, 2),
        "aws_s3_bucket.logs has no `owner` tag",
        "dddd0000eeee1111ffff2222",
    );
    // A finding whose rule the caller did not list, on a file with no source.
    let orphan = Finding {
        rule_id: "PAL-ORPHAN-001".into(),
        title: "A rule missing from the rule list".into(),
        severity: Severity::Low,
        category: Category::Compute,
        status: Status::Fail,
        resource: res(
            "aws_instance.web",
            "aws_instance",
            SourceKind::TerraformPlan,
            &[],
        ),
        location: span("plan dir/plan.json", 40, 7, 40, 19),
        message: "instance has IMDSv1 enabled".into(),
        unknown_reason: None,
        frameworks: Default::default(),
        related: Vec::new(),
        fingerprint: "9999888877776666aaaabbbb".into(),
    };
    // Deliberately unsorted.
    vec![privileged, untagged, orphan, rds_unknown, public]
}

pub fn diagnostics() -> Vec<Diagnostic> {
    vec![
        Diagnostic::warning(
            "tf-module-unresolved",
            "module source `./db` resolved to modules/db",
            span("main.tf", 11, 1, 13, 2),
        ),
        Diagnostic::error(
            "yaml-syntax",
            "mapping values are not allowed here",
            span("k8s/broken.yaml", 4, 9, 4, 10),
        ),
    ]
}

pub struct Fixture {
    pub findings: Vec<Finding>,
    pub rules: Vec<RuleInfo>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Fixture {
    pub fn new() -> Self {
        Fixture {
            findings: findings(),
            rules: rules(),
            diagnostics: diagnostics(),
        }
    }
    pub fn report(&self) -> Report<'_> {
        Report {
            tool_version: "0.1.0",
            findings: &self.findings,
            rules: &self.rules,
            diagnostics: &self.diagnostics,
            files_scanned: 4,
            resources_scanned: 7,
            extra_summary: None,
            suppressed: &[],
            baseline: None,
        }
    }
}
