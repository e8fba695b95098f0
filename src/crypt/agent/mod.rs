//! The key agent: a small background process that holds unlocked keys in memory, so that a
//! person types the passphrase once per sitting instead of once per command (as ssh-agent,
//! gpg-agent and rbw's agent do).
//!
//! - It keeps each secret in memory of its own, locked against swapping and wiped when the key
//!   is forgotten or the agent exits, and it refuses core dumps.
//! - It listens on a Unix socket, mode 0600 in a 0700 folder ([`socket_dir`]), and answers only
//!   processes of its own user, as the kernel reports them (SO_PEERCRED); a client, in turn,
//!   hands a secret only to an agent of its own user.
//! - It forgets a key after the key's idle time without a `get` or `put`, and exits when it
//!   holds none; [`Agent::lock`] makes it forget everything and exit at once.
//! - It detaches fully (own session, `/` as its folder, standard streams on /dev/null, no
//!   other inherited file), so that whatever started it is not held open by it.
//! - It is batch scheduled: a command's message that wakes it never costs the command its
//!   core (see `sys::never_preempt`).
//! - One agent runs per folder, whoever starts it, however many start it at once.
//! - Asked by a command that opened a large ledger or saved one ([`Agent::remember`]), it opens
//!   the file itself and keeps the plain text in locked memory, which it hands to the next
//!   command whose file hashes as the one it opened ([`Agent::text`]), sparing that command
//!   the decryption; the texts go with their keys (see `texts`). A change is lent the text
//!   it read, and has the agent write the saved file's text over it (see `edits`), sparing
//!   the next command too.
//!
//! [`Agent`] is the client that every command uses; [`serve`](fn@serve) is the agent itself,
//! run by the hidden `trustladder agent` subcommand, which [`Agent::put`] starts when none
//! runs. The protocol is one JSON line each way per connection, the secret in hex, at most
//! 8 KiB of it; a connection that lends a text stays open while the text is lent.

mod edits;
mod error;
mod lent;
mod memory;
mod protocol;
mod serve;
mod sys;
#[cfg(test)]
mod tests;
mod texts;
mod watch;

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::{SocketAddr, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};

pub use edits::{Edit, Edits, MOST_EDITS, MOST_MOVED};
pub use error::{ALREADY_RUNNING, AgentError};
pub use lent::{KeptText, TextLease};
pub use protocol::Lease;
pub use protocol::MAX_SECRET;
pub use protocol::sealed_hash;
pub use serve::serve;
pub use texts::MAX_TEXT;

use memory::Locked;
use protocol::{LINE_OVERHEAD, Op, Request, Response};

/// The clock idle times are measured with, the agent's and the terminal UI's alike: it keeps
/// counting while the machine sleeps, so a laptop closed for the night comes back locked,
/// in the UI as in the agent. Only differences between two readings mean anything.
pub fn idle_clock() -> Duration {
    sys::now()
}

/// Whether `idle` has passed between `last_used` and `now`, two readings of [`idle_clock`]:
/// the agent forgets a key, and the terminal UI locks, by this one rule.
pub fn idle_over(last_used: Duration, now: Duration, idle: Duration) -> bool {
    now.saturating_sub(last_used) >= idle
}

/// The variable that names the agent's folder outright (tests give each agent its own).
pub const DIR_ENV: &str = "TRUSTLADDER_AGENT_DIR";
/// The socket's name inside the agent's folder.
pub const SOCKET: &str = "agent.sock";

/// How long [`Agent::put`] waits for an agent it started to answer.
const START_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a client waits for an agent's answer, from connecting to the answer's end: a
/// stuck agent must not hang every command.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);

