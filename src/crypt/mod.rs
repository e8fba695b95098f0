//! The private ledger: the data file, its backups and what sync pushes, encrypted with age
//! to a main key (kept in a key file, wrapped by the passphrase) and a recovery key (printed
//! once, kept offline). See docs/PRIVACY.md.
//!
//! [`agent`] holds unlocked keys in memory between commands, so that a person types the
//! passphrase once per sitting, not once per command.

pub mod agent;
mod echo;
pub mod envelope;
mod header;
pub mod keyfile;
mod stream;
pub use stream::SealedOut;
pub mod unlock;

/// A ledger file's bytes in plain text, and the keys that opened them when they were sealed
/// (the keys to seal what is written back with).
pub struct Opened {
    pub bytes: zeroize::Zeroizing<Vec<u8>>,
    pub keys: Option<std::sync::Arc<keyfile::Keys>>,
}

/// The plain bytes of `bytes`, read from a file of the ledger at `data` (the data file, a
/// backup, one of git's versions of it): themselves when plain, opened with the ledger's keys
/// when sealed, the keys got as [`unlock::keys_for`] gets them.
pub fn opened(
    data: &std::path::Path,
    bytes: Vec<u8>,
    ask: unlock::Ask,
) -> Result<Opened, CryptError> {
    if !envelope::is_sealed(&bytes) {
        return Ok(Opened {
            bytes: zeroize::Zeroizing::new(bytes),
            keys: None,
        });
    }
    let keys = unlock::keys_for(data, &*holder(data), ask)?;
    Ok(Opened {
        bytes: keys.open(&bytes)?,
        keys: Some(keys),
    })
}

/// [`opened`] for a backup of the ledger at `data`: one sealed with an older key kept in the
/// backups folder (from before the ledger was encrypted again) opens with that key
/// ([`unlock::keys_for_sealed`]), and [`Opened::keys`] are the keys that opened it.
pub fn opened_backup(
    data: &std::path::Path,
    bytes: Vec<u8>,
    ask: unlock::Ask,
) -> Result<Opened, CryptError> {
    if !envelope::is_sealed(&bytes) {
        return opened(data, bytes, ask);
    }
    let keys = unlock::keys_for_sealed(data, &bytes, &*holder(data), ask)?;
    Ok(Opened {
        bytes: keys.open(&bytes)?,
        keys: Some(keys),
    })
}

/// The holder of unlocked keys for the ledger at `data`: the agent, on its socket in
/// `$TRUSTLADDER_AGENT_DIR`, else `$XDG_RUNTIME_DIR`, else the data file's folder.
pub fn holder(data: &std::path::Path) -> Box<dyn unlock::Holder> {
    Box::new(agent_of(data))
}

fn agent_of(data: &std::path::Path) -> agent::Agent {
    let folder = data.parent().unwrap_or(std::path::Path::new("."));
    agent::Agent::new(agent::socket_dir(folder))
}

/// The keys of the encrypted ledger at `data`, got as [`unlock::keys_for`] gets them.
pub fn keys_of(
    data: &std::path::Path,
    ask: unlock::Ask,
) -> Result<std::sync::Arc<keyfile::Keys>, CryptError> {
    unlock::keys_for(data, &*holder(data), ask)
}

/// The keys of the encrypted ledger at `data` and the plain text the agent keeps of its
/// sealed bytes that hash to `sealed` (or memory to decrypt them into, as `lease` allows), in
/// one exchange with the agent: a command needs both, and each exchange waits for the agent
/// to be scheduled. `None` where the agent does not give the keys: the caller gets them as
/// [`keys_of`] does, and asks for the text with them ([`kept_text`]).
pub fn keys_and_kept_text(
    data: &std::path::Path,
    sealed: u128,
    lease: agent::Lease,
    ask: unlock::Ask,
) -> Option<(std::sync::Arc<keyfile::Keys>, Option<agent::KeptText>)> {
    unlock::keys_from_agent_with(data, ask, |key_id| {
        agent_of(data).text_and_key(key_id, sealed, lease).ok()
    })
}

/// The plain text the agent keeps of the bytes of the ledger at `data` sealed with `keys`,
/// which hash as `sealed_hash` gives (see [`keep_text`]; made only where an agent listens),
/// lent as `lease` says for as long as the lease is kept (every mapping of the file must go
/// before it). `None` when no agent runs, or it keeps no text of these bytes: the caller
/// opens them itself.
pub fn kept_text(
    data: &std::path::Path,
    keys: &keyfile::Keys,
    sealed_hash: impl FnOnce() -> u128,
    lease: agent::Lease,
) -> Option<agent::KeptText> {
    agent_of(data)
        .text(&keys.key_id(), sealed_hash, Some(lease))
        .ok()
        .flatten()
}

