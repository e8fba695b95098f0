//! Atomic, durable replacement of the data file: a crash at any moment leaves either the old
//! file or the new one, never a mix and never nothing.
//!
//! The steps are written out here rather than taken from a crate because the store needs to
//! act between them (the backup link is made before the rename, the new file's identity is
//! taken from the open temp file) and because each step's failure must name the file. They are
//! the classic ones: a temp file in the same folder, created 0600 with `O_EXCL`; write; fsync;
//! rename over the data file; fsync the folder.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::StoreError;
use super::error::AtPath;
use super::files::{self, FILE_MODE};
use super::stamp::Stamp;

/// How temp files of `data` start, so leftovers can be found: `.trustladder.json.tmp-`.
fn temp_prefix(data: &Path) -> OsString {
    let mut name = OsString::from(".");
    name.push(data.file_name().unwrap_or_default());
    name.push(".tmp-");
    name
}

fn temp_path(data: &Path, attempt: u64) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut name = temp_prefix(data);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    name.push(format!("{}-{n}-{attempt}", std::process::id()));
    data.with_file_name(name)
}

/// Temp files of `data` that a killed writer left behind. Only meaningful under the lock: a
/// live writer holds the lock for as long as its temp file exists.
pub fn leftovers(data: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let dir = files::folder(data);
    let prefix = temp_prefix(data);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.at(dir)?;
        if entry
            .file_name()
            .as_encoded_bytes()
            .starts_with(prefix.as_encoded_bytes())
        {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Removes the temp files a killed writer left behind; call it only while holding the lock.
pub fn remove_leftovers(data: &Path) -> Result<usize, StoreError> {
    let found = leftovers(data)?;
    for path in &found {
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    Ok(found.len())
}

/// Why [`replace`] failed, and whether the new file had already been renamed into place
/// (only the folder's fsync was left to do): then the caller must put the old file back for
/// the save to fail as a whole.
#[derive(Debug)]
pub struct Failed {
    pub renamed: bool,
    pub error: StoreError,
}

/// Replaces `data` with `parts`, written one after the other (see the module comment), and
/// returns the new file's stamp. Any failure before the rename removes the temp file and
/// leaves the old file untouched.
pub fn replace(data: &Path, parts: &[&[u8]]) -> Result<Stamp, Failed> {
    replace_with(data, |file| {
        let mut written = 0;
        parts
            .iter()
            .flat_map(|part| part.chunks(WRITEBACK))
            .try_for_each(|piece| files::write_and_start(file, &mut written, piece))
    })
}

/// How many bytes a save writes before it asks the disk to start on them: the disk then
/// writes while the rest is still being copied, and the final sync waits for less.
const WRITEBACK: usize = 1 << 20;

/// Replaces `data` with what `write` writes into the temp file, as [`replace`] does.
pub fn replace_with(
    data: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<Stamp, Failed> {
    let before = |error| Failed {
        renamed: false,
        error,
    };
    let dir = files::folder(data);
    files::ensure_dir(dir).map_err(before)?;
    let (temp, stamp) = write_temp(data, write).map_err(before)?;
    if let Err(e) = fs::rename(&temp, data) {
        let _ = fs::remove_file(&temp);
        return Err(before(StoreError::io(data, e)));
    }
    files::sync_dir(dir).map_err(|error| Failed {
        renamed: true,
        error,
    })?;
    Ok(stamp)
}

/// Undoes a save whose rename happened but could not be made durable: the old file comes
/// back from its backup link (`backup`), or, if there was none, the new file is removed.
pub fn put_back(data: &Path, backup: Option<&Path>) {
    match backup {
        Some(backup) => {
            let _ = fs::rename(backup, data);
        }
        None => {
            let _ = fs::remove_file(data);
        }
    }
    let _ = files::sync_dir(files::folder(data));
}

/// Creates a fresh private temp file beside `data` holding what `write` writes, synced to
/// disk.
fn write_temp(
    data: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<(PathBuf, Stamp), StoreError> {
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = temp_path(data, attempt);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(StoreError::io(data, e)),
        }
    };
    let written = files::make_private(&file)
        .and_then(|()| write(&mut file))
        .and_then(|()| file.sync_all())
        .and_then(|()| file.metadata());
    match written {
        Ok(meta) => Ok((temp, Stamp::of(&meta))),
        Err(e) => {
            drop(file);
            let _ = fs::remove_file(&temp);
            Err(StoreError::io(data, e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_back_restores_the_old_file_from_its_backup_link() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        let backup = dir.path().join("ledger.json.backup");
        fs::write(&data, "old").unwrap();
        fs::hard_link(&data, &backup).unwrap();
        replace(&data, &[b"new"]).unwrap();
        assert_eq!(fs::read_to_string(&data).unwrap(), "new");

        put_back(&data, Some(&backup));
        assert_eq!(fs::read_to_string(&data).unwrap(), "old");
        assert!(!backup.exists(), "the link became the data file again");
    }

    #[test]
    fn parts_longer_than_a_piece_are_written_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        let bytes: Vec<u8> = (0..5 * WRITEBACK / 2).map(|i| (i % 251) as u8).collect();
        // A part shorter than a piece, one across a piece's end, one of several pieces.
        let parts = [
            &bytes[..10],
            &bytes[10..WRITEBACK + 7],
            &bytes[WRITEBACK + 7..],
        ];
        replace(&data, &parts).unwrap();
        assert!(
            fs::read(&data).unwrap() == bytes,
            "the file is the parts, in order"
        );
    }

    #[test]
    fn put_back_without_an_old_file_removes_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        replace(&data, &[b"new"]).unwrap();
        put_back(&data, None);
        assert!(!data.exists(), "a first save that failed leaves no file");
    }
}
