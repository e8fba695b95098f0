//! `trustladder import taskwarrior`: promises kept in Taskwarrior, brought in. The summary is
//! printed before anything is saved; `--dry-run` stops there. A bad task stops the whole
//! import unless `--skip-bad`, so a half-read export never lands half.

use std::io::{IsTerminal, Read as _, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::args::{ImportCommand, TaskwarriorArgs};
use super::maintenance::fitted;
use super::{CliError, Context, emit};
use crate::core::import::taskwarrior::{self, Fault};
use crate::core::import::{self, EndedThere, Options, Plan};
use crate::core::text::{self, sanitize};
use crate::core::{Change, Direction, Status};
use crate::store::MAX_FILE_BYTES;

/// How many bad tasks the one-line error names before "and N more".
const BAD_NAMED: usize = 3;

/// Runs one `import` subcommand.
pub fn run(cmd: ImportCommand, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    match cmd {
        ImportCommand::Taskwarrior(a) => from_taskwarrior(&a, ctx, out),
    }
}

/// The day a UTC time falls on here (Taskwarrior keeps UTC; its user means local days).
fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}

fn from_taskwarrior(
    a: &TaskwarriorArgs,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let text = read_input(&a.export)?;
    if let Some(what) = other_export(&text) {
        return Err(CliError::Import(format!("{}: {what}", shown(&a.export))));
    }
    let reads = taskwarrior::read(&text, &a.person_from, &local_day)
        .map_err(|why| CliError::Import(format!("{}: {why}", shown(&a.export))))?;
    let options = Options {
        direction: if a.mine {
            Direction::Mine
        } else {
            Direction::Theirs
        },
        level: a.level,
        today: ctx.today,
    };
    if a.dry_run {
        let mut store = ctx.show()?;
        let plan = import::plan(store.ledger(), reads, options);
        // The summary is printed either way; a plan the import would refuse fails as the
        // import would, so a script can check first.
        // A reader gone is no reason to skip the refusal's exit code.
        let said = summary(&plan) + "Dry run: nothing changed.\n";
        match emit(out, fitted(&said, ctx.width()).as_bytes()) {
            Ok(()) | Err(CliError::ReaderGone(_)) => {}
            Err(e) => return Err(e),
        }
        if let Some(why) = refusal(&plan, a.skip_bad, true) {
            return Err(CliError::Import(why));
        }
        // A file the import could not write to fails here too. Where there is no file yet,
        // an import that adds nothing writes nothing.
        let writes = store.path().exists() || plan.adds() > 0 || !plan.new_people.is_empty();
        if writes && let Some(store) = store.0.as_mut() {
            store.refuse_unsavable()?;
        }
        return Ok(());
    }
    let mut store = ctx.open()?;
    if !store.path().exists() {
        // Where there is no file yet, an import refused or adding nothing leaves nothing
        // behind, not even the folders or the lock file (docs/STORE.md): it is planned on the
        // empty ledger before the lock is taken.
        let plan = import::plan(store.ledger(), reads.clone(), options);
        if let Some(why) = refusal(&plan, a.skip_bad, false) {
            return Err(CliError::Import(why));
        }
        if plan.adds() == 0 && plan.new_people.is_empty() {
            let said = summary(&plan) + &closing(&plan);
            return emit(out, fitted(&said, ctx.width()).as_bytes());
        }
    }
    let mut outcome = Err(CliError::Import("nothing was read".into()));
    store.apply_with(ctx.today, |ledger| {
        let plan = import::plan(ledger, reads.clone(), options);
        if let Some(why) = refusal(&plan, a.skip_bad, false) {
            outcome = Err(CliError::Import(why));
            // Nothing is written for a change that adds nothing.
            return Ok(Change::Import {
                people: Vec::new(),
                promises: Vec::new(),
            });
        }
        outcome = Ok(summary(&plan) + &closing(&plan));
        Ok(plan.change)
    })?;
    emit(out, fitted(&outcome?, ctx.width()).as_bytes())
}

