//! Writes a realistic generated ledger to stdout, for benchmarks and the side-by-side script
//! (`scripts/bench-vs-taskwarrior`): the same arguments give the same file.
//!
//! ```sh
//! cargo run --release --example generate -- --people 100 --promises 10000 > ledger.json
//! cargo run --release --example generate -- --people 100 --promises 10000 --taskwarrior > tasks.json
//! ```
//!
//! With `--taskwarrior` it writes the same promises as Taskwarrior tasks, for `task import`:
//! open promises are pending tasks, kept ones completed, broken and released ones deleted,
//! each with its person as the project and its direction and rung as tags.
//!
//! Promises without people (`--people 0 --promises 10`) are refused: each is with someone;
//! so is a `--today` whose five years before it fall outside the years 1 to 9999.

use std::io::Write;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser};
use serde_json::json;
use trustladder::core::generate::{check, realistic};
use trustladder::core::{Ledger, Status};

/// Generate a realistic ledger.
#[derive(Debug, Parser)]
#[command(name = "generate")]
struct Args {
    /// How many colleagues.
    #[arg(long, default_value_t = 100)]
    people: usize,
    /// How many promises, spread over five years.
    #[arg(long, default_value_t = 10_000)]
    promises: usize,
    /// Picks another ledger of the same shape.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The day the five years end.
    #[arg(long, default_value = "2026-11-24")]
    today: NaiveDate,
    /// Write Taskwarrior's import format instead of a trustladder file.
    #[arg(long)]
    taskwarrior: bool,
}

/// A day as Taskwarrior writes times.
fn tw(day: NaiveDate) -> String {
    day.format("%Y%m%dT000000Z").to_string()
}

fn tasks(ledger: &Ledger) -> serde_json::Value {
    let tasks: Vec<serde_json::Value> = ledger
        .promises
        .iter()
        .map(|p| {
            let project = ledger
                .person(p.person)
                .map(|who| who.handle.clone())
                .unwrap_or_default();
            let status = match p.status {
                Status::Open => "pending",
                Status::Kept | Status::KeptLate => "completed",
                Status::Broken | Status::Released => "deleted",
            };
            let mut task = json!({
                "uuid": p.uid.to_string(),
                "description": p.what,
                "status": status,
                "entry": tw(p.made),
                "project": project,
                "tags": [p.direction.as_str(), p.level.as_str()],
            });
            if let Some(due) = p.due {
                task["due"] = json!(tw(due));
            }
            if let Some(on) = p.resolved {
                task["end"] = json!(tw(on));
            }
            task
        })
        .collect();
    serde_json::Value::Array(tasks)
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if let Err(why) = check(args.people, args.promises, args.today) {
        Args::command()
            .error(clap::error::ErrorKind::ValueValidation, why)
            .exit();
    }
    let ledger = realistic(args.people, args.promises, args.today, args.seed);
    let bytes = if args.taskwarrior {
        match serde_json::to_vec(&tasks(&ledger)) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("generate: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
    } else {
        trustladder::store::encode(&ledger)
    };
    match std::io::stdout().lock().write_all(&bytes) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
