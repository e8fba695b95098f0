//! The daemon: makes its private folder and socket, detaches, then answers one request at a
//! time until it holds no key any more, is told to lock, or gets a signal to stop.
//!
//! One agent per folder: whoever holds the lock on `agent.lock` (an advisory `flock`, which the
//! kernel drops when its holder dies) is the agent, and only the holder touches the socket
//! file. A starter that finds the lock free therefore knows that a socket file left there is
//! stale and replaces it; one that finds it held by an agent with a socket exits with
//! [`ALREADY_RUNNING`](super::ALREADY_RUNNING), and one held by an agent without (stopping, or
//! starting) is waited for a moment.

use std::collections::HashMap;
use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::stat::{Mode, umask};
use zeroize::Zeroize;

use super::memory::Locked;
use super::protocol::{self, Command, LINE_OVERHEAD, Response};
use super::sys::{self, Side};
use super::texts::Texts;
use super::watch::Watched;
use super::{AgentError, SOCKET, absolute, check_socket_path};

/// The lock file whose holder is the agent; it also holds the agent's process id, for people.
pub(super) const LOCK_FILE: &str = "agent.lock";

/// How long a connected client has to send its whole request, and to take each write of the
/// answer: a stuck or trickling client must not keep the others waiting for ever.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a starting agent waits for the lock held by another without a socket, which is
/// stopping or starting.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// The longest the agent sleeps between looks at the clock, so that keys are forgotten soon
/// after a machine wakes from sleep (a sleeping `poll` does not count suspended time).
const MAX_NAP: Duration = Duration::from_secs(10);

/// The most keys the agent holds at once (a ledger needs one): each takes a locked page, and
/// the system's limit of locked memory is small.
const MAX_KEYS: usize = 64;

/// The most leases open at once (see `texts`): each holds a connection open. Past them a
/// text is handed as to a command that keeps no lease.
const MAX_LEASES: usize = 32;

/// The longest message a command sends on its lease: a `rewrite` of the most edits, each of
/// four numbers of up to 20 digits.
const MAX_LEASE_LINE: usize = 8 << 10;

/// Runs the agent for the socket in `dir`: refuses core dumps, makes `dir` (0700) if needed
/// and refuses one that other users can open, takes the folder's lock (failing with
/// [`AgentError::AlreadyRunning`] when an agent holds it), listens on a 0600 socket, then
/// detaches. The starting process returns `Ok` at once, listening already done, so a client
/// may connect as soon as it has exited; the detached agent returns when it stops. With no key
/// given within `idle`, it stops.
pub fn serve(dir: &Path, idle: Duration) -> Result<(), AgentError> {
    sys::harden().map_err(AgentError::Harden)?;
    let dir = absolute(dir);
    let socket = dir.join(SOCKET);
    check_socket_path(&socket)?;
    prepare_folder(&dir)?;
    let mut lock = take_lock(&dir, &socket)?;
    let listener = bind(&socket)?;
    match sys::detach(&[listener.as_raw_fd(), lock.as_raw_fd()]).map_err(AgentError::Detach)? {
        Side::Starter => return Ok(()),
        Side::Agent => sys::never_preempt(),
    }
    // For people and for scripts that must stop it: which process holds the lock.
    let _ = lock
        .set_len(0)
        .and_then(|()| writeln!(lock, "{}", std::process::id()));
    let stop = StopSignals::new();
    let result = Daemon::new(listener, idle, sys::my_uid(), socket.clone())
        .run(stop.as_ref().map(StopSignals::as_fd));
    // Only the lock's holder removes the socket, and only before letting go of the lock.
    let _ = fs::remove_file(&socket);
    drop(lock);
    result
}

