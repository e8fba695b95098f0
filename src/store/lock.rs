//! The advisory lock that serialises every read-modify-write of the data file.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::error::AtPath;
use super::{StoreError, files};

/// The lock file's path: beside the data file, never renamed, so every process locks the same
/// inode even though the data file itself is replaced on each save.
pub fn lock_path(data: &Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    data.with_file_name(name)
}

/// Holds the exclusive lock until dropped (closing the file releases it, also when the
/// process is killed, so a crashed writer never leaves the file locked).
pub struct LockFile {
    _file: File,
}

impl LockFile {
    /// Waits for and takes the exclusive lock, creating the lock file (0600) and the data
    /// folder (0700) if needed.
    pub fn acquire(data: &Path) -> Result<LockFile, StoreError> {
        files::ensure_dir(files::folder(data))?;
        let path = lock_path(data);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .at(&path)?;
        files::make_private(&file).at(&path)?;
        file.lock().at(&path)?;
        Ok(LockFile { _file: file })
    }
}
