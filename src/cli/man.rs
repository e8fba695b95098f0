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
    main.render_name_section(&mut page)?;
    main.render_synopsis_section(&mut page)?;
    main.render_description_section(&mut page)?;
    main.render_options_section(&mut page)?;
    writeln!(page, ".SH COMMANDS")?;
    writeln!(
        page,
        "Every command takes the options above too (\\fB\\-\\-file\\fR, \\fB\\-\\-config\\fR, \\fB\\-\\-today\\fR)."
    )?;
    commands(&cli, &mut page)?;
    page.extend_from_slice(ENVIRONMENT.as_bytes());
    main.render_extra_section(&mut page)?;
    main.render_version_section(&mut page)?;
    Ok(without_repeated_preambles(&page))
}

/// A section of its own for each command that does something, under its full name
/// (`trustladder person add`), with its description and its own options.
fn commands(parent: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    for sub in parent.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        if sub.has_subcommands() {
            commands(sub, page)?;
            continue;
        }
        let name = sub
            .get_bin_name()
            .unwrap_or_else(|| sub.get_name())
            .to_string();
        // The options every command takes are listed once, above.
        let own = sub
            .clone()
            .mut_args(|a| if a.is_global_set() { a.hide(true) } else { a });
        let man = Man::new(own);
        writeln!(page, ".SS \"{}\"", name.replace('-', "\\-"))?;
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        page.extend(without_headings(&part));
    }
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
A command whose output is the passphrase of an encrypted ledger, for scripts.
.TP
\fBTRUSTLADDER_NEW_PASSPHRASE_COMMAND\fR
A command whose output is the new passphrase, for \fBpassphrase\fR and \fBrecover\fR.
.TP
\fBTRUSTLADDER_LOCK_AFTER\fR
How long the terminal UI may go unused before it locks an encrypted ledger (as 30m or 1h).
.TP
\fBTRUSTLADDER_KDF_WORK_FACTOR\fR
scrypt's work factor for a new key file, 1 to 16.
.TP
\fBTRUSTLADDER_AGENT_DIR\fR, \fBXDG_RUNTIME_DIR\fR
Where the agent that holds unlocked keys listens.
.TP
\fBNO_COLOR\fR
Set: the terminal UI uses no colour.
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
