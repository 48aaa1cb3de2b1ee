//! PAL-K8S-005: Container adds capabilities beyond the baseline set.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-005",
    title: "Container adds capabilities beyond the baseline set",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/capabilities"]),
        ("cis-k8s", &["5.2.9"]),
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
        what: "Checks that `securityContext.capabilities.add` only lists capabilities of the Pod Security Standards baseline allow-list: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT.",
        why: "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE give a container kernel-level powers that enable container escape and tampering with the node.",
        fix: "Remove the extra capabilities from `capabilities.add`; redesign the workload so it does not need them.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [\"NET_ADMIN\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [\"CHOWN\", \"NET_BIND_SERVICE\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const ALLOWED: &[&str] = &[
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    ];
    for (w, c) in containers(cx) {
        let f = strings(
            c.get("securityContext.capabilities.add"),
            &c.sc_span(),
            "capabilities.add",
        );
        let attr = c.attr("securityContext.capabilities.add");
        match &f {
            Tri::Known(caps, span) => {
                let extra: Vec<&String> = caps
                    .iter()
                    .filter(|x| {
                        !ALLOWED
                            .contains(&x.trim_start_matches("CAP_").to_ascii_uppercase().as_str())
                    })
                    .collect();
                if extra.is_empty() {
                    out.pass(w.obj.id, span.clone(), &attr);
                } else {
                    out.fail(
                        w.obj.id,
                        span.clone(),
                        &attr,
                        format!(
                            "{}: adds capabilities outside the baseline set: {extra:?}",
                            who(w, c)
                        ),
                    );
                }
            }
            other => out.judge(
                w.obj.id,
                &attr,
                other,
                true,
                |_| true,
                format!("{}: capabilities", who(w, c)),
            ),
        }
    }
}
