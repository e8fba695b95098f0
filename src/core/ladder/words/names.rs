//! How a colleague is called in a sentence: by first name, told apart from others of the
//! same first name.

use crate::core::model::Person;
use crate::core::text::{self, sanitize};

/// The first word of a name, made safe to print.
pub(super) fn first_name(name: &str) -> String {
    sanitize(called_word(name))
}

/// What the advice calls a colleague: the first word of their name, or the first after a
/// comma ("Raman, Priya" is Priya, as directories list people), or the whole name when its
/// first word is a title or an initial ("Dr. Small", "J. Okafor"), which alone names no one.
/// Only a word with a letter or a digit names someone: one of dashes, punctuation or emoji
/// before it is passed over ("- Dash" is Dash), quotes and brackets around it are left out
/// (`Smith, "Jo"` is Jo), and a name with no such word is said whole.
pub(super) fn called_word(name: &str) -> &str {
    // "Raman, Priya" (and "King, Martin, Jr."), but not "Priya Raman, PhD": what follows the
    // comma is a first name unless it is a suffix, and then the name is before the comma.
    let given = match name.split_once(',') {
        Some((before, after)) => {
            let part = after.split(',').next().unwrap_or_default();
            let suffix = named_words(part).next().is_some_and(|word| {
                SUFFIXES
                    .iter()
                    .any(|s| word.trim_end_matches('.').eq_ignore_ascii_case(s))
            });
            if named_words(part).next().is_none() || suffix {
                before
            } else {
                part
            }
        }
        None => name,
    };
    let mut words = named_words(given);
    let Some(first) = words.next() else {
        return name.trim();
    };
    let title = TITLES
        .iter()
        .any(|t| first.trim_end_matches('.').eq_ignore_ascii_case(t));
    // An initial alone ("Okafor, J.") names no one either: the name is said whole.
    let initial = first.ends_with('.') && first.trim_end_matches('.').chars().count() == 1;
    if initial || ((first.ends_with('.') || title) && words.next().is_some()) {
        from_first_named(name)
    } else {
        first
    }
}

/// The words of `text` that can name someone, each without the quotes, brackets or trailing
/// comma around it: a word with no letter or digit ("-", "•", "🚀") names no one.
pub(super) fn named_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|word| {
            word.trim_matches(is_wrapping)
                .trim_end_matches([',', ';', ':'])
                .trim_matches(is_wrapping)
        })
        .filter(|word| word.chars().any(char::is_alphanumeric))
}

/// `name` from its first word with a letter or a digit on ("- Dr. Small" is Dr. Small), or
/// all of it when it has none.
pub(super) fn from_first_named(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some(word) = rest.split_whitespace().next() {
        if word.chars().any(char::is_alphanumeric) {
            return rest;
        }
        rest = rest[word.len()..].trim_start();
    }
    name.trim()
}

/// Quotes and brackets a nickname is written in (`"Jo"`, `“Jo”`, `(Jo)`), which are no part
/// of what someone is called.
pub(super) fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
    )
}

/// What follows a name after a comma without being one: "Martin Luther King, Jr.", "Priya
/// Raman, PhD".
pub(super) const SUFFIXES: [&str; 16] = [
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "esq", "mba", "msc", "bsc", "cpa", "obe",
    "mbe", "cbe",
];

/// Titles written before a name, with or without their full stop ("Dr Who", "Prof Jane
/// Roe"): a name that starts with one is said whole.
pub(super) const TITLES: [&str; 14] = [
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "lord", "lady", "rev", "fr",
    "capt",
];

/// The first words of names that more than one colleague has, so the advice can name those
/// colleagues whole ("make Sam Lindqvist small promises" beside Sam Okafor).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstNames {
    /// The first words more than one colleague has (any case, accents ignored).
    first: std::collections::HashSet<String>,
    /// The whole names more than one colleague has, told apart by handle.
    whole: std::collections::HashSet<String>,
}

impl FirstNames {
    /// The first words and whole names shared among `people` (any case, accents ignored).
    pub fn of(people: &[Person]) -> FirstNames {
        let shared = |key: &dyn Fn(&Person) -> String| {
            let mut seen = std::collections::HashSet::new();
            let mut shared = std::collections::HashSet::new();
            for p in people {
                let k = key(p);
                if !seen.insert(k.clone()) {
                    shared.insert(k);
                }
            }
            shared
        };
        FirstNames {
            first: shared(&|p| text::folded(called_word(&p.name))),
            whole: shared(&|p| text::folded(&p.name)),
        }
    }

    /// How the advice names `person`: by first name, or whole when another colleague has that
    /// first name too, with the handle when another has the whole name.
    pub fn called(&self, person: &Person) -> String {
        if self.whole.contains(&text::folded(&person.name)) {
            format!("{} ({})", sanitize(&person.name), sanitize(&person.handle))
        } else if self
            .first
            .contains(&text::folded(called_word(&person.name)))
        {
            sanitize(&person.name)
        } else {
            first_name(&person.name)
        }
    }
}
