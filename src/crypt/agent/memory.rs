//! Buffers for secrets: pages of their own, locked against swapping and wiped when dropped.
//!
//! A `Vec` that grows leaves the old copy of its bytes in freed memory, and the allocator's
//! pages may be swapped to disk; both would put a key where it outlives the agent. So every
//! buffer that ever holds a secret (the request read from a socket, the key the agent keeps,
//! the reply it writes) is a [`Locked`]: a fixed capacity chosen up front, its own anonymous
//! mapping (so that locking and unlocking it never affects another buffer's pages), locked with
//! `mlock`, left out of core dumps where the system allows (`MADV_DONTDUMP`), and zeroed before
//! it is unmapped.
//!
//! Locking can fail when `RLIMIT_MEMLOCK` is low. The buffer is then still private, wiped and
//! kept out of core dumps, only swappable; [`Locked::is_locked`] says so, and the agent reports
//! it (see `Status::memory_locked`) instead of refusing to work.

use std::ffi::c_void;
use std::io;
use std::num::NonZeroUsize;
use std::ptr::NonNull;

use nix::sys::mman::{MapFlags, ProtFlags, mlock, mmap_anonymous, munlock, munmap};
use zeroize::Zeroize;

/// A fixed-capacity byte buffer in locked, private memory, zeroed on drop.
pub(crate) struct Locked {
    /// The start of the mapping; valid for `capacity` bytes until drop.
    ptr: NonNull<u8>,
    capacity: usize,
    len: usize,
    locked: bool,
}

impl Locked {
    /// An empty buffer that can hold `capacity` bytes and never more (writing past it fails
    /// instead of moving the bytes).
    pub(crate) fn with_capacity(capacity: usize) -> io::Result<Locked> {
        let size = NonZeroUsize::new(capacity.max(1)).unwrap_or(NonZeroUsize::MIN);
        // SAFETY: a fresh private anonymous mapping at an address the kernel chooses aliases
        // no memory of this program.
        let ptr = unsafe {
            mmap_anonymous(
                None,
                size,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                MapFlags::MAP_PRIVATE,
            )
        }
        .map_err(io::Error::from)?;
        // SAFETY: the range is the mapping just made, which this buffer alone owns.
        let locked = unsafe { mlock(ptr, size.get()) }.is_ok();
        exclude_from_core_dumps(ptr, size.get());
        Ok(Locked {
            ptr: ptr.cast(),
            capacity: size.get(),
            len: 0,
            locked,
        })
    }

    /// Whether the pages are locked in memory (they cannot be swapped out).
    pub(crate) fn is_locked(&self) -> bool {
        self.locked
    }

    /// The bytes written so far.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `capacity` bytes, `len <= capacity`, and the mapping was
        // zero-filled by the kernel, so every byte is initialised.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The free space after the bytes written so far, to read into; see [`Locked::advance`].
    pub(crate) fn spare(&mut self) -> &mut [u8] {
        // SAFETY: as in `as_bytes`; the range `len..capacity` lies inside the mapping, and the
        // `&mut self` borrow makes it exclusive.
        unsafe {
            std::slice::from_raw_parts_mut(
                self.ptr.as_ptr().add(self.len),
                self.capacity - self.len,
            )
        }
    }

    /// Counts `n` more bytes of [`Locked::spare`] as written.
    pub(crate) fn advance(&mut self, n: usize) {
        self.len = (self.len + n).min(self.capacity);
    }

    /// Appends `bytes`, or fails (writing nothing) when they do not fit.
    pub(crate) fn extend(&mut self, bytes: &[u8]) -> io::Result<()> {
        let spare = self.spare();
        let Some(room) = spare.get_mut(..bytes.len()) else {
            return Err(io::Error::new(
                io::ErrorKind::OutOfMemory,
                "the secret buffer is full",
            ));
        };
        room.copy_from_slice(bytes);
        self.advance(bytes.len());
        Ok(())
    }
}

impl io::Write for Locked {
    /// Writes what fits; a full buffer writes nothing, so `write_all` fails with `WriteZero`.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(self.capacity - self.len);
        self.spare()[..n].copy_from_slice(&buf[..n]);
        self.advance(n);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        // SAFETY: the whole mapping, which this buffer alone owns, is still mapped.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.capacity) }.zeroize();
        let ptr: NonNull<c_void> = self.ptr.cast();
        // SAFETY: the range is this buffer's own mapping, unlocked and unmapped exactly once;
        // nothing refers to it after drop. A failure leaves zeroed pages behind, nothing more.
        unsafe {
            if self.locked {
                let _ = munlock(ptr, self.capacity);
            }
            let _ = munmap(ptr, self.capacity);
        }
    }
}

impl std::fmt::Debug for Locked {
    /// Never shows the bytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locked")
            .field("len", &self.len)
            .field("locked", &self.locked)
            .finish_non_exhaustive()
    }
}

/// Keeps the range out of core dumps (Linux); elsewhere the agent's refusal of core dumps
/// alone covers it.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exclude_from_core_dumps(ptr: NonNull<c_void>, len: usize) {
    use nix::sys::mman::{MmapAdvise, madvise};
    // SAFETY: the range is a mapping this buffer alone owns; the advice changes no content.
    // Failing leaves it to RLIMIT_CORE and PR_SET_DUMPABLE, which the agent sets as well.
    let _ = unsafe { madvise(ptr, len, MmapAdvise::MADV_DONTDUMP) };
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exclude_from_core_dumps(_ptr: NonNull<c_void>, _len: usize) {}
