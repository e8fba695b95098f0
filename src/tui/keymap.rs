//! The one key map. Key handling, the `?` help screen and the hint bar are all read from
//! [`BINDINGS`], so what the screen says a key does is what it does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Something a key asks for. The update step decides what it means where the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ForceQuit,
    Redraw,
    Quit,
    Help,
    Filter,
    NextView,
    PrevView,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    NewPerson,
    Edit,
    EditPerson,
    NewPromise,
    LogKept,
    MarkKept,
    MarkKeptLate,
    MarkBroken,
    Release,
    Reopen,
    Delete,
    Archive,
    ShowArchived,
    Sort,
    Chart,
    PickPromise,
    Undo,
    Redo,
    NextField,
    PrevField,
    Save,
    Cancel,
    EditText,
    Confirm,
    ApplyFilter,
    ClearFilter,
    /// The agenda of the next 1:1 with the person shown.
    Prep,
    WritePrep,
    CopyPrep,
    SavePrep,
}

/// Where a binding applies. The update step asks with the contexts of the current screen,
/// most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere, even inside a form.
    Everywhere,
    /// In any of the three views, when no popup is open.
    Views,
    People,
    Person,
    Agenda,
    /// Inside a person, promise or resolve form.
    Form,
    /// On a choice field of a form (who, rung, outcome).
    Choice,
    /// The "are you sure" question before a delete.
    Confirm,
    /// While typing a filter after `/`.
    Filter,
    /// The help screen.
    Help,
    /// The 1:1 prep popup.
    Prep,
}

impl Context {
    /// The heading of this context on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Context::Everywhere => "Everywhere",
            Context::Views => "In every view",
            Context::People => "People",
            Context::Person => "Person",
            Context::Agenda => "Agenda",
            Context::Form => "In a form",
            Context::Choice => "On a choice in a form",
            Context::Confirm => "Before a delete",
            Context::Filter => "While filtering",
            Context::Help => "This help",
            Context::Prep => "The 1:1 prep",
        }
    }

    /// Every context, in the order the help screen shows them.
    pub const ALL: [Context; 11] = [
        Context::Views,
        Context::People,
        Context::Person,
        Context::Agenda,
        Context::Form,
        Context::Choice,
        Context::Confirm,
        Context::Filter,
        Context::Prep,
        Context::Help,
        Context::Everywhere,
    ];
}

