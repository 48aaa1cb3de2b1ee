use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-001",
    title: "S3 bucket has no default server-side encryption configured",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32(1)(a)"]),
        ("nist-800-53", &["SC-28", "SC-28(1)"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_s3_bucket", "AWS::S3::Bucket"],
    docs: Docs {
        what: "Checks that every S3 bucket declares default server-side encryption, inline or through an `aws_s3_bucket_server_side_encryption_configuration` resource that refers to it.",
        why: "An explicit encryption configuration documents the key that protects the data and lets the bucket use a customer-managed KMS key; relying on the account default leaves that choice undeclared and unreviewed.",
        fix: "Add a server-side encryption configuration with `aws:kms` (preferably a customer-managed key) or `AES256`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n",
            },
            Example {
                lang: Lang::CloudFormation,
                code: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-logs\n",
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}\n",
            },
            Example {
                lang: Lang::CloudFormation,
                code: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.aws.s3_buckets {
        out.judge(
            b.id,
            "server_side_encryption_configuration",
            &b.encryption,
            false,
            |_| true,
            "S3 bucket has no default encryption configuration",
        );
    }
}
