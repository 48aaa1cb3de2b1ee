//! PAL-LAMBDA-008: Lambda environment variables are not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-008",
    title: "Lambda environment variables are not encrypted with a customer-managed key",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda functions that define environment variables for `kms_key_arn` (`KmsKeyArn`); without it they use `aws/lambda`.",
        why: "Anyone who can read the function configuration sees values encrypted with the AWS managed key; a customer-managed key adds a separate permission and audit trail.",
        fix: "Set `kms_key_arn` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      LOG_LEVEL = "info"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/api
      Handler: index.handler
      Runtime: python3.12
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
      Environment:
        Variables:
          LOG_LEVEL: info
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  kms_key_arn   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  environment {
    variables = {
      LOG_LEVEL = "info"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/api
      Handler: index.handler
      Runtime: python3.12
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
      KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Environment:
        Variables:
          LOG_LEVEL: info
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .lambda
        .functions
        .iter()
        .filter(|x| !x.env.is_empty() || x.env_unknown.is_some())
    {
        out.judge(
            x.id,
            "kms_key_arn",
            &x.env_kms,
            false,
            |v| !v.is_empty(),
            "environment variables are not encrypted with a customer-managed KMS key",
        );
    }
}
