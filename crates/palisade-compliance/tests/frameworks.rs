use std::collections::BTreeSet;

use palisade_compliance::{
    check_framework, check_rule_mappings, framework, framework_ids, frameworks, load_errors,
    parse_framework, validate_mapping,
};

#[test]
fn every_framework_parses_and_is_sound() {
    assert!(load_errors().is_empty(), "{:?}", load_errors());
    assert_eq!(
        framework_ids(),
        vec![
            "cis-aws",
            "cis-k8s",
            "soc2",
            "hipaa",
            "gdpr",
            "nist-800-53",
            "pci-dss",
            "pss"
        ]
    );
    for fw in frameworks() {
        let errs = check_framework(fw);
        assert!(errs.is_empty(), "{}: {errs:?}", fw.id);
        let ids: BTreeSet<&str> = fw.controls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), fw.controls.len(), "{}: duplicate ids", fw.id);
        for c in &fw.controls {
            assert!(
                c.description.len() <= 400,
                "{} {}: description too long",
                fw.id,
                c.id
            );
        }
    }
}

#[test]
fn control_counts_are_what_the_docs_say() {
    let count = |id: &str| framework(id).map(|f| f.controls.len()).unwrap_or(0);
    // CIS AWS v3.0: 22 + 9 + 9 + 16 + 6 recommendations.
    assert_eq!(count("cis-aws"), 62);
    assert_eq!(count("pss"), 17);
    assert!(count("cis-k8s") >= 120);
    assert!(count("soc2") >= 61);
    assert!(count("hipaa") >= 54);
    assert!(count("gdpr") >= 20);
    assert!(count("nist-800-53") >= 180);
    assert!(count("pci-dss") >= 220);
}

