//! What a shell needs: completions (with people's handles from the data file) and a man page,
//! both from clap's definitions of the commands, so they never drift from `--help`.

use std::ffi::OsStr;
use std::io::Write;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use super::CliError;
use super::args::{Cli, CompletionsArgs};
use crate::store::{self, Store};

/// The environment variable the completion scripts call the program back with.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Prints the script that registers completions for `shell`; the script calls back into the
/// program for each completion, so completions follow the commands and the data file.
pub fn completions(a: &CompletionsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(&a.shell) else {
        let names: Vec<&str> = shells.names().collect();
        return Err(CliError::Usage(format!(
            "no completions for '{}': use one of {}",
            a.shell,
            names.join(", ")
        )));
    };
    shell
        .write_registration(
            COMPLETE_VAR,
            "trustladder",
            "trustladder",
            "trustladder",
            out,
        )
        .map_err(|e| CliError::Usage(format!("could not write the script: {e}")))
}

/// Prints the man page (roff), from the same definitions as `--help`.
pub fn man(out: &mut dyn Write) -> Result<(), CliError> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .map_err(|e| CliError::Usage(format!("could not write the man page: {e}")))
}

/// People's handles (and names, as help) that begin with what was typed, read from the data
/// file named by `TRUSTLADDER_FILE` or the default one. A missing or damaged file completes
/// nothing and prints nothing: completion must never get in the way of typing.
pub fn person_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let path = std::env::var_os(store::FILE_ENV)
        .map(std::path::PathBuf::from)
        .map_or_else(store::default_path, Ok);
    let Ok(path) = path else {
        return Vec::new();
    };
    if !path.is_file() {
        return Vec::new();
    }
    let Ok(store) = Store::open(&path) else {
        return Vec::new();
    };
    let typed = typed.to_lowercase();
    store
        .ledger()
        .people
        .iter()
        .filter(|p| !p.archived && p.handle.starts_with(&typed))
        .map(|p| {
            CompletionCandidate::new(p.handle.clone())
                .help(Some(crate::core::text::sanitize(&p.name).into()))
        })
        .collect()
}
