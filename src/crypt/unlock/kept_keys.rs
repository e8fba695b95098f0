//! The older keys kept in the backups folder, for the backups sealed before the ledger was
//! encrypted again: which one seals a file, opened with a passphrase given already where it
//! opens them, and why one was not opened.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use secrecy::SecretString;

use crate::crypt::CryptError;
use crate::crypt::keyfile::{KeyFile, Keys, kept_key_paths, key_path};

use super::Asking;
use super::held::{Holder, held, remember};
use super::key_file::{key_file, plain_ledger_key_path};
use super::policy::Ask;
use super::sources::{find_keys_asking, keys_for};

/// Drops every passphrase typed ([`TYPED`]).
pub(super) fn forget_typed() {
    TYPED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
}

/// The keys kept in the backups folder that this process could not open, by main key, with
/// why: a backup sealed with none of the keys at hand asks for each once, not once per backup
/// (three prompts each, on a terminal).
pub(super) static UNOPENED_KEPT: Mutex<Vec<(String, Unopened)>> = Mutex::new(Vec::new());

/// The passphrases typed on the terminal that opened a key (the ledger's own, or an older one
/// kept in the backups folder), and the one the passphrase command printed for the ledger's
/// own, held for this process only (wiped when it ends), each with the main keys of the kept
/// keys it was tried on. They are tried on a kept key when a file sealed with one is opened
/// (`decrypt`, `restore-backup`, `check`), so that a kept key with a passphrase given already
/// asks for nothing more (nor runs the command again), and only then: unwrapping a key takes
/// about a second, which an `unlock` or a change would otherwise pay for every kept key.
pub(super) static TYPED: Mutex<Vec<(SecretString, Vec<String>)>> = Mutex::new(Vec::new());

/// The keys of `file`, an older kept key, opened with a passphrase typed already ([`TYPED`])
/// when one opens them; each passphrase is tried on each kept key once.
fn open_with_typed(file: &KeyFile) -> Option<Arc<Keys>> {
    let mut typed = TYPED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    typed.iter_mut().find_map(|(passphrase, tried)| {
        if tried.contains(&file.main) {
            return None;
        }
        tried.push(file.main.clone());
        file.unwrap(passphrase).ok().map(remember)
    })
}

/// What [`kept_keys_sealing`] found among the copies of older keys kept in the backups folder.
#[derive(Default)]
pub struct KeptSearch {
    /// The kept keys that seal the file, when one does.
    pub found: Option<Arc<Keys>>,
    /// Whether a kept key was opened (and did not seal the file).
    pub opened_other: bool,
    /// The kept keys that could not be opened, each with why.
    pub unopened: Vec<(PathBuf, Unopened)>,
    /// A kept copy that does not read, with what is wrong with it.
    pub damaged: Option<(PathBuf, String)>,
}