/// Makes the folder (0700, under a umask that keeps everything the agent creates private) and
/// refuses one that is not a folder, belongs to someone else or that other users may enter.
/// An existing folder's mode is never changed: TRUSTLADDER_AGENT_DIR might name a shared one.
/// A `.gitignore` of `*` keeps git from ever committing what is in it.
fn prepare_folder(dir: &Path) -> Result<(), AgentError> {
    umask(Mode::from_bits_truncate(0o077));
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| AgentError::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
    let meta = fs::symlink_metadata(dir).map_err(|source| AgentError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    check_folder(dir, &meta)?;
    // Without XDG_RUNTIME_DIR the folder is inside the data folder, which sync makes a git work
    // tree: the lock file must never be committed (a socket never is).
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = fs::write(
            &ignore,
            "# The key agent's socket and lock: never to be committed.\n*\n",
        );
    }
    Ok(())
}

/// Refuses an agent's folder `dir` (of metadata `meta`) that is not a folder, belongs to
/// someone else or that other users may enter: the agent starts in no such folder, and a
/// client says so rather than find no agent there, which read as "nothing was unlocked".
pub(crate) fn check_folder(dir: &Path, meta: &fs::Metadata) -> Result<(), AgentError> {
    let unsafe_folder = |why: String| AgentError::UnsafeFolder {
        path: dir.to_path_buf(),
        why,
    };
    // What is there instead, and the way past it: a link to a folder is a folder to the user,
    // so "not a folder" alone read as wrong, and said nothing of what to do.
    if !meta.is_dir() {
        return Err(unsafe_folder(format!(
            "is {}, not a folder: move it aside, or set {} to another folder",
            crate::store::kind(meta),
            super::DIR_ENV
        )));
    }
    if meta.uid() != sys::my_uid() {
        return Err(unsafe_folder(format!(
            "belongs to user {}, not to you",
            meta.uid()
        )));
    }
    if meta.mode() & 0o077 != 0 {
        return Err(unsafe_folder(format!(
            "is open to other users (mode {:o}): make it 0700 or choose another folder",
            meta.mode() & 0o7777
        )));
    }
    Ok(())
}

/// Takes the folder's lock: held by an agent with a socket, an agent already runs; held by
/// one without, it is waited for a moment ([`LOCK_WAIT`]).
fn take_lock(dir: &Path, socket: &Path) -> Result<File, AgentError> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .map_err(|source| AgentError::Folder {
            path: path.clone(),
            source,
        })?;
    // A holder without a socket is stopping (it removes the socket first, then wipes what it
    // kept and lets go) or starting (it listens at once): wait for the one or the other.
    let until = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if !socket.exists() && Instant::now() < until => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(AgentError::AlreadyRunning {
                    path: socket.to_path_buf(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(AgentError::Folder { path, source }),
        }
    }
}

/// Listens on `socket`, replacing a stale socket file (the caller holds the lock, so no agent
/// listens on it), and makes it 0600.
fn bind(socket: &Path) -> Result<UnixListener, AgentError> {
    let failed = |source: io::Error| AgentError::Listen {
        path: socket.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(socket) {
        Ok(meta) if meta.file_type().is_socket() => fs::remove_file(socket).map_err(failed)?,
        Ok(_) => {
            return Err(failed(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "something other than a socket is in the way",
            )));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(e)),
    }
    let listener = UnixListener::bind(socket).map_err(failed)?;
    fs::set_permissions(socket, fs::Permissions::from_mode(0o600)).map_err(failed)?;
    listener.set_nonblocking(true).map_err(failed)?;
    Ok(listener)
}

/// A pipe that SIGTERM, SIGINT and SIGHUP write to, so that the agent wipes its keys and
/// removes its socket when told to stop, instead of dying with them.
struct StopSignals {
    read: UnixStream,
    /// Kept open for the handlers to write to.
    _write: UnixStream,
}

impl StopSignals {
    /// `None` when the pipe cannot be made: the signals then stop the agent the hard way,
    /// which frees its memory all the same.
    fn new() -> Option<StopSignals> {
        let (read, write) = UnixStream::pair().ok()?;
        read.set_nonblocking(true).ok()?;
        write.set_nonblocking(true).ok()?;
        for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            signal_hook::low_level::pipe::register_raw(signal, write.as_raw_fd()).ok()?;
        }
        Some(StopSignals {
            read,
            _write: write,
        })
    }

    fn as_fd(&self) -> BorrowedFd<'_> {
        self.read.as_fd()
    }
}

