//! RBAC: Roles, ClusterRoles and their bindings.

use palisade_model::{Node, Resource, Span};

use super::{Object, string_list};
use crate::Tri;

/// One rule of a Role or ClusterRole.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyRule {
    pub index: usize,
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub verbs: Vec<String>,
    pub resource_names: Vec<String>,
    pub non_resource_urls: Vec<String>,
    pub span: Span,
    pub verbs_span: Span,
    pub resources_span: Span,
}

impl PolicyRule {
    /// The rule grants `verb` (or `*`).
    pub fn has_verb(&self, verb: &str) -> bool {
        self.verbs
            .iter()
            .any(|v| v == "*" || v.eq_ignore_ascii_case(verb))
    }
    /// The rule covers `resource` (exactly, or `*`; `pods/*` covers every
    /// subresource of pods) in the core group or any group.
    pub fn has_resource(&self, resource: &str) -> bool {
        self.resources.iter().any(|r| {
            r == "*"
                || r.eq_ignore_ascii_case(resource)
                || r.strip_suffix("/*").is_some_and(|base| {
                    resource
                        .split_once('/')
                        .is_some_and(|(b, _)| b.eq_ignore_ascii_case(base))
                })
                || r.strip_prefix("*/").is_some_and(|sub| {
                    resource
                        .split_once('/')
                        .is_some_and(|(_, s)| s.eq_ignore_ascii_case(sub))
                })
        })
    }
    /// The rule applies to API group `group` (`""` is the core group).
    pub fn has_group(&self, group: &str) -> bool {
        self.api_groups.iter().any(|g| g == "*" || g == group)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub obj: Object,
    /// A ClusterRole (as opposed to a namespaced Role).
    pub cluster: bool,
    pub rules: Vec<PolicyRule>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub obj: Object,
    /// A ClusterRoleBinding.
    pub cluster: bool,
    /// `roleRef.kind` (`Role` or `ClusterRole`).
    pub role_kind: Tri<String>,
    /// `roleRef.name`.
    pub role_name: Tri<String>,
    pub subjects: Vec<Subject>,
}

pub(crate) fn role(obj: Object, r: &Resource) -> Role {
    let mut rules = Vec::new();
    if let Some(l) = r.attr("rules").known().and_then(Node::as_list) {
        for (index, n) in l.iter().enumerate() {
            let span = n.span.clone().unwrap_or_else(|| r.span.clone());
            let span_of = |k: &str| {
                n.get(k)
                    .node()
                    .and_then(|x| x.span.clone())
                    .unwrap_or_else(|| span.clone())
            };
            rules.push(PolicyRule {
                index,
                api_groups: string_list(n.get("apiGroups").known()),
                resources: string_list(n.get("resources").known()),
                verbs: string_list(n.get("verbs").known()),
                resource_names: string_list(n.get("resourceNames").known()),
                non_resource_urls: string_list(n.get("nonResourceURLs").known()),
                verbs_span: span_of("verbs"),
                resources_span: span_of("resources"),
                span,
            });
        }
    }
    Role {
        cluster: r.rtype == "ClusterRole",
        obj,
        rules,
    }
}

pub(crate) fn binding(obj: Object, r: &Resource) -> Binding {
    let ref_span = r.span_of("roleRef");
    let mut subjects = Vec::new();
    if let Some(l) = r.attr("subjects").known().and_then(Node::as_list) {
        for n in l {
            let s = |k: &str| n.get(k).known().and_then(Node::as_str).map(str::to_string);
            subjects.push(Subject {
                kind: s("kind").unwrap_or_default(),
                name: s("name").unwrap_or_default(),
                namespace: s("namespace"),
                span: n.span.clone().unwrap_or_else(|| r.span.clone()),
            });
        }
    }
    Binding {
        cluster: r.rtype == "ClusterRoleBinding",
        role_kind: Tri::string(r.attr("roleRef.kind"), &ref_span, "roleRef.kind"),
        role_name: Tri::string(r.attr("roleRef.name"), &ref_span, "roleRef.name"),
        obj,
        subjects,
    }
}
