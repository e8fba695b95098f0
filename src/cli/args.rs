//! The command line's grammar: every command, flag and help text, as clap derive types.
//!
//! Only syntax is checked here (clap exits with code 2 on a usage error). Dates stay strings
//! because date words are relative to `--today`, which is only known once parsing is done.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueHint};
use clap_complete::engine::ArgValueCompleter;

use super::shell::{
    any_case, any_promise_candidates, anyone_candidates, archived_candidates, cadence_candidates,
    data_file_completer, due_candidates, open_promise_candidates, past_day_candidates,
    person_candidates, person_from_candidates, resolved_promise_candidates,
};

pub use super::maintenance::{CheckArgs, RestoreBackupArgs};
pub use super::private::{DecryptArgs, EncryptArgs, RecoverArgs, UnlockArgs};
use crate::core::dates::{Direction, words};
use crate::core::import::PersonFrom;
use crate::core::{Level, PromiseId};

/// The heading of the options every command takes, so that a command's own come first in its
/// help rather than among them.
const GLOBAL: &str = "Global options";

/// trustladder: whom can I trust with what, and am I keeping my own word?
///
/// Without a command, opens the terminal UI on your data file (in a terminal, not a dumb
/// one; elsewhere it says so and exits with 1). In it, ? lists every key; `trustladder keys` prints them too, as
/// your config file leaves them.
#[derive(Debug, Parser)]
#[command(name = "trustladder", version, after_help = EXIT_HELP)]
pub struct Cli {
    /// The data file (default: $TRUSTLADDER_FILE when set, else trustladder.json in your data
    /// folder). A backup, in a ledger's backups/ folder, is read but never changed.
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::FilePath, add = ArgValueCompleter::new(data_file_completer()), help_heading = GLOBAL)]
    pub file: Option<PathBuf>,
    /// The config file: keys, theme, mouse, defaults (default: $TRUSTLADDER_CONFIG when set,
    /// else trustladder/config.toml in $XDG_CONFIG_HOME or ~/.config; /dev/null for none).
    #[arg(long, global = true, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Act as if today were this day (YYYY-MM-DD); a past day shows the ledger as it stood then.
    // A string, read once parsing is done, so a bad day is reported as every other date
    // typed is: one line naming the flag, exit code 1.
    #[arg(
        long,
        global = true,
        value_name = "YYYY-MM-DD",
        allow_hyphen_values = true,
        help_heading = GLOBAL
    )]
    pub today: Option<String>,
    /// Open the terminal UI on a generated sample team, leaving your data untouched. Its year
    /// of promises needs a --today from 0002-02-05 to 9999-12-01.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, edit, archive or delete colleagues.
    // Without its subcommand, each of these is a usage error naming it (FORMAT.md's exit
    // codes), where clap's derive would print the whole help.
    #[command(subcommand, arg_required_else_help = false)]
    Person(PersonCommand),
    /// Record promises.
    #[command(subcommand, arg_required_else_help = false)]
    Promise(PromiseCommand),
    /// Record a promise that is already kept, in one step; prints its id.
    ///
    /// Example: trustladder log priya 'Review PR 412' --on yesterday
    Log(LogArgs),
    /// Mark an open promise kept (or kept late); one kept already is left as it is (exit 0).
    ///
    /// Example: trustladder keep 1 --note 'done a day early'
    Keep(KeepArgs),
    /// Mark an open promise broken; one broken already is left as it is (exit 0).
    Break(BreakArgs),
    /// Release an open promise: withdrawn or renegotiated by agreement, it does not count (one
    /// released already is left as it is, exit 0).
    Release(ReleaseArgs),
    /// Make a resolved promise open again, forgetting its outcome, which it names with its day
    /// (its note stays, said on stderr; an open one is left as it is, exit 0).
    Reopen(ReopenArgs),
    /// Change what a promise says, its rung, its due date, its note or whose it is.
    ///
    /// A kept promise given a new due date becomes kept late, or kept, as that date says
    /// against the day it was kept (unless `--late` or `--on-time` chose otherwise when it was
    /// kept); the output says so. The choice is known by its going against the dates: once a
    /// new due date agrees with it, the next edit follows the dates again.
    Edit(EditArgs),
    /// Delete a promise for good.
    ///
    /// The way back is the `trustladder restore-backup NAME` it names last: the backup of the
    /// file as it was before the delete, by a name no later save moves (`restore-backup 1` is
    /// that backup only until the next change; `trustladder check` lists the backups).
    Rm(IdArg),
    /// List promises in the order they were recorded (by number).
    ///
    /// Open promises (overdue ones among them) are the one status with a filter, --open.
    /// Kept, kept late, broken and released promises have none: they are listed among the
    /// others, each named in STATUS (in --json, status); `agenda` lists the overdue ones first.
    ///
    /// On a terminal too narrow for a whole line, WHAT wraps within its column or under its
    /// row, whichever takes fewer lines; MADE and RESOLVED (with --open, RESOLVED first) are
    /// left out when that saves lines, LEVEL, WHOSE and DUE only when nothing else fits, and a
    /// last line names what was left out; where even that is too wide, PERSON is cut short
    /// with …, never the ID. To a pipe or a file each promise stays one whole line.
    List(ListArgs),
    /// Open promises grouped by when they are due: overdue, today, this week, later, no date;
    /// then the colleagues past their keep-in-touch cadence.
    ///
    /// The open promises of archived colleagues are left out, and a line after the lists counts
    /// them (in --json, archived_open).
    ///
    /// On a terminal too narrow for a whole line, WHAT wraps within its column or under its
    /// row, whichever takes fewer lines; DUE is left out when that saves lines, LEVEL and then
    /// WHOSE only when nothing else fits, the same in every group, LAST and then EVERY from
    /// Keep in touch (SINCE says both), and a last line names what was left out; where even
    /// that is too wide, PERSON is cut short with …, never the ID. To a pipe or a file each
    /// promise stays one whole line.
    Agenda(JsonArg),
    /// The ladder for one colleague or everyone: levels, figures and the reasons.
    ///
    /// On a terminal the advice and the reasons are wrapped to its width, and a rung's record
    /// (KEPT) within its column or under its row, whichever takes fewer lines; where the
    /// tables still do not fit, EVIDENCE and then HELD (which the reasons give too) are left
    /// out, and a last line says so. To a pipe or a file each stays one line.
    Review(ReviewArgs),
    /// Print a Markdown agenda for the next 1:1 with a colleague: what each side still owes
    /// (overdue first), what was kept, kept late, broken or released since the last prep, the
    /// ladder's advice and what to entrust them with next.
    ///
    /// Example: trustladder prep priya --save
    Prep(PrepArgs),
    /// Export the ledger, or one colleague's part of it, as JSON, CSV, Markdown or iCalendar.
    ///
    /// Example: trustladder export --format csv --output promises.csv
    Export(ExportArgs),
    /// Bring in promises kept in another tool.
    #[command(subcommand, arg_required_else_help = false)]
    Import(ImportCommand),
    /// Check the data file: is it readable, what it holds, which backups can be restored (each
    /// with its time in the local time zone; their names carry UTC).
    /// Exits 1 on a data file damaged, unreadable, or gone while its backups are not.
    Check(CheckArgs),
    /// Put a backup back in place of the data file (the current file is kept aside, and what
    /// it holds that the backup does not is named; a backup the file already holds changes
    /// nothing).
    RestoreBackup(RestoreBackupArgs),
    /// Share the ledger between machines through git: commit, merge the other machines'
    /// changes, push. `sync init` and `sync clone` set it up.
    Sync(SyncArgs),
    /// Merge two versions of a ledger for git (run by git, set up by `sync init`).
    #[command(hide = true)]
    MergeDriver(MergeDriverArgs),
    /// Hold unlocked keys in memory for the other commands (started by them, detaches).
    #[command(hide = true)]
    Agent(AgentArgs),
    /// One line for a shell prompt or cron: overdue both ways and due today. Exits 0 when
    /// nothing is overdue, 1 when something is, 2 on an error (a data file gone while its
    /// backups are not is one).
    Status(StatusArgs),
    /// Print the script that gives SHELL completions, people's handles included.
    Completions(CompletionsArgs),
    /// Print the man page (roff; `trustladder man | man -l -` reads it).
    Man,
    /// Every date word `--due`, `--on` and the forms accept, each read for today; or, given
    /// words, the day each one means (YYYY-MM-DD, one per line, `none` for no date).
    Dates(DatesArgs),
    /// Encrypt the data file and its backups with a passphrase, and print a recovery key.
    Encrypt(EncryptArgs),
    /// Turn an encrypted ledger back into plain JSON.
    ///
    /// Asks for the current passphrase first (or reads it from
    /// TRUSTLADDER_PASSPHRASE_COMMAND), even while the agent holds the key, so that nobody at
    /// a machine left unlocked can decrypt it and encrypt it again with a passphrase of their
    /// own. An older key kept in backups/ for the backups sealed with it, whose passphrase is
    /// another, is asked for after it: that command is run again for each such key, with
    /// TRUSTLADDER_PASSPHRASE_FOR set to the kept key's file (`ledger` for the ledger's own).
    Decrypt(DecryptArgs),
    /// Change the passphrase of an encrypted ledger.
    ///
    /// Asks for the current passphrase first, even while the agent holds the key, so that
    /// nobody at a machine left unlocked can lock its owner out. Only the key file is
    /// rewritten: a data file that does not open (cut off) is said so and left as it was.
    Passphrase,
    /// Open an encrypted ledger with its recovery key, and set a new passphrase.
    ///
    /// The main key stays where a key file holds it for the recovery key: the one beside the
    /// data file, or, when that one is lost or damaged in a synced folder, the one git holds,
    /// so other machines sync on. Only with neither is a new main key made and every file
    /// sealed to it; other machines then need `trustladder sync clone` afresh.
    Recover(RecoverArgs),
    /// Keep an encrypted ledger unlocked for a while, so commands do not ask for the
    /// passphrase. The agent that holds the key also keeps a large ledger's plain text in
    /// locked memory, so that the next command need not decrypt it (docs/PRIVACY.md).
    Unlock(UnlockArgs),
    /// Forget the unlocked keys now (of every ledger unlocked through the same agent).
    Lock,
    /// Print a version of the ledger as text for git's diffs (set up by `sync init`).
    #[command(hide = true)]
    Textconv(TextconvArgs),
    /// Every key of the terminal UI as the config file leaves it: each action's name (the
    /// config file's), its keys, where they work, and the config line that set them.
    ///
    /// On a terminal too narrow for a whole line, WHAT wraps within its column or under its
    /// row, and SET is left out where the rest would not fit (a last line says so); where
    /// WHERE still does not fit, its places go on the rows below, broken between places. To a
    /// pipe or a file each key stays one line. A warning about a line of the config file's
    /// keys, which is then left out, is said on stderr (`config check` lists every one).
    Keys(JsonArg),
    /// Write a config file with every setting at its default, or check one.
    #[command(subcommand, arg_required_else_help = false)]
    Config(ConfigCommand),
}

