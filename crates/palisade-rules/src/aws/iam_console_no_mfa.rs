//! PAL-IAM-006: IAM user has console access without an MFA device.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-006",
    title: "IAM user has console access without an MFA device",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.10"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("nist-800-53", &["IA-2"]),
        ("pci-dss", &["8.4.2"]),
    ],
    resource_types: &[
        "aws_iam_user",
        "aws_iam_user_login_profile",
        "AWS::IAM::User",
    ],
    docs: Docs {
        what: "Checks IAM users that get a console password (`aws_iam_user_login_profile`, `LoginProfile`) for an MFA device declared for them (`AWS::IAM::VirtualMFADevice`).",
        why: "A console password alone is phished or guessed; MFA is the control that stops a stolen password from becoming a console session.",
        fix: "Move people to IAM Identity Center (which enforces MFA), or declare a virtual MFA device for the user and enforce MFA with an `aws:MultiFactorAuthPresent` deny policy.",
        refs: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      LoginProfile:
        Password: "{{resolve:secretsmanager:alice-initial}}"
        PasswordResetRequired: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_user" "bot" {
  name = "deploy-bot"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      LoginProfile:
        Password: "{{resolve:secretsmanager:alice-initial}}"
  AliceMfa:
    Type: AWS::IAM::VirtualMFADevice
    Properties:
      Users:
        - !Ref Alice
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for u in &cx.views.aws.iam.users {
        match &u.login_profile {
            Some((id, span)) if !u.mfa_device => {
                out.fail(
                    *id,
                    span.clone(),
                    "login_profile",
                    "the user can sign in to the console and no MFA device is declared",
                );
            }
            _ => {
                out.pass(u.id, cx.model.get(u.id).span.clone(), "login_profile");
            }
        }
    }
}
