//! PAL-IAM-105: IAM role trusts principals of any AWS account.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::{PolicyKind, Statement};

use super::FRAMEWORKS;
use crate::aws::common::{V, allow_or, each_policy};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-105",
    title: "IAM role trusts principals of any AWS account",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: FRAMEWORKS,
    resource_types: &["aws_iam_role", "AWS::IAM::Role"],
    docs: Docs {
        what: "Checks role trust policies for an `Allow` whose AWS principal has a wildcard account (`arn:aws:iam::*:root`, `arn:aws:iam::*:role/deploy`), or whose `*` principal is narrowed only by `aws:PrincipalArn` / `aws:PrincipalAccount` conditions that themselves match any account (`arn:aws:iam::*:role/deploy`, `*`). A bare `*` without any narrowing condition is PAL-IAM-007.",
        why: "A role name is not a secret: anyone can create a role called `deploy` in their own account. A trust policy that matches the role name in any account lets every AWS customer assume the role.",
        fix: "Name the trusted accounts explicitly (`arn:aws:iam::111122223333:role/deploy`), or add an `aws:PrincipalOrgID` condition that limits callers to your organization.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/deploy" } }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: "arn:aws:iam::*:root"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/deploy" } }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: "arn:aws:iam::111122223333:root"
"#,
            },
        ],
    },
    check,
};

/// The account field of an ARN-like principal, or the whole value.
fn any_account(v: &str) -> bool {
    if v.starts_with("arn:") {
        v.split(':').nth(4).is_some_and(|a| a.contains(['*', '?']))
    } else {
        v != "*"
            && v.contains(['*', '?'])
            && v.chars()
                .all(|c| c.is_ascii_digit() || c == '*' || c == '?')
    }
}

const ACCOUNT_KEYS: &[&str] = &["aws:principalarn", "aws:principalaccount"];

fn verdict(st: &Statement) -> V {
    if let Some(v) = allow_or(st) {
        return v;
    }
    if let Some((_, v, s)) = st
        .principals
        .values
        .iter()
        .find(|(k, v, _)| (k == "AWS" || k == "*") && any_account(v))
    {
        return V::Fail(
            s.clone(),
            format!("the role trusts `{v}`: a principal of any AWS account"),
        );
    }
    if let Some(s) = st.principals.public() {
        if let Some((w, cs)) = &st.condition_unknown {
            return V::Unknown(w.clone(), cs.clone());
        }
        let others = st
            .conditions
            .iter()
            .any(|c| !ACCOUNT_KEYS.contains(&c.key.as_str()) && !c.operator.starts_with("Null"));
        let acct: Vec<_> = st
            .conditions
            .iter()
            .filter(|c| ACCOUNT_KEYS.contains(&c.key.as_str()))
            .collect();
        if !others
            && !acct.is_empty()
            && acct.iter().all(|c| {
                !c.values.values.is_empty()
                    && c.values
                        .values
                        .iter()
                        .any(|(v, _)| v == "*" || any_account(v))
            })
        {
            let cs = acct
                .first()
                .and_then(|c| c.values.values.first())
                .map_or(s.clone(), |(_, s)| s.clone());
            return V::Fail(
                cs,
                "the role trusts `*` narrowed only by an account-wildcard `aws:PrincipalArn`/`aws:PrincipalAccount`: a principal of any AWS account".into(),
            );
        }
    }
    if let Some((w, s)) = &st.principals.opaque {
        return V::Unknown(w.clone(), s.clone());
    }
    V::Pass
}

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(
        cx,
        out,
        |p| p.kind == PolicyKind::Trust,
        |_, st| verdict(st),
    );
}
