//! PAL-SAGE-011: SageMaker job does not encrypt traffic between its containers.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-011",
    title: "SageMaker job does not encrypt traffic between its containers",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8", "SC-8(1)"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_sagemaker_data_quality_job_definition",
        "AWS::SageMaker::DataQualityJobDefinition",
        "AWS::SageMaker::ModelQualityJobDefinition",
        "AWS::SageMaker::ModelBiasJobDefinition",
        "AWS::SageMaker::ModelExplainabilityJobDefinition",
        "AWS::SageMaker::MonitoringSchedule",
    ],
    docs: Docs {
        what: "Checks SageMaker job definitions (data quality, model quality, bias and explainability monitoring jobs, and monitoring schedules) for `enable_inter_container_traffic_encryption = true` in their network configuration. Training jobs are started through the API or pipelines rather than declared as IaC resources; job definitions are where IaC sets the same controls.",
        why: "Distributed jobs exchange data, model weights and sometimes training records between instances; without inter-container traffic encryption that traffic crosses the VPC in clear text.",
        fix: "Set `enable_inter_container_traffic_encryption = true` in `network_config` (`EnableInterContainerTrafficEncryption: true`).",
        refs: &["https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_data_quality_job_definition" "drift" {
  name     = "drift"
  role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  network_config {
    enable_inter_container_traffic_encryption = false
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Drift:
    Type: AWS::SageMaker::DataQualityJobDefinition
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      NetworkConfig:
        EnableInterContainerTrafficEncryption: false
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_data_quality_job_definition" "drift" {
  name     = "drift"
  role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  network_config {
    enable_inter_container_traffic_encryption = true
    enable_network_isolation                  = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Drift:
    Type: AWS::SageMaker::DataQualityJobDefinition
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      NetworkConfig:
        EnableInterContainerTrafficEncryption: true
        EnableNetworkIsolation: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for j in &cx.views.aws.sagemaker.jobs {
        out.judge(
            j.id,
            "enable_inter_container_traffic_encryption",
            &j.inter_container_encryption,
            false,
            |v| *v,
            "the job does not encrypt traffic between its instances",
        );
    }
}
