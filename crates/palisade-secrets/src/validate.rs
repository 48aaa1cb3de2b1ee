//! Entropy, placeholder exclusions and per-rule validators.

use crate::rule::Candidate;

/// Shannon entropy in bits per byte.
pub fn shannon_entropy(data: &[u8]) -> f32 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in data {
        counts[b as usize] += 1;
    }
    let n = data.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// Well-known documentation values that are never reported (gitleaks does
/// the same): AWS's documented example key pair and jwt.io's sample token.
pub const BUILTIN_ALLOWED_SECRETS: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
];

/// Substrings (lower-case) that mark a value as a placeholder for every rule.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "xxxx",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "redacted",
    "your_",
    "your-",
    "yourkey",
    "...",
    "\u{2026}",
    "*****",
];

/// Template / interpolation markers: a value holding one is not a literal.
const TEMPLATE_MARKERS: &[&str] = &["${", "{{", "}}", "<", ">", "%(", "$(", "#{", "%{"];

/// Exact values (lower-case) too trivial or generic to be a real secret.
const TRIVIAL: &[&str] = &[
    "password", "passwd", "pass", "pwd", "secret", "changeme", "admin", "root", "guest", "default",
    "test", "testing", "none", "null", "nil", "true", "false", "empty", "required", "optional",
    "string", "token", "value", "postgres", "mysql", "redis", "user", "username", "sample",
];

/// Prefixes of values known not to be secrets (test-mode and publishable keys).
const NON_SECRET_PREFIXES: &[&str] = &["sk_test_", "rk_test_", "pk_test_", "pk_live_"];

/// Terraform / code reference prefixes.
const REFERENCE_PREFIXES: &[&str] = &[
    "var.",
    "local.",
    "module.",
    "data.",
    "each.",
    "self.",
    "count.",
    "path.",
    "terraform.",
];

fn contains_ci(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    if n.is_empty() || hay.len() < n.len() {
        return false;
    }
    hay.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether any rule's secret is an obvious placeholder: documentation
/// example, template marker, masked value or a single repeated character.
pub fn is_placeholder(secret: &[u8]) -> bool {
    if BUILTIN_ALLOWED_SECRETS
        .iter()
        .any(|a| a.as_bytes() == secret)
    {
        return true;
    }
    if PLACEHOLDER_WORDS.iter().any(|w| contains_ci(secret, w)) {
        return true;
    }
    if TEMPLATE_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(secret, m.as_bytes()).is_some())
    {
        return true;
    }
    match secret.first() {
        Some(&f) => secret.iter().all(|&b| b == f),
        None => true,
    }
}

fn looks_like_reference(s: &[u8]) -> bool {
    let first_ok = s
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    first_ok
        && s.contains(&b'.')
        && s.iter()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-[]\"*".contains(b))
}

fn looks_like_path(s: &[u8]) -> bool {
    const EXT: &[&str] = &[
        ".pem", ".key", ".crt", ".cer", ".json", ".txt", ".yaml", ".yml", ".p12", ".pfx", ".jks",
        ".env", ".conf",
    ];
    s.starts_with(b"/")
        || s.starts_with(b"./")
        || s.starts_with(b"../")
        || s.starts_with(b"~/")
        || s.starts_with(b"file:")
        || EXT
            .iter()
            .any(|e| s.len() > e.len() && s[s.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()))
}

/// Validator for free-form values (passwords, URLs): drops references,
/// function calls, paths, env-var expansions and trivial words.
pub fn freeform_secret(c: &Candidate<'_>) -> bool {
    let s = c.secret;
    if !freeform_url(c) {
        return false;
    }
    if !c.quoted {
        if looks_like_reference(s) {
            return false;
        }
        // An unquoted bare identifier is a variable in code, not a literal.
        if s.iter().all(|b| b.is_ascii_alphabetic() || *b == b'_') {
            return false;
        }
    }
    true
}

