//! PAL-K8S-033: Object is deployed to the default namespace.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-033",
    title: "Object is deployed to the default namespace",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.7.1", "5.7.4"]),
        ("nist-800-53", &["AC-4", "CM-2"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["2.2.1"]),
    ],
    resource_types: &[
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "ReplicationController",
        "Service",
        "Ingress",
        "ConfigMap",
        "Secret",
        "Role",
        "RoleBinding",
        "ServiceAccount",
        "NetworkPolicy",
        "PersistentVolumeClaim",
    ],
    docs: Docs {
        what: "Checks that namespaced objects name a namespace other than `default` in `metadata.namespace` (an object without one lands in whatever namespace `kubectl` targets, usually `default`).",
        why: "The default namespace is shared by everything that forgot to choose; policies, quotas and RBAC cannot be scoped to one application there.",
        fix: "Set `metadata.namespace` to the application's own namespace.",
        refs: &["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: prod\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const CLUSTER: &[&str] = &[
        "Namespace",
        "ClusterRole",
        "ClusterRoleBinding",
        "PersistentVolume",
        "StorageClass",
        "CustomResourceDefinition",
        "PriorityClass",
        "IngressClass",
        "RuntimeClass",
        "Node",
        "APIService",
        "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "CSIDriver",
        "CSINode",
        "VolumeAttachment",
        "CertificateSigningRequest",
        "ClusterIssuer",
        "PodSecurityPolicy",
        "FlowSchema",
        "PriorityLevelConfiguration",
        "ComponentStatus",
        "List",
    ];
    for o in &cx.views.k8s.objects {
        if CLUSTER.contains(&o.kind.as_str()) {
            continue;
        }
        out.judge(
            o.id,
            "metadata.namespace",
            &o.namespace,
            false,
            |n| !n.is_empty() && n != "default",
            format!("{} {} is in the default namespace", o.kind, o.name),
        );
    }
}
