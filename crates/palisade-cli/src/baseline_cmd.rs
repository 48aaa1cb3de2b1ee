//! `palisade baseline create [PATH…] -o FILE`: records the fingerprints of
//! the current findings (failing, unknown and warning; suppressed ones left
//! out) so that `palisade scan --baseline FILE` reports only new ones.

use std::io::Write;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use palisade_suppress::baseline::Baseline;

use crate::scan_cmd::{self, ScanArgs};

#[derive(Args, Debug)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub command: BaselineCommand,
}

#[derive(Subcommand, Debug)]
pub enum BaselineCommand {
    /// Write a baseline of the current findings (to -o FILE, or standard
    /// output). Takes the same options as `scan`; --format is ignored.
    Create(ScanArgs),
}

pub fn run(a: BaselineArgs) -> Result<u8> {
    match a.command {
        BaselineCommand::Create(s) => create(s),
    }
}

fn create(a: ScanArgs) -> Result<u8> {
    if a.suppress.baseline.is_some() || a.suppress.diff_base.is_some() {
        bail!("baseline create takes neither --baseline nor --diff-base");
    }
    let mut r = scan_cmd::resolve(&a)?;
    let blueprint = crate::blueprint_cmd::load_for_scan(
        a.blueprint.as_deref(),
        a.config.as_deref(),
        &r.opts.paths,
    )?;
    let mut out = scan_cmd::run_scan(&r, !a.no_progress)?;
    if let Some(b) = &blueprint {
        crate::blueprint_cmd::apply(b, &mut out);
    }
    let ids: Vec<&str> = r.rules.iter().map(|x| x.id).collect();
    crate::suppress::process(&a.suppress, a.config.as_deref(), &mut r, &mut out, &ids)?;
    let findings = scan_cmd::take_reported(&mut out, r.min_severity, false);
    let b = Baseline::of(&findings, env!("CARGO_PKG_VERSION"));
    let json = b.to_json();
    match &a.output {
        Some(p) => {
            std::fs::write(p, json).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!(
                "palisade: wrote a baseline of {} finding(s) to {}",
                b.findings.len(),
                p.display()
            );
        }
        None => std::io::stdout().write_all(json.as_bytes())?,
    }
    Ok(0)
}
