//! The `backups/` folder beside the data file.
//!
//! Before each save the file about to be replaced gets a second name in `backups/` (a hard
//! link: nothing is copied, so a save of a large file costs no more). Where there can be no
//! link (`backups/` on another device, a file system without hard links) the file is copied,
//! to a temp name first and renamed only once whole, so a full disk never leaves a cut-off
//! backup. The last [`KEEP`] sound ones rotate, and so do the files set aside by
//! `restore-backup`; the original bytes of a file upgraded from an older format are kept
//! until the user removes them.
//!
//! Names: `trustladder.json.000042.20261124T114600Z` (rotating: the file a save found, numbered
//! in the order the backups were made; the first save finds no file and makes none),
//! `trustladder.json.v1-original.20261124T114600Z`, `trustladder.json.replaced.20261124T114600Z`.
//! A file-sync tool's conflict copy, once merged in, is moved here under its own name
//! (`trustladder (… conflicted copy …).json`, see [`super::copies`]) and is listed with the
//! rest: it holds the ledger as much as they do, so `encrypt` seals it and `check` names it.
//! The newest [`KEEP_COPIES`] are kept, and older ones until [`COPY_DAYS`] days old.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::error::AtPath;
use super::migrate::Format;
use super::{LockFile, StoreError, codec, files};

/// How many rotating backups are kept, and how many files set aside by `restore-backup`: the
/// newest this many that are sound.
pub const KEEP: usize = 10;

/// How many conflict copies put away are kept whatever their age: the newest this many, by
/// when they were put away.
pub const KEEP_COPIES: usize = 10;

/// How many days a conflict copy put away is kept once it is not among the newest
/// [`KEEP_COPIES`]: its ledger was merged in, but a burst of conflicts should not push out at
/// once the copies a user may still want to look at.
pub const COPY_DAYS: u64 = 90;

/// How a backup gets the bytes of the file it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A hard link, or a copy where there can be none: what the store does.
    LinkOrCopy,
    /// Always a copy, as where `backups/` is on another device; tests drive the copy with it.
    Copy,
}

/// The backup a save made, or found already made, of the file it replaces.
#[derive(Debug)]
pub(crate) struct Kept {
    pub path: PathBuf,
    /// Made by this save, so a save that fails removes it again; a backup found already
    /// holding the file (left by a save that was killed) stays.
    pub fresh: bool,
}

/// The folder's name, beside the data file.
pub const FOLDER: &str = "backups";

/// One backup of the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The file name inside the backups folder; `restore-backup` accepts it.
    pub name: String,
    pub path: PathBuf,
    /// 1 for the newest rotating backup, 2 for the one before, ...; `None` for kept ones.
    pub number: Option<usize>,
    pub kind: BackupKind,
}

/// Why a backup exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// The file as it was before one save; rotates.
    BeforeSave,
    /// The original bytes of a file upgraded from an older format version; kept.
    Original { version: u32 },
    /// The file that `restore-backup` replaced; kept.
    Replaced,
    /// A file-sync tool's conflict copy, merged in and put away under its own name; kept.
    ConflictCopy,
}

/// `1 backup of one is`, `3 backups of one are`: how the messages about a data file gone
/// while its backups are not count them.
pub fn of_one_are(count: usize) -> String {
    if count == 1 {
        "1 backup of one is".to_string()
    } else {
        format!("{count} backups of one are")
    }
}

/// The backups folder of a data file.
pub fn folder(data: &Path) -> PathBuf {
    files::folder(data).join(FOLDER)
}

