//! The evaluator: expressions over hcl-edit's tree with unknowns, lazily
//! memoised locals / variables / outputs / resources / module calls per
//! module instance.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::{Directive, Element};
use indexmap::IndexMap;
use palisade_model::{Diagnostic, InstanceKey, Mode, Node, Part, Span, Value};

use crate::config::{self, ModuleConfig, SrcFile};
use crate::value::{self as v, add_refs, unknown};

/// Resource / module instances beyond this are dropped with a diagnostic.
pub const MAX_INSTANCES: usize = 10_000;
/// Nested evaluation depth (expressions, locals chains, modules).
pub const MAX_DEPTH: u32 = 200;
/// Evaluation steps per root module.
pub const MAX_STEPS: u64 = 50_000_000;
/// Module nesting depth.
pub const MAX_MODULE_DEPTH: usize = 32;
/// One instance to evaluate: its key and its bindings (`each` / `count`).
pub type Instance = (Option<InstanceKey>, Vec<(String, Node)>);

/// Prefix of unknown reasons that are evaluation errors (what `try` skips).
pub const ERR: &str = "error: ";

pub fn err(msg: impl std::fmt::Display) -> Node {
    unknown(format!("{ERR}{msg}"))
}

pub fn is_err(n: &Node) -> bool {
    match &n.value {
        Value::Unknown(u) => u.reason.starts_with(ERR),
        Value::List(l) => l.iter().any(is_err),
        Value::Map(m) => m.values().any(is_err),
        _ => false,
    }
}

/// Module configurations, parsed once and shared by every root.
#[derive(Default)]
pub struct Configs {
    map: Mutex<HashMap<PathBuf, Arc<ModuleConfig>>>,
}

impl Configs {
    pub fn insert(&self, cfg: ModuleConfig) {
        if let Ok(mut m) = self.map.lock() {
            m.insert(cfg.dir.clone(), Arc::new(cfg));
        }
    }
    pub fn dirs(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .map
            .lock()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }
    pub fn get(&self, root: &Path, dir: &Path) -> Arc<ModuleConfig> {
        if let Some(c) = self.map.lock().ok().and_then(|m| m.get(dir).cloned()) {
            return c;
        }
        let cfg = Arc::new(config::load_dir(root, dir));
        if let Ok(mut m) = self.map.lock() {
            m.entry(dir.to_path_buf()).or_insert_with(|| cfg.clone());
        }
        cfg
    }
}

pub struct Global<'a> {
    pub root: PathBuf,
    pub root_canon: Option<PathBuf>,
    pub configs: &'a Configs,
}

/// A root-module variable value before evaluation.
pub enum RootVal {
    Expr(Expression, Rc<SrcFile>),
    Node(Node),
}

pub enum Inputs {
    Root(IndexMap<String, RootVal>),
    Child(IndexMap<String, Node>),
}

enum Slot<T> {
    InProgress,
    Done(T),
}

#[derive(Clone)]
pub enum Expansion {
    Single,
    Count,
    ForEach,
    Unknown(Node),
}

pub struct ResEval {
    pub instances: Vec<(Option<InstanceKey>, Node)>,
    pub expansion: Expansion,
    pub region: Option<String>,
}

pub struct ModEval {
    pub instances: Vec<(Option<InstanceKey>, Rc<ModInst>)>,
    pub expansion: Expansion,
    pub unresolved: Option<String>,
    pub meta_attrs: Node,
    pub source: Option<String>,
}

#[derive(Default)]
struct Cache {
    vars: HashMap<String, Node>,
    locals: HashMap<String, Slot<Node>>,
    outputs: HashMap<String, Slot<Node>>,
    resources: HashMap<usize, Slot<Rc<ResEval>>>,
    modules: HashMap<String, Slot<Rc<ModEval>>>,
    regions: Option<Rc<IndexMap<String, Node>>>,
}

pub struct ModInst {
    pub cfg: Arc<ModuleConfig>,
    pub names: Vec<String>,
    pub prefix: String,
    pub key_path: String,
    pub call_sites: Vec<Span>,
    pub inputs: Inputs,
    pub ancestors: Vec<PathBuf>,
    pub parent_regions: Rc<IndexMap<String, Node>>,
    cache: RefCell<Cache>,
}

impl ModInst {
    pub fn root(cfg: Arc<ModuleConfig>, inputs: IndexMap<String, RootVal>) -> ModInst {
        let dir = cfg.dir.clone();
        ModInst {
            cfg,
            names: Vec::new(),
            prefix: String::new(),
            key_path: String::new(),
            call_sites: Vec::new(),
            inputs: Inputs::Root(inputs),
            ancestors: vec![dir],
            parent_regions: Rc::new(IndexMap::new()),
            cache: RefCell::new(Cache::default()),
        }
    }
}

/// Lexical bindings: for-expression variables, `each`, `count`, dynamic
/// iterators.
pub struct Scope<'f> {
    pub file: &'f SrcFile,
    pub binds: Vec<(String, Node)>,
}

impl<'f> Scope<'f> {
    pub fn new(file: &'f SrcFile) -> Self {
        Scope {
            file,
            binds: Vec::new(),
        }
    }
}

/// The evaluation of one root module.
pub struct Ev<'g> {
    pub g: &'g Global<'g>,
    pub root_dir: PathBuf,
    pub scope: Arc<str>,
    pub diags: RefCell<Vec<Diagnostic>>,
    steps: Cell<u64>,
    depth: Cell<u32>,
    budget_hit: Cell<bool>,
    pub modules_json: Option<HashMap<String, String>>,
    pub empty_file: SrcFile,
}

fn key_str(k: &InstanceKey) -> String {
    k.to_string()
}

impl<'g> Ev<'g> {
    pub fn new(g: &'g Global<'g>, root_dir: PathBuf, scope: Arc<str>) -> Self {
        let modules_json = load_modules_json(&root_dir);
        Ev {
            g,
            root_dir,
            scope: scope.clone(),
            diags: RefCell::new(Vec::new()),
            steps: Cell::new(0),
            depth: Cell::new(0),
            budget_hit: Cell::new(false),
            modules_json,
            empty_file: SrcFile {
                path: scope,
                index: palisade_model::LineIndex::new(""),
            },
        }
    }

