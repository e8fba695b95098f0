//! `trustladder check` and `trustladder restore-backup`: looking after the data file itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::text::{self, sanitize};
use crate::crypt::CryptError;
use crate::store::{self, BackupCheck, Counts, FileCheck, Health, StoreError};

/// Validate the data file, count what it holds and list the backups that can be restored.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Print the report as JSON (see docs/STORE.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Put a backup back in place of the data file; the current file is kept in backups/.
///
/// In a synced folder, a backup that lacks promises or people the last sync holds is refused
/// (the next sync would delete them on every machine), naming the git command that puts back
/// the version last synced; --force puts it back all the same.
#[derive(Debug, Clone, clap::Args)]
pub struct RestoreBackupArgs {
    /// Which backup: 1 for the newest, 2 for the one before, ..., or a file name that
    /// `trustladder check` lists (or a path to it in the backups folder; a file of that name
    /// in another folder is refused). Each change saved moves the numbers on by one, never a
    /// name; the restore says the backup's number, name, time and what it holds, as `check`
    /// lists it.
    // A number below 1 (`-1`) is refused with the numbers there are, not taken for a flag.
    #[arg(allow_negative_numbers = true)]
    pub backup: String,
    /// Put the backup back even where it lacks what the last sync holds.
    #[arg(long)]
    pub force: bool,
}

fn printed(e: std::io::Error) -> StoreError {
    StoreError::io(Path::new("standard output"), e)
}

fn describe(file: &FileCheck) -> String {
    let version = file
        .version
        .map(|v| format!(", format version {}", crate::store::version_text(v)))
        .unwrap_or_default();
    let counts = file
        .counts
        .as_ref()
        .map(|c| format!(": {}", holds(c)))
        .unwrap_or_default();
    let detail = file
        .detail
        .as_deref()
        .map(|d| format!(" ({})", sanitize(d)))
        .unwrap_or_default();
    let health = match file.health {
        Health::Ok => "ok",
        Health::Missing => "missing",
        Health::Newer => "newer",
        Health::Damaged => "damaged",
        Health::Unreadable => "unreadable",
        Health::Locked => "encrypted",
        Health::ReadOnly => "read-only",
    };
    format!("{health}{version}{counts}{detail}")
}

/// What a ledger holds, as `check` lists it and `restore-backup` says what it put back:
/// "2 people, 3 promises, 1 open".
fn holds(c: &Counts) -> String {
    format!(
        "{}, {}, {} open",
        text::counted(c.people, "person", "people"),
        text::counted(c.promises, "promise", "promises"),
        c.open
    )
}

/// When a backup was made, in the user's own time zone, as `check` shows it; `None` for a
/// conflict copy, whose name is the file-sync tool's.
fn made(name: &str) -> Option<String> {
    store::backups::named_time(name).map(|time| {
        time.with_timezone(&chrono::Local)
            .format(TIME_SHOWN)
            .to_string()
    })
}

/// How a backup's time is shown: `2026-11-24 17:16:00 +05:30`.
const TIME_SHOWN: &str = "%Y-%m-%d %H:%M:%S %:z";

/// A backup's number and name in `check`'s list, and the tag of a backup that is not a
/// save's (`[replaced by a restore]`).
fn backup_name(b: &BackupCheck) -> String {
    let number = b.number.map(|n| n.to_string()).unwrap_or_default();
    format!("  {number:>3}  {}{}", sanitize(&b.name), backup_tag(b))
}

/// What kind of backup `b` is, after its name in `check`'s list, where it is not one a
/// change took: ` [replaced by a restore]`.
fn backup_tag(b: &BackupCheck) -> &'static str {
    match b.kind {
        "original" => " [original before an upgrade]",
        "replaced" => " [replaced by a restore]",
        "conflict_copy" => " [conflict copy, merged in]",
        _ => "",
    }
}

/// When a backup was made, in `check`'s list, and the two spaces after it; nothing for a
/// conflict copy, whose name is the file-sync tool's.
fn backup_time(b: &BackupCheck) -> String {
    b.time
        .map(|time| format!("{}  ", time.format(TIME_SHOWN)))
        .unwrap_or_default()
}

