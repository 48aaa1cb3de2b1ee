//! Every rule's documented examples run as tests: a failing example yields
//! exactly one failing result of that rule, a passing example none (and no
//! unknown either), and neither has parse errors.

use palisade_engine::{Rule, Status};
use palisade_model::Level;
use palisade_scan::{ScanOptions, scan};

fn run(
    rule: &'static Rule,
    lang: palisade_engine::Lang,
    code: &str,
) -> Result<(usize, usize, Vec<String>), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join(lang.file_name());
    std::fs::write(&file, code).map_err(|e| e.to_string())?;
    // The registry allow-list rule is inactive without a list; its docs use this one.
    let settings = palisade_engine::Settings {
        allowed_registries: vec!["registry.example.com".into()],
        ..Default::default()
    };
    let opts = ScanOptions {
        paths: vec![dir.path().to_path_buf()],
        settings,
        ..Default::default()
    };
    let out = scan(&opts, &[rule]).map_err(|e| e.to_string())?;
    let errors: Vec<String> = out
        .diagnostics()
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| d.to_string())
        .collect();
    if out.files.is_empty() {
        return Err(format!("example was not recognised as {}", lang.title()));
    }
    let mine = |s: Status| {
        out.findings
            .iter()
            .filter(|f| f.rule_id == rule.id && f.status == s)
            .count()
    };
    Ok((mine(Status::Fail), mine(Status::Unknown), errors))
}

#[test]
fn documented_examples_behave_as_documented() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule in palisade_rules::all() {
        for ex in rule.docs.failing {
            checked += 1;
            match run(rule, ex.lang, ex.code) {
                Ok((1, 0, e)) if e.is_empty() => {}
                Ok((fails, unknowns, errors)) => problems.push(format!(
                    "{} failing {} example: {fails} failures, {unknowns} unknowns, parse errors {errors:?}",
                    rule.id,
                    ex.lang.title()
                )),
                Err(e) => problems.push(format!("{} failing {} example: {e}", rule.id, ex.lang.title())),
            }
        }
        for ex in rule.docs.passing {
            checked += 1;
            match run(rule, ex.lang, ex.code) {
                Ok((0, 0, e)) if e.is_empty() => {}
                Ok((fails, unknowns, errors)) => problems.push(format!(
                    "{} passing {} example: {fails} failures, {unknowns} unknowns, parse errors {errors:?}",
                    rule.id,
                    ex.lang.title()
                )),
                Err(e) => problems.push(format!("{} passing {} example: {e}", rule.id, ex.lang.title())),
            }
        }
    }
    assert!(checked > 0);
    assert!(
        problems.is_empty(),
        "{} of {checked} examples misbehave:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
