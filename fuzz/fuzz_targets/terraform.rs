// Under `cargo fuzz` (cfg `fuzzing`) this is a libFuzzer target; under a
// plain `cargo build`/`cargo check` it is an ordinary binary whose `main`
// runs the same body on each file named on the command line (to replay a
// crash or a corpus without cargo-fuzz).
#![cfg_attr(fuzzing, no_main)]

fn run(data: &[u8]) {
    // The loader reads directories: write the input (any bytes) as main.tf
    // in a fresh temporary directory.
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if std::fs::write(dir.path().join("main.tf"), data).is_err() {
        return;
    }
    let root = dir.path().to_path_buf();
    let _ = palisade_terraform::load(&root, std::slice::from_ref(&root), &Default::default());
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    for p in std::env::args_os().skip(1) {
        let data = std::fs::read(&p).unwrap_or_default();
        run(&data);
    }
}
