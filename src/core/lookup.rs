//! Finding a person by what someone typed ([`Ledger::find_person`]), over the people's names
//! and handles folded once. A command looks up one name; an import looks up every name its
//! export gives, thousands of them, among a thousand people here: folding everyone's name
//! again for each, and measuring each against every name for a typo, took seconds.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::ledger::{Among, Ledger, LedgerError, NEAR_BY_TWO};
use super::model::{Person, PersonId};
use super::text;

/// The people of a ledger with their names and handles folded ([`text::folded`]), found by
/// either whole in a map; the words a typo could be of are sorted by length the first time a
/// name matches no one.
pub struct PeopleIndex<'a> {
    ledger: &'a Ledger,
    /// Each person's folded name and handle, by their place in the ledger.
    pub(crate) names: Vec<String>,
    pub(crate) handles: Vec<String>,
    /// The people (by place, in order) with each folded name, and with each folded handle.
    pub(crate) named: HashMap<String, Vec<usize>>,
    handled: HashMap<String, Vec<usize>>,
    typos: OnceCell<Typos>,
}

/// Every folded name and handle, and every word of either, each once, in its characters,
/// with the people (by place) it is a word of: by length in characters, since a typo is at
/// most two edits and each edit changes the length by one at most.
struct Typos {
    by_length: HashMap<usize, Vec<Word>>,
}

/// A word in its characters, and the people (by place) it is a word of.
type Word = (Vec<char>, Vec<usize>);

/// The one person whose handle `query` is, where no one else could be meant by it: no one
/// else has that handle, nor it as their whole name. What a command names someone by most,
/// and [`PeopleIndex::find`] finds them so too, among the active; told here without folding
/// everyone's name and handle into an index, which cost a change at 1,000 people more than
/// the change itself. `None` leaves the answer to the index.
pub fn by_handle_alone(ledger: &Ledger, query: &str) -> Option<PersonId> {
    let q = text::folded(query);
    if q.is_empty() {
        return None;
    }
    let mut handled = ledger
        .people
        .iter()
        .filter(|p| text::folds_to(&p.handle, &q));
    let one = handled.next()?;
    if handled.next().is_some() {
        return None;
    }
    let named_too = ledger
        .people
        .iter()
        .any(|p| p.id != one.id && text::folds_to(&p.name, &q));
    (!named_too).then_some(one.id)
}

impl<'a> PeopleIndex<'a> {
    pub fn of(ledger: &'a Ledger) -> PeopleIndex<'a> {
        let names: Vec<String> = ledger
            .people
            .iter()
            .map(|p| text::folded(&p.name))
            .collect();
        let handles: Vec<String> = ledger
            .people
            .iter()
            .map(|p| text::folded(&p.handle))
            .collect();
        let by_place = |folded: &[String]| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (at, name) in folded.iter().enumerate() {
                map.entry(name.clone()).or_default().push(at);
            }
            map
        };
        PeopleIndex {
            ledger,
            named: by_place(&names),
            handled: by_place(&handles),
            names,
            handles,
            typos: OnceCell::new(),
        }
    }

