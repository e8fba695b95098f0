//! The `backups/` folder beside the data file.
//!
//! Before each save the file about to be replaced gets a second name in `backups/` (a hard
//! link: nothing is copied, so a save of a large file costs no more). The last
//! [`KEEP`] of these rotate. Two kinds are kept until the user removes them: the original
//! bytes of a file upgraded from an older format, and a file set aside by `restore-backup`.
//!
//! Names: `trustladder.json.000042.20261124T114600Z` (rotating, numbered by save),
//! `trustladder.json.v1-original.20261124T114600Z`, `trustladder.json.replaced.20261124T114600Z`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::AtPath;
use super::{StoreError, files};

/// How many rotating backups are kept.
pub const KEEP: usize = 10;

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

/// Every backup of `data`, the rotating ones first, newest first and numbered from 1, then
/// the kept ones, newest first.
pub fn list(data: &Path) -> Result<Vec<Backup>, StoreError> {
    let dir = folder(data);
    let data_name = file_name(data);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    let mut rotating = Vec::new();
    let mut kept = Vec::new();
    for entry in entries {
        let entry = entry.at(&dir)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        match parse_name(&data_name, &name) {
            Some((BackupKind::BeforeSave, seq)) => rotating.push((seq, name)),
            Some((kind, _)) => kept.push((name, kind)),
            None => {}
        }
    }
    rotating.sort_by(|a, b| b.cmp(a));
    kept.sort_by(|a, b| time_part(&b.0).cmp(time_part(&a.0)).then(b.0.cmp(&a.0)));
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

fn time_part(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Gives the current data file a new name in the backups folder (a link, no copy), synced.
fn keep_as(data: &Path, label: &str) -> Result<PathBuf, StoreError> {
    let dir = folder(data);
    files::ensure_dir(&dir)?;
    let base = format!("{}.{label}.{}", file_name(data), now());
    let mut target = dir.join(&base);
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{base}-{n}"));
        n += 1;
    }
    files::link_or_copy(data, &target)?;
    files::sync_dir(&dir)?;
    Ok(target)
}

/// Keeps the file about to be replaced by a save as the newest rotating backup. Returns its
/// path, or `None` when there is no file yet.
pub(crate) fn keep_before_save(data: &Path) -> Result<Option<PathBuf>, StoreError> {
    if !data.exists() {
        return Ok(None);
    }
    let data_name = file_name(data);
    let last = list(data)?
        .first()
        .filter(|b| b.kind == BackupKind::BeforeSave)
        .and_then(|b| parse_name(&data_name, &b.name))
        .map_or(0, |(_, seq)| seq);
    // The number comes from a name in the folder; at the largest there is, the new backup
    // shares it and still sorts first by its later time.
    keep_as(data, &format!("{:06}", last.saturating_add(1))).map(Some)
}

/// Keeps the original bytes of a file about to be upgraded from format `version`.
pub(crate) fn keep_original(data: &Path, version: u32) -> Result<PathBuf, StoreError> {
    keep_as(data, &format!("v{version}-original"))
}

/// Keeps the file that a restore is about to replace.
pub(crate) fn keep_replaced(data: &Path) -> Result<PathBuf, StoreError> {
    keep_as(data, "replaced")
}

/// Removes rotating backups beyond the newest [`KEEP`].
pub(crate) fn prune(data: &Path) -> Result<(), StoreError> {
    for old in list(data)?
        .into_iter()
        .filter(|b| b.number.is_some_and(|n| n > KEEP))
    {
        match fs::remove_file(&old.path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&old.path, e)),
        }
    }
    Ok(())
}

/// Finds a backup by number (1 = newest) or by file name.
pub fn find(data: &Path, which: &str) -> Result<Backup, StoreError> {
    let all = list(data)?;
    let which = which.trim();
    let found = match which.parse::<usize>() {
        Ok(n) => all.iter().find(|b| b.number == Some(n)),
        Err(_) => {
            let name = Path::new(which)
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
    })
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
}
