//! Small file-system helpers with the store's rules built in: private modes whatever the
//! umask, and folders synced so that a rename or a link survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{DirBuilderExt, FileExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::error::AtPath;
use crate::core::parallel;

/// Mode of every file the store writes: only the owner may read the notes about colleagues.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder the store creates.
pub const DIR_MODE: u32 = 0o700;

/// The most a data file or a backup may hold, 512 MiB: over a million promises (a promise
/// takes about 380 bytes), far more than a ledger kept by hand reaches. A read never takes
/// more, so a file that grows without end cannot eat the memory.
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// Refuses to write `len` bytes as the file at `path` when they are over `limit` (what a
/// read takes, [`MAX_FILE_BYTES`], but in tests): a file written bigger would never open
/// again, so the save is refused before it writes anything.
pub fn refuse_oversized(path: &Path, len: u64, limit: u64) -> Result<(), StoreError> {
    if len > limit {
        return Err(StoreError::TooLargeToSave {
            path: path.to_path_buf(),
            len,
            limit,
        });
    }
    Ok(())
}

/// What is at a path, in words, for messages.
pub fn kind(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_file() {
        "a regular file"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something else"
    }
}

/// What is at a path that should be a regular file, in words; `None` for a regular file.
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    (!meta.is_file()).then(|| kind(meta))
}

/// Refuses what is not a regular file of a size the store reads.
fn check_regular(path: &Path, meta: &fs::Metadata) -> Result<(), StoreError> {
    if let Some(kind) = not_regular(meta) {
        return Err(StoreError::not_a_file(path, kind));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
        });
    }
    Ok(())
}

/// The file's permission bits when its owner has no write permission: the owner's own "do
/// not touch", honoured whoever runs the program.
pub fn protected_mode(meta: &fs::Metadata) -> Option<u32> {
    let mode = meta.permissions().mode() & 0o7777;
    (mode & 0o200 == 0).then_some(mode)
}

