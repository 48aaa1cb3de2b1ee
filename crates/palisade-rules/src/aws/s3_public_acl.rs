//! PAL-S3-002: S3 bucket ACL grants access to everyone.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-002",
    title: "S3 bucket ACL grants access to everyone",
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
    resource_types: &["aws_s3_bucket", "AWS::S3::Bucket", "aws_s3_bucket_acl"],
    docs: Docs {
        what: "Checks S3 bucket ACLs (the `acl` argument, `aws_s3_bucket_acl`, `AccessControl`, explicit grants) for `public-read`, `public-read-write`, `authenticated-read` or grants to the `AllUsers` / `AuthenticatedUsers` groups.",
        why: "A public ACL exposes every object to anyone on the internet (or to any AWS account); `public-read-write` also lets anyone overwrite or plant content.",
        fix: "Use `private` ACLs (or disable ACLs with `BucketOwnerEnforced` object ownership), enable the public access block, and serve public content through CloudFront with origin access control.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "public-read"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: Private
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const PUBLIC: &[&str] = &["publicread", "publicreadwrite", "authenticatedread"];
    for b in &cx.views.aws.s3_buckets {
        if let Some((g, s)) = b
            .grant_uris
            .find(|u| u.ends_with("/AllUsers") || u.ends_with("/AuthenticatedUsers"))
        {
            out.fail(
                b.id,
                s.clone(),
                "grant",
                format!("an ACL grant gives access to `{g}`"),
            );
            continue;
        }
        out.judge(
            b.id,
            "acl",
            &b.acl,
            true,
            |a| !PUBLIC.contains(&a.to_ascii_lowercase().replace('-', "").as_str()),
            "the bucket ACL grants access to everyone",
        );
    }
}