/// A backup's line of `check`'s list: its `name` ([`backup_name`]) and `time`
/// ([`backup_time`]), each padded as wide as the list's widest so that they line up, then
/// its state; on a terminal `width` wide too narrow for the whole line, the time after the
/// name alone where it fits, and the state on the lines under it, wrapped there, as every
/// table and paragraph the command line prints fits its terminal. A name wider than the
/// terminal itself is cut with `…` ([`fitted_name`]).
fn backup_line(b: &BackupCheck, name: &str, time: &str, width: Option<usize>) -> String {
    let plain = if b.plain_text {
        "  PLAIN TEXT: `trustladder encrypt` seals it"
    } else if b.sealed && b.file.health != Health::Locked {
        "  sealed: `trustladder decrypt` makes it plain"
    } else {
        ""
    };
    let state = format!("{}{plain}", describe(&b.file));
    let whole = format!("{name}  {time}{state}\n");
    let Some(width) = width.filter(|w| text::columns(whole.trim_end()) > *w) else {
        return whole;
    };
    // Under the name: the time, on the name's line where it fits, and the state, wrapped,
    // its lines after the first further in.
    let time = time.trim_end();
    let name = name.trim_end();
    let name = if text::columns(name) > width {
        fitted_name(b, width)
    } else {
        name.to_string()
    };
    let mut lines = if !name.contains('\n') && text::columns(&name) + 2 + time.len() <= width {
        format!("{name}  {time}")
    } else {
        format!("{name}\n       {time}")
    };
    lines = format!("{}\n", lines.trim_end());
    for line in text::indented(&state, width, "       ", "         ", false) {
        lines.push_str(&line);
        lines.push('\n');
    }
    lines
}

/// A backup's number and name ([`backup_name`]) on a terminal `width` wide that the name
/// runs past: the name cut with `…` to end at its edge (the number, which `restore-backup`
/// takes, whole; the time, which the name carries in UTC, is on the line under it), and its
/// tag, if any, on the line under it, where it wraps as the rest of the report does. Whole
/// where even a few letters of it would not fit beside the number.
fn fitted_name(b: &BackupCheck, width: usize) -> String {
    let tag = backup_tag(b).trim_start();
    let number = b.number.map(|n| n.to_string()).unwrap_or_default();
    let before = format!("  {number:>3}  ");
    let name = sanitize(&b.name);
    let Some(room) = width
        .checked_sub(before.len())
        .filter(|room| *room >= super::table::MIN_CUT)
    else {
        return backup_name(b);
    };
    let name = if text::columns(&name) > room {
        text::fit(&name, room)
    } else {
        name
    };
    if tag.is_empty() {
        format!("{before}{name}")
    } else {
        format!("{before}{name}\n       {tag}")
    }
}

