//! The plain texts the agent keeps: of the ledgers it opened for a command that asked
//! (`remember`), each in a sealed memory file (`memfd`) locked against swapping, handed to a
//! later command as a read-only file descriptor when that command's file hashes as the one
//! opened (`text`). A command so spared the decryption maps the text instead, and needs no
//! fresh memory for it.
//!
//! A text is kept only where it can be locked in memory whole (within `RLIMIT_MEMLOCK`), so
//! that no plain text reaches swap; it goes with its key (idle time, `forget`, `lock`). The
//! agent writes a text again only when asked by the one command lent it to write: any other
//! may be reading it, and a text changed under a command that splices from it would be
//! written into the ledger.
//!
//! A command that says how long it maps a text (a lease: its connection stays open until it
//! is done) may be lent the memory file itself, writable, when no other command maps it and
//! none ever mapped it without a lease: a change then has the agent write the text of the
//! file it saved over the old one where it is (see `edits`), and the next command finds it
//! kept (see `protocol`). While lent so, the text is handed to no one. A command whose
//! file's text is not kept may be lent, the same way, the memory of a text of the same key
//! that no command maps, to decrypt its file into: once it says it is writing, the memory
//! is no file's text until it says which file's it is, and is given up if it ends without
//! saying; then the memory is that file's text, and no process took fresh pages for it. A
//! text given up is unmapped and closed, and the kernel clears its pages before they serve
//! anyone else.

use std::fs::File;
use std::io;
use std::num::NonZeroUsize;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::time::Duration;

use nix::fcntl::{FcntlArg, SealFlag, fcntl};
use nix::sys::memfd::{MFdFlags, memfd_create};
use nix::sys::mman::{MapFlags, ProtFlags, mlock, mmap, munmap};
use secrecy::SecretString;
use zeroize::Zeroize;

use crate::crypt::keyfile::Keys;

use super::edits::{self, Edit};
use super::protocol::{Lease, sealed_hash};

/// How long after the last save asking for a file the agent opens it: a burst of saves (a
/// script's changes, one after another) has it open the file they leave, not every one.
pub(crate) const SETTLE: Duration = Duration::from_millis(250);

/// The largest sealed file whose text is kept (about 170,000 promises): opening one takes
/// the agent, which answers one request at a time, a tenth of a second or so, and a larger
/// one would keep the commands after it waiting.
pub const MAX_TEXT: u64 = 64 << 20;

/// The most memory the texts kept take together: two of the largest.
const MAX_TEXTS_BYTES: u64 = 2 * MAX_TEXT;

/// The locked memory left to the keys and to the buffers requests are read into, which the
/// texts never take: a text must not push a key out of locked memory.
const FOR_KEYS: u64 = 1 << 20;

/// The most texts kept at once, of every key: the ledger as it is now, and one or two more
/// (the version a save replaced, which a command that read it before the save still asks for;
/// another ledger's).
const MAX_TEXTS: usize = 3;

/// How much larger than its text a memory file is made: the room a text written over it
/// (see `protocol`) has to grow, some hundreds of promises added.
fn room_for_growth(len: usize) -> usize {
    len / 32 + (64 << 10)
}

/// One plain text kept.
struct Text {
    /// What a lease names it by.
    id: u64,
    /// The key that opened it.
    key: String,
    /// The hash of the sealed file it is the text of.
    sealed: u128,
    /// The memory file, writable: lent only on a write lease.
    file: File,
    /// The read-only descriptor handed out otherwise.
    reader: OwnedFd,
    /// The agent's own mapping of the whole memory file, which holds the pages locked.
    map: NonNull<std::ffi::c_void>,
    /// The memory file's size, which never changes (it is sealed against growing and
    /// shrinking, so that no mapping of it ever faults past its end).
    room: NonZeroUsize,
    /// The text's length, at most `room`.
    len: NonZeroUsize,
    /// How many commands holding a lease map it now.
    leases: usize,
    /// Handed to a command without a lease (an older trustladder, or `check`): it may be
    /// mapped still, so it is never written over.
    blind: bool,
    /// Lent on a write lease: handed to no one else until that lease ends.
    writer: bool,
    /// Being written over: no file's text until the command says which.
    dirty: bool,
}

