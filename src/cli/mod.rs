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
mod shell;
mod status;
mod sync;
mod table;

use std::io::Write;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches};

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
    /// Opens the data file (a missing one reads as empty and is not created). Opening never
    /// waits for the lock; a change that does says so on stderr (see [`patience`]).
    fn open(&self) -> Result<Opened, CliError> {
        let mut store = Store::open(&self.path)?;
        store.set_patience(patience(store.path()));
        Ok(Opened(Some(store)))
    }

    /// Opens the data file for a command that only reads. A file from a newer trustladder is
    /// still shown, with a note on stderr that this version may not understand all of it.
    fn read(&self) -> Result<Opened, CliError> {
        let store = self.open()?;
        if !store.path().exists() {
            // A mistyped --file should not read as an empty ledger without a word.
            eprintln!(
                "trustladder: note: there is no data file at {} yet; the first change makes it",
                sanitize(&store.path().display().to_string())
            );
        }
        if let Some(reason) = store.read_only().filter(|_| store.is_newer()) {
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

/// Set by [`main`]: the process ends when its command does.
static ENDS_PROCESS: AtomicBool = AtomicBool::new(false);

/// A store a command opened. When the command is the last thing the process does, the store
/// is not freed: the process gives its memory back at once as it ends, where freeing a
/// hundred thousand records one by one takes milliseconds.
struct Opened(Option<Store>);

impl Deref for Opened {
    type Target = Store;

    fn deref(&self) -> &Store {
        self.0
            .as_ref()
            .unwrap_or_else(|| unreachable!("the store is taken only when dropped"))
    }
}

impl DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut Store {
        self.0
            .as_mut()
            .unwrap_or_else(|| unreachable!("the store is taken only when dropped"))
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if ENDS_PROCESS.load(Ordering::Relaxed) {
            std::mem::forget(self.0.take());
        }
    }
}

/// How a command that changes the file waits for another process's lock: after a second it
/// says so on stderr, naming the process, and after ten it gives up with an error.
pub(crate) fn patience(path: &std::path::Path) -> store::Patience {
    let file = sanitize(&path.display().to_string());
    store::Patience::default().on_wait(move |pid| {
        let holder = pid.map_or(String::new(), |pid| format!("PID {pid} "));
        eprintln!(
            "trustladder: waiting for another trustladder process… ({holder}holds the lock on {file}; giving up after {} s)",
            store::GIVE_UP_AFTER.as_secs()
        );
    })
}

/// Parses the arguments and runs; the exit code follows the usual convention (2 for usage,
/// 1 for any other error).
pub fn main() -> ExitCode {
    // A shell asking for completions (through the script `completions` prints) is answered
    // here, before anything else is read or printed.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(shell::COMPLETE_VAR)
        .complete();
    // Plain styles: clap's messages then hold no escape codes of their own, and any in them
    // came from what was typed (see `clap_exit`).
    let parsed = Cli::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
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
        return clap_exit(
            &Cli::command().styles(clap::builder::Styles::plain()).error(
                clap::error::ErrorKind::ArgumentConflict,
                "--demo opens the terminal UI on sample data and takes no command",
            ),
        );
    }
    ENDS_PROCESS.store(true, Ordering::Relaxed);
    // `status` keeps exit code 1 for "something is overdue", so its errors exit with 2.
    let status = matches!(command, Command::Status(_));
    match run(
        command,
        &Context { path, today },
        &mut std::io::stdout().lock(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Attention(text)) => {
            print!("{text}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}", e.line());
            ExitCode::from(if status { 2 } else { e.exit_code() })
        }
    }
}

/// Prints clap's own message (a usage error, or the help or version asked for) and gives its
/// exit code (2 for a usage error). Its text quotes what was typed, so every line goes through
/// the same sanitizing as every other message: an argument holding escape sequences is shown,
/// never obeyed by the terminal. The text is plain, without clap's colours.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let text = e.render().ansi().to_string();
    let clean: Vec<String> = text.lines().map(sanitize).collect();
    let clean = clean.join("\n");
    // A closed pipe (`--help | head`) is the reader's choice, not an error of ours.
    let _ = if e.use_stderr() {
        writeln!(std::io::stderr(), "{clean}")
    } else {
        writeln!(std::io::stdout(), "{clean}")
    };
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
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
        Command::Status(a) => status::run(&a, ctx),
        Command::Completions(a) => return shell::completions(&a, out),
        Command::Man => return shell::man(out),
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
