//! Dockerfile parser.
//!
//! One [`Resource`] per Dockerfile: type `Dockerfile`, kind
//! [`SourceKind::Dockerfile`], mode [`Mode::Meta`], address = the file path.
//! Its attributes:
//!
//! ```text
//! {
//!   "directives": { "syntax": "...", "escape": "\\" },
//!   "global_args": [ <instruction> ... ],          // ARGs before the first FROM
//!   "stages": [
//!     { "from": { "raw", "image", "registry", "tag", "digest", "alias",
//!                 "platform", "stage" },
//!       "instructions": [ <instruction> ... ] }
//!   ]
//! }
//! <instruction> = { "cmd": "RUN", "args": "...", "line": 3,
//!                   "flags": { "from": "builder" },
//!                   "pairs": [ { "key", "value" } ]   // ENV, ARG, LABEL only
//!                 }
//! ```
//!
//! Every node carries the span of the instruction it came from (all its
//! physical lines). Line continuations, comments, parser directives
//! (`escape` included), heredocs (`<<EOF`, `<<-EOF`, quoted words) and `ARG`
//! before `FROM` (substituted into `FROM`) are handled. The parser never
//! fails and never panics: problems become located diagnostics.

use std::sync::Arc;

use indexmap::IndexMap;
use palisade_model::{Diagnostic, Mode, Node, Parsed, Resource, SourceKind, Span, Value};

const KNOWN: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// One logical instruction, before it becomes a node.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// Upper-cased instruction name.
    pub cmd: String,
    /// Everything after the name, continuations joined, heredoc bodies
    /// appended after a newline.
    pub args: String,
    /// First and last physical line (1-based).
    pub start_line: u32,
    pub end_line: u32,
    /// Column just past the end of the last line.
    pub end_col: u32,
}

/// Splits a Dockerfile into logical instructions (comments, blank lines and
/// parser directives removed). Also returns the directives and diagnostics.
pub fn instructions(
    path: &Arc<str>,
    text: &str,
) -> (Vec<Instruction>, IndexMap<String, String>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut diags = Vec::new();
    let mut directives = IndexMap::new();
    let mut i = 0usize;
    // Parser directives: only at the very top, `# name=value`.
    while let Some(line) = lines.get(i) {
        match directive(line) {
            Some((k, v)) if !directives.contains_key(&k) => {
                directives.insert(k, v);
                i += 1;
            }
            _ => break,
        }
    }
    let escape = match directives.get("escape").map(String::as_str) {
        Some("`") => '`',
        Some("\\") | None => '\\',
        Some(other) => {
            diags.push(Diagnostic::warning(
                "dockerfile-directive",
                format!("invalid escape directive {other:?}; using \\"),
                Span::line(path.clone(), 1),
            ));
            '\\'
        }
    };

    let mut out = Vec::new();
    while i < lines.len() {
        let line = lines.get(i).copied().unwrap_or("");
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let start = i;
        let mut logical = String::new();
        let mut last = i;
        let mut cur = line;
        loop {
            let t = cur.trim_end();
            if let Some(body) = t.strip_suffix(escape) {
                logical.push_str(body);
                // Continue with the next line that is not a comment.
                let mut j = last + 1;
                let mut next = None;
                while let Some(l) = lines.get(j) {
                    let lt = l.trim_start();
                    if lt.starts_with('#') || lt.is_empty() {
                        j += 1;
                        continue;
                    }
                    next = Some(*l);
                    break;
                }
                match next {
                    Some(l) => {
                        last = j;
                        cur = l;
                    }
                    None => break,
                }
            } else {
                logical.push_str(cur);
                break;
            }
        }
        i = last + 1;
        let logical = logical.trim();
        let (cmd, args) = match logical.find(char::is_whitespace) {
            Some(p) => (&logical[..p], logical[p..].trim_start()),
            None => (logical, ""),
        };
        let cmd = cmd.to_ascii_uppercase();
        let mut args = args.to_string();
        // Heredocs.
        if matches!(cmd.as_str(), "RUN" | "COPY" | "ADD") {
            for (word, strip) in heredoc_words(&args) {
                let mut body = String::new();
                let mut closed = false;
                while let Some(l) = lines.get(i) {
                    i += 1;
                    last = i - 1;
                    let cmp = if strip { l.trim_start_matches('\t') } else { l };
                    if cmp.trim_end() == word {
                        closed = true;
                        break;
                    }
                    body.push_str(l);
                    body.push('\n');
                }
                args.push('\n');
                args.push_str(&body);
                args.push_str(&word);
                if !closed {
                    diags.push(Diagnostic::warning(
                        "dockerfile-heredoc",
                        format!("heredoc <<{word} is not terminated"),
                        Span::line(path.clone(), start as u32 + 1),
                    ));
                }
            }
        }
        if !KNOWN.contains(&cmd.as_str()) {
            diags.push(Diagnostic::warning(
                "dockerfile-unknown-instruction",
                format!("unknown instruction {cmd:?}"),
                Span::line(path.clone(), start as u32 + 1),
            ));
        }
        let end_text = lines.get(last).copied().unwrap_or("");
        out.push(Instruction {
            cmd,
            args,
            start_line: start as u32 + 1,
            end_line: last as u32 + 1,
            end_col: end_text.chars().count() as u32 + 1,
        });
    }
    (out, directives, diags)
}

fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix('#')?;
    let (k, v) = rest.split_once('=')?;
    let k = k.trim().to_ascii_lowercase();
    if !matches!(k.as_str(), "syntax" | "escape" | "check") {
        return None;
    }
    Some((k, v.trim().to_string()))
}

/// The heredoc words of an instruction's arguments, in order, with whether
/// leading tabs are stripped (`<<-`).
fn heredoc_words(args: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(p) = rest.find("<<") {
        let mut after = &rest[p + 2..];
        let strip = after.starts_with('-');
        if strip {
            after = &after[1..];
        }
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        if let Some(q) = quote {
            after = &after[q.len_utf8()..];
        }
        let word: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let consumed = word.len();
        let mut next = &after[consumed..];
        if let Some(n) = quote.and_then(|q| next.strip_prefix(q)) {
            next = n;
        }
        if !word.is_empty() && word.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
            out.push((word, strip));
        }
        rest = next;
        if out.len() > 16 {
            break;
        }
    }
    out
}

/// Leading `--name=value` flags and the rest of the arguments.
pub fn split_flags(args: &str) -> (IndexMap<String, String>, &str) {
    let mut flags = IndexMap::new();
    let mut rest = args.trim_start();
    while let Some(f) = rest.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let flag = &f[..end];
        let (k, v) = flag.split_once('=').unwrap_or((flag, ""));
        if k.is_empty() {
            break;
        }
        flags.insert(k.to_ascii_lowercase(), v.to_string());
        rest = f[end..].trim_start();
    }
    (flags, rest)
}

/// `KEY=VALUE KEY2="v w"` pairs, or the legacy `KEY value` form (ENV, ARG,
/// LABEL).
pub fn pairs(args: &str) -> Vec<(String, String)> {
    let args = args.trim();
    let first = args.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        // Legacy `ENV KEY value` or `ARG NAME`.
        return match args.find(char::is_whitespace) {
            Some(p) => vec![(args[..p].to_string(), unquote(args[p..].trim()))],
            None if !args.is_empty() => vec![(args.to_string(), String::new())],
            None => Vec::new(),
        };
    }
    let mut out = Vec::new();
    for w in shell_words(args) {
        match w.split_once('=') {
            Some((k, v)) => out.push((k.to_string(), v.to_string())),
            None => out.push((w, String::new())),
        }
    }
    out
}

fn unquote(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_string()
    }
}

/// Splits on whitespace outside quotes and removes the quotes.
fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            None => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// A parsed image reference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageRef {
    /// Registry host if written (`ghcr.io`, `localhost:5000`).
    pub registry: Option<String>,
    /// Repository without registry, tag or digest (`library/nginx`, `nginx`).
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    /// The registry the image is pulled from (`docker.io` when none is
    /// written).
    pub fn effective_registry(&self) -> &str {
        self.registry.as_deref().unwrap_or("docker.io")
    }
}

