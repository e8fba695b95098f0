//! The views: functions from the model to the screen. They read the App and draw; they never
//! change anything but the remembered scroll offsets of the lists.

mod agenda;
pub(crate) mod help;
mod messages;
mod people;
mod person;
mod popup;
mod prep;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState};

use super::app::{App, Popup, View};
use super::editor::LineEditor;
use super::keymap::Action;
use super::theme::Theme;
use crate::core::text::columns;
// Cut as the command line cuts, so a name or a handle reads the same in both.
pub use crate::core::text::fit;
use crate::core::text::fit_keeping_number;
use crate::core::{Level, Person, PromiseId};

/// The smallest screen the views are laid out for; below it only a message is drawn.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// The rows around the view: the title bar above, the status line and the hint bar below.
pub const BARS: u16 = 3;

/// The marker in front of the selected row of every table; it always takes its width.
pub const SELECTED: &str = "▶ ";

/// Draws a table whose row `selected` (counted among the rows given) is marked and under the
/// selection's bar, its text in the bar's colour where a cell gives it none, as every list
/// draws its selection. The terminal's own cursor goes to the selected row's marker, as
/// screen readers and magnifiers follow the cursor, not the colours (hidden, it left them
/// nowhere); while a filter is typed, the cursor stays at its insertion point in the title.
pub fn selection_table<'a>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    (header, rows, widths): (Row<'a>, impl IntoIterator<Item = Row<'a>>, Vec<Constraint>),
    selected: usize,
) {
    let theme = &app.theme;
    let rows = rows.into_iter().enumerate().map(|(i, row)| {
        if i == selected {
            row.style(theme.selected_row())
        } else {
            row
        }
    });
    let table = Table::new(rows, widths)
        .header(header.style(theme.heading()))
        .row_highlight_style(theme.selection_bar())
        .highlight_symbol(SELECTED)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
    // Below the header's row, the selected row as the table scrolled to it.
    let row = state
        .selected()
        .map(|at| at.saturating_sub(state.offset()))
        .and_then(|at| u16::try_from(at).ok())
        .map(|at| area.y.saturating_add(1).saturating_add(at));
    if !app.filtering
        && let Some(y) = row.filter(|y| *y < area.bottom())
    {
        frame.set_cursor_position(Position::new(area.x, y));
    }
}

/// Puts the terminal's own cursor at the top-left of `area`, a view's text where nothing in
/// it is selected, so that a screen reader or magnifier following the cursor reads from its
/// start rather than from what is drawn under it.
pub fn cursor_at_start(frame: &mut Frame, area: Rect) {
    if !area.is_empty() {
        frame.set_cursor_position(area.as_position());
    }
}

/// Draws what an empty list says in `inner`, its inside, wrapped a column in from each side so
/// that a narrow screen shows it whole (the key to press is its point: "p adds a colleague"
/// was cut at 60 columns), with the cursor at its start unless a filter is being typed.
pub fn empty_list_note(app: &App, frame: &mut Frame, inner: Rect, text: String) {
    let padded = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Line::styled(text, app.theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        padded,
    );
    if !app.filtering {
        cursor_at_start(frame, padded);
    }
}

