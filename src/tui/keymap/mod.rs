//! The one key map. Key handling, the `?` help screen, the hint bar and `trustladder keys` are
//! all read from a [`Keymap`]: the [defaults](defaults::DEFAULTS) with the config file's keys
//! put in, so what the screen says a key does is what it does, and a rebound key shows as
//! rebound everywhere at once. Actions are named (`undo`, `next_view`): the names are what the
//! config file and `keys --json` use, and stay stable while keys change.

mod build;
pub mod defaults;
pub mod names;
#[cfg(test)]
mod tests;

use ratatui::crossterm::event::KeyEvent;

pub use build::ACTIONS_LISTED;
pub use names::{KeyNameError, Keystroke};

/// Something a key asks for. The update step decides what it means where the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ForceQuit,
    /// Gives the terminal back to the shell and stops, as the terminal's Ctrl-z would.
    Suspend,
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
    /// Says that the keys acting on a promise need one; its keys are theirs.
    PickPromise,
    Undo,
    Redo,
    /// Writes the ledger shown to a new file, while the data file cannot be read.
    KeepCopy,
    /// Opens the messages the status line showed, each in full: one it cut is read there.
    Messages,
    /// The same from a form, where the messages' `m` types text; closing them goes back to
    /// it. An action of its own, so that `messages = "M"` under `[keys]` stays the views'.
    FormMessages,
    NextField,
    PrevField,
    Save,
    Cancel,
    /// Opens the text of the focused field in the user's editor.
    EditInEditor,
    /// Changes a choice field; its keys belong to the form and are not rebound.
    Choose,
    Confirm,
    ApplyFilter,
    ClearFilter,
    /// The agenda of the next 1:1 with the person shown.
    Prep,
    WritePrep,
    CopyPrep,
    SavePrep,
}

impl Action {
    /// Every action, in the order `trustladder keys` and `config init` list them.
    pub const ALL: [Action; 50] = [
        Action::Quit,
        Action::ForceQuit,
        Action::Suspend,
        Action::Help,
        Action::Redraw,
        Action::NextView,
        Action::PrevView,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::Open,
        Action::Back,
        Action::Filter,
        Action::Sort,
        Action::NewPerson,
        Action::NewPromise,
        Action::LogKept,
        Action::MarkKept,
        Action::MarkKeptLate,
        Action::MarkBroken,
        Action::Release,
        Action::Reopen,
        Action::PickPromise,
        Action::Edit,
        Action::EditPerson,
        Action::Delete,
        Action::Archive,
        Action::ShowArchived,
        Action::Chart,
        Action::Prep,
        Action::Undo,
        Action::Redo,
        Action::KeepCopy,
        Action::Messages,
        Action::FormMessages,
        Action::NextField,
        Action::PrevField,
        Action::Save,
        Action::Cancel,
        Action::EditInEditor,
        Action::Choose,
        Action::Confirm,
        Action::ApplyFilter,
        Action::ClearFilter,
        Action::WritePrep,
        Action::CopyPrep,
        Action::SavePrep,
    ];

