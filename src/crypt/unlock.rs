//! Getting the keys of an encrypted ledger without a prompt per command: from this process's
//! own memory, then from the agent (`trustladder unlock`), then from the command named by
//! `TRUSTLADDER_PASSPHRASE_COMMAND` (for scripts), and only then by asking on the terminal, three
//! tries. With neither a terminal nor that command it fails at once, naming both ways: it
//! never waits for input that cannot come.
//!
//! Each part has a file: whether this process may ask at all (`policy`), the keys held
//! between askings (`held`), the key file read for a ledger (`key_file`), the sources in
//! their order (`sources`), the passphrase command (`command`) and the terminal's prompts
//! and their tries (`prompts`), the older keys kept in the backups folder (`kept_keys`), the
//! variables read and the work factor (`env`), and how long keys are held unused (`idle`).

mod command;
mod env;
mod held;
mod idle;
mod kept_keys;
mod key_file;
mod policy;
mod prompts;
mod sources;

/// Held by a command across the several passphrases it asks for, so that echo stays off from
/// the first prompt to the last.
pub use super::echo::Asking;

pub use command::run_passphrase_command;
pub use env::{
    FOR_LEDGER, MAX_WORK_FACTOR, NEW_PASSPHRASE_COMMAND_ENV, PASSPHRASE_COMMAND_ENV,
    PASSPHRASE_FOR_ENV, WORK_FACTOR_ENV, work_factor,
};
pub use held::{Holder, NoHolder, forget_all, holds_key_of, remember};
pub use idle::{DEFAULT_IDLE, LOCK_AFTER_ENV, idle_text, lock_after, parse_idle};
pub use kept_keys::{KeptSearch, Unopened, holds, kept_keys_sealing, keys_for_sealed};
pub use key_file::{also_look_in, key_file, key_file_to_ask, unwrap_any};
pub use policy::{Ask, agent_only, never_ask, policy, ui_on_screen, ui_opening};
pub use prompts::new_passphrase;
pub use sources::{agent_fault, keys_by_passphrase, keys_for, keys_from_agent_with};

/// What a wrong passphrase's message adds, however it was given: the terminal's
/// ([`CryptError::WrongPassphrase`]) and the passphrase command's say the same.
///
/// [`CryptError::WrongPassphrase`]: super::CryptError::WrongPassphrase
pub const HINT: &str = "(a passphrase changed on another machine is the one here too once synced; forgotten, `trustladder recover --key FILE` sets a new one)";