/// `trustladder config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write the config file with every setting at its default, commented out (never over
    /// an existing file).
    Init,
    /// Check the config file: each error and warning with its line. Exits 1 on an error (the
    /// UI then starts with the defaults).
    Check,
}

/// `trustladder status`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print only how many promises are overdue, both ways.
    #[arg(long)]
    pub count: bool,
}

/// `trustladder completions SHELL`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell (any case).
    #[arg(value_parser = shell_parser(), ignore_case = true, add = any_case(shell_parser()))]
    pub shell: String,
}

/// `trustladder sync [init|clone]`
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncCommand>,
}

/// Setting up sync.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make the data file's folder a git repository (or use the one it is in) that merges the
    /// ledger by record, commit the ledger, and with --remote push it there. Without a data
    /// file it is refused: `sync clone` sets up a machine from the remote.
    Init {
        /// The git remote to share through (any URL git accepts: a bare repository over SSH,
        /// a private repository on a forge, a folder, a relative path read from where the
        /// command runs); on a folder already synced, moves it there and pushes the whole
        /// history (a remote that holds another ledger is refused, and the folder keeps its
        /// remote). An empty URL, one beginning with '-' or with a '~' the shell did not
        /// expand, or one with a space before or after it, is refused, and so is the ledger's
        /// own repository (its folder: `.`, run there), which nothing would reach.
        #[arg(long, value_name = "URL", value_parser = remote_url)]
        remote: Option<String>,
        /// Push the ledger into a remote that holds files of something else (more than a
        /// README, LICENSE, .gitignore or .gitattributes) and no ledger, joining the two
        /// histories; without it such a remote is refused (exit 1), nothing pushed, as a
        /// mistyped URL naming a code repository would get the whole private ledger.
        #[arg(long, requires = "remote")]
        join: bool,
    },
    /// Set up this machine from the remote; the data file must not exist yet. A clone that
    /// fails leaves the folder as it was (exit 3 when the remote cannot be reached).
    Clone {
        /// The git remote that holds the ledger (not empty, not beginning with '-' or with a
        /// '~' the shell did not expand, no space before or after it; a relative path is read
        /// from where the command runs).
        #[arg(value_parser = remote_url)]
        url: String,
    },
}

