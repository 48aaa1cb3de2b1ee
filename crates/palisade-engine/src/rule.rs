use std::fmt;

use serde::Serialize;

use crate::{Ctx, Sink};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s))
    }
    /// GitHub's `security-severity` score for SARIF.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Info => "0.0",
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Identity,
    Network,
    Encryption,
    Logging,
    Data,
    Compute,
    Kubernetes,
    SupplyChain,
    Ml,
    Secrets,
    Blueprint,
    Custom,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::Identity,
        Category::Network,
        Category::Encryption,
        Category::Logging,
        Category::Data,
        Category::Compute,
        Category::Kubernetes,
        Category::SupplyChain,
        Category::Ml,
        Category::Secrets,
        Category::Blueprint,
        Category::Custom,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Identity => "identity",
            Category::Network => "network",
            Category::Encryption => "encryption",
            Category::Logging => "logging",
            Category::Data => "data",
            Category::Compute => "compute",
            Category::Kubernetes => "kubernetes",
            Category::SupplyChain => "supply-chain",
            Category::Ml => "ml",
            Category::Secrets => "secrets",
            Category::Blueprint => "blueprint",
            Category::Custom => "custom",
        }
    }
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language an example is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    Terraform,
    TerraformPlan,
    CloudFormation,
    Kubernetes,
    Dockerfile,
}

impl Lang {
    /// The file name an example of this language is written to when run.
    pub fn file_name(self) -> &'static str {
        match self {
            Lang::Terraform => "main.tf",
            Lang::TerraformPlan => "plan.json",
            Lang::CloudFormation => "template.yaml",
            Lang::Kubernetes => "manifest.yaml",
            Lang::Dockerfile => "Dockerfile",
        }
    }
    /// The fence tag in Markdown docs.
    pub fn fence(self) -> &'static str {
        match self {
            Lang::Terraform => "hcl",
            Lang::TerraformPlan => "json",
            Lang::CloudFormation | Lang::Kubernetes => "yaml",
            Lang::Dockerfile => "dockerfile",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Lang::Terraform => "Terraform",
            Lang::TerraformPlan => "Terraform plan JSON",
            Lang::CloudFormation => "CloudFormation",
            Lang::Kubernetes => "Kubernetes",
            Lang::Dockerfile => "Dockerfile",
        }
    }
}

/// One example in a rule's docs. Failing examples must yield exactly one
/// failing result of the rule; passing ones none.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Example {
    pub lang: Lang,
    pub code: &'static str,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Docs {
    /// What the rule checks (one paragraph).
    pub what: &'static str,
    /// Why it matters: the risk.
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Reference URLs.
    pub refs: &'static [&'static str],
    pub failing: &'static [Example],
    pub passing: &'static [Example],
}

/// A built-in rule: one declaration holding everything about it.
pub struct Rule {
    /// `PAL-<AREA>-<NNN>`, e.g. `PAL-S3-001`. Never reused.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// Framework id → control ids (`("cis-aws", &["2.1.1"])`).
    pub frameworks: &'static [(&'static str, &'static [&'static str])],
    /// Resource types the rule looks at (for docs and filtering).
    pub resource_types: &'static [&'static str],
    pub docs: Docs,
    pub check: fn(&Ctx<'_>, &mut Sink),
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// Owned rule metadata shared by built-in and custom rules (what outputs see).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub category: Category,
    pub frameworks: std::collections::BTreeMap<String, Vec<String>>,
    pub description: String,
    pub help: String,
    pub help_uri: String,
    pub builtin: bool,
}

impl Rule {
    pub fn info(&self) -> RuleInfo {
        RuleInfo {
            id: self.id.to_string(),
            title: self.title.to_string(),
            severity: self.severity,
            category: self.category,
            frameworks: self
                .frameworks
                .iter()
                .map(|(f, c)| (f.to_string(), c.iter().map(|x| x.to_string()).collect()))
                .collect(),
            description: self.docs.what.to_string(),
            help: format!("{}\n\nFix: {}", self.docs.why, self.docs.fix),
            help_uri: format!("https://palisade.dev/rules/{}", self.id),
            builtin: true,
        }
    }
}
