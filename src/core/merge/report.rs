//! What a merge did, for the person who ran it: counts, and every decision worth a look.

use std::fmt;

use super::NO_CHANGE;
use crate::core::model::Uid;
use crate::core::text::{counted, quoted};

/// A field changed on both sides to different values, and the value that was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// `#12`, a handle, or `settings`: the record as the merged ledger names it.
    pub record: String,
    /// The record's uid (none for the settings), by which the merge names it by the number
    /// and handle it ends with, where the number it came in with may name another record.
    pub uid: Option<Uid>,
    pub field: String,
    pub kept: String,
    pub lost: String,
    /// Why that value: [`Why::Later`] unless the change times could not tell.
    pub why: Why,
}

impl Decided {
    /// The line that says it: changed on both sides (`without_base`: differing between the
    /// copies, where one side may not have changed it), the value taken and the one dropped.
    pub fn said(&self, without_base: bool) -> String {
        if self.why == Why::Dropped {
            return format!(
                "{} of {} changed on one side only: its change to {} dropped, as the other \
                 side's settings are kept whole (they go together); it stays {}",
                self.field,
                self.record,
                quoted(&self.lost),
                quoted(&self.kept)
            );
        }
        let how = if without_base {
            "differs between the copies"
        } else {
            "changed on both sides"
        };
        format!(
            "{} of {} {how}: took {} ({}) over {}",
            self.field,
            self.record,
            quoted(&self.kept),
            self.why.words(),
            quoted(&self.lost)
        )
    }
}

/// The line that says a record edited on one side and deleted on the other was kept.
pub fn kept_line(record: &str) -> String {
    format!("kept {record}: edited on one side, deleted on the other")
}

/// The line that says a person deleted on one side was kept, as a promise with them was.
pub fn kept_for_promises_line(record: &str) -> String {
    format!("kept {record}: deleted on one side, but a promise with them was kept")
}

/// An edit one side made to its own record of a person whom the other side had joined into
/// one added there too (the same name added on both machines), made before that side heard
/// of the join: it is brought to the one person, but a field that person already holds
/// another value of keeps it, as the join itself keeps the one added first's where both gave
/// one; the edit's value is said, so that nothing is dropped unsaid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedEdit {
    /// The name of the record edited, as edited.
    pub name: String,
    /// Its handle, and the handle of the person it was joined into.
    pub handle: String,
    pub into: String,
    /// Made on the side merged into (the other, in a rebase, which swaps the sides).
    pub here: bool,
    /// The fields the one person took.
    pub taken: Vec<String>,
    /// The fields the one person kept its own value of: the field, the value kept and the
    /// edit's value, dropped, as a report shows values.
    pub dropped: Vec<(String, String, String)>,
}

impl JoinedEdit {
    /// The lines that say it: the fields taken in one, each field dropped in its own, naming
    /// the side the edit was made on as the user knows it (`rebased` swaps the sides) or,
    /// `between_files`, the file. A field dropped of an edit made here is said by the line
    /// of the join, which this side hears with it and which names every value of this side's
    /// record the one person does not keep (`; kept note "…" over "…"`), as a sync that
    /// takes the join without merging says it too. `merged_back`: the other side is this
    /// machine's own commit a sync merges back, named so.
    pub fn said(&self, rebased: bool, between_files: bool, merged_back: bool) -> Vec<String> {
        let here = self.here != rebased;
        let in_merged_back = format!("in {MERGED_BACK}");
        let side = match (here, between_files) {
            (false, false) if merged_back => in_merged_back.as_str(),
            (true, false) => "here",
            (false, false) => "elsewhere",
            (true, true) => "in the data file",
            (false, true) => "in the copy",
        };
        // The two added on both sides mostly have one name, and so one handle: "kept on
        // eve-park, whom it was joined into" said of eve-park read as a fault.
        let one_handle = self.handle == self.into;
        let mut lines = Vec::new();
        if !self.taken.is_empty() {
            let fields = self.taken.join(" and ");
            lines.push(if one_handle {
                format!(
                    "{fields} set on {} {side}, kept on the one {} the two added on both sides were joined into",
                    self.handle, self.into
                )
            } else {
                format!(
                    "{fields} set on {} {side}, kept on {}, whom it was joined into",
                    self.handle, self.into
                )
            });
        }
        for (field, kept, dropped) in self.dropped.iter().filter(|_| !here) {
            let joined = if one_handle {
                "the two added on both sides were joined into one".to_string()
            } else {
                format!("they were joined into {} (added on both sides)", self.into)
            };
            lines.push(format!(
                "{field} of {} set {side} after {joined}: kept {kept}, the one added first's, over {dropped}",
                self.name
            ));
        }
        lines
    }
}

