//! What a person or a script types on the command line never reaches the terminal raw, and a
//! date out of range is refused where it is typed.

mod tmux_support;

use std::path::Path;
use std::process::Command;

use tmux_support::{Tmux, quoted};

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

fn run(file: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(file)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_usage_error_shows_escape_sequences_instead_of_sending_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    for args in [
        &["keep", "\u{1b}]2;X\u{7}"][..],
        &["list", "--level", "\u{1b}[31mred"],
        &["\u{9b}31m"],
    ] {
        let out = run(&file, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            !stderr
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{9b}'),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
    let out = run(&file, &["keep", "\u{1b}]2;X\u{7}"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: invalid value '\\u{1b}]2;X\\u{7}' for '<ID>': '\\u{1b}]2;X\\u{7}' is not a promise id; type a number like 12 or #12\n\nFor more information, try '--help'.\n"
    );
    assert!(!file.exists());
}

/// On a terminal, where clap would print what was typed as it is: the pane's title stays.
#[test]
fn a_usage_error_on_a_terminal_does_not_set_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "{} --file {} keep \"$(printf '\\033]2;HACKED\\007')\"; echo done; sleep 30",
        quoted(bin()),
        quoted(&dir.path().join("team.json"))
    );
    let tmux = Tmux::start("usage-title", &command);
    let screen = tmux.wait_for("done");
    assert!(screen.contains("'\\u{1b}]2;HACKED\\u{7}'"), "{screen}");
    let title = tmux.run(&["display-message", "-p", "-t", "e2e", "#{pane_title}"]);
    let title = String::from_utf8_lossy(&title.stdout);
    assert!(!title.contains("HACKED"), "the title was set: {title}");
}

fn ok(file: &Path, args: &[&str]) -> String {
    let out = run(file, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_date_past_9999_is_refused_where_it_is_typed_and_where_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let last = ["--today", "9999-12-31"];
    ok(&file, &[&last[..], &["person", "add", "Priya"]].concat());
    ok(
        &file,
        &[
            &last[..],
            &["promise", "add", "priya", "Ship it", "--due", "today"],
        ]
        .concat(),
    );
    let before = std::fs::read(&file).unwrap();

    let out = run(
        &file,
        &[&last[..], &["edit", "1", "--due", "tomorrow"]].concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: --due: 'tomorrow' (+10000-01-01) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)\n"
    );
    let out = run(&file, &["edit", "1", "--due", "99999-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'99999-01-01' is outside the years 1 to 9999"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&file, &["--today", "10000-01-01", "list"]);
    assert_eq!(out.status.code(), Some(1), "a bad --today is a bad date");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: --today: '10000-01-01' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)\n"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing changed");

    // A hand-written day past 9999 is refused on load, with the field named.
    let text = String::from_utf8(before)
        .unwrap()
        .replace("\"made\": \"9999-12-31\"", "\"made\": \"99999-01-01\"");
    std::fs::write(&file, &text).unwrap();
    let out = run(&file, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "$.promises[0].made: '99999-01-01' is outside the years 1 to 9999 that a date may fall in"
        ),
        "{stderr}"
    );

    // A day written right that no calendar has is told why, as where a day is typed.
    for (day, why) in [
        (
            "2026-02-30",
            "'2026-02-30' is not a day any year has: February 2026 has 28 days",
        ),
        (
            "2026-02-29",
            "'2026-02-29' is not a day of 2026: 2026 is not a leap year",
        ),
        ("2026-2-3", "'2026-2-3' is not a day written YYYY-MM-DD"),
    ] {
        std::fs::write(&file, text.replace("99999-01-01", day)).unwrap();
        let out = run(&file, &["list"]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("$.promises[0].made: {why}")),
            "{stderr}"
        );
    }
}

/// The day of the last 1:1 prep is read as every other day in the file is: a year outside 1
/// to 9999 had made every later prep "since" a day still to come, and `prep --save` refused
/// to record another until the file was edited by hand.
#[test]
fn the_last_prep_day_in_the_file_is_read_as_every_other_day() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    ok(&file, &["--today", "2026-11-20", "person", "add", "Priya"]);
    ok(&file, &["--today", "2026-11-20", "prep", "priya", "--save"]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"last_prep\": \"2026-11-20\""), "{text}");
    for (day, why) in [
        (
            "+262142-12-31",
            "'+262142-12-31' is outside the years 1 to 9999 that a date may fall in",
        ),
        (
            "0000-01-01",
            "'0000-01-01' is outside the years 1 to 9999 that a date may fall in",
        ),
        (
            "2026-13-01",
            "'2026-13-01' is not a day any year has: a year has 12 months",
        ),
        (
            " 2026-11-24",
            "' 2026-11-24' is not a day written YYYY-MM-DD",
        ),
    ] {
        let bad = text.replace(
            "\"last_prep\": \"2026-11-20\"",
            &format!("\"last_prep\": \"{day}\""),
        );
        std::fs::write(&file, &bad).unwrap();
        let out = run(&file, &["--today", "2026-12-03", "prep", "priya"]);
        assert_eq!(out.status.code(), Some(1), "{day}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("$.people[0].last_prep: {why}")),
            "{day}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            bad,
            "nothing changed"
        );
    }
}

