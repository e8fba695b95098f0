//! Names an export gives that no one here has. A shorter one that is whole words of a longer
//! one (`PRIYA` beside `Priya Raman`) is that person, whichever task comes first, as it would
//! be were the longer one here already; one that is only part of a word of another (`Pri`) is
//! someone new, with a note, as beside a person here. So one import of a file adds the same
//! people as two imports of its halves.

use std::collections::{HashMap, HashSet};

use crate::core::text;

/// The names no one here has, each once (by its folded form, first spelling kept), with
/// what each is taken as, worked out once for the whole import.
pub(super) struct NewNames {
    taken: HashMap<String, Taken>,
    near: HashMap<String, String>,
}

/// Whom a name no one here has is taken as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Taken {
    /// Itself: someone new of that name.
    Itself,
    /// The one longer name that holds it in whole words.
    As(String),
    /// Several longer names hold it in whole words.
    Several(Vec<String>),
}

impl NewNames {
    /// Each name is folded once, and the names that hold it are looked up in an index of
    /// every run of whole words of every name, rather than by trying every pair: an export
    /// can name thousands of people, and all pairs of them took seconds.
    pub(super) fn new(names: impl IntoIterator<Item = String>) -> NewNames {
        let mut names_once: Vec<(String, String)> = Vec::new();
        let mut seen = HashSet::new();
        for name in names {
            let folded = text::folded(&name);
            if seen.insert(folded.clone()) {
                names_once.push((folded, name));
            }
        }
        // Every run of whole words of each name, with the names it is a run of, in order.
        let mut runs: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, (folded, _)) in names_once.iter().enumerate() {
            for run in word_runs(folded, ' ') {
                let holders = runs.entry(run).or_default();
                if holders.last() != Some(&at) {
                    holders.push(at);
                }
            }
        }
        let held_by = |folded: &str| runs.get(folded).map_or(&[][..], Vec::as_slice);
        // The names no other holds in whole words: the people an import adds.
        let is_longest: Vec<bool> = names_once
            .iter()
            .enumerate()
            .map(|(at, (folded, _))| held_by(folded).iter().all(|&other| other == at))
            .collect();
        // The first two of the longest names with a word starting so, for each start of a
        // word: the first that is not the name itself is the one it is close to.
        let mut starts: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, (folded, _)) in names_once.iter().enumerate() {
            if !is_longest[at] {
                continue;
            }
            for word in folded.split(' ') {
                let ends = word.char_indices().map(|(end, _)| end).skip(1);
                for end in std::iter::once(0).chain(ends).chain([word.len()]) {
                    let first = starts.entry(&word[..end]).or_default();
                    if first.len() < 2 && !first.contains(&at) {
                        first.push(at);
                    }
                }
            }
        }
        let mut taken = HashMap::new();
        let mut near = HashMap::new();
        for (at, (folded, _)) in names_once.iter().enumerate() {
            let mut holders: Vec<String> = held_by(folded)
                .iter()
                .filter(|&&other| other != at && is_longest[other])
                .map(|&other| names_once[other].1.clone())
                .collect();
            let is = match holders.len() {
                0 => Taken::Itself,
                1 => Taken::As(holders.remove(0)),
                _ => Taken::Several(holders),
            };
            // Another new name a word of which starts with this one without being it (`Pri`
            // and `Priya Raman`): said, as a name close to someone here is.
            if is == Taken::Itself
                && let Some(&other) = starts
                    .get(folded.as_str())
                    .and_then(|first| first.iter().find(|&&other| other != at))
            {
                near.insert(folded.clone(), names_once[other].1.clone());
            }
            taken.insert(folded.clone(), is);
        }
        NewNames { taken, near }
    }

    pub(super) fn taken_as(&self, name: &str) -> Taken {
        self.taken
            .get(&text::folded(name))
            .cloned()
            .unwrap_or(Taken::Itself)
    }

    /// Another new name this one is close to (see [`NewNames::new`]).
    pub(super) fn near(&self, name: &str) -> Option<String> {
        self.near.get(&text::folded(name)).cloned()
    }
}

/// Whether `whole` holds `part` in whole words, words being parted by `between` (` ` in a
/// name, `-` in a handle): any run of its words, at its start, its end or between (`Ann Lee`
/// in `Dr Ann Lee`, and so in `Leo Ann Lee` beside `Leo`).
pub(super) fn holds(whole: &str, part: &str, between: char) -> bool {
    let words: Vec<&str> = whole.split(between).collect();
    let part: Vec<&str> = part.split(between).collect();
    words.windows(part.len()).any(|run| run == part.as_slice())
}