/// What `bytes` are where they are another export this program writes (or any calendar):
/// each is no Taskwarrior export, and read as one its first line was "not JSON", which said
/// nothing of what the file was, nor what to do (a calendar without events, as
/// `export --format ics` writes with nothing due, read exactly so).
fn other_export(bytes: &[u8]) -> Option<&'static str> {
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let first = text.split(|b| *b == b'\n').next()?.trim_ascii();
    if first.eq_ignore_ascii_case(b"BEGIN:VCALENDAR") {
        return Some(
            "an iCalendar file (as `export --format ics` writes), not a Taskwarrior export: a calendar's events are not read as promises; give the file `task export` writes, or, to move a ledger whole, `trustladder export --format json --output FILE`, which opens with --file",
        );
    }
    if first == super::export::csv::COLUMNS.join(",").as_bytes() {
        return Some(
            "trustladder's own CSV (`export --format csv`), not a Taskwarrior export; a ledger moves whole: `trustladder export --format json --output FILE` writes one that opens with --file",
        );
    }
    None
}

/// The export's bytes, from a file or, for `-`, standard input: the reader says which lines
/// are not text. A device is refused, and no more than [`MAX_FILE_BYTES`] is read, so an
/// endless source (`/dev/zero`, `yes`) cannot eat the memory; a pipe is read as a file is
/// (`<(task export)` is one).
fn read_input(file: &Path) -> Result<Vec<u8>, CliError> {
    let failed = |e: std::io::Error| CliError::Import(format!("{}: {e}", shown(file)));
    // A path that names nothing is a mistyped path or an export not written yet: said in
    // words, with what to give, where the system's "No such file or directory (os error 2)"
    // said neither.
    let opened = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => CliError::Import(format!(
            "{}: no such file; check the path, or {GIVE_AN_EXPORT}",
            shown(file)
        )),
        _ => failed(e),
    };
    if file == Path::new("-") {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            // Typed by hand, it ends with Ctrl-d: said, so the wait is not taken for a hang.
            stderr_line!(
                "trustladder: reading the export from the terminal; paste it, then press Ctrl-d (or pipe it: task export | trustladder import taskwarrior - …)"
            );
        } else if let Some(what) = device_on_stdin(&stdin) {
            return Err(CliError::Import(format!(
                "standard input is {what}, not an export; {GIVE_AN_EXPORT}"
            )));
        }
        read_capped(stdin.lock(), MAX_FILE_BYTES, file)
    } else {
        let source = std::fs::File::open(file).map_err(opened)?;
        let meta = source.metadata().map_err(failed)?;
        let kind = meta.file_type();
        if kind.is_dir() || kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Err(CliError::Import(format!(
                "{} is {}, not an export; {GIVE_AN_EXPORT}",
                shown(file),
                crate::store::kind(&meta)
            )));
        }
        // A file's size is known at once: one too large is refused unread.
        if kind.is_file() && meta.len() > MAX_FILE_BYTES {
            return Err(too_large(file, MAX_FILE_BYTES));
        }
        read_capped(source, MAX_FILE_BYTES, file)
    }
}

/// What to give where the path or standard input is no export: the file Taskwarrior writes,
/// or its output piped in.
const GIVE_AN_EXPORT: &str = "give the file `task export > tasks.json` writes, or pipe it in: `task export | trustladder import taskwarrior - …`";

/// What standard input is when it is a folder or a device other than `/dev/null` (which
/// holds nothing, as an empty export): refused unread, as such a file is, rather than read up
/// to the cap (`< /dev/zero` would be 512 MiB of nothing).
fn device_on_stdin(stdin: &std::io::Stdin) -> Option<&'static str> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::File::from(stdin.as_fd().try_clone_to_owned().ok()?)
        .metadata()
        .ok()?;
    let kind = meta.file_type();
    let null = std::fs::metadata("/dev/null").is_ok_and(|null| null.rdev() == meta.rdev());
    (kind.is_dir() || ((kind.is_char_device() || kind.is_block_device()) && !null))
        .then(|| crate::store::kind(&meta))
}

