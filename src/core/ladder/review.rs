//! Reviews: both standings of each colleague, computed in one pass over the ledger.

use chrono::NaiveDate;
use serde::Serialize;

use super::standing::{Standing, standing};
use crate::core::ledger::Ledger;
use crate::core::model::{Direction, PersonId, Promise, Status};
use crate::core::parallel;
use crate::core::settings::Settings;

/// Everything the views and `review` show about one colleague.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub person: PersonId,
    /// Their trust level, from their promises to me.
    pub theirs: Standing,
    /// My credibility with them, from my promises to them.
    pub mine: Standing,
    /// Open promises in both directions.
    pub open: usize,
    /// Open promises past their due date, both directions.
    pub overdue: usize,
}

/// Reviews one person from their promises.
pub fn review(
    person: PersonId,
    promises: &[&Promise],
    settings: &Settings,
    today: NaiveDate,
) -> Review {
    // Each standing goes over its direction's promises four times (the rungs today and
    // before, what happened recently, the streak): given only those, it reads half as many.
    let (theirs, mine): (Vec<&Promise>, Vec<&Promise>) = promises
        .iter()
        .partition(|p| p.direction == Direction::Theirs);
    let theirs = standing(theirs.iter().copied(), Direction::Theirs, settings, today);
    let mine = standing(mine.iter().copied(), Direction::Mine, settings, today);
    let open = promises.iter().filter(|p| p.status == Status::Open).count();
    let overdue = promises.iter().filter(|p| p.is_overdue(today)).count();
    Review {
        person,
        theirs,
        mine,
        open,
        overdue,
    }
}

/// Reviews every person in the ledger (archived too), in the ledger's person order, from the
/// promises grouped once by person. Colleagues are scored on several cores from about ten
/// thousand promises on.
pub fn review_all(ledger: &Ledger, today: NaiveDate) -> Vec<Review> {
    let by_person = by_person(ledger);
    // Parts of at least five thousand promises, counting each colleague at the average: at
    // ten thousand, scoring on two cores takes 0.7 ms off `review`'s 8.7.
    let per_person = ledger.promises.len() / ledger.people.len().max(1);
    let min_part = (5_000 / per_person.max(1)).max(1);
    parallel::map_parts(&ledger.people, min_part, |first, people| {
        (first..first + people.len())
            .zip(people)
            .map(|(i, person)| review(person.id, by_person.of(i), &ledger.settings, today))
            .collect::<Vec<Review>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Every promise in one list grouped by its person's place in the ledger, each group in the
/// ledger's order: two passes and one list, where a map of a list per person hashed every
/// promise's person and grew a hundred lists.
struct ByPerson<'a> {
    promises: Vec<&'a Promise>,
    /// Where each person's group ends in `promises`.
    ends: Vec<usize>,
}

impl<'a> ByPerson<'a> {
    /// The promises of the person at place `i`.
    fn of(&self, i: usize) -> &[&'a Promise] {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.promises[start..self.ends[i]]
    }
}

/// The ledger's promises grouped by person, by counting each person's first.
fn by_person(ledger: &Ledger) -> ByPerson<'_> {
    let places: Vec<Option<usize>> = (ledger.promises.iter())
        .map(|p| ledger.person_index(p.person))
        .collect();
    let mut ends = vec![0; ledger.people.len()];
    for &i in places.iter().flatten() {
        ends[i] += 1;
    }
    let mut next = Vec::with_capacity(ends.len());
    let mut total = 0;
    for end in &mut ends {
        next.push(total);
        total += *end;
        *end = total;
    }
    let mut promises: Vec<Option<&Promise>> = vec![None; total];
    for (p, place) in ledger.promises.iter().zip(&places) {
        if let Some(i) = *place {
            promises[next[i]] = Some(p);
            next[i] += 1;
        }
    }
    ByPerson {
        promises: promises.into_iter().flatten().collect(),
        ends,
    }
}

/// One colleague's review, from the whole ledger: what their page, `review PERSON` and their
/// prep show.
pub fn review_person(ledger: &Ledger, person: PersonId, today: NaiveDate) -> Review {
    let promises: Vec<&Promise> = ledger.promises_of(person).collect();
    review(person, &promises, &ledger.settings, today)
}
