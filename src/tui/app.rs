//! The model: everything the screen shows, and nothing about how it is drawn.
//!
//! Scores and row lists are computed once after each change or reload and kept here, so a key
//! press only moves an index and a redraw only reads; with a hundred thousand promises that is
//! the difference between instant and sluggish.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::{Position, Rect};

use super::draft::{self, Draft, Drafts};
use super::forms::{Form, FormKeys};
use super::history::History;
use super::keymap::{Context, Keymap};
use super::message_log::MessageLog;
use super::theme::Theme;
use crate::config::Defaults;
use crate::core::agenda::{Bucket, agenda_of, archived_open};
use crate::core::ladder::{self, Later, Review, words::FirstNames};
use crate::core::text::{MarkFree, MarkFreeStart, folded};
use crate::core::touch::{LastContact, Overdue, keep_in_touch, last_contacts};
use crate::core::{Change, Direction, Ledger, PersonId, Promise, PromiseId, Status};
use crate::store::Store;

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

/// A question before something that cannot be taken back lightly.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// The popup's title ("Delete?").
    pub title: &'static str,
    pub question: String,
    /// What `y` does, and what `n` keeps, in a word or two each.
    pub yes: &'static str,
    pub no: &'static str,
    pub change: Change,
    /// What the archive key does instead, when the question offers it: before deleting a
    /// person, archiving them hides them and keeps their record.
    pub instead: Option<Change>,
    /// The form the question came from ("Same name"): `n` goes back to it, with what was
    /// typed, so the name can be changed rather than everything typed again.
    pub form: Option<Form>,
}

/// What is open over the view.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Form(Form),
    /// Boxed: the change it holds can carry two whole sets of settings.
    Confirm(Box<Confirm>),
    Help(HelpPopup),
    Prep(PrepPopup),
    Messages(MessagesPopup),
}

/// Where the help is scrolled to: by what shows first, not by a count of wrapped lines, so a
/// resize that wraps the text anew keeps the same place (a count kept the same number of lines
/// and landed elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpScroll {
    /// The `line`th line (as wrapped) of the `unit`th unit of the help (a heading, an entry)
    /// first.
    At { unit: usize, line: u16 },
    /// Its end: it stays there whatever the width.
    Bottom,
}

impl Default for HelpScroll {
    fn default() -> Self {
        HelpScroll::At { unit: 0, line: 0 }
    }
}

impl HelpScroll {
    /// The first line shown, where each unit starts at `starts` (the line after the last one
    /// ends them) and `max` is the most the help scrolls. Before the help is drawn (no
    /// `starts`), each line is a unit.
    pub fn first_line(self, starts: &[u16], max: u16) -> u16 {
        match self {
            HelpScroll::Bottom => max,
            HelpScroll::At { unit, line } if starts.len() < 2 => {
                u16::try_from(unit).unwrap_or(u16::MAX).saturating_add(line)
            }
            HelpScroll::At { unit, line } => {
                let last = starts.len() - 2;
                let (start, end) = (starts[unit.min(last)], starts[unit.min(last) + 1]);
                start.saturating_add(line.min(end.saturating_sub(start).saturating_sub(1)))
            }
        }
        .min(max)
    }

    /// The place of `first` as the first line shown, as [`HelpScroll::first_line`] reads it;
    /// the most it scrolls (`max`, once drawn) is the bottom.
    pub fn of_line(first: u16, starts: &[u16], max: u16) -> HelpScroll {
        if starts.len() < 2 {
            return HelpScroll::At {
                unit: usize::from(first),
                line: 0,
            };
        }
        // At its end only where it scrolls at all: where all of it fits, its top is both.
        if first >= max && max > 0 {
            return HelpScroll::Bottom;
        }
        let unit = starts[..starts.len() - 1]
            .partition_point(|start| *start <= first)
            .saturating_sub(1);
        HelpScroll::At {
            unit,
            line: first - starts[unit],
        }
    }
}

/// The `?` screen: how far it is scrolled, and the search in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpPopup {
    pub scroll: HelpScroll,
    /// The search as typed after `/`, with its cursor; empty text is no search, and the whole
    /// help shows.
    pub search: super::editor::LineEditor,
    /// True while the search line takes keys; false once `Enter` kept the search, when the
    /// keys scroll again.
    pub typing: bool,
}

