//! Bytes to ledger and back, with errors that point at the place in the file.

use std::path::Path;

use serde_json::Value;

use super::StoreError;
use super::layout::{self, Layout, Places};
use super::migrate::{Format, StepError};
use crate::core::Ledger;
use crate::core::ledger::{FORMAT_NAME, FORMAT_VERSION};

/// Why some bytes are not a ledger this program can use.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Not JSON, or cut short: where the parser stopped.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not of the ledger's shape: the JSON path of the first wrong value.
    Shape { path: String, message: String },
    /// A newer format version than this program knows, whose known fields do not read either.
    TooNew { version: u64 },
    /// An older format version whose upgrade failed.
    Upgrade { from: u32, message: String },
    /// A merge left git's conflict markers in the file (a merge without our driver).
    ConflictMarkers { line: usize },
    /// Nothing but white space (a file emptied by a `>` or a failed copy): said as such,
    /// where the parser would speak of an end of file at line 1.
    Empty,
    /// A byte-order mark before the document, which some editors add on saving: invisible,
    /// where the parser would speak of line 1, column 1.
    ByteOrderMark,
    /// An encrypted file whose header line is damaged in a few bytes, where the parser would
    /// send the user looking for a typo at line 1.
    SealDamaged,
    /// A file of another kind that `--file` is easily given for a ledger (an export of this
    /// program's, a Taskwarrior export): named as what it is, with where it belongs, where
    /// the parser would speak of line 1 or the document's shape, or of the byte-order mark
    /// a CSV export begins with as if removing it would help.
    OtherKind(OtherKind),
    /// JSON that is no ledger and none of the [`OtherKind`]s (another program's settings, a
    /// package.json, a list): `looks` says what it is instead. A mistyped `--file`, not a
    /// ledger damaged, where "the document must be a JSON object" or a missing `format` sent
    /// the user looking for a backup of a file that never was one.
    NotALedger { looks: String },
    /// Text that is no JSON at all (a password file, notes, a Markdown report): a ledger
    /// always begins with `{`, so this never was one, however damaged. `begins` is its first
    /// line, cut short. A mistyped `--file`, where the parser's "expected value at line 1
    /// column 1" sent the user looking for a backup of it.
    Text { begins: String },
}

/// The files of other kinds [`DecodeError::OtherKind`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherKind {
    /// `export --format csv`: a byte-order mark, then its header.
    Csv,
    /// `export --format ics`, or any iCalendar file.
    Calendar,
    /// `task export`: an array of tasks, or a task per line.
    Taskwarrior,
    /// What a `--json` command of this program prints (`list --json`, `agenda --json`,
    /// `check --json`…): records, or a report, but no ledger.
    OwnOutput,
}

impl DecodeError {
    /// The error as said of a file of these `bytes`: one that begins as an encrypted file
    /// does but for a few bytes is [`DecodeError::SealDamaged`], whatever the parser made of
    /// it.
    pub fn of_bytes(self, bytes: &[u8]) -> DecodeError {
        if crate::crypt::envelope::header_damaged(bytes) {
            DecodeError::SealDamaged
        } else {
            self
        }
    }

