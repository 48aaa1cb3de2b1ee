//! PAL-ECS-007: ECS service assigns public IP addresses to its tasks.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECS-007",
    title: "ECS service assigns public IP addresses to its tasks",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("pci-dss", &["1.4.1"]),
    ],
    resource_types: &["aws_ecs_service", "AWS::ECS::Service"],
    docs: Docs {
        what: "Checks ECS services in `awsvpc` network mode for `assign_public_ip = true` (Terraform `network_configuration`) or `AssignPublicIp: ENABLED` (CloudFormation `NetworkConfiguration.AwsvpcConfiguration`). The default, no public address, passes.",
        why: "Each task gets an address reachable from the internet: only its security groups stand between the containers and any scanner, and a permissive rule exposes every task directly.",
        fix: "Run the tasks in private subnets without public addresses (`assign_public_ip = false`, `AssignPublicIp: DISABLED`), reach the internet through a NAT gateway or VPC endpoints, and expose the service through a load balancer.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "main"
  task_definition = "api:3"
  launch_type     = "FARGATE"
  desired_count   = 2

  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    security_groups  = ["sg-0a1b2c3d"]
    assign_public_ip = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      TaskDefinition: api:3
      LaunchType: FARGATE
      DesiredCount: 2
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets:
            - subnet-0a1b2c3d
          SecurityGroups:
            - sg-0a1b2c3d
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "main"
  task_definition = "api:3"
  launch_type     = "FARGATE"
  desired_count   = 2

  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    security_groups  = ["sg-0a1b2c3d"]
    assign_public_ip = false
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      TaskDefinition: api:3
      LaunchType: FARGATE
      DesiredCount: 2
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
          Subnets:
            - subnet-0a1b2c3d
          SecurityGroups:
            - sg-0a1b2c3d
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.aws.ecs.services {
        out.judge(
            s.id,
            "network_configuration.assign_public_ip",
            &s.assign_public_ip,
            true,
            |public| !*public,
            "the service's tasks get public IP addresses",
        );
    }
}
