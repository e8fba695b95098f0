//! Where a search is found in the help's text, by the same folding as the `/` filter
//! (`core::text::folded`: case and accents aside, spaces collapsed), as byte ranges of the
//! text as written, so the view can mark them.

use std::ops::Range;

use crate::core::text::folded;

/// The parts of `text` that match `needle` once both are folded, as byte ranges of `text`,
/// in order and apart. An empty needle (or one of spaces only) matches nothing.
pub fn found(text: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = folded(needle);
    if needle.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its bytes the range of the written character it comes
    // from: folding one character at a time is folding the whole, bar the spaces, which are
    // collapsed here as `folded` collapses them.
    let mut plain = String::new();
    let mut from: Vec<Range<usize>> = Vec::new();
    // Where the entries of the last character that folded to something begin in `from`.
    let mut last = 0;
    let mut buf = [0u8; 4];
    for (at, c) in text.char_indices() {
        let source = at..at + c.len_utf8();
        let part = if c.is_whitespace() && plain.ends_with(' ') {
            String::new()
        } else if c.is_whitespace() {
            " ".to_string()
        } else {
            folded(c.encode_utf8(&mut buf))
        };
        if part.is_empty() {
            // A combining accent, or a space after a space: it belongs to the character
            // before, so a match never ends between a letter and its accent.
            for range in &mut from[last..] {
                range.end = source.end;
            }
            continue;
        }
        last = from.len();
        for _ in 0..part.len() {
            from.push(source.clone());
        }
        plain.push_str(&part);
    }
    plain
        .match_indices(&needle)
        .filter_map(|(at, m)| {
            let start = from.get(at)?.start;
            let end = from.get(at + m.len() - 1)?.end;
            Some(start..end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
        found(text, needle).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn case_and_accents_do_not_count() {
        assert_eq!(marked("Undo the last change", "UNDO"), ["Undo"]);
        assert_eq!(marked("José Álvarez", "jose"), ["José"]);
        assert_eq!(
            marked("Jose\u{301} and José", "josé"),
            ["Jose\u{301}", "José"]
        );
        assert_eq!(marked("résumé", "ESUM"), ["ésum"]);
    }

    #[test]
    fn every_match_is_found_and_spaces_collapse() {
        assert_eq!(marked("d kept, D late", "d"), ["d", "D"]);
        assert_eq!(
            marked("the  last   change", "last change"),
            ["last   change"]
        );
        assert_eq!(marked("王芳 and 王", "王"), ["王", "王"]);
        // Full case folding: ß is ss (a match may end inside it), ς is σ.
        assert_eq!(marked("Großes Maß", "SS"), ["ß", "ß"]);
        assert_eq!(marked("Großes Maß", "grosses"), ["Großes"]);
        assert_eq!(marked("Νίκος", "ΝΙΚΟΣ"), ["Νίκος"]);
        assert!(found("anything", "").is_empty());
        assert!(found("anything", "   ").is_empty());
        assert!(found("anything", "nope").is_empty());
    }
}
