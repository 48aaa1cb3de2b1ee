//! PAL-ELB-001: Load balancer listener serves plain HTTP without redirecting to HTTPS.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-ELB-001",
    title: "Load balancer listener serves plain HTTP without redirecting to HTTPS",
    severity: Severity::High,
    category: Category::Network,
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
        "aws_elb",
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancing::LoadBalancer",
    ],
    docs: Docs {
        what: "Checks application and classic load balancer listeners using `HTTP` whose default action does not redirect to HTTPS.",
        why: "Traffic over plain HTTP (session cookies, credentials, personal data) can be read and altered by anyone on the path.",
        fix: "Serve HTTPS with an ACM certificate and make the HTTP listener's default action a redirect to HTTPS.",
        refs: &[
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

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
      Port: 80
      Protocol: HTTP
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
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
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
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Protocol: HTTPS
            Port: "443"
            StatusCode: HTTP_301
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for l in &cx.views.aws.elb.listeners {
        let attr = if l.attr.is_empty() {
            "protocol"
        } else {
            l.attr.as_str()
        };
        match &l.protocol {
            Tri::Known(p, _) if p == "HTTP" => {
                out.judge(
                    l.id,
                    attr,
                    &l.redirects_to_https,
                    false,
                    |v| *v,
                    "the listener serves plain HTTP",
                );
            }
            Tri::Unknown(w, s) => {
                out.unknown(
                    l.id,
                    s.clone(),
                    attr,
                    w.clone(),
                    "the listener may serve plain HTTP",
                );
            }
            other => {
                out.pass(l.id, other.span().clone(), attr);
            }
        }
    }
}