impl Text {
    /// The whole memory file, as the agent's own mapping of it, writable: the text at its
    /// start, the room to grow past it. Which command may read it meanwhile is the caller's
    /// to know (see the module's note).
    fn memory(&mut self) -> &mut [u8] {
        // SAFETY: the mapping `Texts::remember` made of the whole memory file, `room` bytes
        // readable and writable, which lives as long as the text; borrowed mutably from it,
        // so no other slice of it is alive in this process.
        unsafe { std::slice::from_raw_parts_mut(self.map.as_ptr().cast::<u8>(), self.room.get()) }
    }
}

impl Drop for Text {
    fn drop(&mut self) {
        // SAFETY: the mapping `Texts::remember` made, unmapped once (which unlocks it); no
        // slice of it outlives the text. A command that maps the file keeps its own mapping.
        let _ = unsafe { munmap(self.map, self.room.get()) };
    }
}

/// A text handed to a command: its descriptor, its length, the room of a writable one, and
/// the id a lease names it by; or, not `held`, the memory of a text no command reads, lent
/// for the command to decrypt its file into.
pub(crate) struct Handed<'a> {
    pub fd: BorrowedFd<'a>,
    pub len: u64,
    pub room: Option<u64>,
    pub id: u64,
    pub held: bool,
}

/// A file to open once saves to it have settled.
struct Pending {
    key: String,
    path: PathBuf,
    due: Duration,
}

/// The texts the agent keeps, and the files it is to open.
#[derive(Default)]
pub(crate) struct Texts {
    /// Least recently used first.
    kept: Vec<Text>,
    pending: Vec<Pending>,
    /// The id the next text kept gets.
    next_id: u64,
}

impl Texts {
    /// How many texts are kept.
    pub(crate) fn len(&self) -> usize {
        self.kept.len()
    }

    /// The key of the text `id`, if it is kept.
    pub(crate) fn key_of(&self, id: u64) -> Option<&str> {
        self.kept
            .iter()
            .find(|text| text.id == id)
            .map(|text| text.key.as_str())
    }

    /// Opens `path` with `key` [`SETTLE`] after `now`, unless asked again meanwhile.
    pub(crate) fn later(&mut self, key: &str, path: PathBuf, now: Duration) {
        self.pending
            .retain(|pending| pending.key != key || pending.path != path);
        self.pending.push(Pending {
            key: key.to_string(),
            path,
            due: now.saturating_add(SETTLE),
        });
    }

    /// Whether `path` is to be opened with `key` once saves to it settle: saves to it go on.
    pub(crate) fn settling(&self, key: &str, path: &Path) -> bool {
        self.pending
            .iter()
            .any(|pending| pending.key == key && pending.path == path)
    }

    /// How long until the next file is to be opened, if any is.
    pub(crate) fn next_due(&self, now: Duration) -> Option<Duration> {
        self.pending
            .iter()
            .map(|pending| pending.due.saturating_sub(now))
            .min()
    }

