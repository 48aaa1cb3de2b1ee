//! PAL-IAM-103: IAM policy allows data-exfiltration actions on every resource.

use super::listed;
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

use super::{FRAMEWORKS, IDENTITY_TYPES, any_resource_rule};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-103",
    title: "IAM policy allows data-exfiltration actions on every resource",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: FRAMEWORKS,
    resource_types: IDENTITY_TYPES,
    docs: Docs {
        what: "Checks identity policies for `Allow` statements with `Resource: \"*\"` whose actions read data out of a store: `s3:GetObject`, `s3:GetObjectVersion`, `dynamodb:GetItem`/`BatchGetItem`/`Query`/`Scan`, `rds-data:ExecuteStatement`, `ec2:GetPasswordData`, `lambda:GetFunction`, `sqs:ReceiveMessage`, `kinesis:GetRecords`, `logs:GetLogEvents`, `secretsmanager:BatchGetSecretValue`, `ssm:GetParameterHistory`, including through wildcards such as `s3:Get*`. Secrets, parameters and `kms:Decrypt` are PAL-IAM-017.",
        why: "These actions copy data out. Allowed on every resource they let one compromised workload read every bucket, table and log group of the account.",
        fix: "Scope data-read actions to the ARNs the workload needs (`arn:aws:s3:::acme-reports/*`).",
        refs: &[
            "https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/data-exfiltration.md",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["dynamodb:Scan"]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::acme-reports/*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["dynamodb:Scan"]
            Resource: arn:aws:dynamodb:eu-west-1:111122223333:table/orders
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    any_resource_rule(cx, out, |a| listed(a, EXFIL), "the data-read action");
}

const EXFIL: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "rds-data:ExecuteStatement",
    "ec2:GetPasswordData",
    "lambda:GetFunction",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "logs:GetLogEvents",
    "secretsmanager:BatchGetSecretValue",
    "ssm:GetParameterHistory",
];
