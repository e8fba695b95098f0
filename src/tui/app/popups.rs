//! The popups over a view, and the confirmation a destructive key asks for: what each
//! holds, not how it is drawn.

use std::cell::Cell;

use crate::core::{Change, PersonId};
use crate::tui::forms::Form;
use crate::tui::message_log::MessageLog;

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
    pub search: crate::tui::editor::LineEditor,
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