/// The sockets whose agent did not answer in this process: not waited for again, so that a
/// command (or the terminal UI) asking twice, for the key and then to keep the one typed,
/// waits once, as long as its message says, not twice as long.
static SILENT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// The folder of the agent's socket: `$TRUSTLADDER_AGENT_DIR` if set, else
/// `$XDG_RUNTIME_DIR/trustladder` (private to the user, in memory, emptied at logout), else
/// the folder `.trustladder-agent` inside `fallback` (the data file's folder), so that the
/// agent's folder can be its own, 0700, without changing the mode of the user's folder.
///
/// Only names it: the agent makes the folder (0700) when it starts, and refuses to use one that
/// other users can open.
pub fn socket_dir(fallback: &Path) -> PathBuf {
    pick_dir(
        std::env::var_os(DIR_ENV),
        std::env::var_os("XDG_RUNTIME_DIR"),
        fallback,
    )
}

/// Every folder an agent holding the keys of a ledger in `fallback` (its data folder) may be
/// in, for `lock`: the one [`socket_dir`] names, and the data folder's own too, where a
/// command run without `XDG_RUNTIME_DIR` or `TRUSTLADDER_AGENT_DIR` (over ssh, from cron,
/// after `su`) started one that a `lock` with either would otherwise miss.
pub fn socket_dirs(fallback: &Path) -> Vec<PathBuf> {
    let first = socket_dir(fallback);
    let own = pick_dir(None, None, fallback);
    if own == first {
        vec![first]
    } else {
        vec![first, own]
    }
}

/// Every folder of the documented places where an agent of this user may hold the key of a
/// ledger in `fallback` (its data folder): `$TRUSTLADDER_AGENT_DIR`'s, then
/// `$XDG_RUNTIME_DIR/trustladder`, then the data folder's own, those set, each once. A shell
/// with other variables (a desktop session's, an ssh login's, a script's) started its agent
/// in another of them: `decrypt`, after which the ledger needs its key no more, asks each to
/// forget it.
pub fn every_socket_dir(fallback: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for dir in [
        pick_dir(std::env::var_os(DIR_ENV), None, fallback),
        pick_dir(None, std::env::var_os("XDG_RUNTIME_DIR"), fallback),
        pick_dir(None, None, fallback),
    ] {
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

/// Whether one agent holds the keys of the ledgers of every folder (its folder named by
/// `TRUSTLADDER_AGENT_DIR` or `XDG_RUNTIME_DIR`), rather than each data folder its own.
pub fn one_for_every_folder() -> bool {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .is_some_and(|d| d.is_absolute())
    };
    absolute(DIR_ENV) || absolute("XDG_RUNTIME_DIR")
}

/// [`socket_dir`] for given values of its variables; an empty or relative
/// `XDG_RUNTIME_DIR` is ignored, as the XDG specification asks, and so is a relative
/// `TRUSTLADDER_AGENT_DIR`: it would name another folder, and another agent, from each folder
/// a command runs in (a `lock` run elsewhere would find nothing to lock).
fn pick_dir(agent_dir: Option<OsString>, runtime: Option<OsString>, fallback: &Path) -> PathBuf {
    if let Some(dir) = agent_dir.map(PathBuf::from).filter(|d| d.is_absolute()) {
        return dir;
    }
    if let Some(runtime) = runtime.map(PathBuf::from).filter(|r| r.is_absolute()) {
        return runtime.join("trustladder");
    }
    absolute(&fallback.join(".trustladder-agent"))
}

/// `path` made absolute against the current folder (the agent runs in `/`), or as it is if the
/// current folder cannot be read.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Refuses a socket path too long for `sockaddr_un` (about 100 bytes), naming the way out.
fn check_socket_path(socket: &Path) -> Result<(), AgentError> {
    SocketAddr::from_pathname(socket)
        .map(drop)
        .map_err(|_| AgentError::PathTooLong {
            path: socket.to_path_buf(),
        })
}

/// What a running agent says about itself (for `check`, and for tests that must stop it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Its process id.
    pub pid: u32,
    /// How many keys it holds.
    pub keys: usize,
    /// Whether every key it holds is in memory locked against swapping (false when the
    /// system's limit of locked memory is too low; the keys are wiped on exit all the same).
    pub memory_locked: bool,
    /// How many plain texts it keeps for commands (see [`Agent::text`]); 0 from an agent
    /// started by an older trustladder, which keeps none.
    pub texts: usize,
}