fn dotted(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn ids_follow_each_framework_style() {
    let check = |fw: &str, ok: fn(&str) -> bool| {
        for c in &framework(fw).expect("framework").controls {
            assert!(ok(&c.id), "{fw}: odd id `{}`", c.id);
        }
    };
    check("cis-aws", dotted);
    check("cis-k8s", dotted);
    check("pci-dss", dotted);
    check("soc2", |s| {
        let (pre, num) = s.split_at(s.find(|c: char| c.is_ascii_digit()).unwrap_or(0));
        ["CC", "A", "C", "PI", "P"].contains(&pre) && dotted(num)
    });
    check("hipaa", |s| {
        ["164.308(", "164.310(", "164.312("]
            .iter()
            .any(|p| s.starts_with(p))
            && s.ends_with(')')
    });
    check("nist-800-53", |s| {
        let Some((fam, rest)) = s.split_once('-') else {
            return false;
        };
        let num = rest.split('(').next().unwrap_or("");
        fam.len() == 2
            && fam.bytes().all(|b| b.is_ascii_uppercase())
            && !num.is_empty()
            && num.bytes().all(|b| b.is_ascii_digit())
    });
    check("pss", |s| {
        s.starts_with("baseline/") || s.starts_with("restricted/")
    });
}

#[test]
fn well_known_controls_exist_with_real_numbering() {
    let title = |fw: &str, id: &str| {
        framework(fw)
            .and_then(|f| f.control(id))
            .map(|c| c.title.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        title("cis-aws", "2.1.1"),
        "Ensure S3 Bucket Policy is set to deny HTTP requests"
    );
    assert!(title("cis-aws", "2.1.4").contains("Block public access"));
    assert!(title("cis-aws", "3.5").contains("KMS"));
    assert!(title("cis-aws", "5.6").contains("IMDSv2"));
    assert!(title("cis-k8s", "5.2.2").contains("privileged containers"));
    assert!(title("cis-k8s", "5.1.3").contains("wildcard"));
    assert_eq!(
        title("nist-800-53", "SC-28"),
        "Protection of Information at Rest"
    );
    assert_eq!(
        title("nist-800-53", "AC-6(9)"),
        "Log Use of Privileged Functions"
    );
    assert_eq!(
        title("nist-800-53", "SC-7(5)"),
        "Deny by Default — Allow by Exception"
    );
    assert_eq!(
        title("hipaa", "164.312(a)(2)(iv)"),
        "Encryption and decryption"
    );
    assert_eq!(
        title("hipaa", "164.308(a)(1)(ii)(D)"),
        "Information system activity review"
    );
    assert_eq!(title("gdpr", "32"), "Security of processing");
    assert_eq!(title("gdpr", "5(1)(f)"), "Integrity and confidentiality");
    assert!(!title("pci-dss", "8.3.6").is_empty());
    assert!(!title("pci-dss", "10.2.1").is_empty());
    for id in [
        "baseline/host-namespaces",
        "baseline/privileged-containers",
        "baseline/capabilities",
        "baseline/hostpath-volumes",
        "baseline/host-ports",
        "baseline/apparmor",
        "baseline/selinux",
        "baseline/proc-mount",
        "baseline/seccomp",
        "baseline/sysctls",
        "restricted/volume-types",
        "restricted/privilege-escalation",
        "restricted/running-as-non-root",
        "restricted/running-as-non-root-user",
        "restricted/seccomp",
        "restricted/capabilities",
    ] {
        assert!(validate_mapping("pss", id), "pss {id}");
    }
}

#[test]
fn validate_mapping_accepts_known_and_rejects_unknown() {
    // The mapping of PAL-S3-001 (palisade-rules/src/aws/s3_encryption.rs).
    for (fw, c) in [
        ("soc2", "CC6.1"),
        ("soc2", "CC6.7"),
        ("hipaa", "164.312(a)(2)(iv)"),
        ("gdpr", "32"),
        ("nist-800-53", "SC-28"),
        ("pci-dss", "3.5.1"),
        ("cis-aws", "2.1.1"),
    ] {
        assert!(validate_mapping(fw, c), "{fw} {c}");
    }
    assert!(!validate_mapping("soc2", "CC6.9"));
    assert!(!validate_mapping("soc2", "cc6.1"), "ids are case-sensitive");
    assert!(!validate_mapping("cis-aws", "2.1.5"));
    assert!(!validate_mapping("iso27001", "A.8.1"));
    assert!(!validate_mapping("nist-800-53", "SC-28 "));
}

#[test]
fn check_rule_mappings_reports_each_problem() {
    let good: &[(&str, &[&str])] = &[("soc2", &["CC6.1", "CC6.7"]), ("gdpr", &["32"])];
    let bad: &[(&str, &[&str])] = &[
        ("soc2", &["CC6.1", "CC6.1", "CC99.1"]),
        ("iso27001", &["A.5"]),
        ("gdpr", &[]),
        ("gdpr", &["32"]),
    ];
    assert!(check_rule_mappings(&[("PAL-OK-001", good)]).is_empty());
    let errs = check_rule_mappings(&[("PAL-OK-001", good), ("PAL-BAD-001", bad)]);
    assert_eq!(errs.len(), 5, "{errs:#?}");
    assert!(errs.iter().all(|e| e.starts_with("PAL-BAD-001: ")));
    assert!(errs.iter().any(|e| e.contains("`CC6.1` is listed twice")));
    assert!(errs.iter().any(|e| e.contains("unknown control `CC99.1`")));
    assert!(
        errs.iter()
            .any(|e| e.contains("unknown framework `iso27001`"))
    );
    assert!(errs.iter().any(|e| e.contains("maps to no control")));
    assert!(errs.iter().any(|e| e.contains("`gdpr` is listed twice")));
}

#[test]
fn parse_framework_rejects_malformed_data() {
    assert!(parse_framework("id = \"x\"\nname = \"X\"\nversion = \"1\"\ncontrols = []\n").is_ok());
    assert!(parse_framework("id = \"x\"\ncontrols = [").is_err());
    assert!(parse_framework("id = \"x\"\nname = \"X\"\nversion = \"1\"\n").is_err());
    let fw = parse_framework(
        "id = \"x\"\nname = \"X\"\nversion = \"1\"\ncontrols = [\n { id = \"1\", title = \"t\", description = \"d\" },\n { id = \"1\", title = \"\", description = \"d\" },\n]\n",
    )
    .expect("parses");
    let errs = check_framework(&fw);
    assert_eq!(errs.len(), 2, "{errs:?}");
}

#[test]
fn check_rule_info_mappings_matches_the_static_form() {
    let mut frameworks = std::collections::BTreeMap::new();
    frameworks.insert("hipaa".to_string(), vec!["164.312(a)(2)(iv)".to_string()]);
    frameworks.insert("pss".to_string(), vec!["baseline/root".to_string()]);
    let info = palisade_engine::RuleInfo {
        id: "CUSTOM-1".into(),
        title: "t".into(),
        severity: palisade_engine::Severity::Low,
        category: palisade_engine::Category::Custom,
        frameworks,
        description: String::new(),
        help: String::new(),
        help_uri: String::new(),
        builtin: false,
    };
    let errs = palisade_compliance::check_rule_info_mappings(&[info]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("unknown control `baseline/root` in `pss`"));
}
