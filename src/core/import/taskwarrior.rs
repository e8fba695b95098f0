//! Reading the output of Taskwarrior's `task export`: a JSON array of tasks, or one task per
//! line as older versions print (or tasks one after another over several lines, as `jq`
//! prints them, or arrays one after another, as two exports joined hold them). Times are UTC (`20261124T101500Z`); the caller says which
//! day a time falls on where the user lives, since a due date set for "Friday" is stored as
//! Friday's local midnight in UTC, which is Thursday east of Greenwich.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use super::{PersonFrom, Read, Task};
use crate::core::model::{Status, Uid};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};

/// Reads an export. `day` gives the local day of a UTC time. A file that is neither a JSON
/// array nor JSON lines is an error, and so is an array cut short; a record that cannot be
/// read (a line that is not UTF-8 text among them) is a [`Read::Bad`] at its place. An export
/// with nothing in it holds no tasks, as `[]` does (Taskwarrior prints nothing when no task
/// matches).
pub fn read(
    bytes: &[u8],
    from: &PersonFrom,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<Vec<Read>, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // The age format's first line: an encrypted ledger (docs/PRIVACY.md), named as the
    // plain one is rather than as a line that is not JSON.
    if bytes.starts_with(b"age-encryption.org/v1\n") {
        return Err(
            "an encrypted file (an encrypted trustladder data file, or another age file), not a Taskwarrior export (a ledger opens with --file)"
                .into(),
        );
    }
    // Before reading it as UTF-8, which text of ASCII in UTF-16 or UTF-32 passes with zero
    // bytes beside every character.
    if let Some(encoding) = wide(bytes) {
        let how = if encoding.starts_with("UTF-16") {
            " (as Windows PowerShell's > writes it)"
        } else {
            ""
        };
        return Err(format!(
            "not a Taskwarrior export as it is: it looks like {encoding} text{how}, where an \
             export is UTF-8; convert it and import that: \
             iconv -f {encoding} -t UTF-8 FILE > export.json"
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        // Only tasks one per line can be read around a line that is not text: an array too,
        // as `task export` prints it.
        let lossy = String::from_utf8_lossy(bytes);
        if bytes.trim_ascii_start().starts_with(b"[") && !task_per_line(&lossy) {
            return Err(format!("not a Taskwarrior export: {}", not_text(bytes)));
        }
        // And tasks one after another over several lines, as `jq '.[]'` prints them: each is
        // read whole, and one holding a line that is not text is bad. Read line by line, each
        // of their lines was a bad task of its own, and the file no export.
        if over_lines(&lossy) {
            let not_text: Vec<usize> = bytes
                .split(|b| *b == b'\n')
                .enumerate()
                .filter(|(_, line)| std::str::from_utf8(line).is_err())
                .map(|(i, _)| i + 1)
                .collect();
            return Ok(by_value(&lossy, &not_text, from, day));
        }
        return by_line(lines_of(bytes), from, day);
    };
    if text.trim_start().starts_with('[') {
        let tasks: Vec<Value> = match serde_json::from_str(text) {
            Ok(tasks) => tasks,
            // Taskwarrior's own array, a task on each line: a damaged task is one bad line.
            Err(_) if task_per_line(text) => return by_line(lines_of(bytes), from, day),
            // Exports joined (`cat a.json b.json`, or `task export >>` twice): one list.
            Err(_) if let Some(tasks) = arrays(text) => tasks,
            // An export that stops before its closing `]` (a copy or a `task export >`
            // stopped part way; or the last of exports joined): the tasks after the cut are
            // not in it, so none is taken.
            Err(_) if let Some(end) = end_met(text) => return Err(cut_short(&end)),
            Err(e) => {
                return Err(format!(
                    "not a Taskwarrior export (a JSON array of tasks): {}",
                    text::json_in_words(&e.to_string())
                ));
            }
        };
        if is_own_output(&tasks) {
            return Err(OWN_OUTPUT.into());
        }
        return Ok(tasks
            .iter()
            .enumerate()
            .map(|(i, value)| task(&format!("task {}", i + 1), value, from, day))
            .collect());
    }
    // JSON values one after another, some over several lines (as `jq '.[]'` prints them):
    // each is a task, named by its place. Anything else is read line by line, so that one
    // line that is not JSON is a bad task and not the end of the import.
    let values: Result<Vec<Value>, _> = serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .collect();
    if let Ok(values) = values {
        if values
            .iter()
            .any(|v| v.get("format").and_then(Value::as_str) == Some("trustladder"))
        {
            return Err(
                "a trustladder data file, not a Taskwarrior export (open it with --file)".into(),
            );
        }
        if is_own_output(&values) {
            return Err(OWN_OUTPUT.into());
        }
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        if !values.is_empty() && lines > values.len() {
            return Ok(values
                .iter()
                .enumerate()
                .map(|(i, value)| task(&format!("task {}", i + 1), value, from, day))
                .collect());
        }
    } else if over_lines(text) {
        return Ok(by_value(text, &[], from, day));
    }
    by_line(
        text.split('\n').map(Ok::<_, std::convert::Infallible>),
        from,
        day,
    )
}

/// The lines of an export, each as text where it is, a line of `[` or `]` alone (an array's,
/// as `task export` prints it) as a blank one, so the tasks keep their line numbers.
fn lines_of(bytes: &[u8]) -> impl Iterator<Item = Result<&str, std::str::Utf8Error>> {
    bytes.split(|b| *b == b'\n').map(|line| {
        let bracket = matches!(line.trim_ascii(), b"[" | b"]");
        std::str::from_utf8(if bracket { b"" } else { line })
    })
}

/// Whether `text` is a JSON array as `task export` prints it: `[` and `]` on lines of their
/// own, and a task opening every line between.
fn task_per_line(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        ["[", tasks @ .., "]"] => !tasks.is_empty() && tasks.iter().all(|l| l.starts_with('{')),
        _ => false,
    }
}

/// The tasks of JSON arrays one after another, as exports joined with `cat a.json b.json`
/// hold them, in one list: each task is then named by its place in it, and one in both
/// exports is read once where it reads alike in both (a bad one where it is the same object
/// apart from `urgency` and `id`), and bad the second time where it does not, as a uuid twice
/// in one export is ([`super::plan`]). `None` where anything
/// but arrays is there, or anything that is not JSON, which is then said as of one array.
fn arrays(text: &str) -> Option<Vec<Value>> {
    let mut tasks = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match value.ok()? {
            Value::Array(list) => tasks.extend(list),
            _ => return None,
        }
    }
    Some(tasks)
}

