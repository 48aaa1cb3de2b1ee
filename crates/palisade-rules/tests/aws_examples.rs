//! Runs every AWS rule's documented examples through the real Terraform and
//! CloudFormation parsers: a failing example yields exactly one failing
//! result of the rule and no unknown; a passing one neither.

use std::path::PathBuf;
use std::sync::Arc;

use palisade_engine::{Lang, Rule, Settings, Status, run_rules};
use palisade_model::{Model, Parsed};
use palisade_views::Views;

fn parse(lang: Lang, code: &str, dir: &PathBuf) -> Parsed {
    match lang {
        Lang::Terraform => {
            std::fs::create_dir_all(dir).expect("temp dir");
            std::fs::write(dir.join("main.tf"), code).expect("write");
            palisade_terraform::load(dir, std::slice::from_ref(dir), &Default::default())
        }
        Lang::CloudFormation => palisade_cloudformation::parse(Arc::from("template.yaml"), code),
        _ => Parsed::default(),
    }
}

fn run(rule: &'static Rule, lang: Lang, code: &str, n: usize) -> (usize, usize, Vec<String>) {
    let dir = std::env::temp_dir().join(format!(
        "palisade-aws-examples-{}-{}-{n}",
        std::process::id(),
        rule.id
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let parsed = parse(lang, code, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let views = Views::build(&model);
    let findings = run_rules(&[rule], &model, &views, &Settings::default());
    let fails = findings.iter().filter(|f| f.status == Status::Fail).count();
    let unknowns: Vec<String> = findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
        .map(|f| {
            format!(
                "{} ({})",
                f.message,
                f.unknown_reason.clone().unwrap_or_default()
            )
        })
        .collect();
    let msgs = findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| format!("{} @{}", f.message, f.location))
        .collect::<Vec<_>>();
    (fails, unknowns.len(), [msgs, unknowns].concat())
}

#[test]
fn aws_rule_examples_behave_as_documented() {
    let mut errors = Vec::new();
    let mut n = 0;
    for rule in palisade_rules::aws::RULES {
        for ex in rule.docs.failing {
            n += 1;
            let (fails, unknowns, detail) = run(rule, ex.lang, ex.code, n);
            if fails != 1 || unknowns != 0 {
                errors.push(format!(
                    "{} failing {:?}: {fails} fail, {unknowns} unknown {detail:?}",
                    rule.id, ex.lang
                ));
            }
        }
        for ex in rule.docs.passing {
            n += 1;
            let (fails, unknowns, detail) = run(rule, ex.lang, ex.code, n);
            if fails != 0 || unknowns != 0 {
                errors.push(format!(
                    "{} passing {:?}: {fails} fail, {unknowns} unknown {detail:?}",
                    rule.id, ex.lang
                ));
            }
        }
    }
    assert!(
        n >= 2 * palisade_rules::aws::RULES.len(),
        "every rule has examples"
    );
    assert!(
        errors.is_empty(),
        "{} bad examples:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