fn file_name(data: &Path) -> String {
    data.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn now() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// How many backups `data` has and the bytes they hold on their own, each file once (a
/// backup linked to the data file frees nothing): what a full disk's message names, where
/// there are any. `None` when there are none, or they cannot be listed.
pub fn held(data: &Path) -> Option<(usize, u64)> {
    use std::os::unix::fs::MetadataExt;
    let data_file = fs::metadata(data).ok().map(|m| (m.dev(), m.ino()));
    let mut seen = std::collections::HashSet::new();
    let (count, bytes) = list(data)
        .ok()?
        .iter()
        .filter_map(|backup| fs::symlink_metadata(&backup.path).ok())
        .filter(|meta| Some((meta.dev(), meta.ino())) != data_file)
        .filter(|meta| seen.insert((meta.dev(), meta.ino())))
        .fold((0, 0), |(count, bytes), meta| {
            (count + 1, bytes + meta.len())
        });
    (count > 0).then_some((count, bytes))
}

/// Reads a backup's name: its kind and, for a rotating one, its save number.
fn parse_name(data_name: &str, name: &str) -> Option<(BackupKind, u64)> {
    let rest = name.strip_prefix(data_name)?.strip_prefix('.')?;
    let (head, time) = rest.split_once('.')?;
    // Checking the time's shape keeps out the backups of a sibling file whose name is this
    // one's plus a dot and a number (`team.2026.000001.<time>` beside `team`), which would
    // otherwise be listed, restored and pruned as this file's.
    if !is_time(time) {
        return None;
    }
    if !head.is_empty() && head.bytes().all(|b| b.is_ascii_digit()) {
        return Some((BackupKind::BeforeSave, head.parse().ok()?));
    }
    if head == "replaced" {
        return Some((BackupKind::Replaced, 0));
    }
    let version = head
        .strip_prefix('v')?
        .strip_suffix("-original")?
        .parse()
        .ok()?;
    Some((BackupKind::Original { version }, 0))
}

/// A backup name's time as [`now`] writes it, `20261124T114600Z`, with the `-2`, `-3`, ...
/// that [`keep_as`] adds when two backups fall in the same second.
fn is_time(text: &str) -> bool {
    let (stamp, suffix) = text.split_once('-').unwrap_or((text, "1"));
    let b = stamp.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
        && !suffix.is_empty()
        && suffix.bytes().all(|c| c.is_ascii_digit())
}

/// A backup that a path names as the data file: a file in a ledger's backups folder, found by
/// the folder itself however the path spells it (relative, through `..` or a link), so that
/// nothing ever writes into a backup (a save there would change it, and keep backups of it in
/// a folder of its own). Only reads may take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedBackup {
    /// The backup, as the path names it after its links.
    pub path: PathBuf,
    /// The data file it is a backup of.
    pub data: PathBuf,
    /// What `restore-backup` is given to put it back: its number, or its name for one kept
    /// by name (or not among the backups listed, as one named but not there yet).
    pub word: String,
}

/// The data file whose key file and agent hold the keys of the sealed file at `path`: `path`
/// itself, or for a backup opened as the data file (read-only), its ledger's, as a backup
/// has no key file of its own (one was looked for beside it and called missing, with
/// `recover` to make one).
pub fn keys_owner(path: &Path) -> PathBuf {
    opened_backup(path).map_or_else(|| path.to_path_buf(), |backup| backup.data)
}

/// The backup `path` names, when it is a file in a ledger's backups folder: a folder named
/// [`FOLDER`] holding it under a backup's name (that of a rotating or kept backup, or a
/// conflict copy put away there of a ledger beside the folder). `None` for anything else.
pub fn opened_backup(path: &Path) -> Option<OpenedBackup> {
    let path = super::resolve_links(path.to_path_buf());
    let name = path.file_name()?.to_str()?.to_string();
    let dir = fs::canonicalize(files::folder(&path)).ok()?;
    if dir.file_name()? != FOLDER {
        return None;
    }
    let ledgers = dir.parent()?;
    // A rotating or kept backup names its data file; a conflict copy put away names only the
    // stem of one, so the files beside the folder are asked.
    let named = data_name_of(&name).map(|data| ledgers.join(data));
    let data = named.or_else(|| {
        fs::read_dir(ledgers)
            .ok()?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|data| data.is_file() && super::copies::is_put_away(data, &name))
    })?;
    let listed = list(&data).ok().and_then(|all| {
        all.into_iter()
            .find(|b| b.name == name)
            .map(|b| b.number.map_or(b.name, |n| n.to_string()))
    });
    Some(OpenedBackup {
        word: listed.unwrap_or_else(|| name.clone()),
        path,
        data,
    })
}

/// The name of the data file a rotating or kept backup's name is made from, when `name` is
/// one (`trustladder.json` of `trustladder.json.000042.20261124T114600Z`).
fn data_name_of(name: &str) -> Option<&str> {
    let mut parts = name.rsplitn(3, '.');
    let (_, _, data) = (parts.next()?, parts.next()?, parts.next()?);
    (!data.is_empty() && parse_name(data, name).is_some()).then_some(data)
}

