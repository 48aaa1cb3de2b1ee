//! PAL-APIGW-003: API Gateway method has no authorization.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-003",
    title: "API Gateway method has no authorization",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AC-3", "IA-2"]),
        ("pci-dss", &["8.2.1"]),
    ],
    resource_types: &["aws_api_gateway_method", "AWS::ApiGateway::Method"],
    docs: Docs {
        what: "Checks API Gateway REST methods other than `OPTIONS` for `authorization = \"NONE\"` without an API key requirement.",
        why: "Unauthenticated methods let anyone call the backend; unless the API is meant to be public, that is a missing access control.",
        fix: "Use `AWS_IAM`, a Cognito user pool or a Lambda authorizer; for intentionally public methods, require an API key with a usage plan.",
        refs: &[
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_method" "get" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r5s6t7"
  http_method   = "GET"
  authorization = "NONE"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: a1b2c3d4e5
      ResourceId: r5s6t7
      HttpMethod: GET
      AuthorizationType: NONE
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_method" "get" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r5s6t7"
  http_method   = "GET"
  authorization = "AWS_IAM"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: a1b2c3d4e5
      ResourceId: r5s6t7
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: abc123
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for m in &cx.views.aws.apigw.methods {
        if matches!(&m.http_method, Tri::Known(h, _) if h.eq_ignore_ascii_case("OPTIONS")) {
            continue;
        }
        if matches!(m.api_key_required, Tri::Known(true, _)) {
            out.pass(m.id, m.api_key_required.span().clone(), "authorization");
            continue;
        }
        out.judge(
            m.id,
            "authorization",
            &m.authorization,
            false,
            |a| !a.eq_ignore_ascii_case("NONE"),
            "the method can be called without authorization",
        );
    }
}