/// A key the agent holds.
struct Held {
    secret: Locked,
    idle: Duration,
    last_used: Duration,
}

impl Held {
    /// The secret in hex, in locked memory, as an answer carries it (`get`, and `text` asked
    /// `with_key`); else the refusal that says why not.
    fn hex(&self) -> Result<Locked, Response<'static>> {
        protocol::to_hex(self.secret.as_bytes())
            .map_err(|e| Response::refuse(format!("could not read the key: {e}")))
    }
}

/// Whether the agent goes on after a request.
#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Stop,
}

/// The agent's state and loop, apart from the process set-up so that it can be tested in a
/// thread.
pub(crate) struct Daemon {
    listener: UnixListener,
    keys: HashMap<String, Held>,
    /// The plain texts opened with the keys, for commands that ask (see `texts`).
    texts: Texts,
    /// The ledgers whose texts are kept, for a file written from outside (see `watch`).
    watched: Watched,
    /// The connections of commands a text is lent to, open while they map it.
    leases: Vec<Lent>,
    /// How long to wait for a first key.
    first_wait: Duration,
    started: Duration,
    had_key: bool,
    /// The only user served.
    uid: u32,
    /// For messages.
    socket: PathBuf,
}

impl Daemon {
    /// An agent answering on `listener` (non-blocking) to user `uid` alone.
    pub(crate) fn new(listener: UnixListener, idle: Duration, uid: u32, socket: PathBuf) -> Self {
        Daemon {
            listener,
            keys: HashMap::new(),
            texts: Texts::default(),
            watched: Watched::default(),
            leases: Vec::new(),
            first_wait: idle,
            started: sys::now(),
            had_key: false,
            uid,
            socket,
        }
    }

    /// Answers requests until the last key is forgotten (or none came within the first
    /// wait), a lock request, or something readable on `stop`. Every key is wiped on return.
    pub(crate) fn run(mut self, stop: Option<BorrowedFd<'_>>) -> Result<(), AgentError> {
        let result = self.answer_until_stopped(stop);
        // Gone from the folder before what it keeps is wiped, which takes a moment with a
        // large text: `unlock` run meanwhile then finds no agent, and the one it starts waits
        // for this one's lock (see `take_lock`), where it had found the lock held, taken this
        // one for running, and waited for an answer that never came.
        let _ = fs::remove_file(&self.socket);
        drop(self.listener);
        result
    }

    fn answer_until_stopped(&mut self, stop: Option<BorrowedFd<'_>>) -> Result<(), AgentError> {
        loop {
            let now = sys::now();
            self.forget_expired(now);
            self.open_due(now);
            let Some(wait) = self.time_left(now) else {
                return Ok(());
            };
            let wait = self.texts.next_due(now).map_or(wait, |due| due.min(wait));
            let timeout = PollTimeout::try_from(wait.min(MAX_NAP)).unwrap_or(PollTimeout::MAX);
            let (incoming, stopping, written, lent) = {
                let mut fds = vec![PollFd::new(self.listener.as_fd(), PollFlags::POLLIN)];
                fds.extend(stop.map(|fd| PollFd::new(fd, PollFlags::POLLIN)));
                let watching = fds.len();
                fds.extend(
                    self.watched
                        .fd()
                        .map(|fd| PollFd::new(fd, PollFlags::POLLIN)),
                );
                let first_lease = fds.len();
                fds.extend(
                    self.leases
                        .iter()
                        .map(|lent| PollFd::new(lent.stream.as_fd(), PollFlags::POLLIN)),
                );
                match poll(&mut fds, timeout) {
                    Ok(_) => {}
                    Err(Errno::EINTR) => continue,
                    Err(source) => {
                        return Err(AgentError::Stopped {
                            path: self.socket.clone(),
                            source,
                        });
                    }
                }
                let ready = |fd: &PollFd<'_>| fd.any().unwrap_or(false);
                let lent: Vec<bool> = fds[first_lease..].iter().map(ready).collect();
                (
                    ready(&fds[0]),
                    stop.is_some() && fds.get(1).is_some_and(ready),
                    first_lease > watching && fds.get(watching).is_some_and(ready),
                    lent,
                )
            };
            if stopping {
                return Ok(());
            }
            // Before any new request: a command that ended just before the next one began
            // has let its text go, which the next may then be lent to write over.
            let heard = self.hear_leases(&lent);
            if written {
                self.open_written(&heard);
            }
            if incoming {
                match self.listener.accept() {
                    Ok((stream, _)) => {
                        if self.answer(stream) == Flow::Stop {
                            return Ok(());
                        }
                    }
                    // Gone before it was taken, or a transient shortage: the loop goes on.
                    Err(_) => continue,
                }
            }
        }
    }

