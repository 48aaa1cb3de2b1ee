//! Model → identity estate extraction on Terraform and CloudFormation.

use std::path::Path;

use palisade_iam::{
    Decision, EstateOptions, IamModel, PolicyRefs, Request, estate_from_model, evaluate_refs,
    find_escalations,
};
use palisade_model::Model;

fn tf(text: &str) -> IamModel {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), text).expect("write");
    let parsed =
        palisade_terraform::load(dir.path(), &[dir.path().to_path_buf()], &Default::default());
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let root = dir.path().to_path_buf();
    let read = move |p: &str| std::fs::read_to_string(Path::new(&root).join(p)).ok();
    estate_from_model(&model, &EstateOptions::default(), &read)
}

fn cfn(text: &str) -> IamModel {
    let parsed = palisade_cloudformation::parse("t.yaml".into(), text);
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let read = |p: &str| (p == "t.yaml").then(|| text.to_string());
    estate_from_model(&model, &EstateOptions::default(), &read)
}

fn decide(m: &IamModel, who: &str, action: &str, resource: &str) -> (Decision, Vec<u32>) {
    let k = m.find_principal(who).expect("principal");
    let p = &m.estate.principals[k];
    let mut identity: Vec<_> = p.identity.iter().collect();
    for g in &p.groups {
        let g = m.estate.groups.iter().find(|x| &x.arn == g).expect("group");
        identity.extend(g.identity.iter());
    }
    let rp = m.resource_policy(resource);
    let refs = PolicyRefs {
        identity,
        resource: rp.as_ref(),
        boundary: p.boundary.as_ref(),
        scps: vec![],
        session: None,
    };
    let e = evaluate_refs(&Request::new(&p.arn, action, resource), &refs);
    (
        e.decision,
        e.statements.iter().map(|s| s.span.start_line).collect(),
    )
}

const TF: &str = r#"resource "aws_iam_role" "app" {
  name = "app"
  path = "/svc/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  permissions_boundary = aws_iam_policy.boundary.arn
  inline_policy {
    name = "inline"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect = "Allow"
          Action = "sqs:*"
          Resource = "*"
        },
        {
          Effect = "Deny"
          Action = "sqs:DeleteQueue"
          Resource = "*"
        },
      ]
    })
  }
}

resource "aws_iam_policy" "boundary" {
  name = "boundary"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["sqs:*", "s3:*"], "Resource": "*"}
  ]
}
EOF
}

resource "aws_iam_policy" "s3" {
  name   = "s3"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "s3" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.s3.arn
}

resource "aws_iam_role_policy_attachment" "ec2" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_group" "devs" {
  name = "devs"
}

resource "aws_iam_group_membership" "devs" {
  name  = "devs"
  group = aws_iam_group.devs.name
  users = [aws_iam_user.bob.name]
}

resource "aws_iam_group_policy_attachment" "devs" {
  group      = aws_iam_group.devs.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"
}

resource "aws_sqs_queue" "q" {
  name = "orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:user/bob" }, Action = "sqs:SendMessage", Resource = "*" }]
  })
}
"#;

