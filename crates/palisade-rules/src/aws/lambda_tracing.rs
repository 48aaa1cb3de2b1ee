//! PAL-LAMBDA-005: Lambda function has no active X-Ray tracing.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-005",
    title: "Lambda function has no active X-Ray tracing",
    severity: Severity::Low,
    category: Category::Logging,
    frameworks: &[("soc2", &["CC7.2"]), ("nist-800-53", &["AU-12", "SI-4"])],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda functions for `tracing_config { mode = \"Active\" }`.",
        why: "Traces show which downstream services a function called with which latency and errors, which is what an investigation of unusual behaviour needs.",
        fix: "Set `tracing_config { mode = \"Active\" }` and allow `xray:PutTraceSegments`.",
        refs: &["https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html"],
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
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
      Runtime: python3.12
      Tracing: PassThrough
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

  tracing_config {
    mode = "Active"
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
      TracingConfig:
        Mode: Active
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
      Runtime: python3.12
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
            "tracing_config.mode",
            &x.tracing_mode,
            false,
            |v| v == "Active",
            "X-Ray tracing is not active",
        );
    }
}
