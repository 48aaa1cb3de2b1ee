//! YAML (and JSON) with positions, as located [`palisade_model::Node`] trees.
//!
//! Built on the event parser of `saphyr-parser` (not on `saphyr`'s own
//! loader, which expands aliases without a budget and recurses).
//!
//! Conventions:
//! - Every document of a multi-document stream is one root [`Node`]; empty
//!   documents (a lone `---`) are dropped.
//! - Every node carries its [`Span`]. The span of a map entry's value also
//!   covers its key, so a block value starts on the line of its key.
//! - Plain scalars follow the YAML 1.2 core schema (`yes` stays a string),
//!   unless [`Options::yaml11`] is set: then `yes/Yes/YES/no/No/NO/on/On/ON/
//!   off/Off/OFF` are booleans and `0644` is octal, as in the YAML 1.1 that
//!   Kubernetes (go-yaml) and CloudFormation read. `y`/`n` stay strings.
//! - Aliases are expanded; `<<` merge keys are applied (explicit keys win, the
//!   first merged map wins among several).
//! - A node with a non-core tag (`!Ref x`, `!GetAtt [a, b]`) becomes a map
//!   with a single key, the tag (`{"!Ref": "x"}`); see [`tag_of`]. Core tags
//!   (`!!str`, `!!int`, ...) are applied and dropped.
//! - Map keys are strings: a collection used as a key is written as compact
//!   JSON. A duplicate key keeps the last value (warning `yaml-duplicate-key`).
//! - Limits (diagnostics, never panics): total nodes including alias
//!   expansion ([`Options::max_nodes`], code `yaml-alias-limit`: parsing
//!   stops); nesting depth ([`Options::max_depth`], code `yaml-depth-limit`:
//!   the too-deep collection becomes an unknown value); syntax errors (code
//!   `yaml-syntax`, with line and column: the documents completed before the
//!   error are kept).
//! - JSON is read as YAML; if that fails, tabs are read as spaces (which keeps
//!   every position) and it is tried again.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{Diagnostic, Node, Span, Value};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

/// Limits and schema of [`load_with`].
#[derive(Clone, Debug)]
pub struct Options {
    /// YAML 1.1 booleans (`yes`/`no`/`on`/`off`) and `0`-prefixed octal ints.
    pub yaml11: bool,
    /// Cap on nodes built, alias expansions included.
    pub max_nodes: usize,
    /// Cap on collection nesting.
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            yaml11: false,
            max_nodes: 1_000_000,
            max_depth: 256,
        }
    }
}

/// Loads every document with the YAML 1.2 core schema and default limits.
pub fn load(path: &Arc<str>, text: &str) -> (Vec<Node>, Vec<Diagnostic>) {
    load_with(path, text, &Options::default())
}

/// Loads every document of `text`.
pub fn load_with(path: &Arc<str>, text: &str, opts: &Options) -> (Vec<Node>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = Loader::new(path, opts).run(text);
    let looks_json = matches!(text.trim_start().chars().next(), Some('{' | '['));
    if looks_json && first.failed && text.contains('\t') {
        let untabbed = text.replace('\t', " ");
        let second = Loader::new(path, opts).run(&untabbed);
        if !second.failed {
            return (second.docs, second.diags);
        }
    }
    (first.docs, first.diags)
}

/// The tag and the tagged value of a node built from a tagged YAML node
/// (`!Ref x` → `Some(("!Ref", x))`).
pub fn tag_of(node: &Node) -> Option<(&str, &Node)> {
    match &node.value {
        Value::Map(m) if m.len() == 1 => {
            let (k, v) = m.first()?;
            is_tag_key(k).then_some((k.as_str(), v))
        }
        _ => None,
    }
}

/// Whether a map key is a tag written by the loader (`!Ref`, `!GetAtt`...).
pub fn is_tag_key(key: &str) -> bool {
    key.len() > 1 && key.starts_with('!') && !key.starts_with("!!")
}

