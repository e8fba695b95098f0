//! The command line in a user's shell: completions sourced in a fresh bash complete commands
//! and people's handles, zsh's complete from the first Tab, fish's print nothing without the
//! program on the `PATH`, `COMPLETE` set for other reasons leaves the commands alone, a date word of several words
//! completes to one argument in a real bash and zsh, the man page renders with `man -l`, and `status` gives a prompt or a
//! cron job one line and an exit code it can test.

mod cli_support;
mod tmux_support;

use std::path::Path;
use std::process::Command;

use cli_support::run;
use tmux_support::{Tmux, quoted};

const TODAY: &str = "2026-11-24";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

/// What bash completes `words` (the last one being typed) to, with the completion script
/// sourced and the data file named by `TRUSTLADDER_FILE`.
fn complete(file: &Path, script: &Path, words: &[&str]) -> Vec<String> {
    complete_at(file, script, words, words[words.len() - 1])
}

/// What bash completes to with `words` as bash split them (`COMP_WORDS`, at `:` and `=` too)
/// and `typed` the part of the last before the cursor, as bash passes it (without the quote
/// that opens it, as bash gives a completion function the word).
fn complete_at(file: &Path, script: &Path, words: &[&str], typed: &str) -> Vec<String> {
    complete_with(file, script, words, typed, &[], TAB)
}

/// Bash's `COMP_TYPE` on a first Tab, and on the Tab after one that changed nothing, which
/// lists the candidates.
const TAB: u8 = 9;
const LIST: u8 = 63;

/// What bash offers for `words` when it asks to list the candidates (a second Tab).
fn listed(file: &Path, script: &Path, words: &[&str]) -> Vec<String> {
    let typed = words[words.len() - 1];
    complete_with(file, script, words, typed, &[], LIST)
}

