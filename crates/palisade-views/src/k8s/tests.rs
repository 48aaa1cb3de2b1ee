use std::sync::Arc;

use palisade_model::{Model, Node, Resource, SourceKind, Span};
use serde_json::json;

use super::*;

fn k8s(line: u32, doc: serde_json::Value) -> Resource {
    let kind = doc["kind"].as_str().unwrap_or("").to_string();
    let name = doc["metadata"]["name"].as_str().unwrap_or("").to_string();
    let ns = doc["metadata"]["namespace"]
        .as_str()
        .unwrap_or("default")
        .to_string();
    let span = Span::line(Arc::from("manifest.yaml"), line);
    let mut r = Resource::new(
        SourceKind::Kubernetes,
        kind.clone(),
        name.clone(),
        span.clone(),
        Node::from_json(&doc, Some(&span)),
    );
    r.address = format!("{kind}/{ns}/{name}");
    r.scope = Arc::from("k8s");
    r.meta.insert("namespace".into(), ns);
    r
}

fn views(docs: Vec<serde_json::Value>) -> (Model, K8sViews) {
    let rs = docs
        .into_iter()
        .enumerate()
        .map(|(i, d)| k8s(i as u32 * 10 + 1, d))
        .collect();
    let m = Model::new(rs, vec![]);
    let v = K8sViews::build(&m);
    (m, v)
}

#[test]
fn workloads_expose_their_pod_spec_and_containers() {
    let (_, v) = views(vec![
        json!({"kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
               "spec": {"template": {"metadata": {"annotations": {"a": "b"}},
                 "spec": {"hostNetwork": true,
                   "securityContext": {"runAsNonRoot": true, "runAsUser": 1000},
                   "initContainers": [{"name": "init", "image": "busybox"}],
                   "containers": [{"name": "app", "image": "nginx:1.27",
                      "securityContext": {"runAsUser": 0}}]}}}}),
        json!({"kind": "CronJob", "metadata": {"name": "nightly"},
               "spec": {"jobTemplate": {"spec": {"template": {"spec": {
                   "containers": [{"name": "job", "image": "alpine"}]}}}}}}),
        json!({"kind": "Pod", "metadata": {"name": "p"},
               "spec": {"containers": [{"name": "c"}], "ephemeralContainers": [{"name": "dbg"}]}}),
        json!({"kind": "ConfigMap", "metadata": {"name": "cm"}}),
    ]);
    assert_eq!(v.workloads.len(), 3);
    let d = &v.workloads[0];
    assert_eq!(d.obj.kind, "Deployment");
    assert_eq!(d.obj.effective_namespace, "shop");
    assert_eq!(d.pod_path, "spec.template.spec");
    assert_eq!(d.bool("hostNetwork").known(), Some(&true));
    assert_eq!(d.annotations.len(), 1);
    assert_eq!(d.containers.len(), 2);
    let app = d.app_containers().next().unwrap();
    assert_eq!(app.name, "app");
    assert_eq!(app.path, "spec.template.spec.containers.0");
    // Container overrides pod; otherwise the pod's setting applies.
    assert_eq!(d.effective_int(app, "runAsUser").known(), Some(&0));
    assert_eq!(d.effective_bool(app, "runAsNonRoot").known(), Some(&true));
    assert!(d.effective_bool(app, "privileged").is_absent());
    let init = &d.containers[1];
    assert_eq!(init.group, ContainerGroup::InitContainers);
    assert_eq!(d.effective_int(init, "runAsUser").known(), Some(&1000));

    let cj = &v.workloads[1];
    assert_eq!(cj.pod_path, "spec.jobTemplate.spec.template.spec");
    assert_eq!(cj.containers[0].name, "job");
    assert_eq!(cj.obj.namespace, Tri::Absent(cj.obj.span.clone()));
    assert_eq!(cj.obj.effective_namespace, "default");

    let p = &v.workloads[2];
    assert_eq!(p.containers.len(), 2);
    assert_eq!(p.containers[1].group, ContainerGroup::EphemeralContainers);
}

