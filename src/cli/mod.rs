//! The command line: subcommands for scripting and quick logging from a shell, and the way
//! into the terminal UI when no subcommand is given.
//!
//! Every command returns the text it prints; nothing is printed until the command has
//! succeeded, so a failure leaves stdout empty and says one line on stderr (`check` alone
//! prints its report before failing on a damaged file). Every change goes
//! through [`Store::update`], which writes nothing when the change is refused, so a failed
//! command leaves the data file byte-for-byte as it was. Commands that only read never
//! create or write the file.

mod agenda;
pub mod args;
mod error;
mod export;
mod import;
mod json;
mod list;
mod maintenance;
mod people;
mod prep;
mod promises;
mod review;
mod sync;
mod table;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser};

pub use args::Cli;
use args::Command;
pub use error::CliError;

use crate::core::dates::{parse_date, parse_past_date};
use crate::core::text::sanitize;
use crate::store::{self, Store};

/// What every command needs besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// The data file.
    pub path: PathBuf,
    /// The day the command acts as if it were.
    pub today: NaiveDate,
}

impl Context {
    /// Opens the data file (a missing one reads as empty and is not created).
    fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.path)?)
    }

    /// Opens the data file for a command that only reads. A file from a newer trustladder is
    /// still shown, with a note on stderr that this version may not understand all of it.
    fn read(&self) -> Result<Store, CliError> {
        let store = self.open()?;
        if !store.path().exists() {
            // A mistyped --file should not read as an empty ledger without a word.
            eprintln!(
                "trustladder: note: there is no data file at {} yet; the first change makes it",
                sanitize(&store.path().display().to_string())
            );
        }
        if let Some(reason) = store.read_only() {
            eprintln!(
                "trustladder: note: {}: {}; showing what this version understands",
                sanitize(&store.path().display().to_string()),
                sanitize(&reason)
            );
        }
        Ok(store)
    }

    /// Reads a date word given to `--flag`, relative to today.
    fn date(&self, flag: &'static str, word: &str) -> Result<NaiveDate, CliError> {
        parse_date(word, self.today).map_err(|source| CliError::Date { flag, source })
    }

    /// Reads the date of an outcome (`--on`), today when not given; a weekday is the last such
    /// day. The core refuses a day after today, for the command line and the UI alike.
    fn outcome_date(&self, word: Option<&str>) -> Result<NaiveDate, CliError> {
        word.map_or(Ok(self.today), |w| {
            parse_past_date(w, self.today).map_err(|source| CliError::Date { flag: "on", source })
        })
    }

    /// Reads `--due`: `None` when not given, `Some(None)` for `none` (no date).
    fn due_date(&self, word: Option<&str>) -> Result<Option<Option<NaiveDate>>, CliError> {
        match word {
            None => Ok(None),
            Some(w) if w.trim().eq_ignore_ascii_case("none") => Ok(Some(None)),
            Some(w) => Ok(Some(Some(self.date("due", w)?))),
        }
    }
}

/// Parses the arguments and runs; the exit code follows the usual convention (2 for usage,
/// 1 for any other error).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let fixed_today = cli.today;
    let path = match cli.file.map_or_else(store::default_path, Ok) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("trustladder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(command) = cli.command else {
        return match crate::tui::run(crate::tui::Launch {
            path,
            today: fixed_today,
            demo: cli.demo,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("trustladder: {e}");
                ExitCode::FAILURE
            }
        };
    };
    if cli.demo {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--demo opens the terminal UI on sample data and takes no command",
            )
            .exit();
    }
    match run(
        command,
        &Context { path, today },
        &mut std::io::stdout().lock(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.line());
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs one subcommand, writing what it prints to `out` only once it has succeeded.
pub fn run(command: Command, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let text = match command {
        Command::Person(cmd) => people::run(cmd, ctx),
        Command::Promise(cmd) => promises::run_promise(cmd, ctx),
        Command::Log(a) => promises::log(&a, ctx),
        Command::Keep(a) => promises::keep(&a, ctx),
        Command::Break(a) => promises::broken(&a, ctx),
        Command::Release(a) => promises::release(&a, ctx),
        Command::Reopen(a) => promises::reopen(a.id, ctx),
        Command::Edit(a) => promises::edit(&a, ctx),
        Command::Rm(a) => promises::remove(a.id, ctx),
        Command::List(a) => list::run(&a, ctx),
        Command::Agenda(a) => agenda::run(a.json, ctx),
        Command::Review(a) => review::run(&a, ctx),
        Command::Prep(a) => prep::run(&a, ctx),
        Command::Export(a) => return export::run(&a, ctx, out),
        Command::Import(cmd) => import::run(cmd, ctx),
        // `check` prints its report even when it then fails on a damaged file, and a restore
        // that happened is reported even if the reader has gone: both print what they have.
        Command::Check(a) => {
            let mut report = Vec::new();
            let checked = maintenance::check(&ctx.path, a.json, &mut report);
            let _ = out.write_all(&report);
            return Ok(checked?);
        }
        Command::Sync(a) => sync::run(a, ctx),
        Command::MergeDriver(a) => sync::merge_driver(&a),
        Command::RestoreBackup(a) => {
            let mut report = Vec::new();
            let restored = maintenance::restore_backup(&ctx.path, &a.backup, &mut report);
            let _ = out.write_all(&report);
            return Ok(restored?);
        }
    }?;
    // A closed pipe (`| head`) is the reader's choice, not an error of ours.
    let _ = out.write_all(text.as_bytes());
    Ok(())
}
