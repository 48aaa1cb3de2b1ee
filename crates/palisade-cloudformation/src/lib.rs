//! CloudFormation templates (YAML and JSON) as palisade-model resources.
//!
//! Short-form tags are turned into their long forms, then every resource's
//! `Properties` are evaluated: parameters (defaults), pseudo parameters,
//! mappings, conditions and the intrinsic functions resolve where the
//! template alone decides them; everything else becomes
//! [`Value::Unknown`] with the reason. References to other resources (`Ref`,
//! `Fn::GetAtt`, `${Res.Attr}`) are unknown values carrying the logical id in
//! [`Node::refs`], so the model links resources. See `docs/cloudformation.md`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{Diagnostic, Node, Parsed, Resource, SourceKind, Span, Value};

mod eval;

use eval::Ctx;

/// Cheap content sniff on the first 64 KiB: a template version, or a
/// `Resources` section with AWS resource types.
pub fn looks_like_cloudformation(text: &str) -> bool {
    let head = palisade_model::sniff_head(text);
    head.contains("AWSTemplateFormatVersion")
        || (head.contains("Resources")
            && (head.contains("AWS::") || head.contains("Custom::") || head.contains("Alexa::")))
}

/// Parses a template. Never fails: problems are located diagnostics.
pub fn parse(path: Arc<str>, text: &str) -> Parsed {
    let mut out = Parsed::default();
    let opts = palisade_yaml::Options {
        yaml11: true,
        ..Default::default()
    };
    let (docs, diags) = palisade_yaml::load_with(&path, text, &opts);
    out.diagnostics.extend(diags);
    let file_span = Span::line(path.clone(), 1);
    let Some(root) = docs.into_iter().next() else {
        if out.diagnostics.is_empty() {
            out.diagnostics.push(Diagnostic::warning(
                "cfn-not-a-template",
                "not a CloudFormation template: the file is empty",
                file_span,
            ));
        }
        return out;
    };
    let root_span = root.span.clone().unwrap_or(file_span);
    let mut diags = Vec::new();
    let root = normalize(root, &mut diags);
    out.diagnostics.append(&mut diags);
    let Some(top) = root.as_map() else {
        out.diagnostics.push(Diagnostic::warning(
            "cfn-not-a-template",
            "not a CloudFormation template: the document is not a mapping",
            root_span,
        ));
        return out;
    };
    let Some(resources) = top.get("Resources").and_then(Node::as_map) else {
        out.diagnostics.push(Diagnostic::warning(
            "cfn-not-a-template",
            "not a CloudFormation template: no `Resources` mapping",
            root_span,
        ));
        return out;
    };
    let section = |name: &str| top.get(name).and_then(Node::as_map);
    let mut ctx = Ctx {
        path: path.clone(),
        params: params(section("Parameters")),
        mappings: section("Mappings").cloned().unwrap_or_default(),
        conditions: section("Conditions").cloned().unwrap_or_default(),
        resources: resources.keys().cloned().collect::<HashSet<_>>(),
        cond_cache: HashMap::new(),
        diags: Vec::new(),
    };
    for (id, body) in resources {
        let span = body.span.clone().unwrap_or_else(|| root_span.clone());
        if id.starts_with("Fn::ForEach") {
            ctx.diags.push(Diagnostic::note(
                "cfn-unsupported",
                format!("{id}: Fn::ForEach (AWS::LanguageExtensions) is not expanded"),
                span,
            ));
            continue;
        }
        let Some(b) = body.as_map() else {
            ctx.diags.push(Diagnostic::error(
                "cfn-bad-resource",
                format!("resource {id} is not a mapping"),
                span,
            ));
            continue;
        };
        let Some(rtype) = b.get("Type").and_then(Node::as_str) else {
            ctx.diags.push(Diagnostic::error(
                "cfn-missing-type",
                format!("resource {id} has no `Type`"),
                span,
            ));
            continue;
        };
        let mut meta = std::collections::BTreeMap::new();
        if let Some(c) = b.get("Condition") {
            let name = c.as_str().unwrap_or_default().to_string();
            match ctx.condition(&name, c.span.as_ref()) {
                eval::Tri::False => continue,
                eval::Tri::True => {}
                eval::Tri::Unknown(..) => {
                    meta.insert("condition_unknown".to_string(), "true".to_string());
                }
            }
            meta.insert("condition".to_string(), name);
        }
        if let Some(d) = b.get("DependsOn") {
            let v: Vec<&str> = match &d.value {
                Value::String(s) => vec![s],
                Value::List(l) => l.iter().filter_map(Node::as_str).collect(),
                _ => Vec::new(),
            };
            meta.insert("depends_on".to_string(), v.join(","));
        }
        if let Some(m) = b.get("Metadata") {
            meta.insert("metadata".to_string(), m.to_json().to_string());
        }
        for (key, name) in [
            ("DeletionPolicy", "deletion_policy"),
            ("UpdateReplacePolicy", "update_replace_policy"),
        ] {
            if let Some(s) = b.get(key).and_then(Node::as_str) {
                meta.insert(name.to_string(), s.to_string());
            }
        }
        let merged =
            sam_globals(top.get("Globals"), rtype).map(|g| with_globals(g, b.get("Properties"), 0));
        let attrs = match merged.as_ref().or(b.get("Properties")) {
            Some(p) => match ctx.eval(p) {
                Some(
                    n @ Node {
                        value: Value::Map(_),
                        ..
                    },
                ) => n,
                Some(n) if n.is_unknown() => n,
                _ => Node::map(IndexMap::new(), p.span.clone()),
            },
            None => Node::map(IndexMap::new(), Some(span.clone())),
        };
        let mut r = Resource::new(SourceKind::CloudFormation, rtype, id.clone(), span, attrs);
        r.address = id.clone();
        r.scope = path.clone();
        r.meta = meta;
        out.resources.push(r);
    }
    out.diagnostics.append(&mut ctx.diags);
    out
}

