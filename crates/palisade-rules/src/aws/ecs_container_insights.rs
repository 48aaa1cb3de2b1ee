//! PAL-ECS-006: ECS cluster does not enable Container Insights.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-006",
    title: "ECS cluster does not enable Container Insights",
    severity: Severity::Low,
    category: Category::Logging,
    frameworks: &[("soc2", &["CC7.2"]), ("nist-800-53", &["AU-12", "SI-4"])],
    resource_types: &["aws_ecs_cluster", "AWS::ECS::Cluster"],
    docs: Docs {
        what: "Checks ECS clusters for the `containerInsights` setting `enabled` (or `enhanced`).",
        why: "Container Insights collects per-task metrics and events that reveal crypto-mining, crash loops and unexpected restarts.",
        fix: "Add `setting { name = \"containerInsights\", value = \"enabled\" }`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_cluster" "main" {
  name = "main"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: main
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_cluster" "main" {
  name = "main"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: main
      ClusterSettings:
        - Name: containerInsights
          Value: enabled
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for c in &cx.views.aws.ecs.clusters {
        out.judge(
            c.id,
            "setting",
            &c.container_insights,
            false,
            |v| *v,
            "Container Insights is not enabled",
        );
    }
}
