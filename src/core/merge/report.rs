//! What a merge did, for the person who ran it: counts, and every decision worth a look.

use std::fmt;

use crate::core::text::counted;

/// A field changed on both sides to different values, and the value that was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// `#12`, a handle, or `settings`.
    pub record: String,
    pub field: String,
    pub kept: String,
    pub lost: String,
    /// Why that value: [`Why::Later`] unless the change times could not tell.
    pub why: Why,
}

/// How a merge chose between two values of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its record changed later.
    Later,
    /// Both records changed in the same second: one copy's record is kept whole, the same
    /// one on every machine, so no field of the result comes from a record neither side had.
    SameSecond,
    /// A setting (which has no change time): the larger.
    Larger,
    /// A setting tied to another: one side's settings are kept whole.
    Together,
}

impl Why {
    fn words(self) -> &'static str {
        match self {
            Why::Later => "the later change",
            Why::SameSecond => "both changed in the same second; one copy's record kept whole",
            Why::Larger => "the larger",
            Why::Together => "one side's settings kept whole, as they go together",
        }
    }
}

/// The account of one merge, from the side of the copy merged into ("here").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Records that came from the other copy.
    pub added: usize,
    /// Records here that took changes from the other copy.
    pub changed: usize,
    /// Records here that the other copy deleted.
    pub deleted: usize,
    /// Records edited on one side and deleted on the other, kept.
    pub kept: Vec<String>,
    /// Numbers and handles that moved so that each stays unique ("#201 from the other machine
    /// is now #214").
    pub renumbered: Vec<String>,
    /// People added on both sides with the same name, now one.
    pub joined: Vec<String>,
    /// Fields changed on both sides, and which value won.
    pub decided: Vec<Decided>,
    /// Merged with no common ancestor (a file-sync tool's conflict copy): a field that differs
    /// may have changed on one side only, so it is said to differ, not to have changed on both.
    pub without_base: bool,
}

/// How a record that moved is named on the side of the copy merged into, and on the other.
pub(super) const HERE: &str = " here is now ";
pub(super) const THERE: &str = " from the other machine is now ";

impl Report {
    /// The report of a merge of a file-sync tool's conflict copy into the data file, where the
    /// data file may be the other machine's (the tool keeps whichever it likes): each number
    /// that moved named by the file it had it in, not by a machine.
    pub fn between_files(mut self) -> Report {
        for line in &mut self.renumbered {
            *line = line
                .replace(HERE, " in the data file is now ")
                .replace(THERE, " from the copy is now ");
        }
        self
    }

    /// Whether the merge took anything from the other copy or had to decide anything.
    pub fn is_empty(&self) -> bool {
        *self
            == Report {
                without_base: self.without_base,
                ..Report::default()
            }
    }
}

impl fmt::Display for Report {
    /// One line of counts, then one line per decision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "nothing to merge");
        }
        writeln!(
            f,
            "{} added, {} changed, {} deleted by the other copy",
            counted(self.added, "record", "records"),
            self.changed,
            self.deleted
        )?;
        for kept in &self.kept {
            writeln!(f, "kept {kept}: edited on one side, deleted on the other")?;
        }
        for moved in &self.renumbered {
            writeln!(f, "{moved}")?;
        }
        for joined in &self.joined {
            writeln!(f, "{joined}")?;
        }
        let how = if self.without_base {
            "differs between the copies"
        } else {
            "changed on both sides"
        };
        for d in &self.decided {
            writeln!(
                f,
                "{} of {} {how}: took {:?} ({}) over {:?}",
                d.field,
                d.record,
                d.kept,
                d.why.words(),
                d.lost
            )?;
        }
        Ok(())
    }
}
