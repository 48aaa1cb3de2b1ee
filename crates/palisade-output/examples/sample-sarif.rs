//! Writes the SARIF of the test fixture report to stdout (or to the file
//! given as the first argument), for `scripts/validate-sarif.sh`:
//!
//! ```sh
//! cargo run -p palisade-output --example sample-sarif -- /tmp/sample.sarif
//! scripts/validate-sarif.sh /tmp/sample.sarif
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let fx = common::Fixture::new();
    let mut out = Vec::new();
    palisade_output::write_sarif(&fx.report(), &mut out)?;
    match std::env::args_os().nth(1) {
        Some(path) => std::fs::write(path, out),
        None => std::io::stdout().write_all(&out),
    }
}
