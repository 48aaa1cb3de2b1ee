//! Service control policies read from Terraform and CloudFormation.

use std::path::Path;

use palisade_iam::{
    Decision, EstateOptions, IamModel, PolicyRefs, Request, estate_from_model, evaluate_refs,
    find_escalations,
};
use palisade_model::Model;

fn tf_with(text: &str, account: &str) -> IamModel {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), text).expect("write");
    let parsed =
        palisade_terraform::load(dir.path(), &[dir.path().to_path_buf()], &Default::default());
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let root = dir.path().to_path_buf();
    let read = move |p: &str| std::fs::read_to_string(Path::new(&root).join(p)).ok();
    let opts = EstateOptions {
        account: account.into(),
        ..Default::default()
    };
    estate_from_model(&model, &opts, &read)
}

fn tf(text: &str) -> IamModel {
    tf_with(text, "123456789012")
}

fn cfn(text: &str) -> IamModel {
    let parsed = palisade_cloudformation::parse("t.yaml".into(), text);
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let read = |p: &str| (p == "t.yaml").then(|| text.to_string());
    estate_from_model(&model, &EstateOptions::default(), &read)
}

fn decide(m: &IamModel, who: &str, action: &str, resource: &str) -> Decision {
    let k = m.find_principal(who).expect("principal");
    let p = &m.estate.principals[k];
    let refs = PolicyRefs {
        identity: p.identity.iter().collect(),
        resource: None,
        boundary: p.boundary.as_ref(),
        scps: m.estate.scps.iter().collect(),
        session: None,
    };
    evaluate_refs(&Request::new(&p.arn, action, resource), &refs).decision
}

const ADMIN_ROLE: &str = r#"
resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "all"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}
"#;

const DENY_S3_DELETE: &str = r#"
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "no_delete" {
  name    = "no-delete"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "NoDelete", Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.no_delete.id
  target_id = aws_organizations_organization.org.roots[0].id
}
"#;

#[test]
fn terraform_scp_deny_stops_an_allow() {
    let m = tf(&format!("{ADMIN_ROLE}{DENY_S3_DELETE}"));
    assert_eq!(m.estate.scps.len(), 1, "one level (the root)");
    assert_eq!(
        decide(&m, "ops", "s3:DeleteBucket", "arn:aws:s3:::b"),
        Decision::ExplicitDeny
    );
    // FullAWSAccess is assumed beside a deny-only SCP: other actions stay allowed.
    assert_eq!(
        decide(&m, "ops", "s3:GetObject", "arn:aws:s3:::b/k"),
        Decision::Allowed
    );
}

#[test]
fn unattached_and_other_type_policies_do_not_apply() {
    let text = format!(
        r#"{ADMIN_ROLE}
resource "aws_organizations_policy" "loose" {{
  name    = "loose"
  content = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Deny", Action = "*", Resource = "*" }}] }})
}}
resource "aws_organizations_policy" "tags" {{
  name    = "tags"
  type    = "TAG_POLICY"
  content = "{{}}"
}}
resource "aws_organizations_policy_attachment" "tags" {{
  policy_id = aws_organizations_policy.tags.id
  target_id = "r-abcd"
}}
"#
    );
    let m = tf(&text);
    assert!(m.estate.scps.is_empty());
    assert_eq!(
        decide(&m, "ops", "ec2:RunInstances", "*"),
        Decision::Allowed
    );
}

const ACCOUNT_SCP: &str = r#"
resource "aws_organizations_policy" "no_iam" {
  name    = "no-iam"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "NoIam", "Effect": "Deny", "Action": "iam:*", "Resource": "*"}
  ]
}
EOF
}

resource "aws_organizations_policy_attachment" "acct" {
  policy_id = aws_organizations_policy.no_iam.id
  target_id = "111111111111"
}
"#;

#[test]
fn account_attachment_applies_only_to_that_account() {
    let text = format!("{ADMIN_ROLE}{ACCOUNT_SCP}");
    let other = tf(&text);
    assert!(other.estate.scps.is_empty());
    assert_eq!(
        decide(&other, "ops", "iam:CreateUser", "*"),
        Decision::Allowed
    );
    let this = tf_with(&text, "111111111111");
    assert_eq!(this.estate.scps.len(), 1);
    assert_eq!(
        decide(&this, "ops", "iam:CreateUser", "*"),
        Decision::ExplicitDeny
    );
}

