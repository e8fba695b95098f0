//! A data file mapped into memory rather than copied: for a command, most of reading a file
//! is the kernel handing out fresh pages and copying the file into them, and a mapping of the
//! page cache needs neither.
//!
//! Only the reader of this program's own layout reads a mapping, and it copies every text
//! before it checks it, so what another program writes over the file meanwhile can make the
//! ledger read wrong (which its checks then refuse, and the store reads the file again the
//! usual way) but never a string that is not text. A command's change copies the records it
//! leaves alone from the mapping; its save then finds the file written over, if it was, by
//! the stamp it checks before its file takes the old one's place, and refuses. A file cut
//! short under the mapping ends the process (the system's `SIGBUS`), here with a message that
//! says so: a program that lives on, the UI, maps nothing.

use std::fs::File;
use std::num::NonZeroUsize;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::Mutex;

use nix::sys::mman::{MapFlags, ProtFlags, mmap, munmap};
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

/// Files shorter than this are read: mapping costs more than copying a few pages.
pub const MAP_FROM: u64 = 256 * 1024;

/// A whole file, mapped read-only; unmapped when dropped.
pub struct Mapped {
    at: NonNull<std::ffi::c_void>,
    len: NonZeroUsize,
}

/// How many mappings are alive, and what `SIGBUS` did before the first: the handler is in
/// place while any is, whichever threads map and unmap.
static ALIVE: Mutex<(usize, Option<SigAction>)> = Mutex::new((0, None));

/// What the process says when a mapped file cannot be read any more.
const CUT_SHORT: &[u8] = b"trustladder: the data file could not be read to its end (another program cut it short as it was read, or the disk failed); nothing was changed; run the command again\n";

/// `SIGBUS` while a file is mapped: the file was cut short under the reader (or its disk
/// failed). Says so and ends the process, which has written nothing.
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

#[cfg(test)]
thread_local! {
    /// How many files this thread has mapped: what tells the tests a file was mapped.
    pub static MAPPED_HERE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Mapped {
    /// Maps the first `len` bytes of `file`; `None` when the system will not (the caller
    /// then reads the file).
    pub fn of(file: &File, len: u64) -> Option<Mapped> {
        let len = NonZeroUsize::new(usize::try_from(len).ok()?)?;
        let mut alive = ALIVE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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
        if alive.0 == 0 {
            let on_bus = SigAction::new(
                SigHandler::Handler(cut_short),
                SaFlags::empty(),
                SigSet::empty(),
            );
            // SAFETY: the handler only writes a static message and exits.
            alive.1 = unsafe { sigaction(Signal::SIGBUS, &on_bus) }.ok();
        }
        alive.0 += 1;
        #[cfg(test)]
        MAPPED_HERE.with(|n| n.set(n.get() + 1));
        Some(Mapped { at, len })
    }
}

// SAFETY: the mapping is read-only and private to the process, and unmapped only by `drop`,
// which takes it whole: any thread may read it, and the one that holds it last unmaps it.
unsafe impl Send for Mapped {}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mapped({} bytes)", self.len)
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
        let mut alive = ALIVE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // SAFETY: the mapping `of` made, unmapped once; no slice of it outlives `self`.
        let _ = unsafe { munmap(self.at, self.len.get()) };
        alive.0 = alive.0.saturating_sub(1);
        if alive.0 == 0
            && let Some(before) = alive.1.take()
        {
            // SAFETY: the action that was in place before the first mapping.
            let _ = unsafe { sigaction(Signal::SIGBUS, &before) };
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
        assert!(stderr.contains("another program cut it short"), "{stderr}");
        assert!(!stdout.contains("worth"), "{stdout}");
    }

    #[test]
    fn a_large_plain_file_is_mapped_to_be_shown_and_read_otherwise() {
        use crate::core::Ledger;
        use crate::store::{Store, encode};
        let day = crate::core::dates::parse_iso("2026-11-30").unwrap();
        let mut ledger = Ledger::default();
        for i in 0..2_000 {
            ledger
                .add_person(&format!("Colleague {i}"), "Backend", "", day)
                .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let (large, small) = (dir.path().join("large.json"), dir.path().join("small.json"));
        std::fs::write(&large, encode(&ledger)).unwrap();
        ledger.people.truncate(10);
        std::fs::write(&small, encode(&ledger)).unwrap();
        assert!(std::fs::metadata(&large).unwrap().len() >= MAP_FROM);
        assert!(std::fs::metadata(&small).unwrap().len() < MAP_FROM);
        let mapped = || MAPPED_HERE.with(std::cell::Cell::get);
        let before = mapped();
        assert_eq!(
            Store::open_to_show(&large).unwrap().ledger().people.len(),
            2_000
        );
        assert_eq!(mapped(), before + 1);
        assert_eq!(Store::open(&large).unwrap().ledger().people.len(), 2_000);
        assert_eq!(
            Store::open_to_show(&small).unwrap().ledger().people.len(),
            10
        );
        assert_eq!(mapped(), before + 1);
    }

    /// A command's one change copies what it leaves alone from the mapped file: the file it
    /// saves is the writer's own encoding of the ledger a store that read the file into
    /// memory saves with the same change.
    #[test]
    fn a_command_s_change_maps_a_large_file_and_saves_what_a_store_reading_it_saves() {
        use crate::core::change::Target;
        use crate::core::{Change, Status};
        use crate::store::{Store, encode};
        let day = crate::core::dates::parse_iso("2026-11-24").unwrap();
        let ledger = crate::core::generate::realistic(20, 2_000, day, 7);
        let open = (ledger.promises.iter())
            .find(|p| p.status == Status::Open)
            .map(|p| p.id)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (mapped_path, read_path) = (dir.path().join("m.json"), dir.path().join("r.json"));
        std::fs::write(&mapped_path, encode(&ledger)).unwrap();
        std::fs::write(&read_path, encode(&ledger)).unwrap();
        assert!(std::fs::metadata(&mapped_path).unwrap().len() >= MAP_FROM);
        let change = Change::Resolve {
            promise: Target::id(open),
            status: Status::Kept,
            on: day,
            note: Some("on time".into()),
        };
        let mapped = || MAPPED_HERE.with(std::cell::Cell::get);
        let before = mapped();
        let mut once = Store::open_once(&mapped_path).unwrap();
        assert_eq!(mapped(), before + 1);
        once.apply(&change, day).unwrap();
        let mut read = Store::open(&read_path).unwrap();
        assert_eq!(mapped(), before + 1);
        read.apply(&change, day).unwrap();
        let was = ledger.promise(open).unwrap().changed;
        let reopened = |path: &std::path::Path| {
            let mut saved = Store::open(path).unwrap().ledger().clone();
            // The time of the change and the save's random id are each save's own.
            saved.lineage.clear();
            for p in saved.promises.iter_mut().filter(|p| p.id == open) {
                p.changed = was;
            }
            saved
        };
        let (saved_once, saved_read) = (reopened(&mapped_path), reopened(&read_path));
        assert_eq!(saved_once, saved_read);
        let kept = saved_once.promise(open).unwrap();
        assert_eq!((kept.status, kept.note.as_str()), (Status::Kept, "on time"));
        let bytes = std::fs::read(&mapped_path).unwrap();
        assert_eq!(bytes, encode(Store::open(&mapped_path).unwrap().ledger()));
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
