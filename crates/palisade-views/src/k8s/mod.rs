//! Kubernetes views: workloads with their pod templates and containers,
//! services, ingresses, network policies, RBAC, service accounts,
//! namespaces, secrets and persistent volume claims.
//!
//! Resources come from the Kubernetes parser: `rtype` is the object's
//! `kind`, `attrs` the whole document, `meta["namespace"]` its namespace.
//! Views keep a copy of the nodes the rules read (pod spec, containers), so
//! a rule never has to know where a kind keeps its pod template.

mod net;
mod rbac;
mod workload;

pub use net::{Ingress, NetworkPolicy, Service};
pub use rbac::{Binding, PolicyRule, Role, Subject};
pub use workload::{Container, ContainerGroup, Workload};

use palisade_model::{Model, Node, Resource, ResourceId, SourceKind, Span};

use crate::Tri;

/// What every Kubernetes object has.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub id: ResourceId,
    pub kind: String,
    pub name: String,
    /// `metadata.namespace` as written (absent when not written).
    pub namespace: Tri<String>,
    /// The namespace the object lands in: the written one, the parser's
    /// `meta["namespace"]`, or `default`. Cluster-scoped objects too.
    pub effective_namespace: String,
    pub span: Span,
}

impl Object {
    pub fn of(id: ResourceId, r: &Resource) -> Object {
        let namespace = Tri::string(r.attr("metadata.namespace"), &r.span, "metadata.namespace");
        let effective_namespace = match &namespace {
            Tri::Known(n, _) if !n.is_empty() => n.clone(),
            _ => r
                .meta
                .get("namespace")
                .filter(|n| !n.is_empty())
                .cloned()
                .unwrap_or_else(|| "default".to_string()),
        };
        let name = r
            .attr("metadata.name")
            .known()
            .and_then(Node::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| r.name.clone());
        Object {
            id,
            kind: r.rtype.clone(),
            name,
            namespace,
            effective_namespace,
            span: r.span.clone(),
        }
    }
}

/// A namespace object.
#[derive(Clone, Debug, PartialEq)]
pub struct Namespace {
    pub obj: Object,
    /// `metadata.labels`, when a map.
    pub labels: Vec<(String, String)>,
    pub labels_span: Span,
}

/// A service account.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceAccount {
    pub obj: Object,
    pub automount_token: Tri<bool>,
}

/// Everything the Kubernetes rules read, built once per scan.
#[derive(Debug, Default)]
pub struct K8sViews {
    /// Every Kubernetes object, in model order.
    pub objects: Vec<Object>,
    pub workloads: Vec<Workload>,
    pub services: Vec<Service>,
    pub ingresses: Vec<Ingress>,
    pub network_policies: Vec<NetworkPolicy>,
    /// Roles and ClusterRoles.
    pub roles: Vec<Role>,
    /// RoleBindings and ClusterRoleBindings.
    pub bindings: Vec<Binding>,
    pub service_accounts: Vec<ServiceAccount>,
    pub namespaces: Vec<Namespace>,
    pub secrets: Vec<Object>,
    pub pvcs: Vec<Object>,
}

impl K8sViews {
    pub fn build(model: &Model) -> K8sViews {
        let mut v = K8sViews::default();
        for id in model.ids() {
            let r = model.get(id);
            if r.kind != SourceKind::Kubernetes {
                continue;
            }
            let obj = Object::of(id, r);
            v.objects.push(obj.clone());
            match r.rtype.as_str() {
                "Service" => v.services.push(net::service(obj, r)),
                "Ingress" => v.ingresses.push(net::ingress(obj, r)),
                "NetworkPolicy" => v.network_policies.push(net::network_policy(obj, r)),
                "Role" | "ClusterRole" => v.roles.push(rbac::role(obj, r)),
                "RoleBinding" | "ClusterRoleBinding" => v.bindings.push(rbac::binding(obj, r)),
                "ServiceAccount" => v.service_accounts.push(ServiceAccount {
                    automount_token: Tri::bool(
                        r.attr("automountServiceAccountToken"),
                        &r.span,
                        "automountServiceAccountToken",
                    ),
                    obj,
                }),
                "Namespace" => {
                    let labels_node = r.attr("metadata.labels").known();
                    let labels = labels_node
                        .and_then(Node::as_map)
                        .map(|m| {
                            m.iter()
                                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                                .collect()
                        })
                        .unwrap_or_default();
                    let labels_span = labels_node
                        .and_then(|n| n.span.clone())
                        .unwrap_or_else(|| r.span_of("metadata"));
                    v.namespaces.push(Namespace {
                        obj,
                        labels,
                        labels_span,
                    })
                }
                "Secret" => v.secrets.push(obj),
                "PersistentVolumeClaim" => v.pvcs.push(obj),
                kind => {
                    if let Some(w) = workload::workload(obj, kind, r) {
                        v.workloads.push(w);
                    }
                }
            }
        }
        v
    }

    /// Network policies of one namespace.
    pub fn policies_in<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a NetworkPolicy> + 'a {
        self.network_policies
            .iter()
            .filter(move |p| p.obj.effective_namespace == ns)
    }
}

/// Reads a string list (`verbs`, `resources`...) of a node; non-string
/// elements are skipped.
pub(crate) fn string_list(n: Option<&Node>) -> Vec<String> {
    n.and_then(Node::as_list)
        .map(|l| {
            l.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
