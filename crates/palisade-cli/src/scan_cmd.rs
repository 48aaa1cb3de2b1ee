use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use palisade_engine::{Finding, Rule, Severity, Status};
use palisade_model::Level;
use palisade_scan::{ScanOptions, ScanOutput};

use crate::config::{self, Config};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    /// JUnit XML, a failing test case per finding.
    Junit,
    /// A compact pull-request comment.
    Markdown,
    /// GitHub Actions workflow-command annotations.
    Github,
    /// The GitLab SAST report (schema 15).
    GitlabSast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SecretsArg {
    /// No secrets detection.
    Off,
    /// Only in the IaC files palisade parses.
    Iac,
    /// In every file walked (respecting .gitignore and --include/--exclude).
    All,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files or directories to scan (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format [default: text, or `format` in palisade.toml].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings of this severity or higher (info, low, medium, high, critical).
    #[arg(long, value_name = "SEVERITY")]
    pub min_severity: Option<String>,
    /// Scan only files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// A Terraform variables file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub var_file: Vec<PathBuf>,
    /// A Terraform variable, NAME=VALUE (repeatable).
    #[arg(long, value_name = "NAME=VALUE")]
    pub var: Vec<String>,
    /// Exit 1 when a result is unknown, as for a failure.
    #[arg(long)]
    pub fail_on_unknown: bool,
    /// Exit 1 when an input file could not be parsed.
    #[arg(long)]
    pub fail_on_error: bool,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The architecture blueprint [default: `blueprint` in palisade.toml, or
    /// palisade.blueprint.yaml in the scanned root or beside palisade.toml].
    #[arg(long, value_name = "FILE")]
    pub blueprint: Option<PathBuf>,
    /// Include passing results in JSON output.
    #[arg(long)]
    pub include_passed: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Parse only and print counts (for the benchmark).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Where to look for hard-coded secrets [default: all].
    #[arg(long, value_enum, value_name = "WHERE")]
    pub secrets: Option<SecretsArg>,
    #[command(flatten)]
    pub policy: crate::policy_cmd::PolicyFlags,
    #[command(flatten)]
    pub suppress: crate::suppress::SuppressFlags,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// The settings of one scan after merging flags over palisade.toml.
pub struct Resolved {
    pub format: Format,
    pub output: Option<PathBuf>,
    pub min_severity: Severity,
    pub fail_on_unknown: bool,
    pub fail_on_error: bool,
    pub opts: ScanOptions,
    pub rules: Vec<&'static Rule>,
    /// The blueprint, loaded before the scan by `run` (and applied to the
    /// `--diff-base` scan too).
    pub blueprint: Option<crate::blueprint_cmd::Loaded>,
    pub policy: crate::policy_cmd::PolicyFlags,
    pub policy_sources: Vec<crate::policy_cmd::PolicySource>,
}

pub fn resolve(a: &ScanArgs) -> Result<Resolved> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    for p in &paths {
        if !p.exists() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let cfg: Config = config::resolve(a.config.as_deref(), &paths[0])?;
    let format = match (a.format, cfg.format.as_deref()) {
        (Some(f), _) => f,
        (None, Some(s)) => Format::from_str(s, true).map_err(|_| {
            anyhow::anyhow!("palisade.toml: unknown format {s:?} (text, json, sarif, junit, markdown, github, gitlab-sast)")
        })?,
        (None, None) => Format::Text,
    };
    let sev = a
        .min_severity
        .clone()
        .or(cfg.min_severity.clone())
        .unwrap_or_else(|| "info".into());
    let min_severity = Severity::parse(&sev)
        .with_context(|| format!("unknown severity {sev:?} (info, low, medium, high, critical)"))?;

    let mut vars: Vec<(String, String)> = cfg
        .vars
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for v in &a.var {
        let Some((k, val)) = v.split_once('=') else {
            bail!("--var {v:?}: expected NAME=VALUE")
        };
        vars.push((k.trim().to_string(), val.to_string()));
    }
    let mut var_files = cfg.var_files.clone();
    var_files.extend(a.var_file.iter().cloned());
    for f in &var_files {
        if !f.is_file() {
            bail!("--var-file {}: no such file", f.display());
        }
    }
    let env: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();

    let mut include = cfg.include.clone();
    include.extend(a.include.iter().cloned());
    let mut exclude = cfg.exclude.clone();
    exclude.extend(a.exclude.iter().cloned());

    let mut rules = palisade_rules::all();
    for id in cfg.skip_rules.iter().chain(&cfg.only_rules) {
        if palisade_rules::get(id).is_none() {
            bail!(
                "{}: unknown rule id {id:?}",
                cfg.path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
        }
    }
    if !cfg.only_rules.is_empty() {
        rules.retain(|r| {
            cfg.only_rules
                .iter()
                .any(|id| id.eq_ignore_ascii_case(r.id))
        });
    }
    rules.retain(|r| {
        !cfg.skip_rules
            .iter()
            .any(|id| id.eq_ignore_ascii_case(r.id))
    });
    let mut policy = a.policy.clone();
    if policy.policy_input.is_none()
        && let Some(m) = &cfg.policy_input
    {
        policy.policy_input = Some(crate::policy_cmd::InputMode::from_str(m, true).map_err(
            |_| anyhow::anyhow!("palisade.toml: unknown policy_input {m:?} (model, document)"),
        )?);
    }
    if policy.namespace.is_empty() {
        policy.namespace = cfg.namespaces.clone();
    }
    policy.data.extend(cfg.policy_data.iter().cloned());
    if policy.policy_only {
        rules.clear();
    }

    let settings = palisade_engine::Settings {
        allowed_registries: cfg.allowed_registries.clone(),
        values: cfg.settings.clone(),
        // Nothing reports passes unless asked to (`report compliance` turns
        // them back on).
        drop_passes: !a.include_passed,
    };
    let opts = ScanOptions {
        paths,
        include,
        exclude,
        tf: palisade_scan::TfOptions {
            var_files,
            vars,
            env,
        },
        settings,
        max_file_size: cfg
            .max_file_size_mb
            .map(|m| m * 1024 * 1024)
            .unwrap_or(palisade_scan::DEFAULT_MAX_FILE_SIZE),
        secrets: match a.secrets.or(match cfg.secrets.as_deref() {
            None => None,
            Some(s) => Some(SecretsArg::from_str(s, true).map_err(|_| {
                anyhow::anyhow!("palisade.toml: unknown secrets mode {s:?} (off, iac, all)")
            })?),
        }) {
            Some(SecretsArg::Off) => palisade_scan::SecretsMode::Off,
            Some(SecretsArg::Iac) => palisade_scan::SecretsMode::Iac,
            Some(SecretsArg::All) | None => palisade_scan::SecretsMode::All,
        },
        secrets_config: palisade_secrets::Config {
            allow_paths: cfg
                .secrets_allow_paths
                .iter()
                .map(|v| v.get_ref().clone())
                .collect(),
            allow_patterns: cfg
                .secrets_allow_patterns
                .iter()
                .map(|v| v.get_ref().clone())
                .collect(),
            ..Default::default()
        },
        progress: palisade_scan::Progress::default(),
    };
    Ok(Resolved {
        format,
        output: a.output.clone().or(cfg.output.clone()),
        min_severity,
        fail_on_unknown: a.fail_on_unknown || cfg.fail_on_unknown.unwrap_or(false),
        fail_on_error: a.fail_on_error || cfg.fail_on_error.unwrap_or(false),
        opts,
        rules,
        blueprint: None,
        policy,
        policy_sources: cfg.policies.clone(),
    })
}

/// A progress bar on standard error when it is a terminal, silent
/// otherwise: files parsed out of files found, then the rule phases. It only
/// appears once a scan has run for a moment, so short scans stay quiet.
fn progress(enabled: bool) -> Option<indicatif::ProgressBar> {
    if !enabled || !std::io::stderr().is_terminal() {
        return None;
    }
    // Hidden until the scan has run for a moment (see `run_scan`).
    let pb =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {msg:>8} [{bar:30}] {pos}/{len} files ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.set_message("parsing");
    pb.enable_steady_tick(Duration::from_millis(120));
    Some(pb)
}

pub fn run_scan(r: &Resolved, show_progress: bool) -> Result<ScanOutput> {
    let pb = progress(show_progress);
    let mut opts = r.opts.clone();
    if let Some(pb) = &pb {
        let pb = pb.clone();
        let start = std::time::Instant::now();
        let shown = std::sync::atomic::AtomicBool::new(false);
        opts.progress = palisade_scan::Progress::new(move |e| {
            if start.elapsed() > Duration::from_millis(700)
                && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
            {
                pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(8));
            }
            match e {
                palisade_scan::ScanEvent::Discovered { files } => pb.set_length(files as u64),
                palisade_scan::ScanEvent::Parsed { files } => pb.inc(files as u64),
                palisade_scan::ScanEvent::Phase(p) => pb.set_message(p),
            }
        });
    }
    let out = palisade_scan::scan(&opts, &r.rules);
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    Ok(out?)
}

/// [`reported`], moving the findings out of the scan instead of copying them.
/// Findings that are reported (and gate the exit code), moved out of the
/// scan rather than copied.
pub fn take_reported(out: &mut ScanOutput, min: Severity, include_passed: bool) -> Vec<Finding> {
    std::mem::take(&mut out.findings)
        .into_iter()
        .filter(|f| f.severity >= min && (include_passed || f.status != Status::Pass))
        .collect()
}

pub fn run(a: ScanArgs) -> Result<u8> {
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let mut r = resolve(&a)?;
    if a.parse_only {
        let (_, files, bytes, model, t) = palisade_scan::parse(&r.opts)?;
        println!(
            "{}",
            serde_json::json!({"files": files.len(), "bytes": bytes, "resources": model.resources.len(), "diagnostics": model.diagnostics.len(),
                "discover_ms": t.discover.as_millis() as u64, "parse_ms": t.parse.as_millis() as u64, "model_ms": t.model.as_millis() as u64})
        );
        return Ok(0);
    }
    r.blueprint = crate::blueprint_cmd::load_for_scan(
        a.blueprint.as_deref(),
        a.config.as_deref(),
        &r.opts.paths,
    )?;
    let mut out = run_scan(&r, !a.no_progress)?;
    let bp_summary = r
        .blueprint
        .as_ref()
        .map(|b| crate::blueprint_cmd::apply(b, &mut out));
    let mut rules: Vec<palisade_engine::RuleInfo> = r.rules.iter().map(|r| r.info()).collect();
    if r.opts.secrets != palisade_scan::SecretsMode::Off {
        rules.extend(palisade_scan::secret_rule_infos());
    }
    if r.blueprint.is_some() {
        rules.extend(palisade_blueprint::rule_infos());
    }
    let mut policy_failed = false;
    if let Some(p) = crate::policy_cmd::run_policies(&r.policy, &r.policy_sources, &out)? {
        out.findings.extend(p.findings);
        out.findings.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.status.cmp(&b.status))
        });
        rules.extend(p.rules);
        for e in &p.errors {
            eprintln!("palisade: policy error: {e}");
            out.model
                .diagnostics
                .push(palisade_model::Diagnostic::error(
                    "policy-error",
                    e.message.clone(),
                    palisade_model::Span::line(e.path.as_str().into(), e.line),
                ));
        }
        policy_failed = !p.errors.is_empty();
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    let ids: Vec<&str> = rules.iter().map(|x| x.id.as_str()).collect();
    let post = crate::suppress::process(&a.suppress, a.config.as_deref(), &mut r, &mut out, &ids)?;
    // Moved out of the scan, not copied: on a large estate the findings are
    // the biggest allocation of the run.
    let mut findings = take_reported(
        &mut out,
        r.min_severity,
        a.include_passed && r.format == Format::Json,
    );
    let mut post = post;
    if !r.opts.include.is_empty() && out.files.is_empty() {
        out.model
            .diagnostics
            .push(palisade_model::Diagnostic::warning(
                "include-matched-nothing",
                format!("no file matched --include {}", r.opts.include.join(", ")),
                palisade_model::Span::line(".".into(), 1),
            ));
    }
    // Code-scanning platforms place results relative to the repository.
    if matches!(
        r.format,
        Format::Sarif | Format::Github | Format::GitlabSast
    ) && let Some(prefix) = crate::paths::repo_prefix(&out.root)
    {
        for f in &mut findings {
            crate::paths::rebase_finding(f, &prefix);
        }
        for s in &mut post.suppressed {
            crate::paths::rebase_finding(&mut s.finding, &prefix);
        }
        for d in &mut out.model.diagnostics {
            crate::paths::rebase_diagnostic(d, &prefix);
        }
    }
    let report = palisade_output::Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: &findings,
        rules: &rules,
        diagnostics: out.diagnostics(),
        files_scanned: out.files.len(),
        resources_scanned: out.model.resources.len(),
        extra_summary: crate::blueprint_cmd::extra_summary(None, bp_summary.as_ref()),
        suppressed: &post.suppressed,
        baseline: post.baseline.as_ref(),
    };
    // Reports can be large (100+ MB of JSON for 10,000 files): streamed
    // through a buffered writer rather than built in memory first.
    let mut buf: Box<dyn Write> = match &r.output {
        Some(p) => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
    };
    match r.format {
        Format::Text => {
            let color = r.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let root = out.root.clone();
            let source = crate::redact::source(root, &findings);
            palisade_output::write_text(
                &report,
                &palisade_output::TextOptions {
                    color,
                    context_lines: 1,
                },
                &source,
                &mut buf,
            )?;
        }
        Format::Json => palisade_output::write_json(&report, &mut buf)?,
        Format::Sarif => palisade_output::write_sarif(&report, &mut buf)?,
        Format::Junit => palisade_output::write_junit(&report, &mut buf)?,
        Format::Markdown => palisade_output::write_markdown_with(
            &report,
            crate::fix_cmd::link_base().as_deref(),
            &mut buf,
        )?,
        Format::Github => palisade_output::write_github(&report, &mut buf)?,
        Format::GitlabSast => palisade_output::write_gitlab_sast(&report, &mut buf)?,
    }
    let mut tail: Vec<u8> = Vec::new();
    crate::blueprint_cmd::append_summary(&r.format, bp_summary.as_ref(), &mut tail);
    buf.write_all(&tail)?;
    buf.flush()?;
    drop(buf);
    let code = exit_code(
        &findings,
        out.diagnostics(),
        r.fail_on_unknown,
        r.fail_on_error,
    );
    // The process ends here: freeing the model and the findings one by one
    // would take a sizeable share of the run on a large estate.
    std::mem::forget(findings);
    std::mem::forget(out);
    if policy_failed && !(code == 1 && r.policy.keep_going) {
        return Ok(2);
    }
    Ok(code)
}

pub fn exit_code(
    findings: &[Finding],
    diags: &[palisade_model::Diagnostic],
    fail_on_unknown: bool,
    fail_on_error: bool,
) -> u8 {
    let failing = findings
        .iter()
        .any(|f| f.status == Status::Fail || (fail_on_unknown && f.status == Status::Unknown));
    let errored = fail_on_error && diags.iter().any(|d| d.level == Level::Error);
    u8::from(failing || errored)
}