/// Draws the whole screen for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    app.regions.clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // With a form open (or the question over one) only the force-quit key quits: a `q`
        // typed into it while the window is briefly small must not end the program and lose
        // what was typed.
        let quit = if app.holds_typing() {
            None
        } else {
            app.keys
                .key_of(super::keymap::Action::Quit, &app.view_contexts())
        }
        .or_else(|| app.bound_key(super::keymap::Action::ForceQuit));
        too_small(quit.as_deref(), app.holds_typing(), frame, area);
        return;
    }
    let [top, main, status_area, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status::rows(app, area.width, area.height)),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(app, frame, top);
    match app.view {
        View::People => people::draw(app, frame, main),
        View::Person => person::draw(app, frame, main),
        View::Agenda => agenda::draw(app, frame, main),
    }
    // Whether the status line cuts what it says is measured once, for it and the hint bar.
    let shown = status::shown(app, status_area);
    let cut = shown.cut;
    status::draw_status(frame, shown, status_area);
    status::draw_hints(app, frame, hints, cut);
    // A form or a question keeps off the top bar, the status line (as many rows as it takes)
    // and the hint bar where it fits between them.
    let above = Rect {
        y: main.y,
        height: main.height,
        ..area
    };
    match &app.popup {
        Some(Popup::Form(form)) => popup::form(app, form, frame, area, above),
        Some(Popup::Confirm(confirm)) => popup::confirm(app, confirm, frame, area, above),
        // Help stays above the status line and the hint bar, which keep saying where you are.
        Some(Popup::Help(popup)) => help::draw(app, popup, frame, main),
        Some(Popup::Prep(popup)) => prep::draw(app, popup, frame, main),
        Some(Popup::Messages(popup)) => messages::draw(app, popup, frame, main),
        None => {}
    }
}

/// Whether the person view shows the trust-over-time chart on the screen as last reported
/// (a short one when none was), for the words that say what `c` did.
pub fn chart_shown(app: &App) -> bool {
    person::chart_shown(app, person_height(app))
}

/// Whether the person view's chart is drawn in place of its ladder and its promises (a short
/// screen where `c` asked for it), so that no promise shows to act on: the keys that act on the selected
/// one say so rather than act unseen, and the hint bar leaves them out.
pub fn chart_covers_promises(app: &App) -> bool {
    app.view == View::Person && person::chart_covers(app, person_height(app))
}

/// The height of the person view on the screen as last reported, with a one-line status:
/// what decides its layout, so that a long message never swaps the chart and the promises.
fn person_height(app: &App) -> u16 {
    app.screen.map_or(0, |(_, h)| h.saturating_sub(BARS))
}

/// The rows a status message of two lines takes from the view above it: 0 or 1.
pub fn status_extra(app: &App) -> u16 {
    app.screen
        .map_or(0, |(w, h)| status::rows(app, w, h).saturating_sub(1))
}

/// The shortest ways [`too_small`] says that `key` quits, each with the words that must show
/// whole: with a form open, each says too that the form is not saved, the shortest wrapping to
/// two lines of 13 columns, so that no narrow window makes quitting look safe.
fn quits(key: &str, form: bool) -> Vec<(String, String)> {
    let whole = format!("{key} quits");
    if form {
        vec![
            (
                format!("{key} quits without saving the form."),
                whole.clone(),
            ),
            (format!("{key} quits, form unsaved."), whole),
        ]
    } else {
        vec![(format!("{key} quits."), format!("{key} quits."))]
    }
}

