//! Aligned text tables. Widths are measured in terminal columns (`unicode-width`), not in
//! bytes or characters, so a row with a CJK or emoji name lines up with the rows around it.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::core::dates::{self, Iso};
use crate::core::text::sanitize;

/// How a column's cells sit in their width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table built row by row and rendered once every width is known. The cells are kept
/// one after the other in one string, so a table of a hundred thousand rows costs little
/// more memory than its text.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    /// Every column's width so far, the headers' to start with.
    widths: Vec<usize>,
    /// The cells' text, sanitized, one after the other.
    text: String,
    /// Where each cell ends in `text`, and how many columns it takes on screen.
    cells: Vec<(usize, usize)>,
    /// Where each row's cells end in `cells`.
    rows: Vec<usize>,
    /// The terminal's width, which the last column's text is wrapped to ([`Table::fit_to`]).
    fit: Option<usize>,
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| (*h).to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            widths: columns.iter().map(|(h, _)| h.width()).collect(),
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            fit: None,
        }
    }

    /// The table for a terminal `width` columns wide (`None` for a pipe or a file): where the
    /// other columns leave the last one, aligned left, at least [`MIN_FREE`] columns, a longer
    /// text there is wrapped within the column, its lines after the first starting under it,
    /// where a terminal would break it across the other columns.
    pub fn fit_to(mut self, width: Option<usize>) -> Table {
        self.fit = width;
        self
    }

    /// Adds a row. Cells are sanitized here, so no caller can forget to, and measured after
    /// sanitizing, since escapes make text wider.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, cell) in cells.into_iter().enumerate() {
            let (clean, width) = measured(cell.as_ref());
            self.text.push_str(&clean);
            self.widen(i, width);
            self.cells.push((self.text.len(), width));
        }
        self.rows.push(self.cells.len());
    }

    /// Writes to `out` the table of `rows` as [`Table::render`] gives it after a
    /// [`Table::row`] for each, but without keeping a cell or the text: `cells` hands each of
    /// a row's cells to `put` in turn, and is called twice per row, once to measure the
    /// columns and once to write them, and the text goes out in pieces of [`PIECE`] bytes.
    /// For the longest tables (`list`'s line per promise), where kept cells and the whole
    /// text would take more memory than writing, and the time to copy them. Numbers and days
    /// are handed over as they are ([`Cell`]): measuring them takes no formatting, and they
    /// are written straight into the line. A last column aligned left is not measured: its
    /// padding would be trimmed from the end of every line anyway.
    pub fn write_made<R: Copy>(
        mut self,
        out: &mut dyn Write,
        indent: &str,
        rows: &[R],
        cells: impl Fn(R, &mut dyn FnMut(Cell)),
    ) -> io::Result<()> {
        let free = match self.aligns.last() {
            Some(Align::Left) => self.widths.len() - 1,
            _ => usize::MAX,
        };
        for &row in rows {
            let mut i = 0;
            cells(row, &mut |cell| {
                if i != free {
                    self.widen(i, cell.width());
                }
                i += 1;
            });
        }
        let wrap = self.free_room(indent);
        let mut text = String::with_capacity(PIECE + self.line_len(indent));
        let headers = self.headers.iter().map(|h| (h.as_str(), h.width()));
        self.line(&mut text, indent, headers, None);
        let mut number = itoa::Buffer::new();
        for &row in rows {
            let start = self.start_line(&mut text, indent);
            let mut i = 0;
            cells(row, &mut |cell| {
                match cell {
                    Cell::Text(cell) if i == free => {
                        if i > 0 {
                            text.push_str("  ");
                        }
                        let (clean, width) = measured(cell);
                        free_text(&mut text, &clean, width, wrap);
                    }
                    Cell::Text(cell) => {
                        let (clean, width) = measured(cell);
                        self.cell(&mut text, i, &clean, width);
                    }
                    Cell::Number(n) => {
                        let digits = number.format(n);
                        self.cell_after(&mut text, i, "#", digits, 1 + digits.len());
                    }
                    Cell::Day(Some(day)) => {
                        let day = Iso::new(day);
                        self.cell(&mut text, i, &day, day.len());
                    }
                    Cell::Day(None) => self.cell(&mut text, i, NO_DAY, NO_DAY.len()),
                }
                i += 1;
            });
            end_line(&mut text, start);
            if text.len() >= PIECE {
                out.write_all(text.as_bytes())?;
                text.clear();
            }
        }
        out.write_all(text.as_bytes())
    }

    /// Makes column `i` at least `width` wide.
    fn widen(&mut self, i: usize, width: usize) {
        if let Some(w) = self.widths.get_mut(i) {
            *w = (*w).max(width);
        }
    }

    /// True when no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as lines, each indented by `indent`, without trailing spaces.
    pub fn render(&self, indent: &str) -> String {
        let mut out = String::with_capacity((self.rows.len() + 1) * self.line_len(indent));
        let headers = self.headers.iter().map(|h| (h.as_str(), h.width()));
        self.line(&mut out, indent, headers, None);
        let wrap = self.free_room(indent);
        let (mut cell, mut from) = (0, 0);
        for &end in &self.rows {
            let row = self.cells[cell..end].iter().map(|&(to, width)| {
                let text = &self.text[from..to];
                from = to;
                (text, width)
            });
            self.line(&mut out, indent, row, wrap);
            cell = end;
        }
        out
    }

    /// Where the last column begins and the room a terminal leaves it, when it is aligned
    /// left, the table is fitted to a terminal ([`Table::fit_to`]) and the room is at least
    /// [`MIN_FREE`] columns.
    fn free_room(&self, indent: &str) -> Option<(usize, usize)> {
        let fit = self.fit?;
        let free = self.widths.len().checked_sub(1)?;
        if self.aligns.get(free) != Some(&Align::Left) {
            return None;
        }
        let at = indent.width() + self.widths[..free].iter().sum::<usize>() + 2 * free;
        let room = fit.saturating_sub(at);
        (room >= MIN_FREE).then_some((at, room))
    }

    /// How long a line of ASCII cells as wide as their columns is.
    fn line_len(&self, indent: &str) -> usize {
        indent.len() + self.widths.iter().map(|w| w + 2).sum::<usize>()
    }

    /// One line of cells, each with its width, padded to the columns' widths; the last one
    /// wrapped within its column where `wrap` ([`Table::free_room`]) says so.
    fn line<'a>(
        &self,
        out: &mut String,
        indent: &str,
        cells: impl Iterator<Item = (&'a str, usize)>,
        wrap: Option<(usize, usize)>,
    ) {
        let start = self.start_line(out, indent);
        let last = self.widths.len().saturating_sub(1);
        for (i, (cell, width)) in cells.enumerate() {
            if i == last && wrap.is_some() {
                if i > 0 {
                    out.push_str("  ");
                }
                free_text(out, cell, width, wrap);
            } else {
                self.cell(out, i, cell, width);
            }
        }
        end_line(out, start);
    }

    /// Begins a line; what it returns is for [`end_line`].
    fn start_line(&self, out: &mut String, indent: &str) -> usize {
        let start = out.len();
        out.push_str(indent);
        start
    }

    /// Cell `i` of a line, `width` columns wide, padded to its column's width.
    fn cell(&self, out: &mut String, i: usize, cell: &str, width: usize) {
        self.cell_after(out, i, "", cell, width);
    }

    /// [`Table::cell`] for a cell written in two pieces, `first` and then `cell`, which
    /// together take `width` columns.
    fn cell_after(&self, out: &mut String, i: usize, first: &str, cell: &str, width: usize) {
        let pad = self
            .widths
            .get(i)
            .copied()
            .unwrap_or(0)
            .saturating_sub(width);
        if i > 0 {
            out.push_str("  ");
        }
        match self.aligns.get(i).copied().unwrap_or(Align::Left) {
            Align::Left => {
                out.push_str(first);
                out.push_str(cell);
                spaces(out, pad);
            }
            Align::Right => {
                spaces(out, pad);
                out.push_str(first);
                out.push_str(cell);
            }
        }
    }
}

