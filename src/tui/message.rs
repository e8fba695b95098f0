//! What can happen to the UI, and what the UI asks the world to do: the inputs and outputs of
//! `update`. Nothing here touches the terminal or the disk.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::app::{Basis, Scores};
use super::forms;
use super::history::Entry;
use crate::core::text::columns;
use crate::core::{Applied, Change, Ledger, LedgerError, PromiseId};

/// An event for [`super::update::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A key was pressed (releases and repeats are filtered out by `update`).
    Key(KeyEvent),
    /// A click or a turn of the wheel (only when the config turns the mouse on).
    Mouse(MouseEvent),
    /// The terminal is now this many columns and rows.
    Resize { width: u16, height: u16 },
    /// Text was pasted (bracketed paste): it goes into the text field being edited, as
    /// text, and is never read as keys.
    Paste(String),
    /// About a second passed; `today` is the day it is now, so a UI left open past midnight
    /// moves to the new day.
    Tick { today: NaiveDate },
    /// A change was saved. `ledger` is the file as saved, `scores` what the views show of
    /// it, computed where it was saved; `merged` says what the save merged in besides the
    /// change.
    Saved {
        purpose: Purpose,
        applied: Box<Applied>,
        ledger: Arc<Ledger>,
        scores: Arc<Scores>,
        merged: MergedIn,
    },
    /// A change was not saved. `ledger` is the file as it is now, when the attempt read it
    /// afresh (a conflict is shown against it).
    Failed {
        purpose: Purpose,
        error: SaveError,
        ledger: Option<Arc<Ledger>>,
    },
    /// Another process changed the file; this is what it holds now, and its scores.
    Reloaded {
        ledger: Arc<Ledger>,
        scores: Arc<Scores>,
        read_only: Option<String>,
        /// The data file was deleted elsewhere: the ledger shown is empty for that reason.
        gone: bool,
    },
    /// The file could not be read to look for outside changes.
    ReloadFailed(String),
    /// A save has waited a second for the lock that another trustladder process holds (its
    /// PID, when known); it goes on waiting for a while, then gives up.
    Waiting { pid: Option<u32> },
    /// A file was written for the user (a 1:1 prep), at `path`; `plain_of_encrypted` when
    /// the ledger is encrypted, so the plain file is to be said as such.
    Written {
        path: PathBuf,
        plain_of_encrypted: bool,
    },
    /// A file for the user could not be written, and why.
    NotWritten(String),
    /// The ledger shown was written to a new file beside a data file that cannot be read:
    /// its path, or why it could not be written; `plain_of_encrypted` as for [`Written`].
    ///
    /// [`Written`]: Message::Written
    KeptCopy {
        path: Result<PathBuf, String>,
        plain_of_encrypted: bool,
    },
    /// The user's editor exited: what the text of the form's `field` is now, or why it could
    /// not be edited.
    Edited {
        field: forms::Key,
        text: Result<String, NotEdited>,
    },
    /// The suspend key did nothing: no shell with job control started the UI, so nothing
    /// could bring it back from a stop.
    NotSuspended,
}

/// Why a change was asked for, so its outcome lands where it belongs.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A change from a key or a confirmation.
    Change,
    /// An outcome marked from a list (`d`, `b`, `r`) on this promise: the cursor stays at its
    /// row, so the next key acts on the next promise.
    Triage(PromiseId),
    /// The change of the open form; the form stays open until it is saved.
    Form,
    /// The undo of this history entry.
    Undo(Box<Entry>),
    /// The redo of this history entry.
    Redo(Box<Entry>),
}

/// Why a change was not saved: the ledger's refusal when it was one (its data lets the form
/// put the message at the right field), and the message to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    pub refusal: Option<LedgerError>,
    pub message: String,
}

