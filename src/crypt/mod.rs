//! The private ledger: the data file, its backups and what sync pushes, encrypted with age
//! to a main key (kept in a key file, wrapped by the passphrase) and a recovery key (printed
//! once, kept offline). See docs/PRIVACY.md.

pub mod envelope;
pub mod keyfile;

/// Why an encrypted ledger could not be opened or sealed; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the encrypted file is damaged or cut off")]
    Damaged,
    #[error("the file is not encrypted to this key")]
    NotThisKey,
    #[error("the file was encrypted by a newer age format than this version reads")]
    Newer,
    #[error("the key file is damaged: {0}")]
    KeyDamaged(String),
    #[error("could not encrypt: {0}")]
    Seal(String),
    #[error("{0}")]
    Io(String),
}
