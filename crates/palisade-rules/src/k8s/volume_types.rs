//! PAL-K8S-014: Pod uses a volume type outside the restricted set.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-014",
    title: "Pod uses a volume type outside the restricted set",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/volume-types"]),
        ("nist-800-53", &["CM-7", "AC-6"]),
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
        what: "Checks that every volume of a pod is one of the types the Pod Security Standards restricted profile allows: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.",
        why: "Other volume types (hostPath, nfs, iscsi, rbd, cephfs...) reach storage outside the pod's control plane-managed lifecycle and are a common path to node or data compromise.",
        fix: "Use a PersistentVolumeClaim (backed by the storage you need) or one of the allowed types.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/concepts/storage/volumes/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: shared\n      nfs:\n        server: nfs.internal\n        path: /exports\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n    - name: cfg\n      configMap:\n        name: cfg\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const ALLOWED: &[&str] = &[
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "persistentVolumeClaim",
        "projected",
        "secret",
    ];
    for w in &cx.views.k8s.workloads {
        for (i, v) in w.volumes().into_iter().enumerate() {
            let Some(m) = v.as_map() else { continue };
            let span = v.span.clone().unwrap_or_else(|| w.pod_span.clone());
            let attr = w.attr(&format!("volumes.{i}"));
            let bad: Vec<&String> = m
                .keys()
                .filter(|k| k.as_str() != "name" && !ALLOWED.contains(&k.as_str()))
                .collect();
            if bad.is_empty() {
                out.pass(w.obj.id, span, &attr);
            } else {
                out.fail(
                    w.obj.id,
                    span,
                    &attr,
                    format!(
                        "{}: volume type {bad:?} is not allowed by the restricted profile",
                        what(w)
                    ),
                );
            }
        }
    }
}
