//! PAL-K8S-012: Pod sets sysctls outside the safe set.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-012",
    title: "Pod sets sysctls outside the safe set",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/sysctls"]),
        ("nist-800-53", &["CM-7", "SC-39"]),
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
        what: "Checks that `spec.securityContext.sysctls` only names sysctls of the Pod Security Standards safe set: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem.",
        why: "Other sysctls are not namespaced or not isolated between pods: setting them changes the node's kernel for every workload and can weaken or crash it.",
        fix: "Remove the unsafe sysctl; tune the node instead, or run the workload on dedicated nodes.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: \"65536\"\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: \"1024 65535\"\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const SAFE: &[&str] = &[
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
    ];
    for w in &cx.views.k8s.workloads {
        let Some(list) = w
            .get("securityContext.sysctls")
            .known()
            .and_then(Node::as_list)
        else {
            continue;
        };
        for (i, s) in list.iter().enumerate() {
            let span = s.span.clone().unwrap_or_else(|| w.pod_span.clone());
            let attr = w.attr(&format!("securityContext.sysctls.{i}.name"));
            let f = Tri::string(s.get("name"), &span, "sysctl name");
            out.judge(
                w.obj.id,
                &attr,
                &f,
                true,
                |n| SAFE.contains(&n.as_str()),
                format!(
                    "{}: sysctl {:?} is not in the safe set",
                    what(w),
                    f.known().cloned().unwrap_or_default()
                ),
            );
        }
    }
}