    /// The action's name in the config file and in `keys --json`.
    pub fn name(self) -> &'static str {
        match self {
            Action::ForceQuit => "force_quit",
            Action::Suspend => "suspend",
            Action::Redraw => "redraw",
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Filter => "filter",
            Action::NextView => "next_view",
            Action::PrevView => "prev_view",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Open => "open",
            Action::Back => "back",
            Action::NewPerson => "new_person",
            Action::Edit => "edit",
            Action::EditPerson => "edit_person",
            Action::NewPromise => "new_promise",
            Action::LogKept => "log_kept",
            Action::MarkKept => "mark_kept",
            Action::MarkKeptLate => "mark_kept_late",
            Action::MarkBroken => "mark_broken",
            Action::Release => "release",
            Action::Reopen => "reopen",
            Action::Delete => "delete",
            Action::Archive => "archive",
            Action::ShowArchived => "show_archived",
            Action::Sort => "sort",
            Action::Chart => "chart",
            Action::PickPromise => "pick_promise",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::KeepCopy => "keep_copy",
            Action::Messages => "messages",
            Action::FormMessages => "form_messages",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::EditInEditor => "edit_in_editor",
            Action::Choose => "choose",
            Action::Confirm => "confirm",
            Action::ApplyFilter => "apply_filter",
            Action::ClearFilter => "clear_filter",
            Action::Prep => "prep",
            Action::WritePrep => "write_prep",
            Action::CopyPrep => "copy_prep",
            Action::SavePrep => "save_prep",
        }
    }

    /// The action of a name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Why the config file cannot set this action's keys, for the ones it cannot.
    pub fn fixed(self) -> Option<&'static str> {
        match self {
            Action::PickPromise => Some(
                "pick_promise takes the keys of mark_kept, mark_kept_late, mark_broken, release and reopen: set those",
            ),
            Action::Choose => {
                Some("choose is the form's own arrows, Space and letters, and is not rebound")
            }
            _ => None,
        }
    }
}

/// Where a binding applies. The update step asks with the contexts of the current screen,
/// most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// A yes-or-no question: before a delete, or before adding a second person of a name
    /// already here.
    Confirm,
    /// While typing a filter after `/`.
    Filter,
    /// The help screen.
    Help,
    /// While typing a search in the help screen after `/`.
    HelpSearch,
    /// The 1:1 prep popup.
    Prep,
    /// The messages popup: what the status line showed, each in full.
    Messages,
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
            Context::Confirm => "Before a delete, or a second person of one name",
            Context::Filter => "While filtering",
            Context::Help => "This help",
            Context::HelpSearch => "While searching this help",
            Context::Prep => "The 1:1 prep",
            Context::Messages => "The messages",
        }
    }

    /// Its name in `trustladder keys` and, for those that have a table, the config file's
    /// `[keys.NAME]`. No name is an action's: `[keys]` holds both, and TOML would read
    /// `help = "?"` and `[keys.help]` as one key given twice.
    pub fn name(self) -> &'static str {
        match self {
            Context::Everywhere => "everywhere",
            Context::Views => "views",
            Context::People => "people",
            Context::Person => "person",
            Context::Agenda => "agenda",
            Context::Form => "form",
            Context::Choice => "choice",
            Context::Confirm => "question",
            Context::Filter => "filtering",
            Context::Help => "help_screen",
            Context::HelpSearch => "help_search",
            Context::Prep => "prep_popup",
            Context::Messages => "messages_popup",
        }
    }

    /// Every context, in the order the help screen shows them.
    pub const ALL: [Context; 13] = [
        Context::Views,
        Context::People,
        Context::Person,
        Context::Agenda,
        Context::Form,
        Context::Choice,
        Context::Confirm,
        Context::Filter,
        Context::Prep,
        Context::Messages,
        Context::Help,
        Context::HelpSearch,
        Context::Everywhere,
    ];

    /// The contexts of each screen, most specific first, as `App::contexts` gives them:
    /// within one of these a key may mean only one thing.
    pub const SCREENS: [&'static [Context]; 10] = [
        &[Context::People, Context::Views, Context::Everywhere],
        &[Context::Person, Context::Views, Context::Everywhere],
        &[Context::Agenda, Context::Views, Context::Everywhere],
        &[Context::Choice, Context::Form, Context::Everywhere],
        &[Context::Confirm, Context::Everywhere],
        &[Context::Filter, Context::Everywhere],
        &[Context::Help, Context::Everywhere],
        &[Context::HelpSearch, Context::Everywhere],
        &[Context::Prep, Context::Everywhere],
        &[Context::Messages, Context::Everywhere],
    ];

    /// Whether this screen's keys go to a text field first, so a key that types or edits text
    /// cannot be bound there.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Form | Context::Choice | Context::Filter | Context::HelpSearch
        )
    }

    /// Whether this context is one of `within`, directly or as one of the views.
    fn is_in(self, within: &[Context]) -> bool {
        within.contains(&self)
            || (within.contains(&Context::Views)
                && matches!(self, Context::People | Context::Person | Context::Agenda))
    }
}

