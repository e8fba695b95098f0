//! Which key file opens the ledger (the one beside it, else beside a plain ledger the copy a
//! sync lent or the one kept for its sealed backups), its damage named with the file, and the
//! key files of the same key another machine rewrapped.

use std::path::{Path, PathBuf};

use secrecy::SecretString;

use crate::crypt::keyfile::{
    KeyFile, Keys, kept_key_path, kept_key_paths, key_path, lent_key_path,
};
use crate::crypt::{CryptError, Leaves};

/// Reads the key file of `data`, naming it when it is missing. Beside a plain ledger whose
/// key file another machine's `decrypt` took away, the copy kept for the backups still sealed
/// here ([`kept_key_path`]) is read instead, or the one a sync lent for its merge
/// ([`lent_key_path`]) while it is there.
pub fn key_file(data: &Path) -> Result<KeyFile, CryptError> {
    if let Some(file) = KeyFile::read(data)? {
        return Ok(file);
    }
    if let Some(kept) = plain_ledger_key_path(data) {
        let text = std::fs::read_to_string(&kept)
            .map_err(|e| CryptError::Io(format!("{}: {e}", kept.display())))?;
        return KeyFile::parse(&text);
    }
    Err(CryptError::KeyFileMissing {
        key: key_path(data).display().to_string(),
    })
}

/// The older key kept in the backups folder that [`key_file`] reads as the ledger's own beside
/// a plain ledger, where it reads one: what the passphrase command is asked for then.
pub(super) fn own_kept_copy(data: &Path) -> Option<PathBuf> {
    if key_path(data).exists() {
        return None;
    }
    plain_ledger_key_path(data).filter(|path| *path != lent_key_path(data))
}

/// The key file [`key_file`] reads beside a plain ledger, where there is one: the one lent
/// for a merge before the copy kept for the backups, which may be another encryption's.
pub(super) fn plain_ledger_key_path(data: &Path) -> Option<PathBuf> {
    if crate::crypt::envelope::sealed_on_disk(data) {
        return None;
    }
    std::iter::once(lent_key_path(data))
        .chain(kept_key_paths(data))
        .find(|path| path.exists())
}

/// The key file of `data` as [`key_file`] reads it, with the part the passphrase opens checked
/// as far as it can be without it, and a damage named with the file: what the terminal UI
/// looks at before it asks for a passphrase that could open nothing.
pub fn key_file_to_ask(data: &Path) -> Result<KeyFile, CryptError> {
    key_file(data)
        .and_then(|file| file.verify_main().map(|()| file))
        .map_err(|e| damage_named(data, e))
}

/// Says on stderr, once per process, that the key file opened but is damaged elsewhere (its
/// part for the recovery key, which only `recover` reads): that damage would show only on the
/// day the recovery key is needed, and `check` alone named it.
pub(super) fn say_damage_once(file: &KeyFile, data: &Path) {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    // The key file beside the ledger ([`key_file`] reads it whenever it is there), not the
    // copy kept for a plain ledger's backups.
    if key_path(data).exists()
        && let Err(e) = file.verify()
    {
        let why = match e {
            CryptError::KeyDamaged(why) => why,
            e => e.to_string(),
        };
        stderr_line!(
            "trustladder: note: the ledger opens, but {}",
            CryptError::KeyFileDamaged {
                key: key_path(data).display().to_string(),
                why,
            }
        );
    }
}

/// A key file's damage said with the file it is in.
pub(super) fn damage_named(data: &Path, e: CryptError) -> CryptError {
    match e {
        // The file [`key_file`] read: the kept copy for a plain ledger's sealed backups.
        CryptError::KeyDamaged(why)
            if !key_path(data).exists() && !crate::crypt::envelope::sealed_on_disk(data) =>
        {
            CryptError::KeptKeyDamaged {
                key: plain_ledger_key_path(data)
                    .unwrap_or_else(|| kept_key_path(data))
                    .display()
                    .to_string(),
                why,
            }
        }
        CryptError::KeyDamaged(why) => CryptError::KeyFileDamaged {
            key: key_path(data).display().to_string(),
            why,
        },
        e => e,
    }
}

/// Where else a key file of the ledger at a path may be found: the one another machine
/// changed, as git fetched it (`sync::key_file_changed_there`), which the program hands in
/// at start ([`also_look_in`]); the store does not run git itself.
static OTHER_KEY_FILES: std::sync::OnceLock<fn(&Path) -> Vec<String>> = std::sync::OnceLock::new();

/// Sets where [`OTHER_KEY_FILES`] are found, once.
pub fn also_look_in(find: fn(&Path) -> Vec<String>) {
    let _ = OTHER_KEY_FILES.set(find);
}

/// Unwraps the keys from `file` with `passphrase`, or, where it is wrong for that file, from
/// another key file of the same main key that it opens: the one another machine rewrapped
/// with a new passphrase, fetched by a sync, opens the ledger here too before the merge has
/// brought it (a sync there needed the old passphrase once, which the user may no longer
/// have, and a passphrase command that prints the new one failed every time).
pub fn unwrap_any(
    file: &KeyFile,
    data: &Path,
    passphrase: &SecretString,
) -> Result<Keys, CryptError> {
    match file.unwrap(passphrase) {
        Err(CryptError::WrongPassphrase(_)) => OTHER_KEY_FILES
            .get()
            .map(|find| find(data))
            .unwrap_or_default()
            .iter()
            .filter_map(|text| KeyFile::parse(text).ok())
            .filter(|other| other.main == file.main)
            .find_map(|other| other.unwrap(passphrase).ok())
            .ok_or(CryptError::WrongPassphrase(Leaves::Unchanged)),
        other => other,
    }
}
