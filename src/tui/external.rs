//! Long text in the user's own editor: a field's text goes to `$VISUAL` or `$EDITOR` in a
//! temporary file and comes back when the editor exits, as gitui does for commit messages.
//! The run loop, which owns the terminal, hands it over around [`edit_with`]; nothing here
//! touches the terminal.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`, as git chooses.
pub fn command() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Where the editor's file goes: the temporary folder, or for an encrypted ledger a private
/// folder in memory, so that no plain text of it (nor the editor's swap file beside it) ever
/// reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Temporary,
    InMemory,
}

/// The folders kept in memory, in the order they are tried: `$XDG_RUNTIME_DIR` (a tmpfs of
/// the user's own on systemd machines), then `/dev/shm`.
fn memory_folders() -> Vec<PathBuf> {
    memory_folders_with(std::env::var_os("XDG_RUNTIME_DIR"))
}

/// [`memory_folders`] with `runtime` for `$XDG_RUNTIME_DIR`, which is ignored unless it is an
/// absolute path, as the XDG specification asks (and the agent does): a relative one names a
/// folder on disk under wherever the UI was started.
fn memory_folders_with(runtime: Option<std::ffi::OsString>) -> Vec<PathBuf> {
    runtime
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .into_iter()
        .chain([PathBuf::from("/dev/shm")])
        .filter(|p| p.is_dir())
        .collect()
}

/// Writes `text` to a new private temporary file at `place`, runs `command` on it and returns
/// what the file holds once it exits. The command goes through `sh`, so an editor given with
/// its arguments (`code --wait`, `emacsclient -t`) works as it does for git. The file (and in
/// memory, its folder) is removed afterwards whatever happens.
pub fn edit_with(command: &str, text: &str, place: Place) -> Result<String, String> {
    let folder = match place {
        Place::Temporary => None,
        Place::InMemory => Some(in_memory_folder()?),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix("trustladder-").suffix(".txt");
    let made = match &folder {
        Some(folder) => builder.tempfile_in(folder.path()),
        None => builder.tempfile(),
    };
    let mut file = made.map_err(|e| format!("could not make a temporary file: {e}"))?;
    writeln!(file, "{text}")
        .and_then(|()| file.flush())
        .map_err(|e| format!("could not write the temporary file: {e}"))?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("could not run {command}: {e}"))?;
    if !status.success() {
        return Err(format!("{command} ended with {status}"));
    }
    let bytes =
        std::fs::read(file.path()).map_err(|e| format!("could not read the text back: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "the text came back as something other than UTF-8".into())
}

/// A new folder only the user can open, in the first memory folder that takes one; an error
/// when there is none, so that the text stays in the form rather than going to the disk.
fn in_memory_folder() -> Result<tempfile::TempDir, String> {
    memory_folders()
        .iter()
        .find_map(|base| {
            tempfile::Builder::new()
                .prefix("trustladder-")
                .permissions(std::fs::Permissions::from_mode(0o700))
                .tempdir_in(base)
                .ok()
        })
        .ok_or_else(|| {
            "the ledger is encrypted and there is no folder in memory ($XDG_RUNTIME_DIR or /dev/shm) for the editor's file; the text stays in the form".to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_runtime_folder_is_not_taken_for_one_in_memory() {
        let shm: Vec<PathBuf> = [PathBuf::from("/dev/shm")]
            .into_iter()
            .filter(|p| p.is_dir())
            .collect();
        // `.` is a folder wherever the tests run, and on disk.
        assert_eq!(memory_folders_with(Some(".".into())), shm);
        assert_eq!(memory_folders_with(Some("".into())), shm);
        let runtime = tempfile::tempdir().unwrap();
        let folders = memory_folders_with(Some(runtime.path().into()));
        assert_eq!(folders.first().map(PathBuf::as_path), Some(runtime.path()));
    }

    #[test]
    fn the_text_comes_back_as_the_editor_left_it() {
        let back = edit_with(
            "sed -i 's/draft/final/'",
            "the draft note",
            Place::Temporary,
        )
        .unwrap();
        assert_eq!(back, "the final note\n");
    }

    #[test]
    fn an_editor_given_with_arguments_runs_through_the_shell() {
        let back = edit_with("printf 'line one\\nline two\\n' >", "old", Place::Temporary).unwrap();
        assert_eq!(back, "line one\nline two\n");
    }

    #[test]
    fn an_editor_that_fails_changes_nothing_and_says_so() {
        assert_eq!(
            edit_with("false", "kept", Place::Temporary),
            Err("false ended with exit status: 1".to_string())
        );
        let missing = edit_with("no-such-editor-here", "kept", Place::Temporary).unwrap_err();
        assert!(
            missing.starts_with("no-such-editor-here ended with"),
            "{missing}"
        );
    }

    #[test]
    fn the_temporary_file_is_gone_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("path");
        let command = format!("printf '%s' \"$1\" > '{}'; true", record.display());
        edit_with(&command, "private", Place::Temporary).unwrap();
        let used = std::fs::read_to_string(&record).unwrap();
        assert!(used.contains("trustladder-"), "{used}");
        assert!(
            !std::path::Path::new(&used).exists(),
            "{used} was left behind"
        );
    }

    #[test]
    fn an_encrypted_ledgers_text_goes_to_a_private_folder_in_memory_and_leaves_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("path");
        let command = format!(
            "stat -c '%a' \"$(dirname \"$1\")\" > '{0}'; printf '%s' \"$1\" >> '{0}'; true",
            record.display()
        );
        edit_with(&command, "private", Place::InMemory).unwrap();
        let used = std::fs::read_to_string(&record).unwrap();
        let (mode, path) = used.split_once('\n').unwrap();
        assert_eq!(mode, "700");
        let path = std::path::Path::new(path);
        let bases = memory_folders();
        assert!(
            bases.iter().any(|b| path.starts_with(b)),
            "{path:?} is not under {bases:?}"
        );
        assert!(!path.exists());
        assert!(
            !path.parent().unwrap().exists(),
            "the folder was left behind"
        );
    }
}
