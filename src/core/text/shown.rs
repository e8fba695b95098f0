//! User text as a terminal or a message shows it: escaped, quoted, and cut to fit.

use std::fmt::Write as _;

use super::{columns, is_invisible, is_unsafe_format};

/// `text` as one word of a POSIX shell, for a command a message names: itself where it holds
/// nothing a shell reads, else in single quotes.
pub fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// How many characters of something typed a message quotes back whole.
const QUOTED_MOST: usize = 80;

/// Something typed, as a message quotes it back: whole when short, else its start and `…`
/// with how long it was, so a megabyte pasted by mistake is not printed back at the user.
pub fn quoted_back(typed: &str) -> String {
    let count = typed.chars().count();
    if count <= QUOTED_MOST {
        return typed.to_string();
    }
    let start = start_of(typed, QUOTED_MOST - 20);
    format!("{start}… ({count} characters)")
}

/// The longest start of `text` of at most `most` characters that ends between two of what a
/// terminal draws as one (graphemes): a cut never leaves an accent without its letter, nor
/// half an emoji and its dangling joiner. Where the first alone is longer (a letter under a
/// pile of marks), its first `most` characters.
pub(super) fn start_of(text: &str, most: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let mut end = 0;
    let mut chars = 0;
    for grapheme in text.graphemes(true) {
        chars += grapheme.chars().count();
        if chars > most {
            break;
        }
        end += grapheme.len();
    }
    if end == 0 {
        end = text.char_indices().nth(most).map_or(text.len(), |(i, _)| i);
    }
    &text[..end]
}

/// A message that quotes values from a file (between backticks or quotes, as serde's do, or
/// bare), with each long one quoted back as [`quoted_back`] does: a value of 5,000 characters
/// in a file made a message of 5,000 characters. A value that holds a quote mark of its own
/// is cut as a word.
pub fn quotes_cut(message: &str) -> String {
    /// Past this, the message is cut whole: a long value of many short words that holds a
    /// quote mark of its own passes both cuts above.
    const LONGEST: usize = 300;
    let cut_words: String = quoted_cut(message)
        .split_inclusive(' ')
        .map(|word| match word.strip_suffix(' ') {
            Some(word) => format!("{} ", quoted_back(word)),
            None => quoted_back(word),
        })
        .collect();
    let count = cut_words.chars().count();
    if count <= LONGEST {
        return cut_words;
    }
    format!("{} ({count} characters)", cut(&cut_words, LONGEST))
}

/// [`quotes_cut`] for the values between backticks or double quotes.
fn quoted_cut(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(400));
    let mut inside = false;
    for piece in message.split_inclusive(['`', '"']) {
        let (text, mark) = match piece.char_indices().last() {
            Some((i, c)) if c == '`' || c == '"' => (&piece[..i], &piece[i..]),
            _ => (piece, ""),
        };
        out.push_str(&if inside {
            quoted_back(text)
        } else {
            text.to_string()
        });
        out.push_str(mark);
        if !mark.is_empty() {
            inside = !inside;
        }
    }
    out
}

