//! The `?` screen, generated from the key map, with how the ladder's figures are made. Opened
//! on a person's page, it starts with every figure and rule behind that person's level and
//! advice, so the reasons are one key away from the page that states them. `/` searches it:
//! only the entries that match show, under their headings, with the matches marked.

pub mod content;
mod find;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use self::content::{Entry, Form, Section};
use self::find::found;
use super::{clean, fit};
use crate::core::text::columns;
use crate::tui::app::{App, HelpPopup};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// Draws the help over `area`, scrolled and searched as `popup` says.
pub fn draw(app: &App, popup: &HelpPopup, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let outer = area.inner(Margin::new(2, 0));
    super::popup::clear(frame, outer);
    let block = Block::bordered().title(super::box_title(
        vec![Span::styled(
            title(app, popup, usize::from(outer.width.saturating_sub(2))),
            theme.heading(),
        )],
        outer.width,
    ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let needle = popup.search.text();
    let searching = popup.typing || !needle.is_empty();
    let (text_area, search_area) = if searching {
        let [text, search] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        (text, Some(search))
    } else {
        (inner, None)
    };
    // Everything is wrapped to the popup's inner width less a column on the right, as on the
    // left, so no sentence is cut at its border or runs into it.
    let width = usize::from(text_area.width).saturating_sub(1).max(1);
    let sections = content::shown(content::sections(app), needle);
    let entries: usize = sections.iter().map(|s| s.entries.len()).sum();
    let units: Vec<Vec<Line<'static>>> = if sections.is_empty() {
        vec![nothing_found(app, popup, width)]
    } else {
        let marks = Marks {
            needle,
            mark: theme.selection(),
        };
        sections
            .iter()
            .enumerate()
            .flat_map(|(i, section)| section_units(theme, &marks, section, i, width))
            .collect()
    };
    // Where each unit starts, and the line after the last: the scroll is kept in these, so a
    // resize keeps the same entry first (or the bottom in sight).
    let mut starts = Vec::with_capacity(units.len() + 1);
    let mut lines = Vec::new();
    for unit in units {
        starts.push(u16::try_from(lines.len()).unwrap_or(u16::MAX));
        lines.extend(unit);
    }
    starts.push(u16::try_from(lines.len()).unwrap_or(u16::MAX));
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(text_area.height);
    let first = popup.scroll.first_line(&starts, max);
    app.help_max.set(max);
    *app.help_starts.borrow_mut() = starts;
    app.regions.page.set(Some(text_area.height));
    frame.render_widget(Paragraph::new(lines).scroll((first, 0)), text_area);
    // Nothing is selected in the help: the cursor goes to the top of its text (the search
    // line moves it to what is typed while a search is typed).
    super::cursor_at_start(frame, text_area);
    if let Some(at) = search_area {
        search_line(app, popup, entries, frame, at);
    }
}

/// The title names the keys that work on the help as it is: closing and searching, keeping
/// or clearing the search being typed, or clearing the one kept. The parts that do not fit
/// in `room` columns go from the end, whole, so no key is cut from what it does; the box cuts
/// what is left as it cuts every title.
fn title(app: &App, popup: &HelpPopup, room: usize) -> String {
    // Each part names a key; a part whose action nothing binds is left out.
    let says = |action: Action, what: &str| app.bound_key(action).map(|k| format!("{k} {what}"));
    let scroll = match (app.bound_key(Action::Down), app.bound_key(Action::Up)) {
        (Some(down), Some(up)) => Some(format!("{down}/{up} scroll")),
        (Some(one), None) | (None, Some(one)) => Some(format!("{one} scrolls")),
        (None, None) => None,
    };
    let kept = !popup.search.text().is_empty();
    let closes = closing_keys(app, kept).map(|keys| format!("{keys} closes"));
    let (heading, parts) = if popup.typing {
        (
            "Search the help",
            vec![
                says(Action::ApplyFilter, "keeps it"),
                says(Action::ClearFilter, "clears it"),
            ],
        )
    } else if kept {
        (
            "Keys",
            vec![says(Action::Back, "clears the search"), closes, scroll],
        )
    } else {
        (
            "Keys",
            vec![closes, says(Action::Filter, "searches"), scroll],
        )
    };
    let mut parts: Vec<String> = std::iter::once(heading.to_string())
        .chain(parts.into_iter().flatten())
        .collect();
    let joined = |parts: &[String]| format!(" {} ", parts.join(" · "));
    while parts.len() > 1 && columns(&joined(&parts)) > room {
        parts.pop();
    }
    joined(&parts)
}

/// The keys that close the help as it is, as the hint bar writes them (`Esc/q/?`), each
/// once: with no search kept, back's and cancel's, which both close it, so the title and
/// the bar name them as one; with one kept, cancel's alone, back clearing the search first.
/// `None` when nothing binds them.
pub(crate) fn closing_keys(app: &App, kept: bool) -> Option<String> {
    let labels = closing_labels(app, kept);
    (!labels.is_empty()).then(|| labels.join("/"))
}

/// Each of [`closing_keys`] apart, for the hint bar, which names the first alone where it
/// has not the room for them all; empty when nothing binds them.
pub(crate) fn closing_labels(app: &App, kept: bool) -> Vec<String> {
    let contexts = app.contexts();
    let actions: &[Action] = if kept {
        &[Action::Cancel]
    } else {
        &[Action::Back, Action::Cancel]
    };
    let mut labels: Vec<String> = Vec::new();
    for label in actions
        .iter()
        .flat_map(|action| app.keys.labels_of(*action, &contexts))
    {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels
}

/// What the help says when the search matches nothing, and how to clear it; a search too
/// long for `width` is cut with `…` inside its quotes, which stay.
fn nothing_found(app: &App, popup: &HelpPopup, width: usize) -> Vec<Line<'static>> {
    let clear = app.bound_key(if popup.typing {
        Action::ClearFilter
    } else {
        Action::Back
    });
    let room = width.saturating_sub(columns(" Nothing in the help matches ''."));
    std::iter::once(Line::raw(format!(
        " Nothing in the help matches '{}'.",
        fit(&clean(popup.search.text()), room)
    )))
    .chain(clear.map(|key| Line::styled(format!(" {key} clears the search."), app.theme.dim())))
    .collect()
}

/// The search line at the bottom: what is typed (with the cursor while typing) and how many
/// entries it found (an entry wraps to as many lines as the width makes it, so lines would
/// count the width, not the matches).
fn search_line(app: &App, popup: &HelpPopup, entries: usize, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let label = " Search: ";
    let count = match entries {
        0 => " nothing found ".to_string(),
        1 => " 1 entry ".to_string(),
        n => format!(" {n} entries "),
    };
    let room = usize::from(area.width).saturating_sub(columns(label) + columns(&count));
    let (shown, cursor) = popup.search.drawn_window(room);
    let pad = room.saturating_sub(columns(&shown));
    let line = Line::from(vec![
        Span::styled(label, theme.heading()),
        Span::styled(shown, theme.focus()),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.dim()),
    ]);
    frame.render_widget(line, area);
    if popup.typing {
        let x = area.x + u16::try_from(columns(label) + cursor).unwrap_or(area.width);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// What the search marks, and how.
struct Marks<'a> {
    needle: &'a str,
    mark: Style,
}

/// A section's lines, by unit: a blank line and its heading (the opening lines have none),
/// wrapped to `width` as the entries are (a person's name makes the heading of their reasons
/// as long as it is), then each entry wrapped to `width`.
fn section_units(
    theme: &Theme,
    marks: &Marks,
    section: &Section,
    index: usize,
    width: usize,
) -> Vec<Vec<Line<'static>>> {
    let mut units = Vec::new();
    if let Some(title) = &section.title {
        let mut heading = Vec::new();
        if index > 0 {
            heading.push(Line::raw(""));
        }
        let title = clean(title);
        let room = width.saturating_sub(1).max(1);
        heading.extend(
            pieces(&title, room).into_iter().map(|piece| {
                Line::from(Span::styled(format!(" {}", &title[piece]), theme.heading()))
            }),
        );
        units.push(heading);
    }
    for entry in &section.entries {
        units.push(entry_lines(theme, marks, section.form, entry, width));
    }
    units
}

