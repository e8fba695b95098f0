//! A change's text written over the text the agent lent the change, where it is, by the
//! agent: the command puts the few new stretches in the memory file's spare room, past all
//! the text will become (a write to the file, no mapping of it), and sends only where each
//! goes ([`Edit`]); the agent, which holds the whole text mapped and locked already, moves
//! what follows each stretch whose length changed and copies the stretches in. The command
//! ends without mapping, moving or faulting in the text, and no plain text travels on the
//! socket.

use std::ops::Range;

/// One stretch of the old text, `start..end`, replaced by the `len` bytes at `text` in the
/// same memory file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: usize,
    pub len: usize,
}

/// A change's stretches, placed for the agent to write over an old text: each edit, the
/// new stretches one after the other as they lie at `at` in the memory file, the file's
/// size (`room`), and the text's length after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edits {
    pub list: Vec<Edit>,
    pub texts: Vec<u8>,
    pub at: usize,
    pub room: usize,
    pub len: usize,
}

impl Edits {
    /// Each stretch `start..end` of an old text of `old_len` bytes replaced by its new text,
    /// the new texts placed at the end of a memory file of `room` bytes; `None` when they
    /// could not be written so (see [`written_len`]).
    pub fn placed(
        stretches: Vec<(Range<usize>, Vec<u8>)>,
        old_len: usize,
        room: usize,
    ) -> Option<Edits> {
        let total: usize = stretches.iter().map(|(_, text)| text.len()).sum();
        let at = room.checked_sub(total)?;
        let mut texts = Vec::with_capacity(total);
        let mut list = Vec::with_capacity(stretches.len());
        for (range, text) in stretches {
            list.push(Edit {
                start: range.start,
                end: range.end,
                text: at + texts.len(),
                len: text.len(),
            });
            texts.extend_from_slice(&text);
        }
        let len = written_len(&list, old_len, room)?;
        Some(Edits {
            list,
            texts,
            at,
            room,
            len,
        })
    }

    /// Puts the new stretches in `buf` (the whole memory file, the old text at its start)
    /// and writes the edits, as the command and the agent do between them; the new length.
    #[cfg(test)]
    pub fn write_over(&self, buf: &mut [u8], old_len: usize) -> Option<usize> {
        if buf.len() != self.room {
            return None;
        }
        written_len(&self.list, old_len, buf.len())?;
        buf[self.at..self.at + self.texts.len()].copy_from_slice(&self.texts);
        write(buf, old_len, &self.list)
    }
}

/// The most stretches one change may send: a change to a few records, its head and its tail.
/// A change to more (an import) leaves the agent to open the saved file itself.
pub const MOST_EDITS: usize = 64;

/// The most stretches whose length changes: each moves everything after it.
pub const MOST_MOVED: usize = 8;

/// The length of the text `edits` make of an old text of `old_len` bytes in a memory file
/// of `room` bytes; `None` when they cannot be written as they say: too many, out of order,
/// past the old text, or with a new stretch not wholly in the room past everything the text
/// becomes while it is written (so that no move ever runs over one).
pub fn written_len(edits: &[Edit], old_len: usize, room: usize) -> Option<usize> {
    if edits.len() > MOST_EDITS || old_len > room {
        return None;
    }
    let mut at = 0;
    let (mut removed, mut added, mut growth, mut moved) = (0usize, 0usize, 0usize, 0);
    for edit in edits {
        if edit.start < at || edit.end < edit.start || edit.end > old_len {
            return None;
        }
        at = edit.end;
        let old = edit.end - edit.start;
        removed += old;
        added = added.checked_add(edit.len)?;
        growth = growth.checked_add(edit.len.saturating_sub(old))?;
        moved += usize::from(old != edit.len);
    }
    let peak = old_len.checked_add(growth)?;
    let placed = edits
        .iter()
        .all(|e| e.text >= peak && e.text.checked_add(e.len).is_some_and(|end| end <= room));
    let len = (old_len - removed).checked_add(added)?;
    (moved <= MOST_MOVED && placed && len > 0).then_some(len)
}

/// Writes `edits` over the old text of `old_len` bytes at the start of `buf`, whose new
/// stretches already lie where the edits say; the new length. Nothing is written when
/// [`written_len`] refuses them.
pub fn write(buf: &mut [u8], old_len: usize, edits: &[Edit]) -> Option<usize> {
    let new_len = written_len(edits, old_len, buf.len())?;
    let mut len = old_len;
    for edit in edits.iter().rev() {
        if edit.end - edit.start != edit.len {
            buf.copy_within(edit.end..len, edit.start + edit.len);
            len = len - (edit.end - edit.start) + edit.len;
        }
        buf.copy_within(edit.text..edit.text + edit.len, edit.start);
    }
    Some(new_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, text: usize, len: usize) -> Edit {
        Edit {
            start,
            end,
            text,
            len,
        }
    }

    #[test]
    fn stretches_are_replaced_and_what_follows_moves() {
        let mut buf = b"one two three________NINE2".to_vec();
        // "two" becomes "NINE" (longer), "three" becomes "2" (shorter).
        let edits = [edit(4, 7, 21, 4), edit(8, 13, 25, 1)];
        assert_eq!(write(&mut buf, 13, &edits), Some(10));
        assert_eq!(&buf[..10], b"one NINE 2");
    }

    #[test]
    fn edits_that_cannot_be_written_as_they_say_write_nothing() {
        let old = b"one two three________NINE2".to_vec();
        for (edits, why) in [
            (vec![edit(8, 13, 25, 1), edit(4, 7, 21, 4)], "out of order"),
            (vec![edit(4, 14, 21, 4)], "past the old text"),
            (vec![edit(7, 4, 21, 4)], "ends before it starts"),
            (
                vec![edit(4, 7, 12, 4)],
                "its text lies where the text will be",
            ),
            (vec![edit(4, 7, 23, 4)], "its text runs past the room"),
            (vec![edit(0, 13, 21, 0)], "nothing left"),
            (vec![edit(0, 0, 21, 0); MOST_EDITS + 1], "too many"),
            (
                (0..=MOST_MOVED).map(|i| edit(i, i, 25, 1)).collect(),
                "too many moves",
            ),
        ] {
            let mut buf = old.clone();
            assert_eq!(write(&mut buf, 13, &edits), None, "{why}");
            assert_eq!(buf, old, "{why}: nothing written");
        }
    }
}