/// [`protected_mode`] of whatever is at `path` now; `None` when there is nothing.
pub fn protection(path: &Path) -> Result<Option<u32>, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => Ok(protected_mode(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Refuses to write the ledger at `data` when its folder's owner may not write the folder:
/// "do not touch", as for the file itself, and said before the lock file, the temp file or a
/// backup is tried there and refused for want of permission.
pub fn refuse_protected_folder(data: &Path) -> Result<(), StoreError> {
    let folder = folder(data);
    match protection(folder)? {
        Some(mode) => Err(StoreError::Protected {
            path: folder.to_path_buf(),
            mode,
        }),
        None => refuse_immutable(folder),
    }
}

/// Refuses a file or folder marked immutable (`chattr +i`): nothing can replace, link or
/// write it, root included, and the OS error alone ("Operation not permitted") would not say
/// why. The kernel answers a question for write access to it with EPERM.
pub fn refuse_immutable(path: &Path) -> Result<(), StoreError> {
    use nix::unistd::{AccessFlags, faccessat};
    match faccessat(
        nix::fcntl::AT_FDCWD,
        path,
        AccessFlags::W_OK,
        nix::fcntl::AtFlags::AT_EACCESS,
    ) {
        Err(nix::errno::Errno::EPERM) => Err(StoreError::Immutable {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// The data file at `data`, or else its folder, where one is marked immutable: what a
/// long-lived store shows as read-only, as it does a file without write permission.
pub fn immutable_of(data: &Path) -> Option<PathBuf> {
    [data, folder(data)]
        .into_iter()
        .find(|at| refuse_immutable(at).is_err())
        .map(Path::to_path_buf)
}

/// Whether this user may create files in `folder`, as the kernel would decide it now (for a
/// folder of another user's, or on a read-only file system); `true` when that cannot be asked.
pub fn may_write_in(folder: &Path) -> bool {
    !matches!(
        write_access(folder),
        Err(nix::errno::Errno::EACCES | nix::errno::Errno::EPERM | nix::errno::Errno::EROFS)
    )
}

/// Whether `folder` is on a file system mounted read-only: then no user, root neither, may
/// write in it, and the way back is a remount, not a change of owner or mode.
pub fn on_read_only_file_system(folder: &Path) -> bool {
    write_access(folder) == Err(nix::errno::Errno::EROFS)
}

/// The system's answer to "may this user write in `folder`".
fn write_access(folder: &Path) -> nix::Result<()> {
    use nix::unistd::{AccessFlags, faccessat};
    faccessat(
        nix::fcntl::AT_FDCWD,
        folder,
        AccessFlags::W_OK | AccessFlags::X_OK,
        nix::fcntl::AtFlags::AT_EACCESS,
    )
}

/// What this user may not write where a save must: the data file's folder ([`may_write_in`]),
/// or else the data file itself, another user's ([`others_file`]). What `check` reports and a
/// long-lived store shows as read-only, from this one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// The folder, where each save keeps its lock file, temp file and backups.
    Folder(PathBuf),
    /// The data file, whose owner (a user id) is not this user: a folder anyone may write in
    /// (mode 1777, 0777) lets this user make the lock file there, but not write the file.
    File { path: PathBuf, owner: u32 },
}

/// [`Unwritable`] of the data file at `data`, the folder first: a folder this user may not
/// write in stops every save whoever owns the file.
pub fn unwritable(data: &Path) -> Option<Unwritable> {
    let at = folder(data);
    if !may_write_in(at) {
        return Some(Unwritable::Folder(at.to_path_buf()));
    }
    others_file(data).map(|owner| Unwritable::File {
        path: data.to_path_buf(),
        owner,
    })
}

/// The owner of the data file at `data` where it is another user's and this user may not
/// write it; `None` when there is no file or this user may write it.
pub fn others_file(data: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(data).ok()?;
    let me = nix::unistd::geteuid().as_raw();
    let may_write = !matches!(
        nix::unistd::faccessat(
            nix::fcntl::AT_FDCWD,
            data,
            nix::unistd::AccessFlags::W_OK,
            nix::fcntl::AtFlags::AT_EACCESS,
        ),
        Err(nix::errno::Errno::EACCES)
    );
    not_this_users(meta.uid(), me, may_write).then(|| meta.uid())
}

/// Whether a data file of `owner`'s is one user `me` may not change: another user's file the
/// system does not let `me` write. A save replaces the file rather than write it, which a
/// folder anyone may write in would allow, but that would take the file from its owner (it
/// would become this user's, 0600, and its owner could no longer read it); in a folder with
/// the sticky bit (1777) the replacing fails anyway. A file its own owner may not write is
/// [`protected_mode`]'s, not this.
fn not_this_users(owner: u32, me: u32, may_write: bool) -> bool {
    owner != me && !may_write
}

/// A user's name, or their user id where the system knows no name for it: what messages
/// about another user's file call its owner.
pub fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map_or_else(|| uid.to_string(), |user| user.name)
}

/// Refuses a change to the data file at `data` where it is another user's that this user
/// may not write ([`others_file`]), naming the file and its owner, before the lock file is
/// tried: that is often the owner's too, and its refusal would blame the folder.
pub fn refuse_others_file(data: &Path) -> Result<(), StoreError> {
    match others_file(data) {
        Some(owner) => Err(StoreError::NotYours {
            path: data.to_path_buf(),
            owner: user_name(owner),
        }),
        None => Ok(()),
    }
}

/// Refuses a path that holds something other than a regular file (a missing file is fine):
/// what a save would replace must be a file the store could have read.
pub fn refuse_irregular(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(meta) => match not_regular(&meta) {
            Some(kind) => Err(StoreError::not_a_file(path, kind)),
            None => Ok(()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(unfollowed(path, e)),
    }
}

/// The error of a path whose links could not be followed to their end: a loop of them in
/// the project's words, anything else as the system gave it.
fn unfollowed(path: &Path, e: io::Error) -> StoreError {
    if e.raw_os_error() == Some(libc::ELOOP) {
        StoreError::LinkLoop {
            path: path.to_path_buf(),
            // The path's own link is there to look at; a loop on the way to it is not.
            in_folder: fs::symlink_metadata(path).is_err(),
        }
    } else {
        StoreError::io(path, e)
    }
}

/// Whether listing a folder failed for want of one: not there, or behind a loop of links,
/// which the data file's own error names. Either way it holds nothing to list.
pub fn no_folder_there(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ELOOP)
}

/// What a loop of links is, said of the data path's own link or of a folder's on its way.
pub fn link_loop_said(in_folder: bool) -> &'static str {
    if in_folder {
        "a folder on this path is a symbolic link whose links lead round in a loop, so there is no file here"
    } else {
        "a symbolic link, and the links lead round in a loop, so there is no file at their end"
    }
}

/// Opens a file the store reads (the data file, a backup), refusing anything but a regular
/// file: a named pipe would block the open or the read forever, and a device would feed bytes
/// without end. The type is checked on the path first, so a device is never opened, and again
/// on the open handle, so a file swapped in between is caught too; the open itself does not
/// block (`O_NONBLOCK`, which changes nothing for a regular file). `None` when there is no
/// file.
pub fn open_regular(path: &Path) -> Result<Option<(File, fs::Metadata)>, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => check_regular(path, &meta)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unfollowed(path, e)),
    }
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(StoreError::NoReadPermission {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(unfollowed(path, e)),
    };
    let meta = file.metadata().at(path)?;
    check_regular(path, &meta)?;
    Ok(Some((file, meta)))
}

/// Reads a whole file the store reads (see [`open_regular`]), never more than
/// [`MAX_FILE_BYTES`] even if it grows while being read; with the metadata of the open file,
/// so it describes exactly the bytes read. `None` when there is no file.
pub fn read_regular(path: &Path) -> Result<Option<(Vec<u8>, fs::Metadata)>, StoreError> {
    let Some((file, meta)) = open_regular(path)? else {
        return Ok(None);
    };
    let bytes = read_open(path, file, &meta)?;
    Ok(Some((bytes, meta)))
}

/// Whether the file open as `file` (at `path`) begins with `prefix`: what tells a sealed file
/// before it is read.
pub fn begins_with(path: &Path, file: &File, prefix: &[u8]) -> Result<bool, StoreError> {
    let mut head = vec![0; prefix.len()];
    Ok(fill(file, &mut head, 0).at(path)? && head == prefix)
}

/// The length of a file open to be read whole, refused when over [`MAX_FILE_BYTES`].
pub fn checked_len(path: &Path, meta: &fs::Metadata) -> Result<u64, StoreError> {
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
        });
    }
    Ok(meta.len())
}

