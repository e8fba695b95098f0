//! The model: everything the screen shows, and nothing about how it is drawn.
//!
//! Scores and row lists are computed once after each change or reload and kept here, so a key
//! press only moves an index and a redraw only reads; with a hundred thousand promises that is
//! the difference between instant and sluggish.
//!
//! The `App` itself is here; its parts each have a file: the popups over a view (`popups`),
//! a list's rows and selection (`rows`), and what is worked out once per change (`scores`).

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::draft::{self, Draft, Drafts};
use super::forms::{Form, FormKeys};
use super::history::History;
use super::keymap::{Context, Keymap};
use super::message_log::MessageLog;
use super::theme::Theme;
use crate::config::Defaults;
use crate::core::ladder;
use crate::core::text::{MarkFree, folded};
use crate::core::touch::Overdue;
use crate::core::{Direction, Ledger, PersonId, Promise, PromiseId, Status};
use crate::store::Store;

mod popups;
mod rows;
mod scores;

pub use popups::*;
pub use rows::*;
pub use scores::*;

/// How many characters of a dropped draft's name the status line gives: the rest of the
/// sentence must fit on two lines of 80 columns.
const DROPPED_NAMED_MOST: usize = 32;

/// The three views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    People,
    Person,
    Agenda,
}

/// How the people table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    /// Highest trust level first.
    Level,
    /// Most overdue promises first.
    Overdue,
    /// Longest since anything was logged with them first.
    Contact,
}

impl Sort {
    /// The next order `s` switches to.
    pub fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Level,
            Sort::Level => Sort::Overdue,
            Sort::Overdue => Sort::Contact,
            Sort::Contact => Sort::Name,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Level => "level",
            Sort::Overdue => "overdue",
            Sort::Contact => "last contact",
        }
    }
}

/// The status line: what just happened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
    /// Said about one place (a view, and the person shown): gone when the person leaves it.
    pub only_in: Option<(View, Option<PersonId>)>,
    /// What it says where the whole would be cut: its less needed sentence shortened
    /// ("Reloaded." beside a form's refusal), rather than cut in the middle. The messages
    /// (`m`) keep the whole.
    pub short: Option<String>,
}

