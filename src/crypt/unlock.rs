//! Getting the keys of an encrypted ledger without a prompt per command: from this process's
//! own memory, then from the agent (`trustladder unlock`), then from the command named by
//! `TRUSTLADDER_PASSPHRASE_COMMAND` (for scripts), and only then by asking on the terminal, three
//! tries. With neither a terminal nor that command it fails at once, naming both ways: it
//! never waits for input that cannot come.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::keyfile::{KeyFile, Keys, kept_key_path, kept_key_paths, key_path, lent_key_path};
use super::{CryptError, Leaves};

/// Held by a command across the several passphrases it asks for, so that echo stays off from
/// the first prompt to the last.
pub use super::echo::Asking;

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

/// How long the agent keeps keys unused, unless `unlock --for` says otherwise.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(60 * 60);

/// Reads `30m`, `1h`, `90s`, `1d`: a number and a unit, or parts as `1h30m`.
pub fn parse_idle(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let wrong = || match close_to(text) {
        Some(meant) => format!("'{text}' is not a duration: try {meant}"),
        None => format!("'{text}' is not a duration: try 30m, 1h or 1h30m"),
    };
    let zero = || "a duration of 0 would forget the key at once; try 30m".to_string();
    // A time unused to come cannot be negative; the same without its minus is offered.
    if let Some(rest) = text.strip_prefix('-') {
        return Err(match parse_idle(rest) {
            Ok(_) => {
                format!("'{text}' is negative: the key is kept for a time to come; try {rest}")
            }
            Err(_) => wrong(),
        });
    }
    // A bare 0 needs no unit to mean nothing: said as `0s` is, not as no duration.
    if !text.is_empty() && text.bytes().all(|b| b == b'0') {
        return Err(zero());
    }
    let (seconds, _) = parts(text).ok_or_else(wrong)?;
    match seconds {
        0 => Err(zero()),
        // A day is the most: `1d` is it, and a week or a year is said to be more, as 25h is.
        s if s > MOST_IDLE => Err(format!("'{text}' is more than 24h; unlock again tomorrow")),
        s => Ok(Duration::from_secs(s)),
    }
}

/// The longest a key may go unused and still be held: a day, in seconds.
const MOST_IDLE: u64 = 24 * 3600;

/// The seconds in `text`'s parts, each a number and a unit, each unit once, largest first (as
/// `idle_text` says them back), and the smallest unit given; `None` where it is not that.
fn parts(text: &str) -> Option<(u64, u64)> {
    let mut seconds: u64 = 0;
    let mut rest = text.to_ascii_lowercase();
    let mut last_unit = u64::MAX;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n: u64 = rest[..digits].parse().ok()?;
        let after = &rest[digits..];
        let letters = after
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(after.len());
        let unit = unit_seconds(&after[..letters])?;
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        seconds = seconds.saturating_add(n.saturating_mul(unit));
        rest = after[letters..].to_string();
    }
    (last_unit != u64::MAX).then_some((seconds, last_unit))
}

/// The seconds in one of a duration's units, in any case: `s`, `m`, `h`, `d`, `w`, `y`.
fn unit_seconds(unit: &str) -> Option<u64> {
    Some(match unit {
        "s" | "sec" | "secs" => 1,
        "m" | "min" | "mins" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
        "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 7 * 86_400,
        "y" | "year" | "years" => 365 * 86_400,
        _ => return None,
    })
}

