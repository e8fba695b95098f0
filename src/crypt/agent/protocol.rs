//! What travels on the agent's socket: one request per connection, one JSON object on one line
//! each way (and, on a lease, the command's word on what it did with the text), so that the
//! protocol can be read and tried by hand (`socat`, `nc -U`).
//!
//! ```text
//! → {"op":"put","key":"age1…","secret":"<hex>","idle":3600}   ← {"ok":true}
//! → {"op":"get","key":"age1…"}                                ← {"ok":true,"secret":"<hex>"}
//! → {"op":"holds","key":"age1…"}                              ← {"ok":true,"held":true}
//! → {"op":"forget","key":"age1…"}                             ← {"ok":true,"held":true}
//! → {"op":"status"}                        ← {"ok":true,"pid":42,"keys":1,"memory_locked":true}
//! → {"op":"lock"}                                             ← {"ok":true,"keys":2}
//! → {"op":"remember","key":"age1…","path":"/…/trustladder.json","later":true}  ← {"ok":true}
//! → {"op":"text","key":"age1…","sealed":"<hex>"}    ← {"ok":true,"held":true,"len":3780911}
//! → {"op":"text","key":"age1…","sealed":"<hex>","lease":"write"}
//!                                      ← {"ok":true,"held":true,"len":3780911,"room":3903791}
//!   then, on the same connection:
//!        → {"op":"rewrite","sealed":"<hex>","len":3780935,"edits":[[1024,1391,3903400,391]]}
//! → {"op":"text","key":"age1…","sealed":"<hex>","lease":"fill"}
//!                                        ← {"ok":true,"held":false,"room":3903791}
//!   then, on the same connection:  → {"op":"rewriting"}
//!                                  → {"op":"rewritten","sealed":"<hex>","len":3781002}
//!                                          ← {"ok":false,"error":"…"} for any refused request
//! ```
//!
//! A secret travels as hex, never as a JSON string: hex has no escapes, so the parser borrows
//! it straight from the locked buffer the line was read into and never copies it into a
//! scratch buffer of its own that would be freed unwiped. Lines are bounded ([`MAX_LINE`]);
//! an error message never quotes the request, which may hold a secret.
//!
//! `remember` asks the agent to open the sealed file at a path with a key it holds and to keep
//! its plain text; `text` asks for the plain text of the file whose sealed bytes hash to
//! `sealed` (see [`sealed_hash`]), and a held one comes as a read-only file descriptor passed
//! with the answer (`SCM_RIGHTS`), never as bytes on the socket.
//!
//! A `text` asked with a `lease` is lent for as long as the connection stays open, which the
//! client keeps open while it maps the text: so the agent knows when no command reads a text
//! any more. A `write` lease, granted only when no other command maps the text, comes with
//! the text's memory file itself, writable, and its `room`: a command that saved a change
//! puts the stretches that changed in the room past the text and asks the agent to write
//! them over the old text where it is (`rewrite`, with where each stretch goes and which
//! file the text then is; see `edits`). The next command finds that file's text kept, and no
//! process had to decrypt the file or take fresh memory for it. A `fill` or `write` lease for
//! a file whose text is not kept may be lent, writable, the memory of a text of the same key
//! that no command maps (`held` false): the command decrypts its file into it, saying first
//! that it does (`rewriting`: the memory is no file's text now) and then which file's text it
//! is (`rewritten`), and the text is that file's from then on.

use std::io::{self, Read};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::edits::{Edit, MOST_EDITS};
use super::memory::Locked;

/// The largest secret the agent holds: an age identity with some lines of text around it.
pub const MAX_SECRET: usize = 8 * 1024;
/// The longest key id (an age recipient is 62 characters).
pub(crate) const MAX_KEY_ID: usize = 256;
/// The longest line either side reads: a put carries the secret as hex, twice its size, and a
/// key id.
pub(crate) const MAX_LINE: usize = 2 * MAX_SECRET + MAX_KEY_ID + 256;

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Op {
    Put,
    Get,
    Holds,
    Forget,
    Status,
    Lock,
    Remember,
    Text,
    Rewriting,
    Rewritten,
    Rewrite,
}

impl Op {
    /// Its name on the wire.
    fn name(self) -> &'static str {
        match self {
            Op::Put => "put",
            Op::Get => "get",
            Op::Holds => "holds",
            Op::Forget => "forget",
            Op::Status => "status",
            Op::Lock => "lock",
            Op::Remember => "remember",
            Op::Text => "text",
            Op::Rewriting => "rewriting",
            Op::Rewritten => "rewritten",
            Op::Rewrite => "rewrite",
        }
    }
}

