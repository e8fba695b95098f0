//! The key file beside an encrypted data file (`trustladder.json.key`): the main key, wrapped
//! by the passphrase with age's scrypt recipient, and the public keys the data file is sealed
//! to. It travels with the data file (sync commits it), so a second machine needs only the
//! passphrase; without the passphrase it opens nothing.
//!
//! ```text
//! # trustladder key file 1
//! main: age1…
//! recovery: age1…
//! -----BEGIN AGE ENCRYPTED FILE-----
//! …the main key and the recovery key's public half, sealed with the passphrase…
//! -----END AGE ENCRYPTED FILE-----
//! # The same keys sealed to the recovery key, for `trustladder recover`.
//! -----BEGIN AGE ENCRYPTED FILE-----
//! …the same, sealed to the recovery key (absent from key files made before it was kept)…
//! -----END AGE ENCRYPTED FILE-----
//! ```
//!
//! The second block gives the recovery key nothing it lacks (it opens every file already),
//! but it lets `recover` keep the main key: every machine's copy of the ledger stays open to
//! it, and only the passphrase changes, as with `passphrase`.
//!
//! The public lines say which keys these are before anything is unwrapped; the sealed part
//! holds them again, and only what it holds is used, so editing a public line cannot add a
//! recipient that would be sent the ledger.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::x25519;
use secrecy::{ExposeSecret, SecretString};

use super::{CryptError, Leaves};

/// The first line of a key file, with its version.
const FIRST_LINE: &str = "# trustladder key file 1";

/// Where the key file of `data` is: beside it, its name and `.key`.
pub fn key_path(data: &Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push(".key");
    data.with_file_name(name)
}

/// Where a copy of the key file is kept in the backups folder (the store's `backups/`, beside
/// the data file) when another machine's `decrypt` took the key file away while backups
/// sealed with it remain here: `decrypt` and `restore-backup` open them with it.
pub fn kept_key_path(data: &Path) -> PathBuf {
    let key = key_path(data);
    let folder = key.with_file_name("backups");
    folder.join(key.file_name().unwrap_or_default())
}

/// Every copy of a key file kept in the backups folder of `data`: the one at
/// [`kept_key_path`] first, then those [`kept_copy_path`] named apart, each a key of an
/// encryption before, kept for the backups sealed with it. The key lent to a merge is none.
pub fn kept_key_paths(data: &Path) -> Vec<PathBuf> {
    let first = kept_key_path(data);
    let lent = lent_key_path(data);
    let prefix = format!(
        "{}.",
        first.file_name().unwrap_or_default().to_string_lossy()
    );
    let mut others: Vec<PathBuf> = first
        .parent()
        .and_then(|folder| std::fs::read_dir(folder).ok())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(&prefix))
        })
        .map(|entry| entry.path())
        .filter(|path| *path != lent)
        .collect();
    others.sort();
    std::iter::once(first)
        .filter(|path| path.is_file())
        .chain(others)
        .collect()
}

/// Where a copy of the key file `text` is to be kept in the backups folder of `data`: the copy
/// of the same main key already kept, which it replaces (its passphrase may be newer), else
/// [`kept_key_path`] while that is free, else a name of its own that ends with the start of its
/// main key. A copy of another key is never written over: the backups sealed with that key
/// would then open only with the recovery key of its time.
pub fn kept_copy_path(data: &Path, text: &str) -> PathBuf {
    let first = kept_key_path(data);
    let Ok(file) = KeyFile::parse(text) else {
        return if first.exists() {
            let mut path = first.into_os_string();
            path.push(".damaged");
            PathBuf::from(path)
        } else {
            first
        };
    };
    let main_of = |path: &PathBuf| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| KeyFile::parse(&text).ok())
            .map(|kept| kept.main)
    };
    if let Some(same) = kept_key_paths(data)
        .into_iter()
        .find(|path| main_of(path).as_deref() == Some(file.main.as_str()))
    {
        return same;
    }
    if !first.exists() {
        return first;
    }
    let mut path = first.into_os_string();
    let id = file.main.strip_prefix("age1").unwrap_or(&file.main);
    path.push(format!(".{}", id.chars().take(12).collect::<String>()));
    PathBuf::from(path)
}

/// Where a sync lends a plain ledger the key file of a sealed version it merges (another
/// machine's changes sealed before it took a `decrypt` made here, or this machine's own
/// `encrypt` that a `git reset` took out), for that merge alone: beside the copy
/// [`kept_key_path`] keeps, which may be another encryption's key, kept for the backups sealed
/// with it, and stays as it is. Read before that copy while it is there.
pub fn lent_key_path(data: &Path) -> PathBuf {
    let mut path = kept_key_path(data).into_os_string();
    path.push(".lent");
    PathBuf::from(path)
}

