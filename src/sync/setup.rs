//! Setting a folder up for sync: the repository, what it ignores, and the merge driver.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::git::Git;
use super::remote::shown;
use super::{SyncError, Synced, split};
use crate::store;

/// The name git knows our merge driver by.
pub(super) const DRIVER: &str = "trustladder";

/// The name git knows the key file's merge driver by.
const KEY_DRIVER: &str = "trustladder-key";

/// The ledger a `.gitattributes` merges with our driver: the path of the line that names it,
/// as the line [`register`] writes.
pub fn ledger_named_in(attributes: &str) -> Option<std::path::PathBuf> {
    let wanted = format!("merge={DRIVER}");
    attributes
        .lines()
        .find(|l| l.split_whitespace().skip(1).any(|a| a == wanted))
        .and_then(|l| l.split_whitespace().next())
        .map(|name| std::path::PathBuf::from(name.trim_start_matches('/')))
}

/// Whether `name` stands for itself in a `.gitattributes` and a `.gitignore` line: git splits
/// those lines at white space, reads `*`, `?`, `[` and `\` as a pattern's own, a `"` as a quote,
/// and `#` and `!` at the start as a comment and a negation. A data file named so would be
/// merged line by line by git, not by the driver.
fn pattern_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['#', '!'])
        && !name.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\\' | '*' | '?' | '[')
        })
}

/// Adds each of `lines` to the file at `path` that it lacks, creating the file if needed.
fn ensure_lines(path: &Path, lines: &[String]) -> Result<(), SyncError> {
    let now = fs::read_to_string(path).unwrap_or_default();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !now.lines().any(|have| have.trim() == l.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = now;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    fs::write(path, text).map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))
}

/// How git names the copies of a file it hands a merge driver (`.merge_file_XXXXXX`, in the
/// repository's top folder).
pub(super) const MERGE_FILES: &str = ".merge_file_";

/// Whether two paths name one folder, links followed.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Removes the copies of the ledger git made for the merge driver that a sync killed during a
/// merge left in the repository's top folder: whole ledgers, which no later merge removes.
/// Run under the data file's lock, so no sync of this machine's is merging meanwhile.
pub(super) fn remove_merge_leftovers(git: &Git) {
    let Some(top) = git.toplevel() else {
        return;
    };
    let Ok(entries) = fs::read_dir(&top) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let git_made = name
            .strip_prefix(MERGE_FILES)
            .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()));
        if git_made && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Quotes a path for the shell line git runs the driver with.
fn shell_quoted(path: &Path) -> String {
    super::synced::quoted(&path.display().to_string())
}

