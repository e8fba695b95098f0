//! Atomic, durable replacement of the data file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Creates the data file's folder if it is missing, 0700 whatever the umask. An existing
/// folder is left as it is: it may be a shared one the user chose.
pub fn ensure_dir(data: &Path) -> Result<(), StoreError> {
    let Some(dir) = data.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(|e| StoreError::io(dir, e))
}

fn temp_path(data: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(data.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}", std::process::id()));
    data.with_file_name(name)
}

/// Replaces `data` with `bytes` so that a crash at any moment leaves either the old file or
/// the new one: temp file (0600, O_EXCL) in the same folder, write, fsync, rename, fsync the
/// folder. Any failure removes the temp file and leaves the old file untouched.
pub fn write(data: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    ensure_dir(data)?;
    let temp = temp_path(data);
    let _ = fs::remove_file(&temp);
    let result = write_temp(&temp, bytes).and_then(|()| {
        fs::rename(&temp, data)?;
        sync_dir(data)
    });
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        StoreError::io(data, e)
    })
}

fn write_temp(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file: File = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(temp)?;
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn sync_dir(data: &Path) -> io::Result<()> {
    let dir = match data.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}
