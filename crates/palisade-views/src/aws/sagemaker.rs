//! SageMaker: notebook instances, endpoint configurations, models, Studio
//! domains, and job definitions.

use palisade_model::{Model, ResourceId};

use super::util;
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Notebook {
    pub id: ResourceId,
    /// `Enabled` (default) / `Disabled`.
    pub root_access: Tri<String>,
    /// `Enabled` (default) / `Disabled`.
    pub direct_internet: Tri<String>,
    pub kms_key: Tri<String>,
    pub subnet: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct EndpointConfig {
    pub id: ResourceId,
    pub kms_key: Tri<String>,
    pub data_capture: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct SageModel {
    pub id: ResourceId,
    pub network_isolation: Tri<bool>,
    pub vpc: Tri<bool>,
}

/// A SageMaker Studio domain.
#[derive(Clone, Debug)]
pub struct StudioDomain {
    pub id: ResourceId,
    /// `PublicInternetOnly` (default) or `VpcOnly`.
    pub network_access: Tri<String>,
    pub kms_key: Tri<String>,
}

/// A SageMaker job definition: the declarative form of the processing jobs
/// that monitor models (data quality, model quality, bias,
/// explainability), and the monitoring schedules that run them. Training
/// jobs themselves are started through the API or pipelines, not declared
/// as IaC resources; these are where IaC sets the same job-level controls.
#[derive(Clone, Debug)]
pub struct JobDefinition {
    pub id: ResourceId,
    /// `network_config.enable_inter_container_traffic_encryption`
    /// (`NetworkConfig.EnableInterContainerTrafficEncryption`); off by default.
    pub inter_container_encryption: Tri<bool>,
    /// `network_config.enable_network_isolation`; off by default.
    pub network_isolation: Tri<bool>,
}

#[derive(Debug, Default)]
pub struct SageMakerView {
    pub jobs: Vec<JobDefinition>,
    pub domains: Vec<StudioDomain>,
    pub notebooks: Vec<Notebook>,
    pub endpoint_configs: Vec<EndpointConfig>,
    pub models: Vec<SageModel>,
}

pub fn build(model: &Model) -> SageMakerView {
    let mut v = SageMakerView::default();
    for (id, r) in model.of_types(&[
        "aws_sagemaker_notebook_instance",
        "AWS::SageMaker::NotebookInstance",
    ]) {
        v.notebooks.push(Notebook {
            id,
            root_access: util::s(r, "root_access", "RootAccess"),
            direct_internet: util::s(r, "direct_internet_access", "DirectInternetAccess"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
            subnet: util::present(r, "subnet_id", "SubnetId"),
        });
    }
    for (id, r) in model.of_types(&[
        "aws_sagemaker_endpoint_configuration",
        "AWS::SageMaker::EndpointConfig",
    ]) {
        v.endpoint_configs.push(EndpointConfig {
            id,
            kms_key: util::s(r, "kms_key_arn", "KmsKeyId"),
            data_capture: util::present(r, "data_capture_config", "DataCaptureConfig"),
        });
    }
    for (id, r) in model.of_types(&["aws_sagemaker_domain", "AWS::SageMaker::Domain"]) {
        v.domains.push(StudioDomain {
            id,
            network_access: util::s(r, "app_network_access_type", "AppNetworkAccessType"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
        });
    }
    for (id, r) in model.of_types(&[
        "aws_sagemaker_data_quality_job_definition",
        "AWS::SageMaker::DataQualityJobDefinition",
        "AWS::SageMaker::ModelQualityJobDefinition",
        "AWS::SageMaker::ModelBiasJobDefinition",
        "AWS::SageMaker::ModelExplainabilityJobDefinition",
        "AWS::SageMaker::MonitoringSchedule",
    ]) {
        // A schedule embeds its job definition.
        let base = if r.rtype == "AWS::SageMaker::MonitoringSchedule" {
            "MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig"
        } else {
            "NetworkConfig"
        };
        v.jobs.push(JobDefinition {
            id,
            inter_container_encryption: util::b(
                r,
                "network_config.enable_inter_container_traffic_encryption",
                &format!("{base}.EnableInterContainerTrafficEncryption"),
            ),
            network_isolation: util::b(
                r,
                "network_config.enable_network_isolation",
                &format!("{base}.EnableNetworkIsolation"),
            ),
        });
    }
    for (id, r) in model.of_types(&["aws_sagemaker_model", "AWS::SageMaker::Model"]) {
        v.models.push(SageModel {
            id,
            network_isolation: util::b(r, "enable_network_isolation", "EnableNetworkIsolation"),
            vpc: util::present(r, "vpc_config", "VpcConfig"),
        });
    }
    v
}
