//! `encrypt`, `decrypt`, `passphrase`, `recover`, `unlock` and `lock`: keeping the ledger
//! private (docs/PRIVACY.md).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use age::x25519;
use clap::Args;
use secrecy::ExposeSecret;

use super::{CliError, Context, patience};
use crate::core::text::sanitize;
use crate::crypt::envelope::is_sealed;
use crate::crypt::keyfile::{KeyFile, Keys, key_path};
use crate::crypt::unlock::{self, Ask};
use crate::crypt::{CryptError, holder};
use crate::store::{self, StoreError, sealing};

/// `trustladder encrypt`
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Write the recovery key to this new file (mode 0600) instead of printing it; an
    /// existing file or a folder is refused, and so is one of the ledger's own (its key file,
    /// its lock, its backups folder).
    #[arg(long, value_name = "FILE")]
    pub recovery_out: Option<PathBuf>,
}

/// `trustladder decrypt`
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// Do not ask for confirmation (for scripts).
    #[arg(long)]
    pub yes: bool,
}

/// `trustladder recover`
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// The file holding the recovery key (its `AGE-SECRET-KEY-1…` line; of several, each is
    /// tried, and the one that opens the ledger is used).
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
}

/// `trustladder unlock`
#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Forget the key after this long unused: 90s, 30m, 1h (the default), 1h30m, 8h; at most
    /// 24h, or 1d.
    #[arg(long = "for", value_name = "DURATION", default_value = "1h", allow_hyphen_values = true, value_parser = unlock::parse_idle)]
    pub idle: Duration,
}

fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string())
}

/// The data file is damaged: said as every command says it, sending the user to the backups
/// only where there are some.
fn damaged(data: &Path, detail: String) -> CliError {
    StoreError::Damaged {
        path: data.to_path_buf(),
        detail,
        no_backup: store::backups::list(data).is_ok_and(|found| found.is_empty()),
    }
    .into()
}

/// The data file's bytes, which must exist.
fn data_bytes(data: &Path) -> Result<Vec<u8>, CliError> {
    match store::read_file(data)? {
        // Neither plain nor sealed as it stands: every command here would take it for the
        // one it is not (`decrypt` removed the key file of a ledger still sealed).
        Some(bytes) if crate::crypt::envelope::header_damaged(&bytes) => {
            Err(damaged(data, store::DecodeError::SealDamaged.to_string()))
        }
        Some(bytes) => Ok(bytes),
        None => Err(CliError::Usage(format!(
            "there is no data file at {} (is --file or TRUSTLADDER_FILE right?)",
            shown(data)
        ))),
    }
}

/// Reads every backup of the ledger at `data` once, before anything is asked for or written:
/// one that cannot be read (a folder at a backup's name, a file not readable) stopped
/// `encrypt` or `recover` half-way through their rewrite, the data file sealed or the key file
/// rewritten already, under an error saying that nothing was changed (and `decrypt` only once
/// its question was answered and the passphrase typed).
fn backups_readable(data: &Path) -> Result<(), CliError> {
    for backup in store::backups::list(data)? {
        store::read_file(&backup.path)?;
    }
    Ok(())
}

/// Seals a plain file, leaves a sealed one.
fn seal_plain(keys: &Keys) -> impl FnMut(&Path, &[u8]) -> Result<Option<Vec<u8>>, StoreError> + '_ {
    move |path, bytes| {
        // One whose header is damaged is no plain backup: sealed again, it would hide the
        // damage under a header that reads.
        if is_sealed(bytes) || crate::crypt::envelope::header_damaged(bytes) {
            return Ok(None);
        }
        keys.seal(bytes)
            .map(Some)
            .map_err(|e| StoreError::crypt(path, e))
    }
}

/// The keys of the encrypted ledger at `data`, asked for on the terminal if need be; an error
/// names the file.
fn keys(data: &Path) -> Result<std::sync::Arc<Keys>, CliError> {
    unlock::keys_for(data, &*holder(data), Ask::Terminal)
        .map_err(|e| StoreError::crypt(data, e).into())
}

/// The keys for a command whose whole point is the passphrase (`unlock`): when nothing can
/// give it, "run `trustladder unlock` first" would send the user in a circle; a wrong one is
/// said with what it leaves, a ledger still locked, where "nothing was changed" said nothing.
fn keys_asked(data: &Path) -> Result<std::sync::Arc<Keys>, CliError> {
    unlock::keys_for(data, &*holder(data), Ask::Terminal)
        .map_err(|e| no_terminal(data, e.unlocking()))
}

/// The error of a command that needs the passphrase typed or given, naming both ways.
fn no_terminal(data: &Path, e: CryptError) -> CliError {
    let e = match e {
        CryptError::Locked => CryptError::Prompt(format!(
            "no terminal to ask on; run it in a terminal, or set {} to a command that prints it",
            unlock::PASSPHRASE_COMMAND_ENV
        )),
        other => other,
    };
    StoreError::crypt(data, e).into()
}

/// The data file these commands act on: the file a link at `--file` points to, as for every
/// save, so that the file sealed, its key file, its lock and its backups are the ledger's own
/// and not a link's.
fn ledger_path(ctx: &Context) -> std::path::PathBuf {
    store::resolve_links(ctx.path.clone())
}

/// The key file a new passphrase is written to: the file a link at its place points to, as
/// the data file's link is followed, so a key file kept elsewhere (a dotfile manager's
/// folder) takes the new passphrase, where the link was replaced by a file and the one kept
/// went on holding the old.
fn key_file_behind(data: &Path) -> std::path::PathBuf {
    store::resolve_links(key_path(data))
}

/// `encrypt` on an encrypted ledger: `passphrase` is what changes its passphrase, but not
/// with its key file missing or damaged, nor over a data file that does not open (as `check`
/// finds it, with the key where it is at hand), which is said instead, with the way back.
fn already_encrypted(data: &Path) -> CliError {
    CliError::Usage(match unlock::key_file_to_ask(data) {
        Err(e) => format!("{} is already encrypted, but {e}", shown(data)),
        Ok(_) => match sealed_damage(data) {
            Some(why) => format!(
                "{} is already encrypted, but it cannot be read ({why}); nothing was changed: {}",
                shown(data),
                way_back(data, "its key")
            ),
            None => format!(
                "{} is already encrypted; `trustladder passphrase` changes its passphrase",
                shown(data)
            ),
        },
    })
}

