//! The home view: every colleague with their level, record per rung and what is open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row};

use super::{SELECTED, badge_span, bold, clean, column_widths, fit, person_label};
use crate::core::ladder::{Advice, Review, RungScore, Standing, Trend, Unheld, Verdict, words};
use crate::core::text::columns;
use crate::core::touch::last_text;
use crate::core::{Level, PersonId, Settings};
use crate::tui::app::{App, Sort};
use crate::tui::theme::Theme;

/// Wide enough to show the role, the notes and the next step in columns of their own.
const ROLE_FROM: u16 = 110;
/// Wide enough to add the last contact to those and leave the name, the role and the next step
/// the room they have at [`ROLE_FROM`] without it: its 8 columns and the space before it more.
const LAST_FROM: u16 = ROLE_FROM + 9;

/// The legend under the table for `room` columns: in full where it fits, else the notes'
/// alone, then without the last one's "above", else their marks alone, else their letters
/// alone; each with the marks `fail` and `ready↑` where they stand in the notes (no Next step
/// column says so, `with_states`) and there is room for them, said in a word or two each,
/// else named (`?` says what they mean). The note marks are the core's legend of them, which the help shows
/// too, so the two cannot drift apart.
fn legend(room: usize, with_states: bool) -> String {
    let full = format!(
        " Task Res Imp: score, bold held · Mine: my level, or kept/resolved · Notes: {} ",
        words::NOTE_MARKS
    );
    let notes = format!(" Notes: {} ", words::NOTE_MARKS);
    // Each mark whole (`?` says what "tried" is), rather than the last one cut off.
    let marks = words::NOTE_MARKS.trim_end_matches(" above");
    let named = format!(" Notes: {marks} ");
    // The letters alone where the words do not fit: `?` says what each one means.
    let letters: Vec<&str> = marks.split(", ").filter_map(|m| m.get(..1)).collect();
    let letters = format!(" Notes: {} ", letters.join(" "));
    let marks = format!(" {marks} ");
    let with = |text: &str, states: &str| format!("{} · {states} ", text.trim_end());
    let mut candidates = Vec::new();
    for text in [full, notes, named, marks, letters] {
        if with_states {
            candidates.push(with(&text, "fail failing, ready↑ ready for more"));
            candidates.push(with(&text, "fail, ready↑"));
        }
        candidates.push(text);
    }
    let fallback = candidates.last().cloned().unwrap_or_default();
    candidates
        .into_iter()
        .find(|text| columns(text) <= room)
        .unwrap_or(fallback)
}

