//! Claims of the README, docs/FORMAT.md and docs/STORE.md that once were wrong, each checked
//! against the real binary, so they stay true.

mod cli_support;

use std::path::Path;
use std::process::Output;

use cli_support::Env;

const TODAY: &str = "2026-11-24";
const BIN: &str = env!("CARGO_BIN_EXE_trustladder");

/// Runs the binary on `file` with `args` as given (no `--today` added).
fn run_on(file: &Path, args: &[&str]) -> Output {
    std::process::Command::new(BIN)
        .env_remove("TRUSTLADDER_FILE")
        .env("TZ", "UTC")
        .arg("--file")
        .arg(file)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs a command that must succeed; returns its stdout.
fn ok_on(file: &Path, args: &[&str]) -> String {
    let out = run_on(file, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// FORMAT: control and bidi characters never reach the terminal, and in `--json` they are
/// JSON escapes. A path is the text a JSON output can hold that no input rule refuses.
#[test]
fn check_json_escapes_a_bidi_control_in_a_path() {
    let env = Env::new(TODAY);
    let dir = env.dir.path().join("team\u{202e}\u{2066}\u{7f}");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("ledger.json");
    let file_arg = file.to_str().unwrap();
    ok_on(&file, &["--today", TODAY, "person", "add", "Priya Raman"]);
    let out = ok_on(&file, &["check", "--json"]);
    assert!(
        out.contains("team\\u202e\\u2066\\u007f"),
        "escaped in the JSON: {out}"
    );
    assert!(
        !out.chars()
            .any(|c| matches!(c, '\u{202e}' | '\u{2066}' | '\u{7f}')),
        "nothing raw: {out:?}"
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["file"]["path"], file_arg, "the same path, read back");
}
