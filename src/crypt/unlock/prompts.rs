//! The terminal's prompts and their tries: the passphrase that opens a key, and a new one
//! asked twice, echo off from the first prompt to the last.

use std::io::IsTerminal;
use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::crypt::keyfile::{KeyFile, Keys};
use crate::crypt::{CryptError, Leaves};

use super::Asking;
use super::command::run_passphrase_command;
use super::env::{NEW_PASSPHRASE_COMMAND_ENV, set};
use super::kept_keys::{TYPED, open_kept_with};
use super::key_file::unwrap_any;

/// How many times a passphrase is asked for before giving up.
const TRIES: usize = 3;

/// Asks for the passphrase on the terminal until it unwraps the keys, at most three times.
/// An Enter with nothing typed is no try (the terminal UI's field counts none either): it is
/// asked again, up to [`TRIES`] times in all, so input that has ended stops it. The passphrase
/// that opens it is held for the older keys kept in the backups folder ([`TYPED`]). At the
/// prompt of such a key (`kept`), one that opens another kept key
/// instead ends the asking with [`CryptError::WrongPassphrase`]: the copies do not say which
/// passphrase is whose, and this one is asked for again where a file needs it.
pub(super) fn ask_until_right(
    file: &KeyFile,
    data: &Path,
    label: &str,
    kept: bool,
) -> Result<Keys, CryptError> {
    let (mut wrong, mut empty) = (0, 0);
    // Echo off from the first try to the last, the passphrase checked in between included.
    let asking = Asking::begin();
    loop {
        let passphrase = prompt(&asking, label)?;
        if passphrase.expose_secret().is_empty() {
            empty += 1;
            if empty >= TRIES {
                return Err(CryptError::Prompt("nothing was typed".to_string()));
            }
            stderr_line!("trustladder: nothing typed; type the passphrase, then Enter");
            continue;
        }
        match unwrap_any(file, data, &passphrase) {
            Ok(keys) => {
                TYPED
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((passphrase, vec![file.main.clone()]));
                return Ok(keys);
            }
            Err(CryptError::WrongPassphrase(_)) => {
                let opened = if kept {
                    open_kept_with(data, &file.main, &passphrase)
                } else {
                    Vec::new()
                };
                if !opened.is_empty() {
                    stderr_line!(
                        "trustladder: that passphrase opens the older key kept in {}, not this one",
                        opened
                            .iter()
                            .map(|path| path.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    return Err(CryptError::WrongPassphrase(Leaves::Unchanged));
                }
                wrong += 1;
                if wrong >= TRIES {
                    return Err(CryptError::WrongPassphrase(Leaves::Unchanged));
                }
                stderr_line!("trustladder: wrong passphrase");
            }
            other => return other,
        }
    }
}

/// Whether a passphrase can be asked for: standard input is a terminal, and so is the
/// process's own (`/dev/tty`), where the prompt reads and writes. A process with no
/// controlling terminal (started by `setsid`, or by a service given a terminal's descriptor)
/// has the first without the second: its prompt failed with "No such device or address",
/// naming neither `trustladder unlock` nor the passphrase command, where it is now said as a
/// script's command says it.
pub(super) fn terminal_to_ask_on() -> bool {
    std::io::stdin().is_terminal()
        && std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
}

/// Asks on the terminal without echoing what is typed, with the guard `asking` shares, which
/// puts the terminal back as it found it when the last asking ends, or when a signal ends the
/// program meanwhile. The keys are quiet before the prompt shows; after it, echo stays off
/// until then, so what is typed while the passphrase is checked is never shown.
fn prompt(asking: &Asking, text: &str) -> Result<SecretString, CryptError> {
    let read = asking.with_guard(|modes| match modes.map(|modes| (modes.quiet(), modes)) {
        Some((Ok(()), modes)) => {
            let read = show(text).and_then(|()| rpassword::read_password());
            // Should the signal keys not come back, the terminal stays as quiet as at the
            // prompt, echo off all the same, until the guard puts it back.
            let _ = modes.between();
            read
        }
        _ => rpassword::prompt_password(text),
    });
    // Copied once into the secret, at its exact size; what was read is wiped. (Handing the
    // String over would shrink it into a new buffer and leave the old one unwiped.)
    read.map(|typed| SecretString::from(Zeroizing::new(typed).as_str()))
        .map_err(|e| match e.kind() {
            // Ctrl-d: the prompt's line is ended on the terminal, as an Enter ends it, so
            // the error is not written on after the prompt; and said as what was done.
            std::io::ErrorKind::UnexpectedEof => {
                use std::io::Write;
                let _ = std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/tty")
                    .and_then(|mut tty| tty.write_all(b"\n"));
                CryptError::Prompt(
                    "the input ended (Ctrl-d) before a passphrase was typed".to_string(),
                )
            }
            _ => CryptError::Prompt(e.to_string()),
        })
}

/// Writes a prompt on the terminal.
fn show(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut tty = std::fs::OpenOptions::new().write(true).open("/dev/tty")?;
    tty.write_all(text.as_bytes())?;
    tty.flush()
}

/// A new passphrase: from `command_var`'s command when it is set, else asked twice on the
/// terminal. Empty (or blanks alone) is refused, and so are two that differ, and one from a
/// command with a control character in its first line, which could never be typed.
pub fn new_passphrase(command_var: &str) -> Result<SecretString, CryptError> {
    if let Some(command) = set(command_var) {
        let given = run_passphrase_command(&command.to_string_lossy(), command_var)?;
        if given.expose_secret().trim().is_empty() {
            return Err(CryptError::BlankFromCommand {
                var: command_var.to_string(),
            });
        }
        if given.expose_secret().chars().any(char::is_control) {
            return Err(CryptError::UntypablePassphrase {
                var: command_var.to_string(),
            });
        }
        return Ok(given);
    }
    if !terminal_to_ask_on() {
        // Said as a passphrase to unlock is, both ways named; the new one's told apart, as
        // "the passphrase" beside `passphrase`'s current one read as that.
        let which = if command_var == NEW_PASSPHRASE_COMMAND_ENV {
            " for the new one"
        } else {
            ""
        };
        return Err(CryptError::Prompt(format!(
            "no terminal to ask on{which}; run it in a terminal, or set {command_var} to a command that prints it"
        )));
    }
    // Asked again after a slip, as a passphrase to unlock is: three tries.
    let mut tries = 0;
    // Echo off from the first prompt to the last, as for the passphrase to unlock.
    let asking = Asking::begin();
    loop {
        tries += 1;
        let first = prompt(&asking, "New passphrase: ")?;
        let (refused, again) = if first.expose_secret().trim().is_empty() {
            (
                CryptError::EmptyPassphrase,
                "an empty passphrase protects nothing",
            )
        } else {
            let second = prompt(&asking, "The same again: ")?;
            if first.expose_secret() == second.expose_secret() {
                return Ok(first);
            }
            (CryptError::PassphrasesDiffer, "the two passphrases differ")
        };
        if tries >= TRIES {
            return Err(refused);
        }
        stderr_line!("trustladder: {again}; try again");
    }
}
