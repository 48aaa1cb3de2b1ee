//! Throughput of `Scanner::scan_text` on a mostly-clean corpus (prose,
//! Terraform, Kubernetes YAML, code) with a few planted secrets, on one
//! thread. Run: `cargo bench -p palisade-secrets --bench throughput`.

use std::hint::black_box;
use std::time::Instant;

use palisade_secrets::{Config, Scanner, examples, rules};

const LINES: &[&str] = &[
    "The quick brown fox jumps over the lazy dog while the build runs on every commit.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.",
    "Rotate credentials regularly and never commit them; load them from the secret manager at run time.",
    "resource \"aws_s3_bucket\" \"logs\" {",
    "  bucket = \"${var.prefix}-logs\"",
    "  tags   = merge(local.common_tags, { Name = \"logs\" })",
    "}",
    "resource \"azurerm_storage_account\" \"main\" {",
    "  account_replication_type = \"GRS\"",
    "  min_tls_version          = \"TLS1_2\"",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "  replicas: 3",
    "        image: registry.internal/app:1.4.2",
    "        - containerPort: 8080",
    "        - name: DB_PASSWORD",
    "          valueFrom:",
    "            secretKeyRef: { name: db, key: password }",
    "fn main() { let total: u64 = items.iter().map(|x| x.len() as u64).sum(); println!(\"{total}\"); }",
    "    if response.status_code != 200: raise RuntimeError(f\"request failed: {response.text}\")",
    "// See https://example.com/docs/getting-started for the full walkthrough of the API.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
    "    return await client.get(`/v1/users/${id}`, { headers: { accept: 'application/json' } });",
    "  description = \"Security group for the application load balancer in the public subnets\"",
    "  cidr_blocks = [\"10.0.0.0/16\"]",
    "",
];

const PLANTED: &[&str] = &[
    "GITHUB_TOKEN=ghp_«b62:36»",
    "aws_access_key_id = AKIA«B32:16»",
    "DATABASE_URL=postgres://app:«b62:16»@db.internal:5432/app",
];

fn main() {
    let target: usize = std::env::var("PALISADE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
        * 1024
        * 1024;
    let file_size = 64 * 1024;
    let clean_only = std::env::var("PALISADE_BENCH_CLEAN").is_ok();
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut total = 0usize;
    let mut n: u64 = 0;
    let mut planted = 0usize;
    while total < target {
        let mut f = Vec::with_capacity(file_size + 256);
        while f.len() < file_size {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pool = if clean_only { &LINES[..2] } else { LINES };
            let line = pool[(n >> 33) as usize % pool.len()];
            f.extend_from_slice(line.as_bytes());
            f.push(b'\n');
        }
        if files.len().is_multiple_of(16) {
            let p = PLANTED[planted % PLANTED.len()];
            f.extend_from_slice(examples::render(p, planted as u64).as_bytes());
            f.push(b'\n');
            planted += 1;
        }
        total += f.len();
        files.push(f);
    }
    let scanner = match Scanner::new(&Config::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("scanner: {e}");
            std::process::exit(1);
        }
    };
    // Warm-up pass, then the best of three timed passes.
    let mut found = 0;
    for (i, f) in files.iter().enumerate() {
        found += scanner.scan_text(&format!("f{i}.txt"), f).len();
    }
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        for f in &files {
            black_box(scanner.scan_text("f.txt", black_box(f)));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = total as f64 / (1024.0 * 1024.0);
    // The keyword prefilter alone (the floor of the pipeline's cost).
    let mut kws: Vec<String> = rules()
        .iter()
        .flat_map(|r| r.keywords.iter().map(|k| k.to_ascii_lowercase()))
        .collect();
    kws.sort();
    kws.dedup();
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&kws)
        .ok();
    if let Some(ac) = ac {
        let t = Instant::now();
        let mut hits = 0usize;
        for f in &files {
            hits += ac.find_iter(black_box(f.as_slice())).count();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "Aho-Corasick keyword pass alone: {:.0} MiB/s ({} keywords, {} hits)",
            mb / s,
            kws.len(),
            hits
        );
    }
    println!(
        "secrets throughput: {:.1} MiB in {:.3} s = {:.0} MiB/s on one thread ({} files, {} planted, {} found, {} rules)",
        mb,
        best,
        mb / best,
        files.len(),
        planted,
        found,
        scanner.rule_count()
    );
}
