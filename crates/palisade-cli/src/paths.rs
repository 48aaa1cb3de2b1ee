//! Report paths are relative to the scanned root (the JSON contract). Code
//! scanning platforms place SARIF results, GitHub annotations and GitLab
//! reports relative to the repository root instead; when the scanned root
//! is below a git work tree's top, those formats get the root's path in the
//! repository put in front.

use std::path::Path;
use std::sync::Arc;

use palisade_engine::Finding;
use palisade_model::{Diagnostic, Span};

/// The scanned root's path inside its git work tree, with a trailing `/`
/// (`infra/prod/`); `None` at the top or outside a repository.
pub fn repo_prefix(root: &Path) -> Option<String> {
    let mut dir = root;
    loop {
        if dir.join(".git").exists() {
            let rel = root.strip_prefix(dir).ok()?;
            let s = rel.to_string_lossy().replace('\\', "/");
            return (!s.is_empty()).then(|| format!("{}/", s.trim_end_matches('/')));
        }
        dir = dir.parent()?;
    }
}

fn rebase_span(span: &mut Span, prefix: &str) {
    let p: &str = &span.path;
    let new = if p == "." || p.is_empty() {
        prefix.trim_end_matches('/').to_string()
    } else {
        format!("{prefix}{p}")
    };
    span.path = Arc::from(new);
}

pub fn rebase_finding(f: &mut Finding, prefix: &str) {
    rebase_span(&mut f.location, prefix);
    for r in &mut f.related {
        rebase_span(&mut r.span, prefix);
    }
}

pub fn rebase_diagnostic(d: &mut Diagnostic, prefix: &str) {
    rebase_span(&mut d.span, prefix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_the_root_inside_the_repository() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join(".git")).unwrap();
        std::fs::create_dir_all(d.path().join("infra/prod")).unwrap();
        assert_eq!(
            repo_prefix(&d.path().join("infra/prod")).as_deref(),
            Some("infra/prod/")
        );
        assert_eq!(repo_prefix(d.path()), None);
        let mut s = Span::line("main.tf".into(), 3);
        rebase_span(&mut s, "infra/");
        assert_eq!(&*s.path, "infra/main.tf");
        let mut r = Span::line(".".into(), 1);
        rebase_span(&mut r, "infra/");
        assert_eq!(&*r.path, "infra");
    }
}
