//! PAL-ECS-001: ECS container runs privileged.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-001",
    title: "ECS container runs privileged",
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
        what: "Checks ECS task definition containers for `privileged = true`.",
        why: "A privileged container has every Linux capability and access to host devices: escaping to the host (and every other task on it) is trivial.",
        fix: "Remove `privileged`; grant only the specific capabilities needed with `linuxParameters.capabilities.add`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
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
  container_definitions = jsonencode([{
    name      = "app"
    image     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2"
    essential = true
    readonlyRootFilesystem = true
    privileged             = true
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
      ContainerDefinitions:
        - Name: app
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2
          Essential: true
          ReadonlyRootFilesystem: true
          Privileged: true
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
            let attr = format!("{}.privileged", c.attr);
            out.judge(
                t.id,
                &attr,
                &c.privileged,
                true,
                |v| !*v,
                "the container runs privileged",
            );
        }
    }
}
