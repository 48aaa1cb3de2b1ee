//! PAL-APIGW-004: API Gateway REST stage has no X-Ray tracing.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-004",
    title: "API Gateway REST stage has no X-Ray tracing",
    severity: Severity::Low,
    category: Category::Logging,
    frameworks: &[("soc2", &["CC7.2"]), ("nist-800-53", &["AU-12", "SI-4"])],
    resource_types: &["aws_api_gateway_stage", "AWS::ApiGateway::Stage"],
    docs: Docs {
        what: "Checks API Gateway REST stages for `xray_tracing_enabled = true` (`TracingEnabled`).",
        why: "Tracing follows each request through the integrations, which shortens investigation of abuse and failures.",
        fix: "Set `xray_tracing_enabled = true`.",
        refs: &[
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html",
        ],
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
  xray_tracing_enabled = true
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
      TracingEnabled: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.apigw.stages.iter().filter(|x| x.rest) {
        out.judge(
            x.id,
            "xray_tracing_enabled",
            &x.xray,
            false,
            |v| *v,
            "X-Ray tracing is not enabled",
        );
    }
}
