//! Shared pieces of the supply-chain rules: image references, Dockerfile
//! stages and instructions, Terraform module sources.

use palisade_engine::Ctx;
use palisade_model::{Node, Resource, ResourceId, Span};

/// A parsed container image reference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Image {
    /// Registry host as written, if any.
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Image {
    pub(crate) fn parse(s: &str) -> Image {
        let s = s.trim();
        let (name, digest) = match s.split_once('@') {
            Some((n, d)) => (n, Some(d.to_string()).filter(|d| !d.is_empty())),
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
        Image {
            registry,
            repository,
            tag: tag.filter(|t| !t.is_empty()),
            digest,
        }
    }
    /// The registry pulled from (`docker.io` when none is written).
    pub(crate) fn registry(&self) -> &str {
        self.registry.as_deref().unwrap_or("docker.io")
    }
    /// `registry/repository`.
    pub(crate) fn full_name(&self) -> String {
        format!("{}/{}", self.registry(), self.repository)
    }
}

/// Whether `image` comes from one of `allowed` (a registry host, or a
/// registry host with a path prefix such as `ghcr.io/acme`).
pub(crate) fn registry_allowed(image: &Image, allowed: &[String]) -> bool {
    let full = image.full_name();
    allowed.iter().any(|a| {
        let a = a.trim().trim_end_matches('/');
        !a.is_empty() && (image.registry() == a || full.starts_with(&format!("{a}/")))
    })
}

/// One Dockerfile stage.
pub(crate) struct Stage<'a> {
    pub index: usize,
    pub from: &'a Node,
    pub from_span: Span,
    pub instructions: Vec<Ins<'a>>,
}

/// One instruction with its span.
pub(crate) struct Ins<'a> {
    pub cmd: &'a str,
    pub args: &'a str,
    pub node: &'a Node,
    pub span: Span,
    /// Attribute path (`stages.0.instructions.3`).
    pub attr: String,
}

impl Stage<'_> {
    /// The FROM refers to an earlier stage or to `scratch`.
    pub(crate) fn is_internal(&self) -> bool {
        self.from.get("stage").known().and_then(Node::as_bool) == Some(true)
            || self
                .from
                .get("raw")
                .known()
                .and_then(Node::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("scratch"))
    }
}

/// Every Dockerfile with its stages.
pub(crate) fn dockerfiles<'a>(cx: &Ctx<'a>) -> Vec<(ResourceId, &'a Resource, Vec<Stage<'a>>)> {
    let model: &'a palisade_model::Model = cx.model;
    model
        .of_type("Dockerfile")
        .map(|(id, r)| (id, r, stages(r)))
        .collect()
}

fn stages(r: &Resource) -> Vec<Stage<'_>> {
    let Some(list) = r.attr("stages").known().and_then(Node::as_list) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, s) in list.iter().enumerate() {
        let Some(from) = s.get("from").known() else {
            continue;
        };
        let from_span = from.span.clone().unwrap_or_else(|| r.span.clone());
        let mut instructions = Vec::new();
        if let Some(l) = s.get("instructions").known().and_then(Node::as_list) {
            for (k, n) in l.iter().enumerate() {
                let cmd = n.get("cmd").known().and_then(Node::as_str).unwrap_or("");
                let args = n.get("args").known().and_then(Node::as_str).unwrap_or("");
                instructions.push(Ins {
                    cmd,
                    args,
                    node: n,
                    span: n.span.clone().unwrap_or_else(|| r.span.clone()),
                    attr: format!("stages.{index}.instructions.{k}"),
                });
            }
        }
        out.push(Stage {
            index,
            from,
            from_span,
            instructions,
        });
    }
    out
}

/// Names that look like credentials.
pub(crate) fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    if n.ends_with("_FILE") || n.ends_with("_PATH") || n.ends_with("_REF") {
        return false;
    }
    [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
        "CREDENTIAL",
    ]
    .iter()
    .any(|k| n.contains(k))
        || n.ends_with("_KEY")
}

/// Splits a shell command line into simple commands at `&&`, `||`, `;`,
/// `|` and newlines, each as a list of words (quotes removed roughly).
pub(crate) fn shell_commands(s: &str) -> Vec<(Vec<String>, bool)> {
    // (words, piped_from_previous)
    let mut out: Vec<(Vec<String>, bool)> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut piped = false;
    let mut chars = s.chars().peekable();
    let flush_word = |cur: &mut String, words: &mut Vec<String>| {
        if !cur.is_empty() {
            words.push(std::mem::take(cur));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {}
            '\\' => {
                if let Some(n) = chars.next()
                    && !n.is_whitespace()
                {
                    cur.push(n);
                }
            }
            '&' | ';' | '\n' | '|' => {
                flush_word(&mut cur, &mut words);
                let pipe = c == '|' && chars.peek() != Some(&'|');
                if matches!(chars.peek(), Some('&') | Some('|')) {
                    chars.next();
                }
                if !words.is_empty() {
                    out.push((std::mem::take(&mut words), piped));
                }
                piped = pipe;
            }
            c if c.is_whitespace() => flush_word(&mut cur, &mut words),
            c => cur.push(c),
        }
    }
    flush_word(&mut cur, &mut words);
    if !words.is_empty() {
        out.push((words, piped));
    }
    out
}