/// `trustladder textconv FILE`
#[derive(Debug, Args)]
pub struct TextconvArgs {
    /// The version of the ledger git wants shown.
    pub file: PathBuf,
}

/// `trustladder merge-driver BASE OURS THEIRS`
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// This side, overwritten with the result (git's %A).
    pub ours: PathBuf,
    /// The other side (git's %B).
    pub theirs: PathBuf,
    /// The ledger's path in the repository (git's %P): an encrypted ledger's key file is
    /// beside it. Without it, the data file's name is taken from `.gitattributes`.
    pub path: Option<PathBuf>,
    /// The versions are an encrypted ledger's key file, changed on both sides (a passphrase
    /// set on two machines): the other side's, pushed first, is kept.
    #[arg(long)]
    pub key_file: bool,
}

/// `trustladder agent --dir DIR --idle SECS`: the key agent, started by the commands that
/// unlock the ledger (see `crypt::agent`).
#[derive(Debug, Args)]
pub struct AgentArgs {
    /// The agent's private folder, where its socket is.
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Stop after this many seconds if no key is given.
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle: u64,
}

/// `trustladder person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a colleague; prints the handle that names them on the command line. A name a letter
    /// from someone's (two, where both names are of eight letters or more) is added too, with a
    /// note naming them, in case it was a typo; so is a first name that someone's name begins
    /// with (priya beside Priya Raman, any case), or a name that begins with someone's only
    /// word, in case it was them.
    Add {
        /// Their name as you say it.
        name: String,
        /// What they do, e.g. "Backend".
        #[arg(long, allow_hyphen_values = true, value_parser = TextNotAFlag)]
        role: Option<String>,
        /// Anything worth remembering about them.
        #[arg(long, allow_hyphen_values = true, value_parser = TextNotAFlag)]
        note: Option<String>,
        /// Keep in touch: the agenda lists them once more than this has passed without
        /// anything logged with them (counted from the day they are added until something
        /// is). Written as for `person edit --every` (14d, 2w, every other week, monthly);
        /// none for no cadence of their own.
        #[arg(
            long,
            value_name = "DAYS|none",
            // So `-1d` reaches the cadence's own check, which says what a cadence is.
            allow_hyphen_values = true,
            add = ArgValueCompleter::new(cadence_candidates)
        )]
        every: Option<String>,
        /// Add them even though someone of the same name is here (another person).
        #[arg(long)]
        again: bool,
    },
    /// List colleagues: trust level, score at each rung, trend, open and overdue promises, my
    /// credibility with them, when anything was last logged with them (LAST) and their notes.
    ///
    /// OPEN and OVERDUE count promises both ways, theirs and mine; NOTES is about their
    /// promises to me (so "1 overdue" there may sit beside an OVERDUE of 2). LAST is `today`
    /// or `3d ago`, with `~` before it (`~3d ago`) when nothing is logged with them yet and it
    /// counts from the day they were added.
    ///
    /// On a terminal too narrow for a whole line, NOTES wraps within its column or under its
    /// row, whichever takes fewer lines, and where the other columns do not fit they are left
    /// out in this order (a last line names them): ROLE, TREND, MY CREDIBILITY, IMPACT, LAST,
    /// RESULTS, TASKS, NAME, OPEN, OVERDUE, ARCHIVED; never HANDLE. To a pipe or a file each
    /// colleague stays one line.
    List {
        /// Include archived colleagues.
        #[arg(long)]
        all: bool,
        /// The order: by number (the default), or by the last day anything was logged with
        /// them, longest ago first (any case).
        #[arg(
            long,
            value_enum,
            default_value_t = PersonOrder::Id,
            ignore_case = true,
            add = any_case(clap::builder::EnumValueParser::<PersonOrder>::new())
        )]
        sort: PersonOrder,
        /// Print JSON (see docs/FORMAT.md) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change a colleague's name, role, note or keep-in-touch cadence (the handle stays). A new
    /// name a letter from someone else's (two, where both names are of eight letters or more)
    /// is saved too, with a note naming them; so is a first name that someone's name begins
    /// with (priya beside Priya Raman), or a name that begins with someone's only word.
    #[command(
        group = clap::ArgGroup::new("change").required(true).multiple(true),
        // clap's own spells out every flag of the group with its value, 113 columns.
        override_usage = "trustladder person edit <PERSON> <--name|--role|--note|--every>..."
    )]
    Edit {
        #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(anyone_candidates))]
        person: String,
        /// The new name.
        #[arg(long, group = "change", allow_hyphen_values = true, value_parser = TextNotAFlag)]
        name: Option<String>,
        /// The new role ("" clears it).
        #[arg(long, group = "change", allow_hyphen_values = true, value_parser = TextNotAFlag)]
        role: Option<String>,
        /// The new note ("" clears it).
        #[arg(long, group = "change", allow_hyphen_values = true, value_parser = TextNotAFlag)]
        note: Option<String>,
        /// Keep in touch: the agenda lists them once more than this has passed without
        /// anything logged with them. Days, weeks, months or years as the date words spell
        /// them, every before them too (14d, 2w, 2wks, two weeks, every 2 weeks, every other
        /// week, weekly, fortnightly, 1m, monthly, quarterly, 1y, yearly; a month is 30 days, a
        /// year 365), or none to clear it. Biweekly, bimonthly and biannual are refused: each
        /// means two lengths.
        #[arg(
            long,
            group = "change",
            value_name = "DAYS|none",
            // So `-1d` reaches the cadence's own check, which says what a cadence is.
            allow_hyphen_values = true,
            add = ArgValueCompleter::new(cadence_candidates)
        )]
        every: Option<String>,
    },
    /// Hide a colleague from everyday lists, keeping their whole record.
    Archive {
        #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(person_candidates))]
        person: String,
    },
    /// Bring an archived colleague back.
    Restore {
        #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(archived_candidates))]
        person: String,
    },
    /// Delete a colleague; one with promises needs --force, which deletes those too.
    ///
    /// The way back is the `trustladder restore-backup NAME` it names last: the backup of the
    /// file as it was before the delete, by a name no later save moves (`restore-backup 1` is
    /// that backup only until the next change; `trustladder check` lists the backups).
    Rm {
        #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(anyone_candidates))]
        person: String,
        /// Also delete every promise between you and them.
        #[arg(long)]
        force: bool,
    },
}

