//! The ledger's keys from the first source that has them, in order: this process's memory,
//! the agent, the passphrase command, and the terminal's prompt.

use std::path::Path;
use std::sync::{Arc, Mutex};

use secrecy::SecretString;

use crate::crypt::CryptError;
use crate::crypt::keyfile::{KeyFile, Keys};

use super::command::run_command;
use super::env::{FOR_LEDGER, PASSPHRASE_COMMAND_ENV, set};
use super::held::{Holder, held, remember};
use super::idle::DEFAULT_IDLE;
use super::kept_keys::{TYPED, UNOPENED_KEPT, Unopened};
use super::key_file::{damage_named, key_file, own_kept_copy, say_damage_once, unwrap_any};
use super::policy::Ask;
use super::prompts::{ask_until_right, terminal_to_ask_on};

/// The keys of the encrypted ledger at `data`, by the first way that has them (see the module
/// doc). Keys asked for on the terminal are handed to the agent too, so the next command does
/// not ask again. A key file that does not read is named, with the way back, as a missing one
/// is.
pub fn keys_for(data: &Path, holder: &dyn Holder, ask: Ask) -> Result<Arc<Keys>, CryptError> {
    let file = key_file(data).map_err(|e| damage_named(data, e))?;
    let keys = find_keys(&file, data, holder, ask).map_err(|e| {
        // Beside a plain ledger its key is an older one kept in the backups folder: not
        // opened, it is remembered as [`kept_keys_sealing`] remembers one, so that a backup
        // looked for among the kept keys next (`check`) neither runs the passphrase command
        // nor unwraps it again, and says why once.
        let mut unopened = UNOPENED_KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !matches!(e, CryptError::Locked)
            && own_kept_copy(data).is_some()
            && !unopened.iter().any(|(main, _)| *main == file.main)
        {
            unopened.push((file.main.clone(), Unopened::of(&e)));
        }
        drop(unopened);
        damage_named(data, e)
    })?;
    if ask == Ask::Terminal {
        say_damage_once(&file, data);
    }
    Ok(keys)
}

/// The keys of the encrypted ledger at `data` as the agent gives them in an exchange that
/// asks for something else too: `exchange` is given the key's id and returns what it was
/// asked for with the secret, where the agent holds it. `None` where it does not (no agent,
/// the key not held, an agent older than this program): the caller then gets the keys as
/// [`keys_for`] does, which says why where that matters.
pub fn keys_from_agent_with<T>(
    data: &Path,
    ask: Ask,
    exchange: impl FnOnce(&str) -> Option<(T, Option<SecretString>)>,
) -> Option<(Arc<Keys>, T)> {
    let file = key_file(data).ok()?;
    let (asked, secret) = exchange(&file.main)?;
    let keys = keys_given(&file, &secret?).ok()??;
    if ask == Ask::Terminal {
        say_damage_once(&file, data);
    }
    Some((keys, asked))
}

/// The keys in `secret` as the agent gave it, remembered for this process, where they are the
/// ones `file` names; `None` where they are another key's.
fn keys_given(file: &KeyFile, secret: &SecretString) -> Result<Option<Arc<Keys>>, CryptError> {
    let keys = Keys::from_secret(secret)?;
    Ok((keys.key_id() == file.main).then(|| remember(keys)))
}

/// Why the agent could not be asked on the way to a ledger found locked, in a process that
/// may not say it on the terminal: the terminal UI's prompt says it ([`agent_fault`]), where
/// the UI waited for an agent that did not answer, or went on without one that could not
/// start, without a word.
static AGENT_FAULT: Mutex<Option<String>> = Mutex::new(None);

