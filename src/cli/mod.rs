//! The command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::core::dates::parse_iso;
use crate::store;

/// trustladder: whom can I trust with what, and am I keeping my own word?
#[derive(Debug, Parser)]
#[command(name = "trustladder", version)]
pub struct Cli {
    /// The data file (default: trustladder.json in your data folder).
    #[arg(long, global = true, env = store::FILE_ENV)]
    pub file: Option<PathBuf>,
    /// Act as if today were this day (YYYY-MM-DD).
    #[arg(long, global = true, value_parser = |s: &str| parse_iso(s).ok_or_else(|| format!("'{s}' is not a YYYY-MM-DD date")))]
    pub today: Option<chrono::NaiveDate>,
    /// Open the terminal UI on a generated sample team, leaving your data untouched.
    #[arg(long)]
    pub demo: bool,
}

/// Parses the arguments and runs; the exit code follows the usual convention (2 for usage).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let path = match cli.file.map_or_else(store::default_path, Ok) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("trustladder: {e}");
            return ExitCode::FAILURE;
        }
    };
    match crate::tui::run(crate::tui::Launch {
        path,
        today,
        demo: cli.demo,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("trustladder: {e}");
            ExitCode::FAILURE
        }
    }
}