/// A cell of a table made twice (see [`Table::write_made`]).
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text, sanitized and measured as [`Table::row`]'s cells are.
    Text(&'a str),
    /// A number, written `#` and its digits.
    Number(u64),
    /// A day, written `YYYY-MM-DD`, or `-` for none.
    Day(Option<NaiveDate>),
}

/// How much of a table made twice is written at a time: enough that writing costs little,
/// little enough to stay in the processor's cache.
const PIECE: usize = 64 * 1024;

/// The fewest columns a terminal must leave the last column for its text to be wrapped
/// within it; with less, lines are left whole for the terminal to break.
const MIN_FREE: usize = 20;

/// How a cell without a day reads.
const NO_DAY: &str = "-";

impl Cell<'_> {
    /// How many columns the cell takes, without writing it.
    fn width(self) -> usize {
        match self {
            Cell::Text(text) => measured(text).1,
            Cell::Number(n) => 1 + itoa::Buffer::new().format(n).len(),
            // Every day in range is written in ten columns.
            Cell::Day(Some(day)) if dates::in_range(day) => 10,
            Cell::Day(Some(day)) => Iso::new(day).len(),
            Cell::Day(None) => NO_DAY.len(),
        }
    }
}

/// The last column's text, `width` columns: whole, or where `wrap` gives the column's start
/// and room and the text is wider, wrapped between words within the room, its lines after
/// the first starting at the column. Words are measured as the table measures cells (an emoji
/// and its presentation selector as the two columns a terminal gives them) and never split,
/// so a word wider than the room (a link) stays whole, to be copied or opened as it is.
fn free_text(out: &mut String, text: &str, width: usize, wrap: Option<(usize, usize)>) {
    let (at, room) = match wrap {
        Some((at, room)) if width > room => (at, room),
        _ => {
            out.push_str(text);
            return;
        }
    };
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wide = word.width();
        if used > 0 && used + 1 + wide > room {
            out.push('\n');
            spaces(out, at);
            used = 0;
        }
        if used > 0 {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += wide;
    }
}

