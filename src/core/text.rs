//! Text rules shared by every input and output: what a name or note may contain, how a handle
//! is made from a name, and how user text is made safe to print in a terminal.
//!
//! The same rules hold for text typed on the command line or in the UI and for text read
//! from the file ([`check_stored`]), so nothing input refuses can enter by the file.

use std::fmt::Write as _;
use std::ops::Range;

/// Longest name or role, in characters.
pub const MAX_NAME: usize = 80;
/// Longest promise text, in characters.
pub const MAX_WHAT: usize = 300;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 2000;
/// Longest handle, in characters: a slug of the longest name (lowercasing can lengthen a
/// letter) with a number after it.
pub const MAX_HANDLE: usize = 2 * MAX_NAME + 8;

/// Why a piece of text was refused. The field name is part of the message so the person
/// knows which of their inputs to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("{field} contains a control character ({shown}); type plain text")]
    Control { field: &'static str, shown: String },
    /// A bidi control or a line or paragraph separator, which can make a terminal show the
    /// text in another order or on another line than its bytes say.
    #[error(
        "{field} contains a character that reorders or breaks the text on screen ({shown}); type plain text"
    )]
    Reordering { field: &'static str, shown: String },
    /// Only invisible characters (soft hyphens, zero-width spaces, byte-order marks, ...)
    /// and spaces: it would look empty, or like nothing at all, wherever it is shown.
    #[error("{field} has no visible characters")]
    Invisible { field: &'static str },
}

/// What leads the example in a form's message ([`TextError::in_a_form`]): the form keeps
/// what follows it on one line where it wraps, so that a name is never split across two.
pub const EXAMPLE_LEAD: &str = "as in: ";

impl TextError {
    /// The message for a text read from a file (an import), which no one typed: without the
    /// advice to type plain text.
    pub fn in_a_file(&self) -> String {
        let message = self.to_string();
        match message.strip_suffix("; type plain text") {
            Some(what) => what.to_string(),
            None => message,
        }
    }

    /// The message for text typed on the command line: an empty name or promise says what
    /// goes there, with an example, where "what is empty" alone left that to be guessed (and
    /// a shell's quotes around a name with a space in it are easily left off).
    pub fn typed(&self) -> String {
        let message = self.to_string();
        match self.expected() {
            Some((ask, quoting, example)) => {
                format!("{message}; {ask}, {quoting}, as in \"{example}\"")
            }
            None => message,
        }
    }

    /// The message for text typed in a form's field: what goes there and an example, as
    /// [`TextError::typed`] says it, without the shell's quotes, which a field would keep as
    /// typed.
    pub fn in_a_form(&self) -> String {
        let message = self.to_string();
        match self.expected() {
            Some((ask, _, example)) => format!("{message}; {ask}, {EXAMPLE_LEAD}{example}"),
            None => message,
        }
    }

    /// For an empty name or promise: what goes there, how a shell wants it quoted, and an
    /// example.
    fn expected(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            TextError::Empty { field } | TextError::Invisible { field } => match *field {
                "name" => Some((
                    "give the colleague's name",
                    "quoted if it has a space",
                    "Priya Raman",
                )),
                "what" => Some((
                    "say what was promised",
                    "quoted",
                    "send the Q3 deck by Friday",
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// The field the text was for, as named in the file.
    pub fn field(&self) -> &'static str {
        match self {
            TextError::Empty { field }
            | TextError::TooLong { field, .. }
            | TextError::Control { field, .. }
            | TextError::Reordering { field, .. }
            | TextError::Invisible { field } => field,
        }
    }
}

/// Trims `raw` and checks it for a field that must not be empty: it needs a visible
/// character.
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = optional(field, raw, max)?;
    // Trimmed to nothing from more than spaces: it held only what draws nothing.
    if text.is_empty() && !raw.trim().is_empty() {
        return Err(TextError::Invisible { field });
    }
    check_visible(field, &text)?;
    Ok(text)
}

/// Trims `raw` and checks it for a field that may be left empty.
pub fn optional(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = nfc(trimmed(raw));
    check_content(field, &text, max)?;
    Ok(text)
}

/// `raw` without the spaces at its ends, nor the characters there that draw nothing
/// ([`is_invisible`]): a name pasted with a zero-width space or a byte-order mark is stored
/// as it reads. Kept are a bidi control, refused by name after this, and at the end a
/// variation selector or tag, part of the emoji before it (❤️, a flag).
fn trimmed(raw: &str) -> &str {
    let blank = |c: char| c.is_whitespace() || (is_invisible(c) && !is_unsafe_format(c));
    raw.trim_start_matches(blank)
        .trim_end_matches(|c: char| blank(c) && !is_emoji_part(c))
}

/// A variation selector or a tag: invisible, but a part of the character before it.
fn is_emoji_part(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Text in Unicode's composed form (NFC): `José` typed with a separate combining accent and
/// `José` typed precomposed are then the same name, byte for byte, in the file and in every
/// comparison.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// Checks text read from the file by the rules input follows ([`required`] when `needed`,
/// else [`optional`]); spaces at either end, which input trims, are let through, but not a
/// control character or a line or paragraph separator there (a line break at the end of a
/// note is one all the same).
pub fn check_stored(
    field: &'static str,
    text: &str,
    max: usize,
    needed: bool,
) -> Result<(), TextError> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}')
    });
    check_content(field, text, max)?;
    if needed {
        check_visible(field, text)?;
    }
    Ok(())
}

/// Whether `text` is printable ASCII, the usual case, which needs no escapes and is as wide
/// as it is long. One pass over the bytes that the compiler makes many bytes a step (it has
/// no early exit): every file is checked on load, and every cell of a table.
pub fn is_printable_ascii(text: &str) -> bool {
    text.bytes()
        .fold(true, |plain, b| plain & (b' '..=b'~').contains(&b))
}

