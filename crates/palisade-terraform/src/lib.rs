//! Terraform HCL (and `.tf.json`) → palisade-model resources.
//!
//! An evaluator of our own over hcl-edit's tree: variables (tfvars, CLI,
//! environment), locals, outputs, local and installed modules, `count` /
//! `for_each`, dynamic blocks, templates, and the Terraform functions real
//! modules use. What cannot be known before apply is [`Value::Unknown`] with
//! the reason, never a guess. See `docs/terraform.md`.
//!
//! Architecture invariant: parsing never fails; every problem is a located
//! [`Diagnostic`] and the rest of the input still loads.

mod config;
mod eval;
mod funcs;
mod policy;
mod value;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Structure;
use indexmap::IndexMap;
use palisade_model::{Diagnostic, LineIndex, Mode, Node, Parsed, Resource, SourceKind, Span};
use rayon::prelude::*;

use crate::config::{ModuleConfig, SrcFile};
use crate::eval::{Configs, Ev, Expansion, Global, ModInst, RootVal, Scope};

#[derive(Clone, Debug, Default)]
pub struct TfOptions {
    /// `--var-file` (absolute or relative to the current directory).
    pub var_files: Vec<PathBuf>,
    /// `--var name=value` (the value is parsed as an HCL literal if it is
    /// one, else taken as a string).
    pub vars: Vec<(String, String)>,
    /// `TF_VAR_name=value` pairs taken from the environment by the caller
    /// (the `TF_VAR_` prefix is optional).
    pub env: Vec<(String, String)>,
}