/// Makes git merge the data file with our driver: `.gitattributes` names it for the file, and
/// the repository's own config says how to run it (this very program, wherever it is now;
/// config is not cloned, so every sync registers it again). Git need not be told about the
/// lock, temp files and backups: `.gitignore` keeps them out.
pub(super) fn register(git: &Git, name: &str) -> Result<(), SyncError> {
    if !pattern_safe(name) {
        return Err(SyncError::UnsafeName(name.to_string()));
    }
    let dir = git.dir();
    // Binary to git (an encrypted ledger is), merged by our driver, and shown as text in
    // diffs through our conversion, which is never cached: a cache would keep the plain text
    // of an encrypted ledger in the repository.
    ensure_lines(
        &dir.join(".gitattributes"),
        &[
            format!("/{name} merge={DRIVER}"),
            format!("/{name} -text diff={DRIVER}"),
            format!("/{name}.key merge={KEY_DRIVER}"),
        ],
    )?;
    let mut ignored = vec![
        format!("/{name}.lock"),
        format!("/.{name}.tmp-*"),
        format!("/.{name}.key.tmp-*"),
        "/backups/".to_string(),
    ];
    // Git's copies of the ledger for the driver, which a sync killed during a merge leaves
    // in the top folder (the next sync removes them): there, this file names them.
    if git.toplevel().is_some_and(|top| same_folder(&top, dir)) {
        ignored.push(format!("/{MERGE_FILES}??????"));
    }
    ensure_lines(&dir.join(".gitignore"), &ignored)?;
    union_of_ignores(git)?;
    let exe = std::env::current_exe()
        .map_err(|e| SyncError::Io(format!("cannot find this program's path: {e}")))?;
    let command = format!("{} merge-driver %O %A %B %P", shell_quoted(&exe));
    // Read in one command, and written only where they differ: a sync in a folder set up
    // already writes one, where it ran six git commands. The driver's command is written
    // every time all the same, so that a config lock a killed sync left is named at once
    // (git's message, with the `rm` for it), before the sync goes on without the writes
    // that would need it.
    let set = settings(git);
    let wanted = [
        (
            format!("merge.{DRIVER}.name"),
            "trustladder: merge two ledgers by uid".to_string(),
        ),
        (
            format!("merge.{KEY_DRIVER}.name"),
            "trustladder: keep the other side's key file".to_string(),
        ),
        (
            format!("merge.{KEY_DRIVER}.driver"),
            format!("{} merge-driver --key-file %O %A %B", shell_quoted(&exe)),
        ),
        (
            format!("diff.{DRIVER}.textconv"),
            format!("{} textconv", shell_quoted(&exe)),
        ),
    ];
    git.ok(&["config", &format!("merge.{DRIVER}.driver"), &command])?;
    for (key, value) in &wanted {
        if set.get(key) != Some(value) {
            git.ok(&["config", key, value])?;
        }
    }
    // A plain `git pull` merges, with the driver, where git would otherwise stop and ask how
    // to reconcile the branches; a choice the user made (here or in their own config) stays.
    let chosen = |key: &str| set.get(key).is_some_and(|value| !value.is_empty());
    if !chosen("pull.rebase") && !chosen("pull.ff") {
        git.ok(&["config", "pull.rebase", "false"])?;
    }
    Ok(())
}

/// Makes git merge the `.gitignore` of the data folder by taking the lines of both sides: a
/// remote a forge made with a `.gitignore` of its own met the one `sync init` writes in a
/// conflict (both added it), and the first sync stopped with exit 1, where each side's lines
/// are all wanted. Written in the repository's own `info/attributes`, which no commit takes
/// to the other machines (each sync writes it again there); a repository whose git folder is
/// elsewhere (a worktree, a submodule) is left as it was.
fn union_of_ignores(git: &Git) -> Result<(), SyncError> {
    let Some(top) = git.toplevel() else {
        return Ok(());
    };
    let git_folder = top.join(".git");
    if !git_folder.is_dir() {
        return Ok(());
    }
    let folder = fs::canonicalize(git.dir()).unwrap_or_else(|_| git.dir().to_path_buf());
    let top = fs::canonicalize(&top).unwrap_or(top);
    let Ok(prefix) = folder.strip_prefix(&top) else {
        return Ok(());
    };
    let file = prefix.join(".gitignore").display().to_string();
    if !pattern_safe(&file) {
        return Ok(());
    }
    let info = git_folder.join("info");
    fs::create_dir_all(&info).map_err(|e| SyncError::Io(format!("{}: {e}", info.display())))?;
    ensure_lines(&info.join("attributes"), &[format!("/{file} merge=union")])
}

