//! Helpers for the tests of the encrypted ledger: a data folder of its own, the binary run on
//! it with a passphrase command, a cheap key derivation and a private agent folder, and a
//! search of every file (and every git object) for text that must not be there.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The text of the promise the tests look for in every file.
pub const SECRET: &str = "Quietly replace Bo's pipeline";

/// A ledger in its own folder, with the agent's socket in another, both removed at the end
/// (the agent is locked first, so no test leaves one running).
pub struct Vault {
    pub dir: tempfile::TempDir,
    pub agent: tempfile::TempDir,
    pub path: PathBuf,
    pub passphrase: String,
}

impl Vault {
    pub fn new() -> Vault {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("ledger.json");
        Vault {
            dir,
            agent: tempfile::tempdir().expect("a temporary folder"),
            path,
            passphrase: "correct horse battery".to_string(),
        }
    }

    /// The binary on this ledger, on 2026-11-24, with the passphrase command set.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare(args);
        cmd.env("TRUSTLADDER_PASSPHRASE_COMMAND", self.passphrase_command());
        cmd
    }

    /// The binary on this ledger with no passphrase command: only the agent can unlock it.
    pub fn bare(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .env_remove("TRUSTLADDER_PASSPHRASE_COMMAND")
            .env_remove("TRUSTLADDER_NEW_PASSPHRASE_COMMAND")
            .env("TRUSTLADDER_KDF_WORK_FACTOR", "4")
            .env("TRUSTLADDER_AGENT_DIR", self.agent.path().join("agent"))
            .env("TMPDIR", self.dir.path().join("tmp"))
            .arg("--file")
            .arg(&self.path)
            .args(["--today", "2026-11-24"])
            .args(args)
            .stdin(std::process::Stdio::null());
        let _ = std::fs::create_dir_all(self.dir.path().join("tmp"));
        cmd
    }

    /// The line a shell runs the binary on this ledger with, as [`Vault::bare`] runs it, for
    /// the tests that type at a real terminal: no file or passphrase command from the
    /// environment but those `set` gives (`NAME`, value; quoted here), the cheap key
    /// derivation, the vault's agent unless `set` names another. The arguments go after it.
    pub fn shell_line(&self, set: &[(&str, &str)]) -> String {
        let quoted = |text: &str| format!("'{}'", text.replace('\'', r"'\''"));
        let given = |name: &str| set.iter().any(|(n, _)| *n == name);
        let mut words = vec!["env -u TRUSTLADDER_FILE".to_string()];
        if !given("TRUSTLADDER_PASSPHRASE_COMMAND") {
            words.push("-u TRUSTLADDER_PASSPHRASE_COMMAND".to_string());
        }
        words.push("TRUSTLADDER_KDF_WORK_FACTOR=4".to_string());
        if !given("TRUSTLADDER_AGENT_DIR") {
            let agent = self.agent.path().join("agent");
            words.push(format!(
                "TRUSTLADDER_AGENT_DIR={}",
                quoted(&agent.to_string_lossy())
            ));
        }
        words.extend(
            set.iter()
                .map(|(name, value)| format!("{name}={}", quoted(value))),
        );
        words.push(quoted(env!("CARGO_BIN_EXE_trustladder")));
        words.push(format!(
            "--file {} --today 2026-11-24",
            quoted(&self.path.to_string_lossy())
        ));
        words.join(" ")
    }

    /// A passphrase command that prints this vault's passphrase, as [`Vault::cmd`] sets it.
    pub fn passphrase_command(&self) -> String {
        format!("printf '%s' '{}'", self.passphrase)
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("the binary runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Runs a command with no passphrase command ([`Vault::bare`]: only the agent unlocks
    /// it) that must succeed; returns its stdout as bytes.
    pub fn agent_ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.bare(args).output().expect("the binary runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Runs `cmd`, which must fail with exit code 1 and name `needle`, leaving every file in
    /// the folder byte for byte as it was.
    pub fn fails(&self, mut cmd: Command, needle: &str) -> String {
        let before = snapshot(self.dir.path());
        let out: Output = cmd.output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{cmd:?}: {stderr}");
        assert!(stderr.contains(needle), "{stderr:?} lacks {needle:?}");
        assert_eq!(snapshot(self.dir.path()), before, "{cmd:?} changed a file");
        stderr
    }

    /// A team with a secret promise, saved several times (so there are backups).
    pub fn team(&self) {
        self.ok(&["person", "add", "Priya Raman"]);
        self.ok(&["person", "add", "Bo Lindqvist"]);
        self.ok(&["promise", "add", "priya", SECRET, "--due", "fri"]);
        self.ok(&["promise", "add", "bo", "Send the Q3 numbers", "--mine"]);
        self.ok(&["keep", "2"]);
    }

    /// An encrypted [`Vault::team`] and its agent's folder made with `mode` and nothing in
    /// it, for a test to put there what an agent that cannot be asked leaves.
    pub fn encrypted_beside_agent_folder(mode: u32) -> (Vault, PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let v = Vault::encrypted_team();
        let folder = v.agent.path().join("agent");
        std::fs::create_dir(&folder).expect("the agent's folder is made");
        // Set, not asked of the umask, which would take bits from it.
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(mode))
            .expect("the agent's folder takes its mode");
        (v, folder)
    }

    /// [`Vault::team`], encrypted: where most tests of the encrypted ledger begin.
    pub fn encrypted_team() -> Vault {
        let v = Vault::new();
        v.team();
        v.ok(&["encrypt"]);
        v
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("the data file exists")
    }

    pub fn key_file(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap().to_os_string();
        name.push(".key");
        self.path.with_file_name(name)
    }

    /// Cuts the key file short inside its main key's sealed block, as a copy or a sync
    /// stopped half-way would leave it; returns its path.
    pub fn cut_key_file(&self) -> PathBuf {
        let key = self.key_file();
        let text = std::fs::read_to_string(&key).unwrap();
        let at = text.find("-----BEGIN AGE ENCRYPTED FILE-----").unwrap() + 100;
        std::fs::write(&key, &text[..at]).unwrap();
        key
    }
}

impl Drop for Vault {
    /// Stops any agent a test started.
    fn drop(&mut self) {
        let _ = self.bare(&["lock"]).output();
    }
}

/// Every file under `dir`, by path, with its bytes: what "nothing changed" compares.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && !path.to_string_lossy().ends_with(".lock") {
                out.push((path.clone(), std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// Panics naming every file under `dirs` that holds `text`.
pub fn assert_nowhere(text: &str, dirs: &[&Path]) {
    let mut found = Vec::new();
    for dir in dirs {
        for (path, bytes) in snapshot(dir) {
            if bytes.windows(text.len()).any(|w| w == text.as_bytes()) {
                found.push(path);
            }
        }
    }
    assert!(found.is_empty(), "'{text}' is in plain text in {found:?}");
}

/// The recovery key's line in what `encrypt` printed.
pub fn recovery_line(printed: &str) -> String {
    printed
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("encrypt prints the recovery key")
        .to_string()
}

/// Panics if any object of the git repository at `repo` holds `text`.
pub fn assert_not_in_git(text: &str, repo: &Path) {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .output()
        .expect("git runs");
    assert!(out.status.success(), "{out:?}");
    assert!(
        !out.stdout.windows(text.len()).any(|w| w == text.as_bytes()),
        "'{text}' is in a git object of {}",
        repo.display()
    );
}

/// Whether the agent may keep texts of `bytes` bytes in all under this process's limit of
/// locked memory, less the MiB it leaves to the keys: where it may not, the tests of the
/// texts check that it keeps none.
pub fn texts_may_be_kept(bytes: u64) -> bool {
    let (limit, _) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_MEMLOCK)
        .expect("the limit");
    limit.saturating_sub(1 << 20) >= bytes
}

/// What the age tool (Debian's package `age`) decrypts `file` to with the key in
/// `identity`; it must succeed.
pub fn opened_by_age(identity: &Path, file: &Path) -> Vec<u8> {
    let age = Command::new("age")
        .args(["--decrypt", "--identity"])
        .arg(identity)
        .arg(file)
        .output()
        .expect("the age tool is installed (apt-get install age)");
    assert!(age.status.success(), "{age:?}");
    age.stdout
}
