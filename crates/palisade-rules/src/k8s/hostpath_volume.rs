//! PAL-K8S-006: Pod mounts a hostPath volume.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-006",
    title: "Pod mounts a hostPath volume",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/hostpath-volumes"]),
        ("cis-k8s", &["5.2.12"]),
        ("nist-800-53", &["AC-6", "CM-7", "SC-39"]),
        ("soc2", &["CC6.8"]),
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
    ],
    docs: Docs {
        what: "Checks that no volume of a pod uses `hostPath`. Pod Security Standards baseline control \"HostPath Volumes\".",
        why: "A hostPath volume exposes the node's filesystem to the container: credentials, the container runtime socket, kubelet data. Writes can persist on the node and lead to node takeover.",
        fix: "Use `emptyDir`, a ConfigMap/Secret, or a PersistentVolumeClaim instead of `hostPath`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: cache\n      emptyDir: {}\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for w in &cx.views.k8s.workloads {
        for (i, v) in w.volumes().into_iter().enumerate() {
            if let Some(h) = v.get("hostPath").node() {
                let span = h.span.clone().unwrap_or_else(|| w.pod_span.clone());
                let name = v.get("name").known().and_then(Node::as_str).unwrap_or("?");
                out.fail(
                    w.obj.id,
                    span,
                    &w.attr(&format!("volumes.{i}.hostPath")),
                    format!("{}: volume {name:?} mounts a hostPath", what(w)),
                );
            }
        }
    }
}