/// As [`complete_at`], with `env` set for bash and the program, and `comp_type` as bash's
/// `COMP_TYPE`.
fn complete_with(
    file: &Path,
    script: &Path,
    words: &[&str],
    typed: &str,
    env: &[(&str, &Path)],
    comp_type: u8,
) -> Vec<String> {
    let folder = bin().parent().expect("the binary's folder");
    let sh = |w: &str| format!("'{}'", w.replace('\'', r"'\''"));
    let all: Vec<String> = words.iter().map(|w| sh(w)).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_TYPE={comp_type}; _clap_complete_trustladder trustladder {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        all.join(" "),
        words.len() - 1,
        sh(typed.strip_prefix(['\'', '"']).unwrap_or(typed)),
        sh(words[words.len().saturating_sub(2)]),
    );
    let path = format!(
        "{}:{}",
        folder.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &line])
        .env("PATH", path)
        .env("TRUSTLADDER_FILE", file)
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_commands_and_peoples_handles() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    run(&file, TODAY, &["person", "add", "Pat Lee"]);
    run(&file, TODAY, &["person", "add", "Leo Park"]);
    let script = dir.path().join("trustladder.bash");
    std::fs::write(&script, run(&file, TODAY, &["completions", "bash"])).unwrap();

    assert_eq!(
        complete(&file, &script, &["trustladder", "sta"]),
        ["status"]
    );
    let mut people = complete(&file, &script, &["trustladder", "promise", "add", "p"]);
    people.sort();
    assert_eq!(people, ["pat-lee", "priya-raman"]);
    assert_eq!(
        complete(&file, &script, &["trustladder", "review", "le"]),
        ["leo-park"]
    );
    // Where no handle begins with it, a later word of a name does.
    assert_eq!(
        complete(&file, &script, &["trustladder", "review", "ram"]),
        ["priya-raman"]
    );
    // The start of a name, blanks and all, as commands take it: no one word of the name
    // holds `Priya R`, so it completed nothing, quoted, escaped or in any case.
    for typed in ["'Priya R", "Priya\\ R", "\"priya r"] {
        assert_eq!(
            complete(&file, &script, &["trustladder", "review", typed]),
            ["priya-raman"],
            "{typed}"
        );
    }
    // prep and export name a colleague too.
    assert_eq!(
        complete(&file, &script, &["trustladder", "prep", "le"]),
        ["leo-park"]
    );
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "export", "--format", "md", "le"]
        ),
        ["leo-park"]
    );
    // `person restore` offers only the archived, whom it brings back; a command that makes a
    // promise offers them not; those that take anyone (review, prep, export…) offer both.
    run(&file, TODAY, &["person", "archive", "pat"]);
    assert_eq!(
        complete(&file, &script, &["trustladder", "person", "restore", "p"]),
        ["pat-lee"]
    );
    assert_eq!(
        complete(&file, &script, &["trustladder", "promise", "add", "p"]),
        ["priya-raman"]
    );
    for command in [
        &["review"][..],
        &["person", "rm"],
        &["export", "--format", "md"],
    ] {
        let line = [&["trustladder"][..], command, &["p"]].concat();
        let mut offered = complete(&file, &script, &line);
        offered.sort();
        assert_eq!(offered, ["pat-lee", "priya-raman"], "{command:?}");
    }
    // Accents aside, unless typed: `le` offers both handles that begin so, `lé` the one.
    run(&file, TODAY, &["person", "add", "Léa Müller"]);
    run(&file, TODAY, &["person", "add", "Émile Zola"]);
    run(&file, TODAY, &["person", "add", "Eva Long"]);
    let mut offered = listed(&file, &script, &["trustladder", "review", "le"]);
    offered.sort();
    assert_eq!(offered, ["leo-park", "léa-müller"]);
    // What they share, `l`, is shorter than `le`: the first Tab leaves the word as typed (bash
    // puts in what every word offered begins with), where it cut it to `l`.
    for typed in ["le", "LE"] {
        let offered = complete(&file, &script, &["trustladder", "prep", typed]);
        assert!(!offered.is_empty(), "{typed}");
        let shared = offered.iter().fold(offered[0].clone(), |shared, w| {
            shared
                .chars()
                .zip(w.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        });
        assert_eq!(shared, typed, "{offered:?}");
    }
    // Where they share what was typed, the first Tab offers them as ever.
    let mut offered = complete(&file, &script, &["trustladder", "review", "p"]);
    offered.sort();
    assert_eq!(offered, ["pat-lee", "priya-raman"]);
    for (typed, handles) in [
        ("lé", &["léa-müller"][..]),
        ("LÉ", &["léa-müller"]),
        // The accent typed as a combining mark is the same accent.
        ("le\u{301}", &["léa-müller"]),
        ("é", &["émile-zola"]),
        ("mull", &["léa-müller"]),
    ] {
        let offered = complete(&file, &script, &["trustladder", "review", typed]);
        assert_eq!(offered, handles, "{typed}");
    }
    let mut offered = listed(&file, &script, &["trustladder", "review", "e"]);
    offered.sort();
    assert_eq!(offered, ["eva-long", "émile-zola"]);
    // A later word of a handle its person's name no longer holds, accents aside as well.
    run(&file, TODAY, &["person", "edit", "léa", "--name", "Lea"]);
    assert_eq!(
        complete(&file, &script, &["trustladder", "review", "mull"]),
        ["léa-müller"]
    );
    // A file named on the line is the one read.
    let other = dir.path().join("other.json");
    run(&other, TODAY, &["person", "add", "Pia Holm"]);
    let other_arg = other.display().to_string();
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "--file", &other_arg, "promise", "add", "p"]
        ),
        ["pia-holm"]
    );
    let equals = format!("--file={other_arg}");
    assert_eq!(
        complete(&file, &script, &["trustladder", "review", &equals, "p"]),
        ["pia-holm"]
    );
    // Date words: a due date takes days ahead, a day that has happened only today or before
    // (the words do not depend on the day: `tomorrow` is never before today).
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "promise", "add", "leo", "x", "--due", "tom"]
        ),
        ["tomorrow"]
    );
    assert_eq!(
        complete(&file, &script, &["trustladder", "keep", "1", "--on", "yes"]),
        ["yesterday"]
    );
    assert!(complete(&file, &script, &["trustladder", "keep", "1", "--on", "tom"]).is_empty());
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "prep", "leo", "--since", "yes"]
        ),
        ["yesterday"]
    );
    // Read in any case, and so offered in the case typed.
    for (typed, offered) in [("pro", "project"), ("Pro", "Project")] {
        let line = [
            "trustladder",
            "import",
            "taskwarrior",
            "t.json",
            "--person-from",
            typed,
        ];
        assert_eq!(complete(&file, &script, &line), [offered]);
    }
    // A keep-in-touch cadence: the common ones, and none.
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "person", "edit", "leo", "--every", ""]
        ),
        ["1w", "2w", "3w", "4w", "30d", "none"]
    );
    assert_eq!(
        complete(
            &file,
            &script,
            &["trustladder", "person", "edit", "leo", "--every", "n"]
        ),
        ["none"]
    );
    // Bash splits a word at `:` and `=`; what is offered replaces only the part after it.
    let import = [
        "trustladder",
        "import",
        "taskwarrior",
        "t.json",
        "--person-from",
    ];
    assert_eq!(
        complete_at(&file, &script, &[&import[..], &["tag", ":"]].concat(), ""),
        ["with_"]
    );
    assert_eq!(
        complete_at(
            &file,
            &script,
            &[&import[..], &["tag", ":", "wi"]].concat(),
            "wi"
        ),
        ["with_"]
    );
    // Date words are read for the line's --today, as the command will read them.
    let due = [
        "trustladder",
        "--today",
        TODAY,
        "promise",
        "add",
        "leo",
        "x",
        "--due",
    ];
    assert_eq!(
        complete_at(&file, &script, &[&due[..], &["=", "tom"]].concat(), "tom"),
        ["tomorrow"]
    );
    // A date word of several words is offered escaped, one word to bash; a word typed
    // escaped goes on completing; in a quote bash opened (it passes what follows the quote,
    // and closes it), the word is offered as it is.
    let on = ["trustladder", "--today", TODAY, "keep", "1", "--on"];
    assert_eq!(
        complete(&file, &script, &[&on[..], &["on"]].concat()),
        [r"on\ the\ 15th"]
    );
    assert_eq!(
        complete(&file, &script, &[&on[..], &[r"last\ f"]].concat()),
        [r"last\ fri"]
    );
    assert_eq!(
        complete_at(&file, &script, &[&on[..], &["'last f"]].concat(), "last f"),
        ["last fri"]
    );
    // Every past word of several words is offered looking back.
    assert_eq!(
        complete(&file, &script, &[&on[..], &["la"]].concat()),
        [r"last\ week", r"last\ fri", r"last\ month", r"last\ year"]
    );
    // On a Sunday `last fri` asks which of two Fridays, so it is not offered: the line's
    // --today is the day, in either form (bash splits `--today=2026-11-29` at the `=`), not
    // the clock's.
    for today in [
        &["--today", "2026-11-29"][..],
        &["--today", "=", "2026-11-29"],
    ] {
        let line = [&["trustladder"], today, &["keep", "1", "--on", "la"]].concat();
        assert_eq!(
            complete(&file, &script, &line),
            [r"last\ week", r"last\ month", r"last\ year"],
            "{line:?}"
        );
    }
    assert_eq!(
        complete(&file, &script, &[&due[..], &["ne"]].concat()),
        [r"next\ week", r"next\ month"]
    );
    // The days two off: both for a due date, looking back only the one that has been.
    assert_eq!(
        complete(&file, &script, &[&due[..], &["da"]].concat()),
        [r"day\ after\ tomorrow", r"day\ before\ yesterday"]
    );
    assert_eq!(
        complete(&file, &script, &[&on[..], &["da"]].concat()),
        [r"day\ before\ yesterday"]
    );
    assert_eq!(
        complete(&file, &script, &[&due[..], &[r"next\ "]].concat()),
        [r"next\ week", r"next\ month"]
    );
    assert_eq!(
        complete_at(
            &file,
            &script,
            &[&due[..], &["=", r"next\ w"]].concat(),
            r"next\ w"
        ),
        [r"next\ week"]
    );
    // Without the program on the PATH, a Tab does nothing and says nothing.
    let line = format!(
        "source '{}'; COMP_WORDS=(trustladder re); COMP_CWORD=1; COMP_TYPE=9; _clap_complete_trustladder trustladder re trustladder",
        script.display()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &line])
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("bash runs");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // A missing file completes nothing and prints nothing.
    let missing = dir.path().join("missing.json");
    assert!(complete(&missing, &script, &["trustladder", "review", "p"]).is_empty());
    assert!(!missing.exists());
}

