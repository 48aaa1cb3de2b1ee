//! PAL-SAGE-004: SageMaker endpoint configuration does not encrypt with a KMS key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SAGE-004",
    title: "SageMaker endpoint configuration does not encrypt with a KMS key",
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
        "aws_sagemaker_endpoint_configuration",
        "AWS::SageMaker::EndpointConfig",
    ],
    docs: Docs {
        what: "Checks SageMaker endpoint configurations for `kms_key_arn` (`KmsKeyId`), which encrypts the storage attached to the hosting instances.",
        why: "Model artefacts and captured inference data on the hosting volumes are protected by a key you control only when one is set.",
        fix: "Set `kms_key_arn` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId",
        ],
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
      DataCaptureConfig:
        InitialSamplingPercentage: 100
        DestinationS3Uri: s3://acme-capture/churn
        CaptureOptions:
          - CaptureMode: Input
          - CaptureMode: Output
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
            "kms_key_arn",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "endpoint storage is not encrypted with a customer-managed KMS key",
        );
    }
}
