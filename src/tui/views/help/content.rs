//! What the `?` screen says, as sections of entries before any wrapping: the opening lines, on
//! a person's page every figure and rule behind their level, every key of the key map in
//! force, the text fields' keys, how the figures are made and the date words. Kept apart from
//! the drawing so that the search can pick entries, and tests can read what a search shows.

use super::find::found;
use crate::core::dates::{Direction, words as date_words};
use crate::core::ladder::words;
use crate::tui::app::{App, View};
use crate::tui::keymap::Action;

/// One section: a heading (none for the opening lines) and its entries, as written (the view
/// makes them safe to draw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: Option<String>,
    pub form: Form,
    pub entries: Vec<Entry>,
}

/// How a section's entries are set out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Sentences, wrapped with `first` before the first line and `rest` before the others
    /// (both as wide).
    Prose {
        first: &'static str,
        rest: &'static str,
    },
    /// Keys in a column this wide, what they do beside them.
    Keys { width: usize },
}

/// One line of the help before wrapping: keys (empty in prose) and what is said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub keys: String,
    pub text: String,
}

impl Entry {
    fn said(text: impl Into<String>) -> Entry {
        Entry {
            keys: String::new(),
            text: text.into(),
        }
    }

    /// Whether the search is found in its keys or its words.
    pub fn matches(&self, needle: &str) -> bool {
        !found(&self.keys, needle).is_empty() || !found(&self.text, needle).is_empty()
    }
}

/// Every section of the help for the screen the person is on.
pub fn sections(app: &App) -> Vec<Section> {
    let prose = |first, rest| Form::Prose { first, rest };
    // A clause naming a key is left out where nothing binds the action.
    let undo = app
        .bound_key(Action::Undo)
        .map_or_else(String::new, |key| format!(" and {key} undoes it"));
    let intro = format!(
        "Trust is earned bottom-up: tasks, then results, then ongoing impact. A rung is held \
         with enough recent evidence and a high enough kept rate; every change saves at \
         once{undo}. Changes saved elsewhere show within a second, the cursor kept on its \
         promise; a number a sync moved is said (#11 is now #12)."
    );
    // On a person's page, what is behind their level comes first: it is why `?` was pressed
    // there.
    let mut out = person_reasons(app);
    out.push(Section {
        title: None,
        form: prose(" ", " "),
        entries: vec![Entry::said(intro)],
    });
    for (title, bindings) in app.keys.help_sections() {
        // As wide as the widest keys need, within reason: a longer list of keys rebound to
        // one action pushes its own line's text along instead.
        let widest = bindings
            .iter()
            .map(|(keys, _)| crate::core::text::columns(keys) + 1)
            .max()
            .unwrap_or(0);
        out.push(Section {
            title: Some(title.to_string()),
            form: Form::Keys {
                width: widest.clamp(11, 18),
            },
            entries: bindings
                .into_iter()
                .map(|(keys, help)| Entry {
                    keys,
                    text: help.to_string(),
                })
                .collect(),
        });
    }
    // The line editor's keys, in every text field, the filter and the help's search.
    out.push(Section {
        title: Some("Text fields".to_string()),
        form: Form::Keys { width: 22 },
        entries: crate::tui::editor::KEYS
            .iter()
            .map(|(keys, help)| Entry {
                keys: keys.to_string(),
                text: help.to_string(),
            })
            .collect(),
    });
    // How the figures on screen are made, with this file's settings: the same words as under
    // `review`, so the thresholds behind every level and advice are one key away.
    let marks = format!(
        "The people table marks the notes: {}. From 110 columns, Next step says in a few words \
         what the person's page advises first (settle one 30d overdue, agree due dates, how \
         many more kept promises hold tasks, ready for results). Where it has no room for the \
         next step, fail before the notes says a rung is failing (look one rung down) and \
         ready↑ that they are ready for the next rung.",
        words::NOTE_MARKS
    );
    let last = format!(
        "The people table's Last says when anything was last logged with them (a promise made \
         or resolved, either way, or a 1:1 prep): 3d ago, red and marked ! past their keep-in-touch cadence; \
         ~3d ago when nothing is logged yet, counted from the day they were added.{}",
        app.bound_key(Action::Sort)
            .map_or_else(String::new, |key| format!(
                " {key} sorts by it, longest ago first."
            ))
    );
    let columns = format!(
        "The people table's columns: Trust is their level; Task, Res and Imp each rung's score \
         (– with no evidence yet); Open and Over count the open and the overdue promises both \
         ways, theirs to me and mine to them (the o mark counts only theirs); Mine is my own \
         word to them (my level once I hold a rung, else delivered of resolved, as 3/4, red \
         while it is failing, and m in the notes then); Tr their trend over the last {} days (↑ up, → flat, ↓ down).",
        app.ledger().settings.trend_days
    );
    out.push(Section {
        title: Some("How the figures are made".to_string()),
        form: prose(" - ", "   "),
        entries: words::legend(&app.ledger().settings)
            .into_iter()
            .chain([columns, marks, last])
            .map(Entry::said)
            .collect(),
    });
    out.push(Section {
        title: Some("Dates".to_string()),
        form: prose("   ", "   "),
        entries: vec![
            Entry::said(date_words::summary(Direction::Ahead)),
            Entry::said(date_words::said_in_full()),
            Entry::said(date_words::LOOKING_BACK),
        ],
    });
    out
}

/// On the person view: the advice for both sides and every line of the explanation, the
/// same sentences as `review` prints.
fn person_reasons(app: &App) -> Vec<Section> {
    let ledger = app.ledger();
    let Some((person, review)) = app
        .person
        .filter(|_| app.view == View::Person)
        .and_then(|id| Some((ledger.person(id)?, app.cache.reviews.get(&id)?)))
    else {
        return Vec::new();
    };
    let settings = &ledger.settings;
    let name = app.cache.first_names.called(person);
    [
        (
            format!("Why {}'s ladder reads so", person.name),
            &review.theirs,
        ),
        ("Why my word reads so".to_string(), &review.mine),
    ]
    .into_iter()
    .map(|(title, standing)| {
        let advice = if person.archived {
            let restore = app
                .bound_key(Action::Archive)
                .map(|key| format!("{key} restores them"));
            format!("Advice: {}", words::archived_advice(restore.as_deref()))
        } else {
            format!(
                "Advice: {}",
                words::advice_sentence(standing, &name, settings)
            )
        };
        let notes =
            (!standing.notes.is_empty()).then(|| format!("Notes: {}", words::notes_text(standing)));
        Section {
            title: Some(title),
            form: Form::Prose {
                first: " - ",
                rest: "   ",
            },
            entries: std::iter::once(advice)
                .chain(notes)
                .chain(words::explain(standing, settings))
                .map(Entry::said)
                .collect(),
        }
    })
    .collect()
}

/// The sections as a search shows them: a section whose heading matches whole ("form" finds
/// "In a form"), else only the entries that match, each under its heading, and no section
/// left empty. With no search, every section whole.
pub fn shown(sections: Vec<Section>, needle: &str) -> Vec<Section> {
    if needle.trim().is_empty() {
        return sections;
    }
    sections
        .into_iter()
        .filter_map(|mut section| {
            let heading = section
                .title
                .as_deref()
                .is_some_and(|title| !found(title, needle).is_empty());
            section.entries.retain(|e| heading || e.matches(needle));
            (!section.entries.is_empty()).then_some(section)
        })
        .collect()
}
