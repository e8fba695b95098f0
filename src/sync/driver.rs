//! The merge driver git runs for the data file (`trustladder merge-driver %O %A %B %P`): the
//! common ancestor, ours and theirs, merged by uid and written over ours. A plain `git pull`
//! in the data folder merges through it too.
//!
//! An encrypted ledger's versions are opened in memory with the keys the agent holds (or the
//! passphrase command gives), and the result is sealed again; nothing is ever asked, as git
//! gives the driver no terminal. Locked, the driver leaves `ours` as it was and fails, and
//! `sync` says to unlock.

use std::fs;
use std::path::Path;

use std::sync::Arc;

use super::SyncError;
use crate::core::Ledger;
use crate::core::merge::{Report, merge};
use crate::crypt::keyfile::{KeyFile, Keys};
use crate::crypt::unlock::Ask;
use crate::crypt::{self, CryptError};
use crate::store::{self, DecodeError};

/// The prefix of the lines the driver prints, so `sync` can find them among git's.
pub const REPORT_PREFIX: &str = "trustladder merge: ";

/// Why a version could not be read: its key (which [`run`] may judge by what the other
/// versions are), or anything else.
enum Unread {
    Crypt(CryptError),
    Other(SyncError),
}

impl Unread {
    /// The error, naming the version as `which` (git's temporary names would say nothing to
    /// the user).
    fn said(self, which: &str) -> SyncError {
        match self {
            Unread::Crypt(CryptError::Locked) => SyncError::MergeLocked,
            Unread::Crypt(e) => SyncError::Io(format!("{which}: {e}")),
            Unread::Other(e) => e,
        }
    }
}

/// Reads one of the three files; an empty or missing ancestor (two histories that never
/// met) is no ancestor. `data` is the ledger's path, whose key file opens a sealed version.
fn read(path: &Path, which: &str, may_be_empty: bool, data: &Path) -> Result<Option<Read>, Unread> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if may_be_empty && e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Unread::Other(SyncError::Io(format!("{which}: {e}")))),
    };
    if may_be_empty && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let opened = crypt::opened(data, bytes, Ask::Never).map_err(Unread::Crypt)?;
    match store::decode(&opened.bytes) {
        Ok(ledger) => Ok(Some(Read {
            ledger,
            keys: opened.keys,
        })),
        Err(DecodeError::TooNew { version }) => Err(Unread::Other(SyncError::TooNew(version))),
        Err(e) => Err(Unread::Other(SyncError::Io(format!("{which}: {e}")))),
    }
}

/// A version read, with the keys that opened it when it was sealed.
struct Read {
    ledger: Ledger,
    keys: Option<Arc<Keys>>,
}

/// Merges `theirs` into `ours` over `base`, writing the result over `ours`; returns what the
/// merge did. A file of a newer format, or one that does not read, is not merged, and `ours`
/// is left as it was. The result is sealed as the side that encrypted or decrypted the ledger
/// since the ancestor left it, else as both are. `data` is the ledger's path
/// (git's %P), beside which the key file of an encrypted ledger is.
pub fn run(base: &Path, ours: &Path, theirs: &Path, data: &Path) -> Result<Merged, SyncError> {
    let (ours_name, theirs_name) = side_names();
    const BASE: &str = "the version both machines last had";
    let o = read(ours, ours_name, false, data).map_err(|e| e.said(ours_name))?;
    let t = match read(theirs, theirs_name, false, data) {
        // Sealed here, and sealed there to another key: both machines ran `encrypt`.
        Err(Unread::Crypt(CryptError::NotThisKey))
            if o.as_ref().is_some_and(|o| o.keys.is_some()) =>
        {
            return Err(SyncError::OtherKey);
        }
        read => read.map_err(|e| e.said(theirs_name))?,
    };
    let (Some(o), Some(t)) = (o, t) else {
        return Err(SyncError::Io("an empty ledger cannot be merged".into()));
    };
    let b = match read(base, BASE, true, data) {
        // Both sides plain, and the key of the sealed ancestor gone with the decryption on
        // both machines: merged without it, as two histories that never met are (the
        // tombstones still say what was deleted).
        Err(Unread::Crypt(CryptError::KeyFileMissing { .. }))
            if o.keys.is_none() && t.keys.is_none() =>
        {
            None
        }
        // Plain here, and the ancestor sealed to a key that neither the key file here nor
        // the other side's opens: this machine decrypted a ledger sealed with its key while
        // the other decrypted it and encrypted it again with new keys (what `sync` says to do
        // when the other side's changes do not open here). Merged without it too, sealed as
        // the other side is, so the decryption here gives way to the encryption there.
        Err(Unread::Crypt(CryptError::NotThisKey)) if o.keys.is_none() => None,
        read => read.map_err(|e| e.said(BASE))?,
    };
    let merged = merge(b.as_ref().map(|b| &b.ledger), &o.ledger, &t.ledger)
        .map_err(|e| SyncError::Merge(e.to_string()))?;
    let plain = store::encode(&merged.ledger);
    // Sealed or plain is merged as a field: a side that encrypted or decrypted the ledger
    // since the ancestor has its way (its key file arrives or leaves with the same merge),
    // and with no ancestor, sealed wins.
    let (was, here, there) = (
        b.as_ref().map(|b| b.keys.is_some()),
        o.keys.is_some(),
        t.keys.is_some(),
    );
    let sealed = match was {
        Some(was) if here == was => there,
        Some(_) => here,
        None => here || there,
    };
    let keys = if sealed {
        o.keys.as_ref().or(t.keys.as_ref())
    } else {
        None
    };
    let bytes = match keys {
        Some(keys) => keys
            .seal(&plain)
            .map_err(|e| SyncError::Io(format!("{}: {e}", ours.display())))?,
        None => plain,
    };
    fs::write(ours, bytes).map_err(|e| SyncError::Io(format!("{}: {e}", ours.display())))?;
    Ok(Merged {
        report: merged.report,
        turned: match (here, sealed) {
            (false, true) => Some(ENCRYPTED_ELSEWHERE),
            (true, false) => {
                Some("the ledger here is now plain JSON, as another machine decrypted it")
            }
            _ => None,
        },
    })
}