    /// The people here whose folded name is `folded`, in order.
    pub fn named(&self, folded: &str) -> Vec<&'a Person> {
        self.at(self.named.get(folded))
    }

    fn at(&self, places: Option<&Vec<usize>>) -> Vec<&'a Person> {
        let people = &self.ledger.people;
        places
            .into_iter()
            .flatten()
            .filter_map(|&at| people.get(at))
            .collect()
    }

    /// Whether a folded query is a prefix of the name or handle of the person at `at`, or of
    /// a word of either.
    fn starts(&self, at: usize, q: &str) -> bool {
        let starts = |whole: Option<&String>, between| {
            whole.is_some_and(|whole| {
                whole.starts_with(q) || whole.split(between).any(|w| w.starts_with(q))
            })
        };
        starts(self.names.get(at), ' ') || starts(self.handles.get(at), '-')
    }

    /// [`Ledger::find_person_among`].
    pub fn find(&self, query: &str, among: Among) -> Result<PersonId, LedgerError> {
        if query.trim().is_empty() {
            return Err(LedgerError::BlankPerson);
        }
        let q = text::folded(query);
        if q.is_empty() {
            // Only what draws nothing (a zero-width space pasted alone): quoted so it shows,
            // where it read as '' beside a name that was typed.
            return Err(LedgerError::UnknownPerson {
                query: text::visibly(&text::quoted_back(query)),
                nearest: None,
                nobody: self.ledger.people.is_empty(),
            });
        }
        let candidates = |many: &[&Person]| many.iter().copied().map(shown).collect();
        // People of one name (added again, as another person) are told apart by their
        // handles alone: more of the name would fit them all the same.
        let ambiguous = |many: &[&Person]| LedgerError::AmbiguousPerson {
            query: query.to_string(),
            candidates: candidates(many),
            tip: if many
                .windows(2)
                .all(|two| text::folded(&two[0].name) == text::folded(&two[1].name))
            {
                "they have the same name: type the handle of the one you mean".to_string()
            } else {
                "type more of the name, or the handle".to_string()
            },
        };
        let exact = self.at(self.handled.get(&q));
        match exact.as_slice() {
            [] => {}
            [one] => {
                // Someone else's whole name is as good a way to name them as a handle: a
                // colleague renamed away from "Zora" keeps the handle zora, and the Zora
                // added since is named by it too. (Where the handle's own person has that
                // name too, the handle is the one way to name them, and it wins.)
                let named: Vec<&Person> = self
                    .named(&q)
                    .into_iter()
                    .filter(|p| p.id != one.id)
                    .collect();
                if named.is_empty() || text::folded(&one.name) == q {
                    return self.acting_on_another(one, &q, among, query);
                }
                // The handle is what is ambiguous, so "the handle" is no way out: the first
                // is named by their name, the others by their handles.
                let handles: Vec<&str> = named.iter().map(|p| p.handle.as_str()).collect();
                let others = if named.len() == 1 { "other" } else { "others" };
                return Err(LedgerError::AmbiguousPerson {
                    query: query.to_string(),
                    candidates: candidates(&[&[*one][..], &named].concat()),
                    tip: format!(
                        "it is the handle of the first and the whole name of the {others}: \
                         type '{}' for the first, or {}",
                        text::to_type(&one.name),
                        text::listed(&handles, "or")
                    ),
                });
            }
            many => {
                // Accents aside, several: the one whose handle is as typed, any case. An
                // accent is as typed in either Unicode form (a letter and a combining mark, as
                // text pasted from some places holds it, is the precomposed letter), and what
                // draws nothing is left out, as the fold leaves it out.
                let as_typed = |t: &str| {
                    let seen: String = t.chars().filter(|c| !text::is_invisible(*c)).collect();
                    text::nfc(seen.trim()).to_lowercase()
                };
                let typed = as_typed(query);
                return match many.iter().find(|p| as_typed(&p.handle) == typed) {
                    Some(p) => Ok(p.id),
                    None => Err(ambiguous(many)),
                };
            }
        }
        let preferred = |matches: &[&'a Person]| -> Vec<&'a Person> {
            let preferred: Vec<&Person> = match among {
                Among::Active | Among::ToArchive => {
                    matches.iter().copied().filter(|p| !p.archived).collect()
                }
                Among::Archived => matches.iter().copied().filter(|p| p.archived).collect(),
                Among::Everyone => Vec::new(),
            };
            if preferred.is_empty() {
                matches.to_vec()
            } else {
                preferred
            }
        };
        // A whole name is said in full: "Chen Li" is Chen Li, not also the start of Chen Lin.
        let named = self.named(&q);
        if !named.is_empty() {
            return match preferred(&named).as_slice() {
                [one] => Ok(one.id),
                many => Err(ambiguous(many)),
            };
        }
        // `#2` is the person numbered 2, the `id` in `--json` and the `person` of their
        // promises, for a script; after a whole name, which a colleague called `#2` has.
        if let Some(digits) = q.strip_prefix('#')
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(id) = digits.parse::<u64>()
            && self.ledger.person(PersonId(id)).is_some()
        {
            return Ok(PersonId(id));
        }
        let matches: Vec<&Person> = self
            .ledger
            .people
            .iter()
            .enumerate()
            .filter(|(at, _)| self.starts(*at, &q))
            .map(|(_, p)| p)
            .collect();
        let matches = if matches.is_empty() {
            self.begun_but_for_marks(&q)
        } else {
            matches
        };
        match preferred(&matches).as_slice() {
            [] => Err(LedgerError::UnknownPerson {
                query: text::quoted_back(query),
                nearest: self.nearest(&q),
                nobody: self.ledger.people.is_empty(),
            }),
            [one] => Ok(one.id),
            many => Err(ambiguous(many)),
        }
    }

    /// `one`, whose handle `q` (folded, typed as `query`) is, unless the command acts on the
    /// archived alone (`restore`) or the active alone (`archive`), `one` is not among them and
    /// `q` begins the name or handle of someone who is: then neither, naming both. `person
    /// restore Ann` beside an active `ann` (renamed Bob Ray) and an archived Ann Lee said ann
    /// was not archived and exited 0, Ann Lee left as she was.
    fn acting_on_another(
        &self,
        one: &'a Person,
        q: &str,
        among: Among,
        query: &str,
    ) -> Result<PersonId, LedgerError> {
        let (archived, verb, first) = match among {
            Among::Archived => (true, "restore", "not archived"),
            Among::ToArchive => (false, "archive", "archived already"),
            Among::Active => return Ok(one.id),
            Among::Everyone => return self.deleting_another(one, q, query),
        };
        if one.archived == archived {
            return Ok(one.id);
        }
        let others = self.others_begun(one, q, |p| p.archived == archived);
        if others.is_empty() {
            return Ok(one.id);
        }
        let handles: Vec<&str> = others.iter().map(|p| p.handle.as_str()).collect();
        let (whose, whom) = if others.len() == 1 {
            ("the other's name or handle", "them")
        } else {
            ("the others' names or handles", "one of them")
        };
        Err(both_named(
            query,
            one,
            &others,
            format!(
                "it is the handle of the first, who is {first}, and the start of {whose}: \
                 type {} to {verb} {whom}",
                text::listed(&handles, "or")
            ),
        ))
    }

    /// The people a folded query begins the name or handle of, or a word of either, once the
    /// marks and spaces are left out of both ([`text::MarkFree`]): `obrien` is O'Brien,
    /// `maryjane` Mary-Jane, `de la` De-la Cruz, as people type a name they do not have in
    /// front of them. Only where nothing matched as typed, so a query that does is never
    /// widened.
    fn begun_but_for_marks(&self, q: &str) -> Vec<&'a Person> {
        let Some(start) = text::MarkFreeStart::of(q) else {
            return Vec::new();
        };
        let begun = |at: usize| match (self.names.get(at), self.handles.get(at)) {
            (Some(name), Some(handle)) => text::MarkFree::of(&[name, handle]).begun_by(&start),
            _ => false,
        };
        (self.ledger.people.iter().enumerate())
            .filter(|(at, _)| begun(*at))
            .map(|(_, p)| p)
            .collect()
    }

    /// Everyone but `one` whose name or handle `q` (folded) begins, of those `also` takes.
    fn others_begun(
        &self,
        one: &Person,
        q: &str,
        also: impl Fn(&Person) -> bool,
    ) -> Vec<&'a Person> {
        (self.ledger.people.iter().enumerate())
            .filter(|(at, p)| p.id != one.id && also(p) && self.starts(*at, q))
            .map(|(_, p)| p)
            .collect()
    }

    /// `one`, whose handle `q` (folded, typed as `query`) is, for a command that acts on
    /// anyone (`person rm`, which cannot be taken back but by `restore-backup`), unless `q` is
    /// no start of `one`'s name (they were renamed away from it) and begins someone else's
    /// name or handle: then neither, naming both. `person rm Ann` beside `ann`, renamed Bob
    /// Ray, and Ann Lee deleted Bob Ray and his promises.
    fn deleting_another(
        &self,
        one: &'a Person,
        q: &str,
        query: &str,
    ) -> Result<PersonId, LedgerError> {
        // The name's own handle, as `person add` would make it now, is the name too: Ann
        // Lee's `ann-lee` (and her twin's `ann-lee-2`, where nobody else's begins so).
        let name = text::folded(&one.name);
        let made = text::folded(&text::slug(&one.name));
        let begins = |whole: &str, between| {
            whole.starts_with(q) || whole.split(between).any(|w| w.starts_with(q))
        };
        if begins(&name, ' ') || begins(&made, '-') {
            return Ok(one.id);
        }
        let others = self.others_begun(one, q, |_| true);
        if others.is_empty() {
            return Ok(one.id);
        }
        // Their whole name names them where it is no one's handle and no one else's name;
        // their number always does.
        let named_alone =
            self.named(&name).iter().all(|p| p.id == one.id) && !self.handled.contains_key(&name);
        let first = if named_alone && !name.is_empty() {
            format!("'{}'", text::to_type(&one.name))
        } else {
            format!("'#{}'", one.id.0)
        };
        let handles: Vec<&str> = others.iter().map(|p| p.handle.as_str()).collect();
        let whose = if others.len() == 1 {
            "the other's name or handle"
        } else {
            "the others' names or handles"
        };
        Err(both_named(
            query,
            one,
            &others,
            format!(
                "it is the handle of the first, whose name it does not begin, and the start \
                 of {whose}: type {first} for the first, or {}",
                text::listed(&handles, "or")
            ),
        ))
    }

    /// The one person a mistyped query (folded) is nearest to, by its handle, its name or a
    /// word of either, near enough to be a typo ([`text::typo`]); none when two people are as
    /// near. Only the words whose length a typo allows are measured, and each only as far as
    /// a typo goes ([`text::edits_within`]).
    pub fn nearest(&self, q: &str) -> Option<String> {
        self.nearest_within(q, 0)
    }

    /// [`PeopleIndex::nearest`] to a name no one here has, which an import adds as someone
    /// new with a note of whom it is close to: two letters apart only where both have
    /// [`NEAR_BY_TWO`] letters or more, as for a name added by hand
    /// ([`Ledger::near_names`]). `Xu Nan` was noted as close to Wu Yan.
    pub fn near_new(&self, q: &str) -> Option<String> {
        self.nearest_within(q, NEAR_BY_TWO)
    }

    /// [`PeopleIndex::nearest`], two letters apart only where the query and the word both
    /// have `two_needs` letters or more (spaces and hyphens aside).
    fn nearest_within(&self, q: &str, two_needs: usize) -> Option<String> {
        let letters = |word: &[char]| word.iter().filter(|c| !matches!(c, ' ' | '-')).count();
        let q: Vec<char> = q.chars().collect();
        if q.len() < 3 {
            return None;
        }
        let typos = self.typos.get_or_init(|| Typos::of(self));
        // Each person's nearest word, by place.
        let mut nearest: HashMap<usize, usize> = HashMap::new();
        for length in q.len().saturating_sub(2)..=q.len() + 2 {
            for (word, people) in typos.by_length.get(&length).into_iter().flatten() {
                if let Some(d) = text::typo_of_chars(&q, word)
                    && (d < 2 || letters(&q).min(letters(word)) >= two_needs)
                {
                    for &at in people {
                        let best = nearest.entry(at).or_insert(d);
                        *best = (*best).min(d);
                    }
                }
            }
        }
        let least = nearest.values().copied().min()?;
        let mut at_least = nearest.iter().filter(|(_, d)| **d == least);
        match (at_least.next(), at_least.next()) {
            (Some((&at, _)), None) => self.ledger.people.get(at).map(shown_near),
            _ => None,
        }
    }
}