/// The agenda of the next 1:1 with a colleague, as `prep` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrepPopup {
    pub person: PersonId,
    /// The colleague's uid, by which the prep follows them across a reload: their number may
    /// name someone else in a file replaced by another ledger.
    pub uid: crate::core::Uid,
    /// Their name, for the title.
    pub name: String,
    /// The prep in Markdown: what the popup shows and `w` writes.
    pub text: String,
    /// The window it was opened with, which it keeps when the ledger changes under it.
    pub since: crate::core::prep::Since,
    /// The name of the file `w` writes, without `.md`: `prep-HANDLE-DATE`.
    pub stem: String,
    /// The first line drawn; `u16::MAX` once scrolled to its end, which it then keeps
    /// whatever the lines the text wraps into.
    pub scroll: u16,
    /// How far it can scroll at the size it was last drawn (only the view knows how its lines
    /// wrap; see `App::help_max`).
    pub max: Cell<u16>,
}

/// The messages the status line showed, each in full, newest first: how far it is scrolled.
/// A message taken in while it is open comes in at the top; scrolled down, the reader keeps
/// their place, as the lines it takes are added to the scroll (only the view knows how many
/// lines that is, at its width).
#[derive(Debug, Clone, PartialEq)]
pub struct MessagesPopup {
    /// The first line drawn, counted when the log had taken in `since` messages; 0 is the top,
    /// which stays the top, showing the newest, and `u16::MAX` the end, which stays the end.
    pub scroll: u16,
    /// How many messages the log had taken in ([`MessageLog::taken`]) when `scroll` was set.
    pub since: u64,
    /// How far it can scroll at the size it was last drawn (only the view knows how its lines
    /// wrap, as for the prep).
    pub max: Cell<u16>,
    /// The first line the view last drew, and how many messages the log had taken in then:
    /// where the moving keys go from, the messages taken in since counted in.
    pub drawn: Cell<(u16, u64)>,
    /// The form they were opened from (where `m` types text, so another key opens them),
    /// which closing them goes back to as it was: a status line cut under a form is read
    /// without closing it.
    pub over: Option<Box<Form>>,
}

impl MessagesPopup {
    /// The popup at its top over `log` as it is now, before it is drawn: any scroll is
    /// allowed until the view says how far it goes.
    pub fn at_top(log: &MessageLog) -> MessagesPopup {
        MessagesPopup {
            scroll: 0,
            since: log.taken(),
            max: Cell::new(u16::MAX),
            drawn: Cell::new((0, log.taken())),
            over: None,
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

/// A list on screen: its rows, the selected one, and the first row drawn. The selection is
/// kept by value across rebuilds, so a reload never jumps to another person or promise.
#[derive(Debug, Clone)]
pub struct Rows<T> {
    pub items: Vec<T>,
    pub selected: usize,
    /// The first visible row; the view moves it to keep the selection on screen.
    pub offset: Cell<usize>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            items: Vec::new(),
            selected: 0,
            offset: Cell::new(0),
        }
    }
}

impl<T: PartialEq + Copy> Rows<T> {
    /// The selected item, or none when there are no rows (a filter that matched nothing).
    pub fn current(&self) -> Option<T> {
        self.items.get(self.selected).copied()
    }

    /// Replaces the rows, keeping the selected item if it is still there (and the position
    /// otherwise).
    pub fn replace(&mut self, items: Vec<T>)
    where
        T: Eq + Hash,
    {
        self.replace_by(items, |x| *x);
    }

    /// [`Rows::replace`], keeping the row whose `key` is the selected one's: an agenda row
    /// stays selected when its promise moved to another group. Gone (deleted or archived
    /// elsewhere), the row that followed it is selected, else the one before it, as a
    /// keypress meant for the row below would have reached: the position alone lands past
    /// it when rows before it went too.
    pub fn replace_by<K: Eq + Hash>(&mut self, items: Vec<T>, key: impl Fn(&T) -> K) {
        let old = std::mem::replace(&mut self.items, items);
        let at = self.selected;
        let Some(selected) = old.get(at) else {
            self.clamp();
            return;
        };
        let wanted = key(selected);
        if let Some(i) = self.items.iter().position(|x| key(x) == wanted) {
            self.selected = i;
        } else {
            // Gone: one pass over each list, as the filter rebuilds the rows on every key.
            let here: HashMap<K, usize> = self
                .items
                .iter()
                .enumerate()
                .map(|(i, x)| (key(x), i))
                .collect();
            let find = |x: &T| here.get(&key(x)).copied();
            let near = (old[at + 1..].iter().find_map(&find))
                .or_else(|| old[..at].iter().rev().find_map(&find));
            if let Some(i) = near {
                self.selected = i;
            }
        }
        self.clamp();
    }