#[test]
fn unknown_values_stay_unknown() {
    let span = Span::line(Arc::from("manifest.yaml"), 1);
    let mut r = k8s(
        1,
        json!({"kind": "Pod", "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "securityContext": {"privileged": null}}]}}),
    );
    if let palisade_model::Value::Map(m) = &mut r.attrs.value
        && let Some(spec) = m.get_mut("spec")
        && let palisade_model::Value::Map(s) = &mut spec.value
    {
        s.insert(
            "hostPID".into(),
            Node::unknown("templated", Some(span.clone())),
        );
    }
    let m = Model::new(vec![r], vec![]);
    let v = K8sViews::build(&m);
    let w = &v.workloads[0];
    assert!(w.bool("hostPID").is_unknown());
    assert!(w.effective_bool(&w.containers[0], "privileged").is_absent());
}

#[test]
fn services_ingresses_and_network_policies() {
    let (_, v) = views(vec![
        json!({"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "LoadBalancer", "externalIPs": ["1.2.3.4"]}}),
        json!({"kind": "Ingress", "metadata": {"name": "i"}, "spec": {"rules": [{"host": "a.example.com"}]}}),
        json!({"kind": "Ingress", "metadata": {"name": "j"}, "spec": {"tls": [{"hosts": ["a"]}]}}),
        json!({"kind": "NetworkPolicy", "metadata": {"name": "deny", "namespace": "shop"},
               "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}),
        json!({"kind": "NetworkPolicy", "metadata": {"name": "open", "namespace": "shop"},
               "spec": {"podSelector": {}, "ingress": [{}]}}),
        json!({"kind": "NetworkPolicy", "metadata": {"name": "some", "namespace": "web"},
               "spec": {"podSelector": {"matchLabels": {"app": "x"}}}}),
    ]);
    assert_eq!(
        v.services[0].service_type.known().map(String::as_str),
        Some("LoadBalancer")
    );
    assert_eq!(v.services[0].external_ips.len(), 1);
    assert!(v.ingresses[0].tls.is_absent());
    assert_eq!(v.ingresses[0].hosts, vec!["a.example.com".to_string()]);
    assert_eq!(v.ingresses[1].tls.known(), Some(&true));
    let p = &v.network_policies;
    assert!(p[0].default_deny_ingress && p[0].default_deny_egress);
    assert!(!p[1].default_deny_ingress);
    assert_eq!(p[1].policy_types, vec!["Ingress".to_string()]);
    assert_eq!(p[1].allow_all_ingress.len(), 1);
    assert_eq!(p[2].selects_all_pods.known(), Some(&false));
    assert_eq!(v.policies_in("shop").count(), 2);
}

#[test]
fn rbac_roles_and_bindings() {
    let (_, v) = views(vec![
        json!({"kind": "ClusterRole", "metadata": {"name": "r"},
               "rules": [{"apiGroups": [""], "resources": ["pods/*"], "verbs": ["get", "create"]},
                         {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}),
        json!({"kind": "ClusterRoleBinding", "metadata": {"name": "b"},
               "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"},
               "subjects": [{"kind": "Group", "name": "system:masters"}]}),
        json!({"kind": "ServiceAccount", "metadata": {"name": "sa"}, "automountServiceAccountToken": false}),
        json!({"kind": "Namespace", "metadata": {"name": "shop", "labels": {"pod-security.kubernetes.io/enforce": "restricted"}}}),
        json!({"kind": "Secret", "metadata": {"name": "s"}}),
        json!({"kind": "PersistentVolumeClaim", "metadata": {"name": "data"}}),
    ]);
    let r = &v.roles[0];
    assert!(r.cluster);
    assert!(r.rules[0].has_resource("pods/exec"));
    assert!(!r.rules[0].has_resource("secrets"));
    assert!(r.rules[0].has_verb("create") && !r.rules[0].has_verb("delete"));
    assert!(
        r.rules[1].has_verb("delete")
            && r.rules[1].has_resource("secrets")
            && r.rules[1].has_group("apps")
    );
    let b = &v.bindings[0];
    assert!(b.cluster);
    assert_eq!(
        b.role_name.known().map(String::as_str),
        Some("cluster-admin")
    );
    assert_eq!(b.subjects[0].name, "system:masters");
    assert_eq!(v.service_accounts[0].automount_token.known(), Some(&false));
    assert_eq!(v.namespaces[0].labels.len(), 1);
    assert_eq!(v.secrets.len(), 1);
    assert_eq!(v.pvcs.len(), 1);
    assert_eq!(v.objects.len(), 6);
}
