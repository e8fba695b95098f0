//! Forms, the delete question and the scrolled text popups (the 1:1 prep, the messages), as
//! centred popups.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{bold, clean, fit};
use crate::core::dates::far_without_year;
use crate::core::dates::words::{hint, hint_since};
use crate::core::text::columns;
use crate::core::touch::{cadence_text, parse_cadence};
use crate::tui::app::{App, Confirm};
use crate::tui::forms::{Field, Form, FormKind, Key, OutcomeDay, Value};
use crate::tui::keymap::{Action, Hint};

/// Label column width in forms.
const LABEL: usize = 9;

/// The most columns left beside a popup that [`clear`] blanks whole (but for the screen's
/// edge): a few letters of what is under it would read as part of the popup.
const NARROW_GAP: u16 = 4;

/// Blanks `area` for a popup, and a column either side of it where the screen has one, so the
/// popup stands apart from what is under it (a list's marks and cut-off text otherwise show
/// between its border and the list's); where no more than [`NARROW_GAP`] columns are left
/// between it and the screen's edge, all of them, and the edge's own where it holds no
/// border (a list's `│` stays), so no letter or two of the text under it, nor a `…` that cut
/// it, shows beside its border as if part of it. A wide
/// character just left of that would otherwise keep its right half under the blank and
/// garble the line in a real terminal.
pub fn clear(frame: &mut Frame, area: Rect) {
    let screen = frame.area();
    let left_gap = area.x.saturating_sub(screen.x);
    let right_gap = screen.right().saturating_sub(area.right());
    let left = if left_gap <= NARROW_GAP {
        area.x.min(screen.x.saturating_add(1))
    } else {
        area.x - 1
    };
    let right = if right_gap <= NARROW_GAP {
        area.right().max(screen.right().saturating_sub(1))
    } else {
        area.right() + 1
    };
    let margin = Rect {
        x: left,
        width: right - left,
        ..area
    };
    frame.render_widget(Clear, margin);
    let edges = [
        (left_gap <= NARROW_GAP && left > screen.x).then_some(screen.x),
        (right_gap <= NARROW_GAP && right < screen.right()).then(|| screen.right() - 1),
    ];
    for x in edges.into_iter().flatten() {
        for y in area.top()..area.bottom() {
            if let Some(cell) = frame.buffer_mut().cell_mut((x, y))
                && !cell.symbol().chars().all(is_border)
            {
                cell.set_symbol(" ");
            }
        }
    }
    let Some(before) = margin.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        if let Some(cell) = frame.buffer_mut().cell_mut((before, y))
            && columns(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The columns the text of a [`scrolled_text`] popup drawn over `outer` is wrapped to: its
/// inside less a column on each side, as the help and an empty list keep, so no line runs
/// into the border (a line of Chinese, which may wrap after any character, fills it).
pub fn scrolled_width(outer: Rect) -> usize {
    usize::from(outer.width.saturating_sub(4)).max(1)
}

/// A popup of wrapped text that scrolls (the 1:1 prep, the messages): `title` in its top
/// border, the `keys` offered in its bottom one, and `lines`, wrapped to [`scrolled_width`],
/// a column in from each side, from the line `top` picks, given the most they can scroll
/// (which `top` keeps for the keys that scroll them); the page keys move by the lines in
/// view. Nothing is selected in it: the cursor goes to the start of its first line. Returns
/// the line drawn first.
pub fn scrolled_text(
    app: &App,
    frame: &mut Frame,
    outer: Rect,
    title: &str,
    keys: &[(Action, &'static str)],
    lines: Vec<Line<'_>>,
    top: impl FnOnce(u16) -> u16,
) -> u16 {
    let block = Block::bordered()
        .title(super::box_title(
            vec![Span::styled(title.to_string(), app.theme.heading())],
            outer.width,
        ))
        .title_bottom(super::box_title(
            key_spans(app, keys, outer.width),
            outer.width,
        ));
    let visible = outer.height.saturating_sub(2);
    let most = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(visible);
    let first = top(most);
    app.regions.page.set(Some(visible));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    frame.render_widget(
        Paragraph::new(lines).scroll((first, 0)),
        inner.inner(Margin::new(1, 0)),
    );
    // On its first line's margin, as the help's cursor is.
    super::cursor_at_start(frame, inner);
    first
}

/// A line-drawing character, as block borders are made of.
fn is_border(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// A popup's own line of keys, from the key map: ` Enter  save   Esc  cancel `, each action
/// with every key the hint bar under it names (`Esc/q  close`); an action the config left
/// without a key is left out, not named as if it were one. On the border of a box `width`
/// wide they are fitted as the hint bar fits a popup's (see [`fitted_hints`]): the way out
/// always kept, and an action whose keys do not all fit named by its first (`w  write`)
/// before it gives way, where one rebound to several (`w/Ctrl-w/F4`) was left out of it,
/// the prep's border at 60 columns naming write and copy alone. Keys rebound to long names
/// never show cut, without what they do; only the way out is, where nothing else fits.
///
/// [`fitted_hints`]: super::status::fitted_hints
pub fn key_spans(app: &App, keys: &[(Action, &'static str)], width: u16) -> Vec<Span<'static>> {
    let hints: Vec<Hint> = keys
        .iter()
        .map(|&(action, word)| Hint {
            keys: app.bound_labels(action),
            word,
            action,
        })
        .filter(|hint| !hint.keys.is_empty())
        .collect();
    // ` Enter ` and ` save ` and the two spaces before the next; the last takes one space
    // less, which the room beyond the border's two corners takes back.
    let room = usize::from(width.saturating_sub(1));
    let bound = super::status::fitted_hints(&hints, true, room, 5);
    let mut spans = Vec::new();
    for (i, (key, word)) in bound.iter().enumerate() {
        let gap = if i + 1 < bound.len() { "  " } else { " " };
        spans.push(Span::styled(format!(" {key} "), app.theme.key()));
        spans.push(Span::raw(format!(" {word}{gap}")));
    }
    spans
}

/// A popup `width` by `height` in the middle of `area` (the whole screen), within `above`
/// (between the top bar and the status line, however many rows it takes) where it fits
/// there, so what a key did (an editor that failed, say) still shows whole while the popup is
/// open; over them only when it is too tall for that.
fn centered(area: Rect, above: Rect, width: u16, height: u16) -> Rect {
    let area = if height <= above.height { above } else { area };
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

/// Draws a form with each field's error or date reading under it, and places the cursor:
/// within `above`, the rows between the top bar and the status line as drawn (an error there
/// takes up to four), where it fits, else over the whole `area`.
pub fn form(app: &App, form: &Form, frame: &mut Frame, area: Rect, above: Rect) {
    let theme = &app.theme;
    let width = 72.min(area.width.saturating_sub(2));
    let inner_width = usize::from(width.saturating_sub(2));
    let value_width = inner_width.saturating_sub(LABEL + 3);
    let mut lines = Vec::new();
    // The empty lines under fields, which only space them out.
    let mut spacers = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { theme.focus() } else { bold() };
        let label = format!(" {:>width$}: ", field.label, width = LABEL - 1);
        let (shown, at) = field_text(field, focused, value_width);
        if focused && let Some(at) = at {
            cursor = Some((lines.len() as u16, (columns(&label) + at) as u16));
        }
        // A suggestion that typing replaces shows as selected text does.
        let value_style = match (focused, field.suggested) {
            (true, true) => theme.selection(),
            (true, false) => theme.focus(),
            (false, _) => Style::new(),
        };
        lines.push(Line::from(vec![
            Span::styled(label, label_style),
            Span::styled(shown, value_style),
        ]));
        let under = below(app, form, field, focused, value_width);
        if let [line] = under.as_slice()
            && line.width() == 0
        {
            spacers.push(lines.len());
        }
        lines.extend(under);
    }
    // A message is wrapped, not cut: its end is often what to do.
    if let Some(error) = &form.error {
        let wrapped = super::wrap(&clean(error), inner_width.saturating_sub(1), " ", " ");
        lines.extend(
            wrapped
                .into_iter()
                .map(|line| Line::from(Span::styled(line, theme.bad()))),
        );
    }
    let spaced = (lines.len() as u16 + 3).max(form.fields.len() as u16 * 2 + 4);
    // Where the spaced-out form would cover the top bar, the status line and the hint bar
    // (a short screen), the fields close up instead.
    let room = above.height;
    let height = if spaced <= room {
        spaced
    } else {
        if let Some((row, _)) = cursor.as_mut() {
            *row -= spacers.iter().filter(|at| **at < usize::from(*row)).count() as u16;
        }
        for at in spacers.iter().rev() {
            lines.remove(*at);
        }
        lines.len() as u16 + 3
    };
    let popup = centered(area, above, width, height);
    clear(frame, popup);
    let keys = if form.saving {
        vec![Span::styled(" saving… ", theme.dim())]
    } else {
        key_spans(app, form.own_keys(app.ledger()), popup.width)
    };
    let mut title = vec![Span::styled(format!(" {} ", form.title), theme.heading())];
    if let Some(subject) = &form.subject {
        title.push(Span::raw(format!("· {} ", clean(subject))));
    }
    let block = Block::bordered()
        .title(super::box_title(title, popup.width))
        .title_bottom(super::box_title(keys, popup.width));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((row, col)) = cursor
        && row < inner.height
        && col < inner.width
    {
        frame.set_cursor_position(Position::new(inner.x + col, inner.y + row));
    }
}

/// A field's text as drawn, cut to `width` so the cursor stays visible, and the cursor's
/// column inside it (the focused field only). A field not being typed in shows its start, cut with
/// `…`: where the text was last typed is no help to someone reading the form.
fn field_text(field: &Field, focused: bool, width: usize) -> (String, Option<usize>) {
    match &field.value {
        Value::Text(_) if !focused => (fit(&clean(field.shown()), width), None),
        Value::Text(editor) => {
            // What the field shows is sanitized for the terminal; its editor keeps the text as
            // typed.
            let (visible, col) = editor.drawn_window(width);
            (visible, Some(col))
        }
        // Cut inside its arrows, which say it is a choice that ←/→ change; the cursor on the
        // choice made, after `‹ `, where a screen reader or magnifier following it reads it.
        Value::Choice { .. } => {
            let inside = width.saturating_sub(columns("‹  ›"));
            (
                fit(
                    &format!("‹ {} ›", fit(&clean(field.shown()), inside)),
                    width,
                ),
                focused.then_some(columns("‹ ")),
            )
        }
    }
}

/// How many lines the other side's value of a field in conflict may take under it.
const THEIRS_LINES: usize = 3;

/// The lines under a field: its error (wrapped, so that what to do is never cut off), the
/// reading of a date, or how to change a choice; always at least one.
fn below(app: &App, form: &Form, field: &Field, focused: bool, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let pad = " ".repeat(LABEL + 2);
    // Lines that say what is wrong, under the field's text.
    let bad = |lines: Vec<String>| -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|line| {
                Line::from(vec![
                    Span::raw(pad.clone()),
                    Span::styled(line, theme.bad()),
                ])
            })
            .collect()
    };
    if let Some(theirs) = &field.theirs {
        // What theirs says is what the choice is between: wrapped over up to three lines,
        // the last cut with `…` only when even they do not hold it.
        let shown = if theirs.is_empty() { "(empty)" } else { theirs };
        let mut lines = super::wrap(
            &format!("elsewhere: {}", clean(shown)),
            width.max(1),
            "",
            "",
        );
        if lines.len() > THEIRS_LINES {
            let rest = lines.split_off(THEIRS_LINES - 1).join(" ");
            lines.push(fit(&rest, width));
        }
        return bad(lines);
    }
    let cadence = (field.key == Key::Every)
        .then(|| parse_cadence(field.shown()).err())
        .flatten();
    let cadence_text = cadence.as_ref().map(ToString::to_string);
    // An outcome's day refused as empty says, in red, what it said before Enter.
    if field.error.is_some() && field.date && field.past && form.date_preview(field).is_none() {
        return bad(vec![empty_day(form, field, width)]);
    }
    if let Some(error) = field.error.as_ref().or(cadence_text.as_ref()) {
        // A date's or a cadence's message, too long for the width, in its short form.
        let shown = match (form.date_preview(field), &cadence) {
            (Some(Err(e)), _) if columns(error) > width => e.short(),
            (_, Some(e)) if columns(error) > width => e.short(),
            _ => clean(error),
        };
        return bad(wrap_keeping_example(&shown, width.max(1)));
    }
    vec![below_plain(app, form, field, focused, width)]
}

/// A field's message wrapped to `width` columns, its example ("as in: Priya Raman") kept on
/// one line where it fits one: a name split over two lines ("Priya" / "Raman") reads as two
/// words of the message. Its spaces are held as no-break spaces while it is wrapped.
fn wrap_keeping_example(text: &str, width: usize) -> Vec<String> {
    const HELD: char = '\u{a0}';
    let together = text
        .rfind(crate::core::text::EXAMPLE_LEAD)
        .filter(|&at| columns(&text[at..]) <= width && !text.contains(HELD));
    let Some(at) = together else {
        return super::wrap(text, width, "", "");
    };
    let held = format!(
        "{}{}",
        &text[..at],
        text[at..].replace(' ', &HELD.to_string())
    );
    super::wrap(&held, width, "", "")
        .into_iter()
        .map(|line| line.replace(HELD, " "))
        .collect()
}

/// What an empty date field says under it, in `width` columns: "no date", or for an
/// outcome's day, which is needed, "needs a day"; then as many of the words to try as fit,
/// the date written out going first.
fn empty_day(form: &Form, field: &Field, width: usize) -> String {
    let words = match form.made.filter(|_| field.past) {
        Some(made) => hint_since(form.today, made),
        None => hint(field.past, form.today),
    };
    let empty = if field.past { "needs a day" } else { "no date" };
    let shown = (1..=words.len())
        .rev()
        .map(|n| format!("{empty} (try {})", words[..n].join(", ")))
        .find(|text| columns(text) <= width)
        .unwrap_or_else(|| empty.to_string());
    fit(&shown, width)
}

/// What the preview under an outcome's day says of a day `Enter` refuses for `rule`, in
/// `width` columns: the day read and the rule, shorter as it narrows; the day read without
/// its year (the field above holds the word typed, `tomorrow`, not the day it means), then
/// the rule alone, a day it names kept whole, as it is what the day must not be before.
fn refused_day(rule: OutcomeDay, day: NaiveDate, width: usize) -> String {
    let (wide, narrow) = match rule {
        OutcomeDay::AfterToday => (
            "an outcome cannot be after today".to_string(),
            "cannot be after today".to_string(),
        ),
        OutcomeDay::BeforeMade(made) => {
            let said = format!("before it was made ({made})");
            (said.clone(), said)
        }
        OutcomeDay::MadeLater(made) => {
            let said = format!("made after the day shown ({made})");
            (said.clone(), said)
        }
    };
    [
        format!("→ {}: {wide}", day.format("%a %-d %b %Y")),
        format!("→ {}: {narrow}", day.format("%a %-d %b")),
    ]
    .into_iter()
    .find(|text| columns(text) <= width)
    .unwrap_or(wide)
}

/// The line under a field without an error or a value from elsewhere.
fn below_plain(
    app: &App,
    form: &Form,
    field: &Field,
    focused: bool,
    width: usize,
) -> Line<'static> {
    let theme = &app.theme;
    let pad = " ".repeat(LABEL + 2);
    if field.date {
        let preview = form.date_preview(field);
        // A due date most of a year ahead from a word that named no year, said as the
        // command line says it: the next such day may not be the one meant.
        let far = match preview {
            Some(Ok(day))
                if !field.past
                    && matches!(
                        form.kind,
                        FormKind::NewPromise { kept: false } | FormKind::EditPromise(_)
                    ) =>
            {
                far_without_year(field.shown().trim(), day, form.today)
            }
            _ => None,
        };
        // A day an outcome cannot have, said before Enter refuses it, by the rule it refuses
        // it for.
        let refused = match &preview {
            Some(Ok(day)) if field.past => form
                .outcome_day_refused(*day)
                .map(|(rule, _)| refused_day(rule, *day, width)),
            _ => None,
        };
        let text = match preview {
            // As many of the words to try as fit, the date written out going first. An
            // outcome's day is needed: its empty field says so rather than "no date".
            None => Span::styled(empty_day(form, field, width), theme.dim()),
            Some(Ok(_)) if refused.is_some() => Span::styled(
                fit(refused.as_deref().unwrap_or_default(), width),
                theme.bad(),
            ),
            // A due date moved to before the promise was made is kept, as a new promise's
            // before today is, and said before it is saved, as `edit` notes it.
            Some(Ok(day))
                if !field.past
                    && matches!(form.kind, FormKind::EditPromise(_))
                    && form.made.is_some_and(|made| day < made) =>
            {
                let made = form.made.unwrap_or(day);
                // Narrower, the day made stays: it is what the due date is before. That it
                // is overdue from the start the status line says once it is saved.
                let full = format!("→ {}: before it was made ({made})", day.format("%a %-d %b"));
                let shown = if columns(&full) > width {
                    format!("before it was made ({made})")
                } else {
                    full
                };
                Span::styled(fit(&shown, width), theme.overdue())
            }
            // A new promise due before today is kept (one written down late), and said to
            // be overdue before it is saved, as the command line notes it.
            Some(Ok(day))
                if matches!(form.kind, FormKind::NewPromise { kept: false })
                    && day < form.today =>
            {
                // Narrower, the day stays, without its year: it is the last thing to go.
                let shown = [
                    format!(
                        "→ {}: before today, overdue already",
                        day.format("%a %-d %b %Y")
                    ),
                    format!("→ {}: overdue already", day.format("%a %-d %b")),
                ]
                .into_iter()
                .find(|text| columns(text) <= width)
                .unwrap_or_else(|| "overdue already".to_string());
                Span::styled(fit(&shown, width), theme.overdue())
            }
            Some(Ok(day)) if far.is_some() => {
                let days = far.unwrap_or_default();
                let shown = [
                    format!("→ {}, {days} days from today", day.format("%A %-d %B %Y")),
                    format!("→ {}, in {days} days", day.format("%a %-d %b %Y")),
                    format!("→ {day}, in {days} days"),
                ]
                .into_iter()
                .find(|text| columns(text) <= width)
                .unwrap_or_else(|| format!("→ {day}"));
                Span::styled(fit(&shown, width), theme.overdue())
            }
            Some(Ok(day)) => {
                Span::styled(format!("→ {}", day.format("%A %-d %B %Y")), theme.good())
            }
            Some(Err(e)) => {
                let full = e.to_string();
                let shown = if columns(&full) > width {
                    e.fitting(width)
                } else {
                    full
                };
                Span::styled(fit(&shown, width), theme.bad())
            }
        };
        return Line::from(vec![Span::raw(pad), text]);
    }
    // A cadence that does not read is an error, wrapped by `below`.
    if field.key == Key::Every
        && let Ok(cadence) = parse_cadence(field.shown())
    {
        let text = match cadence {
            // Empty, the config file's cadence applies, where it sets one.
            None => match app.defaults.keep_in_touch {
                Some(days) => Span::styled(
                    fit(
                        &format!("{}, from the config file", cadence_text(days)),
                        width,
                    ),
                    theme.dim(),
                ),
                None => Span::styled("no keep-in-touch cadence (try 14d, 2w)", theme.dim()),
            },
            Some(days) => Span::styled(format!("→ {}", cadence_text(days)), theme.good()),
        };
        return Line::from(vec![Span::raw(pad), text]);
    }
    // A choice of nothing (no one left to choose) has nothing to change to.
    if focused && matches!(&field.value, Value::Choice { options, .. } if !options.is_empty()) {
        return Line::from(vec![
            Span::raw(pad),
            Span::styled("←/→, ↑/↓ or Space to change", theme.dim()),
        ]);
    }
    Line::raw("")
}

/// Draws the question asked before a delete, within `above` as [`form`] is where it fits.
pub fn confirm(app: &App, confirm: &Confirm, frame: &mut Frame, area: Rect, above: Rect) {
    let theme = &app.theme;
    // Archiving instead is offered where a key does it. Each answer names every key the
    // hint bar names for it (`y/Enter`).
    let archive = app
        .bound_keys(Action::Archive)
        .filter(|_| confirm.instead.is_some());
    let offers = u16::from(archive.is_some());
    let width = 60.min(area.width.saturating_sub(2));
    // A column kept clear inside each side, as in the other popups, so no text touches the
    // border.
    let inner_width = usize::from(width.saturating_sub(4));
    // The answers that have a key (the config check keeps one for yes and one for no), then
    // what undoes them, each kept whole: one that does not fit after the others begins a row.
    let mut pieces: Vec<Vec<Span>> = Vec::new();
    for (action, word) in [(Action::Confirm, confirm.yes), (Action::Cancel, confirm.no)] {
        if let Some(key) = app.bound_keys(action) {
            pieces.push(vec![
                Span::styled(format!(" {key} "), theme.key()),
                Span::raw(format!(" {word}   ")),
            ]);
        }
    }
    if let Some(key) = app.bound_key(Action::Undo) {
        pieces.push(vec![Span::raw(format!("({key} undoes it too)"))]);
    }
    let mut answers: Vec<Vec<Span>> = Vec::new();
    for piece in pieces {
        let wide: usize = piece.iter().map(|s| columns(&s.content)).sum();
        match answers.last_mut() {
            Some(row)
                if row.iter().map(|s| columns(&s.content)).sum::<usize>() + wide <= inner_width =>
            {
                row.extend(piece);
            }
            _ => answers.push(piece),
        }
    }
    // Wrapped here rather than by the paragraph, so the row of the answers is known.
    let mut lines: Vec<Line> = super::wrap(&clean(&confirm.question), inner_width, "", "")
        .into_iter()
        .map(Line::raw)
        .collect();
    let answers_row = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
    lines.push(Line::raw(""));
    lines.extend(answers.into_iter().map(Line::from));
    if let Some(key) = &archive {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key} "), theme.key()),
            Span::raw(" archive instead, keeping the record"),
        ]));
    }
    // As tall as its lines, and no less than a question of one line leaves.
    let needed = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, above, width, needed.max(7 + offers));
    clear(frame, popup);
    let block = Block::bordered().title(Span::styled(format!(" {} ", confirm.title), theme.bad()));
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    // The cursor on the first answer's key, the one `Enter` gives too, where a screen reader
    // or magnifier following the cursor finds the question's choice.
    if answers_row < inner.height && inner.width > 0 {
        frame.set_cursor_position(Position::new(inner.x, inner.y + answers_row));
    }
}
