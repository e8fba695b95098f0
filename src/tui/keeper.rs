//! Carrying out the UI's effects where the ledger is kept: in the data file (the run loop's
//! worker thread, and tests that check the file) or in memory (property tests that drive
//! `update` thousands of times and must not touch the disk). A save or reload scores the
//! ledger it brings back here too, so the UI's thread only takes the scores in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::app::Scores;
use super::message::{Effect, MergedIn, Message, SaveError};
use crate::core::text::sanitize;
use crate::core::{Applied, Change, Ledger, Moment, Timestamp};
use crate::store::{Store, StoreError, output};

/// Where the ledger lives, as the UI's effects need it.
pub trait Keeper {
    /// Applies and saves a change; says what was merged in with it.
    fn apply(
        &mut self,
        change: &Change,
        today: NaiveDate,
    ) -> Result<(Applied, MergedIn), SaveError>;
    /// The ledger as last saved or read.
    fn ledger(&self) -> Arc<Ledger>;
    /// Reads outside changes; says whether there were any.
    fn refresh(&mut self) -> Result<bool, String>;
    /// Why changes are refused, when they are.
    fn read_only(&self) -> Option<String>;
    /// Whether the data file is gone from the disk (deleted elsewhere), so a reload showing
    /// an empty ledger says why.
    fn gone(&self) -> bool {
        false
    }
    /// Whether the ledger is encrypted, so a plain file written from it is said to be plain.
    fn encrypted(&self) -> bool {
        false
    }
    /// Writes a file for the user, `STEM.md` in `dir` or the next free name; returns its
    /// path.
    fn write(&mut self, dir: &Path, stem: &str, text: &str) -> Result<PathBuf, String> {
        output::write_new_in(dir, stem, "md", text.as_bytes()).map_err(|e| e.to_string())
    }
    /// Writes `ledger` in the data file's format to a new file beside the data file, never
    /// over a file; returns its path.
    fn keep_copy(&mut self, ledger: &Ledger) -> Result<PathBuf, String>;
}

/// Carries out one effect and returns the message that reports its outcome, if any.
pub fn perform(keeper: &mut impl Keeper, effect: Effect) -> Option<Message> {
    match effect {
        Effect::Save {
            change,
            basis,
            purpose,
        } => Some(match keeper.apply(&change, basis.today) {
            Ok((applied, merged)) => {
                let ledger = keeper.ledger();
                Message::Saved {
                    purpose,
                    applied: Box::new(applied),
                    scores: Arc::new(Scores::of(&ledger, basis)),
                    ledger,
                    merged,
                }
            }
            Err(error) => Message::Failed {
                purpose,
                error,
                ledger: Some(keeper.ledger()),
            },
        }),
        Effect::Write { dir, stem, text } => Some(match keeper.write(&dir, &stem, &text) {
            Ok(path) => Message::Written {
                path,
                plain_of_encrypted: keeper.encrypted(),
            },
            Err(why) => Message::NotWritten(why),
        }),
        Effect::KeepCopy { ledger } => Some(Message::KeptCopy {
            path: keeper.keep_copy(&ledger),
            plain_of_encrypted: keeper.encrypted(),
        }),
        // The run loop copies, runs the editor and suspends, since it owns the terminal.
        Effect::Copy { .. } | Effect::Edit { .. } | Effect::Suspend => None,
        // Freed here, and the memory given back to the system: a ledger of 100,000 promises
        // freed leaves tens of megabytes the allocator would otherwise keep for good.
        Effect::Discard { ledger, scores } => {
            drop((ledger, scores));
            give_back_freed_memory();
            None
        }
        Effect::Reload(basis) => match keeper.refresh() {
            Ok(true) => {
                let ledger = keeper.ledger();
                Some(Message::Reloaded {
                    scores: Arc::new(Scores::of(&ledger, basis)),
                    ledger,
                    read_only: keeper.read_only(),
                    gone: keeper.gone(),
                })
            }
            Ok(false) => None,
            Err(e) => Some(Message::ReloadFailed(e)),
        },
    }
}

/// Asks the allocator to return the free memory it holds to the system (glibc keeps freed
/// blocks in its arenas otherwise, and a UI open all day would sit on several ledgers' worth).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

