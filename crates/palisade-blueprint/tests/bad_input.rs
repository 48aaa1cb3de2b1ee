//! Every bad-input case of the issue gives a located, clear diagnostic.

use palisade_blueprint::parse;
use palisade_model::{Diagnostic, Level};

fn errs(text: &str) -> Vec<Diagnostic> {
    let (bp, diags) = parse("bp.yaml".into(), text);
    assert!(bp.is_none(), "an invalid blueprint is not returned");
    diags
        .into_iter()
        .filter(|d| d.level == Level::Error)
        .collect()
}

fn one(text: &str, code: &str) -> Diagnostic {
    let e = errs(text);
    e.iter()
        .find(|d| d.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} in {e:#?}"))
}

#[test]
fn the_issue_example_loads_as_written() {
    let text = include_str!("fixtures/issue.yaml");
    let (bp, diags) = parse("bp.yaml".into(), text);
    assert!(diags.is_empty(), "{diags:#?}");
    let bp = bp.unwrap();
    assert_eq!(bp.version, 1);
    assert_eq!(
        bp.tiers.keys().collect::<Vec<_>>(),
        ["public", "internal", "confidential", "regulated"]
    );
    let reg = &bp.tiers["regulated"].resolved;
    // Inherited through confidential and internal, with the lines that set them.
    let at_rest = reg.encryption_at_rest.as_ref().unwrap();
    assert_eq!(
        at_rest.value,
        palisade_blueprint::AtRest::CustomerManagedKey
    );
    assert_eq!(at_rest.span.start_line, 8);
    assert_eq!(reg.object_lock.as_ref().unwrap().span.start_line, 18);
    assert_eq!(reg.backup_retention_days.as_ref().unwrap().value, 7);
    assert_eq!(
        reg.allowed_regions.as_ref().unwrap().value,
        ["eu-west-1", "eu-central-1"]
    );
    assert_eq!(
        bp.tiers["internal"]
            .resolved
            .encryption_at_rest
            .as_ref()
            .unwrap()
            .value,
        palisade_blueprint::AtRest::Required
    );
    assert!(bp.tiers["public"].resolved.encryption_at_rest.is_none());
    assert_eq!(bp.classification.rules.len(), 2);
    assert_eq!(bp.classification.rules[1].span.start_line, 25);
    assert_eq!(bp.ownership.required_tags.len(), 2);
    assert!(
        bp.ownership.allowed_values[0]
            .regex
            .is_match("team-payments")
    );
    let ct = bp.logging.cloudtrail.as_ref().unwrap();
    assert_eq!(ct.retention_days.as_ref().unwrap().value, 400);
    assert_eq!(bp.keys.administrators.as_ref().unwrap().value.len(), 1);
}

#[test]
fn malformed_yaml_is_located() {
    let d = one(
        "version: 1\ntiers:\n  public: {\n  internal: [\n",
        "yaml-syntax",
    );
    assert!(d.message.contains("malformed blueprint"), "{}", d.message);
    assert!(d.span.start_line >= 3);
}

#[test]
fn typo_in_a_key_suggests_the_right_one() {
    let d = one(
        "version: 1\ntires:\n  public: {}\n",
        "blueprint-unknown-key",
    );
    assert_eq!(d.span.start_line, 2);
    assert!(d.message.contains("did you mean `tiers`"), "{}", d.message);
    let d = one(
        "version: 1\ntiers:\n  internal:\n    encryption_at_rst: required\n",
        "blueprint-unknown-key",
    );
    assert_eq!(d.span.start_line, 4);
    assert!(
        d.message.contains("did you mean `encryption_at_rest`"),
        "{}",
        d.message
    );
    let d = one(
        "version: 1\ntiers: {a: {}}\nclassification:\n  rules:\n    - match: { typ: x }\n      tier: a\n",
        "blueprint-unknown-key",
    );
    assert_eq!(d.span.start_line, 5);
    assert!(d.message.contains("did you mean `type`"), "{}", d.message);
}

#[test]
fn bad_values_are_located() {
    let d = one(
        "version: 1\ntiers:\n  internal:\n    encryption_at_rest: requried\n",
        "blueprint-value",
    );
    assert_eq!(d.span.start_line, 4);
    assert!(
        d.message.contains("did you mean `required`"),
        "{}",
        d.message
    );
    let d = one(
        "version: 1\ntiers:\n  internal:\n    backup_retention_days: a week\n",
        "blueprint-type",
    );
    assert_eq!(d.span.start_line, 4);
    let d = one(
        "version: 1\ntiers: {a: {}}\nownership:\n  allowed_values:\n    owner: \"^team-(\"\n",
        "blueprint-regex",
    );
    assert_eq!(d.span.start_line, 5);
}

#[test]
fn version_is_required_and_checked() {
    one("tiers: {a: {}}\n", "blueprint-version");
    let d = one("version: 2\ntiers: {a: {}}\n", "blueprint-version");
    assert_eq!(d.span.start_line, 1);
    one("", "blueprint-empty");
}

#[test]
fn unknown_tier_in_inherits() {
    let d = one(
        "version: 1\ntiers:\n  internal: {}\n  confidential:\n    inherits: internl\n",
        "blueprint-unknown-tier",
    );
    assert_eq!(d.span.start_line, 5);
    assert!(
        d.message.contains("did you mean `internal`"),
        "{}",
        d.message
    );
}

#[test]
fn inheritance_cycle() {
    let e = errs(
        "version: 1\ntiers:\n  a:\n    inherits: b\n  b:\n    inherits: c\n  c:\n    inherits: a\n",
    );
    let cycles: Vec<_> = e
        .iter()
        .filter(|d| d.code == "blueprint-inheritance-cycle")
        .collect();
    assert!(!cycles.is_empty(), "{e:#?}");
    assert!(
        cycles[0].message.contains("a → b → c → a"),
        "{}",
        cycles[0].message
    );
    assert_eq!(cycles[0].span.start_line, 4);
    // Self-inheritance too.
    one(
        "version: 1\ntiers:\n  a:\n    inherits: a\n",
        "blueprint-inheritance-cycle",
    );
}

#[test]
fn rules_and_default_name_defined_tiers() {
    let d = one(
        "version: 1\ntiers: {internal: {}}\nclassification:\n  rules:\n    - match: { type: x }\n      tier: secret\n",
        "blueprint-unknown-tier",
    );
    assert_eq!(d.span.start_line, 6);
    let d = one(
        "version: 1\ntiers: {internal: {}}\nclassification:\n  default: intrenal\n",
        "blueprint-unknown-tier",
    );
    assert_eq!(d.span.start_line, 4);
    assert!(d.message.contains("did you mean `internal`"));
    one(
        "version: 1\ntiers: {finding: {}}\n",
        "blueprint-reserved-tier",
    );
    one(
        "version: 1\ntiers: {a: {}}\nclassification:\n  rules:\n    - match: {}\n      tier: a\n",
        "blueprint-rule",
    );
}

#[test]
fn unclassified_finding_spelling_and_builtin_tiers() {
    let (bp, d) = parse(
        "bp.yaml".into(),
        "version: 1\nclassification:\n  unclassified: finding\n",
    );
    assert!(d.is_empty(), "{d:#?}");
    let bp = bp.unwrap();
    assert!(bp.builtin_tiers);
    assert_eq!(bp.tiers.len(), 4);
    assert_eq!(
        bp.classification.default.as_ref().unwrap().value,
        palisade_blueprint::DefaultTier::Finding
    );
    // Built-in requirements point at the blueprint file.
    let c = bp.tiers["regulated"]
        .resolved
        .encryption_at_rest
        .as_ref()
        .unwrap();
    assert_eq!(&*c.span.path, "bp.yaml");
}

#[test]
fn load_reports_missing_files_and_validate_returns_diagnostics() {
    let (bp, d) =
        palisade_blueprint::load(std::path::Path::new("/nonexistent/palisade.blueprint.yaml"));
    assert!(bp.is_none());
    assert_eq!(d[0].code, "blueprint-read");
    let ok = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/blueprints/fintech/palisade.blueprint.yaml");
    assert!(palisade_blueprint::validate(&ok).is_empty());
}

#[test]
fn json_schema_matches_the_parser() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/schema/blueprint-v1.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for (pointer, keys) in palisade_blueprint::known_keys() {
        let obj = schema
            .pointer(pointer)
            .and_then(|v| v.as_object())
            .unwrap_or_else(|| panic!("schema has {pointer}"));
        let mut in_schema: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut in_parser: Vec<&str> = keys.to_vec();
        in_schema.sort();
        in_parser.sort();
        assert_eq!(in_schema, in_parser, "{pointer}");
    }
}
