//! Terraform built-in functions. Arguments arrive evaluated (except `try`
//! and `can`, handled lazily by the evaluator). Unknown arguments give
//! unknown results carrying the first reason and every ref.

use indexmap::IndexMap;
use palisade_model::{Node, Value};

use crate::eval::{Ev, ModInst, err};
use crate::value::{self as v, MAX_ELEMS, add_refs, unknown};

type R = Result<Node, String>;

/// Functions that move nodes around without looking inside unknown
/// elements (so unknown elements do not make the result unknown).
const STRUCTURAL: &[&str] = &[
    "jsonencode",
    "merge",
    "concat",
    "length",
    "keys",
    "values",
    "lookup",
    "element",
    "flatten",
    "coalesce",
    "coalescelist",
    "tolist",
    "toset",
    "tomap",
    "slice",
    "reverse",
    "one",
    "zipmap",
    "compact",
    "contains",
    "distinct",
    "index",
    "setunion",
    "try",
    "can",
    "type",
    "nonsensitive",
    "sensitive",
];

pub fn call(ev: &Ev, m: &ModInst, name: &str, args: Vec<Node>) -> Node {
    let mut refs = Vec::new();
    for a in &args {
        v::deep_refs(a, &mut refs);
    }
    // Top-level unknown arguments always make the result unknown.
    let structural = STRUCTURAL.contains(&name);
    let blocking = args.iter().find(|a| {
        if structural {
            a.is_unknown()
        } else {
            a.contains_unknown()
        }
    });
    if let Some(b) = blocking {
        let mut u = v::first_unknown(b).unwrap_or_else(|| b.clone());
        u.span = None;
        u.refs = refs;
        return u;
    }
    let args_top: Vec<Vec<String>> = args.iter().map(|a| a.refs.clone()).collect();
    let res = dispatch(ev, m, name, args);
    match res {
        Ok(mut n) => {
            if structural {
                let mut top = Vec::new();
                for a in &args_top {
                    add_refs(&mut top, a);
                }
                add_refs(&mut n.refs, &top);
            } else {
                add_refs(&mut n.refs, &refs);
            }
            n.span = None;
            n
        }
        Err(e) if e.starts_with("unknown: ") => {
            let mut u = unknown(e.trim_start_matches("unknown: ").to_string());
            u.refs = refs;
            u
        }
        Err(e) => err(format!("{name}: {e}")).with_refs(refs),
    }
}

fn arg(a: &[Node], i: usize) -> Result<&Node, String> {
    a.get(i)
        .ok_or_else(|| format!("missing argument {}", i + 1))
}
fn s(a: &[Node], i: usize) -> Result<String, String> {
    let n = arg(a, i)?;
    v::to_str(n).ok_or_else(|| {
        format!(
            "argument {} must be a string, got {}",
            i + 1,
            v::type_name(n)
        )
    })
}
fn f(a: &[Node], i: usize) -> Result<f64, String> {
    let n = arg(a, i)?;
    v::as_f64(n).ok_or_else(|| format!("argument {} must be a number", i + 1))
}
fn l(a: &[Node], i: usize) -> Result<&[Node], String> {
    let n = arg(a, i)?;
    match &n.value {
        Value::List(x) => Ok(x),
        _ => Err(format!(
            "argument {} must be a list, got {}",
            i + 1,
            v::type_name(n)
        )),
    }
}
fn mp(a: &[Node], i: usize) -> Result<&IndexMap<String, Node>, String> {
    let n = arg(a, i)?;
    match &n.value {
        Value::Map(x) => Ok(x),
        _ => Err(format!(
            "argument {} must be a map, got {}",
            i + 1,
            v::type_name(n)
        )),
    }
}
fn strs(list: &[Node]) -> Result<Vec<String>, String> {
    list.iter()
        .map(|x| v::to_str(x).ok_or_else(|| "list elements must be strings".to_string()))
        .collect()
}
fn slist(items: Vec<String>) -> Node {
    v::list(items.into_iter().map(v::string).collect())
}
fn check_len(n: usize) -> Result<(), String> {
    if n > MAX_ELEMS {
        Err(format!("result has more than {MAX_ELEMS} elements"))
    } else {
        Ok(())
    }
}

