//! PAL-ELB-004: Application load balancer does not drop invalid HTTP headers.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-ELB-004",
    title: "Application load balancer does not drop invalid HTTP headers",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "SI-10"]),
        ("pci-dss", &["6.4.1"]),
    ],
    resource_types: &[
        "aws_lb",
        "aws_alb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ],
    docs: Docs {
        what: "Checks application load balancers for `drop_invalid_header_fields = true` (`routing.http.drop_invalid_header_fields.enabled`).",
        why: "Forwarding malformed headers enables HTTP request smuggling and header-injection attacks against the targets.",
        fix: "Set `drop_invalid_header_fields = true`.",
        refs: &[
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]

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
        .filter(|x| matches!(&x.lb_type, Tri::Known(t, _) if t == "application"))
    {
        out.judge(
            x.id,
            "drop_invalid_header_fields",
            &x.drop_invalid_headers,
            false,
            |v| *v,
            "invalid HTTP header fields are forwarded",
        );
    }
}
