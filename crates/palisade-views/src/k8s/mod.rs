//! Kubernetes views: workloads with their pod templates, services, RBAC,
//! network policies.

use palisade_model::Model;

/// Everything the Kubernetes rules read, built once per scan.
#[derive(Debug, Default)]
pub struct K8sViews {}

impl K8sViews {
    pub fn build(_model: &Model) -> K8sViews {
        K8sViews {}
    }
}
