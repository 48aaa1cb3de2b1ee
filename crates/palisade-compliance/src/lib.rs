//! Compliance frameworks as versioned data, validation of rule mappings, and
//! the per-control compliance report.
//!
//! - [`frameworks`], [`framework`], [`validate_mapping`],
//!   [`check_rule_mappings`]: the embedded framework data (`frameworks/*.toml`).
//! - [`build`] turns the rules that ran and all their findings (passes
//!   included) into a [`ComplianceReport`]; [`render`] writes it as text,
//!   JSON, Markdown or a self-contained HTML page.

mod frameworks;
mod render;
mod report;

pub use frameworks::{
    Control, Framework, FrameworkMapping, RuleMappings, check_framework, check_rule_info_mappings,
    check_rule_mappings, framework, framework_ids, frameworks, load_errors, parse_framework,
    validate_mapping,
};
pub use render::{ReportFormat, html_escape, render, render_to_string};
pub use report::{
    ComplianceReport, ControlResult, ControlStatus, FindingCounts, FindingRef, FrameworkRef,
    ResourceResult, RuleRef, Summary, build,
};
