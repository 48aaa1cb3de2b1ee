//! Terraform plan JSON (`terraform show -json plan.out`) as palisade-model
//! resources.
//!
//! Resources come from `planned_values` (the root module and its child
//! modules), data sources read at plan time from `prior_state`; without
//! `planned_values`, from `resource_changes[].change.after`, then from
//! `prior_state.values` / `values` (a state file shown as JSON). Values marked
//! in `after_unknown` are [`Value::Unknown`]("known after apply"). References
//! recorded in `configuration` land on the matching attributes as
//! [`Node::refs`], qualified with the module instance address. See
//! `docs/terraform-plan.md`.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{
    Diagnostic, InstanceKey, Mode, Node, Parsed, Resource, SourceKind, Span, Value,
};
use serde_json::{Map, Value as Json};

const MAX_MODULE_DEPTH: usize = 64;

/// Cheap content sniff on the first 64 KiB: a JSON object with Terraform's
/// `format_version` and plan (or state) sections.
pub fn looks_like_plan(text: &str) -> bool {
    let h = palisade_model::sniff_head(text);
    h.trim_start().starts_with('{')
        && h.contains("\"format_version\"")
        && (h.contains("\"planned_values\"")
            || h.contains("\"resource_changes\"")
            || h.contains("\"terraform_version\""))
}

/// Parses a plan. `locate` maps a resource's address without instance keys
/// (`module.net.aws_subnet.this`, `data.aws_iam_policy_document.p`; also
/// `module.net` for module calls) to its `.tf` source when the caller knows
/// it; otherwise the resource is located at its address in the plan text.
pub fn parse(path: Arc<str>, text: &str, locate: &dyn Fn(&str) -> Option<Span>) -> Parsed {
    let mut out = Parsed::default();
    let root: Json = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let (l, c) = (e.line().max(1) as u32, e.column().max(1) as u32);
            out.diagnostics.push(Diagnostic::error(
                "plan-json",
                format!("invalid plan JSON: {e}"),
                Span::new(path, l, c, l, c),
            ));
            return out;
        }
    };
    let file_span = Span::line(path.clone(), 1);
    let Some(top) = root.as_object() else {
        out.diagnostics.push(not_a_plan(file_span));
        return out;
    };
    if !top.contains_key("format_version") {
        out.diagnostics.push(not_a_plan(file_span));
        return out;
    }
    let index = AddressIndex::build(text);
    let changes: HashMap<&str, &Json> = top
        .get("resource_changes")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c.get("address")?.as_str()?, c)))
        .collect();
    let mut config = Config::default();
    if let Some(cfg) = top.get("configuration") {
        config.read(cfg);
    }

    let mut found: Vec<&Json> = Vec::new();
    let module = |key: &str| top.get(key).and_then(|v| v.get("root_module"));
    if let Some(root_module) = module("planned_values") {
        collect(root_module, &mut found, 0);
        // Data sources read during the plan live in the prior state.
        let mut prior = Vec::new();
        if let Some(m) = top
            .get("prior_state")
            .and_then(|s| s.get("values"))
            .and_then(|v| v.get("root_module"))
        {
            collect(m, &mut prior, 0);
        }
        let have: std::collections::HashSet<&str> = found
            .iter()
            .filter_map(|r| r.get("address")?.as_str())
            .collect();
        found.extend(prior.into_iter().filter(|r| {
            r.get("mode").and_then(Json::as_str) == Some("data")
                && r.get("address")
                    .and_then(Json::as_str)
                    .is_some_and(|a| !have.contains(a))
        }));
    } else if !changes.is_empty() {
        for c in top
            .get("resource_changes")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let deleted = c
                .pointer("/change/actions")
                .and_then(Json::as_array)
                .is_some_and(|a| a.len() == 1 && a[0] == "delete");
            if !deleted {
                found.push(c);
            }
        }
    } else if let Some(m) = top
        .get("prior_state")
        .and_then(|s| s.get("values"))
        .or_else(|| top.get("values"))
        .and_then(|v| v.get("root_module"))
    {
        collect(m, &mut found, 0);
    }

    for r in found {
        if let Some(res) = resource(&path, r, &changes, &config, &index, locate) {
            out.resources.push(res);
        }
    }
    out
}