/// A promise's id completes: `keep`, `break` and `release` offer the open ones, `reopen` the
/// resolved ones, `edit` and `rm` every one, by the digits typed, with or without `#` (it offered only
/// flags, and in bash put `--` on the line).
/// The shell passes `--file ~/alt.json` as typed while the line is being completed; the file
/// read for the handles is the one the shell will find, in HOME, not one named `~`.
/// `maryjane` finds Mary-Jane Watts for a command, the marks left out where nothing matches
/// as typed, but completed to nothing: completion now offers whom the command would find.
#[test]
fn bash_completes_a_name_typed_without_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Mary-Jane Watts"]);
    run(&file, TODAY, &["person", "add", "Seán O'Brien"]);
    let script = dir.path().join("trustladder.bash");
    std::fs::write(&script, run(&file, TODAY, &["completions", "bash"])).unwrap();
    for (typed, handle) in [
        ("maryjane", "mary-jane-watts"),
        ("seanob", "seán-o-brien"),
        ("obrien", "seán-o-brien"),
    ] {
        assert_eq!(
            complete(&file, &script, &["trustladder", "review", typed]),
            [handle],
            "{typed}"
        );
    }
    // What matches as typed is offered alone, never widened.
    assert_eq!(
        complete(&file, &script, &["trustladder", "review", "mary"]),
        ["mary-jane-watts"]
    );
}

#[test]
fn bash_completes_handles_from_a_file_named_from_home() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    run(
        &home.join("alt.json"),
        TODAY,
        &["person", "add", "Pia Holm"],
    );
    let script = dir.path().join("trustladder.bash");
    std::fs::write(&script, run(&file, TODAY, &["completions", "bash"])).unwrap();
    for named in [
        "~/alt.json",
        "$HOME/alt.json",
        "${HOME}/alt.json",
        "\"$HOME/alt.json\"",
    ] {
        let words = ["trustladder", "--file", named, "review", "p"];
        assert_eq!(
            complete_with(&file, &script, &words, "p", &[("HOME", &home)], TAB),
            ["pia-holm"],
            "{named}"
        );
    }
    let words = ["trustladder", "review", "--file=$HOME/alt.json", "p"];
    assert_eq!(
        complete_with(&file, &script, &words, "p", &[("HOME", &home)], TAB),
        ["pia-holm"]
    );
    // Quoted, the shell leaves `~` as it is: there is no such file, and nothing is offered.
    let words = ["trustladder", "--file", "'~/alt.json'", "review", "p"];
    assert!(complete_with(&file, &script, &words, "p", &[("HOME", &home)], TAB).is_empty());
}