    /// The selected item's record is gone, though its value may name another record now (a
    /// file replaced by another ledger): the next [`Rows::replace`] selects as for a row gone,
    /// the row that followed it, else the one before.
    pub fn forget_selected(&mut self) {
        if self.selected < self.items.len() {
            self.items.remove(self.selected);
            if self.selected == self.items.len() {
                self.selected = self.selected.saturating_sub(1);
            }
        }
    }

    /// The selected item is now called `to` (a merge gave its record another number): the
    /// next [`Rows::replace`] finds it by that.
    pub fn rename_selected(&mut self, to: T) {
        if let Some(item) = self.items.get_mut(self.selected) {
            *item = to;
        }
    }

    /// Selects the row at `index`, or the last row if there are fewer.
    pub fn select_row(&mut self, index: usize) {
        self.selected = index;
        self.clamp();
    }

    /// Selects `item` if it is a row.
    pub fn select(&mut self, item: T) {
        if let Some(i) = self.items.iter().position(|x| *x == item) {
            self.selected = i;
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the first (`top`) or last row.
    pub fn jump(&mut self, top: bool) {
        self.selected = if top {
            0
        } else {
            self.items.len().saturating_sub(1)
        };
    }

    /// The first row to draw in a window of `height` rows so the selection stays in view,
    /// moving as little as possible from the last one drawn.
    pub fn window(&self, height: usize) -> usize {
        let height = height.max(1);
        let mut offset = self.offset.get().min(self.selected);
        if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        let max = self.items.len().saturating_sub(height);
        offset = offset.min(max);
        self.offset.set(offset);
        offset
    }
}

/// Where the last frame drew what a click can pick: the tabs, and the rows of the list shown
/// with the index of the first. The views record it as they draw (as the lists record their
/// scroll offsets), so `update` can tell what a click at a cell means without drawing.
#[derive(Debug, Default)]
pub struct Regions {
    pub tabs: RefCell<Vec<(Rect, View)>>,
    pub rows: Cell<Option<(Rect, usize)>>,
    /// How many lines the list, the help or the prep on screen shows: what a page is.
    pub page: Cell<Option<u16>>,
}

impl Regions {
    /// Forgets the last frame's regions, before a frame records its own.
    pub fn clear(&self) {
        self.tabs.borrow_mut().clear();
        self.rows.set(None);
        self.page.set(None);
    }

    /// The tab at a cell.
    pub fn tab_at(&self, at: Position) -> Option<View> {
        self.tabs
            .borrow()
            .iter()
            .find(|(area, _)| area.contains(at))
            .map(|(_, view)| *view)
    }

    /// The index of the list row at a cell.
    pub fn row_at(&self, at: Position) -> Option<usize> {
        let (area, first) = self.rows.get()?;
        area.contains(at)
            .then(|| first + usize::from(at.y - area.y))
    }
}

/// One row of the agenda: its group and the promise.
pub type AgendaRow = (Bucket, PromiseId);

/// What the scores and row lists are computed from besides the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub today: NaiveDate,
    pub defaults: Defaults,
    /// Whether the agenda shows the promises of archived people.
    pub show_archived: bool,
    /// See [`App::looking_back`].
    pub looking_back: bool,
}

/// Everything the views show that is computed from the whole ledger: everyone scored and the
/// lists' rows. It takes tens of milliseconds with 100,000 promises, so after a save or a
/// reload it is computed on the worker's thread with the ledger it brings back, and the UI
/// only takes it in ([`App::take_scores`]): a key press never waits for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// What they were computed on besides the ledger: scores computed on another are not
    /// taken.
    pub basis: Basis,
    reviews: HashMap<PersonId, Review>,
    by_person: HashMap<PersonId, Vec<PromiseId>>,
    archived_open: usize,
    contacts: HashMap<PersonId, LastContact>,
    touch: Vec<Overdue>,
    people_text: HashMap<PersonId, Searched>,
    named_alike: HashMap<PersonId, usize>,
    first_names: FirstNames,
    agenda: Vec<AgendaRow>,
    agenda_text: HashMap<PromiseId, Searched>,
}

/// What the `/` filter searches in one person or agenda row, made once per rebuild: its
/// text folded (lowercase, no accents), which the filter's text is found anywhere in, and
/// the names it holds with their marks left out, which the filter's text may begin as a
/// lookup's query does (`obrien` finds O'Brien, as `trustladder review obrien` does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searched {
    text: String,
    mark_free: MarkFree,
}

