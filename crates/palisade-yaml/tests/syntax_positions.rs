//! A YAML syntax error is located at the token that causes it, not where the
//! parser gave up (often the next line, or the end of the file).

use std::sync::Arc;

use palisade_yaml::load;

/// (line, column, message) of the only diagnostic.
fn error_at(text: &str) -> (u32, u32, String) {
    let path: Arc<str> = "f.yaml".into();
    let (_, diags) = load(&path, text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.code, "yaml-syntax");
    (d.span.start_line, d.span.start_col, d.message.clone())
}

#[test]
fn bad_indentation_points_at_the_misindented_key() {
    let (l, c, _) = error_at("a:\n  b: 1\n c: 2\n");
    assert_eq!((l, c), (3, 2));
}

#[test]
fn unclosed_flow_sequence_points_at_the_bracket() {
    // saphyr reports the `:` of `c: 3` (3:2).
    let (l, c, m) = error_at("a: 1\nb: [a, b\nc: 3\n");
    assert_eq!((l, c), (2, 4), "{m}");
    assert!(m.contains("flow sequence `[` is never closed"), "{m}");
    assert!(m.contains("line 3, column 2"), "{m}");
}

#[test]
fn unclosed_flow_sequence_at_end_of_file_points_at_the_bracket() {
    // saphyr reports the end of the file (3:1, a line that does not exist).
    let (l, c, _) = error_at("a: 1\nb: [a, b\n");
    assert_eq!((l, c), (2, 4));
}

#[test]
fn unclosed_flow_mapping_points_at_the_brace_counting_chars() {
    let (l, c, m) = error_at("é: 1\nbé: {x: 1\nc: 3\n");
    assert_eq!((l, c), (2, 5), "{m}");
    assert!(m.contains("flow mapping `{`"), "{m}");
}

#[test]
fn an_error_inside_a_multiline_flow_collection_stays_where_it_is() {
    let (l, c, _) = error_at("b: [a,\n  c: d: e]\n");
    assert_eq!((l, c), (2, 7));
}

#[test]
fn tab_in_indentation_points_at_the_tab() {
    // saphyr reports the column after the tab (2:2).
    let (l, c, m) = error_at("a:\n\tb: 1\n");
    assert_eq!((l, c), (2, 1), "{m}");
    // saphyr reports the plain scalar `1` on the line before (2:6).
    let (l, c, m) = error_at("a:\n  b: 1\n\tc: 2\n");
    assert_eq!((l, c), (3, 1), "{m}");
}

#[test]
fn unclosed_quote_points_at_the_opening_quote() {
    let (l, c, _) = error_at("a: 1\nb: \"abc\nc: 3\n");
    assert_eq!((l, c), (2, 4));
    let (l, c, _) = error_at("a: 1\nb: 'abc\nc: 3\n");
    assert_eq!((l, c), (2, 4));
    let (l, c, _) = error_at("a: 1\nb: \"abc\n");
    assert_eq!((l, c), (2, 4));
}
