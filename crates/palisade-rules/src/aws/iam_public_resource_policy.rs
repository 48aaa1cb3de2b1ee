//! PAL-IAM-013: Resource-based policy grants access to everyone.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::PolicyKind;

use super::common::{each_policy, public_statement};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-013",
    title: "Resource-based policy grants access to everyone",
    severity: Severity::Critical,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-21"]),
        ("pci-dss", &["7.2.1", "1.4.1"]),
    ],
    resource_types: &[
        "aws_sqs_queue_policy",
        "aws_sns_topic_policy",
        "aws_ecr_repository_policy",
        "aws_secretsmanager_secret_policy",
        "aws_efs_file_system_policy",
        "aws_opensearch_domain",
        "aws_opensearch_domain_policy",
        "aws_elasticsearch_domain",
        "aws_elasticsearch_domain_policy",
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::ECR::Repository",
        "AWS::SecretsManager::ResourcePolicy",
        "AWS::EFS::FileSystem",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ],
    docs: Docs {
        what: "Checks resource-based policies of SQS queues, SNS topics, ECR repositories, Secrets Manager secrets, EFS file systems and OpenSearch/Elasticsearch domains (`access_policies`, `aws_*_domain_policy`, `AccessPolicies`) for an `Allow` to principal `*` with no condition narrowing the caller (source account, organisation, VPC endpoint, source IP...). Buckets and KMS keys have their own rules (PAL-S3-003, PAL-KMS-002).",
        why: "A resource policy that trusts `*` is readable (or writable) by any AWS account, and often anonymously.",
        fix: "Name the principals that need access, or add a condition such as `aws:PrincipalOrgID`, `aws:SourceAccount` or `aws:SourceVpce`.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:111122223333:events" } }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: "*"
            Condition:
              StringEquals:
                aws:SourceAccount: "111122223333"
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(
        cx,
        out,
        |p| {
            p.kind == PolicyKind::Resource
                && !p.rtype.contains("s3")
                && !p.rtype.contains("S3")
                && !p.rtype.contains("kms")
                && !p.rtype.contains("KMS")
        },
        |_, st| public_statement(st),
    );
}
