//! The keys held between askings: in this process's own memory, first, and by a [`Holder`]
//! (the agent) between commands.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use secrecy::SecretString;

use crate::crypt::CryptError;
use crate::crypt::keyfile::Keys;

use super::kept_keys::forget_typed;
use super::key_file::key_file;

/// Where unlocked keys may be held between commands: the agent.
pub trait Holder {
    /// The keys' text held for `key_id`, if any.
    fn get(&self, key_id: &str) -> Result<Option<SecretString>, CryptError>;
    /// Hands the keys' text to the holder, to forget after `idle` unused.
    fn put(&self, key_id: &str, secret: &SecretString, idle: Duration) -> Result<(), CryptError>;
    /// Forgets the key `key_id` alone, keeping those of other ledgers; `false` when it was
    /// not held.
    fn forget(&self, key_id: &str) -> Result<bool, CryptError>;
}

/// A holder that holds nothing: for the merge driver's tests and the like.
pub struct NoHolder;

impl Holder for NoHolder {
    fn get(&self, _: &str) -> Result<Option<SecretString>, CryptError> {
        Ok(None)
    }
    fn put(&self, _: &str, _: &SecretString, _: Duration) -> Result<(), CryptError> {
        Ok(())
    }
    fn forget(&self, _: &str) -> Result<bool, CryptError> {
        Ok(false)
    }
}

/// Keys this process has unlocked, by key id: asked once per process.
static UNLOCKED: Mutex<Vec<(String, Arc<Keys>)>> = Mutex::new(Vec::new());

/// The keys this process already holds for `key_id`.
pub(super) fn held(key_id: &str) -> Option<Arc<Keys>> {
    let held = UNLOCKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    held.iter()
        .find(|(id, _)| id == key_id)
        .map(|(_, k)| Arc::clone(k))
}

/// Whether this process holds the key the key file of `data` names: the terminal UI's reload
/// that fails while it does failed for another reason (the file damaged or cut off), which
/// no passphrase mends. `false` when the key file does not read.
pub fn holds_key_of(data: &Path) -> bool {
    key_file(data).is_ok_and(|file| held(&file.main).is_some())
}

/// Keeps `keys` for the rest of this process (until [`forget_all`]).
pub fn remember(keys: Keys) -> Arc<Keys> {
    let keys = Arc::new(keys);
    let mut held = UNLOCKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    held.retain(|(id, _)| *id != keys.key_id());
    held.push((keys.key_id(), Arc::clone(&keys)));
    keys
}

/// Drops every key this process holds, and every passphrase typed ([`TYPED`]): the terminal
/// UI locking itself after the idle time.
///
/// [`TYPED`]: super::kept_keys::TYPED
pub fn forget_all() {
    UNLOCKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    forget_typed();
}