impl Keeper for Store {
    fn apply(
        &mut self,
        change: &Change,
        today: NaiveDate,
    ) -> Result<(Applied, MergedIn), SaveError> {
        match Store::apply(self, change, today) {
            Ok(saved) => {
                let mut merged = MergedIn {
                    elsewhere: saved.merged,
                    ..MergedIn::default()
                };
                for copy in self.take_merged_copies() {
                    match &copy.report {
                        Ok(report) => {
                            // What moved first, the counts after: a narrow status line cuts
                            // the end.
                            let mut lines: Vec<String> =
                                report.to_string().lines().map(sanitize).collect();
                            if lines.len() > 1 {
                                let counts = lines.remove(0);
                                lines.push(counts);
                            }
                            if copy.sealed_again {
                                lines.push(
                                    "it was encrypted, so the ledger is encrypted again".into(),
                                );
                            }
                            merged.copies.push(lines);
                        }
                        Err(why) => merged.unread.push(format!(
                            "{} ({})",
                            sanitize(&copy.name),
                            sanitize(why)
                        )),
                    }
                }
                Ok((saved.value, merged))
            }
            Err(e) => {
                let refusal = match &e {
                    StoreError::Ledger(refusal) => Some(refusal.clone()),
                    _ => None,
                };
                Err(SaveError {
                    refusal,
                    message: said_in_the_ui(self, &e),
                })
            }
        }
    }

    fn ledger(&self) -> Arc<Ledger> {
        self.shared()
    }

    fn refresh(&mut self) -> Result<bool, String> {
        Store::refresh(self).map_err(|e| {
            let said = without_path(self, &e.to_string());
            // What the command line notes after the same error, in the same words: a file
            // damaged in a synced folder is put back from git, not from a backup.
            match crate::sync::damaged_note(&e, self.path()) {
                Some(note) => format!("{said}. {}.", crate::core::text::capitalized(&note)),
                None => said,
            }
        })
    }

    fn read_only(&self) -> Option<String> {
        Store::read_only(self)
    }

    fn gone(&self) -> bool {
        std::fs::symlink_metadata(self.path()).is_err()
    }

    fn encrypted(&self) -> bool {
        self.is_encrypted()
    }

    fn keep_copy(&mut self, ledger: &Ledger) -> Result<PathBuf, String> {
        let path = self.path();
        let dir = path.parent().unwrap_or(Path::new("."));
        let stem = path
            .file_stem()
            .map_or_else(|| "trustladder".into(), |s| s.to_string_lossy());
        output::write_new_in(
            dir,
            &format!("{stem}-as-shown"),
            "json",
            &crate::store::encode(ledger),
        )
        .map_err(|e| e.to_string())
    }
}

/// A ledger in memory, with a fixed clock and uids counted from a seed, so a run is the same
/// every time.
#[derive(Debug, Clone)]
pub struct Memory {
    ledger: Arc<Ledger>,
    now: Timestamp,
    changes: u64,
    /// The files written for the user: their paths and texts, kept here, not on the disk.
    pub written: Vec<(PathBuf, String)>,
}

impl Memory {
    /// Keeps `ledger`, stamping changes with `now`.
    pub fn new(ledger: Ledger, now: Timestamp) -> Memory {
        Memory {
            ledger: Arc::new(ledger),
            now,
            changes: 0,
            written: Vec::new(),
        }
    }
}

impl Keeper for Memory {
    fn apply(
        &mut self,
        change: &Change,
        today: NaiveDate,
    ) -> Result<(Applied, MergedIn), SaveError> {
        self.changes += 1;
        let moment = Moment {
            now: self.now,
            ..Moment::fixed(today, &format!("memory {}", self.changes))
        };
        let mut ledger = Ledger::clone(&self.ledger);
        let applied = ledger.apply(change, &moment).map_err(|e| SaveError {
            message: e.to_string(),
            refusal: Some(e),
        })?;
        self.ledger = Arc::new(ledger);
        Ok((applied, MergedIn::default()))
    }

    fn ledger(&self) -> Arc<Ledger> {
        Arc::clone(&self.ledger)
    }

    fn refresh(&mut self) -> Result<bool, String> {
        Ok(false)
    }

    fn read_only(&self) -> Option<String> {
        None
    }

    fn write(&mut self, dir: &Path, stem: &str, text: &str) -> Result<PathBuf, String> {
        let path = dir.join(format!("{stem}.md"));
        self.written.push((path.clone(), text.to_string()));
        Ok(path)
    }

