//! Helpers over [`Node`] used by the evaluator: construction, refs,
//! equality, conversions and rendering.

use indexmap::IndexMap;
use palisade_model::{Node, Value};
use serde_json::Number;

/// Largest list / map / string the evaluator builds before giving up with an
/// unknown (bounded memory on hostile input).
pub const MAX_ELEMS: usize = 100_000;
pub const MAX_STRING: usize = 4 << 20;

pub fn unknown(reason: impl Into<std::sync::Arc<str>>) -> Node {
    Node::unknown(reason, None)
}

pub fn num_value(f: f64) -> Value {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
        Value::Number(Number::from(f as i64))
    } else {
        match Number::from_f64(f) {
            Some(n) => Value::Number(n),
            None => Value::Unknown(palisade_model::Unknown::new("number is not finite")),
        }
    }
}

pub fn num(f: f64) -> Node {
    Node::new(num_value(f), None)
}

pub fn string(s: impl Into<String>) -> Node {
    Node::new(Value::String(s.into()), None)
}

pub fn boolean(b: bool) -> Node {
    Node::new(Value::Bool(b), None)
}

pub fn list(l: Vec<Node>) -> Node {
    Node::new(Value::List(l), None)
}

pub fn map(m: IndexMap<String, Node>) -> Node {
    Node::new(Value::Map(m), None)
}

/// Appends refs without duplicates.
pub fn add_refs(dst: &mut Vec<String>, src: &[String]) {
    for r in src {
        if !dst.contains(r) {
            dst.push(r.clone());
        }
    }
}

/// Every ref in a value tree (the value's own and its children's).
pub fn deep_refs(n: &Node, out: &mut Vec<String>) {
    add_refs(out, &n.refs);
    match &n.value {
        Value::List(l) => l.iter().for_each(|x| deep_refs(x, out)),
        Value::Map(m) => m.values().for_each(|x| deep_refs(x, out)),
        _ => {}
    }
}

/// The first unknown inside a value (depth first), as a whole node.
pub fn first_unknown(n: &Node) -> Option<Node> {
    match &n.value {
        Value::Unknown(_) => Some(n.clone()),
        Value::List(l) => l.iter().find_map(first_unknown),
        Value::Map(m) => m.values().find_map(first_unknown),
        _ => None,
    }
}

/// Number of nodes, stopping early past `cap`.
pub fn size(n: &Node, cap: usize) -> usize {
    fn go(n: &Node, acc: &mut usize, cap: usize) {
        *acc += 1;
        if *acc > cap {
            return;
        }
        match &n.value {
            Value::List(l) => l.iter().for_each(|x| go(x, acc, cap)),
            Value::Map(m) => m.values().for_each(|x| go(x, acc, cap)),
            _ => {}
        }
    }
    let mut acc = 0;
    go(n, &mut acc, cap);
    acc
}

/// Structural equality ignoring spans and refs; numbers compare numerically.
pub fn equal(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).map(|w| equal(v, w)).unwrap_or(false))
        }
        _ => false,
    }
}

/// Terraform's string conversion of a primitive; `None` for collections,
/// null and unknowns.
pub fn to_str(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(x) => Some(number_str(x)),
        _ => None,
    }
}

pub fn number_str(x: &Number) -> String {
    if let Some(i) = x.as_i64() {
        return i.to_string();
    }
    if let Some(u) = x.as_u64() {
        return u.to_string();
    }
    match x.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => format!("{f}"),
        None => x.to_string(),
    }
}

pub fn as_f64(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(x) => x.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn as_bool(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

pub fn type_name(n: &Node) -> &'static str {
    match &n.value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "list",
        Value::Map(_) => "object",
        Value::Unknown(_) => "unknown",
    }
}

/// JSON rendering of a known value; unknown gives its reason.
#[allow(clippy::result_large_err)]
pub fn to_json(n: &Node) -> Result<serde_json::Value, Node> {
    Ok(match &n.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(x) => serde_json::Value::Number(x.clone()),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::List(l) => {
            let mut v = Vec::with_capacity(l.len());
            for x in l {
                v.push(to_json(x)?);
            }
            serde_json::Value::Array(v)
        }
        Value::Map(m) => {
            let mut o = serde_json::Map::new();
            for (k, x) in m {
                o.insert(k.clone(), to_json(x)?);
            }
            serde_json::Value::Object(o)
        }
        Value::Unknown(_) => return Err(n.clone()),
    })
}

/// A small YAML emitter (block style, strings quoted when needed).
pub fn to_yaml(v: &serde_json::Value) -> String {
    fn scalar(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Null => "null".into(),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => {
                let plain = !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                    && !matches!(
                        s.as_str(),
                        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
                    )
                    && s.parse::<f64>().is_err();
                if plain {
                    s.clone()
                } else {
                    serde_json::to_string(s).unwrap_or_default()
                }
            }
            serde_json::Value::Array(a) if a.is_empty() => "[]".into(),
            serde_json::Value::Object(o) if o.is_empty() => "{}".into(),
            _ => String::new(),
        }
    }
    fn is_coll(v: &serde_json::Value) -> bool {
        matches!(v, serde_json::Value::Array(a) if !a.is_empty())
            || matches!(v, serde_json::Value::Object(o) if !o.is_empty())
    }
    fn go(v: &serde_json::Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match v {
            serde_json::Value::Array(a) if !a.is_empty() => {
                for x in a {
                    out.push_str(&pad);
                    out.push_str("- ");
                    if is_coll(x) {
                        out.push('\n');
                        go(x, indent + 2, out);
                    } else {
                        out.push_str(&scalar(x));
                        out.push('\n');
                    }
                }
            }
            serde_json::Value::Object(o) if !o.is_empty() => {
                for (k, x) in o {
                    out.push_str(&pad);
                    out.push_str(&scalar(&serde_json::Value::String(k.clone())));
                    out.push(':');
                    if is_coll(x) {
                        out.push('\n');
                        go(x, indent + 2, out);
                    } else {
                        out.push(' ');
                        out.push_str(&scalar(x));
                        out.push('\n');
                    }
                }
            }
            other => {
                out.push_str(&pad);
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    go(v, 0, &mut out);
    out
}
