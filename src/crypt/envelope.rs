//! The sealed file: the ledger's JSON in the age format (version 1, binary), encrypted to the
//! main key and the recovery key, so either opens it and the `age` tool reads it too.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;

use age::x25519;
use zeroize::Zeroizing;

use super::CryptError;

/// The first line of every age file: what tells a sealed data file from a plain one, whatever
/// its name.
pub const HEADER: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(HEADER)
}

/// How many keys an age file is encrypted to (its X25519 stanzas), without opening it. The
/// header's other stanzas are age's random padding ("grease"), which name no key.
pub fn recipients(bytes: &[u8]) -> usize {
    bytes
        .split(|b| *b == b'\n')
        .take_while(|line| !line.starts_with(b"---"))
        .filter(|line| line.starts_with(b"-> X25519 "))
        .count()
}

/// Whether an age file's header reads, without opening it: what tells a whole backup from a
/// cut-off one when the key is not at hand.
pub fn header_reads(bytes: &[u8]) -> bool {
    age::Decryptor::new_buffered(bytes).is_ok()
}

/// Encrypts `plain` to `recipients`.
pub fn seal(plain: &[u8], recipients: &[x25519::Recipient]) -> Result<Vec<u8>, CryptError> {
    // The output is a little larger than the input: a header and 16 bytes per 64 KiB chunk.
    let mut out = Vec::with_capacity(plain.len() + plain.len() / 4096 + 512);
    Sealer::new(recipients)?
        .seal_into(&[plain], &mut out)
        .map_err(|e| CryptError::Seal(e.to_string()))?;
    Ok(out)
}

/// An encryption to a set of recipients, ready to write: what a save seals its file with,
/// straight into the file, so the plain text is never gathered into one more buffer and the
/// sealed one never held whole in memory.
pub struct Sealer(age::Encryptor);

impl Sealer {
    /// Prepares an encryption to `recipients`.
    pub fn new(recipients: &[x25519::Recipient]) -> Result<Sealer, CryptError> {
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map(Sealer)
            .map_err(|e| CryptError::Seal(e.to_string()))
    }

    /// Writes `parts`, one after the other, encrypted to `out`: the same file [`seal`] makes of
    /// their concatenation (with another random file key).
    pub fn seal_into(self, parts: &[&[u8]], out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = self.0.wrap_output(out)?;
        for part in parts {
            writer.write_all(part)?;
        }
        writer.finish().map(drop)
    }
}

/// Decrypts a sealed file with `identity`, into a buffer wiped when dropped. A large file is
/// decrypted in parts on several cores (see [`open_in`]).
pub fn open(
    sealed: &[u8],
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    open_in(|| Cursor::new(sealed), sealed.len(), identity)
}

/// [`open`] for the sealed file open as `file`, of `len` bytes, read from the file by the
/// parts' own threads as they decrypt: the sealed bytes are never gathered in memory, which
/// spares copying them into fresh memory first.
pub fn open_file(
    file: &File,
    len: u64,
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    open_in(
        || in_file(file, len),
        usize::try_from(len).unwrap_or(usize::MAX),
        identity,
    )
}

/// A reader of the first `len` bytes of `file`, from its start. Buffered for the header,
/// which age reads a line at a time; its chunks are larger than the buffer, so they are read
/// straight into age's own.
fn in_file(file: &File, len: u64) -> BufReader<At<'_>> {
    BufReader::with_capacity(4 << 10, At { file, at: 0, len })
}

/// How much plain text each of age's chunks holds: parts of a file decrypted apart begin at a
/// multiple of it.
const CHUNK: usize = 64 << 10;

/// [`open`] of the `len` sealed bytes each reader `source` makes reads, in as many parts as
/// there are cores for them (see [`open_parts`]).
fn open_in<R: BufRead + Seek>(
    source: impl Fn() -> R + Sync,
    len: usize,
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    let parts = crate::core::parallel::parts(len, 1 << 20);
    open_parts(source, len, identity, parts)
}

