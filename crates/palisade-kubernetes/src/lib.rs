//! Kubernetes manifests as palisade-model resources.
//!
//! Every object of a multi-document YAML (or JSON) file becomes one
//! [`Resource`]: `address` is `Kind/namespace/name` (or `Kind/name` for
//! cluster-scoped kinds), `attrs` the whole object, `scope` `k8s` (the
//! cluster). `List` kinds are expanded. Plain scalars are read with YAML 1.1
//! booleans (`privileged: yes` is `true`), as the API server does. Unrendered
//! Helm templates are skipped with a warning. See `docs/kubernetes.md`.

use std::sync::Arc;

use palisade_model::{Diagnostic, Node, Parsed, Resource, SourceKind, Span};

/// The scope of every Kubernetes resource: one cluster.
pub const SCOPE: &str = "k8s";

/// Kinds that live outside namespaces.
const CLUSTER_SCOPED: &[&str] = &[
    "APIService",
    "CertificateSigningRequest",
    "ClusterIssuer",
    "ClusterRole",
    "ClusterRoleBinding",
    "ComponentStatus",
    "CSIDriver",
    "CSINode",
    "CustomResourceDefinition",
    "FlowSchema",
    "IngressClass",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PodSecurityPolicy",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "RuntimeClass",
    "StorageClass",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
];

/// Whether objects of `kind` are cluster-scoped (unknown kinds, such as
/// custom resources, are taken as namespaced).
pub fn is_cluster_scoped(kind: &str) -> bool {
    CLUSTER_SCOPED.contains(&kind)
}

/// Cheap content sniff on the first 64 KiB: an `apiVersion` and a `kind` key.
pub fn looks_like_kubernetes(text: &str) -> bool {
    let h = palisade_model::sniff_head(text);
    (h.contains("apiVersion:") || h.contains("\"apiVersion\""))
        && (h.contains("kind:") || h.contains("\"kind\""))
}

/// Whether the text is an unrendered Helm (Go) template: a `{{` action that
/// stands where YAML structure or a plain value would be (a line starting
/// with `{{`, or `key: {{`, `- {{`). `{{` inside quoted strings or block
/// scalars (Prometheus rules in a ConfigMap) is data, not a template.
pub fn is_unrendered_template(text: &str) -> bool {
    if !text.contains("{{") {
        return false;
    }
    // Indentation of the line that opened a block scalar we are inside.
    let mut block: Option<usize> = None;
    for line in text.lines() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if content.is_empty() {
            continue;
        }
        if let Some(b) = block {
            if indent > b {
                continue;
            }
            block = None;
        }
        if content.starts_with('#') {
            continue;
        }
        if content.starts_with("{{") || content.contains(": {{") || content.starts_with("- {{") {
            return true;
        }
        let t = content.trim_end();
        let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        if t.ends_with(": |") || t.ends_with(": >") || t == "- |" || t == "- >" || t == "|" {
            block = Some(indent);
        }
    }
    false
}

/// Parses a manifest file. Never fails: problems are located diagnostics.
pub fn parse(path: Arc<str>, text: &str) -> Parsed {
    let mut out = Parsed::default();
    if is_unrendered_template(text) {
        out.diagnostics.push(Diagnostic::warning(
            "k8s-helm-template",
            "unrendered Helm template; render with `helm template` first",
            Span::line(path, 1),
        ));
        return out;
    }
    let opts = palisade_yaml::Options {
        yaml11: true,
        ..Default::default()
    };
    let (docs, diags) = palisade_yaml::load_with(&path, text, &opts);
    out.diagnostics.extend(diags);
    let scope: Arc<str> = SCOPE.into();
    for (i, doc) in docs.into_iter().enumerate() {
        object(&path, &scope, doc, i + 1, &mut out, 0);
    }
    out
}

fn str_at<'a>(n: &'a Node, path: &str) -> Option<&'a str> {
    n.path(path).known().and_then(Node::as_str)
}

fn object(
    path: &Arc<str>,
    scope: &Arc<str>,
    doc: Node,
    index: usize,
    out: &mut Parsed,
    depth: u32,
) {
    let span = doc
        .span
        .clone()
        .unwrap_or_else(|| Span::line(path.clone(), 1));
    if doc.as_map().is_none() {
        out.diagnostics.push(Diagnostic::note(
            "k8s-not-an-object",
            format!("document {index} is not a mapping; skipped"),
            span,
        ));
        return;
    }
    let (Some(api), Some(kind)) = (str_at(&doc, "apiVersion"), str_at(&doc, "kind")) else {
        out.diagnostics.push(Diagnostic::note(
            "k8s-not-an-object",
            format!(
                "document {index} has no apiVersion and kind; not a Kubernetes object, skipped"
            ),
            span,
        ));
        return;
    };
    let (api, kind) = (api.to_string(), kind.to_string());
    if kind.ends_with("List")
        && depth < 4
        && let Some(items) = doc.path("items").known().and_then(Node::as_list)
    {
        for item in items {
            object(path, scope, item.clone(), index, out, depth + 1);
        }
        return;
    }
    let name = str_at(&doc, "metadata.name")
        .or_else(|| str_at(&doc, "metadata.generateName"))
        .map(str::to_string);
    let name = match name {
        Some(n) => n,
        None => {
            out.diagnostics.push(Diagnostic::note(
                "k8s-no-name",
                format!("{kind} object has no metadata.name"),
                span.clone(),
            ));
            format!("unnamed-{}", span.start_line)
        }
    };
    let mut meta = std::collections::BTreeMap::new();
    let address = if is_cluster_scoped(&kind) {
        format!("{kind}/{name}")
    } else {
        let ns = str_at(&doc, "metadata.namespace")
            .unwrap_or("default")
            .to_string();
        let a = format!("{kind}/{ns}/{name}");
        meta.insert("namespace".to_string(), ns);
        a
    };
    meta.insert("apiVersion".to_string(), api);
    let mut r = Resource::new(SourceKind::Kubernetes, kind, name, span, doc);
    r.address = address;
    r.scope = scope.clone();
    r.meta = meta;
    out.resources.push(r);
}
