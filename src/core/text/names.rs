//! Names as people compare, look up and sort them, and the handles made from them.

use super::is_invisible;

/// A name as people compare names: case folded, accents dropped (by Unicode canonical
/// decomposition), spaces collapsed, characters that draw nothing ([`is_invisible`]: a
/// zero-width space, a soft hyphen) left out, so "José  Álvarez" and "jose alvarez" are the
/// same name, and so are two that look alike but for a zero-width space pasted in one.
///
/// A letter that is two to Unicode's compatibility decomposition is those two, as a keyboard
/// types them: the one letter ǅ (or Ǆ, ǆ) of `ǅemal` is "dz", ĳ is "ij", the ligature ﬁ is
/// "fi", the long ſ is s, a full-width Ａ is a. A spacing accent (´, ¨), which that
/// decomposition makes a space and an accent, is left as it is. Æ, Œ and Þ, which no
/// decomposition takes apart, are "ae", "oe" and "th", and ð is d, as they are typed on a
/// keyboard without them.
///
/// The fold is lowercasing plus the few letters Unicode's full case folding also takes apart,
/// so that a name typed in capitals matches it as written: ß and ẞ are "ss" (`GROSSES` is
/// Großes), the final ς is σ (`ΝΙΚΟΣ` is Νίκος). Each character folds on its own, so a search
/// can mark where in the written text a match lies (`views::help::find`).
///
/// Most names are ASCII, which none of that changes but the case: they are folded without
/// decomposing them (a command looking someone up among 1,000 people folds every name).
pub fn folded(name: &str) -> String {
    if name.is_ascii() {
        words_joined(name.to_ascii_lowercase().split_whitespace())
    } else {
        folded_unicode(name)
    }
}

/// Whether `text` folds to `folded_text`, itself a fold: `folded(text) == folded_text`,
/// without making the fold of an ASCII text. A command names one person among a thousand by
/// their handle, and telling that handle from everyone's name and handle this way costs a
/// comparison or two each, where folding them all cost more than the rest of the lookup.
pub fn folds_to(text: &str, folded_text: &str) -> bool {
    // Most texts differ from the first letter, told before any folding: where the first
    // character that draws something is ASCII, it folds to itself in lower case.
    let first = text
        .chars()
        .find(|c| !c.is_whitespace() && !is_invisible(*c));
    if let Some(first) = first.filter(char::is_ascii)
        && folded_text.as_bytes().first() != Some(&(first.to_ascii_lowercase() as u8))
    {
        return false;
    }
    if !text.is_ascii() {
        return folded(text) == folded_text;
    }
    let mut rest = folded_text.as_bytes();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            match rest.split_first() {
                Some((b' ', after)) => rest = after,
                _ => return false,
            }
        }
        let Some((same, after)) = rest.split_at_checked(word.len()) else {
            return false;
        };
        if !same
            .iter()
            .zip(word.bytes())
            .all(|(f, b)| *f == b.to_ascii_lowercase())
        {
            return false;
        }
        rest = after;
    }
    rest.is_empty()
}

/// Text as it can be begun with its marks left out: the whole of each folded text, each of
/// its words and each part of a word between hyphens, with only their letters and digits,
/// so that `obrien` begins O'Brien, `maryjane` Mary-Jane (Anne Mary-Jane too) and `oncall`
/// the on-call rotation, as people type a name they do not have in front of them. One rule for the lookup of a person, the completion of a handle and
/// the UI's `/` filters, so that all three find the same people; made once for each text,
/// so a filter run at each key press only searches it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkFree(String);

impl MarkFree {
    /// Of texts already [`folded`] (a name and a handle, or what a promise says).
    pub fn of(folded: &[&str]) -> MarkFree {
        let mut starts = String::new();
        for whole in folded {
            let words = whole.split(' ');
            let parts = words.clone().flat_map(|word| word.split('-'));
            for part in std::iter::once(*whole).chain(words).chain(parts) {
                // Each start after a line break, which no folded text holds, so that a
                // search for one after a break finds only starts.
                starts.push('\n');
                starts.extend(part.chars().filter(|c| c.is_alphanumeric()));
            }
        }
        MarkFree(starts)
    }

    /// These starts and `other`'s together, where there is one: an agenda row's are what
    /// the promise says and its person's name and handle, made once for that person.
    pub fn with(mut self, other: Option<&MarkFree>) -> MarkFree {
        if let Some(other) = other {
            self.0.push_str(&other.0);
        }
        self
    }

    /// Whether `start` begins the whole of one of the texts or one of their words.
    pub fn begun_by(&self, start: &MarkFreeStart) -> bool {
        self.0.contains(&start.0)
    }
}

