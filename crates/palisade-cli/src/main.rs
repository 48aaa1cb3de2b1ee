//! `palisade`: the binary. Exit codes: 0 no failing finding, 1 failing
//! findings, 2 usage or tool error.

mod baseline_cmd;
mod blueprint_cmd;
mod config;
mod fix_cmd;
mod iam_cmd;
mod paths;
mod policy_cmd;
mod redact;
mod report_cmd;
mod rules_cmd;
mod scan_cmd;
mod suppress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "palisade",
    version,
    about = "Cloud security architecture as code: guardrails for Terraform, CloudFormation and Kubernetes.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan IaC files and report findings.
    Scan(scan_cmd::ScanArgs),
    /// List every rule with its metadata.
    Rules(rules_cmd::RulesArgs),
    /// Print a rule's documentation.
    Rule(rules_cmd::RuleArgs),
    /// Create a baseline of the current findings (see `scan --baseline`).
    Baseline(baseline_cmd::BaselineArgs),
    /// The architecture blueprint: init, explain, validate.
    Blueprint(blueprint_cmd::BlueprintArgs),
    /// Test, evaluate, lint and pin custom Rego policies.
    Policy(policy_cmd::PolicyArgs),
    /// Reports: compliance with a framework, control by control.
    Report(report_cmd::ReportArgs),
    /// Apply explainable, reversible fixes (`--dry-run` shows a diff).
    Fix(fix_cmd::FixArgs),
    /// Identity plane: who can do what to which resource, and why (AWS IAM).
    Iam(iam_cmd::IamArgs),
}

/// A reader that closed the pipe (`palisade rules | head`) is not an
/// error: stop quietly, as `cat` and ripgrep do, instead of panicking in
/// `println!`.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            io.kind() == std::io::ErrorKind::BrokenPipe
                // JSON and SARIF writers wrap serde_json's error (which
                // carries the broken pipe) in `io::Error::other`.
                || io
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
                    .and_then(serde_json::Error::io_error_kind)
                    == Some(std::io::ErrorKind::BrokenPipe)
        })
    })
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Scan(a) => scan_cmd::run(a),
        Command::Rules(a) => rules_cmd::list(a),
        Command::Rule(a) => rules_cmd::show(a),
        Command::Baseline(a) => baseline_cmd::run(a),
        Command::Blueprint(a) => blueprint_cmd::run(a),
        Command::Policy(a) => policy_cmd::run(a),
        Command::Report(a) => report_cmd::run(a),
        Command::Fix(a) => fix_cmd::run(a),
        Command::Iam(a) => iam_cmd::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("palisade: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
