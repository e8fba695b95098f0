//! Conflict copies left beside the data file by file-sync tools (Syncthing's
//! `NAME.sync-conflict-DATE-TIME-DEVICE.json`, Dropbox's `NAME (… conflicted copy …).json`):
//! the next change merges each into the ledger by uid, tombstones deciding deletes, and moves
//! it into `backups/`, so a synced folder loses nothing either.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::backups;
use super::backups::BackupKind;
use super::codec::{DecodeError, decode, decode_as};
use super::error::AtPath;
use super::layout::{LINEAGE, OPEN};
use super::migrate::Format;
use super::{StoreError, atomic, files};
use crate::core::merge::{Report, merge};
use crate::core::{Ledger, lineage};
use crate::crypt::keyfile::Keys;

/// The data file's name split at its last dot: `trustladder` and `.json`.
fn stem_and_ext(data: &Path) -> (String, String) {
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rfind('.') {
        Some(i) if i > 0 => (name[..i].to_string(), name[i..].to_string()),
        _ => (name, String::new()),
    }
}

/// Whether `name` is a conflict copy of the data file named by `stem` and `ext`.
fn is_copy(name: &str, stem: &str, ext: &str) -> bool {
    let Some(middle) = name
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_suffix(ext))
    else {
        return false;
    };
    middle.starts_with(".sync-conflict-")
        || (middle.starts_with(" (") && middle.ends_with(')') && middle.contains("conflicted copy"))
}

/// Whether `name`, in `backups/`, is a conflict copy of the data file that [`put_away`] moved
/// there: the copy's own name, or that name with the number put after a name already taken
/// (`….json.2`).
pub(super) fn is_put_away(data: &Path, name: &str) -> bool {
    let (stem, ext) = stem_and_ext(data);
    let unnumbered = name
        .rsplit_once('.')
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|(head, _)| head);
    is_copy(name, &stem, &ext) || unnumbered.is_some_and(|head| is_copy(head, &stem, &ext))
}

/// The conflict copies beside the data file, oldest name first.
pub fn find(data: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let folder = files::folder(data);
    let (stem, ext) = stem_and_ext(data);
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if files::no_folder_there(&e) => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(folder, e)),
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| is_copy(&e.file_name().to_string_lossy(), &stem, &ext))
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    copies.sort();
    Ok(copies)
}

/// The conflict copies a merge met: those merged in, with what each merge did, to be put
/// away once the result is saved, and those left where they are, with why they cannot be
/// read.
#[derive(Debug, Default)]
pub(super) struct Met {
    pub merged: Vec<(PathBuf, Report)>,
    pub unread: Vec<(PathBuf, String)>,
    /// The keys of the first copy merged in that was encrypted: a ledger encrypted on one
    /// machine stays encrypted, whichever file the tool kept as the data file.
    pub sealed: Option<Arc<Keys>>,
}

/// Merges every readable conflict copy into `ledger`. The merge's common ancestor is the last
/// save both hold ([`ancestor`]); without one it is a two-way merge, with tombstones deciding
/// deletes. A copy that does not read (cut short, from a newer program, locked) is left where
/// it is, and said, as `check` says it.
pub(super) fn merge_in(data: &Path, ledger: &mut Ledger) -> Result<Met, StoreError> {
    let mut met = Met::default();
    for copy in find(data)? {
        let (theirs, keys, version) = match read_versioned(data, &copy) {
            Ok(read) => read,
            Err(why) => {
                met.unread.push((copy, why));
                continue;
            }
        };
        // A copy this file comes from (the same file, or one saved before it) brings
        // nothing: no merge is needed to know it.
        let brings_nothing = theirs
            .lineage
            .first()
            .is_some_and(|t| ledger.lineage.contains(t));
        let report = if brings_nothing {
            Report::default()
        } else {
            let base = ancestor(data, ledger, &theirs).or_else(|| {
                (version == 1)
                    .then(|| v1_ancestor(data, ledger, &theirs))
                    .flatten()
            });
            match merge(base.as_ref(), ledger, &theirs) {
                Ok(result) => {
                    *ledger = result.ledger;
                    result.report.between_files()
                }
                Err(e) => {
                    met.unread.push((copy, e.to_string()));
                    continue;
                }
            }
        };
        met.merged.push((copy, report));
        met.sealed = met.sealed.take().or(keys);
    }
    Ok(met)
}

