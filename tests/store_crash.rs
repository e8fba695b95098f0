//! A writer killed with SIGKILL at random moments never leaves a partial file: the file always
//! parses and holds exactly the state before or after the save that was under way, whether
//! the writer saves the whole ledger or splices a change into the file.

mod store_support;

use std::io::{BufRead, BufReader};
use std::process::Child;
use std::time::{Duration, Instant};

use store_support::*;
use trustladder::core::change::{NewPromise, OnConflict, PromisePatch, Set, Target};
use trustladder::core::{Change, Direction, Ledger, Level, Moment, Timestamp};
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

/// Save number `k` of the splicing writer, a change of one promise in the middle of the
/// file: the note of promise `k` (counted round the promises) says `save k`.
fn splice_number(l: &Ledger, k: usize) -> Change {
    let p = &l.promises[k % l.promises.len()];
    Change::EditPromise {
        promise: Target::exact(p.id, p.uid),
        patch: PromisePatch {
            note: Some(Set::to(format!("save {k}"))),
            ..PromisePatch::default()
        },
        on_conflict: OnConflict::Refuse,
    }
}

/// A ledger as saved, without the ids of its saves, which are random: each save names itself
/// once, so they are all different.
fn without_lineage(mut l: Ledger) -> Ledger {
    let ids: std::collections::HashSet<&String> = l.lineage.iter().collect();
    assert_eq!(
        ids.len(),
        l.lineage.len(),
        "a save id twice: {:?}",
        l.lineage
    );
    l.lineage.clear();
    l
}

/// A ledger with its change stamps, which come from the clock, all the same.
fn unstamped(mut l: Ledger) -> Ledger {
    let at = Timestamp::start_of(today());
    l.promises.iter_mut().for_each(|p| p.changed = at);
    l
}

/// The state after `k` spliced saves, unstamped, built independently of any file.
fn spliced_state(k: usize) -> Ledger {
    let mut l = base();
    for n in 1..=k {
        let change = splice_number(&l, n);
        l.apply(&change, &Moment::fixed(today(), "crash"))
            .expect("a valid save");
    }
    unstamped(l)
}

/// How many spliced saves a file's ledger holds: the highest `save k` in a note.
fn spliced_in(l: &Ledger) -> usize {
    l.promises
        .iter()
        .filter_map(|p| p.note.strip_prefix("save ")?.parse().ok())
        .max()
        .unwrap_or(0)
}

/// Not a test of its own: the writer that `sigkill_while_splicing_...` starts and kills. It
/// applies changes in a loop, as the command line and the UI do, printing each one saved.
#[test]
fn splice_writer_child() {
    write_until_killed(|store| {
        let k = spliced_in(store.ledger()) + 1;
        let change = splice_number(store.ledger(), k);
        store.apply(&change, today()).expect("the writer saves");
        k
    });
}

/// Not a test of its own: the writer that `sigkill_at_random_moments_...` starts and kills.
/// It saves in a loop, with umask 000, printing each save it completed.
#[test]
fn crash_writer_child() {
    write_until_killed(|store| {
        let k = saves_in(store.ledger()) + 1;
        store
            .update(|l| save_number(l, k))
            .expect("the writer saves");
        k
    });
}

/// The body of a child writer, when this process is one: opens the file with umask 000,
/// says it is ready, then saves with `save` in a loop, printing the number of each save
/// completed. The parent kills it within milliseconds; the time limit only stops an orphan.
fn write_until_killed(mut save: impl FnMut(&mut Store) -> usize) {
    let Some(path) = child_file() else { return };
    // SAFETY: umask only changes this process's file-creation mask; it has no memory effects.
    unsafe { libc::umask(0) };
    let mut store = Store::open(&path).expect("the writer opens the file");
    println!("ready");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        let k = save(&mut store);
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

/// What one crash test found: saves that landed, kills between a rename and its report, and
/// kills that left a temp file.
struct Kills {
    saves: usize,
    new_states: usize,
    leftovers_seen: usize,
}

/// Starts the writer `child_name` on `path` `kills` times and kills it at a random moment,
/// then checks the file: it parses, holds (by `count`) the saves the writer reported or one
/// more, and is exactly `state` of that many.
fn kill_writers(
    child_name: &str,
    path: &std::path::Path,
    kills: usize,
    count: fn(&Ledger) -> usize,
    state: fn(usize) -> Ledger,
    found_as: fn(Ledger) -> Ledger,
) -> Kills {
    let mut rng = Rng::new(0x005e_edc0_ffee);
    let mut before = 0;
    let mut leftovers_seen = 0;
    let mut new_states = 0;
    for round in 0..kills {
        let mut child = Reaped(child(child_name, path).spawn().unwrap());
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
        for temp in temp_files(path) {
            leftovers_seen += 1;
            assert_eq!(mode(&temp), 0o600, "round {round}: {}", temp.display());
        }
        let bytes = std::fs::read(path).unwrap();
        let ledger = store::decode(&bytes)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"));
        let found = count(&ledger);
        assert!(
            found == reported || found == reported + 1,
            "round {round}: the file holds {found} saves; the writer had finished {reported}"
        );
        assert_eq!(
            found_as(without_lineage(ledger)),
            state(found),
            "round {round}: not exactly state {found}"
        );
        if found == reported + 1 {
            new_states += 1;
        }
        before = found;
    }
    Kills {
        saves: before,
        new_states,
        leftovers_seen,
    }
}

/// A folder in the test's temp space holding the base ledger, saved whole.
fn base_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("data").join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| {
            *l = base();
            Ok(())
        })
        .unwrap();
    (dir, path)
}

#[test]
fn sigkill_at_random_moments_leaves_the_old_or_the_new_state() {
    bounded(Duration::from_secs(120), "the crash test");
    let started = Instant::now();
    let (_dir, path) = base_file();
    let Kills {
        saves: before,
        new_states,
        leftovers_seen,
    } = kill_writers("crash_writer_child", &path, KILLS, saves_in, state, |l| l);
    // The next start clears what killed writers left, under the lock.
    let mut store = Store::open(&path).unwrap();
    assert!(temp_files(&path).is_empty(), "leftovers survive a start");
    store.update(|l| save_number(l, before + 1)).unwrap();
    assert_eq!(without_lineage(store.ledger().clone()), state(before + 1));
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

#[test]
fn sigkill_while_splicing_leaves_the_old_or_the_new_state() {
    bounded(Duration::from_secs(120), "the splicing crash test");
    let started = Instant::now();
    let (_dir, path) = base_file();
    let kills = KILLS / 2;
    let found = kill_writers(
        "splice_writer_child",
        &path,
        kills,
        spliced_in,
        spliced_state,
        unstamped,
    );
    let mut store = Store::open(&path).unwrap();
    assert!(temp_files(&path).is_empty(), "leftovers survive a start");
    let change = splice_number(store.ledger(), found.saves + 1);
    store.apply(&change, today()).unwrap();
    assert_eq!(
        unstamped(without_lineage(store.ledger().clone())),
        spliced_state(found.saves + 1)
    );
    eprintln!(
        "{kills} kills of a splicing writer in {:?}: {} saves landed, {} kills fell between a save's rename and its report, {} left a temp file",
        started.elapsed(),
        found.saves,
        found.new_states,
        found.leftovers_seen
    );
    assert!(
        found.leftovers_seen > 0,
        "no kill fell inside a write: the test did not test it"
    );
}
