//! Test support: the Terraform plan JSON (`terraform show -json plan.out`)
//! that terraform 1.x would produce for resources loaded from HCL.
//!
//! We cannot run terraform in tests, yet every check must hold for plans
//! exactly as it holds for the configuration they come from. This crate turns
//! the [`Resource`]s that `palisade-terraform` built for a configuration into
//! the plan document terraform writes for it:
//!
//! - `planned_values.root_module` with nested `child_modules` (each with its
//!   `address`), every managed resource with `address`, `mode`, `type`,
//!   `name`, `index`, `provider_name` and its known `values` (nested blocks as
//!   lists of objects, the shape the model already uses);
//! - `resource_changes` with `change.after` and `change.after_unknown`: a
//!   value the model holds as [`Value::Unknown`] is `null` in the values and
//!   `true` in `after_unknown`, nothing else is unknown;
//! - data sources whose values are all known in `prior_state` (read during
//!   the plan), those with unknowns planned as a `read` change;
//! - `configuration.root_module` (and `module_calls`) with
//!   `resources[].expressions.<attr>.references` built from the model's
//!   [`Node::refs`], so references link resources in plan mode too, and the
//!   provider `region` in `provider_config`.
//!
//! [`Mode::Meta`] resources (module calls, provider blocks, `terraform`
//! settings) are not resources of a plan and are left out.

use std::collections::BTreeMap;

use palisade_model::{InstanceKey, Mode, Node, Resource, SourceKind, Value, address_segments};
use serde_json::{Map, Value as Json, json};

/// The `terraform_version` written into synthesized plans.
pub const TERRAFORM_VERSION: &str = "1.9.8";
/// The plan `format_version` written into synthesized plans.
pub const FORMAT_VERSION: &str = "1.2";

const MAX_DEPTH: usize = 256;

/// Whether a resource exists in a plan: Terraform managed resources and data
/// sources, not module calls, provider blocks or `terraform` settings.
pub fn is_plannable(r: &Resource) -> bool {
    r.kind == SourceKind::Terraform && r.mode != Mode::Meta
}

/// How to synthesize.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// Attributes that every planned managed resource gets as "known after
    /// apply" when the model does not hold them (terraform computes `id` for
    /// every resource it creates, `arn` and `tags_all` for most AWS ones).
    /// Empty by default: exactly what the model holds unknown is unknown.
    pub computed: &'a [&'a str],
}

/// The attributes terraform computes on create for (most) AWS resources.
pub const AWS_COMPUTED: &[&str] = &["id", "arn", "tags_all"];

/// The plan JSON of these resources, pretty-printed.
pub fn synthesize_string(resources: &[Resource]) -> String {
    synthesize_string_with(resources, &Options::default())
}

/// [`synthesize_string`] with options.
pub fn synthesize_string_with(resources: &[Resource], opts: &Options<'_>) -> String {
    serde_json::to_string_pretty(&synthesize_with(resources, opts)).unwrap_or_default()
}

/// The plan JSON terraform 1.x would produce for these resources (those
/// that are not [plannable](is_plannable) are ignored).
pub fn synthesize(resources: &[Resource]) -> Json {
    synthesize_with(resources, &Options::default())
}

