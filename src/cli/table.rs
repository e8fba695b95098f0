//! Aligned text tables. Widths are measured in terminal columns (`unicode-width`), not in
//! bytes or characters, so a row with a CJK or emoji name lines up with the rows around it.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;

use crate::core::dates::{self, Iso};
use crate::core::text::{
    breaks_between, columns, fit_keeping_number, is_printable_ascii, listed, sanitize,
};

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
    /// The terminal's width the table is fitted to ([`Table::fit_to`]).
    fit: Option<usize>,
    /// The column whose text wraps on a terminal ([`Table::wrapping`]); the last by default.
    wrap: Option<usize>,
    /// The columns a narrow terminal may leave out, the first to go first
    /// ([`Table::may_leave_out`]).
    spare: Vec<usize>,
    /// How many of `spare` go before the wrapping column may go under its rows.
    below_from: usize,
    /// The columns left out on a terminal whatever its width ([`Table::without`]).
    without: Vec<usize>,
    /// The columns whose cells may be cut short, the first first ([`Table::may_cut`]).
    cut: Vec<usize>,
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| (*h).to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            widths: columns
                .iter()
                .map(|(h, _)| crate::core::text::columns(h))
                .collect(),
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            fit: None,
            wrap: None,
            spare: Vec::new(),
            below_from: 0,
            without: Vec::new(),
            cut: Vec::new(),
        }
    }

    /// The table for a terminal `width` columns wide (`None` for a pipe or a file, which get
    /// every line whole). A table wider than the terminal, which would break its lines across
    /// the columns, is fitted instead:
    /// - the wrapping column ([`Table::wrapping`]) wrapped within itself, where the others
    ///   leave it at least [`MIN_FREE`] columns ([`MIN_NARROW`] for a column between others),
    ///   or, for a last one, under its row, whichever takes fewer lines;
    /// - where neither fits, or leaving out a column that goes first saves lines, the columns
    ///   a terminal may do without ([`Table::may_leave_out`]), one after the other, which
    ///   [`Table::render_noting`] then names;
    /// - where it still does not fit, the columns that may be cut ([`Table::may_cut`]), cut
    ///   short just enough.
    ///
    /// Lines are counted as the screen shows them: a word wider than any room (a link), which
    /// is never split, counts as the lines the terminal breaks it into. Where no way fits,
    /// the table is laid out as narrow as it goes, and the terminal breaks what is left over.
    pub fn fit_to(mut self, width: Option<usize>) -> Table {
        self.fit = width;
        self
    }

    /// Makes the column headed `header` the one whose text wraps on a narrow terminal, where
    /// by default the last one does. Only a column aligned left wraps.
    pub fn wrapping(mut self, header: &str) -> Table {
        self.wrap = self.column(header);
        self
    }

    /// The columns, by header, that a narrow terminal may do without, the first to go first:
    /// those whose facts another column or command also gives. The `first` ones go before the
    /// wrapping column is moved under its rows, which doubles every row's lines; the `then`
    /// ones only when that is not enough.
    pub fn may_leave_out(mut self, first: &[&str], then: &[&str]) -> Table {
        let first: Vec<usize> = first.iter().filter_map(|h| self.column(h)).collect();
        let then: Vec<usize> = then.iter().filter_map(|h| self.column(h)).collect();
        self.below_from = first.len();
        self.spare = [first, then].concat();
        self
    }

    /// The columns, by header, whose cells a terminal too narrow for the table even with every
    /// column it may do without left out ([`Table::may_leave_out`]) may cut short, with `…`
    /// where they are cut, the first as far as it goes first, each to no fewer than
    /// [`MIN_CUT`] columns: those whose text helps to read a row but is not what a command
    /// takes to act on it (a promise's person, beside its ID), or a handle, the start of which
    /// a command takes too, so that the table fits rather than have the terminal break its
    /// lines. Only a column aligned left is cut; a handle that ends in a number (`-2`, which
    /// a second person of a name gets) is cut in its middle, the number kept, as the UI cuts.
    pub fn may_cut(mut self, headers: &[&str]) -> Table {
        self.cut = (headers.iter())
            .filter_map(|h| self.column(h))
            .filter(|&c| self.aligns.get(c) == Some(&Align::Left))
            .collect();
        self
    }

    /// Leaves out the columns headed `headers` on a terminal, whatever its width: those
    /// another table printed with this one left out ([`Table::render_noting`]), so that both show
    /// the same columns. To a pipe or a file nothing is left out.
    pub fn without<S: AsRef<str>>(mut self, headers: &[S]) -> Table {
        self.without = headers
            .iter()
            .filter_map(|h| self.column(h.as_ref()))
            .collect();
        self
    }

    /// The column headed `header`.
    fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
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

    /// Writes to `out` the table of `rows` as [`Table::render_noting`] gives it after a
    /// [`Table::row`] for each, but without keeping a cell or the text: `cells` gives a row's
    /// cells, one a column, and is called twice per row, once to measure the columns and once
    /// to write them, and the text goes out in pieces of [`PIECE`] bytes.
    /// For the longest tables (`list`'s line per promise), where kept cells and the whole
    /// text would take more memory than writing, and the time to copy them. Numbers and days
    /// are handed over as they are ([`Cell`]): measuring them takes no formatting, and they
    /// are written straight into the line. To a pipe, a last column aligned left is not
    /// measured: its padding would be trimmed from the end of every line anyway. Returns the
    /// headers of the columns left out to fit the terminal ([`Table::render_noting`]).
    pub fn write_made<'c, R: Copy, const N: usize>(
        mut self,
        out: &mut dyn Write,
        indent: &str,
        rows: &[R],
        cells: impl Fn(R) -> [Cell<'c>; N],
    ) -> io::Result<Vec<String>> {
        let unmeasured = match (self.fit, self.aligns.last()) {
            (None, Some(Align::Left)) => self.widths.len() - 1,
            _ => usize::MAX,
        };
        for &row in rows {
            // By reference: moving the cells out of the array one by one cost more than
            // measuring most of them.
            for (i, &cell) in cells(row).iter().enumerate() {
                if i != unmeasured {
                    self.widen(i, cell.width());
                }
            }
        }
        let texts = |c: usize| {
            let texts = rows.iter().filter_map(|&row| match cells(row).get(c) {
                Some(Cell::Text(text)) => Some(Cow::Owned(measured(text).0.into_owned())),
                Some(Cell::Measured(m)) => Some(Cow::Owned(m.text.clone())),
                _ => None,
            });
            texts.collect()
        };
        let fit = self.fitted(indent, &texts);
        let mut text = String::with_capacity(PIECE + self.line_len(indent));
        let headers = self.headers.iter().map(|h| (h.as_str(), columns(h)));
        self.line(&mut text, indent, headers, &fit, true);
        let mut number = itoa::Buffer::new();
        let mut after = String::new();
        for &row in rows {
            let start = self.start_line(&mut text, indent);
            let mut first = true;
            for (column, &cell) in cells(row).iter().enumerate() {
                let Some(Some(width)) = fit.widths.get(column).copied() else {
                    continue;
                };
                if !first {
                    text.push_str("  ");
                }
                first = false;
                match cell {
                    Cell::Text(cell) if column == unmeasured => text.push_str(&cleaned(cell)),
                    Cell::Measured(m) if column == unmeasured => text.push_str(&m.text),
                    Cell::Text(cell) => {
                        let (clean, wide) = measured(cell);
                        self.text_cell(&fit, &mut text, &mut after, column, (&clean, wide), width);
                    }
                    Cell::Measured(m) => {
                        let cell = (m.text.as_str(), m.width);
                        self.text_cell(&fit, &mut text, &mut after, column, cell, width);
                    }
                    Cell::Number(n) => {
                        let digits = number.format(n);
                        self.cell(&mut text, column, "#", digits, 1 + digits.len(), width);
                    }
                    Cell::Day(Some(day)) => {
                        let day = Iso::new(day);
                        self.cell(&mut text, column, "", &day, day.len(), width);
                    }
                    Cell::Day(None) => {
                        self.cell(&mut text, column, "", NO_DAY, NO_DAY.len(), width)
                    }
                }
            }
            end_line(&mut text, start);
            text.push_str(&after);
            after.clear();
            if text.len() >= PIECE {
                out.write_all(text.as_bytes())?;
                text.clear();
            }
        }
        out.write_all(text.as_bytes())?;
        Ok(self
            .named_left_out(&fit)
            .into_iter()
            .map(str::to_string)
            .collect())
    }

    /// A cell of text and the columns it takes, written as `fit` says: wrapped, where its
    /// column wraps, or padded.
    // Inlined, as [`Table::cell`] is: `list` writes four of these a line, and the call cost a
    // third of their work.
    #[inline(always)]
    fn text_cell(
        &self,
        fit: &Fitted,
        out: &mut String,
        after: &mut String,
        i: usize,
        (cell, wide): (&str, usize),
        width: usize,
    ) {
        if fit.wraps(i) {
            fit.wrapped_cell(out, after, cell, wide, width);
        } else {
            self.cell(out, i, "", cell, wide, width);
        }
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
    #[cfg(test)]
    pub fn render(&self, indent: &str) -> String {
        self.render_noting(indent).0
    }

    /// The table as lines, each indented by `indent`, without trailing spaces, and the headers
    /// of the columns it left out to fit the terminal, for a note under the table (none for a
    /// table without rows, which is not shown).
    pub fn render_noting(&self, indent: &str) -> (String, Vec<&str>) {
        let fit = self.fitted(indent, &|c| self.texts(c));
        let mut out = String::with_capacity((self.rows.len() + 1) * self.line_len(indent));
        let headers = self.headers.iter().map(|h| (h.as_str(), columns(h)));
        self.line(&mut out, indent, headers, &fit, true);
        let (mut cell, mut from) = (0, 0);
        for &end in &self.rows {
            let row = self.cells[cell..end].iter().map(|&(to, width)| {
                let text = &self.text[from..to];
                from = to;
                (text, width)
            });
            self.line(&mut out, indent, row, &fit, false);
            cell = end;
        }
        let gone = if self.rows.is_empty() {
            Vec::new()
        } else {
            self.named_left_out(&fit)
        };
        (out, gone)
    }

    /// How the table fits its terminal ([`Table::fit_to`]): as it is, or with one column
    /// wrapped and the fewest columns left out. A way fits when its columns do; of those that
    /// leave out only the columns to go first, the one that takes the fewest lines on the
    /// screen (a line of text wider than the terminal, a link, counts as the lines the terminal
    /// breaks it into); past those, the first that fits; where none does, the narrowest.
    /// `texts(c)` gives every row's text in column `c`, to measure each way.
    fn fitted(&self, indent: &str, texts: &Texts) -> Fitted {
        let mut all: Vec<Option<usize>> = self.widths.iter().copied().map(Some).collect();
        let Some(room) = self.fit else {
            return Fitted {
                widths: all,
                wrap: None,
            };
        };
        for &c in &self.without {
            all[c] = None;
        }
        let wraps = self.wraps();
        let open = |c: &usize| Some(*c) != wraps && all[*c].is_some();
        let first = self.spare[..self.below_from]
            .iter()
            .filter(|c| open(c))
            .count();
        let spare: Vec<usize> = self.spare.iter().copied().filter(|c| open(c)).collect();
        let texts = wraps.map(texts).unwrap_or_default();
        let mut best: Option<Way> = None;
        let mut narrowest: Option<Way> = None;
        for gone in 0..=spare.len() {
            let mut widths = all.clone();
            for &c in &spare[..gone] {
                widths[c] = None;
            }
            for way in self.ways(indent, room, wraps, widths, &texts) {
                if way.laid_out <= room {
                    if best.as_ref().is_none_or(|b| way.lines < b.lines) {
                        best = Some(way);
                    }
                } else if narrowest.as_ref().is_none_or(|n| way.narrower(n, room)) {
                    narrowest = Some(way);
                }
            }
            let whole = best.as_ref().is_some_and(|b| b.lines == 0);
            if whole || (gone >= first && best.is_some()) {
                break;
            }
        }
        if best.is_none() {
            best = self.cut_to_fit(indent, room, wraps, all.clone(), &spare, &texts);
        }
        let as_is = Fitted {
            widths: all,
            wrap: None,
        };
        best.or(narrowest).map_or(as_is, |way| way.fit)
    }

    /// The last resort of [`Table::fitted`]: with every column of `spare` left out of `widths`,
    /// the columns that may be cut ([`Table::may_cut`]) made as much narrower as the line of
    /// cells is wider than `room`, and of the ways that then fit, the one that takes the
    /// fewest lines; none where cutting each to [`MIN_CUT`] is not enough.
    fn cut_to_fit(
        &self,
        indent: &str,
        room: usize,
        wraps: Option<usize>,
        mut widths: Vec<Option<usize>>,
        spare: &[usize],
        texts: &[Cow<'_, str>],
    ) -> Option<Way> {
        for &c in spare {
            widths[c] = None;
        }
        // The line of cells, the wrapping column's text aside (it goes under its row).
        let cells = (widths.iter().enumerate())
            .filter(|&(c, _)| Some(c) != wraps)
            .filter_map(|(_, w)| *w)
            .map(|w| w + 2)
            .sum::<usize>();
        let mut over = (columns(indent) + cells.saturating_sub(2)).saturating_sub(room);
        for &c in &self.cut {
            if let Some(Some(width)) = widths.get_mut(c) {
                let less = over.min(width.saturating_sub(MIN_CUT));
                *width -= less;
                over -= less;
            }
        }
        if over > 0 {
            return None;
        }
        (self.ways(indent, room, wraps, widths, texts).into_iter())
            .filter(|way| way.laid_out <= room)
            .min_by_key(|way| way.lines)
    }

    /// The column whose text wraps on a terminal: the one [`Table::wrapping`] names, else the
    /// last, if it is aligned left.
    fn wraps(&self) -> Option<usize> {
        (self.wrap)
            .or(self.widths.len().checked_sub(1))
            .filter(|&c| self.aligns.get(c) == Some(&Align::Left))
    }

    /// The ways the columns of `widths` can be laid out on a terminal `room` columns wide,
    /// each with the lines it takes: whole; column `wraps` (whose cells are `texts`) wrapped
    /// within its column; and under its row, the other columns closing up.
    fn ways(
        &self,
        indent: &str,
        room: usize,
        wraps: Option<usize>,
        widths: Vec<Option<usize>>,
        texts: &[Cow<'_, str>],
    ) -> Vec<Way> {
        let starts = starts(columns(indent), &widths);
        let end = (starts.iter().zip(&widths))
            .filter_map(|(s, w)| Some((*s)? + (*w)?))
            .max()
            .unwrap_or(0);
        // Whole, every row takes one line: no way takes fewer.
        let whole = Fitted {
            widths: widths.clone(),
            wrap: None,
        };
        let mut ways = vec![Way {
            lines: 0,
            laid_out: end,
            columns: end,
            fit: whole,
        }];
        let Some(c) = wraps else {
            return ways;
        };
        let (Some(at), Some(own)) = (starts[c], widths[c]) else {
            return ways;
        };
        if end <= room {
            return ways;
        }
        let last = widths[c + 1..].iter().all(Option::is_none);
        let fewest = if last { MIN_FREE } else { MIN_NARROW };
        let left = room.saturating_sub(end - own).max(fewest);
        if left < own {
            // A row's first line holds its other cells; a text wider than its column between
            // others pushes them out of line, so that way does not fit.
            let (mut lines, mut wide) = (0, 0);
            for text in texts {
                let size = Size::of(text, left, at, room);
                lines += size.screen.max(1);
                wide = wide.max(size.widest);
            }
            let mut widths = widths.clone();
            widths[c] = Some(left);
            let wrap = Wrap {
                column: c,
                at,
                room: left,
                place: Place::Within,
            };
            let laid_out = end - own + if last { left } else { wide.max(left) };
            let fit = Fitted {
                widths,
                wrap: Some(wrap),
            };
            ways.push(Way {
                lines,
                laid_out,
                columns: laid_out,
                fit,
            });
        }
        // Under its row, without its header, the other columns closing up where it was.
        let others = (widths.iter().enumerate())
            .filter(|&(i, _)| i != c)
            .filter_map(|(_, w)| *w);
        let rest = columns(indent) + others.map(|w| w + 2).sum::<usize>().saturating_sub(2);
        let second = starts.iter().flatten().nth(1).copied();
        let under = second
            .filter(|&s| s <= room / 2)
            .unwrap_or(columns(indent) + 4);
        let below = room.saturating_sub(under).max(MIN_NARROW);
        let lines = (texts.iter())
            .map(|text| 1 + Size::of(text, below, under, room).screen)
            .sum();
        let wrap = Wrap {
            column: c,
            at: under,
            room: below,
            place: Place::Below,
        };
        let fit = Fitted {
            widths,
            wrap: Some(wrap),
        };
        ways.push(Way {
            lines,
            laid_out: rest.max(under + below),
            columns: rest,
            fit,
        });
        ways
    }

    /// Every row's text in column `c`.
    fn texts(&self, c: usize) -> Vec<Cow<'_, str>> {
        let (mut cell, mut from) = (0, 0);
        let mut texts = Vec::with_capacity(self.rows.len());
        for &end in &self.rows {
            for (i, &(to, _)) in self.cells[cell..end].iter().enumerate() {
                if i == c {
                    texts.push(Cow::Borrowed(&self.text[from..to]));
                }
                from = to;
            }
            cell = end;
        }
        texts
    }

    /// The headers of the columns `fit` leaves out.
    fn named_left_out(&self, fit: &Fitted) -> Vec<&str> {
        (self.headers.iter().zip(&fit.widths))
            .filter(|(_, w)| w.is_none())
            .map(|(h, _)| h.as_str())
            .collect()
    }

    /// How long a line of ASCII cells as wide as their columns is.
    fn line_len(&self, indent: &str) -> usize {
        indent.len() + self.widths.iter().map(|w| w + 2).sum::<usize>()
    }

    /// One line of cells, each with its width, laid out as `fit` says; the header line when
    /// `header` is true.
    fn line<'a>(
        &self,
        out: &mut String,
        indent: &str,
        cells: impl Iterator<Item = (&'a str, usize)>,
        fit: &Fitted,
        header: bool,
    ) {
        let start = self.start_line(out, indent);
        let mut after = String::new();
        let mut first = true;
        for (i, (cell, wide)) in cells.enumerate() {
            let Some(Some(width)) = fit.widths.get(i).copied() else {
                continue;
            };
            if fit
                .wrap
                .is_some_and(|w| w.column == i && w.place == Place::Below)
            {
                if !header {
                    fit.wrapped_cell(out, &mut after, cell, wide, width);
                }
                continue;
            }
            if !first {
                out.push_str("  ");
            }
            first = false;
            if !header && fit.wraps(i) {
                fit.wrapped_cell(out, &mut after, cell, wide, width);
            } else {
                self.cell(out, i, "", cell, wide, width);
            }
        }
        end_line(out, start);
        out.push_str(&after);
    }

    /// Begins a line; what it returns is for [`end_line`].
    fn start_line(&self, out: &mut String, indent: &str) -> usize {
        let start = out.len();
        out.push_str(indent);
        start
    }

    /// Cell `i` of a line, written in two pieces, `first` and then `cell`, which together
    /// take `wide` columns, padded to the column's `width`.
    // Inlined: called for every cell of a table of ten thousand lines, its call cost more
    // than its work.
    #[inline(always)]
    fn cell(&self, out: &mut String, i: usize, first: &str, cell: &str, wide: usize, width: usize) {
        // Wider than its column only where the column was cut to fit ([`Table::may_cut`]).
        let short;
        let (cell, wide) = if wide > width && self.cut.contains(&i) {
            short = fit_keeping_number(cell, width);
            (short.as_str(), columns(&short))
        } else {
            (cell, wide)
        };
        let pad = width.saturating_sub(wide);
        match self.aligns.get(i).copied().unwrap_or(Align::Left) {
            Align::Left => {
                push_nonempty(out, first);
                out.push_str(cell);
                spaces(out, pad);
            }
            Align::Right => {
                spaces(out, pad);
                push_nonempty(out, first);
                out.push_str(cell);
            }
        }
    }
}

/// Every row's text in a column, to measure the ways of fitting a table ([`Table::fitted`]).
type Texts<'a> = dyn Fn(usize) -> Vec<Cow<'a, str>> + 'a;

/// How a table is laid out on its terminal ([`Table::fit_to`]).
#[derive(Debug)]
struct Fitted {
    /// Every column's width, `None` for one left out.
    widths: Vec<Option<usize>>,
    /// The column whose text wraps, if one does.
    wrap: Option<Wrap>,
}

/// One way of laying a table out ([`Table::ways`]).
struct Way {
    /// How many lines it takes on the screen, a line wider than the terminal counted as the
    /// lines the terminal breaks it into; 0 for a table left whole, which takes the fewest
    /// (one a row).
    lines: usize,
    /// Its widest line, a text's words that are wider than their room aside.
    laid_out: usize,
    /// Its widest line of cells, the text under the rows aside.
    columns: usize,
    fit: Fitted,
}

impl Way {
    /// Whether this way, which does not fit a terminal `room` wide, is narrower than `other`,
    /// which does not either: its columns fit where the other's do not, or else its widest
    /// line is narrower, or else it takes fewer lines.
    fn narrower(&self, other: &Way, room: usize) -> bool {
        let key = |w: &Way| (w.columns.max(room), w.laid_out, w.lines);
        key(self) < key(other)
    }
}

/// A text wrapped to a room.
struct Size {
    /// The lines the screen shows for it: its own, each wider than the terminal counted as
    /// the lines the terminal breaks it into.
    screen: usize,
    /// Its widest line.
    widest: usize,
}

impl Size {
    /// `text` wrapped to `room` columns, its lines starting at terminal column `at` on a
    /// terminal `width` wide.
    fn of(mut text: &str, room: usize, at: usize, width: usize) -> Size {
        let mut size = Size {
            screen: 0,
            widest: 0,
        };
        loop {
            let (line, wide, rest) = first_line(text, room);
            if line.is_empty() {
                return size;
            }
            size.screen += (at + wide).div_ceil(width.max(1));
            size.widest = size.widest.max(wide);
            text = rest;
        }
    }
}

/// The column whose text wraps, and where its lines go.
#[derive(Debug, Clone, Copy)]
struct Wrap {
    column: usize,
    /// The terminal column its lines after the first start at, and the room they have.
    at: usize,
    room: usize,
    place: Place,
}

/// Where a wrapped column's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In its column, its lines after the first under it.
    Within,
    /// On lines of its own under the row, without its header.
    Below,
}

