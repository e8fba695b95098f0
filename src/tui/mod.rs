//! The terminal UI.

use std::path::PathBuf;

use chrono::NaiveDate;

/// What the UI is opened on.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The data file.
    pub path: PathBuf,
    /// The day the UI acts as if it were.
    pub today: NaiveDate,
    /// Open a generated sample team in a temporary file instead of `path`.
    pub demo: bool,
}

/// Runs the terminal UI until the person quits.
pub fn run(launch: Launch) -> Result<(), Box<dyn std::error::Error>> {
    Err(format!(
        "the terminal UI is not built yet (would open {})",
        launch.path.display()
    )
    .into())
}