/// Converts a `saphyr` marker (1-based line, 0-based char column) to a 1-based
/// line and column.
fn lc(m: &Marker) -> (u32, u32) {
    (m.line() as u32, m.col() as u32 + 1)
}

fn span_of(path: &Arc<str>, start: &Marker, end: &Marker) -> Span {
    let (sl, sc) = lc(start);
    let (el, ec) = lc(end);
    // An end at column 1 of a later line belongs to the line before.
    if el > sl && ec == 1 {
        return Span::new(path.clone(), sl, sc, el - 1, sc.max(1));
    }
    Span::new(path.clone(), sl, sc, el, ec)
}

struct Built {
    node: Node,
    /// Nodes in this subtree (for the expansion budget of aliases).
    count: usize,
    /// A plain, untagged `<<`.
    merge_key: bool,
    start: Marker,
    end: Marker,
}

enum Kind {
    Seq(Vec<Node>),
    Map {
        entries: IndexMap<String, Node>,
        key: Option<(String, Marker, bool)>,
        merges: Vec<(Node, Marker)>,
    },
}

struct Frame {
    kind: Kind,
    start: Marker,
    last_end: Marker,
    anchor: usize,
    tag: Option<String>,
    count: usize,
}

struct Loader<'a> {
    path: &'a Arc<str>,
    opts: &'a Options,
    docs: Vec<Node>,
    diags: Vec<Diagnostic>,
    failed: bool,
    total: usize,
    anchors: HashMap<usize, (Node, usize)>,
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Nesting of the collection being skipped for depth, 0 when none.
    skipping: usize,
    skip_start: Marker,
}

impl<'a> Loader<'a> {
    fn new(path: &'a Arc<str>, opts: &'a Options) -> Self {
        Loader {
            path,
            opts,
            docs: Vec::new(),
            diags: Vec::new(),
            failed: false,
            total: 0,
            anchors: HashMap::new(),
            stack: Vec::new(),
            root: None,
            skipping: 0,
            skip_start: Marker::default(),
        }
    }

    fn point(&self, m: &Marker) -> Span {
        let (l, c) = lc(m);
        Span::new(self.path.clone(), l.max(1), c, l.max(1), c)
    }

    /// Locates a syntax error at its cause rather than where `saphyr` gave
    /// up: a tab it complains about (it reports the token before the tab, or
    /// the column after it), and the opening bracket of a flow collection
    /// that is never closed (it reports the first token of the next block
    /// line, or the end of the file).
    fn syntax_error(&self, text: &str, at: &Marker, info: &str) -> (Span, String) {
        let message = format!("YAML syntax error: {info}");
        if info.contains("tab") {
            let line_start = at.index().saturating_sub(at.col());
            let mut line = at.line().max(1);
            let mut col = 0usize;
            for c in text.chars().skip(line_start) {
                if c == '\t' {
                    let (l, c) = (u32::try_from(line).unwrap_or(u32::MAX), col as u32 + 1);
                    return (Span::new(self.path.clone(), l, c, l, c), message);
                }
                if c == '\n' {
                    if line > at.line() {
                        break;
                    }
                    line += 1;
                    col = 0;
                } else {
                    col += 1;
                }
            }
        }
        // The innermost open collection, when it is a flow one.
        if let Some(open) = self.stack.last()
            && open.start.line() < at.line()
            && let Some(bracket @ ('[' | '{')) = text.chars().nth(open.start.index())
        {
            let indent = |line: usize| {
                text.lines()
                    .nth(line.saturating_sub(1))
                    .map(|l| l.len() - l.trim_start_matches(' ').len())
            };
            let at_end = text.chars().nth(at.index()).is_none();
            // A line indented no deeper than the line of the bracket is a new
            // block line: the bracket was never closed.
            let resumed = match (indent(at.line()), indent(open.start.line())) {
                (Some(here), Some(there)) => here <= there,
                _ => false,
            };
            if at_end || resumed {
                let (what, close) = if bracket == '[' {
                    ("sequence", ']')
                } else {
                    ("mapping", '}')
                };
                let (l, c) = lc(at);
                return (
                    self.point(&open.start),
                    format!(
                        "YAML syntax error: flow {what} `{bracket}` is never closed by `{close}` \
                         (parser: {info}, at line {l}, column {c})"
                    ),
                );
            }
        }
        (self.point(at), message)
    }

