//! Claims of the README, docs/FORMAT.md and docs/STORE.md that once were wrong, each checked
//! against the real binary, so they stay true.

mod cli_support;

use std::path::Path;
use std::process::Output;

use cli_support::{Env, shell_words};

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

/// A file with Priya and one open promise, made on the docs' day.
fn env_with_priya() -> Env {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    env.ok(&["promise", "add", "priya", "Send the deck", "--due", "fri"]);
    env
}

/// FORMAT and DATES: one rule for every date typed, `--today` included: one line naming the
/// flag, exit code 1, the file unchanged (`status` exits 2 on any error).
#[test]
fn a_bad_date_is_refused_the_same_way_wherever_it_is_typed() {
    let env = env_with_priya();
    let cases: &[(&[&str], &str)] = &[
        (
            &["edit", "1", "--due", "tomorow"],
            "trustladder: --due: 'tomorow' is not a date; did you mean tomorrow?",
        ),
        (
            &["keep", "1", "--on", "yesterdy"],
            "trustladder: --on: 'yesterdy' is not a date; did you mean yesterday?",
        ),
        (
            // An outcome's day is never after today, so `tomorrow` is not offered for it.
            &["keep", "1", "--on", "tomorow"],
            "trustladder: --on: 'tomorow' is not a date: try yesterday, fri, -3d or 2026-11-17 (`trustladder dates` lists them all)",
        ),
        (
            &["prep", "priya", "--since", "yesterdy"],
            "trustladder: --since: 'yesterdy' is not a date; did you mean yesterday?",
        ),
        (
            &["dates", "tomorow"],
            "trustladder: 'tomorow' is not a date; did you mean tomorrow?",
        ),
        (
            &["--today", "tomorow", "list"],
            "trustladder: --today: 'tomorow' is not a YYYY-MM-DD date",
        ),
        (
            &["--today", "2026-13-01", "keep", "1"],
            "trustladder: --today: '2026-13-01' is not a day any year has: a year has 12 months",
        ),
        (
            &["--today", "10000-01-01", "agenda"],
            "trustladder: --today: '10000-01-01' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)",
        ),
    ];
    for (args, line) in cases {
        assert_eq!(env.fails(args, line), format!("{line}\n"), "{args:?}");
    }
    // The UI is refused before it opens, in the same words.
    assert_eq!(
        env.fails(&["--today", "soon"], "--today"),
        "trustladder: --today: 'soon' is not a YYYY-MM-DD date\n"
    );
    // `status` keeps 1 for "something is overdue": its errors, a bad date too, exit 2.
    let out = env.cmd(&["--today", "soon", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: --today: 'soon' is not a YYYY-MM-DD date\n"
    );
}

/// `--help` says where the UI's keys are listed, naming the help's key as the key map has it
/// and the command that prints every key.
#[test]
fn help_names_the_key_that_lists_every_key() {
    use trustladder::tui::keymap::{Action, Context, Keymap};
    let env = Env::new(TODAY);
    let help = env
        .ok(&["--help"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let key = Keymap::default()
        .key_of(Action::Help, &[Context::Views])
        .expect("the help has a key");
    assert!(
        help.contains(&format!(
            "In it, {key} lists every key; `trustladder keys` prints them"
        )),
        "{help}"
    );
}

/// README: `--help` works on every command, `help` included, and `help COMMAND…` prints the
/// same as `COMMAND --help`.
#[test]
fn help_works_on_every_command_help_included() {
    let env = Env::new(TODAY);
    let help_of_help = env.ok(&["help", "--help"]);
    assert!(
        help_of_help.contains("Usage: trustladder help [COMMAND]..."),
        "{help_of_help}"
    );
    assert_eq!(env.ok(&["help", "-h"]), help_of_help);
    assert_eq!(env.ok(&["help", "help"]), help_of_help);
    let person_add = env.ok(&["person", "add", "--help"]);
    assert!(person_add.contains("Usage: trustladder person add [OPTIONS] <NAME>"));
    assert_eq!(env.ok(&["help", "person", "add"]), person_add);
    assert_eq!(env.ok(&["help", "person", "add", "--help"]), person_add);
    assert_eq!(env.ok(&["help", "-h", "person", "add"]), person_add);

    // Every command, at every depth, hidden ones too.
    use clap::CommandFactory;
    fn paths(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands() {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            paths(sub, &path, out);
        }
    }
    let mut all = Vec::new();
    paths(&trustladder::cli::Cli::command(), &[], &mut all);
    assert!(all.len() > 25, "{all:?}");
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.ok(&args);
        assert!(
            out.contains(&format!("Usage: trustladder {}", path.join(" "))),
            "{args:?}: {out}"
        );
    }
    assert!(!env.path.exists(), "help creates no file");
}

/// README: PERSON is a prefix of a handle, a name or a word in either, accents aside; the
/// help of every argument that takes a colleague says so too (it once said only a prefix of a
/// handle or name, which `raman` is not), and each way it names resolves.
#[test]
fn every_person_argument_says_a_word_of_a_name_names_them() {
    use clap::CommandFactory;
    fn check(command: &clap::Command, path: &str, seen: &mut usize) {
        for arg in command.get_arguments() {
            if arg.is_positional() && arg.get_id() == "person" {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    help.contains("prefix of a handle, a name or a word in either"),
                    "{path}: {help}"
                );
                *seen += 1;
            }
        }
        for sub in command.get_subcommands() {
            check(sub, &format!("{path} {}", sub.get_name()), seen);
        }
    }
    let mut seen = 0;
    check(&trustladder::cli::Cli::command(), "trustladder", &mut seen);
    assert!(seen >= 10, "every command that takes a colleague: {seen}");

    let env = env_with_priya();
    env.ok(&["person", "add", "Léa Müller"]);
    for (typed, handle) in [
        ("pri", "priya-raman"),
        ("raman", "priya-raman"),
        ("RAMAN", "priya-raman"),
        ("mull", "léa-müller"),
        ("#1", "priya-raman"),
    ] {
        let review = env.ok(&["review", typed]);
        assert!(
            review
                .lines()
                .next()
                .unwrap_or("")
                .contains(&format!("({handle})")),
            "{typed}: {review}"
        );
    }
}

/// `--help`: the commands a newcomer types first each show one as typed, and every example
/// any help gives runs as shown, in order, on a ledger with Priya in it and her promise #1.
#[test]
fn every_example_in_the_help_runs_as_shown() {
    let mut all = Vec::new();
    for (path, text) in every_commands_help() {
        for paragraph in text.split("\n\n") {
            if let Some(example) = paragraph.strip_prefix("Example: ") {
                all.push((path.clone(), example.trim().to_string()));
            }
        }
    }
    let shown: Vec<&str> = all.iter().map(|(path, _)| path.as_str()).collect();
    for path in [
        "trustladder promise add",
        "trustladder log",
        "trustladder keep",
        "trustladder prep",
        "trustladder export",
        "trustladder import taskwarrior",
    ] {
        assert!(shown.contains(&path), "{path} has an example: {shown:?}");
    }

    let env = env_with_priya();
    std::fs::write(
        env.dir.path().join("tasks.json"),
        r#"[{"uuid":"4987e150-1111-4111-8111-111111111111","description":"Ship the report","status":"pending","entry":"20261101T100000Z","tags":["with_priya"]}]"#,
    )
    .unwrap();
    for (path, example) in &all {
        let words = shell_words(example);
        assert!(
            words.join(" ").starts_with(path.as_str()),
            "{path}'s example is of itself: {example}"
        );
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        env.ok(&args);
    }
    let csv = std::fs::read_to_string(env.dir.path().join("promises.csv")).unwrap();
    assert!(csv.contains("Migrate the billing tables"), "{csv}");
    let list = env.ok(&["list"]);
    assert!(list.contains("Ship the report"), "imported: {list}");
}

/// README: `promise add` notes a due date typed without its year that lands more than 300
/// days away, as `edit` does; the help of both says so (that of `promise add` once named only
/// a day before today).
#[test]
fn a_far_due_date_is_noted_as_the_help_of_both_commands_says() {
    let env = env_with_priya();
    for command in [&["promise", "add", "--help"][..], &["edit", "--help"][..]] {
        let help = env
            .ok(command)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            help.contains("typed without its year that lands more than 300 days away"),
            "{command:?}: {help}"
        );
    }
    env.noted(
        &[
            "--today",
            "2026-12-29",
            "promise",
            "add",
            "priya",
            "Plan",
            "--due",
            "dec 20",
        ],
        "#2 is due 2027-12-20, 356 days from today",
    );
    env.noted(
        &["promise", "add", "priya", "Audit", "--due", "+1000d"],
        "#3 is due 2029-08-20, 1000 days from today",
    );
}

