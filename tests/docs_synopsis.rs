//! The README's table of commands against clap's definitions of them: every command the
//! program has appears in the table, every command the table names exists, every flag a row
//! names is a flag of that command, and every flag of a command is named in its row. A flag
//! added to a command, or a row that drifts from the program, fails here until the README
//! says so.

use std::collections::{BTreeMap, BTreeSet};

use clap::CommandFactory;
use trustladder::cli::Cli;

const README: &str = include_str!("../README.md");

/// Flags a row need not name, with the reason. Global flags (`--file`, `--today`) and
/// `--help` are described once below the table; `--version` belongs to the top level.
const EXEMPT: &[(&str, &str, &str)] = &[];

/// The commands of the README's "Commands" table: each backticked command in a row's first
/// cell (a row may name several: `person archive PERSON`, `person restore PERSON`), as its
/// words.
fn readme_rows() -> Vec<Vec<String>> {
    let section = README
        .split("\n## Commands\n")
        .nth(1)
        .expect("the README has a Commands section");
    // The table ends before the next heading (the date words have a table of their own).
    let section = section.split("\n#").next().unwrap_or(section);
    let mut rows = Vec::new();
    for line in section.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        // The first cell ends at the first `|` outside backticks (`\|` inside them is an
        // escaped bar).
        let cell = format!("`{rest}");
        let mut in_code = false;
        let mut end = cell.len();
        let mut prev = ' ';
        for (i, c) in cell.char_indices() {
            match c {
                '`' => in_code = !in_code,
                '|' if !in_code && prev != '\\' => {
                    end = i;
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        let cell = &cell[..end];
        for (i, code) in cell.split('`').enumerate() {
            if i % 2 == 1 {
                rows.push(
                    code.replace("\\|", "|")
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                );
            }
        }
    }
    assert!(
        rows.len() > 20,
        "the Commands table was not found: {} rows",
        rows.len()
    );
    rows
}

/// The subcommand path a row's words start with (`person add`, `sync init`, `sync`), and the
/// command clap has for it; `None` when the first word names no command.
fn command_of<'a>(
    root: &'a clap::Command,
    words: &[String],
) -> Option<(String, &'a clap::Command)> {
    let mut command = root.find_subcommand(words.first()?)?;
    let mut path = words[0].clone();
    for word in &words[1..] {
        match command.find_subcommand(word) {
            Some(sub) => {
                command = sub;
                path.push(' ');
                path.push_str(word);
            }
            None => break,
        }
    }
    Some((path, command))
}

/// Every command a person can type: the leaves of the tree, and the commands that run
/// without a subcommand (`sync`), by their path; hidden ones left out.
fn program_commands(
    command: &clap::Command,
    prefix: &str,
    out: &mut BTreeMap<String, clap::Command>,
) {
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        let path = if prefix.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{prefix} {}", sub.get_name())
        };
        if sub.get_subcommands().next().is_none() || !sub.is_subcommand_required_set() {
            out.insert(path.clone(), sub.clone());
        }
        program_commands(sub, &path, out);
    }
}

/// The long flags a command takes, other than the global ones and `--help`.
fn own_flags(command: &clap::Command) -> BTreeSet<String> {
    command
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
        .filter_map(|a| a.get_long())
        .filter(|long| *long != "help" && *long != "version")
        .map(|long| format!("--{long}"))
        .collect()
}

/// The flags a row names: every word that starts with `--`, up to the first character that
/// cannot be in a flag's name (`[--sort` → `--sort`, `--late\|--on-time]` → both).
fn named_flags(words: &[String]) -> BTreeSet<String> {
    let mut flags = BTreeSet::new();
    for word in words {
        for part in word.split(['[', ']', '|', '(', ')', ',']) {
            if let Some(name) = part.strip_prefix("--") {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if !name.is_empty() {
                    flags.insert(format!("--{name}"));
                }
            }
        }
    }
    flags
}

#[test]
fn every_row_names_a_real_command_and_only_its_flags() {
    let root = Cli::command();
    let mut problems = Vec::new();
    for words in readme_rows() {
        let row = words.join(" ");
        let Some((path, command)) = command_of(&root, &words) else {
            problems.push(format!("`{row}`: no such command"));
            continue;
        };
        if command.is_hide_set() {
            problems.push(format!("`{row}`: a hidden command in the README"));
        }
        if command.is_subcommand_required_set() {
            problems.push(format!("`{row}`: `{path}` needs a subcommand"));
        }
        let own = own_flags(command);
        let global: BTreeSet<String> = root
            .get_arguments()
            .filter(|a| a.is_global_set())
            .filter_map(|a| a.get_long())
            .map(|long| format!("--{long}"))
            .collect();
        for flag in named_flags(&words) {
            if !own.contains(&flag) && !global.contains(&flag) {
                problems.push(format!("`{row}`: `{path}` has no flag {flag}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_command_and_each_of_its_flags_is_in_the_table() {
    let root = Cli::command();
    let mut commands = BTreeMap::new();
    program_commands(&root, "", &mut commands);
    assert!(commands.contains_key("person add") && commands.contains_key("sync"));
    assert!(
        !commands.contains_key("merge-driver"),
        "hidden commands are left out"
    );

    let mut named: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for words in readme_rows() {
        if let Some((path, _)) = command_of(&root, &words) {
            named.entry(path).or_default().extend(named_flags(&words));
        }
    }
    let mut problems = Vec::new();
    for (path, command) in &commands {
        let Some(flags) = named.get(path) else {
            problems.push(format!(
                "`{path}` is missing from the README's Commands table"
            ));
            continue;
        };
        for flag in own_flags(command) {
            let exempt = EXEMPT
                .iter()
                .any(|(c, f, _)| *c == path.as_str() && *f == flag.as_str());
            if !flags.contains(&flag) && !exempt {
                problems.push(format!("`{path}`: the README's row does not name {flag}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The parsing above, on rows of the shapes the table uses, so a parsing slip cannot make
/// the checks pass by reading nothing.
#[test]
fn rows_are_read_into_commands_and_flags() {
    let rows = readme_rows();
    let find = |start: &str| {
        rows.iter()
            .find(|w| w.join(" ").starts_with(start))
            .unwrap_or_else(|| panic!("no row starting {start:?}"))
    };
    assert_eq!(
        named_flags(find("keep ID")),
        BTreeSet::from(["--late", "--on-time", "--on", "--note"].map(String::from))
    );
    assert_eq!(
        named_flags(find("person list")),
        BTreeSet::from(["--all", "--sort", "--json"].map(String::from))
    );
    assert!(rows.iter().any(|w| w.join(" ") == "person restore PERSON"));
    assert!(rows.iter().any(|w| w.join(" ") == "sync"));
    let root = Cli::command();
    let (path, _) = command_of(&root, find("sync init")).unwrap();
    assert_eq!(path, "sync init");
    assert!(command_of(&root, &["frobnicate".to_string()]).is_none());
}
