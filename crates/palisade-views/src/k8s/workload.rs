//! Workloads: every kind that carries a pod spec, with its containers.

use palisade_model::{Lookup, Node, Resource, Span, Value};

use super::Object;
use crate::Tri;

/// Which list of the pod spec a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContainerGroup {
    Containers,
    InitContainers,
    EphemeralContainers,
}

impl ContainerGroup {
    pub const ALL: [ContainerGroup; 3] = [
        ContainerGroup::Containers,
        ContainerGroup::InitContainers,
        ContainerGroup::EphemeralContainers,
    ];
    /// The pod spec field (`containers`, `initContainers`, ...).
    pub fn field(self) -> &'static str {
        match self {
            ContainerGroup::Containers => "containers",
            ContainerGroup::InitContainers => "initContainers",
            ContainerGroup::EphemeralContainers => "ephemeralContainers",
        }
    }
}

/// One container of a pod spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub group: ContainerGroup,
    pub index: usize,
    pub name: String,
    /// The container's node (a copy).
    pub node: Node,
    /// Where the container is written.
    pub span: Span,
    /// Attribute path of the container in its resource
    /// (`spec.template.spec.containers.0`).
    pub path: String,
}

impl Container {
    /// Looks a path up in the container.
    pub fn get(&self, path: &str) -> Lookup<'_> {
        self.node.path(path)
    }
    /// The span of a field if written, else of the container's
    /// `securityContext` if written, else of the container.
    pub fn span_of(&self, path: &str) -> Span {
        self.get(path)
            .node()
            .and_then(|n| n.span.clone())
            .unwrap_or_else(|| self.span.clone())
    }
    /// Span of the container's `securityContext` (or the container).
    pub fn sc_span(&self) -> Span {
        self.span_of("securityContext")
    }
    pub fn bool(&self, path: &str) -> Tri<bool> {
        Tri::bool(self.get(path), &self.sc_span(), path)
    }
    pub fn string(&self, path: &str) -> Tri<String> {
        Tri::string(self.get(path), &self.span, path)
    }
    pub fn int(&self, path: &str) -> Tri<i64> {
        Tri::int(self.get(path), &self.sc_span(), path)
    }
    /// The container's image (a string).
    pub fn image(&self) -> Tri<String> {
        Tri::string(self.get("image"), &self.span, "image")
    }
    /// An attribute path for results (`containers.0.securityContext`).
    pub fn attr(&self, field: &str) -> String {
        if field.is_empty() {
            self.path.clone()
        } else {
            format!("{}.{field}", self.path)
        }
    }
}

/// A Pod, or any object with a pod template (Deployment, StatefulSet,
/// DaemonSet, ReplicaSet, Job, CronJob, ReplicationController, PodTemplate).
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub obj: Object,
    /// Path of the pod spec in the resource (`spec.template.spec`).
    pub pod_path: &'static str,
    /// The pod spec (a copy; `Null` if missing).
    pub pod: Node,
    /// Where the pod spec is written (or the object).
    pub pod_span: Span,
    /// Annotations of the pod (its template's metadata, or the Pod's own).
    pub annotations: Vec<(String, String, Span)>,
    pub containers: Vec<Container>,
}

/// Where each workload kind keeps its pod spec and pod metadata.
pub fn pod_paths(kind: &str) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        "Pod" => ("spec", "metadata"),
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "Job"
        | "ReplicationController" => ("spec.template.spec", "spec.template.metadata"),
        "CronJob" => (
            "spec.jobTemplate.spec.template.spec",
            "spec.jobTemplate.spec.template.metadata",
        ),
        "PodTemplate" => ("template.spec", "template.metadata"),
        _ => return None,
    })
}

