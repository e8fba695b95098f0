//! Every open promise across people, by when it is due.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row};

use super::{NARROW_BELOW, clean, column_widths, fit, person_label};
use crate::core::Direction;
use crate::core::agenda::Bucket;
use crate::core::text::{columns, days};
use crate::core::touch::Overdue;
use crate::tui::app::App;
use crate::tui::keymap::Action;

/// The fewest rows the keep-in-touch box lists, where more are past their cadence than fit:
/// three colleagues and "and N more".
const TOUCH_ROWS: usize = 4;

/// Draws the agenda: open promises by due-date group, only the rows that fit, and below them
/// the colleagues past their keep-in-touch cadence, if any.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let touch = &app.touch;
    let area = if touch.is_empty() {
        area
    } else {
        // The promises take what they need (but no less than their least), and the box every
        // row they leave, so no colleague is left out for rows left empty above.
        let needed = (app.agenda.items.len() + 3).max(usize::from(super::LIST_LEAST));
        let spare = usize::from(area.height).saturating_sub(needed + 2);
        let rows = touch.len().min(spare.max(TOUCH_ROWS));
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let [main, box_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(area);
        keep_in_touch(app, touch, frame, box_area, rows);
        main
    };
    let theme = &app.theme;
    let ledger = app.ledger();
    let overdue = app
        .agenda
        .items
        .iter()
        .filter(|(b, _)| *b == Bucket::Overdue)
        .count();
    let mut title = vec![
        Span::styled(" Agenda ", theme.heading()),
        Span::styled(format!("· {} open · ", app.agenda.items.len()), theme.dim()),
        Span::styled(format!("{overdue} overdue "), theme.overdue()),
    ];
    // The filter comes before the legend so that what is typed stays in sight on a narrow
    // screen, where the end of the title is cut off.
    title.extend(super::filter_span(
        app,
        &app.filter_editor,
        &title,
        frame,
        area,
    ));
    // Said as the people list says it, before the legend that a narrow screen cuts first.
    if app.show_archived {
        title.push(Span::styled("· with archived ", theme.dim()));
    }
    title.extend([
        Span::styled("· theirs, ", theme.dim()),
        Span::styled("mine ", theme.mine()),
    ]);
    // Cut with `…` where the screen ends it, never mid-word unmarked.
    let mut block = Block::bordered().title(super::box_title(title, area.width));
    // The selected promise's note, on the border under the list, then the count of the
    // promises of archived people it hides: in full where it fits after the note, else in
    // short, else left out until a row without a note is selected.
    let bottom_room = usize::from(area.width.saturating_sub(4));
    let mut bottom: Vec<Span> = app
        .agenda
        .items
        .get(app.agenda.selected)
        .and_then(|(_, id)| super::promise_note(app, *id, area.width))
        .map(|line| line.spans)
        .unwrap_or_default();
    let hidden = app.cache.archived_open;
    if hidden > 0 && !app.show_archived {
        let promises = if hidden == 1 { "promise" } else { "promises" };
        let shows = app
            .bound_key(Action::ShowArchived)
            .map_or_else(String::new, |k| format!(" · {k} shows them"));
        let used: usize = bottom.iter().map(|s| columns(&s.content)).sum();
        let (long, short) = (
            format!(" {hidden} open {promises} of archived people hidden{shows} "),
            format!(" {hidden} hidden{shows} "),
        );
        let separator = usize::from(used > 0);
        if let Some(count) = [long, short]
            .into_iter()
            .find(|count| used + separator + columns(count) <= bottom_room)
        {
            if used > 0 {
                bottom.push(Span::styled("·", theme.dim()));
            }
            bottom.push(Span::styled(count, theme.dim()));
        }
    }
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(bottom));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.agenda.items.is_empty() {
        let empty = if app.filter.is_empty() {
            super::nothing_open(app)
        } else {
            format!(
                "No open promise matches '{}'.{}",
                clean(&app.filter),
                app.key_says(Action::Back, "clears the filter.")
            )
        };
        super::empty_list_note(app, frame, inner, empty);
        return;
    }
    // Narrow screens keep who and what, and the number the status line names promises by,
    // and drop the due day and the rung: the group's title says when, near enough, and What
    // had 15 columns beside them at 60.
    let narrow = inner.width < NARROW_BELOW;
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.agenda.window(height);
    let end = (offset + height).min(app.agenda.items.len());
    // A due date in another year than today's shows its year, in a column one wider: wider
    // for the whole list, not only while such a row is in sight, so that scrolling never
    // shifts the columns after it sideways.
    let dated_in_another_year = app.agenda.items.iter().any(|(_, id)| {
        ledger
            .promise(*id)
            .and_then(|p| p.due)
            .is_some_and(|due| due.year() != app.today.year())
    });
    let mut constraints = vec![Constraint::Length(9)];
    if !narrow {
        constraints.push(Constraint::Length(if dated_in_another_year {
            10
        } else {
            9
        }));
    }
    constraints.extend([Constraint::Length(6), Constraint::Min(12)]);
    if !narrow {
        constraints.push(Constraint::Length(6));
    }
    constraints.push(Constraint::Fill(2));
    // The last column, against the border: the widest number listed keeps a space before it,
    // as a shorter one does (`#10001 │`, not `#10001│`).
    let widest = app
        .agenda
        .items
        .iter()
        .map(|(_, id)| id.0)
        .max()
        .unwrap_or(0);
    let spaced = u16::try_from(format!("#{widest} ").len()).unwrap_or(u16::MAX);
    constraints.push(Constraint::Length(super::number_width(app).max(spaced)));
    let widths = column_widths(inner.width, &constraints);
    let name_width = widths[if narrow { 2 } else { 3 }];
    let what_width = widths[if narrow { 3 } else { 5 }];
    super::record_rows(app, inner, height, offset);
    let rows = app.agenda.items[offset..end]
        .iter()
        .enumerate()
        .filter_map(|(i, (bucket, id))| {
            let p = ledger.promise(*id)?;
            let person = ledger.person(p.person)?;
            let first = i == 0 || app.agenda.items[offset + i - 1].0 != *bucket;
            let bucket_style = match bucket {
                Bucket::Overdue => theme.overdue(),
                Bucket::Today => theme.focus(),
                _ => theme.heading(),
            };
            let when = if first { bucket.title() } else { "" };
            let (who, who_style) = match p.direction {
                Direction::Theirs => ("theirs", Style::new()),
                Direction::Mine => ("mine", theme.mine()),
            };
            let due_style = if *bucket == Bucket::Overdue {
                theme.overdue()
            } else {
                Style::new()
            };
            let due = p.due.map(|d| short_day(d, app.today));
            let mut cells = vec![Cell::from(Span::styled(when, bucket_style))];
            if !narrow {
                cells.push(Cell::from(Span::styled(
                    due.unwrap_or_else(|| "—".into()),
                    due_style,
                )));
            }
            cells.extend([
                Cell::from(Span::styled(who, who_style)),
                // Named as in the people table: with the handle where two share a name, and
                // with archived people shown (A), theirs say so.
                Cell::from(person_label(app, person, name_width)),
            ]);
            if !narrow {
                cells.push(Cell::from(p.level.as_str()));
            }
            cells.push(Cell::from(fit(&clean(&p.what), what_width)));
            cells.push(Cell::from(Span::styled(format!("#{}", p.id), theme.dim())));
            Some(Row::new(cells))
        });
    let header: Vec<&str> = if narrow {
        vec!["When", "Whose", "Person", "What", "#"]
    } else {
        vec!["When", "Due", "Whose", "Person", "Rung", "What", "#"]
    };
    super::selection_table(
        app,
        frame,
        inner,
        (Row::new(header), rows, constraints),
        app.agenda.selected - offset,
    );
}

