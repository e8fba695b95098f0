//! A splice is the encoding of the whole changed ledger, and the bytes it leaves behind are
//! the new file, before they are put together and after, whether its few changed stretches
//! were written in place or all gathered.

use chrono::NaiveDate;

use super::*;
use crate::core::change::{Moment, Target};
use crate::core::{Change, Status};
use crate::crypt::agent::{MOST_EDITS, MOST_MOVED};
use crate::store::layout::write;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Applies `change` to a generated ledger the way the store does, splices, and checks the
/// new file against the encoding of the changed ledger.
fn spliced_after(change: impl Fn(&Ledger) -> Change) {
    let mut ledger = crate::core::generate::realistic(6, 300, today(), 5);
    let (bytes, layout) = write(&ledger);
    let mut file = Canonical::new(bytes, layout);
    let change = change(&ledger);
    let applied = ledger
        .apply(&change, &Moment::fixed(today(), "splice tests"))
        .unwrap();
    let spliced = splice(&mut file, &ledger, Edited::of(&applied.done)).unwrap();
    let whole: Vec<u8> = spliced.checked_parts(&file).unwrap().concat();
    assert_eq!(whole, spliced.parts(&file).concat());
    let (expected, layout) = write(&ledger);
    assert_eq!(
        String::from_utf8(whole).unwrap(),
        String::from_utf8(expected.clone()).unwrap()
    );
    // Written over the old file where it is, as over the text the agent lends.
    let mut over = file.bytes.to_vec();
    let old_len = over.len();
    over.resize(old_len + 4096, b'#');
    match written_over(&spliced, &mut over, old_len) {
        Some(len) => assert_eq!(
            String::from_utf8_lossy(&over[..len]),
            String::from_utf8_lossy(&expected)
        ),
        None => assert!(
            refused_for_moves(&spliced, &file.bytes, over.len()),
            "refused only for too many stretches moved"
        ),
    }
    file.adopt(spliced);
    assert_eq!(file.bytes(), expected.as_slice());
    file.settle();
    assert_eq!(*file.bytes, *expected);
    assert_eq!(file.layout, layout);
}

#[test]
fn a_resolved_promise_is_written_anew_in_place() {
    spliced_after(|l| kept_first_open(l, Some("with \"quotes\" and \\")));
}

/// The first open promise of `l` marked kept today, with `note`.
fn kept_first_open(l: &Ledger, note: Option<&str>) -> Change {
    let open = l
        .promises
        .iter()
        .find(|p| p.status == Status::Open)
        .unwrap();
    Change::Resolve {
        promise: Target::exact(open.id, open.uid),
        status: Status::Kept,
        on: today(),
        note: note.map(Into::into),
    }
}

#[test]
fn a_new_promise_goes_at_the_end() {
    spliced_after(|l| {
        Change::AddPromise(crate::core::change::NewPromise::task(
            l.people[2].id,
            "a new one",
            today(),
        ))
    });
}

#[test]
fn a_new_person_goes_at_the_end_and_another_of_a_name_taken_too() {
    for name in ["Someone New", "Ana Lu"] {
        spliced_after(|_| Change::AddPerson {
            name: name.into(),
            role: "Team".into(),
            note: String::new(),
            cadence_days: None,
            again: true,
        });
    }
}

/// Added at the end, the others copied in one stretch: their places move by as much as the
/// text before them grew, which a longer head (a counter of one more digit) makes them.
#[test]
fn a_promise_added_past_a_counter_of_one_digit_more_moves_the_others() {
    let mut ledger = crate::core::generate::realistic(3, 20, today(), 5);
    ledger.next_promise_id = crate::core::PromiseId(99);
    let (bytes, layout) = write(&ledger);
    let mut file = Canonical::new(bytes, layout);
    let change = Change::AddPromise(crate::core::change::NewPromise::task(
        ledger.people[0].id,
        "the hundredth",
        today(),
    ));
    let applied = ledger
        .apply(&change, &Moment::fixed(today(), "splice tests"))
        .unwrap();
    assert_eq!(ledger.next_promise_id.0, 100);
    let spliced = splice(&mut file, &ledger, Edited::of(&applied.done)).unwrap();
    file.adopt(spliced);
    file.settle();
    let (expected, layout) = write(&ledger);
    assert_eq!(*file.bytes, *expected);
    assert_eq!(file.layout, layout);
}