/// Refuses to write where `path` names a backup ([`opened_backup`]), as the data file or
/// anything of its own (its lock, its key file, its backups).
pub(crate) fn refuse_opened_backup(path: &Path) -> Result<(), StoreError> {
    match opened_backup(path) {
        Some(backup) => Err(StoreError::IsBackup {
            path: backup.path,
            data: backup.data,
            word: backup.word,
        }),
        None => Ok(()),
    }
}

/// Every backup of `data`, the rotating ones first, newest first and numbered from 1, then
/// the kept ones, newest first, then the conflict copies put away, by name.
pub fn list(data: &Path) -> Result<Vec<Backup>, StoreError> {
    let dir = folder(data);
    let data_name = file_name(data);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            // A file, or a link to nothing, under the folder's name (a missing folder, or a
            // link to one, reads as NotFound too) is named with what to do.
            if let Some(blocked) = blocked(&dir) {
                return Err(blocked);
            }
            if files::no_folder_there(&e) {
                return Ok(Vec::new());
            }
            return Err(StoreError::io(&dir, e));
        }
    };
    let mut rotating = Vec::new();
    let mut kept = Vec::new();
    let mut copies = Vec::new();
    for entry in entries {
        let entry = entry.at(&dir)?;
        // A link with a backup's name is none of this program's backups (they are files), and
        // would stand in for one while it reads another file (the data file, say).
        if entry.file_type().is_ok_and(|kind| kind.is_symlink()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        match parse_name(&data_name, &name) {
            Some((BackupKind::BeforeSave, seq)) => rotating.push((seq, name)),
            Some((kind, _)) => kept.push((name, kind)),
            None if super::copies::is_put_away(data, &name) => copies.push(name),
            None => {}
        }
    }
    rotating.sort_by(|a, b| b.cmp(a));
    kept.sort_by(|a, b| time_key(&b.0).cmp(&time_key(&a.0)).then(b.0.cmp(&a.0)));
    // Their names carry no time of this program's: the tools' dates in them sort them.
    copies.sort_by(|a, b| b.cmp(a));
    kept.extend(
        copies
            .into_iter()
            .map(|name| (name, BackupKind::ConflictCopy)),
    );
    let numbered = rotating
        .into_iter()
        .enumerate()
        .map(|(i, (_, name))| Backup {
            path: dir.join(&name),
            name,
            number: Some(i + 1),
            kind: BackupKind::BeforeSave,
        });
    let kept = kept.into_iter().map(|(name, kind)| Backup {
        path: dir.join(&name),
        name,
        number: None,
        kind,
    });
    Ok(numbered.chain(kept).collect())
}

/// When a backup was made, as its name says it (in UTC, as [`now`] writes it): `None` for a
/// conflict copy put away, whose name carries the file-sync tool's own words.
pub fn named_time(name: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let time = name.rsplit('.').next()?;
    if !is_time(time) {
        return None;
    }
    let (stamp, _) = time_key(time);
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|named| named.and_utc())
}

/// The time of a backup's name as something to sort by: its stamp, then the number [`keep_as`]
/// adds when two backups fall in the same second (`-10` comes after `-9`).
fn time_key(name: &str) -> (&str, u64) {
    let time = name.rsplit('.').next().unwrap_or(name);
    match time.split_once('-') {
        Some((stamp, n)) => (stamp, n.parse().unwrap_or(0)),
        None => (time, 1),
    }
}

/// Makes the backups folder `dir` if it is missing, naming what stands in its way (a file, a
/// link to nothing) with what to do, where the OS says only "File exists" or, for a file the
/// folder's creation passes by, a later write says "Not a directory".
pub(crate) fn ensure_folder(dir: &Path) -> Result<(), StoreError> {
    let made = files::ensure_dir(dir);
    if (made.is_err() || !dir.is_dir())
        && let Some(blocked) = blocked(dir)
    {
        return Err(blocked);
    }
    made
}