/// A conflict copy's ledger, with the keys it was opened with when it is encrypted, or why
/// it cannot be read.
pub(super) fn read(data: &Path, copy: &Path) -> Result<(Ledger, Option<Arc<Keys>>), String> {
    read_versioned(data, copy).map(|(ledger, keys, _)| (ledger, keys))
}

/// [`read`], with the format version the copy is written in.
fn read_versioned(data: &Path, copy: &Path) -> Result<(Ledger, Option<Arc<Keys>>, u64), String> {
    let bytes = fs::read(copy).map_err(|e| e.to_string())?;
    let opened = super::opened(data, copy, bytes).map_err(|e| e.to_string())?;
    let decoded = decode_as(&opened.bytes, &Format::CURRENT).map_err(|e| e.to_string())?;
    if decoded.is_newer(&Format::CURRENT) {
        let too_new = DecodeError::TooNew {
            version: decoded.version,
        };
        return Err(too_new.to_string());
    }
    Ok((decoded.ledger, opened.keys, decoded.version))
}

/// The common ancestor of the ledger and a conflict copy: the newest save both descend from,
/// which is one of the two itself when the other was made from it, or else one of the
/// backups this machine keeps. An older common save will not do: a change that set a field
/// back as it was there would look like no change. `None` when the two name no common save
/// (older files name none) or no backup of one is left.
fn ancestor(data: &Path, ours: &Ledger, theirs: &Ledger) -> Option<Ledger> {
    let common = lineage::common(&ours.lineage, &theirs.lineage);
    let newest = *common.first()?;
    for side in [ours, theirs] {
        if side.lineage.first().map(String::as_str) == Some(newest) {
            return Some(side.clone());
        }
    }
    // Each backup's own save is found at the end of its bytes (of a plain one, read from its
    // last few KiB alone); only the one that is the newest common save is read whole.
    let backup = backups::list(data).ok()?.into_iter().find(|backup| {
        let head = match plain_tail(&backup.path) {
            Some(tail) => lineage_head(&tail).map(str::to_string),
            None => read_open(data, &backup.path)
                .and_then(|bytes| lineage_head(&bytes).map(str::to_string)),
        };
        head.as_deref() == Some(newest)
    })?;
    let ledger = decode(&read_open(data, &backup.path)?).ok()?;
    (ledger.lineage.first().map(String::as_str) == Some(newest)).then_some(ledger)
}

/// The common ancestor of the ledger and a version 1 conflict copy, which names no saves: the
/// version 1 file this machine upgraded from, kept in `backups/` (the newest such that both
/// can have come from it). A copy written by a machine still on version 1 most often comes
/// from that very file; merged without it, every record the copy changed would lose to any
/// change here, its `changed` time being the start of its last day.
fn v1_ancestor(data: &Path, ours: &Ledger, theirs: &Ledger) -> Option<Ledger> {
    backups::list(data)
        .ok()?
        .into_iter()
        .filter(|backup| backup.kind == BackupKind::Original { version: 1 })
        .filter_map(|backup| decode(&read_open(data, &backup.path)?).ok())
        .find(|base| lineage::may_come_from(ours, base) && lineage::may_come_from(theirs, base))
}

/// The last bytes of a plain file, where its lineage is; `None` for a sealed one (which is
/// opened whole) or one that cannot be read.
fn plain_tail(path: &Path) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    /// More than a lineage of the most ids a file remembers takes, with what follows it.
    const TAIL: u64 = 8 << 10;
    let (mut file, meta) = files::open_regular(path).ok()??;
    if files::begins_with(path, &file, crate::crypt::envelope::HEADER).ok()? {
        return None;
    }
    let len = meta.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL))).ok()?;
    let mut tail = Vec::with_capacity(TAIL as usize);
    file.read_to_end(&mut tail).ok()?;
    Some(tail)
}

/// A backup's plain bytes.
fn read_open(data: &Path, path: &Path) -> Option<Vec<u8>> {
    let bytes = fs::read(path).ok()?;
    Some(super::opened(data, path, bytes).ok()?.bytes.to_vec())
}

