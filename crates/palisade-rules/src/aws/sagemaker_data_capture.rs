//! PAL-SAGE-005: SageMaker endpoint does not capture inference data for monitoring.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-005",
    title: "SageMaker endpoint does not capture inference data for monitoring",
    severity: Severity::Low,
    category: Category::Ml,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("nist-800-53", &["AU-12", "SI-4"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &[
        "aws_sagemaker_endpoint_configuration",
        "AWS::SageMaker::EndpointConfig",
    ],
    docs: Docs {
        what: "Checks SageMaker endpoint configurations for `data_capture_config`.",
        why: "Captured requests and responses feed Model Monitor: without them data drift, model abuse and prompt or input attacks go unnoticed.",
        fix: "Add `data_capture_config` writing input and output to S3 (encrypted with a KMS key).",
        refs: &["https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_endpoint_configuration" "model" {
  name = "model"

  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Model:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - VariantName: primary
          ModelName: churn
          InitialInstanceCount: 1
          InstanceType: ml.m5.large
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sagemaker_endpoint_configuration" "model" {
  name = "model"

  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  data_capture_config {
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://acme-capture/churn"

    capture_options {
      capture_mode = "Input"
    }

    capture_options {
      capture_mode = "Output"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Model:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - VariantName: primary
          ModelName: churn
          InitialInstanceCount: 1
          InstanceType: ml.m5.large
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      DataCaptureConfig:
        InitialSamplingPercentage: 100
        DestinationS3Uri: s3://acme-capture/churn
        CaptureOptions:
          - CaptureMode: Input
          - CaptureMode: Output
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.sagemaker.endpoint_configs {
        out.judge(
            x.id,
            "data_capture_config",
            &x.data_capture,
            false,
            |v| *v,
            "inference data is not captured for monitoring",
        );
    }
}
