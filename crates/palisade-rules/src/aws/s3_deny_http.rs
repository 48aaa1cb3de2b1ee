//! PAL-S3-007: S3 bucket policy does not deny requests over plain HTTP.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;
use palisade_views::aws::iam::PolicyKind;

pub static RULE: Rule = Rule {
    id: "PAL-S3-007",
    title: "S3 bucket policy does not deny requests over plain HTTP",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["2.1.1"]),
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "AWS::S3::Bucket",
        "aws_s3_bucket_policy",
        "AWS::S3::BucketPolicy",
    ],
    docs: Docs {
        what: "Checks that each bucket has a bucket policy with a `Deny` statement conditioned on `aws:SecureTransport` being `false`.",
        why: "S3 accepts HTTP requests unless the bucket policy refuses them; data and credentials-bearing requests then cross the network in clear text.",
        fix: "Add a statement `Effect: Deny, Principal: *, Action: s3:*, Condition: {Bool: {aws:SecureTransport: false}}` to the bucket policy.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: arn:aws:s3:::acme-data/*
            Condition:
              Bool:
                aws:SecureTransport: false
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.aws.s3_buckets {
        let r = cx.model.get(b.id);
        let mut unknown = None;
        let mut found = None;
        for p in cx
            .views
            .aws
            .iam
            .policies
            .iter()
            .filter(|p| p.owner == Some(b.id) && p.kind == PolicyKind::Resource)
        {
            match &p.doc {
                Tri::Known(doc, _) => {
                    for st in &doc.statements {
                        if st.is_deny()
                            && st
                                .condition("aws:securetransport")
                                .is_some_and(|c| c.values.contains("false"))
                        {
                            found = Some(st.span.clone());
                        }
                    }
                    if let Some(u) = &doc.unknown {
                        unknown.get_or_insert(u.clone());
                    }
                }
                Tri::Unknown(w, s) => {
                    unknown.get_or_insert((w.clone(), s.clone()));
                }
                Tri::Absent(_) => {}
            }
        }
        let fact = match (found, unknown) {
            (Some(s), _) => Tri::Known(true, s),
            (None, Some((w, s))) => Tri::Unknown(w, s),
            (None, None) => Tri::Absent(r.span.clone()),
        };
        out.judge(
            b.id,
            "policy",
            &fact,
            false,
            |v| *v,
            "the bucket policy does not deny requests without TLS (`aws:SecureTransport`)",
        );
    }
}