/// A person as a typo's answer names them: as [`shown`], and said to be archived where they
/// are (`maya-lin (Maya Lin, archived)`), as the lists leave them out and a new promise is
/// refused them: the one meant is not looked for on `person list`, nor typed in full only to
/// be refused.
fn shown_near(p: &Person) -> String {
    match p.archived {
        true => format!("{} ({}, archived)", p.handle, text::sanitize(&p.name)),
        false => shown(p),
    }
}

/// `query`, the handle of `one`, refused as meaning `one` or any of `others`, with `tip`.
fn both_named(query: &str, one: &Person, others: &[&Person], tip: String) -> LedgerError {
    LedgerError::AmbiguousPerson {
        query: query.to_string(),
        candidates: std::iter::once(one)
            .chain(others.iter().copied())
            .map(shown)
            .collect(),
        tip,
    }
}

/// A person as a lookup's answer names them: `priya-raman (Priya Raman)`.
fn shown(p: &Person) -> String {
    format!("{} ({})", p.handle, text::sanitize(&p.name))
}

impl Typos {
    fn of(index: &PeopleIndex) -> Typos {
        let mut people: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, (name, handle)) in index.names.iter().zip(&index.handles).enumerate() {
            let words = [name.as_str(), handle.as_str()]
                .into_iter()
                .chain(name.split(' '))
                .chain(handle.split('-'));
            for word in words {
                let places = people.entry(word).or_default();
                if places.last() != Some(&at) {
                    places.push(at);
                }
            }
        }
        let mut by_length: HashMap<usize, Vec<Word>> = HashMap::new();
        for (word, places) in people {
            let chars: Vec<char> = word.chars().collect();
            by_length
                .entry(chars.len())
                .or_default()
                .push((chars, places));
        }
        Typos { by_length }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::core::Moment;

