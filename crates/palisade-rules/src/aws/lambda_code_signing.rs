//! PAL-LAMBDA-007: Lambda function does not enforce code signing.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-007",
    title: "Lambda function does not enforce code signing",
    severity: Severity::Low,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC8.1"]),
        ("nist-800-53", &["SI-7", "CM-14"]),
        ("pci-dss", &["6.5.1"]),
    ],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda functions for `code_signing_config_arn` (`CodeSigningConfigArn`).",
        why: "Code signing makes Lambda reject deployment packages not signed by your trusted publishers, so a stolen deploy credential cannot ship arbitrary code.",
        fix: "Create an `aws_lambda_code_signing_config` with your signing profiles and set `code_signing_config_arn`.",
        refs: &["https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
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
  code_signing_config_arn = "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0a1b2c3d4e5f67890"
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
      CodeSigningConfigArn: arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0a1b2c3d4e5f67890
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.lambda.functions {
        out.judge(
            x.id,
            "code_signing_config_arn",
            &x.code_signing,
            false,
            |v| *v,
            "code signing is not enforced",
        );
    }
}
