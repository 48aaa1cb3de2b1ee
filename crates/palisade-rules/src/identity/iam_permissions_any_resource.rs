//! PAL-IAM-102: IAM policy allows permissions-management actions on every resource.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_iam::AccessLevel;

use super::{FRAMEWORKS, IDENTITY_TYPES, any_resource_rule};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-102",
    title: "IAM policy allows permissions-management actions on every resource",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: FRAMEWORKS,
    resource_types: IDENTITY_TYPES,
    docs: Docs {
        what: "Checks identity policies for `Allow` statements with `Resource: \"*\"` whose actions include a *Permissions management* action (`s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `iam:UpdateAssumeRolePolicy`, `sqs:AddPermission`, `lambda:AddPermission`, `secretsmanager:PutResourcePolicy`...) as classified by the AWS Service Authorization Reference, when the action supports resource-level permissions.",
        why: "Permissions-management actions rewrite who may access a resource. On `*` they let the principal expose any bucket, key, queue or secret of the account to the world or to another account (resource exposure), or grant itself more power.",
        fix: "Grant permissions-management actions only on the specific resources the principal administers, or remove them and manage policies through a reviewed pipeline.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html",
            "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "bucket_admin" {
  name = "bucket_admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketPolicy"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  KeyAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [kms:PutKeyPolicy]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "bucket_admin" {
  name = "bucket_admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketPolicy"]
      Resource = "arn:aws:s3:::acme-logs"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  KeyAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [kms:PutKeyPolicy]
            Resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
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
        |a| a.access_level == AccessLevel::PermissionsManagement && !a.resource_types.is_empty(),
        "the permissions-management action",
    );
}
