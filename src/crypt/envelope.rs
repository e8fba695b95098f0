//! The sealed file: the ledger's JSON in the age format (version 1, binary), encrypted to the
//! main key and the recovery key, so either opens it and the `age` tool reads it too.

use std::fs::File;
use std::os::unix::fs::FileExt;

use age::x25519;
use zeroize::Zeroizing;

use super::{CryptError, header, stream};

/// The first line of every age file: what tells a sealed data file from a plain one, whatever
/// its name.
pub const HEADER: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age file: its header line, or a file cut inside that line (no
/// JSON begins so), which then opens as damaged rather than reading as broken JSON.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(HEADER) || (bytes.len() >= CUT_HEADER_LEAST && HEADER.starts_with(bytes))
}

/// Whether `bytes` begin as an age file does but for a few bytes: a sealed file whose header
/// is damaged, which no JSON resembles. Said as such, where the parser would speak of JSON
/// broken at line 1, and never taken for a plain file to seal.
pub fn header_damaged(bytes: &[u8]) -> bool {
    /// Bytes of the header line that may differ: a byte or two changed by a bad disk or a
    /// slip of an editor, never a file that only shares a few letters with it.
    const CHANGED_MOST: usize = 3;
    /// The header line but its first four bytes: still there, shifted, after a byte or a
    /// few were dropped or added at the start (a byte-order mark an editor put there).
    const TAIL: &[u8] = b"encryption.org/v1\n";
    if is_sealed(bytes) {
        return false;
    }
    let changed = bytes.get(..HEADER.len()).is_some_and(|head| {
        let differ = head.iter().zip(HEADER).filter(|(a, b)| a != b).count();
        (1..=CHANGED_MOST).contains(&differ)
    });
    let shifted = bytes[..bytes.len().min(HEADER.len() + CHANGED_MOST)]
        .windows(TAIL.len())
        .any(|w| w == TAIL);
    changed || shifted
}

/// How much of the header line a file cut inside it keeps before it is known for an age file:
/// no JSON begins with `age-`, so a file cut that early is an age file too.
const CUT_HEADER_LEAST: usize = "age-".len();

/// Whether the file at `path` begins as an age file does, reading its first line alone: for
/// a look that must not read (or open) a whole ledger. Only a regular file is opened: a
/// named pipe put in the ledger's place would block the open for good.
pub fn sealed_on_disk(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; HEADER.len()];
    let Ok(Some((mut file, _))) = crate::store::open_regular(path) else {
        return false;
    };
    file.read_exact(&mut head).is_ok() && is_sealed(&head)
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

/// Whether `identity` unwraps the file key of the age file `bytes`, its header's MAC checked:
/// which key a file is sealed to, told from its header alone, without decrypting its body.
pub fn opens_header(bytes: &[u8], identity: &x25519::Identity) -> bool {
    matches!(
        super::header::Header::read(bytes),
        Ok(Some(header)) if header.file_key(bytes, identity).is_ok()
    )
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
pub struct Sealer {
    header: Vec<u8>,
    nonce: [u8; stream::NONCE],
    key: stream::PayloadKey,
}

impl Sealer {
    /// Prepares an encryption to `recipients`, with a new random file key.
    pub fn new(recipients: &[x25519::Recipient]) -> Result<Sealer, CryptError> {
        let (header, file_key) = header::write(recipients)?;
        let mut nonce = [0u8; stream::NONCE];
        stream::fill_random(&mut nonce)?;
        let key = stream::PayloadKey::new(&file_key, &nonce);
        Ok(Sealer { header, nonce, key })
    }

    /// How many bytes [`Sealer::seal_into`] writes for `plain` bytes of plain text: what a
    /// save checks against the most a read takes before it writes anything.
    pub fn sealed_len(&self, plain: usize) -> u64 {
        let sealed = self.header.len() + stream::NONCE + stream::Layout::of_plain(plain).sealed();
        u64::try_from(sealed).unwrap_or(u64::MAX)
    }

    /// Writes `parts`, one after the other, encrypted to `out`: the same file [`seal`] makes of
    /// their concatenation (with another random file key).
    pub fn seal_into(
        self,
        parts: &[&[u8]],
        out: &mut dyn stream::SealedOut,
    ) -> std::io::Result<()> {
        out.write_all(&self.header)?;
        out.write_all(&self.nonce)?;
        self.key.seal_into(parts, out)
    }
}

/// Decrypts a sealed file with `identity`, into a buffer wiped when dropped. A large file is
/// decrypted in parts on several cores (see [`open_in`]).
pub fn open(
    sealed: &[u8],
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    open_in(&Memory(sealed), identity)
}

/// [`open`] for the sealed file open as `file`, of `len` bytes, read from the file by the
/// parts' own threads as they decrypt, each chunk straight into its place in the plain text:
/// the sealed bytes are never gathered in memory.
pub fn open_file(
    file: &File,
    len: u64,
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    open_in(&InFile { file, len }, identity)
}

/// Where sealed bytes are read from, at any offset, by several threads at once.
trait Source: Sync {
    /// How many sealed bytes there are.
    fn len(&self) -> usize;
    /// Fills `buf` from offset `at`; an error when the bytes end first.
    fn read_at(&self, buf: &mut [u8], at: usize) -> std::io::Result<()>;
}

/// Sealed bytes in memory.
struct Memory<'a>(&'a [u8]);

