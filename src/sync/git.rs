//! Running the `git` program: the user's own git, with their SSH keys, credential helpers and
//! remotes, which no library reaches as well.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::SyncError;

/// Git commands run in one folder.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// The top of the repository, once found: it stays where it is while the folder is one
    /// (a sync asked git for it three times). Not kept while there is none, as `sync init`
    /// then makes one.
    top: std::sync::OnceLock<PathBuf>,
}

/// What a git command printed.
#[derive(Debug, Clone)]
pub struct Ran {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Git {
    /// Git in `dir`.
    pub fn at(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            top: std::sync::OnceLock::new(),
        }
    }

    /// The folder git runs in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `git ARGS`, never asking on the terminal (a sync in a script must not hang on a
    /// password prompt; SSH keys and credential helpers still work).
    pub fn run(&self, args: &[&str]) -> Result<Ran, SyncError> {
        self.run_with(args, &[])
    }

    /// [`Git::run`], with the variables `env` set for git and what it runs (the merge
    /// driver).
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Result<Ran, SyncError> {
        let out = self.output(args, env)?;
        Ok(Ran {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }

    /// The bytes `git ARGS` printed, when it succeeded: a file's version, which may be an
    /// encrypted ledger and is no text.
    pub fn bytes(&self, args: &[&str]) -> Result<Option<Vec<u8>>, SyncError> {
        let out = self.output(args, &[])?;
        Ok(out.status.success().then_some(out.stdout))
    }

    /// The files `git diff --name-only` with `args` lists, as git names them, unquoted
    /// (`core.quotepath` off, so a name with `é` is not written as octal escapes).
    pub fn changed_names(&self, args: &[&str]) -> Result<Vec<String>, SyncError> {
        let mut all = vec!["-c", "core.quotepath=off", "diff", "--name-only"];
        all.extend_from_slice(args);
        Ok(self.ok(&all)?.lines().map(str::to_string).collect())
    }

    /// Whether `commit` holds `file` (a path in the folder of the repository `git` runs in).
    pub fn holds(&self, commit: &str, file: &str) -> Result<bool, SyncError> {
        Ok(self
            .run(&["cat-file", "-e", &format!("{commit}:./{file}")])?
            .ok)
    }

    fn output(&self, args: &[&str], env: &[(&str, &str)]) -> Result<Output, SyncError> {
        Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .envs(env.iter().copied())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => SyncError::NoGit,
                _ => SyncError::Io(e.to_string()),
            })
    }

    /// Runs `git ARGS` and returns what it printed, or fails with its message.
    pub fn ok(&self, args: &[&str]) -> Result<String, SyncError> {
        let ran = self.run(args)?;
        if ran.ok {
            Ok(ran.stdout)
        } else {
            Err(SyncError::Git {
                command: format!("git {}", args.join(" ")),
                message: first_lines(&self.config_path_whole(&ran.stderr)),
            })
        }
    }

    /// `stderr` with the config file git could not lock named by its whole path: git names
    /// it as it found it (`.git/config`), from the top of the repository, which a data
    /// folder inside a repository of the user's own is not.
    fn config_path_whole(&self, stderr: &str) -> String {
        match config_locked(stderr).filter(|file| Path::new(file).is_relative()) {
            Some(file) => stderr.replacen(
                &format!("{CONFIG_LOCKED}{file}:"),
                &format!(
                    "{CONFIG_LOCKED}{}:",
                    self.toplevel()
                        .unwrap_or_else(|| self.dir.clone())
                        .join(file)
                        .display()
                ),
                1,
            ),
            None => stderr.to_string(),
        }
    }

    /// The top of the repository the folder is in, if it is in one.
    pub fn toplevel(&self) -> Option<PathBuf> {
        if let Some(top) = self.top.get() {
            return Some(top.clone());
        }
        let ran = self.run(&["rev-parse", "--show-toplevel"]).ok()?;
        let top = ran.ok.then(|| PathBuf::from(ran.stdout.trim()))?;
        Some(self.top.get_or_init(|| top).clone())
    }

