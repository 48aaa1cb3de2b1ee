//! An HCL syntax error is located at the token that causes it, not where
//! hcl-edit gave up (the start of the attribute, the next line, the end of
//! the file).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use palisade_terraform::{TfOptions, load};

static N: AtomicUsize = AtomicUsize::new(0);

/// (line, column, message) of the only `hcl-syntax` diagnostic for `text`.
fn error_at(text: &str) -> (u32, u32, String) {
    let d = std::env::temp_dir().join(format!(
        "palisade-tf-syntax-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("main.tf"), text).unwrap();
    let dirs: Vec<PathBuf> = vec![d.clone()];
    let p = load(&d, &dirs, &TfOptions::default());
    let _ = std::fs::remove_dir_all(&d);
    let syn: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|x| x.code == "hcl-syntax")
        .collect();
    assert_eq!(syn.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(syn[0].span.path.as_ref(), "main.tf");
    (
        syn[0].span.start_line,
        syn[0].span.start_col,
        syn[0].message.clone(),
    )
}

#[test]
fn missing_equals_points_at_the_value() {
    // hcl-edit reads `"x"` as a block label and stops at the end of the line.
    let (l, c, m) = error_at("resource \"a\" \"b\" {\n  bucket \"x\"\n  acl = 1\n}\n");
    assert_eq!((l, c), (2, 10), "{m}");
    assert!(
        m.contains("expected `=` between `bucket` and its value"),
        "{m}"
    );
    let (l, c, _) = error_at("locals {\n  a 1\n}\n");
    assert_eq!((l, c), (2, 5));
}

#[test]
fn unclosed_brace_points_at_the_brace() {
    // hcl-edit reports the end of the file (6:3, 2:16).
    let (l, c, m) = error_at(
        "resource \"a\" \"b\" {\n  bucket = \"x\"\n\nresource \"c\" \"d\" {\n  x = 1\n}\n",
    );
    assert_eq!((l, c), (1, 18), "{m}");
    assert!(m.contains("`{` is never closed by `}`"), "{m}");
    let (l, c, _) = error_at("resource \"a\" \"b\" {\n  bucket = \"x\"\n");
    assert_eq!((l, c), (1, 18));
}

#[test]
fn unclosed_bracket_points_at_the_bracket() {
    // hcl-edit reports `b` on the next line (3:3).
    let (l, c, m) = error_at("locals {\n  a = [1, 2\n  b = 3\n}\n");
    assert_eq!((l, c), (2, 7), "{m}");
}

#[test]
fn unclosed_string_points_at_the_opening_quote() {
    // hcl-edit reports the start of the attribute (2:3).
    let (l, c, m) = error_at("resource \"a\" \"b\" {\n  bucket = \"oops\n}\n");
    assert_eq!((l, c), (2, 12), "{m}");
    assert!(m.contains("unterminated string"), "{m}");
    // hcl-edit reads on to the next line and reports `private` (3:10).
    let (l, c, _) = error_at("resource \"a\" \"b\" {\n  bucket = \"oops\n  acl = \"private\"\n}\n");
    assert_eq!((l, c), (2, 12));
}

#[test]
fn stray_closing_brace_points_at_the_brace() {
    let (l, c, _) = error_at("resource \"a\" \"b\" {\n  bucket = \"x\"\n}\n}\n");
    assert_eq!((l, c), (4, 1));
}

#[test]
fn strings_templates_comments_and_heredocs_do_not_confuse_the_scan() {
    // The only unclosed `{` is the one of `locals` on line 1.
    let text = "locals {\n  a = \"}${jsonencode({x = \"]\"})}\" # }\n  // }\n  /* } */\n  b = <<EOT\n}\nEOT\n  c = \"é\"\n";
    let (l, c, m) = error_at(text);
    assert_eq!((l, c), (1, 8), "{m}");
}

#[test]
fn columns_count_characters() {
    let (l, c, _) = error_at("locals {\n  é = \"x\" \"y\"\n}\n");
    assert_eq!((l, c), (2, 11));
}
