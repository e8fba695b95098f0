//! A data file mapped into memory rather than copied: for a command that only shows the
//! ledger, most of reading a file is the kernel handing out fresh pages and copying the file
//! into them, and a mapping of the page cache needs neither.
//!
//! A mapped file that another program cuts short while it is read ends the reader (the
//! system's `SIGBUS`), here with a message that says so and exit status 1; one written over
//! in place may be read half old and half new. Neither can lose data, since nothing read
//! from a mapping is ever written back: a change reads the file into its own memory
//! ([`super::files::read_open`]).

use std::fs::File;
use std::num::NonZeroUsize;
use std::ops::Deref;
use std::ptr::NonNull;

use nix::sys::mman::{MapFlags, ProtFlags, mmap, munmap};
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

/// Files shorter than this are read: mapping costs more than copying a few pages.
pub const MAP_FROM: u64 = 256 * 1024;

/// A whole file, mapped read-only; unmapped when dropped.
pub struct Mapped {
    at: NonNull<std::ffi::c_void>,
    len: NonZeroUsize,
    /// What `SIGBUS` did before the mapping, put back with it.
    before: Option<SigAction>,
}

/// What the process says when the mapped file is cut short under it.
const CUT_SHORT: &[u8] = b"trustladder: the data file was cut short by another program while it was read; nothing was changed; run the command again\n";

/// `SIGBUS` while a file is mapped: the file was cut short under the reader. Says so and
/// ends the process, which has written nothing.
extern "C" fn cut_short(_: libc::c_int) {
    // SAFETY: `write` and `_exit` are safe in a signal handler; the message is static.
    unsafe {
        libc::write(
            libc::STDERR_FILENO,
            CUT_SHORT.as_ptr().cast(),
            CUT_SHORT.len(),
        );
        libc::_exit(1);
    }
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
        let on_bus = SigAction::new(
            SigHandler::Handler(cut_short),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler only writes a static message and exits.
        let before = unsafe { sigaction(Signal::SIGBUS, &on_bus) }.ok();
        Some(Mapped { at, len, before })
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
        if let Some(before) = &self.before {
            // SAFETY: the action that was in place before `of`.
            let _ = unsafe { sigaction(Signal::SIGBUS, before) };
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::process::Command;

    use super::*;

    /// Set in the child process that cuts its own mapped file short.
    const CHILD: &str = "TRUSTLADDER_TEST_CUT_SHORT";

    #[test]
    fn a_file_cut_short_while_mapped_ends_the_reader_with_a_message() {
        if std::env::var_os(CHILD).is_some() {
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(&vec![b'x'; 1 << 20]).unwrap();
            // Once unmapped, SIGBUS does what it did before.
            let default = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
            // SAFETY: the system's default action, in a process of this test alone.
            let _ = unsafe { sigaction(Signal::SIGBUS, &default) }.unwrap();
            drop(Mapped::of(&file, 1 << 20).unwrap());
            // SAFETY: as above.
            let after = unsafe { sigaction(Signal::SIGBUS, &default) }.unwrap();
            assert!(matches!(after.handler(), SigHandler::SigDfl));
            let mapped = Mapped::of(&file, 1 << 20).unwrap();
            file.set_len(0).unwrap();
            let sum: u64 = mapped.iter().map(|&b| u64::from(b)).sum();
            println!("read {sum} bytes' worth");
            return;
        }
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "store::mapped::tests::a_file_cut_short_while_mapped_ends_the_reader_with_a_message",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        assert!(
            stderr.contains("the data file was cut short by another program"),
            "{stderr}"
        );
        assert!(!stdout.contains("worth"), "{stdout}");
    }

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
