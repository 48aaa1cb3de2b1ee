//! PAL-ECS-002: ECS task uses the host network mode.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-002",
    title: "ECS task uses the host network mode",
    severity: Severity::Medium,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.8"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AC-6", "CM-7"]),
        ("pci-dss", &["2.2.6"]),
    ],
    resource_types: &["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"],
    docs: Docs {
        what: "Checks ECS task definitions for `network_mode = \"host\"`.",
        why: "Host networking removes network isolation between the task and the host: the task can bind host ports, see host traffic and reach the instance metadata service directly.",
        fix: "Use `awsvpc` (each task its own ENI and security group) or `bridge`.",
        refs: &["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "host"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([{
    name      = "app"
    image     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2"
    essential = true
    readonlyRootFilesystem = true
  }])
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      NetworkMode: host
      ContainerDefinitions:
        - Name: app
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2
          Essential: true
          ReadonlyRootFilesystem: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([{
    name      = "app"
    image     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2"
    essential = true
    readonlyRootFilesystem = true
  }])
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      NetworkMode: awsvpc
      ContainerDefinitions:
        - Name: app
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2
          Essential: true
          ReadonlyRootFilesystem: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for t in &cx.views.aws.ecs.task_definitions {
        out.judge(
            t.id,
            "network_mode",
            &t.network_mode,
            true,
            |m| m != "host",
            "the task shares the host's network namespace",
        );
    }
}