/// How a merge chose between two values of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its side's record changed later: in this field or another, as no time is kept per
    /// field.
    Later,
    /// Both records changed in the same second: one copy's record is kept whole, the same
    /// one on every machine, so no field of the result comes from a record neither side had.
    SameSecond,
    /// A setting (which has no change time): the larger.
    Larger,
    /// A setting tied to another: one side's settings are kept whole.
    Together,
    /// A setting tied to another, changed on the other side only: that change is dropped,
    /// as one side's settings are kept whole (said apart: nothing was changed on both sides).
    Dropped,
}

impl Why {
    fn words(self) -> &'static str {
        match self {
            Why::Later => "the side whose record changed later, in this field or another",
            Why::SameSecond => "both changed in the same second; one copy's record kept whole",
            Why::Larger => "the larger",
            Why::Together | Why::Dropped => "one side's settings kept whole, as they go together",
        }
    }
}

/// The other copy of a merge that took back this machine's own commit ([`Report::merged_back`]),
/// as its report names it, after the sync's line that says which commit and why.
const MERGED_BACK: &str = "the commit merged back";

/// The account of one merge, from the side of the copy merged into ("here").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Records that came from the other copy.
    pub added: usize,
    /// Records here that took changes from the other copy.
    pub changed: usize,
    /// Records here that the other copy deleted.
    pub deleted: usize,
    /// What the merge changed in the copy merged into, in the words a commit message and a
    /// sync that takes commits without a merge use ("1 kept, 2 promises added"): the counts
    /// above say how many records, these what became of them.
    pub took: String,
    /// Records edited on one side and deleted on the other, kept, as the merged ledger names
    /// them.
    pub kept: Vec<String>,
    /// The uids of `kept`, in its order, by which they are named as a ledger names them.
    pub(super) kept_uids: Vec<Uid>,
    /// People deleted on one side and kept because a promise with them was kept.
    pub kept_for_promises: Vec<String>,
    /// Numbers and handles that moved so that each stays unique ("#201 from the other machine
    /// is now #214").
    pub renumbered: Vec<Moved>,
    /// People added on both sides with the same name, now one.
    pub joined: Vec<String>,
    /// People of the other copy's that this copy had joined into one added here too (by an
    /// earlier merge here), said as [`Report::joined`] says this copy's: the lines the other
    /// copy's machine hears when it takes this merge, said by this one only in a rebase,
    /// where the other copy is this machine's commit.
    pub joined_there: Vec<String>,
    /// Edits of a person that the other side had joined into another, brought to that one.
    pub joined_edits: Vec<JoinedEdit>,
    /// Fields changed on both sides, and which value won.
    pub decided: Vec<Decided>,
    /// Merged with no common ancestor (a file-sync tool's conflict copy): a field that differs
    /// may have changed on one side only, so it is said to differ, not to have changed on both.
    pub without_base: bool,
    /// A merge of a file-sync tool's conflict copy into the data file: the sides are files,
    /// not machines (the data file may be the other machine's; the tool keeps whichever it
    /// likes), and each number that moved is named by the file it had it in.
    pub between_files: bool,
    /// Merged by git in a rebase (`git pull --rebase`), which swaps the sides: the copy merged
    /// into is the other machine's, the branch rebased onto, and the other copy this
    /// machine's commit replayed on it; the sides are named as the user knows them.
    pub rebased: bool,
    /// Merged by a sync that takes back this machine's own commit, which a `git reset` run by
    /// hand took out of the branch: the other copy is that commit, not another machine's.
    pub merged_back: bool,
}

/// A record that took another number or handle so that each stays unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    /// `#4` or `person 2`, now `#6`: `here` when it is the number the side merged into knew,
    /// otherwise the other side's.
    Number {
        was: String,
        now: String,
        here: bool,
    },
    /// A person's handle another person had too.
    Handle {
        name: String,
        was: String,
        now: String,
    },
}

impl Moved {
    /// The line that says it, naming the sides as machines or, `between_files`, as files.
    pub fn said(&self, between_files: bool) -> String {
        match self {
            Moved::Number { was, now, here } => {
                let side = match (here, between_files) {
                    (true, false) => "here",
                    (false, false) => "from the other machine",
                    (true, true) => "in the data file",
                    (false, true) => "from the copy",
                };
                format!("{was} {side} is now {now}")
            }
            Moved::Handle { name, was, now } => format!("handle {was} of {name} is now {now}"),
        }
    }
}

impl Report {
    /// The report of a merge of a file-sync tool's conflict copy into the data file
    /// ([`Report::between_files`]).
    pub fn between_files(self) -> Report {
        Report {
            between_files: true,
            ..self
        }
    }

    /// The report of a merge that took back this machine's own commit ([`Report::merged_back`]).
    pub fn merged_back(self) -> Report {
        Report {
            merged_back: true,
            ..self
        }
    }

    /// The report of a merge git ran in a rebase ([`Report::rebased`]).
    pub fn in_rebase(self) -> Report {
        Report {
            rebased: true,
            ..self
        }
    }