/// The keys of an unlocked ledger: the main key (its secret half) and the recovery key's
/// public half, the two recipients every save is sealed to.
pub struct Keys {
    main: x25519::Identity,
    /// The main key's public half, worked out once: every request to the agent names it and
    /// every file sealed is sealed to it, and each working out is a multiplication on the
    /// curve.
    public: x25519::Recipient,
    recovery: x25519::Recipient,
}

/// Names the keys by their public halves only: a debug print never shows a secret.
impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("main", &self.key_id())
            .field("recovery", &self.recovery())
            .finish()
    }
}

impl Keys {
    /// New keys: a fresh main key, and the recovery key's public half.
    pub fn generate(recovery: x25519::Recipient) -> Keys {
        Keys::of(x25519::Identity::generate(), recovery)
    }

    fn of(main: x25519::Identity, recovery: x25519::Recipient) -> Keys {
        Keys {
            public: main.to_public(),
            main,
            recovery,
        }
    }

    /// The main key's public half, which names these keys (to the agent, in the key file).
    pub fn key_id(&self) -> String {
        self.public.to_string()
    }

    /// The recovery key's public half.
    pub fn recovery(&self) -> String {
        self.recovery.to_string()
    }

    /// Seals `plain` to the main key and the recovery key.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, CryptError> {
        super::envelope::seal(plain, &self.recipients())
    }

    /// An encryption to the main key and the recovery key, to write a file with.
    pub fn sealer(&self) -> Result<super::envelope::Sealer, CryptError> {
        super::envelope::Sealer::new(&self.recipients())
    }

    /// The two keys every file is sealed to.
    fn recipients(&self) -> [x25519::Recipient; 2] {
        [self.public.clone(), self.recovery.clone()]
    }

    /// Whether `sealed` is sealed to the main key, told from its header alone.
    pub fn seals(&self, sealed: &[u8]) -> bool {
        super::envelope::opens_header(sealed, &self.main)
    }

    /// Opens a file sealed to the main key.
    pub fn open(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, CryptError> {
        super::envelope::open(sealed, &self.main)
    }

    /// Opens a file sealed to the main key into `plain`, memory exactly as long as its plain
    /// text ([`super::envelope::plain_len`]).
    pub fn open_into(&self, sealed: &[u8], plain: &mut [u8]) -> Result<(), CryptError> {
        super::envelope::open_into(sealed, &self.main, plain)
    }

    /// Opens the sealed file open as `file`, of `len` bytes, reading it as it decrypts.
    pub fn open_file(
        &self,
        file: &std::fs::File,
        len: u64,
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, CryptError> {
        super::envelope::open_file(file, len, &self.main)
    }

    /// The keys as text, to hand to the agent or to wrap in the key file: the main key's
    /// secret line, then the recovery key's public line.
    pub fn secret(&self) -> SecretString {
        let main = self.main.to_string();
        let recovery = self.recovery.to_string();
        // Made at its full length at once: a string that grew would leave the key it held
        // before growing behind, unwiped, in memory it gave back.
        let mut text = String::with_capacity(main.expose_secret().len() + recovery.len() + 2);
        for line in [main.expose_secret(), recovery.as_str()] {
            text.push_str(line);
            text.push('\n');
        }
        SecretString::from(text)
    }

    /// Reads [`Keys::secret`]'s text back.
    pub fn from_secret(text: &SecretString) -> Result<Keys, CryptError> {
        let mut lines = text.expose_secret().lines();
        let damaged = || CryptError::KeyDamaged("the sealed keys are not two keys".to_string());
        let main = lines
            .next()
            .and_then(|l| l.trim().parse::<x25519::Identity>().ok())
            .ok_or_else(damaged)?;
        let recovery = lines
            .next()
            .and_then(|l| l.trim().parse::<x25519::Recipient>().ok())
            .ok_or_else(damaged)?;
        Ok(Keys::of(main, recovery))
    }
}

/// A key file, as read or about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// The main key's public half: names the keys, to the agent and to `check`.
    pub main: String,
    /// The recovery key's public half.
    pub recovery: String,
    /// The armored age file holding [`Keys::secret`], sealed with the passphrase.
    wrapped: String,
    /// The same keys sealed to the recovery key, so that `recover` sets a new passphrase on
    /// the same main key (and the other machines' copies stay open to it); absent from key
    /// files made before it was kept.
    for_recovery: Option<String>,
}

/// The armor's first and last lines, which part a key file's sealed blocks.
const BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const END: &str = "-----END AGE ENCRYPTED FILE-----";

