//! PAL-IAM-018: IAM policy allows assuming any role.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::wildcard_match;

use super::common::{V, allow_or, each_policy, identity};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-018",
    title: "IAM policy allows assuming any role",
    severity: Severity::Medium,
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
        what: "Checks identity policies for `Allow` statements granting `sts:AssumeRole` on resource `*`. A bare `*` action is reported by PAL-IAM-001 instead.",
        why: "The holder can assume every role whose trust policy trusts the account, so its effective permissions are the union of all of them.",
        fix: "List the role ARNs the principal needs to assume.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "hopper" {
  name = "hopper"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Hopper:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "hopper" {
  name = "hopper"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = "arn:aws:iam::111122223333:role/deploy"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Hopper:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: arn:aws:iam::111122223333:role/deploy
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
        if st.all_resources().is_none() {
            return V::Pass;
        }
        match st
            .actions
            .values
            .iter()
            .find(|(a, _)| a != "*" && wildcard_match(a, "sts:AssumeRole"))
        {
            Some((a, s)) => V::Fail(s.clone(), format!("`{a}` is allowed on every role")),
            None => match &st.actions.unknown {
                Some((w, s)) => V::Unknown(w.clone(), s.clone()),
                None => V::Pass,
            },
        }
    });
}
