//! The JSON report matches docs/json-schema/report-v1.json.
//!
//! A small validator for the keywords the schema uses (type, required,
//! properties, additionalProperties, items, enum, $ref, minimum,
//! propertyNames), so no heavy jsonschema crate is needed.

mod common;

use common::Fixture;
use palisade_engine::Status;
use palisade_output::{JSON_SCHEMA_VERSION, write_json};
use serde_json::Value;

const SCHEMA: &str = include_str!("../../../docs/json-schema/report-v1.json");

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("only local $defs refs");
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("schema uses unsupported type {other}"),
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    const KNOWN: &[&str] = &[
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "type",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "enum",
        "minimum",
        "propertyNames",
        "pattern",
    ];
    for k in schema.as_object().expect("schema object").keys() {
        assert!(KNOWN.contains(&k.as_str()), "validator lacks keyword {k}");
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str)
        && !type_ok(t, v)
    {
        errors.push(format!("{at}: expected {t}, got {v}"));
        return;
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{at}: {v} not in enum"));
    }
    if let Some(m) = schema.get("minimum").and_then(Value::as_i64)
        && v.as_i64().is_some_and(|x| x < m)
    {
        errors.push(format!("{at}: {v} < {m}"));
    }
    if let Some(items) = schema.get("items")
        && let Some(arr) = v.as_array()
    {
        for (i, x) in arr.iter().enumerate() {
            validate(root, items, x, &format!("{at}[{i}]"), errors);
        }
    }
    let Some(obj) = v.as_object() else { return };
    if let Some(req) = schema.get("required").and_then(Value::as_array) {
        for k in req {
            let k = k.as_str().unwrap();
            if !obj.contains_key(k) {
                errors.push(format!("{at}: missing required {k}"));
            }
        }
    }
    let props = schema.get("properties").and_then(Value::as_object);
    for (k, x) in obj {
        let path = format!("{at}.{k}");
        if let Some(names) = schema.get("propertyNames") {
            validate(root, names, &Value::String(k.clone()), &path, errors);
        }
        match props.and_then(|p| p.get(k)) {
            Some(s) => validate(root, s, x, &path, errors),
            None => match schema.get("additionalProperties") {
                Some(Value::Bool(false)) => errors.push(format!("{at}: unexpected key {k}")),
                Some(Value::Bool(true)) | None => {}
                Some(s) => validate(root, s, x, &path, errors),
            },
        }
    }
}

fn check(v: &Value) -> Vec<String> {
    let root: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let mut errors = Vec::new();
    validate(&root, &root, v, "$", &mut errors);
    errors
}

fn report_json(fx: &Fixture, extra: Option<Value>) -> Value {
    let mut r = fx.report();
    r.extra_summary = extra;
    let mut out = Vec::new();
    write_json(&r, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn fixture_report_matches_schema() {
    let fx = Fixture::new();
    let v = report_json(&fx, Some(serde_json::json!({"blueprints": 3})));
    assert_eq!(check(&v), Vec::<String>::new());
    assert_eq!(v["schema_version"], JSON_SCHEMA_VERSION);
    assert!(JSON_SCHEMA_VERSION.starts_with("1."));
}

#[test]
fn passes_match_schema() {
    let mut fx = Fixture::new();
    for f in &mut fx.findings {
        f.status = Status::Pass;
        f.unknown_reason = None;
    }
    assert_eq!(check(&report_json(&fx, None)), Vec::<String>::new());
}

#[test]
fn validator_catches_breakage() {
    let fx = Fixture::new();
    let mut v = report_json(&fx, None);
    v["findings"][0]
        .as_object_mut()
        .unwrap()
        .remove("fingerprint");
    v["findings"][1]["status"] = Value::String("broken".into());
    v["summary"]["by_category"]["nope"] = Value::from(1);
    v["extra_top_level"] = Value::from(1);
    let errors = check(&v);
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn schema_documents_every_emitted_field() {
    // Every key in docs/output.md's field tables appears in the schema and
    // vice versa, roughly: each schema property is mentioned in the doc.
    let doc = include_str!("../../../docs/output.md");
    let root: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut missing = Vec::new();
    fn walk(v: &Value, doc: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                if !doc.contains(&format!("`{k}`")) {
                    missing.push(k.clone());
                }
                walk(s, doc, missing);
            }
        }
        if let Some(i) = v.get("items") {
            walk(i, doc, missing);
        }
    }
    walk(&root, doc, &mut missing);
    for d in root["$defs"].as_object().unwrap().values() {
        walk(d, doc, &mut missing);
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "not documented in docs/output.md: {missing:?}"
    );
}