    /// The nearest person by measuring the query against every word of everyone, in full:
    /// what the lookup did before its index, the plainest statement of the rule.
    fn nearest_plainly(ledger: &Ledger, q: &str) -> Option<String> {
        let distance = |p: &Person| {
            let name = text::folded(&p.name);
            let handle = text::folded(&p.handle);
            let words = name.split(' ').chain(handle.split('-'));
            [name.as_str(), handle.as_str()]
                .into_iter()
                .chain(words)
                .filter_map(|w| {
                    let most = if q.chars().count().max(w.chars().count()) >= 6 {
                        2
                    } else {
                        1
                    };
                    Some(text::edits(q, w)).filter(|d| *d <= most && q.chars().count() >= 3)
                })
                .min()
        };
        let mut near: Vec<(usize, &Person)> = ledger
            .people
            .iter()
            .filter_map(|p| distance(p).map(|d| (d, p)))
            .collect();
        near.sort_by_key(|(d, _)| *d);
        match near.as_slice() {
            [(d, p), rest @ ..] if rest.first().is_none_or(|(e, _)| e > d) => Some(format!(
                "{} ({}{})",
                p.handle,
                text::sanitize(&p.name),
                if p.archived { ", archived" } else { "" }
            )),
            _ => None,
        }
    }