    /// The top folder of the repository, or the folder git runs in where it cannot say: where
    /// a message tells the user to run git.
    pub fn top(&self) -> PathBuf {
        self.toplevel().unwrap_or_else(|| self.dir.clone())
    }

    /// A config value of this repository, if set.
    pub fn config(&self, key: &str) -> Option<String> {
        let ran = self.run(&["config", "--get", key]).ok()?;
        let value = ran.stdout.trim().to_string();
        (ran.ok && !value.is_empty()).then_some(value)
    }

    /// The branch checked out.
    pub fn branch(&self) -> Result<String, SyncError> {
        Ok(self
            .ok(&["symbolic-ref", "--short", "HEAD"])?
            .trim()
            .to_string())
    }

    /// The remote's branch a sync merges and pushes, `origin/BRANCH`, as last fetched: not
    /// the branch's tracking setting (`@{upstream}`), which a folder set up with `sync init
    /// --remote` has only after its first push, and which a repository of the user's own may
    /// point elsewhere. `None` on a detached HEAD.
    pub fn remote_branch(&self) -> Option<String> {
        self.branch().ok().map(|branch| format!("origin/{branch}"))
    }

    /// Whether `a` and `b` both name commits, and the same one: one git command, where
    /// [`Git::has`] for each and a `merge-base` took four.
    pub fn same_commit(&self, a: &str, b: &str) -> Result<bool, SyncError> {
        let ran = self.run(&[
            "rev-parse",
            &format!("{a}^{{commit}}"),
            &format!("{b}^{{commit}}"),
        ])?;
        let mut ids = ran.stdout.lines();
        Ok(ran.ok && matches!((ids.next(), ids.next()), (Some(x), Some(y)) if x == y))
    }

    /// Whether `rev` names a commit.
    pub fn has(&self, rev: &str) -> bool {
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .is_ok_and(|r| r.ok)
    }
}

/// The gist of git's complaint: its first lines, without the hints, on one line; a lock
/// file left in the way is named with what to do, which git says only after lines this would
/// cut. Where a line ends with no stop and the next begins a message of its own (`fatal:`),
/// a `;` parts them, as joined with a bare space the two read as one sentence.
pub fn first_lines(stderr: &str) -> String {
    if let Some(lock) = lock_in_the_way(stderr) {
        return format!(
            "git's lock file {lock} is in the way: another git is running in this repository, or one was stopped before it finished (a sync killed?); when none is running, remove it (rm {}) and sync again",
            shell_quoted(&lock)
        );
    }
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .take(3)
        .collect();
    let mut out = String::new();
    for line in lines {
        if !out.is_empty() {
            let stopped = out.ends_with(['.', '!', '?', ':', ';']);
            let own = ["fatal:", "error:", "warning:"]
                .iter()
                .any(|tag| line.starts_with(tag));
            out.push_str(if own && !stopped { "; " } else { " " });
        }
        out.push_str(line);
    }
    out
}

/// `text` as one word for a POSIX shell, whatever it holds: in single quotes, a quote in it
/// written `'\''`.
pub fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// How git says a config file it would write is locked by another ("error: could not lock
/// config file .git/config: File exists"): it names the config file, not its lock.
const CONFIG_LOCKED: &str = "could not lock config file ";

/// The config file git could not lock, as git names it in `stderr`.
fn config_locked(stderr: &str) -> Option<&str> {
    stderr
        .split_once(CONFIG_LOCKED)
        .and_then(|(_, rest)| rest.split_once(": File exists"))
        .map(|(file, _)| file)
}