/// Something for the run loop to do outside `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply `change` as of the basis' day and save it; the outcome comes back as
    /// [`Message::Saved`] (with the scores on that basis) or [`Message::Failed`].
    Save {
        change: Box<Change>,
        basis: Basis,
        purpose: Purpose,
    },
    /// Look for changes another process saved; [`Message::Reloaded`] if there are any, with
    /// the scores on this basis.
    Reload(Basis),
    /// Let go of a ledger and scores the UI no longer shows, off its thread: nothing comes
    /// back.
    Discard {
        ledger: Arc<Ledger>,
        scores: Option<Box<Scores>>,
    },
    /// Write `text` to a new file `STEM.md` in `dir` (`STEM-2.md` … when taken); the outcome
    /// comes back as [`Message::Written`] or [`Message::NotWritten`].
    Write {
        dir: PathBuf,
        stem: String,
        text: String,
    },
    /// Write `ledger`, the one shown, to a new file beside the data file, which cannot be
    /// read: the last good ledger is kept, and the damaged file left for the user to look
    /// at. The outcome comes back as [`Message::KeptCopy`].
    KeepCopy { ledger: Arc<Ledger> },
    /// Put `text` on the clipboard through the terminal (OSC 52). The run loop, which owns
    /// the terminal, does it; no message comes back, since a terminal never says whether it
    /// allowed it.
    Copy { text: String },
    /// Open `text`, the form's `field`, in the user's editor. The run loop hands the terminal
    /// over to the editor and back; the outcome comes back as [`Message::Edited`].
    Edit { field: forms::Key, text: String },
    /// Suspend the UI as the terminal's Ctrl-z suspends a program: the run loop gives the
    /// terminal back to the shell, stops, and once continued (`fg`) takes it back and draws it
    /// all again, the model as it was; [`Message::NotSuspended`] comes back when no shell could
    /// continue it.
    Suspend,
}

/// What a save merged in besides the change itself: another process's change to the file
/// (the change was applied on top of it), and the conflict copies a file-sync tool left, each
/// as the lines of what its merge did; and the copies it could not read, each named with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergedIn {
    pub elsewhere: bool,
    pub copies: Vec<Vec<String>>,
    pub unread: Vec<String>,
}

/// Why the user's editor gave no text back. An editor that is not installed, or not a
/// program, is kept as its parts (the command, what is wrong with it), so the status line
/// can say it in a short form that keeps its fix whole where the whole would be cut: the fix
/// is what the user acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotEdited {
    /// `sh` found no program by the command's name (it ended with 127).
    NotFound(String),
    /// `sh` found the command but could not run it (126).
    NotAProgram(String),
    /// Anything else, said as it is.
    Other(String),
}

impl NotEdited {
    /// The fix of an editor that cannot run, as the whole says it.
    const FIX: &str = "set $VISUAL or $EDITOR to an editor that is installed";

    /// What the status line says where the whole would be cut: the command and what is wrong
    /// with it, then the fix as a sentence of its own. A command too long for the line at the
    /// narrowest the UI draws (60 columns) is named by its program's file name, cut in its
    /// middle where even that is too long (`my-comp…wrapper`): cut at its end, as the line cuts
    /// before the fix, it left `/usr/local/bin/my-long-edi…`, the name that matters cut off.
    /// `None` where there is no fix to keep.
    pub fn short(&self) -> Option<String> {
        let (command, wrong) = match self {
            NotEdited::NotFound(command) => (command, "not found"),
            NotEdited::NotAProgram(command) => (command, "not a program"),
            NotEdited::Other(_) => return None,
        };
        let said = |name: &str| format!("Editor `{name}` {wrong}. Set $VISUAL or $EDITOR.");
        // The status line's first column is blank.
        let room = usize::from(super::views::MIN_WIDTH).saturating_sub(1 + columns(&said("")));
        let name = if columns(command) <= room {
            command.clone()
        } else {
            cut_in_middle(program(command), room)
        };
        Some(said(&name))
    }
}

