//! A save never writes a file bigger than a read takes: with the limit set low, a save over
//! it is refused before anything is written, plain or sealed, and one that reaches it
//! exactly writes the very length the refusal named.

use super::*;
use crate::core::dates::parse_iso;

fn today() -> NaiveDate {
    parse_iso("2026-11-24").unwrap()
}

/// Checks the limit on a store that already holds one person: the next change's size.
fn refused_before_writing(mut s: Store, path: &Path) {
    let before = fs::read(path).unwrap();
    let backups_before = backups::list(path).unwrap().len();
    let add = |l: &mut Ledger| l.add_person("Chen Li", "Design", "", today());

    s.max_bytes = 0;
    let Err(StoreError::TooLargeToSave { len, limit, .. }) = s.update(add) else {
        panic!("a save over the limit was not refused");
    };
    assert_eq!(limit, 0);
    assert_eq!(fs::read(path).unwrap(), before, "the file was changed");
    assert_eq!(backups::list(path).unwrap().len(), backups_before);
    assert_eq!(s.ledger().people.len(), 1);

    s.max_bytes = len - 1;
    match s.update(add) {
        Err(StoreError::TooLargeToSave { len: again, .. }) => assert_eq!(again, len),
        other => panic!("one byte over the limit was not refused: {other:?}"),
    }
    assert_eq!(fs::read(path).unwrap(), before);

    s.max_bytes = len;
    s.update(add).unwrap();
    assert_eq!(fs::metadata(path).unwrap().len(), len);
    assert_eq!(s.ledger().people.len(), 2);
}

fn with_one_person(dir: &Path, keys: Option<Keys>) -> (PathBuf, Store) {
    let path = dir.join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.keys = keys.map(Arc::new);
    s.update(|l| l.add_person("Priya Raman", "Backend", "", today()))
        .unwrap();
    (path, s)
}

#[test]
fn a_plain_save_over_the_limit_is_refused_and_one_at_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, s) = with_one_person(dir.path(), None);
    refused_before_writing(s, &path);
}

/// What a change's save would write, as the refusal names it, with the limit at nothing.
fn refused_len(s: &mut Store) -> u64 {
    s.max_bytes = 0;
    match s.update(|l| l.add_person("Chen Li", "Design", "", today())) {
        Err(StoreError::TooLargeToSave { len, .. }) => len,
        other => panic!("a save over the limit was not refused: {other:?}"),
    }
}

/// The sealed file is what is read back, so its length is what is checked: the header, the
/// nonce and the tags on top of the plain text (whose length the same ledger kept plain
/// gives). The header's random stanza makes each sealed file's length differ a little, so
/// the exact length is checked in `crypt::envelope`.
#[test]
fn a_sealed_save_is_measured_as_sealed() {
    let plain_dir = tempfile::tempdir().unwrap();
    let (_, mut plain) = with_one_person(plain_dir.path(), None);
    let plain_len = refused_len(&mut plain);

    let dir = tempfile::tempdir().unwrap();
    let recovery = age::x25519::Identity::generate().to_public();
    let (path, mut s) = with_one_person(dir.path(), Some(Keys::generate(recovery)));
    let before = fs::read(&path).unwrap();
    assert!(crate::crypt::envelope::is_sealed(&before));
    let sealed_len = refused_len(&mut s);
    assert!(sealed_len > plain_len + 32, "{sealed_len} for {plain_len}");

    s.max_bytes = plain_len + 32;
    assert!(matches!(
        s.update(|l| l.add_person("Chen Li", "Design", "", today())),
        Err(StoreError::TooLargeToSave { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before, "the file was changed");

    s.max_bytes = MAX_FILE_BYTES;
    s.update(|l| l.add_person("Chen Li", "Design", "", today()))
        .unwrap();
    let written = fs::metadata(&path).unwrap().len();
    assert!(written > plain_len + 32, "{written} for {plain_len}");
}
