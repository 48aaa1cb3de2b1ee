//! Explainable, reversible, logged fixes for palisade findings.
//!
//! A fix is declared per rule id in [`registry`]: a function producing text
//! [`Edit`]s (byte-range replacements or insertions in the original file), an
//! [`Applicability`] and a short explanation. Edits are computed from the
//! model's spans, so formatting and comments outside the edited region are
//! untouched. Applying fixes records a [`Journal`] (rule, resource, file,
//! explanation, before and after text of the edited region, file hashes)
//! that [`revert`] undoes byte for byte, refusing when a file changed since.
//!
//! ```
//! use palisade_fix::{apply_edits, Edit};
//! let out = apply_edits("a = 1\n", &[Edit::replace(4, 5, "2")]).unwrap();
//! assert_eq!(out, "a = 2\n");
//! ```

mod edit;
mod journal;
mod rules;

use std::collections::BTreeMap;

use palisade_engine::{Finding, Status};
use palisade_model::{Model, Resource};
use serde::{Deserialize, Serialize};

pub use edit::{Edit, apply_edits, hcl_insert, hcl_set, hcl_set_nested, yaml_list_add, yaml_set};
pub use journal::{
    JOURNAL_VERSION, Journal, JournalEntry, JournalError, RevertOutcome, revert, sha256_hex,
    unified_diff,
};
pub use rules::registry;

/// Whether a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Sets only the setting the rule asks for; the resource stays in place.
    Safe,
    /// May replace the resource (losing data), break running workloads or
    /// change behaviour others rely on: applied only with `--unsafe`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// What a fix function sees.
pub struct FixCtx<'a> {
    pub finding: &'a Finding,
    pub resource: &'a Resource,
    /// The whole text of the file the resource is declared in.
    pub text: &'a str,
}

/// A fix function: the edits, or `None` when the text does not have the
/// expected shape (then nothing is changed).
pub type FixFn = fn(&FixCtx) -> Option<Vec<Edit>>;

/// The fix declaration of one rule.
pub struct FixDef {
    pub rule_id: &'static str,
    pub applicability: Applicability,
    /// One sentence: what the fix changes and why (and, for unsafe fixes,
    /// what it may break).
    pub explanation: &'static str,
    pub fix: FixFn,
}

/// The fix declaration of a rule, if it has one.
pub fn fix_for(rule_id: &str) -> Option<&'static FixDef> {
    registry()
        .iter()
        .find(|d| d.rule_id.eq_ignore_ascii_case(rule_id))
}

/// One planned fix: edits to one file for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedFix {
    pub rule_id: String,
    pub title: String,
    pub resource: String,
    /// The file, relative to the scan root (as in findings).
    pub file: String,
    /// 1-based line of the finding.
    pub line: u32,
    pub applicability: Applicability,
    pub explanation: String,
    pub edits: Vec<Edit>,
}

impl PlannedFix {
    /// The byte range of the original text the fix touches.
    pub fn range(&self) -> (usize, usize) {
        let s = self.edits.iter().map(|e| e.start).min().unwrap_or(0);
        let e = self.edits.iter().map(|e| e.end).max().unwrap_or(0);
        (s, e)
    }
}

/// Why a failing finding got no fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// The fix is unsafe and unsafe fixes were not asked for.
    Unsafe(PlannedFix),
    /// The rule has a fix but the text did not have the expected shape.
    NotApplicable {
        rule_id: String,
        resource: String,
        file: String,
        line: u32,
    },
}

/// The plan for one scan.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub fixes: Vec<PlannedFix>,
    pub skipped: Vec<Skipped>,
}

/// Finds the model resource a finding is about.
pub fn resource_of<'m>(model: &'m Model, f: &Finding) -> Option<&'m Resource> {
    model
        .resources
        .iter()
        .find(|r| r.address == f.resource.address && r.span.path == f.location.path)
        .or_else(|| {
            model
                .resources
                .iter()
                .find(|r| r.address == f.resource.address)
        })
}