    /// Attaches the file's path, making the error the store reports.
    pub fn at(self, path: &Path) -> StoreError {
        let path = path.to_path_buf();
        match self {
            DecodeError::TooNew { version } => StoreError::TooNew {
                path,
                version,
                known: FORMAT_VERSION,
            },
            other => StoreError::Damaged {
                path,
                detail: other.to_string(),
                no_backup: false,
            },
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Syntax {
                line,
                column,
                message,
            } => write!(f, "{message} at line {line} column {column}"),
            DecodeError::Shape { path, message } => {
                // A field's name is the file's, and may be as long as the file.
                write!(f, "{}: {message}", crate::core::text::quoted_back(path))
            }
            DecodeError::TooNew { version } => write!(
                f,
                "format version {} is newer than this program's ({FORMAT_VERSION})",
                version_text(*version)
            ),
            DecodeError::Upgrade { from, message } => {
                write!(f, "format version {from} could not be upgraded: {message}")
            }
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::SealDamaged => write!(
                f,
                "it begins almost as an encrypted file does (`age-encryption.org/v1`), but not quite: its encryption header is damaged, and no key opens it"
            ),
            DecodeError::ByteOrderMark => write!(
                f,
                "it begins with an invisible byte-order mark (U+FEFF, the bytes EF BB BF), which an editor may add and JSON does not allow; save it as UTF-8 without one"
            ),
            DecodeError::OtherKind(OtherKind::Csv) => write!(
                f,
                "{ANOTHER_KIND}CSV, as `export --format csv` writes it, not a ledger: a ledger is the JSON that `export --format json` writes"
            ),
            DecodeError::OtherKind(OtherKind::Calendar) => write!(
                f,
                "{ANOTHER_KIND}an iCalendar file, as `export --format ics` writes it, not a ledger: a ledger is the JSON that `export --format json` writes"
            ),
            DecodeError::OtherKind(OtherKind::Taskwarrior) => write!(
                f,
                "{ANOTHER_KIND}a Taskwarrior export (`task export`), not a ledger: `trustladder import taskwarrior FILE --person-from tag:PREFIX` brings its tasks into one"
            ),
            DecodeError::OtherKind(OtherKind::OwnOutput) => write!(
                f,
                "{ANOTHER_KIND}what a --json command prints (`list --json`, `person list --json`, `review --json`, `agenda --json`, `check --json`), not a ledger: a ledger is the JSON that `export --format json` writes"
            ),
            DecodeError::NotALedger { looks } => {
                write!(f, "{ANOTHER_KIND}JSON, but not a ledger: {looks}")
            }
            DecodeError::Text { begins } => write!(
                f,
                "{ANOTHER_KIND}text, not JSON (its first line is {})",
                crate::core::text::quoted(begins)
            ),
            DecodeError::ConflictMarkers { line } => write!(
                f,
                "line {line} holds a conflict marker: git merged this file as text, without trustladder's merge driver (a clone not made by `trustladder sync clone`, or a merge driver of your own); where that merge is under way, or committed as git left it, `trustladder sync` merges its two sides again by record; elsewhere `git merge --abort` undoes a merge under way"
            ),
        }
    }
}

/// A decoded file and what its version means for the program that read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub ledger: Ledger,
    /// The version written in the file, before any upgrade.
    pub version: u64,
}

impl Decoded {
    /// Written by a newer program: its known fields were read, but it must not be written.
    pub fn is_newer(&self, format: &Format) -> bool {
        self.version > u64::from(format.version)
    }
}

fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    crate::core::text::quotes_cut(&crate::core::text::json_in_words(&message))
}

fn syntax(e: &serde_json::Error) -> DecodeError {
    DecodeError::Syntax {
        line: e.line(),
        column: e.column(),
        message: without_position(e),
    }
}

fn shape(path: impl Into<String>, message: impl Into<String>) -> DecodeError {
    DecodeError::Shape {
        path: path.into(),
        message: message.into(),
    }
}

/// Parses and checks a data file's bytes, upgrading an older version. A file of a newer
/// version is refused as [`DecodeError::TooNew`]: use the store to open one read-only.
pub fn decode(bytes: &[u8]) -> Result<Ledger, DecodeError> {
    let decoded = decode_as(bytes, &Format::CURRENT)?;
    if decoded.is_newer(&Format::CURRENT) {
        return Err(DecodeError::TooNew {
            version: decoded.version,
        });
    }
    Ok(decoded.ledger)
}

/// Just enough of the document to know how to read the rest.
#[derive(serde::Deserialize)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
}

/// The version a file's `version` field names: a whole number, which past the largest `u64`
/// (JSON has no limit) is taken as that largest, a newer version as any above ours is.
fn whole_version(value: &Value) -> Option<u64> {
    const PAST_U64: f64 = 18_446_744_073_709_551_616.0;
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| *f >= PAST_U64 && f.fract() == 0.0)
            .map(|_| u64::MAX)
    })
}

/// The format version a trustladder file names, where it reads as JSON with its `format` and
/// a `version` of 1 or more, whatever else in it is wrong: what `check` reports of a damaged
/// file.
pub(crate) fn written_version(bytes: &[u8]) -> Option<u64> {
    let header: Header = serde_json::from_slice(bytes).ok()?;
    if header.format.as_ref().and_then(Value::as_str) != Some(FORMAT_NAME) {
        return None;
    }
    header
        .version
        .as_ref()
        .and_then(whole_version)
        .filter(|v| *v > 0)
}

/// A format version as messages name it: the largest `u64` stands for every version from it
/// up, past which a file's number is not told apart.
pub fn version_text(version: u64) -> String {
    if version == u64::MAX {
        format!("{version} or more")
    } else {
        version.to_string()
    }
}

