//! What can happen to the UI: the only inputs of `update`.

use ratatui::crossterm::event::KeyEvent;

/// An event for [`super::update::update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A key was pressed (releases and repeats are filtered out before this).
    Key(KeyEvent),
    /// Time passed (about a second): look for changes another process saved.
    Tick,
}
