//! PAL-SAGE-001: SageMaker notebook instance gives users root access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-001",
    title: "SageMaker notebook instance gives users root access",
    severity: Severity::Medium,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-6", "CM-7"]),
        ("pci-dss", &["7.2.1", "2.2.6"]),
    ],
    resource_types: &[
        "aws_sagemaker_notebook_instance",
        "AWS::SageMaker::NotebookInstance",
    ],
    docs: Docs {
        what: "Checks SageMaker notebook instances for `root_access = \"Disabled\"`; root access is enabled by default.",
        why: "Root on the notebook lets any user change its networking, install tooling, read other users' files and tamper with lifecycle scripts.",
        fix: "Set `root_access = \"Disabled\"` and install packages through lifecycle configurations.",
        refs: &["https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id              = "subnet-0123456789abcdef0"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Disabled"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Research:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      InstanceType: ml.t3.medium
      SubnetId: subnet-0123456789abcdef0
      SecurityGroupIds: [sg-0123456789abcdef0]
      DirectInternetAccess: Disabled
      RootAccess: Enabled
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id              = "subnet-0123456789abcdef0"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Research:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      InstanceType: ml.t3.medium
      SubnetId: subnet-0123456789abcdef0
      SecurityGroupIds: [sg-0123456789abcdef0]
      DirectInternetAccess: Disabled
      RootAccess: Disabled
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.sagemaker.notebooks {
        out.judge(
            x.id,
            "root_access",
            &x.root_access,
            false,
            |v| v.eq_ignore_ascii_case("Disabled"),
            "users have root access on the notebook instance",
        );
    }
}
