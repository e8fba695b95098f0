//! Helpers shared by the command-line tests.

use std::path::Path;

use assert_cmd::Command;

/// Runs `trustladder --file FILE --today TODAY ARGS…`, asserts that it succeeded, and returns
/// its standard output.
pub fn run(file: &Path, today: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(file)
        .args(["--today", today])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?} on {today}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the output is UTF-8")
}