/// Parses `registry/repo:tag@sha256:...`.
pub fn parse_image(s: &str) -> ImageRef {
    let s = s.trim();
    let (name, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d.to_string())),
        None => (s, None),
    };
    let slash = name.rfind('/').map(|p| p + 1).unwrap_or(0);
    let (name, tag) = match name[slash..].rfind(':') {
        Some(p) => (&name[..slash + p], Some(name[slash + p + 1..].to_string())),
        None => (name, None),
    };
    let (registry, repository) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first.to_string()), rest.to_string())
        }
        _ => (None, name.to_string()),
    };
    ImageRef {
        registry,
        repository,
        tag: tag.filter(|t| !t.is_empty()),
        digest: digest.filter(|d| !d.is_empty()),
    }
}

/// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` from `vars`. Returns the
/// name of the first variable that has no value.
fn substitute(s: &str, vars: &IndexMap<String, Option<String>>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('$') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let (name, default, consumed) = if let Some(b) = after.strip_prefix('{') {
            match b.find('}') {
                Some(e) => {
                    let inner = &b[..e];
                    let (n, d) = match inner.split_once(":-") {
                        Some((n, d)) => (n, Some(d.to_string())),
                        None => match inner.split_once('-') {
                            Some((n, d)) => (n, Some(d.to_string())),
                            None => (inner, None),
                        },
                    };
                    (n.to_string(), d, e + 2)
                }
                None => return Err(after.to_string()),
            }
        } else {
            let n: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let l = n.len();
            (n, None, l)
        };
        if name.is_empty() {
            out.push('$');
            rest = &after[consumed.min(after.len())..];
            continue;
        }
        match vars.get(&name).cloned().flatten().or(default) {
            Some(v) => out.push_str(&v),
            None => return Err(name),
        }
        rest = &after[consumed.min(after.len())..];
    }
    out.push_str(rest);
    Ok(out)
}

fn s(v: impl Into<String>, span: &Span) -> Node {
    Node::string(v, Some(span.clone()))
}

fn instruction_node(ins: &Instruction, span: &Span) -> Node {
    let mut m = IndexMap::new();
    m.insert("cmd".to_string(), s(ins.cmd.clone(), span));
    m.insert("args".to_string(), s(ins.args.clone(), span));
    m.insert(
        "line".to_string(),
        Node::new(Value::Number(ins.start_line.into()), Some(span.clone())),
    );
    let (flags, _) = split_flags(&ins.args);
    if !flags.is_empty() {
        let f = flags.into_iter().map(|(k, v)| (k, s(v, span))).collect();
        m.insert("flags".to_string(), Node::map(f, Some(span.clone())));
    }
    if matches!(ins.cmd.as_str(), "ENV" | "ARG" | "LABEL") {
        let list = pairs(&ins.args)
            .into_iter()
            .map(|(k, v)| {
                let mut p = IndexMap::new();
                p.insert("key".to_string(), s(k, span));
                p.insert("value".to_string(), s(v, span));
                Node::map(p, Some(span.clone()))
            })
            .collect();
        m.insert("pairs".to_string(), Node::list(list, Some(span.clone())));
    }
    Node::map(m, Some(span.clone()))
}