/// Why the sealed data file of `data` does not open, as `check` finds it (looked inside with
/// the key where it is at hand without asking, else by its age header alone); `None` where
/// nothing shows it damaged.
fn sealed_damage(data: &Path) -> Option<String> {
    match store::check_data_file(data) {
        Ok(file) if file.health == store::Health::Damaged => {
            Some(sanitize(&file.detail.unwrap_or_default()))
        }
        _ => None,
    }
}

/// Refuses `encrypt` over a sealed data file that does not open while backups are left in
/// plain text (an `encrypt` stopped half-way, then the file damaged): sealing them said only
/// that they were sealed, the damage unsaid, and sealed to the key file's key what may be the
/// only copies that open, where the data file may be sealed to another.
fn refuse_damaged_sealed(data: &Path) -> Result<(), CliError> {
    match sealed_damage(data) {
        Some(why) => Err(CliError::Usage(format!(
            "{} is encrypted, but it cannot be read ({why}); its backups left in plain text were not sealed, and nothing was changed: `trustladder check` lists the backups and `trustladder restore-backup N` puts one back, then `trustladder encrypt` seals those left plain",
            shown(data)
        ))),
        None => Ok(()),
    }
}

/// Refuses a command that writes the key file of `data` (`encrypt`, `recover`) where
/// something not a file is in its place (a folder): no key file can go there, which is said
/// before the passphrase is asked for (and `encrypt`'s recovery key shown, opening nothing),
/// where the write failed in the system's words once all that was done.
fn room_for_key_file(data: &Path, command: &str) -> Result<(), CliError> {
    match crate::crypt::keyfile::in_its_place(data) {
        Some(kind) => Err(CliError::Usage(format!(
            "the key file {} is {kind}, not a file, so no key file can be written there; move it aside, then run `trustladder {command}` again",
            shown(&key_path(data))
        ))),
        None => Ok(()),
    }
}

/// `trustladder encrypt`: see docs/PRIVACY.md.
pub fn encrypt(a: &EncryptArgs, ctx: &Context) -> Result<String, CliError> {
    let data = &ledger_path(ctx);
    // Asked before the lock, whose file (and folders) a mistyped path would otherwise get.
    if !data.exists() {
        data_bytes(data)?;
    }
    store::refuse_protected(data)?;
    let lock = store::hold_lock(data, &patience(data))?;
    let bytes = data_bytes(data)?;
    if is_sealed(&bytes) {
        // With every backup sealed too, there is nothing to do, and no passphrase to ask for.
        if !any_backup(data, |bytes| !is_sealed(bytes))? {
            return Err(already_encrypted(data));
        }
        // A plain backup left by an `encrypt` that was stopped half-way is sealed now, the
        // data file opening: checked before the passphrase is asked for, where the damage
        // shows without the key, and again once the key is held, as `check` then looks inside.
        backups_readable(data)?;
        refuse_damaged_sealed(data)?;
        let keys = keys(data)?;
        refuse_damaged_sealed(data)?;
        let sealed = sealing::rewrite_backups(data, &lock, &mut seal_plain(&keys))?;
        if sealed > 0 {
            return Ok(format!(
                "{} was already encrypted (its recovery key was shown, or written to --recovery-out, when that encrypt began); {sealed} backup{} left in plain text {} now encrypted too.\n",
                shown(data),
                if sealed == 1 { "" } else { "s" },
                if sealed == 1 { "is" } else { "are" },
            ));
        }
        return Err(already_encrypted(data));
    }
    store::decode(&bytes).map_err(|e| damaged(data, e.to_string()))?;
    backups_readable(data)?;
    room_for_key_file(data, "encrypt")?;
    if let Some(out) = &a.recovery_out {
        // Not one of the ledger's own files, under any name: the key file written over it
        // would leave no recovery key, and a backup's name would be sealed as a backup.
        store::output::expanded(out, "--recovery-out")?;
        store::output::guard(out, data)
            .map_err(|e| CliError::Usage(format!("--recovery-out: {e}")))?;
        // A folder is said as one, with a file to name in it, as `cp` would write there; a
        // link to nothing is there too (the file made new would follow it), said before the
        // passphrase is typed twice for an error about a file that "exists".
        if out.is_dir() {
            return Err(CliError::Usage(format!(
                "--recovery-out: {} is a folder; name a new file in it ({}, say)",
                shown(out),
                shown(&out.join("recovery-key.txt"))
            )));
        }
        if out.symlink_metadata().is_ok() {
            return Err(CliError::Usage(format!(
                "--recovery-out: {} already exists{}; name a new file",
                shown(out),
                if out.exists() {
                    ""
                } else {
                    " (a link to nothing)"
                }
            )));
        }
        // Its folder too, before the passphrase is typed twice for nothing.
        let folder = store::files_folder(out);
        if !folder.is_dir() {
            return Err(CliError::Usage(format!(
                "--recovery-out: {}; make the folder first, or name a file in one that is there",
                if folder.exists() {
                    format!("{} is not a folder", shown(folder))
                } else {
                    format!("there is no folder {}", shown(folder))
                }
            )));
        }
    }
    // Checked before the passphrase is asked for, as everything a user can get wrong is.
    let work_factor = unlock::work_factor()?;
    let passphrase = unlock::new_passphrase(unlock::PASSPHRASE_COMMAND_ENV)?;
    let recovery = x25519::Identity::generate();
    let keys = Keys::generate(recovery.to_public());
    let key_file = KeyFile::wrap(&keys, &passphrase, work_factor)?;
    let recovery_line = recovery.to_string();
    // The recovery key is out of the program, in its file or on the screen, before anything
    // is sealed to it: an `encrypt` stopped half-way leaves no file sealed to a key nobody
    // saw. Where it cannot be shown (a full disk, a reader gone), nothing is encrypted.
    match &a.recovery_out {
        Some(out) => write_new_private(out, recovery_line.expose_secret())?,
        None => {
            let shown = format!(
                "Recovery key, shown only now: keep it offline (on paper, or in a password manager). It opens the ledger if the passphrase is forgotten (`trustladder recover --key FILE`):\n\n{}\n\n",
                recovery_line.expose_secret()
            );
            let mut out = std::io::stdout().lock();
            out.write_all(shown.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| {
                    CliError::Usage(format!(
                        "the recovery key could not be shown ({e}), so nothing was encrypted; run it again where it can be, or with --recovery-out FILE"
                    ))
                })?;
        }
    }
    sealing::write_private(&key_path(data), &lock, key_file.to_text().as_bytes())?;
    let done = match sealing::rewrite_all(data, &lock, &mut seal_plain(&keys)) {
        Ok(done) => done,
        Err(e) => return Err(encrypt_stopped(data, e)),
    };
    let keys = unlock::remember(keys);
    hand_to_agent(data, &keys, unlock::PASSPHRASE_COMMAND_ENV);
    // "and 0 backups" where there are none: a ledger saved once has no backup yet.
    let backups = match done.backups {
        0 => String::new(),
        1 => " and 1 backup".to_string(),
        n => format!(" and {n} backups"),
    };
    let mut text = format!(
        "Encrypted {}{backups}; the key file is {}.\n",
        shown(data),
        shown(&key_path(data))
    );
    text.push_str(&older_keys_said(data, &keys, &passphrase));
    if let Some(out) = &a.recovery_out {
        text.push_str(&format!(
            "The recovery key is in {}: keep it offline (on paper, or in a password manager), then delete that file. It opens the ledger if the passphrase is forgotten.\n",
            shown(out)
        ));
    }
    let versions = crate::sync::committed_versions(data);
    if versions > 0 {
        text.push_str(&format!(
            "\nNote: the git history in {} holds {versions} earlier version{} of the ledger in plain text, and so does its remote once pushed; only what is committed from now on is encrypted. To keep none, start a new repository and remote (docs/PRIVACY.md, \"Several machines\").\n",
            shown(crate::store::files_folder(data)),
            if versions == 1 { "" } else { "s" },
        ));
    }
    Ok(text)
}

