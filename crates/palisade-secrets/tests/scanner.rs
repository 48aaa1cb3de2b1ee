//! Scanner behaviour: realistic files, allow-lists, binary skip, redaction,
//! positions, fingerprints, limits.

use palisade_secrets::{Config, Scanner, SecretFinding, examples, fingerprint, redact};

fn scanner_with(cfg: Config) -> Scanner {
    match Scanner::new(&cfg) {
        Ok(s) => s,
        Err(e) => panic!("config must build: {e}"),
    }
}

fn scanner() -> Scanner {
    scanner_with(Config::default())
}

/// A fake GitHub token built at run time (never a literal in the source).
fn fake_github_token(seed: u64) -> String {
    examples::render(concat!("gh", "p_«b62:36»"), seed)
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!("{path}: {e}"),
    }
}

#[test]
fn realistic_terraform_and_kubernetes_find_exactly_the_planted_secrets() {
    let key_id = examples::render(concat!("AK", "IA«B32:16»"), 11);
    let secret_key = examples::render("«b64:40»", 12);
    let webhook = examples::render(
        concat!(
            "https://hooks.",
            "slack.com/services/T«UP:9»/B«UP:9»/«b62:24»"
        ),
        13,
    );
    let tf = fixture("main.tf")
        .replace("{{PLANTED_ACCESS_KEY_ID}}", &key_id)
        .replace("{{PLANTED_SECRET_KEY}}", &secret_key);
    let k8s = fixture("deployment.yaml").replace("{{PLANTED_SLACK_WEBHOOK}}", &webhook);
    let s = scanner();
    let mut found = s.scan_text("infra/main.tf", tf.as_bytes());
    found.extend(s.scan_text("k8s/deployment.yaml", k8s.as_bytes()));
    let got: Vec<(&str, &str, u32)> = found
        .iter()
        .map(|f| (f.path.as_str(), f.rule_id, f.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("infra/main.tf", "PAL-SECRET-001", 14),
            ("infra/main.tf", "PAL-SECRET-104", 15),
            ("k8s/deployment.yaml", "PAL-SECRET-026", 27),
        ],
        "{found:#?}"
    );
    // Columns point at the secret itself.
    let line14 = tf.lines().nth(13).unwrap_or_default();
    let col = line14.find(&key_id).map_or(0, |c| c + 1) as u32;
    assert_eq!((found[0].start_col, found[0].end_col), (col, col + 20));
    assert_eq!(found[0].end_line, 14);
}

#[test]
fn findings_are_redacted_everywhere() {
    let token = fake_github_token(1);
    let text = format!("GITHUB_TOKEN={token}\n");
    let found = scanner().scan_text("ci.env", text.as_bytes());
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(f.redacted, "ghp_…(40)");
    let json = serde_json::to_string(f).unwrap_or_default();
    let debug = format!("{f:?}");
    let body = &token[4..];
    assert!(!json.contains(body) && !debug.contains(body));
    assert!(json.contains("\"redacted\":\"ghp_…(40)\""), "{json}");
    assert!(json.contains("\"severity\":\"critical\""), "{json}");
    assert_eq!(redact(b"abc"), "…(3)");
}

#[test]
fn fingerprint_depends_on_rule_path_and_secret_not_line() {
    let token = fake_github_token(2);
    let a = format!("x: {token}\n");
    let b = format!("\n\n\n   x: {token}\n");
    let s = scanner();
    let fa: Vec<SecretFinding> = s.scan_text("a.yaml", a.as_bytes());
    let fb = s.scan_text("a.yaml", b.as_bytes());
    let fc = s.scan_text("b.yaml", a.as_bytes());
    assert_eq!(fa.len(), 1);
    assert_eq!(fa[0].fingerprint, fb[0].fingerprint);
    assert_ne!(fa[0].line, fb[0].line);
    assert_ne!(fa[0].fingerprint, fc[0].fingerprint);
    assert_eq!(
        fa[0].fingerprint,
        fingerprint("PAL-SECRET-013", "a.yaml", token.as_bytes())
    );
    let other = fake_github_token(3);
    let fd = s.scan_text("a.yaml", format!("x: {other}\n").as_bytes());
    assert_ne!(fa[0].fingerprint, fd[0].fingerprint);
}

#[test]
fn path_allow_list_skips_files() {
    let text = format!("t: {}\n", fake_github_token(4));
    let s = scanner_with(Config {
        allow_paths: vec!["**/testdata/**".into(), "*.snap".into()],
        ..Config::default()
    });
    assert!(
        s.scan_text("pkg/testdata/creds.yaml", text.as_bytes())
            .is_empty()
    );
    assert!(s.scan_text("out.snap", text.as_bytes()).is_empty());
    assert_eq!(s.scan_text("pkg/creds.yaml", text.as_bytes()).len(), 1);
    // Built-in: lock files.
    assert!(
        scanner()
            .scan_text("web/package-lock.json", text.as_bytes())
            .is_empty()
    );
    let no_builtin = scanner_with(Config {
        builtin_allowlist: false,
        ..Config::default()
    });
    assert_eq!(
        no_builtin
            .scan_text("web/package-lock.json", text.as_bytes())
            .len(),
        1
    );
}

