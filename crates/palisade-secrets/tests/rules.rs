//! Every rule's true- and false-positive examples, plus rule-table checks.

use std::collections::BTreeSet;

use palisade_secrets::{Config, Scanner, examples, rules};

fn scanner() -> Scanner {
    match Scanner::new(&Config::default()) {
        Ok(s) => s,
        Err(e) => panic!("default config must build: {e}"),
    }
}

#[test]
fn at_least_sixty_rules_with_unique_ids_and_both_kinds_of_examples() {
    let all = rules();
    assert!(all.len() >= 60, "only {} rules", all.len());
    let mut ids = BTreeSet::new();
    for (i, r) in all.iter().enumerate() {
        assert_eq!(
            r.id,
            format!("PAL-SECRET-{:03}", i + 1),
            "ids are sequential"
        );
        assert!(ids.insert(r.id), "duplicate id {}", r.id);
        assert!(!r.title.is_empty() && !r.description.is_empty(), "{}", r.id);
        assert!(!r.keywords.is_empty(), "{} has no keyword", r.id);
        for k in r.keywords {
            assert!(k.len() >= 2, "{} keyword {k:?} too short", r.id);
        }
        assert!(
            !r.true_positives.is_empty(),
            "{} has no true positive",
            r.id
        );
        assert!(
            !r.false_positives.is_empty(),
            "{} has no false positive",
            r.id
        );
        assert!(
            !r.frameworks.is_empty(),
            "{} has no framework mapping",
            r.id
        );
        let info = r.info();
        assert_eq!(info.id, r.id);
        assert_eq!(info.category.as_str(), "secrets");
        assert!(info.frameworks.contains_key("nist-800-53"));
    }
}

#[test]
fn true_positive_examples_yield_exactly_one_finding_of_their_rule() {
    let s = scanner();
    let mut failures = Vec::new();
    for r in rules() {
        for (i, t) in r.true_positives.iter().enumerate() {
            let text = examples::render(t, examples::seed(r.id, i));
            let found = s.scan_text("example.txt", text.as_bytes());
            let ids: Vec<&str> = found.iter().map(|f| f.rule_id).collect();
            if ids != [r.id] {
                failures.push(format!("{} tp#{i}: got {ids:?} for {text:?}", r.id));
                continue;
            }
            // No generated (secret) 8-character run of the example may
            // appear in the finding's JSON or Debug output.
            let f = &found[0];
            let json = serde_json::to_string(f).unwrap_or_default();
            let debug = format!("{f:?}");
            let chars: Vec<char> = text.chars().collect();
            for w in chars.windows(8) {
                let w: String = w.iter().collect();
                if !t.contains(&w) {
                    assert!(!json.contains(&w), "{} leaks {w} in {json}", r.id);
                    assert!(!debug.contains(&w), "{} leaks {w} in {debug}", r.id);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn false_positive_examples_yield_no_finding() {
    let s = scanner();
    let mut failures = Vec::new();
    for r in rules() {
        for (i, t) in r.false_positives.iter().enumerate() {
            let text = examples::render(t, examples::seed(r.id, 100 + i));
            let found = s.scan_text("example.txt", text.as_bytes());
            if !found.is_empty() {
                let ids: Vec<&str> = found.iter().map(|f| f.rule_id).collect();
                failures.push(format!("{} fp#{i}: got {ids:?} for {text:?}", r.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn disabling_a_rule_silences_it_and_unknown_ids_are_errors() {
    let cfg = Config {
        disabled_rules: vec!["PAL-SECRET-013".into()],
        ..Config::default()
    };
    let s = match Scanner::new(&cfg) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let text = examples::render("x: ghp_«b62:36»", 1);
    assert!(s.scan_text("a.txt", text.as_bytes()).is_empty());
    let bad = Config {
        disabled_rules: vec!["PAL-SECRET-999".into()],
        ..Config::default()
    };
    let err = Scanner::new(&bad)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("PAL-SECRET-999"), "{err}");
}

#[test]
fn docs_list_every_rule() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/secrets.md");
    let doc = std::fs::read_to_string(path).unwrap_or_default();
    for r in rules() {
        let row = format!("| {} | {} |", r.id, r.title);
        assert!(doc.contains(&row), "docs/secrets.md lacks {row}");
    }
}
