//! The command line as typed, read before (or after) clap has: its global options, the
//! command it names, and that command's arguments and flags. Clap's error says little of
//! where it stopped, and help is printed before `--today` is known, so the messages and the
//! help that need these read them from the words themselves.
//!
//! Every reader walks the words through [`typed`], the one place that knows which words are
//! the global options (`--file`, `--today`, `--config`, each followed by its value or joined
//! to it by `=`), so that a global option's value is never taken for the command or for one
//! of its arguments.

use std::ffi::{OsStr, OsString};

use chrono::NaiveDate;
use clap::CommandFactory;

use super::args::Cli;

/// The global options, each as typed and as clap names it in an error.
const GLOBALS: [(&str, &str); 3] = [
    ("--file", "--file <PATH>"),
    ("--config", "--config <FILE>"),
    ("--today", "--today <YYYY-MM-DD>"),
];

/// One word of the command line, or a global option with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typed<'a> {
    /// `--file PATH` or `--file=PATH` (`flag` is `--file` in both): `value` is `None` where
    /// the line ends after the flag.
    Global {
        flag: &'static str,
        value: Option<&'a OsStr>,
    },
    /// Any other word, `at` its place among the arguments (the program's name is 0). `--`
    /// is one, and every word after it, where no option is read any more.
    Word { at: usize, word: &'a str },
}

/// The words of `args` (the program's name first, left out) as [`Typed`]. A word that is
/// not UTF-8 is left out, unless it is a global option's value: nothing else reads it.
pub(super) fn typed(args: &[OsString]) -> impl Iterator<Item = Typed<'_>> {
    let mut words = args.iter().enumerate().skip(1);
    let mut text = false;
    std::iter::from_fn(move || {
        loop {
            let (at, arg) = words.next()?;
            let Some(word) = arg.to_str() else {
                continue;
            };
            if text {
                return Some(Typed::Word { at, word });
            }
            if word == "--" {
                text = true;
                return Some(Typed::Word { at, word });
            }
            let global = GLOBALS.iter().find_map(|(flag, _)| {
                let rest = word.strip_prefix(flag)?;
                (rest.is_empty() || rest.starts_with('=')).then_some((*flag, rest))
            });
            return Some(match global {
                Some((flag, "")) => Typed::Global {
                    flag,
                    value: words.next().map(|(_, value)| value.as_os_str()),
                },
                Some((flag, joined)) => Typed::Global {
                    flag,
                    value: Some(OsStr::new(&joined[1..])),
                },
                None => Typed::Word { at, word },
            });
        }
    })
}

/// The words of `args` that are no global option nor the value of one (see [`typed`]).
pub(super) fn words(args: &[OsString]) -> impl Iterator<Item = &str> {
    typed(args).filter_map(|t| match t {
        Typed::Word { word, .. } => Some(word),
        Typed::Global { .. } => None,
    })
}

/// The arguments with `-h` and `--help` dropped after the `help` command. `help` is clap's own
/// and takes no flags, so `trustladder help --help` would be a usage error, where `--help`
/// works on every other command: `help COMMAND… --help` is read as `help COMMAND…`, and
/// `help --help` as `help help`, help's own help.
pub(super) fn help_args(args: Vec<OsString>) -> Vec<OsString> {
    // The command is the first word that is neither an option nor the value of one.
    let command = typed(&args).find_map(|t| match t {
        Typed::Word { at, word } if !word.starts_with('-') || word == "-" => Some((at, word)),
        _ => None,
    });
    let Some((at, "help")) = command else {
        return args;
    };
    let (command, rest) = args.split_at(at + 1);
    let kept: Vec<_> = rest
        .iter()
        .filter(|a| !matches!(a.to_str(), Some("-h" | "--help")))
        .cloned()
        .collect();
    if kept.len() == rest.len() {
        return args;
    }
    let mut out = command.to_vec();
    if kept.is_empty() {
        out.push("help".into());
    }
    out.extend(kept);
    out
}