/// All of `source`, refused when it holds more than `cap` bytes (of which no more is read).
fn read_capped(source: impl std::io::Read, cap: u64, file: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    source
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::Import(format!("{}: {e}", shown(file))))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(file, cap));
    }
    Ok(bytes)
}

/// An export of more than `cap` bytes, refused.
fn too_large(file: &Path, cap: u64) -> CliError {
    let size = if cap >= 1 << 20 {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{cap} bytes")
    };
    CliError::Import(format!(
        "{} holds more than {size}, more than any export of a ledger kept by hand",
        shown(file)
    ))
}

fn shown(file: &Path) -> String {
    if file == Path::new("-") {
        "standard input".to_string()
    } else {
        sanitize(&file.display().to_string())
    }
}

/// What the import does, one fact per line.
fn summary(plan: &Plan) -> String {
    let mut out = format!("{} in the export\n", counted(plan.records, "record"));
    let mut kinds = Vec::new();
    for (n, what) in [
        (plan.open, "open"),
        (plan.kept, "kept"),
        (plan.kept_late, "kept late"),
        (plan.released, "released"),
    ] {
        if n > 0 {
            kinds.push(format!("{n} {what}"));
        }
    }
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(": {}", kinds.join(", "))
    };
    out.push_str(&format!("  promises to add: {}{kinds}\n", plan.adds()));
    if !plan.new_people.is_empty() {
        let names: Vec<String> = plan.new_people.iter().map(|n| sanitize(n)).collect();
        out.push_str(&format!(
            "  people to add: {} ({})\n",
            plan.new_people.len(),
            names.join(", ")
        ));
    }
    for (name, whom) in &plan.matched {
        out.push_str(&format!(
            "  '{}' taken as {whom}, whose name holds it in whole words\n",
            sanitize(name)
        ));
    }
    for held in &plan.holding {
        let why = match &held.through {
            Some(longer) => format!(
                "as '{}' is, which holds it and their name",
                sanitize(longer)
            ),
            None => "whose name it holds".to_string(),
        };
        out.push_str(&format!(
            "  '{}' taken as {}, {why} in whole words\n",
            sanitize(&held.name),
            held.whom
        ));
    }
    for (name, whom) in &plan.near {
        out.push_str(&format!(
            "  note: new '{}' is close to {whom}, and was not taken as them\n",
            sanitize(name)
        ));
    }
    if plan.already > 0 {
        out.push_str(&format!(
            "  already here: {} (imported before)\n",
            plan.already
        ));
    }
    for ended in &plan.ended_there {
        // Ended on a day to come here: the command records it once that day has come, as no
        // outcome is dated ahead; run before, it is refused, so the day is said first.
        let (after, when, from) = if ended.ahead {
            (", after today", format!("on or after {}, ", ended.on), "")
        } else if ended.on < ended.made {
            ("", String::new(), ", on the day it was made here")
        } else {
            ("", String::new(), "")
        };
        out.push_str(&format!(
            "  ended in Taskwarrior, open here: #{} {}{after} (not changed here; {when}`{}` records it{from})\n",
            ended.id.0,
            ended_how(ended),
            to_record(ended)
        ));
    }
    if plan.repeated > 0 {
        out.push_str(&format!(
            "  repeated in the export: {} (the same task again; read once)\n",
            plan.repeated
        ));
    }
    if plan.deleted_here > 0 {
        out.push_str(&format!(
            "  deleted here since an earlier import: {} (not brought back)\n",
            plan.deleted_here
        ));
    }
    if !plan.notes_cut.is_empty() {
        out.push_str(&format!(
            "  notes cut to {} characters, the most a note holds: {}\n",
            text::MAX_NOTE,
            plan.notes_cut.join(", ")
        ));
    }
    for (at, why) in &plan.skipped {
        out.push_str(&format!("  skipped {at}: {}\n", sanitize(why)));
    }
    for (at, why) in &plan.bad {
        out.push_str(&format!("  bad {at}: {}\n", sanitize(why)));
    }
    out
}

