//! The advisory lock that serialises every read-modify-write of the data file.
//!
//! A writer never waits for it without end: a writer stopped mid-save (Ctrl-Z) holds it for
//! as long as it is stopped, so a writer that waits says so after a while, names the holder
//! (whose PID is in the lock file) and gives up after [`Patience::give_up_after`]. Opening and
//! reading never wait at all.

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::error::AtPath;
use super::{StoreError, files};

/// How long a writer waits for the lock before it gives up, nothing changed.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(10);
/// How long a writer waits before it says that it waits.
pub const NOTICE_AFTER: Duration = Duration::from_secs(1);
/// How often a waiting writer tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(10);

/// The lock file's path: beside the data file, never renamed, so every process locks the same
/// inode even though the data file itself is replaced on each save.
pub fn lock_path(data: &Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    data.with_file_name(name)
}

/// What a writer tells while it waits for the lock: the PID of the process holding it, when
/// the lock file names one.
type Notice = Box<dyn Fn(Option<u32>) + Send>;

/// How a writer waits for the lock another process holds: how long, what it tells after
/// [`Patience::notice_after`] (the command line prints a line on stderr, the terminal UI
/// shows it on its status line), and a flag that abandons the wait at once (the UI sets it
/// when it is told to stop: a save that has not started writing is given up).
pub struct Patience {
    pub give_up_after: Duration,
    pub notice_after: Duration,
    notice: Option<Notice>,
    abandon: Option<Arc<AtomicBool>>,
}

impl Default for Patience {
    /// Waits [`GIVE_UP_AFTER`], tells no one.
    fn default() -> Self {
        Patience {
            give_up_after: GIVE_UP_AFTER,
            notice_after: NOTICE_AFTER,
            notice: None,
            abandon: None,
        }
    }
}

impl fmt::Debug for Patience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Patience")
            .field("give_up_after", &self.give_up_after)
            .field("notice_after", &self.notice_after)
            .field("notice", &self.notice.is_some())
            .field("abandon", &self.abandon)
            .finish()
    }
}

impl Patience {
    /// Calls `notice` with the holder's PID once the wait has lasted `notice_after`.
    pub fn on_wait(mut self, notice: impl Fn(Option<u32>) + Send + 'static) -> Patience {
        self.notice = Some(Box::new(notice));
        self
    }

    /// Gives up the wait as soon as `flag` is set.
    pub fn abandoned_by(mut self, flag: Arc<AtomicBool>) -> Patience {
        self.abandon = Some(flag);
        self
    }

    /// The same patience, telling no one while it waits: for a lock whose wait the notice
    /// would misname.
    pub fn quiet(&self) -> Patience {
        Patience {
            give_up_after: self.give_up_after,
            notice_after: self.notice_after,
            notice: None,
            abandon: self.abandon.clone(),
        }
    }

    fn abandoned(&self) -> bool {
        self.abandon
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
    }
}

/// Whether the lock changed hands while a writer waited, told from the PIDs the lock file
/// named: each holder writes its PID once it has the lock and takes it out as it lets go, so
/// a PID seen, then none or another, is a holder that let go. Many writers at once take the
/// lock one after another, and the one holding it when the wait is given up held it only for
/// its own save, so the error must not put the whole wait on it; a holder seen without a PID
/// until it wrote it, or one that writes none (a `flock` in a script), changes nothing.
#[derive(Debug, Default)]
struct Turns {
    /// The first holder the lock file named during the wait.
    first: Option<u32>,
    changed: bool,
}

impl Turns {
    /// Takes in the holder the lock file names now.
    fn saw(&mut self, holder: Option<u32>) {
        match self.first {
            Some(first) => self.changed |= holder != Some(first),
            None => self.first = holder,
        }
    }
}

/// Holds the exclusive lock until dropped (closing the file releases it, also when the
/// process is killed, so a crashed writer never leaves the file locked).
pub struct LockFile {
    file: File,
    path: PathBuf,
}