#[test]
fn scp_with_unknown_content_is_unknown() {
    let text = format!(
        r#"{ADMIN_ROLE}
variable "scp_json" {{}}
resource "aws_organizations_policy" "v" {{
  name    = "v"
  content = var.scp_json
}}
resource "aws_organizations_policy_attachment" "v" {{
  policy_id = aws_organizations_policy.v.id
  target_id = "ou-abcd-11111111"
}}
"#
    );
    let m = tf(&text);
    assert_eq!(m.estate.scps.len(), 1);
    assert!(m.estate.scps[0].broken.is_some());
    assert_eq!(
        decide(&m, "ops", "ec2:RunInstances", "*"),
        Decision::Unknown
    );
}

#[test]
fn allow_list_level_restricts_without_full_aws_access() {
    let text = format!(
        r#"{ADMIN_ROLE}
resource "aws_organizations_policy" "only_s3" {{
  name    = "only-s3"
  content = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Allow", Action = "s3:*", Resource = "*" }}] }})
}}
resource "aws_organizations_policy_attachment" "ou" {{
  policy_id = aws_organizations_policy.only_s3.id
  target_id = "ou-abcd-11111111"
}}
resource "aws_organizations_policy_attachment" "root" {{
  policy_id = "p-FullAWSAccess"
  target_id = "r-abcd"
}}
"#
    );
    let m = tf(&text);
    assert_eq!(m.estate.scps.len(), 2, "OU level and root level");
    assert_eq!(
        decide(&m, "ops", "s3:GetObject", "arn:aws:s3:::b/k"),
        Decision::Allowed
    );
    assert_eq!(
        decide(&m, "ops", "ec2:RunInstances", "*"),
        Decision::ImplicitDeny
    );
}

#[test]
fn scp_deny_stops_an_escalation_path() {
    let base = r#"
resource "aws_iam_user" "dev" {
  name = "dev"
}
resource "aws_iam_user_policy" "dev" {
  user   = aws_iam_user.dev.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = "*" }] })
}
"#;
    let m = tf(base);
    assert!(
        find_escalations(&m.estate)
            .iter()
            .any(|p| p.principal.ends_with(":user/dev")),
        "without the SCP, dev escalates"
    );
    let text = format!(
        r#"{base}
resource "aws_organizations_policy" "guard" {{
  name    = "guard"
  content = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Deny", Action = ["iam:Attach*", "iam:Put*"], Resource = "*" }}] }})
}}
resource "aws_organizations_policy_attachment" "guard" {{
  policy_id = aws_organizations_policy.guard.id
  target_id = "123456789012"
}}
"#
    );
    let m = tf(&text);
    assert_eq!(m.estate.scps.len(), 1);
    assert!(
        !find_escalations(&m.estate)
            .iter()
            .any(|p| p.principal.ends_with(":user/dev")),
        "the SCP deny stops the path"
    );
}

#[test]
fn cloudformation_scp_with_target_ids() {
    let t = r#"
Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      RoleName: admin
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Ou:
    Type: AWS::Organizations::OrganizationalUnit
    Properties:
      Name: workloads
      ParentId: r-abcd
  NoLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: no-leave
      Type: SERVICE_CONTROL_POLICY
      TargetIds:
        - !Ref Ou
      Content:
        Version: "2012-10-17"
        Statement:
          - Sid: NoLeave
            Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tags
      Type: TAG_POLICY
      TargetIds: [r-abcd]
      Content: {}
"#;
    let m = cfn(t);
    assert_eq!(m.estate.scps.len(), 1);
    assert_eq!(
        decide(&m, "Admin", "organizations:LeaveOrganization", "*"),
        Decision::ExplicitDeny
    );
    assert_eq!(
        decide(&m, "Admin", "ec2:RunInstances", "*"),
        Decision::Allowed
    );
}