#[test]
fn pattern_allow_list_drops_matching_secrets() {
    let token = fake_github_token(5);
    let text = format!("a: {token}\nb: {}\n", fake_github_token(6));
    let s = scanner_with(Config {
        allow_patterns: vec![regex_escape(&token)],
        ..Config::default()
    });
    let found = s.scan_text("x.yaml", text.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 2);
    let bad = Scanner::new(&Config {
        allow_patterns: vec!["(".into()],
        ..Config::default()
    });
    assert!(bad.is_err());
    let bad_glob = Scanner::new(&Config {
        allow_paths: vec!["a[".into()],
        ..Config::default()
    });
    assert!(bad_glob.is_err());
    // The same checks, one entry at a time.
    assert!(matches!(
        palisade_secrets::check_allow_pattern("("),
        Err(palisade_secrets::Error::Pattern { pattern, .. }) if pattern == "("
    ));
    assert!(palisade_secrets::check_allow_pattern("^dummy-").is_ok());
    assert!(matches!(
        palisade_secrets::check_allow_path("a["),
        Err(palisade_secrets::Error::Glob { glob, .. }) if glob == "a["
    ));
    assert!(palisade_secrets::check_allow_path("**/testdata/**").is_ok());
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

#[test]
fn documented_aws_example_keys_are_allowed() {
    let text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
    assert!(scanner().scan_text("README.md", text.as_bytes()).is_empty());
}

#[test]
fn binary_files_are_skipped() {
    let mut bin = vec![0x7f, b'E', b'L', b'F', 0, 0, 1];
    bin.extend_from_slice(format!("\n{}\n", fake_github_token(7)).as_bytes());
    assert!(scanner().scan_text("app.bin", &bin).is_empty());
    // A NUL after the first 8 KiB does not make a file binary.
    let mut text = vec![b'a'; 9000];
    text.push(b'\n');
    text.extend_from_slice(format!("{}\n", fake_github_token(7)).as_bytes());
    text.push(0);
    assert_eq!(scanner().scan_text("big.txt", &text).len(), 1);
}

#[test]
fn long_minified_lines_are_windowed_not_skipped() {
    let mut line = "var a=1;".repeat(20_000);
    line.push_str(&format!("var t=\"{}\";", fake_github_token(8)));
    line.push_str(&"var b=2;".repeat(20_000));
    let found = scanner().scan_text("app.min.js", line.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 1);
    assert_eq!(found[0].start_col, 160_008);
}

#[test]
fn findings_are_capped_per_file() {
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!("t{i}: {}\n", fake_github_token(100 + i)));
    }
    let s = scanner_with(Config {
        max_findings_per_file: 10,
        ..Config::default()
    });
    assert_eq!(s.scan_text("many.yaml", text.as_bytes()).len(), 10);
    assert_eq!(scanner().scan_text("many.yaml", text.as_bytes()).len(), 50);
}

#[test]
fn multiline_pem_reports_span_over_lines() {
    let pem = examples::render(
        concat!(
            "a: 1\n-----BEGIN OPENSSH ",
            "PRIVATE KEY-----\nb3Bl«b64:60»\n«b64:64»\n«b64:20»\n-----END OPENSSH PRIVATE KEY-----\n"
        ),
        9,
    );
    let found = scanner().scan_text("id_ed25519", pem.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(
        (f.rule_id, f.line, f.start_col, f.end_line, f.end_col),
        ("PAL-SECRET-091", 3, 1, 5, 21)
    );
    assert!(f.entropy > 5.0);
}

#[test]
fn scanner_is_send_and_sync_and_deterministic_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scanner>();
    let s = scanner();
    let text = format!(
        "a: {}\nb: {}\n",
        fake_github_token(20),
        fake_github_token(21)
    );
    let results: Vec<Vec<SecretFinding>> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..4)
            .map(|_| sc.spawn(|| s.scan_text("t.yaml", text.as_bytes())))
            .collect();
        hs.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    assert_eq!(results.len(), 4);
    assert!(results.iter().all(|r| r == &results[0] && r.len() == 2));
}

#[test]
fn empty_and_invalid_utf8_input_do_not_panic() {
    let s = scanner();
    assert!(s.scan_text("e", b"").is_empty());
    let mut bytes = b"password = \"\xff\xfeSup3r\xc3S3cret!\"\n".to_vec();
    bytes.extend_from_slice(b"token: \xe2\x82");
    let found = s.scan_text("x", &bytes);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule_id, "PAL-SECRET-103");
}
