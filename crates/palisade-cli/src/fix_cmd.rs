//! `palisade fix`: apply explainable, reversible fixes, or show them as a
//! diff, or revert a journal.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Parser};
use palisade_engine::Status;
use palisade_fix::{Journal, Skipped};

use crate::scan_cmd::{self, ScanArgs};

#[derive(Args, Debug)]
pub struct FixArgs {
    /// Files or directories to fix (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Print a unified diff of the fixes instead of writing files.
    #[arg(long)]
    pub dry_run: bool,
    /// Also apply unsafe fixes (they may replace resources or break workloads).
    #[arg(long = "unsafe")]
    pub include_unsafe: bool,
    /// Only fix findings of this rule (repeatable).
    #[arg(long, value_name = "RULE_ID")]
    pub rule: Vec<String>,
    /// Where to write the journal [default: .palisade/fix-journal.json under the scanned root,
    /// or fix-journal-N.json when that exists].
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Undo every fix recorded in JOURNAL (refused if a file changed since).
    #[arg(long, value_name = "JOURNAL", conflicts_with_all = ["dry_run", "include_unsafe", "rule"])]
    pub revert: Option<PathBuf>,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Parser)]
struct ScanOnly {
    #[command(flatten)]
    a: ScanArgs,
}

/// The base URL for Markdown links to files, from the GitHub Actions or
/// GitLab CI environment (`PALISADE_LINK_BASE` overrides).
pub fn link_base() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(b) = var("PALISADE_LINK_BASE") {
        return Some(b);
    }
    if let (Some(server), Some(repo), Some(sha)) = (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        return Some(format!("{server}/{repo}/blob/{sha}/"));
    }
    if let (Some(url), Some(sha)) = (var("CI_PROJECT_URL"), var("CI_COMMIT_SHA")) {
        return Some(format!("{url}/-/blob/{sha}/"));
    }
    None
}

fn scan_args(paths: &[PathBuf], config: Option<&Path>) -> Result<ScanArgs> {
    let mut argv: Vec<std::ffi::OsString> = vec!["scan".into(), "--no-progress".into()];
    if let Some(c) = config {
        argv.push("--config".into());
        argv.push(c.into());
    }
    argv.push("--".into());
    argv.extend(paths.iter().map(|p| p.clone().into_os_string()));
    Ok(ScanOnly::try_parse_from(argv)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .a)
}

