//! PAL-K8S-030: Pod automounts its service account token.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-030",
    title: "Pod automounts its service account token",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.1.6"]),
        ("nist-800-53", &["AC-6", "IA-5"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["7.2.1"]),
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
        what: "Checks that pods set `automountServiceAccountToken: false`, or use a service account (in the scanned manifests) that does.",
        why: "A mounted token lets anyone who compromises the container call the Kubernetes API as the pod's service account; most applications never need it.",
        fix: "Set `automountServiceAccountToken: false` on the pod or its ServiceAccount; mount a projected token only where the API is used.",
        refs: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - name: app\n          image: nginx:1.27\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: app\n          image: nginx:1.27\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for w in &cx.views.k8s.workloads {
        let mut f = w.bool("automountServiceAccountToken");
        if f.is_absent() {
            let sa = w
                .string("serviceAccountName")
                .known()
                .cloned()
                .unwrap_or_else(|| "default".to_string());
            if let Some(a) = cx.views.k8s.service_accounts.iter().find(|a| {
                a.obj.name == sa && a.obj.effective_namespace == w.obj.effective_namespace
            }) && !a.automount_token.is_absent()
            {
                f = a.automount_token.clone();
            }
        }
        out.judge(
            w.obj.id,
            &w.attr("automountServiceAccountToken"),
            &f,
            false,
            |v| !*v,
            format!("{}: service account token is automounted", what(w)),
        );
    }
}