/// [`synthesize`] with options.
pub fn synthesize_with(resources: &[Resource], opts: &Options<'_>) -> Json {
    let mut planned = ModuleTree::default();
    let mut prior = ModuleTree::default();
    let mut changes = Vec::new();
    let mut config = ConfigTree::default();
    let mut regions: Vec<String> = Vec::new();

    for r in resources.iter().filter(|r| is_plannable(r)) {
        let module_address = module_address(r);
        let (mut values, mut unknown) = convert(&r.attrs, 0);
        if r.mode == Mode::Managed
            && let (Json::Object(v), Json::Object(u)) = (&mut values, &mut unknown)
        {
            for k in opts.computed {
                if !v.contains_key(*k) {
                    v.insert((*k).into(), Json::Null);
                    u.insert((*k).into(), Json::Bool(true));
                }
            }
        }
        let values = match values {
            Json::Object(_) => values,
            _ => Json::Object(Map::new()),
        };
        let unknown = match unknown {
            Json::Object(_) => unknown,
            _ => Json::Object(Map::new()),
        };
        let mode = if r.mode == Mode::Data {
            "data"
        } else {
            "managed"
        };
        let provider = provider_name(&r.rtype);
        let mut entry = Map::new();
        entry.insert("address".into(), json!(r.address));
        entry.insert("mode".into(), json!(mode));
        entry.insert("type".into(), json!(r.rtype));
        entry.insert("name".into(), json!(r.name));
        match &r.instance {
            Some(InstanceKey::Index(i)) => {
                entry.insert("index".into(), json!(i));
            }
            Some(InstanceKey::Key(k)) => {
                entry.insert("index".into(), json!(k));
            }
            None => {}
        }
        entry.insert("provider_name".into(), json!(provider));
        entry.insert("schema_version".into(), json!(0));

        let deferred_read = r.mode == Mode::Data && r.attrs.contains_unknown();
        if r.mode == Mode::Data && !deferred_read {
            // Read during the plan: its result is in the prior state.
            let mut e = entry.clone();
            e.insert("values".into(), values);
            e.insert("sensitive_values".into(), json!({}));
            prior.push(&module_address, Json::Object(e));
        } else {
            let mut e = entry.clone();
            e.insert("values".into(), values.clone());
            e.insert("sensitive_values".into(), json!({}));
            planned.push(&module_address, Json::Object(e));

            let mut c = Map::new();
            c.insert("address".into(), json!(r.address));
            if !module_address.is_empty() {
                c.insert("module_address".into(), json!(module_address));
            }
            for k in ["mode", "type", "name", "index", "provider_name"] {
                if let Some(v) = entry.get(k) {
                    c.insert(k.into(), v.clone());
                }
            }
            let action = if deferred_read { "read" } else { "create" };
            c.insert(
                "change".into(),
                json!({
                    "actions": [action],
                    "before": null,
                    "after": values,
                    "after_unknown": unknown,
                    "before_sensitive": false,
                    "after_sensitive": {},
                }),
            );
            changes.push(Json::Object(c));
        }

        // The configuration: one entry per declaration (instances merged).
        let region_key = r.meta.get("region").map(|region| {
            let i = regions.iter().position(|x| x == region).unwrap_or_else(|| {
                regions.push(region.clone());
                regions.len() - 1
            });
            if i == 0 {
                "aws".to_string()
            } else {
                format!("aws.region{i}")
            }
        });
        let strip = module_address.clone();
        let exprs = expressions(&r.attrs, &strip);
        let call_path = module_call_path(&module_address);
        let local = local_address(r);
        config.add(&call_path, &local, r, &provider, region_key, exprs);
    }

    let mut provider_config = Map::new();
    for (i, region) in regions.iter().enumerate() {
        let key = if i == 0 {
            "aws".to_string()
        } else {
            format!("aws.region{i}")
        };
        let mut p = Map::new();
        p.insert("name".into(), json!("aws"));
        p.insert("full_name".into(), json!(provider_name("aws_")));
        if i > 0 {
            p.insert("alias".into(), json!(format!("region{i}")));
        }
        p.insert(
            "expressions".into(),
            json!({"region": {"constant_value": region}}),
        );
        provider_config.insert(key, Json::Object(p));
    }

    let mut plan = Map::new();
    plan.insert("format_version".into(), json!(FORMAT_VERSION));
    plan.insert("terraform_version".into(), json!(TERRAFORM_VERSION));
    plan.insert(
        "planned_values".into(),
        json!({ "root_module": planned.render("", 0) }),
    );
    plan.insert("resource_changes".into(), Json::Array(changes));
    if !prior.is_empty() {
        plan.insert(
            "prior_state".into(),
            json!({
                "format_version": FORMAT_VERSION,
                "terraform_version": TERRAFORM_VERSION,
                "values": { "root_module": prior.render("", 0) },
            }),
        );
    }
    let mut cfg = Map::new();
    if !provider_config.is_empty() {
        cfg.insert("provider_config".into(), Json::Object(provider_config));
    }
    cfg.insert("root_module".into(), config.render(0));
    plan.insert("configuration".into(), Json::Object(cfg));
    Json::Object(plan)
}

