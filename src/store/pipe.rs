//! A file's bytes made on a second thread while the first readies the file and then writes
//! them: what lets an encrypted save seal on one core from the moment it starts, while the
//! other keeps the backup and readies the temp file (both mostly waiting for the disk), then
//! copies the sealed bytes into the file and starts the disk's writeback, so the cipher, the
//! copy and the disk work at the same time and the final sync has little left to wait for. A
//! plain save has nothing to overlap (its bytes are ready), so it writes directly.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use twox_hash::XxHash3_128 as Xxh3;

use super::append::Appender;
use crate::crypt::SealedOut;

/// How many bytes go to the file at once. Small enough that the disk starts early and few
/// buffers are alive, large enough that the writes are few.
const BATCH: usize = 256 << 10;

/// Bytes made on a second thread from the moment [`ahead`] starts it, before the file they go
/// to is ready: an encrypted save seals while it keeps its backup and readies its temp file,
/// which mostly wait for the disk, then writes what was sealed meanwhile and the rest as it
/// comes ([`Ahead::write_to`]). Dropped unwritten (a save that failed before its file was
/// ready), it lets the maker stop at its next batch.
pub enum Ahead<'scope, M> {
    /// The maker runs on its thread; its batches come here, and emptied buffers go back.
    Made {
        maker: ScopedJoinHandle<'scope, io::Result<()>>,
        batches: Receiver<Vec<u8>>,
        spare: SyncSender<Vec<u8>>,
    },
    /// No second thread was to be had (too little memory, too many threads): the maker runs
    /// when the file is ready, on the thread that writes it.
    Later(M),
}

/// Starts `make` on a thread of `scope`, its bytes gathered in batches until
/// [`Ahead::write_to`] takes them: at most [`AHEAD`] batches wait for the file.
pub fn ahead<'scope, 'env, M>(scope: &'scope Scope<'scope, 'env>, make: M) -> Ahead<'scope, M>
where
    M: FnOnce(&mut dyn SealedOut) -> io::Result<()> + Send + 'scope,
{
    // Full batches go one way, emptied buffers come back to be filled again.
    let (full, batches) = sync_channel::<Vec<u8>>(AHEAD);
    let (spare, spares) = sync_channel::<Vec<u8>>(AHEAD + 2);
    // The maker is handed over once its thread runs, so that it is still here if none can be
    // made.
    let (hand, handed) = sync_channel::<M>(1);
    let started = std::thread::Builder::new().spawn_scoped(scope, move || {
        let make = handed
            .recv()
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        let mut pipe = Pipe::to(To::Thread { full, spares });
        make(&mut pipe).and_then(|()| pipe.send())
    });
    match started {
        Ok(maker) => match hand.send(make) {
            Ok(()) => Ahead::Made {
                maker,
                batches,
                spare,
            },
            Err(std::sync::mpsc::SendError(make)) => Ahead::Later(make),
        },
        Err(_) => Ahead::Later(make),
    }
}

impl<M> Ahead<'_, M>
where
    M: FnOnce(&mut dyn SealedOut) -> io::Result<()>,
{
    /// Writes every byte the maker makes at the end of `file`, and, asked to `hash`, hashes
    /// them as the agent knows a sealed file (`crypt::agent::sealed_hash`). A failure of the
    /// file (a full disk) is the error returned, rather than the broken pipe the maker then
    /// sees.
    pub fn write_to(self, file: &File, hash: bool) -> io::Result<Option<u128>> {
        match self {
            Ahead::Made {
                maker,
                batches,
                spare,
            } => {
                let written = write_batches(file, hash, batches, spare);
                let made = maker
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("the sealing thread failed")));
                written.and_then(|hash| made.map(|()| hash))
            }
            Ahead::Later(make) => directly(file, hash, make),
        }
    }
}

/// How many full batches the maker may be ahead of the writer, each a batch of fresh memory:
/// with two, three or four an encrypted save at 10k took the same time, with one or eight a
/// little longer (docs/PERFORMANCE-LOG.md).
const AHEAD: usize = 2;

/// The writing end: writes each batch at the end of the file, starts its writeback, and hands
/// the buffer back; with the hash of every byte written, when asked. Returns at the first
/// failure, which lets the maker stop.
fn write_batches(
    file: &File,
    hash: bool,
    batches: Receiver<Vec<u8>>,
    spare: SyncSender<Vec<u8>>,
) -> io::Result<Option<u128>> {
    let mut sink = Sink::new(file, hash);
    for mut batch in batches {
        sink.put(&batch)?;
        batch.clear();
        // Refused when the maker has finished or holds enough buffers already: then this
        // one is simply freed.
        let _ = spare.try_send(batch);
    }
    Ok(sink.hash())
}

/// The end of the file the batches go to, and the hash of what went there when asked.
struct Sink<'a> {
    appender: Appender<'a>,
    hasher: Option<Box<Xxh3>>,
}

impl<'a> Sink<'a> {
    fn new(file: &'a File, hash: bool) -> Sink<'a> {
        Sink {
            appender: Appender::new(file),
            hasher: hash.then(|| Box::new(Xxh3::new())),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.appender.append(bytes)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.write(bytes);
        }
        Ok(())
    }

    fn hash(&self) -> Option<u128> {
        self.hasher.as_ref().map(|hasher| hasher.finish_128())
    }
}

/// [`Ahead::write_to`] where no second thread is to be had (too little memory, too many
/// threads): the bytes go to `file` on this one, in batches as the writer's do, where
/// `std`'s `Scope::spawn` would panic and end the save with a backtrace.
fn directly(
    file: &File,
    hash: bool,
    make: impl FnOnce(&mut dyn SealedOut) -> io::Result<()>,
) -> io::Result<Option<u128>> {
    let mut pipe = Pipe::to(To::File(Sink::new(file, hash)));
    make(&mut pipe).and_then(|()| pipe.send())?;
    Ok(match pipe.to {
        To::File(sink) => sink.hash(),
        To::Thread { .. } => None,
    })
}

/// Where a full batch goes.
enum To<'a> {
    /// From the sealing thread to the save's, which writes them and hands emptied buffers
    /// back.
    Thread {
        full: SyncSender<Vec<u8>>,
        spares: Receiver<Vec<u8>>,
    },
    /// Into the file on this thread, where no second one could be made.
    File(Sink<'a>),
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
            To::File(sink) => {
                sink.put(&self.batch)?;
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

    /// Makes with `make` on a second thread and writes to `file`, as a save does.
    fn through(
        file: &mut File,
        hash: bool,
        make: impl FnOnce(&mut dyn SealedOut) -> io::Result<()> + Send,
    ) -> io::Result<Option<u128>> {
        std::thread::scope(|scope| ahead(scope, make).write_to(file, hash))
    }

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

    /// A save that fails before its file is ready drops what was sealed ahead: the maker,
    /// stopped at its next batch, sees the pipe broken, and the save's scope ends rather than
    /// waiting on a maker that waits for a writer.
    #[test]
    fn sealing_ahead_stops_when_the_file_is_never_written() {
        let (told, tells) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let sealing = ahead(scope, move |out: &mut dyn SealedOut| {
                for _ in 0..64 {
                    if let Err(e) = out.write_all(&vec![7; BATCH]) {
                        let _ = told.send(e.kind());
                        return Err(e);
                    }
                }
                let _ = told.send(io::ErrorKind::Other);
                Ok(())
            });
            assert!(matches!(sealing, Ahead::Made { .. }), "a thread was had");
            drop(sealing);
        });
        assert_eq!(tells.recv().unwrap(), io::ErrorKind::BrokenPipe);
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