/// [`open_in`] in `parts` parts, each read from a reader `source` makes. Every chunk of an age
/// file is sealed with its number, and the last one as the last, so each part can be
/// decrypted on its own, from its first chunk, once the last chunk has been checked to be the
/// last: that gives the length of the plain text, and a file cut off at a chunk's end is
/// refused as it is read in one pass.
fn open_parts<R: BufRead + Seek>(
    source: impl Fn() -> R + Sync,
    len: usize,
    identity: &(dyn age::Identity + Sync),
    parts: usize,
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    let mut first = reader(source(), identity)?;
    if parts <= 1 {
        // Room for it all at once: a buffer that grew would leave copies of the plain text
        // behind, unwiped. The plain text is a little shorter than the sealed.
        let mut plain = Zeroizing::new(Vec::with_capacity(len));
        first
            .read_to_end(&mut plain)
            .map_err(|_| CryptError::Damaged)?;
        return Ok(plain);
    }
    let len = first
        .seek(SeekFrom::End(0))
        .and_then(|len| first.rewind().map(|()| len))
        .map_err(|_| CryptError::Damaged)?;
    let mut plain = Zeroizing::new(vec![
        0u8;
        usize::try_from(len).map_err(|_| CryptError::Damaged)?
    ]);
    let size = plain.len().div_ceil(parts).next_multiple_of(CHUNK);
    let source = &source;
    std::thread::scope(|scope| {
        let mut pieces = plain.chunks_mut(size).enumerate();
        let head = pieces.next();
        let running: Vec<_> = pieces
            .map(|(i, piece)| {
                scope.spawn(move || {
                    let mut part = reader(source(), identity)?;
                    part.seek(SeekFrom::Start((i * size) as u64))
                        .and_then(|_| part.read_exact(piece))
                        .map_err(|_| CryptError::Damaged)
                })
            })
            .collect();
        let mut result = match head {
            Some((_, piece)) => first.read_exact(piece).map_err(|_| CryptError::Damaged),
            None => Ok(()),
        };
        for done in crate::core::parallel::joined(running) {
            result = result.and(done);
        }
        result
    })?;
    Ok(plain)
}

/// A reader of the plain text of the sealed `input`, from its start.
fn reader<R: BufRead>(
    input: R,
    identity: &(dyn age::Identity + Sync),
) -> Result<age::stream::StreamReader<R>, CryptError> {
    age::Decryptor::new_buffered(input)
        .map_err(opening_error)?
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(opening_error)
}

/// A reader of the first `len` bytes of a file shared between threads: each reader keeps its
/// own place and reads at it, so no thread moves another's.
struct At<'a> {
    file: &'a File,
    at: u64,
    len: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.len.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let take = buf.len().min(left);
        let n = self.file.read_at(&mut buf[..take], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for At<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let at = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(by) => self.len.checked_add_signed(by),
            SeekFrom::Current(by) => self.at.checked_add_signed(by),
        };
        self.at = at.ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
        Ok(self.at)
    }
}

