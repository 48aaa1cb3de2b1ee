//! PAL-S3-011: S3 bucket is configured for static website hosting.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-011",
    title: "S3 bucket is configured for static website hosting",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.6", "CC6.7"]),
        ("nist-800-53", &["SC-8", "AC-3"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "aws_s3_bucket_website_configuration",
        "AWS::S3::Bucket",
    ],
    docs: Docs {
        what: "Checks buckets for static website hosting (`website`, `aws_s3_bucket_website_configuration`, `WebsiteConfiguration`).",
        why: "Website endpoints serve only plain HTTP and require the bucket to be public; CloudFront with origin access control serves the same content over HTTPS from a private bucket.",
        fix: "Serve the site through CloudFront with origin access control and remove the website configuration.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_website_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  index_document {
    suffix = "index.html"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      WebsiteConfiguration:
        IndexDocument: index.html
"#,
            },
        ],
        passing: &[
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.s3_buckets {
        out.judge(
            x.id,
            "website",
            &x.website,
            true,
            |v| !*v,
            "the bucket serves a static website",
        );
    }
}