    /// The files whose time to be opened has come, as key and path, taken off the list.
    pub(crate) fn due(&mut self, now: Duration) -> Vec<(String, PathBuf)> {
        let (due, waiting) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|pending| pending.due <= now);
        self.pending = waiting;
        due.into_iter()
            .map(|pending: Pending| (pending.key, pending.path))
            .collect()
    }

    /// The text kept for `key`'s file whose sealed bytes hash to `sealed`, handed as `lease`
    /// says (see [`Texts::released`]): read-only, or the memory file itself on a write lease
    /// when no one else maps it. Counts as a use.
    pub(crate) fn find(
        &mut self,
        key: &str,
        sealed: u128,
        lease: Option<Lease>,
    ) -> Option<Handed<'_>> {
        if self.used(key, sealed).is_none() {
            return self.lend_to_fill(key, lease);
        }
        let text = self.kept.last_mut()?;
        let write = lease == Some(Lease::Write) && text.leases == 0 && !text.blind;
        match lease {
            None => text.blind = true,
            Some(_) => text.leases += 1,
        }
        text.writer = write;
        Some(Handed {
            fd: if write {
                text.file.as_fd()
            } else {
                text.reader.as_fd()
            },
            len: text.len.get() as u64,
            room: write.then_some(text.room.get() as u64),
            id: text.id,
            held: true,
        })
    }

    /// For a `fill` or `write` lease on a file whose text is not kept: the memory of the text
    /// of `key` used least recently that no command maps, lent writable (its old text is no
    /// one's once the command says it is writing over it).
    fn lend_to_fill(&mut self, key: &str, lease: Option<Lease>) -> Option<Handed<'_>> {
        if !matches!(lease, Some(Lease::Fill | Lease::Write)) {
            return None;
        }
        let text = self
            .kept
            .iter_mut()
            .find(|text| text.key == key && text.leases == 0 && !text.blind && !text.writer)?;
        text.leases += 1;
        text.writer = true;
        Some(Handed {
            fd: text.file.as_fd(),
            len: 0,
            room: Some(text.room.get() as u64),
            id: text.id,
            held: false,
        })
    }

    /// The text lent as `id` on a write lease is being written over: it is no file's text
    /// until [`Texts::rewritten`].
    pub(crate) fn rewriting(&mut self, id: u64) {
        if let Some(text) = self.kept.iter_mut().find(|t| t.id == id && t.writer) {
            text.dirty = true;
        }
    }

    /// The text lent as `id` on a write lease is now that of the file whose sealed bytes
    /// hash to `sealed`, `len` bytes long; one that cannot be (longer than its room, or
    /// empty) is given up. Another text kept of that file goes: it is the same. The command
    /// may write over it again until its lease ends: it is handed to no one before.
    pub(crate) fn rewritten(&mut self, id: u64, sealed: u128, len: u64) {
        let Some(at) = self.kept.iter().position(|t| t.id == id && t.writer) else {
            return;
        };
        let text = &mut self.kept[at];
        let fits = usize::try_from(len)
            .ok()
            .and_then(NonZeroUsize::new)
            .filter(|len| *len <= text.room);
        let Some(len) = fits else {
            self.kept.remove(at);
            return;
        };
        text.sealed = sealed;
        text.len = len;
        text.dirty = false;
        let key = text.key.clone();
        let text = self.kept.remove(at);
        self.kept
            .retain(|other| other.key != key || other.sealed != sealed || other.dirty);
        self.kept.push(text);
    }

    /// Writes `edits` over the text lent as `id` on a write lease (see `edits`), which is then
    /// that of the file whose sealed bytes hash to `sealed`, `len` bytes long. Edits that
    /// cannot be written as they say change nothing, and the text stays the old file's; a
    /// text they would not leave `len` bytes long is given up. What lies past the text then
    /// is wiped: the stretches the command put there, and what a shorter text left behind.
    pub(crate) fn rewrite(&mut self, id: u64, sealed: u128, len: u64, edits: &[Edit]) {
        let Some(text) = self
            .kept
            .iter_mut()
            .find(|t| t.id == id && t.writer && !t.dirty)
        else {
            return;
        };
        // Lent on a write lease: no other command is handed it, and the one that holds the
        // lease reads it no more once it asks for this.
        let old_len = text.len.get();
        let bytes = text.memory();
        let Some(written) = edits::write(bytes, old_len, edits) else {
            return;
        };
        bytes[written..].zeroize();
        if written as u64 == len {
            self.rewritten(id, sealed, len);
        } else {
            self.kept.retain(|t| t.id != id);
        }
    }

    /// A lease on the text `id` ended (the command closed its connection, most often by
    /// ending): a text it was writing over and never said whose it is now is given up.
    pub(crate) fn released(&mut self, id: u64) {
        let Some(at) = self.kept.iter().position(|t| t.id == id) else {
            return;
        };
        let text = &mut self.kept[at];
        text.leases = text.leases.saturating_sub(1);
        if text.writer {
            text.writer = false;
            if text.dirty {
                self.kept.remove(at);
            }
        }
    }

    /// Gives up every text opened by `key`, and every file it was to open.
    pub(crate) fn forget_key(&mut self, key: &str) {
        self.kept.retain(|text| text.key != key);
        self.pending.retain(|pending| pending.key != key);
    }

    /// Gives up every text, and every file it was to open.
    pub(crate) fn clear(&mut self) {
        self.kept.clear();
        self.pending.clear();
    }

    /// Opens the sealed file at `path` with `secret` (the keys `key` names) and keeps its
    /// plain text; does nothing when the file is not one those keys open, is larger than the
    /// memory this process may lock, or cannot be kept whole in locked memory. Texts used
    /// least recently make room for it.
    pub(crate) fn remember(&mut self, key: &str, secret: &SecretString, path: &Path) {
        let Some(budget) = lockable().map(budget) else {
            return;
        };
        let Some(sealed) = read_at_most(path, budget.min(MAX_TEXT)) else {
            return;
        };
        let hash = sealed_hash(&sealed);
        if self.used(key, hash).is_some() {
            return;
        }
        let Ok(keys) = Keys::from_secret(secret) else {
            return;
        };
        if self.open_over(key, &keys, &sealed, hash) {
            return;
        }
        let Ok(plain) = keys.open(&sealed) else {
            return;
        };
        drop(sealed);
        let Some(len) = NonZeroUsize::new(plain.len()) else {
            return;
        };
        let room = len.saturating_add(room_for_growth(len.get()));
        while !self.kept.is_empty() && !self.room_for(room.get(), budget) {
            self.kept.remove(0);
        }
        loop {
            match kept(&plain, len, room) {
                Ok((file, reader, map)) => {
                    self.next_id += 1;
                    self.kept.push(Text {
                        id: self.next_id,
                        key: key.to_string(),
                        sealed: hash,
                        file,
                        reader,
                        map,
                        room,
                        len,
                        leases: 0,
                        blind: false,
                        writer: false,
                        dirty: false,
                    });
                    return;
                }
                // Locked memory runs short: the oldest text makes room, until none is left.
                Err(_) if !self.kept.is_empty() => {
                    self.kept.remove(0);
                }
                Err(_) => return,
            }
        }
    }
}