/// The error of an `encrypt` that could not write a file (a full disk), with what it left.
/// The data file is sealed first: where it is not, nothing is sealed to the new key, so its
/// key file goes too, and every file is as it was, as a change refused on a full disk leaves
/// it (the key file had stayed beside the plain ledger, said only by `check`). Where it is,
/// the key file stays for it, and `encrypt` run again seals the backups left plain.
fn encrypt_stopped(data: &Path, e: StoreError) -> CliError {
    if crate::crypt::envelope::sealed_on_disk(data) {
        return CliError::Usage(format!(
            "{e}; {} is encrypted, but not every backup yet: run `trustladder encrypt` again once it can write, to seal the rest",
            shown(data)
        ));
    }
    let key = key_path(data);
    match std::fs::remove_file(&key) {
        Ok(()) => CliError::Usage(format!(
            "{e}; nothing was encrypted, and the recovery key shown opens nothing: run `trustladder encrypt` again once it can write"
        )),
        Err(removing) => CliError::Usage(format!(
            "{e}; nothing was encrypted, and the key file {} could not be removed ({removing}): run `trustladder encrypt` again once it can write, which finishes it with a new recovery key",
            shown(&key)
        )),
    }
}

/// What `encrypt` says of the backups it leaves sealed with an older key kept in the backups
/// folder (the ledger was decrypted on another machine, its key kept here for them): how
/// many, and whether the passphrase just set opens that key too, or the one of that time is
/// needed, and where it is asked for. Nothing where there are none.
fn older_keys_said(data: &Path, keys: &Keys, passphrase: &secrecy::SecretString) -> String {
    let kept = crate::crypt::keyfile::kept_key_paths(data);
    if kept.is_empty() {
        return String::new();
    }
    let older = store::backups::list(data)
        .unwrap_or_default()
        .iter()
        .filter(|backup| {
            store::read_file(&backup.path)
                .ok()
                .flatten()
                .is_some_and(|bytes| is_sealed(&bytes) && !keys.seals(&bytes))
        })
        .count();
    if older == 0 {
        return String::new();
    }
    // Each kept key keeps the passphrase of its time, so the one just set may open some and
    // not others: each is said as what it is, where all were said to open or none.
    let (opens, not): (Vec<&std::path::PathBuf>, Vec<&std::path::PathBuf>) =
        kept.iter().partition(|path| {
            std::fs::read_to_string(path)
                .ok()
                .and_then(|text| KeyFile::parse(&text).ok())
                .is_some_and(|file| file.unwrap(passphrase).is_ok())
        });
    let listed = |paths: &[&std::path::PathBuf]| {
        paths
            .iter()
            .map(|path| shown(path))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A script's passphrase command is asked for each such key as well, by name.
    let script = format!(
        " (from a script, {} is run again for {}, with {} set to its file)",
        unlock::PASSPHRASE_COMMAND_ENV,
        if not.len() == 1 { "it" } else { "each" },
        unlock::PASSPHRASE_FOR_ENV
    );
    let how = match (opens.len(), not.len()) {
        (_, 0) => format!(
            "the passphrase just set opens {} too, so `check`, `restore-backup` and `decrypt` open them as they open the rest",
            if opens.len() == 1 { "it" } else { "them" }
        ),
        (0, 1) => format!(
            "the passphrase the ledger had then opens it, not this one: `trustladder decrypt` and `trustladder restore-backup`, run in a terminal, ask for it after this one{script}"
        ),
        (0, _) => format!(
            "the passphrases the ledger had then open them, not this one: `trustladder decrypt` and `trustladder restore-backup`, run in a terminal, ask for each after this one{script}"
        ),
        (_, n) => format!(
            "the passphrase just set opens the one in {} too; {} with the passphrase the ledger had then, not this one: `trustladder decrypt` and `trustladder restore-backup`, run in a terminal, ask for {} after this one{script}",
            listed(&opens),
            if n == 1 {
                format!("the one in {} opens", listed(&not))
            } else {
                format!("those in {} open", listed(&not))
            },
            if n == 1 { "it" } else { "each" },
        ),
    };
    format!(
        "{older} backup{} sealed before {} sealed with the older key{} kept in {}: {how}\n",
        if older == 1 { "" } else { "s" },
        if older == 1 { "stays" } else { "stay" },
        if kept.len() == 1 { "" } else { "s" },
        listed(&kept.iter().collect::<Vec<_>>()),
    )
}

/// After typing a passphrase on a terminal, the next commands should not ask again: the keys
/// go to the agent for [`unlock::DEFAULT_IDLE`], as a prompt's do. A script (no terminal)
/// starts no agent it did not ask for, nor does a passphrase the command in `var` gave, which
/// nobody typed: as for every other command, whose keys from that command go to no agent (an
/// agent held them for an hour, unasked, wherever the script ran in a terminal). The agent is a
/// convenience: a failure to start one is no failure of the command.
fn hand_to_agent(data: &Path, keys: &Keys, var: &str) {
    let given = std::env::var_os(var).is_some_and(|v| !v.is_empty());
    if std::io::stdin().is_terminal() && !given {
        let _ = holder(data).put(&keys.key_id(), &keys.secret(), unlock::DEFAULT_IDLE);
    }
}

/// Creates `path` (refusing an existing file) with mode 0600 and `text` and a line break,
/// synced to disk.
fn write_new_private(path: &Path, text: &str) -> Result<(), CliError> {
    use std::os::unix::fs::OpenOptionsExt;
    let failed =
        |e: std::io::Error| CliError::Usage(format!("--recovery-out: {}: {e}", shown(path)));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(failed)?;
    // Root writing into another user's folder leaves the file theirs: the one file they
    // must keep would be root's, and not theirs to read.
    store::owned_as(&file, path);
    file.write_all(format!("{text}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)
}

/// `trustladder decrypt`.
pub fn decrypt(a: &DecryptArgs, ctx: &Context) -> Result<String, CliError> {
    let data = &ledger_path(ctx);
    let bytes = data_bytes(data)?;
    if !is_sealed(&bytes) {
        plain_whole(data, &bytes)?;
    }
    if !is_sealed(&bytes) && !any_backup(data, is_sealed)? {
        // Everything opened, but the key file left: a `decrypt` stopped just before its end.
        let key = key_path(data);
        if key.exists() {
            store::refuse_protected(data)?;
            let _lock = store::hold_lock(data, &patience(data))?;
            std::fs::remove_file(&key).map_err(|e| StoreError::io(&key, e))?;
            return Ok(format!(
                "{} was already plain; the key file a decrypt stopped half-way left, {}, is removed.\n",
                shown(data),
                shown(&key)
            ));
        }
        return Err(CliError::Usage(format!("{} is not encrypted", shown(data))));
    }
    // Said before the question and the passphrase, which would be typed for nothing: a data
    // file or folder its owner made read-only ("do not touch", as every change takes it,
    // whoever runs the program), and a backup that cannot be read.
    store::refuse_protected(data)?;
    backups_readable(data)?;
    if !a.yes {
        confirm(&format!(
            "Write {} and its backups as plain text, readable by anyone who gets the files? [y/N] ",
            shown(data)
        ))?;
    }
    // The current passphrase, even while the agent holds the key, as for `passphrase`: a
    // decrypt then an encrypt would otherwise let whoever sits at a machine left unlocked set
    // a passphrase and a recovery key of their own, and lock its owner out. Asked before the
    // lock, so other commands go on while it is typed; a passphrase changed meanwhile
    // unwraps the same key. Echo stays off from its prompt to those of the older keys kept
    // for the backups, the wait for the lock between them included: what was typed ahead
    // there showed.
    let _asking = unlock::Asking::begin();
    let keys =
        std::sync::Arc::new(unlock::keys_by_passphrase(data).map_err(|e| no_terminal(data, e))?);
    let lock = store::hold_lock(data, &patience(data))?;
    // A backup sealed before the ledger was encrypted again opens with the older key kept for
    // it in the backups folder, asked for as the ledger's own is (the same passphrase, where it
    // was not changed, opens it without a word).
    let kept_holder = holder(data);
    let keys_of = |bytes: &[u8]| -> Result<std::sync::Arc<Keys>, CryptError> {
        if keys.seals(bytes) {
            return Ok(keys.clone());
        }
        let own = keys.key_id();
        let search =
            unlock::kept_keys_sealing(data, bytes, Some(&own), &*kept_holder, Ask::Terminal);
        match search.found {
            Some(found) => Ok(found),
            None => search.error().map_or_else(|| Ok(keys.clone()), Err),
        }
    };
    // Every file is opened before any is written: one that does not open (damaged, or sealed
    // to another key) stopped a decrypt half-way, some files plain and the rest not, and a
    // second run stopped at it again.
    let mut unopened = not_opening(data, |bytes| keys_of(bytes)?.open(bytes).map(drop))?;
    // The data file itself is said as every command says it (damaged: `check`, then
    // `restore-backup`), not as a backup to move out of the way.
    if unopened.first().is_some_and(|(path, _)| path == data) {
        let (_, why) = unopened.swap_remove(0);
        return Err(store::or_no_backup(StoreError::crypt(data, why)).into());
    }
    // Sealed with an older key kept for them that was not opened: that error says which
    // passphrase opens it, and nothing is to be moved.
    if let Some((_, first)) = unopened.first()
        && unopened
            .iter()
            .all(|(_, why)| matches!(why, CryptError::SealedToKeptKey { .. }))
    {
        return Err(CliError::Usage(format!(
            "{} {}: {first}; nothing was changed",
            unopened
                .iter()
                .map(|(path, _)| shown(path))
                .collect::<Vec<_>>()
                .join(", "),
            if unopened.len() == 1 {
                "does not open"
            } else {
                "do not open"
            },
        )));
    }
    if !unopened.is_empty() {
        return Err(CliError::Usage(format!(
            "{}; nothing was changed: move {} out of the backups folder (the recovery key, with the `age` tool, may open one sealed to another key), then run `trustladder decrypt` again",
            unopened
                .iter()
                .map(|(path, why)| format!("{} does not open ({})", shown(path), closed(why)))
                .collect::<Vec<_>>()
                .join("; "),
            if unopened.len() == 1 { "it" } else { "them" }
        )));
    }
    let mut open_sealed = |path: &Path, bytes: &[u8]| -> Result<Option<Vec<u8>>, StoreError> {
        if !is_sealed(bytes) {
            return Ok(None);
        }
        keys_of(bytes)
            .and_then(|keys| keys.open(bytes))
            .map(|plain| Some(plain.to_vec()))
            .map_err(|e| StoreError::crypt(path, e))
    };
    let done = match sealing::rewrite_all(data, &lock, &mut open_sealed) {
        Ok(done) => done,
        // The data file is written first: where it is plain now, the backups not yet opened
        // stay sealed, with the key file for them, and said so, where only the system's words
        // were said, as if nothing had been done.
        Err(e) if !crate::crypt::envelope::sealed_on_disk(data) => {
            return Err(CliError::Usage(format!(
                "{e}; {} is plain JSON again, but not every backup yet: run `trustladder decrypt` again once it can write, to open the rest",
                shown(data)
            )));
        }
        Err(e) => return Err(e.into()),
    };
    // Every key of the ledger, its own and the older ones kept for its backups, which the
    // agents are to forget with it.
    let kept = crate::crypt::keyfile::kept_key_paths(data);
    let mut key_ids = vec![keys.key_id()];
    key_ids.extend(kept.iter().filter_map(|path| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| KeyFile::parse(&text).ok())
            .map(|file| file.main)
            .filter(|main| *main != keys.key_id())
    }));
    // The key file, the copies kept for backups sealed here after a `decrypt` elsewhere or
    // before an `encrypt` again, and one a killed sync left lent.
    for key in [key_path(data), crate::crypt::keyfile::lent_key_path(data)]
        .into_iter()
        .chain(kept)
    {
        match std::fs::remove_file(&key) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&key, e).into()),
        }
    }
    // This ledger's key alone: the keys of other ledgers unlocked through the same agent stay.
    // Every agent in the places one may be is asked, not only the one these variables name:
    // one started from a shell with other variables kept the key of a ledger now plain.
    let folder = data.parent().unwrap_or(Path::new("."));
    for dir in crate::crypt::agent::every_socket_dir(folder) {
        use crate::crypt::agent::AgentError;
        let agent = crate::crypt::agent::Agent::new(dir);
        let forgotten = key_ids.iter().try_for_each(|id| agent.forget(id).map(drop));
        let said = match forgotten {
            Ok(()) => continue,
            // `lock` cannot reach it either: only ending it does.
            Err(AgentError::NoAnswer { path, secs, pid }) => format!(
                "the agent on {} did not answer within {secs} s, stopped or stuck, so it may still hold the key of {}, now plain: {}",
                shown(&path),
                shown(data),
                AgentError::ending(pid)
            ),
            Err(e) => format!(
                "{}; that agent may still hold the key of {}, now plain: `trustladder lock` makes it forget every key it holds",
                sanitize(&e.to_string()),
                shown(data)
            ),
        };
        stderr_line!("trustladder: note: {said}");
    }
    unlock::forget_all();
    let backups = format!(
        "{} backup{}",
        done.backups,
        if done.backups == 1 { "" } else { "s" }
    );
    // A ledger plain already (decrypted on another machine) had only its backups sealed.
    let file = shown(data);
    let what = match (is_sealed(&bytes), done.backups) {
        (true, 0) => format!("{file} is"),
        (true, _) => format!("{file} and {backups} are"),
        (false, _) => format!("{backups} of {file} are"),
    };
    let already = if is_sealed(&bytes) {
        ""
    } else {
        " (the ledger was already)"
    };
    Ok(format!(
        "{what} plain JSON again{already}; the key file is removed.\n"
    ))
}