impl KeptSearch {
    /// The error of a file none of the keys at hand opens, naming the kept keys that were
    /// not opened and the passphrase that opens them; `None` where every kept key was opened.
    pub fn error(&self) -> Option<CryptError> {
        let Some((_, why)) = self.unopened.first() else {
            return self
                .damaged
                .as_ref()
                .map(|(key, why)| CryptError::KeptKeyDamaged {
                    key: key.display().to_string(),
                    why: why.clone(),
                });
        };
        Some(CryptError::SealedToKeptKey {
            keys: self
                .unopened
                .iter()
                .map(|(path, _)| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            why: why.which(),
        })
    }
}

/// Whether this process holds the key whose main key is `main`: an older key kept in the
/// backups folder that `check` opened, or not, as it says of each.
pub fn holds(main: &str) -> bool {
    held(main).is_some()
}

/// Looks among the copies of older keys kept in the backups folder of `data`
/// ([`kept_key_paths`]) for the one that seals `sealed`, passing by the key `skip` names (tried
/// already). The keys this process holds are looked at first, then those the passphrase typed
/// for the ledger's own key opens ([`open_with_typed`]): a backup sealed before the ledger was
/// decrypted and encrypted again opens so with the key of its time, with the same passphrase,
/// where it was not changed, without a word. Each of the others is then opened as
/// the ledger's own key is (the agent, the passphrase command, the terminal, its prompt naming
/// the copy): a file sealed with a key open already asks for no other.
pub fn kept_keys_sealing(
    data: &Path,
    sealed: &[u8],
    skip: Option<&str>,
    holder: &dyn Holder,
    ask: Ask,
) -> KeptSearch {
    let mut search = KeptSearch::default();
    let mut closed = Vec::new();
    // Every kept key read, whether held or passed by: read once, not again at each prompt.
    let mut mains = Vec::new();
    for path in kept_key_paths(data) {
        let file = match std::fs::read_to_string(&path)
            .map_err(|e| CryptError::Io(format!("{}: {e}", path.display())))
            .and_then(|text| KeyFile::parse(&text))
        {
            Ok(file) => file,
            Err(CryptError::KeyDamaged(why)) => {
                search.damaged.get_or_insert((path, why));
                continue;
            }
            Err(e) => {
                search.unopened.push((path, Unopened::of(&e)));
                continue;
            }
        };
        mains.push(file.main.clone());
        if skip == Some(file.main.as_str()) {
            continue;
        }
        match held(&file.main) {
            Some(keys) if keys.seals(sealed) => {
                search.found = Some(keys);
                return search;
            }
            Some(_) => search.opened_other = true,
            None => closed.push((path, file)),
        }
    }
    for (path, file) in &closed {
        // Opened meanwhile, by a passphrase typed at another copy's prompt, or opened now by
        // the one typed for the ledger.
        if let Some(keys) = held(&file.main).or_else(|| open_with_typed(file)) {
            if keys.seals(sealed) {
                search.found = Some(keys);
                return search;
            }
            search.opened_other = true;
            continue;
        }
        let unopened = UNOPENED_KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(main, _)| *main == file.main)
            .map(|(_, why)| why.clone());
        if let Some(why) = unopened {
            search.unopened.push((path.clone(), why));
            continue;
        }
        let label = format!("Passphrase of the older key kept in {}", path.display());
        // Asked again while what was typed opens another copy instead, which does not seal
        // the file: a passphrase mixed up costs no try of this one's. Each round opens one
        // more copy, so it ends.
        let failed = loop {
            let open_before = held_of(&mains);
            match find_keys_asking(file, data, holder, ask, &label, Some(path)) {
                Ok(keys) if keys.seals(sealed) => {
                    search.found = Some(keys);
                    return search;
                }
                Ok(_) => {
                    search.opened_other = true;
                    break None;
                }
                Err(_) if held_of(&mains) > open_before => {
                    search.opened_other = true;
                    if let Some(keys) = closed
                        .iter()
                        .filter_map(|(_, other)| held(&other.main))
                        .find(|keys| keys.seals(sealed))
                    {
                        search.found = Some(keys);
                        return search;
                    }
                }
                Err(e) => break Some(e),
            }
        };
        if let Some(e) = failed {
            // Remembered, so that a file sealed with another key does not ask for this one
            // again (three tries each), unless nothing was asked: no passphrase was at hand,
            // and the agent may hold it at the next look.
            let remember = !matches!(e, CryptError::Locked);
            let why = Unopened::of(&e);
            if remember {
                UNOPENED_KEPT
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((file.main.clone(), why.clone()));
            }
            search.unopened.push((path.clone(), why));
        }
    }
    // A copy passed by above, opened since by a passphrase typed at a later one's prompt.
    if let Some(keys) = closed
        .iter()
        .filter_map(|(_, file)| held(&file.main))
        .find(|keys| keys.seals(sealed))
    {
        search.found = Some(keys);
    }
    search
}

/// How many of the kept keys whose main keys are `mains` this process holds: more after a
/// prompt than before it, a passphrase typed there opened another of them.
fn held_of(mains: &[String]) -> usize {
    mains.iter().filter(|main| held(main).is_some()).count()
}

