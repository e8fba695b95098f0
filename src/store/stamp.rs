//! Telling whether another process has saved the file since this one read it.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::SystemTime;

use super::StoreError;

/// Identifies one version of the file on disk without reading it. Every save renames a new
/// file into place, so a changed inode (or size or time) means another writer has been here.
/// A save that writes into the backup it rotates out gives the data file the inode it had
/// eleven saves before; the modification time, kept to the nanosecond, tells the two apart,
/// and where a file system keeps whole seconds no backup is taken over (`atomic::take_over`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    /// The stamp of an open file, so it describes exactly the bytes read from or written to it.
    pub fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The stamp of whatever is at `path` now; `None` when there is no file.
    pub fn read(path: &Path) -> Result<Option<Stamp>, StoreError> {
        match fs::metadata(path) {
            Ok(meta) => Ok(Some(Stamp::of(&meta))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }
}