/// What the screen says below the minimum size: the longest message that fits with "press q
/// to quit" (`q` the quit key in force) whole on one of its lines ("q quits." at the
/// smallest), since only quitting (and resizing) works there; with a form open, that quitting
/// does not save it, the form named where no sentence before it names it, and said at every
/// size the key is ([`quits`]). With no key that quits there (the config check keeps one, but a
/// key map need not have passed it) it says only what works: a bigger window, never a key
/// that does nothing.
fn too_small(key: Option<&str>, form: bool, frame: &mut Frame, area: Rect) {
    let (w, h) = (area.width, area.height);
    // With a form open, what quitting costs is said: the form goes unsaved. The way on said
    // alone is a sentence of its own, as it is within the longer message. Only the longer one
    // names the form before; a shorter one names it where it says what quitting costs.
    let (bigger, unsaved, unsaved_alone) = if form {
        (
            "Make the window bigger to go on with the form",
            " without saving it",
            " without saving the form",
        )
    } else {
        ("Make the window bigger", "", "")
    };
    // Each with the words that must show whole (the key and what it does), shortest last.
    let candidates: Vec<(String, String)> = match key {
        Some(key) => {
            let alone = format!("Press {key} to quit{unsaved_alone}.");
            let whole = format!("Press {key} to quit");
            vec![
                (
                    format!(
                        "Terminal too small ({w}x{h}): trustladder needs at least {MIN_WIDTH}x{MIN_HEIGHT}. {bigger}, or press {key} to quit{unsaved}."
                    ),
                    format!("press {key} to quit"),
                ),
                (
                    format!("Too small ({w}x{h}, needs {MIN_WIDTH}x{MIN_HEIGHT}).\n{alone}"),
                    whole.clone(),
                ),
                (format!("Too small.\n{alone}"), whole.clone()),
                (alone, whole),
            ]
            .into_iter()
            .chain(quits(key, form))
            .collect()
        }
        None => vec![
            (
                format!(
                    "Terminal too small ({w}x{h}): trustladder needs at least {MIN_WIDTH}x{MIN_HEIGHT}. {bigger}."
                ),
                String::new(),
            ),
            (format!("{bigger}."), format!("{bigger}.")),
        ],
    };
    let width = usize::from(w);
    let wrapped = |text: &str| -> Vec<String> {
        text.lines()
            .flat_map(|paragraph| wrap(paragraph, width, "", ""))
            .collect()
    };
    let lines = candidates
        .iter()
        .map(|(text, whole)| (wrapped(text), whole))
        .find(|(lines, whole)| {
            lines.len() <= usize::from(h) && lines.iter().any(|line| line.contains(whole.as_str()))
        })
        .map(|(lines, _)| lines)
        .or_else(|| candidates.last().map(|(text, _)| wrapped(text)))
        .unwrap_or_default();
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn title_bar(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    // The Person tab appears once a person has been opened, named after whom `Tab` opens.
    // A long name is cut to leave the other tabs whole: each is the label, a space either
    // side and one after; the name keeps what the title, "People" and "Agenda" leave, less
    // the day's room where it can spare it. The file and the day at the right show where
    // there is room after it.
    const FIXED: usize = " trustladder  ".len() + " People  ".len() + " Agenda  ".len();
    const READ_ONLY: &str = " read-only ";
    // The read-only mark is the only sign of it on screen: the name gives way to it.
    let marked = if app.read_only.is_some() {
        READ_ONLY.len()
    } else {
        0
    };
    let room = usize::from(area.width).saturating_sub(FIXED + "  Person:  ".len() + marked);
    // The day at the right keeps its place where the name can give way to it and still show
    // twelve columns of itself (a past day given with `--today`, which the screen must not
    // hide, five and its `…`): in full, else without its year.
    let name_least: usize = if app.looking_back { 6 } else { 12 };
    let day = format!("{} ", app.today.format("%a %Y-%m-%d"));
    let short_day = format!("{} ", app.today.format("%a %m-%d"));
    let room = [&day, &short_day]
        .into_iter()
        .map(|text| columns(text) + 1)
        .find(|width| room >= name_least + width)
        .map_or(room, |width| room - width);
    let person_name = app
        .person
        .and(app.person_tab())
        .and_then(|id| app.ledger().person(id))
        .map(|p| format!("Person: {}", person_label(app, p, room.max(4))));
    let mut spans = vec![
        Span::styled(" trustladder ", theme.heading()),
        Span::raw(" "),
    ];
    let tabs = [
        (View::People, Some("People".to_string())),
        (View::Person, person_name),
        (View::Agenda, Some("Agenda".to_string())),
    ];
    for (view, label) in tabs {
        let Some(label) = label else { continue };
        let style = if app.view == view {
            theme.selection()
        } else {
            theme.dim()
        };
        let text = format!(" {label} ");
        let x: usize = spans.iter().map(|s| columns(&s.content)).sum();
        let (x, width) = (
            u16::try_from(x).unwrap_or(u16::MAX),
            u16::try_from(columns(&text)).unwrap_or(u16::MAX),
        );
        let tab = Rect::new(area.x.saturating_add(x), area.y, width, 1).intersection(area);
        app.regions.tabs.borrow_mut().push((tab, view));
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    if app.read_only.is_some() {
        spans.push(Span::styled(READ_ONLY, theme.bad()));
    }
    // The day alone where the file's name does not fit beside it, without its year where
    // the day does not fit whole: with `--today` it is the day the app acts on, which the
    // screen should not hide.
    let right = [format!("{} · {day}", clean(&app.file_name)), day, short_day];
    let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(used);
    if let Some(right) = right.into_iter().find(|text| columns(text) <= room) {
        spans.push(Span::raw(" ".repeat(room - columns(&right))));
        spans.push(Span::styled(right, theme.dim()));
    }
    frame.render_widget(Line::from(drawn_spans(spans)), area);
}

/// The fewest rows a list of promises keeps, on a person's page and in the agenda above its
/// keep-in-touch box: its borders, its column names and three promises.
pub const LIST_LEAST: u16 = 6;

/// Below this inner width the lists of promises (the agenda, a person's page) drop the
/// columns What needs the room of more than they are needed: the rung, and in the agenda the
/// due day, which its group's title says near enough.
pub const NARROW_BELOW: u16 = 70;

/// Records where a list's rows were drawn: `height` rows under the header of a table in
/// `inner`, the first of them row `first` of the list.
pub fn record_rows(app: &App, inner: Rect, height: usize, first: usize) {
    let height = u16::try_from(height).unwrap_or(u16::MAX);
    let rows =
        Rect::new(inner.x, inner.y.saturating_add(1), inner.width, height).intersection(inner);
    app.regions.rows.set(Some((rows, first)));
    app.regions.page.set(Some(rows.height));
}

/// The `/` filter in the title of a list drawn in `area`, after the title's spans `before`:
/// `· filter: TEXT `, or none when there is no filter. While it is typed, the text is the
/// editor's window on the room the title line has left, so a long filter scrolls with the
/// insertion point in sight and never splits a wide character, and the terminal's own cursor
/// goes to the insertion point, where input methods open their window; a kept filter shows its
/// start, cut with `…`.
pub fn filter_span(
    app: &App,
    editor: &LineEditor,
    before: &[Span],
    frame: &mut Frame,
    area: Rect,
) -> Option<Span<'static>> {
    const LABEL: &str = "· filter: ";
    let text = editor.text();
    if !app.filtering && text.is_empty() {
        return None;
    }
    let used: usize = before.iter().map(|s| columns(&s.content)).sum();
    // The title line runs between the corners; the text keeps a space after it. While typed,
    // it leaves room for the `…` of what it pushes out and the space a cut title keeps before
    // the corner, so that the insertion point after it is on neither; kept, its own `…` says
    // the title is cut.
    let line = usize::from(area.width).saturating_sub(2);
    let marks = if app.filtering { columns("… ") } else { 0 };
    let room = line.saturating_sub(used + columns(LABEL) + 1 + marks);
    let shown = if app.filtering {
        let (shown, col) = editor.drawn_window(room);
        let x = usize::from(area.x) + 1 + used + columns(LABEL) + col;
        if app.popup.is_none()
            && let Ok(x) = u16::try_from(x)
            && x < area.right().saturating_sub(1)
        {
            frame.set_cursor_position(Position::new(x, area.y));
        }
        shown
    } else {
        fit(&clean(text), room.max(1))
    };
    Some(Span::styled(format!("{LABEL}{shown} "), app.theme.focus()))
}

/// User text made safe to draw (see `core::text::sanitize`).
pub fn clean(text: &str) -> String {
    crate::core::text::sanitize(text)
}

/// What the Agenda says with nothing open, and what to press: with no one to promise
/// anything yet, adding a colleague comes first.
pub fn nothing_open(app: &App) -> String {
    if app.ledger().people.iter().any(|p| !p.archived) {
        format!(
            "Nothing open.{}",
            app.key_says(Action::NewPromise, "adds a promise.")
        )
    } else {
        match app.bound_key(Action::NewPerson) {
            Some(key) => {
                format!("Nothing open, and no one yet to promise anything: {key} adds a colleague.")
            }
            None => "Nothing open, and no one yet to promise anything.".to_string(),
        }
    }
}

/// What a person's page says with no promises: what adds one, or, for someone archived,
/// that they are restored first.
pub fn no_promises_with(app: &App) -> String {
    let archived = app
        .person
        .and_then(|id| app.ledger().person(id))
        .is_some_and(|p| p.archived);
    if archived {
        match app.bound_key(Action::Archive) {
            Some(key) => format!("No promises. Archived: {key} restores them, to add one."),
            None => "No promises. Archived: restored, they can have one.".to_string(),
        }
    } else {
        let says: Vec<String> = [
            app.bound_key(Action::NewPromise)
                .map(|k| format!("{k} adds one")),
            app.bound_key(Action::LogKept)
                .map(|k| format!("{k} logs one already kept")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if says.is_empty() {
            "No promises yet.".to_string()
        } else {
            format!("No promises yet. {}.", says.join("; "))
        }
    }
}

/// A person's name in `width` columns, the same in every table and title: a name two people
/// share carries the handle that tells them apart, whole, the name cut first to make room
/// (`Priya R… (priya-raman-2)`), or is the handle alone where even that does not fit, cut in
/// its middle so that the number that tells it from the other stays (`priya-ra…-2`); each of
/// the people sharing a name in the same one of these forms, chosen by the longest handle; an
/// archived person's says so, the name cut rather than the mark where eight columns of it
/// still show.
pub fn person_label(app: &App, person: &Person, width: usize) -> String {
    if !person.archived {
        return named(app, person, width);
    }
    // The mark stays whole, shortened where the column is narrow, so an archived row can
    // always be told from the others; the name (with its handle's number, where another has
    // the name) takes the room the mark leaves.
    const ARCHIVED: &str = " (archived)";
    const SHORT: &str = " (arch)";
    let whole = named(app, person, usize::MAX);
    if columns(&whole) + ARCHIVED.len() <= width {
        format!("{whole}{ARCHIVED}")
    } else if width >= ARCHIVED.len() + 8 {
        format!("{}{ARCHIVED}", named(app, person, width - ARCHIVED.len()))
    } else if width >= SHORT.len() + 4 {
        format!("{}{SHORT}", named(app, person, width - SHORT.len()))
    } else {
        fit(&format!("{whole}{ARCHIVED}"), width)
    }
}

/// A person's name in `width` columns, with their handle beside it where another has the
/// name, cut so the handle's number stays.
fn named(app: &App, person: &Person, width: usize) -> String {
    /// The fewest columns of the name worth showing before the handle.
    const SOME_NAME: usize = 4;
    let name = clean(&person.name);
    let Some(&longest) = app.cache.named_alike.get(&person.id) else {
        return fit(&name, width);
    };
    let handle = clean(&person.handle);
    // Room as the longest handle of the name leaves it: all who share it look alike.
    let room = width.saturating_sub(longest.max(columns(&handle)) + 3);
    let label = if columns(&name) <= room {
        format!("{name} ({handle})")
    } else if room >= SOME_NAME {
        format!("{} ({handle})", fit(&name, room))
    } else {
        fit_keeping_number(&handle, width)
    };
    fit(&label, width)
}

/// A note, the user's own words on a person or a promise, as spans to draw: `label` dim, then
/// the note made safe to draw; none when there is no note. The views show notes through here,
/// so that what the person page's `/` finds in a note is on screen, not only in the edit form.
pub fn note_spans(theme: &Theme, label: String, note: &str) -> Option<Vec<Span<'static>>> {
    let note = note.trim();
    if note.is_empty() {
        return None;
    }
    Some(vec![
        Span::styled(label, theme.dim()),
        Span::raw(clean(note)),
    ])
}

/// The selected promise's note, for the bottom border of the list showing it: ` Note on #12:
/// done a day early `, cut with `…` to the `width` of the list; none when it has none.
pub fn promise_note(app: &App, id: PromiseId, width: u16) -> Option<Line<'static>> {
    let promise = app.ledger().promise(id)?;
    let mut spans = note_spans(
        &app.theme,
        format!(" Note on #{}: ", promise.id),
        &promise.note,
    )?;
    // Cut between words where one is cut, as the status line is (`ask… ─┘`, not `as… ─┘`):
    // the room is the box's inside, less the label and the space before the corner.
    let room = usize::from(width.saturating_sub(4)).saturating_sub(columns(&spans[0].content) + 1);
    if let Some(note) = spans.get_mut(1) {
        note.content = status::fit_at_word(&note.content, room).into();
    }
    spans.push(Span::raw(" "));
    // The corners and a border's column either side stay in sight; cut, it keeps the space
    // before them that a whole note ends with, as a box's top title does (`ask… ─┘`).
    Some(box_title(spans, width.saturating_sub(2)))
}

/// A box's title, its spans cut to the room between the corners of a box `width` wide as
/// [`fit_spans`] cuts them: every box's title ends in `…` where the screen cuts it, and keeps
/// the space before the corner that an uncut title ends with (`…┐` read as run into the
/// border).
pub fn box_title(spans: Vec<Span<'static>>, width: u16) -> Line<'static> {
    let room = usize::from(width.saturating_sub(2));
    if spans.iter().map(|s| columns(&s.content)).sum::<usize>() <= room {
        return Line::from(fit_spans(spans, room));
    }
    if room == 0 {
        return Line::default();
    }
    let mut cut = fit_spans(spans, room - 1);
    cut.retain(|s| !s.content.is_empty());
    // Cut where a span ends, the next given no room, the `…` is not there yet: it takes the
    // last column, after the word as `fit` puts it (`ends here… ┐`). One there already (a
    // filter's, cut) is followed by the one space.
    if let Some(last) = cut.last_mut() {
        let text = last.content.trim_end();
        let ended = if text.ends_with('…') {
            text.to_string()
        } else {
            fit(&format!("{}…", last.content), columns(&last.content))
        };
        last.content = ended.into();
    }
    cut.push(Span::raw(" "));
    Line::from(cut)
}

/// Spans cut to `width` as [`fit`] cuts text: whole while they fit, then the first one that
/// does not, cut with `…`, and nothing after it. A cut that would keep only a separator of
/// it (` ·…`) keeps the space and the `…` alone, as a separator with nothing after it reads
/// as a mistake.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let w = columns(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let mut cut = fit(&span.content, width - used);
        if width > used
            && cut
                .trim_end_matches('…')
                .chars()
                .all(|c| c == '·' || c.is_whitespace())
        {
            // The span's own space before its separator stays where there is room for it, so
            // the `…` is not read as the end of the word before (`mine …`, not `mine…`).
            let space = span.content.starts_with(' ') && width - used > 1;
            cut = if space { " …" } else { "…" }.to_string();
        }
        out.push(Span::styled(cut, span.style));
        break;
    }
    drawn_spans(out)
}