/// Draws the people table: only the rows that fit, from the cached reviews.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let ledger = app.ledger();
    let mut title = vec![
        Span::styled(" People ", theme.heading()),
        Span::styled(format!("· {} ", app.people.items.len()), theme.dim()),
    ];
    // The filter comes before the order, so what is typed stays in sight on a narrow screen.
    title.extend(super::filter_span(
        app,
        &app.filter_editor,
        &title,
        frame,
        area,
    ));
    title.push(Span::styled(
        format!("· sorted by {} ", app.sort.label()),
        theme.dim(),
    ));
    if app.show_archived {
        title.push(Span::styled("· with archived ", theme.dim()));
    }
    // A legend for the columns and the note marks, so the first screen explains itself;
    // none while no one is listed, with no columns nor notes for it to explain.
    let room = usize::from(area.width.saturating_sub(4));
    let mut block = Block::bordered().title(super::box_title(title, area.width));
    if !app.people.items.is_empty() {
        // Cut as a top title is, should even the letters not fit: the space before the
        // corner stays.
        block = block.title_bottom(super::box_title(
            vec![Span::styled(
                legend(room, area.width < ROLE_FROM),
                theme.dim(),
            )],
            area.width.saturating_sub(2),
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.people.items.is_empty() {
        use crate::tui::keymap::Action;
        let text = if let Some(reason) = app.read_only.as_ref().filter(|_| ledger.people.is_empty())
        {
            // No one can be added: why, with the way back, rather than a key that is refused.
            format!("Read-only: {reason}.")
        } else if ledger.people.is_empty() {
            match app.bound_key(Action::NewPerson) {
                Some(add) => format!(
                    "No one yet. Press {add}, type a name{} to add your first colleague.",
                    app.if_bound(Action::Save, |k| format!(" and {k}"))
                ),
                None => "No one yet: `trustladder person add NAME` adds your first colleague."
                    .to_string(),
            }
        } else if !app.filter.is_empty() {
            format!(
                "No one matches.{}",
                app.key_says(Action::Back, "clears the filter.")
            )
        } else {
            // No filter, yet no one listed: everyone here is archived.
            format!(
                "Everyone here is archived.{}",
                app.key_says(Action::ShowArchived, "shows them.")
            )
        };
        super::empty_list_note(app, frame, inner, text);
        return;
    }
    let wide = area.width >= ROLE_FROM;
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.people.window(height);
    super::record_rows(app, inner, height, offset);
    let end = (offset + height).min(app.people.items.len());
    let shown = columns_for(area.width, app.sort == Sort::Contact);
    let has = |c: Col| shown.contains(&c);
    let header: Vec<&str> = shown.iter().map(|c| c.header()).collect();
    let mut widths: Vec<Constraint> = shown.iter().map(|c| c.width()).collect();
    if wide {
        // The room the fixed columns leave is shared by what the rows hold, so that a long
        // role is never cut while the name has blank columns to spare. Every row listed is
        // measured, not only those on screen, so the columns stay put as the list scrolls.
        let marker = u16::try_from(columns(SELECTED)).unwrap_or(u16::MAX);
        let (needs, marks) = text_widths(app, &app.people.items);
        // The notes' marks take only what the longest of them needs (its heading at least),
        // leaving the rest of their fixed room to the texts.
        let notes = u16::try_from(marks.max(columns(Col::Notes.header()))).unwrap_or(u16::MAX);
        if let Some(i) = shown.iter().position(|c| *c == Col::Notes) {
            widths[i] = Constraint::Length(notes.min(Col::Notes.room() - 1));
        }
        let fixed: u16 = widths
            .iter()
            .map(|w| match w {
                Constraint::Length(n) => n + 1,
                _ => 0,
            })
            .sum();
        // The role and the next step each take a space before them.
        let room = inner.width.saturating_sub(marker + fixed + 2);
        let shared = share(usize::from(room), needs);
        for (col, width) in [Col::Name, Col::Role, Col::Next].into_iter().zip(shared) {
            if let Some(i) = shown.iter().position(|c| *c == col) {
                widths[i] = Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX));
            }
        }
    }
    let columns = column_widths(inner.width, &widths);
    let width_of = |c: Col| {
        shown
            .iter()
            .position(|x| *x == c)
            .and_then(|i| columns.get(i).copied())
            .unwrap_or(0)
    };
    let rows = app.people.items[offset..end].iter().filter_map(|id| {
        let person = ledger.person(*id)?;
        let review = app.cache.reviews.get(id)?;
        let theirs = &review.theirs;
        let name = person_label(app, person, width_of(Col::Name));
        let mut cells = vec![Cell::from(name)];
        if has(Col::Role) {
            let role = fit(&clean(&person.role), width_of(Col::Role));
            cells.push(Cell::from(Span::styled(role, theme.dim())));
        }
        if has(Col::Trust) {
            cells.push(Cell::from(badge_span(theme, theirs.trust_level)));
        }
        for (col, rung) in [Col::Task, Col::Res, Col::Imp]
            .into_iter()
            .zip(&theirs.rungs)
        {
            if has(col) {
                cells.push(Cell::from(rung_cell(theme, rung, &ledger.settings)));
            }
        }
        if has(Col::Open) {
            cells.push(Cell::from(count(review.open)));
        }
        if has(Col::Over) {
            let overdue = if review.overdue > 0 {
                Span::styled(count(review.overdue), theme.overdue())
            } else {
                Span::styled(count(0), theme.dim())
            };
            cells.push(Cell::from(overdue));
        }
        if has(Col::Mine) {
            // My word with them: my level once I hold a rung, my plain record until then; in
            // the failing colour while my word with them is failing, as theirs is marked, and
            // bold and underlined, so that it does not rest on colour alone (a failing badge
            // was bold as a held one is).
            let mine = match review.mine.trust_level {
                Some(_) => badge_span(theme, review.mine.trust_level),
                None => Span::styled(words::short_record(&review.mine.record()), theme.mine()),
            };
            let mine = if review.mine.slipping {
                mine.style(
                    theme
                        .bad()
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                )
            } else {
                mine
            };
            cells.push(Cell::from(mine));
        }
        if has(Col::Trend) {
            cells.push(Cell::from(trend_span(theme, theirs.trend)));
        }
        if has(Col::Last) {
            // Red once they are past their keep-in-touch cadence, as the agenda lists them.
            let overdue = app.cache.touch.iter().any(|o| o.person == *id);
            let style = if overdue {
                theme.overdue()
            } else {
                theme.dim()
            };
            // Looking back, someone added after the day shown with nothing logged by then
            // has no last contact yet; one imported later with older promises has.
            let contact = app.cache.contacts.get(id);
            let last = match contact {
                Some(last) if last.logged || person.created <= app.today => {
                    last_text(*last, app.today)
                }
                Some(_) => "later".to_string(),
                None => String::new(),
            };
            // Past the cadence a `!` says so in text too, for a screen without colour.
            let past = if overdue { "!" } else { "" };
            // `~369d ago` is wider than the column: the days stay whole, " ago" goes.
            let room = width_of(Col::Last).saturating_sub(past.len());
            let last = if crate::core::text::columns(&last) > room {
                last.trim_end_matches(" ago").to_string()
            } else {
                last
            };
            cells.push(Cell::from(Span::styled(
                format!("{}{past}", fit(&last, room)),
                style,
            )));
        }
        let marks = note_marks(review);
        let style = if theirs.slipping {
            theme.bad()
        } else if theirs.ready {
            theme.good()
        } else {
            theme.dim()
        };
        if wide {
            cells.push(Cell::from(Span::styled(marks, theme.focus())));
            let step = fit(
                &next_step(person, theirs, &app.ledger().settings),
                width_of(Col::Next),
            );
            cells.push(Cell::from(Span::styled(step, style)));
        } else if has(Col::Notes) {
            let flag = if theirs.slipping {
                "fail "
            } else if theirs.ready {
                "ready↑ "
            } else {
                ""
            };
            let room = width_of(Col::Notes);
            let marks = fit(
                &marks,
                room.saturating_sub(crate::core::text::columns(flag)),
            );
            cells.push(Cell::from(Line::from(vec![
                Span::styled(flag, style),
                Span::styled(marks, theme.focus()),
            ])));
        }
        Some(Row::new(cells))
    });
    super::selection_table(
        app,
        frame,
        inner,
        (Row::new(header), rows, widths),
        app.people.selected - offset,
    );
}

