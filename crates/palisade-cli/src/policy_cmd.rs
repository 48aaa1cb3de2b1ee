//! `palisade policy …` and the custom-policy part of `palisade scan`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use palisade_engine::{Finding, RuleInfo};
use palisade_policy::{DocumentFile, LoadOptions, PolicyError, PolicySet, document_inputs};
use palisade_scan::{FileKind, ScanOutput};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum InputMode {
    /// One input per resource of the typed model (docs/policy-input.md).
    #[default]
    Model,
    /// Each parsed file as Conftest gives it.
    Document,
}

/// Custom-policy flags of `palisade scan`.
#[derive(Args, Debug, Default, Clone)]
pub struct PolicyFlags {
    /// A directory (or file) of Rego policies to run with the built-in rules (repeatable).
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Run only the custom policies, not the built-in rules.
    #[arg(long)]
    pub policy_only: bool,
    /// What the policies see as `input`.
    #[arg(long, value_enum, value_name = "MODE")]
    pub policy_input: Option<InputMode>,
    /// Packages whose rules produce results (repeatable; default `main`).
    #[arg(long, value_name = "NS")]
    pub namespace: Vec<String>,
    /// Every package produces results.
    #[arg(long)]
    pub all_namespaces: bool,
    /// Data files or directories loaded under `data` (repeatable).
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Document mode: give all files to the policies together.
    #[arg(long)]
    pub combine: bool,
    /// With findings already failing the run, exit 1 even if a policy failed to load.
    #[arg(long)]
    pub keep_going: bool,
}

/// A policy directory from palisade.toml, optionally pinned by hash.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySource {
    pub path: PathBuf,
    /// `sha256:<hex>` from `palisade policy hash DIR`; a mismatch is an error.
    pub sha256: Option<String>,
}

/// What custom policies added to a scan.
pub struct PolicyRun {
    pub findings: Vec<Finding>,
    pub rules: Vec<RuleInfo>,
    pub errors: Vec<PolicyError>,
}

fn check_pins(sources: &[PolicySource]) -> Result<()> {
    for s in sources {
        if let Some(want) = &s.sha256 {
            let got = palisade_policy::content_hash(&s.path)
                .with_context(|| format!("cannot hash policy directory {}", s.path.display()))?;
            if &got != want {
                bail!(
                    "policy directory {} does not match its pinned hash in palisade.toml\n  pinned: {want}\n  actual: {got}\n(run `palisade policy hash {}` after reviewing the change)",
                    s.path.display(),
                    s.path.display()
                );
            }
        }
    }
    Ok(())
}

pub fn run_policies(
    flags: &PolicyFlags,
    sources: &[PolicySource],
    out: &ScanOutput,
) -> Result<Option<PolicyRun>> {
    check_pins(sources)?;
    let mut dirs: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
    dirs.extend(flags.policy.iter().cloned());
    if dirs.is_empty() {
        if flags.policy_only {
            bail!("--policy-only needs --policy DIR (or `policies` in palisade.toml)");
        }
        return Ok(None);
    }
    let opts = LoadOptions {
        namespaces: if flags.namespace.is_empty() {
            vec!["main".into()]
        } else {
            flags.namespace.clone()
        },
        all_namespaces: flags.all_namespaces,
        data: flags.data.clone(),
        ..Default::default()
    };
    let (set, mut errors) = palisade_policy::load(&dirs, &opts);
    let (findings, more) = evaluate(&set, flags, out)?;
    errors.extend(more);
    Ok(Some(PolicyRun {
        findings,
        rules: set.rule_infos(),
        errors,
    }))
}

fn evaluate(
    set: &PolicySet,
    flags: &PolicyFlags,
    out: &ScanOutput,
) -> Result<(Vec<Finding>, Vec<PolicyError>)> {
    let mode = flags.policy_input.unwrap_or_default();
    let inputs = match mode {
        InputMode::Model => {
            palisade_policy::model_inputs_of(&out.model, set.input_types().as_ref())
        }
        InputMode::Document => {
            let texts: Vec<(String, String, &'static str)> = out
                .files
                .iter()
                .filter(|f| f.kind != FileKind::Other)
                .filter_map(|f| {
                    let text = std::fs::read_to_string(out.root.join(&f.path)).ok()?;
                    let kind = match f.kind {
                        FileKind::Terraform => "terraform",
                        FileKind::Dockerfile => "dockerfile",
                        _ => "yaml",
                    };
                    Some((f.path.clone(), text, kind))
                })
                .collect();
            let docs: Vec<DocumentFile<'_>> = texts
                .iter()
                .map(|(p, t, k)| DocumentFile {
                    path: p,
                    text: t,
                    kind: k,
                })
                .collect();
            document_inputs(&docs, flags.combine)
        }
    };
    let res = set.eval(&inputs);
    Ok((set.findings(&res, &inputs, Some(&out.model)), res.errors))
}

#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Run `test_*` rules like `opa test`.
    Test(TestArgs),
    /// Evaluate a query against an input, for debugging.
    Eval(EvalArgs),
    /// Check policies compile; report rules without metadata.
    Lint(LintArgs),
    /// Format policies (not available: see the message).
    Fmt(FmtArgs),
    /// Print the content hash of a policy directory, for pinning in palisade.toml.
    Hash(HashArgs),
}

