//! The README's example session, run as written: every `$ trustladder …` line in its console
//! block is run on a fresh file on the README's day, and the output shown under it must appear
//! in what the command prints (a line `...` skips lines; a line ending in `...` matches by its
//! beginning). A README that drifts from the program fails here.

use assert_cmd::Command;

mod cli_support;
use cli_support::shell_words;

const README: &str = include_str!("../README.md");
const README_DAY: &str = "2026-11-24";
/// The data file the session names, as its first line sets it.
const README_FILE: &str = "/tmp/try/trustladder.json";

/// Whether `expected` lines appear in `actual`, in order, with the `...` rules above.
fn shows(actual: &str, expected: &[&str]) -> Result<(), String> {
    let mut lines = actual.lines();
    for want in expected.iter().filter(|w| w.trim() != "...") {
        let found = match want.strip_suffix(" ...") {
            Some(prefix) => lines.any(|l| l.starts_with(prefix)),
            None => lines.any(|l| l == *want),
        };
        if !found {
            return Err(format!("{want:?} not found in order in:\n{actual}"));
        }
    }
    Ok(())
}

#[test]
fn the_readme_session_runs_as_shown() {
    let block = README
        .split("```console\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a console block");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("readme.json");
    let mut commands = 0;
    let mut lines = block.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ trustladder ") else {
            continue;
        };
        // A line the program begins with its name is one it says on stderr, as a terminal
        // shows it among the output: the whole of stderr, the session's file named as the
        // README names it.
        let mut expected = Vec::new();
        let mut said = String::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("$ ") {
                break;
            }
            if next.starts_with("trustladder: ") {
                said.push_str(next);
                said.push('\n');
            } else if !next.is_empty() {
                expected.push(*next);
            }
            lines.next();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env("TRUSTLADDER_FILE", &file)
            .args(["--today", README_DAY])
            .args(shell_words(command))
            .output()
            .unwrap();
        assert!(out.status.success(), "{command}: {:?}", out.stderr);
        let stdout = String::from_utf8(out.stdout).unwrap();
        if let Err(why) = shows(&stdout, &expected) {
            panic!("README: `trustladder {command}`: {why}");
        }
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr.replace(&file.display().to_string(), README_FILE),
            said,
            "README: `trustladder {command}` on stderr"
        );
        commands += 1;
    }
    assert!(
        commands >= 5,
        "only {commands} commands found in the README"
    );
}

/// The session's first line says how to follow it on another day without touching one's own
/// ledger, with the day and the variable the session test runs it with.
#[test]
fn the_readme_session_says_how_to_follow_it() {
    let before = README
        .split("```console\n")
        .next()
        .and_then(|head| head.rsplit("## A short session").next())
        .expect("the README has a short session");
    let before = before.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        before.contains(&format!("add `--today {README_DAY}` to each command")),
        "{before}"
    );
    assert!(
        before.contains(&format!("`export TRUSTLADDER_FILE={README_FILE}`")),
        "{before}"
    );
}

