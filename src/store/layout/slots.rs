//! One list filled by several threads at once, each in its own stretch of the list's room:
//! the promises of a large file are read in parts on several cores, and each part's records
//! are written where they will stay, so that no part needs a list of its own to be copied
//! into the first's afterwards. At a million promises those second lists were about a
//! quarter of the memory a change asks of the system, each page of it cleared by the kernel
//! before use.

use std::mem::{ManuallyDrop, MaybeUninit};

/// Where records are put as they are read: a list, or a stretch of one.
pub(super) trait Push<T> {
    fn push(&mut self, value: T);
}

impl<T> Push<T> for Vec<T> {
    fn push(&mut self, value: T) {
        Vec::push(self, value);
    }
}

/// A stretch of a list's room that one part fills from its start; what does not fit goes
/// into a list of its own (parts are cut by bytes, so one can hold more records than its
/// share). Dropped before [`Slots::filled`], it drops what it holds.
pub(super) struct Slots<'a, T> {
    room: &'a mut [MaybeUninit<T>],
    len: usize,
    spill: Vec<T>,
}

impl<T> Push<T> for Slots<'_, T> {
    fn push(&mut self, value: T) {
        match self.room.get_mut(self.len) {
            Some(slot) => {
                slot.write(value);
                self.len += 1;
            }
            None => self.spill.push(value),
        }
    }
}

impl<T> Drop for Slots<'_, T> {
    fn drop(&mut self) {
        for slot in &mut self.room[..self.len] {
            // SAFETY: the first `len` slots were written by `push` and are dropped only here.
            unsafe { slot.assume_init_drop() };
        }
    }
}

/// What one part left in its stretch: how many records, and those that did not fit.
pub(super) type Filled<T> = (usize, Vec<T>);

impl<T> Slots<'_, T> {
    /// How many records the stretch holds, and those that did not fit; the stretch's records
    /// are left where they are, for [`gather`] to take (left there, they are never dropped).
    pub(super) fn filled(self) -> Filled<T> {
        let mut this = ManuallyDrop::new(self);
        (this.len, std::mem::take(&mut this.spill))
    }
}

/// `list`'s room cut into `parts` stretches of `share` records each, in order, for the parts'
/// threads to fill. The list must be empty, with room for `parts * share` records.
pub(super) fn stretches<T>(list: &mut Vec<T>, parts: usize, share: usize) -> Vec<Slots<'_, T>> {
    assert!(list.is_empty() && list.capacity() >= parts * share);
    let mut rest = &mut list.spare_capacity_mut()[..parts * share];
    (0..parts)
        .map(|_| {
            let (room, after) = std::mem::take(&mut rest).split_at_mut(share);
            rest = after;
            Slots {
                room,
                len: 0,
                spill: Vec::new(),
            }
        })
        .collect()
}

/// The records of every stretch of `list`, filled by its part, gathered at the list's start in
/// the parts' order.
///
/// # Safety
///
/// `filled` must be what [`Slots::filled`] said of each of the stretches [`stretches`] cut
/// from this very list with this `share`, in their order, and `list` unchanged since.
pub(super) unsafe fn gather<T>(list: &mut Vec<T>, filled: Vec<Filled<T>>, share: usize) {
    let base = list.as_mut_ptr();
    if filled.iter().all(|(_, spill)| spill.is_empty()) {
        let mut len = 0;
        for (k, (n, _)) in filled.iter().enumerate() {
            // SAFETY: stretch `k` begins at `k * share` and holds `n` written records; every
            // stretch before it holds at most `share`, so `len <= k * share` and the records
            // move down (or stay) into room that holds nothing yet. `copy` allows the overlap.
            unsafe { std::ptr::copy(base.add(k * share), base.add(len), *n) };
            len += n;
        }
        // SAFETY: the first `len` places now hold the records, each once.
        unsafe { list.set_len(len) };
        return;
    }
    // A part held more than its share: its spilled records must follow its stretch's, where
    // the next stretch lies, so every record is moved into a new list.
    let total = filled.iter().map(|(n, spill)| n + spill.len()).sum();
    let mut all = Vec::with_capacity(total);
    for (k, (n, spill)) in filled.into_iter().enumerate() {
        // SAFETY: stretch `k` holds `n` written records, each read out once; `list` keeps a
        // length of 0, so it never drops them again.
        all.extend((0..n).map(|i| unsafe { base.add(k * share + i).read() }));
        all.extend(spill);
    }
    *list = all;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `parts` stretches of `share` with the given numbers of records, gathers them, and
    /// returns the list.
    fn fill(share: usize, counts: &[usize]) -> Vec<String> {
        let mut list = Vec::with_capacity(counts.len() * share);
        let mut stretches = stretches(&mut list, counts.len(), share);
        for (k, (slots, n)) in stretches.iter_mut().zip(counts).enumerate() {
            for i in 0..*n {
                slots.push(format!("{k}.{i}"));
            }
        }
        let filled = stretches.into_iter().map(Slots::filled).collect();
        // SAFETY: what each of this list's stretches held, in order.
        unsafe { gather(&mut list, filled, share) };
        list
    }

    fn expected(counts: &[usize]) -> Vec<String> {
        counts
            .iter()
            .enumerate()
            .flat_map(|(k, n)| (0..*n).map(move |i| format!("{k}.{i}")))
            .collect()
    }

    #[test]
    fn stretches_are_gathered_in_order_whether_full_short_or_empty() {
        for counts in [[3, 2, 4], [0, 4, 1], [4, 4, 4], [0, 0, 0], [1, 0, 3]] {
            assert_eq!(fill(4, &counts), expected(&counts), "{counts:?}");
        }
    }

    #[test]
    fn records_past_a_stretchs_share_follow_its_own_not_the_next() {
        for counts in [[6, 1, 0], [2, 9, 3], [0, 0, 5], [5, 5, 5]] {
            assert_eq!(fill(4, &counts), expected(&counts), "{counts:?}");
        }
    }

    #[test]
    fn stretches_dropped_unfilled_drop_what_they_hold() {
        let marker = std::rc::Rc::new(());
        let mut list = Vec::with_capacity(4);
        {
            let mut stretches = stretches(&mut list, 2, 2);
            for slots in &mut stretches {
                for _ in 0..3 {
                    slots.push(marker.clone());
                }
            }
            assert_eq!(std::rc::Rc::strong_count(&marker), 7);
        }
        assert_eq!(std::rc::Rc::strong_count(&marker), 1);
        assert!(list.is_empty());
    }
}