/// The lock file git could not create because it is there already, as git names it
/// ("Unable to create '…/.git/index.lock': File exists.", or for a config file, the file
/// it locks), or, where git speaks another language, a file ending in `.lock` that git
/// quotes and that is there.
pub(super) fn lock_in_the_way(stderr: &str) -> Option<String> {
    let english = stderr
        .split_once("Unable to create '")
        .and_then(|(_, rest)| rest.split_once("': File exists"))
        .map(|(path, _)| path.to_string())
        .filter(|path| path.ends_with(".lock"));
    let config = || config_locked(stderr).map(|file| format!("{file}.lock"));
    english.or_else(config).or_else(|| {
        stderr
            .split('\'')
            .skip(1)
            .step_by(2)
            .find(|quoted| quoted.ends_with(".lock") && Path::new(quoted).is_file())
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_in_the_way_is_named_with_what_to_do() {
        let stderr = "fatal: Unable to create '/home/u/.local/share/trustladder/.git/index.lock': File exists.\n\nAnother git process seems to be running in this repository, e.g.\nan editor opened by 'git commit'. Please make sure all processes\nare terminated then try again. If it still fails, a git process\nmay have crashed in this repository earlier:\nremove the file manually to continue.\n";
        assert_eq!(
            first_lines(stderr),
            "git's lock file /home/u/.local/share/trustladder/.git/index.lock is in the way: another git is running in this repository, or one was stopped before it finished (a sync killed?); when none is running, remove it (rm '/home/u/.local/share/trustladder/.git/index.lock') and sync again"
        );
    }

    #[test]
    fn a_lock_file_in_the_way_is_named_whatever_the_language_of_git() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("index.lock");
        let german = format!(
            "fatal: Konnte '{}' nicht erstellen: Datei existiert bereits.\n\nEin anderer Git-Prozess scheint in diesem Repository ausgeführt zu werden.\n",
            lock.display()
        );
        // Said only once the file is seen to be there, as nothing but the path is understood.
        assert!(first_lines(&german).starts_with("fatal: Konnte"));
        std::fs::write(&lock, "").unwrap();
        assert_eq!(
            first_lines(&german),
            format!(
                "git's lock file {0} is in the way: another git is running in this repository, or one was stopped before it finished (a sync killed?); when none is running, remove it (rm '{0}') and sync again",
                lock.display()
            )
        );
    }

    #[test]
    fn a_config_file_locked_is_named_by_its_lock_file_with_its_whole_path() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::at(dir.path());
        let stderr = "error: could not lock config file .git/config: File exists\n";
        let lock = dir.path().join(".git/config.lock");
        assert_eq!(
            first_lines(&git.config_path_whole(stderr)),
            format!(
                "git's lock file {0} is in the way: another git is running in this repository, or one was stopped before it finished (a sync killed?); when none is running, remove it (rm '{0}') and sync again",
                lock.display()
            )
        );
        // A whole path stays as git said it.
        let whole = "error: could not lock config file /r/.git/config: File exists\n";
        assert_eq!(git.config_path_whole(whole), whole);
        assert_eq!(
            lock_in_the_way(whole).as_deref(),
            Some("/r/.git/config.lock")
        );
    }

    #[test]
    fn a_path_is_quoted_as_one_word_for_the_shell() {
        assert_eq!(shell_quoted("/home/u/my data"), "'/home/u/my data'");
        assert_eq!(shell_quoted("/tmp/o'brien"), r"'/tmp/o'\''brien'");
    }

    #[test]
    fn two_messages_of_git_on_one_line_are_parted_where_the_first_has_no_stop() {
        let stderr = "fatal: '/r/gone.git' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";
        assert_eq!(
            first_lines(stderr),
            "fatal: '/r/gone.git' does not appear to be a git repository; fatal: Could not read \
             from remote repository. Please make sure you have the correct access rights"
        );
    }

    #[test]
    fn other_complaints_keep_their_first_lines_without_hints() {
        let stderr =
            "error: failed to push some refs to 'x'\nhint: Updates were rejected\nhint: because\n";
        assert_eq!(
            first_lines(stderr),
            "error: failed to push some refs to 'x'"
        );
    }
}