    fn keep_copy(&mut self, ledger: &Ledger) -> Result<PathBuf, String> {
        let path = PathBuf::from("as-shown.json");
        let text = String::from_utf8_lossy(&crate::store::encode(ledger)).into_owned();
        self.written.push((path.clone(), text));
        Ok(path)
    }
}

/// What a save that failed says on the status line: the store's message without the path
/// (the title bar shows the file), and a wait given up in fewer words, so the whole of it,
/// what to do included, fits the two lines of an 80-column status line.
fn said_in_the_ui(store: &Store, e: &StoreError) -> String {
    match e {
        StoreError::Busy {
            waited,
            in_turns: true,
            ..
        } => format!(
            "other trustladder saves held the lock one after another for {} s; try again, or \
             run fewer trustladder commands at once",
            waited.as_secs()
        ),
        StoreError::Busy { pid, waited, .. } => format!(
            "another trustladder process{} held the lock for {} s; if it is stopped (Ctrl-Z), \
             resume it (fg) or end it, then try again",
            pid.map(|pid| format!(" (PID {pid})")).unwrap_or_default(),
            waited.as_secs()
        ),
        // Said after the UI has closed, after "the outcome of #6:": short, one sentence.
        StoreError::Abandoned { .. } => {
            "given up as the UI quit while another process held the lock; nothing was changed"
                .to_string()
        }
        // The system's words alone ("File too large") would not say which file: its name
        // does, without the whole path.
        // Encrypted under the UI by a script, which handed its key to no agent: what to do is
        // said for someone in this UI, where a passphrase command is no help.
        StoreError::Crypt {
            source: crate::crypt::CryptError::Locked,
            ..
        } => "the ledger was encrypted elsewhere and its key is not at hand here: run \
              `trustladder unlock` in a terminal, then save again (nothing typed is lost)"
            .to_string(),
        StoreError::Io { path, source } if path == store.path() => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("{}: {source}", sanitize(&name))
        }
        _ => without_path(store, &e.to_string()),
    }
}

/// A store's message without the data file's path it starts with: the title bar names the
/// file, and on a status line of two rows the path would push out what to do.
fn without_path(store: &Store, message: &str) -> String {
    let prefix = format!("{}: ", store.path().display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wait given up is said whole, what to do included, on the two lines an 80-column
    /// status line has, after the number of the promise it was for.
    #[test]
    fn a_wait_given_up_fits_the_status_line_at_80_columns() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.json")).unwrap();
        let busy = |in_turns| StoreError::Busy {
            path: store.path().to_path_buf(),
            pid: Some(4_194_304),
            waited: std::time::Duration::from_secs(10),
            in_turns,
        };
        let said = |in_turns| {
            format!(
                "#100000 not saved: {}.",
                said_in_the_ui(&store, &busy(in_turns))
            )
        };
        assert_eq!(
            said(false),
            "#100000 not saved: another trustladder process (PID 4194304) held the lock for 10 s; \
             if it is stopped (Ctrl-Z), resume it (fg) or end it, then try again."
        );
        assert_eq!(
            said(true),
            "#100000 not saved: other trustladder saves held the lock one after another for 10 s; \
             try again, or run fewer trustladder commands at once."
        );
        for in_turns in [false, true] {
            let lines = crate::tui::views::wrap(&said(in_turns), 78, "", "");
            assert_eq!(lines.len(), 2, "{lines:?}");
        }
    }

    /// A failure of the system's on the data file names the file, not only the system's words.
    #[test]
    fn a_system_error_on_the_data_file_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.json")).unwrap();
        let full = StoreError::Io {
            path: store.path().to_path_buf(),
            source: std::io::Error::from_raw_os_error(27),
        };
        assert_eq!(
            said_in_the_ui(&store, &full),
            "t.json: File too large (os error 27)"
        );
    }

    /// A ledger encrypted under the UI with no key at hand is said as this UI's to act on: a
    /// terminal's unlock, then the same save; never the command line's passphrase command.
    #[test]
    fn a_ledger_encrypted_elsewhere_without_its_key_says_to_unlock_then_save() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.json")).unwrap();
        let locked = StoreError::Crypt {
            path: store.path().to_path_buf(),
            source: crate::crypt::CryptError::Locked,
        };
        let said = said_in_the_ui(&store, &locked);
        assert!(said.contains("run `trustladder unlock` in a terminal, then save again"));
        assert!(!said.contains("PASSPHRASE_COMMAND"), "{said}");
    }
}
