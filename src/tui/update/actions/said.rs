//! What several actions say alike: a person told apart from another of the same name, where
//! the People cursor is, why no one is listed, and the keys that clear a filter or restore
//! someone archived.

use crate::core::Person;
use crate::core::text::sanitize;
use crate::tui::app::App;
use crate::tui::keymap::Action;

/// A person's name as a question asks about them: with the handle where someone else has
/// the same name, as the tables show them, so the question says which of the two it means.
pub(in crate::tui::update) fn told_apart(app: &App, p: &Person) -> String {
    if app.cache.named_alike.contains_key(&p.id) {
        format!("{} ({})", sanitize(&p.name), sanitize(&p.handle))
    } else {
        sanitize(&p.name)
    }
}

/// `; the cursor is on NAME`: whom the People cursor is on, after the one it was on left.
pub(in crate::tui::update) fn cursor_on_person(app: &App) -> String {
    app.people
        .current()
        .and_then(|other| app.ledger.person(other))
        .map(|other| format!("; the cursor is on {}", told_apart(app, other)))
        .unwrap_or_default()
}

/// The end of a sentence that says a filter hides everything: how to clear it, when a key
/// does ("; Esc clears it."), else only the full stop.
pub(super) fn clears_filter(app: &App) -> String {
    app.bound_key(Action::Back)
        .map_or_else(|| ".".to_string(), |key| format!("; {key} clears it."))
}

/// Why the people list has no one to act on, and what brings someone back: the filter
/// matches no one (the back key clears it), everyone is archived (the show-archived key
/// lists them), or no one is here yet, `nobody` (the add key adds a person).
pub(super) fn no_one_listed(app: &App, nobody: &str) -> String {
    if !app.filter.is_empty() {
        format!("No one matches the filter{}", clears_filter(app))
    } else if !app.ledger().people.is_empty() {
        match app.bound_key(Action::ShowArchived) {
            Some(show) => format!("Everyone here is archived: {show} shows them."),
            None => "Everyone here is archived.".to_string(),
        }
    } else {
        match app.bound_key(Action::NewPerson) {
            Some(add) => format!("{nobody}: {add} adds a person."),
            None => format!("{nobody}."),
        }
    }
}

/// What restores an archived person from here: its key, or, in a view without one (the
/// Agenda), the People view.
pub(super) fn restores(app: &App, what: &str) -> String {
    app.keys
        .key_of(Action::Archive, &app.view_contexts())
        .map_or_else(
            || format!("the People view restores {what}"),
            |key| format!("{key} restores {what}"),
        )
}