#[test]
fn invisible_names_and_bidi_controls_are_refused_at_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    ok(&file, &["person", "add", "Priya"]);
    let before = std::fs::read(&file).unwrap();
    for (args, message) in [
        (
            &["person", "add", "\u{ad}\u{200b}\u{feff}"][..],
            "trustladder: name has no visible characters; give the colleague's name, quoted if it has a space, as in \"Priya Raman\"\n",
        ),
        (
            &["person", "add", "Eve\u{202e}lived"],
            "trustladder: name contains a character that reorders or breaks the text on screen (\\u{202e}); type plain text\n",
        ),
        (
            &["person", "edit", "priya", "--note", "a\u{2066}b"],
            "trustladder: note contains a character that reorders or breaks the text on screen (\\u{2066}); type plain text\n",
        ),
        (
            &["promise", "add", "priya", "\u{200b} \u{2060}"],
            "trustladder: what has no visible characters; say what was promised, quoted, as in \"send the Q3 deck by Friday\"\n",
        ),
    ] {
        let out = run(&file, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message, "{args:?}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing changed");
}

/// Something very long typed by mistake (a paste) is quoted back in an error by its start and
/// its length, never whole: by the lookup of a person, by `--today` and by clap's own errors.
#[test]
fn a_very_long_argument_is_quoted_back_by_its_start_and_length() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    ok(&file, &["person", "add", "Priya"]);
    let before = std::fs::read(&file).unwrap();
    let long = "a".repeat(131_000);
    let digits = "1".repeat(131_000);
    let year = format!("{}-01-01", "9".repeat(130_994));
    for args in [
        vec!["prep", long.as_str()],
        vec!["--today", digits.as_str(), "list"],
        vec!["--today", year.as_str(), "list"],
        vec!["keep", digits.as_str()],
    ] {
        let out = run(&file, &args);
        assert_ne!(out.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.len() < 1_000, "{} bytes", stderr.len());
        assert!(stderr.contains("… (131000 characters)'"), "{stderr}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A global option given before the command and again after it is refused, as one given twice
/// on either side is: the last silently won, so a script adding its own `--file` to a user's
/// words saved to another ledger. One after `--` is text, not the option.
#[test]
fn a_global_option_given_twice_around_the_command_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    ok(&a, &["--today", "2026-11-24", "person", "add", "Ann"]);
    let before = std::fs::read(&a).unwrap();
    let b_text = b.to_str().unwrap();
    let c_text = format!("--config={}", dir.path().join("c.toml").display());
    for (args, flag) in [
        (
            vec!["promise", "add", "ann", "twice", "--file", b_text],
            "--file <PATH>",
        ),
        (
            vec![
                "--today",
                "2026-11-24",
                "log",
                "ann",
                "x",
                "--today=2026-12-29",
            ],
            "--today <YYYY-MM-DD>",
        ),
        (
            vec!["--config", "x.toml", "person", "list", &c_text],
            "--config <FILE>",
        ),
    ] {
        let out = run(&a, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "the argument '{flag}' cannot be used multiple times"
            )),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&a).unwrap(), before, "{args:?}");
        assert!(!b.exists());
    }
    assert_eq!(
        ok(
            &a,
            &["--today", "2026-11-24", "person", "add", "--", "--file"]
        )
        .trim(),
        "file"
    );
    // `--` given as an option's text would let a second `--file` after it through.
    let args = ["person", "add", "Cat", "--role", "--", "--file", b_text];
    let out = run(&a, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("'--' ends the options, not text"),
        "{stderr}"
    );
    assert!(!b.exists());
}

/// A date pasted with a character that only looks like one of a date word's (a minus sign for
/// `-`, full-width letters) is refused naming that character and the word that reads, exit 1,
/// the file as it was; the word put right then reads.
#[test]
fn a_look_alike_character_in_a_date_is_named_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let today = ["--today", "2026-12-04"];
    ok(&file, &[&today[..], &["person", "add", "Priya"]].concat());
    ok(
        &file,
        &[&today[..], &["promise", "add", "priya", "Ship it"]].concat(),
    );
    let before = std::fs::read(&file).unwrap();

    let out = run(
        &file,
        &[&today[..], &["edit", "1", "--due", "\u{2212}3d"]].concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: --due: '\u{2212}3d' is not a date: \u{2212} (U+2212) only looks like -; did you mean -3d?\n"
    );
    let out = run(
        &file,
        &[
            &today[..],
            &["keep", "1", "--on", "\u{ff39}\u{ff25}\u{ff33}\u{ff34}"],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: --on: '\u{ff39}\u{ff25}\u{ff33}\u{ff34}' is not a date: \u{ff39} (U+FF39) only looks like Y; did you mean yest?\n"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);

    ok(
        &file,
        &[&today[..], &["edit", "1", "--due", "-3d"]].concat(),
    );
    let listed = ok(&file, &[&today[..], &["list", "--json"]].concat());
    assert!(listed.contains("\"due\": \"2026-12-01\""), "{listed}");
}
