//! Memory for a whole file's bytes. A ledger of 100,000 promises is a 38 MB file, and a
//! command reads it into fresh memory: in pages of 4 KiB that is nine thousand page faults,
//! which cost more than copying the bytes. Memory asked for here is backed by huge pages
//! where the system allows them (transparent huge pages, `madvise` mode), a few dozen faults
//! instead; where it does not, it is ordinary memory.

/// Below this, a buffer holds no huge page whole, so asking is not worth the call.
const WORTH_ASKING: usize = 4 << 20;

/// `len` zero bytes, in memory that asks for huge pages (see the module). Fresh memory is
/// zero already, so nothing is written until the caller fills it.
pub fn zeroed(len: usize) -> Vec<u8> {
    let bytes = vec![0u8; len];
    ask_for_huge_pages(bytes.as_ptr() as usize, len);
    bytes
}

/// An empty buffer with room for `len` bytes, in memory that asks for huge pages.
pub fn with_room(len: usize) -> Vec<u8> {
    let bytes = Vec::with_capacity(len);
    ask_for_huge_pages(bytes.as_ptr() as usize, len);
    bytes
}

/// Advises the kernel to back the whole pages within `len` bytes from address `start` with
/// huge pages. Only advice: a kernel without them, or a refusal, changes nothing.
fn ask_for_huge_pages(start: usize, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        if len < WORTH_ASKING {
            return;
        }
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
    let _ = (start, len, WORTH_ASKING);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_what_they_say_whatever_the_pages() {
        let len = WORTH_ASKING * 2 + 123;
        let zeros = zeroed(len);
        assert_eq!(zeros.len(), len);
        assert!(zeros.iter().all(|&b| b == 0));
        let mut room = with_room(len);
        assert!(room.is_empty() && room.capacity() >= len);
        room.extend((0..len).map(|i| (i % 251) as u8));
        assert!(room.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
        assert!(zeroed(10).iter().all(|&b| b == 0));
    }
}