/// [`StoreError::BackupsNotAFolder`] when something that is not a folder is at the backups
/// folder `dir`: looked at once reading or making it failed, so the error says what is in
/// the way and what to do.
pub(crate) fn blocked(dir: &Path) -> Option<StoreError> {
    files::not_a_folder(dir).map(|what| StoreError::BackupsNotAFolder {
        path: dir.to_path_buf(),
        what,
    })
}

/// Gives the current data file a new name in the backups folder (a link where it can, else
/// a whole copy), synced.
fn keep_as(data: &Path, label: &str, method: Method) -> Result<PathBuf, StoreError> {
    let dir = folder(data);
    ensure_folder(&dir)?;
    if !files::may_write_in(&dir) {
        return Err(StoreError::BackupsNotWritable { path: dir });
    }
    let prefix = format!("{}.{label}.", file_name(data));
    // The new name sorts after every name of its kind there is, as the newest, also when the
    // clock went back (a machine that booted with a wrong clock) or within one second (`-2`,
    // `-3`, ...), and it never takes back a name pruning freed: sorting as the oldest, the
    // backup would be the next one pruned.
    let newest = fs::read_dir(&dir)
        .at(&dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let time = name.strip_prefix(&prefix)?;
            is_time(time).then(|| {
                let (stamp, n) = time_key(time);
                (stamp.to_string(), n)
            })
        })
        .max();
    let now = now();
    let target = match newest {
        Some((stamp, n)) if stamp >= now => {
            dir.join(format!("{prefix}{stamp}-{}", n.saturating_add(1)))
        }
        _ => dir.join(format!("{prefix}{now}")),
    };
    match method {
        Method::LinkOrCopy => files::link_or_copy(data, &target)?,
        Method::Copy => files::copy_whole(data, &target)?,
    }
    files::sync_dir(&dir)?;
    Ok(target)
}

/// Keeps the file about to be replaced by a save as the newest rotating backup; `None` when
/// there is no file yet. When the newest backup already holds that very file (a save killed
/// after making it, before replacing the file), it is the backup again: killed saves never
/// fill the rotation with names of one and the same file.
pub(crate) fn keep_before_save(data: &Path, method: Method) -> Result<Option<Kept>, StoreError> {
    if !data.exists() {
        return Ok(None);
    }
    let data_name = file_name(data);
    let newest = list(data)?
        .into_iter()
        .next()
        .filter(|b| b.kind == BackupKind::BeforeSave);
    if let Some(newest) = &newest
        && holds_the_same(data, &newest.path)
    {
        return Ok(Some(Kept {
            path: newest.path.clone(),
            fresh: false,
        }));
    }
    let last = newest
        .and_then(|b| parse_name(&data_name, &b.name))
        .map_or(0, |(_, seq)| seq);
    // The number comes from a name in the folder; at the largest there is, the new backup
    // shares it and still sorts first by its later time.
    let path = keep_as(data, &format!("{:06}", last.saturating_add(1)), method)?;
    Ok(Some(Kept { path, fresh: true }))
}

/// The newest rotating backup of `data` and the time its name gives, when the data file's
/// own time says that something other than the save which made that backup wrote it (a copy
/// put back by hand, an older file from elsewhere): only then can the file be older than
/// the backup, and only then is the backup worth reading. A save names its backup, then
/// writes the file within moments, so the normal case costs one look at names and times.
pub(crate) fn newest_if_written_since(data: &Path) -> Option<PathBuf> {
    let modified = fs::metadata(data).ok()?.modified().ok()?;
    let newest = list(data)
        .ok()?
        .into_iter()
        .next()
        .filter(|b| b.kind == BackupKind::BeforeSave)?;
    let named = named_time(&newest.name)?;
    let modified = chrono::DateTime::<chrono::Utc>::from(modified);
    let after = modified.signed_duration_since(named).num_seconds();
    (!(-SAVE_SLACK_SECS..=SAVE_SLACK_SECS).contains(&after)).then_some(newest.path)
}

/// How far apart, in seconds, the name of the backup a save makes and the time of the file
/// it then writes may be: whole seconds in the name, a coarse clock on some file systems and
/// the write of a large file fit well within it.
const SAVE_SLACK_SECS: i64 = 30;