/// README: `person list`'s LAST is marked `~` while nothing is logged with them yet, counting
/// from the day they were added; its help says so, where a new user's first list showed
/// `~today` with nothing to say what the mark meant.
#[test]
fn person_lists_mark_of_a_last_day_counted_from_the_day_added_is_explained() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    let listed = || env.ok(&["--today", "2026-11-27", "person", "list"]);
    let before = listed();
    assert!(before.contains(" ~3d ago"), "{before}");
    env.ok(&["log", "priya", "Send the deck"]);
    let after = listed();
    assert!(after.contains(" 3d ago") && !after.contains('~'), "{after}");
    let help = env
        .ok(&["person", "list", "--help"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains(
            "with `~` before it (`~3d ago`) when nothing is logged with them yet and it counts from the day they were added"
        ),
        "{help}"
    );
}

/// Every `--json` flag's help names the page that describes its fields (`check --json`'s
/// once named none), and that page has a section for it.
#[test]
fn every_json_flag_names_the_page_that_describes_it() {
    use clap::CommandFactory;
    fn check(command: &clap::Command, path: &str, seen: &mut usize) {
        for arg in command.get_arguments() {
            if arg.get_long() == Some("json") {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                let page = ["docs/FORMAT.md", "docs/STORE.md"]
                    .into_iter()
                    .find(|page| help.contains(&format!("(see {page})")))
                    .unwrap_or_else(|| panic!("{path} --json names no page: {help}"));
                let text =
                    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(page))
                        .unwrap();
                let command = path.trim_start_matches("trustladder ");
                assert!(
                    text.contains(&format!("`trustladder {command} --json")),
                    "{page} describes {command} --json"
                );
                *seen += 1;
            }
        }
        for sub in command.get_subcommands() {
            check(sub, &format!("{path} {}", sub.get_name()), seen);
        }
    }
    let mut seen = 0;
    check(&trustladder::cli::Cli::command(), "trustladder", &mut seen);
    assert!(
        seen >= 6,
        "list, agenda, review, person list, keys, check: {seen}"
    );
}