/// The whole state of the UI.
#[derive(Debug)]
pub struct App {
    /// The ledger as last saved or read. Only messages replace it: `update` never reads the
    /// disk; every change goes out as an effect and comes back as the ledger it saved.
    pub ledger: Arc<Ledger>,
    /// The data file's name, for the title bar.
    pub file_name: String,
    /// Where `w` writes a 1:1 prep: the folder the UI was started from.
    pub out_dir: PathBuf,
    /// Why changes are refused, when the file is read-only.
    pub read_only: Option<String>,
    /// The failure of the last look for outside changes, while it keeps failing the same way.
    pub reload_failing: Option<String>,
    /// Changes sent to be saved whose outcome has not come back yet.
    pub saving: usize,
    /// Undo (`true`) and redo presses made while a save was under way, taken in turn as the
    /// saves come back; a failed save drops them, since what they would undo is in doubt.
    pub queued_undos: std::collections::VecDeque<bool>,
    /// Changes refused while undos waited their turn (`d u d`): said again once the undos are
    /// done, as the status line that said so at the time has moved on.
    pub refused_behind_undo: usize,
    /// The last complaint made while a save was under way (`d d d`, the third refused): the
    /// save's outcome, coming back after it, keeps it in front rather than saying over it.
    pub complained_while_saving: Option<String>,
    /// Keys pressed and text pasted while the open form was saving ([`super::message::Message::Key`]
    /// and [`super::message::Message::Paste`]), meant for what comes after it: done in order
    /// once it is saved (and the form closed), dropped and said if it is not.
    pub typed_meanwhile: Vec<super::message::Message>,
    /// A change that failed while others were still being saved, in a few words: the next
    /// one's outcome says it too, so that "#19 kept" never hides that #18 was not.
    pub unsaved_meanwhile: Option<String>,
    /// The day the UI acts as if it were (fixed in tests and with `--today`).
    pub today: NaiveDate,
    pub theme: Theme,
    /// The keys in force: dispatch, the help and the hint bar all read them from here.
    pub keys: Keymap,
    /// The defaults the config file can change: where the agenda's week ends, the default
    /// keep-in-touch cadence.
    pub defaults: Defaults,
    /// The config's `mouse`: when it is off, clicks and the wheel are ignored, as the terminal
    /// may report them anyway (another program left mouse reporting on).
    pub mouse: bool,
    pub view: View,
    /// Where `Esc` goes from the person view.
    pub came_from: View,
    /// Where `Esc` goes from the agenda: the view it was entered from (the page of the person
    /// shown, or People); People once Esc has come back into it from a person's page.
    pub agenda_from: View,
    pub popup: Option<Popup>,
    /// What was typed in each form closed with Esc (the last few), kept until the same form
    /// opens again (it comes back then) so that a reflexive Esc loses no typing.
    pub drafts: Drafts,
    /// What the form on screen showed as it came back from a draft: closed again with
    /// nothing changed, the draft is dropped.
    pub came_back: Option<Vec<String>>,
    /// The `/` filter on the people and agenda lists (names, roles, handles, promise texts).
    pub filter: String,
    /// True while `/` is taking keys.
    pub filtering: bool,
    /// The filter as it is typed, with its cursor; `filter` follows its text.
    pub filter_editor: super::editor::LineEditor,
    /// The `/` filter on the person view's promises (what they say, their notes), apart from
    /// the lists' filter: opening someone from a filtered list shows all their promises, and
    /// Esc on their page clears only this. Opening another person clears it.
    pub promise_filter: super::editor::LineEditor,
    pub sort: Sort,
    /// Archived people are listed too, so they can be restored.
    pub show_archived: bool,
    /// The day shown is a past one given with `--today`: the levels, figures and the prep
    /// are those of the ledger as it stood then ([`crate::core::Ledger::shown_on`]).
    pub looking_back: bool,
    /// Whether `c` showed or hid the person view's chart; until it is pressed, the screen's
    /// height decides (see `views::chart_shown`). The choice stays when the window is
    /// resized: a chart hidden stays hidden.
    pub chart: Option<bool>,
    /// The chart gave way to the person view's filter (see `Action::Filter`): clearing the
    /// filter brings it back.
    pub chart_gave_way: bool,
    /// The person whose page was left for a list whose filter hides them, and the row the
    /// cursor was on then: clearing the filter puts the cursor on them, unless it was moved.
    pub reselect: Option<(PersonId, Option<PersonId>)>,
    /// A promise changed here that the filter of the view it was changed in hides, that view,
    /// and the row the cursor was on then: clearing the filter puts the cursor on it, unless
    /// it was moved, as [`App::reselect`] does for a person.
    pub reselect_promise: Option<(View, PromiseId, Option<PromiseId>)>,
    pub status: StatusLine,
    /// How many messages were put on the status line so far: the log tells a message said
    /// again from one left standing by it.
    pub said: u64,
    /// What the status line said since the last key (the outcome of the change it made, "#19
    /// added for Ana Ruiz."), other than an error: a reload that finds no more than the file
    /// changed elsewhere says so after it, where it had said over it before it was read; with
    /// its short form, which the reload's own short form starts with.
    pub said_since_key: Option<StatusLine>,
    /// The last messages the status line showed, for the messages popup: one the line cut,
    /// or the next replaced, is read there in full.
    pub messages: MessageLog,
    /// This session's changes, for undo and redo.
    pub history: History,
    /// Set when the person asked to leave; the run loop then restores the terminal, once the
    /// changes sent are saved.
    pub quit: bool,
    /// Set by a quit key pressed while forms closed with Esc still hold what was typed: said,
    /// and the same key pressed next quits; any other key lets it go.
    pub quit_asked: bool,
    /// Set by Ctrl-l: the run loop clears the terminal and draws everything again.
    pub redraw: bool,
    /// Promises marked from a list (`d`, `D`, `b`, `r`) whose save has not come back yet. Keys
    /// typed in a burst arrive before the first save does, so the next such key skips these
    /// rather than marking the same promise twice: `d d d` marks three promises however fast
    /// it is typed.
    pub triaging: Vec<PromiseId>,
    /// The terminal's size as last reported (`None` until it is): below the views' minimum
    /// only quitting works, as only a message is drawn.
    pub screen: Option<(u16, u16)>,
    /// Set by Ctrl-c: leave at once, giving up a save still waiting for another process's
    /// lock (a save that is writing still completes).
    pub quit_now: bool,
    /// Why each change that failed to save after the person asked to leave was not saved:
    /// the status line is not drawn again, so the UI says it when it has closed, and exits
    /// with 1.
    pub unsaved_at_quit: Vec<String>,
    /// Why each change that failed to save was not saved (named as in `unsaved_at_quit`),
    /// until a key is pressed after it: an idle lock puts the UI away with the status line that
    /// said it, so these are said again once it is unlocked, or when the UI is left from the
    /// lock screen (and it exits with 1).
    pub unsaved_unseen: Vec<String>,
    /// How far the help can scroll at the size it was last drawn: only the view knows how its
    /// lines wrap, so it records the limit here (as the lists record their offsets) and
    /// `update` keeps the scroll within it.
    pub help_max: Cell<u16>,
    /// The line at which each unit of the help (a heading, an entry) started as it was last
    /// drawn, and the line after its end: what [`HelpScroll`] is counted in.
    pub help_starts: RefCell<Vec<u16>>,
    /// Where the last frame drew the tabs and rows, for clicks.
    pub regions: Regions,
    pub cache: Cache,
    /// The people view's rows: active colleagues (and archived ones on request), filtered
    /// and sorted.
    pub people: Rows<PersonId>,
    /// The person the person view shows.
    pub person: Option<PersonId>,
    /// The person view's promises: open first by due date, then resolved newest first.
    pub promises: Rows<PromiseId>,
    /// The agenda's rows: open promises by due-date group, filtered.
    pub agenda: Rows<AgendaRow>,
    /// The colleagues past their keep-in-touch cadence that the filter picks, as the agenda's
    /// box lists them.
    pub touch: Vec<Overdue>,
}

