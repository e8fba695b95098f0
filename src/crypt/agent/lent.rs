//! A plain text the agent lends a command (see `texts`), on the command's side: the
//! connection that is the lease, kept open for as long as the command maps the text, and,
//! on a write lease, the change to the text of the file the command saved, which the agent
//! writes (see `edits`), or the file decrypted into the memory lent.

use std::fs::File;
use std::io::Write;
use std::num::NonZeroUsize;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use nix::sys::mman::{MapFlags, ProtFlags, mmap, munmap};

use super::edits::Edits;
use super::protocol::{self, LINE_OVERHEAD, Op, Request};

/// How long a message on a lease may take to send: the agent reads it when it next looks.
const SEND_TIMEOUT: Duration = Duration::from_secs(2);

/// A text the agent keeps, handed to this command: its memory file (read-only, or writable
/// on a write lease), the text's length, and the lease when one was asked for. The lease
/// must outlive every mapping of the file: the agent lends the text to be written over once
/// no lease on it is left.
pub struct KeptText {
    pub file: File,
    pub len: u64,
    /// Whether it holds the text; if not, it is the memory of a text no command reads, lent
    /// writable for the file to be decrypted into ([`TextLease::fill`]).
    pub held: bool,
    /// The hash of the sealed file it was asked for by.
    pub sealed: u128,
    pub lease: Option<TextLease>,
}

/// A lease on a text the agent keeps: ends when dropped (or when the process ends).
#[derive(Debug)]
pub struct TextLease {
    stream: UnixStream,
    /// The memory file's size, on a write lease.
    room: Option<NonZeroUsize>,
}

impl TextLease {
    pub(super) fn new(stream: UnixStream, room: Option<u64>) -> TextLease {
        TextLease {
            stream,
            room: room
                .and_then(|room| usize::try_from(room).ok())
                .and_then(NonZeroUsize::new),
        }
    }

    /// How long a text written over this one may be: `None` unless lent to be written.
    pub fn room(&self) -> Option<usize> {
        self.room.map(NonZeroUsize::get)
    }

    /// Has the agent write a change's text over the lent one (see `edits`): puts the new
    /// stretches in `file` (the memory file that came with the lease), past all the text
    /// becomes, and sends where each goes, with the hash of the sealed file whose text the
    /// lent one then is. Whether it could ask; the agent changes nothing where the edits
    /// cannot be written as they say.
    ///
    /// No mapping of `file` this process made before may be read after this: its bytes
    /// change under it.
    pub fn edit(&mut self, file: &File, sealed: u128, edits: &Edits) -> bool {
        use std::os::unix::fs::FileExt;
        let Some(room) = self.room else {
            return false;
        };
        if edits.room != room.get()
            || self.stream.set_write_timeout(Some(SEND_TIMEOUT)).is_err()
            || file.write_all_at(&edits.texts, edits.at as u64).is_err()
        {
            return false;
        }
        let hash = format!("{sealed:032x}");
        self.send(&Request {
            sealed: Some(&hash),
            len: Some(edits.len as u64),
            edits: Some(protocol::wire_edits(&edits.list)),
            ..Request::of(Op::Rewrite, None)
        })
    }

    /// Decrypts into the memory lent (see [`KeptText::held`]) the file whose sealed bytes
    /// hash to `sealed`, `len` bytes of plain text, as `open` does into the slice it is given
    /// (saying whether it could), and tells the agent that the memory is now that file's
    /// text: first that it is being written (it is no file's text then), last whose it is.
    /// The text's length, or `None`, having written nothing, where it does not fit. Whatever
    /// goes wrong once writing has begun, the agent is not told whose text it is, and gives
    /// it up when the lease ends.
    ///
    /// No mapping of `file` this process made before may be read after this: its bytes
    /// change under it.
    pub fn fill(
        &mut self,
        file: &File,
        sealed: u128,
        len: usize,
        open: impl FnOnce(&mut [u8]) -> bool,
    ) -> Option<usize> {
        let room = self.room?;
        // Mapped past its end, the memory file would end this process (`SIGBUS`).
        if len == 0
            || len > room.get()
            || !file
                .metadata()
                .is_ok_and(|meta| meta.len() >= room.get() as u64)
            || self.stream.set_write_timeout(Some(SEND_TIMEOUT)).is_err()
            || !self.send(&Request::of(Op::Rewriting, None))
        {
            return None;
        }
        // SAFETY: a shared mapping of the agent's memory file, `room` bytes (no more than its
        // size, which is sealed); the agent lent it on a write lease, so no other process
        // maps it. Its pages are the agent's already: mapped all at once, they cost a
        // fraction of what a fault for each would (1,221 page faults for an `agenda` that
        // decrypts its file into them, against 2,145).
        let Ok(map) = (unsafe {
            mmap(
                None,
                room,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                MapFlags::MAP_SHARED | MapFlags::MAP_POPULATE,
                file,
                0,
            )
        }) else {
            return None;
        };
        // SAFETY: the mapping just made, `room` writable bytes, this function's alone until
        // it is unmapped below.
        let bytes =
            unsafe { std::slice::from_raw_parts_mut(map.as_ptr().cast::<u8>(), room.get()) };
        let opened = open(&mut bytes[..len]);
        // SAFETY: the mapping made above, unmapped once; `bytes` is not used after this.
        let _ = unsafe { munmap(map, room.get()) };
        if !opened {
            return None;
        }
        let hash = format!("{sealed:032x}");
        self.send(&Request {
            sealed: Some(&hash),
            len: Some(len as u64),
            ..Request::of(Op::Rewritten, None)
        })
        .then_some(len)
    }

    /// Sends one message on the lease.
    fn send(&mut self, request: &Request<'_>) -> bool {
        protocol::encode_line(request, LINE_OVERHEAD)
            .is_ok_and(|line| self.stream.write_all(line.as_bytes()).is_ok())
    }
}