/// `spans` split where ratatui would measure one shorter than it draws it. ratatui draws a
/// span grapheme by grapheme (an Arabic lam-alef, "لا", in two columns, as terminals do) but
/// starts the next span, and places a title, by the span's width as one string, which counts
/// the pair as one ligature column: the next span then covers the pair's last letter. Split
/// between the lam and the alef, each piece measures what is drawn of it.
pub fn drawn_spans(spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    if spans.iter().all(|s| s.width() == columns(&s.content)) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + 1);
    for span in spans {
        if span.width() == columns(&span.content) {
            out.push(span);
            continue;
        }
        let mut piece = String::new();
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(span.content.as_ref(), true) {
            let longer = format!("{piece}{g}");
            if !piece.is_empty() && Span::raw(longer.as_str()).width() != columns(&longer) {
                out.push(Span::styled(std::mem::take(&mut piece), span.style));
            }
            piece.push_str(g);
        }
        out.push(Span::styled(piece, span.style));
    }
    out
}

/// The width of a column of promise numbers (`#123456`): as wide as the largest number in
/// the ledger takes, so that no number is ever cut (a cut `#100001` reads as `#10000`, another
/// promise), and the same for every row and view.
pub fn number_width(app: &App) -> u16 {
    // Promises are kept in the order of their numbers.
    let largest = app.ledger().promises.last().map_or(0, |p| p.id.0);
    let digits = largest.checked_ilog10().map_or(1, |d| d + 1);
    // The `#`, and at least the five digits the columns always had room for.
    u16::try_from(digits.max(5) + 1).unwrap_or(u16::MAX)
}

