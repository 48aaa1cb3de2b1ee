//! PAL-SAGE-003: SageMaker notebook instance storage is not encrypted with a KMS key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-003",
    title: "SageMaker notebook instance storage is not encrypted with a KMS key",
    severity: Severity::Medium,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &[
        "aws_sagemaker_notebook_instance",
        "AWS::SageMaker::NotebookInstance",
    ],
    docs: Docs {
        what: "Checks SageMaker notebook instances for `kms_key_id`.",
        why: "Notebook volumes hold datasets, credentials and experiment outputs; a customer-managed key controls and audits access to them.",
        fix: "Set `kms_key_id` to a customer-managed key.",
        refs: &["https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html"],
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
  root_access            = "Disabled"
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
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the notebook storage is not encrypted with a customer-managed KMS key",
        );
    }
}
