//! `palisade policy test`: runs `test_*` rules like `opa test`, with
//! coverage.

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::load::{LoadOptions, PolicyError, load};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestCase {
    pub package: String,
    pub name: String,
    pub path: String,
    pub line: u32,
    /// `pass`, `fail` or `error`.
    pub outcome: String,
    pub message: Option<String>,
    pub duration_us: u64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct FileCoverage {
    pub path: String,
    pub covered: usize,
    pub not_covered: usize,
    pub not_covered_lines: Vec<u32>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TestReport {
    pub tests: Vec<TestCase>,
    pub errors: Vec<PolicyError>,
    pub coverage: Vec<FileCoverage>,
}

impl TestReport {
    pub fn passed(&self) -> usize {
        self.tests.iter().filter(|t| t.outcome == "pass").count()
    }
    pub fn failed(&self) -> usize {
        self.tests.iter().filter(|t| t.outcome != "pass").count()
    }
    /// Percentage of policy lines evaluated by the tests.
    pub fn coverage_percent(&self) -> f64 {
        let (c, n) = self
            .coverage
            .iter()
            .fold((0, 0), |(c, n), f| (c + f.covered, n + f.not_covered));
        if c + n == 0 {
            0.0
        } else {
            100.0 * c as f64 / (c + n) as f64
        }
    }
    pub fn ok(&self) -> bool {
        self.errors.is_empty() && self.failed() == 0
    }
}

/// Runs every `test_*` rule under `paths`, optionally filtered by a
/// substring of `package.rule`.
pub fn run_tests(paths: &[PathBuf], data: &[PathBuf], filter: Option<&str>) -> TestReport {
    let opts = LoadOptions {
        include_tests: true,
        all_namespaces: true,
        data: data.to_vec(),
        ..Default::default()
    };
    let (set, errors) = load(paths, &opts);
    let mut engine = set.engine.clone();
    engine.set_enable_coverage(true);
    let mut report = TestReport {
        errors,
        ..Default::default()
    };
    for (pkg, p) in &set.packages {
        for (name, decl) in &p.rules {
            if !name.starts_with("test_") {
                continue;
            }
            let full = format!("data.{pkg}.{name}");
            if filter.is_some_and(|f| !full.contains(f)) {
                continue;
            }
            let t = Instant::now();
            let (outcome, message) = match engine.eval_rule(full.clone()) {
                Ok(regorus::Value::Bool(true)) => ("pass", None),
                Ok(regorus::Value::Undefined) => (
                    "fail",
                    Some("undefined (a condition did not hold)".to_string()),
                ),
                Ok(v) => (
                    "fail",
                    Some(format!(
                        "evaluated to {}",
                        v.to_json_str().unwrap_or_default()
                    )),
                ),
                Err(e) => (
                    "error",
                    Some(
                        e.to_string()
                            .lines()
                            .map(str::trim)
                            .find(|l| !l.is_empty())
                            .unwrap_or("error")
                            .to_string(),
                    ),
                ),
            };
            report.tests.push(TestCase {
                package: pkg.clone(),
                name: name.clone(),
                path: decl.path.clone(),
                line: decl.line,
                outcome: outcome.into(),
                message,
                duration_us: t.elapsed().as_micros() as u64,
            });
        }
    }
    if let Ok(cov) = engine.get_coverage_report() {
        for f in cov.files {
            if f.path.ends_with("_test.rego") {
                continue;
            }
            report.coverage.push(FileCoverage {
                path: f.path.clone(),
                covered: f.covered.len(),
                not_covered: f.not_covered.len(),
                not_covered_lines: f.not_covered.iter().copied().collect(),
            });
        }
        report.coverage.sort_by(|a, b| a.path.cmp(&b.path));
    }
    report
}
