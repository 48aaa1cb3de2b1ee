//! PAL-K8S-034: Image pull policy is not Always for a mutable tag.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-034",
    title: "Image pull policy is not Always for a mutable tag",
    severity: Severity::Low,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
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
        what: "Checks that containers whose image is not pinned by digest use `imagePullPolicy: Always` (the default only for `latest` or untagged images).",
        why: "With `IfNotPresent` a node keeps running whatever image it cached under a mutable tag, so pods of one workload may run different code and a fixed image is never picked up; `Always` also re-checks the pull credentials.",
        fix: "Pin the image by digest, or set `imagePullPolicy: Always`.",
        refs: &["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      imagePullPolicy: Always\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n      imagePullPolicy: IfNotPresent\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let image = c.image();
        let Tri::Known(img, _) = &image else { continue };
        if img.contains('@') {
            continue;
        }
        let tag = img
            .rsplit_once('/')
            .map(|(_, r)| r)
            .unwrap_or(img)
            .split_once(':')
            .map(|(_, t)| t.to_string());
        let default = match tag.as_deref() {
            None | Some("latest") => "Always",
            Some(_) => "IfNotPresent",
        };
        let f = c
            .string("imagePullPolicy")
            .or_default_when_absent(default.to_string());
        out.judge(
            w.obj.id,
            &c.attr("imagePullPolicy"),
            &f,
            true,
            |p| p == "Always",
            format!("{}: image {img:?} is pulled only if not present", who(w, c)),
        );
    }
}