#[test]
fn a_person_deleted_with_promises_all_over_the_file_leaves_many_holes() {
    spliced_after(|l| Change::DeletePerson {
        person: Target::id(l.people[1].id),
        force: true,
        promises: None,
    });
}

#[test]
fn a_promise_deleted_first_and_last() {
    spliced_after(|l| Change::DeletePromise {
        promise: Target::id(l.promises[0].id),
        seen: None,
    });
    spliced_after(|l| Change::DeletePromise {
        promise: Target::id(l.promises[l.promises.len() - 1].id),
        seen: None,
    });
}

#[test]
fn every_change_says_what_it_may_have_edited() {
    let id = PromiseId(7);
    assert_eq!(Edited::of(&Done::Reopened(id)).promise, Some(id));
    assert_eq!(
        Edited::of(&Done::Resolved {
            id,
            status: Status::Kept
        })
        .promise,
        Some(id)
    );
    assert_eq!(Edited::of(&Done::DeletedPromise(id)), Edited::default());
}

#[test]
fn a_stretch_missing_from_the_old_file_is_never_written() {
    let mut ledger = crate::core::generate::realistic(6, 300, today(), 5);
    let (bytes, layout) = write(&ledger);
    let mut file = Canonical::new(bytes, layout);
    let open = ledger
        .promises
        .iter()
        .find(|p| p.status == Status::Open)
        .unwrap();
    let change = Change::Resolve {
        promise: Target::exact(open.id, open.uid),
        status: Status::Kept,
        on: today(),
        note: None,
    };
    let applied = ledger
        .apply(&change, &Moment::fixed(today(), "splice tests"))
        .unwrap();
    let spliced = splice(&mut file, &ledger, Edited::of(&applied.done)).unwrap();
    assert!(spliced.checked_parts(&file).is_some());
    // The old file shorter than the layout says: a copied stretch is not all there.
    let half = file.bytes.len() / 2;
    file.bytes = Text::Owned(file.bytes[..half].to_vec());
    assert!(spliced.checked_parts(&file).is_none());
}

#[test]
fn a_promise_edited_first_in_the_middle_and_last_moves_the_others_by_its_growth() {
    // Longer, then shorter, than the text it replaces.
    let texts = [
        "a longer text than before, with \"quotes\" and ünïcode",
        "x",
    ];
    for (pick, what) in [0, 150, usize::MAX]
        .into_iter()
        .flat_map(|pick| texts.map(|what| (pick, what)))
    {
        spliced_after(move |l| Change::EditPromise {
            promise: Target::id(l.promises[pick.min(l.promises.len() - 1)].id),
            patch: crate::core::change::PromisePatch {
                what: Some(crate::core::change::Set::to(what.into())),
                ..Default::default()
            },
            on_conflict: crate::core::change::OnConflict::Refuse,
        });
    }
}

#[test]
fn a_person_edited_first_and_last_moves_the_others_and_every_promise() {
    for pick in [0, usize::MAX] {
        spliced_after(move |l| Change::EditPerson {
            person: Target::id(l.people[pick.min(l.people.len() - 1)].id),
            patch: crate::core::change::PersonPatch {
                role: Some(crate::core::change::Set::to(
                    "a role much longer than any before".into(),
                )),
                ..Default::default()
            },
            on_conflict: crate::core::change::OnConflict::Refuse,
        });
    }
}

/// A command's one change notes no places for a next splice, and writes the same file; a
/// second change spliced all the same writes every record anew, and the file is still the
/// encoding of the ledger.
#[test]
fn a_splice_for_one_change_writes_the_same_file_and_a_second_one_is_still_right() {
    let resolve = |l: &Ledger| kept_first_open(l, None);
    let add = |l: &Ledger| {
        Change::AddPromise(crate::core::change::NewPromise::task(
            l.people[1].id,
            "one more",
            today(),
        ))
    };
    let delete = |l: &Ledger| Change::DeletePromise {
        promise: Target::exact(l.promises[3].id, l.promises[3].uid),
        seen: None,
    };
    let changes: [&dyn Fn(&Ledger) -> Change; 3] = [&resolve, &add, &delete];
    for (first, then) in [(0, 1), (1, 2), (2, 0)] {
        let mut ledger = crate::core::generate::realistic(6, 300, today(), 5);
        let (bytes, layout) = write(&ledger);
        let mut file = Canonical::new(bytes, layout).for_one_change();
        for change in [first, then] {
            let change = changes[change](&ledger);
            let applied = ledger
                .apply(&change, &Moment::fixed(today(), "splice tests"))
                .unwrap();
            let spliced = splice(&mut file, &ledger, Edited::of(&applied.done)).unwrap();
            assert!(spliced.layout.promises.is_empty(), "no places noted");
            let whole = spliced.checked_parts(&file).unwrap().concat();
            assert!(whole == write(&ledger).0, "{first} then {then}");
            file.adopt(spliced);
        }
        file.settle();
        assert!(*file.bytes == *write(&ledger).0);
    }
}