/// Whether the backup at `backup` holds the file at `data`: the same file (a link), or a copy
/// of it (same size and time, which a copy takes from its original, and same bytes).
fn holds_the_same(data: &Path, backup: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::metadata(data), fs::symlink_metadata(backup)) else {
        return false;
    };
    if !b.is_file() {
        return false;
    }
    if (a.dev(), a.ino()) == (b.dev(), b.ino()) {
        return true;
    }
    if a.len() != b.len() || a.modified().ok() != b.modified().ok() {
        return false;
    }
    match (files::read_regular(data), files::read_regular(backup)) {
        (Ok(Some((x, _))), Ok(Some((y, _)))) => x == y,
        _ => false,
    }
}

/// Keeps the data file as the newest rotating backup before a sync merges another machine's
/// changes into it, so that `restore-backup` can put back the ledger as it was here (git
/// replaces the file, which no save of this program does then); under the file's `lock`.
/// A copy, not a link: git leaves a file whose bytes the merge does not change as it is, and
/// a link would then be the data file itself, damaged with it.
/// Returns the backup's path (`None` where there is no data file).
pub(crate) fn keep_before_merge(
    data: &Path,
    lock: &LockFile,
) -> Result<Option<PathBuf>, StoreError> {
    lock.still_held()?;
    let kept = keep_before_save(data, Method::Copy)?;
    prune(data)?;
    Ok(kept.map(|k| k.path))
}

/// Keeps the original bytes of a file about to be upgraded from format `version`.
pub(crate) fn keep_original(data: &Path, version: u32) -> Result<PathBuf, StoreError> {
    keep_as(data, &format!("v{version}-original"), Method::LinkOrCopy)
}

/// Keeps the file that a restore is about to replace. When the newest file set aside holds
/// that very file (a restore killed after setting it aside, before replacing the file), it
/// serves again, as a killed save's backup does: killed restores never fill the ten kept with
/// names of the current file and push out one that held what an earlier restore replaced.
pub(crate) fn keep_replaced(data: &Path) -> Result<Kept, StoreError> {
    let newest = list(data)?
        .into_iter()
        .find(|b| b.kind == BackupKind::Replaced);
    if let Some(newest) = newest
        && holds_the_same(data, &newest.path)
    {
        return Ok(Kept {
            path: newest.path,
            fresh: false,
        });
    }
    let path = keep_as(data, "replaced", Method::LinkOrCopy)?;
    Ok(Kept { path, fresh: true })
}

/// Whether a backup is whole and can be restored. Every file the store writes ends with the
/// closing brace of its top object on a line of its own, which no cut-off file does (JSON
/// text holds no raw line break inside its strings), so the last bytes tell; an encrypted one
/// is whole when its header reads, so its first bytes tell (without the key, no more can be
/// told, and a save never writes a cut-off file). Either way a save's pruning reads a few
/// bytes of each backup, however large the ledger. Any other file (written by hand, say) is
/// read in full.
pub(crate) fn is_sound(path: &Path) -> bool {
    if whole_by_its_ends(path).unwrap_or(false) {
        return true;
    }
    match files::read_regular(path) {
        // An encrypted file whose header is longer than the first bytes read.
        Ok(Some((bytes, _))) if crate::crypt::envelope::is_sealed(&bytes) => {
            crate::crypt::envelope::header_reads(&bytes)
        }
        Ok(Some((bytes, _))) => matches!(
            codec::decode_as(&bytes, &Format::CURRENT),
            Ok(_) | Err(codec::DecodeError::TooNew { .. })
        ),
        _ => false,
    }
}

/// How many of an encrypted file's first bytes are read for its header: an age header with
/// two keys takes well under a kilobyte.
const HEAD_BYTES: u64 = 16 << 10;

/// Whether the file ends as the store writes a file (`\n}` and a line break), or begins with
/// an encrypted file's header that reads.
fn whole_by_its_ends(path: &Path) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(Some((mut file, meta))) = files::open_regular(path) else {
        return Ok(false);
    };
    let tail = meta.len().min(16);
    file.seek(SeekFrom::End(-i64::try_from(tail).unwrap_or(0)))?;
    let mut bytes = Vec::with_capacity(16);
    file.read_to_end(&mut bytes)?;
    if bytes.ends_with(b"\n}\n") {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(0))?;
    // Room for all of it at once: a buffer that grew would read it in a dozen small reads.
    let mut head = Vec::with_capacity(HEAD_BYTES as usize + 1);
    (&mut file).take(HEAD_BYTES).read_to_end(&mut head)?;
    Ok(crate::crypt::envelope::is_sealed(&head) && crate::crypt::envelope::header_reads(&head))
}

