//! PAL-K8S-023: Pod mounts the container runtime socket.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-023",
    title: "Pod mounts the container runtime socket",
    severity: Severity::Critical,
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
        what: "Checks that no hostPath volume mounts the Docker, containerd or CRI-O socket (or the directory holding it).",
        why: "Whoever can talk to the runtime socket can start a privileged container on the node: it is node root.",
        fix: "Remove the volume; use a dedicated build service (Kaniko, BuildKit rootless) instead of the node's runtime.",
        refs: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  volumes:\n    - name: cache\n      emptyDir: {}\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const SOCKETS: &[&str] = &[
        "/var/run/docker.sock",
        "/run/docker.sock",
        "/var/run/containerd/containerd.sock",
        "/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock",
        "/run/crio/crio.sock",
        "/var/run",
        "/run",
        "/var/run/docker",
        "/run/containerd",
        "/var/run/containerd",
    ];
    for w in &cx.views.k8s.workloads {
        for (i, v) in w.volumes().into_iter().enumerate() {
            let l = v
                .get("hostPath")
                .node()
                .map(|h| h.get("path"))
                .unwrap_or(Lookup::Absent);
            if l.is_absent() {
                continue;
            }
            let f = Tri::string(l, &w.pod_span, "hostPath.path");
            out.judge(
                w.obj.id,
                &w.attr(&format!("volumes.{i}.hostPath.path")),
                &f,
                true,
                |p| !SOCKETS.contains(&p.trim_end_matches('/')),
                format!("{}: mounts the container runtime socket", what(w)),
            );
        }
    }
}