/// `spliced` written over `buf`, whose first `old_len` bytes are the old file it was made
/// from, as the command and the agent do between them (see [`Spliced::edits`]): the new
/// length, or `None`, having written nothing.
fn written_over(spliced: &Spliced, buf: &mut [u8], old_len: usize) -> Option<usize> {
    spliced
        .edits(&buf[..old_len], buf.len())?
        .write_over(buf, old_len)
}

/// Whether a splice of `old` may be refused the writing over in `room` bytes: more than
/// [`MOST_MOVED`] stretches change length, more than [`MOST_EDITS`] change, what grows and
/// the new stretches put past it do not fit, or nothing would be left.
fn refused_for_moves(spliced: &Spliced, old: &[u8], room: usize) -> bool {
    let changed: Vec<_> = spliced
        .holes(old.len())
        .unwrap()
        .into_iter()
        .filter(|(r, t)| old.get(r.clone()) != Some(t.as_slice()))
        .collect();
    let moved = changed.iter().filter(|(r, t)| r.len() != t.len()).count();
    let grown: usize = changed
        .iter()
        .map(|(r, t)| t.len().saturating_sub(r.len()))
        .sum();
    let texts: usize = changed.iter().map(|(_, t)| t.len()).sum();
    moved > MOST_MOVED
        || changed.len() > MOST_EDITS
        || old.len() + grown + texts > room
        || spliced.len == 0
}

/// A file of stretches of an old one and new text: `cuts` gives, for each stretch copied,
/// where it starts and how long it is (in order, clamped to the old file), each after a new
/// text of the length `texts` gives.
fn pieced(old_len: usize, cuts: &[(usize, usize)], texts: &[usize]) -> Spliced {
    let mut out = Spliced {
        pieces: Vec::new(),
        len: 0,
        layout: Layout::default(),
        spans_wanted: false,
        people: Vec::new(),
        promises: Vec::new(),
    };
    let mut at = 0;
    for (i, &(skip, take)) in cuts.iter().enumerate() {
        let text: Vec<u8> = (0..texts.get(i).copied().unwrap_or(0))
            .map(|k| b'a' + ((i + k) % 26) as u8)
            .collect();
        out.text(&text);
        let start = (at + skip).min(old_len);
        let end = (start + take).min(old_len);
        out.copy(start..end);
        at = end;
    }
    out.text(b"}\n");
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Written over the old file where it is, a splice leaves exactly the bytes it makes,
    /// or, when it cannot (no room, too many stretches moved), the old file untouched.
    #[test]
    fn a_splice_written_over_the_old_file_is_the_new_file_or_nothing(
        old in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        cuts in proptest::collection::vec((0usize..80, 0usize..200), 0..12),
        texts in proptest::collection::vec(0usize..90, 0..12),
        spare in 0usize..300,
    ) {
        let spliced = pieced(old.len(), &cuts, &texts);
        let expected = spliced.pieces_of(&old).map(Option::unwrap).collect::<Vec<_>>().concat();
        let mut buf = old.clone();
        buf.resize(old.len() + spare, 0);
        let before = buf.clone();
        match written_over(&spliced, &mut buf, old.len()) {
            Some(len) => proptest::prop_assert_eq!(&buf[..len], expected.as_slice()),
            None => {
                proptest::prop_assert!(buf == before, "nothing written");
                proptest::prop_assert!(
                    refused_for_moves(&spliced, &old, buf.len()),
                    "refused only for want of room or for too many moves"
                );
            }
        }
    }
}
