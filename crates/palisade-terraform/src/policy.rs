//! Renders `data "aws_iam_policy_document"` into policy JSON, as the AWS
//! provider does, so `data.aws_iam_policy_document.x.json` is a known string.

use palisade_model::{Node, Value};
use serde_json::{Map, Value as J, json};

use crate::value::{self as v, add_refs};

/// Adds `json` and `minified_json` to the evaluated attributes.
pub fn render(attrs: &mut Node) {
    let mut refs = Vec::new();
    v::deep_refs(attrs, &mut refs);
    let span = attrs.span.clone();
    let (pretty, mini) = if attrs.contains_unknown() {
        // Unknown leaves (a condition value naming `data.aws_partition.x`,
        // an action from a variable) keep the document readable: it stays
        // structured, as `jsonencode` does, with only those values unknown.
        match partial(attrs) {
            Some(doc) => (doc.clone(), doc),
            None => {
                let why = attrs.unknown_reason().unwrap_or("unknown").to_string();
                (v::unknown(why.clone()), v::unknown(why))
            }
        }
    } else {
        match build(attrs) {
            Ok(doc) => (
                v::string(serde_json::to_string_pretty(&doc).unwrap_or_default()),
                v::string(serde_json::to_string(&doc).unwrap_or_default()),
            ),
            Err(why) => (v::unknown(why.clone()), v::unknown(why)),
        }
    };
    if let Value::Map(m) = &mut attrs.value {
        for (k, mut n) in [("json", pretty), ("minified_json", mini)] {
            add_refs(&mut n.refs, &refs);
            n.span = span.clone();
            m.insert(k.to_string(), n);
        }
    }
}

/// Marks an unknown leaf in the copy `partial` builds from.
const HOLE: &str = "\u{0}palisade-unknown:";

/// The document with unknown leaf values (sid, effect, actions, resources,
/// principal identifiers, condition values) left unknown in a structured
/// node; `None` when an unknown decides its shape (a statement list, a
/// principal type, a condition key, a source document).
fn partial(attrs: &Node) -> Option<Node> {
    let mut copy = attrs.clone();
    let mut holes: Vec<Node> = Vec::new();
    let Value::Map(m) = &mut copy.value else {
        return None;
    };
    for (k, n) in m.iter_mut() {
        if k != "statement" {
            if n.contains_unknown() {
                return None;
            }
            continue;
        }
        let Value::List(items) = &mut n.value else {
            return None;
        };
        for st in items {
            let Value::Map(sm) = &mut st.value else {
                return None;
            };
            for (sk, sv) in sm.iter_mut() {
                match sk.as_str() {
                    "sid" | "effect" => hole_leaf(sv, &mut holes)?,
                    "actions" | "not_actions" | "resources" | "not_resources" => {
                        hole_list(sv, &mut holes)?
                    }
                    "principals" | "not_principals" | "condition" => {
                        let leaf = if sk == "condition" {
                            "values"
                        } else {
                            "identifiers"
                        };
                        let Value::List(blocks) = &mut sv.value else {
                            if sv.contains_unknown() {
                                return None;
                            }
                            continue;
                        };
                        for b in blocks {
                            let Value::Map(bm) = &mut b.value else {
                                return None;
                            };
                            for (bk, bv) in bm.iter_mut() {
                                if bk == leaf {
                                    hole_list(bv, &mut holes)?;
                                } else if bv.contains_unknown() {
                                    return None;
                                }
                            }
                        }
                    }
                    _ if sv.contains_unknown() => return None,
                    _ => {}
                }
            }
        }
    }
    if copy.contains_unknown() {
        return None;
    }
    let doc = build(&copy).ok()?;
    let mut node = Node::from_json(&doc, attrs.span.as_ref());
    fill_holes(&mut node, &holes, 0).then_some(node)
}

/// Replaces an unknown scalar with a numbered marker string.
fn hole_leaf(n: &mut Node, holes: &mut Vec<Node>) -> Option<()> {
    match &n.value {
        Value::Unknown(_) => {
            holes.push(n.clone());
            n.value = Value::String(format!("{HOLE}{}", holes.len() - 1));
            Some(())
        }
        _ if n.contains_unknown() => None,
        _ => Some(()),
    }
}

/// A list of strings (or one string): unknown items, or the whole list,
/// become markers.
fn hole_list(n: &mut Node, holes: &mut Vec<Node>) -> Option<()> {
    if let Value::List(l) = &mut n.value {
        for x in l {
            hole_leaf(x, holes)?;
        }
        return Some(());
    }
    hole_leaf(n, holes)
}

/// Puts the unknown nodes back where their markers ended up; false if a
/// marker became a map key (it cannot be unknown there).
fn fill_holes(n: &mut Node, holes: &[Node], depth: usize) -> bool {
    if depth > 256 {
        return false;
    }
    match &mut n.value {
        Value::String(s) => {
            if let Some(i) = s.strip_prefix(HOLE) {
                match i.parse::<usize>().ok().and_then(|i| holes.get(i)) {
                    Some(h) => *n = h.clone(),
                    None => return false,
                }
            }
            true
        }
        Value::List(l) => l.iter_mut().all(|x| fill_holes(x, holes, depth + 1)),
        Value::Map(m) => {
            m.keys().all(|k| !k.contains(HOLE))
                && m.values_mut().all(|x| fill_holes(x, holes, depth + 1))
        }
        _ => true,
    }
}