/// The day `dates --help` reads its examples for: `--today` if given, else the clock's. The
/// help is printed while the arguments are parsed, before `--today` is known.
pub(super) fn help_day(args: &[OsString]) -> NaiveDate {
    typed(args)
        .find_map(|t| match t {
            Typed::Global {
                flag: "--today",
                value,
            } => value?.to_str().and_then(crate::core::dates::parse_iso),
            _ => None,
        })
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A global option given both before the command and after it (`--file a.json add …
/// --file b.json`): clap takes the last silently, where given twice on one side it refuses;
/// a script adding its own `--file` to a user's words must not write to another ledger. Told
/// from the words as typed, up to a `--`: a known flag is never taken as a value (see
/// `args::TextNotAFlag`), so each such word is the flag itself.
pub(super) fn given_twice(args: &[OsString]) -> Option<&'static str> {
    GLOBALS.into_iter().find_map(|(long, flag)| {
        let given = typed(args)
            .filter(|t| matches!(t, Typed::Global { flag, .. } if *flag == long))
            .count();
        (given > 1).then_some(flag)
    })
}

/// Whether the command typed takes text as an argument of its own (`log` and `promise add`
/// a WHAT, `person add` a NAME), where text may begin with `-`, and that text is still to
/// come: elsewhere such a word is a mistyped flag (`keep 1 -note`), and so it is after the
/// text (`log priya 'Sent it' --due fri`), where `--` before it would make it a word too
/// many.
pub(super) fn takes_text(args: &[OsString]) -> bool {
    matches!(
        command_typed(args).as_slice(),
        ["log", ..] | ["promise", "add"] | ["person", "add"]
    ) && !arguments_given(args)
}

/// Whether every argument of the command typed (not its flags) is among `args`.
fn arguments_given(args: &[OsString]) -> bool {
    let root = Cli::command();
    let (command, _) = subcommand_typed(&root, args);
    let (given, _) = words_typed(args);
    given.len() >= command.get_positionals().count()
}

/// The words typed after the command's own, global options left out: its arguments (every
/// word after `--` among them), and its flags, each with its value where it takes one.
pub(super) fn words_typed(args: &[OsString]) -> (Vec<&str>, Vec<&str>) {
    let root = Cli::command();
    let (command, line) = subcommand_typed(&root, args);
    let takes_value = |arg: Option<&clap::Arg>| arg.is_some_and(|a| a.get_action().takes_values());
    let mut names = line.len() - 1;
    let (mut given, mut flags) = (Vec::new(), Vec::new());
    let mut words = words(args);
    while let Some(word) = words.next() {
        if word == "--" {
            given.extend(words);
            break;
        }
        let value_follows = match word.strip_prefix("--") {
            Some(long) if long.contains('=') => false,
            Some(long) => takes_value(command.get_arguments().find(|a| a.get_long() == Some(long))),
            None if word.len() == 2 && word.starts_with('-') => {
                let short = word.chars().nth(1);
                takes_value(command.get_arguments().find(|a| a.get_short() == short))
            }
            // A long flag typed with one dash (`-on fri`) takes its value all the same.
            None if word.len() > 1 && word.starts_with('-') => takes_value(
                command
                    .get_arguments()
                    .find(|a| a.get_long() == Some(&word[1..])),
            ),
            None if names > 0 => {
                names -= 1;
                continue;
            }
            None => {
                given.push(word);
                continue;
            }
        };
        flags.push(word);
        if value_follows && let Some(value) = words.next() {
            flags.push(value);
        }
    }
    (given, flags)
}

/// The commands below `root` (`keep`, `promise add`) that take the long flag `name`, each
/// with that flag; hidden ones left out, as no help names them.
pub(super) fn commands_taking<'c>(
    root: &'c clap::Command,
    name: &str,
) -> Vec<(String, &'c clap::Arg)> {
    fn below<'c>(
        command: &'c clap::Command,
        above: &str,
        name: &str,
        into: &mut Vec<(String, &'c clap::Arg)>,
    ) {
        for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
            let path = format!("{above} {}", sub.get_name());
            if let Some(arg) = sub.get_arguments().find(|a| a.get_long() == Some(name)) {
                into.push((path.trim_start().to_string(), arg));
            }
            below(sub, &path, name, into);
        }
    }
    let mut found = Vec::new();
    below(root, "", name, &mut found);
    found
}

