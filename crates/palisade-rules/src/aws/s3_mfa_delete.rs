//! PAL-S3-008: S3 bucket versioning does not require MFA delete.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_model::SourceKind;
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-S3-008",
    title: "S3 bucket versioning does not require MFA delete",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("cis-aws", &["2.1.2"]),
        ("soc2", &["CC6.1"]),
        ("nist-800-53", &["CP-9", "IA-2"]),
        ("hipaa", &["164.312(c)(1)"]),
    ],
    resource_types: &["aws_s3_bucket", "aws_s3_bucket_versioning"],
    docs: Docs {
        what: "Checks versioned buckets for MFA delete (`mfa_delete = \"Enabled\"`). MFA delete can only be set by the root user with MFA and is not expressible in CloudFormation, so only Terraform is checked.",
        why: "MFA delete makes permanently deleting object versions, or suspending versioning, require the root user's MFA device: a stolen access key cannot wipe the history.",
        fix: "Enable MFA delete on versioning with the root user (`mfa_delete = \"Enabled\"` and the `mfa` argument).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.aws.s3_buckets {
        if cx.model.get(b.id).kind == SourceKind::CloudFormation
            || !matches!(b.versioning, Tri::Known(true, _))
        {
            continue;
        }
        out.judge(
            b.id,
            "mfa_delete",
            &b.mfa_delete,
            false,
            |v| *v,
            "deleting object versions does not require MFA",
        );
    }
}