/// Decodes for a program that writes `format`: older files are upgraded, newer ones are read
/// as far as their known fields go (and [`DecodeError::TooNew`] if even those do not read).
///
/// A field this program does not know, in a file of its own version or older, is refused
/// with its JSON path: saving would silently drop it, and the file may have been written by
/// a program that forgot to bump the version.
pub fn decode_as(bytes: &[u8], format: &Format) -> Result<Decoded, DecodeError> {
    decode_with_layout(bytes, format, Places::Dropped).map(|(decoded, _)| decoded)
}

/// [`decode_as`], with the place of each record when they are to be kept (`places`) and the
/// bytes are exactly what [`encode`] makes of the ledger they hold (the usual case: the file
/// was last written by this program), so that a save can copy the records it does not
/// change.
pub(crate) fn decode_with_layout(
    bytes: &[u8],
    format: &Format,
    places: Places,
) -> Result<(Decoded, Option<Layout>), DecodeError> {
    if let Some(read) = decode_own(bytes, format, places) {
        return Ok(read);
    }
    if let Some(decoded) = read_current(bytes, format) {
        return Ok((decoded, None));
    }
    decode_carefully(bytes, format)
        .map(|decoded| (decoded, None))
        .map_err(|e| match e {
            // Read as JSON from its first byte, a file of another kind fails there, or is no
            // object: said as what it is.
            DecodeError::Syntax { .. } | DecodeError::ByteOrderMark => other_kind(bytes)
                .map(DecodeError::OtherKind)
                .or_else(|| plain_text(bytes).map(|begins| DecodeError::Text { begins }))
                .unwrap_or(e),
            DecodeError::Shape { ref path, .. } if path == "$" || path == "$.format" => {
                match (other_kind(bytes), another_json(bytes)) {
                    (Some(kind), _) => DecodeError::OtherKind(kind),
                    (None, Some(looks)) => DecodeError::NotALedger { looks },
                    (None, None) => e,
                }
            }
            e => e,
        })
}

/// What `bytes` are, where they are a file of a kind `--file` is easily given by mistake:
/// this program's CSV or iCalendar export (by how each begins), a Taskwarrior export (its
/// first task, in an array or on a line of its own, a JSON object with a `uuid` and a
/// `status` or a `description`, which no ledger holds at its top), or what a `--json`
/// command of this program prints (records with a `uid` or a `handle` and no `uuid`, the
/// agenda's groups, `check`'s report).
fn other_kind(bytes: &[u8]) -> Option<OtherKind> {
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if text.starts_with(b"BEGIN:VCALENDAR") {
        return Some(OtherKind::Calendar);
    }
    if text.starts_with(b"id,person,handle,") {
        return Some(OtherKind::Csv);
    }
    let (first, in_array) = match serde_json::Deserializer::from_slice(text)
        .into_iter::<Value>()
        .next()?
        .ok()?
    {
        Value::Array(records) => (records.into_iter().next()?, true),
        record => (record, false),
    };
    let record = first.as_object()?;
    if record.contains_key("format") {
        return None;
    }
    let has = |key: &str| record.contains_key(key);
    if record.get("uuid").is_some_and(Value::is_string) && (has("status") || has("description")) {
        return Some(OtherKind::Taskwarrior);
    }
    let records = in_array && !has("uuid") && (has("uid") || has("handle"));
    let report =
        !in_array && ((has("overdue") && has("no_date")) || (has("file") && has("backups")));
    (records || report).then_some(OtherKind::OwnOutput)
}

/// The first line of `bytes`, cut short, where they are text that never was a ledger: UTF-8
/// with no control character but line breaks and tabs (a damaged ledger is zeros or bytes cut
/// short as often as not), whose first character, spaces and a byte-order mark aside, is not
/// the `{` every ledger begins with.
fn plain_text(bytes: &[u8]) -> Option<String> {
    /// Enough of the first line to tell the file by.
    const SHOWN: usize = 40;
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if text.is_empty() || text.starts_with('{') || text.chars().any(control) {
        return None;
    }
    let first = text.lines().next().unwrap_or_default().trim_end();
    Some(crate::core::text::cut(first, SHOWN))
}

/// How the message of a file that never was a ledger ([`DecodeError::OtherKind`],
/// [`DecodeError::NotALedger`]) begins, and no other.
const ANOTHER_KIND: &str = "it is ";

/// Whether a damaged file's `detail` says it is a file of another kind, which never was a
/// ledger: then a mistyped path is likelier than damage, and a backup is not what is missed.
pub(crate) fn is_another_kind(detail: &str) -> bool {
    detail.starts_with(ANOTHER_KIND)
}