/// How the 1:1 prep's `s` ends its help, naming undo: left out where undo has no key.
const UNDO_TAKES_IT_BACK: &str = " (undo takes it back)";

/// One binding in force: a default's action and words, with the keys in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub action: Action,
    /// The keys; none when the config unbound it.
    pub keys: Vec<Keystroke>,
    pub help: &'static str,
    pub hint: &'static str,
    pub contexts: Vec<Context>,
    /// The config file's line that set these keys, when it set them.
    pub set_at: Option<usize>,
}

impl Bound {
    /// The keys as the screen writes them: `j/↓`, `Ctrl-r`.
    pub fn label(&self) -> String {
        self.keys
            .iter()
            .map(Keystroke::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The keys as the config file writes them.
    pub fn names(&self) -> Vec<String> {
        self.keys.iter().map(Keystroke::name).collect()
    }

    fn applies_in(&self, contexts: &[Context]) -> bool {
        self.contexts.iter().any(|c| contexts.contains(c))
    }

    /// A key that does nothing where it is but say where its action works (`c` on People,
    /// `o` in the agenda): a key pressed in a view without it names the views where the
    /// action is done, not these. `P` on People is no such key: it opens the prep there.
    fn only_points(&self) -> bool {
        matches!(
            (self.action, self.contexts.as_slice()),
            (Action::Chart, [Context::People]) | (Action::Reopen, [Context::Agenda])
        )
    }

    /// A key of a person's page kept in a view where its action cannot be done as there: the
    /// keys that only say where it works, and `P` on People, which opens the prep of the one
    /// selected. See [`Keymap::lent_keys_give_way`].
    fn lent(&self) -> bool {
        self.only_points() || (self.action == Action::Prep && self.contexts == [Context::People])
    }
}

/// One entry of the hint bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Each key as the screen writes it, kept apart so that a bar too narrow for them all
    /// can name the first alone.
    pub keys: Vec<String>,
    pub word: &'static str,
    pub action: Action,
}

impl Hint {
    /// The keys as the bar writes them: `Esc/q`.
    pub fn label(&self) -> String {
        self.keys.join("/")
    }
}

/// The key map in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bound: Vec<Bound>,
}

impl Default for Keymap {
    /// The keys trustladder comes with.
    fn default() -> Keymap {
        let mut map = Keymap::unfinished();
        map.finish();
        map
    }
}

impl Keymap {
    /// The defaults as written, before the keys one action takes from others are added
    /// ([`Keymap::finish`]): a config's keys go in here, so a key added so (the help's `?`
    /// closing it) is added only where the config leaves it free.
    pub(super) fn unfinished() -> Keymap {
        let bound = defaults::DEFAULTS
            .iter()
            .map(|b| Bound {
                action: b.action,
                keys: b.keys.to_vec(),
                help: b.help,
                hint: b.hint,
                contexts: b.contexts.to_vec(),
                set_at: None,
            })
            .collect();
        Keymap { bound }
    }

    /// Every binding, in the order of the hint bar and the help.
    pub fn bound(&self) -> &[Bound] {
        &self.bound
    }

    /// Gives [`Action::PickPromise`] the keys that act on a promise where one is listed, less
    /// any the people view already uses, so pressing one on the people list says what to do.
    fn finish(&mut self) {
        self.lent_keys_give_way();
        const ON_A_PROMISE: [Action; 5] = [
            Action::MarkKept,
            Action::MarkKeptLate,
            Action::MarkBroken,
            Action::Release,
            Action::Reopen,
        ];
        let people = Context::SCREENS[0];
        let taken: Vec<Keystroke> = self
            .bound
            .iter()
            .filter(|b| b.action != Action::PickPromise && b.applies_in(people))
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        let mut keys: Vec<Keystroke> = Vec::new();
        for action in ON_A_PROMISE {
            for b in self.bound.iter().filter(|b| b.action == action) {
                for k in &b.keys {
                    if !taken.contains(k) && !keys.contains(k) {
                        keys.push(*k);
                    }
                }
            }
        }
        for b in self
            .bound
            .iter_mut()
            .filter(|b| b.action == Action::PickPromise)
        {
            b.keys = keys.clone();
        }
        self.popups_close_with_their_keys();
        self.undo_named_only_while_bound();
    }