/// One task per line, each line named by its number; blank lines are nothing. An export in
/// which no line is JSON is not an export.
fn by_line<'a, E>(
    lines: impl Iterator<Item = Result<&'a str, E>>,
    from: &PersonFrom,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<Vec<Read>, String> {
    let mut reads = Vec::new();
    let mut first_json = None;
    for (i, line) in lines.enumerate() {
        let at = format!("line {}", i + 1);
        let Ok(line) = line else {
            reads.push(Read::Bad {
                at,
                reason: "not UTF-8 text".into(),
                copy_of: None,
            });
            continue;
        };
        let line = line.trim().trim_end_matches(',');
        if line.is_empty() {
            continue;
        }
        reads.push(match serde_json::from_str::<Value>(line) {
            Ok(value) => {
                first_json.get_or_insert(i);
                task(&at, &value, from, day)
            }
            Err(e) => Read::Bad {
                at: uuid_in(line).map_or(at.clone(), |uid| with_short_uuid_of(&at, uid)),
                reason: format!("not JSON: {}", in_the_line(&e)),
                copy_of: None,
            },
        });
    }
    // No line is JSON (text of another kind, or bytes that are no text at all): no export.
    match (first_json, reads.first()) {
        (None, Some(Read::Bad { at, reason, .. })) => Err(format!(
            "not a Taskwarrior export (a JSON array of tasks, or one task per line): {at} is {reason}"
        )),
        _ => Ok(reads),
    }
}

/// Why an export of trustladder's own records is refused whole, rather than task by task.
const OWN_OUTPUT: &str = "trustladder's own JSON (`list --json`, `person list --json`, `review --json`, `agenda --json`), not a Taskwarrior export; a ledger moves whole: `trustladder export --format json --output FILE` writes one that opens with --file";

