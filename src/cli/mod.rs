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
mod config;
mod dates;
mod error;
mod export;
mod import;
mod json;
mod list;
mod maintenance;
mod man;
mod mistakes;
mod people;
mod prep;
mod private;
mod promises;
mod review;
mod shell;
mod status;
mod sync;
mod table;
mod typed;

use std::io::Write;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches};

pub use args::Cli;
use args::Command;
use dates::{dates, with_date_table};
pub use error::CliError;
use mistakes::clap_exit;
use typed::{given_twice, help_args, help_day};

use crate::core::dates::{RANGE, parse_due, parse_past_date, parse_today};
use crate::core::text::sanitize;
use crate::store::{self, Store};

/// What every command needs besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// The data file.
    pub path: PathBuf,
    /// The day the command acts as if it were.
    pub today: NaiveDate,
    /// Whether `today` is a past day given with `--today`: the ledger is then shown as it
    /// stood that day ([`Context::shown`]).
    pub looking_back: bool,
    /// The config file, or why there is nowhere to look for one.
    pub config: Result<crate::config::Location, String>,
    /// How many columns the terminal shows when the output goes to one, which prose is wrapped
    /// to; `None` when it goes to a pipe or a file, whose lines are left whole. Looked up by
    /// [`Context::width`] the first time a command asks, so the commands that print no table
    /// or prose do not; set it to start with to decide for the command.
    pub width: std::sync::OnceLock<Option<usize>>,
    /// Whether the note that there is no data file was said as the file was read: a command
    /// that then fails says it once, not again after its error.
    pub missing_noted: std::sync::OnceLock<()>,
}

impl Context {
    /// The terminal's width for wrapping, when the output goes to a terminal that has one.
    fn width(&self) -> Option<usize> {
        *self.width.get_or_init(terminal_width)
    }

    /// Opens the data file (a missing one reads as empty and is not created) for the one
    /// command this process runs (see [`Store::open_once`]). Opening never waits for the lock;
    /// a change that does says so on stderr (see [`patience`]).
    fn open(&self) -> Result<Opened, CliError> {
        Ok(waiting(Store::open_once(&self.path)?))
    }

    /// Opens the data file for a command that only reads, into memory of the process's own
    /// and never mapped: a file cut short under a mapping ends the process with exit 1, which
    /// for `status` means "something is overdue". A file from a newer trustladder is still
    /// shown, with a note on stderr that this version may not understand all of it.
    fn read(&self) -> Result<Opened, CliError> {
        self.noted(waiting(Store::open(&self.path)?))
    }

    /// The colleague `query` names in the ledger `shown` on the day shown; looking back at a
    /// day before they were added (in `ledger`, the file as it is), said as such, not as no
    /// one of that name.
    pub(crate) fn find_shown(
        &self,
        shown: &crate::core::Ledger,
        ledger: &crate::core::Ledger,
        query: &str,
    ) -> Result<crate::core::PersonId, CliError> {
        let found = shown.find_person(query);
        // Looking back, a name no one had then may name people added since: said so, not
        // "no person matches". Every person the whole ledger finds is one the day shown
        // lacks (the day shown would have found them), so each was added after it. The
        // --today that shows them is named, from the day the first of them was added.
        if let Err(crate::core::LedgerError::UnknownPerson { .. }) = found
            && self.looking_back
        {
            let later = match ledger.find_person(query) {
                Ok(id) => ledger
                    .person(id)
                    .filter(|p| p.created > self.today)
                    .map(|p| {
                        format!(
                            "{} was added on {}, after the day shown ({}): nothing of theirs is there to show then; --today {} or a later day shows them",
                            sanitize(&p.name),
                            p.created,
                            self.today,
                            p.created
                        )
                    }),
                Err(crate::core::LedgerError::AmbiguousPerson {
                    query, candidates, ..
                }) => {
                    // Each candidate is said as `handle (Name)`, and a handle finds its person.
                    let first = (candidates.iter())
                        .filter_map(|c| c.split(" (").next())
                        .filter_map(|handle| ledger.find_person(handle).ok())
                        .filter_map(|id| ledger.person(id).map(|p| p.created))
                        .min()
                        .map(|day| format!("; --today {day} or a later day shows the first of them"))
                        .unwrap_or_default();
                    Some(format!(
                        "'{}' could mean {}, each added after the day shown ({}): nothing of theirs is there to show then{first}",
                        crate::core::text::quoted_back(&query),
                        crate::core::ledger::a_handful(&candidates),
                        self.today
                    ))
                }
                Err(_) => None,
            };
            if let Some(message) = later {
                return Err(CliError::Usage(message));
            }
        }
        Ok(found?)
    }

