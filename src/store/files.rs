//! Small file-system helpers with the store's rules built in: private modes whatever the
//! umask, and folders synced so that a rename or a link survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::error::AtPath;

/// Mode of every file the store writes: only the owner may read the notes about colleagues.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder the store creates.
pub const DIR_MODE: u32 = 0o700;

/// The folder a data file lives in (`.` for a bare file name).
pub fn folder(data: &Path) -> &Path {
    match data.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
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
            Ok(()) => fs::set_permissions(d, fs::Permissions::from_mode(DIR_MODE)).at(d)?,
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

/// Makes renames and links in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir).and_then(|d| d.sync_all()).at(dir)
}

/// Makes `to` a second name of the file at `from` without copying its bytes, and 0600. Where
/// the file system has no hard links, the bytes are copied into a new private file instead.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), StoreError> {
    match fs::hard_link(from, to) {
        Ok(()) => {
            let file = File::open(to).at(to)?;
            make_private(&file).at(to)
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported
                    | io::ErrorKind::PermissionDenied
                    | io::ErrorKind::CrossesDevices
            ) =>
        {
            copy_private(from, to)
        }
        Err(e) => Err(StoreError::io(to, e)),
    }
}

fn copy_private(from: &Path, to: &Path) -> Result<(), StoreError> {
    let bytes = fs::read(from).at(from)?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(to)
        .at(to)?;
    make_private(&file).at(to)?;
    file.write_all(&bytes).and_then(|()| file.sync_all()).at(to)
}
