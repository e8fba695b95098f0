//! The man page: one page with every command and its options (a page per command would name
//! pages nobody installs), the environment and the files, all from clap's definitions and the
//! constants the program reads, so it never drifts from `--help`.

use std::io::Write;

use clap::{Command, CommandFactory};
use clap_mangen::Man;

use super::args::Cli;

/// The whole page, in roff.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut cli = Cli::command();
    cli.build();
    let main = Man::new(cli.clone());
    let mut page = Vec::new();
    main.render_title(&mut page)?;
    // The about line starts with the program's name, which NAME gives already.
    let about = cli.get_about().map(|a| a.to_string()).unwrap_or_default();
    let about = about.strip_prefix("trustladder: ").unwrap_or(&about);
    writeln!(page, ".SH NAME\ntrustladder \\- {}", roff_text(about))?;
    writeln!(page, ".SH SYNOPSIS")?;
    synopsis(&cli, &mut page)?;
    // DESCRIPTION without the about line NAME gives already.
    let long = cli
        .get_long_about()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let rest = long
        .split_once("\n\n")
        .map_or("", |(_, rest)| rest)
        .to_string();
    Man::new(cli.clone().long_about(rest)).render_description_section(&mut page)?;
    main.render_options_section(&mut page)?;
    writeln!(page, ".SH COMMANDS")?;
    writeln!(
        page,
        "Every command takes the global options too (\\fB\\-\\-file\\fR, \\fB\\-\\-config\\fR, \\fB\\-\\-today\\fR), each once, before it or after it."
    )?;
    commands(&cli, &mut page)?;
    page.extend_from_slice(ENVIRONMENT.as_bytes());
    // The exit codes `--help` ends with, under the heading man pages give them.
    let exit = super::args::EXIT_HELP;
    writeln!(page, ".SH \"EXIT STATUS\"")?;
    writeln!(
        page,
        "{}",
        roff_text(exit.strip_prefix("Exit status: ").unwrap_or(exit))
    )?;
    main.render_version_section(&mut page)?;
    Ok(ascii(&without_repeated_preambles(&page)))
}

/// A command's synopsis with the value each option takes (`[--on DATE]`), which clap's
/// renderer leaves out; its subcommands as COMMAND.
fn synopsis(cmd: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    let mut line = format!("\\fB{}\\fR", roff_text(name));
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let values: Vec<String> = if arg.get_action().takes_values() {
            arg.get_value_names()
                .map(|names| {
                    names
                        .iter()
                        .map(|n| format!(" \\fI{}\\fR", roff_text(n)))
                        .collect()
                })
                .unwrap_or_else(|| {
                    vec![format!(
                        " \\fI{}\\fR",
                        roff_text(&arg.get_id().to_string().to_uppercase())
                    )]
                })
        } else {
            Vec::new()
        };
        let values = values.concat();
        let part = if arg.is_positional() {
            let many = if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
                "..."
            } else {
                ""
            };
            let value = values.trim_start().to_string() + many;
            if arg.is_required_set() {
                value
            } else {
                format!("[{value}]")
            }
        } else {
            let flags: Vec<String> = arg
                .get_short()
                .map(|c| format!("\\fB\\-{c}\\fR"))
                .into_iter()
                .chain(
                    arg.get_long()
                        .map(|l| format!("\\fB\\-\\-{}\\fR", roff_text(l))),
                )
                .collect();
            let option = flags.join("|") + &values;
            if arg.is_required_set() {
                option
            } else {
                format!("[{option}]")
            }
        };
        line.push(' ');
        line.push_str(&part);
    }
    if cmd.has_subcommands() {
        line.push_str(" [\\fICOMMAND\\fR]");
    }
    writeln!(page, "{line}")
}

/// Text as roff reads it: hyphens as minus signs where they are typed, a line never taken for
/// a request.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    match text.chars().next() {
        Some('.' | '\'') => format!("\\&{text}"),
        _ => text,
    }
}

/// The page in ASCII: every other character as roff's `\[uXXXX]`, which groff and mandoc
/// read without a preprocessor (a raw `…` is an invalid input character to plain groff).
fn ascii(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out.into_bytes()
}

