//! One colleague: their level and why, the three rungs against the thresholds, every promise
//! both ways, and trust over time.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::symbols::merge::MergeStrategy;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table};

use super::people::trend_span;
use super::{LIST_LEAST, NARROW_BELOW, badge_span, bold, clean, column_widths, fit, wrap};
use crate::core::ladder::{Note, Review, RungScore, Verdict, words};
use crate::core::settings::Settings;
use crate::core::text::columns;
use crate::core::{Direction, Level, Person, Promise, Status};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// Tall enough to show the trust-over-time chart below the promises unless `c` hides it.
const CHART_FROM: u16 = 30;
/// The chart's rows under the promises: its borders, seven of plot, the x axis and its
/// labels.
const CHART_ROWS: u16 = 11;

/// Wide enough for every rung's figures and rule in full.
const WIDE_FROM: u16 = 120;
/// From how wide the ladder shows twelve months of scores: its narrow columns (53), the
/// twelve months' gaps (6) and borders (2), and eight columns for the rule.
const MONTHS_FROM: u16 = 69;

/// The fewest rows the header has: who they are, their trust and mine, and the one line of
/// advice that matters most.
const HEAD_LEAST: u16 = 3;
/// The header's rows below [`CHART_FROM`] when it has them all, the note aside: the two
/// lines of [`HEAD_LEAST`] and three of advice.
const HEAD_FULL: u16 = 5;
/// The ladder's rows at the least: its top border, the three rungs, and a bottom border
/// that is the promises' top one.
const LADDER_LEAST: u16 = 4;

/// How a person view shares its rows out between the header, the ladder and the promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rows {
    /// The header's rows.
    head: u16,
    /// Whether the header shows my note on them.
    note: bool,
    /// Whether the ladder names its columns.
    column_names: bool,
    /// Whether the ladder's bottom border is the top border of what is under it (the
    /// promises), which saves a row.
    shared_border: bool,
}

impl Rows {
    /// The rows of a person view `height` rows high, for a person with a `note` or not.
    ///
    /// From [`CHART_FROM`] rows, where the chart has its [`CHART_ROWS`] under the promises,
    /// the header has seven rows and one more for the note (but for that one at exactly
    /// [`CHART_FROM`], where it would leave the promises fewer than [`LIST_LEAST`]), and the
    /// ladder has its own borders and its column names. Below that, the promises keep
    /// [`LIST_LEAST`] rows (three promises) and the header and the ladder start from their
    /// least ([`HEAD_LEAST`] and [`LADDER_LEAST`]: 13 rows, the smallest screen less its
    /// bars); each row more goes, in this order, to
    ///
    /// 1. the header, up to [`HEAD_FULL`] rows (their advice, then mine),
    /// 2. the ladder's column names,
    /// 3. my note on them, where I wrote one,
    /// 4. the ladder's own bottom border,
    ///
    /// and every row after that to the promises. So the header always keeps the one line
    /// of advice that matters most (see [`header`]), the note shows from 17 rows (a screen
    /// of 20) and no screen shows fewer than three promises; rows the promises would leave
    /// empty go to the header's parts beyond these (see [`draw`]).
    fn for_height(height: u16, note: bool) -> Rows {
        if height >= CHART_FROM {
            return Rows {
                head: (7 + u16::from(note)).min(height - 6 - CHART_ROWS - LIST_LEAST),
                note,
                column_names: true,
                shared_border: false,
            };
        }
        let mut spare = height.saturating_sub(HEAD_LEAST + LADDER_LEAST + LIST_LEAST);
        let mut take = |wanted: u16| {
            let taken = wanted.min(spare);
            spare -= taken;
            taken
        };
        let head = HEAD_LEAST + take(HEAD_FULL - HEAD_LEAST);
        let column_names = take(1) == 1;
        let note = note && take(1) == 1;
        let shared_border = take(1) == 0;
        Rows {
            head: head + u16::from(note),
            note,
            column_names,
            shared_border,
        }
    }