fn not_a_plan(span: Span) -> Diagnostic {
    Diagnostic::warning(
        "plan-not-a-plan",
        "not a Terraform plan: no `format_version` object (expected `terraform show -json` output)",
        span,
    )
}

/// The resources of a module and its child modules, depth-first.
fn collect<'a>(module: &'a Json, out: &mut Vec<&'a Json>, depth: usize) {
    if depth > MAX_MODULE_DEPTH {
        return;
    }
    out.extend(
        module
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten(),
    );
    for child in module
        .get("child_modules")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        collect(child, out, depth + 1);
    }
}

/// Parts of a resource address.
struct Addr {
    /// `module.a["k"].module.b` (with instance keys), empty at the root.
    module_address: String,
    /// `["a", "b"]`.
    module_path: Vec<String>,
    /// The address without any instance key: `module.a.module.b.aws_x.y`.
    base: String,
}

fn split_address(address: &str, mode: Mode, rtype: &str, name: &str) -> Addr {
    let segs = palisade_model::address_segments(address);
    let mut i = 0;
    let mut module_segs = Vec::new();
    let mut module_path = Vec::new();
    while i + 1 < segs.len() && segs[i] == "module" && segs.len() - i > 2 {
        module_segs.push(format!("module.{}", segs[i + 1]));
        let n = segs[i + 1];
        module_path.push(n.split('[').next().unwrap_or(n).to_string());
        i += 2;
    }
    let mut base: Vec<String> = module_path.iter().map(|m| format!("module.{m}")).collect();
    if mode == Mode::Data {
        base.push("data".into());
    }
    base.push(format!("{rtype}.{name}"));
    Addr {
        module_address: module_segs.join("."),
        module_path,
        base: base.join("."),
    }
}

fn resource(
    path: &Arc<str>,
    r: &Json,
    changes: &HashMap<&str, &Json>,
    config: &Config,
    index: &AddressIndex,
    locate: &dyn Fn(&str) -> Option<Span>,
) -> Option<Resource> {
    let address = r.get("address")?.as_str()?;
    let rtype = r.get("type")?.as_str()?;
    let name = r.get("name")?.as_str()?;
    let mode = match r.get("mode").and_then(Json::as_str) {
        Some("data") => Mode::Data,
        _ => Mode::Managed,
    };
    let addr = split_address(address, mode, rtype, name);
    let span = locate(&addr.base)
        .or_else(|| index.span(path, address))
        .unwrap_or_else(|| Span::line(path.clone(), 1));
    let change = changes.get(address).and_then(|c| c.get("change"));
    // From planned_values/state: `values`; from resource_changes: `change.after`.
    let values = r
        .get("values")
        .or_else(|| r.pointer("/change/after"))
        .cloned()
        .unwrap_or(Json::Object(Map::new()));
    let mut attrs = Node::from_json(&values, Some(&span));
    if !matches!(attrs.value, Value::Map(_)) {
        attrs = Node::map(IndexMap::new(), Some(span.clone()));
    }
    if let Some(unk) = change.and_then(|c| c.get("after_unknown")) {
        overlay_unknown(&mut attrs, unk, &span);
    }
    let cfg_key = match mode {
        Mode::Data => format!("{}data.{rtype}.{name}", module_prefix(&addr.module_path)),
        _ => format!("{}{rtype}.{name}", module_prefix(&addr.module_path)),
    };
    let cfg = config.resources.get(&cfg_key);
    if let Some(exprs) = cfg.and_then(|c| c.expressions) {
        let prefix = if addr.module_address.is_empty() {
            String::new()
        } else {
            format!("{}.", addr.module_address)
        };
        attach_refs(&mut attrs, exprs, &prefix, 0);
    }
    let mut res = Resource::new(SourceKind::TerraformPlan, rtype, name, span, attrs);
    res.address = address.to_string();
    res.mode = mode;
    res.scope = path.clone();
    res.instance = match r.get("index") {
        Some(Json::Number(n)) => n.as_u64().map(InstanceKey::Index),
        Some(Json::String(s)) => Some(InstanceKey::Key(s.clone())),
        _ => None,
    };
    let mut call = String::new();
    for m in &addr.module_path {
        if !call.is_empty() {
            call.push('.');
        }
        call.push_str("module.");
        call.push_str(m);
        if let Some(s) = locate(&call) {
            res.call_sites.push(s);
        }
    }
    res.module_path = addr.module_path;
    if !addr.module_address.is_empty() {
        res.meta
            .insert("module_address".into(), addr.module_address);
    }
    if let Some(p) = r.get("provider_name").and_then(Json::as_str) {
        res.meta.insert("provider".into(), p.to_string());
    }
    if let Some(a) = change
        .and_then(|c| c.get("actions"))
        .and_then(Json::as_array)
    {
        let a: Vec<&str> = a.iter().filter_map(Json::as_str).collect();
        res.meta.insert("actions".into(), a.join(","));
    }
    let provider_key = cfg.and_then(|c| c.provider_key.as_deref());
    let region = provider_key
        .and_then(|k| config.regions.get(k))
        .or_else(|| {
            rtype
                .starts_with("aws_")
                .then(|| config.regions.get("aws"))
                .flatten()
        });
    if let Some(region) = region {
        res.meta.insert("region".into(), region.clone());
    }
    Some(res)
}