/// `secret` sealed to `recipient`, armored.
fn armored(recipient: &dyn age::Recipient, secret: &SecretString) -> Result<String, CryptError> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient))
        .map_err(|e| CryptError::Seal(e.to_string()))?;
    let mut armored = Vec::new();
    let wrapped = (|| -> std::io::Result<()> {
        let armor = ArmoredWriter::wrap_output(&mut armored, Format::AsciiArmor)?;
        let mut writer = encryptor.wrap_output(armor)?;
        writer.write_all(secret.expose_secret().as_bytes())?;
        writer.finish()?.finish()?;
        Ok(())
    })();
    wrapped.map_err(|e| CryptError::Seal(e.to_string()))?;
    String::from_utf8(armored).map_err(|e| CryptError::Seal(e.to_string()))
}

/// What is wrong with a sealed block of the key file, in words, on one line: age's own
/// messages run over two lines and speak of upgrading, which damage is not cured by.
fn damage(e: &age::DecryptError) -> String {
    match e {
        age::DecryptError::UnknownFormat => "a sealed block is not in the age format".into(),
        age::DecryptError::InvalidHeader | age::DecryptError::InvalidMac => {
            "a sealed block's header does not read".into()
        }
        age::DecryptError::NoMatchingKeys | age::DecryptError::KeyDecryptionFailed => {
            "a sealed block is sealed to no key it should be".into()
        }
        age::DecryptError::DecryptionFailed => "a sealed block does not open whole".into(),
        e => e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The keys in the armored `block`, opened with `identity`; `wrong` is the error of an
/// identity that does not open it.
fn unarmored(
    block: &str,
    identity: &dyn age::Identity,
    wrong: CryptError,
) -> Result<Keys, CryptError> {
    let reader = ArmoredReader::new(block.as_bytes());
    let decryptor =
        age::Decryptor::new_buffered(reader).map_err(|e| CryptError::KeyDamaged(damage(&e)))?;
    let reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { required, target } => CryptError::KeyDamaged(
                format!("its work factor ({required}) is far above this machine's ({target})"),
            ),
            // The one answer of a key that does not open the file key. Anything else, a MAC
            // that fails once the key is open among them, is the file's fault.
            age::DecryptError::DecryptionFailed => wrong,
            // A recovery key that is not the one; a passphrase file always has its stanza.
            age::DecryptError::NoMatchingKeys if matches!(wrong, CryptError::NotThisKey) => wrong,
            _ => CryptError::KeyDamaged(damage(&e)),
        })?;
    // Room for the keys from the start (they take 140 bytes): a string that grew would leave
    // what it held before behind, unwiped.
    let mut text = zeroize::Zeroizing::new(String::with_capacity(4096));
    reader
        .take(4000)
        .read_to_string(&mut text)
        // Its payload does not authenticate: changed after it was sealed.
        .map_err(|_| CryptError::KeyDamaged("a sealed block does not open whole".into()))?;
    Keys::from_secret(&SecretString::from(text.as_str()))
}

impl KeyFile {
    /// Wraps `keys` with `passphrase`, and for `recover` with the recovery key. `work_factor`
    /// is scrypt's log2(N); `None` picks what takes about a second on this machine.
    pub fn wrap(
        keys: &Keys,
        passphrase: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<KeyFile, CryptError> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        if let Some(log_n) = work_factor {
            recipient.set_work_factor(log_n);
        }
        let secret = keys.secret();
        Ok(KeyFile {
            main: keys.key_id(),
            recovery: keys.recovery(),
            wrapped: armored(&recipient, &secret)?,
            for_recovery: Some(armored(&keys.recovery, &secret)?),
        })
    }

    /// Unwraps the keys with `passphrase`: [`CryptError::WrongPassphrase`] when it is not the
    /// one, and an error naming the damage when the file does not hold the keys it names.
    pub fn unwrap(&self, passphrase: &SecretString) -> Result<Keys, CryptError> {
        let identity = age::scrypt::Identity::new(passphrase.clone());
        let keys = unarmored(
            &self.wrapped,
            &identity,
            CryptError::WrongPassphrase(Leaves::Unchanged),
        )?;
        self.named(keys)
    }

    /// Unwraps the keys with the recovery key: `None` for a key file made before it held
    /// them so, [`CryptError::NotThisKey`] for another key.
    pub fn unwrap_for_recovery(
        &self,
        recovery: &x25519::Identity,
    ) -> Result<Option<Keys>, CryptError> {
        let Some(block) = &self.for_recovery else {
            return Ok(None);
        };
        let keys = unarmored(block, recovery, CryptError::NotThisKey)?;
        self.named(keys).map(Some)
    }

