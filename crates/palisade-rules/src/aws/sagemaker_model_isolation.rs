//! PAL-SAGE-006: SageMaker model container has network access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-006",
    title: "SageMaker model container has network access",
    severity: Severity::Medium,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-6", "SC-7"]),
        ("pci-dss", &["1.4.1"]),
    ],
    resource_types: &["aws_sagemaker_model", "AWS::SageMaker::Model"],
    docs: Docs {
        what: "Checks SageMaker models for `enable_network_isolation = true`.",
        why: "Model containers, often third-party or from a marketplace, can otherwise make outbound calls and leak the inference inputs they receive.",
        fix: "Set `enable_network_isolation = true`.",
        refs: &[
            "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
    model_data_url = "s3://acme-models/churn/model.tar.gz"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Churn:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::111122223333:role/sagemaker
      PrimaryContainer:
        Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
        ModelDataUrl: s3://acme-models/churn/model.tar.gz
      VpcConfig:
        Subnets: [subnet-0123456789abcdef0]
        SecurityGroupIds: [sg-0123456789abcdef0]
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker"
  enable_network_isolation = true

  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
    model_data_url = "s3://acme-models/churn/model.tar.gz"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Churn:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::111122223333:role/sagemaker
      PrimaryContainer:
        Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
        ModelDataUrl: s3://acme-models/churn/model.tar.gz
      EnableNetworkIsolation: true
      VpcConfig:
        Subnets: [subnet-0123456789abcdef0]
        SecurityGroupIds: [sg-0123456789abcdef0]
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.sagemaker.models {
        out.judge(
            x.id,
            "enable_network_isolation",
            &x.network_isolation,
            false,
            |v| *v,
            "the model container is not network-isolated",
        );
    }
}