/// Removes the rotating backups older than the newest [`KEEP`] sound ones, and the same for
/// the files set aside by `restore-backup`, the conflict copies put away that are neither
/// among the newest [`KEEP_COPIES`] nor younger than [`COPY_DAYS`] days, with the temp files
/// of copies a killed save left.
/// A backup that is not sound (cut off by an older version on a full disk, say) does not
/// count, so it never pushes a sound one out, and the last sound one is never removed. Goes
/// on past a file it cannot remove and reports the first such.
pub(crate) fn prune(data: &Path) -> Result<(), StoreError> {
    remove(data, &rotated_out(data)?)
}

/// The backups [`prune`] removes: a save finds them before it writes, so that it can write
/// into one of them (see [`atomic::replace_guarded`](super::atomic::replace_guarded)), and
/// removes the rest after it with [`remove`].
pub(crate) fn rotated_out(data: &Path) -> Result<Vec<PathBuf>, StoreError> {
    rotated_out_at(data, std::time::SystemTime::now())
}

/// [`rotated_out`] at the time `now`. The conflict copies come first, so that the last is a
/// rotating backup, the one a save writes into, wherever one goes.
pub(crate) fn rotated_out_at(
    data: &Path,
    now: std::time::SystemTime,
) -> Result<Vec<PathBuf>, StoreError> {
    let all = list(data)?;
    let mut out = copies_out(&all, now);
    for kind in [BackupKind::BeforeSave, BackupKind::Replaced] {
        let mut sound = 0;
        for backup in all.iter().filter(|b| b.kind == kind) {
            if sound >= KEEP {
                out.push(backup.path.clone());
            } else if is_sound(&backup.path) {
                sound += 1;
            }
        }
    }
    Ok(out)
}

/// The conflict copies put away in `all` that go at the time `now`: those past the newest
/// [`KEEP_COPIES`] by when they were put away (their modification time, which putting one
/// away sets) that are also more than [`COPY_DAYS`] days old. Their ledgers were merged in
/// when they were put away, and newer copies are kept, so none goes that holds the only copy
/// of what it brought; one whose time cannot be read stays.
fn copies_out(all: &[Backup], now: std::time::SystemTime) -> Vec<PathBuf> {
    let max_age = std::time::Duration::from_secs(COPY_DAYS * 24 * 60 * 60);
    let mut copies: Vec<(std::time::SystemTime, &Backup)> = all
        .iter()
        .filter(|b| b.kind == BackupKind::ConflictCopy)
        .filter_map(|b| {
            let time = fs::symlink_metadata(&b.path).and_then(|m| m.modified());
            time.ok().map(|time| (time, b))
        })
        .collect();
    copies.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.name.cmp(&a.1.name)));
    copies
        .into_iter()
        .skip(KEEP_COPIES)
        .filter(|(time, _)| now.duration_since(*time).is_ok_and(|age| age > max_age))
        .map(|(_, b)| b.path.clone())
        .collect()
}

/// Removes the backups at `paths` (one already gone is no fault), with the temp files of
/// copies a killed save left, as [`prune`] does.
pub(crate) fn remove(data: &Path, paths: &[PathBuf]) -> Result<(), StoreError> {
    let mut failed = None;
    let partials = files::partial_copies(&folder(data), &file_name(data))?;
    for path in paths.iter().chain(&partials) {
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                failed.get_or_insert(StoreError::io(path, e));
            }
        }
    }
    failed.map_or(Ok(()), Err)
}