    /// These rows for a header of `lines` in full and a list of `promises`, `height` rows in
    /// all (the height they were shared out for: a two-line status then takes its row from
    /// the list's bottom, and the list stays where it is), with the chart under the list or
    /// not: a header with fewer lines than its share leaves the rest to the promises, and rows
    /// the promises would leave empty (a list needs its borders, its column names and its
    /// rows; none, one line saying so) go to what the header has beyond its share, its notes
    /// and explanations.
    fn fitted(mut self, lines: u16, promises: usize, height: u16, chart: bool) -> Rows {
        self.head = self.head.min(lines.max(HEAD_LEAST));
        let list_needs = u16::try_from(promises)
            .unwrap_or(u16::MAX)
            .saturating_add(3);
        let list_has = height
            .saturating_sub(self.head + self.ladder() + if chart { CHART_ROWS } else { 0 })
            + u16::from(self.shared_border);
        let spare = list_has.saturating_sub(list_needs);
        self.head += spare.min(lines.saturating_sub(self.head));
        self
    }

    /// The ladder's rows: its borders, its column names if it has them, and the three rungs.
    fn ladder(self) -> u16 {
        5 + u16::from(self.column_names)
    }
}

/// Draws one person: header, ladder, promises, and the chart when there is room.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let ledger = app.ledger();
    let Some((person, review)) = app
        .person
        .and_then(|id| Some((ledger.person(id)?, app.cache.reviews.get(&id)?)))
    else {
        frame.render_widget(Line::raw(" No person selected."), area);
        super::cursor_at_start(frame, area);
        return;
    };
    let settings = &ledger.settings;
    // Laid out for the height with a one-line status, so a long message does not swap the
    // chart and the promises (it takes its row from the list).
    let height = area.height + super::status_extra(app);
    let tall = height >= CHART_FROM;
    let shown = chart_shown(app, height);
    let (rows, items) = laid_out(app, person, review, area.width, height);
    let [head, body] =
        Layout::vertical([Constraint::Length(rows.head), Constraint::Fill(1)]).areas(area);
    let [rungs, rest] = Layout::vertical([Constraint::Length(rows.ladder()), Constraint::Fill(1)])
        .spacing(-i16::from(rows.shared_border))
        .areas(body);
    draw_header(items, frame, head);
    match (tall, shown) {
        (true, true) => {
            ladder(app, review, settings, frame, rungs, rows.column_names);
            let [list, chart] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(CHART_ROWS)]).areas(rest);
            promises(app, frame, list, false);
            history_chart(app, frame, chart);
        }
        // Shown on a shorter screen, the chart takes the ladder's rows as well as the
        // promises': in theirs alone it would be too short to read at 16 to 20 rows.
        // No promise shows to select: the cursor goes to the page's start, their name.
        (false, true) => {
            history_chart(app, frame, body);
            super::cursor_at_start(frame, head);
        }
        (_, false) => {
            ladder(app, review, settings, frame, rungs, rows.column_names);
            promises(app, frame, rest, rows.shared_border);
        }
    }
}

/// The rows of a person view `width` wide and `height` high (with a one-line status) and the
/// header's items, as [`draw`] lays them out.
fn laid_out(
    app: &App,
    person: &Person,
    review: &Review,
    width: u16,
    height: u16,
) -> (Rows, Vec<HeaderItem>) {
    let tall = height >= CHART_FROM;
    let shown = chart_shown(app, height);
    let rows = Rows::for_height(height, !person.note.trim().is_empty());
    let items = header(
        app,
        person,
        review,
        &app.ledger().settings,
        rows.note,
        width,
    );
    // Counted with all their promises, so a filter typed does not move the list.
    let listed = app.cache.by_person.get(&person.id).map_or(0, Vec::len);
    let rows = if tall || !shown {
        rows.fitted(lines_in(&items), listed, height, tall && shown)
    } else {
        rows
    };
    (rows, items)
}

/// How many rows the status line may take from the bottom of the promises' list of a person
/// view `width` wide and `height` high (laid out for a one-line status) and still leave three
/// promises in sight, or all of them where fewer are listed: the least a page shows however
/// short the screen. `u16::MAX` where no list shows, with no person or the chart in its place.
pub fn rows_to_spare(app: &App, width: u16, height: u16) -> u16 {
    let Some((person, review)) = app
        .person
        .and_then(|id| Some((app.ledger().person(id)?, app.cache.reviews.get(&id)?)))
    else {
        return u16::MAX;
    };
    if chart_covers(app, height) {
        return u16::MAX;
    }
    let (rows, _) = laid_out(app, person, review, width, height);
    let chart = if height >= CHART_FROM && chart_shown(app, height) {
        CHART_ROWS
    } else {
        0
    };
    let list =
        height.saturating_sub(rows.head + rows.ladder() + chart) + u16::from(rows.shared_border);
    // Its borders and its column names; the rest are promises.
    let promise_rows = list.saturating_sub(3);
    let kept = u16::try_from(app.promises.items.len().min(3)).unwrap_or(3);
    promise_rows.saturating_sub(kept)
}