    /// The 1:1 prep's `s` says undo takes the record back; with undo unbound in every view
    /// (`undo = []`) nothing does, so its help (on the help screen and in `trustladder keys`)
    /// says no more than what it records.
    fn undo_named_only_while_bound(&mut self) {
        if self
            .bound
            .iter()
            .any(|b| b.action == Action::Undo && !b.keys.is_empty())
        {
            return;
        }
        for b in self
            .bound
            .iter_mut()
            .filter(|b| b.action == Action::SavePrep)
        {
            b.help = b.help.strip_suffix(UNDO_TAKES_IT_BACK).unwrap_or(b.help);
        }
    }

    /// The keys a person's page lends the views where its action cannot be done as there (`P`
    /// and `c` on People, which open the prep of the one selected and say where the chart is;
    /// `o` in the agenda, which says where a resolved promise is reopened) give way there to a
    /// key the config gives another action: a config that bound them in that view before they
    /// worked there stays as it was, without a clash.
    fn lent_keys_give_way(&mut self) {
        let cuts: Vec<(usize, Vec<Keystroke>)> = self
            .bound
            .iter()
            .enumerate()
            .filter(|(_, lent)| lent.lent())
            .filter_map(|(i, lent)| {
                let view = *lent.contexts.first()?;
                let screen = Context::SCREENS
                    .into_iter()
                    .find(|s| s.first() == Some(&view))?;
                let taken = self
                    .bound
                    .iter()
                    .filter(|b| b.set_at.is_some() && b.action != lent.action)
                    .filter(|b| b.applies_in(screen))
                    .flat_map(|b| b.keys.iter().copied())
                    .collect();
                Some((i, taken))
            })
            .collect();
        for (i, taken) in cuts {
            self.bound[i].keys.retain(|k| !taken.contains(k));
        }
    }

    /// The keys that open the help close it too, as a popup's own key does (`?` by default,
    /// F1 when the config gives the help F1), unless the help screen uses one for something
    /// else, it works everywhere, or the config sets the keys that close it itself. A key added so was set by the
    /// config line that gave the help that key, which `keys` names. The default `?` is added
    /// here too, not written into the help screen's defaults, so `[keys.help_screen]` can give
    /// it another job as it can any help key. The messages popup closes with its keys so: the
    /// views' (`m`) and the form's (`Ctrl-t`), whichever opened it.
    fn popups_close_with_their_keys(&mut self) {
        self.closes_with_its_keys(&[Action::Help], Context::Help);
        self.closes_with_its_keys(&[Action::Messages, Action::FormMessages], Context::Messages);
    }

