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
mod error;
mod export;
mod import;
mod json;
mod list;
mod maintenance;
mod man;
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
pub use error::CliError;
use typed::{
    command_typed, given_twice, help_args, help_day, retyped, subcommand_typed, takes_text,
    words_typed,
};

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

/// `trustladder dates`: the table of words, or the day each given word means.
fn dates(a: &args::DatesArgs, ctx: &Context) -> Result<String, CliError> {
    use crate::core::dates::{DateError, Direction, words};
    use crate::core::text::{quoted_back, visibly};
    // The words take values that begin with a dash (`-3d`), so a flag after them arrives as
    // a word: `--past` is taken wherever it is, any other flag is named, not read as a date.
    let past = a.past || a.words.iter().any(|w| w == "--past");
    let words: Vec<&String> = a.words.iter().filter(|w| *w != "--past").collect();
    if let Some(flag) = words
        .iter()
        .find(|w| w.starts_with("--") || w.as_str() == "-h")
    {
        // One `dates` takes before its words (the parser took it there) is said to go there;
        // any other is no option of it, where "put it before them" would be refused again.
        let name = flag.split('=').next().unwrap_or_default();
        let taken = ["--past", "--help", "-h", "--file", "--config", "--today"];
        if !taken.contains(&name) {
            let flag = visibly(&quoted_back(flag));
            let long = taken.iter().copied().filter(|t| t.starts_with("--"));
            return Err(CliError::Usage(format!(
                "'{flag}' is no option of dates (it takes --past, and --file, --config and --today before its words){}",
                crate::core::text::did_you_mean(name, long)
            )));
        }
        return Err(CliError::Usage(format!(
            "'{flag}' comes after the date words, where it reads as one of them; put it before them (trustladder dates {flag} WORD…)"
        )));
    }
    if words.is_empty() {
        let direction = if past {
            Direction::Back
        } else {
            Direction::Ahead
        };
        // On a terminal narrower than the table, wrapped to its width, as every table and
        // paragraph the command line prints is.
        let width = ctx
            .width()
            .map_or(words::TABLE_WIDTH, |w| w.min(words::TABLE_WIDTH));
        return Ok(words::table(ctx.today, direction, width));
    }
    let read = |word: &str| {
        if past {
            parse_past_date(word, ctx.today).map(Some)
        } else {
            parse_due(word, ctx.today)
        }
    };
    // Words of one date typed apart (`dates next fri`, `dates dec 15th`): the shell split
    // them. Adjacent words that read as one date together are refused, the longest run
    // first, even where each also reads alone (`dec` and `15th` are two days, not the one
    // meant), so the words are never printed as days nobody asked for; a comma after a word
    // ends its date (`eom, +3d` reads as no one date), which is how the words are asked for
    // one by one.
    let one_date = |run: &[&String]| {
        // A blank word (an empty variable in a script) is no part of a date: said to be
        // blank, never quoted with its neighbour as if the two were one.
        if run.iter().any(|w| w.trim().is_empty()) {
            return None;
        }
        let joined = run.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
        let one = match read(&joined) {
            Ok(_) => true,
            // Words too long to be one together are none.
            Err(DateError::Bad { .. } | DateError::TooLong { .. }) => false,
            // At least one, refused (`next fri` on a Tuesday asks which Friday, `30 feb`):
            // where a word is no date word alone; words of their own (`9am`, `fri` past
            // 9999) are told what is wrong with them, and so is a typo of one (`tomorow`,
            // which quoted with the rest would be refused again).
            Err(_) => {
                let suggested: Vec<Option<bool>> = run
                    .iter()
                    .map(|w| match read(w.as_str()) {
                        Err(DateError::Bad { suggestion, .. }) => Some(suggestion.is_some()),
                        // A number is no date alone (`dec 15` typed apart).
                        Err(DateError::NumberAlone { .. }) => Some(false),
                        _ => None,
                    })
                    .collect();
                suggested.contains(&Some(false)) && !suggested.contains(&Some(true))
            }
        };
        one.then_some(joined)
    };
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        let run = (2..=4).rev().find_map(|n| {
            words
                .get(i..i + n)
                .and_then(|run| Some((run, one_date(run)?)))
        });
        if let Some((run, typed)) = run {
            let joined = visibly(&quoted_back(&typed));
            return Err(CliError::Usage(
                match run.iter().find(|w| read(w.as_str()).is_err()) {
                    Some(alone) => format!(
                        "'{}' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates '{joined}')",
                        visibly(&quoted_back(alone))
                    ),
                    // Each word reads alone too, so which was meant is the user's to say:
                    // both readings are named, and how to ask for either. A comma after a
                    // word ends its date (`eom, +3d` is no date), as in any list.
                    None => {
                        let day = read(&typed)
                            .ok()
                            .flatten()
                            .map_or_else(|| "none".to_string(), |d| d.to_string());
                        let apart = run
                            .iter()
                            .enumerate()
                            .map(|(at, w)| {
                                let w = visibly(&quoted_back(w));
                                let w = if at + 1 < run.len() {
                                    format!("{w},")
                                } else {
                                    w
                                };
                                crate::core::text::shell_word(&w)
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        format!(
                            "'{joined}' reads both as one date ({day}) and word by word: quote the words of one (trustladder dates '{joined}'), or put a comma after each word of its own (trustladder dates {apart})"
                        )
                    }
                },
            ));
        }
        match read(word) {
            // As `--on` and `--since` refuse it: a script checking a word here is told what
            // they would say.
            Ok(Some(day)) if past && day > ctx.today => {
                return Err(CliError::Usage(format!(
                    "'{}' looking back is {day}, after today ({}): a day something happened (--on, --since) cannot be one to come",
                    visibly(&quoted_back(word)),
                    ctx.today
                )));
            }
            Ok(day) => {
                out.push_str(&day.map_or_else(|| "none".to_string(), |d| d.to_string()));
                out.push('\n');
            }
            Err(e) => return Err(CliError::DateWord(e)),
        }
    }
    Ok(out)
}

/// The grammar with the table of date words, read for `today`, at the end of `dates --help`
/// (and so of `help dates`).
pub fn with_date_table(command: clap::Command, today: NaiveDate) -> clap::Command {
    command.mut_subcommand("dates", |dates| {
        dates.after_help(crate::core::dates::words::table(
            today,
            crate::core::dates::Direction::Ahead,
            crate::core::dates::words::TABLE_WIDTH,
        ))
    })
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
fn clap_exit(e: &clap::Error, args: &[std::ffi::OsString]) -> ExitCode {
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
        text = text.replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{cut}' found\n\n  tip: {tip}"),
            1,
        );
    }
    if let Some(cut) = handle_given_to_edit(e, args) {
        text = text.replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!(
                "unexpected argument '{cut}' found: a handle stays as it was made when they were added, as scripts, exports and other machines name them by it\n\n  tip: --name changes their name"
            ),
            1,
        );
    }
    if let Some((cut, typed, why, tip)) = answer_to_no_question(e, args) {
        text = text.replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{typed}' found{why}\n\n  tip: {tip}"),
            1,
        );
    }
    if let Some((cut, line)) = person_as_flag(e, args) {
        // Clap's likeness (`--json` for `--person`) is no help: the argument is.
        text = own_usage(&text, args, |part| part.starts_with("  tip: ")).replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!(
                "unexpected argument '{cut}' found: the colleague is an argument, not a flag\n\n  tip: {line}"
            ),
            1,
        );
    }
    if let Some((cut, why, tip)) = flag_of_another(e, args) {
        // Clap's likeness (`--mine` for `--since`, `'list --mine' exists` for one typed
        // before the command) is no help, nor the usage it wrote it in, nor its tip to pass
        // a flag of the program's as text.
        text = own_usage(&text, args, |part| {
            part.starts_with("  tip: a similar argument exists")
                || (part.starts_with("  tip: '") && part.ends_with("' exists"))
                || part.starts_with("  tip: to pass '")
        })
        .replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{cut}' found: {why}\n\n  tip: {tip}"),
            1,
        );
    }
    if let Some((cut, why, tip)) = flag_before_its_command(e, args) {
        // Clap's likeness (`'keep --note' exists`) names one command of those that take it.
        let tip = tip.map_or_else(String::new, |line| format!("\n\n  tip: {line}"));
        text = own_usage(&text, args, |part| part.starts_with("  tip: ")).replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{cut}' found: {why}{tip}"),
            1,
        );
    }
    if let Some(cut) = no_flag_anywhere(e, args) {
        text = text.replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!(
                "unexpected argument '{cut}' found: neither trustladder nor any of its commands takes it"
            ),
            1,
        );
    }
    if let Some((cut, why, tip)) = status_filter(e, args) {
        // Clap's likeness (`--open` for `--broken`) is the opposite of what was asked.
        text = own_usage(&text, args, |part| part.starts_with("  tip: ")).replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{cut}' found: {why}\n\n  tip: {tip}"),
            1,
        );
    }
    if let Some((cut, why, tip)) = several_ids(e, args) {
        text = text.replacen(
            &format!("unexpected argument '{cut}' found"),
            &format!("unexpected argument '{cut}' found: {why}\n\n  tip: {tip}"),
            1,
        );
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
        text = text
            .split("\n\n")
            .filter(|part| !part.starts_with("  tip: a similar argument exists"))
            .collect::<Vec<_>>()
            .join("\n\n")
            .replacen(
                &format!("unexpected argument '{cut}' found"),
                &format!(
                    "unexpected argument '{cut}' found: {} is a command, not a flag\n\n  tip: {line}",
                    &cut[2..]
                ),
                1,
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

    /// `dates` for a terminal `width` columns wide (`None`: a pipe), on 24 November 2026.
    fn dates_at(width: Option<usize>, past: bool) -> String {
        let ctx = Context {
            path: "team.json".into(),
            today: crate::core::dates::parse_iso("2026-11-24").expect("a day"),
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(width),
            missing_noted: std::sync::OnceLock::new(),
        };
        let args = args::DatesArgs {
            words: Vec::new(),
            past,
        };
        match dates(&args, &ctx) {
            Ok(text) => text,
            Err(e) => panic!("{e:?}"),
        }
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

    /// The table of date words was wrapped to 78 columns whatever the terminal, so on one of
    /// 60 or 40 columns its lines ran past the edge, where every other table and paragraph
    /// fits: it now takes a narrower terminal's width, the same words in the same order, and
    /// a pipe or a terminal of 80 columns gets it as before.
    #[test]
    fn the_date_words_fit_a_narrow_terminal() {
        use crate::core::text::columns;
        for past in [false, true] {
            let piped = dates_at(None, past);
            assert_eq!(dates_at(Some(80), past), piped);
            assert!(piped.lines().any(|l| columns(l) > 60), "{piped}");
            let words = |text: &str| -> Vec<String> {
                // The dots between examples stay within a line.
                (text.split_whitespace())
                    .filter(|w| *w != "·")
                    .map(str::to_string)
                    .collect()
            };
            for width in [60, 40, 20] {
                let shown = dates_at(Some(width), past);
                for line in shown.lines() {
                    assert!(columns(line) <= width, "{width}: {line:?}\n{shown}");
                }
                assert_eq!(words(&shown), words(&piped), "{width}\n{shown}");
            }
        }
        // An example of two days, asked which, goes on further in; a row's spellings too.
        let narrow = dates_at(Some(40), false);
        assert!(
            narrow.contains(
                "      next fri → Fri 2026-11-27 or Fri\n        2026-12-04, asked which\n"
            ),
            "{narrow}"
        );
        assert!(
            narrow.contains("\n  mon, tues, wednesday, thurs, fri,\n    sat, sun\n"),
            "{narrow}"
        );
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