/// Whether `values` are records as trustladder writes them (no `uuid`, and a `uid` or a
/// person's `handle`, each of them, or the agenda's groups): no task of them would read, and
/// one line saying what they are beats one per record.
fn is_own_output(values: &[Value]) -> bool {
    let own = |v: &Value| {
        v.get("uid").is_some()
            || v.get("handle").is_some()
            || (v.get("overdue").is_some() && v.get("no_date").is_some())
    };
    !values.is_empty() && values.iter().all(|v| v.get("uuid").is_none() && own(v))
}

/// Whether `text` holds tasks over several lines, as `jq '.[]'` prints them: a line that
/// opens one holds nothing else.
fn over_lines(text: &str) -> bool {
    text.lines().any(|l| l.trim_end() == "{")
}

/// Tasks one after another over several lines, as `jq '.[]'` prints them, with at least one
/// that is not JSON or not text: each is a task named by its place, and after one that cannot
/// be read the next begins at the next line that opens a task (`{` first on the line), so that
/// one bad task does not take the rest with it. `not_text` lists the lines (from 1) that were
/// not UTF-8 text in the file, which `text` holds as read with a replacement character: a task
/// on one of them is bad, named by that line.
fn by_value(
    text: &str,
    not_text: &[usize],
    from: &PersonFrom,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Read> {
    let mut reads = Vec::new();
    let mut offset = 0;
    // The line `offset` is on, from 1, counted as it moves.
    let mut line_at = 1;
    // The first line not text from line `first` to line `last`.
    let not_text_in = |first: usize, last: usize| {
        not_text
            .iter()
            .copied()
            .find(|line| (first..=last).contains(line))
    };
    while offset < text.len() {
        let rest = &text[offset..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let at = format!("task {}", reads.len() + 1);
        match stream.next() {
            None => break,
            Some(Ok(value)) => {
                let end = offset + stream.byte_offset();
                let opened = offset + (rest.len() - rest.trim_start().len());
                let first = line_at + text[offset..opened].matches('\n').count();
                let last = first + text[opened..end].matches('\n').count();
                reads.push(match not_text_in(first, last) {
                    Some(line) => Read::Bad {
                        at: match value
                            .get("uuid")
                            .and_then(Value::as_str)
                            .map(uuid::Uuid::parse_str)
                        {
                            Some(Ok(uuid)) => {
                                format!("{at} ({}, line {line})", short_uuid(Uid(uuid)))
                            }
                            _ => format!("{at} (line {line})"),
                        },
                        reason: "not UTF-8 text".into(),
                        copy_of: None,
                    },
                    None => task(&at, &value, from, day),
                });
                line_at = last;
                offset = end;
            }
            Some(Err(e)) => {
                // Where the task opens, and the start of the line serde names: a line break
                // inside a string (a task cut off there) is named at column 0 of the line
                // after it, which may open the next task.
                let opened = offset + (rest.len() - rest.trim_start().len());
                let named_line = match e.line() {
                    0 | 1 => offset,
                    n => rest
                        .match_indices('\n')
                        .nth(n - 2)
                        .map_or(text.len(), |(i, _)| offset + i + 1),
                };
                let next = next_task(text, named_line, opened);
                let fault_line = if e.column() == 0 {
                    e.line().saturating_sub(1).max(1)
                } else {
                    e.line()
                };
                let first = line_at + text[offset..opened].matches('\n').count();
                let last = first + text[opened..next].trim_end().matches('\n').count();
                // A line that is not text is what is wrong with the task, wherever serde
                // stopped.
                let (line, reason) = match not_text_in(first, last) {
                    Some(line) => (line, "not UTF-8 text".to_string()),
                    None => (
                        line_at - 1 + fault_line,
                        format!("not JSON: {}", in_the_line(&e)),
                    ),
                };
                reads.push(Read::Bad {
                    at: match uuid_in(&text[opened..next]) {
                        Some(uid) => format!("{at} ({}, line {line})", short_uuid(uid)),
                        None => format!("{at} (line {line})"),
                    },
                    reason,
                    copy_of: None,
                });
                line_at += text[offset..next].matches('\n').count();
                offset = next;
            }
        }
    }
    reads
}

/// Where the task after a bad one opens: the first line from `from` on that opens with `{`,
/// other than the bad task's own opening at `opened`; the end of `text` when none does.
fn next_task(text: &str, from: usize, opened: usize) -> usize {
    let mut at = from;
    while at < text.len() {
        if at > opened && text[at..].starts_with('{') {
            return at;
        }
        at = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    }
    text.len()
}

/// The uuid in the text of a task that is not JSON, when it is there whole: what finds the
/// task in Taskwarrior.
fn uuid_in(raw: &str) -> Option<Uid> {
    let after = &raw[raw.find("\"uuid\"")? + "\"uuid\"".len()..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let uuid = after.strip_prefix('"')?.get(..36)?;
    uuid::Uuid::parse_str(uuid).ok().map(Uid)
}

/// Where the JSON values of `text`, read one after another, meet the end of the text inside
/// one: an array of tasks (or the last of arrays joined) cut short. An array of anything but
/// tasks (`[1, 2`) is no export, cut short or not.
fn end_met(text: &str) -> Option<serde_json::Error> {
    let after = text.trim_start().strip_prefix('[')?.trim_start();
    if !(after.is_empty() || after.starts_with('{')) {
        return None;
    }
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .find_map(Result::err)
        .filter(serde_json::Error::is_eof)
}

/// Why an array of tasks that stops before its closing `]` is refused whole, `--skip-bad` or
/// not: it is an export cut short, not a file of another kind, and what it lacks after the
/// cut cannot be named task by task. `e` is the end of file the parser met, at the end of the
/// text (column 0 when the text ends with a line break: the end of the line before).
fn cut_short(e: &serde_json::Error) -> String {
    let end = match (e.line(), e.column()) {
        (line, 0) => format!("after line {}", line.saturating_sub(1).max(1)),
        (line, column) => format!("at line {line}, column {column}"),
    };
    format!(
        "a Taskwarrior export cut short: it ends {end}, before the closing ] of its array of \
         tasks, so the tasks after the cut are not in it; nothing is imported (not even with \
         --skip-bad): export it again whole (task export > FILE)"
    )
}

/// serde_json's message about a line read on its own, with the place in that line only (its
/// own "line 1" would contradict the line of the file named beside it).
fn in_the_line(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&suffix) {
        // A line break where none may be (inside a string): serde names the line after it.
        Some(what) if e.column() == 0 => {
            format!("{} at the end of the line", text::json_in_words(what))
        }
        Some(what) => format!("{} at column {}", text::json_in_words(what), e.column()),
        None => text::json_in_words(&message),
    }
}

/// The encoding iconv is to convert from, when `bytes` look like UTF-16 or UTF-32 text: its
/// byte-order mark (`UTF-32` or `UTF-16`, which iconv reads; UTF-32's little-endian mark,
/// `FF FE 00 00`, begins with UTF-16's, so it is looked for first), or, without one,
/// characters of ASCII (as an export begins, `[`, `{` or a space) each beside zero bytes,
/// after them (`UTF-32LE`, `UTF-16LE`) or before them (`UTF-32BE`, `UTF-16BE`). UTF-8 text
/// holds no zero byte, which JSON writes as `\u0000`.
fn wide(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xfe, 0, 0]) || bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        return Some("UTF-32");
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Some("UTF-16");
    }
    let ascii = |b: u8| b != 0 && b.is_ascii();
    // Each character of the first few, as its bytes; `ascii_at` the one of them that holds it.
    let alike = |width: usize, ascii_at: usize| {
        let chars: Vec<&[u8]> = bytes.chunks_exact(width).take(8).collect();
        !chars.is_empty()
            && chars.iter().all(|c| {
                c.iter()
                    .enumerate()
                    .all(|(i, &b)| if i == ascii_at { ascii(b) } else { b == 0 })
            })
    };
    [
        (4, 0, "UTF-32LE"),
        (4, 3, "UTF-32BE"),
        (2, 0, "UTF-16LE"),
        (2, 1, "UTF-16BE"),
    ]
    .into_iter()
    .find(|&(width, ascii_at, _)| alike(width, ascii_at))
    .map(|(_, _, encoding)| encoding)
}