    /// Gives the cancel of the popup `popup` the keys of `opens`, the actions that open it,
    /// where the popup leaves them free and the config did not set its cancel.
    fn closes_with_its_keys(&mut self, opens: &[Action], popup: Context) {
        let mut opening: Vec<(Keystroke, Option<usize>)> = opens
            .iter()
            .flat_map(|opens| self.bound.iter().filter(move |b| b.action == *opens))
            .flat_map(|b| b.keys.iter().map(|k| (*k, b.set_at)))
            .collect();
        // A key that works everywhere (force_quit's Ctrl-c) is taken in the popup too: given to
        // the action that opens it, it clashes in the views already, and closing the popup
        // with it would only say that clash a second time, blamed on a cancel never set.
        let taken: Vec<Keystroke> = self
            .bound
            .iter()
            .filter(|b| {
                b.action != Action::Cancel
                    && (b.contexts.contains(&popup) || b.contexts.contains(&Context::Everywhere))
            })
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        let by_default: Vec<Keystroke> = defaults::DEFAULTS
            .iter()
            .filter(|b| opens.contains(&b.action))
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        if let Some(close) = self.bound.iter_mut().find(|b| {
            b.action == Action::Cancel && b.contexts.contains(&popup) && b.set_at.is_none()
        }) {
            // The opening action's default keys first, as the defaults come before the
            // config's (`q/?/F1`).
            opening.sort_by_key(|(k, _)| !by_default.contains(k));
            let mut line = None;
            for (key, set_at) in opening {
                if !taken.contains(&key) && !close.keys.contains(&key) {
                    close.keys.push(key);
                    // A default key closes the popup by default, whichever line opens it so.
                    if !by_default.contains(&key) {
                        line = line.max(set_at);
                    }
                }
            }
            close.set_at = line;
        }
    }

    /// The action of `event` in the first of `contexts` (most specific first) that binds it.
    pub fn action_for(&self, event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
        self.action_of(Keystroke::of(event), contexts)
    }

    fn action_of(&self, pressed: Keystroke, contexts: &[Context]) -> Option<Action> {
        contexts.iter().find_map(|ctx| {
            self.bound
                .iter()
                .find(|b| b.contexts.contains(ctx) && b.keys.contains(&pressed))
                .map(|b| b.action)
        })
    }

    /// The keys of `b` that do its action on the screen of `contexts`, as the screen writes
    /// them (`Tab`, not `Tab/↓`, on a choice field, whose own `↓` changes it): what is named
    /// for an action there is what pressing it does.
    fn labels_doing(&self, b: &Bound, contexts: &[Context]) -> Vec<String> {
        b.keys
            .iter()
            .filter(|k| self.action_of(**k, contexts) == Some(b.action))
            .map(Keystroke::label)
            .collect()
    }

    /// What `event` does in the views other than the one it was pressed in, where it does
    /// nothing: the key as the screen writes it, the action's short word (its hint, else its
    /// name), and the views it works in, so a key that does nothing here can say where it works
    /// rather than nothing. A key that only says where its action works names no view when
    /// another binding of the key does the action. `None` when no other view binds it.
    pub fn elsewhere(&self, event: &KeyEvent) -> Option<(String, &'static str, Vec<Context>)> {
        let pressed = Keystroke::of(event);
        let views = [Context::People, Context::Person, Context::Agenda];
        let bound: Vec<&Bound> = self
            .bound
            .iter()
            .filter(|b| {
                b.action != Action::PickPromise
                    && b.keys.contains(&pressed)
                    && b.contexts.iter().any(|c| views.contains(c))
            })
            .collect();
        let first = bound.first()?;
        let hinted: Vec<&&Bound> = bound.iter().filter(|b| !b.hint.is_empty()).collect();
        let word = hinted.first().map_or(first.action.name(), |b| b.hint);
        let acting: Vec<&&Bound> = bound.iter().filter(|b| !b.only_points()).collect();
        let named: Vec<&&Bound> = if acting.is_empty() {
            bound.iter().collect()
        } else {
            acting
        };
        let works = views
            .into_iter()
            .filter(|v| named.iter().any(|b| b.contexts.contains(v)))
            .collect();
        Some((pressed.label(), word, works))
    }

    /// The keys of `action` where `contexts` are, as the screen writes them (`u`, `Ctrl-r`),
    /// for the messages that name a key; `None` when it has no key there.
    pub fn keys_of(&self, action: Action, contexts: &[Context]) -> Option<String> {
        let labels = self.labels_of(action, contexts);
        (!labels.is_empty()).then(|| labels.join("/"))
    }

