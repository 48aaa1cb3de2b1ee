//! PAL-APIGW-002: API Gateway REST stage has no WAF web ACL.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-002",
    title: "API Gateway REST stage has no WAF web ACL",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "SI-4"]),
        ("pci-dss", &["6.4.2"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &[
        "aws_api_gateway_stage",
        "AWS::ApiGateway::Stage",
        "aws_wafv2_web_acl_association",
        "AWS::WAFv2::WebACLAssociation",
    ],
    docs: Docs {
        what: "Checks that each API Gateway REST API stage has a WAF web ACL association referring to it.",
        why: "A web ACL blocks injection payloads, known bad inputs and request floods before they reach the integration.",
        fix: "Add an `aws_wafv2_web_acl_association` with the stage's ARN as `resource_arn`.",
        refs: &[
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html",
        ],
        failing: &[
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

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
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
  ProdWaf:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Prod
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
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
            "web_acl",
            &x.waf,
            false,
            |v| *v,
            "no WAF web ACL protects the stage",
        );
    }
}