/// The settings [`register`] makes, as git reads them (the last value of each, from every
/// config file): empty where none is set, or the config cannot be read (the writes then say
/// why).
fn settings(git: &Git) -> std::collections::HashMap<String, String> {
    let pattern = format!(
        "^(merge\\.({DRIVER}|{KEY_DRIVER})\\.(name|driver)|diff\\.{DRIVER}\\.textconv|pull\\.(rebase|ff))$"
    );
    git.run(&["config", "--get-regexp", &pattern])
        .map(|ran| {
            ran.stdout
                .lines()
                .filter_map(|line| line.split_once(' '))
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Makes a repository in the folder `git` runs in, which only the user can open: it holds
/// every version of the ledger, kept private as the data file and its backups are, whatever
/// the umask or the folder's mode.
fn init_private(git: &Git) -> Result<(), SyncError> {
    git.ok(&["init", "--quiet", "--initial-branch=main"])?;
    use std::os::unix::fs::PermissionsExt;
    let at = git.dir().join(".git");
    fs::set_permissions(&at, fs::Permissions::from_mode(0o700))
        .map_err(|e| SyncError::Io(format!("{}: {e}", at.display())))
}

/// Refuses a sync run by root in a folder another user owns (or, where it is still to be
/// made, whose nearest folder they own), or in a repository of theirs, before git is run
/// there ([`SyncError::RootInOthersFolder`]).
pub(super) fn not_root_in_others_folder(folder: &Path) -> Result<(), SyncError> {
    use std::os::unix::fs::MetadataExt;
    if !nix::unistd::geteuid().is_root() {
        return Ok(());
    }
    let mut at = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let meta = loop {
        match fs::metadata(at) {
            Ok(meta) => break meta,
            Err(_) => match at.parent() {
                Some(up) if !up.as_os_str().is_empty() => at = up,
                _ => return Ok(()),
            },
        }
    };
    // Root's folder, inside a repository of another user's: git would not use that
    // repository (it is "dubious" to root), and `sync init` made one of root's inside it.
    let repository = at
        .ancestors()
        .find_map(|up| fs::symlink_metadata(up.join(".git")).ok().map(|m| (up, m)));
    let (at, uid) = match repository {
        Some((up, git)) if meta.uid() == 0 => (up, git.uid()),
        _ => (at, meta.uid()),
    };
    if uid == 0 {
        return Ok(());
    }
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map_or_else(|| uid.to_string(), |u| u.name);
    Err(SyncError::RootInOthersFolder {
        folder: at.to_path_buf(),
        user,
    })
}

/// Makes the data file's folder a git repository (or uses the one it is in), sets it up to
/// merge the ledger with our driver, commits the ledger, and with a remote syncs at once. A
/// remote that holds a repository of something else is refused, and left unadded (or moved
/// back), unless `join` says it is meant to hold the ledger all the same.
pub fn init(
    path: &Path,
    remote: Option<&str>,
    join: bool,
    patience: &store::Patience,
) -> Result<Synced, SyncError> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    not_root_in_others_folder(&folder)?;
    if !pattern_safe(&name) {
        return Err(SyncError::UnsafeName(name));
    }
    // Nothing to share: committing the set-up alone would push a commit that says nothing
    // true, and a machine meant to take the remote's ledger is set up by `sync clone`.
    if fs::symlink_metadata(&path).is_err() {
        return Err(SyncError::NoLedgerHere(path));
    }
    // A folder (or a pipe) named as the data file is refused as every command refuses it,
    // before the folder above it is made a repository and given set-up files for it; so is a
    // file that does not read as a ledger (one of the user's, named by mistake).
    store::open_regular(&path)?;
    if super::damaged(&path) {
        super::opened(&path)?;
    }
    // Refused before the repository and its files are made, as the sync would refuse it:
    // its message says nothing was changed.
    if folder.is_dir() {
        store::refuse_protected(&path)?;
    }
    store::ensure_folder(&folder)?;
    let git = Git::at(&folder);
    if let Some(url) = remote {
        not_its_own(&git, &folder, url)?;
    }
    if git.toplevel().is_none() {
        init_private(&git)?;
    }
    super::no_merge_of_others(&git, &name)?;
    // Refused before the remote is moved, which a refusal must leave as it was.
    super::no_unmerged_others(&git, &name)?;
    super::not_detached(&git)?;
    super::on_the_synced_branch(&git, &name)?;
    register(&git, &name)?;
    let mut moved = None;
    let mut added = false;
    if let Some(url) = remote {
        match git.config("remote.origin.url") {
            // A remote `origin` with an empty URL (an earlier version took one) is set, as
            // git would refuse to add it again.
            None if has_origin(&git)? => {
                git.ok(&["remote", "set-url", "origin", url])?;
                added = true;
            }
            None => {
                git.ok(&["remote", "add", "origin", url])?;
                added = true;
            }
            Some(have) if have != url => {
                git.ok(&["remote", "set-url", "origin", url])?;
                moved = Some((have, url.to_string()));
            }
            Some(_) => {}
        }
    }
    // The remote's branch as last fetched, from the remote moved from: while it stays so, it
    // says nothing of what the new remote holds.
    let old_branch = match (&moved, git.remote_branch()) {
        (Some(_), Some(branch)) => git.ok(&["rev-parse", "--verify", "--quiet", &branch]).ok(),
        _ => None,
    };
    let mut synced = match (super::sync_joining(&path, patience, join), &moved) {
        // A repository of something else: the remote is as it was before, so that the next
        // try, with the right URL or `--join`, starts afresh.
        (
            Err(SyncError::AnotherRepository {
                url,
                name,
                files,
                join,
                ..
            }),
            moved,
        ) => {
            let kept = match moved {
                Some((have, _)) => {
                    git.ok(&["remote", "set-url", "origin", have])?;
                    let _ = git.run(&["fetch", "--quiet", "--prune", "origin"]);
                    format!(", and the remote stays {}", shown(have))
                }
                None if added => {
                    git.ok(&["remote", "remove", "origin"])?;
                    ", and no remote was added".to_string()
                }
                None => String::new(),
            };
            return Err(SyncError::AnotherRepository {
                url,
                name,
                files,
                join,
                kept,
            });
        }
        // The new remote holds another ledger: the remote this folder had stays, so the next
        // `sync` goes on with it as before.
        (Err(SyncError::RemoteReplaced { .. }), Some((have, url))) => {
            git.ok(&["remote", "set-url", "origin", have])?;
            let _ = git.run(&["fetch", "--quiet", "--prune", "origin"]);
            return Err(SyncError::OtherLedgerThere {
                url: shown(url),
                have: shown(have),
            });
        }
        // Any other refusal leaves the remote as it was too.
        (Err(e), Some((have, _))) => {
            git.ok(&["remote", "set-url", "origin", have])?;
            return Err(e);
        }
        (synced, _) => synced?,
    };
    // Out of reach before anything was fetched from it, the new remote is not known to hold
    // any of the history here: all of it waits, not only what the old remote lacked.
    if let (Some(offline), Some(old), Some(branch)) =
        (synced.offline.as_mut(), old_branch, git.remote_branch())
    {
        let now = git.ok(&["rev-parse", "--verify", "--quiet", &branch]).ok();
        if now.as_deref() == Some(old.as_str()) {
            offline.waiting = super::remote::waiting_for_a_new_remote(&git);
        }
    }
    synced.remote_moved = moved.map(|(was, now)| (shown(&was), shown(&now)));
    Ok(synced)
}

/// Whether `name` in the folder `git` runs in is merged with our driver: set up for sync, not
/// only a file in a repository of the user's own.
fn registered(git: &Git, name: &str) -> bool {
    git.ok(&["check-attr", "merge", "--", name])
        .is_ok_and(|out| out.trim_end().ends_with(&format!(": merge: {DRIVER}")))
}

/// Whether the repository has a remote named `origin`, whatever its URL.
fn has_origin(git: &Git) -> Result<bool, SyncError> {
    Ok(git.ok(&["remote"])?.lines().any(|r| r.trim() == "origin"))
}

/// Sets up this machine from the remote: the data file's folder must not hold a ledger yet,
/// so nothing is ever silently replaced. A clone that fails leaves the folder as it found it
/// (the repository it made, or the remote it added, taken away again), so the next try, with
/// the right URL, starts afresh.
pub fn clone(path: &Path, url: &str) -> Result<Synced, SyncError> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    not_root_in_others_folder(&folder)?;
    if !pattern_safe(&name) {
        return Err(SyncError::UnsafeName(name));
    }
    not_inside_remote(&path, &folder, &name, url)?;
    // A folder (or a pipe) named as the data file holds no ledger: refused as every command
    // refuses it, where it was said to hold one already.
    store::open_regular(&path)?;
    if path.exists() {
        return Err(match Git::at(&folder).config("remote.origin.url") {
            Some(url) if registered(&Git::at(&folder), &name) => SyncError::AlreadySynced {
                path,
                url: shown(&url),
            },
            _ => SyncError::AlreadyThere(path),
        });
    }
    let folder_made = !folder.exists();
    store::ensure_folder(&folder)?;
    let git = Git::at(&folder);
    let made = git.toplevel().is_none();
    if made {
        init_private(&git)?;
    }
    let added = match git.config("remote.origin.url") {
        None => git.ok(&["remote", "add", "origin", url]).map(|_| true),
        Some(have) if have != url => {
            return Err(SyncError::OtherOrigin {
                have: shown(&have),
                want: shown(url),
            });
        }
        Some(_) => Ok(false),
    };
    // A remote git would not add fails as a clone does: undone below too.
    let (added, cloned) = match added {
        Ok(added) => (added, check_out(&git, &path, &name, url)),
        Err(e) => (false, Err(e)),
    };
    if cloned.is_err() {
        if folder_made {
            let _ = fs::remove_dir_all(&folder);
        } else if made {
            let _ = fs::remove_dir_all(folder.join(".git"));
        } else if added {
            let _ = git.run(&["remote", "remove", "origin"]);
        }
    }
    cloned
}

/// Refuses a data file `path` (in `folder`, named `name`) inside the folder of the remote
/// repository `url` names on this machine: git made a repository of its own there, among the
/// remote's own files, which then said the remote "holds no commits yet" though it held the
/// ledger; or, in a folder further down, set the ledger up inside the remote. The folder,
/// which may not be there yet, is judged by the nearest one that is. Names a path beside the
/// remote's folder to give instead.
fn not_inside_remote(path: &Path, folder: &Path, name: &str, url: &str) -> Result<(), SyncError> {
    let Some(remote) = local_path(url).and_then(|local| Path::new(local).canonicalize().ok())
    else {
        return Ok(());
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Some(there) = folder.ancestors().find_map(|at| at.canonicalize().ok()) else {
        return Ok(());
    };
    if !there.starts_with(&remote) {
        return Ok(());
    }
    let beside = remote.parent().unwrap_or(Path::new("/"));
    Err(SyncError::InsideRemote {
        path: path.to_path_buf(),
        url: shown(url),
        outside: beside.join("trustladder").join(name),
    })
}

/// The remote's branch checked out where [`clone`] set the repository up.
fn check_out(git: &Git, path: &Path, name: &str, url: &str) -> Result<Synced, SyncError> {
    let fetched = git.run(&["fetch", "--quiet", "origin"])?;
    if !fetched.ok {
        return Err(SyncError::Unreachable {
            url: shown(url),
            why: super::git::first_lines(&fetched.stderr),
        });
    }
    let head = git.ok(&["ls-remote", "--symref", "origin", "HEAD"])?;
    let branch = head
        .lines()
        .find_map(|l| l.strip_prefix("ref: refs/heads/"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("main")
        .to_string();
    let upstream = format!("origin/{branch}");
    if !git.has(&upstream) {
        return Err(SyncError::EmptyRemote(shown(url)));
    }
    // A branch of that name here (a repository of the user's own) is only moved forward to
    // the remote's, never reset: its own commits would be lost.
    let local = format!("refs/heads/{branch}");
    if git.has(&local)
        && !git
            .run(&["merge-base", "--is-ancestor", &local, &upstream])?
            .ok
    {
        return Err(SyncError::BranchAhead(branch));
    }
    // Asked before anything is checked out, so a remote of something else leaves no files.
    if !git.holds(&upstream, name)? {
        // A remote set up with a data file of another name says which in its attributes.
        let has = git
            .bytes(&["show", &format!("{upstream}:.gitattributes")])?
            .and_then(|bytes| ledger_named_in(&String::from_utf8_lossy(&bytes)))
            .filter(|has| {
                git.holds(&upstream, &has.display().to_string())
                    .unwrap_or(false)
            });
        return Err(match has {
            Some(has) => SyncError::NamedOtherwise {
                want: name.to_string(),
                has: has.display().to_string(),
                folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
                url: url.to_string(),
            },
            None => SyncError::NothingThere(name.to_string()),
        });
    }
    not_in_the_way(git, &upstream)?;
    git.ok(&["checkout", "--quiet", "-B", &branch, "--track", &upstream])?;
    if !path.exists() {
        return Err(SyncError::NothingThere(name.to_string()));
    }
    register(git, name)?;
    store::make_file_private(path)?;
    Ok(Synced {
        pushed: false,
        ..Synced::default()
    })
}

/// The path a remote's `url` names on this machine, as git reads it: a `file://` URL's, or
/// one with no scheme and no `host:` (a colon before any slash); None for any other.
fn local_path(url: &str) -> Option<&str> {
    match url.split_once("://") {
        Some((scheme, path)) => scheme.eq_ignore_ascii_case("file").then_some(path),
        None if url
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':')) =>
        {
            None
        }
        None => Some(url),
    }
}

/// A remote's `url` as typed on the command line run in the folder `from`, a relative path
/// made whole from there: git reads a relative one from the data folder, where it named
/// another folder (or none, and the remote could not be reached), and `.` the repository it
/// runs in. Any other URL is as typed.
pub fn whole_url(url: &str, from: &Path) -> String {
    let relative = url.split_once("://").is_none()
        && local_path(url).is_some_and(|path| Path::new(path).is_relative());
    if !relative {
        return url.to_string();
    }
    let whole = from.join(url);
    whole.canonicalize().unwrap_or(whole).display().to_string()
}

/// Refuses a remote `url` that names the repository of the data folder `folder` itself (its
/// top folder or its git folder, `.`, or the data folder where `sync init` is to make it one): a
/// sync would fetch from and push to itself, say "up to date", and share nothing. A URL that
/// is no local path (`host:path`, `scheme://…`, but `file://`) names no folder here.
fn not_its_own(git: &Git, folder: &Path, url: &str) -> Result<(), SyncError> {
    if local_path(url).is_none() {
        return Ok(());
    }
    let own = match git.toplevel() {
        Some(top) => {
            let git_dir = git
                .ok(&["rev-parse", "--absolute-git-dir"])
                .map(|dir| PathBuf::from(dir.trim()));
            vec![Some(top), git_dir.ok()]
        }
        None => vec![Some(folder.to_path_buf()), Some(folder.join(".git"))],
    };
    let own: Vec<PathBuf> = own.into_iter().flatten().collect();
    // Git reads a relative path from the folder it runs in, the data folder.
    if names_one_of(url, folder, &own) {
        return Err(SyncError::OwnRepository(shown(url)));
    }
    Ok(())
}

/// Whether the remote `url` names one of the folders `own` (a repository's top folder and
/// its git folder), a relative path read from `from`. `.` (or `./`) is, to git, the
/// repository it runs in, from any folder of it. A URL that is no local path names no
/// folder here.
pub(super) fn names_one_of(url: &str, from: &Path, own: &[PathBuf]) -> bool {
    let Some(local) = local_path(url) else {
        return false;
    };
    if !local.starts_with('/') && local.split('/').all(|part| part.is_empty() || part == ".") {
        return true;
    }
    let Ok(named) = from.join(local).canonicalize() else {
        return false;
    };
    own.iter()
        .any(|path| path.canonicalize().is_ok_and(|path| path == named))
}

/// How a file or folder here is in the way of the remote's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clash {
    /// The remote holds a file of the same name.
    Same,
    /// A file here, where the remote holds a folder of that name.
    FolderThere,
    /// A folder here, holding files of the user's, where the remote holds a file.
    FileThere,
}

/// How the refusal says what the remote holds of the names `clashes` found in the way.
fn held_there(clashes: &[Clash]) -> &'static str {
    let all = |clash| clashes.iter().all(|c| *c == clash);
    match clashes.len() {
        _ if all(Clash::Same) => "which the remote holds too",
        1 if all(Clash::FolderThere) => "where the remote holds a folder of that name",
        _ if all(Clash::FolderThere) => "where the remote holds folders of those names",
        1 if all(Clash::FileThere) => "where the remote holds a file of that name",
        _ if all(Clash::FileThere) => "where the remote holds files of those names",
        _ => "which the remote holds too, as a file or a folder",
    }
}