/// Finds a backup by number (1 = newest), by file name, or by a path to it (as the restore
/// names the file it set aside). A path must lead into this ledger's backups folder: a file of
/// a backup's name in another folder is not that backup, and restoring the backup in its stead
/// would put back what the user never named.
pub fn find(data: &Path, which: &str) -> Result<Backup, StoreError> {
    let all = list(data)?;
    let which = which.trim();
    let found = match which.parse::<usize>() {
        Ok(n) => all.iter().find(|b| b.number == Some(n)),
        Err(_) => {
            let given = Path::new(which);
            if let Some(parent) = given.parent().filter(|p| !p.as_os_str().is_empty())
                && !same_folder(parent, &folder(data))
            {
                return Err(StoreError::NotABackupHere {
                    given: given.to_path_buf(),
                    folder: folder(data),
                });
            }
            let name = given
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            all.iter().find(|b| b.name == name)
        }
    };
    found.cloned().ok_or_else(|| StoreError::NoSuchBackup {
        folder: folder(data),
        which: which.to_string(),
        count: all.iter().filter(|b| b.number.is_some()).count(),
        kept: all.iter().filter(|b| b.number.is_none()).count(),
    })
}

/// Whether two paths name one folder, however each spells it (relative, `..`, links); a
/// folder that is not there is no one's.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What `restore-backup` is given to put back the newest backup: `1`, or where there is no
/// numbered one, only files kept by name (set aside by a restore, an upgrade's original), the
/// newest of those by its name.
pub fn newest_word(data: &Path) -> String {
    let all = list(data).unwrap_or_default();
    match all.iter().find(|b| b.number.is_some()).or(all.first()) {
        Some(b) if b.number.is_none() => b.name.clone(),
        _ => "1".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back() {
        let d = "trustladder.json";
        assert_eq!(
            parse_name(d, "trustladder.json.000042.20261124T114600Z"),
            Some((BackupKind::BeforeSave, 42))
        );
        assert_eq!(
            parse_name(d, "trustladder.json.v1-original.20261124T114600Z"),
            Some((BackupKind::Original { version: 1 }, 0))
        );
        assert_eq!(
            parse_name(d, "trustladder.json.replaced.20261124T114600Z-2"),
            Some((BackupKind::Replaced, 0))
        );
        assert_eq!(parse_name(d, "other.json.000001.x"), None);
        assert_eq!(parse_name(d, "trustladder.json.notes.x"), None);
        assert_eq!(parse_name(d, "trustladder.json.000001"), None);
        assert_eq!(parse_name(d, "trustladder.json.000001.x"), None);
        assert_eq!(
            parse_name(d, "trustladder.json.2026.000001.20261124T114600Z"),
            None,
            "a backup of trustladder.json.2026"
        );
    }

    #[test]
    fn a_backups_time_is_read_from_its_name() {
        let at = |name| named_time(name).map(|t| t.to_rfc3339());
        assert_eq!(
            at("trustladder.json.000042.20261124T114600Z").as_deref(),
            Some("2026-11-24T11:46:00+00:00")
        );
        assert_eq!(
            at("trustladder.json.replaced.20261124T114600Z-2").as_deref(),
            Some("2026-11-24T11:46:00+00:00")
        );
        assert_eq!(
            at("trustladder.sync-conflict-20261124-114600-ABCDEFG.json"),
            None
        );
        assert_eq!(at("trustladder.json.000001.20261399T114600Z"), None);
    }

    #[test]
    fn an_encrypted_backup_is_told_whole_by_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let key = age::x25519::Identity::generate();
        // Larger than the bytes read for the header, across several of age's chunks.
        let plain = format!("{{\n{}\n}}\n", "\"x\": 1,".repeat(30_000));
        let sealed = crate::crypt::envelope::seal(plain.as_bytes(), &[key.to_public()]).unwrap();
        let backup = dir.path().join("trustladder.json.000001.20261124T114600Z");
        fs::write(&backup, &sealed).unwrap();
        assert!(
            whole_by_its_ends(&backup).unwrap(),
            "told by its first bytes"
        );
        assert!(is_sound(&backup));
        // A header cut off is not whole, however it is told.
        fs::write(&backup, &sealed[..40]).unwrap();
        assert!(!whole_by_its_ends(&backup).unwrap());
        assert!(!is_sound(&backup));
        // A plain file is told by its last bytes, a cut-off one read in full.
        fs::write(&backup, &plain).unwrap();
        assert!(whole_by_its_ends(&backup).unwrap());
        fs::write(&backup, &plain[..plain.len() - 2]).unwrap();
        assert!(!whole_by_its_ends(&backup).unwrap());
        assert!(!is_sound(&backup));
    }
}
