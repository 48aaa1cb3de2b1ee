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
    let plans = crate::applies_to_plans(rule) && !langs.contains(&Lang::TerraformPlan);
    let _ = writeln!(
        s,
        "| Languages | {} |",
        supported_languages(rule)
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
        if *lang == Lang::Terraform && plans {
            let _ = writeln!(
                s,
                "The same check applies to `terraform show -json` plans of this configuration (verified by tests).\n"
            );
        }
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

/// The languages a rule has examples in, in a fixed order. Terraform plan
/// JSON is listed only for rules with plan examples of their own; the
/// generated page adds it for every rule whose Terraform examples are proved
/// to hold for plans ([`crate::applies_to_plans`]).
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

/// The languages a rule applies to: those it has examples in, plus
/// Terraform plan JSON when its Terraform examples are proved to give the
/// same verdict on their plans (every rule with Terraform examples but those
/// in [`crate::PLAN_EXEMPT`]).
pub fn supported_languages(rule: &Rule) -> Vec<Lang> {
    let mut v = languages(rule);
    if crate::applies_to_plans(rule) && !v.contains(&Lang::TerraformPlan) {
        let at = v
            .iter()
            .position(|l| *l == Lang::Terraform)
            .map_or(0, |i| i + 1);
        v.insert(at, Lang::TerraformPlan);
    }
    v
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

    #[test]
    fn terraform_rules_document_plans_unless_exempt() {
        let s3 = crate::get("PAL-S3-001").expect("PAL-S3-001");
        assert_eq!(
            supported_languages(s3)[..2],
            [Lang::Terraform, Lang::TerraformPlan]
        );
        let page = markdown(s3);
        assert!(page.contains("| Languages | Terraform, Terraform plan JSON"));
        assert!(page.contains(
            "## Example (Terraform)\n\nThe same check applies to `terraform show -json` plans of this configuration (verified by tests)."
        ));
        for id in crate::PLAN_EXEMPT {
            let r = crate::get(id).expect("exempt rule exists");
            assert!(
                !supported_languages(r).contains(&Lang::TerraformPlan),
                "{id}"
            );
            assert!(!markdown(r).contains("terraform show -json"), "{id}");
        }
        for r in crate::all() {
            let has_tf = languages(r).contains(&Lang::Terraform);
            assert_eq!(
                supported_languages(r).contains(&Lang::TerraformPlan),
                has_tf && !crate::PLAN_EXEMPT.contains(&r.id),
                "{}",
                r.id
            );
        }
    }

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

    /// The README's "N checks" is the size of the catalogue.
    #[test]
    fn readme_counts_the_checks() {
        let readme = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
        )
        .expect("README.md");
        let claim = format!("{} checks (", crate::all().len());
        assert!(
            readme.contains(&claim),
            "README.md should say \"{claim}…\": update its Guardrails paragraph"
        );
    }
}
