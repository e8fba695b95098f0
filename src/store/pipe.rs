//! A file written on a second thread while the first still makes its bytes: what lets an
//! encrypted save seal on one core while another copies the sealed bytes into the file and
//! starts the disk's writeback, so the cipher, the copy and the disk work at the same time and
//! the final sync has little left to wait for. A plain save has nothing to overlap (its bytes
//! are ready), so it writes directly.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use twox_hash::XxHash3_128 as Xxh3;

use super::append::Appender;
use crate::crypt::SealedOut;

/// How many bytes go to the file at once. Small enough that the disk starts early and few
/// buffers are alive, large enough that the writes are few.
const BATCH: usize = 256 << 10;

/// Runs `make` with a writer whose bytes reach `file` through a second thread, which also asks
/// the kernel to start writing each batch to the disk, and, asked to `hash`, hashes what it
/// writes as the agent knows a sealed file (`crypt::agent::sealed_hash`), while the first
/// thread still makes the bytes. A failure of the file (a full disk) is the error returned,
/// rather than the broken pipe `make` then sees.
pub fn through(
    file: &mut File,
    hash: bool,
    make: impl FnOnce(&mut dyn SealedOut) -> io::Result<()>,
) -> io::Result<Option<u128>> {
    // Full batches go one way, emptied buffers come back to be filled again.
    let (full, batches) = sync_channel::<Vec<u8>>(2);
    let (spare, spares) = sync_channel::<Vec<u8>>(4);
    let shared: &File = file;
    std::thread::scope(|scope| {
        let made = std::thread::Builder::new()
            .spawn_scoped(scope, move || write_batches(shared, hash, batches, spare));
        let Ok(writer) = made else {
            return directly(shared, hash, make);
        };
        let mut pipe = Pipe::to(To::Thread { full, spares });
        let made = make(&mut pipe).and_then(|()| pipe.send());
        drop(pipe);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread failed")));
        written.and_then(|hash| made.map(|()| hash))
    })
}

/// The second thread: writes each batch at the end of the file, starts its writeback, and
/// hands the buffer back; with the hash of every byte written, when asked.
fn write_batches(
    file: &File,
    hash: bool,
    batches: Receiver<Vec<u8>>,
    spare: SyncSender<Vec<u8>>,
) -> io::Result<Option<u128>> {
    let mut appender = Appender::new(file);
    let mut hasher = hash.then(Xxh3::new);
    for mut batch in batches {
        appender.append(&batch)?;
        if let Some(hasher) = &mut hasher {
            hasher.write(&batch);
        }
        batch.clear();
        // Refused when the maker has finished or holds enough buffers already: then this
        // one is simply freed.
        let _ = spare.try_send(batch);
    }
    Ok(hasher.map(|hasher| hasher.finish_128()))
}

/// [`through`] where no second thread is to be had (too little memory, too many threads): the
/// bytes go to `file` on this one, in batches as the writer's do, where `std`'s scoped spawn
/// had panicked and ended the save with a backtrace.
fn directly(
    file: &File,
    hash: bool,
    make: impl FnOnce(&mut dyn SealedOut) -> io::Result<()>,
) -> io::Result<Option<u128>> {
    let mut pipe = Pipe::to(To::File(
        Appender::new(file),
        hash.then(|| Box::new(Xxh3::new())),
    ));
    make(&mut pipe).and_then(|()| pipe.send())?;
    Ok(match pipe.to {
        To::File(_, hasher) => hasher.map(|hasher| hasher.finish_128()),
        To::Thread { .. } => None,
    })
}

/// Where a full batch goes.
enum To<'a> {
    /// To the writing thread, which hands emptied buffers back.
    Thread {
        full: SyncSender<Vec<u8>>,
        spares: Receiver<Vec<u8>>,
    },
    /// Into the file on this thread, where no second one could be made; hashed as it goes,
    /// when asked.
    File(Appender<'a>, Option<Box<Xxh3>>),
}

/// The maker's end: gathers bytes into a batch, and sends it once full.
struct Pipe<'a> {
    batch: Vec<u8>,
    to: To<'a>,
}

impl<'a> Pipe<'a> {
    fn to(to: To<'a>) -> Pipe<'a> {
        Pipe {
            batch: Vec::with_capacity(BATCH),
            to,
        }
    }

    fn send(&mut self) -> io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        match &mut self.to {
            To::Thread { full, spares } => {
                let next = spares
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(BATCH));
                let batch = std::mem::replace(&mut self.batch, next);
                full.send(batch)
                    .map_err(|_| io::ErrorKind::BrokenPipe.into())
            }
            To::File(appender, hasher) => {
                appender.append(&self.batch)?;
                if let Some(hasher) = hasher {
                    hasher.write(&self.batch);
                }
                self.batch.clear();
                Ok(())
            }
        }
    }
}

