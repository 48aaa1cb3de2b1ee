//! Evaluation of intrinsic functions and conditions over long-form nodes.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{Diagnostic, Node, Part, Span, Value};

use crate::scalar_text;

/// A three-valued condition.
#[derive(Clone, Debug)]
pub(crate) enum Tri {
    True,
    False,
    /// Why, and the resources it depends on.
    Unknown(String, Vec<String>),
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }
}

pub(crate) struct Ctx {
    pub path: Arc<str>,
    pub params: IndexMap<String, Node>,
    pub mappings: IndexMap<String, Node>,
    pub conditions: IndexMap<String, Node>,
    pub resources: HashSet<String>,
    /// `None` while a condition is being evaluated (cycle detection).
    pub cond_cache: HashMap<String, Option<Tri>>,
    pub diags: Vec<Diagnostic>,
}

const PSEUDO_UNKNOWN: &[&str] = &[
    "AWS::Region",
    "AWS::AccountId",
    "AWS::StackName",
    "AWS::StackId",
    "AWS::NotificationARNs",
];

fn unknown(reason: impl Into<Arc<str>>, span: Option<&Span>, refs: Vec<String>) -> Node {
    Node::unknown(reason, span.cloned()).with_refs(refs)
}

/// The pieces of `Fn::Join [sep, items]` whose separator is known and whose
/// items are strings or partly-known strings.
fn join_parts(sep: &Node, list: &Node) -> Option<Vec<Part>> {
    let sep = sep.as_str()?;
    let mut out = Vec::new();
    for (i, item) in list.as_list()?.iter().enumerate() {
        if i > 0 {
            out.push(Part::Lit(sep.to_string()));
        }
        out.extend(item.text_parts()?);
    }
    Some(out)
}