/// A flag or an argument that takes a file offers the files and folders where the shell is
/// (besides the flags), not `.` itself: `--file .`, `--config .` and `-o .` are refused as
/// folders. `--file` leaves out a ledger's lock file too, which holds no ledger (a file of
/// that ending with no ledger beside it is offered as any other).
#[test]
fn a_flag_that_takes_a_file_offers_files_and_folders_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("mine.lock"), "").unwrap();
    let script = dir.path().join("trustladder.bash");
    std::fs::write(&script, run(&file, TODAY, &["completions", "bash"])).unwrap();
    let folder = bin().parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        folder.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let every = [
        "mine.lock",
        "sub/",
        "t.json",
        "t.json.lock",
        "trustladder.bash",
    ];
    let ledgers = ["mine.lock", "sub/", "t.json", "trustladder.bash"];
    for (words, expected) in [
        ("trustladder --file ''", &ledgers[..]),
        ("trustladder --config ''", &every[..]),
        ("trustladder export --format md -o ''", &every[..]),
        ("trustladder import taskwarrior ''", &every[..]),
    ] {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_TYPE={LIST}; _clap_complete_trustladder trustladder '' \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &line])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("TRUSTLADDER_FILE", &file)
            .output()
            .expect("bash runs");
        let mut offered: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('-'))
            .map(str::to_string)
            .collect();
        offered.sort();
        assert_eq!(
            offered,
            expected,
            "{words}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn bash_completes_promise_ids_by_what_each_command_takes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    for what in ["Send the deck", "Plan", "Book", "Draft"] {
        run(&file, TODAY, &["promise", "add", "priya", what]);
    }
    for n in 5..=12 {
        run(
            &file,
            TODAY,
            &["promise", "add", "priya", &format!("Task {n}")],
        );
    }
    run(&file, TODAY, &["keep", "2"]);
    let script = dir.path().join("trustladder.bash");
    std::fs::write(&script, run(&file, TODAY, &["completions", "bash"])).unwrap();
    let ids = |words: &[&str]| -> Vec<String> {
        complete(&file, &script, words)
            .into_iter()
            .filter(|w| !w.starts_with('-'))
            .collect()
    };
    assert_eq!(ids(&["trustladder", "keep", "1"]), ["1", "10", "11", "12"]);
    assert_eq!(ids(&["trustladder", "break", "2"]), Vec::<String>::new());
    assert_eq!(ids(&["trustladder", "reopen", "2"]), ["2"]);
    assert_eq!(
        ids(&["trustladder", "reopen", "1"]),
        Vec::<String>::new(),
        "all open"
    );
    assert_eq!(ids(&["trustladder", "edit", "'#1"]).len(), 4);
    assert_eq!(ids(&["trustladder", "rm", "3"]), ["3"]);
}