/// How `person list` orders colleagues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PersonOrder {
    /// By number: the order they were added in.
    Id,
    /// By the last day anything was logged with them, longest ago first.
    Last,
}

/// `trustladder promise …`
#[derive(Debug, Subcommand)]
pub enum PromiseCommand {
    /// Record an open promise; prints its id.
    ///
    /// A due date before today is kept (a promise written down late) and noted on stderr,
    /// since the promise is overdue from the start; so is one typed without its year that lands
    /// more than 300 days away (dec 20 on 29 December, or +1000d), in case it was a slip.
    ///
    /// Example: trustladder promise add priya 'Migrate the billing tables' --due fri
    Add {
        #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(person_candidates))]
        person: String,
        /// What was promised (one that starts with `-` goes after `--`).
        what: String,
        /// The rung of the ladder it sits on (`--rung` too; any case; also tasks, results).
        #[arg(long, alias = "rung", default_value = "task", value_parser = level_parser(), ignore_case = true, add = any_case(level_parser()))]
        level: Level,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(due_candidates), help = date_help("When it is due"))]
        due: Option<String>,
        /// A promise I made to them (default: one they made to me).
        #[arg(long)]
        mine: bool,
    },
}

/// `trustladder log …`
#[derive(Debug, Args)]
pub struct LogArgs {
    #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(person_candidates))]
    pub person: String,
    /// What was promised (one that starts with `-` goes after `--`).
    pub what: String,
    /// The rung of the ladder it sits on (`--rung` too; any case; also tasks, results).
    #[arg(long, alias = "rung", default_value = "task", value_parser = level_parser(), ignore_case = true, add = any_case(level_parser()))]
    pub level: Level,
    /// A promise I made to them (default: one they made to me).
    #[arg(long)]
    pub mine: bool,
    /// It was kept, but late (`--kept-late` too, as its status is named).
    #[arg(long, alias = "kept-late")]
    pub late: bool,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(past_day_candidates), help = past_date_help("The day it was made and kept (default: today)"))]
    pub on: Option<String>,
}

/// `trustladder keep …`
#[derive(Debug, Args)]
pub struct KeepArgs {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(open_promise_candidates))]
    pub id: PromiseId,
    /// It was kept, but late (the default when kept after its due date; `--kept-late` too).
    #[arg(long, alias = "kept-late", conflicts_with = "on_time")]
    pub late: bool,
    /// It was kept on time, even though it is recorded after its due date.
    #[arg(long)]
    pub on_time: bool,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(past_day_candidates), help = past_date_help("The day it was kept (default: today)"))]
    pub on: Option<String>,
    /// A note on how it went (replaces the promise's note).
    #[arg(long, allow_hyphen_values = true, value_parser = TextNotAFlag)]
    pub note: Option<String>,
}

/// `trustladder break …`
#[derive(Debug, Args)]
pub struct BreakArgs {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(open_promise_candidates))]
    pub id: PromiseId,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(past_day_candidates), help = past_date_help("The day it was broken (default: today)"))]
    pub on: Option<String>,
    /// A note on what happened (replaces the promise's note).
    #[arg(long, allow_hyphen_values = true, value_parser = TextNotAFlag)]
    pub note: Option<String>,
}

/// `trustladder release …`
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(open_promise_candidates))]
    pub id: PromiseId,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(past_day_candidates), help = past_date_help("The day it was released, when it was agreed (default: today)"))]
    pub on: Option<String>,
    /// Why it was released (replaces the promise's note).
    #[arg(long, allow_hyphen_values = true, value_parser = TextNotAFlag)]
    pub note: Option<String>,
}

/// `trustladder reopen …`: a resolved promise's id.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(resolved_promise_candidates))]
    pub id: PromiseId,
}

/// A command that takes only a promise id.
#[derive(Debug, Args)]
pub struct IdArg {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(any_promise_candidates))]
    pub id: PromiseId,
}

/// `trustladder edit …`
#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("change").required(true).multiple(true),
    // clap's own spells out every flag of the group with its value, 118 columns.
    override_usage = "trustladder edit <ID> <--what|--level|--due|--note|--mine|--theirs>..."
)]
pub struct EditArgs {
    #[arg(value_parser = parse_id, allow_negative_numbers = true, help = ID_HELP, add = ArgValueCompleter::new(any_promise_candidates))]
    pub id: PromiseId,
    /// What was promised, reworded.
    #[arg(long, group = "change", allow_hyphen_values = true, value_parser = TextNotAFlag)]
    pub what: Option<String>,
    /// Move it to another rung (`--rung` too; any case; also tasks, results).
    #[arg(long, alias = "rung", group = "change", value_parser = level_parser(), ignore_case = true, add = any_case(level_parser()))]
    pub level: Option<Level>,
    #[arg(long, group = "change", value_name = "DATE|none", allow_hyphen_values = true, add = ArgValueCompleter::new(due_candidates), help = date_help("The new due date, or `none` (`later`, `someday`) to clear it; one before the day an open promise was made is noted on stderr, since it is overdue from the start, and so is one typed without its year that lands more than 300 days away"))]
    pub due: Option<String>,
    /// The promise's note, or '' to clear it (an outcome's --note replaces it too).
    #[arg(long, group = "change", allow_hyphen_values = true, value_parser = TextNotAFlag)]
    pub note: Option<String>,
    /// It is a promise I made to them (it was written down as theirs).
    #[arg(long, group = "change", conflicts_with = "theirs")]
    pub mine: bool,
    /// It is a promise they made to me (it was written down as mine).
    #[arg(long, group = "change")]
    pub theirs: bool,
}

