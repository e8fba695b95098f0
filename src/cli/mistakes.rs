//! Usage mistakes, said in the user's terms: clap's message for a command line it cannot
//! parse, rewritten where what was typed shows what was meant (a flag of another command, a
//! name typed as two words, a command another tool calls by another word), and always
//! sanitized, since it quotes what was typed.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::typed::{self, command_typed, retyped, subcommand_typed, takes_text, words_typed};
use super::{CliError, args, emitted};
use crate::cli::Cli;
use crate::core::text::sanitize;

/// `text` with clap's "unexpected argument 'CUT' found" (the argument as clap cut it) said
/// of `typed`, the argument whole, and followed by `more`: why it is not taken, a tip.
fn unexpected(text: &str, cut: &str, typed: &str, more: &str) -> String {
    text.replacen(
        &format!("unexpected argument '{cut}' found"),
        &format!("unexpected argument '{typed}' found{more}"),
        1,
    )
}

/// A line of clap's message with each value it quotes back (`'…'`) cut as every message cuts
/// something typed ([`crate::core::text::quoted_back`]).
fn long_quotes_cut(line: &str) -> String {
    line.split('\'')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                crate::core::text::quoted_back(part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("'")
}

/// Prints clap's own message (a usage error, or the help or version asked for) and gives its
/// exit code (2 for a usage error). Its text quotes what was typed, so every line goes through
/// the same sanitizing as every other message: an argument holding escape sequences is shown,
/// never obeyed by the terminal. The text is plain, without clap's colours.
pub(super) fn clap_exit(e: &clap::Error, args: &[std::ffi::OsString]) -> ExitCode {
    if let Some(whole) = help_taken_from_text(e, args) {
        let tip = if takes_text(args) {
            format!(
                "\n\n  tip: to pass it as text, put -- before it: -- '{}'",
                whole.replace('\'', r"'\''")
            )
        } else {
            String::new()
        };
        let text = format!(
            "error: unexpected argument '{whole}' found: a word that begins with - reads as flags, and -h asks for help{tip}\n\nFor more information, try '--help'."
        );
        for line in text.lines() {
            stderr_line!("{}", sanitize(&long_quotes_cut(line)));
        }
        return ExitCode::from(2);
    }
    if let Some((whole, flag)) = long_flag_with_one_dash(e, args) {
        stderr_line!(
            "{}",
            sanitize(&long_quotes_cut(&format!(
                "error: unexpected argument '{whole}' found: a flag's long name takes two dashes"
            )))
        );
        // Where text goes, the word may be text after all: the way to give it is said too.
        let or_text = if takes_text(args) {
            format!(
                "; text that begins with - goes after --: -- '{}'",
                whole.replace('\'', r"'\''")
            )
        } else {
            String::new()
        };
        stderr_line!(
            "\n{}",
            sanitize(&long_quotes_cut(&format!(
                "  tip: a similar argument exists: '{flag}'{or_text}"
            )))
        );
        stderr_line!("\nFor more information, try '--help'.");
        return ExitCode::from(2);
    }
    let mut text = e.render().ansi().to_string();
    if e.kind() == clap::error::ErrorKind::MissingRequiredArgument {
        text = text
            .lines()
            .map(|line| group_in_words(line).unwrap_or_else(|| line.to_string()))
            .collect::<Vec<_>>()
            .join("\n");
    }
    if let Some((cut, whole)) = text_taken_for_flags(e, args) {
        text = text
            .replacen(
                &format!("unexpected argument '{cut}' found"),
                &format!(
                    "unexpected argument '{whole}' found: text that begins with - reads as flags"
                ),
                1,
            )
            .replacen(
                &format!("to pass '{cut}' as a value, use '-- {cut}'"),
                &format!(
                    "to pass it as text, put -- before it: -- '{}'",
                    whole.replace('\'', r"'\''")
                ),
                1,
            );
    }
    if let Some((cut, tip)) = words_typed_apart(e, args) {
        text = unexpected(&text, &cut, &cut, &format!("\n\n  tip: {tip}"));
    }
    if let Some(cut) = handle_given_to_edit(e, args) {
        text = unexpected(
            &text,
            &cut,
            &cut,
            ": a handle stays as it was made when they were added, as scripts, exports and other machines name them by it\n\n  tip: --name changes their name",
        );
    }
    if let Some((cut, tip)) = remote_given_bare(e, args) {
        text = unexpected(
            &text,
            &cut,
            &cut,
            &format!(": the remote goes after --remote\n\n  tip: {tip}"),
        );
    }
    if let Some((cut, typed, why, tip)) = answer_to_no_question(e, args) {
        text = unexpected(&text, &cut, &typed, &format!("{why}\n\n  tip: {tip}"));
    }
    if let Some((cut, line)) = person_as_flag(e, args) {
        // Clap's likeness (`--json` for `--person`) is no help: the argument is.
        text = unexpected(
            &own_usage(&text, args, |part| part.starts_with("  tip: ")),
            &cut,
            &cut,
            &format!(": the colleague is an argument, not a flag\n\n  tip: {line}"),
        );
    }
    if let Some((cut, why, tip)) = flag_of_another(e, args) {
        // Clap's likeness (`--mine` for `--since`, `'list --mine' exists` for one typed
        // before the command) is no help, nor the usage it wrote it in, nor its tip to pass
        // a flag of the program's as text.
        text = unexpected(
            &own_usage(&text, args, |part| {
                part.starts_with("  tip: a similar argument exists")
                    || (part.starts_with("  tip: '") && part.ends_with("' exists"))
                    || part.starts_with("  tip: to pass '")
            }),
            &cut,
            &cut,
            &format!(": {why}\n\n  tip: {tip}"),
        );
    }
    if let Some((cut, why, tip)) = flag_before_its_command(e, args) {
        // Clap's likeness (`'keep --note' exists`) names one command of those that take it.
        let tip = tip.map_or_else(String::new, |line| format!("\n\n  tip: {line}"));
        text = unexpected(
            &own_usage(&text, args, |part| part.starts_with("  tip: ")),
            &cut,
            &cut,
            &format!(": {why}{tip}"),
        );
    }
    if let Some(cut) = no_flag_anywhere(e, args) {
        text = unexpected(
            &text,
            &cut,
            &cut,
            ": neither trustladder nor any of its commands takes it",
        );
    }
    if let Some((cut, why, tip)) = status_filter(e, args) {
        // Clap's likeness (`--open` for `--broken`) is the opposite of what was asked.
        text = unexpected(
            &own_usage(&text, args, |part| part.starts_with("  tip: ")),
            &cut,
            &cut,
            &format!(": {why}\n\n  tip: {tip}"),
        );
    }
    if let Some((cut, why, tip)) = several_ids(e, args) {
        text = unexpected(&text, &cut, &cut, &format!(": {why}\n\n  tip: {tip}"));
    }
    // Clap's likeness (`release` for `delete`) does another thing.
    if let Some((cut, tip)) =
        command_by_another_word(e, args).or_else(|| command_of_another(e, args))
    {
        text = text
            .split("\n\n")
            .filter(|part| !part.starts_with("  tip: "))
            .collect::<Vec<_>>()
            .join("\n\n")
            .replacen(
                &format!("unrecognized subcommand '{cut}'"),
                &format!("unrecognized subcommand '{cut}'\n\n  tip: {tip}"),
                1,
            );
    }
    if let Some((cut, listed)) = subcommands_listed(e, args) {
        text = text.replacen(
            &format!("unrecognized subcommand '{cut}'"),
            &format!("unrecognized subcommand '{cut}'\n{listed}"),
            1,
        );
    }
    if e.use_stderr() {
        text = alias_named(&text, args);
    }
    if let Some((cut, line)) = command_as_flag(e, args) {
        // Clap's likeness (`--version` for `--person`) names a flag that was not meant.
        text = unexpected(
            &text
                .split("\n\n")
                .filter(|part| !part.starts_with("  tip: a similar argument exists"))
                .collect::<Vec<_>>()
                .join("\n\n"),
            &cut,
            &cut,
            &format!(": {} is a command, not a flag\n\n  tip: {line}", &cut[2..]),
        );
    }
    if suggested_flag(e)
        || flag_before_command(e, args)
        || (e.kind() == clap::error::ErrorKind::UnknownArgument && no_command_typed(args))
    {
        // Clap writes the flag it offers into the usage (`trustladder keep --late <ID>` for
        // `keep 1 --lat`), as if it were needed, and for a flag before the command (`--yes rm
        // 1`) or with none (`--bogus`) gives the program's usage with the options typed
        // (`trustladder --file <PATH> --today <YYYY-MM-DD>`): the usage is the command's own,
        // or the program's as its `--help` gives it.
        text = own_usage(&text, args, |_| false);
    }
    if !takes_text(args) {
        // Where no text goes, clap's tip to pass a flag-like word after `--` would fail again.
        text = text
            .split("\n\n")
            .filter(|part| {
                !(part.starts_with("  tip: to pass '") && part.contains(" as a value, use '-- "))
            })
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    // Only an error quotes back what was typed: help's own words hold apostrophes
    // (`task's`), which are no quotes to cut between.
    let clean: Vec<String> = text
        .lines()
        .map(|line| {
            if e.use_stderr() {
                usage_wrapped(&sanitize(&long_quotes_cut(line)))
            } else {
                sanitize(line)
            }
        })
        .collect();
    let clean = clean.join("\n");
    if e.use_stderr() {
        let _ = writeln!(std::io::stderr(), "{clean}");
    } else {
        // Help and version are output like any command's: a closed pipe (`--help | head`)
        // is the reader's choice, a full disk under `>` fails with 1.
        let mut out = std::io::stdout();
        match emitted(writeln!(out, "{clean}").and_then(|()| out.flush())) {
            Ok(()) | Err(CliError::ReaderGone(_)) => {}
            Err(failed) => {
                stderr_line!("{}", failed.line());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// An error's usage line, which clap writes with the flags typed (`promise add --level
/// <LEVEL> --due <DATE> --mine <PERSON> <WHAT>`, 82 columns), wrapped to 80 columns, its
/// lines after the first under the command; any other line as it is.
fn usage_wrapped(line: &str) -> String {
    const WIDTH: usize = 80;
    match line.strip_prefix("Usage: ") {
        Some(usage) if line.chars().count() > WIDTH => {
            crate::core::text::indented(usage, WIDTH, "Usage: ", "       ", false).join("\n")
        }
        _ => line.to_string(),
    }
}

/// A required group of flags as clap lists it missing, each flag with its value
/// (`  <--what <WHAT>|--level <LEVEL>|…|--theirs>`, 82 columns for `edit`'s), said as the
/// flags any of which would do: `  at least one of --what, --level, … or --theirs`. Every
/// such group takes several of its flags at once; any other line is left as it is (`None`).
fn group_in_words(line: &str) -> Option<String> {
    let inner = line.strip_prefix("  <")?.strip_suffix('>')?;
    let mut flags = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in inner.char_indices().chain([(inner.len(), '|')]) {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.checked_sub(1)?,
            '|' if depth == 0 => {
                let flag = inner[start..i].split(' ').next()?;
                if !flag.starts_with("--") {
                    return None;
                }
                flags.push(flag);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    let (last, rest) = flags.split_last()?;
    if rest.is_empty() {
        return None;
    }
    Some(format!("  at least one of {} or {last}", rest.join(", ")))
}

/// Text typed to begin with `-` (`log ana "- sent the notes"`), which clap read as flags and
/// names by its first one (`'- '`, whose tip `-- - ` would save a promise of that alone): the
/// part clap quoted, and the whole argument it came from.
fn text_taken_for_flags(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !takes_text(args) {
        return None;
    }
    let typed = || args.iter().filter_map(|a| a.to_str());
    // A whole argument clap quoted as it is, but with a space its tip leaves unquoted.
    if cut.starts_with("--") {
        return cut
            .contains(char::is_whitespace)
            .then(|| (cut.clone(), cut.clone()));
    }
    if typed().any(|a| a == cut) {
        return None;
    }
    typed()
        .find(|a| a.starts_with(cut.as_str()) && a.len() > cut.len())
        .map(|whole| (cut.clone(), whole.to_string()))
}

/// Words of one argument typed apart (`person add Priya Raman`, `review priya raman`), which
/// the shell split and clap refused at the second with no more than "unexpected argument
/// 'Raman' found": that word, and a tip to quote them as one, naming the words where the
/// command takes one argument (where it takes more, `log PERSON WHAT`, which are whose is a
/// guess, so the tip names the arguments instead). Words right after a flag's value
/// (`--every 2 weeks`) are that value typed apart, and the tip quotes it with its flag.
fn words_typed_apart(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if cut.starts_with('-') {
        return None;
    }
    let root = Cli::command();
    let mut command = &root;
    let mut path = 0;
    for word in command_typed(args) {
        match command.find_subcommand(word) {
            Some(sub) => {
                command = sub;
                path += 1;
            }
            None => break,
        }
    }
    // The words that are neither flags, a flag's value, nor the command's own names (the
    // global options, with theirs, are left out by the walk).
    let takes_value = |word: &str| {
        let name = word.trim_start_matches('-');
        command.get_arguments().any(|a| {
            a.get_long() == Some(name) && a.get_action().takes_values() && !a.is_positional()
        })
    };
    let mut words = typed::words(args);
    let mut positional = Vec::new();
    // Each word with the flag whose value it follows, directly or after others that do
    // (`--every 2 weeks`: `weeks` follows `--every 2`), and which of the flags typed that is.
    let mut after: Vec<Option<(usize, &str, &str)>> = Vec::new();
    let mut value_of = None;
    let mut flags = 0;
    while let Some(word) = words.next() {
        match word {
            "--" => {
                let rest: Vec<&str> = words.by_ref().collect();
                after.extend(rest.iter().map(|_| None));
                positional.extend(rest);
            }
            w if w.starts_with("--") && !w.contains('=') && takes_value(w) => {
                flags += 1;
                value_of = words.next().map(|value| (flags, w, value));
                continue;
            }
            w if w.starts_with('-') && w.len() > 1 => {}
            w => {
                positional.push(w);
                after.push(value_of);
                continue;
            }
        }
        value_of = None;
    }
    let positional = positional.get(path..)?;
    let after = after.get(path..)?;
    let slots: Vec<&clap::Arg> = command.get_positionals().collect();
    let last = slots.last()?;
    if positional.len() <= slots.len() || positional.get(slots.len()) != Some(&cut.as_str()) {
        return None;
    }
    // A flag's value of several words typed apart, the first word too many right after the
    // value: the flag's to quote, not an argument's (in `--due fri the deck` WHAT is `the`,
    // and `the deck` is the text meant).
    let first = slots
        .len()
        .checked_sub(1)
        .is_none_or(|i| after[i] != after[slots.len()]);
    if let (Some((flag, value)), true) = (after[slots.len()].map(|(_, f, v)| (f, v)), first) {
        let mut joined = vec![value];
        joined.extend(
            (positional.iter().zip(after))
                .skip(slots.len())
                .take_while(|(_, of)| **of == after[slots.len()])
                .map(|(word, _)| *word),
        );
        return Some((
            cut.clone(),
            format!(
                "a value of several words is quoted as one: {flag} '{}'",
                joined.join(" ").replace('\'', r"'\''")
            ),
        ));
    }
    let value = |a: &clap::Arg| {
        a.get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), ToString::to_string)
    };
    // Only what may hold several words: a name, a person, a promise's text (an ID never).
    if !matches!(value(last).as_str(), "NAME" | "PERSON" | "WHAT") {
        return None;
    }
    let typed = &positional[slots.len() - 1..];
    // A blank word is no part of a name typed apart (`export --format md '' x`): quoted as
    // one with the next, the tip would name `' x'`.
    if typed.iter().any(|word| word.trim().is_empty()) {
        return None;
    }
    let tip = if let [_] = slots.as_slice() {
        let joined = typed.join(" ");
        // Text that begins with `-` goes after `--`, as the error quoted alone would say.
        let dashes = if joined.starts_with('-') { "-- " } else { "" };
        format!(
            "a {} of several words is quoted as one: {dashes}'{}'",
            value(last),
            joined.replace('\'', r"'\''")
        )
    } else {
        let names: Vec<String> = slots.iter().map(|a| value(a)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        format!(
            "{} are one argument each: quote one of several words as one",
            crate::core::text::listed(&names, "and")
        )
    };
    Some((cut.clone(), tip))
}

/// A flag that answers a question before it is asked (`rm 1 --yes`, `person rm ann -y`), given
/// to a command that has no question, where clap said only "unexpected argument": clap's
/// word for it, the flag as typed (`-yes`, which clap names `-y`), why it is refused, and the
/// tip. Only `decrypt` asks, and takes `--yes`; every other command acts without asking, on a
/// terminal or not (a delete names the backup that puts it back), so the flag is to be left
/// out, and a `--force` the command has for something else is named with what it does, so
/// it is not taken for the answer.
fn answer_to_no_question(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<Answered> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    const ANSWERS: [&str; 7] = [
        "--yes",
        "-y",
        "--assume-yes",
        "--no-confirm",
        "--noconfirm",
        "--force",
        "-f",
    ];
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    // A long one typed with one dash (`-yes`), which clap named by its first letter; other
    // letters after it (`-fx`) are no answer.
    let typed = args
        .iter()
        .filter_map(|a| a.to_str())
        .take_while(|a| *a != "--")
        .find(|a| a.len() > cut.len() && !cut.starts_with("--") && a.starts_with(cut.as_str()))
        .unwrap_or(cut)
        .to_string();
    if !ANSWERS.contains(&cut.as_str())
        || (typed != *cut && !ANSWERS.contains(&format!("-{typed}").as_str()))
    {
        return None;
    }
    let root = Cli::command();
    let (command, line) = subcommand_typed(&root, args);
    if line.len() == 1 {
        return None;
    }
    let line = line.join(" ");
    let has = |name: &str| command.get_arguments().any(|a| a.get_long() == Some(name));
    if has("yes") {
        let tip = format!("{line} skips its question with --yes");
        return Some((cut.clone(), typed, String::new(), tip));
    }
    // What the command's own `--force` does, in its help's first words.
    let force = command
        .get_arguments()
        .find(|a| a.get_long() == Some("force"))
        .and_then(|a| a.get_help())
        .map(|help| {
            let help = help.to_string();
            let help = help
                .split(" (")
                .next()
                .unwrap_or(&help)
                .trim_end_matches('.');
            let mut chars = help.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        });
    let never = format!(": {line} never asks before it acts, on a terminal or not");
    let (why, tip) = match force {
        Some(does) if typed == "-f" => (String::new(), format!("the flag is --force: {does}")),
        Some(does) => (
            never,
            format!("leave {typed} out; --force is no answer to a question: {does}"),
        ),
        None => (never, format!("leave {typed} out")),
    };
    Some((cut.clone(), typed, why, tip))
}

/// What [`answer_to_no_question`] finds: clap's word, the word typed, why, and the tip.
type Answered = (String, String, String, String);

/// The colleague given by a flag (`list --person priya`, `log --with priya …`) to a command
/// that takes them as an argument, where clap offered a flag spelt alike and of another kind
/// altogether (`--json`) or nothing: the flag as clap names it, and the command line typed
/// with them as its argument (the arguments not typed named as `--help` names them).
fn person_as_flag(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    const FLAGS: [&str; 5] = ["--person", "--who", "--with", "--colleague", "--for"];
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !FLAGS.contains(&cut.as_str()) {
        return None;
    }
    let root = Cli::command();
    let (command, line) = subcommand_typed(&root, args);
    let positionals: Vec<&clap::Arg> = command.get_positionals().collect();
    let at = positionals.iter().position(|a| a.get_id() == "person")?;
    let (mut given, flags) = words_typed(args);
    // The flag's value, `--person priya` (which clap, knowing no such flag, took for an
    // argument) or `--person=priya`.
    let typed: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let joined = format!("{cut}=");
    let value = typed
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.strip_prefix(&joined) {
            Some(value) => Some(value),
            None if *w == cut.as_str() => typed.get(i + 1).copied().filter(|v| !v.starts_with('-')),
            None => None,
        });
    if let Some(i) = value.and_then(|v| given.iter().position(|w| *w == v)) {
        given.remove(i);
    }
    let rest: Vec<&str> = flags
        .into_iter()
        .filter(|w| *w != cut.as_str() && !w.starts_with(&joined))
        .collect();
    let mut words = retyped(args, &line);
    let mut given = given.into_iter();
    for (i, arg) in positionals.iter().enumerate() {
        let word = match (i == at, value) {
            (true, Some(value)) => Some(value),
            _ => given.next(),
        };
        let name = || {
            arg.get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
        };
        match word {
            Some(word) => words.push(crate::core::text::shell_word(word)),
            None if arg.is_required_set() || i == at => words.push(name()),
            None => {}
        }
    }
    words.extend(given.map(crate::core::text::shell_word));
    words.extend(rest.iter().map(|w| crate::core::text::shell_word(w)));
    Some((cut.clone(), words.join(" ")))
}

/// A flag of other commands given to one that lacks it (`list --since`, `promise add …
/// --note`), where clap offered a flag alike in spelling only (`--mine` for `--since`) or
/// nothing: the flag as clap names it, why, and the commands that take it.
fn flag_of_another(
    e: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<(String, String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument
        || answer_to_no_question(e, args).is_some()
        || person_as_flag(e, args).is_some()
        || command_as_flag(e, args).is_some()
    {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = cut.strip_prefix("--")?.split('=').next()?;
    let root = Cli::command();
    let (command, line) = subcommand_typed(&root, args);
    if line.len() == 1 {
        return None;
    }
    let line = line.join(" ");
    // Where a promise is recorded, theirs is what it is unless `--mine` says otherwise.
    if name == "theirs"
        && command
            .get_arguments()
            .any(|a| a.get_long() == Some("mine"))
    {
        return Some((
            cut.clone(),
            format!(
                "{line} takes no --theirs, as a promise is theirs unless --mine says it is mine"
            ),
            "leave --theirs out".to_string(),
        ));
    }
    // Its own flag typed before it (`--json list`) it does take: clap's tip puts it after.
    if command.get_arguments().any(|a| a.get_long() == Some(name)) {
        return None;
    }
    let found = typed::commands_taking(&root, name);
    if found.is_empty() {
        return None;
    }
    let found: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    Some((
        cut.clone(),
        format!("{line} takes no --{name}"),
        format!(
            "--{name} is a flag of {}",
            crate::core::text::listed(&found, "and")
        ),
    ))
}

/// A command's flag that takes a value, typed before the command (`--note x keep 1`), or any
/// command's flag with no command at all (`--note x`, `--json`), where clap read it as the
/// program's own and, with the value taken for the command, gave the program's usage with
/// the options typed and its likeness (`'keep --note' exists`) alone, or nothing: the flag as
/// clap names it, that it goes after the command, as a flag of the commands that take it,
/// and where the command is one of them the line typed with the flag moved after it. A flag
/// of another command than the one typed is [`flag_of_another`]'s to tell.
fn flag_before_its_command(
    e: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<(String, String, Option<String>)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = cut.strip_prefix("--")?;
    if command_as_flag(e, args).is_some() {
        return None;
    }
    let root = Cli::command();
    let found = typed::commands_taking(&root, name);
    if found.is_empty() {
        return None;
    }
    let words: Vec<&str> = typed::words(args).collect();
    let end = words.iter().position(|w| *w == "--").unwrap_or(words.len());
    let at = words[..end].iter().position(|w| {
        w == cut
            || w.strip_prefix(cut.as_str())
                .is_some_and(|v| v.starts_with('='))
    })?;
    // Only before the command: after it, the flag is refused by a command that lacks it.
    if command_typed(args)
        .first()
        .is_some_and(|first| words[..at].contains(first))
    {
        return None;
    }
    // Before a command that takes it, a flag without a value keeps clap's tip (`'list --json'
    // exists`), which says as much.
    let (sub, line) = subcommand_typed(&root, args);
    if line.len() > 1
        && !sub
            .get_arguments()
            .any(|a| a.get_long() == Some(name) && a.get_action().takes_values())
    {
        return None;
    }
    let owners: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    let why = format!(
        "--{name} goes after the command, as a flag of {}",
        crate::core::text::listed(&owners, "and")
    );
    // The line typed, the flag and its value put after the command's words; none without a
    // command, or where the value is not there to move (`--note keep 1`).
    let value = match words[at].split_once('=') {
        Some((_, value)) => Some((value, None)),
        None => words
            .get(at + 1)
            .filter(|v| !v.starts_with("--") && root.find_subcommand(v).is_none())
            .map(|v| (*v, Some(at + 1))),
    };
    let tip = value.filter(|_| line.len() > 1).map(|(value, drop)| {
        let mut rest: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at && Some(*i) != drop)
            .map(|(_, w)| *w)
            .collect();
        for word in &line[1..] {
            if let Some(i) = rest.iter().position(|w| w == word) {
                rest.remove(i);
            }
        }
        let text = rest.iter().position(|w| *w == "--").unwrap_or(rest.len());
        let mut run = typed::retyped(args, &line);
        run.extend(
            rest[..text]
                .iter()
                .map(|w| crate::core::text::shell_word(w)),
        );
        run.push(format!("--{name}"));
        run.push(crate::core::text::shell_word(value));
        run.extend(
            rest[text..]
                .iter()
                .map(|w| crate::core::text::shell_word(w)),
        );
        run.join(" ")
    });
    Some((cut.clone(), why, tip))
}

/// A flag typed with no command that neither the program nor any command takes (`--bogus`,
/// `-x`), where clap said only "unexpected argument": the flag as clap names it.
fn no_flag_anywhere(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument || !no_command_typed(args) {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let root = Cli::command();
    let taken = match cut.strip_prefix("--") {
        Some(name) => !typed::commands_taking(&root, name).is_empty(),
        None => {
            let short = cut.strip_prefix('-')?.chars().next()?;
            typed::commands_taking_short(&root, short)
        }
    };
    (!taken && command_as_flag(e, args).is_none()).then(|| cut.clone())
}

/// Whether the words typed name no command (`--bogus`, `--demo --bogus`, `--bogus x list`).
fn no_command_typed(args: &[std::ffi::OsString]) -> bool {
    subcommand_typed(&Cli::command(), args).1.len() == 1
}

/// A status asked of `list` by a flag it lacks (`list --status open`, `--state=kept`,
/// `--broken`), where clap said only "unexpected argument", or offered `--open` for
/// `--broken`, the opposite: the flag as clap names it, that only open promises have a
/// filter, and for the status asked the line that lists it (`trustladder list --open`, the
/// other words typed kept), or that it has none, and where it shows.
fn status_filter(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument || command_typed(args).first() != Some(&"list") {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let flag = cut.split('=').next().unwrap_or(cut);
    let typed: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let joined = format!("{flag}=");
    // The status asked: the flag's own name, or its value (`--status open`, `--status=open`).
    let asked = match flag {
        "--kept" | "--broken" | "--released" => Some(&flag[2..]),
        "--status" | "--state" => {
            typed
                .iter()
                .enumerate()
                .find_map(|(at, w)| match w.strip_prefix(&joined) {
                    Some(value) => Some(value),
                    None if *w == flag => {
                        typed.get(at + 1).copied().filter(|v| !v.starts_with('-'))
                    }
                    None => None,
                })
        }
        _ => return None,
    };
    let (mut given, flags) = words_typed(args);
    if let Some(i) = asked.and_then(|v| given.iter().position(|w| *w == v)) {
        given.remove(i);
    }
    let why = format!("list takes no {flag}: only open promises have a filter, --open");
    let tip = match asked.map(str::to_lowercase).as_deref() {
        Some("open") => {
            let mut line = retyped(args, &["trustladder", "list"]);
            line.extend(given.iter().map(|w| crate::core::text::shell_word(w)));
            line.extend(
                (flags.iter())
                    .filter(|w| **w != flag && !w.starts_with(&joined) && **w != "--open")
                    .map(|w| crate::core::text::shell_word(w)),
            );
            line.push("--open".to_string());
            line.join(" ")
        }
        Some("overdue") => {
            "overdue promises have no filter in list: trustladder agenda lists them first"
                .to_string()
        }
        Some(word @ ("kept" | "broken" | "released")) => format!(
            "{word} promises have no filter: trustladder list shows them among the others, {word} in STATUS"
        ),
        Some("late" | "kept_late" | "kept-late") => {
            "kept late promises have no filter: trustladder list shows them among the others, kept late in STATUS".to_string()
        }
        _ => "kept, kept late, broken and released promises have no filter: trustladder list shows each promise's STATUS".to_string(),
    };
    Some((cut.clone(), why, tip))
}

/// Several promise ids given to a command that takes one (`keep 1 2`, `rm 3 4`), where clap
/// said only "unexpected argument '2'": the id clap names, that the command takes one id, and
/// a shell loop running it on each, the options typed kept (a `--file` among them, so the
/// loop changes the ledger meant). Each command stays at one id: a fault halfway through
/// several would leave it unclear which of them were changed.
fn several_ids(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let root = Cli::command();
    let (command, line) = subcommand_typed(&root, args);
    let positionals: Vec<&clap::Arg> = command.get_positionals().collect();
    if line.len() == 1 || !matches!(positionals.as_slice(), [id] if id.get_id() == "id") {
        return None;
    }
    let (given, flags) = words_typed(args);
    if given.len() < 2
        || given[1] != cut.as_str()
        || given.iter().any(|w| args::parse_id(w).is_err())
    {
        return None;
    }
    let mut run = retyped(args, &line);
    run.push("$id".to_string());
    run.extend(flags.iter().map(|w| crate::core::text::shell_word(w)));
    let ids: Vec<String> = given
        .iter()
        .map(|w| crate::core::text::shell_word(w))
        .collect();
    let named = line.join(" ");
    Some((
        cut.clone(),
        format!("{named} takes one promise id at a time"),
        format!("for id in {}; do {}; done", ids.join(" "), run.join(" ")),
    ))
}

/// Clap's rendered message `text` without the parts `dropped` picks (its own tips, which a
/// tip of the program's replaces), and with its usage line the command's own (see
/// [`usage_of`]).
fn own_usage(text: &str, args: &[std::ffi::OsString], dropped: impl Fn(&str) -> bool) -> String {
    text.split("\n\n")
        .filter(|part| !dropped(part))
        .map(|part| match part.strip_prefix("Usage: ") {
            Some(_) => usage_of(args).unwrap_or_else(|| part.to_string()),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether clap's error offers a flag spelt like the one typed (`--late` for `--lat`).
fn suggested_flag(e: &clap::Error) -> bool {
    use clap::error::{ContextKind, ErrorKind};
    e.kind() == ErrorKind::UnknownArgument && e.get(ContextKind::SuggestedArg).is_some()
}

/// Whether clap refused a flag typed before the command (`--yes rm 1`), which it read as the
/// program's own.
fn flag_before_command(e: &clap::Error, args: &[std::ffi::OsString]) -> bool {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return false;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return false;
    };
    let Some(command) = command_typed(args).first().copied() else {
        return false;
    };
    if Cli::command().find_subcommand(command).is_none() {
        return false;
    }
    let typed: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    // A long flag typed with one dash (`-yes`) clap names by its first letter (`-y`).
    let flag = typed.iter().position(|w| {
        w == cut
            || w.starts_with(&format!("{cut}="))
            || (!cut.starts_with("--") && w.starts_with(cut.as_str()))
    });
    let named = typed.iter().position(|w| *w == command);
    matches!((flag, named), (Some(flag), Some(named)) if flag < named)
}

/// The usage line of the command typed, as its `--help` gives it: clap's error writes a
/// flag it offered into the usage (`trustladder list --json [PERSON]`), as if it were needed.
fn usage_of(args: &[std::ffi::OsString]) -> Option<String> {
    let mut command = Cli::command();
    command.build();
    let mut command = &mut command;
    for word in command_typed(args) {
        if command.find_subcommand(word).is_none() {
            break;
        }
        command = command.find_subcommand_mut(word)?;
    }
    Some(command.render_usage().to_string())
}

/// `--handle` given to `person edit`, which has none: a handle never changes, and clap's
/// "unexpected argument" left it to be guessed whether it was spelled otherwise.
fn handle_given_to_edit(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument || command_typed(args) != ["person", "edit"] {
        return None;
    }
    match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(cut)) if cut == "--handle" || cut.starts_with("--handle=") => {
            Some(cut.clone())
        }
        _ => None,
    }
}

/// A remote given to `sync init` as `git remote add` and `sync clone` take one, bare
/// (`sync init me@server:trust.git`): clap's "unexpected argument" said neither that it is
/// taken nor how. A word after a remote given (`--remote x y`) is no remote of its own.
/// The word, and the line that gives it as the remote (`--join` kept).
fn remote_given_bare(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let remote_given = args.iter().any(|a| {
        a.to_str()
            .is_some_and(|a| a == "--remote" || a.starts_with("--remote="))
    });
    if e.kind() != ErrorKind::UnknownArgument
        || command_typed(args) != ["sync", "init"]
        || remote_given
    {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if cut.starts_with('-') {
        return None;
    }
    let mut line = retyped(args, &["trustladder", "sync", "init", "--remote"]);
    line.push(crate::core::text::shell_word(cut));
    if args.iter().any(|a| a == "--join") {
        line.push("--join".to_string());
    }
    Some((cut.clone(), line.join(" ")))
}

/// `text`, clap's message, with a flag the user typed by an alias (`list --rung bogus`)
/// named in its first line by that alias and its own name, `'--rung/--level <LEVEL>'`: clap
/// names a flag by its own name only, one the user never typed, and has no way to say which
/// name was given. Any other line (the usage, a tip naming a similar flag) is left as it is.
fn alias_named(text: &str, args: &[std::ffi::OsString]) -> String {
    let root = Cli::command();
    let (command, _) = subcommand_typed(&root, args);
    let typed: Vec<&str> = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .take_while(|a| *a != "--")
        .collect();
    let given = |name: &str| {
        typed.iter().any(|word| {
            word.strip_prefix("--")
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('='))
        })
    };
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut first = first.to_string();
    for arg in command.get_arguments() {
        let (Some(long), Some(aliases)) = (arg.get_long(), arg.get_all_aliases()) else {
            continue;
        };
        let mut names: Vec<&str> = aliases.into_iter().filter(|a| given(a)).collect();
        if names.is_empty() {
            continue;
        }
        names.push(long);
        let both = format!("'--{}", names.join("/--"));
        for end in ['\'', ' '] {
            first = first.replace(&format!("'--{long}{end}"), &format!("{both}{end}"));
        }
    }
    match text.split_once('\n') {
        Some(_) => format!("{first}\n{rest}"),
        None => first,
    }
}

/// A command typed as a flag (`config --check`, `sync --init`), which clap refused with no
/// more than "unexpected argument": the flag as typed, and the command line that runs it.
fn command_as_flag(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = cut.strip_prefix("--").filter(|n| !n.contains('='))?;
    let root = Cli::command();
    let (command, mut line) = subcommand_typed(&root, args);
    let sub = command.find_subcommand(name)?;
    line.push(sub.get_name());
    Some((cut.clone(), line.join(" ")))
}

/// A subcommand mistyped beyond what clap finds a likeness to (`config chek` has one, `config
/// show` none) under a command that takes one: clap said only "unrecognized subcommand",
/// where for one left out it lists those there are. They are listed as then; and a path given
/// to `import` (`import tasks.json`), where its tool goes, gets the command that reads it.
/// The top level is left as it is: its thirty commands are `--help`'s to list; so is `help`
/// given a command there is none of (`help frob`), whose list is the top level's with the
/// hidden ones that git and the commands themselves run (`merge-driver`, `agent`).
fn subcommands_listed(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand || e.get(ContextKind::SuggestedSubcommand).is_some()
    {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    let mut root = Cli::command();
    root.build();
    let (command, line) = subcommand_typed(&root, args);
    if line.len() == 1 || line == ["trustladder", "help"] {
        return None;
    }
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    let mut listed = format!("  [subcommands: {}]", names.join(", "));
    let path = std::path::Path::new(cut.as_str());
    if line == ["trustladder", "import"] && (cut.contains(['.', '/']) || path.exists()) {
        listed.push_str(&format!(
            "\n\n  tip: the tool goes first: trustladder import taskwarrior {} --person-from tag:PREFIX",
            crate::core::text::shell_word(cut)
        ));
    } else if line == ["trustladder", "sync"] && cut == "status" {
        // Not the sync's state, which `status` would read as: what each of those says.
        listed.push_str(
            "\n\n  tip: sync has no status of its own: `trustladder sync` says what it committed, merged and pushed, and `git status` in the data file's folder what is not synced yet; `trustladder status` is the promises' line for a prompt",
        );
    } else if (root.get_subcommands()).any(|c| !c.is_hide_set() && c.get_name() == cut.as_str()) {
        // `promise list`, `promise keep 1`, `person review pat`: the program's own command,
        // typed under the one it acts on.
        listed.push_str(&format!(
            "\n\n  tip: {cut} is a command of its own: trustladder {cut}"
        ));
    }
    Some((cut.clone(), listed))
}

/// A command typed by a word other tools use for it (`delete 1`, `done 1`, `person
/// unarchive`), for which clap offered one spelt alike and doing another thing, at times the
/// opposite (`release` for `delete`, `archive` for `unarchive`), or none: the word, and a tip
/// naming the command that does it.
fn command_by_another_word(
    e: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    const WORDS: [(&str, &[&str], &str); 8] = [
        ("", &["delete", "remove", "del"], "rm"),
        ("", &["done", "complete", "finish", "kept"], "keep"),
        (
            "",
            &["fail", "failed", "broke", "broken", "missed"],
            "break",
        ),
        ("", &["cancel", "withdraw", "drop"], "release"),
        ("", &["unarchive"], "person restore"),
        ("person", &["delete", "remove", "del"], "person rm"),
        ("person", &["unarchive", "reactivate"], "person restore"),
        ("person", &["new", "create"], "person add"),
    ];
    if e.kind() != ErrorKind::InvalidSubcommand {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    let root = Cli::command();
    let (_, line) = subcommand_typed(&root, args);
    let above = line[1..].join(" ");
    let word = cut.to_lowercase();
    let (_, _, meant) = WORDS
        .iter()
        .find(|(at, words, _)| *at == above && words.contains(&word.as_str()))?;
    // Asked `help` for, the help of the command meant.
    let program = match command_typed(args).first() {
        Some(&"help") => "trustladder help",
        _ => "trustladder",
    };
    Some((
        cut.clone(),
        format!("{cut} is {meant} here: {program} {meant}"),
    ))
}

/// A command of another typed as the program's own (`archive ann`, `add Priya`, `clone URL`),
/// for which clap offered a command it is spelt like, one of another kind altogether
/// (`recover` for `archive`, `config` for `clone`) or none: the word, and a tip naming the
/// commands it belongs to, each as the line that runs it.
fn command_of_another(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    // Typed as the program's own command (or asked `help` for), not as one of another's
    // (`person archiv`).
    let program = match command_typed(args).as_slice() {
        [first, ..] if first == cut => "trustladder",
        ["help", second] if second == cut => "trustladder help",
        _ => return None,
    };
    let root = Cli::command();
    let owners: Vec<&str> = (root.get_subcommands())
        .filter(|c| !c.is_hide_set())
        .filter(|c| {
            (c.get_subcommands()).any(|sub| sub.get_name() == cut.as_str() && !sub.is_hide_set())
        })
        .map(|c| c.get_name())
        .collect();
    if owners.is_empty() {
        return None;
    }
    let lines: Vec<String> = owners
        .iter()
        .map(|owner| format!("{program} {owner} {cut}"))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    // The program's own that begin so stay offered (`restore-backup` for `restore`).
    let begun: Vec<&str> = (root.get_subcommands())
        .filter(|c| !c.is_hide_set() && c.get_name().starts_with(cut.as_str()))
        .map(|c| c.get_name())
        .collect();
    let or_own = if begun.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            crate::core::text::listed(&begun, "or")
        )
    };
    Some((
        cut.clone(),
        format!(
            "{cut} is a command of {}: {}{or_own}",
            crate::core::text::listed(&owners, "and"),
            crate::core::text::listed(&lines, "or")
        ),
    ))
}

/// A long flag typed with one dash (`keep 1 -note done`, `log ana "sent it" -on fri`), which
/// clap read as the short flags `-n -o -t -e` and named by the first, with a tip to pass `-n`
/// after `--`: the word as typed and the flag it names, where the command typed has that flag.
fn long_flag_with_one_dash(
    e: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(cut)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let root = Cli::command();
    let typed = command_typed(args);
    let mut command = &root;
    for word in &typed {
        match command.find_subcommand(word) {
            Some(sub) => command = sub,
            None => break,
        }
    }
    let has_long = |name: &str| {
        command
            .get_arguments()
            .chain(root.get_arguments())
            .any(|a| a.get_long() == Some(name))
    };
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .take_while(|a| *a != "--")
        .filter(|a| a.starts_with(cut.as_str()) && !a.starts_with("--"))
        .find_map(|whole| {
            let (name, value) = whole[1..]
                .split_once('=')
                .map_or((&whole[1..], None), |(n, v)| (n, Some(v)));
            (name.chars().count() > 1 && has_long(name)).then(|| {
                let flag = value.map_or(format!("--{name}"), |v| format!("--{name}={v}"));
                (whole.to_string(), flag)
            })
        })
}

/// Text typed to begin with `-h` (`log ana "-hi there"`), which clap read as the help flag
/// with more after it, and answered with the help and exit 0, nothing saved: the whole
/// argument, where no `-h`, `--help` or `help` asked for help.
fn help_taken_from_text(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    if e.kind() != clap::error::ErrorKind::DisplayHelp {
        return None;
    }
    let typed = || args.iter().skip(1).filter_map(|a| a.to_str());
    if typed().any(|a| matches!(a, "-h" | "--help" | "help")) {
        return None;
    }
    typed()
        .take_while(|a| *a != "--")
        .find(|a| a.starts_with("-h"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A missing group of flags is said as the flags that would do, each once, a value's own
    /// `|` (`<DATE|none>`) no divider; a missing argument or option is left as clap names it.
    #[test]
    fn a_missing_group_is_said_as_the_flags_that_would_do() {
        assert_eq!(
            group_in_words(
                "  <--what <WHAT>|--level <LEVEL>|--due <DATE|none>|--note <NOTE>|--mine|--theirs>"
            )
            .as_deref(),
            Some("  at least one of --what, --level, --due, --note, --mine or --theirs")
        );
        assert_eq!(
            group_in_words("  <--name <NAME>|--every <DAYS|none>>").as_deref(),
            Some("  at least one of --name or --every")
        );
        for line in [
            "  <ID>",
            "  <FILE|->",
            "  --person-from <tag:PREFIX|project|uda:NAME>",
            "  <--what <WHAT>>",
            "  <--due <DATE|none>|--note <NOTE>",
            "  <--due <DATE|none|--note <NOTE>>",
            "Usage: trustladder edit <ID> <--what|--level|--due|--note|--mine|--theirs>...",
        ] {
            assert_eq!(group_in_words(line), None, "{line}");
        }
    }

    /// An error's usage line with many flags typed is wrapped to 80 columns under the
    /// command; a shorter one, and any other line, is left as it is.
    #[test]
    fn a_long_usage_line_is_wrapped_under_the_command() {
        assert_eq!(
            usage_wrapped(
                "Usage: trustladder promise add --level <LEVEL> --due <DATE> --mine <PERSON> <WHAT>"
            ),
            "Usage: trustladder promise add --level <LEVEL> --due <DATE> --mine <PERSON>\n       <WHAT>"
        );
        let short = "Usage: trustladder list --open --theirs --level <LEVEL> --all --json <PERSON>";
        assert_eq!(usage_wrapped(short), short);
        let prose = "error: ".to_string() + &"a long line of prose ".repeat(5);
        assert_eq!(usage_wrapped(&prose), prose);
    }
}