    /// `keys`, when they are the ones the public lines name.
    fn named(&self, keys: Keys) -> Result<Keys, CryptError> {
        if keys.key_id() != self.main || keys.recovery() != self.recovery {
            return Err(CryptError::KeyDamaged(
                "its public lines do not match the keys it holds".to_string(),
            ));
        }
        Ok(keys)
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{FIRST_LINE}\n# The main key of the encrypted trustladder ledger beside this file, sealed with its\n# passphrase. Keep it with the ledger; it opens nothing without the passphrase.\nmain: {}\nrecovery: {}\n{}",
            self.main, self.recovery, self.wrapped
        );
        if let Some(block) = &self.for_recovery {
            text.push_str(
                "# The same keys sealed to the recovery key, for `trustladder recover`.\n",
            );
            text.push_str(block);
        }
        text
    }

    /// Whether each sealed block reads as far as can be told without a key: its armor whole
    /// and its age header sound. A key file damaged there would fail only when the
    /// passphrase is next typed, perhaps long after `check` said all was well.
    pub fn verify(&self) -> Result<(), CryptError> {
        std::iter::once(&self.wrapped)
            .chain(&self.for_recovery)
            .map(String::as_str)
            .try_for_each(block_reads)
    }

    /// [`KeyFile::verify`] of the block the passphrase opens alone: what is checked before
    /// the passphrase is asked for, so that a key file cut off is named as damaged rather
    /// than asked a passphrase for, or called locked. (Damage in the part for the recovery
    /// key keeps no one from the ledger, and is said as a note.)
    pub fn verify_main(&self) -> Result<(), CryptError> {
        block_reads(&self.wrapped)
    }

    /// Reads a key file's text.
    pub fn parse(text: &str) -> Result<KeyFile, CryptError> {
        let damaged = |why: &str| CryptError::KeyDamaged(why.to_string());
        // Emptied (a disk that filled as it was written, a truncation): said so, where "it
        // does not begin with the key file's first line" reads as though it held another.
        if text.trim().is_empty() {
            return Err(damaged("it is empty"));
        }
        // Git's own merge of two key files as text, on a clone its driver was not set up on:
        // said as what it is, where the armor it cut read as letters that are not base64.
        if let Some(line) = crate::store::conflict_marker(text.as_bytes()) {
            return Err(damaged(&format!(
                "line {line} holds a conflict marker: git merged two key files as text, without trustladder's merge driver (a clone not made by `trustladder sync clone`); take one side's whole, in a merge under way `git checkout --theirs` (or `--ours`) on it, and that side's passphrase opens it"
            )));
        }
        if text.lines().next() != Some(FIRST_LINE) {
            return Err(damaged("it does not begin with the key file's first line"));
        }
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
                .filter(|v| v.parse::<x25519::Recipient>().is_ok())
                .map(str::to_string)
        };
        let main = field("main:").ok_or_else(|| damaged("it lacks a valid `main:` line"))?;
        let recovery =
            field("recovery:").ok_or_else(|| damaged("it lacks a valid `recovery:` line"))?;
        let (blocks, rest) = blocks(text);
        let mut blocks = blocks.into_iter();
        let wrapped = blocks
            .next()
            .ok_or_else(|| damaged("it holds no sealed key"))?;
        // Two key files joined into one, or bytes an editor or a copy left after the last
        // block: what followed was passed over (after a first file of one block, the second's
        // was taken for the recovery key's, found only on the day that key is needed).
        if let Some(at) = beyond_the_blocks(text, rest) {
            let line = text[..at].matches('\n').count() + 1;
            return Err(damaged(&format!(
                "line {line} holds more after its last sealed block: two key files joined into one, or bytes a crashed editor or a bad copy left; delete from that line on, and its passphrase opens what is left"
            )));
        }
        Ok(KeyFile {
            main,
            recovery,
            wrapped,
            for_recovery: blocks.next(),
        })
    }

    /// The key file `text` up to where more than blank lines follow its sealed blocks, when
    /// that is its one damage: for `recover`, which keeps the main key such a file holds
    /// (once the recovery key opens it) rather than making a new one, which every other
    /// machine would then have to take with `sync clone`. `None` for a file with no such
    /// bytes, or with other damage before them.
    pub fn before_what_follows(text: &str) -> Option<KeyFile> {
        let at = beyond_the_blocks(text, blocks(text).1)?;
        KeyFile::parse(&text[..at]).ok()
    }

    /// Reads the key file of `data`: `None` when there is none. It is opened as the store
    /// opens the data file, refusing what is not a regular file: a named pipe in its place
    /// would block every command (`status` in a shell's prompt too) forever, and a folder gave
    /// the system's words alone, without the way back.
    pub fn read(data: &Path) -> Result<Option<KeyFile>, CryptError> {
        let path = key_path(data);
        let unreadable = || CryptError::KeyFileUnreadable {
            key: path.display().to_string(),
            fix: unreadable_fix(data, &path),
        };
        let mut file = match crate::store::open_regular(&path) {
            Ok(Some((file, _))) => file,
            Ok(None) => return Ok(None),
            Err(crate::store::StoreError::NotAFile { kind, .. }) => {
                return Err(CryptError::KeyDamaged(not_a_file(kind)));
            }
            Err(crate::store::StoreError::NoReadPermission { .. }) => return Err(unreadable()),
            Err(crate::store::StoreError::TooLarge { len, .. }) => {
                return Err(CryptError::KeyDamaged(format!(
                    "it holds {len} bytes, far more than a key file's few lines"
                )));
            }
            Err(e) => return Err(CryptError::Io(e.to_string())),
        };
        let mut text = String::new();
        match file.read_to_string(&mut text) {
            Ok(_) => KeyFile::parse(&text).map(Some),
            // Bytes that are not UTF-8: a key file holds only text, so it is damaged, and
            // said so with the way back, as for any other damage.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(CryptError::KeyDamaged(
                "it holds bytes that are not text".to_string(),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(unreadable()),
            Err(e) => Err(CryptError::Io(format!("{}: {e}", path.display()))),
        }
    }
}