/// Opens with `passphrase`, typed on the terminal at one kept key's prompt, each older key
/// kept in the backups folder of `data` that this process does not hold yet (nor names
/// `except`, opened with it already) and that it opens, and keeps them ([`remember`]): a
/// passphrase typed at one kept key's prompt that is another's opens that one. Returns the
/// copies it opened. Nothing is kept of the passphrase itself.
pub(super) fn open_kept_with(data: &Path, except: &str, passphrase: &SecretString) -> Vec<PathBuf> {
    kept_key_paths(data)
        .into_iter()
        .filter(|path| {
            std::fs::read_to_string(path)
                .ok()
                .and_then(|text| KeyFile::parse(&text).ok())
                .filter(|file| file.main != except && held(&file.main).is_none())
                .and_then(|file| file.unwrap(passphrase).ok())
                .map(remember)
                .is_some()
        })
        .collect()
}

/// Why an older key kept in the backups folder was not opened: said in the error of a file
/// it may seal ([`Unopened::which`]), and on `check`'s line for the key ([`Unopened::said`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unopened {
    /// Three passphrases typed did not open it.
    Typed,
    /// The passphrase the command in the variable printed for it did not open it.
    Command(String),
    /// No passphrase was at hand: nothing could be asked, and the agent did not hold it.
    NotAtHand,
    /// It could not be opened for another reason, in words.
    Failed(String),
}

impl Unopened {
    pub(super) fn of(e: &CryptError) -> Unopened {
        match e {
            CryptError::WrongPassphrase(_) => Unopened::Typed,
            CryptError::WrongFromCommand { var, .. } => Unopened::Command(var.clone()),
            CryptError::Locked => Unopened::NotAtHand,
            e => Unopened::Failed(e.to_string()),
        }
    }

    /// In words that follow "which".
    pub fn which(&self) -> String {
        match self {
            Unopened::Typed => "the passphrase typed does not open".to_string(),
            Unopened::Command(var) => format!("the passphrase {var} printed for it does not open"),
            Unopened::NotAtHand => "no passphrase was at hand to open".to_string(),
            Unopened::Failed(e) => format!("could not be opened ({e})"),
        }
    }

    /// In words of their own, after "not open:", with what opens it where a passphrase does.
    pub fn said(&self) -> String {
        let why = match self {
            Unopened::Typed => "the passphrase typed is wrong for it".to_string(),
            Unopened::Command(var) => format!("{var} printed a wrong passphrase for it"),
            Unopened::NotAtHand => "no passphrase for it at hand".to_string(),
            Unopened::Failed(e) => return e.clone(),
        };
        format!(
            "{why}; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool"
        )
    }
}