/// Installed as the README says (a file in `fpath`, autoloaded by `compinit`), the zsh script
/// completes on the first Tab of a shell, not only from the second; sourced, it registers.
#[test]
fn zsh_completes_on_the_first_tab_when_autoloaded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    let functions = dir.path().join("zfunc");
    std::fs::create_dir(&functions).unwrap();
    let script = run(&file, TODAY, &["completions", "zsh"]);
    std::fs::write(functions.join("_trustladder"), &script).unwrap();
    // `_describe` stands in for zsh's, printing what it was handed; the first call of
    // `_trustladder` is the first Tab.
    let line = format!(
        "fpath=('{}' $fpath); autoload -Uz compinit && compinit -D; \
         _describe() {{ print -- \"${{(P)3}}\" }}; \
         words=(trustladder review pr); CURRENT=3; _trustladder; \
         source '{}'; print -- \"registered: ${{_comps[trustladder]}}\"",
        functions.display(),
        functions.join("_trustladder").display(),
    );
    let folder = bin().parent().expect("the binary's folder");
    let out = Command::new("zsh")
        .args(["-df", "-c", &line])
        .env(
            "PATH",
            format!(
                "{}:{}",
                folder.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("TRUSTLADDER_FILE", &file)
        .output()
        .expect("zsh runs (.ci/run installs it)");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "priya-raman:Priya Raman\nregistered: _clap_dynamic_completer_trustladder\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A real shell in a terminal, with the completions of `shell` read as the README installs
/// them, the program on its `PATH`, `file` its data file and `dir/home` its home folder.
fn interactive(shell: &str, file: &Path, dir: &Path) -> Tmux {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let folder = bin().parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        folder.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (command, setup) = match shell {
        "bash" => {
            let script = dir.join("trustladder.bash");
            std::fs::write(&script, run(file, TODAY, &["completions", "bash"])).unwrap();
            (
                "HISTFILE= bash --norc --noprofile -i",
                format!("source {}", quoted(&script)),
            )
        }
        _ => {
            let functions = dir.join("zfunc");
            std::fs::create_dir_all(&functions).unwrap();
            let script = run(file, TODAY, &["completions", "zsh"]);
            std::fs::write(functions.join("_trustladder"), script).unwrap();
            (
                "zsh -f -i",
                format!(
                    "fpath=({} $fpath); autoload -Uz compinit && compinit -u -D",
                    quoted(&functions)
                ),
            )
        }
    };
    let tmux = Tmux::start(
        &format!("complete-{shell}"),
        &format!(
            "env PATH={} TRUSTLADDER_FILE={} HOME={} {command}",
            quoted(Path::new(&path)),
            quoted(file),
            quoted(&home)
        ),
    );
    tmux.text(&format!("{setup}; echo ready-$((20+6))"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("ready-26");
    tmux
}

/// After each Tab, what the line shows and what is typed next.
type Tabs<'a> = &'a [(&'a str, &'a str)];

/// Tab by Tab in a real bash and zsh, a date word of several words completes to one
/// argument that runs: escaped (`last\ fri`), or in the quote typed (`'3 days ago'`), and a
/// word typed half escaped or half quoted goes on completing.
fn date_words_of_several_words_complete_in(shell: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, "2026-11-01", &["person", "add", "Zoe Park"]);
    for what in ["One", "Two", "Three", "Four"] {
        run(
            &file,
            "2026-11-01",
            &["promise", "add", "zoe", what, "--due", "2026-11-10"],
        );
    }
    let tmux = interactive(shell, &file, dir.path());
    // What is typed, then after each Tab what the line shows and what is typed next; Enter
    // then runs it, and what it prints shows the words made one argument.
    let cases: [(&str, Tabs, &str); 6] = [
        (
            "keep 1 --on last",
            &[(r"--on last\", "f"), (r"--on last\ fri", "")],
            "#1 kept late: \"One\" (zoe-park, theirs)",
        ),
        (
            "keep 2 --on on",
            &[(r"--on on\ the\ 15th", "")],
            "#2 kept late: \"Two\" (zoe-park, theirs)",
        ),
        (
            "keep 3 --on '3 d",
            &[("--on '3 days ago'", "")],
            "#3 kept late: \"Three\" (zoe-park, theirs)",
        ),
        (
            "keep 4 --on \"last f",
            &[("--on \"last fri\"", "")],
            "#4 kept late: \"Four\" (zoe-park, theirs)",
        ),
        (
            "promise add zoe Five --due ne",
            &[(r"--due next\", "m"), (r"--due next\ month", "")],
            "5",
        ),
        (
            "promise add zoe Six --due=next\\ w",
            &[(r"--due=next\ week", "")],
            "6",
        ),
    ];
    for (typed, tabs, printed) in cases {
        tmux.keys(&["C-l"]);
        tmux.wait_gone("$((");
        tmux.text(&format!("trustladder --today {TODAY} {typed}"));
        for (shown, more) in tabs {
            tmux.keys(&["Tab"]);
            tmux.wait_for(shown);
            tmux.text(more);
        }
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for(&format!("\n{printed}\n"));
        assert!(!screen.contains("error"), "{shell}: {screen}");
    }
    let list = run(&file, TODAY, &["list"]);
    let due = |word: &str| run(&file, TODAY, &["dates", word]);
    for (what, word) in [("Five", "next month"), ("Six", "next week")] {
        let day = due(word);
        let day = day.split_whitespace().last().unwrap_or_default();
        assert!(
            list.lines().any(|l| l.ends_with(what) && l.contains(day)),
            "{shell}: {what} due {word} ({day}):\n{list}"
        );
    }
}

/// In a real bash, Tab never shortens what was typed: `le` offers leo-park and léa-müller
/// (accents aside), which share only `l`, and bash put that in. The first Tab leaves `le`,
/// the second lists both, and a letter more completes to one.
#[test]
fn bash_never_shortens_the_word_typed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Leo Park"]);
    run(&file, TODAY, &["person", "add", "Léa Müller"]);
    let tmux = interactive("bash", &file, dir.path());
    for typed in ["le", "'le"] {
        tmux.keys(&["C-l"]);
        tmux.wait_gone("$((");
        tmux.text(&format!("trustladder prep {typed}"));
        tmux.keys(&["Tab"]);
        tmux.keys(&["Tab"]);
        // The list and the line bash draws again under it, as typed: read as soon as the
        // list showed, the line below it may not have reached tmux yet.
        let line = format!("trustladder prep {typed}");
        let screen = tmux.wait_until(&format!("both listed, then `{line}`"), |screen| {
            let listed = screen.find("leo-park").zip(screen.find("léa-müller"));
            listed.is_some_and(|(leo, lea)| {
                screen[leo.max(lea)..]
                    .lines()
                    .any(|l| l.trim_end().ends_with(&line))
            })
        });
        let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
        assert!(
            !lines
                .iter()
                .any(|l| l.ends_with("trustladder prep l") || l.ends_with("trustladder prep 'l")),
            "{typed}: {screen}"
        );
        tmux.text("o");
        tmux.keys(&["Tab"]);
        tmux.wait_for(&format!(
            "trustladder prep {}leo-park",
            &typed[..typed.len() - 2]
        ));
        tmux.keys(&["C-u"]);
    }
}

#[test]
fn bash_completes_date_words_of_several_words_to_one_argument() {
    date_words_of_several_words_complete_in("bash");
}

#[test]
fn zsh_completes_date_words_of_several_words_to_one_argument() {
    date_words_of_several_words_complete_in("zsh");
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&file, TODAY, &["completions", shell]);
        assert!(script.contains("trustladder"), "{shell}: {script}");
    }
    let out = Command::new(bin())
        .args(["--file"])
        .arg(&file)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    // A usage mistake, as any value outside a flag's list is: exit 2, the values named.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid value 'tcsh' for '<SHELL>'")
            && stderr.contains("[possible values: bash, zsh, fish, elvish, powershell]"),
        "{stderr}"
    );
}

#[test]
fn the_man_page_renders() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("trustladder.1");
    let roff = run(&dir.path().join("t.json"), TODAY, &["man"]);
    // Plain groff, without man's preprocessor, reads only ASCII; other characters are
    // written as roff's escapes.
    assert!(roff.is_ascii(), "{roff}");
    assert!(roff.contains("AGE\\-SECRET\\-KEY\\-1\\[u2026]"), "{roff}");
    // Each option with the value it takes.
    assert!(
        roff.contains(
            "\\fBtrustladder keep\\fR \\fIID\\fR [\\fB\\-\\-late\\fR] [\\fB\\-\\-on\\-time\\fR] [\\fB\\-\\-on\\fR \\fIDATE\\fR]"
        ),
        "{roff}"
    );
    std::fs::write(&page, roff).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .expect("man is installed (CI installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("NAME\n       trustladder - whom can I trust with what"),
        "the name once: {text}"
    );
    assert!(
        text.contains("DESCRIPTION\n       Without a command, opens the terminal UI"),
        "the description does not repeat the name's line: {text}"
    );

    assert!(text.contains("status"), "the commands are listed: {text}");
    // One page: every command with its own options, no page of its own to look for.
    assert!(!text.contains("trustladder-keep(1)"), "{text}");
    assert!(text.contains("   trustladder keep\n"), "{text}");
    assert!(text.contains("--on-time"), "keep's own options: {text}");
    assert!(text.contains("   trustladder person add\n"), "{text}");
    for section in ["ENVIRONMENT", "FILES", "TRUSTLADDER_PASSPHRASE_COMMAND"] {
        assert!(text.contains(section), "{section}: {text}");
    }
    // The exit codes under the heading man pages give them, not clap's EXTRA.
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("EXIT STATUS 0 on success; 1 when"),
        "{text}"
    );
    assert!(!text.contains("EXTRA"), "{text}");
    assert_eq!(
        text.matches("--today <YYYY-MM-DD>").count(),
        1,
        "the global options once"
    );
}

/// `status` on a ledger with `overdue` promises of theirs and mine.
fn status(file: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(bin())
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(file)
        .args(["--today", TODAY, "status"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn status_says_what_is_overdue_and_its_exit_code_says_whether_anything_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, "2026-11-01", &["person", "add", "Priya Raman"]);
    run(
        &file,
        "2026-11-01",
        &["promise", "add", "priya", "Due today", "--due", TODAY],
    );
    assert_eq!(
        status(&file, &[]),
        (
            Some(0),
            "overdue: 0 theirs, 0 mine; 1 due today\n".into(),
            String::new()
        )
    );
    run(
        &file,
        "2026-11-01",
        &["promise", "add", "priya", "Late", "--due", "2026-11-20"],
    );
    run(
        &file,
        "2026-11-01",
        &[
            "promise",
            "add",
            "priya",
            "Mine, late",
            "--mine",
            "--due",
            "2026-11-23",
        ],
    );
    run(
        &file,
        "2026-11-01",
        &["promise", "add", "priya", "Later", "--due", "2026-12-20"],
    );
    assert_eq!(
        status(&file, &[]),
        (
            Some(1),
            "overdue: 1 theirs, 1 mine; 1 due today\n".into(),
            String::new()
        )
    );
    assert_eq!(
        status(&file, &["--count"]),
        (Some(1), "2\n".into(), String::new())
    );
    // Nothing at all.
    let empty = dir.path().join("empty.json");
    run(&empty, TODAY, &["person", "add", "Pat Lee"]);
    assert_eq!(
        status(&empty, &[]),
        (
            Some(0),
            "nothing overdue, nothing due today\n".into(),
            String::new()
        )
    );
    // An error is 2, never mistaken for "something is overdue".
    std::fs::write(&file, b"{ not a ledger").unwrap();
    let (code, out, err) = status(&file, &[]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(err.starts_with("trustladder: "), "{err}");
}

/// The binary run on `file` with `COMPLETE` set to `shell`, as a user's environment may have
/// it for reasons of its own.
fn with_complete_set(shell: &str, file: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .env_remove("TRUSTLADDER_FILE")
        .env("COMPLETE", shell)
        .arg("--file")
        .arg(file)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn commands_run_as_typed_with_complete_set() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    let added = with_complete_set("bash", &file, &["person", "add", "Env Test"]);
    assert_eq!(added.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&added.stdout), "env-test\n");
    run(
        &file,
        TODAY,
        &["promise", "add", "env", "Late", "--due", "2026-11-20"],
    );
    let status = with_complete_set("bash", &file, &["status"]);
    assert_eq!(
        (
            status.status.code(),
            String::from_utf8_lossy(&status.stdout).into_owned()
        ),
        (Some(1), "overdue: 1 theirs, 0 mine; 0 due today\n".into())
    );
    let agenda = with_complete_set("1", &file, &["agenda"]);
    assert_eq!(
        agenda.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&agenda.stderr)
    );
    assert!(String::from_utf8_lossy(&agenda.stdout).contains("Late"));
    // What the scripts send is still answered: `--` and the words, or the program alone.
    let asked = Command::new(bin())
        .env("TRUSTLADDER_FILE", &file)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "1")
        .args(["--", "trustladder", "stat"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&asked.stdout), "status");
    let registered = Command::new(bin())
        .env("COMPLETE", "bash")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&registered.stdout).contains("_clap_complete_trustladder"));
}