/// Plans fixes for the failing findings. `read` returns the text of a
/// file by its report path. Fixes of one resource for one rule are planned
/// once; fixes whose edits overlap an earlier fix of the same file are left
/// for a later round (apply, re-scan, plan again).
pub fn plan(
    findings: &[Finding],
    model: &Model,
    read: &dyn Fn(&str) -> Option<String>,
    include_unsafe: bool,
) -> Plan {
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut plan = Plan::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut sorted: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for f in sorted {
        let Some(def) = fix_for(&f.rule_id) else {
            continue;
        };
        let Some(res) = resource_of(model, f) else {
            continue;
        };
        let file = res.span.path.to_string();
        let key = (
            def.rule_id,
            res.address.clone(),
            file.clone(),
            f.location.start_line,
            f.location.start_col,
        );
        if !seen.insert(key) {
            continue;
        }
        let text = texts.entry(file.clone()).or_insert_with(|| read(&file));
        let Some(text) = text.as_deref() else {
            continue;
        };
        let ctx = FixCtx {
            finding: f,
            resource: res,
            text,
        };
        let edits = (def.fix)(&ctx).filter(|e| !e.is_empty() && apply_edits(text, e).is_some());
        let Some(edits) = edits else {
            plan.skipped.push(Skipped::NotApplicable {
                rule_id: def.rule_id.to_string(),
                resource: res.address.clone(),
                file,
                line: f.location.start_line,
            });
            continue;
        };
        let p = PlannedFix {
            rule_id: def.rule_id.to_string(),
            title: f.title.clone(),
            resource: res.address.clone(),
            file,
            line: f.location.start_line,
            applicability: def.applicability,
            explanation: def.explanation.to_string(),
            edits,
        };
        if def.applicability == Applicability::Unsafe && !include_unsafe {
            plan.skipped.push(Skipped::Unsafe(p));
        } else {
            plan.fixes.push(p);
        }
    }
    plan
}

/// Splits fixes into those that can be applied together now (no two touch
/// or overlap in one file, and no two insert at the same place) and those
/// left for the next round.
pub fn non_conflicting(fixes: Vec<PlannedFix>) -> (Vec<PlannedFix>, Vec<PlannedFix>) {
    let mut now: Vec<PlannedFix> = Vec::new();
    let mut later = Vec::new();
    for f in fixes {
        let (s, e) = f.range();
        let clash = now.iter().any(|o| {
            let (os, oe) = o.range();
            o.file == f.file && s <= oe && os <= e
        });
        if clash {
            later.push(f);
        } else {
            now.push(f);
        }
    }
    (now, later)
}

/// Applies the fixes of one file to its text, in order, returning the new
/// text and one journal entry per fix (offsets are in the text as it was
/// when that entry was applied, so entries undo in reverse order).
pub fn apply_file(text: &str, fixes: &[PlannedFix]) -> Option<(String, Vec<JournalEntry>)> {
    let mut order: Vec<&PlannedFix> = fixes.iter().collect();
    // Apply from the end of the file so earlier offsets stay valid.
    order.sort_by_key(|f| std::cmp::Reverse(f.range()));
    let mut cur = text.to_string();
    let mut entries = Vec::new();
    for f in order {
        let (s, e) = f.range();
        let before_region = cur.get(s..e)?.to_string();
        let shifted: Vec<Edit> = f
            .edits
            .iter()
            .map(|x| Edit::replace(x.start - s, x.end - s, x.text.clone()))
            .collect();
        let after_region = apply_edits(&before_region, &shifted)?;
        let hash_before = sha256_hex(cur.as_bytes());
        let mut next = String::with_capacity(cur.len() + after_region.len());
        next.push_str(cur.get(..s)?);
        next.push_str(&after_region);
        next.push_str(cur.get(e..)?);
        let hash_after = sha256_hex(next.as_bytes());
        entries.push(JournalEntry {
            rule_id: f.rule_id.clone(),
            title: f.title.clone(),
            resource: f.resource.clone(),
            file: f.file.clone(),
            line: f.line,
            applicability: f.applicability,
            explanation: f.explanation.clone(),
            offset: s,
            before: before_region,
            after: after_region,
            hash_before,
            hash_after,
        });
        cur = next;
    }
    Some((cur, entries))
}