/// How a task ended in Taskwarrior, in its words.
fn ended_how(ended: &EndedThere) -> String {
    match ended.status {
        Status::Released => format!("deleted on {}", ended.on),
        _ => format!("completed on {}", ended.on),
    }
}

/// The command that records how a task ended there, on its day, or on the day the promise
/// was made here when that is later (an outcome dated before it is refused).
fn to_record(ended: &EndedThere) -> String {
    let id = ended.id.0;
    let on = ended.on.max(ended.made);
    match (ended.status, ended.against_dates) {
        (Status::Released, _) => format!("release {id} --on {on}"),
        (Status::KeptLate, true) => format!("keep {id} --on {on} --late"),
        (_, true) => format!("keep {id} --on {on} --on-time"),
        (_, false) => format!("keep {id} --on {on}"),
    }
}

fn closing(plan: &Plan) -> String {
    match (plan.adds(), plan.new_people.len()) {
        (0, 0) if plan.records == 0 => "Nothing to import: the export holds no tasks.\n".into(),
        (0, 0)
            if plan.already > 0
                && plan.already + plan.repeated + plan.skipped.len() == plan.records =>
        {
            "Nothing to import: every task is here already.\n".to_string()
        }
        (0, 0) => "Nothing imported.\n".to_string(),
        (n, 0) => format!("Imported {}.\n", counted(n, "promise")),
        (n, p) => format!(
            "Imported {} and added {}.\n",
            counted(n, "promise"),
            counted(p, "person")
        ),
    }
}

/// The one line that says why nothing is imported, if the plan is refused: it has bad tasks
/// and `--skip-bad` was not given, or every task is bad (a file that is no export holds
/// nothing else), which `--skip-bad` does not make a success. Said after a dry run, it leaves
/// out the advice to run one.
fn refusal(plan: &Plan, skip_bad: bool, dry_run: bool) -> Option<String> {
    // Templates of recurring tasks are left out on purpose: an export whose every other
    // task is bad imports nothing either, however often each is given.
    let all = plan.bad.len() + plan.skipped.len() + plan.repeated == plan.records;
    if plan.bad.is_empty() || (skip_bad && !all) {
        return None;
    }
    let named: Vec<String> = plan
        .bad
        .iter()
        .take(BAD_NAMED)
        .map(|(at, why)| format!("{at}: {why}"))
        .collect();
    let more = match plan.bad.len().saturating_sub(BAD_NAMED) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    let (count, hint) = if all {
        let all_for = |fault| {
            plan.bad
                .iter()
                .all(|(_, why)| taskwarrior::fault_of(why) == fault)
        };
        let hint = if all_for(Fault::PersonFrom) {
            "does --person-from say where these tasks name the colleague?"
        } else if all_for(Fault::Shape) {
            "is it a Taskwarrior export?"
        } else {
            ""
        };
        let left_out = match plan.skipped.len() {
            0 => String::new(),
            n => format!("; {} of recurring tasks left out", counted(n, "template")),
        };
        (
            format!("every task is bad ({}{left_out})", plan.bad.len()),
            hint,
        )
    } else {
        (
            counted(plan.bad.len(), "bad task"),
            if dry_run {
                "--skip-bad imports the rest"
            } else {
                "--dry-run lists them, --skip-bad imports the rest"
            },
        )
    };
    let hint = if hint.is_empty() {
        String::new()
    } else {
        format!(" ({hint})")
    };
    Some(format!(
        "{count}, nothing imported: {}{more}{hint}",
        named.join("; ")
    ))
}

fn counted(n: usize, word: &str) -> String {
    let many = if word == "person" {
        "people".to_string()
    } else {
        format!("{word}s")
    };
    text::counted(n, word, &many)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_over_the_cap_is_refused_having_read_no_more_than_one_byte_over() {
        let endless = std::io::repeat(b'x');
        let err = read_capped(endless, 10, Path::new("-")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "standard input holds more than 10 bytes, more than any export of a ledger kept by hand"
        );
        let ten = read_capped(&b"0123456789"[..], 10, Path::new("x.json")).unwrap();
        assert_eq!(ten, b"0123456789");
    }
}
