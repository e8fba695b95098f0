//! Every exit code the docs name is exercised here, in the way the docs say it happens: the
//! exit codes table of docs/FORMAT.md, the README's (`sync` exits with 3, `status` with 0, 1
//! or 2, the UI without a terminal with 1) and `--help`'s. Each code the docs mention must
//! have a case below, so a new code in the docs fails here until a test makes it happen.

mod cli_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use cli_support::Env;

const README: &str = include_str!("../README.md");
const FORMAT: &str = include_str!("../docs/FORMAT.md");
const TODAY: &str = "2026-11-24";

/// The single digits that follow "exit" (within a few words) in `text`: `exits with 0 when
/// nothing is overdue, 1 when something is, and 2 on an error` gives 0, 1 and 2.
fn codes_after_exit(text: &str) -> BTreeSet<u8> {
    let mut codes = BTreeSet::new();
    let lower = text.to_lowercase();
    for (at, _) in lower.match_indices("exit") {
        let window: String = lower[at..].chars().take(70).collect();
        // Up to the end of the sentence or the table cell.
        let window = window.split(['.', '|', ';']).next().unwrap_or_default();
        let bytes = window.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            let alone = |j: Option<usize>| {
                j.and_then(|j| bytes.get(j))
                    .is_none_or(|c| !c.is_ascii_digit())
            };
            if b.is_ascii_digit() && alone(i.checked_sub(1)) && alone(Some(i + 1)) {
                codes.insert(b - b'0');
            }
        }
    }
    codes
}

/// The codes in the first column of FORMAT.md's exit codes table.
fn format_table_codes() -> BTreeSet<u8> {
    let section = FORMAT
        .split("## Exit codes")
        .nth(1)
        .expect("FORMAT.md has an Exit codes section");
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next()?.parse().ok())
        .collect()
}

/// The `--help` text's own account of the exit codes.
fn help_text() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .arg("--help")
        .output()
        .expect("the binary runs");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

/// What a run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(env: &Env, args: &[&str]) -> Run {
    let out = env.cmd(args).output().expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A ledger with one promise due on `due`.
fn ledger_due(due: &str) -> Env {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    let args = ["promise", "add", "priya", "Send the deck", "--due", due];
    if due.len() == 10 && due < TODAY {
        env.noted(&args, "overdue already");
    } else {
        env.ok(&args);
    }
    env
}

#[test]
fn every_exit_code_the_docs_name_has_a_case_here() {
    let covered: BTreeSet<u8> = BTreeSet::from([0, 1, 2, 3]);
    let table = format_table_codes();
    assert_eq!(table, covered, "FORMAT.md's exit codes table");
    let mut named = codes_after_exit(README);
    named.extend(codes_after_exit(FORMAT));
    named.extend(codes_after_exit(&help_text()));
    assert!(
        named.is_superset(&BTreeSet::from([0, 1, 2, 3])),
        "the scan reads the docs: {named:?}"
    );
    let missing: Vec<&u8> = named.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "the docs name exit codes no test here makes happen: {missing:?}"
    );
}

