//! `palisade rules` and `palisade rule ID`: every rule palisade runs, from
//! the one place each is declared — the built-in catalogue, the secret
//! detectors and the blueprint conformance checks.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use palisade_engine::RuleInfo;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

#[derive(Args)]
pub struct RuleArgs {
    /// The rule id, e.g. PAL-S3-001.
    id: String,
}

/// Which family a rule belongs to, and where its docs live.
struct Entry {
    info: RuleInfo,
    kind: &'static str,
    resource_types: Vec<String>,
    languages: Vec<String>,
    builtin: Option<&'static palisade_engine::Rule>,
}

fn entries() -> Vec<Entry> {
    let mut v: Vec<Entry> = palisade_rules::all()
        .into_iter()
        .map(|r| Entry {
            info: r.info(),
            kind: "check",
            resource_types: r.resource_types.iter().map(|s| s.to_string()).collect(),
            languages: palisade_rules::docs::supported_languages(r)
                .iter()
                .map(|l| l.title().to_string())
                .collect(),
            builtin: Some(r),
        })
        .collect();
    v.extend(
        palisade_scan::secret_rule_infos()
            .into_iter()
            .map(|info| Entry {
                info,
                kind: "secret",
                resource_types: vec!["file".into()],
                languages: vec!["any text file".into()],
                builtin: None,
            }),
    );
    v.extend(
        palisade_blueprint::rule_infos()
            .into_iter()
            .map(|info| Entry {
                info,
                kind: "blueprint",
                resource_types: Vec::new(),
                languages: vec![
                    "Terraform".into(),
                    "Terraform plan JSON".into(),
                    "CloudFormation".into(),
                    "Kubernetes".into(),
                ],
                builtin: None,
            }),
    );
    v.sort_by(|a, b| a.info.id.cmp(&b.info.id));
    v
}

pub fn list(a: RulesArgs) -> Result<u8> {
    let rules = entries();
    match a.format {
        ListFormat::Json => {
            let v: Vec<serde_json::Value> = rules
                .iter()
                .map(|e| {
                    let info = &e.info;
                    serde_json::json!({
                        "id": info.id,
                        "title": info.title,
                        "severity": info.severity,
                        "category": info.category,
                        "kind": e.kind,
                        "frameworks": info.frameworks,
                        "resource_types": e.resource_types,
                        "languages": e.languages,
                        "description": info.description,
                        "help_uri": info.help_uri,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ListFormat::Text => {
            for e in &rules {
                println!(
                    "{:<28} {:<9} {:<13} {}",
                    e.info.id,
                    e.info.severity.as_str(),
                    e.info.category.as_str(),
                    e.info.title
                );
            }
            let count = |k: &str| rules.iter().filter(|e| e.kind == k).count();
            println!(
                "\n{} rules: {} checks, {} secret detectors, {} blueprint checks",
                rules.len(),
                count("check"),
                count("secret"),
                count("blueprint")
            );
        }
    }
    Ok(0)
}

pub fn show(a: RuleArgs) -> Result<u8> {
    let Some(e) = entries()
        .into_iter()
        .find(|e| e.info.id.eq_ignore_ascii_case(&a.id))
    else {
        bail!("no rule with id {:?} (see `palisade rules`)", a.id);
    };
    if let Some(r) = e.builtin {
        print!("{}", palisade_rules::docs::markdown(r));
        return Ok(0);
    }
    let i = &e.info;
    println!("# {}: {}\n", i.id, i.title);
    println!(
        "| | |\n|---|---|\n| Severity | {} |\n| Category | {} |\n| Kind | {} |\n",
        i.severity, i.category, e.kind
    );
    println!("## What it does\n\n{}\n", i.description);
    println!("## How to fix\n\n{}\n", i.help);
    if !i.frameworks.is_empty() {
        println!("## Compliance\n\n| Framework | Controls |\n|---|---|");
        for (f, c) in &i.frameworks {
            println!("| {f} | {} |", c.join(", "));
        }
        println!();
    }
    let doc = if e.kind == "secret" {
        "docs/secrets.md"
    } else {
        "docs/blueprint.md"
    };
    println!("More: {doc}");
    Ok(0)
}