pub(crate) fn workload(obj: Object, kind: &str, r: &Resource) -> Option<Workload> {
    let (pod_path, meta_path) = pod_paths(kind)?;
    let pod = r
        .attr(pod_path)
        .node()
        .cloned()
        .unwrap_or_else(|| Node::null(Some(r.span.clone())));
    let pod_span = pod.span.clone().unwrap_or_else(|| r.span.clone());
    let mut annotations = Vec::new();
    if let Some(m) = r
        .attr(&format!("{meta_path}.annotations"))
        .known()
        .and_then(Node::as_map)
    {
        for (k, v) in m {
            if let Some(s) = v.as_str() {
                annotations.push((
                    k.clone(),
                    s.to_string(),
                    v.span.clone().unwrap_or_else(|| r.span.clone()),
                ));
            }
        }
    }
    let mut containers = Vec::new();
    for group in ContainerGroup::ALL {
        let Some(list) = pod.get(group.field()).known().and_then(Node::as_list) else {
            continue;
        };
        for (index, c) in list.iter().enumerate() {
            if !matches!(c.value, Value::Map(_) | Value::Unknown(_)) {
                continue;
            }
            let name = c
                .get("name")
                .known()
                .and_then(Node::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{index}"));
            containers.push(Container {
                group,
                index,
                name,
                span: c.span.clone().unwrap_or_else(|| pod_span.clone()),
                node: c.clone(),
                path: format!("{pod_path}.{}.{index}", group.field()),
            });
        }
    }
    Some(Workload {
        obj,
        pod_path,
        pod,
        pod_span,
        annotations,
        containers,
    })
}

impl Workload {
    /// Looks a path up in the pod spec.
    pub fn get(&self, path: &str) -> Lookup<'_> {
        self.pod.path(path)
    }
    /// The span of a pod spec field if written, else of the pod spec.
    pub fn span_of(&self, path: &str) -> Span {
        self.get(path)
            .node()
            .and_then(|n| n.span.clone())
            .unwrap_or_else(|| self.pod_span.clone())
    }
    pub fn bool(&self, path: &str) -> Tri<bool> {
        Tri::bool(self.get(path), &self.pod_span, path)
    }
    pub fn string(&self, path: &str) -> Tri<String> {
        Tri::string(self.get(path), &self.pod_span, path)
    }
    pub fn int(&self, path: &str) -> Tri<i64> {
        Tri::int(self.get(path), &self.pod_span, path)
    }
    /// An attribute path for results (`spec.template.spec.hostNetwork`).
    pub fn attr(&self, field: &str) -> String {
        if field.is_empty() {
            self.pod_path.to_string()
        } else {
            format!("{}.{field}", self.pod_path)
        }
    }

    /// Containers that run the workload's application (`containers`).
    pub fn app_containers(&self) -> impl Iterator<Item = &Container> {
        self.containers
            .iter()
            .filter(|c| c.group == ContainerGroup::Containers)
    }

    /// A security context field as it applies to container `c`: the
    /// container's own setting if written, else the pod's
    /// (`securityContext.<field>`). Returns the fact and whether it came
    /// from the container.
    pub fn effective<'a>(&'a self, c: &'a Container, field: &str) -> (Lookup<'a>, bool) {
        let own = c.get(&format!("securityContext.{field}"));
        match own {
            Lookup::Known(n) if matches!(n.value, Value::Null) => {}
            Lookup::Absent => {}
            other => return (other, true),
        }
        (self.get(&format!("securityContext.{field}")), false)
    }

    fn effective_span(&self, c: &Container) -> Span {
        c.get("securityContext")
            .node()
            .and_then(|n| n.span.clone())
            .unwrap_or_else(|| c.span.clone())
    }

    pub fn effective_bool(&self, c: &Container, field: &str) -> Tri<bool> {
        Tri::bool(self.effective(c, field).0, &self.effective_span(c), field)
    }
    pub fn effective_int(&self, c: &Container, field: &str) -> Tri<i64> {
        Tri::int(self.effective(c, field).0, &self.effective_span(c), field)
    }
    pub fn effective_string(&self, c: &Container, field: &str) -> Tri<String> {
        Tri::string(self.effective(c, field).0, &self.effective_span(c), field)
    }

    /// The pod's volumes (each a map node).
    pub fn volumes(&self) -> Vec<&Node> {
        self.get("volumes")
            .known()
            .map(|n| n.items())
            .unwrap_or_default()
    }
}
