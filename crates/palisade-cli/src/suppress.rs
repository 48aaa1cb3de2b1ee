//! Suppressions, baselines and diff-aware scans applied to a finished scan
//! (see docs/suppressions.md).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::Args;
use palisade_engine::{Finding, Severity, Status};
use palisade_model::Span;
use palisade_scan::ScanOutput;
use palisade_suppress::baseline::{Baseline, Summary};
use palisade_suppress::{Applied, Date, Kind, SuppressedFinding};

use crate::config;
use crate::scan_cmd::Resolved;

#[derive(Args, Debug, Clone, Default)]
pub struct SuppressFlags {
    /// Report only findings that are not in this baseline file (made by
    /// `palisade baseline create`); baselined ones are listed as suppressed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings introduced since this git revision (the same
    /// paths are scanned in a temporary worktree of REV and subtracted by
    /// fingerprint).
    #[arg(long, value_name = "REV", conflicts_with = "baseline")]
    pub diff_base: Option<String>,
}

/// What the post-processing produced besides the remaining findings.
#[derive(Default)]
pub struct Post {
    pub suppressed: Vec<SuppressedFinding>,
    pub baseline: Option<Summary>,
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u32 {
    text.get(..offset.min(text.len()))
        .map(|t| t.matches('\n').count() as u32 + 1)
        .unwrap_or(1)
}

/// A path for reports: relative to the scan root when under it.
fn shown(p: &Path, root: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    abs.strip_prefix(root)
        .map(|x| x.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| p.display().to_string())
}

/// Applies suppressions (always), then `--baseline` or `--diff-base`.
/// `out.findings` keeps what is still reported; the diagnostics about
/// suppressions are added to the model's.
pub fn process(
    flags: &SuppressFlags,
    config_flag: Option<&Path>,
    r: &mut Resolved,
    out: &mut ScanOutput,
    rule_ids: &[&str],
) -> Result<Post> {
    let first = r.opts.paths.first().cloned().unwrap_or_else(|| ".".into());
    let cfg = config::resolve(config_flag, &first)?;
    let cfg_shown = cfg
        .path
        .as_deref()
        .map(|p| shown(p, &out.root))
        .unwrap_or_else(|| config::FILE_NAME.to_string());
    let cfg_text = cfg
        .path
        .as_deref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let entries: Vec<palisade_suppress::ConfigEntry> = cfg
        .suppress
        .iter()
        .map(|s| {
            let mut e = s.get_ref().clone();
            e.line = line_of(&cfg_text, s.span().start);
            e
        })
        .collect();
    let policy = cfg.suppressions.clone();
    for s in &policy.forbid_severities {
        if Severity::parse(s).is_none() {
            bail!(
                "{cfg_shown}: [suppressions] forbid_severities: unknown severity {s:?} (info, low, medium, high, critical)"
            );
        }
    }
    let mut known: Vec<&str> = palisade_rules::all().iter().map(|x| x.id).collect();
    known.extend(r.rules.iter().map(|x| x.id));
    known.extend(rule_ids.iter().copied());
    for p in &policy.forbid_rules {
        let is_glob = p.contains(['*', '?', '[']);
        if !is_glob && !known.iter().any(|k| k.eq_ignore_ascii_case(p)) {
            bail!("{cfg_shown}: [suppressions] forbid_rules: unknown rule id {p:?}");
        }
    }
    let today = Date::today().map_err(|e| anyhow::anyhow!(e))?;
    let mut ran: Vec<&str> = r.rules.iter().map(|x| x.id).collect();
    ran.extend(rule_ids.iter().copied());
    let root = out.root.clone();
    let read = move |p: &str| std::fs::read_to_string(root.join(p)).ok();
    let collected = palisade_suppress::collect(&palisade_suppress::Input {
        model: &out.model,
        read: &read,
        config: &entries,
        config_path: &cfg_shown,
        policy: &policy,
        known_rules: &known,
        today,
    });
    let outcome = palisade_suppress::apply(
        std::mem::take(&mut out.findings),
        collected,
        &out.model,
        &policy,
        &ran,
    );
    out.findings = outcome.findings;
    out.model.diagnostics.extend(outcome.diagnostics);
    let mut post = Post {
        suppressed: outcome.suppressed,
        baseline: None,
    };

    if let Some(file) = &flags.baseline {
        let b = load_baseline(file)?;
        let c = b.compare(std::mem::take(&mut out.findings));
        let src = file.display().to_string();
        let loc = Span::line(Arc::from(src.as_str()), 1);
        post.baseline = Some(Summary {
            mode: "baseline",
            source: src.clone(),
            new: c.new.iter().filter(|f| f.status != Status::Pass).count(),
            unchanged: c.unchanged.len(),
            fixed: c.fixed,
        });
        out.findings = c.new;
        post.suppressed
            .extend(c.unchanged.into_iter().map(|f| SuppressedFinding {
                finding: f,
                suppression: Applied {
                    kind: Kind::Baseline,
                    reason: format!("present in baseline {src}"),
                    owner: None,
                    expires: None,
                    location: loc.clone(),
                },
            }));
    } else if let Some(rev) = &flags.diff_base {
        let base = scan_base(rev, r, &out.root)?;
        let b = Baseline::of(&base, env!("CARGO_PKG_VERSION"));
        let c = b.compare(std::mem::take(&mut out.findings));
        post.baseline = Some(Summary {
            mode: "diff-base",
            source: rev.clone(),
            new: c.new.iter().filter(|f| f.status != Status::Pass).count(),
            unchanged: c.unchanged.len(),
            fixed: c.fixed,
        });
        out.findings = c.new;
    }
    post.suppressed
        .retain(|s| s.finding.severity >= r.min_severity);
    Ok(post)
}

/// Reads and checks a baseline file; errors name the file and line.
pub fn load_baseline(file: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read baseline {}", file.display()))?;
    Baseline::parse(&text).map_err(|e| match e {
        palisade_suppress::baseline::BaselineError::Json {
            line,
            column,
            message,
        } => anyhow::anyhow!(
            "{}:{line}:{column}: corrupt baseline file: {message}",
            file.display()
        ),
        other => anyhow::anyhow!("{}: corrupt baseline file: {other}", file.display()),
    })
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git (is it installed?)")
}

/// A detached worktree, removed on drop.
struct Worktree {
    repo: PathBuf,
    dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for Worktree {
    fn drop(&mut self) {
        let d = self.dir.to_string_lossy().to_string();
        let _ = git(&self.repo, &["worktree", "remove", "--force", &d]);
        let _ = git(&self.repo, &["worktree", "prune"]);
    }
}

/// Scans the same paths at git revision `rev`: the findings (suppressions
/// not applied).
fn scan_base(rev: &str, r: &mut Resolved, root: &Path) -> Result<Vec<Finding>> {
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        bail!(
            "--diff-base: {} is not inside a git repository",
            root.display()
        );
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim().to_string());
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    if rev.starts_with('-') {
        bail!("--diff-base: unknown git revision {rev:?}");
    }
    let spec = format!("{rev}^{{commit}}");
    let sha = git(&top, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !sha.status.success() {
        bail!(
            "--diff-base: unknown git revision {rev:?} in {} (in a shallow clone, fetch it first, e.g. `git fetch --depth=1 origin {rev}`)",
            top.display()
        );
    }
    let sha = String::from_utf8_lossy(&sha.stdout).trim().to_string();
    let tmp = tempfile::Builder::new()
        .prefix("palisade-base-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let dir = tmp.path().join("base");
    let d = dir.to_string_lossy().to_string();
    let add = git(&top, &["worktree", "add", "--detach", "--quiet", &d, &sha])?;
    if !add.status.success() {
        bail!(
            "--diff-base: cannot check out {rev} ({}): {}",
            sha,
            String::from_utf8_lossy(&add.stderr).trim()
        );
    }
    let wt = Worktree {
        repo: top.clone(),
        dir,
        _tmp: tmp,
    };
    let mut mapped = Vec::new();
    for p in &r.opts.paths {
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let Ok(rel) = abs.strip_prefix(&top) else {
            bail!(
                "--diff-base: {} is outside the git repository {}",
                p.display(),
                top.display()
            );
        };
        let q = wt.dir.join(rel);
        if q.exists() {
            mapped.push(q);
        }
    }
    if mapped.is_empty() {
        return Ok(Vec::new());
    }
    let saved = std::mem::replace(&mut r.opts.paths, mapped);
    let res = crate::scan_cmd::run_scan(r, false);
    r.opts.paths = saved;
    let mut base = res?;
    if let Some(b) = &r.blueprint {
        crate::blueprint_cmd::apply(b, &mut base);
    }
    drop(wt);
    Ok(base.findings)
}