/// `registry.terraform.io/hashicorp/<provider>` from the type's prefix.
fn provider_name(rtype: &str) -> String {
    let p = rtype.split('_').next().unwrap_or(rtype);
    format!("registry.terraform.io/hashicorp/{p}")
}

/// The resource's address within its module: `aws_x.y` or `data.aws_x.y`.
fn local_address(r: &Resource) -> String {
    if r.mode == Mode::Data {
        format!("data.{}.{}", r.rtype, r.name)
    } else {
        format!("{}.{}", r.rtype, r.name)
    }
}

/// The module instance address (`module.a["k"].module.b`), empty at the root.
fn module_address(r: &Resource) -> String {
    let base = r.base_address();
    let local = local_address(r);
    base.strip_suffix(&local)
        .map(|m| m.trim_end_matches('.').to_string())
        .unwrap_or_default()
}

/// `module.a["k"].module.b` → `["a", "b"]` (call names, no instance keys).
fn module_call_path(module_address: &str) -> Vec<String> {
    address_segments(module_address)
        .chunks(2)
        .filter_map(|c| match c {
            ["module", n] => Some(n.split('[').next().unwrap_or(n).to_string()),
            _ => None,
        })
        .collect()
}

/// The parent module instance of `module.a["k"].module.b`: `module.a["k"]`.
fn parent_module(address: &str) -> String {
    let segs = address_segments(address);
    let n = segs.len().saturating_sub(2);
    segs[..n].join(".")
}

/// Values and the `after_unknown` shape of a node.
fn convert(n: &Node, depth: usize) -> (Json, Json) {
    if depth > MAX_DEPTH {
        return (Json::Null, Json::Bool(false));
    }
    match &n.value {
        Value::Unknown(_) => (Json::Null, Json::Bool(true)),
        Value::List(l) => {
            let (vals, unks): (Vec<Json>, Vec<Json>) =
                l.iter().map(|x| convert(x, depth + 1)).unzip();
            (Json::Array(vals), Json::Array(unks))
        }
        Value::Map(m) => {
            let mut vals = Map::new();
            let mut unks = Map::new();
            for (k, x) in m {
                let (v, u) = convert(x, depth + 1);
                vals.insert(k.clone(), v);
                if u != Json::Bool(false) {
                    unks.insert(k.clone(), u);
                }
            }
            (Json::Object(vals), Json::Object(unks))
        }
        _ => (n.to_json(), Json::Bool(false)),
    }
}

/// The configuration `expressions` of a resource: nested blocks (lists of
/// objects) as arrays of block objects, every other attribute as one
/// expression whose `references` are those of its whole value, as terraform
/// records them.
fn expressions(attrs: &Node, module_address: &str) -> Map<String, Json> {
    block_exprs(attrs, module_address, 0)
}

fn block_exprs(block: &Node, module_address: &str, depth: usize) -> Map<String, Json> {
    let mut out = Map::new();
    let Value::Map(m) = &block.value else {
        return out;
    };
    for (k, child) in m {
        out.insert(k.clone(), attr_expr(child, module_address, depth + 1));
    }
    out
}

fn is_block_list(n: &Node) -> bool {
    match &n.value {
        Value::List(l) => {
            n.refs.is_empty() && !l.is_empty() && l.iter().all(|x| x.as_map().is_some())
        }
        _ => false,
    }
}

