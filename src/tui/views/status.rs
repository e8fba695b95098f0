//! The status line (what just happened) and the hint bar (what the keys do here), the latter
//! read from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{clean, fit};
use crate::core::Status;
use crate::core::text::columns;
use crate::tui::app::{App, Popup, View};
use crate::tui::forms::Value;
use crate::tui::keymap::{Action, Hint};

/// What the status line shows in its area: its lines, and whether what was said had to be
/// cut (with `…`) to fit them. The hint bar offers the messages' key while it is cut, so
/// both read it from here, measured once.
pub struct Shown {
    lines: Vec<Line<'static>>,
    pub cut: bool,
}

/// Draws what [`shown`] made of the status line in `area`.
pub fn draw_status(frame: &mut Frame, shown: Shown, area: Rect) {
    let Shown { mut lines, .. } = shown;
    if area.height == 1 {
        if let Some(line) = lines.pop() {
            frame.render_widget(line, area);
        }
    } else {
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
    }
}

/// What happened on the left, and on the right a save under way or the undo depth, in `area`
/// (as many rows as [`rows`] gives). The undo depth gives way to a message too long to share
/// the line with it: the message ends with what to do next (how to see what an archive hid,
/// which key undoes), and the depth shows again with the next shorter one.
/// Where the whole would be cut, the status line's short form ([`StatusLine::short`]) shows
/// instead, its less needed sentence shortened rather than cut mid-sentence; it is still
/// said to be cut, as the whole is read with the messages' key.
///
/// [`StatusLine::short`]: crate::tui::app::StatusLine::short
pub fn shown(app: &App, area: Rect) -> Shown {
    let whole = fitted(app, &clean(&app.status.text), area);
    match &app.status.short {
        Some(short) if whole.cut => Shown {
            cut: true,
            ..fitted(app, &clean(short), area)
        },
        _ => whole,
    }
}