    /// Reads what the commands whose leases are `ready` sent, and ends the leases of those
    /// that closed their connection or sent what a lease does not carry; the keys of the
    /// texts whose leases were heard from.
    fn hear_leases(&mut self, ready: &[bool]) -> Vec<String> {
        let mut at = 0;
        let mut heard = Vec::new();
        self.leases.retain_mut(|lent| {
            let was_ready = ready.get(at).copied().unwrap_or(false);
            at += 1;
            if !was_ready {
                return true;
            }
            heard.extend(self.texts.key_of(lent.text).map(str::to_string));
            let going_on = lent.hear(&mut self.texts);
            if !going_on {
                self.texts.released(lent.text);
            }
            going_on
        });
        heard
    }

    /// Wipes every key unused for its idle time, and gives up the texts it opened.
    fn forget_expired(&mut self, now: Duration) {
        let texts = &mut self.texts;
        let watched = &mut self.watched;
        self.keys.retain(|key, held| {
            let over = super::idle_over(held.last_used, now, held.idle);
            if over {
                texts.forget_key(key);
                watched.forget_key(key);
            }
            !over
        });
    }

    /// Opens the watched ledgers written since the last look (see `watch`): at once, for the
    /// next command to find its text kept however soon it comes, but for two cases. A file
    /// written while a command holds a lease on a text of that key, or by one whose lease
    /// was `heard` from just now, is left alone: that command is most likely saving it, and
    /// has the agent write its change over the text it lent, or asks for the file to be
    /// opened if it cannot. (Its save's event comes before its last message and the end of
    /// its lease, so a look that finds the lease ended has heard that message too.) One
    /// written while saves to it go on (one asked for it to be opened once they settle,
    /// `Texts::later`, as the UI's saves do) is opened once they settle, so that a burst of
    /// saves has it opened once.
    fn open_written(&mut self, heard: &[String]) {
        let now = sys::now();
        for (key, path) in self.watched.written() {
            let leased = heard.contains(&key)
                || self
                    .leases
                    .iter()
                    .any(|lent| self.texts.key_of(lent.text) == Some(key.as_str()));
            if leased {
                continue;
            }
            if self.texts.settling(&key, &path) {
                self.texts.later(&key, path, now);
            } else {
                self.open(&key, &path);
            }
        }
    }

    /// Opens the files whose saves have settled (see `Texts::later`) and keeps their texts.
    fn open_due(&mut self, now: Duration) {
        for (key, path) in self.texts.due(now) {
            self.open(&key, &path);
        }
    }

    /// Opens the sealed file at `path` with the key held as `key`, if it is still held, and
    /// keeps its text.
    fn open(&mut self, key: &str, path: &Path) {
        if let Some(secret) = self
            .keys
            .get(key)
            .and_then(|held| secret_text(&held.secret))
        {
            self.texts.remember(key, &secret, path);
        }
    }

