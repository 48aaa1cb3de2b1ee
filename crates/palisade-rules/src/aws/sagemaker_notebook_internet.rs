//! PAL-SAGE-002: SageMaker notebook instance has direct internet access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-002",
    title: "SageMaker notebook instance has direct internet access",
    severity: Severity::High,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-6", "SC-7"]),
        ("pci-dss", &["1.4.1"]),
    ],
    resource_types: &[
        "aws_sagemaker_notebook_instance",
        "AWS::SageMaker::NotebookInstance",
    ],
    docs: Docs {
        what: "Checks SageMaker notebook instances for `direct_internet_access = \"Disabled\"` (with a VPC subnet); direct access is enabled by default.",
        why: "A notebook with direct internet access can exfiltrate training data and models, and pull arbitrary code, bypassing the VPC's controls.",
        fix: "Place the notebook in a private subnet (`subnet_id`), set `direct_internet_access = \"Disabled\"` and use VPC endpoints or a proxy.",
        refs: &[
            "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id              = "subnet-0123456789abcdef0"
  security_groups        = ["sg-0123456789abcdef0"]
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
      DirectInternetAccess: Enabled
      RootAccess: Disabled
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
            "direct_internet_access",
            &x.direct_internet,
            false,
            |v| v.eq_ignore_ascii_case("Disabled"),
            "the notebook instance has direct internet access",
        );
    }
}