fn str_list(n: Option<&Node>) -> Vec<String> {
    match n.map(|n| &n.value) {
        Some(Value::List(l)) => l.iter().filter_map(v::to_str).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn one_or_many(mut l: Vec<String>) -> J {
    if l.len() == 1 {
        J::String(l.remove(0))
    } else {
        J::Array(l.into_iter().map(J::String).collect())
    }
}

fn principals(blocks: Option<&Node>) -> Option<J> {
    let items = blocks?.as_list()?;
    if items.is_empty() {
        return None;
    }
    let mut out = Map::new();
    for p in items {
        let Some(m) = p.as_map() else { continue };
        let ty = m.get("type").and_then(v::to_str).unwrap_or_default();
        let ids = str_list(m.get("identifiers"));
        if ty == "*" && ids.iter().all(|i| i == "*") {
            return Some(J::String("*".into()));
        }
        let entry = out.entry(ty).or_insert_with(|| J::Array(Vec::new()));
        if let J::Array(a) = entry {
            a.extend(ids.into_iter().map(J::String));
        }
    }
    for val in out.values_mut() {
        if let J::Array(a) = val
            && a.len() == 1
        {
            *val = a.remove(0);
        }
    }
    Some(J::Object(out))
}

fn statement(s: &Node) -> J {
    let mut o = Map::new();
    let Some(m) = s.as_map() else {
        return J::Object(o);
    };
    if let Some(sid) = m.get("sid").and_then(v::to_str)
        && !sid.is_empty()
    {
        o.insert("Sid".into(), J::String(sid));
    }
    let effect = m
        .get("effect")
        .and_then(v::to_str)
        .unwrap_or_else(|| "Allow".into());
    o.insert("Effect".into(), J::String(effect));
    for (key, out) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ] {
        let l = str_list(m.get(key));
        if !l.is_empty() {
            o.insert(out.into(), one_or_many(l));
        }
    }
    if let Some(p) = principals(m.get("principals")) {
        o.insert("Principal".into(), p);
    }
    if let Some(p) = principals(m.get("not_principals")) {
        o.insert("NotPrincipal".into(), p);
    }
    if let Some(conds) = m.get("condition").and_then(|c| c.as_list()) {
        let mut c = Map::new();
        for cond in conds {
            let Some(cm) = cond.as_map() else { continue };
            let test = cm.get("test").and_then(v::to_str).unwrap_or_default();
            let var = cm.get("variable").and_then(v::to_str).unwrap_or_default();
            let vals = str_list(cm.get("values"));
            let t = c.entry(test).or_insert_with(|| J::Object(Map::new()));
            if let J::Object(t) = t {
                t.insert(var, one_or_many(vals));
            }
        }
        if !c.is_empty() {
            o.insert("Condition".into(), J::Object(c));
        }
    }
    J::Object(o)
}

fn sid_of(s: &J) -> Option<&str> {
    s.get("Sid").and_then(|x| x.as_str())
}

fn docs(n: Option<&Node>) -> Result<Vec<J>, String> {
    let mut out = Vec::new();
    for d in str_list(n) {
        let j: J = serde_json::from_str(&d).map_err(|e| format!("invalid policy document: {e}"))?;
        out.push(j);
    }
    Ok(out)
}

fn stmts_of(doc: &J) -> Vec<J> {
    match doc.get("Statement") {
        Some(J::Array(a)) => a.clone(),
        Some(o @ J::Object(_)) => vec![o.clone()],
        _ => Vec::new(),
    }
}

fn build(attrs: &Node) -> Result<J, String> {
    let Some(m) = attrs.as_map() else {
        return Err("policy document is not a map".into());
    };
    let mut statements: Vec<J> = Vec::new();
    for src in docs(m.get("source_policy_documents"))? {
        statements.extend(stmts_of(&src));
    }
    let own: Vec<J> = m
        .get("statement")
        .and_then(|s| s.as_list())
        .map(|l| l.iter().map(statement).collect())
        .unwrap_or_default();
    for s in own {
        merge_stmt(&mut statements, s);
    }
    for ov in docs(m.get("override_policy_documents"))? {
        for s in stmts_of(&ov) {
            merge_stmt(&mut statements, s);
        }
    }
    let mut doc = Map::new();
    let version = m
        .get("version")
        .and_then(v::to_str)
        .unwrap_or_else(|| "2012-10-17".into());
    doc.insert("Version".into(), J::String(version));
    if let Some(id) = m.get("policy_id").and_then(v::to_str) {
        doc.insert("Id".into(), J::String(id));
    }
    doc.insert("Statement".into(), J::Array(statements));
    Ok(json!(doc))
}

/// A statement with the Sid of an existing one replaces it; others append.
fn merge_stmt(list: &mut Vec<J>, s: J) {
    if let Some(sid) = sid_of(&s).map(str::to_string)
        && let Some(pos) = list.iter().position(|x| sid_of(x) == Some(sid.as_str()))
    {
        list[pos] = s;
        return;
    }
    list.push(s);
}
