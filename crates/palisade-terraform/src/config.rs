//! Reading one module directory: `.tf` (hcl-edit) and `.tf.json` files into
//! declarations, each parsed once and shared by every instance of the
//! module.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use hcl_edit::expr::{Array, Expression, Object, ObjectKey, ObjectValue};
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::template::{StringTemplate, Template};
use hcl_edit::{Decorated, Ident, Span as _};
use indexmap::IndexMap;
use palisade_model::{Diagnostic, LineIndex, Mode, Span};

/// Files larger than this are skipped with a diagnostic.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

pub struct SrcFile {
    pub path: Arc<str>,
    pub index: LineIndex,
}

impl SrcFile {
    pub fn span(&self, r: Option<std::ops::Range<usize>>) -> Option<Span> {
        r.map(|r| self.index.span(&self.path, r))
    }
}

pub struct Blk {
    pub block: Block,
    pub file: usize,
    pub span: Span,
}

pub struct Item {
    pub expr: Expression,
    pub file: usize,
    pub span: Span,
}

pub struct VarDecl {
    pub default: Option<Expression>,
    pub ty: Option<Expression>,
    pub file: usize,
    /// The `variable` block.
    pub span: Span,
    /// The literal `sensitive` flag, when written.
    pub sensitive: Option<bool>,
}

pub struct ResDecl {
    pub mode: Mode,
    pub rtype: String,
    pub name: String,
    pub blk: Blk,
}

pub struct ModCall {
    pub name: String,
    pub blk: Blk,
    /// The literal `source`, when written as a plain string.
    pub source: Option<String>,
}

#[derive(Default)]
pub struct ModuleConfig {
    pub dir: PathBuf,
    pub rel: String,
    pub files: Vec<SrcFile>,
    pub variables: IndexMap<String, VarDecl>,
    pub locals: IndexMap<String, Item>,
    pub outputs: IndexMap<String, Item>,
    pub resources: Vec<ResDecl>,
    pub res_index: HashMap<(bool, String, String), usize>,
    pub modules: IndexMap<String, ModCall>,
    pub providers: Vec<Blk>,
    pub terraform: Vec<Blk>,
    pub diags: Vec<Diagnostic>,
    pub has_lock: bool,
    pub exists: bool,
}

/// Lexically normalises `.` and `..` components.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `p` relative to `base` (both absolute, normalised), with `/` separators;
/// `.` when equal.
pub fn rel_path(base: &Path, p: &Path) -> String {
    let b: Vec<_> = base.components().collect();
    let q: Vec<_> = p.components().collect();
    let common = b.iter().zip(&q).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in &q[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

fn file_rel(root: &Path, p: &Path) -> Arc<str> {
    Arc::from(rel_path(root, p).as_str())
}

fn is_tf_file(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// Reads a file as UTF-8 text, with size and encoding diagnostics.
pub fn read_text(root: &Path, p: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let rel = file_rel(root, p);
    match std::fs::metadata(p) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            diags.push(Diagnostic::warning(
                "tf-file-too-large",
                format!("file is larger than {MAX_FILE_BYTES} bytes; skipped"),
                Span::line(rel, 1),
            ));
            return None;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                "tf-read",
                format!("cannot read file: {e}"),
                Span::line(rel, 1),
            ));
            return None;
        }
        _ => {}
    }
    match std::fs::read(p) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let off = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..off.min(bytes.len())]);
                let (line, col) = LineIndex::new(&prefix).line_col(prefix.len());
                diags.push(Diagnostic::error(
                    "tf-encoding",
                    format!("file is not valid UTF-8 (invalid byte at offset {off}); skipped"),
                    Span::new(rel, line, col, line, col),
                ));
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                "tf-read",
                format!("cannot read file: {e}"),
                Span::line(rel, 1),
            ));
            None
        }
    }
}

