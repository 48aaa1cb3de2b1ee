//! PAL-GLUE-002: Glue connection passwords are returned unencrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-GLUE-002",
    title: "Glue connection passwords are returned unencrypted",
    severity: Severity::Medium,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("pci-dss", &["8.3.2"]),
    ],
    resource_types: &[
        "aws_glue_data_catalog_encryption_settings",
        "AWS::Glue::DataCatalogEncryptionSettings",
    ],
    docs: Docs {
        what: "Checks Glue Data Catalog encryption settings for `return_connection_password_encrypted = true`.",
        why: "Otherwise `GetConnection` returns database passwords in clear text to anyone allowed to read the catalog.",
        fix: "Set `return_connection_password_encrypted = true` with a KMS key.",
        refs: &["https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_glue_data_catalog_encryption_settings" "this" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
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
          ReturnConnectionPasswordEncrypted: false
          KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
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
        out.judge(x.id, "data_catalog_encryption_settings.connection_password_encryption.return_connection_password_encrypted", &x.connection_passwords, false, |v| *v, "connection passwords are returned in clear text");
    }
}