/// Where the first byte that is not UTF-8 text is: its line and column.
fn not_text(bytes: &[u8]) -> String {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let before = &bytes[..valid];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = valid
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    format!("line {line}, column {column} is not UTF-8 text")
}

/// One task, read.
fn task(
    at: &str,
    value: &Value,
    from: &PersonFrom,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Read {
    match read_task(at, value, from, day) {
        Ok(read) => read,
        Err(reason) => Read::Bad {
            at: with_short_uuid(at, value),
            reason,
            copy_of: copy_of(value),
        },
    }
}

/// What tells a copy of a bad task: its uuid, and its object without `urgency` and `id`,
/// which Taskwarrior works out anew at each export. `None` for a record that is no object or
/// has no uuid.
fn copy_of(value: &Value) -> Option<(Uid, Value)> {
    let mut object = value.as_object()?.clone();
    let uuid = object.get("uuid")?.as_str()?;
    let uid = Uid(uuid::Uuid::parse_str(uuid).ok()?);
    object.remove("urgency");
    object.remove("id");
    Some((uid, Value::Object(object)))
}

/// A bad task's place with the start of its uuid, as Taskwarrior shows it (`task 3
/// (a1b2c3d4)`): what finds it there (`task a1b2c3d4 edit`), where its place in the export
/// does not.
fn with_short_uuid(at: &str, value: &Value) -> String {
    let uuid = value
        .get("uuid")
        .and_then(Value::as_str)
        .and_then(|uuid| uuid::Uuid::parse_str(uuid).ok());
    match uuid {
        Some(uuid) => with_short_uuid_of(at, Uid(uuid)),
        None => at.to_string(),
    }
}

/// `task 3 (a1b2c3d4)`: a task's place with the start of its uuid.
pub(super) fn with_short_uuid_of(at: &str, uid: Uid) -> String {
    format!("{at} ({})", short_uuid(uid))
}

/// The start of a uuid, as Taskwarrior shows it.
fn short_uuid(uid: Uid) -> String {
    let mut short = uid.0.hyphenated().to_string();
    short.truncate(8);
    short
}

fn read_task(
    at: &str,
    value: &Value,
    from: &PersonFrom,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<Read, String> {
    let task = value.as_object().ok_or_else(|| {
        format!(
            "not a task: a task is a JSON object, this is {}",
            json_kind(value)
        )
    })?;
    let uuid = string(task, "uuid")?.ok_or("no uuid")?;
    let uid = uuid::Uuid::parse_str(uuid)
        .map(Uid)
        .map_err(|_| format!("uuid '{uuid}' is not a UUID"))?;
    let status = string(task, "status")?.ok_or("no status")?;
    // A template keeps its `recur` and has no `parent`, even once deleted (deleting a series,
    // or its `until` passing, deletes the template too); its instances have a parent.
    let template = task.contains_key("recur") && !task.contains_key("parent");
    if status == "recurring" || template {
        return Ok(Read::Skip {
            at: at.to_string(),
            reason: "the template of a recurring task (its instances are imported)".into(),
            uid,
        });
    }
    // The colleague first: where every task lacks one, the refusal asks whether
    // --person-from looks in the right place, which a task bad for a second reason too
    // (no description) would hide behind that one. A task without one is read on all the
    // same: it may be here already (see [`Task::unnamed`]).
    let person = person_of(task, from, uid)
        .map(|name| clean(&name))
        .and_then(|name| checked(text::required("the colleague's name", &name, MAX_NAME)));
    match person {
        Ok(person) => rest_of_task(at, task, uid, status, person, None, day),
        Err(unnamed) => rest_of_task(at, task, uid, status, String::new(), Some(&unnamed), day)
            .map_err(|_| unnamed),
    }
}

/// The task `task` (of `uid` and `status`) for `person`, read on from its description; or,
/// with `unnamed` the reason its colleague could not be read, a task here already that tells
/// so.
fn rest_of_task(
    at: &str,
    task: &Map<String, Value>,
    uid: Uid,
    status: &str,
    person: String,
    unnamed: Option<&str>,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<Read, String> {
    let what = clean(string(task, "description")?.unwrap_or_default());
    if what.is_empty() {
        return Err("no description".into());
    }
    let what = checked(text::required("description", &what, MAX_WHAT))?;
    // A time near either end of the calendar can fall on a day outside it where the import
    // runs (0001-01-01 at midnight UTC is still year 0 in New York).
    let in_range = |field: &str, on: NaiveDate| {
        if crate::core::dates::in_range(on) {
            Ok(on)
        } else {
            Err(format!(
                "'{field}' falls on {on} here, outside the years 1 to 9999"
            ))
        }
    };
    let made = in_range("entry", day(time(task, "entry")?.ok_or("no entry date")?))?;
    let due = time(task, "due")?
        .map(|at| in_range("due", day(at)))
        .transpose()?;
    let ended = || -> Result<NaiveDate, String> {
        let end = time(task, "end")?.or(time(task, "modified")?);
        let on = end
            .map(day)
            .ok_or_else(|| format!("a {status} task without an end date"))?;
        in_range("end", on)
    };
    let outcome = match status {
        "pending" | "waiting" => None,
        "completed" => {
            let on = ended()?;
            let late = due.is_some_and(|due| on > due);
            Some((if late { Status::KeptLate } else { Status::Kept }, on))
        }
        "deleted" => Some((Status::Released, ended()?)),
        other => return Err(format!("unknown status '{other}'")),
    };
    // A recurring task's instance is entered when Taskwarrior makes it, which can be after
    // it was done (and an end can be set back by hand): it was promised by the day it ended.
    let made = match outcome {
        Some((_, on)) if on < made => on,
        _ => made,
    };
    let (note, note_cut) = note_of(task, day)?;
    Ok(Read::Task(Task {
        at: at.to_string(),
        uid,
        what,
        person,
        made,
        due,
        outcome,
        note,
        note_cut,
        unnamed: unnamed.map(str::to_string),
    }))
}

/// What a JSON value is, in the words of JSON, for a record that is no task.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(true) => "true",
        Value::Bool(false) => "false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a bad task's reason says is at fault, so that a refusal of a whole export can point
/// at the likelier mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The record is not a task at all (not JSON, not an object, no uuid, status or
    /// description): the file may be no Taskwarrior export.
    Shape,
    /// The task does not name a colleague where `--person-from` looks.
    PersonFrom,
    /// Anything else (a day after today, an archived person, a uuid taken).
    Other,
}

/// The fault behind `reason`, one of the reasons this reader gives.
pub fn fault_of(reason: &str) -> Fault {
    const SHAPE: [&str; 9] = [
        "not JSON",
        "not UTF-8 text",
        "not a task",
        "no uuid",
        "uuid '",
        "no status",
        "no description",
        "unknown status",
        "'tags' is not a list",
    ];
    // As [`person_of`] words them.
    let quoted = |open: &str, close: &str| reason.starts_with(open) && reason.ends_with(close);
    let person_from = reason.starts_with("no tag starting with '")
        || quoted("the tag '", "' names no one")
        || reason == "no project"
        || reason == "the project is empty"
        || quoted("no '", "' attribute")
        || quoted("the '", "' attribute is empty");
    if SHAPE.iter().any(|p| reason.starts_with(p)) {
        Fault::Shape
    } else if person_from {
        Fault::PersonFrom
    } else {
        Fault::Other
    }
}

/// The colleague's name, from where `from` says. `uid` names the task in the command that
/// tags it, where the tag was typed but kept as text.
fn person_of(task: &Map<String, Value>, from: &PersonFrom, uid: Uid) -> Result<String, String> {
    let found = match from {
        PersonFrom::Project => string(task, "project")?.map(str::to_string),
        PersonFrom::Uda(name) => string(task, name)?.map(str::to_string),
        PersonFrom::Tag(prefix) => match task.get("tags") {
            None | Some(Value::Null) => None,
            Some(Value::Array(tags)) => {
                let mut named: Vec<&str> = Vec::new();
                for name in tags
                    .iter()
                    .filter_map(Value::as_str)
                    .filter_map(|t| t.strip_prefix(prefix.as_str()))
                {
                    // One colleague however their tags spell them, as the import finds
                    // people: `with_Priya` and `with_priya` are one.
                    if !named.iter().any(|n| text::folded(n) == text::folded(name)) {
                        named.push(name);
                    }
                }
                match named.as_slice() {
                    [_, _, ..] => {
                        // Whose promise it is would be a guess.
                        let tags: Vec<String> =
                            named.iter().map(|n| format!("'{prefix}{n}'")).collect();
                        return Err(format!(
                            "the tags {} each name a colleague",
                            tags.join(", ")
                        ));
                    }
                    _ => named.first().map(|n| n.to_string()),
                }
            }
            Some(_) => return Err("'tags' is not a list".into()),
        },
    };
    match found {
        Some(name) if !clean(&name).is_empty() => Ok(name),
        // There, but blank: said so, not taken for missing.
        Some(_) => Err(match from {
            PersonFrom::Tag(prefix) => format!("the tag '{prefix}' names no one"),
            PersonFrom::Project => "the project is empty".to_string(),
            PersonFrom::Uda(name) => format!("the '{name}' attribute is empty"),
        }),
        None => Err(match from {
            PersonFrom::Tag(prefix) => match typed_tag(task, prefix) {
                Some(tag) => format!(
                    "'+{tag}' is in its description, not a tag: Taskwarrior takes a word with '-', '/', '+' or ':' after its + as text; tag the task with one it reads: `task {} modify +{}`",
                    short_uuid(uid),
                    readable_tag(&tag)
                ),
                None => format!("no tag starting with '{prefix}'"),
            },
            PersonFrom::Project => "no project".to_string(),
            PersonFrom::Uda(name) => format!("no '{name}' attribute"),
        }),
    }
}

/// A word of the description that is a tag with `prefix` as typed (`+with_priya-shah`), without
/// its +:
/// Taskwarrior 2.6 keeps `task add … +with_priya-shah` whole in the description and tags
/// nothing, as a `-` (or `/`, `+`, `:`) ends a tag there, so the task the user tagged has no
/// tag here; named, where "no tag" alone would contradict what they typed.
fn typed_tag(task: &Map<String, Value>, prefix: &str) -> Option<String> {
    let description = task.get("description")?.as_str()?;
    description
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('+'))
        .find(|tag| {
            tag.strip_prefix(prefix)
                .is_some_and(|name| !name.is_empty())
        })
        .map(text::sanitize)
}

/// A tag Taskwarrior reads after a +, for one it kept as text: each character other than a
/// letter, a digit, `_` or `.` as `_` (`with_priya-shah` as `with_priya_shah`).
fn readable_tag(tag: &str) -> String {
    tag.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The annotations, each with its day, as one note: "2026-11-20: asked for numbers; …", cut
/// to the longest note the ledger keeps; and whether it was cut.
fn note_of(
    task: &Map<String, Value>,
    day: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<(String, bool), String> {
    let annotations = match task.get("annotations") {
        None | Some(Value::Null) => return Ok((String::new(), false)),
        Some(Value::Array(list)) => list,
        Some(_) => return Err("'annotations' is not a list".into()),
    };
    let mut parts = Vec::new();
    for (n, a) in annotations.iter().enumerate() {
        // Named by its place: the annotation's `entry` and `description` are not the task's,
        // which a reason naming the field alone would send the user to.
        let of_it = |why: String| format!("annotation {}: {why}", n + 1);
        let a = a.as_object().ok_or_else(|| of_it("not an object".into()))?;
        let text = clean(string(a, "description").map_err(of_it)?.unwrap_or_default());
        if text.is_empty() {
            continue;
        }
        parts.push(match time(a, "entry").map_err(of_it)? {
            Some(at) => format!("{}: {text}", day(at)),
            None => text,
        });
    }
    // Measured as stored: composed (a decomposed accent is two characters until then).
    let note = text::nfc(parts.join("; ").trim());
    let long = note.chars().count() > MAX_NOTE;
    let note = text::cut(&note, MAX_NOTE);
    Ok((
        checked(text::optional("the annotations' text", &note, MAX_NOTE))?,
        long,
    ))
}

fn string<'a>(task: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match task.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("'{key}' is not text")),
    }
}

/// A time as Taskwarrior writes it (`20261124T101500Z`), or in RFC 3339.
fn time(task: &Map<String, Value>, key: &str) -> Result<Option<DateTime<Utc>>, String> {
    let Some(text) = string(task, key)? else {
        return Ok(None);
    };
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .map(|t| t.and_utc())
        .or_else(|_| DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)))
        .map(Some)
        .map_err(|_| format!("'{key}' is not a time: '{text}'"))
}

/// Text with its line breaks, tabs and other spaces turned into one space each run, since the
/// ledger keeps each text on one line. Any other control character (an escape sequence pasted
/// with colours) is left for the text rules to refuse, as typed it would be and as a bidi
/// control is: taken out, it left the sequence's rest (`[31m`) as if it were the text.
fn clean(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as the import will take it, by the rules every field follows (`core::text`), or why
/// not: a task the import would refuse is a bad task here, named, and never stops the others.
fn checked(text: Result<String, text::TextError>) -> Result<String, String> {
    text.map_err(|e| e.in_a_file())
}