/// Every reference inside a node, in order, without repeats.
pub(crate) fn collect_refs(node: &Node, out: &mut Vec<String>) {
    node.walk(&mut String::new(), &mut |_, n| {
        for r in &n.refs {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
    });
}

fn is_intrinsic(key: &str) -> bool {
    key == "Ref" || key.starts_with("Fn::")
}

impl Ctx {
    fn diag(&mut self, code: &str, msg: String, span: Option<&Span>) {
        let span = span
            .cloned()
            .unwrap_or_else(|| Span::line(self.path.clone(), 1));
        self.diags.push(Diagnostic::warning(code, msg, span));
    }

    /// Evaluates a node; `None` is `AWS::NoValue` (the key or element goes).
    pub fn eval(&mut self, n: &Node) -> Option<Node> {
        match &n.value {
            Value::Map(m) => {
                if m.len() == 1
                    && let Some((k, arg)) = m.first()
                    && is_intrinsic(k)
                {
                    return self.intrinsic(k, arg, n.span.as_ref());
                }
                let mut out = IndexMap::new();
                for (k, v) in m {
                    if let Some(v) = self.eval(v) {
                        out.insert(k.clone(), v);
                    }
                }
                Some(Node::map(out, n.span.clone()))
            }
            Value::List(l) => Some(Node::list(
                l.iter().filter_map(|x| self.eval(x)).collect(),
                n.span.clone(),
            )),
            _ => Some(n.clone()),
        }
    }

    /// Evaluates a node that must be present (NoValue becomes null).
    fn value(&mut self, n: &Node) -> Node {
        self.eval(n).unwrap_or_else(|| Node::null(n.span.clone()))
    }

    fn reference(&mut self, name: &str, span: Option<&Span>) -> Option<Node> {
        if let Some(p) = self.params.get(name) {
            let mut v = p.clone();
            if span.is_some() {
                v.span = span.cloned();
            }
            return Some(v);
        }
        match name {
            "AWS::NoValue" => return None,
            "AWS::Partition" => return Some(Node::string("aws", span.cloned())),
            "AWS::URLSuffix" => return Some(Node::string("amazonaws.com", span.cloned())),
            _ => {}
        }
        if PSEUDO_UNKNOWN.contains(&name) {
            return Some(Node::unknown_parts(
                format!("pseudo parameter {name} (known at deploy)"),
                [Part::Hole(name.into())],
                span.cloned(),
            ));
        }
        if self.resources.contains(name) {
            return Some(self.resource_ref(name, name, span));
        }
        self.diag(
            "cfn-bad-ref",
            format!("Ref to {name:?}, which is no parameter, pseudo parameter or resource"),
            span,
        );
        Some(unknown(format!("unresolved Ref {name}"), span, Vec::new()))
    }

    /// A reference to resource `name`; `expr` (`Bucket`, `Bucket.Arn`) names
    /// the unknown piece it stands for.
    fn resource_ref(&self, name: &str, expr: &str, span: Option<&Span>) -> Node {
        Node::unknown_parts(
            format!("reference to resource {name} (known after deploy)"),
            [Part::Hole(expr.into())],
            span.cloned(),
        )
        .with_refs(vec![name.to_string()])
    }

    fn intrinsic(&mut self, f: &str, arg: &Node, span: Option<&Span>) -> Option<Node> {
        let args = |n: &Node| n.as_list().map(<[Node]>::to_vec).unwrap_or_default();
        match f {
            "Ref" => {
                let name = scalar_text(arg);
                self.reference(&name, span)
            }
            "Fn::GetAtt" => {
                let a = self.value(arg);
                let (res, expr) = match &a.value {
                    Value::List(l) => (
                        l.first().map(scalar_text),
                        l.iter().map(scalar_text).collect::<Vec<_>>().join("."),
                    ),
                    Value::String(s) => (
                        Some(s.split('.').next().unwrap_or_default().to_string()),
                        s.clone(),
                    ),
                    _ => (None, String::new()),
                };
                match res {
                    Some(r) if self.resources.contains(&r) => {
                        Some(self.resource_ref(&r, &expr, span))
                    }
                    other => {
                        self.diag(
                            "cfn-bad-ref",
                            format!(
                                "Fn::GetAtt of {:?}, which is no resource of this template",
                                other.unwrap_or_default()
                            ),
                            span,
                        );
                        Some(unknown("unresolved Fn::GetAtt", span, Vec::new()))
                    }
                }
            }
            "Fn::Sub" => Some(self.sub(arg, span)),
            "Fn::Join" => {
                let a = args(arg);
                let (Some(sep), Some(list)) = (a.first(), a.get(1)) else {
                    return Some(self.bad_args(f, span));
                };
                let sep = self.value(sep);
                let list = self.value(list);
                let mut refs = Vec::new();
                collect_refs(&sep, &mut refs);
                collect_refs(&list, &mut refs);
                if let Some(r) = sep.unknown_reason().or_else(|| list.unknown_reason()) {
                    // Keep the known pieces when only some items are unknown.
                    let parts = join_parts(&sep, &list);
                    return Some(match parts {
                        Some(p) => {
                            Node::unknown_parts(r.to_string(), p, span.cloned()).with_refs(refs)
                        }
                        None => unknown(r.to_string(), span, refs),
                    });
                }
                let Some(items) = list.as_list() else {
                    return Some(self.bad_args(f, span));
                };
                let parts: Vec<String> = items.iter().map(scalar_text).collect();
                Some(Node::string(parts.join(&scalar_text(&sep)), span.cloned()).with_refs(refs))
            }
            "Fn::Select" => {
                let a = args(arg);
                let (Some(i), Some(list)) = (a.first(), a.get(1)) else {
                    return Some(self.bad_args(f, span));
                };
                let i = self.value(i);
                let list = self.value(list);
                let mut refs = Vec::new();
                collect_refs(&list, &mut refs);
                if let Some(r) = i.unknown_reason() {
                    return Some(unknown(r.to_string(), span, refs));
                }
                match (&list.value, i.as_i64()) {
                    (Value::Unknown(u), _) => Some(unknown(u.reason.clone(), span, refs)),
                    (Value::List(l), Some(ix)) => {
                        match usize::try_from(ix).ok().and_then(|ix| l.get(ix)) {
                            Some(x) => Some(x.clone()),
                            None => {
                                self.diag(
                                    "cfn-bad-args",
                                    format!("Fn::Select index {ix} is out of range"),
                                    span,
                                );
                                Some(unknown("Fn::Select index out of range", span, refs))
                            }
                        }
                    }
                    _ => Some(self.bad_args(f, span)),
                }
            }
            "Fn::Split" => {
                let a = args(arg);
                let (Some(sep), Some(s)) = (a.first(), a.get(1)) else {
                    return Some(self.bad_args(f, span));
                };
                let sep = self.value(sep);
                let s = self.value(s);
                let mut refs = Vec::new();
                collect_refs(&s, &mut refs);
                if let Some(r) = sep.unknown_reason().or_else(|| s.unknown_reason()) {
                    return Some(unknown(r.to_string(), span, refs));
                }
                let (sep, s) = (scalar_text(&sep), scalar_text(&s));
                if sep.is_empty() {
                    return Some(self.bad_args(f, span));
                }
                Some(
                    Node::list(
                        s.split(sep.as_str())
                            .map(|x| Node::string(x, span.cloned()))
                            .collect(),
                        span.cloned(),
                    )
                    .with_refs(refs),
                )
            }
            "Fn::If" => {
                let a = args(arg);
                let (Some(c), Some(yes), Some(no)) = (a.first(), a.get(1), a.get(2)) else {
                    return Some(self.bad_args(f, span));
                };
                let name = scalar_text(c);
                match self.condition(&name, c.span.as_ref()) {
                    Tri::True => self.eval(yes),
                    Tri::False => self.eval(no),
                    Tri::Unknown(why, mut refs) => {
                        for branch in [yes, no] {
                            if let Some(b) = self.eval(branch) {
                                collect_refs(&b, &mut refs);
                            }
                        }
                        Some(unknown(
                            format!("condition {name} is unknown: {why}"),
                            span,
                            refs,
                        ))
                    }
                }
            }
            "Fn::FindInMap" => {
                let a: Vec<Node> = args(arg).iter().map(|x| self.value(x)).collect();
                if a.len() < 3 {
                    return Some(self.bad_args(f, span));
                }
                let mut refs = Vec::new();
                for x in &a {
                    collect_refs(x, &mut refs);
                }
                if let Some(r) = a[..3].iter().find_map(Node::unknown_reason) {
                    return Some(unknown(r.to_string(), span, refs));
                }
                let keys: Vec<String> = a[..3].iter().map(scalar_text).collect();
                let found = self
                    .mappings
                    .get(&keys[0])
                    .and_then(|m| m.get(&keys[1]).known())
                    .and_then(|m| m.get(&keys[2]).known())
                    .cloned();
                match found {
                    Some(v) => Some(self.value(&v)),
                    None => match a.get(3).and_then(|d| d.get("DefaultValue").node()) {
                        Some(d) => Some(d.clone()),
                        None => {
                            self.diag(
                                "cfn-bad-mapping",
                                format!(
                                    "Fn::FindInMap: no {}.{}.{} in Mappings",
                                    keys[0], keys[1], keys[2]
                                ),
                                span,
                            );
                            Some(unknown("Fn::FindInMap key not in Mappings", span, refs))
                        }
                    },
                }
            }
            // Kept as its plaintext input, so checks read what it encodes.
            "Fn::Base64" => {
                let v = self.value(arg);
                Some(Node {
                    span: span.cloned(),
                    ..v
                })
            }
            "Fn::Cidr" => Some(self.cidr(arg, span)),
            "Fn::GetAZs" => Some(unknown(
                "Fn::GetAZs (availability zones known at deploy)",
                span,
                Vec::new(),
            )),
            "Fn::ImportValue" => {
                let v = self.value(arg);
                let mut refs = Vec::new();
                collect_refs(&v, &mut refs);
                Some(unknown("Fn::ImportValue from another stack", span, refs))
            }
            "Fn::Transform" => Some(unknown(
                "Fn::Transform (a macro expanded at deploy)",
                span,
                Vec::new(),
            )),
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                let mut m = IndexMap::new();
                m.insert(f.to_string(), arg.clone());
                let node = Node::map(m, span.cloned());
                Some(match self.cond_expr(&node) {
                    Tri::True => Node::bool(true, span.cloned()),
                    Tri::False => Node::bool(false, span.cloned()),
                    Tri::Unknown(why, refs) => unknown(why, span, refs),
                })
            }
            "Fn::Length" => {
                let v = self.value(arg);
                match &v.value {
                    Value::List(l) => Some(Node::new(Value::Number(l.len().into()), span.cloned())),
                    Value::Unknown(u) => Some(unknown(u.reason.clone(), span, v.refs.clone())),
                    _ => Some(self.bad_args(f, span)),
                }
            }
            "Fn::ToJsonString" => {
                let v = self.value(arg);
                let mut refs = Vec::new();
                collect_refs(&v, &mut refs);
                match v.unknown_reason() {
                    Some(r) => Some(unknown(r.to_string(), span, refs)),
                    None => Some(Node::string(v.to_json().to_string(), span.cloned())),
                }
            }
            _ => {
                self.diags.push(Diagnostic::warning(
                    "cfn-unknown-intrinsic",
                    format!("unknown intrinsic function {f}"),
                    span.cloned()
                        .unwrap_or_else(|| Span::line(self.path.clone(), 1)),
                ));
                Some(unknown(
                    format!("unknown intrinsic function {f}"),
                    span,
                    Vec::new(),
                ))
            }
        }
    }

    fn bad_args(&mut self, f: &str, span: Option<&Span>) -> Node {
        self.diag("cfn-bad-args", format!("{f}: malformed arguments"), span);
        unknown(format!("malformed {f}"), span, Vec::new())
    }

    /// `Fn::Sub` with `${Param}`, `${Res.Attr}`, `${!Literal}` and a variable map.
    fn sub(&mut self, arg: &Node, span: Option<&Span>) -> Node {
        let (tmpl, vars) = match &arg.value {
            Value::List(l) => match (l.first(), l.get(1)) {
                (Some(t), v) => (t.clone(), v.map(|v| self.value(v))),
                _ => return self.bad_args("Fn::Sub", span),
            },
            _ => (arg.clone(), None),
        };
        let Some(tmpl) = tmpl.as_str().map(str::to_string) else {
            return self.bad_args("Fn::Sub", span);
        };
        let mut out = String::new();
        let mut refs = Vec::new();
        let mut why: Option<String> = None;
        // The known and unknown pieces, unless an unknown piece has no name.
        let mut parts: Option<Vec<Part>> = Some(Vec::new());
        let mut rest = tmpl.as_str();
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = after[..j].trim();
            rest = &after[j + 1..];
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let from_vars = vars.as_ref().and_then(|m| m.get(name).node());
            let v = if let Some(v) = from_vars {
                Some(v.clone())
            } else if let Some((res, _attr)) = name.split_once('.')
                && self.resources.contains(res)
            {
                Some(self.resource_ref(res, name, span))
            } else {
                self.reference(name, span)
            };
            let Some(v) = v else { continue };
            collect_refs(&v, &mut refs);
            match v.unknown_reason() {
                Some(r) => {
                    why.get_or_insert_with(|| r.to_string());
                    let piece = match v.text_parts() {
                        Some(p) => Some(p),
                        // A parameter without a value is named by its own name.
                        None if from_vars.is_none() && v.is_unknown() => {
                            Some(vec![Part::Hole(name.into())])
                        }
                        None => None,
                    };
                    match (parts.as_mut(), piece) {
                        (Some(ps), Some(p)) => {
                            ps.push(Part::Lit(std::mem::take(&mut out)));
                            ps.extend(p);
                        }
                        _ => parts = None,
                    }
                }
                None => out.push_str(&scalar_text(&v)),
            }
        }
        out.push_str(rest);
        match (why, parts) {
            (Some(r), Some(mut p)) => {
                p.push(Part::Lit(out));
                Node::unknown_parts(r, p, span.cloned()).with_refs(refs)
            }
            (Some(r), None) => unknown(r, span, refs),
            (None, _) => Node::string(out, span.cloned()).with_refs(refs),
        }
    }

    /// `Fn::Cidr [block, count, hostBits]` for IPv4.
    fn cidr(&mut self, arg: &Node, span: Option<&Span>) -> Node {
        let a: Vec<Node> = arg
            .as_list()
            .unwrap_or_default()
            .iter()
            .map(|x| self.value(x))
            .collect();
        if a.len() != 3 {
            return self.bad_args("Fn::Cidr", span);
        }
        let mut refs = Vec::new();
        for x in &a {
            collect_refs(x, &mut refs);
        }
        if let Some(r) = a.iter().find_map(Node::unknown_reason) {
            return unknown(r.to_string(), span, refs);
        }
        let block = scalar_text(&a[0]);
        let parsed = block.split_once('/').and_then(|(ip, len)| {
            let octets: Vec<u32> = ip.split('.').filter_map(|o| o.parse().ok()).collect();
            let len: u32 = len.parse().ok()?;
            (octets.len() == 4 && octets.iter().all(|o| *o < 256) && len <= 32).then(|| {
                let ip = octets.iter().fold(0u32, |acc, o| (acc << 8) | o);
                (ip, len)
            })
        });
        let (Some((ip, len)), Some(count), Some(bits)) = (parsed, a[1].as_i64(), a[2].as_i64())
        else {
            return unknown("Fn::Cidr of a non-IPv4 block", span, refs);
        };
        if !(1..=256).contains(&count) || !(0..=32).contains(&bits) || 32 - bits < i64::from(len) {
            return self.bad_args("Fn::Cidr", span);
        }
        let size = 1u64 << bits;
        let base = u64::from(ip) & !((1u64 << (32 - len)) - 1);
        let mut out = Vec::new();
        for i in 0..count as u64 {
            let net = base + i * size;
            if net > u64::from(u32::MAX) {
                break;
            }
            let n = net as u32;
            out.push(Node::string(
                format!(
                    "{}.{}.{}.{}/{}",
                    n >> 24,
                    (n >> 16) & 255,
                    (n >> 8) & 255,
                    n & 255,
                    32 - bits
                ),
                span.cloned(),
            ));
        }
        Node::list(out, span.cloned())
    }

    /// A named condition, memoized; cycles are reported and unknown.
    pub fn condition(&mut self, name: &str, span: Option<&Span>) -> Tri {
        match self.cond_cache.get(name) {
            Some(Some(t)) => return t.clone(),
            Some(None) => {
                self.diag(
                    "cfn-bad-condition",
                    format!("condition {name} refers to itself"),
                    span,
                );
                return Tri::Unknown(format!("condition {name} is circular"), Vec::new());
            }
            None => {}
        }
        let Some(expr) = self.conditions.get(name).cloned() else {
            self.diag(
                "cfn-bad-condition",
                format!("no condition named {name:?}"),
                span,
            );
            return Tri::Unknown(format!("no condition {name}"), Vec::new());
        };
        self.cond_cache.insert(name.to_string(), None);
        let t = self.cond_expr(&expr);
        self.cond_cache.insert(name.to_string(), Some(t.clone()));
        t
    }

    fn cond_expr(&mut self, n: &Node) -> Tri {
        let Some((f, arg)) = n.as_map().filter(|m| m.len() == 1).and_then(|m| m.first()) else {
            return match n.as_bool() {
                Some(b) => Tri::from_bool(b),
                None => Tri::Unknown("malformed condition".into(), Vec::new()),
            };
        };
        let items = arg.as_list().unwrap_or_default().to_vec();
        match f.as_str() {
            "Condition" => self.condition(&scalar_text(arg), arg.span.as_ref()),
            "Fn::Not" => match items.first().map(|x| self.cond_expr(x)) {
                Some(Tri::True) => Tri::False,
                Some(Tri::False) => Tri::True,
                Some(u @ Tri::Unknown(..)) => u,
                None => Tri::Unknown("malformed Fn::Not".into(), Vec::new()),
            },
            "Fn::And" | "Fn::Or" => {
                let short = f == "Fn::Or";
                let mut unknown_seen = None;
                for x in &items {
                    match self.cond_expr(x) {
                        Tri::True if short => return Tri::True,
                        Tri::False if !short => return Tri::False,
                        Tri::Unknown(w, r) => {
                            unknown_seen.get_or_insert((w, r));
                        }
                        _ => {}
                    }
                }
                match unknown_seen {
                    Some((w, r)) => Tri::Unknown(w, r),
                    None => Tri::from_bool(!short),
                }
            }
            "Fn::Equals" => {
                let (Some(a), Some(b)) = (items.first(), items.get(1)) else {
                    return Tri::Unknown("malformed Fn::Equals".into(), Vec::new());
                };
                let (a, b) = (self.value(a), self.value(b));
                let mut refs = Vec::new();
                collect_refs(&a, &mut refs);
                collect_refs(&b, &mut refs);
                if let Some(r) = a.unknown_reason().or_else(|| b.unknown_reason()) {
                    return Tri::Unknown(r.to_string(), refs);
                }
                Tri::from_bool(scalar_text(&a) == scalar_text(&b))
            }
            _ => {
                let v = self.value(n);
                match (v.as_bool(), v.unknown_reason()) {
                    (Some(b), _) => Tri::from_bool(b),
                    (None, Some(r)) => Tri::Unknown(r.to_string(), v.refs.clone()),
                    _ => Tri::Unknown("malformed condition".into(), Vec::new()),
                }
            }
        }
    }
}
