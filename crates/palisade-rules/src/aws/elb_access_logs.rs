//! PAL-ELB-003: Load balancer access logging is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-ELB-003",
    title: "Load balancer access logging is not enabled",
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
        "aws_lb",
        "aws_alb",
        "aws_elb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancing::LoadBalancer",
    ],
    docs: Docs {
        what: "Checks application, network and classic load balancers for access logs (`access_logs { enabled = true }`, `access_logs.s3.enabled`, `AccessLoggingPolicy`).",
        why: "Access logs record every request (client IP, path, status, TLS details); without them attacks against the application cannot be reconstructed.",
        fix: "Enable access logs to an S3 bucket.",
        refs: &[
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  drop_invalid_header_fields = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
      LoadBalancerAttributes:
        - Key: routing.http.drop_invalid_header_fields.enabled
          Value: "true"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  drop_invalid_header_fields = true

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: "true"
        - Key: access_logs.s3.bucket
          Value: acme-lb-logs
        - Key: routing.http.drop_invalid_header_fields.enabled
          Value: "true"
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .elb
        .load_balancers
        .iter()
        .filter(|x| !matches!(&x.lb_type, Tri::Known(t, _) if t == "gateway"))
    {
        out.judge(
            x.id,
            "access_logs",
            &x.access_logs,
            false,
            |v| *v,
            "access logging is not enabled",
        );
    }
}