/// Loads and evaluates every root module found in `dirs`.
///
/// `root`: the scan root; all span paths are relative to it with `/`
/// separators. `dirs`: absolute directories that hold `.tf` / `.tf.json`
/// files. A dir that is only the target of another dir's local `module`
/// source is a child module, evaluated through its calls, not standalone.
/// Root modules are evaluated in parallel; the output is deterministic.
pub fn load(root: &Path, dirs: &[PathBuf], opts: &TfOptions) -> Parsed {
    let root = config::normalize(&std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
    let mut dirs: Vec<PathBuf> = dirs
        .iter()
        .map(|d| config::normalize(&std::path::absolute(d).unwrap_or_else(|_| d.clone())))
        .collect();
    dirs.sort();
    dirs.dedup();

    let run = || -> Parsed {
        let configs = Configs::default();
        let parsed: Vec<ModuleConfig> = dirs
            .par_iter()
            .map(|d| config::load_dir(&root, d))
            .collect();
        let roots = find_roots(&root, &parsed);
        for c in parsed {
            configs.insert(c);
        }
        let global = Global {
            root: root.clone(),
            root_canon: root.canonicalize().ok(),
            configs: &configs,
        };
        let results: Vec<Parsed> = roots
            .par_iter()
            .map(|d| eval_root(&global, d, opts))
            .collect();
        let mut out = Parsed::default();
        // Parse diagnostics of every module read, once, in path order.
        let mut all: Vec<(PathBuf, Arc<ModuleConfig>)> = dirs
            .iter()
            .map(|d| (d.clone(), configs.get(&root, d)))
            .collect();
        let extra: Vec<PathBuf> = configs.dirs();
        for d in extra {
            if !all.iter().any(|(x, _)| *x == d) {
                let c = configs.get(&root, &d);
                all.push((d, c));
            }
        }
        all.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, c) in &all {
            out.diagnostics.extend(c.diags.iter().cloned());
        }
        for r in results {
            out.extend(r);
        }
        out
    };
    match rayon::ThreadPoolBuilder::new().stack_size(64 << 20).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

/// Root modules: dirs not targeted by another dir's local module call, plus
/// one entry point per otherwise unreachable group (module cycles). Copies of
/// installed modules under `.terraform/` are never roots.
fn find_roots(root: &Path, cfgs: &[ModuleConfig]) -> Vec<PathBuf> {
    let set: BTreeSet<&Path> = cfgs.iter().map(|c| c.dir.as_path()).collect();
    let mut edges: BTreeMap<&Path, Vec<PathBuf>> = BTreeMap::new();
    let mut targeted: BTreeSet<PathBuf> = BTreeSet::new();
    for c in cfgs {
        for call in c.modules.values() {
            if let Some(src) = &call.source
                && config::is_local_source(src)
            {
                let t = config::normalize(&c.dir.join(src));
                if t != c.dir && set.contains(t.as_path()) {
                    targeted.insert(t.clone());
                    edges.entry(c.dir.as_path()).or_default().push(t);
                }
            }
        }
    }
    let installed = |d: &Path| {
        d.strip_prefix(root)
            .map(|r| r.components().any(|c| c.as_os_str() == ".terraform"))
            .unwrap_or(false)
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let mark = |start: &Path, reached: &mut BTreeSet<PathBuf>| {
        let mut stack = vec![start.to_path_buf()];
        while let Some(d) = stack.pop() {
            if !reached.insert(d.clone()) {
                continue;
            }
            if let Some(ts) = edges.get(d.as_path()) {
                stack.extend(ts.iter().cloned());
            }
        }
    };
    for c in cfgs {
        if !targeted.contains(&c.dir) && !installed(&c.dir) {
            roots.push(c.dir.clone());
            mark(&c.dir, &mut reached);
        }
    }
    for c in cfgs {
        if !reached.contains(&c.dir) && !installed(&c.dir) {
            roots.push(c.dir.clone());
            mark(&c.dir, &mut reached);
        }
    }
    roots.sort();
    roots
}

fn eval_root(g: &Global, dir: &Path, opts: &TfOptions) -> Parsed {
    let cfg = g.configs.get(&g.root, dir);
    let scope: Arc<str> = Arc::from(cfg.rel.as_str());
    let ev = Ev::new(g, dir.to_path_buf(), scope.clone());
    let mut diags = Vec::new();
    let inputs = root_inputs(&g.root, dir, opts, &mut diags);
    let m = ModInst::root(cfg.clone(), inputs);
    let mut resources = Vec::new();
    let lock = dir.join(".terraform.lock.hcl").is_file();
    collect(&ev, &m, lock, &mut resources);
    diags.extend(ev.diags.borrow_mut().drain(..));
    Parsed {
        resources,
        diagnostics: diags,
    }
}

fn base_resource(
    ev: &Ev,
    m: &ModInst,
    rtype: &str,
    name: &str,
    address: String,
    span: Span,
    attrs: Node,
) -> Resource {
    let mut r = Resource::new(SourceKind::Terraform, rtype, name, span, attrs);
    r.address = address;
    r.module_path = m.names.clone();
    r.scope = ev.scope.clone();
    r.call_sites = m.call_sites.clone();
    r
}

fn collect(ev: &Ev, m: &ModInst, lock: bool, out: &mut Vec<Resource>) {
    let cfg = m.cfg.clone();
    for (i, decl) in cfg.resources.iter().enumerate() {
        let Some(re) = ev.resource_eval(m, i) else {
            continue;
        };
        let data = decl.mode == Mode::Data;
        let base = format!(
            "{}{}{}.{}",
            m.prefix,
            if data { "data." } else { "" },
            decl.rtype,
            decl.name
        );
        for (key, attrs) in &re.instances {
            let address = match key {
                Some(k) => format!("{base}{k}"),
                None => base.clone(),
            };
            let mut r = base_resource(
                ev,
                m,
                &decl.rtype,
                &decl.name,
                address,
                decl.blk.span.clone(),
                attrs.clone(),
            );
            r.mode = decl.mode;
            r.instance = key.clone();
            if let Some(region) = &re.region {
                r.meta.insert("region".into(), region.clone());
            }
            if let Expansion::Unknown(u) = &re.expansion
                && let Some(why) = u.unknown_reason()
            {
                r.meta.insert("instances_unknown".into(), why.to_string());
            }
            out.push(r);
        }
    }
    for p in &cfg.providers {
        let file = cfg.files.get(p.file).unwrap_or(&ev.empty_file);
        let mut sc = Scope::new(file);
        let attrs = ev.eval_body(m, &mut sc, &p.block.body, false, &p.span);
        let pname = p
            .block
            .labels
            .first()
            .map(|l| l.as_str().to_string())
            .unwrap_or_default();
        let alias = p
            .block
            .body
            .get_attribute("alias")
            .and_then(|a| config::literal_string(&a.value));
        let name = match &alias {
            Some(a) => format!("{pname}.{a}"),
            None => pname.clone(),
        };
        let address = format!("{}provider.{name}", m.prefix);
        let mut r = base_resource(ev, m, "provider", &name, address, p.span.clone(), attrs);
        r.mode = Mode::Meta;
        out.push(r);
    }
    for t in &cfg.terraform {
        let file = cfg.files.get(t.file).unwrap_or(&ev.empty_file);
        let mut sc = Scope::new(file);
        let attrs = ev.eval_body(m, &mut sc, &t.block.body, false, &t.span);
        let address = format!("{}terraform.settings", m.prefix);
        let mut r = base_resource(
            ev,
            m,
            "terraform",
            "settings",
            address,
            t.span.clone(),
            attrs,
        );
        r.mode = Mode::Meta;
        r.meta.insert("lock_file".into(), lock.to_string());
        out.push(r);
    }
    // Variable declarations, with their (unconverted) default as written.
    for (name, decl) in &cfg.variables {
        let file = cfg.files.get(decl.file).unwrap_or(&ev.empty_file);
        let mut sc = Scope::new(file);
        let mut attrs = IndexMap::new();
        if let Some(d) = &decl.default {
            attrs.insert("default".to_string(), ev.eval(m, &mut sc, d));
        }
        if let Some(t) = &decl.ty {
            let ty = t.to_string().trim().to_string();
            attrs.insert(
                "type".to_string(),
                Node::string(ty, file.span(hcl_edit::Span::span(t))),
            );
        }
        if let Some(b) = decl.sensitive {
            attrs.insert("sensitive".to_string(), Node::bool(b, None));
        }
        let address = format!("{}var.{name}", m.prefix);
        let node = Node::map(attrs, Some(decl.span.clone()));
        let mut r = base_resource(ev, m, "variable", name, address, decl.span.clone(), node);
        r.mode = Mode::Meta;
        out.push(r);
    }
    for (name, call) in &cfg.modules {
        let Some(me) = ev.module_eval(m, name) else {
            continue;
        };
        let address = format!("{}module.{name}", m.prefix);
        let mut r = base_resource(
            ev,
            m,
            "module",
            name,
            address,
            call.blk.span.clone(),
            me.meta_attrs.clone(),
        );
        r.mode = Mode::Meta;
        if let Some(s) = &me.source {
            r.meta.insert("module_source".into(), s.clone());
        }
        if let Some(why) = &me.unresolved {
            r.meta.insert("unresolved".into(), why.clone());
        }
        out.push(r);
        let children: Vec<Rc<ModInst>> = me.instances.iter().map(|(_, c)| c.clone()).collect();
        for child in children {
            collect(ev, &child, lock, out);
        }
    }
}

// ---------------------------------------------------------------------------
// Root module variable values

fn root_inputs(
    root: &Path,
    dir: &Path,
    opts: &TfOptions,
    diags: &mut Vec<Diagnostic>,
) -> IndexMap<String, RootVal> {
    let mut out: IndexMap<String, RootVal> = IndexMap::new();
    let env_file = Rc::new(SrcFile {
        path: Arc::from("<environment>"),
        index: LineIndex::new(""),
    });
    for (k, val) in &opts.env {
        let name = k.strip_prefix("TF_VAR_").unwrap_or(k);
        out.insert(name.to_string(), cli_value(val, &env_file));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for f in ["terraform.tfvars", "terraform.tfvars.json"] {
        let p = dir.join(f);
        if p.is_file() {
            files.push(p);
        }
    }
    let mut auto: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .map(|n| n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json"))
                        .unwrap_or(false)
                })
                .collect()
        })
        .unwrap_or_default();
    auto.sort();
    files.extend(auto);
    for f in &opts.var_files {
        files.push(std::path::absolute(f).unwrap_or_else(|_| f.clone()));
    }
    for f in files {
        read_tfvars(root, &f, &mut out, diags);
    }
    let cli_file = Rc::new(SrcFile {
        path: Arc::from("<command-line>"),
        index: LineIndex::new(""),
    });
    for (k, val) in &opts.vars {
        out.insert(k.clone(), cli_value(val, &cli_file));
    }
    out
}