/// The `/` filter's text as it is searched for, folded and with its marks left out once
/// per key, not once per row.
struct Needle {
    folded: String,
    start: Option<MarkFreeStart>,
}

impl Needle {
    fn of(typed: &str) -> Needle {
        let folded = folded(typed);
        let start = MarkFreeStart::of(&folded);
        Needle { folded, start }
    }

    fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether a person or agenda row is shown: the filter's text is found in its folded
    /// text as typed, or begins a name or a word with the marks left out of both. Both at
    /// once, not the second only where nothing matches as typed, so each key typed narrows
    /// the rows shown and never swaps them for others (`ob` shows Obi Brown and O'Brien,
    /// `obr` O'Brien alone).
    fn finds_in(&self, searched: Option<&Searched>) -> bool {
        self.is_empty()
            || searched.is_some_and(|s| s.text.contains(&self.folded) || self.begins(&s.mark_free))
    }

    /// Whether the filter's text, its marks left out, begins one of `mark_free`'s texts or
    /// one of their words.
    fn begins(&self, mark_free: &MarkFree) -> bool {
        (self.start.as_ref()).is_some_and(|start| mark_free.begun_by(start))
    }
}

impl Scores {
    /// Scores `ledger` on `basis`.
    pub fn of(ledger: &Ledger, basis: Basis) -> Scores {
        let mut by_person: HashMap<PersonId, Vec<PromiseId>> = HashMap::new();
        for p in &ledger.promises {
            by_person.entry(p.person).or_default().push(p.id);
        }
        let people_text = ledger
            .people
            .iter()
            .map(|p| {
                let searched = Searched {
                    text: folded(&format!("{} {} {}", p.name, p.role, p.handle)),
                    mark_free: MarkFree::of(&[&folded(&p.name), &folded(&p.handle)]),
                };
                (p.id, searched)
            })
            .collect();
        let (agenda, agenda_text) = agenda_rows(ledger, basis, &people_text);
        // The levels and figures as they stood on the day shown (`--today` on a past day);
        // the lists stay the records as they are, to be acted on.
        let then = ledger.shown_with_everyone_on(basis.today, basis.looking_back);
        Scores {
            basis,
            reviews: ladder::review_all(&then, basis.today)
                .into_iter()
                .map(|r| (r.person, r))
                .collect(),
            by_person,
            archived_open: archived_open(ledger),
            contacts: last_contacts(&then, basis.today, Later::Today),
            touch: keep_in_touch(
                &then,
                basis.today,
                basis.defaults.keep_in_touch,
                Later::Today,
            ),
            people_text,
            named_alike: ledger.named_alike(),
            first_names: FirstNames::of(&ledger.people),
            agenda,
            agenda_text,
        }
    }
}

/// The agenda's rows (open promises by due-date group) and what its filter searches in each:
/// the promise's text and its person's, folded.
fn agenda_rows(
    ledger: &Ledger,
    basis: Basis,
    people_text: &HashMap<PersonId, Searched>,
) -> (Vec<AgendaRow>, HashMap<PromiseId, Searched>) {
    let rows: Vec<AgendaRow> = agenda_of(
        ledger,
        basis.today,
        basis.defaults.week_ends,
        basis.show_archived,
    )
    .into_iter()
    .flat_map(|(bucket, ids)| ids.into_iter().map(move |id| (bucket, id)))
    .collect();
    let texts = rows
        .iter()
        .filter_map(|(_, id)| ledger.promise(*id))
        .map(|p| {
            let who = people_text.get(&p.person);
            let what = folded(&p.what);
            let searched = Searched {
                text: format!("{what} {}", who.map_or("", |who| who.text.as_str())),
                mark_free: MarkFree::of(&[&what]).with(who.map(|who| &who.mark_free)),
            };
            (p.id, searched)
        })
        .collect();
    (rows, texts)
}

