//! PAL-VPC-010: VPC flow logs are not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-010",
    title: "VPC flow logs are not enabled",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.7"]),
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-12", "SI-4"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &[
        "aws_vpc",
        "aws_flow_log",
        "AWS::EC2::VPC",
        "AWS::EC2::FlowLog",
    ],
    docs: Docs {
        what: "Checks that every VPC has a flow log that refers to it (`aws_flow_log.vpc_id`, `AWS::EC2::FlowLog.ResourceId`).",
        why: "Flow logs are the only record of which hosts talked to which; without them lateral movement and exfiltration cannot be traced.",
        fix: "Add an `aws_flow_log` for the VPC capturing `ALL` traffic to CloudWatch Logs or S3.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  MainFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Main
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::acme-flow-logs
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for v in &cx.views.aws.ec2.vpcs {
        out.judge(
            v.id,
            "flow_log",
            &v.flow_logs,
            false,
            |x| *x,
            "the VPC has no flow log",
        );
    }
}
