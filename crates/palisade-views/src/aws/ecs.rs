//! ECS task definitions (container definitions parsed once, from the
//! Terraform JSON string or CloudFormation's list) and clusters.

use palisade_model::{Lookup, Model, Node, ResourceId, Span, Value};

use super::util::{self, is_cfn, span_of};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Container {
    /// Attribute path (`container_definitions.0`, `ContainerDefinitions.0`).
    pub attr: String,
    pub span: Span,
    pub name: Tri<String>,
    pub privileged: Tri<bool>,
    pub readonly_root: Tri<bool>,
    pub user: Tri<String>,
    /// Plain environment variables: name and value.
    pub env: Vec<(String, Tri<String>)>,
}

#[derive(Clone, Debug)]
pub struct TaskDefinition {
    pub id: ResourceId,
    pub network_mode: Tri<String>,
    pub pid_mode: Tri<String>,
    pub containers: Vec<Container>,
    /// Why the container definitions could not be read, if they could not.
    pub containers_unknown: Option<(String, Span)>,
}

#[derive(Clone, Debug)]
pub struct EcsCluster {
    pub id: ResourceId,
    /// `containerInsights` set to `enabled` (or `enhanced`).
    pub container_insights: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct EcsService {
    pub id: ResourceId,
    /// Tasks get a public IP address (`awsvpc` network mode): Terraform
    /// `network_configuration.assign_public_ip`, CloudFormation
    /// `NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: ENABLED`.
    /// Absent means the default, no public address.
    pub assign_public_ip: Tri<bool>,
}

#[derive(Debug, Default)]
pub struct EcsView {
    pub task_definitions: Vec<TaskDefinition>,
    pub clusters: Vec<EcsCluster>,
    pub services: Vec<EcsService>,
}

fn containers(
    list: &Node,
    base: &str,
    cfn: bool,
    fallback: &Span,
) -> (Vec<Container>, Option<(String, Span)>) {
    let k = |tf: &'static str, cf: &'static str| if cfn { cf } else { tf };
    let mut out = Vec::new();
    let mut unknown = None;
    let items: Vec<&Node> = match &list.value {
        Value::List(l) => l.iter().collect(),
        Value::Unknown(u) => return (out, Some((u.reason.to_string(), span_of(list, fallback)))),
        _ => {
            return (
                out,
                Some((
                    "container definitions have an unexpected shape".into(),
                    span_of(list, fallback),
                )),
            );
        }
    };
    for (i, c) in items.into_iter().enumerate() {
        let span = span_of(c, fallback);
        if c.as_map().is_none() {
            unknown.get_or_insert((
                c.unknown_reason()
                    .unwrap_or("a container definition has an unexpected shape")
                    .to_string(),
                span.clone(),
            ));
            continue;
        }
        let mut env = Vec::new();
        if let Some(e) = c.get(k("environment", "Environment")).node() {
            for item in e.items() {
                let name = item.get(k("name", "Name")).known().and_then(|n| n.as_str());
                if let Some(name) = name {
                    env.push((
                        name.to_string(),
                        Tri::string(item.get(k("value", "Value")), &span, "value"),
                    ));
                }
            }
        }
        out.push(Container {
            attr: format!("{base}.{i}"),
            name: Tri::string(c.get(k("name", "Name")), &span, "name"),
            privileged: Tri::bool(c.get(k("privileged", "Privileged")), &span, "privileged"),
            readonly_root: Tri::bool(
                c.get(k("readonlyRootFilesystem", "ReadonlyRootFilesystem")),
                &span,
                "readonlyRootFilesystem",
            ),
            user: Tri::string(c.get(k("user", "User")), &span, "user"),
            env,
            span,
        });
    }
    (out, unknown)
}

pub fn build(model: &Model) -> EcsView {
    let mut v = EcsView::default();
    for (id, r) in model.of_types(&["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"]) {
        let cfn = is_cfn(r);
        let base = if cfn {
            "ContainerDefinitions"
        } else {
            "container_definitions"
        };
        let (cs, unk) = match r.attr(base) {
            Lookup::Absent => (Vec::new(), None),
            Lookup::Unknown(n, u) => (
                Vec::new(),
                Some((u.reason.to_string(), span_of(n, &r.span))),
            ),
            Lookup::Known(n) => match &n.value {
                Value::String(s) => {
                    let span = span_of(n, &r.span);
                    match serde_json::from_str::<serde_json::Value>(s) {
                        Ok(j) => containers(&Node::from_json(&j, Some(&span)), base, cfn, &span),
                        Err(e) => (
                            Vec::new(),
                            Some((
                                format!("container definitions are not valid JSON: {e}"),
                                span,
                            )),
                        ),
                    }
                }
                _ => containers(n, base, cfn, &r.span),
            },
        };
        v.task_definitions.push(TaskDefinition {
            id,
            network_mode: util::s(r, "network_mode", "NetworkMode"),
            pid_mode: util::s(r, "pid_mode", "PidMode"),
            containers: cs,
            containers_unknown: unk,
        });
    }
    for (id, r) in model.of_types(&["aws_ecs_cluster", "AWS::ECS::Cluster"]) {
        let cfn = is_cfn(r);
        let (list, name, value) = if cfn {
            ("ClusterSettings", "Name", "Value")
        } else {
            ("setting", "name", "value")
        };
        let insights = match r.attr(list) {
            Lookup::Absent => Tri::Absent(r.span.clone()),
            Lookup::Unknown(n, u) => Tri::Unknown(u.reason.to_string(), span_of(n, &r.span)),
            Lookup::Known(n) => {
                let mut t = Tri::Absent(r.span.clone());
                for item in n.items() {
                    if item.get(name).known().and_then(|x| x.as_str()) == Some("containerInsights")
                    {
                        t = Tri::string(item.get(value), &span_of(item, &r.span), value)
                            .map(|v| v == "enabled" || v == "enhanced");
                    }
                }
                t
            }
        };
        v.clusters.push(EcsCluster {
            id,
            container_insights: insights,
        });
    }
    for (id, r) in model.of_types(&["aws_ecs_service", "AWS::ECS::Service"]) {
        let assign_public_ip = if is_cfn(r) {
            util::s(
                r,
                "",
                "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp",
            )
            .map(|v| v.eq_ignore_ascii_case("ENABLED"))
        } else {
            util::b(r, "network_configuration.assign_public_ip", "")
        };
        v.services.push(EcsService {
            id,
            assign_public_ip,
        });
    }
    v
}
