//! Shared pieces of the Kubernetes rules.

use palisade_engine::{Ctx, Sink};
use palisade_model::{Lookup, Node, Span};
use palisade_views::Tri;
use palisade_views::k8s::{Container, ContainerGroup, Workload};

/// Every container (all three groups) of every workload.
pub(crate) fn containers<'a>(cx: &Ctx<'a>) -> impl Iterator<Item = (&'a Workload, &'a Container)> {
    let v: &'a palisade_views::Views = cx.views;
    v.k8s
        .workloads
        .iter()
        .flat_map(|w| w.containers.iter().map(move |c| (w, c)))
}

/// Containers of the given groups.
pub(crate) fn containers_in<'a>(
    cx: &Ctx<'a>,
    groups: &'static [ContainerGroup],
) -> impl Iterator<Item = (&'a Workload, &'a Container)> {
    containers(cx).filter(move |(_, c)| groups.contains(&c.group))
}

pub(crate) const APP: &[ContainerGroup] = &[ContainerGroup::Containers];
pub(crate) const APP_AND_INIT: &[ContainerGroup] =
    &[ContainerGroup::Containers, ContainerGroup::InitContainers];

/// `container "app" of Deployment web`.
pub(crate) fn who(w: &Workload, c: &Container) -> String {
    format!("container {:?} of {} {}", c.name, w.obj.kind, w.obj.name)
}

/// `Deployment web`.
pub(crate) fn what(w: &Workload) -> String {
    format!("{} {}", w.obj.kind, w.obj.name)
}

/// A pod-level boolean that must not be `true` (absent is fine).
pub(crate) fn pod_bool_not_true(cx: &Ctx<'_>, out: &mut Sink, field: &str, msg: &str) {
    for w in &cx.views.k8s.workloads {
        let f = w.bool(field);
        out.judge(
            w.obj.id,
            &w.attr(field),
            &f,
            true,
            |v| !*v,
            format!("{}: {msg}", what(w)),
        );
    }
}

/// A container `securityContext` boolean that must not be `true`.
pub(crate) fn sc_bool_not_true(cx: &Ctx<'_>, out: &mut Sink, field: &str, msg: &str) {
    for (w, c) in containers(cx) {
        let path = format!("securityContext.{field}");
        let f = c.bool(&path);
        out.judge(
            w.obj.id,
            &c.attr(&path),
            &f,
            true,
            |v| !*v,
            format!("{}: {msg}", who(w, c)),
        );
    }
}

/// A list of strings; a value of another shape is unknown.
pub(crate) fn strings(l: Lookup<'_>, fallback: &Span, what: &str) -> Tri<Vec<String>> {
    Tri::from_lookup(l, fallback, what, |n| {
        n.as_list().map(|l| {
            l.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
    })
}

/// Whether a field is present (and not null); absent or null is `Absent`.
pub(crate) fn present(l: Lookup<'_>, fallback: &Span, what: &str) -> Tri<()> {
    Tri::from_lookup(l, fallback, what, |_| Some(()))
}

/// A pod-level and per-container security context field: the pod's
/// `securityContext.<field>` and every container's own, each with its
/// span and attribute path. Used by checks that forbid a value wherever it
/// is written.
pub(crate) fn sc_everywhere<'a>(
    w: &'a Workload,
    field: &str,
) -> Vec<(Lookup<'a>, Span, String, String)> {
    let path = format!("securityContext.{field}");
    let mut v = vec![(w.get(&path), w.span_of(&path), w.attr(&path), what(w))];
    for c in &w.containers {
        v.push((c.get(&path), c.span_of(&path), c.attr(&path), who(w, c)));
    }
    v
}

/// Judges every place a forbidden security context value may be written.
pub(crate) fn forbid_sc_value(
    cx: &Ctx<'_>,
    out: &mut Sink,
    field: &str,
    bad: impl Fn(&Node) -> Option<String>,
) {
    for w in &cx.views.k8s.workloads {
        for (l, span, attr, label) in sc_everywhere(w, field) {
            match l {
                Lookup::Absent => {}
                Lookup::Unknown(_, u) => {
                    out.unknown(
                        w.obj.id,
                        span,
                        &attr,
                        u.reason.to_string(),
                        format!("{label}: cannot tell {field}"),
                    );
                }
                Lookup::Known(n) => match bad(n) {
                    Some(why) => {
                        out.fail(w.obj.id, span, &attr, format!("{label}: {why}"));
                    }
                    None => {
                        out.pass(w.obj.id, span, &attr);
                    }
                },
            }
        }
    }
}

/// `true` when a workload kind runs to completion (probes make no sense).
pub(crate) fn runs_to_completion(w: &Workload) -> bool {
    matches!(w.obj.kind.as_str(), "Job" | "CronJob")
}
