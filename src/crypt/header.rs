//! The header of an age file (version 1): the file key wrapped to each recipient, then a MAC
//! over those lines that only the file key can make. The stanzas are written and parsed by
//! age's own code (age-core), the file key is wrapped and unwrapped by age's X25519 code, and
//! every header is read by age itself too before its key is unwrapped. What is here is the
//! frame around them, as the age specification lays it out, so that the payload can be sealed
//! and opened by a faster cipher than the one inside age (see [`super::stream`]).

use age::secrecy::ExposeSecret;
use age::x25519;
use age_core::format::{FileKey, Stanza};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use ring::hmac;
use zeroize::Zeroizing;

use super::CryptError;
use super::envelope::HEADER;

/// What every age header begins with, whatever its version.
const MAGIC: &[u8] = b"age-encryption.org/";
/// The line before the MAC, and what the MAC covers up to.
const MAC_TAG: &[u8] = b"---";
/// A MAC of 32 bytes in unpadded base64.
const ENCODED_MAC_LEN: usize = 43;

/// A header for a new file sealed to `recipients`, and the fresh random file key it wraps.
pub fn write(recipients: &[x25519::Recipient]) -> Result<(Vec<u8>, FileKey), CryptError> {
    if recipients.is_empty() {
        return Err(CryptError::Seal("no key to encrypt to".into()));
    }
    let mut random = Ok(());
    let file_key = FileKey::init_with_mut(|key| random = super::stream::fill_random(key));
    random?;
    let mut stanzas = Vec::new();
    for recipient in recipients {
        let (wrapped, _labels) = age::Recipient::wrap_file_key(recipient, &file_key)
            .map_err(|e| CryptError::Seal(e.to_string()))?;
        stanzas.extend(wrapped);
    }
    // A stanza of random type and body, as age adds to every file it writes, so that readers
    // keep ignoring stanzas they do not know.
    stanzas.push(age_core::format::grease_the_joint());
    let mut bytes = HEADER.to_vec();
    for stanza in &stanzas {
        let args: Vec<&str> = stanza.args.iter().map(String::as_str).collect();
        bytes = cookie_factory::gen_simple(
            age_core::format::write::age_stanza(&stanza.tag, &args, &stanza.body),
            bytes,
        )
        .map_err(|e| CryptError::Seal(e.to_string()))?;
    }
    bytes.extend_from_slice(MAC_TAG);
    let mac = hmac::sign(&mac_key(&file_key), &bytes);
    bytes.push(b' ');
    bytes.extend_from_slice(STANDARD_NO_PAD.encode(mac.as_ref()).as_bytes());
    bytes.push(b'\n');
    Ok((bytes, file_key))
}

/// A header read from the start of a file: how long it is, and what it holds.
pub struct Header {
    /// Its length in bytes: the payload's nonce follows.
    pub len: usize,
    stanzas: Vec<Stanza>,
    mac: [u8; 32],
}

impl Header {
    /// The header at the start of `head`, or `None` when `head` ends before it and the
    /// payload's nonce do (read more of the file and ask again). Anything age itself would not read is refused.
    pub fn read(head: &[u8]) -> Result<Option<Header>, CryptError> {
        let Some(mut rest) = head.strip_prefix(HEADER) else {
            return Err(if head.starts_with(MAGIC) && head.contains(&b'\n') {
                CryptError::Newer
            } else if HEADER.starts_with(head) {
                return Ok(None);
            } else {
                CryptError::Damaged
            });
        };
        let mut stanzas = Vec::new();
        while !rest.starts_with(MAC_TAG) {
            if MAC_TAG.starts_with(rest) {
                return Ok(None);
            }
            match age_core::format::read::legacy_age_stanza(rest) {
                Ok((after, stanza)) => {
                    stanzas.push(Stanza::from(stanza));
                    rest = after;
                }
                Err(e) if e.is_incomplete() => return Ok(None),
                Err(_) => return Err(CryptError::Damaged),
            }
        }
        let mac_line = ENCODED_MAC_LEN + 2;
        let Some(line) = rest.get(MAC_TAG.len()..MAC_TAG.len() + mac_line) else {
            return Ok(None);
        };
        if line[0] != b' ' || line[mac_line - 1] != b'\n' {
            return Err(CryptError::Damaged);
        }
        let encoded = &line[1..=ENCODED_MAC_LEN];
        let mut mac = [0u8; 32];
        match STANDARD_NO_PAD.decode_slice(encoded, &mut mac) {
            Ok(32) => {}
            _ => return Err(CryptError::Damaged),
        }
        let len = head.len() - rest.len() + MAC_TAG.len() + mac_line;
        if stanzas.is_empty() {
            return Err(CryptError::Damaged);
        }
        // age's own reader must agree: its parser is the reference for what a header is. It
        // reads the payload's nonce too.
        let Some(with_nonce) = head.get(..len + super::stream::NONCE) else {
            return Ok(None);
        };
        age::Decryptor::new_buffered(with_nonce).map_err(super::envelope::opening_error)?;
        Ok(Some(Header { len, stanzas, mac }))
    }