/// What JSON `bytes` that are no ledger are instead, in a few words, or `None` where they
/// may be a ledger damaged (an object with a ledger's `format`, `people` or `promises`):
/// a package.json by its dependencies or scripts, any other object by its first keys, a
/// list by its length.
fn another_json(bytes: &[u8]) -> Option<String> {
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(text).ok()?;
    Some(match value {
        Value::Object(map)
            if ["format", "people", "promises"]
                .iter()
                .any(|k| map.contains_key(*k)) =>
        {
            return None;
        }
        Value::Object(map)
            if map.contains_key("name")
                && ["dependencies", "devDependencies", "scripts"]
                    .iter()
                    .any(|k| map.contains_key(*k)) =>
        {
            "a Node package's package.json, by its name and dependencies or scripts".to_string()
        }
        Value::Object(map) if map.is_empty() => "an empty object".to_string(),
        Value::Object(map) => {
            let keys: Vec<String> = (map.keys())
                .map(|k| crate::core::text::quoted(&crate::core::text::quoted_back(k)))
                .collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            format!(
                "an object with {} {}",
                if keys.len() == 1 {
                    "the key"
                } else {
                    "the keys"
                },
                crate::core::ledger::a_few(&keys, "and")
            )
        }
        Value::Array(items) => format!(
            "a list of {}",
            crate::core::text::counted(items.len(), "value", "values")
        ),
        Value::String(_) => "a string".to_string(),
        Value::Number(_) => "a number".to_string(),
        Value::Bool(_) | Value::Null => "a bare true, false or null".to_string(),
    })
}

/// The bytes of a current file exactly as this program writes them, read by hand (see
/// `layout`), in a fraction of the time serde_json takes; with where each record lies, where
/// they are to be kept (`places`), for a save that copies the records it does not change.
/// `None` for anything else, to be read the careful way. Also [`decode_as`] for bytes that may
/// change while they are read (a mapped file): this reader copies each text before checking
/// it, and what it does not take is read again from the file into memory.
pub(crate) fn decode_own(
    bytes: &[u8],
    format: &Format,
    places: Places,
) -> Option<(Decoded, Option<Layout>)> {
    let (ledger, layout) = layout::read(bytes, places)?;
    if ledger.format != FORMAT_NAME || ledger.version != format.version {
        return None;
    }
    // The reader took only the writer's order: checked as it is, with nothing to sort or
    // repair (anything else goes the careful way, which names the fault). It checked each
    // promise as it read it.
    ledger.check_in_order_but_promises().ok()?;
    let decoded = Decoded {
        ledger,
        version: u64::from(format.version),
    };
    Some((decoded, layout))
}

/// Any file, read the careful way: naming the JSON path of a fault, upgrading older versions
/// and reading newer ones as far as their known fields go.
fn decode_carefully(bytes: &[u8], format: &Format) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with("\u{feff}".as_bytes()) {
        return Err(DecodeError::ByteOrderMark);
    }
    if let Some(line) = conflict_marker(bytes) {
        return Err(DecodeError::ConflictMarkers { line });
    }
    // A JSON array would read as a header too (serde reads structs from sequences).
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
    {
        return Err(shape("$", "the document must be a JSON object"));
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        let message = without_position(&e);
        if e.is_data() && message.starts_with("duplicate field") {
            // `format` or `version` twice: the fields' own fault, not the document's shape.
            shape("$", message)
        } else if e.is_data() {
            shape("$", "the document must be a JSON object")
        } else {
            syntax(&e)
        }
    })?;
    if header.format.as_ref().and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(shape(
            "$.format",
            format!("must be \"{FORMAT_NAME}\"; this is not a trustladder file"),
        ));
    }
    let version = match header.version.as_ref().and_then(whole_version) {
        None => {
            return Err(shape(
                "$.version",
                format!(
                    "must be a whole number, 1 or more (this trustladder writes {})",
                    format.version
                ),
            ));
        }
        Some(0) => return Err(shape("$.version", "0 is not a version")),
        Some(v) => v,
    };
    let current = u64::from(format.version);
    let mut ledger = if version > current {
        let too_new = DecodeError::TooNew { version };
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let mut ledger: Ledger =
            serde::Deserialize::deserialize(&mut de).map_err(|_| too_new.clone())?;
        ledger.normalize_and_check().map_err(|_| too_new)?;
        return Ok(Decoded { ledger, version });
    } else if version < current {
        // Below `current`, which is a u32, so the version fits.
        let from = u32::try_from(version).unwrap_or(format.version);
        no_key_twice(bytes)?;
        let mut doc: Value = serde_json::from_slice(bytes).map_err(|e| syntax(&e))?;
        format.upgrade(&mut doc, from).map_err(|e| match e {
            StepError::Shape(message) => DecodeError::Upgrade { from, message },
            StepError::Value { path, message } => shape(path, message),
        })?;
        read_known_fields(&doc)?
    } else {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let ledger = read_known_fields(&mut de)?;
        de.end().map_err(|e| syntax(&e))?;
        ledger
    };
    ledger
        .normalize_and_check()
        .map_err(|(path, message)| shape(path, message))?;
    Ok(Decoded { ledger, version })
}