impl Source for Memory<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read_at(&self, buf: &mut [u8], at: usize) -> std::io::Result<()> {
        let bytes = self
            .0
            .get(at..at.saturating_add(buf.len()))
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
}

/// The first `len` bytes of a file, read at an offset, so that no thread moves another's place.
struct InFile<'a> {
    file: &'a File,
    len: u64,
}

impl Source for InFile<'_> {
    fn len(&self) -> usize {
        usize::try_from(self.len).unwrap_or(usize::MAX)
    }

    fn read_at(&self, buf: &mut [u8], at: usize) -> std::io::Result<()> {
        if at.saturating_add(buf.len()) > self.len() {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.file.read_exact_at(buf, at as u64)
    }
}

/// [`open`] of the bytes `source` holds, in as many parts as there are cores for them (see
/// [`open_parts`]).
fn open_in(
    source: &dyn Source,
    identity: &(dyn age::Identity + Sync),
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    let parts = crate::core::parallel::parts(source.len(), 1 << 20);
    open_parts(source, identity, parts)
}

/// Reads the header at the start of `source`, reading more of it while the header goes on.
fn read_header(source: &dyn Source) -> Result<(header::Header, Vec<u8>), CryptError> {
    let mut want = 4 << 10;
    loop {
        let mut head = vec![0u8; want.min(source.len())];
        source
            .read_at(&mut head, 0)
            .map_err(|_| CryptError::Damaged)?;
        match header::Header::read(&head)? {
            Some(header) => return Ok((header, head)),
            // A header of more than a MiB holds no key of this program's files.
            None if head.len() == source.len() || want >= 1 << 20 => {
                return Err(CryptError::Damaged);
            }
            None => want *= 4,
        }
    }
}

/// [`open_in`] in `parts` parts. Every chunk of an age file is sealed with its number, and
/// the last one as the last, so each part is decrypted on its own, from its first chunk; the
/// file's length gives the number of chunks, so a file cut off at a chunk's end is refused
/// (its new last chunk was not sealed as the last).
fn open_parts(
    source: &dyn Source,
    identity: &(dyn age::Identity + Sync),
    parts: usize,
) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    let payload = Payload::of(source, identity)?;
    let mut plain = Zeroizing::new(vec![0u8; payload.layout.plain]);
    payload.open_into(source, parts, &mut plain)?;
    Ok(plain)
}

/// The length of the plain text of the sealed bytes `sealed`, as their header and length
/// say (nothing is decrypted); `None` when they are not a file of this format.
pub fn plain_len(sealed: &[u8]) -> Option<usize> {
    let (header, _) = read_header(&Memory(sealed)).ok()?;
    let payload = sealed.len().checked_sub(header.len + stream::NONCE)?;
    stream::Layout::of_sealed(payload).map(|layout| layout.plain)
}