#[test]
fn the_matcher_catches_a_difference() {
    assert!(shows("a\nb\nc\n", &["a", "...", "c"]).is_ok());
    assert!(shows("a\nbee\nc\n", &["x ...", "c"]).is_err());
    assert!(shows("a\nb ee\nc\n", &["b ...", "c"]).is_ok());
    assert!(shows("a\nb\n", &["b", "a"]).is_err());
    assert_eq!(
        shell_words(r#"add "Priya Raman" --role Backend"#),
        ["add", "Priya Raman", "--role", "Backend"]
    );
}

/// The rows of the README's key table: the first table of its terminal UI section.
fn key_table() -> Vec<&'static str> {
    let start = README
        .find("## The terminal UI")
        .expect("the README has a terminal UI section");
    let section = &README[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let table = section
        .find("| keys | what they do |")
        .map(|at| &section[at..])
        .expect("the terminal UI section has a key table");
    table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .collect()
}

/// What in backquotes reads as a key, as the screen writes keys: one character, a key with
/// Ctrl-, Alt- or Shift-, or a named key. Other code in a row (`prep`, a file name) is not.
fn key_like(code: &str) -> bool {
    const NAMED: [&str; 16] = [
        "Enter",
        "Esc",
        "Tab",
        "Space",
        "Backspace",
        "Delete",
        "Insert",
        "Home",
        "End",
        "PgUp",
        "PgDn",
        "↑",
        "↓",
        "←",
        "→",
        "F1",
    ];
    code.chars().count() == 1
        || ["Ctrl-", "Alt-", "Shift-"]
            .iter()
            .any(|m| code.starts_with(m))
        || NAMED.contains(&code)
        || (code.starts_with('F') && code[1..].parse::<u8>().is_ok())
}

/// Each piece of code in backquotes in `row`.
fn code_in(row: &str) -> Vec<&str> {
    row.split('`').skip(1).step_by(2).collect()
}

/// The README's key table is written by hand; this keeps it and the default key map that
/// drives the UI, its help and its hint bar in step both ways: every key of every binding is
/// in the table, and every key the table names is a key of the map.
#[test]
fn readme_key_table_and_the_key_map_agree_both_ways() {
    let keymap = trustladder::tui::keymap::Keymap::default();
    let labels: Vec<String> = keymap
        .bound()
        .iter()
        .flat_map(|b| b.keys.iter().map(|k| k.label()))
        .collect();
    let rows = key_table();
    assert!(rows.len() > 10, "the key table has {} rows", rows.len());
    let named: Vec<&str> = rows.iter().flat_map(|row| code_in(row)).collect();
    for binding in keymap.bound() {
        for key in binding.keys.iter().map(|k| k.label()) {
            assert!(
                named.contains(&key.as_str()),
                "the README's key table does not name `{key}` ({})",
                binding.help
            );
        }
    }
    for key in named.into_iter().filter(|code| key_like(code)) {
        assert!(
            labels.iter().any(|label| label == key),
            "the README's key table names `{key}`, which is no key of the key map"
        );
    }
}

#[test]
fn what_reads_as_a_key() {
    for key in ["d", "?", "Ctrl-r", "Shift-Tab", "PgDn", "↓", "Esc", "F5"] {
        assert!(key_like(key), "{key}");
    }
    for code in ["prep", "prep-HANDLE-DATE.md", "$EDITOR", "keys --json"] {
        assert!(!key_like(code), "{code}");
    }
    assert_eq!(
        code_in("| `j` `k` or `↓` | move; `d` `d` |"),
        ["j", "k", "↓", "d", "d"]
    );
}

#[test]
fn readme_lists_every_key_of_the_text_fields() {
    for (keys, help) in trustladder::tui::editor::KEYS {
        assert!(
            README.contains(&format!("| `{keys}` | {help} |")),
            "the README's text field table lacks `{keys}` ({help})"
        );
    }
}

/// The README's snippet for a prompt or a cron job, run as written under `set -e` (as a cron
/// script often is), on a day fixed by a `trustladder` on the PATH that passes `--today`:
/// `status` exits 1 when something is overdue, by design, which must not end the script
/// before it says so.
#[test]
fn the_readme_status_snippet_runs_under_set_e() {
    let snippet = README
        .split("```sh\n")
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains("trustladder status"))
        .expect("the README has a status snippet");
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let wrapper = bin.join("trustladder");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' --today {README_DAY} \"$@\"\n",
            env!("CARGO_BIN_EXE_trustladder")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let file = dir.path().join("ledger.json");
    let trustladder = |today: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env("TRUSTLADDER_FILE", &file)
            .args(["--today", today])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.stderr);
    };
    let run = |shell: &str| {
        let out = Command::new(shell)
            .env("PATH", &path)
            .env("TRUSTLADDER_FILE", &file)
            .args(["-e", "-c", snippet])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    trustladder(README_DAY, &["person", "add", "Priya Raman"]);
    for shell in ["sh", "bash"] {
        assert_eq!(
            run(shell),
            (Some(0), String::new()),
            "{shell}: nothing overdue"
        );
    }
    trustladder(
        "2026-11-18",
        &[
            "promise",
            "add",
            "priya",
            "Send the deck",
            "--due",
            "2026-11-20",
        ],
    );
    for shell in ["sh", "bash"] {
        assert_eq!(
            run(shell),
            (Some(0), "promises overdue: 1\n".to_string()),
            "{shell}: one overdue"
        );
    }
}