fn module_prefix(path: &[String]) -> String {
    path.iter().map(|m| format!("module.{m}.")).collect()
}

/// Marks the paths that are `true` in `after_unknown` as unknown.
fn overlay_unknown(node: &mut Node, unk: &Json, span: &Span) {
    match unk {
        Json::Bool(true) => *node = Node::unknown("known after apply", Some(span.clone())),
        Json::Object(m) => {
            if matches!(node.value, Value::Null) {
                node.value = Value::Map(IndexMap::new());
            }
            let Value::Map(map) = &mut node.value else {
                return;
            };
            for (k, u) in m {
                if !contains_true(u) {
                    continue;
                }
                let child = map
                    .entry(k.clone())
                    .or_insert_with(|| Node::null(Some(span.clone())));
                overlay_unknown(child, u, span);
            }
        }
        Json::Array(a) => {
            if matches!(node.value, Value::Null) {
                node.value = Value::List(Vec::new());
            }
            let Value::List(list) = &mut node.value else {
                return;
            };
            for (i, u) in a.iter().enumerate() {
                if !contains_true(u) {
                    continue;
                }
                if i >= list.len() {
                    list.push(Node::null(Some(span.clone())));
                }
                if let Some(child) = list.get_mut(i) {
                    overlay_unknown(child, u, span);
                }
            }
        }
        _ => {}
    }
}

fn contains_true(v: &Json) -> bool {
    match v {
        Json::Bool(b) => *b,
        Json::Object(m) => m.values().any(contains_true),
        Json::Array(a) => a.iter().any(contains_true),
        _ => false,
    }
}

/// An expression (`{"references": [...], "constant_value": ...}`) as opposed
/// to a nested block (a map of attribute expressions).
fn is_expression(v: &Map<String, Json>) -> bool {
    v.keys().all(|k| k == "references" || k == "constant_value")
}