/// Whether the chart is drawn in a person view `height` rows high: as `c` last set it, else
/// on a tall one and not on a short one (where it would stand in place of the promises).
pub fn chart_shown(app: &App, height: u16) -> bool {
    app.chart.unwrap_or(height >= CHART_FROM)
}

/// Whether the chart takes the place of the ladder and the promises in a person view `height`
/// rows high.
pub fn chart_covers(app: &App, height: u16) -> bool {
    height < CHART_FROM && chart_shown(app, height)
}

/// `[name, handle, role]` cut with `…` so that together they take at most `room` columns
/// where they can: the role first, then the handle, then the name, each no shorter than a few
/// columns, so the name, which says who, gives way last.
fn shared_out(mut texts: [String; 3], room: usize) -> [String; 3] {
    const LEAST: usize = 8;
    for i in [2, 1, 0] {
        let used: usize = texts.iter().map(|t| columns(t)).sum();
        if used <= room {
            break;
        }
        let now = columns(&texts[i]);
        let to = now.saturating_sub(used - room).max(LEAST);
        if to < now {
            texts[i] = super::fit(&texts[i], to);
        }
    }
    texts
}

/// Who they are, their level and mine, then my note on them (where `with_note` says it has
/// its row), the advice and the rules behind it, in the order they are kept when the header
/// runs out of rows: the note and the advice stay longest, and my own advice with them when
/// I owe something overdue or my side is failing. That is what to act on first: it keeps at
/// least one line whatever the height, theirs giving way to it, so a header of three rows
/// (see [`Rows::for_height`]) holds my advice, cut with `…`, where it is urgent, and theirs
/// where it is not.
fn header(
    app: &App,
    person: &Person,
    review: &Review,
    settings: &Settings,
    with_note: bool,
    width: u16,
) -> Vec<HeaderItem> {
    let theme = &app.theme;
    let contact = contact_text(app, person);
    let contact = contact.as_str();
    let theirs = &review.theirs;
    let mine = &review.mine;
    let name = app.cache.first_names.called(person);
    let counts = format!(" · {} open, {} overdue", review.open, review.overdue);
    // A long name, handle or role is cut before the counts after it are: those say what is
    // owed, and were pushed off the line by an 80-character name.
    let [name_text, handle_text, role_text] = shared_out(
        [
            clean(&person.name),
            clean(&person.handle),
            clean(&person.role),
        ],
        usize::from(width).saturating_sub(
            columns(&counts)
                + columns(" ")
                + columns("  @")
                + if person.role.is_empty() {
                    0
                } else {
                    columns(" · ")
                },
        ),
    );
    let mut first = vec![
        Span::styled(format!(" {name_text}"), bold()),
        Span::styled(format!("  @{handle_text}"), theme.dim()),
    ];
    if !person.role.is_empty() {
        first.push(Span::styled(format!(" · {role_text}"), theme.dim()));
    }
    first.push(Span::styled(counts, theme.dim()));
    if person.archived {
        first.push(Span::styled(
            app.bound_key(Action::Archive).map_or_else(
                || " · archived".to_string(),
                |k| format!(" · archived ({k} restores)"),
            ),
            theme.bad(),
        ));
    }
    // The last contact only whole: cut, it would leave a bare "·" or half a date. Where the
    // cadence does not fit beside it, the last contact alone.
    let used: usize = first.iter().map(|s| columns(&s.content)).sum();
    let without_cadence = contact.split(", every").next().unwrap_or(contact);
    if let Some(text) = [contact, without_cadence]
        .into_iter()
        .find(|text| used + columns(text) <= usize::from(width))
    {
        first.push(Span::styled(text.to_string(), theme.dim()));
    }
    let mut second = vec![
        Span::raw(" Trust "),
        badge_span(theme, theirs.trust_level),
        Span::raw(" · trend "),
        trend_span(theme, theirs.trend),
    ];
    // Failing or ready, at which rung, and its one word for a narrow screen.
    let state = if theirs.slipping {
        let rungs: Vec<&str> = theirs.slipping_rungs.iter().map(|l| l.title()).collect();
        Some((
            format!(" · failing at {}", rungs.join(" and ")),
            " · failing",
            theme.bad(),
        ))
    } else {
        // Someone archived is promised nothing new until restored: no step up to offer.
        theirs.ready_for.filter(|_| !person.archived).map(|next| {
            (
                format!(" · ready for {}", next.title()),
                " · ready",
                theme.good(),
            )
        })
    };
    // Trust runs both ways: my plain record with them first, then my level once I hold one.
    let record = if width >= WIDE_FROM {
        words::plain_record(&mine.record())
    } else {
        words::short_record(&mine.record())
    };
    let mut me = vec![Span::styled(format!("   Me: {record}"), theme.mine())];
    if mine.trust_level.is_some() {
        me.push(Span::raw(" "));
        me.push(badge_span(theme, mine.trust_level));
    }
    if let Some((long, short, style)) = state {
        // My side stays whole: where both do not fit, the state shrinks to its word, as the
        // advice under it names the rung.
        let used: usize = second.iter().chain(&me).map(|s| columns(&s.content)).sum();
        let fits = used + columns(&long) <= usize::from(width);
        second.push(Span::styled(
            if fits { long } else { short.to_string() },
            style,
        ));
    }
    second.extend(me);
    let advice_style = if theirs.slipping {
        theme.bad()
    } else if theirs.ready {
        theme.good()
    } else {
        Style::new()
    };
    let width = usize::from(width);
    let sentence = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, width, " ", "   ")
            .into_iter()
            .map(|line| Line::from(Span::styled(line, style)))
            .collect()
    };
    // My own word is urgent when I owe something overdue or my side is failing.
    let me_urgent = !person.archived
        && (mine.slipping || mine.notes.iter().any(|n| matches!(n, Note::Overdue { .. })));
    // Each item is whole lines (a sentence wrapped, or a line cut with `…`) and the rows it
    // leaves for the items after it.
    let mut items: Vec<HeaderItem> = vec![
        (vec![Line::from(super::fit_spans(first, width))], 0),
        (vec![Line::from(super::fit_spans(second, width))], 0),
    ];
    // One line, cut with `…`: the whole note is in the person's edit form.
    if with_note && let Some(note) = super::note_spans(theme, " Note: ".to_string(), &person.note) {
        items.push((vec![Line::from(super::fit_spans(note, width))], 0));
    }
    // Advice on what to entrust someone archived with could not be acted on: their levels
    // stay, as in their prep.
    if person.archived {
        items.push((
            sentence(
                &format!(
                    "Archived: kept for the record, off the lists{}.",
                    app.bound_key(Action::Archive)
                        .map_or_else(String::new, |k| format!("; {k} restores them"))
                ),
                theme.dim(),
            ),
            0,
        ));
    } else {
        // Theirs leaves a row for mine where mine is urgent.
        items.push((
            sentence(&words::advice(theirs, &name, settings), advice_style),
            usize::from(me_urgent),
        ));
    }
    // My own word: right under theirs where it is urgent (it is what to act on first, and
    // must not be the line a short screen drops), else after their notes.
    // With my notes after it, as `review` lists them under my word, but for those the
    // advice already says.
    let me_item = (!person.archived).then(|| {
        let notes = words::notes_beside_advice(mine, settings);
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" · {notes}")
        };
        (
            sentence(
                &format!("Me: {}{notes}", words::advice(mine, &name, settings)),
                theme.mine(),
            ),
            0,
        )
    });
    let mut me_last = None;
    match me_item {
        Some(item) if me_urgent => items.push(item),
        other => me_last = other,
    }
    if !theirs.notes.is_empty() {
        items.push((
            sentence(
                &format!("Notes: {}", words::notes_text(theirs)),
                theme.focus(),
            ),
            0,
        ));
    }
    // My word, something to act on, comes before the explanations, which a short header
    // drops first.
    items.extend(me_last);
    items.push((
        sentence(
            &format!("Why: {}", words::level_line(theirs, settings)),
            theme.dim(),
        ),
        0,
    ));
    if let Some(ready) = words::ready_line(theirs, settings) {
        items.push((sentence(&ready, theme.dim()), 0));
    }
    items
}

