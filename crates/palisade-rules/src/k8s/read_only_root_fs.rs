//! PAL-K8S-029: Container root filesystem is writable.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-029",
    title: "Container root filesystem is writable",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.7.3"]),
        ("nist-800-53", &["CM-7", "SI-7"]),
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
        what: "Checks that every container and init container sets `securityContext.readOnlyRootFilesystem: true`.",
        why: "A writable root filesystem lets an attacker drop tools, modify binaries and persist inside the container.",
        fix: "Set `readOnlyRootFilesystem: true` and mount `emptyDir` volumes where the application must write.",
        refs: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: false\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers_in(cx, APP_AND_INIT) {
        let f = c.bool("securityContext.readOnlyRootFilesystem");
        out.judge(
            w.obj.id,
            &c.attr("securityContext.readOnlyRootFilesystem"),
            &f,
            false,
            |v| *v,
            format!("{}: root filesystem is writable", who(w, c)),
        );
    }
}