/// Cuts `text` to at most `width` terminal columns, ending in `…` when cut, never splitting
/// a wide character: one cut for the UI and the command line, so text reads the same in both.
pub fn fit(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    // By grapheme, so an emoji joined from several (👩‍💻) or a letter and its marks is kept or
    // cut whole, never left as a bare joiner before the `…`.
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = columns(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    // A cut at a space leaves no gap before the `…` ("Bob the…", not "Bob the …").
    let kept = out.trim_end().len();
    out.truncate(kept);
    if width > 0 {
        out.push('…');
    }
    out
}

/// A handle in `width` columns, cut in the middle where it ends in a number (`-2`, which a
/// handle taken twice gets), so that the number that tells it from the other still shows,
/// in the UI and on the command line alike; otherwise cut as [`fit`] cuts.
pub fn fit_keeping_number(handle: &str, width: usize) -> String {
    let number = handle.rfind('-').filter(|&at| {
        at + 1 < handle.len() && handle[at + 1..].bytes().all(|b| b.is_ascii_digit())
    });
    match number {
        Some(at) if columns(handle) > width && width >= handle.len() - at + 2 => {
            let tail = &handle[at..];
            format!("{}{tail}", fit(&handle[..at], width - tail.len()))
        }
        _ => fit(handle, width),
    }
}

/// `text` cut to at most `most` characters, the last of them `…` where it was cut (after
/// the last word's end, not a space: `Aaa…`, not `Aaa …`).
pub fn cut(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut cut = start_of(text, most.saturating_sub(1))
        .trim_end()
        .to_string();
    cut.push('…');
    cut
}

/// Whether `c` must never reach a terminal as it is: a control character (C0, DEL, C1), a
/// bidi control or a line or paragraph separator. [`sanitize`] escapes these in text for
/// people, and the JSON the command line prints escapes them as `\uXXXX`.
pub fn is_unsafe_to_print(c: char) -> bool {
    c.is_control() || is_unsafe_format(c)
}

/// Text from a record quoted in a message: between double quotes, with a quote mark, a
/// backslash and each character that must not reach a terminal as it is
/// ([`is_unsafe_to_print`]) escaped as Rust's `{:?}` escapes them, and every other character
/// as it is. `{:?}` escaped the joiners and variation selectors inside emoji too
/// (`👨\u{200d}👩`), which are part of the text, not faults in it.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe_to_print(c) => out.extend(c.escape_debug()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A word typed where nothing invisible belongs (a date word), as a message quotes it: each
/// character that draws nothing ([`is_invisible`], as a zero-width space or a soft hyphen)
/// escaped as [`sanitize`] escapes a bidi control, so a word that does not read never looks
/// like one that does (`'fri\u{200b}'`, not `'fri'`). Not for names, whose emoji need their
/// joiners; a tab is left for [`sanitize`] to show as a space.
pub fn visibly(word: &str) -> String {
    let hidden = |c: char| c != '\t' && (is_unsafe_to_print(c) || is_invisible(c));
    if !word.chars().any(hidden) {
        return word.to_string();
    }
    word.chars()
        .map(|c| {
            if hidden(c) {
                escape_char(c)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A name as a message gives it to be typed: without the characters that draw nothing, which
/// [`folded`](super::folded) leaves out too, so what is copied from the message names the same person and
/// holds nothing unseen (`type 'Ana' for the first`, not `'Ana\u{200b}'`).
pub fn to_type(name: &str) -> String {
    let seen: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    sanitize(&seen)
}

pub(super) fn escape_char(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        // A tab pasted from a spreadsheet is named as one, not as \u{9}.
        '\t' => "\\t".to_string(),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// Makes user-supplied text safe to print in a terminal: control and bidi characters become
/// visible escapes (`\u{1b}`, `\n`), tabs become spaces. Every human-readable output and
/// every view passes user text through here, so a name cannot move the cursor, recolour the
/// screen or reorder what is shown.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(is_unsafe_to_print) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe_to_print(c) {
            let _ = write!(out, "{}", escape_char(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// serde_json's message in the words of the file's own docs (FORMAT.md): its names of
/// Rust's number types, "ident", its word for a bare word where a value belongs (`true`
/// misspelt, or text without its quotes), and its two messages for half of a character's
/// pair of escapes, which speak of a hex escape cut short where none is.
pub fn json_in_words(message: &str) -> String {
    /// Half of a pair of `\u` escapes: no character, as a string in a file must hold.
    const LONE: &str = "a lone surrogate escape (\\uD800 to \\uDFFF without the other half of its pair), which is no character: write the character itself, or both escapes of its pair";
    const WORDS: [(&str, &str); 9] = [
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected usize", "expected a whole number of at least 0"),
        ("expected ident", "expected a value, not a bare word"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "a line break or other control character inside a string (cut off there?)",
        ),
        ("unexpected end of hex escape", LONE),
        ("lone leading surrogate in hex escape", LONE),
    ];
    WORDS
        .iter()
        .find(|(rust, _)| message.ends_with(rust))
        .map_or_else(
            || message.to_string(),
            |(rust, words)| format!("{}{words}", &message[..message.len() - rust.len()]),
        )
}
