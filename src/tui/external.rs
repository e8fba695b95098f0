//! Long text in the user's own editor: a field's text goes to `$VISUAL` or `$EDITOR` in a
//! temporary file and comes back when the editor exits, as gitui does for commit messages.
//! The run loop, which owns the terminal, hands it over around [`edit_with`]; nothing here
//! touches the terminal.

use std::io::Write;
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

/// Writes `text` to a new private temporary file, runs `command` on it and returns what the
/// file holds once it exits. The command goes through `sh`, so an editor given with its
/// arguments (`code --wait`, `emacsclient -t`) works as it does for git. The file is removed
/// afterwards whatever happens.
pub fn edit_with(command: &str, text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("trustladder-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("could not make a temporary file: {e}"))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_comes_back_as_the_editor_left_it() {
        let back = edit_with("sed -i 's/draft/final/'", "the draft note").unwrap();
        assert_eq!(back, "the final note\n");
    }

    #[test]
    fn an_editor_given_with_arguments_runs_through_the_shell() {
        let back = edit_with("printf 'line one\\nline two\\n' >", "old").unwrap();
        assert_eq!(back, "line one\nline two\n");
    }

    #[test]
    fn an_editor_that_fails_changes_nothing_and_says_so() {
        assert_eq!(
            edit_with("false", "kept"),
            Err("false ended with exit status: 1".to_string())
        );
        let missing = edit_with("no-such-editor-here", "kept").unwrap_err();
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
        edit_with(&command, "private").unwrap();
        let used = std::fs::read_to_string(&record).unwrap();
        assert!(used.contains("trustladder-"), "{used}");
        assert!(
            !std::path::Path::new(&used).exists(),
            "{used} was left behind"
        );
    }
}