/// No controls, nothing that reorders or breaks the text, at most `max` characters.
fn check_content(field: &'static str, text: &str, max: usize) -> Result<(), TextError> {
    if is_printable_ascii(text) {
        let len = text.len();
        return if len > max {
            Err(TextError::TooLong { field, len, max })
        } else {
            Ok(())
        };
    }
    if text.is_ascii() {
        if let Some(b) = text.bytes().find(u8::is_ascii_control) {
            return Err(TextError::Control {
                field,
                shown: escape_char(char::from(b)),
            });
        }
        let len = text.len();
        return if len > max {
            Err(TextError::TooLong { field, len, max })
        } else {
            Ok(())
        };
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(TextError::Control {
            field,
            shown: escape_char(c),
        });
    }
    if let Some(c) = text.chars().find(|c| is_unsafe_format(*c)) {
        return Err(TextError::Reordering {
            field,
            shown: escape_char(c),
        });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    Ok(())
}

/// Something to see: not empty, and not only spaces and invisible characters.
fn check_visible(field: &'static str, text: &str) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty { field });
    }
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(TextError::Invisible { field });
    }
    Ok(())
}

/// Characters that draw nothing at all: Unicode's default-ignorable code points (soft
/// hyphen, zero-width spaces and joiners, word joiner, byte-order mark, variation selectors,
/// tags, ...) and the Hangul and braille fillers that draw as blank. Text made only of these
/// looks empty; inside a visible name they are left alone (emoji need their joiners).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The edit distance between two words (insertions, deletions, substitutions, and two
/// neighbours swapped): how near a mistyped word is to one that was meant.
pub fn edits(a: &str, b: &str) -> usize {
    // Two letters swapped is one slip of the fingers, as `pryia` for `priya`.
    strsim::osa_distance(a, b)
}

/// How far `typed` is from `meant` when it is near enough to be a typo of it:
/// one edit, or two when either word has six letters or more (`parkkk` for `park`, `fridya`
/// for `friday`). `None` when it is farther, or when `typed` is too short (under three
/// letters) to tell a typo from another word. The one rule for every guess: date words,
/// people looked up, people added twice (where two edits apart is a typo only of names long
/// enough, `Ledger::near_names`).
pub fn typo(typed: &str, meant: &str) -> Option<usize> {
    let typed_len = typed.chars().count();
    if typed_len < 3 {
        return None;
    }
    let meant_len = meant.chars().count();
    let most = if typed_len.max(meant_len) >= 6 { 2 } else { 1 };
    // Each edit changes the length by one at most: a word farther in length is no typo,
    // known without working out the distance (looking among 1,000 people for a near name).
    if typed_len.abs_diff(meant_len) > most {
        return None;
    }
    let typed: Vec<char> = typed.chars().collect();
    let meant: Vec<char> = meant.chars().collect();
    edits_within(&typed, &meant, most)
}

/// [`typo`] of words already taken apart into characters: what a lookup that measures one
/// name against thousands calls, having taken each apart once.
pub fn typo_of_chars(typed: &[char], meant: &[char]) -> Option<usize> {
    if typed.len() < 3 {
        return None;
    }
    let most = if typed.len().max(meant.len()) >= 6 {
        2
    } else {
        1
    };
    edits_within(typed, meant, most)
}

/// [`edits`] between `a` and `b` when it is `most` or less, else `None`: worked out only in
/// the band of `most` either side of the diagonal (a cell farther out is more edits than that
/// already), and given up on as soon as two rows in turn are past `most`, as every row after
/// them then is (a row is at least the smaller of the one before and, through a swap, one
/// more than the one before that). Measuring a name against everyone here stops within a
/// letter or two for nearly all of them.
pub fn edits_within(a: &[char], b: &[char], most: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    // Every figure is capped at one past `most`: all that matters is whether it is within.
    let past = most + 1;
    let width = b.len() + 1;
    let mut rows = vec![past; 3 * width];
    let (mut before, mut last, mut row) = (0, width, 2 * width);
    for (j, cell) in rows[last..last + width].iter_mut().enumerate() {
        *cell = j.min(past);
    }
    let mut last_min = 0;
    for i in 1..=a.len() {
        rows[row..row + width].fill(past);
        let from = i.saturating_sub(most);
        if from == 0 {
            rows[row] = i.min(past);
        }
        for j in from.max(1)..=(i + most).min(b.len()) {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[last + j - 1] + cost)
                .min(rows[last + j] + 1)
                .min(rows[row + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[before + j - 2] + 1);
            }
            rows[row + j] = d.min(past);
        }
        let row_min = rows[row..row + width].iter().copied().min().unwrap_or(past);
        if row_min > most && last_min > most {
            return None;
        }
        last_min = row_min;
        (before, last, row) = (last, row, before);
    }
    Some(rows[last + b.len()]).filter(|d| *d <= most)
}