/// Why the agent could not be asked since this was last called, if it could not.
pub fn agent_fault() -> Option<String> {
    AGENT_FAULT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

fn find_keys(
    file: &KeyFile,
    data: &Path,
    holder: &dyn Holder,
    ask: Ask,
) -> Result<Arc<Keys>, CryptError> {
    find_keys_asking(file, data, holder, ask, "Passphrase", None)
}

/// [`find_keys`], the prompt on the terminal beginning with `label`; `kept`, the file of an
/// older key kept in the backups folder, for such a key ([`by_passphrase`]).
pub(super) fn find_keys_asking(
    file: &KeyFile,
    data: &Path,
    holder: &dyn Holder,
    ask: Ask,
    label: &str,
    kept: Option<&Path>,
) -> Result<Arc<Keys>, CryptError> {
    if let Some(keys) = held(&file.main) {
        return Ok(keys);
    }
    // An agent that cannot be asked (a folder of another user's, one that does not answer)
    // is passed by, as one that is not running: the passphrase command and the terminal still
    // work, and a command says why the agent did not help.
    let fault = match holder.get(&file.main) {
        Ok(Some(secret)) => {
            if let Some(keys) = keys_given(file, &secret)? {
                return Ok(keys);
            }
            None
        }
        Ok(None) => None,
        Err(e) if ask == Ask::Terminal => {
            stderr_line!("trustladder: {e}; going on without it");
            None
        }
        Err(e) => Some(e.to_string()),
    };
    // Kept for the prompt that follows a ledger found locked, and only then: a fault met on
    // the way to a key the passphrase command gave was said by the terminal UI's prompt an
    // hour later, at its idle lock, long after it was seen last.
    let locked = |fault: Option<String>| {
        *AGENT_FAULT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = fault;
        CryptError::Locked
    };
    // Said before anything is asked: no passphrase opens a key file damaged there, and
    // "locked" would send the user to `unlock`, which then asked for one in vain.
    file.verify_main()?;
    if ask == Ask::AgentOnly {
        return Err(locked(fault));
    }
    let (keys, typed) = match by_passphrase(file, data, ask, label, kept) {
        Err(CryptError::Locked) => return Err(locked(fault)),
        other => other?,
    };
    // The agent is a convenience: a command that cannot start one still works, and says
    // why the next one will ask again.
    if typed && let Err(e) = holder.put(&keys.key_id(), &keys.secret(), DEFAULT_IDLE) {
        stderr_line!("trustladder: {e}; the next command asks for the passphrase again");
    }
    Ok(remember(keys))
}

/// The keys of the encrypted ledger at `data` opened by its passphrase alone, from the
/// passphrase command or the terminal, never from this process's memory or the agent: what
/// `passphrase` asks before it sets a new one, so that a machine left unlocked does not let
/// whoever sits at it lock its owner out.
pub fn keys_by_passphrase(data: &Path) -> Result<Keys, CryptError> {
    // A key file damaged where the passphrase opens it is said before anything is asked.
    key_file(data)
        .and_then(|file| file.verify_main().map(|()| file))
        .and_then(|file| by_passphrase(&file, data, Ask::Terminal, "Current passphrase", None))
        .map(|(keys, _)| keys)
        .map_err(|e| match (e, own_kept_copy(data)) {
            // Beside a plain ledger (`decrypt` of its sealed backups) the key is a kept one.
            (
                e @ (CryptError::WrongPassphrase(_) | CryptError::WrongFromCommand { .. }),
                Some(key),
            ) => CryptError::KeptKeyNotOpened {
                key: key.display().to_string(),
                why: Unopened::of(&e).which(),
            },
            (e, _) => damage_named(data, e),
        })
}

/// Unwraps `file` with the passphrase from the passphrase command, else (when `ask` allows
/// and standard input is a terminal) typed after `label`; says whether it was typed. `kept`,
/// the file of an older key kept in the backups folder, for such a key ([`ask_until_right`]).
///
/// The command is run with [`PASSPHRASE_FOR_ENV`] naming that file, or the copy a plain
/// ledger's own key is read from ([`key_file`]), else [`FOR_LEDGER`]: a script answers for
/// each key, where it could print one passphrase only, and a kept key with another passphrase
/// opened with nothing but a terminal. What it prints for the ledger's own key is kept as a
/// passphrase typed is ([`TYPED`]), to be tried on a kept key before the command is run
/// again for it.
///
/// [`PASSPHRASE_FOR_ENV`]: super::PASSPHRASE_FOR_ENV
fn by_passphrase(
    file: &KeyFile,
    data: &Path,
    ask: Ask,
    label: &str,
    kept: Option<&Path>,
) -> Result<(Keys, bool), CryptError> {
    if let Some(command) = set(PASSPHRASE_COMMAND_ENV) {
        let asked_for = kept.map(Path::to_path_buf).or_else(|| own_kept_copy(data));
        let passphrase = run_command(
            &command.to_string_lossy(),
            PASSPHRASE_COMMAND_ENV,
            Some(
                asked_for
                    .as_deref()
                    .map_or(std::ffi::OsStr::new(FOR_LEDGER), Path::as_os_str),
            ),
        )?;
        // Named, as the command's other failures are: nobody typed this passphrase.
        return match unwrap_any(file, data, &passphrase) {
            Err(CryptError::WrongPassphrase(leaves)) => Err(CryptError::WrongFromCommand {
                var: PASSPHRASE_COMMAND_ENV.to_string(),
                leaves,
            }),
            Err(e) => Err(e),
            Ok(keys) => {
                if asked_for.is_none() {
                    TYPED
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((passphrase, vec![file.main.clone()]));
                }
                Ok((keys, false))
            }
        };
    }
    if ask == Ask::Terminal && terminal_to_ask_on() {
        let label = format!("{label} for {}: ", data.display());
        return ask_until_right(file, data, &label, kept.is_some()).map(|keys| (keys, true));
    }
    Err(CryptError::Locked)
}
