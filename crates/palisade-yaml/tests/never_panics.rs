//! Random input never panics: arbitrary text, and texts assembled from
//! YAML fragments (anchors, aliases, merge keys, tags, flow collections,
//! block scalars, documents) that reach deep into the loader.

use std::sync::Arc;

use proptest::prelude::*;

const SNIPPETS: &[&str] = &[
    "a: ",
    "- ",
    "  ",
    "\n",
    "&x ",
    "*x",
    "<<: *x",
    "!Ref ",
    "!!str ",
    "!Sub ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "? ",
    ": ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "\"",
    "'",
    "#c",
    "%YAML 1.2\n",
    "1",
    "yes",
    "~",
    "0x1F",
    "1e3",
    ".inf",
    "key",
    "\t",
    "\\",
    "&y [*x, *x]",
    "*y",
    "\u{feff}",
];

fn load(text: &str) {
    let path: Arc<str> = "fuzz.yaml".into();
    let (nodes, diags) = palisade_yaml::load(&path, text);
    // Diagnostics name the file and a line inside it.
    let lines = text.lines().count().max(1) as u32 + 1;
    for d in &diags {
        assert_eq!(d.span.path.as_ref(), "fuzz.yaml");
        assert!(
            d.span.start_line >= 1 && d.span.start_line <= lines,
            "{d:?}"
        );
    }
    let _ = nodes;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        load(&text);
    }

    #[test]
    fn yaml_fragments_never_panic(parts in proptest::collection::vec(0..SNIPPETS.len(), 0..80)) {
        let text: String = parts.iter().map(|i| SNIPPETS[*i]).collect();
        load(&text);
    }
}

#[test]
fn alias_bomb_is_bounded() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let path: Arc<str> = "bomb.yaml".into();
    let (_, diags) = palisade_yaml::load(&path, &text);
    assert!(
        diags.iter().any(|d| d.code == "yaml-alias-limit"),
        "{diags:?}"
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let text = format!("x: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let path: Arc<str> = "deep.yaml".into();
    let (_, diags) = palisade_yaml::load(&path, &text);
    // The loader's own depth cap or the tokenizer's recursion limit.
    assert!(
        diags
            .iter()
            .any(|d| d.code == "yaml-depth-limit" || d.message.contains("recursion limit")),
        "{diags:?}"
    );
}