/// The one of `names` that `typed` most likely meant, by [`typo`] (any case): what a
/// config file's misspelt setting or action is answered with.
pub fn nearest_name<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    names
        .into_iter()
        .filter_map(|name| typo(&typed, name).map(|d| (d, name)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// "; did you mean NAME?" for the nearest of `names`, or nothing.
pub fn did_you_mean<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    nearest_name(typed, names).map_or_else(String::new, |n| format!("; did you mean {n}?"))
}

/// `text` with its first letter in capitals, where it starts a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The first `shown` of `items`, and how many more ("a, b, c and 4 more"): a list that stays
/// a line however many there are.
pub fn first_of(items: &[&str], shown: usize) -> String {
    let named = items
        .iter()
        .take(shown)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match items.len().saturating_sub(shown) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}

/// Items as a sentence lists them, the last joined by `word`: "a", "a and b", "a, b or c".
pub fn listed(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

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
fn folded_unicode(name: &str) -> String {
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

/// The columns `text` takes on a terminal, counted grapheme by grapheme as a terminal draws
/// it: an emoji written with U+FE0F (✔️, ❤️, 1️⃣) is two, as drawn, not the one its first
/// character alone would be.
pub fn columns(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    // Printable ASCII and the Latin letters after it (but the soft hyphen, a control to
    // segmenting) are one column a character and one character a grapheme: most of what a
    // table holds is (names like José Núñez too), and `list` measures every cell.
    let latin = |c: char| matches!(c, ' '..='~' | '\u{a0}'..='\u{24f}') && c != '\u{ad}';
    if text.chars().all(latin) {
        return text.chars().count();
    }
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` wrapped between words to lines of at most `first` columns (the first line) and
/// `rest` (the others), as the byte range of each line in `text`: a line break in it starts a
/// line, spaces where a line breaks are left out, and spaces it starts with are kept. Widths
/// are [`columns`], so no wrapped line runs past the edge it was wrapped for. A word longer
/// than `rest` is broken between graphemes when `break_words`, else it has a line of its own.
///
/// Wrapped here rather than by textwrap, which counts a character at a time and so takes ✔️
/// for one column.
pub fn wrapped(text: &str, first: usize, rest: usize, break_words: bool) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        wrap_line(line, at, first, rest, break_words, &mut lines);
        at += line.len() + 1;
    }
    lines
}

/// `text` wrapped to `width` columns as [`wrapped`] wraps it, each line led by its indent:
/// `first` for the first line, `rest` for the others (their columns taken from the room).
pub fn indented(
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    break_words: bool,
) -> Vec<String> {
    let room = |indent: &str| width.saturating_sub(columns(indent));
    wrapped(text, room(first), room(rest), break_words)
        .into_iter()
        .enumerate()
        .map(|(i, line)| format!("{}{}", if i == 0 { first } else { rest }, &text[line]))
        .collect()
}

/// A word and the spaces after it, as byte offsets, with the word's width in columns.
struct Word {
    start: usize,
    end: usize,
    after: usize,
    width: usize,
}

/// The word at `span` of `line`, its spaces running to `after`, added to `words`: in pieces
/// of at most `rest` columns, each at least one grapheme, where `break_words` and it is
/// wider.
fn push_word(
    words: &mut Vec<Word>,
    line: &str,
    span: Range<usize>,
    after: usize,
    rest: usize,
    break_words: bool,
) {
    use unicode_segmentation::UnicodeSegmentation;
    let (start, end) = (span.start, span.end);
    let width = columns(&line[start..end]);
    if !(break_words && width > rest.max(1)) {
        words.push(Word {
            start,
            end,
            after,
            width,
        });
        return;
    }
    let mut piece = start;
    let mut used = 0;
    for (i, g) in line[start..end].grapheme_indices(true) {
        let w = columns(g);
        if used + w > rest && start + i > piece {
            words.push(Word {
                start: piece,
                end: start + i,
                after: start + i,
                width: used,
            });
            piece = start + i;
            used = 0;
        }
        used += w;
    }
    words.push(Word {
        start: piece,
        end,
        after,
        width: used,
    });
}

/// Whether `c` is written in a script without spaces between words, where a line may break
/// between any two characters: the CJK ideographs, kana and hangul, and their full-width
/// punctuation.
fn ideograph(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Whether a line may end between `before` and `next`, written with no space between them:
/// between two ideographs, as Chinese, Japanese and Korean break, and between two emoji
/// (a run of them, 🎉🎉🎉, is no word; Unicode's line breaking lets a line end between any
/// two), but never inside one emoji (after a joiner, before a skin tone or a selector, inside
/// a flag), nor before the punctuation that closes a clause or a bracket (，。、！？）」),
/// which a line there must not start with, nor after a bracket that opens (（「『), which it
/// must not end with.
pub fn breaks_between(before: char, next: char) -> bool {
    let ends = |c: char| ideograph(c) || pictograph(c) || emoji_tail(c);
    let starts = |c: char| ideograph(c) || pictograph(c);
    ends(before) && starts(next) && !closes(next) && !opens(before)
}

/// Whether `c` is an emoji that begins what a terminal draws as one (🎉, 👩, ❤), of the blocks
/// of pictographs and symbols: not a skin tone, a joiner or a selector, which go on one, nor a
/// flag's regional indicator, which pairs with the next.
fn pictograph(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}'
        | '\u{1F300}'..='\u{1F3FA}'
        | '\u{1F400}'..='\u{1F64F}'
        | '\u{1F680}'..='\u{1F6FF}'
        | '\u{1F7E0}'..='\u{1F7FF}'
        | '\u{1F900}'..='\u{1F9FF}'
        | '\u{1FA70}'..='\u{1FAFF}')
}

/// Whether `c` can end an emoji begun before it: a skin tone (👍🏽) or the selector that asks
/// for an emoji's picture (❤️).
fn emoji_tail(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0F}')
}

/// Whether `c` is full-width punctuation that ends a clause or closes a bracket.
fn closes(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '・'
            | 'ー'
            | '！'
            | '％'
            | '）'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '］'
            | '｝'
            | '｠'
    )
}

/// Whether `c` is a full-width bracket that opens.
fn opens(c: char) -> bool {
    matches!(
        c,
        '〈' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〘' | '〚' | '（' | '［' | '｛' | '｟'
    )
}

/// One line of [`wrapped`], its bytes beginning at `at` in the whole text.
fn wrap_line(
    line: &str,
    at: usize,
    first: usize,
    rest: usize,
    break_words: bool,
    lines: &mut Vec<Range<usize>>,
) {
    let mut words: Vec<Word> = Vec::new();
    let mut start = 0;
    while start < line.len() {
        let end = line[start..].find(' ').map_or(line.len(), |i| start + i);
        let after = line[end..]
            .find(|c: char| c != ' ')
            .map_or(line.len(), |i| end + i);
        // Chinese, Japanese and Korean are written without spaces: a line may break between
        // two ideographs as between two words, with no space between the pieces.
        let mut piece = start;
        let mut before = None;
        for (i, c) in line[start..end].char_indices() {
            if before.is_some_and(|b| breaks_between(b, c)) {
                push_word(
                    &mut words,
                    line,
                    piece..start + i,
                    start + i,
                    rest,
                    break_words,
                );
                piece = start + i;
            }
            before = Some(c);
        }
        push_word(&mut words, line, piece..end, after, rest, break_words);
        start = after;
    }
    // First fit: each word on the line so far, if it fits there after the spaces before it.
    let mut begin: Option<usize> = None;
    let mut last_end = 0;
    let mut used = 0;
    for word in &words {
        let room = if lines.is_empty() { first } else { rest };
        if let Some(from) = begin
            && used + word.width > room
        {
            lines.push(at + from..at + last_end);
            begin = None;
            used = 0;
        }
        if begin.is_none() {
            // A first line that cannot hold a word broken to the others' width is left empty.
            if lines.is_empty() && break_words && word.width > first && word.width <= rest {
                lines.push(at..at);
            }
            begin = Some(word.start);
        }
        last_end = word.end;
        // The spaces after a word are a column each.
        used += word.width + (word.after - word.end);
    }
    let from = begin.unwrap_or(0);
    lines.push(at + from..at + last_end.max(from));
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

/// Bidirectional-control characters, which can make a terminal show text in an order other
/// than the bytes' (the "trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are not controls to Unicode but still break a line or reorder text when
/// printed: the line and paragraph separators, and the bidi controls.
fn is_unsafe_format(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

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
fn start_of(text: &str, most: usize) -> &str {
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
/// [`folded`] leaves out too, so what is copied from the message names the same person and
/// holds nothing unseen (`type 'Ana' for the first`, not `'Ana\u{200b}'`).
pub fn to_type(name: &str) -> String {
    let seen: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    sanitize(&seen)
}

fn escape_char(c: char) -> String {
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

/// A count and its noun, in the form the count takes: "1 promise", "3 people". Every message
/// that counts says it this one way.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A number of days as a count says it: "1 day", "3 days" (and "-2 days").
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty name or promise says what goes there with an example, on the command line
    /// with the quotes a shell wants, in a form without them; other faults say no more.
    #[test]
    fn an_empty_name_or_promise_says_what_goes_there() {
        let name = TextError::Empty { field: "name" };
        assert_eq!(
            name.typed(),
            "name is empty; give the colleague's name, quoted if it has a space, as in \"Priya Raman\""
        );
        assert_eq!(
            name.in_a_form(),
            "name is empty; give the colleague's name, as in: Priya Raman"
        );
        let what = TextError::Invisible { field: "what" };
        assert_eq!(
            what.in_a_form(),
            "what has no visible characters; say what was promised, as in: send the Q3 deck by Friday"
        );
        let role = TextError::Empty { field: "role" };
        assert_eq!(role.in_a_form(), "role is empty");
        assert_eq!(role.typed(), "role is empty");
    }

    #[test]
    fn a_handle_taken_twice_keeps_its_number_when_cut() {
        assert_eq!(fit_keeping_number("priya-raman-2", 13), "priya-raman-2");
        assert_eq!(fit_keeping_number("priya-raman-2", 12), "priya-ram…-2");
        assert_eq!(fit_keeping_number("priya-raman-12", 8), "priy…-12");
        // Too narrow for the number and a letter before it, or no number: cut at the end.
        assert_eq!(fit_keeping_number("priya-raman-12", 4), "pri…");
        assert_eq!(fit_keeping_number("priya-raman", 8), "priya-r…");
        assert_eq!(fit_keeping_number("ann-", 3), "an…");
    }

    #[test]
    fn fit_cuts_by_display_width_without_splitting_wide_characters() {
        assert_eq!(fit("Priya", 10), "Priya");
        assert_eq!(fit("Priya Raman", 6), "Priya…");
        assert_eq!(fit("王芳王芳", 5), "王芳…");
        assert_eq!(fit("王芳王芳", 4), "王…");
        assert_eq!(fit("🚀🚀", 3), "🚀…");
        assert_eq!(fit("abc", 0), "");
        // Cut just after a space: no gap before the `…`.
        assert_eq!(fit("Bob the Builder", 9), "Bob the…");
        assert_eq!(fit("Bob   the Builder", 7), "Bob…");
        // An emoji joined from three is kept or cut whole, never left as a bare joiner.
        let family = "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let cut = fit(&format!("ab{family}{family}"), 5);
        assert!(!cut.contains("\u{200d}\u{2026}"), "{cut:?}");
        assert!(cut == "ab…" || cut == format!("ab{family}…"), "{cut:?}");
    }

    /// A name begun with its marks left out: the whole name and each word, never the middle
    /// of one, and nothing for a query of marks alone.
    #[test]
    fn mark_free_starts_are_the_whole_and_each_word() {
        let sean = MarkFree::of(&[&folded("Seán O'Brien"), &folded("sean-obrien")]);
        let mary = MarkFree::of(&[&folded("Mary-Jane Watts"), "mary-jane-watts"]);
        let start = |typed: &str| MarkFreeStart::of(&folded(typed)).unwrap();
        assert!(sean.begun_by(&start("obrien")));
        assert!(sean.begun_by(&start("O BRI")));
        assert!(sean.begun_by(&start("seanobr")));
        assert!(!sean.begun_by(&start("brien")));
        assert!(mary.begun_by(&start("maryjane")));
        assert!(mary.begun_by(&start("mary.jane")));
        assert!(!mary.begun_by(&start("janewatts")));
        assert!(!mary.begun_by(&start("obrien")));
        let anne = MarkFree::of(&[&folded("Anne Mary-Jane")]);
        assert!(anne.begun_by(&start("maryjane")));
        assert!(anne.begun_by(&start("jane")));
        assert_eq!(MarkFreeStart::of("'-."), None);
        assert_eq!(MarkFreeStart::of("#+1"), None);
    }

    /// Emoji keep their joiners and variation selectors; what must not reach a terminal, a
    /// quote mark and a backslash are escaped, as `{:?}` escapes them.
    #[test]
    fn text_is_quoted_as_text() {
        let family = "👨\u{200d}👩\u{200d}👧 ✔\u{fe0f}";
        assert_eq!(quoted(family), format!("\"{family}\""));
        assert_eq!(
            quoted("a \"b\" \\ c\nd\u{202e}e"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u{202e}e\""
        );
    }

    /// serde_json says a hex escape ended where a lone surrogate was the fault: said so.
    #[test]
    fn a_lone_surrogate_escape_is_named_as_one() {
        for text in [r#""\ud800 ""#, r#""\ud800\u0041""#, r#""x\udc00""#] {
            let e = serde_json::from_str::<String>(text)
                .unwrap_err()
                .to_string();
            let said = json_in_words(&e[..e.rfind(" at line ").unwrap_or(e.len())]);
            assert!(
                said.starts_with("a lone surrogate escape (\\uD800 to \\uDFFF"),
                "{text}: {said}"
            );
        }
    }

    #[test]
    fn a_cut_text_ends_with_an_ellipsis_within_its_length() {
        assert_eq!(cut("héllo", 5), "héllo");
        assert_eq!(cut("héllo!", 5), "héll…");
        assert_eq!(cut("héllo!", 1), "…");
    }

    /// Cut by characters, a long text lost the accent of a letter written with a combining
    /// mark, or kept half an emoji and its joiner, where the cut fell between them; it is
    /// now cut between what a terminal draws as one, within the same length.
    #[test]
    fn a_cut_never_falls_inside_what_is_drawn_as_one() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let typed = format!("{}{family}{}", "a".repeat(58), "b".repeat(30));
        assert_eq!(
            quoted_back(&typed),
            format!("{}… (93 characters)", "a".repeat(58))
        );
        let typed = format!("{}e\u{301}{}", "a".repeat(59), "b".repeat(30));
        assert_eq!(
            quoted_back(&typed),
            format!("{}… (91 characters)", "a".repeat(59))
        );
        assert_eq!(cut("ae\u{301}bc", 3), "a…");
        assert_eq!(cut(&format!("ok {family} done"), 6), "ok…");
        // A letter under more marks than the room is cut all the same, within it.
        let piled = format!("a{}", "\u{301}".repeat(100));
        assert_eq!(
            quoted_back(&piled).chars().count(),
            60 + "… (101 characters)".chars().count()
        );
        assert_eq!(cut(&piled, 5).chars().count(), 5);
    }

    #[test]
    fn something_typed_is_quoted_back_whole_when_short_and_by_its_start_when_long() {
        assert_eq!(quoted_back("priya"), "priya");
        let eighty = "é".repeat(80);
        assert_eq!(quoted_back(&eighty), eighty);
        let long = "é".repeat(81);
        assert_eq!(
            quoted_back(&long),
            format!("{}… (81 characters)", "é".repeat(60))
        );
    }

    #[test]
    fn a_count_takes_the_noun_of_its_number() {
        assert_eq!(counted(1, "person", "people"), "1 person");
        assert_eq!(counted(0, "person", "people"), "0 people");
        assert_eq!(counted(12, "promise", "promises"), "12 promises");
    }

    #[test]
    fn a_slip_is_one_edit_or_two_for_a_word_of_six_letters() {
        assert_eq!(typo("pryia", "priya"), Some(1), "two letters swapped");
        assert_eq!(typo("prya", "priya"), Some(1));
        assert_eq!(typo("pria", "priyaa"), Some(2), "two for six letters meant");
        assert_eq!(typo("parkkk", "park"), Some(2), "two for six letters typed");
        assert_eq!(
            typo("pra", "priya"),
            None,
            "two are too many for five letters"
        );
        assert_eq!(typo("ab", "abc"), None, "too short to tell");
        assert_eq!(typo("priya", "priya"), Some(0));
    }

    #[test]
    fn items_are_listed_as_a_sentence_lists_them() {
        assert_eq!(listed(&[], "and"), "");
        assert_eq!(listed(&["Rung"], "and"), "Rung");
        assert_eq!(listed(&["Rung", "Due"], "and"), "Rung and Due");
        assert_eq!(listed(&["a", "b", "c"], "or"), "a, b or c");
    }

    #[test]
    fn required_trims_and_refuses_empty() {
        assert_eq!(required("name", "  Priya  ", MAX_NAME).unwrap(), "Priya");
        assert_eq!(
            required("name", "   ", MAX_NAME),
            Err(TextError::Empty { field: "name" })
        );
    }

    #[test]
    fn length_is_counted_in_characters() {
        let ok = "é".repeat(MAX_NAME);
        assert!(required("name", &ok, MAX_NAME).is_ok());
        let long = "é".repeat(MAX_NAME + 1);
        assert_eq!(
            required("name", &long, MAX_NAME).unwrap_err().to_string(),
            "name is too long (81 characters, at most 80)"
        );
    }

    #[test]
    fn control_characters_are_refused_and_named() {
        let err = required("what", "ship\u{1b}[31m it", MAX_WHAT).unwrap_err();
        assert_eq!(
            err.to_string(),
            "what contains a control character (\\u{1b}); type plain text"
        );
        assert!(optional("note", "a\nb", MAX_NOTE).is_err());
    }

    #[test]
    fn folded_names_ignore_case_accents_and_spacing() {
        assert_eq!(folded("José  Álvarez"), "jose alvarez");
        assert_eq!(folded("JOSE\u{301} alvarez"), "jose alvarez");
        assert_eq!(folded("王芳"), "王芳");
        assert_eq!(folded("Ørjan Łukasz Đurić"), "orjan lukasz duric");
        assert_eq!(folded("Işıl Yılmaz İsmail"), "isil yilmaz ismail");
        assert_eq!(folded("Ærø ŒUVRE Þórður"), "aero oeuvre thordur");
        assert_ne!(folded("Ana Lu"), folded("Ana-Lu"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]
        /// ASCII names are folded without decomposing them: to the same words as any text.
        #[test]
        fn an_ascii_name_folds_as_any_text_does(name in "[ -~\t\n\x0b\x0c\r]{0,24}") {
            proptest::prop_assert_eq!(folded(&name), folded_unicode(&name));
        }

        /// Printable ASCII and Latin letters are measured without segmenting them, to what
        /// segmenting gives, and text with anything else in it (a tab, a soft hyphen, a
        /// combining accent, a lam-alef) to what segmenting gives too.
        #[test]
        fn latin_text_takes_the_columns_its_graphemes_do(
            text in "[ -~\u{a0}-\u{24f}]{0,24}",
            other in "[ -~\t\r\n\u{ad}\u{300}\u{644}\u{627}é✔\u{fe0f}王]{0,12}"
        ) {
            use unicode_segmentation::UnicodeSegmentation;
            use unicode_width::UnicodeWidthStr;
            let segmented = |t: &str| t.graphemes(true).map(UnicodeWidthStr::width).sum::<usize>();
            proptest::prop_assert_eq!(columns(&text), segmented(&text));
            proptest::prop_assert_eq!(columns(&other), segmented(&other));
        }

        /// A word is a typo of another only within the edits their lengths allow.
        #[test]
        fn a_typo_is_what_the_edit_distance_says(typed in "[a-zé]{0,9}", meant in "[a-zé]{0,9}") {
            let most = if typed.chars().count().max(meant.chars().count()) >= 6 { 2 } else { 1 };
            let expected = Some(edits(&typed, &meant))
                .filter(|d| *d <= most && typed.chars().count() >= 3);
            proptest::prop_assert_eq!(typo(&typed, &meant), expected);
        }

        /// The distance in a band, given up on early, is the whole distance whenever that is
        /// within the band: on words of few letters, so that many are swaps and near misses.
        #[test]
        fn the_distance_within_a_band_is_the_whole_one(
            a in "[abé]{0,9}",
            b in "[abé]{0,9}",
            most in 0usize..4,
        ) {
            let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let expected = Some(edits(&a, &b)).filter(|d| *d <= most);
            proptest::prop_assert_eq!(edits_within(&ac, &bc, most), expected);
        }
    }

    #[test]
    fn folded_names_leave_out_what_draws_nothing() {
        for name in [
            "Ana\u{200b}",
            "\u{feff}Ana",
            "A\u{2060}na",
            "An\u{ad}a",
            "ANA\u{200d}",
        ] {
            assert_eq!(folded(name), "ana", "{name:?}");
        }
        assert_eq!(folded("Ana\u{200b} Lu"), "ana lu");
    }

    #[test]
    fn what_draws_nothing_is_trimmed_from_the_ends_but_an_emoji_keeps_its_selector() {
        assert_eq!(
            required(
                "name",
                "\u{feff}Priya Raman\u{200b}\u{2060}\u{ad} ",
                MAX_NAME
            )
            .unwrap(),
            "Priya Raman"
        );
        assert_eq!(
            required("name", "Ana ❤\u{fe0f}", MAX_NAME).unwrap(),
            "Ana ❤\u{fe0f}"
        );
        assert_eq!(
            required("name", "Ana\u{200b}Lu", MAX_NAME).unwrap(),
            "Ana\u{200b}Lu",
            "inside, left alone"
        );
        assert!(matches!(
            required("name", "Ana\u{202e}", MAX_NAME),
            Err(TextError::Reordering { .. })
        ));
        assert_eq!(to_type("Zo\u{200b}ra Quinn"), "Zora Quinn");
    }

    #[test]
    fn folded_names_take_apart_what_full_case_folding_does() {
        assert_eq!(folded("Großes"), folded("GROSSES"));
        assert_eq!(folded("Straße Meißner"), folded("STRASSE MEISSNER"));
        assert_eq!(folded("GROẞES"), "grosses");
        assert_eq!(folded("Νίκος"), folded("ΝΙΚΟΣ"));
        assert_eq!(folded("νίκος-παπαδόπουλος"), folded("νίκοσ-παπαδόπουλοσ"));
        assert_eq!(folded("ﬁnn ﬂoß"), "finn floss");
        assert_eq!(folded("Carſten"), "carsten");
    }

    /// A letter that is two to the compatibility decomposition is those two letters: `ǅemal`
    /// (the one letter ǅ) was not found by `dzemal`, as typed on a keyboard. A spacing
    /// accent, which that decomposition makes a space, still parts no words.
    #[test]
    fn folded_names_take_compatibility_letters_apart() {
        for name in ["ǅemal", "Ǆemal", "ǆemal", "DŽEMAL", "Džemal"] {
            assert_eq!(folded(name), "dzemal", "{name:?}");
        }
        assert_eq!(folded("Ĳsbrand ĳsselmeer"), "ijsbrand ijsselmeer");
        assert_eq!(folded("ǈuba ǋive"), "ljuba njive");
        assert_eq!(folded("ﬃon ﬅeen"), "ffion steen");
        assert_eq!(folded("Ａｎｎ Ｌｅｅ"), "ann lee");
        assert_eq!(folded("O´Brien"), "o´brien");
        assert_eq!(folded("Ann\u{a0}Lee"), "ann lee");
    }

    #[test]
    fn invisible_only_text_and_reordering_characters_are_refused() {
        for name in [
            "\u{ad}",
            "\u{200b}\u{feff}",
            " \u{ad} \u{200b} ",
            "\u{3164}",
            "\u{2800}",
        ] {
            assert_eq!(
                required("name", name, MAX_NAME),
                Err(TextError::Invisible { field: "name" }),
                "{name:?}"
            );
        }
        assert_eq!(
            required("name", "\u{200b}", MAX_NAME)
                .unwrap_err()
                .to_string(),
            "name has no visible characters"
        );
        for c in [
            '\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}', '\u{2028}', '\u{2029}',
        ] {
            let err = optional("note", &format!("a{c}b"), MAX_NOTE).unwrap_err();
            assert!(matches!(err, TextError::Reordering { .. }), "{c:?}");
        }
        assert_eq!(
            required("what", "ship \u{202e}it", MAX_WHAT)
                .unwrap_err()
                .to_string(),
            "what contains a character that reorders or breaks the text on screen (\\u{202e}); type plain text"
        );
        // Visible text may hold invisible characters: emoji need their joiners.
        assert_eq!(
            required("name", "👩\u{200d}💻 Ana", MAX_NAME).unwrap(),
            "👩\u{200d}💻 Ana"
        );
        assert!(required("name", "Ana\u{ad}", MAX_NAME).is_ok());
    }

    #[test]
    fn stored_text_follows_the_input_rules_but_may_keep_its_spaces() {
        assert_eq!(check_stored("name", " Priya ", MAX_NAME, true), Ok(()));
        assert_eq!(
            check_stored("what", "", MAX_WHAT, true),
            Err(TextError::Empty { field: "what" })
        );
        assert_eq!(check_stored("note", "", MAX_NOTE, false), Ok(()));
        assert!(matches!(
            check_stored("name", &"x".repeat(MAX_NAME + 1), MAX_NAME, true),
            Err(TextError::TooLong { .. })
        ));
        assert!(matches!(
            check_stored("note", "a\nb", MAX_NOTE, false),
            Err(TextError::Control { .. })
        ));
        // Nor at either end: only spaces are let through there.
        for text in ["x\n", "\tx", "x\r", "\u{85}x"] {
            assert!(
                matches!(
                    check_stored("note", text, MAX_NOTE, false),
                    Err(TextError::Control { .. })
                ),
                "{text:?}"
            );
        }
        for text in ["x\u{2028}", "\u{2029}x"] {
            assert!(
                matches!(
                    check_stored("note", text, MAX_NOTE, false),
                    Err(TextError::Reordering { .. })
                ),
                "{text:?}"
            );
        }
        assert_eq!(
            check_stored("note", "\u{a0}x\u{3000}", MAX_NOTE, false),
            Ok(())
        );
    }

    #[test]
    fn text_is_kept_composed() {
        let combining = "Jose\u{301}";
        let composed = "Jos\u{e9}";
        assert_eq!(required("name", combining, MAX_NAME).unwrap(), composed);
        assert_eq!(required("name", composed, MAX_NAME).unwrap(), composed);
        assert_eq!(nfc("plain"), "plain");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Priya Raman"), "priya-raman");
        assert_eq!(slug("  O'Brien, Seán "), "o-brien-seán");
        assert_eq!(slug("王芳"), "王芳");
        assert_eq!(slug("🚀"), "person");
        assert_eq!(slug("Ana--Lu"), "ana-lu");
        assert_eq!(slug("Zo\u{200b}ra Mar\u{ad}tin"), "zora-martin");
        assert_eq!(slug("İsmail Kaya"), "ismail-kaya");
        // A combining mark stays in its word, and a word of marks alone is no word.
        assert_eq!(slug("प्रिया शर्मा"), "प्रिया-शर्मा");
        assert_eq!(slug("Lef\u{300}vre"), "lef\u{300}vre");
        assert_eq!(slug("Ana \u{301}\u{301} Lu"), "ana-lu");
        assert_eq!(slug("\u{301}"), "person");
        assert_eq!(slug("ΝΊΚΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ"), "νίκος-παπαδόπουλος");
        assert_eq!(slug("ΣΟΦΙΑ Σ."), "σοφια-σ");
        assert_eq!(slug("Straße"), "straße");
    }

    #[test]
    fn text_is_wrapped_between_words_by_the_columns_drawn() {
        let lines = |text: &str, first, rest, break_words| -> Vec<String> {
            wrapped(text, first, rest, break_words)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(
            lines("ask anna-lee first", 10, 10, true),
            ["ask", "anna-lee", "first"]
        );
        assert_eq!(
            lines("  indented  text ", 40, 40, true),
            ["  indented  text"]
        );
        assert_eq!(lines("", 10, 10, true), [""]);
        assert_eq!(lines("one\ntwo", 10, 10, true), ["one", "two"]);
        assert_eq!(columns("✔️❤️1️⃣"), 6);
        assert_eq!(lines("✔️ ✔️ ✔️", 5, 5, true), ["✔️ ✔️", "✔️"]);
        assert_eq!(lines("王芳王芳王", 4, 4, true), ["王芳", "王芳", "王"]);
        assert_eq!(
            lines("a verylongword b", 4, 4, false),
            ["a", "verylongword", "b"]
        );
        // A first line too short for a word broken to the others' width is left empty.
        assert_eq!(lines("abcdef", 2, 6, true), ["", "abcdef"]);
        // Ideographs break between any two, words never, with words broken or not.
        for break_words in [false, true] {
            assert_eq!(
                lines("审查拉取请求并写下", 8, 8, break_words),
                ["审查拉取", "请求并写", "下"]
            );
            assert_eq!(
                lines("见 pull-request 审查", 14, 14, break_words),
                ["见", "pull-request", "审查"]
            );
            assert_eq!(
                lines("ask 王芳王芳 now", 9, 9, break_words),
                ["ask 王芳", "王芳 now"]
            );
            // Never before a comma or a closing bracket, nor after an opening one: the
            // ideograph before it goes down with it.
            assert_eq!(
                lines("修好测试，然后部署", 8, 8, break_words),
                ["修好测", "试，然后", "部署"]
            );
            assert_eq!(
                lines("先看「设计」文档", 6, 6, break_words),
                ["先看", "「设", "计」文", "档"]
            );
        }
    }

    /// A run of emoji with no space in it ran past the edge, a word too wide for any line;
    /// it breaks between any two emoji, as ideographs do, but never inside one: a family
    /// joined with U+200D, a skin tone, ❤️ and its selector, a flag stay whole.
    #[test]
    fn a_run_of_emoji_breaks_between_emoji_never_inside_one() {
        let lines = |text: &str, width: usize| -> Vec<String> {
            wrapped(text, width, width, false)
                .into_iter()
                .map(|range| text[range].to_string())
                .collect()
        };
        assert_eq!(lines("🎉🎉🎉🎉🎉", 4), ["🎉🎉", "🎉🎉", "🎉"]);
        assert_eq!(
            lines("party 🎉🎉🎉🎉 now", 7),
            ["party", "🎉🎉🎉", "🎉 now"]
        );
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(
            lines(&format!("{family}{family}{family}"), 4),
            [format!("{family}{family}"), family.to_string()]
        );
        assert_eq!(lines("👍🏽👍🏽👍🏽", 4), ["👍🏽👍🏽", "👍🏽"]);
        assert_eq!(
            lines("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}", 4),
            ["❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}"]
        );
        // A flag is two regional indicators, and is not broken.
        assert_eq!(lines("🇩🇪🇫🇷", 2), ["🇩🇪🇫🇷"]);
        for line in lines("🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉", 38)
        {
            assert!(columns(&line) <= 38, "{line}");
        }
    }

    #[test]
    fn numbers_sort_by_their_value() {
        let mut names = ["zed 10", "zed 2", "zed 1", "ann", "zed 02b", "zed"];
        names.sort_by_cached_key(|n| numbers_by_value(n));
        assert_eq!(names, ["ann", "zed", "zed 1", "zed 2", "zed 02b", "zed 10"]);
    }

    #[test]
    fn sanitize_makes_controls_and_bidi_visible() {
        assert_eq!(sanitize("plain 王芳 🚀"), "plain 王芳 🚀");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("red\u{1b}[31m"), "red\\u{1b}[31m");
        assert_eq!(sanitize("x\ny"), "x\\ny");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("\u{9b}"), "\\u{9b}");
    }

    #[test]
    fn sanitize_leaves_no_control_bidi_or_separator_unescaped() {
        let mut unsafe_chars: Vec<char> = (0u32..0x20)
            .chain(0x7f..0xa0)
            .filter_map(char::from_u32)
            .collect();
        unsafe_chars.extend([
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{2028}', '\u{2029}',
        ]);
        for c in unsafe_chars {
            let out = sanitize(&format!("a{c}b"));
            assert!(!out.contains(c), "{c:?} came through as {out:?}");
            let expected = if c == '\t' {
                "a b".to_string()
            } else {
                format!("a{}b", escape_char(c))
            };
            assert_eq!(out, expected, "{c:?}");
        }
        assert_eq!(sanitize("a\u{2028}b"), "a\\u{2028}b");
        assert_eq!(sanitize("a\rb"), "a\\rb");
        assert_eq!(
            sanitize("👩\u{200d}💻 ok"),
            "👩\u{200d}💻 ok",
            "joiners in emoji stay"
        );
    }

    #[test]
    fn a_word_quoted_visibly_shows_what_draws_nothing() {
        for (c, shown) in [
            ('\u{200b}', "\\u{200b}"),
            ('\u{200c}', "\\u{200c}"),
            ('\u{200d}', "\\u{200d}"),
            ('\u{2060}', "\\u{2060}"),
            ('\u{feff}', "\\u{feff}"),
            ('\u{ad}', "\\u{ad}"),
            ('\u{202e}', "\\u{202e}"),
            ('\u{1b}', "\\u{1b}"),
        ] {
            assert_eq!(visibly(&format!("fri{c}")), format!("fri{shown}"), "{c:?}");
        }
        assert_eq!(visibly("dec 15"), "dec 15");
        assert_eq!(visibly("dec\t15"), "dec\t15", "a tab is sanitize's to show");
        // Names are shown by `sanitize`, which leaves an emoji's joiner alone.
        assert_eq!(sanitize("👩\u{200d}💻"), "👩\u{200d}💻");
    }
}
