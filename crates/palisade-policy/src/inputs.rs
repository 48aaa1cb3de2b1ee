//! The two input modes.
//!
//! *Model* mode: one input per resource of the model, with its type,
//! address, attributes, relationships and source location (the schema is
//! `schema/policy-input-v1.json`, documented in `docs/policy-input.md`).
//!
//! *Document* mode (Conftest-compatible): each parsed file as Conftest gives
//! it: Terraform HCL in Conftest's HCL2 JSON shape, YAML and JSON as they
//! are (one input per YAML document), or all files together with
//! `--combine`.

use std::sync::Arc;

use palisade_model::{Model, ResourceId, Span, Value};
use serde_json::{Map, Value as Json, json};

/// The version of the model-mode input schema.
pub const INPUT_SCHEMA_VERSION: &str = "1";

/// One input document and where it came from.
#[derive(Clone, Debug)]
pub struct Input {
    pub value: Json,
    /// Where results on this input are reported by default.
    pub span: Span,
    /// The resource the input describes (model mode).
    pub resource: Option<ResourceId>,
}

fn unknown_paths(node: &palisade_model::Node) -> Vec<String> {
    let mut v = Vec::new();
    node.walk(&mut String::new(), &mut |p, n| {
        if let Value::Unknown(u) = &n.value {
            v.push(json!({"path": p, "reason": &*u.reason}).to_string());
        }
    });
    v
}

/// One input per resource.
pub fn model_inputs(model: &Model) -> Vec<Input> {
    model_inputs_of(model, None)
}

/// One input per resource whose type is in `types` (all when `None`).
pub fn model_inputs_of(
    model: &Model,
    types: Option<&std::collections::BTreeSet<String>>,
) -> Vec<Input> {
    model
        .ids()
        .filter(|id| types.is_none_or(|t| t.contains(&model.get(*id).rtype)))
        .map(|id| {
            let r = model.get(id);
            let refs: Vec<Json> = model
                .refs_from(id)
                .map(|e| {
                    let t = model.get(e.to);
                    json!({"address": t.address, "type": t.rtype, "attribute": e.path})
                })
                .collect();
            let back: Vec<Json> = model
                .refs_to(id)
                .map(|e| {
                    let f = model.get(e.from);
                    json!({"address": f.address, "type": f.rtype, "attribute": e.path})
                })
                .collect();
            let unknown: Vec<Json> = unknown_paths(&r.attrs).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
            let value = json!({
                "schema_version": INPUT_SCHEMA_VERSION,
                "kind": r.kind.as_str(),
                "type": r.rtype,
                "name": r.name,
                "address": r.address,
                "mode": match r.mode { palisade_model::Mode::Managed => "managed", palisade_model::Mode::Data => "data", palisade_model::Mode::Meta => "meta" },
                "module_path": r.module_path,
                "scope": &*r.scope,
                "attributes": r.attrs.to_json(),
                "unknown": unknown,
                "meta": r.meta,
                "references": refs,
                "referenced_by": back,
                "location": {"path": &*r.span.path, "start_line": r.span.start_line, "end_line": r.span.end_line},
            });
            Input { value, span: r.span.clone(), resource: Some(id) }
        })
        .collect()
}

/// A file for document mode: its path relative to the root, its text, and
/// what it is.
#[derive(Clone, Copy, Debug)]
pub struct DocumentFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// `terraform`, `dockerfile`, or anything else (parsed as YAML/JSON).
    pub kind: &'a str,
}

