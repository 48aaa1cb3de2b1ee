//! PAL-ECS-004: ECS container has secrets in plain environment variables.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-ECS-004",
    title: "ECS container has secrets in plain environment variables",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("pci-dss", &["8.3.2"]),
    ],
    resource_types: &["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"],
    docs: Docs {
        what: "Checks ECS container `environment` entries whose name looks like a credential (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `CREDENTIAL`) and whose value is a literal, and values shaped like AWS access key ids.",
        why: "Plain environment values are stored in the task definition, visible to anyone who can describe it, and copied into every revision.",
        fix: "Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's `secrets` list.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
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
    readonlyRootFilesystem = true
    environment = [{ name = "DB_PASSWORD", value = "hunter2-prod" }]
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
          Environment:
            - Name: API_TOKEN
              Value: sk_live_1234567890
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
    environment = [{ name = "LOG_LEVEL", value = "info" }]
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db" }]
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
          Secrets:
            - Name: API_TOKEN
              ValueFrom: arn:aws:ssm:eu-west-1:111122223333:parameter/api-token
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
            let attr = format!("{}.environment", c.attr);
            let hit = c.env.iter().find(|(name, v)| match v {
                Tri::Known(v, _) => (secret_name(name) && literal(v)) || access_key_id(v),
                _ => false,
            });
            match hit {
                Some((name, v)) => {
                    out.fail(
                        t.id,
                        v.span().clone(),
                        &attr,
                        format!("environment variable `{name}` holds a literal secret"),
                    );
                }
                None => {
                    out.pass(t.id, c.span.clone(), &attr);
                }
            }
        }
    }
}

fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "password",
        "passwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "private_key",
        "access_key",
        "credential",
    ]
    .iter()
    .any(|k| n.contains(k))
        && !n.ends_with("_arn")
        && !n.ends_with("_name")
        && !n.ends_with("_id")
        && !n.ends_with("_path")
}

fn literal(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && !v.starts_with("arn:") && !v.starts_with("{{resolve:") && !v.starts_with('/')
}

fn access_key_id(v: &str) -> bool {
    let v = v.trim();
    v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}
