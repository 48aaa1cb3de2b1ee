//! Terraform HCL in Conftest's HCL2 JSON shape: attributes as values,
//! expressions that are not literals as `"${source}"`, and each block body
//! under its last label: the body itself when the block appears once
//! (`resource.aws_s3_bucket.b.acl`), a list of bodies when it repeats
//! (Conftest's `parser/hcl2/convert.go`, `convertBlock`).

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Body, Structure};
use serde_json::{Map, Value as Json};

pub fn to_conftest_json(text: &str) -> Json {
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => body_json(&body, text, 0),
        Err(_) => Json::Object(Map::new()),
    }
}

const MAX_DEPTH: usize = 128;

fn body_json(body: &Body, src: &str, depth: usize) -> Json {
    let mut out = Map::new();
    if depth > MAX_DEPTH {
        return Json::Object(out);
    }
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                out.insert(
                    a.key.as_str().to_string(),
                    expr_json(&a.value, src, depth + 1),
                );
            }
            Structure::Block(b) => {
                let value = body_json(&b.body, src, depth + 1);
                let mut keys: Vec<String> = vec![b.ident.as_str().to_string()];
                keys.extend(b.labels.iter().map(|l| l.as_str().to_string()));
                insert_block(&mut out, &keys, value);
            }
        }
    }
    Json::Object(out)
}

fn insert_block(out: &mut Map<String, Json>, keys: &[String], value: Json) {
    let Some((last, init)) = keys.split_last() else {
        return;
    };
    let mut cur = out;
    for k in init {
        let entry = cur
            .entry(k.clone())
            .or_insert_with(|| Json::Object(Map::new()));
        if !entry.is_object() {
            return;
        }
        match entry {
            Json::Object(m) => cur = m,
            _ => return,
        }
    }
    match cur.get_mut(last) {
        Some(Json::Array(list)) => list.push(value),
        Some(other) => {
            let prev = std::mem::take(other);
            *other = Json::Array(vec![prev, value]);
        }
        None => {
            cur.insert(last.clone(), value);
        }
    }
}

fn source(e: &Expression, src: &str) -> String {
    e.span()
        .and_then(|r| src.get(r))
        .unwrap_or("")
        .trim()
        .to_string()
}

fn expr_json(e: &Expression, src: &str, depth: usize) -> Json {
    if depth > MAX_DEPTH {
        return Json::Null;
    }

    match e {
        Expression::Null(_) => Json::Null,
        Expression::Bool(b) => Json::Bool(*b.value()),
        Expression::Number(n) => match n.value().as_i64() {
            Some(i) => Json::from(i),
            None => serde_json::to_value(n.value().as_f64()).unwrap_or(Json::Null),
        },
        Expression::String(s) => Json::String(s.value().to_string()),
        Expression::Array(a) => {
            Json::Array(a.iter().map(|x| expr_json(x, src, depth + 1)).collect())
        }
        Expression::Object(o) => {
            let mut m = Map::new();
            for (k, v) in o.iter() {
                let key = match k {
                    hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                    hcl_edit::expr::ObjectKey::Expression(Expression::String(s)) => {
                        s.value().to_string()
                    }
                    hcl_edit::expr::ObjectKey::Expression(x) => source(x, src),
                };
                m.insert(key, expr_json(v.expr(), src, depth + 1));
            }
            Json::Object(m)
        }
        Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
            // Conftest keeps interpolations as written.
            let s = source(e, src);
            let inner = s
                .strip_prefix('"')
                .and_then(|x| x.strip_suffix('"'))
                .unwrap_or(&s);
            Json::String(inner.to_string())
        }
        Expression::Parenthesis(p) => expr_json(p.inner(), src, depth + 1),
        other => {
            let _ = other.span();
            Json::String(format!("${{{}}}", source(other, src)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conftest_shape() {
        let j = to_conftest_json(
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl    = var.acl\n  tags   = { a = 1 }\n  versioning {\n    enabled = true\n  }\n}\nvariable \"acl\" {\n  default = \"private\"\n}\n",
        );
        let b = &j["resource"]["aws_s3_bucket"]["b"];
        assert_eq!(b["bucket"], "x");
        assert_eq!(b["acl"], "${var.acl}");
        assert_eq!(b["tags"]["a"], 1);
        assert_eq!(b["versioning"]["enabled"], true);
        assert_eq!(j["variable"]["acl"]["default"], "private");
        // A repeated block becomes a list of bodies.
        let r = to_conftest_json("rule {\n  a = 1\n}\nrule {\n  a = 2\n}\n");
        assert_eq!(r["rule"][1]["a"], 2);
    }

    #[test]
    fn broken_hcl_is_empty_not_a_panic() {
        assert_eq!(
            to_conftest_json("resource \"x\" {"),
            Json::Object(Map::new())
        );
    }
}
