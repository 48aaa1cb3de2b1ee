use std::collections::BTreeMap;

use palisade_model::{Diagnostic, Model, ResourceId, Span};
use palisade_views::{Tri, Views};
use rayon::prelude::*;

use crate::{Finding, FindingResource, Related, Rule, Status, fingerprint};

/// Settings that rules may read (from `palisade.toml`).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Registries images may come from (supply chain rules); empty = any.
    pub allowed_registries: Vec<String>,
    /// Free-form `key = value` settings for rules.
    pub values: BTreeMap<String, String>,
    /// Leave passing results out. Passes feed compliance reports and
    /// `--include-passed`; a plain scan reports only failures and unknowns,
    /// and on a large estate the passes are half of all results.
    pub drop_passes: bool,
}

/// What a check sees.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub views: &'a Views,
    pub settings: &'a Settings,
}

/// A result before it becomes a [`Finding`].
#[derive(Clone, Debug)]
pub struct RawResult {
    pub status: Status,
    pub resource: ResourceId,
    pub span: Span,
    /// The attribute path the result is about (part of the fingerprint).
    pub attr: String,
    pub message: String,
    pub unknown_reason: Option<String>,
    pub related: Vec<Related>,
}

/// Where checks put their results.
#[derive(Default, Debug)]
pub struct Sink {
    pub results: Vec<RawResult>,
}

impl Sink {
    pub fn push(
        &mut self,
        status: Status,
        resource: ResourceId,
        span: Span,
        attr: &str,
        message: impl Into<String>,
    ) -> &mut RawResult {
        self.results.push(RawResult {
            status,
            resource,
            span,
            attr: attr.to_string(),
            message: message.into(),
            unknown_reason: None,
            related: Vec::new(),
        });
        self.results.last_mut().expect("just pushed")
    }
    pub fn fail(
        &mut self,
        resource: ResourceId,
        span: Span,
        attr: &str,
        message: impl Into<String>,
    ) -> &mut RawResult {
        self.push(Status::Fail, resource, span, attr, message)
    }
    pub fn pass(&mut self, resource: ResourceId, span: Span, attr: &str) -> &mut RawResult {
        self.push(Status::Pass, resource, span, attr, "")
    }
    pub fn unknown(
        &mut self,
        resource: ResourceId,
        span: Span,
        attr: &str,
        reason: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut RawResult {
        let r = self.push(Status::Unknown, resource, span, attr, message);
        r.unknown_reason = Some(reason.into());
        r
    }

    /// The usual shape of a check over one fact: `ok(value)` decides
    /// pass/fail on a known value; absent is judged by `absent_ok`; unknown
    /// is reported as unknown with its reason.
    pub fn judge<T>(
        &mut self,
        resource: ResourceId,
        attr: &str,
        fact: &Tri<T>,
        absent_ok: bool,
        ok: impl FnOnce(&T) -> bool,
        message: impl Into<String>,
    ) {
        match fact {
            Tri::Known(v, s) => {
                if ok(v) {
                    self.pass(resource, s.clone(), attr);
                } else {
                    self.fail(resource, s.clone(), attr, message);
                }
            }
            Tri::Absent(s) => {
                if absent_ok {
                    self.pass(resource, s.clone(), attr);
                } else {
                    self.fail(resource, s.clone(), attr, message);
                }
            }
            Tri::Unknown(why, s) => {
                let m: String = message.into();
                self.unknown(
                    resource,
                    s.clone(),
                    attr,
                    why.clone(),
                    format!("cannot tell: {m}"),
                );
            }
        }
    }
}

impl RawResult {
    pub fn related(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// Runs `rules` in parallel over the model; the findings come back in a
/// deterministic order whatever the thread count. A check that panics is
/// caught and reported as an unknown result on no resource, never a pass.
pub fn run_rules(
    rules: &[&'static Rule],
    model: &Model,
    views: &Views,
    settings: &Settings,
) -> Vec<Finding> {
    run_rules_checked(rules, model, views, settings).0
}

/// [`run_rules`], also returning an error diagnostic for each rule whose
/// check panicked (a bug): its results are left out — never turned into
/// passes — and the run says so.
pub fn run_rules_checked(
    rules: &[&'static Rule],
    model: &Model,
    views: &Views,
    settings: &Settings,
) -> (Vec<Finding>, Vec<Diagnostic>) {
    let failed: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let ctx = Ctx {
        model,
        views,
        settings,
    };
    let mut findings: Vec<Finding> = rules
        .par_iter()
        .flat_map_iter(|rule| {
            let mut sink = Sink::default();
            let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                (rule.check)(&ctx, &mut sink)
            }));
            if res.is_err() {
                if let Ok(mut f) = failed.lock() {
                    f.push(rule.id);
                }
                sink.results.clear();
            }
            let frameworks: crate::Frameworks = std::sync::Arc::new(
                rule.frameworks
                    .iter()
                    .map(|(f, c)| (f.to_string(), c.iter().map(|x| x.to_string()).collect()))
                    .collect(),
            );
            let drop_passes = settings.drop_passes;
            sink.results
                .into_iter()
                .filter(move |r| !(drop_passes && r.status == Status::Pass))
                .map(move |r| {
                    let res = model.get(r.resource);
                    let fp = fingerprint(rule.id, &res.scope, &res.address, &r.attr);
                    let message = if r.message.is_empty() {
                        rule.title.to_string()
                    } else {
                        r.message
                    };
                    Finding {
                        rule_id: rule.id.to_string(),
                        title: rule.title.to_string(),
                        severity: rule.severity,
                        category: rule.category,
                        status: r.status,
                        resource: FindingResource::of(res),
                        location: r.span,
                        message,
                        unknown_reason: r.unknown_reason,
                        frameworks: frameworks.clone(),
                        related: r.related,
                        fingerprint: fp,
                    }
                })
        })
        .collect();
    // Stable, like `sort_by`: the same order whatever the thread count.
    findings.par_sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.status.cmp(&b.status))
    });
    findings.dedup_by(|a, b| {
        a.fingerprint == b.fingerprint && a.status == b.status && a.location == b.location
    });
    let mut failed = failed.into_inner().unwrap_or_default();
    failed.sort_unstable();
    let diagnostics = failed
        .into_iter()
        .map(|id| {
            Diagnostic::error(
                "rule-failed",
                format!("rule {id} failed internally (a palisade bug): its results are missing from this report"),
                Span::line(".".into(), 1),
            )
        })
        .collect();
    (findings, diagnostics)
}

