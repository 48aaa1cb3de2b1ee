//! `palisade`: the binary. Exit codes: 0 no failing finding, 1 failing
//! findings, 2 usage or tool error.

mod baseline_cmd;
mod blueprint_cmd;
mod config;
mod fix_cmd;
mod iam_cmd;
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

fn main() -> ExitCode {
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
        Err(e) => {
            eprintln!("palisade: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
