//! PAL-ECS-003: ECS task shares the host process namespace.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-003",
    title: "ECS task shares the host process namespace",
    severity: Severity::High,
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
        what: "Checks ECS task definitions for `pid_mode = \"host\"`.",
        why: "With the host PID namespace the containers see and can signal or trace every process on the host, including other tasks and the agent.",
        fix: "Remove `pid_mode` or use `task`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "bridge"
  cpu                      = 256
  memory                   = 512
  pid_mode                 = "host"
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
      NetworkMode: bridge
      PidMode: host
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
  network_mode             = "bridge"
  cpu                      = 256
  memory                   = 512
  pid_mode                 = "task"
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
      NetworkMode: bridge
      PidMode: task
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
            "pid_mode",
            &t.pid_mode,
            true,
            |m| m != "host",
            "the task shares the host's process namespace",
        );
    }
}
