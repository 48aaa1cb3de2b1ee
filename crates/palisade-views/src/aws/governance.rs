//! Account-level detective controls: AWS Config recorders, GuardDuty
//! detectors, Security Hub.

use palisade_model::{Model, ResourceId};

use super::util;
use crate::Tri;

#[derive(Clone, Debug)]
pub struct ConfigRecorder {
    pub id: ResourceId,
    /// `recording_group.all_supported` (default true).
    pub all_supported: Tri<bool>,
    pub include_global: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Detector {
    pub id: ResourceId,
    pub enabled: Tri<bool>,
}

/// `aws_config_configuration_recorder_status`.
#[derive(Clone, Debug)]
pub struct RecorderStatus {
    pub id: ResourceId,
    pub enabled: Tri<bool>,
}

#[derive(Debug, Default)]
pub struct GovernanceView {
    pub recorder_statuses: Vec<RecorderStatus>,
    pub config_recorders: Vec<ConfigRecorder>,
    pub guardduty_detectors: Vec<Detector>,
    /// Security Hub enablements (`aws_securityhub_account`, `AWS::SecurityHub::Hub`).
    pub security_hubs: Vec<ResourceId>,
}

pub fn build(model: &Model) -> GovernanceView {
    let mut v = GovernanceView::default();
    for (id, r) in model.of_types(&[
        "aws_config_configuration_recorder",
        "AWS::Config::ConfigurationRecorder",
    ]) {
        v.config_recorders.push(ConfigRecorder {
            id,
            all_supported: util::b(
                r,
                "recording_group.all_supported",
                "RecordingGroup.AllSupported",
            ),
            include_global: util::b(
                r,
                "recording_group.include_global_resource_types",
                "RecordingGroup.IncludeGlobalResourceTypes",
            ),
        });
    }
    for (id, r) in model.of_type("aws_config_configuration_recorder_status") {
        v.recorder_statuses.push(RecorderStatus {
            id,
            enabled: util::b(r, "is_enabled", ""),
        });
    }
    for (id, r) in model.of_types(&["aws_guardduty_detector", "AWS::GuardDuty::Detector"]) {
        v.guardduty_detectors.push(Detector {
            id,
            enabled: util::b(r, "enable", "Enable"),
        });
    }
    v.security_hubs = model
        .of_types(&["aws_securityhub_account", "AWS::SecurityHub::Hub"])
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    v
}