/// Conftest-style inputs: one per file (per YAML document), or one for all
/// files with `combine`.
pub fn document_inputs(files: &[DocumentFile<'_>], combine: bool) -> Vec<Input> {
    let mut out = Vec::new();
    for f in files {
        let path: Arc<str> = f.path.into();
        match f.kind {
            "terraform" => out.push(Input {
                value: crate::hcl::to_conftest_json(f.text),
                span: Span::line(path, 1),
                resource: None,
            }),
            "dockerfile" => out.push(Input {
                value: dockerfile_json(f.text),
                span: Span::line(path, 1),
                resource: None,
            }),
            _ => {
                let (docs, _) = palisade_yaml::load(&path, f.text);
                for d in docs {
                    let span = d
                        .span
                        .clone()
                        .unwrap_or_else(|| Span::line(path.clone(), 1));
                    out.push(Input {
                        value: d.to_json(),
                        span,
                        resource: None,
                    });
                }
            }
        }
    }
    if combine {
        let all: Vec<Json> = out
            .iter()
            .map(|i| json!({"path": &*i.span.path, "contents": i.value}))
            .collect();
        let span = out
            .first()
            .map(|i| Span::line(i.span.path.clone(), 1))
            .unwrap_or_else(|| Span::line("".into(), 1));
        return vec![Input {
            value: Json::Array(all),
            span,
            resource: None,
        }];
    }
    out
}

/// Conftest's Dockerfile shape: the input is the list of instructions, each
/// `{"Cmd", "Flags", "Value", "Stage"}` (policies read `input[i].Cmd`).
fn dockerfile_json(text: &str) -> Json {
    let mut cmds = Vec::new();
    let mut stage = -1i64;
    let mut logical = String::new();
    for line in text.lines() {
        let t = line.trim();
        if logical.is_empty() && (t.is_empty() || t.starts_with('#')) {
            continue;
        }
        if let Some(cont) = t.strip_suffix('\\') {
            logical.push_str(cont);
            logical.push(' ');
            continue;
        }
        logical.push_str(t);
        let full = std::mem::take(&mut logical);
        let mut parts = full.splitn(2, char::is_whitespace);
        let cmd = parts.next().unwrap_or("").to_ascii_lowercase();
        let rest = parts.next().unwrap_or("").trim();
        if cmd == "from" {
            stage += 1;
        }
        let mut flags = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let value: Vec<String> = if rest.starts_with('[') {
            serde_json::from_str(rest).unwrap_or_else(|_| vec![rest.to_string()])
        } else {
            for w in rest.split_whitespace() {
                if w.starts_with("--") && words.is_empty() {
                    flags.push(Json::String(w.to_string()));
                } else {
                    words.push(w.to_string());
                }
            }
            if matches!(cmd.as_str(), "run" | "cmd" | "entrypoint" | "shell") {
                vec![words.join(" ")]
            } else {
                words
            }
        };
        let mut m = Map::new();
        m.insert("Cmd".into(), Json::String(cmd));
        m.insert("Flags".into(), Json::Array(flags));
        m.insert(
            "Value".into(),
            Json::Array(value.into_iter().map(Json::String).collect()),
        );
        m.insert("Stage".into(), json!(stage.max(0)));
        cmds.push(Json::Object(m));
    }
    Json::Array(cmds)
}

/// Shorthand for a [`DocumentFile`].
pub fn inputs_doc<'a>(path: &'a str, text: &'a str, kind: &'a str) -> DocumentFile<'a> {
    DocumentFile { path, text, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_shape() {
        let j = dockerfile_json(
            "# c\nFROM python:3.12 AS base\nRUN apt-get update \\\n && apt-get install -y curl\nUSER app\n",
        );
        let cmds = j.as_array().unwrap();
        assert_eq!(cmds.len(), 3);
        assert_eq!(cmds[0]["Cmd"], "from");
        assert_eq!(cmds[0]["Value"][0], "python:3.12");
        assert_eq!(
            cmds[1]["Value"][0],
            "apt-get update && apt-get install -y curl"
        );
        assert_eq!(cmds[2]["Value"][0], "app");
    }

    #[test]
    fn yaml_documents_are_separate_inputs_unless_combined() {
        let f = DocumentFile {
            path: "k.yaml",
            text: "a: 1\n---\nb: 2\n",
            kind: "yaml",
        };
        let v = document_inputs(std::slice::from_ref(&f), false);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].span.start_line, 3);
        let c = document_inputs(&[f], true);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value[1]["contents"]["b"], 2);
    }
}