#[derive(Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Args)]
pub struct TestArgs {
    /// Policy directories or files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Data files or directories loaded under `data`.
    #[arg(long)]
    pub data: Vec<PathBuf>,
    /// Only tests whose `package.rule` contains this text.
    #[arg(long, short = 'r')]
    pub run: Option<String>,
    /// Show every test and the lines not covered.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    /// The input document (JSON or YAML).
    #[arg(long, short = 'i')]
    pub input: PathBuf,
    /// The Rego query, e.g. `data.main.deny`.
    #[arg(long, short = 'q')]
    pub query: String,
    /// Data files or directories loaded under `data`.
    #[arg(long)]
    pub data: Vec<PathBuf>,
    /// Policy directories or files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Args)]
pub struct LintArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Args)]
pub struct FmtArgs {
    /// Only check.
    #[arg(long)]
    pub check: bool,
    pub paths: Vec<PathBuf>,
}

#[derive(Args)]
pub struct HashArgs {
    pub path: PathBuf,
}

pub fn run(a: PolicyArgs) -> Result<u8> {
    match a.command {
        PolicyCommand::Test(t) => test(t),
        PolicyCommand::Eval(e) => eval(e),
        PolicyCommand::Lint(l) => lint(l),
        PolicyCommand::Fmt(_) => {
            eprintln!(
                "palisade: `policy fmt` is not available: palisade evaluates Rego with regorus, which has no formatter. Use `opa fmt` for formatting; `palisade policy lint` checks that policies compile."
            );
            Ok(2)
        }
        PolicyCommand::Hash(h) => {
            println!(
                "{}",
                palisade_policy::content_hash(&h.path)
                    .with_context(|| format!("cannot hash {}", h.path.display()))?
            );
            Ok(0)
        }
    }
}

fn test(t: TestArgs) -> Result<u8> {
    for p in &t.paths {
        if !p.exists() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let report = palisade_policy::run_tests(&t.paths, &t.data, t.run.as_deref());
    if t.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for e in &report.errors {
            eprintln!("error: {e}");
        }
        for c in &report.tests {
            if t.verbose || c.outcome != "pass" {
                let status = match c.outcome.as_str() {
                    "pass" => "PASS",
                    "fail" => "FAIL",
                    _ => "ERROR",
                };
                print!(
                    "{status}: data.{}.{} ({}:{})",
                    c.package, c.name, c.path, c.line
                );
                match &c.message {
                    Some(m) => println!(": {m}"),
                    None => println!(),
                }
            }
        }
        if t.verbose {
            for f in &report.coverage {
                let lines: Vec<String> = f.not_covered_lines.iter().map(u32::to_string).collect();
                println!(
                    "coverage {}: {}/{} lines{}",
                    f.path,
                    f.covered,
                    f.covered + f.not_covered,
                    if lines.is_empty() {
                        String::new()
                    } else {
                        format!(", not covered: {}", lines.join(","))
                    }
                );
            }
        }
        println!("coverage: {:.1}%", report.coverage_percent());
        println!("{} passed, {} failed", report.passed(), report.failed());
    }
    if report.tests.is_empty() && report.errors.is_empty() {
        eprintln!("palisade: no test_* rules found");
        return Ok(2);
    }
    Ok(if !report.errors.is_empty() {
        2
    } else {
        u8::from(report.failed() > 0)
    })
}

fn read_input(p: &Path) -> Result<serde_json::Value> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    let path: std::sync::Arc<str> = p.display().to_string().into();
    let (docs, diags) = palisade_yaml::load(&path, &text);
    if let Some(d) = diags
        .iter()
        .find(|d| d.level == palisade_model::Level::Error)
    {
        bail!("{d}");
    }
    Ok(docs
        .first()
        .map(|d| d.to_json())
        .unwrap_or(serde_json::Value::Null))
}

fn eval(e: EvalArgs) -> Result<u8> {
    let input = read_input(&e.input)?;
    let opts = LoadOptions {
        all_namespaces: true,
        data: e.data.clone(),
        include_tests: true,
        ..Default::default()
    };
    let (set, errors) = palisade_policy::load(&e.paths, &opts);
    for err in &errors {
        eprintln!("error: {err}");
    }
    match palisade_policy::eval_query(&set, &input, &e.query) {
        Ok(v) => {
            println!("{}", serde_json::to_string_pretty(&v)?);
            Ok(if errors.is_empty() { 0 } else { 2 })
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(2)
        }
    }
}

fn lint(l: LintArgs) -> Result<u8> {
    let opts = LoadOptions {
        all_namespaces: true,
        include_tests: true,
        ..Default::default()
    };
    let (set, errors) = palisade_policy::load(&l.paths, &opts);
    for e in &errors {
        println!("error: {e}");
    }
    let mut warnings = 0;
    for (pkg, p) in &set.packages {
        for (name, r) in &p.rules {
            if name.starts_with("test_") || name == "exception" {
                continue;
            }
            let m = r.meta.clone().or(&p.meta);
            if m.id.is_none() || m.severity.is_none() {
                warnings += 1;
                println!(
                    "warning: {}:{}: data.{pkg}.{name} has no METADATA id/severity; defaults apply ({pkg}.{name}, medium)",
                    r.path, r.line
                );
            }
        }
    }
    println!(
        "{} files, {} errors, {} warnings",
        set.files.len(),
        errors.len(),
        warnings
    );
    Ok(if errors.is_empty() { 0 } else { 2 })
}
