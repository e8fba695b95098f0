//! What every benchmark runs on: the realistic ledgers of `examples/generate.rs` (the ones
//! `scripts/bench-vs-taskwarrior` times) at a thousand, ten thousand and a hundred thousand
//! promises, generated once per run, and data files holding them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use trustladder::core::Ledger;
use trustladder::core::generate::realistic;

/// The allocator the binary runs with (src/main.rs), so that the benchmarks measure what runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The numbers of promises benchmarked.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The day the ledgers end on, and the benchmarks act on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// The ledger of `promises` promises, with one colleague per hundred promises (a thousand at
/// a hundred thousand), as the side-by-side script makes them.
pub fn ledger(promises: usize) -> &'static Ledger {
    static LEDGERS: [OnceLock<Ledger>; SIZES.len()] = [const { OnceLock::new() }; SIZES.len()];
    let slot = SIZES.iter().position(|n| *n == promises).unwrap_or(0);
    LEDGERS[slot].get_or_init(|| realistic((promises / 100).max(1), promises, today(), 1))
}

/// The data file of [`ledger`], as bytes.
pub fn bytes(promises: usize) -> &'static [u8] {
    static FILES: [OnceLock<Vec<u8>>; SIZES.len()] = [const { OnceLock::new() }; SIZES.len()];
    let slot = SIZES.iter().position(|n| *n == promises).unwrap_or(0);
    FILES[slot].get_or_init(|| trustladder::store::encode(ledger(promises)))
}

/// A fresh folder holding the data file of [`ledger`]; the folder goes when dropped.
pub fn file(promises: usize) -> Option<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("trustladder.json");
    std::fs::write(&path, bytes(promises)).ok()?;
    Some((dir, path))
}