/// Whether any backup of the ledger at `data` has bytes that `is` says yes to (sealed, or
/// plain); one that cannot be read counts as neither.
fn any_backup(data: &Path, is: impl Fn(&[u8]) -> bool) -> Result<bool, CliError> {
    Ok(store::backups::list(data)?.iter().any(|b| {
        store::read_file(&b.path)
            .ok()
            .flatten()
            .is_some_and(|bytes| is(&bytes))
    }))
}

/// The sealed files of the ledger at `data` (the data file, then each backup) that `open`
/// does not open, with why.
fn not_opening(
    data: &Path,
    open: impl Fn(&[u8]) -> Result<(), CryptError>,
) -> Result<Vec<(std::path::PathBuf, CryptError)>, CliError> {
    let mut paths = vec![data.to_path_buf()];
    paths.extend(store::backups::list(data)?.into_iter().map(|b| b.path));
    let mut unopened = Vec::new();
    for path in paths {
        let Some(bytes) = store::read_file(&path)? else {
            continue;
        };
        if is_sealed(&bytes)
            && let Err(why) = open(&bytes)
        {
            unopened.push((path, why));
        }
    }
    Ok(unopened)
}

/// Asks a yes/no question on the terminal; anything but yes, or no terminal, is a no.
fn confirm(question: &str) -> Result<(), CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "there is no terminal to confirm on; pass --yes to decrypt from a script".to_string(),
        ));
    }
    stderr_text!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
        Ok(())
    } else {
        Err(CliError::Usage("nothing was changed".to_string()))
    }
}

