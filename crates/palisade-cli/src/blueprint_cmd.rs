//! The architecture blueprint in the CLI: finding and loading
//! `palisade.blueprint.yaml` for `palisade scan`, and the `palisade
//! blueprint init | explain | validate` subcommands.
//!
//! Where the blueprint comes from, first found wins: `--blueprint FILE`,
//! `blueprint = "path"` in palisade.toml (relative to the toml), then
//! `palisade.blueprint.yaml` in the scan root or beside palisade.toml. A
//! blueprint with any error stops the command (exit 2): a scan never runs
//! silently without the blueprint the user asked for.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use palisade_blueprint::{Blueprint, Summary};
use palisade_model::{Diagnostic, Level};
use palisade_scan::ScanOutput;

use crate::config;

#[derive(Args, Debug)]
pub struct BlueprintArgs {
    #[command(subcommand)]
    pub command: BlueprintCommand,
}

#[derive(Subcommand, Debug)]
pub enum BlueprintCommand {
    /// Write a commented starting blueprint inferred from the estate.
    Init(InitArgs),
    /// Show a resource's tier, why, and every requirement's status.
    Explain(ExplainArgs),
    /// Check a blueprint file: schema errors and unknown keys, located.
    Validate(ValidateArgs),
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The estate to infer from (default: the current directory).
    pub path: Option<PathBuf>,
    /// Overwrite an existing blueprint.
    #[arg(long)]
    pub force: bool,
    /// Write to FILE (`-` for standard output) instead of
    /// PATH/palisade.blueprint.yaml.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The resource address (with or without its instance key), or a
    /// CloudFormation logical id / Kubernetes `Kind/namespace/name`.
    pub address: String,
    /// The estate (default: the current directory).
    pub path: Option<PathBuf>,
    /// The blueprint (default: the one found for PATH).
    #[arg(long, value_name = "FILE")]
    pub blueprint: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExplainFormat,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The blueprint file (default: the one found from the current directory).
    pub file: Option<PathBuf>,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub fn run(a: BlueprintArgs) -> Result<u8> {
    match a.command {
        BlueprintCommand::Init(a) => init(a),
        BlueprintCommand::Explain(a) => explain(a),
        BlueprintCommand::Validate(a) => validate(a),
    }
}

// ---------------------------------------------------------------------------
// Finding and loading

/// The blueprint to use, if any: `explicit` (must exist), the `blueprint`
/// setting of palisade.toml (must exist), or `palisade.blueprint.yaml` in
/// `root` or beside palisade.toml.
pub fn locate(
    explicit: Option<&Path>,
    cfg_blueprint: Option<&Path>,
    cfg_path: Option<&Path>,
    root: &Path,
) -> Result<Option<PathBuf>> {
    if let Some(p) = explicit {
        if !p.is_file() {
            bail!("--blueprint {}: no such file", p.display());
        }
        return Ok(Some(p.to_path_buf()));
    }
    if let Some(p) = cfg_blueprint {
        if !p.is_file() {
            bail!(
                "{}: blueprint {}: no such file",
                cfg_path
                    .map(|c| c.display().to_string())
                    .unwrap_or_default(),
                p.display()
            );
        }
        return Ok(Some(p.to_path_buf()));
    }
    let beside_root = root.join(palisade_blueprint::FILE_NAME);
    if beside_root.is_file() {
        return Ok(Some(beside_root));
    }
    if let Some(dir) = cfg_path.and_then(Path::parent) {
        let c = dir.join(palisade_blueprint::FILE_NAME);
        if c.is_file() {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// How the blueprint is named in reports: relative to the scan root when
/// inside it, else as given.
pub fn shown_path(path: &Path, root: &Path) -> String {
    let rel = match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(p), Ok(r)) => p.strip_prefix(&r).ok().map(Path::to_path_buf),
        _ => None,
    };
    rel.filter(|r| !r.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

/// `path:line:col: level[code]: message`.
pub fn render_diagnostic(d: &Diagnostic) -> String {
    let level = match d.level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    };
    format!(
        "{}:{}:{}: {level}[{}]: {}",
        d.span.path, d.span.start_line, d.span.start_col, d.code, d.message
    )
}

/// Loads the blueprint for a command. Any error diagnostic is printed on
/// standard error and the command stops (exit 2). Warnings are returned.
pub fn load_checked(path: &Path, root: &Path) -> Result<(Blueprint, Vec<Diagnostic>)> {
    let shown = shown_path(path, root);
    let (bp, diags) = palisade_blueprint::load_as(path, Arc::from(shown.as_str()));
    let errors = diags.iter().filter(|d| d.level == Level::Error).count();
    match bp {
        Some(bp) if errors == 0 => Ok((bp, diags)),
        _ => {
            for d in &diags {
                eprintln!("{}", render_diagnostic(d));
            }
            bail!(
                "the blueprint {shown} has {} error(s); fix it (see `palisade blueprint validate`) — palisade does not run without the blueprint it was given",
                errors.max(1)
            )
        }
    }
}

/// Where a scan's blueprint is, from the flags, palisade.toml and the root.
pub fn locate_for_scan(
    explicit: Option<&Path>,
    config_flag: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Option<(PathBuf, PathBuf)>> {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let cfg = config::resolve(config_flag, &first)?;
    let root = palisade_scan::scan_root(paths)?;
    Ok(locate(
        explicit,
        cfg.blueprint.as_deref(),
        cfg.path.as_deref(),
        &root,
    )?
    .map(|p| (p, root)))
}

/// The blueprint of a scan, loaded and checked before the scan runs.
pub struct Loaded {
    pub blueprint: Blueprint,
    pub warnings: Vec<Diagnostic>,
}

/// Finds and loads the scan's blueprint (exit 2 on any error in it).
pub fn load_for_scan(
    explicit: Option<&Path>,
    config_flag: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Option<Loaded>> {
    let Some((path, root)) = locate_for_scan(explicit, config_flag, paths)? else {
        return Ok(None);
    };
    let (blueprint, warnings) = load_checked(&path, &root)?;
    Ok(Some(Loaded {
        blueprint,
        warnings,
    }))
}

/// Checks the scan output against the blueprint: merges the findings (in
/// report order) and the diagnostics; returns the
/// summary (invalid configurations per tier and per requirement). The
/// caller adds `palisade_blueprint::rule_infos()` to the report's rules.
pub fn apply(loaded: &Loaded, out: &mut ScanOutput) -> Summary {
    let outcome = palisade_blueprint::check(&loaded.blueprint, &out.model, &out.views);
    out.findings.extend(outcome.findings);
    out.findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.status.cmp(&b.status))
    });
    out.model
        .diagnostics
        .extend(loaded.warnings.iter().cloned());
    out.model.diagnostics.extend(outcome.diagnostics);
    outcome.summary
}

/// `summary.extra` of the report: `{"blueprint": …}` merged into whatever
/// other features put there.
pub fn extra_summary(
    existing: Option<serde_json::Value>,
    summary: Option<&Summary>,
) -> Option<serde_json::Value> {
    let Some(s) = summary else {
        return existing;
    };
    let mut v = match existing {
        Some(serde_json::Value::Object(m)) => m,
        Some(other) => {
            let mut m = serde_json::Map::new();
            m.insert("extra".into(), other);
            m
        }
        None => serde_json::Map::new(),
    };
    v.insert("blueprint".into(), s.to_json_value());
    Some(serde_json::Value::Object(v))
}

/// Appends the blueprint summary to a rendered report: after the text
/// report, and after a Markdown report. JSON and SARIF carry it in
/// `summary.extra` / `properties.summary` instead.
pub fn append_summary<F: ValueEnum>(format: &F, summary: Option<&Summary>, buf: &mut Vec<u8>) {
    let Some(s) = summary else { return };
    let name = format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    match name.as_str() {
        "text" => {
            buf.push(b'\n');
            buf.extend_from_slice(s.to_text().as_bytes());
        }
        "markdown" | "md" => {
            buf.push(b'\n');
            buf.extend_from_slice(s.to_markdown().as_bytes());
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Subcommands

/// Parses the estate at `path` (no rules, no secrets): model and views.
fn estate(path: Option<&Path>, config_flag: Option<&Path>) -> Result<ScanOutput> {
    #[derive(Parser)]
    struct Wrap {
        #[command(flatten)]
        scan: crate::scan_cmd::ScanArgs,
    }
    let mut argv: Vec<std::ffi::OsString> = vec!["palisade".into()];
    if let Some(c) = config_flag {
        argv.push("--config".into());
        argv.push(c.as_os_str().to_owned());
    }
    argv.push("--".into());
    argv.push(path.unwrap_or(Path::new(".")).as_os_str().to_owned());
    let w = Wrap::try_parse_from(argv).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut r = crate::scan_cmd::resolve(&w.scan)?;
    r.opts.secrets = palisade_scan::SecretsMode::Off;
    Ok(palisade_scan::scan(&r.opts, &[])?)
}

fn init(a: InitArgs) -> Result<u8> {
    let root = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.exists() {
        bail!("{}: no such file or directory", root.display());
    }
    let target = match &a.output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(if root.is_dir() {
            root.join(palisade_blueprint::FILE_NAME)
        } else {
            root.parent()
                .unwrap_or(Path::new("."))
                .join(palisade_blueprint::FILE_NAME)
        }),
    };
    if let Some(t) = &target
        && t.exists()
        && !a.force
    {
        bail!(
            "{} already exists; use --force to overwrite it or --output FILE",
            t.display()
        );
    }
    let out = estate(Some(&root), a.config.as_deref())?;
    let text = palisade_blueprint::init(&out.model, &out.views);
    match target {
        None => std::io::stdout().write_all(text.as_bytes())?,
        Some(t) => {
            std::fs::write(&t, &text).with_context(|| format!("cannot write {}", t.display()))?;
            eprintln!(
                "palisade: wrote {} ({} data store(s) found); edit it, then run `palisade blueprint validate`",
                t.display(),
                out.views.datastores.stores.len()
            );
        }
    }
    Ok(0)
}

fn explain(a: ExplainArgs) -> Result<u8> {
    let root_arg = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root_arg.exists() {
        bail!("{}: no such file or directory", root_arg.display());
    }
    let paths = vec![root_arg.clone()];
    let Some((bp_path, root)) =
        locate_for_scan(a.blueprint.as_deref(), a.config.as_deref(), &paths)?
    else {
        bail!(
            "no blueprint found for {} (looked for {} in the scanned root and beside palisade.toml); pass --blueprint FILE or run `palisade blueprint init`",
            root_arg.display(),
            palisade_blueprint::FILE_NAME
        );
    };
    let (bp, warnings) = load_checked(&bp_path, &root)?;
    for w in &warnings {
        eprintln!("{}", render_diagnostic(w));
    }
    let out = estate(Some(&root_arg), a.config.as_deref())?;
    let Some(e) = palisade_blueprint::explain(&bp, &out.model, &out.views, &a.address) else {
        bail!(
            "no resource {:?} in {} ({} resource(s) scanned)",
            a.address,
            root_arg.display(),
            out.model.resources.len()
        );
    };
    let text = match a.format {
        ExplainFormat::Text => e.to_string(),
        ExplainFormat::Json => serde_json::to_string_pretty(&e)? + "\n",
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(0)
}

fn validate(a: ValidateArgs) -> Result<u8> {
    let path = match &a.file {
        Some(p) => {
            if !p.is_file() {
                bail!("{}: no such file", p.display());
            }
            p.clone()
        }
        None => {
            let cwd = PathBuf::from(".");
            match locate_for_scan(None, a.config.as_deref(), std::slice::from_ref(&cwd))? {
                Some((p, root)) => {
                    // Show it relative to the current directory when inside.
                    PathBuf::from(shown_path(&p, &root))
                }
                None => bail!(
                    "no blueprint found ({} in the current directory or beside palisade.toml); pass FILE",
                    palisade_blueprint::FILE_NAME
                ),
            }
        }
    };
    let diags = palisade_blueprint::validate(&path);
    let mut o = std::io::stdout().lock();
    for d in &diags {
        writeln!(o, "{}", render_diagnostic(d))?;
    }
    let errors = diags.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diags.iter().filter(|d| d.level == Level::Warning).count();
    if errors > 0 {
        writeln!(
            o,
            "{}: {errors} error(s), {warnings} warning(s)",
            path.display()
        )?;
        return Ok(2);
    }
    writeln!(o, "OK: {} is valid ({warnings} warning(s))", path.display())?;
    Ok(0)
}