/// Letting go of the lock takes this process's PID out of the lock file first, so that a
/// writer who later waits for someone else (a `flock` in a script) is not told to look at
/// this process, which may still be running and hold nothing.
impl Drop for LockFile {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

impl LockFile {
    /// Takes the exclusive lock, waiting for another process as `patience` says; creates the
    /// lock file (0600) and the data folder (0700) if needed.
    pub fn acquire(data: &Path, patience: &Patience) -> Result<LockFile, StoreError> {
        let path = lock_path(data);
        let mut file = open(data, &path)?;
        let started = Instant::now();
        let mut told = false;
        let mut turns = Turns::default();
        loop {
            match file.try_lock() {
                Ok(()) if still_there(&file, &path) => return Ok(LockFile::holding(file, path)),
                // Tried again as a lock held is, within the same patience: never a loop
                // without a pause or an end.
                Ok(()) => file = open(data, &path)?,
                Err(TryLockError::WouldBlock) => turns.saw(holder(&file)),
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
            if patience.abandoned() {
                return Err(StoreError::Abandoned {
                    path: data.to_path_buf(),
                });
            }
            let waited = started.elapsed();
            if waited >= patience.give_up_after {
                return Err(StoreError::Busy {
                    path: data.to_path_buf(),
                    pid: holder(&file),
                    waited,
                    in_turns: turns.changed,
                });
            }
            if !told && waited >= patience.notice_after {
                told = true;
                if let Some(notice) = &patience.notice {
                    notice(holder(&file));
                }
            }
            std::thread::sleep(RETRY_EVERY);
        }
    }

    /// Which file this lock is (device and inode), for [`still_held`] to find it again.
    pub fn id(&self) -> Option<(u64, u64)> {
        self.file.metadata().ok().map(|m| file_id(&m))
    }

    /// Takes the lock if no one holds it now; `None` if someone does.
    pub fn try_acquire(data: &Path) -> Result<Option<LockFile>, StoreError> {
        let path = lock_path(data);
        // A lock file replaced just as it was taken is opened again, a few times at most.
        for _ in 0..3 {
            let file = open(data, &path)?;
            match file.try_lock() {
                Ok(()) if still_there(&file, &path) => {
                    return Ok(Some(LockFile::holding(file, path)));
                }
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
        }
        Ok(None)
    }

    /// Writes this process's PID into the lock file, so a writer that waits can say whom it
    /// waits for. Only a courtesy: the lock holds whether or not it could be written.
    fn holding(file: File, path: PathBuf) -> LockFile {
        let pid = format!("{}\n", std::process::id());
        let _ = file
            .set_len(0)
            .and_then(|()| file.write_all_at(pid.as_bytes(), 0));
        LockFile { file, path }
    }

    /// Refuses a write under this lock once its lock file is no longer the one at its path
    /// (see [`still_there`]): asked last thing before a new file takes an old one's place.
    pub fn still_held(&self) -> Result<(), StoreError> {
        if still_there(&self.file, &self.path) {
            Ok(())
        } else {
            Err(StoreError::LockLost {
                lock: self.path.clone(),
            })
        }
    }
}

/// Whether the lock file locked as `file` is still the one at `path`. One deleted or replaced
/// meanwhile (by hand, to clear a lock thought stuck, or by a file-sync tool) locks nothing:
/// the next writer makes a new one and takes it while this one holds the old, and both would
/// save at once. Locked, a writer whose file is no longer there opens the new one and locks
/// that instead.
fn still_there(file: &File, path: &Path) -> bool {
    file.metadata()
        .is_ok_and(|held| still_held_at(path, file_id(&held)))
}

/// A file by its device and inode.
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Whether the file at `path` (not followed if a link) is the one `id` names.
fn still_held_at(path: &Path, id: (u64, u64)) -> bool {
    fs::symlink_metadata(path).is_ok_and(|there| file_id(&there) == id)
}

/// Refuses a save about to replace `data` when the lock file at its path is no longer the
/// one locked, `id` (see [`still_there`]): asked last thing before the new file takes the data
/// file's place.
pub fn still_held(data: &Path, id: (u64, u64)) -> Result<(), StoreError> {
    let path = lock_path(data);
    if still_held_at(&path, id) {
        Ok(())
    } else {
        Err(StoreError::LockLost { lock: path })
    }
}

/// The PID written in the lock file by the process that holds it, while such a process is
/// running: a number left by one that ended (the lock then held by something else, a `flock`
/// in a script, say) would send the user after the wrong process.
fn holder(file: &File) -> Option<u32> {
    let mut buf = [0u8; 16];
    let n = file.read_at(&mut buf, 0).ok()?;
    let pid: u32 = std::str::from_utf8(&buf[..n]).ok()?.trim().parse().ok()?;
    let alive = i32::try_from(pid).ok().filter(|p| *p > 0).is_some_and(|p| {
        matches!(
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), None),
            Ok(()) | Err(nix::errno::Errno::EPERM)
        )
    });
    alive.then_some(pid)
}

/// Opens (or creates, 0600) the lock file of `data`, refusing to follow a symbolic link or
/// to use anything but a regular file: in a shared folder, a link at the lock's path would
/// otherwise make this process create, or chmod, whatever file the link names. A backup
/// named as the data file is refused first: everything that writes the ledger's files takes
/// its lock, and nothing may write a backup (a lock file beside it is a write already).
fn open(data: &Path, path: &Path) -> Result<File, StoreError> {
    super::backups::refuse_opened_backup(data)?;
    files::ensure_dir(files::folder(data))?;
    let refuse = |kind| StoreError::not_a_file(path, kind);
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(refuse("a symbolic link")),
        Ok(meta) if !meta.file_type().is_file() => return Err(refuse(files::kind(&meta))),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(path, e)),
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(files::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            // What O_NOFOLLOW answers when a link appeared since the look above.
            Some(libc::ELOOP) => refuse("a symbolic link"),
            _ => cannot_create(path, e),
        })?;
    let meta = file.metadata().at(path)?;
    if !meta.file_type().is_file() {
        return Err(refuse(files::kind(&meta)));
    }
    files::make_private(&file).map_err(|e| cannot_create(path, e))?;
    files::owned_as(&file, files::folder(data));
    Ok(file)
}