    pub fn diag(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    fn step(&self) -> bool {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        if s > MAX_STEPS {
            if !self.budget_hit.replace(true) {
                self.diag(Diagnostic::warning(
                    "tf-eval-budget",
                    format!("evaluation stopped after {MAX_STEPS} steps; remaining values unknown"),
                    Span::line(self.scope.clone(), 1),
                ));
            }
            return false;
        }
        true
    }

    // -----------------------------------------------------------------------
    // Expressions

    pub fn eval(&self, m: &ModInst, sc: &mut Scope, e: &Expression) -> Node {
        if !self.step() {
            return unknown("evaluation budget exceeded");
        }
        let d = self.depth.get();
        if d >= MAX_DEPTH {
            return err("expression nesting too deep");
        }
        self.depth.set(d + 1);
        let mut n = self.eval_inner(m, sc, e);
        self.depth.set(d);
        if n.span.is_none() {
            n.span = sc.file.span(e.span());
        }
        n
    }

    fn eval_inner(&self, m: &ModInst, sc: &mut Scope, e: &Expression) -> Node {
        let span = || sc.file.span(e.span());
        match e {
            Expression::Null(_) => Node::null(span()),
            Expression::Bool(b) => Node::bool(*b.value(), span()),
            Expression::Number(n) => {
                let f = n.value().as_f64().unwrap_or(0.0);
                Node::new(v::num_value(f), span())
            }
            Expression::String(s) => Node::string(s.value().clone(), span()),
            Expression::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for x in a.iter() {
                    out.push(self.eval(m, sc, x));
                }
                Node::list(out, span())
            }
            Expression::Object(o) => {
                let mut out = IndexMap::new();
                for (k, val) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(ke) => {
                            // A bare word key `{ foo = 1 }` may parse as a variable.
                            if let Expression::Variable(var) = ke {
                                var.as_str().to_string()
                            } else {
                                let kn = self.eval(m, sc, ke);
                                match v::to_str(&kn) {
                                    Some(s) => s,
                                    None if kn.is_unknown() => return kn,
                                    None => return err("object key is not a string"),
                                }
                            }
                        }
                    };
                    let vn = self.eval(m, sc, val.expr());
                    out.insert(key, vn);
                }
                Node::map(out, span())
            }
            Expression::StringTemplate(t) => {
                // A template of a single interpolation yields the value itself.
                let els: Vec<&Element> = t.iter().collect();
                if els.len() == 1
                    && let Element::Interpolation(i) = els[0]
                {
                    return self.eval(m, sc, &i.expr);
                }
                self.render(m, sc, t.iter())
            }
            Expression::HeredocTemplate(h) => self.render(m, sc, h.template.iter()),
            Expression::Parenthesis(p) => self.eval(m, sc, p.inner()),
            Expression::Variable(var) => self.resolve_root(m, sc, var.as_str(), &[]),
            Expression::Traversal(t) => match &t.expr {
                Expression::Variable(var) => {
                    let ops: Vec<&TraversalOperator> =
                        t.operators.iter().map(|o| o.value()).collect();
                    self.resolve_root(m, sc, var.as_str(), &ops)
                }
                other => {
                    let base = self.eval(m, sc, other);
                    let ops: Vec<&TraversalOperator> =
                        t.operators.iter().map(|o| o.value()).collect();
                    self.apply_ops(m, sc, &base, &ops, None)
                }
            },
            Expression::Conditional(c) => {
                let cond = self.eval(m, sc, &c.cond_expr);
                match v::as_bool(&cond) {
                    Some(true) => self.eval(m, sc, &c.true_expr),
                    Some(false) => self.eval(m, sc, &c.false_expr),
                    None if cond.is_unknown() => {
                        let a = self.eval(m, sc, &c.true_expr);
                        let b = self.eval(m, sc, &c.false_expr);
                        if !a.contains_unknown() && v::equal(&a, &b) {
                            let mut a = a;
                            add_refs(&mut a.refs, &cond.refs);
                            return a;
                        }
                        let mut u = cond;
                        u.span = None;
                        add_refs(&mut u.refs, &a.refs);
                        add_refs(&mut u.refs, &b.refs);
                        u
                    }
                    None => err("condition is not a bool"),
                }
            }
            Expression::FuncCall(f) => {
                let name = f.name.name.as_str();
                let full = if f.name.is_namespaced() {
                    let mut s: Vec<&str> = f.name.namespace.iter().map(|n| n.as_str()).collect();
                    s.push(name);
                    s.join("::")
                } else {
                    name.to_string()
                };
                let args: Vec<&Expression> = f.args.iter().collect();
                match full.as_str() {
                    "try" => {
                        let mut last = err("try: no argument succeeded");
                        for a in args {
                            let n = self.eval(m, sc, a);
                            if !is_err(&n) {
                                return n;
                            }
                            last = n;
                        }
                        last
                    }
                    "can" => {
                        let Some(a) = args.first() else {
                            return err("can: one argument expected");
                        };
                        let n = self.eval(m, sc, a);
                        if is_err(&n) {
                            Node::bool(false, None)
                        } else if n.contains_unknown() {
                            v::first_unknown(&n).unwrap_or(n)
                        } else {
                            Node::bool(true, None)
                        }
                    }
                    _ => {
                        let mut vals = Vec::with_capacity(args.len());
                        for a in args {
                            vals.push(self.eval(m, sc, a));
                        }
                        if f.args.expand_final()
                            && let Some(last) = vals.pop()
                        {
                            match last.value {
                                Value::List(l) => vals.extend(l),
                                _ if last.is_unknown() => return last,
                                _ => return err("expanding argument is not a list"),
                            }
                        }
                        crate::funcs::call(self, m, &full, vals)
                    }
                }
            }
            Expression::UnaryOp(u) => {
                let x = self.eval(m, sc, &u.expr);
                if x.is_unknown() {
                    return x;
                }
                let mut r = match u.operator.value() {
                    UnaryOperator::Neg => match v::as_f64(&x) {
                        Some(f) => v::num(-f),
                        None => err("negation of a non-number"),
                    },
                    UnaryOperator::Not => match v::as_bool(&x) {
                        Some(b) => v::boolean(!b),
                        None => err("! of a non-bool"),
                    },
                };
                r.refs = x.refs;
                r
            }
            Expression::BinaryOp(b) => {
                let op = *b.operator.value();
                let l = self.eval(m, sc, &b.lhs_expr);
                // Short-circuit when the left side decides.
                if matches!(op, BinaryOperator::And) && v::as_bool(&l) == Some(false) {
                    return l;
                }
                if matches!(op, BinaryOperator::Or) && v::as_bool(&l) == Some(true) {
                    return l;
                }
                let r = self.eval(m, sc, &b.rhs_expr);
                binop(op, l, r)
            }
            Expression::ForExpr(f) => self.eval_for(m, sc, f),
        }
    }

    fn eval_for(&self, m: &ModInst, sc: &mut Scope, f: &hcl_edit::expr::ForExpr) -> Node {
        let coll = self.eval(m, sc, &f.intro.collection_expr);
        if coll.is_unknown() {
            return coll;
        }
        let items: Vec<(Node, Node)> = match &coll.value {
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, x)| (v::num(i as f64), x.clone()))
                .collect(),
            Value::Map(mp) => mp
                .iter()
                .map(|(k, x)| (v::string(k.clone()), x.clone()))
                .collect(),
            Value::Null => return err("for expression over null"),
            _ => return err("for expression over a non-collection"),
        };
        let kname = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let vname = f.intro.value_var.as_str().to_string();
        let base = sc.binds.len();
        let mut list = Vec::new();
        let mut obj: IndexMap<String, Node> = IndexMap::new();
        let mut grouped: IndexMap<String, Vec<Node>> = IndexMap::new();
        let mut refs = coll.refs.clone();
        for (k, x) in items {
            if !self.step() {
                sc.binds.truncate(base);
                return unknown("evaluation budget exceeded");
            }
            if let Some(kn) = &kname {
                sc.binds.push((kn.clone(), k));
            }
            sc.binds.push((vname.clone(), x));
            let keep = match &f.cond {
                Some(c) => {
                    let cn = self.eval(m, sc, &c.expr);
                    match v::as_bool(&cn) {
                        Some(b) => b,
                        None => {
                            sc.binds.truncate(base);
                            if cn.is_unknown() {
                                return cn;
                            }
                            return err("for condition is not a bool");
                        }
                    }
                }
                None => true,
            };
            if keep {
                let val = self.eval(m, sc, &f.value_expr);
                match &f.key_expr {
                    Some(ke) => {
                        let kn = self.eval(m, sc, ke);
                        let Some(ks) = v::to_str(&kn) else {
                            sc.binds.truncate(base);
                            if kn.is_unknown() {
                                return kn;
                            }
                            return err("for key is not a string");
                        };
                        add_refs(&mut refs, &kn.refs);
                        if f.grouping {
                            grouped.entry(ks).or_default().push(val);
                        } else {
                            if obj.contains_key(&ks) {
                                sc.binds.truncate(base);
                                return err(format!("duplicate key {ks:?} in for expression"));
                            }
                            obj.insert(ks, val);
                        }
                    }
                    None => list.push(val),
                }
            }
            sc.binds.truncate(base);
        }
        let mut n = if f.key_expr.is_some() {
            if f.grouping {
                v::map(grouped.into_iter().map(|(k, l)| (k, v::list(l))).collect())
            } else {
                v::map(obj)
            }
        } else {
            v::list(list)
        };
        n.refs = refs;
        n
    }

    fn render<'t>(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        els: impl Iterator<Item = &'t Element>,
    ) -> Node {
        let mut out = String::new();
        let mut refs = Vec::new();
        let mut unk: Option<Node> = None;
        let mut trim_next = false;
        let mut holes = Vec::new();
        self.render_into(
            m,
            sc,
            els,
            &mut out,
            &mut refs,
            &mut unk,
            &mut trim_next,
            &mut holes,
        );
        match unk {
            Some(mut u) => {
                u.span = None;
                add_refs(&mut u.refs, &refs);
                if let Value::Unknown(x) = &u.value
                    && let Some(parts) = template_parts(&out, holes)
                {
                    u.value = Value::Unknown(
                        palisade_model::Unknown::new(x.reason.clone()).with_parts(parts),
                    );
                }
                u
            }
            None => {
                let mut n = v::string(out);
                n.refs = refs;
                n
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn render_into<'t>(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        els: impl Iterator<Item = &'t Element>,
        out: &mut String,
        refs: &mut Vec<String>,
        unk: &mut Option<Node>,
        trim_next: &mut bool,
        holes: &mut Vec<Hole>,
    ) {
        for el in els {
            if out.len() > v::MAX_STRING {
                if unk.is_none() {
                    *unk = Some(err("template result too large"));
                }
                holes.push((out.len(), None));
                return;
            }
            match el {
                Element::Literal(s) => {
                    let s: &str = s.value();
                    if std::mem::take(trim_next) {
                        out.push_str(s.trim_start());
                    } else {
                        out.push_str(s);
                    }
                }
                Element::Interpolation(i) => {
                    if i.strip.strip_start() {
                        trim_end(out);
                    }
                    let n = self.eval(m, sc, &i.expr);
                    let mut r = Vec::new();
                    v::deep_refs(&n, &mut r);
                    add_refs(refs, &r);
                    match v::to_str(&n) {
                        Some(s) => out.push_str(&s),
                        None => {
                            let piece = match &n.value {
                                Value::Unknown(u) => Some(match &u.parts {
                                    Some(p) => p.to_vec(),
                                    None => vec![Part::Hole(i.expr.to_string().trim().into())],
                                }),
                                _ => None,
                            };
                            holes.push((out.len(), piece));
                            if unk.is_none() {
                                *unk = Some(if n.is_unknown() {
                                    n
                                } else {
                                    err(format!("cannot interpolate a {}", v::type_name(&n)))
                                });
                            }
                        }
                    }
                    *trim_next = i.strip.strip_end();
                }
                Element::Directive(d) => match &**d {
                    Directive::If(ifd) => {
                        if ifd.if_expr.strip.strip_start() {
                            trim_end(out);
                        }
                        let c = self.eval(m, sc, &ifd.if_expr.cond_expr);
                        add_refs(refs, &c.refs);
                        match v::as_bool(&c) {
                            Some(true) => {
                                *trim_next = ifd.if_expr.strip.strip_end();
                                self.render_into(
                                    m,
                                    sc,
                                    ifd.if_expr.template.iter(),
                                    out,
                                    refs,
                                    unk,
                                    trim_next,
                                    holes,
                                );
                                let close = ifd
                                    .else_expr
                                    .as_ref()
                                    .map(|e| e.strip.strip_start())
                                    .unwrap_or(ifd.endif_expr.strip.strip_start());
                                if close {
                                    trim_end(out);
                                }
                            }
                            Some(false) => {
                                if let Some(e) = &ifd.else_expr {
                                    *trim_next = e.strip.strip_end();
                                    self.render_into(
                                        m,
                                        sc,
                                        e.template.iter(),
                                        out,
                                        refs,
                                        unk,
                                        trim_next,
                                        holes,
                                    );
                                }
                                if ifd.endif_expr.strip.strip_start() {
                                    trim_end(out);
                                }
                            }
                            None => {
                                holes.push((out.len(), None));
                                if unk.is_none() {
                                    *unk = Some(if c.is_unknown() {
                                        c
                                    } else {
                                        err("template condition is not a bool")
                                    });
                                }
                            }
                        }
                        *trim_next = ifd.endif_expr.strip.strip_end();
                    }
                    Directive::For(fd) => {
                        let fe = &fd.for_expr;
                        if fe.strip.strip_start() {
                            trim_end(out);
                        }
                        let coll = self.eval(m, sc, &fe.collection_expr);
                        add_refs(refs, &coll.refs);
                        let items: Vec<(Node, Node)> = match &coll.value {
                            Value::List(l) => l
                                .iter()
                                .enumerate()
                                .map(|(i, x)| (v::num(i as f64), x.clone()))
                                .collect(),
                            Value::Map(mp) => mp
                                .iter()
                                .map(|(k, x)| (v::string(k.clone()), x.clone()))
                                .collect(),
                            _ => {
                                holes.push((out.len(), None));
                                if unk.is_none() {
                                    *unk = Some(if coll.is_unknown() {
                                        coll
                                    } else {
                                        err("template for over a non-collection")
                                    });
                                }
                                Vec::new()
                            }
                        };
                        let base = sc.binds.len();
                        for (k, x) in items {
                            if !self.step() {
                                break;
                            }
                            if let Some(kv) = &fe.key_var {
                                sc.binds.push((kv.as_str().to_string(), k));
                            }
                            sc.binds.push((fe.value_var.as_str().to_string(), x));
                            *trim_next = fe.strip.strip_end();
                            self.render_into(
                                m,
                                sc,
                                fe.template.iter(),
                                out,
                                refs,
                                unk,
                                trim_next,
                                holes,
                            );
                            if fd.endfor_expr.strip.strip_start() {
                                trim_end(out);
                            }
                            sc.binds.truncate(base);
                            if out.len() > v::MAX_STRING {
                                break;
                            }
                        }
                        *trim_next = fd.endfor_expr.strip.strip_end();
                    }
                },
            }
        }
    }

    // -----------------------------------------------------------------------
    // Traversals

    /// Applies traversal operators to a value. `missing_ref` names the
    /// resource the value belongs to: a missing attribute is then "known
    /// after apply" rather than an error.
    pub fn apply_ops(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        base: &Node,
        ops: &[&TraversalOperator],
        missing_ref: Option<&str>,
    ) -> Node {
        let mut cur = base;
        let mut refs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < ops.len() {
            add_refs(&mut refs, &cur.refs);
            if cur.is_unknown() {
                let mut u = cur.clone();
                u.refs = refs;
                return u;
            }
            match ops[i] {
                TraversalOperator::GetAttr(name) => {
                    let name = name.as_str();
                    match &cur.value {
                        Value::Map(mp) => match mp.get(name) {
                            Some(n) => cur = n,
                            None => {
                                return match missing_ref {
                                    Some(r) => {
                                        let mut u = unknown(format!("known after apply: {r}"));
                                        add_refs(&mut refs, &[r.to_string()]);
                                        u.refs = refs;
                                        u
                                    }
                                    None => err(format!("unsupported attribute {name:?}")),
                                };
                            }
                        },
                        Value::Null => return err(format!("attribute {name:?} of null")),
                        _ => return err(format!("attribute {name:?} of a {}", v::type_name(cur))),
                    }
                }
                TraversalOperator::Index(ie) => {
                    let k = self.eval(m, sc, ie);
                    match self.index(cur, &k) {
                        Ok(n) => cur = n,
                        Err(mut e) => {
                            add_refs(&mut e.refs, &refs);
                            return e;
                        }
                    }
                }
                TraversalOperator::LegacyIndex(n) => {
                    let k = v::num(*n.value() as f64);
                    match self.index(cur, &k) {
                        Ok(n) => cur = n,
                        Err(e) => return e,
                    }
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(ops[i], TraversalOperator::FullSplat(_));
                    let mut j = i + 1;
                    if full {
                        j = ops.len();
                    } else {
                        while j < ops.len() && matches!(ops[j], TraversalOperator::GetAttr(_)) {
                            j += 1;
                        }
                    }
                    let rest = &ops[i + 1..j];
                    let elems: Vec<Node> = match &cur.value {
                        Value::List(l) => l
                            .iter()
                            .map(|x| self.apply_ops(m, sc, x, rest, missing_ref))
                            .collect(),
                        Value::Null => Vec::new(),
                        _ => vec![self.apply_ops(m, sc, cur, rest, missing_ref)],
                    };
                    let mut out = v::list(elems);
                    out.refs = refs;
                    if j < ops.len() {
                        return self.apply_ops(m, sc, &out, &ops[j..], None);
                    }
                    return out;
                }
            }
            i += 1;
        }
        let mut n = cur.clone();
        let mut r = refs;
        add_refs(&mut r, &n.refs);
        n.refs = r;
        n
    }

    #[allow(clippy::result_large_err)]
    fn index<'n>(&self, cur: &'n Node, k: &Node) -> Result<&'n Node, Node> {
        if k.is_unknown() {
            return Err(k.clone());
        }
        match &cur.value {
            Value::List(l) => match v::as_f64(k) {
                Some(f) if f >= 0.0 && f.fract() == 0.0 => l
                    .get(f as usize)
                    .ok_or_else(|| err(format!("index {f} out of range"))),
                _ => Err(err("invalid list index")),
            },
            Value::Map(mp) => match v::to_str(k) {
                Some(s) => mp
                    .get(&s)
                    .ok_or_else(|| err(format!("key {s:?} not found"))),
                None => Err(err("invalid map key")),
            },
            Value::Null => Err(err("index into null")),
            _ => Err(err(format!("index into a {}", v::type_name(cur)))),
        }
    }

    fn resolve_root(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        name: &str,
        ops: &[&TraversalOperator],
    ) -> Node {
        if let Some(pos) = sc.binds.iter().rposition(|(n, _)| n == name) {
            let b = sc.binds[pos].1.clone();
            return self.apply_ops(m, sc, &b, ops, None);
        }
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        match name {
            "var" => match attr(0) {
                Some(a) => {
                    let n = self.var(m, &a);
                    self.apply_ops(m, sc, &n, &ops[1..], None)
                }
                None => err("invalid reference to var"),
            },
            "local" => match attr(0) {
                Some(a) => {
                    let n = self.local(m, &a);
                    self.apply_ops(m, sc, &n, &ops[1..], None)
                }
                None => err("invalid reference to local"),
            },
            "module" => match attr(0) {
                Some(a) => self.module_ref(m, sc, &a, &ops[1..]),
                None => err("invalid reference to module"),
            },
            "data" => match (attr(0), attr(1)) {
                (Some(t), Some(n)) => self.resource_ref(m, sc, true, &t, &n, &ops[2..]),
                _ => err("invalid reference to data"),
            },
            "path" => {
                let p = match attr(0).as_deref() {
                    Some("module") => config::rel_path(&self.root_dir, &m.cfg.dir),
                    Some("root") | Some("cwd") => ".".to_string(),
                    _ => return err("invalid path attribute"),
                };
                let n = v::string(p);
                self.apply_ops(m, sc, &n, &ops[1..], None)
            }
            "terraform" => match attr(0).as_deref() {
                Some("workspace") => v::string("default"),
                _ => unknown("terraform attribute"),
            },
            "count" => err("count.index used outside a counted block"),
            "each" => err("each used outside a for_each block"),
            "self" => unknown("self is known only during provisioning"),
            _ => match attr(0) {
                Some(n) if !ops.is_empty() => self.resource_ref(m, sc, false, name, &n, &ops[1..]),
                _ => err(format!("unknown variable {name:?}")),
            },
        }
    }

    fn resource_ref(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        data: bool,
        rtype: &str,
        name: &str,
        ops: &[&TraversalOperator],
    ) -> Node {
        let Some(idx) = m
            .cfg
            .res_index
            .get(&(data, rtype.to_string(), name.to_string()))
            .copied()
        else {
            return err(format!(
                "reference to undeclared {}{rtype}.{name}",
                if data { "data." } else { "" }
            ));
        };
        let mut r = format!(
            "{}{}{rtype}.{name}",
            m.prefix,
            if data { "data." } else { "" }
        );
        let re = match self.resource_eval(m, idx) {
            Some(re) => re,
            None => {
                // Cycle: the referenced resource is being evaluated.
                if let Some(TraversalOperator::GetAttr(a)) = ops.first() {
                    r.push('.');
                    r.push_str(a.as_str());
                }
                return unknown(format!("known after apply: {r}")).with_refs(vec![r]);
            }
        };
        if let Expansion::Unknown(u) = &re.expansion {
            if let Some(TraversalOperator::GetAttr(a)) = ops.first() {
                r.push('.');
                r.push_str(a.as_str());
            }
            let mut u = u.clone();
            u.span = None;
            u.refs = vec![r];
            return u;
        }
        let mut rest = ops;
        let owned;
        let base: &Node = match (&re.expansion, ops.first()) {
            (Expansion::Single, _) => match re.instances.first() {
                Some((_, n)) => n,
                None => return unknown("resource has no instance"),
            },
            (Expansion::Count | Expansion::ForEach, Some(op))
                if matches!(
                    op,
                    TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
                ) =>
            {
                let k = match op {
                    TraversalOperator::Index(ie) => self.eval(m, sc, ie),
                    TraversalOperator::LegacyIndex(n) => v::num(*n.value() as f64),
                    _ => return unknown("unreachable"),
                };
                if k.is_unknown() {
                    return unknown(format!("known after apply: {r}")).with_refs(vec![r]);
                }
                let key = match re.expansion {
                    Expansion::Count => v::as_f64(&k).map(|f| InstanceKey::Index(f as u64)),
                    _ => v::to_str(&k).map(InstanceKey::Key),
                };
                let Some(key) = key else {
                    return err("invalid instance key");
                };
                r.push_str(&key_str(&key));
                rest = &ops[1..];
                match re.instances.iter().find(|(k, _)| k.as_ref() == Some(&key)) {
                    Some((_, n)) => n,
                    None => return err(format!("no instance {key} of {r}")),
                }
            }
            (Expansion::Count, _) => {
                owned = v::list(re.instances.iter().map(|(_, n)| n.clone()).collect());
                &owned
            }
            _ => {
                owned = v::map(
                    re.instances
                        .iter()
                        .filter_map(|(k, n)| match k {
                            Some(InstanceKey::Key(k)) => Some((k.clone(), n.clone())),
                            _ => None,
                        })
                        .collect(),
                );
                &owned
            }
        };
        let mut full_ref = r.clone();
        if let Some(TraversalOperator::GetAttr(a)) = rest.first() {
            full_ref.push('.');
            full_ref.push_str(a.as_str());
        } else if let Some(TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_)) =
            rest.first()
            && let Some(TraversalOperator::GetAttr(a)) = rest.get(1)
        {
            full_ref.push('.');
            full_ref.push_str(a.as_str());
        }
        let mut n = self.apply_ops(m, sc, base, rest, Some(&full_ref));
        // Attributes set in config keep their own refs; the reference itself is recorded first.
        let mut refs = vec![full_ref];
        add_refs(&mut refs, &n.refs);
        n.refs = refs;
        n.span = None;
        n
    }

    fn module_ref(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        name: &str,
        ops: &[&TraversalOperator],
    ) -> Node {
        if !m.cfg.modules.contains_key(name) {
            return err(format!("reference to undeclared module {name:?}"));
        }
        let Some(me) = self.module_eval(m, name) else {
            return unknown(format!("module {name:?} output in a reference cycle"));
        };
        if let Some(why) = &me.unresolved {
            return unknown(format!("module {name:?} outputs unknown: {why}"));
        }
        if let Expansion::Unknown(u) = &me.expansion {
            let mut u = u.clone();
            u.span = None;
            return u;
        }
        let mut rest = ops;
        let inst: Option<&Rc<ModInst>> = match (&me.expansion, ops.first()) {
            (Expansion::Single, _) => me.instances.first().map(|(_, i)| i),
            (_, Some(op))
                if matches!(
                    op,
                    TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
                ) =>
            {
                let k = match op {
                    TraversalOperator::Index(ie) => self.eval(m, sc, ie),
                    TraversalOperator::LegacyIndex(n) => v::num(*n.value() as f64),
                    _ => return unknown("unreachable"),
                };
                if k.is_unknown() {
                    return k;
                }
                let key = match me.expansion {
                    Expansion::Count => v::as_f64(&k).map(|f| InstanceKey::Index(f as u64)),
                    _ => v::to_str(&k).map(InstanceKey::Key),
                };
                rest = &ops[1..];
                match me
                    .instances
                    .iter()
                    .find(|(kk, _)| kk.as_ref() == key.as_ref())
                {
                    Some((_, i)) => Some(i),
                    None => return err("no such module instance"),
                }
            }
            _ => None,
        };
        match inst {
            Some(inst) => {
                if let Some(TraversalOperator::GetAttr(o)) = rest.first() {
                    let out = self.output(inst, o.as_str());
                    return self.apply_ops(m, sc, &out, &rest[1..], None);
                }
                let all = self.all_outputs(inst);
                self.apply_ops(m, sc, &all, rest, None)
            }
            None => {
                // The whole collection of instances.
                let coll = match me.expansion {
                    Expansion::Count => v::list(
                        me.instances
                            .iter()
                            .map(|(_, i)| self.all_outputs(i))
                            .collect(),
                    ),
                    _ => v::map(
                        me.instances
                            .iter()
                            .map(|(k, i)| {
                                let k = match k {
                                    Some(InstanceKey::Key(s)) => s.clone(),
                                    Some(InstanceKey::Index(n)) => n.to_string(),
                                    None => String::new(),
                                };
                                (k, self.all_outputs(i))
                            })
                            .collect(),
                    ),
                };
                self.apply_ops(m, sc, &coll, rest, None)
            }
        }
    }

    fn all_outputs(&self, inst: &ModInst) -> Node {
        let names: Vec<String> = inst.cfg.outputs.keys().cloned().collect();
        v::map(
            names
                .into_iter()
                .map(|n| {
                    let o = self.output(inst, &n);
                    (n, o)
                })
                .collect(),
        )
    }

    // -----------------------------------------------------------------------
    // Named values

    pub fn var(&self, m: &ModInst, name: &str) -> Node {
        if let Some(n) = m.cache.borrow().vars.get(name) {
            return n.clone();
        }
        let Some(decl) = m.cfg.variables.get(name) else {
            return err(format!("reference to undeclared variable {name:?}"));
        };
        let file = m.cfg.files.get(decl.file).unwrap_or(&self.empty_file);
        let given: Option<Node> = match &m.inputs {
            Inputs::Child(inp) => inp.get(name).cloned(),
            Inputs::Root(r) => match r.get(name) {
                Some(RootVal::Node(n)) => Some(n.clone()),
                Some(RootVal::Expr(e, f)) => {
                    let f = f.clone();
                    let mut sc = Scope::new(&f);
                    Some(self.eval(m, &mut sc, e))
                }
                None => None,
            },
        };
        let mut sc = Scope::new(file);
        let val = match (given, &decl.default) {
            (Some(n), _) => n,
            (None, Some(d)) => self.eval(m, &mut sc, d),
            (None, None) => unknown(format!("variable {name:?} has no value")),
        };
        let val = match &decl.ty {
            Some(t) => self.convert(m, &mut sc, val, t, 0),
            None => val,
        };
        m.cache
            .borrow_mut()
            .vars
            .insert(name.to_string(), val.clone());
        val
    }

    pub fn local(&self, m: &ModInst, name: &str) -> Node {
        match m.cache.borrow().locals.get(name) {
            Some(Slot::Done(n)) => return n.clone(),
            Some(Slot::InProgress) => {
                let span = m.cfg.locals.get(name).map(|i| i.span.clone());
                if let Some(span) = span {
                    self.diag(Diagnostic::warning(
                        "tf-cycle",
                        format!("local {name:?} depends on itself"),
                        span,
                    ));
                }
                return unknown(format!("local {name:?} is part of a cycle"));
            }
            None => {}
        }
        let Some(item) = m.cfg.locals.get(name) else {
            return err(format!("reference to undeclared local {name:?}"));
        };
        m.cache
            .borrow_mut()
            .locals
            .insert(name.to_string(), Slot::InProgress);
        let file = m.cfg.files.get(item.file).unwrap_or(&self.empty_file);
        let mut sc = Scope::new(file);
        let mut n = self.eval(m, &mut sc, &item.expr);
        if v::size(&n, 1_000_000) > 1_000_000 {
            n = err("value too large");
        }
        m.cache
            .borrow_mut()
            .locals
            .insert(name.to_string(), Slot::Done(n.clone()));
        n
    }

    pub fn output(&self, m: &ModInst, name: &str) -> Node {
        match m.cache.borrow().outputs.get(name) {
            Some(Slot::Done(n)) => return n.clone(),
            Some(Slot::InProgress) => {
                return unknown(format!("output {name:?} is part of a cycle"));
            }
            None => {}
        }
        let Some(item) = m.cfg.outputs.get(name) else {
            return err(format!("module has no output {name:?}"));
        };
        m.cache
            .borrow_mut()
            .outputs
            .insert(name.to_string(), Slot::InProgress);
        let file = m.cfg.files.get(item.file).unwrap_or(&self.empty_file);
        let mut sc = Scope::new(file);
        let mut n = self.eval(m, &mut sc, &item.expr);
        if v::size(&n, 1_000_000) > 1_000_000 {
            n = err("value too large");
        }
        m.cache
            .borrow_mut()
            .outputs
            .insert(name.to_string(), Slot::Done(n.clone()));
        n
    }

    /// Type conversion with `optional(type, default)` attribute defaults.
    fn convert(&self, m: &ModInst, sc: &mut Scope, val: Node, ty: &Expression, depth: u32) -> Node {
        if depth > 64 || val.is_unknown() || matches!(val.value, Value::Null) {
            return val;
        }
        match ty {
            Expression::Variable(t) => match t.as_str() {
                "string" => match &val.value {
                    Value::Bool(_) | Value::Number(_) => {
                        let s = v::to_str(&val).unwrap_or_default();
                        Node {
                            value: Value::String(s),
                            ..val
                        }
                    }
                    _ => val,
                },
                "number" => match &val.value {
                    Value::String(s) => match s.trim().parse::<f64>() {
                        Ok(f) => Node {
                            value: v::num_value(f),
                            ..val
                        },
                        Err(_) => val,
                    },
                    _ => val,
                },
                "bool" => match &val.value {
                    Value::String(s) if s == "true" || s == "false" => Node {
                        value: Value::Bool(s == "true"),
                        ..val
                    },
                    _ => val,
                },
                _ => val,
            },
            Expression::FuncCall(f) => {
                let args: Vec<&Expression> = f.args.iter().collect();
                let Some(first) = args.first() else {
                    return val;
                };
                match f.name.name.as_str() {
                    "list" | "set" => match val.value {
                        Value::List(l) => Node {
                            value: Value::List(
                                l.into_iter()
                                    .map(|x| self.convert(m, sc, x, first, depth + 1))
                                    .collect(),
                            ),
                            span: val.span,
                            refs: val.refs,
                        },
                        other => Node {
                            value: other,
                            ..val
                        },
                    },
                    "map" => match val.value {
                        Value::Map(mp) => Node {
                            value: Value::Map(
                                mp.into_iter()
                                    .map(|(k, x)| (k, self.convert(m, sc, x, first, depth + 1)))
                                    .collect(),
                            ),
                            span: val.span,
                            refs: val.refs,
                        },
                        other => Node {
                            value: other,
                            ..val
                        },
                    },
                    "tuple" => match (val.value, first) {
                        (Value::List(l), Expression::Array(types)) => {
                            let types: Vec<&Expression> = types.iter().collect();
                            Node {
                                value: Value::List(
                                    l.into_iter()
                                        .enumerate()
                                        .map(|(i, x)| match types.get(i) {
                                            Some(t) => self.convert(m, sc, x, t, depth + 1),
                                            None => x,
                                        })
                                        .collect(),
                                ),
                                span: val.span,
                                refs: val.refs,
                            }
                        }
                        (other, _) => Node {
                            value: other,
                            ..val
                        },
                    },
                    "object" => match (val.value, first) {
                        (Value::Map(mut mp), Expression::Object(attrs)) => {
                            let mut out = IndexMap::new();
                            for (k, tv) in attrs.iter() {
                                let key = match k {
                                    ObjectKey::Ident(i) => i.as_str().to_string(),
                                    ObjectKey::Expression(Expression::Variable(i)) => {
                                        i.as_str().to_string()
                                    }
                                    ObjectKey::Expression(e) => {
                                        match crate::config::literal_string(e) {
                                            Some(s) => s,
                                            None => continue,
                                        }
                                    }
                                };
                                let te = tv.expr();
                                let (inner_ty, default) = match te {
                                    Expression::FuncCall(of)
                                        if of.name.name.as_str() == "optional" =>
                                    {
                                        let a: Vec<&Expression> = of.args.iter().collect();
                                        (a.first().copied(), a.get(1).copied())
                                    }
                                    other => (Some(other), None),
                                };
                                match mp.shift_remove(&key) {
                                    Some(x) if !matches!(x.value, Value::Null) => {
                                        let x = match inner_ty {
                                            Some(t) => self.convert(m, sc, x, t, depth + 1),
                                            None => x,
                                        };
                                        out.insert(key, x);
                                    }
                                    other => match default {
                                        Some(d) => {
                                            let dn = self.eval(m, sc, d);
                                            let dn = match inner_ty {
                                                Some(t) => self.convert(m, sc, dn, t, depth + 1),
                                                None => dn,
                                            };
                                            out.insert(key, dn);
                                        }
                                        None => {
                                            out.insert(
                                                key,
                                                other.unwrap_or_else(|| Node::null(None)),
                                            );
                                        }
                                    },
                                }
                            }
                            Node {
                                value: Value::Map(out),
                                span: val.span,
                                refs: val.refs,
                            }
                        }
                        (other, _) => Node {
                            value: other,
                            ..val
                        },
                    },
                    _ => val,
                }
            }
            _ => val,
        }
    }

    // -----------------------------------------------------------------------
    // Expansion (count / for_each)

    /// Evaluates `count` / `for_each` of a block body into instance keys and
    /// their bindings.
    fn expand(
        &self,
        m: &ModInst,
        file: &SrcFile,
        body: &Body,
        what: &str,
        fallback: &Span,
    ) -> (Expansion, Vec<Instance>) {
        let mut sc = Scope::new(file);
        if let Some(a) = body.get_attribute("for_each") {
            let span = file.span(a.span()).unwrap_or_else(|| fallback.clone());
            let n = self.eval(m, &mut sc, &a.value);
            let items: Option<Vec<(String, Node)>> = match &n.value {
                Value::Map(mp) => Some(mp.iter().map(|(k, x)| (k.clone(), x.clone())).collect()),
                Value::List(l) => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for x in l {
                        match v::to_str(x) {
                            Some(s) => out.push((s, x.clone())),
                            None => ok = false,
                        }
                    }
                    if ok {
                        out.dedup_by(|a, b| a.0 == b.0);
                        Some(out)
                    } else {
                        None
                    }
                }
                Value::Null => Some(Vec::new()),
                _ => None,
            };
            return match items {
                Some(mut items) => {
                    if items.len() > MAX_INSTANCES {
                        self.diag(Diagnostic::warning(
                            "tf-too-many-instances",
                            format!("{what}: for_each has {} elements; only the first {MAX_INSTANCES} are evaluated", items.len()),
                            span,
                        ));
                        items.truncate(MAX_INSTANCES);
                    }
                    let insts = items
                        .into_iter()
                        .map(|(k, x)| {
                            let each = v::map(IndexMap::from([
                                ("key".to_string(), v::string(k.clone())),
                                ("value".to_string(), x),
                            ]));
                            (Some(InstanceKey::Key(k)), vec![("each".to_string(), each)])
                        })
                        .collect();
                    (Expansion::ForEach, insts)
                }
                None => {
                    let reason = n.unknown_reason().map(str::to_string).unwrap_or_else(|| {
                        format!(
                            "for_each value is a {}, not a map or set of strings",
                            v::type_name(&n)
                        )
                    });
                    self.diag(Diagnostic::warning(
                        "tf-unknown-for-each",
                        format!(
                            "{what}: for_each over unknown value; instances unknown ({reason})"
                        ),
                        span,
                    ));
                    let u = unknown(format!("for_each over unknown value: {reason}"));
                    let each = v::map(IndexMap::from([
                        ("key".to_string(), u.clone()),
                        ("value".to_string(), u.clone()),
                    ]));
                    (
                        Expansion::Unknown(u),
                        vec![(None, vec![("each".to_string(), each)])],
                    )
                }
            };
        }
        if let Some(a) = body.get_attribute("count") {
            let span = file.span(a.span()).unwrap_or_else(|| fallback.clone());
            let n = self.eval(m, &mut sc, &a.value);
            return match v::as_f64(&n) {
                Some(f) if f >= 0.0 => {
                    let mut c = f as usize;
                    if c > MAX_INSTANCES {
                        self.diag(Diagnostic::warning(
                            "tf-too-many-instances",
                            format!("{what}: count = {c}; only the first {MAX_INSTANCES} instances are evaluated"),
                            span,
                        ));
                        c = MAX_INSTANCES;
                    }
                    let insts = (0..c)
                        .map(|i| {
                            let cnt =
                                v::map(IndexMap::from([("index".to_string(), v::num(i as f64))]));
                            (
                                Some(InstanceKey::Index(i as u64)),
                                vec![("count".to_string(), cnt)],
                            )
                        })
                        .collect();
                    (Expansion::Count, insts)
                }
                _ => {
                    let reason = n
                        .unknown_reason()
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("count is a {}", v::type_name(&n)));
                    self.diag(Diagnostic::warning(
                        "tf-unknown-count",
                        format!("{what}: count over unknown value; instances unknown ({reason})"),
                        span,
                    ));
                    let u = unknown(format!("count over unknown value: {reason}"));
                    let cnt = v::map(IndexMap::from([("index".to_string(), u.clone())]));
                    (
                        Expansion::Unknown(u),
                        vec![(None, vec![("count".to_string(), cnt)])],
                    )
                }
            };
        }
        (Expansion::Single, vec![(None, Vec::new())])
    }

    // -----------------------------------------------------------------------
    // Bodies and resources

    /// Evaluates a block body into a map: attributes, and nested blocks as
    /// lists of maps (dynamic blocks expanded).
    pub fn eval_body(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        body: &Body,
        top: bool,
        fallback: &Span,
    ) -> Node {
        let mut out: IndexMap<String, Node> = IndexMap::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.as_str();
                    if top
                        && matches!(
                            k,
                            "count" | "for_each" | "depends_on" | "provider" | "providers"
                        )
                    {
                        continue;
                    }
                    let mut n = self.eval(m, sc, &a.value);
                    n.span = Some(sc.file.span(a.span()).unwrap_or_else(|| fallback.clone()));
                    out.insert(k.to_string(), n);
                }
                Structure::Block(b) => {
                    let ident = b.ident.as_str();
                    let bspan = sc.file.span(b.span()).unwrap_or_else(|| fallback.clone());
                    if top && matches!(ident, "provisioner" | "connection") {
                        continue;
                    }
                    if ident == "dynamic" {
                        let Some(label) = b.labels.first().map(|l| l.as_str().to_string()) else {
                            continue;
                        };
                        let items = self.dynamic(m, sc, b, &label, &bspan);
                        let entry = out
                            .entry(label)
                            .or_insert_with(|| Node::list(Vec::new(), Some(bspan.clone())));
                        if let Value::List(l) = &mut entry.value {
                            l.extend(items);
                        }
                        continue;
                    }
                    let n = self.eval_body(m, sc, &b.body, false, &bspan);
                    let n = Node {
                        span: Some(bspan),
                        ..n
                    };
                    let entry = out
                        .entry(ident.to_string())
                        .or_insert_with(|| Node::list(Vec::new(), None));
                    if entry.span.is_none() {
                        entry.span = n.span.clone();
                    }
                    match &mut entry.value {
                        Value::List(l) => l.push(n),
                        _ => *entry = Node::list(vec![n], None),
                    }
                }
            }
        }
        Node::map(out, Some(fallback.clone()))
    }

    fn dynamic(
        &self,
        m: &ModInst,
        sc: &mut Scope,
        b: &hcl_edit::structure::Block,
        label: &str,
        span: &Span,
    ) -> Vec<Node> {
        let iter_name = b
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                other => config::literal_string(other),
            })
            .unwrap_or_else(|| label.to_string());
        let Some(content) = b.body.blocks().find(|c| c.ident.as_str() == "content") else {
            return Vec::new();
        };
        let coll = match b.body.get_attribute("for_each") {
            Some(a) => self.eval(m, sc, &a.value),
            None => return Vec::new(),
        };
        let items: Vec<(Node, Node)> = match &coll.value {
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, x)| (v::num(i as f64), x.clone()))
                .collect(),
            Value::Map(mp) => mp
                .iter()
                .map(|(k, x)| (v::string(k.clone()), x.clone()))
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                let reason = coll
                    .unknown_reason()
                    .unwrap_or("for_each is not a collection");
                let mut u = Node::unknown(
                    format!("dynamic block {label:?} for_each over unknown value: {reason}"),
                    Some(span.clone()),
                );
                u.refs = coll.refs.clone();
                return vec![u];
            }
        };
        let cspan = sc.file.span(content.span()).unwrap_or_else(|| span.clone());
        let mut out = Vec::new();
        for (k, x) in items.into_iter().take(MAX_INSTANCES) {
            if !self.step() {
                break;
            }
            let it = v::map(IndexMap::from([
                ("key".to_string(), k),
                ("value".to_string(), x),
            ]));
            sc.binds.push((iter_name.clone(), it));
            let n = self.eval_body(m, sc, &content.body, false, &cspan);
            sc.binds.pop();
            out.push(Node {
                span: Some(cspan.clone()),
                ..n
            });
        }
        out
    }

    pub fn resource_eval(&self, m: &ModInst, idx: usize) -> Option<Rc<ResEval>> {
        match m.cache.borrow().resources.get(&idx) {
            Some(Slot::Done(r)) => return Some(r.clone()),
            Some(Slot::InProgress) => return None,
            None => {}
        }
        let decl = m.cfg.resources.get(idx)?;
        m.cache.borrow_mut().resources.insert(idx, Slot::InProgress);
        let file = m.cfg.files.get(decl.blk.file).unwrap_or(&self.empty_file);
        let body = &decl.blk.block.body;
        let what = format!(
            "{}{}{}.{}",
            m.prefix,
            if decl.mode == Mode::Data { "data." } else { "" },
            decl.rtype,
            decl.name
        );
        let (expansion, insts) = self.expand(m, file, body, &what, &decl.blk.span);
        let mut instances = Vec::with_capacity(insts.len());
        for (key, binds) in insts {
            let mut sc = Scope { file, binds };
            let mut attrs = self.eval_body(m, &mut sc, body, true, &decl.blk.span);
            if decl.mode == Mode::Data && decl.rtype == "aws_iam_policy_document" {
                crate::policy::render(&mut attrs);
            }
            instances.push((key, attrs));
        }
        let region = self.region_for(m, body);
        let re = Rc::new(ResEval {
            instances,
            expansion,
            region,
        });
        m.cache
            .borrow_mut()
            .resources
            .insert(idx, Slot::Done(re.clone()));
        Some(re)
    }

    /// The `aws` region of a resource: its `provider = aws.alias` or the
    /// module's default aws provider (inherited from the caller).
    fn region_for(&self, m: &ModInst, body: &Body) -> Option<String> {
        let alias = body
            .get_attribute("provider")
            .and_then(|a| provider_ref(&a.value))
            .unwrap_or_default();
        let (pname, alias) = match alias.split_once('.') {
            Some((p, a)) => (p.to_string(), a.to_string()),
            None => (alias.clone(), String::new()),
        };
        if !pname.is_empty() && pname != "aws" {
            return None;
        }
        let regions = self.regions(m);
        regions
            .get(&alias)
            .and_then(|n| n.as_str().map(str::to_string))
    }

    pub fn regions(&self, m: &ModInst) -> Rc<IndexMap<String, Node>> {
        if let Some(r) = &m.cache.borrow().regions {
            return r.clone();
        }
        let mut map: IndexMap<String, Node> = (*m.parent_regions).clone();
        for p in &m.cfg.providers {
            if p.block.labels.first().map(|l| l.as_str()) != Some("aws") {
                continue;
            }
            let alias = p
                .block
                .body
                .get_attribute("alias")
                .and_then(|a| config::literal_string(&a.value))
                .unwrap_or_default();
            let file = m.cfg.files.get(p.file).unwrap_or(&self.empty_file);
            let mut sc = Scope::new(file);
            let region = match p.block.body.get_attribute("region") {
                Some(a) => self.eval(m, &mut sc, &a.value),
                None => unknown("aws provider region not set in configuration"),
            };
            map.insert(alias, region);
        }
        let r = Rc::new(map);
        m.cache.borrow_mut().regions = Some(r.clone());
        r
    }

    // -----------------------------------------------------------------------
    // Module calls

    pub fn module_eval(&self, m: &ModInst, name: &str) -> Option<Rc<ModEval>> {
        match m.cache.borrow().modules.get(name) {
            Some(Slot::Done(r)) => return Some(r.clone()),
            Some(Slot::InProgress) => return None,
            None => {}
        }
        let call = m.cfg.modules.get(name)?;
        m.cache
            .borrow_mut()
            .modules
            .insert(name.to_string(), Slot::InProgress);
        let me = Rc::new(self.module_eval_inner(m, call));
        m.cache
            .borrow_mut()
            .modules
            .insert(name.to_string(), Slot::Done(me.clone()));
        Some(me)
    }

    fn module_eval_inner(&self, m: &ModInst, call: &config::ModCall) -> ModEval {
        let file = m.cfg.files.get(call.blk.file).unwrap_or(&self.empty_file);
        let body = &call.blk.block.body;
        let span = &call.blk.span;
        let key_path = if m.key_path.is_empty() {
            call.name.clone()
        } else {
            format!("{}.{}", m.key_path, call.name)
        };
        let mut unresolved: Option<String> = None;
        let mut dir: Option<PathBuf> = None;
        match &call.source {
            None => {
                unresolved = Some("module source is not a literal string".into());
                self.diag(Diagnostic::warning(
                    "tf-module-source",
                    "module source is not a literal string",
                    span.clone(),
                ));
            }
            Some(src) if config::is_local_source(src) => {
                dir = Some(config::normalize(&m.cfg.dir.join(src)));
            }
            Some(src) => match self.modules_json.as_ref().and_then(|mj| mj.get(&key_path)) {
                Some(d) => dir = Some(config::normalize(&self.root_dir.join(d))),
                None => {
                    let why = format!(
                        "module source {src:?} is not installed (no entry in .terraform/modules/modules.json)"
                    );
                    self.diag(Diagnostic::note(
                        "tf-module-not-installed",
                        format!("{why}; its outputs are unknown"),
                        span.clone(),
                    ));
                    unresolved = Some(why);
                }
            },
        }
        if let Some(d) = &dir {
            let escapes = match (d.canonicalize(), &self.g.root_canon) {
                (Ok(c), Some(rc)) => !c.starts_with(rc),
                _ => false,
            };
            if !d.starts_with(&self.g.root) || escapes {
                let why = "module directory is outside the scan root".to_string();
                self.diag(Diagnostic::warning(
                    "tf-module-outside-root",
                    why.clone(),
                    span.clone(),
                ));
                unresolved = Some(why);
            } else if m.ancestors.contains(d) {
                let why = format!("module cycle through {}", config::rel_path(&self.g.root, d));
                self.diag(Diagnostic::warning(
                    "tf-module-cycle",
                    why.clone(),
                    span.clone(),
                ));
                unresolved = Some(why);
            } else if m.ancestors.len() >= MAX_MODULE_DEPTH {
                let why = format!("modules nested deeper than {MAX_MODULE_DEPTH}");
                self.diag(Diagnostic::warning(
                    "tf-module-depth",
                    why.clone(),
                    span.clone(),
                ));
                unresolved = Some(why);
            }
        }
        let cfg = match (&unresolved, &dir) {
            (None, Some(d)) => {
                let c = self.g.configs.get(&self.g.root, d);
                if !c.exists {
                    let why = format!(
                        "module directory {} not found",
                        config::rel_path(&self.g.root, d)
                    );
                    self.diag(Diagnostic::warning(
                        "tf-module-missing",
                        why.clone(),
                        span.clone(),
                    ));
                    unresolved = Some(why);
                    None
                } else {
                    Some(c)
                }
            }
            _ => None,
        };
        let what = format!("{}module.{}", m.prefix, call.name);
        let (expansion, insts) = self.expand(m, file, body, &what, span);
        let mut instances = Vec::new();
        let mut meta_attrs: Option<Node> = None;
        let regions = self.regions(m);
        let child_regions = Rc::new(child_regions(&regions, body));
        for (key, binds) in insts {
            let mut sc = Scope { file, binds };
            let mut inputs = IndexMap::new();
            for a in body.attributes() {
                let k = a.key.as_str();
                if matches!(
                    k,
                    "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                ) {
                    continue;
                }
                let mut n = self.eval(m, &mut sc, &a.value);
                if n.span.is_none() {
                    n.span = file.span(a.span());
                }
                inputs.insert(k.to_string(), n);
            }
            if meta_attrs.is_none() {
                let mut attrs = self.eval_body(m, &mut sc, body, true, span);
                if let Value::Map(mp) = &mut attrs.value {
                    mp.shift_remove("providers");
                }
                meta_attrs = Some(attrs);
            }
            let Some(cfg) = &cfg else {
                continue;
            };
            let ks = key.as_ref().map(key_str).unwrap_or_default();
            let mut names = m.names.clone();
            names.push(call.name.clone());
            let mut call_sites = m.call_sites.clone();
            call_sites.push(span.clone());
            let mut ancestors = m.ancestors.clone();
            ancestors.push(cfg.dir.clone());
            let child = ModInst {
                cfg: cfg.clone(),
                names,
                prefix: format!("{}module.{}{}.", m.prefix, call.name, ks),
                key_path: key_path.clone(),
                call_sites,
                inputs: Inputs::Child(inputs),
                ancestors,
                parent_regions: child_regions.clone(),
                cache: RefCell::new(Cache::default()),
            };
            instances.push((key, Rc::new(child)));
        }
        ModEval {
            instances,
            expansion,
            unresolved,
            meta_attrs: meta_attrs
                .unwrap_or_else(|| Node::map(IndexMap::new(), Some(span.clone()))),
            source: call.source.clone(),
        }
    }
}

