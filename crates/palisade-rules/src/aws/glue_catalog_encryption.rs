//! PAL-GLUE-001: Glue Data Catalog is not encrypted at rest.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-GLUE-001",
    title: "Glue Data Catalog is not encrypted at rest",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &[
        "aws_glue_data_catalog_encryption_settings",
        "AWS::Glue::DataCatalogEncryptionSettings",
    ],
    docs: Docs {
        what: "Checks Glue Data Catalog encryption settings for `catalog_encryption_mode` other than `DISABLED`.",
        why: "The catalog holds table schemas, locations and partition metadata that map where sensitive data lives.",
        fix: "Set `catalog_encryption_mode = \"SSE-KMS\"` with a KMS key.",
        refs: &["https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_glue_data_catalog_encryption_settings" "this" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Catalog:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: "111122223333"
      DataCatalogEncryptionSettings:
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        EncryptionAtRest:
          CatalogEncryptionMode: DISABLED
          SseAwsKmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_glue_data_catalog_encryption_settings" "this" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Catalog:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: "111122223333"
      DataCatalogEncryptionSettings:
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.misc.glue_catalog_encryption {
        out.judge(
            x.id,
            "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode",
            &x.mode,
            false,
            |v| v != "DISABLED",
            "the Data Catalog is not encrypted",
        );
    }
}