#[cfg(test)]
mod tests {
    use palisade_model::{Node, Resource, SourceKind};

    use super::*;
    use crate::{Category, Docs, Severity};

    const DOCS: Docs = Docs {
        what: "w",
        why: "y",
        fix: "f",
        refs: &[],
        failing: &[],
        passing: &[],
    };

    fn ok(cx: &Ctx<'_>, out: &mut Sink) {
        for id in cx.model.ids() {
            out.fail(id, cx.model.get(id).span.clone(), "", "bad");
        }
    }

    fn boom(_: &Ctx<'_>, _: &mut Sink) {
        panic!("a bug in a rule");
    }

    static OK: Rule = Rule {
        id: "PAL-T-001",
        title: "ok",
        severity: Severity::Low,
        category: Category::Data,
        frameworks: &[],
        resource_types: &[],
        docs: DOCS,
        check: ok,
    };
    fn mixed(cx: &Ctx<'_>, out: &mut Sink) {
        for id in cx.model.ids() {
            out.pass(id, cx.model.get(id).span.clone(), "a");
            out.fail(id, cx.model.get(id).span.clone(), "b", "bad");
        }
    }

    static MIXED: Rule = Rule {
        id: "PAL-T-003",
        check: mixed,
        ..OK
    };

    #[test]
    fn passes_can_be_left_out() {
        let r = Resource::new(
            SourceKind::Terraform,
            "aws_s3_bucket",
            "b",
            Span::line("main.tf".into(), 3),
            Node::from_json(&serde_json::json!({}), None),
        );
        let model = Model::new(vec![r], vec![]);
        let views = Views::build(&model);
        let all = run_rules(&[&MIXED], &model, &views, &Settings::default());
        let mut statuses: Vec<_> = all.iter().map(|f| f.status).collect();
        statuses.sort();
        assert_eq!(statuses, [Status::Fail, Status::Pass]);
        let settings = Settings {
            drop_passes: true,
            ..Default::default()
        };
        let some = run_rules(&[&MIXED], &model, &views, &settings);
        assert_eq!(
            some.iter().map(|f| f.status).collect::<Vec<_>>(),
            [Status::Fail]
        );
    }

    static BOOM: Rule = Rule {
        id: "PAL-T-002",
        check: boom,
        ..OK
    };

    #[test]
    fn a_panicking_rule_is_reported_and_the_others_still_run() {
        let r = Resource::new(
            SourceKind::Terraform,
            "aws_s3_bucket",
            "b",
            Span::line("main.tf".into(), 3),
            Node::from_json(&serde_json::json!({}), None),
        );
        let model = Model::new(vec![r], vec![]);
        let views = Views::build(&model);
        let (findings, diags) =
            run_rules_checked(&[&BOOM, &OK], &model, &views, &Settings::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule_id, "PAL-T-001");
        assert_eq!(findings[0].location.start_line, 3);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "rule-failed");
        assert!(diags[0].message.contains("PAL-T-002"));
    }
}