/// The SAM `Globals` section that applies to a resource type
/// (`Globals.Function` to `AWS::Serverless::Function`...), if any.
fn sam_globals<'a>(globals: Option<&'a Node>, rtype: &str) -> Option<&'a Node> {
    let section = match rtype {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        "AWS::Serverless::LayerVersion" => "LayerVersion",
        _ => return None,
    };
    globals?
        .as_map()?
        .get(section)
        .filter(|g| matches!(g.value, Value::Map(_)))
}

/// An intrinsic function or a reference (`{Ref: X}`, `{Fn::If: [...]}`):
/// a value, not a mapping of properties to merge.
fn is_intrinsic(n: &Node) -> bool {
    match n.as_map() {
        Some(m) if m.len() == 1 => m
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// The resource's properties over the SAM globals, as the transform merges
/// them: mappings merge key by key, lists are the global items followed by
/// the resource's, and any other value of the resource replaces the global
/// one. An intrinsic function on either side replaces rather than merges.
fn with_globals(global: &Node, local: Option<&Node>, depth: usize) -> Node {
    let Some(local) = local else {
        return global.clone();
    };
    if depth > 64 || is_intrinsic(global) || is_intrinsic(local) {
        return local.clone();
    }
    match (&global.value, &local.value) {
        (Value::Map(g), Value::Map(l)) => {
            let mut out = g.clone();
            for (k, v) in l {
                let merged = match g.get(k) {
                    Some(gv) => with_globals(gv, Some(v), depth + 1),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Node::map(out, local.span.clone())
        }
        (Value::List(g), Value::List(l)) => Node::list(
            g.iter().chain(l.iter()).cloned().collect(),
            local.span.clone(),
        ),
        _ => local.clone(),
    }
}

/// Parameter values: the default (split for list types), a single allowed
/// value, or unknown with the reason.
fn params(section: Option<&IndexMap<String, Node>>) -> IndexMap<String, Node> {
    let mut out = IndexMap::new();
    for (name, p) in section.into_iter().flatten() {
        let ptype = p.get("Type").known().and_then(Node::as_str).unwrap_or("");
        let default = p.get("Default").known().cloned();
        let allowed = p.get("AllowedValues").known().and_then(Node::as_list);
        let value = if ptype.starts_with("AWS::SSM::Parameter::Value") {
            let key = default.as_ref().map(scalar_text).unwrap_or_default();
            Node::unknown(
                format!("parameter {name} is read from SSM parameter {key:?} at deploy"),
                p.span.clone(),
            )
        } else {
            match (default, allowed) {
                (Some(d), _) => d,
                (None, Some([only])) => only.clone(),
                _ => Node::unknown(format!("parameter {name} has no default"), p.span.clone()),
            }
        };
        let is_list = ptype == "CommaDelimitedList" || ptype.starts_with("List<");
        let value = match (&value.value, is_list) {
            (Value::String(s), true) => Node::list(
                s.split(',')
                    .map(|x| Node::string(x.trim(), value.span.clone()))
                    .collect(),
                value.span.clone(),
            ),
            _ => value,
        };
        out.insert(name.clone(), value);
    }
    out
}

/// The text of a scalar as CloudFormation converts it to a string.
pub(crate) fn scalar_text(n: &Node) -> String {
    match &n.value {
        Value::String(s) => s.clone(),
        Value::Number(x) => x.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        _ => n.to_json().to_string(),
    }
}

/// The long form of each short-form tag.
fn long_form(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "!Ref" => "Ref",
        "!Condition" => "Condition",
        "!Sub" => "Fn::Sub",
        "!GetAtt" => "Fn::GetAtt",
        "!If" => "Fn::If",
        "!Join" => "Fn::Join",
        "!Select" => "Fn::Select",
        "!Split" => "Fn::Split",
        "!FindInMap" => "Fn::FindInMap",
        "!Base64" => "Fn::Base64",
        "!Cidr" => "Fn::Cidr",
        "!GetAZs" => "Fn::GetAZs",
        "!ImportValue" => "Fn::ImportValue",
        "!Equals" => "Fn::Equals",
        "!And" => "Fn::And",
        "!Or" => "Fn::Or",
        "!Not" => "Fn::Not",
        "!Transform" => "Fn::Transform",
        "!Length" => "Fn::Length",
        "!ToJsonString" => "Fn::ToJsonString",
        _ => return None,
    })
}

/// Rewrites short-form tags (`{"!Ref": x}` from palisade-yaml) to long forms
/// (`{"Ref": x}`); `!GetAtt a.b` becomes `["a", "b"]`.
fn normalize(node: Node, diags: &mut Vec<Diagnostic>) -> Node {
    let Node { value, span, refs } = node;
    let value = match value {
        Value::List(l) => Value::List(l.into_iter().map(|n| normalize(n, diags)).collect()),
        Value::Map(m) => {
            if m.len() == 1
                && let Some((k, _)) = m.first()
                && palisade_yaml::is_tag_key(k)
            {
                let Some((tag, inner)) = m.into_iter().next() else {
                    return Node::null(span);
                };
                let inner = normalize(inner, diags);
                let Some(long) = long_form(&tag) else {
                    diags.push(Diagnostic::error(
                        "cfn-bad-tag",
                        format!("unknown tag {tag}: the value is read without it"),
                        span.clone().unwrap_or_else(|| Span::line("".into(), 1)),
                    ));
                    return inner;
                };
                let inner = match (long, &inner.value) {
                    ("Fn::GetAtt", Value::String(s)) => match s.split_once('.') {
                        Some((a, b)) => Node::list(
                            vec![
                                Node::string(a, inner.span.clone()),
                                Node::string(b, inner.span.clone()),
                            ],
                            inner.span.clone(),
                        ),
                        None => inner,
                    },
                    _ => inner,
                };
                let mut out = IndexMap::new();
                out.insert(long.to_string(), inner);
                Value::Map(out)
            } else {
                Value::Map(
                    m.into_iter()
                        .map(|(k, v)| (k, normalize(v, diags)))
                        .collect(),
                )
            }
        }
        v => v,
    };
    Node { value, span, refs }
}