/// What `said` shows as in [`shown`], in `area`.
fn fitted(app: &App, said: &str, area: Rect) -> Shown {
    let theme = &app.theme;
    let style = if app.status.error {
        theme.bad()
    } else {
        ratatui::style::Style::new()
    };
    if area.height > 2 {
        // An error too long for two lines: every line it takes, up to [`ERROR_ROWS`], so that
        // what to do about it is read, not cut.
        let width = usize::from(area.width).saturating_sub(1);
        let (lines, cut) = error_lines(said, width, usize::from(area.height));
        let lines = lines
            .into_iter()
            .map(|line| Line::from(vec![Span::raw(" "), Span::styled(line, style)]))
            .collect();
        return Shown { lines, cut };
    }
    if area.height == 2 {
        // Too long for one line: it takes two, wrapped, the second cut keeping a short last
        // sentence whole; a save under way shows at the end of the second.
        let width = usize::from(area.width).saturating_sub(1);
        // A short last sentence (what to press next) goes whole on the second line.
        let (first, rest) = match said.rsplit_once(". ") {
            Some((head, tail)) if columns(tail) <= 16 && columns(head) < width => {
                (format!("{head}."), tail)
            }
            _ => {
                let (first, rest) = first_line(said, width);
                (first.to_string(), rest)
            }
        };
        // The undo depth where the second line leaves room for it, as on one line.
        let right = beside(app, columns(rest), width);
        let second = fit_keeping_tail(rest, width.saturating_sub(columns(&right)), SHORT_TAIL);
        let cut = second != rest;
        let pad = usize::from(area.width).saturating_sub(columns(&second) + 1 + columns(&right));
        let lines = vec![
            Line::from(vec![Span::raw(" "), Span::styled(first, style)]),
            Line::from(vec![
                Span::raw(" "),
                Span::styled(second, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(right, theme.dim()),
            ]),
        ];
        return Shown { lines, cut };
    }
    let line = usize::from(area.width).saturating_sub(1);
    let right = beside(app, columns(said), line);
    let room = line.saturating_sub(columns(&right));
    // Cut only where a person's page keeps it to one line (see [`rows`]): there its last
    // sentence, what to press next, is kept whole wherever some of the one before still shows.
    let text = fit_keeping_tail(said, room, usize::MAX);
    let cut = text != said;
    let pad = usize::from(area.width).saturating_sub(columns(&text) + 1 + columns(&right));
    let line = Line::from(super::drawn_spans(vec![
        Span::raw(" "),
        Span::styled(text, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]));
    Shown {
        lines: vec![line],
        cut,
    }
}

/// What the right end of a status line shows beside `said` columns of text on a line of
/// `line`: that a save is under way, else the undo depth where it fits.
fn beside(app: &App, said: usize, line: usize) -> String {
    let (undo, redo) = app.history.depth();
    let depth = format!(" {undo} to undo, {redo} to redo ");
    if app.saving > 0 {
        " saving… ".to_string()
    } else if undo + redo > 0
        // A count of what no key can undo is noise: the config left undo without a key.
        && app.bound_key(crate::tui::keymap::Action::Undo).is_some()
        && said + columns(&depth) + DEPTH_GAP <= line
    {
        depth
    } else {
        String::new()
    }
}

/// The columns kept free between what the status line says and the undo depth beside it,
/// besides the depth's own leading space (three blank columns in all), so that the two never
/// read as one ("u undoes 5 to undo").
const DEPTH_GAP: usize = 2;

/// How many rows the status line takes on a screen `width` wide and `height` high: two when
/// what it says does not fit on one beside a save under way, so that its end (what to do next)
/// is read, not cut; an error (nothing saved, and why, and what to do) as many as it needs, up
/// to [`ERROR_ROWS`]. On a person's page, no more than leave three promises in sight (the
/// least the page keeps, which a row more took below at 60x16): one there, cut before its end,
/// which stays whole as far as it fits. Under the help, the 1:1 prep, the messages or the
/// question before a delete, which cover the promises, no promise is in sight to keep: the
/// line takes the rows it needs there, as on the other views, where one cut what a key that
/// does nothing there says of the keys it takes, and an error no key there shows whole (the
/// messages' key does nothing in the question).
pub fn rows(app: &App, width: u16, height: u16) -> u16 {
    let said = clean(&app.status.text);
    let right = if app.saving > 0 {
        columns(" saving… ")
    } else {
        0
    };
    if columns(&said) + right < usize::from(width) {
        return 1;
    }
    let covered = matches!(
        app.popup,
        Some(Popup::Help(_) | Popup::Prep(_) | Popup::Messages(_) | Popup::Confirm(_))
    );
    let on_promises = app.view == View::Person && !covered;
    let wrapped =
        crate::core::text::wrapped(&said, usize::from(width) - 1, usize::from(width) - 1, true);
    let wanted = if app.status.error && app.saving == 0 && wrapped.len() > 2 {
        u16::try_from(wrapped.len().min(error_rows(on_promises, height))).unwrap_or(2)
    } else {
        2
    };
    if on_promises {
        let spare = super::person::rows_to_spare(app, width, height.saturating_sub(super::BARS));
        wanted.min(spare.saturating_add(1))
    } else {
        wanted
    }
}

/// The most rows an error takes on the status line of a screen `height` rows high: room for
/// a file's path, why nothing was saved and what to do, on a narrow screen too. Over a
/// person's promises (`on_promises`, no popup covering them) under [`ERROR_ROOM_FROM`] rows,
/// the list would give them and then show none: there it takes two at most, as any long
/// message does (and one where two would leave fewer than three promises, see [`rows`]).
fn error_rows(on_promises: bool, height: u16) -> usize {
    if on_promises && height < ERROR_ROOM_FROM {
        2
    } else {
        ERROR_ROWS
    }
}

/// The most rows an error takes on the status line.
const ERROR_ROWS: usize = 4;

/// The height from which a person's page keeps a promise in sight above an error of
/// [`ERROR_ROWS`] rows.
const ERROR_ROOM_FROM: u16 = 24;

/// An error's lines at `width` columns, at most `rows`, the last cut with `…` when more
/// would follow; and whether it was.
fn error_lines(said: &str, width: usize, rows: usize) -> (Vec<String>, bool) {
    let ranges = crate::core::text::wrapped(said, width, width, true);
    let mut lines: Vec<String> = ranges
        .iter()
        .take(rows)
        .map(|range| said[range.clone()].to_string())
        .collect();
    let cut = ranges.len() > rows;
    if cut && let Some(last) = lines.last_mut() {
        let rest = &said[ranges[rows - 1].start..];
        *last = fit_at_word(rest, width);
    }
    (lines, cut)
}

/// `text` cut to `room` columns as [`fit`] cuts it, but between words: a cut in the middle
/// of one ("it br…") reads as a word of its own, so the line ends with the last whole word
/// before the `…`, and `m` shows the rest. A word too long to leave half the room so (a
/// file's path) is cut where the room ends.
pub(super) fn fit_at_word(text: &str, room: usize) -> String {
    let cut = fit(text, room);
    let Some(kept) = cut.strip_suffix('…') else {
        return cut;
    };
    let mid_word = text[kept.len()..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    match kept.rfind(' ') {
        Some(at) if mid_word && columns(&kept[..at]) * 2 >= room => {
            format!("{}…", kept[..at].trim_end())
        }
        _ => cut,
    }
}

/// The first line of `text` at `width` columns and the rest: broken at a space in the last
/// quarter of the line, else where the width ends (a long name is cut, not moved whole to
/// the second line, where it would push out what to do next).
fn first_line(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            end = at;
            break;
        }
        used += w;
    }
    if end == text.len() {
        return (text, "");
    }
    let head = &text[..end];
    let space = head
        .rfind(' ')
        .filter(|at| columns(&head[..*at]) * 4 >= width * 3);
    match space {
        Some(at) => (&text[..at], text[at..].trim_start()),
        None => (head, &text[end..]),
    }
}

/// The longest last sentence the second of two status lines keeps whole: a short one ("u
/// undoes"), as the first line says the rest.
const SHORT_TAIL: usize = 16;

/// `text` cut to `room` columns, keeping a last sentence of at most `tail_most` columns whole
/// ("u undoes", what to press next) and cutting the one before it instead.
fn fit_keeping_tail(text: &str, room: usize, tail_most: usize) -> String {
    if columns(text) <= room {
        return text.to_string();
    }
    match text.rsplit_once(". ") {
        Some((head, tail)) if columns(tail) <= tail_most && columns(tail) + 6 < room => {
            // "left the… u undoes": the cut sentence's own full stop would follow the `…`.
            let tail = format!(" {tail}");
            let mut cut = fit_at_word(head, room - columns(&tail));
            if cut == head {
                // Only its full stop did not fit: cut a column more, so the `…` says so.
                cut = fit_at_word(head, room - columns(&tail) - 1);
            }
            format!("{cut}{tail}")
        }
        _ => fit_at_word(text, room),
    }
}

/// Draws the keys of the current screen, from the key map: the most used ones that fit, in
/// the order the key map gives, then the help's key, which is never cut since the help lists
/// every key; in a popup its cancel key, the way out, is never passed over either (see
/// [`fitted_hints`]). While the status line cuts what it says (`cut`, from [`shown`]), the key
/// that shows it in full comes first.
pub fn draw_hints(app: &App, frame: &mut Frame, area: Rect, cut: bool) {
    let theme = &app.theme;
    let hints = app.keys.hints(&app.contexts());
    let mut hints = worded(
        app,
        restore_first(app, undoable(app, applicable(app, hints))),
    );
    // While the data file cannot be read, keeping the ledger shown matters most.
    hints.sort_by_key(|h| h.action != Action::KeepCopy);
    // Before it, what was cut of the message saying so: what is cut is read nowhere else.
    // In a form by its own key, `m` typing text there.
    let keys = [Action::Messages, Action::FormMessages]
        .into_iter()
        .map(|action| app.keys.labels_of(action, &app.contexts()))
        .find(|keys| !keys.is_empty())
        .unwrap_or_default();
    if cut && !keys.is_empty() {
        hints.insert(
            0,
            Hint {
                keys,
                word: "full message",
                action: Action::Messages,
            },
        );
    }
    let (help, rest): (Vec<Hint>, Vec<Hint>) =
        hints.into_iter().partition(|h| h.action == Action::Help);
    // ` Esc cancel `: each the keys and the word and three spaces.
    let around = 3;
    let room = usize::from(area.width).saturating_sub(
        help.iter()
            .map(|h| columns(&h.label()) + columns(h.word) + around)
            .sum(),
    );
    let mut spans = Vec::new();
    for (keys, word) in fitted_hints(&rest, app.popup.is_some(), room, around)
        .into_iter()
        .chain(help.iter().map(|h| (h.label(), h.word)))
    {
        spans.push(Span::styled(format!(" {keys} "), theme.key()));
        spans.push(Span::raw(format!("{word} ")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The keys and words of `hints` that fit in `room` columns, each taking its keys', its
/// word's and `around` more, in their order: the hint bar's, and a popup's border's. A
/// popup's cancel is the way out of it, kept as the help's key is: with its keys and the
/// others' rebound to several, it was the one passed over at 60 columns. In a popup a hint
/// too wide for the room names its first key alone (`y delete`, the help naming them all)
/// before it gives way; in a view each that fits whole, in order.
pub(super) fn fitted_hints(
    hints: &[Hint],
    popup: bool,
    mut room: usize,
    around: usize,
) -> Vec<(String, &'static str)> {
    let cost = |keys: &str, word: &str| columns(keys) + columns(word) + around;
    let way_out = |h: &Hint| popup && h.action == Action::Cancel;
    // The shortest a hint is named: in a popup by its first key.
    let short = |h: &Hint| match h.keys.first() {
        Some(first) if popup => first.clone(),
        _ => h.label(),
    };
    // The way out first, by its shortest: it shows whatever the room.
    let mut named: Vec<Option<String>> = vec![None; hints.len()];
    for (at, hint) in hints.iter().enumerate().filter(|(_, h)| way_out(h)) {
        let keys = short(hint);
        room = room.saturating_sub(cost(&keys, hint.word));
        named[at] = Some(keys);
    }
    // Which show: in order, each that fits by its shortest, a wide one passed over leaving
    // its room to the narrower ones after it; then each of those named whole where the room
    // left allows, the way out first: every key of it is named before another's, but never
    // in the place of another action (named whole before them, it would leave `s record` out
    // of the 1:1 prep's border at 60 columns, keys rebound to several).
    for (at, hint) in hints.iter().enumerate().filter(|(_, h)| !way_out(h)) {
        let keys = short(hint);
        if cost(&keys, hint.word) <= room {
            room -= cost(&keys, hint.word);
            named[at] = Some(keys);
        }
    }
    let (first, rest): (Vec<usize>, Vec<usize>) =
        (0..hints.len()).partition(|at| way_out(&hints[*at]));
    for at in first.into_iter().chain(rest) {
        let whole = hints[at].label();
        if let Some(keys) = named[at].as_mut()
            && let more = columns(&whole).saturating_sub(columns(keys))
            && more <= room
        {
            room -= more;
            *keys = whole;
        }
    }
    hints
        .iter()
        .zip(named)
        .filter_map(|(hint, keys)| keys.map(|keys| (keys, hint.word)))
        .collect()
}

/// The hints of a page of promises that do something to the one selected: none of the keys
/// that act on a promise when none is selected, and of an outcome's keys and reopening, only
/// those that apply to it (an open promise is not reopened, a resolved one is not marked
/// again, and reopening comes first; Enter on it edits, which `e` already says). On the
/// people page with no one listed, none of the keys that need a person; nowhere a key that
/// adds a promise when no one is active, nor a key that changes the file when it may not be
/// written.
fn applicable(app: &App, hints: Vec<Hint>) -> Vec<Hint> {
    if app.filtering {
        return hints;
    }
    // A file that may not be written (read-only, or from a newer version) takes no change:
    // its keys would only refuse. With no one active, neither does adding a promise.
    let writable = app.read_only.is_none();
    let anyone = app.ledger.people.iter().any(|p| !p.archived);
    // With no one in the ledger there is nothing to filter or sort, and with no one archived
    // nothing more to show, or to hide, whether the archived are shown or not.
    let people = !app.ledger.people.is_empty() || !app.filter.is_empty();
    let archived = app.ledger.people.iter().any(|p| p.archived);
    let hints: Vec<Hint> = hints
        .into_iter()
        .filter(|hint| match hint.action {
            // The help's search (its own filter key) is there with no one in the ledger too.
            Action::Filter => people || matches!(app.popup, Some(Popup::Help(_))),
            Action::Sort => people,
            Action::ShowArchived => archived,
            Action::KeepCopy => app.reload_failing.is_some(),
            Action::NewPromise | Action::LogKept => writable && anyone,
            // Enter on a person's page resolves or edits the promise: a change; so is
            // recording a 1:1 from the prep popup.
            Action::Open if app.view == View::Person => writable,
            Action::SavePrep => writable,
            Action::NewPerson
            | Action::Edit
            | Action::EditPerson
            | Action::MarkKept
            | Action::MarkKeptLate
            | Action::MarkBroken
            | Action::Release
            | Action::Reopen
            | Action::Delete
            | Action::Archive
            | Action::Undo
            | Action::Redo => writable,
            _ => true,
        })
        .collect();
    if let Some(Popup::Form(form)) = &app.popup {
        // Only a text field opens in the editor: on a choice its key would only refuse.
        let on_text = form
            .fields
            .get(form.focus)
            .is_some_and(|f| matches!(f.value, Value::Text(_)));
        return hints
            .into_iter()
            .filter(|hint| hint.action != Action::EditInEditor || on_text)
            .collect();
    }
    if app.popup.is_some() {
        return hints;
    }
    if app.view == View::People {
        // With no one selected the keys that act on a person would only refuse; with no one
        // active at all, so would adding a promise for someone.
        let selected = app.people.current().is_some();
        return hints
            .into_iter()
            .filter(|hint| match hint.action {
                Action::Open | Action::Edit | Action::Delete | Action::Archive | Action::Prep => {
                    selected
                }
                // A filter that hides everyone leaves no one to make a promise with.
                Action::NewPromise | Action::LogKept => selected || app.filter.is_empty(),
                // The people page is where back leads: with no filter to clear it does nothing.
                Action::Back => !app.filter.is_empty(),
                _ => true,
            })
            .collect();
    }
    let open = app
        .selected_promise()
        .filter(|_| !super::chart_covers_promises(app))
        .and_then(|id| app.ledger.promise(id))
        .map(|p| p.status == Status::Open);
    let mut hints: Vec<Hint> = hints
        .into_iter()
        .filter(|hint| match hint.action {
            Action::MarkKept | Action::MarkKeptLate | Action::MarkBroken | Action::Release => {
                open == Some(true)
            }
            Action::Open if app.view == View::Person => open == Some(true),
            Action::Open => open.is_some(),
            Action::Reopen => open == Some(false),
            Action::Edit | Action::Delete => open.is_some(),
            // A filter that hides every promise in the agenda hides everyone it could name.
            Action::NewPromise | Action::LogKept if app.view == View::Agenda => {
                app.selected_person().is_some() || app.filter.is_empty()
            }
            _ => true,
        })
        .collect();
    // On a resolved promise, reopening takes the place of the outcome keys.
    if open == Some(false) {
        hints.sort_by_key(|hint| hint.action != Action::Reopen);
    }
    // With the chart over the promises, the key that brings them back comes first.
    if super::chart_covers_promises(app) {
        hints.sort_by_key(|hint| hint.action != Action::Chart);
    }
    hints
}

/// Undo and redo only when there is something to undo or redo, as the depth at the right of
/// the status line counts it, or while a save is under way: an undo pressed then waits for
/// the change being saved, which it may undo.
fn undoable(app: &App, hints: Vec<Hint>) -> Vec<Hint> {
    let (undo, redo) = app.history.depth();
    let saving = app.saving > 0;
    hints
        .into_iter()
        .filter(|hint| match hint.action {
            Action::Undo => undo > 0 || saving,
            Action::Redo => redo > 0 || saving,
            _ => true,
        })
        .collect()
}

/// On an archived person (their page, their row, or a promise of theirs selected) adding or
/// logging a promise only says to restore them first: the archive key, which restores them,
/// takes those keys' place in the bar, worded as what it does there.
fn restore_first(app: &App, hints: Vec<Hint>) -> Vec<Hint> {
    let archived = app
        .selected_person()
        .and_then(|id| app.ledger.person(id))
        .is_some_and(|p| p.archived);
    if app.popup.is_some() || app.filtering || !archived {
        return hints;
    }
    let mut restore = hints
        .iter()
        .find(|hint| hint.action == Action::Archive)
        .map(|hint| Hint {
            word: "restore",
            ..hint.clone()
        });
    let mut out = Vec::with_capacity(hints.len());
    for hint in hints {
        match hint.action {
            Action::NewPromise | Action::LogKept => out.extend(restore.take()),
            Action::Archive => {}
            _ => out.push(hint),
        }
    }
    // Where neither key was bound, restoring keeps its own place at the end.
    out.extend(restore);
    out
}

/// The hints of a view in the words of what their keys do there: back clears the view's
/// filter while one is set (as the status line says), and marking kept marks a promise past
/// its due date kept late (the key that marks it late then goes, as it does the same). The
/// key that clears a filter comes first while one is set: back is among the last keys of
/// the bar, which a narrow screen leaves out, and a filter hides rows until it is cleared.
fn worded_in_view(app: &App, hints: Vec<Hint>) -> Vec<Hint> {
    let filtered = match app.view {
        View::Person => !app.promise_filter.text().is_empty(),
        View::People | View::Agenda => !app.filter.is_empty(),
    };
    let late = app
        .triage_target()
        .and_then(|id| app.ledger().promise(id))
        .is_some_and(|p| p.status == Status::Open && p.kept_on(app.today) == Status::KeptLate);
    let mut hints: Vec<Hint> = hints
        .into_iter()
        .filter(|hint| !(late && hint.action == Action::MarkKeptLate))
        .map(|hint| match hint.action {
            Action::Back if filtered => Hint {
                word: "clear filter",
                ..hint
            },
            Action::MarkKept if late => Hint {
                word: "kept late",
                ..hint
            },
            _ => hint,
        })
        .collect();
    if filtered {
        hints.sort_by_key(|hint| hint.action != Action::Back);
    }
    hints
}

/// The hints in the words of the question on screen, when one is: a question's yes and no
/// keys are the key map's, but what they do is the question's own ("add another" before a
/// second person of one name), which the popup says too, so the bar never says "delete" over
/// a question that deletes nothing.
fn worded(app: &App, hints: Vec<Hint>) -> Vec<Hint> {
    // A form's own keys in its own words, from the one list its border and a key it does
    // not take name them by (`Form::own_keys`): `close` where its record was deleted or
    // resolved elsewhere, `save mine` and `keep theirs` in a conflict. Where it can save
    // nothing, those alone: no other key it takes does anything then.
    if let Some(Popup::Form(form)) = &app.popup {
        // While its save is under way the form takes no key of its own, and every key that
        // acts anywhere goes unnamed on the bar: what still works is quitting at once,
        // which gives up a save still waiting for another process's lock.
        if form.saving {
            let keys = app.keys.labels_of(Action::ForceQuit, &app.contexts());
            return (!keys.is_empty())
                .then_some(Hint {
                    keys,
                    word: "quit now",
                    action: Action::ForceQuit,
                })
                .into_iter()
                .collect();
        }
        let own = form.own_keys(app.ledger());
        let only_own = form.unsavable(app.ledger());
        return hints
            .into_iter()
            .filter_map(
                |hint| match own.iter().find(|(action, _)| *action == hint.action) {
                    Some(&(_, word)) => Some(Hint { word, ..hint }),
                    None => (!only_own).then_some(hint),
                },
            )
            .collect();
    }
    // The help: back clears a search kept first, as its title says; with none it closes, as
    // cancel does, and the two are one entry naming the keys the title names.
    if let Some(Popup::Help(help)) = &app.popup
        && !help.typing
    {
        if !help.search.text().is_empty() {
            return hints
                .into_iter()
                .map(|hint| match hint.action {
                    Action::Back => Hint {
                        word: "clear search",
                        ..hint
                    },
                    _ => hint,
                })
                .collect();
        }
        let closing = super::help::closing_labels(app, false);
        let mut closing = (!closing.is_empty()).then_some(closing);
        return hints
            .into_iter()
            .filter_map(|hint| match hint.action {
                // Cancel, whichever of the two came first: the way out, which the bar keeps.
                Action::Back | Action::Cancel => closing.take().map(|keys| Hint {
                    keys,
                    word: "close",
                    action: Action::Cancel,
                }),
                _ => Some(hint),
            })
            .collect();
    }
    let Some(Popup::Confirm(question)) = &app.popup else {
        return if app.popup.is_none() && !app.filtering {
            worded_in_view(app, hints)
        } else {
            hints
        };
    };
    let mut worded: Vec<Hint> = hints
        .into_iter()
        .filter(|hint| hint.action != Action::Archive || question.instead.is_some())
        .map(|hint| match hint.action {
            Action::Confirm => Hint {
                word: question.yes,
                ..hint
            },
            Action::Cancel => Hint {
                word: question.no,
                ..hint
            },
            _ => hint,
        })
        .collect();
    // A question that offers to archive instead says so in the bar too, as in the popup.
    if question.instead.is_some()
        && !worded.iter().any(|h| h.action == Action::Archive)
        && let keys = app.keys.labels_of(Action::Archive, &app.contexts())
        && !keys.is_empty()
    {
        let at = worded
            .iter()
            .position(|h| h.action == Action::Help)
            .unwrap_or(worded.len());
        worded.insert(
            at,
            Hint {
                keys,
                word: "archive",
                action: Action::Archive,
            },
        );
    }
    worded
}

#[cfg(test)]
mod tests {
    use super::{SHORT_TAIL, error_lines, fit_keeping_tail};

    /// An error is wrapped between words on as many lines as it is given, the last cut with
    /// `…` where more would follow.
    #[test]
    fn an_error_is_wrapped_whole_and_cut_only_past_its_last_line() {
        let said = "Not saved: /home/ana/ledger.json: the disk is full. Nothing was changed; free some space";
        let whole = [
            "Not saved:",
            "/home/ana/ledger.json: the",
            "disk is full. Nothing was",
            "changed; free some space",
        ];
        assert_eq!(
            error_lines(said, 30, 4),
            (whole.map(String::from).to_vec(), false)
        );
        let cut = [
            "Not saved:",
            "/home/ana/ledger.json: the",
            "disk is full. Nothing was…",
        ];
        assert_eq!(
            error_lines(said, 30, 3),
            (cut.map(String::from).to_vec(), true)
        );
    }

    /// A cut keeps a short last sentence whole and always shows the `…` where it cut, even
    /// when only the full stop before the last sentence did not fit.
    #[test]
    fn a_cut_keeps_the_last_sentence_and_shows_where_it_cut() {
        let text = "Archived Ana Silva. u undoes";
        assert_eq!(fit_keeping_tail(text, 28, SHORT_TAIL), text);
        assert_eq!(
            fit_keeping_tail(text, 27, SHORT_TAIL),
            "Archived Ana… u undoes"
        );
        assert_eq!(fit_keeping_tail(text, 20, SHORT_TAIL), "Archived… u undoes");
    }
}
