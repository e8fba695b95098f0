//! The ledgers the agent was asked to keep the texts of, watched for a file written by anyone
//! else: a sync's checkout, a file-sync tool, a copy put back by hand. A command that changes
//! the ledger has the agent write its change over the text it lent (see `edits`), but a file
//! replaced from outside would leave the agent holding the old file's text, and the first
//! command after it would decrypt the file itself. Watched, the file is opened as soon as it
//! is written, and that command finds its text kept (or, coming at once, waits for the agent,
//! which answers one request at a time, to finish opening it, rather than decrypting it too).
//!
//! One `inotify` watch per folder, on the files that are closed after writing or moved into
//! it, filtered by name: a rename into place (every atomic save) and a file written where it
//! is (`cp`, git's checkout) both end in one of the two, never halfway through a write.
//! trustladder's own saves are seen too: one made while a command holds a lease on a text of
//! that key is most likely that command's, which has the agent write its change over the
//! text (or asks for the file to be opened), and is left to it; one made while saves to the
//! file go on is one of a burst (the UI's), and the file is opened once they settle
//! (`Texts::later`).

use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};

use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify, WatchDescriptor};

/// The most files watched at once (a user has one ledger, perhaps a second): past it the one
/// asked about longest ago is let go.
const MAX_FILES: usize = 4;

/// A ledger watched: the key its text is opened with, the path the agent was given, and
/// where it is watched from.
struct File {
    key: String,
    path: PathBuf,
    folder: WatchDescriptor,
    name: OsString,
}

/// The watched ledgers, and the `inotify` instance that watches them, made with the first
/// watch (an agent that watches nothing holds no more open files than it needs); without one
/// (none could be made) nothing is watched, and a command after a change from outside
/// decrypts the file.
#[derive(Default)]
pub(crate) struct Watched {
    inotify: Option<Inotify>,
    /// Asked about least recently first.
    files: Vec<File>,
    /// Every folder watched, once each.
    folders: Vec<WatchDescriptor>,
}

