//! The variables the program reads for the passphrase and the key file's work factor: empty
//! is unset, as for every variable.

use crate::crypt::CryptError;

/// The variable naming a command whose output is the passphrase, as restic's and borg's.
pub const PASSPHRASE_COMMAND_ENV: &str = "TRUSTLADDER_PASSPHRASE_COMMAND";

/// The variable the passphrase command is run with, naming the key whose passphrase it is
/// asked for: [`FOR_LEDGER`] for the ledger's own, else the file of an older key kept in the
/// backups folder, whose passphrase may be another (the one of its time), so that a script
/// answers for each key.
pub const PASSPHRASE_FOR_ENV: &str = "TRUSTLADDER_PASSPHRASE_FOR";

/// What [`PASSPHRASE_FOR_ENV`] holds when the ledger's own key is asked for.
pub const FOR_LEDGER: &str = "ledger";

/// The variable naming a command whose output is the new passphrase, for `passphrase` and
/// `recover` run from a script.
pub const NEW_PASSPHRASE_COMMAND_ENV: &str = "TRUSTLADDER_NEW_PASSPHRASE_COMMAND";

/// The variable setting scrypt's work factor (log2 N) for a new key file. Unset, it is what
/// takes about a second here; the tests set it low, as they need no protection.
pub const WORK_FACTOR_ENV: &str = "TRUSTLADDER_KDF_WORK_FACTOR";

/// The value of a variable that is set and not empty: `VAR=` unsets it, as it does the other
/// variables the program reads (TRUSTLADDER_FILE, TRUSTLADDER_CONFIG).
pub(super) fn set(var: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(var).filter(|v| !v.is_empty())
}

/// The highest work factor [`WORK_FACTOR_ENV`] may set. age opens a key file only up to 4
/// above the factor that takes a second on the machine opening it (which is 16 or more on any
/// machine made in the last decade), so a higher one could make a key file that this machine
/// or the next one in a sync refuses, and the ledger with it.
pub const MAX_WORK_FACTOR: u8 = 16;

/// scrypt's work factor for a new key file: the number [`WORK_FACTOR_ENV`] holds, from 1 to
/// [`MAX_WORK_FACTOR`], or `None` when it is unset (about a second's work on this machine, as
/// age chooses). Anything else is refused before a key file is written.
pub fn work_factor() -> Result<Option<u8>, CryptError> {
    // Set but empty is unset, as for every other variable here.
    let Some(value) = set(WORK_FACTOR_ENV) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<u8>() {
        Ok(n) if (1..=MAX_WORK_FACTOR).contains(&n) => Ok(Some(n)),
        _ => Err(CryptError::WorkFactor(text.into_owned())),
    }
}