/// A section of its own for each command that does something, under its full name
/// (`trustladder person add`), with its description and its own options: a command with
/// commands under it that also runs alone (`trustladder sync`) gets one before theirs.
fn commands(parent: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    for sub in parent.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        if !sub.has_subcommands() || !sub.is_subcommand_required_set() {
            section(sub, page)?;
        }
        if sub.has_subcommands() {
            commands(sub, page)?;
        }
    }
    Ok(())
}

/// One command's section.
fn section(sub: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    let name = sub
        .get_bin_name()
        .unwrap_or_else(|| sub.get_name())
        .to_string();
    // The options every command takes are listed once, above.
    let own = sub
        .clone()
        .mut_args(|a| if a.is_global_set() { a.hide(true) } else { a });
    let man = Man::new(own.clone());
    writeln!(page, ".SS \"{}\"", name.replace('-', "\\-"))?;
    let mut part = Vec::new();
    writeln!(part, ".PP")?;
    synopsis(&own, &mut part)?;
    man.render_description_section(&mut part)?;
    man.render_options_section(&mut part)?;
    page.extend(without_headings(&part));
    Ok(())
}

/// `roff` without its `.SH` lines: a command's parts go under its `.SS`.
fn without_headings(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with(".SH ") {
            out.push_str(".PP\n");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// Each rendered part begins with roff's quote set-up; once is enough.
fn without_repeated_preambles(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble && !seen.insert(line.to_string()) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// What the program reads from its environment, and the files it keeps.
const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBTRUSTLADDER_FILE\fR
The data file, where \fB\-\-file\fR is not given (empty is unset).
.TP
\fBTRUSTLADDER_CONFIG\fR
The config file, where \fB\-\-config\fR is not given (empty is unset).
.TP
\fBTRUSTLADDER_PASSPHRASE_COMMAND\fR
A command whose output is the passphrase of an encrypted ledger, for scripts (empty is unset).
It is run with \fBTRUSTLADDER_PASSPHRASE_FOR\fR set to \fBledger\fR for the ledger's own key,
or to the file of an older key kept in \fIbackups/\fR whose passphrase is another.
.TP
\fBTRUSTLADDER_NEW_PASSPHRASE_COMMAND\fR
A command whose output is the new passphrase, for \fBpassphrase\fR and \fBrecover\fR (empty is unset).
It is run without \fBTRUSTLADDER_PASSPHRASE_FOR\fR, whatever the environment holds.
.TP
\fBTRUSTLADDER_LOCK_AFTER\fR
How long the terminal UI may go unused before it locks an encrypted ledger (as 30m or 1h).
.TP
\fBTRUSTLADDER_KDF_WORK_FACTOR\fR
scrypt's work factor for a new key file, 1 to 16.
.TP
\fBTRUSTLADDER_AGENT_DIR\fR, \fBXDG_RUNTIME_DIR\fR
Where the agent that holds unlocked keys listens (absolute paths; a relative one is ignored).
.TP
\fBNO_COLOR\fR
Set: the terminal UI uses no colour.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor Ctrl\-o opens a form's field in, in the terminal UI: \fBVISUAL\fR, else \fBEDITOR\fR, else \fBvi\fR (run by \fBsh\fR, so it may take arguments; empty is unset).
.TP
\fBTMPDIR\fR
Where the field's text goes for that editor, in a new folder only you can open, removed when the editor is done (/tmp when unset); for an encrypted ledger, a folder in memory instead (\fBXDG_RUNTIME_DIR\fR, else /dev/shm).
.SH FILES
.TP
\fI$XDG_DATA_HOME/trustladder/trustladder.json\fR
The data file (\fI~/.local/share/trustladder/trustladder.json\fR by default), one JSON document;
\fBbackups/\fR beside it holds the last ten versions, and \fBtrustladder.json.key\fR the key
file of an encrypted ledger.
.TP
\fI$XDG_CONFIG_HOME/trustladder/config.toml\fR
The config file (\fI~/.config/trustladder/config.toml\fR by default): keys, theme, mouse,
defaults. \fBtrustladder config init\fR writes one.
.SH "SEE ALSO"
\fBtrustladder dates\fR lists every date word; \fBtrustladder keys\fR every key of the UI.
The README, and docs/ beside it: FORMAT.md, LADDER.md, STORE.md, PRIVACY.md, DATES.md.
"#;