/// Parses HCL text; a syntax error gives a located diagnostic.
pub fn parse_hcl(path: &Arc<str>, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Body> {
    match hcl_edit::parser::parse_body(text) {
        Ok(b) => Some(b),
        Err(e) => {
            let loc = e.location();
            let (mut l, mut c) = (loc.line() as u32, loc.column() as u32);
            let mut message = format!("HCL syntax error: {}", e.message());
            if let Some((offset, what)) = syntax_cause(text, loc.offset(), e.message()) {
                message = format!(
                    "HCL syntax error: {what} (parser: {}, at line {l}, column {c})",
                    e.message()
                );
                (l, c) = line_col(text, offset);
            }
            diags.push(Diagnostic::error(
                "hcl-syntax",
                message,
                Span::new(path.clone(), l, c, l, c),
            ));
            None
        }
    }
}

/// 1-based line and (char) column of a byte offset.
fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// What a light scan of HCL text finds: the first quoted string not closed
/// on its line, and the brackets still open at a byte offset.
struct BracketScan {
    unterminated_string: Option<usize>,
    open_at: Vec<(char, usize)>,
}

/// Scans brackets, quoted strings (with `${`/`%{` templates), comments and
/// heredocs, up to the end of the text; `open_at` is the bracket stack at
/// byte offset `at`.
fn scan_brackets(text: &str, at: usize) -> BracketScan {
    enum Ctx {
        Bracket(char, usize),
        Str(usize),
        Interp,
    }
    let mut stack: Vec<Ctx> = Vec::new();
    let mut out = BracketScan {
        unterminated_string: None,
        open_at: Vec::new(),
    };
    let snap = |stack: &Vec<Ctx>, out: &mut BracketScan| {
        out.open_at = stack
            .iter()
            .filter_map(|c| match c {
                Ctx::Bracket(b, i) => Some((*b, *i)),
                _ => None,
            })
            .collect();
    };
    let bytes = text.as_bytes();
    let mut snapped = false;
    let mut i = 0;
    while i < bytes.len() {
        if !snapped && i >= at {
            snap(&stack, &mut out);
            snapped = true;
        }
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if let Some(Ctx::Str(start)) = stack.last() {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if next == Some(b'{') => {
                    stack.push(Ctx::Interp);
                    i += 1;
                }
                b'$' | b'%' if next == Some(b) => i += 1,
                b'\n' => {
                    out.unterminated_string.get_or_insert(*start);
                    stack.pop();
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'#' => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if next == Some(b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'<' if next == Some(b'<') => {
                let rest = &text[i + 2..];
                let rest = rest.strip_prefix('-').unwrap_or(rest);
                let id_len = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let id = &rest[..id_len];
                if !id.is_empty() && rest[id_len..].starts_with(['\n', '\r']) {
                    // Skip to the line holding only the identifier.
                    let body_start = text.len() - rest.len() + id_len;
                    let mut pos = body_start;
                    let mut end = bytes.len();
                    for line in text[body_start..].split_inclusive('\n').skip(1) {
                        pos += line.len();
                        if line.trim() == id {
                            end = pos;
                            break;
                        }
                    }
                    i = end.max(i + 2);
                    continue;
                }
            }
            b'"' => stack.push(Ctx::Str(i)),
            b'{' | b'[' | b'(' => stack.push(Ctx::Bracket(b as char, i)),
            b'}' | b']' | b')' => {
                let open = match b {
                    b'}' => '{',
                    b']' => '[',
                    _ => '(',
                };
                match stack.last() {
                    Some(Ctx::Interp) if b == b'}' => {
                        stack.pop();
                    }
                    Some(Ctx::Bracket(o, _)) if *o == open => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(Ctx::Str(start)) = stack.last() {
        out.unterminated_string.get_or_insert(*start);
    }
    if !snapped {
        snap(&stack, &mut out);
    }
    out
}

/// The byte offset and description of the cause of a syntax error, when it is
/// not where hcl-edit stopped: a quoted string not closed on its line (the
/// parser stops at the start of the attribute, or on a later line), a bracket
/// never closed (the parser stops at the end of the file, or at the first
/// token of the next line), an attribute without `=` (the parser reads a
/// block label and stops at the end of the line, expecting `{`).
fn syntax_cause(text: &str, offset: usize, parser: &str) -> Option<(usize, String)> {
    let err_line = text.get(..offset)?.matches('\n').count();
    let scan = scan_brackets(text, offset);
    if let Some(s) = scan.unterminated_string
        && text[..s].matches('\n').count() <= err_line
    {
        return Some((
            s,
            "unterminated string: a quoted string must end on its line".into(),
        ));
    }
    let at_end = text.get(offset..).is_some_and(|r| r.trim().is_empty());
    if let Some(&(open, pos)) = scan.open_at.last() {
        let close = match open {
            '{' => '}',
            '[' => ']',
            _ => ')',
        };
        let earlier_line = text[..pos].matches('\n').count() < err_line;
        let expects_close = parser.contains(&format!("expected `{close}`"));
        if at_end || (earlier_line && expects_close && open != '{') {
            return Some((pos, format!("`{open}` is never closed by `{close}`")));
        }
    }
    if parser == "expected `{`" {
        // `name value` at the end of its line: `=` is missing.
        let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
        let line = &text[line_start..offset];
        let trimmed = line.trim_start();
        let name_len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(trimmed.len());
        let rest = &trimmed[name_len..];
        let value = rest.trim_start();
        if name_len > 0 && rest.len() > value.len() && !value.trim_end().is_empty() {
            let pos = offset - line.len() + (line.len() - value.len());
            let name = &trimmed[..name_len];
            return Some((
                pos,
                format!("expected `=` between `{name}` and its value (or `{{` to open a block)"),
            ));
        }
    }
    None
}

/// Parses a whole module directory.
pub fn load_dir(root: &Path, dir: &Path) -> ModuleConfig {
    let mut cfg = ModuleConfig {
        dir: dir.to_path_buf(),
        rel: rel_path(root, dir),
        ..Default::default()
    };
    let mut names: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().map(|t| !t.is_dir()).unwrap_or(false))
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .map(is_tf_file)
                    .unwrap_or(false)
            })
            .collect(),
        Err(_) => return cfg,
    };
    cfg.exists = true;
    cfg.has_lock = dir.join(".terraform.lock.hcl").is_file();
    names.sort();
    for p in names {
        let rel = file_rel(root, &p);
        let fname = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = fname.trim_end_matches(".json").trim_end_matches(".tf");
        if stem == "override" || stem.ends_with("_override") {
            cfg.diags.push(Diagnostic::note(
                "tf-override-file",
                "override files are not merged; skipped",
                Span::line(rel, 1),
            ));
            continue;
        }
        let Some(text) = read_text(root, &p, &mut cfg.diags) else {
            continue;
        };
        let index = LineIndex::new(&text);
        let file_idx = cfg.files.len();
        cfg.files.push(SrcFile {
            path: rel.clone(),
            index,
        });
        if fname.ends_with(".json") {
            let body = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => json_file_body(&v, &text, &cfg.files[file_idx]),
                Err(e) => {
                    let (l, c) = (e.line() as u32, e.column() as u32);
                    cfg.diags.push(Diagnostic::error(
                        "tf-json-syntax",
                        format!("JSON syntax error: {e}"),
                        Span::new(rel.clone(), l, c, l, c),
                    ));
                    continue;
                }
            };
            add_body(&mut cfg, body, file_idx);
        } else if let Some(body) = parse_hcl(&rel, &text, &mut cfg.diags) {
            let blocks = body
                .into_iter()
                .filter_map(|s| match s {
                    Structure::Block(b) => {
                        let span = cfg.files[file_idx]
                            .span(b.span())
                            .unwrap_or_else(|| Span::line(rel.clone(), 1));
                        Some((b, span))
                    }
                    Structure::Attribute(a) => {
                        let span = cfg.files[file_idx]
                            .span(a.span())
                            .unwrap_or_else(|| Span::line(rel.clone(), 1));
                        cfg.diags.push(Diagnostic::warning(
                            "tf-unexpected-attribute",
                            format!("unexpected top-level attribute {:?}", a.key.as_str()),
                            span,
                        ));
                        None
                    }
                })
                .collect();
            add_body(&mut cfg, blocks, file_idx);
        }
    }
    cfg
}

fn label(b: &Block, i: usize) -> Option<String> {
    b.labels.get(i).map(|l| l.as_str().to_string())
}

fn add_body(cfg: &mut ModuleConfig, blocks: Vec<(Block, Span)>, file: usize) {
    for (block, span) in blocks {
        let ident = block.ident.as_str().to_string();
        match ident.as_str() {
            "resource" | "data" => {
                let (Some(rtype), Some(name)) = (label(&block, 0), label(&block, 1)) else {
                    cfg.diags.push(Diagnostic::warning(
                        "tf-block-labels",
                        format!("{ident} block needs two labels"),
                        span,
                    ));
                    continue;
                };
                let data = ident == "data";
                let key = (data, rtype.clone(), name.clone());
                if cfg.res_index.contains_key(&key) {
                    cfg.diags.push(Diagnostic::warning(
                        "tf-duplicate",
                        format!("duplicate {ident} \"{rtype}\" \"{name}\"; the first one is used"),
                        span,
                    ));
                    continue;
                }
                cfg.res_index.insert(key, cfg.resources.len());
                cfg.resources.push(ResDecl {
                    mode: if data { Mode::Data } else { Mode::Managed },
                    rtype,
                    name,
                    blk: Blk { block, file, span },
                });
            }
            "variable" => {
                let Some(name) = label(&block, 0) else {
                    continue;
                };
                if cfg.variables.contains_key(&name) {
                    cfg.diags.push(Diagnostic::warning(
                        "tf-duplicate",
                        format!("duplicate variable {name:?}; the first one is used"),
                        span,
                    ));
                    continue;
                }
                let mut default = None;
                let mut ty = None;
                let mut sensitive = None;
                for s in block.body.into_iter() {
                    if let Structure::Attribute(a) = s {
                        match a.key.as_str() {
                            "default" => default = Some(a.value),
                            "type" => ty = Some(a.value),
                            "sensitive" => {
                                sensitive = match &a.value {
                                    Expression::Bool(b) => Some(*b.value()),
                                    _ => None,
                                }
                            }
                            _ => {}
                        }
                    }
                }
                cfg.variables.insert(
                    name,
                    VarDecl {
                        default,
                        ty,
                        file,
                        span,
                        sensitive,
                    },
                );
            }
            "locals" => {
                for s in block.body.into_iter() {
                    if let Structure::Attribute(a) = s {
                        let aspan = cfg.files[file]
                            .span(a.span())
                            .unwrap_or_else(|| span.clone());
                        let name = a.key.as_str().to_string();
                        if cfg.locals.contains_key(&name) {
                            cfg.diags.push(Diagnostic::warning(
                                "tf-duplicate",
                                format!("duplicate local {name:?}; the first one is used"),
                                aspan,
                            ));
                            continue;
                        }
                        cfg.locals.insert(
                            name,
                            Item {
                                expr: a.value,
                                file,
                                span: aspan,
                            },
                        );
                    }
                }
            }
            "output" => {
                let Some(name) = label(&block, 0) else {
                    continue;
                };
                let value = block.body.into_iter().find_map(|s| match s {
                    Structure::Attribute(a) if a.key.as_str() == "value" => Some(a.value),
                    _ => None,
                });
                if let Some(expr) = value {
                    cfg.outputs.entry(name).or_insert(Item { expr, file, span });
                }
            }
            "module" => {
                let Some(name) = label(&block, 0) else {
                    continue;
                };
                if cfg.modules.contains_key(&name) {
                    cfg.diags.push(Diagnostic::warning(
                        "tf-duplicate",
                        format!("duplicate module {name:?}; the first one is used"),
                        span,
                    ));
                    continue;
                }
                let source = block
                    .body
                    .get_attribute("source")
                    .and_then(|a| literal_string(&a.value));
                cfg.modules.insert(
                    name.clone(),
                    ModCall {
                        name,
                        blk: Blk { block, file, span },
                        source,
                    },
                );
            }
            "provider" => cfg.providers.push(Blk { block, file, span }),
            "terraform" => cfg.terraform.push(Blk { block, file, span }),
            _ => {}
        }
    }
}

/// A string literal, or a template made only of literals.
pub fn literal_string(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.value().clone()),
        Expression::StringTemplate(t) => {
            let mut out = String::new();
            for el in t.iter() {
                out.push_str(el.as_literal()?.value());
            }
            Some(out)
        }
        _ => None,
    }
}

