//! Text pasted into a field: a field holds one line of what a person could type, and a
//! paste brings whatever the clipboard held, line breaks, tabs and a terminal's colours.

/// Pasted text as one line: each run of line breaks (CR LF, CR or LF, one or several: a
/// terminal may send a copied CR LF as two CRs, and a blank line between paragraphs is no
/// gap in a field) and each tab becomes a space, and other control characters, which no key
/// types either, are dropped, each escape sequence whole (the colours of a terminal's output
/// copied with it: dropping the ESC alone left `[31m` in the text). A line break it ends in
/// (a line copied whole comes with one) is dropped, with the blanks around it: as a space
/// after the text, it was a filter that matched nothing, and an editor's text coming back
/// has its end trimmed too. A space it ends in without one is kept (`Dr ` pasted before a
/// name).
pub fn one_line(pasted: &str) -> String {
    let mut line = String::with_capacity(pasted.len());
    let mut after_break = false;
    // Nothing but blanks since the last line break.
    let mut ends_in_break = false;
    let mut chars = pasted.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' if after_break => continue,
            '\r' | '\n' => {
                line.push(' ');
                after_break = true;
                ends_in_break = true;
                continue;
            }
            '\t' => line.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // The one-character forms of ESC [ (C1 CSI) and of the strings' starts.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => {
                line.push(c);
                ends_in_break &= c.is_whitespace();
            }
        }
        after_break = false;
    }
    if ends_in_break {
        line.truncate(line.trim_end().len());
    }
    line
}

/// Skips what follows an ESC: a control sequence (`ESC [ … m`), an operating system command
/// or other string (`ESC ] … BEL` or `ESC ] … ESC \\`), or a short escape, its intermediates
/// (`ESC ( B`, which `tput sgr0` sends, `ESC # 8`) and the one character that ends it.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
        .is_some()
    {}
    let Some(after) = chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c)) else {
        return;
    };
    match after {
        '[' => skip_csi(chars),
        ']' | 'P' | 'X' | '^' | '_' => skip_string(chars),
        _ => {}
    }
}

/// Skips a string's text up to its end (BEL, ST, or ESC \\): an operating system command's
/// title or link, which is no text of the field either.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' {
            chars.next_if_eq(&'\\');
            break;
        }
    }
}

/// Skips a control sequence's parameters and intermediates up to its final character
/// (`@` to `~`), which ends it.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(&c) = chars.peek() {
        if !('\u{20}'..='\u{3f}').contains(&c) {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            break;
        }
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Coloured output copied from a terminal: each escape sequence goes whole, where only
    /// its ESC went and `[31m` stayed in the text, to be saved.
    #[test]
    fn a_paste_drops_escape_sequences_whole() {
        for (pasted, kept) in [
            ("line two \u{1b}[31mred\u{1b}[0m end", "line two red end"),
            ("\u{1b}[1;38;5;208mbold\u{1b}[m", "bold"),
            ("\u{9b}4mC1\u{9b}0m", "C1"),
            (
                "a\u{1b}]8;;https://x.example\u{1b}\\link\u{1b}]8;;\u{7}b",
                "alinkb",
            ),
            ("keypad\u{1b}=on", "keypadon"),
            // `tput sgr0` on xterm: a charset choice, then the reset.
            ("A\u{1b}(Bb\u{1b}[mC\u{1b}#8D", "AbCD"),
            ("\u{9d}0;title\u{9c}after", "after"),
            ("cut at the end \u{1b}[3", "cut at the end "),
            ("a lone \u{1b}", "a lone "),
        ] {
            assert_eq!(one_line(pasted), kept, "{pasted:?}");
        }
    }

    #[test]
    fn line_breaks_and_tabs_become_one_space_each_run() {
        assert_eq!(one_line("iya\r\nRaman\tx\u{1b}\u{7}y\nb"), "iya Raman xy b");
        assert_eq!(one_line(" c\r\rd\n\n\ne"), " c d e");
    }

    /// A line copied whole (a triple click) comes with its line break, and a terminal's
    /// output with its colours' reset after it: neither is left as a space at the end. A
    /// space at the end with no line break is meant, and kept.
    #[test]
    fn what_a_paste_ends_in_that_shows_as_nothing_is_dropped() {
        for (pasted, kept) in [
            ("priya\n", "priya"),
            ("priya\r\n", "priya"),
            ("eom \t\r\n\n", "eom"),
            ("red\u{1b}[0m\n", "red"),
            ("\n", ""),
            ("  a b\nc  ", "  a b c  "),
            ("a\n \t", "a"),
            ("Dr ", "Dr "),
        ] {
            assert_eq!(one_line(pasted), kept, "{pasted:?}");
        }
    }
}