/// Every sentence of every command's help begins with a capital letter, as prose does
/// (`import taskwarrior`'s once began one with a status's name, `pending`), or with a sign,
/// a flag, a number, a quoted word or the program's name.
#[test]
fn every_sentence_of_the_help_begins_as_a_sentence() {
    let mut seen = 0;
    for (path, text) in every_commands_help() {
        for paragraph in text.split("\n\n") {
            for sentence in paragraph.split(". ") {
                let sentence = sentence.trim_start();
                let first = sentence.chars().next();
                assert!(
                    sentence.starts_with("trustladder") || first.is_none_or(|c| !c.is_lowercase()),
                    "{path}: a sentence begins in lower case: {sentence}"
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 40, "{seen}");
}

/// Every command's usage line fits 80 columns, in its `--help` and in the error for what it
/// lacks (`edit`'s spelled out every flag of its group with its value, 118 columns, and so did
/// `person edit`'s and `import taskwarrior`'s), and the error still names the flags that would
/// do, each line of it within 80 columns too.
#[test]
fn every_usage_line_fits_80_columns() {
    use clap::CommandFactory;
    let env = Env::new(TODAY);
    let mut errors = 0;
    for (path, _) in every_commands_help() {
        let words: Vec<&str> = path.split(' ').skip(1).collect();
        let help = env.ok(&[&words[..], &["--help"]].concat());
        let usage: Vec<&str> = help.lines().filter(|l| l.starts_with("Usage: ")).collect();
        assert_eq!(usage.len(), 1, "{path}: {help}");
        assert!(
            usage[0].chars().count() <= 80,
            "{path} --help: {}",
            usage[0]
        );
        // Only what clap refuses is run: it stops there, before anything is read or done.
        let refused = trustladder::cli::Cli::command()
            .try_get_matches_from(path.split(' '))
            .is_err();
        if refused {
            let out = run_on(&env.path, &words);
            assert_eq!(out.status.code(), Some(2), "{path}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("\nUsage: trustladder"), "{path}: {stderr}");
            for line in stderr.lines() {
                assert!(line.chars().count() <= 80, "{path}: {line}");
            }
            errors += 1;
        }
    }
    assert!(errors >= 10, "{errors}");
    // With many flags typed, clap's usage line names each (82 columns here): it is wrapped.
    let out = run_on(
        &env.path,
        &[
            "promise", "add", "bo", "x", "--level", "task", "--due", "fri", "--mine", "--nope",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\nUsage: trustladder promise add --level <LEVEL> --due <DATE> --mine <PERSON>\n       <WHAT>\n"),
        "{stderr}"
    );
    assert!(stderr.lines().all(|l| l.chars().count() <= 80), "{stderr}");
    // "At least one of" is true of a group only where several of its flags may go together.
    fn groups(command: &clap::Command, seen: &mut usize) {
        for group in command.get_groups().filter(|g| g.is_required_set()) {
            assert!(group.clone().is_multiple(), "{}", command.get_name());
            *seen += 1;
        }
        for sub in command.get_subcommands() {
            groups(sub, seen);
        }
    }
    let mut seen = 0;
    groups(&trustladder::cli::Cli::command(), &mut seen);
    assert_eq!(seen, 2, "edit's and person edit's");
    for (args, group) in [
        (
            &["edit", "1"][..],
            "at least one of --what, --level, --due, --note, --mine or --theirs",
        ),
        (
            &["person", "edit", "priya"],
            "at least one of --name, --role, --note or --every",
        ),
    ] {
        let out = run_on(&env.path, args);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(2)
                .collect::<Vec<_>>(),
            [
                "error: the following required arguments were not provided:",
                &format!("  {group}")
            ],
            "{args:?}"
        );
    }
    assert!(!env.path.exists(), "no file made");
}

/// Every command and subcommand, as typed (`trustladder person add`), with the text its
/// `--help` opens with (the long one where it has one).
fn every_commands_help() -> Vec<(String, String)> {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: String, out: &mut Vec<(String, String)>) {
        let text = command
            .get_long_about()
            .or(command.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        out.push((path.clone(), text));
        for sub in command.get_subcommands() {
            walk(sub, format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut all = Vec::new();
    walk(
        &trustladder::cli::Cli::command(),
        "trustladder".into(),
        &mut all,
    );
    all
}

/// `list --help` says the order it lists in: by number, the order promises were recorded,
/// not the day they were made.
#[test]
fn list_is_in_the_order_promises_were_recorded() {
    let env = env_with_priya();
    env.ok(&["log", "priya", "Reviewed PR 412", "--on", "2026-11-02"]);
    let listed: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "--json"])).unwrap();
    let order: Vec<(u64, &str)> = listed
        .iter()
        .map(|p| (p["id"].as_u64().unwrap(), p["made"].as_str().unwrap()))
        .collect();
    assert_eq!(order, [(1, "2026-11-24"), (2, "2026-11-02")]);
    let table = env.ok(&["list"]);
    let send = table.find("Send the deck").unwrap();
    let reviewed = table.find("Reviewed PR 412").unwrap();
    assert!(send < reviewed, "{table}");
    let help = env.ok(&["list", "--help"]);
    assert!(
        help.starts_with("List promises in the order they were recorded (by number)"),
        "{help}"
    );
    assert!(!help.contains("oldest"), "{help}");
}

/// STORE: a rotating backup is the file as a save found it; the first save, finding no file,
/// makes none, so `…000001` is the file the first save wrote, and numbers count backups.
#[test]
fn backups_are_numbered_in_the_order_made_from_the_file_each_save_found() {
    let env = Env::new(TODAY);
    let backups = env.dir.path().join("backups");
    let mut written = Vec::new();
    for args in [
        &["person", "add", "Priya Raman"][..],
        &["promise", "add", "priya", "Send the deck"],
        &["keep", "1"],
    ] {
        env.ok(args);
        written.push(std::fs::read(&env.path).unwrap());
    }
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "three saves, two backups: {names:?}");
    for (i, name) in names.iter().enumerate() {
        let (number, time) = name
            .strip_prefix("ledger.json.")
            .and_then(|rest| rest.split_once('.'))
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(number, format!("{:06}", i + 1));
        assert!(
            time.len() == 16 && time.ends_with('Z') && time.as_bytes()[8] == b'T',
            "{name}"
        );
        assert_eq!(
            std::fs::read(backups.join(name)).unwrap(),
            written[i],
            "{name} is the file save {} wrote, which save {} found",
            i + 1,
            i + 2
        );
    }
    let report: serde_json::Value = serde_json::from_str(&env.ok(&["check", "--json"])).unwrap();
    assert_eq!(report["backups"][0]["number"], 1);
    assert_eq!(
        report["backups"][0]["name"],
        names[1].as_str(),
        "1 is the newest"
    );
}

/// FORMAT: a newer file is never rewritten, every change is refused; `restore-backup`, the
/// documented exception, puts a backup in its place and keeps the newer file byte for byte.
#[test]
fn a_newer_file_is_never_rewritten_but_a_restore_keeps_it_aside() {
    let env = env_with_priya();
    let older = std::fs::read(&env.path).unwrap();
    let text = String::from_utf8(older.clone()).unwrap();
    assert!(text.contains("\"version\": 2,"), "{text}");
    let newer = text.replace("\"version\": 2,", "\"version\": 99,");
    std::fs::write(&env.path, &newer).unwrap();

    let listed = env.cmd(&["list"]).output().unwrap();
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Send the deck"));
    assert!(String::from_utf8_lossy(&listed.stderr).contains("note:"));
    env.fails(&["person", "add", "Pat Lee"], "version 99");
    env.fails(&["keep", "1"], "version 99");
    assert_eq!(std::fs::read_to_string(&env.path).unwrap(), newer);

    // Backup 1 is the file as the second save found it: Priya alone. No undo is offered,
    // as this program does not put the newer file back (it offered one that refused).
    let said = env.ok(&["restore-backup", "1"]);
    assert!(
        said.ends_with(
            "it was written by a newer trustladder, which puts it back (this one does not)\n"
        ) && !said.contains("puts it back\n`"),
        "{said}"
    );
    assert!(!said.contains("`trustladder restore-backup"), "{said}");
    let restored = std::fs::read_to_string(&env.path).unwrap();
    assert!(restored.contains("\"version\": 2,") && !restored.contains("Send the deck"));
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(env.dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".replaced."))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        newer,
        "kept byte for byte"
    );
    // This program does not put a newer file back.
    let name = kept[0].file_name().unwrap().to_str().unwrap();
    env.fails(&["restore-backup", name], "version 99");
}

/// The same for a newer file this version cannot read at all (a status it does not know):
/// the restore keeps it aside and says that only a newer trustladder puts it back, where it
/// named a `restore-backup` that then refused.
#[test]
fn a_newer_file_this_one_cannot_read_is_kept_aside_and_not_offered_back() {
    let env = env_with_priya();
    let text = std::fs::read_to_string(&env.path).unwrap();
    let newer = text
        .replace("\"version\": 2,", "\"version\": 99,")
        .replace("\"status\": \"open\"", "\"status\": \"deferred\"");
    assert_ne!(newer, text);
    std::fs::write(&env.path, &newer).unwrap();
    env.fails(&["list"], "version 99");

    let said = env.ok(&["restore-backup", "1"]);
    assert!(
        said.ends_with(
            "it was written by a newer trustladder, which puts it back (this one does not)\n"
        ),
        "{said}"
    );
    assert!(!said.contains("`trustladder restore-backup"), "{said}");
}

/// README: without a terminal, `trustladder` with no command says the UI needs one, names the
/// commands and `--help`, and exits with 1, creating nothing.
#[test]
fn without_a_terminal_the_ui_says_what_to_run_instead() {
    let env = Env::new(TODAY);
    for args in [&[][..], &["--demo"]] {
        let line = env.fails(args, "needs a terminal on standard input and output");
        for named in ["--help", "list", "agenda", "review", "person", "status"] {
            assert!(line.contains(named), "{line} names {named}");
        }
        assert!(!line.contains("os error"), "{line}");
    }
    assert!(!env.path.exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// README: the UI's due field takes the same words as the command line, `none`, `later` and
/// `someday` for no date included, and saves what it previews.
#[test]
fn the_ui_due_field_reads_the_words_the_command_line_reads() {
    use trustladder::core::dates::parse_iso;
    use trustladder::core::{Change, PromiseId};
    use trustladder::store::Store;
    use trustladder::tui::editor::LineEditor;
    use trustladder::tui::forms::{Form, FormKeys, Key, Value};
    use trustladder::tui::keymap::{Context, Keymap};

    let env = env_with_priya();
    let ledger = Store::open(&env.path).unwrap().ledger().clone();
    let today = parse_iso(TODAY).unwrap();
    let current = ledger.promises[0].due;
    assert_eq!(current, parse_iso("2026-11-27"));
    let words = [
        "none",
        "later",
        "someday",
        "NONE",
        "fri",
        "tomorrow",
        "dec 15",
        "eom-1d",
        "2026-W49-2",
        "+3d",
        "31st",
        "1m",
        "sonm",
        "in 3 days",
    ];
    for word in words {
        // A word at a time: next to each other, some are one date (`2026-W49-2 +3d`).
        let cli_day = env.ok(&["dates", word]);
        let cli_day = cli_day.trim_end();
        let mut form = Form::edit_promise(&ledger, PromiseId(1), today).unwrap();
        let at = form.fields.iter().position(|f| f.key == Key::Due).unwrap();
        form.fields[at].value = Value::Text(LineEditor::new(word));
        let preview = match form.date_preview(&form.fields[at]) {
            None => None,
            Some(Ok(day)) => Some(day),
            Some(Err(e)) => panic!("the form refuses {word:?}: {e}"),
        };
        let shown = preview.map_or("none".to_string(), |d| d.to_string());
        assert_eq!(shown, cli_day, "{word:?}: the form and `dates` disagree");
        let keys = FormKeys::of(&Keymap::default(), Context::SCREENS[0]);
        let Some(Change::EditPromise { patch, .. }) = form.submit(&keys) else {
            panic!("{word:?}: the form does not save an edit");
        };
        let saved = patch.due.map_or(current, |set| set.to);
        assert_eq!(saved, preview, "{word:?}: the form saves what it previews");
    }
}

/// FORMAT and STORE: one set of text rules for text typed and text read from the file. A
/// hand-edited file with a text one character over its limit, or an empty name or promise
/// text, is refused naming the JSON path, `check` calls it damaged, and no change rewrites
/// it; at the limit it reads. Characters are counted, not bytes (`é` is two bytes).
#[test]
fn a_file_breaking_a_text_rule_is_refused_and_never_rewritten() {
    let env = env_with_priya();
    env.ok(&[
        "person", "edit", "priya", "--role", "Backend", "--note", "n",
    ]);
    env.ok(&["keep", "1", "--note", "done"]);
    let good = env.ledger();
    let cases: &[(&str, &str, &str, usize)] = &[
        ("people", "name", "name", 80),
        ("people", "role", "role", 80),
        ("people", "note", "note", 2000),
        ("promises", "what", "what", 300),
        ("promises", "note", "note", 2000),
    ];
    let write = |records: &str, field: &str, text: String| {
        let mut ledger = good.clone();
        ledger[records][0][field] = serde_json::Value::String(text);
        std::fs::write(
            &env.path,
            serde_json::to_string_pretty(&ledger).unwrap() + "\n",
        )
        .unwrap();
        std::fs::read(&env.path).unwrap()
    };
    for &(records, field, label, max) in cases {
        write(records, field, "é".repeat(max));
        let report: serde_json::Value =
            serde_json::from_str(&env.ok(&["check", "--json"])).unwrap();
        assert_eq!(report["file"]["health"], "ok", "{records}.{field} at {max}");

        let bytes = write(records, field, "é".repeat(max + 1));
        let path = format!(
            "$.{records}[0].{field}: {label} is too long ({} characters, at most {max})",
            max + 1
        );
        let out = env.cmd(&["check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            report.contains("state: damaged") && report.contains(&path),
            "{report}"
        );
        env.fails(&["list"], &path);
        env.fails(&["person", "add", "Pat Lee"], &path);
        env.fails(&["keep", "1"], &path);
        assert_eq!(std::fs::read(&env.path).unwrap(), bytes, "never rewritten");
    }
    for (records, field, message) in [
        ("people", "name", "$.people[0].name: name is empty"),
        ("promises", "what", "$.promises[0].what: what is empty"),
        ("people", "name", "$.people[0].name: name"),
    ] {
        let text = if message.ends_with("empty") {
            String::new()
        } else {
            "\u{200b}\u{ad}".to_string()
        };
        let bytes = write(records, field, text);
        env.fails(&["list"], message);
        env.fails(&["person", "add", "Pat Lee"], message);
        assert_eq!(std::fs::read(&env.path).unwrap(), bytes);
    }
}

/// README: a paste into a field takes a tab as a space, as it says, where it said every
/// control character but a line break was left out.
#[test]
fn a_pasted_tab_becomes_a_space_as_the_readme_says() {
    use trustladder::tui::paste::one_line;

    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    assert!(
        readme.contains("a tab becomes a space too, and other control characters are left out"),
        "the README says what becomes of a pasted tab"
    );
    assert_eq!(one_line("Send\tthe deck\u{7}"), "Send the deck");
}

/// README: `person list --json` prints the same data as the table: level, the score at each
/// rung, the trend, open and overdue counts, beside the person's own fields.
#[test]
fn person_list_json_carries_what_the_table_shows() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman", "--role", "Backend"]);
    env.ok(&["person", "add", "Marcus Chen", "--role", "Frontend"]);
    for day in ["01", "02", "03", "04"] {
        env.ok(&["log", "priya", "A task", "--on", &format!("2026-11-{day}")]);
    }
    env.ok(&[
        "log",
        "priya",
        "A result",
        "--level",
        "result",
        "--on",
        "2026-11-05",
    ]);
    env.noted(
        &[
            "promise",
            "add",
            "marcus",
            "Late one",
            "--due",
            "2026-11-20",
        ],
        "overdue already",
    );
    env.ok(&["promise", "add", "marcus", "Open one"]);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["person", "list", "--json"])).unwrap();
    let table = env.ok(&["person", "list"]);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    // A left-aligned column runs from its header to the next header, a right-aligned one
    // (numbers) from the end of the header before it to the end of its own (the header is
    // ASCII, so its byte offsets are columns).
    let column = |name: &str, line: &str| -> String {
        let start = header
            .find(name)
            .unwrap_or_else(|| panic!("no column {name}"));
        let end = start + name.len();
        let (from, to) = if ["TASKS", "RESULTS", "IMPACT", "OPEN", "OVERDUE"].contains(&name) {
            (header[..start].trim_end().len(), end)
        } else {
            let next = header[end..]
                .find(|c: char| c.is_ascii_uppercase())
                .map_or(line.len(), |n| end + n);
            (start, next)
        };
        // By characters: the dash and arrows are one column wide but several bytes.
        let chars: Vec<char> = line.chars().collect();
        chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect::<String>()
            .trim()
            .to_string()
    };
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), rows.len());
    let pct = |v: &serde_json::Value| {
        v.as_f64()
            .map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0))
    };
    for (line, row) in body.iter().zip(&rows) {
        assert_eq!(column("HANDLE", line), row["handle"].as_str().unwrap());
        assert_eq!(column("NAME", line), row["name"].as_str().unwrap());
        assert_eq!(column("ROLE", line), row["role"].as_str().unwrap());
        assert_eq!(column("LEVEL", line), row["level"].as_str().unwrap());
        for (i, rung) in ["TASKS", "RESULTS", "IMPACT"].iter().enumerate() {
            assert_eq!(column(rung, line), pct(&row["scores"][i]), "{rung}: {line}");
        }
        let arrow = match row["trend"].as_str().unwrap() {
            "up" => "↑",
            "down" => "↓",
            _ => "→",
        };
        assert_eq!(column("TREND", line), arrow);
        assert_eq!(column("OPEN", line), row["open"].to_string());
        assert_eq!(column("OVERDUE", line), row["overdue"].to_string());
    }
    assert_eq!(rows[0]["level"], "task");
    assert_eq!(rows[1]["overdue"], 1);
}