/// Whether a module source is a local path.
pub fn is_local_source(s: &str) -> bool {
    s.starts_with("./") || s.starts_with("../") || s == "." || s == ".."
}

// ---------------------------------------------------------------------------
// JSON configuration syntax

/// Converts a `.tf.json` document into blocks with HCL expressions. String
/// values are templates (`"${var.x}"`). Nested blocks inside resources become
/// object attributes (no schema to tell them apart).
fn json_file_body(v: &serde_json::Value, text: &str, file: &SrcFile) -> Vec<(Block, Span)> {
    let mut out = Vec::new();
    let tops: Vec<&serde_json::Map<String, serde_json::Value>> = match v {
        serde_json::Value::Object(o) => vec![o],
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_object()).collect(),
        _ => Vec::new(),
    };
    for top in tops {
        for (kind, body) in top {
            for body in one_or_many(body) {
                let Some(body) = body.as_object() else {
                    continue;
                };
                match kind.as_str() {
                    "resource" | "data" => {
                        for (rtype, named) in body {
                            for named in one_or_many(named) {
                                let Some(named) = named.as_object() else {
                                    continue;
                                };
                                for (name, attrs) in named {
                                    for attrs in one_or_many(attrs) {
                                        let b = json_block(kind, &[rtype, name], attrs, true);
                                        out.push((b, json_span(text, file, &[rtype, name])));
                                    }
                                }
                            }
                        }
                    }
                    "variable" | "output" | "module" | "provider" => {
                        for (name, attrs) in body {
                            for attrs in one_or_many(attrs) {
                                let templ = kind != "variable";
                                let b = json_block(kind, &[name], attrs, templ);
                                out.push((b, json_span(text, file, &[kind, name])));
                            }
                        }
                    }
                    "locals" => {
                        let b =
                            json_block(kind, &[], &serde_json::Value::Object(body.clone()), true);
                        out.push((b, json_span(text, file, &[kind])));
                    }
                    "terraform" => {
                        let b =
                            json_block(kind, &[], &serde_json::Value::Object(body.clone()), false);
                        out.push((b, json_span(text, file, &[kind])));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

fn one_or_many(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    match v {
        serde_json::Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// Best-effort location of a JSON block: the key path searched in order.
fn json_span(text: &str, file: &SrcFile, keys: &[&String]) -> Span {
    let mut pos = 0;
    for k in keys {
        let needle = format!("\"{k}\"");
        if let Some(i) = text.get(pos..).and_then(|t| t.find(&needle)) {
            pos += i;
        }
    }
    let (l, c) = file.index.line_col(pos);
    Span::new(file.path.clone(), l, c, l, c)
}

fn json_block(kind: &str, labels: &[&String], attrs: &serde_json::Value, templates: bool) -> Block {
    let mut b = Block::new(Decorated::new(Ident::new_unchecked(kind)));
    b.labels = labels.iter().map(|l| (*l).clone().into()).collect();
    let mut body = Body::new();
    if let Some(o) = attrs.as_object() {
        for (k, v) in o {
            if k == "//" {
                continue;
            }
            // Expression-typed meta arguments are strings holding bare expressions.
            let expr = if kind == "variable" && (k == "type" || k == "default") {
                if k == "type" {
                    v.as_str()
                        .and_then(|s| hcl_edit::parser::parse_expr(s).ok())
                        .unwrap_or_else(|| json_expr(v, false, 0))
                } else {
                    json_expr(v, false, 0)
                }
            } else {
                json_expr(v, templates, 0)
            };
            body.push(Attribute::new(
                Decorated::new(Ident::new_unchecked(k.as_str())),
                expr,
            ));
        }
    }
    b.body = body;
    b
}

fn json_expr(v: &serde_json::Value, templates: bool, depth: usize) -> Expression {
    if depth > 200 {
        return Expression::null();
    }
    match v {
        serde_json::Value::Null => Expression::null(),
        serde_json::Value::Bool(b) => Expression::from(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Expression::from(hcl_edit::Number::from(i))
            } else {
                Expression::from(n.as_f64().unwrap_or(0.0))
            }
        }
        serde_json::Value::String(s) => {
            if templates && (s.contains("${") || s.contains("%{")) {
                match hcl_edit::parser::parse_template(s) {
                    Ok(t) => template_expr(t),
                    Err(_) => Expression::from(s.as_str()),
                }
            } else {
                Expression::from(s.as_str())
            }
        }
        serde_json::Value::Array(a) => {
            let mut arr = Array::new();
            for x in a {
                arr.push(json_expr(x, templates, depth + 1));
            }
            Expression::from(arr)
        }
        serde_json::Value::Object(o) => {
            let mut obj = Object::new();
            for (k, x) in o {
                obj.insert(
                    ObjectKey::Expression(Expression::from(k.as_str())),
                    ObjectValue::new(json_expr(x, templates, depth + 1)),
                );
            }
            Expression::from(obj)
        }
    }
}

fn template_expr(t: Template) -> Expression {
    let els: Vec<_> = t.iter().cloned().collect();
    Expression::from(StringTemplate::from(els))
}
