//! PAL-LAMBDA-006: Lambda function has no dead-letter queue.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-006",
    title: "Lambda function has no dead-letter queue",
    severity: Severity::Low,
    category: Category::Compute,
    frameworks: &[("soc2", &["CC7.2"]), ("nist-800-53", &["SI-11", "AU-12"])],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda functions for `dead_letter_config` (`DeadLetterConfig`), which keeps events whose asynchronous invocation failed.",
        why: "Without a dead-letter queue failed events are dropped after retries, silently losing data and hiding repeated failures caused by malicious input.",
        fix: "Add `dead_letter_config { target_arn = <SQS queue or SNS topic> }`, or an on-failure destination.",
        refs: &[
            "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
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

  dead_letter_config {
    target_arn = "arn:aws:sqs:eu-west-1:111122223333:api-dlq"
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
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:111122223333:api-dlq
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
      DeadLetterQueue:
        Type: SQS
        TargetArn: arn:aws:sqs:eu-west-1:111122223333:api-dlq
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
            "dead_letter_config",
            &x.dead_letter,
            false,
            |v| *v,
            "failed asynchronous events are not kept",
        );
    }
}
