//! PAL-ELB-005: Load balancer has no deletion protection.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-ELB-005",
    title: "Load balancer has no deletion protection",
    severity: Severity::Low,
    category: Category::Network,
    frameworks: &[("soc2", &["CC9.1"]), ("nist-800-53", &["CP-10", "CM-3"])],
    resource_types: &[
        "aws_lb",
        "aws_alb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ],
    docs: Docs {
        what: "Checks application, network and gateway load balancers for `enable_deletion_protection = true` (`deletion_protection.enabled`).",
        why: "Deleting a load balancer takes the service down and frees its DNS name; protection stops a replaced resource or stray destroy from doing it.",
        fix: "Set `enable_deletion_protection = true`.",
        refs: &[
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
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
  enable_deletion_protection = true
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
        - Key: deletion_protection.enabled
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
        .filter(|x| !matches!(&x.lb_type, Tri::Known(t, _) if t == "classic"))
    {
        out.judge(
            x.id,
            "enable_deletion_protection",
            &x.deletion_protection,
            false,
            |v| *v,
            "deletion protection is not enabled",
        );
    }
}
