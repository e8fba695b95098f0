//! A data file mapped into memory rather than copied: for a command that only shows the
//! ledger, most of reading a file is the kernel handing out fresh pages and copying the file
//! into them, and a mapping of the page cache needs neither.
//!
//! A mapped file that another program cuts short while it is read ends the reader with
//! `SIGBUS`, as `git` and `ripgrep` do, and one written over in place may be read half old
//! and half new. Neither can lose data, since nothing read from a mapping is ever written
//! back: a change reads the file into its own memory ([`super::files::read_open`]).

use std::fs::File;
use std::num::NonZeroUsize;
use std::ops::Deref;
use std::ptr::NonNull;

use nix::sys::mman::{MapFlags, ProtFlags, mmap, munmap};

/// Files shorter than this are read: mapping costs more than copying a few pages.
pub const MAP_FROM: u64 = 256 * 1024;

/// A whole file, mapped read-only; unmapped when dropped.
pub struct Mapped {
    at: NonNull<std::ffi::c_void>,
    len: NonZeroUsize,
}

impl Mapped {
    /// Maps the first `len` bytes of `file`; `None` when the system will not (the caller
    /// then reads the file).
    pub fn of(file: &File, len: u64) -> Option<Mapped> {
        let len = NonZeroUsize::new(usize::try_from(len).ok()?)?;
        // SAFETY: a private, read-only mapping of a file this process opened; its bytes are
        // only read, as a slice that lives no longer than the mapping (see `Deref`). What
        // another process does to the file meanwhile is the module's note.
        let at = unsafe {
            mmap(
                None,
                len,
                ProtFlags::PROT_READ,
                MapFlags::MAP_PRIVATE,
                file,
                0,
            )
        }
        .ok()?;
        Some(Mapped { at, len })
    }
}

impl Deref for Mapped {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        // SAFETY: `at` is a live mapping of `len` readable bytes until `drop`.
        unsafe { std::slice::from_raw_parts(self.at.as_ptr().cast::<u8>(), self.len.get()) }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the mapping `of` made, unmapped once; no slice of it outlives `self`.
        let _ = unsafe { munmap(self.at, self.len.get()) };
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn a_mapped_file_reads_as_its_bytes_and_an_empty_one_is_not_mapped() {
        let mut file = tempfile::tempfile().unwrap();
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        file.write_all(&bytes).unwrap();
        let len = u64::try_from(bytes.len()).unwrap();
        assert_eq!(&*Mapped::of(&file, len).unwrap(), &bytes[..]);
        assert_eq!(&*Mapped::of(&file, 10).unwrap(), &bytes[..10]);
        assert!(Mapped::of(&tempfile::tempfile().unwrap(), 0).is_none());
    }
}