/// Ends the line begun at `start`: without trailing spaces, and a line break.
fn end_line(out: &mut String, start: usize) {
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

/// A cell as it is shown, sanitized, and how many columns it takes. Printable ASCII, the
/// usual cell, needs no escapes and is as wide as it is long.
fn measured(cell: &str) -> (Cow<'_, str>, usize) {
    if cell.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        (Cow::Borrowed(cell), cell.len())
    } else {
        let clean = sanitize(cell);
        let width = clean.width();
        (Cow::Owned(clean), width)
    }
}

fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let some = n.min(SPACES.len());
        out.push_str(&SPACES[..some]);
        n -= some;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_keep_columns_aligned() {
        let mut t = Table::new(&[("NAME", Align::Left), ("N", Align::Right)]);
        t.row(["王芳", "3"]);
        t.row(["Ana 🚀", "12"]);
        t.row(["Bo", "1"]);
        assert_eq!(
            t.render(""),
            "NAME     N\n王芳     3\nAna 🚀  12\nBo       1\n"
        );
    }

    #[test]
    fn cells_are_sanitized_before_measuring() {
        let mut t = Table::new(&[("A", Align::Left), ("B", Align::Left)]);
        t.row(["x\u{1b}y", "z"]);
        assert_eq!(t.render("  "), "  A         B\n  x\\u{1b}y  z\n");
    }

    /// The table [`Table::write_made`] writes.
    fn made<R: Copy>(
        columns: &[(&str, Align)],
        rows: &[R],
        cells: impl Fn(R, &mut dyn FnMut(Cell)),
    ) -> String {
        let mut out = Vec::new();
        Table::new(columns)
            .write_made(&mut out, "  ", rows, cells)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn on_a_terminal_the_last_column_wraps_within_itself() {
        let rows = [
            (
                7,
                "Send the slides for the quarterly review to the whole team",
            ),
            (12, "Short"),
        ];
        let columns = [("ID", Align::Right), ("WHAT", Align::Left)];
        let write = |fit: Option<usize>| {
            let mut out = Vec::new();
            Table::new(&columns)
                .fit_to(fit)
                .write_made(&mut out, "  ", &rows, |(n, what), put| {
                    put(Cell::Number(n));
                    put(Cell::Text(what));
                })
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        // The last column starts at column 7 ("  " + "ID " + "  "): 30 columns leave it 23.
        assert_eq!(
            write(Some(30)),
            "   ID  WHAT\n   #7  Send the slides for the\n       quarterly review to the\n       whole team\n  #12  Short\n"
        );
        // To a pipe, or with less room than MIN_FREE, every line stays whole.
        let whole = "   ID  WHAT\n   #7  Send the slides for the quarterly review to the whole team\n  #12  Short\n";
        assert_eq!(write(None), whole);
        assert_eq!(write(Some(7 + MIN_FREE - 1)), whole);
        // Words are never split, and are measured as a terminal shows them: a link wider than
        // the room stays whole on a line of its own; an emoji with its presentation selector
        // takes two columns (eight and their spaces fill the 24 columns left of 30).
        let link = "https://example.com/a/very/long/path/to/the/design/document";
        let odd = [(1, format!("Read {link} first")), (2, "❤️ ".repeat(12))];
        let mut kept = Table::new(&columns).fit_to(Some(30));
        for (n, what) in &odd {
            kept.row([format!("#{n}").as_str(), what.as_str()]);
        }
        assert_eq!(
            kept.render("  "),
            format!(
                "  ID  WHAT\n  #1  Read\n      {link}\n      first\n  #2  ❤️ ❤️ ❤️ ❤️ ❤️ ❤️ ❤️ ❤️\n      ❤️ ❤️ ❤️ ❤️\n"
            )
        );
        // A table kept whole and rendered wraps the same way.
        for fit in [Some(30), None, Some(7 + MIN_FREE - 1)] {
            let mut kept = Table::new(&columns).fit_to(fit);
            for (n, what) in rows {
                kept.row([format!("#{n}").as_str(), what]);
            }
            assert_eq!(kept.render("  "), write(fit), "{fit:?}");
        }
    }

    #[test]
    fn a_table_made_twice_is_the_table_kept() {
        let day = crate::core::dates::parse_iso;
        let rows = [
            (1, "王芳", day("2026-11-30"), "a tab\there"),
            (22, "Ana 🚀", None, "plain"),
            (333, "x\u{1b}y", day("0999-01-02"), "  "),
            (4, "", day("9999-12-31"), "wide ｗｉｄｅ"),
            (u64::MAX, "Bo", None, "the largest number"),
        ];
        let columns = [
            ("N", Align::Right),
            ("NAME", Align::Left),
            ("DUE", Align::Left),
            ("WHAT", Align::Left),
        ];
        let cells = |(n, name, due, what): (u64, &str, Option<NaiveDate>, &str),
                     put: &mut dyn FnMut(Cell)| {
            put(Cell::Number(n));
            put(Cell::Text(name));
            put(Cell::Day(due));
            put(Cell::Text(what));
        };
        // The last column aligned left is not measured; aligned right it is.
        let mut right = columns;
        right[3].1 = Align::Right;
        // More rows than one piece of text holds.
        let many: Vec<_> = rows.iter().cycle().take(3_000).copied().collect();
        for (columns, rows) in [
            (columns, &rows[..]),
            (right, &rows[..]),
            (columns, &many[..]),
        ] {
            let mut kept = Table::new(&columns);
            for &(n, name, due, what) in rows {
                let due = due.map_or("-".to_string(), |d| Iso::new(d).to_string());
                kept.row([format!("#{n}"), name.to_string(), due, what.to_string()]);
            }
            let made = made(&columns, rows, cells);
            assert_eq!(made, kept.render("  "));
            assert_eq!(made.lines().count(), rows.len() + 1);
            // The number column is as wide as the largest number and its `#`, 21 columns.
            let line = made.lines().nth(4).unwrap_or_default();
            assert!(line.starts_with(&format!("  {:>21}  ", "#4")), "{made}");
        }
        assert!(made(&columns, &many[..], cells).len() > 2 * PIECE);
    }

    #[test]
    fn a_table_of_one_column_made_twice_is_the_table_kept() {
        let rows = ["one", "  two", "x\u{1b}y\t"];
        let mut kept = Table::new(&[("WHAT", Align::Left)]);
        for what in rows {
            kept.row([what]);
        }
        let made = made(&[("WHAT", Align::Left)], &rows, |what, put| {
            put(Cell::Text(what));
        });
        assert_eq!(made, kept.render("  "));
    }
}