    /// The ledger as a command that shows it sees it: as it stood on a past `--today`.
    pub(crate) fn shown<'a>(
        &self,
        ledger: &'a crate::core::Ledger,
    ) -> std::borrow::Cow<'a, crate::core::Ledger> {
        ledger.shown_on(self.today, self.looking_back)
    }

    /// [`Context::read`] for a command that shows the ledger and keeps none of the file's
    /// bytes (see [`Store::open_to_show`]).
    fn show(&self) -> Result<Opened, CliError> {
        self.noted(waiting(Store::open_to_show(&self.path)?))
    }

    /// An opened file, with a note on stderr when it is missing or newer than this program.
    fn noted(&self, store: Opened) -> Result<Opened, CliError> {
        if !store.path().exists() {
            // A mistyped --file should not read as an empty ledger without a word, nor a
            // ledger whose file is gone while its backups are not.
            let path = sanitize(&store.path().display().to_string());
            // Its backups left, or an encrypted ledger's key file: refused as every change
            // refuses it, in the same words (the backup to put back named first), as an empty
            // ledger read there (an export written over last night's, "no colleagues yet",
            // `status` saying "nothing overdue") would pass for the ledger. A new user, with
            // neither, reads the empty ledger.
            store.refuse_gone()?;
            stderr_line!(
                "trustladder: note: {}; the first change makes it",
                no_file(&path)
            );
            let _ = self.missing_noted.set(());
        }
        if let Some(reason) = store.read_only().filter(|_| store.is_newer()) {
            stderr_line!(
                "trustladder: note: {}: {}; showing what this version understands",
                sanitize(&store.path().display().to_string()),
                sanitize(&reason)
            );
        }
        Ok(store)
    }

    /// Reads the date of an outcome (`--on`), today when not given; a weekday is the last such
    /// day. A day after today is refused here, naming the flag (the core refuses it too, for
    /// the UI).
    fn outcome_date(&self, word: Option<&str>) -> Result<NaiveDate, CliError> {
        let Some(word) = word else {
            return Ok(self.today);
        };
        let day = parse_past_date(word, self.today)
            .map_err(|source| CliError::Date { flag: "on", source })?;
        // Named with its flag, as every other fault of a date typed is.
        if day > self.today {
            return Err(CliError::FutureDay {
                flag: "on",
                day,
                today: self.today,
                why: "an outcome cannot be recorded in the future",
            });
        }
        Ok(day)
    }

    /// Reads `--due`: `None` when not given, `Some(None)` for a word for no date (`none`,
    /// `later`, `someday`).
    fn due_date(&self, word: Option<&str>) -> Result<Option<Option<NaiveDate>>, CliError> {
        match word {
            None => Ok(None),
            Some(w) => parse_due(w, self.today)
                .map(Some)
                .map_err(|source| CliError::Date {
                    flag: "due",
                    source,
                }),
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
        // Said once the command is done, after its own output: what a conflict copy merged
        // in brought, a number that moved above all.
        if let Some(store) = self.0.as_mut() {
            for copy in store.take_merged_copies() {
                stderr_text!("{}", merged_copy_note(&copy));
            }
        }
        if ENDS_PROCESS.load(Ordering::Relaxed) {
            std::mem::forget(self.0.take());
        }
    }
}

/// Said when a conflict copy encrypted on the other machine keeps the ledger encrypted.
const SEALED_AGAIN_NOTE: &str = "trustladder: note:   the copy was encrypted, so the ledger is encrypted again (`trustladder decrypt` makes it plain)\n";

/// The note on a conflict copy a change merged in: its name, then what the merge did, a line
/// each; or on one it left where it is, with why it cannot be read.
fn merged_copy_note(copy: &store::MergedCopy) -> String {
    let report = match &copy.report {
        Ok(report) => report,
        Err(why) => {
            return format!(
                "trustladder: note: left {}, a file-sync tool's conflict copy, where it is: it cannot be read ({}), so nothing of it is merged in; `trustladder check` lists it\n",
                sanitize(&copy.name),
                sanitize(why)
            );
        }
    };
    let mut lines = report.to_string();
    if lines.ends_with('\n') {
        lines.pop();
    }
    let mut out = format!(
        "trustladder: note: merged {}, a file-sync tool's conflict copy, and moved it to backups/:\n",
        sanitize(&copy.name)
    );
    for line in lines.lines() {
        out.push_str(&format!("trustladder: note:   {line}\n"));
    }
    if copy.sealed_again {
        out.push_str(SEALED_AGAIN_NOTE);
    }
    out
}

/// The line after a delete that names the restore undoing it: the backup its save kept of
/// the file before, by name, which no later save moves (`restore-backup 1` names another
/// backup once anything else is saved). Nothing where the save kept none.
fn undone_by(backup: Option<String>) -> String {
    backup.map_or_else(String::new, |name| {
        format!(
            "`trustladder restore-backup {}` undoes it\n",
            sanitize(&crate::core::text::shell_word(&name))
        )
    })
}

/// `store`, opened for a command, with the patience its change waits for the lock with.
fn waiting(mut store: Store) -> Opened {
    store.set_patience(patience(store.path()));
    Opened(Some(store))
}

/// How a command that changes the file waits for another process's lock: after a second it
/// says so on stderr, naming the process, and after ten it gives up with an error.
pub(crate) fn patience(path: &std::path::Path) -> store::Patience {
    let file = sanitize(&path.display().to_string());
    store::Patience::default().on_wait(move |pid| {
        let holder = pid.map_or("it".to_string(), |pid| format!("PID {pid}"));
        stderr_line!(
            "trustladder: waiting for another trustladder process… ({holder} holds the lock on {file}; giving up after {} s)",
            store::GIVE_UP_AFTER.as_secs()
        );
    })
}