impl Fitted {
    /// Whether column `i` is the one that wraps.
    fn wraps(&self, i: usize) -> bool {
        self.wrap.is_some_and(|w| w.column == i)
    }

    /// A cell of the column that wraps, `wide` columns, in a column `width` wide; its lines
    /// after the first (all of them, when it goes below its row) go to `after`.
    fn wrapped_cell(
        &self,
        out: &mut String,
        after: &mut String,
        cell: &str,
        wide: usize,
        width: usize,
    ) {
        let Some(w) = self.wrap else {
            return;
        };
        if w.place != Place::Within {
            wrapped(after, cell, w.at, w.room);
            return;
        }
        let (head, head_wide, tail) = if wide > w.room {
            first_line(cell, w.room)
        } else {
            (cell, wide, "")
        };
        out.push_str(head);
        spaces(out, width.saturating_sub(head_wide));
        wrapped(after, tail, w.at, w.room);
    }
}

/// Where each shown column starts on its line, after the indent `from` and two spaces
/// between columns.
fn starts(from: usize, widths: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut at = from;
    widths
        .iter()
        .map(|w| {
            let width = (*w)?;
            let start = at;
            at += width + 2;
            Some(start)
        })
        .collect()
}

/// The line under a table that says which columns the terminal's width left out
/// ([`Table::render_noting`]), wrapped to that `width`; empty when none was.
pub fn left_out_note<S: AsRef<str>>(headers: &[S], width: Option<usize>) -> String {
    if headers.is_empty() {
        return String::new();
    }
    // A header of two words stays on one line: a no-break space between them.
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.as_ref().replace(' ', "\u{a0}"))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    paragraph(
        &format!("(Left out at this width: {}.)", listed(&names, "and")),
        width,
    )
}

