//! The command line's grammar: every command, flag and help text, as clap derive types.
//!
//! Only syntax is checked here (clap exits with code 2 on a usage error). Dates stay strings
//! because date words are relative to `--today`, which is only known once parsing is done.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

pub use super::maintenance::{CheckArgs, RestoreBackupArgs};
use crate::core::dates::{DATE_WORDS, RANGE, is_out_of_range, parse_iso};
use crate::core::{Level, PromiseId};
use crate::store;

/// trustladder: whom can I trust with what, and am I keeping my own word?
///
/// Without a command, opens the terminal UI on your data file.
#[derive(Debug, Parser)]
#[command(name = "trustladder", version, after_help = EXIT_HELP)]
pub struct Cli {
    /// The data file (default: trustladder.json in your data folder).
    #[arg(long, global = true, value_name = "PATH", env = store::FILE_ENV, hide_env_values = true)]
    pub file: Option<PathBuf>,
    /// Act as if today were this day (YYYY-MM-DD).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Open the terminal UI on a generated sample team, leaving your data untouched.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, edit, archive or delete colleagues.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Record promises.
    #[command(subcommand)]
    Promise(PromiseCommand),
    /// Record a promise that is already kept, in one step; prints its id.
    Log(LogArgs),
    /// Mark an open promise kept (or kept late).
    Keep(KeepArgs),
    /// Mark an open promise broken.
    Break(BreakArgs),
    /// Release an open promise: withdrawn or renegotiated by agreement, it does not count.
    Release(ReleaseArgs),
    /// Make a resolved promise open again, forgetting its outcome.
    Reopen(IdArg),
    /// Change what a promise says, its rung or its due date.
    Edit(EditArgs),
    /// Delete a promise for good.
    Rm(IdArg),
    /// List promises, oldest first.
    List(ListArgs),
    /// Open promises grouped by when they are due: overdue, today, this week, later, no date.
    Agenda(JsonArg),
    /// The ladder for one colleague or everyone: levels, figures and the reasons.
    Review(ReviewArgs),
    /// Check the data file: is it readable, what it holds, which backups can be restored.
    Check(CheckArgs),
    /// Put a backup back in place of the data file (the current file is kept aside).
    RestoreBackup(RestoreBackupArgs),
}

/// `trustladder person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a colleague; prints the handle that names them on the command line.
    Add {
        /// Their name as you say it.
        name: String,
        /// What they do, e.g. "Backend".
        #[arg(long)]
        role: Option<String>,
        /// Anything worth remembering about them.
        #[arg(long)]
        note: Option<String>,
    },
    /// List colleagues: trust level, reliability at each rung, open and overdue promises, and
    /// my credibility with them.
    List {
        /// Include archived colleagues.
        #[arg(long)]
        all: bool,
        /// Print JSON (see docs/FORMAT.md) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change a colleague's name, role or note (the handle stays).
    #[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
    Edit {
        #[arg(help = PERSON_HELP)]
        person: String,
        /// The new name.
        #[arg(long, group = "change")]
        name: Option<String>,
        /// The new role ("" clears it).
        #[arg(long, group = "change")]
        role: Option<String>,
        /// The new note ("" clears it).
        #[arg(long, group = "change")]
        note: Option<String>,
    },
    /// Hide a colleague from everyday lists, keeping their whole record.
    Archive {
        #[arg(help = PERSON_HELP)]
        person: String,
    },
    /// Bring an archived colleague back.
    Restore {
        #[arg(help = PERSON_HELP)]
        person: String,
    },
    /// Delete a colleague; one with promises needs --force, which deletes those too.
    Rm {
        #[arg(help = PERSON_HELP)]
        person: String,
        /// Also delete every promise between you and them.
        #[arg(long)]
        force: bool,
    },
}

/// `trustladder promise …`
#[derive(Debug, Subcommand)]
pub enum PromiseCommand {
    /// Record an open promise; prints its id.
    Add {
        #[arg(help = PERSON_HELP)]
        person: String,
        /// What was promised.
        what: String,
        /// The rung of the ladder it sits on.
        #[arg(long, default_value = "task", value_parser = level_parser())]
        level: Level,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true, help = date_help("When it is due"))]
        due: Option<String>,
        /// A promise I made to them (default: one they made to me).
        #[arg(long)]
        mine: bool,
    },
}