/// What the driver calls ours and theirs where a version does not read: theirs is this
/// machine's own commit in a sync's merge of it back (`merging_back`), and in a rebase, which
/// swaps the sides, ours is the other machine's and theirs this machine's commit replayed.
fn side_names() -> (&'static str, &'static str) {
    const HERE: &str = "this machine's version";
    const THERE: &str = "the other machine's version";
    if merging_back() {
        (HERE, "this machine's own commit merged back")
    } else if in_rebase() {
        (THERE, HERE)
    } else {
        (HERE, THERE)
    }
}

/// What a merge did: to the records, and to the file when the other side's encrypting or
/// decrypting the ledger won, which the person who merged should hear of.
#[derive(Debug)]
pub struct Merged {
    pub report: Report,
    pub turned: Option<&'static str>,
}

/// What a merge or a sync that takes a ledger another machine encrypted says of it.
pub(crate) const ENCRYPTED_ELSEWHERE: &str =
    "the ledger here is now encrypted, as another machine encrypted it";

/// How the report of a key file changed on both sides begins.
pub(crate) const BOTH_PASSPHRASES: &str = "the passphrase was changed here and on another machine";

/// Merges an encrypted ledger's key file changed on both sides since their ancestor (a
/// passphrase set on two machines, or a `recover` on one): the other side's, which reached the
/// remote first, is kept, so every machine ends with the same key file and one passphrase
/// opens it. Both wrap the same main key when only passphrases changed, so the ledger opens
/// as before; what the report says is which passphrase now unlocks it.
pub fn key_file(ours: &Path, theirs: &Path) -> Result<String, SyncError> {
    let read =
        |path: &Path| fs::read(path).map_err(|e| SyncError::Io(format!("{}: {e}", path.display())));
    let (here, there) = (read(ours)?, read(theirs)?);
    let main = |bytes: &[u8]| {
        KeyFile::parse(&String::from_utf8_lossy(bytes))
            .map(|file| file.main)
            .map_err(|e| match e {
                CryptError::KeyDamaged(why) => why,
                e => e.to_string(),
            })
    };
    // A side that does not read is named with its damage: which main key it holds cannot be
    // told, and taken for another key it sent the user to set a machine up again for nothing.
    // Whose it is is asked of git only then.
    let damaged = |whose: &str, why: String| {
        SyncError::Merge(format!(
            "{whose} of the key file is damaged ({why}), so the two cannot be merged and nothing was changed: mend it on the machine it came from, then sync again"
        ))
    };
    // Two main keys (one made anew by a `recover` without the key file): the ledger sealed to
    // one cannot be opened with the other, so neither side can simply win.
    let (main_here, main_there) = match (main(&here), main(&there)) {
        (Ok(here), Ok(there)) => (here, there),
        (Err(why), _) => return Err(damaged(side_names().0, why)),
        (_, Err(why)) => return Err(damaged(side_names().1, why)),
    };
    if main_here != main_there {
        return Err(SyncError::Merge(
            "the key file here and the other machine's hold different main keys (one was made anew by `recover` without the old key file), so neither can open the other's ledger; keep this folder, set this machine up again with `trustladder sync clone URL` in another, and bring over what only this one has with `export` and `import`".to_string(),
        ));
    }
    fs::write(ours, there).map_err(|e| SyncError::Io(format!("{}: {e}", ours.display())))?;
    Ok(format!(
        "{REPORT_PREFIX}{BOTH_PASSPHRASES}; the other machine's key file is kept, so its passphrase unlocks the ledger from now on\n"
    ))
}

