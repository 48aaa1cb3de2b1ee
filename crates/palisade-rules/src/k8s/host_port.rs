//! PAL-K8S-007: Container binds a host port.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-007",
    title: "Container binds a host port",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/host-ports"]),
        ("cis-k8s", &["5.2.13"]),
        ("nist-800-53", &["CM-7", "SC-7"]),
        ("soc2", &["CC6.8"]),
        ("pci-dss", &["1.2.5", "2.2.1"]),
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
        what: "Checks that no container port sets a non-zero `hostPort`. Pod Security Standards baseline control \"Host Ports\".",
        why: "Host ports expose the pod directly on the node's network interfaces, bypassing Services and network policies, and pin the pod to nodes where the port is free.",
        fix: "Remove `hostPort` and expose the workload through a Service (and an Ingress where needed).",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/concepts/configuration/overview/#services",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 80\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let Some(ports) = c.get("ports").known().and_then(Node::as_list) else {
            continue;
        };
        for (i, p) in ports.iter().enumerate() {
            let attr = c.attr(&format!("ports.{i}.hostPort"));
            let span = p.span.clone().unwrap_or_else(|| c.span.clone());
            let f = Tri::int(p.get("hostPort"), &span, "hostPort");
            out.judge(
                w.obj.id,
                &attr,
                &f,
                true,
                |v| *v == 0,
                format!(
                    "{}: binds host port {}",
                    who(w, c),
                    f.known().copied().unwrap_or(0)
                ),
            );
        }
    }
}