/// Every run of whole words of `name`, words being parted by `between`, as slices of it: the
/// parts [`holds`] finds it holds, and the keys of an index of the names that hold a name.
pub(super) fn word_runs(name: &str, between: char) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for word in name.split(between) {
        words.push((start, start + word.len()));
        start += word.len() + between.len_utf8();
    }
    let mut runs = Vec::with_capacity(words.len() * (words.len() + 1) / 2);
    for (at, &(first, _)) in words.iter().enumerate() {
        runs.extend(words[at..].iter().map(|&(_, end)| &name[first..end]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The names each name is taken as, and is near, by trying every pair: what
    /// [`NewNames::new`] did before its index, for names this small the plainest statement
    /// of the rule.
    fn by_every_pair(names: &[String]) -> NewNames {
        let mut names_once: Vec<(String, String)> = Vec::new();
        for name in names {
            let folded = text::folded(name);
            if !names_once.iter().any(|(f, _)| *f == folded) {
                names_once.push((folded, name.clone()));
            }
        }
        let longest: Vec<&(String, String)> = names_once
            .iter()
            .filter(|(f, _)| !names_once.iter().any(|(g, _)| g != f && holds(g, f, ' ')))
            .collect();
        let mut taken = HashMap::new();
        let mut near = HashMap::new();
        for (folded, _) in &names_once {
            let holders: Vec<String> = longest
                .iter()
                .filter(|(f, _)| f != folded && holds(f, folded, ' '))
                .map(|(_, name)| name.clone())
                .collect();
            let is = match holders.len() {
                0 => Taken::Itself,
                1 => Taken::As(holders[0].clone()),
                _ => Taken::Several(holders),
            };
            if is == Taken::Itself
                && let Some((_, name)) = longest.iter().find(|(f, _)| {
                    f != folded && f.split(' ').any(|word| word.starts_with(folded.as_str()))
                })
            {
                near.insert(folded.clone(), name.clone());
            }
            taken.insert(folded.clone(), is);
        }
        NewNames { taken, near }
    }

    proptest! {
        /// Names of one to three words from a few short ones, so that many hold others,
        /// start others' words or are the same but for case and accents.
        #[test]
        fn the_index_takes_every_name_as_every_pair_does(
            names in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!["a", "an", "Ann", "ann", "Lee", "lé", "le", "Leo", "x"]),
                    1..4,
                ),
                0..24,
            )
        ) {
            let names: Vec<String> = names.iter().map(|words| words.join(" ")).collect();
            let new = NewNames::new(names.clone());
            let old = by_every_pair(&names);
            prop_assert_eq!(&new.taken, &old.taken);
            prop_assert_eq!(&new.near, &old.near);
        }
    }

    fn names(list: &[&str]) -> NewNames {
        NewNames::new(list.iter().map(|n| n.to_string()))
    }

    #[test]
    fn a_shorter_name_is_the_longer_one_holding_it_in_whole_words_whatever_the_order() {
        for order in [
            ["PRIYA", "Priya Raman", "Pri", "raman"],
            ["raman", "Priya Raman", "Pri", "PRIYA"],
        ] {
            let new = names(&order);
            assert_eq!(new.taken_as("PRIYA"), Taken::As("Priya Raman".into()));
            assert_eq!(new.taken_as("raman"), Taken::As("Priya Raman".into()));
            assert_eq!(new.taken_as("Priya Raman"), Taken::Itself);
            assert_eq!(new.taken_as("Pri"), Taken::Itself);
            assert_eq!(new.near("Pri"), Some("Priya Raman".into()));
            assert_eq!(new.near("Priya Raman"), None);
        }
        // Through a longer name still: the longest is the person.
        let new = names(&["Priya", "Priya Raman", "Priya Raman Iyer"]);
        assert_eq!(new.taken_as("Priya"), Taken::As("Priya Raman Iyer".into()));
        // Held by two: neither is guessed.
        let new = names(&["Sam", "Sam Lee", "Sam Okafor"]);
        assert_eq!(
            new.taken_as("sam"),
            Taken::Several(vec!["Sam Lee".into(), "Sam Okafor".into()])
        );
        // Part of a word is not whole words.
        assert!(!holds("annabel lee", "anna", ' '));
        assert!(holds("anna lee", "anna", ' '));
        assert!(holds("anna lee", "lee", ' '));
        // A run of words anywhere, not only at the start.
        assert!(holds("dr ann lee", "ann lee", ' '));
        assert!(holds("leo ann lee", "ann lee", ' '));
        assert!(holds("priya-raman-iyer", "raman-iyer", '-'));
        assert!(!holds("ann x lee", "ann lee", ' '));
        assert!(!holds("ann", "ann lee", ' '));
    }
}