/// The client of the agent for one socket folder. Creating one starts nothing; only
/// [`Agent::put`] starts an agent.
#[derive(Debug, Clone)]
pub struct Agent {
    dir: PathBuf,
    /// The program that runs `agent` (this program, unless tests say otherwise).
    program: Option<PathBuf>,
}

impl Agent {
    /// The client of the agent whose socket is in `dir` (see [`socket_dir`]).
    pub fn new(dir: PathBuf) -> Agent {
        Agent {
            dir: absolute(&dir),
            program: None,
        }
    }

    /// The same, starting the agent with `program` instead of the running executable: a test
    /// binary is not trustladder, so its tests name the real one.
    pub fn with_program(dir: PathBuf, program: PathBuf) -> Agent {
        Agent {
            program: Some(program),
            ..Agent::new(dir)
        }
    }

    /// Refuses an agent's folder that is there but that no agent of this user's could start
    /// in (another user's, or open to others); one not there yet is no fault. Every request
    /// checks it first, so such a folder is said, not passed by as one with no agent: `unlock`
    /// would fail there, and `lock` would say nothing was unlocked.
    pub fn check_folder(&self) -> Result<(), AgentError> {
        match std::fs::symlink_metadata(&self.dir) {
            Ok(meta) => serve::check_folder(&self.dir, &meta),
            Err(_) => Ok(()),
        }
    }

    /// The agent's socket.
    pub fn socket(&self) -> PathBuf {
        self.dir.join(SOCKET)
    }

    /// The secret held for `key_id`, if an agent runs and holds it; each use refreshes its idle
    /// timer. `Ok(None)` when no agent runs or it does not hold that key: never an error for
    /// "not running".
    pub fn get(&self, key_id: &str) -> Result<Option<SecretString>, AgentError> {
        let request = self.request(Op::Get, Some(key_id))?;
        let secret = self.exchange(&request, None, |response| self.secret_of(&response))?;
        Ok(secret.flatten())
    }

    /// The secret an answer carries, if any.
    fn secret_of(&self, response: &Response<'_>) -> Result<Option<SecretString>, AgentError> {
        let Some(hex) = response.secret else {
            return Ok(None);
        };
        let bytes = protocol::from_hex(hex)
            .map_err(AgentError::Memory)?
            .ok_or_else(|| self.bad_answer("the secret is not hex"))?;
        let text = std::str::from_utf8(bytes.as_bytes())
            .map_err(|_| self.bad_answer("the secret is not UTF-8 text"))?;
        // Exactly as large as the text, so that `SecretString` never moves it.
        let mut owned = String::with_capacity(text.len());
        owned.push_str(text);
        Ok(Some(SecretString::from(owned)))
    }

