//! How the plain text of a file a save has just sealed is made from the text the agent keeps
//! of the file it replaced: stretches of that text, and the few bytes the change wrote anew.
//! A save that read its ledger from a kept text hands the agent this ([`Agent::derive`]), so
//! that the command after it finds the new file's text kept, where the agent would otherwise
//! open the file only once saves have settled, and a script's next change would decrypt the
//! file itself.
//!
//! The agent checks the recipe before it keeps anything: every stretch within its source, the
//! lengths adding up, and the text it makes hashing as the text the save sealed.
//!
//! [`Agent::derive`]: super::Agent::derive

use xxhash_rust::xxh3::Xxh3;

/// Where a stretch of the new text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The text kept of the file the save replaced.
    Kept,
    /// The bytes written anew ([`Recipe::new`]).
    New,
}

/// One stretch of the new text: `len` bytes from `start` in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub source: Source,
    pub start: usize,
    pub len: usize,
}

impl Stretch {
    /// As it travels: `[0, start, len]` for the kept text, `[1, start, len]` for new bytes.
    pub(crate) fn to_wire(self) -> [u64; 3] {
        let source = match self.source {
            Source::Kept => 0,
            Source::New => 1,
        };
        [source, self.start as u64, self.len as u64]
    }

    /// Read back from the wire; `None` for an unknown source or a number past this machine's.
    pub(crate) fn from_wire([source, start, len]: [u64; 3]) -> Option<Stretch> {
        let source = match source {
            0 => Source::Kept,
            1 => Source::New,
            _ => return None,
        };
        Some(Stretch {
            source,
            start: usize::try_from(start).ok()?,
            len: usize::try_from(len).ok()?,
        })
    }
}

/// The new text as stretches of the kept one and of new bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recipe {
    pub stretches: Vec<Stretch>,
    /// The bytes written anew, one after the other (plain text: wiped when dropped).
    pub new: zeroize::Zeroizing<Vec<u8>>,
}

impl Recipe {
    /// Adds the next stretch, joined to the one before where it follows on in the same source.
    pub fn push(&mut self, source: Source, start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.stretches.last_mut()
            && last.source == source
            && last.start + last.len == start
        {
            last.len += len;
            return;
        }
        self.stretches.push(Stretch { source, start, len });
    }

    /// Adds bytes written anew as the next stretch.
    pub fn push_new(&mut self, bytes: &[u8]) {
        let start = self.new.len();
        self.new.extend_from_slice(bytes);
        self.push(Source::New, start, bytes.len());
    }

    /// The new text's stretches as slices of `kept` and of the new bytes, in order; `None`
    /// when a stretch is not within its source.
    pub fn slices<'a>(&'a self, kept: &'a [u8]) -> Option<Vec<&'a [u8]>> {
        slices(&self.stretches, kept, &self.new)
    }
}

/// `stretches` as slices of `kept` and `new`, in order; `None` when one is not within its
/// source.
pub(crate) fn slices<'a>(
    stretches: &[Stretch],
    kept: &'a [u8],
    new: &'a [u8],
) -> Option<Vec<&'a [u8]>> {
    stretches
        .iter()
        .map(|stretch| {
            let source = match stretch.source {
                Source::Kept => kept,
                Source::New => new,
            };
            source.get(stretch.start..stretch.start.checked_add(stretch.len)?)
        })
        .collect()
}

/// The hash a recipe's text is checked by: of the plain text, in the pieces it comes in.
pub fn plain_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u128 {
    let mut hasher = Xxh3::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_that_follow_on_join_and_empty_ones_are_left_out() {
        let mut recipe = Recipe::default();
        recipe.push(Source::Kept, 0, 10);
        recipe.push(Source::Kept, 10, 5);
        recipe.push_new(b"");
        recipe.push_new(b"ab");
        recipe.push_new(b"cd");
        recipe.push(Source::Kept, 20, 3);
        assert_eq!(
            recipe.stretches,
            [
                Stretch {
                    source: Source::Kept,
                    start: 0,
                    len: 15
                },
                Stretch {
                    source: Source::New,
                    start: 0,
                    len: 4
                },
                Stretch {
                    source: Source::Kept,
                    start: 20,
                    len: 3
                },
            ]
        );
        let kept = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let text = recipe.slices(kept).unwrap().concat();
        assert_eq!(text, b"0123456789abcdeabcdklm");
        assert_eq!(
            plain_hash(recipe.slices(kept).unwrap()),
            xxhash_rust::xxh3::xxh3_128(&text),
            "the hash of the pieces is the hash of the whole"
        );
    }

    #[test]
    fn a_stretch_past_its_source_makes_no_text() {
        let mut recipe = Recipe::default();
        recipe.push(Source::Kept, 5, 6);
        assert_eq!(recipe.slices(b"0123456789"), None);
        let mut recipe = Recipe::default();
        recipe.push(Source::Kept, usize::MAX, 2);
        assert_eq!(recipe.slices(b"0123456789"), None, "no overflow");
        recipe = Recipe::default();
        recipe.push_new(b"ab");
        recipe.stretches[0].len = 3;
        assert_eq!(recipe.slices(b""), None);
    }

    #[test]
    fn a_stretch_travels_as_three_numbers_and_an_unknown_source_is_refused() {
        for stretch in [
            Stretch {
                source: Source::Kept,
                start: 7,
                len: 9,
            },
            Stretch {
                source: Source::New,
                start: 0,
                len: 1,
            },
        ] {
            assert_eq!(Stretch::from_wire(stretch.to_wire()), Some(stretch));
        }
        assert_eq!(
            Stretch::to_wire(Stretch::from_wire([1, 2, 3]).unwrap()),
            [1, 2, 3]
        );
        assert_eq!(Stretch::from_wire([2, 0, 1]), None);
    }
}