/// `trustladder list …`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this colleague's promises (a handle, or a prefix of a handle, a name or a word in
    /// either).
    #[arg(add = ArgValueCompleter::new(anyone_candidates))]
    pub person: Option<String>,
    /// Only open promises, overdue ones among them (kept, kept late, broken and released ones
    /// have no filter of their own).
    #[arg(long)]
    pub open: bool,
    /// Only promises I made.
    #[arg(long, conflicts_with = "theirs")]
    pub mine: bool,
    /// Only promises they made to me.
    #[arg(long)]
    pub theirs: bool,
    /// Only promises at this rung (`--rung` too; any case; also tasks, results).
    #[arg(long, alias = "rung", value_parser = level_parser(), ignore_case = true, add = any_case(level_parser()))]
    pub level: Option<Level>,
    /// Include archived colleagues' promises when no colleague is named.
    #[arg(long)]
    pub all: bool,
    /// Print JSON (see docs/FORMAT.md) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `trustladder review …`
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Only this colleague (a handle, or a prefix of a handle, a name or a word in either);
    /// default: everyone active.
    #[arg(add = ArgValueCompleter::new(anyone_candidates))]
    pub person: Option<String>,
    /// Print JSON (see docs/FORMAT.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `trustladder prep …`
#[derive(Debug, Args)]
pub struct PrepArgs {
    #[arg(help = PERSON_HELP, add = ArgValueCompleter::new(anyone_candidates))]
    pub person: String,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, add = ArgValueCompleter::new(past_day_candidates), help = past_date_help("List outcomes from this day on (default: the day of the last saved prep, with those recorded since it for an earlier day, else the last 30 days)"))]
    pub since: Option<String>,
    /// Record that the prep happened today, so the next one starts here and carries forward
    /// what is still open (one more today starts today too, and says so); on a file that
    /// cannot be saved, nothing is printed.
    #[arg(long)]
    pub save: bool,
}

/// `trustladder export …`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json: the whole ledger, loadable with --file; csv: one row per promise; md: a report
    /// per colleague; ics: an all-day event per open promise with a due date (any case).
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        add = any_case(clap::builder::EnumValueParser::<ExportFormat>::new())
    )]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (atomically; an existing file only with
    /// --force; `-` and /dev/stdout are standard output; a `~` the shell did not expand, as
    /// after --output=, is refused).
    #[arg(long, short, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists (a regular file only, never one of the
    /// ledger's own: the data file, its key, its lock, its backups).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Only this colleague (a handle, or a prefix of a handle, a name or a word in either);
    /// default: everyone (md and ics: everyone active).
    #[arg(add = ArgValueCompleter::new(anyone_candidates))]
    pub person: Option<String>,
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
    Ics,
}

/// `trustladder import …`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import the tasks of `task export` (Taskwarrior): a JSON array (or several, joined one
    /// after another) or one object per line.
    /// Pending and waiting tasks become open promises, completed ones kept (kept late when
    /// they ended after their due day), deleted ones released; annotations become the note.
    /// The task's uuid is kept, so importing the same export again adds nothing (and a task
    /// given twice in it, as joined exports that overlap hold it, is read once where it reads
    /// alike both times, a bad task where not, and one bad as read, given twice as it was, is
    /// listed once, as a recurring task's template given twice is skipped once); a task imported open and ended in Taskwarrior since is named, with the command that records it.
    ///
    /// With tasks.json written by `task export`, in which the tag with_priya names Priya
    /// (--dry-run first shows what it would do):
    ///
    /// Example: trustladder import taskwarrior tasks.json --person-from tag:with_
    Taskwarrior(TaskwarriorArgs),
}

/// `trustladder import taskwarrior …`
#[derive(Debug, Args)]
// clap's own gives --person-from's three forms, 100 columns; the options below give them.
#[command(
    override_usage = "trustladder import taskwarrior [OPTIONS] <FILE|-> --person-from <WHERE>"
)]
pub struct TaskwarriorArgs {
    /// The export file, or - for standard input.
    #[arg(value_name = "FILE|-", value_hint = ValueHint::FilePath)]
    pub export: PathBuf,
    /// Where each task names its colleague: tag:PREFIX (the tag that starts with PREFIX,
    /// without it; two such tags make the task bad), project, or uda:NAME (a user-defined
    /// attribute, of text); tag, project and uda in any case, PREFIX and NAME as typed, as
    /// Taskwarrior tells tags and attributes apart by case. A colleague is found by full name, else by handle (any case, a `_`
    /// read as `-`, which a tag cannot hold: `priya_shah` for priya-shah), else by whole words of one (`priya` for Priya Raman, not `pri`), or by holding the whole of
    /// one's name in whole words (`Priya Raman` for Priya); the summary says whom it took;
    /// else added.
    #[arg(long, value_name = "tag:PREFIX|project|uda:NAME", value_parser = parse_person_from, add = ArgValueCompleter::new(person_from_candidates))]
    pub person_from: PersonFrom,
    /// The tasks are promises I made them (default: promises they made me).
    #[arg(long)]
    pub mine: bool,
    /// The rung every imported promise sits on (`--rung` too; any case; also tasks, results).
    #[arg(long, alias = "rung", default_value = "task", value_parser = level_parser(), ignore_case = true, add = any_case(level_parser()))]
    pub level: Level,
    /// Show what would be imported, and change nothing; exits 1 where the import would.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good tasks and skip the bad ones (default: a bad task stops the import). A
    /// file in which every task is bad is refused all the same: it is no export; so is an
    /// export cut short (an array without its closing `]`), which lacks the tasks after the cut.
    #[arg(long)]
    pub skip_bad: bool,
}

fn parse_person_from(s: &str) -> Result<PersonFrom, String> {
    s.parse()
}