/// What is in the key file's place of `data` when it is not a regular file (a folder, a named
/// pipe), in words: nothing reads it, and neither a key file put back nor the one `recover`
/// writes can go there until it is moved aside. `None` for a file, or nothing.
pub fn in_its_place(data: &Path) -> Option<&'static str> {
    std::fs::metadata(key_path(data))
        .ok()
        .filter(|meta| !meta.is_file())
        .map(|meta| crate::store::kind(&meta))
}

/// Why a key file that is not a file is damaged, with the first step of the way back.
fn not_a_file(kind: &str) -> String {
    format!("{kind} is in its place, not a file; move it aside first")
}

/// What gives this user a key file it may not read back: its bytes are whole, only its owner
/// or mode is wrong (a `sudo` that made it root's, a `chmod`), so the fix is `chown` or
/// `chmod`, never `recover`, whose new main key every other machine would have to take.
fn unreadable_fix(data: &Path, key: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(key) else {
        return "run trustladder as the user who owns it, or give it to that user".to_string();
    };
    let name = |uid: u32| {
        nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
            .ok()
            .flatten()
            .map_or_else(|| uid.to_string(), |user| user.name)
    };
    let owner = name(meta.uid());
    match std::fs::metadata(data).map(|d| d.uid()) {
        Ok(uid) if uid != meta.uid() => format!(
            "it is {owner}'s, the ledger {}'s: `sudo chown {} {}` gives it back",
            name(uid),
            name(uid),
            key.display()
        ),
        _ => format!(
            "it is {owner}'s, mode {:04o}: run as {owner}, or `chmod u+r {}` as {owner}",
            meta.mode() & 0o7777,
            key.display()
        ),
    }
}

/// A key file's sealed blocks, each from its first line to its last, two at most (a last one
/// cut off is kept as it is, for the age reader to name the damage); and what follows them.
fn blocks(text: &str) -> (Vec<String>, &str) {
    let mut blocks = Vec::new();
    let mut rest = text;
    while blocks.len() < 2
        && let Some(start) = rest.find(BEGIN)
    {
        let block = &rest[start..];
        let len = block
            .find(END)
            .map_or(block.len(), |end| end + END.len())
            .min(block.len());
        let len = len + usize::from(block[len..].starts_with('\n'));
        blocks.push(block[..len].to_string());
        rest = &block[len..];
    }
    (blocks, rest)
}

/// Where more than blank lines begins after a key file's sealed blocks, as a byte of `text`:
/// in `rest`, what follows the last block read, or a second key file's first line anywhere
/// after its first block begins (one joined to a key file of one block reads as its second
/// block).
fn beyond_the_blocks(text: &str, rest: &str) -> Option<usize> {
    let blocks_at = text.find(BEGIN)?;
    let second_file = text[blocks_at..].find(FIRST_LINE).map(|at| blocks_at + at);
    // `rest` is the end of `text`.
    let trailing = rest
        .find(|c: char| !c.is_whitespace())
        .map(|at| text.len() - rest.len() + at);
    second_file.into_iter().chain(trailing).min()
}

