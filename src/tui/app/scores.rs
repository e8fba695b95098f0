//! What the views show, worked out once after each change or reload: every colleague's
//! ladder, the agenda's rows, and the text each row is searched by.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Defaults;
use crate::core::agenda::{Bucket, agenda_of, archived_open};
use crate::core::ladder::{self, Later, Review, words::FirstNames};
use crate::core::text::{MarkFree, MarkFreeStart, folded};
use crate::core::touch::{LastContact, Overdue, keep_in_touch, last_contacts};
use crate::core::{Ledger, PersonId, PromiseId};

/// One row of the agenda: its group and the promise.
pub type AgendaRow = (Bucket, PromiseId);

/// What the scores and row lists are computed from besides the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub today: NaiveDate,
    pub defaults: Defaults,
    /// Whether the agenda shows the promises of archived people.
    pub show_archived: bool,
    /// See [`App::looking_back`](super::App::looking_back).
    pub looking_back: bool,
}

/// Everything the views show that is computed from the whole ledger: everyone scored and the
/// lists' rows. It takes tens of milliseconds with 100,000 promises, so after a save or a
/// reload it is computed on the worker's thread with the ledger it brings back, and the UI
/// only takes it in ([`App::take_scores`](super::App::take_scores)): a key press never waits for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// What they were computed on besides the ledger: scores computed on another are not
    /// taken.
    pub basis: Basis,
    pub(super) reviews: HashMap<PersonId, Review>,
    pub(super) by_person: HashMap<PersonId, Vec<PromiseId>>,
    pub(super) archived_open: usize,
    pub(super) contacts: HashMap<PersonId, LastContact>,
    pub(super) touch: Vec<Overdue>,
    pub(super) people_text: HashMap<PersonId, Searched>,
    pub(super) by_name: Vec<PersonId>,
    pub(super) named_alike: HashMap<PersonId, usize>,
    pub(super) first_names: FirstNames,
    pub(super) agenda: Vec<AgendaRow>,
    pub(super) agenda_text: Vec<Searched>,
}

/// What the `/` filter searches in one person or agenda row, made once per rebuild: its
/// text folded (lowercase, no accents), which the filter's text is found anywhere in, and
/// the names it holds with their marks left out, which the filter's text may begin as a
/// lookup's query does (`obrien` finds O'Brien, as `trustladder review obrien` does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searched {
    text: String,
    mark_free: MarkFree,
}

/// The `/` filter's text as it is searched for, folded and with its marks left out once
/// per key, not once per row.
pub(super) struct Needle {
    pub(super) folded: String,
    pub(super) start: Option<MarkFreeStart>,
}