/// `trustladder dates`
#[derive(Debug, Args)]
pub struct DatesArgs {
    /// Date words to read (quote one of several words: 'dec 15'; words next to each other
    /// that read as one date are refused, even where each is a date alone: a comma after a
    /// word ends its date, so `eom, +3d` is two).
    #[arg(value_name = "WORD", allow_hyphen_values = true)]
    pub words: Vec<String>,
    /// Read them as the day something happened (as `--on` does): a weekday, a month or a day
    /// of the month is the last such day, today included; a day after today is refused, as
    /// `--on` refuses it.
    #[arg(long)]
    pub past: bool,
}

/// A command whose only option is `--json`.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON (see docs/FORMAT.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The exit codes, which `--help` ends with and the man page gives under EXIT STATUS.
pub(super) const EXIT_HELP: &str = "Exit status: 0 on success; 1 when the command could not be done, with one line on stderr saying why and the data file left as it was (a change that finds another trustladder process saving waits for it, says so after a second, and gives up after 10 seconds; a bad date, --today included, is such an error); 2 for a usage mistake; 3 when sync cannot reach its remote. A change saved whose output cannot be written (a full disk, a pipe whose reader has gone, standard output closed) exits 1 too, saying on stderr that it was saved; a command that only shows exits 0 when its reader goes. A change to what is there already (keep of a promise kept, break of one broken, release of one released, reopen of one open, each on the day and with the note given where one is; person archive of someone archived; edit to the same value) says nothing changed and exits 0, the file untouched; another outcome on a resolved promise is an error (the reopen it needs first is given). status has its own: 0 nothing overdue, 1 something is, 2 an error.";

const PERSON_HELP: &str = "The colleague: a handle, or an unambiguous prefix of a handle, a name or a word in either (any case, accents aside: pri or raman for Priya Raman), or #2 for the id in --json";
const ID_HELP: &str = "The promise's id, as 12 or #12";

/// The date words a due date accepts, and a past day, in a line each: made once, as the
/// grammar is built on every run and several flags show them.
static AHEAD_WORDS: LazyLock<String> = LazyLock::new(|| words::summary(Direction::Ahead));
static PAST_WORDS: LazyLock<String> = LazyLock::new(|| words::summary(Direction::Back));

/// A remote's URL as git may be given it: never empty (git took it, and every sync after
/// failed to reach it, with `sync init --remote` refusing to set it again), never one git
/// would read as an option, never one with a space before or after it (a quote that took
/// one in: git keeps it as part of the path or address, and no sync reaches it), nor one
/// beginning with a `~` the shell left, which names a folder called `~` where the command
/// runs, as it does for any path typed.
fn remote_url(value: &str) -> Result<String, String> {
    let blank = |c: Option<char>| c.filter(|c| c.is_whitespace()).map(blank_named);
    if value.trim().is_empty() {
        Err("an empty URL names no remote".to_string())
    } else if value.starts_with('-') {
        Err("a URL does not begin with '-' (git would read it as an option)".to_string())
    } else if let Some((head, rest)) = crate::store::unexpanded_tilde(Path::new(value)) {
        let whole = if head == "~" {
            format!("$HOME/{rest}")
        } else {
            format!("the whole path of {}'s home folder/{rest}", &head[1..])
        };
        Err(format!(
            "the URL begins with a {head} the shell did not expand (it does not in quotes, nor after an =), so git would read it as a folder called {head} here: type it where the shell expands it, or whole ({whole})"
        ))
    } else if let Some(blank) = blank(value.chars().next()) {
        Err(format!(
            "the URL begins with {blank}, which git would keep as part of the address, and then reach no remote: leave it out"
        ))
    } else if let Some(blank) = blank(value.chars().next_back()) {
        Err(format!(
            "the URL ends with {blank}, which git would keep as part of the address, and then reach no remote: leave it out"
        ))
    } else {
        Ok(value.to_string())
    }
}

/// A blank character as a message names it.
fn blank_named(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\n' | '\r' => "a line break".to_string(),
        c => format!("a space (U+{:04X})", u32::from(c)),
    }
}

/// The values typed attached to their option with `=` (`--note=--late`), before any `--`:
/// set from the command line before it is parsed, as a value parser sees the value alone.
static ATTACHED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Records the values `args` attach to their options with `=`, for [`TextNotAFlag`].
pub(super) fn note_attached(args: &[std::ffi::OsString]) {
    let attached = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .filter_map(|a| a.to_str()?.strip_prefix("--")?.split_once('='))
        .map(|(_, value)| value.to_string())
        .collect();
    // Set once, by the one command line a process parses.
    let _ = ATTACHED.set(attached);
}

/// A text option's value, which may start with `-` (`--note "-1 day late"`), but is never one
/// of the flags: `keep 1 --note --late` forgot the note, and taking `--late` for it would
/// record the promise kept on time, the flag lost. Attached with `=` (`--note=--late`), it is
/// the option's beyond doubt, and taken as text. A value parser rather than a function, as
/// it is told the command it parses for: a flag of another command only (`person edit NAME
/// --role --again`) is said to be no flag of this one, where "is a flag" misled.
#[derive(Clone)]
struct TextNotAFlag;

impl TypedValueParser for TextNotAFlag {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let bin = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
        let bin = bin.to_string();
        let own: Vec<String> = cmd
            .get_arguments()
            .filter_map(|a| a.get_long().map(String::from))
            .chain(["help".to_string()])
            .collect();
        // clap words the error as it words any value refused, naming the option.
        let check = move |value: &str| text_not_a_flag(value, &bin, &own);
        check.parse_ref(cmd, arg, value)
    }
}

/// The command a clap bin name (the program's name, then the subcommands') stands for, as
/// typed after the program's name (`person edit`): the longest path of subcommand names it
/// ends with, as the program's name, that of its file, may hold a space.
fn command_typed(bin: &str) -> String {
    fn paths(command: &clap::Command, above: &str, into: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let path = match above {
                "" => sub.get_name().to_string(),
                _ => format!("{above} {}", sub.get_name()),
            };
            paths(sub, &path, into);
            into.push(path);
        }
    }
    let mut all = Vec::new();
    paths(&<Cli as clap::CommandFactory>::command(), "", &mut all);
    all.into_iter()
        .filter(|path| (bin.strip_suffix(path.as_str())).is_some_and(|rest| rest.ends_with(' ')))
        .max_by_key(String::len)
        .unwrap_or_else(|| bin.to_string())
}