/// A request as it travels. Fields that do not belong to the op are refused by
/// [`parse_request`]; unknown fields are refused by the parser.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Request<'a> {
    pub op: Op,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    /// The secret in hex (put only).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub secret: Option<&'a str>,
    /// Seconds without use after which the agent forgets the key (put only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<u64>,
    /// The sealed file whose plain text to keep (remember only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Open it once saves to it have settled, not now (remember only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<bool>,
    /// The hash of the sealed file whose plain text is asked for (text), or whose text a
    /// lent one now is (rewritten), in hex.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<&'a str>,
    /// The text asked for is lent for as long as the connection is open (text only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<Lease>,
    /// The key's secret is asked for with the text, so that a command needs one exchange,
    /// not a `get` and then a `text` (text only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_key: Option<bool>,
    /// The length of the text a lent one now holds (rewritten, rewrite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub len: Option<u64>,
    /// Where each changed stretch goes, as `[start, end, text, len]` (rewrite only; see
    /// [`Edit`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edits: Option<Vec<[u64; 4]>>,
}

/// What a command does with a text lent to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lease {
    /// Reads it.
    Read,
    /// Reads it; where none is kept for its file, decrypts the file into the memory of a
    /// text of the same key that no command reads, which is then that file's.
    Fill,
    /// As `fill`, and may write the text of the file it saves over the one it read.
    Write,
}

impl<'a> Request<'a> {
    /// A request for `op` with `key` and no other field.
    pub(crate) fn of(op: Op, key: Option<&'a str>) -> Self {
        Request {
            op,
            key,
            secret: None,
            idle: None,
            path: None,
            later: None,
            sealed: None,
            lease: None,
            with_key: None,
            len: None,
            edits: None,
        }
    }
}

/// A request, checked: every op with exactly the fields it needs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command<'a> {
    Put {
        key: &'a str,
        secret_hex: &'a str,
        idle: Duration,
    },
    Get {
        key: &'a str,
    },
    Holds {
        key: &'a str,
    },
    /// Forget one key, keeping the others (`decrypt`: the keys of other ledgers stay).
    Forget {
        key: &'a str,
    },
    Status,
    Lock,
    /// Open the sealed file at `path` with the key and keep its plain text: now, or once
    /// saves to it have settled (`later`).
    Remember {
        key: &'a str,
        path: std::path::PathBuf,
        later: bool,
    },
    /// The plain text kept for the key's file whose sealed bytes hash to `sealed`, lent for
    /// as long as the connection is open when `lease` says how; with the key's secret when
    /// `with_key`.
    Text {
        key: &'a str,
        sealed: u128,
        lease: Option<Lease>,
        with_key: bool,
    },
    /// On a write lease: the text is being written over.
    Rewriting,
    /// On a write lease: the text is now that of the file whose sealed bytes hash to
    /// `sealed`, `len` bytes long.
    Rewritten {
        sealed: u128,
        len: u64,
    },
    /// On a write lease: write `edits` over the text, which then is that of the file whose
    /// sealed bytes hash to `sealed`, `len` bytes long.
    Rewrite {
        sealed: u128,
        len: u64,
        edits: Vec<Edit>,
    },
}

/// An answer as it travels. Unknown fields are ignored, so that a newer trustladder can read
/// an older agent that is still running, and the reverse.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Response<'a> {
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The secret in hex (get, and text asked `with_key`, when held).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub secret: Option<&'a str>,
    /// Whether the key was held (holds, forget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    /// How many keys it holds (status), or forgot (lock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_locked: Option<bool>,
    /// The length of the plain text whose file comes with the answer (text, when held).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub len: Option<u64>,
    /// How many plain texts it keeps (status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texts: Option<usize>,
    /// The size of the writable memory file that comes with the answer (text, lent to be
    /// written): how long the text written over it may grow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<u64>,
}

impl Response<'_> {
    /// A plain "done".
    pub(crate) fn ok() -> Self {
        Response {
            ok: true,
            ..Response::default()
        }
    }

    /// A refusal, saying why.
    pub(crate) fn refuse(why: impl Into<String>) -> Self {
        Response {
            error: Some(why.into()),
            ..Response::default()
        }
    }
}