/// [`open`] into `plain`, memory of the caller's exactly as long as the plain text
/// ([`plain_len`]), in parts on several cores as [`open`] does.
pub fn open_into(
    sealed: &[u8],
    identity: &(dyn age::Identity + Sync),
    plain: &mut [u8],
) -> Result<(), CryptError> {
    let source = Memory(sealed);
    let payload = Payload::of(&source, identity)?;
    if plain.len() != payload.layout.plain {
        return Err(CryptError::Damaged);
    }
    let parts = crate::core::parallel::parts(sealed.len(), 1 << 20);
    payload.open_into(&source, parts, plain)
}

/// What opening a sealed file needs once its header is read and its file key unwrapped.
struct Payload {
    key: stream::PayloadKey,
    layout: stream::Layout,
    /// Where the chunks start in the sealed bytes.
    start: usize,
}

impl Payload {
    fn of(
        source: &dyn Source,
        identity: &(dyn age::Identity + Sync),
    ) -> Result<Payload, CryptError> {
        let (header, head) = read_header(source)?;
        let file_key = header.file_key(&head, identity)?;
        let mut nonce = [0u8; stream::NONCE];
        source
            .read_at(&mut nonce, header.len)
            .map_err(|_| CryptError::Damaged)?;
        let start = header.len + stream::NONCE;
        let layout = stream::Layout::of_sealed(source.len() - start).ok_or(CryptError::Damaged)?;
        Ok(Payload {
            key: stream::PayloadKey::new(&file_key, &nonce),
            layout,
            start,
        })
    }

    /// Opens every chunk into `plain`, as long as the plain text, in `parts` parts.
    fn open_into(
        &self,
        source: &dyn Source,
        parts: usize,
        plain: &mut [u8],
    ) -> Result<(), CryptError> {
        let start = self.start;
        let read_at = |buf: &mut [u8], at: usize| source.read_at(buf, start + at);
        let per_part = self.layout.chunks.div_ceil(parts.max(1)) * stream::CHUNK;
        if per_part >= plain.len() {
            return self.key.open_into(&self.layout, 0, plain, &read_at);
        }
        let (key, layout, read_at) = (&self.key, &self.layout, &read_at);
        std::thread::scope(|scope| {
            let mut pieces = plain.chunks_mut(per_part).enumerate();
            let head = pieces.next();
            let running: Vec<_> = pieces
                .map(|(i, piece)| {
                    let first = i * per_part / stream::CHUNK;
                    crate::core::parallel::start(scope, move || {
                        key.open_into(layout, first, piece, read_at)
                    })
                })
                .collect();
            let mut result = match head {
                Some((_, piece)) => key.open_into(layout, 0, piece, read_at),
                None => Ok(()),
            };
            for done in crate::core::parallel::joined(running) {
                result = result.and(done);
            }
            result
        })
    }
}