/// [`TextNotAFlag`]'s check of `value`, given to an option of the command clap names `bin`,
/// whose own long flags are `own`.
fn text_not_a_flag(value: &str, bin: &str, own: &[String]) -> Result<String, String> {
    if ATTACHED
        .get()
        .is_some_and(|typed| typed.iter().any(|v| v == value))
    {
        return Ok(value.to_string());
    }
    static FLAGS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        fn longs(command: &clap::Command, into: &mut std::collections::HashSet<String>) {
            into.extend(
                command
                    .get_arguments()
                    .filter_map(|a| a.get_long().map(String::from)),
            );
            for sub in command.get_subcommands() {
                longs(sub, into);
            }
        }
        let mut all = std::collections::HashSet::new();
        longs(&<Cli as clap::CommandFactory>::command(), &mut all);
        all
    });
    let flag = value
        .strip_prefix("--")
        .map(|rest| rest.split_once('=').map_or(rest, |(name, _)| name));
    match flag {
        Some(name) if own.iter().any(|o| o == name) => Err(format!(
            "'{value}' is a flag, not text; the option before it was given none"
        )),
        // Another command's flag is no more text here: taken for it, `--again` would be the
        // role, where the command typed was likely the wrong one.
        Some(name) if FLAGS.contains(name) => Err(format!(
            "{} takes no --{name}, nor is it text; the option before it was given none",
            command_typed(bin)
        )),
        // `--` ends the options wherever it is typed: taken as text, what follows it read as
        // options again (a second `--file` among them).
        Some("") => {
            Err("'--' ends the options, not text; the option before it was given none".to_string())
        }
        _ => Ok(value.to_string()),
    }
}

fn date_help(what: &str) -> String {
    format!("{what}. Accepts {}", *AHEAD_WORDS)
}

fn past_date_help(what: &str) -> String {
    format!(
        "{what}. Accepts {}; a weekday, a month or a day of the month is the last one",
        *PAST_WORDS
    )
}

/// The rungs by name, `task`, `result` and `impact`, and as `review`, `person list` and the
/// docs name them, in the plural (`tasks`, `results`): `--level tasks` typed after reading a
/// review's TASKS was refused. Each `--level` sets `ignore_case`, so `Results` is taken as the
/// date words and the config's words are, the help still listing the words in lower case.
fn level_parser() -> impl TypedValueParser<Value = Level> {
    PossibleValuesParser::new([
        PossibleValue::new("task").alias("tasks"),
        PossibleValue::new("result").alias("results"),
        PossibleValue::new("impact"),
    ])
    .try_map(|s| s.parse::<Level>())
}

/// The shells a script is written for, taken in any case (`Bash`, `ZSH`) as every other word
/// the command line lists is, and handed on in lower case, the name the script writers know.
fn shell_parser() -> impl TypedValueParser<Value = String> {
    PossibleValuesParser::new(["bash", "zsh", "fish", "elvish", "powershell"])
        .map(|s| s.to_ascii_lowercase())
}