/// Validator for passwords inside URLs: like [`freeform_secret`] but the
/// value is never quoted, so identifier-like passwords are kept.
pub fn freeform_url(c: &Candidate<'_>) -> bool {
    let s = c.secret;
    if s.len() < 3 || s.starts_with(b"-----") || s.starts_with(b"$") || s.starts_with(b"%") {
        return false;
    }
    if c.next == Some(b'(') {
        return false;
    }
    if REFERENCE_PREFIXES
        .iter()
        .any(|p| s.starts_with(p.as_bytes()))
    {
        return false;
    }
    if NON_SECRET_PREFIXES
        .iter()
        .any(|p| s.starts_with(p.as_bytes()))
    {
        return false;
    }
    if TRIVIAL.iter().any(|t| s.eq_ignore_ascii_case(t.as_bytes())) {
        return false;
    }
    !looks_like_path(s)
}

/// Validator for generic tokens/keys: a free-form value that also mixes
/// letters and digits (real tokens do; names and sentences rarely).
pub fn freeform_token(c: &Candidate<'_>) -> bool {
    freeform_secret(c)
        && c.secret.iter().any(u8::is_ascii_digit)
        && c.secret.iter().any(u8::is_ascii_alphabetic)
}

/// Decodes standard or URL-safe base64, padded or not. `None` on bad input.
pub fn base64_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &b in input {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A JWT whose header decodes to JSON naming an algorithm.
pub fn jwt(c: &Candidate<'_>) -> bool {
    let header = c.secret.split(|&b| b == b'.').next().unwrap_or_default();
    match base64_decode(header) {
        Some(h) => h.starts_with(b"{") && memchr::memmem::find(&h, b"\"alg\"").is_some(),
        None => false,
    }
}

/// A Docker `auth` value: base64 of printable `user:password`.
pub fn docker_auth(c: &Candidate<'_>) -> bool {
    let Some(d) = base64_decode(c.secret) else {
        return false;
    };
    let Some(colon) = memchr::memchr(b':', &d) else {
        return false;
    };
    colon > 0
        && colon + 1 < d.len()
        && d.iter().all(|b| b.is_ascii_graphic() || *b == b' ')
        && !is_placeholder(&d[colon + 1..])
}

/// A PEM body with enough high-entropy base64 to be a real key.
pub fn pem_body(c: &Candidate<'_>) -> bool {
    let b64: Vec<u8> = c
        .secret
        .iter()
        .copied()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .collect();
    b64.len() >= 64 && shannon_entropy(&b64) >= 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(s: &str, quoted: bool) -> Candidate<'_> {
        Candidate {
            secret: s.as_bytes(),
            quoted,
            next: None,
        }
    }

    #[test]
    fn entropy_values() {
        assert_eq!(shannon_entropy(b""), 0.0);
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-6);
        assert!(shannon_entropy(b"Zp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xfogoEmvnEN") > 4.0);
    }

    #[test]
    fn placeholders() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "${var.x}",
            "{{ .Values.x }}",
            "<token>",
            "xxxxxxxx",
            "********",
            "REDACTED",
            "changeme123",
            "your_api_key",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        assert!(!is_placeholder(b"Zp0zVZomHFwUbbYr"));
    }

    #[test]
    fn freeform_rules() {
        assert!(!freeform_secret(&cand("var.db_password", false)));
        assert!(!freeform_secret(&cand("random_password.db.result", false)));
        assert!(!freeform_secret(&cand("userInput", false)));
        assert!(freeform_secret(&cand("userInput", true)));
        assert!(!freeform_secret(&cand("/run/secrets/db", true)));
        assert!(!freeform_secret(&cand("postgres", true)));
        assert!(freeform_secret(&cand("P@ssw0rd2024", false)));
        assert!(!freeform_token(&cand("my-app-secret-name", false)));
        assert!(!freeform_token(&cand("sk_test_abc123def456", true)));
    }

    #[test]
    fn base64_and_validators() {
        assert_eq!(base64_decode(b"aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode(b"aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode(b"a!"), None);
        assert!(docker_auth(&cand("dXNlcjpzM2NyM3Q=", true)));
        assert!(!docker_auth(&cand("bm90LWEtcGFpcg==", true)));
        assert!(jwt(&cand("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig", false)));
        assert!(!jwt(&cand("eyJoZWxsbyI6IndvcmxkIn0.eyJhIjoxfQ.sig", false)));
    }
}