/// Whether any command below `root` takes the short flag `-{short}`.
pub(super) fn commands_taking_short(root: &clap::Command, short: char) -> bool {
    root.get_subcommands().any(|sub| {
        sub.get_arguments().any(|a| a.get_short() == Some(short))
            || commands_taking_short(sub, short)
    })
}

/// Whether `word` is a command's long flag that takes a value apart from it (`--note`, not
/// `--note=x` nor `--json`).
fn flag_with_value(root: &clap::Command, word: &str) -> bool {
    word.strip_prefix("--")
        .filter(|name| !name.is_empty() && !name.contains('='))
        .is_some_and(|name| {
            commands_taking(root, name)
                .iter()
                .any(|(_, arg)| arg.get_action().takes_values())
        })
}

/// The first two words typed that are neither flags nor a global option's value: the command
/// and, for one that has them, its subcommand (`promise add`), or its first argument. A
/// command's flag typed before it with its value (`--note x keep 1`, which clap refuses)
/// leaves that value out too, unless it is a command, there for want of one (`--note keep
/// 1`), or a flag, which no value is.
pub(super) fn command_typed(args: &[OsString]) -> Vec<&str> {
    let root = Cli::command();
    let mut command = Vec::new();
    let mut words = words(args).peekable();
    while let Some(word) = words.next() {
        match word {
            "--" => break,
            w if w.starts_with('-') => {
                if command.is_empty()
                    && flag_with_value(&root, w)
                    && words.peek().is_some_and(|next| {
                        !next.starts_with("--") && root.find_subcommand(next).is_none()
                    })
                {
                    words.next();
                }
            }
            w => {
                command.push(w);
                if command.len() == 2 {
                    break;
                }
            }
        }
    }
    command
}

/// The deepest of `root`'s subcommands the words typed name (`config` in `config show`), and
/// the command line that names it (`trustladder config`).
pub(super) fn subcommand_typed<'c>(
    root: &'c clap::Command,
    args: &'c [OsString],
) -> (&'c clap::Command, Vec<&'c str>) {
    let mut command = root;
    let mut line = vec!["trustladder"];
    for word in command_typed(args) {
        match command.find_subcommand(word) {
            Some(sub) => {
                command = sub;
                line.push(word);
            }
            None => break,
        }
    }
    (command, line)
}