/// The width of each column of a table `width` columns wide, laid out as ratatui's `Table`
/// does (the [`SELECTED`] marker first, one space between columns), so that text too long
/// for its column can be [`fit`] with an ellipsis instead of being cut off bare at the edge.
pub fn column_widths(width: u16, constraints: &[Constraint]) -> Vec<usize> {
    let marker = u16::try_from(columns(SELECTED)).unwrap_or(u16::MAX);
    Layout::horizontal(constraints.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, width.saturating_sub(marker), 1))
        .iter()
        .map(|column| usize::from(column.width))
        .collect()
}

/// Word-wraps `text` to `width` display columns, the first line indented by `first` and the
/// rest by `rest`, so that long sentences fold inside their area instead of being cut. Never
/// at a hyphen: a date (`2026-12-04`) or a handle (`anna-lee`) split there reads as another.
///
/// Measured by grapheme as drawing measures ([`crate::core::text::columns`]), so that an emoji written with
/// U+FE0F (✔️) takes the two columns it is drawn in and no line runs past the edge.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    crate::core::text::indented(text, width.max(1), first, rest, true)
}

/// The ladder badge: one block per rung held, and the level's name.
pub fn badge(level: Option<Level>) -> String {
    match level {
        None => "··· none".to_string(),
        Some(Level::Task) => "▮·· task".to_string(),
        Some(Level::Result) => "▮▮· result".to_string(),
        Some(Level::Impact) => "▮▮▮ impact".to_string(),
    }
}