/// A data file not sealed, beside a key file or sealed backups, that is no ledger (emptied,
/// overwritten) is damaged, not plain: `decrypt` took it for one a stopped decrypt left, opened
/// the backups and removed the key file, leaving the file no command reads, and `passphrase`
/// and `recover` said it was not encrypted, sending to `encrypt`, which refuses it.
fn plain_whole(data: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if key_path(data).exists() || any_backup(data, is_sealed)? {
        store::decode(bytes).map_err(|e| damaged(data, e.to_string()))?;
    }
    Ok(())
}

/// The key file of an encrypted ledger, refusing a plain one.
fn sealed_ledger(data: &Path) -> Result<(), CliError> {
    let bytes = data_bytes(data)?;
    if is_sealed(&bytes) {
        Ok(())
    } else {
        plain_whole(data, &bytes)?;
        Err(CliError::Usage(format!(
            "{} is not encrypted; `trustladder encrypt` encrypts it",
            shown(data)
        )))
    }
}

/// `trustladder passphrase`: wraps the main key with a new passphrase once the current one is
/// given; nothing else changes.
pub fn passphrase(ctx: &Context) -> Result<String, CliError> {
    let data = &ledger_path(ctx);
    sealed_ledger(data)?;
    // The key file is the ledger's too: not rewritten where its owner made the data file or
    // folder read-only, as no change is saved there.
    store::refuse_protected(data)?;
    let work_factor = unlock::work_factor()?;
    // The current passphrase, even while the agent holds the key: whoever sits at a machine
    // left unlocked reads the ledger, but cannot lock its owner out of it. Echo stays off
    // from its prompt to the new one's.
    let _asking = unlock::Asking::begin();
    let keys = unlock::keys_by_passphrase(data).map_err(|e| no_terminal(data, e))?;
    let new = unlock::new_passphrase(unlock::NEW_PASSPHRASE_COMMAND_ENV)?;
    let key_file = KeyFile::wrap(&keys, &new, work_factor)?;
    let lock = store::hold_lock(data, &patience(data))?;
    // Only the key file is written, so a data file cut off or damaged does not stop the
    // change: its backups are sealed to the same main key, which the new passphrase opens to
    // restore one. But a change said done without a word left the user unaware of it until
    // the next command refused the file.
    let opens_not = data_bytes(data)
        .ok()
        .and_then(|bytes| keys.open(&bytes).err());
    sealing::write_private(&key_file_behind(data), &lock, key_file.to_text().as_bytes())?;
    if let Some(why) = opens_not {
        said_not_opening(data, &why, "the new passphrase");
    }
    Ok(format!(
        "The passphrase of {} is changed; the key file {} is rewritten, nothing else.\n",
        shown(data),
        shown(&key_path(data))
    ))
}