fn attr_expr(n: &Node, module_address: &str, depth: usize) -> Json {
    if depth < MAX_DEPTH && is_block_list(n) {
        let blocks = n
            .as_list()
            .unwrap_or_default()
            .iter()
            .map(|b| Json::Object(block_exprs(b, module_address, depth + 1)))
            .collect();
        return Json::Array(blocks);
    }
    let mut refs = Vec::new();
    collect_refs(n, &mut refs, 0);
    let mut e = Map::new();
    if refs.is_empty() {
        if !n.contains_unknown() {
            e.insert("constant_value".into(), n.to_json());
        }
    } else {
        let mut list = Vec::new();
        for r in refs {
            for x in terraform_references(&r, module_address) {
                if !list.contains(&x) {
                    list.push(x);
                }
            }
        }
        e.insert(
            "references".into(),
            Json::Array(list.into_iter().map(Json::String).collect()),
        );
    }
    Json::Object(e)
}

fn collect_refs(n: &Node, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for r in &n.refs {
        if !out.contains(r) {
            out.push(r.clone());
        }
    }
    match &n.value {
        Value::List(l) => l.iter().for_each(|x| collect_refs(x, out, depth + 1)),
        Value::Map(m) => m.values().for_each(|x| collect_refs(x, out, depth + 1)),
        _ => {}
    }
}

/// A model reference (scoped to the root module) as terraform lists it in
/// the referring module: relative to that module, followed by the object it
/// traverses (`aws_s3_bucket.b.id` → `aws_s3_bucket.b.id`, `aws_s3_bucket.b`;
/// with an instance key, also the resource without it).
fn terraform_references(r: &str, module_address: &str) -> Vec<String> {
    let local = if module_address.is_empty() {
        r
    } else {
        r.strip_prefix(module_address)
            .and_then(|x| x.strip_prefix('.'))
            .unwrap_or(r)
    };
    let segs = address_segments(local);
    let object_len = match segs.first() {
        Some(&"data") => 3,
        _ => 2,
    };
    let mut out = vec![local.to_string()];
    if segs.len() >= object_len {
        let object = segs[..object_len].join(".");
        if object != local {
            out.push(object.clone());
        }
        if let Some(i) = object.rfind('[')
            && object.ends_with(']')
        {
            out.push(object[..i].to_string());
        }
    }
    out
}

/// Planned (or prior) module instances by address.
#[derive(Default)]
struct ModuleTree {
    modules: BTreeMap<String, Vec<Json>>,
}

impl ModuleTree {
    fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    fn push(&mut self, address: &str, resource: Json) {
        let mut a = address.to_string();
        while !a.is_empty() {
            self.modules.entry(a.clone()).or_default();
            a = parent_module(&a);
        }
        self.modules
            .entry(address.to_string())
            .or_default()
            .push(resource);
    }

    fn render(&self, address: &str, depth: usize) -> Json {
        let mut m = Map::new();
        if !address.is_empty() {
            m.insert("address".into(), json!(address));
        }
        m.insert(
            "resources".into(),
            Json::Array(self.modules.get(address).cloned().unwrap_or_default()),
        );
        if depth < MAX_DEPTH {
            let children: Vec<Json> = self
                .modules
                .keys()
                .filter(|k| !k.is_empty() && parent_module(k) == address)
                .map(|k| self.render(k, depth + 1))
                .collect();
            if !children.is_empty() {
                m.insert("child_modules".into(), Json::Array(children));
            }
        }
        Json::Object(m)
    }
}

/// The configuration section: module calls by name, resources by address.
#[derive(Default)]
struct ConfigTree {
    resources: Vec<(String, Map<String, Json>)>,
    calls: BTreeMap<String, ConfigTree>,
}

