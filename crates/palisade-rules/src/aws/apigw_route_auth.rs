//! PAL-APIGW-006: API Gateway HTTP/WebSocket route has no authorization.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-006",
    title: "API Gateway HTTP/WebSocket route has no authorization",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AC-3", "IA-2"]),
        ("pci-dss", &["8.2.1"]),
    ],
    resource_types: &["aws_apigatewayv2_route", "AWS::ApiGatewayV2::Route"],
    docs: Docs {
        what: "Checks API Gateway v2 routes other than `OPTIONS` ones for `authorization_type = \"NONE\"` (the default).",
        why: "Unauthenticated routes let anyone call the integration behind them; unless the route is meant to be public, that is a missing access control.",
        fix: "Use `JWT`, `AWS_IAM` or a `CUSTOM` Lambda authorizer.",
        refs: &[
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_apigatewayv2_route" "orders" {
  api_id             = "a1b2c3d4e5"
  route_key          = "GET /orders"
  authorization_type = "NONE"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Orders:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: a1b2c3d4e5
      RouteKey: GET /orders
      AuthorizationType: NONE
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_apigatewayv2_route" "orders" {
  api_id             = "a1b2c3d4e5"
  route_key          = "GET /orders"
  authorization_type = "JWT"
  authorizer_id      = "abc123"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Orders:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: a1b2c3d4e5
      RouteKey: GET /orders
      AuthorizationType: AWS_IAM
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for r in &cx.views.aws.apigw.routes {
        if matches!(&r.route_key, Tri::Known(k, _) if k.starts_with("OPTIONS ")) {
            continue;
        }
        out.judge(
            r.id,
            "authorization_type",
            &r.authorization,
            false,
            |a| !a.eq_ignore_ascii_case("NONE"),
            "the route can be called without authorization",
        );
    }
}