/// Checks a line and reads it as a request. The message of an error never quotes the line.
pub(crate) fn parse_request(line: &[u8]) -> Result<Command<'_>, String> {
    let request: Request<'_> = serde_json::from_slice(line).map_err(|e| {
        format!(
            "malformed request: {} (column {}); send one JSON object on one line",
            json_fault(&e),
            e.column()
        )
    })?;
    let key = || {
        let key = request
            .key
            .ok_or_else(|| format!("malformed request: {} needs a \"key\"", request.op.name()))?;
        check_key_id(key).map(|()| key)
    };
    let extra = |name: &str| format!("malformed request: {} takes no {name:?}", request.op.name());
    if request.op != Op::Put {
        if request.secret.is_some() {
            return Err(extra("secret"));
        }
        if request.idle.is_some() {
            return Err(extra("idle"));
        }
    }
    if matches!(request.op, Op::Status | Op::Lock) && request.key.is_some() {
        return Err(extra("key"));
    }
    if request.op != Op::Remember && request.path.is_some() {
        return Err(extra("path"));
    }
    if request.op != Op::Remember && request.later.is_some() {
        return Err(extra("later"));
    }
    if !matches!(request.op, Op::Text | Op::Rewritten | Op::Rewrite) && request.sealed.is_some() {
        return Err(extra("sealed"));
    }
    if request.op != Op::Text && request.lease.is_some() {
        return Err(extra("lease"));
    }
    if request.op != Op::Text && request.with_key.is_some() {
        return Err(extra("with_key"));
    }
    if !matches!(request.op, Op::Rewritten | Op::Rewrite) && request.len.is_some() {
        return Err(extra("len"));
    }
    if request.op != Op::Rewrite && request.edits.is_some() {
        return Err(extra("edits"));
    }
    if matches!(request.op, Op::Rewriting | Op::Rewritten | Op::Rewrite) && request.key.is_some() {
        return Err(extra("key"));
    }
    let sealed = |op: &str| {
        request
            .sealed
            .filter(|hex| hex.len() == 32)
            .and_then(|hex| u128::from_str_radix(hex, 16).ok())
            .ok_or_else(|| {
                format!("malformed request: {op} needs a \"sealed\" hash of 32 hex digits")
            })
    };
    Ok(match request.op {
        Op::Put => Command::Put {
            key: key()?,
            secret_hex: request
                .secret
                .ok_or("malformed request: put needs a \"secret\"")?,
            idle: request
                .idle
                .filter(|&s| s > 0)
                .map(Duration::from_secs)
                .ok_or("malformed request: put needs an \"idle\" of at least 1 second")?,
        },
        Op::Get => Command::Get { key: key()? },
        Op::Holds => Command::Holds { key: key()? },
        Op::Forget => Command::Forget { key: key()? },
        Op::Status => Command::Status,
        Op::Lock => Command::Lock,
        Op::Remember => Command::Remember {
            key: key()?,
            path: request
                .path
                .as_deref()
                .map(std::path::PathBuf::from)
                .filter(|path| path.is_absolute())
                .ok_or("malformed request: remember needs an absolute \"path\"")?,
            later: request.later.unwrap_or(false),
        },
        Op::Text => Command::Text {
            key: key()?,
            sealed: sealed("text")?,
            lease: request.lease,
            with_key: request.with_key.unwrap_or(false),
        },
        Op::Rewriting => Command::Rewriting,
        Op::Rewritten => Command::Rewritten {
            sealed: sealed("rewritten")?,
            len: request
                .len
                .ok_or("malformed request: rewritten needs the text's \"len\"")?,
        },
        Op::Rewrite => Command::Rewrite {
            sealed: sealed("rewrite")?,
            len: request
                .len
                .ok_or("malformed request: rewrite needs the text's \"len\"")?,
            edits: edits(request.edits.as_deref())?,
        },
    })
}

