//! Work over many records shared among the machine's cores: scoring everyone and checking a
//! loaded file are each a pass over a hundred thousand records that need not wait for one
//! another. Small inputs stay on the calling thread, where starting threads would cost more
//! than they save, and so does a part whose thread the system cannot make (too little memory,
//! too many threads): a pass is slower for it, never refused.

use std::io;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread;

/// How many threads a pass uses at most: beyond a few, memory, not the cores, sets the pace.
const MAX_THREADS: usize = 4;

/// How many parts to cut `len` items into, each of at least `min_part`.
pub fn parts(len: usize, min_part: usize) -> usize {
    // Asked once: the answer comes from reading the process's limits.
    static CORES: OnceLock<usize> = OnceLock::new();
    let cores = *CORES.get_or_init(|| thread::available_parallelism().map_or(1, NonZeroUsize::get));
    cores.min(MAX_THREADS).min(len / min_part.max(1)).max(1)
}

/// `work` on consecutive parts of `items` (each with the index of its first item), on as
/// many threads as [`parts`] says; the results in the items' order.
pub fn map_parts<T: Sync, R: Send>(
    items: &[T],
    min_part: usize,
    work: impl Fn(usize, &[T]) -> R + Sync,
) -> Vec<R> {
    let parts = parts(items.len(), min_part);
    if parts == 1 {
        return vec![work(0, items)];
    }
    let size = items.len().div_ceil(parts);
    thread::scope(|scope| {
        let work = &work;
        let running: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(i, chunk)| start(scope, move || work(i * size, chunk)))
            .collect();
        joined(running).collect()
    })
}

/// One part of a pass: running on a thread of its own, or done already on the calling thread
/// because no thread could be made for it.
pub enum Part<'scope, R> {
    Running(thread::ScopedJoinHandle<'scope, R>),
    Done(R),
}

/// What a part's thread is given: its work, in a slot the calling thread takes it back from
/// when the thread cannot be made (the system drops what it was given then). `std`'s
/// `Scope::spawn` panics there instead, which had ended a command with a backtrace for want
/// of memory.
type Slot<F> = Arc<Mutex<Option<F>>>;

/// What the thread a part's work runs on is made by: a scope's, or a failing one in tests.
type Spawn<'scope, R> = Box<dyn FnOnce() -> R + Send + 'scope>;

/// Starts `work` on a thread of `scope`, or does it now on this thread where the system cannot
/// make one.
pub fn start<'scope, 'env, R, F>(
    scope: &'scope thread::Scope<'scope, 'env>,
    work: F,
) -> Part<'scope, R>
where
    R: Send + 'scope,
    F: FnOnce() -> R + Send + 'scope,
{
    start_with(work, |run| thread::Builder::new().spawn_scoped(scope, run))
}

/// [`start`] with the thread made by `spawn`.
fn start_with<'scope, R, F>(
    work: F,
    spawn: impl FnOnce(Spawn<'scope, R>) -> io::Result<thread::ScopedJoinHandle<'scope, R>>,
) -> Part<'scope, R>
where
    R: Send + 'scope,
    F: FnOnce() -> R + Send + 'scope,
{
    let slot: Slot<F> = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    // Exactly one side takes the work: the thread, once made, or else this one, as a thread
    // that was not made never runs.
    const TAKEN_ONCE: &str =
        "a part's work is taken by its thread or, where none was made, by the caller";
    match spawn(Box::new(move || take(&theirs).expect(TAKEN_ONCE)())) {
        Ok(running) => Part::Running(running),
        Err(_) => Part::Done(take(&slot).expect(TAKEN_ONCE)()),
    }
}

fn take<F>(slot: &Slot<F>) -> Option<F> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// The results of parts, waited for in order. A panic in one is re-raised as a panic of the
/// whole pass, as it would be on one thread.
pub fn joined<'scope, R>(
    running: impl IntoIterator<Item = Part<'scope, R>>,
) -> impl Iterator<Item = R> {
    running.into_iter().map(|part| match part {
        Part::Done(done) => done,
        Part::Running(running) => running
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_in_order_and_cover_every_item() {
        let items: Vec<usize> = (0..10_001).collect();
        let sums = map_parts(&items, 1_000, |first, part| {
            assert_eq!(part.first(), Some(&first));
            part.len()
        });
        assert_eq!(sums.iter().sum::<usize>(), items.len());
        assert_eq!(
            map_parts(&items[..10], 1_000, |_, part| part.len()),
            vec![10]
        );
        assert_eq!(
            map_parts(&[] as &[u8], 1_000, |_, part| part.len()),
            vec![0]
        );
    }

    /// A thread the system cannot make (too little memory: `WouldBlock`) leaves its part to
    /// the calling thread, where `Scope::spawn` had panicked and the command ended with a
    /// backtrace; the parts still come back in order.
    #[test]
    fn a_part_whose_thread_cannot_be_made_is_done_here() {
        let mut borrowed = vec![1, 2, 3];
        let parts: Vec<usize> = thread::scope(|scope| {
            let refused = start_with(
                || {
                    borrowed.push(4);
                    borrowed.len()
                },
                |_| Err(io::ErrorKind::WouldBlock.into()),
            );
            assert!(matches!(refused, Part::Done(4)), "done at once, here");
            let made = start(scope, || 7);
            joined([refused, made]).collect()
        });
        assert_eq!(parts, vec![4, 7]);
        assert_eq!(
            borrowed,
            vec![1, 2, 3, 4],
            "the work ran once, with what it borrowed"
        );
    }
}
