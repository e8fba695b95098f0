//! Atomic, durable replacement of the data file: a crash at any moment leaves either the old
//! file or the new one, never a mix and never nothing.
//!
//! The steps are written out here rather than taken from a crate because the store needs to
//! act between them (the backup link is made before the rename, the new file's identity is
//! taken from the open temp file) and because each step's failure must name the file. They are
//! the classic ones: a temp file in the same folder, created 0600 with `O_EXCL`; write; fsync;
//! rename over the data file; fsync the folder.
//!
//! A save that is about to remove a backup (the rotation is full) writes into that backup's
//! file instead of a fresh one, as databases recycle their log files: the file system then
//! reuses its blocks rather than freeing some and finding others, which on a disk told of
//! every freed block costs as much as the writing itself. See [`replace_guarded`].

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, Seek};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::StoreError;
use super::append::Appender;
use super::error::AtPath;
use super::files::{self, FILE_MODE};
use super::lock::LockFile;
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

/// Temp files of `data` that a killed writer left behind: its own, its key file's (an
/// `encrypt` or `passphrase` killed while it wrote the key), and those of its backups (an
/// `encrypt` or `decrypt` killed while it rewrote one). Only meaningful under the lock: a
/// live writer holds the lock for as long as its temp file exists.
pub fn leftovers(data: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let prefixes = [
        temp_prefix(data),
        temp_prefix(&crate::crypt::keyfile::key_path(data)),
    ];
    let mut found = temps_in(files::folder(data), |name| {
        prefixes
            .iter()
            .any(|prefix| name.starts_with(prefix.as_encoded_bytes()))
    })?;
    // `.trustladder.json.000004.TIME.tmp-…`: a backup's temp file, beside it.
    let mut backup = OsString::from(".");
    backup.push(data.file_name().unwrap_or_default());
    backup.push(".");
    let backups = super::backups::folder(data);
    let temps = temps_in(&backups, |name| {
        name.starts_with(backup.as_encoded_bytes()) && name.windows(5).any(|w| w == b".tmp-")
    });
    // A file under the folder's name is named with what to do, not as "Not a directory".
    found.extend(temps.map_err(|e| super::backups::blocked(&backups).unwrap_or(e))?);
    Ok(found)
}