/// The edits of a `rewrite` as numbers of this machine; at most [`MOST_EDITS`].
fn edits(wire: Option<&[[u64; 4]]>) -> Result<Vec<Edit>, String> {
    let wire = wire.ok_or("malformed request: rewrite needs its \"edits\"")?;
    if wire.len() > MOST_EDITS {
        return Err(format!(
            "malformed request: rewrite takes at most {MOST_EDITS} edits"
        ));
    }
    wire.iter()
        .map(|numbers| {
            let [start, end, text, len] = numbers.map(|n| usize::try_from(n).ok());
            Some(Edit {
                start: start?,
                end: end?,
                text: text?,
                len: len?,
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| "malformed request: an edit's number is too large".to_string())
}

/// `edits` as they travel (see [`Request::edits`]).
pub(crate) fn wire_edits(edits: &[Edit]) -> Vec<[u64; 4]> {
    edits
        .iter()
        .map(|e| [e.start, e.end, e.text, e.len].map(|n| n as u64))
        .collect()
}

/// The hash by which the agent knows a sealed file: of every byte of it, so that a file
/// changed anywhere, by a save or by damage, is another file, whose text is not the one kept.
pub fn sealed_hash(sealed: &[u8]) -> u128 {
    twox_hash::XxHash3_128::oneshot(sealed)
}

/// What is wrong with a line that did not parse, without quoting it: serde_json's own message
/// may quote the input, which may hold a secret.
pub(crate) fn json_fault(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Io => "it could not be read",
        serde_json::error::Category::Syntax => "it is not JSON",
        serde_json::error::Category::Data => "it is not a request of this protocol",
        serde_json::error::Category::Eof => "it ends too soon",
    }
}

/// Refuses a key id that is empty, too long, or holds anything but visible ASCII (an age
/// recipient is lowercase letters and digits): it is shown in messages and used as a map key.
pub(crate) fn check_key_id(key: &str) -> Result<(), String> {
    if key.is_empty() {
        Err("the key id is empty".to_string())
    } else if key.len() > MAX_KEY_ID {
        Err(format!("the key id is longer than {MAX_KEY_ID} bytes"))
    } else if !key.bytes().all(|b| b.is_ascii_graphic()) {
        Err("the key id holds a character other than visible ASCII".to_string())
    } else {
        Ok(())
    }
}

/// Why a line could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LineError {
    #[error("the request is longer than {MAX_LINE} bytes")]
    TooLong,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Reads one line, at most [`MAX_LINE`] bytes, into locked memory; the newline and anything
/// after it are not part of [`line`](fn@line)'s view. An end of stream also ends the line.
pub(crate) fn read_line(stream: &mut impl Read) -> Result<Locked, LineError> {
    let mut buf = Locked::with_capacity(MAX_LINE + 1)?;
    loop {
        let spare = buf.spare();
        if spare.is_empty() {
            return Err(LineError::TooLong);
        }
        let n = match stream.read(spare) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if n == 0 {
            return Ok(buf);
        }
        let start = buf.as_bytes().len();
        buf.advance(n);
        if buf.as_bytes()[start..].contains(&b'\n') {
            return Ok(buf);
        }
    }
}

/// The line held by a buffer [`read_line`] filled, without its newline.
pub(crate) fn line(buf: &Locked) -> &[u8] {
    let bytes = buf.as_bytes();
    bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes, |end| &bytes[..end])
}

/// `value` as one JSON line in locked memory of `capacity` bytes (plus the newline).
pub(crate) fn encode_line<T: Serialize>(value: &T, capacity: usize) -> io::Result<Locked> {
    let mut buf = Locked::with_capacity(capacity + 1)?;
    serde_json::to_writer(&mut buf, value)?;
    buf.extend(b"\n")?;
    Ok(buf)
}

/// The room a line needs beyond the secret (in hex) it carries.
pub(crate) const LINE_OVERHEAD: usize = MAX_KEY_ID + 256;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `bytes` in lowercase hex, in locked memory.
pub(crate) fn to_hex(bytes: &[u8]) -> io::Result<Locked> {
    let mut out = Locked::with_capacity(bytes.len() * 2)?;
    for &b in bytes {
        out.extend(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]])?;
    }
    Ok(out)
}

/// The bytes a hex string stands for, in locked memory; `None` for anything but hex of even
/// length.
pub(crate) fn from_hex(hex: &str) -> io::Result<Option<Locked>> {
    if !hex.len().is_multiple_of(2) {
        return Ok(None);
    }
    let mut out = Locked::with_capacity(hex.len() / 2)?;
    for pair in hex.as_bytes().chunks_exact(2) {
        let (Some(high), Some(low)) = (nibble(pair[0]), nibble(pair[1])) else {
            return Ok(None);
        };
        out.extend(&[high << 4 | low])?;
    }
    Ok(Some(out))
}

/// The value of one hex digit (either case).
fn nibble(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The text of a locked buffer that holds hex or JSON (always ASCII or UTF-8 by construction).
pub(crate) fn as_str(buf: &Locked) -> io::Result<&str> {
    std::str::from_utf8(buf.as_bytes()).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