/// Reads the whole of a file [`open_regular`] opened, as [`read_regular`] does.
pub fn read_open(path: &Path, mut file: File, meta: &fs::Metadata) -> Result<Vec<u8>, StoreError> {
    let mut bytes = read_in_parts(&file, meta.len()).at(path)?;
    // Whatever the file grew by meanwhile, up to the limit; all of it if it shrank.
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    file.seek(SeekFrom::Start(read))
        .and_then(|_| {
            (&mut file)
                .take((MAX_FILE_BYTES + 1).saturating_sub(read))
                .read_to_end(&mut bytes)
        })
        .at(path)?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            len,
        });
    }
    Ok(bytes)
}

/// The first `len` bytes of `file`, read on several cores in parts for a large file (copying
/// a large file out of the page cache is a good part of loading it); fewer if it is shorter
/// by now, in which case the rest is read again in one go.
fn read_in_parts(file: &File, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).unwrap_or(0);
    read_in(file, len, parallel::parts(len, 1 << 20))
}

/// [`read_in_parts`] in `parts` parts.
fn read_in(file: &File, len: usize, parts: usize) -> io::Result<Vec<u8>> {
    // Zeroed memory costs nothing until written, and is then written by the readers.
    let mut bytes = vec![0u8; len];
    let size = len.div_ceil(parts.max(1)).max(1);
    let whole = if parts == 1 {
        fill(file, &mut bytes, 0)?
    } else {
        read_on_threads(file, &mut bytes, size)?
    };
    if !whole {
        bytes.clear();
    }
    Ok(bytes)
}