/// What fish, with the completion script sourced and `path` its `PATH`, completes `line` to:
/// its standard output and error. None where fish is not installed (CI does not install it).
fn fish_completes(script: &Path, path: &str, line: &str) -> Option<(String, String)> {
    let out = Command::new("fish")
        .args(["--no-config", "-c"])
        .arg(format!(
            "source {}; complete -C {}",
            quoted(script),
            quoted(Path::new(line))
        ))
        .env("PATH", path)
        .output()
        .ok()?;
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn fish_completes_nothing_and_prints_nothing_without_the_program_on_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    let text = run(&file, TODAY, &["completions", "fish"]);
    assert_eq!(
        text,
        "complete --keep-order --exclusive --command trustladder --arguments \"(command -q trustladder; and COMPLETE=fish trustladder -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token) 2>/dev/null)\"\n"
    );
    let script = dir.path().join("trustladder.fish");
    std::fs::write(&script, text).unwrap();
    let folder = bin().parent().expect("the binary's folder");
    let Some(without) = fish_completes(&script, "/usr/bin:/bin", "trustladder rev") else {
        eprintln!("fish is not installed: the script is checked as text only");
        return;
    };
    assert_eq!(without, (String::new(), String::new()));
    let with = fish_completes(
        &script,
        &format!("{}:/usr/bin:/bin", folder.display()),
        "trustladder rev",
    );
    assert!(
        with.as_ref()
            .is_some_and(|(out, err)| out.starts_with("review\t") && err.is_empty()),
        "{with:?}"
    );
}