/// One line of the key map.
#[derive(Debug)]
pub struct Binding {
    /// The keys, with the modifiers that matter (Ctrl, Alt). Shift is part of the character.
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub action: Action,
    /// What it does, for the help screen.
    pub help: &'static str,
    /// The short word for the hint bar, or empty to leave it out of the bar.
    pub hint: &'static str,
    pub contexts: &'static [Context],
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

use Context as C;

/// Every key binding, in the order the hint bar and help show them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        label: "Ctrl-c",
        action: Action::ForceQuit,
        help: "quit at once",
        hint: "",
        contexts: &[C::Everywhere],
    },
    Binding {
        keys: &[(KeyCode::Char('l'), CTRL)],
        label: "Ctrl-l",
        action: Action::Redraw,
        help: "draw the whole screen again (if a terminal left stray marks)",
        hint: "",
        contexts: &[C::Everywhere],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        help: "open the selected person",
        hint: "open",
        contexts: &[C::People],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        help: "resolve the selected open promise (with a note), or edit a resolved one",
        hint: "resolve",
        contexts: &[C::Person],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        help: "open the person the promise is with",
        hint: "open",
        contexts: &[C::Agenda],
    },
    Binding {
        keys: &[ch('d')],
        label: "d",
        action: Action::MarkKept,
        help: "mark the selected promise kept (kept late when past its due date); the cursor stays, so d d d works down a list",
        hint: "kept",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('D')],
        label: "D",
        action: Action::MarkKeptLate,
        help: "mark the selected promise kept late",
        hint: "late",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('b')],
        label: "b",
        action: Action::MarkBroken,
        help: "mark the selected promise broken",
        hint: "broken",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('r')],
        label: "r",
        action: Action::Release,
        help: "release the selected promise (dropped by agreement; does not count)",
        hint: "release",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('n')],
        label: "n",
        action: Action::NewPromise,
        help: "new promise with the selected person",
        hint: "promise",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[ch('L')],
        label: "L",
        action: Action::LogKept,
        help: "log a promise that was already kept today",
        hint: "log kept",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[ch('p')],
        label: "p",
        action: Action::NewPerson,
        help: "add a person",
        hint: "add person",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        action: Action::Reopen,
        help: "reopen the selected promise",
        hint: "",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('e')],
        label: "e",
        action: Action::Edit,
        help: "edit the selected person",
        hint: "edit",
        contexts: &[C::People],
    },
    Binding {
        keys: &[ch('e')],
        label: "e",
        action: Action::Edit,
        help: "edit the selected promise",
        hint: "edit",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('E')],
        label: "E",
        action: Action::EditPerson,
        help: "edit this person",
        hint: "",
        contexts: &[C::Person],
    },
    Binding {
        keys: &[ch('x')],
        label: "x",
        action: Action::Delete,
        help: "delete the selected person (asks first)",
        hint: "",
        contexts: &[C::People],
    },
    Binding {
        keys: &[ch('x')],
        label: "x",
        action: Action::Delete,
        help: "delete the selected promise (asks first)",
        hint: "",
        contexts: &[C::Person, C::Agenda],
    },
    Binding {
        keys: &[ch('a')],
        label: "a",
        action: Action::Archive,
        help: "archive the person (or restore an archived one)",
        hint: "",
        contexts: &[C::People, C::Person],
    },
    Binding {
        keys: &[ch('A')],
        label: "A",
        action: Action::ShowArchived,
        help: "show or hide archived people (and, in the agenda, their open promises)",
        hint: "",
        contexts: &[C::People, C::Agenda],
    },
    Binding {
        keys: &[ch('d'), ch('D'), ch('b'), ch('r'), ch('o')],
        label: "d D b r o",
        action: Action::PickPromise,
        help: "act on a promise: open a person (Enter) or the agenda (Tab) first",
        hint: "",
        contexts: &[C::People],
    },
    Binding {
        keys: &[ch('P')],
        label: "P",
        action: Action::Prep,
        help: "the agenda of the next 1:1 with them: what each side owes, what happened since the last prep, what to entrust next",
        hint: "1:1 prep",
        contexts: &[C::Person],
    },
    Binding {
        keys: &[ch('c')],
        label: "c",
        action: Action::Chart,
        help: "show or hide the trust-over-time chart (always shown on tall screens)",
        hint: "",
        contexts: &[C::Person],
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        action: Action::Sort,
        help: "sort by name, level, overdue or last contact (longest ago first)",
        hint: "sort",
        contexts: &[C::People],
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::Filter,
        help: "filter as you type",
        hint: "filter",
        contexts: &[C::People, C::Agenda],
    },
    Binding {
        keys: &[ch('u')],
        label: "u",
        action: Action::Undo,
        help: "undo the last change",
        hint: "undo",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[(KeyCode::Char('r'), CTRL)],
        label: "Ctrl-r",
        action: Action::Redo,
        help: "redo what was undone",
        hint: "",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextView,
        help: "next view (People, Person, Agenda)",
        hint: "view",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        label: "Shift-Tab",
        action: Action::PrevView,
        help: "previous view",
        hint: "",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        label: "j/↓",
        action: Action::Down,
        help: "move down",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        label: "k/↑",
        action: Action::Up,
        help: "move up",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        label: "g",
        action: Action::Top,
        help: "go to the top",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        label: "G",
        action: Action::Bottom,
        help: "go to the bottom",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
        hint: "",
        contexts: &[C::Views, C::Help, C::Prep],
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        action: Action::Back,
        help: "back to where you came from, or clear the filter",
        hint: "back",
        contexts: &[C::Person, C::Agenda, C::People],
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        action: Action::Help,
        help: "this help",
        hint: "help",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[ch('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
        hint: "quit",
        contexts: &[C::Views],
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextField,
        help: "next field",
        hint: "next field",
        contexts: &[C::Form],
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        label: "Shift-Tab",
        action: Action::PrevField,
        help: "previous field",
        hint: "",
        contexts: &[C::Form],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Save,
        help: "save (only when every field is valid); on a field changed elsewhere meanwhile, save yours over it",
        hint: "save",
        contexts: &[C::Form],
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        action: Action::Cancel,
        help: "cancel, saving nothing; on a field changed elsewhere meanwhile, keep that value and save the rest",
        hint: "cancel",
        contexts: &[C::Form],
    },
    Binding {
        keys: &[key(KeyCode::Left), key(KeyCode::Right), ch(' ')],
        label: "←/→ Space",
        action: Action::EditText,
        help: "change the choice (kept, theirs, task, ...); a letter jumps to an option",
        hint: "choose",
        contexts: &[C::Choice],
    },
    Binding {
        keys: &[ch('y'), key(KeyCode::Enter)],
        label: "y/Enter",
        action: Action::Confirm,
        help: "yes, delete",
        hint: "delete",
        contexts: &[C::Confirm],
    },
    Binding {
        keys: &[ch('n'), key(KeyCode::Esc)],
        label: "n/Esc",
        action: Action::Cancel,
        help: "no, keep it",
        hint: "keep",
        contexts: &[C::Confirm],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::ApplyFilter,
        help: "keep the filter and go back to the list",
        hint: "keep filter",
        contexts: &[C::Filter],
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear the filter",
        hint: "clear",
        contexts: &[C::Filter],
    },
    Binding {
        keys: &[ch('w')],
        label: "w",
        action: Action::WritePrep,
        help: "write the prep to prep-HANDLE-DATE.md in the folder the UI was started from (never over a file)",
        hint: "write",
        contexts: &[C::Prep],
    },
    Binding {
        keys: &[ch('y')],
        label: "y",
        action: Action::CopyPrep,
        help: "copy the prep to the clipboard (OSC 52: the terminal must allow it)",
        hint: "copy",
        contexts: &[C::Prep],
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        action: Action::SavePrep,
        help: "record that the 1:1 happened today: the next prep starts here (u undoes)",
        hint: "record",
        contexts: &[C::Prep],
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q')],
        label: "Esc/q",
        action: Action::Cancel,
        help: "close the prep",
        hint: "close",
        contexts: &[C::Prep],
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q'), ch('?')],
        label: "Esc/q/?",
        action: Action::Cancel,
        help: "close the help",
        hint: "close",
        contexts: &[C::Help],
    },
];

/// The keys that matter for matching: Shift is already in the character (and a Shift-Tab
/// arrives as `BackTab`), so only Ctrl and Alt are compared.
fn normalize(event: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    (event.code, mods)
}

/// The action of `event` in the first of `contexts` (most specific first) that binds it.
pub fn action_for(event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
    let pressed = normalize(event);
    contexts.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.contexts.contains(ctx) && b.keys.contains(&pressed))
            .map(|b| b.action)
    })
}