/// The error for a lock file that could not be made, or opened to be written (one there
/// already, in a folder on a read-only file system or another user's): a folder this user may
/// not write in is named as such, since every change needs to write there.
fn cannot_create(lock: &Path, e: io::Error) -> StoreError {
    match e.raw_os_error() {
        Some(libc::EACCES | libc::EPERM | libc::EROFS) => StoreError::FolderNotWritable {
            folder: files::folder(lock).to_path_buf(),
            source: e,
        },
        _ => StoreError::io(lock, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PID in the lock file is named only while its process runs.
    #[test]
    fn the_holder_is_named_only_while_it_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json.lock");
        let file = |pid: &str| {
            fs::write(&path, pid).unwrap();
            File::open(&path).unwrap()
        };
        assert_eq!(
            holder(&file(&format!("{}\n", std::process::id()))),
            Some(std::process::id())
        );
        let mut ended = std::process::Command::new("true").spawn().unwrap();
        let gone = ended.id();
        ended.wait().unwrap();
        assert_eq!(holder(&file(&format!("{gone}\n"))), None);
        assert_eq!(holder(&file("0\n")), None);
        assert_eq!(holder(&file("not a pid")), None);
    }

    /// A lock file that could not be made for want of permission names its folder, where
    /// every change writes; other failures stay as the system put them.
    #[test]
    fn a_lock_file_refused_for_permission_names_the_folder() {
        let lock = Path::new("/srv/team/trustladder.json.lock");
        for errno in [libc::EACCES, libc::EPERM, libc::EROFS] {
            let err = cannot_create(lock, io::Error::from_raw_os_error(errno));
            assert!(
                matches!(&err, StoreError::FolderNotWritable { folder, .. } if folder == Path::new("/srv/team")),
                "{err:?}"
            );
        }
        assert_eq!(
            cannot_create(lock, io::Error::from_raw_os_error(libc::EACCES)).to_string(),
            "/srv/team: trustladder cannot write in this folder (Permission denied (os error 13)), where each change keeps its lock file, temp file and backups. Nothing was changed; make the folder writable to change the ledger"
        );
        let err = cannot_create(lock, io::Error::from_raw_os_error(libc::ENOSPC));
        assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    }
}