/// A part of the header: whole lines (a sentence wrapped, or a line cut with `…`) and the
/// rows it leaves for the parts after it.
type HeaderItem = (Vec<Line<'static>>, usize);

/// The rows the header's parts take in full.
fn lines_in(items: &[HeaderItem]) -> u16 {
    let lines: usize = items.iter().map(|(lines, _)| lines.len()).sum();
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// Draws the header's parts in `area`: as many whole lines as its height holds, less the rows
/// a part leaves for those after it (a part with none left is passed over); a sentence the
/// height cuts ends in `…` on its last line shown (`?` and a taller window show the rest).
fn draw_header(items: Vec<HeaderItem>, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(height);
    for (item, leaves) in items {
        let left = height - lines.len();
        if left == 0 {
            break;
        }
        let room = left.saturating_sub(leaves);
        if room == 0 {
            continue;
        }
        let cut = item.len() > room;
        lines.extend(item.into_iter().take(room));
        if cut && let Some(last) = lines.last_mut() {
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            let spans = std::mem::take(&mut last.spans);
            let used = spans.iter().map(|s| columns(&s.content)).sum::<usize>();
            let mut shown = super::fit_spans(spans, used.min(width.saturating_sub(1)));
            if !shown.last().is_some_and(|s| s.content.ends_with('…')) {
                shown.push(Span::styled("…", style));
            }
            last.spans = shown;
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// When anything was last logged with them, and their cadence (or the config's default) if
/// there is one:
/// " · last 3d ago, every 14 days".
fn contact_text(app: &App, person: &Person) -> String {
    let Some(last) = app.cache.contacts.get(&person.id) else {
        return String::new();
    };
    let days = crate::core::dates::days_between(last.day, app.today);
    let when = match (last.logged, days) {
        (false, _) => "nothing logged yet".to_string(),
        (true, 0) => "last today".to_string(),
        (true, d) => format!("last {d}d ago"),
    };
    match person.cadence_days.or(app.defaults.keep_in_touch) {
        Some(every) => format!(" · {when}, every {every}d"),
        None => format!(" · {when}"),
    }
}

/// The three rungs: plain counts first, then the score against the bar to hold, its
/// evidence, the rule that decided the rung, twelve months of scores, and my own record.
fn ladder(
    app: &App,
    review: &Review,
    settings: &Settings,
    frame: &mut Frame,
    area: Rect,
    column_names: bool,
) {
    let theme = &app.theme;
    let wide = area.width >= WIDE_FROM;
    // The help's key goes whole where it does not fit (`? e…` said nothing).
    let rule = format!(
        " Ladder · held at score ≥ {} with enough evidence",
        words::setting_percent(settings.hold_threshold),
    );
    let help = app.if_bound(Action::Help, |k| format!(" · {k} explains every figure"));
    let title = [format!("{rule}{help} "), format!("{rule} ")]
        .into_iter()
        .find(|t| columns(t) <= usize::from(area.width.saturating_sub(2)))
        .unwrap_or_else(|| format!("{rule} "));
    let block = Block::bordered().title(super::box_title(
        vec![Span::styled(title, theme.heading())],
        area.width,
    ));
    // A shorter bar on the narrowest screens leaves the rule its words ("needs E ≥ 2.0").
    let bar_width: usize = match area.width {
        _ if wide => 12,
        0..64 => 8,
        _ => 10,
    };
    // Wide, the plain counts take what the longest of the three needs ("19 of 21 kept (3
    // late, 5 from above)"), up to a limit past which they are cut with `…`.
    let record = |rung| {
        if wide {
            words::rung_record(rung)
        } else {
            words::rung_short(rung)
        }
    };
    let theirs_longest = review
        .theirs
        .rungs
        .iter()
        .map(|r| columns(&record(r)))
        .max()
        .unwrap_or(0);
    // My side's short record ("220/252") is never cut to another number either.
    let mine_longest = review
        .mine
        .rungs
        .iter()
        .map(|r| columns(&words::rung_short(r)))
        .max()
        .unwrap_or(0);
    let (kept_width, me_width) = if wide {
        (theirs_longest.clamp(24, 44), mine_longest.clamp(7, 12))
    } else {
        (theirs_longest.clamp(7, 12), mine_longest.clamp(5, 12))
    };
    // Twelve months of scores only where the rule still has room beside them: below that
    // the columns would not fit, and the table would cut the score's `%` and drop the rule.
    let months = area.width >= MONTHS_FROM;
    let (kept_width, me_width) = (kept_width as u16, me_width as u16);
    let widths_with = |kept_width: u16| {
        let mut widths = vec![
            Constraint::Length(6),
            Constraint::Length(kept_width),
            Constraint::Length(bar_width as u16 + 5),
            Constraint::Length(8),
            Constraint::Fill(1),
        ];
        if months {
            widths.push(Constraint::Length(12));
        }
        widths.push(Constraint::Length(me_width));
        widths
    };
    // What the Rule column gets, laid out as the table lays out its columns (one space
    // between them): a rule longer than that is cut with `…`, never bare ("< 3." for "< 3.0").
    let inner = Rect::new(0, 0, area.width.saturating_sub(2), 1);
    let rule_width_of = |widths: &[Constraint]| {
        Layout::horizontal(widths.iter().copied())
            .spacing(1)
            .split(inner)
            .get(4)
            .map_or(0, |r| r.width)
    };
    // Past the limit, the counts take what the longest rule leaves of a wide screen, so
    // "…, 3 released" shows whole where the room beside the rule stood empty.
    let longer = u16::try_from(theirs_longest)
        .unwrap_or(u16::MAX)
        .saturating_sub(kept_width);
    let kept_width = if wide && longer > 0 {
        let rule_longest = review
            .theirs
            .rungs
            .iter()
            .map(|r| columns(&words::rung_rule(r, settings)))
            .max()
            .map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
        let spare = rule_width_of(&widths_with(kept_width)).saturating_sub(rule_longest);
        kept_width + spare.min(longer)
    } else {
        kept_width
    };
    let widths = widths_with(kept_width);
    let rule_width = usize::from(rule_width_of(&widths));
    let rows = Level::ALL.iter().rev().map(|level| {
        let rung = &review.theirs.rungs[level.index()];
        let style = match rung.verdict {
            Verdict::Held => theme.good(),
            Verdict::TooUnreliable => theme.bad(),
            Verdict::TooLittleEvidence
            | Verdict::TooLittleDelivered
            | Verdict::RungBelowNotHeld => theme.dim(),
        };
        let kept = fit(&record(rung), usize::from(kept_width));
        let rule = if wide {
            words::rung_rule(rung, settings)
        } else {
            words::rung_rule_short(rung, settings)
        };
        let mine = &review.mine.rungs[level.index()];
        let mut cells = vec![
            Cell::from(Span::styled(level.as_str(), theme.level(Some(*level)))),
            Cell::from(kept),
            Cell::from(score_bar(theme, rung, settings, bar_width)),
            Cell::from(format!("{:>8}", words::evidence(rung, settings))),
            Cell::from(Span::styled(fit(&rule, rule_width), style)),
        ];
        if months {
            let spark: String = app
                .cache
                .history
                .iter()
                .map(|(_, r)| r[level.index()].map_or('·', spark_char))
                .collect();
            cells.push(Cell::from(Span::styled(spark, theme.dim())));
        }
        cells.push(Cell::from(Span::styled(
            fit(&words::rung_short(mine), usize::from(me_width)),
            theme.mine(),
        )));
        Row::new(cells)
    });
    let names = [
        "Rung",
        "Kept",
        "Score",
        "Evidence",
        "Rule",
        "12 months",
        "Me",
    ];
    let header = Row::new(
        names
            .into_iter()
            .filter(|name| months || *name != "12 months"),
    )
    .style(theme.heading());
    let table = Table::new(rows, widths).block(block);
    let table = if column_names {
        table.header(header)
    } else {
        table
    };
    frame.render_widget(table, area);
}

/// A score bar with a tick at the hold threshold, and the score; with no evidence an empty
/// bar and `–`, never a score of 50%. Cells are filled whole, rounded down, so a bar is full
/// only at 100% (which no score reaches); it passes the tick exactly when the score reaches
/// the threshold, and stops short of it when it does not, whatever the width.
fn score_bar(theme: &Theme, rung: &RungScore, settings: &Settings, width: usize) -> Line<'static> {
    let threshold = settings.hold_threshold;
    let tick = ((threshold * width as f64).round() as usize).min(width - 1);
    let filled = if rung.has_evidence() {
        let cells = ((rung.reliability * width as f64).floor() as usize).min(width);
        if rung.reliability >= threshold {
            cells.max(tick + 1)
        } else {
            cells.min(tick)
        }
    } else {
        0
    };
    let text: String = (0..width)
        .map(|i| {
            if i < filled {
                '█'
            } else if i == tick {
                '│'
            } else {
                '░'
            }
        })
        .collect();
    let style = if rung.held { theme.good() } else { theme.dim() };
    Line::from(vec![
        Span::styled(text, style),
        Span::raw(format!(" {:>4}", words::score(rung, settings))),
    ])
}

fn spark_char(r: f64) -> char {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = (r.clamp(0.0, 1.0) * 7.0).round() as usize;
    LEVELS[i.min(7)]
}

fn status_span(theme: &Theme, p: &Promise, today: NaiveDate) -> Span<'static> {
    let style = match p.status {
        Status::Open if p.is_overdue(today) => theme.overdue(),
        Status::Open => Style::new(),
        Status::Kept => theme.good(),
        Status::KeptLate => theme.focus(),
        Status::Broken => theme.bad(),
        Status::Released => theme.dim(),
    };
    let text = if p.is_overdue(today) {
        "overdue".to_string()
    } else {
        p.status.label().to_string()
    };
    Span::styled(text, style)
}

/// The promises both ways, open first; with `shared_border` their top border is drawn into
/// the ladder's bottom one, which it overlaps (`├ Promises ─┤`).
fn promises(app: &App, frame: &mut Frame, area: Rect, shared_border: bool) {
    let theme = &app.theme;
    let ledger = app.ledger();
    let open = app.cache.person_open;
    let filter = app.promise_filter.text();
    let mut title = vec![
        Span::styled(" Promises ", theme.heading()),
        Span::styled(
            format!("· {} · {open} open ", app.promises.items.len()),
            theme.dim(),
        ),
    ];
    // The filter comes before the legend, so what is typed stays in sight on a narrow screen.
    title.extend(super::filter_span(
        app,
        &app.promise_filter,
        &title,
        frame,
        area,
    ));
    title.extend([
        Span::styled("· theirs and ", theme.dim()),
        Span::styled("mine", theme.mine()),
        Span::styled(" · open first ", theme.dim()),
    ]);
    let mut block = Block::bordered().title(super::box_title(title, area.width));
    if shared_border {
        block = block.merge_borders(MergeStrategy::Exact);
    }
    // The selected promise's note, on the border under the list: no promise row is lost to it.
    if let Some(note) = app
        .promises
        .items
        .get(app.promises.selected)
        .and_then(|id| super::promise_note(app, *id, area.width))
    {
        block = block.title_bottom(note);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.promises.items.is_empty() {
        let text = if filter.is_empty() {
            super::no_promises_with(app)
        } else {
            format!(
                "No promise matches.{}",
                app.key_says(Action::Back, "clears the filter.")
            )
        };
        super::empty_list_note(app, frame, inner, text);
        return;
    }
    // A narrow screen gives What the room of the rung, as the agenda does: What is what
    // tells the promises apart, and at 60 columns it kept a dozen. The number stays, as the
    // status line names promises by it.
    let narrow = inner.width < NARROW_BELOW;
    let mut constraints = vec![
        Constraint::Length(super::number_width(app)),
        Constraint::Length(6),
    ];
    if !narrow {
        constraints.push(Constraint::Length(6));
    }
    constraints.extend([
        Constraint::Fill(1),
        Constraint::Length(10),
        // "kept late" and a blank before the border, as every other column keeps.
        Constraint::Length(10),
    ]);
    let what_width = column_widths(inner.width, &constraints)[if narrow { 2 } else { 3 }];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.promises.window(height);
    super::record_rows(app, inner, height, offset);
    let end = (offset + height).min(app.promises.items.len());
    let rows = app.promises.items[offset..end].iter().filter_map(|id| {
        let p = ledger.promise(*id)?;
        let who = match p.direction {
            Direction::Theirs => Span::raw("theirs"),
            Direction::Mine => Span::styled("mine", theme.mine()),
        };
        let date = match p.status {
            Status::Open => p.due,
            _ => p.resolved,
        };
        let date_style = if p.is_overdue(app.today) {
            theme.overdue()
        } else {
            Style::new()
        };
        let date = date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".to_string());
        let mut cells = vec![Cell::from(format!("#{}", p.id)), Cell::from(who)];
        if !narrow {
            cells.push(Cell::from(p.level.as_str()));
        }
        cells.extend([
            Cell::from(fit(&clean(&p.what), what_width)),
            Cell::from(Span::styled(date, date_style)),
            Cell::from(status_span(theme, p, app.today)),
        ]);
        Some(Row::new(cells))
    });
    let header = if narrow {
        Row::new(["#", "Whose", "What", "Due/done", "Status"])
    } else {
        Row::new(["#", "Whose", "Rung", "What", "Due/done", "Status"])
    };
    super::selection_table(
        app,
        frame,
        inner,
        (header, rows, constraints),
        app.promises.selected - offset,
    );
}

/// Trust over time, each rung's score by month for the last twelve months, on a scale of
/// 0%, 50% and 100%.
fn history_chart(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let history = &app.cache.history;
    // Each rung's line runs only through the months it had a score to show: a month without
    // evidence, or with a record faded to evidence shown as 0.00, breaks the line rather than
    // drawing it at 50%.
    let mut segments: Vec<(Level, Vec<(f64, f64)>)> = Vec::new();
    for level in Level::ALL {
        let mut current: Vec<(f64, f64)> = Vec::new();
        for (i, (_, scores)) in history.iter().enumerate() {
            match scores[level.index()] {
                Some(score) => current.push((i as f64, score * 100.0)),
                None if !current.is_empty() => segments.push((level, std::mem::take(&mut current))),
                None => {}
            }
        }
        if !current.is_empty() {
            segments.push((level, current));
        }
    }
    // The three lines are told apart by their marks, which the title names, and not by
    // colour alone, which not everyone tells apart (and mono has none).
    let marker = |level: Level| match level {
        Level::Task => Marker::Braille,
        Level::Result => Marker::Dot,
        Level::Impact => Marker::Block,
    };
    let datasets = segments
        .iter()
        .map(|(level, points)| {
            // A month alone makes no line: it is a point, in its rung's mark.
            let graph = match points.len() {
                1 => GraphType::Scatter,
                _ => GraphType::Line,
            };
            Dataset::default()
                .marker(marker(*level))
                .graph_type(graph)
                .style(theme.level(Some(*level)))
                .data(points)
        })
        .collect();
    let named = |level: Level, name: &str| {
        let mark = match level {
            Level::Task => "⠒",
            Level::Result => "•",
            Level::Impact => "█",
        };
        format!("{mark} {name}")
    };
    let first = history
        .first()
        .map(|(d, _)| d.format("%b %Y").to_string())
        .unwrap_or_default();
    let last = history
        .last()
        .map(|(d, _)| d.format("%b %Y").to_string())
        .unwrap_or_default();
    let legend = [
        named(Level::Task, "tasks"),
        named(Level::Result, "results"),
        named(Level::Impact, "impact "),
    ];
    let room = usize::from(area.width.saturating_sub(2));
    let legend_width = legend.iter().map(|l| columns(l) + 1).sum::<usize>();
    // Where the whole title does not fit, a shorter one keeps the legend whole: cut, the
    // impact line was left without its name.
    let title = [
        " Trust over time: their score by month · ",
        " Trust by month · ",
    ]
    .into_iter()
    .find(|t| columns(t) + legend_width <= room)
    .unwrap_or(" Trust by month · ");
    let [tasks, results, impact] = legend;
    let block = Block::bordered().title(super::box_title(
        vec![
            Span::styled(title, theme.heading()),
            Span::styled(tasks, theme.level(Some(Level::Task))),
            Span::raw(" "),
            Span::styled(results, theme.level(Some(Level::Result))),
            Span::raw(" "),
            Span::styled(impact, theme.level(Some(Level::Impact))),
        ],
        area.width,
    ));
    // A column between the plot and the border, which its lines and axis ran into.
    let inner = block.inner(area);
    let inner = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(block, area);
    // The chart spreads its labels evenly over the rows of its plot (all but the x axis and
    // its labels), so 50% is drawn on the row that holds 50% only where they are odd in
    // number: where they would be even, a blank row under the title makes them odd.
    let plot_rows = inner.height.saturating_sub(2);
    let inner = if plot_rows.is_multiple_of(2) {
        Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        }
    } else {
        inner
    };
    let chart = Chart::new(datasets)
        // The legend lives in the title, where it never covers a line.
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([0.0, history.len().saturating_sub(1).max(1) as f64])
                .labels([first, last])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0%", "50%", "100%"])
                .style(theme.dim()),
        );
    frame.render_widget(chart, inner);
    if segments.is_empty() {
        // An empty grid says nothing: why there is no line, on the plot, right of the
        // scale's labels and its axis.
        let text = " Nothing resolved in these twelve months.";
        let labels = "100%".len() as u16 + 4;
        let row = Rect {
            x: inner.x + labels.min(inner.width),
            y: inner.y + inner.height.saturating_sub(2) / 2,
            width: inner.width.saturating_sub(labels),
            height: 1.min(inner.height),
        };
        frame.render_widget(
            Line::styled(super::fit(text, usize::from(row.width)), theme.dim()),
            row,
        );
    }
}