/// The command name of a simple command, past `sudo`, `env` and variable
/// assignments.
pub(crate) fn command_name(words: &[String]) -> Option<&str> {
    words
        .iter()
        .map(String::as_str)
        .find(|w| !matches!(*w, "sudo" | "env" | "exec") && !w.contains('=') && !w.starts_with('-'))
        .map(|w| w.rsplit('/').next().unwrap_or(w))
}

/// Classifies a Terraform module source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ModuleSource {
    Local,
    Registry,
    Git { reference: Option<String> },
    Http { insecure: bool },
    Other,
}

pub(crate) fn module_source(src: &str) -> ModuleSource {
    let s = src.trim();
    if s.starts_with("./") || s.starts_with("../") || s.starts_with('/') {
        return ModuleSource::Local;
    }
    let lower = s.to_ascii_lowercase();
    let reference = |s: &str| {
        s.split_once('?').and_then(|(_, q)| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("ref=").map(str::to_string))
        })
    };
    if lower.starts_with("git::")
        || lower.starts_with("git@")
        || lower.starts_with("github.com/")
        || lower.starts_with("bitbucket.org/")
        || lower.contains(".git?")
        || lower.ends_with(".git")
        || lower.contains(".git//")
    {
        return ModuleSource::Git {
            reference: reference(s),
        };
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return ModuleSource::Http {
            insecure: lower.starts_with("http://"),
        };
    }
    if lower.contains("::") || lower.starts_with("s3") || lower.starts_with("gcs") {
        return ModuleSource::Other;
    }
    // `namespace/name/provider` or `host/namespace/name/provider`, with an
    // optional `//subdir`.
    let base = s.split("//").next().unwrap_or(s);
    let parts = base.split('/').count();
    if parts == 3 || (parts == 4 && base.split('/').next().is_some_and(|h| h.contains('.'))) {
        ModuleSource::Registry
    } else {
        ModuleSource::Other
    }
}

/// A git ref that names an immutable revision: a version tag or a commit id.
pub(crate) fn pinned_ref(r: &str) -> bool {
    let r = r.trim();
    let hex = r.len() >= 7 && r.len() <= 64 && r.chars().all(|c| c.is_ascii_hexdigit());
    let version = r
        .strip_prefix('v')
        .unwrap_or(r)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        && r.contains('.');
    hex || version
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images() {
        let i = Image::parse("ghcr.io/acme/app:1.2@sha256:ab");
        assert_eq!(i.registry(), "ghcr.io");
        assert_eq!(i.tag.as_deref(), Some("1.2"));
        assert_eq!(i.digest.as_deref(), Some("sha256:ab"));
        let i = Image::parse("nginx");
        assert_eq!((i.registry(), i.tag.clone()), ("docker.io", None));
        assert!(registry_allowed(
            &Image::parse("ghcr.io/acme/app"),
            &["ghcr.io/acme".into()]
        ));
        assert!(!registry_allowed(
            &Image::parse("ghcr.io/evil/app"),
            &["ghcr.io/acme".into()]
        ));
        assert!(registry_allowed(
            &Image::parse("localhost:5000/x"),
            &["localhost:5000".into()]
        ));
    }

    #[test]
    fn shell() {
        let c = shell_commands("curl -fsSL https://x/install.sh | sudo bash && echo ok");
        assert_eq!(c.len(), 3);
        assert!(c[1].1);
        assert_eq!(command_name(&c[1].0), Some("bash"));
        assert!(!c[2].1);
    }

    #[test]
    fn module_sources() {
        assert_eq!(module_source("./modules/vpc"), ModuleSource::Local);
        assert_eq!(
            module_source("terraform-aws-modules/vpc/aws"),
            ModuleSource::Registry
        );
        assert_eq!(
            module_source("app.terraform.io/acme/vpc/aws"),
            ModuleSource::Registry
        );
        assert_eq!(
            module_source("git::https://github.com/acme/mod.git?ref=v1.2.0"),
            ModuleSource::Git {
                reference: Some("v1.2.0".into())
            }
        );
        assert_eq!(
            module_source("github.com/acme/mod"),
            ModuleSource::Git { reference: None }
        );
        assert_eq!(
            module_source("http://example.com/mod.zip"),
            ModuleSource::Http { insecure: true }
        );
        assert!(pinned_ref("v1.2.0") && pinned_ref("8f3c2a1") && !pinned_ref("main"));
    }
}
