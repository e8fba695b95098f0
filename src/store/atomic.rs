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
use std::io::{self, Write};
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

/// Replaces `data` with `bytes` (see the module comment) and returns the new file's stamp.
/// Any failure before the rename removes the temp file and leaves the old file untouched.
pub fn replace(data: &Path, bytes: &[u8]) -> Result<Stamp, StoreError> {
    let dir = files::folder(data);
    files::ensure_dir(dir)?;
    let (temp, stamp) = write_temp(data, bytes)?;
    if let Err(e) = fs::rename(&temp, data) {
        let _ = fs::remove_file(&temp);
        return Err(StoreError::io(data, e));
    }
    files::sync_dir(dir)?;
    Ok(stamp)
}

/// Creates a fresh private temp file beside `data` holding `bytes`, synced to disk.
fn write_temp(data: &Path, bytes: &[u8]) -> Result<(PathBuf, Stamp), StoreError> {
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
        .and_then(|()| file.write_all(bytes))
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
