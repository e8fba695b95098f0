//! A save's file written from its start, piece after piece, each piece's writeback started at
//! once, and each copied by the kernel where it copies fast.
//!
//! The kernel copies a write's bytes into the file's pages with string instructions that run
//! about three times slower when the place they go to lies a few bytes after the place they
//! come from, counted within a 4 KiB page (1 to 31 bytes on the AMD EPYC measured): each load
//! is taken for a read of a store just made ("4K aliasing"). A save writes most of its bytes
//! straight from the mapping of the file it read, each at its old place moved by how much the
//! records before it grew, and a `keep` grows its record by 10 to 20 bytes: every byte after
//! it was copied the slow way (docs/PERFORMANCE.md). Such a piece is copied first, by the
//! process, which copies fast at any distance, to half a page from where the file takes it.

use std::fs::File;
use std::io::{self, Write};

/// The span within which the kernel's copies repeat.
const PAGE: usize = 4096;

/// How far after its source, within a page, a piece's place in the file may lie and be copied
/// slowly: 32 on the processor measured, twice that as a margin for others.
const NEAR: usize = 64;

/// A file written from its start.
pub struct Appender<'a> {
    file: &'a File,
    written: u64,
    /// Where a piece the kernel would copy slowly is moved first; made at the first such piece.
    moved: Vec<u8>,
}

impl<'a> Appender<'a> {
    /// Writes `file` from its start (its cursor there).
    pub fn new(file: &'a File) -> Appender<'a> {
        Appender {
            file,
            written: 0,
            moved: Vec::new(),
        }
    }

    /// Appends `bytes`, and asks the disk to start on them at once: a save that writes its
    /// file in pieces this way leaves its final sync little to wait for.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        let bytes = if copied_slowly(bytes, self.written) {
            moved(&mut self.moved, bytes, self.written)
        } else {
            bytes
        };
        let mut file = self.file;
        file.write_all(bytes)?;
        start_writeback(self.file, self.written, bytes.len());
        self.written += bytes.len() as u64;
        Ok(())
    }
}

/// How far after `bytes`, within a page, their place at `at` in a file lies.
fn ahead(bytes: &[u8], at: u64) -> usize {
    (at as usize).wrapping_sub(bytes.as_ptr() as usize) % PAGE
}

/// Whether the kernel would copy `bytes` into a file at `at` the slow way.
fn copied_slowly(bytes: &[u8], at: u64) -> bool {
    !bytes.is_empty() && (1..NEAR).contains(&ahead(bytes, at))
}

/// `bytes` copied into `buffer` at half a page from where their place at `at` lies: far from
/// both the place they came from and the one they go to.
fn moved<'b>(buffer: &'b mut Vec<u8>, bytes: &[u8], at: u64) -> &'b [u8] {
    if buffer.len() < bytes.len() + PAGE {
        *buffer = vec![0; bytes.len() + PAGE];
    }
    let start = (at as usize)
        .wrapping_sub(buffer.as_ptr() as usize)
        .wrapping_add(PAGE / 2)
        % PAGE;
    let place = &mut buffer[start..start + bytes.len()];
    place.copy_from_slice(bytes);
    place
}