impl Watched {
    /// What to poll for events.
    pub(crate) fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.inotify.as_ref().map(AsFd::as_fd)
    }

    /// Watches the ledger at `path`, whose text `key` opens. The file is followed to where
    /// it is (a link to it is not what a save replaces); one that cannot be watched is not.
    pub(crate) fn watch(&mut self, key: &str, path: &Path) {
        if self.inotify.is_none() {
            self.inotify = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC).ok();
        }
        if let Some(at) = self
            .files
            .iter()
            .position(|file| file.key == key && file.path == path)
        {
            let file = self.files.remove(at);
            self.files.push(file);
            return;
        }
        let Some(inotify) = &self.inotify else {
            return;
        };
        let Some((folder, name)) = std::fs::canonicalize(path)
            .ok()
            .and_then(|real| Some((real.parent()?.to_path_buf(), real.file_name()?.to_owned())))
        else {
            return;
        };
        let mask =
            AddWatchFlags::IN_CLOSE_WRITE | AddWatchFlags::IN_MOVED_TO | AddWatchFlags::IN_ONLYDIR;
        // Watching a folder watched already gives its descriptor again.
        let Ok(folder) = inotify.add_watch(&folder, mask) else {
            return;
        };
        if !self.folders.contains(&folder) {
            self.folders.push(folder);
        }
        self.files.push(File {
            key: key.to_string(),
            path: path.to_path_buf(),
            folder,
            name,
        });
        if self.files.len() > MAX_FILES {
            self.files.remove(0);
            self.unwatch_unused();
        }
    }

    /// Stops watching the ledgers `key` opens.
    pub(crate) fn forget_key(&mut self, key: &str) {
        self.files.retain(|file| file.key != key);
        self.unwatch_unused();
    }

    /// Stops watching every ledger.
    pub(crate) fn clear(&mut self) {
        self.files.clear();
        self.unwatch_unused();
    }

    /// Reads the events waiting: the key and path of each watched ledger written since, once
    /// each. A folder that went away is watched no more, nor are its ledgers.
    pub(crate) fn written(&mut self) -> Vec<(String, PathBuf)> {
        let Some(inotify) = &self.inotify else {
            return Vec::new();
        };
        let mut written: Vec<(String, PathBuf)> = Vec::new();
        let mut gone = Vec::new();
        while let Ok(events) = inotify.read_events() {
            if events.is_empty() {
                break;
            }
            for event in events {
                if event.mask.contains(AddWatchFlags::IN_IGNORED) {
                    gone.push(event.wd);
                    continue;
                }
                for file in &self.files {
                    let its = file.folder == event.wd
                        && event.name.as_deref() == Some(file.name.as_os_str());
                    let told = || {
                        written
                            .iter()
                            .any(|(key, path)| *key == file.key && *path == file.path)
                    };
                    if its && !told() {
                        written.push((file.key.clone(), file.path.clone()));
                    }
                }
            }
        }
        self.files.retain(|file| !gone.contains(&file.folder));
        self.folders.retain(|folder| !gone.contains(folder));
        written
    }

    /// Removes the watch of every folder no watched ledger is in.
    fn unwatch_unused(&mut self) {
        let Some(inotify) = &self.inotify else {
            return;
        };
        let files = &self.files;
        self.folders.retain(|folder| {
            let used = files.iter().any(|file| file.folder == *folder);
            if !used {
                let _ = inotify.rm_watch(*folder);
            }
            used
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of a write are queued as the file is closed, so each write below is there
    /// to read when `written` is called.
    #[test]
    fn a_watched_ledger_is_reported_once_per_look_and_no_other_file_is() {
        let dir = tempfile::tempdir().expect("a folder");
        let ledger = dir.path().join("ledger.json");
        std::fs::write(&ledger, b"sealed").expect("written");
        let mut watched = Watched::default();
        assert!(watched.fd().is_none(), "nothing watched, no inotify");
        watched.watch("k", &ledger);
        assert!(watched.fd().is_some());
        assert!(watched.written().is_empty(), "nothing written since");

        std::fs::write(dir.path().join("notes.json"), b"x").expect("written");
        std::fs::write(dir.path().join("ledger.json.lock"), b"").expect("written");
        assert!(watched.written().is_empty(), "other files in the folder");

        std::fs::write(&ledger, b"sealed again").expect("written");
        let temp = dir.path().join("ledger.json.tmp");
        std::fs::write(&temp, b"sealed a third time").expect("written");
        std::fs::rename(&temp, &ledger).expect("renamed");
        assert_eq!(
            watched.written(),
            vec![("k".to_string(), ledger.clone())],
            "written in place and renamed into place: once"
        );

        watched.forget_key("k");
        std::fs::write(&ledger, b"after").expect("written");
        assert!(watched.written().is_empty(), "a forgotten key's ledger");
    }

    #[test]
    fn past_the_most_files_the_one_asked_about_longest_ago_is_let_go() {
        let dirs: Vec<_> = (0..=MAX_FILES)
            .map(|_| tempfile::tempdir().expect("a folder"))
            .collect();
        let ledgers: Vec<_> = dirs
            .iter()
            .map(|dir| {
                let path = dir.path().join("ledger.json");
                std::fs::write(&path, b"sealed").expect("written");
                path
            })
            .collect();
        let mut watched = Watched::default();
        watched.watch("k", &ledgers[0]);
        watched.watch("k", &ledgers[1]);
        // Asked about again: the most recent now.
        watched.watch("k", &ledgers[0]);
        for ledger in &ledgers[2..] {
            watched.watch("k", ledger);
        }
        for ledger in &ledgers {
            std::fs::write(ledger, b"changed").expect("written");
        }
        let written: Vec<PathBuf> = watched
            .written()
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        assert_eq!(written.len(), MAX_FILES);
        assert!(!written.contains(&ledgers[1]), "{written:?}");
        assert!(written.contains(&ledgers[0]));
        assert_eq!(
            watched.folders.len(),
            MAX_FILES,
            "its folder's watch removed"
        );
    }
}
