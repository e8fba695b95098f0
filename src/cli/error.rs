//! Why a command failed. Every variant's message names the thing at fault, and the whole
//! message is printed as one sanitized line, so an odd input cannot spill over several lines or
//! send escape codes to the terminal.

use crate::core::LedgerError;
use crate::core::dates::DateError;
use crate::core::text::sanitize;
use crate::store::StoreError;

/// A failed command; printed as `trustladder: <message>` with exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("--{flag}: {source}")]
    Date {
        flag: &'static str,
        #[source]
        source: DateError,
    },
    /// A day that must have passed, given as one still to come: the days the flag takes are
    /// named, as the refusal of a day before a promise was made names them.
    #[error(
        "--{flag}: {day} is after today ({today}); {why}: give --{flag} {today} or an earlier day"
    )]
    FutureDay {
        flag: &'static str,
        day: chrono::NaiveDate,
        today: chrono::NaiveDate,
        why: &'static str,
    },
    /// A word given to `trustladder dates`.
    #[error(transparent)]
    DateWord(DateError),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error("could not write JSON: {0}")]
    Json(serde_json::Error),
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    #[error("--every: {0}")]
    Cadence(#[from] crate::core::touch::CadenceError),
    #[error("{0}")]
    Import(String),
    #[error(transparent)]
    Output(#[from] crate::store::output::OutputError),
    #[error("could not write the export: {0}")]
    Export(String),
    /// `export --format json` of a file from a newer trustladder: this version's JSON of it
    /// would leave out what it does not know, under the newer version's number.
    #[error(
        "{path}: written by a newer trustladder (format version {}; this one knows {}), so a JSON export here would leave out what this version does not know. Nothing was exported; copy the file itself, or export with the program that wrote it (csv, md and ics work here)",
        crate::store::version_text(*.version),
        crate::store::Format::CURRENT.version
    )]
    NewerExport { path: String, version: u64 },
    /// Standard output could not take what a command printed (a full disk under `>`).
    #[error("could not write the output: {0}")]
    Write(String),
    /// Standard output's reader went away (a pipe closed early, `| head -1`): the reader's
    /// choice, no failure for a command that only shows; a change saved says it was saved
    /// ([`CliError::WriteAfterChange`]).
    #[error("could not write the output: {0}")]
    ReaderGone(String),
    /// [`CliError::Write`] after the command changed the data file.
    #[error("the change was saved, but its output could not be written: {0}")]
    WriteAfterChange(String),
    /// [`CliError::Write`] after a command wrote the file named first (`config init`).
    #[error("{0} was written, but the message saying so could not be: {1}")]
    WrittenUnsaid(String, String),
    /// The remote could not be reached: this machine's changes are committed and wait.
    #[error("{0}")]
    Offline(String),
    /// The remote would not take the push: what was committed and merged here, and why.
    #[error("{0}")]
    PushRefused(String),
    /// Not an error: something needs attention (`status` found overdue promises). The text is
    /// the command's output, printed on stdout, and the process exits with 1.
    #[error("{0}")]
    Attention(String),
    /// A command's own refusal of what was typed that the argument parser could not check (a
    /// recovery key file that holds no key, a flag given after `dates`' words).
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Agent(#[from] crate::crypt::agent::AgentError),
}

impl From<LedgerError> for CliError {
    fn from(e: LedgerError) -> Self {
        CliError::Store(StoreError::Ledger(e))
    }
}

/// The exit code of a sync that could not reach its remote (its changes are committed and
/// wait to be pushed): distinct, so a script or a prompt can tell it from a failure.
pub const OFFLINE: u8 = 3;

impl CliError {
    /// The process's exit code: 1, [`OFFLINE`], or the agent's
    /// [`ALREADY_RUNNING`](crate::crypt::agent::ALREADY_RUNNING).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Offline(_)
            | CliError::Sync(
                crate::sync::SyncError::Unreachable { .. }
                | crate::sync::SyncError::WrongOffline { .. },
            ) => OFFLINE,
            CliError::Agent(e) => e.exit_code(),
            _ => 1,
        }
    }

    /// The one line printed on stderr.
    pub fn line(&self) -> String {
        let message = match self {
            CliError::Store(StoreError::Ledger(LedgerError::Text(e))) => e.typed(),
            e => e.to_string(),
        };
        format!("trustladder: {}", sanitize(&message))
    }
}