/// One entry, wrapped: prose with its indents, or keys in their column with what they do
/// beside them, the matches marked in both.
fn entry_lines(
    theme: &Theme,
    marks: &Marks,
    form: Form,
    entry: &Entry,
    width: usize,
) -> Vec<Line<'static>> {
    let (first, rest, keys) = match form {
        Form::Prose { first, rest } => (first.to_string(), rest.to_string(), None),
        Form::Keys { width: column } => {
            // Columns, not bytes: a key name like `←/→` is wider in bytes than on screen.
            // Keys wider than the column (several rebound to one action) keep a space before
            // what they do, and the lines it wraps onto keep to the column.
            let pad = column.saturating_sub(columns(&entry.keys)).max(1);
            let first = format!("   {}{}", entry.keys, " ".repeat(pad));
            (first, " ".repeat(3 + column), Some(entry.keys.as_str()))
        }
    };
    let text = clean(&entry.text);
    let found_in_text = found(&text, marks.needle);
    let room = width
        .saturating_sub(columns(&first).max(columns(&rest)))
        .max(1);
    pieces(&text, room)
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let mut spans = if i > 0 {
                vec![Span::raw(rest.clone())]
            } else if let Some(keys) = keys {
                // The keys sit after three spaces in their column: their matches move with them.
                let hits: Vec<Range<usize>> = found(keys, marks.needle)
                    .into_iter()
                    .map(|hit| hit.start + 3..hit.end + 3)
                    .collect();
                marked(&first, 0..first.len(), &hits, theme.focus(), marks.mark)
            } else {
                vec![Span::raw(first.clone())]
            };
            spans.extend(marked(
                &text,
                piece,
                &found_in_text,
                Style::new(),
                marks.mark,
            ));
            Line::from(spans)
        })
        .collect()
}

/// `text` wrapped to `width` columns, as the byte range of each line in it, measured as
/// drawing measures ([`crate::core::text::wrapped`]). Only at spaces: `2026-W49-2` and
/// `kept-late` are one word to read.
fn pieces(text: &str, width: usize) -> Vec<Range<usize>> {
    crate::core::text::wrapped(text, width, width, true)
}

/// The part `piece` of `text` as spans in `style`, the parts in `found` (byte ranges of
/// `text`) in `mark`.
fn marked(
    text: &str,
    piece: Range<usize>,
    found: &[Range<usize>],
    style: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = piece.start;
    for hit in found {
        let (start, end) = (hit.start.max(piece.start), hit.end.min(piece.end));
        if start >= end {
            continue;
        }
        if at < start {
            spans.push(Span::styled(text[at..start].to_string(), style));
        }
        spans.push(Span::styled(text[start..end].to_string(), mark));
        at = end;
    }
    if at < piece.end {
        spans.push(Span::styled(text[at..piece.end].to_string(), style));
    }
    spans
}