/// Says on the error stream that the data file does not open with keys that are right (it is
/// damaged or cut off), with the way back: a command whose own work is done (a passphrase
/// changed, the keys unlocked) would otherwise leave the user unaware of it until the next
/// command refused the file.
fn said_not_opening(data: &Path, why: &CryptError, opener: &str) {
    stderr_line!(
        "trustladder: note: {} does not open ({}); it is left as it was: {}",
        shown(data),
        sanitize(&why.to_string()),
        way_back(data, opener)
    );
}

/// The way back from a data file that does not open: the backups that `opener` opens, named
/// only where there are some, as every command does.
fn way_back(data: &Path, opener: &str) -> String {
    if store::backups::list(data).is_ok_and(|found| found.is_empty()) {
        "there is no backup of it to put back (a sync remote, or a copy of your own, may hold one)"
            .to_string()
    } else {
        format!(
            "`trustladder check` lists its backups, which {opener} opens, and `trustladder restore-backup N` puts one back"
        )
    }
}

/// The most a file given to `--key` is read of: a recovery key is a line of 74 characters, and
/// a file of them with comments a few hundred bytes, while `/dev/zero` or a log given by
/// mistake would be read without end. A pipe (`--key <(pass show …)`) is read as a file is.
const MOST_KEY_BYTES: u64 = 64 * 1024;

/// The bytes of the file given to `--key`, at most [`MOST_KEY_BYTES`]: more is refused as
/// `FileTooLarge`.
fn key_file_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MOST_KEY_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MOST_KEY_BYTES {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(bytes)
}

/// The recovery key in a file that opens `sealed` (the data file): each `AGE-SECRET-KEY-1…`
/// line is tried, comments allowed, as a file may hold several (two machines' recovery
/// keys, kept together). A line that does not read as a key (a character mistyped, which
/// its checksum catches) is said as such, not as no key at all.
fn recovery_key_for(path: &Path, sealed: &[u8], data: &Path) -> Result<x25519::Identity, CliError> {
    // Each way it cannot be read says where the key is to be found, not the system's words.
    const WHERE: &str = "give the file the recovery key was written to (by `encrypt --recovery-out`), or one it is typed or pasted into from where it was kept";
    let bytes = zeroize::Zeroizing::new(key_file_bytes(path).map_err(|e| {
        CliError::Usage(if e.kind() == std::io::ErrorKind::FileTooLarge {
            format!(
                "--key: {} holds more than {} KiB, far more than any file of recovery keys; {WHERE}",
                shown(path),
                MOST_KEY_BYTES / 1024
            )
        } else if path.is_dir() {
            format!("--key: {} is a folder; {WHERE}", shown(path))
        } else if e.kind() == std::io::ErrorKind::NotFound {
            format!("--key: there is no file {}; {WHERE}", shown(path))
        } else {
            format!("--key: {}: {e}", shown(path))
        })
    })?);
    // Not text (the data file, sealed, given by mistake) has no line that is a key; a byte
    // that is not UTF-8 elsewhere (a comment in another encoding) hides none.
    let text = zeroize::Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned());
    let lines: Vec<&str> = text
        .lines()
        // A byte order mark in front, as Notepad saves "UTF-8", is no part of the key.
        .map(|l| l.trim().trim_start_matches('\u{feff}'))
        .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .collect();
    let keys: Vec<x25519::Identity> = lines.iter().filter_map(|l| l.parse().ok()).collect();
    let unread = lines.len() - keys.len();
    let mistyped = |lines: usize| {
        format!(
            "{} in {} {} not read: a character is mistyped or left out (its checksum does not match); copy it again from where it was kept",
            match lines {
                1 => "a recovery key".to_string(),
                n => format!("{n} recovery keys"),
            },
            shown(path),
            if lines == 1 { "does" } else { "do" },
        )
    };
    if keys.is_empty() {
        return Err(CliError::Usage(if unread == 0 {
            format!(
                "--key: {} holds no recovery key (a line beginning AGE-SECRET-KEY-1); {WHERE}",
                shown(path)
            )
        } else {
            format!("--key: {}", mistyped(unread))
        }));
    }
    for key in keys {
        match crate::crypt::envelope::open(sealed, &key) {
            Ok(_) => return Ok(key),
            Err(CryptError::NotThisKey) => {}
            // The data file cut off: said as every command says it, with its backups, or
            // that there is none.
            Err(other) => return Err(store::or_no_backup(StoreError::crypt(data, other)).into()),
        }
    }
    let opens_not = match lines.len() - unread {
        1 => "that recovery key does not open".to_string(),
        n => format!("none of the {n} recovery keys in {} opens", shown(path)),
    };
    Err(CliError::Usage(match unread {
        0 => format!(
            "--key: {opens_not} {}: {} another ledger's, or this one's from before it was encrypted again; the one `encrypt` gave when it last encrypted this ledger opens it",
            shown(data),
            if lines.len() == 1 { "it is" } else { "each is" }
        ),
        n => format!("--key: {opens_not} {}, and {}", shown(data), mistyped(n)),
    }))
}

