//! PAL-SAGE-009: SageMaker Studio domain has direct internet access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-009",
    title: "SageMaker Studio domain has direct internet access",
    severity: Severity::High,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-6", "SC-7"]),
        ("pci-dss", &["1.4.1"]),
    ],
    resource_types: &["aws_sagemaker_domain", "AWS::SageMaker::Domain"],
    docs: Docs {
        what: "Checks SageMaker Studio domains for `app_network_access_type = \"VpcOnly\"`; the default `PublicInternetOnly` gives every Studio app direct internet access.",
        why: "Studio apps with direct internet access can exfiltrate data and models and pull arbitrary code outside your network controls.",
        fix: "Set `app_network_access_type = \"VpcOnly\"` and provide VPC endpoints or a NAT with egress filtering.",
        refs: &[
            "https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Studio:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: studio
      AuthMode: IAM
      VpcId: vpc-0123456789abcdef0
      SubnetIds: [subnet-0123456789abcdef0]
      DefaultUserSettings:
        ExecutionRole: arn:aws:iam::111122223333:role/sagemaker
      AppNetworkAccessType: PublicInternetOnly
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  app_network_access_type = "VpcOnly"
  kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Studio:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: studio
      AuthMode: IAM
      VpcId: vpc-0123456789abcdef0
      SubnetIds: [subnet-0123456789abcdef0]
      DefaultUserSettings:
        ExecutionRole: arn:aws:iam::111122223333:role/sagemaker
      AppNetworkAccessType: VpcOnly
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.sagemaker.domains {
        out.judge(
            x.id,
            "app_network_access_type",
            &x.network_access,
            false,
            |v| v == "VpcOnly",
            "Studio apps have direct internet access",
        );
    }
}
