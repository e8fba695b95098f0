//! Names an export gives that no one here has. A shorter one that is whole words of a longer
//! one (`PRIYA` beside `Priya Raman`) is that person, whichever task comes first, as it would
//! be were the longer one here already; one that is only part of a word of another (`Pri`) is
//! someone new, with a note, as beside a person here. So one import of a file adds the same
//! people as two imports of its halves.

use crate::core::text;

/// The names no one here has, each once (by its folded form, first spelling kept).
pub(super) struct NewNames {
    names: Vec<(String, String)>,
}

/// Whom a name no one here has is taken as.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Taken {
    /// Itself: someone new of that name.
    Itself,
    /// The one longer name that holds it in whole words.
    As(String),
    /// Several longer names hold it in whole words.
    Several(Vec<String>),
}

impl NewNames {
    pub(super) fn new(names: impl IntoIterator<Item = String>) -> NewNames {
        let mut out: Vec<(String, String)> = Vec::new();
        for name in names {
            let folded = text::folded(&name);
            if !out.iter().any(|(f, _)| *f == folded) {
                out.push((folded, name));
            }
        }
        NewNames { names: out }
    }

    /// The names no other holds in whole words: the people an import adds.
    fn longest(&self) -> impl Iterator<Item = &(String, String)> {
        self.names
            .iter()
            .filter(|(f, _)| !self.names.iter().any(|(g, _)| g != f && holds(g, f)))
    }

    pub(super) fn taken_as(&self, name: &str) -> Taken {
        let folded = text::folded(name);
        let holders: Vec<String> = self
            .longest()
            .filter(|(f, _)| *f != folded && holds(f, &folded))
            .map(|(_, name)| name.clone())
            .collect();
        match holders.len() {
            0 => Taken::Itself,
            1 => Taken::As(holders.into_iter().next().unwrap_or_default()),
            _ => Taken::Several(holders),
        }
    }

    /// Another new name a word of which starts with `name` without being it (`Pri` and
    /// `Priya Raman`): said, as a name close to someone here is.
    pub(super) fn near(&self, name: &str) -> Option<String> {
        let folded = text::folded(name);
        self.longest()
            .find(|(f, _)| *f != folded && f.split(' ').any(|word| word.starts_with(&folded)))
            .map(|(_, name)| name.clone())
    }
}

/// Whether `whole` holds `part` in whole words: its first few words, or any one of them.
pub(super) fn holds(whole: &str, part: &str) -> bool {
    whole
        .strip_prefix(part)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        || whole.split(' ').any(|word| word == part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> NewNames {
        NewNames::new(list.iter().map(|n| n.to_string()))
    }

    #[test]
    fn a_shorter_name_is_the_longer_one_holding_it_in_whole_words_whatever_the_order() {
        for order in [
            ["PRIYA", "Priya Raman", "Pri"],
            ["Priya Raman", "Pri", "PRIYA"],
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
        assert!(!holds("annabel lee", "anna"));
        assert!(holds("anna lee", "anna"));
        assert!(holds("anna lee", "lee"));
    }
}