impl Texts {
    /// Opens the file whose sealed bytes are `sealed` (hashing to `hash`) with `keys` into the
    /// memory of the text of `key` used least recently that no command maps and that has
    /// room for it, as a command is lent such memory to decrypt into: the memory is then that
    /// file's text, and no fresh memory was taken or locked for it. Whether the file was
    /// dealt with: `false` when no such memory is there; a file that does not open leaves
    /// that memory no text, and it is given up.
    fn open_over(&mut self, key: &str, keys: &Keys, sealed: &[u8], hash: u128) -> bool {
        let Some(len) = crate::crypt::envelope::plain_len(sealed).and_then(NonZeroUsize::new)
        else {
            return false;
        };
        let Some(at) = self.kept.iter().position(|text| {
            text.key == key && text.leases == 0 && !text.blind && !text.writer && len <= text.room
        }) else {
            return false;
        };
        let text = &mut self.kept[at];
        // No command maps this text (none holds a lease on it, and it was never handed to one
        // that keeps none), and none is handed it while the agent writes.
        let bytes = text.memory();
        if keys.open_into(sealed, &mut bytes[..len.get()]).is_err() {
            bytes.zeroize();
            self.kept.remove(at);
            return true;
        }
        bytes[len.get()..].zeroize();
        text.sealed = hash;
        text.len = len;
        let text = self.kept.remove(at);
        self.kept.push(text);
        true
    }

    /// Moves the text kept for `key`'s file hashing to `sealed`, if any, to the end of the
    /// list, as the one used last. One lent to be written over is not that file's text now.
    fn used(&mut self, key: &str, sealed: u128) -> Option<()> {
        let at = self
            .kept
            .iter()
            .position(|text| text.key == key && text.sealed == sealed && !text.writer)?;
        let text = self.kept.remove(at);
        self.kept.push(text);
        Some(())
    }

