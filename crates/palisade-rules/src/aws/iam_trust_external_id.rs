//! PAL-IAM-008: IAM role trusts another AWS account without an external ID.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::PolicyKind;

use super::common::{V, allow_or, each_policy};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-008",
    title: "IAM role trusts another AWS account without an external ID",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["aws_iam_role", "AWS::IAM::Role"],
    docs: Docs {
        what: "Checks role trust policies that allow an AWS account or IAM principal ARN to assume the role for a condition on `sts:ExternalId`, `aws:PrincipalOrgID` or `aws:PrincipalArn`, or an MFA requirement.",
        why: "A third party that assumes roles in many customers' accounts can be tricked into using its access against you (the confused-deputy problem) unless each trust demands the external ID you agreed with it.",
        fix: "Add `Condition: {StringEquals: {\"sts:ExternalId\": \"<agreed id>\"}}` to the trust statement, or restrict it to your organisation with `aws:PrincipalOrgID`.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "vendor" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Vendor:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: "999988887777"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "vendor" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "acme-7f3a" } }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Vendor:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: "999988887777"
            Condition:
              StringEquals:
                sts:ExternalId: acme-7f3a
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(
        cx,
        out,
        |p| p.kind == PolicyKind::Trust,
        |_, st| {
            if let Some(v) = allow_or(st) {
                return v;
            }
            let account = st.principals.values.iter().find(|(k, v, _)| {
                (k == "AWS" || k == "*") && v != "*" && (is_account(v) || v.starts_with("arn:aws"))
            });
            let Some((_, v, s)) = account else {
                return match &st.principals.unknown {
                    Some((w, s)) => V::Unknown(w.clone(), s.clone()),
                    None => V::Pass,
                };
            };
            if let Some((w, s)) = &st.condition_unknown {
                return V::Unknown(w.clone(), s.clone());
            }
            let guarded = st.conditions.iter().any(|c| {
                matches!(
                    c.key.as_str(),
                    "sts:externalid"
                        | "aws:principalorgid"
                        | "aws:principalarn"
                        | "aws:multifactorauthpresent"
                        | "aws:principalaccount"
                )
            });
            if guarded {
                V::Pass
            } else {
                V::Fail(
                    s.clone(),
                    format!("the role trusts `{v}` without an `sts:ExternalId` condition"),
                )
            }
        },
    );
}

fn is_account(v: &str) -> bool {
    v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit())
}