    fn run(mut self, text: &str) -> Self {
        let mut parser = Parser::new_from_str(text);
        loop {
            let (ev, span) = match parser.next_event() {
                None => break,
                Some(Ok(x)) => x,
                Some(Err(e)) => {
                    let (span, message) = self.syntax_error(text, e.marker(), e.info());
                    self.diags
                        .push(Diagnostic::error("yaml-syntax", message, span));
                    self.failed = true;
                    break;
                }
            };
            if self.skipping > 0 {
                match ev {
                    Event::SequenceStart(..) | Event::MappingStart(..) => self.skipping += 1,
                    Event::SequenceEnd | Event::MappingEnd => {
                        self.skipping -= 1;
                        if self.skipping == 0 {
                            let start = self.skip_start;
                            let sp = span_of(self.path, &start, &span.end);
                            let node = Node::unknown("yaml nesting depth limit", Some(sp));
                            self.complete(Built {
                                node,
                                count: 1,
                                merge_key: false,
                                start,
                                end: span.end,
                            });
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::StreamStart | Event::Nothing => {}
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    self.anchors.clear();
                    self.root = None;
                    self.stack.clear();
                }
                Event::DocumentEnd => {
                    if let Some(root) = self.root.take()
                        && !matches!(root.value, Value::Null)
                    {
                        self.docs.push(root);
                    }
                }
                Event::Alias(id) => {
                    let Some((node, count)) = self.anchors.get(&id) else {
                        let sp = self.point(&span.start);
                        self.diags.push(Diagnostic::error(
                            "yaml-syntax",
                            "alias to an unknown anchor",
                            sp.clone(),
                        ));
                        let node = Node::unknown("alias to an unknown anchor", Some(sp));
                        self.complete(Built {
                            node,
                            count: 1,
                            merge_key: false,
                            start: span.start,
                            end: span.end,
                        });
                        continue;
                    };
                    let count = *count;
                    if self.total.saturating_add(count) > self.opts.max_nodes {
                        self.alias_limit(&span.start);
                        break;
                    }
                    self.total += count;
                    let node = node.clone();
                    self.complete(Built {
                        node,
                        count,
                        merge_key: false,
                        start: span.start,
                        end: span.end,
                    });
                }
                Event::Scalar(text, style, anchor, tag) => {
                    if !self.bump(&span.start) {
                        break;
                    }
                    let merge_key = text == "<<" && style == ScalarStyle::Plain && tag.is_none();
                    let sp = span_of(self.path, &span.start, &span.end);
                    let (value, tag) = self.scalar(&text, style, tag.as_deref());
                    let node = wrap_tag(Node::new(value, Some(sp)), tag);
                    if anchor > 0 {
                        self.anchors.insert(anchor, (node.clone(), 1));
                    }
                    self.complete(Built {
                        node,
                        count: 1,
                        merge_key,
                        start: span.start,
                        end: span.end,
                    });
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let (is_map, anchor, tag) = match ev {
                        Event::MappingStart(a, t) => (true, a, t),
                        Event::SequenceStart(a, t) => (false, a, t),
                        _ => continue,
                    };
                    if !self.bump(&span.start) {
                        break;
                    }
                    if self.stack.len() >= self.opts.max_depth {
                        let sp = self.point(&span.start);
                        self.diags.push(Diagnostic::error(
                            "yaml-depth-limit",
                            format!(
                                "yaml nesting depth limit: collections nested deeper than {} are not read",
                                self.opts.max_depth
                            ),
                            sp,
                        ));
                        self.skipping = 1;
                        self.skip_start = span.start;
                        continue;
                    }
                    let tag = tag.as_deref().and_then(user_tag);
                    let kind = if is_map {
                        Kind::Map {
                            entries: IndexMap::new(),
                            key: None,
                            merges: Vec::new(),
                        }
                    } else {
                        Kind::Seq(Vec::new())
                    };
                    self.stack.push(Frame {
                        kind,
                        start: span.start,
                        last_end: span.end,
                        anchor,
                        tag,
                        count: 1,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        continue;
                    };
                    let end = if span.is_empty() {
                        frame.last_end
                    } else {
                        span.end
                    };
                    let sp = span_of(self.path, &frame.start, &end);
                    let value = match frame.kind {
                        Kind::Seq(items) => Value::List(items),
                        Kind::Map {
                            mut entries,
                            merges,
                            ..
                        } => {
                            self.merge(&mut entries, merges);
                            Value::Map(entries)
                        }
                    };
                    let node = wrap_tag(Node::new(value, Some(sp)), frame.tag);
                    if frame.anchor > 0 {
                        self.anchors
                            .insert(frame.anchor, (node.clone(), frame.count));
                    }
                    self.complete(Built {
                        node,
                        count: frame.count,
                        merge_key: false,
                        start: frame.start,
                        end,
                    });
                }
            }
        }
        self
    }

    /// Counts one node; false (with a diagnostic) past the budget.
    fn bump(&mut self, at: &Marker) -> bool {
        self.total += 1;
        if self.total > self.opts.max_nodes {
            self.alias_limit(at);
            return false;
        }
        true
    }

    fn alias_limit(&mut self, at: &Marker) {
        let sp = self.point(at);
        self.diags.push(Diagnostic::error(
            "yaml-alias-limit",
            format!(
                "yaml alias expansion limit: more than {} nodes (an alias bomb?); the rest of the file is not read",
                self.opts.max_nodes
            ),
            sp,
        ));
        self.failed = true;
    }

    /// Attaches a finished node to its parent (or makes it the root).
    fn complete(&mut self, b: Built) {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(b.node);
            return;
        };
        frame.count = frame.count.saturating_add(b.count);
        frame.last_end = b.end;
        match &mut frame.kind {
            Kind::Seq(items) => items.push(b.node),
            Kind::Map {
                entries,
                key,
                merges,
            } => match key.take() {
                None => {
                    let k = key_string(&b.node);
                    *key = Some((k, b.start, b.merge_key));
                }
                Some((k, kstart, is_merge)) => {
                    if is_merge {
                        merges.push((b.node, kstart));
                        return;
                    }
                    let mut node = b.node;
                    if let Some(sp) = &node.span {
                        let (l, c) = lc(&kstart);
                        let ks = Span::new(sp.path.clone(), l, c, l, c);
                        node.span = Some(ks.cover(sp));
                    }
                    if let Some(old) = entries.insert(k.clone(), node) {
                        let sp = old.span.unwrap_or_else(|| Span::line(self.path.clone(), 1));
                        self.diags.push(Diagnostic::warning(
                            "yaml-duplicate-key",
                            format!("duplicate key {k:?}: the last value is used"),
                            sp,
                        ));
                    }
                }
            },
        }
    }

    fn merge(&mut self, entries: &mut IndexMap<String, Node>, merges: Vec<(Node, Marker)>) {
        for (src, at) in merges {
            let maps: Vec<Node> = match src.value {
                Value::Map(_) => vec![src],
                Value::List(l) => l,
                _ => vec![src],
            };
            for m in maps {
                match m.value {
                    Value::Map(mm) => {
                        for (k, v) in mm {
                            entries.entry(k).or_insert(v);
                        }
                    }
                    _ => {
                        let sp = self.point(&at);
                        self.diags.push(Diagnostic::warning(
                            "yaml-merge",
                            "merge key `<<` needs a map or a list of maps; ignored",
                            sp,
                        ));
                    }
                }
            }
        }
    }

    fn scalar(&self, text: &str, style: ScalarStyle, tag: Option<&Tag>) -> (Value, Option<String>) {
        match tag {
            Some(t) if t.is_yaml_core_schema() => {
                let v = match t.suffix.as_str() {
                    "str" | "binary" | "timestamp" => Value::String(text.to_string()),
                    "null" => Value::Null,
                    "bool" | "int" | "float" => resolve_plain(text, self.opts.yaml11),
                    _ => self.untagged(text, style),
                };
                (v, None)
            }
            Some(t) => (self.untagged(text, style), user_tag(t)),
            None => (self.untagged(text, style), None),
        }
    }

    fn untagged(&self, text: &str, style: ScalarStyle) -> Value {
        if style == ScalarStyle::Plain {
            resolve_plain(text, self.opts.yaml11)
        } else {
            Value::String(text.to_string())
        }
    }
}

/// `!Ref` for a local tag, the full tag otherwise; `None` for core tags.
fn user_tag(t: &Tag) -> Option<String> {
    if t.is_yaml_core_schema() {
        None
    } else if t.handle == "!" {
        Some(format!("!{}", t.suffix))
    } else {
        Some(format!("{}{}", t.handle, t.suffix))
    }
}

fn wrap_tag(node: Node, tag: Option<String>) -> Node {
    match tag {
        None => node,
        Some(t) => {
            let span = node.span.clone();
            let mut m = IndexMap::new();
            m.insert(t, node);
            Node::map(m, span)
        }
    }
}

fn key_string(node: &Node) -> String {
    match &node.value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Unknown(u) => u.reason.to_string(),
        Value::List(_) | Value::Map(_) => node.to_json().to_string(),
    }
}

/// Resolves a plain scalar with the YAML 1.2 core schema (plus YAML 1.1
/// booleans and octal when `yaml11`).
pub fn resolve_plain(s: &str, yaml11: bool) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if yaml11 {
        match s {
            "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Value::Bool(true),
            "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Value::Bool(false),
            _ => {}
        }
    }
    if let Some(n) = resolve_number(s, yaml11) {
        return Value::Number(n);
    }
    Value::String(s.to_string())
}