/// Parses the arguments and runs; the exit code follows the usual convention (2 for usage,
/// 1 for any other error).
pub fn main() -> ExitCode {
    // A passphrase set on another machine opens the key file git fetched from there.
    crate::crypt::unlock::also_look_in(crate::sync::key_file_changed_there);
    // A shell asking for completions (through the script `completions` prints) is answered
    // here, before anything else is read or printed, from the words as the line will pass
    // them (`last\ f` is `last f`). Only a line as the scripts send it is such a request:
    // any other runs as typed, `COMPLETE` set or not.
    if shell::asks_for_completions(&std::env::args_os().collect::<Vec<_>>()) {
        let typed = shell::completion_words(std::env::args_os().collect());
        let here = std::env::current_dir().ok();
        match clap_complete::CompleteEnv::with_factory(Cli::command)
            .var(shell::COMPLETE_VAR)
            .try_complete(typed, here.as_deref())
        {
            Ok(true) => return ExitCode::SUCCESS,
            Ok(false) => {}
            Err(e) => e.exit(),
        }
    }
    // Plain styles: clap's messages then hold no escape codes of their own, and any in them
    // came from what was typed (see `clap_exit`).
    let args = help_args(std::env::args_os().collect());
    args::note_attached(&args);
    // The table of date words is read for a day and only `dates`' help shows it: it is made
    // only when `dates` is among the words, not on every run.
    let command = if args.iter().any(|a| a == "dates") {
        with_date_table(Cli::command(), help_day(&args))
    } else {
        Cli::command()
    };
    let mut command = command.styles(clap::builder::Styles::plain());
    let parsed = command
        .try_get_matches_from_mut(args.iter())
        .and_then(|matches| {
            given_twice(&args).map_or(Ok(matches), |flag| {
                Err(command.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("the argument '{flag}' cannot be used multiple times"),
                ))
            })
        })
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e, &args),
    };
    // `status` keeps exit code 1 for "something is overdue", so its errors exit with 2.
    let status = matches!(cli.command, Some(Command::Status(_)));
    let error_code = |e: &CliError| ExitCode::from(if status { 2 } else { e.exit_code() });
    // A bad `--today` is a bad date like any other typed: one line naming the flag, exit 1.
    let fixed_today = match cli.today.as_deref().map(parse_today).transpose() {
        Ok(day) => day,
        Err(source) => {
            let e = CliError::Date {
                flag: "today",
                source,
            };
            stderr_line!("{}", e.line());
            return error_code(&e);
        }
    };
    let now = chrono::Local::now().date_naive();
    let today = fixed_today.unwrap_or(now);
    // A past day given with `--today`: what shows the ledger shows it as it stood then.
    let looking_back = fixed_today.is_some_and(|day| day < now);
    let path = match cli
        .file
        .map_or_else(store::default_path, Ok)
        .and_then(|p| store::named_as_text(&p).map(|()| p))
    {
        Ok(p) => p,
        // These never read the ledger, so a missing data folder is no reason to refuse them.
        Err(_)
            if matches!(
                cli.command,
                Some(
                    Command::Man
                        | Command::Completions(_)
                        | Command::Dates(_)
                        | Command::Keys(_)
                        | Command::Config(_)
                )
            ) =>
        {
            PathBuf::new()
        }
        Err(e) => {
            stderr_line!("trustladder: {e}");
            return ExitCode::from(if status { 2 } else { 1 });
        }
    };
    let config = crate::config::locate(cli.config, |name| std::env::var_os(name));
    let Some(command) = cli.command else {
        // The sample team's year of promises, on a day so near an end of the calendar that
        // they fall outside it, could not be written to its throwaway file, whose path was
        // all the error named.
        let (first, last) = crate::core::demo::days();
        if cli.demo && !(first..=last).contains(&today) {
            stderr_line!(
                "trustladder: --demo: the sample team spans the {} days before today and {} \
                 after, which {today} puts outside the years 1 to 9999 ({RANGE}); give a \
                 --today from {first} to {last}",
                crate::core::demo::BEFORE,
                crate::core::demo::AFTER
            );
            return ExitCode::FAILURE;
        }
        if let Some(message) = no_terminal() {
            stderr_line!("trustladder: {message}");
            return ExitCode::FAILURE;
        }
        return match crate::tui::run(crate::tui::Launch {
            path,
            today: fixed_today,
            looking_back,
            demo: cli.demo,
            config: config.ok(),
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                stderr_line!("trustladder: {e}");
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
            &[],
        );
    }
    ENDS_PROCESS.store(true, Ordering::Relaxed);
    let ctx = Context {
        path,
        today,
        looking_back,
        config,
        width: std::sync::OnceLock::new(),
        missing_noted: std::sync::OnceLock::new(),
    };
    let mut stdout = std::io::stdout().lock();
    let out: &mut dyn Write = if STDOUT_CLOSED.load(Ordering::Relaxed) {
        &mut ClosedStdout
    } else {
        &mut stdout
    };
    match run(command, &ctx, out) {
        Ok(()) => ExitCode::SUCCESS,
        // Printed as every command's output is: a full disk is an error (2 for `status`),
        // a reader that stopped early is not.
        Err(CliError::Attention(text)) => match emit(out, text.as_bytes()) {
            Ok(()) | Err(CliError::ReaderGone(_)) => ExitCode::from(1),
            Err(e) => {
                stderr_line!("{}", e.line());
                error_code(&e)
            }
        },
        Err(e) => {
            // "no promise #1" where there is no file at all: a mistyped --file, more likely.
            // Said once: a command that shows the ledger said so as it read it. Said before
            // the error, as that note is, so the error is the last line, where it is looked
            // for.
            if matches!(&e, CliError::Store(store::StoreError::Ledger(_)))
                && !ctx.path.exists()
                && ctx.missing_noted.get().is_none()
            {
                stderr_line!(
                    "trustladder: note: {}",
                    no_file(&sanitize(&ctx.path.display().to_string()))
                );
            }
            stderr_line!("{}", e.line());
            // Locked past an agent that could not be asked, in a command that asks nothing
            // (`status`): "run `trustladder unlock` first" alone sent the user to an `unlock`
            // that fails on it.
            if matches!(
                &e,
                CliError::Store(store::StoreError::Crypt {
                    source: crate::crypt::CryptError::Locked,
                    ..
                })
            ) && let Some(fault) = crate::crypt::unlock::agent_fault()
            {
                stderr_line!("trustladder: note: {}", sanitize(&fault));
            }
            if let Some(note) = synced_copy_note(&e, &ctx.path) {
                stderr_line!("{note}");
            }
            error_code(&e)
        }
    }
}

/// That there is no data file at `path` (as printed), with the likelier fault than a ledger
/// not begun: a mistyped path.
fn no_file(path: &str) -> String {
    format!(
        "there is no data file at {path} yet (is --file or {} right?)",
        store::FILE_ENV
    )
}

/// Why the terminal UI cannot open here, if it cannot: it draws on standard output and reads
/// keys from standard input, so both must be a terminal. Run from a script, a pipe or a cron
/// job, the person is told what to run instead, rather than the terminal library's "No such
/// device or address".
fn no_terminal() -> Option<String> {
    use std::io::IsTerminal;
    let term = std::env::var("TERM").ok();
    let emacs = std::env::var("INSIDE_EMACS").ok();
    let why = no_terminal_for(
        std::io::stdin().is_terminal() && std::io::stdout().is_terminal(),
        term.as_deref(),
        emacs.as_deref(),
    )?;
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    Some(format!(
        "{why}; give a command instead ({}), or see `trustladder --help`",
        commands.join(", ")
    ))
}