/// A [`folded`] query with its marks and spaces left out, as [`MarkFree::begun_by`] takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkFreeStart(String);

impl MarkFreeStart {
    /// `None` where nothing is left: a query of marks alone (`'-.`) begins nothing. `None`
    /// too for one that begins with `#`, the form of a person's number (`#2`): a number
    /// mistyped (`#+1`, `##1`) names no one, not whoever's name holds its digits.
    pub fn of(folded: &str) -> Option<MarkFreeStart> {
        if folded.starts_with('#') {
            return None;
        }
        let mut start = String::from('\n');
        start.extend(folded.chars().filter(|c| c.is_alphanumeric()));
        (start.len() > 1).then_some(MarkFreeStart(start))
    }
}

/// [`folded`] for any text.
pub(super) fn folded_unicode(name: &str) -> String {
    use unicode_normalization::char::{
        decompose_canonical, decompose_compatible, is_combining_mark,
    };
    let mut plain = String::with_capacity(name.len());
    let mut parts: Vec<char> = Vec::with_capacity(4);
    for c in name.chars().filter(|c| !is_invisible(*c)) {
        parts.clear();
        decompose_compatible(c, |part| parts.push(part));
        // A spacing accent (´ ¨, typed for an apostrophe in O´Brien) is a space and an accent
        // to the compatibility decomposition: it is kept whole, not made a space between
        // words.
        if parts.contains(&' ') && !c.is_whitespace() {
            parts.clear();
            decompose_canonical(c, |part| parts.push(part));
        }
        let letters = parts
            .iter()
            .filter(|part| !is_combining_mark(**part))
            .flat_map(|part| part.to_lowercase());
        for letter in letters {
            match letter {
                // Letters with a stroke, which no decomposition takes apart, read as people
                // type them on a keyboard without them.
                'ø' => plain.push('o'),
                'ł' => plain.push('l'),
                'đ' => plain.push('d'),
                'ħ' => plain.push('h'),
                'ŧ' => plain.push('t'),
                // Turkish dotless i, which no decomposition takes to i either.
                'ı' => plain.push('i'),
                // Letters that are two to a keyboard without them (Ærø is typed "aero",
                // Œuvre "oeuvre", Þór "thor"), and the eth, whose plain letter is d.
                'æ' => plain.push_str("ae"),
                'œ' => plain.push_str("oe"),
                'þ' => plain.push_str("th"),
                'ð' => plain.push('d'),
                // What full case folding adds to lowercasing (ẞ has lowercased to ß already;
                // the long ſ and the ligatures are their letters by the decomposition).
                'ß' => plain.push_str("ss"),
                'ς' => plain.push('σ'),
                other => plain.push(other),
            }
        }
    }
    words_joined(plain.split_whitespace())
}

/// Words with one space between each.
fn words_joined<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for word in words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined
}

/// Makes a lowercase slug from a name: letters and digits kept (any script), with the marks
/// that combine with them (the virama of प्रिया, a grave on a letter that has no composed
/// form), everything else folded into single dashes. A name with no letters at all gives
/// `person`.
///
/// Each word is lowercased whole, so a Greek word ends in ς as it is written (`ΝΙΚΟΣ` gives
/// `νικος`, not `νικοσ`); handles made before with σ there are still found by either, as
/// [`folded`] reads ς as σ.
pub fn slug(name: &str) -> String {
    // What draws nothing (a zero-width space, a soft hyphen) parts no words: the handle is of
    // the name as it reads, as names are compared ([`folded`]).
    use unicode_normalization::char::is_combining_mark;
    let seen: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    // A mark is part of the word it follows: Devanagari writes प्र with one between the two
    // letters, and splitting there made प-रिया of प्रिया.
    let words: Vec<String> = seen
        .split(|c: char| !c.is_alphanumeric() && !is_combining_mark(c))
        .map(|word| word.trim_start_matches(is_combining_mark))
        .filter(|word| !word.is_empty())
        // Turkish İ lowercases to i and a combining dot, which a handle typed on a keyboard
        // never holds.
        .map(|word| word.replace('İ', "i").to_lowercase())
        .collect();
    if words.is_empty() {
        return "person".to_string();
    }
    words.join("-")
}

/// `text` with each run of digits padded with zeros to twenty, so that sorting the result
/// orders the numbers in it by their value: `zed 2` before `zed 10`.
pub fn numbers_by_value(text: &str) -> String {
    const WIDTH: usize = 20;
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            out.extend(std::iter::repeat_n('0', WIDTH.saturating_sub(digits.len())));
            out.push_str(digits);
            digits.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}
