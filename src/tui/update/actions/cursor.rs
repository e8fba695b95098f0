//! The cursor: moving it over a list (counting the rows as they will stand once the marks
//! under way are saved), and the promise it is on, or why there is none to act on.

use crate::core::change::Target;
use crate::core::{PromiseId, Status};
use crate::tui::app::{App, View};
use crate::tui::keymap::Action;

use super::said::clears_filter;

pub(super) fn step(app: &mut App, delta: isize) {
    // Moving a selection the chart hides would leave it on a promise never seen.
    if app.view == View::Person && chart_in_the_way(app) {
        return;
    }
    match app.view {
        View::People => app.people.step(delta),
        View::Person if app.triaging.is_empty() => app.promises.step(delta),
        View::Person => {
            // Marked on a person's page, a promise goes below the open ones.
            let ledger = app.ledger();
            let open = |id: &PromiseId| {
                ledger
                    .promise(*id)
                    .is_some_and(|p| p.status == Status::Open)
            };
            let to = step_over(
                &app.promises.items,
                app.promises.selected,
                delta,
                |ids, marking| {
                    let (mut stays, resolved): (Vec<usize>, Vec<usize>) = (0..ids.len())
                        .filter(|&i| !marking.contains(&ids[i]))
                        .partition(|&i| open(&ids[i]));
                    stays.extend((0..ids.len()).filter(|&i| marking.contains(&ids[i])));
                    stays.extend(resolved);
                    stays
                },
                &app.triaging,
            );
            app.promises.select_row(to);
        }
        View::Agenda if app.triaging.is_empty() => app.agenda.step(delta),
        View::Agenda => {
            // Marked in the agenda, a promise leaves it.
            let ids: Vec<PromiseId> = app.agenda.items.iter().map(|(_, id)| *id).collect();
            let to = step_over(
                &ids,
                app.agenda.selected,
                delta,
                |ids, marking| {
                    (0..ids.len())
                        .filter(|&i| !marking.contains(&ids[i]))
                        .collect()
                },
                &app.triaging,
            );
            app.agenda.select_row(to);
        }
    }
}

/// The row `delta` rows from `selected` in `ids`, counted as the list will stand once the
/// marks under way (`marking`) are saved, as keys typed slower find it: `after` gives the
/// rows in that order (a promise marked leaves the agenda, and goes below the open ones on a
/// person's page), and the selection, on a row being marked, stays at its place in the list,
/// where the next row moves up. That place is counted without the rows above it being marked
/// too, as each of them leaves the rows above it once saved. So `d j d j d` marks the same
/// promises at any speed (typed fast, `j` stepped onto the row that was about to move up, and
/// the next `d` marked it; or, counting the rows marked above, one row past it).
fn step_over(
    ids: &[PromiseId],
    selected: usize,
    delta: isize,
    after: impl Fn(&[PromiseId], &[PromiseId]) -> Vec<usize>,
    marking: &[PromiseId],
) -> usize {
    let rows = after(ids, marking);
    let Some(last) = rows.len().checked_sub(1) else {
        return selected;
    };
    let at = if ids.get(selected).is_some_and(|id| marking.contains(id)) {
        let marked_above = ids[..selected]
            .iter()
            .filter(|id| marking.contains(id))
            .count();
        (selected - marked_above).min(last)
    } else {
        rows.iter().position(|&i| i == selected).unwrap_or(last)
    };
    rows[at.saturating_add_signed(delta).min(last)]
}

/// Whether the chart stands in the promises' place on a short screen, which is then said:
/// what acts on the selected promise, or moves it, waits until they show again.
pub(super) fn chart_in_the_way(app: &mut App) -> bool {
    let covers = crate::tui::views::chart_covers_promises(app);
    if covers {
        let again = app.if_bound(Action::Chart, |k| format!(": {k} shows them again"));
        app.say(format!("The chart is in the promises' place{again}."));
    }
    covers
}

pub(super) fn promise_or_complain(app: &mut App) -> Option<PromiseId> {
    if chart_in_the_way(app) {
        return None;
    }
    let found = app.selected_promise();
    if found.is_none() {
        match app.view {
            View::People => {
                let open = app.if_bound(Action::Open, |k| format!(": {k} opens the person"));
                app.say(format!("Pick a promise first{open}."));
            }
            // A filter that hides every promise is the reason, and clearing it the remedy.
            View::Person if !app.promise_filter.text().is_empty() => {
                app.say_here(format!(
                    "No promise matches the filter{}",
                    clears_filter(app)
                ));
            }
            View::Agenda if !app.filter.is_empty() => {
                app.say_here(format!("Nothing matches the filter{}", clears_filter(app)));
            }
            // An empty list: said as Enter says it there, with what adds a promise.
            View::Person => {
                let said = crate::tui::views::no_promises_with(app);
                app.say(said);
            }
            View::Agenda => {
                let said = crate::tui::views::nothing_open(app);
                app.say(said);
            }
        }
    }
    found
}

/// The promise with this number as it is shown now, by uid.
pub(super) fn target_of(app: &App, id: PromiseId) -> Target<PromiseId> {
    app.ledger
        .promise(id)
        .map_or(Target::id(id), |p| Target::exact(id, p.uid))
}