    /// How long until the next key expires, or until the first wait ends; `None` when it is
    /// time to stop.
    fn time_left(&self, now: Duration) -> Option<Duration> {
        if self.keys.is_empty() {
            let end = self.started.saturating_add(self.first_wait);
            return (!self.had_key && now < end).then(|| end - now);
        }
        self.keys
            .values()
            .map(|held| held.last_used.saturating_add(held.idle).saturating_sub(now))
            .min()
    }

    /// Reads one request from `stream` and writes the answer, refusing another user's process
    /// before reading anything from it.
    fn answer(&mut self, mut stream: UnixStream) -> Flow {
        // A socket accepted from a non-blocking listener is non-blocking on some systems.
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_write_timeout(Some(CLIENT_TIMEOUT));
        let until = Instant::now() + CLIENT_TIMEOUT;
        match sys::peer_uid(&stream) {
            Ok(uid) if uid == self.uid => {}
            Ok(_) | Err(_) => {
                write_answer(
                    &mut stream,
                    &Response::refuse("this agent serves only the user who started it"),
                );
                // The request is read (bounded, and never looked at) before the stream is
                // closed: closing with it unread would reset the connection, and the refusal
                // could be lost before the peer reads it.
                let _ = stream.shutdown(std::net::Shutdown::Write);
                let _ = protocol::read_line(&mut Deadlined {
                    stream: &stream,
                    until,
                });
                return Flow::Continue;
            }
        }
        let request = match protocol::read_line(&mut Deadlined {
            stream: &stream,
            until,
        }) {
            Ok(request) => request,
            Err(e) => {
                write_answer(&mut stream, &Response::refuse(e.to_string()));
                if matches!(e, protocol::LineError::TooLong) {
                    drain(&stream, until);
                }
                return Flow::Continue;
            }
        };
        match protocol::parse_request(protocol::line(&request)) {
            Ok(command) => {
                let (flow, lent) = self.execute(command, &mut stream);
                if let Some(text) = lent
                    && stream.set_nonblocking(true).is_ok()
                {
                    self.leases.push(Lent::new(stream, text));
                } else if let Some(text) = lent {
                    self.texts.released(text);
                }
                flow
            }
            Err(why) => {
                write_answer(&mut stream, &Response::refuse(why));
                Flow::Continue
            }
        }
    }

