//! PAL-IAM-004: IAM policies are attached directly to users.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-004",
    title: "IAM policies are attached directly to users",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.15"]),
        ("soc2", &["CC6.2", "CC6.3"]),
        ("hipaa", &["164.308(a)(4)(ii)(C)"]),
        ("nist-800-53", &["AC-2", "AC-6"]),
        ("pci-dss", &["7.2.1"]),
    ],
    resource_types: &[
        "aws_iam_user_policy",
        "aws_iam_user_policy_attachment",
        "aws_iam_policy_attachment",
        "AWS::IAM::User",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::UserPolicy",
    ],
    docs: Docs {
        what: "Checks for inline or managed policies attached directly to IAM users instead of through groups or roles.",
        why: "Permissions granted user by user drift apart and are rarely revoked when people change jobs; granting them through groups (or, better, federated roles) keeps access reviewable.",
        fix: "Attach the policy to a group and add the user to it, or move people to federated access through IAM Identity Center.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "alice_ro" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
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
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_group_policy_attachment" "readers_ro" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
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
      Groups:
        - readers
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for a in &cx.views.aws.iam.user_attachments {
        out.fail(
            a.resource,
            a.span.clone(),
            &a.attr,
            "a policy is attached directly to an IAM user",
        );
    }
    for u in &cx.views.aws.iam.users {
        if !cx
            .views
            .aws
            .iam
            .user_attachments
            .iter()
            .any(|a| a.resource == u.id)
        {
            out.pass(u.id, cx.model.get(u.id).span.clone(), "policies");
        }
    }
}
