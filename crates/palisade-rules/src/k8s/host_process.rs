//! PAL-K8S-013: Windows pod runs as a HostProcess container.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-013",
    title: "Windows pod runs as a HostProcess container",
    severity: Severity::Critical,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/host-process"]),
        ("cis-k8s", &["5.2.11"]),
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
        what: "Checks that `securityContext.windowsOptions.hostProcess` is not `true` on the pod or any container. Pod Security Standards baseline control \"HostProcess\".",
        why: "A Windows HostProcess container runs directly on the host with privileged access to it; it is the Windows equivalent of a privileged container.",
        fix: "Remove `hostProcess: true`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: ContainerUser\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "windowsOptions.hostProcess", |n| {
        match n.as_bool() {
            Some(true) => Some("runs as a Windows HostProcess container".to_string()),
            _ => None,
        }
    });
}