fn dedup(items: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for x in items {
        if !out.iter().any(|y| v::equal(y, &x)) {
            out.push(x);
        }
        if out.len() > 5_000 {
            // Quadratic guard: beyond this, keep the rest as is.
        }
    }
    out
}

fn dispatch(ev: &Ev, m: &ModInst, name: &str, a: Vec<Node>) -> R {
    let name = name.strip_prefix("provider::terraform::").unwrap_or(name);
    Ok(match name {
        // ---- collections
        "merge" => {
            let mut out: IndexMap<String, Node> = IndexMap::new();
            let mut refs = Vec::new();
            for x in &a {
                add_refs(&mut refs, &x.refs);
                match &x.value {
                    Value::Map(mm) => out.extend(mm.iter().map(|(k, y)| (k.clone(), y.clone()))),
                    Value::Null => {}
                    _ => return Err("arguments must be maps or objects".into()),
                }
            }
            v::map(out).with_refs(refs)
        }
        "concat" => {
            let mut out = Vec::new();
            for i in 0..a.len() {
                out.extend(l(&a, i)?.iter().cloned());
            }
            check_len(out.len())?;
            v::list(out)
        }
        "length" => match &arg(&a, 0)?.value {
            Value::List(x) => v::num(x.len() as f64),
            Value::Map(x) => v::num(x.len() as f64),
            Value::String(x) => v::num(x.chars().count() as f64),
            _ => return Err("argument must be a collection or string".into()),
        },
        "keys" => slist(mp(&a, 0)?.keys().cloned().collect::<Vec<_>>()),
        "values" => v::list(mp(&a, 0)?.values().cloned().collect()),
        "lookup" => {
            let key = s(&a, 1)?;
            match mp(&a, 0)?.get(&key) {
                Some(x) => x.clone(),
                None => match a.get(2) {
                    Some(d) => d.clone(),
                    None => return Err(format!("key {key:?} not found")),
                },
            }
        }
        "element" => {
            let list = l(&a, 0)?;
            if list.is_empty() {
                return Err("empty list".into());
            }
            let i = f(&a, 1)?;
            if i < 0.0 {
                return Err("negative index".into());
            }
            list[(i as usize) % list.len()].clone()
        }
        "index" => {
            let list = l(&a, 0)?;
            let x = arg(&a, 1)?;
            match list.iter().position(|y| v::equal(y, x)) {
                Some(i) => v::num(i as f64),
                None => return Err("item not found".into()),
            }
        }
        "flatten" => {
            fn go(list: &[Node], out: &mut Vec<Node>, depth: u32) -> Result<(), String> {
                if depth > 64 {
                    return Err("nesting too deep".into());
                }
                for x in list {
                    match &x.value {
                        Value::List(inner) => go(inner, out, depth + 1)?,
                        _ => out.push(x.clone()),
                    }
                    check_len(out.len())?;
                }
                Ok(())
            }
            let mut out = Vec::new();
            go(l(&a, 0)?, &mut out, 0)?;
            v::list(out)
        }
        "distinct" => {
            let list = l(&a, 0)?;
            if list.iter().any(|x| x.contains_unknown()) {
                return Err(format!("unknown: {}", first_reason(list)));
            }
            v::list(dedup(list.to_vec()))
        }
        "contains" => {
            let list = match &arg(&a, 0)?.value {
                Value::List(x) => x.clone(),
                Value::Map(x) => x.values().cloned().collect(),
                _ => return Err("first argument must be a list".into()),
            };
            let x = arg(&a, 1)?;
            if list.iter().any(|y| v::equal(y, x)) {
                v::boolean(true)
            } else if list.iter().any(|y| y.contains_unknown()) {
                return Err(format!("unknown: {}", first_reason(&list)));
            } else {
                v::boolean(false)
            }
        }
        "coalesce" => {
            for x in &a {
                if x.is_unknown() {
                    return Ok(x.clone());
                }
                match &x.value {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    _ => return Ok(x.clone()),
                }
            }
            return Err("no non-null, non-empty argument".into());
        }
        "coalescelist" => {
            for x in &a {
                match &x.value {
                    Value::List(l) if !l.is_empty() => return Ok(x.clone()),
                    _ => {}
                }
            }
            return Err("no non-empty list argument".into());
        }
        "compact" => {
            let list = l(&a, 0)?;
            v::list(
                list.iter()
                    .filter(|x| !matches!(&x.value, Value::Null) && x.as_str() != Some(""))
                    .cloned()
                    .collect(),
            )
        }
        "tolist" | "toset" => match &arg(&a, 0)?.value {
            Value::List(x) => {
                if name == "toset" {
                    v::list(dedup(x.clone()))
                } else {
                    arg(&a, 0)?.clone()
                }
            }
            Value::Null => Node::null(None),
            _ => return Err("argument must be a list or set".into()),
        },
        "tomap" => match &arg(&a, 0)?.value {
            Value::Map(_) | Value::Null => arg(&a, 0)?.clone(),
            _ => return Err("argument must be a map".into()),
        },
        "slice" => {
            let list = l(&a, 0)?;
            let (st, en) = (f(&a, 1)? as usize, f(&a, 2)? as usize);
            if st > en || en > list.len() {
                return Err("index out of range".into());
            }
            v::list(list[st..en].to_vec())
        }
        "reverse" => v::list(l(&a, 0)?.iter().rev().cloned().collect()),
        "one" => {
            let list = l(&a, 0)?;
            match list.len() {
                0 => Node::null(None),
                1 => list[0].clone(),
                _ => return Err("list has more than one element".into()),
            }
        }
        "zipmap" => {
            let ks = strs(l(&a, 0)?)?;
            let vs = l(&a, 1)?;
            if ks.len() != vs.len() {
                return Err("lists must have the same length".into());
            }
            v::map(ks.into_iter().zip(vs.iter().cloned()).collect())
        }
        "setunion" => {
            let mut out = Vec::new();
            for i in 0..a.len() {
                out.extend(l(&a, i)?.iter().cloned());
            }
            check_len(out.len())?;
            v::list(dedup(out))
        }
        "setintersection" | "setsubtract" => {
            let first = l(&a, 0)?;
            let mut out = dedup(first.to_vec());
            for i in 1..a.len() {
                let other = l(&a, i)?;
                let inter = name == "setintersection";
                out.retain(|x| other.iter().any(|y| v::equal(x, y)) == inter);
            }
            v::list(out)
        }
        "sort" => {
            let mut x = strs(l(&a, 0)?)?;
            x.sort();
            slist(x)
        }
        "range" => {
            let (st, en, stp) = match a.len() {
                1 => (0.0, f(&a, 0)?, 1.0),
                2 => (f(&a, 0)?, f(&a, 1)?, 1.0),
                _ => (f(&a, 0)?, f(&a, 1)?, f(&a, 2)?),
            };
            if stp == 0.0 {
                return Err("step must not be zero".into());
            }
            let mut out = Vec::new();
            let mut x = st;
            while (stp > 0.0 && x < en) || (stp < 0.0 && x > en) {
                out.push(v::num(x));
                if out.len() > 1024 {
                    return Err("more than 1024 values".into());
                }
                x += stp;
            }
            v::list(out)
        }
        "alltrue" => v::boolean(l(&a, 0)?.iter().all(|x| v::as_bool(x) == Some(true))),
        "anytrue" => v::boolean(l(&a, 0)?.iter().any(|x| v::as_bool(x) == Some(true))),
        "sum" => {
            let mut t = 0.0;
            for x in l(&a, 0)? {
                t += v::as_f64(x).ok_or("elements must be numbers")?;
            }
            v::num(t)
        }
        "min" | "max" => {
            let mut nums = Vec::new();
            for i in 0..a.len() {
                nums.push(f(&a, i)?);
            }
            let r = if name == "min" {
                nums.iter().cloned().fold(f64::INFINITY, f64::min)
            } else {
                nums.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
            };
            if nums.is_empty() {
                return Err("needs at least one argument".into());
            }
            v::num(r)
        }
        "abs" => v::num(f(&a, 0)?.abs()),
        "ceil" => v::num(f(&a, 0)?.ceil()),
        "floor" => v::num(f(&a, 0)?.floor()),
        "signum" => v::num(f(&a, 0)?.signum()),
        "pow" => v::num(f(&a, 0)?.powf(f(&a, 1)?)),
        "log" => v::num(f(&a, 0)?.log(f(&a, 1)?)),
        "parseint" => {
            let base = f(&a, 1)? as u32;
            if !(2..=62).contains(&base) {
                return Err("invalid base".into());
            }
            match i64::from_str_radix(&s(&a, 0)?, base.min(36)) {
                Ok(x) => v::num(x as f64),
                Err(e) => return Err(e.to_string()),
            }
        }
        // ---- strings
        "format" => v::string(format_fn(&s(&a, 0)?, &a[1..])?),
        "formatlist" => {
            let fmt = s(&a, 0)?;
            let rest = &a[1..];
            let n = rest
                .iter()
                .filter_map(|x| x.as_list().map(|l| l.len()))
                .max()
                .unwrap_or(1);
            check_len(n)?;
            let mut out = Vec::new();
            for i in 0..n {
                let row: Vec<Node> = rest
                    .iter()
                    .map(|x| match &x.value {
                        Value::List(l) => l.get(i).cloned().unwrap_or_else(|| Node::null(None)),
                        _ => x.clone(),
                    })
                    .collect();
                out.push(v::string(format_fn(&fmt, &row)?));
            }
            v::list(out)
        }
        "join" => {
            let sep = s(&a, 0)?;
            let mut parts = Vec::new();
            for i in 1..a.len() {
                parts.extend(strs(l(&a, i)?)?);
            }
            let out = parts.join(&sep);
            if out.len() > v::MAX_STRING {
                return Err("result too large".into());
            }
            v::string(out)
        }
        "split" => {
            let sep = s(&a, 0)?;
            let x = s(&a, 1)?;
            if sep.is_empty() {
                slist(x.chars().map(|c| c.to_string()).collect())
            } else {
                slist(x.split(sep.as_str()).map(str::to_string).collect())
            }
        }
        "lower" => v::string(s(&a, 0)?.to_lowercase()),
        "upper" => v::string(s(&a, 0)?.to_uppercase()),
        "title" => {
            let mut out = String::new();
            let mut start = true;
            for c in s(&a, 0)?.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = !c.is_alphanumeric();
            }
            v::string(out)
        }
        "trimspace" => v::string(s(&a, 0)?.trim().to_string()),
        "trim" => {
            let cut = s(&a, 1)?;
            v::string(s(&a, 0)?.trim_matches(|c| cut.contains(c)).to_string())
        }
        "trimprefix" => {
            let x = s(&a, 0)?;
            let p = s(&a, 1)?;
            v::string(x.strip_prefix(p.as_str()).unwrap_or(&x).to_string())
        }
        "trimsuffix" => {
            let x = s(&a, 0)?;
            let p = s(&a, 1)?;
            v::string(x.strip_suffix(p.as_str()).unwrap_or(&x).to_string())
        }
        "chomp" => v::string(s(&a, 0)?.trim_end_matches(['\n', '\r']).to_string()),
        "indent" => {
            let pad = " ".repeat((f(&a, 0)? as usize).min(1024));
            let x = s(&a, 1)?;
            v::string(x.replace('\n', &format!("\n{pad}")))
        }
        "replace" => {
            let x = s(&a, 0)?;
            let from = s(&a, 1)?;
            let to = s(&a, 2)?;
            if from.len() > 2 && from.starts_with('/') && from.ends_with('/') {
                let re =
                    regex_lite::Regex::new(&from[1..from.len() - 1]).map_err(|e| e.to_string())?;
                v::string(re.replace_all(&x, to_regex_repl(&to).as_str()).into_owned())
            } else if from.is_empty() {
                v::string(x)
            } else {
                v::string(x.replace(&from, &to))
            }
        }
        "regex" | "regexall" => {
            let re = regex_lite::Regex::new(&s(&a, 0)?).map_err(|e| e.to_string())?;
            let x = s(&a, 1)?;
            let one = |c: regex_lite::Captures| -> Node {
                let names: Vec<Option<&str>> = re.capture_names().collect();
                if re.captures_len() == 1 {
                    return v::string(c.get(0).map(|m| m.as_str()).unwrap_or(""));
                }
                if names.iter().skip(1).any(|n| n.is_some()) {
                    let mut o = IndexMap::new();
                    for (i, n) in names.iter().enumerate().skip(1) {
                        if let Some(n) = n {
                            o.insert(
                                n.to_string(),
                                c.get(i)
                                    .map(|m| v::string(m.as_str()))
                                    .unwrap_or_else(|| Node::null(None)),
                            );
                        }
                    }
                    return v::map(o);
                }
                v::list(
                    (1..re.captures_len())
                        .map(|i| {
                            c.get(i)
                                .map(|m| v::string(m.as_str()))
                                .unwrap_or_else(|| Node::null(None))
                        })
                        .collect(),
                )
            };
            if name == "regex" {
                match re.captures(&x) {
                    Some(c) => one(c),
                    None => return Err("pattern did not match".into()),
                }
            } else {
                v::list(re.captures_iter(&x).take(MAX_ELEMS).map(one).collect())
            }
        }
        "substr" => {
            let x: Vec<char> = s(&a, 0)?.chars().collect();
            let off = f(&a, 1)?;
            let len = f(&a, 2)?;
            let start = if off < 0.0 {
                x.len().saturating_sub((-off) as usize)
            } else {
                (off as usize).min(x.len())
            };
            let end = if len < 0.0 {
                x.len()
            } else {
                (start + len as usize).min(x.len())
            };
            v::string(x[start..end].iter().collect::<String>())
        }
        "strrev" => v::string(s(&a, 0)?.chars().rev().collect::<String>()),
        "startswith" => v::boolean(s(&a, 0)?.starts_with(&s(&a, 1)?)),
        "endswith" => v::boolean(s(&a, 0)?.ends_with(&s(&a, 1)?)),
        "strcontains" => v::boolean(s(&a, 0)?.contains(&s(&a, 1)?)),
        "tostring" => match &arg(&a, 0)?.value {
            Value::Null => Node::null(None),
            _ => v::string(s(&a, 0)?),
        },
        "tonumber" => match &arg(&a, 0)?.value {
            Value::Null => Node::null(None),
            _ => v::num(f(&a, 0)?),
        },
        "tobool" => match &arg(&a, 0)?.value {
            Value::Null => Node::null(None),
            _ => v::boolean(v::as_bool(arg(&a, 0)?).ok_or("cannot convert to bool")?),
        },
        "type" => v::string(v::type_name(arg(&a, 0)?)),
        "sensitive" | "nonsensitive" => arg(&a, 0)?.clone(),
        // ---- encoding
        "jsonencode" => {
            let x = arg(&a, 0)?;
            let mut deep = Vec::new();
            v::deep_refs(x, &mut deep);
            let mut out = match v::to_json(x) {
                Ok(j) => v::string(serde_json::to_string(&j).map_err(|e| e.to_string())?),
                // A document with some unknown values (a policy naming
                // `aws_s3_bucket.b.arn`) stays structured, with only those
                // values unknown, so checks can still read the rest of it.
                Err(_) if matches!(x.value, Value::Map(_) | Value::List(_)) => x.clone(),
                Err(_) => return Err("unknown: value to encode is unknown".into()),
            };
            out.refs = deep;
            out
        }
        "jsondecode" => {
            let j: serde_json::Value =
                serde_json::from_str(&s(&a, 0)?).map_err(|e| e.to_string())?;
            Node::from_json(&j, None)
        }
        "yamlencode" => {
            let j = v::to_json(arg(&a, 0)?)
                .map_err(|_| "unknown: value to encode is unknown".to_string())?;
            v::string(v::to_yaml(&j))
        }
        "yamldecode" => return Err("unknown: function yamldecode not supported".into()),
        "base64encode" => v::string(b64_encode(s(&a, 0)?.as_bytes())),
        "base64decode" => {
            let bytes = b64_decode(&s(&a, 0)?).ok_or("invalid base64")?;
            v::string(String::from_utf8(bytes).map_err(|_| "decoded bytes are not UTF-8")?)
        }
        "urlencode" => {
            let mut out = String::new();
            for b in s(&a, 0)?.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    out.push(b as char);
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            v::string(out)
        }
        "sha256" | "sha512" => {
            use sha2::Digest;
            let x = s(&a, 0)?;
            let hex = if name == "sha256" {
                to_hex(&sha2::Sha256::digest(x.as_bytes()))
            } else {
                to_hex(&sha2::Sha512::digest(x.as_bytes()))
            };
            v::string(hex)
        }
        // ---- network
        "cidrsubnet" => {
            let (base, len) = parse_cidr(&s(&a, 0)?)?;
            let newbits = f(&a, 1)? as u32;
            let num = f(&a, 2)? as u128;
            let bits: u32 = if base.1 { 128 } else { 32 };
            let nl = len + newbits;
            if nl > bits || (newbits < 128 && num >= (1u128 << newbits)) {
                return Err("prefix extension out of range".into());
            }
            let addr = base.0 | (num << (bits - nl));
            v::string(format!("{}/{nl}", fmt_ip(addr, base.1)))
        }
        "cidrhost" => {
            let (base, len) = parse_cidr(&s(&a, 0)?)?;
            let host = f(&a, 1)?;
            let bits: u32 = if base.1 { 128 } else { 32 };
            let size = 1u128.checked_shl(bits - len).unwrap_or(0);
            let h = if host < 0.0 {
                size.checked_sub((-host) as u128)
                    .ok_or("host number out of range")?
            } else {
                host as u128
            };
            if size != 0 && h >= size {
                return Err("host number out of range".into());
            }
            v::string(fmt_ip(base.0 | h, base.1))
        }
        "cidrnetmask" => {
            let (base, len) = parse_cidr(&s(&a, 0)?)?;
            if base.1 {
                return Err("only IPv4".into());
            }
            let mask: u128 = if len == 0 {
                0
            } else {
                (0xFFFF_FFFFu128 << (32 - len)) & 0xFFFF_FFFF
            };
            v::string(fmt_ip(mask, false))
        }
        // ---- filesystem
        "file" => v::string(read_file(ev, &s(&a, 0)?)?),
        "fileexists" => v::boolean(
            resolve_path(ev, &s(&a, 0)?)
                .map(|p| p.is_file())
                .unwrap_or(false),
        ),
        "templatefile" => {
            let text = read_file(ev, &s(&a, 0)?)?;
            let vars = mp(&a, 1)?.clone();
            let t = hcl_edit::parser::parse_template(&text)
                .map_err(|e| format!("template: {}", e.message()))?;
            let file = crate::config::SrcFile {
                path: ev.scope.clone(),
                index: palisade_model::LineIndex::new(""),
            };
            let mut sc = crate::eval::Scope::new(&file);
            sc.binds = vars.into_iter().collect();
            let tmpl =
                hcl_edit::template::StringTemplate::from(t.iter().cloned().collect::<Vec<_>>());
            let n = ev.eval(m, &mut sc, &hcl_edit::expr::Expression::from(tmpl));
            return Ok(Node { span: None, ..n });
        }
        "abspath" => {
            let p = s(&a, 0)?;
            v::string(if p.starts_with('/') {
                p
            } else {
                format!("/{p}")
            })
        }
        "basename" => {
            let p = s(&a, 0)?;
            v::string(
                p.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            )
        }
        "dirname" => {
            let p = s(&a, 0)?;
            v::string(match p.rfind('/') {
                Some(0) => "/".to_string(),
                Some(i) => p[..i].to_string(),
                None => ".".to_string(),
            })
        }
        "pathexpand" => v::string(s(&a, 0)?),
        "timestamp" | "uuid" | "plantimestamp" | "bcrypt" | "uuidv5" | "timeadd" | "formatdate" => {
            return Err(format!("unknown: {name}() is known only at apply time"));
        }
        "md5" | "sha1" | "filemd5" | "filesha1" | "filesha256" | "filebase64"
        | "filebase64sha256" | "base64sha256" | "base64sha512" | "rsadecrypt" | "fileset" => {
            return Err(format!("unknown: function {name} not supported"));
        }
        _ => return Err(format!("unknown: function {name} not supported")),
    })
}