/// The duration a mistyped `text` most likely meant, as it is typed: `1.5h` and `1,5h` as
/// `1h30m`, `1h30` (the last unit left off) as `1h30m`; `None` where none is plain.
fn close_to(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    // A fraction of a unit, in whole seconds.
    let split = lower.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (number, unit) = lower.split_at(split);
    if let (Some(unit), Some((whole, part))) = (
        unit_seconds(unit),
        number.split_once('.').or(number.split_once(',')),
    ) {
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let scale = 10u64.checked_pow(u32::try_from(part.len()).ok()?)?;
        let fraction: u64 = part.parse().ok()?;
        // Only a fraction that is whole seconds: `1.5h` is, `1.0001s` is not.
        let scaled = whole
            .checked_mul(scale)?
            .checked_add(fraction)?
            .checked_mul(unit)?;
        let seconds = (scaled % scale == 0).then_some(scaled / scale)?;
        return (seconds > 0 && seconds <= MOST_IDLE)
            .then(|| idle_text(Duration::from_secs(seconds)));
    }
    // The last number without its unit: the unit after the one before it.
    let digits = lower.len() - lower.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (given, number) = lower.split_at(lower.len() - digits);
    let (seconds, smallest) = parts(given).filter(|_| digits > 0)?;
    let next = [(3600, 60), (60, 1)]
        .into_iter()
        .find(|(unit, _)| *unit == smallest)?
        .1;
    let seconds = seconds.checked_add(number.parse::<u64>().ok()?.checked_mul(next)?)?;
    (seconds > 0 && seconds <= MOST_IDLE).then(|| idle_text(Duration::from_secs(seconds)))
}

/// Says an idle time back as it would be typed: `1h`, `30m`, `1h30m`, `90s` as `1m30s`.
pub fn idle_text(idle: Duration) -> String {
    let s = idle.as_secs();
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (h, 0, 0) if h > 0 => format!("{h}h"),
        (0, m, 0) => format!("{m}m"),
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// Names the idle time after which the terminal UI locks itself, as `30m` or `1h`: for a
/// shorter sitting than the default hour (and for tests).
pub const LOCK_AFTER_ENV: &str = "TRUSTLADDER_LOCK_AFTER";

/// How long the terminal UI may go unused before it locks itself: `$TRUSTLADDER_LOCK_AFTER`,
/// else [`DEFAULT_IDLE`] (empty is unset, as for every variable). A bad value is an error
/// naming the variable and the default that holds instead.
pub fn lock_after() -> (Duration, Option<String>) {
    match set(LOCK_AFTER_ENV) {
        Some(text) => match parse_idle(&text.to_string_lossy()) {
            Ok(idle) => (idle, None),
            Err(why) => (
                DEFAULT_IDLE,
                Some(format!(
                    "{LOCK_AFTER_ENV}: {why}; it locks after {} unused",
                    idle_text(DEFAULT_IDLE)
                )),
            ),
        },
        None => (DEFAULT_IDLE, None),
    }
}

/// What a wrong passphrase's message adds, however it was given: the terminal's
/// ([`CryptError::WrongPassphrase`]) and the passphrase command's say the same.
pub const HINT: &str = "(a passphrase changed on another machine is the one here too once synced; forgotten, `trustladder recover --key FILE` sets a new one)";

/// How many times a passphrase is asked for before giving up.
const TRIES: usize = 3;

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

/// Whether the terminal may be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// When standard input is a terminal.
    Terminal,
    /// Never: the merge driver, the terminal UI (which asks in its own masked field).
    Never,
    /// Nothing but the agent, not even the passphrase command (which may ask someone): what
    /// must never keep anyone waiting, a shell's completion or its prompt.
    AgentOnly,
}

/// How this process may be asked, when not the terminal ([`Ask::Terminal`], the default):
/// 1 for [`Ask::Never`], 2 for [`Ask::AgentOnly`].
static ASKING: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Makes every later [`policy`] answer [`Ask::Never`], for the rest of the process (the terminal
/// UI, which asks in its own masked field, and the merge driver).
pub fn never_ask() {
    ASKING.store(1, std::sync::atomic::Ordering::Relaxed);
}

/// Where the terminal UI stands: 0 for no UI (a command, the merge driver), 1 while it opens
/// the ledger before it takes the screen, 2 once it has.
static UI: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The terminal UI opening: it asks in its own masked field ([`never_ask`]), and until it
/// takes the screen ([`ui_on_screen`]) a passphrase command still running is said on stderr, as
/// a command says it: the terminal stayed blank without a word for as long as it ran.
pub fn ui_opening() {
    never_ask();
    UI.store(1, std::sync::atomic::Ordering::Relaxed);
}

/// The terminal UI has taken the screen: nothing is written below it from now on.
pub fn ui_on_screen() {
    UI.store(2, std::sync::atomic::Ordering::Relaxed);
}

/// Makes every later [`policy`] answer [`Ask::AgentOnly`], for the rest of the process.
pub fn agent_only() {
    ASKING.store(2, std::sync::atomic::Ordering::Relaxed);
}

/// Whether this process may ask on the terminal: the store's reads go by it.
pub fn policy() -> Ask {
    match ASKING.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Ask::Terminal,
        1 => Ask::Never,
        _ => Ask::AgentOnly,
    }
}

