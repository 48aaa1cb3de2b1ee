//! PAL-IAM-015: AdministratorAccess managed policy is attached.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-015",
    title: "AdministratorAccess managed policy is attached",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.16"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &[
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role",
        "AWS::IAM::Role",
        "AWS::IAM::User",
        "AWS::IAM::Group",
    ],
    docs: Docs {
        what: "Checks for the AWS managed policies `AdministratorAccess` and `IAMFullAccess` attached to roles, users or groups.",
        why: "Both give full control of the account (IAMFullAccess by letting the holder grant itself anything); any compromise of the identity is a full takeover.",
        fix: "Attach job-function or custom least-privilege policies; keep administrator access behind break-glass roles with MFA.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMFullAccess
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for a in &cx.views.aws.iam.managed_attachments {
        // A partly-known ARN (`arn:${partition}:iam::aws:policy/...`) is
        // judged by its known pieces.
        out.judge(
            a.resource,
            &a.attr,
            &a.ends_with_any(&[":policy/AdministratorAccess", ":policy/IAMFullAccess"]),
            true,
            |attached| !*attached,
            "an administrator-equivalent managed policy is attached",
        );
    }
}
