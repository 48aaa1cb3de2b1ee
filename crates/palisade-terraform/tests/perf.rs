//! A synthetic estate of 10,000 files (run with `--ignored`, in release for
//! the real budget: < 5 s on 2 cores).

#[test]
#[ignore]
fn ten_thousand_files() {
    let root = std::env::temp_dir().join(format!("palisade-tf-perf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let mut dirs = Vec::new();
    std::fs::create_dir_all(root.join("modules/b")).unwrap();
    std::fs::write(
        root.join("modules/b/main.tf"),
        "variable \"n\" {}\nresource \"aws_s3_bucket\" \"this\" { bucket = var.n }\noutput \"id\" { value = aws_s3_bucket.this.id }\n",
    )
    .unwrap();
    dirs.push(root.join("modules/b"));
    for d in 0..1000 {
        let dir = root.join(format!("env{d}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..10 {
            let mut s = String::new();
            s.push_str(&format!("locals {{\n  p{f} = \"env{d}-{f}\"\n}}\n"));
            for r in 0..5 {
                s.push_str(&format!(
                    "resource \"aws_s3_bucket\" \"b{f}_{r}\" {{\n  bucket = \"${{local.p{f}}}-{r}\"\n  tags = merge({{ a = \"b\" }}, {{ n = {r} }})\n  versioning {{\n    enabled = true\n  }}\n}}\n"
                ));
            }
            if f == 0 {
                s.push_str("module \"m\" {\n  source = \"../modules/b\"\n  for_each = toset([\"x\", \"y\"])\n  n = each.key\n}\n");
            }
            std::fs::write(dir.join(format!("f{f}.tf")), s).unwrap();
        }
        dirs.push(dir);
    }
    let t = std::time::Instant::now();
    let p = palisade_terraform::load(&root, &dirs, &Default::default());
    let el = t.elapsed();
    let _ = std::fs::remove_dir_all(&root);
    eprintln!(
        "{} resources, {} diagnostics in {el:?}",
        p.resources.len(),
        p.diagnostics.len()
    );
    assert!(p.resources.len() >= 50_000);
}