/// Keys this process has unlocked, by key id: asked once per process.
static UNLOCKED: Mutex<Vec<(String, Arc<Keys>)>> = Mutex::new(Vec::new());

/// The keys this process already holds for `key_id`.
fn held(key_id: &str) -> Option<Arc<Keys>> {
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
pub fn forget_all() {
    UNLOCKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    forget_typed();
}

/// Drops every passphrase typed ([`TYPED`]).
fn forget_typed() {
    TYPED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
}

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
fn own_kept_copy(data: &Path) -> Option<PathBuf> {
    if key_path(data).exists() {
        return None;
    }
    plain_ledger_key_path(data).filter(|path| *path != lent_key_path(data))
}

/// The key file [`key_file`] reads beside a plain ledger, where there is one: the one lent
/// for a merge before the copy kept for the backups, which may be another encryption's.
fn plain_ledger_key_path(data: &Path) -> Option<PathBuf> {
    if crate::crypt::envelope::sealed_on_disk(data) {
        return None;
    }
    std::iter::once(lent_key_path(data))
        .chain(kept_key_paths(data))
        .find(|path| path.exists())
}

/// The keys kept in the backups folder that this process could not open, by main key, with
/// why: a backup sealed with none of the keys at hand asks for each once, not once per backup
/// (three prompts each, on a terminal).
static UNOPENED_KEPT: Mutex<Vec<(String, Unopened)>> = Mutex::new(Vec::new());

/// The passphrases typed on the terminal that opened a key (the ledger's own, or an older one
/// kept in the backups folder), and the one the passphrase command printed for the ledger's
/// own, held for this process only (wiped when it ends), each with the main keys of the kept
/// keys it was tried on. They are tried on a kept key when a file sealed with one is opened
/// (`decrypt`, `restore-backup`, `check`), so that a kept key with a passphrase given already
/// asks for nothing more (nor runs the command again), and only then: unwrapping a key takes
/// about a second, which an `unlock` or a change would otherwise pay for every kept key.
static TYPED: Mutex<Vec<(SecretString, Vec<String>)>> = Mutex::new(Vec::new());

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
fn open_kept_with(data: &Path, except: &str, passphrase: &SecretString) -> Vec<PathBuf> {
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
    fn of(e: &CryptError) -> Unopened {
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

/// The key file of `data` as [`key_file`] reads it, with the part the passphrase opens checked
/// as far as it can be without it, and a damage named with the file: what the terminal UI
/// looks at before it asks for a passphrase that could open nothing.
pub fn key_file_to_ask(data: &Path) -> Result<KeyFile, CryptError> {
    key_file(data)
        .and_then(|file| file.verify_main().map(|()| file))
        .map_err(|e| damage_named(data, e))
}

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

/// Says on stderr, once per process, that the key file opened but is damaged elsewhere (its
/// part for the recovery key, which only `recover` reads): that damage would show only on the
/// day the recovery key is needed, and `check` alone named it.
fn say_damage_once(file: &KeyFile, data: &Path) {
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
fn damage_named(data: &Path, e: CryptError) -> CryptError {
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
fn find_keys_asking(
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
            let keys = Keys::from_secret(&secret)?;
            if keys.key_id() == file.main {
                return Ok(remember(keys));
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

/// Asks for the passphrase on the terminal until it unwraps the keys, at most three times.
/// An Enter with nothing typed is no try (the terminal UI's field counts none either): it is
/// asked again, up to [`TRIES`] times in all, so input that has ended stops it. The passphrase
/// that opens it is held for the older keys kept in the backups folder ([`TYPED`]). At the
/// prompt of such a key (`kept`), one that opens another kept key
/// instead ends the asking with [`CryptError::WrongPassphrase`]: the copies do not say which
/// passphrase is whose, and this one is asked for again where a file needs it.
fn ask_until_right(
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
fn terminal_to_ask_on() -> bool {
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

/// The value of a variable that is set and not empty: `VAR=` unsets it, as it does the other
/// variables the program reads (TRUSTLADDER_FILE, TRUSTLADDER_CONFIG).
fn set(var: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(var).filter(|v| !v.is_empty())
}

/// The most a passphrase command may print, 4 KiB: it is read into a buffer of that size
/// made once, so no copy of the passphrase is left behind by a buffer that grew.
const MAX_PASSPHRASE_BYTES: usize = 4 << 10;

/// Runs `command` with the shell and takes the first line of its output, less its line break,
/// as the passphrase: `pass`'s convention (`pass show` prints the password first, then a
/// login, a URL or notes), which every reader of `TRUSTLADDER_PASSPHRASE_COMMAND` and
/// `TRUSTLADDER_NEW_PASSPHRASE_COMMAND` goes by. Its output is read into one buffer, wiped
/// afterwards, whatever the outcome.
///
/// The command `encrypt` runs for the ledger's new key ([`PASSPHRASE_COMMAND_ENV`]) is run
/// with [`PASSPHRASE_FOR_ENV`] set to [`FOR_LEDGER`], as it is for the ledger's own key
/// whenever it runs; any other (the new passphrase's) without that variable, whatever the
/// environment holds, so a script that answers by it is never taken for asked for a key's
/// passphrase it keeps.
pub fn run_passphrase_command(command: &str, var: &str) -> Result<SecretString, CryptError> {
    let asked_for = (var == PASSPHRASE_COMMAND_ENV).then_some(std::ffi::OsStr::new(FOR_LEDGER));
    run_command(command, var, asked_for)
}

/// [`run_passphrase_command`], the command run with [`PASSPHRASE_FOR_ENV`] set to
/// `asked_for` where it is given, and removed from its environment where it is not.
fn run_command(
    command: &str,
    var: &str,
    asked_for: Option<&std::ffi::OsStr>,
) -> Result<SecretString, CryptError> {
    let failed = |why: String| CryptError::PassphraseCommand {
        var: var.to_string(),
        why,
    };
    let mut child = Command::new("sh");
    match asked_for {
        Some(asked_for) => child.env(PASSPHRASE_FOR_ENV, asked_for),
        None => child.env_remove(PASSPHRASE_FOR_ENV),
    };
    let mut child = child
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| failed(format!("could not run it: {e}")))?;
    let notice = still_waiting(var);
    let mut out = Zeroizing::new(vec![0u8; MAX_PASSPHRASE_BYTES + 1]);
    let read = child
        .stdout
        .take()
        .map_or(Ok(0), |mut stdout| fill(&mut stdout, &mut out));
    // Its output is closed by now: a command still writing ends, and is waited for.
    let status = child.wait();
    notice.end();
    let status = status.map_err(|e| failed(format!("could not run it: {e}")))?;
    let read = read.map_err(|e| failed(format!("could not read its output: {e}")))?;
    // Before its status: a command cut off for printing too much may have died of it.
    if read > MAX_PASSPHRASE_BYTES {
        return Err(failed(format!(
            "it printed more than {MAX_PASSPHRASE_BYTES} bytes"
        )));
    }
    if !status.success() {
        // The shell's own two codes, said in words: its stderr, above, says which word.
        return Err(failed(match status.code() {
            Some(127) => format!("the shell did not find it ({status})"),
            Some(126) => format!("the shell found it but could not run it ({status})"),
            _ => format!("it failed ({status})"),
        }));
    }
    let text = std::str::from_utf8(&out[..read])
        .map_err(|_| failed("its output is not UTF-8".to_string()))?;
    let first = text.split('\n').next().unwrap_or_default();
    let first = first.strip_suffix('\r').unwrap_or(first);
    if first.is_empty() {
        return Err(failed(if text.is_empty() {
            "it printed nothing".to_string()
        } else if text.trim().is_empty() {
            "it printed only an empty line, no passphrase".to_string()
        } else {
            "its first line, the passphrase, is empty (the lines after it are not read)".to_string()
        }));
    }
    Ok(SecretString::from(first))
}

/// How long a passphrase command runs before a command says it is waiting for it.
const NOTICE_AFTER: Duration = Duration::from_secs(2);

/// A line on stderr once a passphrase command has run for [`NOTICE_AFTER`] without being done
/// (one that asks someone, or hangs): a command that seems stuck says what it waits for. Only
/// where a command may speak on the terminal ([`Ask::Terminal`]), or the terminal UI while it
/// opens, before it takes the screen: never over the UI.
struct Notice(Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>);

fn still_waiting(var: &str) -> Notice {
    let opening_ui = UI.load(std::sync::atomic::Ordering::Relaxed) == 1;
    if policy() != Ask::Terminal && !opening_ui {
        return Notice(None);
    }
    let (done, wait) = std::sync::mpsc::channel::<()>();
    // Named by its variable only: the command's text may hold the passphrase itself.
    let var = var.to_string();
    // Without a thread to spare (memory running low), the command goes on without the notice.
    let thread = std::thread::Builder::new().spawn(move || {
        if wait.recv_timeout(NOTICE_AFTER) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            stderr_line!("trustladder: waiting for {var} to print the passphrase…");
        }
    });
    Notice(thread.ok().map(|thread| (done, thread)))
}

impl Notice {
    /// The command is done: no notice from now on.
    fn end(self) {
        if let Some((done, thread)) = self.0 {
            drop(done);
            let _ = thread.join();
        }
    }
}

/// Reads from `from` until it ends or `buf` is full; how many bytes it read.
fn fill(from: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match from.read(&mut buf[done..]) {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn durations_for_unlock_and_the_ui_lock() {
        assert_eq!(parse_idle("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_idle("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_idle("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_idle("24h"), Ok(Duration::from_secs(86_400)));
        for bad in [
            "", "h", "0m", "25h", "2d", "-1h", "1.5h", "30m1h", "1h1h", "1h 30m", "1hm", "m30",
        ] {
            assert!(parse_idle(bad).is_err(), "{bad}");
        }
        // What is said back can be typed back, in any case.
        for said in [90, 1800, 3600, 5400, 3 * 3600 + 60, 5] {
            let idle = Duration::from_secs(said);
            assert_eq!(parse_idle(&idle_text(idle)), Ok(idle), "{said}");
        }
        let zero = Err("a duration of 0 would forget the key at once; try 30m".to_string());
        for none in ["0", "00", "0s", "0m", "0h0m"] {
            assert_eq!(parse_idle(none), zero, "{none}");
        }
        assert_eq!(
            parse_idle("5"),
            Err("'5' is not a duration: try 30m, 1h or 1h30m".to_string())
        );
        assert_eq!(
            parse_idle("-5m"),
            Err("'-5m' is negative: the key is kept for a time to come; try 5m".to_string())
        );
        // A day is the most, and may be said as one; more is said to be more, in any unit.
        for day in ["1d", "1D", "1day", "24h", "1440m"] {
            assert_eq!(parse_idle(day), Ok(Duration::from_secs(86_400)), "{day}");
        }
        for longer in ["2d", "1d1s", "1w", "2weeks", "1y", "1Y", "25h"] {
            assert_eq!(
                parse_idle(longer),
                Err(format!(
                    "'{longer}' is more than 24h; unlock again tomorrow"
                )),
                "{longer}"
            );
        }
        // A fraction, or a last part without its unit, is offered as it is typed.
        for (typed, meant) in [
            ("1.5h", "1h30m"),
            ("1,5h", "1h30m"),
            (".5h", "30m"),
            ("2.25h", "2h15m"),
            ("1.5m", "1m30s"),
            ("1h30", "1h30m"),
            ("2h5", "2h05m"),
            ("1m30", "1m30s"),
        ] {
            assert_eq!(
                parse_idle(typed),
                Err(format!("'{typed}' is not a duration: try {meant}")),
                "{typed}"
            );
        }
        // No plain meaning: the general hint.
        for vague in ["1.0001s", "1.5d", "1h1d", "30s5", "1.5.5h", "1.h"] {
            assert_eq!(
                parse_idle(vague),
                Err(format!("'{vague}' is not a duration: try 30m, 1h or 1h30m")),
                "{vague}"
            );
        }
        assert_eq!(
            parse_idle("-x"),
            Err("'-x' is not a duration: try 30m, 1h or 1h30m".to_string())
        );
        assert_eq!(parse_idle("1H30M"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_idle("2min"), Ok(Duration::from_secs(120)));
        assert_eq!(idle_text(Duration::from_secs(3600)), "1h");
        assert_eq!(idle_text(Duration::from_secs(1800)), "30m");
        assert_eq!(idle_text(Duration::from_secs(5400)), "1h30m");
        assert_eq!(idle_text(Duration::from_secs(90)), "1m30s");
        assert_eq!(idle_text(Duration::from_secs(5)), "5s");
    }

    #[test]
    fn the_command_gives_the_passphrase_less_its_line_break() {
        let p = run_passphrase_command("printf 'hunter2\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), "hunter2");
        let p = run_passphrase_command("printf ' spaced \\r\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), " spaced ");
        // The first line, as `pass show` prints the password before a login or notes.
        let p = run_passphrase_command("printf 'new5\\nlogin: me\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), "new5");
        let p = run_passphrase_command("printf 'new5\\r\\nextra'", "X").unwrap();
        assert_eq!(p.expose_secret(), "new5");
        assert_eq!(
            run_passphrase_command("printf '\\nextra\\n'", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: its first line, the passphrase, is empty (the lines after it are not read); nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        assert_eq!(
            run_passphrase_command("printf '\\n'", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: it printed only an empty line, no passphrase; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        // Nothing printed is the command's fault, not a passphrase someone chose.
        assert_eq!(
            run_passphrase_command("printf ''", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: it printed nothing; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        let long = run_passphrase_command("head -c 5000 /dev/zero | tr '\\0' a", "X")
            .unwrap_err()
            .to_string();
        assert!(long.contains("more than 4096 bytes"), "{long}");
        let endless = run_passphrase_command("yes", "X").unwrap_err().to_string();
        assert!(endless.contains("more than 4096 bytes"), "{endless}");
        let p = run_passphrase_command("head -c 4096 /dev/zero | tr '\\0' a", "X").unwrap();
        assert_eq!(p.expose_secret().len(), 4096);
        let not_text = run_passphrase_command("printf '\\377\\n'", "X")
            .unwrap_err()
            .to_string();
        assert!(not_text.contains("not UTF-8"), "{not_text}");
        let failed = run_passphrase_command("exit 3", "X")
            .unwrap_err()
            .to_string();
        assert!(
            failed.starts_with("the passphrase command in X: it failed"),
            "{failed}"
        );
        // The shell's own codes, in words: a name mistyped, a script not made executable.
        let missing = run_passphrase_command("no-such-passphrase-tool 2>/dev/null", "X")
            .unwrap_err()
            .to_string();
        assert!(
            missing.starts_with(
                "the passphrase command in X: the shell did not find it (exit status: 127)"
            ),
            "{missing}"
        );
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("pass.sh");
        std::fs::write(&script, "#!/bin/sh\necho pw\n").unwrap();
        let not_run = run_passphrase_command(&format!("{} 2>/dev/null", script.display()), "X")
            .unwrap_err()
            .to_string();
        assert!(
            not_run.starts_with(
                "the passphrase command in X: the shell found it but could not run it (exit status: 126)"
            ),
            "{not_run}"
        );
        // Each says the way out, as a wrong passphrase from the command does.
        assert!(
            failed.ends_with(
                "; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
            ),
            "{failed}"
        );
    }
}
