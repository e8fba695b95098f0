//! The same ledger on several machines, through git: `sync init` makes the data file's folder
//! a repository that merges the ledger with our own driver, `sync clone` sets up another
//! machine from the remote, and `sync` commits, pulls (merging by uid) and pushes.
//!
//! Git does the transport with the remotes the user already has; the merge is ours
//! (`core::merge`), run by git as a merge driver, so a plain `git pull` in the folder merges the
//! ledger correctly too. No server of our own, and nothing goes anywhere but the remote the
//! user named.
//!
//! A sync runs in `run`, taking the remote's changes in `take` and merging through the driver
//! in `merge`; it reads the ledger here as `ledger` says, and `history` reads what git holds of
//! it for the other commands.

mod by_hand;
mod commit;
mod cut_short;
pub mod driver;
mod error;
mod git;
mod history;
mod keys;
mod ledger;
mod lost;
mod merge;
mod refusals;
mod remote;
mod run;
mod setup;
mod stranger;
mod synced;
mod take;
mod unsaid;

use std::path::{Path, PathBuf};

use crate::store;

// What the other parts reach as `super::…`.
use ledger::{damaged, ledger_to_commit, opened};
use merge::MERGE_MESSAGE;
use refusals::{no_merge_of_others, no_unmerged_others, not_detached, on_the_synced_branch};
use run::{changed_there, sync_joining};

pub use error::{GoneBackups, SyncError};
pub use git::Git;
pub use history::{
    committed_key_files, committed_versions, key_file_changed_there, key_file_followed,
};
pub use remote::shown as shown_url;
pub use run::sync;
pub use setup::{clone, init, ledger_named_in, whole_url};
pub use synced::{
    Counted, Lacking, WayBack, checkout_command, checkout_takes, damaged_note, lacks,
    merge_to_redo, way_back,
};

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The message of the commit made of this machine's changes, if there were any.
    pub committed: Option<String>,
    /// What the merge of the other machines' changes did, line by line.
    pub merged: Vec<String>,
    /// Whether the result reached the remote.
    pub pushed: bool,
    /// The remote could not be reached: what waits, and why.
    pub offline: Option<Offline>,
    /// There is no remote configured.
    pub no_remote: bool,
    /// `sync init --remote` moved the remote: from where, to where (a password in either
    /// masked, [`shown_url`]).
    pub remote_moved: Option<(String, String)>,
    /// The remote would not take the push (a hook declined it, or it kept moving on): why.
    /// What was committed and merged here stays.
    pub refused: Option<String>,
}

/// A remote that could not be reached: so a mistyped address is told from a network down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offline {
    /// The commits waiting to be pushed.
    pub waiting: usize,
    /// The remote's address, as configured, a password in it masked ([`shown_url`]).
    pub url: String,
    /// What git said.
    pub why: String,
}

/// The file name and the folder of the data file.
fn split(path: &Path) -> (PathBuf, String) {
    let folder = store::files_folder(path).to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (folder, name)
}

/// What the sync of the ledger at `path` merged has been said: the next sync does not say it
/// again ([`unsaid`]), and says only what git brings after the commit checked out
/// ([`by_hand`]).
pub fn said(path: &Path) {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, _) = split(&path);
    by_hand::said(&Git::at(&folder));
}
