//! PAL-LAMBDA-001: Lambda function URL allows unauthenticated invocation.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-001",
    title: "Lambda function URL allows unauthenticated invocation",
    severity: Severity::High,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &[
        "aws_lambda_function_url",
        "AWS::Lambda::Url",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda function URLs for `authorization_type = \"NONE\"` (`AuthType: NONE`).",
        why: "A function URL without IAM auth is a public HTTPS endpoint: anyone can invoke the function, run up its cost and reach whatever its role can.",
        fix: "Use `authorization_type = \"AWS_IAM\"` and sign requests, or put the function behind API Gateway with an authorizer and WAF.",
        refs: &["https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "NONE"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  ApiUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:api
      AuthType: NONE
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
      FunctionUrlConfig:
        AuthType: NONE
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  ApiUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:api
      AuthType: AWS_IAM
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
      FunctionUrlConfig:
        AuthType: AWS_IAM
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for u in &cx.views.aws.lambda.urls {
        out.judge(
            u.id,
            "authorization_type",
            &u.auth_type,
            false,
            |t| !t.eq_ignore_ascii_case("NONE"),
            "the function URL can be invoked without authentication",
        );
    }
}