    /// Carries out a request and writes its answer; with the id of the text lent, when the
    /// connection is to stay open as its lease.
    fn execute(&mut self, command: Command<'_>, stream: &mut UnixStream) -> (Flow, Option<u64>) {
        let now = sys::now();
        // A key that ran out while the request waited is gone before it is asked for.
        self.forget_expired(now);
        let response = match command {
            Command::Put {
                key,
                secret_hex,
                idle,
            } => match self.put(key, secret_hex, idle, now) {
                Ok(()) => Response::ok(),
                Err(why) => Response::refuse(why),
            },
            Command::Get { key } => {
                let Some(held) = self.keys.get_mut(key) else {
                    write_answer(stream, &Response::ok());
                    return (Flow::Continue, None);
                };
                held.last_used = now;
                match held.hex() {
                    Ok(hex) => {
                        let secret = protocol::as_str(&hex).ok();
                        write_answer(
                            stream,
                            &Response {
                                secret,
                                ..Response::ok()
                            },
                        );
                        return (Flow::Continue, None);
                    }
                    Err(refused) => refused,
                }
            }
            Command::Holds { key } => Response {
                held: Some(self.keys.contains_key(key)),
                ..Response::ok()
            },
            // The key is wiped as it is dropped; with none left the loop ends, as after the
            // last key's idle time.
            Command::Forget { key } => {
                self.texts.forget_key(key);
                self.watched.forget_key(key);
                Response {
                    held: Some(self.keys.remove(key).is_some()),
                    ..Response::ok()
                }
            }
            Command::Status => Response {
                pid: Some(std::process::id()),
                keys: Some(self.keys.len()),
                memory_locked: Some(self.keys.values().all(|held| held.secret.is_locked())),
                texts: Some(self.texts.len()),
                ..Response::ok()
            },
            Command::Remember { key, path, later } => {
                let held = self.keys.contains_key(key);
                write_answer(
                    stream,
                    &Response {
                        held: Some(held),
                        ..Response::ok()
                    },
                );
                // Answered first: the command that asked need not wait for the opening.
                if held {
                    self.watched.watch(key, &path);
                }
                match (held, later) {
                    (true, true) => self.texts.later(key, path, now),
                    (true, false) => self.open(key, &path),
                    (false, _) => {}
                }
                return (Flow::Continue, None);
            }
            Command::Text {
                key,
                sealed,
                lease,
                with_key,
            } => {
                let Some(held) = self.keys.get_mut(key) else {
                    write_answer(stream, &Response::ok());
                    return (Flow::Continue, None);
                };
                held.last_used = now;
                // The secret, asked for with the text, saves the command a `get` first.
                let hex = match with_key.then(|| held.hex()).transpose() {
                    Ok(hex) => hex,
                    Err(refused) => {
                        write_answer(stream, &refused);
                        return (Flow::Continue, None);
                    }
                };
                let secret = hex.as_ref().and_then(|hex| protocol::as_str(hex).ok());
                let lease = lease.filter(|_| self.leases.len() < MAX_LEASES);
                // The text lent, on a lease: the connection then stays open as the lease.
                let lent = match self.texts.find(key, sealed, lease) {
                    Some(text) => {
                        write_answer_with(
                            stream,
                            &Response {
                                held: Some(text.held),
                                len: text.held.then_some(text.len),
                                room: text.room,
                                secret,
                                ..Response::ok()
                            },
                            Some(text.fd),
                        );
                        lease.map(|_| text.id)
                    }
                    None => {
                        write_answer(
                            stream,
                            &Response {
                                held: Some(false),
                                secret,
                                ..Response::ok()
                            },
                        );
                        None
                    }
                };
                return (Flow::Continue, lent);
            }
            Command::Rewriting | Command::Rewritten { .. } | Command::Rewrite { .. } => {
                Response::refuse(
                    "malformed request: rewriting, rewritten and rewrite go on a lease",
                )
            }
            Command::Lock => {
                let forgot = self.keys.len();
                self.texts.clear();
                self.watched.clear();
                self.keys.clear();
                write_answer(
                    stream,
                    &Response {
                        keys: Some(forgot),
                        ..Response::ok()
                    },
                );
                return (Flow::Stop, None);
            }
        };
        write_answer(stream, &response);
        (Flow::Continue, None)
    }

    /// Takes a key into locked memory, replacing (and wiping) any it held under that id.
    fn put(
        &mut self,
        key: &str,
        secret_hex: &str,
        idle: Duration,
        now: Duration,
    ) -> Result<(), String> {
        if secret_hex.len() > 2 * protocol::MAX_SECRET {
            return Err(format!(
                "the secret is longer than {} bytes",
                protocol::MAX_SECRET
            ));
        }
        let secret = protocol::from_hex(secret_hex)
            .map_err(|e| format!("could not set aside memory for the key: {e}"))?
            .ok_or("malformed request: the secret is not hex")?;
        if std::str::from_utf8(secret.as_bytes()).is_err() {
            return Err("malformed request: the secret is not UTF-8 text".to_string());
        }
        if self.keys.len() >= MAX_KEYS && !self.keys.contains_key(key) {
            return Err(format!("the agent holds {MAX_KEYS} keys already"));
        }
        self.keys.insert(
            key.to_string(),
            Held {
                secret,
                idle,
                last_used: now,
            },
        );
        self.had_key = true;
        Ok(())
    }
}

/// A command's connection kept open while a text is lent to it (see `texts`).
pub(super) struct Lent {
    stream: UnixStream,
    /// The text lent.
    text: u64,
    /// What came of a message not yet ended by its newline.
    heard: Vec<u8>,
}

