//! PAL-ATH-002: Athena workgroup lets clients override its settings.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ATH-002",
    title: "Athena workgroup lets clients override its settings",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("nist-800-53", &["SC-28", "CM-6"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &["aws_athena_workgroup", "AWS::Athena::WorkGroup"],
    docs: Docs {
        what: "Checks Athena workgroups for `enforce_workgroup_configuration = false`.",
        why: "When clients may override the workgroup, they can write query results unencrypted or to an arbitrary bucket.",
        fix: "Set `enforce_workgroup_configuration = true` (the default).",
        refs: &["https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = false

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
        EnforceWorkGroupConfiguration: false
        ResultConfiguration:
          OutputLocation: s3://acme-athena-results/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
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
            "configuration.enforce_workgroup_configuration",
            &x.enforce,
            true,
            |v| *v,
            "clients may override the workgroup's result settings",
        );
    }
}
