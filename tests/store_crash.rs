//! A writer killed with SIGKILL at random moments never leaves a partial file: the file always
//! parses and holds exactly the state before or after the save that was under way.

mod store_support;

use std::io::{BufRead, BufReader};
use std::process::Child;
use std::time::{Duration, Instant};

use store_support::*;
use trustladder::core::Ledger;
use trustladder::core::change::{NewPromise, Target};
use trustladder::core::{Direction, Level};
use trustladder::store::{self, Store};

const KILLS: usize = 200;
const BASE_PEOPLE: usize = 20;

fn base() -> Ledger {
    sample(BASE_PEOPLE, 60)
}

/// Save number `k` adds writer `k` and a promise of theirs.
fn save_number(l: &mut Ledger, k: usize) -> Result<(), trustladder::core::LedgerError> {
    let id = l.add_person(&format!("Writer {k}"), "", "", today())?;
    l.add_promise(
        NewPromise {
            person: Target::id(id),
            direction: Direction::Theirs,
            level: Level::Task,
            what: format!("the promise of save {k}"),
            made: today(),
            due: None,
            outcome: None,
        },
        today(),
    )?;
    Ok(())
}

/// The state after `k` saves, built independently of any file.
fn state(k: usize) -> Ledger {
    let mut l = base();
    for n in 1..=k {
        save_number(&mut l, n).expect("a valid save");
    }
    l
}

/// How many saves a file's ledger holds.
fn saves_in(l: &Ledger) -> usize {
    l.people.len() - BASE_PEOPLE
}

/// Not a test of its own: the writer that `sigkill_at_random_moments_...` starts and kills.
/// It saves in a loop, with umask 000, printing each save it completed.
#[test]
fn crash_writer_child() {
    let Some(path) = child_file() else { return };
    // SAFETY: umask only changes this process's file-creation mask; it has no memory effects.
    unsafe { libc::umask(0) };
    let mut store = Store::open(&path).expect("the writer opens the file");
    println!("ready");
    // The parent kills the writer within milliseconds; this only stops an orphan.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        let k = saves_in(store.ledger()) + 1;
        store
            .update(|l| save_number(l, k))
            .expect("the writer saves");
        println!("saved {k}");
    }
}

/// Waits for the child's "ready", so the kill lands while it is saving, not while it starts.
fn wait_ready(child: &mut Child) -> BufReader<std::process::ChildStdout> {
    let mut out = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).expect("the child's output");
        assert!(n > 0, "the writer stopped before it was ready");
        // libtest may print "test NAME ... " on the same line before the test's own output.
        if line.trim_end().ends_with("ready") {
            return out;
        }
    }
}

#[test]
fn sigkill_at_random_moments_leaves_the_old_or_the_new_state() {
    bounded(Duration::from_secs(120), "the crash test");
    let started = Instant::now();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("data").join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| {
            *l = base();
            Ok(())
        })
        .unwrap();
    let mut rng = Rng::new(0x005e_edc0_ffee);
    let mut before = 0;
    let mut leftovers_seen = 0;
    let mut new_states = 0;
    for round in 0..KILLS {
        let mut child = Reaped(child("crash_writer_child", &path).spawn().unwrap());
        let mut out = wait_ready(&mut child.0);
        std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        child.0.kill().unwrap();
        child.0.wait().unwrap();
        let mut reported = before;
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some((_, k)) = line.trim().rsplit_once("saved ") {
                reported = k.parse().unwrap();
            }
            line.clear();
        }
        for temp in temp_files(&path) {
            leftovers_seen += 1;
            assert_eq!(mode(&temp), 0o600, "round {round}: {}", temp.display());
        }
        let bytes = std::fs::read(&path).unwrap();
        let ledger = store::decode(&bytes)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"));
        let found = saves_in(&ledger);
        assert!(
            found == reported || found == reported + 1,
            "round {round}: the file holds {found} saves; the writer had finished {reported}"
        );
        assert_eq!(
            ledger,
            state(found),
            "round {round}: not exactly state {found}"
        );
        if found == reported + 1 {
            new_states += 1;
        }
        before = found;
    }
    // The next start clears what killed writers left, under the lock.
    let mut store = Store::open(&path).unwrap();
    assert!(temp_files(&path).is_empty(), "leftovers survive a start");
    store.update(|l| save_number(l, before + 1)).unwrap();
    assert_eq!(store.ledger(), &state(before + 1));
    let backups = store::backups::list(&path).unwrap();
    assert_eq!(backups.iter().filter(|b| b.number.is_some()).count(), 10);
    for b in &backups {
        store::decode(&std::fs::read(&b.path).unwrap()).unwrap();
    }
    eprintln!(
        "{KILLS} kills in {:?}: {before} saves landed, {new_states} kills fell between a save's rename and its report, {leftovers_seen} left a temp file",
        started.elapsed()
    );
    assert!(
        leftovers_seen > 0,
        "no kill fell inside a write: the test did not test it"
    );
}
