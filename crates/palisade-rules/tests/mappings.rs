//! Every compliance mapping of every built-in rule names a framework and a
//! control that exist in the versioned framework catalogues.

#[test]
fn every_mapping_names_a_known_control() {
    let rules = palisade_rules::all();
    let mappings: Vec<palisade_compliance::RuleMappings<'_>> =
        rules.iter().map(|r| (r.id, r.frameworks)).collect();
    let errors = palisade_compliance::check_rule_mappings(&mappings);
    assert!(
        errors.is_empty(),
        "{} bad mappings:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn severities_follow_the_written_policy() {
    // docs/severity.md: critical is reserved for direct exposure to everyone
    // or full control; no critical rule may be a hygiene category.
    for r in palisade_rules::all() {
        if r.severity == palisade_engine::Severity::Critical {
            assert!(
                !matches!(
                    r.category,
                    palisade_engine::Category::SupplyChain | palisade_engine::Category::Logging
                ),
                "{}: critical severity in category {}",
                r.id,
                r.category
            );
        }
    }
}