    /// Each key of `action` where `contexts` are, as the screen writes it; empty when it has
    /// none there.
    pub fn labels_of(&self, action: Action, contexts: &[Context]) -> Vec<String> {
        contexts
            .iter()
            .find_map(|ctx| {
                self.bound
                    .iter()
                    .find(|b| b.action == action && b.contexts.contains(ctx) && !b.keys.is_empty())
                    .map(|b| b.keys.iter().map(Keystroke::label).collect())
            })
            .unwrap_or_default()
    }

    /// The first key of `action` where `contexts` are (`j` of `j/↓`), for sentences that name
    /// one key; `None` when it has no key there. The first of `contexts` that says anything of
    /// the action decides: one that unbinds it (`[keys.help_screen] filter = []`) is not
    /// answered with the key it has in a view behind.
    pub fn key_of(&self, action: Action, contexts: &[Context]) -> Option<String> {
        contexts
            .iter()
            .find_map(|ctx| {
                self.bound
                    .iter()
                    .find(|b| b.action == action && b.contexts.contains(ctx))
                    .map(|b| b.keys.first().map(Keystroke::label))
            })
            .flatten()
    }

    /// Every key of `action` where `contexts` are, as the hint bar writes them (`Esc/q`), the
    /// binding found as [`Keymap::key_of`] finds it: for a popup's own line of keys, which
    /// names the keys the hint bar under it names. `None` when it has no key there. On the
    /// screen of the first of `contexts` (up to its `Everywhere`), a key the screen gives
    /// another action first is left out, as the hint bar leaves it out.
    pub fn label_of(&self, action: Action, contexts: &[Context]) -> Option<String> {
        let labels = self.label_parts_of(action, contexts);
        (!labels.is_empty()).then(|| labels.join("/"))
    }

    /// Each key of [`Keymap::label_of`], apart, for a popup's border, which names the first
    /// alone where it has not the room for them all; empty when it has no key there.
    pub fn label_parts_of(&self, action: Action, contexts: &[Context]) -> Vec<String> {
        let screen = contexts
            .iter()
            .position(|c| *c == Context::Everywhere)
            .map_or(contexts, |end| &contexts[..=end]);
        contexts
            .iter()
            .find_map(|ctx| {
                self.bound
                    .iter()
                    .find(|b| b.action == action && b.contexts.contains(ctx))
                    .map(|b| {
                        if screen.contains(ctx) {
                            self.labels_doing(b, screen)
                        } else {
                            b.keys.iter().map(Keystroke::label).collect()
                        }
                    })
            })
            .unwrap_or_default()
    }

    /// The hint bar's entries for these contexts, each key once: in a view the keys used most
    /// there first ([`defaults::BY_USE`]), the others in key map order, and the help's key
    /// last, where the bar keeps it whatever its width. Each names the keys that do its action
    /// there: a choice field's `↓` changes it, and is not named as the form's next field.
    pub fn hints(&self, contexts: &[Context]) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        for b in self
            .bound
            .iter()
            .filter(|b| !b.hint.is_empty() && !b.keys.is_empty())
        {
            let keys = self.labels_doing(b, contexts);
            if b.applies_in(contexts) && !keys.is_empty() && !out.iter().any(|h| h.keys == keys) {
                out.push(Hint {
                    keys,
                    word: b.hint,
                    action: b.action,
                });
            }
        }
        let by_use: &[Action] = contexts
            .iter()
            .find_map(|ctx| defaults::BY_USE.iter().find(|(c, _)| c == ctx))
            .map_or(&[], |(_, order)| order);
        out.sort_by_key(|h| {
            let rank = by_use.iter().position(|a| *a == h.action);
            (h.action == Action::Help, rank.unwrap_or(by_use.len()))
        });
        out
    }

    /// The help screen's sections: a title and its (keys, help) lines; unbound actions are
    /// left out.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        Context::ALL
            .iter()
            .map(|ctx| {
                let lines = self
                    .bound
                    .iter()
                    .filter(|b| b.contexts.contains(ctx) && !b.keys.is_empty())
                    .map(|b| (b.label(), b.help))
                    .collect();
                (ctx.title(), lines)
            })
            .collect()
    }
}
