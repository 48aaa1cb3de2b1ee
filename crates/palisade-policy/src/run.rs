//! Evaluation: every selected package's `deny*`, `violation*` and `warn*`
//! rules on every input, minus `exception`s, in parallel.

use palisade_engine::{
    Category, Finding, FindingResource, RuleInfo, Severity, Status, fingerprint,
};
use palisade_model::{Model, SourceKind, Span};
use rayon::prelude::*;
use serde::Serialize;

use crate::Input;
use crate::load::{PolicyError, PolicySet, error_line};
use crate::meta::PolicyMeta;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResultKind {
    Deny,
    Violation,
    Warn,
}

impl ResultKind {
    fn of(rule: &str) -> Option<ResultKind> {
        let is = |p: &str| rule == p || rule.strip_prefix(p).is_some_and(|s| s.starts_with('_'));
        if is("deny") {
            Some(ResultKind::Deny)
        } else if is("violation") {
            Some(ResultKind::Violation)
        } else if is("warn") {
            Some(ResultKind::Warn)
        } else {
            None
        }
    }
}

/// One result of one policy rule on one input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyResult {
    pub kind: ResultKind,
    pub package: String,
    pub rule: String,
    pub msg: String,
    /// Metadata from the result object (wins), the rule's annotation and the
    /// package's.
    pub meta: PolicyMeta,
    /// Index of the input.
    pub input: usize,
    /// An attribute path the result names (`"attribute"` in the object).
    pub attribute: Option<String>,
    /// An explicit location in the result object (`"location": {path, line}`).
    pub location: Option<(String, u32)>,
}

#[derive(Debug, Default)]
pub struct EvalOutput {
    pub results: Vec<PolicyResult>,
    pub errors: Vec<PolicyError>,
    /// Number of (input × rule) evaluations.
    pub evaluations: usize,
}