/// Refuses an object that names a key twice, with the object's JSON path, as the reader of
/// the current version does: an older file is upgraded as a `Value`, which keeps the last of
/// two values silently, and the first save would then make that one the only one.
fn no_key_twice(bytes: &[u8]) -> Result<(), DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize::<_, KeysOnce>(&mut de)
        .map_err(located)
        .map(|_| ())
}

/// Any JSON value, read only to find a key given twice in one object.
struct KeysOnce;

impl<'de> serde::Deserialize<'de> for KeysOnce {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        de.deserialize_any(KeysOnce)
    }
}

impl<'de> serde::de::Visitor<'de> for KeysOnce {
    type Value = KeysOnce;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(KeysOnce)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<KeysOnce>()?.is_some() {}
        Ok(KeysOnce)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(serde::de::Error::custom(format!("duplicate field `{key}`")));
            }
            map.next_value::<KeysOnce>()?;
            seen.insert(key);
        }
        Ok(KeysOnce)
    }
}

/// The line of the first git conflict marker (`<<<<<<< `, `=======`, `>>>>>>> ` at the start
/// of a line), which no JSON document has.
pub(crate) fn conflict_marker(bytes: &[u8]) -> Option<usize> {
    bytes
        .split(|b| *b == b'\n')
        .position(|line| {
            line.starts_with(b"<<<<<<< ")
                || line.starts_with(b">>>>>>> ")
                || line == b"======="
                || line == b"=======\r"
        })
        .map(|i| i + 1)
}

/// A sound file of the current version with only known fields, in one pass of serde_json (a
/// file formatted by another tool, say). Anything else returns `None` and is read the
/// careful way, which costs two passes and path tracking but names the place at fault.
fn read_current(bytes: &[u8], format: &Format) -> Option<Decoded> {
    // serde reads a struct from a JSON array too; only an object is a ledger.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut unknown = false;
    let mut ledger: Ledger = serde_ignored::deserialize(&mut de, |_| unknown = true).ok()?;
    de.end().ok()?;
    if unknown || ledger.format != FORMAT_NAME || ledger.version != format.version {
        return None;
    }
    ledger.normalize_and_check().ok()?;
    Some(Decoded {
        ledger,
        version: u64::from(format.version),
    })
}

/// Reads the ledger's fields, naming the JSON path of the first wrong value, and refusing the
/// first field the ledger does not have.
fn read_known_fields<'de, D>(de: D) -> Result<Ledger, DecodeError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    let mut unknown: Option<String> = None;
    let mut note = |path: serde_ignored::Path| {
        if unknown.is_none() {
            unknown = Some(json_path(&path));
        }
    };
    let read = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(de, &mut note));
    let ledger = read.map_err(located)?;
    match unknown {
        Some(path) => Err(shape(
            path,
            "is not a field of this format, and saving would drop it; remove it, or use the program that wrote it",
        )),
        None => Ok(ledger),
    }
}

/// A fault met on a tracked read: a wrong value at its JSON path, or bad JSON at its line.
fn located(e: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
    let path = format!("$.{}", e.path()).replace(".[", "[");
    let path = if path == "$.." { "$".to_string() } else { path };
    let inner = e.into_inner();
    if inner.is_data() {
        shape(path, without_position(&inner))
    } else {
        syntax(&inner)
    }
}

/// A serde_ignored path written the way the other errors write JSON paths: `$.people[1].x`.
fn json_path(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => "$".to_string(),
        Path::Seq { parent, index } => format!("{}[{index}]", json_path(parent)),
        Path::Map { parent, key } => format!("{}.{key}", json_path(parent)),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => json_path(parent),
    }
}