/// Asks the kernel to start writing `len` bytes of `file` from `at` to the disk, without
/// waiting for them, so that a later sync waits only for what is still under way. Only a
/// hint: where it is not available or fails, that sync does the whole work, as it would have.
fn start_writeback(file: &File, at: u64, len: usize) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let (Ok(at), Ok(len)) = (libc::off64_t::try_from(at), libc::off64_t::try_from(len)) else {
            return;
        };
        // SAFETY: the call takes a descriptor that stays open while `file` is borrowed and
        // two integers; it reads and writes no memory of this process.
        unsafe { libc::sync_file_range(file.as_raw_fd(), at, len, libc::SYNC_FILE_RANGE_WRITE) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, at, len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek};

    /// Bytes none like their neighbours, over several pages.
    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    /// A buffer holding `source` at an address `gap` bytes before a page's start (modulo a
    /// page), and where in the buffer it starts: written from the start of a file, every
    /// piece of it lies `gap` bytes before its place.
    fn lying(source: &[u8], gap: usize) -> (Vec<u8>, usize) {
        let mut buffer = vec![0u8; source.len() + PAGE];
        let from = 0usize
            .wrapping_sub(gap)
            .wrapping_sub(buffer.as_ptr() as usize)
            % PAGE;
        buffer[from..from + source.len()].copy_from_slice(source);
        (buffer, from)
    }

    #[test]
    fn a_piece_just_behind_its_place_is_moved_half_a_page_from_it() {
        let source = text(3 * PAGE);
        for at in [0u64, 1, 13, 4095, 4096 + 77] {
            for gap in [0usize, 1, 13, 31, 63, 64, 2048, 4095] {
                let (buffer, from) = lying(&source, (gap + PAGE - at as usize % PAGE) % PAGE);
                let bytes = &buffer[from..from + PAGE];
                assert_eq!(ahead(bytes, at), gap);
                assert_eq!(copied_slowly(bytes, at), (1..64).contains(&gap), "{gap}");
                let mut moved_to = Vec::new();
                let placed = moved(&mut moved_to, bytes, at);
                assert_eq!(placed, bytes, "the same bytes");
                assert_eq!(ahead(placed, at), PAGE / 2, "half a page from their place");
                assert!(!copied_slowly(placed, at));
            }
        }
    }

    /// What `pieces` (cut from `bytes` at `cuts`) leave in a file appended one by one, and how
    /// many of them were moved first.
    fn appended(bytes: &[u8], cuts: &[usize]) -> (Vec<u8>, usize) {
        let mut file = tempfile::tempfile().unwrap();
        let mut appender = Appender::new(&file);
        let mut moved = 0;
        for pair in cuts.windows(2) {
            let piece = &bytes[pair[0]..pair[1]];
            moved += usize::from(copied_slowly(piece, appender.written));
            appender.append(piece).unwrap();
        }
        assert_eq!(appender.written, bytes.len() as u64);
        let mut back = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut back).unwrap();
        (back, moved)
    }

    #[test]
    fn pieces_reach_the_file_whole_and_in_order_wherever_they_lie() {
        let source = text(5 * PAGE);
        let cuts = [0, 13, 20, 4_000, 4_033, 9_000, 12_288, 16_000, 5 * PAGE];
        for (gap, moved) in [(0, 0), (13, 8), (31, 8), (64, 0), (2048, 0)] {
            let (buffer, from) = lying(&source, gap);
            let (back, counted) = appended(&buffer[from..from + source.len()], &cuts);
            assert!(back == source, "the file holds the pieces in order ({gap})");
            assert_eq!(counted, moved, "pieces {gap} bytes behind their places");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever the pieces and wherever they lie from their places, the file holds them
        /// in order, and no piece the kernel would copy slowly reaches it from where it lay.
        #[test]
        fn any_pieces_from_anywhere_reach_the_file_as_they_were(
            len in 0usize..3 * PAGE,
            gap in 0usize..PAGE,
            mut cuts in proptest::collection::vec(0usize..3 * PAGE, 0..8),
        ) {
            let source = text(len);
            cuts.iter_mut().for_each(|cut| *cut = (*cut).min(len));
            cuts.extend([0, len]);
            cuts.sort_unstable();
            let (buffer, from) = lying(&source, gap);
            let (back, moved) = appended(&buffer[from..from + len], &cuts);
            proptest::prop_assert!(back == source);
            let pieces = cuts.windows(2).filter(|pair| pair[0] < pair[1]).count();
            let slow = (1..NEAR).contains(&gap);
            proptest::prop_assert_eq!(moved, if slow { pieces } else { 0 });
        }
    }
}