    /// The file key, unwrapped by `identity` from its stanza, once the MAC over `bytes` (the
    /// header this was read from) shows that nothing in the header was changed.
    pub fn file_key(
        &self,
        bytes: &[u8],
        identity: &(dyn age::Identity + Sync),
    ) -> Result<FileKey, CryptError> {
        let file_key = identity
            .unwrap_stanzas(&self.stanzas)
            .ok_or(CryptError::NotThisKey)?
            .map_err(super::envelope::opening_error)?;
        let covered = &bytes[..self.len - ENCODED_MAC_LEN - 2];
        hmac::verify(&mac_key(&file_key), covered, &self.mac).map_err(|_| CryptError::Damaged)?;
        Ok(file_key)
    }
}

/// The key of the header's MAC, derived from the file key as the age specification says.
fn mac_key(file_key: &FileKey) -> hmac::Key {
    let key = Zeroizing::new(age_core::primitives::hkdf(
        &[],
        b"header",
        file_key.expose_secret(),
    ));
    hmac::Key::new(hmac::HMAC_SHA256, key.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written() -> (Vec<u8>, x25519::Identity) {
        let key = x25519::Identity::generate();
        let (header, _) = write(&[key.to_public()]).unwrap();
        (header, key)
    }

    #[test]
    fn a_header_cut_anywhere_asks_for_more_and_whole_it_is_read_to_its_end() {
        let (header, key) = written();
        let mut file = header.clone();
        file.extend_from_slice(&[7; super::super::stream::NONCE]);
        for cut in 0..file.len() {
            assert!(
                matches!(Header::read(&file[..cut]), Ok(None)),
                "cut at {cut} of {}",
                file.len()
            );
        }
        let read = Header::read(&file).unwrap().unwrap();
        assert_eq!(read.len, header.len());
        assert!(read.file_key(&file, &key).is_ok());
        let other = x25519::Identity::generate();
        assert!(matches!(
            read.file_key(&file, &other),
            Err(CryptError::NotThisKey)
        ));
    }

    /// Why `check` cannot say which kept key not open seals which backup (docs/PRIVACY.md):
    /// a header names none of its recipients. The X25519 stanza holds a one-time public key
    /// alone, so two files sealed to the same key share nothing in it, and the key's public
    /// half is in neither.
    #[test]
    fn a_header_does_not_name_the_key_it_is_sealed_to() {
        let public = x25519::Identity::generate().to_public();
        let stanza = || {
            let (header, _) = write(std::slice::from_ref(&public)).unwrap();
            let named = public.to_string().into_bytes();
            assert!(!header.windows(named.len()).any(|w| w == named));
            let mut file = header;
            file.extend_from_slice(&[7; super::super::stream::NONCE]);
            let read = Header::read(&file).unwrap().unwrap();
            let mut stanzas = read.stanzas.into_iter().filter(|s| s.tag == "X25519");
            let stanza = stanzas.next().unwrap();
            assert!(stanzas.next().is_none());
            stanza
        };
        let (one, two) = (stanza(), stanza());
        assert_eq!((one.args.len(), two.args.len()), (1, 1));
        assert_ne!(one.args, two.args);
        assert_ne!(one.body, two.body);
    }

    #[test]
    fn a_newer_version_is_told_from_damage() {
        let newer = b"age-encryption.org/v2\nanything\n".as_slice();
        assert!(matches!(Header::read(newer), Err(CryptError::Newer)));
        assert!(matches!(
            Header::read(b"age-encryption.org/v1\n-> \n--- x\n"),
            Err(CryptError::Damaged)
        ));
        assert!(matches!(
            Header::read(b"not age at all"),
            Err(CryptError::Damaged)
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A real header with bytes changed and cut anywhere, or any bytes after the first
        /// line: reading it ends in an answer, never a panic, and a header it reads ends within
        /// the bytes.
        #[test]
        fn changed_and_cut_headers_are_read_without_panicking(
            changes in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
            cut in any::<usize>(),
            tail in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            let (mut head, _) = written();
            head.extend_from_slice(&[7; super::super::stream::NONCE]);
            for (at, byte) in changes {
                let at = at % head.len();
                head[at] = byte;
            }
            head.truncate(cut % (head.len() + 1));
            for head in [head, [HEADER, tail.as_slice()].concat()] {
                if let Ok(Some(header)) = Header::read(&head) {
                    prop_assert!(header.len + super::super::stream::NONCE <= head.len());
                }
            }
        }
    }
}