/// The fewest columns a name in the keep-in-touch box is cut to, to leave room for how far
/// past their cadence they are: on a screen narrower than both, the line is cut at its end.
const NAME_MIN: usize = 8;

/// The colleagues not heard from for longer than their cadence, longest past it first, in
/// `rows` lines: where more are past it, the last says how many more, and where to see them.
fn keep_in_touch(app: &App, touch: &[Overdue], frame: &mut Frame, area: Rect, rows: usize) {
    let theme = &app.theme;
    let all = app.cache.touch.len();
    let count = if touch.len() == all {
        format!("· {all} past their cadence ")
    } else {
        format!(
            "· {} of {all} past their cadence match the filter ",
            touch.len()
        )
    };
    // Cut with `…` where the screen ends it, as the agenda's title is.
    let title = vec![
        Span::styled(" Keep in touch ", theme.heading()),
        Span::styled(count, theme.dim()),
    ];
    let block = Block::bordered().title(super::box_title(title, area.width));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // A column kept clear of the right border, as the space before the name keeps the left.
    let width = usize::from(inner.width).saturating_sub(1);
    let mut lines: Vec<Line> = touch
        .iter()
        .take(if touch.len() > rows { rows - 1 } else { rows })
        .filter_map(|due| {
            let person = app.ledger().person(due.person)?;
            let last = if due.last.logged {
                format!("last {}", short_day(due.last.day, app.today))
            } else {
                "nothing logged yet".to_string()
            };
            // A name two people share carries the handle, as in the people table.
            let name = if app.cache.named_alike.contains_key(&person.id) {
                format!("{} ({})", clean(&person.name), clean(&person.handle))
            } else {
                clean(&person.name)
            };
            // How far past the cadence first: it is what the list is in order of, and a
            // narrow screen drops parts from the end. A long name is cut before it is: it
            // pushed it out (`… · 2 days o…`).
            let over = format!(" · {} over", days(due.over()));
            let name_room = width.saturating_sub(1 + columns(&over)).max(NAME_MIN);
            let cut = fit(&name, name_room);
            let mut text = format!(" {cut}{over}");
            // The cadence and the last contact only whole, and in turn: cut, they left a
            // bare `·…` or half a date against the border.
            if cut == name {
                let every = format!(" · every {}", days(i64::from(due.every)));
                for part in [every, format!(" · {last}")] {
                    if columns(&text) + columns(&part) > width {
                        break;
                    }
                    text.push_str(&part);
                }
            }
            Some(Line::from(Span::styled(fit(&text, width), theme.focus())))
        })
        .collect();
    if touch.len() > rows {
        let more = format!(
            " and {} more (`trustladder agenda` lists them all)",
            touch.len() - (rows - 1)
        );
        lines.push(Line::styled(fit(&more, width), theme.dim()));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}

/// A day as the agenda shows it: `Wed 12-02` in today's year, `2027-12-01` in another, so a
/// date a year or more away never reads as one this year.
fn short_day(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %m-%d").to_string()
    } else {
        day.format("%Y-%m-%d").to_string()
    }
}
