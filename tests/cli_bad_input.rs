//! One plausible bad input for every command `trustladder --help` lists: a wrong id, a date
//! word that means nothing, an empty text, a person who does not exist, a number out of range,
//! a folder where a file goes. Each is refused with a message naming what is wrong and a
//! non-zero exit, and leaves the data file byte for byte as it was (and the folder empty).

mod cli_support;

use std::process::Output;

use clap::CommandFactory;
use cli_support::Env;

/// A command (as `--help` names it), the words typed after the program's name, the exit code
/// and what stderr says.
type Case = (&'static str, &'static [&'static str], i32, &'static str);

const CASES: &[Case] = &[
    (
        "person add",
        &["person", "add", ""],
        1,
        "trustladder: name is empty;",
    ),
    (
        "person list",
        &["person", "list", "--sort", "newest"],
        2,
        "error: invalid value 'newest' for '--sort <SORT>'",
    ),
    (
        "person edit",
        &["person", "edit", "priya", "--every", "sometimes"],
        1,
        "trustladder: --every: 'sometimes' is not a cadence",
    ),
    (
        "person archive",
        &["person", "archive", "nobody"],
        1,
        "trustladder: no person matches 'nobody'",
    ),
    (
        "person restore",
        &["person", "restore", "nobody"],
        1,
        "trustladder: no person matches 'nobody'",
    ),
    (
        "person rm",
        &["person", "rm", "nobody"],
        1,
        "trustladder: no person matches 'nobody'",
    ),
    (
        "promise add",
        &["promise", "add", "priya", "Ship it", "--due", "blursday"],
        1,
        "trustladder: --due: 'blursday' is not a date",
    ),
    (
        "log",
        &["log", "priya", ""],
        1,
        "trustladder: what is empty;",
    ),
    ("keep", &["keep", "99"], 1, "trustladder: no promise #99:"),
    (
        "break",
        &["break", "1", "--on", "2030-01-01"],
        1,
        "trustladder: --on: 2030-01-01 is after today (2026-11-24)",
    ),
    (
        "release",
        &["release", "4"],
        1,
        "trustladder: no promise #4 any more: it was deleted",
    ),
    (
        "reopen",
        &["reopen", "abc"],
        2,
        "error: invalid value 'abc' for '<ID>': 'abc' is not a promise id",
    ),
    (
        "edit",
        &["edit", "1", "--due", "nope"],
        1,
        "trustladder: --due: 'nope' is not a date",
    ),
    ("rm", &["rm", "0"], 2, "'0' is not a promise id"),
    (
        "list",
        &["list", "nobody"],
        1,
        "trustladder: no person matches 'nobody'",
    ),
    (
        "agenda",
        &["--today", "tomorrow", "agenda"],
        1,
        "trustladder: --today: 'tomorrow' is not a YYYY-MM-DD date",
    ),
    (
        "review",
        &["review", "nobody"],
        1,
        "trustladder: no person matches 'nobody'",
    ),
    (
        "prep",
        &["prep", "priya", "--since", "whenever"],
        1,
        "trustladder: --since: 'whenever' is not a date",
    ),
    (
        "export",
        &["export", "--format", "csv", "--output", "folder"],
        1,
        "trustladder: folder is a folder, not a file",
    ),
    (
        "import taskwarrior",
        &[
            "import",
            "taskwarrior",
            "folder",
            "--person-from",
            "project",
        ],
        1,
        "trustladder: folder is a folder, not an export",
    ),
    (
        "check",
        &["--file", "folder", "check"],
        1,
        "folder: not a regular file but a folder",
    ),
    (
        "restore-backup",
        &["restore-backup", "99"],
        1,
        "no backup '99'",
    ),
    ("sync", &["sync"], 1, "is not set up for sync"),
    (
        "sync init",
        &["sync", "init", "--remote", ""],
        2,
        "error: invalid value '' for '--remote <URL>': an empty URL names no remote",
    ),
    (
        "sync clone",
        &["sync", "clone", ""],
        2,
        "error: invalid value '' for '<URL>': an empty URL names no remote",
    ),
    (
        "status",
        &["--today", "2026-02-30", "status"],
        2,
        "trustladder: --today: '2026-02-30' is not a day any year has",
    ),
    (
        "completions",
        &["completions", "tcsh"],
        2,
        "error: invalid value 'tcsh' for '<SHELL>'",
    ),
    (
        "man",
        &["man", "priya"],
        2,
        "error: unexpected argument 'priya' found",
    ),
    (
        "dates",
        &["dates", "blursday"],
        1,
        "trustladder: 'blursday' is not a date",
    ),
    (
        "encrypt",
        &["encrypt", "--recovery-out", "folder"],
        1,
        "trustladder: --recovery-out: folder is a folder",
    ),
    ("decrypt", &["decrypt", "--yes"], 1, "is not encrypted"),
    ("passphrase", &["passphrase"], 1, "is not encrypted"),
    (
        "recover",
        &["recover", "--key", "folder"],
        1,
        "is not encrypted",
    ),
    (
        "unlock",
        &["unlock", "--for", "forever"],
        2,
        "error: invalid value 'forever' for '--for <DURATION>'",
    ),
    (
        "lock",
        &["lock", "priya"],
        2,
        "error: unexpected argument 'priya' found",
    ),
    (
        "keys",
        &["keys", "priya"],
        2,
        "error: unexpected argument 'priya' found",
    ),
    (
        "config init",
        &["--config", "folder", "config", "init"],
        1,
        "trustladder: folder is a folder; give the path of the config file to write",
    ),
    (
        "config check",
        &["config", "check", "folder"],
        2,
        "error: unexpected argument 'folder' found",
    ),
    (
        "help",
        &["help", "frob"],
        2,
        "error: unrecognized subcommand 'frob'",
    ),
];

/// Priya (#1 open, due Friday; #2 kept), Pat (#3 mine, overdue), #4 deleted; and an empty
/// folder, `folder`, beside the data file.
fn team() -> Env {
    let env = Env::new("2026-11-24");
    env.ok(&["person", "add", "Priya Raman"]);
    env.ok(&["person", "add", "Pat Lee"]);
    env.ok(&["promise", "add", "priya", "Send the deck", "--due", "fri"]);
    env.ok(&["log", "priya", "Review PR 412", "--on", "yesterday"]);
    env.noted(
        &[
            "promise",
            "add",
            "pat",
            "Pair",
            "--mine",
            "--due",
            "2026-11-20",
        ],
        "overdue",
    );
    env.ok(&["promise", "add", "priya", "Gone soon"]);
    env.ok(&["rm", "4"]);
    std::fs::create_dir(env.dir.path().join("folder")).expect("a folder");
    env
}

/// `args` on the team's data file as if it were 24 November 2026 (unless they name another
/// file or day), with no passphrase to hand and no config file unless they name one.
fn run(env: &Env, args: &[&str]) -> Output {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_trustladder"));
    cmd.env_remove("TRUSTLADDER_FILE")
        .env_remove("TRUSTLADDER_CONFIG")
        .env_remove("TRUSTLADDER_PASSPHRASE_COMMAND")
        .env("TZ", "UTC")
        .current_dir(env.dir.path());
    for (flag, value) in [
        ("--file", env.path.to_str().expect("a path in UTF-8")),
        ("--today", env.today),
        ("--config", "/dev/null"),
    ] {
        if !args.contains(&flag) {
            cmd.args([flag, value]);
        }
    }
    cmd.args(args).output().expect("the binary runs")
}

#[test]
fn every_command_refuses_a_bad_input_naming_it_and_changes_nothing() {
    let env = team();
    let before = std::fs::read(&env.path).expect("the data file");
    for (command, args, code, says) in CASES {
        let out = run(&env, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{command}: {args:?}: {stderr}"
        );
        assert!(
            stderr.contains(says),
            "{command}: {args:?}: {stderr:?} lacks {says:?}"
        );
        // A refusal after parsing is one line, as every error the program writes.
        if *code == 1 {
            assert!(
                stderr.starts_with("trustladder: ") && stderr.lines().count() == 1,
                "{command}: {args:?}: {stderr:?}"
            );
        }
        assert!(
            std::fs::read(&env.path).expect("the data file") == before,
            "{command}: {args:?} changed the data file"
        );
        let folder = std::fs::read_dir(env.dir.path().join("folder")).expect("the folder");
        assert_eq!(
            folder.count(),
            0,
            "{command}: {args:?} wrote into the folder"
        );
    }
}

/// Every command `--help` lists, and each of theirs, has a case above: a command added
/// without one fails here.
#[test]
fn every_command_has_a_case() {
    fn commands(command: &clap::Command, above: &str, into: &mut Vec<String>) {
        for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
            let path = format!("{above} {}", sub.get_name()).trim().to_string();
            let before = into.len();
            commands(sub, &path, into);
            if into.len() == before {
                into.push(path);
            }
        }
    }
    let mut all = Vec::new();
    commands(&trustladder::cli::Cli::command(), "", &mut all);
    assert!(all.len() > 30, "{all:?}");
    for command in all {
        assert!(
            CASES.iter().any(|(named, args, ..)| {
                *named == command && args.join(" ").contains(&command)
            }),
            "no bad input is tried for `{command}`"
        );
    }
}