/// README and the man page: every variable the README says the program reads is in the man
/// page's ENVIRONMENT section (VISUAL, EDITOR and TMPDIR, for Ctrl-o, once were not).
#[test]
fn the_man_page_names_each_variable_the_readme_documents() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    let out = std::process::Command::new(BIN)
        .arg("man")
        .output()
        .expect("the binary runs");
    let page = String::from_utf8(out.stdout).expect("UTF-8 output");
    let environment = page
        .split(".SH ENVIRONMENT")
        .nth(1)
        .and_then(|rest| rest.split(".SH ").next())
        .expect("an ENVIRONMENT section");
    for name in [
        "TRUSTLADDER_FILE",
        "TRUSTLADDER_CONFIG",
        "TRUSTLADDER_PASSPHRASE_COMMAND",
        "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "TMPDIR",
    ] {
        assert!(readme.contains(name), "the README names {name}");
        assert!(
            environment.contains(&format!("\\fB{name}\\fR")),
            "{name} is not in the man page's ENVIRONMENT:\n{environment}"
        );
    }
}

/// FORMAT: the numbers of `--json` are given to nine decimals, the values the rules compare
/// (weights decayed by age have endless decimals before that).
#[test]
fn json_numbers_are_given_to_nine_decimals() {
    const FORMAT: &str = include_str!("../docs/FORMAT.md");
    assert!(FORMAT.contains("are given\nto nine decimals, the values the rules compare"));
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Kim"]);
    env.ok(&["log", "kim", "Old", "--on", "2026-11-01"]);
    env.ok(&["log", "kim", "Older", "--late", "--on", "2026-10-03"]);
    for args in [
        &["review", "kim", "--json"][..],
        &["person", "list", "--json"],
    ] {
        let out = env.ok(args);
        let numbers: Vec<&str> = out
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|n| n.contains('.'))
            .collect();
        assert!(numbers.contains(&"0.677368372"), "{args:?}: {out}");
        for n in numbers {
            let decimals = n.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 9, "{args:?}: {n}");
        }
    }
}
