//! PAL-LAMBDA-003: Lambda function uses a deprecated runtime.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::lambda::DEPRECATED_RUNTIMES;

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-003",
    title: "Lambda function uses a deprecated runtime",
    severity: Severity::Medium,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC7.1"]),
        ("hipaa", &["164.308(a)(1)(ii)(B)"]),
        ("nist-800-53", &["SI-2", "SA-22"]),
        ("pci-dss", &["6.3.3"]),
    ],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda functions for runtimes AWS has deprecated (no more security patches): Node.js 18 and older, Python 3.9 and older, Ruby 3.2 and older, Java 8 on Amazon Linux 1, Go 1.x, `provided`, .NET 7 and older.",
        why: "A deprecated runtime no longer receives security fixes, and AWS eventually blocks updates to functions that use it.",
        fix: "Move to a supported runtime (`nodejs22.x`, `python3.12`, `java21`, `provided.al2023`...).",
        refs: &[
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.8"
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
      Runtime: nodejs16.x
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs10.x
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
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
      Runtime: nodejs22.x
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs10.x
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
      Runtime: nodejs22.x
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for f in &cx.views.aws.lambda.functions {
        out.judge(
            f.id,
            "runtime",
            &f.runtime,
            true,
            |r| !DEPRECATED_RUNTIMES.contains(&r.as_str()),
            "the runtime is deprecated and no longer patched",
        );
    }
}