impl App {
    /// A UI on the ledger `store` holds, acting as if it were `today`. The store itself
    /// stays with whoever carries out the UI's effects.
    pub fn new(store: &Store, today: NaiveDate, theme: Theme) -> App {
        App::configured(store, today, theme, Keymap::default(), Defaults::default())
    }

    /// [`App::new`] with the config file's keys and defaults from the start, so the ledger is
    /// scored once, as they say.
    pub fn configured(
        store: &Store,
        today: NaiveDate,
        theme: Theme,
        keys: Keymap,
        defaults: Defaults,
    ) -> App {
        let file_name = store
            .path()
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut app = App::scored(App::blank(
            store.shared(),
            file_name,
            today,
            theme,
            keys,
            defaults,
        ));
        app.out_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        app.read_only = store.read_only();
        if let Some(reason) = app.read_only.clone() {
            app.complain(format!(
                "Read-only: {reason}. Look around freely; changes are refused."
            ));
        }
        app
    }

    /// A UI on `ledger`, wherever it is kept; `file_name` is shown in the title bar.
    pub fn on(ledger: Arc<Ledger>, file_name: String, today: NaiveDate, theme: Theme) -> App {
        App::scored(App::blank(
            ledger,
            file_name,
            today,
            theme,
            Keymap::default(),
            Defaults::default(),
        ))
    }

    /// The model before anything is computed from the ledger.
    fn blank(
        ledger: Arc<Ledger>,
        file_name: String,
        today: NaiveDate,
        theme: Theme,
        keys: Keymap,
        defaults: Defaults,
    ) -> App {
        App {
            ledger,
            file_name,
            out_dir: PathBuf::from("."),
            read_only: None,
            reload_failing: None,
            saving: 0,
            queued_undos: std::collections::VecDeque::new(),
            refused_behind_undo: 0,
            complained_while_saving: None,
            typed_meanwhile: Vec::new(),
            unsaved_meanwhile: None,
            today,
            theme,
            keys,
            defaults,
            mouse: false,
            view: View::People,
            came_from: View::People,
            agenda_from: View::People,
            popup: None,
            drafts: Drafts::default(),
            came_back: None,
            filter: String::new(),
            filtering: false,
            filter_editor: super::editor::LineEditor::default(),
            promise_filter: super::editor::LineEditor::default(),
            sort: Sort::Name,
            show_archived: false,
            looking_back: false,
            chart: None,
            chart_gave_way: false,
            reselect: None,
            reselect_promise: None,
            status: StatusLine::default(),
            said: 0,
            said_since_key: None,
            messages: MessageLog::default(),
            history: History::default(),
            quit: false,
            quit_asked: false,
            redraw: false,
            triaging: Vec::new(),
            quit_now: false,
            unsaved_at_quit: Vec::new(),
            unsaved_unseen: Vec::new(),
            screen: None,
            help_max: Cell::new(u16::MAX),
            help_starts: RefCell::new(Vec::new()),
            regions: Regions::default(),
            cache: Cache::default(),
            people: Rows::default(),
            person: None,
            promises: Rows::default(),
            agenda: Rows::default(),
            touch: Vec::new(),
        }
    }

    /// `app` with its welcome line and everything computed from its ledger.
    fn scored(mut app: App) -> App {
        app.status.text = app.welcome();
        app.rebuild();
        app
    }

    /// The contexts to look a key up in for a sentence: the screen's, then the view's, then
    /// any, so a sentence can name a key of another screen ("Enter saves").
    fn key_contexts(&self) -> Vec<Context> {
        let mut contexts = self.contexts();
        contexts.extend(self.view_contexts());
        contexts.extend(Context::ALL);
        contexts
    }

    /// Where the keys of the view shown are found, popups aside: what quits below the
    /// minimum size, where only quitting works.
    pub fn view_contexts(&self) -> [Context; 3] {
        let view = match self.view {
            View::People => Context::People,
            View::Person => Context::Person,
            View::Agenda => Context::Agenda,
        };
        [view, Context::Views, Context::Everywhere]
    }

    /// How the screen writes the first key of `action` where the person is (else in the
    /// views, or anywhere), for the sentences that name a key; `None` when nothing binds it
    /// (`undo = []`): a sentence that would name it is then left out, rather than name the
    /// action as if it were a key.
    pub fn bound_key(&self, action: super::keymap::Action) -> Option<String> {
        self.keys.key_of(action, &self.key_contexts())
    }