impl Write for Pipe<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let room = BATCH - self.batch.len();
        let taken = bytes.len().min(room);
        self.batch.extend_from_slice(&bytes[..taken]);
        if self.batch.len() == BATCH {
            self.send()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl SealedOut for Pipe<'_> {
    /// The batch, sent first when `len` more bytes would make it larger than a batch.
    fn room(&mut self, len: usize) -> io::Result<&mut Vec<u8>> {
        if self.batch.len() + len > BATCH {
            self.send()?;
        }
        self.batch.reserve(len);
        Ok(&mut self.batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Bytes over three batches and a part of one, none like its neighbours.
    fn made() -> Vec<u8> {
        (0..3 * BATCH + 12_345).map(|i| (i % 251) as u8).collect()
    }

    /// Writes `made` in pieces of odd sizes, as an encoder does.
    fn in_pieces(made: &[u8], out: &mut dyn Write) -> io::Result<()> {
        for piece in made.chunks(65_552) {
            out.write_all(piece)?;
        }
        Ok(())
    }

    /// What `file` holds, from its start.
    fn read_back(file: &mut File) -> Vec<u8> {
        let mut back = Vec::new();
        std::io::Seek::rewind(file).unwrap();
        file.read_to_end(&mut back).unwrap();
        back
    }

    #[test]
    fn what_is_made_reaches_the_file_whole_and_in_order() {
        let mut file = tempfile::tempfile().unwrap();
        let made = made();
        let hash = through(&mut file, false, |out| in_pieces(&made, out)).unwrap();
        let back = read_back(&mut file);
        assert_eq!(back.len(), made.len());
        assert!(back == made, "the bytes come back as they were made");
        assert_eq!(hash, None, "not asked for");
    }

    /// Asked, either path hashes what it wrote as the agent hashes a whole sealed file.
    #[test]
    fn what_is_written_is_hashed_as_a_whole_file_is() {
        let made = made();
        let whole = crate::crypt::agent::sealed_hash(&made);
        let mut file = tempfile::tempfile().unwrap();
        let hash = through(&mut file, true, |out| in_pieces(&made, out)).unwrap();
        assert_eq!(hash, Some(whole), "through the second thread");
        let file = tempfile::tempfile().unwrap();
        let hash = directly(&file, true, |out| in_pieces(&made, out)).unwrap();
        assert_eq!(hash, Some(whole), "on this thread");
        let hash = directly(&file, true, |out| in_pieces(&made[1..], out)).unwrap();
        assert_ne!(hash, Some(whole), "a byte short is another file");
    }

    /// What a save writes where no second thread can be made reaches the file whole and in
    /// order, and a failure of the file comes back.
    #[test]
    fn without_a_second_thread_what_is_made_reaches_the_file_directly() {
        let mut file = tempfile::tempfile().unwrap();
        let made = made();
        directly(&file, false, |out| in_pieces(&made, out)).unwrap();
        assert!(
            read_back(&mut file) == made,
            "the bytes come back as they were made"
        );

        let path = tempfile::NamedTempFile::new().unwrap();
        let read_only = File::open(path.path()).unwrap();
        let err =
            directly(&read_only, false, |out| out.write_all(&vec![7; 2 * BATCH])).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EBADF), "{err}");
    }

    /// Bytes appended in the buffers the pipe lends (as a chunk is sealed in place) and bytes
    /// written, taking turns, reach the file in the order they came, on either path.
    #[test]
    fn bytes_put_in_lent_buffers_and_written_keep_their_order() {
        let made = made();
        let fill = |out: &mut dyn SealedOut| -> io::Result<()> {
            for (turn, piece) in made.chunks(65_552).enumerate() {
                if turn % 3 == 0 {
                    out.write_all(piece)?;
                } else {
                    out.room(piece.len())?.extend_from_slice(piece);
                }
            }
            Ok(())
        };
        let mut file = tempfile::tempfile().unwrap();
        through(&mut file, false, fill).unwrap();
        assert!(read_back(&mut file) == made, "through the second thread");
        let mut file = tempfile::tempfile().unwrap();
        directly(&file, true, fill).unwrap();
        assert!(read_back(&mut file) == made, "on this thread");
    }

    #[test]
    fn the_makers_failure_is_returned_and_so_is_the_files() {
        let mut file = tempfile::tempfile().unwrap();
        let err = through(&mut file, true, |out| {
            out.write_all(b"some")?;
            Err(io::Error::other("the maker gave up"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the maker gave up");

        // A file opened for reading only cannot be written: the writer's error comes back,
        // not the broken pipe the maker sees once the writer has stopped.
        let path = tempfile::NamedTempFile::new().unwrap();
        let mut read_only = File::open(path.path()).unwrap();
        let err = through(&mut read_only, true, |out| {
            for _ in 0..16 {
                out.write_all(&vec![7; BATCH])?;
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EBADF), "{err}");
    }
}