/// A `--file` after the word being completed (a line recalled, the cursor moved back to the
/// person) names the ledger the handles come from, in bash and zsh, which pass the whole
/// line: the default ledger's people were offered.
#[test]
fn a_file_named_after_the_cursor_is_the_one_completed_from() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    let alt = dir.path().join("alt.json");
    run(&alt, TODAY, &["person", "add", "Pia Holm"]);
    let alt = alt.to_str().expect("a UTF-8 path");
    for (shell, index) in [("bash", "2"), ("zsh", "2")] {
        let out = Command::new(bin())
            .env("TRUSTLADDER_FILE", &file)
            .env("COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", index)
            .args(["--", "trustladder", "review", "p", "--file", alt])
            .output()
            .unwrap();
        let offered = String::from_utf8_lossy(&out.stdout);
        assert!(offered.starts_with("pia-holm"), "{shell}: {offered}");
        assert!(!offered.contains("priya-raman"), "{shell}: {offered}");
    }
}

/// In a real bash, Tab with the cursor in an empty gap before a later word (a line recalled,
/// the cursor moved back) completes a new word at the cursor and leaves the later words as
/// they are, the `--file` among them naming the ledger the handles come from: bash says the
/// word at the cursor is the one after the gap, and the script took that word for the one
/// being typed, so the program read the line without it and offered the default ledger's
/// people.
#[test]
fn bash_completes_in_an_empty_gap_and_leaves_the_later_words_alone() {
    if !installed("bash") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    let alt = dir.path().join("alt.json");
    run(&alt, TODAY, &["person", "add", "Pia Holm"]);
    let later = format!("--file {}", quoted(&alt));
    let tmux = interactive("bash", &file, dir.path());
    // Two spaces, the cursor between them; one space, the cursor on the later word.
    for gap in ["  ", " "] {
        tmux.keys(&["C-l"]);
        tmux.wait_gone("$((");
        let line = format!("trustladder review{gap}{later}");
        tmux.text(&line);
        for _ in 0..later.chars().count() + gap.len() - 1 {
            tmux.keys(&["Left"]);
        }
        // The first Tab finds more than one (the flags too), the second lists them.
        tmux.keys(&["Tab"]);
        tmux.keys(&["Tab"]);
        let screen = tmux.wait_for("--today");
        assert!(screen.contains("pia-holm"), "{gap:?}: {screen}");
        assert!(!screen.contains("priya-raman"), "{gap:?}: {screen}");
        assert!(
            screen.lines().any(|l| l.trim_end().ends_with(&line)),
            "{gap:?}: {screen}"
        );
        tmux.keys(&["C-e", "C-u"]);
    }
    // A word typed in the gap completes there, the later words kept.
    tmux.keys(&["C-l"]);
    tmux.wait_gone("$((");
    tmux.text(&format!("trustladder review  {later}"));
    for _ in 0..=later.chars().count() {
        tmux.keys(&["Left"]);
    }
    tmux.text("pi");
    tmux.keys(&["Tab"]);
    tmux.wait_for(&format!("trustladder review pia-holm {later}"));
}