/// A sentence printed under a table, wrapped to the terminal's `width` when there is one, each
/// line ending in a line break; nothing for no sentence.
pub fn paragraph(text: &str, width: Option<usize>) -> String {
    let mut out = String::new();
    if !text.is_empty() {
        prose(&mut out, "", "", text, width);
    }
    out
}

/// A line of prose added to `out`, after `first`: whole where there is no `width` (a pipe, a
/// file), else wrapped to it between words, the lines after the first starting with `rest`
/// (all of them, `first` alone on a line above, where it leaves no room for the first word,
/// itself wrapped where wider than the line).
/// Never inside a word, nor at a word's hyphen: a handle, a link or a date stays whole.
pub fn prose(out: &mut String, first: &str, rest: &str, text: &str, width: Option<usize>) {
    let Some(width) = width else {
        out.push_str(first);
        out.push_str(text);
        out.push('\n');
        return;
    };
    // No text is a blank line, without `first`: there is nothing for it to introduce.
    if text.is_empty() {
        out.push('\n');
        return;
    }
    // A label that leaves no room for the first word (`  My credibility with them: ` at 28
    // columns) stands on its own line, what it introduces under it, where the word fits:
    // else the word would run past the edge. A label wider than the line itself (that one
    // at 20 columns) is wrapped too, its later lines starting with `rest`.
    let word = text.split_whitespace().next().map_or(0, columns);
    let (first, rest) = if !first.trim().is_empty()
        && columns(first) + word > width
        && columns(rest) + word <= width
    {
        let label = first.trim();
        let lead = &first[..first.len() - first.trim_start().len()];
        for line in crate::core::text::indented(label, width, lead, rest, false) {
            out.push_str(&line);
            out.push('\n');
        }
        (rest, rest)
    } else {
        (first, rest)
    };
    // Measured by grapheme, as the terminal draws it: an emoji with U+FE0F (✔️) is two columns.
    for line in crate::core::text::indented(text, width, first, rest, false) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// A cell of a table made twice (see [`Table::write_made`]).
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text, sanitized and measured as [`Table::row`]'s cells are.
    Text(&'a str),
    /// Text sanitized and measured already.
    Measured(&'a Measured),
    /// A number, written `#` and its digits.
    Number(u64),
    /// A day, written `YYYY-MM-DD`, or `-` for none.
    Day(Option<NaiveDate>),
}

/// A text sanitized and measured once, to stand in many cells of a table made twice: a
/// colleague's handle on the line of each of their promises, which a handle that is not
/// printable ASCII had sanitized and measured anew twice a line.
#[derive(Debug, Clone)]
pub struct Measured {
    text: String,
    width: usize,
}

impl Measured {
    /// `text` as a cell shows it, and the columns that takes.
    pub fn new(text: &str) -> Measured {
        let (clean, width) = measured(text);
        Measured {
            text: clean.into_owned(),
            width,
        }
    }
}

/// How much of a table made twice is written at a time: enough that writing costs little,
/// little enough to stay in the processor's cache.
const PIECE: usize = 64 * 1024;

/// The fewest columns a terminal must leave the last column for its text to be wrapped
/// within it; with less, the text goes under its row ([`Table::fit_to`]).
const MIN_FREE: usize = 20;

/// The fewest columns for a text wrapped where it has nowhere better to go (a column between
/// others, or lines of its own under its row): narrower than [`MIN_FREE`], but wide enough
/// for a few words a line.
const MIN_NARROW: usize = 10;

/// The fewest columns a column cut to fit keeps ([`Table::may_cut`]): three of its text and
/// the `…`, enough to tell most of a list's handles apart.
pub(super) const MIN_CUT: usize = 4;

/// How a cell without a day reads.
const NO_DAY: &str = "-";

impl Cell<'_> {
    /// How many columns the cell takes, without writing it.
    fn width(self) -> usize {
        match self {
            Cell::Text(text) => measured(text).1,
            Cell::Measured(m) => m.width,
            // Counted, not written: `#` and as many digits as `itoa` writes.
            Cell::Number(n) => 1 + n.checked_ilog10().map_or(1, |log| log as usize + 1),
            // Every day in range is written in ten columns.
            Cell::Day(Some(day)) if dates::in_range(day) => 10,
            Cell::Day(Some(day)) => Iso::new(day).len(),
            Cell::Day(None) => NO_DAY.len(),
        }
    }
}

/// The first line of `text` wrapped to `room` columns, its width, and the rest. Lines break
/// between words, and between two ideographs (Chinese, Japanese and Korean are written without
/// spaces) but for punctuation that must not start or end a line ([`breaks_between`]). Lines are measured as the table measures cells (an emoji and its presentation
/// selector as the two columns a terminal gives them), and a word is never split otherwise,
/// so a word wider than the room (a link) is a line of its own, to be copied or opened as it
/// is.
fn first_line(text: &str, room: usize) -> (&str, usize, &str) {
    let text = text.trim_start_matches(' ');
    let mut line: Option<(usize, usize)> = None;
    let mut before: Option<char> = None;
    let ends = text.char_indices().map(|(i, c)| (i, Some(c)));
    for (i, next) in ends.chain([(text.len(), None)]) {
        let breaks = match (before, next) {
            (_, None) => true,
            (Some(b), Some(n)) => (b == ' ' && n != ' ') || breaks_between(b, n),
            (None, Some(_)) => false,
        };
        before = next;
        if !breaks {
            continue;
        }
        let end = text[..i].trim_end_matches(' ').len();
        // Measured a piece at a time: a break never falls inside what a terminal draws as one.
        let (from, so_far) = line.unwrap_or((0, 0));
        let wide = so_far + columns(&text[from..end]);
        if line.is_some() && wide > room {
            break;
        }
        line = Some((end, wide));
        if wide > room {
            break;
        }
    }
    let (end, wide) = line.unwrap_or((0, 0));
    (&text[..end], wide, text[end..].trim_start_matches(' '))
}

/// `text` wrapped to `room` columns, on lines of their own that start at terminal column
/// `at`.
fn wrapped(out: &mut String, mut text: &str, at: usize, room: usize) {
    loop {
        let (line, _, rest) = first_line(text, room);
        if line.is_empty() {
            return;
        }
        spaces(out, at);
        out.push_str(line);
        out.push('\n');
        text = rest;
    }
}

/// Ends the line begun at `start`: without trailing spaces, and a line break.
fn end_line(out: &mut String, start: usize) {
    // Nearly every line ends in text, which leaves nothing to trim: its last byte says so,
    // where trimming decoded the last character and walked back from it, a call a line.
    let ends_in_text =
        (out.as_bytes().last()).is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    if !ends_in_text {
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
    }
    out.push('\n');
}

/// A cell as it is shown, sanitized, and how many columns it takes. Printable ASCII, the
/// usual cell, needs no escapes and is as wide as it is long.
fn measured(cell: &str) -> (Cow<'_, str>, usize) {
    let clean = cleaned(cell);
    let width = match clean {
        Cow::Borrowed(ascii) => ascii.len(),
        Cow::Owned(ref clean) => columns(clean),
    };
    (clean, width)
}

/// A cell as it is written: printable ASCII as it is, anything else sanitized. The column
/// left unmeasured writes this alone, without counting the columns a cell takes.
fn cleaned(cell: &str) -> Cow<'_, str> {
    if is_printable_ascii(cell) {
        Cow::Borrowed(cell)
    } else {
        Cow::Owned(sanitize(cell))
    }
}

