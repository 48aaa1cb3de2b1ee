//! PAL-ECS-005: ECS container root filesystem is writable.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-005",
    title: "ECS container root filesystem is writable",
    severity: Severity::Low,
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
        what: "Checks ECS task definition containers for `readonlyRootFilesystem = true`.",
        why: "A writable root filesystem lets an attacker who gets code execution persist tools and modify binaries inside the container.",
        fix: "Set `readonlyRootFilesystem = true` and mount volumes for the paths that must be writable.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage",
        ],
        failing: &[
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
        if let Some((w, s)) = &t.containers_unknown {
            out.unknown(
                t.id,
                s.clone(),
                "container_definitions",
                w.clone(),
                "container definitions could not be read",
            );
        }
        for c in &t.containers {
            let attr = format!("{}.readonly_root", c.attr);
            out.judge(
                t.id,
                &attr,
                &c.readonly_root,
                false,
                |v| *v,
                "the container's root filesystem is writable",
            );
        }
    }
}