/// The badge as a styled span.
pub fn badge_span(theme: &Theme, level: Option<Level>) -> Span<'static> {
    Span::styled(badge(level), theme.level(level))
}

/// Bold, for emphasis in either theme.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "لا" is drawn in two columns: a name of 9 fits 9 columns whole and is cut with `…` in
    /// 8, where measured as a whole string (8) it was kept whole in 8 and lost its last letter.
    #[test]
    fn fit_counts_lam_alef_as_two_columns() {
        assert_eq!(fit("سلام علاء", 9), "سلام علاء");
        assert_eq!(fit("سلام علاء", 8), "سلام عل…");
    }

    /// Split between the lam and the alef, each span measures what ratatui draws of it, so
    /// the span after it starts after the pair's last letter rather than over it.
    #[test]
    fn spans_with_lam_alef_are_split_to_measure_what_is_drawn() {
        let spans = drawn_spans(vec![Span::raw("Person: سلام علاء"), Span::raw(" Agenda")]);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Person: سل", "ام عل", "اء", " Agenda"]);
        assert!(spans.iter().all(|s| s.width() == columns(&s.content)));
        let plain = vec![Span::raw("Amara"), Span::raw(" 王芳")];
        assert_eq!(drawn_spans(plain.clone()), plain);
    }

    #[test]
    fn wrapping_never_splits_a_date_or_a_handle_at_its_hyphen() {
        let lines = wrap(
            "#110 Update the runbook · due Fri 2026-12-04",
            40,
            "- ",
            "  ",
        );
        assert_eq!(
            lines,
            ["- #110 Update the runbook · due Fri", "  2026-12-04"]
        );
        let lines = wrap("ask anna-lee first", 10, "", "");
        assert_eq!(lines, ["ask", "anna-lee", "first"]);
    }

    /// An emoji written with U+FE0F (✔️) is drawn two columns wide, and wrapped so: no line
    /// is wider than its room, and no word is lost past the edge.
    #[test]
    fn wrapping_counts_an_emoji_with_its_variation_selector_as_drawn() {
        let text = "make ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ ✔️ and keep small promises";
        let lines = wrap(text, 20, " ", "   ");
        for line in &lines {
            assert!(columns(line) <= 20, "{line:?} is {} wide", columns(line));
        }
        assert_eq!(
            lines,
            [
                " make ✔️ ✔️ ✔️ ✔️ ✔️",
                "   ✔️ ✔️ ✔️ ✔️ ✔️ ✔️",
                "   ✔️ and keep small",
                "   promises"
            ]
        );
        // A word of them longer than the line is broken between them, never inside one.
        assert_eq!(wrap(&"✔️".repeat(6), 5, "", ""), ["✔️✔️", "✔️✔️", "✔️✔️"]);
    }

    /// The People list's title in its parts, each of which a cut may leave out.
    fn people_title() -> Vec<Span<'static>> {
        vec![
            Span::raw(" People "),
            Span::raw("· filter: zz "),
            Span::raw("· sorted by name "),
        ]
    }

    /// A person's promises' title in its parts.
    fn mine_title() -> Vec<Span<'static>> {
        vec![Span::raw(" theirs and mine"), Span::raw(" · open first ")]
    }

    #[test]
    fn spans_cut_end_in_an_ellipsis_never_a_lone_separator() {
        let text = |spans: Vec<Span<'static>>| -> String {
            spans.iter().map(|s| s.content.as_ref()).collect()
        };
        assert_eq!(
            text(fit_spans(people_title(), 38)),
            " People · filter: zz · sorted by name "
        );
        assert_eq!(
            text(fit_spans(people_title(), 27)),
            " People · filter: zz · sor…"
        );
        assert_eq!(
            text(fit_spans(people_title(), 23)),
            " People · filter: zz …"
        );
        assert_eq!(
            text(fit_spans(people_title(), 22)),
            " People · filter: zz …"
        );
        assert_eq!(text(fit_spans(people_title(), 21)), " People · filter: zz ");
        assert_eq!(text(fit_spans(mine_title(), 19)), " theirs and mine …");
    }

    /// A box's title cut for width ends in `…` and the one space a whole title keeps before
    /// the corner (`…┐` read as run into the border), wherever the cut falls.
    #[test]
    fn a_cut_title_keeps_a_space_before_its_corner() {
        let text = |line: Line<'static>| -> String {
            line.spans.iter().map(|s| s.content.as_ref()).collect()
        };
        assert_eq!(
            text(box_title(people_title(), 40)),
            " People · filter: zz · sorted by name "
        );
        assert_eq!(
            text(box_title(people_title(), 29)),
            " People · filter: zz · so… "
        );
        // Cut where a span ends: the `…` goes after its last word.
        assert_eq!(
            text(box_title(people_title(), 24)),
            " People · filter: zz… "
        );
        assert_eq!(text(box_title(mine_title(), 21)), " theirs and mine … ");
        assert_eq!(text(box_title(vec![Span::raw(" Ladder ")], 2)), "");
    }

    #[test]
    fn badges_name_the_level_and_show_the_rungs_held() {
        assert_eq!(badge(None), "··· none");
        assert_eq!(badge(Some(Level::Task)), "▮·· task");
        assert_eq!(badge(Some(Level::Impact)), "▮▮▮ impact");
    }
}