    /// Every key of `action` where the person is, as the hint bar writes them (`Esc/q`), for
    /// a popup's own line of keys; `None` when nothing binds it.
    pub fn bound_keys(&self, action: super::keymap::Action) -> Option<String> {
        self.keys.label_of(action, &self.key_contexts())
    }

    /// Each of [`App::bound_keys`] apart, for a popup's border too narrow to name them all.
    pub fn bound_labels(&self, action: super::keymap::Action) -> Vec<String> {
        self.keys.label_parts_of(action, &self.key_contexts())
    }

    /// The keys a form's messages name, as the key map in force has them; its key that adds
    /// a person is the view's under the form, where it is pressed once the form is closed.
    pub fn form_keys(&self) -> FormKeys {
        FormKeys::of(&self.keys, &self.view_contexts())
    }

    /// The clause `say` makes of the key of `action` (`; Ctrl-c quits now`), or nothing when
    /// nothing binds it: the sentence then reads whole without it.
    pub fn if_bound(
        &self,
        action: super::keymap::Action,
        say: impl FnOnce(&str) -> String,
    ) -> String {
        self.bound_key(action)
            .map_or_else(String::new, |key| say(&key))
    }

    /// ` {key} {what}` (a sentence that names the key), or nothing when nothing binds
    /// `action`.
    pub fn key_says(&self, action: super::keymap::Action, what: &str) -> String {
        self.bound_key(action)
            .map_or_else(String::new, |key| format!(" {key} {what}"))
    }

