//! Compliance frameworks as versioned data.
//!
//! Each framework is one TOML file under `frameworks/`, embedded in the
//! binary and parsed once on first use.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One control (requirement, recommendation, criterion, article...) of a
/// framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// The framework's own id, exactly as it writes it (`2.1.1`, `CC6.1`,
    /// `164.312(a)(2)(iv)`, `AC-6(9)`, `baseline/host-namespaces`).
    pub id: String,
    pub title: String,
    /// A short description in palisade's words.
    pub description: String,
}

/// A compliance framework at one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    /// palisade's id for it: `cis-aws`, `soc2`, `hipaa`...
    pub id: String,
    pub name: String,
    /// The version of the framework the data describes (not of palisade).
    pub version: String,
    /// Controls in the framework's own order.
    pub controls: Vec<Control>,
}

impl Framework {
    /// The control with this id, if the framework has one.
    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// Whether the framework has a control with this id.
    pub fn has_control(&self, id: &str) -> bool {
        self.control(id).is_some()
    }
}

/// The embedded data files, in the order frameworks are listed.
const SOURCES: &[(&str, &str)] = &[
    ("cis-aws", include_str!("../frameworks/cis-aws.toml")),
    ("cis-k8s", include_str!("../frameworks/cis-k8s.toml")),
    ("soc2", include_str!("../frameworks/soc2.toml")),
    ("hipaa", include_str!("../frameworks/hipaa.toml")),
    ("gdpr", include_str!("../frameworks/gdpr.toml")),
    (
        "nist-800-53",
        include_str!("../frameworks/nist-800-53.toml"),
    ),
    ("pci-dss", include_str!("../frameworks/pci-dss.toml")),
    ("pss", include_str!("../frameworks/pss.toml")),
];

struct Loaded {
    frameworks: Vec<Framework>,
    errors: Vec<String>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut frameworks = Vec::new();
        let mut errors = Vec::new();
        for (file_id, text) in SOURCES {
            match parse_framework(text) {
                Ok(fw) => {
                    if fw.id != *file_id {
                        errors.push(format!("frameworks/{file_id}.toml declares id `{}`", fw.id));
                    }
                    frameworks.push(fw);
                }
                Err(e) => errors.push(format!("frameworks/{file_id}.toml: {e}")),
            }
        }
        Loaded { frameworks, errors }
    })
}

/// Parses one framework data file (the format of `frameworks/*.toml`).
pub fn parse_framework(text: &str) -> Result<Framework, toml::de::Error> {
    toml::from_str(text)
}

/// Every built-in framework, in a fixed order.
pub fn frameworks() -> &'static [Framework] {
    &loaded().frameworks
}

/// Problems met while loading the embedded data (empty when it is sound;
/// a test keeps it so).
pub fn load_errors() -> &'static [String] {
    &loaded().errors
}

/// The framework with this id (`soc2`, `cis-aws`...).
pub fn framework(id: &str) -> Option<&'static Framework> {
    frameworks().iter().find(|f| f.id == id)
}

/// The ids of every built-in framework.
pub fn framework_ids() -> Vec<&'static str> {
    frameworks().iter().map(|f| f.id.as_str()).collect()
}

/// Whether `control_id` is a control of framework `framework_id`.
pub fn validate_mapping(framework_id: &str, control_id: &str) -> bool {
    framework(framework_id).is_some_and(|f| f.has_control(control_id))
}

/// One framework mapping of a rule: framework id and control ids, the
/// element type of `palisade_engine::Rule::frameworks`.
pub type FrameworkMapping<'a> = (&'a str, &'a [&'a str]);

/// A rule id with its framework mappings.
pub type RuleMappings<'a> = (&'a str, &'a [FrameworkMapping<'a>]);

/// Checks the framework mappings of rules, given as
/// `(rule id, [(framework id, [control ids])])` — the shape of
/// `palisade_engine::Rule::frameworks`. Returns one message per problem:
/// an unknown framework, an unknown control, an empty control list, or a
/// control or framework listed twice. Empty means every mapping is sound.
pub fn check_rule_mappings(rules: &[RuleMappings<'_>]) -> Vec<String> {
    let mut errors = Vec::new();
    for (rule_id, mappings) in rules {
        let owned: Vec<(&str, Vec<&str>)> =
            mappings.iter().map(|(f, cs)| (*f, cs.to_vec())).collect();
        check_one(rule_id, &owned, &mut errors);
    }
    errors
}

/// [`check_rule_mappings`] over owned mappings (`RuleInfo::frameworks`, custom
/// rules).
pub fn check_rule_info_mappings(rules: &[palisade_engine::RuleInfo]) -> Vec<String> {
    let mut errors = Vec::new();
    for r in rules {
        let owned: Vec<(&str, Vec<&str>)> = r
            .frameworks
            .iter()
            .map(|(f, cs)| (f.as_str(), cs.iter().map(String::as_str).collect()))
            .collect();
        check_one(&r.id, &owned, &mut errors);
    }
    errors
}

fn check_one(rule_id: &str, mappings: &[(&str, Vec<&str>)], errors: &mut Vec<String>) {
    let mut seen_fw = BTreeSet::new();
    for (fw_id, controls) in mappings {
        if !seen_fw.insert(*fw_id) {
            errors.push(format!("{rule_id}: framework `{fw_id}` is listed twice"));
        }
        let Some(fw) = framework(fw_id) else {
            errors.push(format!(
                "{rule_id}: unknown framework `{fw_id}` (known: {})",
                framework_ids().join(", ")
            ));
            continue;
        };
        if controls.is_empty() {
            errors.push(format!("{rule_id}: `{fw_id}` maps to no control"));
        }
        let mut seen_ctrl = BTreeSet::new();
        for ctrl in controls {
            if !seen_ctrl.insert(*ctrl) {
                errors.push(format!(
                    "{rule_id}: `{fw_id}` control `{ctrl}` is listed twice"
                ));
            }
            if !fw.has_control(ctrl) {
                errors.push(format!(
                    "{rule_id}: unknown control `{ctrl}` in `{fw_id}` ({} {})",
                    fw.name, fw.version
                ));
            }
        }
    }
}

/// Checks one framework's data: non-empty id, name, version; at least one
/// control; unique, non-empty control ids; non-empty titles and descriptions.
pub fn check_framework(fw: &Framework) -> Vec<String> {
    let mut errors = Vec::new();
    for (what, v) in [("id", &fw.id), ("name", &fw.name), ("version", &fw.version)] {
        if v.trim().is_empty() {
            errors.push(format!("framework `{}`: empty {what}", fw.id));
        }
    }
    if fw.controls.is_empty() {
        errors.push(format!("framework `{}`: no controls", fw.id));
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &fw.controls {
        *seen.entry(c.id.as_str()).or_default() += 1;
        if c.id.trim().is_empty() || c.id != c.id.trim() {
            errors.push(format!("framework `{}`: bad control id `{}`", fw.id, c.id));
        }
        if c.title.trim().is_empty() {
            errors.push(format!("{} {}: empty title", fw.id, c.id));
        }
        if c.description.trim().is_empty() {
            errors.push(format!("{} {}: empty description", fw.id, c.id));
        }
    }
    for (id, n) in seen {
        if n > 1 {
            errors.push(format!(
                "framework `{}`: control `{id}` appears {n} times",
                fw.id
            ));
        }
    }
    errors
}