#[test]
fn terraform_roles_users_groups_and_policies() {
    let m = tf(TF);
    let k = m
        .find_principal("aws_iam_role.app")
        .expect("role by address");
    assert_eq!(
        m.principals[k].arn,
        "arn:aws:iam::123456789012:role/svc/app"
    );
    assert_eq!(
        m.find_principal("arn:aws:iam::123456789012:role/svc/app"),
        Some(k)
    );
    let p = &m.estate.principals[k];
    assert!(p.trust.is_some(), "trust policy");
    assert!(
        p.boundary.as_ref().is_some_and(|b| b.broken.is_none()),
        "boundary resolved by reference: {:?}",
        p.boundary.as_ref().map(|b| &b.broken)
    );
    assert!(
        p.managed_policy_arns
            .contains(&"arn:aws:iam::123456789012:policy/s3".to_string()),
        "{:?}",
        p.managed_policy_arns
    );
    assert!(
        p.managed_policy_arns
            .contains(&"arn:aws:iam::aws:policy/AmazonEC2FullAccess".to_string())
    );

    // Inline jsonencode: the statement lines are the `Effect` lines.
    let (d, lines) = decide(&m, "app", "sqs:SendMessage", "*");
    assert_eq!(d, Decision::Allowed);
    assert!(lines.contains(&15), "inline Allow at line 15: {lines:?}");
    // Heredoc boundary statement: exact line 35.
    assert!(
        lines.contains(&35),
        "boundary statement at line 35: {lines:?}"
    );
    let (d, lines) = decide(&m, "app", "sqs:DeleteQueue", "*");
    assert_eq!((d, lines), (Decision::ExplicitDeny, vec![20]));
    // AWS managed EC2 policy, but the boundary does not allow ec2.
    assert_eq!(
        decide(&m, "app", "ec2:RunInstances", "*").0,
        Decision::ImplicitDeny
    );
    // Customer managed policy attached by reference.
    assert_eq!(
        decide(&m, "app", "s3:GetObject", "arn:aws:s3:::b/k").0,
        Decision::Allowed
    );

    // Group membership brings the group's AWS managed policy.
    let b = m.find_principal("bob").expect("bob");
    assert_eq!(
        m.estate.principals[b].groups,
        vec!["arn:aws:iam::123456789012:group/devs".to_string()]
    );
    assert_eq!(
        decide(&m, "bob", "dynamodb:GetItem", "*").0,
        Decision::Allowed
    );
    // The queue policy grants bob directly.
    let q = "arn:aws:sqs:us-east-1:123456789012:orders";
    assert!(m.resource_policy(q).is_some());
    assert_eq!(m.resource_arn("aws_sqs_queue.q").as_deref(), Some(q));
    assert_eq!(decide(&m, "bob", "sqs:SendMessage", q).0, Decision::Allowed);
    assert_eq!(
        decide(&m, "bob", "sqs:DeleteQueue", q).0,
        Decision::ImplicitDeny
    );
}

#[test]
fn unknown_policies_make_decisions_unknown() {
    let m = tf(r#"variable "doc" {}
resource "aws_iam_user" "u" {
  name = "u"
}
resource "aws_iam_user_policy" "u" {
  user   = aws_iam_user.u.name
  policy = var.doc
}
"#);
    assert_eq!(decide(&m, "u", "s3:GetObject", "*").0, Decision::Unknown);
}

const CFN: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
      ManagedPolicyArns:
        - !Ref Managed
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: mp
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Iam
            Effect: Allow
            Action: iam:CreateUser
            Resource: "*"
          - Sid: Logs
            Effect: Allow
            Action: logs:PutLogEvents
            Resource: "*"
  User:
    Type: AWS::IAM::User
  Group:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: g
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:ListBucket
                Resource: "*"
  Add:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Group
      Users: [!Ref User]
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: reports
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: arn:aws:s3:::reports/*
            Condition: { Bool: { aws:SecureTransport: "false" } }
"#;

#[test]
fn cloudformation_roles_users_groups_and_policies() {
    let m = cfn(CFN);
    let r = m.find_principal("Role").expect("role");
    // PowerUserAccess boundary does not allow iam:CreateUser (NotAction iam:*).
    assert_eq!(
        decide(&m, "Role", "iam:CreateUser", "*").0,
        Decision::ImplicitDeny
    );
    let (d, lines) = decide(&m, "Role", "logs:PutLogEvents", "*");
    assert_eq!(d, Decision::Allowed);
    assert!(
        lines.contains(&25),
        "statement span from the YAML node: {lines:?}"
    );
    assert!(m.estate.principals[r].trust.is_some());
    let (d, lines) = decide(&m, "User", "s3:ListBucket", "arn:aws:s3:::reports");
    assert_eq!(d, Decision::Allowed, "through the group");
    assert_eq!(lines, vec![38]);
    assert!(
        m.resource_policy("arn:aws:s3:::reports/x").is_some(),
        "bucket policy governs objects"
    );
    assert!(m.resource_policy("arn:aws:s3:::other/x").is_none());
}

#[test]
fn passrole_lambda_escalation_from_terraform() {
    let m = tf(r#"resource "aws_iam_user" "dev" {
  name = "dev"
}
resource "aws_iam_user_policy" "dev" {
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]
      Resource = "*"
    }]
  })
}
resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
"#);
    let paths = find_escalations(&m.estate);
    let p = paths
        .iter()
        .find(|p| p.principal == "arn:aws:iam::123456789012:user/dev")
        .expect("path from dev");
    assert!(p.steps.iter().any(|s| s.technique.contains("lambda")));
    assert!(
        p.steps[0].grants.iter().any(|g| g.span.start_line == 9),
        "{:?}",
        p.steps[0].grants
    );
}