    /// Whether the merge took anything from the other copy or had to decide anything.
    pub fn is_empty(&self) -> bool {
        *self
            == Report {
                without_base: self.without_base,
                between_files: self.between_files,
                rebased: self.rebased,
                merged_back: self.merged_back,
                joined_there: self.unsaid_there().to_vec(),
                took: self.took.clone(),
                ..Report::default()
            }
    }

    /// The joins of the other copy's people that this merge does not say: all of them but
    /// in a rebase.
    fn unsaid_there(&self) -> &[String] {
        if self.rebased {
            &[]
        } else {
            &self.joined_there
        }
    }
}

impl fmt::Display for Report {
    /// One line of counts, then one line per decision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "nothing to merge");
        }
        // Counts of nothing at all are left out: a merge that only decided something, or
        // kept a record, says that alone.
        if self.added + self.changed + self.deleted > 0 {
            let by = if self.rebased {
                "this machine's commit, replayed on the other machine's by the rebase"
            } else if self.merged_back {
                MERGED_BACK
            } else if self.between_files {
                "the copy"
            } else {
                "the other copy"
            };
            if self.took.is_empty() || self.took == NO_CHANGE {
                writeln!(
                    f,
                    "{} added, {} changed, {} deleted by {by}",
                    counted(self.added, "record", "records"),
                    self.changed,
                    self.deleted
                )?;
            } else {
                writeln!(f, "took {} from {by}", self.took)?;
            }
        }
        for kept in &self.kept {
            writeln!(f, "{}", kept_line(kept))?;
        }
        for kept in &self.kept_for_promises {
            writeln!(f, "{}", kept_for_promises_line(kept))?;
        }
        for moved in &self.renumbered {
            let said = match moved {
                // The number the copy merged into knew is the other machine's in a rebase.
                Moved::Number { was, now, here } if self.rebased => Moved::Number {
                    was: was.clone(),
                    now: now.clone(),
                    here: !here,
                }
                .said(false),
                // Both sides are this machine's: the other is the commit merged back.
                Moved::Number {
                    was,
                    now,
                    here: false,
                } if self.merged_back => format!("{was} in {MERGED_BACK} is now {now}"),
                moved => moved.said(self.between_files),
            };
            writeln!(f, "{said}")?;
        }
        for joined in &self.joined {
            writeln!(f, "{joined}")?;
        }
        if self.rebased {
            for joined in &self.joined_there {
                writeln!(f, "{joined}")?;
            }
        }
        for edit in &self.joined_edits {
            for line in edit.said(self.rebased, self.between_files, self.merged_back) {
                writeln!(f, "{line}")?;
            }
        }
        for d in &self.decided {
            writeln!(f, "{}", d.said(self.without_base))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note quotes the values as text: emoji whole, with their joiners and variation
    /// selectors, where `{:?}` wrote them as `\u{200d}` and `\u{fe0f}`.
    #[test]
    fn a_decision_quotes_its_values_as_text() {
        let decided = Decided {
            record: "#3".into(),
            uid: None,
            field: "what".into(),
            kept: "Party 👨\u{200d}👩\u{200d}👧".into(),
            lost: "Party ✔\u{fe0f}\nlater".into(),
            why: Why::Later,
        };
        assert_eq!(
            decided.said(false),
            "what of #3 changed on both sides: took \"Party 👨\u{200d}👩\u{200d}👧\" (the side whose record changed later, in this field or another) over \"Party ✔\u{fe0f}\\nlater\""
        );
    }

    /// The record edited names the one it was joined into by its handle where the two had
    /// handles of their own, and as "the one" where they had one handle.
    #[test]
    fn an_edit_of_a_joined_record_names_the_one_it_went_into_only_where_they_differ() {
        let edit = |handle: &str| JoinedEdit {
            name: "Eve Park".into(),
            handle: handle.into(),
            into: "eve-park".into(),
            here: false,
            taken: vec!["role".into()],
            dropped: vec![("note".into(), "\"a\"".into(), "\"b\"".into())],
        };
        assert_eq!(
            edit("eve-park").said(false, false, false),
            [
                "role set on eve-park elsewhere, kept on the one eve-park the two added on both sides were joined into",
                "note of Eve Park set elsewhere after the two added on both sides were joined into one: kept \"a\", the one added first's, over \"b\"",
            ]
        );
        assert_eq!(
            edit("eve-park-2").said(false, false, false),
            [
                "role set on eve-park-2 elsewhere, kept on eve-park, whom it was joined into",
                "note of Eve Park set elsewhere after they were joined into eve-park (added on both sides): kept \"a\", the one added first's, over \"b\"",
            ]
        );
        // Merged back by a sync, the other side is this machine's own commit.
        assert_eq!(
            edit("eve-park-2").said(false, false, true)[0],
            "role set on eve-park-2 in the commit merged back, kept on eve-park, whom it was joined into"
        );
    }
}