/// [`no_terminal`]'s reason, for a terminal or not, the `TERM` it names and `INSIDE_EMACS`:
/// a dumb terminal (`TERM=dumb`, or `emacs`, or empty) is one, but one that cannot move the
/// cursor, so the screen would come out as a stream of escape codes. So is an Emacs shell
/// buffer (`INSIDE_EMACS` naming `comint` or `eshell`), whatever `TERM` it passes on; Emacs's
/// own terminals (`term`, `vterm`) draw the UI. No `TERM` at all (as on Windows) is no sign.
fn no_terminal_for(
    terminal: bool,
    term: Option<&str>,
    inside_emacs: Option<&str>,
) -> Option<String> {
    const UI: &str = "without a command trustladder opens its terminal UI";
    if !terminal {
        return Some(format!(
            "{UI}, which needs a terminal on standard input and output"
        ));
    }
    let shell_buffer = inside_emacs.is_some_and(|value| {
        value
            .split(',')
            .any(|part| part == "comint" || part == "eshell")
    });
    // A terminal that names itself (xterm, a tmux started from an Emacs shell buffer) draws
    // the UI, whatever INSIDE_EMACS it inherited: the buffer is told by a TERM of dumb or
    // emacs, or none.
    let named = term.is_some_and(|t| !matches!(t, "" | "dumb" | "emacs"));
    let which = match (term, inside_emacs) {
        (_, Some(value)) if shell_buffer && !named => {
            format!("an Emacs shell buffer, INSIDE_EMACS={value}")
        }
        (Some(""), _) => "TERM is empty".to_string(),
        (Some(name @ ("dumb" | "emacs")), _) => format!("TERM={name}"),
        _ => return None,
    };
    Some(format!(
        "{UI}, which this terminal ({which}) cannot draw: it moves the cursor about the screen"
    ))
}

/// Runs one subcommand, writing what it prints to `out` only once it has succeeded. When
/// that output cannot be written after the command changed the data file (a full disk, a
/// reader gone, standard output closed), the error says the change was saved, so nobody runs
/// it again and nobody takes it for a change never made; a reader gone from a command that
/// only shows is its choice, and no error.
pub fn run(command: Command, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    // The store's own way to tell that the file was saved since.
    let before = crate::store::Stamp::read(&ctx.path).ok();
    // A mistyped --file or TRUSTLADDER_FILE would otherwise start a second ledger without a
    // word, as the reading commands' note is not seen by a change. `sync clone` and
    // `restore-backup` name the file they made on stdout, and neither starts a ledger.
    let starts =
        !ctx.path.exists() && !matches!(command, Command::Sync(_) | Command::RestoreBackup(_));
    let done = match run_command(command, ctx, out) {
        Err(CliError::Write(why) | CliError::ReaderGone(why))
            if crate::store::Stamp::read(&ctx.path).ok() != before =>
        {
            Err(CliError::WriteAfterChange(why))
        }
        Err(CliError::ReaderGone(_)) => Ok(()),
        done => done,
    };
    // On stderr, as every note is, so a script reading stdout reads what it did before; said
    // before any error, which stays the last line.
    if starts && ctx.path.exists() {
        stderr_line!(
            "trustladder: note: started a new ledger at {}",
            sanitize(&ctx.path.display().to_string())
        );
    }
    done
}

fn run_command(command: Command, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
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
        Command::List(a) => return list::run(&a, ctx, out),
        Command::Agenda(a) => agenda::run(a.json, ctx),
        Command::Review(a) => return review::run(&a, ctx, out),
        Command::Prep(a) => return prep::run(&a, ctx, out),
        Command::Export(a) => return export::run(&a, ctx, out),
        Command::Import(cmd) => return import::run(cmd, ctx, out),
        // `check` prints its report even when it then fails on a damaged file, and a restore
        // that happened is reported even if the reader has gone: both print what they have.
        Command::Check(a) => {
            let mut report = Vec::new();
            let checked = maintenance::check(&ctx.path, a.json, ctx.width(), &mut report);
            let written = emit(out, &report);
            checked?;
            return written;
        }
        Command::Sync(a) => sync::run(a, ctx),
        Command::Status(a) => status::run(&a, ctx),
        Command::Completions(a) => return shell::completions(&a, out),
        Command::Man => return shell::man(out),
        Command::Dates(a) => dates(&a, ctx),
        Command::Encrypt(a) => private::encrypt(&a, ctx),
        Command::Decrypt(a) => private::decrypt(&a, ctx),
        Command::Passphrase => private::passphrase(ctx),
        Command::Recover(a) => private::recover(&a, ctx),
        Command::Unlock(a) => private::unlock(&a, ctx),
        Command::Lock => private::lock(ctx),
        Command::Keys(a) => config::keys(a.json, ctx),
        // Like `check`, the report is printed even when the file has errors.
        Command::Config(cmd) => {
            let mut report = Vec::new();
            let done = config::run(&cmd, ctx, &mut report);
            let written = emit(out, &report);
            done?;
            return config::said(&cmd, ctx, written);
        }
        Command::MergeDriver(a) => sync::merge_driver(&a),
        Command::Textconv(a) => return sync::textconv(&a, out),
        Command::Agent(a) => {
            crate::crypt::agent::serve(&a.dir, std::time::Duration::from_secs(a.idle))?;
            Ok(String::new())
        }
        Command::RestoreBackup(a) => {
            let mut report = Vec::new();
            let restored = maintenance::restore_backup(
                &ctx.path,
                &a.backup,
                a.force,
                ctx.width(),
                &mut report,
            );
            let written = emit(out, &report);
            restored?;
            return written;
        }
    }?;
    emit(out, text.as_bytes())
}