/// Refuses files git does not track here (ignored ones aside, which git replaces) where the
/// remote's branch `upstream` holds files of the same names (a `.gitignore` of the user's
/// own, say), a folder of the name of a file here, or a file of the name of a folder here
/// that holds such files: git would refuse the checkout in its own words, which name no way
/// out.
fn not_in_the_way(git: &Git, upstream: &str) -> Result<(), SyncError> {
    let names = |args: &[&str]| -> Result<Vec<String>, SyncError> {
        Ok(git
            .ok(args)?
            .split('\0')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect())
    };
    let theirs = names(&[
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-tree",
        upstream,
    ])?;
    let here = names(&[
        "ls-files",
        "-z",
        "--others",
        "--exclude-standard",
        "--full-name",
        ":/",
    ])?;
    let files: HashSet<&str> = theirs.iter().map(String::as_str).collect();
    let folders: HashSet<&str> = theirs.iter().flat_map(|t| parents(t)).collect();
    let mut in_the_way: Vec<(&str, Clash)> = Vec::new();
    for name in &here {
        let found = if files.contains(name.as_str()) {
            Some((name.as_str(), Clash::Same))
        } else if folders.contains(name.as_str()) {
            Some((name.as_str(), Clash::FolderThere))
        } else {
            parents(name)
                .find(|folder| files.contains(folder))
                .map(|folder| (folder, Clash::FileThere))
        };
        if let Some(found) = found
            && !in_the_way.iter().any(|(n, _)| *n == found.0)
        {
            in_the_way.push(found);
        }
    }
    let Some((first, _)) = in_the_way.first() else {
        return Ok(());
    };
    let names: Vec<&str> = in_the_way.iter().map(|(n, _)| *n).collect();
    let clashes: Vec<Clash> = in_the_way.iter().map(|(_, c)| *c).collect();
    Err(SyncError::InTheWay {
        folder: git.top(),
        files: super::refusals::a_few(&names),
        held_there: held_there(&clashes),
        first: (*first).to_string(),
    })
}