/// Sorts age's errors into the ones a person can act on.
pub(super) fn opening_error(e: age::DecryptError) -> CryptError {
    match e {
        age::DecryptError::NoMatchingKeys => CryptError::NotThisKey,
        age::DecryptError::UnknownFormat => CryptError::Newer,
        _ => CryptError::Damaged,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use age::secrecy::ExposeSecret;

    use super::stream::CHUNK;
    use super::*;

    fn keys() -> (x25519::Identity, x25519::Identity) {
        (x25519::Identity::generate(), x25519::Identity::generate())
    }

    /// The header alone tells which key a file is sealed to: either of its keys, never another,
    /// and never a header changed in the key a stanza wraps (its MAC fails), while a body cut
    /// short is still the same key's file.
    #[test]
    fn the_header_tells_whose_file_it_is() {
        let (main, recovery) = keys();
        let other = x25519::Identity::generate();
        let sealed = seal(b"{}", &[main.to_public(), recovery.to_public()]).unwrap();
        assert!(opens_header(&sealed, &main) && opens_header(&sealed, &recovery));
        assert!(!opens_header(&sealed, &other));
        assert!(opens_header(&sealed[..sealed.len() - 4], &main));
        let stanza = sealed.windows(10).position(|w| w == b"-> X25519 ").unwrap();
        let line_end = stanza + sealed[stanza..].iter().position(|b| *b == b'\n').unwrap();
        let mut changed = sealed.clone();
        changed[line_end + 3] ^= 0x01;
        assert!(!opens_header(&changed, &main));
    }

    /// A save checks the sealed length before it writes: it must be the length written.
    #[test]
    fn the_sealed_length_is_the_length_written() {
        let (main, recovery) = keys();
        for plain in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17] {
            let text = vec![b'x'; plain];
            let sealer = Sealer::new(&[main.to_public(), recovery.to_public()]).unwrap();
            let expected = sealer.sealed_len(plain);
            let mut out = Vec::new();
            sealer
                .seal_into(&[&text[..plain / 2], &text[plain / 2..]], &mut out)
                .unwrap();
            assert_eq!(expected, out.len() as u64, "for {plain} plain bytes");
        }
    }

    /// The plain length comes from the header and length alone, and opening into memory of
    /// that length gives what opening gives; memory of another length, a damaged file or
    /// another key opens nothing.
    #[test]
    fn a_file_opens_into_memory_as_long_as_its_plain_length() {
        let (main, recovery) = keys();
        for plain in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17] {
            let text: Vec<u8> = (0..plain).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&text, &[main.to_public(), recovery.to_public()]).unwrap();
            assert_eq!(plain_len(&sealed), Some(plain));
            let mut into = vec![7u8; plain];
            open_into(&sealed, &main, &mut into).unwrap();
            assert!(into == text, "for {plain} plain bytes");
            let mut longer = vec![0u8; plain + 1];
            assert!(open_into(&sealed, &main, &mut longer).is_err());
            if plain > 0 {
                let mut damaged = sealed.clone();
                *damaged.last_mut().unwrap() ^= 1;
                assert!(open_into(&damaged, &main, &mut into).is_err());
            }
            let other = x25519::Identity::generate();
            assert!(open_into(&sealed, &other, &mut into).is_err());
        }
        assert_eq!(plain_len(b"{\"not\":\"sealed\"}"), None);
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
        let from_memory = open_parts(&Memory(sealed), identity, parts);
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(sealed).unwrap();
        let len = sealed.len() as u64;
        let from_file = open_parts(&InFile { file: &file, len }, identity, parts);
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
                // Cut off at a chunk's end, or in the middle; a bit flipped early, in a tag or late.
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
                // The first chunk's tag, read in one go with its text when more follow.
                for at in [header + 10, header + CHUNK + 5, sealed.len() - 10] {
                    if at >= sealed.len() {
                        continue;
                    }
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

    /// Lengths at and around the chunks' edges.
    const EDGES: [usize; 9] = [
        0,
        1,
        CHUNK - 1,
        CHUNK,
        CHUNK + 1,
        2 * CHUNK,
        2 * CHUNK + 17,
        5 * CHUNK - 3,
        300_000,
    ];

    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 % 251) as u8).collect()
    }

    /// What the age crate itself reads from `sealed`.
    fn age_opens(sealed: &[u8], identity: &x25519::Identity) -> Vec<u8> {
        let mut plain = Vec::new();
        age::Decryptor::new_buffered(sealed)
            .unwrap()
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        plain
    }

    /// What the age crate itself writes of `plain` for `recipients`.
    fn age_seals(plain: &[u8], recipients: &[x25519::Recipient]) -> Vec<u8> {
        let mut sealed = Vec::new();
        let mut writer =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .unwrap()
                .wrap_output(&mut sealed)
                .unwrap();
        writer.write_all(plain).unwrap();
        writer.finish().unwrap();
        sealed
    }

    #[test]
    fn what_is_sealed_here_the_age_crate_opens_and_what_it_seals_opens_here() {
        let (main, recovery) = keys();
        let to = [main.to_public(), recovery.to_public()];
        for len in EDGES {
            let plain = text(len);
            let ours = seal(&plain, &to).unwrap();
            assert_eq!(age_opens(&ours, &main), plain, "{len}");
            assert_eq!(age_opens(&ours, &recovery), plain, "{len}");
            // The same length as age's own file (its header but for the random stanza's size).
            let theirs = age_seals(&plain, &to);
            let payload = |sealed: &[u8]| sealed.len() - header_len(sealed);
            assert_eq!(payload(&ours), payload(&theirs), "{len}");
            for parts in 1..=4 {
                assert_eq!(open_in(&theirs, &main, parts).unwrap().as_slice(), plain);
                assert_eq!(
                    open_in(&theirs, &recovery, parts).unwrap().as_slice(),
                    plain
                );
            }
        }
    }

    /// The length of the header of an age file, up to the end of its MAC line.
    fn header_len(sealed: &[u8]) -> usize {
        let mac_line = sealed.windows(4).position(|w| w == b"\n---").unwrap() + 1;
        mac_line + sealed[mac_line..].iter().position(|b| *b == b'\n').unwrap() + 1
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// Any text, cut into any parts for sealing and opened in any number of parts, is the
        /// text again, here and for the age crate, and what the age crate seals opens here.
        #[test]
        fn any_text_in_any_parts_goes_both_ways_with_age(
            len in 0usize..4 * CHUNK + 100,
            cuts in proptest::collection::vec(0usize..4 * CHUNK + 100, 0..4),
            parts in 1usize..5,
        ) {
            let (main, _) = keys();
            let plain = text(len);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(len)).collect();
            cuts.sort_unstable();
            let pieces: Vec<&[u8]> = std::iter::once(0)
                .chain(cuts.iter().copied())
                .zip(cuts.iter().copied().chain(std::iter::once(len)))
                .map(|(from, to)| &plain[from..to])
                .collect();
            let mut ours = Vec::new();
            Sealer::new(&[main.to_public()])
                .unwrap()
                .seal_into(&pieces, &mut ours)
                .unwrap();
            proptest::prop_assert_eq!(age_opens(&ours, &main), plain.clone());
            proptest::prop_assert_eq!(open_in(&ours, &main, parts).unwrap().to_vec(), plain.clone());
            let theirs = age_seals(&plain, &[main.to_public()]);
            proptest::prop_assert_eq!(open_in(&theirs, &main, parts).unwrap().to_vec(), plain);
        }
    }

    /// Runs the `age` tool (another implementation of the format than the age crate).
    fn age_tool(args: &[&std::ffi::OsStr], input: &[u8]) -> Vec<u8> {
        use std::process::{Command, Stdio};
        let mut child = Command::new("age")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the age tool is installed (apt-get install age)");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let feeding = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().unwrap();
        feeding.join().unwrap().unwrap();
        assert!(out.status.success(), "age {args:?}");
        out.stdout
    }

    #[test]
    fn the_age_tool_opens_what_is_sealed_here_and_what_it_seals_opens_here() {
        let (main, _) = keys();
        let dir = tempfile::tempdir().unwrap();
        let identity = dir.path().join("key.txt");
        std::fs::write(&identity, main.to_string().expose_secret()).unwrap();
        let public = main.to_public().to_string();
        for len in [CHUNK, 3 * CHUNK + 17] {
            let plain = text(len);
            let ours = seal(&plain, &[main.to_public()]).unwrap();
            let opened = age_tool(
                &["--decrypt".as_ref(), "-i".as_ref(), identity.as_os_str()],
                &ours,
            );
            assert!(opened == plain, "{len}: the age tool opens it to the text");
            let theirs = age_tool(
                &["--encrypt".as_ref(), "-r".as_ref(), public.as_ref()],
                &plain,
            );
            assert_eq!(
                open_in(&theirs, &main, 2).unwrap().as_slice(),
                plain,
                "{len}"
            );
        }
    }

    #[test]
    fn every_seal_has_its_own_file_key_and_nonce() {
        let (main, _) = keys();
        let plain = text(2 * CHUNK + 5);
        let one = seal(&plain, &[main.to_public()]).unwrap();
        let two = seal(&plain, &[main.to_public()]).unwrap();
        let file_key = |sealed: &[u8]| {
            let header = header::Header::read(sealed).unwrap().unwrap();
            let key = header.file_key(sealed, &main).unwrap();
            *key.expose_secret()
        };
        assert_ne!(file_key(&one), file_key(&two), "the file keys differ");
        let (h1, h2) = (header_len(&one), header_len(&two));
        assert_ne!(one[h1..h1 + 16], two[h2..h2 + 16], "the nonces differ");
        // No chunk of one file is a chunk of the other.
        for (a, b) in one[h1 + 16..]
            .chunks(CHUNK + 16)
            .zip(two[h2 + 16..].chunks(CHUNK + 16))
        {
            assert_ne!(a, b);
        }
    }

    #[test]
    fn a_changed_header_nonce_or_chunk_order_is_refused_as_age_refuses_it() {
        let (main, _) = keys();
        let plain = text(3 * CHUNK + 100);
        let sealed = seal(&plain, &[main.to_public()]).unwrap();
        let header = header_len(&sealed);
        let age_refuses = |bytes: &[u8]| {
            age::Decryptor::new_buffered(bytes)
                .and_then(|d| d.decrypt(std::iter::once(&main as &dyn age::Identity)))
                .map_err(|_| ())
                .and_then(|mut r| r.read_to_end(&mut Vec::new()).map_err(|_| ()))
                .is_err()
        };
        // Every byte of the header and the nonce, and the first and last byte of every chunk.
        let chunks = (header + 16..sealed.len())
            .step_by(CHUNK + 16)
            .flat_map(|start| [start, (start + CHUNK + 15).min(sealed.len() - 1)]);
        for at in (0..header + 16).chain(chunks) {
            let mut changed = sealed.clone();
            changed[at] ^= 0x20;
            assert!(open(&changed, &main).is_err(), "byte {at} changed");
            assert!(age_refuses(&changed), "age reads byte {at} changed");
        }
        // The first two chunks swapped; a byte more at the end.
        let first = header + 16;
        let mut swapped = sealed.clone();
        let (a, b) = swapped[first..first + 2 * (CHUNK + 16)].split_at_mut(CHUNK + 16);
        a.swap_with_slice(b);
        assert!(matches!(open(&swapped, &main), Err(CryptError::Damaged)));
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(matches!(open(&longer, &main), Err(CryptError::Damaged)));
        assert!(age_refuses(&longer));
        assert_eq!(open(&sealed, &main).unwrap().as_slice(), plain);
    }

    /// An empty text is one empty chunk, sealed as the last: its tag is checked like any
    /// other, so neither a changed tag nor a longer file cut down to one tag's length opens
    /// (as an empty text, which it is not).
    #[test]
    fn the_empty_chunk_of_an_empty_text_is_checked_too() {
        let (main, _) = keys();
        let empty = seal(b"", &[main.to_public()]).unwrap();
        assert_eq!(empty.len(), header_len(&empty) + 16 + 16);
        assert!(open(&empty, &main).unwrap().is_empty());
        for at in empty.len() - 16..empty.len() {
            let mut changed = empty.clone();
            changed[at] ^= 1;
            assert!(
                matches!(open(&changed, &main), Err(CryptError::Damaged)),
                "tag byte {at} changed"
            );
        }
        let long = seal(&text(3 * CHUNK), &[main.to_public()]).unwrap();
        let one_tag = header_len(&long) + 16 + 16;
        for parts in 1..=4 {
            assert!(
                matches!(
                    open_in(&long[..one_tag], &main, parts),
                    Err(CryptError::Damaged)
                ),
                "cut to one tag, in {parts}"
            );
        }
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
