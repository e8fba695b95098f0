//! How many columns text takes on a terminal, and where its lines may break.

use std::ops::Range;

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
pub(super) fn ideograph(c: char) -> bool {
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