/// `trustladder recover --key FILE`: opens the ledger with the recovery key and sets a new
/// passphrase. Where the key file holds the main key for the recovery key too, only the key
/// file changes, as with `passphrase`, so the ledger on other machines stays open to the same
/// key; otherwise (a key file from before, or none) a new main key is made and the data file
/// and the backups are sealed to it.
pub fn recover(a: &RecoverArgs, ctx: &Context) -> Result<String, CliError> {
    let data = &ledger_path(ctx);
    // `--key=~/…` names a folder called `~` here: said so, not as no such file.
    store::output::expanded(&a.key, "--key")?;
    let work_factor = unlock::work_factor()?;
    let bytes = data_bytes(data)?;
    if !is_sealed(&bytes) {
        plain_whole(data, &bytes)?;
        return Err(CliError::Usage(format!("{} is not encrypted", shown(data))));
    }
    room_for_key_file(data, "recover --key FILE")?;
    store::refuse_protected(data)?;
    // A key file this user may not read is whole: it is refused with its fix (`chown`,
    // `chmod`), as every command refuses it, where it was passed over as one damaged and a
    // new main key made, which every other machine would have had to take with `sync clone`.
    // Only one missing or damaged is done without; one whose one damage is what follows its
    // sealed blocks (two files joined, an editor's leavings) is read up to there.
    let (here, whence_here) = match KeyFile::read(data) {
        Ok(file) => (file, ""),
        Err(e @ (CryptError::KeyFileUnreadable { .. } | CryptError::Io(_))) => {
            return Err(StoreError::crypt(data, e).into());
        }
        Err(_) => (
            std::fs::read_to_string(key_path(data))
                .ok()
                .and_then(|text| KeyFile::before_what_follows(&text)),
            " (from the key file here, read up to the bytes after its sealed blocks, now left out)",
        ),
    };
    let recovery = recovery_key_for(&a.key, &bytes, data)?;
    backups_readable(data)?;
    // The main key is kept where a key file holds it for the recovery key: the one here, or
    // in a synced folder the one git holds. With none, a new main key.
    let usable = |file: KeyFile| {
        file.unwrap_for_recovery(&recovery)
            .ok()
            .flatten()
            .filter(|keys| keys.open(&bytes).is_ok())
    };
    let kept = match here.and_then(usable) {
        Some(keys) => Some((keys, whence_here)),
        None => crate::sync::committed_key_files(data)
            .iter()
            .filter_map(|text| KeyFile::parse(text).ok())
            .find_map(usable)
            .map(|keys| {
                (
                    keys,
                    " (from the key file git holds, as the one here was missing or damaged)",
                )
            }),
    };
    let passphrase = unlock::new_passphrase(unlock::NEW_PASSPHRASE_COMMAND_ENV)?;
    if let Some((keys, whence)) = kept {
        let key_file = KeyFile::wrap(&keys, &passphrase, work_factor)?;
        let lock = store::hold_lock(data, &patience(data))?;
        sealing::write_private(&key_file_behind(data), &lock, key_file.to_text().as_bytes())?;
        // A recover that made a new main key and stopped half-way left backups sealed to the
        // old one, which the recovery key still opens: sealed to the main key now, it is
        // finished. A backup that opens nowhere (damaged) is left, and said.
        let mut left = Vec::new();
        let mut finish = |path: &Path, bytes: &[u8]| -> Result<Option<Vec<u8>>, StoreError> {
            // Told from the header: the main key's own backups are not decrypted to be left.
            if !is_sealed(bytes) || keys.seals(bytes) {
                return Ok(None);
            }
            match crate::crypt::envelope::open(bytes, &recovery) {
                Ok(plain) => keys
                    .seal(&plain)
                    .map(Some)
                    .map_err(|e| StoreError::crypt(path, e)),
                Err(why) => {
                    left.push((path.to_path_buf(), why));
                    Ok(None)
                }
            }
        };
        let finished = sealing::rewrite_backups(data, &lock, &mut finish)?;
        unlock::forget_all();
        let keys = unlock::remember(keys);
        hand_to_agent(data, &keys, unlock::NEW_PASSPHRASE_COMMAND_ENV);
        let rest = match finished {
            0 => "so nothing else was rewritten".to_string(),
            n => format!(
                "and {n} backup{} a recover stopped half-way left sealed to the old key {} sealed to it now",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            ),
        };
        // Other machines are named only where there can be any: a ledger git holds.
        let others = if crate::sync::committed_versions(data) > 0 {
            ", and other machines open the ledger with the new passphrase once they sync"
        } else {
            ""
        };
        return Ok(format!(
            "Recovered {} with the recovery key: a new passphrase is set on the same main key{whence}, {rest}{others}. The recovery key stays the same.\n{}",
            shown(data),
            left_as_they_are(data, &left)
        ));
    }
    let keys = Keys::generate(recovery.to_public());
    let key_file = KeyFile::wrap(&keys, &passphrase, work_factor)?;
    let lock = store::hold_lock(data, &patience(data))?;
    sealing::write_private(&key_file_behind(data), &lock, key_file.to_text().as_bytes())?;
    let mut left = Vec::new();
    let mut reseal = |path: &Path, bytes: &[u8]| -> Result<Option<Vec<u8>>, StoreError> {
        let plain = if is_sealed(bytes) {
            match crate::crypt::envelope::open(bytes, &recovery) {
                Ok(plain) => plain,
                // A backup the recovery key does not open (another key's, or damaged) is left
                // as it is, and said: stopping at it left the rest sealed to a key now gone.
                Err(why) => {
                    left.push((path.to_path_buf(), why));
                    return Ok(None);
                }
            }
        } else {
            zeroize::Zeroizing::new(bytes.to_vec())
        };
        keys.seal(&plain)
            .map(Some)
            .map_err(|e| StoreError::crypt(path, e))
    };
    let done = sealing::rewrite_all(data, &lock, &mut reseal)?;
    unlock::forget_all();
    let keys = unlock::remember(keys);
    hand_to_agent(data, &keys, unlock::NEW_PASSPHRASE_COMMAND_ENV);
    Ok(format!(
        "Recovered {} with the recovery key: a new passphrase is set, and the file and {} backup{} are sealed to the new key. The recovery key stays the same.\n{}",
        shown(data),
        done.backups,
        if done.backups == 1 { "" } else { "s" },
        left_as_they_are(data, &left)
    ))
}

/// Why a file does not open, in a few words: sealed to another key says only that (the
/// error's advice on a half-way recover is not what a decrypt or a recover needs).
fn closed(why: &CryptError) -> String {
    match why {
        CryptError::NotThisKey => "it is sealed to another key".to_string(),
        other => other.to_string(),
    }
}

/// The lines that say which backups a recover left as they were, and why. Where an older key
/// is kept in the backups folder, such a backup may be sealed with it (from before the ledger
/// was encrypted again): it is said to open with that key's passphrase, never to hold nothing
/// and be removed.
fn left_as_they_are(data: &Path, left: &[(std::path::PathBuf, CryptError)]) -> String {
    let kept = crate::crypt::keyfile::kept_key_paths(data);
    let fate = if kept.is_empty() {
        "it holds nothing this ledger can read, and may be removed".to_string()
    } else {
        format!(
            "it may be sealed with the older key kept in {}, which the passphrase the ledger had then opens (`trustladder check` looks inside it when {} prints that passphrase), so keep it",
            kept.iter()
                .map(|path| shown(path))
                .collect::<Vec<_>>()
                .join(", "),
            unlock::PASSPHRASE_COMMAND_ENV
        )
    };
    left.iter()
        .map(|(path, why)| {
            format!(
                "Left as it was: {} does not open with the recovery key ({}); {fate}.\n",
                shown(path),
                closed(why)
            )
        })
        .collect()
}