    /// Gives the agent `secret` for `key_id`, to forget after `idle` without use (whole
    /// seconds, at least one); starts the agent first if none runs (this program's hidden
    /// `agent` subcommand, fully detached). Refreshes the idle time of an agent already
    /// running. Returns once the agent holds the key.
    pub fn put(
        &self,
        key_id: &str,
        secret: &SecretString,
        idle: Duration,
    ) -> Result<(), AgentError> {
        protocol::check_key_id(key_id).map_err(AgentError::KeyId)?;
        let bytes = secret.expose_secret().as_bytes();
        if bytes.len() > MAX_SECRET {
            return Err(AgentError::TooLarge(bytes.len()));
        }
        let hex = protocol::to_hex(bytes).map_err(AgentError::Memory)?;
        let idle = whole_seconds(idle);
        let request = protocol::encode_line(
            &Request {
                secret: Some(protocol::as_str(&hex).map_err(AgentError::Memory)?),
                idle: Some(idle),
                ..Request::of(Op::Put, Some(key_id))
            },
            hex.as_bytes().len() + LINE_OVERHEAD,
        )
        .map_err(AgentError::Memory)?;
        drop(hex);
        if self.exchange(&request, None, |_| Ok(()))?.is_some() {
            return Ok(());
        }
        check_socket_path(&self.socket())?;
        self.start(idle)?;
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if self.exchange(&request, None, |_| Ok(()))?.is_some() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(self.no_answer(START_TIMEOUT));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Makes the agent forget every key and exit; `Ok(None)` when none ran, else how many
    /// keys it forgot, so that `lock` can say so (`None` inside from an agent started by an
    /// older trustladder, which does not say).
    pub fn lock(&self) -> Result<Option<Option<usize>>, AgentError> {
        let request = self.request(Op::Lock, None)?;
        self.exchange(&request, None, |response| Ok(response.keys))
    }

    /// Makes the agent forget the key `key_id` alone, keeping the keys of other ledgers (it
    /// exits if that was its last); `Ok(false)` when no agent runs or it did not hold it.
    pub fn forget(&self, key_id: &str) -> Result<bool, AgentError> {
        let request = self.request(Op::Forget, Some(key_id))?;
        let held = self.exchange(&request, None, |response| {
            response
                .held
                .ok_or_else(|| self.bad_answer("it does not say whether it held the key"))
        })?;
        Ok(held == Some(true))
    }

    /// Whether an agent runs and holds `key_id` (does not refresh the idle timer).
    pub fn holds(&self, key_id: &str) -> Result<bool, AgentError> {
        let request = self.request(Op::Holds, Some(key_id))?;
        let held = self.exchange(&request, None, |response| {
            response
                .held
                .ok_or_else(|| self.bad_answer("it does not say whether it holds the key"))
        })?;
        Ok(held == Some(true))
    }

    /// Asks the agent to open the sealed file at `path` (absolute) with the key `key_id` and
    /// keep its plain text for the commands after this one (see [`Agent::text`]): at once, or,
    /// `later`, once no save has asked for it for a moment, so that a burst of saves (a script)
    /// has it open the last file alone. The request is sent and not waited on; an agent that
    /// does not hold the key, or none at all, does nothing.
    pub fn remember(&self, key_id: &str, path: &Path, later: bool) -> Result<(), AgentError> {
        let Some(path) = path.to_str().filter(|_| path.is_absolute()) else {
            return Ok(());
        };
        protocol::check_key_id(key_id).map_err(AgentError::KeyId)?;
        let request = protocol::encode_line(
            &Request {
                path: Some(path.to_string()),
                later: later.then_some(true),
                ..Request::of(Op::Remember, Some(key_id))
            },
            path.len() * 6 + LINE_OVERHEAD,
        )
        .map_err(AgentError::Memory)?;
        if self.was_silent() {
            return Ok(());
        }
        let until = Instant::now() + ANSWER_TIMEOUT;
        if let Some(mut stream) = self.connect(until)? {
            let _ = stream
                .set_write_timeout(Some(ANSWER_TIMEOUT))
                .and_then(|()| stream.write_all(request.as_bytes()));
        }
        Ok(())
    }

    /// The plain text the agent keeps for the file sealed with `key_id` whose bytes hash as
    /// `sealed` gives (not computed where there is no agent's socket), lent for as long as
    /// the [`KeptText`]'s lease lives when `lease` asks for one; or, on a `fill` or `write`
    /// lease, memory to decrypt the file into ([`KeptText::held`] false).
    /// `Ok(None)` when no agent runs or it keeps no such text.
    pub fn text(
        &self,
        key_id: &str,
        sealed: impl FnOnce() -> u128,
        lease: Option<Lease>,
    ) -> Result<Option<KeptText>, AgentError> {
        protocol::check_key_id(key_id).map_err(AgentError::KeyId)?;
        if !self.socket().exists() {
            return Ok(None);
        }
        Ok(self.ask_text(key_id, sealed(), lease, false)?.0)
    }

    /// [`Agent::text`] and the secret of `key_id` in one exchange, for a command that needs
    /// both (one answer from the agent, not two): the text where it keeps one (or memory to
    /// decrypt into, on a lease), and the secret where it holds the key.
    pub fn text_and_key(
        &self,
        key_id: &str,
        sealed: u128,
        lease: Lease,
    ) -> Result<(Option<KeptText>, Option<SecretString>), AgentError> {
        protocol::check_key_id(key_id).map_err(AgentError::KeyId)?;
        self.ask_text(key_id, sealed, Some(lease), true)
    }

    fn ask_text(
        &self,
        key_id: &str,
        sealed: u128,
        lease: Option<Lease>,
        with_key: bool,
    ) -> Result<(Option<KeptText>, Option<SecretString>), AgentError> {
        let hash = format!("{sealed:032x}");
        let request = protocol::encode_line(
            &Request {
                sealed: Some(&hash),
                lease,
                with_key: with_key.then_some(true),
                ..Request::of(Op::Text, Some(key_id))
            },
            LINE_OVERHEAD,
        )
        .map_err(AgentError::Memory)?;
        let mut passed = None;
        let answered = self.exchange_keeping(&request, Some(&mut passed), |response| {
            let text = match (response.held, response.len, response.room) {
                (Some(true), Some(len), room) => Some((true, len, room)),
                // Memory to decrypt the file into, lent only on a lease.
                (Some(false), None, Some(room)) if lease.is_some() => Some((false, 0, Some(room))),
                _ => None,
            };
            let secret = if with_key {
                self.secret_of(&response)?
            } else {
                None
            };
            Ok((text, secret))
        })?;
        let Some(((text, secret), stream)) = answered else {
            return Ok((None, None));
        };
        let kept = text.and_then(|(held, len, room)| {
            passed.map(|fd| KeptText {
                file: std::fs::File::from(fd),
                len,
                held,
                sealed,
                lease: lease.map(|_| TextLease::new(stream, room)),
            })
        });
        Ok((kept, secret))
    }

    /// What the running agent says about itself; `Ok(None)` when none runs.
    pub fn status(&self) -> Result<Option<Status>, AgentError> {
        let request = self.request(Op::Status, None)?;
        self.exchange(&request, None, |response| match response {
            Response {
                pid: Some(pid),
                keys: Some(keys),
                memory_locked: Some(memory_locked),
                texts,
                ..
            } => Ok(Status {
                pid,
                keys,
                memory_locked,
                texts: texts.unwrap_or(0),
            }),
            _ => Err(self.bad_answer("its status is incomplete")),
        })
    }

    /// A request that carries no secret.
    fn request(&self, op: Op, key: Option<&str>) -> Result<Locked, AgentError> {
        if let Some(key) = key {
            protocol::check_key_id(key).map_err(AgentError::KeyId)?;
        }
        protocol::encode_line(&Request::of(op, key), LINE_OVERHEAD).map_err(AgentError::Memory)
    }

    /// Sends `request` and reads the answer with `read`; `Ok(None)` when no agent runs there,
    /// including one that went away without answering (it was exiting).
    /// The whole exchange, connecting included, is over within [`ANSWER_TIMEOUT`].
    /// A descriptor passed with the answer goes into `passed`, when given.
    fn exchange<T>(
        &self,
        request: &Locked,
        passed: Option<&mut Option<OwnedFd>>,
        read: impl FnOnce(Response<'_>) -> Result<T, AgentError>,
    ) -> Result<Option<T>, AgentError> {
        Ok(self
            .exchange_keeping(request, passed, read)?
            .map(|(answer, _)| answer))
    }

    /// [`Agent::exchange`], with the connection, for a lease.
    fn exchange_keeping<T>(
        &self,
        request: &Locked,
        passed: Option<&mut Option<OwnedFd>>,
        read: impl FnOnce(Response<'_>) -> Result<T, AgentError>,
    ) -> Result<Option<(T, UnixStream)>, AgentError> {
        if self.was_silent() {
            return Err(self.no_answer(ANSWER_TIMEOUT));
        }
        let until = Instant::now() + ANSWER_TIMEOUT;
        let Some(mut stream) = self.connect(until)? else {
            return Ok(None);
        };
        let left = until.saturating_duration_since(Instant::now());
        if let Err(e) = stream
            .set_write_timeout(Some(left.max(Duration::from_millis(1))))
            .and_then(|()| stream.write_all(request.as_bytes()))
        {
            return self.gone_or(e);
        }
        let deadlined = serve::Deadlined {
            stream: &stream,
            until,
        };
        let read_line = match passed {
            Some(passed) => protocol::read_line(&mut Passing {
                deadlined,
                passed,
                first: true,
            }),
            None => protocol::read_line(&mut { deadlined }),
        };
        let answer = match read_line {
            Ok(answer) => answer,
            Err(protocol::LineError::Io(e)) => return self.gone_or(e),
            Err(e @ protocol::LineError::TooLong) => return Err(self.bad_answer(e.to_string())),
        };
        let line = protocol::line(&answer);
        if line.is_empty() {
            return Ok(None);
        }
        let response: Response<'_> =
            serde_json::from_slice(line).map_err(|e| self.bad_answer(protocol::json_fault(&e)))?;
        if !response.ok {
            return Err(AgentError::Refused {
                path: self.socket(),
                message: response
                    .error
                    .unwrap_or_else(|| "no reason given".to_string()),
            });
        }
        Ok(Some((read(response)?, stream)))
    }

    /// Connects to the socket by `until`, checking that the agent is this user's; `Ok(None)`
    /// when no agent listens there. An agent that takes no connection (stopped or stuck, with
    /// as many waiting as it queues) kept a plain connect waiting for ever.
    fn connect(&self, until: Instant) -> Result<Option<UnixStream>, AgentError> {
        self.check_folder()?;
        let socket = self.socket();
        if check_socket_path(&socket).is_err() {
            // No agent can listen on a path this long.
            return Ok(None);
        }
        let stream = match sys::connect_by(&socket, until) {
            Ok(stream) => stream,
            Err(e) if not_listening(&e) => return Ok(None),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(self.no_answer(ANSWER_TIMEOUT));
            }
            Err(source) => {
                return Err(AgentError::Io {
                    path: socket,
                    source,
                });
            }
        };
        let io_error = |source: io::Error| AgentError::Io {
            path: socket.clone(),
            source,
        };
        let uid = sys::peer_uid(&stream).map_err(|e| io_error(e.into()))?;
        if uid != sys::my_uid() {
            return Err(AgentError::Impostor { path: socket, uid });
        }
        Ok(Some(stream))
    }

    /// Whether the agent on this socket did not answer before, in this process.
    fn was_silent(&self) -> bool {
        let socket = self.socket();
        SILENT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(&socket)
    }

    /// The agent on this socket did not answer within `waited`: kept in mind for the rest of
    /// the process ([`SILENT`]), and said with the process that ends it.
    fn no_answer(&self, waited: Duration) -> AgentError {
        let socket = self.socket();
        let mut silent = SILENT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !silent.contains(&socket) {
            silent.push(socket.clone());
        }
        AgentError::NoAnswer {
            path: socket,
            secs: waited.as_secs(),
            pid: lock_holder(&self.dir),
        }
    }

    /// `Ok(None)` for an agent that closed the connection (it was exiting), else the error.
    fn gone_or<T>(&self, e: io::Error) -> Result<Option<T>, AgentError> {
        match e.kind() {
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof => Ok(None),
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                Err(self.no_answer(ANSWER_TIMEOUT))
            }
            _ => Err(AgentError::Io {
                path: self.socket(),
                source: e,
            }),
        }
    }

    fn bad_answer(&self, why: impl Into<String>) -> AgentError {
        AgentError::BadAnswer {
            path: self.socket(),
            why: why.into(),
        }
    }

    /// Starts an agent (`PROGRAM agent --dir DIR --idle SECS`) and waits for the starting
    /// process, which exits as soon as the agent listens. One that lost the race to another
    /// starter ([`ALREADY_RUNNING`]) is as good as a success.
    fn start(&self, idle: u64) -> Result<(), AgentError> {
        let program = match &self.program {
            Some(program) => program.clone(),
            None => std::env::current_exe().map_err(|e| AgentError::Start {
                program: PathBuf::from("trustladder"),
                why: format!("cannot find this program: {e}"),
            })?,
        };
        let failed = |why: String| AgentError::Start {
            program: program.clone(),
            why,
        };
        // The passphrase commands stay with the command that was given them: the agent, living
        // on for hours, would keep them (a passphrase, as `echo …`) in its environment.
        let mut child = Command::new(&program)
            .env_remove(crate::crypt::unlock::PASSPHRASE_COMMAND_ENV)
            .env_remove(crate::crypt::unlock::NEW_PASSPHRASE_COMMAND_ENV)
            .arg("agent")
            .arg("--dir")
            .arg(&self.dir)
            .arg("--idle")
            .arg(idle.to_string())
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(e.to_string()))?;
        let deadline = Instant::now() + START_TIMEOUT;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(failed(format!(
                        "it did not start within {} s",
                        START_TIMEOUT.as_secs()
                    )));
                }
                Err(e) => return Err(failed(e.to_string())),
            }
        };
        if status.success() || status.code() == Some(i32::from(ALREADY_RUNNING)) {
            return Ok(());
        }
        let mut said = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = io::Read::read_to_string(&mut stderr, &mut said);
        }
        let said = said.trim();
        Err(failed(if said.is_empty() {
            format!("it exited with {status}")
        } else {
            said.strip_prefix("trustladder: ")
                .unwrap_or(said)
                .to_string()
        }))
    }
}

