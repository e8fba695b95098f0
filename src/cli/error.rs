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
    #[error("could not write JSON: {0}")]
    Json(serde_json::Error),
}

impl From<LedgerError> for CliError {
    fn from(e: LedgerError) -> Self {
        CliError::Store(StoreError::Ledger(e))
    }
}

impl CliError {
    /// The one line printed on stderr.
    pub fn line(&self) -> String {
        format!("trustladder: {}", sanitize(&self.to_string()))
    }
}