/// Fills `bytes` from `file` in parts of `size` bytes, each on a thread of its own; false if
/// the file ended first.
fn read_on_threads(file: &File, bytes: &mut [u8], size: usize) -> io::Result<bool> {
    std::thread::scope(|scope| {
        let running: Vec<_> = bytes
            .chunks_mut(size)
            .enumerate()
            .map(|(i, chunk)| parallel::start(scope, move || fill(file, chunk, i * size)))
            .collect();
        parallel::joined(running)
            .try_fold(true, |whole, filled| Ok::<_, io::Error>(whole && filled?))
    })
}

/// Fills `chunk` with the bytes of `file` from `offset`; false if the file ends first.
fn fill(file: &File, chunk: &mut [u8], offset: usize) -> io::Result<bool> {
    let mut done = 0;
    while done < chunk.len() {
        let at = u64::try_from(offset + done).unwrap_or(u64::MAX);
        match file.read_at(&mut chunk[done..], at) {
            Ok(0) => return Ok(false),
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// The folder a data file lives in (`.` for a bare file name).
pub fn folder(data: &Path) -> &Path {
    match data.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// What is at `dir` when it is there but is no folder, in words (`a regular file`, `a
/// symbolic link to nothing (TARGET)`); `None` for a folder (or a link to one) and for
/// nothing at all. Looked at only once an operation on the folder failed, so the error can
/// say what stands in its way.
pub fn not_a_folder(dir: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(dir).ok()?;
    if !meta.file_type().is_symlink() {
        return (!meta.is_dir()).then(|| kind(&meta).to_string());
    }
    let target = fs::read_link(dir)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => None,
        Ok(meta) => Some(format!("a symbolic link to {} ({target})", kind(&meta))),
        Err(_) => Some(format!("a symbolic link to nothing ({target})")),
    }
}

/// Creates `dir` and any missing parents, each 0700 whatever the umask. Folders that exist
/// are left as they are: one may be a shared folder the user chose.
pub fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    for d in missing.iter().rev() {
        match fs::DirBuilder::new().mode(DIR_MODE).create(d) {
            Ok(()) => {
                fs::set_permissions(d, fs::Permissions::from_mode(DIR_MODE)).at(d)?;
                // Made by root in a folder of a user's: the user's, as the folder is.
                if let Some((uid, gid)) = d.parent().and_then(owner_for_root) {
                    let _ = std::os::unix::fs::chown(d, Some(uid), Some(gid));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(StoreError::io(d, e)),
        }
    }
    Ok(())
}

/// Sets an open file to 0600 unless it already is, whatever the umask was at its creation.
pub fn make_private(file: &File) -> io::Result<()> {
    if file.metadata()?.permissions().mode() & 0o7777 != FILE_MODE {
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok(())
}

/// Takes the group's and others' access away from a file of the user's own that has it (a
/// plain `git pull` or a copy writes files with the umask's mode), so the ledger is private
/// from the first time it is opened, not only from its next save. A file its owner made
/// read-only is left exactly as it is, as is one of another user's. Best effort: where the
/// mode cannot be changed (a read-only file system), the file is read all the same.
/// Returns whether the file had such access to take away.
pub fn keep_to_owner(file: &File, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let mode = meta.permissions().mode() & 0o7777;
    let wide = mode & 0o077 != 0
        && protected_mode(meta).is_none()
        && meta.uid() == nix::unistd::geteuid().as_raw();
    if wide {
        let _ = file.set_permissions(fs::Permissions::from_mode(mode & 0o700));
    }
    wide
}

/// [`keep_to_owner`] for a folder of the user's own at `dir` and every regular file in it:
/// the backups folder of a data file found open to others (a ledger folder copied with
/// `chmod -R a+rX`) is as open, and holds the same ledger ten times over. Only then is it
/// looked at, so an ordinary open costs nothing more. Best effort, as [`keep_to_owner`].
pub fn keep_folder_to_owner(dir: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return;
    };
    if !meta.is_dir() || meta.uid() != nix::unistd::geteuid().as_raw() {
        return;
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 && mode & 0o200 != 0 {
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700));
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        keep_path_to_owner(&entry.path());
    }
}

/// Gives a new file the owner and group of `like` (the file it is to replace, or the folder it
/// is made in), when this process runs as root and `like` is another user's: `sudo trustladder
/// …` (or a job of root's) would otherwise leave the user's ledger, its key file, its backups
/// folder or its lock file root's, 0600, and its owner locked out. Where `like` is not there
/// yet (a first save, the key file `encrypt` makes), the folder it is to be in is asked, as
/// the file will be that folder's owner's. Nothing for a process of anyone else (it cannot
/// give files away); best effort where the file system keeps no owners.
pub fn owned_as(file: &File, like: &Path) {
    if let Some((uid, gid)) = owner_for_root(like) {
        let _ = std::os::unix::fs::fchown(file, Some(uid), Some(gid));
    }
}

/// The owner and group root gives what it makes beside `like` (see [`owned_as`]).
fn owner_for_root(like: &Path) -> Option<(u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    if !nix::unistd::geteuid().is_root() {
        return None;
    }
    let meta = match fs::metadata(like) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::metadata(folder(like)).ok()?,
        found => found.ok()?,
    };
    (meta.uid() != 0 || meta.gid() != 0).then(|| (meta.uid(), meta.gid()))
}

/// [`keep_to_owner`] for the regular file at `path`, never through a symbolic link; nothing
/// when there is no such file.
pub fn keep_path_to_owner(path: &Path) {
    let opened = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    if let Ok(file) = opened
        && let Ok(meta) = file.metadata()
        && meta.is_file()
    {
        keep_to_owner(&file, &meta);
    }
}

/// Makes renames and links in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir).and_then(|d| d.sync_all()).at(dir)
}

/// Makes `to` a second name of the file at `from` without copying its bytes, and 0600. Where
/// the file system has no hard links, or `to` is on another device, the bytes are copied
/// instead (see [`copy_whole`]).
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), StoreError> {
    match fs::hard_link(from, to) {
        // By its path, in the store's own 0700 folder: a file its owner may not read (mode
        // 0200) is linked all the same. A link that cannot be made private is not left
        // behind.
        Ok(()) => {
            let private = fs::symlink_metadata(to).and_then(|meta| {
                if meta.permissions().mode() & 0o7777 == FILE_MODE {
                    Ok(())
                } else {
                    fs::set_permissions(to, fs::Permissions::from_mode(FILE_MODE))
                }
            });
            private
                .inspect_err(|_| {
                    let _ = fs::remove_file(to);
                })
                .at(to)
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported
                    | io::ErrorKind::PermissionDenied
                    | io::ErrorKind::CrossesDevices
            ) =>
        {
            copy_whole(from, to)
        }
        Err(e) => Err(StoreError::io(to, e)),
    }
}

