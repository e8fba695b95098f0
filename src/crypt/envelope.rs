//! The sealed file: the ledger's JSON in the age format (version 1, binary), encrypted to the
//! main key and the recovery key, so either opens it and the `age` tool reads it too.

use std::io::{Read, Write};

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
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| CryptError::Seal(e.to_string()))?;
    // The output is a little larger than the input: a header and 16 bytes per 64 KiB chunk.
    let mut out = Vec::with_capacity(plain.len() + plain.len() / 4096 + 512);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| CryptError::Seal(e.to_string()))?;
    writer
        .write_all(plain)
        .and_then(|()| writer.finish().map(drop))
        .map_err(|e| CryptError::Seal(e.to_string()))?;
    Ok(out)
}

/// Decrypts a sealed file with `identity`, into a buffer wiped when dropped.
pub fn open(sealed: &[u8], identity: &dyn age::Identity) -> Result<Zeroizing<Vec<u8>>, CryptError> {
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(opening_error)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(opening_error)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(sealed.len()));
    reader
        .read_to_end(&mut plain)
        .map_err(|_| CryptError::Damaged)?;
    Ok(plain)
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
