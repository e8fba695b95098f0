//! `trustladder sync [init|clone]` and the merge driver git runs: the command line's words for
//! the sync layer (`src/sync`).

use std::path::PathBuf;

use super::args::{MergeDriverArgs, SyncArgs, SyncCommand, TextconvArgs};
use super::{CliError, Context};
use crate::core::text::sanitize;
use crate::store;
use crate::sync::{self, Synced, driver};

/// Runs `sync`, `sync init` or `sync clone`.
pub fn run(a: SyncArgs, ctx: &Context) -> Result<String, CliError> {
    // A relative path, as the user typed it, names a folder from here.
    let whole = |url: String| match std::env::current_dir() {
        Ok(here) => sync::whole_url(&url, &here),
        Err(_) => url,
    };
    let synced = match a.action {
        None => sync::sync(&ctx.path, &super::patience(&ctx.path))?,
        Some(SyncCommand::Init { remote, join }) => sync::init(
            &ctx.path,
            remote.map(whole).as_deref(),
            join,
            &super::patience(&ctx.path),
        )?,
        Some(SyncCommand::Clone { url }) => {
            let url = whole(url);
            sync::clone(&ctx.path, &url)?;
            // A `git pull` run by hand before the first sync is said by that sync.
            sync::said(&ctx.path);
            return Ok(format!(
                "set up {} from {}\n",
                sanitize(&ctx.path.display().to_string()),
                sanitize(&sync::shown_url(&url))
            ));
        }
    };
    let said = words(&synced);
    sync::said(&ctx.path);
    said
}

/// What a sync did, a line each; a sync that could not reach its remote is an error with its
/// own exit code, saying what waits.
fn words(s: &Synced) -> Result<String, CliError> {
    let mut out = String::new();
    if let Some((was, now)) = &s.remote_moved {
        out.push_str(&format!(
            "remote: now {} (was {})\n",
            sanitize(now),
            sanitize(was)
        ));
    }
    if let Some(message) = &s.committed {
        out.push_str(&format!(
            "committed: {}\n",
            message.trim_start_matches("trustladder: ")
        ));
    }
    for line in &s.merged {
        out.push_str(&format!("merged: {}\n", sanitize(line)));
    }
    if let Some(offline) = &s.offline {
        let waiting = match offline.waiting {
            0 => "nothing here waits to be pushed".to_string(),
            1 => "1 commit waits to be pushed".to_string(),
            n => format!("{n} commits wait to be pushed"),
        };
        let why = if offline.why.is_empty() {
            String::new()
        } else {
            format!(" ({})", sanitize(&offline.why))
        };
        return Err(CliError::Offline(format!(
            "{}the remote {} could not be reached{why}: {waiting}; run `trustladder sync` again when it can, or `trustladder sync init --remote URL` if the address is wrong",
            out.replace('\n', "; "),
            sanitize(&offline.url),
        )));
    }
    if let Some(why) = &s.refused {
        return Err(CliError::PushRefused(format!(
            "{}the push was refused: {}; what was committed and merged here is kept, and `trustladder sync` pushes it once the remote takes it",
            out.replace('\n', "; "),
            sanitize(why),
        )));
    }
    if s.no_remote {
        out.push_str("no remote to sync with yet: `trustladder sync init --remote URL` adds one\n");
    } else if s.pushed {
        out.push_str("pushed\n");
    } else {
        out.push_str("up to date with the remote\n");
    }
    Ok(out)
}

/// `trustladder textconv FILE`: the version git shows in a diff, as text. An encrypted one is
/// opened with the key the agent holds; locked, one line says so, and the diff shows that.
/// git runs it in the repository's top folder, where the key file is.
pub fn textconv(a: &TextconvArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let bytes = std::fs::read(&a.file).map_err(|e| store::StoreError::io(&a.file, e))?;
    let data = named_in_attributes();
    // A closed pipe (the pager quit) is the reader's choice.
    let bytes_read = bytes.clone();
    let _ = match crate::crypt::opened(&data, bytes, crate::crypt::unlock::Ask::Never) {
        Ok(opened) => out.write_all(&opened.bytes),
        // Each version named by a digest of its sealed bytes: the same line for both sides of
        // a diff cancelled out, and `git log -p` showed nothing, the hint included.
        Err(_) => {
            use std::hash::{DefaultHasher, Hasher};
            let mut digest = DefaultHasher::new();
            digest.write(&bytes_read);
            out.write_all(
                format!(
                    "(an encrypted trustladder ledger, version {:08x}: run `trustladder unlock` to see its changes)\n",
                    digest.finish() as u32
                )
                .as_bytes(),
            )
        }
    };
    Ok(())
}

/// The data file `.gitattributes` (in the folder git runs the driver in) merges with our
/// driver, for a driver registered before git was asked for the path.
fn named_in_attributes() -> PathBuf {
    std::fs::read_to_string(".gitattributes")
        .ok()
        .and_then(|text| crate::sync::ledger_named_in(&text))
        .unwrap_or_else(|| PathBuf::from("trustladder.json"))
}

/// The merge driver: merges, writes the result over ours, and prints what it did on stderr
/// (where both `sync` and a person running `git pull` see it).
pub fn merge_driver(a: &MergeDriverArgs) -> Result<String, CliError> {
    if a.key_file {
        stderr_text!("{}", driver::key_file(&a.ours, &a.theirs)?);
        return Ok(String::new());
    }
    let data = a.path.clone().unwrap_or_else(named_in_attributes);
    let mut merged = driver::run(&a.base, &a.ours, &a.theirs, &data)?;
    if driver::in_rebase() {
        merged.report = merged.report.in_rebase();
    }
    if driver::merging_back() {
        merged.report = merged.report.merged_back();
        // Turned encrypted or plain by this machine's own commit, merged back: the sync that
        // merges it says so, naming the commit, where this said another machine did it.
        merged.turned = None;
    }
    stderr_text!("{}", driver::report_lines(&merged));
    Ok(String::new())
}
