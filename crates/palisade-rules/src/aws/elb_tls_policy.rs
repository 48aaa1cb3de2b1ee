//! PAL-ELB-002: Load balancer listener allows TLS versions older than 1.2.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;
use palisade_views::aws::elb::modern_tls_policy;

pub static RULE: Rule = Rule {
    id: "PAL-ELB-002",
    title: "Load balancer listener allows TLS versions older than 1.2",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_lb_listener",
        "aws_alb_listener",
        "AWS::ElasticLoadBalancingV2::Listener",
    ],
    docs: Docs {
        what: "Checks HTTPS and TLS listeners for an `ssl_policy` that allows TLS 1.0 or 1.1 (anything other than the `TLS-1-2`, `TLS13-1-2`, `TLS13-1-3` and `FS-1-2` families). A listener without `ssl_policy` gets the service default, which is TLS 1.2+.",
        why: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS; they allow downgrade and weak-cipher attacks.",
        fix: "Use `ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"` (or a newer TLS 1.2+ policy).",
        refs: &[
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01
      Certificates:
        - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for l in cx
        .views
        .aws
        .elb
        .listeners
        .iter()
        .filter(|l| l.attr.is_empty())
    {
        match &l.protocol {
            Tri::Known(p, _) if p == "HTTPS" || p == "TLS" => {
                out.judge(
                    l.id,
                    "ssl_policy",
                    &l.ssl_policy,
                    true,
                    |p| modern_tls_policy(p),
                    "the TLS policy allows TLS 1.0 or 1.1",
                );
            }
            Tri::Unknown(w, s) => {
                out.unknown(
                    l.id,
                    s.clone(),
                    "ssl_policy",
                    w.clone(),
                    "the listener may allow old TLS versions",
                );
            }
            _ => {}
        }
    }
}