/// The first id of the lineage at the end of a file, found without reading the rest.
fn lineage_head(bytes: &[u8]) -> Option<&str> {
    let key = [LINEAGE, OPEN, b"    \""].concat();
    let start = bytes
        .windows(key.len())
        .rposition(|w| w == key.as_slice())?
        + key.len();
    let len = bytes[start..].iter().position(|&b| b == b'"')?;
    std::str::from_utf8(&bytes[start..start + len]).ok()
}

/// Moves merged copies into `backups/`, keeping their names, timed as put away now (where
/// they rotate: `backups::copies_out`). Beside an encrypted ledger
/// (`keys`), a plain copy is sealed as it goes, as every backup is: moved as it was, it
/// was the one file of the ledger left in plain text, and no command named it again. Each
/// sealed copy is put in place only while `guard` allows, as a save is.
pub(super) fn put_away(
    data: &Path,
    copies: &[(PathBuf, Report)],
    keys: Option<&Keys>,
    guard: &dyn Fn() -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if copies.is_empty() {
        return Ok(());
    }
    let folder = backups::folder(data);
    backups::ensure_folder(&folder)?;
    for (copy, _) in copies {
        let Some(name) = copy.file_name() else {
            continue;
        };
        // A name already there (Dropbox names a day's copies alike) gets a number, so no
        // copy put away replaces another.
        let mut to = folder.join(name);
        let mut n = 2;
        while to.exists() {
            to = folder.join(format!("{}.{n}", name.to_string_lossy()));
            n += 1;
        }
        match keys.filter(|_| !crate::crypt::envelope::sealed_on_disk(copy)) {
            Some(keys) => {
                let plain = zeroize::Zeroizing::new(fs::read(copy).at(copy)?);
                let sealed = keys.seal(&plain).map_err(|e| StoreError::crypt(copy, e))?;
                atomic::replace_guarded(&to, None, |f| atomic::write_parts(f, &[&sealed]), guard)
                    .map_err(|f| f.error)?;
                fs::remove_file(copy).at(copy)?;
            }
            None => {
                fs::rename(copy, &to).at(copy)?;
                // Its time says when it was put away, which the copies' rotation goes by
                // (`backups::COPY_DAYS`); where it cannot be set, the rotation goes by the
                // time the tool wrote it, which only makes it older.
                let _ = fs::File::open(&to).and_then(|f| f.set_modified(SystemTime::now()));
            }
        }
    }
    files::sync_dir(files::folder(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_put_away_are_told_by_their_names_numbered_or_not() {
        let data = Path::new("/x/l.json");
        for yes in [
            "l (Hal's conflicted copy 2026-12-03).json",
            "l (Hal's conflicted copy 2026-12-03).json.2",
            "l.sync-conflict-20261124-101010-ABCDEFG.json.13",
        ] {
            assert!(is_put_away(data, yes), "{yes}");
        }
        for no in [
            "l.json.000001.20261124T114600Z",
            "l.json.replaced.20261124T114600Z",
            ".l (Hal's conflicted copy 2026-12-03).json.tmp-1-2-3",
            "l (Hal's conflicted copy 2026-12-03).json.",
            "l (Hal's conflicted copy 2026-12-03).json.2x",
            "other (Hal's conflicted copy 2026-12-03).json",
        ] {
            assert!(!is_put_away(data, no), "{no}");
        }
    }

    #[test]
    fn the_names_of_syncthing_and_dropbox_copies_are_recognised() {
        let (stem, ext) = stem_and_ext(Path::new("/x/trustladder.json"));
        for yes in [
            "trustladder.sync-conflict-20261124-101010-ABCDEFG.json",
            "trustladder (Priya's conflicted copy 2026-11-24).json",
            "trustladder (conflicted copy 2026-11-24).json",
        ] {
            assert!(is_copy(yes, &stem, &ext), "{yes}");
        }
        for no in [
            "trustladder.json",
            "trustladder.json.lock",
            "other.sync-conflict-20261124-101010-ABCDEFG.json",
            "trustladder (copy).json",
            "trustladder.sync-conflict-20261124-101010-ABCDEFG.json.tmp",
        ] {
            assert!(!is_copy(no, &stem, &ext), "{no}");
        }
        let (stem, ext) = stem_and_ext(Path::new("ledger"));
        assert!(is_copy(
            "ledger.sync-conflict-20261124-101010-ABC",
            &stem,
            &ext
        ));
    }
}
