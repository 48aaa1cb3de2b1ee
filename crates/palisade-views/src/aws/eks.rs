//! EKS clusters.

use palisade_model::{Model, ResourceId};

use super::util::{self, Strs};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct EksCluster {
    pub id: ResourceId,
    /// Defaults to true in both languages.
    pub public_access: Tri<bool>,
    /// Defaults to `0.0.0.0/0`.
    pub public_access_cidrs: Strs,
    /// Whether `secrets` are encrypted with a KMS key.
    pub secrets_encryption: Tri<bool>,
    /// Enabled control plane log types.
    pub log_types: Strs,
}

/// A managed node group.
#[derive(Clone, Debug)]
pub struct NodeGroup {
    pub id: ResourceId,
    /// SSH remote access is configured.
    pub remote_access: Tri<bool>,
    /// Source security groups restrict that access.
    pub source_security_groups: Tri<bool>,
}

/// Managed node groups.
pub fn node_groups(model: &Model) -> Vec<NodeGroup> {
    model
        .of_types(&["aws_eks_node_group", "AWS::EKS::Nodegroup"])
        .into_iter()
        .map(|(id, r)| NodeGroup {
            id,
            remote_access: util::present(r, "remote_access", "RemoteAccess"),
            source_security_groups: util::present(
                r,
                "remote_access.source_security_group_ids",
                "RemoteAccess.SourceSecurityGroups",
            ),
        })
        .collect()
}

pub const LOG_TYPES: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

pub fn build(model: &Model) -> Vec<EksCluster> {
    model
        .of_types(&["aws_eks_cluster", "AWS::EKS::Cluster"])
        .into_iter()
        .map(|(id, r)| {
            let cfn = util::is_cfn(r);
            let enc = util::look(r, "encryption_config", "EncryptionConfig");
            let secrets_encryption = match enc.node() {
                None => Tri::Absent(r.span.clone()),
                Some(n) => {
                    let mut res = Strs::default();
                    for item in n.items() {
                        let s = Strs::read(
                            item.get(if cfn { "Resources" } else { "resources" }),
                            &r.span,
                        );
                        res.values.extend(s.values);
                        if res.unknown.is_none() {
                            res.unknown = s.unknown;
                        }
                    }
                    let span = util::span_of(n, &r.span);
                    if let Some(u) = n.unknown_reason().filter(|_| n.is_unknown()) {
                        Tri::Unknown(u.to_string(), span)
                    } else if res.contains("secrets") {
                        Tri::Known(true, span)
                    } else if let Some((w, s)) = res.unknown {
                        Tri::Unknown(w, s)
                    } else {
                        Tri::Known(false, span)
                    }
                }
            };
            let log_types = if cfn {
                let mut s = Strs::default();
                if let Some(n) = r.attr("Logging.ClusterLogging.EnabledTypes").node() {
                    s.present = true;
                    for item in n.items() {
                        let t = Strs::read(item.get("Type"), &r.span);
                        s.values.extend(t.values);
                        if s.unknown.is_none() {
                            s.unknown = t.unknown;
                        }
                    }
                    if let Some(u) = n.unknown_reason().filter(|_| n.is_unknown()) {
                        s.unknown = Some((u.to_string(), util::span_of(n, &r.span)));
                    }
                }
                s
            } else {
                util::strs(r, "enabled_cluster_log_types", "")
            };
            EksCluster {
                id,
                public_access: util::b(
                    r,
                    "vpc_config.endpoint_public_access",
                    "ResourcesVpcConfig.EndpointPublicAccess",
                ),
                public_access_cidrs: util::strs(
                    r,
                    "vpc_config.public_access_cidrs",
                    "ResourcesVpcConfig.PublicAccessCidrs",
                ),
                secrets_encryption,
                log_types,
            }
        })
        .collect()
}
