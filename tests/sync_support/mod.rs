//! Machines for the sync tests: each with its own HOME and data file, and git kept from the
//! system's config; a private machine (an encrypted ledger) also has its own agent folder
//! and temporary folder, and locks its agent when the test is done with it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The day every command runs on.
pub const TODAY: &str = "2026-11-24";

/// The passphrase of every private machine's ledger.
pub const PASSPHRASE: &str = "correct horse battery";

/// One machine: its own HOME and data file.
pub struct Machine {
    pub home: PathBuf,
    pub file: PathBuf,
    private: bool,
}

impl Machine {
    /// A machine for a plain ledger.
    pub fn new(root: &Path, name: &str) -> Machine {
        Machine::made(root, name, false)
    }

    /// A machine for an encrypted ledger: the binary runs with its own agent folder and
    /// temporary folder, a cheap key derivation and no passphrase command (only the agent
    /// unlocks, see [`Machine::with_passphrase`]).
    pub fn private(root: &Path, name: &str) -> Machine {
        Machine::made(root, name, true)
    }

    /// A machine for a plain ledger with its HOME and data file where a test wants them.
    pub fn at(home: PathBuf, file: PathBuf) -> Machine {
        Machine {
            home,
            file,
            private: false,
        }
    }

    fn made(root: &Path, name: &str, private: bool) -> Machine {
        let home = root.join(format!("home-{name}"));
        std::fs::create_dir_all(home.join("tmp")).expect("a home folder");
        Machine {
            file: home.join("ledger").join("trustladder.json"),
            home,
            private,
        }
    }

    /// The binary on this machine's ledger.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1");
        if self.private {
            cmd.env("TMPDIR", self.home.join("tmp"))
                .env("TRUSTLADDER_AGENT_DIR", self.home.join("agent"))
                .env("TRUSTLADDER_KDF_WORK_FACTOR", "4")
                .stdin(Stdio::null());
        }
        cmd.arg("--file").arg(&self.file);
        // A day of the test's own is given instead, never beside (given twice, it is refused).
        if !args.iter().any(|a| a.starts_with("--today")) {
            cmd.args(["--today", TODAY]);
        }
        cmd.args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    /// Runs a command that must succeed; returns its output.
    pub fn ok(&self, args: &[&str]) -> String {
        succeeded(args, self.run(args))
    }

    /// Runs a command that must fail with exit 1; returns what it said on stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        stderr
    }

    /// Runs a command that must succeed with the passphrase given by a command (`encrypt`,
    /// `unlock`).
    pub fn with_passphrase(&self, args: &[&str]) -> String {
        let out = self
            .command(args)
            .env(
                "TRUSTLADDER_PASSPHRASE_COMMAND",
                format!("printf '%s' '{PASSPHRASE}'"),
            )
            .output()
            .expect("the binary runs");
        succeeded(args, out)
    }

    /// The folder of the data file: the repository.
    pub fn folder(&self) -> PathBuf {
        self.file.parent().expect("a folder").to_path_buf()
    }

    /// git in the repository, as this machine's user; its standard output.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TRUSTLADDER_AGENT_DIR", self.home.join("agent"))
            .arg("-C")
            .arg(self.folder())
            .args(args)
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        // No test leaves an agent running.
        if self.private {
            let _ = self.command(&["lock"]).output();
        }
    }
}

/// The standard output of a command that must have succeeded.
fn succeeded(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fails with a clear message when git is missing.
pub fn need_git() {
    match Command::new("git").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => panic!("git is needed for the sync tests and was not found: install it"),
    }
}

/// A bare repository in `root`, as a remote.
pub fn bare_remote(root: &Path) -> PathBuf {
    need_git();
    let remote = root.join("remote.git");
    let out = Command::new("git")
        .args(["init", "--bare", "--quiet", "--initial-branch=main"])
        .arg(&remote)
        .output()
        .expect("git is installed (apt-get install git)");
    assert!(out.status.success(), "{out:?}");
    remote
}

/// A bare repository in `root` whose `main` holds `files` (path, text) in one commit: a
/// repository of something else, or one a forge made with a README.
pub fn remote_holding(root: &Path, files: &[(&str, &str)]) -> PathBuf {
    let remote = bare_remote(root);
    let work = root.join("work");
    for (path, text) in files {
        let at = work.join(path);
        std::fs::create_dir_all(at.parent().expect("a folder")).expect("a folder");
        std::fs::write(at, text).expect("a file");
    }
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", root)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-C"])
            .arg(&work)
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "--quiet", "--initial-branch=main"]);
    git(&["add", "--all"]);
    git(&["commit", "--quiet", "-m", "the first commit"]);
    git(&["push", "--quiet", &remote.display().to_string(), "main"]);
    remote
}

/// The branches of the bare repository `remote` and the commits they name: what a refused
/// sync must leave as it was.
pub fn refs_of(remote: &Path) -> String {
    let out = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(remote)
        .args(["for-each-ref", "--format=%(objectname) %(refname)"])
        .output()
        .expect("git runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