/// Parses one Dockerfile into one resource (plus diagnostics). Never fails.
pub fn parse(path: Arc<str>, text: &str) -> Parsed {
    let (ins, directives, mut diagnostics) = instructions(&path, text);
    let span_of = |i: &Instruction| Span::new(path.clone(), i.start_line, 1, i.end_line, i.end_col);

    let mut global_args = Vec::new();
    let mut vars: IndexMap<String, Option<String>> = IndexMap::new();
    let mut stages: Vec<(Node, Vec<Node>, Span)> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    for i in &ins {
        let span = span_of(i);
        if i.cmd == "FROM" {
            let from = from_node(i, &span, &vars, &aliases, &mut diagnostics);
            if let Some(a) = from.get("alias").known().and_then(Node::as_str) {
                aliases.push(a.to_ascii_lowercase());
            }
            stages.push((from, Vec::new(), span));
            continue;
        }
        match stages.last_mut() {
            Some((_, list, sspan)) => {
                list.push(instruction_node(i, &span));
                *sspan = sspan.cover(&span);
            }
            None if i.cmd == "ARG" => {
                for (k, v) in pairs(&i.args) {
                    let has_default = i.args.contains('=') || !v.is_empty();
                    vars.insert(k, has_default.then_some(v));
                }
                global_args.push(instruction_node(i, &span));
            }
            None => diagnostics.push(Diagnostic::error(
                "dockerfile-before-from",
                format!("{} before the first FROM", i.cmd),
                span.clone(),
            )),
        }
    }
    let last_line = text.lines().count().max(1) as u32;
    let file_span = Span::new(path.clone(), 1, 1, last_line, 1);
    if stages.is_empty() && !ins.is_empty() {
        diagnostics.push(Diagnostic::error(
            "dockerfile-no-from",
            "Dockerfile has no FROM instruction",
            Span::line(path.clone(), 1),
        ));
    }
    if ins.is_empty() {
        // Nothing to check: an empty or comment-only file.
        return Parsed {
            resources: Vec::new(),
            diagnostics,
        };
    }
    let stage_nodes = stages
        .into_iter()
        .map(|(from, list, span)| {
            let mut m = IndexMap::new();
            m.insert("from".to_string(), from);
            m.insert(
                "instructions".to_string(),
                Node::list(list, Some(span.clone())),
            );
            Node::map(m, Some(span))
        })
        .collect();
    let mut attrs = IndexMap::new();
    attrs.insert(
        "directives".to_string(),
        Node::map(
            directives
                .into_iter()
                .map(|(k, v)| (k, s(v, &Span::line(path.clone(), 1))))
                .collect(),
            Some(Span::line(path.clone(), 1)),
        ),
    );
    attrs.insert(
        "global_args".to_string(),
        Node::list(global_args, Some(file_span.clone())),
    );
    attrs.insert(
        "stages".to_string(),
        Node::list(stage_nodes, Some(file_span.clone())),
    );
    let mut r = Resource::new(
        SourceKind::Dockerfile,
        "Dockerfile",
        path.to_string(),
        file_span.clone(),
        Node::map(attrs, Some(file_span)),
    );
    r.address = path.to_string();
    r.mode = Mode::Meta;
    Parsed {
        resources: vec![r],
        diagnostics,
    }
}

fn from_node(
    i: &Instruction,
    span: &Span,
    vars: &IndexMap<String, Option<String>>,
    aliases: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Node {
    let (flags, rest) = split_flags(&i.args);
    let words: Vec<&str> = rest.split_whitespace().collect();
    let raw = words.first().copied().unwrap_or("");
    let alias = match (words.get(1), words.get(2)) {
        (Some(a), Some(n)) if a.eq_ignore_ascii_case("as") => Some(n.to_string()),
        _ => None,
    };
    let mut m = IndexMap::new();
    m.insert("raw".to_string(), s(raw, span));
    if raw.is_empty() {
        diags.push(Diagnostic::error(
            "dockerfile-from",
            "FROM without an image",
            span.clone(),
        ));
    }
    match substitute(raw, vars) {
        Ok(image) => {
            let r = parse_image(&image);
            let name = match &r.registry {
                Some(reg) => format!("{reg}/{}", r.repository),
                None => r.repository.clone(),
            };
            let is_stage = aliases.contains(&image.to_ascii_lowercase());
            m.insert("image".to_string(), s(name, span));
            m.insert(
                "registry".to_string(),
                s(r.effective_registry().to_string(), span),
            );
            m.insert(
                "tag".to_string(),
                r.tag
                    .map(|t| s(t, span))
                    .unwrap_or(Node::null(Some(span.clone()))),
            );
            m.insert(
                "digest".to_string(),
                r.digest
                    .map(|t| s(t, span))
                    .unwrap_or(Node::null(Some(span.clone()))),
            );
            m.insert(
                "stage".to_string(),
                Node::bool(is_stage, Some(span.clone())),
            );
        }
        Err(var) => {
            let why = format!("FROM uses ARG {var} which has no default");
            for k in ["image", "registry", "tag", "digest"] {
                m.insert(
                    k.to_string(),
                    Node::unknown(why.as_str(), Some(span.clone())),
                );
            }
            m.insert("stage".to_string(), Node::bool(false, Some(span.clone())));
        }
    }
    m.insert(
        "alias".to_string(),
        alias
            .map(|a| s(a, span))
            .unwrap_or(Node::null(Some(span.clone()))),
    );
    m.insert(
        "platform".to_string(),
        flags
            .get("platform")
            .map(|p| s(p.clone(), span))
            .unwrap_or(Node::null(Some(span.clone()))),
    );
    Node::map(m, Some(span.clone()))
}