fn trim_end(s: &mut String) {
    let t = s.trim_end().len();
    s.truncate(t);
}

/// `aws.west` written as a bare traversal.
pub fn provider_ref(e: &Expression) -> Option<String> {
    match e {
        Expression::Variable(v) => Some(v.as_str().to_string()),
        Expression::Traversal(t) => {
            let Expression::Variable(root) = &t.expr else {
                return None;
            };
            let mut s = root.as_str().to_string();
            for op in &t.operators {
                if let TraversalOperator::GetAttr(a) = op.value() {
                    s.push('.');
                    s.push_str(a.as_str());
                }
            }
            Some(s)
        }
        other => config::literal_string(other),
    }
}

/// Provider regions a child module sees: the caller's, remapped by
/// `providers = { aws = aws.west }`.
fn child_regions(parent: &IndexMap<String, Node>, body: &Body) -> IndexMap<String, Node> {
    let mut out = parent.clone();
    if let Some(Expression::Object(o)) = body.get_attribute("providers").map(|a| &a.value) {
        for (k, val) in o.iter() {
            let key = match k {
                ObjectKey::Ident(i) => i.as_str().to_string(),
                ObjectKey::Expression(e) => provider_ref(e).unwrap_or_default(),
            };
            let Some(target) = provider_ref(val.expr()) else {
                continue;
            };
            let (kp, ka) = key
                .split_once('.')
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap_or((key.clone(), String::new()));
            let (tp, ta) = target
                .split_once('.')
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap_or((target.clone(), String::new()));
            if kp == "aws"
                && tp == "aws"
                && let Some(r) = parent.get(&ta)
            {
                out.insert(ka, r.clone());
            }
        }
    }
    out
}