fn cli_value(val: &str, file: &Rc<SrcFile>) -> RootVal {
    match hcl_edit::parser::parse_expr(val) {
        Ok(e) if is_literal(&e, 0) => RootVal::Expr(e, file.clone()),
        _ => RootVal::Node(Node::string(val, None)),
    }
}

fn is_literal(e: &Expression, depth: u32) -> bool {
    if depth > 64 {
        return false;
    }
    match e {
        Expression::Null(_)
        | Expression::Bool(_)
        | Expression::Number(_)
        | Expression::String(_) => true,
        Expression::Array(a) => a.iter().all(|x| is_literal(x, depth + 1)),
        Expression::Object(o) => o.iter().all(|(_, x)| is_literal(x.expr(), depth + 1)),
        Expression::StringTemplate(_) => config::literal_string(e).is_some(),
        Expression::Parenthesis(p) => is_literal(p.inner(), depth + 1),
        Expression::UnaryOp(u) => is_literal(&u.expr, depth + 1),
        _ => false,
    }
}

fn read_tfvars(
    root: &Path,
    p: &Path,
    out: &mut IndexMap<String, RootVal>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(text) = config::read_text(root, p, diags) else {
        return;
    };
    let rel: Arc<str> = Arc::from(config::rel_path(root, p).as_str());
    let file = Rc::new(SrcFile {
        path: rel.clone(),
        index: LineIndex::new(&text),
    });
    if p.to_string_lossy().ends_with(".json") {
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(o)) => {
                for (k, val) in o {
                    let span = Span::line(rel.clone(), 1);
                    out.insert(k, RootVal::Node(Node::from_json(&val, Some(&span))));
                }
            }
            Ok(_) => diags.push(Diagnostic::error(
                "tf-json-syntax",
                "variables file must hold an object",
                Span::line(rel, 1),
            )),
            Err(e) => {
                let (l, c) = (e.line() as u32, e.column() as u32);
                diags.push(Diagnostic::error(
                    "tf-json-syntax",
                    format!("JSON syntax error: {e}"),
                    Span::new(rel, l, c, l, c),
                ));
            }
        }
        return;
    }
    let Some(body) = config::parse_hcl(&rel, &text, diags) else {
        return;
    };
    for s in body {
        if let Structure::Attribute(a) = s {
            out.insert(
                a.key.as_str().to_string(),
                RootVal::Expr(a.value, file.clone()),
            );
        }
    }
}
