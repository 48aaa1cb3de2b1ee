//! `palisade report compliance`: per control of a framework, pass / fail /
//! unknown / not covered, with the resources and findings behind each.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Compliance with one framework, control by control.
    Compliance(ComplianceArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
    Html,
}

#[derive(Args)]
pub struct ComplianceArgs {
    /// The framework: soc2, hipaa, gdpr, cis-aws, nist-800-53, pci-dss, cis-k8s or pss.
    #[arg(long, value_name = "ID")]
    pub framework: String,
    /// Files or directories to scan (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Write the report to FILE.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A Terraform variables file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub var_file: Vec<PathBuf>,
    /// A Terraform variable, NAME=VALUE (repeatable).
    #[arg(long, value_name = "NAME=VALUE")]
    pub var: Vec<String>,
    /// Use this configuration file instead of the palisade.toml found upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Reuses `scan`'s argument handling, so the report sees exactly what a scan sees.
#[derive(Parser)]
struct ScanWrapper {
    #[command(flatten)]
    scan: crate::scan_cmd::ScanArgs,
}

pub fn run(a: ReportArgs) -> Result<u8> {
    match a.command {
        ReportCommand::Compliance(c) => compliance(c),
    }
}

fn compliance(c: ComplianceArgs) -> Result<u8> {
    let Some(fw) = palisade_compliance::framework(&c.framework) else {
        bail!(
            "unknown framework {:?}; known: {}",
            c.framework,
            palisade_compliance::framework_ids().join(", ")
        );
    };
    let mut argv: Vec<std::ffi::OsString> = vec!["scan".into(), "--no-progress".into()];
    for p in &c.paths {
        argv.push(p.into());
    }
    for f in &c.var_file {
        argv.push("--var-file".into());
        argv.push(f.into());
    }
    for v in &c.var {
        argv.push("--var".into());
        argv.push(v.into());
    }
    if let Some(cfg) = &c.config {
        argv.push("--config".into());
        argv.push(cfg.into());
    }
    let w = ScanWrapper::try_parse_from(argv).context("internal: cannot build scan arguments")?;
    let mut r = crate::scan_cmd::resolve(&w.scan)?;
    // Passing results are the evidence of passing controls.
    r.opts.settings.drop_passes = false;
    let out = crate::scan_cmd::run_scan(&r, false)?;
    let mut rules: Vec<palisade_engine::RuleInfo> = r.rules.iter().map(|r| r.info()).collect();
    if r.opts.secrets != palisade_scan::SecretsMode::Off {
        rules.extend(palisade_scan::secret_rule_infos());
    }
    let report = palisade_compliance::build(fw, &rules, &out.findings);
    let format = match c.format {
        ReportFormat::Text => palisade_compliance::ReportFormat::Text,
        ReportFormat::Json => palisade_compliance::ReportFormat::Json,
        ReportFormat::Markdown => palisade_compliance::ReportFormat::Markdown,
        ReportFormat::Html => palisade_compliance::ReportFormat::Html,
    };
    let mut buf = Vec::new();
    palisade_compliance::render(&report, format, &mut buf)?;
    match &c.output {
        Some(p) => {
            std::fs::write(p, &buf).with_context(|| format!("cannot write {}", p.display()))?
        }
        None => std::io::stdout().write_all(&buf)?,
    }
    Ok(0)
}