/// Whether git runs the driver (in the top folder of the work tree) in a rebase, which swaps
/// the sides: ours is the branch rebased onto, theirs the commit replayed on it. `git am`
/// also keeps its state in `rebase-apply`, but with the sides as a merge has them.
pub fn in_rebase() -> bool {
    let git = super::Git::at(Path::new("."));
    let at = |file: &str| {
        git.ok(&["rev-parse", "--git-path", file])
            .map(|at| std::path::PathBuf::from(at.trim()))
    };
    at("rebase-merge").is_ok_and(|at| at.is_dir())
        || (at("rebase-apply").is_ok_and(|at| at.is_dir())
            && !at("rebase-apply/applying").is_ok_and(|at| at.exists()))
}

/// Set by a sync for the git merge that takes back this machine's own commit, which a `git
/// reset` run by hand took out of the branch, so that the driver names the other side as that
/// commit, never as another machine. Between a sync and the driver git runs for it alone.
pub const MERGING_BACK_ENV: &str = "TRUSTLADDER_MERGING_BACK";

/// Whether git runs the driver for a sync's merge of this machine's own commit back
/// ([`MERGING_BACK_ENV`]).
pub fn merging_back() -> bool {
    std::env::var_os(MERGING_BACK_ENV).is_some()
}

/// The report as the driver prints it, one prefixed line each; a change of the file between
/// sealed and plain first, and alone when no record needed merging.
pub fn report_lines(merged: &Merged) -> String {
    // A merge that took nothing from the other side says nothing of the ledger (it said
    // "nothing to merge" after a merge git had just made).
    let records = if merged.report.is_empty() {
        String::new()
    } else {
        merged.report.to_string()
    };
    merged
        .turned
        .into_iter()
        .chain(records.lines())
        .map(|l| format!("{REPORT_PREFIX}{l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::x25519;
    use secrecy::SecretString;

    fn written(dir: &Path, name: &str, file: &KeyFile) -> std::path::PathBuf {
        let path = dir.join(name);
        fs::write(&path, file.to_text()).unwrap();
        path
    }

    /// Two passphrases on one main key: the other side's key file is kept. Two main keys:
    /// neither is, and ours is left as it was.
    #[test]
    fn the_other_sides_key_file_is_kept_only_over_the_same_main_key() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let pass = |p: &str| SecretString::from(p.to_string());
        let wrap = |keys: &Keys, p: &str| KeyFile::wrap(keys, &pass(p), Some(2)).unwrap();
        let ours = written(dir.path(), "ours", &wrap(&keys, "here"));
        let theirs = written(dir.path(), "theirs", &wrap(&keys, "there"));
        let said = key_file(&ours, &theirs).unwrap();
        assert!(
            said.contains("the other machine's key file is kept"),
            "{said}"
        );
        assert_eq!(fs::read(&ours).unwrap(), fs::read(&theirs).unwrap());

        let other = Keys::generate(x25519::Identity::generate().to_public());
        let before = fs::read(&ours).unwrap();
        let theirs = written(dir.path(), "theirs", &wrap(&other, "there"));
        let refused = key_file(&ours, &theirs).unwrap_err().to_string();
        assert!(refused.contains("different main keys"), "{refused}");
        assert_eq!(fs::read(&ours).unwrap(), before);
    }

    /// A side whose key file does not read (bytes left after its blocks, here) is named with
    /// its damage, not taken for another main key, and ours is left as it was.
    #[test]
    fn a_damaged_key_file_is_named_by_whose_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::generate(x25519::Identity::generate().to_public());
        let file = KeyFile::wrap(&keys, &SecretString::from("pw".to_string()), Some(2)).unwrap();
        let text = file.to_text();
        let damaged = format!("{text}:wq\n");
        let line = text.lines().count() + 1;
        for (ours_text, theirs_text, whose) in [
            (&damaged, &text, "this machine's version"),
            (&text, &damaged, "the other machine's version"),
        ] {
            let ours = dir.path().join("ours");
            let theirs = dir.path().join("theirs");
            fs::write(&ours, ours_text).unwrap();
            fs::write(&theirs, theirs_text).unwrap();
            let refused = key_file(&ours, &theirs).unwrap_err().to_string();
            assert!(
                refused.contains(&format!(
                    "{whose} of the key file is damaged (line {line} holds more after its last sealed block"
                )),
                "{refused}"
            );
            assert!(!refused.contains("different main keys"), "{refused}");
            assert_eq!(fs::read_to_string(&ours).unwrap(), *ours_text);
        }
    }

    /// A version that does not read is named by whose it is, not by git's temporary name,
    /// and ours is left as it was.
    #[test]
    fn a_version_that_does_not_read_is_named_by_whose_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join(".merge_file_ours");
        let theirs = dir.path().join(".merge_file_theirs");
        let good = store::encode(&Ledger::default());
        fs::write(&ours, &good).unwrap();
        fs::write(&theirs, b"{\"format\": oops").unwrap();
        let data = dir.path().join("trustladder.json");
        let err = run(&dir.path().join("base"), &ours, &theirs, &data)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("the other machine's version: "), "{err}");
        assert!(!err.contains(".merge_file"), "{err}");
        assert_eq!(fs::read(&ours).unwrap(), good);
    }
}
