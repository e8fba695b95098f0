//! What the status line says a change did, in words, from the core's account of it.

use crate::core::change::{Done, Left};
use crate::core::text::{counted, sanitize};
use crate::core::{Applied, Ledger, Person, PersonId, Status};

fn name_of(ledger: &Ledger, id: PersonId) -> String {
    // Told apart by the handle where someone else has the name, as the tables do.
    ledger.person(id).map_or_else(
        || format!("person {id}"),
        |p| sanitize(&ledger.told_apart(p)),
    )
}

/// `people` as a note names them: two of one name told apart by their handles ("Bob Ross
/// (bob-ross) or Bob Ross (bob-ross-2)"), and anyone else as the tables name them.
fn named(ledger: &Ledger, people: &[&Person]) -> Vec<String> {
    let alike = |name: &str| people.iter().filter(|p| p.name == name).count() > 1;
    people
        .iter()
        .map(|p| {
            if alike(&p.name) {
                format!("{} ({})", sanitize(&p.name), sanitize(&p.handle))
            } else {
                name_of(ledger, p.id)
            }
        })
        .collect()
}

/// The others whose names person `id`'s is a typo away from ("Priya Raman, already here"),
/// or none.
fn near_note(ledger: &Ledger, id: PersonId) -> Option<String> {
    let name = ledger.person(id).map_or("", |p| p.name.as_str());
    let near = named(ledger, &ledger.near_names(name));
    let near: Vec<&str> = near.iter().map(String::as_str).collect();
    (!near.is_empty()).then(|| {
        let few = crate::core::ledger::a_few(&near, "or");
        format!("{few}, already here")
    })
}

/// Who else goes by the first name of person `id`, added as someone here may be called day
/// to day (`priya` beside Priya Raman), or by theirs ([`Ledger::same_first_name`]): "Priya
/// Raman, already here, goes by that first name", or none. Those a typo away are said by
/// [`near_note`] already.
fn first_name_note(ledger: &Ledger, id: PersonId) -> Option<String> {
    let name = ledger.person(id).map_or("", |p| p.name.as_str());
    let near = ledger.near_names(name);
    let people: Vec<&Person> = (ledger.same_first_name(name).into_iter())
        .filter(|p| p.id != id && !near.iter().any(|n| n.id == p.id))
        .collect();
    let who = named(ledger, &people);
    let who: Vec<&str> = who.iter().map(String::as_str).collect();
    let goes = if who.len() == 1 { "goes" } else { "go" };
    (!who.is_empty()).then(|| {
        let few = crate::core::ledger::a_few(&who, "and");
        format!("{few}, already here, {goes} by that first name")
    })
}

