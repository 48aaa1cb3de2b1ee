//! File discovery: walk the scanned paths (respecting `.gitignore`), pick
//! the files palisade understands by name and content.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use palisade_model::{Diagnostic, Span};

use crate::{ScanError, ScanOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    Terraform,
    TerraformPlan,
    CloudFormation,
    Kubernetes,
    Dockerfile,
    /// Any other file, walked only for secrets detection.
    Other,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Terraform => "terraform",
            FileKind::TerraformPlan => "terraform-plan",
            FileKind::CloudFormation => "cloudformation",
            FileKind::Kubernetes => "kubernetes",
            FileKind::Dockerfile => "dockerfile",
            FileKind::Other => "other",
        }
    }
}

/// A file to scan, its path relative to the root with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub kind: FileKind,
    pub size: u64,
}

fn globs(list: &[String]) -> Result<Option<GlobSet>, ScanError> {
    if list.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in list {
        // A bare name or directory matches anywhere below the root.
        let pats = if g.contains('/') || g.starts_with("**") {
            vec![g.clone()]
        } else {
            vec![g.clone(), format!("**/{g}")]
        };
        for p in pats {
            for q in [p.clone(), format!("{}/**", p.trim_end_matches('/'))] {
                b.add(Glob::new(&q).map_err(|e| ScanError::Glob {
                    glob: g.clone(),
                    reason: e.to_string(),
                })?);
            }
        }
    }
    b.build().map(Some).map_err(|e| ScanError::Glob {
        glob: list.join(","),
        reason: e.to_string(),
    })
}

pub(crate) fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    let s = r.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

/// Classifies a file by name, then by a cheap look at its first bytes.
fn classify(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".tf") || name.ends_with(".tf.json") {
        return Some(FileKind::Terraform);
    }
    if name == "dockerfile"
        || name == "containerfile"
        || name.starts_with("dockerfile.")
        || name.ends_with(".dockerfile")
    {
        return Some(FileKind::Dockerfile);
    }
    let ext = name.rsplit('.').next().unwrap_or("");
    if !matches!(ext, "json" | "yaml" | "yml" | "template" | "tpl" | "cfn") {
        return None;
    }
    let mut head = Vec::with_capacity(palisade_model::SNIFF_BYTES);
    std::fs::File::open(path)
        .ok()?
        .take(palisade_model::SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    if ext == "json" && palisade_tfplan::looks_like_plan(&text) {
        return Some(FileKind::TerraformPlan);
    }
    if palisade_cloudformation::looks_like_cloudformation(&text) {
        return Some(FileKind::CloudFormation);
    }
    if palisade_kubernetes::looks_like_kubernetes(&text) {
        return Some(FileKind::Kubernetes);
    }
    None
}

/// Walks the scanned paths. Unreadable entries, symlink loops and oversized
/// files become diagnostics; the walk goes on.
pub fn discover(
    root: &Path,
    opts: &ScanOptions,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), ScanError> {
    let include = globs(&opts.include)?;
    let exclude = globs(&opts.exclude)?;
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut paths = opts.paths.clone();
    if paths.is_empty() {
        paths.push(root.to_path_buf());
    }
    let mut walk = None::<ignore::WalkBuilder>;
    for p in &paths {
        let p = std::fs::canonicalize(p).map_err(|_| ScanError::Missing(p.clone()))?;
        match &mut walk {
            None => walk = Some(ignore::WalkBuilder::new(p)),
            Some(w) => {
                w.add(p);
            }
        }
    }
    let Some(mut walk) = walk else {
        return Ok((files, diags));
    };
    walk.follow_links(true)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            let n = e.file_name().to_string_lossy();
            !(e.file_type().is_some_and(|t| t.is_dir())
                && matches!(
                    n.as_ref(),
                    ".git" | ".terraform" | "node_modules" | ".hg" | ".svn" | "target"
                ))
        });
    for entry in walk.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let (path, msg) = describe_walk_error(root, &err);
                diags.push(Diagnostic::warning("walk", msg, Span::line(path, 1)));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let relp = rel(root, path);
        if let Some(inc) = &include
            && !inc.is_match(&relp)
        {
            continue;
        }
        if let Some(exc) = &exclude
            && exc.is_match(&relp)
        {
            continue;
        }
        let kind = match classify(path) {
            Some(k) => k,
            None if opts.secrets == crate::SecretsMode::All => FileKind::Other,
            None => continue,
        };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if size > opts.max_file_size {
            diags.push(Diagnostic::warning(
                "file-too-large",
                format!(
                    "file is {} MB, over the {} MB limit (max_file_size); skipped",
                    size / (1024 * 1024),
                    opts.max_file_size / (1024 * 1024)
                ),
                Span::line(Arc::from(relp.as_str()), 1),
            ));
            continue;
        }
        files.push(SourceFile {
            path: relp,
            kind,
            size,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok((files, diags))
}

fn describe_walk_error(root: &Path, err: &ignore::Error) -> (Arc<str>, String) {
    fn path_of(e: &ignore::Error) -> Option<PathBuf> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path.clone()),
            ignore::Error::Loop { child, .. } => Some(child.clone()),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let p = path_of(err)
        .map(|p| rel(root, &p))
        .unwrap_or_else(|| ".".into());
    let msg = match err {
        ignore::Error::Loop { ancestor, .. } => {
            format!("symlink loop back to {}; not followed", rel(root, ancestor))
        }
        e => format!("cannot walk: {e}"),
    };
    (p.as_str().into(), msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_globs_match_anywhere() {
        let g = globs(&["vendor".into(), "*.yaml".into()]).unwrap().unwrap();
        assert!(g.is_match("vendor/x.tf"));
        assert!(g.is_match("a/vendor/x.tf"));
        assert!(g.is_match("k8s/app.yaml"));
        assert!(!g.is_match("main.tf"));
    }
}