/// Where the data file that does not read is one git tracks (a synced folder), what to know
/// of it ([`crate::sync::damaged_note`], in the words the UI says it too), as a note.
fn synced_copy_note(e: &CliError, path: &std::path::Path) -> Option<String> {
    let store = match e {
        CliError::Store(e) | CliError::Sync(crate::sync::SyncError::Store(e)) => e,
        _ => return None,
    };
    crate::sync::damaged_note(store, path).map(|note| format!("trustladder: note: {note}"))
}

/// The terminal's width when standard output is one whose width is known and is at least
/// [`NARROWEST`] columns. A terminal that says nothing of its width (a pseudo-terminal with no
/// size, as `script` or `docker exec -t` give before a resize, answers 0), or one narrower
/// than that, gets whole lines to break as it breaks them.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    usable_width(columns)
}

/// The width a terminal of `columns` columns gets its prose wrapped to, if any.
fn usable_width(columns: u16) -> Option<usize> {
    Some(usize::from(columns)).filter(|columns| *columns >= NARROWEST)
}

/// The narrowest terminal prose is wrapped for: narrower, an indented line has no room left.
const NARROWEST: usize = 20;

/// Writes what a command prints. A closed pipe (`| head`) is the reader's choice, not an
/// error of ours; any other failure (a full disk under `>`) is, and fails the command, so a
/// script never takes a cut-off output for a whole one.
pub(crate) fn emit(out: &mut dyn Write, bytes: &[u8]) -> Result<(), CliError> {
    emitted(out.write_all(bytes).and_then(|()| out.flush()))
}

/// What writing a command's output came to, as [`emit`] takes it: a reader gone is told
/// apart from a full disk, as [`run`] takes it quietly only where nothing was saved.
pub(crate) fn emitted(written: std::io::Result<()>) -> Result<(), CliError> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(CliError::ReaderGone(e.to_string()))
        }
        Err(e) => Err(CliError::Write(e.to_string())),
    }
}

/// Whether standard output was closed when the process started (`>&-`): set before `main`
/// by the binary, which looks before the Rust runtime puts /dev/null in its place.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Records that standard output was closed when the process started. Called by the binary
/// before `main`; a change made so would otherwise print its report to the /dev/null the
/// runtime opened there, exit 0 and say nothing, so nobody could tell it was saved.
pub fn stdout_closed_at_start(closed: bool) {
    STDOUT_CLOSED.store(closed, Ordering::Relaxed);
}

/// Standard output when it was closed at the start: every write fails, saying so, as a full
/// disk's do.
struct ClosedStdout;