/// The people table's columns, in the order they are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Role,
    Trust,
    Task,
    Res,
    Imp,
    Open,
    Over,
    Mine,
    Trend,
    /// When anything was last logged with them.
    Last,
    Notes,
    Next,
}

/// The narrowest the name column gets before another column goes instead.
const NAME_MIN: u16 = 14;

impl Col {
    fn header(self) -> &'static str {
        match self {
            Col::Name => "Name",
            Col::Role => "Role",
            Col::Trust => "Trust",
            Col::Task => "Task",
            Col::Res => "Res",
            Col::Imp => "Imp",
            Col::Open => "Open",
            Col::Over => "Over",
            Col::Mine => "Mine",
            Col::Trend => "Tr",
            Col::Last => "Last",
            Col::Notes => "Notes",
            Col::Next => "Next step",
        }
    }

    fn width(self) -> Constraint {
        match self {
            Col::Name => Constraint::Fill(2),
            Col::Role | Col::Next => Constraint::Fill(1),
            Col::Trust | Col::Mine => Constraint::Length(10),
            Col::Task | Col::Res | Col::Imp | Col::Open | Col::Over => Constraint::Length(4),
            Col::Trend => Constraint::Length(2),
            Col::Last => Constraint::Length(8),
            Col::Notes => Constraint::Length(9),
        }
    }

    /// The room a fixed column takes, with the space before it.
    fn room(self) -> u16 {
        match self.width() {
            Constraint::Length(n) => n + 1,
            _ => 0,
        }
    }
}

