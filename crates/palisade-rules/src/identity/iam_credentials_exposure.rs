//! PAL-IAM-104: IAM policy allows creating or reading credentials on every resource.

use super::listed;
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

use super::{FRAMEWORKS, IDENTITY_TYPES, any_resource_rule};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-104",
    title: "IAM policy allows creating or reading credentials on every resource",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: FRAMEWORKS,
    resource_types: IDENTITY_TYPES,
    docs: Docs {
        what: "Checks identity policies for `Allow` statements with `Resource: \"*\"` whose actions create, return or reset credentials: `iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`, `iam:CreateServiceSpecificCredential`, `iam:ResetServiceSpecificCredential`, `iam:UploadSSHPublicKey`, `sts:GetFederationToken`, `ecr:GetAuthorizationToken`, `codeartifact:GetAuthorizationToken`, `redshift:GetClusterCredentials`, `redshift-serverless:GetCredentials`, `ec2-instance-connect:SendSSHPublicKey`, `cognito-identity:GetCredentialsForIdentity`, `sso:GetRoleCredentials`, `lightsail:GetInstanceAccessDetails`, `gamelift:GetInstanceAccess` (the credentials-exposure category used by Cloudsplaining).",
        why: "Credentials outlive the session that created them: a principal that can mint access keys, passwords, registry tokens or database credentials for any resource can hand them out or keep them after its own access is revoked.",
        fix: "Scope credential actions to the principal's own resources (`arn:aws:iam::111122223333:user/${aws:username}`), or remove them from workload roles.",
        refs: &[
            "https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/credentials-exposure.md",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "keys" {
  name = "keys"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Federate:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [sts:GetFederationToken]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "keys" {
  name = "keys"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey"]
      Resource = "arn:aws:iam::111122223333:user/ci-bot"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Federate:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [sts:GetCallerIdentity]
            Resource: "*"
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
        |a| listed(a, CREDENTIALS),
        "the credentials action",
    );
}

const CREDENTIALS: &[&str] = &[
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UploadSSHPublicKey",
    "sts:GetFederationToken",
    "ecr:GetAuthorizationToken",
    "codeartifact:GetAuthorizationToken",
    "redshift:GetClusterCredentials",
    "redshift-serverless:GetCredentials",
    "ec2-instance-connect:SendSSHPublicKey",
    "cognito-identity:GetCredentialsForIdentity",
    "sso:GetRoleCredentials",
    "lightsail:GetInstanceAccessDetails",
    "gamelift:GetInstanceAccess",
];