/// Whether an agent's socket is there for the ledger at `data`: where none is, no agent is
/// asked for a text, and the hash it would be asked by need not be made.
pub fn agent_listens(data: &std::path::Path) -> bool {
    agent_of(data).socket().exists()
}

/// Whether a sealed file of `len` bytes is one whose plain text the agent keeps: one large
/// enough that a command maps it (smaller ones cost less to decrypt than to ask for), and
/// not too large for the agent to open without keeping the next command waiting.
pub fn text_kept_for(len: u64) -> bool {
    (crate::store::mapped::MAP_FROM..=agent::MAX_TEXT).contains(&len)
}

/// Asks the agent holding `keys` to open the ledger at `data` and keep its plain text, for
/// the next command to be handed by [`kept_text`]: as it is now (a file a command had to open
/// itself), or, `saved`, once saves to it have settled. A convenience: whatever goes wrong,
/// nothing is said, and the next command opens the file itself.
pub fn keep_text(data: &std::path::Path, keys: &keyfile::Keys, saved: bool) {
    if let Ok(path) = std::path::absolute(data) {
        let _ = agent_of(data).remember(&keys.key_id(), &path, saved);
    }
}

impl unlock::Holder for agent::Agent {
    fn get(&self, key_id: &str) -> Result<Option<secrecy::SecretString>, CryptError> {
        agent::Agent::get(self, key_id).map_err(|e| CryptError::Agent(e.to_string()))
    }
    fn put(
        &self,
        key_id: &str,
        secret: &secrecy::SecretString,
        idle: std::time::Duration,
    ) -> Result<(), CryptError> {
        agent::Agent::put(self, key_id, secret, idle).map_err(|e| CryptError::Agent(e.to_string()))
    }
    fn forget(&self, key_id: &str) -> Result<bool, CryptError> {
        agent::Agent::forget(self, key_id).map_err(|e| CryptError::Agent(e.to_string()))
    }
}

/// What a wrong passphrase leaves the user with, said after it with what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaves {
    /// A command that reads or changes the ledger: nothing was changed.
    Unchanged,
    /// `unlock`, which changes no file anyway: what it was run for is what is missing, a
    /// ledger every command opens without asking.
    Locked,
}

impl std::fmt::Display for Leaves {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Leaves::Unchanged => write!(f, "nothing was changed {}", unlock::HINT),
            Leaves::Locked => write!(
                f,
                "the ledger stays locked, so every command will ask for the passphrase: run `trustladder unlock` again {}",
                unlock::HINT
            ),
        }
    }
}