/// Everything computed from the ledger, rebuilt only after a change or a reload.
#[derive(Debug, Default)]
pub struct Cache {
    pub reviews: HashMap<PersonId, Review>,
    /// Each person's promises, in id order.
    pub by_person: HashMap<PersonId, Vec<PromiseId>>,
    /// Open promises by due-date group.
    pub agenda: Vec<AgendaRow>,
    /// The person view's chart: each rung's score at the end of each month, theirs; `None`
    /// where a rung had no evidence yet.
    pub history: Vec<ladder::Point>,
    /// The person view's promises before its filter: open first by due date, then resolved
    /// newest first.
    pub person_promises: Vec<PromiseId>,
    /// How many of the person view's promises (of those the filter shows) were open on the day
    /// shown, as the header counts them.
    pub person_open: usize,
    /// Open promises of archived people, which the agenda shows only with `A`.
    pub archived_open: usize,
    /// When anything was last logged with each person.
    pub contacts: HashMap<PersonId, LastContact>,
    /// The colleagues past their keep-in-touch cadence, longest past it first.
    pub touch: Vec<Overdue>,
    /// What the `/` filter searches, folded once per rebuild (lowercase, no accents): each
    /// person's name, role and handle, and each agenda row's text with its person's.
    pub people_text: HashMap<PersonId, Searched>,
    pub agenda_text: HashMap<PromiseId, Searched>,
    /// The people whose name someone else has too, shown with their handles, each with the
    /// longest handle among those sharing the name ([`Ledger::named_alike`]).
    pub named_alike: HashMap<PersonId, usize>,
    /// The first names more than one colleague has: the advice names those colleagues whole.
    pub first_names: FirstNames,
    /// How many times everything was rescored (here or on the worker's thread): the count
    /// that shows moving around never rescores, which is what keeps a key press cheap with
    /// 100,000 promises.
    pub rebuilds: u64,
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
        use super::keymap::Action;
        let help = self.bound_key(Action::Help);
        if self.ledger.people.is_empty() {
            let add = self.bound_key(Action::NewPerson);
            match (add, help) {
                (Some(add), Some(help)) => {
                    format!("Welcome. {add} adds a person, {help} lists every key.")
                }
                (Some(add), None) => format!("Welcome. {add} adds a person."),
                (None, Some(help)) => format!("Welcome. {help} lists every key."),
                (None, None) => "Welcome.".to_string(),
            }
        } else {
            help.map_or_else(String::new, |help| format!("{help} lists every key."))
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
        let mut people: Vec<&crate::core::Person> = ledger
            .people
            .iter()
            .filter(|p| self.show_archived || !p.archived)
            .filter(|p| needle.finds_in(texts.get(&p.id)))
            .collect();
        let reviews = &self.cache.reviews;
        let level = |id: PersonId| reviews.get(&id).and_then(|r| r.theirs.trust_level);
        let overdue = |id: PersonId| reviews.get(&id).map_or(0, |r| r.overdue);
        let contacts = &self.cache.contacts;
        let last = |id: PersonId| contacts.get(&id).map(|c| c.day);
        people.sort_by_cached_key(|p| p.name_order());
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
            let texts = &self.cache.agenda_text;
            self.cache
                .agenda
                .iter()
                .copied()
                .filter(|(_, id)| needle.finds_in(texts.get(id)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_selected_item_across_rebuilds() {
        let mut rows = Rows::default();
        rows.replace(vec![1, 2, 3, 4]);
        rows.select(3);
        rows.replace(vec![0, 1, 3]);
        assert_eq!(rows.current(), Some(3));
        rows.replace(vec![0]);
        assert_eq!(rows.current(), Some(0));
        rows.replace(Vec::new());
        assert_eq!(rows.current(), None);
    }

    /// The selected row gone, with rows before it: the row that followed it is selected, not
    /// the one now at its position (a row further on).
    #[test]
    fn rows_select_the_row_after_one_that_went() {
        let mut rows = Rows::default();
        rows.replace(vec![1, 2, 3, 4, 5]);
        rows.select(3);
        rows.replace(vec![1, 4, 5]);
        assert_eq!(rows.current(), Some(4));
        rows.select(5);
        rows.replace(vec![1, 4]);
        assert_eq!(rows.current(), Some(4), "the last gone: the one before it");
        rows.replace(vec![7, 8]);
        assert_eq!(
            rows.current(),
            Some(8),
            "nothing of before left: the position"
        );
    }

    #[test]
    fn the_window_follows_the_selection() {
        let mut rows = Rows::default();
        rows.replace((0..100).collect());
        assert_eq!(rows.window(10), 0);
        rows.step(15);
        assert_eq!(rows.window(10), 6);
        rows.step(-3);
        assert_eq!(rows.window(10), 6);
        rows.step(-10);
        assert_eq!(rows.window(10), 2);
        rows.jump(false);
        assert_eq!(rows.window(10), 90);
    }
}
