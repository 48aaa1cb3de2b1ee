//! PAL-S3-003: S3 bucket policy allows access to everyone.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::PolicyKind;

use super::common::{each_policy, public_statement};

pub static RULE: Rule = Rule {
    id: "PAL-S3-003",
    title: "S3 bucket policy allows access to everyone",
    severity: Severity::Critical,
    category: Category::Data,
    frameworks: &[
        ("cis-aws", &["2.1.4"]),
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-21"]),
        ("pci-dss", &["1.4.1", "7.2.1"]),
    ],
    resource_types: &["aws_s3_bucket_policy", "AWS::S3::BucketPolicy"],
    docs: Docs {
        what: "Checks bucket policies for an `Allow` statement to principal `*` (or `{\"AWS\": \"*\"}`) with no condition narrowing the caller (source VPC or endpoint, source IP, organisation, account).",
        why: "Such a statement makes the granted actions available to anyone on the internet, without credentials: the classic open-bucket data leak.",
        fix: "Grant access to named principals, or serve public content through CloudFront with origin access control; keep the bucket's public access block on.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
        ],
        failing: &[
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
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-data/*"
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
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::acme-data/*
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
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/reader" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-data/*"
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
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::acme-data/*
            Condition:
              StringEquals:
                aws:SourceVpce: vpce-0a1b2c3d
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(
        cx,
        out,
        |p| {
            p.kind == PolicyKind::Resource
                && (p.rtype.starts_with("aws_s3") || p.rtype.starts_with("AWS::S3"))
        },
        |_, st| public_statement(st),
    );
}