/// What is said of person `id`'s name, just given (`which`: "the name", "the new name"):
/// whom it is a typo away from ([`near_note`]), and who goes by its first name
/// ([`first_name_note`]), one after the other, or none.
fn name_notes(ledger: &Ledger, id: PersonId, which: &str) -> Option<String> {
    let near = near_note(ledger, id).map(|near| format!("{which} is close to {near}"));
    let notes: Vec<String> = near
        .into_iter()
        .chain(first_name_note(ledger, id))
        .collect();
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// How many open promises, both ways, a person has.
fn open_of(ledger: &Ledger, id: PersonId) -> usize {
    ledger
        .promises_of(id)
        .filter(|p| p.status == crate::core::Status::Open)
        .count()
}

/// What a change did ("#12 kept", "Added Priya Raman"), read against the ledger it made.
/// `show_archived` is the agenda's key that shows archived people's promises, named when an
/// archive takes some out of the agenda so the sentence says how to see them again.
pub fn done(applied: &Applied, ledger: &Ledger, show_archived: &str) -> String {
    match said(applied, ledger, show_archived) {
        (what, Some(note)) => format!("{what}; {note}"),
        (what, None) => what,
    }
}

/// [`done`] in two parts: the change ("#12 added for Priya Raman"), and what is so once it is
/// made ("overdue already"), which its undo makes untrue, so an undo names the change alone.
pub fn said(applied: &Applied, ledger: &Ledger, show_archived: &str) -> (String, Option<String>) {
    match &applied.done {
        Done::AddedPerson(id) => {
            // Said, not refused: two people may well have names this near, or one first
            // name. Undo takes a typo, or someone added twice, back.
            let notes = name_notes(ledger, *id, "the name");
            (format!("Added {}", name_of(ledger, *id)), notes)
        }
        Done::EditedPerson { id, fields } if fields.as_slice() == ["archived"] => {
            let archived = ledger.person(*id).is_some_and(|p| p.archived);
            let open = open_of(ledger, *id);
            match (archived, open) {
                (true, 0) => (format!("Archived {}", name_of(ledger, *id)), None),
                (true, n) => (
                    format!("Archived {}", name_of(ledger, *id)),
                    Some(format!(
                        "{} left the agenda ({show_archived} there shows them)",
                        counted(n, "open promise", "open promises")
                    )),
                ),
                (false, _) => (format!("Restored {}", name_of(ledger, *id)), None),
            }
        }
        Done::EditedPerson { id, fields } if fields.as_slice() == ["last_prep"] => (
            format!("Recorded the 1:1 prep with {}", name_of(ledger, *id)),
            None,
        ),
        Done::EditedPerson { id, fields } => {
            let notes = (fields.contains(&"name"))
                .then(|| name_notes(ledger, *id, "the new name"))
                .flatten();
            (format!("Saved {}", name_of(ledger, *id)), notes)
        }
        Done::DeletedPerson {
            name,
            handle,
            promises,
            ..
        } => {
            // Told apart by the handle where someone still here has the name, as the question
            // before it did: which of two Chen Lis went, and which the undo brings back.
            let who = if ledger.same_name(name).is_empty() {
                sanitize(name)
            } else {
                format!("{} ({})", sanitize(name), sanitize(handle))
            };
            match promises {
                0 => (format!("Deleted {who}"), None),
                n => (
                    format!("Deleted {who} and {}", counted(*n, "promise", "promises")),
                    None,
                ),
            }
        }
        Done::AddedPromise {
            id,
            person,
            outcome: Some(status),
        } => (
            format!(
                "#{id} logged as {} for {}",
                status.label(),
                name_of(ledger, *person)
            ),
            None,
        ),
        Done::AddedPromise { id, person, .. } => {
            // Kept, as a promise may be written down late, but said: a slip in the date
            // would otherwise make it overdue without a word.
            let overdue = ledger
                .promise(*id)
                .is_some_and(|p| p.due.is_some_and(|due| due < p.made));
            (
                format!("#{id} added for {}", name_of(ledger, *person)),
                overdue.then(|| "overdue already".to_string()),
            )
        }
        // A new due date moved a kept promise's lateness (core::change): said, as it counts.
        Done::EditedPromise { id, fields } if fields.contains(&"outcome") => (
            format!("#{id} saved"),
            ledger
                .promise(*id)
                .map(|p| format!("now {} by its due date", p.status.label())),
        ),
        // A due date moved to before an open promise was made is kept (as a new promise's
        // before today is), but said: a slip in the date would make it overdue without a word.
        Done::EditedPromise { id, fields } if fields.contains(&"due") => {
            let early = ledger.promise(*id).and_then(|p| match p.due {
                Some(due) if due < p.made && p.status == Status::Open => Some((due, p.made)),
                _ => None,
            });
            (
                format!("#{id} saved"),
                early.map(|(due, made)| {
                    format!("due {due}, before it was made ({made}): overdue from the start")
                }),
            )
        }
        Done::EditedPromise { id, .. } => (format!("#{id} saved"), None),
        Done::Resolved { id, status } => (format!("#{id} {}", status.label()), None),
        // Its note stays (which outcome or edit gave it is not known): said, so a later
        // outcome is not read with words meant for this one unawares.
        Done::Reopened(id) => (
            format!("#{id} reopened"),
            ledger
                .promise(*id)
                .filter(|p| !p.note.is_empty())
                .map(|_| "it keeps its note".to_string()),
        ),
        Done::DeletedPromise(id) => (format!("#{id} deleted"), None),
        Done::EditedSettings => ("Settings saved".to_string(), None),
        Done::PutBack { people, promises } => (
            format!("brought back {}", records(people.len(), promises.len())),
            None,
        ),
        Done::TookBack { people, promises } => (
            format!("removed {}", records(people.len(), promises.len())),
            None,
        ),
        Done::Imported { people, promises } => (
            format!("imported {}", records(people.len(), promises.len())),
            None,
        ),
    }
}

fn records(people: usize, promises: usize) -> String {
    match (people, promises) {
        (0, n) => counted(n, "promise", "promises"),
        (p, 0) => counted(p, "person", "people"),
        (p, n) => format!(
            "{} and {}",
            counted(p, "person", "people"),
            counted(n, "promise", "promises")
        ),
    }
}

/// What a change left alone because of changes made elsewhere, short enough for the status
/// line ("the note of #1 was changed elsewhere since", "#2 was deleted elsewhere"); empty
/// when it left nothing.
pub fn left(left: &[Left]) -> String {
    let parts: Vec<String> = left
        .iter()
        .map(|l| match l {
            Left::Field(c) => format!(
                "the {} of {} was changed elsewhere since",
                c.field, c.record
            ),
            Left::Deleted(record) => format!("{record} was deleted elsewhere"),
            Left::Changed(record) => format!("{record} was changed elsewhere"),
            Left::HasPromises { record, .. } => format!("{record} has new promises"),
            Left::NoPerson(record) => format!("{record} lost its person elsewhere"),
        })
        .collect();
    sanitize(&parts.join("; "))
}

/// Why promise `id`, made on `made`, after `today` (the day the UI shows: `--today` looking
/// back, or a clock behind the one that made it), takes no outcome here, and what to do. No
/// day can be typed: one before `made` comes before the promise, one from it on after the
/// day shown. `typed`, the day the resolve form was given, is named as the fault; with no
/// day typed (a key that resolves it today), the day shown is. The UI cannot change its day,
/// so what to do is to start it again on a later one (the command line's words name a
/// `--today` to pass, as if it could be passed here).
pub fn made_after_the_day_shown(
    id: crate::core::PromiseId,
    typed: Option<chrono::NaiveDate>,
    made: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> String {
    let fault = match typed {
        Some(on) if on > today => {
            format!("{on} is after the day shown ({today}), and #{id} was made on {made}")
        }
        Some(on) => format!(
            "{on} is before #{id} was made ({made}), and a day from {made} on is after the day shown ({today})"
        ),
        None => format!(
            "#{id} cannot be resolved on {today}, the day shown: it was made later, on {made}"
        ),
    };
    let then = match typed {
        Some(_) => format!(", then give a day from {made} on"),
        None => String::new(),
    };
    format!(
        "{fault}; to resolve it, quit and start the UI again with --today {made} or a later day{then}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Change, Moment};

    #[test]
    fn people_of_one_name_are_told_apart_by_their_handles() {
        let m = Moment::fixed(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = Ledger::default();
        for (name, again) in [
            ("Bob Ross", false),
            ("Bob Ross", true),
            ("Bob Rosss", false),
        ] {
            let add = Change::AddPerson {
                name: name.into(),
                role: String::new(),
                note: String::new(),
                cadence_days: None,
                again,
            };
            l.apply(&add, &m).unwrap();
        }
        assert_eq!(
            near_note(&l, PersonId(3)).as_deref(),
            Some("Bob Ross (bob-ross) or Bob Ross (bob-ross-2), already here")
        );
        // One of a name is named as ever.
        assert_eq!(
            near_note(&l, PersonId(1)).as_deref(),
            Some("Bob Rosss, already here")
        );
    }

    /// A name near many is said with the nearest eight and how many more, so the status
    /// line is not a roll of the team.
    #[test]
    fn a_name_near_many_names_the_nearest_eight() {
        let m = Moment::fixed(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = Ledger::default();
        // Two letters from the name added last, added first: said after those one away.
        l.add_person("Hu Wanfena", "", "", m).unwrap();
        for c in "bcdefghij".chars() {
            l.add_person(&format!("Xu Nanfen{c}"), "", "", m).unwrap();
        }
        let new = l.add_person("Xu Nanfena", "", "", m).unwrap();
        assert_eq!(
            near_note(&l, new).as_deref(),
            Some(
                "Xu Nanfenb, Xu Nanfenc, Xu Nanfend, Xu Nanfene, Xu Nanfenf, Xu Nanfeng, \
                 Xu Nanfenh, Xu Nanfeni and 2 more, already here"
            )
        );
    }

    /// One of two people of a name deleted is named with their handle, as the question
    /// before it named them: "Deleted Bob Ross" said neither which went nor which an undo
    /// brought back.
    #[test]
    fn one_of_two_of_a_name_deleted_is_told_apart_by_the_handle() {
        let m = Moment::fixed(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = Ledger::default();
        let one = l.add_person("Bob Ross", "", "", m).unwrap();
        let two = l.add_person("Bob Ross", "", "", m).unwrap();
        let solo = l.add_person("Ann Lee", "", "", m).unwrap();
        let delete = |l: &mut Ledger, id| {
            let change = Change::DeletePerson {
                person: crate::core::change::Target::id(id),
                force: true,
                promises: None,
            };
            let applied = l.apply(&change, &m).unwrap();
            done(&applied, l, "A")
        };
        assert_eq!(delete(&mut l, two), "Deleted Bob Ross (bob-ross-2)");
        // The last of the name, and one alone, by the name as ever.
        assert_eq!(delete(&mut l, one), "Deleted Bob Ross");
        assert_eq!(delete(&mut l, solo), "Deleted Ann Lee");
    }
}
