//! PAL-IAM-003: IAM policy allows `iam:PassRole` on any role.

use super::common::{V, allow_or, each_policy, identity};
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-003",
    title: "IAM policy allows `iam:PassRole` on any role",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &[
        "aws_iam_policy",
        "aws_iam_role_policy",
        "aws_iam_user_policy",
        "aws_iam_group_policy",
        "aws_iam_role",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::Role",
        "AWS::IAM::User",
        "AWS::IAM::Group",
    ],
    docs: Docs {
        what: "Checks identity policies for `Allow` statements granting `iam:PassRole` (directly or through a wildcard) with resource `*`.",
        why: "`iam:PassRole` on `*` lets the holder hand any role, including administrative ones, to a service it controls (EC2, Lambda, Glue...), which is a classic privilege escalation path.",
        fix: "Restrict `iam:PassRole` to the ARNs of the roles the workload must pass, and add an `iam:PassedToService` condition.",
        refs: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "ec2:RunInstances"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Deployer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:PassRole]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = "arn:aws:iam::111122223333:role/app-instance"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Deployer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:PassRole]
            Resource: arn:aws:iam::111122223333:role/app-instance
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(cx, out, identity, |_, st| {
        if let Some(v) = allow_or(st) {
            return v;
        }
        let action = st.action_matching("iam:PassRole");
        let any = st.all_resources();
        match (action, any) {
            (Some((_, s)), Some(_)) => V::Fail(
                s.clone(),
                "the policy allows `iam:PassRole` on every role".into(),
            ),
            _ => match (&st.actions.unknown, &st.resources.unknown) {
                (Some((w, s)), _) if any.is_some() => V::Unknown(w.clone(), s.clone()),
                (_, Some((w, s))) if action.is_some() => V::Unknown(w.clone(), s.clone()),
                _ => V::Pass,
            },
        }
    });
}