impl Write for ClosedStdout {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("standard output is closed"))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_that_says_no_width_or_too_narrow_a_one_gets_whole_lines() {
        assert_eq!(
            usable_width(0),
            None,
            "a pseudo-terminal with no size says 0"
        );
        assert_eq!(usable_width(19), None);
        assert_eq!(usable_width(20), Some(20));
        assert_eq!(usable_width(80), Some(80));
    }

    /// A command's change maps a large file, and `status` reads it: a file cut short under a
    /// mapping ends the process with 1, which for `status` means "something is overdue".
    #[test]
    fn a_change_maps_a_large_file_and_status_reads_it() {
        let day = crate::core::dates::parse_iso("2026-11-24").expect("a day");
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("team.json");
        let ledger = crate::core::generate::realistic(20, 2_000, day, 5);
        std::fs::write(&path, crate::store::encode(&ledger)).expect("written");
        assert!(std::fs::metadata(&path).expect("there").len() >= 256 * 1024);
        let ctx = Context {
            path,
            today: day,
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(None),
            missing_noted: std::sync::OnceLock::new(),
        };
        let mapped = || crate::store::mapped::MAPPED_HERE.with(std::cell::Cell::get);
        let before = mapped();
        assert!(ctx.read().is_ok());
        assert_eq!(mapped(), before, "read");
        assert!(ctx.open().is_ok());
        assert_eq!(mapped(), before + 1, "opened for a change");
    }

    /// A team whose rows are as wide as a team's get: a long handle, promises numbered past
    /// 100, one 115 days overdue, a colleague archived with one open and overdue; in `dir`.
    fn wide_team(dir: &std::path::Path) -> PathBuf {
        use crate::core::change::{Moment, NewPromise};
        use crate::core::{Direction, Level, Status};
        let day = |d| crate::core::dates::parse_iso(d).expect("a day");
        let path = dir.join("wide.json");
        let m = Moment::fixed(day("2026-11-24"), "wide");
        let mut store = Store::open(&path).expect("opens");
        store
            .update(|l| {
                let alexandra = l.add_person("Alexandra Petrova", "Staff engineer", "", m)?;
                let bo = l.add_person("Bo", "", "", m)?;
                let old = l.add_person("Old Colleague", "", "", m)?;
                let made = day("2026-07-01");
                for n in 1..=100 {
                    let kept = NewPromise {
                        outcome: Some((Status::Kept, day("2026-11-01"))),
                        ..NewPromise::task(bo, &format!("Task {n}"), made)
                    };
                    l.add_promise(kept, m)?;
                }
                let what = "Send the migration plan to the whole platform team";
                for (who, what, due, level, direction) in [
                    (
                        alexandra,
                        what,
                        "2026-08-01",
                        Level::Task,
                        Direction::Theirs,
                    ),
                    (
                        bo,
                        "Review the write-up",
                        "2026-11-24",
                        Level::Task,
                        Direction::Mine,
                    ),
                    (
                        alexandra,
                        "Own billing",
                        "2026-12-24",
                        Level::Result,
                        Direction::Theirs,
                    ),
                    (
                        old,
                        "Hand over the runbooks",
                        "2026-11-01",
                        Level::Task,
                        Direction::Theirs,
                    ),
                ] {
                    let promise = NewPromise {
                        due: Some(day(due)),
                        level,
                        direction,
                        ..NewPromise::task(who, what, made)
                    };
                    l.add_promise(promise, m)?;
                }
                l.set_archived(old, true, m)
            })
            .expect("saved");
        path
    }

    /// What `args` print for the ledger at `path` on a terminal `width` wide (`None`: a pipe).
    fn shown_at(path: &std::path::Path, width: Option<usize>, args: &[&str]) -> String {
        shown_on(path, "2026-11-24", width, args)
    }

    /// [`shown_at`] on the day `today`.
    fn shown_on(
        path: &std::path::Path,
        today: &str,
        width: Option<usize>,
        args: &[&str],
    ) -> String {
        let cli = <Cli as clap::Parser>::try_parse_from(["trustladder"].iter().chain(args));
        let command = cli.ok().and_then(|cli| cli.command).expect("a command");
        let ctx = Context {
            path: path.to_path_buf(),
            today: crate::core::dates::parse_iso(today).expect("a day"),
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(width),
            missing_noted: std::sync::OnceLock::new(),
        };
        let mut out = Vec::new();
        if let Err(e) = run(command, &ctx, &mut out) {
            panic!("{args:?}: {e:?}");
        }
        String::from_utf8(out).expect("UTF-8")
    }

    /// At 40 columns `agenda` (43 wide), `list` (45) and `person list --all` (49) still ran
    /// past the edge with every column they may do without left out. `list` now leaves out
    /// DUE too (STATUS says overdue), `person list` OPEN, OVERDUE and ARCHIVED (`review`
    /// gives the counts), and where that is not enough the person beside a promise's ID is
    /// cut short with `…`: every line fits 40 columns and 30, the IDs and handles a command
    /// takes whole.
    #[test]
    fn the_tables_fit_forty_columns_and_thirty() {
        use crate::core::text::columns;
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        for args in [
            &["agenda"][..],
            &["list"],
            &["list", "--all"],
            &["person", "list"],
            &["person", "list", "--all"],
        ] {
            for width in [40, 30] {
                let shown = shown_at(&path, Some(width), args);
                for line in shown.lines() {
                    assert!(
                        columns(line) <= width,
                        "{args:?} {width}: {line:?}\n{shown}"
                    );
                }
                // What a command takes to act on a row is there whole.
                let whole: &[&str] = match args[0] {
                    "person" => &["\nalexandra-petrova  ", "\nbo  "],
                    _ => &["#101  ", "#102  ", "#103  "],
                };
                for id in whole {
                    assert!(shown.contains(id), "{args:?} {width}: {id}\n{shown}");
                }
            }
        }
        let agenda = shown_at(&path, Some(40), &["agenda"]);
        assert!(
            agenda.starts_with(
                "Overdue (1 theirs, 0 mine)\n    ID  PERSON          WHEN\n  #101  alexandra-pet…  115 days overdue\n        Send the migration plan to the\n        whole platform team\n"
            ),
            "{agenda}"
        );
        // Cut only where the table needs it: the later group has room for the whole handle.
        assert!(
            agenda.contains("\n  #103  alexandra-petrova  in 30 days\n"),
            "{agenda}"
        );
        let agenda = shown_at(&path, Some(30), &["agenda"]);
        assert!(
            agenda.contains("\n    ID  PER…  WHEN\n  #101  ale…  115 days overdue\n"),
            "{agenda}"
        );
        let list = shown_at(&path, Some(40), &["list", "--all"]);
        assert!(
            list.ends_with(
                "#104  old-colleague      overdue\n      Hand over the runbooks\n(Left out at this width: WHOSE, LEVEL,\nMADE, DUE and RESOLVED.)\n"
            ),
            "{list}"
        );
        let list = shown_at(&path, Some(30), &["list"]);
        assert!(
            list.contains("\n#101  alexandra-petr…  overdue\n      Send the migration plan\n"),
            "{list}"
        );
        assert!(list.contains("\n#100  bo               kept\n"), "{list}");
        let people = shown_at(&path, Some(40), &["person", "list", "--all"]);
        assert!(
            people.starts_with(
                "HANDLE             LEVEL  ARCHIVED\nalexandra-petrova  none\n                   1 overdue, 115 days\nbo                 task\nold-colleague      none   yes\n"
            ),
            "{people}"
        );
        let people = shown_at(&path, Some(30), &["person", "list", "--all"]);
        assert!(
            people.starts_with("HANDLE             LEVEL\nalexandra-petrova  none\n"),
            "{people}"
        );
        assert!(people.contains("LAST and\nARCHIVED.)\n"), "{people}");
        // To a pipe every column is there and every line whole, as before.
        let piped = shown_at(&path, None, &["list"]);
        assert!(
            piped.contains("\n#101  alexandra-petrova  theirs  task    overdue  2026-07-01  2026-08-01  -           Send the migration plan to the whole platform team\n"),
            "{piped}"
        );
    }

    /// At 20 columns, the narrowest wrapped for, `review`'s label `  My credibility with
    /// them:` (27 wide) stood on a line of its own past the edge, and so did its legend's
    /// heading (25) and `agenda`'s group headings (`This week (0 theirs, 0 mine)`, 28) and
    /// `  nobody past their cadence` (27): each is now wrapped between words.
    #[test]
    fn labels_and_headings_wrap_at_twenty_columns() {
        use crate::core::text::columns;
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        // Last logged with 23 days before: not past a cadence of four weeks.
        shown_at(&path, None, &["person", "edit", "bo", "--every", "4w"]);
        let review = shown_at(&path, Some(20), &["review", "bo"]);
        assert!(
            review.contains("\n  My credibility\n    with them:\n    "),
            "{review}"
        );
        assert!(
            review.contains("\nHow the figures are\nmade:\n- "),
            "{review}"
        );
        let agenda = shown_at(&path, Some(20), &["agenda"]);
        assert!(
            agenda.contains("\nThis week (0 theirs,\n0 mine)\n  nothing\n"),
            "{agenda}"
        );
        assert!(
            agenda.contains("\nKeep in touch (0)\n  nobody past their\n  cadence\n"),
            "{agenda}"
        );
        // Outside the tables, documented to be as narrow as they go, every line fits.
        for shown in [&review, &agenda] {
            for line in shown.lines().filter(|l| !l.starts_with("  ")) {
                assert!(columns(line) <= 20, "{line:?}\n{shown}");
            }
        }
        // To a pipe each is whole.
        let piped = shown_at(&path, None, &["review", "bo"]);
        assert!(piped.contains("\n  My credibility with them: "), "{piped}");
        assert!(piped.contains("\nHow the figures are made:\n"), "{piped}");
    }

    /// A handle longer than the room left beside LEVEL (24 columns at 30) ran `person list`
    /// past the edge, and the agenda's Keep in touch table with it, where every other
    /// column had given way: the handle is now cut with `…` as `list` cuts its PERSON, only
    /// where it does not fit, what is left of it the start of the handle commands take.
    #[test]
    fn a_long_handle_is_cut_to_fit_forty_columns_and_thirty() {
        use crate::core::text::columns;
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        let long = "Alexandrina Konstantinopoulou-Papadimitriou";
        let handle = shown_at(&path, None, &["person", "add", long]);
        assert_eq!(handle, "alexandrina-konstantinopoulou-papadimitriou\n");
        shown_at(
            &path,
            None,
            &["person", "edit", "alexandrina", "--every", "1w"],
        );
        let today = "2027-01-30";
        for width in [40, 30] {
            for args in [&["person", "list"][..], &["agenda"]] {
                let shown = shown_on(&path, today, Some(width), args);
                for line in shown.lines() {
                    assert!(
                        columns(line) <= width,
                        "{args:?} {width}: {line:?}\n{shown}"
                    );
                }
            }
        }
        let people = shown_on(&path, today, Some(30), &["person", "list"]);
        assert!(
            people.contains("\nbo                       task\nalexandrina-konstantin…  none\n"),
            "{people}"
        );
        let people = shown_on(&path, today, Some(40), &["person", "list"]);
        assert!(
            people.contains("\nalexandrina-konstantinopoulou-pa…  none\n"),
            "{people}"
        );
        let agenda = shown_on(&path, today, Some(30), &["agenda"]);
        assert!(
            agenda.contains("\n  alexandrina-konstantinopoul…\n      67 days (60 days over)\n"),
            "{agenda}"
        );
        // To a pipe the handle is whole.
        let piped = shown_on(&path, today, None, &["person", "list"]);
        assert!(
            piped.contains("\nalexandrina-konstantinopoulou-papadimitriou  "),
            "{piped}"
        );
    }

    /// A handle too wide was cut at its end, so a second person of a name lost the number
    /// that tells their handle from the first's (`alexandrina-konstantin…` for both) in
    /// `person list`, `list` and `review`'s heading: cut in its middle now, as the UI cuts
    /// it, the number stays.
    #[test]
    fn a_handle_cut_to_fit_keeps_its_number() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        let long = "Alexandrina Konstantinopoulou-Papadimitriou";
        shown_at(&path, None, &["person", "add", long]);
        let second = shown_at(&path, None, &["person", "add", long, "--again"]);
        assert_eq!(second, "alexandrina-konstantinopoulou-papadimitriou-2\n");
        let handle = second.trim_end();
        shown_at(
            &path,
            None,
            &["log", handle, "Ship it", "--on", "2026-11-20"],
        );
        let people = shown_at(&path, Some(30), &["person", "list"]);
        assert!(
            people.contains("\nalexandrina-konstantin…  none\nalexandrina-konstant…-2  none\n"),
            "{people}"
        );
        let list = shown_at(&path, Some(30), &["list"]);
        assert!(list.contains("\n#105  alexandrina-…-2  kept\n"), "{list}");
        let review = shown_at(&path, Some(30), &["review", handle]);
        assert!(
            review.starts_with(
                "Alexandrina\n  Konstantinopoulou-Papadimit…\n  (alexandrina-konstantin…-2)\n"
            ),
            "{review}"
        );
        // To a pipe the handle is whole.
        let piped = shown_at(&path, None, &["person", "list"]);
        assert!(piped.contains(&format!("\n{handle}  ")), "{piped}");
    }

    /// A backup's name in `check` (`trustladder.json.000001.20261204T221135Z`, 40 wide) is
    /// one word, which the report's wrapping never splits: at 30 and 40 columns it ran past
    /// the edge. It is now cut with `…` at the edge (its number, which `restore-backup`
    /// takes, whole), and a restore's tag goes on the line under it.
    #[test]
    fn check_cuts_a_backup_name_to_fit_forty_columns_and_thirty() {
        use crate::core::text::columns;
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("trustladder.json");
        shown_at(&path, None, &["person", "add", "Ann"]);
        shown_at(&path, None, &["person", "add", "Bob"]);
        shown_at(&path, None, &["restore-backup", "1"]);
        for width in [40, 30] {
            let shown = shown_at(&path, Some(width), &["check"]);
            // The folder's path, one word too, is the test machine's.
            let folder = dir.path().display().to_string();
            for line in shown.lines().filter(|line| !line.contains(&folder)) {
                assert!(columns(line) <= width, "{width}: {line:?}\n{shown}");
            }
            assert!(
                shown.contains("\n       [replaced by a restore]\n"),
                "{width}\n{shown}"
            );
        }
        let shown = shown_at(&path, Some(30), &["check"]);
        assert!(
            shown.contains("\n    1  trustladder.json.00000…\n       20"),
            "{shown}"
        );
        let shown = shown_at(&path, Some(40), &["check"]);
        assert!(
            shown.contains("\n    1  trustladder.json.000001.20"),
            "{shown}"
        );
        // To a pipe the names are whole.
        let piped = shown_at(&path, None, &["check"]);
        assert!(
            piped.contains("\n    1  trustladder.json.000001.")
                && piped.contains("Z  ")
                && !piped.contains('…'),
            "{piped}"
        );
    }

    /// `import`'s summary was printed in whole lines whatever the terminal (80 columns for a
    /// task matched by a name's words), so at 30 columns the terminal broke them anywhere; it
    /// now wraps as `check`'s report does, each line's later lines further in, and to a pipe
    /// every line is whole.
    #[test]
    fn the_import_summary_fits_thirty_columns() {
        use crate::core::text::columns;
        let export = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/taskwarrior/export.json"
        );
        let args = [
            "import",
            "taskwarrior",
            export,
            "--person-from",
            "project",
            "--skip-bad",
        ];
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        let dry: Vec<&str> = args.iter().copied().chain(["--dry-run"]).collect();
        let shown = shown_on(&path, "2026-12-04", Some(30), &dry);
        for line in shown.lines() {
            assert!(columns(line) <= 30, "{line:?}\n{shown}");
        }
        assert!(
            shown.contains("\n  skipped task 3: the template\n    of a recurring task (its\n    instances are imported)\n"),
            "{shown}"
        );
        let piped = shown_on(&path, "2026-12-04", None, &dry);
        assert!(
            piped.contains("\n  skipped task 3: the template of a recurring task (its instances are imported)\n"),
            "{piped}"
        );
        let done = shown_on(&path, "2026-12-04", Some(30), &args);
        for line in done.lines() {
            assert!(columns(line) <= 30, "{line:?}\n{done}");
        }
        assert!(
            done.contains("\nImported 7 promises and added\n  3 people.\n"),
            "{done}"
        );
    }

    /// The agenda's Keep in touch table left nothing out: at 30 columns its rows ran past
    /// the edge (40, and 54 for a colleague never logged with, `never (added …)`). LAST and
    /// then EVERY now go where it does not fit, as SINCE gives both, and the agenda's last
    /// line names them with the rest; the handle stays whole where it fits.
    #[test]
    fn the_keep_in_touch_table_fits_forty_columns_and_thirty() {
        use crate::core::text::columns;
        let dir = tempfile::tempdir().expect("a folder");
        let path = wide_team(dir.path());
        shown_at(&path, None, &["person", "add", "Christopher Montgomery"]);
        for who in ["alexandra-petrova", "bo", "christopher-montgomery"] {
            shown_at(&path, None, &["person", "edit", who, "--every", "1w"]);
        }
        let today = "2027-01-30";
        let piped = shown_on(&path, today, None, &["agenda"]);
        assert!(
            piped.contains("\n  christopher-montgomery  never (added 2026-11-24)  7 days  67 days (60 days over)\n"),
            "{piped}"
        );
        for width in [40, 30] {
            let shown = shown_on(&path, today, Some(width), &["agenda"]);
            for line in shown.lines() {
                assert!(columns(line) <= width, "{width}: {line:?}\n{shown}");
            }
            assert!(shown.contains("\n  christopher-montgomery"), "{shown}");
        }
        let shown = shown_on(&path, today, Some(40), &["agenda"]);
        assert!(
            shown.contains("\n  PERSON                  EVERY\n  alexandra-petrova       7 days\n")
                && shown
                    .contains("\n  christopher-montgomery  7 days\n      67 days (60 days over)\n"),
            "{shown}"
        );
        assert!(shown.ends_with("DUE and LAST.)\n"), "{shown}");
        let shown = shown_on(&path, today, Some(30), &["agenda"]);
        assert!(
            shown.contains("\n  PERSON\n  alexandra-petrova\n      213 days (206 days over)\n")
                && shown.contains("\n  christopher-montgomery\n      67 days (60 days over)\n"),
            "{shown}"
        );
        assert!(
            shown.ends_with("(Left out at this width:\nWHOSE, LEVEL, DUE, LAST and\nEVERY.)\n"),
            "{shown}"
        );
    }

    /// The UI opens on a terminal that can draw it, whatever it is called, or with no TERM
    /// at all; not on a dumb one (an editor's shell buffer), nor off a terminal.
    #[test]
    fn the_ui_opens_on_any_terminal_but_a_dumb_one() {
        for term in [None, Some("xterm-256color"), Some("linux"), Some("vt100")] {
            assert_eq!(no_terminal_for(true, term, None), None, "{term:?}");
        }
        // Emacs's own terminals draw it.
        for emacs in ["29.1,term:0.96", "vterm"] {
            assert_eq!(no_terminal_for(true, Some("xterm"), Some(emacs)), None);
        }
        let cannot = |which: &str| {
            format!(
                "without a command trustladder opens its terminal UI, which this terminal ({which}) cannot draw: it moves the cursor about the screen"
            )
        };
        for (term, emacs, which) in [
            (Some("dumb"), None, "TERM=dumb"),
            (Some("emacs"), None, "TERM=emacs"),
            (Some(""), None, "TERM is empty"),
            (
                Some("emacs"),
                Some("29.1,comint"),
                "an Emacs shell buffer, INSIDE_EMACS=29.1,comint",
            ),
            (
                None,
                Some("29.1,eshell"),
                "an Emacs shell buffer, INSIDE_EMACS=29.1,eshell",
            ),
        ] {
            assert_eq!(no_terminal_for(true, term, emacs), Some(cannot(which)));
        }
        // A terminal that names itself, started from a shell buffer (tmux, an xterm),
        // inherits INSIDE_EMACS and draws the UI all the same.
        assert_eq!(
            no_terminal_for(true, Some("xterm-256color"), Some("29.1,comint")),
            None
        );
        let piped = no_terminal_for(false, Some("xterm"), None).expect("refused");
        assert_eq!(
            piped,
            "without a command trustladder opens its terminal UI, which needs a terminal on standard input and output"
        );
    }
}
