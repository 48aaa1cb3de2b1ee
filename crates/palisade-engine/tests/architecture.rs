//! The dependency rules of ARCHITECTURE.md, checked on every crate's
//! `Cargo.toml` (and, for SARIF, on the crates' sources).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The language parsers: they build `Parsed` from text and know nothing of
/// rules, findings or outputs.
const PARSERS: &[&str] = &[
    "palisade-terraform",
    "palisade-tfplan",
    "palisade-yaml",
    "palisade-cloudformation",
    "palisade-kubernetes",
    "palisade-dockerfile",
];

/// Crates only the binary may use.
const CLI_ONLY: &[&str] = &["clap", "anyhow", "indicatif"];

struct Krate {
    /// `[dependencies]` (and target-specific ones).
    normal: Vec<String>,
    /// Every dependency table, dev and build included.
    all: Vec<String>,
}

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn keys(table: Option<&toml::Value>) -> Vec<String> {
    table
        .and_then(toml::Value::as_table)
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default()
}

fn workspace() -> BTreeMap<String, Krate> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(crates_dir()).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let doc: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let name = doc["package"]["name"].as_str().unwrap().to_string();
        let mut normal = keys(doc.get("dependencies"));
        let mut all = normal.clone();
        all.extend(keys(doc.get("dev-dependencies")));
        all.extend(keys(doc.get("build-dependencies")));
        if let Some(targets) = doc.get("target").and_then(toml::Value::as_table) {
            for t in targets.values() {
                let deps = keys(t.get("dependencies"));
                normal.extend(deps.iter().cloned());
                all.extend(deps);
                all.extend(keys(t.get("dev-dependencies")));
                all.extend(keys(t.get("build-dependencies")));
            }
        }
        out.insert(name, Krate { normal, all });
    }
    out
}

fn palisade_deps(k: &Krate) -> Vec<&str> {
    k.normal
        .iter()
        .map(String::as_str)
        .filter(|d| d.starts_with("palisade-"))
        .collect()
}

#[test]
fn the_workspace_is_read() {
    let ws = workspace();
    for name in [
        "palisade-model",
        "palisade-views",
        "palisade-output",
        "palisade-cli",
    ]
    .iter()
    .chain(PARSERS)
    {
        assert!(ws.contains_key(*name), "{name} not found in crates/");
    }
}

#[test]
fn model_depends_only_on_serde_and_indexmap() {
    let ws = workspace();
    let model = &ws["palisade-model"];
    let mut deps = model.normal.clone();
    deps.sort();
    assert_eq!(
        deps,
        ["indexmap", "serde", "serde_json"],
        "ARCHITECTURE.md: palisade-model depends on no parser, output format or HTTP stack"
    );
}

#[test]
fn views_depend_only_on_the_model() {
    let ws = workspace();
    assert_eq!(palisade_deps(&ws["palisade-views"]), ["palisade-model"]);
}

#[test]
fn parsers_know_no_engine_rules_or_outputs() {
    let ws = workspace();
    for parser in PARSERS {
        for dep in palisade_deps(&ws[*parser]) {
            assert!(
                matches!(dep, "palisade-model" | "palisade-yaml"),
                "{parser} depends on {dep}: a parser may only use palisade-model and palisade-yaml"
            );
        }
    }
}

#[test]
fn plansynth_is_test_support_only() {
    for (name, k) in &workspace() {
        assert!(
            !k.normal.iter().any(|d| d == "palisade-plansynth"),
            "{name} depends on palisade-plansynth outside [dev-dependencies]"
        );
    }
}

#[test]
fn only_the_cli_uses_clap_anyhow_indicatif() {
    for (name, k) in &workspace() {
        if name == "palisade-cli" {
            continue;
        }
        for dep in &k.all {
            assert!(
                !CLI_ONLY.contains(&dep.as_str()),
                "{name} depends on {dep}: only palisade-cli may"
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// "Only palisade-output knows SARIF": no other library crate's code (its
/// comments aside) names it. The CLI may, to offer `--format sarif`.
#[test]
fn only_output_knows_sarif() {
    let mut offenders = Vec::new();
    for name in workspace().keys() {
        if name == "palisade-output" || name == "palisade-cli" {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&crates_dir().join(name).join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.to_ascii_lowercase().contains("sarif") {
                    offenders.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SARIF outside palisade-output:\n{}",
        offenders.join("\n")
    );
}
