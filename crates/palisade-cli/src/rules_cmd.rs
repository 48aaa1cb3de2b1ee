use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

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

pub fn list(a: RulesArgs) -> Result<u8> {
    let rules = palisade_rules::all();
    match a.format {
        ListFormat::Json => {
            let v: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    let info = r.info();
                    serde_json::json!({
                        "id": info.id,
                        "title": info.title,
                        "severity": info.severity,
                        "category": info.category,
                        "frameworks": info.frameworks,
                        "resource_types": r.resource_types,
                        "languages": palisade_rules::docs::languages(r).iter().map(|l| l.title()).collect::<Vec<_>>(),
                        "description": info.description,
                        "help_uri": info.help_uri,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ListFormat::Text => {
            for r in &rules {
                println!(
                    "{:<16} {:<9} {:<13} {}",
                    r.id,
                    r.severity.as_str(),
                    r.category.as_str(),
                    r.title
                );
            }
            println!("\n{} rules", rules.len());
        }
    }
    Ok(0)
}

pub fn show(a: RuleArgs) -> Result<u8> {
    match palisade_rules::get(&a.id) {
        Some(r) => {
            print!("{}", palisade_rules::docs::markdown(r));
            Ok(0)
        }
        None => bail!("no rule with id {:?} (see `palisade rules`)", a.id),
    }
}