/// Where a copy to `to` is written before it is whole: a hidden name beside it, which no
/// listing of backups takes for one.
fn partial_name(to: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(to.file_name().unwrap_or_default());
    name.push(".partial");
    to.with_file_name(name)
}

/// Copies the file at `from` to a new private file `to`, whole or not at all: the bytes go to
/// a temp name, are synced, and only then renamed to `to`; on any failure (a full disk) the
/// temp file is removed. The copy takes the original's modification time, so a copy of a
/// file can be told from a copy of another.
pub fn copy_whole(from: &Path, to: &Path) -> Result<(), StoreError> {
    let (source, meta) =
        open_regular(from)?.ok_or_else(|| StoreError::io(from, io::ErrorKind::NotFound.into()))?;
    let temp = partial_name(to);
    // Called under the lock: a partial copy there is a killed save's, which would otherwise
    // refuse every save of this second (its name holds the second).
    let _ = fs::remove_file(&temp);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(&temp)
        .at(to)?;
    owned_as(&file, from);
    let written = make_private(&file)
        .and_then(|()| io::copy(&mut source.take(MAX_FILE_BYTES), &mut file))
        .and_then(|_| meta.modified())
        .and_then(|time| file.set_modified(time))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temp, to));
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(StoreError::io(to, e));
    }
    Ok(())
}