    fn at() -> Moment {
        Moment::fixed(
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
            "lookup tests",
        )
    }

    proptest! {
        /// Names of two words from a few short ones, near one another, and queries a typo or
        /// two away from them or made of the same letters: the index finds the nearest person
        /// the plain way does.
        #[test]
        fn the_index_finds_the_nearest_as_measuring_everyone_does(
            names in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["ann", "anna", "nan", "lee", "leé", "lea", "priya", "pryia"]),
                    proptest::sample::select(vec!["raman", "ramen", "arman", "li", "lin", "ng"]),
                ),
                1..12,
            ),
            queries in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "aan", "ana", "annna", "prya", "piyra", "rman", "ramn", "armna", "leee",
                        "anna ramen", "priya-rmn", "lni", "nna lin", "ann-ramna", "leé li",
                    ]).prop_map(String::from),
                    "[aeilnmpry é-]{0,9}",
                ],
                1..8,
            ),
        ) {
            let mut ledger = Ledger::default();
            for (first, last) in &names {
                ledger
                    .add_person(&format!("{first} {last}"), "", "", at())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            let index = PeopleIndex::of(&ledger);
            for query in &queries {
                let q = text::folded(query);
                prop_assert_eq!(index.nearest(&q), nearest_plainly(&ledger, &q), "{}", q);
            }
        }

        /// People named alike, one renamed to another's handle, and queries that are their
        /// handles and names in any case: whoever the handle alone finds, the index finds too.
        #[test]
        fn whom_a_handle_alone_finds_the_index_finds(
            names in proptest::collection::vec(
                proptest::sample::select(vec!["Ann", "ann lee", "Ann Lee", "Lee", "Leé Ng", "ann-lee", "ANN  LEE"]),
                1..8,
            ),
            renamed in proptest::option::of((0usize..8, proptest::sample::select(vec!["ann", "lee", "ann-lee", "ann-1"]))),
            queries in proptest::collection::vec(
                proptest::sample::select(vec!["ann", "ANN", "lee", "ann-lee", "Ann Lee", "ann-1", "ann-lee-1", "lee-ng", "#1", " ann "]),
                1..6,
            ),
        ) {
            let mut ledger = Ledger::default();
            for name in &names {
                ledger
                    .add_person(name, "", "", at())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            if let Some((at, name)) = renamed
                && let Some(person) = ledger.people.get_mut(at % names.len())
            {
                person.name = name.to_string();
            }
            for query in &queries {
                if let Some(id) = by_handle_alone(&ledger, query) {
                    prop_assert_eq!(PeopleIndex::of(&ledger).find(query, Among::Active), Ok(id), "{}", query);
                }
            }
            // Every handle on its own, where no one else is named by it, is found.
            for person in &ledger.people {
                let alone = ledger.people.iter().all(|p| p.id == person.id || text::folded(&p.name) != person.handle);
                prop_assert_eq!(by_handle_alone(&ledger, &person.handle).is_some(), alone);
            }
        }
    }
}