    /// Every key of `action`, as [`App::bound_key`] finds it, in words: `d, D, b, r and o`.
    pub fn keys_for(&self, action: super::keymap::Action) -> String {
        match self.keys.labels_of(action, &self.key_contexts()).as_slice() {
            [] => action.name().to_string(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    /// The first line of the status bar, naming the keys in force: how to begin on an empty
    /// ledger, where the keys are listed on one in use.
    fn welcome(&self) -> String {
        match self.first_keys() {
            Some(keys) if self.ledger.people.is_empty() => format!("Welcome. {keys}"),
            Some(keys) => keys,
            None if self.ledger.people.is_empty() => "Welcome.".to_string(),
            None => String::new(),
        }
    }

    /// The keys a first look needs, as a sentence: the one that adds a person while there is
    /// none, and the help's.
    pub(super) fn first_keys(&self) -> Option<String> {
        use super::keymap::Action;
        let help = self.bound_key(Action::Help);
        let add = (self.ledger.people.is_empty())
            .then(|| self.bound_key(Action::NewPerson))
            .flatten();
        match (add, help) {
            (Some(add), Some(help)) => {
                Some(format!("{add} adds a person, {help} lists every key."))
            }
            (Some(add), None) => Some(format!("{add} adds a person.")),
            (None, Some(help)) => Some(format!("{help} lists every key.")),
            (None, None) => None,
        }
    }

    /// Puts in the keys and defaults of the config file, rescoring only if the defaults change
    /// what is shown.
    pub fn configure(&mut self, keys: Keymap, defaults: Defaults) {
        let welcome = self.status.text == self.welcome();
        self.keys = keys;
        if welcome {
            self.status.text = self.welcome();
        }
        if defaults != self.defaults {
            self.defaults = defaults;
            self.rebuild();
        }
    }

    /// The ledger as last loaded or saved.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Puts what happened on the status line, where it stays until the next message; one
    /// about this view only is [`App::say_here`].
    pub fn say(&mut self, text: impl Into<String>) {
        self.put_status(StatusLine {
            text: text.into(),
            error: false,
            only_in: None,
            short: None,
        });
    }

    /// Says `text`, or `short` where the whole would be cut (see [`StatusLine::short`]).
    pub fn say_short(&mut self, text: impl Into<String>, short: impl Into<String>) {
        self.put_status(StatusLine {
            text: text.into(),
            error: false,
            only_in: None,
            short: Some(short.into()),
        });
    }

    /// Says something true only where the person is now (how to clear this view's filter):
    /// it goes when they move to another view or person.
    pub fn say_here(&mut self, text: impl Into<String>) {
        self.put_status(StatusLine {
            text: text.into(),
            error: false,
            only_in: Some((self.view, self.person)),
            short: None,
        });
    }

    /// Puts `status` on the status line, counting it as said (see [`App::note_status`]).
    fn put_status(&mut self, status: StatusLine) {
        self.said_since_key = (!status.error).then(|| status.clone());
        self.status = status;
        self.said = self.said.wrapping_add(1);
    }

    /// Keeps in the log what the status line shows now, if it is new or was said again since
    /// it was last noted. `update` notes it as it starts, for what was said outside it (the
    /// welcome, the config file's problems), and as it ends, for what it said: a message said
    /// and replaced within one update was never on screen.
    pub fn note_status(&mut self) {
        self.messages.note(&self.status, self.said);
    }

    /// Puts `form` on screen; where the same form was closed with Esc after typing, with what
    /// was typed laid over it.
    pub fn open_form(&mut self, mut form: Form) {
        self.came_back = None;
        if let Some(draft) = self.drafts.take(&form) {
            draft.lay_over(&mut form);
            // The key that cancels a form now, as the draft was kept by it: Esc may be
            // rebound.
            let key = self.form_keys().cancel;
            self.say(format!(
                "{}: what you typed before {key} is back.",
                form.title
            ));
            self.came_back = Some(draft::shown(&form));
        }
        self.popup = Some(Popup::Form(form));
    }

    /// Closes `form` with Esc, keeping what was typed in it for when it opens again (beside
    /// the drafts of other forms, the oldest dropped past a handful), and says so; a form that
    /// came back from Esc and is closed again unchanged drops it.
    pub fn cancel_form(&mut self, form: Form) {
        let came_back = self.came_back.take();
        // Where the whole would be cut (a person's page at 60 columns), what matters of it:
        // whether the typing is kept. Most often kept, the oldest draft's drop and the
        // reasons read with `m`.
        let mut short = "cancelled; what you typed is kept.";
        let text = match Draft::of(&form) {
            Some(_) if came_back.is_some_and(|shown| shown == draft::shown(&form)) => {
                short = "cancelled; what was typed is dropped.";
                "cancelled, nothing saved; what was typed is dropped.".to_string()
            }
            // Its record deleted elsewhere, the form never opens again: a draft of it would
            // only take the place of one that can.
            Some(_) if form.target_gone(&self.ledger) => {
                short = "closed; its record was deleted elsewhere.";
                "closed, nothing saved, as its record was deleted elsewhere.".to_string()
            }
            // Its person deleted elsewhere, a new promise never opens for them again: what
            // was typed comes back in the next one, whoever it is for.
            Some(typed) if form.opened_for_deleted(&self.ledger) => {
                let kept = match self.drafts.keep(&form, typed.for_anyone()) {
                    Some(dropped) => format!(
                        " ({} drafts at most; dropped the oldest: {})",
                        draft::KEPT,
                        crate::core::text::cut(dropped.named(), DROPPED_NAMED_MOST),
                    ),
                    None => String::new(),
                };
                format!(
                    "cancelled, nothing saved; the next {}, whoever it is for, brings back \
                     what you typed{kept}.",
                    form.next_of_kind()
                )
            }
            Some(typed) => {
                // A promise resolved elsewhere opens its edit form, not this one, until it is
                // reopened: the draft waits for that, and the sentence says so.
                let reopen = super::keymap::Action::Reopen;
                let resolved = form.resolved_elsewhere(&self.ledger).map(|p| {
                    let reopen = self.if_bound(reopen, |k| format!(" ({k} reopens it)"));
                    format!(
                        "#{} was marked {} elsewhere, so what you typed comes back once it is \
                         reopened{reopen}",
                        p.id,
                        p.status.label()
                    )
                });
                match (self.drafts.keep(&form, typed), resolved) {
                    (None, Some(resolved)) => format!("cancelled, nothing saved; {resolved}."),
                    // Short enough for two lines of 80 columns, with the draft dropped named
                    // (cut: a long name pushed out the end of the sentence).
                    (Some(dropped), resolved) => format!(
                        "cancelled, nothing saved; {} ({} drafts at most; dropped the oldest: {}).",
                        resolved.unwrap_or_else(
                            || "what you typed comes back when it opens again".to_string()
                        ),
                        draft::KEPT,
                        crate::core::text::cut(dropped.named(), DROPPED_NAMED_MOST),
                    ),
                    (None, None) => {
                        "cancelled, nothing saved; opened again, it brings back what you typed."
                            .to_string()
                    }
                }
            }
            None => {
                short = "cancelled, nothing saved.";
                short.to_string()
            }
        };
        self.say_short(
            format!("{}: {text}", form.title),
            format!("{}: {short}", form.title),
        );
    }

    /// Says what went wrong.
    pub fn complain(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.saving > 0 {
            self.complained_while_saving = Some(text.clone());
        }
        self.put_status(StatusLine {
            text,
            error: true,
            only_in: None,
            short: None,
        });
    }

    /// Whether what is open holds typing not saved yet: a form, or the question raised over
    /// one ("Same name") or the messages opened from one, which go back to it. There a `q` may be meant as text, so only the
    /// force-quit key quits while the window is too small.
    pub fn holds_typing(&self) -> bool {
        match &self.popup {
            Some(Popup::Form(_)) => true,
            Some(Popup::Confirm(confirm)) => confirm.form.is_some(),
            Some(Popup::Messages(messages)) => messages.over.is_some(),
            _ => false,
        }
    }

    /// The form open, on screen or under the messages opened from it: either way it follows
    /// the file, the day and the numbers, so that closing the messages finds it up to date.
    pub fn form_in_hand(&self) -> Option<&Form> {
        match &self.popup {
            Some(Popup::Form(form)) => Some(form),
            Some(Popup::Messages(MessagesPopup {
                over: Some(form), ..
            })) => Some(form),
            _ => None,
        }
    }

    /// [`App::form_in_hand`], to change.
    pub fn form_in_hand_mut(&mut self) -> Option<&mut Form> {
        match &mut self.popup {
            Some(Popup::Form(form)) => Some(form),
            Some(Popup::Messages(MessagesPopup {
                over: Some(form), ..
            })) => Some(form),
            _ => None,
        }
    }

    /// Whether the terminal is below the size the views need, so the screen shows only a
    /// message and keys other than quit would act unseen.
    pub fn too_small(&self) -> bool {
        use super::views::{MIN_HEIGHT, MIN_WIDTH};
        self.screen
            .is_some_and(|(width, height)| width < MIN_WIDTH || height < MIN_HEIGHT)
    }

    /// The key map contexts of the current screen, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.popup {
            // While its save is under way, a form takes none of its keys: they wait for the
            // outcome, which decides what they do. Only the keys that act anywhere act at
            // once, and so the hint bar offers no other.
            Some(Popup::Form(form)) if form.saving => vec![Context::Everywhere],
            Some(Popup::Form(form)) => {
                // A choice of nothing (no one left to choose) offers no key to change it.
                let on_choice = form.fields.get(form.focus).is_some_and(|f| {
                    matches!(&f.value, super::forms::Value::Choice { options, .. } if !options.is_empty())
                });
                if on_choice {
                    vec![Context::Choice, Context::Form, Context::Everywhere]
                } else {
                    vec![Context::Form, Context::Everywhere]
                }
            }
            Some(Popup::Confirm(_)) => vec![Context::Confirm, Context::Everywhere],
            Some(Popup::Help(help)) if help.typing => {
                vec![Context::HelpSearch, Context::Everywhere]
            }
            Some(Popup::Help(_)) => vec![Context::Help, Context::Everywhere],
            Some(Popup::Prep(_)) => vec![Context::Prep, Context::Everywhere],
            Some(Popup::Messages(_)) => vec![Context::Messages, Context::Everywhere],
            None if self.filtering => vec![Context::Filter, Context::Everywhere],
            None => {
                let view = match self.view {
                    View::People => Context::People,
                    View::Person => Context::Person,
                    View::Agenda => Context::Agenda,
                };
                vec![view, Context::Views, Context::Everywhere]
            }
        }
    }

    /// What the scores are computed on besides the ledger, as the UI stands.
    pub fn basis(&self) -> Basis {
        Basis {
            today: self.today,
            defaults: self.defaults,
            show_archived: self.show_archived,
            looking_back: self.looking_back,
        }
    }

    /// Recomputes every score and row list from the ledger, here: at start, on a new day,
    /// when the config's defaults change, and after a save or reload whose scores were
    /// computed on another basis. A save or reload brings its scores along
    /// ([`App::take_scores`]); no key rescores.
    pub fn rebuild(&mut self) {
        let scores = Scores::of(&self.ledger, self.basis());
        self.install(scores);
    }

    /// Takes the scores a save or reload computed with the ledger it brought back (which must
    /// be the ledger now shown), or computes them here if the UI's basis changed meanwhile
    /// (the day turned, archived people were shown or hidden). Returns the scores shown until
    /// then when it took the new ones, for the caller to let go of off the UI's thread.
    pub fn take_scores(&mut self, scores: Arc<Scores>) -> Option<Scores> {
        if scores.basis == self.basis() {
            Some(self.install(Arc::unwrap_or_clone(scores)))
        } else {
            self.rebuild();
            None
        }
    }

    /// Puts `scores` in place of those shown, and returns those (with `scores`' basis).
    fn install(&mut self, mut scores: Scores) -> Scores {
        let cache = &mut self.cache;
        std::mem::swap(&mut cache.reviews, &mut scores.reviews);
        std::mem::swap(&mut cache.by_person, &mut scores.by_person);
        std::mem::swap(&mut cache.archived_open, &mut scores.archived_open);
        std::mem::swap(&mut cache.contacts, &mut scores.contacts);
        std::mem::swap(&mut cache.touch, &mut scores.touch);
        std::mem::swap(&mut cache.people_text, &mut scores.people_text);
        std::mem::swap(&mut cache.by_name, &mut scores.by_name);
        std::mem::swap(&mut cache.named_alike, &mut scores.named_alike);
        std::mem::swap(&mut cache.first_names, &mut scores.first_names);
        std::mem::swap(&mut cache.agenda, &mut scores.agenda);
        std::mem::swap(&mut cache.agenda_text, &mut scores.agenda_text);
        cache.rebuilds += 1;
        if self
            .person
            .is_some_and(|id| self.ledger.person(id).is_none())
        {
            self.person = None;
        }
        if self.person.is_none() && self.view == View::Person {
            self.view = View::People;
        }
        self.refilter();
        self.rebuild_person();
        scores
    }

    /// Shows or hides the agenda's promises of archived people: only the agenda's rows are
    /// computed again, not the scores, which do not depend on it.
    pub fn toggle_archived(&mut self) {
        self.show_archived = !self.show_archived;
        let (agenda, agenda_text) =
            agenda_rows(&self.ledger, self.basis(), &self.cache.people_text);
        self.cache.agenda = agenda;
        self.cache.agenda_text = agenda_text;
        self.refilter();
    }

    /// Rebuilds the people and agenda rows for the current filter and order; cheap next to
    /// scoring, so it runs as the filter is typed.
    pub fn refilter(&mut self) {
        let ledger = &self.ledger;
        let needle = Needle::of(&self.filter);
        let texts = &self.cache.people_text;
        // In name order already; a sort by another key below keeps it among equals.
        let mut people: Vec<&crate::core::Person> = (self.cache.by_name.iter())
            .filter_map(|id| ledger.person(*id))
            .filter(|p| self.show_archived || !p.archived)
            .filter(|p| needle.finds_in(texts.get(&p.id)))
            .collect();
        let reviews = &self.cache.reviews;
        let level = |id: PersonId| reviews.get(&id).and_then(|r| r.theirs.trust_level);
        let overdue = |id: PersonId| reviews.get(&id).map_or(0, |r| r.overdue);
        let contacts = &self.cache.contacts;
        let last = |id: PersonId| contacts.get(&id).map(|c| c.day);
        match self.sort {
            Sort::Name => {}
            Sort::Level => people.sort_by_key(|p| std::cmp::Reverse(level(p.id))),
            Sort::Overdue => people.sort_by_key(|p| std::cmp::Reverse(overdue(p.id))),
            Sort::Contact => people.sort_by_key(|p| last(p.id)),
        }
        let ids = people.iter().map(|p| p.id).collect();
        self.people.replace(ids);

        let rows: Vec<AgendaRow> = if needle.is_empty() {
            self.cache.agenda.clone()
        } else {
            (self.cache.agenda.iter())
                .zip(&self.cache.agenda_text)
                .filter(|(_, searched)| needle.finds_in(Some(searched)))
                .map(|(row, _)| *row)
                .collect()
        };
        // By promise: one whose due date changed elsewhere, moving it to another group,
        // stays selected.
        self.agenda.replace_by(rows, |(_, id)| *id);
        // The colleagues past their cadence by the same text as the people list.
        self.touch = self
            .cache
            .touch
            .iter()
            .copied()
            .filter(|due| needle.finds_in(texts.get(&due.person)))
            .collect();
    }

    /// Rebuilds the person view's rows and chart for the person it shows.
    pub fn rebuild_person(&mut self) {
        let Some(id) = self.person else {
            self.cache.person_promises.clear();
            self.cache.history.clear();
            self.refilter_person();
            return;
        };
        let ledger = &self.ledger;
        let mut mine: Vec<&Promise> = self
            .cache
            .by_person
            .get(&id)
            .map(|ids| ids.iter().filter_map(|i| ledger.promise(*i)).collect())
            .unwrap_or_default();
        // Open first by due date (undated last), those due on one day oldest first, in the
        // agenda's order; then resolved newest first.
        mine.sort_by_key(|p| {
            let open = p.status == Status::Open;
            (
                !open,
                if open { p.due.is_none() } else { false },
                if open { p.due } else { None },
                std::cmp::Reverse(if open { None } else { p.resolved }),
                if open { Some(p.id) } else { None },
                std::cmp::Reverse(p.id),
            )
        });
        self.cache.person_promises = mine.iter().map(|p| p.id).collect();
        self.cache.history =
            ladder::history(&mine, Direction::Theirs, &ledger.settings, self.today, 12);
        self.refilter_person();
    }

    /// Rebuilds the person view's rows for its filter; the chart keeps every promise. Cheap
    /// next to scoring, so it runs as the filter is typed.
    pub fn refilter_person(&mut self) {
        let ledger = &self.ledger;
        let needle = Needle::of(self.promise_filter.text());
        let shown: Vec<&Promise> = self
            .cache
            .person_promises
            .iter()
            .filter_map(|id| ledger.promise(*id))
            .filter(|p| {
                let (what, note) = (folded(&p.what), folded(&p.note));
                needle.is_empty()
                    || format!("{what} {note}").contains(&needle.folded)
                    || (needle.start.is_some() && needle.begins(&MarkFree::of(&[&what, &note])))
            })
            .collect();
        // Open on the day shown, as the header above counts them: looking back at a past
        // day, one made after it was not there yet, and one resolved after it was still open.
        let (today, looking_back) = (self.today, self.looking_back);
        let open_then = |p: &Promise| {
            if looking_back {
                p.made <= today
                    && (p.status == Status::Open || p.resolved.is_some_and(|on| on > today))
            } else {
                p.status == Status::Open
            }
        };
        self.cache.person_open = shown.iter().filter(|p| open_then(p)).count();
        let ids = shown.iter().map(|p| p.id).collect();
        self.promises.replace(ids);
    }

    /// The first line the help shows, as it was last drawn (`None` when it is not open).
    pub fn help_first_line(&self) -> Option<u16> {
        match &self.popup {
            Some(Popup::Help(help)) => Some(
                help.scroll
                    .first_line(&self.help_starts.borrow(), self.help_max.get()),
            ),
            _ => None,
        }
    }

    /// Shows `view` (People or the agenda; a person's page opens with [`App::open_person`]),
    /// remembering where the agenda was entered from, for its `Esc`.
    pub fn show(&mut self, view: View) {
        if view == View::Agenda && self.view != View::Agenda {
            self.agenda_from = self.view;
        }
        self.view = view;
    }

    /// Opens the person view on `id`.
    pub fn open_person(&mut self, id: PersonId, from: View) {
        if self.person != Some(id) {
            self.person = Some(id);
            self.promises = Rows::default();
            self.promise_filter.set("");
            self.rebuild_person();
        }
        if from != View::Person {
            self.came_from = from;
        }
        self.view = View::Person;
    }

    /// The promise selected in the current view, if the view lists promises.
    pub fn selected_promise(&self) -> Option<PromiseId> {
        match self.view {
            View::People => None,
            View::Person => self.promises.current(),
            View::Agenda => self.agenda.current().map(|(_, id)| id),
        }
    }

    /// The promise a key marking an outcome acts on: the selected one or, while that one is
    /// still being saved from an earlier key, the first row below it that is not, where the
    /// selection will be once the saves are back. `None` when every row from the selection
    /// down is being saved.
    pub fn triage_target(&self) -> Option<PromiseId> {
        let free = |id: &PromiseId| !self.triaging.contains(id);
        match self.view {
            View::People => None,
            View::Person => self
                .promises
                .items
                .get(self.promises.selected..)?
                .iter()
                .copied()
                .find(free),
            View::Agenda => self
                .agenda
                .items
                .get(self.agenda.selected..)?
                .iter()
                .map(|(_, id)| *id)
                .find(free),
        }
    }

    /// The person the current view is about: the selected row, the person shown, or the
    /// person of the selected promise.
    pub fn selected_person(&self) -> Option<PersonId> {
        match self.view {
            View::People => self.people.current(),
            View::Person => self.person,
            View::Agenda => self
                .selected_promise()
                .and_then(|id| self.ledger().promise(id))
                .map(|p| p.person),
        }
    }

    /// The person the Person tab leads to: from the people list the selected row (so the
    /// tab's label and `Tab` agree after the cursor moved), elsewhere the person last shown.
    pub fn person_tab(&self) -> Option<PersonId> {
        if self.view == View::People {
            self.people.current().or(self.person)
        } else {
            self.person.or_else(|| self.people.current())
        }
    }

    /// Checks that the model is consistent: selections inside their lists, the person view
    /// on a person who exists, the ledger valid. The property tests call this after every
    /// key.
    pub fn check(&self) -> Result<(), String> {
        let mut ledger = self.ledger().clone();
        ledger
            .normalize_and_check()
            .map_err(|(path, why)| format!("ledger invalid at {path}: {why}"))?;
        if !self.people.items.is_empty() && self.people.selected >= self.people.items.len() {
            return Err("people selection out of range".into());
        }
        if !self.promises.items.is_empty() && self.promises.selected >= self.promises.items.len() {
            return Err("promise selection out of range".into());
        }
        if !self.agenda.items.is_empty() && self.agenda.selected >= self.agenda.items.len() {
            return Err("agenda selection out of range".into());
        }
        if self.view == View::Person && self.person.is_none_or(|id| ledger.person(id).is_none()) {
            return Err("person view without a person".into());
        }
        if self
            .people
            .items
            .iter()
            .any(|id| ledger.person(*id).is_none())
        {
            return Err("people rows name someone who is gone".into());
        }
        if self
            .agenda
            .items
            .iter()
            .chain(self.cache.agenda.iter())
            .any(|(_, id)| ledger.promise(*id).is_none_or(|p| p.status != Status::Open))
        {
            return Err("agenda lists a promise that is not open".into());
        }
        Ok(())
    }
}

#[cfg(test)]
impl App {
    /// The demo team on 24 November 2026, in the plain theme: what the unit tests of
    /// `update` drive.
    pub(crate) fn demo_for_tests() -> App {
        let today = crate::core::dates::parse_iso("2026-11-24").expect("a valid date");
        App::on(
            Arc::new(crate::core::demo::generate(today)),
            "ledger.json".to_string(),
            today,
            crate::tui::theme::Theme::mono(),
        )
    }
}
