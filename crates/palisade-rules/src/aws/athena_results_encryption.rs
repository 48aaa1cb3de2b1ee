//! PAL-ATH-001: Athena workgroup does not encrypt query results.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ATH-001",
    title: "Athena workgroup does not encrypt query results",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_athena_workgroup", "AWS::Athena::WorkGroup"],
    docs: Docs {
        what: "Checks Athena workgroups for a result encryption configuration (`encryption_configuration`, `EncryptionConfiguration`).",
        why: "Query results copy the data they select into S3; without encryption settings on the workgroup they rely on each user's client settings.",
        fix: "Add `encryption_configuration { encryption_option = \"SSE_KMS\", kms_key_arn = ... }` and enforce the workgroup configuration.",
        refs: &[
            "https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://acme-athena-results/"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Analytics:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        ResultConfiguration:
          OutputLocation: s3://acme-athena-results/
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://acme-athena-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Analytics:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        ResultConfiguration:
          OutputLocation: s3://acme-athena-results/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.misc.athena_workgroups {
        out.judge(
            x.id,
            "configuration.result_configuration.encryption_configuration",
            &x.result_encryption,
            false,
            |v| *v,
            "query results are not encrypted",
        );
    }
}