/// Sorts age's errors into the ones a person can act on.
fn opening_error(e: age::DecryptError) -> CryptError {
    match e {
        age::DecryptError::NoMatchingKeys => CryptError::NotThisKey,
        age::DecryptError::UnknownFormat => CryptError::Newer,
        _ => CryptError::Damaged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (x25519::Identity, x25519::Identity) {
        (x25519::Identity::generate(), x25519::Identity::generate())
    }

    #[test]
    fn either_key_opens_what_was_sealed_to_both() {
        let (main, recovery) = keys();
        let plain = br#"{"format":"trustladder","version":2}"#;
        let sealed = seal(plain, &[main.to_public(), recovery.to_public()]).unwrap();
        assert!(is_sealed(&sealed));
        assert_eq!(recipients(&sealed), 2);
        assert!(header_reads(&sealed));
        assert!(!header_reads(&sealed[..30]));
        assert!(
            !sealed.windows(11).any(|w| w == b"trustladder"),
            "no plain text"
        );
        assert_eq!(open(&sealed, &main).unwrap().as_slice(), plain);
        assert_eq!(open(&sealed, &recovery).unwrap().as_slice(), plain);
    }

    /// Opens `sealed` in `parts` parts from memory and from a file, which must agree.
    fn open_in(
        sealed: &[u8],
        identity: &x25519::Identity,
        parts: usize,
    ) -> Result<Zeroizing<Vec<u8>>, CryptError> {
        let from_memory = open_parts(|| Cursor::new(sealed), sealed.len(), identity, parts);
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(sealed).unwrap();
        let len = sealed.len() as u64;
        let from_file = open_parts(|| in_file(&file, len), sealed.len(), identity, parts);
        match (&from_memory, &from_file) {
            (Ok(a), Ok(b)) => assert_eq!(a.as_slice(), b.as_slice()),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("memory and file disagree: {from_memory:?} / {from_file:?}"),
        }
        from_file
    }

    #[test]
    fn a_file_opened_in_parts_is_the_file_and_damage_anywhere_is_refused() {
        let (main, _) = keys();
        // Whole chunks and a short last one, and a file of exactly whole chunks.
        for len in [5 * CHUNK + 1234, 4 * CHUNK, CHUNK - 1] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 253) as u8).collect();
            let sealed = seal(&plain, &[main.to_public()]).unwrap();
            for parts in 1..=4 {
                let opened = open_in(&sealed, &main, parts).unwrap();
                assert_eq!(opened.as_slice(), plain.as_slice(), "{len} in {parts}");
                // Cut off at a chunk's end, or in the middle; a bit flipped early or late.
                let chunk = CHUNK + 16;
                let header = sealed.len() - (len.div_ceil(CHUNK).max(1) * 16 + len);
                for cut in [
                    header + chunk,
                    header + 2 * chunk,
                    sealed.len() / 2,
                    sealed.len() - 1,
                ] {
                    if cut < sealed.len() {
                        assert!(
                            open_in(&sealed[..cut], &main, parts).is_err(),
                            "{len} cut at {cut} in {parts}"
                        );
                    }
                }
                for at in [header + 10, sealed.len() - 10] {
                    let mut flipped = sealed.clone();
                    flipped[at] ^= 1;
                    assert!(
                        matches!(open_in(&flipped, &main, parts), Err(CryptError::Damaged)),
                        "{len} flipped at {at} in {parts}"
                    );
                }
            }
        }
    }

    #[test]
    fn parts_sealed_into_a_writer_open_as_their_concatenation() {
        let (main, recovery) = keys();
        // Parts that end inside and across age's 64 KiB chunks, and an empty one.
        let plain: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let parts = [
            &plain[..10],
            &plain[10..10],
            &plain[10..70_000],
            &plain[70_000..],
        ];
        let mut sealed = Vec::new();
        Sealer::new(&[main.to_public(), recovery.to_public()])
            .unwrap()
            .seal_into(&parts, &mut sealed)
            .unwrap();
        assert!(is_sealed(&sealed));
        assert_eq!(recipients(&sealed), 2);
        assert_eq!(open(&sealed, &main).unwrap().as_slice(), plain.as_slice());
        assert_eq!(
            open(&sealed, &recovery).unwrap().as_slice(),
            plain.as_slice()
        );
    }

    #[test]
    fn another_key_a_cut_file_and_a_flipped_bit_are_told_apart() {
        let (main, recovery) = keys();
        let sealed = seal(&[b'x'; 100_000], &[main.to_public()]).unwrap();
        assert!(matches!(
            open(&sealed, &recovery),
            Err(CryptError::NotThisKey)
        ));
        for cut in [10, sealed.len() / 2, sealed.len() - 1] {
            assert!(
                matches!(
                    open(&sealed[..cut], &main),
                    Err(CryptError::Damaged | CryptError::NotThisKey)
                ),
                "cut at {cut}"
            );
        }
        let mut flipped = sealed.clone();
        let last = flipped.len() - 20;
        flipped[last] ^= 1;
        assert!(matches!(open(&flipped, &main), Err(CryptError::Damaged)));
        assert!(!is_sealed(b"{\"format\":\"trustladder\"}"));
    }
}