/// The hint bar's entries for these contexts, in key map order: (keys, word), each key once.
pub fn hints(contexts: &[Context]) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| !b.hint.is_empty()) {
        let applies = b.contexts.iter().any(|c| contexts.contains(c));
        if applies && !out.iter().any(|(label, _)| *label == b.label) {
            out.push((b.label, b.hint));
        }
    }
    out
}

/// The help screen's sections: a title and its (keys, help) lines.
pub fn help_sections() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Context::ALL
        .iter()
        .map(|ctx| {
            let lines = BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(ctx))
                .map(|b| (b.label, b.help))
                .collect();
            (ctx.title(), lines)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_same_key_means_what_its_context_says() {
        let enter = press(KeyCode::Enter, NONE);
        assert_eq!(
            action_for(&enter, &[C::Form, C::Everywhere]),
            Some(Action::Save)
        );
        assert_eq!(
            action_for(&enter, &[C::People, C::Views, C::Everywhere]),
            Some(Action::Open)
        );
        let ctrl_c = press(KeyCode::Char('c'), CTRL);
        assert_eq!(
            action_for(&ctrl_c, &[C::Form, C::Everywhere]),
            Some(Action::ForceQuit)
        );
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&shift_g, &[C::Views]), Some(Action::Bottom));
        let ctrl_r = press(KeyCode::Char('r'), CTRL);
        assert_eq!(
            action_for(&ctrl_r, &[C::Person, C::Views]),
            Some(Action::Redo)
        );
        let r = press(KeyCode::Char('r'), NONE);
        assert_eq!(
            action_for(&r, &[C::Person, C::Views]),
            Some(Action::Release)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in Context::ALL {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(&ctx)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn the_hint_bar_comes_from_the_map() {
        let h = hints(&[C::People, C::Views]);
        assert_eq!(h[0], ("Enter", "open"));
        assert!(h.contains(&("p", "add person")));
        assert_eq!(h[1], ("n", "promise"));
        assert!(h.contains(&("L", "log kept")));
        assert!(h.contains(&("?", "help")));
    }
}