/// The result of [`fix_loop`].
#[derive(Clone, Debug, Default)]
pub struct LoopOutcome {
    /// Applied fixes, in order.
    pub entries: Vec<JournalEntry>,
    /// The original text of every changed file, by report path.
    pub originals: BTreeMap<String, String>,
    /// What the last round could not fix.
    pub skipped: Vec<Skipped>,
    /// Fixes applied whose finding was still reported afterwards.
    pub unresolved: Vec<(String, String, String)>,
    /// Fixes undone because the file no longer parsed afterwards
    /// (rule, resource, file).
    pub broken: Vec<(String, String, String)>,
    pub rounds: usize,
}

/// The most rounds of apply-and-rescan.
pub const MAX_ROUNDS: usize = 16;

/// Applies fixes under `root` in rounds: scan (through `scan`), plan,
/// apply the non-conflicting fixes, write the files, and scan again, until
/// nothing is left to fix. A fix is applied at most once per rule, resource
/// and file; one whose finding survives is listed as unresolved.
pub fn fix_loop(
    root: &std::path::Path,
    include_unsafe: bool,
    scan: &mut dyn FnMut() -> Option<(Vec<Finding>, Model)>,
) -> std::io::Result<LoopOutcome> {
    let mut out = LoopOutcome::default();
    let mut applied: std::collections::BTreeSet<(String, String, String, u32)> = Default::default();
    let mut base_errors: BTreeMap<String, usize> = BTreeMap::new();
    // Files written in the last round: (file, text before, first entry).
    let mut last_round: Vec<(String, String, usize)> = Vec::new();
    for round in 0..MAX_ROUNDS {
        let Some((findings, model)) = scan() else {
            break;
        };
        out.rounds = round + 1;
        // A fix that made its file unparsable is undone and not retried.
        if let Some((file, text, first_entry)) = last_round
            .iter()
            .find(|(f, _, _)| errors_in(&model, f) > *base_errors.get(f.as_str()).unwrap_or(&0))
            .cloned()
        {
            std::fs::write(root.join(&file), &text)?;
            let undone: Vec<JournalEntry> = out
                .entries
                .iter()
                .skip(first_entry)
                .filter(|e| e.file == file)
                .cloned()
                .collect();
            out.entries = out
                .entries
                .iter()
                .enumerate()
                .filter(|(i, e)| *i < first_entry || e.file != file)
                .map(|(_, e)| e.clone())
                .collect();
            for e in undone {
                out.broken.push((e.rule_id, e.resource, e.file));
            }
            last_round.retain(|(f, _, _)| *f != file);
            continue;
        }
        last_round.clear();
        if round == 0 {
            for d in &model.diagnostics {
                if d.level == palisade_model::Level::Error {
                    *base_errors.entry(d.span.path.to_string()).or_default() += 1;
                }
            }
        }
        let read = |p: &str| std::fs::read_to_string(root.join(p)).ok();
        let plan = plan(&findings, &model, &read, include_unsafe);
        out.skipped = plan.skipped;
        let mut fresh = Vec::new();
        for f in plan.fixes {
            let key = (
                f.rule_id.clone(),
                f.resource.clone(),
                f.file.clone(),
                f.line,
            );
            if applied.contains(&key) {
                let u = (f.rule_id, f.resource, f.file);
                if !out.unresolved.contains(&u) {
                    out.unresolved.push(u);
                }
            } else {
                fresh.push(f);
            }
        }
        let (now, _later) = non_conflicting(fresh);
        if now.is_empty() {
            break;
        }
        let mut by_file: BTreeMap<String, Vec<PlannedFix>> = BTreeMap::new();
        for f in now {
            by_file.entry(f.file.clone()).or_default().push(f);
        }
        for (file, fixes) in by_file {
            let path = root.join(&file);
            let text = std::fs::read_to_string(&path)?;
            let Some((new, entries)) = apply_file(&text, &fixes) else {
                continue;
            };
            if new == text {
                continue;
            }
            for f in &fixes {
                applied.insert((
                    f.rule_id.clone(),
                    f.resource.clone(),
                    f.file.clone(),
                    f.line,
                ));
            }
            out.originals
                .entry(file.clone())
                .or_insert_with(|| text.clone());
            std::fs::write(&path, new)?;
            last_round.push((file, text, out.entries.len()));
            out.entries.extend(entries);
        }
    }
    Ok(out)
}

fn errors_in(model: &Model, file: &str) -> usize {
    model
        .diagnostics
        .iter()
        .filter(|d| d.level == palisade_model::Level::Error && &*d.span.path == file)
        .count()
}
