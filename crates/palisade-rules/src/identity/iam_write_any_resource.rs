//! PAL-IAM-101: IAM policy allows write actions on every resource.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_iam::AccessLevel;

use super::{FRAMEWORKS, IDENTITY_TYPES, any_resource_rule};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-101",
    title: "IAM policy allows write actions on every resource",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: FRAMEWORKS,
    resource_types: IDENTITY_TYPES,
    docs: Docs {
        what: "Checks identity policies for `Allow` statements with `Resource: \"*\"` whose actions include a *Write* action (access level from the AWS Service Authorization Reference) that supports resource-level permissions. Actions that only accept `*` are not flagged; the bare `*` action is PAL-IAM-001.",
        why: "A write action on `*` can modify or delete every resource of that type in the account, not only the ones the workload owns: one leaked credential or one bug reaches everything.",
        fix: "Scope `Resource` to the ARNs the workload writes to (`arn:aws:sqs:eu-west-1:111122223333:orders`), or use a condition on tags.",
        refs: &[
            "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "queue_writer" {
  name = "queue_writer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage", "sqs:DeleteMessage"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  QueueWriter:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "queue_writer" {
  name = "queue_writer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage", "sqs:DeleteMessage"]
      Resource = "arn:aws:sqs:eu-west-1:111122223333:orders"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  QueueWriter:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage]
            Resource: arn:aws:sqs:eu-west-1:111122223333:orders
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    any_resource_rule(
        cx,
        out,
        |a| a.access_level == AccessLevel::Write && !a.resource_types.is_empty(),
        "the write action",
    );
}