/// The temp files of copies of `data_name`'s backups that a killed save left in `dir`; only
/// meaningful under the lock.
pub fn partial_copies(dir: &Path, data_name: &str) -> Result<Vec<PathBuf>, StoreError> {
    let prefix = format!(".{data_name}.");
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.at(dir)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".partial") {
            found.push(entry.path());
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Another user's file this user may not write is not this user's to change, whoever
    /// may write its folder; their own file, or one the system lets them write (a group's),
    /// is, and root may write any.
    #[test]
    fn another_users_file_this_user_may_not_write_is_not_theirs_to_change() {
        assert!(not_this_users(0, 1000, false));
        assert!(!not_this_users(0, 1000, true));
        assert!(!not_this_users(1000, 1000, false));
        assert!(!not_this_users(1000, 0, true));
    }

    /// What stands where a folder belongs is said in words, and a folder, a link to one or
    /// nothing at all is none of it: the errors that name it are raised only for real.
    #[test]
    fn not_a_folder_says_what_stands_in_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        fs::write(at("file"), b"x").unwrap();
        fs::create_dir(at("folder")).unwrap();
        std::os::unix::fs::symlink(at("folder"), at("to-folder")).unwrap();
        std::os::unix::fs::symlink(at("file"), at("to-file")).unwrap();
        std::os::unix::fs::symlink(at("gone"), at("to-nothing")).unwrap();
        assert_eq!(not_a_folder(&at("file")).as_deref(), Some("a regular file"));
        assert_eq!(not_a_folder(&at("folder")), None);
        assert_eq!(not_a_folder(&at("to-folder")), None);
        assert_eq!(not_a_folder(&at("absent")), None);
        assert_eq!(
            not_a_folder(&at("to-file")),
            Some(format!(
                "a symbolic link to a regular file ({})",
                at("file").display()
            ))
        );
        assert_eq!(
            not_a_folder(&at("to-nothing")),
            Some(format!(
                "a symbolic link to nothing ({})",
                at("gone").display()
            ))
        );
    }

    /// A partial copy a killed save left at the name a copy is written under is taken for the
    /// dead thing it is: the copy is made (it failed with "File exists" for the rest of that
    /// second, naming a backup that was not there).
    #[test]
    fn a_copy_is_made_over_a_partial_one_a_killed_save_left() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("t.json");
        let to = dir.path().join("t.json.000016.20261202T100000Z");
        fs::write(&from, b"whole").unwrap();
        fs::write(partial_name(&to), b"wh").unwrap();
        copy_whole(&from, &to).unwrap();
        assert_eq!(fs::read(&to).unwrap(), b"whole");
        assert!(!partial_name(&to).exists());
    }

    #[test]
    fn a_file_read_in_parts_is_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let bytes: Vec<u8> = (0..100_003u32).map(|n| (n % 251) as u8).collect();
        fs::write(&path, &bytes).unwrap();
        let file = File::open(&path).unwrap();
        for parts in [1, 2, 3, 8] {
            assert_eq!(
                read_in(&file, bytes.len(), parts).unwrap(),
                bytes,
                "{parts}"
            );
        }
        // A file shorter than it was said to be is read again whole by the caller.
        assert!(read_in(&file, bytes.len() + 10, 2).unwrap().is_empty());
        assert_eq!(read_regular(&path).unwrap().unwrap().0, bytes);
    }
}