/// The columns of a table `area_width` wide (borders included). Wide, every column, the last
/// contact from [`LAST_FROM`]; narrower, those that fit, dropping the least needed first (the
/// last contact, impact, results, trend, open, my credibility, tasks, notes, overdue, the
/// level) so the name, which says who, goes last. Sorted by last contact, the column that
/// explains the order stays longer: wide at any width, narrower after impact, results, trend
/// and open.
fn columns_for(area_width: u16, by_contact: bool) -> Vec<Col> {
    if area_width >= ROLE_FROM {
        let mut all = vec![
            Col::Name,
            Col::Role,
            Col::Trust,
            Col::Task,
            Col::Res,
            Col::Imp,
            Col::Open,
            Col::Over,
            Col::Mine,
            Col::Trend,
            Col::Last,
            Col::Notes,
            Col::Next,
        ];
        if !by_contact && area_width < LAST_FROM {
            all.retain(|c| *c != Col::Last);
        }
        return all;
    }
    let width = area_width.saturating_sub(2);
    let mut shown = vec![
        Col::Name,
        Col::Trust,
        Col::Task,
        Col::Res,
        Col::Imp,
        Col::Open,
        Col::Over,
        Col::Mine,
        Col::Trend,
        Col::Last,
        Col::Notes,
    ];
    let marker = u16::try_from(columns(SELECTED)).unwrap_or(0);
    let fits = |cols: &[Col]| {
        let fixed: u16 = cols.iter().map(|c| c.room()).sum();
        fixed + NAME_MIN + marker <= width
    };
    let order = if by_contact {
        [Col::Imp, Col::Res, Col::Trend, Col::Open, Col::Last]
    } else {
        [Col::Last, Col::Imp, Col::Res, Col::Trend, Col::Open]
    };
    for drop in order
        .into_iter()
        .chain([Col::Mine, Col::Task, Col::Notes, Col::Over, Col::Trust])
    {
        if fits(&shown) {
            break;
        }
        shown.retain(|c| *c != drop);
    }
    shown
}

/// How wide the name, the role and the next step of `people` are at their longest, their
/// column names included: what each of those columns needs to show them whole; and how many
/// marks of notes the one with the most has.
fn text_widths(app: &App, people: &[PersonId]) -> ([usize; 3], usize) {
    let mut needs = [Col::Name, Col::Role, Col::Next].map(|c| columns(c.header()));
    let mut marks = 0;
    let ledger = app.ledger();
    for id in people {
        let Some((person, review)) = ledger.person(*id).zip(app.cache.reviews.get(id)) else {
            continue;
        };
        let texts = [
            person_label(app, person, usize::MAX),
            clean(&person.role),
            next_step(person, &review.theirs, &ledger.settings),
        ];
        for (need, text) in needs.iter_mut().zip(texts) {
            *need = (*need).max(columns(&text));
        }
        marks = marks.max(note_marks(review).chars().count());
    }
    (needs, marks)
}

/// The marks in a row's Notes: one per note of theirs, then [`words::MINE_FAILING_MARK`]
/// while my word to them is failing, so that neither rests on the colour of another column.
fn note_marks(review: &Review) -> String {
    let mut marks: String = review.theirs.notes.iter().map(words::note_mark).collect();
    if review.mine.slipping {
        marks.push(words::MINE_FAILING_MARK);
    }
    marks
}

/// The widths of the name, the role and the next step, in that order, given the `room` the
/// other columns leave them and what each `needs`. Where all three fit, each is as wide as it
/// needs and the next step, the last column, takes what is left. Where they do not, no column
/// is cut while another has blank columns: the room is shared two to one to one (the name
/// counts twice), and a column that needs less than its share takes only what it needs,
/// leaving the rest to the others.
fn share(room: usize, needs: [usize; 3]) -> [usize; 3] {
    const WEIGHTS: [usize; 3] = [2, 1, 1];
    let mut out = [0; 3];
    let mut open = vec![0, 1, 2];
    let mut left = room;
    while !open.is_empty() {
        let weight: usize = open.iter().map(|&i| WEIGHTS[i]).sum();
        let whole: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| needs[i] * weight <= left * WEIGHTS[i])
            .collect();
        if whole.is_empty() {
            // Every column left needs more than its share: each gets its share, the last one
            // what rounding leaves.
            let mut rest = left;
            for (n, &i) in open.iter().enumerate() {
                out[i] = if n + 1 == open.len() {
                    rest
                } else {
                    left * WEIGHTS[i] / weight
                };
                rest -= out[i];
            }
            return out;
        }
        for i in whole {
            out[i] = needs[i];
            left -= needs[i];
            open.retain(|&j| j != i);
        }
    }
    out[2] += left;
    out
}

