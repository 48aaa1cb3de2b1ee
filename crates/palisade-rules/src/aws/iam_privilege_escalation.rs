//! PAL-IAM-011: IAM policy allows privilege escalation actions on any resource.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::wildcard_match;

use super::common::{V, allow_or, each_policy, identity};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-011",
    title: "IAM policy allows privilege escalation actions on any resource",
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
        what: "Checks identity policies for `Allow` statements that grant, on resource `*`, IAM actions that let a principal raise its own privileges: `iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`, `iam:AttachUserPolicy`, `iam:AttachRolePolicy`, `iam:AttachGroupPolicy`, `iam:PutUserPolicy`, `iam:PutRolePolicy`, `iam:PutGroupPolicy`, `iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`, `iam:UpdateAssumeRolePolicy`, `iam:AddUserToGroup`. A bare `*` action is reported by PAL-IAM-001 instead.",
        why: "Each of these actions lets the holder give itself (or a principal it controls) more permissions, so the policy is effectively administrative.",
        fix: "Remove these actions, or restrict them to specific resources and add permission boundaries.",
        refs: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "selfservice" {
  name = "selfservice"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:AttachUserPolicy", "iam:ListUsers"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  SelfService:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:PutRolePolicy]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "viewer" {
  name = "viewer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:ListUsers", "iam:GetUser"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Viewer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:ListRoles]
            Resource: "*"
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
            return match &st.resources.unknown {
                Some((w, s)) if st.actions.values.iter().any(|(a, _)| escalates(a)) => {
                    V::Unknown(w.clone(), s.clone())
                }
                _ => V::Pass,
            };
        }
        match st.actions.values.iter().find(|(a, _)| escalates(a)) {
            Some((a, s)) => V::Fail(
                s.clone(),
                format!("`{a}` on every resource lets the holder escalate its privileges"),
            ),
            None => match &st.actions.unknown {
                Some((w, s)) => V::Unknown(w.clone(), s.clone()),
                None => V::Pass,
            },
        }
    });
}

const ESCALATION: &[&str] = &[
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachUserPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachGroupPolicy",
    "iam:PutUserPolicy",
    "iam:PutRolePolicy",
    "iam:PutGroupPolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
];

fn escalates(action: &str) -> bool {
    action != "*" && ESCALATION.iter().any(|e| wildcard_match(action, e))
}