/// The process id of the agent holding the lock of the folder `dir`, as it wrote it there;
/// `None` when no process holds the lock (what listens on the socket is then no agent of
/// this program's, and a process id left in the file may be another program's by now).
/// An answer read within its deadline, its first read taking the file descriptor the agent
/// passes with it, if any (closing any more than one).
struct Passing<'a, 'b> {
    deadlined: serve::Deadlined<'a>,
    passed: &'b mut Option<OwnedFd>,
    first: bool,
}

impl Read for Passing<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use nix::sys::socket::{ControlMessageOwned, MsgFlags, recvmsg};
        if !std::mem::take(&mut self.first) {
            return self.deadlined.read(buf);
        }
        let left = self
            .deadlined
            .until
            .saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let stream = self.deadlined.stream;
        stream.set_read_timeout(Some(left))?;
        let mut space = nix::cmsg_space!([std::os::fd::RawFd; 1]);
        let mut iov = [io::IoSliceMut::new(buf)];
        let msg = recvmsg::<()>(
            stream.as_raw_fd(),
            &mut iov,
            Some(&mut space),
            MsgFlags::MSG_CMSG_CLOEXEC,
        )?;
        for message in msg.cmsgs()? {
            if let ControlMessageOwned::ScmRights(fds) = message {
                for fd in fds {
                    // SAFETY: the kernel made `fd` for this process as the message arrived;
                    // nothing else owns it.
                    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
                    if self.passed.is_none() {
                        *self.passed = Some(owned);
                    }
                }
            }
        }
        Ok(msg.bytes)
    }
}

fn lock_holder(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(dir.join(serve::LOCK_FILE))
        .ok()?;
    match file.try_lock_shared() {
        Err(std::fs::TryLockError::WouldBlock) => {}
        // Not held (the shared lock is let go as the file closes), or not to be told.
        Ok(()) | Err(std::fs::TryLockError::Error(_)) => return None,
    }
    let mut text = String::new();
    io::Read::read_to_string(&mut io::Read::take(&mut file, 32), &mut text).ok()?;
    text.trim().parse().ok().filter(|&pid| pid > 0)
}

/// Whether connecting failed because nothing listens there (no socket, or a stale one).
fn not_listening(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused | io::ErrorKind::NotADirectory
    )
}

/// `idle` in whole seconds, rounded up, at least one.
fn whole_seconds(idle: Duration) -> u64 {
    idle.as_secs()
        .saturating_add(u64::from(idle.subsec_nanos() > 0))
        .max(1)
}