/// Reads a promise id typed as `12` or `#12`.
pub fn parse_id(s: &str) -> Result<PromiseId, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `--level` took only the singular, `task` or `result`, where review and person list
    /// name the rungs TASKS and RESULTS, so `list --level tasks` was refused; both are taken,
    /// by every command with a `--level`, and anything else is still refused.
    #[test]
    fn a_rung_is_taken_by_its_name_and_as_review_names_it() {
        let level = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Some(Command::List(list))) => list.level,
            Ok(Some(Command::Log(log))) => Some(log.level),
            Ok(Some(Command::Promise(PromiseCommand::Add { level, .. }))) => Some(level),
            other => panic!("{args:?}: {other:?}"),
        };
        for (typed, rung) in [
            ("task", Level::Task),
            ("tasks", Level::Task),
            ("result", Level::Result),
            ("results", Level::Result),
            ("impact", Level::Impact),
        ] {
            // The form and the docs call it a rung: `--rung` is taken for `--level`.
            for flag in ["--level", "--rung"] {
                assert_eq!(level(&["trustladder", "list", flag, typed]), Some(rung));
                assert_eq!(
                    level(&["trustladder", "log", "ana", "x", flag, typed]),
                    Some(rung)
                );
                assert_eq!(
                    level(&["trustladder", "promise", "add", "ana", "x", flag, typed]),
                    Some(rung)
                );
            }
        }
        for typed in ["taks", "impacts", "ongoing", "Taks"] {
            let refused = Cli::try_parse_from(["trustladder", "list", "--level", typed])
                .map(|_| ())
                .unwrap_err();
            assert_eq!(
                refused.kind(),
                clap::error::ErrorKind::InvalidValue,
                "{typed}"
            );
        }
    }

    /// `log --kept-late` was refused with clap's tip to pass it as a value after `--`, which
    /// would have made it the promise's text; the status is named "kept late", so the flag is
    /// taken by that name too, by `log` and `keep`.
    #[test]
    fn kept_late_is_taken_for_late() {
        match Cli::try_parse_from(["trustladder", "log", "ana", "x", "--kept-late"]) {
            Ok(Cli {
                command: Some(Command::Log(log)),
                ..
            }) => assert!(log.late),
            other => panic!("{other:?}"),
        }
        match Cli::try_parse_from(["trustladder", "keep", "3", "--kept-late"]) {
            Ok(Cli {
                command: Some(Command::Keep(keep)),
                ..
            }) => assert!(keep.late && !keep.on_time),
            other => panic!("{other:?}"),
        }
    }

    /// `--level Results` and `--level Task` were refused, where a rung is read in any case
    /// everywhere else (the config, the UI's form, the date words); every command with a
    /// `--level` takes it so now, and its help still lists the lower-case words.
    #[test]
    fn a_rung_is_taken_in_any_case() {
        let level = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Some(Command::List(list))) => list.level,
            Ok(Some(Command::Log(log))) => Some(log.level),
            Ok(Some(Command::Promise(PromiseCommand::Add { level, .. }))) => Some(level),
            Ok(Some(Command::Edit(edit))) => edit.level,
            Ok(Some(Command::Import(ImportCommand::Taskwarrior(tw)))) => Some(tw.level),
            other => panic!("{args:?}: {other:?}"),
        };
        for (typed, rung) in [
            ("Task", Level::Task),
            ("TASKS", Level::Task),
            ("Results", Level::Result),
            ("Impact", Level::Impact),
        ] {
            for args in [
                &["trustladder", "list", "--level", typed][..],
                &["trustladder", "log", "ana", "x", "--level", typed],
                &[
                    "trustladder",
                    "promise",
                    "add",
                    "ana",
                    "x",
                    "--level",
                    typed,
                ],
                &["trustladder", "edit", "3", "--level", typed],
                &[
                    "trustladder",
                    "import",
                    "taskwarrior",
                    "-",
                    "--person-from",
                    "project",
                    "--level",
                    typed,
                ],
            ] {
                assert_eq!(level(args), Some(rung), "{args:?}");
            }
        }
        help_lists("list", "[possible values: task, result, impact]");
    }

    /// `args` refused as a value none of those listed, not taken in any case.
    fn refused_as_no_value(args: &[&str]) {
        let refused = Cli::try_parse_from(args).map(|_| ()).unwrap_err();
        assert_eq!(
            refused.kind(),
            clap::error::ErrorKind::InvalidValue,
            "{args:?}"
        );
    }

    /// The long help of `command` lists its values as `listed`, in lower case still.
    fn help_lists(command: &str, listed: &str) {
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut(command)
            .expect(command)
            .render_long_help()
            .to_string();
        assert!(help.contains(listed), "{help}");
    }

    /// `export --format JSON` and `person list --sort Last` were refused as usage errors,
    /// where `--level` and every word the project reads are taken in any case: both are
    /// taken so now, their help still listing the lower-case words.
    #[test]
    fn a_format_and_an_order_are_taken_in_any_case() {
        for (typed, format) in [
            ("JSON", ExportFormat::Json),
            ("Csv", ExportFormat::Csv),
            ("MD", ExportFormat::Md),
            ("Ics", ExportFormat::Ics),
        ] {
            match Cli::try_parse_from(["trustladder", "export", "--format", typed]) {
                Ok(Cli {
                    command: Some(Command::Export(export)),
                    ..
                }) => assert_eq!(export.format, format, "{typed}"),
                other => panic!("{typed}: {other:?}"),
            }
        }
        for (typed, order) in [("Last", PersonOrder::Last), ("ID", PersonOrder::Id)] {
            match Cli::try_parse_from(["trustladder", "person", "list", "--sort", typed]) {
                Ok(Cli {
                    command: Some(Command::Person(PersonCommand::List { sort, .. })),
                    ..
                }) => assert_eq!(sort, order, "{typed}"),
                other => panic!("{typed}: {other:?}"),
            }
        }
        refused_as_no_value(&["trustladder", "export", "--format", "Jsn"]);
        help_lists("export", "[possible values: json, csv, md, ics]");
    }

    /// `completions Bash` was refused as a usage error, the shell's name compared as typed,
    /// where every other word the command line lists is taken in any case: it is taken, handed
    /// on in lower case, the help still listing the names in lower case.
    #[test]
    fn a_shell_is_named_in_any_case() {
        for (typed, shell) in [("Bash", "bash"), ("ZSH", "zsh"), ("fish", "fish")] {
            match Cli::try_parse_from(["trustladder", "completions", typed]) {
                Ok(Cli {
                    command: Some(Command::Completions(a)),
                    ..
                }) => assert_eq!(a.shell, shell, "{typed}"),
                other => panic!("{typed}: {other:?}"),
            }
        }
        refused_as_no_value(&["trustladder", "completions", "Bsh"]);
        help_lists(
            "completions",
            "[possible values: bash, zsh, fish, elvish, powershell]",
        );
    }

    /// The values offered for the word last on `line`, as a shell's Tab asks for them.
    fn offered(line: &[&str]) -> Vec<String> {
        let args = line.iter().map(std::ffi::OsString::from).collect();
        clap_complete::engine::complete(&mut Cli::command(), args, line.len() - 1, None)
            .expect("completes")
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    /// `--level T`, `--format J`, `--sort L` and `completions B` were offered nothing on Tab,
    /// where each is taken in any case: the values they begin in any case are offered, in the
    /// case typed, and a start no value has is still offered nothing.
    #[test]
    fn a_value_taken_in_any_case_is_offered_for_a_start_in_any_case() {
        for (line, values) in [
            (
                &["trustladder", "list", "--level", "R"][..],
                &["Result"][..],
            ),
            (
                &["trustladder", "log", "bo", "x", "--level", "t"],
                &["task"],
            ),
            (
                &["trustladder", "promise", "add", "bo", "x", "--level", ""],
                &["task", "result", "impact"],
            ),
            (&["trustladder", "export", "--format", "J"], &["Json"]),
            (&["trustladder", "export", "--format", "MD"], &["MD"]),
            (&["trustladder", "person", "list", "--sort", "L"], &["Last"]),
            (&["trustladder", "completions", "B"], &["Bash"]),
            (&["trustladder", "completions", "Zs"], &["Zsh"]),
        ] {
            assert_eq!(offered(line), values, "{line:?}");
        }
        assert!(offered(&["trustladder", "completions", "X"]).is_empty());
        assert!(offered(&["trustladder", "export", "--format", "é"]).is_empty());
    }

    /// A command is named as typed after the program's name, which may hold a space (a
    /// binary renamed `my tl` said `tl person edit takes no --again`).
    #[test]
    fn a_command_is_named_without_the_program_whatever_its_name() {
        for (bin, typed) in [
            ("trustladder person edit", "person edit"),
            ("my tl person edit", "person edit"),
            ("my tl edit", "edit"),
            ("tl restore-backup", "restore-backup"),
            ("my tl sync init", "sync init"),
        ] {
            assert_eq!(command_typed(bin), typed, "{bin}");
        }
    }

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn ids_with_or_without_hash() {
        assert_eq!(parse_id("12"), Ok(PromiseId(12)));
        assert_eq!(parse_id("#12"), Ok(PromiseId(12)));
        for bad in ["", "#", "abc", "0", "-3", "+3", "1.5", "##2"] {
            assert!(parse_id(bad).is_err(), "{bad}");
        }
    }
}