/// The bytes a ledger is saved as: pretty JSON, so the file stays readable and diffable,
/// exactly as `serde_json::to_writer_pretty` writes it and a line break (written by hand, see
/// `layout`, several times faster).
pub fn encode(ledger: &Ledger) -> Vec<u8> {
    layout::write(ledger).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_ledger_round_trips() {
        let l = Ledger::default();
        assert_eq!(decode(&encode(&l)), Ok(l));
    }

    #[test]
    fn a_byte_order_mark_is_named_not_placed_at_line_1_column_1() {
        let err = decode(b"\xef\xbb\xbf{\"format\": \"trustladder\", \"version\": 2}").unwrap_err();
        assert_eq!(err, DecodeError::ByteOrderMark);
        assert!(
            err.to_string()
                .starts_with("it begins with an invisible byte-order mark (U+FEFF"),
            "{err}"
        );
    }

    /// A file of another kind given for a ledger is named as what it is: this program's CSV
    /// export, where the byte-order mark it begins with was named as the fault (and removing
    /// it, as that said, helped nothing), its iCalendar export, and a Taskwarrior export as an
    /// array or a task per line, where the document's shape or line 2 was named, and what a
    /// `--json` command prints, where the shape or the lack of `format` was; a ledger behind a
    /// byte-order mark, and an array of anything else, are said as before.
    #[test]
    fn a_file_of_another_kind_is_named_as_what_it_is() {
        let task = r#"{"uuid":"5e2d9c71-8a4b-4f3e-b6d2-1c9a8e7f6b5a","description":"Ship","status":"pending","entry":"20261101T090000Z"}"#;
        for (bytes, kind, words) in [
            (
                "\u{feff}id,person,handle,direction,rung,what\r\n1,Priya,priya,theirs,task,Ship\r\n"
                    .to_string(),
                OtherKind::Csv,
                "it is CSV, as `export --format csv` writes it, not a ledger",
            ),
            (
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".to_string(),
                OtherKind::Calendar,
                "it is an iCalendar file",
            ),
            (
                format!("[\n{task},\n{task}\n]\n"),
                OtherKind::Taskwarrior,
                "it is a Taskwarrior export (`task export`), not a ledger: `trustladder import taskwarrior FILE",
            ),
            (format!("{task}\n{task}\n"), OtherKind::Taskwarrior, "Taskwarrior"),
            (format!("\u{feff}[{task}]"), OtherKind::Taskwarrior, "Taskwarrior"),
            (
                r#"[{"id":1,"uid":"5e2d9c71-8a4b-4f3e-b6d2-1c9a8e7f6b5a","person":1}]"#.to_string(),
                OtherKind::OwnOutput,
                "it is what a --json command prints (`list --json`",
            ),
            (
                r#"[{"id":1,"handle":"priya","name":"Priya"}]"#.to_string(),
                OtherKind::OwnOutput,
                "--json",
            ),
            (
                r#"{"overdue":[],"today":[],"no_date":[]}"#.to_string(),
                OtherKind::OwnOutput,
                "--json",
            ),
            (
                r#"{"file":{"path":"x.json"},"backups":[]}"#.to_string(),
                OtherKind::OwnOutput,
                "not a ledger: a ledger is the JSON that `export --format json` writes",
            ),
        ] {
            let err = decode(bytes.as_bytes()).unwrap_err();
            assert_eq!(err, DecodeError::OtherKind(kind), "{bytes}");
            assert!(err.to_string().contains(words), "{err}");
        }
        let ledger = encode(&Ledger::default());
        let marked = [&b"\xef\xbb\xbf"[..], &ledger].concat();
        assert_eq!(decode(&marked), Err(DecodeError::ByteOrderMark));
        for (other, looks) in [
            (&b"[1,2]"[..], "a list of 2 values"),
            (b"[]", "a list of 0 values"),
            (br#"[{"a":1}]"#, "a list of 1 value"),
        ] {
            let looks = looks.to_string();
            assert_eq!(decode(other), Err(DecodeError::NotALedger { looks }));
        }
        // Another program's CSV is no CSV of ours, and never was a ledger.
        let begins = "id,name".to_string();
        assert_eq!(decode(b"id,name\n1,x\n"), Err(DecodeError::Text { begins }));
    }

    /// Text that is no JSON (a password file, notes, a Markdown report) never was a ledger,
    /// and is said to be text, by its first line; a file that may be a ledger damaged (cut
    /// short, zeros, a byte-order mark before its `{`) is said as before.
    #[test]
    fn text_that_is_no_json_is_named_by_its_first_line() {
        let long = format!("# Trust report{}\n\nbody\n", " and more".repeat(10));
        for (bytes, begins) in [
            (
                "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1\n",
                "root:x:0:0:root:/root:/bin/bash",
            ),
            ("\n\n  notes about Priya\t\n", "notes about Priya"),
            ("\u{feff}hello", "hello"),
            (long.as_str(), "# Trust report and more and more and mo…"),
        ] {
            let err = decode(bytes.as_bytes()).unwrap_err();
            assert_eq!(
                err,
                DecodeError::Text {
                    begins: begins.to_string()
                },
                "{bytes:?}"
            );
            assert!(err.to_string().starts_with(ANOTHER_KIND), "{err}");
        }
        let ledger = encode(&Ledger::default());
        let cut = &ledger[..ledger.len() / 2];
        assert!(matches!(decode(cut), Err(DecodeError::Syntax { .. })));
        assert!(matches!(
            decode(&[0u8; 64]),
            Err(DecodeError::Syntax { .. })
        ));
        let marked = [&b"\xef\xbb\xbf"[..], cut].concat();
        assert_eq!(decode(&marked), Err(DecodeError::ByteOrderMark));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = decode(b"{\n  \"format\": \"trustladder\",\n  oops").unwrap_err();
        assert!(
            matches!(
                err,
                DecodeError::Syntax {
                    line: 3,
                    column: 3,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = decode(b"{").unwrap_err();
        assert!(
            matches!(err, DecodeError::Syntax { line: 1, .. }),
            "{err:?}"
        );
    }

    /// A version that is no number of ours says what one is, however far off it is.
    #[test]
    fn a_version_that_is_not_a_whole_number_from_1_says_so() {
        let format = Format::CURRENT;
        for version in ["-1", "-99999999999999999999999", "\"2\"", "1.5", "null"] {
            let text = format!(r#"{{"format":"trustladder","version":{version}}}"#);
            let err = decode_as(text.as_bytes(), &format).unwrap_err().to_string();
            let said = format!(
                "$.version: must be a whole number, 1 or more (this trustladder writes {})",
                format.version
            );
            assert!(err.contains(&said), "{version}: {err}");
        }
    }

    /// A version past the largest number this program holds is a whole number all the same,
    /// and newer than ours: refused as one whose known fields do not read (as is any past
    /// the `u32` a ledger holds), never as no version at all.
    #[test]
    fn a_version_past_the_largest_number_is_a_newer_one() {
        let format = Format::CURRENT;
        let ours = String::from_utf8(encode(&Ledger::default())).unwrap();
        let field = format!("\"version\": {}", format.version);
        assert!(ours.contains(&field), "{ours}");
        for version in ["99999999999999999999", "18446744073709551616"] {
            let text = ours.replacen(&field, &format!("\"version\": {version}"), 1);
            let err = decode_as(text.as_bytes(), &format).unwrap_err();
            assert_eq!(err, DecodeError::TooNew { version: u64::MAX }, "{version}");
            assert_eq!(
                err.at(Path::new("t.json")).to_string(),
                format!(
                    "t.json: written by a newer trustladder (format version 18446744073709551615 or more; this one knows {}) in a way this one cannot read. Nothing was changed; update trustladder to open it",
                    format.version
                )
            );
        }
    }

    #[test]
    fn shape_errors_give_the_json_path() {
        let text = r#"{"format":"trustladder","version":1,"people":[
            {"id":1,"handle":"a","name":"A","created":"2026-11-02"},
            {"id":2,"handle":"b","name":"B","created":"2026-13-02"}]}"#;
        let err = decode(text.as_bytes()).unwrap_err();
        match err {
            DecodeError::Shape { path, .. } => assert_eq!(path, "$.people[1].created"),
            other => panic!("{other:?}"),
        }
        let err = decode(br#"{"format":"other","version":1}"#).unwrap_err();
        assert!(matches!(err, DecodeError::Shape { ref path, .. } if path == "$.format"));
        // An object with a ledger's `people` but no `format`: damaged, not another kind.
        let err = decode(br#"{"version":1,"people":[]}"#).unwrap_err();
        assert!(matches!(err, DecodeError::Shape { ref path, .. } if path == "$.format"));
    }

    #[test]
    fn a_long_value_in_the_file_is_quoted_back_cut() {
        let long = format!("kept{}", "x".repeat(5000));
        let text = format!(
            r#"{{"format":"trustladder","version":1,"people":[
            {{"id":1,"handle":"a","name":"A","created":"2026-11-02"}}],
            "promises":[{{"id":1,"person":1,"direction":"theirs","level":"task","what":"w",
            "made":"2026-11-02","status":"{long}"}}]}}"#
        );
        let err = decode(text.as_bytes()).unwrap_err().to_string();
        assert!(
            err.starts_with("$.promises[0].status: unknown variant `keptxxx"),
            "{err}"
        );
        assert!(
            err.contains("… (5004 characters)`, expected one of"),
            "{err}"
        );
        assert!(err.len() < 300, "{err}");
        // With a quote mark of its own, as a day of 5,000 digits, and as a field's name.
        let long = "x".repeat(5000);
        for (from, to) in [
            ("\"status\":\"kept", "\"status\":\"a`"),
            ("\"status\":\"kept", "\"status\":\"a\\\""),
            (
                "\"made\":\"2026-11-02\"",
                &*format!("\"made\":\"{}\"", "1".repeat(5000)),
            ),
            ("\"what\":\"w\"", &*format!("\"what\":\"w\",\"{long}\":1")),
            (
                "\"status\":\"kept",
                &*format!("\"status\":\"a` {}", "xx ".repeat(2500)),
            ),
        ] {
            let bad = text.replacen(from, to, 1);
            assert_ne!(bad, text, "{to}");
            let err = decode(bad.as_bytes()).unwrap_err().to_string();
            assert!(err.len() < 400, "{to}: {err}");
        }
    }

    #[test]
    fn a_ledger_shaped_array_is_not_a_ledger() {
        // serde would read these seven values into the struct's fields in order.
        let text = br#"["trustladder", 1, {}, 1, 1, [], []]"#;
        let err = decode(text).unwrap_err();
        assert!(
            matches!(err, DecodeError::NotALedger { ref looks } if looks == "a list of 7 values"),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_path() {
        let err = decode(br#"{"format":"trustladder","version":1,"teams":[]}"#).unwrap_err();
        assert!(matches!(err, DecodeError::Shape { ref path, .. } if path == "$.teams"));
        let err = decode(br#"{"format":"trustladder","version":1,"settings":{"half_life":9}}"#)
            .unwrap_err();
        assert!(
            matches!(err, DecodeError::Shape { ref path, .. } if path == "$.settings.half_life")
        );
    }

    #[test]
    fn git_conflict_markers_are_named_with_their_line() {
        let text = b"{\n  \"format\": \"trustladder\",\n<<<<<<< HEAD\n  \"version\": 2\n=======\n  \"version\": 2\n>>>>>>> origin/main\n}\n";
        let err = decode(text).unwrap_err();
        assert_eq!(err, DecodeError::ConflictMarkers { line: 3 });
        // Why the merge was not by record, and what merges it so.
        assert!(
            err.to_string().starts_with(
                "line 3 holds a conflict marker: git merged this file as text, without trustladder's merge driver"
            )
        );
        assert!(err.to_string().contains("trustladder sync"));
        // The way back through a backup is said after it where there is one (the damaged
        // file's message), not here, where there may be none.
        assert!(
            err.to_string()
                .ends_with("`git merge --abort` undoes a merge under way")
        );
    }

    #[test]
    fn a_number_out_of_its_type_is_said_in_words() {
        let text = br#"{"format":"trustladder","version":2,"settings":{"quiet_days":99999999999}}"#;
        let err = decode(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "$.settings.quiet_days: invalid value: integer `99999999999`, expected a whole number from 0 to 4294967295"
        );
    }

    /// Half of a pair of escapes in a name is named as such, at its place: serde_json spoke
    /// of a hex escape cut short.
    #[test]
    fn a_lone_surrogate_escape_is_named_at_its_place() {
        let text =
            "{\"format\":\"trustladder\",\"version\":2,\n\"people\":[{\"name\":\"\\ud800 \"}]}";
        assert_eq!(
            decode(text.as_bytes()).unwrap_err().to_string(),
            "a lone surrogate escape (\\uD800 to \\uDFFF without the other half of its pair), which is no character: write the character itself, or both escapes of its pair at line 2 column 26"
        );
    }

    #[test]
    fn an_empty_file_is_named_empty() {
        for bytes in [&b""[..], b"\n", b"  \t\r\n"] {
            let err = decode(bytes).unwrap_err();
            assert_eq!(err, DecodeError::Empty);
            assert_eq!(err.to_string(), "the file is empty");
        }
    }

    #[test]
    fn newer_versions_are_refused_as_too_new() {
        let err = decode(br#"{"format":"trustladder","version":3,"future":true}"#).unwrap_err();
        assert_eq!(err, DecodeError::TooNew { version: 3 });
    }
}
