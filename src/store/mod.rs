//! The store: the ledger in one JSON file, saved so that no crash, no second process and no
//! damaged file can lose it.
//!
//! Every change goes through [`Store::update`], which takes the lock, re-reads the file if
//! another process changed it since this one loaded it, applies the change to what is on disk
//! now, and saves atomically. A long-lived process (the terminal UI) therefore never writes
//! over a change made from another pane; it re-applies its own change on top and is told so.

mod atomic;
mod codec;
mod lock;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::{Ledger, LedgerError};

pub use codec::{decode, encode};
use lock::LockFile;

/// The environment variable that overrides the default data file.
pub const FILE_ENV: &str = "TRUSTLADDER_FILE";

/// Why the store could not read or write. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "{path}: not a trustladder file I can read: {detail}. Nothing was changed; run `trustladder check` and see the backups beside it"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer trustladder (format version {version}, this one knows {known}); opened read-only, nothing will be changed"
    )]
    TooNew {
        path: PathBuf,
        version: u64,
        known: u32,
    },
    #[error("no data folder could be found for this user; pass --file PATH or set {FILE_ENV}")]
    NoDataDir,
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl StoreError {
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The default data file: `trustladder.json` in the user's data folder.
pub fn default_path() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "trustladder")
        .map(|dirs| dirs.data_dir().join("trustladder.json"))
        .ok_or(StoreError::NoDataDir)
}

/// Identifies one version of the file on disk without reading it. Every save renames a new
/// file into place, so a changed inode (or size or time) means another writer has been here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    fn read(path: &Path) -> Result<Option<Stamp>, StoreError> {
        match fs::metadata(path) {
            Ok(meta) => Ok(Some(Stamp::of(&meta))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }
}

/// The result of a change that was saved.
#[derive(Debug)]
pub struct Saved<T> {
    /// What the change returned (a new id, say).
    pub value: T,
    /// True when another process had changed the file since it was loaded here: the file was
    /// reloaded and this change applied on top of theirs.
    pub merged: bool,
}

/// An open data file and the ledger last read from or written to it.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    ledger: Ledger,
    stamp: Option<Stamp>,
}

impl Store {
    /// Opens the data file; a missing file is an empty ledger, created on the first change.
    pub fn open(path: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let path = path.into();
        let (ledger, stamp) = read(&path)?;
        Ok(Store {
            path,
            ledger,
            stamp,
        })
    }

    /// The data file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The ledger as last loaded or saved.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Reloads the file if another process changed it; returns whether it did.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        if Stamp::read(&self.path)? == self.stamp {
            return Ok(false);
        }
        let (ledger, stamp) = read(&self.path)?;
        self.ledger = ledger;
        self.stamp = stamp;
        Ok(true)
    }

    /// Applies `change` to the ledger and saves it, all under the file's lock. If the file
    /// changed on disk since it was loaded here, it is reloaded first and `change` runs on the
    /// fresh copy, so both changes are kept. If `change` fails, nothing is written.
    pub fn update<T>(
        &mut self,
        mut change: impl FnMut(&mut Ledger) -> Result<T, LedgerError>,
    ) -> Result<Saved<T>, StoreError> {
        let _lock = LockFile::acquire(&self.path)?;
        let merged = Stamp::read(&self.path)? != self.stamp;
        let mut ledger = if merged {
            read(&self.path)?.0
        } else {
            self.ledger.clone()
        };
        let value = change(&mut ledger)?;
        let bytes = encode(&ledger);
        atomic::write(&self.path, &bytes)?;
        self.stamp = Stamp::read(&self.path)?;
        self.ledger = ledger;
        Ok(Saved { value, merged })
    }
}

/// Reads and checks the file; a missing one is an empty ledger. The stamp comes from the same
/// open handle as the bytes, so it always describes exactly what was read.
fn read(path: &Path) -> Result<(Ledger, Option<Stamp>), StoreError> {
    use std::io::Read;
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Ledger::default(), None)),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    let ledger = decode(&bytes).map_err(|e| e.at(path))?;
    Ok((ledger, Some(Stamp::of(&meta))))
}
