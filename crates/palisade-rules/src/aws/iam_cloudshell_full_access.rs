//! PAL-IAM-016: AWSCloudShellFullAccess managed policy is attached.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-016",
    title: "AWSCloudShellFullAccess managed policy is attached",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.22"]),
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
        what: "Checks for the AWS managed policy `AWSCloudShellFullAccess` attached to roles, users or groups.",
        why: "CloudShell full access allows uploading and downloading files and running tools from inside the account, a ready-made exfiltration channel.",
        fix: "Detach `AWSCloudShellFullAccess`; grant a narrower CloudShell policy without file transfer if it is needed.",
        refs: &[
            "https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
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
        - arn:aws:iam::aws:policy/AWSCloudShellFullAccess
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
        - arn:aws:iam::aws:policy/ReadOnlyAccess
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
            &a.ends_with_any(&[":policy/AWSCloudShellFullAccess"]),
            true,
            |attached| !*attached,
            "AWSCloudShellFullAccess is attached",
        );
    }
}