    /// Whether a text of `len` bytes may join those kept, within `budget` bytes for all.
    fn room_for(&self, len: usize, budget: u64) -> bool {
        let kept: usize = self.kept.iter().map(|text| text.room.get()).sum();
        self.kept.len() < MAX_TEXTS && (kept + len) as u64 <= budget
    }
}

/// The memory all texts may take when the process may lock `limit` bytes: what the keys
/// need set aside, and no more than two of the largest texts.
fn budget(limit: u64) -> u64 {
    limit.saturating_sub(FOR_KEYS).min(MAX_TEXTS_BYTES)
}

/// The bytes of the regular file at `path`, when there are no more than `most` (opened as
/// the store opens a ledger: a named pipe given as the path never blocks the agent).
fn read_at_most(path: &Path, most: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let (file, meta) = crate::store::open_regular(path).ok()??;
    if meta.len() > most {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    file.take(most.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= most).then_some(bytes)
}

/// The most bytes this process may lock, or `None` when it may lock none.
fn lockable() -> Option<u64> {
    let (soft, _) =
        nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_MEMLOCK).ok()?;
    (soft > 0).then_some(soft)
}

/// `plain` (of `len` bytes) at the start of a new memory file of `room` bytes, locked in
/// memory, sealed against growing and shrinking (so that no mapping of it ever faults past
/// its end): the file, a read-only descriptor of it, and the mapping that holds it locked.
fn kept(
    plain: &[u8],
    len: NonZeroUsize,
    room: NonZeroUsize,
) -> io::Result<(File, OwnedFd, NonNull<std::ffi::c_void>)> {
    let memfd = memfd_create(
        c"trustladder-text",
        MFdFlags::MFD_CLOEXEC | MFdFlags::MFD_ALLOW_SEALING,
    )?;
    let file = File::from(memfd);
    file.set_len(room.get() as u64)?;
    // SAFETY: a shared mapping of the memory file just made, which nothing else maps yet.
    let map = unsafe {
        mmap(
            None,
            room,
            ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
            MapFlags::MAP_SHARED,
            &file,
            0,
        )
    }?;
    // SAFETY: the range is the mapping just made. Locked before anything is written, so no
    // page of plain text is ever swappable.
    let filled = unsafe { mlock(map, room.get()) }
        .map_err(io::Error::from)
        .and_then(|()| {
            // SAFETY: the mapping is `room` writable bytes, this function's alone, and `len`
            // is at most `room`.
            let bytes =
                unsafe { std::slice::from_raw_parts_mut(map.as_ptr().cast::<u8>(), len.get()) };
            bytes.copy_from_slice(plain);
            fcntl(
                &file,
                FcntlArg::F_ADD_SEALS(
                    SealFlag::F_SEAL_SHRINK | SealFlag::F_SEAL_GROW | SealFlag::F_SEAL_SEAL,
                ),
            )
            .map_err(io::Error::from)?;
            read_only(&file)
        });
    match filled {
        Ok(reader) => Ok((file, reader, map)),
        Err(e) => {
            // SAFETY: the mapping made above, unmapped once; nothing refers to it.
            let _ = unsafe { munmap(map, room.get()) };
            Err(e)
        }
    }
}

/// A read-only descriptor of `file`, opened anew through `/proc`: one that can be mapped
/// only for reading, so that no command can change the text another will be handed.
fn read_only(file: &File) -> io::Result<OwnedFd> {
    let path = format!("/proc/self/fd/{}", file.as_raw_fd());
    Ok(OwnedFd::from(File::open(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texts_leave_the_keys_their_locked_memory_and_keep_two_of_the_largest_at_most() {
        assert_eq!(
            budget(8 << 20),
            7 << 20,
            "the usual limit, less a MiB for the keys"
        );
        assert_eq!(budget(64 << 10), 0, "an old system's limit: no text at all");
        assert_eq!(budget(u64::MAX), 2 * MAX_TEXT, "no limit (root)");
        let none = Texts::default();
        assert!(none.room_for(7 << 20, 7 << 20));
        assert!(!none.room_for((7 << 20) + 1, 7 << 20));
    }
}