/// `text` pushed onto `out` only where it holds anything: a copy of nothing is still a call.
fn push_nonempty(out: &mut String, text: &str) {
    if !text.is_empty() {
        out.push_str(text);
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

    /// Prose on a terminal counts an emoji with U+FE0F (✔️) as the two columns it is drawn
    /// in, so no line runs past the width.
    #[test]
    fn prose_wraps_by_the_columns_drawn() {
        let mut out = String::new();
        prose(
            &mut out,
            "- ",
            "  ",
            "make ✔️ ✔️ ✔️ ✔️ ✔️ and keep",
            Some(14),
        );
        assert_eq!(out, "- make ✔️ ✔️\n  ✔️ ✔️ ✔️ and\n  keep\n");
    }

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

    /// A terminal draws the lam-alef pair "لا" in two columns, where a whole-string width
    /// counts the ligature as one: measured as one, each such row ran a column past the rest.
    #[test]
    fn lam_alef_keeps_columns_aligned() {
        let mut t = Table::new(&[
            ("NAME", Align::Left),
            ("ROLE", Align::Left),
            ("N", Align::Right),
        ]);
        t.row(["سلام علاء", "مدير العلاقات", "3"]);
        t.row(["Bo", "Dev", "12"]);
        assert_eq!(
            t.render(""),
            "NAME       ROLE            N\nسلام علاء  مدير العلاقات   3\nBo         Dev            12\n"
        );
    }

    #[test]
    fn cells_are_sanitized_before_measuring() {
        let mut t = Table::new(&[("A", Align::Left), ("B", Align::Left)]);
        t.row(["x\u{1b}y", "z"]);
        assert_eq!(t.render("  "), "  A         B\n  x\\u{1b}y  z\n");
    }

    /// The table [`Table::write_made`] writes.
    fn made<'c, R: Copy, const N: usize>(
        columns: &[(&str, Align)],
        rows: &[R],
        cells: impl Fn(R) -> [Cell<'c>; N],
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
                .write_made(&mut out, "  ", &rows, |(n, what)| {
                    [Cell::Number(n), Cell::Text(what)]
                })
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        // The last column starts at column 7 ("  " + "ID " + "  "): 30 columns leave it 23.
        assert_eq!(
            write(Some(30)),
            "   ID  WHAT\n   #7  Send the slides for the\n       quarterly review to the\n       whole team\n  #12  Short\n"
        );
        // To a pipe every line stays whole.
        let whole = "   ID  WHAT\n   #7  Send the slides for the quarterly review to the whole team\n  #12  Short\n";
        assert_eq!(write(None), whole);
        // With less room than MIN_FREE, the text goes under its row, from the second column,
        // and its header, which would stand over nothing, goes.
        assert_eq!(
            write(Some(7 + MIN_FREE - 1)),
            "   ID\n   #7\n       Send the slides for\n       the quarterly\n       review to the whole\n       team\n  #12\n       Short\n"
        );
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

    /// A table of people: a handle, two columns a terminal may do without and notes.
    fn people(fit: Option<usize>) -> Table {
        let mut t = Table::new(&[
            ("HANDLE", Align::Left),
            ("ROLE", Align::Left),
            ("SCORE", Align::Right),
            ("NOTES", Align::Left),
        ])
        .fit_to(fit);
        t.row(["ana", "Backend lead", "91%", "quiet since 3 May; 2 overdue"]);
        t.row(["bo", "SRE", "40%", ""]);
        t
    }

    #[test]
    fn a_narrow_terminal_leaves_out_the_spare_columns_in_their_order() {
        // Whole, the notes start at column 29 and end at 57.
        let whole = "HANDLE  ROLE          SCORE  NOTES\nana     Backend lead    91%  quiet since 3 May; 2 overdue\nbo      SRE             40%\n";
        assert_eq!(people(None).render(""), whole);
        assert_eq!(people(Some(57)).render(""), whole);
        assert!(people(Some(57)).render_noting("").1.is_empty());
        // 48 columns leave the notes 19, too few: with ROLE left out first, they start at 15
        // and have 33.
        let narrow = people(Some(48)).may_leave_out(&["ROLE"], &[]);
        assert_eq!(
            narrow.render(""),
            "HANDLE  SCORE  NOTES\nana       91%  quiet since 3 May; 2 overdue\nbo        40%\n"
        );
        assert_eq!(narrow.render_noting("").1, ["ROLE"]);
        // A column the terminal may do without only after the notes go under their rows
        // stays, and the notes go under the rows, from the second column.
        let later = people(Some(48)).may_leave_out(&[], &["ROLE"]);
        assert_eq!(
            later.render(""),
            "HANDLE  ROLE          SCORE\nana     Backend lead    91%\n        quiet since 3 May; 2 overdue\nbo      SRE             40%\n"
        );
        assert!(later.render_noting("").1.is_empty());
        // Narrower than the columns before the notes: that column goes too.
        assert_eq!(
            people(Some(22)).may_leave_out(&[], &["ROLE"]).render(""),
            "HANDLE  SCORE\nana       91%\n        quiet since 3\n        May; 2 overdue\nbo        40%\n"
        );
        // Where nothing fits, even with every spare column gone, the table is as narrow as it
        // goes: the spare columns gone and the notes under their rows, MIN_NARROW wide.
        let nothing = people(Some(10)).may_leave_out(&["ROLE"], &["SCORE"]);
        assert_eq!(
            nothing.render(""),
            "HANDLE\nana\n    quiet\n    since 3\n    May; 2\n    overdue\nbo\n"
        );
        assert_eq!(nothing.render_noting("").1, ["ROLE", "SCORE"]);
        assert_eq!(
            left_out_note(&["ROLE", "SCORE"], Some(30)),
            "(Left out at this width: ROLE\nand SCORE.)\n"
        );
        assert_eq!(left_out_note::<&str>(&[], Some(30)), "");
    }

    /// Where the table does not fit even with every column it may do without left out, the
    /// column it may cut is cut, with `…`, just enough to fit and to no fewer than MIN_CUT
    /// columns; a wide character is never split; to a pipe nothing is cut.
    #[test]
    fn a_column_that_may_be_cut_is_cut_to_fit_as_a_last_resort() {
        let table = |fit| {
            let mut t = Table::new(&[
                ("ID", Align::Right),
                ("PERSON", Align::Left),
                ("WHEN", Align::Left),
                ("WHAT", Align::Left),
            ])
            .fit_to(fit)
            .may_cut(&["PERSON"]);
            t.row([
                "#101",
                "alexandra-petrova",
                "115 days overdue",
                "Send the plan",
            ]);
            t.row(["#7", "王芳王芳王芳", "today", "Icon set"]);
            t
        };
        // The cells take 4 + 2 + 17 + 2 + 16 = 41: one column too many for 40.
        assert_eq!(
            table(Some(40)).render(""),
            "  ID  PERSON            WHEN\n#101  alexandra-petro…  115 days overdue\n      Send the plan\n  #7  王芳王芳王芳      today\n      Icon set\n"
        );
        // The header is cut too, and the ideographs before the one that would not fit.
        assert_eq!(
            table(Some(29)).render(""),
            "  ID  PERS…  WHEN\n#101  alex…  115 days overdue\n      Send the plan\n  #7  王芳…  today\n      Icon set\n"
        );
        assert_eq!(
            table(Some(28)).render(""),
            "  ID  PER…  WHEN\n#101  ale…  115 days overdue\n      Send the plan\n  #7  王…   today\n      Icon set\n"
        );
        assert!(table(Some(28)).render_noting("").1.is_empty());
        // Narrower than MIN_CUT leaves: as narrow as it goes, and nothing is cut.
        let narrow = table(Some(27)).render("");
        assert!(narrow.contains("alexandra-petrova"), "{narrow}");
        let whole = "  ID  PERSON             WHEN              WHAT\n#101  alexandra-petrova  115 days overdue  Send the plan\n  #7  王芳王芳王芳       today             Icon set\n";
        assert_eq!(table(None).render(""), whole);
    }

    #[test]
    fn columns_left_out_elsewhere_are_left_out_here_on_a_terminal_only() {
        let without = |fit| people(fit).without(&["ROLE", "NOPE"]);
        assert_eq!(
            without(Some(80)).render(""),
            "HANDLE  SCORE  NOTES\nana       91%  quiet since 3 May; 2 overdue\nbo        40%\n"
        );
        assert_eq!(without(Some(80)).render_noting("").1, ["ROLE"]);
        assert_eq!(without(None).render(""), people(None).render(""));
        assert!(without(None).render_noting("").1.is_empty());
    }

    #[test]
    fn ideographs_break_anywhere_and_other_words_never() {
        // Chinese has no spaces: a line may end between any two characters.
        assert_eq!(first_line("王芳王芳王芳", 5), ("王芳", 4, "王芳王芳"));
        let size = Size::of("王芳王芳王芳", 5, 0, 80);
        assert_eq!((size.screen, size.widest), (3, 4));
        // A line wider than the terminal is as many lines as the terminal breaks it into.
        assert_eq!(Size::of("a-very-long-word", 5, 4, 10).screen, 2);
        assert_eq!(first_line("Ask 王芳 today", 8), ("Ask 王芳", 8, "today"));
        // Never before a comma or a closing bracket, nor after an opening one.
        assert_eq!(first_line("修好测试，然后", 8), ("修好测", 6, "试，然后"));
        assert_eq!(first_line("看「设计」", 4), ("看", 2, "「设计」"));
        // A link, or any other word wider than the room, is a line of its own, whole.
        let link = "https://example.com/a/very/long/path";
        assert_eq!(
            first_line(&format!("{link} first"), 10),
            (link, link.len(), "first")
        );
        assert_eq!(first_line("well-known-hyphenated-words", 5).2, "");
        assert_eq!(first_line("", 5), ("", 0, ""));
        assert_eq!(first_line("   ", 5), ("", 0, ""));
    }

    #[test]
    fn a_long_word_counts_as_the_lines_the_terminal_breaks_it_into() {
        let link = "https://example.com/a/long/path/to/read";
        let handle = "priya-raman-castellanos-de-la-vega";
        let mut t = Table::new(&[("PERSON", Align::Left), ("WHAT", Align::Left)]).fit_to(Some(60));
        t.row([handle, &format!("Read {link}")]);
        // Within its column (from 36, 24 columns) the 39-column link would end at 75, which
        // the terminal breaks in two: three lines with "Read". Under its row, from 4, the
        // text ends at 48: two lines with the row's.
        assert_eq!(t.render(""), format!("PERSON\n{handle}\n    Read {link}\n"));
    }

    #[test]
    fn one_long_link_does_not_put_every_text_under_its_row() {
        let link = format!("https://example.com/{}", "path/".repeat(12));
        let mut t = Table::new(&[("PERSON", Align::Left), ("WHAT", Align::Left)]).fit_to(Some(60));
        for _ in 0..4 {
            t.row(["priya", "A short text"]);
        }
        t.row(["priya", &format!("Read {link}")]);
        // Beside the rows: four lines, then "Read" and the link the terminal breaks in two.
        // Under them: two lines a row.
        let shown = t.render("");
        assert!(
            shown.starts_with("PERSON  WHAT\npriya   A short text\n"),
            "{shown}"
        );
        assert!(
            shown.ends_with(&format!("priya   Read\n        {link}\n")),
            "{shown}"
        );
    }

    #[test]
    fn a_column_between_others_wraps_within_itself() {
        let mut t = Table::new(&[
            ("RUNG", Align::Left),
            ("KEPT", Align::Left),
            ("SCORE", Align::Right),
        ])
        .fit_to(Some(30))
        .wrapping("KEPT");
        t.row(["tasks", "12 of 13 kept (1 late, 3 from above)", "83%"]);
        t.row(["results", "3 of 4 kept", "64%"]);
        // The other columns take 2 + 7 + 2 + 2 + 5: KEPT has the 12 left of 30.
        assert_eq!(
            t.render("  "),
            "  RUNG     KEPT          SCORE\n  tasks    12 of 13        83%\n           kept (1\n           late, 3 from\n           above)\n  results  3 of 4 kept     64%\n"
        );
        // With less room than MIN_NARROW, KEPT goes under its row, without its header, and the
        // columns after it close up.
        assert_eq!(
            t.clone().fit_to(Some(17 + MIN_NARROW)).render("  "),
            "  RUNG     SCORE\n  tasks      83%\n           12 of 13 kept (1\n           late, 3 from\n           above)\n  results    64%\n           3 of 4 kept\n"
        );
        // Where it fits in neither place, the table is as narrow as it goes: KEPT under its row
        // in MIN_NARROW columns, and the other columns' 16, two more than the terminal's.
        let narrow = t.clone().fit_to(Some(14)).render("  ");
        let widest = narrow.lines().map(crate::core::text::columns).max();
        assert_eq!(widest, Some(16), "{narrow}");
        assert!(narrow.contains("\n      12 of 13\n"), "{narrow}");
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
        let cells = |(n, name, due, what): (u64, &'static str, Option<NaiveDate>, &'static str)| {
            [
                Cell::Number(n),
                Cell::Text(name),
                Cell::Day(due),
                Cell::Text(what),
            ]
        };
        // The same texts measured before the table is made, found by the row's number.
        let texts: Vec<(u64, Measured, Measured)> = (rows.iter())
            .map(|&(n, name, _, what)| (n, Measured::new(name), Measured::new(what)))
            .collect();
        let measured = |(n, _, due, _): (u64, &str, Option<NaiveDate>, &str)| {
            let (_, name, what) = texts.iter().find(|t| t.0 == n).unwrap();
            [
                Cell::Number(n),
                Cell::Measured(name),
                Cell::Day(due),
                Cell::Measured(what),
            ]
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
            let made_measured = made(&columns, rows, measured);
            let made = made(&columns, rows, cells);
            assert_eq!(made, kept.render("  "));
            assert_eq!(made_measured, made);
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
        let made = made(&[("WHAT", Align::Left)], &rows, |what| [Cell::Text(what)]);
        assert_eq!(made, kept.render("  "));
    }

    /// A line loses the white space it ends in, beyond ASCII too (an ideographic space, a
    /// vertical tab), and keeps a line that ends in text as it is.
    #[test]
    fn a_line_ends_without_the_white_space_it_ends_in() {
        for (line, ended) in [
            ("a  b", "a  b"),
            ("a b  ", "a b"),
            ("a\u{3000}", "a"),
            ("a \u{b}", "a"),
            ("日本", "日本"),
            ("   ", ""),
            ("", ""),
        ] {
            let mut out = String::from("before\n");
            let start = out.len();
            out.push_str(line);
            end_line(&mut out, start);
            assert_eq!(out, format!("before\n{ended}\n"), "{line:?}");
        }
    }

    /// A number's cell is measured without writing it: its `#` and every digit.
    #[test]
    fn a_number_is_measured_as_it_is_written() {
        for n in [0, 9, 10, 99, 100, 12_345, u64::MAX - 1, u64::MAX] {
            assert_eq!(Cell::Number(n).width(), format!("#{n}").len(), "{n}");
        }
    }
}