/// The files in `dir` whose names `is_temp` picks; none where there is no such folder.
fn temps_in(dir: &Path, is_temp: impl Fn(&[u8]) -> bool) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.at(dir)?;
        if is_temp(entry.file_name().as_encoded_bytes()) {
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

/// Replaces `path` with `parts`, written one after the other (see the module comment), and
/// returns the new file's stamp, while `lock` is still held (see [`replace_guarded`]). Any
/// failure before the rename removes the temp file and leaves the old file untouched, and
/// `parts` over what a read takes are refused before anything is written.
pub fn replace(path: &Path, lock: &LockFile, parts: &[&[u8]]) -> Result<Stamp, Failed> {
    let len = parts.iter().map(|part| part.len()).sum::<usize>();
    files::refuse_oversized(
        path,
        u64::try_from(len).unwrap_or(u64::MAX),
        files::MAX_FILE_BYTES,
    )
    .map_err(|error| Failed {
        renamed: false,
        error,
    })?;
    replace_guarded(
        path,
        None,
        |file| write_parts(file, parts),
        || lock.still_held(),
    )
}

/// Writes `parts` one after the other, asking the disk to start on them as it goes.
pub fn write_parts(file: &mut fs::File, parts: &[&[u8]]) -> io::Result<()> {
    let mut appender = Appender::new(file);
    parts
        .iter()
        .flat_map(|part| part.chunks(WRITEBACK))
        .try_for_each(|piece| appender.append(piece))
}

/// How many bytes a save writes before it asks the disk to start on them: the disk then
/// writes while the rest is still being copied, and the final sync waits for less.
const WRITEBACK: usize = 1 << 20;

/// Replaces `data` with what `write` writes into the temp file, as [`replace`] does, once
/// `guard` allows it: asked after the new file is written and synced, last thing before it
/// takes the data file's place (a save asks whether it still holds the lock); refused, the
/// temp file goes and the old file stays.
///
/// `reuse` names a file the caller was going to remove after the save (a backup rotated
/// out): when it can be taken over (see [`take_over`]) it becomes the temp file and is
/// overwritten, and if the save then fails it is gone, as it would have been after the save.
pub fn replace_guarded(
    data: &Path,
    reuse: Option<&Path>,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
    guard: impl FnOnce() -> Result<(), StoreError>,
) -> Result<Stamp, Failed> {
    let before = |error| Failed {
        renamed: false,
        error,
    };
    let dir = files::folder(data);
    files::ensure_dir(dir).map_err(before)?;
    let (temp, stamp) = write_temp(data, reuse, write).map_err(before)?;
    if let Err(e) = guard() {
        let _ = fs::remove_file(&temp);
        return Err(before(e));
    }
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

/// Writes what `write` writes into a private temp file beside `data`, synced to disk: the file
/// at `reuse` taken over when it can be, else a fresh one.
fn write_temp(
    data: &Path,
    reuse: Option<&Path>,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<(PathBuf, Stamp), StoreError> {
    let taken = reuse.and_then(|old| take_over(data, old));
    let reused = taken.is_some();
    let (temp, mut file) = match taken {
        Some(taken) => taken,
        None => create_temp(data)?,
    };
    files::owned_as(&file, data);
    let written = files::make_private(&file)
        .and_then(|()| write(&mut file))
        .and_then(|()| {
            // A file taken over may be longer than what was written over it.
            if reused {
                let end = file.stream_position()?;
                file.set_len(end)?;
            }
            file.sync_all()
        })
        .and_then(|()| file.metadata())
        .and_then(|meta| Stamp::of(&file, &meta));
    match written {
        Ok(stamp) => Ok((temp, stamp)),
        Err(e) => {
            drop(file);
            let _ = fs::remove_file(&temp);
            Err(StoreError::io(data, e))
        }
    }
}

/// Creates a fresh, empty private temp file beside `data`.
fn create_temp(data: &Path) -> Result<(PathBuf, fs::File), StoreError> {
    let mut attempt = 0;
    loop {
        let temp = temp_path(data, attempt);
        // Read too: its stamp takes in its last bytes.
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(StoreError::io(data, e)),
        }
    }
}

/// Takes the file at `old` as a temp file beside `data`, open for writing from its start.
///
/// Only a regular file with no other name, owned as the data file is, is taken: overwriting
/// it then changes nothing anyone else can see. It is given its temp name (a link, which
/// refuses a name in use) and loses its old one, durably, before a byte of it is
/// overwritten, so a crash never leaves a half-written file under a backup's name; a killed
/// save leaves a temp file, which the next save removes. `None` when any step fails: the
/// save then writes a fresh file, and what is left of `old` is removed after it as before.
///
/// Taking over the oldest backup gives the data file back the inode it had eleven saves
/// before, so only its modification time tells that version from this one to a store that
/// read it then (see `stamp`). Where the file system keeps whole seconds (the data file's time
/// has no fraction), eleven saves within one second would look like none, so nothing is taken
/// over there and every save writes a fresh file.
fn take_over(data: &Path, old: &Path) -> Option<(PathBuf, fs::File)> {
    let meta = fs::symlink_metadata(old).ok()?;
    let current = fs::symlink_metadata(data).ok()?;
    if current.mtime_nsec() == 0 {
        return None;
    }
    if !meta.is_file() || meta.nlink() != 1 || meta.uid() != current.uid() {
        return None;
    }
    let temp = temp_path(data, 0);
    fs::hard_link(old, &temp).ok()?;
    let file = fs::remove_file(old)
        .ok()
        .and_then(|()| files::sync_dir(files::folder(old)).ok())
        .and_then(|()| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&temp)
                .ok()
        })
        .filter(|file| {
            file.metadata().is_ok_and(|now| {
                (now.dev(), now.ino(), now.nlink()) == (meta.dev(), meta.ino(), 1) && now.is_file()
            })
        });
    if file.is_none() {
        let _ = fs::remove_file(&temp);
    }
    Some((temp, file?))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::os::unix::fs::PermissionsExt;

    /// A replace under no lock, taking over `reuse` when it can.
    fn replace(data: &Path, reuse: Option<&Path>, parts: &[&[u8]]) -> Result<Stamp, Failed> {
        replace_guarded(data, reuse, |file| write_parts(file, parts), || Ok(()))
    }

    /// Sets the file's modification time to `since` after the epoch.
    fn modified_at(path: &Path, since: std::time::Duration) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(std::time::UNIX_EPOCH + since)
            .unwrap();
    }

    /// A data file holding "old" and, beside it, a file of 100 bytes the save may take over.
    fn old_and_spare(dir: &Path) -> (PathBuf, PathBuf) {
        let data = dir.join("ledger.json");
        fs::write(&data, "old").unwrap();
        // A time with a fraction of a second, as every file system here keeps (see
        // `take_over`).
        modified_at(&data, std::time::Duration::from_millis(1_800_000_000_500));
        let spare = dir.join("spare");
        fs::write(&spare, [b'x'; 100]).unwrap();
        (data, spare)
    }

    #[test]
    fn a_file_taken_over_becomes_the_data_file_holding_only_the_new_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (data, spare) = old_and_spare(dir.path());
        fs::set_permissions(&spare, fs::Permissions::from_mode(0o644)).unwrap();
        let spare_ino = fs::metadata(&spare).unwrap().ino();
        replace(&data, Some(&spare), &[b"new"]).unwrap();
        let meta = fs::metadata(&data).unwrap();
        assert_eq!(meta.ino(), spare_ino, "written into the spare's blocks");
        assert_eq!(fs::read(&data).unwrap(), b"new", "cut to what was written");
        assert_eq!(meta.permissions().mode() & 0o7777, FILE_MODE);
        assert!(!spare.exists());
        assert!(leftovers(&data).unwrap().is_empty());
    }

    #[test]
    fn nothing_is_taken_over_where_file_times_are_whole_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let (data, spare) = old_and_spare(dir.path());
        modified_at(&data, std::time::Duration::from_secs(1_800_000_000));
        let spare_ino = fs::metadata(&spare).unwrap().ino();
        replace(&data, Some(&spare), &[b"new"]).unwrap();
        assert_ne!(fs::metadata(&data).unwrap().ino(), spare_ino);
        assert_eq!(fs::read(&data).unwrap(), b"new");
        assert_eq!(
            fs::read(&spare).unwrap(),
            [b'x'; 100],
            "left for the caller"
        );
    }

    #[test]
    fn a_file_with_another_name_or_not_a_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let (data, spare) = old_and_spare(dir.path());
        let other_name = dir.path().join("kept");
        fs::hard_link(&spare, &other_name).unwrap();
        replace(&data, Some(&spare), &[b"new 1"]).unwrap();
        assert_eq!(fs::read(&data).unwrap(), b"new 1");
        assert_eq!(fs::read(&other_name).unwrap(), [b'x'; 100]);
        assert!(spare.exists(), "left for the caller to remove");

        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&other_name, &link).unwrap();
        replace(&data, Some(&link), &[b"new 2"]).unwrap();
        assert_eq!(fs::read(&data).unwrap(), b"new 2");
        assert_eq!(fs::read(&other_name).unwrap(), [b'x'; 100]);

        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        replace(&data, Some(&folder), &[b"new 3"]).unwrap();
        assert_eq!(fs::read(&data).unwrap(), b"new 3");
        assert!(folder.is_dir());

        replace(&data, Some(&dir.path().join("gone")), &[b"new 4"]).unwrap();
        assert_eq!(fs::read(&data).unwrap(), b"new 4");
        assert!(leftovers(&data).unwrap().is_empty());
    }

    #[test]
    fn a_save_that_fails_in_a_file_taken_over_leaves_the_old_file_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let (data, spare) = old_and_spare(dir.path());
        let failed = replace_guarded(
            &data,
            Some(&spare),
            |file| {
                io::Write::write_all(file, b"half")?;
                Err(io::Error::other("the disk is full"))
            },
            || Ok(()),
        )
        .unwrap_err();
        assert!(!failed.renamed);
        assert_eq!(fs::read(&data).unwrap(), b"old");
        assert!(leftovers(&data).unwrap().is_empty());
        assert!(!spare.exists(), "the file it was going to remove is gone");
    }

    #[test]
    fn put_back_restores_the_old_file_from_its_backup_link() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        let backup = dir.path().join("ledger.json.backup");
        fs::write(&data, "old").unwrap();
        fs::hard_link(&data, &backup).unwrap();
        replace(&data, None, &[b"new"]).unwrap();
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
        replace(&data, None, &parts).unwrap();
        assert!(
            fs::read(&data).unwrap() == bytes,
            "the file is the parts, in order"
        );
    }

    #[test]
    fn put_back_without_an_old_file_removes_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ledger.json");
        replace(&data, None, &[b"new"]).unwrap();
        put_back(&data, None);
        assert!(!data.exists(), "a first save that failed leaves no file");
    }
}
