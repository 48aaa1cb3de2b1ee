//! KMS keys (rotation, spec, deletion window). Key policies are in the IAM
//! view's policy list.

use palisade_model::{Model, ResourceId};

use super::util;
use crate::Tri;

#[derive(Clone, Debug)]
pub struct KmsKey {
    pub id: ResourceId,
    pub rotation: Tri<bool>,
    /// `SYMMETRIC_DEFAULT` when absent.
    pub key_spec: Tri<String>,
    pub deletion_window: Tri<i64>,
    pub enabled: Tri<bool>,
}

impl KmsKey {
    /// Whether rotation applies (symmetric encryption keys only).
    pub fn symmetric(&self) -> Tri<bool> {
        self.key_spec.clone().map(|s| s == "SYMMETRIC_DEFAULT")
    }
}

pub fn build(model: &Model) -> Vec<KmsKey> {
    model
        .of_types(&["aws_kms_key", "AWS::KMS::Key"])
        .into_iter()
        .map(|(id, r)| {
            let spec = util::s(r, "customer_master_key_spec", "KeySpec")
                .or(util::s(r, "key_spec", ""))
                .or_default_when_absent("SYMMETRIC_DEFAULT".into());
            KmsKey {
                id,
                rotation: util::b(r, "enable_key_rotation", "EnableKeyRotation"),
                key_spec: spec,
                deletion_window: util::i(r, "deletion_window_in_days", "PendingWindowInDays"),
                enabled: util::b(r, "is_enabled", "Enabled"),
            }
        })
        .collect()
}
