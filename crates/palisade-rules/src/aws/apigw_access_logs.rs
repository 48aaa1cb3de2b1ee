//! PAL-APIGW-001: API Gateway stage has no access logging.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-001",
    title: "API Gateway stage has no access logging",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &[
        "aws_api_gateway_stage",
        "aws_apigatewayv2_stage",
        "AWS::ApiGateway::Stage",
        "AWS::ApiGatewayV2::Stage",
    ],
    docs: Docs {
        what: "Checks API Gateway REST and HTTP/WebSocket stages for access log settings.",
        why: "Access logs record each caller, request and result; without them abuse of the API cannot be traced.",
        fix: "Add `access_log_settings` with a CloudWatch Logs group ARN and a format including `$context.identity.sourceIp`.",
        refs: &["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: abc123
      StageName: prod
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: abc123
      StageName: prod
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api-access
        Format: $context.requestId $context.identity.sourceIp $context.status
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.apigw.stages {
        out.judge(
            x.id,
            "access_log_settings",
            &x.access_logs,
            false,
            |v| *v,
            "the stage has no access logging",
        );
    }
}