impl Needle {
    pub(super) fn of(typed: &str) -> Needle {
        let folded = folded(typed);
        let start = MarkFreeStart::of(&folded);
        Needle { folded, start }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether a person or agenda row is shown: the filter's text is found in its folded
    /// text as typed, or begins a name or a word with the marks left out of both. Both at
    /// once, not the second only where nothing matches as typed, so each key typed narrows
    /// the rows shown and never swaps them for others (`ob` shows Obi Brown and O'Brien,
    /// `obr` O'Brien alone).
    pub(super) fn finds_in(&self, searched: Option<&Searched>) -> bool {
        self.is_empty()
            || searched.is_some_and(|s| s.text.contains(&self.folded) || self.begins(&s.mark_free))
    }

    /// Whether the filter's text, its marks left out, begins one of `mark_free`'s texts or
    /// one of their words.
    pub(super) fn begins(&self, mark_free: &MarkFree) -> bool {
        (self.start.as_ref()).is_some_and(|start| mark_free.begun_by(start))
    }
}

impl Scores {
    /// Scores `ledger` on `basis`.
    pub fn of(ledger: &Ledger, basis: Basis) -> Scores {
        let mut by_person: HashMap<PersonId, Vec<PromiseId>> = HashMap::new();
        for p in &ledger.promises {
            by_person.entry(p.person).or_default().push(p.id);
        }
        let people_text = ledger
            .people
            .iter()
            .map(|p| {
                let searched = Searched {
                    text: folded(&format!("{} {} {}", p.name, p.role, p.handle)),
                    mark_free: MarkFree::of(&[&folded(&p.name), &folded(&p.handle)]),
                };
                (p.id, searched)
            })
            .collect();
        let mut by_name: Vec<&crate::core::Person> = ledger.people.iter().collect();
        by_name.sort_by_cached_key(|p| p.name_order());
        let (agenda, agenda_text) = agenda_rows(ledger, basis, &people_text);
        // The levels and figures as they stood on the day shown (`--today` on a past day);
        // the lists stay the records as they are, to be acted on.
        let then = ledger.shown_with_everyone_on(basis.today, basis.looking_back);
        Scores {
            basis,
            reviews: ladder::review_all(&then, basis.today)
                .into_iter()
                .map(|r| (r.person, r))
                .collect(),
            by_person,
            archived_open: archived_open(ledger),
            contacts: last_contacts(&then, basis.today, Later::Today),
            touch: keep_in_touch(
                &then,
                basis.today,
                basis.defaults.keep_in_touch,
                Later::Today,
            ),
            people_text,
            by_name: by_name.iter().map(|p| p.id).collect(),
            named_alike: ledger.named_alike(),
            first_names: FirstNames::of(&ledger.people),
            agenda,
            agenda_text,
        }
    }
}

/// The agenda's rows (open promises by due-date group) and what its filter searches in each,
/// row by row: the promise's text and its person's, folded. Kept beside the rows, not by
/// promise in a map: a key typed into the filter at 100,000 promises goes through some
/// 11,000 open ones, and hashing each one's number was most of it.
pub(super) fn agenda_rows(
    ledger: &Ledger,
    basis: Basis,
    people_text: &HashMap<PersonId, Searched>,
) -> (Vec<AgendaRow>, Vec<Searched>) {
    let rows: Vec<AgendaRow> = agenda_of(
        ledger,
        basis.today,
        basis.defaults.week_ends,
        basis.show_archived,
    )
    .into_iter()
    .flat_map(|(bucket, ids)| ids.into_iter().map(move |id| (bucket, id)))
    .collect();
    let texts = rows
        .iter()
        .map(|(_, id)| {
            let Some(p) = ledger.promise(*id) else {
                return Searched::default();
            };
            let who = people_text.get(&p.person);
            let what = folded(&p.what);
            Searched {
                text: format!("{what} {}", who.map_or("", |who| who.text.as_str())),
                mark_free: MarkFree::of(&[&what]).with(who.map(|who| &who.mark_free)),
            }
        })
        .collect();
    (rows, texts)
}

/// Everything computed from the ledger, rebuilt only after a change or a reload.
#[derive(Debug, Default)]
pub struct Cache {
    pub reviews: HashMap<PersonId, Review>,
    /// Each person's promises, in id order.
    pub by_person: HashMap<PersonId, Vec<PromiseId>>,
    /// Open promises by due-date group.
    pub agenda: Vec<AgendaRow>,
    /// The person view's chart: each rung's score at the end of each month, theirs; `None`
    /// where a rung had no evidence yet.
    pub history: Vec<ladder::Point>,
    /// The person view's promises before its filter: open first by due date, then resolved
    /// newest first.
    pub person_promises: Vec<PromiseId>,
    /// How many of the person view's promises (of those the filter shows) were open on the day
    /// shown, as the header counts them.
    pub person_open: usize,
    /// Open promises of archived people, which the agenda shows only with `A`.
    pub archived_open: usize,
    /// When anything was last logged with each person.
    pub contacts: HashMap<PersonId, LastContact>,
    /// The colleagues past their keep-in-touch cadence, longest past it first.
    pub touch: Vec<Overdue>,
    /// What the `/` filter searches, folded once per rebuild (lowercase, no accents): each
    /// person's name, role and handle, and each agenda row's text with its person's.
    pub people_text: HashMap<PersonId, Searched>,
    /// What the filter searches in each agenda row, row by row.
    pub agenda_text: Vec<Searched>,
    /// Everyone, archived too, in the people list's name order, sorted once per rebuild: a
    /// key typed into the filter at 1,000 colleagues folded and sorted every name again.
    pub by_name: Vec<PersonId>,
    /// The people whose name someone else has too, shown with their handles, each with the
    /// longest handle among those sharing the name ([`Ledger::named_alike`]).
    pub named_alike: HashMap<PersonId, usize>,
    /// The first names more than one colleague has: the advice names those colleagues whole.
    pub first_names: FirstNames,
    /// How many times everything was rescored (here or on the worker's thread): the count
    /// that shows moving around never rescores, which is what keeps a key press cheap with
    /// 100,000 promises.
    pub rebuilds: u64,
}