/// The file name of the program `command` runs, its first word (whole where quoted, as the
/// shell takes it): `/usr/local/bin/my-long-editor --wait` runs `my-long-editor`.
fn program(command: &str) -> &str {
    let command = command.trim();
    let first = match command.chars().next() {
        Some(quote @ ('"' | '\'')) => command[1..].split(quote).next(),
        _ => command.split_whitespace().next(),
    }
    .unwrap_or(command);
    first
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or(first)
}

/// `name` in `room` columns, cut in its middle where it is longer (`my-comp…wrapper`), so that
/// both its start and its end, where names differ, show: the start as [`fit`] cuts text (by
/// grapheme, its `…` included), then as much of the end as the room leaves.
///
/// [`fit`]: crate::core::text::fit
fn cut_in_middle(name: &str, room: usize) -> String {
    if columns(name) <= room {
        return name.to_string();
    }
    let mut cut = crate::core::text::fit(name, room.saturating_sub(1).div_ceil(2) + 1);
    let mut left = room.saturating_sub(columns(&cut));
    let tail: Vec<&str> = unicode_segmentation::UnicodeSegmentation::graphemes(name, true)
        .rev()
        .take_while(|g| {
            let fits = columns(g) <= left;
            if fits {
                left -= columns(g);
            }
            fits
        })
        .collect();
    cut.extend(tail.into_iter().rev());
    cut
}

impl std::fmt::Display for NotEdited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fix = NotEdited::FIX;
        match self {
            NotEdited::NotFound(command) => write!(f, "`{command}` was not found ({fix})"),
            NotEdited::NotAProgram(command) => write!(
                f,
                "`{command}` could not be run, as it is not a program ({fix})"
            ),
            NotEdited::Other(why) => f.write_str(why),
        }
    }
}

impl From<String> for NotEdited {
    fn from(why: String) -> NotEdited {
        NotEdited::Other(why)
    }
}

#[cfg(test)]
mod tests {
    use super::NotEdited;
    use crate::core::text::columns;

    /// A name cut in its middle keeps a character joined from several (👩‍💻) whole, as every
    /// cut of text does, and fits its room.
    #[test]
    fn a_name_cut_in_its_middle_never_splits_a_joined_character() {
        let name = "👩\u{200d}💻-editor-👩\u{200d}💻";
        for room in 3..columns(name) {
            let cut = super::cut_in_middle(name, room);
            assert!(columns(&cut) <= room, "{cut} in {room}");
            assert!(
                !cut.contains("\u{200d}…") && !cut.starts_with('\u{200d}'),
                "{cut}"
            );
            assert_eq!(
                cut.matches('\u{200d}').count() * 2,
                cut.matches(['👩', '💻']).count(),
                "{cut}"
            );
        }
        assert_eq!(
            super::cut_in_middle(name, 9),
            "👩\u{200d}💻-e…r-👩\u{200d}💻"
        );
    }

    /// At 60 columns the status line holds the short form beside its blank first column: a
    /// command of 15 characters or more was cut there at its end, before the fix.
    #[test]
    fn a_long_editor_is_named_by_its_program_whole_at_60_columns() {
        let short = |e: NotEdited| e.short().unwrap_or_default();
        for (command, name) in [
            ("vi", "vi"),
            ("/usr/bin/nvim", "/usr/bin/nvim"),
            ("/usr/local/bin/my-long-editor", "my-long-editor"),
            ("emacsclient -nw --alternate-editor=", "emacsclient"),
            ("'/opt/Sublime Text/subl' -w", "subl"),
            ("/opt/bin/my-company-editor-wrapper", "my-comp…wrapper"),
        ] {
            let said = short(NotEdited::NotFound(command.to_string()));
            assert_eq!(
                said,
                format!("Editor `{name}` not found. Set $VISUAL or $EDITOR.")
            );
            assert!(columns(&said) < 60, "{said}");
        }
        let said = short(NotEdited::NotAProgram(
            "/opt/bin/my-long-editor".to_string(),
        ));
        assert_eq!(
            said,
            "Editor `my-lo…ditor` not a program. Set $VISUAL or $EDITOR."
        );
        assert_eq!(columns(&said), 59);
    }
}
