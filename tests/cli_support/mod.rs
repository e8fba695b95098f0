//! Helpers shared by the command-line tests.

#![allow(dead_code)]

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

/// A data file in its own temporary folder, and the binary run on it with `--today` fixed.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub today: &'static str,
}

impl Env {
    /// An empty folder; the data file does not exist yet.
    pub fn new(today: &'static str) -> Env {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("ledger.json");
        Env { dir, path, today }
    }

    /// The binary on this file, as if it were `self.today` unless `args` give a `--today`,
    /// in the UTC time zone unless the caller sets `TZ` again.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .env("TZ", "UTC")
            .current_dir(self.dir.path())
            .arg("--file")
            .arg(&self.path);
        if !args.contains(&"--today") {
            cmd.args(["--today", self.today]);
        }
        cmd.args(args);
        cmd
    }

    /// Runs a command that must succeed with nothing on stderr, but the note that it started
    /// the ledger where it made the data file; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let new = !self.path.exists();
        let out = self.cmd(args).output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        let said = if new && self.path.exists() {
            started(&self.path)
        } else {
            String::new()
        };
        assert_eq!(stderr, said, "{args:?}");
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must succeed with one note on stderr holding `needle` (a promise
    /// added overdue, say); returns its stdout.
    pub fn noted(&self, args: &[&str], needle: &str) -> String {
        let out = self.cmd(args).output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        assert!(
            stderr.starts_with("trustladder: note: ")
                && stderr.contains(needle)
                && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must fail with exit code 1, one line on stderr holding `needle`,
    /// nothing on stdout, and the data file exactly as it was; returns the line.
    pub fn fails(&self, args: &[&str], needle: &str) -> String {
        let before = std::fs::read(&self.path).ok();
        let out = self.cmd(args).output().expect("the binary runs");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 errors");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        assert!(stderr.starts_with("trustladder: "), "{stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
        assert!(stderr.contains(needle), "{stderr:?} lacks {needle:?}");
        assert_eq!(
            std::fs::read(&self.path).ok(),
            before,
            "{args:?} changed the file"
        );
        stderr
    }

    /// The data file as JSON.
    pub fn ledger(&self) -> serde_json::Value {
        let bytes = std::fs::read(&self.path).expect("the data file exists");
        serde_json::from_slice(&bytes).expect("the data file is JSON")
    }

    /// The promise with this uid in the data file.
    pub fn promise_by_uid(&self, uid: &str) -> serde_json::Value {
        self.ledger()["promises"]
            .as_array()
            .expect("promises")
            .iter()
            .find(|p| p["uid"] == uid)
            .cloned()
            .unwrap_or_else(|| panic!("no promise {uid}"))
    }
}

/// The note on stderr of the change that made the data file at `path`: a mistyped `--file`
/// starts a second ledger, which the user is told of.
pub fn started(path: &Path) -> String {
    format!(
        "trustladder: note: started a new ledger at {}\n",
        path.display()
    )
}

/// The words of a command line as a shell splits them, a quote (`'` or `"`) holding blanks
/// until the same quote closes it: enough for the README's session and the help's examples,
/// which quote nothing else. A quote left open fails the test.
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (c, quote) {
            ('\'' | '"', None) => {
                quote = Some(c);
                started = true;
            }
            (c, Some(open)) if c == open => quote = None,
            (c, None) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (c, _) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(quote.is_none(), "a quote left open: {line}");
    if started {
        words.push(word);
    }
    words
}