/// Why an encrypted ledger could not be opened or sealed; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("wrong passphrase; {0}")]
    WrongPassphrase(Leaves),
    /// Encrypted, and no key at hand: nothing asked, because nothing could answer.
    #[error(
        "encrypted and locked: run `trustladder unlock` first, or set {var} to a command that prints the passphrase",
        var = unlock::PASSPHRASE_COMMAND_ENV
    )]
    Locked,
    #[error(
        "the key file {key} is missing: put it back from a backup or another machine, or run `trustladder recover --key FILE` with the recovery key"
    )]
    KeyFileMissing { key: String },
    /// The passphrase command failed, or printed no passphrase: said with the way out, as a
    /// wrong passphrase from it is, not only what went wrong.
    #[error(
        "the passphrase command in {var}: {why}; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
    )]
    PassphraseCommand { var: String, why: String },
    /// The passphrase command's passphrase opens no key file of the ledger: said as its other
    /// failures are (nobody typed it), and told apart so a sync can fetch and try again.
    #[error("the passphrase command in {var}: it printed a wrong passphrase; {leaves}")]
    WrongFromCommand { var: String, leaves: Leaves },
    #[error("an empty passphrase (or one of blanks alone) protects nothing; choose one")]
    EmptyPassphrase,
    /// Blanks alone printed by the command in `var`: named, as its other failures are, since
    /// nobody was asked to choose one and "choose one" did not say where it came from.
    #[error(
        "the passphrase the command in {var} printed is blanks alone, which protects nothing; nothing was changed: make it print the passphrase"
    )]
    BlankFromCommand { var: String },
    /// A control character (a tab, an escape) in what the command in `var` printed: the
    /// prompt takes none, so such a passphrase could only ever be given by a command, never
    /// typed.
    #[error(
        "the passphrase the command in {var} printed has a control character (a tab, an escape), so it could never be typed at the prompt; make it print one without"
    )]
    UntypablePassphrase { var: String },
    #[error("the two passphrases differ; nothing was changed")]
    PassphrasesDiffer,
    #[error("could not read the passphrase: {0}")]
    Prompt(String),
    #[error("the encrypted file is damaged or cut off")]
    Damaged,
    /// Sealed to other keys than the key file's: another machine's own, or a `recover` that
    /// was making new keys and was stopped half-way (its files are open to the recovery key).
    /// Or a backup sealed before the ledger was encrypted again with new keys (a `decrypt`
    /// and an `encrypt` since, here or on another machine). Or its header damaged where a key
    /// is wrapped: age cannot tell these apart, so the message names every way back.
    #[error(
        "the file is not encrypted to this key (a `trustladder recover --key FILE` stopped half-way is finished by running it again; one sealed before the ledger was encrypted again with new keys opens with the recovery key of that time and the `age` tool), or its header is damaged (`trustladder check` lists the backups `trustladder restore-backup` puts back)"
    )]
    NotThisKey,
    #[error("the file was encrypted by a newer age format than this version reads")]
    Newer,
    /// Why a key file's text does not read: said by [`unlock::keys_for`] as
    /// [`CryptError::KeyFileDamaged`], with the file and the way back.
    #[error("the key file is damaged: {0}")]
    KeyDamaged(String),
    #[error(
        "the key file {key} is damaged ({why}): put it back from a backup or another machine, or run `trustladder recover --key FILE` with the recovery key"
    )]
    KeyFileDamaged { key: String, why: String },
    /// A key file this user may not read: whole, and nothing to recover, only its owner or
    /// mode to put right (`fix`).
    #[error(
        "the key file {key} cannot be read by this user (permission denied), so nothing encrypted opens; it is not damaged: {fix}"
    )]
    KeyFileUnreadable { key: String, fix: String },
    /// The copy of the key file kept for backups sealed before another machine's `decrypt`.
    #[error(
        "the key file {key}, kept for the backups sealed before the ledger was decrypted, is damaged ({why}): put it back from the backups folder of another machine that synced the decrypt; the ledger itself is plain and opens without it"
    )]
    KeptKeyDamaged { key: String, why: String },
    /// Sealed with none of the keys at hand, while older keys of the ledger kept in the
    /// backups folder (for the backups sealed before it was encrypted again) were not opened:
    /// named, with the passphrase that opens them.
    #[error(
        "the file is not sealed to this ledger's key, and may be to an older one kept in {keys} for the backups sealed with it, which {why}: that key opens with the passphrase the ledger had when it was encrypted with it (`trustladder decrypt` and `trustladder restore-backup` ask for it after the ledger's own, in a terminal; {var} is run for it with {for_var} set to that key's file), or open the file with the recovery key of that time and the `age` tool",
        var = unlock::PASSPHRASE_COMMAND_ENV,
        for_var = unlock::PASSPHRASE_FOR_ENV
    )]
    SealedToKeptKey { keys: String, why: String },
    /// Beside a plain ledger, the passphrase given for the older key kept for its sealed
    /// backups does not open it: the generic wrong passphrase sent the user to `recover`,
    /// which has no key file of a plain ledger to set a passphrase in.
    #[error(
        "the backups still sealed open with the older key kept in {key}, which {why}: it opens with the passphrase the ledger had when it was encrypted with it (asked for in a terminal; {var} is run for it with {for_var} set to that file), or open each backup with the recovery key of that time and the `age` tool; nothing was changed",
        var = unlock::PASSPHRASE_COMMAND_ENV,
        for_var = unlock::PASSPHRASE_FOR_ENV
    )]
    KeptKeyNotOpened { key: String, why: String },
    #[error(
        "{var} must be a number from 1 to {max}, not {0:?} (unset, it is what takes about a second here)",
        var = unlock::WORK_FACTOR_ENV,
        max = unlock::MAX_WORK_FACTOR
    )]
    WorkFactor(String),
    #[error("{0}")]
    Agent(String),
    #[error("could not encrypt: {0}")]
    Seal(String),
    #[error("{0}")]
    Io(String),
}

impl CryptError {
    /// This error as `unlock` says it: a wrong passphrase there leaves the ledger locked,
    /// which "nothing was changed" did not say.
    pub fn unlocking(self) -> CryptError {
        match self {
            CryptError::WrongPassphrase(_) => CryptError::WrongPassphrase(Leaves::Locked),
            CryptError::WrongFromCommand { var, .. } => CryptError::WrongFromCommand {
                var,
                leaves: Leaves::Locked,
            },
            other => other,
        }
    }
}
