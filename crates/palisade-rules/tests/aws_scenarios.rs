//! AWS rules on realistic Terraform and CloudFormation: references inside
//! policy documents, `aws_iam_policy_document`, unresolved values.

use std::sync::Arc;

use palisade_engine::{Finding, Settings, Status, run_rules};
use palisade_model::{Model, Parsed};
use palisade_views::Views;

fn scan_tf(name: &str, code: &str) -> Vec<Finding> {
    let dir = std::env::temp_dir().join(format!("palisade-aws-scn-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("main.tf"), code).expect("write");
    let parsed = palisade_terraform::load(&dir, std::slice::from_ref(&dir), &Default::default());
    let _ = std::fs::remove_dir_all(&dir);
    run(parsed)
}

fn scan_cfn(code: &str) -> Vec<Finding> {
    run(palisade_cloudformation::parse(
        Arc::from("template.yaml"),
        code,
    ))
}

fn run(parsed: Parsed) -> Vec<Finding> {
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let views = Views::build(&model);
    run_rules(
        palisade_rules::aws::RULES,
        &model,
        &views,
        &Settings::default(),
    )
}

fn status(f: &[Finding], rule: &str, address: &str) -> Vec<Status> {
    f.iter()
        .filter(|x| x.rule_id == rule && x.resource.address == address)
        .map(|x| x.status)
        .collect()
}

/// `jsonencode` of a value with an unknown leaf (`${aws_s3_bucket.site.arn}`)
/// is unknown as a whole in the Terraform evaluator today, so the rule
/// reports unknown; it must never pass. Once the evaluator keeps the
/// structure (known principal, unknown resource) this becomes a failure.
#[test]
fn public_bucket_policy_with_references_is_never_a_pass() {
    let f = scan_tf(
        "refs",
        r#"
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.site.arn}/*"
    }]
  })
}
"#,
    );
    let st = status(&f, "PAL-S3-003", "aws_s3_bucket_policy.site");
    assert_eq!(st.len(), 1, "{f:#?}");
    // The jsonencode'd document stays structured with only the ARN unknown,
    // so the public grant is a confident failure.
    assert_eq!(st[0], Status::Fail, "{f:#?}");
}

#[test]
fn policy_document_data_source_is_read() {
    let f = scan_tf(
        "doc",
        r#"
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "open" {
  name               = "open"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"#,
    );
    assert_eq!(
        status(&f, "PAL-IAM-001", "aws_iam_policy.admin"),
        vec![Status::Fail],
        "{f:#?}"
    );
    assert_eq!(
        status(&f, "PAL-IAM-007", "aws_iam_role.open"),
        vec![Status::Fail]
    );
}

#[test]
fn unresolved_values_are_unknown_not_failures() {
    let f = scan_tf(
        "unknown",
        r#"
variable "cidr" {}
variable "encrypted" {}

resource "aws_security_group" "web" {
  name        = "web"
  description = "web"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted
}
"#,
    );
    assert_eq!(
        status(&f, "PAL-VPC-001", "aws_security_group.web"),
        vec![Status::Unknown],
        "{f:#?}"
    );
    assert_eq!(
        status(&f, "PAL-EC2-003", "aws_ebs_volume.data"),
        vec![Status::Unknown]
    );
    let u = f
        .iter()
        .find(|x| x.rule_id == "PAL-EC2-003")
        .and_then(|x| x.unknown_reason.clone())
        .unwrap_or_default();
    assert!(!u.is_empty());
}

#[test]
fn cloudformation_references_link_resources() {
    let f = scan_cfn(
        r#"
Parameters:
  Cidr:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Logs:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
  Ingress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Sg
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      CidrIp: 0.0.0.0/0
"#,
    );
    assert_eq!(
        status(&f, "PAL-VPC-010", "Vpc"),
        vec![Status::Pass],
        "{f:#?}"
    );
    assert_eq!(status(&f, "PAL-VPC-004", "Ingress"), vec![Status::Fail]);
}

#[test]
fn account_defaults_and_literal_names_are_honoured() {
    let f = scan_tf(
        "defaults",
        r#"
resource "aws_ebs_encryption_by_default" "on" {}

resource "aws_ec2_instance_metadata_defaults" "v2" {
  http_tokens = "required"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device {
    volume_size = 20
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = "acme-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-logs/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
"#,
    );
    assert_eq!(
        status(&f, "PAL-EC2-003", "aws_ebs_volume.data"),
        vec![Status::Pass],
        "{f:#?}"
    );
    assert_eq!(
        status(&f, "PAL-EC2-004", "aws_instance.web"),
        vec![Status::Pass]
    );
    assert_eq!(
        status(&f, "PAL-EC2-001", "aws_instance.web"),
        vec![Status::Pass]
    );
    assert_eq!(
        status(&f, "PAL-S3-007", "aws_s3_bucket.logs"),
        vec![Status::Pass]
    );
}

/// A managed policy ARN with unknown pieces (the partition from a data
/// source, the account id) is judged by its known text: it fails when the
/// known text names an administrator policy, passes when it rules every one
/// out, and stays unknown only when the policy name itself is unknown.
#[test]
fn partly_known_managed_policy_arns_are_decided_by_their_known_text() {
    let f = scan_tf(
        "partial-arns",
        r#"
data "aws_partition" "current" {}

variable "policy_name" {
  type = string
}

resource "aws_iam_role_policy_attachment" "cni" {
  role       = "node"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKS_CNI_Policy"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "node"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "named" {
  role       = "node"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${var.policy_name}"
}

resource "aws_iam_role" "node" {
  name                = "node"
  assume_role_policy  = "{}"
  managed_policy_arns = [
    "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSCloudShellFullAccess",
    "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess",
  ]
}
"#,
    );
    use Status::*;
    let cni = "aws_iam_role_policy_attachment.cni";
    let admin = "aws_iam_role_policy_attachment.admin";
    let named = "aws_iam_role_policy_attachment.named";
    let role = "aws_iam_role.node";
    assert_eq!(status(&f, "PAL-IAM-015", cni), [Pass]);
    assert_eq!(status(&f, "PAL-IAM-016", cni), [Pass]);
    assert_eq!(status(&f, "PAL-IAM-015", admin), [Fail]);
    assert_eq!(status(&f, "PAL-IAM-016", admin), [Pass]);
    assert_eq!(status(&f, "PAL-IAM-015", named), [Unknown]);
    assert_eq!(status(&f, "PAL-IAM-016", named), [Unknown]);
    // One result per list item: CloudShell fails, ReadOnlyAccess passes.
    assert_eq!(status(&f, "PAL-IAM-016", role), [Fail, Pass]);
    assert_eq!(status(&f, "PAL-IAM-015", role), [Pass, Pass]);

    let f = scan_cfn(
        r#"
Resources:
  Own:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:aws:iam::${AWS::AccountId}:policy/app-boundary
        - !Sub arn:aws:iam::${AWS::AccountId}:policy/AdministratorAccess
        - !ImportValue SharedPolicyArn
"#,
    );
    assert_eq!(status(&f, "PAL-IAM-015", "Own"), [Pass, Fail, Unknown]);
    assert_eq!(status(&f, "PAL-IAM-016", "Own"), [Pass, Pass, Unknown]);
}

/// A network ACL's rules are evaluated by number: an allow from the
/// internet behind a lower-numbered deny of the same ports (here both
/// administration ports, 22 and 3389) never matches.
#[test]
fn nacl_allow_shadowed_by_an_earlier_deny_is_not_open() {
    let acl = |deny_no: u32, allow_no: u32| {
        format!(
            r#"
resource "aws_network_acl" "main" {{
  vpc_id = "vpc-1"

  ingress {{
    rule_no    = {deny_no}
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 3389
  }}

  ingress {{
    rule_no    = {allow_no}
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 65535
  }}
}}
"#
        )
    };
    let shadowed = scan_tf("nacl-shadowed", &acl(100, 200));
    let st = status(&shadowed, "PAL-VPC-008", "aws_network_acl.main");
    assert!(!st.is_empty(), "{shadowed:#?}");
    assert!(st.iter().all(|s| *s == Status::Pass), "{st:?}");
    let open = scan_tf("nacl-open", &acl(300, 200));
    assert!(status(&open, "PAL-VPC-008", "aws_network_acl.main").contains(&Status::Fail));
    // A deny of port 22 alone leaves 3389 open.
    let partial = scan_tf(
        "nacl-partial",
        &acl(100, 200).replace("to_port    = 3389", "to_port    = 22"),
    );
    assert!(status(&partial, "PAL-VPC-008", "aws_network_acl.main").contains(&Status::Fail));

    // Separate CloudFormation entries, linked to their ACL by reference.
    let cfn = |deny_no: u32| {
        format!(
            r#"Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: vpc-1
  DenySsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: {deny_no}
      Protocol: 6
      RuleAction: deny
      CidrBlock: 0.0.0.0/0
      PortRange: {{ From: 22, To: 3389 }}
  AllowAll:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 200
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {{ From: 0, To: 65535 }}
"#
        )
    };
    let f = scan_cfn(&cfn(100));
    assert!(
        status(&f, "PAL-VPC-008", "AllowAll")
            .iter()
            .all(|s| *s == Status::Pass),
        "{f:#?}"
    );
    let f = scan_cfn(&cfn(300));
    assert!(status(&f, "PAL-VPC-008", "AllowAll").contains(&Status::Fail));
}