/// The keys that open `sealed`, a file of the ledger at `data` (a backup): the ledger's own,
/// as [`keys_for`] gets them, else those of an older key kept in the backups folder that seal
/// it ([`kept_keys_sealing`]). Where none does, the ledger's own keys (opening the file says
/// why not), or an error naming the kept keys that could not be opened, with the passphrase
/// that opens them, where "not encrypted to this key" said nothing of them.
pub fn keys_for_sealed(
    data: &Path,
    sealed: &[u8],
    holder: &dyn Holder,
    ask: Ask,
) -> Result<Arc<Keys>, CryptError> {
    // The ledger's passphrase, then a kept key's, asked with echo off from the one to the
    // other, while the first is tried on the kept keys.
    let _asking = Asking::begin();
    let own = keys_for(data, holder, ask);
    if own.as_ref().is_ok_and(|keys| keys.seals(sealed)) || kept_key_paths(data).is_empty() {
        return own;
    }
    let own_main = key_file(data).ok().map(|file| file.main);
    let mut search = kept_keys_sealing(data, sealed, own_main.as_deref(), holder, ask);
    if let Some(keys) = search.found.take() {
        return Ok(keys);
    }
    match own {
        Ok(keys) => search.error().map_or(Ok(keys), Err),
        // Beside a plain ledger the ledger's own key is a kept one too: not opened, it is
        // named with the others where there were others to try, and alone where a passphrase
        // given did not open it, as the generic wrong passphrase's way out, `recover`, has
        // no key file of a plain ledger to set one in.
        Err(
            e @ (CryptError::WrongPassphrase(_)
            | CryptError::WrongFromCommand { .. }
            | CryptError::Locked),
        ) if !key_path(data).exists()
            && (search.opened_other
                || !search.unopened.is_empty()
                || !matches!(e, CryptError::Locked)) =>
        {
            if let Some(own) = plain_ledger_key_path(data) {
                search.unopened.insert(0, (own, Unopened::of(&e)));
            }
            search
                .error()
                .map_or_else(|| Err(CryptError::NotThisKey), Err)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::crypt::keyfile::kept_key_path;

    /// A holder that has the keys once they are given to it: the agent a command in another
    /// shell handed them to meanwhile.
    struct GivenLater(Mutex<Option<SecretString>>);

    impl Holder for GivenLater {
        fn get(&self, _: &str) -> Result<Option<SecretString>, CryptError> {
            Ok(self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone())
        }
        fn put(&self, _: &str, _: &SecretString, _: Duration) -> Result<(), CryptError> {
            Ok(())
        }
        fn forget(&self, _: &str) -> Result<bool, CryptError> {
            Ok(false)
        }
    }

    /// A passphrase typed opens an older kept key only when a file sealed with it is opened,
    /// not when typed (a second per key, for every `unlock`), and no more once the keys are
    /// forgotten (the terminal UI locking itself).
    #[test]
    fn a_passphrase_typed_opens_a_kept_key_when_one_is_needed_and_not_once_forgotten() {
        let typed = "typed for this test alone";
        let wrapped = || {
            let keys = Keys::generate(age::x25519::Identity::generate().to_public());
            let file = KeyFile::wrap(&keys, &SecretString::from(typed), Some(2)).unwrap();
            (keys, file)
        };
        let ((keys, file), (_, other)) = (wrapped(), wrapped());
        TYPED
            .lock()
            .unwrap()
            .push((SecretString::from(typed), Vec::new()));
        assert!(held(&file.main).is_none());
        let opened = open_with_typed(&file).expect("the passphrase typed opens it");
        assert_eq!(opened.key_id(), keys.key_id());
        assert!(held(&file.main).is_some());
        forget_typed();
        assert!(open_with_typed(&other).is_none());
        assert!(held(&other.main).is_none());
    }

    /// A kept key not at hand (no agent held it, nothing could be asked) was remembered as
    /// unopened for the rest of the process, like one a wrong passphrase was typed for three
    /// times: a terminal UI left open never looked at the agent for it again.
    #[test]
    fn a_kept_key_not_at_hand_is_looked_for_again_at_the_next_file() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        let keys = Keys::generate(age::x25519::Identity::generate().to_public());
        let file = KeyFile::wrap(&keys, &SecretString::from("then"), Some(2)).unwrap();
        std::fs::write(kept_key_path(&data), file.to_text()).unwrap();
        let sealed = keys.seal(b"{}").unwrap();
        let holder = GivenLater(Mutex::new(None));
        let search = kept_keys_sealing(&data, &sealed, None, &holder, Ask::Never);
        assert!(search.found.is_none());
        assert_eq!(search.unopened.len(), 1);
        assert_eq!(search.unopened[0].1, Unopened::NotAtHand);
        *holder.0.lock().unwrap() = Some(keys.secret());
        let search = kept_keys_sealing(&data, &sealed, None, &holder, Ask::Never);
        assert_eq!(
            search.found.map(|found| found.key_id()),
            Some(keys.key_id())
        );
    }

    /// `check`'s line on a kept key says what opens it where a passphrase was asked for and
    /// did not open it, and only there: a key file that could not be read is its error alone.
    #[test]
    fn a_kept_key_not_open_says_the_passphrase_of_its_time_only_where_one_was_asked() {
        assert_eq!(
            Unopened::Command("V".to_string()).said(),
            "V printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool"
        );
        assert_eq!(
            Unopened::NotAtHand.said(),
            "no passphrase for it at hand; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool"
        );
        assert_eq!(
            Unopened::Failed("k: permission denied".to_string()).said(),
            "k: permission denied"
        );
    }
}
