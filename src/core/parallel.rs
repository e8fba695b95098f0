//! Work over many records shared among the machine's cores: scoring everyone and checking a
//! loaded file are each a pass over a hundred thousand records that need not wait for one
//! another. Small inputs stay on the calling thread, where starting threads would cost more
//! than they save.

use std::num::NonZeroUsize;
use std::sync::OnceLock;
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
            .map(|(i, chunk)| scope.spawn(move || work(i * size, chunk)))
            .collect();
        joined(running).collect()
    })
}

/// The results of scoped threads, waited for in order. A panic in one is re-raised as a panic
/// of the whole pass, as it would be on one thread.
pub fn joined<'scope, R>(
    running: impl IntoIterator<Item = thread::ScopedJoinHandle<'scope, R>>,
) -> impl Iterator<Item = R> {
    running.into_iter().map(|part| {
        part.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
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
}