/// The start of a command line a tip retypes: `trustladder`, the global options as typed
/// (each with its value, quoted for the shell), then the rest of `line` (`trustladder log`),
/// so that the line run as it is acts on the ledger the one typed named, not the default one.
pub(super) fn retyped(args: &[OsString], line: &[&str]) -> Vec<String> {
    let mut run = vec!["trustladder".to_string()];
    for t in typed(args) {
        if let Typed::Global { flag, value } = t {
            run.push(flag.to_string());
            run.extend(value.map(|v| crate::core::text::shell_word(&v.to_string_lossy())));
        }
    }
    run.extend(line.iter().skip(1).map(|w| (*w).to_string()));
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Vec<OsString> {
        std::iter::once("trustladder")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    fn global(flag: &'static str, value: &'static str) -> Typed<'static> {
        Typed::Global {
            flag,
            value: Some(OsStr::new(value)),
        }
    }

    #[test]
    fn global_options_are_read_apart_or_joined_and_nowhere_after_the_dashes() {
        let args = line(&[
            "--file",
            "a.json",
            "keep",
            "--today=2026-11-24",
            "1",
            "--config",
            "--note",
            "--",
            "--file",
            "b",
        ]);
        assert_eq!(
            typed(&args).collect::<Vec<_>>(),
            [
                global("--file", "a.json"),
                Typed::Word {
                    at: 3,
                    word: "keep"
                },
                global("--today", "2026-11-24"),
                Typed::Word { at: 5, word: "1" },
                // A value is the word after its flag, whatever it looks like, as clap reads it.
                global("--config", "--note"),
                Typed::Word { at: 8, word: "--" },
                Typed::Word {
                    at: 9,
                    word: "--file"
                },
                Typed::Word { at: 10, word: "b" },
            ]
        );
    }

    #[test]
    fn a_flag_that_only_begins_like_a_global_one_is_a_word() {
        let args = line(&["--files", "x", "--today"]);
        assert_eq!(
            typed(&args).collect::<Vec<_>>(),
            [
                Typed::Word {
                    at: 1,
                    word: "--files"
                },
                Typed::Word { at: 2, word: "x" },
                Typed::Global {
                    flag: "--today",
                    value: None
                },
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_value_not_in_utf8_is_still_the_options_and_no_command() {
        use std::os::unix::ffi::OsStringExt;
        let mut args = line(&["--file"]);
        args.push(OsString::from_vec(vec![0xff, b'x']));
        args.extend(["keep", "1"].map(OsString::from));
        assert_eq!(command_typed(&args), ["keep", "1"]);
        assert_eq!(
            retyped(&args, &["trustladder", "keep"]),
            ["trustladder", "--file", "'\u{fffd}x'", "keep"]
        );
    }

    #[test]
    fn the_command_is_the_first_word_no_option_takes() {
        for (words, command) in [
            (
                &["--file", "promise", "promise", "add", "x"][..],
                &["promise", "add"][..],
            ),
            (
                &["--config=c.toml", "--today", "list", "keep", "1"],
                &["keep", "1"],
            ),
            (&["--json", "list", "priya"], &["list", "priya"]),
            (&["--", "keep"], &[]),
            // A command's flag before it: its value is no command, but a command is no value.
            (&["--note", "on time", "keep", "1"], &["keep", "1"]),
            (&["--note", "keep", "1"], &["keep", "1"]),
            (&["--note=x", "keep", "1"], &["keep", "1"]),
            (&["--json", "list"], &["list"]),
        ] {
            assert_eq!(command_typed(&line(words)), command, "{words:?}");
        }
    }

    #[test]
    fn the_words_after_the_command_leave_the_global_options_out() {
        let args = line(&[
            "keep",
            "--file",
            "a.json",
            "1",
            "--note",
            "x",
            "--today=2026-11-24",
            "--",
            "--late",
        ]);
        assert_eq!(
            words_typed(&args),
            (vec!["1", "--late"], vec!["--note", "x"])
        );
    }

    #[test]
    fn a_retyped_line_keeps_each_global_option_with_its_value_quoted() {
        let args = line(&[
            "--file",
            "my ledger.json",
            "keep",
            "--config=c.toml",
            "1",
            "--",
            "--today",
            "x",
        ]);
        assert_eq!(
            retyped(&args, &["trustladder", "keep"]).join(" "),
            "trustladder --file 'my ledger.json' --config c.toml keep"
        );
    }

    #[test]
    fn a_global_option_is_given_twice_whichever_way_it_is_typed() {
        assert_eq!(
            given_twice(&line(&["--file", "a", "keep", "1", "--file=b"])),
            Some("--file <PATH>")
        );
        assert_eq!(
            given_twice(&line(&[
                "--today",
                "2026-11-24",
                "log",
                "p",
                "--",
                "--today"
            ])),
            None
        );
    }

    #[test]
    fn help_after_help_is_dropped_past_any_global_option() {
        for words in [
            &["help", "--help"][..],
            &["--config", "/dev/null", "help", "--help"],
            &["--file=a.json", "--today", "2026-11-24", "help", "-h"],
        ] {
            let kept = help_args(line(words));
            assert_eq!(
                &kept[kept.len() - 2..],
                ["help", "help"].map(OsString::from),
                "{words:?}"
            );
        }
        let keep = line(&["--file", "help", "keep", "--help"]);
        assert_eq!(help_args(keep.clone()), keep);
    }

    #[test]
    fn the_day_of_dates_help_is_the_today_given_either_way() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24);
        for words in [
            &["--today", "2026-11-24", "dates", "--help"][..],
            &["dates", "--today=2026-11-24", "--help"],
        ] {
            assert_eq!(Some(help_day(&line(words))), day, "{words:?}");
        }
    }
}