/// `trustladder log …`
#[derive(Debug, Args)]
pub struct LogArgs {
    #[arg(help = PERSON_HELP)]
    pub person: String,
    /// What was promised.
    pub what: String,
    /// The rung of the ladder it sits on.
    #[arg(long, default_value = "task", value_parser = level_parser())]
    pub level: Level,
    /// A promise I made to them (default: one they made to me).
    #[arg(long)]
    pub mine: bool,
    /// It was kept, but late.
    #[arg(long)]
    pub late: bool,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, help = date_help("The day it was made and kept (default: today)"))]
    pub on: Option<String>,
}

/// `trustladder keep …`
#[derive(Debug, Args)]
pub struct KeepArgs {
    #[arg(value_parser = parse_id, help = ID_HELP)]
    pub id: PromiseId,
    /// It was kept, but late.
    #[arg(long)]
    pub late: bool,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, help = date_help("The day it was kept (default: today)"))]
    pub on: Option<String>,
    /// A note on how it went (replaces the promise's note).
    #[arg(long)]
    pub note: Option<String>,
}

/// `trustladder break …`
#[derive(Debug, Args)]
pub struct BreakArgs {
    #[arg(value_parser = parse_id, help = ID_HELP)]
    pub id: PromiseId,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, help = date_help("The day it was broken (default: today)"))]
    pub on: Option<String>,
    /// A note on what happened (replaces the promise's note).
    #[arg(long)]
    pub note: Option<String>,
}

/// `trustladder release …`
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    #[arg(value_parser = parse_id, help = ID_HELP)]
    pub id: PromiseId,
    /// Why it was released (replaces the promise's note).
    #[arg(long)]
    pub note: Option<String>,
}

/// A command that takes only a promise id.
#[derive(Debug, Args)]
pub struct IdArg {
    #[arg(value_parser = parse_id, help = ID_HELP)]
    pub id: PromiseId,
}

/// `trustladder edit …`
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct EditArgs {
    #[arg(value_parser = parse_id, help = ID_HELP)]
    pub id: PromiseId,
    /// What was promised, reworded.
    #[arg(long, group = "change")]
    pub what: Option<String>,
    /// Move it to another rung.
    #[arg(long, group = "change", value_parser = level_parser())]
    pub level: Option<Level>,
    #[arg(long, group = "change", value_name = "DATE|none", allow_hyphen_values = true, help = date_help("The new due date, or `none` to clear it"))]
    pub due: Option<String>,
}

/// `trustladder list …`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this colleague's promises (a handle, or a prefix of a handle or name).
    pub person: Option<String>,
    /// Only open promises.
    #[arg(long)]
    pub open: bool,
    /// Only promises I made.
    #[arg(long, conflicts_with = "theirs")]
    pub mine: bool,
    /// Only promises they made to me.
    #[arg(long)]
    pub theirs: bool,
    /// Only promises at this rung.
    #[arg(long, value_parser = level_parser())]
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
    /// Only this colleague (a handle, or a prefix of a handle or name); default: everyone active.
    pub person: Option<String>,
    /// Print JSON (see docs/FORMAT.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A command whose only option is `--json`.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON (see docs/FORMAT.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What the exit status means, at the end of `--help`.
const EXIT_HELP: &str = "Exit status: 0 on success; 1 when the command could not be done, with one line on stderr saying why and the data file left as it was (a change that finds another trustladder process saving waits for it, says so after a second, and gives up after 10 seconds); 2 for a usage mistake.";

const PERSON_HELP: &str =
    "The colleague: a handle, or an unambiguous prefix of a handle or name (any case)";
const ID_HELP: &str = "The promise's id, as 12 or #12";

fn date_help(what: &str) -> String {
    format!("{what}. Accepts {DATE_WORDS}")
}

fn level_parser() -> impl TypedValueParser<Value = Level> {
    PossibleValuesParser::new(["task", "result", "impact"]).try_map(|s| s.parse::<Level>())
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    match parse_iso(s) {
        Some(day) => Ok(day),
        None if is_out_of_range(s) => Err(format!(
            "'{s}' is outside the years 1 to 9999 that a date may fall in ({RANGE})"
        )),
        None => Err(format!("'{s}' is not a YYYY-MM-DD date")),
    }
}

/// Reads a promise id typed as `12` or `#12`.
pub fn parse_id(s: &str) -> Result<PromiseId, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
