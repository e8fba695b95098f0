//! Telling whether another process has saved the file since this one read it.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::time::SystemTime;

use super::StoreError;

/// How many of a file's last bytes a stamp takes in: more than the longest lineage (its
/// newest save's id, which every save makes anew) with what follows it in the file.
const TAIL: u64 = 8 << 10;

/// Identifies one version of the file on disk without reading it whole. Every save renames a
/// new file into place, so a changed inode (or size or time) means another writer has been
/// here. The kernel gives a freed inode's number to the next new file, though, and where a file
/// system keeps whole seconds a save of the same size in the same second looks the same by
/// those alone: a digest of the file's last bytes, which hold the newest save's random id (or,
/// in a sealed file, ciphertext under a key of its own), tells the two apart.
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
    /// `None` for a file this process may not read: told by the rest alone, so a file made
    /// unreadable under an open UI is a change of permission, not a save on every look.
    tail: Option<u64>,
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        (self.dev, self.ino, self.len, self.modified)
            == (other.dev, other.ino, other.len, other.modified)
            && match (self.tail, other.tail) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

impl Eq for Stamp {}

impl Stamp {
    /// The stamp of an open file, so it describes exactly the bytes read from or written to
    /// it; `file` must be open for reading.
    pub fn of(file: &fs::File, meta: &fs::Metadata) -> io::Result<Stamp> {
        Ok(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
            tail: Some(tail_digest(file, meta.len())?),
        })
    }

    /// The stamp of a file by what it is alone, its bytes unread.
    fn bare(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
            tail: None,
        }
    }

    /// The stamp of whatever is at `path` now; `None` when there is no file. A file this
    /// process may not read (or anything but a regular file) is stamped by what it is alone.
    pub fn read(path: &Path) -> Result<Option<Stamp>, StoreError> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        if !meta.is_file() {
            return Ok(Some(Stamp::bare(&meta)));
        }
        // Never waiting on what may have taken the file's place since (a named pipe).
        let opened = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path);
        match opened {
            Ok(file) => {
                let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
                if !meta.is_file() {
                    return Ok(Some(Stamp::bare(&meta)));
                }
                Stamp::of(&file, &meta)
                    .map(Some)
                    .map_err(|e| StoreError::io(path, e))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(Some(Stamp::bare(&meta))),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }
}

/// A digest of the last [`TAIL`] bytes of a file `len` long.
fn tail_digest(file: &fs::File, len: u64) -> io::Result<u64> {
    let start = len.saturating_sub(TAIL);
    let mut tail = vec![0; usize::try_from(len - start).unwrap_or(0)];
    let mut done = 0;
    while done < tail.len() {
        match file.read_at(&mut tail[done..], start + done as u64) {
            // Cut short since its length was read: what is there is digested.
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let mut hasher = DefaultHasher::new();
    hasher.write(&tail[..done]);
    Ok(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two versions alike in all but their last bytes differ; a file whose bytes could not
    /// be read is told by the rest alone, so an open UI does not take a file made unreadable
    /// for a save on every look.
    #[test]
    fn the_last_bytes_tell_saves_apart_unless_they_could_not_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        fs::write(&path, b"{\"lineage\": [\"aaaa\"]}\n").unwrap();
        let file = fs::File::open(&path).unwrap();
        let meta = file.metadata().unwrap();
        let first = Stamp::of(&file, &meta).unwrap();
        std::os::unix::fs::FileExt::write_all_at(
            &fs::OpenOptions::new().write(true).open(&path).unwrap(),
            b"{\"lineage\": [\"bbbb\"]}\n",
            0,
        )
        .unwrap();
        let other = fs::File::open(&path).unwrap();
        let second = Stamp::of(&other, &meta).unwrap();
        assert_ne!(first, second);
        assert_eq!(Stamp::bare(&meta), first);
        assert_eq!(Stamp::bare(&meta), second);
    }
}