/// Whether a sealed block of a key file reads as far as can be told without a key: its armor
/// whole and its age header sound.
fn block_reads(block: &str) -> Result<(), CryptError> {
    let mut bytes = Vec::new();
    ArmoredReader::new(block.as_bytes())
        .read_to_end(&mut bytes)
        .map_err(|e| CryptError::KeyDamaged(format!("a sealed block does not read: {e}")))?;
    if !crate::crypt::envelope::header_reads(&bytes) {
        return Err(CryptError::KeyDamaged(
            "a sealed block's header does not read".to_string(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cheapest work factor: these tests are about the format, not the cost.
    const FAST: Option<u8> = Some(2);

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn a_damaged_block_is_said_in_words_on_one_line_and_verify_finds_it() {
        let recovery = x25519::Identity::generate();
        let keys = Keys::generate(recovery.to_public());
        let mut file = KeyFile::wrap(&keys, &pass("correct horse"), FAST).unwrap();
        assert!(file.verify().is_ok());
        // A block that is armor, but not of an age file.
        let mut armored_text = Vec::new();
        {
            let mut armor =
                ArmoredWriter::wrap_output(&mut armored_text, Format::AsciiArmor).unwrap();
            armor.write_all(b"not an age file at all").unwrap();
            armor.finish().unwrap();
        }
        file.wrapped = String::from_utf8(armored_text).unwrap();
        let Err(CryptError::KeyDamaged(why)) = file.unwrap(&pass("correct horse")) else {
            panic!("a damaged block unwrapped");
        };
        assert_eq!(why, "a sealed block's header does not read");
        assert!(matches!(file.verify(), Err(CryptError::KeyDamaged(_))));
    }

    #[test]
    fn the_right_passphrase_unwraps_the_keys_and_a_wrong_one_does_not() {
        let recovery = x25519::Identity::generate();
        let keys = Keys::generate(recovery.to_public());
        let file = KeyFile::wrap(&keys, &pass("correct horse"), FAST).unwrap();
        let text = file.to_text();
        assert!(text.starts_with(FIRST_LINE));
        assert!(!text.contains("AGE-SECRET-KEY"), "the main key is sealed");
        let read = KeyFile::parse(&text).unwrap();
        assert_eq!(read, file);
        let unwrapped = read.unwrap(&pass("correct horse")).unwrap();
        assert_eq!(unwrapped.key_id(), keys.key_id());
        assert_eq!(unwrapped.recovery(), recovery.to_public().to_string());
        assert!(matches!(
            read.unwrap(&pass("Correct horse")),
            Err(CryptError::WrongPassphrase(_))
        ));
        // What the unwrapped keys seal, the recovery key opens too.
        let sealed = unwrapped.seal(b"{}").unwrap();
        assert_eq!(
            super::super::envelope::open(&sealed, &recovery)
                .unwrap()
                .as_slice(),
            b"{}"
        );
        assert_eq!(keys.open(&sealed).unwrap().as_slice(), b"{}");
    }

    #[test]
    fn the_recovery_key_unwraps_the_same_keys_and_another_key_does_not() {
        let recovery = x25519::Identity::generate();
        let keys = Keys::generate(recovery.to_public());
        let text = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap().to_text();
        let read = KeyFile::parse(&text).unwrap();
        let back = read.unwrap_for_recovery(&recovery).unwrap().unwrap();
        assert_eq!(back.key_id(), keys.key_id());
        assert_eq!(read.unwrap(&pass("pw")).unwrap().key_id(), keys.key_id());
        assert!(matches!(
            read.unwrap_for_recovery(&x25519::Identity::generate()),
            Err(CryptError::NotThisKey)
        ));
        // A key file from before holds no such block: recover then makes a new main key.
        let cut = &text[..text.find("# The same keys").unwrap()];
        let old = KeyFile::parse(cut).unwrap();
        assert!(old.unwrap_for_recovery(&recovery).unwrap().is_none());
        assert_eq!(old.unwrap(&pass("pw")).unwrap().key_id(), keys.key_id());
    }

    #[test]
    fn a_public_line_that_does_not_match_the_sealed_keys_is_refused() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let file = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap();
        let intruder = x25519::Identity::generate().to_public().to_string();
        let edited = file.to_text().replace(&file.recovery, &intruder);
        let read = KeyFile::parse(&edited).unwrap();
        assert!(matches!(
            read.unwrap(&pass("pw")),
            Err(CryptError::KeyDamaged(_))
        ));
    }

    #[test]
    fn damaged_key_files_are_named_as_such() {
        for text in ["", "hello", "# trustladder key file 1\nmain: age1x\n"] {
            assert!(
                matches!(KeyFile::parse(text), Err(CryptError::KeyDamaged(_))),
                "{text}"
            );
        }
        for (text, why) in [
            ("", "it is empty"),
            (" \n\n", "it is empty"),
            ("hello", "it does not begin with the key file's first line"),
        ] {
            match KeyFile::parse(text) {
                Err(CryptError::KeyDamaged(said)) => assert_eq!(said, why, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let recovery = x25519::Identity::generate();
        let keys = Keys::generate(recovery.to_public());
        let text = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap().to_text();
        let first_end = text.find(END).unwrap();
        let cut = &text[..first_end - 60];
        let read = KeyFile::parse(cut).unwrap();
        assert!(matches!(
            read.unwrap(&pass("pw")),
            Err(CryptError::KeyDamaged(_))
        ));
        // The recovery block cut off: the passphrase still opens the keys, the recovery key
        // is told the block is damaged.
        let read = KeyFile::parse(&text[..text.len() - 60]).unwrap();
        assert!(read.unwrap(&pass("pw")).is_ok());
        assert!(matches!(
            read.unwrap_for_recovery(&recovery),
            Err(CryptError::KeyDamaged(_))
        ));
    }

    /// Two key files merged by git as text (a clone without the merge driver): the markers
    /// cut into a block's armor read as letters that are not base64, and between whole
    /// blocks as nothing at all (the other side's sealed key taken for the recovery key's,
    /// found only on the day it is needed). Either way it is damage, named as a merge.
    #[test]
    fn a_key_file_git_merged_as_text_is_named_as_such() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let ours = KeyFile::wrap(&keys, &pass("here"), FAST).unwrap().to_text();
        let theirs = KeyFile::wrap(&keys, &pass("there"), FAST)
            .unwrap()
            .to_text();
        let (head, rest) = ours.split_at(ours.find(BEGIN).unwrap());
        let other = &theirs[theirs.find(BEGIN).unwrap()..];
        let between_blocks =
            format!("{head}<<<<<<< HEAD\n{rest}=======\n{other}>>>>>>> origin/main\n");
        let inside = ours.replacen(BEGIN, &format!("{BEGIN}\n<<<<<<< HEAD"), 1);
        for (text, line) in [(between_blocks, 6), (inside, 7)] {
            match KeyFile::parse(&text) {
                Err(CryptError::KeyDamaged(why)) => assert!(
                    why.starts_with(&format!(
                        "line {line} holds a conflict marker: git merged two key files as text"
                    )),
                    "{why}"
                ),
                other => panic!("{other:?}"),
            }
        }
    }

    /// The words a key file with more after its last sealed block is refused with, from the
    /// line that begins it.
    fn beyond_at(line: usize) -> String {
        format!(
            "line {line} holds more after its last sealed block: two key files joined into one, or bytes a crashed editor or a bad copy left; delete from that line on, and its passphrase opens what is left"
        )
    }

    /// `text` read as a key file, which must be refused as having more after its last sealed
    /// block from `line` on.
    fn refused_from(text: &str, line: usize) {
        match KeyFile::parse(text) {
            Err(CryptError::KeyDamaged(why)) => assert_eq!(why, beyond_at(line), "{text:?}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    /// Two key files joined into one, one after the other: the second's blocks were
    /// passed over, or with a key file of one block (made before the part for the recovery
    /// key) the second's first block was taken for the recovery key's. Named by the line the
    /// second begins on, either way.
    #[test]
    fn two_key_files_joined_are_named_by_the_line_the_second_begins() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let first = KeyFile::wrap(&keys, &pass("here"), FAST).unwrap().to_text();
        let second = KeyFile::wrap(&keys, &pass("there"), FAST)
            .unwrap()
            .to_text();
        let one_block = &first[..first.find("# The same keys").unwrap()];
        for before in [first.as_str(), one_block] {
            refused_from(&format!("{before}{second}"), before.lines().count() + 1);
        }
        // With blank lines between: the line of the second's first line.
        refused_from(&format!("{first}\n\n{second}"), first.lines().count() + 3);
        // What `recover` reads of it: the first file, whole.
        for before in [first.as_str(), one_block] {
            let joined = format!("{before}{second}");
            assert_eq!(
                KeyFile::before_what_follows(&joined),
                Some(KeyFile::parse(before).unwrap())
            );
        }
        assert_eq!(KeyFile::before_what_follows(&first), None);
    }

    /// NUL bytes after the last block, as a crashed editor or a copy to a disk that failed
    /// leaves them: right after it, or after a blank line.
    #[test]
    fn trailing_nul_bytes_are_named_by_their_line() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let text = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap().to_text();
        let lines = text.lines().count();
        refused_from(&format!("{text}\0\0\0\0"), lines + 1);
        refused_from(&format!("{text}\n\0"), lines + 2);
    }

    /// Text after the last block: an editor's command typed into the file, or words on the
    /// block's last line itself.
    #[test]
    fn trailing_text_is_named_by_its_line() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let text = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap().to_text();
        let lines = text.lines().count();
        refused_from(&format!("{text}\n  \n:wq\n"), lines + 3);
        let on_the_end_line = format!("{}~\n", text.trim_end());
        refused_from(&on_the_end_line, lines);
        let one_block = &text[..text.find("# The same keys").unwrap()];
        refused_from(
            &format!("{one_block}garbage"),
            one_block.lines().count() + 1,
        );
    }

    /// Blank lines and trailing whitespace after the last block are no damage: an editor adds
    /// them, and a key file of one block or two reads as before.
    #[test]
    fn trailing_blank_lines_still_read() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let file = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap();
        let text = file.to_text();
        let one_block = &text[..text.find("# The same keys").unwrap()];
        for written in [text.as_str(), one_block] {
            for after in ["", "\n", "\n\n\n", "  \n\t\r\n", "\r\n"] {
                let read = KeyFile::parse(&format!("{written}{after}"));
                assert!(read.is_ok(), "{after:?}: {read:?}");
            }
        }
        assert_eq!(KeyFile::parse(&format!("{text}\n\n")).unwrap(), file);
    }

    /// A key file whose header was changed, opened with the right passphrase: the passphrase
    /// opens the file key, the header's MAC then fails, and that is the file's damage, not a
    /// wrong passphrase (which would send the user to the recovery key for nothing).
    #[test]
    fn a_changed_header_with_the_right_passphrase_is_damage() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let text = KeyFile::wrap(&keys, &pass("pw"), FAST).unwrap().to_text();
        let armor = text.find("-----BEGIN").unwrap();
        let text = &text[..text.find(END).unwrap() + END.len() + 1];
        let mut bytes = Vec::new();
        ArmoredReader::new(&text.as_bytes()[armor..])
            .read_to_end(&mut bytes)
            .unwrap();
        let mac = bytes.windows(4).position(|w| w == b"--- ").unwrap() + 4;
        bytes[mac] = if bytes[mac] == b'A' { b'B' } else { b'A' };
        let mut armored = Vec::new();
        let mut writer = ArmoredWriter::wrap_output(&mut armored, Format::AsciiArmor).unwrap();
        writer.write_all(&bytes).unwrap();
        writer.finish().unwrap();
        let changed = format!("{}{}", &text[..armor], String::from_utf8(armored).unwrap());
        let read = KeyFile::parse(&changed).unwrap();
        assert!(matches!(
            read.unwrap(&pass("pw")),
            Err(CryptError::KeyDamaged(_))
        ));
        assert!(matches!(
            read.unwrap(&pass("not it")),
            Err(CryptError::WrongPassphrase(_))
        ));
    }

    #[test]
    fn the_secret_text_round_trips() {
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let back = Keys::from_secret(&keys.secret()).unwrap();
        assert_eq!(back.key_id(), keys.key_id());
        assert_eq!(back.recovery(), keys.recovery());
        assert!(Keys::from_secret(&SecretString::from("nonsense")).is_err());
    }

    /// Where a key file is kept in the backups folder, for each case [`kept_copy_path`] tells
    /// apart: a damaged one takes the first name while it is free, and `….damaged` beside a
    /// copy kept there, which it never writes over; a sound one replaces the copy of its own
    /// main key, else takes the first name, else one ending with the start of its main key.
    #[test]
    fn a_copy_is_kept_under_a_name_that_writes_over_no_other_key() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        let first = kept_key_path(&data);
        assert_eq!(first, dir.path().join("backups").join("ledger.json.key"));
        let damaged = "# trustladder key file 1\nmain: cut off";
        assert_eq!(kept_copy_path(&data, damaged), first);
        let one = Keys::generate(x25519::Identity::generate().to_public());
        let one_text = KeyFile::wrap(&one, &pass("pw"), FAST).unwrap().to_text();
        assert_eq!(kept_copy_path(&data, &one_text), first);
        std::fs::write(&first, &one_text).unwrap();
        assert_eq!(
            kept_copy_path(&data, damaged),
            dir.path().join("backups").join("ledger.json.key.damaged")
        );
        // The same main key with a newer passphrase replaces its copy.
        let newer = KeyFile::wrap(&one, &pass("newer"), FAST).unwrap().to_text();
        assert_eq!(kept_copy_path(&data, &newer), first);
        let two = Keys::generate(x25519::Identity::generate().to_public());
        let two_text = KeyFile::wrap(&two, &pass("pw"), FAST).unwrap().to_text();
        let named = kept_copy_path(&data, &two_text);
        let id: String = two.key_id()["age1".len()..].chars().take(12).collect();
        assert_eq!(
            named,
            dir.path()
                .join("backups")
                .join(format!("ledger.json.key.{id}"))
        );
        std::fs::write(&named, &two_text).unwrap();
        assert_eq!(kept_key_paths(&data), [first.clone(), named.clone()]);
        assert_eq!(kept_copy_path(&data, &two_text), named);
        // A damaged copy kept is one of the kept keys, listed after the first (the others by
        // name), and a sound key file still finds its own copy beside it.
        let kept_damaged = kept_copy_path(&data, damaged);
        std::fs::write(&kept_damaged, damaged).unwrap();
        let listed = kept_key_paths(&data);
        assert_eq!(listed[0], first);
        let mut others = listed[1..].to_vec();
        others.sort();
        let mut expected = vec![kept_damaged, named];
        expected.sort();
        assert_eq!(others, expected);
        assert_eq!(kept_copy_path(&data, &one_text), first);
    }

    #[test]
    fn the_key_file_sits_beside_the_data_file() {
        assert_eq!(
            key_path(Path::new("/data/trustladder.json")),
            Path::new("/data/trustladder.json.key")
        );
    }
}
