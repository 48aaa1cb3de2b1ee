//! PAL-SAGE-012: SageMaker job containers have network access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-012",
    title: "SageMaker job containers have network access",
    severity: Severity::Medium,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-6", "SC-7"]),
        ("pci-dss", &["1.4.1"]),
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
        what: "Checks SageMaker job definitions (data quality, model quality, bias and explainability monitoring jobs, and monitoring schedules) for `enable_network_isolation = true` in their network configuration. Training jobs are started through the API or pipelines rather than declared as IaC resources; job definitions are where IaC sets the same controls.",
        why: "Job containers read the data they process; without network isolation they can call out of the VPC and send that data elsewhere, whoever wrote the container image.",
        fix: "Set `enable_network_isolation = true` in `network_config` (`EnableNetworkIsolation: true`).",
        refs: &[
            "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_data_quality_job_definition" "drift" {
  name     = "drift"
  role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  network_config {
    enable_network_isolation = false
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
        EnableNetworkIsolation: false
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
            "enable_network_isolation",
            &j.network_isolation,
            false,
            |v| *v,
            "the job's containers are not network-isolated",
        );
    }
}