fn to_json(v: &regorus::Value) -> serde_json::Value {
    v.to_json_str()
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Result values: a set or array of strings or objects, a string, or true.
fn result_items(v: &serde_json::Value) -> Vec<serde_json::Value> {
    match v {
        serde_json::Value::Array(a) => a.clone(),
        serde_json::Value::Null | serde_json::Value::Bool(false) => Vec::new(),
        other => vec![other.clone()],
    }
}

impl PolicySet {
    /// Result rules of a package: `deny*`, `violation*`, `warn*`.
    fn result_rules(&self, pkg: &str) -> Vec<String> {
        self.packages
            .get(pkg)
            .map(|p| {
                p.rules
                    .keys()
                    .filter(|r| ResultKind::of(r).is_some())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// For each selected package whose result rules all require
    /// `input.type` to be one of a few literals: those types.
    fn type_guards(
        &self,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let result_rules: std::collections::BTreeMap<String, Vec<String>> = self
            .selected
            .iter()
            .map(|p| (p.clone(), self.result_rules(p)))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        let sources = self.engine.get_policies().unwrap_or_default();
        crate::guard::type_guards(
            sources.iter().map(|s| s.get_contents().as_str()),
            &result_rules,
        )
    }

    /// The resource types any selected package can produce results for, when
    /// every package says (by `input.type == …` guards); `None` when some
    /// package may match any input. Model-mode inputs of other types need
    /// not be built at all.
    pub fn input_types(&self) -> Option<std::collections::BTreeSet<String>> {
        let guards = self.type_guards();
        let mut all = std::collections::BTreeSet::new();
        for p in &self.selected {
            if self.result_rules(p).is_empty() {
                continue;
            }
            all.extend(guards.get(p)?.iter().cloned());
        }
        Some(all)
    }

    /// Evaluates every selected package on every input.
    pub fn eval(&self, inputs: &[Input]) -> EvalOutput {
        let pkgs: Vec<(String, Vec<String>, bool)> = self
            .selected
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    self.result_rules(p),
                    self.packages
                        .get(p)
                        .is_some_and(|x| x.rules.contains_key("exception")),
                )
            })
            .filter(|(_, r, _)| !r.is_empty())
            .collect();
        if pkgs.is_empty() || inputs.is_empty() {
            return EvalOutput::default();
        }
        // Packages whose result rules all require `input.type` to be one of
        // a few literals are not evaluated on inputs of other types.
        let guards = self.type_guards();
        let chunk = (inputs.len() / (rayon::current_num_threads() * 4)).clamp(1, 256);
        let parts: Vec<EvalOutput> = inputs
            .par_chunks(chunk)
            .enumerate()
            // One engine per worker, not per chunk: cloning one is not free.
            .map_init(
                || self.engine.clone(),
                |engine, (ci, items)| {
                    let mut out = EvalOutput::default();
                    for (k, input) in items.iter().enumerate() {
                        let idx = ci * chunk + k;
                        // Packages that can match this input; none, and the input is
                        // not even converted.
                        let itype = input.value.get("type").and_then(|t| t.as_str());
                        let applicable = |pkg: &String| match guards.get(pkg) {
                            Some(types) => itype.is_some_and(|t| types.contains(t)),
                            None => true,
                        };
                        if !pkgs.iter().any(|(p, _, _)| applicable(p)) {
                            continue;
                        }
                        // Deserialized straight from the JSON tree, without a copy.
                        let value =
                            <regorus::Value as serde::Deserialize>::deserialize(&input.value)
                                .unwrap_or(regorus::Value::Undefined);
                        engine.set_input(value);
                        for (pkg, rules, has_exception) in &pkgs {
                            if !applicable(pkg) {
                                continue;
                            }
                            let excepted: Vec<String> = if *has_exception {
                                match engine.eval_rule(format!("data.{pkg}.exception")) {
                                    Ok(v) => result_items(&to_json(&v))
                                        .iter()
                                        .flat_map(result_items)
                                        .filter_map(|x| x.as_str().map(str::to_string))
                                        .collect(),
                                    Err(e) => {
                                        out.errors.push(self.runtime_error(
                                            pkg,
                                            "exception",
                                            &e.to_string(),
                                        ));
                                        Vec::new()
                                    }
                                }
                            } else {
                                Vec::new()
                            };
                            for rule in rules {
                                out.evaluations += 1;
                                let suffix = rule.split_once('_').map(|(_, s)| s).unwrap_or("");
                                if excepted.iter().any(|e| e == suffix) {
                                    continue;
                                }
                                let v = match engine.eval_rule(format!("data.{pkg}.{rule}")) {
                                    Ok(v) => v,
                                    Err(e) => {
                                        out.errors.push(self.runtime_error(
                                            pkg,
                                            rule,
                                            &e.to_string(),
                                        ));
                                        continue;
                                    }
                                };
                                if v == regorus::Value::Undefined {
                                    continue;
                                }
                                let Some(kind) = ResultKind::of(rule) else {
                                    continue;
                                };
                                let base = self.effective_meta(pkg, rule);
                                for item in result_items(&to_json(&v)) {
                                    let (msg, obj_meta, attribute, location) = match &item {
                                        serde_json::Value::String(s) => {
                                            (s.clone(), PolicyMeta::default(), None, None)
                                        }
                                        serde_json::Value::Object(o) => {
                                            let msg = o
                                                .get("msg")
                                                .or_else(|| o.get("message"))
                                                .and_then(|m| m.as_str())
                                                .unwrap_or(rule)
                                                .to_string();
                                            let mut meta = PolicyMeta::from_json(&item);
                                            if let Some(m) =
                                                o.get("metadata").or_else(|| o.get("details"))
                                            {
                                                meta = meta.or(&PolicyMeta::from_json(m));
                                            }
                                            let attribute = o
                                                .get("attribute")
                                                .and_then(|a| a.as_str())
                                                .map(str::to_string);
                                            let location = o.get("location").and_then(|l| {
                                                Some((
                                                    l.get("path")?.as_str()?.to_string(),
                                                    l.get("line")
                                                        .or_else(|| l.get("start_line"))
                                                        .and_then(|x| x.as_u64())
                                                        .unwrap_or(1)
                                                        as u32,
                                                ))
                                            });
                                            (msg, meta, attribute, location)
                                        }
                                        serde_json::Value::Bool(true) => {
                                            (rule.clone(), PolicyMeta::default(), None, None)
                                        }
                                        other => {
                                            (other.to_string(), PolicyMeta::default(), None, None)
                                        }
                                    };
                                    let meta = obj_meta.or(&base);
                                    out.results.push(PolicyResult {
                                        kind,
                                        package: pkg.clone(),
                                        rule: rule.clone(),
                                        msg,
                                        meta,
                                        input: idx,
                                        attribute,
                                        location,
                                    });
                                }
                            }
                        }
                    }
                    out
                },
            )
            .collect();
        let mut all = EvalOutput::default();
        for p in parts {
            all.results.extend(p.results);
            all.errors.extend(p.errors);
            all.evaluations += p.evaluations;
        }
        all.results.sort_by(|a, b| {
            (a.input, &a.package, &a.rule, &a.msg).cmp(&(b.input, &b.package, &b.rule, &b.msg))
        });
        all.results.dedup();
        all.errors.sort();
        all.errors.dedup();
        all
    }

    fn runtime_error(&self, pkg: &str, rule: &str, msg: &str) -> PolicyError {
        let (path, line) = self
            .packages
            .get(pkg)
            .and_then(|p| p.rules.get(rule))
            .map(|r| (r.path.clone(), r.line))
            .unwrap_or_default();
        let line = if path.is_empty() {
            line.max(1)
        } else {
            error_line(msg, &path).max(if error_line(msg, &path) == 1 { line } else { 1 })
        };
        let first = crate::load::first_line(msg);
        PolicyError {
            path,
            line: line.max(1),
            message: format!("data.{pkg}.{rule}: evaluation failed: {first}"),
        }
    }

    /// A rule's metadata: its own annotation, then its package's. A package
    /// id inherited by several result rules is suffixed with the rule name,
    /// so each rule keeps an id of its own.
    pub fn effective_meta(&self, pkg: &str, rule: &str) -> PolicyMeta {
        let Some(p) = self.packages.get(pkg) else {
            return PolicyMeta::default();
        };
        let own = p
            .rules
            .get(rule)
            .map(|r| r.meta.clone())
            .unwrap_or_default();
        let mut inherited = p.meta.clone();
        if let Some(id) = &inherited.id {
            // Result rules that would inherit it (those without an id of their own).
            let results = p
                .rules
                .iter()
                .filter(|(n, r)| ResultKind::of(n).is_some() && r.meta.id.is_none())
                .count();
            if results > 1 {
                inherited.id = Some(format!("{id}/{rule}"));
            }
        }
        own.or(&inherited)
    }

    fn rule_id(pkg: &str, rule: &str, meta: &PolicyMeta) -> String {
        meta.id.clone().unwrap_or_else(|| format!("{pkg}.{rule}"))
    }

    /// Rule metadata for every result rule of the selected packages.
    pub fn rule_infos(&self) -> Vec<RuleInfo> {
        let mut v = Vec::new();
        for pkg in &self.selected {
            let Some(p) = self.packages.get(pkg) else {
                continue;
            };
            for name in p.rules.keys() {
                let Some(kind) = ResultKind::of(name) else {
                    continue;
                };
                let meta = self.effective_meta(pkg, name);
                v.push(info(pkg, name, kind, &meta));
            }
        }
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v.dedup_by(|a, b| a.id == b.id);
        v
    }

    /// Turns results into located findings.
    pub fn findings(
        &self,
        out: &EvalOutput,
        inputs: &[Input],
        model: Option<&Model>,
    ) -> Vec<Finding> {
        let mut v: Vec<Finding> = out
            .results
            .iter()
            .filter_map(|r| {
                let input = inputs.get(r.input)?;
                let info = info(&r.package, &r.rule, r.kind, &r.meta);
                let resource = input.resource.zip(model).map(|(id, m)| (id, m.get(id)));
                let mut span = input.span.clone();
                let mut attr = String::new();
                if let (Some(a), Some((_, res))) = (&r.attribute, resource) {
                    span = res.span_of(a);
                    attr = a.clone();
                } else if let Some((p, line)) = &r.location {
                    span = Span::line(p.as_str().into(), *line);
                } else if resource.is_none()
                    && let Some(m) = model
                    && let Some(found) = locate_by_name(m, &input.span, &r.msg)
                {
                    span = found;
                }
                let (address, fres) = match resource {
                    Some((_, res)) => (res.address.clone(), FindingResource::of(res)),
                    None => {
                        let addr = format!("{}#{}", input.span.path, input.span.start_line);
                        (
                            addr.clone(),
                            FindingResource {
                                address: addr,
                                rtype: "document".into(),
                                kind: guess_kind(&input.span.path),
                                module_path: Vec::new(),
                            },
                        )
                    }
                };
                let scope = resource
                    .map(|(_, res)| res.scope.to_string())
                    .unwrap_or_else(|| input.span.path.to_string());
                Some(Finding {
                    fingerprint: fingerprint(
                        &info.id,
                        &scope,
                        &address,
                        &format!("{attr}\u{0}{}", r.msg),
                    ),
                    rule_id: info.id.clone(),
                    title: info.title.clone(),
                    severity: info.severity,
                    category: info.category,
                    status: if r.kind == ResultKind::Warn {
                        Status::Warn
                    } else {
                        Status::Fail
                    },
                    resource: fres,
                    location: span,
                    message: r.msg.clone(),
                    unknown_reason: None,
                    frameworks: std::sync::Arc::new(info.frameworks.clone()),
                    related: Vec::new(),
                })
            })
            .collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        v
    }
}

fn guess_kind(path: &str) -> SourceKind {
    if path.ends_with(".tf") || path.ends_with(".tf.json") {
        SourceKind::Terraform
    } else if path.to_ascii_lowercase().contains("dockerfile") {
        SourceKind::Dockerfile
    } else {
        SourceKind::Kubernetes
    }
}

fn info(pkg: &str, rule: &str, kind: ResultKind, meta: &PolicyMeta) -> RuleInfo {
    let id = PolicySet::rule_id(pkg, rule, meta);
    RuleInfo {
        title: meta
            .title
            .clone()
            .unwrap_or_else(|| format!("Custom policy data.{pkg}.{rule}")),
        severity: meta.severity.unwrap_or(if kind == ResultKind::Warn {
            Severity::Low
        } else {
            Severity::Medium
        }),
        category: meta.category.unwrap_or(Category::Custom),
        frameworks: meta.frameworks.clone(),
        description: meta
            .description
            .clone()
            .unwrap_or_else(|| format!("Results of the Rego rule data.{pkg}.{rule}.")),
        help: meta
            .description
            .clone()
            .unwrap_or_else(|| format!("See the policy data.{pkg}.{rule}.")),
        help_uri: meta.related.first().cloned().unwrap_or_else(|| {
            "https://www.openpolicyagent.org/docs/latest/policy-language/".into()
        }),
        builtin: false,
        id,
    }
}

/// In document mode, a message naming a resource of that file (`"bucket
/// \`logs\` is public"`) is located at the resource.
fn locate_by_name(m: &Model, doc: &Span, msg: &str) -> Option<Span> {
    let mut best: Option<&palisade_model::Resource> = None;
    for r in &m.resources {
        if r.span.path != doc.path || r.span.start_line < doc.start_line || r.name.len() < 2 {
            continue;
        }
        let hit = msg.contains(&r.address)
            || [
                format!("`{}`", r.name),
                format!("'{}'", r.name),
                format!("\"{}\"", r.name),
                format!(" {} ", r.name),
            ]
            .iter()
            .any(|p| msg.contains(p.as_str()));
        if hit && best.is_none_or(|b| r.name.len() > b.name.len()) {
            best = Some(r);
        }
    }
    best.map(|r| r.span.clone())
}

/// `policy eval`: evaluates a query with an input, returns JSON.
pub fn eval_query(
    set: &PolicySet,
    input: &serde_json::Value,
    query: &str,
) -> Result<serde_json::Value, PolicyError> {
    let mut engine = set.engine.clone();
    let v = regorus::Value::from_json_str(&input.to_string()).map_err(|e| PolicyError {
        path: "<input>".into(),
        line: 1,
        message: e.to_string(),
    })?;
    engine.set_input(v);
    let r = engine
        .eval_query(query.to_string(), false)
        .map_err(|e| PolicyError {
            path: "<query>".into(),
            line: 1,
            message: e.to_string().lines().next().unwrap_or("").to_string(),
        })?;
    Ok(serde_json::to_value(&r).unwrap_or(serde_json::Value::Null))
}