fn resolve_number(s: &str, yaml11: bool) -> Option<serde_json::Number> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let radix_int = |r: &str, radix: u32| -> Option<serde_json::Number> {
        if r.is_empty() || r.contains(['+', '-']) {
            return None;
        }
        let v = i64::from_str_radix(r, radix).ok()?;
        Some(serde_json::Number::from(if neg { -v } else { v }))
    };
    if let Some(h) = digits.strip_prefix("0x") {
        return radix_int(h, 16);
    }
    if let Some(o) = digits.strip_prefix("0o") {
        return radix_int(o, 8);
    }
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        if yaml11 && digits.len() > 1 && digits.starts_with('0') {
            return radix_int(&digits[1..], 8);
        }
        if let Ok(v) = s.parse::<i64>() {
            return Some(v.into());
        }
        if let Ok(v) = digits.parse::<u64>()
            && !neg
        {
            return Some(v.into());
        }
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mant, exp) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], Some(&mant[i + 1..])),
        None => (mant, None),
    };
    let all_digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
    let mant_ok = match fp {
        Some(f) => all_digits(ip) && all_digits(f) && !(ip.is_empty() && f.is_empty()),
        None => !ip.is_empty() && all_digits(ip),
    };
    let exp_ok = match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && all_digits(e)
        }
    };
    if mant_ok && exp_ok {
        return s.parse::<f64>().ok().and_then(serde_json::Number::from_f64);
    }
    None
}
