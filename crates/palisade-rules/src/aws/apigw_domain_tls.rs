//! PAL-APIGW-005: API Gateway custom domain allows TLS 1.0.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-APIGW-005",
    title: "API Gateway custom domain allows TLS 1.0",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &["aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName"],
    docs: Docs {
        what: "Checks API Gateway custom domain names for `security_policy = \"TLS_1_0\"`.",
        why: "TLS 1.0 is deprecated and allows downgrade attacks; PCI DSS forbids it.",
        fix: "Set `security_policy = \"TLS_1_2\"`.",
        refs: &[
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.acme.example"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"
  security_policy          = "TLS_1_0"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.acme.example
      RegionalCertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
      SecurityPolicy: TLS_1_0
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.acme.example"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"
  security_policy          = "TLS_1_2"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.acme.example
      RegionalCertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
      SecurityPolicy: TLS_1_2
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.apigw.domains {
        out.judge(
            x.id,
            "security_policy",
            &x.security_policy,
            true,
            |v| v != "TLS_1_0",
            "the custom domain accepts TLS 1.0",
        );
    }
}