pub fn run(a: FixArgs) -> Result<u8> {
    if let Some(j) = &a.revert {
        let journal = Journal::read(j)?;
        let out = palisade_fix::revert(&journal)?;
        println!(
            "reverted {} fix{} in {} file{} from {}",
            out.entries,
            if out.entries == 1 { "" } else { "es" },
            out.files.len(),
            if out.files.len() == 1 { "" } else { "s" },
            j.display()
        );
        return Ok(0);
    }
    for id in &a.rule {
        if palisade_fix::fix_for(id).is_none() {
            if palisade_rules::get(id).is_none() {
                bail!("--rule {id}: unknown rule id");
            }
            bail!("--rule {id}: this rule has no automatic fix");
        }
    }
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let sa = scan_args(&paths, a.config.as_deref())?;
    let mut r = scan_cmd::resolve(&sa)?;
    let first = scan_cmd::run_scan(&r, false)?;
    let root = first.root.clone();

    // A dry run works on a copy of the scanned files.
    let tmp;
    let work_root = if a.dry_run {
        tmp = tempfile::tempdir().context("cannot create a temporary directory")?;
        let copy = tmp.path().join("root");
        for f in &first.files {
            let dst = copy.join(&f.path);
            if let Some(p) = dst.parent() {
                std::fs::create_dir_all(p)?;
            }
            std::fs::copy(root.join(&f.path), &dst)
                .with_context(|| format!("cannot copy {}", f.path))?;
        }
        let mut remapped = Vec::new();
        for p in &r.opts.paths {
            let c = std::fs::canonicalize(p)?;
            let rel = c.strip_prefix(&root).unwrap_or(Path::new(""));
            remapped.push(copy.join(rel));
        }
        r.opts.paths = remapped;
        copy
    } else {
        root.clone()
    };

    let rules: BTreeSet<String> = a.rule.iter().map(|s| s.to_ascii_uppercase()).collect();
    let mut first = Some(first);
    let mut scan_err: Option<anyhow::Error> = None;
    let mut scan = || {
        let out = match first.take() {
            Some(o) if !a.dry_run => o,
            _ => match scan_cmd::run_scan(&r, false) {
                Ok(o) => o,
                Err(e) => {
                    scan_err = Some(e);
                    return None;
                }
            },
        };
        let findings = out
            .findings
            .into_iter()
            .filter(|f| rules.is_empty() || rules.contains(&f.rule_id.to_ascii_uppercase()))
            .collect();
        Some((findings, out.model))
    };
    let outcome = palisade_fix::fix_loop(&work_root, a.include_unsafe, &mut scan)?;
    if let Some(e) = scan_err {
        return Err(e);
    }

    let verb = if a.dry_run { "would fix" } else { "fixed" };
    if a.dry_run {
        for (file, old) in &outcome.originals {
            let new = std::fs::read_to_string(work_root.join(file)).unwrap_or_default();
            if &new != old {
                print!("{}", palisade_fix::unified_diff(file, old, &new));
            }
        }
    }
    let mut entries = outcome.entries.clone();
    entries.sort_by(|x, y| (&x.file, x.line, &x.rule_id).cmp(&(&y.file, y.line, &y.rule_id)));
    for e in &entries {
        eprintln!(
            "{verb} {} {} at {}:{} ({}): {}",
            e.rule_id,
            e.resource,
            e.file,
            e.line,
            e.applicability.as_str(),
            e.explanation
        );
    }
    for (rule, res, file) in &outcome.unresolved {
        eprintln!("warning: {rule} on {res} ({file}) is still reported after its fix");
    }
    for (rule, res, file) in &outcome.broken {
        eprintln!("warning: the fix for {rule} on {res} made {file} unparsable and was undone");
    }
    let mut unsafe_skipped = BTreeSet::new();
    for s in &outcome.skipped {
        match s {
            Skipped::Unsafe(p) => {
                unsafe_skipped.insert((
                    p.rule_id.clone(),
                    p.resource.clone(),
                    p.file.clone(),
                    p.line,
                    p.explanation.clone(),
                ));
            }
            Skipped::NotApplicable {
                rule_id,
                resource,
                file,
                line,
            } => eprintln!(
                "note: {rule_id} on {resource} at {file}:{line} has a fix, but the file's layout is not one palisade edits safely; fix it by hand"
            ),
        }
    }
    for (rule, res, file, line, why) in &unsafe_skipped {
        eprintln!("skipped unsafe fix {rule} {res} at {file}:{line} (use --unsafe): {why}");
    }
    let files: BTreeSet<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    if entries.is_empty() {
        eprintln!("nothing to fix");
        return Ok(0);
    }
    if a.dry_run {
        eprintln!(
            "{} fix{} in {} file{} (dry run: nothing was written)",
            entries.len(),
            if entries.len() == 1 { "" } else { "es" },
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
        return Ok(0);
    }
    let journal_path = a.journal.clone().unwrap_or_else(|| default_journal(&root));
    if let Some(p) = journal_path.parent() {
        std::fs::create_dir_all(p).ok();
    }
    let mut journal = Journal::new(env!("CARGO_PKG_VERSION"), root.clone());
    journal.entries = outcome.entries;
    std::fs::write(&journal_path, journal.to_json())
        .with_context(|| format!("cannot write the journal {}", journal_path.display()))?;
    eprintln!(
        "{} fix{} applied to {} file{}; journal: {}\nreview it, and undo with: palisade fix --revert {}",
        entries.len(),
        if entries.len() == 1 { "" } else { "es" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        journal_path.display(),
        journal_path.display()
    );
    // Confirm with a fresh scan that the fixed findings are gone.
    let after = scan_cmd::run_scan(&r, false)?;
    let still: Vec<_> = entries
        .iter()
        .filter(|e| {
            after.findings.iter().any(|f| {
                f.status == Status::Fail
                    && f.rule_id == e.rule_id
                    && f.resource.address == e.resource
            })
        })
        .collect();
    for e in &still {
        eprintln!(
            "warning: {} on {} is still reported after the fix",
            e.rule_id, e.resource
        );
    }
    Ok(0)
}

/// `.palisade/fix-journal.json` under the root, or `fix-journal-N.json`
/// (the first free N from 2) when it exists: a second `palisade fix` never
/// overwrites the journal that reverts the first.
fn default_journal(root: &std::path::Path) -> PathBuf {
    let dir = root.join(".palisade");
    let first = dir.join("fix-journal.json");
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("fix-journal-{n}.json")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
