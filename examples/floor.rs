//! The floors `scripts/bench-vs-taskwarrior` sets trustladder's figures beside, measured in
//! this process over several runs: reading a data file and parsing it with serde_json into
//! the ledger (without any of the checks a load makes), and what every durable save of the
//! file must do at least: write its bytes to a new file beside it, sync that to disk, rename
//! it over a file, and sync the folder. Prints the median of each in milliseconds, one per
//! line: `read+parse 12.3` and `write+fsync 4.5`.
//!
//! ```sh
//! cargo run --release --example floor -- ledger.json 20
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use trustladder::core::Ledger;

/// The allocator the binary runs with (src/main.rs): the floor is what reading with serde_json
/// costs in the same program.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times
        .get(times.len() / 2)
        .map_or(0.0, |t| t.as_secs_f64() * 1e3)
}

fn read_and_parse(path: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let ledger: Ledger = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let took = start.elapsed();
    drop(ledger);
    Ok(took)
}

fn write_and_sync(bytes: &[u8], to: &Path) -> Result<Duration, String> {
    let temp = to.with_extension("floor-temp");
    let folder = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let start = Instant::now();
    let mut file = std::fs::File::create(&temp).map_err(|e| e.to_string())?;
    file.write_all(bytes).map_err(|e| e.to_string())?;
    file.sync_all().map_err(|e| e.to_string())?;
    std::fs::rename(&temp, to).map_err(|e| e.to_string())?;
    std::fs::File::open(folder)
        .and_then(|f| f.sync_all())
        .map_err(|e| e.to_string())?;
    let took = start.elapsed();
    std::fs::remove_file(to).map_err(|e| e.to_string())?;
    Ok(took)
}

fn run(path: &Path, runs: usize) -> Result<(), String> {
    let mut reads = Vec::with_capacity(runs);
    for _ in 0..runs {
        reads.push(read_and_parse(path)?);
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let mut scratch = PathBuf::from(path);
    scratch.set_extension("floor");
    let mut writes = Vec::with_capacity(runs);
    for _ in 0..runs {
        writes.push(write_and_sync(&bytes, &scratch)?);
    }
    println!("read+parse {:.2}", median(reads));
    println!("write+fsync {:.2}", median(writes));
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: floor FILE [RUNS]");
        return ExitCode::from(2);
    };
    let runs = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
        .max(1);
    match run(Path::new(&path), runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
