//! One check covers Terraform HCL and Terraform plan JSON alike: for every
//! rule with Terraform examples, each example is loaded from HCL, turned into
//! the plan JSON terraform 1.x would write for it (`palisade-plansynth`),
//! and the plan alone is scanned. The verdict must be the one of the HCL scan:
//! a failing example yields exactly one failure of the rule, a passing one no
//! failure and no unknown.
//!
//! Rules whose facts cannot exist in a plan (module calls, provider blocks,
//! `terraform` settings, the lock file) are listed in
//! `palisade_rules::PLAN_EXEMPT`; the list is checked to be small and exact.

use std::path::Path;

use palisade_engine::{Lang, Rule, Status};
use palisade_model::{Level, Mode, Resource, SourceKind};
use palisade_scan::{ScanOptions, SecretsMode, scan};

struct Outcome {
    fails: usize,
    unknowns: usize,
    errors: Vec<String>,
    resources: Vec<Resource>,
    /// Reference edges as (from address, to address, attribute path).
    edges: Vec<(String, String, String)>,
}

fn run(rule: &'static Rule, dir: &Path) -> Result<Outcome, String> {
    // The registry allow-list rule is inactive without a list; its docs use this one.
    let settings = palisade_engine::Settings {
        allowed_registries: vec!["registry.example.com".into()],
        ..Default::default()
    };
    let opts = ScanOptions {
        paths: vec![dir.to_path_buf()],
        settings,
        secrets: SecretsMode::Off,
        ..Default::default()
    };
    let out = scan(&opts, &[rule]).map_err(|e| e.to_string())?;
    if out.files.is_empty() {
        return Err("no file recognised".into());
    }
    let count = |s: Status| {
        out.findings
            .iter()
            .filter(|f| f.rule_id == rule.id && f.status == s)
            .count()
    };
    Ok(Outcome {
        fails: count(Status::Fail),
        unknowns: count(Status::Unknown),
        errors: out
            .diagnostics()
            .iter()
            .filter(|d| d.level == Level::Error)
            .map(|d| d.to_string())
            .collect(),
        edges: out
            .model
            .edges()
            .iter()
            .map(|e| {
                (
                    out.model.get(e.from).address.clone(),
                    out.model.get(e.to).address.clone(),
                    e.path.clone(),
                )
            })
            .collect(),
        resources: out.model.resources,
    })
}

/// Scans the HCL example, then the plans synthesized from what it loaded:
/// one marking unknown exactly what the model holds unknown, one where, as
/// terraform does on create, `id`, `arn` and `tags_all` are known after apply
/// too (a verdict must not hang on computed attributes).
fn hcl_and_plans(
    rule: &'static Rule,
    code: &str,
) -> Result<(Outcome, Vec<(Outcome, String)>), String> {
    let tf = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::write(tf.path().join(Lang::Terraform.file_name()), code).map_err(|e| e.to_string())?;
    let hcl = run(rule, tf.path())?;
    let mut plans = Vec::new();
    for computed in [&[][..], palisade_plansynth::AWS_COMPUTED] {
        let opts = palisade_plansynth::Options { computed };
        let text = palisade_plansynth::synthesize_string_with(&hcl.resources, &opts);
        let pd = tempfile::tempdir().map_err(|e| e.to_string())?;
        std::fs::write(pd.path().join(Lang::TerraformPlan.file_name()), &text)
            .map_err(|e| e.to_string())?;
        plans.push((run(rule, pd.path())?, text));
    }
    Ok((hcl, plans))
}

