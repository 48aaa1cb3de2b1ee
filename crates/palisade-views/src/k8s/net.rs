//! Services, ingresses and network policies.

use palisade_model::{Node, Resource, Span, Value};

use super::{Object, string_list};
use crate::Tri;

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub obj: Object,
    /// `spec.type` (absent means ClusterIP).
    pub service_type: Tri<String>,
    /// `spec.externalIPs`, each with its location.
    pub external_ips: Vec<(String, Span)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ingress {
    pub obj: Object,
    /// True when `spec.tls` is a non-empty list; where it is (or the spec).
    pub tls: Tri<bool>,
    /// Hosts of the rules.
    pub hosts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkPolicy {
    pub obj: Object,
    /// `spec.podSelector` is `{}` (selects every pod of the namespace).
    pub selects_all_pods: Tri<bool>,
    /// `spec.policyTypes`, or the types Kubernetes derives when it is not
    /// written (`Ingress`, plus `Egress` when egress rules are present).
    pub policy_types: Vec<String>,
    /// Selects every pod, has type Ingress and no ingress rule: denies all
    /// ingress by default.
    pub default_deny_ingress: bool,
    /// Same for egress.
    pub default_deny_egress: bool,
    /// Ingress rules that allow from anywhere (an empty rule or one without
    /// `from`), with their location.
    pub allow_all_ingress: Vec<Span>,
}

pub(crate) fn service(obj: Object, r: &Resource) -> Service {
    let service_type = Tri::string(r.attr("spec.type"), &r.span_of("spec"), "spec.type");
    let external_ips = r
        .attr("spec.externalIPs")
        .known()
        .and_then(Node::as_list)
        .map(|l| {
            l.iter()
                .filter_map(|n| {
                    n.as_str().map(|s| {
                        (
                            s.to_string(),
                            n.span.clone().unwrap_or_else(|| r.span.clone()),
                        )
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Service {
        obj,
        service_type,
        external_ips,
    }
}

pub(crate) fn ingress(obj: Object, r: &Resource) -> Ingress {
    let tls = Tri::from_lookup(r.attr("spec.tls"), &r.span_of("spec"), "spec.tls", |n| {
        n.as_list().map(|l| !l.is_empty())
    });
    let hosts = r
        .attr("spec.rules")
        .known()
        .and_then(Node::as_list)
        .map(|l| {
            l.iter()
                .filter_map(|x| x.get("host").known().and_then(Node::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ingress { obj, tls, hosts }
}

fn empty_map(n: &Node) -> bool {
    match &n.value {
        Value::Map(m) => m.values().all(|v| match &v.value {
            Value::Map(x) => x.is_empty(),
            Value::List(x) => x.is_empty(),
            Value::Null => true,
            _ => false,
        }),
        Value::Null => true,
        _ => false,
    }
}

pub(crate) fn network_policy(obj: Object, r: &Resource) -> NetworkPolicy {
    let spec_span = r.span_of("spec");
    let selects_all_pods = Tri::from_lookup(
        r.attr("spec.podSelector"),
        &spec_span,
        "spec.podSelector",
        |n| Some(empty_map(n)),
    );
    let written = r.attr("spec.policyTypes");
    let mut policy_types = string_list(written.known());
    let ingress = r.attr("spec.ingress");
    let egress = r.attr("spec.egress");
    if written.is_absent() {
        policy_types.push("Ingress".to_string());
        if !egress.is_absent() {
            policy_types.push("Egress".to_string());
        }
    }
    let no_rules = |l: palisade_model::Lookup<'_>| match l {
        palisade_model::Lookup::Absent => true,
        palisade_model::Lookup::Known(n) => match &n.value {
            Value::Null => true,
            Value::List(x) => x.is_empty(),
            _ => false,
        },
        palisade_model::Lookup::Unknown(..) => false,
    };
    let all = selects_all_pods.known() == Some(&true);
    let default_deny_ingress =
        all && policy_types.iter().any(|t| t == "Ingress") && no_rules(ingress);
    let default_deny_egress = all && policy_types.iter().any(|t| t == "Egress") && no_rules(egress);
    let mut allow_all_ingress = Vec::new();
    if let Some(l) = ingress.known().and_then(Node::as_list) {
        for rule in l {
            let from = rule.get("from");
            let open = match from {
                palisade_model::Lookup::Absent => true,
                palisade_model::Lookup::Known(n) => match &n.value {
                    Value::Null => true,
                    Value::List(x) => x.is_empty() || x.iter().any(empty_map),
                    _ => false,
                },
                palisade_model::Lookup::Unknown(..) => false,
            };
            if open {
                allow_all_ingress.push(rule.span.clone().unwrap_or_else(|| spec_span.clone()));
            }
        }
    }
    NetworkPolicy {
        obj,
        selects_all_pods,
        policy_types,
        default_deny_ingress,
        default_deny_egress,
        allow_all_ingress,
    }
}
