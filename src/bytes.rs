//! Memory for a whole file's bytes. A ledger of 100,000 promises is a 38 MB file, and a
//! command reads it into fresh memory: in pages of 4 KiB that is nine thousand page faults,
//! which cost more than copying the bytes. Memory asked for here is backed by huge pages
//! where the system allows them (transparent huge pages in `madvise` mode), a few dozen
//! faults instead; where it does not, it is ordinary memory.
//!
//! Only for files of a size worth it and not beyond: for the hundreds of huge pages a file of
//! a million promises (384 MB) would take, the kernel may first have to compact memory, and
//! a command then took 0.39 to 0.80 s from one run to the next, where with ordinary pages it
//! took 0.46 s each time (docs/PERFORMANCE.md).

use std::ops::Range;

/// The sizes worth asking for: below, a buffer holds hardly a huge page whole; above, see the
/// module.
const WORTH_ASKING: Range<usize> = (4 << 20)..(64 << 20);

/// `len` zero bytes, in memory that asks for huge pages (see the module). Fresh memory is
/// zero already, so nothing is written until the caller fills it.
pub fn zeroed(len: usize) -> Vec<u8> {
    let bytes = vec![0u8; len];
    if WORTH_ASKING.contains(&len) {
        ask_for_huge_pages(bytes.as_ptr() as usize, len);
    }
    bytes
}

/// Advises the kernel to back the whole pages within `len` bytes from address `start` with
/// huge pages. Only advice: a kernel without them, or a refusal, changes nothing.
fn ask_for_huge_pages(start: usize, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        // Rounded inward to whole pages: the advice never reaches a page the buffer shares
        // with other memory. A larger page size only leaves more of the range out.
        let (Some(first), Some(end)) =
            (start.checked_next_multiple_of(PAGE), start.checked_add(len))
        else {
            return;
        };
        let end = end - end % PAGE;
        if end <= first {
            return;
        }
        // SAFETY: `madvise` with `MADV_HUGEPAGE` changes how the kernel backs the pages of the
        // range, never what they hold or whether they are mapped, and the range lies inside
        // memory this process owns; on any failure it only returns an error, ignored here.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (start, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeroed_buffers_are_zeros_of_the_length_asked_whatever_the_pages() {
        for len in [0, 10, WORTH_ASKING.start + 123, WORTH_ASKING.end + 1] {
            let mut bytes = zeroed(len);
            assert_eq!(bytes.len(), len);
            assert!(bytes.iter().all(|&b| b == 0));
            // Written like any memory, and read back.
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = (i % 251) as u8;
            }
            assert!(bytes.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
        }
    }
}