fn load_modules_json(root_dir: &Path) -> Option<HashMap<String, String>> {
    let p = root_dir
        .join(".terraform")
        .join("modules")
        .join("modules.json");
    let meta = std::fs::metadata(&p).ok()?;
    if meta.len() > config::MAX_FILE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(&p).ok()?;
    let j: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut out = HashMap::new();
    for m in j.get("Modules")?.as_array()? {
        let (Some(k), Some(d)) = (
            m.get("Key").and_then(|x| x.as_str()),
            m.get("Dir").and_then(|x| x.as_str()),
        ) else {
            continue;
        };
        if !k.is_empty() {
            out.insert(k.to_string(), d.to_string());
        }
    }
    Some(out)
}

pub fn binop(op: BinaryOperator, l: Node, r: Node) -> Node {
    let mut refs = l.refs.clone();
    add_refs(&mut refs, &r.refs);
    use BinaryOperator as B;
    // Logic with one known deciding side.
    match op {
        B::And => match (v::as_bool(&l), v::as_bool(&r)) {
            (Some(false), _) | (_, Some(false)) => return v::boolean(false).with_refs(refs),
            (Some(true), Some(true)) => return v::boolean(true).with_refs(refs),
            _ => {}
        },
        B::Or => match (v::as_bool(&l), v::as_bool(&r)) {
            (Some(true), _) | (_, Some(true)) => return v::boolean(true).with_refs(refs),
            (Some(false), Some(false)) => return v::boolean(false).with_refs(refs),
            _ => {}
        },
        _ => {}
    }
    for x in [&l, &r] {
        if x.is_unknown() {
            let mut u = x.clone();
            u.span = None;
            u.refs = refs;
            return u;
        }
    }
    let res = match op {
        B::Eq | B::NotEq => {
            if l.contains_unknown() || r.contains_unknown() {
                let mut u = v::first_unknown(&l)
                    .or_else(|| v::first_unknown(&r))
                    .unwrap_or_else(|| unknown("unknown"));
                u.span = None;
                u.refs = refs;
                return u;
            }
            let eq = v::equal(&l, &r);
            v::boolean(if matches!(op, B::Eq) { eq } else { !eq })
        }
        B::And | B::Or => err("logical operator on non-bool"),
        _ => {
            let (Some(a), Some(b)) = (v::as_f64(&l), v::as_f64(&r)) else {
                return err("arithmetic on a non-number").with_refs(refs);
            };
            match op {
                B::Plus => v::num(a + b),
                B::Minus => v::num(a - b),
                B::Mul => v::num(a * b),
                B::Div => {
                    if b == 0.0 {
                        err("division by zero")
                    } else {
                        v::num(a / b)
                    }
                }
                B::Mod => {
                    if b == 0.0 {
                        err("modulo by zero")
                    } else {
                        v::num(a % b)
                    }
                }
                B::Less => v::boolean(a < b),
                B::LessEq => v::boolean(a <= b),
                B::Greater => v::boolean(a > b),
                B::GreaterEq => v::boolean(a >= b),
                _ => err("unsupported operator"),
            }
        }
    };
    res.with_refs(refs)
}

/// An unknown piece of a rendered template: where it goes in the text, and
/// what it is (`None`: nothing is known of it, the template has no shape).
type Hole = (usize, Option<Vec<Part>>);

/// The known and unknown pieces of a rendered template, from its known text
/// and the positions of its unknown pieces.
fn template_parts(out: &str, holes: Vec<Hole>) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let mut at = 0;
    for (pos, piece) in holes {
        let pos = pos.clamp(at, out.len());
        parts.push(Part::Lit(out.get(at..pos)?.to_string()));
        parts.extend(piece?);
        at = pos;
    }
    parts.push(Part::Lit(out.get(at..)?.to_string()));
    Some(parts)
}
