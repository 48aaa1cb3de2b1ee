//! Random input never panics, hangs or explodes.

use proptest::prelude::*;

fn load_text(bytes: &[u8], name: &str) -> palisade_model::Parsed {
    let d = std::env::temp_dir().join(format!(
        "palisade-tf-fuzz-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(name), bytes).unwrap();
    let out = palisade_terraform::load(&d, std::slice::from_ref(&d), &Default::default());
    let _ = std::fs::remove_dir_all(&d);
    out
}

const SNIPPETS: &[&str] = &[
    "resource \"a\" \"b\" {",
    "}",
    "count = ",
    "for_each = ",
    "var.x",
    "local.y",
    "locals {",
    "[for x in ",
    " : x]",
    "${",
    "%{ if ",
    "%{ endif }",
    "module \"m\" { source = \"./\" }",
    "dynamic \"d\" { for_each = [1] content {",
    "try(",
    "can(",
    ")",
    "\"",
    "\n",
    "= 1",
    "x = ",
    "merge(",
    "{",
    "[",
    "]",
    "each.key",
    "count.index",
    "aws_s3_bucket.b.id",
    "<<EOT\n",
    "EOT\n",
    "*",
    "...",
    "? 1 : 2",
    "range(100000)",
    "jsondecode(\"[[[[\")",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = load_text(&bytes, "main.tf");
        let _ = load_text(&bytes, "main.tf.json");
    }

    #[test]
    fn random_hcl_fragments_never_panic(parts in proptest::collection::vec(0..SNIPPETS.len(), 0..60)) {
        let text: String = parts.iter().map(|i| SNIPPETS[*i]).collect();
        let _ = load_text(text.as_bytes(), "main.tf");
    }
}
