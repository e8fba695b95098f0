//! The session's changes, for `u` and `Ctrl-r`. Each entry keeps the change that undoes it
//! (the inverse the core returned), so an undo sets back only what the change set, only where
//! nothing else changed it since, and never a record that merely took its number.

use crate::core::Change;

/// One change that can be undone or redone: what it did, in words, and the change that sets
/// it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub what: String,
    pub inverse: Change,
}

/// Done and undone changes, newest last.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Entry>,
    undone: Vec<Entry>,
}

impl History {
    /// Remembers a new change; it makes the redo list meaningless, so that is dropped.
    pub fn push(&mut self, entry: Entry) {
        self.done.push(entry);
        self.undone.clear();
    }

    /// Takes the change `u` undoes, while its undo is saved.
    pub fn take_done(&mut self) -> Option<Entry> {
        self.done.pop()
    }

    /// Takes the change `Ctrl-r` redoes, while its redo is saved.
    pub fn take_undone(&mut self) -> Option<Entry> {
        self.undone.pop()
    }

    /// An undone change, ready to be redone.
    pub fn push_undone(&mut self, entry: Entry) {
        self.undone.push(entry);
    }

    /// A redone change (or an undo that failed), ready to be undone again; unlike
    /// [`History::push`] it keeps the redo list.
    pub fn push_done(&mut self, entry: Entry) {
        self.done.push(entry);
    }

    /// How many changes can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.done.len(), self.undone.len())
    }
}