/// `check`'s report (and `import`'s summary, `config check`'s findings) for a terminal
/// `width` wide: each line wider than it wrapped between words, its lines after the first two
/// further in; whole where there is no width (a pipe, a file).
pub(super) fn fitted(report: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return report.to_string();
    };
    let mut out = String::with_capacity(report.len());
    for line in report.lines() {
        if text::columns(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let words = line.trim_start_matches(' ');
        let indent = &line[..line.len() - words.len()];
        for line in text::indented(words, width, indent, &format!("{indent}  "), false) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `check`'s lines on the older keys kept in the backups folder of the ledger at `path`, one
/// per key: its file, how many backups it seals, and whether it is open, or why not. Each
/// backup that none of the keys open here opened said them all, with the way to open them,
/// in a paragraph of its own. Nothing where there are none.
fn kept_keys_said(kept: &[store::KeptKeyCheck], path: &Path) -> String {
    if kept.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "kept keys in {} (older keys of this ledger, each for the backups sealed with it; `trustladder decrypt` asks for each one's passphrase in a terminal, and a script's {} is run for each with {} set to its file):\n",
        sanitize(&backups_folder(path).display().to_string()),
        crate::crypt::unlock::PASSPHRASE_COMMAND_ENV,
        crate::crypt::unlock::PASSPHRASE_FOR_ENV,
    );
    let names: Vec<String> = kept
        .iter()
        .map(|key| sanitize(&key.path.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    let widest = names.iter().map(|n| text::columns(n)).max().unwrap_or(0);
    // Which of the keys not open seals which backup, no header tells: age's X25519 stanza
    // holds a one-time public key and the file key wrapped with what it shares with the
    // recipient's secret half, and nothing of the recipient's public half, so no public line
    // of a key file is found in a header, and only the key's secret (its passphrase) tries
    // one. With two or more not open (the ledger's own among them), the backups none open
    // here opens are theirs together (`backups_shared`), and each line says that only its
    // passphrase tells.
    for (key, name) in kept.iter().zip(names) {
        let backups = match key.backups {
            0 => "seals no backup here".to_string(),
            1 if !key.backups_shared => "seals 1 backup".to_string(),
            n if !key.backups_shared => format!("seals {n} backups"),
            n => format!(
                "seals some of the {n} backups no open key opens (which ones, only its passphrase tells: a sealed file does not name the key it is sealed to)"
            ),
        };
        let state = match &key.why {
            None => "open".to_string(),
            Some(why) => format!("not open: {}", sanitize(why)),
        };
        let pad = widest.saturating_sub(text::columns(&name));
        text.push_str(&format!(
            "    {name}{}  {backups}; {state}\n",
            " ".repeat(pad)
        ));
    }
    text
}

/// Runs `check`: prints the report (text or JSON) and fails, after printing, when the data
/// file is damaged or cannot be read, so scripts see a non-zero exit. The text is fitted to a
/// terminal `width` wide when there is one.
pub fn check(
    path: &Path,
    json: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), StoreError> {
    let mut report = store::check(path)?;
    // The backups' names carry UTC; their times are said in the user's own zone, which the
    // store never reads.
    for backup in &mut report.backups {
        backup.time = backup
            .time
            .map(|time| time.with_timezone(&chrono::Local).fixed_offset());
    }
    if json {
        let text = super::json::pretty(&report)
            .map_err(std::io::Error::from)
            .map_err(printed)?;
        out.write_all(text.as_bytes()).map_err(printed)?;
    } else {
        // A new user's file, with nothing left of an old one: "missing" alone read as a
        // fault, where the reading commands' note says the first change makes it.
        let new = if report.file.health == Health::Missing && report.file.detail.is_none() {
            " (no data file here yet; the first change makes it)"
        } else {
            ""
        };
        let mut text = format!(
            "file: {}\nstate: {}{new}\n",
            sanitize(&path.display().to_string()),
            describe(&report.file)
        );
        for warning in &report.warnings {
            text.push_str(&format!("warning: {}\n", sanitize(warning)));
        }
        if let Some(e) = &report.encryption {
            text.push_str(&format!(
                "encrypted: {}; key file {} ({}); {}\n",
                match (report.file.health, e.recipients) {
                    // What a damaged file's header counts may say nothing.
                    (Health::Damaged, _) => "damaged".to_string(),
                    (_, 1) => "to 1 key".to_string(),
                    (_, n) => format!("to {n} keys"),
                },
                sanitize(&e.key_file.display().to_string()),
                match (e.key_file_found, &e.key_file_damage) {
                    _ if e.key_file_unreadable.is_some() => format!(
                        "UNREADABLE: {}",
                        sanitize(e.key_file_unreadable.as_deref().unwrap_or_default())
                    ),
                    (false, _) => "MISSING: put it back from a backup or another machine, or `trustladder recover --key FILE` sets a new one".into(),
                    (true, Some(why)) => format!(
                        "DAMAGED: {}; `trustladder recover --key FILE` sets a new one",
                        sanitize(why)
                    ),
                    // Damage inside what it seals shows only to the passphrase or the
                    // recovery key, which check never asks for.
                    // Tried (below says how it went), or not needed: the agent held the key.
                    (true, None) if e.unlocked || e.unlock_error.is_some() => "found".to_string(),
                    (true, None) => {
                        "found; what it seals opens only with the passphrase or the recovery key, untried here".to_string()
                    }
                },
                match (e.unlocked, &e.unlock_error, &e.agent_error) {
                    (true, _, _) => format!(
                        "unlocked, so the files were checked inside{}",
                        if e.text_kept {
                            "; the agent keeps its plain text in locked memory for the next command, until it locks"
                        } else {
                            ""
                        }
                    ),
                    (false, Some(why), _) | (false, None, Some(why)) =>
                        format!("locked: {}", sanitize(why)),
                    (false, None, None) =>
                        "locked: `trustladder unlock` lets check look inside".to_string(),
                }
            ));
        }
        // A plain data file beside its key file: an `encrypt` stopped before it sealed the
        // data file, or a `decrypt` stopped before it took the key file away; the two leave
        // the same files, so both are named.
        let data = store::resolve_links(path.to_path_buf());
        let key = crate::crypt::keyfile::key_path(&data);
        let beside_plain =
            report.encryption.is_none() && report.file.health == Health::Ok && key.exists();
        // What no encrypt or decrypt leaves where the key file goes (a folder, a pipe), which
        // `encrypt` refuses until it is moved aside: never sent back to run it again.
        let not_a_file = crate::crypt::keyfile::in_its_place(&data);
        if let (true, Some(kind)) = (beside_plain, not_a_file) {
            text.push_str(&format!(
                "key file: {} is {kind}, not a file, where an encrypt would write the key file: no encrypt or decrypt leaves one, and `trustladder encrypt` needs it moved aside first\n",
                sanitize(&key.display().to_string())
            ));
        } else if beside_plain && crate::sync::key_file_followed(path) {
            text.push_str(&format!(
                "key file: {} came with a sync from another machine that encrypted the ledger: `trustladder unlock` with the passphrase set there, then `trustladder sync`, and the ledger here is encrypted too\n",
                sanitize(&key.display().to_string())
            ));
        } else if beside_plain {
            text.push_str(&format!(
                "key file: {} is here beside a plain data file, as an encrypt or a decrypt stopped half-way leaves it: run again, `trustladder encrypt` finishes an encrypt (with a new recovery key: the one shown before opens nothing yet), `trustladder decrypt` a decrypt\n",
                sanitize(&key.display().to_string())
            ));
        }
        if report.file.health == Health::Missing && key.exists() {
            text.push_str(&format!(
                "key file: {} is here without its data file: put the data file back (from a backup, another machine or git), or move the key file aside to start a new ledger\n",
                sanitize(&key.display().to_string())
            ));
        }
        if let Some(why) = &report.backups_error() {
            text.push_str(&format!("backups: {}\n", sanitize(why)));
        } else if report.backups.is_empty() {
            text.push_str("backups: none yet\n");
        } else {
            text.push_str(&format!(
                "backups in {} (newest first: each save moves the numbers on, never a name; `trustladder restore-backup N` or NAME puts one back):\n",
                sanitize(&backups_folder(path).display().to_string())
            ));
            // The names as wide as the widest, so that every time starts in one column
            // where a tag ([replaced by a restore]) makes a name longer, and the times as
            // wide as the widest, so that every state does where a conflict copy has no time.
            let names: Vec<String> = report.backups.iter().map(backup_name).collect();
            let widest = names.iter().map(|n| text::columns(n)).max().unwrap_or(0);
            let times: Vec<String> = report.backups.iter().map(backup_time).collect();
            let widest_time = times.iter().map(String::len).max().unwrap_or(0);
            let backups = report.backups.iter().zip(names.iter().zip(&times));
            for (b, (name, time)) in backups {
                let pad = widest.saturating_sub(text::columns(name));
                let name = format!("{name}{}", " ".repeat(pad));
                let time = format!("{time:<widest_time$}");
                text.push_str(&backup_line(b, &name, &time, width));
            }
        }
        text.push_str(&kept_keys_said(&report.kept_keys, path));
        if !report.conflict_copies.is_empty() {
            text.push_str(
                "conflict copies left by a file-sync tool (the next change merges them in):
",
            );
            for copy in &report.conflict_copies {
                text.push_str(&format!("  {}\n", sanitize(&copy.display().to_string())));
            }
        }
        if !report.unreadable_copies.is_empty() {
            text.push_str(
                "conflict copies that cannot be read (left where they are; nothing of them is merged in):\n",
            );
            for copy in &report.unreadable_copies {
                text.push_str(&format!(
                    "  {}: {}\n",
                    sanitize(&copy.path.display().to_string()),
                    sanitize(&copy.why)
                ));
            }
        }
        out.write_all(fitted(&text, width).as_bytes())
            .map_err(printed)?;
    }
    match report.problem() {
        // Not "run `trustladder check`": this is it, and the backups are listed above.
        Some(StoreError::Damaged {
            path,
            detail,
            no_backup: false,
        }) => Err(StoreError::DamagedChecked { path, detail }),
        Some(StoreError::GoneWithBackups {
            path,
            folder,
            count,
            newest,
            ..
        }) => Err(StoreError::GoneWithBackups {
            path,
            folder,
            count,
            newest,
            listed: true,
        }),
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Runs `restore-backup`: restores one backup and says which (its number, name and time, and
/// what it holds, as `check` listed it: a save since moves the numbers on by one), and where
/// the replaced file went. `width` is the terminal's, to which the promises it names are cut.
pub fn restore_backup(
    path: &Path,
    which: &str,
    force: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), StoreError> {
    let mut held = None;
    let restored = store::restore_backup_if(path, which, &super::patience(path), |backup| {
        held = Some(Counts::of(backup));
        if force {
            return Ok(());
        }
        match crate::sync::lacks(path, backup) {
            Some(lacks) => Err(StoreError::BehindSync {
                path: path.to_path_buf(),
                which: which.to_string(),
                lacking: lacking(&lacks),
                way_back: format!(
                    "`{}` puts back {}",
                    lacks.way_back.checkout, lacks.way_back.version
                ),
            }),
            None => Ok(()),
        }
    });
    let restored = match restored {
        // A backup sealed before the ledger was decrypted (here or on another machine):
        // `unlock` takes no passphrase beside a plain ledger, so it is not the way.
        Err(StoreError::Crypt {
            path: at,
            source: CryptError::Locked,
        }) if path.exists() && !crate::crypt::envelope::sealed_on_disk(path) => {
            return Err(StoreError::Crypt {
                path: at,
                source: CryptError::Prompt(format!(
                    "this backup is sealed with the passphrase the ledger had before it was decrypted, which `trustladder unlock` does not take beside a plain ledger; run restore-backup in a terminal to be asked for it, or set {} to a command that prints it",
                    crate::crypt::unlock::PASSPHRASE_COMMAND_ENV
                )),
            });
        }
        restored => restored?,
    };
    if restored.unchanged {
        let text = format!(
            "{} already holds what backup {} holds; nothing was changed\n",
            sanitize(&path.display().to_string()),
            sanitize(&restored.from.name)
        );
        return out.write_all(text.as_bytes()).map_err(printed);
    }
    let number = restored
        .from
        .number
        .map(|n| format!("{n}, "))
        .unwrap_or_default();
    let made = made(&restored.from.name)
        .map(|time| format!(", made {time}"))
        .unwrap_or_default();
    let holding = held.map(|c| format!(": {}", holds(&c))).unwrap_or_default();
    let mut text = format!(
        "restored {} from backup {number}{}{made}{holding}\n",
        sanitize(&path.display().to_string()),
        sanitize(&restored.from.name)
    );
    if restored.sealed {
        text.push_str("the backup was plain text; it was encrypted as it was put back\n");
    }
    for moved in &restored.renumbered {
        let why = if moved.as_newer {
            "the number the file it replaced gave it"
        } else {
            "as the file it replaced gave its number to another record"
        };
        text.push_str(&format!(
            "{} in the backup is now {}, {why}\n",
            moved.was, moved.now
        ));
    }
    if let Some(aside) = &restored.set_aside {
        text.push_str(&format!(
            "the file it replaced is kept as {}\n",
            sanitize(&aside.display().to_string())
        ));
        if let Some(detail) = &restored.set_aside_damaged {
            text.push_str(&format!(
                "it does not read ({}), so `trustladder restore-backup` would refuse it; it is kept as it was, for what can be saved of it by hand\n",
                sanitize(detail)
            ));
        } else if restored.set_aside_newer {
            text.push_str(
                "it was written by a newer trustladder, which puts it back (this one does not)\n",
            );
        } else if let Some(name) = aside.file_name() {
            text.push_str(&dropped(&restored.dropped, width));
            text.push_str(&format!(
                "`trustladder restore-backup {}` puts it back\n",
                sanitize(&name.to_string_lossy())
            ));
        }
    }
    out.write_all(text.as_bytes()).map_err(printed)
}

/// How many promises a restore drops that its message names one a line, with their text and
/// whose they are; past that, the numbers alone (the way back puts them all back).
const DROPPED_NAMED: usize = 3;

/// What the file a restore replaced holds that the backup does not, on a line of its own
/// before the restore that puts it back: "it holds what the backup does not: #3, added since;
/// the latest change to #2". Where it names few promises, a line for each follows, as `rm`
/// names one (`  #3: "Send the Q3 draft…" (bo-chen, theirs)`), its text cut to fit `width`
/// (the terminal's, or 80 columns). Empty where the restore dropped nothing.
fn dropped(dropped: &store::Dropped, width: Option<usize>) -> String {
    let few = |items: &[String]| {
        let shown: Vec<String> = items.iter().map(|i| sanitize(i)).collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        crate::core::ledger::a_few(&shown, "and")
    };
    let mut parts = Vec::new();
    if !dropped.added.is_empty() {
        parts.push(format!("{}, added since", few(&dropped.added)));
    }
    if !dropped.changed.is_empty() {
        parts.push(format!("the latest change to {}", few(&dropped.changed)));
    }
    if parts.is_empty() {
        return String::new();
    }
    let mut text = format!("it holds what the backup does not: {}\n", parts.join("; "));
    if dropped.promises.len() <= DROPPED_NAMED {
        for p in &dropped.promises {
            let about = super::promises::About {
                what: p.what.clone(),
                handle: p.handle.clone(),
                direction: p.direction,
            };
            let width = Some(
                width
                    .unwrap_or(super::promises::NAMED_WIDTH)
                    .saturating_sub(2),
            );
            text.push_str("  ");
            text.push_str(&super::promises::named(
                &sanitize(&p.number),
                Some(&about),
                "",
                width,
            ));
        }
    }
    text
}

/// What a backup lacks, as the refusal says it: "2 promises and 1 person", "the latest
/// change to 1 promise and the deletion of 1 person".
fn lacking(lacks: &crate::sync::Lacking) -> String {
    let counted = |c: crate::sync::Counted| {
        let promises = (c.promises > 0).then(|| text::counted(c.promises, "promise", "promises"));
        let people = (c.people > 0).then(|| text::counted(c.people, "person", "people"));
        promises
            .into_iter()
            .chain(people)
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let parts: Vec<String> = [
        (lacks.missing, ""),
        (lacks.changed, "the latest change to "),
        (lacks.deleted, "the deletion of "),
    ]
    .into_iter()
    .filter(|(c, _)| c.any())
    .map(|(c, what)| format!("{what}{}", counted(c)))
    .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Where the backups of the data file at `path` are, through any symbolic link to the file
/// (the backups are beside the file it names), as short as the file system says it.
fn backups_folder(path: &Path) -> PathBuf {
    let folder = store::backups::folder(&store::resolve_links(path.to_path_buf()));
    std::fs::canonicalize(&folder).unwrap_or(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;
    use crate::store::Store;

    fn two_saves(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("t.json");
        let mut store = Store::open(&path).unwrap();
        let today = parse_iso("2026-11-02").unwrap();
        store
            .update(|l| l.add_person("Priya", "", "", today))
            .unwrap();
        store
            .update(|l| l.add_person("Pat", "", "", today))
            .unwrap();
        path
    }

    #[test]
    fn check_lists_numbered_backups_and_restore_takes_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        let mut out = Vec::new();
        check(&path, false, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("state: ok, format version 2: 2 people, 0 promises, 0 open"));
        assert!(text.contains("    1  t.json.000001."), "{text}");
        assert!(
            text.contains("ok, format version 2: 1 person, 0 promises, 0 open"),
            "{text}"
        );
        // The numbers move with each save: said where they are read.
        assert!(
            text.contains(" (newest first: each save moves the numbers on, never a name; `trustladder restore-backup N` or NAME puts one back):\n"),
            "{text}"
        );

        let mut out = Vec::new();
        restore_backup(&path, "1", false, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(&format!(
            "restored {} from backup 1, t.json.000001.",
            path.display()
        )));
        assert_eq!(Store::open(&path).unwrap().ledger().people.len(), 1);
    }

    /// A save between `check` and `restore-backup 2` makes a new backup 1, so 2 is another
    /// backup by then, and the restore said only its file name. It now says the backup's
    /// number, name and time and what it holds, as `check` lists them, so the one put back is
    /// told from the one meant at once (and its own undo is named).
    #[test]
    fn a_restore_names_the_backup_it_put_back_as_check_lists_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        let mut out = Vec::new();
        check(&path, false, None, &mut out).unwrap();
        let listed = String::from_utf8(out).unwrap();
        // The line of each backup as `check` lists it: number, name, time, what it holds.
        let line_of = |listed: &str, number: &str| {
            let line = listed
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{number}  t.json.")));
            let words: Vec<String> = line
                .unwrap_or_else(|| panic!("{listed}"))
                .split_whitespace()
                .map(str::to_string)
                .collect();
            // 1, NAME, DAY, TIME, OFFSET, ok,, format, version, 2:, then what it holds.
            (
                words[1].clone(),
                words[2..5].join(" "),
                words[9..].join(" "),
            )
        };
        let (name, time, holding) = line_of(&listed, "1");
        assert_eq!(holding, "1 person, 0 promises, 0 open");
        // Another save: what was backup 1 is backup 2 now.
        let today = parse_iso("2026-11-02").unwrap();
        let mut store = Store::open(&path).unwrap();
        store.update(|l| l.add_person("Bo", "", "", today)).unwrap();
        let mut out = Vec::new();
        restore_backup(&path, "1", false, None, &mut out).unwrap();
        let said = String::from_utf8(out).unwrap();
        let first = said.lines().next().unwrap_or_default();
        let mut out = Vec::new();
        check(&path, false, None, &mut out).unwrap();
        let (now_name, now_time, now_holding) = line_of(&String::from_utf8(out).unwrap(), "1");
        assert_eq!(
            first,
            format!(
                "restored {} from backup 1, {now_name}, made {now_time}: {now_holding}",
                path.display()
            )
        );
        assert_eq!(now_holding, "2 people, 0 promises, 0 open");
        assert_ne!(now_name, name, "{said}");
        // Asked by the number `check` gave it before, the backup meant is named as listed then.
        let mut out = Vec::new();
        restore_backup(&path, "2", false, None, &mut out).unwrap();
        let said = String::from_utf8(out).unwrap();
        assert!(
            said.starts_with(&format!(
                "restored {} from backup 2, {name}, made {time}: {holding}\n",
                path.display()
            )),
            "{said}"
        );
    }

    /// On a terminal of 80 columns a backup's line took some 110, so the terminal broke each
    /// in two, inside a word; a backup's state now goes under it, wrapped, and every line
    /// fits, where a pipe still gets each backup on one line.
    #[test]
    fn on_a_terminal_check_fits_its_width() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        let report = |width| {
            let mut out = Vec::new();
            check(&path, false, width, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let piped = report(None);
        let line = piped
            .lines()
            .find(|l| l.starts_with("    1  t.json.000001."));
        let line = line.unwrap_or_else(|| panic!("{piped}"));
        assert!(text::columns(line) > 80, "{piped}");
        for width in [80, 60, 40] {
            let shown = report(Some(width));
            for line in shown.lines() {
                assert!(text::columns(line) <= width, "{width}: {line:?}\n{shown}");
            }
            assert!(
                shown.contains("\n       ok, format version 2: 1 person"),
                "{shown}"
            );
            let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(words(&shown), words(&piped), "{width}");
        }
        assert_eq!(report(Some(200)), piped);
    }

    /// Piped, a tagged backup's longer name ([replaced by a restore]) pushed its time and
    /// state right of every other backup's; the names are now padded to the widest, so every
    /// time starts in one column.
    #[test]
    fn a_tagged_backup_keeps_the_times_in_one_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        restore_backup(&path, "1", false, None, &mut Vec::new()).unwrap();
        let mut out = Vec::new();
        check(&path, false, None, &mut out).unwrap();
        let piped = String::from_utf8(out).unwrap();
        // Where each backup's time (YYYY-MM-DD) starts on its line: digits and dashes, as
        // chrono's parser would also read ` 2026-12-1`, a blank and the next day's first digit.
        let day = |s: &str| {
            s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            })
        };
        let starts: Vec<usize> = (piped.lines())
            .filter(|l| l.contains("t.json."))
            .filter_map(|l| (0..l.len()).find(|&i| l.get(i..i + 10).is_some_and(day)))
            .collect();
        let tagged = piped
            .lines()
            .find(|l| l.contains("[replaced by a restore]"));
        let tagged = tagged.unwrap_or_else(|| panic!("{piped}"));
        let name_ends = tagged.find("]  ").map(|i| i + 1);
        assert_eq!(starts.len(), 2, "{piped}");
        assert!(
            starts.iter().all(|&s| Some(s) == name_ends.map(|e| e + 2)),
            "{starts:?}\n{piped}"
        );
        assert!(piped.contains("\n    1  t.json.000001."), "{piped}");
        let states: Vec<Option<usize>> = (piped.lines())
            .filter(|l| l.contains("t.json."))
            .map(|l| l.find("  ok, format"))
            .collect();
        assert_eq!(states, [Some(name_ends.unwrap_or(0) + 28); 2], "{piped}");
    }

    /// The file a restore set aside, as its output names it.
    fn kept_aside(text: &str) -> PathBuf {
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("the file it replaced is kept as "))
            .unwrap_or_else(|| panic!("no file kept aside: {text}"));
        PathBuf::from(line)
    }

    #[test]
    fn a_restore_over_a_damaged_file_names_no_restore_that_would_refuse_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        let whole = std::fs::read(&path).unwrap();
        let cut = &whole[..whole.len() / 2];
        for (damage, bytes, said) in [
            ("cut short", cut, "it does not read (EOF while parsing"),
            ("emptied", &b""[..], "it does not read (the file is empty)"),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let mut out = Vec::new();
            restore_backup(&path, "1", false, None, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains(said), "{damage}: {text}");
            assert!(
                text.contains("`trustladder restore-backup` would refuse it; it is kept as it was"),
                "{damage}: {text}"
            );
            assert!(!text.contains("puts it back"), "{damage}: {text}");
            let aside = kept_aside(&text);
            assert_eq!(std::fs::read(&aside).unwrap(), bytes, "{damage}");
            // Named, it is refused indeed, and the data file stays as the restore left it.
            let restored = std::fs::read(&path).unwrap();
            let name = aside.file_name().unwrap().to_str().unwrap();
            let err = restore_backup(&path, name, false, None, &mut Vec::new()).unwrap_err();
            assert!(matches!(err, StoreError::Damaged { .. }), "{damage}: {err}");
            assert_eq!(std::fs::read(&path).unwrap(), restored, "{damage}");
        }

        // Over a file that reads, the restore that puts it back is named, and does.
        let today = parse_iso("2026-11-03").unwrap();
        Store::open(&path)
            .unwrap()
            .update(|l| l.add_person("Zed", "", "", today))
            .unwrap();
        let mut out = Vec::new();
        restore_backup(&path, "1", false, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let aside = kept_aside(&text);
        let name = aside.file_name().unwrap().to_str().unwrap();
        assert!(
            text.contains(&format!("`trustladder restore-backup {name}` puts it back")),
            "{text}"
        );
        assert!(!text.contains("does not read"), "{text}");
        assert_eq!(Store::open(&path).unwrap().ledger().people.len(), 1);
        restore_backup(&path, name, false, None, &mut Vec::new()).unwrap();
        assert_eq!(Store::open(&path).unwrap().ledger().people.len(), 2);
    }

    #[test]
    fn a_data_file_gone_with_its_backups_left_is_said_so_by_check_and_its_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        std::fs::remove_file(&path).unwrap();
        let said = format!(
            "there is no data file, but 1 backup of one is in {}: `trustladder restore-backup 1` puts the newest back",
            dir.path().join("backups").display()
        );
        let mut out = Vec::new();
        let err = check(&path, false, None, &mut out).unwrap_err();
        assert!(
            matches!(err, StoreError::GoneWithBackups { listed: true, .. }),
            "{err}"
        );
        // Under its own list of the backups, check does not send the user to run check.
        assert!(
            err.to_string().contains("(the backups are listed above)"),
            "{err}"
        );
        assert!(!err.to_string().contains("trustladder check"), "{err}");
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(&format!("state: missing ({said})\n")),
            "{text}"
        );
        let mut out = Vec::new();
        let err = check(&path, true, None, &mut out).unwrap_err();
        assert!(matches!(err, StoreError::GoneWithBackups { .. }), "{err}");
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["file"]["health"], "missing");
        assert_eq!(report["file"]["detail"], said.as_str());

        // With no backup (a new user), there is nothing to put back, and nothing is wrong.
        let fresh = dir.path().join("new.json");
        let mut out = Vec::new();
        check(&fresh, true, None, &mut out).unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["file"]["health"], "missing");
        assert_eq!(report["file"]["detail"], serde_json::Value::Null);

        // Gone while an encrypted ledger's key file is not: said so too, naming it.
        let key = dir.path().join("new.json.key");
        std::fs::write(&key, b"left behind").unwrap();
        let mut out = Vec::new();
        let err = check(&fresh, true, None, &mut out).unwrap_err();
        assert!(matches!(err, StoreError::GoneWithKeyFile { .. }), "{err}");
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["file"]["health"], "missing");
        assert_eq!(
            report["file"]["detail"],
            format!(
                "there is no data file, but the key file of an encrypted ledger is beside where it was ({})",
                key.display()
            )
            .as_str()
        );
    }

    #[test]
    fn check_json_and_a_damaged_file_fails_after_reporting() {
        let dir = tempfile::tempdir().unwrap();
        let path = two_saves(dir.path());
        std::fs::write(&path, b"{\"format\": \"trustladder\",").unwrap();
        let mut out = Vec::new();
        let err = check(&path, true, None, &mut out).unwrap_err();
        assert!(matches!(err, StoreError::DamagedChecked { .. }));
        // It does not send the user to run check, which this is.
        let said = err.to_string();
        assert!(!said.contains("trustladder check"), "{said}");
        assert!(
            said.ends_with("`trustladder restore-backup N` puts back one of the backups listed"),
            "{said}"
        );
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["file"]["health"], "damaged");
        assert_eq!(report["backups"][0]["number"], 1);
        assert_eq!(report["backups"][0]["health"], "ok");
        assert_eq!(report["backups"][0]["counts"]["people"], 1);

        // With no backup, it names none to put back.
        std::fs::remove_dir_all(dir.path().join("backups")).unwrap();
        let err = check(&path, false, None, &mut Vec::new()).unwrap_err();
        assert!(matches!(
            err,
            StoreError::Damaged {
                no_backup: true,
                ..
            }
        ));
        let said = err.to_string();
        assert!(!said.contains("restore-backup"), "{said}");
        assert!(
            said.contains("there is no backup of it to put back"),
            "{said}"
        );
    }
}