/// The plan holds the same resources with the same values (unknowns as
/// null), and every reference edge of the HCL model links the same two
/// resources in the plan model, through the same attribute.
fn same_model(hcl: &Outcome, plan: &Outcome) -> Option<String> {
    let planned: Vec<&Resource> = hcl
        .resources
        .iter()
        .filter(|r| palisade_plansynth::is_plannable(r))
        .collect();
    if planned.len() != plan.resources.len() {
        return Some(format!(
            "{} resources in HCL, {} in the plan",
            planned.len(),
            plan.resources.len()
        ));
    }
    for h in planned {
        let Some(p) = plan.resources.iter().find(|p| p.address == h.address) else {
            return Some(format!("{} is not in the plan", h.address));
        };
        if p.kind != SourceKind::TerraformPlan || p.mode != h.mode || p.rtype != h.rtype {
            return Some(format!("{} differs in kind, mode or type", h.address));
        }
        if p.attrs.to_json() != h.attrs.to_json() {
            return Some(format!(
                "{}: values differ\n  HCL  {}\n  plan {}",
                h.address,
                h.attrs.to_json(),
                p.attrs.to_json()
            ));
        }
    }
    for (from, to, path) in &hcl.edges {
        let top = |p: &str| p.split('.').next().unwrap_or_default().to_string();
        let linked = plan
            .edges
            .iter()
            .any(|(f, t, p)| f == from && t == to && top(p) == top(path));
        if !linked {
            return Some(format!("{from} → {to} ({path}) is not linked in the plan"));
        }
    }
    None
}

fn terraform_examples(rule: &Rule) -> Vec<(bool, &'static str)> {
    let f = rule.docs.failing.iter().map(|e| (true, e));
    let p = rule.docs.passing.iter().map(|e| (false, e));
    f.chain(p)
        .filter(|(_, e)| e.lang == Lang::Terraform)
        .map(|(failing, e)| (failing, e.code))
        .collect()
}

#[test]
fn terraform_examples_give_the_same_verdict_as_plans() {
    let mut problems = Vec::new();
    let (mut rules, mut examples) = (0, 0);
    for rule in palisade_rules::all() {
        let exs = terraform_examples(rule);
        if exs.is_empty() || palisade_rules::PLAN_EXEMPT.contains(&rule.id) {
            continue;
        }
        assert!(palisade_rules::applies_to_plans(rule), "{}", rule.id);
        rules += 1;
        for (failing, code) in exs {
            examples += 1;
            let kind = if failing { "failing" } else { "passing" };
            let (hcl, plans) = match hcl_and_plans(rule, code) {
                Ok(x) => x,
                Err(e) => {
                    problems.push(format!("{} {kind} example: {e}", rule.id));
                    continue;
                }
            };
            let want = if failing { (1, 0) } else { (0, 0) };
            let got_hcl = (hcl.fails, hcl.unknowns);
            if got_hcl != want {
                problems.push(format!(
                    "{} {kind} example: HCL gives {got_hcl:?} (fails, unknowns), not {want:?}",
                    rule.id
                ));
                continue;
            }
            if let Some((exact, _)) = plans.first()
                && let Some(p) = same_model(&hcl, exact)
            {
                problems.push(format!("{} {kind} example: {p}", rule.id));
            }
            for ((plan, text), variant) in plans.iter().zip(["exact", "computed ids"]) {
                let got_plan = (plan.fails, plan.unknowns);
                if got_plan != want || !plan.errors.is_empty() {
                    let verbose = std::env::var_os("PLAN_EQUIV_VERBOSE").is_some();
                    problems.push(format!(
                        "{} {kind} example: plan ({variant}) gives {got_plan:?} (fails, unknowns), HCL {got_hcl:?}; plan errors {:?}{}",
                        rule.id,
                        plan.errors,
                        if verbose { format!("\n{text}") } else { String::new() }
                    ));
                }
            }
        }
    }
    assert!(rules > 100, "only {rules} rules with Terraform examples");
    assert!(
        problems.is_empty(),
        "{} of {examples} Terraform examples ({rules} rules) disagree in plan form:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every exempt rule exists, has Terraform examples, and at least one of them
/// holds nothing a plan could hold: all it loads are module calls, provider
/// blocks or `terraform` settings. The list stays short.
#[test]
fn plan_exemptions_are_few_and_exact() {
    let exempt = palisade_rules::PLAN_EXEMPT;
    assert!(exempt.len() <= 12, "{} exempt rules", exempt.len());
    let mut sorted = exempt.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), exempt.len(), "duplicates in PLAN_EXEMPT");
    for id in exempt {
        let rule = palisade_rules::get(id).unwrap_or_else(|| panic!("{id}: no such rule"));
        assert!(!palisade_rules::applies_to_plans(rule), "{id}");
        let exs = terraform_examples(rule);
        assert!(!exs.is_empty(), "{id}: no Terraform example");
        let meta_only = exs.iter().any(|(_, code)| {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join("main.tf"), code).expect("write");
            let out = run(rule, dir.path()).expect("scan");
            !out.resources.is_empty() && out.resources.iter().all(|r| r.mode == Mode::Meta)
        });
        assert!(
            meta_only,
            "{id}: no Terraform example made only of module calls, providers or settings; it does not belong in PLAN_EXEMPT"
        );
    }
}