impl Lent {
    pub(super) fn new(stream: UnixStream, text: u64) -> Lent {
        Lent {
            stream,
            text,
            heard: Vec::new(),
        }
    }

    /// Reads what the command sent and does what it says; `false` when the lease is over:
    /// the connection closed, failed, or carried something a lease does not. What came
    /// before the end is heard first: a command that says it wrote over its text and ends
    /// has its last words read with its end.
    pub(super) fn hear(&mut self, texts: &mut Texts) -> bool {
        let mut buf = [0u8; MAX_LEASE_LINE];
        let open = loop {
            match (&self.stream).read(&mut buf) {
                Ok(0) => break false,
                Ok(n) => self.heard.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break true,
                Err(_) => break false,
            }
            if self.heard.len() > 2 * MAX_LEASE_LINE {
                break false;
            }
        };
        while let Some(end) = self.heard.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.heard.drain(..=end).collect();
            match protocol::parse_request(&line[..end]) {
                Ok(Command::Rewriting) => texts.rewriting(self.text),
                Ok(Command::Rewritten { sealed, len }) => texts.rewritten(self.text, sealed, len),
                Ok(Command::Rewrite { sealed, len, edits }) => {
                    texts.rewrite(self.text, sealed, len, &edits);
                }
                _ => return false,
            }
        }
        open && self.heard.len() <= MAX_LEASE_LINE
    }
}

/// A connection read within one deadline for the whole line. A timeout on each read alone
/// would let a client that sends a byte now and then hold the agent (which serves one client
/// at a time) for days, its keys past their idle time and `lock` unanswered; and an agent
/// that answers so keep a command waiting past the time its message says it waited.
pub(super) struct Deadlined<'a> {
    pub(super) stream: &'a UnixStream,
    pub(super) until: Instant,
}

impl Read for Deadlined<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Reads and drops what is left of an oversized request (a bounded amount, by the client's
/// deadline), so that closing the connection does not reset it before the client has read the
/// refusal.
fn drain(stream: &UnixStream, until: Instant) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut stream = Deadlined { stream, until };
    let mut scratch = [0u8; 4096];
    let mut left = 16 * protocol::MAX_LINE;
    while left > 0 {
        match stream.read(&mut scratch) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    scratch.zeroize();
}

/// Writes an answer line, built in locked memory; a client that has gone is no concern.
fn write_answer(stream: &mut UnixStream, response: &Response<'_>) {
    write_answer_with(stream, response, None);
}

/// [`write_answer`], passing `fd` with the line's first bytes (`SCM_RIGHTS`).
fn write_answer_with(stream: &mut UnixStream, response: &Response<'_>, fd: Option<BorrowedFd<'_>>) {
    let room = response.secret.map_or(0, str::len)
        + response.error.as_ref().map_or(0, |e| 6 * e.len())
        + LINE_OVERHEAD;
    let Ok(line) = protocol::encode_line(response, room) else {
        return;
    };
    let mut bytes = line.as_bytes();
    if let Some(fd) = fd {
        use nix::sys::socket::{ControlMessage, MsgFlags, sendmsg};
        let fds = [fd.as_raw_fd()];
        let sent = sendmsg::<()>(
            stream.as_raw_fd(),
            &[io::IoSlice::new(bytes)],
            &[ControlMessage::ScmRights(&fds)],
            MsgFlags::MSG_NOSIGNAL,
            None,
        );
        match sent {
            Ok(n) => bytes = &bytes[n.min(bytes.len())..],
            Err(_) => return,
        }
    }
    let _ = stream.write_all(bytes);
}

/// The text of a key held, for opening a file with it (see `Texts::remember`).
fn secret_text(secret: &Locked) -> Option<secrecy::SecretString> {
    let text = std::str::from_utf8(secret.as_bytes()).ok()?;
    // Exactly as large as the text, so that `SecretString` never moves it.
    let mut owned = String::with_capacity(text.len());
    owned.push_str(text);
    Some(secrecy::SecretString::from(owned))
}