/// 0: success, nothing on stderr.
#[test]
fn exit_0_on_success() {
    let env = ledger_due("fri");
    let out = run(&env, &["list"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("Send the deck"));
    assert_eq!(out.stderr, "");
}

/// 1: understood but not done: one line naming the fault, stdout empty, the file unchanged.
#[test]
fn exit_1_when_the_command_cannot_be_done() {
    let env = ledger_due("fri");
    for (args, needle) in [
        (&["keep", "99"][..], "no promise #99"),
        (
            &["keep", "1", "--on", "tomorow"],
            "--on: 'tomorow' is not a date",
        ),
        (
            &["--today", "someday", "list"],
            "--today: 'someday' is not a YYYY-MM-DD date",
        ),
        (&["person", "add", "Priya Raman"], "already here"),
        (&["person", "rm", "priya"], "--force"),
        (&[], "needs a terminal"),
    ] {
        env.fails(args, needle);
    }
}

/// 1 from `check`: its report first, on stdout, then the exit.
#[test]
fn exit_1_from_check_after_its_report_on_a_damaged_file() {
    let env = ledger_due("fri");
    std::fs::write(&env.path, "{\n  \"format\": \"trustladder\",\n").unwrap();
    let out = run(&env, &["check"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("state: damaged"), "{}", out.stdout);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

/// 2: a usage mistake, with clap's few lines as FORMAT.md describes them.
#[test]
fn exit_2_on_a_usage_mistake_with_clap_s_few_lines() {
    let env = ledger_due("fri");
    let before = std::fs::read(&env.path).unwrap();
    // (the arguments, the first line, whether the usage line is shown)
    for (args, first, usage) in [
        (
            &["keep", "abc"][..],
            "error: invalid value 'abc' for '<ID>'",
            false,
        ),
        (
            &["promise", "add", "priya", "x", "--level", "huge"],
            "error: invalid value 'huge' for '--level <LEVEL>'",
            false,
        ),
        (
            &["frobnicate"],
            "error: unrecognized subcommand 'frobnicate'",
            true,
        ),
        (
            &["keep"],
            "error: the following required arguments were not provided:",
            true,
        ),
        // A set of flags of which any will do, said as such in one line.
        (
            &["edit", "1"],
            "error: the following required arguments were not provided:",
            true,
        ),
        (
            &["list", "--bogus"],
            "error: unexpected argument '--bogus' found",
            true,
        ),
        (
            &["list", "--mine", "--theirs"],
            "error: the argument '--mine' cannot be used with '--theirs'",
            true,
        ),
        // Not the whole help: the subcommand missing, and the ones there are.
        (
            &["person"],
            "error: 'trustladder person' requires a subcommand but one was not provided",
            true,
        ),
        (
            &["promise"],
            "error: 'trustladder promise' requires a subcommand but one was not provided",
            true,
        ),
        (
            &["config"],
            "error: 'trustladder config' requires a subcommand but one was not provided",
            true,
        ),
        (
            &["import"],
            "error: 'trustladder import' requires a subcommand but one was not provided",
            true,
        ),
    ] {
        let out = run(&env, args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(lines[0].starts_with(first), "{args:?}: {}", out.stderr);
        assert_eq!(
            lines.iter().any(|l| l.starts_with("Usage: trustladder")),
            usage,
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(
            lines.last(),
            Some(&"For more information, try '--help'."),
            "{args:?}"
        );
        assert!(
            (3..=7).contains(&lines.len()),
            "3 to 7 lines: {}",
            out.stderr
        );
    }
    assert_eq!(
        run(&env, &["person"]).stderr.lines().nth(1),
        Some("  [subcommands: add, list, edit, archive, restore, rm, help]")
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// `status`: 0 nothing overdue, 1 something is (its line on stdout), 2 an error.
#[test]
fn status_exits_0_1_or_2() {
    let fine = ledger_due("fri");
    let out = run(&fine, &["status"]);
    assert_eq!((out.code, out.stderr.as_str()), (Some(0), ""));

    let late = ledger_due("2026-11-20");
    let out = run(&late, &["status"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("overdue"), "{}", out.stdout);
    assert_eq!(out.stderr, "");
    assert_eq!(run(&late, &["status", "--count"]).stdout, "1\n");

    std::fs::write(&late.path, "not json").unwrap();
    let out = run(&late, &["status"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.starts_with("trustladder: "), "{}", out.stderr);
    assert_eq!(run(&fine, &["--today", "x", "status"]).code, Some(2));
}

/// 3: `sync` cannot reach its remote; this machine's change is committed and waits.
#[test]
fn exit_3_when_sync_cannot_reach_the_remote() {
    match Command::new("git").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => panic!("git is needed for this test and was not found: install it"),
    }
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let file = root.path().join("ledger").join("trustladder.json");
    let sync = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .arg("--file")
            .arg(&file)
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("the binary runs")
    };
    assert!(sync(&["person", "add", "Priya Raman"]).status.success());
    let gone = root.path().join("gone.git");
    let out = sync(&["sync", "init", "--remote", gone.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        sync(&["promise", "add", "priya", "Offline work"])
            .status
            .success()
    );
    let out = sync(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The address and git's reason are named, so a mistyped one is told from a network down.
    assert!(
        stderr.contains(&format!(
            "the remote {} could not be reached (",
            gone.display()
        )) && stderr.contains("does not appear to be a git repository")
            && stderr.contains("`trustladder sync init --remote URL` if the address is wrong"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!Path::new(&gone).exists());
}

#[test]
fn the_scan_reads_codes_where_the_docs_give_them() {
    assert_eq!(
        codes_after_exit(
            "exits with 0 when nothing is overdue, 1 when something is, and 2 on an error"
        ),
        BTreeSet::from([0, 1, 2])
    );
    assert_eq!(
        codes_after_exit("after 10 seconds it gives up with exit 1, nothing changed"),
        BTreeSet::from([1])
    );
    assert_eq!(codes_after_exit("exited in 2026"), BTreeSet::new());
}
