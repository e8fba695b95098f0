//! Every view's rows at 1,000, 10,000 and 100,000 promises: what the core computes for the
//! people list (everyone scored), a person's page, the agenda and the keep-in-touch list, and
//! the command line's views drawn as the text they print (`agenda`, `review`, `list`,
//! `export`), from the data file in the page cache to the last byte. Run with
//! `cargo bench --bench ledger`; divan prints the median of each.

#[path = "support/mod.rs"]
mod support;

use clap::Parser;
use support::{SIZES, file, ledger, today};
use trustladder::cli::{self, Cli, Context};
use trustladder::core::agenda::agenda;
use trustladder::core::ladder::{Later, history, review_all, review_person};
use trustladder::core::touch::{keep_in_touch, last_contacts};
use trustladder::core::{Direction, Promise};

fn main() {
    divan::main();
}

/// The people view's rows: everyone's ladder, scored.
#[divan::bench(args = SIZES)]
fn rows_people(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| review_all(divan::black_box(l), today()));
}

/// A person's page: their ladder and the year of their trust over time (the busiest
/// colleague, the first).
#[divan::bench(args = SIZES)]
fn rows_person(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    let Some(who) = l.people.first().map(|p| p.id) else {
        return;
    };
    bencher.bench(|| {
        let review = review_person(divan::black_box(l), who, today());
        let theirs: Vec<&Promise> = l.promises_of(who).collect();
        (
            review,
            history(&theirs, Direction::Theirs, &l.settings, today(), 12),
        )
    });
}

/// The agenda's rows: open promises by when they are due.
#[divan::bench(args = SIZES)]
fn rows_agenda(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| agenda(divan::black_box(l), today()));
}

/// The keep-in-touch list and everyone's last contact.
#[divan::bench(args = SIZES)]
fn rows_touch(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| {
        (
            keep_in_touch(l, today(), None, Later::Today),
            last_contacts(l, today(), Later::Today),
        )
    });
}

/// A command run in this process on the data file of `n` promises, its output thrown away:
/// the load, the rows and the text.
fn command(bencher: divan::Bencher, n: usize, words: &[&str]) {
    let Some((_dir, path)) = file(n) else { return };
    let ctx = Context {
        path,
        today: today(),
        looking_back: false,
        config: Err("no config file in a benchmark".into()),
        width: std::sync::OnceLock::from(None),
        missing_noted: std::sync::OnceLock::new(),
    };
    bencher.bench_local(|| {
        let parsed =
            Cli::try_parse_from(std::iter::once("trustladder").chain(words.iter().copied()));
        let Some(command) = parsed.ok().and_then(|cli| cli.command) else {
            return;
        };
        let mut out = Vec::new();
        let _ = cli::run(command, &ctx, &mut out);
    });
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn text_agenda(bencher: divan::Bencher, n: usize) {
    command(bencher, n, &["agenda"]);
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn text_review(bencher: divan::Bencher, n: usize) {
    command(bencher, n, &["review"]);
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn text_list(bencher: divan::Bencher, n: usize) {
    command(bencher, n, &["list"]);
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn text_list_open(bencher: divan::Bencher, n: usize) {
    command(bencher, n, &["list", "--open"]);
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn text_export_json(bencher: divan::Bencher, n: usize) {
    command(bencher, n, &["export", "--format", "json"]);
}