/// Puts the references of the configuration's expressions on the matching
/// attribute nodes.
fn attach_refs(node: &mut Node, exprs: &Map<String, Json>, prefix: &str, depth: usize) {
    if depth > 32 {
        return;
    }
    // A block written once is a list of one map in the values.
    let node = match &mut node.value {
        Value::List(l) if l.len() == 1 => &mut l[0],
        _ => node,
    };
    let Value::Map(map) = &mut node.value else {
        return;
    };
    for (k, e) in exprs {
        let Some(child) = map.get_mut(k) else {
            continue;
        };
        match e {
            Json::Object(o) if is_expression(o) => {
                for r in o
                    .get("references")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                {
                    let Some(r) = r.as_str() else { continue };
                    if let Some(q) = qualify(r, prefix)
                        && !child.refs.contains(&q)
                    {
                        child.refs.push(q);
                    }
                }
            }
            Json::Object(o) => attach_refs(child, o, prefix, depth + 1),
            Json::Array(blocks) => {
                if let Value::List(items) = &mut child.value {
                    for (b, item) in blocks.iter().zip(items.iter_mut()) {
                        if let Some(b) = b.as_object() {
                            attach_refs(item, b, prefix, depth + 1);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A reference to a resource, data source or module, qualified with the
/// referring module's address; `None` for variables, locals and the like.
fn qualify(r: &str, prefix: &str) -> Option<String> {
    const LOCAL: &[&str] = &[
        "var.",
        "local.",
        "each.",
        "count.",
        "path.",
        "terraform.",
        "self.",
    ];
    if LOCAL.iter().any(|p| r.starts_with(p)) || !r.contains('.') {
        return None;
    }
    Some(format!("{prefix}{r}"))
}

struct CfgResource<'a> {
    expressions: Option<&'a Map<String, Json>>,
    provider_key: Option<String>,
}

#[derive(Default)]
struct Config<'a> {
    /// `module.a.aws_x.y` / `module.a.data.aws_x.y` → its configuration.
    resources: HashMap<String, CfgResource<'a>>,
    /// Provider config key (`aws`, `aws.west`, `module.m:aws`) → region.
    regions: HashMap<String, String>,
}

impl<'a> Config<'a> {
    fn read(&mut self, cfg: &'a Json) {
        for (key, p) in cfg
            .get("provider_config")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(r) = p
                .pointer("/expressions/region/constant_value")
                .and_then(Json::as_str)
            {
                self.regions.insert(key.clone(), r.to_string());
            }
        }
        if let Some(root) = cfg.get("root_module") {
            self.module(root, "", 0);
        }
    }

    fn module(&mut self, m: &'a Json, prefix: &str, depth: usize) {
        if depth > MAX_MODULE_DEPTH {
            return;
        }
        for r in m
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let Some(addr) = r.get("address").and_then(Json::as_str) else {
                continue;
            };
            self.resources.insert(
                format!("{prefix}{addr}"),
                CfgResource {
                    expressions: r.get("expressions").and_then(Json::as_object),
                    provider_key: r
                        .get("provider_config_key")
                        .and_then(Json::as_str)
                        .map(str::to_string),
                },
            );
        }
        for (name, call) in m
            .get("module_calls")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(child) = call.get("module") {
                self.module(child, &format!("{prefix}module.{name}."), depth + 1);
            }
        }
    }
}

/// Where each `"address": "..."` first appears in the plan text, built in
/// one pass.
struct AddressIndex {
    at: HashMap<String, (u32, u32)>,
}

impl AddressIndex {
    fn build(text: &str) -> Self {
        const KEY: &str = "\"address\"";
        let bytes = text.as_bytes();
        let mut at = HashMap::new();
        let (mut line, mut line_start, mut scanned) = (1u32, 0usize, 0usize);
        for (pos, _) in text.match_indices(KEY) {
            for (i, b) in bytes[scanned..pos].iter().enumerate() {
                if *b == b'\n' {
                    line += 1;
                    line_start = scanned + i + 1;
                }
            }
            scanned = pos;
            let rest = text[pos + KEY.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(lit) = string_literal(rest) else {
                continue;
            };
            if let Ok(s) = serde_json::from_str::<String>(lit) {
                let col = (pos - line_start + 1) as u32;
                at.entry(s).or_insert((line, col));
            }
        }
        AddressIndex { at }
    }

    fn span(&self, path: &Arc<str>, address: &str) -> Option<Span> {
        let (l, c) = self.at.get(address)?;
        Some(Span::new(path.clone(), *l, *c, *l, *c))
    }
}

/// The JSON string literal at the start of `s`, quotes included.
fn string_literal(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return s.get(..=i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_addresses() {
        let a = split_address(
            r#"module.a["x"].data.aws_iam_policy_document.p"#,
            Mode::Data,
            "aws_iam_policy_document",
            "p",
        );
        assert_eq!(a.module_address, r#"module.a["x"]"#);
        assert_eq!(a.module_path, ["a"]);
        assert_eq!(a.base, "module.a.data.aws_iam_policy_document.p");
    }

    #[test]
    fn qualifies_references() {
        assert_eq!(
            qualify("aws_kms_key.k.arn", "module.a."),
            Some("module.a.aws_kms_key.k.arn".into())
        );
        assert_eq!(qualify("var.x", ""), None);
        assert_eq!(qualify("each.value", ""), None);
    }
}