/// `trustladder unlock`: hands the keys to the agent for `--for` unused.
pub fn unlock(a: &UnlockArgs, ctx: &Context) -> Result<String, CliError> {
    let data = &ledger_path(ctx);
    // A key file with a plain ledger: another machine encrypted it, and the next sync seals
    // this one too, once the keys are unlocked.
    if !key_path(data).exists() {
        sealed_ledger(data)?;
    }
    // A folder the agent cannot start in, or an agent there that does not answer (stopped,
    // stuck), is said before the passphrase is asked for in vain: the agent was waited for
    // twice, before the passphrase and after it, and said twice.
    let folder = data.parent().unwrap_or(std::path::Path::new("."));
    crate::crypt::agent::Agent::new(crate::crypt::agent::socket_dir(folder)).status()?;
    let agent = holder(data);
    let keys = keys_asked(data)?;
    agent.put(&keys.key_id(), &keys.secret(), a.idle)?;
    // A whole plain ledger beside the key file a sync brought (another machine encrypted it)
    // is sealed by the next sync: there is nothing to open yet, and it is not damaged.
    if let Some(why) = data_bytes(data)
        .ok()
        .filter(|bytes| is_sealed(bytes) || store::decode(bytes).is_err())
        .and_then(|bytes| keys.open(&bytes).err())
    {
        said_not_opening(data, &why, "the key now unlocked");
    }
    // A large ledger's text kept from now on: the first command after the unlock need not
    // decrypt it either (docs/PRIVACY.md).
    if std::fs::metadata(data).is_ok_and(|meta| crate::crypt::text_kept_for(meta.len())) {
        crate::crypt::keep_text(data, &keys, false);
    }
    Ok(format!(
        "Unlocked {} until it has gone unused for {}; `trustladder lock` locks it now.\n",
        shown(data),
        unlock::idle_text(a.idle)
    ))
}

/// `trustladder lock`: every agent that may hold this ledger's key forgets every key and
/// ends, as `ssh-add -D` does (not only this ledger's, as `ssh-add -d`: leaving a machine, one
/// locks it all): the one its variables name, and the data folder's own, where a command run
/// without `XDG_RUNTIME_DIR` started one. It says how many keys were forgotten and whether
/// this ledger's was among them, as the keys of other ledgers go too (a key not this ledger's
/// is called no more than that: it may be this ledger's old one, replaced by `recover`).
/// Where each data folder has an agent of its own (no `XDG_RUNTIME_DIR`), "nothing was
/// unlocked" names this folder's, as another folder's may still hold a key.
pub fn lock(ctx: &Context) -> Result<String, CliError> {
    let data = ledger_path(ctx);
    let folder = data.parent().unwrap_or(std::path::Path::new("."));
    // This ledger's key id, when its key file reads: to say whether its key was held.
    let own = unlock::key_file(&data).ok().map(|file| file.main);
    let mut locked = Vec::new();
    let mut forgot = Some(0usize);
    let mut held_own = own.as_ref().map(|_| false);
    let mut unseen = Vec::new();
    for dir in crate::crypt::agent::socket_dirs(folder) {
        let agent = crate::crypt::agent::Agent::new(dir.clone());
        // A file, or a link, where the folder goes holds no agent (none starts in one), so no
        // key: said, and the lock goes on.
        let no_folder = |e: &crate::crypt::agent::AgentError| {
            let can_hold = std::fs::symlink_metadata(&dir).is_ok_and(|meta| meta.is_dir());
            if !can_hold {
                stderr_line!("trustladder: note: {}", sanitize(&e.to_string()));
            }
            !can_hold
        };
        // An agent that does not answer is asked once, not twice: each waits its timeout.
        let held = match own.as_deref().map(|key| agent.holds(key)) {
            Some(Err(e)) => {
                if !no_folder(&e) {
                    unseen.push(e.to_string());
                }
                continue;
            }
            held => held.map(Result::ok),
        };
        match agent.lock() {
            Ok(Some(keys)) => {
                locked.push(dir);
                forgot = forgot.zip(keys).map(|(a, b)| a + b);
                held_own = match (held_own, held) {
                    (Some(before), Some(Some(now))) => Some(before || now),
                    _ => None,
                };
            }
            Ok(None) => {}
            Err(e) if no_folder(&e) => {}
            Err(e) => unseen.push(e.to_string()),
        }
    }
    const UI: &str = "A terminal UI open now keeps its own until it locks itself (after its idle time) or quits.";
    let places = |dirs: &[std::path::PathBuf]| {
        dirs.iter()
            .map(|d| shown(d))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let (who, it) = match locked.as_slice() {
        [_] => ("the agent".to_string(), "it"),
        dirs => (format!("{} agents ({})", dirs.len(), places(dirs)), "they"),
    };
    let said = (!locked.is_empty()).then(|| {
        let what = match (forgot, held_own) {
            (Some(0), _) => format!("{who} held no key"),
            (Some(1), Some(true)) => {
                format!("{who} forgot this ledger's key, the only one {it} held")
            }
            // A key that is not this ledger's may be another ledger's, or this ledger's own
            // from before a `recover` (here, or on a machine it syncs with) made a new main
            // key: the agent tells keys by id alone, so neither is claimed.
            (Some(2), Some(true)) => format!("{who} forgot 2 keys: this ledger's and 1 other"),
            (Some(n), Some(true)) => {
                format!("{who} forgot {n} keys: this ledger's and {} others", n - 1)
            }
            (Some(1), Some(false)) => {
                format!("{who} forgot 1 key, not this ledger's; this one was not unlocked")
            }
            (Some(n), Some(false)) => {
                format!(
                    "{who} forgot {n} keys, none of them this ledger's; this one was not unlocked"
                )
            }
            // No key file to tell this ledger's key by (a plain ledger): only how many.
            (Some(1), None) => format!("{who} forgot the 1 key {it} held"),
            (Some(n), None) => format!("{who} forgot the {n} keys {it} held"),
            _ => format!(
                "{who} forgot every key {it} held, this ledger's and any other unlocked with {}",
                if it == "it" { "it" } else { "them" }
            ),
        };
        format!("Locked: {what}. {UI}")
    });
    // An agent that could not be asked may still hold a key: never said to be locked.
    if !unseen.is_empty() {
        let done = match locked.as_slice() {
            [] => String::new(),
            dirs => format!("the agent in {} is locked, but ", places(dirs)),
        };
        return Err(CliError::Usage(format!(
            "{done}could not look for an agent to lock: {}; a key may still be held there",
            unseen.join("; ")
        )));
    }
    Ok(if let Some(said) = said {
        format!("{said}\n")
    } else if crate::crypt::agent::one_for_every_folder() {
        "Nothing was unlocked.\n".to_string()
    } else {
        format!(
            "Nothing was unlocked in {}: with no XDG_RUNTIME_DIR (unset, or not an absolute path), the ledgers of each folder have an agent of their own, which `trustladder --file FILE lock` locks.\n",
            shown(&crate::crypt::agent::socket_dir(folder))
        )
    })
}