/// What the ladder suggests next, in a few words, for the wide table.
fn next_step(person: &crate::core::Person, standing: &Standing, settings: &Settings) -> String {
    if person.archived {
        return "archived: restore first".to_string();
    }
    // What the person page's advice says first, in a few words: a failing rung, else an
    // overdue promise at any level.
    let advice = standing.advice();
    if let Some((_, days)) = standing.overdue_first(settings)
        && !matches!(advice, Advice::Failing { .. })
    {
        return format!("settle one {days}d overdue");
    }
    match advice {
        Advice::Failing { level: Level::Task } => "tasks failing: talk now".to_string(),
        Advice::Failing {
            level: Level::Result,
        } => "results failing: look at tasks".to_string(),
        Advice::Failing {
            level: Level::Impact,
        } => "impact failing: look at results".to_string(),
        Advice::Quiet | Advice::Building => match standing.unheld(settings) {
            Unheld::Late { .. } => "building: due dates".to_string(),
            Unheld::MoreKept { more, .. } => format!("{more} more kept: tasks"),
            _ if advice == Advice::Quiet => "quiet: start again small".to_string(),
            _ => "building: small tasks".to_string(),
        },
        Advice::KeepYourWord => "building: small tasks".to_string(),
        Advice::Ready { next } => format!("ready for {}", next.title()),
        Advice::Holding { level, .. } => format!("holding {}", level.title()),
        Advice::Top => "trusted with impact".to_string(),
    }
}

fn count(n: usize) -> String {
    format!("{n:>4}")
}

/// A rung's score: bold when held, marked when too low, a dash with no evidence.
pub fn rung_cell(theme: &Theme, rung: &RungScore, settings: &Settings) -> Span<'static> {
    let text = format!("{:>4}", words::score(rung, settings));
    if !rung.has_evidence() {
        return Span::styled(text, theme.dim());
    }
    match rung.verdict {
        Verdict::Held => Span::styled(text, theme.good().patch(bold())),
        Verdict::TooUnreliable => Span::styled(text, theme.bad()),
        Verdict::TooLittleEvidence | Verdict::TooLittleDelivered | Verdict::RungBelowNotHeld => {
            Span::raw(text)
        }
    }
}

/// The trend arrow, coloured by direction.
pub fn trend_span(theme: &Theme, trend: Trend) -> Span<'static> {
    let style = match trend {
        Trend::Up => theme.good(),
        Trend::Down => theme.bad(),
        Trend::Flat => theme.dim(),
    };
    Span::styled(trend.arrow(), style)
}

#[cfg(test)]
mod tests {
    use super::{legend, share};
    use crate::core::text::columns;

    #[test]
    fn the_legend_names_fail_and_ready_where_the_notes_show_them_and_it_has_room() {
        let at = |room: usize| legend(room, true);
        assert_eq!(
            at(120),
            " Notes: q quiet, r renegotiates, l late, o overdue, m mine failing, t tried above · \
             fail failing, ready↑ ready for more "
        );
        assert!(
            at(100).ends_with("t tried above · fail, ready↑ "),
            "{}",
            at(100)
        );
        assert!(!at(76).contains("· fail"), "{}", at(76));
        assert!(!legend(120, false).contains("· fail"));
        for room in 40..200 {
            assert!(
                columns(&at(room)) <= room || room < 60,
                "{room}: {}",
                at(room)
            );
        }
    }

    #[test]
    fn with_room_for_all_each_column_is_whole_and_the_last_takes_the_rest() {
        assert_eq!(share(80, [12, 40, 20]), [12, 40, 28]);
        assert_eq!(share(72, [12, 40, 20]), [12, 40, 20]);
    }

    #[test]
    fn a_short_name_leaves_its_share_to_a_long_role() {
        // Shared two to one to one, the name would have 30 columns and the role 15; the name
        // needs 12, so the role and the next step split the other 48.
        assert_eq!(share(60, [12, 40, 31]), [12, 24, 24]);
        // The next step needs less than half of what the name leaves: the role takes the rest.
        assert_eq!(share(60, [12, 40, 20]), [12, 28, 20]);
    }

    #[test]
    fn without_room_for_any_the_shares_are_two_to_one_to_one() {
        assert_eq!(share(40, [50, 50, 50]), [20, 10, 10]);
        assert_eq!(share(41, [50, 50, 50]), [20, 10, 11]);
        assert_eq!(share(0, [50, 50, 50]), [0, 0, 0]);
    }
}
