// Under `cargo fuzz` (cfg `fuzzing`) this is a libFuzzer target; under a
// plain `cargo build`/`cargo check` it is an ordinary binary whose `main`
// runs the same body on each file named on the command line (to replay a
// crash or a corpus without cargo-fuzz).
#![cfg_attr(fuzzing, no_main)]

fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = palisade_tfplan::parse("plan.json".into(), text, &|_: &str| None);
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