/// The folders that hold the file or folder git names `name` (`a/b/c`: `a`, `a/b`).
fn parents(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/').map(move |(at, _)| &name[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file or folder here in the way of the remote's is said by what the remote holds of
    /// its name.
    #[test]
    fn what_the_remote_holds_in_the_way_is_said_by_its_kind() {
        assert_eq!(parents("a/b/c").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(parents("a").count(), 0);
        assert_eq!(held_there(&[Clash::Same]), "which the remote holds too");
        assert_eq!(
            held_there(&[Clash::FolderThere]),
            "where the remote holds a folder of that name"
        );
        assert_eq!(
            held_there(&[Clash::FileThere, Clash::FileThere]),
            "where the remote holds files of those names"
        );
        assert_eq!(
            held_there(&[Clash::Same, Clash::FileThere]),
            "which the remote holds too, as a file or a folder"
        );
    }

    #[test]
    fn the_ledger_is_found_by_the_line_register_writes() {
        let attributes =
            "*.md text\n/team.json -text diff=trustladder\n/team.json merge=trustladder\n";
        assert_eq!(ledger_named_in(attributes), Some("team.json".into()));
        // A look-alike driver is not ours.
        assert_eq!(ledger_named_in("/x.json merge=trustladder2\n"), None);
        assert_eq!(ledger_named_in(""), None);
    }

    #[test]
    fn a_name_git_would_read_as_a_pattern_or_two_words_is_refused() {
        for name in [
            "trustladder.json",
            "team-2026.json",
            "équipe.json",
            "a#b.json",
        ] {
            assert!(pattern_safe(name), "{name}");
        }
        for name in [
            "my team.json",
            "team*.json",
            "team?.json",
            "[team].json",
            "back\\slash.json",
            "\"quoted\".json",
            "#team.json",
            "!team.json",
            "tab\tname.json",
            "",
        ] {
            assert!(!pattern_safe(name), "{name:?}");
        }
    }
}