/// Whether `shell` is installed; where it is not, the test that needs it says so and skips.
fn installed(shell: &str) -> bool {
    let found = Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("skipped: {shell} is not installed (.ci/run installs it)");
    }
    found
}

/// A path from the home folder completes with its `~/` left for the shell to expand and the
/// rest escaped, in bash and zsh, after `--file ` and after `--file=` alike: `\~/alt.json`
/// named a file in a folder called `~`, and `--config` such a file then said it was missing;
/// after `=` the `~` typed was made `\~`, which no shell expands, even one set to
/// (zsh's `magic_equal_subst`).
fn paths_from_home_complete_unescaped_in(shell: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    run(&file, TODAY, &["person", "add", "Priya Raman"]);
    let tmux = interactive(shell, &file, dir.path());
    let home = dir.path().join("home");
    run(
        &home.join("alt.json"),
        TODAY,
        &["person", "add", "Pia Holm"],
    );
    std::fs::write(home.join("my notes.json"), "").unwrap();
    std::fs::create_dir_all(home.join(".config/trustladder")).unwrap();
    std::fs::write(home.join(".config/trustladder/config.toml"), "").unwrap();
    for (typed, shown) in [
        ("--file ~/al", "--file ~/alt.json"),
        ("--file ~/my", r"--file ~/my\ notes.json"),
        ("--config ~/.con", "--config ~/.config/"),
        (
            "--config ~/.config/trustladder/con",
            "--config ~/.config/trustladder/config.toml",
        ),
        // Joined to the flag, as typed: the `~` is left to the shell there too.
        ("--file=~/al", "--file=~/alt.json"),
        ("--file=~/my", r"--file=~/my\ notes.json"),
        ("--config=~/.con", "--config=~/.config/"),
        (
            "--config=~/.config/trustladder/con",
            "--config=~/.config/trustladder/config.toml",
        ),
    ] {
        tmux.keys(&["C-l"]);
        tmux.wait_gone("$((");
        tmux.text(&format!("trustladder {typed}"));
        tmux.keys(&["Tab"]);
        let screen = tmux.wait_for(&format!("trustladder {shown}"));
        assert!(!screen.contains(r"\~"), "{shell}: {screen}");
        tmux.keys(&["C-u"]);
    }
    // The completed line runs on the file in the home folder.
    tmux.keys(&["C-l"]);
    tmux.wait_gone("$((");
    tmux.text("trustladder --file ~/al");
    tmux.keys(&["Tab"]);
    tmux.wait_for("--file ~/alt.json");
    tmux.text(" person list");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Pia Holm");
}

#[test]
fn bash_completes_paths_from_home_with_the_tilde_unescaped() {
    if installed("bash") {
        paths_from_home_complete_unescaped_in("bash");
    }
}

#[test]
fn zsh_completes_paths_from_home_with_the_tilde_unescaped() {
    if installed("zsh") {
        paths_from_home_complete_unescaped_in("zsh");
    }
}

/// In zsh, where no handle begins with what was typed, a later word of a name or a handle
/// completes, as in bash and fish: `park` to `leo-park`, `raman` to `priya-raman`; with two,
/// both are listed and the word stays as typed. zsh had dropped them all.
#[test]
fn zsh_completes_a_later_word_of_a_name_or_handle() {
    if !installed("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    for name in ["Leo Park", "Priya Raman", "Léa Müller"] {
        run(&file, TODAY, &["person", "add", name]);
    }
    let tmux = interactive("zsh", &file, dir.path());
    for (typed, shown) in [
        ("review park", "review leo-park"),
        ("review raman", "review priya-raman"),
        ("review 'rama", "review 'priya-raman'"),
        // What begins with the letters as typed is still all zsh keeps.
        ("review le", "review leo-park"),
    ] {
        tmux.keys(&["C-l"]);
        tmux.wait_gone("$((");
        tmux.text(&format!("trustladder {typed}"));
        tmux.keys(&["Tab"]);
        tmux.wait_for(&format!("trustladder {shown}"));
        tmux.keys(&["C-u"]);
    }
    run(&file, TODAY, &["person", "add", "Zed Park"]);
    tmux.keys(&["C-l"]);
    tmux.wait_gone("$((");
    tmux.text("trustladder review park");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for_all(&["leo-park", "zed-park"]);
    assert!(
        screen
            .lines()
            .any(|l| l.trim_end().ends_with("trustladder review park")),
        "{screen}"
    );
}
