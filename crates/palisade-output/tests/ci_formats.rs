mod common;

use common::Fixture;
use palisade_output::{
    Format, github_escape_data, github_escape_property, write, write_github, write_gitlab_sast_at,
    write_junit, write_markdown, write_markdown_with,
};

fn render(f: impl Fn(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn junit_snapshot() {
    let fx = Fixture::new();
    let out = render(|w| write_junit(&fx.report(), w));
    assert!(out.starts_with("<?xml"));
    // One failing testcase per non-pass finding; unknown is skipped.
    assert_eq!(out.matches("<failure ").count(), 4);
    assert_eq!(out.matches("<skipped ").count(), 1);
    assert!(
        out.contains(
            r#"<testsuites name="palisade" tests="6" failures="4" errors="1" skipped="1">"#
        )
    );
    // The ANSI escape in no message reaches the XML; `<`/`&` are escaped.
    assert!(!out.contains('\x1b'));
    insta::assert_snapshot!("junit", out);
}

#[test]
fn junit_escapes_hostile_text() {
    let mut fx = Fixture::new();
    fx.findings[0].message = "a <b> & \"c\" 'd' \u{1b}[31m\u{0}".into();
    fx.findings[0].resource.address = "x\"><script>".into();
    let out = render(|w| write_junit(&fx.report(), w));
    assert!(out.contains("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; [31m"));
    assert!(out.contains("x&quot;&gt;&lt;script&gt;"));
    assert!(!out.contains('\u{0}'));
}

#[test]
fn junit_empty_report_has_a_passing_case() {
    let fx = Fixture::new();
    let mut r = fx.report();
    r.findings = &[];
    r.diagnostics = &[];
    let out = render(|w| write_junit(&r, w));
    assert!(out.contains(r#"tests="1" failures="0""#));
    assert!(out.contains("<testcase name=\"4 files, 7 resources scanned\""));
}

#[test]
fn markdown_snapshot() {
    let fx = Fixture::new();
    let out = render(|w| write_markdown(&fx.report(), w));
    // Most severe first.
    let crit = out.find("PAL-K8S-001").unwrap();
    let high = out.find("PAL-S3-002").unwrap();
    assert!(crit < high);
    insta::assert_snapshot!("markdown", out);
}

#[test]
fn markdown_links_and_escapes() {
    let mut fx = Fixture::new();
    fx.findings[0].message = "pipe | and\nnewline <tag>".into();
    let out = render(|w| write_markdown_with(&fx.report(), Some("https://x.test/blob/abc/"), w));
    assert!(out.contains("](https://x.test/blob/abc/k8s/deploy.yaml#L12)"));
    assert!(out.contains("pipe \\| and newline &lt;tag&gt;"));
    assert!(out.contains("https://x.test/blob/abc/plan%20dir/plan.json#L40"));
}

#[test]
fn markdown_clean_report() {
    let fx = Fixture::new();
    let mut r = fx.report();
    r.findings = &[];
    r.diagnostics = &[];
    let out = render(|w| write_markdown(&r, w));
    assert!(out.contains("No findings in 4 files"));
    assert!(!out.contains("Top"));
}

#[test]
fn github_snapshot() {
    let fx = Fixture::new();
    let out = render(|w| write_github(&fx.report(), w));
    for l in out.lines() {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "{l}"
        );
        assert!(l.contains(" file=") && l.contains(",line="));
    }
    assert!(out.contains("::error file=k8s/deploy.yaml,line=12,endLine=12,col=13,title=PAL-K8S-001 [critical] Containers must not run privileged::container `web` runs privileged (Deployment/default/web)"));
    // The unknown result's multi-line message is one command.
    assert!(out.contains("%0Aunknown%3A") || out.contains("%0Aunknown: "));
    insta::assert_snapshot!("github", out);
}

#[test]
fn github_escaping() {
    assert_eq!(github_escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
    assert_eq!(github_escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
}

#[test]
fn gitlab_sast_snapshot() {
    let fx = Fixture::new();
    let out = render(|w| {
        write_gitlab_sast_at(
            &fx.report(),
            "2024-05-01T10:00:00",
            "2024-05-01T10:00:05",
            w,
        )
    });
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "15.0.7");
    assert_eq!(v["scan"]["type"], "sast");
    assert_eq!(v["scan"]["status"], "success");
    assert_eq!(v["scan"]["start_time"], "2024-05-01T10:00:00");
    let vulns = v["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), 5);
    let mut ids = std::collections::BTreeSet::new();
    for x in vulns {
        assert_eq!(x["category"], "sast");
        let sev = x["severity"].as_str().unwrap();
        assert!(["Critical", "High", "Medium", "Low", "Info", "Unknown"].contains(&sev));
        assert!(x["location"]["start_line"].as_u64().unwrap() >= 1);
        assert!(x["identifiers"][0]["value"].as_str().unwrap().len() > 3);
        let id = x["id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert!(ids.insert(id.to_string()), "ids are unique");
    }
    assert!(vulns.iter().any(|x| x["severity"] == "Unknown"));
    insta::assert_snapshot!("gitlab_sast", out);
}

#[test]
fn formats_parse_and_dispatch() {
    let fx = Fixture::new();
    for name in ["junit", "markdown", "github", "gitlab-sast", "GitLab-SAST"] {
        let f: Format = name.parse().unwrap();
        let out = render(|w| write(&fx.report(), f, &Default::default(), &|_| None, w));
        assert!(!out.is_empty(), "{name}");
    }
    assert!("gitlab".parse::<Format>().is_err());
}
