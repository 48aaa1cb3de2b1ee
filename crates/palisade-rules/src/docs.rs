//! User docs generated from the rule declarations: `palisade rule ID` and
//! `docs/rules/<id>.md` come from here, and a test keeps the checked-in
//! files current.

use std::fmt::Write;

use palisade_engine::{Lang, Rule};

/// The Markdown page of one rule.
pub fn markdown(rule: &Rule) -> String {
    let mut s = String::new();
    let d = &rule.docs;
    let _ = writeln!(s, "# {}: {}\n", rule.id, rule.title);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| Severity | {} |", rule.severity);
    let _ = writeln!(s, "| Category | {} |", rule.category);
    let _ = writeln!(
        s,
        "| Resource types | {} |",
        rule.resource_types
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let langs = languages(rule);
    let _ = writeln!(
        s,
        "| Languages | {} |",
        langs
            .iter()
            .map(|l| l.title())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "## What it does\n\n{}\n", d.what);
    let _ = writeln!(s, "## Why it matters\n\n{}\n", d.why);
    for lang in &langs {
        let fails: Vec<_> = d.failing.iter().filter(|e| e.lang == *lang).collect();
        let passes: Vec<_> = d.passing.iter().filter(|e| e.lang == *lang).collect();
        let _ = writeln!(s, "## Example ({})\n", lang.title());
        for e in fails {
            let _ = writeln!(
                s,
                "Failing:\n\n```{}\n{}\n```\n",
                lang.fence(),
                e.code.trim_end()
            );
        }
        for e in passes {
            let _ = writeln!(
                s,
                "Passing:\n\n```{}\n{}\n```\n",
                lang.fence(),
                e.code.trim_end()
            );
        }
    }
    let _ = writeln!(s, "## How to fix\n\n{}\n", d.fix);
    if !rule.frameworks.is_empty() {
        let _ = writeln!(s, "## Compliance\n\n| Framework | Controls |\n|---|---|");
        for (f, c) in rule.frameworks {
            let _ = writeln!(s, "| {f} | {} |", c.join(", "));
        }
        let _ = writeln!(s);
    }
    if !d.refs.is_empty() {
        let _ = writeln!(s, "## References\n");
        for r in d.refs {
            let _ = writeln!(s, "- <{r}>");
        }
        let _ = writeln!(s);
    }
    s.trim_end().to_string() + "\n"
}

/// The languages a rule has examples in, in a fixed order.
pub fn languages(rule: &Rule) -> Vec<Lang> {
    let all = [
        Lang::Terraform,
        Lang::TerraformPlan,
        Lang::CloudFormation,
        Lang::Kubernetes,
        Lang::Dockerfile,
    ];
    all.into_iter()
        .filter(|l| {
            rule.docs
                .failing
                .iter()
                .chain(rule.docs.passing)
                .any(|e| e.lang == *l)
        })
        .collect()
}

/// The rule index page, `docs/rules/README.md`.
pub fn index(rules: &[&Rule]) -> String {
    let mut s = String::from(
        "# Rule index\n\nGenerated from the rule declarations by `cargo test -p palisade-rules` (set `PALISADE_BLESS=1` to rewrite); do not edit by hand.\n\n",
    );
    let _ = writeln!(s, "{} rules.\n", rules.len());
    let _ = writeln!(s, "| Id | Title | Severity | Category |\n|---|---|---|---|");
    for r in rules {
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} |",
            r.id,
            r.id,
            r.title.replace('|', "\\|"),
            r.severity,
            r.category
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// The checked-in docs must equal the generated ones.
    #[test]
    fn generated_docs_are_current() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
        let bless = std::env::var_os("PALISADE_BLESS").is_some();
        let rules = crate::all();
        let mut expected: Vec<(String, String)> = rules
            .iter()
            .map(|r| (format!("{}.md", r.id), markdown(r)))
            .collect();
        expected.push(("README.md".into(), index(&rules)));
        let mut stale = Vec::new();
        if bless {
            let _ = std::fs::create_dir_all(&dir);
            if let Ok(rd) = std::fs::read_dir(&dir) {
                for e in rd.flatten() {
                    let n = e.file_name().to_string_lossy().to_string();
                    if n.ends_with(".md") && !expected.iter().any(|(x, _)| *x == n) {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
        for (name, text) in &expected {
            let p = dir.join(name);
            if bless {
                std::fs::write(&p, text).expect("write docs");
            } else if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        if !bless {
            let extra: Vec<_> = std::fs::read_dir(&dir)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.file_name().to_string_lossy().to_string())
                        .filter(|n| n.ends_with(".md") && !expected.iter().any(|(x, _)| x == n))
                        .collect()
                })
                .unwrap_or_default();
            stale.extend(extra);
        }
        assert!(
            stale.is_empty(),
            "docs/rules is stale ({} files: {:?}…); run `PALISADE_BLESS=1 cargo test -p palisade-rules generated_docs`",
            stale.len(),
            &stale[..stale.len().min(5)]
        );
    }
}