fn first_reason(list: &[Node]) -> String {
    list.iter()
        .find_map(|x| x.unknown_reason().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn to_regex_repl(s: &str) -> String {
    // Terraform uses $1 / ${name}; regex-lite understands the same syntax.
    s.to_string()
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = B64.iter().position(|x| *x == c)? as u32;
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// (address, is_v6), prefix length
fn parse_cidr(s: &str) -> Result<((u128, bool), u32), String> {
    let (ip, len) = s.split_once('/').ok_or("invalid CIDR")?;
    let len: u32 = len.parse().map_err(|_| "invalid prefix length")?;
    let addr: std::net::IpAddr = ip.parse().map_err(|_| "invalid IP address")?;
    let (raw, v6, bits) = match addr {
        std::net::IpAddr::V4(a) => (u32::from(a) as u128, false, 32),
        std::net::IpAddr::V6(a) => (u128::from(a), true, 128),
    };
    if len > bits {
        return Err("invalid prefix length".into());
    }
    let mask = if len == 0 {
        0
    } else {
        (u128::MAX << (128 - len)) >> (128 - bits)
    };
    Ok(((raw & mask, v6), len))
}

fn fmt_ip(a: u128, v6: bool) -> String {
    if v6 {
        std::net::Ipv6Addr::from(a).to_string()
    } else {
        std::net::Ipv4Addr::from(a as u32).to_string()
    }
}

fn resolve_path(ev: &Ev, p: &str) -> Result<std::path::PathBuf, String> {
    let path = std::path::Path::new(p);
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        ev.root_dir.join(path)
    };
    let full = crate::config::normalize(&full);
    if !full.starts_with(&ev.g.root) {
        return Err(format!("unknown: file {p:?} is outside the scan root"));
    }
    // Symlinks must not escape the root either.
    if let (Ok(c), Some(rc)) = (full.canonicalize(), &ev.g.root_canon)
        && !c.starts_with(rc)
    {
        return Err(format!("unknown: file {p:?} is outside the scan root"));
    }
    Ok(full)
}

fn read_file(ev: &Ev, p: &str) -> Result<String, String> {
    let full = resolve_path(ev, p)?;
    match std::fs::metadata(&full) {
        Ok(md) if md.len() > crate::config::MAX_FILE_BYTES => {
            return Err(format!("unknown: file {p:?} is too large"));
        }
        Ok(_) => {}
        Err(_) => return Err(format!("no file {p:?}")),
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read {p:?}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("file {p:?} is not UTF-8"))
}

/// Terraform's `format` verbs: %s %d %f %t %v %q %% with optional width /
/// precision.
fn format_fn(fmt: &str, args: &[Node]) -> Result<String, String> {
    let mut out = String::new();
    let mut it = fmt.chars().peekable();
    let mut ai = 0;
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = it.peek() {
            if d.is_ascii_digit() || d == '.' || d == '-' || d == '+' || d == '#' || d == ' ' {
                spec.push(d);
                it.next();
            } else {
                break;
            }
        }
        let Some(verb) = it.next() else {
            return Err("format ends with %".into());
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let x = args.get(ai).ok_or("not enough arguments for format")?;
        ai += 1;
        let (width, prec) = {
            let mut parts = spec.trim_start_matches(['-', '+', '#', ' ']).splitn(2, '.');
            let w: usize = parts
                .next()
                .and_then(|w| w.trim_start_matches('0').parse().ok())
                .unwrap_or(0);
            let p: Option<usize> = parts.next().and_then(|p| p.parse().ok());
            (w.min(1024), p.map(|p| p.min(64)))
        };
        let body = match verb {
            's' | 'v' => match &x.value {
                Value::List(_) | Value::Map(_) => {
                    serde_json::to_string(&v::to_json(x).map_err(|_| "unknown: unknown value")?)
                        .unwrap_or_default()
                }
                _ => v::to_str(x).ok_or("cannot format null")?,
            },
            'q' => serde_json::to_string(&v::to_str(x).ok_or("cannot format null")?)
                .unwrap_or_default(),
            'd' => format!(
                "{}",
                v::as_f64(x).ok_or("%d needs a number")?.trunc() as i64
            ),
            'f' | 'e' | 'g' => {
                let n = v::as_f64(x).ok_or("%f needs a number")?;
                format!("{:.*}", prec.unwrap_or(6), n)
            }
            't' => v::as_bool(x).ok_or("%t needs a bool")?.to_string(),
            'x' => format!("{:x}", v::as_f64(x).ok_or("%x needs a number")? as i64),
            'X' => format!("{:X}", v::as_f64(x).ok_or("%X needs a number")? as i64),
            'o' => format!("{:o}", v::as_f64(x).ok_or("%o needs a number")? as i64),
            'b' => format!("{:b}", v::as_f64(x).ok_or("%b needs a number")? as i64),
            other => return Err(format!("unsupported format verb %{other}")),
        };
        let pad = width.saturating_sub(body.chars().count());
        if spec.starts_with('-') {
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if spec.starts_with('0') && matches!(verb, 'd' | 'f') {
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(&body);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&body);
        }
        if out.len() > v::MAX_STRING {
            return Err("result too large".into());
        }
    }
    Ok(out)
}