impl ConfigTree {
    fn add(
        &mut self,
        call_path: &[String],
        local: &str,
        r: &Resource,
        provider: &str,
        region_key: Option<String>,
        exprs: Map<String, Json>,
    ) {
        if let Some((first, rest)) = call_path.split_first() {
            self.calls
                .entry(first.clone())
                .or_default()
                .add(rest, local, r, provider, region_key, exprs);
            return;
        }
        if let Some((_, existing)) = self.resources.iter_mut().find(|(a, _)| a == local) {
            if let Some(Json::Object(e)) = existing.get_mut("expressions") {
                merge_exprs(e, exprs, 0);
            }
            return;
        }
        let mut m = Map::new();
        m.insert("address".into(), json!(local));
        m.insert(
            "mode".into(),
            json!(if r.mode == Mode::Data {
                "data"
            } else {
                "managed"
            }),
        );
        m.insert("type".into(), json!(r.rtype));
        m.insert("name".into(), json!(r.name));
        let key = region_key
            .unwrap_or_else(|| provider.rsplit('/').next().unwrap_or(provider).to_string());
        m.insert("provider_config_key".into(), json!(key));
        m.insert("expressions".into(), Json::Object(exprs));
        m.insert("schema_version".into(), json!(0));
        if let Some(k) = &r.instance {
            let meta = match k {
                InstanceKey::Index(_) => "count_expression",
                InstanceKey::Key(_) => "for_each_expression",
            };
            m.insert(meta.into(), json!({}));
        }
        self.resources.push((local.to_string(), m));
    }

    fn render(&self, depth: usize) -> Json {
        let mut m = Map::new();
        m.insert(
            "resources".into(),
            Json::Array(
                self.resources
                    .iter()
                    .map(|(_, r)| Json::Object(r.clone()))
                    .collect(),
            ),
        );
        if !self.calls.is_empty() && depth < MAX_DEPTH {
            let mut calls = Map::new();
            for (name, child) in &self.calls {
                calls.insert(
                    name.clone(),
                    json!({ "source": format!("./{name}"), "module": child.render(depth + 1) }),
                );
            }
            m.insert("module_calls".into(), Json::Object(calls));
        }
        Json::Object(m)
    }
}

/// Merges the expressions of another instance of the same declaration: the
/// union of the references, blocks element by element.
fn merge_exprs(into: &mut Map<String, Json>, from: Map<String, Json>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (None, v) => {
                into.insert(k, v);
            }
            (Some(Json::Array(a)), Json::Array(b)) => {
                for (i, x) in b.into_iter().enumerate() {
                    match (a.get_mut(i), x) {
                        (Some(Json::Object(ao)), Json::Object(bo)) => {
                            merge_exprs(ao, bo, depth + 1)
                        }
                        (None, x) => a.push(x),
                        _ => {}
                    }
                }
            }
            (Some(Json::Object(a)), Json::Object(b)) => {
                let refs: Vec<Json> = b
                    .get("references")
                    .and_then(Json::as_array)
                    .cloned()
                    .unwrap_or_default();
                if !refs.is_empty() {
                    a.remove("constant_value");
                    let list = a
                        .entry("references")
                        .or_insert_with(|| Json::Array(Vec::new()));
                    if let Json::Array(l) = list {
                        for r in refs {
                            if !l.contains(&r) {
                                l.push(r);
                            }
                        }
                    }
                } else if a.get("constant_value") != b.get("constant_value") {
                    a.remove("constant_value");
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_relative_to_the_module_with_their_object() {
        assert_eq!(
            terraform_references("aws_s3_bucket.b.id", ""),
            ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]
        );
        assert_eq!(
            terraform_references("module.m[\"k\"].aws_s3_bucket.b[0].arn", "module.m[\"k\"]"),
            [
                "aws_s3_bucket.b[0].arn",
                "aws_s3_bucket.b[0]",
                "aws_s3_bucket.b"
            ]
        );
        assert_eq!(
            terraform_references("data.aws_iam_policy_document.p.json", ""),
            [
                "data.aws_iam_policy_document.p.json",
                "data.aws_iam_policy_document.p"
            ]
        );
    }

    #[test]
    fn module_addresses() {
        assert_eq!(
            module_call_path("module.a[\"x.y\"].module.b[0]"),
            ["a", "b"]
        );
        assert_eq!(
            parent_module("module.a[\"x.y\"].module.b[0]"),
            "module.a[\"x.y\"]"
        );
        assert_eq!(parent_module("module.a"), "");
    }
}