/// Terraform writes every attribute of a resource's schema into the plan:
/// an unset attribute is `null`, an unset nested block `[]`. We have no
/// provider schemas here, so the schema of a type is approximated by the
/// union of the top-level attributes its resources have across all the
/// Terraform examples; each example's plan then carries the others as unset.
/// A rule must read `null` and `[]` as it reads an absent attribute.
#[test]
fn unset_attributes_in_plans_read_as_absent() {
    use std::collections::BTreeMap;

    use palisade_model::{Node, Value};

    let mut loaded = Vec::new();
    for rule in palisade_rules::all() {
        if palisade_rules::PLAN_EXEMPT.contains(&rule.id) {
            continue;
        }
        for (failing, code) in terraform_examples(rule) {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join("main.tf"), code).expect("write");
            let out = run(rule, dir.path()).expect("scan");
            loaded.push((rule, failing, out.resources));
        }
    }
    // type → attribute → whether it is a nested block (a list of objects).
    let mut schema: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    for (_, _, resources) in &loaded {
        for r in resources.iter().filter(|r| r.mode == Mode::Managed) {
            let Some(m) = r.attrs.as_map() else { continue };
            let s = schema.entry(r.rtype.clone()).or_default();
            for (k, v) in m {
                let block = v
                    .as_list()
                    .is_some_and(|l| !l.is_empty() && l.iter().all(|x| x.as_map().is_some()));
                *s.entry(k.clone()).or_default() |= block;
            }
        }
    }
    let mut problems = Vec::new();
    let mut unset = 0;
    for (rule, failing, resources) in &loaded {
        let padded: Vec<Resource> = resources
            .iter()
            .cloned()
            .map(|mut r| {
                if r.mode == Mode::Managed
                    && let (Some(s), Value::Map(m)) = (schema.get(&r.rtype), &mut r.attrs.value)
                {
                    for (k, block) in s {
                        if !m.contains_key(k) {
                            unset += 1;
                            let node = if *block {
                                Node::list(Vec::new(), None)
                            } else {
                                Node::null(None)
                            };
                            m.insert(k.clone(), node);
                        }
                    }
                }
                r
            })
            .collect();
        let text = palisade_plansynth::synthesize_string(&padded);
        let pd = tempfile::tempdir().expect("tempdir");
        std::fs::write(pd.path().join("plan.json"), &text).expect("write");
        let plan = run(rule, pd.path()).expect("scan");
        let want = if *failing { (1, 0) } else { (0, 0) };
        if (plan.fails, plan.unknowns) != want {
            let kind = if *failing { "failing" } else { "passing" };
            problems.push(format!(
                "{} {kind} example: plan with unset attributes gives {:?} (fails, unknowns), want {want:?}",
                rule.id,
                (plan.fails, plan.unknowns)
            ));
        }
    }
    assert!(unset > 200, "only {unset} unset attributes written");
    assert!(
        problems.is_empty(),
        "{} of {} examples disagree when unset attributes are null:\n{}",
        problems.len(),
        loaded.len(),
        problems.join("\n")
    );
}
